"""Nothing readable outside the encrypted store: a full practitioner and team-lead round trip
leaves no family data in either data folder; what is written for the user to send or keep
is readable by them only; leftovers of a build that died, and of earlier versions, go."""

from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path

import pytest

from rpc_desktop.app.workspace import Workspace
from rpc_desktop.cli import main
from rpc_desktop.documents.device import Device
from rpc_desktop.documents.identity import private_key_bytes
from rpc_desktop.domain.roles import AppRole
from rpc_desktop.store.tables import audit_log
from tests.helpers import PASSPHRASE, demo_case, fast_context

REF = "RPC-DEMO-0001"
STROKES = [[[0.1, 0.5, 1.0], [0.4, 0.3, 1.0], [0.8, 0.6, 1.0]]]
INSIDE = {"store", "backups"}
"""The encrypted store and its encrypted backups."""


def family_strings() -> set[str]:
    case = demo_case()
    words = {case.parent_a.name, case.parent_b.name, case.address.line1, case.address.postcode}
    return {w.encode("utf-8") for w in words} | {b"%PDF-", b"PK\x03\x04"}


def readable_family_data(home: Path) -> list[str]:
    """Files outside the store and its backups that hold a family's details in the clear
    (a name, an address, a PDF, a bundle)."""
    found = []
    needles = family_strings()
    for path in sorted(home.rglob("*")):
        if not path.is_file() or path.relative_to(home).parts[0] in INSIDE:
            continue
        data = path.read_bytes()
        if any(needle in data for needle in needles):
            found.append(str(path.relative_to(home)))
    return found


def readable_private_keys(home: Path, device: Device) -> list[str]:
    """Files outside the store and its backups that hold a private key in the clear: any
    PEM private key, or this device's own keys in any encoding."""
    needles = {b"PRIVATE KEY", device.key.private_bytes()}
    needles.add(private_key_bytes(device.pdf))
    return [
        str(p.relative_to(home))
        for p in sorted(home.rglob("*"))
        if p.is_file()
        and p.relative_to(home).parts[0] not in INSIDE
        and any(n in p.read_bytes() for n in needles)
    ]


def private(path: Path) -> bool:
    return stat.S_IMODE(path.stat().st_mode) & 0o077 == 0


@pytest.mark.slow
def test_a_round_trip_then_erase_leaves_no_family_data_outside_the_stores(tmp_path: Path) -> None:
    practitioner_home, lead_home = tmp_path / "priya", tmp_path / "morgan"
    shared, out = tmp_path / "shared", tmp_path / "out"
    practitioner = Workspace.create(fast_context(practitioner_home), PASSPHRASE, actor="Priya")
    lead_context = fast_context(lead_home)
    lead_context.save_settings(role=AppRole.TEAM_LEAD)
    lead = Workspace.create(lead_context, PASSPHRASE, actor="Morgan")
    practitioner.add_case(demo_case())
    # The team lead's key file, handed over; the practitioner compares and trusts it.
    handover = tmp_path / "handover"
    handover.mkdir()
    offer = practitioner.read_key_offer(lead.save_key_file(handover))
    assert offer.fingerprint == lead.device.fingerprint
    practitioner.trust_key_offer(offer, AppRole.TEAM_LEAD, "Morgan")

    shown = practitioner.preview(REF)
    assert shown.pdfs and shown.email, "the preview is in memory"
    sent = practitioner.send_for_review(REF, shared)
    assert private(sent.file), "the sealed bundle written for the team lead is user-only"
    assert sent.encrypted_to == ("Morgan",)
    travelling = sent.file.read_bytes()
    assert not [n for n in family_strings() if n in travelling], "unreadable on the way"
    assert readable_family_data(practitioner_home) == []

    check = lead.check_bundle(sent.file)
    review_id = lead.import_bundle(check, trust_as="Priya's laptop")
    lead.open_review(review_id)
    decided = lead.approve(
        review_id,
        lead.reviewer("Morgan Lead"),
        comment="",
        strokes=STROKES,
        aspect=3.0,
        out_dir=out,
    )
    assert decided.email_file is not None
    assert private(decided.email_file) and private(decided.note_file)
    assert readable_family_data(lead_home) == []

    note = practitioner.check_review_note(decided.note_file)
    practitioner.import_review_note(note, trust_as="Morgan")
    practitioner.erase_case(REF)
    assert practitioner.list_cases() == []
    for home in (practitioner_home, lead_home):
        assert readable_family_data(home) == [], home
    for workspace, home in ((practitioner, practitioner_home), (lead, lead_home)):
        assert readable_private_keys(home, workspace.device) == [], home
    practitioner.close(backup=False)
    lead.close(backup=False)


def test_the_check_would_see_family_data(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text(f"note about {demo_case().parent_a.name}")
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "y.pdf").write_bytes(b"%PDF-1.7")
    assert readable_family_data(tmp_path) == ["x.txt"]


def test_a_dead_builds_leftovers_and_old_previews_go_at_unlock(isolated_home: Path) -> None:
    workspace = Workspace.create(fast_context(isolated_home), PASSPHRASE, actor="Priya")
    workspace.add_case(demo_case())
    dead = isolated_home / "tmp" / "999999999-abc"  # no such process
    dead.mkdir(parents=True)
    (dead / f"{REF}-1-rsq-parent-a.pdf").write_bytes(b"%PDF-1.7 left by a crash")
    mine = isolated_home / "tmp" / f"{os.getpid()}-build"
    mine.mkdir()
    old = isolated_home / "bundles" / "20261101T101010-x" / f"{REF}-v1" / "data"
    old.mkdir(parents=True)
    (old / f"{REF}-4-referral-summary.pdf").write_bytes(b"%PDF-1.7 an old preview")
    workspace.tidy()
    assert not dead.exists() and not (isolated_home / "bundles").exists()
    assert mine.exists(), "a build of this process is its own to remove"
    with workspace.store.engine.connect() as conn:
        actions = [row.action for row in conn.execute(audit_log.select())]
    assert "leftovers-removed" in actions
    workspace.close(backup=False)


def test_erase_removes_an_old_copy_of_that_case_only(isolated_home: Path) -> None:
    workspace = Workspace.create(fast_context(isolated_home), PASSPHRASE, actor="Priya")
    workspace.add_case(demo_case())
    ours = isolated_home / "bundles" / "a" / f"{REF}-v1"
    theirs = isolated_home / "bundles" / "b" / "RPC-OTHER-0002-v1"
    for folder in (ours, theirs):
        folder.mkdir(parents=True)
        (folder / "bag-info.txt").write_text("x")
    workspace.erase_case(REF)
    assert not ours.parent.exists() and theirs.exists()
    workspace.close(backup=False)


def test_a_headless_bundle_is_written_for_its_user_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["demo", "--out", str(tmp_path / "out")]) == 0
    capsys.readouterr()
    made = [tmp_path / "out", *(tmp_path / "out").rglob("*")]
    assert len(made) > 10
    assert [str(p) for p in made if not private(p)] == []
    with zipfile.ZipFile(tmp_path / "out" / f"{REF}-v1.rpcbundle") as bundle:
        assert all(i.external_attr >> 16 == 0o644 for i in bundle.infolist()), "as sealed"
