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
