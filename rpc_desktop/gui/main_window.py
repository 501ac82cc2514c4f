"""The main window: first run, unlock, the case list, the wizard, lock and quick-hide."""

from __future__ import annotations

import secrets
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QToolBar, QWidget

from rpc_desktop import APP_NAME, paths
from rpc_desktop.domain.case import Case, Referrer
from rpc_desktop.domain.packs import Packs, shipped_packs
from rpc_desktop.gui.case_list import CaseListScreen
from rpc_desktop.gui.idle import IdleWatcher
from rpc_desktop.gui.lock_screens import FirstRunScreen, HiddenScreen, UnlockScreen
from rpc_desktop.gui.session import CaseSession
from rpc_desktop.gui.wizard.wizard import WizardHost
from rpc_desktop.gui.workers import Job, start
from rpc_desktop.settings import Profile, Settings, load_settings, save_settings
from rpc_desktop.store.store import Store, StorePaths

HIDE_KEY = "F12"
NEUTRAL_TITLE = "Notes"


def new_reference(today: date | None = None) -> str:
    day = today or date.today()
    return f"RPC-{day:%Y%m%d}-{secrets.token_hex(2).upper()}"


class MainWindow(QMainWindow):
    def __init__(self, *, packs: Packs | None = None, home: Path | None = None) -> None:
        super().__init__()
        self.home = home or paths.data_home()
        self.packs = packs or shipped_packs(paths.resources_dir())
        self.settings: Settings = load_settings()
        self.store: Store | None = None
        self.host: WizardHost | None = None
        self.resume_point: tuple[str, str] | None = None
        self._jobs: list[Job] = []
        self.setWindowTitle(APP_NAME)

        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.first_run = FirstRunScreen()
        self.unlock = UnlockScreen()
        self.cases = CaseListScreen()
        self.hidden = HiddenScreen()
        for screen in (self.first_run, self.unlock, self.cases, self.hidden):
            self.stack.addWidget(screen)
        self.first_run.submitted.connect(self.create_store)
        self.unlock.submitted.connect(self.open_store)
        self.hidden.submitted.connect(self.open_store)
        self.cases.resume.connect(self.open_case)
        self.cases.new_case.connect(self.new_case)

        self.toolbar = QToolBar("Actions")
        self.toolbar.setMovable(False)
        self.addToolBar(self.toolbar)
        self.list_action = self._action("Case &list", "Ctrl+Shift+L", self.show_list)
        self.lock_action = self._action("&Lock", "Ctrl+L", lambda: self.lock(hide=False))
        self.hide_action = self._action(
            f"&Hide ({HIDE_KEY})", HIDE_KEY, lambda: self.lock(hide=True)
        )
        self.hide_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)

        self.idle = IdleWatcher(self.settings.idle_lock_minutes)
        self.idle.idle.connect(lambda: self.lock(hide=False))
        self.statusBar()
        if StorePaths(self.home).exists():
            self._show(self.unlock)
        else:
            self._show(self.first_run)
        self.resize(1200, 800)

    def _action(self, text: str, shortcut: str, slot: object) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.toolbar.addAction(action)
        self.addAction(action)
        return action

    def _show(self, screen: QWidget) -> None:
        unlocked = self.store is not None
        self.stack.setCurrentWidget(screen)
        self.toolbar.setVisible(unlocked and screen is not self.hidden)
        self.list_action.setEnabled(unlocked)
        self.lock_action.setEnabled(unlocked)
        self.setWindowTitle(NEUTRAL_TITLE if screen is self.hidden else APP_NAME)

    # --- opening the store ------------------------------------------------------------

    def _run(self, work: object, done: object, failed: object) -> None:
        job = Job(work)  # type: ignore[arg-type]
        job.signals.done.connect(done)
        job.signals.failed.connect(failed)
        self._jobs.append(job)
        start(job)

    def create_store(self, profile: Profile, passphrase: str) -> None:
        self.settings = self.settings.model_copy(update={"profile": profile})

        def done(store: Store) -> None:
            save_settings(self.settings)
            self.opened(store)

        self._run(
            lambda: Store.create(self.home, passphrase, actor=profile.name),
            done,
            lambda exc: self.first_run.ui.strength.setText(str(exc)),
        )

    def open_store(self, passphrase: str) -> None:
        screen = self.hidden if self.stack.currentWidget() is self.hidden else self.unlock
        screen.busy(True)
        self._run(
            lambda: Store.open(self.home, passphrase, actor=self.settings.profile.name),
            self.opened,
            lambda exc: screen.busy(False, str(exc)),
        )

    def opened(self, store: Store) -> None:
        self.store = store
        self.unlock.busy(False)
        self.hidden.busy(False)
        self.cases.attach(store)
        self.idle.start()
        if self.resume_point is not None:
            reference, page = self.resume_point
            self.resume_point = None
            self.open_case(reference, page)
        else:
            self.show_list()

    # --- cases ------------------------------------------------------------------------

    def show_list(self) -> None:
        self._close_case()
        self.cases.reload()
        self._show(self.cases)

    def new_case(self) -> None:
        assert self.store is not None
        profile = self.settings.profile
        scheme = next(iter(self.packs.schemes), "")
        case = Case(
            reference=new_reference(),
            scheme_id=scheme,
            referral_date=date.today(),
            referrer=Referrer(
                name=profile.name,
                role=profile.role,
                organisation=profile.organisation,
                phone=profile.phone,
                email=profile.email,
            ),
        )
        self.store.add_case(case, page="scheme")
        self.open_case(case.reference)

    def open_case(self, reference: str, page: str | None = None) -> None:
        assert self.store is not None
        self._close_case()
        case, saved_page = self.store.load_case_and_page(reference)
        session = CaseSession(self.store, self.packs, case, page or saved_page)
        session.save_failed.connect(lambda msg: self.statusBar().showMessage(msg, 8000))
        self.host = WizardHost(session)
        self.host.closed.connect(self.show_list)
        self.stack.addWidget(self.host)
        self._show(self.host)

    def _close_case(self) -> None:
        if self.host is None:
            return
        self.host.session.flush()
        self.stack.removeWidget(self.host)
        self.host.deleteLater()
        self.host = None

    # --- lock and hide ------------------------------------------------------------------

    def lock(self, *, hide: bool) -> None:
        """Drop the key and every open case from memory; unlocking returns to the page."""
        if self.host is not None:
            session = self.host.session
            self.resume_point = (session.case.reference, session.page)
        self._close_case()
        self.cases.attach(None)
        if self.store is not None:
            self.store.close(backup=False)
            self.store = None
        self.idle.stop()
        self._show(self.hidden if hide else self.unlock)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._close_case()
        if self.store is not None:
            self.store.close(backup=True)
            self.store = None
        event.accept()
