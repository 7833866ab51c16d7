"""The proposal form (投保单) as head office receives it: frozen dataclasses and their JSON form.

Pure: stdlib and `app.rules` only, so the laptop, the CLI and the head-office server read the
same document the same way.  The rules it must meet live in `app.rules.proposal_rules`.

JSON form (one object, UTF-8; every key is required, unknown keys are refused):

- Top level: `id` (text, the laptop's UUID), `application_date` (`"YYYY-MM-DD"` or null),
  `product_code`, `product_name` (text), `sum_insured_cents`, `premium_cents` (whole fen
  as integers, or null), `payment_mode` (`"single"` 趸交 | `"regular"` 期交, or null),
  `payment_years` (integer for regular, null for single), `payment_bank`, `payment_account`,
  `payment_account_holder` (text), `health_answers` (object: question id -> true/false,
  integer or text), `manager_name`, `manager_code`, `manager_phone` (text),
  `policyholder`, `insured` (party objects), `relation` (what the insured is to the
  policyholder: `self | spouse | child | parent | family_support | close_relative | guardian`,
  or null), `beneficiaries` (array of beneficiary objects, death beneficiaries 身故受益人).
- Party: `name`, `gender` (`"M" | "F"` or null), `birth_date` (date or null), `id_type`
  (`resident_id | passport | military_id | birth_certificate | other`), `id_number`,
  `mobile`, `address`, `occupation` (text), `pregnancy_weeks` (integer or null: weeks
  pregnant, or minus the weeks since giving birth, -1 being the first week after birth),
  `disabled` (true/false).
- Beneficiary: `legal_heirs` (true/false: 法定继承人, then name and ID may be blank),
  `name`, `relation_to_insured` (what the beneficiary is to the insured, or null),
  `id_type`, `id_number`, `order` (受益顺序, 1, 2, ...), `share_basis_points` (integer,
  10000 = 100%).

Blank text and null are structurally fine here; `check_proposal` reports them as missing, so
a draft can travel and be checked.  `canonical_json` (keys sorted, no spaces, UTF-8 text,
ISO dates) gives the same text, hence the same hash, for the same document.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date
from types import MappingProxyType
from typing import Any

from app.rules.client_card import Problem

HealthAnswer = bool | int | str
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class PartyDoc:
    name: str
    gender: str | None
    birth_date: date | None
    id_type: str
    id_number: str
    mobile: str
    address: str
    occupation: str
    pregnancy_weeks: int | None
    disabled: bool


@dataclass(frozen=True)
class BeneficiaryDoc:
    legal_heirs: bool
    name: str
    relation_to_insured: str | None
    id_type: str
    id_number: str
    order: int
    share_basis_points: int


@dataclass(frozen=True)
class ProposalDoc:
    id: str
    application_date: date | None
    product_code: str
    product_name: str
    sum_insured_cents: int | None
    premium_cents: int | None
    payment_mode: str | None
    payment_years: int | None
    payment_bank: str
    payment_account: str
    payment_account_holder: str
    # Read-only, and left out of the hash: a frozen document must not change under its hash.
    health_answers: Mapping[str, HealthAnswer] = field(hash=False)
    manager_name: str
    manager_code: str
    manager_phone: str
    policyholder: PartyDoc
    insured: PartyDoc
    relation: str | None
    beneficiaries: tuple[BeneficiaryDoc, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "health_answers", MappingProxyType(dict(self.health_answers)))
        object.__setattr__(self, "beneficiaries", tuple(self.beneficiaries))


# --- field labels, so every message names its field in both languages ----------------------

LABELS = {
    "application_date": ("application date", "投保日期"),
    "product_code": ("product code", "产品代码"),
    "product_name": ("product name", "产品名称"),
    "sum_insured_cents": ("sum insured", "保险金额"),
    "premium_cents": ("premium", "保险费"),
    "payment_mode": ("payment mode", "缴费方式"),
    "payment_years": ("payment years", "缴费年期"),
    "payment_bank": ("paying bank", "缴费银行"),
    "payment_account": ("payment account", "缴费账号"),
    "payment_account_holder": ("account holder", "账户户名"),
    "manager_name": ("account manager's name", "客户经理姓名"),
    "manager_code": ("account manager's code", "客户经理工号"),
    "manager_phone": ("account manager's phone", "客户经理电话"),
    "relation": ("insured's relation to the policyholder", "被保险人与投保人关系"),
    "name": ("name", "姓名"),
    "gender": ("gender", "性别"),
    "birth_date": ("birth date", "出生日期"),
    "id_type": ("ID type", "证件类型"),
    "id_number": ("ID number", "证件号码"),
    "mobile": ("mobile", "手机号"),
    "address": ("address", "地址"),
    "occupation": ("occupation", "职业"),
    "relation_to_insured": ("relation to the insured", "与被保险人关系"),
}
OWNERS = {"policyholder": ("Policyholder's", "投保人"), "insured": ("Insured's", "被保险人")}


def field_label(path: str) -> tuple[str, str]:
    """English and Chinese names of the field at `path`, e.g. beneficiaries[1].name ->
    ("Beneficiary 2's name", "第 2 位受益人姓名"); the path itself when it names no field."""
    owner, _, key = path.rpartition(".")
    if key not in LABELS:
        return path, path
    en, zh = LABELS[key]
    if owner in OWNERS:
        return f"{OWNERS[owner][0]} {en}", f"{OWNERS[owner][1]}{zh}"
    if owner.startswith("beneficiaries["):
        n = int(owner[len("beneficiaries["):-1]) + 1
        return f"Beneficiary {n}'s {en}", f"第 {n} 位受益人{zh}"
    return en[0].upper() + en[1:], zh


# --- to JSON -------------------------------------------------------------------------------


def to_json(doc: ProposalDoc) -> dict[str, Any]:
    return plain_json(doc)


def plain_json(value: object) -> Any:
    """Our frozen documents as JSON values: dataclasses as objects, dates as ISO text."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain_json(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {key: plain_json(item) for key, item in value.items()}
    if isinstance(value, tuple):
        return [plain_json(item) for item in value]
    return value


