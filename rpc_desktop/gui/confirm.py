"""A question with one safe answer: the app's "are you sure?" boxes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def confirm(
    parent: QWidget | None,
    *,
    title: str,
    text: str,
    accept: str,
    decline: str = "Cancel",
    icon: QMessageBox.Icon = QMessageBox.Icon.Warning,
    accept_role: QMessageBox.ButtonRole = QMessageBox.ButtonRole.AcceptRole,
) -> bool:
    """True only when the user chooses `accept`; `decline` is the default (Enter) and Esc
    (the text is plain: it may quote what a user typed)."""
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    yes = box.addButton(accept, accept_role)
    no = box.addButton(decline, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no)
    box.exec()
    return box.clickedButton() is yes
