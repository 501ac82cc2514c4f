"""Practitioner → team lead and back, through the real stores, bundles and review notes."""

from __future__ import annotations

import email
import email.policy
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from rpc_desktop.app import paths, review, send
from rpc_desktop.documents.device import Device, one_off_device
from rpc_desktop.documents.envelope import (
    NotForThisDevice,
    Recipient,
    decrypt_for_device,
    device_recipient,
    is_encrypted,
)
from rpc_desktop.documents.review_note import read_note
from rpc_desktop.documents.verify import VerifyStatus
from rpc_desktop.domain.roles import AppRole
from rpc_desktop.domain.status import CaseStatus, ReviewStatus
from rpc_desktop.errors import BundleError, StoreError, VerifyError
from rpc_desktop.store.store import Store
from rpc_desktop.store.tables import audit_log as audit_table
from tests.helpers import FAST_KDF, demo_case, device_of, packs

FONTS = paths.resources_dir() / "fonts"
REF = "RPC-DEMO-0001"
LEAD = review.Reviewer("Morgan Lead", "Team lead", "Gateshead Family Hub", "m.lead@example.org")
STROKES = [[[0.1, 0.5, 1.0], [0.4, 0.3, 1.0], [0.8, 0.6, 1.0]]]


@dataclass
class Desk:
    """One person's laptop: their store and their device keys."""

    home: Path
    store: Store
    device: Device
    to: send.Recipients = field(default_factory=lambda: send.Recipients(()))
    """Whom this desk's bundles are encrypted to."""

    def trusted(self, role: AppRole = AppRole.PRACTITIONER) -> set[str]:
        return review.trusted_fingerprints(self.store, role)


def _desk(root: Path, actor: str) -> Desk:
    home = root / actor.split()[0].lower()
    store = Store.create(home, "a long enough passphrase", kdf=FAST_KDF, actor=actor)
    return Desk(home, store, device_of(store))


@pytest.fixture
def desks(tmp_path: Path) -> Iterator[tuple[Desk, Desk]]:
    practitioner = _desk(tmp_path, "Priya Practitioner")
    lead = _desk(tmp_path, "Morgan Lead")
    practitioner.to = send.Recipients((_recipient(lead),))
    practitioner.store.add_case(demo_case())
    yield practitioner, lead
    practitioner.store.close(backup=False)
    lead.store.close(backup=False)


def _recipient(desk: Desk) -> Recipient:
    return device_recipient(desk.device.key.public_openssh.decode(), desk.store.actor)


def _send(desk: Desk, tmp_path: Path) -> send.Sent:
    shared = tmp_path / "shared"
    shared.mkdir(parents=True, exist_ok=True)
    return send.send_for_review(
        desk.store,
        REF,
        packs(),
        desk.device,
        shared,
        recipients=desk.to,
        home=desk.home,
        fonts_dir=FONTS,
    )


def _sealed(desk: Desk, sent: send.Sent, tmp_path: Path) -> Path:
    """The sealed bundle as sent, without its encryption (as the practitioner's store keeps
    it): for the tests that take it apart."""
    path = tmp_path / f"sealed-v{sent.version}.rpcbundle"
    path.write_bytes(desk.store.sent_bundle(REF, sent.version))
    return path


def _import(lead: Desk, sent: send.Sent, *, trust: bool = True) -> int:
    check = review.check_bundle_file(sent.file, lead.trusted(), lead.device)
    if check.status is VerifyStatus.UNTRUSTED and trust:
        lead.store.trust_key(check.signer, AppRole.PRACTITIONER, "Priya's laptop")
        check = review.check_bundle_file(sent.file, lead.trusted(), lead.device)
    return review.import_bundle(lead.store, check)


def _apply_note(practitioner: Desk, note_file: Path, lead: Desk) -> None:
    practitioner.store.trust_key(lead.device.fingerprint, AppRole.TEAM_LEAD, "Morgan's laptop")
    check = send.check_review_note(
        note_file, practitioner.trusted(AppRole.TEAM_LEAD), practitioner.device
    )
    send.import_review_note(practitioner.store, check)


def _status(desk: Desk) -> CaseStatus:
    return next(s.status for s in desk.store.list_cases() if s.reference == REF)


def _actions(store: Store) -> list[str]:
    with store.engine.connect() as conn:
        return [r.action for r in conn.execute(audit_table.select().order_by(audit_table.c.id))]


