"""Options as large toggle buttons that a finger, a keyboard and a screen reader can all use.

A group is one Tab stop (the checked option, else the first); arrow keys move between its
options, Space or Enter picks one, Delete or Backspace asks for the answer to be cleared.
Sizes come from the font (a ChoiceButton is a gui/widgets/toggle.ToggleButton, which draws
itself), never below 44 px, the smallest target a finger hits reliably.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, QSize, Qt, Signal
from PySide6.QtGui import QAction, QFont, QFontMetrics, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QHBoxLayout,
    QLayout,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QVBoxLayout,
    QWidget,
)

from rpc_desktop.domain.case import AnswerValue
from rpc_desktop.gui.widgets.fill_rows import TOUCH, FillRows
from rpc_desktop.gui.widgets.toggle import PADDING_PX, RESIZING, ToggleButton

SCALE_ROOM_PX = 12
"""Round a scale point's number, beside its border."""

_PREVIOUS = {Qt.Key.Key_Left, Qt.Key.Key_Up}
_NEXT = {Qt.Key.Key_Right, Qt.Key.Key_Down}
_PICK = {Qt.Key.Key_Return, Qt.Key.Key_Enter}
_CLEAR = {Qt.Key.Key_Delete, Qt.Key.Key_Backspace}


def touch_height(widget: QWidget) -> None:
    """At least 44 px high, in every mode: an answer is always a finger-sized target."""
    widget.setMinimumHeight(TOUCH)


