"""The printed daily plan & summary, weekly and monthly summaries and target-progress table:
read back with pypdf (Chinese text extractable), one A4 page each, rendered with pdftoppm."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pypdf
import pytest
from PIL import Image

from app.context import AppContext
from app.day.worklog import WorkLogService
from app.rules.sales_measures import Measures
from tests.test_summaries import DAY, a_days_work, worklog  # noqa: F401  (worklog: a fixture)

A4 = (595, 842)  # points, rounded


def pages_of(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture
def busy(ctx: AppContext, worklog: WorkLogService) -> AppContext:  # noqa: F811
    a_days_work(ctx, worklog, DAY)
    ctx.daily_plans.set_measures(DAY, Measures(calls=4, needs_interviews=2, closing_interviews=1,
                                               sales_cents=8_000_000, after_sales=2))  # fmt: skip
    ctx.daily_plans.save(DAY, "电话邀约准备充分", "促成不够坚决", "拜访到期客户",
                         step_analysis={"need": "以养老规划切入，客户认同", "close": "促成时只尝试了两次"},
                         tomorrow_measures=Measures(calls=6, sales_cents=3_000_000))  # fmt: skip
    ctx.summaries.set_line_target("month", DAY, "annuity", 20_000_000, 4)
    ctx.summaries.set_line_target("year", DAY, "all", 500_000_000, 60)
    return ctx


def test_the_daily_plan_and_summary_is_the_paper_form_on_one_page(busy: AppContext) -> None:
    pdf = busy.printing.daily_summary(DAY)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert tuple(round(float(v)) for v in reader.pages[0].mediabox[2:]) == A4
    form, attachment = pages_of(pdf)[0], "".join(pages_of(pdf)[1:])
    for expected in ("每日工作计划与总结表", "有效电话数量", "需求面谈数量", "成交面谈数量", "销售产品及金额",
                     "售后服务数", "各环节成败分析与总结", "以养老规划切入，客户认同", "促成时只尝试了两次",
                     "电话邀约准备充分", "次日工作计划", "主管审阅：", "国寿鑫享年金保险", "年金保险"):  # fmt: skip
        assert expected in form, expected
    assert re.search(r"有效电话数量\s*4\s*1\s*25%", form)
    assert re.search(r"销售产品及金额\s*80,000.00 元\s*50,000.00 元\s*62%", form)
    assert re.search(r"成交面谈数量\s*1\s*1\s*100%", form)
    assert "附页：当日工作日志" in attachment and "王芳" in attachment
    assert "4月1日" in form and "30,000.00 元" in form  # the next working day plan numbers


@pytest.mark.parametrize(
    ("document", "title", "expected"),
    [
        ("week_summary", "周工作总结表", ("2026 年第 14 周", "图 1", "图 2", "有效电话数量", "年金保险")),
        ("month_summary", "月工作总结表", ("2026年3月1日 至 2026年3月31日", "逐周情况", "3/30–3/31", "年金保险")),
        ("target_progress", "个人指标进度情况表", ("2026 年 3 月", "年金保险", "25%", "全部产品", "1%")),
    ],
)
def test_the_summaries_print_on_one_page(busy: AppContext, document: str, title: str, expected: tuple[str]) -> None:
    pdf = getattr(busy.printing, document)(DAY)
    (page,) = pages_of(pdf)
    for text in (title, "主管审阅：", "第 1 页 / 共 1 页", *expected):
        assert text in page, text


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) not installed")
def test_they_render_with_ink_and_charts(busy: AppContext, tmp_path: Path) -> None:
    printing = busy.printing
    for name in ("daily_summary", "week_summary", "month_summary", "target_progress"):
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(getattr(printing, name)(DAY))
        subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(path), str(tmp_path / name)],
                       check=True, timeout=60)  # fmt: skip
        (png,) = tmp_path.glob(f"{name}-*.png")
        with Image.open(png) as image:
            rgb = image.convert("RGB")
            # The bars are blue (#1a73e8): only the charts of the week, month and targets have them.
            data = rgb.tobytes()
            blue = sum(
                1 for i in range(0, len(data), 3) if data[i + 2] > 180 and data[i] < 80 and 90 < data[i + 1] < 150
            )
            grey = rgb.convert("L")
            assert sum(grey.histogram()[:245]) / (grey.width * grey.height) > 0.01, name
        assert (blue > 20) == (name != "daily_summary"), (name, blue)


def test_no_target_prints_a_line_saying_so(ctx: AppContext) -> None:
    (page,) = pages_of(ctx.printing.target_progress(date(2026, 5, 6)))
    assert "尚未设定指标" in page
