"""`branchdesk today`, run as a user runs it: names and dates, never ID or phone numbers."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from app.context import AppContext
from local_db.models import Client, ProductHolding, Visit
from tests.test_cli import branchdesk

DAY = date(2026, 11, 23)


def fill(data_dir: Path) -> None:
    ctx = AppContext.open(data_dir)
    zone = datetime.now().astimezone().tzinfo
    try:
        with ctx.store.sessions.begin() as session:
            client = Client(
                name="张三", mobile="13812345678", id_number="110101199001011234", birth_date=date(1980, 11, 25)
            )
            session.add(client)
            session.flush()
            session.add_all(
                [
                    Visit(
                        kind="client",
                        client_id=client.id,
                        purpose="closing",
                        starts_at=datetime(2026, 11, 23, 14, tzinfo=zone),
                        ends_at=datetime(2026, 11, 23, 15, tzinfo=zone),
                    ),
                    ProductHolding(
                        client_id=client.id,
                        product_type="fund",
                        product_name="华夏成长混合",
                        start_on=DAY - timedelta(days=11),
                    ),
                ]
            )
    finally:
        ctx.close()


def test_today_json(data_dir: Path) -> None:
    fill(data_dir)
    result = branchdesk("--data-dir", str(data_dir), "today", "--date", "2026-11-23", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert set(report) == {
        "day",
        "day_closed",
        "agenda",
        "follow_ups",
        "reminders",
        "progress",
        "calendar_warning",
        "deadlines_moved",
        "measures",
    }
    # The manual's five measures, plan beside actual (nothing planned: no percentage).
    assert [m["measure"] for m in report["measures"]] == [
        "calls", "needs_interviews", "closing_interviews", "sales_cents", "after_sales",
    ]  # fmt: skip
    calls = {"measure": "calls", "name": "有效电话数量", "plan": 0, "actual": 0, "percent": None}
    assert report["measures"][0] == calls
    assert report["measures"][3]["products"] == []
    assert report["calendar_warning"] is None  # every date shown lies in a year the calendar covers
    assert report["agenda"] == [
        {
            "start": "14:00",
            "end": "15:00",
            "kind": "client",
            "who": "张三",
            "outlet": "",
            "purpose": "closing",
            "status": "planned",
            "location": "",
        }
    ]
    assert report["reminders"] == [
        {
            "kind": "purchase_follow_up",
            "client": "张三",
            "due_on": "2026-11-22",
            "detail": "华夏成长混合",
            "letter_kind": None,
            "years": None,
            "overdue": True,
        },
        {
            "kind": "birthday",
            "client": "张三",
            "due_on": "2026-11-25",
            "detail": "",
            "letter_kind": None,
            "years": 46,
            "overdue": False,
        },
    ]
    assert report["progress"][0] == {"measure": "visits", "target": 5, "actual": 0, "met": False}
    assert "13812345678" not in result.stdout and "110101" not in result.stdout


def test_today_text(data_dir: Path) -> None:
    fill(data_dir)
    result = branchdesk("--data-dir", str(data_dir), "today", "--date", "2026-11-23", "--limit", "1")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "14:00-15:00  张三  closing  [planned]" in out
    assert "reminders: 2 (1 overdue)" in out
    assert "OVERDUE 2026-11-22  purchase_follow_up  张三  华夏成长混合" in out
    assert "… 1 more" in out and "visits        0 / 5" in out
    assert "13812345678" not in out


def test_today_rejects_a_bad_date(data_dir: Path) -> None:
    result = branchdesk("--data-dir", str(data_dir), "today", "--date", "23/11/2026")
    assert result.returncode == 2
    assert "is not a date like 2026-11-23" in result.stderr


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1899-12-31", "2101-01-01"])
def test_today_refuses_a_day_outside_1900_to_2100(data_dir: Path, day: str) -> None:
    result = branchdesk("--data-dir", str(data_dir), "today", "--date", day)
    assert result.returncode == 2, result.stderr
    assert f"{day} is out of range: give a date from 1900-01-01 to 2100-12-31" in result.stderr
    assert "Traceback" not in result.stderr and "unexpected" not in result.stderr


@pytest.mark.parametrize("day", ["1900-01-01", "2100-12-31"])
def test_today_shows_the_first_and_last_day_it_accepts(data_dir: Path, day: str) -> None:
    result = branchdesk("--data-dir", str(data_dir), "today", "--date", day, "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["day"] == day
