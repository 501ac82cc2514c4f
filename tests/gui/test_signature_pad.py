"""The signature pad, offscreen: strokes from mouse, touch and pen, editing, painting, the PDF."""

from __future__ import annotations

from datetime import UTC, datetime
from io import BytesIO

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, Qt
from PySide6.QtGui import (
    QColor,
    QImage,
    QInputDevice,
    QMouseEvent,
    QPalette,
    QPointingDevice,
    QTabletEvent,
    QTouchEvent,
)
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QGridLayout, QProxyStyle, QSizePolicy, QStyle
from pytestqt.qtbot import QtBot

from rpc_desktop.documents.signature import SignatureDrawing
from rpc_desktop.documents.styles import render
from rpc_desktop.domain.case import Point, Signature, Signer
from rpc_desktop.gui.widgets.signature_pad import SignatureBlock, SignaturePad
from rpc_desktop.gui.widgets.typed_signature import TypedSignature
from tests.helpers import RESOURCES

LEFT, NO_MODIFIER = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
ZIGZAG = [(40, 100), (80, 40), (120, 110), (160, 50), (200, 120), (240, 60)]
LOOP = [(300, 80), (340, 40), (380, 80), (340, 120), (300, 80)]


@pytest.fixture
def pad(qtbot: QtBot) -> SignaturePad:
    widget = SignaturePad()
    qtbot.addWidget(widget)
    widget.resize(480, 160)
    widget.show()
    qtbot.waitExposed(widget)
    assert (widget.width(), widget.height()) == (480, 160)
    return widget


def draw(pad: SignaturePad, points: list[tuple[int, int]]) -> None:
    first, *rest = (QPoint(x, y) for x, y in points)
    QTest.mousePress(pad, LEFT, NO_MODIFIER, first)
    for point in rest:
        QTest.mouseMove(pad, point)
    QTest.mouseRelease(pad, LEFT, NO_MODIFIER, rest[-1] if rest else first)


def normalised(pad: SignaturePad, points: list[tuple[int, int]]) -> list[float]:
    """Flat x, y, x, y…, which pytest.approx can compare."""
    return [c for x, y in points for c in (x / pad.width(), y / pad.height())]


def xy(stroke: list[Point]) -> list[float]:
    return [c for p in stroke for c in (p.x, p.y)]


def test_a_mouse_stroke_is_kept_on_the_unit_square(pad: SignaturePad) -> None:
    assert pad.is_empty()
    draw(pad, ZIGZAG)
    [stroke] = pad.strokes()
    assert xy(stroke) == pytest.approx(normalised(pad, ZIGZAG), abs=1e-3)
    assert {p.pressure for p in stroke} == {1.0}
    assert pad.aspect() == pytest.approx(480 / 160)
    assert not pad.is_empty()


def test_two_strokes_give_two_lists_and_a_signal_each(qtbot: QtBot, pad: SignaturePad) -> None:
    emitted: list[None] = []
    pad.changed.connect(lambda: emitted.append(None))
    with qtbot.waitSignal(pad.changed, timeout=1000):
        draw(pad, ZIGZAG)
    draw(pad, LOOP)
    assert [xy(s) for s in pad.strokes()] == [
        pytest.approx(normalised(pad, ZIGZAG), abs=1e-3),
        pytest.approx(normalised(pad, LOOP), abs=1e-3),
    ]
    assert len(emitted) == 2


def test_a_tap_is_a_dot_and_dragging_off_the_pad_is_clamped(pad: SignaturePad) -> None:
    draw(pad, [(100, 50)])
    draw(pad, [(400, 100), (520, 100), (520, -30)])
    dot, clamped = pad.strokes()
    assert xy(dot) == pytest.approx(normalised(pad, [(100, 50)]), abs=1e-3)
    assert xy(clamped) == pytest.approx([400 / 480, 100 / 160, 1, 100 / 160, 1, 0], abs=1e-3)


def test_undo_removes_the_last_stroke(qtbot: QtBot, pad: SignaturePad) -> None:
    draw(pad, ZIGZAG)
    draw(pad, LOOP)
    with qtbot.waitSignal(pad.changed, timeout=1000):
        pad.undo()
    assert [xy(s) for s in pad.strokes()] == [pytest.approx(normalised(pad, ZIGZAG), abs=1e-3)]


def test_clear_empties_the_pad(qtbot: QtBot, pad: SignaturePad) -> None:
    draw(pad, ZIGZAG)
    draw(pad, LOOP)
    with qtbot.waitSignal(pad.changed, timeout=1000):
        pad.clear()
    assert pad.is_empty() and pad.strokes() == []


