"""The main window: first run, unlock, the case list, the wizard, lock and quick-hide.

It is given the application context and asks it for everything: IT's configuration, the
settings, and (once unlocked) a Workspace for the cases and reviews. Only Qt and light
modules load before the first screen shows; the store, the rules and the wizard load while
the passphrase is being checked (docs/architecture.md, performance).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from rpc_desktop import APP_NAME
from rpc_desktop.app.context import AppContext
from rpc_desktop.app.logs import log_handled
from rpc_desktop.domain.roles import AppRole
from rpc_desktop.errors import RpcError
from rpc_desktop.gui import collector
from rpc_desktop.gui.case_list import CaseListScreen
from rpc_desktop.gui.errors import DAMAGED_STORE, show_setup_problems
from rpc_desktop.gui.idle import IdleWatcher
from rpc_desktop.gui.lock_banner import LockBanner, close_other_windows, under_banner
from rpc_desktop.gui.lock_screens import FirstRunScreen, HiddenScreen, UnlockScreen, centred
from rpc_desktop.gui.review.inbox import ReviewInboxScreen
from rpc_desktop.gui.workers import Job, start

if TYPE_CHECKING:
    from rpc_desktop.app.settings import Settings
    from rpc_desktop.app.workspace import OpenReview, Workspace
    from rpc_desktop.gui.figures_screen import FiguresScreen
    from rpc_desktop.gui.review.review_screen import ReviewScreen
    from rpc_desktop.gui.wizard.wizard import WizardHost


DEFAULT_IDLE_MINUTES = 5.0
"""Until the settings are read at unlock (reading them loads pydantic, which the first
window does not wait for)."""
HIDE_KEY = "F12"
NEUTRAL_TITLE = "Notes"


CLOSE_LATER_MS = 150
"""Opening another case: the old wizard is taken down this long after the new one shows."""


class MainWindow(QMainWindow):
    def __init__(self, context: AppContext | None = None) -> None:
        super().__init__()
        self.context = context or AppContext.load()
        self.workspace: Workspace | None = None
        self.host: WizardHost | None = None
        self.review: ReviewScreen | None = None
        self.figures: FiguresScreen | None = None
        self.resume_point: tuple[str, str] | None = None
        self.last_full_check: list[str] | None = None
        """The problems the background full check found after the last unlock."""
        self._jobs: list[Job] = []
        self.setWindowTitle(APP_NAME)

        self.stack = QStackedWidget()
        self.first_run = FirstRunScreen()
        self.unlock = UnlockScreen()
        self.cases = CaseListScreen()
        self.hidden = HiddenScreen()
        self.inbox = ReviewInboxScreen()
        self.stack.addWidget(centred(self.first_run))
        for screen in (self.unlock, self.cases, self.inbox, self.hidden):
            self.stack.addWidget(screen)
        self.first_run.submitted.connect(self.create_store)
        self.unlock.submitted.connect(self.open_store)
        self.hidden.submitted.connect(self.open_store)
        self.cases.resume.connect(self.open_case)
        self.cases.new_case.connect(self.new_case)
        self.inbox.open_review.connect(self.open_review)

        self.toolbar = QToolBar("Actions")
        self.toolbar.setMovable(False)
        self.addToolBar(self.toolbar)
        self.list_action = self._action("Case &list", "Ctrl+Shift+L", self.show_list)
        self.lock_action = self._action("&Lock", "Ctrl+L", lambda: self.lock(hide=False))
        self.hide_action = self._action(
            f"&Hide ({HIDE_KEY})", HIDE_KEY, lambda: self.lock(hide=True)
        )
        self.hide_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.figures_action = self._action("&Figures", "Ctrl+Shift+F", self.show_figures)
        self.key_action = self._action("&Device key…", "Ctrl+Shift+K", self.show_device_key)
        self.settings_action = self._action("&Settings…", "Ctrl+,", self.show_settings)
        # Not disabled while locked: from the unlock screen it says the store is locked.
        self.about_action = self._action("&About…", "Ctrl+Shift+A", self.show_about)

        self.idle = IdleWatcher(DEFAULT_IDLE_MINUTES, self)
        self.idle.idle.connect(lambda: self.lock(hide=False))
        self.banner = LockBanner(self.idle)
        self.setCentralWidget(under_banner(self.banner, self.stack))
        self.setup_problems = QLabel()
        self.setup_problems.setTextFormat(Qt.TextFormat.PlainText)
        self.setup_problems.setProperty("role", "problems")
        self.setup_problems.hide()
        self.statusBar().addPermanentWidget(self.setup_problems, 1)
        if self.context.store_exists():
            self._show(self.unlock)
        else:
            config = self.context.config
            self.first_run.apply_config(
                team_lead=config.role is AppRole.TEAM_LEAD,
                role_locked=config.role is not None and config.is_locked("role"),
                organisation=config.organisation,
                organisation_locked=bool(config.organisation) and config.is_locked("organisation"),
            )
            self._show(self.first_run)
        self.resize(1200, 800)

    @property
    def settings(self) -> Settings:
        """The user's settings where IT has not locked them."""
        return self.context.settings

    @property
    def team_lead(self) -> bool:
        return self.context.role is AppRole.TEAM_LEAD

    def _action(self, text: str, shortcut: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.toolbar.addAction(action)
        self.addAction(action)
        return action

    def _show(self, screen: QWidget) -> None:
        unlocked = self.workspace is not None
        holder = screen.parentWidget()
        self.stack.setCurrentWidget(holder if holder not in (None, self.stack) else screen)
        self.toolbar.setVisible(unlocked and screen is not self.hidden)
        for action in (self.list_action, self.lock_action, self.key_action, self.settings_action):
            action.setEnabled(unlocked)
        self.figures_action.setEnabled(unlocked)
        self.setWindowTitle(NEUTRAL_TITLE if screen is self.hidden else APP_NAME)
        # Which screen shows, in a word (the start-up log line says it; never a case).
        named = {self.first_run: "first-run", self.unlock: "unlock", self.hidden: "hidden"}
        self.setProperty("screenName", named.get(screen, "other"))

    # --- opening the store ------------------------------------------------------------

    def _run(
        self, work: Callable[[], Any], done: Callable[[Any], None], failed: Callable[[Any], None]
    ) -> None:
        job = Job(work)
        job.signals.done.connect(done)
        job.signals.failed.connect(failed)
        self._jobs.append(job)
        start(job)

    def create_store(self, details: dict[str, str], passphrase: str) -> None:
        from rpc_desktop.app.settings import Profile

        details = dict(details)
        role = AppRole(details.pop("app_role", AppRole.PRACTITIONER))
        profile = Profile(**details)
        context = self.context

        def work() -> Workspace:
            from rpc_desktop.app.opening import first_run

            return first_run(context, passphrase, profile=profile, role=role)

        self._run(work, self.opened, lambda exc: self.first_run.say(str(exc), urgent=True))

    def open_store(self, passphrase: str) -> None:
        screen = self.hidden if self.stack.currentWidget() is self.hidden else self.unlock
        screen.busy(True)
        context = self.context

        def work() -> Workspace:
            from rpc_desktop.app.opening import unlock

            workspace = unlock(context, passphrase)
            import rpc_desktop.gui.wizard.wizard  # noqa: F401 - made off the GUI thread

            return workspace

        self._run(work, self.opened, lambda exc: screen.busy(False, str(exc)))

    def opened(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.unlock.busy(False)
        self.hidden.busy(False)
        show_setup_problems(self.setup_problems, self.context.setup_problems())
        self.attach_list(workspace)
        self.idle.set_minutes(self.settings.idle_lock_minutes)
        self.idle.start()
        self._check_in_full(workspace)
        from rpc_desktop.gui.passphrase_dialog import offer_soon  # loads the store's code

        offer_soon(self, workspace)  # IT recovered the store: the user's own passphrase
        if self.resume_point is not None:
            reference, page = self.resume_point
            self.resume_point = None
            self.open_case(reference, page)
        elif self.settings.last_case:
            # The app stopped with a case open (closed, killed or out of battery).
            self._resume_last(self.settings.last_case)
        else:
            return self.show_list()  # which says what is due at its top
        if self.host is not None and (due := self.cases.due_line()):
            self.statusBar().showMessage(f"{due} They are on the Case list.")

    def _check_in_full(self, workspace: Workspace) -> None:
        """Every page of the database checked in the background after unlock (seconds for a
        big store; the unlock itself checks only what it must). Damage is said at once."""
        self.last_full_check = None

        def done(problems: list[str]) -> None:
            if self.workspace is not workspace:
                return  # locked meanwhile
            self.last_full_check = problems
            if problems:
                QMessageBox.warning(self, APP_NAME, DAMAGED_STORE.format(problems[0]))

        self._run(workspace.integrity_problems, done, lambda _exc: None)

    def attach_list(self, workspace: Workspace) -> None:
        if self.team_lead:
            self.inbox.attach(workspace)
            self.list_action.setText("&Bundles to review")
        else:
            self.cases.attach(workspace)
            self.list_action.setText("Case &list")

    def _resume_last(self, reference: str) -> None:
        from rpc_desktop.errors import StoreError

        try:
            self.open_case(reference)
        except StoreError:
            self.context.save_settings(last_case="")
            self.show_list()

    # --- the toolbar's screens ---------------------------------------------------------

    def show_list(self) -> None:
        self._close_case()
        self._close_review()
        if self.settings.last_case:
            self.context.save_settings(last_case="")
        if self.team_lead:
            self.inbox.reload()
            self._show(self.inbox)
        else:
            self.cases.reload()
            self._show(self.cases)

    def show_settings(self) -> None:
        from rpc_desktop.gui.settings_dialog import edit_settings

        edit_settings(self)

    def show_about(self) -> None:
        from rpc_desktop.gui.about import show_about

        show_about(self, self.context, self.workspace)

    def show_device_key(self) -> None:
        """From the event loop: a toolbar button's accessible Press waits for its action."""
        from rpc_desktop.gui.review.trust import show_device_key

        def show() -> None:
            if self.workspace is not None:  # not locked meanwhile
                show_device_key(self, self.workspace)

        QTimer.singleShot(0, self, show)

    # --- review ----------------------------------------------------------------------------

    def open_review(self, review_id: int) -> None:
        workspace = self.workspace
        assert workspace is not None

        def failed(exc: Exception) -> None:
            self.inbox.ui.message.setText(str(exc))

        self._run(lambda: workspace.open_review(review_id), self._show_review, failed)

    def _show_review(self, opened: OpenReview) -> None:
        from rpc_desktop.gui.review.review_screen import ReviewScreen

        if self.workspace is None:  # locked while opening
            return
        self._close_review()
        screen = ReviewScreen(self.workspace, opened)
        screen.back.connect(self.show_list)
        screen.decided.connect(lambda _id: self.inbox.reload())
        self.review = screen
        self.stack.addWidget(screen)
        self._show(screen)

    def show_figures(self) -> None:
        from rpc_desktop.gui.figures_screen import FiguresScreen

        assert self.workspace is not None
        self._close_case()
        self._close_review()
        self.figures = FiguresScreen(self.workspace)
        self.stack.addWidget(self.figures)
        self._show(self.figures)

    def _close_review(self) -> None:  # and the figures: what they hold leaves with them
        for screen in (self.review, self.figures):
            if screen is not None:
                screen.drop()
                self.stack.removeWidget(screen)
                screen.deleteLater()
        self.review = self.figures = None

    # --- cases ------------------------------------------------------------------------

    def new_case(self) -> None:
        assert self.workspace is not None
        self.open_case(self.workspace.new_case())

    def open_case(self, reference: str, page: str | None = None) -> None:
        from rpc_desktop.gui.session import CaseSession
        from rpc_desktop.gui.wizard.wizard import WizardHost

        assert self.workspace is not None
        old = self._close_case(soon=True)
        session = CaseSession(self.workspace.open_case(reference, page), self.workspace)
        session.save_failed.connect(lambda msg: self.statusBar().showMessage(msg, 8000))
        # A change made through a screen reader has no key or mouse event: it counts too.
        session.changed.connect(self.idle.activity)
        self.host = WizardHost(session, self.settings.enabled_schemes)
        collector.case_opened(self.host)
        self.host.closed.connect(self.show_list)
        self.stack.addWidget(self.host)
        self._show(self.host)
        if old is not None:
            old.take_down(CLOSE_LATER_MS)  # counted from now: after the new one shows
        if self.settings.last_case != reference:
            self.context.save_settings(last_case=reference)

    def _close_case(self, *, soon: bool = False) -> WizardHost | None:
        """The open case goes (saved first), out of the window at once; taken down now, or
        (`soon`: another case opens) returned, for the caller to take down once it shows."""
        if self.host is None:
            return None
        self.host.session.flush()
        self.host.release()
        self.stack.removeWidget(self.host)
        host, self.host = self.host, None
        host.hide()
        if not soon:
            host.take_down(0)
        return host if soon else None

    # --- lock and hide ------------------------------------------------------------------

    def lock(self, *, hide: bool) -> None:
        """Drop the key and every open case from memory; unlocking returns to the page."""
        # A question left open ("Delete this draft?") names the case: close it first.
        close_other_windows(self)
        # A message about a change (it may quote a question) goes with the case.
        self.statusBar().clearMessage()
        if self.host is not None:
            session = self.host.session
            self.resume_point = (session.case.reference, session.page)
        self._close_case()
        self._close_review()
        self.cases.attach(None)
        self.inbox.attach(None)
        if self.workspace is not None:
            self.workspace.close(backup=False)
            self.workspace = None
        self.idle.stop()
        self._show(self.hidden if hide else self.unlock)

    def closeEvent(self, event: QCloseEvent) -> None:
        # `last_case` stays set: the next start resumes the open case on its page.
        self.idle.stop()
        self._close_case()
        self._close_review()
        if self.workspace is not None:
            try:
                self.workspace.close(backup=True)
            except RpcError as exc:  # the key is dropped all the same; nothing is lost
                log_handled(exc, "in closeEvent")  # said to the user below
                QMessageBox.warning(self, APP_NAME, f"The backup taken on closing failed: {exc}")
            self.workspace = None
        event.accept()
