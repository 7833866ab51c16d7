"""Grouped bars for the summaries: one group per day (or week, or target), one bar per series.

Plain QPainter, as Today's week chart. Every figure is also in the tooltip and the accessible
description, so nothing is told by colour or height alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

COLOURS = (QColor("#1a73e8"), QColor("#34a853"), QColor("#f9ab00"), QColor("#a142f4"), QColor("#9aa0a6"))
AXIS = QColor("#5f6368")


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float, ...]


class BarChart(QWidget):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.categories: tuple[str, ...] = ()
        self.series: tuple[Series, ...] = ()
        self.labels: tuple[tuple[str, ...], ...] = ()  # written on the bars, per series and category
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName(title)

    def show_data(
        self,
        categories: Sequence[str],
        series: Sequence[Series],
        labels: Sequence[Sequence[str]] | None = None,
    ) -> None:
        self.categories, self.series = tuple(categories), tuple(series)
        self.labels = tuple(tuple(row) for row in labels) if labels else ()
        lines = [self.title]
        for index, category in enumerate(self.categories):
            figures = ", ".join(f"{s.name} {self._label(n, index)}" for n, s in enumerate(self.series))
            lines.append(f"{category}: {figures}")
        self.setToolTip("\n".join(lines))
        self.setAccessibleDescription("\n".join(lines))
        self.update()

    def _label(self, series: int, category: int) -> str:
        if self.labels:
            return self.labels[series][category]
        value = self.series[series].values[category]
        return f"{value:g}"

    def sizeHint(self) -> QSize:
        return QSize(420, 190)

    def minimumSizeHint(self) -> QSize:
        return QSize(240, 150)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().windowText().color()
        metrics = self.fontMetrics()
        line = metrics.height()
        painter.setPen(text)
        painter.drawText(QRectF(0, 0, self.width(), line), Qt.AlignmentFlag.AlignLeft, self.title)
        # The legend, one row under the title.
        x = 0.0
        for index, series in enumerate(self.series):
            painter.fillRect(QRectF(x, line + 4, 10, 10), COLOURS[index % len(COLOURS)])
            painter.setPen(text)
            painter.drawText(QRectF(x + 14, line, 200, line + 4), Qt.AlignmentFlag.AlignVCenter, series.name)
            x += 14 + metrics.horizontalAdvance(series.name) + 12
        top, bottom = 2 * line + 8, self.height() - line - 4
        if not self.categories or bottom <= top:
            painter.end()
            return
        scale = max((v for s in self.series for v in s.values), default=0) or 1
        slot = self.width() / len(self.categories)
        bar = slot * 0.8 / max(len(self.series), 1)
        for index, category in enumerate(self.categories):
            left = index * slot + slot * 0.1
            for number, series in enumerate(self.series):
                height = (bottom - top) * series.values[index] / scale
                painter.fillRect(
                    QRectF(left + number * bar, bottom - height, bar * 0.9, height), COLOURS[number % len(COLOURS)]
                )
            painter.setPen(text)
            name = metrics.elidedText(category, Qt.TextElideMode.ElideRight, int(slot))
            painter.drawText(QRectF(index * slot, bottom + 2, slot, line), Qt.AlignmentFlag.AlignHCenter, name)
        painter.setPen(QPen(AXIS, 1))
        painter.drawLine(0, int(bottom), self.width(), int(bottom))
        painter.end()
