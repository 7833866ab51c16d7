"""The policy receipt (保单回执) as head office receives it, its deadlines and its rules.

Pure: stdlib and `app.rules` only, so the laptop and the head-office server read the same
document the same way.

Deadlines: the client's signing date starts the cooling-off period (犹豫期) on the NEXT day
and it lasts the product's number of calendar days, from the product catalogue (signed
2026-03-01, 15 days: the last day is 2026-03-16); holidays do not lengthen it.  The manager
returns the signed paper within 3 working days of signing (`app.rules.reminders.receipt_return_due`).

JSON form (one object, UTF-8; every key is required, unknown keys are refused):

- `id` (text: the laptop's UUID of the receipt), `proposal_id` (text: the proposal it
  delivers), `policy_number` (text), `delivered_on`, `signed_on` (`"YYYY-MM-DD"` or null),
  `cooling_off_days` (integer), `cooling_off_ends_on`, `return_due_on` (date or null);
- `signature`: `{"role": "client", "strokes_json": text}` (the strokes as
  `app.rules.signature.to_json` writes them), or null;
- `scan`: `{"mime": "image/png" | "image/jpeg" | "application/pdf", "sha256": 64 lower-case
  hex digits, "size": bytes}`, or null.  The scan's bytes are not in this document: the
  outbox payload carries them base64-encoded as `scan_base64`, beside it (see
  `app.receipts.service`), and `sha256` ties them to the hash.

Null dates and blank text are structurally fine; `check_receipt` reports them (codes R…),
as it reports a receipt with both or neither of `signature` and `scan`.  Structural problems
have the codes J001 (missing key), J002 (unknown key), J003 (wrong type), J004 (not a real
date) and J005 (a value outside its list), and the limits of `app.rules.limits` (ids are
lower-case UUIDs; text without NUL or lone surrogates, a policy number of at most 64
characters, strokes of at most 1,000,000; dates in 1900-2100; 0-366 cooling-off days) J005-J008.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from app.rules import limits
from app.rules.form_readers import FormReaders, Reader, one_of
from app.rules.limits import Label
from app.rules.problem import Problem
from app.rules.product_catalogue import INSURANCE_COOLING_OFF_DAYS, ProductCatalogue
from app.rules.proposal import plain_json
from app.rules.reminders import receipt_return_due

DEFAULT_COOLING_OFF_DAYS = 15
# The bank-insurance minimum is 15 days; the upper bound only catches a slip of the keyboard.
MIN_COOLING_OFF_DAYS, MAX_COOLING_OFF_DAYS = INSURANCE_COOLING_OFF_DAYS
POLICY_NUMBER_MAX = 40
SCAN_MIMES = ("image/png", "image/jpeg", "application/pdf")
MAX_SCAN_BYTES = 10 * 1024 * 1024
SIGNER_ROLE = "client"
SHA256_HEX = re.compile(r"[0-9a-f]{64}")


def cooling_off_days(product_code: str, catalogue: ProductCatalogue) -> int:
    """The product's cooling-off days from the catalogue (e.g. 20 for the pension annuities sold
    to older clients); the bank-insurance minimum of 15 for a product it does not list."""
    product = catalogue.find(product_code)
    return product.cooling_off_days if product is not None and product.is_insurance else DEFAULT_COOLING_OFF_DAYS


def cooling_off_ends(signed_on: date, days: int) -> date:
    """The last day of the cooling-off period: it starts the day after signing."""
    return signed_on + timedelta(days=days)


def return_due(signed_on: date) -> date:
    return receipt_return_due(signed_on)


# --- the document --------------------------------------------------------------------------


@dataclass(frozen=True)
class SignatureRef:
    role: str
    strokes_json: str


@dataclass(frozen=True)
class ScanRef:
    mime: str
    sha256: str
    size: int


@dataclass(frozen=True)
class ReceiptDoc:
    id: str
    proposal_id: str
    policy_number: str
    delivered_on: date | None
    signed_on: date | None
    cooling_off_days: int
    cooling_off_ends_on: date | None
    return_due_on: date | None
    signature: SignatureRef | None
    scan: ScanRef | None


def to_json(doc: ReceiptDoc) -> dict[str, Any]:
    return plain_json(doc)


# --- from JSON (strict) --------------------------------------------------------------------

LABELS: dict[str, Label] = {
    "id": ("The receipt's id", "回执编号"),
    "proposal_id": ("The proposal's id", "投保单编号"),
    "policy_number": ("The policy number", "保单号"),
    "delivered_on": ("The delivery day", "送达日期"),
    "signed_on": ("The signing day", "签收日期"),
    "cooling_off_days": ("The cooling-off period", "犹豫期"),
    "cooling_off_ends_on": ("The end of the cooling-off period", "犹豫期截止日"),
    "return_due_on": ("The return deadline", "回执交回期限"),
    "signature.strokes_json": ("The client's signature", "客户签名"),
}


def field_label(path: str) -> Label:
    return LABELS.get(path, (path, path))


READ = FormReaders(("the receipt", "保单回执"), field_label)
CHOICE = READ.text(limits.CHOICE_CHARS)
SIGNATURE_FIELDS: dict[str, Reader] = {
    "role": one_of(CHOICE, lambda v: v == SIGNER_ROLE, '"client"', '"client"'),
    "strokes_json": READ.text(limits.STROKES_JSON_CHARS),
}
SCAN_FIELDS: dict[str, Reader] = {
    "mime": one_of(CHOICE, lambda v: v in SCAN_MIMES, " or ".join(SCAN_MIMES), "、".join(SCAN_MIMES) + "之一"),
    "sha256": one_of(CHOICE, lambda v: bool(SHA256_HEX.fullmatch(v)), "64 lower-case hex digits",
                     "64 位小写十六进制数"),
    "size": one_of(READ.integer(limits.ANY_INT), lambda v: 0 < v <= MAX_SCAN_BYTES,
                   f"from 1 to {MAX_SCAN_BYTES} bytes", f"1 至 {MAX_SCAN_BYTES} 字节"),
}  # fmt: skip
RECEIPT_FIELDS: dict[str, Reader] = {
    "id": READ.uuid, "proposal_id": READ.uuid, "policy_number": READ.text(limits.POLICY_NUMBER_CHARS),
    "delivered_on": READ.date_or_null, "signed_on": READ.date_or_null,
    "cooling_off_days": READ.integer(limits.COOLING_OFF_DAYS), "cooling_off_ends_on": READ.date_or_null,
    "return_due_on": READ.date_or_null, "signature": READ.record(SignatureRef, SIGNATURE_FIELDS, nullable=True),
    "scan": READ.record(ScanRef, SCAN_FIELDS, nullable=True),
}  # fmt: skip


def from_json(data: dict[str, Any]) -> tuple[ReceiptDoc | None, list[Problem]]:
    """The document, or None with every structural problem (J001-J008) found: shape, types,
    and the limits of `app.rules.limits` (ids, text, dates, cooling-off days).

    Raises TypeError only when `data` is not a JSON object at all.
    """
    if not isinstance(data, dict):
        raise TypeError(f"a receipt is a JSON object, not {type(data).__name__}")
    problems: list[Problem] = []
    doc = READ.record(ReceiptDoc, RECEIPT_FIELDS)(data, "", problems)
    return (None, problems) if problems else (doc, [])


def form_problems(doc: ReceiptDoc) -> list[Problem]:
    """What the JSON form's limits say about a receipt built in memory (the laptop's): it is
    read back exactly as head office will read it."""
    return from_json(to_json(doc))[1]


# --- rules ---------------------------------------------------------------------------------


def check_receipt(doc: ReceiptDoc, today: date) -> list[Problem]:
    """Every reason the receipt cannot be signed and sent; dates are checked against `today`.

    A receipt past the JSON form's limits gets those J codes only (`form_problems`): its
    deadlines cannot even be computed when it was signed on 9999-12-31.
    """
    found = form_problems(doc)
    if found:
        return found

    def add(field: str, code: str, en: str, zh: str) -> None:
        found.append(Problem(field, code, en, zh))

    number = doc.policy_number.strip()
    if not number:
        add("policy_number", "R001_policy_number_required", "Enter the policy number.", "请填写保单号。")
    elif len(number) > POLICY_NUMBER_MAX:
        add(
            "policy_number",
            "R010_policy_number_too_long",
            f"The policy number has at most {POLICY_NUMBER_MAX} characters.",
            f"保单号最多 {POLICY_NUMBER_MAX} 个字符。",
        )
    if doc.delivered_on is None:
        add(
            "delivered_on",
            "R002_delivered_on_required",
            "Enter the day the policy was delivered.",
            "请填写保单送达日期。",
        )
    elif doc.delivered_on > today:
        add(
            "delivered_on",
            "R003_delivered_on_future",
            "The delivery day cannot be in the future.",
            "送达日期不能晚于今天。",
        )
    if doc.signed_on is None:
        add(
            "signed_on",
            "R004_signed_on_required",
            "Enter the day the client signed the receipt.",
            "请填写客户签收日期。",
        )
    else:
        if doc.delivered_on is not None and doc.signed_on < doc.delivered_on:
            add(
                "signed_on",
                "R005_signed_before_delivery",
                "The client cannot sign before the policy was delivered.",
                "签收日期不能早于保单送达日期。",
            )
        if doc.signed_on > today:
            add(
                "signed_on",
                "R006_signed_on_future",
                "The signing day cannot be in the future.",
                "签收日期不能晚于今天。",
            )
    if (doc.signature is None) == (doc.scan is None):
        add(
            "signature",
            "R007_signature_or_scan",
            "The client signs on screen, or attach a scan of the signed paper receipt: one of the two.",
            "请客户在屏幕上签名，或附上已签回执的扫描件，二者选其一。",
        )
    if not MIN_COOLING_OFF_DAYS <= doc.cooling_off_days <= MAX_COOLING_OFF_DAYS:
        add(
            "cooling_off_days",
            "R008_cooling_off_days_range",
            f"The cooling-off period is {MIN_COOLING_OFF_DAYS} to {MAX_COOLING_OFF_DAYS} days.",
            f"犹豫期应为 {MIN_COOLING_OFF_DAYS} 至 {MAX_COOLING_OFF_DAYS} 天。",
        )
    elif doc.signed_on is not None and (
        doc.cooling_off_ends_on != cooling_off_ends(doc.signed_on, doc.cooling_off_days)
        or doc.return_due_on != return_due(doc.signed_on)
    ):
        add(
            "signed_on",
            "R009_deadlines_disagree",
            "The cooling-off end and return deadline do not follow from the signing day.",
            "犹豫期截止日或回执交回期限与签收日期不符。",
        )
    return found


# --- scans ---------------------------------------------------------------------------------

MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"%PDF-", "application/pdf"),
)


def sniff_mime(data: bytes) -> str | None:
    """The file's type from its first bytes, never from its name; None if not PNG/JPEG/PDF."""
    return next((mime for magic, mime in MAGIC if data.startswith(magic)), None)


