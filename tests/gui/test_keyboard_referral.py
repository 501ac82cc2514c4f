"""The whole demo referral by keyboard alone: Tab, arrows, Space, Return and letters, from a
new case to a bundle ready to preview. No mouse, and no widget set from code: every value
is given with the keys a keyboard-only practitioner would press, and every control is
reached by Tab from where the focus was (so the focus order reaches it)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from rpc_desktop.domain.case import AnswerValue
from rpc_desktop.domain.questionnaire import ItemType
from rpc_desktop.gui.main_window import MainWindow
from rpc_desktop.gui.wizard.choices import ChoiceButton
from rpc_desktop.gui.wizard.items import AnswerInput
from tests.gui.test_app import first_run
from tests.helpers import demo_case, fast_context

DEMO = demo_case()
TAB_LIMIT = 400
PARENTS = {"Parent A": "Sam Carter", "Parent B": "Alex Carter"}
"""An invented family, typed in Latin letters (QTest types Latin-1 only offscreen)."""


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(qtbot: QtBot, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(focused(), key, modifier)
    QApplication.processEvents()  # as between a person's key presses (rows made now show)


def tab_until(qtbot: QtBot, wanted: Callable[[QWidget], bool], what: str) -> QWidget:
    """Tab forwards until `wanted(focus)`; fails (naming what it passed) if Tab never gets
    there."""
    if wanted(focused()):
        return focused()
    passed = []
    for _ in range(TAB_LIMIT):
        press(qtbot, Qt.Key.Key_Tab)
        if wanted(focused()):
            return focused()
        widget = focused()
        text = widget.text() if isinstance(widget, QAbstractButton) else ""
        passed.append(widget.accessibleName() or text or type(widget).__name__)
    raise AssertionError(f"Tab never reached {what}; it passed {passed[-30:]}")


def named(name: str) -> Callable[[QWidget], bool]:
    return lambda w: w.accessibleName() == name


def inside(root: QWidget) -> Callable[[QWidget], bool]:
    return lambda w: w is root or root.isAncestorOf(w)


def type_text(qtbot: QtBot, text: str) -> None:
    widget = focused()
    if isinstance(widget, QLineEdit):
        press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget, text)


def pick_in_combo(qtbot: QtBot, data: object) -> None:
    """Down (or Up) through the list until the wanted option is current."""
    combo = focused()
    assert isinstance(combo, QComboBox), type(combo)
    for key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
        for _ in range(combo.count() + 1):
            if combo.currentData() == data:
                return
            press(qtbot, key)
    raise AssertionError(f"{combo.accessibleName()}: no option {data!r}")


def next_page(qtbot: QtBot, window: MainWindow) -> str:
    """Tab to the wizard's Next button and press Space; the new step's id."""
    assert window.host is not None
    wizard = window.host.wizard
    before = wizard.current_step().id
    button = wizard.button(wizard.WizardButton.NextButton)
    assert button.isEnabled(), f"Next is not enabled on {before}"
    tab_until(qtbot, lambda w: w is button, f"Next on {before}")
    press(qtbot, Qt.Key.Key_Space)
    after = wizard.current_step().id
    assert after != before, f"Next did not turn the page from {before}"
    # A keyboard user starts a new page from its top: the page's first control.
    wizard.currentPage().focusNextChild()
    return after


def choose_option(qtbot: QtBot, widget: AnswerInput, value: AnswerValue) -> None:
    """Into the question's group by Tab, then arrows to each wanted option and Space."""
    tab_until(qtbot, inside(widget), widget.accessibleName())
    wanted = value if isinstance(value, list) else [value]
    options = [b for b in widget.findChildren(ChoiceButton)]
    for want in wanted:
        target = next(b for b in options if b.property("answer") == want)
        for _ in range(len(options) + 1):
            if focused() is target:
                break
            press(qtbot, Qt.Key.Key_Right)
        assert focused() is target, f"arrows never reached {want!r} in {widget.item.id}"
        if not target.isChecked():
            press(qtbot, Qt.Key.Key_Space)


