"""Rules a client file card must meet, as pure functions with bilingual messages.

Each problem names the field it belongs to, a stable code and a message in English and
Chinese, so the card shows it beside the field in the user's language and the CSV import
report can print it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from app.rules.id_numbers import InvalidResidentId, parse_resident_id
from app.rules.problem import Problem

MOBILE = re.compile(r"1[3-9]\d{9}")
# Area code 3-4 digits starting with 0, 7-8 digit number, optional extension.
LANDLINE = re.compile(r"0\d{2,3}-?\d{7,8}(-\d{1,6})?")
SEPARATORS = re.compile(r"[\s\-()（）]")

ID_TYPES = ("resident_id", "passport", "military_id", "birth_certificate", "other")
TIERS = ("ordinary", "gold", "platinum", "diamond", "private")
SOURCES = ("walk_in", "referral", "outlet_staff", "other")
RISKS = ("conservative", "steady", "balanced", "growth", "aggressive")
GENDERS = ("M", "F")
# Private banking starts at 8,000,000 CNY of assets at the bank.
PRIVATE_BANKING_CENTS = 8_000_000 * 100


@dataclass(frozen=True)
class CardFields:
    """What the rules look at; the service builds it from the form or a CSV row."""

    name: str
    gender: str | None
    birth_date: date | None
    id_type: str
    id_number: str
    mobile: str
    phone_other: str
    tier: str
    source: str
    risk_preference: str | None
    assets_cents: int


def normalise_phone(value: str) -> str:
    return SEPARATORS.sub("", value or "")


def normalise_id(value: str) -> str:
    return SEPARATORS.sub("", value or "").upper()


def segment_for_age(age: int | None) -> str | None:
    """young (under 35) | middle (35-59) | retired (60 and over), per the manuals' groups."""
    if age is None:
        return None
    if age < 35:
        return "young"
    return "middle" if age < 60 else "retired"


def age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


ID_REASONS = {
    "length": ("must have 18 characters", "应为 18 位"),
    "format": ("may hold only digits and a final X", "只能由数字和末位 X 组成"),
    "checksum": ("check digit is wrong: a character is mistyped", "校验位不符，可能有字输错"),
    "birth_date": ("holds a birth date that does not exist", "中的出生日期不存在"),
    "birth_future": ("holds a birth date in the future", "中的出生日期晚于今天"),
}


def region_unknown_texts(number: str) -> tuple[str, str]:
    """Why a resident ID's region code gets a warning, not an error (English, Chinese)."""
    code = normalise_id(number)[:6]
    return (
        f"The ID number's region code {code} is not in the table of region codes this app knows; "
        "the number is accepted, but compare its first six digits with the ID card.",
        f"身份证号码的地区码 {code} 不在本软件的行政区划代码表中；号码仍可使用，请对照身份证核对前六位。",
    )


def card_warnings(card: CardFields) -> list[Problem]:
    """What the card shows but does not refuse: a resident ID whose region code no edition of
    the code table knows (`id_region_unknown`).  The card stays valid and saves."""
    return id_warnings(card.id_type, card.id_number)


def id_warnings(id_type: str, id_number: str) -> list[Problem]:
    """`card_warnings` for just the document, for callers that hold no CardFields (the import)."""
    if id_type != "resident_id":
        return []
    try:
        parsed = parse_resident_id(normalise_id(id_number))
    except InvalidResidentId:
        return []  # check_card reports it
    if parsed.region_known:
        return []
    en, zh = region_unknown_texts(parsed.number)
    return [Problem("id_number", "id_region_unknown", en, zh)]


