"""Where the shipped resources and the user's data live.

The resources (packs, fonts, icons, the demo family) are package data of
`rpc_desktop`, read through importlib.resources: the same code finds them in a checkout, in
an installed wheel and in the PyInstaller build (which keeps them at the same place in the
package).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from rpc_desktop.files import OwnerOnlyFailed, make_private_folder

log = logging.getLogger(__name__)

APP_DIR_NAME = "rpc-desktop"
HOME_ENV = "RPC_DESKTOP_HOME"


def resources_dir() -> Path:
    """The shipped resources folder, on disk (wheels and the PyInstaller build unpack it)."""
    from importlib import resources

    folder = resources.files("rpc_desktop") / "resources"
    if not isinstance(folder, Path):  # a zip import: the packs are read as files by path
        raise RuntimeError(f"rpc_desktop must be installed on disk, not in {folder}")
    return folder


def demo_case_file() -> Path:
    """The demo family (invented people), used by `rpc-desktop demo` and the self-test."""
    return resources_dir() / "demo" / "case.json"


def data_home(*, create: bool = True) -> Path:
    """The user's data folder, private to them; RPC_DESKTOP_HOME overrides it."""
    override = os.environ.get(HOME_ENV)
    if override:
        home = Path(override)
    else:
        import platformdirs

        home = Path(platformdirs.user_data_dir(APP_DIR_NAME, False))
    if create:
        make_private(home)
    return home


def make_private(folder: Path) -> None:
    """The folder, made if need be, readable by its owner only (0700, or a user-only ACL on
    Windows). Where Windows will not set the ACL (icacls blocked, a FAT drive) the folder is
    kept as it is (a profile's own folder is the user's already) and the log says why."""
    try:
        make_private_folder(folder)
    except OwnerOnlyFailed as exc:
        log.warning("data folder left with its own permissions: %s", exc)
