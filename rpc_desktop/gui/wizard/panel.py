"""The live eligibility panel beside every page of the referral: it folds away, and a change
of verdict is announced to screen readers."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QShowEvent
from PySide6.QtWidgets import QSizePolicy, QToolButton, QVBoxLayout, QWidget

from rpc_desktop.domain.criteria import Status
from rpc_desktop.gui import display
from rpc_desktop.gui.session import CaseSession
from rpc_desktop.gui.wizard import neutral
from rpc_desktop.gui.wizard.items import plain_label

TITLE = "Eligibility (live)"
NARROW_PX = 1150
"""In touch mode a window narrower than this starts with the panel folded."""
WIDTH_PX = 320


class EligibilityPanel(QWidget):
    """Beside every page: the outcome and what is missing, updated as answers change."""

    folded_changed = Signal(bool)

    remembered: bool | None = None
    """Folded or not, as the user last left it: kept for this run of the app only."""

    def __init__(self, session: CaseSession) -> None:
        super().__init__()
        self.session = session
        self.announced: list[str] = []
        """What was announced to screen readers, in order (the last is the newest)."""
        layout = QVBoxLayout(self)
        self.toggle = QToolButton()
        self.toggle.setProperty("role", "fold")
        self.toggle.setCheckable(True)
        self.toggle.setChecked(True)
        self.toggle.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toggle.setAccessibleName(TITLE)
        self.toggle.toggled.connect(self._toggled)
        layout.addWidget(self.toggle, alignment=Qt.AlignmentFlag.AlignLeft)
        self.body = QWidget()
        inner = QVBoxLayout(self.body)
        inner.setContentsMargins(0, 0, 0, 0)
        # No fixed accessible names: a screen reader reads what the labels say.
        self.outcome = plain_label("", role="outcome")
        self.details = plain_label("")
        for label in (self.outcome, self.details):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            inner.addWidget(label)
        inner.addStretch(1)
        layout.addWidget(self.body, 1)
        layout.addStretch(0)  # folded, the button stays at the top
        self._placed = False
        self._show_state()
        session.changed.connect(self.refresh)
        self.refresh()

    @property
    def folded(self) -> bool:
        return not self.toggle.isChecked()

    def set_folded(self, folded: bool) -> None:
        self.toggle.setChecked(not folded)

    def _toggled(self, _shown: bool) -> None:
        EligibilityPanel.remembered = self.folded
        self._show_state()
        self.folded_changed.emit(self.folded)

    def _show_state(self) -> None:
        folded = self.folded
        self.body.setVisible(not folded)
        self.toggle.setText(f"Eligibility {'▸' if folded else '▾'}")
        self.toggle.setAccessibleDescription(
            "Folded: press to show the eligibility" if folded else "Shown: press to fold it away"
        )
        self.toggle.setToolTip("Show the eligibility" if folded else "Fold the eligibility away")
        # Folded, the panel is only as wide as its button: the page gets the room.
        self.setMaximumWidth(WIDTH_PX if not folded else self.toggle.sizeHint().width() + 24)
        policy = QSizePolicy.Policy.Maximum if folded else QSizePolicy.Policy.Preferred
        self.setSizePolicy(policy, QSizePolicy.Policy.Preferred)

    def showEvent(self, event: QShowEvent) -> None:
        if not self._placed:
            self._placed = True
            if EligibilityPanel.remembered is not None:
                folded = EligibilityPanel.remembered
            else:
                folded = display.touch_mode() and self.window().width() < NARROW_PX
            self.toggle.blockSignals(True)
            self.toggle.setChecked(not folded)
            self.toggle.blockSignals(False)
            self._show_state()
        super().showEvent(event)

    def refresh(self) -> None:
        result = self.session.evaluation()
        if result is None:
            outcome, details = "Choose a scheme", ""
        else:
            outcome = neutral.outcome_text(result)
            waiting = [c for c in neutral.criteria(result) if c.status is not Status.MET]
            details = "\n".join(f"• {c.title}" for c in waiting[:12]) or "Every criterion is met."
        before = self.outcome.text()
        self.outcome.setText(outcome)
        self.details.setText(details)
        if before and before != outcome:
            self.announce(f"Eligibility: {outcome}")

    def announce(self, message: str) -> None:
        """Tell a screen reader, politely, even while the panel is folded."""
        self.announced.append(message)
        if not QAccessible.isActive():
            return
        event = QAccessibleAnnouncementEvent(self, message)
        event.setPoliteness(QAccessible.AnnouncementPoliteness.Polite)
        QAccessible.updateAccessibility(event)
