"""IT's machine-wide configuration: every key, a malformed file, locked values."""

from __future__ import annotations

import email
import email.policy
import json
import shutil
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from rpc_desktop.app import config, paths
from rpc_desktop.app.config import apply, load, parse
from rpc_desktop.app.context import configured_packs
from rpc_desktop.app.settings import Settings, load_settings, save_settings
from rpc_desktop.cli import main
from rpc_desktop.domain.roles import AppRole
from tests.helpers import PASSPHRASE, fast_context, home_device, make_store
from tests.unit.test_pades import make_ca, make_leaf

FP = "585A F9CB 9539 7D94 DB59 D6C7 6695 12F3 28F1 D82A 686C 92EB F17D EE55 4D68 1003"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def use(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setenv("RPC_DESKTOP_CONFIG", str(path))


def recovery_key(tmp_path: Path) -> Path:
    public = X25519PrivateKey.generate().public_key()
    path = tmp_path / "recovery.pem"
    path.write_bytes(
        public.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    return path


def organisation_certificate(tmp_path: Path) -> tuple[Path, Path]:
    ca, ca_key = make_ca()
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    leaf = make_leaf(ca, ca_key, key)
    cert = tmp_path / "org-cert.pem"
    cert.write_bytes(
        leaf.public_bytes(serialization.Encoding.PEM) + ca.public_bytes(serialization.Encoding.PEM)
    )
    key_file = tmp_path / "org-key.pem"
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(b"org secret"),
        )
    )
    return cert, key_file


def test_every_key_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    packs_dir = tmp_path / "packs"
    packs_dir.mkdir()
    cert, _key = organisation_certificate(tmp_path)
    monkeypatch.setenv("ORG_SIGNING_PASSWORD", "org secret")
    path = write(
        tmp_path,
        f"""
organisation = "Gateshead Council Early Help"
role = "team-lead"
enabled_schemes = ["north-east-relationships-matter"]
extra_packs = "{packs_dir}"
idle_lock_minutes = 3
retention_days = 30
recovery_public_key = "{recovery_key(tmp_path).name}"
trusted_keys = [
  {{ fingerprint = "{FP}", name = "Priya's laptop" }},
  "{FP.replace(" ", "").lower()}",
  {{ fingerprint = "{FP}", name = "Morgan's laptop", role = "team-lead" }},
]
locked = ["role", "idle_lock_minutes", "enabled_schemes", "organisation"]

[gateway]
worcestershire = "rpc.triage@worcestershire.example.gov.uk"

[signing]
certificate = "org-cert.pem"
key = "org-key.pem"
password_env = "ORG_SIGNING_PASSWORD"
""",
    )
    loaded = load(path)
    assert loaded.problems == ()
    assert loaded.organisation == "Gateshead Council Early Help"
    assert loaded.role is AppRole.TEAM_LEAD
    assert loaded.enabled_schemes == ("north-east-relationships-matter",)
    assert loaded.extra_packs == packs_dir
    assert loaded.idle_lock_minutes == 3
    assert loaded.retention_days == 30
    assert loaded.recovery_public_key == tmp_path / "recovery.pem"
    assert loaded.trusted_for("practitioner") == {FP}, "any spelling of a key"
    assert loaded.trusted_for("team-lead") == {FP}
    assert loaded.trusted_keys[0].name == "Priya's laptop"
    assert loaded.gateway == {"worcestershire": "rpc.triage@worcestershire.example.gov.uk"}
    assert loaded.signing is not None and loaded.signing.certificate == cert
    identity = config.signing_identity(loaded.signing)
    assert identity.certificate.subject.rfc4514_string().startswith("O=Test Council")
    assert loaded.locked == frozenset(config.LOCKABLE)


def test_no_file_means_defaults(tmp_path: Path) -> None:
    loaded = load(tmp_path / "absent.toml")
    assert loaded.path is None and loaded.problems == ()
    assert loaded.retention_days == 90 and loaded.idle_lock_minutes is None
    assert loaded.locked == frozenset()


