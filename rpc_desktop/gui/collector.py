"""Python's cycle collector, run by the app on the GUI thread, between page turns.

Left automatic, the collector runs in whichever thread allocates when a threshold is
crossed: a bundle build's thread could then delete a widget (see workers.py); and with an
open case's thousands of widget wrappers a full collection takes 100 ms or more wherever it
falls, in the middle of a page turn as often as not. So the app turns automatic collection
off and collects on a timer on the GUI thread, by the same thresholds. Once a case has
opened its wrappers are frozen (`gc.freeze`), so later full collections skip them; closing
the case thaws them and collects.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer
from shiboken6 import isValid

INTERVAL_MS = 500


class Collector(QObject):
    """One per application (`install`); `freeze()` after a case opens, `thaw()` as it
    closes."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.collections = 0
        """How many collections the timer ran (for tests)."""
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.tick)
        gc.disable()
        self._timer.start()

    def tick(self) -> None:
        """What the automatic collector would have done by now, the oldest generation due
        first (a collection of one generation includes the younger ones)."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        for generation in (2, 1, 0):
            if counts[generation] > thresholds[generation]:
                gc.collect(generation)
                self.collections += 1
                return

    def freeze(self) -> None:
        """What exists now stays until `thaw` (the open case's widgets)."""
        gc.collect(0)
        gc.freeze()

    def thaw(self) -> None:
        gc.unfreeze()
        gc.collect()

    def stop(self) -> None:
        """Automatic collection again (the app is going)."""
        self._timer.stop()
        gc.unfreeze()
        gc.enable()


_installed: Collector | None = None


def install(app: QObject) -> Collector:
    global _installed
    if _installed is None or not isValid(_installed) or _installed.parent() is not app:
        _installed = Collector(app)
    return _installed


def uninstall() -> None:
    """Automatic collection again, and no collector (the app is going; tests)."""
    global _installed
    collector = installed()
    if collector is not None:
        collector.stop()
        collector.deleteLater()
    _installed = None


def installed() -> Collector | None:
    """The app's collector, if the app put one in place (tests may run without)."""
    return _installed if _installed is not None and isValid(_installed) else None


FREEZE_AFTER_MS = 400
"""After a case opens: past the old case's closing (main_window.CLOSE_LATER_MS)."""


def case_opened(case: QObject) -> None:
    """Soon after a case opens, its widgets are frozen (with the app's collector); not if
    `case` (its wizard) has gone by then: what a closed case left is not to be kept."""
    if installed() is not None:
        QTimer.singleShot(FREEZE_AFTER_MS, case, _freeze)


def _freeze() -> None:
    collector = installed()
    if collector is not None:
        collector.freeze()


def page_turned() -> None:
    """A page is turning: the timer's next collection waits a full interval, and the
    wizard asks for what is due once it has prepared the page after (`collect_due`), while
    the practitioner reads. A collection never lands in the middle of a turn."""
    collector = installed()
    if collector is not None:
        collector._timer.start()


def collect_due() -> None:
    """Collect now what the thresholds call for (a quiet moment: see `page_turned`)."""
    collector = installed()
    if collector is not None:
        collector.tick()


def case_closed() -> None:
    """A closed wizard leaves thousands of widget wrappers: collect them now, while nothing
    is waiting, rather than in the middle of a later page turn."""
    collector = installed()
    if collector is not None:
        collector.thaw()
    else:
        gc.collect()
