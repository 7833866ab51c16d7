"""Handover lists (交接清单): paper handed from the account manager to the bank teller.

Two kinds, as the bank's forms have them: finished proposal forms (投保资料交接清单) and signed
policy receipts (保险合同交接清单).  A list is a draft while it is put together; the manager and
the teller both sign it on screen, and from then on it never changes.  Signing a list of policy
contracts hands the paper to the teller only: the signed 回执 go back to the insurer's
customer-service counter, a step of their own on the receipt (`ReceiptService.mark_returned`).

A document may sit on several drafts, but on one signed list of its kind only; signing checks
that again, since another draft may have been signed in between.  Items are listed in the order
the documents were dated, oldest first, as the paper piles up.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from sqlalchemy import and_, delete, func, null, or_, select
from sqlalchemy.orm import Session, sessionmaker

from app.errors import NotFound
from app.handover.checks import (
    CheckedItem,
    Draft,
    check_draft,
    kind_problem,
    on_signed_list,
    policyholder_join,
    superseded,
)
from app.handover.records import (
    APPLICATION_MATERIALS,
    KINDS,
    POLICY_CONTRACTS,
    SIGNERS,
    Candidate,
    HandoverItemView,
    HandoverSummary,
    HandoverView,
    InvalidHandover,
    ItemInput,
    SignatureInput,
    SignatureView,
    Signed,
    describe,
)
from app.profile.audit import record_event
from app.profile.settings import SettingsService
from app.rules import signature as signature_rules
from app.rules.ids import HandoverId, OutletId, ProposalId, ReceiptId, optional_id
from app.rules.problem import Problem
from local_db import models
from local_db.base import new_uuid, utcnow

CANDIDATE_LIMIT = 500
SIGNED_PROBLEM = Problem("status", "signed", "A signed handover list cannot change.", "已签字的交接清单不能修改。")


def _load_list(session: Session, list_id: str) -> models.HandoverList:
    row = session.get(models.HandoverList, list_id)
    if row is None:
        raise NotFound(f"No handover list {list_id}.", zh="找不到该交接清单。")
    return row


def _draft(session: Session, list_id: str) -> models.HandoverList:
    row = _load_list(session, list_id)
    if row.status != "draft":
        raise InvalidHandover([SIGNED_PROBLEM])
    return row


def _signature_problem(role: str, problem: Problem) -> Problem:
    who_en, who_zh = ("Manager", "客户经理") if role == "manager" else ("Teller", "柜员")
    return Problem(f"signature.{role}", problem.code, f"{who_en}: {problem.en}", f"{who_zh}：{problem.zh_CN}")


class HandoverService:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        settings: SettingsService,
        actor: Callable[[], str],
        today: Callable[[], date] = date.today,
    ) -> None:
        self._sessions = sessions
        self._settings = settings
        self._actor = actor
        self._today = today

    # ---- what can go on a list -----------------------------------------------------------

    def candidates(self, kind: str, outlet_id: OutletId | None = None, limit: int = CANDIDATE_LIMIT) -> list[Candidate]:
        """Documents not yet on a signed list of `kind`, oldest first.

        With `outlet_id`: that outlet's documents and those tied to no outlet (a proposal
        filled without choosing one), so nothing is out of reach.  A receipt's return to the
        insurer's counter is a separate step and does not take its contract off the list.
        """
        if kind not in KINDS:
            raise InvalidHandover([kind_problem(kind)])
        P, R = models.Proposal, models.Receipt
        holder, on = policyholder_join()
        if kind == APPLICATION_MATERIALS:
            query = (
                select(P.id, null(), P.application_date, P.product_name, holder.name, null(), null(), P.outlet_id,
                       P.paper_form_number)
                .where(P.status == "finished", ~superseded(), ~on_signed_list(kind, P.id))
                .order_by(P.application_date, P.id)
            )  # fmt: skip
        else:
            query = (
                select(P.id, R.id, R.signed_on, P.product_name, holder.name, R.policy_number, R.return_due_on,
                       P.outlet_id, null())
                .select_from(R)
                .join(P, P.id == R.proposal_id)
                .where(R.status == "signed", ~on_signed_list(kind, R.id))
                .order_by(R.signed_on, R.id)
            )  # fmt: skip
        query = query.outerjoin(holder, on).limit(limit)
        if outlet_id is not None:
            query = query.where(or_(P.outlet_id == outlet_id, P.outlet_id.is_(None)))
        with self._sessions() as session:
            rows = session.execute(query).all()
        return [
            Candidate(kind, pid, rid, day, product, name or "", number or "", due, outlet,
                      describe(kind, product, name or "", number or "", form or ""))
            for pid, rid, day, product, name, number, due, outlet, form in rows
        ]  # fmt: skip

    # ---- drafts --------------------------------------------------------------------------

    def create_draft(
        self, kind: str, day: date, outlet_id: OutletId | None, teller_name: str, items: Sequence[ItemInput]
    ) -> HandoverId:
        list_id = HandoverId(new_uuid())
        with self._sessions.begin() as session:
            checked = self._check(session, list_id, kind, day, outlet_id, teller_name, items)
            row = models.HandoverList(id=list_id, kind=kind, status="draft")
            session.add(row)
            self._write(session, row, day, outlet_id, teller_name, checked)
            record_event(session, actor=self._actor(), action="create", entity="handover_list",
                         entity_id=list_id, detail={"kind": kind, "items": len(checked)})  # fmt: skip
        return list_id

    def save_draft(
        self,
        list_id: HandoverId,
        kind: str,
        day: date,
        outlet_id: OutletId | None,
        teller_name: str,
        items: Sequence[ItemInput],
    ) -> None:
        """Replaces the draft's details and items, all or nothing."""
        with self._sessions.begin() as session:
            row = _draft(session, list_id)
            checked = self._check(session, list_id, kind, day, outlet_id, teller_name, items)
            row.kind = kind
            self._write(session, row, day, outlet_id, teller_name, checked)
            record_event(session, actor=self._actor(), action="edit", entity="handover_list",
                         entity_id=list_id, detail={"kind": kind, "items": len(checked)})  # fmt: skip

    def delete_draft(self, list_id: HandoverId) -> None:
        with self._sessions.begin() as session:
            row = _draft(session, list_id)
            kind = row.kind
            session.delete(row)
            record_event(session, actor=self._actor(), action="delete", entity="handover_list",
                         entity_id=list_id, detail={"kind": kind})  # fmt: skip

    # ---- signing -------------------------------------------------------------------------

    def sign(self, list_id: HandoverId, manager: SignatureInput, teller: SignatureInput) -> Signed:
        """Both sign, the list freezes, and receipts on it count as handed back: one transaction.

        Refused (InvalidHandover) when either signature fails `check_signature` or an item is
        no longer fit (e.g. meanwhile signed over on another list); nothing is written then.
        """
        signatures = {"manager": manager, "teller": teller}
        with self._sessions.begin() as session:
            row = _draft(session, list_id)
            items = list(session.scalars(
                select(models.HandoverItem).where(models.HandoverItem.handover_list_id == list_id)
            ))  # fmt: skip
            is_receipts = row.kind == POLICY_CONTRACTS
            inputs = [
                ItemInput(
                    None if is_receipts else optional_id(ProposalId, i.proposal_id),
                    optional_id(ReceiptId, i.receipt_id),
                    i.copies,
                    i.description,
                )
                for i in items
            ]
            problems: list[Problem] = []
            try:
                check_draft(session, Draft(list_id, row.kind, row.day, row.outlet_id, row.teller_name,
                                           row.manager_name, inputs), self._today())  # fmt: skip
            except InvalidHandover as refused:
                problems += refused.problems
            for role in SIGNERS:
                problems += [_signature_problem(role, p) for p in signature_rules.check_signature(signatures[role][0])]
            if problems:
                raise InvalidHandover(problems)
            now = utcnow()
            names = {"manager": row.manager_name, "teller": row.teller_name}
            for role in SIGNERS:
                sig, png = signatures[role]
                session.add(models.Signature(
                    id=new_uuid(), handover_list_id=list_id, signer_role=role, signer_name=names[role],
                    strokes_json=signature_rules.to_json(sig), png=png, signed_at=now,
                ))  # fmt: skip
            row.status, row.signed_at = "signed", now
            record_event(session, actor=self._actor(), action="finish", entity="handover_list", entity_id=list_id,
                         detail={"kind": row.kind, "items": len(items)})  # fmt: skip
            session.flush()  # a database refusal surfaces here, inside the transaction
        return Signed(list_id, now)

    # ---- reading -------------------------------------------------------------------------

    def lists(self, limit: int = 50, before: HandoverSummary | None = None) -> list[HandoverSummary]:
        """Newest first (by day, then creation); pass the last row shown as `before` for more."""
        L, I = models.HandoverList, models.HandoverItem  # noqa: E741
        counts = (
            select(I.handover_list_id.label("list_id"), func.count().label("n"), func.sum(I.copies).label("copies"))
            .group_by(I.handover_list_id)
            .subquery()
        )
        query = (
            select(L, models.Outlet.name, counts.c.n, counts.c.copies)
            .outerjoin(models.Outlet, models.Outlet.id == L.outlet_id)
            .outerjoin(counts, counts.c.list_id == L.id)
            .order_by(L.day.desc(), L.created_at.desc(), L.id.desc())
            .limit(limit)
        )
        if before is not None:
            same_day_older = or_(
                L.created_at < before.created_at, and_(L.created_at == before.created_at, L.id < before.id)
            )
            query = query.where(or_(L.day < before.day, and_(L.day == before.day, same_day_older)))
        with self._sessions() as session:
            return [
                HandoverSummary(
                    id=h.id, kind=h.kind, day=h.day, outlet_id=h.outlet_id, outlet_name=outlet or "",
                    teller_name=h.teller_name, manager_name=h.manager_name, status=h.status,
                    signed_at=h.signed_at, item_count=n or 0, total_copies=copies or 0, created_at=h.created_at,
                )
                for h, outlet, n, copies in session.execute(query)
            ]  # fmt: skip

    def get(self, list_id: HandoverId) -> HandoverView:
        P, R, I = models.Proposal, models.Receipt, models.HandoverItem  # noqa: E741
        holder, on = policyholder_join()
        day = func.coalesce(R.signed_on, P.application_date)
        with self._sessions() as session:
            row = _load_list(session, list_id)
            outlet = session.get(models.Outlet, row.outlet_id) if row.outlet_id else None
            items = session.execute(
                select(I, P.product_name, holder.name, R.policy_number)
                .outerjoin(R, R.id == I.receipt_id)
                .outerjoin(P, P.id == func.coalesce(I.proposal_id, R.proposal_id))
                .outerjoin(holder, on)
                .where(I.handover_list_id == list_id)
                .order_by(day, I.description, I.id)
            ).all()
            signatures = session.scalars(
                select(models.Signature).where(models.Signature.handover_list_id == list_id)
                .order_by(models.Signature.signer_role)
            )  # fmt: skip
            return HandoverView(
                id=HandoverId(row.id), kind=row.kind, day=row.day, outlet_id=optional_id(OutletId, row.outlet_id),
                outlet_code=outlet.code if outlet else "", outlet_name=outlet.name if outlet else "",
                teller_name=row.teller_name, manager_name=row.manager_name,
                manager_code=self._settings.manager().code, status=row.status, signed_at=row.signed_at,
                items=tuple(
                    HandoverItemView(number, item.proposal_id, item.receipt_id, item.description, name or "",
                                     product or "", policy or "", item.copies)
                    for number, (item, product, name, policy) in enumerate(items, start=1)
                ),
                signatures=tuple(SignatureView(s.signer_role, s.signer_name, s.png, s.signed_at) for s in signatures),
            )  # fmt: skip

    def _check(
        self,
        session: Session,
        list_id: str,
        kind: str,
        day: date,
        outlet_id: str | None,
        teller_name: str,
        items: Sequence[ItemInput],
    ) -> list[CheckedItem]:
        """Checks a draft as it will be saved: under the manager's name in the profile now."""
        manager_name = self._settings.manager().name
        return check_draft(
            session, Draft(list_id, kind, day, outlet_id, teller_name, manager_name, items), self._today()
        )

    def _write(
        self,
        session: Session,
        row: models.HandoverList,
        day: date,
        outlet_id: str | None,
        teller_name: str,
        items: list[CheckedItem],
    ) -> None:
        row.day, row.outlet_id, row.teller_name = day, outlet_id, teller_name.strip()
        row.manager_name = self._settings.manager().name.strip()
        session.flush()
        session.execute(delete(models.HandoverItem).where(models.HandoverItem.handover_list_id == row.id))
        for item in items:
            # A receipt's item names its proposal too, as the demo data does, so a form's whole
            # paper trail is found from the proposal.
            session.add(models.HandoverItem(
                id=new_uuid(), handover_list_id=row.id, proposal_id=item.proposal_id, receipt_id=item.receipt_id,
                description=item.description, copies=item.copies,
            ))  # fmt: skip
