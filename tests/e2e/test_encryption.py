"""The bundle that travels to the team lead is encrypted to its recipients (age): the team
leads whose keys the practitioner's device holds in full, and IT's recovery key. Without a
team lead's key it is refused with what to do; unencrypted is an explicit, audited choice."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from rpc_desktop.app.config import load
from rpc_desktop.app.workspace import Workspace
from rpc_desktop.cli import main
from rpc_desktop.documents.envelope import NotForThisDevice, decrypt_for_device, is_encrypted
from rpc_desktop.domain.roles import AppRole
from rpc_desktop.errors import NoRecipients, VerifyError
from rpc_desktop.store.tables import audit_log
from tests.helpers import PASSPHRASE, demo_case, fast_context

REF = "RPC-DEMO-0001"
STROKES = [[[0.1, 0.5, 1.0], [0.4, 0.3, 1.0], [0.8, 0.6, 1.0]]]


def _desk(root: Path, name: str, role: AppRole) -> Workspace:
    context = fast_context(root / name)
    context.save_settings(role=role)
    return Workspace.create(context, PASSPHRASE, actor=name)


@pytest.fixture
def desks(tmp_path: Path) -> Iterator[tuple[Workspace, Workspace]]:
    practitioner = _desk(tmp_path, "priya", AppRole.PRACTITIONER)
    lead = _desk(tmp_path, "morgan", AppRole.TEAM_LEAD)
    practitioner.add_case(demo_case())
    yield practitioner, lead
    for desk in (practitioner, lead):
        if not desk.closed:
            desk.close(backup=False)


def _hand_over(practitioner: Workspace, lead: Workspace, folder: Path) -> None:
    """The team lead saves their key file; the practitioner compares and trusts it."""
    folder.mkdir(exist_ok=True)
    offer = practitioner.read_key_offer(lead.save_key_file(folder))
    assert offer.fingerprint == lead.device.fingerprint
    practitioner.trust_key_offer(offer, AppRole.TEAM_LEAD, "Morgan")


def _first_round_unencrypted(practitioner: Workspace, lead: Workspace, tmp_path: Path) -> None:
    """Version 1 sent unencrypted (by choice), returned, and the team lead's note imported
    on the practitioner's device, trusting its key on first use."""
    (tmp_path / "v1").mkdir()
    sent = practitioner.send_for_review(REF, tmp_path / "v1", unencrypted=True)
    review_id = lead.import_bundle(lead.check_bundle(sent.file), trust_as="Priya")
    decided = lead.return_for_changes(
        review_id, lead.reviewer("Morgan Lead"), comment="Dates.", out_dir=tmp_path / "o"
    )
    practitioner.import_review_note(
        practitioner.check_review_note(decided.note_file), trust_as="Morgan"
    )


def _actions(workspace: Workspace) -> list[tuple[str, str]]:
    with workspace.store.engine.connect() as conn:
        return [(r.action, r.detail) for r in conn.execute(audit_log.select())]


def test_without_a_team_leads_key_nothing_is_sent_and_the_message_says_what_to_do(
    desks: tuple[Workspace, Workspace], tmp_path: Path
) -> None:
    practitioner, _ = desks
    shared = tmp_path / "shared"
    shared.mkdir()
    with pytest.raises(NoRecipients) as refused:
        practitioner.send_for_review(REF, shared)
    message = str(refused.value)
    assert "cannot be encrypted" in message and "key file" in message and "IT" in message
    assert list(shared.iterdir()) == []
    assert practitioner.sent_versions(REF) == []
    assert practitioner.list_cases()[0].status.value == "draft"


def test_a_team_lead_trusted_by_fingerprint_only_is_named_in_the_message(
    desks: tuple[Workspace, Workspace], tmp_path: Path
) -> None:
    practitioner, lead = desks
    practitioner.store.trust_key(lead.device.fingerprint, AppRole.TEAM_LEAD, "Morgan")
    with pytest.raises(NoRecipients, match="trusts Morgan by fingerprint only"):
        practitioner.send_for_review(REF, tmp_path)


def test_sent_encrypted_to_the_team_lead_who_imports_it(
    desks: tuple[Workspace, Workspace], tmp_path: Path
) -> None:
    practitioner, lead = desks
    _hand_over(practitioner, lead, tmp_path / "handover")
    sent = practitioner.send_for_review(REF, tmp_path)
    raw = sent.file.read_bytes()
    assert is_encrypted(raw) and sent.encrypted_to == ("Morgan",)
    assert decrypt_for_device(raw, lead.device.key) == practitioner.store.sent_bundle(REF, 1)
    check = lead.check_bundle(sent.file)
    assert check.encrypted and check.untrusted, "encrypted, and the sealer not trusted yet"
    review_id = lead.import_bundle(check, trust_as="Priya")
    assert lead.open_review(review_id).contents.reference == REF
    sent_audit = [d for a, d in _actions(practitioner) if a == "bundle-sent"]
    assert sent_audit and "encrypted to 1 key(s)" in sent_audit[0]
    assert any(a == "bundle-imported" and "came encrypted" in d for a, d in _actions(lead))
    # The team lead's decision goes back, and names the sealed bundle they verified.
    decided = lead.return_for_changes(
        review_id, lead.reviewer("Morgan Lead"), comment="Dates.", out_dir=tmp_path / "o"
    )
    note = practitioner.check_review_note(decided.note_file)
    assert note.trusted, "the key file made the team lead trusted for notes as well"
    practitioner.import_review_note(note)
    assert practitioner.sent_versions(REF)[0].decision.value == "returned"


