"""The Proposals page's reads, and the link between a proposal's parties and client cards.

The list pages through a keyset (created_at, id), newest first, so the thousandth page costs
what the first does.  Rows carry names and amounts only: never an ID or phone number.

A party can be taken from a client card (`party_from_client`, then `ProposalService.link_party`)
or typed inline and kept as a new card (`save_party_as_client`), which links it in the same
transaction so a crash never leaves a card the proposal does not know about.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, and_, exists, func, or_, select
from sqlalchemy.orm import Session, aliased, sessionmaker

from app.clients.records import ClientDraft
from app.clients.service import ClientService
from app.errors import InvalidInput, NotFound
from app.proposals.service import link_party_row
from app.rules.ids import ClientId, ProposalId
from app.rules.masking import mask_phone
from app.rules.proposal import SIGNER_ROLES, PartyDoc
from local_db import models

STATUSES = ("all", "draft", "finished")
PAGE_SIZE = 200


@dataclass(frozen=True)
class ProposalRow:
    id: ProposalId
    version: int
    status: str  # draft | finished
    application_date: date | None
    product_name: str
    policyholder_name: str
    insured_name: str
    premium_cents: int | None
    hq_status: str | None  # received | accepted | problem | issued, None before head office answers
    hq_policy_number: str | None
    open_problems: int  # head-office problem cases (问题件) not yet resolved
    has_newer_version: bool  # a correction supersedes this one
    created_at: datetime
    withdrawn: bool = False  # withdrawn (撤件): not issued within 30 days of sending (app.day.today)
    source: str = "app"  # app | paper (filled on paper at the counter, app.proposals.paper)
    paper_form_number: str = ""  # the paper form's printed number
    withdrawn_reason: str = ""  # why it was withdrawn (not issued in time, or at the client's request)


@dataclass(frozen=True)
class Cursor:
    """Where the next page starts: just after this row in newest-first order."""

    created_at: datetime
    id: ProposalId


@dataclass(frozen=True)
class ProposalPage:
    rows: tuple[ProposalRow, ...]
    next: Cursor | None  # None when this page is the last


@dataclass(frozen=True)
class ClientLink:
    client_id: ClientId
    name: str
    mobile_masked: str


@dataclass(frozen=True)
class StoredSignature:
    """A finished proposal's signature: the strokes (the evidence, drawn on screen) and the PNG
    the printed form uses."""

    role: str  # policyholder | insured
    name: str
    strokes_json: str
    png: bytes
    signed_at: datetime


def client_draft_from_party(party: PartyDoc) -> ClientDraft:
    """The card a party typed inline becomes: what the proposal knows, nothing more."""
    return ClientDraft(
        name=party.name, gender=party.gender, birth_date=party.birth_date, id_type=party.id_type,
        id_number=party.id_number, mobile=party.mobile, address=party.address,
        occupation=party.occupation,
    )  # fmt: skip


class ProposalRecords:
    def __init__(self, sessions: sessionmaker[Session], clients: ClientService, actor: Callable[[], str]) -> None:
        self._sessions = sessions
        self._clients = clients
        self._actor = actor

    # ---- the list ----------------------------------------------------------------------

    def page(
        self, status: str = "all", text: str = "", after: Cursor | None = None, limit: int = PAGE_SIZE
    ) -> ProposalPage:
        """Up to `limit` proposals, newest first, starting after `after`.

        `status`: all | draft | finished; `text` matches the policyholder's or insured's name,
        or a paper proposal's form number.
        """
        if status not in STATUSES:
            raise InvalidInput(f"Unknown proposal status filter {status!r} (use {', '.join(STATUSES)}).",
                               zh=f"未知的投保单状态筛选：{status}。")  # fmt: skip
        if limit < 1:
            raise InvalidInput("A page holds at least one proposal.", zh="每页至少显示一份投保单。")
        p = models.Proposal
        statement, holder, insured = _rows_statement()
        statement = statement.order_by(p.created_at.desc(), p.id.desc()).limit(limit + 1)
        if status != "all":
            statement = statement.where(p.status == status)
        words = text.strip()
        if words:
            pattern = f"%{_escape_like(words)}%"
            statement = statement.where(
                or_(
                    holder.name.like(pattern, escape="\\"),
                    insured.name.like(pattern, escape="\\"),
                    p.paper_form_number.like(pattern, escape="\\"),
                )
            )
        if after is not None:
            statement = statement.where(
                or_(p.created_at < after.created_at, and_(p.created_at == after.created_at, p.id < after.id))
            )
        with self._sessions() as session:
            found = [_row(r) for r in session.execute(statement)]
        last = found[limit - 1] if len(found) > limit else None
        return ProposalPage(tuple(found[:limit]), Cursor(last.created_at, last.id) if last else None)

    def row(self, proposal_id: ProposalId) -> ProposalRow:
        """One proposal's list row, to refresh a single line after an edit."""
        statement, _, _ = _rows_statement()
        with self._sessions() as session:
            found = session.execute(statement.where(models.Proposal.id == proposal_id)).first()
        if found is None:
            raise NotFound(f"No proposal {proposal_id}.", zh="找不到该投保单。")
        return _row(found)

    # ---- parties and client cards ------------------------------------------------------

    def party_from_client(self, client_id: ClientId) -> PartyDoc:
        """A party filled from the card: name, gender, birth date, ID, mobile, address, occupation."""
        with self._sessions() as session:
            client = session.get(models.Client, client_id)
            if client is None:
                raise NotFound(f"No client card {client_id}.", zh="找不到该客户档案。")
            return PartyDoc(
                name=client.name, gender=client.gender, birth_date=client.birth_date,
                id_type=client.id_type, id_number=client.id_number or "", mobile=client.mobile,
                address=client.address, occupation=client.occupation, pregnancy_weeks=None,
                disabled=False,
            )  # fmt: skip

    def linked_clients(self, proposal_id: ProposalId) -> dict[str, ClientLink]:
        """role -> the card each party was taken from or saved as; roles without one are absent."""
        with self._sessions() as session:
            rows = session.execute(
                select(models.ProposalParty.role, models.Client.id, models.Client.name, models.Client.mobile)
                .join(models.Client, models.Client.id == models.ProposalParty.client_id)
                .where(models.ProposalParty.proposal_id == proposal_id)
            ).all()
        return {role: ClientLink(cid, name, mask_phone(mobile)) for role, cid, name, mobile in rows}

    def signatures(self, proposal_id: ProposalId) -> tuple[StoredSignature, ...]:
        """The stored signatures, policyholder first; none for a draft."""
        with self._sessions() as session:
            rows = session.scalars(select(models.Signature).where(models.Signature.proposal_id == proposal_id))
            found = [StoredSignature(r.signer_role, r.signer_name, r.strokes_json, r.png, r.signed_at) for r in rows]
        order = {role: n for n, role in enumerate(SIGNER_ROLES)}
        return tuple(sorted(found, key=lambda s: order.get(s.role, len(order))))

    def save_party_as_client(self, proposal_id: ProposalId, role: str, party: PartyDoc) -> ClientLink:
        """Keep a party typed inline as a new client card and link it, in one transaction.

        A card that breaks a card rule is kept as a draft card (as the client card does);
        a party without a name is refused."""
        if role not in SIGNER_ROLES:
            raise InvalidInput(f"Unknown party role {role!r}.", zh=f"未知的关系人角色：{role}。")
        if not party.name.strip():
            raise InvalidInput(
                "Type the name before keeping the party as a client card.",
                zh="请先填写姓名，再把此关系人存为客户档案。",
            )
        with self._sessions.begin() as session:
            saved = self._clients.save(client_draft_from_party(party), session=session)
            link_party_row(session, proposal_id, role, saved.client_id, self._actor())
        return ClientLink(saved.client_id, party.name.strip(), mask_phone(party.mobile))


