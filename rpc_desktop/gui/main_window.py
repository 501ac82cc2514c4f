"""The main window: first run, unlock, the case list, the wizard, lock and quick-hide.

Only Qt and light modules load before the first screen shows; the store, the rules and
the wizard load while the passphrase is being checked (DESIGN.md, performance notes).
"""

from __future__ import annotations

import gc
import secrets
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from rpc_desktop import APP_NAME, paths
from rpc_desktop.gui.case_list import CaseListScreen
from rpc_desktop.gui.idle import IdleWatcher
from rpc_desktop.gui.lock_screens import FirstRunScreen, HiddenScreen, UnlockScreen
from rpc_desktop.gui.review.inbox import ReviewInboxScreen
from rpc_desktop.gui.workers import Job, start
from rpc_desktop.store.layout import StorePaths

if TYPE_CHECKING:
    from rpc_desktop.config import MachineConfig
    from rpc_desktop.documents.device import Device
    from rpc_desktop.domain.packs import Packs
    from rpc_desktop.gui.review.review_screen import ReviewScreen
    from rpc_desktop.gui.wizard.wizard import WizardHost
    from rpc_desktop.settings import Settings
    from rpc_desktop.store.store import Store

DEFAULT_IDLE_MINUTES = 5.0
HIDE_KEY = "F12"
NEUTRAL_TITLE = "Notes"


def _centred(form: QWidget) -> QWidget:
    """A narrow form in the middle of the window, not stretched across it."""
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.addStretch(1)
    row.addWidget(form, 4)
    row.addStretch(1)
    return holder


def new_reference(today: date | None = None) -> str:
    day = today or date.today()
    return f"RPC-{day:%Y%m%d}-{secrets.token_hex(2).upper()}"


