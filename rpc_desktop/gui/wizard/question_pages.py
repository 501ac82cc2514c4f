"""DA screening (each parent alone, behind a gate), the DA stop, and the RSQ sections.

Pages are built from the questionnaire data; conditional items appear as answers are
given. Screening answers are shown on the screening page and nowhere else.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rpc_desktop.domain import editing
from rpc_desktop.domain.case import AnswerValue, Case, Form, OversightDecision, ParentSlot
from rpc_desktop.domain.editing import screening_detail
from rpc_desktop.domain.flow import DaState, Step
from rpc_desktop.domain.questionnaire import Item, fill_placeholders, shown_items
from rpc_desktop.domain.scheme import DaPolicy
from rpc_desktop.gui.wizard.base import StepPage
from rpc_desktop.gui.wizard.items import AnswerInput, plain_label


class QuestionsMixin:
    """Builds one row per item (input, then the practitioner's prompt) and shows the ones
    the variant and the answers so far call for."""

    rows: dict[str, tuple[QWidget, AnswerInput]]

    def build_rows(self, host: QVBoxLayout, items: list[Item], slot: ParentSlot) -> None:
        self.rows = {}
        self._items = items
        self._slot = slot
        for item in items:
            row = QWidget()
            layout = QHBoxLayout(row)
            layout.setContentsMargins(0, 0, 0, 0)
            answer = AnswerInput(item, item.text)
            prompt = plain_label(
                f"Why we ask: {item.prompt.why}\nHow to ask: {item.prompt.how}", role="prompt"
            )
            layout.addWidget(answer, 3)
            layout.addWidget(prompt, 2)
            answer.changed.connect(lambda value, i=item: self.answer_changed(i, value))
            host.addWidget(row)
            self.rows[item.id] = (row, answer)

    form: Form
    """Which of the parent's conversations the rows hold."""

    def answer_changed(self, item: Item, value: AnswerValue | None) -> None:
        session = self.session()  # type: ignore[attr-defined]
        if not session.answer(self.form, self._slot, item.id, value):
            # Refused (the session said why): the input shows what the case holds.
            part = session.case.part(self.form, self._slot)
            held = (part.answers if part else {}).get(item.id)
            widget = self.rows[item.id][1]
            if held is None:
                widget.clear(silent=True)
            else:
                widget.set_value(held)
        self._show()

    def _show(self) -> None:
        case = self.session().case  # type: ignore[attr-defined]
        part = case.part(self.form, self._slot)
        texts = {i.id: fill_placeholders(i.text, case, self._slot) for i in self._items}
        self.show_rows(part.answers if part else {}, texts)

    def show_rows(self, answers: dict[str, AnswerValue], question_text: dict[str, str]) -> None:
        session = self.session()  # type: ignore[attr-defined]
        shown = {i.id for i in shown_items(self._items, session.case.variant, answers)}
        for item_id, (row, answer) in self.rows.items():
            row.setVisible(item_id in shown)
            answer.set_question(question_text[item_id])

    def load_answers(self, answers: dict[str, AnswerValue]) -> None:
        for item_id, (_row, answer) in self.rows.items():
            if item_id in answers:
                answer.set_value(answers[item_id])
            else:
                answer.clear(silent=True)


class ScreeningPage(QuestionsMixin, StepPage):
    form = Form.SCREENING

    def __init__(self, step: Step, gate_texts: tuple[str, str, str], items: list[Item]) -> None:
        super().__init__(step)
        assert step.slot is not None
        self.slot = step.slot
        self.body.addWidget(
            plain_label(
                f"Ask {self.slot.label} these questions on their own. If the other parent comes "
                "back, stop and defer the screening."
            )
        )
        gate = QGroupBox("Before you start")
        gate_form = QFormLayout(gate)
        self.alone = QCheckBox(gate_texts[0])
        self.safe = QCheckBox(gate_texts[1])
        self.contact = QLineEdit()
        self.contact.setAccessibleName("Safe way to contact this parent")
        gate_form.addRow(self.alone)
        gate_form.addRow(self.safe)
        gate_form.addRow(plain_label(gate_texts[2]), self.contact)
        self.body.addWidget(gate)
        defer_row = QHBoxLayout()
        self.defer_reason = QLineEdit()
        self.defer_reason.setPlaceholderText("Why it is deferred (kept on this device only)")
        self.defer_reason.setAccessibleName("Reason for deferring")
        self.defer = QPushButton("Defer this screening")
        self.defer.clicked.connect(self.toggle_defer)
        self.defer_reason.returnPressed.connect(self.toggle_defer)
        defer_row.addWidget(self.defer_reason, 1)
        defer_row.addWidget(self.defer)
        self.body.addLayout(defer_row)
        self.questions = QGroupBox("Screening questions")
        host = QVBoxLayout(self.questions)
        self.build_rows(host, items, self.slot)
        self.body.addWidget(self.questions)
        self.done = QCheckBox("Screening complete: every question was asked")
        self.body.addWidget(self.done)
        self.body.addStretch(1)
        self.alone.toggled.connect(lambda on: self._gate("alone_confirmed", on))
        self.safe.toggled.connect(lambda on: self._gate("safe_to_talk", on))
        self.contact.textEdited.connect(
            lambda text: self.session().update(
                screening_detail(self.slot, "safe_contact"), text, now=False
            )
        )
        self.done.toggled.connect(self._complete)
        self._loading = False

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
            session.change(lambda case: editing.defer_screening(case, self.slot, reason=reason))
        self.refresh()

    def _enable(self) -> None:
        screening = self.session().case.screening(self.slot)
        open_ = bool(
            screening
            and screening.alone_confirmed
            and screening.safe_to_talk
            and not screening.deferred
        )
        # Enabling a box of many widgets is costly: only when it changes.
        if self.questions.isEnabled() != open_:
            self.questions.setEnabled(open_)
        self.done.setEnabled(open_)
        # Deferred because the other parent came back: nothing of this parent's stays in view.
        deferred = bool(screening and screening.deferred)
        for widget in (self.questions, self.contact, self.done):
            widget.setVisible(not deferred)

    def initializePage(self) -> None:
        self.session().start(Form.SCREENING, self.slot)
        super().initializePage()

    def refresh(self) -> None:
        self._loading = True
        try:
            screening = self.session().case.screening(self.slot)
            assert screening is not None
            self.alone.setChecked(screening.alone_confirmed)
            self.safe.setChecked(screening.safe_to_talk)
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


class DaStopPage(StepPage):
    """Screening raised something: signposting, and the manager's decision.

    Seen with the practitioner alone (it follows the screenings); it says what was raised
    only in general terms.
    """

    def __init__(self, step: Step) -> None:
        super().__init__(step)
        self.explain = plain_label("")
        self.body.addWidget(self.explain)
        self.signposting = plain_label("")
        self.body.addWidget(self.signposting)
        box = QGroupBox("Management oversight")
        form = QFormLayout(box)
        self.manager = QLineEdit()
        self.manager.setAccessibleName("Manager's name")
        self.role = QLineEdit()
        self.role.setAccessibleName("Manager's role")
        self.decision = QComboBox()
        self.decision.setAccessibleName("Decision")
        self.notes = QLineEdit()
        self.notes.setAccessibleName("Notes")
        self.record = QPushButton("Record the decision")
        self.record.clicked.connect(self.record_decision)
        self.manager.returnPressed.connect(self.record_decision)
        form.addRow("Manager", self.manager)
        form.addRow("Role", self.role)
        form.addRow("Decision", self.decision)
        form.addRow("Notes", self.notes)
        form.addRow(self.record)
        self.message = plain_label("")
        form.addRow(self.message)
        self.body.addWidget(box)
        self.body.addStretch(1)

    def record_decision(self) -> None:
        chosen = self.decision.currentData()
        decision = OversightDecision(chosen) if chosen is not None else None
        manager, role, notes = (
            self.manager.text().strip(),
            self.role.text().strip(),
            self.notes.text(),
        )
        at = datetime.now(UTC)

        def record(case: Case) -> Case:
            return editing.record_oversight(
                case, decided_by=manager, role=role, decision=decision, notes=notes, at=at
            )

        try:
            record(self.session().case)  # checked here, so this page says what is missing
        except editing.EditError as exc:
            self.message.setText(str(exc))
            return
        self.session().change(record)
        self.refresh()
        self.completeChanged.emit()  # the pages after this one may now be reachable

    def refresh(self) -> None:
        session = self.session()
        scheme = session.scheme
        state = session.flow.da_state(session.case, scheme) if scheme else DaState.CLEAR
        self.explain.setText(_DA_TEXT[state])
        lines = [
            f"{c.name}: {c.phone}".rstrip(": ") + (f" — {c.notes}" if c.notes else "")
            for c in (scheme.da_signposting if scheme else [])
        ]
        self.signposting.setText("\n".join(lines))
        triage = bool(scheme and scheme.domestic_abuse.policy is DaPolicy.TRIAGE)
        self.decision.clear()
        self.decision.addItem("—", None)
        for d in OversightDecision:
            if d is not OversightDecision.REFER_TO_TRIAGE or triage:
                self.decision.addItem(d.label, d.value)
        oversight = session.case.oversight
        if oversight is not None:
            self.manager.setText(oversight.decided_by)
            self.role.setText(oversight.role)
            self.decision.setCurrentIndex(max(self.decision.findData(oversight.decision.value), 0))
            self.notes.setText(oversight.notes)
            self.message.setText(
                f"Recorded: {oversight.decision.label.lower()}, by {oversight.decided_by}."
            )
        else:
            self.message.setText("")


_DA_TEXT = {
    DaState.STOP: "Screening found a sign of domestic abuse (now, or within the scheme's "
    "look-back). This referral cannot go ahead. Follow your safeguarding procedures, consider "
    "a DASH risk checklist and a separate child-safeguarding referral, and record your "
    "manager's oversight below.",
    DaState.REVIEW: "Screening raised something a manager must look at before the referral "
    "goes on. Talk to your manager, then record their decision below.",
    DaState.CONTINUE: "A manager has looked at what screening raised and decided the referral "
    "may go on.",
    DaState.CLEAR: "Nothing was raised in screening.",
}


class RsqSectionPage(QuestionsMixin, StepPage):
    form = Form.RSQ

    def __init__(self, step: Step, items: list[Item], intro: str) -> None:
        super().__init__(step)
        assert step.slot is not None
        self.slot = step.slot
        self.progress = plain_label("")
        self.body.addWidget(self.progress)
        if intro:
            self.body.addWidget(plain_label(intro))
        self.build_rows(self.body, items, self.slot)
        self.body.addStretch(1)

    def initializePage(self) -> None:
        self.session().start(Form.RSQ, self.slot)
        super().initializePage()

    def refresh(self) -> None:
        session = self.session()
        position, total = session.flow.progress(self.step.id, session.case, session.scheme)
        who = session.case.parent(self.slot).name or self.slot.label
        self.progress.setText(
            f"Talking with {who} ({self.slot.label}) · page {position} of {total}"
        )
        responses = session.case.rsq(self.slot)
        self.load_answers(responses.answers if responses else {})
        self._show()
