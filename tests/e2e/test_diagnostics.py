"""`rpc-desktop diagnostics`: one file for support, with the facts it needs and no family's
details, locked or unlocked, never written over another file."""

from __future__ import annotations

from pathlib import Path

import pytest

from rpc_desktop import __version__
from rpc_desktop.app import paths
from rpc_desktop.app.settings import Display, DisplayMode, Profile
from rpc_desktop.domain.roles import AppRole
from tests.e2e.test_store_cli import PASS, run
from tests.gui.test_referral_e2e import personal_strings
from tests.helpers import DEMO_CASE, demo_case, fast_context

PRACTITIONER = Profile(
    name="Priya Tester", role="Family Worker", phone="07700 900123", email="priya@example.org"
)


@pytest.fixture
def referred(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The demo referral on this device: the store made, the practitioner's profile saved,
    the demo family imported and its bundle built (what the log then says)."""
    monkeypatch.setenv("RPC_DESKTOP_PASSPHRASE", PASS)
    assert run(["init"], capsys)[0] == 0
    fast_context(paths.data_home()).save_settings(
        profile=PRACTITIONER, display=Display(mode=DisplayMode.ON)
    )
    assert run(["cases", "import", str(DEMO_CASE)], capsys)[0] == 0
    assert run(["bundle", str(DEMO_CASE), "--out", str(tmp_path / "bundle")], capsys)[0] == 0
    assert run(["backup"], capsys)[0] == 0
    monkeypatch.delenv("RPC_DESKTOP_PASSPHRASE")


def no_personal_data(text: str) -> None:
    leaked = sorted(s for s in personal_strings(demo_case()) if s.casefold() in text.casefold())
    assert not leaked, f"the diagnostics hold {leaked}"
    for own in (PRACTITIONER.name, PRACTITIONER.phone, PRACTITIONER.email, "Family Worker"):
        assert own.casefold() not in text.casefold(), f"nor the practitioner's {own!r}"


def test_unlocked_after_the_demo_referral_it_has_the_facts_and_no_family(
    referred: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "for-support.txt"
    monkeypatch.setenv("RPC_DESKTOP_PASSPHRASE", PASS)
    code, said, _ = run(["diagnostics", "--out", str(out)], capsys)
    assert code == 0 and said == {"diagnostics": str(out), "store_checked": True}
    text = out.read_text(encoding="utf-8")
    no_personal_data(text)
    assert out.stat().st_mode & 0o077 == 0
    for fact in (
        f"RPC Referral Desktop {__version__}",
        "Qt 6.",  # the PySide6 installed (not started by a command)
        "scheme north-east-relationships-matter 2026.1",
        "questionnaire rsq 2026.2",
        "integrity ok",
        "cases 1 (draft 1)",
        "audit chain intact",
        "recovery key no",
        "display.mode = on  [user]",
        "idle_lock_minutes = 5  [default]",
        "profile.name = set (not shown)  [user]",
        "IT's configuration none (every value is its default)",
        "case added: RPC-DEMO-0001",  # the log's last lines
        "bundle built for RPC-DEMO-0001",
    ):
        assert fact in text, f"the diagnostics do not say {fact!r}:\n{text}"
    backups = [line for line in text.splitlines() if line.startswith("backups ")]
    assert backups and backups[0].startswith("backups 2 ") and "newest 20" in backups[0]


def test_without_the_passphrase_the_store_is_not_checked(
    referred: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "locked.txt"
    code, said, _ = run(["diagnostics", "--out", str(out)], capsys)
    assert code == 0 and said["store_checked"] is False
    text = out.read_text(encoding="utf-8")
    no_personal_data(text)
    for fact in (
        "integrity locked: not checked",
        "cases locked: not checked",
        "audit chain locked: not checked",
        "database ",  # its size needs no passphrase
    ):
        assert fact in text, text
    assert "cases 1" not in text


def test_it_never_writes_over_a_file(
    referred: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "kept.txt"
    out.write_text("the user's own file", encoding="utf-8")
    code, _, err = run(["diagnostics", "--out", str(out)], capsys)
    assert code == 2 and "already exists" in err
    assert out.read_text(encoding="utf-8") == "the user's own file"


def test_each_setting_says_where_it_came_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """IT's value locked, IT's default the user kept, IT's default the user changed, the
    user's own, the app's default; and IT's file's problems."""
    config = tmp_path / "config.toml"
    config.write_text(
        'organisation = "Gateshead Council"\n'
        "idle_lock_minutes = 10\n"
        'role = "practitioner"\n'
        'locked = ["idle_lock_minutes"]\n'
        "retention_days = 30\n"
        "colour = 3\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("RPC_DESKTOP_CONFIG", str(config))
    fast_context(paths.data_home()).save_settings(idle_lock_minutes=15, role=AppRole.TEAM_LEAD)
    out = tmp_path / "settings.txt"
    assert run(["diagnostics", "--out", str(out)], capsys)[0] == 0
    text = out.read_text(encoding="utf-8")
    for fact in (
        "idle_lock_minutes = 10  [IT, locked]",  # the user's 15 cannot loosen it
        "profile.organisation = Gateshead Council  [IT]",
        "role = team-lead  [user]",  # IT's role is a default the user changed
        "display.mode = auto  [default]",
        f"file {config}",
        "locked idle_lock_minutes",
        "retention_days 30",
        "problem: ",  # the unknown key
        "unknown key 'colour'",
        "none (first run not done in this data folder)",
    ):
        assert fact in text, f"{fact!r} not in:\n{text}"


def test_the_users_home_folder_is_written_as_a_tilde(
    referred: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Their home folder holds their account name: the data folder, the log's path and any
    log line naming a file there are written from "~"."""
    home = paths.data_home().parent  # the test's stand-in for the user's home folder
    monkeypatch.setattr(Path, "home", lambda: home)
    out = tmp_path / "tilde.txt"
    assert run(["diagnostics", "--out", str(out)], capsys)[0] == 0
    text = out.read_text(encoding="utf-8")
    assert "data folder ~/home\n" in text and "log file ~/home/rpc-desktop.log" in text
    assert str(home) + "/" not in text