def give(qtbot: QtBot, widget: AnswerInput, value: AnswerValue) -> None:
    match widget.item.type:
        case ItemType.TEXT:
            tab_until(qtbot, lambda w: inside(widget)(w) and isinstance(w, QPlainTextEdit), "text")
            type_text(qtbot, str(value))
        case ItemType.DATE:
            day = date.fromisoformat(str(value))
            tab_until(qtbot, lambda w: inside(widget)(w) and isinstance(w, QLineEdit), "day")
            type_text(qtbot, str(day.day))
            press(qtbot, Qt.Key.Key_Tab)
            type_text(qtbot, str(day.month))
            press(qtbot, Qt.Key.Key_Tab)
            type_text(qtbot, str(day.year))
        case _:
            choose_option(qtbot, widget, value)
    got = widget.value()
    if isinstance(value, list):  # options come back in the questionnaire's order
        got, value = sorted(got or []), sorted(value)  # type: ignore[arg-type]
    assert got == value, f"{widget.item.id}: {got!r} != {value!r}"


def answer_page(qtbot: QtBot, window: MainWindow, answers: dict[str, AnswerValue]) -> int:
    """Every shown question on the page that the demo parent answered, in reading order
    (conditional ones appear as answers are given)."""
    assert window.host is not None
    page = window.host.wizard.currentPage()
    given = 0
    for _ in range(4):
        for widget in page.findChildren(AnswerInput):
            shown = widget.isVisibleTo(page) and widget.value() is None
            if shown and widget.item.id in answers:
                give(qtbot, widget, answers[widget.item.id])
                given += 1
    return given


