"""A layout of equal cells in one row, or two when one row would make a cell too narrow: a
0-10 scale's points (gui/wizard/choices.py), one row on a wide page and two on a narrow one
or at a large font."""

from __future__ import annotations

import math

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem

TOUCH = 44
"""Smallest side of anything a finger has to hit, in pixels."""


class FillRows(QLayout):
    """Equal cells in one row, or in two when one row would make a cell too narrow.

    A 0-10 scale is one row on a wide page and two on a narrow one (or at a large font),
    and it never asks for more width than two rows need.
    """

    def __init__(self) -> None:
        super().__init__()
        self._items: list[QLayoutItem] = []
        self.setSpacing(4)

    _cell_size: QSize | None = None
    _heights: dict[int, int] | None = None
    """The cell's size, and heightForWidth by width: kept until the layout is invalidated
    (an option's text, font or style changed, or one was added), as a page turn asks for
    them hundreds of times."""

    def invalidate(self) -> None:
        self._cell_size = self._heights = None
        super().invalidate()

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        if not 0 <= index < len(self._items):
            return None
        self.invalidate()
        return self._items.pop(index)

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation.Horizontal

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        if self._heights is None:
            self._heights = {}
        height = self._heights.get(width)
        if height is None:
            height = self._heights[width] = self._place(QRect(0, 0, width, 0), move=False)
        return height

    def _cell(self) -> QSize:
        if self._cell_size is None:
            width = max((i.minimumSize().width() for i in self._items), default=TOUCH)
            height = max((i.sizeHint().height() for i in self._items), default=TOUCH)
            self._cell_size = QSize(max(width, TOUCH), max(height, TOUCH))
        return self._cell_size

    def _columns(self, width: int) -> int:
        n, cell, gap = len(self._items), self._cell().width(), self.spacing()
        return n if n * cell + (n - 1) * gap <= width else math.ceil(n / 2)

    def minimumSize(self) -> QSize:
        columns, cell, gap = math.ceil(len(self._items) / 2), self._cell(), self.spacing()
        rows = 2 if len(self._items) > 1 else 1
        margins = self.contentsMargins()
        return QSize(
            columns * cell.width() + (columns - 1) * gap + margins.left() + margins.right(),
            rows * cell.height() + (rows - 1) * gap + margins.top() + margins.bottom(),
        )

    def sizeHint(self) -> QSize:
        n, cell, gap = len(self._items), self._cell(), self.spacing()
        margins = self.contentsMargins()
        return QSize(
            n * cell.width() + (n - 1) * gap + margins.left() + margins.right(),
            cell.height() + margins.top() + margins.bottom(),
        )

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, move=True)

    def _place(self, rect: QRect, *, move: bool) -> int:
        area = rect.marginsRemoved(self.contentsMargins())
        if not self._items:
            return 0
        columns, gap, height = self._columns(area.width()), self.spacing(), self._cell().height()
        width = max((area.width() - (columns - 1) * gap) // columns, 1)
        rows = math.ceil(len(self._items) / columns)
        if move:
            for index, item in enumerate(self._items):
                row, column = divmod(index, columns)
                x = area.x() + column * (width + gap)
                y = area.y() + row * (height + gap)
                item.setGeometry(QRect(x, y, width, height))
        margins = self.contentsMargins()
        return rows * height + (rows - 1) * gap + margins.top() + margins.bottom()
