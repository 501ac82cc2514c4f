"""The store's headless commands, as IT scripts and tests use them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from rpc_desktop.app import paths
from rpc_desktop.cli import main
from tests.helpers import DEMO_CASE, fast_context

PASS = "a long enough passphrase"


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, Any, str]:
    capsys.readouterr()
    code = main(args, context=fast_context(paths.data_home()))
    captured = capsys.readouterr()
    out = json.loads(captured.out) if captured.out.strip() else None
    return code, out, captured.err


@pytest.fixture
def initialised(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("RPC_DESKTOP_PASSPHRASE", PASS)
    assert run(["init"], capsys)[0] == 0
    assert run(["cases", "import", str(DEMO_CASE)], capsys)[0] == 0


def test_list_search_show(initialised: None, capsys: pytest.CaptureFixture[str]) -> None:
    code, listed, _ = run(["cases", "list"], capsys)
    assert code == 0 and [c["reference"] for c in listed] == ["RPC-DEMO-0001"]
    code, found, _ = run(["cases", "list", "--search", "lukas"], capsys)
    assert [c["reference"] for c in found] == ["RPC-DEMO-0001"]
    code, shown, _ = run(["cases", "show", "RPC-DEMO-0001"], capsys)
    assert shown["case"]["parent_b"]["name"] == "Daniel Okafor"
    code, _, err = run(["cases", "show", "RPC-NOPE-0000"], capsys)
    assert code == 2 and "no case RPC-NOPE-0000" in err


def test_import_twice_is_refused(initialised: None, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["cases", "import", str(DEMO_CASE)], capsys)
    assert code == 2 and "already exists" in err


def test_export_erase_purge_and_audit(
    initialised: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "sar.json"
    assert run(["cases", "export", "RPC-DEMO-0001", "--out", str(out)], capsys)[0] == 0
    assert json.loads(out.read_text())["case"]["reference"] == "RPC-DEMO-0001"
    assert out.stat().st_mode & 0o077 == 0
    code, _, err = run(["cases", "export", "RPC-DEMO-0001", "--out", str(out)], capsys)
    assert code == 2 and "already exists" in err
    code, _, err = run(["cases", "erase", "RPC-DEMO-0001"], capsys)
    assert code == 2 and "Nothing was erased" in err
    assert run(["cases", "erase", "RPC-DEMO-0001", "--yes"], capsys)[0] == 0
    assert run(["cases", "list"], capsys)[1] == []
    assert run(["cases", "purge", "--days", "30"], capsys)[1]["purged"] == []
    code, report, _ = run(["audit", "verify"], capsys)
    assert code == 0 and report["intact"] and report["entries"] >= 5


def test_passphrase_from_file_and_wrong_passphrase(
    initialised: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.delenv("RPC_DESKTOP_PASSPHRASE")
    secret = tmp_path / "pass.txt"
    secret.write_text(PASS + "\n")
    assert run(["cases", "list", "--passphrase-file", str(secret)], capsys)[0] == 0
    secret.write_text("wrong passphrase\n")
    code, _, err = run(["cases", "list", "--passphrase-file", str(secret)], capsys)
    assert code == 2 and "not right" in err
    code, _, err = run(["cases", "list"], capsys)
    assert code == 2 and "No passphrase" in err


def test_backup_and_restore(
    initialised: None, capsys: pytest.CaptureFixture[str], isolated_home: Path
) -> None:
    code, made, _ = run(["backup"], capsys)
    assert code == 0 and Path(made["backup"]).is_file()
    assert run(["cases", "erase", "RPC-DEMO-0001", "--yes"], capsys)[0] == 0
    code, restored, _ = run(["restore", made["backup"]], capsys)
    assert code == 0 and restored["restored"] == made["backup"]
    assert [c["reference"] for c in run(["cases", "list"], capsys)[1]] == ["RPC-DEMO-0001"]
    assert list((isolated_home / "store").glob("replaced-*/rpc.db"))


def test_passwd_and_it_recovery(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    private = X25519PrivateKey.generate()
    public_pem = tmp_path / "recovery.pub.pem"
    public_pem.write_bytes(
        private.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    private_pem = tmp_path / "recovery.pem"
    private_pem.write_bytes(
        private.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    monkeypatch.setenv("RPC_DESKTOP_PASSPHRASE", PASS)
    code, made, _ = run(["init", "--recovery-public-key", str(public_pem)], capsys)
    assert code == 0 and made["recovery_key"] is True
    monkeypatch.setenv("RPC_DESKTOP_NEW_PASSPHRASE", "second passphrase here")
    assert run(["passwd"], capsys)[0] == 0
    monkeypatch.setenv("RPC_DESKTOP_PASSPHRASE", "second passphrase here")
    assert run(["cases", "list"], capsys)[0] == 0
    # The practitioner forgets it; IT recovers with the organisation's private key.
    monkeypatch.setenv("RPC_DESKTOP_NEW_PASSPHRASE", "third passphrase here")
    assert run(["recover", "--recovery-private-key", str(private_pem)], capsys)[0] == 0
    monkeypatch.setenv("RPC_DESKTOP_PASSPHRASE", "third passphrase here")
    assert run(["cases", "list"], capsys)[0] == 0


def test_commands_without_a_store_say_so(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("RPC_DESKTOP_PASSPHRASE", PASS)
    code, _, err = run(["cases", "list"], capsys)
    assert code == 2 and "no store" in err


def _age_the_demo_case(days: int) -> None:
    """Approved `days` ago: past IT's retention (90 days by default)."""
    from datetime import UTC, datetime, timedelta

    from sqlalchemy import update

    from rpc_desktop.domain.status import CaseStatus
    from rpc_desktop.store.store import Store
    from rpc_desktop.store.tables import cases

    store = Store.open(paths.data_home(), PASS)
    store.set_status("RPC-DEMO-0001", CaseStatus.READY_FOR_REVIEW)
    store.set_status("RPC-DEMO-0001", CaseStatus.APPROVED)
    with store.transaction() as conn:
        long_ago = datetime.now(UTC) - timedelta(days=days)
        conn.execute(update(cases).values(updated_at=long_ago))
    store.close(backup=False)


