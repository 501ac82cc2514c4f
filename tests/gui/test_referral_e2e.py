"""The demo family, from first run to a finished bundle, driven through the widgets."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog
from pytestqt.qtbot import QtBot

from rpc_desktop.documents.device import one_off_device
from rpc_desktop.documents.envelope import decrypt_for_device, is_encrypted
from rpc_desktop.documents.verify import verify_bytes
from rpc_desktop.domain.case import Case, VisitOrder
from rpc_desktop.domain.status import CaseStatus
from rpc_desktop.gui.main_window import MainWindow
from tests.gui.drive import (
    answer,
    answer_in_turn,
    choose,
    draw,
    set_day,
    type_into,
    visible_inputs,
)
from tests.gui.test_app import PASS, first_run
from tests.helpers import demo_case, fast_context

DEMO = demo_case()


@pytest.fixture
def started(qtbot: QtBot, isolated_home: Path) -> MainWindow:
    """The app after its first run, showing the case list."""
    window = MainWindow(fast_context(isolated_home))
    qtbot.addWidget(window)
    window.show()
    first_run(qtbot, window)
    return window


def wizard_of(window: MainWindow):  # type: ignore[no-untyped-def]
    assert window.host is not None
    return window.host.wizard


def fill_details(qtbot: QtBot, window: MainWindow, *, la: str = "Gateshead") -> None:
    wizard = wizard_of(window)
    page = wizard.currentPage()
    assert wizard.current_step().id == "scheme"
    choose(page, "Scheme", "north-east-relationships-matter")
    choose(page, "Parents together now?", True)
    choose(page, "Expecting a baby?", False)
    choose(page, "How the adults are related", "partners")
    wizard.next()
    page = wizard.currentPage()
    choose(page, "Referrer: Is your work with the family about to close?", False)
    wizard.next()
    page = wizard.currentPage()
    for slot, parent in (("Parent A", DEMO.parent_a), ("Parent B", DEMO.parent_b)):
        type_into(qtbot, page, f"{slot}: Name", parent.name)
        choose(page, f"{slot}: Role", "birth-parent")
        choose(page, f"{slot}: Agrees to the referral", True)
    type_into(qtbot, page, "Family address: Town", "Gateshead")
    choose(page, "Family address: Local authority", la)
    wizard.next()
    page = wizard.currentPage()
    for n, child in enumerate(DEMO.children[:2], start=1):
        page.add_button.click()
        type_into(qtbot, page, f"Child {n}: Name", child.name)
        assert child.date_of_birth is not None
        set_day(page, f"Child {n}: Date of birth", child.date_of_birth)
    choose(page, "Focus child", window.host.session.case.children[0].id)
    wizard.next()
    plan(wizard)


def plan(wizard, order: VisitOrder = VisitOrder.SCREENINGS_FIRST) -> None:  # type: ignore[no-untyped-def]
    """The visit's plan: both screenings first (unless told), Parent A first."""
    assert wizard.current_step().id == "plan"
    assert not wizard.currentPage().isComplete(), "the order is the practitioner's choice"
    wizard.currentPage().choose(order)
    assert wizard.currentPage().isComplete()
    wizard.next()


def hand_over(wizard, slot: str) -> None:  # type: ignore[no-untyped-def]
    """At the handover, confirm being alone with the parent, and go on."""
    assert wizard.current_step().id == f"handover-{slot}"
    page = wizard.currentPage()
    assert not page.isComplete(), "the next parent's part opens only when confirmed"
    page.alone.click()
    assert page.isComplete()
    wizard.next()


def screen(
    qtbot: QtBot, window: MainWindow, *, flag: str | None = None, defer: bool = False
) -> None:
    """Both parents' screenings; `flag` answers that item "yes" for Parent A."""
    wizard = wizard_of(window)
    for slot, answers in (("a", DEMO.screening_a.answers), ("b", DEMO.screening_b.answers)):
        hand_over(wizard, slot)
        assert wizard.current_step().id == f"screening-{slot}"
        page = wizard.currentPage()
        if defer and slot == "b":
            page.defer_reason.setText("Other parent came home")
            page.defer.click()
            wizard.next()
            return
        page.alone.click()
        page.safe.click()
        page.contact.setText("Text first")
        page.contact.textEdited.emit("Text first")
        for widget in visible_inputs(page):
            value = (
                "yes"
                if (flag and widget.item.id == flag and slot == "a")
                else (answers.get(widget.item.id))
            )
            if value is not None:
                answer(widget, value)
        page.done.click()
        wizard.next()
        if flag and slot == "a":
            return  # the manager's check comes straight after: B is not brought in


