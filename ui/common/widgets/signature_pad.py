"""A box to sign in with a mouse, a pen or a finger, with the disclaimer the client signs under.

The pad keeps the strokes as vectors (app.rules.signature) and renders a PNG on demand, so the
receipt stores both what the hand did and a picture to print.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QPointF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QTabletEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.rules.problem import Problem
from app.rules.signature import Device, Point, Signature, Stroke, check_signature
from ui.common.i18n import current_language

BOX_SIZE = QSize(480, 200)
INK_WIDTH = 2.4
PNG_SCALE = 2  # rendered at 2x so the printed receipt stays crisp


def stroke_path(stroke: Stroke, scale: float = 1.0) -> QPainterPath:
    """Quadratic curves through the midpoints: smooth ink without overshooting the samples."""
    pts = [QPointF(p.x * scale, p.y * scale) for p in stroke.points]
    path = QPainterPath()
    if not pts:
        return path
    path.moveTo(pts[0])
    if len(pts) == 1:
        path.lineTo(pts[0])  # zero length: the round cap paints it as a dot
        return path
    for here, after in itertools.pairwise(pts[1:]):
        path.quadTo(here, (here + after) * 0.5)
    path.lineTo(pts[-1])
    return path


def paint_strokes(painter: QPainter, strokes: tuple[Stroke, ...], scale: float = 1.0) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    for stroke in strokes:
        pressures = [p.pressure for p in stroke.points if p.pressure is not None]
        # A pen pressed harder leaves thicker ink; one width per stroke keeps the path smooth.
        weight = 0.5 + sum(pressures) / len(pressures) if pressures else 1.0
        pen = QPen(QColor("black"), INK_WIDTH * weight * scale)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.drawPath(stroke_path(stroke, scale))


class StrokeRecorder:
    """Turns device samples into strokes; timestamps count from the signature's first point."""

    def __init__(self) -> None:
        self.strokes: list[Stroke] = []
        self._current: list[Point] | None = None
        self._device: Device = "mouse"
        self._origin_ms: int | None = None
        self._last_ms = 0

    @property
    def drawing(self) -> bool:
        return self._current is not None

    def begin(self, device: Device, pos: QPointF, timestamp_ms: int, pressure: float | None) -> None:
        self._device = device
        self._current = []
        self.add(pos, timestamp_ms, pressure)

    def add(self, pos: QPointF, timestamp_ms: int, pressure: float | None) -> None:
        if self._current is None:
            return
        if self._origin_ms is None:
            self._origin_ms = timestamp_ms
        # Device clocks may repeat or (for synthetic events) be zero: never let time run back.
        self._last_ms = max(self._last_ms, timestamp_ms - self._origin_ms)
        self._current.append(Point(pos.x(), pos.y(), self._last_ms, pressure))

    def end(self) -> Stroke | None:
        if self._current is None:
            return None
        stroke = Stroke(tuple(self._current), self._device)
        self._current = None
        self.strokes.append(stroke)
        return stroke

    def in_progress(self) -> Stroke | None:
        return None if self._current is None else Stroke(tuple(self._current), self._device)

    def undo(self) -> None:
        if self.strokes:
            self.strokes.pop()
        if not self.strokes:
            self.clear()

    def clear(self) -> None:
        self.strokes.clear()
        self._current = None
        self._origin_ms = None
        self._last_ms = 0


