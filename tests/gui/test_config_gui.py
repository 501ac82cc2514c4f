"""IT's configuration in the app: locked values on the first-run form, the idle lock, a
bad file reported, and keys IT trusts opening without a question."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from rpc_desktop.app import config
from rpc_desktop.app.settings import Settings, save_settings
from rpc_desktop.gui.main_window import MainWindow
from tests.gui.test_review_screen import lead_first_run, sent  # noqa: F401 - a fixture
from tests.helpers import device_of, fast_context


def use(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("RPC_DESKTOP_CONFIG", str(path))


def window(qtbot: QtBot, home: Path) -> MainWindow:
    win = MainWindow(fast_context(home))
    qtbot.addWidget(win)
    win.show()
    return win


def test_a_locked_role_and_organisation_cannot_be_changed_at_first_run(
    qtbot: QtBot, isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use(
        tmp_path,
        monkeypatch,
        'role = "team-lead"\norganisation = "Gateshead Council"\n'
        'locked = ["role", "organisation"]\n',
    )
    win = window(qtbot, isolated_home)
    ui = win.first_run.ui
    assert ui.appRole.currentIndex() == 1 and not ui.appRole.isEnabled()
    assert ui.organisation.text() == "Gateshead Council" and ui.organisation.isReadOnly()


def test_an_unlocked_role_is_only_the_starting_choice(
    qtbot: QtBot, isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use(tmp_path, monkeypatch, 'role = "team-lead"\n')
    ui = window(qtbot, isolated_home).first_run.ui
    assert ui.appRole.currentIndex() == 1 and ui.appRole.isEnabled()


def test_the_locked_idle_lock_wins_over_the_users_own(
    qtbot: QtBot, isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use(tmp_path, monkeypatch, 'idle_lock_minutes = 2\nlocked = ["idle_lock_minutes"]\n')
    save_settings(isolated_home, Settings.model_validate({"idle_lock_minutes": 15}))
    win = window(qtbot, isolated_home)
    lead_first_run(qtbot, win)
    assert win.settings.idle_lock_minutes == 2
    assert win.idle.timer.interval() == 2 * 60_000


def test_a_bad_configuration_is_reported_in_the_window(
    qtbot: QtBot, isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use(tmp_path, monkeypatch, "idle_lock_minutes = 45\n")
    win = window(qtbot, isolated_home)
    lead_first_run(qtbot, win)
    assert win.setup_problems.isVisible()
    assert "'idle_lock_minutes'" in win.setup_problems.text()
    assert win.settings.idle_lock_minutes == 5, "the safe default"


def test_a_key_it_trusts_opens_without_a_question(
    qtbot: QtBot,
    isolated_home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    sent,  # noqa: F811
) -> None:
    store, bundle = sent
    fingerprint = device_of(store).fingerprint
    use(
        tmp_path,
        monkeypatch,
        f'trusted_keys = [{{ fingerprint = "{fingerprint}", name = "Priya" }}]\n',
    )
    win = window(qtbot, isolated_home)
    lead_first_run(qtbot, win)
    win.inbox.import_file(bundle)  # a question would block here: none is asked
    qtbot.waitUntil(lambda: win.review is not None, timeout=20_000)
    assert win.workspace.store.trusted_keys() == [], "IT's key is not copied into the user's list"


def test_send_for_review_signs_with_the_organisation_certificate(
    qtbot: QtBot, isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import zipfile

    from rpc_desktop.documents.device import one_off_device
    from rpc_desktop.documents.envelope import decrypt_for_device
    from tests.e2e.test_config import organisation_certificate
    from tests.gui.test_app import first_run
    from tests.helpers import demo_case

    organisation_certificate(tmp_path)
    monkeypatch.setenv("ORG_SIGNING_PASSWORD", "org secret")
    lead = one_off_device()
    public_key = lead.key.public_openssh.decode()
    use(
        tmp_path,
        monkeypatch,
        f'trusted_keys = [{{ public_key = "{public_key}", name = "Morgan", role = "team-lead" }}]\n'
        '[signing]\ncertificate = "org-cert.pem"\nkey = "org-key.pem"\n'
        'password_env = "ORG_SIGNING_PASSWORD"\n',
    )
    win = window(qtbot, isolated_home)
    first_run(qtbot, win)
    case = demo_case()
    win.workspace.store.add_case(case)
    win.open_case(case.reference, "review")
    page = win.host.wizard.currentPage()
    shared = tmp_path / "shared"
    shared.mkdir()
    page.choose_folder = lambda: str(shared)
    page.send.click()
    qtbot.waitUntil(lambda: page.sent_file != "", timeout=30_000)
    identity = config.signing_identity(config.load().signing)
    assert "encrypted to Morgan" in page.status.text(), "IT's team lead key, in full"
    sealed = tmp_path / "sealed.rpcbundle"
    sealed.write_bytes(decrypt_for_device(Path(page.sent_file).read_bytes(), lead.key))
    with zipfile.ZipFile(sealed) as bundle:
        info = bundle.read(f"{case.reference}-v1/bag-info.txt").decode()
    assert f"RPC-PDF-Certificate-SHA256: {identity.certificate_sha256}" in info


def settings_dialog(win: MainWindow, act) -> None:  # type: ignore[no-untyped-def]
    """Open Settings, let `act` change it like a user, and save. The toolbar's action
    returns at once (a screen reader's Press waits for it), the dialog open over the window."""
    from PySide6.QtWidgets import QApplication, QDialogButtonBox

    from rpc_desktop.gui.settings_dialog import SettingsDialog

    win.settings_action.trigger()
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, SettingsDialog) and dialog.isVisible()
    assert dialog.windowModality() is Qt.WindowModality.WindowModal
    act(dialog)
    dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert not dialog.isVisible()


