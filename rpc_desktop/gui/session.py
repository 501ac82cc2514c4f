"""The open case: every change goes to the store as it is made, and listeners hear of it.

A QObject so pages and the eligibility panel can connect to `changed`; the saving itself
is the store's (one short transaction a change).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from rpc_desktop.domain.case import AnswerValue, Case, ParentSlot, Responses, Screening
from rpc_desktop.domain.eligibility import Evaluation, evaluate
from rpc_desktop.domain.flow import Flow
from rpc_desktop.domain.packs import Packs
from rpc_desktop.domain.scheme import Scheme
from rpc_desktop.store.store import Store

if TYPE_CHECKING:
    from rpc_desktop.documents.device import Device

SAVE_DELAY_MS = 250
"""Typing is saved a quarter of a second after the last key, and at once on leaving a field."""


def with_path(case: Case, path: str, value: Any) -> Case:
    """A validated copy of the case with one dotted-path field changed."""
    data = case.model_dump(mode="json")
    node: Any = data
    keys = path.split(".")
    for key in keys[:-1]:
        if isinstance(node, list):
            node = node[int(key)]
        else:
            if node.get(key) is None:
                node[key] = {}
            node = node[key]
    if isinstance(node, list):
        node[int(keys[-1])] = value
    else:
        node[keys[-1]] = value
    return Case.model_validate(data)


class CaseSession(QObject):
    changed = Signal()
    """The case changed (any field or answer)."""
    save_failed = Signal(str)

    def __init__(self, store: Store, packs: Packs, case: Case, page: str = "") -> None:
        super().__init__()
        self.store = store
        self.packs = packs
        self.case = case
        self.page = page
        self.device: Callable[[], Device] | None = None
        """This device's keys as IT configured them (set by the main window)."""
        rsq, screening = packs.require_questionnaires()
        self.flow = Flow(rsq, screening)
        self._pending = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)

    @property
    def scheme(self) -> Scheme | None:
        return self.packs.schemes.get(self.case.scheme_id)

    def evaluation(self) -> Evaluation | None:
        scheme = self.scheme
        if scheme is None:
            return None
        return evaluate(
            self.case, scheme, self.case.referral_date or date.today(), packs=self.packs
        )

    # --- details (everything but answers) ----------------------------------------------

    def update(self, path: str, value: Any, *, now: bool = True) -> bool:
        """Change one field; False (and nothing saved) if the value does not fit."""
        try:
            self.case = with_path(self.case, path, value)
        except ValueError as exc:
            self.save_failed.emit(f"{path}: {exc}")
            return False
        self._pending = True
        if now:
            self.flush()
        else:
            self._timer.start()
        self.changed.emit()
        return True

    def replace(self, case: Case) -> None:
        """A whole new version of the details (children added, oversight recorded…)."""
        try:
            self.case = Case.model_validate(case.model_dump(mode="json"))
        except ValueError as exc:  # shown to the user; the case stays as it was
            self.save_failed.emit(str(exc))
            return
        self._pending = True
        self.flush()
        self.changed.emit()

    def flush(self) -> None:
        self._timer.stop()
        if not self._pending:
            return
        try:
            self.store.save_details(self.case, self.page)
        except Exception as exc:
            self.save_failed.emit(str(exc))
            return
        self._pending = False

    def set_page(self, page: str) -> None:
        self.flush()
        self.page = page
        self.store.set_page(self.case.reference, page)

    # --- answers ---------------------------------------------------------------------

    def ensure_part(self, form: str, slot: ParentSlot) -> None:
        """Start a parent's questionnaire (or screening) under the current version."""
        field = f"{form}_{slot.value}"
        if getattr(self.case, field) is not None:
            return
        rsq, screening = self.packs.require_questionnaires()
        model = Responses if form == "rsq" else Screening
        version = rsq.version if form == "rsq" else screening.version
        self.replace(self.case.model_copy(update={field: model(questionnaire_version=version)}))

    def set_answer(
        self, form: str, slot: ParentSlot, item_id: str, value: AnswerValue | None
    ) -> None:
        """Save one answer the moment it is given."""
        rsq, screening = self.packs.require_questionnaires()
        version = rsq.version if form == "rsq" else screening.version
        field = f"{form}_{slot.value}"
        part = getattr(self.case, field)
        if part is None:
            part = (Responses if form == "rsq" else Screening)(questionnaire_version=version)
        answers = dict(part.answers)
        if value is None or value == "" or value == []:
            answers.pop(item_id, None)
            value = None
        else:
            answers[item_id] = value
        try:
            self.store.set_answer(self.case.reference, form, slot, item_id, value, version)
        except Exception as exc:
            self.save_failed.emit(str(exc))
            return
        self.case = self.case.model_copy(
            update={field: part.model_copy(update={"answers": answers})}
        )
        self.changed.emit()
