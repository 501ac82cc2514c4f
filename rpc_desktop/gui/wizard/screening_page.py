"""One parent's safety questions (the DA screening), asked with that parent alone.

What the page may show is decided by domain.visit.screening_view, again at every arrival
(forwards, Back or a jump): the questions and this parent's answers only while the
practitioner is with them (confirmed at the handover). A finished screening folds to "Done,
on <date>"; an unfinished one the practitioner is not with now folds and starts or goes on
only through the handover. A folded screening's answers are in no widget (not hidden:
absent); they show only after an explicit, audited "Show Parent A's answers", with a
reminder to check who can see the screen, read-only. Leaving the page empties it, whatever
it showed; deferring it (the other parent came back) hands over to nobody.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from rpc_desktop.domain import editing
from rpc_desktop.domain.case import Form
from rpc_desktop.domain.editing import screening_detail
from rpc_desktop.domain.flow import Step
from rpc_desktop.domain.questionnaire import Item
from rpc_desktop.domain.screening import gate_passed
from rpc_desktop.domain.visit import ScreeningView, screening_view
from rpc_desktop.gui.confirm import confirm
from rpc_desktop.gui.wizard.base import StepPage
from rpc_desktop.gui.wizard.items import plain_label
from rpc_desktop.gui.wizard.question_pages import QuestionsMixin


class ScreeningPage(QuestionsMixin, StepPage):
    form = Form.SCREENING

    def __init__(
        self, step: Step, gate_texts: tuple[str, str, str, str], items: list[Item]
    ) -> None:
        super().__init__(step)
        assert step.slot is not None
        self.slot = step.slot
        self._revealed = False
        self.view = ScreeningView.OPEN
        self.fold = QGroupBox()
        fold = QVBoxLayout(self.fold)
        self.fold_text = plain_label("")
        self.reveal = QPushButton(f"Show {self.slot.label}'s answers…")
        self.reveal.clicked.connect(self.ask_to_reveal)
        self.to_handover = QPushButton(f"Go to the handover for {self.slot.label}")
        self.to_handover.clicked.connect(self._go_to_handover)
        fold.addWidget(self.fold_text)
        for button in (self.reveal, self.to_handover):
            fold.addWidget(button, alignment=self.fold_text.alignment())
        self.body.addWidget(self.fold)
        self.intro = plain_label(
            f"Ask {self.slot.label} these questions on their own. If the other parent comes "
            "back, stop and defer the screening."
        )
        self.body.addWidget(self.intro)
        self.gate = QGroupBox("Before you start")
        gate_form = QFormLayout(self.gate)
        self.alone = QCheckBox(gate_texts[0])
        self.safe = QCheckBox(gate_texts[1])
        self.interpreter = QCheckBox(gate_texts[3])
        self.interpreter.setVisible(False)  # only for a parent who needs an interpreter
        self.contact = QLineEdit()
        self.contact.setAccessibleName("Safe way to contact this parent")
        contact_label = plain_label(gate_texts[2])
        contact_label.setBuddy(self.contact)
        gate_form.addRow(self.alone)
        gate_form.addRow(self.safe)
        gate_form.addRow(self.interpreter)
        gate_form.addRow(contact_label, self.contact)
        self.body.addWidget(self.gate)
        self.defer_row = QGroupBox()
        defer_row = QHBoxLayout(self.defer_row)
        defer_row.setContentsMargins(0, 0, 0, 0)
        self.defer_row.setFlat(True)
        self.defer_reason = QLineEdit()
        self.defer_reason.setPlaceholderText("Why it is deferred (kept on this device only)")
        self.defer_reason.setAccessibleName("Reason for deferring")
        self.defer = QPushButton("Defer this screening")
        self.defer.clicked.connect(self.toggle_defer)
        self.defer_reason.returnPressed.connect(self.toggle_defer)
        defer_row.addWidget(self.defer_reason, 1)
        defer_row.addWidget(self.defer)
        self.body.addWidget(self.defer_row)
        self.add_guidance_toggle()
        self.questions = QGroupBox("Safety questions")
        QVBoxLayout(self.questions)  # the rows go in when the page is made (make_page)
        self.rows, self.prompts = {}, []
        self._items, self._slot = items, self.slot
        self.body.addWidget(self.questions)
        self.done = QCheckBox("Screening complete: every question was asked")
        self.body.addWidget(self.done)
        self.body.addStretch(1)
        self.alone.toggled.connect(lambda on: self._gate("alone_confirmed", on))
        self.safe.toggled.connect(lambda on: self._gate("safe_to_talk", on))
        self.interpreter.toggled.connect(lambda on: self._gate("interpreter_not_family", on))
        self.contact.textChanged.connect(self._contact_changed)
        self.done.toggled.connect(self._complete)
        self._loading = False
        # Nothing of the screening shows until the page is filled and knows what it may show.
        for widget in (self.fold, self.intro, self.gate, self.defer_row, self.questions):
            widget.setVisible(False)
        self.done.setVisible(False)

    def make_page(self) -> None:
        """The questions, made the first time they may show or while the handover before
        them is read (widgets only: nothing of the parent's goes in them here); opening a
        case makes none of them."""
        host = self.questions.layout()
        assert isinstance(host, QVBoxLayout)
        self.build_rows(host, self._items, self.slot)
        self.show_guidance(self.session().guidance)

    # --- what the page may show ---------------------------------------------------------

    def _view(self) -> ScreeningView:
        if self._revealed:
            return ScreeningView.OPEN
        session = self.session()
        return screening_view(session.case, self.slot, session.with_parent)

    def shown(self) -> None:
        """Every arrival decides again what may show (who the practitioner is with may have
        changed since the page was filled); a page only passed on the way is entered."""
        if self.stale:
            self.enter()
        else:
            self.refresh()

    def left(self) -> None:
        """The page was left: nothing of this parent's stays in any widget."""
        self._revealed = False
        self._fold(ScreeningView.ELSEWHERE, say=False)

    def _fold(self, view: ScreeningView, *, say: bool = True) -> None:
        """Show the fold (and empty every private widget) unless the view is open."""
        self.view = view
        open_ = view is ScreeningView.OPEN
        for widget in (self.intro, self.gate, self.defer_row, self.questions, self.done):
            widget.setVisible(open_)
        self.guidance_toggle.setVisible(open_)
        self.fold.setVisible(not open_ and say)
        if open_:
            return
        self._empty()
        if say:
            self._say(view)

    def _empty(self) -> None:
        self._loading = True
        try:
            self.load_answers({})
            for box in (self.alone, self.safe, self.interpreter, self.done):
                box.setChecked(False)
            self.contact.clear()
            self.defer_reason.clear()
        finally:
            self._loading = False

    def _say(self, view: ScreeningView) -> None:
        screening = self.session().case.screening(self.slot)
        who = self.slot.label
        if view is ScreeningView.DONE:
            when = (
                screening.screened_at.astimezone() if screening and screening.screened_at else None
            )
            on = f", on {when.day} {when:%B %Y}" if when else ""
            self.fold_text.setText(f"Safety questions with {who}: done{on}.")
        else:
            where = "started, not finished" if screening is not None else "not started"
            self.fold_text.setText(
                f"Safety questions with {who}: {where}. They are asked with {who} alone: "
                "go to the handover first."
            )
        self.reveal.setVisible(view is ScreeningView.DONE)
        self.to_handover.setVisible(view is ScreeningView.ELSEWHERE)

    def ask_to_reveal(self) -> None:
        who = self.slot.label
        if not confirm(
            self,
            title=f"Show {who}'s answers?",
            text=f"{who}'s answers to the safety questions are for you alone. Before you show "
            "them, check who can see the screen. Showing them is recorded.",
            accept=f"Show {who}'s answers",
        ):
            return
        if self.session().reveal_screening(self.slot):
            self._revealed = True
            self.refresh()

    def _go_to_handover(self) -> None:
        go_to = getattr(self.wizard(), "go_to", None)
        if go_to is not None:
            go_to(f"handover-{self.slot.value}")

    # --- the screening itself -----------------------------------------------------------

    def _contact_changed(self, text: str) -> None:
        if not self._loading:
            self.session().update(screening_detail(self.slot, "safe_contact"), text, now=False)

    def _gate(self, name: str, on: bool) -> None:
        if not self._loading:
            if not self.session().update(screening_detail(self.slot, name), on):
                self.refresh()  # refused (the session said why): show what the case holds
            self._enable()

    def _complete(self, on: bool) -> None:
        if self._loading:
            return
        session = self.session()
        by = session.case.referrer.name
        if not session.change(
            lambda case: editing.complete_screening(
                case, self.slot, done=on, by=by, at=datetime.now(UTC)
            )
        ):
            self.refresh()
        self.completeChanged.emit()

    def toggle_defer(self) -> None:
        session = self.session()
        screening = session.case.screening(self.slot)
        assert screening is not None
        if screening.deferred:
            session.change(lambda case: editing.resume_screening(case, self.slot))
        else:
            reason = self.defer_reason.text()
            if session.change(lambda case: editing.defer_screening(case, self.slot, reason=reason)):
                # Deferred because the other parent came back: with nobody now, and the
                # screening goes on only through the handover.
                session.hand_over(None)
        self.refresh()

    def _enable(self) -> None:
        # Shown by the audited reveal, maybe with the other parent near: read, not edit.
        editable = not self._revealed
        for part in (self.gate, self.defer_row):
            part.setEnabled(editable)
        if not editable:
            self.questions.setEnabled(False)
            self.done.setEnabled(False)
            return
        case = self.session().case
        screening = case.screening(self.slot)
        open_ = bool(screening and gate_passed(case, self.slot) and not screening.deferred)
        # Enabling a box of many widgets is costly: only when it changes.
        if self.questions.isEnabled() != open_:
            self.questions.setEnabled(open_)
        self.done.setEnabled(open_)
        # Deferred because the other parent came back: nothing of this parent's stays in view.
        shows = self.view is ScreeningView.OPEN and not (screening and screening.deferred)
        for widget in (self.questions, self.contact, self.done):
            widget.setVisible(shows)

    def enter(self) -> None:
        if self._view() is ScreeningView.OPEN:
            self.session().start(Form.SCREENING, self.slot)
        super().enter()

    def refresh(self) -> None:
        view = self._view()
        self._fold(view)
        if view is not ScreeningView.OPEN:
            return
        self.ensure_made()
        self._loading = True
        try:
            screening = self.session().case.screening(self.slot)
            if screening is None:  # not begun: nothing to load
                return
            self.alone.setChecked(screening.alone_confirmed)
            self.safe.setChecked(screening.safe_to_talk)
            self.interpreter.setChecked(screening.interpreter_not_family)
            needed = self.session().case.parent(self.slot).interpreter_needed
            if self.interpreter.isVisibleTo(self.gate) != needed:
                self.interpreter.setVisible(needed)
            self.contact.setText(screening.safe_contact)
            self.done.setChecked(screening.completed)
            self.defer.setText(
                "Resume this screening" if screening.deferred else "Defer this screening"
            )
            self.defer_reason.setText(screening.deferred_reason)
            self.load_answers(screening.answers)
        finally:
            self._loading = False
        self._enable()
        self._show()
