"""Requests to head office about an application before issue (issue 19): a change
(《投保单变更申请书》) or a withdrawal (《撤销投保申请书》).

The client fills and signs the request on paper; the laptop keeps what it asks and a photo or
scan of it, and sends both through the outbox after the proposal (kind "request",
`sync.wire.request_document`). A change says which fields change and to what, and needs the
form signed by the policyholder and the insured attached; a withdrawal needs a reason and the
policyholder's ID copy attached. Neither is possible once the policy is issued or the
application withdrawn, nor while a request of the same kind waits for head office's reply.
Head office's reply comes back on the status feed (app/headoffice/status.py) and is shown with
the request; an accepted withdrawal withdraws the proposal there.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.errors import InvalidInput, NotFound
from app.headoffice import attachments
from app.headoffice.attachments import AttachmentView
from app.headoffice.queue import enqueue
from app.profile.audit import record_event
from app.rules.ids import ProposalId
from app.rules.proposal import canonical_text
from local_db import models
from local_db.base import new_uuid, utcnow
from sync import wire

CHANGE = "change"
WITHDRAW = "withdraw"
KINDS = (CHANGE, WITHDRAW)
# What a 投保单变更申请书 can change: key -> (English, Chinese).
CHANGE_FIELDS: dict[str, tuple[str, str]] = {
    "policyholder_mobile": ("Policyholder's phone", "投保人联系电话"),
    "policyholder_address": ("Policyholder's address", "投保人通讯地址"),
    "insured_occupation": ("Insured's occupation", "被保险人职业"),
    "beneficiaries": ("Death beneficiaries", "身故受益人"),
    "sum_insured": ("Sum insured", "保险金额"),
    "premium": ("Premium", "保险费"),
    "payment": ("Payment mode and years", "缴费方式及期限"),
    "payment_account": ("Payment account", "缴费账户"),
    "other": ("Other", "其他"),
}
VALUE_MAX = 200
REASON_MAX = 1000


@dataclass(frozen=True)
class RequestView:
    id: str
    proposal_id: ProposalId
    kind: str  # change | withdraw
    reason: str
    details: dict[str, str]  # change: field -> new value
    status: str  # draft | queued
    created_at: datetime
    queued_at: datetime | None
    hq_reply: str | None  # None | accepted | refused
    hq_reply_text: str
    hq_reply_at: datetime | None
    attachments: tuple[AttachmentView, ...]

    @property
    def is_open(self) -> bool:
        """Sent and waiting for head office's reply."""
        return self.status == "queued" and self.hq_reply is None


def kind_words(kind: str) -> tuple[str, str]:
    """The form's name: (English, Chinese)."""
    if kind == CHANGE:
        return "change request", "投保单变更申请书"
    return "withdrawal request", "撤销投保申请书"


def _view(session: Session, row: models.ProposalRequest) -> RequestView:
    return RequestView(
        id=row.id, proposal_id=ProposalId(row.proposal_id), kind=row.kind, reason=row.reason,
        details=dict(json.loads(row.details_json or "{}")), status=row.status, created_at=row.created_at,
        queued_at=row.queued_at, hq_reply=row.hq_reply, hq_reply_text=row.hq_reply_text,
        hq_reply_at=row.hq_reply_at, attachments=attachments.listed(session, request_id=row.id),
    )  # fmt: skip


def _clean(text: str, most: int, en: str, zh: str) -> str:
    text = text.replace("\x00", "").strip()
    if len(text) > most:
        raise InvalidInput(f"{en} is too long (at most {most} characters).", zh=f"{zh}过长（最多 {most} 个字）。")
    return text


def clean_details(kind: str, details: Mapping[str, str]) -> dict[str, str]:
    """A change's fields, trimmed, empty ones dropped; unknown fields refused. A withdrawal has none."""
    if kind != CHANGE:
        return {}
    unknown = sorted(set(details) - set(CHANGE_FIELDS))
    if unknown:
        raise InvalidInput(
            f"Unknown field(s) to change: {', '.join(unknown)}.", zh=f"未知的变更项目：{len(unknown)} 项。"
        )
    cleaned = {}
    for key, value in details.items():
        en, zh = CHANGE_FIELDS[key]
        text = _clean(value, VALUE_MAX, en, zh)
        if text:
            cleaned[key] = text
    return dict(sorted(cleaned.items()))


