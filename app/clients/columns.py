"""The columns of a client CSV: the headers people use, the values they type, and how a cell
becomes a card field on import or is written back on export (so an export imports back).

Choices are written with their Chinese labels and read from Chinese or English labels or the
codes; amounts are yuan; ID and phone numbers are never quoted back in a problem message.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal
from typing import Any

from app.rules.client_card import normalise_phone
from app.rules.masking import mask_id_number, mask_phone
from app.rules.problem import Problem

# (field, header written on export), in export order. "outlet" is the outlet's code.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("name", "姓名"),
    ("gender", "性别"),
    ("birth_date", "出生日期"),
    ("id_type", "证件类型"),
    ("id_number", "证件号码"),
    ("mobile", "手机号码"),
    ("phone_other", "固定电话"),
    ("address", "地址"),
    ("occupation", "职业"),
    ("employer", "工作单位"),
    ("tier", "客户等级"),
    ("source", "客户来源"),
    ("risk_preference", "风险偏好"),
    ("income_band", "收入"),
    ("assets_cents", "行内资产"),
    ("investments", "投资情况"),
    ("hobbies", "爱好"),
    ("notes", "备注"),
    ("tags", "标签"),
    ("outlet", "网点代码"),
    ("blacklisted", "黑名单"),
    ("blacklist_reason", "黑名单原因"),
)
FIELDS = tuple(field for field, _ in COLUMNS)

_HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "客户姓名", "客户名称", "名字", "name", "clientname", "fullname"),
    "gender": ("性别", "gender", "sex"),
    "birth_date": ("出生日期", "生日", "出生年月日", "birthdate", "birthday", "dateofbirth", "dob"),
    "id_type": ("证件类型", "证件种类", "idtype", "documenttype"),
    "id_number": ("证件号码", "证件号", "身份证号", "身份证号码", "身份证", "idnumber", "idno", "documentnumber"),
    "mobile": ("手机", "手机号", "手机号码", "移动电话", "联系电话", "mobile", "mobilephone", "cellphone"),
    "phone_other": ("电话", "固定电话", "座机", "其他电话", "phone", "telephone", "landline", "phoneother"),
    "address": ("地址", "住址", "家庭地址", "联系地址", "通讯地址", "address"),
    "occupation": ("职业", "occupation", "job"),
    "employer": ("工作单位", "单位", "单位名称", "公司", "employer", "company"),
    "tier": ("客户等级", "等级", "客户级别", "级别", "tier", "level"),
    "source": ("来源", "客户来源", "source"),
    "risk_preference": ("风险偏好", "风险等级", "风险承受能力", "risk", "riskpreference"),
    "income_band": ("收入", "年收入", "收入水平", "收入区间", "income", "incomeband"),
    "assets_cents": ("资产", "行内资产", "金融资产", "资产规模", "assets", "aum"),
    "investments": ("投资", "投资情况", "投资偏好", "investments"),
    "hobbies": ("爱好", "兴趣爱好", "hobbies"),
    "notes": ("备注", "说明", "notes", "note", "remarks"),
    "tags": ("标签", "tags", "tag"),
    "outlet": ("网点", "网点代码", "网点编号", "网点名称", "所属网点", "outlet", "outletcode", "branch"),
    "blacklisted": ("黑名单", "是否黑名单", "blacklist", "blacklisted"),
    "blacklist_reason": ("黑名单原因", "blacklistreason"),
}

# code: (Chinese label, English label, further spellings people use)
CHOICES: dict[str, dict[str, tuple[str, str, tuple[str, ...]]]] = {
    "gender": {"M": ("男", "male", ("男性",)), "F": ("女", "female", ("女性",))},
    "id_type": {
        "resident_id": ("居民身份证", "resident ID", ("身份证", "二代身份证")),
        "passport": ("护照", "passport", ()),
        "military_id": ("军官证", "military ID", ()),
        "birth_certificate": ("出生证明", "birth certificate", ("出生证", "出生医学证明")),
        "other": ("其他", "other", ("其它",)),
    },
    "tier": {
        "ordinary": ("普通", "ordinary", ("普通客户", "普卡", "大众")),
        "gold": ("金卡", "gold", ("金卡客户", "金")),
        "platinum": ("白金", "platinum", ("白金卡", "白金客户")),
        "diamond": ("钻石", "diamond", ("钻石卡", "钻石客户")),
        "private": ("私人银行", "private banking", ("私行", "私人银行客户", "privatebank")),
    },
    "source": {
        "walk_in": ("到店", "walk-in", ("自然到店", "进店", "自来客", "柜面")),
        "referral": ("转介绍", "referral", ("介绍", "客户介绍")),
        "outlet_staff": ("网点推荐", "outlet staff", ("网点员工", "员工推荐", "网点")),
        "other": ("其他", "other", ("其它",)),
    },
    # C1-C5 are the customer risk ratings banks print on the questionnaire.
    "risk_preference": {
        "conservative": ("保守", "conservative", ("保守型", "c1")),
        "steady": ("稳健", "steady", ("稳健型", "c2")),
        "balanced": ("平衡", "balanced", ("平衡型", "c3")),
        "growth": ("成长", "growth", ("成长型", "c4")),
        "aggressive": ("进取", "aggressive", ("进取型", "激进", "激进型", "c5")),
    },
    "blacklisted": {
        "yes": ("是", "yes", ("y", "true", "1", "√", "✓")),
        "no": ("否", "no", ("n", "false", "0", "×", "x")),
    },
}
TEXT_FIELDS = frozenset(
    {
        "name",
        "address",
        "occupation",
        "employer",
        "income_band",
        "investments",
        "hobbies",
        "notes",
        "blacklist_reason",
    }
)
PRIVATE_FIELDS = frozenset({"id_number", "mobile", "phone_other"})
# A cell Excel would run as a formula when the file is opened (CSV injection); exports put a
# quote mark in front of such text and imports take it off again.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
EXCEL_NUMBER = re.compile(r"\d+(\.\d+)?e\+?\d+", re.IGNORECASE)
AMOUNT = re.compile(r"(-)?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(万)?")
DATE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?")
TAG_SEPARATORS = re.compile(r"[,，、;；/\s]+")
MAX_CENTS = 10**15  # ten trillion yuan: anything larger is a typing slip


def _key(text: str) -> str:
    """How headers and choices are compared: width, case, spacing and punctuation ignored."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s_\-*:·./]", "", text).lower()


