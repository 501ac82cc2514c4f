"""Asking before trusting a key that is not known yet: never silent."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def ask_to_trust(parent: QWidget, fingerprint: str, *, what: str, where: str) -> bool:
    """Show the fingerprint and ask the user to compare it through another channel.

    `what` is what was sealed ("This bundle"); `where` says where the real fingerprint can
    be read ("on the practitioner's printed referral summary").
    """
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("A key this device does not know")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(
        f"{what} was sealed by a device this laptop has not seen before. Nothing in it has "
        "been shown yet.\n\n"
        f"Its device key fingerprint is:\n\n{fingerprint}\n\n"
        f"Compare it, group by group, with the fingerprint {where} — on the phone or in "
        "person, not from anything that came with this file. Trust it only if every group "
        "matches."
    )
    trust = box.addButton("They match: trust this key", QMessageBox.ButtonRole.AcceptRole)
    refuse = box.addButton(
        "They differ, or I cannot check: refuse", QMessageBox.ButtonRole.RejectRole
    )
    refuse.setDefault(True)
    box.exec()
    return box.clickedButton() is trust


def show_device_key(parent: QWidget, fingerprint: str, trusted: list[str]) -> None:
    """This device's fingerprint, to read out, and the keys it trusts (one line each)."""
    others = "\n".join(trusted)
    box = QMessageBox(parent)
    box.setWindowTitle("Device key")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(
        "This device seals bundles and review notes with the key whose fingerprint is:\n\n"
        f"{fingerprint}\n\n"
        "Read it to your team lead or practitioner when they import something from you "
        "for the first time.\n\n"
        + (
            f"Keys this device trusts:\n{others}"
            if others
            else "This device trusts no other keys yet."
        )
    )
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.exec()
