"""Proposals (投保单): drafts, finishing with signatures, and corrections.

A draft keeps every field as typed, valid or not; `save_draft` returns the rule problems so
the editor can show them.  `finish` stores the signatures, the content hash and the outbox
item in one transaction; from then on the proposal never changes, and a correction is a new
draft version that points back to it (`correct`).

Signatures: the policyholder always signs.  The insured signs too, unless the insured *is*
the policyholder (relation "self"): then the policyholder's one signature counts for both,
and an insured signature, if given anyway, is checked and stored like any other.

The finished document (what is hashed and sent to head office) is the wire's
(`sync.wire.proposal_document`, shared with the head-office server)

    {"proposal": to_json(doc), "signatures": [{"role": ..., "strokes_json": ...}, ...]}

with the signatures sorted by role, written as canonical JSON (`canonical_text`: keys sorted,
compact separators, Chinese kept as characters) and hashed as UTF-8 with SHA-256.  The outbox
payload is the same document with `content_hash` added (`sync.wire.push_envelope`), in the
same canonical form.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from app.errors import InvalidInput, NotFound
from app.profile.audit import record_event
from app.profile.settings import SettingsService
from app.reference.products import current_catalogue
from app.rules import signature as signature_rules
from app.rules.ids import ClientId, ProposalId, optional_id
from app.rules.problem import Problem
from app.rules.product_catalogue import ProductCatalogue
from app.rules.proposal import (
    SIGNER_ROLES,
    BeneficiaryDoc,
    PartyDoc,
    ProposalDoc,
    canonical_text,
    content_hash,
    required_roles,
    to_json,
)
from app.rules.proposal_rules import check_proposal, proposal_warnings
from local_db import models
from local_db.base import new_uuid, utcnow
from sync import wire

FINISHED_MESSAGE = "a finished proposal cannot change; make a correction"
FINISHED_MESSAGE_ZH = "已完成的投保单不能修改；请提交更正。"
PARTY_COLUMNS = ("name", "gender", "birth_date", "id_type", "id_number", "mobile", "address",
                 "occupation", "pregnancy_weeks", "disabled")  # fmt: skip
PROPOSAL_COLUMNS = ("application_date", "product_code", "product_name", "catalogue_version", "sum_insured_cents",
                    "premium_cents", "payment_mode", "payment_years", "payment_bank",
                    "payment_account", "payment_account_holder", "manager_name", "manager_code",
                    "manager_phone")  # fmt: skip

SignatureInput = tuple[signature_rules.Signature, bytes]  # the strokes and the PNG for printing


@dataclass(frozen=True)
class DraftSaved:
    problems: tuple[Problem, ...]  # what would refuse the form (P codes)
    warnings: tuple[Problem, ...]  # what would send it to review (W codes)


@dataclass(frozen=True)
class ProposalView:
    doc: ProposalDoc
    status: str  # draft | finished
    version: int
    previous_id: ProposalId | None
    correction_reason: str
    content_hash: str | None
    signatures: tuple[str, ...]  # roles that have signed, sorted


@dataclass(frozen=True)
class Finished:
    content_hash: str
    outbox_item_id: str


# --- the finished document: pure, so the demo generator and tests spell it the same way ------


def finished_document(doc: ProposalDoc, signatures: Mapping[str, str]) -> dict[str, Any]:
    """The hashed document; `signatures` maps role -> stored strokes_json text."""
    return wire.proposal_document(to_json(doc), signatures)


def outbox_payload(document: Mapping[str, Any], digest: str, scan: bytes | None = None) -> str:
    """The stored and pushed text: the wire's envelope (`sync.wire`) as canonical JSON."""
    return canonical_text(wire.push_envelope(document, digest, scan))


def refuse_unstorable(problems: Iterable[Problem]) -> None:
    """InvalidInput when a draft holds what is not text (J006): a lone surrogate cannot even be
    written to the database, so such a draft is refused rather than kept as typed."""
    fields = [p.field for p in problems if p.code == "J006_bad_text"]
    if fields:
        raise InvalidInput(f"Not saved: characters that are not text (J006_bad_text) in {', '.join(fields)}.",
                           "Type those fields again.",
                           zh=f"未保存：{len(fields)} 个栏目中有不是文字的字符。",
                           hint_zh="请重新输入这些栏目。")  # fmt: skip


# --- rows <-> document ------------------------------------------------------------------------