class ChoiceButton(ToggleButton):
    """One option. Its accessible name is its label alone; the group carries the question.

    An option in a stack (one a row) wraps its words when the page is narrow (a tablet,
    large text), so a long label never makes the page scroll sideways."""

    def __init__(self, label: str, value: AnswerValue, kind: str) -> None:
        super().__init__(label, kind)  # never a default button: Enter picks the option
        self.setProperty("answer", value)
        self.setObjectName("choice")
        self.setAccessibleName(label)
        self.wraps = kind == "stacked"
        touch_height(self)
        expand = kind in ("stacked", "toggle", "scale")
        horizontal = QSizePolicy.Policy.Expanding if expand else QSizePolicy.Policy.Preferred
        policy = QSizePolicy(horizontal, QSizePolicy.Policy.Fixed)
        if self.wraps:
            policy = QSizePolicy(horizontal, QSizePolicy.Policy.Minimum)
            policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    _least: QSize | None = None
    """minimumSizeHint, kept until the text, the font or the style changes (a page's layout
    asks it thousands of times)."""
    _frame = QSize(0, 0)
    """The style's padding and border around the text (set with `_least`)."""

    _heights: dict[int, int] | None = None
    """heightForWidth, by width, kept as `_least` is."""

    _wide: QSize | None = None
    """sizeHint, kept as `_least` is."""

    keys: ChoiceGroup | None = None
    """The group its arrow keys, Home, End, Space, Enter and Delete go to."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.keys is not None and self.keys.key(self, event):
            return
        super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in RESIZING:
            self._least = self._heights = self._wide = None
        super().changeEvent(event)

    def setText(self, text: str) -> None:
        self._least = self._heights = self._wide = None
        super().setText(text)

    def minimumSizeHint(self) -> QSize:
        if self._least is None:
            self._least = self._measure()
        return QSize(self._least)

    def _bold(self) -> QFontMetrics:
        bold = QFont(self.font())
        bold.setBold(True)  # a checked option is drawn bold: it must not clip then
        return QFontMetrics(bold)

    def _measure(self) -> QSize:
        # The style's push-button minimum (about 80 px) would push 11 scale points off a
        # narrow page; the text and the font decide instead, and never under 44 px.
        # (QPushButton's own minimumSizeHint calls sizeHint, so it is not asked here.)
        metrics = self.fontMetrics()
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.text = ""  # the style's padding and border, without its minimum text width
        wide = 200  # beyond any minimum width the style keeps (44 px in touch mode)
        frame = self.style().sizeFromContents(
            QStyle.ContentsType.CT_PushButton, option, QSize(wide, metrics.height()), self
        )
        centred = self.property("kind") == "scale"  # a number in the middle: little room
        frame.setWidth(SCALE_ROOM_PX if centred else 2 * PADDING_PX)  # what ToggleButton leaves
        self._frame = QSize(frame.width(), frame.height() - metrics.height())
        bold = self._bold()
        if self.wraps:  # as narrow as its longest word
            text = max((bold.horizontalAdvance(w) for w in self.text().split()), default=0)
        else:
            text = max(metrics.horizontalAdvance(self.text()), bold.horizontalAdvance(self.text()))
        width = text + frame.width()
        return QSize(max(TOUCH, width), max(TOUCH, frame.height()))

    def sizeHint(self) -> QSize:
        if self._wide is None:
            hint, least = super().sizeHint(), self.minimumSizeHint()
            width = max(hint.width(), least.width())
            if self.wraps:  # on one line
                width = max(
                    width, self._bold().horizontalAdvance(self.text()) + self._frame.width()
                )
                self._wide = QSize(width, self.heightForWidth(width))
            else:
                self._wide = QSize(width, max(hint.height(), least.height()))
        return QSize(self._wide)

    def hasHeightForWidth(self) -> bool:
        return self.wraps

    def heightForWidth(self, width: int) -> int:
        least = self.minimumSizeHint()
        if not self.wraps:
            return least.height()
        if self._heights is None:
            self._heights = {}
        height = self._heights.get(width)
        if height is None:
            room = max(width - self._frame.width(), 1)
            flags = int(Qt.TextFlag.TextWordWrap)
            text = self._bold().boundingRect(QRect(0, 0, room, 100_000), flags, self.text())
            height = max(least.height(), text.height() + self._frame.height())
            self._heights[width] = height
        return height


class ChoiceGroup(QWidget):
    """The options of one question, laid out as a segmented row, a stack or a scale."""

    toggled = Signal()
    """An option was checked or unchecked, by a click, a key, or an assistive tool."""
    clear_requested = Signal()

    def __init__(
        self,
        options: list[tuple[AnswerValue, str]],
        *,
        exclusive: bool,
        kind: str,
        sole: AnswerValue | None = None,
    ) -> None:
        """`sole`: in a group of several answers, the one that stands alone ("Prefer not to
        say"): choosing it unchoses the others, and choosing another unchoses it."""
        super().__init__()
        self.sole = sole
        self.setObjectName("choices")
        self.setProperty("kind", kind)
        self.group = QButtonGroup(self)
        self.group.setExclusive(exclusive)
        self.buttons: list[ChoiceButton] = []
        self.clear_action = QAction("Clear answer", self)
        self.clear_action.triggered.connect(self.clear_requested)
        layout: QLayout
        self._row: QHBoxLayout | None = None
        """A row of options, which stacks them when the page is too narrow for it."""
        if kind == "scale":
            layout = FillRows()
        elif kind in ("stacked", "toggle"):
            layout = QVBoxLayout()
        else:
            layout = self._row = QHBoxLayout()
        layout.setContentsMargins(0, 0, 0, 0)
        self.setLayout(layout)
        for value, label in options:
            button = ChoiceButton(label, value, kind)
            button.keys = self
            button.toggled.connect(lambda on, b=button: self._toggled(b, on))
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

    def _row_width(self) -> int:
        assert self._row is not None
        widths = [b.minimumSizeHint().width() for b in self.buttons]
        return sum(widths) + self._row.spacing() * max(len(widths) - 1, 0)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        if self._row is None or not self.buttons:
            return hint
        # Stacked, the options are as narrow as the widest: the page never scrolls sideways.
        return QSize(max(b.minimumSizeHint().width() for b in self.buttons), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        if self._row is not None:
            fits = event.size().width() >= self._row_width()
            wanted = QBoxLayout.Direction.LeftToRight if fits else QBoxLayout.Direction.TopToBottom
            if self._row.direction() != wanted:
                self._row.setDirection(wanted)
        super().resizeEvent(event)

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

    def _toggled(self, button: ChoiceButton, on: bool) -> None:
        if on and self.sole is not None and not self.group.exclusive():
            alone = button.property("answer") == self.sole
            for other in self.buttons:
                clash = alone or other.property("answer") == self.sole
                if other is not button and other.isChecked() and clash:
                    other.blockSignals(True)  # one change: this one
                    other.setChecked(False)
                    other.blockSignals(False)
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

    def key(self, watched: ChoiceButton, event: QKeyEvent) -> bool:
        """A key pressed on one of the options: True if the group used it. (The options
        hand their keys here themselves: an event filter on each would see every event
        of every option, a hundred a page turn.)"""
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