def test_send_then_approve(desks: tuple[Desk, Desk], tmp_path: Path) -> None:
    practitioner, lead = desks
    sent = _send(practitioner, tmp_path)
    assert sent.version == 1 and sent.file.name == f"{REF}-v1.rpcbundle"
    assert _status(practitioner) is CaseStatus.READY_FOR_REVIEW
    sealed = practitioner.store.sent_bundle(REF, 1)
    assert is_encrypted(sent.file.read_bytes()) and sealed.startswith(b"PK")
    assert decrypt_for_device(sent.file.read_bytes(), lead.device.key) == sealed

    review_id = _import(lead, sent)
    contents = review.open_review(lead.store, review_id, lead.trusted())
    assert list(contents.pdfs) == [
        f"{REF}-1-rsq-parent-a.pdf",
        f"{REF}-2-rsq-parent-b.pdf",
        f"{REF}-3-participation-agreement.pdf",
        f"{REF}-4-referral-summary.pdf",
    ]
    assert contents.checklist["outcome"] == "Eligible"
    assert all(c["outcome"] in ("Met", "Done") for c in contents.checklist["criteria"])

    out = tmp_path / "lead-out"
    decided = review.approve(
        lead.store,
        review_id,
        lead.device,
        packs(),
        LEAD,
        comment="Good referral.",
        strokes=STROKES,
        aspect=3.0,
        out_dir=out,
        trusted=lead.trusted(),
    )
    assert decided.email_file is not None
    message = email.message_from_bytes(decided.email_file.read_bytes(), policy=email.policy.default)
    assert "rpcgateway@gateshead.gov.uk" in message["To"]
    assert message["X-Unsent"] == "1"
    assert message["From"] == "m.lead@example.org"
    attachments = list(message.iter_attachments())
    assert [a.get_content_type() for a in attachments] == ["application/pdf"] * 4
    assert [a.get_filename() for a in attachments] == list(contents.pdfs)
    assert [a.get_content() for a in attachments] == list(contents.pdfs.values())
    assert "Kofi" not in str(message["Subject"]) and REF in str(message["Subject"])

    note = read_note(decided.note_file.read_bytes())
    assert note.decision is ReviewStatus.APPROVED and note.signer == lead.device.fingerprint
    assert note.signature_strokes == STROKES
    assert lead.store.get_review(review_id).status == "approved"

    _apply_note(practitioner, decided.note_file, lead)
    assert _status(practitioner) is CaseStatus.APPROVED
    assert practitioner.store.sent_versions(REF)[0].decision == "approved"

    assert "bundle-sent" in _actions(practitioner.store)
    assert "review-note-imported" in _actions(practitioner.store)
    lead_actions = _actions(lead.store)
    for action in ("key-trusted", "bundle-imported", "bundle-approved"):
        assert action in lead_actions
    assert lead.store.verify_audit().intact


def test_return_edit_version_two_then_approve(desks: tuple[Desk, Desk], tmp_path: Path) -> None:
    practitioner, lead = desks
    first = _send(practitioner, tmp_path)
    first_id = _import(lead, first)
    returned = review.return_for_changes(
        lead.store,
        first_id,
        lead.device,
        LEAD,
        comment="Add the school's contact for the focus child.",
        out_dir=tmp_path / "lead-out",
    )
    assert returned.email_file is None
    assert returned.note_file.name == f"{REF}-v1-returned.rpcreview"
    _apply_note(practitioner, returned.note_file, lead)
    assert _status(practitioner) is CaseStatus.RETURNED
    history = practitioner.store.history(REF)
    assert history[-1]["comment"] == "Add the school's contact for the focus child."
    assert history[-1]["by"] == "Morgan Lead"

    # The practitioner edits the case and sends version 2.
    case = practitioner.store.load_case(REF)
    case = case.model_copy(update={"pathway": "Group programme"})
    practitioner.store.save_case(case)
    second = _send(practitioner, tmp_path)
    assert second.version == 2 and second.file.name == f"{REF}-v2.rpcbundle"
    assert first.file.exists(), "version 1 is kept"
    assert [v.version for v in practitioner.store.sent_versions(REF)] == [1, 2]

    second_id = _import(lead, second)  # the key is trusted since version 1
    history = lead.store.review_history(REF, practitioner.device.fingerprint)
    assert [r.version for r in history] == [1, 2]
    assert [r.status for r in history] == ["returned", "awaiting"]
    decided = review.approve(
        lead.store,
        second_id,
        lead.device,
        packs(),
        LEAD,
        comment="",
        strokes=STROKES,
        aspect=3.0,
        out_dir=tmp_path / "lead-out",
        trusted=lead.trusted(),
    )
    assert decided.email_file is not None
    assert decided.email_file.name == f"{REF}-v2-email-to-gateway.eml"
    _apply_note(practitioner, decided.note_file, lead)
    assert _status(practitioner) is CaseStatus.APPROVED
    assert [v.decision for v in practitioner.store.sent_versions(REF)] == ["returned", "approved"]


