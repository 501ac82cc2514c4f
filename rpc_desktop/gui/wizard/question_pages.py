"""What the question pages share, the DA stop, and the RSQ sections (the screening page
is screening_page.py).

Pages are built from the questionnaire data; conditional items appear as answers are
given. Screening answers are shown on the screening page and nowhere else.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rpc_desktop.domain import editing
from rpc_desktop.domain.case import AnswerValue, Case, Form, OversightDecision, ParentSlot
from rpc_desktop.domain.flow import DaState, Step
from rpc_desktop.domain.questionnaire import (
    Item,
    conversation_progress,
    fill_placeholders,
    shown_items,
)
from rpc_desktop.domain.scheme import DaPolicy
from rpc_desktop.gui.wizard.base import StepPage
from rpc_desktop.gui.wizard.items import (
    AnswerInput,
    GuidanceLabel,
    plain_label,
    required_legend,
)


class QuestionRow(QWidget):
    """A question with its guidance beside it, or under it when the page is narrow (a
    tablet, large text): never wider than the page."""

    BESIDE_FROM = 760
    """Width (px) from which the guidance sits beside the question."""

    def __init__(self) -> None:
        super().__init__()
        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.box.setContentsMargins(0, 0, 0, 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        wanted = (
            QBoxLayout.Direction.LeftToRight
            if event.size().width() >= self.BESIDE_FROM
            else QBoxLayout.Direction.TopToBottom
        )
        if self.box.direction() != wanted:
            self.box.setDirection(wanted)
        super().resizeEvent(event)

    def minimumSizeHint(self) -> QSize:
        # Stacked, the row is as narrow as its narrowest part: the page never scrolls sideways.
        hint = super().minimumSizeHint()
        items = [self.box.itemAt(i) for i in range(self.box.count())]
        widths = [item.minimumSize().width() for item in items if item is not None]
        return QSize(max(widths, default=hint.width()), hint.height())


class QuestionsMixin:
    """Builds one row per item (input, then the practitioner's prompt) and shows the ones
    the variant and the answers so far call for."""

    rows: dict[str, tuple[QWidget, AnswerInput]]

    guidance_toggle: QPushButton

    def add_guidance_toggle(self) -> None:
        """A tap here (or Ctrl+G anywhere in the wizard) hides the why/how guidance beside
        every question, on every page, and brings it back."""
        session = self.session  # type: ignore[attr-defined]
        self.guidance_toggle = QPushButton("Hide guidance (Ctrl+G)")
        self.guidance_toggle.setToolTip("Hide or show the why/how guidance beside every question")
        self.guidance_toggle.setProperty("role", "link")  # a text action: flat, never "down"
        self.guidance_toggle.clicked.connect(
            lambda: session().show_guidance(not session().guidance)
        )
        self.body.addWidget(self.guidance_toggle, alignment=Qt.AlignmentFlag.AlignRight)  # type: ignore[attr-defined]

    def show_guidance(self, on: bool) -> None:
        self.guidance_toggle.setText("Hide guidance (Ctrl+G)" if on else "Show guidance (Ctrl+G)")
        for prompt in self.prompts:
            prompt.setVisible(on)

    def build_rows(self, host: QVBoxLayout, items: list[Item], slot: ParentSlot) -> None:
        self.rows = {}
        self.prompts: list[QLabel] = []
        if any(item.required for item in items):
            host.addWidget(required_legend())
        self._items = items
        self._slot = slot
        for item in items:
            row = QuestionRow()
            layout = row.box
            answer = AnswerInput(item, item.text)
            prompt = GuidanceLabel(f"Why we ask: {item.prompt.why}\nHow to ask: {item.prompt.how}")
            # What a screen reader gives with the question, whether the guidance shows or not.
            answer.set_guidance(f"Why we ask: {item.prompt.why} How to ask: {item.prompt.how}")
            layout.addWidget(answer, 3)
            layout.addWidget(prompt, 2)
            self.prompts.append(prompt)
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
        self.show_progress()

    def show_progress(self) -> None:
        """How far the conversation has got (an RSQ page says; a screening does not)."""

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


class DaStopPage(StepPage):
    """Screening raised something: signposting, and the manager's decision.

    It comes straight after the screening that raised something, before the other parent is
    brought in, with nobody confirmed as present (the flow forgets who the practitioner was
    with); it says what was raised only in general terms.
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
        self._content = (items, intro)
        self.rows = {}
        self.prompts = []

    @property
    def has_questions(self) -> bool:
        return self._made

    def make_page(self) -> None:
        """A section's questions, made the first time the page is needed (shown, or
        prepared while the page before it is read): opening a case makes none of them."""
        items, intro = self._content
        self.progress = plain_label("")
        self.body.addWidget(self.progress)
        if intro:
            self.body.addWidget(plain_label(intro))
        self.add_guidance_toggle()
        self.build_rows(self.body, items, self.slot)
        self.body.addStretch(1)
        self.show_guidance(self.session().guidance)

    def show_guidance(self, on: bool) -> None:
        if self.has_questions:
            super().show_guidance(on)

    def prepare(self) -> None:
        self.ensure_made()
        self.refresh()

    def shown(self) -> None:
        """Back arrives without QWizard's initializePage: whatever changed since the page
        was filled shows (nothing is done if nothing did)."""
        super().shown()
        self.refresh()

    def enter(self) -> None:
        self.ensure_made()
        self.session().start(Form.RSQ, self.slot)
        super().enter()

    _filled_from: Case | None = None
    """The case the page last showed. A change makes a new Case (domain.editing copies), so
    the same object means nothing on the page could differ: Back and Next over a page, or
    a page prepared while the one before it was read, are not filled again."""

    def refresh(self) -> None:
        if not self.has_questions:
            return  # filled when it is entered
        session = self.session()
        if session.case is self._filled_from:
            return
        self._filled_from = session.case
        responses = session.case.rsq(self.slot)
        self.load_answers(responses.answers if responses else {})
        self._show()
        self.show_progress()

    def show_progress(self) -> None:
        """Which part of this parent's conversation, how much is answered, and about how
        long the rest takes."""
        session = self.session()
        responses = session.case.rsq(self.slot)
        answers = responses.answers if responses else {}
        rsq, _screening = session.packs.require_questionnaires()
        done = conversation_progress(rsq, session.case.variant, answers, self.step.section or "")
        who = session.case.parent(self.slot).name or self.slot.label
        left = ""
        if done.minutes_left:
            plural = "s" if done.minutes_left != 1 else ""
            left = f" · about {done.minutes_left} minute{plural} left"
        self.progress.setText(
            f"Talking with {who} ({self.slot.label}) · part {done.part} of {done.parts} · "
            f"{done.answered} of {done.asked} questions answered{left}"
        )