EMPTY_PARTY = PartyDoc(
    name="", gender=None, birth_date=None, id_type="resident_id", id_number="", mobile="",
    address="", occupation="", pregnancy_weeks=None, disabled=False,
)  # fmt: skip


def _party_doc(row: Any) -> PartyDoc:
    if row is None:
        return EMPTY_PARTY
    return PartyDoc(**{name: getattr(row, name) for name in PARTY_COLUMNS})


def _load(session: Session, proposal_id: str) -> models.Proposal:
    proposal = session.get(models.Proposal, proposal_id)
    if proposal is None:
        raise NotFound(f"No proposal {proposal_id}.", zh="找不到该投保单。")
    return proposal


def _parties(session: Session, proposal_id: str) -> dict[str, models.ProposalParty]:
    rows = session.scalars(select(models.ProposalParty).where(models.ProposalParty.proposal_id == proposal_id))
    return {row.role: row for row in rows}


def _read_doc(session: Session, proposal: models.Proposal) -> ProposalDoc:
    beneficiaries = session.scalars(
        select(models.Beneficiary)
        .where(models.Beneficiary.proposal_id == proposal.id)
        .order_by(models.Beneficiary.position)
    )
    return doc_from_records(proposal, _parties(session, proposal.id), beneficiaries)


def doc_from_records(proposal: Any, parties: Mapping[str, Any], beneficiaries: Iterable[Any]) -> ProposalDoc:
    """The document from rows (ORM objects, or anything with the same attributes, as the demo
    generator has), so every writer of a finished proposal hashes the same document."""
    insured = parties.get("insured")
    return ProposalDoc(
        id=proposal.id,
        **{name: getattr(proposal, name) for name in PROPOSAL_COLUMNS},
        health_answers=json.loads(proposal.health_answers_json or "{}"),
        policyholder=_party_doc(parties.get("policyholder")),
        insured=_party_doc(insured),
        relation=insured.relation_to_policyholder if insured else None,
        beneficiaries=tuple(
            BeneficiaryDoc(
                legal_heirs=b.legal_heirs, name=b.name, relation_to_insured=b.relation_to_insured,
                id_type=b.id_type, id_number=b.id_number, order=b.benefit_order,
                share_basis_points=b.share_basis_points,
            )
            for b in beneficiaries
        ),
    )  # fmt: skip


def _write_doc(session: Session, proposal: models.Proposal, doc: ProposalDoc) -> None:
    """Every field as given; parties are updated in place (keeping their client link)."""
    for name in PROPOSAL_COLUMNS:
        setattr(proposal, name, getattr(doc, name))
    proposal.health_answers_json = json.dumps(dict(doc.health_answers), ensure_ascii=False, sort_keys=True)
    parties = _parties(session, proposal.id)
    for role in SIGNER_ROLES:
        row = parties.get(role)
        if row is None:
            row = models.ProposalParty(id=new_uuid(), proposal_id=proposal.id, role=role)
            session.add(row)
        party: PartyDoc = getattr(doc, role)
        for name in PARTY_COLUMNS:
            setattr(row, name, getattr(party, name))
        row.relation_to_policyholder = doc.relation if role == "insured" else None
    session.execute(delete(models.Beneficiary).where(models.Beneficiary.proposal_id == proposal.id))
    for position, b in enumerate(doc.beneficiaries):
        session.add(models.Beneficiary(
            id=new_uuid(), proposal_id=proposal.id, legal_heirs=b.legal_heirs, name=b.name,
            relation_to_insured=b.relation_to_insured, id_type=b.id_type, id_number=b.id_number,
            benefit_order=b.order, share_basis_points=b.share_basis_points, position=position,
        ))  # fmt: skip


def stamped(doc: ProposalDoc, catalogue: ProductCatalogue) -> ProposalDoc:
    """The document with the catalogue version its product is judged by: none without a product;
    the catalogue held when it lists the product (chosen now, or still there since); else the
    version it was chosen from stays, so the rules can say truthfully that the product is gone."""
    if not doc.product_code.strip():
        version = None
    elif catalogue.find(doc.product_code) is not None or doc.catalogue_version is None:
        version = catalogue.version
    else:
        version = doc.catalogue_version
    return doc if version == doc.catalogue_version else replace(doc, catalogue_version=version)


def _signed_roles(session: Session, proposal_id: str) -> tuple[str, ...]:
    roles = session.scalars(select(models.Signature.signer_role).where(models.Signature.proposal_id == proposal_id))
    return tuple(sorted(set(roles)))


