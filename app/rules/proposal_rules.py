"""The rules a proposal form (投保单) must meet, as a table of data: one `Rule` per rule.

Each rule names its field (a path template such as `beneficiaries[{i}].share_basis_points`,
0-based like the JSON it points into), bilingual message templates and a `check` that yields
one dict of template values per breach.  Head office re-checks with the same table, so a
form the laptop accepts is never sent back for a rule the laptop knew.

Codes: `P…` refuse the form (`check_proposal`); `W…` do not refuse but send it to a person
(`proposal_warnings`), e.g. a disabled insured goes to medical review.  A form past the JSON
form's limits (`app.rules.limits`: text lengths, ranges, list lengths, the id) gets those J
codes instead, and no rule is judged on it.

Boundaries, all on the application date (never "today", so a form checks the same later):
- policyholder: age in full years >= 18, i.e. from the 18th birthday on;
- insured other than the policyholder: at least 28 days old (the 28th day after birth is
  accepted) and age in full years <= 65, i.e. accepted up to the day before the 66th birthday;
- "under 18" means age in full years < 18;
- pregnancy, for the insured: refused when `pregnancy_weeks` >= 28 (week 28 of pregnancy on)
  or -4 <= `pregnancy_weeks` <= -1 (the 1st to 4th week after birth); -5 and 0-27 accepted;
- someone born on 29 February has their birthday on 1 March in other years (`age_on`).

The product's own rules (P050-P057: in the catalogue, an insurance product, the catalogue version
recorded, the insured's age range, payment mode and years, sum insured and premium limits) are
judged only when `check_proposal` is given a product catalogue (app/rules/product_catalogue.py);
the age range uses the same `age_on` rule, both ends included.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from app.rules.client_card import (
    ID_REASONS,
    ID_TYPES,
    LANDLINE,
    MOBILE,
    Problem,
    age_on,
    normalise_id,
    normalise_phone,
)
from app.rules.id_numbers import InvalidResidentId, parse_resident_id
from app.rules.money import yuan_text
from app.rules.product_catalogue import LINES, MODE_NAMES, Product, ProductCatalogue
from app.rules.proposal import BeneficiaryDoc, PartyDoc, ProposalDoc, field_label, form_problems

ADULT_AGE = 18
INSURED_MIN_DAYS = 28
INSURED_MAX_AGE = 65
FULL_SHARE = 10000  # basis points: 100%
PREGNANCY_REFUSED_FROM_WEEK = 28
WEEKS_AFTER_BIRTH_REFUSED = 4
# What the insured is to the policyholder; "guardian": the policyholder is their legal guardian.
RELATIONS = ("self", "spouse", "child", "parent", "family_support", "close_relative", "guardian")
MINOR_RELATIONS = ("child", "guardian")
# What a death beneficiary is to the insured; the insured cannot be their own death beneficiary.
BENEFICIARY_RELATIONS = RELATIONS[1:]
MINOR_BENEFICIARY_RELATIONS = ("parent", "guardian")
PAYMENT_MODES = ("single", "regular")
GENDERS = ("M", "F")
ACCOUNT = re.compile(r"\d{10,30}")
DOCUMENT = re.compile(r"[0-9A-Z]{5,20}")

Breach = dict[str, object]


@dataclass(frozen=True)
class Rule:
    id: str
    field: str
    en: str
    zh_CN: str
    check: Callable[[ProposalDoc], Iterable[Breach]]
    severity: str = "error"  # error: the form is refused | warning: it goes to review

    def problems(self, doc: ProposalDoc) -> Iterator[Problem]:
        for values in self.check(doc):
            yield Problem(
                self.field.format(**values),
                self.id,
                self.en.format(**values),
                self.zh_CN.format(**values),
            )


def days_old(birth: date, day: date) -> int:
    """Whole days lived on `day`: 0 on the day of birth, 28 on the 28th day after."""
    return (day - birth).days


# Payment years are checked against the payment mode instead (P018): single has none.
DOC_REQUIRED = (
    "application_date",
    "product_code",
    "product_name",
    "sum_insured_cents",
    "premium_cents",
    "payment_mode",
    "payment_bank",
    "payment_account",
    "payment_account_holder",
    "manager_name",
    "manager_code",
    "manager_phone",
    "relation",
)
PARTY_REQUIRED = ("name", "gender", "birth_date", "id_type", "id_number", "mobile", "address", "occupation")
BENEFICIARY_REQUIRED = ("name", "relation_to_insured", "id_type", "id_number")


def _label(path: str) -> Breach:
    """Template values naming the field at `path` in both languages."""
    en, zh = field_label(path)
    return {"path": path, "label_en": en, "label_zh": zh}


def _parties(doc: ProposalDoc) -> Iterator[tuple[str, PartyDoc]]:
    yield "policyholder", doc.policyholder
    yield "insured", doc.insured


def _named(doc: ProposalDoc) -> Iterator[tuple[int, BeneficiaryDoc]]:
    """Beneficiaries named on the form; a legal-heirs entry names nobody and has no share."""
    return ((i, b) for i, b in enumerate(doc.beneficiaries) if not b.legal_heirs)


def _age(party: PartyDoc, doc: ProposalDoc) -> int | None:
    if party.birth_date is None or doc.application_date is None:
        return None
    return age_on(party.birth_date, doc.application_date)


def _insured_is_minor(doc: ProposalDoc) -> bool:
    age = _age(doc.insured, doc)
    return age is not None and age < ADULT_AGE


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# --- checks: each yields one dict of template values per breach -----------------------------


def _policyholder_minor(doc: ProposalDoc) -> Iterable[Breach]:
    age = _age(doc.policyholder, doc)
    if age is not None and age < ADULT_AGE:
        yield {"age": age}


def _insured_too_young(doc: ProposalDoc) -> Iterable[Breach]:
    birth, day = doc.insured.birth_date, doc.application_date
    if doc.relation != "self" and birth and day and days_old(birth, day) < INSURED_MIN_DAYS:
        yield {"days": days_old(birth, day)}


def _insured_too_old(doc: ProposalDoc) -> Iterable[Breach]:
    age = _age(doc.insured, doc)
    if doc.relation != "self" and age is not None and age > INSURED_MAX_AGE:
        yield {"age": age}


def _relations(doc: ProposalDoc) -> Iterable[Breach]:
    if doc.relation is not None and doc.relation not in RELATIONS:
        yield {**_label("relation"), "value": doc.relation, "allowed": ", ".join(RELATIONS)}
    for i, b in _named(doc):
        value = b.relation_to_insured
        if value is not None and value not in BENEFICIARY_RELATIONS:
            path = f"beneficiaries[{i}].relation_to_insured"
            yield {**_label(path), "value": value, "allowed": ", ".join(BENEFICIARY_RELATIONS)}


def _minor_policyholder_relation(doc: ProposalDoc) -> Iterable[Breach]:
    if _insured_is_minor(doc) and doc.relation not in MINOR_RELATIONS:
        yield {}


def _minor_beneficiaries(doc: ProposalDoc) -> Iterable[Breach]:
    if _insured_is_minor(doc):
        for i, b in _named(doc):
            if b.relation_to_insured not in MINOR_BENEFICIARY_RELATIONS:
                yield {"i": i, "n": i + 1}


def _self_same_person(doc: ProposalDoc) -> Iterable[Breach]:
    ids = normalise_id(doc.policyholder.id_number), normalise_id(doc.insured.id_number)
    if not all(ids) or doc.relation is None:
        return
    if (doc.relation == "self") != (ids[0] == ids[1]):
        yield {}


def _required(doc: ProposalDoc) -> Iterable[Breach]:
    for key in DOC_REQUIRED:
        if _blank(getattr(doc, key)):
            yield _label(key)
    for role, party in _parties(doc):
        optional = {"mobile"} if role == "insured" and _insured_is_minor(doc) else set()
        for key in PARTY_REQUIRED:
            if key not in optional and _blank(getattr(party, key)):
                yield _label(f"{role}.{key}")
    for i, b in _named(doc):
        for key in BENEFICIARY_REQUIRED:
            if _blank(getattr(b, key)):
                yield _label(f"beneficiaries[{i}].{key}")


def _choices(doc: ProposalDoc) -> Iterable[Breach]:
    values: list[tuple[str, object, tuple[str, ...]]] = [("payment_mode", doc.payment_mode, PAYMENT_MODES)]
    for role, party in _parties(doc):
        values += [(f"{role}.gender", party.gender, GENDERS), (f"{role}.id_type", party.id_type, ID_TYPES)]
    values += [(f"beneficiaries[{i}].id_type", b.id_type, ID_TYPES) for i, b in _named(doc)]
    for path, value, allowed in values:
        if not _blank(value) and value not in allowed:
            yield {**_label(path), "value": value, "allowed": ", ".join(allowed)}


def _documents(doc: ProposalDoc) -> Iterator[tuple[str, str, str, PartyDoc | None]]:
    """(path prefix, ID type, normalised number, the party whose card it must agree with)."""
    for role, party in _parties(doc):
        yield role, party.id_type, normalise_id(party.id_number), party
    for i, b in _named(doc):
        yield f"beneficiaries[{i}]", b.id_type, normalise_id(b.id_number), None


def _id_invalid(doc: ProposalDoc) -> Iterable[Breach]:
    for prefix, id_type, number, _ in _documents(doc):
        if not number or id_type not in ID_TYPES:
            continue
        values = _label(f"{prefix}.id_number")
        if id_type != "resident_id":
            if not DOCUMENT.fullmatch(number):
                yield {**values, "reason_en": "must have 5-20 letters or digits", "reason_zh": "应为 5–20 位字母或数字"}
            continue
        try:
            parse_resident_id(number)
        except InvalidResidentId as exc:
            en, zh = ID_REASONS[exc.reason]
            yield {**values, "reason_en": en, "reason_zh": zh}


def _id_region_unknown(doc: ProposalDoc) -> Iterable[Breach]:
    """A resident ID that is valid but whose region code no edition of the code table knows."""
    for prefix, id_type, number, _ in _documents(doc):
        if id_type != "resident_id" or not number:
            continue
        try:
            parsed = parse_resident_id(number)
        except InvalidResidentId:
            continue  # already reported as P012
        if not parsed.region_known:
            yield {**_label(f"{prefix}.id_number"), "code": parsed.number[:6]}


def _id_disagrees(attribute: str) -> Callable[[ProposalDoc], Iterable[Breach]]:
    def check(doc: ProposalDoc) -> Iterable[Breach]:
        for prefix, id_type, number, party in _documents(doc):
            if party is None or id_type != "resident_id" or getattr(party, attribute) is None:
                continue
            try:
                parsed = parse_resident_id(number)
            except InvalidResidentId:
                continue  # already reported as P012
            said = getattr(parsed, attribute)
            if said != getattr(party, attribute):
                shown = f"{said:%Y-%m-%d}" if isinstance(said, date) else said
                yield {**_label(f"{prefix}.{attribute}"), "said": shown}

    return check


def _mobiles(doc: ProposalDoc) -> Iterable[Breach]:
    for role, party in _parties(doc):
        if party.mobile.strip() and not MOBILE.fullmatch(normalise_phone(party.mobile)):
            yield _label(f"{role}.mobile")


def _manager_phone(doc: ProposalDoc) -> Iterable[Breach]:
    phone = normalise_phone(doc.manager_phone)
    if phone and not (MOBILE.fullmatch(phone) or LANDLINE.fullmatch(phone)):
        yield {}


def _amounts(doc: ProposalDoc) -> Iterable[Breach]:
    for key in ("sum_insured_cents", "premium_cents"):
        value = getattr(doc, key)
        if value is not None and value <= 0:
            yield _label(key)


def _payment_years(doc: ProposalDoc) -> Iterable[Breach]:
    years = doc.payment_years
    if doc.payment_mode == "regular" and years is None:
        yield {"en": "Regular payment (期交) needs the number of years, 1 or more.",
               "zh": "期交须填写缴费年期（至少 1 年）。"}  # fmt: skip
    elif doc.payment_mode == "single" and years is not None:
        yield {"en": "Single payment (趸交) has no payment years: leave them empty.",
               "zh": "趸交没有缴费年期，请留空。"}  # fmt: skip


def _account_holder(doc: ProposalDoc) -> Iterable[Breach]:
    holder, name = doc.payment_account_holder.strip(), doc.policyholder.name.strip()
    if holder and name and holder != name:
        yield {"holder": holder, "name": name}


def _account(doc: ProposalDoc) -> Iterable[Breach]:
    account = normalise_phone(doc.payment_account)  # spaces and dashes, as people type them
    if account and not ACCOUNT.fullmatch(account):
        yield {}


def _beneficiary_required(doc: ProposalDoc) -> Iterable[Breach]:
    if not doc.beneficiaries:
        yield {}


def _legal_heirs_alone(doc: ProposalDoc) -> Iterable[Breach]:
    if len(doc.beneficiaries) > 1:
        for i, b in enumerate(doc.beneficiaries):
            if b.legal_heirs:
                yield {"i": i}


def _share_range(doc: ProposalDoc) -> Iterable[Breach]:
    for i, b in _named(doc):
        if not 1 <= b.share_basis_points <= FULL_SHARE:
            yield {"i": i, "n": i + 1, "share": b.share_basis_points}


def _share_totals(doc: ProposalDoc) -> Iterable[Breach]:
    first: dict[int, int] = {}
    totals: dict[int, int] = {}
    for i, b in _named(doc):
        first.setdefault(b.order, i)
        totals[b.order] = totals.get(b.order, 0) + b.share_basis_points
    for order in sorted(totals):
        if totals[order] != FULL_SHARE:
            yield {"i": first[order], "order": order, "total": f"{totals[order] / 100:g}"}


def _order_sequence(doc: ProposalDoc) -> Iterable[Breach]:
    orders = {b.order for _, b in _named(doc)}
    for i, b in _named(doc):
        if b.order > 1 and b.order - 1 not in orders:
            yield {"i": i, "n": i + 1, "order": b.order}


def _pregnancy(doc: ProposalDoc) -> Iterable[Breach]:
    weeks = doc.insured.pregnancy_weeks
    if weeks is not None and (weeks >= PREGNANCY_REFUSED_FROM_WEEK or -WEEKS_AFTER_BIRTH_REFUSED <= weeks < 0):
        yield {}


def _disabled(doc: ProposalDoc) -> Iterable[Breach]:
    if doc.insured.disabled:
        yield {}


RULES: tuple[Rule, ...] = (
    Rule("P001_policyholder_adult", "policyholder.birth_date",
         "The policyholder must be 18 or older on the application date (is {age}).",
         "投保人在投保日须年满 18 周岁（现为 {age} 岁）。", _policyholder_minor),
    Rule("P002_insured_too_young", "insured.birth_date",
         "The insured must be at least 28 days old on the application date (is {days} days).",
         "被保险人在投保日须出生满 28 天（现为 {days} 天）。", _insured_too_young),
    Rule("P003_insured_too_old", "insured.birth_date",
         "The insured must be 65 or younger on the application date (is {age}).",
         "被保险人在投保日年龄不得超过 65 周岁（现为 {age} 岁）。", _insured_too_old),
    Rule("P004_relation_allowed", "{path}",
         "{label_en}: '{value}' is not allowed ({allowed}).",
         "{label_zh}“{value}”不在允许范围内（{allowed}）。", _relations),
    Rule("P005_minor_needs_parent", "relation",
         "An insured under 18 may only be insured by a parent or legal guardian (relation child or guardian).",
         "被保险人未满 18 周岁时，投保人只能是其父母或法定监护人。", _minor_policyholder_relation),
    Rule("P006_minor_beneficiary_parent", "beneficiaries[{i}].relation_to_insured",
         "Beneficiary {n}: an insured under 18 may only have a parent or legal guardian as death beneficiary, "
         "or legal heirs.",
         "第 {n} 位受益人：被保险人未满 18 周岁时，身故受益人只能是其父母或法定监护人，或法定继承人。",
         _minor_beneficiaries),
    Rule("P007_self_same_person", "relation",
         "Relation 'self' means the policyholder and the insured are one person with one ID number, and only then.",
         "关系为“本人”时投保人与被保险人应为同一人（证件号码相同），反之亦然。", _self_same_person),
    Rule("P010_required", "{path}", "{label_en} is required.", "请填写{label_zh}。", _required),
    Rule("P011_choice", "{path}", "{label_en}: '{value}' is not one of {allowed}.",
         "{label_zh}“{value}”不是可选的值（{allowed}）。", _choices),
    Rule("P012_id_invalid", "{path}", "{label_en} {reason_en}.", "{label_zh}{reason_zh}。", _id_invalid),
    Rule("P013_id_birth_date", "{path}", "{label_en} does not match the ID number, which says {said}.",
         "{label_zh}与证件号码不符，证件号码显示为 {said}。", _id_disagrees("birth_date")),
    Rule("P014_id_gender", "{path}", "{label_en} does not match the ID number, which says {said}.",
         "{label_zh}与证件号码不符，证件号码显示为 {said}。", _id_disagrees("gender")),
    Rule("P015_mobile_format", "{path}",
         "{label_en}: a mobile number has 11 digits and starts with 13-19, e.g. 13812345678.",
         "{label_zh}应为 13–19 开头的 11 位数字，例如 13812345678。", _mobiles),
    Rule("P016_manager_phone_format", "manager_phone",
         "Account manager's phone: a mobile number or a landline with its area code.",
         "客户经理电话应为手机号或带区号的固定电话。", _manager_phone),
    Rule("P017_amount_positive", "{path}", "{label_en} must be more than 0.", "{label_zh}应大于 0。", _amounts),
    Rule("P018_payment_years", "payment_years", "{en}", "{zh}", _payment_years),
    Rule("P019_account_holder", "payment_account_holder",
         "The account holder ({holder}) must be the policyholder ({name}).",
         "账户户名（{holder}）须与投保人（{name}）一致。", _account_holder),
    Rule("P020_account_format", "payment_account",
         "Payment account: 10-30 digits.", "缴费账号应为 10–30 位数字。", _account),
    Rule("P030_beneficiary_required", "beneficiaries",
         "Name the death beneficiaries, or choose legal heirs.",
         "请填写身故受益人，或选择法定继承人。", _beneficiary_required),
    Rule("P031_legal_heirs_alone", "beneficiaries[{i}].legal_heirs",
         "Legal heirs cannot be combined with named beneficiaries.",
         "选择法定继承人时不能再指定其他受益人。", _legal_heirs_alone),
    Rule("P032_share_range", "beneficiaries[{i}].share_basis_points",
         "Beneficiary {n}: a share is between 0.01% and 100% (is {share} basis points).",
         "第 {n} 位受益人：受益份额应在 0.01%–100% 之间（现为 {share} 个基点）。", _share_range),
    Rule("P033_order_shares_total", "beneficiaries[{i}].share_basis_points",
         "Beneficiary order {order}: the shares add up to {total}%, not exactly 100%.",
         "第 {order} 受益顺序的受益份额合计为 {total}%，应恰好为 100%。", _share_totals),
    Rule("P034_order_sequence", "beneficiaries[{i}].order",
         "Beneficiary {n}: orders start at 1 without gaps (order {order}).",
         "第 {n} 位受益人：受益顺序应从 1 开始且连续（现为 {order}）。", _order_sequence),
    Rule("P040_pregnancy", "insured.pregnancy_weeks",
         "Not accepted from week 28 of pregnancy to 4 weeks after birth.",
         "妊娠 28 周以上至产后 4 周内不予承保。", _pregnancy),
    Rule("W001_medical_review", "insured.disabled",
         "A disabled insured is accepted after medical review.",
         "被保险人为残疾人，需经医务核保。", _disabled, severity="warning"),
    Rule("W002_id_region_unknown", "{path}",
         "{label_en}: region code {code} is not in the table of region codes this app knows; "
         "the number is accepted, but compare its first six digits with the ID card.",
         "{label_zh}的地区码 {code} 不在本软件的行政区划代码表中；号码仍可使用，请对照身份证核对前六位。",
         _id_region_unknown, severity="warning"),
)  # fmt: skip


# --- the product's rules, judged against a product catalogue (P05x) ---------------------------


@dataclass(frozen=True)
class ProductRule:
    """A rule of the product chosen: judged only when a catalogue is given, with the product
    found in it (P050 and P056 judge the catalogue itself and get `None`)."""

    id: str
    field: str
    en: str
    zh_CN: str
    check: Callable[[ProposalDoc, ProductCatalogue, Product | None], Iterable[Breach]]
    needs_product: bool = True

    def problems(self, doc: ProposalDoc, catalogue: ProductCatalogue) -> Iterator[Problem]:
        if not doc.product_code.strip():
            return  # P010 asks for it
        product = catalogue.find(doc.product_code)
        if self.needs_product and (product is None or not product.is_insurance):
            return  # P050 or P057 already refuses it
        for values in self.check(doc, catalogue, product):
            yield Problem(self.field.format(**values), self.id, self.en.format(**values),
                          self.zh_CN.format(**values))  # fmt: skip


def _product_unknown(doc: ProposalDoc, catalogue: ProductCatalogue, product: Product | None) -> Iterable[Breach]:
    if product is not None:
        return
    code, chosen, held = doc.product_code.strip(), doc.catalogue_version, catalogue.version
    if chosen is not None and chosen != held:
        yield {"en": f"Product {code} was chosen from product catalogue version {chosen}; the catalogue held now "
                     f"(version {held}) no longer has it: choose the product again.",
               "zh": f"产品 {code} 选自第 {chosen} 版产品目录；当前产品目录（第 {held} 版）已不再包含该产品，"
                     "请重新选择产品。"}  # fmt: skip
    else:
        yield {"en": f"Product {code} is not in the product catalogue (version {held}): choose a product from it.",
               "zh": f"产品 {code} 不在产品目录（第 {held} 版）中，请从产品目录中选择产品。"}  # fmt: skip


def _product_not_insurance(doc: ProposalDoc, catalogue: ProductCatalogue, product: Product | None) -> Iterable[Breach]:
    if product is not None and not product.is_insurance:
        en, zh = LINES[product.line]
        yield {"code": product.code, "line_en": en.lower(), "line_zh": zh}


def _catalogue_version_missing(
    doc: ProposalDoc, catalogue: ProductCatalogue, product: Product | None
) -> Iterable[Breach]:
    if doc.catalogue_version is None:
        yield {}


def _insured_age_range(doc: ProposalDoc, catalogue: ProductCatalogue, product: Product | None) -> Iterable[Breach]:
    birth, day = doc.insured.birth_date, doc.application_date
    if product is None or birth is None or day is None or birth > day:
        return
    if not product.insured_age_fits(birth, day):
        age, days = age_on(birth, day), days_old(birth, day)
        en, zh = product.age_range_texts()
        age_en, age_zh = (f"{days} days", f"出生 {days} 天") if age == 0 else (f"{age}", f"为 {age} 岁")
        yield {"name": product.name_zh, "range_en": en, "range_zh": zh, "age_en": age_en, "age_zh": age_zh}


def _product_payment_mode(doc: ProposalDoc, catalogue: ProductCatalogue, product: Product | None) -> Iterable[Breach]:
    mode = doc.payment_mode
    if product is not None and mode in MODE_NAMES and mode not in product.payment_modes:
        yield {"name": product.name_zh, "mode_en": MODE_NAMES[mode][0], "mode_zh": MODE_NAMES[mode][1],
               "allowed_en": " or ".join(MODE_NAMES[m][0] for m in product.payment_modes),
               "allowed_zh": "或".join(MODE_NAMES[m][1] for m in product.payment_modes)}  # fmt: skip


def _product_payment_years(doc: ProposalDoc, catalogue: ProductCatalogue, product: Product | None) -> Iterable[Breach]:
    years = doc.payment_years
    if product is None or doc.payment_mode != "regular" or years is None or "regular" not in product.payment_modes:
        return
    if years not in product.payment_years:
        yield {"name": product.name_zh, "years": years, "allowed_en": ", ".join(map(str, product.payment_years)),
               "allowed_zh": "、".join(map(str, product.payment_years))}  # fmt: skip


def _amount_range(key: str) -> Callable[[ProposalDoc, ProductCatalogue, Product | None], Iterable[Breach]]:
    what = key.removesuffix("_cents")

    def check(doc: ProposalDoc, catalogue: ProductCatalogue, product: Product | None) -> Iterable[Breach]:
        value = getattr(doc, key)
        if product is None or value is None or value <= 0:
            return  # P010 / P017 speak for a blank or non-positive amount
        low, high = getattr(product, f"{what}_min_cents"), getattr(product, f"{what}_max_cents")
        if (low is not None and value < low) or (high is not None and value > high):
            range_en, range_zh = _range_texts(low, high)
            yield {**_label(key), "name": product.name_zh, "range_en": range_en, "range_zh": range_zh}

    return check


def _range_texts(low: int | None, high: int | None) -> tuple[str, str]:
    if low is not None and high is not None:
        return f"{yuan_text(low)} to {yuan_text(high)} yuan", f"{yuan_text(low)} 至 {yuan_text(high)} 元"
    if low is not None:
        return f"at least {yuan_text(low)} yuan", f"不低于 {yuan_text(low)} 元"
    return f"at most {yuan_text(high)} yuan", f"不超过 {yuan_text(high)} 元"


PRODUCT_RULES: tuple[ProductRule, ...] = (
    ProductRule("P050_product_unknown", "product_code", "{en}", "{zh}", _product_unknown, needs_product=False),
    ProductRule("P057_product_not_insurance", "product_code",
                "Product {code} is a {line_en} product, not insurance: a proposal is for an insurance product.",
                "产品 {code} 属于{line_zh}，不是保险产品：投保单只能选择保险产品。", _product_not_insurance,
                needs_product=False),
    ProductRule("P056_catalogue_version_missing", "product_code",
                "The proposal does not say which product catalogue version its product was chosen from: "
                "choose the product again.",
                "投保单未记录产品所依据的产品目录版本，请重新选择产品。", _catalogue_version_missing,
                needs_product=False),
    ProductRule("P051_insured_age_range", "insured.birth_date",
                "{name} insures people aged {range_en} on the application date; the insured is {age_en}.",
                "{name}的被保险人投保年龄为{range_zh}，被保险人在投保日{age_zh}。", _insured_age_range),
    ProductRule("P052_payment_mode", "payment_mode",
                "{name} is not sold with {mode_en} (only {allowed_en}).",
                "{name}不提供{mode_zh}（仅可{allowed_zh}）。", _product_payment_mode),
    ProductRule("P053_payment_years", "payment_years",
                "{name} is paid over {allowed_en} years, not {years}.",
                "{name}的缴费年期为 {allowed_zh} 年，不能为 {years} 年。", _product_payment_years),
    ProductRule("P054_sum_insured_range", "sum_insured_cents",
                "{label_en} for {name}: {range_en}.", "{name}的{label_zh}应为{range_zh}。",
                _amount_range("sum_insured_cents")),
    ProductRule("P055_premium_range", "premium_cents",
                "{label_en} for {name}: {range_en}.", "{name}的{label_zh}应为{range_zh}。",
                _amount_range("premium_cents")),
)  # fmt: skip


def product_problems(doc: ProposalDoc, catalogue: ProductCatalogue) -> list[Problem]:
    """What the catalogue's product rules say about the form (P050-P057)."""
    return [p for rule in PRODUCT_RULES for p in rule.problems(doc, catalogue)]


