"""A large toggle button that draws itself from the palette: the chosen one is filled with
the highlight colour, with a thick border and bold text; keyboard focus draws a thick border
in the text colour. Light, dark and high-contrast themes all follow the system.

It paints itself rather than asking the style: a style written in Python is called from Qt
for every element of every widget, and a page of questions has a hundred of these."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
    QStaticText,
)
from PySide6.QtWidgets import QPushButton

PADDING_PX = 14
"""Between the border and the text, left and right."""
CHOSEN_BORDER_PX = 3
RESIZING = frozenset({QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.Polish})


class ToggleButton(QPushButton):
    """Checkable. `kind` "scale" centres its text (a number); any other, left-aligned and
    wrapped when the button is given less than one line's width."""

    def __init__(self, text: str = "", kind: str = "") -> None:
        super().__init__(text)
        self.setCheckable(True)
        self.setAutoDefault(False)
        self.setProperty("role", "choice")
        self.setProperty("kind", kind)

    _hint: QSize | None = None
    """sizeHint, kept until the text, the font or the style changes (a layout asks for it
    many times a page turn)."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in RESIZING:
            self._hint = None
        super().changeEvent(event)

    def setText(self, text: str) -> None:
        self._hint = None
        super().setText(text)

    def sizeHint(self) -> QSize:
        """Room for the text in bold (as when chosen) and the padding either side."""
        if self._hint is None:
            hint = super().sizeHint()
            bold = QFont(self.font())
            bold.setBold(True)
            width = QFontMetrics(bold).horizontalAdvance(self.text()) + 2 * PADDING_PX + 2
            self._hint = QSize(max(hint.width(), width), hint.height())
        return QSize(self._hint)

    _text: tuple[tuple[str, int, bool, str], QStaticText] | None = None
    """The label laid out once (its words wrapped), for this text, width and font."""

    def _laid_out(self, width: int, font: QFont) -> QStaticText:
        key = (self.text(), width, font.bold(), font.key())
        if self._text is None or self._text[0] != key:
            text = QStaticText(self.text())
            text.setTextFormat(Qt.TextFormat.PlainText)
            text.setTextWidth(width)
            text.prepare(font=font)
            self._text = (key, text)
        return self._text[1]

    def paintEvent(self, event: QPaintEvent) -> None:
        palette = self.palette()
        roles = QPalette.ColorRole
        chosen, enabled = self.isChecked(), self.isEnabled()
        if chosen:
            fill = palette.color(roles.Highlight)
        elif self.isDown():
            fill = palette.color(roles.Mid)
        elif self.underMouse() and enabled:
            fill = palette.color(roles.Midlight)
        else:
            fill = palette.color(roles.Button)
        if self.hasFocus():
            edge, width = palette.color(roles.Text), CHOSEN_BORDER_PX
        elif chosen:
            edge, width = palette.color(roles.Highlight), CHOSEN_BORDER_PX
        else:
            edge, width = palette.color(roles.Mid), 1
        painter = QPainter(self)
        size = self.size()
        painter.drawPixmap(0, 0, _frame(size, self.devicePixelRatioF(), fill, edge, width, enabled))
        group = QPalette.ColorGroup.Normal if enabled else QPalette.ColorGroup.Disabled
        painter.setPen(palette.color(group, roles.HighlightedText if chosen else roles.ButtonText))
        font = self.font()
        if chosen:
            font = QFont(font)
            font.setBold(True)
        painter.setFont(font)
        if self.property("kind") == "scale":  # a number, in the middle
            text = self._laid_out(-1, font)
            left = (size.width() - text.size().width()) / 2
        else:
            text = self._laid_out(max(1, size.width() - 2 * PADDING_PX), font)
            left = PADDING_PX
        painter.drawStaticText(QPointF(left, (size.height() - text.size().height()) / 2), text)
        painter.end()


_FRAMES: dict[tuple[int, int, float, int, int, int, bool], QPixmap] = {}
KEPT_FRAMES = 256
"""Frames drawn once and kept (a page's options share a few sizes and states)."""


def _frame(
    size: QSize, ratio: float, fill: QColor, edge: QColor, width: int, enabled: bool
) -> QPixmap:
    """The rounded, filled and bordered face of a toggle, drawn antialiased once per size,
    colours and state: drawing it again each time cost most of a page turn's painting."""
    key = (size.width(), size.height(), ratio, fill.rgba(), edge.rgba(), width, enabled)
    frame = _FRAMES.get(key)
    if frame is None:
        if len(_FRAMES) >= KEPT_FRAMES:
            _FRAMES.clear()
        frame = QPixmap(max(1, round(size.width() * ratio)), max(1, round(size.height() * ratio)))
        frame.setDevicePixelRatio(ratio)
        frame.fill(Qt.GlobalColor.transparent)
        painter = QPainter(frame)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(edge, width)
        if not enabled:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(fill)
        inset = width / 2
        rect = QRectF(0, 0, size.width(), size.height())
        painter.drawRoundedRect(rect.adjusted(inset, inset, -inset, -inset), 4, 4)
        painter.end()
        _FRAMES[key] = frame
    return frame
