"""Unexpected errors: a dialog with a report the user can copy, and an entry in the log.

The report holds the traceback only: no case data is formatted into it, and it says where
the log is. The log has the error's type and frames, not its message, and what the user was
doing (app/logs.py). An error raised in a worker thread is logged there and its dialog shown
by the GUI thread (Qt allows no window elsewhere).
"""

from __future__ import annotations

import sys
import threading
import traceback
from types import TracebackType

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from rpc_desktop import APP_NAME, __version__
from rpc_desktop.app.logs import log_file, log_unexpected

DAMAGED_STORE = (
    "The encrypted store failed its full check ({}). Nothing more will be backed up from it. "
    "Lock the app (Ctrl+L) and unlock it again: the damaged database is then moved aside, "
    "unchanged, and you are offered the newest backup. Tell IT."
)


def report(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> str:
    lines = traceback.format_exception(kind, value, tb)
    where = log_file()
    said = f"The log: {where}\n" if where is not None else ""
    return f"{APP_NAME} {__version__}\n{said}" + "".join(lines)


class _Reporter(QObject):
    """Lives in the GUI thread; a report emitted from any thread is shown there."""

    report = Signal(str)


_reporter: _Reporter | None = None


def _show(text: str) -> None:
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        APP_NAME,
        "Something went wrong. Everything you entered before this was saved.\n"
        "Copy the details below for your IT team.",
    )
    box.setDetailedText(text)
    box.exec()


def excepthook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    log_unexpected(kind, value, tb)
    if QApplication.instance() is None or _reporter is None:
        sys.__excepthook__(kind, value, tb)
        return
    _reporter.report.emit(report(kind, value, tb))


def _thread_hook(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is not None:
        excepthook(args.exc_type, args.exc_value, args.exc_traceback)


def install() -> None:
    """From the GUI thread, once the QApplication exists."""
    global _reporter
    if _reporter is None:
        _reporter = _Reporter()
        _reporter.report.connect(_show)
    sys.excepthook = excepthook
    threading.excepthook = _thread_hook


def show_setup_problems(label: QLabel, problems: list[str]) -> None:
    """IT's configuration or a pack that did not load: said once, in the status bar."""
    if not problems:
        label.hide()
        return
    more = len(problems) - 1
    label.setText(
        f"Set-up problem{'s' if more else ''} (tell IT): {problems[0]}"
        + (f" (+{more} more)" if more else "")
    )
    label.setToolTip("\n".join(problems))
    label.show()
