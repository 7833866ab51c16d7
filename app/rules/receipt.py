"""The policy receipt (保单回执) as head office receives it, its deadlines and its rules.

Pure: stdlib and `app.rules` only, so the laptop and the head-office server read the same
document the same way.

Deadlines: the client's signing date starts the cooling-off period (犹豫期) on the NEXT day
and it lasts the product's number of calendar days (signed 2026-03-01, 15 days: the last day
is 2026-03-16); holidays do not lengthen it.  The manager returns the signed paper within 3
working days of signing (`app.rules.reminders.receipt_return_due`).

JSON form (one object, UTF-8; every key is required, unknown keys are refused):

- `id` (text: the laptop's UUID of the receipt), `proposal_id` (text: the proposal it
  delivers), `policy_number` (text), `delivered_on`, `signed_on` (`"YYYY-MM-DD"` or null),
  `cooling_off_days` (integer), `cooling_off_ends_on`, `return_due_on` (date or null);
- `signature`: `{"role": "client", "strokes_json": text}` (the strokes as
  `app.rules.signature.to_json` writes them), or null;
- `scan`: `{"mime": "image/png" | "image/jpeg" | "application/pdf", "sha256": 64 lower-case
  hex digits, "size": bytes}`, or null.  The scan's bytes are not in this document: the
  outbox payload carries them base64-encoded as `scan_base64`, beside it (see
  `app.services.receipts`), and `sha256` ties them to the hash.

Null dates and blank text are structurally fine; `check_receipt` reports them (codes R…),
as it reports a receipt with both or neither of `signature` and `scan`.  Structural problems
have the codes J001 (missing key), J002 (unknown key), J003 (wrong type), J004 (not a real
date) and J005 (a value outside its list).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from app.rules.client_card import Problem
from app.rules.proposal import plain_json
from app.rules.reminders import receipt_return_due

DEFAULT_COOLING_OFF_DAYS = 15
# The bank-insurance minimum is 15 days; the upper bound only catches a slip of the keyboard.
MIN_COOLING_OFF_DAYS = 15
MAX_COOLING_OFF_DAYS = 60
# Products whose terms grant a longer cooling-off period (the pension annuities sold to older clients).
PRODUCT_COOLING_OFF_DAYS: dict[str, int] = {"GS-XXNJ": 20, "GS-FLXZ": 20}
POLICY_NUMBER_MAX = 40
SCAN_MIMES = ("image/png", "image/jpeg", "application/pdf")
MAX_SCAN_BYTES = 10 * 1024 * 1024
SIGNER_ROLE = "client"
SHA256_HEX = re.compile(r"[0-9a-f]{64}")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def cooling_off_days(product_code: str) -> int:
    return PRODUCT_COOLING_OFF_DAYS.get(product_code.strip().upper(), DEFAULT_COOLING_OFF_DAYS)


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

Reader = Callable[[object, str, list[Problem]], Any]


def _problem(path: str, code: str, en: str, zh: str) -> Problem:
    return Problem(path, code, en, zh)


def _typed(en: str, zh: str, accepts: Callable[[object], bool], nullable: bool = False) -> Reader:
    def read(value: object, path: str, problems: list[Problem]) -> Any:
        if (value is None and nullable) or accepts(value):
            return value
        tail = (" or null", "或 null") if nullable else ("", "")
        problems.append(_problem(path, "J003_wrong_type", f"{path} must be {en}{tail[0]}.", f"{path} 应为{zh}{tail[1]}。"))
        return None

    return read


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)  # JSON true is not a number


TEXT = _typed("text", "文本", lambda v: isinstance(v, str))
INT = _typed("a whole number", "整数", _is_int)


def _date_or_null(value: object, path: str, problems: list[Problem]) -> date | None:
    if value is None:
        return None
    if isinstance(value, str) and ISO_DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            problems.append(_problem(path, "J004_bad_date", f"{path}: {value} is not a real date.", f"{path}：{value} 不是存在的日期。"))
            return None
    return _typed("a date like 2026-03-15", "形如 2026-03-15 的日期", lambda _v: False, nullable=True)(value, path, problems)


def _one_of(reader: Reader, allowed: Callable[[Any], bool], en: str, zh: str) -> Reader:
    def read(value: object, path: str, problems: list[Problem]) -> Any:
        before = len(problems)
        parsed = reader(value, path, problems)
        if len(problems) == before and not allowed(parsed):
            problems.append(_problem(path, "J005_bad_value", f"{path} must be {en}.", f"{path} 应为{zh}。"))
        return parsed

    return read


def _record(cls: type[Any], readers: dict[str, Reader], nullable: bool = False) -> Reader:
    def read(value: object, path: str, problems: list[Problem]) -> Any:
        if value is None and nullable:
            return None
        if not isinstance(value, dict):
            return _typed("an object", "对象", lambda _v: False, nullable)(value, path or "document", problems)
        prefix = f"{path}." if path else ""
        for key in [key for key in value if key not in readers]:
            problems.append(_problem(f"{prefix}{key}", "J002_unknown_field",
                                     f"{prefix}{key} is not a field of the receipt.", f"{prefix}{key} 不是保单回执的字段。"))
        parsed = {}
        for key, reader in readers.items():
            if key in value:
                parsed[key] = reader(value[key], f"{prefix}{key}", problems)
            else:
                problems.append(_problem(f"{prefix}{key}", "J001_missing_field",
                                         f"{prefix}{key} is missing (write null or \"\" when blank).",
                                         f"缺少 {prefix}{key}（空白时写 null 或 \"\"）。"))
        return cls(**parsed) if len(parsed) == len(readers) else None

    return read


SIGNATURE_FIELDS: dict[str, Reader] = {
    "role": _one_of(TEXT, lambda v: v == SIGNER_ROLE, '"client"', '"client"'),
    "strokes_json": TEXT,
}
SCAN_FIELDS: dict[str, Reader] = {
    "mime": _one_of(TEXT, lambda v: v in SCAN_MIMES, " or ".join(SCAN_MIMES), "、".join(SCAN_MIMES) + "之一"),
    "sha256": _one_of(TEXT, lambda v: bool(SHA256_HEX.fullmatch(v)), "64 lower-case hex digits", "64 位小写十六进制数"),
    "size": _one_of(INT, lambda v: 0 < v <= MAX_SCAN_BYTES, f"from 1 to {MAX_SCAN_BYTES} bytes", f"1 至 {MAX_SCAN_BYTES} 字节"),
}
RECEIPT_FIELDS: dict[str, Reader] = {
    "id": TEXT, "proposal_id": TEXT, "policy_number": TEXT, "delivered_on": _date_or_null,
    "signed_on": _date_or_null, "cooling_off_days": INT, "cooling_off_ends_on": _date_or_null,
    "return_due_on": _date_or_null, "signature": _record(SignatureRef, SIGNATURE_FIELDS, nullable=True),
    "scan": _record(ScanRef, SCAN_FIELDS, nullable=True),
}  # fmt: skip


def from_json(data: dict[str, Any]) -> tuple[ReceiptDoc | None, list[Problem]]:
    """The document, or None with every structural problem (J001-J005) found.

    Raises TypeError only when `data` is not a JSON object at all.
    """
    if not isinstance(data, dict):
        raise TypeError(f"a receipt is a JSON object, not {type(data).__name__}")
    problems: list[Problem] = []
    doc = _record(ReceiptDoc, RECEIPT_FIELDS)(data, "", problems)
    return (None, problems) if problems else (doc, [])


# --- rules ---------------------------------------------------------------------------------


def check_receipt(doc: ReceiptDoc, today: date) -> list[Problem]:
    """Every reason the receipt cannot be signed and sent; dates are checked against `today`."""
    found: list[Problem] = []

    def add(field: str, code: str, en: str, zh: str) -> None:
        found.append(Problem(field, code, en, zh))

    number = doc.policy_number.strip()
    if not number:
        add("policy_number", "R001_policy_number_required", "Enter the policy number.", "请填写保单号。")
    elif len(number) > POLICY_NUMBER_MAX:
        add("policy_number", "R010_policy_number_too_long",
            f"The policy number has at most {POLICY_NUMBER_MAX} characters.", f"保单号最多 {POLICY_NUMBER_MAX} 个字符。")
    if doc.delivered_on is None:
        add("delivered_on", "R002_delivered_on_required", "Enter the day the policy was delivered.", "请填写保单送达日期。")
    elif doc.delivered_on > today:
        add("delivered_on", "R003_delivered_on_future", "The delivery day cannot be in the future.", "送达日期不能晚于今天。")
    if doc.signed_on is None:
        add("signed_on", "R004_signed_on_required", "Enter the day the client signed the receipt.", "请填写客户签收日期。")
    else:
        if doc.delivered_on is not None and doc.signed_on < doc.delivered_on:
            add("signed_on", "R005_signed_before_delivery",
                "The client cannot sign before the policy was delivered.", "签收日期不能早于保单送达日期。")
        if doc.signed_on > today:
            add("signed_on", "R006_signed_on_future", "The signing day cannot be in the future.", "签收日期不能晚于今天。")
    if (doc.signature is None) == (doc.scan is None):
        add("signature", "R007_signature_or_scan",
            "The client signs on screen, or attach a scan of the signed paper receipt: one of the two.",
            "请客户在屏幕上签名，或附上已签回执的扫描件，二者选其一。")
    if not MIN_COOLING_OFF_DAYS <= doc.cooling_off_days <= MAX_COOLING_OFF_DAYS:
        add("cooling_off_days", "R008_cooling_off_days_range",
            f"The cooling-off period is {MIN_COOLING_OFF_DAYS} to {MAX_COOLING_OFF_DAYS} days.",
            f"犹豫期应为 {MIN_COOLING_OFF_DAYS} 至 {MAX_COOLING_OFF_DAYS} 天。")
    elif doc.signed_on is not None and (
        doc.cooling_off_ends_on != cooling_off_ends(doc.signed_on, doc.cooling_off_days)
        or doc.return_due_on != return_due(doc.signed_on)
    ):
        add("signed_on", "R009_deadlines_disagree",
            "The cooling-off end and return deadline do not follow from the signing day.",
            "犹豫期截止日或回执交回期限与签收日期不符。")
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
        return [Problem("scan", "R012_scan_too_large", f"The scan is larger than {mb} MB: scan at a lower resolution.",
                        f"扫描件超过 {mb} MB，请降低分辨率后重新扫描。")]
    sniffed = sniff_mime(data)
    if sniffed is None:
        return [Problem("scan", "R013_scan_type", "The file is not a PNG, JPEG or PDF by its content.",
                        "该文件的内容不是 PNG、JPEG 或 PDF。")]
    if claimed_mime and sniffed != claimed_mime:
        return [Problem("scan", "R014_scan_type_mismatch",
                        f"The file's content is {sniffed}, not {claimed_mime} as its name says.",
                        f"文件内容为 {sniffed}，与文件名所示的 {claimed_mime} 不符。")]
    return []
