"""Around the lock: the count-down before the idle lock, and the windows that go with it.

The count-down is a bar across the top of the window, never a dialog.

It asks for nothing: any key, touch or click keeps the app open, and so does its one
button, for a screen reader or a pointer. A screen reader hears it when it appears.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from rpc_desktop.gui.idle import IdleWatcher

TOUCH_HEIGHT = 44
"""Pixels: the least a finger can hit without looking twice."""
SAID_AGAIN_AT = (30, 10)
"""Seconds left at which a screen reader is told again (not every second)."""


def announce(widget: QWidget, message: str, *, urgent: bool = False) -> None:
    """Have a screen reader say `message` now, whatever has the focus."""
    event = QAccessibleAnnouncementEvent(widget, message)
    if urgent:
        event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive)
    QAccessible.updateAccessibility(event)


def clock(seconds: int) -> str:
    """0:45, 1:00."""
    return f"{seconds // 60}:{seconds % 60:02d}"


def spoken(seconds: int) -> str:
    if seconds >= 60 and seconds % 60 == 0:
        minutes = seconds // 60
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    return f"{seconds} second{'s' if seconds != 1 else ''}"


class LockBanner(QFrame):
    def __init__(self, watcher: IdleWatcher, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "lock-banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Idle lock")
        row = QHBoxLayout(self)
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.label.setFont(font)
        self.keep = QPushButton("&Keep open")
        self.keep.setMinimumHeight(TOUCH_HEIGHT)
        self.keep.setMinimumWidth(3 * TOUCH_HEIGHT)
        self.keep.setFont(font)
        self.keep.setAutoDefault(False)
        self.keep.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.keep.setAccessibleName("Keep open")
        self.keep.setAccessibleDescription("Keeps the app unlocked; so does any key or touch.")
        row.addWidget(self.label, 1)
        row.addWidget(self.keep)
        self.keep.clicked.connect(watcher.activity)
        watcher.counting.connect(self.show_seconds)
        watcher.kept.connect(self.hide)
        watcher.idle.connect(self.hide)
        self.hide()

    def show_seconds(self, seconds: int) -> None:
        self.label.setText(f"Locking in {clock(seconds)}. Any key or touch keeps it open.")
        if self.isHidden():
            # Shown without taking the focus: typing carries on where it was.
            self.show()
            announce(
                self,
                f"The app locks in {spoken(seconds)}. Press any key, or Keep open (Alt+K), "
                "to keep it open.",
                urgent=True,
            )
        elif seconds in SAID_AGAIN_AT:
            announce(self, f"Locking in {spoken(seconds)}.")


def under_banner(banner: LockBanner, content: QWidget) -> QWidget:
    """The window's content with the banner above it (taking room only while it shows)."""
    holder = QWidget()
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(0)
    column.addWidget(banner)
    column.addWidget(content, 1)
    return holder


def close_other_windows(main: QWidget) -> None:
    """Before the lock screen shows, every other window goes (a question left open, a
    preview, a drop-down list, a tool tip): each may show something of the case."""
    QToolTip.hideText()
    while (dialog := QApplication.activeModalWidget()) is not None:
        _dismiss(dialog)  # innermost first; its exec() returns once the lock is done
        if QApplication.activeModalWidget() is dialog:
            break
    for window in QApplication.topLevelWidgets():
        if window is not main and window.isVisible():
            _dismiss(window)


def _dismiss(window: QWidget) -> None:
    if isinstance(window, QDialog):
        window.done(QDialog.DialogCode.Rejected)  # as Cancel: whatever asked does nothing
    else:
        window.close()
    if window.isVisible():  # a window that refuses to close is hidden all the same
        window.hide()
