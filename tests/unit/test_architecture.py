"""The core never imports Qt (DESIGN.md): walk every import of domain, store and documents."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.helpers import ROOT

CORE = ["domain", "store", "documents"]


def _core_files() -> list[Path]:
    return [p for d in CORE for p in sorted((ROOT / "rpc_desktop" / d).glob("**/*.py"))]


@pytest.mark.parametrize("path", _core_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_core_module_does_not_import_qt(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        for name in names:
            top = name.split(".")[0]
            assert top not in {"PySide6", "shiboken6"}, f"{path.name} imports {name}"
            assert not name.startswith("rpc_desktop.gui"), f"{path.name} imports {name}"


def test_there_are_core_modules_to_check() -> None:
    assert len(_core_files()) >= 10