def test_a_bundle_for_someone_else_says_so(
    desks: tuple[Workspace, Workspace], tmp_path: Path
) -> None:
    practitioner, lead = desks
    _hand_over(practitioner, lead, tmp_path / "handover")
    sent = practitioner.send_for_review(REF, tmp_path)
    other = _desk(tmp_path, "sam", AppRole.TEAM_LEAD)
    with pytest.raises(NotForThisDevice, match="encrypted for someone else"):
        other.check_bundle(sent.file)
    assert other.list_reviews() == []
    other.close(backup=False)


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) // 2],
        lambda raw: raw[:-40] + bytes(b ^ 1 for b in raw[-40:]),
        lambda raw: raw[:60],
    ],
    ids=["half", "last-bytes-flipped", "header-only"],
)
def test_a_damaged_encrypted_bundle_is_refused_with_a_message(
    desks: tuple[Workspace, Workspace], tmp_path: Path, damage
) -> None:  # type: ignore[no-untyped-def]
    practitioner, lead = desks
    _hand_over(practitioner, lead, tmp_path / "handover")
    sent = practitioner.send_for_review(REF, tmp_path)
    broken = tmp_path / "broken.rpcbundle"
    broken.write_bytes(damage(sent.file.read_bytes()))
    with pytest.raises(VerifyError):
        lead.check_bundle(broken)
    assert lead.list_reviews() == []


def test_unencrypted_only_by_choice_and_recorded_on_both_sides(
    desks: tuple[Workspace, Workspace], tmp_path: Path
) -> None:
    practitioner, lead = desks
    sent = practitioner.send_for_review(REF, tmp_path, unencrypted=True)
    assert sent.encrypted_to == () and sent.file.read_bytes().startswith(b"PK")
    assert any(
        a == "bundle-sent-unencrypted" and "NOT encrypted" in d for a, d in _actions(practitioner)
    )
    check = lead.check_bundle(sent.file)
    assert not check.encrypted
    lead.import_bundle(check, trust_as="Priya")
    assert any(a == "bundle-imported" and "NOT encrypted" in d for a, d in _actions(lead))


def test_a_review_note_teaches_the_team_leads_key(
    desks: tuple[Workspace, Workspace], tmp_path: Path
) -> None:
    """A team lead first trusted from a note (or by fingerprint) gives their key with it:
    the next version is encrypted to them without asking for a key file."""
    practitioner, lead = desks
    _first_round_unencrypted(practitioner, lead, tmp_path)
    (tmp_path / "v2").mkdir()
    second = practitioner.send_for_review(REF, tmp_path / "v2")
    assert second.encrypted_to == ("Morgan",)
    assert lead.check_bundle(second.file).encrypted


def test_a_key_file_that_is_not_one_is_refused(
    desks: tuple[Workspace, Workspace], tmp_path: Path
) -> None:
    practitioner, lead = desks
    private = tmp_path / "id_ed25519"
    private.write_bytes(
        lead.device.key.private.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.OpenSSH,
            serialization.NoEncryption(),
        )
    )
    with pytest.raises(VerifyError, match="holds a private key"):
        practitioner.read_key_offer(private)
    junk = tmp_path / "junk.pub"
    junk.write_text("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ nobody\n")
    with pytest.raises(VerifyError, match=r"junk\.pub"):
        practitioner.read_key_offer(junk)
    fifo = tmp_path / "fifo.pub"
    os.mkfifo(fifo)
    with pytest.raises(VerifyError, match=r"fifo\.pub is .*, not a device key file"):
        practitioner.read_key_offer(fifo)
    own = practitioner.read_key_offer(practitioner.save_key_file(tmp_path))
    with pytest.raises(VerifyError, match="this device's own key"):
        practitioner.trust_key_offer(own, AppRole.TEAM_LEAD, "me")
    assert practitioner.trusted_keys() == []


# --- IT: team leads' keys in the configuration, the recovery key ----------------------------


def _configure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("RPC_DESKTOP_CONFIG", str(path))


