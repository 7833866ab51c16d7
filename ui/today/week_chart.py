"""This week at a glance, beside Today's bars: per measure, what each day added and the week so far
against the targets of its working days (app/day/week.py).

Plain QPainter, no chart library. The numbers are written on it (“2 / 15”) and the tooltip and the
accessible name give every day's figure, so nothing is told by colour alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

if TYPE_CHECKING:
    from app.day.week import WeekLine, WeekProgress

DAYS_IN_WEEK = 7
CELL_MIN_WIDTH = 66
CELL_WIDTH = 104
BARS_HEIGHT = 30
BAR = QColor("#1a73e8")
BAR_MET = QColor("#1e8e3e")
TARGET = QColor("#5f6368")
DAY_OFF = QColor(0, 0, 0, 18)
FUTURE = QColor("#dadce0")


class WeekChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("weekChart")
        self.week: WeekProgress | None = None
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(self.tr("This week"))

    def names(self) -> dict[str, str]:
        return {
            "visits": self.tr("Effective visits"),
            "calls": self.tr("Calls"),
            "sms": self.tr("Care SMS"),
            "prospects": self.tr("New prospects"),
        }

    def show_week(self, week: WeekProgress) -> None:
        self.week = week
        summary = "; ".join(f"{self.names()[line.measure]} {self.figure(line)}" for line in week.lines)
        self.setAccessibleName(self.tr("This week: %1").replace("%1", summary))
        self.setAccessibleDescription(self.details())
        self.setToolTip(self.details())
        self.update()

    def figure(self, line: WeekLine) -> str:
        """“2 / 15”: the week so far against its target; a measure without one shows its count."""
        return str(line.actual) if line.target is None else f"{line.actual} / {line.target}"

    def details(self) -> str:
        """Every number the chart draws, one measure a line, for the tooltip and screen readers."""
        week = self.week
        if week is None:
            return ""
        locale = QLocale()
        last = locale.dayName(week.day.isoweekday(), QLocale.FormatType.ShortFormat)
        head = self.tr("This week, Monday to %1; working days so far: %2")
        lines = [head.replace("%1", last).replace("%2", str(week.working_days))]
        for line in week.lines:
            days = ", ".join(
                f"{locale.dayName(day.isoweekday(), QLocale.FormatType.ShortFormat)} {count}"
                for day, count in zip(week.days, line.per_day, strict=True)
            )
            if line.target is None:
                head = self.tr("%1: %2 (no daily target)")
            else:
                head = self.tr("%1: %2 of a target of %3 so far").replace("%3", str(line.target))
            head = head.replace("%1", self.names()[line.measure]).replace("%2", str(line.actual))
            lines.append(f"{head} — {days}")
        return "\n".join(lines)

    # ---- drawing -------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return QSize(CELL_WIDTH * 4, self._height())

    def minimumSizeHint(self) -> QSize:
        return QSize(CELL_MIN_WIDTH * 4, self._height())

    def _height(self) -> int:
        return self.fontMetrics().height() + BARS_HEIGHT + QFontMetrics(self._small_font()).height() + 4

    def _small_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF() * 0.75, 6.0))
        return font

    def paintEvent(self, event: QPaintEvent) -> None:
        week = self.week
        if week is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width = self.width() / len(week.lines)
        for index, line in enumerate(week.lines):
            self._paint_line(painter, week, line, QRectF(index * width, 0, width, self.height()))
        painter.end()

    def _paint_line(self, painter: QPainter, week: WeekProgress, line: WeekLine, cell: QRectF) -> None:
        cell = cell.adjusted(4, 0, -4, 0)
        text_height = self.fontMetrics().height()
        head = f"{self.names()[line.measure]} {self.figure(line)}"
        font = QFont(self.font())
        font.setBold(line.met)
        painter.setFont(font)
        painter.setPen(self.palette().windowText().color())
        elided = painter.fontMetrics().elidedText(head, Qt.TextElideMode.ElideMiddle, int(cell.width()))
        painter.drawText(QRectF(cell.left(), 0, cell.width(), text_height), Qt.AlignmentFlag.AlignLeft, elided)

        small = self._small_font()
        label_height = QFontMetrics(small).height()
        bars = QRectF(cell.left(), text_height + 2, cell.width(), BARS_HEIGHT)
        slot = bars.width() / DAYS_IN_WEEK
        targets = line.daily_target or (0,) * len(line.per_day)
        scale = max((*line.per_day, *targets, 1))
        locale = QLocale()
        painter.setFont(small)
        for weekday in range(DAYS_IN_WEEK):
            x = bars.left() + weekday * slot
            shown = weekday < len(week.days)
            if shown and not week.working[weekday]:
                painter.fillRect(QRectF(x, bars.top(), slot, bars.height()), DAY_OFF)
            if shown:
                count, target = line.per_day[weekday], targets[weekday]
                height = bars.height() * count / scale
                colour = BAR_MET if target and count >= target else BAR
                painter.fillRect(QRectF(x + slot * 0.2, bars.bottom() - height, slot * 0.6, height), colour)
                if target:
                    y = bars.bottom() - bars.height() * target / scale
                    painter.setPen(QPen(TARGET, 1, Qt.PenStyle.DashLine))
                    painter.drawLine(int(x + 1), int(y), int(x + slot - 1), int(y))
            painter.setPen(QPen(FUTURE if not shown else TARGET, 1))
            painter.drawLine(int(x + 1), int(bars.bottom()), int(x + slot - 1), int(bars.bottom()))
            name = locale.standaloneDayName(weekday + 1, QLocale.FormatType.NarrowFormat)
            painter.setPen(self.palette().windowText().color() if shown else FUTURE)
            painter.drawText(QRectF(x, bars.bottom() + 1, slot, label_height), Qt.AlignmentFlag.AlignHCenter, name)
