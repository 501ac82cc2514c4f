"""Blank paper forms from the case list, for a visit where the laptop cannot be used."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from rpc_desktop.gui.main_window import MainWindow
from tests.gui.drive import answer_in_turn
from tests.gui.test_private_parts import window  # noqa: F401


def test_the_case_list_saves_each_schemes_blank_forms_and_never_overwrites(
    qtbot: QtBot,
    window: MainWindow,  # noqa: F811
    tmp_path: Path,
) -> None:
    cases = window.cases
    assert cases.blank_button.text().replace("&", "") == "Blank paper forms…"
    said = answer_in_turn("OK")
    written = cases.write_blank_forms(tmp_path)
    assert said and "forms saved" in said[0]
    assert written and all(p.is_file() and p.stat().st_size > 0 for p in written)
    assert {p.parent.name for p in written} == set(window.context.packs.schemes)
    before = {p: p.stat().st_mtime_ns for p in written}
    said = answer_in_turn("OK")
    assert cases.write_blank_forms(tmp_path) == []
    assert said and "already exists" in said[0]
    assert {p: p.stat().st_mtime_ns for p in written} == before, "nothing overwritten"
