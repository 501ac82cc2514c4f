"""Unexpected errors: a dialog with a report the user can copy, and an entry in the log.

The report holds the traceback only: no case data is formatted into it. The log has the
error's type and frames, not its message (app/logs.py).
"""

from __future__ import annotations

import sys
import traceback
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

from rpc_desktop import APP_NAME, __version__
from rpc_desktop.app.logs import log_unexpected


def report(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> str:
    lines = traceback.format_exception(kind, value, tb)
    return f"{APP_NAME} {__version__}\n" + "".join(lines)


def excepthook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    log_unexpected(kind, value, tb)
    if QApplication.instance() is None:
        sys.__excepthook__(kind, value, tb)
        return
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        APP_NAME,
        "Something went wrong. Everything you entered before this was saved.\n"
        "Copy the details below for your IT team.",
    )
    box.setDetailedText(report(kind, value, tb))
    box.exec()


def install() -> None:
    sys.excepthook = excepthook
