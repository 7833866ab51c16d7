"""The planner's timeline: day columns × hours 07:00–21:00, visits drawn as blocks.

One widget serves the week (seven columns) and the day (one). Drag a block to move it (snaps
to 15 minutes, across days), drag its bottom edge to resize it, double-click an empty slot for
a new visit there. The keyboard does the same: arrows select, Ctrl+arrows move, Shift+Up/Down
resize. The view moves the block at once and reports the change; the page saves it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta, tzinfo

from PySide6.QtCore import QPoint, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QApplication, QSizePolicy, QWidget

from app.common.local_time import local_zone
from app.planner.records import VisitView
from app.rules.ids import VisitId
from ui.common.palette import colour
from ui.common.visit_texts import PlannerTexts
from ui.planner.blocks import (
    CLASH_EDGE,
    FIRST_HOUR,
    LAST_HOUR,
    SNAP_MINUTES,
    STATUS_COLOURS,
    Block,
    lay_out,
    snap,
)

GUTTER, HEADER, FOOTER, MIN_HOUR_HEIGHT, EDGE = 52, 40, 10, 40, 6
DAY_MINUTES = (FIRST_HOUR * 60, LAST_HOUR * 60)


class TimelineView(QWidget):
    visit_did_move = Signal(str, object)  # visit id, new start (aware, local)
    visit_did_resize = Signal(str, object)  # visit id, new end
    visit_did_open = Signal(str)
    visit_did_request_delete = Signal(str)
    slot_did_open = Signal(object)  # an aware local datetime for a new visit
    selection_did_change = Signal(object)  # visit id or None
    move_did_refuse = Signal()  # a finished visit keeps the time it happened

    def __init__(self, days: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.days = days
        self.first = date.today()
        self.zone: tzinfo = local_zone()
        self.working: list[bool] = [True] * days
        self.today = date.today()
        self.visits: list[VisitView] = []
        self.blocks: list[Block] = []
        self.selected_id: VisitId | None = None
        self._texts = PlannerTexts(self)
        self._purposes = self._texts.purposes()
        self._drag: tuple[VisitId, str, QPoint, int] | None = None  # id, move|resize, press point, grab offset
        self._dragging = False
        # The visit as it was before the drag began, to tell a real change from a wiggle.
        self._before_drag: dict[VisitId, VisitView] = {}
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setMinimumHeight(HEADER + FOOTER + (LAST_HOUR - FIRST_HOUR) * MIN_HOUR_HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def show_days(self, first: date, working: list[bool], visits: list[VisitView], zone: tzinfo, today: date) -> None:
        self.first, self.working, self.zone, self.today = first, working, zone, today
        self.visits = list(visits)
        if self.selected_id not in {v.id for v in visits}:
            self.selected_id = None
        self._relayout()

    def select(self, visit_id: VisitId | None) -> None:
        self.selected_id = visit_id
        self.selection_did_change.emit(visit_id)
        self.update()

    def selected(self) -> VisitView | None:
        return next((v for v in self.visits if v.id == self.selected_id), None)

    def _relayout(self) -> None:
        self.blocks = lay_out(self.visits, self.first, self.days)
        self.update()

    # ---- geometry ----------------------------------------------------------------------

    def hour_height(self) -> float:
        return max(MIN_HOUR_HEIGHT, (self.height() - HEADER - FOOTER) / (LAST_HOUR - FIRST_HOUR))

    def column_width(self) -> float:
        return (self.width() - GUTTER) / self.days

    def y_of(self, minutes: float) -> float:
        return HEADER + (minutes - DAY_MINUTES[0]) * self.hour_height() / 60

    def minutes_at(self, y: float) -> float:
        return DAY_MINUTES[0] + (y - HEADER) * 60 / self.hour_height()

    def day_at(self, x: float) -> int:
        return min(self.days - 1, max(0, int((x - GUTTER) // self.column_width())))

    def rect_of(self, block: Block) -> QRectF:
        width = self.column_width() / block.lanes
        top = self.y_of(max(block.start, DAY_MINUTES[0]))
        bottom = self.y_of(min(block.end, DAY_MINUTES[1]))
        x = GUTTER + block.day * self.column_width() + block.lane * width
        return QRectF(x + 2, top + 1, width - 4, max(bottom - top - 2, 8))

    def slot_point(self, day: int, minutes: int) -> QPoint:
        """The middle of the 15-minute slot `minutes` on column `day`: where a click lands."""
        x = GUTTER + (day + 0.5) * self.column_width()
        return QPoint(int(x), int(self.y_of(minutes + SNAP_MINUTES / 2)))

    def block_at(self, point: QPoint) -> Block | None:
        for block in reversed(self.blocks):
            if self.rect_of(block).contains(point.toPointF()):
                return block
        return None

    def moment(self, day: int, minutes: int) -> datetime:
        return datetime.combine(self.first + timedelta(days=day), time.min, self.zone) + timedelta(minutes=minutes)

    # ---- painting ----------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), colour("surface"))
        self._paint_grid(painter)
        for block in self.blocks:
            self._paint_block(painter, block)

    def _paint_grid(self, painter: QPainter) -> None:
        width = self.column_width()
        bold = QFont(self.font())
        bold.setBold(True)
        for day in range(self.days):
            left = GUTTER + day * width
            shown = self.first + timedelta(days=day)
            if not self.working[day]:
                painter.fillRect(QRectF(left, 0, width, self.height()), colour("alternate"))
            header = QRectF(left, 0, width, HEADER)
            painter.setFont(bold if shown == self.today else self.font())
            painter.setPen(colour("accent") if shown == self.today else colour("text"))
            painter.drawText(
                header.adjusted(0, 2, 0, -HEADER / 2), Qt.AlignmentFlag.AlignCenter, self._day_title(shown)
            )
            note = self._day_note(shown, self.working[day])
            if note:
                painter.setFont(self.font())
                painter.setPen(QColor("#c5221f") if not self.working[day] else QColor("#188038"))
                painter.drawText(header.adjusted(0, HEADER / 2, 0, 0), Qt.AlignmentFlag.AlignCenter, note)
            painter.setPen(colour("border"))
            painter.drawLine(int(left), 0, int(left), self.height())
        painter.setFont(self.font())
        for hour in range(FIRST_HOUR, LAST_HOUR + 1):
            y = self.y_of(hour * 60)
            painter.setPen(colour("border"))
            painter.drawLine(GUTTER, int(y), self.width(), int(y))
            if hour < LAST_HOUR:
                painter.setPen(colour("alternate"))
                half = int(self.y_of(hour * 60 + 30))
                painter.drawLine(GUTTER, half, self.width(), half)
            painter.setPen(colour("muted"))
            painter.drawText(
                QRectF(0, y - 8, GUTTER - 6, 16),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                f"{hour:02d}:00",
            )
        painter.setPen(colour("border"))
        painter.drawLine(0, HEADER, self.width(), HEADER)

    def _day_title(self, day: date) -> str:
        names = [
            self.tr("Mon"),
            self.tr("Tue"),
            self.tr("Wed"),
            self.tr("Thu"),
            self.tr("Fri"),
            self.tr("Sat"),
            self.tr("Sun"),
        ]
        return f"{names[day.weekday()]} {day.month}/{day.day}"

    def _day_note(self, day: date, working: bool) -> str:
        if not working and day.weekday() < 5:
            return self.tr("Holiday")
        if working and day.weekday() >= 5:
            return self.tr("Working day")
        return ""

    def _paint_block(self, painter: QPainter, block: Block) -> None:
        visit = block.visit
        rect = self.rect_of(block)
        fill, edge = STATUS_COLOURS.get(visit.status, STATUS_COLOURS["planned"])
        selected = visit.id == self.selected_id
        painter.setBrush(fill)
        clash = visit.overlaps and visit.status == "planned"
        outline = CLASH_EDGE if clash else QColor("#174ea6") if selected else edge
        painter.setPen(QPen(outline, 2.5 if selected or clash else 1))
        painter.drawRoundedRect(rect, 4, 4)
        painter.fillRect(QRectF(rect.left(), rect.top(), 4, rect.height()), edge)
        painter.setPen(QColor("#5f6368") if visit.status in ("cancelled", "rescheduled") else QColor("#202124"))
        font = QFont(self.font())
        font.setStrikeOut(visit.status in ("cancelled", "rescheduled"))
        painter.setFont(font)
        lines = [f"{visit.starts_at:%H:%M} {visit.who}", self._purposes.get(visit.purpose, visit.purpose)]
        if visit.location and visit.location != visit.who:
            lines.append(visit.location)
        if visit.checks_total:
            lines.append(f"✓ {visit.checks_done}/{visit.checks_total}")
        if rect.width() > 360:
            lines = ["   ·   ".join(lines)]  # the day view: everything on one line, so short visits show it too
        metrics = self.fontMetrics()
        # Chinese glyphs come from a fallback font taller than the Latin one's line spacing.
        step = max(metrics.lineSpacing(), metrics.boundingRect("国").height())
        top = rect.top() + 2
        for line in lines:
            if top + step > rect.bottom() and top > rect.top() + 2:
                break  # only whole lines; the first always shows
            text = metrics.elidedText(line, Qt.TextElideMode.ElideRight, int(rect.width() - 10))
            painter.drawText(
                QRectF(rect.left() + 7, top, rect.width() - 10, step),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                text,
            )
            top += step

    # ---- mouse -------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        point = event.position().toPoint()
        block = self.block_at(point)
        self.select(block.visit.id if block else None)
        if block is None or event.button() != Qt.MouseButton.LeftButton:
            return
        rect = self.rect_of(block)
        mode = "resize" if rect.bottom() - point.y() <= EDGE else "move"
        offset = int(self.minutes_at(point.y()) - block.start)
        self._drag = (block.visit.id, mode, point, offset)
        self._dragging = False

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        point = event.position().toPoint()
        if self._drag is None:
            block = self.block_at(point)
            near_edge = block is not None and self.rect_of(block).bottom() - point.y() <= EDGE
            self.setCursor(Qt.CursorShape.SizeVerCursor if near_edge else Qt.CursorShape.ArrowCursor)
            return
        visit_id, mode, pressed, offset = self._drag
        if not self._dragging:
            if (point - pressed).manhattanLength() < QApplication.startDragDistance():
                return
            visit = self._visit(visit_id)
            if visit is None or visit.status != "planned":
                self._drag = None
                self.move_did_refuse.emit()
                return
            self._dragging = True
        visit = self._visit(visit_id)
        if visit is None:
            return
        if mode == "move":
            length = visit.minutes
            start = min(max(snap(self.minutes_at(point.y()) - offset), DAY_MINUTES[0]), DAY_MINUTES[1] - length)
            new_start = self.moment(self.day_at(point.x()), start)
            self._preview(visit, new_start, new_start + timedelta(minutes=length))
        else:
            start = visit.starts_at.hour * 60 + visit.starts_at.minute
            end = min(max(snap(self.minutes_at(point.y())), start + SNAP_MINUTES), DAY_MINUTES[1])
            self._preview(visit, visit.starts_at, visit.starts_at + timedelta(minutes=end - start))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        drag, dragging = self._drag, self._dragging
        self._drag, self._dragging = None, False
        if drag is None or not dragging:
            return
        visit_id, mode, _pressed, _offset = drag
        visit, original = self._visit(visit_id), self._before_drag.pop(visit_id, None)
        if visit is None or original is None:
            return
        if mode == "move" and visit.starts_at != original.starts_at:
            self.visit_did_move.emit(visit_id, visit.starts_at)
        elif mode == "resize" and visit.ends_at != original.ends_at:
            self.visit_did_resize.emit(visit_id, visit.ends_at)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        point = event.position().toPoint()
        block = self.block_at(point)
        if block is not None:
            self.visit_did_open.emit(block.visit.id)
        elif point.x() > GUTTER and point.y() > HEADER:
            minutes = int(self.minutes_at(point.y()) // SNAP_MINUTES * SNAP_MINUTES)
            self.slot_did_open.emit(self.moment(self.day_at(point.x()), minutes))

    def _preview(self, visit: VisitView, starts_at: datetime, ends_at: datetime) -> None:
        self._before_drag.setdefault(visit.id, visit)
        self._replace(replace(visit, starts_at=starts_at, ends_at=ends_at))

    # ---- keyboard ----------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        visit = self.selected()
        arrows = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right)
        if key in arrows and visit is not None and (ctrl or shift):
            self._nudge(visit, key, ctrl)
        elif key in arrows and not (ctrl or shift):
            self._step_selection(key)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and visit is not None:
            self.visit_did_open.emit(visit.id)
        elif key == Qt.Key.Key_Delete and visit is not None:
            self.visit_did_request_delete.emit(visit.id)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def _nudge(self, visit: VisitView, key: int, ctrl: bool) -> None:
        if visit.status != "planned":
            self.move_did_refuse.emit()
            return
        step = timedelta(minutes=SNAP_MINUTES)
        if ctrl and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            delta = step if key == Qt.Key.Key_Down else -step
        elif ctrl:
            delta = timedelta(days=1 if key == Qt.Key.Key_Right else -1)
        else:
            if key not in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                return
            new_end = visit.ends_at + (step if key == Qt.Key.Key_Down else -step)
            if new_end - visit.starts_at >= step:
                self._replace(replace(visit, ends_at=new_end))
                self.visit_did_resize.emit(visit.id, new_end)
            return
        self._replace(replace(visit, starts_at=visit.starts_at + delta, ends_at=visit.ends_at + delta))
        self.visit_did_move.emit(visit.id, visit.starts_at + delta)

    def _step_selection(self, key: int) -> None:
        ordered = sorted(self.blocks, key=lambda b: (b.day, b.start, b.lane))
        current = next((b for b in ordered if b.visit.id == self.selected_id), None)
        if current is None:
            if ordered:
                self.select(ordered[0].visit.id)
            return
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            same_day = [b for b in ordered if b.day == current.day]
            index = same_day.index(current) + (1 if key == Qt.Key.Key_Down else -1)
            if 0 <= index < len(same_day):
                self.select(same_day[index].visit.id)
            return
        step = 1 if key == Qt.Key.Key_Right else -1
        day = current.day + step
        while 0 <= day < self.days:
            candidates = [b for b in ordered if b.day == day]
            if candidates:
                nearest = min(candidates, key=lambda b: abs(b.start - current.start))
                self.select(nearest.visit.id)
                return
            day += step

    def _visit(self, visit_id: VisitId) -> VisitView | None:
        return next((v for v in self.visits if v.id == visit_id), None)

    def _replace(self, visit: VisitView) -> None:
        self.visits = [visit if v.id == visit.id else v for v in self.visits]
        self._relayout()
