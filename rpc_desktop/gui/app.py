"""The desktop entry point.

The first window appears before the store and document layers are imported: they load in
the unlock path (see main_window). The log says what the app runs on once the first window
has painted (read in a worker: the packs and IT's file), what the user does from then on
(gui/activity.py), Qt's own warnings, and, after a hard crash, its traceback.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QMessageLogContext, QObject, QTimer, QtMsgType, qVersion
from PySide6.QtWidgets import QApplication, QWidget

from rpc_desktop import APP_NAME, __version__

if TYPE_CHECKING:
    from rpc_desktop.app.context import AppContext

log = logging.getLogger(__name__)


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with the app's name, style and error dialog."""
    from rpc_desktop.gui import collector, errors, style

    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    style.install(app, touch=False, points=app.font().pointSizeF())  # display: the settings
    errors.install()
    collector.install(app)  # Python's cycle collector runs on this thread, between turns
    return app


class FirstPaint(QObject):
    """Logs, once, when the first window has painted (on the event loop's next turn) and how
    long that took: the start-up figure support asks for. benchmarks/package.py times a
    built program from spawn to this line."""

    def __init__(
        self, window: QWidget, began: float, then: Callable[[], object] | None = None
    ) -> None:
        super().__init__(window)
        self.window = window
        self.began = began
        self.then = then
        """Run once the window has painted (what the first paint must not wait for)."""
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.window.removeEventFilter(self)
            QTimer.singleShot(0, self._painted)
        return False

    def _painted(self) -> None:
        screen = self.window.property("screenName") or "window"
        elapsed = (time.perf_counter() - self.began) * 1000
        log.info("first window painted: %s screen, %.0f ms after start", screen, elapsed)
        if self.then is not None:
            self.then()


def apply_user_display(app: QApplication, context: AppContext) -> bool:
    """Touch and large text as the user chose (reading the settings loads pydantic: after
    the first paint). The settings dialog applies a change live."""
    from rpc_desktop.gui import display

    return display.apply_settings(app, context.settings.display)


QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}
MAX_QT_MESSAGES = 200
"""Each distinct Qt message is logged once, and no more than this many: a warning Qt repeats
on every paint must not push the rest out of the log."""
_qt_said: set[str] = set()
qt_log = logging.getLogger("rpc_desktop.qt")


def qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt's own warnings and errors, in the log (they name Qt's classes, never a case)."""
    level = QT_LEVELS.get(kind, logging.WARNING)
    if level < logging.WARNING or message in _qt_said or len(_qt_said) >= MAX_QT_MESSAGES:
        return
    _qt_said.add(message)
    where = f" [{context.category}]" if context.category and context.category != "default" else ""
    qt_log.log(level, "Qt%s: %s", where, message[:500])


_startup: list[object] = []
"""The start-up facts' job, kept until it has reported (gui/workers.py)."""


def log_startup(context: AppContext) -> None:
    """Version, platform, Qt, IT's configuration and its problems, the packs: logged from a
    worker, so the first screen never waits for the packs to be read."""
    from rpc_desktop.app.diagnostics import log_startup as facts
    from rpc_desktop.gui.workers import Job, start

    qt = qVersion()
    job = Job(lambda: facts(context, qt=qt))
    job.signals.done.connect(lambda _r: _startup.remove(job))
    job.signals.failed.connect(lambda _e: _startup.remove(job))
    _startup.append(job)
    start(job)


def after_first_paint(app: QApplication, context: AppContext) -> None:
    apply_user_display(app, context)
    log_startup(context)


def run(
    context: AppContext | None = None, argv: list[str] | None = None, *, verbose: bool = False
) -> int:
    from PySide6.QtCore import qInstallMessageHandler

    from rpc_desktop.app.context import AppContext
    from rpc_desktop.app.logs import start_logging
    from rpc_desktop.gui import activity
    from rpc_desktop.gui.main_window import MainWindow

    began = time.perf_counter()
    app = make_application(argv)
    context = context or AppContext.load()
    start_logging(context.home, echo=verbose)
    qInstallMessageHandler(qt_message)
    window = MainWindow(context)
    activity.watch(window)
    FirstPaint(window, began, then=lambda: after_first_paint(app, context))
    window.show()
    code = app.exec()
    log.info("stopped (exit code %d)", code)
    return code
