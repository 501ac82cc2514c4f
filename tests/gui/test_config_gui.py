"""IT's configuration in the app: locked values on the first-run form, the idle lock, a
bad file reported, and keys IT trusts opening without a question."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from rpc_desktop import config
from rpc_desktop.documents.device import load_device
from rpc_desktop.gui.main_window import MainWindow
from rpc_desktop.settings import Settings, save_settings
from tests.gui.test_review_screen import lead_first_run, sent  # noqa: F401 - a fixture


def use(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("RPC_DESKTOP_CONFIG", str(path))
    config.machine_config.cache_clear()


def window(qtbot: QtBot, home: Path) -> MainWindow:
    win = MainWindow(home=home)
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
    save_settings(Settings.model_validate({"idle_lock_minutes": 15}))
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
    fingerprint = load_device(store.paths.home / "keys").fingerprint
    use(
        tmp_path,
        monkeypatch,
        f'trusted_keys = [{{ fingerprint = "{fingerprint}", name = "Priya" }}]\n',
    )
    win = window(qtbot, isolated_home)
    lead_first_run(qtbot, win)
    win.inbox.import_file(bundle)  # a question would block here: none is asked
    qtbot.waitUntil(lambda: win.review is not None, timeout=20_000)
    assert win.store.trusted_keys() == [], "IT's key is not copied into the user's list"


def test_send_for_review_signs_with_the_organisation_certificate(
    qtbot: QtBot, isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import zipfile

    from tests.e2e.test_config import organisation_certificate
    from tests.gui.test_app import first_run
    from tests.helpers import demo_case

    organisation_certificate(tmp_path)
    monkeypatch.setenv("ORG_SIGNING_PASSWORD", "org secret")
    use(
        tmp_path,
        monkeypatch,
        '[signing]\ncertificate = "org-cert.pem"\nkey = "org-key.pem"\n'
        'password_env = "ORG_SIGNING_PASSWORD"\n',
    )
    win = window(qtbot, isolated_home)
    first_run(qtbot, win)
    case = demo_case()
    win.store.add_case(case)
    win.open_case(case.reference, "review")
    page = win.host.wizard.currentPage()
    shared = tmp_path / "shared"
    shared.mkdir()
    page.choose_folder = lambda: str(shared)
    page.send.click()
    qtbot.waitUntil(lambda: page.sent_file != "", timeout=30_000)
    identity = config.signing_identity(config.machine_config().signing)
    with zipfile.ZipFile(page.sent_file) as bundle:
        info = bundle.read(f"{case.reference}-v1/bag-info.txt").decode()
    assert f"RPC-PDF-Certificate-SHA256: {identity.certificate_sha256}" in info
