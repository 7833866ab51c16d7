"""Head office's letters (函件) as the manual describes them: each kind's due date and own fields.

A letter arrives on the status feed with a kind and a few string fields; `check_fields` keeps
the fields its kind has, cleaned, and refuses a bad value (in English and Chinese) so a broken
feed never reaches a screen.  Every kind is answered — or, for a medical examination, held; for
an investigation, the investigator's visit arranged — within `ANSWER_DAYS` days of issue.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta

from app.errors import InvalidInput
from app.rules.client_card import LANDLINE, MOBILE, normalise_phone

KINDS = ("review", "medical_exam", "investigation", "financial_evidence", "health_evidence", "decision", "problem")
ANSWER_DAYS = 10

FIELDS: dict[str, tuple[str, ...]] = {
    "review": ("points",),  # what the client confirms by signing (合同审核函)
    "medical_exam": ("hospital", "items", "exam_at"),
    "investigation": ("investigator", "phone", "visit_at"),
    "financial_evidence": ("documents",),
    "health_evidence": ("documents",),
    "decision": ("conclusion", "extra_premium_cents", "exclusions", "rated_sum_insured_cents"),
    "problem": (),
}

# The underwriting conclusions (核保结论) a decision letter carries; head office may also send the Chinese words.
CONCLUSIONS = ("standard", "extra_premium", "exclusion", "reduced_sum", "postponed", "declined")
CONCLUSION_ZH = {
    "standard": "标准体承保",
    "extra_premium": "加费承保",
    "exclusion": "除外责任承保",
    "reduced_sum": "降低保额承保",
    "postponed": "延期承保",
    "declined": "拒保",
}
_CONCLUSION_FROM_ZH = {**{zh: code for code, zh in CONCLUSION_ZH.items()}, "标准体": "standard",
                       "加费": "extra_premium", "除外": "exclusion", "除外承保": "exclusion",
                       "降额承保": "reduced_sum", "延期": "postponed"}  # fmt: skip

DECISIONS = ("accepted", "declined")

_MONEY_FIELDS = ("extra_premium_cents", "rated_sum_insured_cents")
_TIME_FIELDS = ("exam_at", "visit_at")
_LONG_FIELDS = ("points", "items", "documents", "exclusions")
SHORT_MAX = 200
LONG_MAX = 2000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

_FIELD_ZH = {
    "points": "审核事项",
    "hospital": "体检医院",
    "items": "体检项目",
    "exam_at": "体检时间",
    "investigator": "调查人员",
    "phone": "联系电话",
    "visit_at": "调查时间",
    "documents": "所需资料",
    "conclusion": "核保结论",
    "extra_premium_cents": "加费金额",
    "exclusions": "除外责任",
    "rated_sum_insured_cents": "核定保额",
}


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise InvalidInput(f"Unknown letter kind {kind!r} (use {', '.join(KINDS)}).",
                           zh=f"未知的函件类型：{kind}。")  # fmt: skip


def due_on(kind: str, issued_on: date) -> date:
    """The day the letter must be dealt with: answered (review, financial and health evidence,
    underwriting decision, other problems), the examination held, or the investigator's visit
    arranged — all within `ANSWER_DAYS` days of issue."""
    _check_kind(kind)
    return issued_on + timedelta(days=ANSWER_DAYS)


def parse_when(value: str) -> datetime:
    """`2026-05-01 09:30` / `2026-05-01T09:30:00` → a datetime (local, as the letter wrote it).
    Raises ValueError for anything else, a date without a time included."""
    text = unicodedata.normalize("NFKC", value).strip().replace("T", " ")
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{1,2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)?", text):
        raise ValueError(value)
    day, clock = text.split(" ", 1)
    if clock.index(":") == 1:  # 9:30 → 09:30
        clock = "0" + clock
    return datetime.fromisoformat(f"{day} {clock}".replace("Z", "+00:00"))


def when_text(moment: datetime) -> str:
    """The cleaned form of a time field: `2026-05-01T09:30` (with its offset, if it had one)."""
    return moment.isoformat(timespec="minutes")


def _bad(key: str, value: str, en: str, zh: str) -> InvalidInput:
    return InvalidInput(f"The letter's {key.replace('_', ' ')} {value!r} {en}",
                        zh=f"函件的{_FIELD_ZH[key]}“{value}”{zh}")  # fmt: skip


def _clean_one(key: str, raw: str) -> str:
    value = unicodedata.normalize("NFC", str(raw)).strip()
    if _CONTROL.search(value):
        raise _bad(key, value, "contains control characters.", "含有控制字符。")
    limit = LONG_MAX if key in _LONG_FIELDS else SHORT_MAX
    if len(value) > limit:
        raise _bad(key, value[:20] + "…", f"is longer than {limit} characters.", f"超过 {limit} 个字符。")
    if not value:
        return ""
    if key in _MONEY_FIELDS:
        digits = unicodedata.normalize("NFKC", value).replace(",", "")
        if not re.fullmatch(r"\d{1,15}", digits):
            raise _bad(key, value, "is not a whole number of fen (0 or more).", "不是以分计的非负整数。")
        return str(int(digits))
    if key in _TIME_FIELDS:
        try:
            return when_text(parse_when(value))
        except ValueError:
            raise _bad(key, value, "is not a date and time such as 2026-05-01 09:30.",
                       "不是“2026-05-01 09:30”这样的日期时间。") from None  # fmt: skip
    if key == "phone":
        phone = normalise_phone(unicodedata.normalize("NFKC", value))
        if not (MOBILE.fullmatch(phone) or LANDLINE.fullmatch(phone)):
            raise _bad(key, value, "is not a mobile or landline number.", "不是有效的手机或固定电话号码。")
        return phone
    if key == "conclusion":
        code = value.lower() if value.lower() in CONCLUSIONS else _CONCLUSION_FROM_ZH.get(value)
        if code is None:
            raise _bad(key, value, f"is not an underwriting conclusion ({', '.join(CONCLUSIONS)}).",
                       "不是有效的核保结论。")  # fmt: skip
        return code
    return value


def check_fields(kind: str, fields: dict[str, str]) -> dict[str, str]:
    """The fields `kind` has, cleaned (trimmed; amounts as whole fen; times as `YYYY-MM-DDTHH:MM`;
    phones without separators; a conclusion as one of CONCLUSIONS); unknown keys and empty values
    are dropped. InvalidInput (English and Chinese) for a bad value or an unknown kind."""
    _check_kind(kind)
    cleaned: dict[str, str] = {}
    for key in FIELDS[kind]:
        if key in fields and fields[key] is not None:
            value = _clean_one(key, fields[key])
            if value:
                cleaned[key] = value
    return cleaned
