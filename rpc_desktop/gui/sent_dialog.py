"""Recording that an approved referral went to the scheme's gateway, and on which day: the
team lead sends the email, the practitioner's device learns of it here, and the referral's
clock starts (app.figures.record_sending). A day that does not fit is said beside the date,
and nothing is kept."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from rpc_desktop.app import figures
from rpc_desktop.errors import RpcError
from rpc_desktop.gui.lock_banner import announce
from rpc_desktop.gui.wizard.dates import DateEntry

if TYPE_CHECKING:
    from rpc_desktop.app.workspace import Workspace


class SentDialog(QDialog):
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
        self.today = today or date.today()
        self.setWindowTitle(f"Sent to the gateway: {reference}")
        question = QLabel(
            f"On which day was {reference} sent to the scheme's referral gateway? Its "
            "timeline's due dates are counted from that day."
        )
        question.setWordWrap(True)
        self.on = DateEntry("Day it was sent")
        self.on.set_date(self.today)
        question.setBuddy(self.on)
        self.problem = QLabel()
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        self.problem.setProperty("role", "problems")
        self.problem.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("&Record sending")
        buttons.accepted.connect(self.record)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (question, self.on, self.problem, buttons):
            layout.addWidget(widget)

    def record(self) -> None:
        on = self.on.value()
        if on is None:
            self._say(self.on.problem() or "Give the day it was sent: day, month and year.")
            return
        try:
            figures.record_sending(self.workspace, self.reference, on, today=self.today)
        except RpcError as exc:
            self._say(str(exc))
            return
        self.accept()

    def _say(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()
        announce(self.problem, text)
        self.on.setFocus()
