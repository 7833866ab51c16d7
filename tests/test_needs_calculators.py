"""The needs interview's calculators (app/rules/needs_calculators.py): figures worked by hand, and
their boundaries."""

from __future__ import annotations

import pytest

from app.rules.needs_calculators import (
    CalculatorInputError,
    EducationInput,
    PensionInput,
    ProtectionInput,
    check_education,
    check_pension,
    check_protection,
    default_retirement_age,
    education_fund,
    pension_gap,
    protection_gap,
    statutory_retirement_age,
)

WAN = 1_000_000  # 1 万元 in fen


def test_protection_double_ten_rule() -> None:
    result = protection_gap(
        ProtectionInput(
            annual_income_cents=30 * WAN,
            debts_cents=100 * WAN,
            existing_cover_cents=50 * WAN,
            liquid_assets_cents=20 * WAN,
        )
    )
    assert result.need_cents == 400 * WAN  # 10 × 30 万 + 100 万
    assert result.cover_cents == 70 * WAN
    assert result.gap_cents == 330 * WAN
    assert result.premium_budget_cents == 3 * WAN  # a tenth of the income


def test_protection_zero_income_needs_only_the_debts() -> None:
    result = protection_gap(ProtectionInput(annual_income_cents=0, debts_cents=5 * WAN))
    assert (result.need_cents, result.gap_cents, result.premium_budget_cents) == (5 * WAN, 5 * WAN, 0)


def test_protection_gap_never_negative() -> None:
    result = protection_gap(ProtectionInput(annual_income_cents=10 * WAN, existing_cover_cents=500 * WAN))
    assert result.gap_cents == 0
    assert result.cover_cents > result.need_cents


def test_protection_refuses_negative_money_in_both_languages() -> None:
    with pytest.raises(CalculatorInputError) as caught:
        protection_gap(ProtectionInput(annual_income_cents=-1, debts_cents=-5))
    fields = [p.field for p in caught.value.problems]
    assert fields == ["annual_income", "debts"]
    assert caught.value.problems[0].zh_CN == "年收入不能为负数。"
    assert "cannot be negative" in caught.value.problems[0].en
    assert [p.field for p in check_protection(ProtectionInput(100, income_years=0))] == ["income_years"]


def test_education_fund_by_hand() -> None:
    # 8 years to go, 4 years at 5 万 a year today, 3 % inflation, no return: 5 万 × Σ 1.03^(8..11).
    result = education_fund(EducationInput(child_age=10, annual_cost_cents=5 * WAN, return_bp=0))
    expected = sum(round(5 * WAN * 1.03 ** (8 + k)) for k in range(4))
    assert result.years_until_start == 8 and result.years_ahead == 4
    assert abs(result.total_cents - expected) <= 2
    assert result.need_today_cents == result.total_cents  # nothing earned meanwhile


def test_education_fund_return_equal_to_inflation_is_todays_cost() -> None:
    result = education_fund(
        EducationInput(child_age=3, annual_cost_cents=4 * WAN, inflation_bp=300, return_bp=300, saved_cents=6 * WAN)
    )
    assert result.need_today_cents == 16 * WAN
    assert result.gap_cents == 10 * WAN
    assert result.total_cents > result.need_today_cents


def test_education_child_starting_this_year_and_already_there() -> None:
    starting = education_fund(EducationInput(child_age=18, annual_cost_cents=WAN, inflation_bp=0, return_bp=0))
    assert (starting.years_until_start, starting.years_ahead, starting.total_cents) == (0, 4, 4 * WAN)
    second_year = education_fund(EducationInput(child_age=19, annual_cost_cents=WAN, inflation_bp=0, return_bp=0))
    assert (second_year.years_until_start, second_year.years_ahead, second_year.total_cents) == (0, 3, 3 * WAN)
    graduated = education_fund(EducationInput(child_age=23, annual_cost_cents=WAN, saved_cents=WAN))
    assert (graduated.years_ahead, graduated.need_today_cents, graduated.gap_cents) == (0, 0, 0)


