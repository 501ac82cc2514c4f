"""Options as large toggle buttons that a finger, a keyboard and a screen reader can all use.

A group is one Tab stop (the checked option, else the first); arrow keys move between its
options, Space or Enter picks one, Delete or Backspace asks for the answer to be cleared.
Sizes come from the font and the stylesheet (`QPushButton[role="choice"]`), never below
44 px, the smallest target a finger hits reliably.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt, Signal
from PySide6.QtGui import QAction, QFont, QFontMetrics, QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLayout,
    QLayoutItem,
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QVBoxLayout,
    QWidget,
)

from rpc_desktop.domain.case import AnswerValue

TOUCH = 44
"""Smallest side of anything a finger has to hit, in pixels."""

_PREVIOUS = {Qt.Key.Key_Left, Qt.Key.Key_Up}
_NEXT = {Qt.Key.Key_Right, Qt.Key.Key_Down}
_PICK = {Qt.Key.Key_Return, Qt.Key.Key_Enter}
_CLEAR = {Qt.Key.Key_Delete, Qt.Key.Key_Backspace}


_RESIZING = frozenset({QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.Polish})


class _TouchFloor(QObject):
    """Puts a widget's 44 px minimum height back after a stylesheet polish: the stylesheet
    style adjusts minimum sizes for borders and padding, and can take a widget below it."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kinds = (QEvent.Type.Polish, QEvent.Type.StyleChange, QEvent.Type.Show)
        low = isinstance(watched, QWidget) and watched.minimumHeight() < TOUCH
        if low and event.type() in kinds:
            assert isinstance(watched, QWidget)
            watched.setMinimumHeight(TOUCH)
        return False


def touch_height(widget: QWidget) -> None:
    """At least 44 px high, whatever the stylesheet does to the minimum (more if it asks)."""
    widget.setMinimumHeight(TOUCH)
    widget.installEventFilter(_TouchFloor(widget))


