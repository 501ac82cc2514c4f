"""Form fields bound to a detail of the case (domain.editing.Detail): each edit goes through
the session, which checks it and saves it.

A field saves when its value changes, whatever changed it (typing, a tap, or an assistive
tool setting it), and not when `refresh` shows what the case holds.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
)

from rpc_desktop.domain.editing import Detail, read
from rpc_desktop.gui.session import CaseSession
from rpc_desktop.gui.wizard.choices import touch_height
from rpc_desktop.gui.wizard.dates import DateEntry

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
        edit.setProperty("role", "detail")
        touch_height(edit)
        edit.textChanged.connect(lambda text: self._save(detail, text, now=False))
        edit.editingFinished.connect(lambda: self._session().flush())
        self._refreshers[detail] = lambda: edit.setText(str(self._read(detail) or ""))
        return edit

    def bind_choice(
        self, combo: QComboBox, label: str, detail: Detail, options: list[tuple[Any, str]]
    ) -> QComboBox:
        """A drop-down; the first option may be (None, "—") for not recorded."""
        combo.setAccessibleName(self.name(label))
        combo.setProperty("role", "detail")
        touch_height(combo)
        for value, text in options:
            combo.addItem(text, value)
        combo.currentIndexChanged.connect(lambda index: self._save(detail, combo.itemData(index)))

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
        box.setProperty("role", "detail")
        touch_height(box)
        box.toggled.connect(lambda on: self._save(detail, on))
        self._refreshers[detail] = lambda: box.setChecked(bool(self._read(detail)))
        return box

    def bind_date(self, entry: DateEntry, label: str, detail: Detail) -> DateEntry:
        """A date typed as day, month and year; left empty, it is not recorded."""
        entry.set_name(self.name(label))
        entry.changed.connect(lambda picked: self._save(detail, picked))

        def refresh() -> None:
            value = self._read(detail)
            entry.set_date(value if isinstance(value, date) else None)

        self._refreshers[detail] = refresh
        return entry

    def bind_day(
        self,
        known: QCheckBox,
        edit: QDateEdit,
        label: str,
        detail: Detail,
        entry: DateEntry | None = None,
    ) -> DateEntry:
        """A date laid out in a .ui form as a "recorded" tick and a date edit: both give way
        to a DateEntry (or `entry`, a kind of one) in the same place (empty means not
        recorded; no spin arrows)."""
        entry = entry or DateEntry()
        host = edit.parentWidget()
        layout = host.layout() if host is not None else None
        if host is not None:
            # The form's row label named the tick box or the date edit: it names the entry.
            for row_label in host.findChildren(QLabel):
                if row_label.buddy() in (known, edit):
                    row_label.setBuddy(entry)
        if layout is not None:
            layout.replaceWidget(edit, entry)
            layout.removeWidget(known)
        for old in (known, edit):
            old.hide()
            old.deleteLater()
        return self.bind_date(entry, label, detail)

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

    def day(self, label: str, detail: Detail) -> DateEntry:
        entry = self.bind_date(DateEntry(), label, detail)
        self.form.addRow(self.visible(label), entry)
        return entry
