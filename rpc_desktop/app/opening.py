"""The two ways the app gets to an open store: the first run (a new store, the user's
profile and role, this device's keys) and an unlock (IT's retention applied, leftovers of a
build that died removed, what the next screens need made). Both run in the GUI's worker."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rpc_desktop.app.workspace import Workspace

if TYPE_CHECKING:
    from rpc_desktop.app.context import AppContext
    from rpc_desktop.app.settings import Profile
    from rpc_desktop.domain.roles import AppRole


def first_run(
    context: AppContext, passphrase: str, *, profile: Profile, role: AppRole
) -> Workspace:
    """A new store, the profile and role saved, and the device keys made (while the user
    waits anyway). A store is never left open behind a failure."""
    workspace = Workspace.create(context, passphrase, profile=profile, role=role)
    try:
        workspace.device  # noqa: B018
    except BaseException:
        workspace.close(backup=False)
        raise
    return workspace


def unlock(context: AppContext, passphrase: str) -> Workspace:
    """The store unlocked as the app does it: IT's retention applied (audited), what a build
    that died left outside the store removed, and the packs, keys and document layer made."""
    workspace = Workspace.open(context, passphrase)
    try:
        workspace.apply_retention()
        workspace.tidy()
        context.preload()
        workspace.device  # noqa: B018  (moves an earlier build's plain key files in)
        workspace.learn_keys_from_notes()
    except BaseException:
        workspace.close(backup=False)
        raise
    return workspace
