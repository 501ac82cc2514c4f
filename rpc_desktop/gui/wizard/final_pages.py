"""Steps 8–9: eligibility, and the Participation Agreement with three signatures (the
review page, step 10, is review_page.py)."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from rpc_desktop.domain import editing
from rpc_desktop.domain.case import Point, Signer
from rpc_desktop.domain.eligibility import Status
from rpc_desktop.domain.flow import Step
from rpc_desktop.domain.signatures import attestation_text
from rpc_desktop.domain.visit import step_for_field
from rpc_desktop.gui.wizard import neutral
from rpc_desktop.gui.wizard.base import StepPage
from rpc_desktop.gui.wizard.dates import DateEntry
from rpc_desktop.gui.wizard.items import clear_layout, plain_label

_MARK = {Status.MET: "✓", Status.NOT_MET: "✗", Status.UNKNOWN: "?"}


class EligibilityPage(StepPage):
    """Every criterion; what is missing links back to the page that asks for it."""

    go_to = Signal(str)

    def __init__(self, step: Step) -> None:
        super().__init__(step)
        self.outcome = plain_label("", role="outcome")
        self.body.addWidget(self.outcome)
        self.list = QVBoxLayout()
        self.body.addLayout(self.list)
        self.body.addStretch(1)

    def refresh(self) -> None:
        clear_layout(self.list)
        result = self.session().evaluation()
        if result is None:
            self.outcome.setText("Choose a scheme first.")
            return
        self.outcome.setText(neutral.outcome_text(result))
        for criterion in neutral.criteria(result):
            row = QHBoxLayout()
            row.addWidget(
                plain_label(
                    f"{_MARK[criterion.status]} {criterion.status.label} — "
                    f"{criterion.title}: {criterion.reason}"
                ),
                1,
            )
            if criterion.status is not Status.MET and criterion.field:
                page = step_for_field(criterion.field)
                button = QPushButton("Go to the question")
                button.setAccessibleName(f"Go to the question: {criterion.title}")
                button.clicked.connect(lambda _=False, p=page: self.go_to.emit(p))
                row.addWidget(button)
            self.list.addLayout(row)


class AgreementPage(StepPage):
    """The agreement's text and, for each signer, a pad to draw on or a name to type (with
    the practitioner's confirmation that it was given in person), or a follow-up."""

    def make_page(self) -> None:
        from rpc_desktop.gui.widgets.signature_pad import SignatureBlock
        from rpc_desktop.gui.widgets.typed_signature import SignatureChoice, TypedSignature

        self.text = plain_label("")
        self.body.addWidget(self.text)
        self.choices: dict[Signer, SignatureChoice] = {}
        self.blocks: dict[Signer, SignatureBlock] = {}
        self.typed: dict[Signer, TypedSignature] = {}
        self.reasons: dict[Signer, QLineEdit] = {}
        self.dues: dict[Signer, DateEntry] = {}
        for signer in Signer:
            box = QGroupBox(signer.label)
            layout = QVBoxLayout(box)
            choice = SignatureChoice()
            choice.set_signer(signer.label)
            block = choice.block
            block.pad.set_signer(signer.label)
            block.undo_button.setAccessibleName(f"{signer.label}: undo the last stroke")
            block.clear_button.setAccessibleName(f"{signer.label}: clear the signature")
            block.pad.changed.connect(lambda s=signer: self.signed(s))
            choice.typed.sign_requested.connect(lambda name, s=signer: self.sign_typed(s, name))
            choice.typed.withdraw_requested.connect(lambda s=signer: self.withdraw(s))
            layout.addWidget(choice)
            follow = QHBoxLayout()
            reason = QLineEdit()
            reason.setPlaceholderText("Unable to sign now? Say why; you will follow it up")
            reason.setAccessibleName(f"{signer.label}: reason for not signing now")
            record = QPushButton("Record follow-up")
            record.setAccessibleName(f"{signer.label}: record follow-up")
            record.clicked.connect(lambda _=False, s=signer: self.follow_up(s))
            reason.returnPressed.connect(lambda s=signer: self.follow_up(s))
            follow.addWidget(reason, 1)
            follow.addWidget(record)
            layout.addLayout(follow)
            # When to follow it up by (empty: the usual five working days, domain.followups);
            # the case list shows it as the case's next action.
            due = DateEntry(f"{signer.label}: follow up by")
            due.set_guidance("Leave it empty for five working days from today.")
            by = QHBoxLayout()
            caption = plain_label("Follow up by:", wrap=False)
            caption.setBuddy(due)
            by.addWidget(caption)
            by.addWidget(due, 1)
            layout.addLayout(by)
            self.dues[signer] = due
            self.body.addWidget(box)
            self.choices[signer] = choice
            self.blocks[signer] = block
            self.typed[signer] = choice.typed
            self.reasons[signer] = reason
        self.body.addStretch(1)

    def signed(self, signer: Signer) -> None:
        session = self.session()
        scheme = session.scheme
        if scheme is None:
            return
        agreement = session.packs.agreement_for(scheme)
        pad = self.blocks[signer].pad
        strokes: list[list[Point]] = [] if pad.is_empty() else pad.strokes()
        aspect = pad.aspect()
        session.change(
            lambda case: editing.sign(
                case, signer, agreement, strokes, aspect=aspect, at=datetime.now(UTC)
            )
        )

    def sign_typed(self, signer: Signer, typed_name: str) -> None:
        """The typed name, confirmed by the practitioner (Sign is enabled only once ticked)."""
        session = self.session()
        scheme = session.scheme
        if scheme is None:
            return
        agreement = session.packs.agreement_for(scheme)
        attested = self.typed[signer].attest.isChecked()
        if session.change(
            lambda case: editing.sign_typed(
                case,
                signer,
                agreement,
                typed_name,
                attested_in_person=attested,
                at=datetime.now(UTC),
            )
        ):
            self.refresh()
            self._announce(f"{signer.label} signed: typed, attested in person.")

    def withdraw(self, signer: Signer) -> None:
        if self.session().change(lambda case: editing.unsign(case, signer)):
            self.refresh()
            self._announce(f"{signer.label}: signature removed, not signed yet.")

    def _announce(self, text: str) -> None:
        from rpc_desktop.gui.widgets.signature_pad import announce

        announce(self, text)

    def follow_up(self, signer: Signer) -> None:
        reason = self.reasons[signer].text().strip()
        if not reason:
            self.reasons[signer].setFocus()
            return
        entry = self.dues[signer]
        if entry.problem():
            entry.setFocus()
            return
        due = entry.value()
        self.session().change(
            lambda case: editing.record_follow_up(
                case, signer, reason, at=datetime.now(UTC), due=due
            )
        )

    def prepare(self) -> None:
        """Filled while the page before is read: the agreement's text and the signers'
        names are laid out then, not on the turn (a signature gone stale is taken away only
        on arrival, as that saves)."""
        self.ensure_made()
        self._fill(arriving=False)

    def refresh(self) -> None:
        self._fill(arriving=True)

    def _fill(self, *, arriving: bool) -> None:
        self.ensure_made()
        session = self.session()
        scheme = session.scheme
        if scheme is None:
            return
        agreement = session.packs.agreement_for(scheme)
        self.text.setText(agreement.text)
        today = datetime.now(UTC)
        for signer, choice in self.choices.items():
            name, _role = editing.signer_details(session.case, signer)
            who = f"{signer.label}, {name}" if name else signer.label
            block = choice.block
            block.set_caption(f"{signer.label}: {name}" if name else signer.label)
            block.pad.set_signer(who)
            own = signer is Signer.LINK_WORKER
            choice.typed.set_signer(
                signer.label,
                name,
                attestation=attestation_text(name or signer.label, today, own=own),
            )
            signature = session.case.signature(signer)
            current = signature is not None and signature.text_sha256 == agreement.sha256
            drawn = current and signature is not None and not signature.typed
            if not (arriving or drawn or block.pad.is_empty()):
                pass  # clearing the ink on the pad saves (it takes a signature away): on arrival
            elif current and signature is not None and signature.typed:
                block.pad.clear()
                choice.typed.show_signature(signature)
                choice.choose_typing(True)
            elif current and signature is not None:
                block.pad.set_strokes(signature.strokes, signature.aspect)
                choice.typed.show_signature(None)
            else:
                block.pad.clear()
                choice.typed.show_signature(None)
            follow = next((f for f in session.case.follow_ups if f.signer is signer), None)
            self.reasons[signer].setText(follow.reason if follow else "")
            self.dues[signer].set_date(follow.due if follow else None)