def test_only_purge_applies_retention_on_the_command_line(
    initialised: None, capsys: pytest.CaptureFixture[str]
) -> None:
    """The app purges at unlock; a command that reads (or exports, backs up…) never does."""
    _age_the_demo_case(400)
    for args in (["audit", "verify"], ["cases", "show", "RPC-DEMO-0001"], ["backup"]):
        code, _, err = run(args, capsys)
        assert code == 0, (args, err)
    code, listed, _ = run(["cases", "list"], capsys)
    assert [c["reference"] for c in listed] == ["RPC-DEMO-0001"]
    code, purged, _ = run(["cases", "purge"], capsys)
    assert purged == {"purged": ["RPC-DEMO-0001"], "retention_days": 90}


def test_progress_and_the_monitoring_export_from_the_command_line(
    initialised: None, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from datetime import date

    from rpc_desktop.domain.status import CaseStatus
    from rpc_desktop.store.store import Store

    today = date.today().isoformat()
    code, _, err = run(["progress", "RPC-DEMO-0001", "gateway-acknowledged", today], capsys)
    assert code == 2 and "has not been sent" in err
    store = Store.open(paths.data_home(), PASS)
    for to in (CaseStatus.READY_FOR_REVIEW, CaseStatus.APPROVED, CaseStatus.SENT):
        store.set_status("RPC-DEMO-0001", to)
    store.close(backup=False)
    code, out, _ = run(["progress", "RPC-DEMO-0001", "gateway-acknowledged", today], capsys)
    assert code == 0 and out == {
        "reference": "RPC-DEMO-0001",
        "recorded": "gateway-acknowledged",
        "on": today,
    }
    with pytest.raises(SystemExit):  # argparse names the bad date and exits 2
        run(["progress", "RPC-DEMO-0001", "home-visit", "31/12/2026"], capsys)
    out_file = tmp_path / "monitoring.csv"
    code, out, _ = run(["figures", "--out", str(out_file)], capsys)
    assert code == 0 and out["referrals"] == 1
    text = out_file.read_text(encoding="utf-8-sig")
    assert "step:gateway" in text.splitlines()[0] and today in text
    assert "Daniel Okafor" not in text and "Larkspur" not in text
    code, _, err = run(["figures", "--out", str(out_file)], capsys)
    assert code == 2 and "exists already" in err
    book_file = tmp_path / "monitoring.xlsx"
    code, out, _ = run(["figures", "--out", str(book_file)], capsys)
    assert code == 0 and out == {"written": str(book_file), "referrals": 1}
    import openpyxl

    sheet = openpyxl.load_workbook(book_file)["Referrals"]
    header = [c.value for c in sheet[1]]
    assert header == text.splitlines()[0].split(","), "the CSV's columns"
    assert sheet.cell(2, header.index("sent_on") + 1).is_date
    before = book_file.read_bytes()
    code, _, err = run(["figures", "--out", str(book_file)], capsys)
    assert code == 2 and "exists already" in err and book_file.read_bytes() == before
    code, _, err = run(["figures", "--out", str(tmp_path / "monitoring.ods")], capsys)
    assert code == 2 and ".csv or .xlsx" in err
    assert not (tmp_path / "monitoring.ods").exists()


def test_the_audit_log_is_read_filtered_by_event_or_case(
    initialised: None, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 15: the audit log can be read, not only verified."""
    assert run(["cases", "show", "RPC-DEMO-0001"], capsys)[0] == 0
    code, everything, _ = run(["audit", "show"], capsys)
    assert code == 0 and len(everything) >= 3
    assert [int(e["id"]) for e in everything] == sorted(
        (int(e["id"]) for e in everything), reverse=True
    ), "newest first"
    code, imported, _ = run(["audit", "show", "--event", "case-created"], capsys)
    assert code == 0 and {e["action"] for e in imported} == {"case-created"}
    assert imported[0]["case"] == "RPC-DEMO-0001"
    code, cased, _ = run(["audit", "show", "--case", "RPC-DEMO-0001", "--limit", "1"], capsys)
    assert code == 0 and len(cased) == 1 and cased[0]["case"] == "RPC-DEMO-0001"
    code, starting, _ = run(["audit", "show", "--event", "store-*"], capsys)
    assert code == 0 and starting and all(e["action"].startswith("store-") for e in starting)
    code, _, err = run(["audit", "show", "--limit", "0"], capsys)
    assert code == 2 and "--limit" in err
