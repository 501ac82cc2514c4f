"""The engine's window, offscreen: a case file's eligibility shown as plain text."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from rpc_desktop.gui.engine_window import EngineWindow
from tests.helpers import DEMO_CASE


def test_demo_case_shows_every_criterion(qtbot: QtBot) -> None:
    window = EngineWindow()
    qtbot.addWidget(window)
    window.show_evaluation(DEMO_CASE)
    assert window.outcome.text() == "RPC-DEMO-0001: Eligible"
    assert window.criteria.topLevelItemCount() >= 10
    statuses = {
        window.criteria.topLevelItem(i).text(1) for i in range(window.criteria.topLevelItemCount())
    }
    assert statuses == {"met"}
