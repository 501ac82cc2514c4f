"""The team lead's inbox: bundles imported for review, and importing a new one.

A bundle is verified (seal, every file's hash, each PDF's signature) in a worker before
anything in it is shown; an unknown signer is asked about, never silently accepted.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QHeaderView, QTableWidgetItem, QWidget

from rpc_desktop.app.logs import log_handled
from rpc_desktop.domain.status import ReviewStatus
from rpc_desktop.gui.forms.ui_review_inbox import Ui_ReviewInboxForm
from rpc_desktop.gui.review.trust import ask_to_trust
from rpc_desktop.gui.workers import Job, start

if TYPE_CHECKING:
    from rpc_desktop.app.review import ImportCheck
    from rpc_desktop.app.workspace import ReviewSummary, Workspace


def short(fingerprint: str) -> str:
    """The first two groups: enough to tell keys apart in a list."""
    return " ".join(fingerprint.split()[:2])


def sender_words(info: dict[str, str], key_label: str, signer: str) -> str:
    """Who sent a bundle: the name and team it was sealed with, else what the key was
    trusted as, else the key's first groups (bundles from before names were sealed)."""
    name = info.get("Contact-Name", "")
    team = info.get("Source-Organization", "")
    name, team = ("" if v == "Not recorded" else v for v in (name, team))
    if name:
        return f"{name} ({team})" if team else name
    return key_label or (f"{team}, key {short(signer)}" if team else f"Key {short(signer)}")


class ReviewInboxScreen(QWidget):
    open_review = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self.ui = Ui_ReviewInboxForm()
        self.ui.setupUi(self)
        self.workspace: Workspace | None = None
        self._rows: list[ReviewSummary] = []
        self._jobs: list[Job] = []
        self.ui.statusFilter.addItem(ReviewStatus.AWAITING.label, ReviewStatus.AWAITING.value)
        self.ui.statusFilter.addItem("All bundles", None)
        table = self.ui.table
        headers = ["Reference", "Version", "From", "Scheme", "Area", "Arrived", "Status"]
        table.setColumnCount(len(headers))
        table.setHorizontalHeaderLabels(headers)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for stretched in (2, 3):
            header.setSectionResizeMode(stretched, QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().setVisible(False)
        self.ui.statusFilter.currentIndexChanged.connect(lambda _i: self.reload())
        self.ui.importButton.clicked.connect(self.choose_and_import)
        self.ui.openButton.clicked.connect(self._open_selected)
        table.cellDoubleClicked.connect(lambda _r, _c: self._open_selected())
        table.itemSelectionChanged.connect(
            lambda: self.ui.openButton.setEnabled(self.selected() is not None)
        )

    def attach(self, workspace: Workspace | None) -> None:
        self.workspace = workspace
        self.ui.message.clear()
        if workspace is None:
            self.ui.table.setRowCount(0)
            self._rows = []
        else:
            self.reload()

    def reload(self) -> None:
        if self.workspace is None:
            return
        chosen = self.ui.statusFilter.currentData()
        rows = self.workspace.list_reviews(ReviewStatus(chosen) if chosen else None)
        self._rows = rows
        workspace = self.workspace
        labels = {k.fingerprint: k.label for k in workspace.trusted_keys() if k.label}
        schemes = {s.id: s.name for s in workspace.packs.schemes.values()}
        table = self.ui.table
        table.setRowCount(len(rows))
        for n, row in enumerate(rows):
            values = [
                row.reference,
                str(row.version),
                sender_words(row.info, labels.get(row.signer, ""), row.signer),
                schemes.get(row.scheme_id, row.scheme_id),
                row.info.get("RPC-Area", ""),
                row.imported_at.astimezone().strftime("%d %b %Y %H:%M"),
                row.status.label,
            ]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(f"Sealed by key {row.signer}" if column == 2 else value)
                table.setItem(n, column, item)
        self.ui.count.setText(f"{len(rows)} bundle{'s' if len(rows) != 1 else ''}")
        self.ui.openButton.setEnabled(self.selected() is not None)

    def selected(self) -> ReviewSummary | None:
        model = self.ui.table.selectionModel()
        rows = model.selectedRows() if model else []
        return self._rows[rows[0].row()] if rows else None

    def _open_selected(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            self.open_review.emit(chosen.id)

    # --- importing ---------------------------------------------------------------------

    def choose_and_import(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, "Import a sealed bundle", str(Path.home()), "Referral bundles (*.rpcbundle)"
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        workspace = self.workspace
        assert workspace is not None
        self.ui.importButton.setEnabled(False)
        self.ui.message.setText(f"Checking {path.name}…")
        job = Job(lambda: workspace.check_bundle(path))
        job.signals.done.connect(lambda check: self._checked(path, check))
        job.signals.failed.connect(lambda exc: self._refused(path, exc))
        self._jobs = [j for j in self._jobs if j is not job] + [job]
        start(job)

    def _refused(self, path: Path, exc: Exception) -> None:
        """Unreadable, or sealed on this device: nothing shown or kept; audited."""
        if self.workspace is not None:
            self.workspace.record_event("bundle-refused", "", str(exc)[:300])
        self._finish(f"{path.name} was not imported: {exc}")

    def _finish(self, message: str) -> None:
        self.ui.importButton.setEnabled(True)
        self.ui.message.setText(message)

    def _checked(self, path: Path, check: ImportCheck) -> None:
        from rpc_desktop.errors import RpcError

        workspace = self.workspace
        if workspace is None:  # locked while checking: nothing is kept
            self._finish("")
            return
        reference = check.info.get("External-Identifier", "")
        if check.tampered:
            workspace.record_event("bundle-refused", reference, "; ".join(check.problems)[:500])
            self._finish(
                f"{path.name} was refused: it is not as it was sealed. Nothing in it has been "
                "shown or kept.\n- " + "\n- ".join(check.problems)
            )
            return
        trust_as = ""
        if check.untrusted:
            if not ask_to_trust(
                self,
                check.signer,
                what=f"The bundle {path.name}",
                where="the practitioner reads out from their app (Device key)",
            ):
                workspace.record_event("bundle-refused", reference, f"untrusted key {check.signer}")
                self._finish(f"{path.name} was not imported: its key was not trusted.")
                return
            if self.workspace is not workspace:  # locked while the question was open
                self._finish("")
                return
            trust_as = check.info.get("Source-Organization", "") or "practitioner"
        try:
            review_id = workspace.import_bundle(check, trust_as=trust_as)
        except RpcError as exc:
            log_handled(exc, "in checked")  # said to the user below
            self._finish(f"{path.name}: {exc}")
            return
        self._finish(
            f"{path.name}: verified and imported"
            + (
                " (it came encrypted to this device)."
                if check.encrypted
                else " (it came NOT encrypted: the practitioner chose to send it so)."
            )
        )
        self.reload()
        self.open_review.emit(review_id)
