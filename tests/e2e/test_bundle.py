"""The sealed bundle end to end through the headless commands."""

from __future__ import annotations

import email
import json
import zipfile
from email import policy
from pathlib import Path
from typing import Any

import bagit
import pytest

from rpc_desktop.cli import main
from rpc_desktop.documents.bundle import document_names
from tests.helpers import PASSPHRASE, demo_case, make_store, packs, varied

REF = "RPC-DEMO-0001"
NAME = f"{REF}-v1"
"""The bundle's folder and file name: the first version sent."""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """One demo bundle for the module, sealed as the device whose store is at `home`; tests
    copy it before changing it."""
    home = tmp_path_factory.mktemp("home")
    out = tmp_path_factory.mktemp("out")
    make_store(home)
    mp = pytest.MonkeyPatch()
    mp.setenv("RPC_DESKTOP_HOME", str(home))
    mp.setenv("RPC_DESKTOP_PASSPHRASE", PASSPHRASE)
    try:
        assert main(["demo", "--device", "--out", str(out)]) == 0
    finally:
        mp.undo()
    return home, out


def _run(
    args: list[str], home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> tuple[int, dict[str, Any]]:
    """Run the CLI; the JSON it printed, or {"stderr": ...} when it printed none."""
    monkeypatch.setenv("RPC_DESKTOP_HOME", str(home))
    capsys.readouterr()
    code = main(args)
    captured = capsys.readouterr()
    return code, (json.loads(captured.out) if captured.out.strip() else {"stderr": captured.err})


def test_bundle_holds_four_pdfs_and_email(built: tuple[Path, Path]) -> None:
    _, out = built
    data = sorted(p.name for p in (out / NAME / "data").iterdir())
    assert data == sorted(document_names(REF).values())
    assert (out / f"{NAME}.rpcbundle").is_file()


def test_bagit_validator_accepts_the_bag(built: tuple[Path, Path]) -> None:
    _, out = built
    bag = bagit.Bag(str(out / NAME))
    bag.validate()
    assert bag.info["External-Identifier"] == REF
    for key in (
        "RPC-App-Version",
        "RPC-Questionnaire-Version",
        "RPC-Scheme-Version",
        "RPC-Agreement-Version",
        "RPC-Agreement-Text-SHA256",
        "RPC-Bundle-Fingerprint",
        "RPC-Device-Key",
    ):
        assert bag.info[key]
    assert "sha256" in bag.algorithms


def test_email_draft_is_addressed_and_unsent(built: tuple[Path, Path]) -> None:
    _, out = built
    raw = (out / NAME / "data" / document_names(REF)["email"]).read_bytes()
    msg = email.message_from_bytes(raw, policy=policy.default)
    assert "rpcgateway@gateshead.gov.uk" in msg["To"]
    assert msg["X-Unsent"] == "1"
    assert REF in msg["Subject"]
    case = demo_case()
    for name in (case.parent_a.name, case.parent_b.name, *(c.name for c in case.children)):
        for part in name.split():
            assert part not in msg["Subject"]
    attachments = [p for p in msg.iter_attachments()]
    assert [a.get_content_type() for a in attachments] == ["application/pdf"] * 4
    assert all(a.get_content().startswith(b"%PDF") for a in attachments)


def test_verify_intact(
    built: tuple[Path, Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    home, out = built
    for target in (out / f"{NAME}.rpcbundle", out / NAME):
        code, report = _run(["verify", str(target)], home, capsys, monkeypatch)
        assert code == 0 and report["status"] == "intact"


def test_verify_unknown_signer(
    built: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, out = built
    stranger = tmp_path / "other-home"
    code, report = _run(["verify", str(out / f"{NAME}.rpcbundle")], stranger, capsys, monkeypatch)
    assert code == 4 and report["status"] == "untrusted"
    code, report = _run(
        [
            "verify",
            str(out / f"{NAME}.rpcbundle"),
            "--trust",
            report["signer"].replace(" ", "").lower(),
        ],
        stranger,
        capsys,
        monkeypatch,
    )
    assert code == 0


def _members(bundle: Path) -> list[str]:
    with zipfile.ZipFile(bundle) as zf:
        return [i.filename for i in zf.infolist() if not i.is_dir()]


def _rewrite(bundle: Path, dest: Path, member: str, offset: int) -> None:
    with zipfile.ZipFile(bundle) as src, zipfile.ZipFile(dest, "w") as out:
        for info in src.infolist():
            data = bytearray(src.read(info))
            if info.filename == member:
                data[offset % len(data)] ^= 0x01
            out.writestr(info, bytes(data))


@pytest.mark.parametrize("position", [0, 1, 2])
def test_any_changed_byte_in_any_file_fails_verify(
    built: tuple[Path, Path],
    tmp_path: Path,
    position: int,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    home, out = built
    bundle = out / f"{NAME}.rpcbundle"
    members = _members(bundle)
    assert len(members) == 11  # four PDFs, checklist, email, five tag files
    for member in members:
        size = len(zipfile.ZipFile(bundle).read(member))
        offset = [0, size // 2, size - 1][position]
        tampered = tmp_path / f"{Path(member).name}-{position}.rpcbundle"
        _rewrite(bundle, tampered, member, offset)
        code, report = _run(["verify", str(tampered)], home, capsys, monkeypatch)
        assert code == 4, (member, offset, report)
        assert report["status"] == "tampered"
        name = Path(member).name
        assert any(name in p or "seal" in p for p in report["problems"]), (member, report)


def test_changed_payload_is_named(
    built: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    home, out = built
    member = f"{NAME}/data/{document_names(REF)['summary']}"
    tampered = tmp_path / "t.rpcbundle"
    _rewrite(out / f"{NAME}.rpcbundle", tampered, member, 5000)
    code, report = _run(["verify", str(tampered)], home, capsys, monkeypatch)
    assert code == 4
    assert report["problems"] == [
        f"data/{document_names(REF)['summary']}: has changed since the bundle was sealed"
    ]


def test_added_file_fails_verify(
    built: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    home, out = built
    for extra in (f"{NAME}/data/extra.pdf", f"{NAME}/notes.txt"):
        tampered = tmp_path / "added.rpcbundle"
        with zipfile.ZipFile(out / f"{NAME}.rpcbundle") as src, zipfile.ZipFile(tampered, "w") as z:
            for info in src.infolist():
                z.writestr(info, src.read(info))
            z.writestr(extra, b"hello")
        code, report = _run(["verify", str(tampered)], home, capsys, monkeypatch)
        assert code == 4, report
        assert any(Path(extra).name in p for p in report["problems"])


def test_unreadable_bundle_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    junk = tmp_path / "junk.rpcbundle"
    junk.write_bytes(b"not a zip at all")
    code, report = _run(["verify", str(junk)], tmp_path, capsys, monkeypatch)
    assert code == 2 and "not a bundle file" in report["stderr"]
    code, report = _run(["verify", str(tmp_path / "gone.rpcbundle")], tmp_path, capsys, monkeypatch)
    assert code == 2 and "does not exist" in report["stderr"]


def test_unsafe_paths_in_zip_are_refused(
    built: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    home, _ = built
    evil = tmp_path / "evil.rpcbundle"
    with zipfile.ZipFile(evil, "w") as z:
        z.writestr("../../escape.txt", b"x")
    code, report = _run(["verify", str(evil)], home, capsys, monkeypatch)
    assert code == 4 and "unsafe path" in report["problems"][0]
    assert not (tmp_path.parent / "escape.txt").exists()


def test_existing_bundle_is_never_overwritten(
    built: tuple[Path, Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    home, out = built
    before = (out / f"{NAME}.rpcbundle").read_bytes()
    code, report = _run(["demo", "--out", str(out)], home, capsys, monkeypatch)
    assert code == 2 and "already exists" in report["stderr"]
    assert (out / f"{NAME}.rpcbundle").read_bytes() == before
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_worcestershire_bundle_without_gateway_address_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    scheme_id = "worcestershire-harmony-at-home"
    agreement = packs().agreement_for(packs().scheme(scheme_id))
    case = varied(
        demo_case(),
        scheme_id=scheme_id,
        **{
            "address.local_authority": "Wyre Forest",
            "referrer.continues_support": True,
            "prior_intervention.start_date": "2026-10-01",
            "pathway": "",
        },
    )
    signatures = [
        s.model_copy(
            update={"text_sha256": agreement.sha256, "agreement_version": agreement.version}
        )
        for s in case.signatures
    ]
    path = tmp_path / "worcs.json"
    path.write_text(case.model_copy(update={"signatures": signatures}).model_dump_json())
    code, report = _run(
        ["bundle", str(path), "--out", str(tmp_path / "out")], tmp_path, capsys, monkeypatch
    )
    assert code == 0, report
    raw = (Path(report["folder"]) / "data" / document_names(REF)["email"]).read_bytes()
    msg = email.message_from_bytes(raw, policy=policy.default)
    assert msg["To"] is None
    assert "publishes no gateway address" in msg.get_body().get_content()
    assert len(list(msg.iter_attachments())) == 4


def _zip_variant(
    src: Path,
    dest: Path,
    extra: list[tuple[str, bytes]],
    *,
    first: bool = False,
    comment: bytes = b"",
) -> None:
    with zipfile.ZipFile(src) as s, zipfile.ZipFile(dest, "w") as z:
        if first:
            for name, data in extra:
                z.writestr(name, data)
        for info in s.infolist():
            z.writestr(info, s.read(info))
        if not first:
            for name, data in extra:
                z.writestr(name, data)
        z.comment = comment


@pytest.mark.filterwarnings("ignore:Duplicate name")
@pytest.mark.parametrize(
    ("extra", "first", "comment", "expected"),
    [
        ([(f"{NAME}/data/{document_names(REF)['summary']}", b"%PDF fake")], True, b"", "twice"),
        ([], False, b"Approved by team lead", "comment"),
        ([(f"{NAME}/./x", b"x")], False, b"", "unsafe path"),
        ([(f"{NAME}/bagit.txt/y", b"x")], False, b"", "bagit.txt"),
        ([(f"{NAME}/C:/evil.txt", b"x")], False, b"", "unsafe path"),
    ],
)
def test_zip_tricks_are_refused(
    built: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    extra: list[tuple[str, bytes]],
    first: bool,
    comment: bytes,
    expected: str,
) -> None:
    home, out = built
    tampered = tmp_path / "t.rpcbundle"
    _zip_variant(out / f"{NAME}.rpcbundle", tampered, extra, first=first, comment=comment)
    code, report = _run(["verify", str(tampered)], home, capsys, monkeypatch)
    assert code == 4, report
    assert any(expected in p for p in report["problems"]), report


@pytest.mark.parametrize("where", ["before", "after"])
def test_bytes_around_the_zip_are_refused(
    built: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    where: str,
) -> None:
    home, out = built
    data = (out / f"{NAME}.rpcbundle").read_bytes()
    tampered = tmp_path / "t.rpcbundle"
    tampered.write_bytes(b"JUNK" + data if where == "before" else data + b"JUNK")
    code, report = _run(["verify", str(tampered)], home, capsys, monkeypatch)
    assert code == 4 and "extra bytes" in report["problems"][0], report


def test_folder_problems_in_an_unpacked_bundle(
    built: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    home, out = built
    import shutil

    copy = tmp_path / REF
    shutil.copytree(out / NAME, copy)
    (copy / "data" / "etc").symlink_to("/etc")
    code, report = _run(["verify", str(copy)], home, capsys, monkeypatch)
    assert code == 4 and "data/etc" in report["problems"][0]
    code, report = _run(["verify", str(tmp_path)], home, capsys, monkeypatch)
    assert code == 2 and "not a bundle folder" in report["stderr"]