def test_a_malformed_file_is_reported_and_ignored(tmp_path: Path) -> None:
    loaded = load(write(tmp_path, 'idle_lock_minutes = 3\nrole = "team-lead\n'))
    assert len(loaded.problems) == 1
    assert "not valid TOML" in loaded.problems[0] and "line 2" in loaded.problems[0]
    assert loaded.idle_lock_minutes is None and loaded.role is None


@pytest.mark.parametrize(
    ("line", "key", "words"),
    [
        ("idle_lock_minutes = 60", "idle_lock_minutes", "more than 15"),
        ("idle_lock_minutes = 0", "idle_lock_minutes", "less than 1 minute"),
        ('idle_lock_minutes = "five"', "idle_lock_minutes", "number of minutes"),
        ("retention_days = -1", "retention_days", "1 to 3650"),
        ('role = "manager"', "role", '"practitioner" or "team-lead"'),
        ('enabled_schemes = "north-east"', "enabled_schemes", "list of scheme ids"),
        ('extra_packs = "/no/such/folder"', "extra_packs", "is not a folder"),
        ('gateway = { north-east = "not an address" }', "gateway", "not an email address"),
        ('recovery_public_key = "/no/such.pem"', "recovery_public_key", "does not exist"),
        ('trusted_keys = ["ABCD 1234"]', "trusted_keys", "not a key fingerprint"),
        ('signing = { certificate = "/no/cert.pem" }', "signing", "does not exist"),
        ('locked = ["retention_days"]', "locked", "cannot be locked"),
        ("colour = 3", "colour", "unknown key"),
    ],
)
def test_a_bad_value_names_its_key_and_falls_back(
    tmp_path: Path, line: str, key: str, words: str
) -> None:
    loaded = load(write(tmp_path, f'organisation = "Kept"\n{line}\n'))
    assert len(loaded.problems) == 1, loaded.problems
    assert f"'{key}'" in loaded.problems[0] and words in loaded.problems[0]
    assert str(tmp_path / "config.toml") in loaded.problems[0]
    assert loaded.organisation == "Kept", "the good keys still apply"
    defaults = config.MachineConfig()
    if key in ("idle_lock_minutes", "retention_days", "role"):
        assert getattr(loaded, key) == getattr(defaults, key)


