"""Signing without the pad: a typed full name, given in person and confirmed by the
practitioner, and the Draw/Type choice that offers it beside the pad.

A keyboard-only signer cannot draw; they type their name, and the practitioner ticks that they
gave it in person, in front of them. Sign stays disabled, saying why, until both are done.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from rpc_desktop.domain.signatures import Signature
from rpc_desktop.gui.widgets.signature_pad import SignatureBlock
from rpc_desktop.gui.widgets.spacing import pin_spacing
from rpc_desktop.gui.widgets.toggle import PADDING_PX, ToggleButton
from rpc_desktop.gui.widgets.wrap_label import WrapLabel


class TypedSignature(QWidget):
    """The signer's full name, the practitioner's confirmation, and Sign."""

    sign_requested = Signal(str)
    """The name as typed, with the confirmation ticked."""
    withdraw_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._who = "The signer"
        self._signed_as: str | None = None
        self.name_label = QLabel(self)
        self.name_label.setTextFormat(Qt.TextFormat.PlainText)
        self.name_edit = QLineEdit(self)
        self.name_label.setBuddy(self.name_edit)
        self.name_edit.setPlaceholderText("Full name, typed by the person signing")
        self.name_edit.setMaxLength(200)
        self.attest = QCheckBox(self)
        # The confirmation is a sentence: it wraps in a label beside the box (a check box's
        # own text never wraps, and would widen the page on a tablet).
        self.attest_text = WrapLabel()  # its height for a width is kept (asked at each turn)
        self.attest_text.setParent(self)  # children in reading order, as made
        self.attest_text.setTextFormat(Qt.TextFormat.PlainText)
        self.attest_text.setBuddy(self.attest)
        self.sign_button = QPushButton("Sign", self)
        self.clear_button = QPushButton("Clear", self)
        self.status = WrapLabel()
        self.status.setParent(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setObjectName("typedSignatureStatus")
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.name_label, 0, 0, 1, 3)
        layout.addWidget(self.name_edit, 1, 0, 1, 3)
        attest_row = QHBoxLayout()
        attest_row.addWidget(self.attest, 0, Qt.AlignmentFlag.AlignTop)
        attest_row.addWidget(self.attest_text, 1)
        layout.addLayout(attest_row, 2, 0, 1, 3)
        layout.addWidget(self.status, 3, 0)
        layout.addWidget(self.sign_button, 3, 1)
        layout.addWidget(self.clear_button, 3, 2)
        layout.setColumnStretch(0, 1)
        layout.setRowStretch(4, 1)
        self._grid = layout
        pin_spacing(layout, self)
        self.name_edit.textChanged.connect(self._update)
        self.name_edit.returnPressed.connect(self._sign)
        self.attest.toggled.connect(self._update)
        self.sign_button.clicked.connect(self._sign)
        self.clear_button.clicked.connect(self._clear)
        self.set_signer("Signer", "", attestation="")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.StyleChange:
            pin_spacing(self._grid, self)
        super().changeEvent(event)

    def set_signer(self, label: str, name: str, *, attestation: str) -> None:
        """Whose signature this is (the accessible names say it) and what is confirmed."""
        self._who = name or label
        self.name_label.setText(f"Full name, typed by {self._who}:")
        self.name_edit.setAccessibleName(f"{label}: full name, typed to sign")
        self.attest_text.setText(attestation)
        self.attest.setAccessibleName(f"{label}: {attestation}")
        self.sign_button.setAccessibleName(f"{label}: sign with the typed name")
        self.clear_button.setAccessibleName(f"{label}: clear the typed signature")
        self._update()

    def show_signature(self, signature: Signature | None) -> None:
        """What the case holds: a typed signature fills the form; anything else empties it."""
        typed = signature is not None and signature.typed
        self._signed_as = signature.typed_name if signature is not None and typed else None
        self.name_edit.setText(self._signed_as or "")
        self.attest.setChecked(typed)
        self._update()

    def typed_name(self) -> str:
        return " ".join(self.name_edit.text().split())

    def problem(self) -> str:
        """Why Sign is disabled, in words; "" when it is not."""
        if not self.typed_name():
            return f"Type {self._who}'s full name to sign."
        if not self.attest.isChecked():
            return "Tick the confirmation above to sign."
        return ""

    def _update(self) -> None:
        problem = self.problem()
        signed = self._signed_as is not None and self.typed_name() == self._signed_as
        ready = not problem and not signed
        self.sign_button.setEnabled(ready)
        self.sign_button.setText("Sign again" if self._signed_as and ready else "Sign")
        self.clear_button.setEnabled(bool(self.name_edit.text()) or self.attest.isChecked())
        if signed:
            text = "Signed: typed, attested in person."
        elif problem:
            text = f"Not signed yet. {problem}"
        else:
            text = "Not signed yet. Ready: press Sign."
        self.status.setText(text)
        self.sign_button.setToolTip(problem)
        for widget in (self.name_edit, self.attest, self.sign_button):
            widget.setAccessibleDescription(text)

    def _sign(self) -> None:
        if self.sign_button.isEnabled():
            self.sign_requested.emit(self.typed_name())

    def _clear(self) -> None:
        had_signature = self._signed_as is not None
        self.name_edit.clear()
        self.attest.setChecked(False)
        self.name_edit.setFocus()
        if had_signature:
            self.withdraw_requested.emit()


class SignatureChoice(QWidget):
    """Draw on the pad or type a name: two toggle buttons, each reachable with Tab."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.draw_button = ToggleButton("Draw", "segment")
        self.type_button = ToggleButton("Type", "segment")
        # Not a QButtonGroup: an exclusive group is one Tab stop, left with the arrow keys,
        # and someone tabbing through would never meet "Type". The chosen one is filled.
        for button in (self.draw_button, self.type_button):
            button.setParent(self)
            bold = QFont(button.font())
            bold.setBold(True)
            room = QFontMetrics(bold).horizontalAdvance(button.text())
            button.setMinimumWidth(room + 2 * PADDING_PX + 2)
        self.draw_button.setChecked(True)
        self.block = SignatureBlock(parent=self)
        self.typed = TypedSignature(self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.block)
        self.stack.addWidget(self.typed)
        toggle = QHBoxLayout()
        toggle.addWidget(QLabel("Sign by:", self))
        toggle.addWidget(self.draw_button)
        toggle.addWidget(self.type_button)
        toggle.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(toggle)
        layout.addWidget(self.stack)
        # On the value changing, whatever changed it: a click, Space, or a screen reader's
        # Toggle action (which sends no `clicked`).
        self.draw_button.toggled.connect(lambda on: self._toggled(self.draw_button, on))
        self.type_button.toggled.connect(lambda on: self._toggled(self.type_button, on))
        self.setMaximumWidth(self.block.maximumWidth())

    def set_signer(self, label: str) -> None:
        self.draw_button.setAccessibleName(f"{label}: sign by drawing")
        self.type_button.setAccessibleName(f"{label}: sign by typing the name")

    def typing(self) -> bool:
        return self.type_button.isChecked()

    def _toggled(self, button: QPushButton, on: bool) -> None:
        if self._choosing:
            return
        # Checked: that way is chosen. Unchecked (the chosen one pressed again): it stays
        # chosen, as there is always one way to sign.
        del on
        self.choose_typing(button is self.type_button)

    _choosing = False

    def choose_typing(self, on: bool) -> None:
        """Type (on) or Draw; choosing the one already chosen keeps it chosen."""
        self._choosing = True
        try:
            self.type_button.setChecked(on)
            self.draw_button.setChecked(not on)
        finally:
            self._choosing = False
        self.stack.setCurrentWidget(self.typed if on else self.block)