def test_it_configures_team_leads_keys_and_the_recovery_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lead = _desk(tmp_path, "morgan", AppRole.TEAM_LEAD)
    lead_key = lead.device.key.public_openssh.decode()
    recovery = X25519PrivateKey.generate()
    (tmp_path / "recovery-public.pem").write_bytes(
        recovery.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    recovery_pem = tmp_path / "recovery-private.pem"
    recovery_pem.write_bytes(
        recovery.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    _configure(
        tmp_path,
        monkeypatch,
        'recovery_public_key = "recovery-public.pem"\n'
        f'trusted_keys = [{{ public_key = "{lead_key}", name = "Morgan", role = "team-lead" }}]\n',
    )
    assert load().problems == ()
    practitioner = _desk(tmp_path, "priya", AppRole.PRACTITIONER)
    practitioner.add_case(demo_case())
    sent = practitioner.send_for_review(REF, tmp_path)
    assert sent.encrypted_to == ("Morgan", "IT's recovery key")
    assert lead.check_bundle(sent.file).encrypted
    practitioner.close(backup=False)
    lead.close(backup=False)
    # IT opens it with the recovery key, then verifies the sealed bundle inside.
    out = tmp_path / "opened.rpcbundle"
    monkeypatch.setenv("RPC_DESKTOP_HOME", str(tmp_path / "it"))
    capsys.readouterr()
    assert (
        main(
            [
                "decrypt",
                str(sent.file),
                "--recovery-private-key",
                str(recovery_pem),
                "--out",
                str(out),
            ]
        )
        == 0
    )
    assert out.read_bytes().startswith(b"PK") and out.stat().st_mode & 0o077 == 0
    capsys.readouterr()
    assert main(["verify", str(out)]) == 4, "sealed by a practitioner IT was not told of"
    assert (
        main(
            [
                "decrypt",
                str(sent.file),
                "--recovery-private-key",
                str(recovery_pem),
                "--out",
                str(out),
            ]
        )
        == 2
    ), "never overwrites"


def test_a_public_key_that_does_not_match_its_fingerprint_is_a_set_up_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lead = _desk(tmp_path, "morgan", AppRole.TEAM_LEAD)
    key = lead.device.key.public_openssh.decode()
    lead.close(backup=False)
    wrong = "0000 " * 15 + "0000"
    _configure(
        tmp_path,
        monkeypatch,
        f'trusted_keys = [{{ public_key = "{key}", fingerprint = "{wrong}", '
        'role = "team-lead" }]\n',
    )
    assert any("is not the key" in p for p in load().problems)
    _configure(tmp_path, monkeypatch, 'trusted_keys = [{ public_key = "ssh-ed25519 nonsense" }]\n')
    assert any("public_key" in p for p in load().problems)


# --- the headless commands ----------------------------------------------------------------


def test_key_prints_this_devices_public_key_and_verify_device_opens_an_encrypted_bundle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lead_home = tmp_path / "morgan"
    lead = _desk(tmp_path, "morgan", AppRole.TEAM_LEAD)
    lead.device  # noqa: B018  (made at first run by the app)
    lead.close(backup=False)
    monkeypatch.setenv("RPC_DESKTOP_HOME", str(lead_home))
    capsys.readouterr()
    assert main(["key"]) == 0
    printed = json.loads(capsys.readouterr().out)
    practitioner = _desk(tmp_path, "priya", AppRole.PRACTITIONER)
    practitioner.add_case(demo_case())
    practitioner.store.trust_key(
        printed["fingerprint"], AppRole.TEAM_LEAD, "Morgan", "key file", printed["public_key"]
    )
    sent = practitioner.send_for_review(REF, tmp_path)
    practitioner_key = practitioner.device.fingerprint
    practitioner.close(backup=False)
    assert main(["verify", str(sent.file)]) == 2
    assert "encrypted" in capsys.readouterr().err
    monkeypatch.setenv("RPC_DESKTOP_PASSPHRASE", PASSPHRASE)
    assert main(["verify", "--device", str(sent.file), "--trust", practitioner_key]) == 0
    assert json.loads(capsys.readouterr().out)["status"] == "intact"
    monkeypatch.setenv("RPC_DESKTOP_HOME", str(tmp_path / "nobody"))
    assert main(["key"]) == 2
    assert "no keys yet" in capsys.readouterr().err


def test_a_store_from_before_keys_were_kept_in_full_learns_them_from_its_notes_at_unlock(
    desks: tuple[Workspace, Workspace], tmp_path: Path
) -> None:
    """An earlier build trusted a team lead by fingerprint and kept their note: the next
    unlock takes the key from that note, so bundles go encrypted to them without asking."""
    from rpc_desktop.app import opening
    from rpc_desktop.store import reviews

    practitioner, lead = desks
    _first_round_unencrypted(practitioner, lead, tmp_path)
    with practitioner.store.transaction() as conn:  # as an earlier build left it
        conn.execute(reviews.trusted.update().values(public_key=""))
    assert practitioner.recipients().team_leads == ()
    home = practitioner.context.home
    practitioner.close(backup=False)
    reopened = opening.unlock(fast_context(home), PASSPHRASE)
    try:
        assert [r.label for r in reopened.recipients().team_leads] == ["Morgan"]
        assert any(a == "key-public-half-kept" for a, _ in _actions(reopened))
    finally:
        reopened.close(backup=False)
