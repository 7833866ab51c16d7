"""An amount field: typed as a manager writes it (20万, 1.5亿, 200,000, ¥3,000, full-width
digits), read by the one parser (`app.rules.money.cents_from_amount`), shown grouped once left."""

from __future__ import annotations

import contextlib

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWidget

from app.rules.money import cents_from_amount, yuan_text

# Wide enough for a large branch's deposits (tens of billions of yuan) without scrolling.
WIDEST = "99,999,999,999.00"


class AmountEdit(QLineEdit):
    """An amount in yuan handed out in cents; empty when not known. What cannot be read stays as
    typed (`cents` raises ValueError), for the form around it to report."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setPlaceholderText(self.tr("e.g. 20万 or 200,000"))
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance(WIDEST) + 16)
        self.editingFinished.connect(self.regroup)

    def cents(self) -> int | None:
        return cents_from_amount(self.text())

    def cents_or_none(self) -> int | None:
        """The amount, or None when empty or not readable."""
        try:
            return self.cents()
        except ValueError:
            return None

    def set_cents(self, cents: int | None) -> None:
        self.setText(yuan_text(cents))

    def regroup(self) -> None:
        """`20万` becomes `200,000.00` once the field is left; unreadable text stays as typed."""
        with contextlib.suppress(ValueError):
            cents = self.cents()
            if cents is not None and self.text() != yuan_text(cents):
                self.set_cents(cents)