def _header_key(header: str) -> str:
    # "资产（万元）", "出生日期(yyyy-mm-dd)": the part in brackets is a unit or a hint.
    return _key(re.sub(r"\(.*?\)", "", unicodedata.normalize("NFKC", header)))


_FIELD_OF_HEADER = {_header_key(a): field for field, aliases in _HEADER_ALIASES.items() for a in aliases}
_CODE_OF_CHOICE = {
    field: {_key(s): code for code, (zh, en, more) in options.items() for s in (code, zh, en, *more)}
    for field, options in CHOICES.items()
}


def suggest_mapping(headers: tuple[str, ...] | list[str]) -> dict[str, str | None]:
    """Each header's card field, or None to ignore it; a field goes to its first column only."""
    mapping: dict[str, str | None] = {}
    taken: set[str] = set()
    for header in headers:
        field = _FIELD_OF_HEADER.get(_header_key(header)) if header else None
        if field in taken:
            field = None
        if field is not None:
            taken.add(field)
        mapping[header] = field
    return mapping


class CellProblem(ValueError):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.en)
        self.problem = problem


def parse_cell(field: str, text: str, header: str) -> Any:
    """The card value of one non-blank cell; raises CellProblem. Outlets are looked up by the
    importer, which knows the profile's outlets."""
    if field in TEXT_FIELDS:
        return _text(text)
    if field == "birth_date":
        return _date(text)
    if field == "id_number":
        return _private(field, text)
    if field == "mobile":
        number = normalise_phone(_private(field, text))
        # +86 / 0086 in front of a mobile is the country code, not part of the number.
        plain = re.fullmatch(r"(?:\+?86|0086)(1\d{10})", number)
        return plain.group(1) if plain else number
    if field == "phone_other":
        return _private(field, text)
    if field == "assets_cents":
        return _cents(text, scale=10_000 if "万" in header else 1)
    if field == "tags":
        return tuple(t for t in TAG_SEPARATORS.split(_text(text)) if t)
    if field == "blacklisted":
        return _choice(field, text) == "yes"
    if field in CHOICES:
        return _choice(field, text)
    raise ValueError(f"no parser for {field}")


def _text(text: str) -> str:
    text = text.strip()
    return text[1:] if text.startswith("'") and text[1:2] in FORMULA_START else text


