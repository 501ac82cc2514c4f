"""Where resources and data live."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_DIR_NAME = "rpc-desktop"


def resources_dir() -> Path:
    """The shipped resources: beside the package in a checkout, in the bundle when frozen."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def ui_dir() -> Path:
    """Qt Designer forms and the stylesheet."""
    return resources_dir().parent / "ui"


def data_home() -> Path:
    """The user's data folder, private to them; RPC_DESKTOP_HOME overrides it."""
    override = os.environ.get("RPC_DESKTOP_HOME")
    home = Path(override) if override else Path(platformdirs.user_data_dir(APP_DIR_NAME, False))
    home.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix":
        home.chmod(0o700)
    return home