def canonical_text(value: Any) -> str:
    """The text that is hashed: sorted keys, compact separators, Chinese kept as characters.
    The laptop and the head-office server both hash with this, so they can never disagree."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def canonical_json(doc: ProposalDoc) -> str:
    return canonical_text(to_json(doc))


def content_hash(document: Mapping[str, Any]) -> str:
    """SHA-256 of a finished document's canonical text (proposal with signatures, or receipt)."""
    return hashlib.sha256(canonical_text(document).encode("utf-8")).hexdigest()


# Who may sign a proposal.
SIGNER_ROLES = ("policyholder", "insured")


def required_roles(doc: ProposalDoc) -> tuple[str, ...]:
    """Who must sign: both parties, or only the policyholder when they insure themselves."""
    return ("policyholder",) if doc.relation == "self" else SIGNER_ROLES


# --- from JSON -----------------------------------------------------------------------------

Reader = Callable[[object, str, list[Problem]], Any]
KINDS = {
    "text": ("text", "文本"),
    "integer": ("a whole number", "整数"),
    "boolean": ("true or false", "true 或 false"),
    "date": ("a date like 2026-03-15", "形如 2026-03-15 的日期"),
    "object": ("an object", "对象"),
    "array": ("an array", "数组"),
    "answer": ("true/false, a whole number or text", "true/false、整数或文本"),
}


def _wrong(path: str, kind: str, nullable: bool, problems: list[Problem]) -> None:
    en, zh = KINDS[kind]
    if nullable:
        en, zh = f"{en} or null", f"{zh}或 null"
    problems.append(Problem(path, "J003_wrong_type", f"{path} must be {en}.", f"{path} 应为{zh}。"))


def _scalar(kind: str, accepts: Callable[[object], bool], nullable: bool = False) -> Reader:
    def read(value: object, path: str, problems: list[Problem]) -> Any:
        if (value is None and nullable) or accepts(value):
            return value
        _wrong(path, kind, nullable, problems)
        return None

    return read


def _is_int(value: object) -> bool:
    # JSON true/false arrive as bool, which Python counts as int: refuse them as numbers.
    return isinstance(value, int) and not isinstance(value, bool)


TEXT = _scalar("text", lambda v: isinstance(v, str))
TEXT_OR_NULL = _scalar("text", lambda v: isinstance(v, str), nullable=True)
INT = _scalar("integer", _is_int)
INT_OR_NULL = _scalar("integer", _is_int, nullable=True)
BOOL = _scalar("boolean", lambda v: isinstance(v, bool))


