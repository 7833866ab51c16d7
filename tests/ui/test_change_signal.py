"""Work done on one page shows on every page that shows it, with no click and no wiring between
pages: the core measures what each commit wrote, the relay brings it to the GUI thread, and each
page that shows a touched table reloads (at once if on screen, else when next shown)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.clients.records import ClientDraft
from app.context import AppContext
from app.rules.id_numbers import make_resident_id
from app.rules.ids import ClientId, VisitId
from local_db.models import OutboxItem, Visit
from tests.paperwork_helpers import finished_proposal
from tests.ui.conftest import page_of, some
from tests.ui.test_signature_pad import sign_name
from ui.planner.page import PlannerPage
from ui.receipts.dialog import ReceiptDialog
from ui.receipts.page import ReceiptsPage
from ui.shell.application import Shell
from ui.shell.main_window import MainWindow
from ui.sync.page import SyncPage

from .conftest import open_active

TODAY, PLANNER, CLIENTS, RECEIPTS, SYNC = 0, 1, 2, 4, 5


def agenda_statuses(window: MainWindow) -> list[str]:
    agenda = window.today.agenda
    return [some(agenda.topLevelItem(i)).text(3) for i in range(agenda.topLevelItemCount())]


def reminders(window: MainWindow) -> list[tuple[str, str]]:
    found = window.today.reminders
    return [
        (some(found.topLevelItem(i)).text(0), some(found.topLevelItem(i)).text(3))
        for i in range(found.topLevelItemCount())
    ]


@pytest.fixture
def visit_today(data_dir: Path) -> VisitId:
    ctx = AppContext.open(data_dir)
    birthday = date(1980, 5, 1)
    client = ctx.clients.save(
        ClientDraft(
            name="张三",
            gender="M",
            birth_date=birthday,
            mobile="13812345678",
            id_number=make_resident_id("110105", birthday, 1, "M"),
        )
    ).client_id
    start = datetime.now().astimezone().replace(hour=14, minute=0, second=0, microsecond=0)
    with ctx.store.sessions.begin() as session:
        visit = Visit(
            client_id=client,
            purpose="closing",
            starts_at=start.astimezone(UTC),
            ends_at=(start + timedelta(hours=1)).astimezone(UTC),
            location="网点贵宾室",
        )
        session.add(visit)
        session.flush()
        visit_id = visit.id
    ctx.close()
    return VisitId(visit_id)


def test_a_visit_marked_done_in_the_planner_shows_done_on_today(
    qtbot: QtBot,
    shell: Shell,
    data_dir: Path,
    visit_today: VisitId,
) -> None:
    window = open_active(qtbot, shell, data_dir)
    qtbot.waitUntil(lambda: agenda_statuses(window) == ["Planned"], timeout=10_000)

    window.show_page(PLANNER)
    planner = page_of(window, PLANNER, PlannerPage)
    qtbot.waitUntil(lambda: any(v.id == visit_today for v in planner.timeline.visits), timeout=5000)
    planner.open_visit(visit_today)
    qtbot.waitUntil(lambda: planner.dialog is not None and planner.dialog.isVisible(), timeout=5000)
    dialog = some(planner.dialog)
    dialog.status.setCurrentIndex(dialog.status.findData("done"))
    dialog.outcome.setCurrentIndex(dialog.outcome.findData("closed"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)

    # Off screen, Today only notes that it is behind; it reads again when the manager looks.
    today = window.today
    qtbot.waitUntil(lambda: today.stale, timeout=5000)
    assert agenda_statuses(window) == ["Planned"]
    window.show_page(TODAY)  # the navigation, not Today's own "Today" button
    qtbot.waitUntil(lambda: agenda_statuses(window) == ["Done"], timeout=5000)
    assert not today.stale


def test_a_visit_moved_while_today_is_on_screen_moves_there(
    qtbot: QtBot,
    shell: Shell,
    data_dir: Path,
    visit_today: VisitId,
) -> None:
    window = open_active(qtbot, shell, data_dir)
    agenda = window.today.agenda
    qtbot.waitUntil(lambda: agenda.topLevelItemCount() == 1 and some(agenda.topLevelItem(0)).text(0) == "14:00–15:00",
                    timeout=10_000)  # fmt: skip
    assert window.stack.currentWidget() is window.today
    planner = page_of(window, PLANNER, PlannerPage)
    start = datetime.now().astimezone().replace(hour=16, minute=0, second=0, microsecond=0)
    planner.move_visit(visit_today, start)
    qtbot.waitUntil(lambda: some(agenda.topLevelItem(0)).text(0) == "16:00–17:00", timeout=5000)


@pytest.fixture
def two_cards(data_dir: Path) -> tuple[ClientId, ClientId]:
    ctx = AppContext.open(data_dir)
    keep = ctx.clients.save(ClientDraft(name="王芳", mobile="13900001111")).client_id
    drop = ctx.clients.save(ClientDraft(name="王芳芳", mobile="13900002222")).client_id
    ctx.close()
    return keep, drop


def test_a_card_merged_away_leaves_the_client_list(
    qtbot: QtBot,
    shell: Shell,
    data_dir: Path,
    two_cards: tuple[ClientId, ClientId],
) -> None:
    keep, drop = two_cards
    window = open_active(qtbot, shell, data_dir)
    window.show_page(CLIENTS)
    page = window.clients.list
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=10_000)
    page.table.selectRow(page.model.row_of(keep))
    ctx = window.ctx
    assert ctx is not None
    # As the card dialog does it (on the db lane), but told to nobody.
    window.runner.submit(lambda _t: ctx.clients.merge(keep, drop), lane="db", on_error=pytest.fail)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
    assert page.model.client_id(0) == keep and page.count.text() == "1 client(s)"
    assert page.table.currentIndex().row() == 0  # the card the manager was on stays selected


def test_a_new_receipt_appears_on_todays_due_list(qtbot: QtBot, shell: Shell, data_dir: Path) -> None:
    ctx = AppContext.open(data_dir)
    finished_proposal(ctx)
    ctx.close()
    window = open_active(qtbot, shell, data_dir)
    qtbot.waitUntil(lambda: window.today.data is not None, timeout=10_000)
    assert not [r for r in reminders(window) if r[0] == "Receipt due back"]

    window.show_page(RECEIPTS)
    page = page_of(window, RECEIPTS, ReceiptsPage)
    assert isinstance(page, ReceiptsPage)
    qtbot.waitUntil(lambda: page.list.count.text() != "", timeout=10_000)
    page.list.table.setFocus()
    qtbot.keyClick(page.list.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    picker = page.list.picker
    qtbot.waitUntil(lambda: picker.choose_button.isEnabled(), timeout=5000)
    with qtbot.waitSignal(page.list.receipt_did_open, timeout=5000) as opened:
        qtbot.keyClick(picker.table, Qt.Key.Key_Return)
    dialog: ReceiptDialog = opened.args[0]
    qtbot.waitUntil(lambda: dialog.view is not None and dialog.policy_number.hasFocus(), timeout=5000)
    qtbot.keyClicks(dialog.policy_number, "P2026000999")
    sign_name(dialog.evidence.pad)
    with qtbot.waitSignal(dialog.receipt_did_sign, timeout=5000):
        qtbot.keyClick(dialog.policy_number, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.list.count.text() == "1 receipt(s) to return", timeout=5000)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    window.show_page(TODAY)
    qtbot.waitUntil(lambda: ("Receipt due back", "P2026000999") in reminders(window), timeout=5000)


def test_the_status_bar_counts_the_outbox_from_commits_not_a_timer(qtbot: QtBot, shell: Shell, data_dir: Path) -> None:
    window = open_active(qtbot, shell, data_dir)
    label = window.status.outbox_label
    qtbot.waitUntil(lambda: label.text() == "Outbox: 0 waiting", timeout=10_000)
    ctx = window.ctx
    assert ctx is not None

    def queue(_task: object) -> None:
        with ctx.store.sessions.begin() as session:
            session.add(OutboxItem(seq=1, kind="proposal", record_id="p1", payload_json="{}"))

    window.runner.submit(queue, lane="db", on_error=pytest.fail)
    qtbot.waitUntil(lambda: label.text() == "Outbox: 1 waiting", timeout=5000)


def test_a_page_that_shows_nothing_touched_stays_as_it_is(
    qtbot: QtBot,
    shell: Shell,
    data_dir: Path,
    visit_today: VisitId,
) -> None:
    window = open_active(qtbot, shell, data_dir)
    qtbot.waitUntil(lambda: window.today.data is not None, timeout=10_000)
    receipts = page_of(window, RECEIPTS, ReceiptsPage)
    ctx = window.ctx
    assert ctx is not None
    window.runner.submit(lambda _t: ctx.planner.set_status(visit_today, "cancelled"), lane="db", on_error=pytest.fail)
    qtbot.waitUntil(lambda: window.today.stale or agenda_statuses(window) == ["Cancelled"], timeout=5000)
    assert not receipts.stale  # visits are not what the Receipts page shows


def test_a_proposal_finished_elsewhere_joins_the_sync_list(qtbot: QtBot, shell: Shell, data_dir: Path) -> None:
    window = open_active(qtbot, shell, data_dir)
    window.show_page(SYNC)
    page = page_of(window, SYNC, SyncPage)
    qtbot.waitUntil(lambda: window.ctx is not None and page.model.rowCount() == 0, timeout=10_000)
    ctx = window.ctx
    assert ctx is not None
    # As the CLI or the editor would.
    window.runner.submit(lambda _t: finished_proposal(ctx), lane="db", on_error=pytest.fail)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)


def test_the_outbox_warning_follows_the_clock_without_a_timer_of_its_own(
    qtbot: QtBot,
    shell: Shell,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import time

    from app.headoffice.items import SyncSummary

    window = open_active(qtbot, shell, data_dir)
    status, label = window.status, window.status.outbox_label
    qtbot.waitUntil(lambda: label.text() == "Outbox: 0 waiting", timeout=10_000)
    almost = SyncSummary(pending=1, rejected=0, oldest_pending_at=None,
                         oldest_pending_age=timedelta(hours=23, minutes=59), last_success_at=None)  # fmt: skip
    status.show_outbox(almost, timedelta(hours=24))
    assert label.property("warning") is False
    two_minutes_on = time.monotonic() + 120
    monkeypatch.setattr("ui.shell.status_bar.time.monotonic", lambda: two_minutes_on)
    status.refresh_connection()  # the probe's tick: the same reading, two minutes older
    assert label.property("warning") is True and "more than 24 h" in label.toolTip()