def test_education_refuses_bad_inputs() -> None:
    problems = check_education(EducationInput(child_age=-1, annual_cost_cents=-1, study_years=0, inflation_bp=2_001))
    assert [p.field for p in problems] == ["child_age", "study_years", "annual_cost", "education_inflation"]
    assert all(p.zh_CN and p.en for p in problems)
    with pytest.raises(CalculatorInputError):
        education_fund(EducationInput(child_age=-1, annual_cost_cents=WAN))


def test_pension_gap_by_hand() -> None:
    # 20 years to go; 5,000 a month wanted, 3,000 social: 2.4 万 a year short in today's money.
    data = PensionInput(
        current_age=40,
        retirement_age=60,
        desired_monthly_cents=500_000,
        social_monthly_cents=300_000,
        retirement_years=20,
        inflation_bp=0,
        return_bp=0,
        saved_cents=10 * WAN,
    )
    result = pension_gap(data)
    assert result.years_to_retirement == 20
    assert result.monthly_shortfall_cents == 200_000
    assert result.lump_sum_cents == 48 * WAN  # 2.4 万 × 20 years
    assert result.cover_cents == 10 * WAN
    assert result.gap_cents == 38 * WAN


def test_pension_retiring_now_and_growth() -> None:
    now = pension_gap(
        PensionInput(current_age=60, retirement_age=60, desired_monthly_cents=100_000, inflation_bp=300, return_bp=300)
    )
    assert now.years_to_retirement == 0
    assert now.lump_sum_cents == 12 * 100_000 * 25  # inflation and return cancel out
    grown = pension_gap(
        PensionInput(current_age=50, retirement_age=60, desired_monthly_cents=0, saved_cents=WAN, return_bp=1_000)
    )
    assert grown.lump_sum_cents == 0 and grown.gap_cents == 0
    assert grown.cover_cents == round(WAN * 1.1**10)


def test_pension_social_pension_above_the_wish_leaves_no_gap() -> None:
    result = pension_gap(
        PensionInput(current_age=30, retirement_age=63, desired_monthly_cents=300_000, social_monthly_cents=400_000)
    )
    assert (result.monthly_shortfall_cents, result.lump_sum_cents, result.gap_cents) == (0, 0, 0)


def test_pension_refuses_past_retirement_and_negatives() -> None:
    problems = check_pension(PensionInput(current_age=61, retirement_age=60, desired_monthly_cents=1))
    assert [p.code for p in problems] == ["past_retirement"]
    assert "退休年龄" in problems[0].zh_CN
    problems = check_pension(
        PensionInput(current_age=40, retirement_age=60, desired_monthly_cents=-1, social_monthly_cents=-1)
    )
    assert [p.field for p in problems] == ["desired_monthly", "social_monthly"]


def test_statutory_retirement_ages() -> None:
    assert statutory_retirement_age("male", 1964, 12) == (60, 0)
    assert statutory_retirement_age("male", 1965, 1) == (60, 1)
    assert statutory_retirement_age("male", 1965, 5) == (60, 2)
    assert statutory_retirement_age("male", 1976, 8) == (62, 11)
    assert statutory_retirement_age("male", 1976, 9) == (63, 0)
    assert statutory_retirement_age("male", 1990, 6) == (63, 0)
    assert statutory_retirement_age("female_cadre", 1969, 12) == (55, 0)
    assert statutory_retirement_age("female_cadre", 1981, 9) == (58, 0)
    assert statutory_retirement_age("female_worker", 1975, 2) == (50, 1)
    assert statutory_retirement_age("female_worker", 1975, 3) == (50, 2)
    assert statutory_retirement_age("female_worker", 1984, 11) == (55, 0)
    assert (default_retirement_age("M"), default_retirement_age("F"), default_retirement_age(None)) == (60, 55, 60)
    with pytest.raises(ValueError):
        statutory_retirement_age("male", 1970, 13)