def _date_or_null(value: object, path: str, problems: list[Problem]) -> date | None:
    if value is None:
        return None
    if isinstance(value, str) and ISO_DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            problems.append(Problem(
                path, "J004_bad_date", f"{path}: {value} is not a real date.", f"{path}：{value} 不是存在的日期。",
            ))
            return None
    _wrong(path, "date", True, problems)
    return None


def _answers(value: object, path: str, problems: list[Problem]) -> dict[str, HealthAnswer]:
    if not isinstance(value, dict):
        _wrong(path, "object", False, problems)
        return {}
    answer = _scalar("answer", lambda v: isinstance(v, (bool, int, str)))
    return {key: answer(item, f"{path}.{key}", problems) for key, item in value.items()}


PARTY_FIELDS: dict[str, Reader] = {
    "name": TEXT, "gender": TEXT_OR_NULL, "birth_date": _date_or_null, "id_type": TEXT,
    "id_number": TEXT, "mobile": TEXT, "address": TEXT, "occupation": TEXT,
    "pregnancy_weeks": INT_OR_NULL, "disabled": BOOL,
}  # fmt: skip
BENEFICIARY_FIELDS: dict[str, Reader] = {
    "legal_heirs": BOOL, "name": TEXT, "relation_to_insured": TEXT_OR_NULL, "id_type": TEXT,
    "id_number": TEXT, "order": INT, "share_basis_points": INT,
}  # fmt: skip


def _record(cls: type[Any], readers: dict[str, Reader]) -> Reader:
    def read(value: object, path: str, problems: list[Problem]) -> Any:
        if not isinstance(value, dict):
            _wrong(path or "document", "object", False, problems)
            return None
        prefix = f"{path}." if path else ""
        for key in [key for key in value if key not in readers]:
            problems.append(Problem(
                f"{prefix}{key}", "J002_unknown_field",
                f"{prefix}{key} is not a field of the proposal form.", f"{prefix}{key} 不是投保单的字段。",
            ))
        parsed = {}
        for key, reader in readers.items():
            if key not in value:
                problems.append(Problem(
                    f"{prefix}{key}", "J001_missing_field",
                    f"{prefix}{key} is missing (write null or \"\" when blank).",
                    f"缺少 {prefix}{key}（空白时写 null 或 \"\"）。",
                ))
            else:
                parsed[key] = reader(value[key], f"{prefix}{key}", problems)
        return cls(**parsed) if len(parsed) == len(readers) else None

    return read


def _beneficiaries(value: object, path: str, problems: list[Problem]) -> tuple[BeneficiaryDoc, ...]:
    if not isinstance(value, list):
        _wrong(path, "array", False, problems)
        return ()
    read = _record(BeneficiaryDoc, BENEFICIARY_FIELDS)
    return tuple(read(item, f"{path}[{i}]", problems) for i, item in enumerate(value))


PROPOSAL_FIELDS: dict[str, Reader] = {
    "id": TEXT, "application_date": _date_or_null, "product_code": TEXT, "product_name": TEXT,
    "sum_insured_cents": INT_OR_NULL, "premium_cents": INT_OR_NULL,
    "payment_mode": TEXT_OR_NULL, "payment_years": INT_OR_NULL, "payment_bank": TEXT,
    "payment_account": TEXT, "payment_account_holder": TEXT, "health_answers": _answers,
    "manager_name": TEXT, "manager_code": TEXT, "manager_phone": TEXT,
    "policyholder": _record(PartyDoc, PARTY_FIELDS), "insured": _record(PartyDoc, PARTY_FIELDS),
    "relation": TEXT_OR_NULL, "beneficiaries": _beneficiaries,
}  # fmt: skip


def from_json(data: dict[str, Any]) -> tuple[ProposalDoc | None, list[Problem]]:
    """The document, or None with every structural problem (codes J001-J004) found.

    Raises TypeError only when `data` is not a JSON object at all: that is a caller's bug or
    a file that is not a proposal, not a form to report on field by field.
    """
    if not isinstance(data, dict):
        raise TypeError(f"a proposal is a JSON object, not {type(data).__name__}")
    problems: list[Problem] = []
    # A placeholder built from a bad field must not escape: any problem means no document.
    doc = _record(ProposalDoc, PROPOSAL_FIELDS)(data, "", problems)
    return (None, problems) if problems else (doc, [])