def talk(window: MainWindow) -> None:
    wizard = wizard_of(window)
    while wizard.current_step().kind.value == "rsq":
        slot = wizard.current_step().slot.value
        answers = (DEMO.rsq_a if slot == "a" else DEMO.rsq_b).answers
        # Conditional questions appear as answers are given: go round until none is left.
        for _ in range(4):
            for widget in visible_inputs(wizard.currentPage()):
                if widget.value() is None and widget.item.id in answers:
                    answer(widget, answers[widget.item.id])
        wizard.next()


def sign(window: MainWindow) -> None:
    page = wizard_of(window).currentPage()
    for n, block in enumerate(page.blocks.values()):
        pad = block.pad
        pad.show()
        w, h = pad.width(), pad.height()
        draw(
            pad,
            [(int(w * (0.1 + 0.05 * i)), int(h * (0.3 + 0.3 * ((i + n) % 2)))) for i in range(12)],
        )


def to_built_preview(qtbot: QtBot, window: MainWindow):  # type: ignore[no-untyped-def]
    """The demo family from a new case to a built preview, as the practitioner goes: the
    review page, with its preview (the whole walk, with its checks on the way, is
    test_demo_family_from_first_run_to_a_sealed_bundle)."""
    window.new_case()
    fill_details(qtbot, window)
    screen(qtbot, window)
    talk(window)
    wizard = wizard_of(window)
    wizard.next()
    sign(window)
    wizard.next()
    review = wizard.currentPage()
    review.build.click()
    qtbot.waitUntil(lambda: review.preview is not None, timeout=30_000)
    return review


@pytest.mark.slow
def test_demo_family_from_first_run_to_a_sealed_bundle(
    qtbot: QtBot, started: MainWindow, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = started
    qtbot.mouseClick(window.cases.ui.newButton, Qt.MouseButton.LeftButton)
    fill_details(qtbot, window)
    screen(qtbot, window)
    talk(window)
    wizard = wizard_of(window)
    assert wizard.current_step().id == "eligibility"
    assert window.host.panel.outcome.text() == "Eligible", window.host.panel.details.text()
    wizard.next()
    assert wizard.current_step().id == "agreement"
    sign(window)
    case = window.host.session.case
    assert len(case.signatures) == 3 and all(s.strokes for s in case.signatures)
    wizard.next()
    review = wizard.currentPage()
    assert review.build.isEnabled(), review.problems.text()
    review.build.click()
    qtbot.waitUntil(lambda: review.preview is not None, timeout=30_000)
    preview = review.preview
    assert verify_bytes(preview.bundle, {window.workspace.device.fingerprint}).ok
    assert review.dialog is not None and review.dialog.isVisible()
    assert [review.dialog.tabs.tabText(i) for i in range(5)][-1] == "Email draft"
    agreement = next(v for k, v in preview.pdfs.items() if k.endswith("agreement.pdf"))
    content = PdfReader(io.BytesIO(agreement)).pages[-1].get_contents().get_data()
    assert content.count(b" l") >= 3 * 11, "the drawn strokes reach the PDF"
    assert window.workspace.store.list_cases()[0].status is CaseStatus.DRAFT, (
        "a preview sends nothing"
    )
    # Send for review: no team lead's key yet, so the app says it cannot encrypt; the
    # practitioner adds the key file their team lead gave them, compares the fingerprint,
    # and the sealed file, encrypted to that key, goes to the folder they pick.
    shared = isolated_home.parent / "shared-drive"
    shared.mkdir()
    lead = one_off_device()
    key_file = isolated_home.parent / "morgan.pub"
    key_file.write_bytes(lead.key.public_openssh + b" Morgan Lead\n")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(key_file), ""))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (k.get("text", ""), True))
    review.choose_folder = lambda: str(shared)
    assert review.send.isEnabled()
    seen = answer_in_turn("Add a team lead's key", "They match")
    review.send.click()
    qtbot.waitUntil(lambda: review.sent_file != "", timeout=30_000)
    assert "cannot be encrypted" in seen[0] and lead.fingerprint in seen[1]
    assert "encrypted to Morgan Lead" in review.status.text()
    sent = Path(review.sent_file)
    assert sent.parent == shared and sent.name == f"{case.reference}-v1.rpcbundle"
    assert is_encrypted(sent.read_bytes())
    sealed = decrypt_for_device(sent.read_bytes(), lead.key)
    assert verify_bytes(sealed, {window.workspace.device.fingerprint}).ok
    assert window.workspace.store.list_cases()[0].status is CaseStatus.READY_FOR_REVIEW
    assert not review.send.isEnabled(), "one version at a time is with the team lead"
    assert "Version 1" in review.versions.text()


