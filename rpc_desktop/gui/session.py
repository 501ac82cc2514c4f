"""The open case, for Qt: a thin adapter over app.editor.CaseEditor.

Pages call its methods with the domain's verbs; it tells the pages and the eligibility panel
that the case changed (`changed`), and turns a refused or unsaved change into a message
(`save_failed`) instead of an exception inside a slot. Typing is saved a quarter of a second
after the last key (and at once when the field is left).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from rpc_desktop.app.editor import CaseEditor, Verb
from rpc_desktop.app.workspace import Workspace
from rpc_desktop.domain.case import AnswerValue, Case, Form, ParentSlot
from rpc_desktop.domain.editing import Detail
from rpc_desktop.domain.eligibility import Evaluation
from rpc_desktop.domain.flow import Flow
from rpc_desktop.domain.packs import Packs
from rpc_desktop.domain.scheme import Scheme
from rpc_desktop.errors import RpcError

SAVE_DELAY_MS = 250
"""Typing is saved a quarter of a second after the last key, and at once on leaving a field."""


class CaseSession(QObject):
    changed = Signal()
    """The case changed (any field or answer)."""
    save_failed = Signal(str)
    """A change was refused (it does not fit) or could not be saved: what to tell the user."""
    guidance_shown = Signal(bool)
    """The why/how guidance beside the questions shown (True) or hidden (one key or tap)."""

    def __init__(self, editor: CaseEditor, workspace: Workspace) -> None:
        super().__init__()
        self.editor = editor
        self.workspace = workspace
        """For what the review page does with the case as saved (preview, send)."""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        self.guidance = True
        self._page: str | None = None
        """The page the case resumes on, not yet saved (written with the next save)."""

    def show_guidance(self, on: bool) -> None:
        if on != self.guidance:
            self.guidance = on
            self.guidance_shown.emit(on)

    @property
    def case(self) -> Case:
        return self.editor.case

    @property
    def page(self) -> str:
        """The page the case resumes on (the last one shown, saved or about to be)."""
        return self._page if self._page is not None else self.editor.page

    @property
    def packs(self) -> Packs:
        return self.editor.packs

    @property
    def flow(self) -> Flow:
        return self.editor.flow

    @property
    def scheme(self) -> Scheme | None:
        return self.editor.scheme

    def evaluation(self) -> Evaluation | None:
        return self.editor.evaluation()

    def _attempt(self, action: Callable[[], None]) -> bool:
        try:
            action()
        except RpcError as exc:
            self.save_failed.emit(str(exc))
            return False
        return True

    def update(self, detail: Detail, value: object, *, now: bool = True) -> bool:
        """Change one detail; False (and nothing kept) if the value does not fit."""
        if not self._attempt(lambda: self.editor.edit(detail, value, save=False)):
            return False
        if now:
            self.flush()
        else:
            self._timer.start()
        self.changed.emit()
        return True

    def change(self, verb: Verb) -> bool:
        """Apply a verb (add a child, sign, record oversight…) and save it."""
        if not self._attempt(lambda: self.editor.change(verb, save=False)):
            return False
        self.flush()
        self.changed.emit()
        return True

    def answer(self, form: Form, slot: ParentSlot, item_id: str, value: AnswerValue | None) -> bool:
        """Give one answer: refused with a message if the question does not take it."""
        if not self._attempt(lambda: self.editor.answer(form, slot, item_id, value)):
            return False
        self._save_page()  # an answer is saved as given: so is the page it was given on
        self.changed.emit()
        return True

    def start(self, form: Form, slot: ParentSlot) -> None:
        """Begin a parent's questionnaire or screening; `changed` only if it had not begun
        (each arrival at one of its pages asks)."""
        begun: list[bool] = []
        if self._attempt(lambda: begun.append(self.editor.start(form, slot))) and begun[0]:
            self.changed.emit()

    @property
    def with_parent(self) -> ParentSlot | None:
        """The parent the practitioner confirmed they are with alone (see the handover)."""
        return self.editor.with_parent

    def hand_over(self, slot: ParentSlot | None) -> None:
        if slot is self.editor.with_parent:
            return  # nothing changes (a page turn asks this on every step)
        if self._attempt(lambda: self.editor.hand_over(slot)):
            self.changed.emit()

    def reveal_screening(self, slot: ParentSlot) -> bool:
        """Recorded (audited) before anything is shown; False if it could not be."""
        return self._attempt(lambda: self.editor.reveal_screening(slot))

    def flush(self) -> bool:
        """Save what is pending; False (and said through save_failed) if it could not be."""
        self._timer.stop()
        if not self._attempt(self.editor.flush):
            return False
        return self._save_page()

    def _save_page(self) -> bool:
        page, self._page = self._page, None
        return page is None or self._attempt(lambda: self.editor.set_page(page))

    def set_page(self, page: str) -> None:
        """Where the case resumes: saved a moment after the page turn (with any detail
        pending), not during it; closing, locking and every other save write it too."""
        if page != self.editor.page or self._page is not None:
            self._page = page
            self._timer.start()
