"""Proposal rules (投保单) at their boundaries, one example per rule, and the JSON form."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.rules import limits
from app.rules.id_numbers import make_resident_id
from app.rules.proposal import (
    BeneficiaryDoc,
    PartyDoc,
    ProposalDoc,
    canonical_json,
    canonical_text,
    content_hash,
    from_json,
    to_json,
)
from app.rules.proposal_rules import RULES, check_proposal, days_old, proposal_warnings

SAMPLE = Path(__file__).parents[1] / "resources" / "samples" / "proposal.json"
RAW: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))
BIRTHS = st.dates(date(1930, 1, 1), date(2024, 12, 31))


def sample() -> ProposalDoc:
    doc, problems = from_json(RAW)
    assert doc is not None and problems == []
    return doc


def codes(doc: ProposalDoc) -> set[str]:
    return {p.code for p in check_proposal(doc)}


def person(name: str, birth: date, gender: str = "M", sequence: int = 1) -> PartyDoc:
    """A party whose birth date and gender agree with a valid resident ID."""
    return replace(
        sample().policyholder,
        name=name,
        gender=gender,
        birth_date=birth,
        id_number=make_resident_id("110105", birth, sequence, gender),
    )


def birthday(birth: date, years: int) -> date:
    # Someone born on 29 February turns a year older on 1 March in other years.
    try:
        return birth.replace(year=birth.year + years)
    except ValueError:
        return date(birth.year + years, 3, 1)


def adult_pair(insured_birth: date, application: date, relation: str) -> ProposalDoc:
    """A 40-year-old policyholder insuring someone else, death benefit to the legal heirs."""
    holder = person("张伟", birthday(application, -40) - timedelta(days=3))
    heirs = BeneficiaryDoc(True, "", None, "other", "", 1, 10000)
    return replace(
        sample(),
        application_date=application,
        policyholder=holder,
        insured=person("张小雨", insured_birth, "F", 2),
        relation=relation,
        beneficiaries=(heirs,),
    )


def test_the_sample_is_valid_and_has_nothing_for_review() -> None:
    doc = sample()
    assert check_proposal(doc) == [] and proposal_warnings(doc) == []


def test_rule_ids_are_unique_and_say_whether_they_refuse() -> None:
    assert len({rule.id for rule in RULES}) == len(RULES)
    for rule in RULES:
        assert re.fullmatch(r"[PW]\d{3}_[a-z0-9_]+", rule.id)
        assert (rule.id[0] == "W") is (rule.severity == "warning")


# --- ages, always on the application date --------------------------------------------------


@given(BIRTHS.filter(lambda d: d.year <= 2006))
def test_policyholder_is_adult_from_the_18th_birthday(birth: date) -> None:
    day = birthday(birth, 18)
    doc = replace(
        sample(),
        application_date=day,
        policyholder=person("张伟", birth),
        payment_account_holder="张伟",
        relation="spouse",
    )
    assert "P001_policyholder_adult" not in codes(doc)
    assert "P001_policyholder_adult" in codes(replace(doc, application_date=day - timedelta(days=1)))


@given(st.dates(date(2000, 1, 1), date(2025, 12, 31)))
def test_insured_accepted_from_the_28th_day(birth: date) -> None:
    doc = adult_pair(birth, birth + timedelta(days=28), "child")
    assert days_old(birth, birth + timedelta(days=28)) == 28
    assert codes(doc) == set()
    young = replace(doc, application_date=birth + timedelta(days=27))
    assert codes(young) == {"P002_insured_too_young"}


@given(st.dates(date(1930, 1, 1), date(1960, 12, 31)))
def test_insured_accepted_until_the_day_before_the_66th_birthday(birth: date) -> None:
    last = birthday(birth, 66) - timedelta(days=1)
    assert codes(adult_pair(birth, last, "parent")) == set()
    assert codes(adult_pair(birth, last + timedelta(days=1), "parent")) == {"P003_insured_too_old"}


def test_insured_age_limits_do_not_apply_to_the_policyholder_themselves() -> None:
    doc = sample()
    old = person("张伟", date(1950, 5, 5))
    doc = replace(
        doc,
        policyholder=old,
        insured=old,
        relation="self",
        beneficiaries=(BeneficiaryDoc(True, "", None, "other", "", 1, 10000),),
    )
    assert codes(doc) == set()


# --- beneficiary shares ---------------------------------------------------------------------


@st.composite
def splits(draw: st.DrawFn) -> list[list[int]]:
    """1-3 orders, each split into 1-4 shares of at least 1 bp adding up to exactly 10000."""
    orders = []
    for _ in range(draw(st.integers(1, 3))):
        cuts = sorted(draw(st.sets(st.integers(1, 9999), max_size=3)))
        orders.append([b - a for a, b in zip([0, *cuts], [*cuts, 10000], strict=True)])
    return orders


def with_shares(orders: list[list[int]]) -> ProposalDoc:
    parent = sample().beneficiaries[0]
    return replace(
        sample(),
        beneficiaries=tuple(
            replace(parent, order=order, share_basis_points=share)
            for order, shares in enumerate(orders, start=1)
            for share in shares
        ),
    )


@given(splits())
def test_orders_adding_up_to_exactly_100_percent_pass(orders: list[list[int]]) -> None:
    assert codes(with_shares(orders)) == set()


@given(splits(), st.data(), st.sampled_from((-1, 1)))
def test_one_basis_point_off_fails(orders: list[list[int]], data: st.DataObject, delta: int) -> None:
    doc = with_shares(orders)
    i = data.draw(st.integers(0, len(doc.beneficiaries) - 1))
    changed = list(doc.beneficiaries)
    changed[i] = replace(changed[i], share_basis_points=changed[i].share_basis_points + delta)
    problems = check_proposal(replace(doc, beneficiaries=tuple(changed)))
    total = [p for p in problems if p.code == "P033_order_shares_total"]
    assert len(total) == 1
    assert f"order {changed[i].order}" in total[0].en


# --- one example per rule --------------------------------------------------------------------

DOC = sample()
ANNA = DOC.beneficiaries[1]
HEIRS = BeneficiaryDoc(True, "", None, "other", "", 1, 10000)
# The insured's ID with one birth-date digit changed, so the check digit no longer fits.
MISTYPED = DOC.insured.id_number[:13] + str((int(DOC.insured.id_number[13]) + 1) % 10) + DOC.insured.id_number[14:]
EXAMPLES: list[tuple[str, dict[str, Any], str]] = [
    ("P001_policyholder_adult", {"policyholder": person("张伟", date(2010, 1, 1))}, "policyholder.birth_date"),
    ("P002_insured_too_young", {"insured": person("张小雨", date(2026, 3, 1), "F", 2)}, "insured.birth_date"),
    ("P003_insured_too_old", {"insured": person("张大山", date(1950, 1, 1)), "relation": "parent",
                              "beneficiaries": (HEIRS,)}, "insured.birth_date"),
    ("P004_relation_allowed", {"relation": "friend"}, "relation"),
    ("P004_relation_allowed", {"beneficiaries": (DOC.beneficiaries[0], replace(ANNA, relation_to_insured="friend"))},
     "beneficiaries[1].relation_to_insured"),
    ("P005_minor_needs_parent", {"relation": "close_relative"}, "relation"),
    ("P006_minor_beneficiary_parent",
     {"beneficiaries": (DOC.beneficiaries[0], replace(ANNA, relation_to_insured="close_relative"))},
     "beneficiaries[1].relation_to_insured"),
    ("P007_self_same_person", {"relation": "self"}, "relation"),
    ("P010_required", {"product_name": "  "}, "product_name"),
    ("P010_required", {"insured": replace(DOC.insured, address="")}, "insured.address"),
    ("P010_required", {"beneficiaries": (DOC.beneficiaries[0], replace(ANNA, name=""))}, "beneficiaries[1].name"),
    ("P011_choice", {"payment_mode": "monthly"}, "payment_mode"),
    ("P012_id_invalid", {"insured": replace(DOC.insured, id_number=MISTYPED)}, "insured.id_number"),
    ("P013_id_birth_date", {"policyholder": replace(DOC.policyholder, birth_date=date(1985, 6, 13))},
     "policyholder.birth_date"),
    ("P014_id_gender", {"policyholder": replace(DOC.policyholder, gender="F")}, "policyholder.gender"),
    ("P015_mobile_format", {"policyholder": replace(DOC.policyholder, mobile="12812345678")}, "policyholder.mobile"),
    ("P016_manager_phone_format", {"manager_phone": "12345"}, "manager_phone"),
    ("P017_amount_positive", {"premium_cents": 0}, "premium_cents"),
    ("P018_payment_years", {"payment_years": None}, "payment_years"),
    ("P018_payment_years", {"payment_mode": "single"}, "payment_years"),
    ("P019_account_holder", {"payment_account_holder": "李娜"}, "payment_account_holder"),
    ("P020_account_format", {"payment_account": "6222-abc"}, "payment_account"),
    ("P030_beneficiary_required", {"beneficiaries": ()}, "beneficiaries"),
    ("P031_legal_heirs_alone", {"beneficiaries": (DOC.beneficiaries[0], HEIRS)}, "beneficiaries[1].legal_heirs"),
    ("P032_share_range",
     {"beneficiaries": (replace(ANNA, share_basis_points=10000), replace(ANNA, share_basis_points=0))},
     "beneficiaries[1].share_basis_points"),
    ("P033_order_shares_total", {"beneficiaries": (DOC.beneficiaries[0],)}, "beneficiaries[0].share_basis_points"),
    ("P034_order_sequence", {"beneficiaries": (replace(ANNA, order=2, share_basis_points=10000),)},
     "beneficiaries[0].order"),
    ("P040_pregnancy", {"insured": replace(DOC.insured, pregnancy_weeks=28)}, "insured.pregnancy_weeks"),
]  # fmt: skip


@pytest.mark.parametrize(("code", "changes", "field"), EXAMPLES, ids=[f"{c}-{f}" for c, _, f in EXAMPLES])
def test_each_rule_reports_its_field_in_both_languages(code: str, changes: dict[str, Any], field: str) -> None:
    problems = [p for p in check_proposal(replace(DOC, **changes)) if p.code == code]
    assert [p.field for p in problems] == [field]
    assert problems[0].en[0].isascii() and any("\u4e00" <= c <= "\u9fff" for c in problems[0].zh_CN)


def test_every_error_rule_has_an_example() -> None:
    covered = {code for code, _, _ in EXAMPLES}
    assert covered == {rule.id for rule in RULES if rule.severity == "error"}


@pytest.mark.parametrize(("weeks", "refused"), [
    (None, False), (0, False), (27, False), (28, True), (40, True),
    (-1, True), (-4, True), (-5, False),
])  # fmt: skip
def test_pregnancy_window(weeks: int | None, refused: bool) -> None:
    doc = replace(DOC, insured=replace(DOC.insured, pregnancy_weeks=weeks))
    assert ("P040_pregnancy" in codes(doc)) is refused


def test_disabled_insured_is_not_refused_but_goes_to_medical_review() -> None:
    doc = replace(DOC, insured=replace(DOC.insured, disabled=True))
    assert check_proposal(doc) == []
    assert [(p.code, p.field) for p in proposal_warnings(doc)] == [("W001_medical_review", "insured.disabled")]


def test_minor_insured_needs_no_mobile_but_an_adult_does() -> None:
    assert DOC.insured.mobile == "" and codes(DOC) == set()
    adult = adult_pair(date(1990, 1, 1), date(2026, 3, 16), "spouse")
    problems = check_proposal(replace(adult, insured=replace(adult.insured, mobile="")))
    assert [(p.code, p.field) for p in problems] == [("P010_required", "insured.mobile")]


def test_legal_heirs_may_be_beneficiary_of_a_minor() -> None:
    assert codes(replace(DOC, beneficiaries=(HEIRS,))) == set()


# --- the JSON form ---------------------------------------------------------------------------


def test_from_json_reports_every_structural_problem_with_its_path() -> None:
    raw = json.loads(json.dumps(RAW))
    del raw["product_code"]
    raw["colour"] = "red"
    raw["premium_cents"] = True  # a boolean is not a number, even though Python says so
    raw["application_date"] = "2026-02-30"
    raw["policyholder"]["disabled"] = "no"
    raw["beneficiaries"][1] = "李娜"
    doc, problems = from_json(raw)
    assert doc is None
    assert sorted((p.code, p.field) for p in problems) == [
        ("J001_missing_field", "product_code"),
        ("J002_unknown_field", "colour"),
        ("J003_wrong_type", "beneficiaries[1]"),
        ("J003_wrong_type", "policyholder.disabled"),
        ("J003_wrong_type", "premium_cents"),
        ("J004_bad_date", "application_date"),
    ]
    assert all(p.en and p.zh_CN for p in problems)


@pytest.mark.parametrize("value", [[], "proposal", 3, None])
def test_from_json_refuses_what_is_not_an_object(value: object) -> None:
    with pytest.raises(TypeError):
        from_json(value)  # type: ignore[arg-type]  # the wrong type on purpose


TEXT = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=8)
ANSWER = st.one_of(st.booleans(), st.integers(-5, 5), TEXT)
PARTIES = st.builds(
    PartyDoc,
    name=TEXT,
    gender=st.none() | st.sampled_from(("M", "F")),
    birth_date=st.none() | BIRTHS,
    id_type=TEXT,
    id_number=TEXT,
    mobile=TEXT,
    address=TEXT,
    occupation=TEXT,
    pregnancy_weeks=st.none() | st.integers(-10, 45),
    disabled=st.booleans(),
)
BENEFICIARIES = st.builds(
    BeneficiaryDoc,
    legal_heirs=st.booleans(),
    name=TEXT,
    relation_to_insured=st.none() | TEXT,
    id_type=TEXT,
    id_number=TEXT,
    order=st.integers(1, 5),
    share_basis_points=st.integers(-1, 20000),
)
DOCS = st.builds(
    ProposalDoc,
    id=st.uuids().map(str),
    application_date=st.none() | BIRTHS,
    product_code=TEXT,
    product_name=TEXT,
    catalogue_version=st.none() | st.integers(1, 10**6),
    sum_insured_cents=st.none() | st.integers(*limits.AMOUNT_CENTS),
    premium_cents=st.none() | st.integers(*limits.AMOUNT_CENTS),
    payment_mode=st.none() | TEXT,
    payment_years=st.none() | st.integers(1, 30),
    payment_bank=TEXT,
    payment_account=TEXT,
    payment_account_holder=TEXT,
    health_answers=st.dictionaries(TEXT, ANSWER, max_size=4),
    manager_name=TEXT,
    manager_code=TEXT,
    manager_phone=TEXT,
    policyholder=PARTIES,
    insured=PARTIES,
    relation=st.none() | TEXT,
    beneficiaries=st.lists(BENEFICIARIES, max_size=4).map(tuple),
)


@given(DOCS)
def test_json_round_trip(doc: ProposalDoc) -> None:
    again, problems = from_json(json.loads(json.dumps(to_json(doc))))
    assert problems == [] and again == doc
    assert canonical_json(again) == canonical_json(doc)


@given(DOCS, st.randoms())
def test_canonical_json_ignores_key_order(doc: ProposalDoc, rng: Any) -> None:
    answers = list(doc.health_answers.items())
    rng.shuffle(answers)
    shuffled = replace(doc, health_answers=dict(answers))
    text = canonical_json(shuffled)
    assert text == canonical_json(doc)
    assert json.loads(text) == to_json(doc)


def test_canonical_json_is_compact_sorted_utf8_with_iso_dates() -> None:
    text = canonical_json(DOC)
    assert text.startswith('{"application_date":"2026-03-16","beneficiaries":[{"id_number":')
    assert "张伟" in text and "\\u" not in text and "\n" not in text


# --- the limits of the JSON form (app.rules.limits) ------------------------------------------


def changed(path: str, value: object) -> dict[str, Any]:
    """The sample's JSON with the value at a dotted path (`beneficiaries.1.name`) replaced."""
    raw = json.loads(json.dumps(RAW))
    *parents, last = path.split(".")
    target: Any = raw
    for key in parents:
        target = target[int(key)] if isinstance(target, list) else target[key]
    target[int(last) if isinstance(target, list) else last] = value
    return raw