class _InkBox(QFrame):
    stroke_did_end = Signal()

    def __init__(self, size: QSize, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signatureBox")
        self.setFixedSize(size)  # strokes are in box pixels, so the box must not resize under them
        self.setFrameShape(QFrame.Shape.Box)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.recorder = StrokeRecorder()
        self._touch_id: int | None = None

    def strokes(self) -> tuple[Stroke, ...]:
        current = self.recorder.in_progress()
        return tuple(self.recorder.strokes) + ((current,) if current else ())

    def _finish(self) -> None:
        if self.recorder.end() is not None:
            self.update()
            self.stroke_did_end.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.recorder.begin("mouse", event.position(), event.timestamp(), None)
            self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton and self.recorder.drawing:
            self.recorder.add(event.position(), event.timestamp(), None)
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._finish()

    def tabletEvent(self, event: QTabletEvent) -> None:
        # Accepted, so Qt does not also synthesise mouse events that would double the stroke.
        event.accept()
        kind = event.type()
        if kind == QEvent.Type.TabletPress:
            self.recorder.begin("pen", event.position(), event.timestamp(), event.pressure())
        elif kind == QEvent.Type.TabletMove and self.recorder.drawing:
            self.recorder.add(event.position(), event.timestamp(), event.pressure())
        elif kind == QEvent.Type.TabletRelease:
            self._finish()
        self.update()

    def event(self, event: QEvent) -> bool:
        if isinstance(event, QTouchEvent) and event.type() in (
            QEvent.Type.TouchBegin,
            QEvent.Type.TouchUpdate,
            QEvent.Type.TouchEnd,
            QEvent.Type.TouchCancel,
        ):
            self._touch(event)
            return True
        return super().event(event)

    def _touch(self, event: QTouchEvent) -> None:
        """One finger signs; a second finger resting on the screen is ignored."""
        event.accept()
        if event.type() == QEvent.Type.TouchCancel:
            self._touch_id = None
            self._finish()
            return
        for point in event.points():
            if self._touch_id is None and point.state() == point.State.Pressed:
                self._touch_id = point.id()
                # Most touch screens report a constant pressure of 1: no information.
                self.recorder.begin("touch", point.position(), event.timestamp(), None)
            elif point.id() != self._touch_id:
                continue
            elif point.state() == point.State.Released:
                self.recorder.add(point.position(), event.timestamp(), None)
                self._touch_id = None
                self._finish()
            elif point.state() == point.State.Updated:
                self.recorder.add(point.position(), event.timestamp(), None)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        paint_strokes(painter, self.strokes())
        painter.end()
        super().paintEvent(event)


class SignaturePad(QWidget):
    signature_did_change = Signal()

    def __init__(
        self, disclaimer: str | None = None, parent: QWidget | None = None, box_size: QSize = BOX_SIZE
    ) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.disclaimer = QLabel(self)
        self.disclaimer.setObjectName("signatureDisclaimer")
        self.disclaimer.setWordWrap(True)
        self.disclaimer.setText(
            disclaimer
            or self.tr("I confirm I have read and understood the application and that the information is true.")
        )
        self.box = _InkBox(box_size, self)
        self.problem_label = QLabel(self)
        self.problem_label.setObjectName("signatureProblem")
        self.problem_label.setStyleSheet("color: #c62828;")
        self.problem_label.setWordWrap(True)
        # Space kept while hidden so a refusal does not shift the buttons under the user's hand.
        policy = self.problem_label.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.problem_label.setSizePolicy(policy)
        self.problem_label.setText(" ")
        self.problem_label.hide()
        self.undo_button = QPushButton(self.tr("Undo stroke"), self)
        self.undo_button.setToolTip(
            QKeySequence(QKeySequence.StandardKey.Undo).toString(QKeySequence.SequenceFormat.NativeText)
        )
        self.clear_button = QPushButton(self.tr("Clear"), self)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.disclaimer)
        layout.addWidget(self.box)
        layout.addWidget(self.problem_label)
        layout.addLayout(buttons)
        self.undo_button.clicked.connect(self.undo_stroke)
        self.clear_button.clicked.connect(self.clear)
        self.box.stroke_did_end.connect(self._changed)
        self._refresh_buttons()

    def signature(self) -> Signature:
        size = self.box.size()
        return Signature(tuple(self.box.recorder.strokes), size.width(), size.height())

    def problems(self) -> list[Problem]:
        return check_signature(self.signature())

    def validate(self) -> list[Problem]:
        """What the caller's Sign button asks: the problems, also shown in red under the box."""
        found = self.problems()
        self.problem_label.setText("\n".join(p.message(current_language()) for p in found))
        self.problem_label.setVisible(bool(found))
        return found

    def png(self) -> bytes:
        size = self.box.size() * PNG_SCALE
        image = QImage(size, QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        paint_strokes(painter, tuple(self.box.recorder.strokes), PNG_SCALE)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")  # type: ignore[call-overload]  # stub gap: typed as bytes, PySide6 takes only a str
        buffer.close()
        return bytes(data.data())

    def undo_stroke(self) -> None:
        if self.box.recorder.strokes:
            self.box.recorder.undo()
            self._changed()

    def clear(self) -> None:
        if self.box.recorder.strokes:
            self.box.recorder.clear()
            self._changed()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Handled here rather than by a QShortcut so that Ctrl+Z in the form around the pad
        # stays the form's; the buttons pass these keys up, so they work from them too.
        if event.matches(QKeySequence.StandardKey.Undo):
            self.undo_stroke()
            return
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.clear()
            return
        super().keyPressEvent(event)

    def _changed(self) -> None:
        # A shown refusal is about a signature that no longer exists once the ink changes.
        self.problem_label.hide()
        self.box.update()
        self._refresh_buttons()
        self.signature_did_change.emit()

    def _refresh_buttons(self) -> None:
        has_ink = bool(self.box.recorder.strokes)
        self.undo_button.setEnabled(has_ink)
        self.clear_button.setEnabled(has_ink)
