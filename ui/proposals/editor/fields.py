"""Building blocks of the editor: field rows with a problem line, and parsing what was typed.

Every field is known by its path in the proposal's JSON (`policyholder.birth_date`,
`beneficiaries[1].share_basis_points`), the same path the core's rules name, so a problem
lands under its own field without a mapping table to keep in step.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFocusEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from app.rules.money import cents_from_amount
from app.rules.problem import Problem
from app.rules.proposal import field_label

PROBLEM_STYLE = "color: #c5221f;"
WARNING_STYLE = "color: #a35200;"


class ProblemLine(QLabel):
    """A field's problem on one line whose height is kept while it is hidden, so a problem
    appearing never pushes the next field away from the pointer. Too long a text is drawn
    elided; `text()` and the tooltip keep all of it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        policy.setRetainSizeWhenHidden(True)
        self.setSizePolicy(policy)
        self.setFixedHeight(self.fontMetrics().lineSpacing() + 2)

    def setText(self, text: str) -> None:
        flat = text.replace("\n", "；")
        super().setText(flat)
        self.setToolTip(flat)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        shown = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, self.width())
        painter.drawText(self.rect(), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), shown)


def problem_label(parent: QWidget, name: str) -> QLabel:
    label = ProblemLine(parent)
    label.setObjectName(name)
    label.setStyleSheet(PROBLEM_STYLE)
    label.hide()
    return label


# Focus leaving for these reasons is not the manager leaving the field (a drop-down opening, another window).
NOT_LEAVING = (Qt.FocusReason.PopupFocusReason, Qt.FocusReason.ActiveWindowFocusReason)


class ProblemBoard(QObject):
    """Where each field's problems are shown, and which widget takes the focus for it.

    A field's problems show once the manager has left it (focus out), or all at once after
    `reveal_all` (Finish): nothing is red on a form not yet typed in."""

    field_did_leave = Signal(str)  # the path of the field just left

    def __init__(self) -> None:
        super().__init__()
        self.labels: dict[str, QLabel] = {}
        self.focus: dict[str, QWidget] = {}
        self.aliases: dict[QObject, QWidget] = {}  # a widget whose leaving is leaving another's field
        self.left: set[str] = set()
        self.all_revealed = False
        self._shown: tuple[list[Problem], list[Problem], str, dict[str, str]] = ([], [], "en", {})

    def register(self, path: str, label: QLabel, focus: QWidget) -> None:
        self.labels[path] = label
        self.refocus(path, focus)

    def refocus(self, path: str, focus: QWidget) -> None:
        """`focus` takes the focus for `path`, and leaving it opens the field's problems."""
        self.focus[path] = focus
        focus.installEventFilter(self)

    def alias(self, widget: QWidget, stands_for: QWidget) -> None:
        """Leaving `widget` (the 否 beside a 是) is leaving the field `stands_for` takes the focus for."""
        self.aliases[widget] = stands_for
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (isinstance(event, QFocusEvent) and event.type() == QEvent.Type.FocusOut
                and event.reason() not in NOT_LEAVING):  # fmt: skip
            target = self.aliases.get(watched, watched)
            paths = [path for path, widget in self.focus.items() if widget is target]
            self.left.update(paths)
            for path in paths:
                self.field_did_leave.emit(path)
        return False

    def reveal_all(self) -> None:
        self.all_revealed = True
        self.render()

    def is_open(self, label: QLabel) -> bool:
        return self.all_revealed or any(self.labels.get(path) is label for path in self.left)

    def revealed(self, problems: Iterable[Problem], fallbacks: dict[str, str]) -> list[Problem]:
        """The problems the manager should see now: beside a field already left, or all after Finish."""
        if self.all_revealed:
            return list(problems)
        shown = []
        for problem in problems:
            label = self.label_for(problem.field, fallbacks)
            if label is not None and self.is_open(label):
                shown.append(problem)
        return shown

    def add_row(self, form: QFormLayout, path: str, text: str, widget: QWidget) -> QLabel:
        """A form row: the field with its problem line right under it."""
        holder = QWidget(form.parentWidget())
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(widget)
        label = problem_label(holder, f"problem_{path}")
        layout.addWidget(label)
        form.addRow(text, holder)
        self.register(path, label, widget)
        return label

    def forget(self, prefix: str) -> None:
        for path in [p for p in self.labels if p.startswith(prefix)]:
            del self.labels[path]
            del self.focus[path]

    def label_for(self, path: str, fallbacks: dict[str, str]) -> QLabel | None:
        """The label for `path`, or for the field standing in for it while its own is hidden
        (the insured's fields, when the insured is the policyholder)."""
        for candidate in (path, fallbacks.get(path)):
            label = self.labels.get(candidate or "")
            holder = label.parentWidget() if label is not None else None
            if label is not None and holder is not None and holder.isVisibleTo(label.window()):
                return label
        return None

    def show(self, problems: Iterable[Problem], warnings: Iterable[Problem], language: str,
             fallbacks: dict[str, str]) -> None:  # fmt: skip
        self._shown = (list(problems), list(warnings), language, fallbacks)
        self.render()

    def render(self) -> None:
        problems, warnings, language, fallbacks = self._shown
        texts: dict[QLabel, list[tuple[str, bool]]] = {}
        for problem, is_warning in [(p, False) for p in problems] + [(w, True) for w in warnings]:
            label = self.label_for(problem.field, fallbacks)
            if label is not None and self.is_open(label):
                texts.setdefault(label, []).append((problem.message(language), is_warning))
        for label in set(self.labels.values()):
            lines = texts.get(label, [])
            label.setText("\n".join(text for text, _ in lines))
            only_warnings = bool(lines) and all(w for _, w in lines)
            label.setStyleSheet(WARNING_STYLE if only_warnings else PROBLEM_STYLE)
            label.setVisible(bool(lines))


