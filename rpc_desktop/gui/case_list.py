"""The case list: search, filter by status, resume, delete a draft, reviewers' comments."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHeaderView, QMessageBox, QTableWidgetItem, QWidget

from rpc_desktop.gui.forms.ui_case_list import Ui_CaseListForm
from rpc_desktop.store.status import CaseStatus

if TYPE_CHECKING:
    from rpc_desktop.store.repository import CaseSummary
    from rpc_desktop.store.store import Store

PAGE = 200
STATUS_LABELS = {
    CaseStatus.DRAFT: "Draft",
    CaseStatus.READY_FOR_REVIEW: "Ready for review",
    CaseStatus.RETURNED: "Returned",
    CaseStatus.APPROVED: "Approved",
    CaseStatus.SENT: "Sent",
}


class CaseListScreen(QWidget):
    resume = Signal(str)
    new_case = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.ui = Ui_CaseListForm()
        self.ui.setupUi(self)
        self.store: Store | None = None
        self.ui.statusFilter.addItem("All cases", None)
        for status, label in STATUS_LABELS.items():
            self.ui.statusFilter.addItem(label, status.value)
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
        table.itemSelectionChanged.connect(self._selection_changed)
        self._rows: list[CaseSummary] = []

    def attach(self, store: Store | None) -> None:
        self.store = store
        if store is None:
            self.ui.search.clear()
            self.ui.comments.clear()
            self.ui.table.setRowCount(0)
            self._rows = []
        else:
            self.reload()

    def reload(self) -> None:
        if self.store is None:
            return
        text = self.ui.search.text().strip()
        status = self.ui.statusFilter.currentData()
        rows = (
            self.store.search(text, PAGE)
            if text
            else self.store.list_cases(PAGE, status=CaseStatus(status) if status else None)
        )
        if text and status:
            rows = [r for r in rows if r.status.value == status]
        self._rows = rows
        table = self.ui.table
        table.setRowCount(len(rows))
        for n, row in enumerate(rows):
            values = [
                row.reference,
                row.display_name,
                STATUS_LABELS[row.status],
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
        if chosen is not None and chosen.status is CaseStatus.RETURNED and self.store:
            returned = [h for h in self.store.history(chosen.reference) if h["to"] == "returned"]
            if returned:
                comment = f"Returned by {returned[-1]['by']}: {returned[-1]['comment']}"
        self.ui.comments.setText(comment)

    def _resume_selected(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            self.resume.emit(chosen.reference)

    def _delete_selected(self) -> None:
        chosen = self.selected()
        if chosen is None or self.store is None or chosen.status is not CaseStatus.DRAFT:
            return
        answer = QMessageBox.question(
            self,
            "Delete draft",
            f"Delete the draft {chosen.reference} and every answer in it? This cannot be undone.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        # The app may have locked while the question was open.
        if answer == QMessageBox.StandardButton.Yes and self.store is not None:
            self.store.erase_case(chosen.reference)
            self.reload()
