"""The practitioner's side: importing a team lead's review note (approval or return)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from rpc_desktop.app.logs import log_handled
from rpc_desktop.gui.review.trust import ask_to_trust

if TYPE_CHECKING:
    from rpc_desktop.app.workspace import Workspace


def import_note(
    parent: QWidget, workspace: Workspace, path: Path, still_open: Callable[[], bool]
) -> str | None:
    """Check the note, ask before trusting a new key, apply it to the version sent.

    Returns what to tell the user, or None when the app locked while it asked.
    """
    from rpc_desktop.errors import RpcError

    trust_as = ""
    try:
        check = workspace.check_review_note(path)
        if not check.trusted:
            if not ask_to_trust(
                parent,
                check.note.signer,
                what=f"The review note {path.name}",
                where="your team lead reads out from their app (Device key)",
            ):
                workspace.record_event(
                    "review-note-refused", check.note.reference, "key not trusted"
                )
                return f"{path.name} was not imported: its key was not trusted."
            if not still_open():  # locked while the question was open
                return None
            trust_as = check.note.reviewer
        note = workspace.import_review_note(check, trust_as=trust_as)
    except RpcError as exc:
        log_handled(exc, "in import_note")  # said to the user below
        if not still_open():
            return None
        workspace.record_event("review-note-refused", "", str(exc)[:300])
        return f"{path.name}: {exc}"
    verdict = note.decision.label.lower()
    return f"{note.reference} version {note.version} was {verdict} by {note.reviewer}" + (
        f": {note.comment}" if note.comment else "."
    )
