"""The map of the referral beside the pages: every step with its state, and a way to go to
any step the flow allows (domain.visit.step_map decides both)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from rpc_desktop.domain.visit import StepState, step_map
from rpc_desktop.gui.session import CaseSession

_MARK = {
    StepState.DONE: "✓",
    StepState.NEEDS: "!",
    StepState.NOT_YET: "○",
    StepState.BLOCKED: "✕",
}
KEPT_SIZES = 400
"""Row sizes remembered (a few widths of some thirty rows)."""
REFRESH_DELAY_MS = 120
"""Answers come in bursts (typing, a page of choices): the map is redrawn once after them."""


class _CurrentBold(QStyledItemDelegate):
    """Draws the current step in bold. Every row is measured in bold, so the current one
    fits whichever it is, and changing it lays nothing out again."""

    def __init__(self, steps: StepList) -> None:
        super().__init__(steps)
        self.steps = steps
        self._measuring = False
        self._sizes: dict[tuple[str, int, str], QSize] = {}

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        if self._measuring or index.data(Qt.ItemDataRole.UserRole) == self.steps.current:
            option.font.setBold(True)

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        """Kept per text, width and font: QListView asks again for every row it paints,
        and wrapping a row's words is most of the cost of drawing the list."""
        key = (
            index.data(Qt.ItemDataRole.DisplayRole),
            option.rect.width(),
            option.font.key(),
        )
        size = self._sizes.get(key)
        if size is None:
            if len(self._sizes) > KEPT_SIZES:
                self._sizes.clear()
            self._measuring = True
            try:
                size = self._sizes[key] = super().sizeHint(option, index)
            finally:
                self._measuring = False
        return QSize(size)


class StepList(QListWidget):
    go = Signal(str)
    """The practitioner chose a step the flow allows: its id."""

    def __init__(self, session: CaseSession) -> None:
        super().__init__()
        self.session = session
        self.setAccessibleName("Steps of the referral")
        self.setAccessibleDescription(
            "Each step with its state. Press Enter on a step to go to it."
        )
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.current = ""
        self.setItemDelegate(_CurrentBold(self))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        session.changed.connect(self._timer.start)
        self.itemActivated.connect(self._chosen)
        self.itemClicked.connect(self._chosen)
        self.refresh()

    def set_current(self, step_id: str) -> None:
        """The current step marked at once (chosen, and drawn bold); the states and the
        words a screen reader gives follow a moment later (a page turn does not wait)."""
        self.current = step_id
        self.blockSignals(True)
        try:
            for row in range(self.count()):
                item = self.item(row)
                if item.data(Qt.ItemDataRole.UserRole) == step_id:
                    self.setCurrentItem(item)
                    break
        finally:
            self.blockSignals(False)
        self._timer.start()

    def states(self) -> dict[str, tuple[StepState, bool]]:
        """Each listed step's state and whether it can be gone to (for tests and a11y)."""
        out = {}
        for row in range(self.count()):
            item = self.item(row)
            out[item.data(Qt.ItemDataRole.UserRole)] = (
                item.data(Qt.ItemDataRole.UserRole + 1),
                bool(item.flags() & Qt.ItemFlag.ItemIsEnabled),
            )
        return out

    def refresh(self) -> None:
        session = self.session
        statuses = step_map(session.flow, session.case, session.scheme, session.evaluation())
        ids = [status.step.id for status in statuses]
        self.blockSignals(True)
        try:
            if ids != [
                self.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.count())
            ]:
                # The steps themselves changed (the plan, a stop): the rows are made again.
                # Otherwise each row is updated where it is: no item is ever deleted under
                # a signal it is sending, or under a screen reader reading it.
                self.clear()
                for step_id in ids:
                    item = QListWidgetItem()
                    item.setData(Qt.ItemDataRole.UserRole, step_id)
                    self.addItem(item)
            for row, status in enumerate(statuses):
                self._show(self.item(row), status.step.title, status.state, status.reachable)
        finally:
            self.blockSignals(False)

    def _show(self, item: QListWidgetItem, title: str, state: StepState, reachable: bool) -> None:
        here = item.data(Qt.ItemDataRole.UserRole) == self.current
        words = f"{title}: {state.label}" + (", current step" if here else "")
        # Only what differs is set: each change lays the whole list out again.
        for role, value in (
            (Qt.ItemDataRole.DisplayRole, f"{_MARK[state]}  {title}"),
            (Qt.ItemDataRole.UserRole + 1, state),
            (Qt.ItemDataRole.AccessibleTextRole, words),
            (Qt.ItemDataRole.ToolTipRole, words),
        ):
            if item.data(role) != value:
                item.setData(role, value)
        flags = Qt.ItemFlag.ItemIsSelectable
        if reachable:
            flags |= Qt.ItemFlag.ItemIsEnabled
        if item.flags() != flags:
            item.setFlags(flags)
        if here and self.currentItem() is not item:
            self.setCurrentItem(item)

    def _chosen(self, item: QListWidgetItem) -> None:
        step_id = item.data(Qt.ItemDataRole.UserRole)
        if item.flags() & Qt.ItemFlag.ItemIsEnabled and step_id != self.current:
            # After the click or key is done with: going there redraws this list.
            QTimer.singleShot(0, self, lambda: self.go.emit(step_id))