def _private(field: str, text: str) -> str:
    value = unicodedata.normalize("NFKC", text).strip()
    if "*" in value:
        raise CellProblem(
            Problem(
                field,
                "masked",
                "The number is masked (*). Export with full numbers (reveal) to import it back.",
                "号码已打码（*），请导出完整号码后再导入。",
            )
        )
    if EXCEL_NUMBER.fullmatch(value):
        raise CellProblem(
            Problem(
                field,
                "excel_number",
                "Excel turned the number into a value like 1.1E+17 and lost digits; "
                "format the column as text and type it again.",
                "Excel 已把号码变成 1.1E+17 这样的数值并丢失了数字，请把该列设为文本后重新录入。",
            )
        )
    return value


def _date(text: str) -> date:
    value = unicodedata.normalize("NFKC", text).strip()
    match = DATE.fullmatch(value) or re.fullmatch(r"(\d{4})(\d{2})(\d{2})", value)
    if match is None:
        raise CellProblem(
            Problem(
                "birth_date",
                "date_unreadable",
                f"“{text}” is not a date; write it like 1985-06-15.",
                f"“{text}”不是日期，请写成 1985-06-15 这样的格式。",
            )
        )
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        raise CellProblem(
            Problem(
                "birth_date",
                "date_impossible",
                f"{text} is not a real date.",
                f"{text} 不是存在的日期。",
            )
        ) from None


def _cents(text: str, scale: int) -> int:
    """Yuan as typed ("1,234.50", "12万", "¥１２３", "5000元") → cents. `scale` 10,000 when
    the header says the column is in 万元."""
    value = re.sub(r"[\s¥$]|元|rmb|cny", "", unicodedata.normalize("NFKC", text).lower())
    match = AMOUNT.fullmatch(value)
    if match is None:
        raise CellProblem(
            Problem(
                "assets",
                "amount_unreadable",
                f"“{text}” is not an amount in yuan, e.g. 12,345.60 or 12万.",
                f"“{text}”不是金额（元），例如 12,345.60 或 12万。",
            )
        )
    sign, whole, fraction, wan = match.groups()
    yuan = Decimal(whole.replace(",", "") + (fraction or ""))
    cents = yuan * (10_000 if wan else scale) * 100
    if cents != cents.to_integral_value():
        raise CellProblem(
            Problem(
                "assets",
                "amount_fraction",
                f"“{text}” has fractions of a fen.",
                f"“{text}”精确到了分以下。",
            )
        )
    if cents >= MAX_CENTS:
        raise CellProblem(
            Problem(
                "assets",
                "amount_too_large",
                f"“{text}” is too large for assets.",
                f"“{text}”超出了资产金额的范围。",
            )
        )
    return -int(cents) if sign else int(cents)


def _choice(field: str, text: str) -> str:
    code = _CODE_OF_CHOICE[field].get(_key(text))
    if code is None:
        allowed = CHOICES[field]
        zh = "、".join(zh for zh, _, _ in allowed.values())
        en = ", ".join(en for _, en, _ in allowed.values())
        raise CellProblem(
            Problem(
                field,
                f"{field}_unknown",
                f"“{text}” is not one of: {en}.",
                f"“{text}”不是可选的值（{zh}）。",
            )
        )
    return code


def export_cell(field: str, value: Any) -> str:
    """The cell an export writes; `parse_cell` reads it back to the same value."""
    if value is None or value == "":
        return ""
    if field == "blacklisted":
        return CHOICES[field]["yes" if value else "no"][0]
    if field in CHOICES:
        return CHOICES[field][value][0]
    if field == "birth_date":
        return value.isoformat()
    if field == "assets_cents":
        return f"{Decimal(value).scaleb(-2):f}"
    if field == "tags":
        return "、".join(value)
    if field in TEXT_FIELDS and value.startswith(FORMULA_START):
        return "'" + value
    return str(value)


def display_cell(field: str, value: Any, language: str) -> str:
    """A parsed value as a preview shows it: labels in `language`, ID and phones masked."""
    if value is None or value == "":
        return ""
    if field == "id_number":
        return mask_id_number(value)
    if field in PRIVATE_FIELDS:
        return mask_phone(value)
    if field == "blacklisted":
        value = "yes" if value else "no"
    if field in CHOICES:
        zh, en, _ = CHOICES[field][value]
        return zh if language == "zh_CN" else en
    if field == "assets_cents":
        return f"{Decimal(value).scaleb(-2):,.2f}"
    if field == "tags":
        return "、".join(value)
    return str(value) if field == "birth_date" else value


def display_raw(field: str, text: str) -> str:
    """A cell that could not be read, as a preview shows it: ID and phones still masked."""
    if field == "id_number":
        return mask_id_number(text.strip())
    return mask_phone(text) if field in PRIVATE_FIELDS else text