SUFFIX_MIMES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".pdf": "application/pdf"}


def mime_for_name(file_name: str) -> str:
    """What a file's name claims it holds, "" when its suffix says nothing we know."""
    dot = file_name.rfind(".")
    return SUFFIX_MIMES.get(file_name[dot:].lower(), "") if dot >= 0 else ""


def check_scan(data: bytes, claimed_mime: str) -> list[Problem]:
    """A scan is refused when empty, over 10 MB, not PNG/JPEG/PDF by its content, or when its
    content is another type than its name claimed (the wrong file was probably picked); an
    empty claim means the name said nothing."""
    if not data:
        return [Problem("scan", "R011_scan_empty", "The file is empty.", "文件是空的。")]
    if len(data) > MAX_SCAN_BYTES:
        mb = MAX_SCAN_BYTES // (1024 * 1024)
        return [
            Problem(
                "scan",
                "R012_scan_too_large",
                f"The scan is larger than {mb} MB: scan at a lower resolution.",
                f"扫描件超过 {mb} MB，请降低分辨率后重新扫描。",
            )
        ]
    sniffed = sniff_mime(data)
    if sniffed is None:
        return [
            Problem(
                "scan",
                "R013_scan_type",
                "The file is not a PNG, JPEG or PDF by its content.",
                "该文件的内容不是 PNG、JPEG 或 PDF。",
            )
        ]
    if claimed_mime and sniffed != claimed_mime:
        return [
            Problem(
                "scan",
                "R014_scan_type_mismatch",
                f"The file's content is {sniffed}, not {claimed_mime} as its name says.",
                f"文件内容为 {sniffed}，与文件名所示的 {claimed_mime} 不符。",
            )
        ]
    return []
