"""The case list: search, filter by status, resume, delete a draft, reviewers' comments."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidgetItem,
    QWidget,
)

from rpc_desktop.domain.status import CaseStatus
from rpc_desktop.errors import RpcError
from rpc_desktop.gui.forms.ui_case_list import Ui_CaseListForm

if TYPE_CHECKING:
    from rpc_desktop.app.workspace import CaseSummary, Workspace

PAGE = 200


class CaseListScreen(QWidget):
    resume = Signal(str)
    new_case = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.ui = Ui_CaseListForm()
        self.ui.setupUi(self)
        self.workspace: Workspace | None = None
        # A visible label as the filter's buddy: some screen readers name a combo box by its
        # current text otherwise.
        shown = QLabel("Sho&w:")
        shown.setBuddy(self.ui.statusFilter)
        toolbar = self.ui.toolbar
        toolbar.insertWidget(toolbar.indexOf(self.ui.statusFilter), shown)
        self.ui.statusFilter.addItem("All cases", None)
        for status in CaseStatus:
            self.ui.statusFilter.addItem(status.label, status.value)
        table = self.ui.table
        table.setColumnCount(4)
        table.setHorizontalHeaderLabels(["Reference", "Parents", "Status", "Last changed"])
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().setVisible(False)
        self.ui.search.textChanged.connect(lambda _t: self.reload())
        self.ui.statusFilter.currentIndexChanged.connect(lambda _i: self.reload())
        self.ui.newButton.clicked.connect(self.new_case.emit)
        self.ui.resumeButton.clicked.connect(self._resume_selected)
        table.cellDoubleClicked.connect(lambda _r, _c: self._resume_selected())
        self.ui.deleteButton.clicked.connect(self._delete_selected)
        self.ui.importNoteButton.clicked.connect(self.choose_review_note)
        # Paper forms for a visit where the laptop cannot be used.
        self.blank_button = QPushButton("Blank paper &forms…")
        self.blank_button.setToolTip(
            "Save blank questionnaires and agreements to print, for a visit where the laptop "
            "cannot be used"
        )
        self.blank_button.clicked.connect(self.choose_blank_forms_folder)
        toolbar.addWidget(self.blank_button)
        table.itemSelectionChanged.connect(self._selection_changed)
        self._rows: list[CaseSummary] = []

    def choose_blank_forms_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, "Save blank paper forms in…", str(Path.home())
        )
        if folder:
            self.write_blank_forms(Path(folder))

    def write_blank_forms(self, folder: Path) -> list[Path]:
        """Each scheme's blank questionnaires and agreement, in a folder of its own under
        `folder`; nothing is overwritten. Says what was written, or why not."""
        from rpc_desktop.app.blank_forms import write_blank_forms

        if self.workspace is None:
            return []
        context = self.workspace.context
        enabled = context.settings.enabled_schemes
        written: list[Path] = []
        try:
            for scheme_id in context.packs.schemes:
                if not enabled or scheme_id in enabled:
                    written += write_blank_forms(context, scheme_id, folder / scheme_id)
        except (RpcError, OSError) as exc:  # a form already there; a folder not writable
            QMessageBox.warning(self, "Blank paper forms", str(exc))
            return written
        QMessageBox.information(
            self,
            "Blank paper forms",
            f"{len(written)} forms saved in {folder}. Print them before the visit; enter the "
            "answers into the app afterwards and keep the signed agreement with the referral.",
        )
        return written

    def attach(self, workspace: Workspace | None) -> None:
        self.workspace = workspace
        if workspace is None:
            self.ui.search.clear()
            self.ui.comments.clear()
            self.ui.table.setRowCount(0)
            self._rows = []
        else:
            self.reload()

    def reload(self) -> None:
        if self.workspace is None:
            return
        text = self.ui.search.text().strip()
        status = self.ui.statusFilter.currentData()
        rows = (
            self.workspace.search(text, PAGE)
            if text
            else self.workspace.list_cases(PAGE, status=CaseStatus(status) if status else None)
        )
        if text and status:
            rows = [r for r in rows if r.status is CaseStatus(status)]
        self._rows = rows
        table = self.ui.table
        table.setRowCount(len(rows))
        for n, row in enumerate(rows):
            values = [
                row.reference,
                row.display_name,
                row.status.label,
                row.updated_at.astimezone().strftime("%d %b %Y %H:%M"),
            ]
            for column, value in enumerate(values):
                table.setItem(n, column, QTableWidgetItem(value))
        table.resizeColumnToContents(0)
        self.ui.count.setText(f"{len(rows)} case{'s' if len(rows) != 1 else ''}")
        self._selection_changed()

    def selected(self) -> CaseSummary | None:
        rows = (
            self.ui.table.selectionModel().selectedRows() if self.ui.table.selectionModel() else []
        )
        return self._rows[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        chosen = self.selected()
        self.ui.resumeButton.setEnabled(chosen is not None)
        self.ui.deleteButton.setEnabled(chosen is not None and chosen.status is CaseStatus.DRAFT)
        comment = ""
        if chosen is not None and chosen.status is CaseStatus.RETURNED and self.workspace:
            comment = self.workspace.returned_comment(chosen.reference)
        self.ui.comments.setText(comment)

    def _resume_selected(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            self.resume.emit(chosen.reference)

    def choose_review_note(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, "Import a review note", str(Path.home()), "Review notes (*.rpcreview)"
        )
        if path:
            self.import_review_note(Path(path))

    def import_review_note(self, path: Path) -> None:
        """A team lead's approval or return: checked, then applied to the version sent."""
        from rpc_desktop.gui.review.notes import import_note

        workspace = self.workspace
        assert workspace is not None
        said = import_note(self, workspace, path, lambda: self.workspace is workspace)
        if said is not None:
            self.reload()
            self.ui.comments.setText(said)

    def _delete_selected(self) -> None:
        chosen = self.selected()
        if chosen is None or self.workspace is None or chosen.status is not CaseStatus.DRAFT:
            return
        answer = QMessageBox.question(
            self,
            "Delete draft",
            f"Delete the draft {chosen.reference} and every answer in it? This cannot be undone.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        # The app may have locked while the question was open.
        if answer == QMessageBox.StandardButton.Yes and self.workspace is not None:
            self.workspace.erase_case(chosen.reference)
            self.reload()