class MainWindow(QMainWindow):
    def __init__(self, *, packs: Packs | None = None, home: Path | None = None) -> None:
        super().__init__()
        self.home = home or paths.data_home()
        self._packs = packs
        self._settings: Settings | None = None
        self._user_settings: Settings | None = None
        self._config: MachineConfig | None = None
        self.store: Store | None = None
        self.host: WizardHost | None = None
        self.review: ReviewScreen | None = None
        self._device: Device | None = None
        self.resume_point: tuple[str, str] | None = None
        self._jobs: list[Job] = []
        self.setWindowTitle(APP_NAME)

        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.first_run = FirstRunScreen()
        self.unlock = UnlockScreen()
        self.cases = CaseListScreen()
        self.hidden = HiddenScreen()
        self.inbox = ReviewInboxScreen()
        self.inbox.trusted = lambda: self.trusted("practitioner")
        self.inbox.device = lambda: self.device
        self.stack.addWidget(_centred(self.first_run))
        for screen in (self.unlock, self.cases, self.inbox, self.hidden):
            self.stack.addWidget(screen)
        self.first_run.submitted.connect(self.create_store)
        self.unlock.submitted.connect(self.open_store)
        self.hidden.submitted.connect(self.open_store)
        self.cases.resume.connect(self.open_case)
        self.cases.new_case.connect(self.new_case)
        self.cases.ui.importNoteButton.clicked.connect(self.choose_review_note)
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
        self.key_action = self._action("&Device key…", "Ctrl+Shift+K", self.show_device_key)
        self.settings_action = self._action("&Settings…", "Ctrl+,", self.show_settings)

        self.idle = IdleWatcher(DEFAULT_IDLE_MINUTES, self)
        self.idle.idle.connect(lambda: self.lock(hide=False))
        self.setup_problems = QLabel()
        self.setup_problems.setTextFormat(Qt.TextFormat.PlainText)
        self.setup_problems.setProperty("role", "problems")
        self.setup_problems.hide()
        self.statusBar().addPermanentWidget(self.setup_problems, 1)
        if StorePaths(self.home).exists():
            self._show(self.unlock)
        else:
            config = self.config
            self.first_run.apply_config(
                team_lead=config.role is not None and config.role.value == "team-lead",
                role_locked=config.role is not None and config.is_locked("role"),
                organisation=config.organisation,
                organisation_locked=bool(config.organisation) and config.is_locked("organisation"),
            )
            self._show(self.first_run)
        self.resize(1200, 800)

    @property
    def packs(self) -> Packs:
        if self._packs is None:
            from rpc_desktop.config import configured_packs

            self._packs = configured_packs(self.config, paths.resources_dir())
        return self._packs

    @property
    def config(self) -> MachineConfig:
        """IT's machine-wide configuration (read when first needed, not before the first
        window shows)."""
        if self._config is None:
            from rpc_desktop.config import machine_config

            self._config = machine_config()
        return self._config

    @property
    def settings(self) -> Settings:
        """The user's settings where IT has not locked them (config.apply)."""
        if self._settings is None:
            from rpc_desktop.config import apply
            from rpc_desktop.settings import load_settings

            if self._user_settings is None:
                self._user_settings = load_settings()
            self._settings = apply(self._user_settings, self.config)
        return self._settings

    def _save_settings(self, **changes: Any) -> None:
        from rpc_desktop.settings import load_settings, save_settings

        user = self._user_settings or load_settings()
        self._user_settings = user.model_copy(update=changes)
        save_settings(self._user_settings)
        self._settings = None

    def _action(self, text: str, shortcut: str, slot: object) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.toolbar.addAction(action)
        self.addAction(action)
        return action

    def _show(self, screen: QWidget) -> None:
        unlocked = self.store is not None
        holder = screen.parentWidget()
        self.stack.setCurrentWidget(holder if holder not in (None, self.stack) else screen)
        self.toolbar.setVisible(unlocked and screen is not self.hidden)
        self.list_action.setEnabled(unlocked)
        self.lock_action.setEnabled(unlocked)
        self.key_action.setEnabled(unlocked)
        self.settings_action.setEnabled(unlocked)
        self.setWindowTitle(NEUTRAL_TITLE if screen is self.hidden else APP_NAME)

    # --- opening the store ------------------------------------------------------------

    def _run(self, work: object, done: object, failed: object) -> None:
        job = Job(work)  # type: ignore[arg-type]
        job.signals.done.connect(done)
        job.signals.failed.connect(failed)
        self._jobs.append(job)
        start(job)

    def create_store(self, details: dict[str, str], passphrase: str) -> None:
        from rpc_desktop.roles import AppRole
        from rpc_desktop.settings import Profile

        details = dict(details)
        role = AppRole(details.pop("app_role", AppRole.PRACTITIONER))
        profile = Profile(**details)

        recovery_key = self.config.recovery_public_key

        def work() -> Store:
            from rpc_desktop.store.keys import load_recovery_public_key
            from rpc_desktop.store.store import Store

            recovery = load_recovery_public_key(recovery_key.read_bytes()) if recovery_key else None
            store = Store.create(
                self.home, passphrase, actor=profile.name, recovery_public_key=recovery
            )
            self.device  # noqa: B018 - made now, while the user waits anyway
            return store

        def done(store: Store) -> None:
            self._device = None  # made before the profile was saved: its name may differ
            self._save_settings(profile=profile, role=role)
            self.opened(store)

        self._run(work, done, lambda exc: self.first_run.ui.strength.setText(str(exc)))

    def open_store(self, passphrase: str) -> None:
        screen = self.hidden if self.stack.currentWidget() is self.hidden else self.unlock
        screen.busy(True)
        actor = self.settings.profile.name
        retention = self.config.retention_days

        def work() -> Store:
            from rpc_desktop.store.store import Store

            store = Store.open(self.home, passphrase, actor=actor)
            store.purge(retention)  # IT's retention, applied at every unlock (audited)
            # Load what the next screens need while still off the GUI thread.
            self.packs  # noqa: B018
            self.device  # noqa: B018
            import rpc_desktop.documents.bundle
            import rpc_desktop.gui.wizard.wizard  # noqa: F401

            return store

        self._run(work, self.opened, lambda exc: screen.busy(False, str(exc)))

    def opened(self, store: Store) -> None:
        self.store = store
        self.unlock.busy(False)
        self.hidden.busy(False)
        self._show_setup_problems()
        if self.team_lead:
            self.inbox.attach(store)
            self.list_action.setText("&Bundles to review")
        else:
            self.cases.attach(store)
            self.list_action.setText("Case &list")
        self.idle.set_minutes(self.settings.idle_lock_minutes)
        self.idle.start()
        if self.resume_point is not None:
            reference, page = self.resume_point
            self.resume_point = None
            self.open_case(reference, page)
        elif self.settings.last_case:
            # The app stopped with a case open (closed, killed or out of battery).
            self._resume_last(self.settings.last_case)
        else:
            self.show_list()

    def _resume_last(self, reference: str) -> None:
        from rpc_desktop.errors import StoreError

        try:
            self.open_case(reference)
        except StoreError:
            self._save_settings(last_case="")
            self.show_list()

    # --- cases ------------------------------------------------------------------------

    def show_list(self) -> None:
        self._close_case()
        self._close_review()
        if self.settings.last_case:
            self._save_settings(last_case="")
        if self.team_lead:
            self.inbox.reload()
            self._show(self.inbox)
        else:
            self.cases.reload()
            self._show(self.cases)

    @property
    def team_lead(self) -> bool:
        from rpc_desktop.roles import AppRole

        return self.settings.role is AppRole.TEAM_LEAD

    @property
    def device(self) -> Device:
        if self._device is None:
            from rpc_desktop.config import signing_identity
            from rpc_desktop.documents.device import load_device
            from rpc_desktop.errors import BundleError

            try:
                organisation_certificate = signing_identity(self.config.signing)
            except BundleError:  # reported with the set-up problems; the device's own
                organisation_certificate = None
            self._device = load_device(
                self.home / "keys",
                organisation=self.settings.profile.organisation,
                pdf_identity=organisation_certificate,
            )
        return self._device

    def _show_setup_problems(self) -> None:
        """IT's configuration or a pack that did not load: said once, in the status bar."""
        problems = [*self.config.problems, *(str(e) for e in self.packs.errors)]
        if not problems:
            self.setup_problems.hide()
            return
        self.setup_problems.setText(
            f"Set-up problem{'s' if len(problems) > 1 else ''} (tell IT): {problems[0]}"
            + (f" (+{len(problems) - 1} more)" if len(problems) > 1 else "")
        )
        self.setup_problems.setToolTip("\n".join(problems))
        self.setup_problems.show()

    def trusted(self, role: str) -> set[str]:
        """The keys trusted for one purpose ("practitioner": bundles; "team-lead": review
        notes), by IT and by this user. Never this device's own."""
        from rpc_desktop.review import trusted_fingerprints

        if self.store is None:
            return set()
        return trusted_fingerprints(self.store, role, self.config.trusted_for(role))

    def show_settings(self) -> None:
        from rpc_desktop.gui.settings_dialog import SettingsDialog

        schemes = {s.id: f"{s.name} ({s.region})" for s in self.packs.schemes.values()}
        dialog = SettingsDialog(self, self.settings, self.config, schemes)
        if dialog.exec() != SettingsDialog.DialogCode.Accepted or self.store is None:
            return  # cancelled, or the app locked while it was open
        was_team_lead = self.team_lead
        self._save_settings(**dialog.changes())
        self.idle.set_minutes(self.settings.idle_lock_minutes)
        if self.team_lead != was_team_lead:
            (self.inbox if self.team_lead else self.cases).attach(self.store)
            self.list_action.setText("&Bundles to review" if self.team_lead else "Case &list")
            if self.host is None and self.review is None:
                self.show_list()

    def show_device_key(self) -> None:
        from rpc_desktop.gui.review.trust import show_device_key

        it_keys = [
            f"{k.fingerprint}  ({k.name or 'no name'}; {k.role}; set by IT)"
            for k in self.config.trusted_keys
        ]
        user_keys = [
            f"{k.fingerprint}  ({k.label or 'no name'}; {k.role}; {k.source}, "
            f"{k.added_at.astimezone():%d %b %Y})"
            for k in (self.store.trusted_keys() if self.store is not None else [])
        ]
        show_device_key(self, self.device.fingerprint, it_keys, user_keys)

    # --- review ----------------------------------------------------------------------------

    def open_review(self, review_id: int) -> None:
        from rpc_desktop.review import open_review

        store = self.store
        assert store is not None
        trusted = self.trusted("practitioner")

        def work() -> object:
            contents = open_review(store, review_id, trusted)
            summary = store.get_review(review_id)
            return summary, contents, store.review_history(summary.reference, summary.signer)

        def failed(exc: Exception) -> None:
            self.inbox.ui.message.setText(str(exc))

        self._run(work, lambda result: self._show_review(*result), failed)

    def _show_review(self, summary: Any, contents: Any, history: Any) -> None:
        from rpc_desktop import review
        from rpc_desktop.gui.review.review_screen import ReviewScreen, decisions

        store = self.store
        if store is None:  # locked while opening
            return
        profile = self.settings.profile
        reviewer = review.Reviewer(
            profile.name, profile.role, profile.organisation, profile.email, profile.phone
        )
        approve, send_back = decisions(
            store, summary.id, self.device, self.packs, reviewer, self.trusted("practitioner")
        )
        self._close_review()
        screen = ReviewScreen(
            summary, contents, history, reviewer, approve=approve, send_back=send_back
        )
        screen.back.connect(self.show_list)
        screen.decided.connect(lambda _id: self.inbox.reload())
        self.review = screen
        self.stack.addWidget(screen)
        self._show(screen)

    def _close_review(self) -> None:
        if self.review is None:
            return
        self.review.drop()
        self.stack.removeWidget(self.review)
        self.review.deleteLater()
        self.review = None

    def choose_review_note(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, "Import a review note", str(Path.home()), "Review notes (*.rpcreview)"
        )
        if path:
            self.import_review_note(Path(path))

    def import_review_note(self, path: Path) -> None:
        """A team lead's approval or return: checked, then applied to the version sent."""
        from rpc_desktop.gui.review.notes import import_note

        store = self.store
        assert store is not None
        said = import_note(
            self, store, path, self.trusted("team-lead"), self.device, lambda: self.store is store
        )
        if said is not None:
            self.cases.reload()
            self.cases.ui.comments.setText(said)

    def new_case(self) -> None:
        from rpc_desktop.domain.case import Case, Referrer

        assert self.store is not None
        profile = self.settings.profile
        enabled = self.settings.enabled_schemes
        scheme = next((s for s in self.packs.schemes if not enabled or s in enabled), "")
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
        from rpc_desktop.gui.session import CaseSession
        from rpc_desktop.gui.wizard.wizard import WizardHost

        assert self.store is not None
        self._close_case()
        case, saved_page = self.store.load_case_and_page(reference)
        session = CaseSession(self.store, self.packs, case, page or saved_page)
        session.save_failed.connect(lambda msg: self.statusBar().showMessage(msg, 8000))
        session.device = lambda: self.device
        self.host = WizardHost(session, self.settings.enabled_schemes)
        self.host.closed.connect(self.show_list)
        self.stack.addWidget(self.host)
        self._show(self.host)
        if self.settings.last_case != reference:
            self._save_settings(last_case=reference)

    def _close_case(self) -> None:
        if self.host is None:
            return
        self.host.session.flush()
        self.stack.removeWidget(self.host)
        self.host.deleteLater()
        self.host = None
        # A closed wizard leaves thousands of widget wrappers: collect them now, while
        # nothing is waiting, rather than in the middle of a later page turn.
        QTimer.singleShot(0, gc.collect)

    # --- lock and hide ------------------------------------------------------------------

    def lock(self, *, hide: bool) -> None:
        """Drop the key and every open case from memory; unlocking returns to the page."""
        # A question left open ("Delete this draft?") names the case: close it first.
        while (dialog := QApplication.activeModalWidget()) is not None:
            dialog.close()
            if QApplication.activeModalWidget() is dialog:
                break
        if self.host is not None:
            session = self.host.session
            self.resume_point = (session.case.reference, session.page)
        self._close_case()
        self._close_review()
        self.cases.attach(None)
        self.inbox.attach(None)
        if self.store is not None:
            self.store.close(backup=False)
            self.store = None
        self.idle.stop()
        self._show(self.hidden if hide else self.unlock)

    def closeEvent(self, event: QCloseEvent) -> None:
        # `last_case` stays set: the next start resumes the open case on its page.
        self.idle.stop()
        self._close_case()
        self._close_review()
        if self.store is not None:
            self.store.close(backup=True)
            self.store = None
        event.accept()
