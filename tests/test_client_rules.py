"""Card rules at their boundaries (hypothesis)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from app.rules.client_card import CardFields, age_on, check_card, segment_for_age
from app.rules.id_numbers import make_resident_id

TODAY = date(2026, 11, 23)


def fields(**changes: Any) -> CardFields:
    base = CardFields(
        name="张三",
        gender=None,
        birth_date=None,
        id_type="resident_id",
        id_number=make_resident_id("110105", date(1980, 1, 1), 3, "M"),
        mobile="13812345678",
        phone_other="",
        tier="ordinary",
        source="walk_in",
        risk_preference=None,
        assets_cents=0,
    )
    return replace(base, **changes)


def codes(**changes: Any) -> set[str]:
    return {p.code for p in check_card(fields(**changes), TODAY)}


@given(st.from_regex(r"1[3-9]\d{9}", fullmatch=True))
def test_every_mainland_mobile_is_accepted(mobile: str) -> None:
    assert codes(mobile=mobile) == set()


@given(st.from_regex(r"(1[0-2]\d{9}|1[3-9]\d{8}|1[3-9]\d{10}|[02-9]\d{10})", fullmatch=True))
def test_wrong_mobiles_are_refused(mobile: str) -> None:
    assert "mobile_invalid" in codes(mobile=mobile)


@given(st.from_regex(r"0\d{2,3}-?\d{7,8}", fullmatch=True))
def test_landlines_with_area_code_are_accepted(phone: str) -> None:
    assert codes(phone_other=phone) == set()


def test_some_phone_is_required_and_formats_are_explained() -> None:
    assert codes(mobile="", phone_other="") == {"phone_required"}
    problem = check_card(fields(mobile="12345"), TODAY)[0]
    assert "13812345678" in problem.en and "手机号" in problem.zh_CN


@given(st.dates(min_value=date(1930, 1, 1), max_value=TODAY), st.sampled_from("MF"), st.integers(0, 499))
def test_id_derived_birth_and_gender_agree_with_typed_ones(birth: date, gender: str, seq: int) -> None:
    number = make_resident_id("110105", birth, seq, gender)
    assert codes(id_number=number, birth_date=birth, gender=gender) == set()
    other = "F" if gender == "M" else "M"
    assert codes(id_number=number, birth_date=birth, gender=other) == {"gender_mismatch"}


@given(st.dates(min_value=date(1900, 1, 1), max_value=TODAY))
def test_segments_follow_age_boundaries(birth: date) -> None:
    age = age_on(birth, TODAY)
    segment = segment_for_age(age)
    assert segment == ("young" if age < 35 else "middle" if age < 60 else "retired")


def test_age_turns_on_the_birthday() -> None:
    assert age_on(date(1990, 11, 23), TODAY) == 36
    assert age_on(date(1990, 11, 24), TODAY) == 35
    assert segment_for_age(age_on(date(1966, 11, 23), TODAY)) == "retired"
    assert segment_for_age(age_on(date(1966, 11, 24), TODAY)) == "middle"


def test_private_banking_needs_eight_million() -> None:
    assert codes(tier="private", assets_cents=8_000_000 * 100 - 1) == {"private_below_threshold"}
    assert codes(tier="private", assets_cents=8_000_000 * 100) == set()


def test_other_documents_and_bad_choices() -> None:
    assert codes(id_type="passport", id_number="E12345678") == set()
    assert codes(id_type="passport", id_number="E1") == {"document_invalid"}
    assert codes(tier="silver") == {"tier_invalid"}
    assert codes(name="") == {"name_required"}
    assert codes(id_number="") == {"id_required"}
