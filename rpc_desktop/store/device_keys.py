"""This device's own keys, kept in the store: written once each, never overwritten, never
listed in an export. A part of Store, kept in its own module."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

from sqlalchemy import insert, select

from rpc_desktop.errors import StoreError
from rpc_desktop.store import audit
from rpc_desktop.store.part import StorePart
from rpc_desktop.store.tables import device_keys


class DeviceKeyRecords(StorePart):
    """Store's methods for this device's own keys."""

    def device_keys(self) -> dict[str, bytes]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(device_keys.c.name, device_keys.c.data))
            return {name: bytes(data) for name, data in rows}

    def keep_device_keys(self, new: Mapping[str, bytes], *, moved_in: bool = False) -> None:
        """Keep keys made now (or moved in from an earlier build's files), in one transaction.
        A key already kept is never replaced: that would orphan everything it signed."""
        if not new:
            return
        now = datetime.now(UTC)
        with self.transaction() as conn:
            kept = set(conn.execute(select(device_keys.c.name)).scalars())
            if clash := sorted(kept & set(new)):
                raise StoreError(
                    f"This device already keeps {', '.join(clash)} in its store; "
                    "a kept key is never replaced."
                )
            conn.execute(
                insert(device_keys),
                [{"name": n, "data": d, "created_at": now} for n, d in sorted(new.items())],
            )
            audit.append(
                conn,
                self.actor,
                "device-keys-moved-in" if moved_in else "device-keys-made",
                detail=", ".join(sorted(new)),
            )
