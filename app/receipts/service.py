"""Policy receipts (保单回执): drafts, signing (on screen or a scan), returns and what is due.

A receipt belongs to a finished proposal.  Its draft keeps the fields as typed; `sign` checks
them (`app.rules.receipt.check_receipt`), the signature (`check_signature`) or the scan
(`check_scan`), and then, in one transaction, stores the signature or scan, the deadlines,
the content hash, an audit event and the outbox item.  From then on the receipt never
changes; only the day its paper went back to the insurer's counter, and who took it
(`mark_returned`), is recorded later.

The hashed document, like a proposal's (`app.proposals.service`; both shapes are the wire's,
`sync.wire`), is

    {"receipt": to_json(doc)}

written as canonical JSON and hashed as UTF-8 with SHA-256; `doc` holds the client's strokes
or the scan's type, size and SHA-256.  A photo scan is made small first (`app.common.scans`:
grayscale, about 200 dpi, JPEG); the small file is what is stored, described, hashed and sent.
The outbox payload is that document with `content_hash` added; a scan's bytes are not in it
(issue 20): they are stored beside the outbox item (`outbox_files`) and uploaded to head office
in resumable pieces before the item, which head office matches by the form's SHA-256.  The
receipt's outbox item depends on its proposal's: head office must know the proposal first.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased, sessionmaker

from app.common import scans
from app.errors import InvalidInput, NotFound
from app.headoffice.attachments import queue_files
from app.profile.audit import record_event
from app.proposals.service import SignatureInput, outbox_payload, refuse_unstorable
from app.reference.products import current_catalogue
from app.rules import receipt as rules
from app.rules import signature as signature_rules
from app.rules.ids import ProposalId, ReceiptId
from app.rules.problem import Problem
from app.rules.product_catalogue import ProductCatalogue
from app.rules.proposal import content_hash
from local_db import models
from local_db.base import new_uuid, utcnow
from sync import wire

SIGNED_MESSAGE = "a signed receipt cannot change"
SIGNED_MESSAGE_ZH = "已签名的回执不能修改。"
CANDIDATES_SHOWN = 200
PICKED_UP_FROM = ("insurer", "bank")
RETURNED_TO_MAX = 100  # the column's length

ScanInput = tuple[bytes, str]  # the file's bytes and the type its name claims


@dataclass(frozen=True)
class ReceiptFields:
    """What the manager types; kept as typed in a draft."""

    policy_number: str
    delivered_on: date | None
    signed_on: date | None
    cooling_off_days: int
    # The day the paper policy was picked up, and where: insurer | bank (PICKED_UP_FROM).  It
    # starts the 3-day delivery deadline on Today; kept on the draft, not in the signed document.
    picked_up_on: date | None = None
    picked_up_from: str | None = None


@dataclass(frozen=True)
class ReceiptCandidate:
    """A finished proposal (latest version) that has no receipt yet."""

    proposal_id: ProposalId
    policyholder_name: str
    product_code: str
    product_name: str
    application_date: date | None
    hq_policy_number: str | None  # head office's number once the policy is issued
    cooling_off_days: int  # the product's


@dataclass(frozen=True)
class Signed:
    content_hash: str
    outbox_item_id: str


@dataclass(frozen=True)
class DueReceipt:
    """A signed receipt whose paper has not gone back yet, or a draft awaiting signature."""

    id: ReceiptId
    proposal_id: ProposalId
    status: str  # signed | draft
    policyholder_name: str  # names only: never an ID or phone number
    product_name: str
    policy_number: str
    signed_on: date | None
    cooling_off_ends_on: date | None
    return_due_on: date | None
    overdue: bool
    days_left: int | None  # calendar days to the return deadline, negative once overdue


@dataclass(frozen=True)
class ReceiptView:
    id: ReceiptId
    proposal_id: ProposalId
    status: str  # draft | signed
    policyholder_name: str
    product_code: str
    product_name: str
    fields: ReceiptFields
    cooling_off_ends_on: date | None
    return_due_on: date | None
    returned_on: date | None
    returned_to: str  # who took the signed 回执 at the insurer's counter
    content_hash: str | None
    signature_png: bytes | None
    scan_mime: str | None
    scan_size: int | None


class ReceiptRefused(InvalidInput):
    """The receipt cannot be signed; `problems` say why, in both languages."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(
            "The receipt cannot be signed: " + "; ".join(f"{p.code}: {p.en}" for p in problems),
            "Correct the receipt or sign again, then sign and queue it.",
            zh="回执还不能签署：" + "".join(p.zh_CN for p in problems),
            hint_zh="请更正回执或重新签名，然后签署并排队发送。",
        )
        self.problems = tuple(problems)