def _proposal_open(session: Session, proposal_id: str) -> models.Proposal:
    """The proposal, if a request can still be made about it; InvalidInput saying why not."""
    proposal = session.get(models.Proposal, proposal_id)
    if proposal is None:
        raise NotFound(f"No proposal {proposal_id}.", zh="找不到该投保单。")
    if proposal.status != "finished":
        raise InvalidInput("Only a finished proposal sent to head office can be changed or withdrawn this way.",
                           "Edit the draft instead.", zh="只有已完成并提交总公司的投保单才能申请变更或撤销。",
                           hint_zh="草稿请直接修改。")  # fmt: skip
    if proposal.hq_status == "issued":
        raise InvalidInput("The policy is already issued: a change or withdrawal before issue is no longer possible.",
                           zh="保单已经承保出单，不能再申请投保单变更或撤销。")  # fmt: skip
    if proposal.withdrawn_at is not None:
        raise InvalidInput("The application is already withdrawn.", zh="该投保申请已经撤销（撤件）。")
    newer = session.scalar(select(models.Proposal.id).where(models.Proposal.previous_id == proposal_id).limit(1))
    if newer is not None:
        raise InvalidInput("A correction replaces this proposal: make the request on its latest version.",
                           zh="此投保单已有更正版本，请对最新版本提出申请。")  # fmt: skip
    return proposal


def _refuse_if_open(session: Session, proposal_id: str, kind: str) -> None:
    waiting = session.scalar(
        select(models.ProposalRequest.id).where(
            models.ProposalRequest.proposal_id == proposal_id, models.ProposalRequest.kind == kind,
            models.ProposalRequest.status == "queued", models.ProposalRequest.hq_reply.is_(None),
        ).limit(1)
    )  # fmt: skip
    if waiting is not None:
        en, zh = kind_words(kind)
        raise InvalidInput(f"A {en} for this proposal is already with head office.",
                           "Wait for head office's reply before sending another.",
                           zh=f"此投保单已有一份{zh}等待总公司回复。", hint_zh="请等总公司回复后再提交。")  # fmt: skip


def _draft_row(session: Session, request_id: str) -> models.ProposalRequest:
    row = session.get(models.ProposalRequest, request_id)
    if row is None:
        raise NotFound(f"No request {request_id}.", zh="找不到该申请。")
    if row.status != "draft":
        raise InvalidInput("This request has already been sent to head office.", zh="该申请已经发送给总公司。")
    return row


