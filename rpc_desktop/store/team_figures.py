"""The team's figures kept by the team lead's device: one row a referral, from the newest
file that held it. A new file from the same device replaces what it sent before; a file
older than what is held for a referral changes nothing of it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, insert, select, update

from rpc_desktop.store.tables import team_figures


@dataclass(frozen=True)
class Merged:
    added: int
    replaced: int
    kept: int
    """Rows held from a newer file, left as they were."""


def merge(
    conn: Connection,
    *,
    device: str,
    sender: str,
    made_at: datetime,
    rows: list[dict[str, str]],
    now: datetime,
) -> Merged:
    held = {
        r.reference: r.made_at
        for r in conn.execute(select(team_figures.c.reference, team_figures.c.made_at))
    }
    added = replaced = kept = 0
    for row in rows:
        values = {
            "device": device,
            "sender": sender,
            "made_at": made_at,
            "received_at": now,
            "row": json.dumps(row, ensure_ascii=False, sort_keys=True),
        }
        reference = row["reference"]
        if reference not in held:
            conn.execute(insert(team_figures).values(reference=reference, **values))
            added += 1
        elif held[reference] <= made_at:
            conn.execute(
                update(team_figures).where(team_figures.c.reference == reference).values(**values)
            )
            replaced += 1
        else:
            kept += 1
    return Merged(added, replaced, kept)


def rows(conn: Connection) -> list[dict[str, str]]:
    query = select(team_figures.c.row).order_by(team_figures.c.reference)
    return [json.loads(r.row) for r in conn.execute(query)]


def senders(conn: Connection) -> dict[str, int]:
    """Who sent the figures held, and how many referrals of each."""
    counted: dict[str, int] = {}
    for r in conn.execute(select(team_figures.c.sender)):
        counted[r.sender] = counted.get(r.sender, 0) + 1
    return counted
