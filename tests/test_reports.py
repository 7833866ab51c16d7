"""The printed documents: read back with pypdf, rendered with pdftoppm, on realistic data.

The day, week and client card come from a small demo book (app.demo.generate), with a day
made busy enough to run over pages; the paperwork is built the way the app builds it.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pypdf
import pytest
from PIL import Image
from sqlalchemy import select, text, update

from app.common.local_time import local_zone
from app.context import AppContext
from app.demo import generate
from app.errors import NotFound
from app.handover.records import APPLICATION_MATERIALS, ItemInput
from app.planner.records import VisitInput
from app.profile.audit import AuditEntry, events_for
from app.receipts.service import ReceiptFields, ReceiptService
from app.reports.common import chinese_date
from app.rules.ids import ClientId, HandoverId, ProposalId, ReceiptId
from local_db import models
from tests.handover_data import (
    TODAY,
    add_outlet,
    finished_proposal,
    pdf_dict,
    set_up_manager,
    signature_png,
    signed,
    zigzag,
)

DEMO_TODAY = date(2026, 3, 18)
EXTRA_VISITS = 14  # on top of the demo's, so the day's checklists run over pages
ID, ID_MASKED = "110105198506120253", "110105********0253"  # the sample proposal's policyholder
PHONE, PHONE_MASKED = "13812345678", "138****5678"
WHITE_ENOUGH = 245


def texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def images_on(pdf: bytes) -> int:
    count = 0
    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        resources = pdf_dict(page["/Resources"])
        count += len(pdf_dict(resources["/XObject"])) if "/XObject" in resources else 0
    return count


def assert_page_footers(pages: list[str]) -> None:
    for number, page in enumerate(pages, start=1):
        assert f"第 {number} 页 / 共 {len(pages)} 页" in page, (number, page[-80:])


def mark_sent(ctx: AppContext, record_id: str) -> None:
    with ctx.store.sessions.begin() as session:
        session.execute(update(models.OutboxItem).where(models.OutboxItem.record_id == record_id).values(status="sent"))


# ---- the day and the week, on a demo book ---------------------------------------------------


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[AppContext, date]]:
    ctx = AppContext.open(tmp_path_factory.mktemp("book") / "data")
    generate(ctx.store, clients=300, seed=5, today=DEMO_TODAY, worklog_days=20)
    with ctx.store.engine.connect() as connection:
        busiest = connection.execute(text(
            "SELECT day FROM worklog WHERE day <= :today GROUP BY day ORDER BY count(*) DESC, day LIMIT 1"
        ), {"today": DEMO_TODAY.isoformat()}).scalar_one()  # fmt: skip
        clients = [row[0] for row in connection.execute(text("SELECT id FROM clients ORDER BY name LIMIT :n"),
                                                        {"n": EXTRA_VISITS})]  # fmt: skip
    day = date.fromisoformat(busiest)
    zone = local_zone()
    for n, client_id in enumerate(clients):
        start = datetime.combine(day, time(8, 0), zone) + timedelta(minutes=40 * n)
        ctx.planner.create(VisitInput(kind="client", purpose="product_presentation", starts_at=start,
                                      ends_at=start + timedelta(minutes=30), client_id=client_id,
                                      location=f"网点贵宾室 {n + 1}", agenda="讲解年金险与教育金规划"))  # fmt: skip
    ctx.daily_plans.save(day, "需求激发环节效果好", "宣传单页发放不足", "上午网点驻点，下午拜访到期客户")
    yield ctx, day
    ctx.close()


def test_the_daily_plan_of_a_busy_day(book: tuple[AppContext, date]) -> None:
    ctx, day = book
    data = ctx.today.build(day)
    pdf = ctx.printing.daily_plan(day)
    pages = texts(pdf)
    assert len(pages) >= 3
    assert_page_footers(pages)
    manager = ctx.settings.manager()
    everything = "".join(pages)
    for expected in ("每日工作计划表", "今日目标", "有效拜访（5访）", "今日日程", "拜访准备与执行（3S）",
                     "拜访前", "拜访中", "拜访后", "讲解年金险与教育金规划", "主管审阅", manager.name,
                     manager.code):  # fmt: skip
        assert expected in everything, expected
    assert all(visit.who in everything for visit in data.agenda)  # every client's name, in Chinese
    for page in pages:  # the page header on every page
        assert "每日工作计划表" in page and f"日期：{day.isoformat()}" in page
    # The checklist table runs over pages, its header row repeated at the top of each.
    repeated = [page for page in pages if re.search(r"阶段\s*检查事项", page)]
    assert len(repeated) >= 2
    assert "尚未送达总公司" not in everything


def test_the_daily_summary(book: tuple[AppContext, date]) -> None:
    ctx, day = book
    summary = ctx.daily_plans.summary(day)
    pdf = ctx.printing.daily_summary(day)
    pages = texts(pdf)
    assert_page_footers(pages)
    everything = "".join(pages)
    # The paper form is page 1 whole; the day's work log follows as an attachment.
    form = pages[0]
    for expected in ("每日工作计划与总结表", "有效电话数量", "需求面谈数量", "成交面谈数量", "销售产品及金额",
                     "售后服务数", "各环节成败分析与总结", "识别接触", "需求激发", "产品推介", "拒绝处理", "销售促成",
                     "需求激发环节效果好", "宣传单页发放不足", "上午网点驻点，下午拜访到期客户", "主管审阅：",
                     f"{summary.tomorrow.day.month}月{summary.tomorrow.day.day}日"):  # fmt: skip
        assert expected in form, expected
    assert "附页：当日工作日志" in pages[1]
    # The manuals' daily targets beside the five measures: a row of targets, a row of actuals.
    visits, leaflets = (next(p for p in summary.progress if p.measure == m) for m in ("visits", "leaflets"))
    assert re.search(rf"目标\s*{visits.target}\s*{leaflets.target}\s", form)
    assert re.search(rf"实际\s*{visits.actual}(（达成）)?\s*{leaflets.actual}", form)
    named = [e.client_name for e in ctx.worklog.entries(day) if e.client_name and e.counts]
    assert named and all(name in everything for name in named)


def test_the_week_plan(book: tuple[AppContext, date]) -> None:
    ctx, day = book
    monday = day - timedelta(days=day.weekday())
    visits = ctx.planner.between(monday, monday + timedelta(days=6))
    pages = texts(ctx.printing.week_plan(day + timedelta(days=(6 - day.weekday()))))  # any day of the week
    assert_page_footers(pages)
    everything = "".join(pages)
    assert f"{monday:%m-%d} 至 {monday + timedelta(days=6):%m-%d}" in pages[0]
    for weekday in ("星期一", "星期三", "星期日"):
        assert weekday in everything
    unwrapped = re.sub(r"\s", "", everything)  # a long outlet name wraps inside its cell
    assert visits and all(visit.who in unwrapped for visit in visits)


def test_the_client_card_masks_unless_revealed(book: tuple[AppContext, date]) -> None:
    ctx, _day = book
    with ctx.store.sessions() as session:
        client = session.scalars(select(models.Client).where(models.Client.id_number.is_not(None))).first()
        assert client is not None
        client_id, name, number, mobile = ClientId(client.id), client.name, client.id_number, client.mobile
        assert number is not None
    card = ctx.clients.get(client_id)
    (first, *_rest) = texts(ctx.printing.client_card(client_id))
    assert name in first and "客户档案" in first
    assert card.id_masked in first and number not in first
    assert card.mobile_masked in first and mobile not in first
    assert not [e for e in events_for_client(ctx, client_id) if e.action == "print"]

    revealed = "".join(texts(ctx.printing.client_card(client_id, reveal=True)))
    assert number in revealed and mobile in revealed and "已部分遮蔽" not in revealed
    (event,) = [e for e in events_for_client(ctx, client_id) if e.action == "print"]
    assert event.detail == {"reveal": True, "fields": ["id_number", "mobile", "phone_other"]}


def events_for_client(ctx: AppContext, client_id: ClientId) -> list[AuditEntry]:
    with ctx.store.sessions() as session:
        return events_for(session, "client", client_id)


# ---- paperwork ---------------------------------------------------------------------------


@pytest.fixture
def proposal_id(ctx: AppContext) -> ProposalId:
    set_up_manager(ctx)
    return finished_proposal(ctx, outlet_id=add_outlet(ctx))


def test_the_proposal_form(ctx: AppContext, proposal_id: ProposalId) -> None:
    pdf = ctx.printing.proposal(proposal_id)
    pages = texts(pdf)
    assert_page_footers(pages)
    everything = "".join(pages)
    for expected in ("人身保险投保单", "张伟", "张小雨", "李娜", "鑫享未来少儿教育年金保险", "300,000.00 元", "期交",
                     "10 年", "子女", "身故受益人", "60%", "40%", "健康告知", "投保人签名", "被保险人签名",
                     "王芳（BJ0107）", "建国门支行（BJ-JGM）", "日期：2026-03-16",
                     chinese_date(date.today())):  # fmt: skip
        assert expected in everything, expected
    assert ID_MASKED in everything and ID not in everything
    assert PHONE_MASKED in everything and PHONE not in everything
    assert "6222020200112345678" not in everything  # the paying account is masked too
    assert images_on(pdf) == 2  # both signatures
    assert "尚未送达总公司" in pages[0]  # its outbox item is still pending

    mark_sent(ctx, proposal_id)
    revealed = "".join(texts(ctx.printing.proposal(proposal_id, reveal=True)))
    assert ID in revealed and PHONE in revealed and "尚未送达总公司" not in revealed
    with ctx.store.sessions() as session:
        assert [e.action for e in events_for(session, "proposal", proposal_id)][-1] == "print"


def test_a_draft_proposal_prints_blank_signature_boxes(ctx: AppContext) -> None:
    draft = ctx.proposals.new_draft()
    pdf = ctx.printing.proposal(draft)
    (text_, *_rest) = texts(pdf)
    assert "草稿（未签名）" in text_ and "尚未送达总公司" in text_
    assert images_on(pdf) == 0


def receipt_service(ctx: AppContext) -> ReceiptService:
    return ReceiptService(ctx.store.sessions, ctx.actor, today=lambda: TODAY)


def test_the_receipt_signed_on_screen(ctx: AppContext, proposal_id: ProposalId) -> None:
    receipts = receipt_service(ctx)
    receipt_id = receipts.new_draft(proposal_id)
    receipts.save_draft(receipt_id, ReceiptFields("P2026000123", date(2026, 3, 17), None, 15))
    receipts.sign(receipt_id, date(2026, 3, 18), signature=signed(zigzag()))
    pdf = ctx.printing.receipt(receipt_id)
    (page,) = texts(pdf)
    for expected in ("保单回执", "P2026000123", "张伟", "2026-04-02", "2026-03-23", "已签收", "2026年3月18日",
                     ID_MASKED, PHONE_MASKED, "尚未送达总公司"):  # fmt: skip
        assert expected in page, expected
    assert ID not in page and images_on(pdf) == 1

    mark_sent(ctx, receipt_id)
    assert "尚未送达总公司" not in texts(ctx.printing.receipt(receipt_id))[0]


def test_the_receipt_signed_on_paper(ctx: AppContext, proposal_id: ProposalId) -> None:
    receipts = receipt_service(ctx)
    receipt_id = receipts.new_draft(proposal_id, "P2026000456", date(2026, 3, 17))
    receipts.sign(receipt_id, date(2026, 3, 18), scan=(signature_png(zigzag()), "image/png"))
    pdf = ctx.printing.receipt(receipt_id)
    (page,) = texts(pdf)
    assert "客户已在纸质回执上签收，扫描件已附（PNG 图片" in page
    assert images_on(pdf) == 0


def test_the_handover_list_carries_the_mark_until_its_paperwork_is_sent(
    ctx: AppContext, proposal_id: ProposalId
) -> None:
    outlet = add_outlet(ctx, "BJ-DC", "东城支行")
    list_id = ctx.handover.create_draft(APPLICATION_MATERIALS, TODAY, outlet, "刘柜员",
                                        [ItemInput(proposal_id=proposal_id)])  # fmt: skip
    (page,) = texts(ctx.printing.handover(list_id))
    assert "投保资料交接清单" in page and "张伟" in page and "尚未送达总公司" in page
    mark_sent(ctx, proposal_id)
    assert "尚未送达总公司" not in texts(ctx.printing.handover(list_id))[0]


def test_unknown_records_are_not_found(ctx: AppContext) -> None:
    missing = "00000000-0000-4000-8000-000000000000"
    for make in (
        lambda: ctx.printing.proposal(ProposalId(missing)),
        lambda: ctx.printing.receipt(ReceiptId(missing)),
        lambda: ctx.printing.handover(HandoverId(missing)),
        lambda: ctx.printing.client_card(ClientId(missing)),
    ):
        with pytest.raises(NotFound):
            make()


# ---- on paper: every document renders with ink ------------------------------------------------


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) not installed")
def test_every_document_renders_with_ink(book: tuple[AppContext, date], tmp_path: Path) -> None:
    ctx, day = book
    with ctx.store.engine.connect() as connection:
        proposal = connection.execute(text("SELECT id FROM proposals WHERE status = 'finished' LIMIT 1")).scalar_one()
        receipt = connection.execute(text("SELECT id FROM receipts WHERE status = 'signed' LIMIT 1")).scalar_one()
        client = connection.execute(text("SELECT id FROM clients LIMIT 1")).scalar_one()
    printing = ctx.printing
    documents = {
        "plan": printing.daily_plan(day), "summary": printing.daily_summary(day), "week": printing.week_plan(day),
        "proposal": printing.proposal(proposal), "receipt": printing.receipt(receipt),
        "card": printing.client_card(client),
    }  # fmt: skip
    for name, pdf in documents.items():
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-png", "-r", "40", str(path), str(tmp_path / name)], check=True, timeout=60)
        pages = sorted(tmp_path.glob(f"{name}-*.png"))
        assert len(pages) == len(texts(pdf)), name
        for page in pages:
            with Image.open(page) as image:
                grey = image.convert("L")
                dark = sum(grey.histogram()[:WHITE_ENOUGH]) / (grey.width * grey.height)
                assert dark > 0.01, (name, page.name)
                title_band = grey.crop((0, 0, grey.width // 3, grey.height // 14))
                assert sum(title_band.histogram()[:WHITE_ENOUGH]) > 0, (name, page.name)  # Chinese glyphs drawn
