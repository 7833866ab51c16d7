"""Input that cannot betray (issue 18): the wheel never edits an unfocused field; every documented
shortcut works right after a page switch; no key or Alt mnemonic means two things at once.

Wheel events are real ones (QTest.wheelEvent goes through the window system layer, as a mouse's
does), so Qt's own wheel-focus step runs before the application's filter, as on a desk.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDateEdit,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QMenu,
    QMenuBar,
    QPushButton,
    QScrollArea,
    QTabBar,
    QTabWidget,
    QTimeEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.context import AppContext
from app.profile.settings import ManagerProfile
from ui.common.wheel_guard import install_wheel_guard
from ui.proposals.editor.editor import ProposalEditor
from ui.proposals.page import ProposalsPage
from ui.shell.application import Shell
from ui.shell.main_window import MainWindow, Pages

from .conftest import open_active, page_of

README = Path(__file__).resolve().parents[2] / "README.md"


# ---- the wheel ------------------------------------------------------------------------------


def wheel_over(qtbot: QtBot, field: QWidget, scroll: QScrollArea, notch: int = 0) -> tuple[int, int]:
    """One real wheel notch over `field`'s middle, by default towards where `scroll` can still go.
    Returns the scroll bar's value before and after."""
    bar = scroll.verticalScrollBar()
    assert bar.maximum() > 0, "the form must be taller than its scroll area"
    scroll.ensureWidgetVisible(field)
    qtbot.wait(20)
    before = bar.value()
    notch = notch or (-120 if before < bar.maximum() else 120)  # negative: down, the wheel turned to you
    window = field.window()
    handle = window.windowHandle()
    assert handle is not None
    QTest.wheelEvent(handle, QPointF(field.mapTo(window, field.rect().center())), QPoint(0, notch))
    qtbot.wait(20)
    return before, bar.value()


def assert_wheel_scrolls_past(qtbot: QtBot, field: QComboBox | QAbstractSpinBox, scroll: QScrollArea) -> None:
    """Unfocused: the field keeps its value and stays unfocused, the form scrolls. Focused: it changes."""
    value = field_value(field)
    outside = field.window().focusWidget()
    assert outside is not field
    before, after = wheel_over(qtbot, field, scroll)
    assert field_value(field) == value, f"the wheel changed an unfocused {type(field).__name__}"
    assert not field.hasFocus()
    assert after != before, "the wheel over an unfocused field must scroll the form around it"

    field.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(field.hasFocus)
    for notch in (120, -120):  # one way or the other: a field at its first value does not go lower
        wheel_over(qtbot, field, scroll, notch)
        if field_value(field) != value:
            break
    assert field_value(field) != value, f"a focused {type(field).__name__} takes the wheel"


def field_value(field: QComboBox | QAbstractSpinBox) -> object:
    return field.currentIndex() if isinstance(field, QComboBox) else field.text()


@pytest.fixture
def proposal_profile(data_dir: Path) -> Path:
    ctx = AppContext.open(data_dir)
    ctx.settings.set_manager(ManagerProfile(name="王芳", code="BJ0107", phone="13911112222"))
    ctx.close()
    return data_dir


def open_new_proposal(qtbot: QtBot, shell: Shell, data_dir: Path) -> ProposalEditor:
    """Ctrl+4 then Ctrl+N, pressed wherever the focus is, as a manager would."""
    window = open_active(qtbot, shell, data_dir)
    press(qtbot, window, "Ctrl+4")
    proposals = page_of(window, Pages.PROPOSALS, ProposalsPage)
    press(qtbot, window, "Ctrl+N")
    qtbot.waitUntil(lambda: proposals.last_editor is not None and proposals.last_editor.view is not None)
    editor = proposals.last_editor
    assert editor is not None
    editor.activateWindow()
    qtbot.waitUntil(lambda: editor.policyholder.name.hasFocus())
    return editor