def test_backspace_undoes_and_delete_clears(qtbot: QtBot, pad: SignaturePad) -> None:
    draw(pad, ZIGZAG)
    draw(pad, LOOP)
    draw(pad, [(100, 50)])
    with qtbot.waitSignal(pad.changed, timeout=1000):
        qtbot.keyClick(pad, Qt.Key.Key_Backspace)
    assert len(pad.strokes()) == 2
    with qtbot.waitSignal(pad.changed, timeout=1000):
        qtbot.keyClick(pad, Qt.Key.Key_Delete)
    assert pad.is_empty()


def test_a_saved_signature_round_trips_without_a_change(qtbot: QtBot, pad: SignaturePad) -> None:
    saved = [
        [Point(x=0.1, y=0.5, pressure=0.3), Point(x=0.4, y=0.2, pressure=0.9)],
        [Point(x=0.7, y=0.7)],
    ]
    with qtbot.assertNotEmitted(pad.changed):
        pad.set_strokes(saved, 2.0)
    assert pad.strokes() == saved and pad.aspect() == 2.0
    # The 2:1 box is centred on the 3:1 pad (x 80..400), and new strokes land in it.
    draw(pad, [(80, 0), (240, 80), (400, 160)])
    assert xy(pad.strokes()[-1]) == pytest.approx([0, 0, 0.5, 0.5, 1, 1])
    assert pad.aspect() == 2.0
    with pytest.raises(ValueError):
        pad.set_strokes(saved, 0)


def test_a_finger_draws_one_stroke_not_two(qtbot: QtBot, pad: SignaturePad) -> None:
    device = QTest.createTouchDevice()
    QTest.touchEvent(pad, device).press(0, QPoint(*ZIGZAG[0]), pad).commit()
    for x, y in ZIGZAG[1:]:
        QTest.touchEvent(pad, device).move(0, QPoint(x, y), pad).commit()
    # A second finger landing mid-stroke is ignored.
    QTest.touchEvent(pad, device).stationary(0).press(1, QPoint(400, 20), pad).commit()
    QTest.touchEvent(pad, device).stationary(0).move(1, QPoint(420, 30), pad).commit()
    with qtbot.waitSignal(pad.changed, timeout=1000):
        QTest.touchEvent(pad, device).release(0, QPoint(*ZIGZAG[-1]), pad).release(
            1, QPoint(420, 30), pad
        ).commit()
    [stroke] = pad.strokes()
    assert xy(stroke) == pytest.approx(normalised(pad, ZIGZAG), abs=1e-3)
    assert {p.pressure for p in stroke} == {1.0}


def test_a_cancelled_touch_leaves_nothing(pad: SignaturePad) -> None:
    device = QTest.createTouchDevice()
    QTest.touchEvent(pad, device).press(0, QPoint(50, 50), pad).commit()
    QTest.touchEvent(pad, device).move(0, QPoint(90, 60), pad).commit()
    QApplication.sendEvent(pad, QTouchEvent(QEvent.Type.TouchCancel, device))
    QTest.touchEvent(pad, device).release(0, QPoint(90, 60), pad).commit()
    assert pad.is_empty()


def tablet(
    kind: QEvent.Type, device: QPointingDevice, x: int, y: int, pressure: float
) -> QTabletEvent:
    buttons = Qt.MouseButton.NoButton if kind == QEvent.Type.TabletRelease else LEFT
    pos = QPointF(x, y)
    return QTabletEvent(kind, device, pos, pos, pressure, 0, 0, 0, 0, 0, NO_MODIFIER, LEFT, buttons)


