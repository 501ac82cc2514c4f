"""The scheme's pathway, picked from the scheme pack's list, or left for the gateway to decide
(stored as ""). The list follows the scheme: a pathway the newly chosen scheme does not offer
is cleared, and the practitioner is told so (beside the list and in the status bar)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QFormLayout

from rpc_desktop.domain.editing import Detail, case_detail
from rpc_desktop.gui.session import CaseSession
from rpc_desktop.gui.wizard.choices import touch_height
from rpc_desktop.gui.wizard.items import plain_label

GATEWAY_DECIDES = "Let the gateway decide"
NO_PATHWAYS = "This scheme has no pathways to choose from."
NOT_OFFERED = " (not one of this scheme's pathways)"


class PathwayPicker:
    """Two rows of a form: the drop-down, and a note (no pathways; a pathway cleared)."""

    DETAIL: Detail = case_detail("pathway")

    def __init__(self, session_of: Callable[[], CaseSession], form: QFormLayout) -> None:
        self._session = session_of
        self._loading = False
        self._scheme_id: str | None = None
        """The scheme the list was filled for (None until it first is)."""
        self._said = ""
        self.form = form
        self.combo = QComboBox()
        self.combo.setAccessibleName("Pathway")
        self.combo.setProperty("role", "detail")
        touch_height(self.combo)
        form.addRow("Pathway", self.combo)  # the row's label is the drop-down's buddy
        self.note = plain_label("")
        form.addRow("", self.note)
        self.combo.currentIndexChanged.connect(self._picked)

    def refresh(self) -> None:
        self._loading = True
        try:
            scheme = self._session().scheme
            held = self._session().case.pathway
            offered = list(scheme.pathways) if scheme is not None else []
            self._scheme_id = scheme.id if scheme is not None else ""
            self.combo.clear()
            self.combo.addItem(GATEWAY_DECIDES, "")
            for pathway in offered:
                self.combo.addItem(pathway, pathway)
            if held and held not in offered:
                # A case file may name one the pack lacks: shown as it is, never dropped here.
                self.combo.addItem(held + NOT_OFFERED, held)
            self.combo.setCurrentIndex(max(self.combo.findData(held), 0))
            listed = self.combo.count() > 1
            self.form.setRowVisible(self.combo, listed)
            self._show_note("" if listed else NO_PATHWAYS)
        finally:
            self._loading = False

    def _show_note(self, text: str) -> None:
        shown = " ".join(t for t in (self._said, text) if t)
        self.note.setText(shown)
        self.form.setRowVisible(self.note, bool(shown))
        self.combo.setAccessibleDescription(shown)

    def scheme_changed(self) -> None:
        """The scheme drop-down moved: if the case's scheme changed, a pathway the new scheme
        does not offer is cleared (the gateway decides), and the list is the new scheme's."""
        session = self._session()
        scheme = session.scheme
        scheme_id = scheme.id if scheme is not None else ""
        if self._scheme_id is None or scheme_id == self._scheme_id:
            self.refresh()  # showing the case as it is (the page filling), not a change
            return
        held = session.case.pathway
        if held and (scheme is None or held not in scheme.pathways):
            name = scheme.name if scheme is not None else "this scheme"
            if session.update(self.DETAIL, ""):
                self._said = (
                    f"“{held}” is not one of {name}'s pathways: it was cleared, "
                    "so the gateway decides unless you pick another."
                )
                session.save_failed.emit(self._said)
        self.refresh()

    def _picked(self, index: int) -> None:
        if self._loading:
            return
        self._said = ""
        if not self._session().update(self.DETAIL, self.combo.itemData(index)):
            self.refresh()  # refused (the session said why): show what the case holds
            return
        self._show_note("")