def test_a_recovery_key_that_is_not_x25519_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "rsa.pem"
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    bad.write_bytes(
        key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    loaded = load(write(tmp_path, f'recovery_public_key = "{bad}"\n'))
    assert "'recovery_public_key'" in loaded.problems[0]
    assert loaded.recovery_public_key is None


def test_a_signing_key_with_the_wrong_password_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    organisation_certificate(tmp_path)
    monkeypatch.setenv("ORG_SIGNING_PASSWORD", "wrong")
    loaded = load(
        write(
            tmp_path,
            '[signing]\ncertificate = "org-cert.pem"\nkey = "org-key.pem"\n'
            'password_env = "ORG_SIGNING_PASSWORD"\n',
        )
    )
    assert "'signing'" in loaded.problems[0] and "org-key.pem" in loaded.problems[0]
    assert loaded.signing is None


def test_locking_a_key_the_file_does_not_set_is_reported(tmp_path: Path) -> None:
    loaded = load(write(tmp_path, 'locked = ["idle_lock_minutes"]\n'))
    assert "not locked" in loaded.problems[0]
    assert loaded.locked == frozenset()


# --- locked values and the user's own settings ---------------------------------------------


def test_a_user_cannot_loosen_a_locked_value(tmp_path: Path) -> None:
    it = parse(
        'role = "practitioner"\norganisation = "Gateshead"\nidle_lock_minutes = 3\n'
        'enabled_schemes = ["north-east-relationships-matter"]\n'
        'locked = ["role", "organisation", "idle_lock_minutes", "enabled_schemes"]\n',
        tmp_path / "config.toml",
    )
    # The user edits their settings to loosen each one.
    mine = Settings.model_validate(
        {
            "role": "team-lead",
            "profile": {"organisation": "Somewhere else"},
            "idle_lock_minutes": 15,
            "enabled_schemes": [
                "north-east-relationships-matter",
                "worcestershire-harmony-at-home",
            ],
        }
    )
    runs_on = apply(mine, it)
    assert runs_on.role is AppRole.PRACTITIONER
    assert runs_on.profile.organisation == "Gateshead"
    assert runs_on.idle_lock_minutes == 3
    assert runs_on.enabled_schemes == ["north-east-relationships-matter"]
    # Stricter is allowed.
    stricter = Settings.model_validate({"idle_lock_minutes": 1})
    assert apply(stricter, it).idle_lock_minutes == 1


def test_unlocked_values_are_defaults_the_user_may_change(tmp_path: Path) -> None:
    it = parse(
        'role = "team-lead"\nidle_lock_minutes = 3\n'
        'enabled_schemes = ["north-east-relationships-matter"]\n',
        tmp_path / "config.toml",
    )
    assert apply(Settings(), it).role is AppRole.TEAM_LEAD
    assert apply(Settings(), it).idle_lock_minutes == 3
    assert apply(Settings(), it).enabled_schemes == ["north-east-relationships-matter"]
    mine = Settings.model_validate({"role": "practitioner", "idle_lock_minutes": 10})
    assert apply(mine, it).role is AppRole.PRACTITIONER
    assert apply(mine, it).idle_lock_minutes == 10


def test_saved_settings_keep_only_what_the_user_set(tmp_path: Path) -> None:
    save_settings(paths.data_home(), Settings().model_copy(update={"last_case": "RPC-1"}))
    saved = json.loads((paths.data_home() / "settings.json").read_text())
    assert saved == {"last_case": "RPC-1"}, "IT's later defaults are not frozen in"
    assert load_settings(paths.data_home()).model_fields_set == {"last_case"}


# --- the keys at work -------------------------------------------------------------------------


def test_gateway_override_reaches_the_email_draft(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    use(
        monkeypatch,
        write(
            tmp_path, '[gateway]\nnorth-east-relationships-matter = "referrals@example.gov.uk"\n'
        ),
    )
    assert main(["demo", "--out", str(tmp_path / "out")]) == 0
    report = json.loads(capsys.readouterr().out)
    eml = next((Path(report["folder"]) / "data").glob("*.eml")).read_bytes()
    message = email.message_from_bytes(eml, policy=email.policy.default)
    assert "referrals@example.gov.uk" in message["To"]


def test_trusted_keys_from_it_make_a_bundle_trusted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    make_store(paths.data_home())
    monkeypatch.setenv("RPC_DESKTOP_PASSPHRASE", PASSPHRASE)
    assert main(["demo", "--device", "--out", str(tmp_path / "out")]) == 0
    capsys.readouterr()
    bundle = tmp_path / "out" / "RPC-DEMO-0001-v1.rpcbundle"
    practitioner = home_device(paths.data_home()).fingerprint
    monkeypatch.setenv("RPC_DESKTOP_HOME", str(tmp_path / "team-lead"))
    assert main(["verify", str(bundle)]) == 4
    capsys.readouterr()
    use(monkeypatch, write(tmp_path, f'trusted_keys = ["{practitioner}"]\n'))
    assert main(["verify", str(bundle)]) == 0
    assert json.loads(capsys.readouterr().out)["status"] == "intact"


def test_the_organisation_certificate_signs_the_pdfs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    organisation_certificate(tmp_path)
    monkeypatch.setenv("ORG_SIGNING_PASSWORD", "org secret")
    use(
        monkeypatch,
        write(
            tmp_path,
            '[signing]\ncertificate = "org-cert.pem"\nkey = "org-key.pem"\n'
            'password_env = "ORG_SIGNING_PASSWORD"\n',
        ),
    )
    assert main(["demo", "--out", str(tmp_path / "out")]) == 0
    built = json.loads(capsys.readouterr().out)
    folder = tmp_path / "out" / "RPC-DEMO-0001-v1"
    identity = config.signing_identity(config.load().signing)
    info = (folder / "bag-info.txt").read_text()
    assert f"RPC-PDF-Certificate-SHA256: {identity.certificate_sha256}" in info
    assert built["pdf_certificate"] == identity.certificate_sha256
    assert main(["verify", str(folder), "--trust", built["device_key"]]) == 0
    capsys.readouterr()
    # IT's certificate is trusted for a single PDF without being named: it is configured.
    assert main(["verify", str(next((folder / "data").glob("*.pdf")))]) == 0


def test_an_extra_pack_folder_adds_a_scheme(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    resources = paths.resources_dir()
    extra = tmp_path / "council-packs"
    (extra / "schemes").mkdir(parents=True)
    (extra / "agreements").mkdir()
    scheme = (resources / "schemes" / "north-east-relationships-matter.toml").read_text()
    scheme = scheme.replace('id = "north-east-relationships-matter"', 'id = "north-east-pilot"', 1)
    assert 'id = "north-east-pilot"' in scheme
    (extra / "schemes" / "pilot.toml").write_text(scheme)
    shutil.copy(
        resources / "agreements" / "north-east-participation-agreement.toml",
        extra / "agreements" / "unused.toml",
    )
    use(monkeypatch, write(tmp_path, f'extra_packs = "{extra}"\n'))
    loaded = configured_packs(config.load(), resources)
    assert "north-east-pilot" in loaded.schemes
    assert any("already used" in str(e) for e in loaded.errors), "a duplicate is reported"


def test_a_setting_naming_an_unknown_scheme_is_reported(tmp_path: Path) -> None:
    it = parse(
        'enabled_schemes = ["nowhere"]\n[gateway]\nelsewhere = "a@b.org"\n',
        tmp_path / "config.toml",
    )
    loaded = configured_packs(it, paths.resources_dir())
    problems = " ".join(str(e) for e in loaded.errors)
    assert "'nowhere'" in problems and "'elsewhere'" in problems


def test_the_recovery_key_and_retention_reach_the_store_commands(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    use(
        monkeypatch,
        write(tmp_path, f'recovery_public_key = "{recovery_key(tmp_path)}"\nretention_days = 12\n'),
    )
    monkeypatch.setenv("RPC_DESKTOP_PASSPHRASE", "a long enough passphrase")
    monkeypatch.setenv("RPC_DESKTOP_NEW_PASSPHRASE", "a long enough passphrase")
    assert main(["init"], context=fast_context(paths.data_home())) == 0
    assert json.loads(capsys.readouterr().out)["recovery_key"] is True
    assert main(["cases", "purge"]) == 0
    assert json.loads(capsys.readouterr().out)["retention_days"] == 12


def test_a_bad_config_is_a_warning_on_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    use(monkeypatch, write(tmp_path, "idle_lock_minutes = 99\n"))
    assert main(["demo", "--out", str(tmp_path / "out")]) == 0
    assert "'idle_lock_minutes'" in capsys.readouterr().err


def test_a_user_cannot_point_the_app_away_from_its_machine_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    machine = write(tmp_path, 'idle_lock_minutes = 2\nlocked = ["idle_lock_minutes"]\n')
    monkeypatch.setattr(config, "machine_location", lambda: machine)
    mine = tmp_path / "mine.toml"
    mine.write_text("")
    use(monkeypatch, mine)
    loaded = config.load()
    assert loaded.path == machine and loaded.idle_lock_minutes == 2
    assert any("RPC_DESKTOP_CONFIG is set but ignored" in p for p in loaded.problems)
    # Without a machine file, the variable points IT (or a test) at a file.
    machine.unlink()
    assert load().path == mine


def test_not_a_number_is_not_a_number_of_minutes(tmp_path: Path) -> None:
    for value in ("nan", "inf", "-inf"):
        loaded = load(write(tmp_path, f"idle_lock_minutes = {value}\n"))
        assert "'idle_lock_minutes'" in loaded.problems[0], value
        assert loaded.idle_lock_minutes is None


def test_a_byte_order_mark_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes("\ufeffidle_lock_minutes = 3\n".encode())
    loaded = load(path)
    assert loaded.problems == () and loaded.idle_lock_minutes == 3


def test_a_path_that_cannot_be_checked_is_a_message_not_a_crash(tmp_path: Path) -> None:
    loaded = load(write(tmp_path, f'extra_packs = "{"x" * 300}/packs"\n'))
    assert "'extra_packs'" in loaded.problems[0]
    assert loaded.extra_packs is None
