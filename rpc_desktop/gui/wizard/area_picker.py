"""The family's local authority, picked from the scheme's areas, or typed when it is somewhere
else: the area criterion then says the family lives outside the scheme's areas.

A case file may hold the area as people write it ("Co. Durham", "Redcar & Cleveland Borough
Council"): the list shows the listed area it matches (Scheme.area_for), and the case keeps the
words until the practitioner picks again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit

from rpc_desktop.domain.editing import Detail, address_detail, read
from rpc_desktop.domain.scheme import Scheme
from rpc_desktop.gui.session import CaseSession
from rpc_desktop.gui.wizard.choices import touch_height
from rpc_desktop.gui.wizard.fields import NOT_SET
from rpc_desktop.gui.wizard.items import plain_label

ELSEWHERE = "Somewhere else"
_ELSEWHERE = object()
"""The data of the "Somewhere else" option: no area's name can be mistaken for it."""


class AreaPicker:
    """Two rows of a form: a drop-down of the scheme's areas and "Somewhere else", and (only
    for somewhere else) the area's name, typed."""

    DETAIL: Detail = address_detail("local_authority")

    def __init__(
        self, session_of: Callable[[], CaseSession], form: QFormLayout, prefix: str
    ) -> None:
        self._session = session_of
        self._loading = False
        self._scheme_id: str | None = ""
        self.form = form
        self.combo = QComboBox()
        self.combo.setAccessibleName(f"{prefix}: Local authority")
        self.combo.setProperty("role", "detail")
        touch_height(self.combo)
        form.addRow("Local authority", self.combo)  # the row's label is the combo's buddy
        self.other = QLineEdit()
        self.other.setAccessibleName(f"{prefix}: Local authority, somewhere else")
        self.other.setProperty("role", "detail")
        touch_height(self.other)
        form.addRow("Which local authority", self.other)
        self.hint = plain_label("")
        form.addRow("", self.hint)
        self.combo.currentIndexChanged.connect(self._picked)
        self.other.textChanged.connect(self._typed)
        self.other.editingFinished.connect(lambda: self._session().flush())

    # --- what the case holds, shown ------------------------------------------------------

    def refresh(self) -> None:
        self._loading = True
        try:
            scheme = self._session().scheme
            self._fill(scheme)
            held = str(read(self._session().case, self.DETAIL) or "")
            listed = scheme.area_for(held) if scheme is not None and held.strip() else None
            if not held.strip():
                index = 0
            elif listed is not None:
                index = self.combo.findText(listed)
            else:
                index = self.combo.count() - 1
            self.combo.setCurrentIndex(index)
            self.other.setText("" if listed is not None else held)
            self._show_other()
        finally:
            self._loading = False

    def _fill(self, scheme: Scheme | None) -> None:
        """The scheme's areas in alphabetical order (a name is found by typing its first
        letters), kept until the scheme changes."""
        scheme_id = scheme.id if scheme is not None else None
        if scheme_id == self._scheme_id:
            return
        self._scheme_id = scheme_id
        self.combo.clear()
        self.combo.addItem(NOT_SET, None)
        for area in sorted(scheme.areas if scheme is not None else [], key=str.casefold):
            self.combo.addItem(area, area)
        self.combo.addItem(ELSEWHERE, _ELSEWHERE)

    def elsewhere(self) -> bool:
        return self.combo.currentData() is _ELSEWHERE

    def _show_other(self) -> None:
        shown = self.elsewhere()
        self.form.setRowVisible(self.other, shown)
        self.form.setRowVisible(self.hint, shown)
        self._explain()

    def _explain(self) -> None:
        """Says, as the name is typed, what the area criterion will make of it."""
        scheme = self._session().scheme
        typed = self.other.text().strip()
        if scheme is None:
            text = "Choose the scheme first to pick from its areas."
        elif typed and (listed := scheme.area_for(typed)) is not None:
            text = f"That is in {listed}, one of the areas listed above: pick it there."
        else:
            text = (
                f"{scheme.name} serves only the areas listed above: the eligibility check "
                "shows a family living elsewhere as outside them."
            )
        self.hint.setText(text)
        self.other.setAccessibleDescription(text)

    # --- the practitioner's changes, saved ------------------------------------------------

    def _save(self, value: str, *, now: bool = True) -> None:
        if self._loading:
            return
        if not self._session().update(self.DETAIL, value, now=now):
            self.refresh()  # refused (the session said why): show what the case holds

    def _picked(self, index: int) -> None:
        if self._loading:
            return
        data = self.combo.itemData(index)
        if data is _ELSEWHERE:
            self._save(self.other.text())
        else:
            self._save(data or "")
        self._show_other()

    def _typed(self, text: str) -> None:
        self._save(text, now=False)
        self._explain()
