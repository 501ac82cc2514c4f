"""Form fields bound to a detail of the case (domain.editing.Detail): each edit goes through
the session, which checks it and saves it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QWidget,
)

from rpc_desktop.domain.editing import Detail, read
from rpc_desktop.gui.session import CaseSession

NOT_SET = "—"
YES_NO: list[tuple[Any, str]] = [(None, NOT_SET), (True, "Yes"), (False, "No")]


class Binder:
    """Builds bound fields into a form and refreshes them from the case."""

    def __init__(
        self,
        session_of: Callable[[], CaseSession],
        form: QFormLayout | None = None,
        prefix: str = "",
    ) -> None:
        self._session = session_of
        self.form = form or QFormLayout()
        self.prefix = prefix
        """Added to accessible names, so two groups' "Name" fields can be told apart."""
        self._refreshers: dict[Detail, Callable[[], None]] = {}
        self._loading = False

    def refresh(self) -> None:
        self._loading = True
        try:
            for refresh in self._refreshers.values():
                refresh()
        finally:
            self._loading = False

    def _put_back(self, detail: Detail) -> None:
        """A change was refused (the session said why): the field shows what the case holds."""
        self._loading = True
        try:
            self._refreshers[detail]()
        finally:
            self._loading = False

    @staticmethod
    def visible(label: str) -> str:
        """Field labels carry no Alt-key mnemonics: they clashed with Next and Back."""
        return label.replace("&", "")

    def name(self, label: str) -> str:
        bare = label.replace("&", "")
        return f"{self.prefix}: {bare}" if self.prefix else bare

    def _save(self, detail: Detail, value: Any, *, now: bool = True) -> None:
        if not self._loading and not self._session().update(detail, value, now=now):
            self._put_back(detail)

    def _read(self, detail: Detail) -> Any:
        return read(self._session().case, detail)

    # --- binding widgets made elsewhere (ui/*.ui forms) -----------------------------------

    def bind_line(self, edit: QLineEdit, label: str, detail: Detail) -> QLineEdit:
        edit.setAccessibleName(self.name(label))
        edit.textEdited.connect(lambda text: self._save(detail, text, now=False))
        edit.editingFinished.connect(lambda: self._session().flush())
        self._refreshers[detail] = lambda: edit.setText(str(self._read(detail) or ""))
        return edit

    def bind_choice(
        self, combo: QComboBox, label: str, detail: Detail, options: list[tuple[Any, str]]
    ) -> QComboBox:
        """A drop-down; the first option may be (None, "—") for not recorded."""
        combo.setAccessibleName(self.name(label))
        for value, text in options:
            combo.addItem(text, value)
        combo.activated.connect(lambda index: self._save(detail, combo.itemData(index)))

        def refresh() -> None:
            current = self._read(detail)
            current = getattr(current, "value", current)
            combo.setCurrentIndex(max(combo.findData(current), 0))

        self._refreshers[detail] = refresh
        return combo

    def bind_yes_no(self, combo: QComboBox, label: str, detail: Detail) -> QComboBox:
        return self.bind_choice(combo, label, detail, YES_NO)

    def bind_check(self, box: QCheckBox, label: str, detail: Detail) -> QCheckBox:
        box.setAccessibleName(self.name(label))
        box.toggled.connect(lambda on: self._save(detail, on))
        self._refreshers[detail] = lambda: box.setChecked(bool(self._read(detail)))
        return box

    def bind_day(self, known: QCheckBox, edit: QDateEdit, label: str, detail: Detail) -> QDateEdit:
        """A date with an explicit "recorded" tick: a date edit cannot be empty."""
        known.setAccessibleName(f"{self.name(label)}: recorded")
        edit.setAccessibleName(self.name(label))
        edit.setDate(QDate.currentDate())

        def push() -> None:
            picked: date = edit.date().toPython()  # type: ignore[assignment]
            self._save(detail, picked.isoformat() if known.isChecked() else None)

        def toggled(on: bool) -> None:
            edit.setEnabled(on)
            push()

        known.toggled.connect(toggled)
        edit.dateChanged.connect(lambda _d: push() if known.isChecked() else None)

        def refresh() -> None:
            value = self._read(detail)
            if isinstance(value, date):
                edit.setDate(QDate(value.year, value.month, value.day))
                known.setChecked(True)
            else:
                known.setChecked(False)
                edit.setDate(QDate.currentDate())
            edit.setEnabled(known.isChecked())

        self._refreshers[detail] = refresh
        return edit

    # --- making and binding, for rows built in code (children, the scheme page) -----------

    def line(self, label: str, detail: Detail) -> QLineEdit:
        edit = self.bind_line(QLineEdit(), label, detail)
        self.form.addRow(self.visible(label), edit)
        return edit

    def choice(self, label: str, detail: Detail, options: list[tuple[Any, str]]) -> QComboBox:
        combo = self.bind_choice(QComboBox(), label, detail, options)
        self.form.addRow(self.visible(label), combo)
        return combo

    def check(self, label: str, detail: Detail) -> QCheckBox:
        box = self.bind_check(QCheckBox(self.visible(label)), label, detail)
        self.form.addRow("", box)
        return box

    def day(self, label: str, detail: Detail) -> QDateEdit:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        known = QCheckBox("Recorded")
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("d MMMM yyyy")
        layout.addWidget(known)
        layout.addWidget(edit, 1)
        self.form.addRow(self.visible(label), row)
        return self.bind_day(known, edit, label, detail)
