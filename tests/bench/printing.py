"""Printing a busy day: the daily plan and summary, beside a bare reportlab canvas drawing the
same lines in the same font in the same run.

The busy day: a demo book of 2,000 clients, plus extra visits (each with its “3S” checklist)
and work-log entries on one day, so both documents run over several pages.  Ours is timed end
to end (PrintService: reading the day, laying out the form, the PDF bytes) and layout alone;
the baseline draws the documents' text with drawString, one line each, no tables.
"""

from __future__ import annotations

import io
import shutil
import statistics
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas as pdf_canvas
from sqlalchemy import text

from app.common.local_time import local_zone
from app.context import AppContext
from app.day.worklog import LogInput
from app.demo import generate
from app.planner.records import VisitInput
from app.reports.daily_plan import daily_plan_pdf
from app.reports.daily_summary import daily_summary_pdf
from app.reports.data import day_log, visit_sheets

RUNS = 15
TARGET_MS = 200
DAY = date(2026, 11, 23)
EXTRA_VISITS, EXTRA_LOG = 16, 60
STEPS = ("identify", "need", "present", "objection", "close")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def busy_profile(target: Path) -> AppContext:
    if target.exists():
        shutil.rmtree(target)
    ctx = AppContext.open(target)
    generate(ctx.store, clients=2_000, seed=7, today=DAY, worklog_days=30)
    with ctx.store.engine.connect() as connection:
        clients = [r[0] for r in connection.execute(text("SELECT id FROM clients ORDER BY id LIMIT 80"))]
    zone = local_zone()
    for n in range(EXTRA_VISITS):
        start = datetime.combine(DAY, clock(8, 0), zone) + timedelta(minutes=35 * n)
        ctx.planner.create(VisitInput(kind="client", purpose=("needs_interview", "closing", "care")[n % 3],
                                      starts_at=start, ends_at=start + timedelta(minutes=30), client_id=clients[n],
                                      location="网点贵宾室",
                                      agenda="了解家庭保障缺口，讲解年金险与教育金规划"))  # fmt: skip
    for n in range(EXTRA_LOG):
        at = datetime.combine(DAY, clock(8, 30), zone) + timedelta(minutes=7 * n)
        kind, step = ("call", "visit", "sms")[n % 3], STEPS[n % 5]
        ctx.worklog.log(LogInput(kind=kind, day=DAY, at=at, client_id=clients[16 + n], sales_step=step,
                                 effective=kind == "visit" and step == "close",
                                 outcome="客户有意向，约定下周面谈", notes="关注子女教育金与养老规划"))  # fmt: skip
    ctx.daily_plans.save(DAY, "需求激发环节效果好", "宣传单页发放不足", "上午网点驻点，下午拜访到期客户")
    return ctx


def bare_canvas(lines: list[str], font: str) -> bytes:
    """The floor: every line drawn with drawString, A4, a new page when the page is full."""
    out = io.BytesIO()
    canvas = pdf_canvas.Canvas(out, pagesize=A4, invariant=True)
    _width, height = A4
    y = height - 60
    for line in lines:
        if y < 50:
            canvas.showPage()
            y = height - 60
        canvas.setFont(font, 10)
        canvas.drawString(50, y, line)
        y -= 14
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def plan_lines(ctx: AppContext) -> list[str]:
    data = ctx.today.build(DAY)
    lines = ["每日工作计划表", f"日期：{DAY.isoformat()}"]
    lines += [f"{p.measure} {p.target} {p.actual}" for p in data.progress]
    lines += [f"{v.starts_at:%H:%M}–{v.ends_at:%H:%M} {v.kind} {v.who} {v.purpose} {v.location} {v.status}"
              for v in data.agenda]  # fmt: skip
    for visit in data.agenda:
        detail = ctx.planner.get(visit.visit_id)
        lines.append(f"{visit.starts_at:%H:%M} {visit.who} {visit.purpose}")
        lines += [
            f"{phase} " + " ".join(i.label for i in detail.phase(phase)) for phase in ("before", "during", "after")
        ]
    lines += [f"{r.kind} {r.client_name} {r.due_on} {r.detail}" for r in data.reminders[:30]]
    return lines


