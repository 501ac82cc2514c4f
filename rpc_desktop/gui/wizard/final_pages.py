"""Steps 8–10: eligibility, the Participation Agreement with three signatures, review and
build (in a worker thread)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

from rpc_desktop import paths
from rpc_desktop.domain.case import Point, Signature, SignatureFollowUp, Signer
from rpc_desktop.domain.eligibility import Status
from rpc_desktop.domain.flow import Step
from rpc_desktop.gui.wizard import neutral
from rpc_desktop.gui.wizard.base import StepPage
from rpc_desktop.gui.wizard.items import clear_layout, plain_label

_MARK = {Status.MET: "✓ Met", Status.NOT_MET: "✗ Not met", Status.UNKNOWN: "? Unknown"}


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
                plain_label(f"{_MARK[criterion.status]} — {criterion.title}: {criterion.reason}"), 1
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

    def _signer_name(self, signer: Signer) -> tuple[str, str]:
        case = self.session().case
        return {
            Signer.PARENT_A: (case.parent_a.name, "Parent"),
            Signer.PARENT_B: (case.parent_b.name, "Parent"),
            Signer.LINK_WORKER: (case.referrer.name, case.referrer.role or "Link worker"),
        }[signer]

    def signed(self, signer: Signer) -> None:
        session = self.session()
        scheme = session.scheme
        if scheme is None:
            return
        agreement = session.packs.agreement_for(scheme)
        pad = self.blocks[signer].pad
        others = [s for s in session.case.signatures if s.signer is not signer]
        if not pad.is_empty():
            name, role = self._signer_name(signer)
            strokes: list[list[Point]] = pad.strokes()
            others.append(
                Signature(
                    signer=signer,
                    name=name or signer.label,
                    role=role,
                    signed_at=datetime.now(UTC),
                    text_sha256=agreement.sha256,
                    agreement_version=agreement.version,
                    aspect=min(max(pad.aspect(), 0.1), 20),
                    strokes=strokes,
                )
            )
        follow_ups = [f for f in session.case.follow_ups if f.signer is not signer]
        session.replace(
            session.case.model_copy(update={"signatures": others, "follow_ups": follow_ups})
        )

    def follow_up(self, signer: Signer) -> None:
        reason = self.reasons[signer].text().strip()
        if not reason:
            self.reasons[signer].setFocus()
            return
        session = self.session()
        follow_ups = [f for f in session.case.follow_ups if f.signer is not signer]
        follow_ups.append(
            SignatureFollowUp(signer=signer, reason=reason, recorded_at=datetime.now(UTC))
        )
        session.replace(session.case.model_copy(update={"follow_ups": follow_ups}))

    def refresh(self) -> None:
        session = self.session()
        scheme = session.scheme
        if scheme is None:
            return
        agreement = session.packs.agreement_for(scheme)
        self.text.setText(agreement.text)
        for signer, block in self.blocks.items():
            name, _role = self._signer_name(signer)
            block.set_caption(f"{signer.label}: {name}" if name else signer.label)
            signature = session.case.signature(signer)
            if signature is not None and signature.text_sha256 == agreement.sha256:
                block.pad.set_strokes(signature.strokes, signature.aspect)
            else:
                block.pad.clear()
            follow = next((f for f in session.case.follow_ups if f.signer is signer), None)
            self.reasons[signer].setText(follow.reason if follow else "")


class _BuildSignals(QObject):
    progress = Signal(int, str)
    done = Signal(str, str)
    failed = Signal(str)


class _BuildJob(QRunnable):
    def __init__(self, page: ReviewPage, out: Path) -> None:
        super().__init__()
        session = page.session()
        self.case, self.packs, self.out = session.case, session.packs, out
        self.home = session.store.paths.home
        self.signals = _BuildSignals()

    def run(self) -> None:
        from rpc_desktop.documents.bundle import build_bundle
        from rpc_desktop.documents.seal import load_or_create_device_key
        from rpc_desktop.errors import RpcError

        try:
            key = load_or_create_device_key(self.home / "keys")
            built = build_bundle(
                self.case,
                self.packs,
                self.out,
                key,
                fonts_dir=paths.resources_dir() / "fonts",
                progress=self.signals.progress.emit,
            )
        except RpcError as exc:
            self.signals.failed.emit(str(exc))
            return
        email = next((built.folder / "data").glob("*.eml"))
        self.signals.done.emit(str(built.folder), str(email))


class ReviewPage(StepPage):
    def __init__(self, step: Step) -> None:
        super().__init__(step)
        self.summary = plain_label("")
        self.body.addWidget(self.summary)
        self.problems = plain_label("", role="problems")
        self.body.addWidget(self.problems)
        self.bar = QProgressBar()
        self.bar.setAccessibleName("Building the bundle")
        self.bar.setVisible(False)
        self.body.addWidget(self.bar)
        self.status = plain_label("")
        self.body.addWidget(self.status)
        row = QHBoxLayout()
        self.build = QPushButton("&Build the bundle")
        self.build.clicked.connect(self.start_build)
        self.open_folder = QPushButton("Open the &folder")
        self.open_email = QPushButton("Open the &email draft")
        self.ready = QPushButton("Mark &ready for review")
        for button in (self.open_folder, self.open_email, self.ready):
            button.setEnabled(False)
        self.ready.clicked.connect(self.mark_ready)
        for button in (self.build, self.open_folder, self.open_email, self.ready):
            row.addWidget(button)
        self.body.addLayout(row)
        self.body.addStretch(1)
        self.folder = ""
        self.email = ""
        self.open_folder.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(self.folder))
        )
        self.open_email.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(self.email))
        )

    def out_dir(self) -> Path:
        """A new folder a build, so an earlier bundle is never overwritten."""
        home = self.session().store.paths.home
        return home / "bundles" / datetime.now(UTC).strftime("%Y%m%dT%H%M%S")

    def refresh(self) -> None:
        from rpc_desktop.documents.bundle import readiness_problems

        session = self.session()
        case = session.case
        result = session.evaluation()
        names = " and ".join(p.name for p in (case.parent_a, case.parent_b) if p.name)
        self.summary.setText(
            f"Case {case.reference}: {names or 'no names yet'}; {len(case.children)} "
            f"child(ren); {session.scheme.name if session.scheme else 'no scheme'}; "
            f"{neutral.outcome_text(result) if result else ''}."
        )
        problems = (
            readiness_problems(case, session.packs, result, redact_da=True)
            if result
            else ["Choose a scheme."]
        )
        self.problems.setText(
            "Before the bundle can be built:\n- " + "\n- ".join(problems)
            if problems
            else "Ready to build."
        )
        self.build.setEnabled(not problems)

    def start_build(self) -> None:
        self.build.setEnabled(False)
        self.bar.setVisible(True)
        job = _BuildJob(self, self.out_dir())
        job.signals.progress.connect(self.show_progress)
        job.signals.done.connect(self.built)
        job.signals.failed.connect(self.failed)
        self._job = job
        QThreadPool.globalInstance().start(job)

    def show_progress(self, percent: int, what: str) -> None:
        self.bar.setValue(percent)
        self.status.setText(what)

    def built(self, folder: str, email: str) -> None:
        self.folder, self.email = folder, email
        self.status.setText(f"Bundle built in {folder}")
        for button in (self.open_folder, self.open_email, self.ready):
            button.setEnabled(True)

    def failed(self, message: str) -> None:
        self.status.setText(message)
        self.build.setEnabled(True)

    def mark_ready(self) -> None:
        from rpc_desktop.errors import StoreError
        from rpc_desktop.store.status import CaseStatus

        session = self.session()
        session.flush()
        try:
            session.store.set_status(session.case.reference, CaseStatus.READY_FOR_REVIEW)
        except StoreError as exc:  # already ready, approved or sent
            self.status.setText(str(exc))
            return
        self.status.setText("Marked ready for review.")
        self.ready.setEnabled(False)
