"""The case list: search, filter by status, scheme and when the next action is due, sort by
any column; what is due today or overdue at the top; resume, record what happened after
sending, delete a draft, reviewers' comments."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTableWidgetItem,
    QWidget,
)

from rpc_desktop.app.logs import log_handled
from rpc_desktop.domain.listing import CaseQuery, DueFilter, SortBy
from rpc_desktop.domain.status import CaseStatus
from rpc_desktop.errors import RpcError
from rpc_desktop.gui.forms.ui_case_list import Ui_CaseListForm

if TYPE_CHECKING:
    from rpc_desktop.app.workspace import CaseSummary, Workspace

PAGE = 50
"""Cases a page of the list holds (Show more adds as many): two screens at 1024×768."""
COLUMNS = (
    ("Reference", SortBy.REFERENCE),
    ("Parents", SortBy.NAME),
    ("Scheme", SortBy.SCHEME),
    ("Status", SortBy.STATUS),
    ("Next action", SortBy.NEXT_ACTION),
    ("Due", SortBy.DUE),
    ("Last changed", SortBy.UPDATED),
)
DUE = 5


def due_words(due: date | None, today: date) -> str:
    """The due column: the day, and whether it is today or overdue in words (not colour)."""
    if due is None:
        return ""
    day = f"{due:%a} {due.day} {due:%b %Y}"
    if due < today:
        return f"Overdue: {day}"
    return f"Today: {day}" if due == today else day


class CaseListScreen(QWidget):
    resume = Signal(str)
    new_case = Signal()
    after_sending = Signal(str)
    """The practitioner asked for a sent case's steps (the window opens the dialog)."""

    def __init__(self) -> None:
        super().__init__()
        self.ui = Ui_CaseListForm()
        self.ui.setupUi(self)
        self.workspace: Workspace | None = None
        self.today = date.today()
        """The day overdue is judged by (tests set it)."""
        self.ui.statusFilter.addItem("All cases", None)
        for status in CaseStatus:
            self.ui.statusFilter.addItem(status.label, status.value)
        self.ui.schemeFilter.addItem("All schemes", None)
        for due in DueFilter:
            self.ui.dueFilter.addItem(due.label, due.value)
        table = self.ui.table
        table.setColumnCount(len(COLUMNS))
        table.setHorizontalHeaderLabels([title for title, _sort in COLUMNS])
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for stretched in (1, 2, 4):  # parents, scheme, next action share what is left
            header.setSectionResizeMode(stretched, QHeaderView.ResizeMode.Stretch)
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(len(COLUMNS) - 1, Qt.SortOrder.DescendingOrder)
        header.sortIndicatorChanged.connect(lambda _c, _o: self.requery())
        table.verticalHeader().setVisible(False)
        self.ui.search.textChanged.connect(lambda _t: self.requery())
        for combo in (self.ui.statusFilter, self.ui.schemeFilter, self.ui.dueFilter):
            combo.currentIndexChanged.connect(lambda _i: self.requery())
        self.ui.newButton.clicked.connect(self.new_case.emit)
        self.ui.resumeButton.clicked.connect(self._resume_selected)
        self.ui.afterButton.clicked.connect(self._after_selected)
        self.after_sending.connect(self.open_after_sending)
        table.cellDoubleClicked.connect(lambda _r, _c: self._resume_selected())
        self.ui.deleteButton.clicked.connect(self._delete_selected)
        self.ui.importNoteButton.clicked.connect(self.choose_review_note)
        self.ui.showDueButton.clicked.connect(self.show_due)
        self.ui.moreButton.clicked.connect(self.show_more)
        self.ui.dueBanner.hide()
        self.ui.dueRow.setStretch(0, 1)
        # Paper forms for a visit where the laptop cannot be used.
        self.blank_button = QPushButton("Blank &paper forms…")
        self.blank_button.setToolTip(
            "Save blank questionnaires and agreements to print, for a visit where the laptop "
            "cannot be used"
        )
        self.blank_button.clicked.connect(self.choose_blank_forms_folder)
        toolbar = self.ui.toolbar
        toolbar.insertWidget(toolbar.indexOf(self.ui.importNoteButton) + 1, self.blank_button)
        # The team lead counts the whole team's referrals from what each device sends.
        self.figures_button = QPushButton("Send &figures…")
        self.figures_button.setToolTip(
            "Save this device's figures (no names or addresses: the monitoring export's "
            "columns), sealed and encrypted to your team lead, to send them"
        )
        self.figures_button.clicked.connect(self.choose_figures_folder)
        toolbar.insertWidget(toolbar.indexOf(self.blank_button) + 1, self.figures_button)
        table.itemSelectionChanged.connect(self._selection_changed)
        self._rows: list[CaseSummary] = []
        self._limit = PAGE

    def choose_blank_forms_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, "Save blank paper forms in…", str(Path.home())
        )
        if folder:
            self.write_blank_forms(Path(folder))

    def choose_figures_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, "Save this device's figures in…", str(Path.home())
        )
        if folder:
            self.send_figures(Path(folder))

    def send_figures(self, folder: Path) -> Path | None:
        """This device's figures, sealed and encrypted to the team leads it trusts, as a new
        file in `folder`; says where, or why not."""
        from rpc_desktop.app.team_figures import send_figures

        if self.workspace is None:
            return None
        try:
            path = send_figures(self.workspace, folder)
        except (RpcError, OSError) as exc:  # no team lead's key; a folder not writable
            log_handled(exc, "in send_figures")  # said to the user below
            QMessageBox.warning(self, "Send figures", str(exc))
            return None
        QMessageBox.information(
            self,
            "Send figures",
            f"Saved {path.name} in {folder}. Send it to your team lead as you send bundles; "
            "it holds no names, addresses, dates of birth or notes.",
        )
        return path

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
            log_handled(exc, "in write_blank_forms")  # said to the user below
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
            self.ui.dueBanner.hide()
            self._rows = []
            return
        self.today = date.today()
        schemes = self.ui.schemeFilter
        schemes.blockSignals(True)
        while schemes.count() > 1:
            schemes.removeItem(1)
        for scheme in workspace.packs.schemes.values():
            schemes.addItem(scheme.name, scheme.id)
        schemes.blockSignals(False)
        self.requery()

    def query(self) -> CaseQuery:
        header = self.ui.table.horizontalHeader()
        status = self.ui.statusFilter.currentData()
        return CaseQuery(
            text=self.ui.search.text().strip(),
            status=CaseStatus(status) if status else None,
            scheme_id=self.ui.schemeFilter.currentData(),
            due=DueFilter(self.ui.dueFilter.currentData() or DueFilter.ANY),
            sort=COLUMNS[header.sortIndicatorSection()][1],
            descending=header.sortIndicatorOrder() is Qt.SortOrder.DescendingOrder,
        )

    def requery(self) -> None:
        """Another search, filter or order: from the first page again."""
        self._limit = PAGE
        self.reload()

    def reload(self) -> None:
        if self.workspace is None:
            return
        self.show_due_summary()
        rows, total = self.workspace.cases_page(self.query(), today=self.today, limit=self._limit)
        self._rows = rows
        names = {s.id: s.name for s in self.workspace.packs.schemes.values()}
        table = self.ui.table
        header = table.horizontalHeader()
        # Sized once the rows are in: a column sized to its contents measures them all again
        # on every cell set.
        modes = [header.sectionResizeMode(c) for c in range(len(COLUMNS))]
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.setUpdatesEnabled(False)
        table.clearContents()
        table.setRowCount(len(rows))
        for n, row in enumerate(rows):
            values = [
                row.reference,
                row.display_name,
                names.get(row.scheme_id, row.scheme_id),
                row.status.label,
                row.next_action,
                due_words(row.next_due, self.today),
                row.updated_at.astimezone().strftime("%d %b %Y %H:%M"),
            ]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)  # the whole of a cell cut short
                if column == DUE and row.next_due is not None and row.next_due <= self.today:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                table.setItem(n, column, item)
        for column, mode in enumerate(modes):
            header.setSectionResizeMode(column, mode)
        table.setUpdatesEnabled(True)
        if total > len(rows):
            self.ui.count.setText(f"{len(rows)} of {total} cases")
        else:
            self.ui.count.setText("1 case" if total == 1 else f"{total} cases")
        self.ui.moreButton.setVisible(total > len(rows))
        self._selection_changed()

    def show_more(self) -> None:
        self._limit += PAGE
        self.reload()

    def due_line(self) -> str:
        """How many follow-ups are overdue and due today ("" when none): counts, never who."""
        if self.workspace is None:
            return ""
        due_today, overdue = self.workspace.due_now(self.today)
        parts = [f"{overdue} overdue"] if overdue else []
        parts += [f"{due_today} due today"] if due_today else []
        return f"Follow-ups: {' and '.join(parts)}." if parts else ""

    def show_due_summary(self) -> None:
        """What is due today and overdue, at the top of the list (shown at unlock)."""
        if self.workspace is None:
            return
        line = self.due_line()
        self.ui.dueSummary.setText(line or "Nothing is due today.")
        self.ui.dueBanner.setVisible(bool(line))

    def show_due(self) -> None:
        """Only the cases due today or overdue, soonest first."""
        self.ui.dueFilter.setCurrentIndex(self.ui.dueFilter.findData(DueFilter.BY_TODAY.value))
        self.ui.table.horizontalHeader().setSortIndicator(DUE, Qt.SortOrder.AscendingOrder)
        self.ui.table.setFocus()

    def selected(self) -> CaseSummary | None:
        rows = (
            self.ui.table.selectionModel().selectedRows() if self.ui.table.selectionModel() else []
        )
        return self._rows[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        chosen = self.selected()
        self.ui.resumeButton.setEnabled(chosen is not None)
        self.ui.deleteButton.setEnabled(chosen is not None and chosen.status is CaseStatus.DRAFT)
        approved = chosen is not None and chosen.status is CaseStatus.APPROVED
        after = self.ui.afterButton
        after.setEnabled(approved or (chosen is not None and chosen.status is CaseStatus.SENT))
        after.setText("Record &sending…" if approved else "&After sending…")
        after.setAccessibleName(
            "Record the day the approved referral was sent to the gateway"
            if approved
            else "After sending: the referral's steps and what happened"
        )
        comment = ""
        if chosen is not None and chosen.status is CaseStatus.RETURNED and self.workspace:
            comment = self.workspace.returned_comment(chosen.reference)
        self.ui.comments.setText(comment)

    def _resume_selected(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            self.resume.emit(chosen.reference)

    def _after_selected(self) -> None:
        chosen = self.selected()
        if chosen is not None and chosen.status is CaseStatus.SENT:
            self.after_sending.emit(chosen.reference)
        elif chosen is not None and chosen.status is CaseStatus.APPROVED:
            self.record_sending(chosen.reference)

    def record_sending(self, reference: str) -> QDialog | None:
        """Ask the day an approved referral went to the gateway (window-modal); its clock
        starts once recorded."""
        from rpc_desktop.gui.sent_dialog import SentDialog

        if self.workspace is None:
            return None
        dialog = SentDialog(self.workspace, reference, self, today=self.today)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self.reload)
        dialog.open()
        return dialog

    def open_after_sending(self, reference: str) -> QDialog | None:
        """A sent referral's steps and what happened (window-modal; the list follows each
        entry recorded). Locking closes it, as every dialog."""
        from rpc_desktop.gui.progress_dialog import ProgressDialog

        if self.workspace is None:
            return None
        try:
            dialog = ProgressDialog(self.workspace, reference, self)
        except RpcError as exc:  # not sent after all, or its scheme is not installed here
            log_handled(exc, "in open_after_sending")  # said to the user below
            QMessageBox.information(self, "After sending", str(exc))
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.recorded.connect(lambda _what: self.reload())
        dialog.open()
        return dialog

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