def test_a_pen_keeps_its_pressure_and_a_palm_does_not_draw(pad: SignaturePad) -> None:
    caps = QInputDevice.Capability.Position | QInputDevice.Capability.Pressure
    pen = QPointingDevice(
        "test pen", 7, QInputDevice.DeviceType.Stylus, QPointingDevice.PointerType.Pen, caps, 1, 2
    )
    pressures = [0.2, 0.5, 0.8, 0.4, 0.6, 0.3]
    events = [tablet(QEvent.Type.TabletPress, pen, *ZIGZAG[0], pressures[0])]
    events += [
        tablet(QEvent.Type.TabletMove, pen, x, y, p)
        for (x, y), p in zip(ZIGZAG[1:], pressures[1:], strict=True)
    ]
    events.append(tablet(QEvent.Type.TabletRelease, pen, *ZIGZAG[-1], 0.0))
    palm = QTest.createTouchDevice()
    for i, event in enumerate(events):
        QApplication.sendEvent(pad, event)
        assert event.isAccepted()  # otherwise Qt would send the pen again as a mouse
        if i == 2:
            QTest.touchEvent(pad, palm).press(0, QPoint(400, 140), pad).commit()
            QTest.touchEvent(pad, palm).move(0, QPoint(420, 150), pad).commit()
            QTest.touchEvent(pad, palm).release(0, QPoint(420, 150), pad).commit()
    [stroke] = pad.strokes()
    assert xy(stroke) == pytest.approx(normalised(pad, ZIGZAG), abs=1e-3)
    assert [p.pressure for p in stroke] == pytest.approx(pressures)


def test_mouse_events_made_from_touch_or_pen_are_not_drawn(pad: SignaturePad) -> None:
    synthesised = Qt.MouseEventSource.MouseEventSynthesizedBySystem
    steps = [
        (QEvent.Type.MouseButtonPress, (40, 40), LEFT, LEFT),
        (QEvent.Type.MouseMove, (120, 80), Qt.MouseButton.NoButton, LEFT),
        (QEvent.Type.MouseButtonRelease, (120, 80), LEFT, Qt.MouseButton.NoButton),
    ]
    for kind, (x, y), button, buttons in steps:
        pos = QPointF(x, y)
        event = QMouseEvent(kind, pos, pos, pos, button, buttons, NO_MODIFIER, synthesised)
        QApplication.sendEvent(pad, event)
    assert pad.is_empty()


def test_a_lost_release_or_a_double_click_keeps_every_stroke(pad: SignaturePad) -> None:
    def send(kind: QEvent.Type, x: int, y: int, pressed: bool = True) -> None:
        pos, button = QPointF(x, y), LEFT
        buttons = LEFT if pressed else Qt.MouseButton.NoButton
        QApplication.sendEvent(pad, QMouseEvent(kind, pos, pos, button, buttons, NO_MODIFIER))

    press, move, release = (
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.MouseButtonRelease,
    )
    send(press, 40, 40)
    send(move, 80, 60)  # and the release never comes
    send(press, 200, 40)
    send(move, 240, 60)
    send(release, 240, 60, pressed=False)
    # A double tap, as Qt 6 delivers it: press, release, press, double click, release.
    for kind, pressed in [(press, True), (release, False), (press, True)]:
        send(kind, 300, 100, pressed)
    send(QEvent.Type.MouseButtonDblClick, 300, 100)
    send(release, 300, 100, pressed=False)
    assert [xy(s) for s in pad.strokes()] == [
        pytest.approx(normalised(pad, points), abs=1e-3)
        for points in ([(40, 40), (80, 60)], [(200, 40), (240, 60)], [(300, 100)], [(300, 100)])
    ]


def non_base_pixels(image: QImage, region: QRect, base: QColor) -> int:
    return sum(
        image.pixelColor(x, y) != base
        for x in range(region.left(), region.right() + 1)
        for y in range(region.top(), region.bottom() + 1)
    )


def test_ink_is_painted_and_the_placeholder_goes(pad: SignaturePad) -> None:
    base = pad.palette().color(QPalette.ColorRole.Base)
    ink = pad.palette().color(QPalette.ColorRole.Text)
    placeholder = QRect(20, 80, 120, 34)
    empty = pad.grab().toImage()
    assert non_base_pixels(empty, placeholder, base) > 20
    assert empty.pixelColor(240, 30) == base
    draw(pad, [(160, 30), (320, 30)])
    drawn = pad.grab().toImage()
    assert drawn.pixelColor(240, 30) == ink
    assert non_base_pixels(drawn, placeholder, base) == 0


def test_the_ink_kept_as_a_picture_follows_every_change(pad: SignaturePad) -> None:
    """The finished strokes are drawn once and kept: each change draws them again."""
    base = pad.palette().color(QPalette.ColorRole.Base)
    ink = pad.palette().color(QPalette.ColorRole.Text)
    draw(pad, [(160, 30), (320, 30)])
    assert pad.grab().toImage().pixelColor(240, 30) == ink
    draw(pad, [(160, 60), (320, 60)])
    image = pad.grab().toImage()
    assert image.pixelColor(240, 30) == ink and image.pixelColor(240, 60) == ink
    pad.undo()
    image = pad.grab().toImage()
    assert image.pixelColor(240, 30) == ink and image.pixelColor(240, 60) == base
    strokes, aspect = pad.strokes(), pad.aspect()
    pad.clear()
    assert pad.grab().toImage().pixelColor(240, 30) == base
    pad.set_strokes(strokes, aspect)
    assert pad.grab().toImage().pixelColor(240, 30) == ink
    pad.resize(pad.width() * 2, pad.height())  # drawn again for the new size
    wide = pad.grab().toImage()
    assert non_base_pixels(wide, QRect(0, 0, wide.width(), wide.height()), base) > 0