Policyholder = aliased(models.ProposalParty)
POLICYHOLDER = (Policyholder.proposal_id == models.Proposal.id) & (Policyholder.role == "policyholder")


def _load(session: Session, receipt_id: str) -> models.Receipt:
    receipt = session.get(models.Receipt, receipt_id)
    if receipt is None:
        raise NotFound(f"No receipt {receipt_id}.", zh="找不到该回执。")
    return receipt


def _draft(session: Session, receipt_id: str) -> models.Receipt:
    receipt = _load(session, receipt_id)
    if receipt.status != "draft":
        raise InvalidInput(SIGNED_MESSAGE, "A signed receipt is kept as signed; only its return is recorded.",
                           zh=SIGNED_MESSAGE_ZH, hint_zh="已签名的回执保持原样；只能登记其交回。")  # fmt: skip
    return receipt


def _policyholder_name(session: Session, proposal_id: str) -> str:
    name = session.scalar(
        select(models.ProposalParty.name).where(
            models.ProposalParty.proposal_id == proposal_id, models.ProposalParty.role == "policyholder"
        )
    )
    return name or ""


def _proposal_item(session: Session, proposal_id: str) -> str | None:
    return session.scalar(
        select(models.OutboxItem.id)
        .where(models.OutboxItem.kind == "proposal", models.OutboxItem.record_id == proposal_id)
        .order_by(models.OutboxItem.seq.desc())
        .limit(1)
    )


def _scan_name(receipt_id: str, mime: str) -> str:
    """The name a receipt's scan is uploaded under (head office files it by SHA-256)."""
    return f"receipt-{receipt_id}." + {"image/jpeg": "jpg", "image/png": "png"}.get(mime, "pdf")


def _doc(receipt: models.Receipt, signature: rules.SignatureRef | None, scan: rules.ScanRef | None) -> rules.ReceiptDoc:
    return rules.ReceiptDoc(
        id=receipt.id, proposal_id=receipt.proposal_id, policy_number=receipt.policy_number,
        delivered_on=receipt.delivered_on, signed_on=receipt.signed_on,
        cooling_off_days=receipt.cooling_off_days, cooling_off_ends_on=receipt.cooling_off_ends_on,
        return_due_on=receipt.return_due_on, signature=signature, scan=scan,
    )  # fmt: skip