def test_the_wheel_scrolls_the_proposal_form_over_id_types_and_never_edits_them(
    qtbot: QtBot, shell: Shell, proposal_profile: Path
) -> None:
    editor = open_new_proposal(qtbot, shell, proposal_profile)
    editor.resize(1000, 560)
    if editor.beneficiaries.legal_heirs.isChecked():
        editor.beneficiaries.legal_heirs.click()
    row = editor.beneficiaries.add_row()
    qtbot.waitUntil(row.id_type.isVisible)
    for field in (editor.insured.id_type, row.id_type, editor.policyholder.id_type, row.order):
        editor.policyholder.name.setFocus()
        qtbot.waitUntil(editor.policyholder.name.hasFocus)
        assert_wheel_scrolls_past(qtbot, field, editor.scroll_area)


def test_the_wheel_scrolls_any_form_over_date_time_and_number_fields(qtbot: QtBot) -> None:
    install_wheel_guard(QApplication.instance())  # type: ignore[arg-type]  # as the Shell does
    dialog = QDialog()
    qtbot.addWidget(dialog)
    scroll = QScrollArea(dialog)
    scroll.setWidgetResizable(True)
    form_widget = QWidget()
    form = QFormLayout(form_widget)
    day, time, amount = QDateEdit(QDate(2024, 5, 6)), QTimeEdit(), QDoubleSpinBox()
    amount.setRange(0, 1_000_000)
    for i in range(30):
        form.addRow(f"row {i}", QLabel("—"))
        if i == 10:
            form.addRow("day", day)
            form.addRow("time", time)
            form.addRow("amount", amount)
    scroll.setWidget(form_widget)
    dialog.resize(400, 300)
    scroll.resize(400, 300)
    dialog.show()
    qtbot.waitExposed(dialog)
    for field in (day, time, amount):
        scroll.setFocus()
        assert_wheel_scrolls_past(qtbot, field, scroll)
    assert day.focusPolicy() != Qt.FocusPolicy.WheelFocus  # a wheel alone never picks a field


# ---- the shortcuts: one meaning per key, wherever the focus is ------------------------------


@dataclass(frozen=True)
class Binding:
    key: str
    what: str
    owners: tuple[QWidget, ...]  # an action added to several widgets is one shortcut, live where any is
    context: Qt.ShortcutContext


def press(qtbot: QtBot, window: QWidget, keys: str) -> None:
    """Presses `keys` where the keyboard focus is (the window if nothing in it has focus)."""
    combination = QKeySequence(keys)[0]  # type: ignore[index]
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, combination.key(), combination.keyboardModifiers())


def _owners(action: QAction) -> list[QWidget]:
    """The widgets whose window an action's shortcut lives in; a menu's action lives where the menu is."""
    found: list[QWidget] = []
    for owner in action.associatedObjects():
        if isinstance(owner, QMenu):
            found += _owners(owner.menuAction())
        elif isinstance(owner, QWidget):
            found.append(owner)
    return found


def _text(key: QKeySequence) -> str:
    return key.toString(QKeySequence.SequenceFormat.PortableText)


