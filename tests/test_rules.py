"""Pure rules: resident ID numbers, masking, working days."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.rules.id_numbers import InvalidResidentId, make_resident_id, parse_resident_id
from app.rules.masking import mask_id_number, mask_phone
from app.rules.working_days import add_working_days, is_working_day

# Regions valid for every birth year in python-stdnum's table.
REGIONS = ["110105", "310104", "120101", "110108"]

births = st.dates(min_value=date(1930, 1, 1), max_value=date(2024, 12, 31))


@given(st.sampled_from(REGIONS), births, st.integers(0, 499), st.sampled_from("MF"))
def test_made_numbers_parse_back_to_the_same_birth_date_and_gender(
    region: str, birth: date, sequence: int, gender: str
) -> None:
    number = make_resident_id(region, birth, sequence, gender)
    parsed = parse_resident_id(number)
    assert len(number) == 18
    assert parsed.birth_date == birth and parsed.gender == gender


@given(st.sampled_from(REGIONS), births, st.integers(0, 499), st.integers(0, 16), st.integers(1, 9))
def test_any_single_digit_change_is_caught(region: str, birth: date, sequence: int, position: int, delta: int) -> None:
    number = make_resident_id(region, birth, sequence, "F")
    changed = number[:position] + str((int(number[position]) + delta) % 10) + number[position + 1 :]
    with pytest.raises(InvalidResidentId):
        parse_resident_id(changed)


@pytest.mark.parametrize(
    ("number", "reason"),
    [
        ("11010519900101200", "length"),
        ("1101051990010120081", "length"),
        ("110105199001012009", "checksum"),
        ("11010519900230200X", "birth_date"),
        ("110105209901012008", "birth_future"),
        ("1101051990O101200X", "format"),
    ],
)
def test_bad_numbers_say_why(number: str, reason: str) -> None:
    if reason == "birth_date":
        # Feb 30th with a correct check digit, so the date is what fails.
        from stdnum.cn import ric

        number = number[:17] + ric.calc_check_digit(number[:17] + "0")
    if reason == "birth_future":
        from stdnum.cn import ric

        number = number[:17] + ric.calc_check_digit(number[:17] + "0")
    with pytest.raises(InvalidResidentId) as caught:
        parse_resident_id(number)
    assert caught.value.reason == reason


def test_lower_case_x_and_spaces_are_accepted() -> None:
    number = make_resident_id("110105", date(1985, 6, 15), 7, "M")
    if number.endswith("X"):
        assert parse_resident_id(number.lower()).number == number
    assert parse_resident_id(f" {number[:6]} {number[6:]} ").number == number


def test_masks_keep_only_what_a_teller_needs() -> None:
    assert mask_id_number("11010519900101200X") == "110105********200X"
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("138-1234-5678") == "138****5678"
    assert mask_phone("010-62345678") == "010****5678"
    assert mask_id_number("E12345678") == "*******78"  # passport
    assert mask_id_number("") == mask_phone(None) == ""
    assert mask_phone("12345") == "*****"


@given(st.text(alphabet="0123456789X", min_size=1, max_size=20))
def test_masks_keep_length_and_hide_the_middle(number: str) -> None:
    masked = mask_id_number(number)
    assert len(masked) == len(number)
    if len(number) >= 15:
        # The birth date (characters 7-14) is never readable.
        assert masked[6:-4] == "*" * (len(number) - 10)
    else:
        assert masked[: max(len(number) - 2, 0)].strip("*") == ""


def test_national_day_week_and_its_adjusted_weekend() -> None:
    # 2026: Mid-Autumn 25 Sep and 1-7 Oct off; Saturday 10 Oct worked instead.
    assert not is_working_day(date(2026, 9, 25))
    assert not is_working_day(date(2026, 10, 1))
    assert not is_working_day(date(2026, 10, 7))
    assert is_working_day(date(2026, 10, 8))
    assert is_working_day(date(2026, 10, 10))
    assert add_working_days(date(2026, 9, 30), 3) == date(2026, 10, 10)


def test_spring_festival_and_its_adjusted_saturdays() -> None:
    # 2026 Spring Festival: weekdays 16-20 and 23 Feb off; Saturdays 14 and 28 Feb worked.
    for day in (16, 17, 18, 19, 20, 23):
        assert not is_working_day(date(2026, 2, day))
    assert is_working_day(date(2026, 2, 14)) and is_working_day(date(2026, 2, 28))
    assert add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 14)
    assert add_working_days(date(2026, 2, 14), 1) == date(2026, 2, 24)


def test_a_year_the_calendar_does_not_know_falls_back_to_weekdays() -> None:
    assert is_working_day(date(2099, 6, 1))  # a Monday
    assert not is_working_day(date(2099, 6, 6))  # a Saturday


def test_yuan_amounts_round_trip_through_cents() -> None:
    from app.rules.money import cents_from_text, yuan_text

    assert cents_from_text("1,234.5") == 123450
    assert cents_from_text("１２３４．５") == 123450  # as a Chinese input method types it
    assert cents_from_text("") is None
    for bad in ("12.345", "abc", "NaN", "1e3x"):
        with pytest.raises(ValueError):
            cents_from_text(bad)
    assert yuan_text(123456789) == "1,234,567.89"
    assert yuan_text(123456789, grouping=False) == "1234567.89"
    assert yuan_text(-5) == "-0.05" and yuan_text(None) == ""
    assert cents_from_text(yuan_text(987654321)) == 987654321
