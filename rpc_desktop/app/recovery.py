"""IT's recovery, as IT really runs it (issue 15): often as root (`sudo`), against a user's
data folder, with a recovery private key kept encrypted.

- The folder worked on is said plainly, and a folder that holds no store says so (and how to
  name the user's) rather than "keyfile.json is missing".
- Run as another ordinary user, recovery refuses before touching anything and says how to
  run it. Run as root, every file in the folder is handed back to the folder's owner
  afterwards, whatever happened: a key file owned by root (mode 0600) would lock the user
  out of their own store.
- The recovery private key may be encrypted: its password comes from a named environment
  variable, or is asked for.
- After recovery a flag in the store folder (`recovered-by-it`) makes the app offer the user
  to choose their own passphrase at their next unlock; choosing one clears it.
- IT's recovery key can be added to a store that has none, or replaced (rotated).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from rpc_desktop.app.workspace import Workspace
from rpc_desktop.errors import StoreError
from rpc_desktop.store import audit
from rpc_desktop.store.keys import (
    KeyFile,
    load_recovery_public_key,
    recovery_fingerprint,
    wrap_for_recovery,
)
from rpc_desktop.store.layout import StorePaths

FLAG = "recovered-by-it"


@dataclass(frozen=True)
class Owner:
    uid: int
    gid: int
    name: str


def _name(uid: int) -> str:
    try:
        import pwd

        return pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError):
        return f"user {uid}"


def owner_of(home: Path) -> Owner | None:
    """Who owns the data folder (None where ownership is not POSIX, i.e. Windows)."""
    if os.name != "posix":
        return None
    found = home.stat()
    return Owner(found.st_uid, found.st_gid, _name(found.st_uid))


def check_store_folder(home: Path) -> None:
    """A folder that holds a store, or a StoreError naming the folder and what to do."""
    paths = StorePaths(home)
    try:
        found = home.is_dir() and paths.keyfile.exists()
    except OSError as exc:
        raise StoreError(f"{home} cannot be read ({exc.strerror or exc}).") from None
    if not found:
        raise StoreError(
            f"{home} holds no store (no {paths.keyfile.name}). To recover a user's store, give "
            "their data folder: --data-folder /home/USER/.local/share/rpc-desktop (or set "
            "RPC_DESKTOP_HOME); the app's Settings and docs/deploying.md say where it is."
        )


@contextmanager
def as_the_owner(home: Path) -> Iterator[Owner | None]:
    """Work on `home` so that its owner keeps it: refuse another ordinary user; as root, hand
    every file in it back to its owner afterwards (also when the work failed)."""
    try:
        owner = owner_of(home)
    except OSError as exc:
        raise StoreError(
            f"{home} cannot be read as {_name(os.geteuid())} ({exc.strerror or exc}), so "
            "nothing was changed: run it as the folder's owner (sudo -u USER rpc-desktop "
            "recover …) or as root."
        ) from None
    if owner is None:
        yield None
        return
    me = os.geteuid()
    if me not in (owner.uid, 0):
        raise StoreError(
            f"{home} belongs to {owner.name}; you are {_name(me)}, so nothing was changed. Run "
            f"it as {owner.name} (sudo -u {owner.name} rpc-desktop recover …) or as root, "
            "which hands every file back to them."
        )
    try:
        yield owner
    finally:
        if me == 0 and owner.uid != 0:
            hand_back(home, owner)


def hand_back(home: Path, owner: Owner) -> list[Path]:
    """Every file and folder under `home` not owned by `owner`, given to them; which."""
    changed = []
    for path in [home, *home.rglob("*")]:
        found = path.lstat()
        if (found.st_uid, found.st_gid) != (owner.uid, owner.gid):
            os.chown(path, owner.uid, owner.gid, follow_symlinks=False)
            changed.append(path)
    return changed


def flag_path(home: Path) -> Path:
    return StorePaths(home).folder / FLAG


def mark_recovered(home: Path) -> None:
    flag_path(home).write_text("IT set this passphrase with the recovery key.\n", "utf-8")


def recovered_by_it(home: Path) -> bool:
    return flag_path(home).exists()


def clear_recovered(home: Path) -> None:
    flag_path(home).unlink(missing_ok=True)


def set_recovery_key(workspace: Workspace, public_pem: bytes) -> tuple[str, str]:
    """Wrap the data key to IT's recovery public key (PEM), adding it where the store has
    none or replacing the one it has; audited. Returns (fingerprint, "added"|"replaced").
    Backups taken before keep the copy they were taken with; `rpc-desktop passwd` re-keys
    everything when the old recovery key must open nothing any more."""
    store = workspace.store
    public = load_recovery_public_key(public_pem)
    keyfile = KeyFile.read(store.paths.keyfile)
    if keyfile.pending is not None:
        raise StoreError(
            "A change of passphrase was interrupted; unlock the store once to finish it, then "
            "set the recovery key."
        )
    had = keyfile.entry("recovery") is not None
    keyfile.entries = [e for e in keyfile.entries if e.get("kind") != "recovery"]
    keyfile.entries.append(wrap_for_recovery(store.data_key, public))
    keyfile.write()
    done = "replaced" if had else "added"
    fingerprint = recovery_fingerprint(public)
    with store.transaction() as conn:
        audit.append(conn, store.actor, f"recovery-key-{done}", detail=fingerprint)
    return fingerprint, done
