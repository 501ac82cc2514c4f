"""Unexpected errors: a dialog with a report the user can copy, and a line in the log.

The report holds the traceback only: no case data is formatted into it.
"""

from __future__ import annotations

import logging
import sys
import traceback
from logging.handlers import RotatingFileHandler
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

from rpc_desktop import APP_NAME, __version__, paths

log = logging.getLogger("rpc_desktop")


def setup_logging() -> None:
    """A small rotating log in the data folder; modules log events, never family details."""
    handler = RotatingFileHandler(
        paths.data_home() / "rpc-desktop.log", maxBytes=512_000, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("rpc_desktop")
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def report(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> str:
    lines = traceback.format_exception(kind, value, tb)
    return f"{APP_NAME} {__version__}\n" + "".join(lines)


def excepthook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    text = report(kind, value, tb)
    log.error("unexpected error: %s", kind.__name__)
    if QApplication.instance() is None:
        sys.__excepthook__(kind, value, tb)
        return
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        APP_NAME,
        "Something went wrong. Everything you entered before this was saved.\n"
        "Copy the details below for your IT team.",
    )
    box.setDetailedText(text)
    box.exec()


def install() -> None:
    setup_logging()
    sys.excepthook = excepthook