def test_an_exclusion_indicator_stops_before_the_bundle(qtbot: QtBot, started: MainWindow) -> None:
    window = started
    window.new_case()
    fill_details(qtbot, window)
    screen(qtbot, window, flag="afraid")
    wizard = wizard_of(window)
    assert wizard.current_step().id == "da-stop"
    page = wizard.currentPage()
    assert "0808 2000 247" in page.signposting.text()
    assert wizard.nextId() == -1, "nothing after the stop screen"
    page.manager.setText("Morgan Lead")
    page.record.click()
    assert window.host.session.case.oversight is None, "a decision must be chosen"
    assert "choose a decision" in page.message.text()
    choose(page, "Decision", "do-not-proceed")
    page.record.click()
    assert window.host.session.case.oversight is not None
    assert wizard.nextId() == -1
    # Beside every page, where a parent may be looking, it says no more than this.
    assert window.host.panel.outcome.text().startswith("On hold")
    assert "domestic" not in window.host.panel.details.text().lower()


def test_a_deferred_screening_blocks_the_bundle(qtbot: QtBot, started: MainWindow) -> None:
    window = started
    window.new_case()
    fill_details(qtbot, window)
    screen(qtbot, window, defer=True)
    wizard = wizard_of(window)
    window.host.wizard.go_to("review")
    review = wizard.currentPage()
    assert wizard.current_step().id == "review"
    assert not review.build.isEnabled()
    assert not review.send.isEnabled()
    assert "Screening: see the screening" in review.problems.text()
    assert "deferred" not in review.problems.text()


@pytest.mark.slow
def test_resume_after_an_abrupt_stop_mid_questionnaire(
    qtbot: QtBot, started: MainWindow, isolated_home: Path
) -> None:
    window = started
    window.new_case()
    fill_details(qtbot, window)
    screen(qtbot, window)
    wizard = wizard_of(window)
    assert wizard.current_step().kind.value == "rsq"
    first = wizard.current_step().id
    inputs = visible_inputs(wizard.currentPage())
    answered = {}
    for widget in inputs[:3]:
        value = DEMO.rsq_a.answers[widget.item.id]
        answer(widget, value)
        answered[widget.item.id] = value
    reference = window.host.session.case.reference
    # The process dies here: no close, no flush, no backup. Only what was committed stays.
    window.workspace.store.engine.dispose()
    window.workspace = None
    window.idle.stop()
    window.hide()

    again = MainWindow(fast_context(isolated_home))
    qtbot.addWidget(again)
    again.show()
    qtbot.keyClicks(again.unlock.ui.passphrase, "four words for the test")
    qtbot.keyClick(again.unlock.ui.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: again.host is not None, timeout=10_000)
    assert again.host.session.case.reference == reference
    assert again.host.wizard.current_step().id == first
    assert {k: again.host.session.case.rsq_a.answers[k] for k in answered} == answered
    shown = {w.item.id: w.value() for w in visible_inputs(again.host.wizard.currentPage())}
    assert all(shown[k] == v for k, v in answered.items())
    assert again.host.session.case.referral_date == date.today()


@pytest.mark.slow
def test_back_is_remembered_and_resume_keeps_back(qtbot: QtBot, started: MainWindow) -> None:
    window = started
    window.new_case()
    fill_details(qtbot, window)
    wizard = wizard_of(window)
    hand_over(wizard, "a")
    assert wizard.current_step().id == "screening-a"
    for _ in range(4):  # the handover, the plan, the children
        wizard.back()
    assert wizard.current_step().id == "parents"
    window.lock(hide=False)
    qtbot.keyClicks(window.unlock.ui.passphrase, "four words for the test")
    qtbot.keyClick(window.unlock.ui.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.host is not None, timeout=10_000)
    wizard = wizard_of(window)
    assert wizard.current_step().id == "parents"
    wizard.back()
    assert wizard.current_step().id == "referrer", "Back works after resuming"


