"""成交面谈记录表 printed: `branchdesk print closing-interview ID`, one A4 page, Chinese text
extractable, the phone masked, and rendered to PNG (looked at by hand when the layout changes)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from app.common.local_time import local_zone
from app.context import AppContext
from app.planner.records import VisitInput
from app.rules.ids import ClientId
from app.sales_forms.closing import ClosingInput, Objection
from local_db.models import Client
from tests.pdf_helpers import one_a4_page_text, rendered_page
from tests.test_cli import branchdesk


def filled_interview(data_dir: Path) -> str:
    ctx = AppContext.open(data_dir)
    try:
        with ctx.store.sessions.begin() as session:
            client = Client(name="张三", gender="M", birth_date=date(1980, 5, 6), mobile="13812345678")
            session.add(client)
            session.flush()
            client_id = ClientId(client.id)
        start = datetime.combine(date.today(), time(14), local_zone())
        visit = ctx.planner.create(
            VisitInput(kind="client", purpose="closing", starts_at=start, ends_at=start + timedelta(hours=1),
                       client_id=client_id, location="网点贵宾室")
        )  # fmt: skip
        service = ctx.closing_interviews
        form = service.start(visit_id=visit.id)
        data = ClosingInput(
            held_on=form.data.held_on, client_id=client_id, visit_id=visit.id, product_code="GS-XXNJ",
            premium_cents=20_000_000, fab_presented=True, three_attempts=False,
            objections=(Objection("收益不如理财高", "讲清保证利益与锁定利率的长期价值"),
                        Objection("要和爱人商量", "约定周末三人一起再谈")),
            other="客户对养老规划很关注", improve="开场寒暄太长，需求确认不够",
            outcome="follow_up", follow_up_on=date.today() + timedelta(days=5),
        )  # fmt: skip
        return service.mark_done(form.id, data).id
    finally:
        ctx.close()


def test_print_closing_interview_one_a4_page_in_chinese(tmp_path: Path) -> None:
    data_dir = tmp_path / "profile"
    interview_id = filled_interview(data_dir)
    out = tmp_path / "closing.pdf"
    done = branchdesk("--data-dir", str(data_dir), "print", "closing-interview", interview_id, "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"closing-interview: {out} (1 page,")
    content = one_a4_page_text(out.read_bytes())
    expected = ("成交面谈记录表", "张三", "国寿鑫享年金保险", "200,000.00", "FAB的呈现", "促成时坚持三次以上",
                "收益不如理财高", "约定周末三人一起再谈", "开场寒暄太长", "待跟进", "已安排拜访",
                "主管审阅")  # fmt: skip
    for words in expected:
        assert words in content, words
    assert "138****5678" in content and "13812345678" not in content
    assert "follow_up" not in content and "GS-XXNJ" in content  # codes print only where the paper has them
    png = rendered_page(out, "closing-interview", tmp_path)
    assert png is None or png.stat().st_size > 10_000


def test_an_unknown_interview_is_exit_code_2(tmp_path: Path) -> None:
    data_dir = tmp_path / "profile"
    AppContext.open(data_dir).close()
    out = tmp_path / "closing.pdf"
    done = branchdesk("--data-dir", str(data_dir), "print", "closing-interview", "no-such-id", "--out", str(out))
    assert done.returncode == 2 and not out.exists()


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_the_refusal_speaks_the_language(tmp_path: Path, lang: str) -> None:
    data_dir = tmp_path / "profile"
    AppContext.open(data_dir).close()
    done = branchdesk("--data-dir", str(data_dir), "--lang", lang, "print", "closing-interview", "x", "--out",
                      str(tmp_path / "x.pdf"))  # fmt: skip
    assert ("找不到该成交面谈记录" in done.stderr) == (lang == "zh_CN")