def test_a_second_version_waits_for_the_first_decision(
    desks: tuple[Desk, Desk], tmp_path: Path
) -> None:
    practitioner, _lead = desks
    _send(practitioner, tmp_path)
    with pytest.raises(StoreError, match="ready-for-review"):
        _send(practitioner, tmp_path)
    assert [v.version for v in practitioner.store.sent_versions(REF)] == [1]
    assert not (tmp_path / "shared" / f"{REF}-v2.rpcbundle").exists()


def _members(bundle: Path) -> list[str]:
    with zipfile.ZipFile(bundle) as zf:
        return [i.filename for i in zf.infolist() if not i.is_dir()]


def _altered(bundle: Path, member: str, dest: Path) -> Path:
    with zipfile.ZipFile(bundle) as src, zipfile.ZipFile(dest, "w") as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == member:
                at = len(data) // 2
                data = data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1 :]
            out.writestr(info, data)
    return dest


def test_every_altered_file_is_refused_naming_it(desks: tuple[Desk, Desk], tmp_path: Path) -> None:
    practitioner, lead = desks
    sent = _send(practitioner, tmp_path)
    lead.store.trust_key(practitioner.device.fingerprint, AppRole.PRACTITIONER, "Priya's laptop")
    sealed = _sealed(practitioner, sent, tmp_path)
    members = _members(sealed)
    assert len(members) == 11
    for n, member in enumerate(members):
        altered = _altered(sealed, member, tmp_path / f"altered-{n}.rpcbundle")
        check = review.check_bundle_file(altered, lead.trusted(), lead.device)
        assert check.status is VerifyStatus.TAMPERED, member
        name = Path(member).name
        assert any(name in p or "seal" in p for p in check.problems), (member, check.problems)
        with pytest.raises(VerifyError, match="refused"):
            review.import_bundle(lead.store, check)
    assert lead.store.list_reviews() == [], "nothing altered was kept"


def test_an_untrusted_key_is_not_imported(desks: tuple[Desk, Desk], tmp_path: Path) -> None:
    practitioner, lead = desks
    sent = _send(practitioner, tmp_path)
    check = review.check_bundle_file(sent.file, lead.trusted(), lead.device)
    assert check.status is VerifyStatus.UNTRUSTED
    assert check.signer == practitioner.device.fingerprint
    with pytest.raises(VerifyError, match="does not trust"):
        review.import_bundle(lead.store, check)
    assert lead.store.list_reviews() == []


def test_a_bundle_sealed_by_another_key_is_untrusted_even_after_trusting_one(
    desks: tuple[Desk, Desk], tmp_path: Path
) -> None:
    practitioner, lead = desks
    sent = _send(practitioner, tmp_path)
    stranger = one_off_device()
    lead.store.trust_key(stranger.fingerprint, AppRole.PRACTITIONER, "someone else")
    check = review.check_bundle_file(sent.file, lead.trusted(), lead.device)
    assert check.status is VerifyStatus.UNTRUSTED


def test_the_same_bundle_is_imported_once(desks: tuple[Desk, Desk], tmp_path: Path) -> None:
    practitioner, lead = desks
    sent = _send(practitioner, tmp_path)
    _import(lead, sent)
    with pytest.raises(StoreError, match="imported already"):
        _import(lead, sent)