def bindings(window: QWidget) -> list[Binding]:
    """Every key and Alt mnemonic registered in `window`: actions, shortcuts, buttons, buddied
    labels, group boxes, tabs and the menu bar. Hidden or disabled owners are filtered later."""
    found: list[Binding] = []
    actions: set[QAction] = set(window.findChildren(QAction))
    for widget in [window, *window.findChildren(QWidget)]:
        actions.update(widget.actions())
    for action in actions:
        if not (action.isEnabled() and action.isVisible()):
            continue
        label = action.text().replace("&", "") or action.objectName() or "an action"
        owners = tuple(_owners(action))
        found += [Binding(_text(k), label, owners, action.shortcutContext()) for k in action.shortcuts()]
    for shortcut in window.findChildren(QShortcut):
        owner = shortcut.parent()
        if shortcut.isEnabled() and isinstance(owner, QWidget):
            name = f"a shortcut of {type(owner).__name__}"
            keys = shortcut.keys()  # a QShortcut's, not a dict's
            found += [Binding(_text(k), name, (owner,), shortcut.context()) for k in keys]
    window_context = Qt.ShortcutContext.WindowShortcut
    for widget in window.findChildren(QWidget):
        texts: list[str] = []
        if isinstance(widget, QAbstractButton) or (isinstance(widget, QLabel) and widget.buddy() is not None):
            texts = [widget.text()]
        elif isinstance(widget, QGroupBox):
            texts = [widget.title()]
        elif isinstance(widget, QTabBar):
            texts = [widget.tabText(i) for i in range(widget.count()) if widget.isTabEnabled(i)]
        elif isinstance(widget, QMenuBar):
            texts = [a.text() for a in widget.actions() if a.isVisible() and a.isEnabled()]
        for text in texts:
            mnemonic = QKeySequence.mnemonic(text)
            if not mnemonic.isEmpty():
                found.append(Binding(_text(mnemonic), f"“{text}” ({type(widget).__name__})", (widget,), window_context))
    return found


def active(binding: Binding, focus: QWidget | None) -> bool:
    """Whether Qt would consider `binding` with the keyboard focus on `focus` (qshortcut.cpp's rules)."""
    return any(_active_on(owner, binding.context, focus) for owner in binding.owners)


def _active_on(owner: QWidget, context: Qt.ShortcutContext, focus: QWidget | None) -> bool:
    if not (owner.isVisible() and owner.isEnabled()):
        return False
    if context == Qt.ShortcutContext.WidgetShortcut:
        return focus is owner
    if context == Qt.ShortcutContext.WidgetWithChildrenShortcut:
        return focus is not None and (focus is owner or owner.isAncestorOf(focus))
    return True  # window and application shortcuts


def clashes(window: QWidget, where: QWidget) -> list[str]:
    """Keys that mean two things at once, for each place in `where` the focus can be."""
    every = bindings(window)
    focus_points: list[QWidget | None] = [None, where]
    focus_points += [
        w for w in where.findChildren(QWidget) if w.isVisible() and w.focusPolicy() != Qt.FocusPolicy.NoFocus
    ]
    found: set[str] = set()
    for focus in focus_points:
        by_key: dict[str, list[str]] = {}
        for binding in every:
            if active(binding, focus):
                by_key.setdefault(binding.key, []).append(binding.what)
        for key, whats in by_key.items():
            if len(whats) > 1:
                found.add(f"{key}: {' / '.join(sorted(whats))}")
    return sorted(found)


def page_states(window: MainWindow, index: int) -> Iterator[str]:
    """The page on screen, then each tab of each tab widget on it in turn."""
    window.show_page(index)
    page = window.page(index)
    yield page.heading.text()
    for tabs in page.findChildren(QTabWidget):
        if not tabs.isVisible():
            continue
        first = tabs.currentIndex()
        for tab in range(tabs.count()):
            tabs.setCurrentIndex(tab)
            yield f"{page.heading.text()} › {tabs.tabText(tab).replace('&', '')}"
        tabs.setCurrentIndex(first)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_no_key_or_mnemonic_means_two_things_on_any_page(
    qtbot: QtBot, request: pytest.FixtureRequest, language: str, data_dir: Path
) -> None:
    """In each language: the Chinese texts carry their own letters (设置(&S)…)."""
    if language == "zh_CN":
        request.getfixturevalue("chinese")
    shell = request.getfixturevalue("shell")
    window = open_active(qtbot, shell, data_dir)
    problems: list[str] = []
    for index in range(window.stack.count()):
        for state in page_states(window, index):
            page = window.page(index)
            problems += [f"{state}: {clash}" for clash in clashes(window, page)]
    assert not problems, "ambiguous keys:\n" + "\n".join(problems)


