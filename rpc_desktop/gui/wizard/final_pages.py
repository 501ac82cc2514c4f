"""Steps 8–10: eligibility, the Participation Agreement with three signatures, review and
build (in a worker thread)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

from rpc_desktop.app.logs import log_unexpected
from rpc_desktop.domain import editing
from rpc_desktop.domain.case import Point, Signer
from rpc_desktop.domain.eligibility import Status
from rpc_desktop.domain.flow import Step
from rpc_desktop.domain.readiness import readiness_problems
from rpc_desktop.domain.status import ReviewStatus
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


class _BuildSignals(QObject):
    progress = Signal(int, str)
    done = Signal(object)
    failed = Signal(str)


class _BuildJob(QRunnable):
    """Build a preview bundle in the private data folder, or (with `destination`) send the
    next version for review: the sealed file goes to the folder the practitioner picked.
    Either way from the case as the store holds it (the page flushed it first)."""

    def __init__(self, page: ReviewPage, destination: Path | None) -> None:
        super().__init__()
        session = page.session()
        self.workspace, self.reference = session.workspace, session.case.reference
        self.destination = destination
        self.signals = _BuildSignals()

    def run(self) -> None:
        from rpc_desktop.errors import RpcError

        try:
            if self.destination is None:
                built = self.workspace.preview(self.reference, self.signals.progress.emit)
                self.signals.done.emit((built.folder, None, 0))
                return
            sent = self.workspace.send_for_review(
                self.reference, self.destination, self.signals.progress.emit
            )
        except RpcError as exc:
            self.signals.failed.emit(str(exc))
            return
        except OSError as exc:
            self.signals.failed.emit(f"The bundle could not be written: {exc}")
            return
        except Exception as exc:  # never a dialog from this thread: reported on the page
            log_unexpected(type(exc), exc, exc.__traceback__)
            self.signals.failed.emit(
                f"The bundle could not be built ({type(exc).__name__}); the log says where."
            )
            return
        self.signals.done.emit((sent.folder, sent.file, sent.version))


class ReviewPage(StepPage):
    def __init__(self, step: Step) -> None:
        super().__init__(step)
        self.summary = plain_label("")
        self.body.addWidget(self.summary)
        self.returned = plain_label("", role="returned")
        self.body.addWidget(self.returned)
        self.problems = plain_label("", role="problems")
        self.body.addWidget(self.problems)
        self.bar = QProgressBar()
        self.bar.setAccessibleName("Building the bundle")
        self.bar.setVisible(False)
        self.body.addWidget(self.bar)
        self.status = plain_label("")
        self.body.addWidget(self.status)
        row = QHBoxLayout()
        self.build = QPushButton("&Preview the bundle")
        self.build.setToolTip(
            "Build the four PDFs and the email draft to look at; nothing is sent."
        )
        self.build.clicked.connect(lambda: self.start_build(None))
        self.send = QPushButton("&Send for review…")
        self.send.setToolTip(
            "Seal the bundle and save the file in a folder the team lead can reach "
            "(a shared drive, or a folder to attach it to a secure email from)."
        )
        self.send.clicked.connect(self.choose_and_send)
        self.open_folder = QPushButton("Open the &folder")
        self.open_email = QPushButton("Open the &email draft")
        for button in (self.open_folder, self.open_email):
            button.setEnabled(False)
        for button in (self.build, self.send, self.open_folder, self.open_email):
            row.addWidget(button)
        self.body.addLayout(row)
        self.versions = plain_label("", role="versions")
        self.body.addWidget(self.versions)
        self.body.addStretch(1)
        self.folder = ""
        self.email = ""
        self.sent_file = ""
        self.open_folder.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(self.folder))
        )
        self.open_email.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(self.email))
        )

    def refresh(self) -> None:
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
        waiting = self._show_versions()
        self.build.setEnabled(not problems)
        self.send.setEnabled(not problems and not waiting)

    def _show_versions(self) -> bool:
        """The versions sent so far and the team lead's word on each; True while one waits."""
        session = self.session()
        sent = session.workspace.sent_versions(session.case.reference)
        lines = []
        for v in sent:
            when = v.sent_at.astimezone().strftime("%d %b %Y %H:%M")
            verdict = (
                f"{v.decision.label.lower()} by {v.reviewer}"
                if v.decision.decided
                else "with the team lead"
            )
            lines.append(f"Version {v.version}, sent {when}: {verdict}.")
        self.versions.setText("\n".join(lines))
        last = sent[-1] if sent else None
        self.returned.setText(
            f"Returned by {last.reviewer}: {last.comment}\nMake the changes, then send "
            f"version {last.version + 1}."
            if last is not None and last.decision is ReviewStatus.RETURNED
            else ""
        )
        if last is not None and last.decision is ReviewStatus.APPROVED:
            self.status.setText(f"Version {last.version} was approved by {last.reviewer}.")
            return True
        if last is not None and not last.decision.decided:
            self.status.setText(
                f"Version {last.version} is with the team lead; you can send another once "
                "they return it."
            )
            return True
        return False

    def choose_and_send(self) -> None:
        folder = self.choose_folder()
        if folder:
            self.start_build(Path(folder))

    def choose_folder(self) -> str:
        return QFileDialog.getExistingDirectory(
            self, "Save the sealed bundle for the team lead in…", str(Path.home())
        )

    def start_build(self, destination: Path | None) -> None:
        self.build.setEnabled(False)
        self.send.setEnabled(False)
        if not self.session().flush():
            # The bundle is built from the case as saved: never from an older copy.
            self.status.setText(
                "The last change could not be saved, so the bundle was not built. "
                "Check the message at the bottom of the window and try again."
            )
            self.refresh()
            return
        self.bar.setVisible(True)
        job = _BuildJob(self, destination)
        job.signals.progress.connect(self.show_progress)
        job.signals.done.connect(self.built)
        job.signals.failed.connect(self.failed)
        self._job = job
        QThreadPool.globalInstance().start(job)

    def show_progress(self, percent: int, what: str) -> None:
        self.bar.setValue(percent)
        self.status.setText(what)

    def built(self, result: tuple[Path, Path | None, int]) -> None:
        folder, sent_file, version = result
        self.folder = str(folder)
        self.email = str(next((folder / "data").glob("*.eml"), ""))
        for button in (self.open_folder, self.open_email):
            button.setEnabled(True)
        self.refresh()
        if sent_file is None:
            self.status.setText(f"Preview built in {folder}. Nothing has been sent.")
        else:
            self.sent_file = str(sent_file)
            self.status.setText(
                f"Version {version} sealed and saved as {sent_file}. The case is ready for "
                "review: give the team lead that file."
            )

    def failed(self, message: str) -> None:
        self.status.setText(message)
        self.refresh()
