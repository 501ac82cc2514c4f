"""First run, unlock and the quick-hide screen (laid out in ui/*.ui).

Their messages (a wrong passphrase, the passphrase hint) carry no accessible name of their
own, so a screen reader reads what they say; a change that matters is also announced, since
the focus is in the passphrase box, not on the message.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget

from rpc_desktop.app.context import MIN_PASSPHRASE
from rpc_desktop.gui.forms.ui_first_run import Ui_FirstRunForm
from rpc_desktop.gui.forms.ui_hidden import Ui_HiddenForm
from rpc_desktop.gui.forms.ui_unlock import Ui_UnlockForm
from rpc_desktop.gui.lock_banner import announce


def strength_hint(passphrase: str) -> str:
    """A plain hint, not a score: length matters most for a passphrase."""
    if not passphrase:
        return f"Use at least {MIN_PASSPHRASE} characters; four or more words is better."
    if len(passphrase) < MIN_PASSPHRASE:
        return f"Too short: at least {MIN_PASSPHRASE} characters."
    words = len(passphrase.split())
    if len(passphrase) >= 20 or words >= 4:
        return "Strong."
    if len(passphrase) >= 14 or words >= 3:
        return "Good. A few more words make it stronger."
    return "Weak: add more words."


def tell(label: QLabel, text: str, box: QLineEdit, *, urgent: bool = False) -> None:
    """Show `text` under the passphrase box, give it to the box as its description (read
    with the box), and announce it when it changed."""
    if text == label.text():
        return
    label.setText(text)
    box.setAccessibleDescription(text)
    if text:
        announce(label, text, urgent=urgent)


def centred(form: QWidget) -> QWidget:
    """A narrow form in the middle of the window, not stretched across it."""
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.addStretch(1)
    row.addWidget(form, 4)
    row.addStretch(1)
    return holder


class FirstRunScreen(QWidget):
    submitted = Signal(object, str)
    """(the profile as a dict, passphrase)"""

    def __init__(self) -> None:
        super().__init__()
        self.ui = Ui_FirstRunForm()
        self.ui.setupUi(self)
        for edit in (self.ui.name, self.ui.passphrase, self.ui.confirm):
            edit.textChanged.connect(self._check)
        self.ui.createButton.clicked.connect(self._submit)
        self._check()

    def apply_config(
        self,
        *,
        team_lead: bool,
        role_locked: bool,
        organisation: str,
        organisation_locked: bool,
    ) -> None:
        """IT's values are the starting point; a locked one cannot be changed here."""
        self.ui.appRole.setCurrentIndex(1 if team_lead else 0)
        self.ui.appRole.setEnabled(not role_locked)
        if role_locked:
            self.ui.appRole.setToolTip("Set by your organisation.")
        if organisation:
            self.ui.organisation.setText(organisation)
        self.ui.organisation.setReadOnly(organisation_locked)
        if organisation_locked:
            self.ui.organisation.setToolTip("Set by your organisation.")

    def _check(self) -> None:
        passphrase, again = self.ui.passphrase.text(), self.ui.confirm.text()
        hint = strength_hint(passphrase)
        if again and again != passphrase:
            hint += " The two passphrases differ."
        self.say(hint)
        self.ui.createButton.setEnabled(
            bool(self.ui.name.text().strip())
            and len(passphrase) >= MIN_PASSPHRASE
            and passphrase == again
        )

    def _submit(self) -> None:
        profile = {
            field: getattr(self.ui, field).text().strip()
            for field in ("name", "role", "organisation", "phone", "email")
        }
        profile["app_role"] = "team-lead" if self.ui.appRole.currentIndex() == 1 else "practitioner"
        self.ui.createButton.setEnabled(False)
        self.say("Creating the encrypted store…")
        self.submitted.emit(profile, self.ui.passphrase.text())

    def say(self, text: str, *, urgent: bool = False) -> None:
        """The hint under the passphrase (its strength, or why the store was not made)."""
        tell(self.ui.strength, text, self.ui.passphrase, urgent=urgent)


class UnlockScreen(QWidget):
    submitted = Signal(str)

    def __init__(self, heading: str = "Enter your passphrase to unlock") -> None:
        super().__init__()
        self.ui = Ui_UnlockForm()
        self.ui.setupUi(self)
        self.ui.heading.setText(heading)
        self.ui.unlockButton.clicked.connect(self._submit)
        self.ui.passphrase.returnPressed.connect(self._submit)

    def _submit(self) -> None:
        self.busy(True)
        self.submitted.emit(self.ui.passphrase.text())

    def busy(self, on: bool, message: str = "") -> None:
        self.ui.unlockButton.setEnabled(not on)
        self.ui.passphrase.setEnabled(not on)
        text = "Unlocking…" if on and not message else message
        tell(self.ui.message, text, self.ui.passphrase, urgent=bool(message))
        if not on:
            self.ui.passphrase.clear()
            self.ui.passphrase.setFocus()


class HiddenScreen(QWidget):
    """Neutral: nothing on it says what the app is for, or whose case was open."""

    submitted = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.ui = Ui_HiddenForm()
        self.ui.setupUi(self)
        self.ui.returnButton.clicked.connect(lambda: self.submitted.emit(self.ui.passphrase.text()))
        self.ui.passphrase.returnPressed.connect(
            lambda: self.submitted.emit(self.ui.passphrase.text())
        )

    def busy(self, on: bool, message: str = "") -> None:
        self.ui.returnButton.setEnabled(not on)
        tell(self.ui.message, message, self.ui.passphrase, urgent=bool(message))
        if not on:
            self.ui.passphrase.clear()
            self.ui.passphrase.setFocus()
