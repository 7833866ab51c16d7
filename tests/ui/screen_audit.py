"""The screen audit's checks: what a visible screen may not show (tests/ui/test_screen_audit.py).

Each check walks the widgets a user sees on one top-level window and returns findings as plain
sentences ("QLabel 'xyz': cut (text 210 px in 180 px)"), so a failure names the widget and why.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from PySide6.QtCore import QAbstractListModel, QModelIndex, QRect, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QCheckBox,
    QComboBox,
    QDialog,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenuBar,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTabBar,
    QTextEdit,
    QToolButton,
    QTreeView,
    QWidget,
)

SCREEN = QRect(0, 0, 1366, 768)


# What may legitimately be written in Latin letters on a Chinese screen. Keep it short: each
# entry is something a Chinese form or keyboard itself writes in Latin letters.
def _latin(pattern: str) -> re.Pattern[str]:
    """`pattern` as a whole Latin token: next to a Chinese character counts as a boundary."""
    return re.compile(rf"(?<![A-Za-z0-9_]){pattern}(?![A-Za-z0-9_])")


ALLOWED_LATIN = (
    _latin(r"[A-Z]{2,}-[A-Z0-9]{2,}(?:-[A-Z0-9]+)*"),  # product codes (GS-XXNJ), as printed on policies
    _latin(r"[A-Z]{1,4}\d[A-Za-z0-9-]*"),  # policy, receipt and list numbers (P2026…, HO-…)
    re.compile(r"https?://\S*|\S+@\S+\.\w+"),  # a server address or an e-mail address typed by the user
    _latin(r"(?:PDF|PIN|SMS|VIP|CRS|APP|FAB)"),  # used as such in Chinese banking forms and manuals
    _latin(r"SHA-256|[0-9a-f]{16,}"),  # a document's hash, on its details line
    re.compile(r"(?<=拼音)[（，：、\s例如]*[a-z][a-z /]*"),  # the pinyin a search box takes, as its example
    _latin(r"(?:Ctrl|Shift|Alt|Esc|Enter|Tab|Delete|Del|PgUp|PgDn|Page Up|Page Down|F\d{1,2})"),  # keycaps
    _latin(r"BranchDesk"),  # the product's name
    _latin(r"English"),  # a language's own name, in the language list
)
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
INTERNAL_CODE = re.compile(
    r"(?<![A-Za-z0-9_.])[a-z][a-z0-9]*(?:_[a-z0-9]+)+|[A-Za-z]\w*(?:\.[a-z]\w*)+(?![A-Za-z0-9_])"
)
RICH_TEXT = re.compile(r"<(?:[a-zA-Z]+|/[a-zA-Z]+)[^>]*>")
CELL_ROWS = 40  # the rows of a list a 768-pixel screen can show


def plain(text: str) -> str:
    """What a label shows: rich text without its tags, a button's text without its & marker."""
    if RICH_TEXT.search(text):
        document = QTextDocument()
        document.setHtml(text)
        text = document.toPlainText()
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def foreign_words(text: str) -> list[str]:
    """English words and internal codes in `text`, once the allowed Latin is taken out."""
    for allowed in ALLOWED_LATIN:
        text = allowed.sub(" ", text)
    found = INTERNAL_CODE.findall(text)
    return found + LATIN_WORD.findall(INTERNAL_CODE.sub(" ", text))


def shown(root: QWidget) -> Iterator[QWidget]:
    """The widgets of `root` a user can see now (`root` included)."""
    yield root
    for widget in root.findChildren(QWidget):
        if widget.isVisibleTo(root) and widget.isWindow() is False and widget.width() > 0:
            yield widget


def _name(widget: QWidget, text: str = "") -> str:
    label = text or widget.objectName()
    return f"{type(widget).__name__} {label[:60]!r}"


def visible_texts(root: QWidget) -> Iterator[tuple[QWidget, str]]:
    """Every string shown on `root`: labels, buttons, titles, tabs, headers, cells, placeholders…"""
    yield root, root.windowTitle()
    for widget in shown(root):
        if isinstance(widget, QLabel | QAbstractButton):
            yield widget, plain(widget.text())
        elif isinstance(widget, QGroupBox):
            yield widget, plain(widget.title())
        elif isinstance(widget, QTabBar):
            for i in range(widget.count()):
                yield widget, plain(widget.tabText(i))
        elif isinstance(widget, QComboBox):
            for i in range(widget.count()):
                yield widget, widget.itemText(i)
            if widget.isEditable() and (line := widget.lineEdit()) is not None:
                yield widget, line.placeholderText()
        elif isinstance(widget, QLineEdit):
            yield widget, widget.placeholderText()
            if widget.isReadOnly():
                yield widget, widget.text()
        elif isinstance(widget, QPlainTextEdit | QTextEdit):
            yield widget, widget.placeholderText()
        elif isinstance(widget, QMenuBar):
            for action in widget.actions():
                yield widget, plain(action.text())
        elif isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView):
            yield from _view_texts(widget)


