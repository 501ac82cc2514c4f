"""Step 10, review: what is still missing, a preview of the bundle (built in a worker,
shown from memory), and *Send for review* (the sealed file to a folder the practitioner
picks); the versions sent and the team lead's word on each."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QMessageBox, QProgressBar, QPushButton

from rpc_desktop.app.logs import log_handled, log_unexpected
from rpc_desktop.app.send import Preview, Sent
from rpc_desktop.domain.flow import Step
from rpc_desktop.domain.readiness import readiness_problems
from rpc_desktop.domain.status import ReviewStatus
from rpc_desktop.gui.confirm import ask, confirm
from rpc_desktop.gui.wizard import neutral
from rpc_desktop.gui.wizard.base import StepPage
from rpc_desktop.gui.wizard.items import plain_label
from rpc_desktop.gui.wizard.preview_dialog import PreviewDialog
from rpc_desktop.gui.workers import Work, start

log = logging.getLogger(__name__)

FORGET_WAIT_S = 30.0
"""How long closing the case (or locking) waits for a build it has asked to stop."""


class _BuildSignals(QObject):
    progress = Signal(int, str)
    done = Signal(object)
    failed = Signal(str)
    no_recipients = Signal(str, object)
    """The refusal, and the folder the practitioner chose (a Path)."""


class _Stopped(Exception):
    """The case is closing (or the app locking): the build stops at its next step."""


class _BuildJob(Work):
    """Build a preview bundle in the private data folder, or (with `destination`) send the
    next version for review: the sealed file goes to the folder the practitioner picked.
    Either way from the case as the store holds it (the page flushed it first). What it
    needs is read in __init__, on the GUI thread; `work_here` touches no widget."""

    def __init__(self, page: ReviewPage, destination: Path | None, unencrypted: bool) -> None:
        super().__init__()
        session = page.session()
        self.workspace, self.reference = session.workspace, session.case.reference
        self.destination = destination
        self.unencrypted = unencrypted
        self.signals = _BuildSignals()

    def progress(self, percent: int, what: str) -> None:
        if self.cancelled.is_set():
            raise _Stopped
        self.signals.progress.emit(percent, what)

    def work_here(self) -> None:
        from rpc_desktop.errors import NoRecipients, RpcError

        try:
            if self.destination is None:
                built = self.workspace.preview(self.reference, self.progress)
                self.signals.done.emit(built)
                return
            sent = self.workspace.send_for_review(
                self.reference,
                self.destination,
                self.progress,
                unencrypted=self.unencrypted,
            )
        except _Stopped:
            return  # nobody is waiting for it; the build folder has gone with it
        except NoRecipients as exc:
            self.signals.no_recipients.emit(str(exc), self.destination)
            return
        except RpcError as exc:
            log_handled(exc, "in work_here")  # said to the user below
            self.signals.failed.emit(str(exc))
            return
        except OSError as exc:
            log_handled(exc, "in work_here")  # said to the user below
            self.signals.failed.emit(f"The bundle could not be written: {exc}")
            return
        except Exception as exc:  # never a dialog from this thread: reported on the page
            log_unexpected(type(exc), exc, exc.__traceback__)
            self.signals.failed.emit(
                f"The bundle could not be built ({type(exc).__name__}); the log says where."
            )
            return
        self.signals.done.emit(sent)


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
        self.show_preview = QPushButton("&Look at the preview")
        self.show_preview.setToolTip("The four PDFs and the email draft, from memory.")
        self.show_preview.setEnabled(False)
        self.show_preview.clicked.connect(self.open_preview)
        for button in (self.build, self.send, self.show_preview):
            row.addWidget(button)
        self.body.addLayout(row)
        self.versions = plain_label("", role="versions")
        self.body.addWidget(self.versions)
        self.body.addStretch(1)
        self.preview: Preview | None = None
        """The last preview built, in memory only (dropped with the page)."""
        self.dialog: PreviewDialog | None = None
        self.sent_file = ""
        self._job: _BuildJob | None = None
        self._gone = False
        """Set by forget(): what a build still reports is no longer shown."""

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

    def start_build(self, destination: Path | None, *, unencrypted: bool = False) -> None:
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
        job = _BuildJob(self, destination, unencrypted)
        job.signals.progress.connect(self.show_progress)
        job.signals.done.connect(self.built)
        job.signals.failed.connect(self.failed)
        job.signals.no_recipients.connect(self.cannot_encrypt)
        self._job = job  # held here until the next build: see workers.py
        start(job)

    def show_progress(self, percent: int, what: str) -> None:
        if self._gone:
            return
        self.bar.setValue(percent)
        self.status.setText(what)

    def built(self, result: Preview | Sent) -> None:
        if self._gone:
            return  # a preview finished as the case closed: it is never shown
        self.refresh()
        if isinstance(result, Sent):
            self.sent_file = str(result.file)
            how = (
                "encrypted to " + ", ".join(result.encrypted_to)
                if result.encrypted_to
                else "NOT encrypted (your choice; recorded)"
            )
            self.status.setText(
                f"Version {result.version} sealed, {how}, and saved as {result.file}. The "
                "case is ready for review: give the team lead that file."
            )
            return
        self.preview = result
        self.show_preview.setEnabled(True)
        self.status.setText("Preview built. Nothing has been sent.")
        self.open_preview()

    def open_preview(self) -> None:
        if self.preview is None:
            return
        self.close_preview()
        self.dialog = PreviewDialog(self, self.preview)
        # Closed by the user: its documents are forgotten once the window has gone.
        self.dialog.finished.connect(lambda _result: QTimer.singleShot(0, self.close_preview))
        self.dialog.show()

    def close_preview(self) -> None:
        """Close the preview window and forget its documents (before the page goes: Qt's
        PDF viewer must let go of a document before it is deleted)."""
        if self.dialog is not None:
            self.dialog.drop()
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None

    def forget(self) -> None:
        """The case is closing (or the app locking): nothing of the preview stays, and no
        build goes on with the store after it: a running one is stopped at its next step
        and waited for (the store is closed just after, on a lock)."""
        self._gone = True
        job = self._job
        if job is not None:
            job.cancel()
            if not job.wait(FORGET_WAIT_S):
                log.warning("a bundle build did not stop within %.0f s", FORGET_WAIT_S)
        self.close_preview()
        self.preview = None

    def failed(self, message: str) -> None:
        if self._gone:
            return
        self.status.setText(message)
        self.refresh()

    def cannot_encrypt(self, message: str, destination: Path | None) -> None:
        """No team lead's key: add one and send (encrypted), or send it unencrypted as an
        explicit, recorded choice, or leave it."""
        from rpc_desktop.gui.review.trust import add_team_lead_key

        if self._gone:
            return
        self.bar.setVisible(False)
        self.failed(message)
        if destination is None:
            return
        choice = self.ask_cannot_encrypt(message)
        if choice == "add" and add_team_lead_key(self, self.session().workspace):
            self.start_build(destination)
        elif choice == "unencrypted" and self.confirm_unencrypted():
            self.start_build(destination, unencrypted=True)

    def ask_cannot_encrypt(self, message: str) -> str:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("The bundle cannot be encrypted")
        box.setText(message)
        add = box.addButton("&Add a team lead's key…", QMessageBox.ButtonRole.AcceptRole)
        plain = box.addButton("Send it &unencrypted…", QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton("Cancel", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        clicked = ask(box)
        return "add" if clicked is add else "unencrypted" if clicked is plain else ""

    def confirm_unencrypted(self) -> bool:
        return confirm(
            self,
            title="Send it unencrypted?",
            text=(
                "Anyone who can reach the folder you chose could open the file and read the "
                "family's details. Send it unencrypted only if that folder is as safe as the "
                "team lead's own laptop. Your choice is recorded in the audit log."
            ),
            accept="Send it unencrypted",
            accept_role=QMessageBox.ButtonRole.DestructiveRole,
        )
