"""The proposal form (投保单) as head office receives it: frozen dataclasses and their JSON form.

Pure: stdlib and `app.rules` only, so the laptop, the CLI and the head-office server read the
same document the same way.  The rules it must meet live in `app.rules.proposal_rules`.

JSON form (one object, UTF-8; every key is required, unknown keys are refused):

- Top level: `id` (text, the laptop's UUID), `application_date` (`"YYYY-MM-DD"` or null),
  `product_code`, `product_name` (text), `catalogue_version` (the version of head office's
  product catalogue the product was chosen from, a whole number from 1, or null; the one key
  that may be left out, read as null: documents written before the catalogue have none),
  `sum_insured_cents`, `premium_cents` (whole fen
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

Limits (`app.rules.limits`, where the table of numbers is): `id` is a lower-case UUID; text
has no NUL or lone surrogate and a length per field (names 50, address 200, ...); dates lie
in 1900-2100; amounts 0 to 10**12 fen, payment years 1-100, pregnancy weeks -52 to 45,
order 1-10; at most 20 beneficiaries and 100 health answers.  Breaking one is a J005-J009
problem, and `check_proposal` judges no rule on such a form (`form_problems`).

Blank text and null are structurally fine here; `check_proposal` reports them as missing, so
a draft can travel and be checked.  `canonical_json` (keys sorted, no spaces, UTF-8 text,
ISO dates) gives the same text, hence the same hash, for the same document.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date
from types import MappingProxyType
from typing import Any

from app.rules import limits
from app.rules.form_readers import FormReaders, Reader, boolean, wrong
from app.rules.problem import Problem

HealthAnswer = bool | int | str


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
    catalogue_version: int | None  # the product catalogue's version the product was chosen from
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
    "catalogue_version": ("product catalogue version", "产品目录版本"),
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
    "id": ("proposal's id", "投保单编号"),
    "pregnancy_weeks": ("pregnancy weeks", "孕周"),
    "order": ("benefit order", "受益顺序"),
    "share_basis_points": ("share", "受益份额"),
    "health_answers": ("health answers", "健康告知"),
    "beneficiaries": ("beneficiaries", "受益人"),
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
        n = int(owner[len("beneficiaries[") : -1]) + 1
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
    """SHA-256 of a finished document's canonical text (proposal with signatures, or receipt).

    A lone surrogate (which no valid document holds) is hashed as its three bytes instead of
    raising, so head office can refuse such a document by its rules; valid text is UTF-8 as is.
    """
    return hashlib.sha256(canonical_text(document).encode("utf-8", "surrogatepass")).hexdigest()


# Who may sign a proposal.
SIGNER_ROLES = ("policyholder", "insured")


def required_roles(doc: ProposalDoc) -> tuple[str, ...]:
    """Who must sign: both parties, or only the policyholder when they insure themselves."""
    return ("policyholder",) if doc.relation == "self" else SIGNER_ROLES


# --- from JSON -----------------------------------------------------------------------------

READ = FormReaders(("the proposal form", "投保单"), field_label)
ANSWER_TEXT = READ.text(limits.ANSWER_TEXT_CHARS)
ANSWER_NUMBER = READ.integer(limits.ANSWER_NUMBER)


def _answer(value: object, path: str, problems: list[Problem]) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return ANSWER_NUMBER(value, path, problems)
    if isinstance(value, str):
        return ANSWER_TEXT(value, path, problems)
    wrong(path, "answer", False, problems)
    return None


def _answers(value: object, path: str, problems: list[Problem]) -> dict[str, HealthAnswer]:
    if not isinstance(value, dict):
        wrong(path, "object", False, problems)
        return {}
    too_many = limits.count_problem(len(value), path, limits.HEALTH_ANSWERS, field_label(path))
    if too_many is not None:
        problems.append(too_many)
        return {}
    answers: dict[str, HealthAnswer] = {}
    for key, item in value.items():
        item_path = f"{path}.{limits.shown(key)}"
        bad_key = limits.text_problem(key, item_path, limits.ANSWER_KEY_CHARS, ("The question's id", "问题编号"))
        if bad_key is not None:
            problems.append(bad_key)
        else:
            answers[key] = _answer(item, item_path, problems)
    return answers


NAME = READ.text(limits.NAME_CHARS)
CHOICE = READ.text(limits.CHOICE_CHARS)
CHOICE_OR_NULL = READ.text(limits.CHOICE_CHARS, nullable=True)
ID_NUMBER = READ.text(limits.ID_NUMBER_CHARS)
PHONE = READ.text(limits.PHONE_CHARS)
LONG_NAME = READ.text(limits.LONG_NAME_CHARS)
CODE = READ.text(limits.CODE_CHARS)
CATALOGUE_VERSIONS = (1, limits.JSON_MAX_INT)
AMOUNT = READ.integer(limits.AMOUNT_CENTS, nullable=True, beyond=limits.amount_problem)
PARTY_FIELDS: dict[str, Reader] = {
    "name": NAME, "gender": CHOICE_OR_NULL, "birth_date": READ.date_or_null, "id_type": CHOICE,
    "id_number": ID_NUMBER, "mobile": PHONE, "address": READ.text(limits.ADDRESS_CHARS), "occupation": LONG_NAME,
    "pregnancy_weeks": READ.integer(limits.PREGNANCY_WEEKS, nullable=True), "disabled": boolean,
}  # fmt: skip
BENEFICIARY_FIELDS: dict[str, Reader] = {
    "legal_heirs": boolean, "name": NAME, "relation_to_insured": CHOICE_OR_NULL, "id_type": CHOICE,
    "id_number": ID_NUMBER, "order": READ.integer(limits.BENEFICIARY_ORDER),
    "share_basis_points": READ.integer(limits.ANY_INT),
}  # fmt: skip


def _beneficiaries(value: object, path: str, problems: list[Problem]) -> tuple[BeneficiaryDoc, ...]:
    if not isinstance(value, list):
        wrong(path, "array", False, problems)
        return ()
    too_many = limits.count_problem(len(value), path, limits.BENEFICIARIES, field_label(path))
    if too_many is not None:
        problems.append(too_many)  # and not one problem per entry of a list that long
        return ()
    read = READ.record(BeneficiaryDoc, BENEFICIARY_FIELDS)
    return tuple(read(item, f"{path}[{i}]", problems) for i, item in enumerate(value))


PROPOSAL_FIELDS: dict[str, Reader] = {
    "id": READ.uuid, "application_date": READ.date_or_null, "product_code": CODE, "product_name": LONG_NAME,
    "catalogue_version": READ.integer(CATALOGUE_VERSIONS, nullable=True),
    "sum_insured_cents": AMOUNT, "premium_cents": AMOUNT,
    "payment_mode": CHOICE_OR_NULL, "payment_years": READ.integer(limits.PAYMENT_YEARS, nullable=True),
    "payment_bank": LONG_NAME, "payment_account": READ.text(limits.ACCOUNT_CHARS), "payment_account_holder": NAME,
    "health_answers": _answers, "manager_name": NAME, "manager_code": CODE, "manager_phone": PHONE,
    "policyholder": READ.record(PartyDoc, PARTY_FIELDS), "insured": READ.record(PartyDoc, PARTY_FIELDS),
    "relation": CHOICE_OR_NULL, "beneficiaries": _beneficiaries,
}  # fmt: skip


def from_json(data: dict[str, Any]) -> tuple[ProposalDoc | None, list[Problem]]:
    """The document, or None with every structural problem (codes J001-J009) found: shape,
    types, and the limits of `app.rules.limits` (text, ranges, dates, list lengths, the id).

    Raises TypeError only when `data` is not a JSON object at all: that is a caller's bug or
    a file that is not a proposal, not a form to report on field by field.
    """
    if not isinstance(data, dict):
        raise TypeError(f"a proposal is a JSON object, not {type(data).__name__}")
    problems: list[Problem] = []
    if "catalogue_version" not in data:
        # Written before the product catalogue (issue 16), e.g. still in an outbox: none used.
        data = {**data, "catalogue_version": None}
    # A placeholder built from a bad field must not escape: any problem means no document.
    doc = READ.record(ProposalDoc, PROPOSAL_FIELDS)(data, "", problems)
    return (None, problems) if problems else (doc, [])


def form_problems(doc: ProposalDoc) -> list[Problem]:
    """What the JSON form's limits say about a document built in memory (the laptop's, from its
    rows): it is read back exactly as head office will read it."""
    return from_json(to_json(doc))[1]
