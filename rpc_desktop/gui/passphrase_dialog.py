"""Choosing a new passphrase in the app (issue 15): from Settings, and offered at the first
unlock after IT recovered the store (app/recovery.py), so the user does not keep the
passphrase IT set.

The new passphrase wraps the data key again (instant, like `rpc-desktop passwd
--rewrap-only`): the old passphrase opens nothing from now on, though a copy of the old key
file taken before would; `rpc-desktop passwd` also re-keys the database and its backups.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from rpc_desktop.app import recovery
from rpc_desktop.errors import RpcError
from rpc_desktop.gui.lock_screens import strength_hint, tell

if TYPE_CHECKING:
    from rpc_desktop.app.workspace import Workspace

AFTER_RECOVERY = (
    "IT set the passphrase you unlocked with, to let you back in. Choose your own now, one "
    "only you know; you can also do it later in Settings."
)


class PassphraseDialog(QDialog):
    def __init__(
        self, workspace: Workspace, parent: QWidget | None = None, *, reason: str = ""
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setWindowTitle("Choose a new passphrase")
        intro = QLabel(reason or "Choose a new passphrase for this laptop's referrals.")
        intro.setWordWrap(True)
        self.new = QLineEdit()
        self.again = QLineEdit()
        for box, name in ((self.new, "New passphrase"), (self.again, "New passphrase again")):
            box.setEchoMode(QLineEdit.EchoMode.Password)
            box.setAccessibleName(name)
        self.hint = QLabel()
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        self.problem.setProperty("role", "problems")
        form = QFormLayout()
        form.addRow("&New passphrase:", self.new)
        form.addRow("", self.hint)
        form.addRow("&Again:", self.again)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("&Change passphrase")
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText("&Later" if reason else "Cancel")
        buttons.accepted.connect(self.change)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.new.textChanged.connect(lambda text: tell(self.hint, strength_hint(text), self.new))
        tell(self.hint, strength_hint(""), self.new)

    def change(self) -> None:
        new = self.new.text()
        if new != self.again.text():
            tell(self.problem, "The two passphrases differ.", self.again, urgent=True)
            self.again.setFocus()
            return
        try:
            self.workspace.change_passphrase(new, rekey=False)
        except RpcError as exc:  # too short; the key file cannot be written
            tell(self.problem, str(exc), self.new, urgent=True)
            self.new.setFocus()
            return
        recovery.clear_recovered(self.workspace.context.home)
        self.accept()


def offer_soon(parent: QWidget, workspace: Workspace) -> None:
    """At unlock, once the window shows: the offer below (unless it locked meanwhile)."""
    if recovery.recovered_by_it(workspace.context.home):
        QTimer.singleShot(
            0, lambda: None if workspace.closed else offer_after_recovery(parent, workspace)
        )


def offer_after_recovery(parent: QWidget, workspace: Workspace) -> bool:
    """If IT recovered the store, offer the user their own passphrase; whether it was
    changed."""
    if not recovery.recovered_by_it(workspace.context.home):
        return False
    dialog = PassphraseDialog(workspace, parent, reason=AFTER_RECOVERY)
    changed = dialog.exec() == QDialog.DialogCode.Accepted
    if changed:
        QMessageBox.information(parent, "Passphrase", "Your new passphrase is set.")
    return changed
