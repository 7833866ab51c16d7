"""电话邀约记录表 printed: `branchdesk print call-record ID`, one A4 page, Chinese text extractable,
the phone masked, rendered to PNG (looked at by hand when the layout changes)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

from app.common.local_time import local_zone
from app.context import AppContext
from app.rules.ids import ClientId
from app.sales_forms.calls import CallInput
from local_db.models import Client, ProductHolding
from tests.pdf_helpers import one_a4_page_text, rendered_page
from tests.test_cli import branchdesk


def made_call(data_dir: Path) -> str:
    ctx = AppContext.open(data_dir)
    try:
        with ctx.store.sessions.begin() as session:
            client = Client(name="张三", gender="M", birth_date=date(1980, 5, 6), mobile="13812345678")
            session.add(client)
            session.flush()
            session.add(ProductHolding(client_id=client.id, product_type="deposit", product_name="大额存单"))
            client_id = ClientId(client.id)
        today, zone = date.today(), local_zone()
        record = ctx.call_records.save(
            None,
            CallInput(
                call_on=today, client_id=client_id, script="张先生您好，我是建行网点的理财经理，想约您聊聊养老规划。",
                done=True, called_at=datetime.combine(today, time(9, 30), zone), outcome="appointment",
                agreed_at=datetime.combine(today + timedelta(days=2), time(15), zone), agreed_place="网点贵宾室",
                review_prepared=True, review_opening=True, review_other="语速适中", notes="客户周五有空",
            ),
        )  # fmt: skip
        return record.id
    finally:
        ctx.close()


def test_print_call_record_one_a4_page_in_chinese(tmp_path: Path) -> None:
    data_dir = tmp_path / "profile"
    record_id = made_call(data_dir)
    out = tmp_path / "call.pdf"
    done = branchdesk("--data-dir", str(data_dir), "print", "call-record", record_id, "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"call-record: {out} (1 page,")
    content = one_a4_page_text(out.read_bytes())
    for words in ("电话邀约记录表", "张三", "大额存单", "养老规划", "约定面谈", "网点贵宾室", "准备充分", "微笑、热情",
                  "开场白", "语速适中", "客户周五有空", "主管审阅", "09:30", "15:00"):  # fmt: skip
        assert words in content, words
    assert "138****5678" in content and "13812345678" not in content
    assert "appointment" not in content
    png = rendered_page(out, "call-record", tmp_path)
    assert png is None or png.stat().st_size > 10_000


def test_an_unknown_call_record_is_exit_code_2(tmp_path: Path) -> None:
    data_dir = tmp_path / "profile"
    AppContext.open(data_dir).close()
    out = tmp_path / "call.pdf"
    done = branchdesk("--data-dir", str(data_dir), "print", "call-record", "no-such-id", "--out", str(out))
    assert done.returncode == 2 and not out.exists()
