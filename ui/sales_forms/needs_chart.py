"""Need, cover and gap of each needs-interview calculator as bars (the 需求面谈表's sums at a glance).

Plain QPainter like Today's week chart (ui/today/week_chart.py). Each calculator is a group of
three bars on one scale per group; the amount is written on every bar (万元), and the tooltip and
accessible description give every figure in full, so nothing is told by colour or length alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.rules.money import yuan_text

if TYPE_CHECKING:
    from app.sales_forms.needs import NeedsFigures

COLOURS = (QColor("#1a73e8"), QColor("#1e8e3e"), QColor("#c5221f"))  # need, cover, gap
TEXT = QColor("#202124")
MUTED = QColor("#5f6368")
ROW = 18
GROUP_GAP = 10


def wan(cents: int) -> str:
    """Fen as 万元 (ten thousand yuan) with one decimal: 3,300,000.00 元 → “330.0”."""
    return f"{cents / 1_000_000:,.1f}"


class NeedsChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("needsChart")
        self.groups: list[tuple[str, tuple[int, int, int]]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(self.tr("Need, cover and gap"))
        self.setMinimumHeight(self.sizeHint().height())

    def bar_names(self) -> tuple[str, str, str]:
        return (self.tr("Need"), self.tr("Cover"), self.tr("Gap"))

    def show_figures(self, figures: NeedsFigures) -> None:
        groups: list[tuple[str, tuple[int, int, int]]] = []
        if figures.protection is not None:
            p = figures.protection
            groups.append((self.tr("Protection"), (p.need_cents, p.cover_cents, p.gap_cents)))
        if figures.education is not None:
            e = figures.education
            groups.append((self.tr("Education"), (e.need_today_cents, e.cover_cents, e.gap_cents)))
        if figures.pension is not None:
            s = figures.pension
            groups.append((self.tr("Pension"), (s.lump_sum_cents, s.cover_cents, s.gap_cents)))
        self.groups = groups
        self.setToolTip(self.details())
        self.setAccessibleDescription(self.details())
        self.setMinimumHeight(self.sizeHint().height())
        self.updateGeometry()
        self.update()

    def details(self) -> str:
        """Every amount the chart draws, one calculator a line, in yuan."""
        if not self.groups:
            return self.tr("No figures yet: fill in the inputs of a calculator.")
        names = self.bar_names()
        lines = []
        for title, values in self.groups:
            parts = ", ".join(
                self.tr("%1 %2 yuan").replace("%1", name).replace("%2", yuan_text(value))
                for name, value in zip(names, values, strict=True)
            )
            lines.append(f"{title}: {parts}")
        return "\n".join(lines)

    def sizeHint(self) -> QSize:
        groups = max(1, len(self.groups))
        return QSize(360, groups * (4 * ROW + GROUP_GAP) + 8)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetrics(self.font())
        names = self.bar_names()
        label_width = max(metrics.horizontalAdvance(n) for n in names) + 12
        if not self.groups:
            painter.setPen(MUTED)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.details())
            return
        y = 4.0
        width = self.width() - label_width - 8
        for title, values in self.groups:
            painter.setPen(TEXT)
            painter.drawText(QRectF(4, y, self.width() - 8, ROW), Qt.AlignmentFlag.AlignVCenter, title)
            y += ROW
            top = max(max(values), 1)
            for name, value, colour in zip(names, values, COLOURS, strict=True):
                painter.setPen(MUTED)
                painter.drawText(QRectF(12, y, label_width, ROW - 2), Qt.AlignmentFlag.AlignVCenter, name)
                text = self.tr("%1 ×10k").replace("%1", wan(value))
                text_width = metrics.horizontalAdvance(text) + 8
                length = (width - text_width) * value / top
                painter.fillRect(QRectF(label_width + 4, y + 3, length, ROW - 8), colour)
                painter.setPen(TEXT)
                painter.drawText(
                    QRectF(label_width + 8 + length, y, text_width, ROW - 2), Qt.AlignmentFlag.AlignVCenter, text
                )
                y += ROW
            y += GROUP_GAP
        painter.end()
