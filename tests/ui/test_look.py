"""The designed look: one style sheet for light and dark, the palette's state colours, icons in the
navigation, and a window that takes a laptop's whole screen at the first start."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QDialog,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
)
from pytestqt.logging import _QtMessageCapture
from pytestqt.qtbot import QtBot

from app.proposals.records import ProposalPage, ProposalRow
from app.rules.ids import ProposalId
from ui.common.palette import DARK, LIGHT, STATES, current_scheme, set_tone, state_colour
from ui.common.task_runner import TaskRunner
from ui.proposals.list_model import ProposalTableModel
from ui.shell import look as shell_look
from ui.shell.application import Shell
from ui.shell.look import SCHEME_ENV, apply_look, style_sheet, system_scheme, ui_font_family
from ui.shell.main_window import PAGE_ICONS
from ui.today.widgets import ReminderLine, ReminderList

from .conftest import open_active

# A new style, palette or font re-polishes every widget alive, and by this file a whole suite has
# left thousands: minutes per test. So these run in a process of their own
# (tests/ui/test_look_process.py starts it), on a clean application.
OWN_PROCESS = "BRANCHDESK_LOOK_TESTS"
pytestmark = pytest.mark.skipif(os.environ.get(OWN_PROCESS) != "1", reason="runs in its own process")


@pytest.fixture
def look(qapp: QApplication) -> Iterator[QApplication]:
    """The app's look as `branchdesk` applies it; back to the light one after the test."""
    apply_look(qapp, "light")
    yield qapp
    apply_look(qapp, "light")


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    created = TaskRunner()
    yield created
    created.wait_for_idle()


def every_styled_widget(qtbot: QtBot) -> QDialog:
    """One of each kind of widget the style sheet has rules for, shown (rules are parsed on polish)."""
    dialog = QDialog()
    qtbot.addWidget(dialog)
    layout = QVBoxLayout(dialog)
    nav = QListWidget(dialog)
    nav.setObjectName("navigation")
    nav.addItems(["今日", "客户"])
    heading = QLabel("今日", dialog)
    heading.setObjectName("pageHeading")
    for tone in STATES:
        label = QLabel(tone, dialog)
        set_tone(label, tone)
        layout.addWidget(label)
    default = QPushButton("保存", dialog)
    default.setDefault(True)
    combo = QComboBox(dialog)
    combo.addItems(["居民身份证", "军官证"])
    table = QTableWidget(2, 2, dialog)
    table.setHorizontalHeaderLabels(["客户", "网点"])
    tabs = QTabWidget(dialog)
    tabs.addTab(QLabel("一"), "客户")
    tabs.addTab(QLabel("二"), "网点")
    widgets = [nav, heading, default, QLineEdit(dialog), combo, QSpinBox(dialog), QDateEdit(dialog), table, tabs]
    widgets += [QGroupBox("准备", dialog), QProgressBar(dialog)]
    for widget in widgets:
        layout.addWidget(widget)
    dialog.show()
    qtbot.waitExposed(dialog)
    QApplication.processEvents()
    return dialog


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_style_sheet_parses_in_both_schemes(
    qtbot: QtBot, look: QApplication, qtlog: _QtMessageCapture, scheme: str
) -> None:
    assert apply_look(look, "dark" if scheme == "dark" else "light") == scheme
    assert "$" not in look.styleSheet()  # every palette name filled in
    every_styled_widget(qtbot)
    parse_problems = [r.message for r in qtlog.records if "stylesheet" in r.message.lower()]
    assert parse_problems == []


def test_dark_scheme_applies_the_dark_sheet_and_palette(qtbot: QtBot, look: QApplication) -> None:
    apply_look(look, "dark")
    assert current_scheme() == "dark"
    assert look.styleSheet() == style_sheet("dark")
    assert f"background: {DARK.window}" in look.styleSheet() and LIGHT.window not in look.styleSheet()
    assert look.palette().color(QPalette.ColorRole.Window).name() == DARK.window
    assert look.palette().color(QPalette.ColorRole.Text).name() == DARK.text
    assert state_colour("overdue").name() == DARK.overdue

    apply_look(look, "light")
    assert look.palette().color(QPalette.ColorRole.Window).name() == LIGHT.window
    assert state_colour("overdue").name() == LIGHT.overdue


def test_the_scheme_can_be_forced(monkeypatch: pytest.MonkeyPatch, look: QApplication) -> None:
    monkeypatch.setenv(SCHEME_ENV, "dark")
    assert system_scheme() == "dark"
    assert apply_look(look) == "dark" and look.palette().color(QPalette.ColorRole.Base).name() == DARK.surface
    monkeypatch.setenv(SCHEME_ENV, "light")
    assert system_scheme() == "light"


def test_the_ui_font_is_a_cjk_family(look: QApplication) -> None:
    family = ui_font_family()
    assert family is not None, "no CJK UI font installed (fonts-noto-cjk or fonts-wqy-microhei)"
    assert look.font().family() == family and look.font().pointSizeF() == 10.0