def test_settings_cannot_loosen_what_it_locked(
    qtbot: QtBot, isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use(
        tmp_path,
        monkeypatch,
        'role = "team-lead"\nidle_lock_minutes = 4\n'
        'enabled_schemes = ["north-east-relationships-matter"]\n'
        'locked = ["role", "idle_lock_minutes", "enabled_schemes"]\n',
    )
    win = window(qtbot, isolated_home)
    lead_first_run(qtbot, win)
    seen = {}

    def try_to_loosen(dialog) -> None:  # type: ignore[no-untyped-def]
        ui = dialog.ui
        seen["role enabled"] = ui.role.isEnabled()
        seen["schemes"] = ui.schemes.count()
        ui.idle.setValue(15)  # as far as the box lets them
        seen["idle"] = ui.idle.value()
        seen["note"] = ui.note.text()

    settings_dialog(win, try_to_loosen)
    assert seen["role enabled"] is False
    assert seen["schemes"] == 1, "only IT's schemes are offered"
    assert seen["idle"] == 4
    assert "at most 4 minutes" in seen["note"]
    assert win.settings.idle_lock_minutes == 4
    assert win.idle.timer.interval() == 4 * 60_000
    # Stricter is fine.
    settings_dialog(win, lambda d: d.ui.idle.setValue(2))
    assert win.settings.idle_lock_minutes == 2


def test_the_settings_action_returns_at_once_and_cancel_keeps_the_settings(
    qtbot: QtBot, isolated_home: Path
) -> None:
    """`make a11y` found the toolbar's Settings never answered a screen reader's Press
    while the dialog was open: it ran the dialog with exec() inside the action."""
    from PySide6.QtWidgets import QApplication, QDialogButtonBox

    from rpc_desktop.gui.settings_dialog import SettingsDialog
    from tests.gui.drive import labels_hiding_text
    from tests.gui.test_app import first_run

    win = window(qtbot, isolated_home)
    first_run(qtbot, win)
    before = win.settings.idle_lock_minutes
    win.settings_action.trigger()  # returns with the dialog open
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, SettingsDialog) and dialog.isVisible()
    assert dialog.parentWidget() is win
    assert labels_hiding_text(dialog) == [], "what IT set is read by its words"
    dialog.ui.idle.setValue(2 if before != 2 else 3)
    dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    assert win.settings.idle_lock_minutes == before


def test_settings_switch_the_role_when_it_is_not_locked(qtbot: QtBot, isolated_home: Path) -> None:
    from tests.gui.test_app import first_run

    win = window(qtbot, isolated_home)
    first_run(qtbot, win)
    assert win.stack.currentWidget() is win.cases
    settings_dialog(win, lambda d: d.ui.role.setCurrentIndex(1))
    assert win.team_lead
    assert win.stack.currentWidget() is win.inbox


def test_a_user_may_enable_more_than_its_unlocked_default(
    qtbot: QtBot, isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.gui.test_app import first_run

    use(tmp_path, monkeypatch, 'enabled_schemes = ["north-east-relationships-matter"]\n')
    win = window(qtbot, isolated_home)
    first_run(qtbot, win)
    assert win.settings.enabled_schemes == ["north-east-relationships-matter"]

    def tick_all(dialog) -> None:  # type: ignore[no-untyped-def]
        for n in range(dialog.ui.schemes.count()):
            dialog.ui.schemes.item(n).setCheckState(Qt.CheckState.Checked)

    settings_dialog(win, tick_all)
    assert len(win.settings.enabled_schemes) == len(win.context.packs.schemes) == 2