def _view_texts(view: QAbstractItemView) -> Iterator[tuple[QWidget, str]]:
    model = view.model()
    if model is None:
        return
    header = getattr(view, "horizontalHeader", None) or getattr(view, "header", None)
    head = header() if callable(header) else None
    columns = [
        c
        for c in range(1 if isinstance(model, QAbstractListModel) else model.columnCount(QModelIndex()))
        if not (isinstance(head, QHeaderView) and head.isSectionHidden(c))
    ]
    if isinstance(head, QHeaderView) and head.isVisible():
        for column in columns:
            yield view, str(model.headerData(column, Qt.Orientation.Horizontal) or "")
    rows = 0

    def walk(parent: QModelIndex) -> Iterator[tuple[QWidget, str]]:
        nonlocal rows
        for row in range(model.rowCount(parent)):
            if rows >= CELL_ROWS:
                return
            rows += 1
            for column in columns:
                index = model.index(row, column, parent)
                yield view, str(index.data(Qt.ItemDataRole.DisplayRole) or "")
            first = model.index(row, 0, parent)
            if isinstance(view, QTreeView) and view.isExpanded(first):
                yield from walk(first)

    yield from walk(QModelIndex())


def chinese_findings(root: QWidget) -> list[str]:
    findings = []
    for widget, text in visible_texts(root):
        if words := foreign_words(text):
            findings.append(f"{_name(widget)} shows {text[:80]!r}: {', '.join(dict.fromkeys(words))}")
    return sorted(set(findings))


def cut_findings(root: QWidget) -> list[str]:
    """Labels and buttons narrower (or, wrapped, lower) than their text."""
    findings = []
    for widget in shown(root):
        if isinstance(widget, QLabel) and widget.text() and widget.pixmap().isNull():
            text = plain(widget.text())
            room = widget.contentsRect()
            margin = 2 * (widget.margin() + max(widget.indent(), 0))
            if widget.wordWrap():
                needed = widget.heightForWidth(widget.width())
                if needed > widget.height() + 1:
                    findings.append(f"{_name(widget, text)}: cut (needs {needed} px high, has {widget.height()})")
            else:
                needed = max(widget.fontMetrics().horizontalAdvance(line) for line in text.split("\n"))
                if needed > room.width() - margin + 1:
                    findings.append(f"{_name(widget, text)}: cut (text {needed} px in {room.width()} px)")
        elif isinstance(widget, QPushButton | QToolButton | QCheckBox | QRadioButton) and widget.text():
            text = plain(widget.text())
            if isinstance(widget, QPushButton):
                needed = widget.fontMetrics().horizontalAdvance(text) + 8
                if not widget.icon().isNull():
                    needed += widget.iconSize().width()
            else:
                needed = widget.sizeHint().width()
            if needed > widget.width() + 1:
                findings.append(f"{_name(widget, text)}: cut (needs {needed} px, has {widget.width()})")
    return findings


def _in_scroll_content(widget: QWidget, root: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def placement_findings(root: QWidget) -> list[str]:
    """The window off the screen or larger than it; a widget hanging out of its window."""
    findings = []
    frame = root.frameGeometry()
    if frame.width() > SCREEN.width() or frame.height() > SCREEN.height():
        findings.append(
            f"{_name(root, root.windowTitle())}: {frame.width()}×{frame.height()} is larger than the screen"
        )
    elif not SCREEN.contains(frame):
        findings.append(f"{_name(root, root.windowTitle())}: at {frame.x()},{frame.y()} reaches off the screen")
    if isinstance(root, QDialog):
        hint = root.minimumSizeHint()
        if hint.width() > SCREEN.width() or hint.height() > SCREEN.height():
            findings.append(f"{_name(root, root.windowTitle())}: needs {hint.width()}×{hint.height()}")
    inside = root.rect()
    for widget in shown(root):
        if widget is root or _in_scroll_content(widget, root):
            continue
        top_left = widget.mapTo(root, widget.rect().topLeft())
        rect = QRect(top_left, widget.size())
        if not inside.contains(rect):
            findings.append(
                f"{_name(widget)} at {rect.x()},{rect.y()} {rect.width()}×{rect.height()} leaves the window"
            )
    return findings
