"""Idle lock: the app locks after IT's idle minutes, and says so for the last of them.

Any input in the app (key, mouse, touch, pen, focus moved by a screen reader, text from an
input method) restarts the full interval; so does `IdleWatcher.activity()`, for what a
screen reader does without input events (a button pressed, a value set through the
accessibility interfaces). The lock never comes later than the configured minutes after the
last activity: the count-down is the end of that interval, not time added to it.

Watching every event of the application in Python costs a page turn ~15 ms and opening a
case ~60 ms (tens of thousands of events, most of them widgets being made and laid out), so
until the count-down shows the watcher sees only what a person's input goes through: each
window's input events (the system delivers key, mouse, touch and pen input to the window
first), and every change of the focus object (a screen reader moving through the window).
Once the count-down shows, every event of the application counts, so anything (text from an
input method sent straight to a field, say) keeps the app open.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QMouseEvent

ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.KeyRelease,
    QEvent.Type.ShortcutOverride,
    QEvent.Type.InputMethod,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate,
    QEvent.Type.TouchEnd,
    QEvent.Type.TabletPress,
    QEvent.Type.TabletMove,
    QEvent.Type.TabletRelease,
    # A screen reader moving through the window moves the focus, with no key or mouse.
    QEvent.Type.FocusIn,
}

WARNING_SECONDS = 60
"""The count-down shows for the last minute of the interval…"""
SHORT_INTERVAL_MS = 4 * 60_000
"""…or, for an interval shorter than this, for its last quarter."""
EARLY = 20


def warning_ms(interval_ms: int) -> int:
    """How long before the lock the count-down starts."""
    if interval_ms >= SHORT_INTERVAL_MS:
        return WARNING_SECONDS * 1000
    return interval_ms // 4


class IdleWatcher(QObject):
    idle = Signal()
    """The interval has run out (or the system suspends): lock now."""
    counting = Signal(int)
    """Whole seconds left before the lock: when the count-down starts, then every second."""
    kept = Signal()
    """The count-down stopped without locking (activity, or the watcher was stopped)."""

    def __init__(self, minutes: float, parent: QObject | None = None) -> None:
        # Parented to the window: when it goes, Qt removes the filter with it.
        super().__init__(parent)
        self.timer = QTimer(self)
        """The whole interval; when it runs out, `idle`."""
        self.timer.setSingleShot(True)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self._run_out)
        self._warn = QTimer(self)
        self._warn.setSingleShot(True)
        self._warn.setTimerType(Qt.TimerType.PreciseTimer)
        self._warn.timeout.connect(self._start_counting)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.setTimerType(Qt.TimerType.PreciseTimer)
        self._tick.timeout.connect(self._count)
        self._pointer = QPointF(-1e9, -1e9)
        self.set_minutes(minutes)
        app = QGuiApplication.instance()
        assert isinstance(app, QGuiApplication)
        self._app = app
        self._watched: set[int] = set()
        self._watch_windows()
        # Bound methods, not lambdas: Qt disconnects them when the watcher goes.
        app.focusWindowChanged.connect(self._window_focused)
        app.focusObjectChanged.connect(self._focus_moved)
        # Where the platform tells Qt (suspend, screen lock on some), lock at once.
        app.applicationStateChanged.connect(self._state)

    def set_minutes(self, minutes: float) -> None:
        """IT's cap is applied to the settings before they get here; a running watcher
        starts the new interval at once."""
        self.timer.setInterval(max(1, int(minutes * 60_000)))
        if self.timer.isActive():
            self.start()

    def _window_focused(self, _window: object) -> None:
        self._watch_windows()

    def _focus_moved(self, _focus: object) -> None:
        self.activity()

    def _watch_windows(self) -> None:
        """A person's input reaches each window first: watch every window once."""
        for window in self._app.topLevelWindows():
            key = id(window)
            if key not in self._watched:
                self._watched.add(key)
                window.installEventFilter(self)
                window.destroyed.connect(lambda _o=None, k=key: self._watched.discard(k))

    def start(self) -> None:
        """Start (or restart) the full interval; any count-down on screen goes."""
        self._watch_windows()
        interval = self.timer.interval()
        self.timer.start()
        self._warn.start(max(0, interval - warning_ms(interval)))
        self._stop_counting()

    def stop(self) -> None:
        self.timer.stop()
        self._warn.stop()
        self._stop_counting()

    def activity(self) -> None:
        """The user did something: the idle interval starts again, in full.

        Input events are seen here already; call this for what a person does that makes no
        input event (a change made through a screen reader's accessibility actions, a
        value set by an assistive tool). Does nothing while the app is locked."""
        if self.timer.isActive():
            self.start()

    def is_counting(self) -> bool:
        return self._tick.isActive()

    def seconds_left(self) -> int:
        """Whole seconds until the lock, rounded up (0 when not running). A tick may come a
        hair early: within EARLY ms of a whole second counts as that second, so the count
        never shows a second twice."""
        if not self.timer.isActive():
            return 0
        return max(0, -(-(self.timer.remainingTime() - EARLY) // 1000))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in ACTIVITY:
            if kind == QEvent.Type.MouseMove and isinstance(event, QMouseEvent):
                # Qt repeats the cursor's place when widgets move under it (the count-down
                # showing, say): only a pointer that moved is someone there.
                where = event.globalPosition()
                if where == self._pointer:
                    return False
                self._pointer = where
            self.activity()
        return False

    def _start_counting(self) -> None:
        if not self.timer.isActive():
            return
        self._app.installEventFilter(self)  # from now on, any event at all keeps it open
        self._tick.start()
        self.counting.emit(self.seconds_left())

    def _count(self) -> None:
        if self.timer.isActive():
            self.counting.emit(self.seconds_left())

    def _stop_counting(self) -> None:
        if self._tick.isActive():
            self._tick.stop()
            self._app.removeEventFilter(self)
            self.kept.emit()

    def _run_out(self) -> None:
        self._warn.stop()
        self._tick.stop()
        self._app.removeEventFilter(self)
        self.idle.emit()

    def _state(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationSuspended and self.timer.isActive():
            self.stop()
            self.idle.emit()
