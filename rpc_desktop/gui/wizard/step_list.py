"""The map of the referral beside the pages: every step with its state, and a way to go to
any step the flow allows (domain.visit.step_map decides both)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from rpc_desktop.domain.visit import StepState, step_map
from rpc_desktop.gui.session import CaseSession

_MARK = {
    StepState.DONE: "✓",
    StepState.NEEDS: "!",
    StepState.NOT_YET: "○",
    StepState.BLOCKED: "✕",
}
REFRESH_DELAY_MS = 120
"""Answers come in bursts (typing, a page of choices): the map is redrawn once after them."""


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
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        session.changed.connect(self._timer.start)
        self.itemActivated.connect(self._chosen)
        self.itemClicked.connect(self._chosen)
        self.refresh()

    def set_current(self, step_id: str) -> None:
        """The current step marked at once; the states follow a moment later (a page turn
        does not wait for them)."""
        self.current = step_id
        self.blockSignals(True)
        try:
            for row in range(self.count()):
                item = self.item(row)
                here = item.data(Qt.ItemDataRole.UserRole) == step_id
                font = item.font()
                if font.bold() != here:
                    font.setBold(here)
                    item.setFont(font)
                if here:
                    self.setCurrentItem(item)
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
        item.setText(f"{_MARK[state]}  {title}")
        item.setData(Qt.ItemDataRole.UserRole + 1, state)
        words = f"{title}: {state.label}" + (", current step" if here else "")
        item.setData(Qt.ItemDataRole.AccessibleTextRole, words)
        item.setToolTip(words)
        flags = Qt.ItemFlag.ItemIsSelectable
        if reachable:
            flags |= Qt.ItemFlag.ItemIsEnabled
        item.setFlags(flags)
        font = item.font()
        if font.bold() != here:
            font.setBold(here)
            item.setFont(font)
        if here and self.currentItem() is not item:
            self.setCurrentItem(item)

    def _chosen(self, item: QListWidgetItem) -> None:
        step_id = item.data(Qt.ItemDataRole.UserRole)
        if item.flags() & Qt.ItemFlag.ItemIsEnabled and step_id != self.current:
            # After the click or key is done with: going there redraws this list.
            QTimer.singleShot(0, self, lambda: self.go.emit(step_id))