class RequestService:
    def __init__(self, sessions: sessionmaker[Session], actor: Callable[[], str]) -> None:
        self._sessions = sessions
        self._actor = actor

    def draft(self, proposal_id: ProposalId, kind: str, reason: str, details: Mapping[str, str]) -> RequestView:
        """The proposal's draft request of `kind` with this reason and these fields: the open
        draft of that kind updated, or a new one. Refused once issued or withdrawn, and while a
        request of that kind waits for head office's reply."""
        if kind not in KINDS:
            raise InvalidInput(f"Unknown kind of request {kind!r}.", zh=f"未知的申请类型：{kind}。")
        reason = _clean(reason, REASON_MAX, "The reason", "原因")
        cleaned = clean_details(kind, details)
        with self._sessions.begin() as session:
            _proposal_open(session, proposal_id)
            _refuse_if_open(session, proposal_id, kind)
            row = session.scalar(
                select(models.ProposalRequest).where(
                    models.ProposalRequest.proposal_id == proposal_id, models.ProposalRequest.kind == kind,
                    models.ProposalRequest.status == "draft",
                ).order_by(models.ProposalRequest.created_at.desc()).limit(1)
            )  # fmt: skip
            action = "edit"
            if row is None:
                row = models.ProposalRequest(id=new_uuid(), proposal_id=proposal_id, kind=kind, status="draft")
                session.add(row)
                action = "create"
            row.reason = reason
            row.details_json = json.dumps(cleaned, ensure_ascii=False, sort_keys=True)
            session.flush()
            # Field names only: a new phone number or account stays out of the audit log.
            record_event(session, actor=self._actor(), action=action, entity="proposal_request", entity_id=row.id,
                         detail={"proposal_id": proposal_id, "kind": kind, "fields": sorted(cleaned)})  # fmt: skip
            return _view(session, row)

    def attach(self, request_id: str, name: str, data: bytes) -> AttachmentView:
        """A JPEG, PNG or PDF (told by its content, at most 10 MB) added to the draft request."""
        with self._sessions.begin() as session:
            _draft_row(session, request_id)
            return attachments.add(session, self._actor(), request_id=request_id, name=name, data=data)

    def remove_attachment(self, attachment_id: str) -> None:
        with self._sessions.begin() as session:
            attachments.remove(session, self._actor(), attachment_id)

    def discard(self, request_id: str) -> None:
        """Drop a draft request (and its attachments) that will not be sent."""
        with self._sessions.begin() as session:
            row = _draft_row(session, request_id)
            session.delete(row)
            record_event(session, actor=self._actor(), action="discard", entity="proposal_request",
                         entity_id=request_id, detail={"proposal_id": row.proposal_id, "kind": row.kind})  # fmt: skip

    def send(self, request_id: str) -> str:
        """Queue the request for head office (outbox kind "request", after the proposal's item);
        returns the outbox item's id. Refused once issued or withdrawn, with another of its kind
        waiting, a change without a field or without the signed form attached, a withdrawal
        without a reason or without the policyholder's ID copy attached."""
        with self._sessions.begin() as session:
            row = _draft_row(session, request_id)
            _proposal_open(session, row.proposal_id)
            _refuse_if_open(session, row.proposal_id, row.kind)
            details = json.loads(row.details_json or "{}")
            files = attachments.wire_list(session, request_id=request_id)
            if row.kind == CHANGE and not details:
                raise InvalidInput("Say which field changes and to what.", zh="请填写变更项目及变更后的内容。")
            if row.kind == WITHDRAW and not row.reason:
                raise InvalidInput("A withdrawal needs the client's reason.", zh="撤销投保需要填写客户的撤销原因。")
            if not files and row.kind == CHANGE:
                raise InvalidInput("Attach a photo or scan of the change form signed by the policyholder and "
                                   "the insured.",
                                   zh="请附上投保人和被保险人签字的《投保单变更申请书》照片或扫描件。")  # fmt: skip
            if not files:
                raise InvalidInput("Attach a photo or scan of the withdrawal form and the policyholder's ID.",
                                   zh="请附上《撤销投保申请书》及投保人身份证件的照片或扫描件。")  # fmt: skip
            now = utcnow()
            document = wire.request_document(
                request_id=row.id, proposal_id=row.proposal_id, kind=row.kind, reason=row.reason, details=details,
                requested_at=now.isoformat(), attachments=files,
            )  # fmt: skip
            item = enqueue(session, wire.REQUEST, row.id, canonical_text(document), row.proposal_id)
            attachments.queue_attached(session, item.id, request_id=request_id)  # uploaded ahead of the item
            row.status = "queued"
            row.queued_at = now
            record_event(session, actor=self._actor(), action="send", entity="proposal_request", entity_id=row.id,
                         detail={"proposal_id": row.proposal_id, "kind": row.kind, "fields": sorted(details),
                                 "outbox_seq": item.seq, "attachments": len(files)})  # fmt: skip
            session.flush()
            return item.id

    def get(self, request_id: str) -> RequestView:
        with self._sessions() as session:
            row = session.get(models.ProposalRequest, request_id)
            if row is None:
                raise NotFound(f"No request {request_id}.", zh="找不到该申请。")
            return _view(session, row)

    def for_proposal(self, proposal_id: ProposalId) -> tuple[RequestView, ...]:
        """The proposal's requests, newest first, with head office's replies."""
        with self._sessions() as session:
            rows = session.scalars(
                select(models.ProposalRequest)
                .where(models.ProposalRequest.proposal_id == proposal_id)
                .order_by(models.ProposalRequest.created_at.desc(), models.ProposalRequest.id.desc())
            )
            return tuple(_view(session, row) for row in rows)