def test_enter_and_escape_do_not_lose_work(qtbot: QtBot, started: MainWindow) -> None:
    from PySide6.QtTest import QTest

    window = started
    window.new_case()
    fill_details(qtbot, window)
    wizard = wizard_of(window)
    hand_over(wizard, "a")
    page = wizard.currentPage()
    page.defer_reason.setFocus()
    QTest.keyClicks(page.defer_reason, "Other parent came in")
    QTest.keyClick(page.defer_reason, Qt.Key.Key_Return)
    assert wizard.current_step().id == "screening-a", "Enter did not turn the page"
    assert window.host.session.case.screening_a.deferred
    assert not page.questions.isVisible() and not page.contact.isVisible()
    QTest.keyClick(wizard, Qt.Key.Key_Escape)
    assert window.host is not None and wizard.isVisible(), "Esc did not close the case"


def test_removing_adding_and_undoing_children_keeps_them_all(
    qtbot: QtBot, started: MainWindow
) -> None:
    window = started
    window.new_case()
    wizard = wizard_of(window)
    for _ in range(3):
        wizard.next()
    page = wizard.currentPage()
    page.add_button.click()
    page.add_button.click()
    first = window.host.session.case.children[0].id
    page.remove_child(0)
    page.add_button.click()
    page.undo_button.click()
    ids = [c.id for c in window.host.session.case.children]
    assert len(ids) == 3 and len(set(ids)) == 3 and first in ids


def personal_strings(case: Case) -> set[str]:
    """Everything in a case that says who the family are or what they said."""
    found: set[str] = set()
    people = [case.parent_a, case.parent_b]
    for parent in people:
        found |= {parent.name, parent.phone, parent.email, parent.accessibility_needs}
        found |= set(parent.name.split())
        if parent.date_of_birth:
            found.add(parent.date_of_birth.isoformat())
    for child in case.children:
        found |= {child.name, *child.name.replace("-", " ").split()}
        if child.date_of_birth:
            found.add(child.date_of_birth.isoformat())
    found |= {case.address.line1, case.address.line2, case.address.postcode}
    contact, referrer = case.universal_contact, case.referrer
    found |= {contact.name, contact.phone, contact.email, referrer.name, referrer.phone}
    found.add(referrer.email)
    for part in (case.rsq_a, case.rsq_b, case.screening_a, case.screening_b):
        for value in part.answers.values() if part else []:
            if isinstance(value, str) and (" " in value or len(value) > 12):
                found.add(value)  # free text, not an option's code
    return {s for s in found if len(s) >= 4}


@pytest.mark.slow
def test_the_log_tells_what_happened_and_never_who(
    qtbot: QtBot, isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The demo family end to end (first run, the wizard, preview, send, lock, unlock) and
    the headless demo, with the app's log on: events and references, no family's details."""
    from rpc_desktop.app.logs import start_logging, stop_logging
    from rpc_desktop.cli import main

    log = start_logging(isolated_home)
    try:
        window = MainWindow(fast_context(isolated_home))
        qtbot.addWidget(window)
        window.show()
        first_run(qtbot, window)
        review = to_built_preview(qtbot, window)
        shared = isolated_home.parent / "shared-drive"
        shared.mkdir()
        review.choose_folder = lambda: str(shared)
        answer_in_turn("Send it unencrypted", "Send it unencrypted")
        review.send.click()
        qtbot.waitUntil(lambda: review.sent_file != "", timeout=30_000)
        assert "NOT encrypted" in review.status.text()
        reference = window.host.session.case.reference
        window.lock(hide=True)
        qtbot.keyClicks(window.hidden.ui.passphrase, PASS)
        qtbot.keyClick(window.hidden.ui.passphrase, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.host is not None, timeout=10_000)
        assert main(["demo", "--out", str(isolated_home.parent / "out")]) == 0
        capsys.readouterr()
    finally:
        stop_logging()
    text = log.read_text(encoding="utf-8")
    for event in (
        "store created",
        f"case created: {reference}",
        f"preview built for {reference}",
        f"version 1 of {reference} sent for review",
        "NOT encrypted, by the user's choice",
        "store locked",
        "store unlocked",
        "bundle built for RPC-DEMO-0001",
    ):
        assert event in text, f"the log does not say {event!r}:\n{text}"
    leaked = sorted(s for s in personal_strings(DEMO) if s.casefold() in text.casefold())
    assert not leaked, f"the log holds {leaked}"
    assert "Priya Tester" not in text, "nor the practitioner's own name"


def test_the_privacy_check_would_see_a_name() -> None:
    strings = personal_strings(DEMO)
    assert {"Zofia", "Okafor", "NE9 9ZZ", "14 Larkspur Gardens"} <= strings
