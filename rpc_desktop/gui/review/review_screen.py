"""One bundle under review: the four PDFs in Qt's viewer, the eligibility checklist, the
versions, and the decision (approve with name, signature and comment; or return).

The PDFs are read from the encrypted store into memory; no plain copy is written to disk.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QListWidgetItem, QTreeWidgetItem, QWidget

from rpc_desktop.domain.status import ReviewStatus
from rpc_desktop.gui.forms.ui_review import Ui_ReviewForm
from rpc_desktop.gui.widgets.pdf_pane import PdfPane
from rpc_desktop.gui.widgets.signature_pad import SignatureBlock
from rpc_desktop.gui.workers import Job, start

if TYPE_CHECKING:
    from rpc_desktop.app.review import Decided
    from rpc_desktop.app.workspace import OpenReview, ReviewSummary, Workspace

TAB_TITLES = ("RSQ parent A", "RSQ parent B", "Participation Agreement", "Referral summary")


class ReviewScreen(QWidget):
    back = Signal()
    decided = Signal(int)

    def __init__(self, workspace: Workspace, opened: OpenReview) -> None:
        super().__init__()
        self.ui = Ui_ReviewForm()
        self.ui.setupUi(self)
        self.workspace = workspace
        summary, contents, history = opened.summary, opened.contents, opened.history
        self.summary = summary
        self._jobs: list[Job] = []
        self.out_folder = ""
        self.ui.heading.setText(
            f"{summary.reference}, version {summary.version} — "
            f"{summary.info.get('External-Description', summary.scheme_id)}"
        )
        self.ui.verified.setText(
            "Verified: sealed by device key "
            f"{summary.signer}; every file is as it was sealed and each PDF's signature "
            "covers the whole file."
        )
        self.ui.verified.setProperty("role", "verified")
        self.ui.heading.setProperty("role", "heading")
        self.panes: list[PdfPane] = []
        for title, data in zip(TAB_TITLES, contents.pdfs.values(), strict=True):
            pane = PdfPane(data, title)
            self.panes.append(pane)
            self.ui.documents.addTab(pane, title)
        self._show_checklist(contents.checklist)
        self._show_history(history)
        self.signature = SignatureBlock("Your signature, for an approval")
        self.ui.signatureSlotLayout.addWidget(self.signature)
        self.ui.reviewer.setText(workspace.reviewer().name)
        self.ui.approveButton.clicked.connect(self.approve)
        self.ui.returnButton.clicked.connect(self.send_back)
        self.ui.backButton.clicked.connect(self.back.emit)
        self._set_open(not summary.status.decided)
        if summary.status.decided:
            self.ui.message.setText(
                f"{summary.status.label} by {summary.reviewer}"
                + (f": {summary.comment}" if summary.comment else ".")
            )

    def _show_checklist(self, checklist: dict[str, object]) -> None:
        self.ui.outcome.setText(f"Outcome on the referral date: {checklist.get('outcome', '?')}")
        criteria = checklist.get("criteria", [])
        for row in criteria if isinstance(criteria, list) else []:
            item = QTreeWidgetItem(
                [str(row.get(k, "")) for k in ("criterion", "outcome", "reason")]
            )
            for column in range(3):
                item.setToolTip(column, item.text(column))
            self.ui.checklist.addTopLevelItem(item)
        for column in (0, 1):
            self.ui.checklist.resizeColumnToContents(column)
        self.ui.screening.setText(str(checklist.get("screening", "")))

    def _show_history(self, history: list[ReviewSummary]) -> None:
        for entry in history:
            when = entry.imported_at.astimezone().strftime("%d %b %Y")
            state = entry.status.label
            text = f"Version {entry.version}, imported {when}: {state}"
            if entry.status is not ReviewStatus.AWAITING:
                text += f" by {entry.reviewer}" + (f" — {entry.comment}" if entry.comment else "")
            item = QListWidgetItem(text + ("  (this one)" if entry.id == self.summary.id else ""))
            item.setToolTip(text)
            self.ui.history.addItem(item)

    def _set_open(self, open_: bool) -> None:
        for widget in (
            self.ui.approveButton,
            self.ui.returnButton,
            self.ui.reviewer,
            self.ui.comment,
            self.signature,
        ):
            widget.setEnabled(open_)

    def choose_folder(self, title: str) -> str:
        return QFileDialog.getExistingDirectory(self, title, str(Path.home()))

    def approve(self) -> None:
        if not self.ui.reviewer.text().strip():
            self.ui.message.setText("Enter your name to approve.")
            return
        if self.signature.pad.is_empty():
            self.ui.message.setText("Sign in the box to approve.")
            return
        folder = self.choose_folder("Save the email draft and the approval note in…")
        if not folder:
            return
        strokes = [[[p.x, p.y, p.pressure] for p in s] for s in self.signature.pad.strokes()]
        aspect = self.signature.pad.aspect()
        comment = self.ui.comment.toPlainText()
        workspace, review_id = self.workspace, self.summary.id
        reviewer = workspace.reviewer(self.reviewer_name())
        self._run(
            lambda: workspace.approve(
                review_id,
                reviewer,
                comment=comment,
                strokes=strokes,
                aspect=aspect,
                out_dir=Path(folder),
            ),
            folder,
        )

    def send_back(self) -> None:
        comment = self.ui.comment.toPlainText().strip()
        if not comment:
            self.ui.message.setText(
                "Say what needs changing in Comments: the practitioner sees them."
            )
            self.ui.comment.setFocus()
            return
        if not self.ui.reviewer.text().strip():
            self.ui.message.setText("Enter your name to return the referral.")
            return
        folder = self.choose_folder("Save the return note in…")
        if folder:
            workspace, review_id = self.workspace, self.summary.id
            reviewer = workspace.reviewer(self.reviewer_name())
            self._run(
                lambda: workspace.return_for_changes(
                    review_id, reviewer, comment=comment, out_dir=Path(folder)
                ),
                folder,
            )

    def reviewer_name(self) -> str:
        return str(self.ui.reviewer.text()).strip()

    def _run(self, work: Callable[[], Decided], folder: str) -> None:
        self._set_open(False)
        self.ui.message.setText("Sealing…")
        job = Job(work)
        job.signals.done.connect(lambda decided: self._done(decided, folder))
        job.signals.failed.connect(self._failed)
        self._jobs.append(job)
        start(job)

    def _done(self, decided: Decided, folder: str) -> None:
        self.out_folder = folder
        if decided.email_file is not None:
            self.ui.message.setText(
                f"Approved. The email draft to the gateway is {decided.email_file.name} and "
                f"the approval note is {decided.note_file.name}, both in {folder}. Open the "
                "draft in your mail client to send it; give the note to the practitioner."
            )
        else:
            self.ui.message.setText(
                f"Returned. Give the practitioner the return note {decided.note_file.name} "
                f"(in {folder})."
            )
        self.decided.emit(self.summary.id)

    def _failed(self, exc: Exception) -> None:
        self.ui.message.setText(str(exc))
        self._set_open(True)

    def drop(self) -> None:
        """Forget the documents (on lock and when leaving the screen)."""
        for pane in self.panes:
            pane.drop()