LIMITS: list[tuple[str, object, str, str]] = [
    ("id", "", "id", "J005_bad_value"),
    ("id", "../../../../etc/passwd", "id", "J005_bad_value"),
    ("id", RAW["id"].upper(), "id", "J005_bad_value"),
    ("id", RAW["id"] + "x" * 29, "id", "J008_too_long"),
    ("id", RAW["id"][:-1] + "\x00", "id", "J006_bad_text"),
    ("policyholder.name", "张" * 1_000_000, "policyholder.name", "J008_too_long"),
    ("policyholder.name", "张\ud800", "policyholder.name", "J006_bad_text"),
    ("insured.address", "北京\x00", "insured.address", "J006_bad_text"),
    ("insured.address", "路" * 201, "insured.address", "J008_too_long"),
    ("beneficiaries.1.id_number", "1" * 41, "beneficiaries[1].id_number", "J008_too_long"),
    ("manager_code", "B" * 41, "manager_code", "J008_too_long"),
    ("payment_account", "6" * 65, "payment_account", "J008_too_long"),
    ("relation", "c" * 65, "relation", "J008_too_long"),
    ("premium_cents", 10**4299, "premium_cents", "J007_out_of_range"),
    ("sum_insured_cents", 10**12 + 1, "sum_insured_cents", "J007_out_of_range"),
    ("premium_cents", -1, "premium_cents", "J007_out_of_range"),
    ("payment_years", 10**18, "payment_years", "J007_out_of_range"),
    ("payment_years", 0, "payment_years", "J007_out_of_range"),
    ("payment_years", 101, "payment_years", "J007_out_of_range"),
    ("insured.pregnancy_weeks", 46, "insured.pregnancy_weeks", "J007_out_of_range"),
    ("insured.pregnancy_weeks", -53, "insured.pregnancy_weeks", "J007_out_of_range"),
    ("beneficiaries.0.order", 11, "beneficiaries[0].order", "J007_out_of_range"),
    ("beneficiaries.0.order", 0, "beneficiaries[0].order", "J007_out_of_range"),
    ("beneficiaries.0.share_basis_points", 10**5000, "beneficiaries[0].share_basis_points", "J007_out_of_range"),
    ("application_date", "9999-12-31", "application_date", "J007_out_of_range"),
    ("policyholder.birth_date", "0001-01-01", "policyholder.birth_date", "J007_out_of_range"),
    ("beneficiaries", [RAW["beneficiaries"][0]] * 10_000, "beneficiaries", "J009_too_many"),
    ("health_answers", {f"q{i}": False for i in range(101)}, "health_answers", "J009_too_many"),
    ("health_answers", {"q" * 65: False}, f'health_answers."{"q" * 60}…"', "J008_too_long"),
    ("health_answers", {"q\ud800": False}, 'health_answers."q\\ud800"', "J006_bad_text"),
    ("health_answers.q1_hospitalised", "住" * 501, "health_answers.q1_hospitalised", "J008_too_long"),
    ("health_answers.q1_hospitalised", 10**7, "health_answers.q1_hospitalised", "J007_out_of_range"),
]  # fmt: skip