def link_party_row(session: Session, proposal_id: str, role: str, client_id: str | None, actor: str) -> None:
    """Point a draft's party at the client card it came from (or at none); its fields stay."""
    if role not in SIGNER_ROLES:
        raise InvalidInput(f"Unknown party role {role!r}.", zh=f"未知的关系人角色：{role}。")
    proposal = _load(session, proposal_id)
    if proposal.status != "draft":
        raise InvalidInput(FINISHED_MESSAGE, zh=FINISHED_MESSAGE_ZH)
    if client_id is not None and session.get(models.Client, client_id) is None:
        raise NotFound(f"No client card {client_id}.", zh="找不到该客户档案。")
    row = _parties(session, proposal_id).get(role)
    if row is None:
        row = models.ProposalParty(id=new_uuid(), proposal_id=proposal_id, role=role)
        session.add(row)
    row.client_id = client_id
    record_event(session, actor=actor, action="link", entity="proposal", entity_id=proposal_id,
                 detail={"role": role, "client_id": client_id})  # fmt: skip


def _delete_draft_rows(session: Session, proposal_id: str) -> None:
    for table in (models.Beneficiary, models.ProposalParty, models.Signature):
        session.execute(delete(table).where(table.proposal_id == proposal_id))
    session.execute(delete(models.Proposal).where(models.Proposal.id == proposal_id))


