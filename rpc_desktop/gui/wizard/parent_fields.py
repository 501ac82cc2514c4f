"""A parent's date of birth (any age, never after today) and, for a parent who lives apart
from the family, their own address: both in ui/parent_form.ui, bound here."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QCheckBox, QDateEdit, QFormLayout, QLineEdit

from rpc_desktop.domain.case import Address, ParentSlot
from rpc_desktop.domain.editing import Detail, parent_address_detail, parent_detail
from rpc_desktop.gui.session import CaseSession
from rpc_desktop.gui.wizard.choices import touch_height
from rpc_desktop.gui.wizard.dates import DateEntry
from rpc_desktop.gui.wizard.fields import Binder

IN_THE_FUTURE = "A date of birth cannot be after today: check the year."
AT_HOME = "Lives at the family address"
OWN_ADDRESS = (("line1", "Line 1"), ("line2", "Line 2"), ("town", "Town"), ("postcode", "Postcode"))


class BirthDateEntry(DateEntry):
    """A parent of any age can be referred (a parent under 18 too), so there is no lowest
    date; one after today is a slip, said under the field and not recorded."""

    def problem(self, *, finished: bool = True) -> str:
        found = super().problem(finished=finished)
        day, month, year = self.parts()
        if found or not (day and month is not None and len(year) == 4):
            return found
        return IN_THE_FUTURE if date(int(year), month, int(day)) > date.today() else ""


def bind_birth_date(
    binder: Binder, known: QCheckBox, edit: QDateEdit, detail: Detail
) -> BirthDateEntry:
    """Binder.bind_day with a date of birth's entry: the form's "recorded" tick and date edit
    give way to it."""
    entry = BirthDateEntry()
    binder.bind_day(known, edit, "Date of birth", detail, entry=entry)
    return entry


class OwnAddress:
    """ "Lives at the family address" ticked: the parent has no address of their own (None).
    Unticked: their address, in the rows under the tick. Ticking it again keeps what was
    typed until the page is left, so a slip of the finger loses nothing."""

    def __init__(
        self,
        session_of: Callable[[], CaseSession],
        slot: ParentSlot,
        form: QFormLayout,
        tick: QCheckBox,
        edits: list[QLineEdit],
    ) -> None:
        self._session = session_of
        self.slot = slot
        self.form = form
        self.tick = tick
        self.edits = edits
        self._loading = False
        self._kept: Address | None = None
        tick.setAccessibleName(f"{slot.label}: {AT_HOME}")
        tick.setProperty("role", "detail")
        touch_height(tick)
        self.binder = Binder(session_of, form, prefix=f"{slot.label}'s own address")
        for edit, (field, label) in zip(edits, OWN_ADDRESS, strict=True):
            self.binder.bind_line(edit, label, parent_address_detail(slot, field))
        tick.toggled.connect(self._ticked)

    def refresh(self) -> None:
        self._loading = True
        try:
            at_home = self._session().case.parent(self.slot).address is None
            self.tick.setChecked(at_home)
            self._show(not at_home)
            self.binder.refresh()
        finally:
            self._loading = False

    def _show(self, shown: bool) -> None:
        for edit in self.edits:
            self.form.setRowVisible(edit, shown)

    def _ticked(self, at_home: bool) -> None:
        if self._loading:
            return
        held = self._session().case.parent(self.slot).address
        if at_home:
            self._kept = held
            value = None
        else:
            value = held or self._kept or Address()
        if self._session().update(parent_detail(self.slot, "address"), value):
            self._show(not at_home)
            self.binder.refresh()
        else:
            self.refresh()  # refused (the session said why): show what the case holds
