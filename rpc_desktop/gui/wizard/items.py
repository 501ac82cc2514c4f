"""An input for each questionnaire item type, built from the questionnaire data.

Every input reports a change at once; labels show user and pack text as plain text.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from rpc_desktop.domain.case import AnswerValue
from rpc_desktop.domain.questionnaire import Item, ItemType


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
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    if role:
        label.setProperty("role", role)
    return label


class AnswerInput(QWidget):
    """One item's input. `changed` carries the new answer (None when cleared)."""

    changed = Signal(object)

    def __init__(self, item: Item, question: str) -> None:
        super().__init__()
        self.item = item
        self._setting = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 8)
        self.question = plain_label(question + (" *" if item.required else ""), role="question")
        layout.addWidget(self.question)
        self._buttons: QButtonGroup | None = None
        self._checks: list[QCheckBox] = []
        self._text: QPlainTextEdit | None = None
        self._date: QDateEdit | None = None
        self._date_set: QCheckBox | None = None
        row = QHBoxLayout()
        layout.addLayout(row)
        name = question[:80]
        match item.type:
            case ItemType.YESNO | ItemType.SINGLE | ItemType.SCALE:
                self._buttons = QButtonGroup(self)
                for value, label in self._choices():
                    button = QRadioButton(label)
                    button.setProperty("answer", value)
                    button.setAccessibleName(f"{name}: {label}")
                    self._buttons.addButton(button)
                    row.addWidget(button)
                row.addStretch(1)
                self._buttons.buttonClicked.connect(lambda _b: self._emit())
                if item.type is not ItemType.SCALE and len(item.options) > 3:
                    # Long option lists read better stacked.
                    for stacked in self._buttons.buttons():
                        row.removeWidget(stacked)
                        layout.addWidget(stacked)
            case ItemType.MULTI:
                for option in item.options:
                    box = QCheckBox(option.label)
                    box.setProperty("answer", option.value)
                    box.setAccessibleName(f"{name}: {option.label}")
                    box.toggled.connect(lambda _on: self._emit())
                    self._checks.append(box)
                    layout.addWidget(box)
            case ItemType.DATE:
                self._date_set = QCheckBox("Answered")
                self._date_set.setAccessibleName(f"{name}: answered")
                self._date = QDateEdit()
                self._date.setCalendarPopup(True)
                self._date.setDisplayFormat("d MMMM yyyy")
                self._date.setAccessibleName(name)
                self._date.setEnabled(False)
                self._date_set.toggled.connect(self._date.setEnabled)
                self._date_set.toggled.connect(lambda _on: self._emit())
                self._date.dateChanged.connect(lambda _d: self._emit())
                row.addWidget(self._date_set)
                row.addWidget(self._date)
                row.addStretch(1)
            case ItemType.TEXT:
                self._text = QPlainTextEdit()
                self._text.setAccessibleName(name)
                self._text.setTabChangesFocus(True)
                self._text.setFixedHeight(self._text.fontMetrics().lineSpacing() * 4)
                self._text.textChanged.connect(self._emit)
                layout.addWidget(self._text)
        clear = QPushButton("Clear answer")
        clear.setAccessibleName(f"{name}: clear answer")
        clear.setProperty("role", "link")
        clear.clicked.connect(lambda: self.clear())
        layout.addWidget(clear, alignment=Qt.AlignmentFlag.AlignLeft)

    def set_question(self, question: str) -> None:
        """The question as asked (names filled in), for the label and screen readers."""
        label = question + (" *" if self.item.required else "")
        if self.question.text() == label:
            return
        self.question.setText(label)
        name = question[:80]
        buttons = self._buttons.buttons() if self._buttons is not None else []
        for widget in [*buttons, *self._checks]:
            widget.setAccessibleName(f"{name}: {widget.text()}")
        for field in (self._date, self._text):
            if field is not None:
                field.setAccessibleName(name)

    def _choices(self) -> list[tuple[AnswerValue, str]]:
        if self.item.type is ItemType.YESNO:
            return [("yes", "Yes"), ("no", "No")]
        if self.item.type is ItemType.SCALE and self.item.scale is not None:
            s = self.item.scale
            return [
                (
                    n,
                    f"{n}"
                    + (f" {s.min_label}" if n == s.min and s.min_label else "")
                    + (f" {s.max_label}" if n == s.max and s.max_label else ""),
                )
                for n in range(s.min, s.max + 1)
            ]
        return [(o.value, o.label) for o in self.item.options]

    def value(self) -> AnswerValue | None:
        if self._buttons is not None:
            checked = self._buttons.checkedButton()
            return checked.property("answer") if checked else None
        if self._checks:
            chosen = [str(b.property("answer")) for b in self._checks if b.isChecked()]
            return chosen or None
        if self._date is not None and self._date_set is not None:
            if not self._date_set.isChecked():
                return None
            picked: date = self._date.date().toPython()  # type: ignore[assignment]
            return picked.isoformat()
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
                chosen = value if isinstance(value, list) else []
                for box in self._checks:
                    box.setChecked(box.property("answer") in chosen)
            elif self._date is not None and self._date_set is not None:
                if isinstance(value, str):
                    day = date.fromisoformat(value)
                    self._date.setDate(QDate(day.year, day.month, day.day))
                    self._date_set.setChecked(True)
            elif self._text is not None and isinstance(value, str):
                self._text.setPlainText(value)
        finally:
            self._setting = False

    def clear(self, *, silent: bool = False) -> None:
        self._setting = True
        try:
            if self._buttons is not None:
                self._buttons.setExclusive(False)
                for button in self._buttons.buttons():
                    button.setChecked(False)
                self._buttons.setExclusive(True)
            for box in self._checks:
                box.setChecked(False)
            if self._date_set is not None:
                self._date_set.setChecked(False)
            if self._text is not None:
                self._text.clear()
        finally:
            self._setting = False
        if not silent:
            self.changed.emit(None)

    def _emit(self) -> None:
        if not self._setting:
            self.changed.emit(self.value())