@pytest.mark.slow
def test_the_demo_referral_by_keyboard_alone(qtbot: QtBot, isolated_home: Path) -> None:
    window = MainWindow(fast_context(isolated_home))
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    first_run(qtbot, window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.cases.ui.newButton.setFocus()
    press(qtbot, Qt.Key.Key_Space)
    assert window.host is not None
    wizard = window.host.wizard
    session = window.host.session
    wizard.currentPage().focusNextChild()

    # Scheme and situation.
    for name, data in (
        ("Scheme", "north-east-relationships-matter"),
        ("Parents together now?", True),
        ("Expecting a baby?", False),
        ("How the adults are related", "partners"),
    ):
        tab_until(qtbot, named(name), name)
        pick_in_combo(qtbot, data)
    assert session.case.scheme_id == "north-east-relationships-matter"
    assert next_page(qtbot, window) == "referrer"
    tab_until(qtbot, named("Referrer: Is your work with the family about to close?"), "closing")
    pick_in_combo(qtbot, False)
    assert next_page(qtbot, window) == "parents"
    for slot, name in PARENTS.items():
        tab_until(qtbot, named(f"{slot}: Name"), f"{slot}: Name")
        type_text(qtbot, name)
        tab_until(qtbot, named(f"{slot}: Role"), f"{slot}: Role")
        pick_in_combo(qtbot, "birth-parent")
        tab_until(qtbot, named(f"{slot}: Agrees to the referral"), "agrees")
        pick_in_combo(qtbot, True)
    tab_until(qtbot, named("Family address: Town"), "Town")
    type_text(qtbot, "Gateshead")
    tab_until(qtbot, named("Family address: Local authority"), "Local authority")
    pick_in_combo(qtbot, "Gateshead")
    assert session.case.address.local_authority == "Gateshead"
    assert session.case.parent_b.name == "Alex Carter"
    assert next_page(qtbot, window) == "children"
    page = wizard.currentPage()
    for n, child in enumerate(DEMO.children[:2], start=1):
        tab_until(qtbot, lambda w, p=page: w is p.add_button, "Add a child")
        press(qtbot, Qt.Key.Key_Space)
        assert len(session.case.children) == n, "Space on Add a child adds one"
        tab_until(qtbot, named(f"Child {n}: Name"), f"Child {n}: Name")
        type_text(qtbot, f"Child{n} Carter")
        assert child.date_of_birth is not None
        tab_until(qtbot, named(f"Child {n}: Date of birth: day"), "day of birth")
        type_text(qtbot, str(child.date_of_birth.day))
        press(qtbot, Qt.Key.Key_Tab)
        type_text(qtbot, str(child.date_of_birth.month))
        press(qtbot, Qt.Key.Key_Tab)
        type_text(qtbot, str(child.date_of_birth.year))
    tab_until(qtbot, named("Focus child"), "Focus child")
    pick_in_combo(qtbot, session.case.children[0].id)
    assert len(session.case.children) == 2 and session.case.children[1].date_of_birth
    assert next_page(qtbot, window) == "plan"

    # Each parent in turn.
    page = wizard.currentPage()
    choose_group = page.orders
    tab_until(qtbot, inside(choose_group), "the order")
    press(qtbot, Qt.Key.Key_Space)  # the first: each parent in turn
    assert session.case.visit_order is not None
    assert next_page(qtbot, window) == "handover-a"
    for slot, screening, rsq in (
        ("a", DEMO.screening_a, DEMO.rsq_a),
        ("b", DEMO.screening_b, DEMO.rsq_b),
    ):
        assert wizard.current_step().id == f"handover-{slot}"
        page = wizard.currentPage()
        tab_until(qtbot, lambda w, p=page: w is p.alone, "I am with them, alone")
        press(qtbot, Qt.Key.Key_Space)
        assert next_page(qtbot, window) == f"screening-{slot}"
        page = wizard.currentPage()
        for box in (page.alone, page.safe):
            tab_until(qtbot, lambda w, b=box: w is b, box.text())
            press(qtbot, Qt.Key.Key_Space)
        tab_until(qtbot, lambda w, p=page: w is p.contact, "safe contact")
        type_text(qtbot, "Text first")
        assert answer_page(qtbot, window, screening.answers) >= 5
        tab_until(qtbot, lambda w, p=page: w is p.done, "screening complete")
        press(qtbot, Qt.Key.Key_Space)
        assert session.case.screening(page.slot).completed
        step = next_page(qtbot, window)
        while step.startswith(f"rsq-{slot}"):
            answer_page(qtbot, window, rsq.answers)
            step = next_page(qtbot, window)
    assert step == "eligibility", step
    evaluation = session.evaluation()
    assert evaluation is not None and evaluation.bundle_allowed, evaluation.outcome

    # The agreement, typed and attested, then the review page.
    assert next_page(qtbot, window) == "agreement"
    from rpc_desktop.domain.case import Signer

    for signer in Signer:
        label = signer.label
        tab_until(qtbot, named(f"{label}: sign by typing the name"), f"{label}: type")
        press(qtbot, Qt.Key.Key_Space)
        tab_until(qtbot, named(f"{label}: full name, typed to sign"), f"{label}: name")
        type_text(qtbot, PARENTS.get(label, "Priya Tester"))
        tab_until(
            qtbot,
            lambda w, label=label: (
                isinstance(w, QCheckBox) and w.accessibleName().startswith(f"{label}: I confirm")
            ),
            f"{label}: attest",
        )
        press(qtbot, Qt.Key.Key_Space)
        tab_until(qtbot, named(f"{label}: sign with the typed name"), f"{label}: sign")
        press(qtbot, Qt.Key.Key_Space)
        signature = session.case.signature(signer)
        assert signature is not None and signature.typed
    assert next_page(qtbot, window) == "review"
    review = wizard.currentPage()
    assert review.build.isEnabled(), review.problems.text()
    tab_until(qtbot, lambda w: w is review.build, "Preview the bundle")
    assert isinstance(focused(), QAbstractButton)
