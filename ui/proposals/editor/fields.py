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

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from app.rules.money import cents_from_text
from app.rules.problem import Problem
from app.rules.proposal import field_label

PROBLEM_STYLE = "color: #c5221f;"
WARNING_STYLE = "color: #a35200;"


def problem_label(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet(PROBLEM_STYLE)
    label.hide()
    return label


class ProblemBoard:
    """Where each field's problems are shown, and which widget takes the focus for it."""

    def __init__(self) -> None:
        self.labels: dict[str, QLabel] = {}
        self.focus: dict[str, QWidget] = {}

    def register(self, path: str, label: QLabel, focus: QWidget) -> None:
        self.labels[path] = label
        self.focus[path] = focus

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
        texts: dict[QLabel, list[tuple[str, bool]]] = {}
        for problem, is_warning in [(p, False) for p in problems] + [(w, True) for w in warnings]:
            label = self.label_for(problem.field, fallbacks)
            if label is not None:
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
        return cents_from_text(text), None
    except ValueError:
        return None, _unreadable(path, "enter an amount in yuan, e.g. 100000.00.",
                                 "请填写以元为单位的金额，例如 100000.00。")  # fmt: skip


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