def check_proposal(doc: ProposalDoc, catalogue: ProductCatalogue | None = None) -> list[Problem]:
    """Every reason to refuse the form; empty means head office may accept it.

    First the JSON form's limits (J codes, `form_problems`), then the rules in table order,
    then, when a product catalogue is given, the product's rules (`PRODUCT_RULES`, P050-P057:
    the laptop gives the catalogue it holds, head office the one of the version the form names).
    Head office, which cannot read a form past its limits, lists only the J problems; the
    editor shows the rules' problems too, so fixing a too-long name does not uncover twenty
    more.  A rule that cannot judge a value past its limits (a birth date in 9999 has no
    "28 days later") says nothing: the J problem already refuses the form.
    """
    beyond_limits = form_problems(doc)
    found = beyond_limits + [p for rule in RULES if rule.severity == "error"
                             for p in _judged(rule, doc, lenient=bool(beyond_limits))]  # fmt: skip
    if catalogue is not None and not beyond_limits:
        found += product_problems(doc, catalogue)
    return found


def _judged(rule: Rule, doc: ProposalDoc, *, lenient: bool) -> list[Problem]:
    try:
        return list(rule.problems(doc))
    except (ArithmeticError, ValueError):
        if lenient:
            return []
        raise


def proposal_warnings(doc: ProposalDoc) -> list[Problem]:
    """What sends an otherwise valid form to review (W codes)."""
    return [p for rule in RULES if rule.severity == "warning" for p in rule.problems(doc)]
