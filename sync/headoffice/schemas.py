"""The wire's shapes for /openapi.json.

Documentation only: request bodies are validated by the laptop's own rules
(`sync.headoffice.documents`), because the server must hash the exact bytes it received and
report problems with the same codes and field paths as the laptop.  A test keeps these
models' field names equal to the dataclasses in `app.rules.proposal` and `app.rules.receipt`.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Date = str | None  # "YYYY-MM-DD" or null
DATE = Field(description='"YYYY-MM-DD" or null', json_schema_extra={"pattern": r"^\d{4}-\d{2}-\d{2}$"})


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Party(_Strict):
    """Policyholder (投保人) or insured (被保险人)."""

    name: str
    gender: Literal["M", "F"] | None
    birth_date: Date = DATE
    id_type: Literal["resident_id", "passport", "military_id", "birth_certificate", "other"]
    id_number: str = Field(description="a resident ID must agree with birth_date and gender")
    mobile: str
    address: str
    occupation: str
    pregnancy_weeks: int | None = Field(description="weeks pregnant, or -1…-n weeks since giving birth")
    disabled: bool


class Beneficiary(_Strict):
    """A death beneficiary (身故受益人)."""

    legal_heirs: bool = Field(description="法定继承人: then the only entry")
    name: str
    relation_to_insured: str | None
    id_type: str
    id_number: str
    order: int = Field(description="受益顺序: 1, 2, … without gaps")
    share_basis_points: int = Field(description="10000 = 100%; each order adds up to exactly 10000")


class ProposalForm(_Strict):
    """The proposal (投保单) JSON form: app.rules.proposal; every key required."""

    id: str = Field(description="the laptop's UUID of the proposal")
    application_date: Date = DATE
    product_code: str
    product_name: str
    catalogue_version: int | None = Field(
        None, ge=1, description="the product catalogue version the product was chosen from; may be left out "
        "(null: filled before the catalogue). Head office checks the form under that version; one it never "
        "published is refused (catalogue_version_unknown)."
    )  # fmt: skip
    sum_insured_cents: int | None = Field(description="integer fen")
    premium_cents: int | None = Field(description="integer fen")
    payment_mode: Literal["single", "regular"] | None
    payment_years: int | None
    payment_bank: str
    payment_account: str = Field(description="10-30 digits")
    payment_account_holder: str
    health_answers: dict[str, bool | int | str]
    manager_name: str
    manager_code: str = Field(description="must be the token's manager")
    manager_phone: str
    policyholder: Party
    insured: Party
    relation: Literal["self", "spouse", "child", "parent", "family_support", "close_relative", "guardian"] | None
    beneficiaries: list[Beneficiary]


class SignatureEntry(_Strict):
    role: Literal["policyholder", "insured"]
    strokes_json: str = Field(description="the strokes as app.rules.signature.to_json writes them")


class NameOnly(_Strict):
    name: str


class PaperProposalForm(_Strict):
    """A proposal filled on paper at the counter (sync.wire.paper_proposal_document): head office
    checks only these fields; the client signed the paper form."""

    id: str = Field(description="the laptop's UUID of the proposal")
    source: Literal["paper"]
    paper_form_number: str
    application_date: str = Field(json_schema_extra={"pattern": r"^\d{4}-\d{2}-\d{2}$"})
    product_code: str
    product_name: str
    premium_cents: int = Field(ge=1, description="integer fen")
    policyholder: NameOnly
    insured: NameOnly
    review: dict[str, Literal[True]] = Field(description="the initial-review checklist, every item ticked")
    manager_code: str = Field(description="must be the token's manager")


class ProposalPush(_Strict):
    """The outbox payload of a finished proposal, byte for byte as the laptop stored it; a paper
    proposal carries no signatures (an empty list)."""

    proposal: ProposalForm | PaperProposalForm
    signatures: list[SignatureEntry] = Field(description="sorted by role")
    content_hash: str = Field(description='sha256 hex of canonical JSON of {"proposal", "signatures"}')


class ReceiptSignature(_Strict):
    role: Literal["client"]
    strokes_json: str


class ScanRef(_Strict):
    mime: Literal["image/png", "image/jpeg", "application/pdf"]
    sha256: str
    size: int


class ReceiptForm(_Strict):
    """The policy receipt (保单回执) JSON form: app.rules.receipt; every key required."""

    id: str
    proposal_id: str = Field(description="head office must have received this proposal")
    policy_number: str
    delivered_on: Date = DATE
    signed_on: Date = DATE
    cooling_off_days: int
    cooling_off_ends_on: Date = DATE
    return_due_on: Date = DATE
    signature: ReceiptSignature | None = Field(description="on-screen signature, or null when scanned")
    scan: ScanRef | None = Field(description="the scanned paper, or null when signed on screen")


class ReceiptPush(_Strict):
    receipt: ReceiptForm
    content_hash: str = Field(description='sha256 hex of canonical JSON of {"receipt"}')
    scan_base64: str | None = Field(
        None,
        description="the scan's bytes, only when receipt.scan is set; left out "
        "when the scan was uploaded first (POST /v1/uploads, tus): then taken by "
        "receipt.scan's sha256 and size, 409 upload_missing if not",
    )


class AttachmentIn(_Strict):
    name: str
    mime: Literal["image/jpeg", "image/png", "application/pdf"] = Field(description="checked by the first bytes")
    size: int = Field(ge=1, le=10 * 1024 * 1024)
    sha256: str = Field(description="of the bytes, 64 lower-case hex digits; a mismatch is refused 422")
    data_b64: str | None = Field(
        None,
        description="the bytes, base64; left out when the file was uploaded first "
        "(POST /v1/uploads, tus): then taken by sha256 and size, 409 upload_missing if not",
    )


class AnswerSignature(_Strict):
    role: Literal["policyholder", "insured"]
    name: str
    png_b64: str
    sha256: str


class AnswerPush(_Strict):
    """An answer to a letter or problem case (sync.wire.answer_document); its proposal must have
    reached head office and the letter be one head office raised on it."""

    answer_id: str = Field(description="the laptop's UUID of the answer")
    proposal_id: str
    letter_id: str = Field(description="head office's problem_id of the letter")
    kind: Literal["review", "medical_exam", "investigation", "financial_evidence", "health_evidence", "decision",
                  "problem"]  # fmt: skip
    text: str
    answered_at: str = Field(description="ISO 8601 with zone")
    decision: Literal["accepted", "declined"] | None = Field(description="for an underwriting decision")
    signatures: list[AnswerSignature] = Field(description="a decision: the policyholder's and the insured's")
    attachments: list[AttachmentIn]


class RequestPush(_Strict):
    """A change (投保单变更申请书) or withdrawal (撤销投保申请书) before issue (sync.wire.request_document)."""

    request_id: str
    proposal_id: str
    kind: Literal["change", "withdraw"]
    reason: str
    details: dict[str, str] = Field(description="a change: field -> new value, at least one")
    requested_at: str = Field(description="ISO 8601 with zone")
    attachments: list[AttachmentIn]


class BatchItem(_Strict):
    kind: Literal["proposal", "receipt", "answer", "request"]
    key: str = Field(description="the item's Idempotency-Key (the outbox item's UUID)",
                     json_schema_extra={"pattern": r"^[A-Za-z0-9._:-]{8,200}$"})  # fmt: skip
    body: Any = Field(description="the body POST /v1/{kind}s takes (ProposalPush, ReceiptPush, AnswerPush, "
                      "RequestPush), verbatim: its exact bytes are hashed and stored")  # fmt: skip


class BatchPush(_Strict):
    """Several pushes in one request; each is answered as its single endpoint would answer it."""

    items: list[BatchItem] = Field(min_length=0, max_length=100)


class BatchResult(BaseModel):
    key: str
    status: int = Field(description="the HTTP status the single endpoint gives: 201, or its 4xx")
    body: dict[str, Any] = Field(description="its JSON answer: Accepted, or ErrorBody")


class BatchAnswer(BaseModel):
    results: list[BatchResult] = Field(description="one per item, in the items' order")


class Accepted(BaseModel):
    id: str
    kind: Literal["proposal", "receipt", "answer", "request"]
    status: Literal["received"]
    received_at: str = Field(description="ISO 8601 UTC")
    seq: int = Field(description="head office's sequence number")


class FieldErrorOut(BaseModel):
    field: str
    rule: str
    message_en: str
    message_zh: str


class ErrorDetail(BaseModel):
    code: str = Field(description="unauthorized | forbidden | idempotency_conflict | duplicate_record | invalid | …")
    message: str
    errors: list[FieldErrorOut] | None = None


class ErrorBody(BaseModel):
    detail: ErrorDetail


class StatusEventOut(BaseModel):
    cursor: int
    kind: Literal["proposal", "receipt", "answer", "request"]
    record_id: str
    status: Literal["received", "accepted", "problem", "issued", "question", "closed", "refused"] = Field(
        description="a proposal or receipt: received | accepted | problem | issued; an answer: received | accepted "
        "| question | closed; a request: received | accepted | refused"
    )  # fmt: skip
    at: str = Field(description="ISO 8601 UTC")
    policy_number: str | None
    problem_id: str | None
    problem_kind: str | None
    reason: str
    fields: dict[str, str] | None = Field(None, description="a letter's own fields (problem events)")


class StatusFeed(BaseModel):
    events: list[StatusEventOut]
    next: int = Field(description="ask with after=next for the following page")


class Health(BaseModel):
    status: Literal["ok", "unavailable"]
    time: str


class ReferenceFileOut(BaseModel):
    """A published reference file as the laptop installs it: the holiday calendar
    (app.rules.holiday_calendar) or the product catalogue (app.rules.product_catalogue)."""

    model_config = ConfigDict(extra="allow")

    kind: Literal["holiday-calendar", "product-catalogue"]
    version: int = Field(ge=1, description="newer than every version published before")
