"""This device's private keys live in the encrypted store, never in a file: made there, moved
in from the plain files an earlier build left (which are then removed), and a headless build
with no store unlocked seals with a one-off key that nothing trusts."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from rpc_desktop.app import opening
from rpc_desktop.app.workspace import Workspace
from rpc_desktop.cli import main
from rpc_desktop.documents import device as devices
from rpc_desktop.documents.identity import DEVICE_CERT_FILE, DEVICE_KEY_FILE, new_device_identity
from rpc_desktop.documents.seal import KEY_FILE, PUBLIC_KEY_FILE, DeviceKey
from rpc_desktop.errors import BundleError, StoreError
from rpc_desktop.store.tables import audit_log
from tests.helpers import PASSPHRASE, fast_context, home_device, make_store

PEM = serialization.Encoding.PEM
PKCS8 = serialization.PrivateFormat.PKCS8
CLEAR = serialization.NoEncryption()


def _files_holding_private_keys(home: Path) -> list[Path]:
    return [p for p in home.rglob("*") if p.is_file() and b"PRIVATE KEY" in p.read_bytes()]


def _old_install(home: Path) -> tuple[DeviceKey, str]:
    """The plain key files an earlier build left beside the store (as it wrote them)."""
    folder = home / "keys"
    folder.mkdir(parents=True, mode=0o700, exist_ok=True)
    key = DeviceKey.generate()
    (folder / KEY_FILE).write_bytes(key.private.private_bytes(PEM, PKCS8, CLEAR))
    pdf = new_device_identity(common_name="RPC Referral Desktop device old")
    (folder / DEVICE_KEY_FILE).write_bytes(pdf.private_key.private_bytes(PEM, PKCS8, CLEAR))
    (folder / DEVICE_CERT_FILE).write_bytes(pdf.certificate.public_bytes(PEM))
    return key, pdf.certificate_sha256


def _audit_actions(workspace: Workspace) -> list[str]:
    with workspace.store.engine.connect() as conn:
        return [row.action for row in conn.execute(audit_log.select())]


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, dict, str]:
    capsys.readouterr()
    code = main(args)
    captured = capsys.readouterr()
    report = json.loads(captured.out) if captured.out.strip() else {}
    return code, report, captured.err


# --- a headless build without the store ---------------------------------------------------


def test_a_build_without_the_store_uses_a_one_off_key_that_nothing_trusts(
    tmp_path: Path, isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, built, err = _run(["demo", "--out", str(tmp_path / "out")], capsys)
    assert code == 0 and built["sealed_by"] == "a one-off key"
    assert built["device_key"] in err and "--trust" in err
    assert not (isolated_home / "keys").exists(), "no key of any kind is written"
    assert _files_holding_private_keys(isolated_home) == []
    bundle = built["bundle_file"]
    code, report, _ = _run(["verify", bundle], capsys)
    assert code == 4 and report["status"] == "untrusted"
    code, report, _ = _run(["verify", bundle, "--trust", built["device_key"]], capsys)
    assert code == 0 and report["status"] == "intact"
    pdf = next(Path(built["folder"], "data").glob("*.pdf"))
    assert _run(["verify", str(pdf)], capsys)[0] == 4
    assert _run(["verify", str(pdf), "--trust", built["pdf_certificate"]], capsys)[0] == 0
    code, again, _ = _run(["demo", "--out", str(tmp_path / "again")], capsys)
    assert code == 0 and again["device_key"] != built["device_key"], "one-off means one-off"


def test_sealing_as_the_device_needs_its_store(
    tmp_path: Path,
    isolated_home: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("RPC_DESKTOP_PASSPHRASE", PASSPHRASE)
    code, _, err = _run(["demo", "--device", "--out", str(tmp_path / "o")], capsys)
    assert code == 2 and "no store" in err.lower(), err
    make_store(isolated_home)
    monkeypatch.setenv("RPC_DESKTOP_PASSPHRASE", "not the passphrase at all")
    code, _, err = _run(["demo", "--device", "--out", str(tmp_path / "o")], capsys)
    assert code == 2 and "passphrase" in err.lower(), err
    assert not (tmp_path / "o").exists() or not any((tmp_path / "o").iterdir())


def test_a_build_as_the_device_keeps_its_keys_in_the_store_and_only_public_halves_outside(
    tmp_path: Path,
    isolated_home: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make_store(isolated_home)
    monkeypatch.setenv("RPC_DESKTOP_PASSPHRASE", PASSPHRASE)
    code, first, _ = _run(["demo", "--device", "--out", str(tmp_path / "1")], capsys)
    assert code == 0 and first["sealed_by"] == "this device"
    code, second, err = _run(["demo", "--device", "--out", str(tmp_path / "2")], capsys)
    assert code == 0 and "--trust" not in err
    assert second["device_key"] == first["device_key"], "the same device, build after build"
    assert second["pdf_certificate"] == first["pdf_certificate"]
    assert sorted(p.name for p in (isolated_home / "keys").iterdir()) == sorted(
        [PUBLIC_KEY_FILE, DEVICE_CERT_FILE]
    )
    assert _files_holding_private_keys(isolated_home) == []
    device = home_device(isolated_home)
    raw = device.key.private_bytes()
    assert not [p for p in isolated_home.rglob("*") if p.is_file() and raw in p.read_bytes()]
    assert device.fingerprint == first["device_key"]
    # verify knows this device from the public halves, with no passphrase.
    monkeypatch.delenv("RPC_DESKTOP_PASSPHRASE")
    assert _run(["verify", first["bundle_file"]], capsys)[0] == 0
    pdf = next(Path(first["folder"], "data").glob("*.pdf"))
    assert _run(["verify", str(pdf)], capsys)[0] == 0


# --- the app: made at first run, moved in from an earlier build ---------------------------


def test_first_run_makes_the_keys_in_the_store(isolated_home: Path) -> None:
    context = fast_context(isolated_home)
    from rpc_desktop.app.settings import Profile
    from rpc_desktop.domain.roles import AppRole

    workspace = opening.first_run(
        context, PASSPHRASE, profile=Profile(name="Priya Test"), role=AppRole.PRACTITIONER
    )
    try:
        made = workspace.device
        assert set(workspace.store.device_keys()) == set(devices.NAMES)
        assert "device-keys-made" in _audit_actions(workspace)
    finally:
        workspace.close(backup=False)
    assert _files_holding_private_keys(isolated_home) == []
    assert home_device(isolated_home).fingerprint == made.fingerprint


def test_an_earlier_builds_plain_key_files_move_into_the_store_on_unlock(
    isolated_home: Path,
) -> None:
    make_store(isolated_home)
    old_key, old_certificate = _old_install(isolated_home)
    workspace = opening.unlock(fast_context(isolated_home), PASSPHRASE)
    try:
        assert workspace.device.fingerprint == old_key.fingerprint, "team leads trust it still"
        assert workspace.device.pdf.certificate_sha256 == old_certificate
        assert "device-keys-moved-in" in _audit_actions(workspace)
    finally:
        workspace.close(backup=False)
    keys = isolated_home / "keys"
    assert not (keys / KEY_FILE).exists() and not (keys / DEVICE_KEY_FILE).exists()
    assert _files_holding_private_keys(isolated_home) == []
    public = fast_context(isolated_home).device_public()
    assert public is not None and public.fingerprint == old_key.fingerprint
    assert public.pdf_certificate_sha256 == old_certificate
    again = home_device(isolated_home)
    assert again.fingerprint == old_key.fingerprint


def test_a_kill_after_the_keys_are_kept_but_before_the_files_go_is_finished_next_time(
    isolated_home: Path,
) -> None:
    make_store(isolated_home)
    old_key, _ = _old_install(isolated_home)
    saved = {p.name: p.read_bytes() for p in (isolated_home / "keys").iterdir()}
    assert home_device(isolated_home).fingerprint == old_key.fingerprint
    for name, data in saved.items():  # as if the app died before removing them
        (isolated_home / "keys" / name).write_bytes(data)
    assert home_device(isolated_home).fingerprint == old_key.fingerprint
    assert not (isolated_home / "keys" / KEY_FILE).exists()
    assert not (isolated_home / "keys" / DEVICE_KEY_FILE).exists()


def test_a_key_file_that_is_not_this_devices_is_left_not_destroyed(
    isolated_home: Path, caplog: pytest.LogCaptureFixture
) -> None:
    make_store(isolated_home)
    mine = home_device(isolated_home)
    stranger = DeviceKey.generate()
    planted = isolated_home / "keys" / KEY_FILE
    planted.write_bytes(stranger.private.private_bytes(PEM, PKCS8, CLEAR))
    with caplog.at_level(logging.WARNING):
        assert home_device(isolated_home).fingerprint == mine.fingerprint
    assert planted.exists(), "a key that is not this device's is never destroyed"
    assert "not this device's" in caplog.text


def test_an_unreadable_old_key_file_stops_the_unlock_with_a_message_and_the_store_locked(
    isolated_home: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make_store(isolated_home)
    keys = isolated_home / "keys"
    keys.mkdir(mode=0o700)
    (keys / KEY_FILE).write_text("garbage")
    with pytest.raises(BundleError, match=KEY_FILE):
        opening.unlock(fast_context(isolated_home), PASSPHRASE)
    monkeypatch.setenv("RPC_DESKTOP_PASSPHRASE", PASSPHRASE)
    code, _, err = _run(["demo", "--device", "--out", str(tmp_path / "o")], capsys)
    assert code == 2 and "device key" in err and KEY_FILE in err
    assert (keys / KEY_FILE).read_text() == "garbage", "nothing the user has is destroyed"
    # Moved aside, the next unlock makes new keys and goes on.
    (keys / KEY_FILE).rename(tmp_path / "aside.pem")
    assert home_device(isolated_home).fingerprint


def test_a_kept_key_is_never_replaced(isolated_home: Path) -> None:
    make_store(isolated_home)
    workspace = Workspace.open(fast_context(isolated_home), PASSPHRASE)
    try:
        before = workspace.device.fingerprint
        with pytest.raises(StoreError, match="never replaced"):
            workspace.store.keep_device_keys(
                {devices.SEAL_KEY: DeviceKey.generate().private_bytes()}
            )
        kept = workspace.store.device_keys()[devices.SEAL_KEY]
        assert DeviceKey.from_private_bytes(kept).fingerprint == before
    finally:
        workspace.close(backup=False)


def test_locking_drops_the_device_keys(isolated_home: Path) -> None:
    make_store(isolated_home)
    workspace = Workspace.open(fast_context(isolated_home), PASSPHRASE)
    workspace.device  # noqa: B018
    workspace.close(backup=False)
    assert workspace._device is None
    with pytest.raises(StoreError):
        workspace.device  # noqa: B018


@pytest.mark.parametrize(
    ("name", "damage"),
    [
        (devices.SEAL_KEY, b"short"),
        (devices.PDF_KEY, b"not DER"),
        (devices.PDF_CERTIFICATE, b"-----BEGIN CERTIFICATE-----\nnonsense\n"),
    ],
)
def test_damaged_keys_in_the_store_give_a_message(name: str, damage: bytes) -> None:
    _, made = devices.device_from_secrets({})
    with pytest.raises(BundleError, match="damaged: restore a backup"):
        devices.device_from_secrets({**made, name: damage})


def test_a_certificate_kept_for_another_key_is_refused() -> None:
    _, mine = devices.device_from_secrets({})
    _, theirs = devices.device_from_secrets({})
    mixed = {**mine, devices.PDF_CERTIFICATE: theirs[devices.PDF_CERTIFICATE]}
    with pytest.raises(BundleError, match="does not belong to its key"):
        devices.device_from_secrets(mixed)


def test_a_missing_certificate_is_made_again_for_the_same_key() -> None:
    first, made = devices.device_from_secrets({}, organisation="Gateshead Family Hub")
    del made[devices.PDF_CERTIFICATE]
    again, remade = devices.device_from_secrets(made, organisation="Gateshead Family Hub")
    assert set(remade) == {devices.PDF_CERTIFICATE}
    assert again.fingerprint == first.fingerprint
    assert again.pdf.certificate.public_key() == first.pdf.certificate.public_key()
