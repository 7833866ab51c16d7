"""需求面谈表 printed (app/reports/needs_interview.py): one A4 page, the figures and the chart, the
phone masked, Chinese text extractable; `branchdesk print needs-interview ID` writes it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from app.clients.records import ClientDraft
from app.context import AppContext
from app.reports.needs_interview import print_needs_interview
from app.sales_forms.needs import NeedsDraft
from tests.pdf_helpers import one_a4_page_text, rendered_page
from tests.test_cli import branchdesk
from tests.test_needs_interviews import FILLED


def _interview(ctx: AppContext) -> str:
    client = ctx.clients.save(ClientDraft(name="李四", gender="F", birth_date=date(1985, 3, 2), mobile="13912345678"))
    view = ctx.needs_interviews.create(client_id=client.client_id)
    inputs = replace(
        FILLED, family="丈夫（工程师），女儿 10 岁，赡养母亲", assets_notes="定期存款 20 万，丈夫有单位团体寿险 50 万"
    )
    draft = NeedsDraft(
        date.today(),
        preparation="复习客户档案；准备保障需求问卷与教育金测算表",
        relationship="从女儿升学聊起，客户愿意谈家庭开支",
        needs_found="担心女儿教育金和自己的养老，房贷仍有 100 万",
        analysis="保障缺口大，建议先补足定期寿险，再规划教育金",
        goals=("education", "pension", "protection"),
        inputs=inputs,
    )
    ctx.needs_interviews.save(view.id, draft)
    ctx.needs_interviews.mark_done(view.id)
    return view.id


def test_the_print_shows_the_figures_on_one_page(ctx: AppContext, tmp_path: Path) -> None:
    pdf = print_needs_interview(ctx, _interview(ctx))
    text = one_a4_page_text(pdf)
    for expected in ("需求面谈表", "李四", "保障缺口", "教育金", "养老缺口", "3,300,000.00", "双十原则",
                     "主管审阅", "已完成", "139****5678"):  # fmt: skip
        assert expected in text, expected
    assert "13912345678" not in text
    assert "330.0" in text  # the chart's bar label, in 万元
    (tmp_path / "needs.pdf").write_bytes(pdf)
    png = rendered_page(tmp_path / "needs.pdf", "needs", tmp_path, dpi=70)
    assert png is None or png.exists()


def test_an_empty_draft_prints_its_blank_form(ctx: AppContext) -> None:
    client = ctx.clients.save(ClientDraft(name="王五", mobile="13712345678"))
    view = ctx.needs_interviews.create(client_id=client.client_id)
    text = one_a4_page_text(print_needs_interview(ctx, view.id))
    assert "未测算" in text and "草稿" in text


@pytest.mark.parametrize("known", [True, False])
def test_the_cli_prints_it(ctx: AppContext, data_dir: Path, tmp_path: Path, known: bool) -> None:
    interview_id = _interview(ctx) if known else "no-such-id"
    ctx.close()
    out = tmp_path / "needs.pdf"
    done = branchdesk("--data-dir", str(data_dir), "print", "needs-interview", interview_id, "--out", str(out))
    if known:
        assert done.returncode == 0, done.stderr
        assert out.read_bytes().startswith(b"%PDF")
    else:
        assert done.returncode == 2 and not out.exists()