# --- parsing what was typed: a value, or a problem naming the field -------------------------


def _unreadable(path: str, en: str, zh: str) -> Problem:
    label_en, label_zh = field_label(path)
    return Problem(path, "U001_unreadable", f"{label_en}: {en}", f"{label_zh}：{zh}")


def parse_date(text: str, path: str) -> tuple[date | None, Problem | None]:
    text = text.strip()
    if not text:
        return None, None
    try:
        return date.fromisoformat(text), None
    except ValueError:
        return None, _unreadable(path, "write the date as YYYY-MM-DD, e.g. 1985-06-15.",
                                 "日期格式应为 年-月-日，例如 1985-06-15。")  # fmt: skip


def parse_yuan(text: str, path: str) -> tuple[int | None, Problem | None]:
    try:
        return cents_from_amount(text), None
    except ValueError:
        return None, _unreadable(path, "enter an amount in yuan, e.g. 200,000 or 20万.",
                                 "请填写以元为单位的金额，例如 200,000 或 20万。")  # fmt: skip


def parse_percent(text: str, path: str) -> tuple[int, Problem | None]:
    """A share typed in percent (`60`, `33.33`) as basis points; 0 with a problem when unreadable."""
    text = text.strip().rstrip("%").strip()
    if not text:
        return 0, None
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite() or value != value.quantize(Decimal("0.01")):
        return 0, _unreadable(path, "enter a percentage with at most two decimals, e.g. 33.33.",
                              "请填写最多两位小数的百分比，例如 33.33。")  # fmt: skip
    return int(value * 100), None


def percent_text(basis_points: int) -> str:
    whole, rest = divmod(basis_points, 100)
    return f"{whole}" if rest == 0 else f"{whole}.{rest:02d}".rstrip("0")


# --- combo boxes over stored codes -------------------------------------------------------


def combo(parent: QWidget, items: list[tuple[Any, str]]) -> QComboBox:
    box = QComboBox(parent)
    for value, text in items:
        box.addItem(text, value)
    return box


def select(box: QComboBox, value: Any) -> None:
    box.setCurrentIndex(max(0, box.findData(value)))
