"""What IT and support read (issue 15): the audit log's entries, filtered by event or case.
The log holds actions, case references, counts and item ids, never a family's details."""

from __future__ import annotations

from rpc_desktop.app.workspace import Workspace
from rpc_desktop.errors import StoreError
from rpc_desktop.store import audit

MAX_ENTRIES = 100_000


def audit_entries(
    workspace: Workspace, event: str = "", reference: str = "", limit: int = 200
) -> list[dict[str, str]]:
    """The newest entries first; `event` one action, or a beginning with "*"."""
    if not 1 <= limit <= MAX_ENTRIES:
        raise StoreError(f"--limit must be between 1 and {MAX_ENTRIES:,}.")
    with workspace.store.engine.connect() as conn:
        return audit.entries(conn, action=event, case_ref=reference, limit=limit)
