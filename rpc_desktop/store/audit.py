"""The append-only audit log: who, when, what, which case. No personal values.

Each entry carries the hash of the one before, so an edited or removed row breaks the
chain at the first entry after it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, insert, select

from rpc_desktop.store.tables import audit_log

GENESIS = "0" * 64


def entry_hash(prev: str, at: str, actor: str, action: str, case_ref: str, detail: str) -> str:
    payload = json.dumps([prev, at, actor, action, case_ref, detail], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def append(conn: Connection, actor: str, action: str, case_ref: str = "", detail: str = "") -> None:
    """Add an entry in the caller's transaction: the action and its record commit together."""
    prev = conn.execute(select(audit_log.c.hash).order_by(audit_log.c.id.desc()).limit(1)).scalar()
    prev = prev or GENESIS
    at = datetime.now(UTC).isoformat(timespec="microseconds")
    conn.execute(
        insert(audit_log).values(
            at=at,
            actor=actor,
            action=action,
            case_ref=case_ref,
            detail=detail,
            prev_hash=prev,
            hash=entry_hash(prev, at, actor, action, case_ref, detail),
        )
    )


def entries_for(conn: Connection, case_ref: str) -> list[dict[str, str]]:
    """Every entry about one case, oldest first (for a subject access export)."""
    query = select(audit_log).where(audit_log.c.case_ref == case_ref).order_by(audit_log.c.id)
    return [
        {"at": r.at, "actor": r.actor, "action": r.action, "detail": r.detail}
        for r in conn.execute(query)
    ]


def entries(
    conn: Connection, *, action: str = "", case_ref: str = "", limit: int = 200
) -> list[dict[str, str]]:
    """The newest `limit` entries, newest first, of one action and one case if given (an
    action ending in "*" matches by its beginning: "figures-*")."""
    query = select(audit_log).order_by(audit_log.c.id.desc()).limit(limit)
    if action.endswith("*"):
        query = query.where(audit_log.c.action.startswith(action[:-1], autoescape=True))
    elif action:
        query = query.where(audit_log.c.action == action)
    if case_ref:
        query = query.where(audit_log.c.case_ref == case_ref)
    return [
        {
            "id": str(r.id),
            "at": r.at,
            "actor": r.actor,
            "action": r.action,
            "case": r.case_ref,
            "detail": r.detail,
        }
        for r in conn.execute(query)
    ]


@dataclass(frozen=True)
class ChainReport:
    entries: int
    first_broken: int | None
    """The id of the first entry whose link does not hold."""
    problem: str = ""

    @property
    def intact(self) -> bool:
        return self.first_broken is None


def verify_chain(conn: Connection) -> ChainReport:
    prev, count = GENESIS, 0
    for row in conn.execute(select(audit_log).order_by(audit_log.c.id)):
        count += 1
        if row.prev_hash != prev:
            return ChainReport(
                count,
                row.id,
                f"entry {row.id} does not follow the entry before it (one was removed or edited)",
            )
        expected = entry_hash(
            row.prev_hash, row.at, row.actor, row.action, row.case_ref, row.detail
        )
        if row.hash != expected:
            return ChainReport(count, row.id, f"entry {row.id} was edited after it was written")
        prev = row.hash
    return ChainReport(count, None)
