"""Import and export from the Clients page, with real files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.clients.records import ClientDraft
from app.context import AppContext
from app.rules.id_numbers import make_resident_id
from local_db.models import AuditEvent, Client
from tests.ui.conftest import some
from ui.clients.import_dialog import ClientImportDialog
from ui.common.task_runner import TaskRunner
from ui.shell.application import Shell

GOOD = make_resident_id("110105", date(1980, 5, 1), 1, "M")
BAD_CHECK = GOOD[:-1] + ("1" if GOOD[-1] != "1" else "2")


def test_preview_then_import_only_the_good_rows_and_save_the_report(
    qtbot: QtBot, ctx: AppContext, tmp_path: Path
) -> None:
    csv_path = tmp_path / "客户.csv"
    csv_path.write_text(
        "客户姓名,身份证号,手机号码,客户等级,备用\n"
        f"张三,{GOOD},13812345678,金卡,x\n"
        f"李四,{BAD_CHECK},13900001111,普通,y\n",
        encoding="gbk",
    )
    dialog = ClientImportDialog(ctx, TaskRunner())
    qtbot.addWidget(dialog)
    dialog.load(csv_path)
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=10_000)
    assert dialog.current_mapping() == {
        "客户姓名": "name",
        "身份证号": "id_number",
        "手机号码": "mobile",
        "客户等级": "tier",
        "备用": None,
    }
    assert "2 rows: 1 can be imported, 1 have problems" in dialog.summary.text()
    shown = [some(dialog.preview.item(r, c)).text() for r in range(2) for c in range(dialog.preview.columnCount())]
    assert GOOD not in " ".join(shown) and "138****5678" in shown
    assert any("check digit" in text for text in shown)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
    assert dialog.summary.text() == "Imported 1 new card(s), updated 0; 1 row(s) left out."
    with ctx.store.sessions() as session:
        assert session.scalars(select(Client.name)).all() == ["张三"]
    report = tmp_path / "errors.csv"
    dialog.save_report(report)
    qtbot.waitUntil(report.exists, timeout=5000)
    text = report.read_text(encoding="utf-8-sig")
    assert "3" in text and "李四" in text and BAD_CHECK not in text


def test_export_button_writes_the_shown_cards_masked(
    qtbot: QtBot, shell: Shell, data_dir: Path, tmp_path: Path
) -> None:
    ctx = AppContext.open(data_dir)
    ctx.clients.save(
        ClientDraft(name="王芳", gender="M", birth_date=date(1980, 5, 1), id_number=GOOD, mobile="13812345678")
    )
    ctx.close()
    with qtbot.waitSignal(shell.profile_did_open, timeout=20_000):
        shell.start(data_dir)
    page = shell.window.clients.list
    qtbot.waitUntil(lambda: page.count.text() == "1 client(s)")
    target = tmp_path / "export.csv"
    page.export_to(target)
    qtbot.waitUntil(lambda: page.count.text().startswith("Exported 1 card"), timeout=5000)
    content = target.read_text(encoding="utf-8-sig")
    assert "王芳" in content and GOOD not in content and "13812345678" not in content
    with some(shell.ctx).store.sessions() as session:
        assert session.scalars(select(AuditEvent.action).where(AuditEvent.action == "export")).all() == ["export"]
