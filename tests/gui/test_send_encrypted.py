"""The practitioner's Send for review when no team lead's key is known: the app says it
cannot encrypt and what to do; leaving it sends nothing; unencrypted needs two clear yeses."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from rpc_desktop.domain.status import CaseStatus
from rpc_desktop.gui.main_window import MainWindow
from tests.gui.drive import answer_in_turn
from tests.gui.test_app import first_run
from tests.helpers import demo_case, fast_context


def _review_page(qtbot: QtBot, home: Path, shared: Path):  # type: ignore[no-untyped-def]
    win = MainWindow(fast_context(home))
    qtbot.addWidget(win)
    win.show()
    first_run(qtbot, win)
    case = demo_case()
    win.workspace.store.add_case(case)
    win.open_case(case.reference, "review")
    page = win.host.wizard.currentPage()
    page.choose_folder = lambda: str(shared)
    return win, page


def test_leaving_the_cannot_encrypt_question_sends_nothing(
    qtbot: QtBot, isolated_home: Path, tmp_path: Path
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    win, page = _review_page(qtbot, isolated_home, shared)
    seen = answer_in_turn("Cancel")
    page.send.click()
    qtbot.waitUntil(lambda: bool(seen), timeout=30_000)
    assert "cannot be encrypted" in seen[0] and "key file" in seen[0]
    assert "cannot be encrypted" in page.status.text()
    assert list(shared.iterdir()) == []
    assert win.workspace.list_cases()[0].status is CaseStatus.DRAFT
    assert page.send.isEnabled(), "the practitioner can try again"


def test_unencrypted_needs_the_second_yes_too(
    qtbot: QtBot, isolated_home: Path, tmp_path: Path
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    win, page = _review_page(qtbot, isolated_home, shared)
    seen = answer_in_turn("Send it unencrypted", "Cancel")
    page.send.click()
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=30_000)
    assert "could open the file" in seen[1] and "audit log" in seen[1]
    assert list(shared.iterdir()) == []
    answer_in_turn("Send it unencrypted", "Send it unencrypted")
    page.send.click()
    qtbot.waitUntil(lambda: page.sent_file != "", timeout=30_000)
    assert Path(page.sent_file).read_bytes().startswith(b"PK")
    assert "NOT encrypted" in page.status.text()
    assert win.workspace.list_cases()[0].status is CaseStatus.READY_FOR_REVIEW
