"""A large toggle button that draws itself from the palette: the chosen one is filled with
the highlight colour, with a thick border and bold text; keyboard focus draws a thick border
in the text colour. Light, dark and high-contrast themes all follow the system.

It paints itself rather than asking the style: a style written in Python is called from Qt
for every element of every widget, and a page of questions has a hundred of these."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPaintEvent, QPalette, QPen
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

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        roles = QPalette.ColorRole
        chosen, enabled = self.isChecked(), self.isEnabled()
        focused = self.hasFocus()
        if chosen:
            fill = palette.color(roles.Highlight)
        elif self.isDown():
            fill = palette.color(roles.Mid)
        elif self.underMouse() and enabled:
            fill = palette.color(roles.Midlight)
        else:
            fill = palette.color(roles.Button)
        if focused:
            edge, width = palette.color(roles.Text), CHOSEN_BORDER_PX
        elif chosen:
            edge, width = palette.color(roles.Highlight), CHOSEN_BORDER_PX
        else:
            edge, width = palette.color(roles.Mid), 1
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(edge, width)
        if not enabled:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(fill)
        inset = width / 2
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(inset, inset, -inset, -inset), 4, 4)

        group = QPalette.ColorGroup.Normal if enabled else QPalette.ColorGroup.Disabled
        painter.setPen(palette.color(group, roles.HighlightedText if chosen else roles.ButtonText))
        font = QFont(self.font())
        font.setBold(chosen)
        painter.setFont(font)
        flags = int(Qt.TextFlag.TextShowMnemonic) | int(Qt.TextFlag.TextWordWrap)
        if self.property("kind") == "scale":
            painter.drawText(self.rect(), flags | int(Qt.AlignmentFlag.AlignCenter), self.text())
        else:
            area = self.rect().adjusted(PADDING_PX, 0, -PADDING_PX, 0)
            align = int(Qt.AlignmentFlag.AlignLeft) | int(Qt.AlignmentFlag.AlignVCenter)
            painter.drawText(area, flags | align, self.text())
        painter.end()
