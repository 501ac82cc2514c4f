"""Run slow work (key derivation, bundle building) off the GUI thread; report by signal."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from rpc_desktop.app.logs import log_unexpected
from rpc_desktop.errors import RpcError


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)


class Job(QRunnable):
    """Calls `work()` in the thread pool; `done(result)` or `failed(exception)` after."""

    def __init__(self, work: Callable[[], Any]) -> None:
        super().__init__()
        self.work = work
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as exc:
            if not isinstance(exc, RpcError):  # a message for the user is not a fault
                log_unexpected(type(exc), exc, exc.__traceback__)
            self.signals.failed.emit(exc)
            return
        self.signals.done.emit(result)


def start(job: Job) -> Job:
    QThreadPool.globalInstance().start(job)
    return job
