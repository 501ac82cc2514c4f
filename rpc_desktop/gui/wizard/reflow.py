"""A row of widgets that goes to a column when the page is too narrow for it."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QLayout, QWidget


class Reflow(QWidget):
    """Its widgets side by side when they fit at their preferred widths, else one above the
    other: never wider than the narrowest of them needs, so the page never scrolls sideways."""

    def __init__(self) -> None:
        super().__init__()
        self.row = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.row.setContentsMargins(0, 0, 0, 0)
        # The least width is the narrowest arrangement's (minimumSizeHint), not the row's.
        self.row.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)

    def add(self, widget: QWidget) -> None:
        self.row.addWidget(widget, 1)

    def _widgets(self) -> list[QWidget]:
        items = (self.row.itemAt(n) for n in range(self.row.count()))
        return [w for w in (i.widget() for i in items if i is not None) if w is not None]

    def side_by_side_width(self) -> int:
        widgets = self._widgets()
        spacing = self.row.spacing() * max(len(widgets) - 1, 0)
        return sum(w.sizeHint().width() for w in widgets) + spacing

    def minimumSizeHint(self) -> QSize:
        widths = [w.minimumSizeHint().width() for w in self._widgets()] or [0]
        return QSize(max(widths), super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        wide = event.size().width() >= self.side_by_side_width()
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self.row.direction() != direction:
            self.row.setDirection(direction)
            self.updateGeometry()
        super().resizeEvent(event)

    def stacked(self) -> bool:
        return self.row.direction() == QBoxLayout.Direction.TopToBottom
