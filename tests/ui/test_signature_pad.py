"""The signature pad as a client uses it: sign with the mouse or a finger, undo, clear, export."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QInputDevice, QMouseEvent, QPointingDevice, QTabletEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.rules.signature import Signature
from ui.common.widgets.signature_pad import SignaturePad

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def make_pad(qtbot: QtBot) -> SignaturePad:
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.show()
    qtbot.waitExposed(pad)
    return pad


def send_mouse(box: QWidget, kind: QEvent.Type, pos: QPointF, t_ms: int) -> None:
    """QTest.mouseMove does not hold the button down, so moves are sent as the platform would."""
    button = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseMove else Qt.MouseButton.LeftButton
    held = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseButtonRelease else Qt.MouseButton.LeftButton
    event = QMouseEvent(kind, pos, box.mapToGlobal(pos), button, held, Qt.KeyboardModifier.NoModifier)
    event.setTimestamp(t_ms)
    QApplication.sendEvent(box, event)


def draw(box: QWidget, points: list[tuple[float, float]], start_ms: int = 1000) -> None:
    first, *rest = [QPointF(x, y) for x, y in points]
    send_mouse(box, QEvent.Type.MouseButtonPress, first, start_ms)
    for i, pos in enumerate(rest, start=1):
        send_mouse(box, QEvent.Type.MouseMove, pos, start_ms + 8 * i)
    send_mouse(box, QEvent.Type.MouseButtonRelease, rest[-1] if rest else first, start_ms + 8 * len(points))


def wave(left: float, top: float, width: float, height: float, n: int = 16) -> list[tuple[float, float]]:
    return [(left + width * i / (n - 1), top + (height if i % 2 else 0)) for i in range(n)]


def sign_name(pad: SignaturePad) -> None:
    draw(pad.box, wave(40, 60, 180, 70), start_ms=1000)
    draw(pad.box, wave(240, 50, 160, 90, n=12), start_ms=1600)


def test_disclaimer_sits_above_the_box(qtbot: QtBot) -> None:
    pad = make_pad(qtbot)
    assert "information is true" in pad.disclaimer.text()
    assert pad.disclaimer.geometry().bottom() < pad.box.geometry().top()
    custom = SignaturePad("我已阅读并理解本申请。")
    qtbot.addWidget(custom)
    assert custom.disclaimer.text() == "我已阅读并理解本申请。"


def test_a_signature_drawn_with_the_mouse_is_accepted(qtbot: QtBot) -> None:
    pad = make_pad(qtbot)
    with qtbot.waitSignals([pad.signature_did_change] * 2):
        sign_name(pad)
    sig = pad.signature()
    assert [s.device for s in sig.strokes] == ["mouse", "mouse"]
    assert [len(s.points) for s in sig.strokes] == [16, 12]
    times = [p.t_ms for s in sig.strokes for p in s.points]
    assert times[0] == 0 and times == sorted(times) and times[-1] == 600 + 8 * 11
    assert sig.strokes[0].points[1].t_ms == 8
    assert (sig.width, sig.height) == (pad.box.width(), pad.box.height())
    assert pad.validate() == []
    assert pad.problem_label.isHidden()


def test_a_click_is_refused_with_a_visible_message(qtbot: QtBot) -> None:
    pad = make_pad(qtbot)
    qtbot.mouseClick(pad.box, Qt.MouseButton.LeftButton, pos=QPoint(100, 100))
    assert len(pad.signature().strokes) == 1
    assert [p.code for p in pad.validate()] == ["dots_only"]
    assert pad.problem_label.isVisible()
    assert "dot" in pad.problem_label.text()
    draw(pad.box, wave(40, 60, 180, 70))
    assert pad.problem_label.isHidden()  # new ink: the old refusal no longer applies


def test_a_tiny_scribble_is_refused(qtbot: QtBot) -> None:
    pad = make_pad(qtbot)
    draw(pad.box, wave(200, 100, 30, 12))
    assert [p.code for p in pad.validate()] == ["too_small"]
    assert pad.problem_label.isVisible()


def test_blank_is_refused(qtbot: QtBot) -> None:
    pad = make_pad(qtbot)
    assert [p.code for p in pad.validate()] == ["blank"]
    assert not pad.undo_button.isEnabled() and not pad.clear_button.isEnabled()


def test_undo_removes_the_last_stroke_by_button_and_ctrl_z(qtbot: QtBot) -> None:
    pad = make_pad(qtbot)
    sign_name(pad)
    draw(pad.box, [(300, 180), (320, 180)], start_ms=3000)
    first_two = pad.signature().strokes[:2]
    qtbot.mouseClick(pad.undo_button, Qt.MouseButton.LeftButton)
    assert pad.signature().strokes == first_two
    pad.setFocus()
    QTest.keyClick(pad, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert pad.signature().strokes == first_two[:1]


def test_clear_empties_and_time_starts_again(qtbot: QtBot) -> None:
    pad = make_pad(qtbot)
    sign_name(pad)
    qtbot.mouseClick(pad.clear_button, Qt.MouseButton.LeftButton)
    assert pad.signature().strokes == ()
    sign_name(pad)
    assert pad.signature().strokes[0].points[0].t_ms == 0
    pad.setFocus()
    QTest.keyClick(pad, Qt.Key.Key_Delete)
    assert pad.signature() == Signature((), pad.box.width(), pad.box.height())
    sign_name(pad)
    QTest.keyClick(pad, Qt.Key.Key_Backspace)
    assert pad.signature().strokes == ()


def dark_pixels(image: QImage) -> int:
    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    row = grey.bytesPerLine()
    data = bytes(grey.constBits())
    return sum(value < 100 for y in range(grey.height()) for value in data[y * row : y * row + grey.width()])


def test_png_is_a_crisp_picture_of_the_ink(qtbot: QtBot) -> None:
    pad = make_pad(qtbot)
    assert dark_pixels(QImage.fromData(pad.png())) == 0
    sign_name(pad)
    data = pad.png()
    assert data[:8] == PNG_MAGIC
    image = QImage.fromData(data)
    assert (image.width(), image.height()) == (pad.box.width() * 2, pad.box.height() * 2)
    assert dark_pixels(image) > 1000
    assert image.pixelColor(0, 0).lightness() == 255  # white background


def test_a_finger_draws_a_touch_stroke(qtbot: QtBot) -> None:
    pad = make_pad(qtbot)
    screen = QTest.createTouchDevice()
    box = pad.box
    QTest.touchEvent(box, screen).press(0, QPoint(40, 60))
    QTest.qWait(5)
    for x, y in wave(40, 60, 200, 80, n=14)[1:]:
        QTest.touchEvent(box, screen).move(0, QPoint(int(x), int(y)))
    QTest.touchEvent(box, screen).release(0, QPoint(240, 60))
    strokes = pad.signature().strokes
    assert [s.device for s in strokes] == ["touch"]
    assert len(strokes[0].points) >= 14
    assert all(p.pressure is None for p in strokes[0].points)
    assert pad.problems() == []


def test_a_pen_records_pressure(qtbot: QtBot) -> None:
    pad = make_pad(qtbot)
    stylus = QPointingDevice(
        "test stylus",
        7,
        QInputDevice.DeviceType.Stylus,
        QPointingDevice.PointerType.Pen,
        QInputDevice.Capability.Position | QInputDevice.Capability.Pressure,
        1,
        2,
    )
    kinds = [QEvent.Type.TabletPress] + [QEvent.Type.TabletMove] * 14 + [QEvent.Type.TabletRelease]
    for i, (kind, (x, y)) in enumerate(zip(kinds, wave(40, 60, 200, 80, n=16), strict=True)):
        pos = QPointF(x, y)
        held = Qt.MouseButton.NoButton if kind == QEvent.Type.TabletRelease else Qt.MouseButton.LeftButton
        event = QTabletEvent(
            kind,
            stylus,
            pos,
            pad.box.mapToGlobal(pos),
            0.2 + i * 0.05,
            0.0,
            0.0,
            0.0,
            0.0,
            0.0,
            Qt.KeyboardModifier.NoModifier,
            Qt.MouseButton.LeftButton,
            held,
        )
        event.setTimestamp(500 + 10 * i)
        QApplication.sendEvent(pad.box, event)
    (stroke,) = pad.signature().strokes
    assert stroke.device == "pen"
    assert [p.t_ms for p in stroke.points] == [10 * i for i in range(15)]  # the release adds no point
    first, last = stroke.points[0].pressure, stroke.points[-1].pressure
    assert first == 0.2 and last is not None and last > first
    assert pad.problems() == []
