"""The headless commands' exit codes and messages (docs/architecture.md: stable for IT scripts)."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from rpc_desktop.cli import main
from rpc_desktop.domain.case import case_json_schema
from tests.helpers import DEMO_CASE, PASSPHRASE, ROOT, demo_case, make_store, varied


def write(tmp_path: Path, text: str, name: str = "case.json") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_check_eligible_demo(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(DEMO_CASE)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["outcome"] == "eligible" and report["bundle_allowed"] is True
    assert {c["status"] for c in report["criteria"]} == {"met"}
    assert [t["due"] for t in report["timeline"]] == ["2026-12-22", "2027-01-08", "2027-01-15"]


def test_check_not_eligible_exits_3(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case = varied(demo_case(), **{"address.local_authority": "Leeds"})
    path = write(tmp_path, case.model_dump_json())
    assert main(["check", str(path)]) == 3
    report = json.loads(capsys.readouterr().out)
    assert report["outcome"] == "not-eligible"


def test_check_excluded_shows_signposting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = demo_case()
    assert case.screening_a is not None
    screening = case.screening_a.model_copy(
        update={"answers": {**case.screening_a.answers, "afraid": "yes"}}
    )
    path = write(tmp_path, case.model_copy(update={"screening_a": screening}).model_dump_json())
    assert main(["check", str(path)]) == 3
    report = json.loads(capsys.readouterr().out)
    assert report["outcome"] == "excluded" and report["oversight_needed"]
    assert any("0808 2000 247" in s["phone"] for s in report["da_signposting"])
    assert "afraid" not in json.dumps(report["criteria"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{not json", "(the whole file)"),
        (
            json.dumps(
                {
                    **json.loads(DEMO_CASE.read_text()),
                    "parent_a": {
                        **json.loads(DEMO_CASE.read_text())["parent_a"],
                        "date_of_birth": "31/02/1990",
                    },
                }
            ),
            "parent_a.date_of_birth",
        ),
        (json.dumps({**json.loads(DEMO_CASE.read_text()), "variant": "triad"}), "variant"),
        (
            json.dumps({**json.loads(DEMO_CASE.read_text()), "children": [{"name": "No id"}]}),
            "children.0.id",
        ),
    ],
)
def test_malformed_case_file_exits_2_naming_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, expected: str
) -> None:
    path = write(tmp_path, text)
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert expected in err and str(path) in err


def test_answer_that_does_not_fit_its_question_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(DEMO_CASE.read_text())
    item = next(
        k
        for k, v in data["rsq_b"]["answers"].items()
        if isinstance(v, int) and not isinstance(v, bool)
    )
    data["rsq_b"]["answers"][item] = 999
    path = write(tmp_path, json.dumps(data))
    assert main(["check", str(path)]) == 2
    assert f"rsq_b.answers.{item}" in capsys.readouterr().err


def test_unknown_scheme_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(
        tmp_path, demo_case().model_copy(update={"scheme_id": "atlantis"}).model_dump_json()
    )
    assert main(["check", str(path)]) == 2
    assert "atlantis" in capsys.readouterr().err


def test_bundle_of_ineligible_case_exits_3_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = varied(demo_case(), **{"parent_b.agrees_to_referral": False})
    path = write(tmp_path, case.model_dump_json())
    out = tmp_path / "out"
    assert main(["bundle", str(path), "--out", str(out)]) == 3
    err = capsys.readouterr().err
    assert "does not agree" in err
    assert not out.exists() or not any(out.iterdir())


def test_bundle_needs_all_three_signatures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = demo_case()
    case = case.model_copy(update={"signatures": case.signatures[:2]})
    path = write(tmp_path, case.model_dump_json())
    assert main(["bundle", str(path), "--out", str(tmp_path / "o")]) == 3
    assert "Link worker has not signed" in capsys.readouterr().err


def test_signature_on_another_text_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = demo_case()
    sigs = [case.signatures[0].model_copy(update={"text_sha256": "0" * 64}), *case.signatures[1:]]
    path = write(tmp_path, case.model_copy(update={"signatures": sigs}).model_dump_json())
    assert main(["bundle", str(path), "--out", str(tmp_path / "o")]) == 3
    assert "signed a different text" in capsys.readouterr().err


def test_bundle_from_case_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["bundle", str(DEMO_CASE), "--out", str(out)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert Path(report["bundle_file"]).is_file()
    assert len(report["documents"]) == 6  # four PDFs, the email draft, the checklist


def test_device_keys_are_private(
    tmp_path: Path, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_store(isolated_home)
    monkeypatch.setenv("RPC_DESKTOP_PASSPHRASE", PASSPHRASE)
    assert main(["demo", "--device", "--out", str(tmp_path / "o")]) == 0
    keys = isolated_home / "keys"
    assert sorted(p.name for p in keys.iterdir()) == ["device-ed25519.pub", "device-pdf-cert.pem"]
    assert not [p for p in isolated_home.rglob("*.pem") if b"PRIVATE" in p.read_bytes()]
    assert keys.stat().st_mode & 0o077 == 0
    assert isolated_home.stat().st_mode & 0o077 == 0


def test_published_schema_is_current() -> None:
    published = json.loads((ROOT / "docs" / "case.schema.json").read_text(encoding="utf-8"))
    assert published == case_json_schema(), "run `make schema` to refresh docs/case.schema.json"


def test_network_guard_catches_a_connection() -> None:
    with pytest.raises(AssertionError, match="network connection"), socket.socket() as sock:
        sock.connect(("127.0.0.1", 9))


def test_launching_without_a_display_says_so(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    assert main([]) == 2
    assert "no display" in capsys.readouterr().err