def test_a_changed_review_note_is_refused(desks: tuple[Desk, Desk], tmp_path: Path) -> None:
    practitioner, lead = desks
    sent = _send(practitioner, tmp_path)
    review_id = _import(lead, sent)
    returned = review.return_for_changes(
        lead.store, review_id, lead.device, LEAD, comment="Fix it.", out_dir=tmp_path / "o"
    )
    document = json.loads(returned.note_file.read_bytes())
    document["body"]["decision"] = "approved"
    forged = tmp_path / "forged.rpcreview"
    forged.write_text(json.dumps(document))
    practitioner.store.trust_key(lead.device.fingerprint, AppRole.TEAM_LEAD)
    with pytest.raises(VerifyError, match="changed since"):
        send.check_review_note(forged, practitioner.trusted(AppRole.TEAM_LEAD), practitioner.device)
    # A note from an untrusted key is not applied.
    check = send.check_review_note(returned.note_file, set(), practitioner.device)
    assert not check.trusted
    with pytest.raises(VerifyError, match="does not trust"):
        send.import_review_note(practitioner.store, check)
    assert _status(practitioner) is CaseStatus.READY_FOR_REVIEW


def test_a_note_about_another_bundle_file_is_refused(
    desks: tuple[Desk, Desk], tmp_path: Path
) -> None:
    practitioner, lead = desks
    sent = _send(practitioner, tmp_path)
    lead_copy = tmp_path / "copy.rpcbundle"
    lead_copy.write_bytes(sent.file.read_bytes())
    review_id = _import(lead, sent)
    decided = review.return_for_changes(
        lead.store, review_id, lead.device, LEAD, comment="Fix it.", out_dir=tmp_path / "o"
    )
    other = _desk(tmp_path, "Other Practitioner")
    other.store.add_case(demo_case())
    other.to = send.Recipients((_recipient(lead),))
    _send(other, tmp_path / "elsewhere")
    other.store.trust_key(lead.device.fingerprint, AppRole.TEAM_LEAD)
    check = send.check_review_note(
        decided.note_file, other.trusted(AppRole.TEAM_LEAD), other.device
    )
    with pytest.raises(VerifyError, match="different bundle file"):
        send.import_review_note(other.store, check)
    other.store.close(backup=False)


def test_decisions_need_a_name_a_signature_and_comments(
    desks: tuple[Desk, Desk], tmp_path: Path
) -> None:
    practitioner, lead = desks
    review_id = _import(lead, _send(practitioner, tmp_path))
    out = tmp_path / "o"
    with pytest.raises(BundleError, match="Sign"):
        review.approve(
            lead.store, review_id, lead.device, packs(), LEAD, comment="",
            strokes=[], aspect=3.0, out_dir=out, trusted=lead.trusted(),
        )  # fmt: skip
    with pytest.raises(BundleError, match="what needs changing"):
        review.return_for_changes(
            lead.store, review_id, lead.device, LEAD, comment=" ", out_dir=out
        )
    assert lead.store.get_review(review_id).status == "awaiting"
    assert not out.exists() or not any(out.iterdir())


def test_the_review_pdfs_come_from_the_store_not_the_disk(
    desks: tuple[Desk, Desk], tmp_path: Path
) -> None:
    practitioner, lead = desks
    sent = _send(practitioner, tmp_path)
    review_id = _import(lead, sent)
    with zipfile.ZipFile(_sealed(practitioner, sent, tmp_path)) as sealed:
        as_sent = {
            name: sealed.read(f"{REF}-v1/data/{name}")
            for name in (f"{REF}-{n}" for n in ("1-rsq-parent-a.pdf", "4-referral-summary.pdf"))
        }
    sent.file.unlink()  # the shared copy may go; the team lead's store keeps the bundle
    contents = review.open_review(lead.store, review_id, lead.trusted())
    for name, data in as_sent.items():
        assert contents.pdfs[name] == data, "the PDFs shown are the ones sealed"


# --- crafted bundles and notes (each sealed with a real key: the seal alone is no shield) --


def _resealed(desk: Desk, sent: send.Sent, tmp_path: Path, edit, signer: Device) -> Path:  # type: ignore[no-untyped-def]
    """The sent bundle's folder, changed by `edit`, re-bagged and sealed by `signer`."""
    import bagit

    from rpc_desktop.documents.bundle import _zip_folder
    from rpc_desktop.documents.seal import SEAL_FILE, SEALED_FILE, seal_bytes

    with zipfile.ZipFile(
        _sealed(desk, sent, tmp_path)
    ) as sealed:  # our own bundle: safe to unpack here
        sealed.extractall(tmp_path / "crafted")
    folder = tmp_path / "crafted" / sent.file.stem
    (folder / SEAL_FILE).unlink()
    edit(folder)
    bagit.Bag(str(folder)).save(manifests=True)
    seal = signer.key.seal((folder / SEALED_FILE).read_bytes())
    (folder / SEAL_FILE).write_bytes(seal_bytes(seal))
    out = tmp_path / "crafted.rpcbundle"
    _zip_folder(folder, out, arcroot=folder.name)
    return out