def test_with_no_cjk_font_installed_the_packages_own_is_used(
    look: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A laptop without a Chinese UI font: the font the package carries for the PDFs shows Chinese."""
    monkeypatch.setattr(shell_look, "UI_FONTS", ("No Such Family",))
    family = shell_look.ui_font_family()
    assert family == "WenQuanYi Micro Hei"
    assert QFontMetrics(QFont(family)).inFontUcs4(ord("网"))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_an_overdue_reminder_has_the_palettes_overdue_colour(qtbot: QtBot, look: QApplication, scheme: str) -> None:
    apply_look(look, "dark" if scheme == "dark" else "light")
    reminders = ReminderList()
    qtbot.addWidget(reminders)
    overdue = reminders.reminder_item(ReminderLine("follow_up", "张三", "2025-03-01", "回访", overdue=True))
    due = reminders.reminder_item(ReminderLine("follow_up", "李四", "2025-03-09", "回访", overdue=False))
    expected = (DARK if scheme == "dark" else LIGHT).overdue
    assert all(overdue.foreground(column).color().name() == expected for column in range(4))
    assert due.foreground(0).color().name() != expected


def proposal_row(status: str, hq_status: str | None = None, open_problems: int = 0) -> ProposalRow:
    return ProposalRow(
        id=ProposalId(f"p-{status}-{hq_status}"), version=1, status=status, application_date=date(2025, 3, 3),
        product_name="鑫享年金", policyholder_name="张三", insured_name="张三", premium_cents=1_000_000,
        hq_status=hq_status, hq_policy_number=None, open_problems=open_problems, has_newer_version=False,
        created_at=datetime(2025, 3, 3, tzinfo=UTC),
    )  # fmt: skip


def test_proposal_states_have_the_palettes_colours(look: QApplication, runner: TaskRunner) -> None:
    model = ProposalTableModel(runner)
    rows = (
        proposal_row("draft"),
        proposal_row("finished", "received"),
        proposal_row("finished", "accepted"),
        proposal_row("finished", "problem", 1),
    )
    model._loaded(model._generation, ProposalPage(rows=rows, next=None))
    status, hq = model.COLUMNS.index("status"), model.COLUMNS.index("hq")

    def colour(row: int, column: int) -> str:
        return str(model.data(model.index(row, column), Qt.ItemDataRole.ForegroundRole).name())

    assert colour(0, status) == LIGHT.draft
    assert colour(1, status) == LIGHT.sent
    assert colour(2, hq) == LIGHT.done
    assert colour(3, 0) == LIGHT.rejected  # a head-office problem case: the whole line


def test_the_navigation_has_an_icon_per_page_that_renders(
    qtbot: QtBot, look: QApplication, shell: Shell, data_dir: Path
) -> None:
    window = open_active(qtbot, shell, data_dir)
    assert window.nav.count() == len(PAGE_ICONS) == 7
    for index in range(window.nav.count()):
        icon = window.nav.item(index).icon()
        assert not icon.isNull()
        image = icon.pixmap(18, 18).toImage()
        assert any(image.pixelColor(x, y).alpha() > 0 for x in range(18) for y in range(18)), index


def test_the_window_opens_maximised_without_a_saved_geometry(
    qtbot: QtBot, ui_settings: QSettings, shell: Shell, data_dir: Path
) -> None:
    window = open_active(qtbot, shell, data_dir)
    assert window.isMaximized()  # the offscreen test screen is narrower than 1440 px


SCREEN_PROBE = """
import json, sys
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from ui.common.task_runner import TaskRunner
from ui.shell.main_window import MainWindow
runner = TaskRunner()
window = MainWindow(runner, QSettings(sys.argv[1], QSettings.Format.IniFormat))
window.show()
app.processEvents()
print(json.dumps({"maximised": window.isMaximized(), "width": window.width(),
                  "screen": window.screen().availableGeometry().width()}))
runner.wait_for_idle()
"""


@pytest.mark.parametrize(("width", "height", "maximised"), [(1366, 768, True), (1920, 1080, False)])
def test_screen_width_decides_maximised(tmp_path: Path, width: int, height: int, maximised: bool) -> None:
    """On a real-size screen (the offscreen platform told its size): 1366×768 opens maximised,
    a 1920 px screen gets a 1280 px window."""
    config = tmp_path / "screen.json"
    screen = {"name": "s", "x": 0, "y": 0, "width": width, "height": height, "logicalDpi": 96, "dpr": 1}
    config.write_text(json.dumps({"screens": [screen]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    done = subprocess.run(
        [sys.executable, "-c", SCREEN_PROBE, str(tmp_path / "ui.ini")],
        env=env, capture_output=True, text=True, timeout=60, cwd=Path(__file__).parents[2],
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout.strip().splitlines()[-1])
    assert shown["screen"] == width
    assert shown["maximised"] is maximised
    if maximised:
        assert shown["width"] >= width - 8  # the whole screen, less a frame where there is one
    else:
        assert shown["width"] == 1280


def test_tables_fit_short_columns_and_stretch_the_long_one(qtbot: QtBot, runner: TaskRunner) -> None:
    model = ProposalTableModel(runner)
    from ui.common.columns import fit_columns
    from ui.common.widgets.row_table import RowTable

    table = RowTable()
    qtbot.addWidget(table)
    table.setModel(model)
    fit_columns(table, stretch=model.COLUMNS.index("product"))
    header = table.horizontalHeader()
    assert header.sectionResizeMode(model.COLUMNS.index("product")) == QHeaderView.ResizeMode.Stretch
    assert header.sectionResizeMode(0) == QHeaderView.ResizeMode.ResizeToContents
