"""The committed modules generated from ui/*.ui are current (`make forms` refreshes them)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT

FORMS = sorted((ROOT / "ui").glob("*.ui"))


def _uic() -> str:
    found = shutil.which("pyside6-uic", path=str(Path(sys.executable).parent))
    assert found, "pyside6-uic is installed with PySide6"
    return found


def _body(text: str) -> list[str]:
    # The header names the Qt version that generated the file; the code is what matters.
    return [line for line in text.splitlines() if not line.startswith("## Created by")]


@pytest.mark.parametrize("form", FORMS, ids=lambda p: p.name)
def test_generated_form_is_current(form: Path, tmp_path: Path) -> None:
    out = tmp_path / f"ui_{form.stem}.py"
    subprocess.run(
        [_uic(), "--from-imports", "--no-autoconnection", str(form), "-o", str(out)], check=True
    )
    committed = ROOT / "rpc_desktop" / "gui" / "forms" / f"ui_{form.stem}.py"
    assert committed.exists(), f"run `make forms`: {committed.name} is missing"
    assert _body(committed.read_text(encoding="utf-8")) == _body(out.read_text("utf-8")), (
        f"run `make forms`: {committed.name} is stale"
    )


def test_there_are_forms() -> None:
    assert len(FORMS) >= 4