def _set_info(folder: Path, tag: str, value: str, *, add: bool = False) -> None:
    info = folder / "bag-info.txt"
    lines = info.read_text().splitlines()
    if add:
        lines.append(f"{tag}: {value}")
    else:
        lines = [f"{tag}: {value}" if line.startswith(f"{tag}:") else line for line in lines]
    info.write_text("\n".join(lines) + "\n")


@pytest.mark.parametrize("reference", ["../../evil", "/tmp/outside", "", "sub/evil", "C:x"])
def test_a_reference_that_is_not_a_reference_is_refused(
    desks: tuple[Desk, Desk], tmp_path: Path, reference: str
) -> None:
    practitioner, lead = desks
    sent = _send(practitioner, tmp_path)
    stranger = one_off_device()
    crafted = _resealed(
        practitioner,
        sent,
        tmp_path,
        lambda f: _set_info(f, "External-Identifier", reference),
        stranger,
    )
    check = review.check_bundle_file(crafted, lead.trusted(), lead.device)
    assert check.status is VerifyStatus.TAMPERED
    assert any("is not a case reference" in p for p in check.problems), check.problems
    assert check.contents is None


def test_a_repeated_tag_is_refused(desks: tuple[Desk, Desk], tmp_path: Path) -> None:
    """Two references would let the screen show other PDFs than the ones verified."""
    practitioner, lead = desks
    sent = _send(practitioner, tmp_path)

    def edit(folder: Path) -> None:
        _set_info(folder, "External-Identifier", "X-1", add=True)
        for name in ("1-rsq-parent-a", "2-rsq-parent-b", "3-participation-agreement"):
            (folder / "data" / f"X-1-{name}.pdf").write_bytes(b"%PDF-1.4 not signed")

    crafted = _resealed(practitioner, sent, tmp_path, edit, practitioner.device)
    lead.store.trust_key(practitioner.device.fingerprint, AppRole.PRACTITIONER)
    check = review.check_bundle_file(crafted, lead.trusted(), lead.device)
    assert check.status is VerifyStatus.TAMPERED
    assert any("appears more than once" in p for p in check.problems), check.problems


def test_a_sealed_bundle_missing_a_document_is_refused_not_a_crash(
    desks: tuple[Desk, Desk], tmp_path: Path
) -> None:
    practitioner, lead = desks
    sent = _send(practitioner, tmp_path)
    summary = f"{REF}-4-referral-summary.pdf"
    crafted = _resealed(
        practitioner, sent, tmp_path, lambda f: (f / "data" / summary).unlink(), practitioner.device
    )
    check = review.check_bundle_file(crafted, lead.trusted(), lead.device)
    assert check.status is VerifyStatus.TAMPERED
    assert f"data/{summary}: is missing" in check.problems


def test_an_extra_document_is_refused(desks: tuple[Desk, Desk], tmp_path: Path) -> None:
    practitioner, lead = desks
    sent = _send(practitioner, tmp_path)
    crafted = _resealed(
        practitioner,
        sent,
        tmp_path,
        lambda f: (f / "data" / "notes.pdf").write_bytes(b"%PDF-1.4"),
        practitioner.device,
    )
    check = review.check_bundle_file(crafted, lead.trusted(), lead.device)
    assert check.status is VerifyStatus.TAMPERED
    assert "data/notes.pdf: is not one of the bundle's documents" in check.problems


def test_nobody_reviews_their_own_referral(desks: tuple[Desk, Desk], tmp_path: Path) -> None:
    practitioner, _lead = desks
    sent = _send(practitioner, tmp_path)
    with pytest.raises(NotForThisDevice, match="encrypted for someone else"):
        review.check_bundle_file(sent.file, practitioner.trusted(), practitioner.device)
    with pytest.raises(VerifyError, match="sealed on this device"):
        review.check_bundle_file(
            _sealed(practitioner, sent, tmp_path), practitioner.trusted(), practitioner.device
        )
    assert practitioner.store.list_reviews() == []


