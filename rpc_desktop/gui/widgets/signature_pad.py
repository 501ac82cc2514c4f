"""A pad to sign on with a finger, a pen or the mouse, kept as vector strokes.

Points are stored on the pad's unit square (0..1 of width and height, y downwards)
with the pad's width over height, which is what the PDFs draw a signature from.
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleAnnouncementEvent,
    QColor,
    QEventPoint,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
    QPointingDevice,
    QTabletEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import QGridLayout, QPushButton, QSizePolicy, QWidget

from rpc_desktop.domain.case import Point
from rpc_desktop.gui.widgets.spacing import pin_spacing
from rpc_desktop.gui.widgets.wrap_label import WrapLabel

MAX_ASPECT = 20.0
"""The widest pad a Signature accepts; a wider widget draws in a centred strip."""
_MOUSE, _TOUCH, _PEN = "mouse", "touch", "pen"
_HOW = (
    "Sign with a finger, a pen or the mouse held down. "
    "Backspace removes the last stroke; Delete clears the pad."
)


def announce(widget: QWidget, text: str) -> None:
    """Have a screen reader say `text` now, whatever has the focus."""
    event = QAccessibleAnnouncementEvent(widget, text)
    event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive)
    QAccessible.updateAccessibility(event)


def _clamp(value: float) -> float:
    return min(max(value, 0.0), 1.0)


class SignaturePad(QWidget):
    """Sign once, with whatever is to hand; a tap is a dot, as on paper."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._strokes: list[list[Point]] = []
        self._version = 0
        """Counts changes to the strokes: the finished ink is kept as a picture until then."""
        self._ink: tuple[tuple[object, ...], QPixmap] | None = None
        self._current: list[Point] | None = None
        self._source: str | None = None
        self._touch_id = -1
        self._aspect: float | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        # Past about 4:1 the PDF's 70 mm box would shrink the signature to a line.
        self.setMaximumWidth(640)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self._signer = ""
        self._said: bool | None = None
        self.set_signer("")

    def sizeHint(self) -> QSize:
        return QSize(480, 160)

    def set_signer(self, signer: str) -> None:
        """Whose pad this is, for screen readers ("Parent A, Zofia Łukasiewicz")."""
        self._signer = signer
        self.setAccessibleName(f"Signature pad: {signer}" if signer else "Signature pad")
        self._said = None
        self._state_changed(say=False)

    def state_text(self) -> str:
        return "Signed." if self._strokes else "Not signed yet."

    def _state_changed(self, *, say: bool = True) -> None:
        """Screen readers read the state in the description; a change is also announced."""
        signed = bool(self._strokes)
        if signed == self._said:
            return
        self._said = signed
        self.setAccessibleDescription(f"{self.state_text()} {_HOW}")
        if say:
            who = self._signer or "The pad"
            announce(self, f"{who}: signed." if signed else f"{who}: not signed yet.")

    def minimumSizeHint(self) -> QSize:
        return QSize(360, 120)

    def strokes(self) -> list[list[Point]]:
        return [list(stroke) for stroke in self._strokes]

    def aspect(self) -> float:
        """Fixed by the first stroke, so later resizing cannot distort what was drawn."""
        return self._aspect if self._aspect is not None else self._widget_aspect()

    def is_empty(self) -> bool:
        return not self._strokes

    def clear(self) -> None:
        had_strokes, self._strokes = bool(self._strokes), []
        self._version += 1  # the ink drawn so far is drawn again
        self._current, self._source, self._aspect = None, None, None
        self.update()
        self._state_changed()
        if had_strokes:
            self.changed.emit()

    def undo(self) -> None:
        if not self._strokes:
            return
        self._strokes.pop()
        self._version += 1  # the ink drawn so far is drawn again
        if not self._strokes:
            self._aspect = None
        self.update()
        self._state_changed()
        self.changed.emit()

    def set_strokes(self, strokes: list[list[Point]], aspect: float) -> None:
        """Shows a saved signature; no `changed`, as nothing new was drawn to save."""
        if not 0 < aspect <= MAX_ASPECT:
            raise ValueError(f"aspect must be in (0, {MAX_ASPECT}], not {aspect}")
        self._strokes = [list(stroke) for stroke in strokes if stroke]
        self._version += 1  # the ink drawn so far is drawn again
        self._current, self._source = None, None
        self._aspect = aspect if self._strokes else None
        self.update()
        self._state_changed(say=False)

    def _widget_aspect(self) -> float:
        return min(max(self.width(), 1) / max(self.height(), 1), MAX_ASPECT)

    def _area(self) -> QRectF:
        """Where the unit square lies: the largest centred box of the strokes' proportions."""
        w, h, aspect = max(self.width(), 1), max(self.height(), 1), self.aspect()
        width, height = (h * aspect, h) if w / h > aspect else (w, w / aspect)
        return QRectF((w - width) / 2, (h - height) / 2, width, height)

    def _begin(self, source: str, pos: QPointF, pressure: float) -> None:
        """Another input's press is a palm or a stray finger; the same input's, a lost release."""
        if self._current is not None:
            if source != self._source:
                return
            self._end()
        if self._aspect is None:
            self._aspect = self._widget_aspect()
        self._current, self._source = [], source
        self._extend(pos, pressure)

    def _extend(self, pos: QPointF, pressure: float) -> None:
        if self._current is None:
            return
        area = self._area()
        x = round(_clamp((pos.x() - area.left()) / area.width()), 4)
        y = round(_clamp((pos.y() - area.top()) / area.height()), 4)
        if self._current and (self._current[-1].x, self._current[-1].y) == (x, y):
            return
        self._current.append(Point(x=x, y=y, pressure=round(_clamp(pressure), 3)))
        self.update()

    def _end(self, keep: bool = True) -> None:
        stroke, self._current, self._source = self._current, None, None
        if keep and stroke:
            self._strokes.append(stroke)
            self._version += 1  # the ink drawn so far is drawn again
            self._state_changed()
            self.changed.emit()
        elif not self._strokes:
            self._aspect = None
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        # Some systems send a pen or a finger as a mouse too; that stroke is drawn already.
        synthesised = event.source() != Qt.MouseEventSource.MouseEventNotSynthesized
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
        elif not synthesised:
            self._begin(_MOUSE, event.position(), 1.0)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        """Qt's default would press again, and the second tap is already a stroke."""
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._source == _MOUSE:
            self._extend(event.position(), 1.0)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._source == _MOUSE and event.button() == Qt.MouseButton.LeftButton:
            self._extend(event.position(), 1.0)
            self._end()

    def tabletEvent(self, event: QTabletEvent) -> None:
        """Accepted, so Qt does not send the pen again as a mouse."""
        event.accept()
        kind, pos = event.type(), event.position()
        if event.pointerType() == QPointingDevice.PointerType.Eraser:
            return
        if kind == QEvent.Type.TabletPress:
            self._begin(_PEN, pos, event.pressure())
        elif kind == QEvent.Type.TabletMove and self._source == _PEN:
            self._extend(pos, event.pressure())
        elif kind == QEvent.Type.TabletRelease and self._source == _PEN:
            self._end()

    def event(self, event: QEvent) -> bool:
        if isinstance(event, QTouchEvent):
            self._touch(event)
            event.accept()  # so Qt does not send the finger again as a mouse
            return True
        return super().event(event)

    def _touch(self, event: QTouchEvent) -> None:
        """One finger draws; a second finger on the glass is ignored, not a new stroke."""
        kind, points = event.type(), event.points()
        if kind == QEvent.Type.TouchBegin and points:
            self._touch_id = points[0].id()
            self._begin(_TOUCH, points[0].position(), 1.0)
        elif self._source != _TOUCH:
            return
        elif kind == QEvent.Type.TouchCancel:
            self._end(keep=False)
        else:
            for point in points:
                state = point.state()
                if point.id() == self._touch_id and state != QEventPoint.State.Stationary:
                    self._extend(point.position(), 1.0)
                    if state == QEventPoint.State.Released:
                        self._end()
            if kind == QEvent.Type.TouchEnd and self._source == _TOUCH:
                self._end()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Backspace:
            self.undo()
        elif event.key() == Qt.Key.Key_Delete:
            self.clear()
        else:
            super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        faint = palette.color(QPalette.ColorRole.PlaceholderText)
        edge = QPalette.ColorRole.Highlight if self.hasFocus() else QPalette.ColorRole.Mid
        painter.setPen(QPen(palette.color(edge), 2 if self.hasFocus() else 1))
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 6, 6)
        baseline = self.height() * 0.75
        painter.setPen(QPen(faint, 1))
        painter.drawLine(QPointF(20, baseline), QPointF(self.width() - 20, baseline))
        if self.is_empty() and self._current is None:
            text_box = QRectF(24, 0, self.width() - 48, baseline - 6)
            align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom
            painter.drawText(text_box, align, "Sign here")
        ink, area = palette.color(QPalette.ColorRole.Text), self._area()
        if self._strokes:
            painter.drawPixmap(0, 0, self._finished_ink(ink, area))
        if self._current:
            self._paint_stroke(painter, self._current, area, ink)
        painter.end()

    def _finished_ink(self, ink: QColor, area: QRectF) -> QPixmap:
        """The finished strokes, drawn once (segment by segment, antialiased: a signature
        is hundreds of them) and kept until they, the size or the ink's colour change."""
        ratio = self.devicePixelRatioF()
        key = (self._version, self.width(), self.height(), ratio, ink.rgba(), area)
        if self._ink is None or self._ink[0] != key:
            picture = QPixmap(round(self.width() * ratio), round(self.height() * ratio))
            picture.setDevicePixelRatio(ratio)
            picture.fill(Qt.GlobalColor.transparent)
            painter = QPainter(picture)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            for stroke in self._strokes:
                self._paint_stroke(painter, stroke, area, ink)
            painter.end()
            self._ink = (key, picture)
        return self._ink[1]

    @staticmethod
    def _paint_stroke(painter: QPainter, stroke: list[Point], area: QRectF, ink: QColor) -> None:
        def at(p: Point) -> QPointF:
            return QPointF(area.left() + p.x * area.width(), area.top() + p.y * area.height())

        if len(stroke) == 1:
            radius = 1.0 + 1.1 * stroke[0].pressure + 0.5
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(ink)
            painter.drawEllipse(at(stroke[0]), radius, radius)
            return
        round_cap, round_join = Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin
        for a, b in pairwise(stroke):
            width = 1.0 + 1.1 * (a.pressure + b.pressure)
            painter.setPen(QPen(ink, width, Qt.PenStyle.SolidLine, round_cap, round_join))
            painter.drawLine(at(a), at(b))


class SignatureBlock(QWidget):
    """The pad with whose signature it is and the two buttons people look for."""

    def __init__(self, caption: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pad = SignaturePad(self)
        self.caption = WrapLabel()  # its height for a width is kept (asked at each turn)
        self.caption.setParent(self)  # children in reading order, as made
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.caption.setText(caption)
        self.undo_button = QPushButton("Undo", self)
        self.undo_button.setAccessibleName("Undo the last stroke")
        self.undo_button.clicked.connect(self.pad.undo)
        self.clear_button = QPushButton("Clear", self)
        self.clear_button.setAccessibleName("Clear the signature")
        self.clear_button.clicked.connect(self.pad.clear)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pad, 0, 0, 1, 3)
        layout.addWidget(self.caption, 1, 0)
        layout.addWidget(self.undo_button, 1, 1)
        layout.addWidget(self.clear_button, 1, 2)
        layout.setColumnStretch(0, 1)
        self._grid = layout
        pin_spacing(layout, self)
        self.setMaximumWidth(self.pad.maximumWidth())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.StyleChange:
            pin_spacing(self._grid, self)
        super().changeEvent(event)

    def set_caption(self, text: str) -> None:
        self.caption.setText(text)
