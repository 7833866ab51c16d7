"""The sums a manager does by hand in a 需求面谈 (needs interview): protection gap, education fund,
pension gap. Pure: no database, no Qt; the dialog recomputes them on every key, the service and
the print use the same functions.

Units: money in whole fen (分, integer cents), ages and periods in whole years, rates in basis
points (1 bp = 0.01 %, so 300 = 3 % a year). Results are rounded half-up to the fen once, at the
end; the sums run in `Decimal`, so nothing drifts through float arithmetic.

**Protection gap (保障缺口)** — the 双十原则 ("double ten") taught in Chinese bank-insurance
(银保) training: a family's life cover should be about ten years of the earner's annual income,
and its premium about a tenth of that income. Debts the family would still owe (mortgage, car
loan) come on top, which is the 遗属需求法 (family-needs method) refinement the manuals use:

    need  = annual income × income years (10 by default) + debts
    cover = existing life cover (sums assured) + liquid assets (deposits, wealth products)
    gap   = max(0, need − cover)
    premium budget = annual income × 10 %   (what the family can spend on it each year)

**Education fund (教育金)** — the child's university costs in the money of the years they fall in,
and what must be put aside today to pay for them:

    n     = years until the child starts (start age − child's age, at least 0)
    years = study years still ahead (all of them before the start; fewer once started)
    cost in year k = annual cost today × (1 + inflation)^(n + k),      k = 0 … years − 1
    total = Σ cost in year k          (the money needed, as it will be spent)
    today = Σ cost in year k / (1 + return)^(n + k)   (its present value at the expected return)
    gap   = max(0, today − money already set aside for it)

**Pension gap (养老缺口)** — the monthly income wanted in retirement beyond the expected social
pension (基本养老金), both in today's money, turned into the lump sum needed on the day of
retirement (a pension paid at the start of each year, growing with inflation, the fund earning
the expected return meanwhile):

    n        = retirement age − current age (0 when retiring now)
    shortfall = max(0, desired monthly income − social pension) × 12      (a year, today's money)
    lump sum = Σ shortfall × (1 + inflation)^(n + k) / (1 + return)^k,   k = 0 … years in retirement − 1
    savings at retirement = pension savings today × (1 + return)^n
    gap      = max(0, lump sum − savings at retirement)

Retirement ages: the statutory ages before the 2025 reform are men 60, women 55 (女干部; women
workers 50). `statutory_retirement_age` gives the delayed ages of 《全国人民代表大会常务委员会关于
实施渐进式延迟法定退休年龄的决定》 (2024-09-13, in force 2025-01-01): men 60 → 63 and women 55 → 58
by one month every four months of birth, women workers 50 → 55 by one month every two months.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from app.rules.problem import Problem

BP = Decimal(10_000)  # basis points in one whole
DEFAULT_INCOME_YEARS = 10  # 双十原则: cover of ten years' income
PREMIUM_SHARE_BP = 1_000  # … for about a tenth of the income a year
DEFAULT_UNIVERSITY_AGE = 18
DEFAULT_STUDY_YEARS = 4
DEFAULT_INFLATION_BP = 300
DEFAULT_RETURN_BP = 250
DEFAULT_RETIREMENT_YEARS = 25
RETIREMENT_AGE = {"M": 60, "F": 55}  # before the 2025 reform (women cadres; women workers 50)
MAX_AGE = 100
MAX_YEARS = 60
MAX_RATE_BP = 2_000  # 20 % a year: anything above is a typing slip
MAX_CENTS = 10**15  # ten trillion yuan: far beyond any household


class CalculatorInputError(ValueError):
    """The inputs break a rule; `problems` says each in English and Chinese."""

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        super().__init__("; ".join(p.en for p in problems))
        self.problems = problems


# ---- the checks, one per kind of input ------------------------------------------------------


def _money(problems: list[Problem], field: str, en: str, zh: str, cents: int) -> None:
    if cents < 0:
        problems.append(Problem(field, "negative", f"{en} cannot be negative.", f"{zh}不能为负数。"))
    elif cents > MAX_CENTS:
        problems.append(Problem(field, "too_large", f"{en} is too large.", f"{zh}金额过大。"))


def _years(problems: list[Problem], field: str, en: str, zh: str, value: int, low: int, high: int) -> None:
    if not low <= value <= high:
        problems.append(
            Problem(
                field, "out_of_range", f"{en} must be from {low} to {high} years.", f"{zh}应在 {low} 至 {high} 年之间。"
            )
        )


def _rate(problems: list[Problem], field: str, en: str, zh: str, bp: int) -> None:
    if not 0 <= bp <= MAX_RATE_BP:
        problems.append(
            Problem(
                field,
                "out_of_range",
                f"{en} must be from 0 % to {MAX_RATE_BP // 100} % a year.",
                f"{zh}应在每年 0% 至 {MAX_RATE_BP // 100}% 之间。",
            )
        )


def _raise(problems: list[Problem]) -> None:
    if problems:
        raise CalculatorInputError(tuple(problems))


def _fen(amount: Decimal) -> int:
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _growth(bp: int) -> Decimal:
    return 1 + Decimal(bp) / BP


# ---- protection gap ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ProtectionInput:
    annual_income_cents: int
    debts_cents: int = 0
    existing_cover_cents: int = 0
    liquid_assets_cents: int = 0
    income_years: int = DEFAULT_INCOME_YEARS


@dataclass(frozen=True)
class ProtectionResult:
    need_cents: int
    cover_cents: int
    gap_cents: int
    premium_budget_cents: int  # a tenth of the income a year (双十原则)


def check_protection(data: ProtectionInput) -> list[Problem]:
    problems: list[Problem] = []
    _money(problems, "annual_income", "The annual income", "年收入", data.annual_income_cents)
    _money(problems, "debts", "The debts", "负债", data.debts_cents)
    _money(problems, "existing_cover", "The existing cover", "已有保额", data.existing_cover_cents)
    _money(problems, "liquid_assets", "The liquid assets", "可变现资产", data.liquid_assets_cents)
    _years(problems, "income_years", "The years of income to cover", "保障收入年数", data.income_years, 1, MAX_YEARS)
    return problems


def protection_gap(data: ProtectionInput) -> ProtectionResult:
    _raise(check_protection(data))
    need = data.annual_income_cents * data.income_years + data.debts_cents
    cover = data.existing_cover_cents + data.liquid_assets_cents
    budget = _fen(Decimal(data.annual_income_cents) * PREMIUM_SHARE_BP / BP)
    return ProtectionResult(need, cover, max(0, need - cover), budget)


# ---- education fund ---------------------------------------------------------------------------


@dataclass(frozen=True)
class EducationInput:
    child_age: int
    annual_cost_cents: int  # a year of university today: fees, board, living
    start_age: int = DEFAULT_UNIVERSITY_AGE
    study_years: int = DEFAULT_STUDY_YEARS
    inflation_bp: int = DEFAULT_INFLATION_BP
    return_bp: int = DEFAULT_RETURN_BP
    saved_cents: int = 0  # already set aside for it


@dataclass(frozen=True)
class EducationResult:
    years_until_start: int
    years_ahead: int  # study years still to pay
    total_cents: int  # as the money will be spent
    need_today_cents: int  # present value at the expected return
    cover_cents: int
    gap_cents: int


def check_education(data: EducationInput) -> list[Problem]:
    problems: list[Problem] = []
    _years(problems, "child_age", "The child's age", "子女年龄", data.child_age, 0, 40)
    _years(problems, "start_age", "The age starting university", "入学年龄", data.start_age, 3, 40)
    _years(problems, "study_years", "The years of study", "就读年数", data.study_years, 1, 12)
    _money(problems, "annual_cost", "The annual cost", "每年费用", data.annual_cost_cents)
    _money(problems, "education_saved", "The money set aside", "已准备资金", data.saved_cents)
    _rate(problems, "education_inflation", "The education inflation", "教育费用上涨率", data.inflation_bp)
    _rate(problems, "education_return", "The expected return", "预期收益率", data.return_bp)
    return problems


def education_fund(data: EducationInput) -> EducationResult:
    """A child already at university pays only the years left; one past them needs nothing."""
    _raise(check_education(data))
    years_until = max(0, data.start_age - data.child_age)
    studied = max(0, data.child_age - data.start_age)
    ahead = max(0, data.study_years - studied)
    inflation, back = _growth(data.inflation_bp), _growth(data.return_bp)
    cost = Decimal(data.annual_cost_cents)
    spent = [cost * inflation ** (years_until + k) for k in range(ahead)]
    total = sum(spent, Decimal(0))
    today = sum((s / back ** (years_until + k) for k, s in enumerate(spent)), Decimal(0))
    need_today = _fen(today)
    return EducationResult(
        years_until, ahead, _fen(total), need_today, data.saved_cents, max(0, need_today - data.saved_cents)
    )


# ---- pension gap ------------------------------------------------------------------------------


@dataclass(frozen=True)
class PensionInput:
    current_age: int
    retirement_age: int
    desired_monthly_cents: int  # today's money
    social_monthly_cents: int = 0  # the expected 基本养老金, today's money
    retirement_years: int = DEFAULT_RETIREMENT_YEARS
    inflation_bp: int = DEFAULT_INFLATION_BP
    return_bp: int = DEFAULT_RETURN_BP
    saved_cents: int = 0  # pension savings today (commercial pension, earmarked funds)


@dataclass(frozen=True)
class PensionResult:
    years_to_retirement: int
    monthly_shortfall_cents: int  # today's money
    lump_sum_cents: int  # needed on the day of retirement
    cover_cents: int  # the savings grown to that day
    gap_cents: int


def check_pension(data: PensionInput) -> list[Problem]:
    problems: list[Problem] = []
    _years(problems, "current_age", "The current age", "当前年龄", data.current_age, 16, MAX_AGE)
    _years(problems, "retirement_age", "The retirement age", "退休年龄", data.retirement_age, 40, 80)
    if not problems and data.current_age > data.retirement_age:
        problems.append(
            Problem(
                "current_age",
                "past_retirement",
                "The client is past the retirement age entered: set the retirement age to the current age.",
                "客户已超过所填退休年龄：请把退休年龄设为当前年龄。",
            )
        )
    _years(problems, "retirement_years", "The years in retirement", "退休后年数", data.retirement_years, 1, 50)
    _money(problems, "desired_monthly", "The monthly income wanted", "期望月收入", data.desired_monthly_cents)
    _money(problems, "social_monthly", "The social pension", "社保养老金", data.social_monthly_cents)
    _money(problems, "pension_saved", "The pension savings", "已有养老储备", data.saved_cents)
    _rate(problems, "pension_inflation", "The inflation", "通胀率", data.inflation_bp)
    _rate(problems, "pension_return", "The expected return", "预期收益率", data.return_bp)
    return problems


def pension_gap(data: PensionInput) -> PensionResult:
    _raise(check_pension(data))
    years_to = data.retirement_age - data.current_age
    monthly = max(0, data.desired_monthly_cents - data.social_monthly_cents)
    inflation, back = _growth(data.inflation_bp), _growth(data.return_bp)
    yearly = Decimal(monthly * 12)
    lump = sum((yearly * inflation ** (years_to + k) / back**k for k in range(data.retirement_years)), Decimal(0))
    lump_cents, cover = _fen(lump), _fen(Decimal(data.saved_cents) * back**years_to)
    return PensionResult(years_to, monthly, lump_cents, cover, max(0, lump_cents - cover))


# ---- statutory retirement ages ----------------------------------------------------------------

# (first birth year-month the reform delays, months of birth per month of delay, most months added)
_REFORM = {"male": (1965, 4, 36), "female_cadre": (1970, 4, 36), "female_worker": (1975, 2, 60)}
_BEFORE = {"male": 60, "female_cadre": 55, "female_worker": 50}


def statutory_retirement_age(group: str, birth_year: int, birth_month: int) -> tuple[int, int]:
    """(years, months) of the statutory retirement age of someone born in `birth_year`/`birth_month`,
    `group` male | female_cadre | female_worker, under the 2025 gradual delay.

    Men born in 1965-01 … 1965-04 retire at 60 years and 1 month, and so on; from 1976-09 at 63."""
    if group not in _REFORM:
        raise ValueError(group)
    if not 1 <= birth_month <= 12:
        raise ValueError(birth_month)
    first_year, step, most = _REFORM[group]
    since = (birth_year - first_year) * 12 + (birth_month - 1)
    delay = 0 if since < 0 else min(most, since // step + 1)
    return divmod(_BEFORE[group] * 12 + delay, 12)


def default_retirement_age(gender: str | None) -> int:
    """The whole-year default of the pension calculator: men 60, women 55 (unknown: 60)."""
    return RETIREMENT_AGE.get(gender or "M", RETIREMENT_AGE["M"])