def test_the_checker_finds_a_duplicate(qtbot: QtBot) -> None:
    """The checker itself: two buttons with Alt+S and two actions with Ctrl+Q are caught."""
    window = QWidget()
    qtbot.addWidget(window)
    QFormLayout(window).addRow(QPushButton("&Save", window), QPushButton("&Send", window))
    quit_action = QAction(window)
    quit_action.setShortcuts([QKeySequence("Ctrl+Q"), QKeySequence("Ctrl+Q")])
    window.addAction(quit_action)
    window.show()
    qtbot.waitExposed(window)
    found = clashes(window, window)
    assert any(c.startswith("Alt+S:") for c in found), found
    assert any(c.startswith("Ctrl+Q:") for c in found), found


# ---- every documented shortcut, pressed right after a page switch ----------------------------

PAGE_NAMES = {page.name.capitalize(): page for page in Pages}
Check = Callable[[QtBot, MainWindow, str], None]


def documented_shortcuts() -> list[tuple[str, str]]:
    """README "Using it", the table headed | Keys | Where |: (where, key) for every key listed."""
    lines = README.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("| Keys | Where |"))
    rows: list[tuple[str, str]] = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        keys_cell, where_cell = (cell.strip() for cell in line.strip("|").split("|")[:2])
        if match := re.fullmatch(r"Ctrl\+(\d) … Ctrl\+(\d)", keys_cell):
            keys = [f"Ctrl+{n}" for n in range(int(match[1]), int(match[2]) + 1)]
        else:
            keys = [key.strip() for key in keys_cell.split(" / ")]
        rows += [(where.strip(), key) for where in where_cell.split(",") for key in keys]
    return rows


def top_levels() -> set[QWidget]:
    return {w for w in QApplication.topLevelWidgets() if w.isVisible()}


def opens(class_name: str) -> Check:
    """The key opens a window of this class (a dialog, the editor), which is then closed again."""

    def check(qtbot: QtBot, window: MainWindow, key: str) -> None:
        before = top_levels()
        press(qtbot, window, key)
        qtbot.waitUntil(lambda: any(type(w).__name__ == class_name for w in top_levels() - before), timeout=10_000)
        for opened in top_levels() - before:
            if isinstance(opened, QDialog):
                opened.reject()
            else:
                opened.close()
        qtbot.waitUntil(lambda: not (top_levels() - before))
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)

    return check


def pops_up_menu(qtbot: QtBot, window: MainWindow, key: str) -> None:
    """The key opens a menu (Print's choices, the File menu); Esc closes it."""
    seen: list[QWidget] = []
    tries = [0]

    def catch() -> None:
        popup = QApplication.activePopupWidget()
        if popup is None and tries[0] < 100:
            tries[0] += 1
            QTimer.singleShot(20, catch)
            return
        if popup is not None:
            seen.append(popup)
            popup.close()

    QTimer.singleShot(20, catch)
    press(qtbot, window, key)
    qtbot.waitUntil(lambda: bool(seen) or tries[0] >= 100)
    assert seen and isinstance(seen[0], QMenu), f"{key} opened no menu"
    window.activateWindow()  # the offscreen platform gives the activation back to no one
    qtbot.waitUntil(window.isActiveWindow)


def focuses(attribute: str) -> Check:
    def check(qtbot: QtBot, window: MainWindow, key: str) -> None:
        page = window.page(window.stack.currentIndex())
        target = page
        for name in attribute.split("."):
            target = getattr(target, name)
        press(qtbot, window, key)
        qtbot.waitUntil(target.hasFocus)

    return check


def moves(attribute: str, days: int) -> Check:
    """The key moves the page's date (`attribute`, a date or a QDateEdit) by `days`."""

    def read(window: MainWindow) -> date:
        value = getattr(window.page(window.stack.currentIndex()), attribute)
        day = value.date().toPython() if isinstance(value, QDateEdit) else value
        assert isinstance(day, date)
        return day

    def check(qtbot: QtBot, window: MainWindow, key: str) -> None:
        before = read(window)
        press(qtbot, window, key)
        qtbot.waitUntil(lambda: read(window) != before)
        assert read(window) == before + timedelta(days=days)

    return check


