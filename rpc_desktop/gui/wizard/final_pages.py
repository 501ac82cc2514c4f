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
from rpc_desktop.gui.wizard import neutral
from rpc_desktop.gui.wizard.base import StepPage
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
                page = _page_for(criterion.field)
                button = QPushButton("Go to the question")
                button.setAccessibleName(f"Go to the question: {criterion.title}")
                button.clicked.connect(lambda _=False, p=page: self.go_to.emit(p))
                row.addWidget(button)
            self.list.addLayout(row)


def _page_for(field: str) -> str:
    head = field.split(".")[0]
    return {
        "variant": "scheme",
        "relationship": "scheme",
        "referral_date": "scheme",
        "referrer": "referrer",
        "universal_contact": "referrer",
        "address": "parents",
        "parent_a": "parents",
        "parent_b": "parents",
        "children": "children",
        "prior_intervention": "prior",
        "screening_a": "screening-a",
        "screening_b": "screening-b",
        "oversight": "da-stop",
        "rsq_a": "rsq-a",
        "rsq_b": "rsq-b",
    }.get(head, "scheme")


class AgreementPage(StepPage):
    def __init__(self, step: Step) -> None:
        from rpc_desktop.gui.widgets.signature_pad import SignatureBlock

        super().__init__(step)
        self.text = plain_label("")
        self.body.addWidget(self.text)
        self.blocks: dict[Signer, SignatureBlock] = {}
        self.reasons: dict[Signer, QLineEdit] = {}
        for signer in Signer:
            box = QGroupBox(signer.label)
            layout = QVBoxLayout(box)
            block = SignatureBlock()
            block.pad.setAccessibleName(f"Signature pad: {signer.label}")
            block.undo_button.setAccessibleName(f"{signer.label}: undo the last stroke")
            block.clear_button.setAccessibleName(f"{signer.label}: clear the signature")
            block.pad.changed.connect(lambda s=signer: self.signed(s))
            layout.addWidget(block)
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
            self.body.addWidget(box)
            self.blocks[signer] = block
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

    def follow_up(self, signer: Signer) -> None:
        reason = self.reasons[signer].text().strip()
        if not reason:
            self.reasons[signer].setFocus()
            return
        self.session().change(
            lambda case: editing.record_follow_up(case, signer, reason, at=datetime.now(UTC))
        )

    def refresh(self) -> None:
        session = self.session()
        scheme = session.scheme
        if scheme is None:
            return
        agreement = session.packs.agreement_for(scheme)
        self.text.setText(agreement.text)
        for signer, block in self.blocks.items():
            name, _role = editing.signer_details(session.case, signer)
            block.set_caption(f"{signer.label}: {name}" if name else signer.label)
            signature = session.case.signature(signer)
            if signature is not None and signature.text_sha256 == agreement.sha256:
                block.pad.set_strokes(signature.strokes, signature.aspect)
            else:
                block.pad.clear()
            follow = next((f for f in session.case.follow_ups if f.signer is signer), None)
            self.reasons[signer].setText(follow.reason if follow else "")