@pytest.mark.parametrize(("path", "value", "field", "code"), LIMITS, ids=[f"{c}-{f}" for _, _, f, c in LIMITS])
def test_from_json_keeps_the_limits(path: str, value: object, field: str, code: str) -> None:
    doc, problems = from_json(changed(path, value))
    assert doc is None
    assert [(p.field, p.code) for p in problems] == [(field, code)]  # one problem, even for 10,000 entries
    assert problems[0].en.isascii() and any("\u4e00" <= c <= "\u9fff" for c in problems[0].zh_CN)


def test_limits_name_the_field_and_the_limit_in_both_languages() -> None:
    _, problems = from_json(changed("policyholder.name", "张" * 51))
    assert (problems[0].en, problems[0].zh_CN) == (
        "Policyholder's name has at most 50 characters (has 51).",
        "投保人姓名最多 50 个字符（现有 51 个）。",
    )
    _, problems = from_json(changed("premium_cents", 10**12 + 1))
    assert problems[0].en == "Premium must be from 0.00 to 10,000,000,000.00 yuan."


def test_a_form_beyond_its_limits_lists_those_problems_first_then_the_rules() -> None:
    """The laptop's own documents (never read from JSON) are held to the same limits; the rules'
    problems follow, so the editor's count does not jump once a limit is fixed."""
    long_name = "张" * 51
    doc = replace(
        DOC,
        policyholder=replace(DOC.policyholder, name=long_name),
        premium_cents=0,
        application_date=date(1899, 12, 31),
    )
    found = [(p.field, p.code) for p in check_proposal(doc)]
    assert found[:2] == [("application_date", "J007_out_of_range"), ("policyholder.name", "J008_too_long")]
    assert ("premium_cents", "P017_amount_positive") in found[2:]
    many = replace(DOC, beneficiaries=DOC.beneficiaries * 11)
    assert next((p.field, p.code) for p in check_proposal(many)) == ("beneficiaries", "J009_too_many")
    # A value no date arithmetic can take is refused by its limit; the rules that cannot judge it keep quiet.
    far = replace(DOC, insured=replace(DOC.insured, birth_date=date(9999, 12, 31)), application_date=date(9999, 12, 31))
    assert {p.code for p in check_proposal(far)} >= {"J007_out_of_range"}


def test_the_content_hash_of_a_lone_surrogate_does_not_raise() -> None:
    """Head office hashes a pushed form before refusing it: a broken character must not crash it."""
    broken = {"proposal": {"name": "张\ud800"}}
    assert re.fullmatch(r"[0-9a-f]{64}", content_hash(broken))
    assert content_hash(broken) != content_hash({"proposal": {"name": "张"}})
    # Valid text is hashed as the UTF-8 it always was.
    document = {"proposal": to_json(DOC)}
    assert content_hash(document) == hashlib.sha256(canonical_text(document).encode("utf-8")).hexdigest()
