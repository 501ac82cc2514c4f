"""Asking before trusting a key that is not known yet (never silent), and this device's
key: shown, saved for a colleague, or a team lead's added from their key file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from rpc_desktop.app.logs import log_handled
from rpc_desktop.domain.roles import AppRole
from rpc_desktop.errors import RpcError
from rpc_desktop.gui.confirm import ask, confirm

if TYPE_CHECKING:
    from rpc_desktop.app.workspace import Workspace


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
    return ask(box) is trust


def show_device_key(parent: QWidget, workspace: Workspace) -> None:
    """This device's fingerprint, to read out, and the keys it trusts (one line each); from
    here the user saves this device's key file for a colleague, or adds a team lead's."""
    others = "\n".join(workspace.trusted_key_lines())
    box = QMessageBox(parent)
    box.setWindowTitle("Device key")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(
        "This device seals bundles and review notes with the key whose fingerprint is:\n\n"
        f"{workspace.device.fingerprint}\n\n"
        "Read it to your team lead or practitioner when they import something from you, or "
        "add your key file, for the first time.\n\n"
        + (
            f"Keys this device trusts:\n{others}"
            if others
            else "This device trusts no other keys yet."
        )
    )
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    save = box.addButton("&Save this device's key file…", QMessageBox.ButtonRole.ActionRole)
    add = box.addButton("&Add a team lead's key…", QMessageBox.ButtonRole.ActionRole)
    box.addButton("Close", QMessageBox.ButtonRole.RejectRole)
    clicked = ask(box)
    if clicked is save:
        save_key_file(parent, workspace)
    elif clicked is add:
        add_team_lead_key(parent, workspace)


def save_key_file(parent: QWidget, workspace: Workspace) -> None:
    """This device's public key, written for a colleague: it holds no secret."""
    folder = QFileDialog.getExistingDirectory(
        parent, "Save this device's key file in…", str(Path.home())
    )
    if not folder:
        return
    try:
        path = workspace.save_key_file(Path(folder))
    except (RpcError, OSError) as exc:
        log_handled(exc, "in save_key_file")  # said to the user below
        QMessageBox.warning(parent, "Key file not saved", str(exc))
        return
    QMessageBox.information(
        parent,
        "Key file saved",
        f"Saved as {path}.\n\nIt holds no secret: give it to the practitioners whose "
        "referrals you review. When they add it, read them this device's fingerprint so "
        "they can compare it.",
    )


def add_team_lead_key(parent: QWidget, workspace: Workspace) -> bool:
    """Trust a team lead's key from their key file, once its fingerprint is compared: bundles
    sent for review are then encrypted to it. True when it was added."""
    chosen, _ = QFileDialog.getOpenFileName(
        parent,
        "Your team lead's key file",
        str(Path.home()),
        "Device key files (*.pub);;All files (*)",
    )
    if not chosen:
        return False
    try:
        offer = workspace.read_key_offer(Path(chosen))
    except (RpcError, OSError) as exc:
        log_handled(exc, "in add_team_lead_key")  # said to the user below
        QMessageBox.warning(parent, "Not a key file", str(exc))
        return False
    says = f" It says it is {offer.comment}'s." if offer.comment else ""
    if not confirm(
        parent,
        title="Compare the fingerprint",
        text=f"This key file holds a device key.{says} Its fingerprint is:\n\n"
        f"{offer.fingerprint}\n\nAsk your team lead to read theirs (Device key… on their "
        "laptop) and compare it group by group, on the phone or in person. Trust it only if "
        "every group matches: bundles you send for review will be encrypted to it.",
        accept="They match: trust it",
        decline="They differ, or I cannot check",
        icon=QMessageBox.Icon.Question,
    ):
        return False
    label, ok = QInputDialog.getText(
        parent, "Whose key", "A name to show for this key:", text=offer.comment
    )
    if not ok:
        return False
    try:
        workspace.trust_key_offer(offer, AppRole.TEAM_LEAD, label.strip())
    except RpcError as exc:
        log_handled(exc, "in add_team_lead_key")  # said to the user below
        QMessageBox.warning(parent, "Key not added", str(exc))
        return False
    return True
