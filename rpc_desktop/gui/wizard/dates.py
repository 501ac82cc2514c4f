"""A date as three plain fields (day, month by name, year): typed, tapped or set by an
assistive tool, with no spin arrows. Empty means not given; a date that cannot be says why."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QObject, QRegularExpression, Qt, Signal
from PySide6.QtGui import QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from rpc_desktop.gui.wizard.choices import touch_height

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

PARTIAL = "Give the day, month and year, or leave all three empty."


def _digits(count: int, placeholder: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    edit.setMaxLength(count)
    edit.setValidator(QRegularExpressionValidator(QRegularExpression(rf"\d{{0,{count}}}"), edit))
    edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
    touch_height(edit)
    edit.setProperty("role", "dateField")
    metrics = edit.fontMetrics()
    edit.setMinimumWidth(metrics.horizontalAdvance("0" * (count + 2)) + metrics.height())
    return edit


class DateEntry(QWidget):
    """`changed` carries the new date (None when empty or not a date yet), whatever made it."""

    changed = Signal(object)

    def __init__(self, name: str = "") -> None:
        super().__init__()
        self.setObjectName("dateEntry")
        self._setting = False
        self._last: date | None = None
        self._guidance = ""
        self.day = _digits(2, "Day")
        self.month = QComboBox()
        self.month.addItem("Month", None)
        for number, month in enumerate(MONTHS, start=1):
            self.month.addItem(month, number)
        touch_height(self.month)
        self.month.setProperty("role", "dateField")
        self.year = _digits(4, "Year")
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setProperty("role", "error")
        self.message.setObjectName("dateMessage")
        self.message.hide()
        # Each field has a caption it is the buddy of: on Linux a screen reader names a combo
        # box by its current text ("March") unless a label is linked to it.
        row = QGridLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setVerticalSpacing(0)
        for column, (field, caption) in enumerate(
            ((self.day, "Day"), (self.month, "Month"), (self.year, "Year"))
        ):
            label = QLabel(caption)
            label.setProperty("role", "caption")
            label.setBuddy(field)
            row.addWidget(label, 0, column)
            row.addWidget(field, 1, column)
        row.setColumnStretch(1, 2)
        row.setColumnStretch(3, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self._month_keys = ""
        for field in self.fields():
            field.installEventFilter(self)
        self.day.textChanged.connect(self._edited)
        self.year.textChanged.connect(self._edited)
        self.month.currentIndexChanged.connect(self._edited)
        self.setFocusProxy(self.day)  # a form label's buddy, or setFocus(), lands on the day
        self.set_name(name)

    def fields(self) -> list[QWidget]:
        return [self.day, self.month, self.year]

    def set_name(self, name: str) -> None:
        self.setAccessibleName(name)
        for field, part in zip(self.fields(), ("day", "month", "year"), strict=True):
            field.setAccessibleName(f"{name}: {part}" if name else part.capitalize())

    def set_guidance(self, text: str) -> None:
        self._guidance = text
        self._describe()

    def parts(self) -> tuple[str, int | None, str]:
        return self.day.text().strip(), self.month.currentData(), self.year.text().strip()

    def is_empty(self) -> bool:
        day, month, year = self.parts()
        return not day and month is None and not year

    def problem(self, *, finished: bool = True) -> str:
        """Why what is typed is not a date ("" when it is one, or when nothing is typed).
        Unfinished typing is a problem only once the person has moved on (`finished`)."""
        day, month, year = self.parts()
        if self.is_empty():
            return ""
        if not (day and month is not None and year):
            return PARTIAL if finished else ""
        if len(year) < 4:
            return "Write the year in full, for example 1985." if finished else ""
        if not 1 <= int(day) <= 31:
            return "The day must be a number from 1 to 31."
        try:
            date(int(year), month, int(day))
        except ValueError:
            return f"{MONTHS[month - 1]} {year} has no day {int(day)}."
        return ""

    def value(self) -> date | None:
        if self.is_empty() or self.problem():
            return None
        day, month, year = self.parts()
        assert month is not None
        return date(int(year), month, int(day))

    def set_date(self, value: date | None) -> None:
        """Show a date (or nothing) without reporting a change."""
        self._setting = True
        try:
            self.day.setText(str(value.day) if value else "")
            self.month.setCurrentIndex(value.month if value else 0)
            self.year.setText(f"{value.year:04d}" if value else "")
        finally:
            self._setting = False
        self._last = value
        self._show_problem("")

    def _edited(self) -> None:
        self._show_problem(self.problem(finished=False))
        if self._setting:
            return
        value = self.value()
        if value != self._last:
            self._last = value
            self.changed.emit(value)

    def _show_problem(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self._describe()

    def _describe(self) -> None:
        text = " ".join(t for t in (self.message.text(), self._guidance) if t)
        self.setAccessibleDescription(text)
        for field in self.fields():
            field.setAccessibleDescription(text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            now = QApplication.focusWidget()
            if now is None or not self.isAncestorOf(now):
                self._show_problem(self.problem())
        elif event.type() == QEvent.Type.FocusIn:
            self._month_keys = ""
        elif watched is self.month and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            return self._month_number(event.text())
        return False

    def _month_number(self, typed: str) -> bool:
        """Typing 3, or 0 then 3, picks March; 1 then 2 picks December."""
        if not typed.isdigit():
            return False
        keys = self._month_keys + typed
        if not 1 <= int(keys) <= 12:
            keys = typed
        self._month_keys = keys if len(keys) < 2 else ""
        if 1 <= int(keys) <= 12:
            self.month.setCurrentIndex(int(keys))
        return True