class ChoiceButton(QPushButton):
    """One option. Its accessible name is its label alone; the group carries the question."""

    def __init__(self, label: str, value: AnswerValue, kind: str) -> None:
        super().__init__(label)
        self.setCheckable(True)
        self.setAutoDefault(False)  # Enter picks the option, it never presses Next
        self.setProperty("answer", value)
        self.setProperty("role", "choice")
        self.setProperty("kind", kind)
        self.setObjectName("choice")
        self.setAccessibleName(label)
        touch_height(self)
        expand = kind in ("stacked", "toggle", "scale")
        horizontal = QSizePolicy.Policy.Expanding if expand else QSizePolicy.Policy.Preferred
        self.setSizePolicy(horizontal, QSizePolicy.Policy.Fixed)

    _least: QSize | None = None
    """minimumSizeHint, kept until the text, the font or the style changes (a page's layout
    asks it thousands of times)."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in _RESIZING:
            self._least = None
        super().changeEvent(event)

    def setText(self, text: str) -> None:
        self._least = None
        super().setText(text)

    def minimumSizeHint(self) -> QSize:
        if self._least is None:
            self._least = self._measure()
        return QSize(self._least)

    def _measure(self) -> QSize:
        # The style's push-button minimum (about 80 px) would push 11 scale points off a
        # narrow page; the text and the font decide instead, and never under 44 px.
        # (QPushButton's own minimumSizeHint calls sizeHint, so it is not asked here.)
        metrics = self.fontMetrics()
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.text = ""  # the style's padding and border, without its minimum text width
        frame = self.style().sizeFromContents(
            QStyle.ContentsType.CT_PushButton, option, QSize(0, metrics.height()), self
        )
        bold = QFont(self.font())
        bold.setBold(True)  # a checked option may be drawn bold: it must not clip then
        text = max(
            metrics.horizontalAdvance(self.text()),
            QFontMetrics(bold).horizontalAdvance(self.text()),
        )
        width = text + frame.width()
        return QSize(max(TOUCH, width), max(TOUCH, frame.height()))

    def sizeHint(self) -> QSize:
        hint, least = super().sizeHint(), self.minimumSizeHint()
        return QSize(max(hint.width(), least.width()), max(hint.height(), least.height()))


class ChoiceGroup(QWidget):
    """The options of one question, laid out as a segmented row, a stack or a scale."""

    toggled = Signal()
    """An option was checked or unchecked, by a click, a key, or an assistive tool."""
    clear_requested = Signal()

    def __init__(
        self, options: list[tuple[AnswerValue, str]], *, exclusive: bool, kind: str
    ) -> None:
        super().__init__()
        self.setObjectName("choices")
        self.setProperty("kind", kind)
        self.group = QButtonGroup(self)
        self.group.setExclusive(exclusive)
        self.buttons: list[ChoiceButton] = []
        self.clear_action = QAction("Clear answer", self)
        self.clear_action.triggered.connect(self.clear_requested)
        layout: QLayout
        if kind == "scale":
            layout = FillRows()
        elif kind in ("stacked", "toggle"):
            layout = QVBoxLayout()
        else:
            layout = QHBoxLayout()
        layout.setContentsMargins(0, 0, 0, 0)
        self.setLayout(layout)
        for value, label in options:
            button = ChoiceButton(label, value, kind)
            button.installEventFilter(self)
            button.toggled.connect(self._toggled)
            button.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
            button.addAction(self.clear_action)
            self.group.addButton(button)
            self.buttons.append(button)
            layout.addWidget(button)
        if isinstance(layout, QHBoxLayout):
            layout.addStretch(1)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.addAction(self.clear_action)
        self.rove()

    def checked(self) -> list[ChoiceButton]:
        return [b for b in self.buttons if b.isChecked()]

    def uncheck_all(self) -> None:
        exclusive = self.group.exclusive()
        self.group.setExclusive(False)
        for button in self.buttons:
            button.setChecked(False)
        self.group.setExclusive(exclusive)
        self.rove()

    def tab_stop(self) -> ChoiceButton:
        return (self.checked() or self.buttons)[0]

    def rove(self) -> None:
        """Only one option is reached by Tab: the checked one, or else the first."""
        stop = self.tab_stop()
        for button in self.buttons:
            wanted = Qt.FocusPolicy.StrongFocus if button is stop else Qt.FocusPolicy.ClickFocus
            if button.focusPolicy() != wanted:
                button.setFocusPolicy(wanted)

    def _toggled(self, on: bool) -> None:
        self.rove()
        # Moving an exclusive choice unchecks one option and checks another: one change.
        if on or not self.group.exclusive():
            self.toggled.emit()

    def focusNextPrevChild(self, next: bool) -> bool:
        # Tab leaves the group whichever option has focus: start from the group's edge, so
        # the search does not land on the group's own Tab stop.
        focused = self.focusWidget()
        if any(focused is b for b in self.buttons):
            edge = self.buttons[-1] if next else self.buttons[0]
            if edge is not focused:
                edge.setFocus(Qt.FocusReason.TabFocusReason)
        return super().focusNextPrevChild(next)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(watched, ChoiceButton):
            return False
        assert isinstance(event, QKeyEvent)
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        key = event.key()
        index = self.buttons.index(watched)
        target: int | None = None
        if key in _PREVIOUS:
            target = (index - 1) % len(self.buttons)
        elif key in _NEXT:
            target = (index + 1) % len(self.buttons)
        elif key == Qt.Key.Key_Home:
            target = 0
        elif key == Qt.Key.Key_End:
            target = len(self.buttons) - 1
        elif key in _PICK:
            watched.click()
            return True
        elif key in _CLEAR:
            self.clear_requested.emit()
            return True
        else:
            return False
        self.buttons[target].setFocus(Qt.FocusReason.TabFocusReason)
        return True


class FillRows(QLayout):
    """Equal cells in one row, or in two when one row would make a cell too narrow.

    A 0-10 scale is one row on a wide page and two on a narrow one (or at a large font),
    and it never asks for more width than two rows need.
    """

    def __init__(self) -> None:
        super().__init__()
        self._items: list[QLayoutItem] = []
        self.setSpacing(4)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation.Horizontal

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), move=False)

    def _cell(self) -> QSize:
        width = max((i.minimumSize().width() for i in self._items), default=TOUCH)
        height = max((i.sizeHint().height() for i in self._items), default=TOUCH)
        return QSize(max(width, TOUCH), max(height, TOUCH))

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
