"""The holiday calendar as data: the shipped years, a published year, the fallback that says so,
and a bad or older file refused with the profile unchanged."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import chinese_calendar
import pytest

from app.context import AppContext
from app.errors import InvalidInput
from app.reference.held import held_calendar, hold_profile_calendar, import_calendar, profile_file
from app.reference.shipped import shipped_calendar
from app.rules import working_days
from app.rules.holiday_calendar import CalendarFileError, fallback_warning, parse_calendar
from app.rules.reminders import receipt_return_due
from local_db.models import Client
from tests.generate_holiday_calendar import SHIPPED_FILE, generated_text
from tests.test_cli import branchdesk

SIGNED = date(2026, 12, 30)  # a Wednesday: three working days later is in 2027


def calendar_file(version: int, years: dict[str, Any] | None = None) -> bytes:
    years = years if years is not None else {"2027": {"holidays": ["2027-01-01"], "workdays": []}}
    return json.dumps({"kind": "holiday-calendar", "version": version, "years": years}).encode()


@pytest.fixture(autouse=True)
def shipped_again() -> Iterator[None]:
    yield
    working_days.hold(None)


def test_the_shipped_file_is_what_chinese_calendar_generates() -> None:
    assert SHIPPED_FILE.read_text(encoding="utf-8") == generated_text()
    shipped = shipped_calendar()
    assert (shipped.version, shipped.first_year(), shipped.last_year()) == (1, 2004, 2026)
    assert sorted(shipped.years) == list(range(2004, 2027))


def test_the_shipped_years_agree_with_chinese_calendar_day_by_day() -> None:
    day = date(2004, 1, 1)
    while day.year <= 2026:
        assert working_days.is_working_day(day) == chinese_calendar.is_workday(day), day
        day += timedelta(days=1)


def test_without_a_2027_calendar_the_deadline_is_monday_to_friday_and_says_so() -> None:
    due = receipt_return_due(SIGNED)
    assert due == date(2027, 1, 4)  # 31 Dec, 1 Jan (New Year's Day counted as a working day), 4 Jan
    assert not working_days.calendar_known(due) and working_days.calendar_known(SIGNED)
    assert working_days.assumed_years([SIGNED, due]) == {2027}
    warning = fallback_warning(working_days.assumed_years([due]))
    assert warning is not None
    assert warning.en == "2027 holidays not known yet: Monday–Friday assumed"
    assert warning.zh_CN == "2027 年节假日尚未公布：暂按周一至周五计算"
    assert fallback_warning(working_days.assumed_years([SIGNED])) is None


def test_a_published_2027_moves_the_return_deadline_past_new_year(data_dir: Path) -> None:
    data_dir.mkdir()
    held = import_calendar(data_dir, calendar_file(2))
    assert held.version == 2 and held.first_year() == 2004 and held.last_year() == 2027
    assert receipt_return_due(SIGNED) == date(2027, 1, 5)  # 31 Dec, 4 Jan, 5 Jan
    assert working_days.assumed_years([date(2027, 1, 5)]) == set()
    # A new process opening the profile holds the same calendar.
    working_days.hold(None)
    assert receipt_return_due(SIGNED) == date(2027, 1, 4)
    hold_profile_calendar(data_dir)
    assert receipt_return_due(SIGNED) == date(2027, 1, 5)


def test_a_newer_file_keeps_the_years_imported_before(data_dir: Path) -> None:
    data_dir.mkdir()
    import_calendar(data_dir, calendar_file(2))
    held = import_calendar(data_dir, calendar_file(3, {"2028": {"holidays": ["2028-01-01"], "workdays": []}}))
    assert held.version == 3 and held.covers(2027) and held.covers(2028)


def test_an_older_or_equal_version_is_refused_and_nothing_changes(data_dir: Path) -> None:
    data_dir.mkdir()
    import_calendar(data_dir, calendar_file(3))
    before = profile_file(data_dir).read_bytes()
    later = {"2027": {"holidays": ["2027-01-01", "2027-01-04"], "workdays": []}}
    for version in (1, 2, 3):
        with pytest.raises(InvalidInput) as refused:
            import_calendar(data_dir, calendar_file(version, later))
        assert f"its version {version} is not newer than the calendar held (version 3)" in refused.value.text("en")
        assert f"其版本 {version} 不高于当前日历（版本 3）" in refused.value.text("zh_CN")
    assert profile_file(data_dir).read_bytes() == before
    assert receipt_return_due(SIGNED) == date(2027, 1, 5)


def test_a_version_not_above_the_shipped_one_is_refused(data_dir: Path) -> None:
    data_dir.mkdir()
    with pytest.raises(InvalidInput, match="not newer"):
        import_calendar(data_dir, calendar_file(1))
    assert not profile_file(data_dir).exists()


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (b"{not json", "J000_malformed_json"),
        (b'{"kind": "holiday-calendar", "version": 2, "version": 3, "years": {}}', "J010_duplicate_key"),
        (b"[]", "C001_not_a_calendar"),
        (b'{"kind": "products", "version": 2, "years": {}}', "C001_not_a_calendar"),
        (calendar_file(0), "C002_bad_version"),
        (calendar_file(True), "C002_bad_version"),  # True is an int to Python, not a version
        (b'{"kind": "holiday-calendar", "version": 2.0, "years": {}}', "C002_bad_version"),
        (calendar_file(2, {}), "C003_no_years"),
        (calendar_file(2, {"27": {"holidays": ["2027-01-01"], "workdays": []}}), "C004_bad_year"),
        (calendar_file(2, {"2027": {"holidays": ["2027-01-01"]}}), "C005_incomplete_year"),
        (calendar_file(2, {"2027": {"holidays": [], "workdays": []}}), "C005_incomplete_year"),
        (calendar_file(2, {"2027": {"holidays": "2027-01-01", "workdays": []}}), "C005_incomplete_year"),
        (calendar_file(2, {"2027": {"holidays": ["2028-01-01"], "workdays": []}}), "C006_bad_date"),
        (calendar_file(2, {"2027": {"holidays": ["2027-02-30"], "workdays": []}}), "C006_bad_date"),
        (calendar_file(2, {"2027": {"holidays": ["20270101"], "workdays": []}}), "C006_bad_date"),
        (calendar_file(2, {"2027": {"holidays": ["2027-01-01", "2027-01-01"], "workdays": []}}), "C006_bad_date"),
        (calendar_file(2, {"2027": {"holidays": ["2027-01-01"], "workdays": ["2027-01-05"]}}),
         "C007_workday_on_weekday"),
        (calendar_file(2, {"2027": {"holidays": ["2027-01-02"], "workdays": ["2027-01-02"]}}), "C008_both"),
    ],
)  # fmt: skip
def test_a_bad_file_is_refused_with_a_reason_in_both_languages(raw: bytes, code: str, data_dir: Path) -> None:
    with pytest.raises(CalendarFileError) as refused:
        parse_calendar(raw)
    assert refused.value.problem.code == code
    assert refused.value.problem.en and refused.value.problem.zh_CN
    data_dir.mkdir()
    with pytest.raises(InvalidInput) as not_installed:
        import_calendar(data_dir, raw)
    assert "was not installed" in not_installed.value.text("en") and "未安装" in not_installed.value.text("zh_CN")
    assert not profile_file(data_dir).exists()
    assert held_calendar(data_dir) == shipped_calendar()
    assert receipt_return_due(SIGNED) == date(2027, 1, 4)


def test_a_damaged_profile_copy_falls_back_to_the_shipped_years(data_dir: Path) -> None:
    data_dir.mkdir()
    import_calendar(data_dir, calendar_file(2))
    profile_file(data_dir).write_bytes(b"garbage")
    assert hold_profile_calendar(data_dir) == shipped_calendar()
    assert receipt_return_due(SIGNED) == date(2027, 1, 4)


def birthday_on_2_january(data_dir: Path) -> None:
    ctx = AppContext.open(data_dir)
    try:
        with ctx.store.sessions.begin() as session:
            session.add(Client(name="张三", mobile="13812345678", birth_date=date(1980, 1, 2)))
    finally:
        ctx.close()


def test_today_json_warns_of_a_deadline_in_an_unknown_year_until_the_year_is_imported(
    data_dir: Path, tmp_path: Path
) -> None:
    birthday_on_2_january(data_dir)
    today = ("--data-dir", str(data_dir), "today", "--date", "2026-12-30", "--json")
    report = json.loads(branchdesk(*today).stdout)
    assert [r["due_on"] for r in report["reminders"]] == ["2027-01-02"]
    assert report["calendar_warning"] == "2027 holidays not known yet: Monday–Friday assumed"
    chinese = json.loads(branchdesk("--lang", "zh_CN", *today).stdout)
    assert chinese["calendar_warning"] == "2027 年节假日尚未公布：暂按周一至周五计算"
    text = branchdesk("--data-dir", str(data_dir), "today", "--date", "2026-12-30").stdout
    assert "note: 2027 holidays not known yet: Monday–Friday assumed" in text
    # The day before the window reaches 2027, nothing is said.
    earlier = json.loads(branchdesk("--data-dir", str(data_dir), "today", "--date", "2026-12-20", "--json").stdout)
    assert earlier["calendar_warning"] is None

    import_calendar(data_dir, calendar_file(2))
    assert json.loads(branchdesk(*today).stdout)["calendar_warning"] is None


def test_doctor_names_the_years_and_version_held(data_dir: Path) -> None:
    result = branchdesk("--data-dir", str(data_dir), "doctor", "--json")
    assert result.returncode == 0, result.stderr
    held = json.loads(result.stdout)["holiday_calendar"]
    assert (held["version"], held["first_year"], held["last_year"], held["source"]) == (1, 2004, 2026, "shipped")
    import_calendar(data_dir, calendar_file(2))
    held = json.loads(branchdesk("--data-dir", str(data_dir), "doctor", "--json").stdout)["holiday_calendar"]
    assert (held["version"], held["last_year"], held["source"]) == (2, 2027, "imported")
    text = branchdesk("--data-dir", str(data_dir), "doctor").stdout
    assert "holidays:        2004–2027 known (calendar version 2, imported); Monday–Friday assumed after 2027" in text


def test_reference_import_installs_a_newer_file_and_refuses_a_bad_or_older_one(data_dir: Path, tmp_path: Path) -> None:
    good, older, corrupt = tmp_path / "2027.json", tmp_path / "old.json", tmp_path / "corrupt.json"
    good.write_bytes(calendar_file(3))
    older.write_bytes(calendar_file(2, {"2028": {"holidays": ["2028-01-01"], "workdays": []}}))
    corrupt.write_bytes(calendar_file(4)[:-5])
    installed = branchdesk("--data-dir", str(data_dir), "reference", "import", str(good))
    assert installed.returncode == 0, installed.stderr
    assert installed.stdout == "holiday calendar version 3 installed: 2004–2027 known\n"
    before = profile_file(data_dir).read_bytes()

    refused = branchdesk("--data-dir", str(data_dir), "reference", "import", str(older))
    assert refused.returncode == 2
    assert "its version 2 is not newer than the calendar held (version 3)" in refused.stderr
    broken = branchdesk("--lang", "zh_CN", "--data-dir", str(data_dir), "reference", "import", str(corrupt))
    assert broken.returncode == 2
    assert f"{corrupt} 未安装：文本不是 JSON" in broken.stderr and "Traceback" not in broken.stderr
    missing = branchdesk("--data-dir", str(data_dir), "reference", "import", str(tmp_path / "none.json"))
    assert missing.returncode == 2 and "does not exist" in missing.stderr
    assert profile_file(data_dir).read_bytes() == before
    assert sorted(path.name for path in profile_file(data_dir).parent.iterdir()) == ["holiday_calendar.json"]
    held = json.loads(branchdesk("--data-dir", str(data_dir), "doctor", "--json").stdout)["holiday_calendar"]
    assert (held["version"], held["years"][-1]) == (3, 2027)
