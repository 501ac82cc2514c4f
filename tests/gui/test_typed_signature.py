"""Signing the agreement by typing (issue 12), with the keyboard alone: Tab, Space, Return and
the letters of each name; never the mouse."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from rpc_desktop.app.workspace import Workspace
from rpc_desktop.domain import editing
from rpc_desktop.domain.case import Signer
from rpc_desktop.domain.eligibility import evaluate
from rpc_desktop.domain.readiness import readiness_problems
from rpc_desktop.gui.session import CaseSession
from rpc_desktop.gui.wizard.final_pages import AgreementPage
from tests.helpers import PASSPHRASE, demo_case, fast_context

NAMES = {
    Signer.PARENT_A: "Zofia Lukasiewicz",
    Signer.PARENT_B: "Daniel Okafor",
    Signer.LINK_WORKER: "Priya Ramsden",
}
"""As each signer types it (QTest types Latin-1 only offscreen)."""


@pytest.fixture
def workspace(isolated_home: Path) -> Iterator[Workspace]:
    workspace = Workspace.create(fast_context(isolated_home), PASSPHRASE, actor="test")
    yield workspace
    workspace.close(backup=False)


@pytest.fixture
def page(qtbot: QtBot, workspace: Workspace) -> AgreementPage:
    """The agreement page of the demo family, nobody signed yet, shown in its own window."""
    unsigned = demo_case().model_copy(update={"signatures": [], "follow_ups": []})
    workspace.add_case(unsigned)
    session = CaseSession(workspace.open_case(unsigned.reference, "agreement"), workspace)
    page = AgreementPage(session.flow.step("agreement"))
    page._session = session
    qtbot.addWidget(page)
    page.resize(760, 900)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    page.refresh()
    return page


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def tab_to(qtbot: QtBot, name: str, limit: int = 60) -> QWidget:
    """Press Tab until the widget with this accessible name has the focus."""
    seen = []
    for _ in range(limit):
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        seen.append(focused().accessibleName())
        if focused().accessibleName() == name:
            return focused()
    raise AssertionError(f"Tab never reached {name!r}; it went through {seen}")


def test_all_three_sign_by_typing_with_the_keyboard_only(qtbot: QtBot, page: AgreementPage) -> None:
    session = page.session()
    page.text.setFocus()  # where a keyboard user starts: the top of the page
    for signer in Signer:
        label = signer.label
        tab_to(qtbot, f"{label}: sign by typing the name")
        qtbot.keyClick(focused(), Qt.Key.Key_Space)
        assert page.choices[signer].typing()
        typed = page.typed[signer]
        assert not typed.sign_button.isEnabled()
        name_field = tab_to(qtbot, f"{label}: full name, typed to sign")
        qtbot.keyClicks(name_field, NAMES[signer])
        assert not typed.sign_button.isEnabled(), "no attestation yet"
        assert typed.status.text() == "Not signed yet. Tick the confirmation above to sign."
        assert "Tick the confirmation" in typed.sign_button.toolTip()
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        assert focused() is typed.attest
        assert (
            "in person, in front of me" in typed.attest_text.text() or signer is Signer.LINK_WORKER
        )
        qtbot.keyClick(focused(), Qt.Key.Key_Space)
        assert typed.attest.isChecked() and typed.sign_button.isEnabled()
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        assert focused() is typed.sign_button
        with qtbot.waitSignal(session.changed, timeout=2000):
            qtbot.keyClick(focused(), Qt.Key.Key_Space)
        signature = session.case.signature(signer)
        assert signature is not None and signature.typed
        assert signature.typed_name == NAMES[signer]
        assert signature.attested_by == "Priya Ramsden"
        assert typed.status.text() == "Signed: typed, attested in person."
        assert not typed.sign_button.isEnabled(), "signed: nothing more to sign"

    case = session.case
    scheme = session.scheme
    assert scheme is not None
    evaluation = evaluate(case, scheme, case.referral_date, packs=session.packs)
    assert not [p for p in readiness_problems(case, session.packs, evaluation) if "sign" in p]
    saved, _page = session.workspace.load(case.reference)
    assert [s.typed_name for s in saved.signatures] == list(NAMES.values()), "saved, in order"


def test_return_in_the_name_field_signs_once_attested(qtbot: QtBot, page: AgreementPage) -> None:
    typed = page.typed[Signer.PARENT_A]
    page.choices[Signer.PARENT_A].type_button.setFocus()
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    field = tab_to(qtbot, "Parent A: full name, typed to sign")
    qtbot.keyClicks(field, "Zofia")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert page.session().case.signature(Signer.PARENT_A) is None, "Return without attestation"
    typed.attest.setFocus()
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    typed.name_edit.setFocus()
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    signature = page.session().case.signature(Signer.PARENT_A)
    assert signature is not None and signature.typed_name == "Zofia"


def test_clear_withdraws_a_typed_signature(qtbot: QtBot, page: AgreementPage) -> None:
    session = page.session()
    agreement = session.packs.agreement_for(session.scheme)  # type: ignore[arg-type]
    session.change(
        lambda case: editing.sign_typed(
            case, Signer.PARENT_B, agreement, "Daniel Okafor", attested_in_person=True, at=_now()
        )
    )
    page.refresh()
    assert page.choices[Signer.PARENT_B].typing(), "a typed signature opens in Type"
    typed = page.typed[Signer.PARENT_B]
    assert typed.name_edit.text() == "Daniel Okafor" and typed.attest.isChecked()
    typed.clear_button.setFocus()
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    assert session.case.signature(Signer.PARENT_B) is None
    assert typed.status.text().startswith("Not signed yet.")


def test_the_pad_tells_screen_readers_whose_it_is_and_whether_signed(
    qtbot: QtBot, page: AgreementPage
) -> None:
    pad = page.blocks[Signer.PARENT_A].pad
    interface = QAccessible.queryAccessibleInterface(pad)
    assert interface is not None
    assert interface.text(QAccessible.Text.Name) == "Signature pad: Parent A, Zofia Łukasiewicz"
    assert interface.text(QAccessible.Text.Description).startswith("Not signed yet.")
    from tests.gui.drive import draw

    draw(pad, [(40, 60), (120, 90), (200, 50)])
    assert interface.text(QAccessible.Text.Description).startswith("Signed.")
    assert page.session().case.signature(Signer.PARENT_A) is not None
    qtbot.keyClick(pad, Qt.Key.Key_Delete)
    assert interface.text(QAccessible.Text.Description).startswith("Not signed yet.")


def _now():  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    return datetime.now(UTC)


def test_a_screen_readers_toggle_chooses_typing_and_back(qtbot: QtBot, page: AgreementPage) -> None:
    """AT-SPI's Toggle action checks the button without a click: it still chooses."""
    choice = page.choices[Signer.PARENT_B]
    choice.type_button.toggle()
    assert choice.typing() and choice.stack.currentWidget() is choice.typed
    assert not choice.draw_button.isChecked()
    choice.type_button.toggle()  # the chosen one again: it stays chosen
    assert choice.typing() and choice.type_button.isChecked()
    choice.draw_button.toggle()
    assert not choice.typing() and choice.stack.currentWidget() is choice.block