def switches(qtbot: QtBot, window: MainWindow, key: str) -> None:
    index = int(key[-1]) - 1
    press(qtbot, window, key)
    assert window.stack.currentIndex() == index
    focus = QApplication.focusWidget()
    assert focus is not None and window.page(index).isAncestorOf(focus), f"{key}: the focus stayed outside the page"


def asks_for_sync(qtbot: QtBot, window: MainWindow, key: str) -> None:
    from ui.sync.page import SyncPage

    page = page_of(window, Pages.SYNC, SyncPage)
    with qtbot.waitSignal(page.sync_did_request, timeout=2000):
        press(qtbot, window, key)


def locks(qtbot: QtBot, window: MainWindow, key: str) -> None:
    press(qtbot, window, key)
    qtbot.waitUntil(lambda: window.idle_lock.locked)


def quits(qtbot: QtBot, window: MainWindow, key: str) -> None:
    press(qtbot, window, key)
    qtbot.waitUntil(lambda: not window.isVisible())


EFFECTS: dict[tuple[str, str], Check] = {
    **{("anywhere", f"Ctrl+{n}"): switches for n in range(1, 8)},
    ("anywhere", "Ctrl+,"): opens("SettingsDialog"),
    ("anywhere", "Alt+F"): pops_up_menu,
    ("anywhere", "Ctrl+Shift+L"): locks,
    ("anywhere", "Ctrl+Q"): quits,
    ("Today", "Ctrl+L"): opens("LogEntryDialog"),
    ("Today", "Alt+Left"): moves("day", -1),
    ("Today", "Alt+Right"): moves("day", 1),
    ("Today", "Ctrl+P"): pops_up_menu,
    ("Planner", "Ctrl+N"): opens("VisitDialog"),
    ("Planner", "PgUp"): moves("day", -7),  # the planner opens on its week view
    ("Planner", "PgDown"): moves("day", 7),
    ("Planner", "Ctrl+P"): pops_up_menu,
    ("Clients", "Ctrl+F"): focuses("list.search"),
    ("Clients", "Ctrl+N"): opens("ClientCardDialog"),
    ("Proposals", "Ctrl+F"): focuses("search"),
    ("Proposals", "Ctrl+N"): opens("ProposalEditor"),
    ("Proposals", "Ctrl+P"): pops_up_menu,
    ("Receipts", "Ctrl+N"): opens("ProposalPicker"),
    ("Receipts", "Ctrl+P"): pops_up_menu,
    ("Sync", "F5"): asks_for_sync,
    ("Summaries", "Alt+V"): moves("date", -7),  # the Week tab first
    ("Summaries", "Alt+N"): moves("date", 7),
}
# These end the session; each is pressed last, in its own window.
LAST = ("Ctrl+Shift+L", "Ctrl+Q")


def test_the_readme_lists_exactly_the_shortcuts_tested() -> None:
    assert sorted(documented_shortcuts()) == sorted(EFFECTS)


@pytest.mark.parametrize("where", ["anywhere", *PAGE_NAMES, *LAST])
def test_each_documented_shortcut_works_right_after_a_page_switch(
    qtbot: QtBot, shell: Shell, proposal_profile: Path, where: str
) -> None:
    if where in LAST:
        rows = [("anywhere", where)]
    else:
        rows = [(w, key) for w, key in documented_shortcuts() if w == where and key not in LAST]
    assert rows, f"nothing documented for {where}"
    window = open_active(qtbot, shell, proposal_profile)
    for place, key in rows:
        index = PAGE_NAMES.get(place, Pages.CLIENTS)
        # From another page, with the keys a manager would press: the state right after a switch.
        switches(qtbot, window, f"Ctrl+{(index + 1) % window.stack.count() + 1}")
        switches(qtbot, window, f"Ctrl+{index + 1}")
        EFFECTS[(place, key)](qtbot, window, key)
