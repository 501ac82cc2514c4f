"""After sending (issue 14): a sent referral's clock (`app.figures.clock_for`: each timeline
step's due date on the working-day calendar, the day it happened, its state), what was
recorded so far, and a form to record what happened and when (`app.figures.record_progress`:
saved and audited together; a date that does not fit is refused beside the form with the
domain's own message, and nothing is kept). Overdue says so in words, in bold and with the
style's warning icon, never by colour alone. Built in code: the tables come from scheme data.
"""

from __future__ import annotations

from datetime import date, datetime
from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rpc_desktop.app import figures
from rpc_desktop.app.logs import log_handled
from rpc_desktop.domain.clock import ClockStep, StepState, working_days_after
from rpc_desktop.domain.status import Happened
from rpc_desktop.errors import RpcError
from rpc_desktop.gui.lock_banner import announce
from rpc_desktop.gui.widgets.wrap_label import WrapLabel
from rpc_desktop.gui.wizard.dates import DateEntry

if TYPE_CHECKING:
    from rpc_desktop.app.workspace import Workspace

NOTE_HINT = "Kept on this device only: never in the figures or the monitoring export."
NO_DATE = "Give the day it happened: day, month and year."
NOTE_MAX = 2000
RECORD_SAYS = "Saves what happened on this device; the clock is counted again."


def day(value: date | None) -> str:
    return f"{value:%d %b %Y}" if value else ""


def days(count: int) -> str:
    return f"{count} working day{'' if count == 1 else 's'}"


def state_text(step: ClockStep, today: date) -> str:
    """The step's state in words, with how late or how soon."""
    if step.state is StepState.OVERDUE:
        return f"Overdue by {days(step.working_days_late)}"
    if step.state is StepState.LATE:
        return f"Done late, by {days(step.working_days_late)}"
    if step.state is StepState.DUE:
        left = working_days_after(today, step.due)
        return "Due today" if left == 0 else f"Due in {days(left)}"
    return step.state.label[:1].upper() + step.state.label[1:]


def _text(text: str = "", *, role: str = "", name: str = "") -> WrapLabel:
    label = WrapLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setProperty("role", role or None)
    label.setObjectName(name)
    return label


