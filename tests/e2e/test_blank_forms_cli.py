"""rpc-desktop blank-forms: the paper forms for a scheme, as new files only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rpc_desktop.cli import main


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_blank_forms_for_a_scheme(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "paper"
    scheme = "north-east-relationships-matter"
    code, printed, _ = run(["blank-forms", "--scheme", scheme, "--out", str(out)], capsys)
    assert code == 0
    written = [Path(p) for p in json.loads(printed)["written"]]
    assert sorted(p.name for p in written) == sorted(p.name for p in out.iterdir())
    assert {p.name for p in written} == {
        *(
            f"blank-rsq-{scheme}-{v}.pdf"
            for v in ("couple", "separated", "expecting-together", "expecting-separated")
        ),
        f"blank-participation-agreement-{scheme}.pdf",
    }
    assert all(p.read_bytes().startswith(b"%PDF") for p in written)


def test_blank_forms_refuse_to_overwrite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "paper"
    args = ["blank-forms", "--scheme", "worcestershire-harmony-at-home", "--out", str(out)]
    assert run([*args, "--variant", "couple"], capsys)[0] == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    code, printed, err = run(args, capsys)
    assert code == 2 and not printed
    assert "already exists" in err and "Nothing was written" in err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_blank_forms_for_an_unknown_scheme(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(["blank-forms", "--scheme", "nowhere", "--out", str(tmp_path)], capsys)
    assert code == 2 and "not an enabled scheme" in err
    assert not list(tmp_path.glob("*.pdf"))