def check_card(card: CardFields, today: date) -> list[Problem]:
    problems: list[Problem] = []
    name = card.name.strip()
    if not name:
        problems.append(Problem("name", "name_required", "Enter the client's name.", "请填写客户姓名。"))
    elif len(name) > 50:
        problems.append(
            Problem("name", "name_too_long", "The name is longer than 50 characters.", "姓名超过 50 个字。")
        )
    if card.gender is not None and card.gender not in GENDERS:
        problems.append(Problem("gender", "gender_invalid", "Choose male or female.", "请选择男或女。"))
    if card.birth_date is not None and card.birth_date > today:
        problems.append(
            Problem("birth_date", "birth_in_future", "The birth date is in the future.", "出生日期晚于今天。")
        )
    problems += _check_id(card)
    mobile = normalise_phone(card.mobile)
    if mobile and not MOBILE.fullmatch(mobile):
        problems.append(
            Problem(
                "mobile",
                "mobile_invalid",
                "A mobile number has 11 digits and starts with 13-19, e.g. 13812345678.",
                "手机号应为 13–19 开头的 11 位数字，例如 13812345678。",
            )
        )
    other = normalise_phone(card.phone_other)
    if other and not (LANDLINE.fullmatch(other) or MOBILE.fullmatch(other)):
        problems.append(
            Problem(
                "phone_other",
                "phone_invalid",
                "Enter a landline with its area code (e.g. 010-62345678) or a mobile number.",
                "请填写带区号的固定电话（例如 010-62345678）或手机号。",
            )
        )
    if not mobile and not other:
        problems.append(
            Problem("mobile", "phone_required", "Enter at least one phone number.", "请至少填写一个联系电话。")
        )
    problems += _check_choices(card)
    if card.assets_cents < 0:
        problems.append(Problem("assets", "assets_negative", "Assets cannot be negative.", "资产不能为负数。"))
    elif card.tier == "private" and card.assets_cents < PRIVATE_BANKING_CENTS:
        problems.append(
            Problem(
                "tier",
                "private_below_threshold",
                "Private banking starts at 8,000,000 CNY of assets at the bank.",
                "私人银行客户的行内资产应不低于 800 万元。",
            )
        )
    return problems


def _check_id(card: CardFields) -> list[Problem]:
    number = normalise_id(card.id_number)
    if card.id_type not in ID_TYPES:
        return [Problem("id_type", "id_type_invalid", "Choose a document type.", "请选择证件类型。")]
    if not number:
        return [Problem("id_number", "id_required", "Enter the ID document number.", "请填写证件号码。")]
    if card.id_type != "resident_id":
        if not re.fullmatch(r"[0-9A-Z]{5,20}", number):
            return [
                Problem(
                    "id_number",
                    "document_invalid",
                    "A document number has 5-20 letters or digits.",
                    "证件号码应为 5–20 位字母或数字。",
                )
            ]
        return []
    try:
        parsed = parse_resident_id(number)
    except InvalidResidentId as exc:
        en, zh = ID_REASONS[exc.reason]
        return [Problem("id_number", f"id_{exc.reason}", f"The ID number {en}.", f"身份证号码{zh}。")]
    problems = []
    if card.birth_date is not None and card.birth_date != parsed.birth_date:
        problems.append(
            Problem(
                "birth_date",
                "birth_date_mismatch",
                f"The ID number says the birth date is {parsed.birth_date:%Y-%m-%d}.",
                f"身份证号码显示出生日期为 {parsed.birth_date:%Y-%m-%d}。",
            )
        )
    if card.gender is not None and card.gender != parsed.gender:
        said = ("male", "男") if parsed.gender == "M" else ("female", "女")
        problems.append(
            Problem(
                "gender",
                "gender_mismatch",
                f"The ID number says the client is {said[0]}.",
                f"身份证号码显示性别为{said[1]}。",
            )
        )
    return problems


def _check_choices(card: CardFields) -> list[Problem]:
    problems = []
    for field, value, allowed in (
        ("tier", card.tier, TIERS),
        ("source", card.source, SOURCES),
        ("risk_preference", card.risk_preference, (None, *RISKS)),
    ):
        if value not in allowed:
            problems.append(
                Problem(field, f"{field}_invalid", f"{value!r} is not an allowed value.", f"“{value}”不是可选的值。")
            )
    return problems
