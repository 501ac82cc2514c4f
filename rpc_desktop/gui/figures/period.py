"""Choosing the figures' period: this month, last month, this quarter, last year, or any
days from/to. The chosen period's days always show in From and To; they can be changed
only for "Custom"."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QGridLayout, QLabel, QWidget

from rpc_desktop.domain.figures_summary import (
    Period,
    last_month,
    last_year,
    this_month,
    this_quarter,
)

CUSTOM = "custom"
CHOICES: dict[str, tuple[str, Callable[[date], Period] | None]] = {
    "this-month": ("This month", this_month),
    "last-month": ("Last month", last_month),
    "this-quarter": ("This quarter", this_quarter),
    "last-year": ("Last year", last_year),
    CUSTOM: ("Custom", None),
}


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class PeriodChooser(QWidget):
    """`changed` carries the new Period, or None while From is after To."""

    changed = Signal(object)

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        self.choice = QComboBox()
        self.choice.setAccessibleName("Period")
        for key, (words, _make) in CHOICES.items():
            self.choice.addItem(words, key)
        self.start = self._date_edit("From")
        self.end = self._date_edit("To")
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for column, (text, widget) in enumerate(
            (("&Period:", self.choice), ("&From:", self.start), ("&To:", self.end))
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            layout.addWidget(label, 0, 2 * column)
            layout.addWidget(widget, 0, 2 * column + 1)
        layout.setColumnStretch(6, 1)
        self._showing = False
        self.choice.currentIndexChanged.connect(self._chosen)
        self.start.dateChanged.connect(self._edited)
        self.end.dateChanged.connect(self._edited)
        self._chosen()

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setAccessibleName(name)
        edit.setDisplayFormat("dd/MM/yyyy")
        edit.setCalendarPopup(True)
        return edit

    @property
    def key(self) -> str:
        return str(self.choice.currentData())

    def choose(self, key: str) -> None:
        self.choice.setCurrentIndex(self.choice.findData(key))

    def set_custom(self, start: date, end: date) -> None:
        showing, self._showing = self._showing, True
        try:
            self.choose(CUSTOM)
            self.start.setDate(_qdate(start))
            self.end.setDate(_qdate(end))
        finally:
            self._showing = showing
        self.changed.emit(self.period())

    def period(self) -> Period | None:
        start, end = _day(self.start.date()), _day(self.end.date())
        return Period(start, end) if start <= end else None

    def _chosen(self) -> None:
        make = CHOICES[self.key][1]
        self.start.setEnabled(make is None)
        self.end.setEnabled(make is None)
        showing, self._showing = self._showing, True
        try:
            if make is not None:
                period = make(self.today())
                self.start.setDate(_qdate(period.start))
                self.end.setDate(_qdate(period.end))
        finally:
            self._showing = showing
        if not self._showing:
            self.changed.emit(self.period())

    def _edited(self) -> None:
        if not self._showing:
            self.changed.emit(self.period())