def test_a_note_sealed_on_this_device_is_refused(desks: tuple[Desk, Desk], tmp_path: Path) -> None:
    practitioner, lead = desks
    sent = _send(practitioner, tmp_path)
    review_id = _import(lead, sent)
    decided = review.return_for_changes(
        lead.store, review_id, lead.device, LEAD, comment="Fix it.", out_dir=tmp_path / "o"
    )
    with pytest.raises(VerifyError, match="sealed on this device"):
        send.check_review_note(decided.note_file, lead.trusted(AppRole.TEAM_LEAD), lead.device)


def test_a_key_trusted_for_bundles_cannot_approve(desks: tuple[Desk, Desk], tmp_path: Path) -> None:
    """Trust has a purpose: a practitioner's key is not a team lead's."""
    practitioner, lead = desks
    sent = _send(practitioner, tmp_path)
    review_id = _import(lead, sent)
    decided = review.approve(
        lead.store, review_id, lead.device, packs(), LEAD, comment="", strokes=STROKES,
        aspect=3.0, out_dir=tmp_path / "o", trusted=lead.trusted(),
    )  # fmt: skip
    practitioner.store.trust_key(lead.device.fingerprint, AppRole.PRACTITIONER)
    check = send.check_review_note(
        decided.note_file, practitioner.trusted(AppRole.TEAM_LEAD), practitioner.device
    )
    assert not check.trusted
    with pytest.raises(VerifyError, match="does not trust"):
        send.import_review_note(practitioner.store, check)


def test_trust_is_kept_only_when_the_import_succeeds(
    desks: tuple[Desk, Desk], tmp_path: Path
) -> None:
    practitioner, lead = desks
    sent = _send(practitioner, tmp_path)
    check = review.check_bundle_file(sent.file, lead.trusted(), lead.device)
    review.import_bundle(lead.store, check, trust_as="Priya's laptop")
    assert [k.fingerprint for k in lead.store.trusted_keys(AppRole.PRACTITIONER)] == [
        practitioner.device.fingerprint
    ]
    lead.store.untrust_key(practitioner.device.fingerprint, AppRole.PRACTITIONER)
    with pytest.raises(StoreError, match="imported already"):
        review.import_bundle(lead.store, check, trust_as="Priya's laptop")
    assert lead.store.trusted_keys() == [], "a failed import trusts nobody"


def test_an_untrusted_key_no_longer_opens_its_bundles(
    desks: tuple[Desk, Desk], tmp_path: Path
) -> None:
    practitioner, lead = desks
    review_id = _import(lead, _send(practitioner, tmp_path))
    lead.store.untrust_key(practitioner.device.fingerprint, AppRole.PRACTITIONER)
    with pytest.raises(VerifyError, match="no longer trusted"):
        review.open_review(lead.store, review_id, lead.trusted())


def test_a_note_without_a_time_zone_is_refused(desks: tuple[Desk, Desk], tmp_path: Path) -> None:
    from rpc_desktop.documents.review_note import canonical

    practitioner, lead = desks
    review_id = _import(lead, _send(practitioner, tmp_path))
    decided = review.return_for_changes(
        lead.store, review_id, lead.device, LEAD, comment="Fix it.", out_dir=tmp_path / "o"
    )
    document = json.loads(decided.note_file.read_bytes())
    document["body"]["decided_at"] = "2026-11-23T10:00:00"
    signature = lead.device.key.private.sign(canonical(document["body"]))
    document["seal"]["signature"] = __import__("base64").b64encode(signature).decode()
    forged = tmp_path / "naive.rpcreview"
    forged.write_text(json.dumps(document))
    with pytest.raises(VerifyError, match="time zone"):
        send.check_review_note(forged, set(), practitioner.device)


def test_a_locked_store_refuses_every_use(desks: tuple[Desk, Desk], tmp_path: Path) -> None:
    from rpc_desktop.errors import StoreLocked

    practitioner, _lead = desks
    store = practitioner.store
    store.close(backup=False)
    with pytest.raises(StoreLocked):
        store.list_cases()
    with pytest.raises(StoreLocked):
        store.trust_key("AAAA", AppRole.TEAM_LEAD)
