"""Run slow work (key derivation, bundle building) off the GUI thread; report by signal.

Python's cycle collector runs in whichever thread happens to allocate when a threshold is
crossed. While a job runs that is usually the job's thread, and collecting a widget left in
a reference cycle there deletes it on the wrong thread while the GUI thread may be painting
it: a crash (a message box answered just before a bundle build did, in an expose event).
PySide hands a dialog back to Python once it has been `exec()`ed, so any dialog caught in a
cycle is such a widget. So the collector is paused from a job's start until the job's thread
has finished with Python, and it runs again on the GUI thread; `gc.collect()` called on the
GUI thread (main_window does, when a case closes) still works while it is paused.

Keep a reference to a job (and so to its signals) until its last signal has arrived: the
pool's thread must never drop the last one, or the signals object would be deleted there.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal, Slot
from shiboken6 import isValid

from rpc_desktop.app.logs import log_handled, log_unexpected
from rpc_desktop.errors import RpcError


class _Collector(QObject):
    """Pauses Python's cycle collector while any job runs. Lives on the GUI thread."""

    job_over = Signal()
    """Emitted by a job's thread as the last thing it does: queued to the GUI thread."""

    def __init__(self) -> None:
        super().__init__(QCoreApplication.instance())
        self.running = 0
        self.was_enabled = True
        self.job_over.connect(self.resume)

    def pause(self) -> None:
        if self.running == 0:
            self.was_enabled = gc.isenabled()
            gc.disable()
        self.running += 1

    @Slot()
    def resume(self) -> None:
        self.running -= 1
        if self.running == 0 and self.was_enabled:
            gc.enable()


_collector: _Collector | None = None


def _the_collector() -> _Collector:
    """One per application, made on the GUI thread."""
    global _collector
    if _collector is None or not isValid(_collector):
        _collector = _Collector()
    return _collector


class Work(QRunnable):
    """What every job shares: the collector stays paused until `work_here` is over;
    `cancel()` asks the job to stop at its next check; `wait()` waits for it to end."""

    def __init__(self) -> None:
        super().__init__()
        self.cancelled = threading.Event()
        self.ended = threading.Event()
        self.started = False

    def work_here(self) -> None:
        """In the pool's thread: the work, and the signals saying how it went."""
        raise NotImplementedError

    def run(self) -> None:
        try:
            self.work_here()
        finally:
            self.ended.set()
            if _collector is not None:
                _collector.job_over.emit()

    def cancel(self) -> None:
        self.cancelled.set()

    def wait(self, timeout: float | None = None) -> bool:
        """True once the job has ended (or when it never started)."""
        return not self.started or self.ended.wait(timeout)


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)


class Job(Work):
    """Calls `work()` in the thread pool; `done(result)` or `failed(exception)` after."""

    def __init__(self, work: Callable[[], Any]) -> None:
        super().__init__()
        self.work = work
        self.signals = _Signals()

    def work_here(self) -> None:
        try:
            result = self.work()
        except Exception as exc:
            if not isinstance(exc, RpcError):  # a message for the user is not a fault
                log_unexpected(type(exc), exc, exc.__traceback__)
            else:  # said to the user; its type and frames for support, never its message
                log_handled(exc)
            self.signals.failed.emit(exc)
            return
        self.signals.done.emit(result)


W = TypeVar("W", bound=Work)


def start(job: W) -> W:
    """Start `job` in the global pool (from the GUI thread)."""
    _the_collector().pause()
    job.started = True
    QThreadPool.globalInstance().start(job)
    return job