def _rows_statement() -> tuple[Select[Any], Any, Any]:
    """The list's columns; returns the two party aliases so callers can filter on names."""
    p = models.Proposal
    holder, insured = aliased(models.ProposalParty), aliased(models.ProposalParty)
    open_letters = (
        select(func.count(models.HeadOfficeLetter.id))
        .where(models.HeadOfficeLetter.proposal_id == p.id, models.HeadOfficeLetter.resolved_at.is_(None))
        .scalar_subquery()
    )
    newer = aliased(models.Proposal)
    statement = (
        select(p.id, p.version, p.status, p.application_date, p.product_name, holder.name,
               insured.name, p.premium_cents, p.hq_status, p.hq_policy_number, open_letters,
               exists().where(newer.previous_id == p.id), p.created_at, p.withdrawn_at.is_not(None),
               p.source, p.paper_form_number, p.withdrawn_reason)
        .outerjoin(holder, and_(holder.proposal_id == p.id, holder.role == "policyholder"))
        .outerjoin(insured, and_(insured.proposal_id == p.id, insured.role == "insured"))
    )  # fmt: skip
    return statement, holder, insured


def _row(r: Any) -> ProposalRow:
    return ProposalRow(
        id=r[0], version=r[1], status=r[2], application_date=r[3], product_name=r[4] or "",
        policyholder_name=r[5] or "", insured_name=r[6] or "", premium_cents=r[7],
        hq_status=r[8], hq_policy_number=r[9], open_problems=r[10] or 0,
        has_newer_version=bool(r[11]), created_at=r[12], withdrawn=bool(r[13]),
        source=r[14] or "app", paper_form_number=r[15] or "", withdrawn_reason=r[16] or "",
    )  # fmt: skip


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