def _table(name: str, headers: list[str], *, stretch: int) -> QTableWidget:
    """Read-only, a row at a time, one line a row; Tab leaves it (arrow keys move inside).
    Column `stretch` takes the width left over."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setAccessibleName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setTabKeyNavigation(False)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def _fit(table: QTableWidget, *, at_most: int, whole: tuple[int, ...]) -> None:
    """As tall as its rows (up to `at_most` of them; it scrolls beyond), so a short timeline
    leaves no empty box and a long list does not push the form away; at least as wide as the
    columns in `whole` need (the others, as their headings)."""
    table.resizeRowsToContents()
    rows = table.rowCount()
    shown = sum(table.rowHeight(r) for r in range(min(rows, at_most)))
    if rows == 0:
        shown = table.verticalHeader().defaultSectionSize()
    header = table.horizontalHeader()
    frame = 2 * table.frameWidth()
    table.setFixedHeight(header.sizeHint().height() + shown + frame)
    widths = [
        max(table.sizeHintForColumn(c) if c in whole else 0, header.sectionSizeHint(c))
        for c in range(table.columnCount())
    ]
    bar = table.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
    table.setMinimumWidth(sum(widths) + frame + (bar if rows > at_most else 0))


class ProgressDialog(QDialog):
    """`recorded` carries the reference each time something is recorded (the case list
    refreshes its next action). Raises EditError (an RpcError) if the case was not sent.
    `today` is for tests: the clock's day, the date the form starts at, and the day
    recording is checked against."""

    recorded = Signal(str)

    def __init__(
        self,
        workspace: Workspace,
        reference: str,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.reference = reference
        self._fixed_today = today
        self.today = today or date.today()
        self.sent = figures.clock_for(workspace, reference, self.today)
        self.recorded_count = 0
        self.setWindowTitle(f"After sending: {reference}")
        self.setObjectName("progressDialog")

        self.summary = _text()
        self.alert = _text(role="problems", name="overdueAlert")
        self.alert_icon, alert_row = self._warned(self.alert)

        self.timeline = _table("Timeline", ["Step", "Due by", "Happened on", "State"], stretch=0)
        self.timeline.setObjectName("timeline")
        timeline_box = QGroupBox("Timeline, in working days (England and Wales)")
        QVBoxLayout(timeline_box).addWidget(self.timeline)

        self.entries = _table("Recorded so far", ["What happened", "On", "Note"], stretch=2)
        self.entries.setObjectName("entries")
        self.nothing_yet = QLabel("Nothing recorded yet.")
        entries_box = QGroupBox("Recorded so far")
        entries_layout = QVBoxLayout(entries_box)
        entries_layout.addWidget(self.nothing_yet)
        entries_layout.addWidget(self.entries)

        form_box = self._make_form()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)

        # In a scroll area: with large text or touch mode it is taller than a small screen.
        self.body = QWidget()
        self.body_layout = body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.summary)
        body.addLayout(alert_row)
        body.addWidget(timeline_box)
        body.addWidget(entries_box)
        body.addWidget(form_box)
        body.addStretch(1)
        self.scroller = QScrollArea()
        self.scroller.setWidget(self.body)
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroller, 1)
        layout.addWidget(buttons)
        # Only now: a button is the dialog's default only once the dialog is its window.
        self.record_button.setDefault(True)

        # Reading order (the tables first), but the focus starts on what is done here.
        order = [self.timeline, self.entries, self.what, *self.on.fields(), self.note]
        for before, after in pairwise([*order, self.record_button, self.close_button]):
            QWidget.setTabOrder(before, after)
        self.refresh()
        self._sized = False
        self.what.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        if not self._sized:  # once polished: the roles' fonts change the sizes
            self._sized = True
            self.ensurePolished()
            self.body_layout.activate()
            self.resize(self._first_size())
        super().showEvent(event)

    def _first_size(self) -> QSize:
        """All of it if it fits, within the parent's window and the screen."""
        layout = self.layout()
        assert layout is not None
        margins = layout.contentsMargins()
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        want = self.body.sizeHint() + QSize(
            margins.left() + margins.right() + bar,
            margins.top() + margins.bottom() + layout.spacing(),
        )
        want.setHeight(want.height() + self.close_button.sizeHint().height())
        room = self.screen().availableGeometry().size()
        parent = self.parentWidget()
        if parent is not None:
            room = room.boundedTo(parent.window().size())
        return want.boundedTo(room).expandedTo(self.minimumSizeHint().boundedTo(room))

    def _make_form(self) -> QGroupBox:
        box = QGroupBox("Record what happened")
        self.what = QComboBox()
        self.what.setObjectName("what")
        for what in figures.what_can_happen(self.sent.scheme):
            self.what.addItem(what.label, what.value)
        self.what.setAccessibleName("What happened")

        self.on = DateEntry("The day it happened")
        self.on.set_date(self.today)
        self.on.set_guidance(
            f"Not before the referral was sent ({day(self.sent.sent_on)}), not after today."
        )

        self.note = QLineEdit()
        self.note.setObjectName("note")
        self.note.setMaxLength(NOTE_MAX)
        self.note.setPlaceholderText("Optional")
        self.note.setAccessibleName("Note (optional)")
        self.note.setAccessibleDescription(NOTE_HINT)
        note_label = QLabel("&Note:")
        note_label.setBuddy(self.note)
        note_hint = _text(NOTE_HINT, role="caption")
        note_column = QVBoxLayout()
        note_column.setContentsMargins(0, 0, 0, 0)
        note_column.addWidget(self.note)
        note_column.addWidget(note_hint)

        self.error = _text(role="problems", name="progressError")  # read by its text
        self.error_icon, error_row = self._warned(self.error)
        self.status = _text(name="progressStatus")

        self.record_button = QPushButton("&Record")
        self.record_button.setObjectName("record")
        self.record_button.setAccessibleDescription(RECORD_SAYS)
        self.record_button.clicked.connect(self.record)
        button_row = QHBoxLayout()
        button_row.addWidget(self.status, 1)
        button_row.addWidget(self.record_button, 0, Qt.AlignmentFlag.AlignTop)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&What happened:", self.what)  # each label the buddy of its field
        form.addRow("&On:", self.on)
        form.addRow(note_label, note_column)
        layout = QVBoxLayout(box)
        layout.addLayout(form)
        layout.addLayout(error_row)
        layout.addLayout(button_row)
        self._show_error("")
        self.what.currentIndexChanged.connect(lambda _i: self._show_error(""))
        self.on.changed.connect(lambda _d: self._show_error(""))
        return box

    def _warned(self, label: QLabel) -> tuple[QLabel, QHBoxLayout]:
        """The label with the style's warning icon before it (shown and hidden with it)."""
        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        icon.setPixmap(warning.pixmap(size, size))
        row = QHBoxLayout()
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(label, 1)
        return icon, row

    # --- what the clock says ----------------------------------------------------------------

    def refresh(self) -> None:
        """Read the case again and show its clock and entries."""
        self.sent = figures.clock_for(self.workspace, self.reference, self.today)
        sent = self.sent
        self.summary.setText(
            f"{self.reference}, sent on {day(sent.sent_on)} to {sent.scheme.name}. "
            f"Today is {day(self.today)}."
        )
        overdue = [s for s in sent.steps if s.state is StepState.OVERDUE]
        said = "; ".join(f"{s.step.label}, due {day(s.due)}" for s in overdue)
        steps = "A step is" if len(overdue) == 1 else f"{len(overdue)} steps are"
        self.alert.setText(f"{steps} overdue: {said}." if overdue else "")
        self.alert.setVisible(bool(overdue))
        self.alert_icon.setVisible(bool(overdue))
        self._fill_timeline()
        self._fill_entries()

    def _fill_timeline(self) -> None:
        table = self.timeline
        table.setRowCount(0)
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for row, step in enumerate(self.sent.steps):
            table.insertRow(row)
            state = state_text(step, self.today)
            cells = [step.step.label, day(step.due), day(step.happened_on) or "Not yet", state]
            overdue = step.state is StepState.OVERDUE
            items = [QTableWidgetItem(text) for text in cells]
            items[0].setData(Qt.ItemDataRole.AccessibleTextRole, f"{step.step.label}: {state}")
            if overdue:
                items[3].setIcon(warning)
                font = QFont(table.font())
                font.setBold(True)
                for item in items:
                    item.setFont(font)
            for column, item in enumerate(items):
                table.setItem(row, column, item)
        _fit(table, at_most=6, whole=(0, 1, 2, 3))

    def _fill_entries(self) -> None:
        table = self.entries
        progress = self.sent.case.progress
        table.setRowCount(0)
        for row, entry in enumerate(progress):
            table.insertRow(row)
            for column, text in enumerate((entry.what.label, day(entry.on), entry.note)):
                item = QTableWidgetItem(text)
                item.setToolTip(text if column == 2 else "")
                table.setItem(row, column, item)
        self.nothing_yet.setVisible(not progress)
        table.setVisible(bool(progress))
        _fit(table, at_most=4, whole=(0, 1))

    # --- recording ----------------------------------------------------------------------------

    def chosen(self) -> Happened:
        return Happened(self.what.currentData())

    def record(self) -> None:
        """Record what is in the form; refused with a reason beside it, and nothing kept."""
        on = self.on.value()
        if on is None:
            self._show_error(self.on.problem() or NO_DATE)
            self.on.setFocus()
            return
        what = self.chosen()
        try:
            figures.record_progress(
                self.workspace, self.reference, what, on, self.note.text(), now=self._now()
            )
        except RpcError as exc:
            self._show_error(str(exc))
            return
        self._show_error("")
        self.note.clear()
        self.recorded_count += 1
        self.refresh()
        done = f"Recorded: {what.label}, {day(on)}."
        self.status.setText(done)
        announce(self, done)
        self.recorded.emit(self.reference)

    def _now(self) -> datetime | None:
        """Now, on the day the dialog was given (tests); None: the real now."""
        if self._fixed_today is None:
            return None
        return datetime.combine(self._fixed_today, datetime.now().time()).astimezone()

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))
        self.error_icon.setVisible(bool(message))
        self.record_button.setAccessibleDescription(message or RECORD_SAYS)
        if message:
            self.status.setText("")
            announce(self, message, urgent=True)


def open_after_sending(parent: QWidget | None, workspace: Workspace, reference: str) -> bool:
    """Show the dialog for a sent referral (modal); whether anything was recorded. A case
    that cannot have one (not sent, its scheme not installed) is said in a message box."""
    try:
        dialog = ProgressDialog(workspace, reference, parent)
    except RpcError as exc:
        log_handled(exc, "in open_after_sending")  # said to the user below
        QMessageBox.information(parent, "After sending", str(exc))
        return False
    dialog.exec()
    return dialog.recorded_count > 0
