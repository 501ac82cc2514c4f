"""What the user was doing, in the log (issue 15): the screen shown, the wizard page's id, the
main window's actions and the dialogs opened. Each is named by the app's own words (a class,
a step id, a toolbar action's label), never by what it shows: no button's text (some name a
parent), no answer, no field. The last of each goes with the next error's line
(app/logs.py `note_activity`).

It listens to signals only (no application-wide event filter), so it costs nothing between
them: the main window's stack of screens, the wizard's `stepped`, the window's actions and
the application's focus window.
"""

from __future__ import annotations

import logging
import re
from contextlib import suppress
from functools import partial

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction, QWindow
from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget, QWidget

from rpc_desktop.app.logs import note_activity

log = logging.getLogger(__name__)

NAMES = {"WizardHost": "wizard"}
WATCHED = "rpcActivityWatched"


def screen_name(widget: QWidget | None) -> str:
    """A screen's name in a word or two from its class ("CaseListScreen": "case-list"); a
    plain holder is named by the screen it holds."""
    if widget is None:
        return "none"
    if type(widget) is QWidget:  # main_window's `centred` holder
        inner = [c for c in widget.findChildren(QWidget) if _ours(c)]
        if inner:
            widget = inner[0]
    return class_name(type(widget).__name__)


def class_name(name: str) -> str:
    if name in NAMES:
        return NAMES[name]
    stem = re.sub(r"(Screen|Host)$", "", name) or name
    return re.sub(r"(?<!^)(?=[A-Z])", "-", stem).lower()


def _ours(obj: QObject) -> bool:
    return type(obj).__module__.startswith("rpc_desktop.")


def _wizard_of(screen: QWidget | None) -> QObject | None:
    """The referral wizard a screen holds (its `stepped` signal says each page's id)."""
    wizard = getattr(screen, "wizard", None)
    if isinstance(wizard, QObject) and getattr(wizard, "stepped", None) is not None:
        return wizard
    return None


def action_label(action: QAction) -> str:
    """A toolbar action's label without its mnemonic and dots ("Case &list": "Case list")."""
    return action.text().replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…. ")


class Activity(QObject):
    """Watches one main window; made by `watch`."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.last_window = ""
        self.last_screen = ""
        stack = getattr(window, "stack", None)
        self.stack = stack if isinstance(stack, QStackedWidget) else None
        if self.stack is not None:
            self.stack.currentChanged.connect(self._changed)
        for action in window.actions():
            action.triggered.connect(partial(self._triggered, action_label(action)))
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusWindowChanged.connect(self._focus_changed)
        self._screen()

    def _changed(self, _index: int) -> None:
        """A wizard is watched at once (its pages may turn before the event loop does);
        other screens once the window has settled (a case closing passes by another screen
        on its way back to the list)."""
        assert self.stack is not None
        if _wizard_of(self.stack.currentWidget()) is not None:
            self._screen()
        else:
            QTimer.singleShot(0, self, self._screen)

    def _screen(self) -> None:
        if self.stack is None:
            return
        current = self.stack.currentWidget()
        name = screen_name(current)
        if name != self.last_screen:
            self.last_screen = name
            note_activity(screen=name)
            log.info("screen: %s", name)
        self._watch_wizard(current)

    def _watch_wizard(self, current: QWidget | None) -> None:
        """Page changes of a wizard screen, by step id; the page it opened on first."""
        wizard = _wizard_of(current)
        if wizard is None or wizard.property(WATCHED):
            return
        wizard.setProperty(WATCHED, True)
        wizard.stepped.connect(self._page)  # type: ignore[attr-defined]
        with suppress(AttributeError, KeyError):  # not on a page yet
            self._page(str(wizard.current_step().id))  # type: ignore[attr-defined]

    def _page(self, step_id: str) -> None:
        note_activity(page=step_id)
        log.info("page: %s", step_id)

    def _triggered(self, label: str, *_checked: object) -> None:
        note_activity(action=label)
        log.info("action: %s", label)

    def _focus_changed(self, focus: QWindow | None) -> None:
        """A dialog or message box came to the front: its class, once."""
        if focus is None:
            return
        widget = next(
            (w for w in QApplication.topLevelWidgets() if w.windowHandle() is focus), None
        )
        if widget is None or widget is self.window:
            self.last_window = ""
            return
        name = type(widget).__name__
        if name != self.last_window:
            self.last_window = name
            log.info("window: %s", name)


def watch(window: QMainWindow) -> Activity:
    """Log what the user does in `window` from now on (after its actions are made)."""
    return Activity(window)
