"""The live eligibility panel beside every page of the referral."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from rpc_desktop.domain.criteria import Status
from rpc_desktop.gui.session import CaseSession
from rpc_desktop.gui.wizard import neutral
from rpc_desktop.gui.wizard.items import plain_label


class EligibilityPanel(QWidget):
    """Beside every page: the outcome and what is missing, updated as answers change."""

    def __init__(self, session: CaseSession) -> None:
        super().__init__()
        self.session = session
        layout = QVBoxLayout(self)
        self.outcome = plain_label("", role="outcome")
        self.outcome.setAccessibleName("Eligibility outcome")
        self.details = plain_label("")
        self.details.setAccessibleName("Eligibility details")
        layout.addWidget(plain_label("Eligibility (live)", role="heading"))
        layout.addWidget(self.outcome)
        layout.addWidget(self.details)
        layout.addStretch(1)
        session.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        result = self.session.evaluation()
        if result is None:
            self.outcome.setText("Choose a scheme")
            self.details.setText("")
            return
        self.outcome.setText(neutral.outcome_text(result))
        waiting = [c for c in neutral.criteria(result) if c.status is not Status.MET]
        self.details.setText(
            "\n".join(f"• {c.title}" for c in waiting[:12]) or "Every criterion is met."
        )