class ReceiptService:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        actor: Callable[[], str],
        today: Callable[[], date] = date.today,
        catalogue: Callable[[], ProductCatalogue] = current_catalogue,
    ) -> None:
        self._sessions = sessions
        self._actor = actor
        self._today = today
        self._catalogue = catalogue  # the profile's product catalogue: its cooling-off days

    # ---- drafts ----------------------------------------------------------------------

    def candidates(self, limit: int = CANDIDATES_SHOWN) -> list[ReceiptCandidate]:
        """Finished proposals, latest version only, with no receipt yet; newest first."""
        newer = aliased(models.Proposal)
        p = models.Proposal
        query = (
            select(p.id, Policyholder.name, p.product_code, p.product_name, p.application_date, p.hq_policy_number)
            .outerjoin(Policyholder, POLICYHOLDER)
            .where(
                p.status == "finished",
                ~select(newer.id).where(newer.previous_id == p.id).exists(),
                ~select(models.Receipt.id).where(models.Receipt.proposal_id == p.id).exists(),
            )
            .order_by(p.finished_at.desc(), p.id)
            .limit(limit)
        )
        catalogue = self._catalogue()
        with self._sessions() as session:
            return [
                ReceiptCandidate(
                    pid, name or "", code, product, applied, number, rules.cooling_off_days(code, catalogue)
                )
                for pid, name, code, product, applied, number in session.execute(query)
            ]

    def new_draft(
        self, proposal_id: ProposalId, policy_number: str = "", delivered_on: date | None = None
    ) -> ReceiptId:
        """A draft receipt for a finished proposal, its cooling-off days taken from the product."""
        receipt_id = ReceiptId(new_uuid())
        with self._sessions.begin() as session:
            proposal = session.get(models.Proposal, proposal_id)
            if proposal is None:
                raise NotFound(f"No proposal {proposal_id}.", zh="找不到该投保单。")
            if proposal.status != "finished":
                raise InvalidInput("Only a finished proposal has a policy receipt.", "Finish the proposal first.",
                                   zh="只有已完成的投保单才有保单回执。", hint_zh="请先完成投保单。")  # fmt: skip
            newer = session.scalar(select(models.Proposal.id).where(models.Proposal.previous_id == proposal_id))
            if newer is not None:
                raise InvalidInput("This proposal was corrected: the receipt belongs to its latest version.",
                                   zh="此投保单已被更正：回执属于其最新版本。")  # fmt: skip
            existing = session.scalar(select(models.Receipt.id).where(models.Receipt.proposal_id == proposal_id))
            if existing is not None:
                raise InvalidInput("This proposal already has a receipt.", "Open it from the receipts list.",
                                   zh="此投保单已有回执。", hint_zh="请从回执列表中打开它。")  # fmt: skip
            session.add(models.Receipt(
                id=receipt_id, proposal_id=proposal_id, status="draft", policy_number=policy_number,
                delivered_on=delivered_on,
                cooling_off_days=rules.cooling_off_days(proposal.product_code, self._catalogue()),
            ))  # fmt: skip
            record_event(session, actor=self._actor(), action="create", entity="receipt",
                         entity_id=receipt_id, detail={"proposal_id": proposal_id})  # fmt: skip
        return receipt_id

    def save_draft(self, receipt_id: ReceiptId, fields: ReceiptFields) -> tuple[Problem, ...]:
        """Keeps the fields as typed and reports what would still refuse signing them; refused
        (InvalidInput) only for text that cannot be stored (NUL, lone surrogates)."""
        with self._sessions.begin() as session:
            receipt = _draft(session, receipt_id)
            doc = replace(_doc(receipt, None, None), policy_number=fields.policy_number,
                          delivered_on=fields.delivered_on, signed_on=fields.signed_on,
                          cooling_off_days=fields.cooling_off_days)  # fmt: skip
            found = rules.check_receipt(doc, self._today())
            refuse_unstorable(found)
            self._check_pick_up(fields)
            receipt.picked_up_on = fields.picked_up_on
            receipt.picked_up_from = fields.picked_up_from if fields.picked_up_on is not None else None
            receipt.policy_number = fields.policy_number
            receipt.delivered_on = fields.delivered_on
            receipt.signed_on = fields.signed_on
            receipt.cooling_off_days = fields.cooling_off_days
            record_event(session, actor=self._actor(), action="edit", entity="receipt", entity_id=receipt_id)
        # Deadlines are computed on signing, and the signature or scan comes then too.
        return tuple(p for p in found if p.code not in ("R007_signature_or_scan", "R009_deadlines_disagree"))

    def _check_pick_up(self, fields: ReceiptFields) -> None:
        if fields.picked_up_on is None:
            return
        if fields.picked_up_from not in PICKED_UP_FROM:
            raise InvalidInput("Say where the policy was picked up: at the insurer or at the bank.",
                               zh="请选择保单的领取地点：保险公司或银行。")  # fmt: skip
        if fields.picked_up_on > self._today():
            raise InvalidInput("The pick-up day cannot be in the future.", zh="领取日期不能晚于今天。")
        if fields.delivered_on is not None and fields.delivered_on < fields.picked_up_on:
            raise InvalidInput("The policy cannot be delivered before it was picked up.",
                               zh="保单不能在领取之前送达客户。")  # fmt: skip

    # ---- signing ---------------------------------------------------------------------

    def sign(
        self,
        receipt_id: ReceiptId,
        signed_on: date,
        signature: SignatureInput | None = None,
        scan: ScanInput | None = None,
    ) -> Signed:
        """Signs, freezes and queues the receipt, all or nothing.

        Exactly one of `signature` (the client's strokes and PNG) and `scan` (bytes and the
        type the file's name claims; the type stored is sniffed from the bytes) is given.
        Refused with `ReceiptRefused` listing every problem (the JSON form's limits included,
        as head office checks them), or only the scan's when the file is not a usable scan.
        """
        # A photo is made small first (app.common.scans), outside the transaction (a second or so for
        # 12 MP): what is stored, described, hashed and sent is the small one.
        small = scans.shrink(scan[0]) if scan is not None else None
        with self._sessions.begin() as session:
            receipt = _draft(session, receipt_id)
            proposal = session.get(models.Proposal, receipt.proposal_id)
            if proposal is None or proposal.status != "finished":
                raise InvalidInput("The receipt's proposal is not finished.", "Finish the proposal first.",
                                   zh="回执对应的投保单尚未完成。", hint_zh="请先完成投保单。")  # fmt: skip
            depends_on = _proposal_item(session, proposal.id)
            if depends_on is None:
                raise InvalidInput("The receipt's proposal was never queued for head office.",
                                   "A receipt is sent after its proposal; queue the proposal first.",
                                   zh="回执对应的投保单从未排队发送给总公司。",
                                   hint_zh="回执要在投保单之后发送；请先将投保单排队发送。")  # fmt: skip
            found: list[Problem] = []
            strokes: str | None = None
            sig_ref: rules.SignatureRef | None = None
            scan_ref: rules.ScanRef | None = None
            if signature is not None:
                found += signature_rules.check_signature(signature[0])
                strokes = signature_rules.to_json(signature[0])
                sig_ref = rules.SignatureRef(rules.SIGNER_ROLE, strokes)
            if scan is not None and small is not None:
                data, claimed = scan
                if small.changed and not (claimed and claimed != small.source_mime):
                    refused_scan = rules.check_scan(small.data, "")  # its type was as named; the small one's size
                else:
                    refused_scan = rules.check_scan(data, claimed)
                if refused_scan:
                    # Not a scan the form can even describe (empty, too large, no PNG/JPEG/PDF).
                    raise ReceiptRefused(refused_scan)
                data = small.data
                scan = (data, claimed)
                scan_ref = rules.ScanRef(rules.sniff_mime(data) or claimed, hashlib.sha256(data).hexdigest(), len(data))
            receipt.policy_number = receipt.policy_number.strip()
            receipt.signed_on = signed_on
            # The deadlines of a day past the limits (9999-12-31) would overflow the calendar:
            # such a receipt is refused below for its limits, without deadlines.
            if not rules.form_problems(_doc(receipt, sig_ref, scan_ref)):
                receipt.cooling_off_ends_on = rules.cooling_off_ends(signed_on, receipt.cooling_off_days)
                receipt.return_due_on = rules.return_due(signed_on)
            doc = _doc(receipt, sig_ref, scan_ref)
            found = rules.check_receipt(doc, self._today()) + found
            if found:
                raise ReceiptRefused(found)  # leaving the block rolls back the deadlines set above
            now = utcnow()
            if signature is not None and strokes is not None:
                session.add(models.Signature(
                    id=new_uuid(), receipt_id=receipt_id, signer_role=rules.SIGNER_ROLE,
                    signer_name=_policyholder_name(session, proposal.id), strokes_json=strokes,
                    png=signature[1], signed_at=now,
                ))  # fmt: skip
            if scan is not None and scan_ref is not None:
                receipt.scan, receipt.scan_mime = scan[0], scan_ref.mime
            document = wire.receipt_document(rules.to_json(doc))
            digest = content_hash(document)
            receipt.status = "signed"
            receipt.content_hash = digest
            receipt.finished_at = now
            seq = (session.scalar(select(func.max(models.OutboxItem.seq))) or 0) + 1
            item = models.OutboxItem(
                id=new_uuid(), seq=seq, kind="receipt", record_id=receipt_id,
                payload_json=outbox_payload(document, digest), status="pending", depends_on_id=depends_on,
            )  # fmt: skip
            session.add(item)
            if scan is not None and scan_ref is not None:
                # By reference (issue 20): the form holds the scan's type, size and SHA-256; the bytes
                # go ahead of the item in resumable pieces (sync.uploads).
                session.flush()
                queue_files(session, item.id, [(_scan_name(receipt_id, scan_ref.mime), scan_ref.mime, scan[0],
                                                scan_ref.sha256)])  # fmt: skip
            record_event(session, actor=self._actor(), action="finish", entity="receipt", entity_id=receipt_id,
                         detail={"content_hash": digest, "outbox_seq": seq,
                                 "by": "scan" if scan is not None else "signature"})  # fmt: skip
            session.flush()  # a database refusal surfaces here, inside the transaction
            return Signed(digest, item.id)

    def mark_returned(self, receipt_id: ReceiptId, returned_on: date, returned_to: str = "") -> None:
        """The signed 回执 went back to the insurer's customer-service counter, taken by
        `returned_to`: its return deadline no longer applies.  Its own step, not the contract
        handover to the teller (app.handover)."""
        returned_to = returned_to.strip()
        if not returned_to:
            raise InvalidInput("Say who received the receipt at the insurer's counter.",
                               zh="请填写保险公司柜面的接收人。")  # fmt: skip
        if len(returned_to) > RETURNED_TO_MAX or "\x00" in returned_to:
            raise InvalidInput(f"The receiver's name is too long (at most {RETURNED_TO_MAX} characters).",
                               zh=f"接收人姓名过长（最多 {RETURNED_TO_MAX} 个字）。")  # fmt: skip
        with self._sessions.begin() as session:
            receipt = _load(session, receipt_id)
            if receipt.status != "signed":
                raise InvalidInput("Only a signed receipt goes back to the bank.", "Sign the receipt first.",
                                   zh="只有已签名的回执才能交回银行。", hint_zh="请先签署回执。")  # fmt: skip
            if receipt.returned_on is not None and receipt.returned_on != returned_on:
                raise InvalidInput(f"This receipt was already returned on {receipt.returned_on.isoformat()}.",
                                   zh=f"此回执已于 {receipt.returned_on.isoformat()} 交回。")  # fmt: skip
            if receipt.signed_on is not None and returned_on < receipt.signed_on:
                raise InvalidInput(
                    "A receipt cannot go back before the client signed it.", zh="客户签名之前，回执不能交回。"
                )
            if returned_on > self._today():
                raise InvalidInput("The return day cannot be in the future.", zh="交回日期不能晚于今天。")
            if receipt.returned_on == returned_on and receipt.returned_to == returned_to:
                return
            receipt.returned_on = returned_on
            receipt.returned_to = returned_to
            record_event(session, actor=self._actor(), action="return", entity="receipt", entity_id=receipt_id,
                         detail={"returned_on": returned_on.isoformat(), "returned_to": returned_to})  # fmt: skip

    # ---- reading ---------------------------------------------------------------------

    def due_list(self, day: date) -> list[DueReceipt]:
        """Signed receipts not yet returned, by return deadline; then drafts, newest first."""
        r, p = models.Receipt, models.Proposal
        query = (
            select(
                r.id,
                r.proposal_id,
                r.status,
                Policyholder.name,
                p.product_name,
                r.policy_number,
                r.signed_on,
                r.cooling_off_ends_on,
                r.return_due_on,
                r.created_at,
            )
            .join(p, p.id == r.proposal_id)
            .outerjoin(Policyholder, POLICYHOLDER)
            .where((r.status == "draft") | ((r.status == "signed") & r.returned_on.is_(None)))
        )
        with self._sessions() as session:
            rows = session.execute(query).all()
        signed: list[DueReceipt] = []
        drafts: list[tuple[datetime, DueReceipt]] = []
        for rid, pid, status, name, product, number, signed_on, ends, due, created in rows:
            if status == "signed":
                due = due or (rules.return_due(signed_on) if signed_on else None)
                left = (due - day).days if due else None
                signed.append(
                    DueReceipt(
                        rid,
                        pid,
                        status,
                        name or "",
                        product,
                        number,
                        signed_on,
                        ends,
                        due,
                        left is not None and left < 0,
                        left,
                    )
                )
            else:
                drafts.append(
                    (created, DueReceipt(rid, pid, status, name or "", product, number, None, None, None, False, None))
                )
        signed.sort(key=lambda d: (d.return_due_on or date.max, d.policyholder_name))
        drafts.sort(key=lambda pair: pair[0], reverse=True)
        return signed + [d for _created, d in drafts]

    def get(self, receipt_id: ReceiptId) -> ReceiptView:
        with self._sessions() as session:
            receipt = _load(session, receipt_id)
            proposal = session.get(models.Proposal, receipt.proposal_id)
            assert proposal is not None  # a foreign key
            png = session.scalar(select(models.Signature.png).where(models.Signature.receipt_id == receipt_id))
            return ReceiptView(
                id=ReceiptId(receipt.id), proposal_id=ProposalId(receipt.proposal_id), status=receipt.status,
                policyholder_name=_policyholder_name(session, proposal.id),
                product_code=proposal.product_code, product_name=proposal.product_name,
                fields=ReceiptFields(receipt.policy_number, receipt.delivered_on, receipt.signed_on,
                                     receipt.cooling_off_days, receipt.picked_up_on, receipt.picked_up_from),
                cooling_off_ends_on=receipt.cooling_off_ends_on, return_due_on=receipt.return_due_on,
                returned_on=receipt.returned_on, returned_to=receipt.returned_to,
                content_hash=receipt.content_hash, signature_png=png,
                scan_mime=receipt.scan_mime, scan_size=len(receipt.scan) if receipt.scan is not None else None,
            )  # fmt: skip