class ProposalService:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        settings: SettingsService,
        actor: Callable[[], str],
        today: Callable[[], date] = date.today,
        catalogue: Callable[[], ProductCatalogue] = current_catalogue,
    ) -> None:
        self._sessions = sessions
        self._settings = settings
        self._actor = actor
        self._today = today
        self._catalogue = catalogue  # the profile's product catalogue: the product's rules

    def catalogue(self) -> ProductCatalogue:
        return self._catalogue()

    def check(self, doc: ProposalDoc) -> tuple[list[Problem], list[Problem]]:
        """What refuses the form and what sends it to review, under the catalogue held."""
        return check_proposal(doc, self._catalogue()), proposal_warnings(doc)

    # ---- drafts ----------------------------------------------------------------------

    def new_draft(self) -> ProposalId:
        """A blank draft dated today, with the manager's name, code and phone filled in."""
        return self._new_draft(None, EMPTY_PARTY)

    def new_draft_for(self, client_id: ClientId, policyholder: PartyDoc) -> ProposalId:
        """A new draft for a client (投保单 from Today's client row): the policyholder filled from
        their card (`ProposalRecords.party_from_client`) and linked to it, in one transaction.
        The link is part of the creation, so a draft closed untouched is still discarded."""
        return self._new_draft(client_id, policyholder)

    def _new_draft(self, client_id: ClientId | None, policyholder: PartyDoc) -> ProposalId:
        manager = self._settings.manager()
        proposal_id = ProposalId(new_uuid())
        detail: dict[str, Any] = {"version": 1}
        with self._sessions.begin() as session:
            if client_id is not None:
                if session.get(models.Client, client_id) is None:
                    raise NotFound(f"No client card {client_id}.", zh="找不到该客户档案。")
                detail["policyholder_client_id"] = client_id
            proposal = models.Proposal(
                id=proposal_id, status="draft", version=1, application_date=self._today(),
                manager_name=manager.name, manager_code=manager.code, manager_phone=manager.phone,
            )  # fmt: skip
            session.add(proposal)
            session.flush()
            for role in SIGNER_ROLES:
                party = models.ProposalParty(id=new_uuid(), proposal_id=proposal_id, role=role)
                if role == "policyholder" and client_id is not None:
                    party.client_id = client_id
                    for name in PARTY_COLUMNS:
                        setattr(party, name, getattr(policyholder, name))
                session.add(party)
            record_event(session, actor=self._actor(), action="create", entity="proposal",
                         entity_id=proposal_id, detail=detail)  # fmt: skip
        return proposal_id

    def save_draft(self, proposal_id: ProposalId, doc: ProposalDoc) -> DraftSaved:
        """Keeps the draft exactly as given, problems and all, and reports those problems;
        refused (InvalidInput) only for text that cannot be stored (NUL, lone surrogates).
        The catalogue version its product is judged by is stored with it (`stamped`)."""
        if doc.id != proposal_id:
            raise InvalidInput(
                f"The document is for proposal {doc.id}, not {proposal_id}.", zh="此文档属于另一份投保单。"
            )
        catalogue = self._catalogue()
        doc = stamped(doc, catalogue)
        problems = check_proposal(doc, catalogue)
        refuse_unstorable(problems)
        with self._sessions.begin() as session:
            proposal = _load(session, proposal_id)
            if proposal.status != "draft":
                raise InvalidInput(FINISHED_MESSAGE, zh=FINISHED_MESSAGE_ZH)
            _write_doc(session, proposal, doc)
            record_event(session, actor=self._actor(), action="edit", entity="proposal",
                         entity_id=proposal_id)  # fmt: skip
        return DraftSaved(tuple(problems), tuple(proposal_warnings(doc)))

    def delete_draft(self, proposal_id: ProposalId) -> None:
        """A draft the manager gave up on: gone from every list, the deletion in the audit log
        (with what identifies it; no ID or phone number). A finished proposal is never deleted."""
        with self._sessions.begin() as session:
            proposal = _load(session, proposal_id)
            if proposal.status != "draft":
                raise InvalidInput("A finished proposal cannot be deleted; make a correction instead.",
                                   zh="已完成的投保单不能删除；如需修改请提交更正。")  # fmt: skip
            holder = _parties(session, proposal_id).get("policyholder")
            detail = {"version": proposal.version, "previous_id": proposal.previous_id,
                      "product_name": proposal.product_name or "",
                      "policyholder": holder.name if holder else ""}  # fmt: skip
            _delete_draft_rows(session, proposal_id)
            record_event(session, actor=self._actor(), action="delete", entity="proposal",
                         entity_id=proposal_id, detail=detail)  # fmt: skip

    def discard_if_untouched(self, proposal_id: ProposalId) -> bool:
        """Drop a new draft (version 1) that nobody typed into, linked or signed since
        `new_draft`: closing 新建投保单 leaves nothing behind. True when it was dropped; a draft
        with any edit stays. The audit log says so (`discard`), beside its `create` entry."""
        with self._sessions.begin() as session:
            proposal = session.get(models.Proposal, proposal_id)
            if proposal is None or proposal.status != "draft" or proposal.previous_id is not None:
                return False
            touched = session.scalar(
                select(func.count()).select_from(models.AuditEvent).where(
                    models.AuditEvent.entity == "proposal", models.AuditEvent.entity_id == proposal_id,
                    models.AuditEvent.action != "create",
                )
            )  # fmt: skip
            if touched:
                return False
            _delete_draft_rows(session, proposal_id)
            record_event(session, actor=self._actor(), action="discard", entity="proposal",
                         entity_id=proposal_id, detail={"untouched": True})  # fmt: skip
            return True

    def link_party(self, proposal_id: ProposalId, role: str, client_id: ClientId | None) -> None:
        """Remember which client card a draft's policyholder or insured was taken from."""
        with self._sessions.begin() as session:
            link_party_row(session, proposal_id, role, client_id, self._actor())

    # ---- reading ---------------------------------------------------------------------

    def get(self, proposal_id: ProposalId) -> ProposalView:
        with self._sessions() as session:
            proposal = _load(session, proposal_id)
            return ProposalView(
                doc=_read_doc(session, proposal), status=proposal.status, version=proposal.version,
                previous_id=optional_id(ProposalId, proposal.previous_id), correction_reason=proposal.correction_reason,
                content_hash=proposal.content_hash, signatures=_signed_roles(session, proposal_id),
            )  # fmt: skip

    def doc(self, proposal_id: ProposalId) -> ProposalDoc:
        with self._sessions() as session:
            return _read_doc(session, _load(session, proposal_id))

    # ---- finishing -------------------------------------------------------------------

    def finish(self, proposal_id: ProposalId, signatures: Mapping[str, SignatureInput]) -> Finished:
        """Signs and freezes the proposal and queues it for head office, all or nothing.

        Refused (InvalidInput naming every rule id, e.g. `P012_...`, `J008_too_long`,
        `signature.insured:missing`, `signature.policyholder:too_small`) unless the form passes
        `check_proposal` (the JSON form's limits included, as head office checks them) and each
        required signature passes `check_signature`.
        """
        unknown = sorted(set(signatures) - set(SIGNER_ROLES))
        if unknown:
            raise InvalidInput(
                f"Unknown signer role(s): {', '.join(unknown)}.", zh=f"未知的签名人角色：{len(unknown)} 个。"
            )
        with self._sessions.begin() as session:
            proposal = _load(session, proposal_id)
            if proposal.status != "draft":
                raise InvalidInput(FINISHED_MESSAGE, zh=FINISHED_MESSAGE_ZH)
            catalogue = self._catalogue()
            doc = stamped(_read_doc(session, proposal), catalogue)
            proposal.catalogue_version = doc.catalogue_version
            refusals = [p.code for p in check_proposal(doc, catalogue)]
            for role in required_roles(doc):
                if role not in signatures:
                    refusals.append(f"signature.{role}:missing")
            for role, (sig, _png) in sorted(signatures.items()):
                refusals += [f"signature.{role}:{p.code}" for p in signature_rules.check_signature(sig)]
            if refusals:
                raise InvalidInput(
                    f"The proposal cannot be finished: {', '.join(refusals)}.",
                    "Correct the form or sign again, then finish.",
                    zh=f"投保单还不能完成：有 {len(refusals)} 处问题。",
                    hint_zh="请更正表单或重新签名，然后再完成。",
                )
            now = utcnow()
            strokes = {role: signature_rules.to_json(sig) for role, (sig, _png) in signatures.items()}
            for role, (_sig, png) in sorted(signatures.items()):
                session.add(models.Signature(
                    id=new_uuid(), proposal_id=proposal_id, signer_role=role,
                    signer_name=getattr(doc, role).name, strokes_json=strokes[role], png=png,
                    signed_at=now,
                ))  # fmt: skip
            document = finished_document(doc, strokes)
            digest = content_hash(document)
            proposal.status = "finished"
            proposal.content_hash = digest
            proposal.finished_at = now
            seq = (session.scalar(select(func.max(models.OutboxItem.seq))) or 0) + 1
            item = models.OutboxItem(
                id=new_uuid(), seq=seq, kind="proposal", record_id=proposal_id,
                payload_json=outbox_payload(document, digest), status="pending",
            )  # fmt: skip
            session.add(item)
            record_event(session, actor=self._actor(), action="finish", entity="proposal",
                         entity_id=proposal_id, detail={"content_hash": digest, "outbox_seq": seq})  # fmt: skip
            session.flush()  # a database refusal surfaces here, inside the transaction
            return Finished(digest, item.id)

    # ---- corrections -----------------------------------------------------------------

    def correct(self, proposal_id: ProposalId, reason: str) -> ProposalId:
        """A new draft version of a finished proposal; the finished one stays as it was."""
        reason = reason.strip()
        if not reason:
            raise InvalidInput("A correction needs a reason.", zh="更正需要填写原因。")
        with self._sessions.begin() as session:
            old = _load(session, proposal_id)
            if old.status != "finished":
                raise InvalidInput("Only a finished proposal is corrected; edit the draft instead.",
                                   zh="只有已完成的投保单才能更正；草稿请直接修改。")  # fmt: skip
            if old.source == "paper":
                raise InvalidInput("A proposal filled on paper is changed with a change request (Change/withdraw…), "
                                   "not corrected on the laptop.",
                                   zh="纸质投保单请通过变更申请（变更/撤销…）修改，不能在本机更正。")  # fmt: skip
            if old.withdrawn_at is not None:
                raise InvalidInput("A withdrawn application cannot be corrected; start a new proposal.",
                                   zh="已撤件的投保单不能更正；请新建投保单。")  # fmt: skip
            newer = session.scalar(select(models.Proposal.id).where(models.Proposal.previous_id == proposal_id))
            if newer is not None:
                raise InvalidInput(
                    f"Proposal {proposal_id} already has a correction ({newer}).", zh="此投保单已有更正版本。"
                )
            old_doc = _read_doc(session, old)
            new_id = ProposalId(new_uuid())
            proposal = models.Proposal(
                id=new_id, status="draft", version=old.version + 1, previous_id=old.id,
                correction_reason=reason, outlet_id=old.outlet_id,
            )  # fmt: skip
            session.add(proposal)
            session.flush()
            old_parties = _parties(session, old.id)
            for role in SIGNER_ROLES:
                client_id = old_parties[role].client_id if role in old_parties else None
                session.add(models.ProposalParty(id=new_uuid(), proposal_id=new_id, role=role, client_id=client_id))
            session.flush()
            _write_doc(session, proposal, replace(old_doc, id=new_id))
            record_event(session, actor=self._actor(), action="correct", entity="proposal",
                         entity_id=new_id,
                         detail={"previous_id": old.id, "version": old.version + 1, "reason": reason})  # fmt: skip
        return new_id