def test_it_tells_assistive_technology_how_to_sign(pad: SignaturePad) -> None:
    assert pad.accessibleName() == "Signature pad"
    description = pad.accessibleDescription()
    assert "Backspace" in description and "Delete" in description
    assert pad.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert pad.minimumSizeHint().width() >= 360 and pad.minimumSizeHint().height() >= 120
    assert pad.sizePolicy().horizontalPolicy() == QSizePolicy.Policy.Expanding


def test_the_block_undoes_clears_and_shows_its_caption_as_text(qtbot: QtBot) -> None:
    block = SignatureBlock()
    qtbot.addWidget(block)
    block.show()
    qtbot.waitExposed(block)
    block.set_caption("<b>Ann</b> & Bo, Parent A")
    assert block.caption.textFormat() == Qt.TextFormat.PlainText
    assert block.caption.text() == "<b>Ann</b> & Bo, Parent A"
    assert block.undo_button.accessibleName() and block.clear_button.accessibleName()
    draw(block.pad, [(30, 30), (90, 60)])
    draw(block.pad, [(120, 30), (200, 60)])
    qtbot.mouseClick(block.undo_button, LEFT)
    assert len(block.pad.strokes()) == 1
    qtbot.mouseClick(block.clear_button, LEFT)
    assert block.pad.is_empty()


def test_a_drawn_signature_becomes_pdf_paths(pad: SignaturePad) -> None:
    draw(pad, ZIGZAG)
    draw(pad, LOOP)
    draw(pad, [(420, 40)])
    signature = Signature(
        signer=Signer.PARENT_A,
        name="Łucja Nowak",
        signed_at=datetime(2026, 1, 5, 10, 30, tzinfo=UTC),
        text_sha256="0" * 64,
        aspect=pad.aspect(),
        strokes=pad.strokes(),
    )

    def last_page(signed: Signature) -> bytes:
        pdf = render(
            [SignatureDrawing(signed)],
            title="Signature",
            reference="RPC-TEST-0001",
            fonts_dir=RESOURCES / "fonts",
        )
        contents = PdfReader(BytesIO(pdf)).pages[-1].get_contents()
        assert contents is not None
        return bytes(contents.get_data())

    drawn = last_page(signature)
    blank = last_page(signature.model_copy(update={"strokes": []}))
    points = sum(len(s) for s in signature.strokes)
    segments = sum(len(s) - 1 for s in signature.strokes)
    assert drawn.count(b" l") > points / 2
    assert drawn.count(b" l") - blank.count(b" l") == segments


class RoomyStyle(QProxyStyle):
    """Wider layout spacing than the platform's."""

    def pixelMetric(self, metric, option=None, widget=None):  # type: ignore[no-untyped-def]
        if metric in (
            QStyle.PixelMetric.PM_LayoutHorizontalSpacing,
            QStyle.PixelMetric.PM_LayoutVerticalSpacing,
        ):
            return 17
        return super().pixelMetric(metric, option, widget)


def test_the_signature_grids_space_as_their_style_says_after_a_change_of_style(
    qtbot: QtBot,
) -> None:
    """The grids' spacing is read from the style once (not at every layout pass), and again
    when the style changes."""
    block, typed = SignatureBlock(), TypedSignature()
    for widget in (block, typed):
        qtbot.addWidget(widget)
        grid = widget.layout()
        assert isinstance(grid, QGridLayout)
        metric = QStyle.PixelMetric.PM_LayoutHorizontalSpacing
        assert grid.horizontalSpacing() == widget.style().pixelMetric(metric, None, widget)
        roomy = RoomyStyle()
        widget.setStyle(roomy)
        assert (grid.horizontalSpacing(), grid.verticalSpacing()) == (17, 17)
        widget.setStyle(QApplication.style())
        assert grid.horizontalSpacing() == widget.style().pixelMetric(metric, None, widget)
