"""The Figures screen in the team lead's window: a practitioner's device sends its figures,
the team lead imports them (comparing the key's fingerprint the first time), the counts and
charts cover the whole team, and locking takes the screen away."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from rpc_desktop.app import team_figures
from rpc_desktop.app.workspace import Workspace
from rpc_desktop.domain.roles import AppRole
from rpc_desktop.gui.figures_screen import FiguresScreen
from rpc_desktop.gui.main_window import MainWindow
from tests.gui.drive import answer_in_turn
from tests.gui.test_private_parts import window  # noqa: F401
from tests.gui.test_review_screen import lead  # noqa: F401
from tests.helpers import PASSPHRASE, demo_case, fast_context, varied


def practitioner_figures(tmp_path: Path, lead_window: MainWindow, count: int) -> Path:
    """Another laptop with `count` referrals sends its figures to the team lead."""
    assert lead_window.workspace is not None
    device = lead_window.workspace.device
    laptop = Workspace.create(fast_context(tmp_path / "priya"), PASSPHRASE, actor="Priya")
    try:
        laptop.store.trust_key(
            device.fingerprint,
            AppRole.TEAM_LEAD,
            "Morgan Lead",
            "key file",
            public_key=device.key.public_openssh.decode(),
        )
        for n in range(count):
            laptop.add_case(varied(demo_case(), reference=f"RPC-TEST-{n:04d}"))
        return team_figures.send_figures(laptop, tmp_path / "shared")
    finally:
        laptop.close(backup=False)


def test_the_team_lead_counts_a_devices_figures_once_and_locking_takes_them_away(
    qtbot: QtBot,
    lead: MainWindow,  # noqa: F811
    tmp_path: Path,
) -> None:
    figures_file = practitioner_figures(tmp_path, lead, 3)
    assert lead.figures_action.isEnabled()
    lead.figures_action.trigger()
    screen = lead.figures
    assert isinstance(screen, FiguresScreen) and lead.stack.currentWidget() is screen
    assert "Import the figures your team's devices send" in screen.from_whom.text()
    said = answer_in_turn("They match", "OK")
    merged = screen.import_file(figures_file)
    assert merged is not None and merged.added == 3
    assert said and "fingerprint" in said[0] and "3 new referrals" in said[1]
    assert ": 3 referrals" in screen.from_whom.text()
    assert len(team_figures.team_rows(lead.workspace)) == 3  # type: ignore[arg-type]
    # The same file again: nothing counted twice, and no question about the key now.
    said = answer_in_turn("OK")
    merged = screen.import_file(figures_file)
    assert merged is not None and (merged.added, merged.replaced) == (0, 3)
    grab = screen.grab()
    assert not grab.isNull() and grab.width() > 0
    lead.lock(hide=False)
    assert lead.figures is None, "locking takes the figures screen down"
    assert not lead.figures_action.isEnabled()


def test_the_case_lists_send_figures_writes_a_sealed_file_or_says_why_not(
    qtbot: QtBot,
    window: MainWindow,  # noqa: F811
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    workspace = window.workspace
    assert workspace is not None
    workspace.add_case(demo_case())
    said = answer_in_turn("OK")
    assert window.cases.send_figures(tmp_path / "out") is None, "no team lead's key yet"
    assert said and "cannot be encrypted" in said[0] and "team lead" in said[0]
    logged = [r.getMessage() for r in caplog.records if "handled error" in r.getMessage()]
    assert any("in send_figures: NoRecipients" in m for m in logged), logged
    assert not any("cannot be encrypted" in m for m in logged), "its type, never its message"
    desk = Workspace.create(fast_context(tmp_path / "lead"), PASSPHRASE, actor="Morgan")
    try:
        workspace.store.trust_key(
            desk.device.fingerprint,
            AppRole.TEAM_LEAD,
            "Morgan Lead",
            "key file",
            public_key=desk.device.key.public_openssh.decode(),
        )
        said = answer_in_turn("OK")
        written = window.cases.send_figures(tmp_path / "out")
        assert written is not None and written.suffix == ".rpcfigures"
        assert said and written.name in said[0] and "no names" in said[0]
        check = team_figures.check_figures(desk, written)
        assert [r["reference"] for r in check.file.rows] == [demo_case().reference]
    finally:
        desk.close(backup=False)
