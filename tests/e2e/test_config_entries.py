"""IT's configuration, entry by entry: one bad trusted key or gateway address is named and
left out while the others apply; the idle lock has the Settings dialog's bounds; a signing
password variable that is not set is named as such, not called a wrong password."""

from __future__ import annotations

from pathlib import Path

import pytest

from rpc_desktop.app.config import MIN_IDLE_MINUTES, load, signing_identity
from rpc_desktop.domain.roles import MAX_IDLE_MINUTES, AppRole
from rpc_desktop.errors import BundleError
from tests.e2e.it_files import PASSWORD_ENV, SIGNING, signing_files

FP = "585A F9CB 9539 7D94 DB59 D6C7 6695 12F3 28F1 D82A 686C 92EB F17D EE55 4D68 1003"
OTHER = "1111 2222 3333 4444 5555 6666 7777 8888 9999 AAAA BBBB CCCC DDDD EEEE FFFF 0000"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


# --- idle_lock_minutes ------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["0.01", "0.5", "0.99", "-3"])
def test_an_idle_lock_under_a_minute_is_reported_like_any_bad_value(
    tmp_path: Path, value: str
) -> None:
    path = write(tmp_path, f'organisation = "Kept"\nidle_lock_minutes = {value}\n')
    loaded = load(path)
    (problem,) = loaded.problems
    assert problem.startswith(f"{path}: key 'idle_lock_minutes': {value} is less than 1 minute")
    assert "from 1 to 15" in problem and "using the default instead" in problem
    assert loaded.idle_lock_minutes is None, "the app's default applies"
    assert loaded.organisation == "Kept"


@pytest.mark.parametrize("value", ["1", "1.5", "15"])
def test_the_bounds_themselves_are_allowed(tmp_path: Path, value: str) -> None:
    loaded = load(write(tmp_path, f"idle_lock_minutes = {value}\n"))
    assert loaded.problems == () and loaded.idle_lock_minutes == float(value)


def test_the_bounds_are_the_settings_dialogs(qapp: object) -> None:
    """What IT may set is what a user may choose in Settings (a spin box of whole minutes)."""
    from PySide6.QtWidgets import QWidget

    from rpc_desktop.gui.forms.ui_settings import Ui_SettingsForm

    form, host = Ui_SettingsForm(), QWidget()
    form.setupUi(host)
    assert (form.idle.minimum(), form.idle.maximum()) == (MIN_IDLE_MINUTES, MAX_IDLE_MINUTES)
    host.deleteLater()


# --- trusted_keys and gateway: one bad entry ----------------------------------------------------


def test_one_bad_trusted_key_is_named_and_the_others_are_trusted(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        f"""trusted_keys = [
  {{ fingerprint = "{FP}", name = "Priya's laptop" }},
  {{ fingerprint = "ABCD 1234", name = "Sam's laptop" }},
  {{ fingerprint = "{OTHER}", name = "Morgan's laptop", role = "team-lead" }},
  {{ fingerprint = "{OTHER}", name = "Jo", role = "manager" }},
]
""",
    )
    loaded = load(path)
    assert loaded.trusted_for(AppRole.PRACTITIONER) == {FP}
    assert loaded.trusted_for(AppRole.TEAM_LEAD) == {OTHER}
    assert [k.name for k in loaded.trusted_keys] == ["Priya's laptop", "Morgan's laptop"]
    sam, jo = loaded.problems
    assert sam.startswith(f"{path}: key 'trusted_keys': entry 2 of 4 (\"Sam's laptop\"): ")
    assert "'ABCD 1234' is not a key fingerprint" in sam
    assert "that key is left out (the others are trusted)" in sam
    assert jo.startswith(f"{path}: key 'trusted_keys': entry 4 of 4 ('Jo'): role 'manager'")


def test_a_bad_bare_fingerprint_is_named_by_its_place(tmp_path: Path) -> None:
    loaded = load(write(tmp_path, f'trusted_keys = ["{FP}", "not a key"]\n'))
    assert loaded.trusted_for(AppRole.PRACTITIONER) == {FP}
    (problem,) = loaded.problems
    assert "key 'trusted_keys': entry 2 of 2: 'not a key' is not a key fingerprint" in problem


def test_one_bad_gateway_address_is_named_and_the_others_apply(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "[gateway]\n"
        'north-east-relationships-matter = "referrals@example.gov.uk"\n'
        'worcestershire-harmony-at-home = "not an address"\n',
    )
    loaded = load(path)
    assert loaded.gateway == {"north-east-relationships-matter": "referrals@example.gov.uk"}
    (problem,) = loaded.problems
    assert problem.startswith(
        f"{path}: key 'gateway': scheme 'worcestershire-harmony-at-home': "
        "'not an address' is not an email address"
    )
    assert "that scheme keeps its pack's address" in problem


def test_a_list_that_is_not_a_list_still_falls_back_whole(tmp_path: Path) -> None:
    loaded = load(write(tmp_path, f'trusted_keys = "{FP}"\n'))
    assert loaded.trusted_keys == () and "'trusted_keys': must be a list" in loaded.problems[0]


# --- password_env -------------------------------------------------------------------------------


def test_a_password_variable_that_is_not_set_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _cert, key = signing_files(tmp_path)
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    loaded = load(write(tmp_path, SIGNING))
    (problem,) = loaded.problems
    assert "key 'signing'" in problem
    assert f"read from the environment variable {PASSWORD_ENV} (password_env)" in problem
    assert "which is not set here" in problem and "wrong" not in problem
    assert str(key) in problem
    assert loaded.signing is None


def test_an_empty_password_variable_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    signing_files(tmp_path)
    monkeypatch.setenv(PASSWORD_ENV, "")
    (problem,) = load(write(tmp_path, SIGNING)).problems
    assert f"{PASSWORD_ENV} (password_env), which is empty here" in problem


def test_a_wrong_password_is_still_called_wrong(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    signing_files(tmp_path)
    monkeypatch.setenv(PASSWORD_ENV, "not it")
    (problem,) = load(write(tmp_path, SIGNING)).problems
    assert "the password is wrong" in problem and PASSWORD_ENV not in problem


def test_the_app_names_the_variable_when_it_is_unset_for_a_user(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """IT's shell had it (the file checked out); a user's session does not."""
    signing_files(tmp_path)
    monkeypatch.setenv(PASSWORD_ENV, "org secret")
    loaded = load(write(tmp_path, SIGNING))
    assert loaded.problems == () and loaded.signing is not None
    monkeypatch.delenv(PASSWORD_ENV)
    with pytest.raises(BundleError, match=f"{PASSWORD_ENV} \\(password_env\\), which is not set"):
        signing_identity(loaded.signing)