def summary_lines(ctx: AppContext) -> list[str]:
    summary = ctx.daily_plans.summary(DAY)
    lines = ["每日工作总结表", f"日期：{DAY.isoformat()}"]
    lines += [f"{p.measure} {p.target} {p.actual}" for p in summary.progress]
    lines += [f"{s.name} {s.reached} {s.stopped}" for s in summary.steps]
    lines += [f"{e.at:%H:%M} {e.kind} {e.quantity} {e.client_name} {e.sales_step} {e.outcome} {e.notes}"
              for e in ctx.worklog.entries(DAY)]  # fmt: skip
    lines += [summary.went_well, summary.went_badly, summary.tomorrow_notes]
    lines += [f"{v.starts_at:%H:%M} {v.who} {v.purpose}" for v in summary.tomorrow.visits]
    return lines


def timed(*works: Callable[[], bytes]) -> list[list[float]]:
    """Each work's times over RUNS, run in turn within each round so load and caches are alike."""
    for work in works:
        work()  # warm: the font's subset tables, compiled statements, pages in the cache
    times: list[list[float]] = [[] for _ in works]
    for _ in range(RUNS):
        for spent, work in zip(times, works, strict=True):
            started = time.perf_counter()
            work()
            spent.append((time.perf_counter() - started) * 1000)
    return times


def figures(
    ours: list[float], layout: list[float], baseline: list[float], pdf: bytes, extra: dict[str, int]
) -> dict[str, object]:
    p50, base = statistics.median(ours), statistics.median(baseline)
    return {
        "runs": RUNS, **extra, "pages": pdf.count(b"/Type /Page\n"),
        "p50_ms": round(p50, 1), "p95_ms": round(percentile(ours, 0.95), 1),
        "layout_only_p50_ms": round(statistics.median(layout), 1),
        "baseline_bare_canvas_p50_ms": round(base, 1),
        "ratio": round(p50 / base, 1),
        "target_ms": TARGET_MS, "meets_target": p50 <= TARGET_MS,
    }  # fmt: skip


def measure(work_dir: Path) -> dict[str, dict[str, object]]:
    ctx = busy_profile(work_dir / "busy-day")
    try:
        printing = ctx.printing
        font = printing.font()
        head = printing.letterhead()
        data = ctx.today.build(DAY)
        with ctx.store.sessions() as session:
            sheets = visit_sheets(session, data.agenda)
            entries = day_log(session, DAY, local_zone())
        summary = ctx.daily_plans.summary(DAY)

        plan_text, summary_text = plan_lines(ctx), summary_lines(ctx)
        plan_ms, plan_layout, plan_base = timed(
            lambda: printing.daily_plan(DAY), lambda: daily_plan_pdf(data, sheets, head, font),
            lambda: bare_canvas(plan_text, font.name),
        )  # fmt: skip
        summary_ms, summary_layout, summary_base = timed(
            lambda: printing.daily_summary(DAY), lambda: daily_summary_pdf(summary, entries, head, font),
            lambda: bare_canvas(summary_text, font.name),
        )  # fmt: skip
        plan_pdf, summary_pdf = printing.daily_plan(DAY), printing.daily_summary(DAY)
        return {
            "print_daily_plan": figures(plan_ms, plan_layout, plan_base, plan_pdf,
                                        {"visits": len(data.agenda),
                                         "reminders_printed": min(30, len(data.reminders))}),
            "print_daily_summary": figures(summary_ms, summary_layout, summary_base, summary_pdf,
                                           {"log_entries": len(entries)}),
        }  # fmt: skip
    finally:
        ctx.close()


if __name__ == "__main__":
    import json
    import sys

    print(json.dumps(measure(Path(sys.argv[1] if len(sys.argv) > 1 else "bench-data")), indent=2))
