"""A question with one safe answer: the app's "are you sure?" boxes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget


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
    return ask(box) is yes


def ask(box: QMessageBox) -> QAbstractButton | None:
    """Show `box` and return the button chosen (None when it was closed otherwise). The
    answer is caught as it is given: after exec() the box is not touched again, since
    locking the app while it is open may already have taken it (and its page) down."""
    chosen: list[QAbstractButton] = []
    box.buttonClicked.connect(chosen.append)
    box.exec()
    return chosen[-1] if chosen else None
