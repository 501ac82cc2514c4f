"""An input for each questionnaire item type, built from the questionnaire data.

Each question is one named group: its full text is the group's accessible name (", required"
added when it is), its guidance the description of the group and of every input in it.
Every input reports a change of value at once, whatever made it (a click, a key, or an
assistive tool), and stays quiet when the code itself shows a value. Labels show user and
pack text as plain text.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPlainTextEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from rpc_desktop.domain.case import AnswerValue
from rpc_desktop.domain.questionnaire import DECLINED, DECLINED_LABEL, Item, ItemType
from rpc_desktop.gui.widgets.fill_rows import TOUCH
from rpc_desktop.gui.widgets.toggle import ToggleButton
from rpc_desktop.gui.widgets.wrap_label import WrapLabel
from rpc_desktop.gui.wizard.choices import ChoiceButton, ChoiceGroup
from rpc_desktop.gui.wizard.dates import DateEntry

REQUIRED_TIP = 'Required: the scheme needs an answer ("Prefer not to say" is one)'
CLEAR_KEYS = QKeySequence("Ctrl+Shift+Backspace")
"""Clears the answer from anywhere in the question; choices also take Delete or Backspace."""
LONG_ROW = 40
"""Options whose labels add up to more characters than this are stacked, not in a row."""


def clear_layout(layout: QLayout) -> None:
    """Remove and delete everything in a layout, nested layouts included."""
    while layout.count():
        item = layout.takeAt(0)
        if item is None:
            continue
        widget, inner = item.widget(), item.layout()
        if widget is not None:
            widget.deleteLater()
        elif inner is not None:
            clear_layout(inner)


def plain_label(text: str, *, wrap: bool = True, role: str = "") -> QLabel:
    label = WrapLabel(text) if wrap else QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if role:
        label.setProperty("role", role)
    return label


class GuidanceLabel(WrapLabel):
    """The why/how guidance beside a question, with a bar down its left side."""

    BAR_PX = 3

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setProperty("role", "prompt")
        self.setContentsMargins(self.BAR_PX + 8, 0, 0, 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        painter = QPainter(self)
        bar = self.palette().color(QPalette.ColorRole.Mid)
        painter.fillRect(0, 0, self.BAR_PX, self.height(), bar)
        painter.end()


def required_legend() -> QLabel:
    """The key to the "*" mark, shown once on a page of questions."""
    legend = plain_label(f"* {REQUIRED_TIP}", role="legend")
    legend.setObjectName("requiredLegend")
    return legend


class AnswerInput(QGroupBox):
    """One item's input. `changed` carries the new answer (None when cleared)."""

    changed = Signal(object)

    def __init__(self, item: Item, question: str) -> None:
        super().__init__()
        self.item = item
        self._setting = False
        self._question = ""
        self._guidance = ""
        self.setObjectName("answerInput")
        self.setProperty("role", "answer")
        self.setFlat(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 8)
        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        self.question = plain_label(question, role="question")
        header.addWidget(self.question, 1)
        self.required_mark: QLabel | None = None
        if item.required:
            self.required_mark = plain_label("*", wrap=False, role="required")
            self.required_mark.setToolTip(REQUIRED_TIP)
            self.required_mark.setAccessibleName("Required")
            header.addWidget(self.required_mark, 0, Qt.AlignmentFlag.AlignTop)
        self.clear_button = QToolButton()
        self.clear_button.setText("Clear")
        self.clear_button.setObjectName("clearAnswer")
        self.clear_button.setProperty("role", "link")
        self.clear_button.setAutoRaise(True)
        self.clear_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.clear_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.clear_button.setToolTip(f"Clear this answer ({CLEAR_KEYS.toString()})")
        self.clear_button.clicked.connect(lambda: self.clear())
        header.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(header)
        self.clear_action = QAction("Clear answer", self)
        self.clear_action.setShortcut(CLEAR_KEYS)
        self.clear_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.clear_action.triggered.connect(lambda: self.clear())
        self.addAction(self.clear_action)
        self.choices: ChoiceGroup | None = None
        self._buttons: QButtonGroup | None = None
        self._checks: list[ChoiceButton] = []
        self._text: QPlainTextEdit | None = None
        self._date: DateEntry | None = None
        self._decline: ToggleButton | None = None
        """"Prefer not to say", beside a required scale, date or text (a choice offers it
        as one of its options)."""
        match item.type:
            case ItemType.YESNO | ItemType.SINGLE | ItemType.SCALE | ItemType.MULTI:
                self._build_choices(layout)
            case ItemType.DATE:
                self._date = DateEntry()
                self._date.changed.connect(lambda _d: self._emit())
                self._date.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
                self._date.addAction(self.clear_action)
                layout.addWidget(self._date)
            case ItemType.TEXT:
                self._text = QPlainTextEdit()
                self._text.setTabChangesFocus(True)
                self._text.setFixedHeight(self._text.fontMetrics().lineSpacing() * 4)
                self._text.textChanged.connect(self._emit)
                layout.addWidget(self._text)
        if item.offers_decline and item.type in (ItemType.SCALE, ItemType.DATE, ItemType.TEXT):
            self._decline = ToggleButton(DECLINED_LABEL, "segment")
            self._decline.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
            self._decline.setMinimumHeight(TOUCH)
            self._decline.toggled.connect(self._declined)
            layout.addWidget(self._decline, 0, Qt.AlignmentFlag.AlignLeft)
        self.set_question(question)
        self._sync()

    def _build_choices(self, layout: QVBoxLayout) -> None:
        options = self._choices()
        kind = {ItemType.SCALE: "scale", ItemType.MULTI: "toggle"}.get(self.item.type, "segment")
        if kind == "segment" and (
            len(options) > 3 or sum(len(label) for _v, label in options) > LONG_ROW
        ):
            kind = "stacked"
        multi = self.item.type is ItemType.MULTI
        sole = DECLINED if self.item.offers_decline else None
        self.choices = ChoiceGroup(options, exclusive=not multi, kind=kind, sole=sole)
        self.choices.toggled.connect(self._emit)
        self.choices.clear_requested.connect(lambda: self.clear())
        if multi:
            self._checks = self.choices.buttons
        else:
            self._buttons = self.choices.group
        layout.addWidget(self.choices)
        scale = self.item.scale
        if self.item.type is ItemType.SCALE and scale and (scale.min_label or scale.max_label):
            ends = QHBoxLayout()
            ends.setContentsMargins(0, 0, 0, 0)
            ends.addWidget(plain_label(scale.min_label, wrap=False, role="scaleEnd"))
            ends.addStretch(1)
            high = plain_label(scale.max_label, wrap=False, role="scaleEnd")
            high.setAlignment(Qt.AlignmentFlag.AlignRight)
            ends.addWidget(high)
            layout.addLayout(ends)
            # The end labels are read with the end buttons, not only seen under them.
            first, last = self.choices.buttons[0], self.choices.buttons[-1]
            for button, words in ((first, scale.min_label), (last, scale.max_label)):
                if words:
                    button.setAccessibleName(f"{button.text()}, {words}")

    def inputs(self) -> list[QWidget]:
        """Every widget that takes the answer, for names, descriptions and tests."""
        if self.choices is not None:
            return list(self.choices.buttons)
        decline: list[QWidget] = [self._decline] if self._decline is not None else []
        if self._date is not None:
            return [self._date, *self._date.fields(), *decline]
        return [self._text, *decline] if self._text is not None else decline

    def set_question(self, question: str) -> None:
        """The question as asked (names filled in), for the label and screen readers."""
        if question == self._question:
            return
        self._question = question
        self.question.setText(question)
        name = question + (", required" if self.item.required else "")
        self.setAccessibleName(name)
        self.clear_button.setAccessibleName(f"Clear answer: {question}")
        if self.choices is not None:
            self.choices.setAccessibleName(name)
        if self._date is not None:
            self._date.set_name(name)
        if self._text is not None:
            self._text.setAccessibleName(name)
        if self._decline is not None:
            self._decline.setAccessibleName(f"{DECLINED_LABEL}: {question}")

    def set_guidance(self, text: str) -> None:
        """Why and how to ask: the description a screen reader gives with the question."""
        self._guidance = text
        self.setAccessibleDescription(text)
        if self.choices is not None:
            self.choices.setAccessibleDescription(text)
        if self._date is not None:
            self._date.set_guidance(text)
            return
        for widget in self.inputs():
            widget.setAccessibleDescription(text)

    def _choices(self) -> list[tuple[AnswerValue, str]]:
        if self.item.type is ItemType.YESNO:
            return [("yes", "Yes"), ("no", "No")]
        if self.item.type is ItemType.SCALE and self.item.scale is not None:
            s = self.item.scale
            return [(n, str(n)) for n in range(s.min, s.max + 1)]
        options: list[tuple[AnswerValue, str]] = [(o.value, o.label) for o in self.item.options]
        if self.item.offers_decline:
            options.append((DECLINED, DECLINED_LABEL))
        return options

    def value(self) -> AnswerValue | None:
        if self._decline is not None and self._decline.isChecked():
            return DECLINED
        if self._buttons is not None:
            checked = self._buttons.checkedButton()
            return checked.property("answer") if checked else None
        if self._checks:
            chosen = [str(b.property("answer")) for b in self._checks if b.isChecked()]
            return DECLINED if chosen == [DECLINED] else chosen or None
        if self._date is not None:
            picked = self._date.value()
            return picked.isoformat() if picked else None
        if self._text is not None:
            return self._text.toPlainText() or None
        return None

    def set_value(self, value: AnswerValue | None) -> None:
        self._setting = True
        try:
            if self._buttons is not None:
                for button in self._buttons.buttons():
                    if button.property("answer") == value:
                        button.setChecked(True)
            elif self._checks:
                chosen = value if isinstance(value, list) else [value]
                for box in self._checks:
                    box.setChecked(box.property("answer") in chosen)
            if self._decline is not None:
                self._decline.setChecked(value == DECLINED)
            if value == DECLINED:
                pass  # nothing else to show
            elif self._date is not None:
                if isinstance(value, str):
                    self._date.set_date(date.fromisoformat(value))
            elif self._text is not None and isinstance(value, str):
                self._text.setPlainText(value)
        finally:
            self._setting = False
        self._sync()

    def _empty_inputs(self) -> None:
        """The input itself emptied, without a change told (the caller tells)."""
        self._setting = True
        try:
            if self.choices is not None:
                self.choices.uncheck_all()
            if self._date is not None:
                self._date.set_date(None)
            if self._text is not None:
                self._text.clear()
        finally:
            self._setting = False

    def clear(self, *, silent: bool = False) -> None:
        self._empty_inputs()
        if self._decline is not None:
            self._setting = True
            self._decline.setChecked(False)
            self._setting = False
        self._sync()
        if not silent:
            self.changed.emit(None)

    def _given(self) -> bool:
        """Whether the input itself (not "Prefer not to say") holds an answer."""
        if self.choices is not None:
            return bool(self.choices.checked())
        if self._date is not None:
            return self._date.value() is not None
        return self._text is not None and bool(self._text.toPlainText())

    def _sync(self) -> None:
        """The clear action is offered only when there is an answer to clear."""
        answered = self.value() is not None
        self.clear_button.setVisible(answered)
        self.clear_action.setEnabled(answered)
        if self.choices is not None:
            self.choices.clear_action.setEnabled(answered)

    def _declined(self, on: bool) -> None:
        """ "Prefer not to say" chosen: whatever was half given goes; unchosen: no answer."""
        if on and not self._setting:
            self._empty_inputs()
        self._emit()

    def _emit(self) -> None:
        decline = self._decline
        # An answer after all: "Prefer not to say" goes.
        if decline is not None and decline.isChecked() and not self._setting and self._given():
            decline.blockSignals(True)
            decline.setChecked(False)
            decline.blockSignals(False)
        self._sync()
        if not self._setting:
            self.changed.emit(self.value())
