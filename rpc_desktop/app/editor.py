"""One open case: the domain's editing verbs applied to it, and every change saved as it is
made (an answer in its own short transaction; the details when the editor is flushed).

Qt-free: the wizard's session (gui/session.py) is a thin adapter that calls these and tells
the pages the case changed. A change that does not fit the case raises EditError and
nothing is kept; a change that cannot be saved raises StoreError and stays pending, so the
next flush tries again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from rpc_desktop.domain import editing
from rpc_desktop.domain.case import AnswerValue, Case, Form, ParentSlot
from rpc_desktop.domain.eligibility import Evaluation, evaluate
from rpc_desktop.domain.flow import Flow
from rpc_desktop.domain.packs import Packs
from rpc_desktop.domain.scheme import Scheme
from rpc_desktop.store.store import Store

Verb = Callable[[Case], Case]


class CaseEditor:
    def __init__(self, store: Store, packs: Packs, case: Case, page: str = "") -> None:
        self.store = store
        self.case = case
        self.page = page
        self.packs = packs
        rsq, screening = self.packs.require_questionnaires()
        self.flow = Flow(rsq, screening)
        self.pending = False
        """Details changed in memory and not yet saved."""
        self.with_parent: ParentSlot | None = None
        """The parent the practitioner confirmed, at the handover, they are with alone (for
        this sitting only: a resumed case starts with nobody)."""

    @property
    def reference(self) -> str:
        return self.case.reference

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

    # --- changing it ---------------------------------------------------------------------

    def edit(self, detail: editing.Detail, value: object, *, save: bool = True) -> None:
        """Change one detail (a name, a date, a choice); saved now unless `save` is False
        (typing: the session saves a moment after the last key)."""
        self.change(lambda case: editing.edit(case, detail, value), save=save)

    def change(self, verb: Verb, *, save: bool = True) -> None:
        """Apply a verb from domain.editing (add a child, sign, record oversight…)."""
        self.case = verb(self.case)
        self.pending = True
        if save:
            self.flush()

    def start(self, form: Form, slot: ParentSlot) -> bool:
        """Begin a parent's questionnaire or screening under the current version; False if
        it had begun already (nothing changes)."""
        if self.case.part(form, slot) is not None:
            return False
        version = self.packs.questionnaire(form).version
        self.change(lambda case: editing.start(case, form, slot, version))
        return True

    def answer(self, form: Form, slot: ParentSlot, item_id: str, value: AnswerValue | None) -> None:
        """Give (or clear) one answer: checked against the questionnaire, then committed
        at once, under the version this parent's questionnaire began with (as every other
        answer of it); the case in memory changes only once it is saved."""
        questionnaire = self.packs.questionnaire(form)
        changed = editing.answer(self.case, questionnaire, form, slot, item_id, value)
        part = changed.part(form, slot)
        assert part is not None
        self.store.set_answer(
            self.reference,
            form,
            slot,
            item_id,
            part.answers.get(item_id),
            part.questionnaire_version,
        )
        self.case = changed

    # --- each parent's private part ------------------------------------------------------

    def hand_over(self, slot: ParentSlot | None) -> None:
        """The practitioner is now with `slot` alone (None: with nobody confirmed)."""
        if slot is not None and slot is not self.with_parent:
            self.store.record_event("handover-confirmed", self.reference, slot.value)
        self.with_parent = slot

    def reveal_screening(self, slot: ParentSlot) -> None:
        """A folded screening's answers shown, by the practitioner's explicit choice."""
        self.store.record_event("screening-answers-shown", self.reference, slot.value)

    def flush(self) -> None:
        """Save the details changed since the last save (answers are saved as given)."""
        if self.pending:
            self.store.save_details(self.case, self.page)
            self.pending = False

    def set_page(self, page: str) -> None:
        """The page the case resumes on."""
        self.flush()
        self.page = page
        self.store.set_page(self.reference, page)
