"""The questionnaire inputs, as a keyboard, a finger and a screen reader meet them.

Values set the way an assistive tool sets them (setChecked, toggle, setText: no click, no
key) must be reported and saved; values the code shows must not be.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from rpc_desktop.domain.case import ParentSlot
from rpc_desktop.domain.questionnaire import Item, ItemType
from rpc_desktop.gui.main_window import MainWindow
from rpc_desktop.gui.widgets.fill_rows import TOUCH
from rpc_desktop.gui.wizard.choices import ChoiceButton
from rpc_desktop.gui.wizard.dates import PARTIAL, DateEntry
from rpc_desktop.gui.wizard.items import REQUIRED_TIP, AnswerInput, required_legend
from tests.gui.drive import named, option, set_day, type_date
from tests.gui.test_app import first_run
from tests.helpers import fast_context, packs

GUIDANCE = "Why we ask: it matters. How to ask: plainly."


def rsq(item_id: str) -> Item:
    questionnaire = packs().rsq
    assert questionnaire is not None
    item = questionnaire.item(item_id)
    assert item is not None, item_id
    return item


def screening_item() -> Item:
    """A yes/no screening question longer than the 80 characters its name was cut to."""
    screening = packs().screening
    assert screening is not None
    return next(i for i in screening.items if i.type is ItemType.YESNO and len(i.text) > 80)


def required(item: Item) -> Item:
    return item.model_copy(update={"required": True})


def long_single() -> Item:
    questionnaire = packs().rsq
    assert questionnaire is not None
    return next(
        i for i in questionnaire.items() if i.type is ItemType.SINGLE and len(i.options) > 3
    )


def of_type(kind: ItemType) -> Item:
    questionnaire = packs().rsq
    assert questionnaire is not None
    return next(i for i in questionnaire.items() if i.type is kind)


def shown(qtbot: QtBot, item: Item, *, width: int = 560, points: int = 12) -> AnswerInput:
    widget = AnswerInput(item, item.text)
    font = QFont(widget.font())
    font.setPointSize(points)
    widget.setFont(font)
    qtbot.addWidget(widget)
    widget.show()
    widget.resize(width, max(widget.heightForWidth(width), widget.minimumSizeHint().height()))
    qtbot.waitExposed(widget)
    return widget


def between(qtbot: QtBot, item: Item) -> tuple[QWidget, QLineEdit, AnswerInput, QLineEdit]:
    """The input between two text fields, in an active window, for driving by keys."""
    host = QWidget()
    layout = QVBoxLayout(host)
    before, after = QLineEdit(), QLineEdit()
    answer = AnswerInput(item, item.text)
    for widget in (before, answer, after):
        layout.addWidget(widget)
    qtbot.addWidget(host)
    host.show()
    host.activateWindow()
    qtbot.waitUntil(host.isActiveWindow)
    before.setFocus()
    qtbot.waitUntil(before.hasFocus)
    return host, before, answer, after


# --- values set by assistive tools are reported; values the code shows are not ----------


def test_a_choice_checked_without_a_click_is_reported(qtbot: QtBot) -> None:
    widget = shown(qtbot, screening_item())
    yes = option(widget, "yes")
    with qtbot.waitSignal(widget.changed) as told:
        yes.setChecked(True)  # what an assistive tool's "press"/"check" action does
    assert told.args == ["yes"]
    no = option(widget, "no")
    seen: list[object] = []
    widget.changed.connect(seen.append)
    no.toggle()
    assert seen == ["no"], "moving an exclusive choice is one change"


def test_toggles_text_and_dates_set_without_keys_are_reported(qtbot: QtBot) -> None:
    multi = shown(qtbot, of_type(ItemType.MULTI))
    first = multi.item.options[0].value
    with qtbot.waitSignal(multi.changed) as told:
        option(multi, first).toggle()
    assert told.args == [[first]]
    text = shown(qtbot, of_type(ItemType.TEXT))
    assert text._text is not None
    with qtbot.waitSignal(text.changed) as told:
        text._text.setPlainText("Said by a dictation tool")
    assert told.args == ["Said by a dictation tool"]
    when = shown(qtbot, of_type(ItemType.DATE))
    assert when._date is not None
    seen: list[object] = []
    when.changed.connect(seen.append)
    when._date.day.setText("9")
    when._date.month.setCurrentIndex(3)
    when._date.year.setText("2021")
    assert seen == ["2021-03-09"], "one change, when the date is whole"


def test_set_value_and_a_silent_clear_report_nothing(qtbot: QtBot) -> None:
    for item, value in (
        (screening_item(), "no"),
        (rsq("conflict-intensity"), 7),
        (of_type(ItemType.MULTI), [of_type(ItemType.MULTI).options[1].value]),
        (of_type(ItemType.TEXT), "typed before"),
        (of_type(ItemType.DATE), "2020-02-29"),
    ):
        widget = shown(qtbot, item)
        with qtbot.assertNotEmitted(widget.changed):
            widget.set_value(value)
            widget.clear(silent=True)
            widget.set_value(value)
        assert widget.value() == value
        assert widget.clear_button.isVisible(), "there is an answer to clear"


def test_an_answer_set_by_an_assistive_tool_is_saved(qtbot: QtBot, isolated_home: Path) -> None:
    window = MainWindow(fast_context(isolated_home))
    qtbot.addWidget(window)
    window.show()
    first_run(qtbot, window)
    window.new_case()
    assert window.host is not None
    wizard = window.host.wizard
    wizard.next()
    wizard.next()
    name = named(wizard.currentPage(), QLineEdit, "Parent A: Name")
    assert isinstance(name, QLineEdit)
    name.setText("Robin Example")  # no textEdited: set through the accessibility interface
    assert window.host.session.case.parent_a.name == "Robin Example"
    window.host.session.hand_over(ParentSlot.A)  # as the handover page does
    wizard.setStartId(wizard._ids["screening-a"])
    wizard.restart()
    page = wizard.currentPage()
    page.alone.setChecked(True)
    page.safe.setChecked(True)
    widget = next(w for w in page.findChildren(AnswerInput) if w.isVisibleTo(page))
    option(widget, "no").setChecked(True)
    screening = window.host.session.case.screening(ParentSlot.A)
    assert screening is not None and screening.answers.get(widget.item.id) == "no"


# --- keyboard: one Tab stop per group, arrows move, Space picks, Delete clears -----------


def test_a_group_is_one_tab_stop_that_arrows_move_within(qtbot: QtBot) -> None:
    _host, before, widget, after = between(qtbot, screening_item())
    yes, no = option(widget, "yes"), option(widget, "no")
    qtbot.keyClick(before, Qt.Key.Key_Tab)
    assert yes.hasFocus(), "Tab enters at the first option when none is picked"
    qtbot.keyClick(yes, Qt.Key.Key_Right)
    assert no.hasFocus() and widget.value() is None, "arrows move, they do not pick"
    with qtbot.waitSignal(widget.changed) as told:
        qtbot.keyClick(no, Qt.Key.Key_Space)
    assert told.args == ["no"]
    qtbot.keyClick(no, Qt.Key.Key_Tab)
    assert after.hasFocus(), "one Tab leaves the group"
    qtbot.keyClick(after, Qt.Key.Key_Backtab)
    assert no.hasFocus(), "coming back, Tab lands on the picked option"
    qtbot.keyClick(no, Qt.Key.Key_Left)
    assert yes.hasFocus()
    qtbot.keyClick(yes, Qt.Key.Key_Backtab)
    assert before.hasFocus(), "Shift+Tab leaves from any option, not to the picked one"
    qtbot.keyClick(before, Qt.Key.Key_Tab)
    qtbot.keyClick(no, Qt.Key.Key_Left)
    qtbot.keyClick(yes, Qt.Key.Key_Return)
    assert widget.value() == "yes", "Enter picks too"


def test_delete_clears_a_choice_and_the_shortcut_clears_any_answer(qtbot: QtBot) -> None:
    _host, before, widget, _after = between(qtbot, rsq("conflict-intensity"))
    widget.set_value(7)
    seven = option(widget, 7)
    qtbot.keyClick(before, Qt.Key.Key_Tab)
    assert seven.hasFocus()
    with qtbot.waitSignal(widget.changed) as told:
        qtbot.keyClick(seven, Qt.Key.Key_Delete)
    assert told.args == [None] and widget.value() is None
    assert not widget.clear_button.isVisible(), "nothing left to clear"
    assert option(widget, 0).focusPolicy() & Qt.FocusPolicy.TabFocus
    assert any(a.text() == "Clear answer" for a in seven.actions()), "in the context menu"
    _host2, before2, text, _after2 = between(qtbot, of_type(ItemType.TEXT))
    assert text._text is not None
    qtbot.keyClick(before2, Qt.Key.Key_Tab)
    qtbot.keyClicks(text._text, "words")
    assert text.clear_button.isVisible()
    with qtbot.waitSignal(text.changed) as told:
        qtbot.keyClick(
            text._text,
            Qt.Key.Key_Backspace,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    assert told.args == [None] and text._text.toPlainText() == ""


def test_the_clear_action_is_no_tab_stop_and_says_what_it_clears(qtbot: QtBot) -> None:
    widget = shown(qtbot, screening_item())
    assert not widget.clear_button.isVisible(), "shown only when there is an answer"
    option(widget, "yes").click()
    assert widget.clear_button.isVisible()
    assert widget.clear_button.focusPolicy() == Qt.FocusPolicy.NoFocus
    assert widget.clear_button.accessibleName() == f"Clear answer: {widget.item.text}"
    widget.clear_button.click()
    assert widget.value() is None


# --- what a screen reader reads ---------------------------------------------------------


def test_the_group_is_named_by_the_whole_question_and_options_by_their_labels(
    qtbot: QtBot,
) -> None:
    item = required(screening_item())
    widget = shown(qtbot, item)
    widget.set_guidance(GUIDANCE)
    assert widget.accessibleName() == f"{item.text}, required"
    assert [b.accessibleName() for b in widget.inputs()] == ["Yes", "No"]
    assert widget.accessibleDescription() == GUIDANCE
    assert all(b.accessibleDescription() == GUIDANCE for b in widget.inputs())
    assert widget.required_mark is not None
    assert widget.required_mark.toolTip() == REQUIRED_TIP
    assert required_legend().text() == f"* {REQUIRED_TIP}"
    widget.set_question("Has Sam ever made you feel afraid? " + "x" * 90)
    assert widget.accessibleName().endswith("x" * 90 + ", required"), "never cut"
    optional = shown(qtbot, long_single().model_copy(update={"required": False}))
    assert optional.accessibleName() == optional.item.text
    assert optional.required_mark is None
    assert [b.accessibleName() for b in optional.inputs()] == [
        o.label for o in optional.item.options
    ]
    scale = shown(qtbot, rsq("conflict-intensity"))
    names = [b.accessibleName() for b in scale.inputs()]
    assert names[0] == "0, Calm" and names[5] == "5" and names[-1] == "10, Very heated"
    assert [b.text() for b in scale.inputs()] == [str(n) for n in range(11)]
    date_input = shown(qtbot, of_type(ItemType.DATE))
    date_input.set_guidance(GUIDANCE)
    assert date_input._date is not None
    assert date_input._date.day.accessibleName() == f"{date_input.accessibleName()}: day"
    assert date_input._date.year.accessibleDescription() == GUIDANCE


# --- sizes for a finger -------------------------------------------------------------------


@pytest.mark.parametrize(
    "item",
    [screening_item(), rsq("conflict-intensity"), long_single(), of_type(ItemType.MULTI)],
    ids=["yes-no", "scale", "single", "multi"],
)
def test_every_option_is_at_least_44_px_at_12_pt(qtbot: QtBot, item: Item) -> None:
    widget = shown(qtbot, item)
    buttons = [b for b in widget.inputs() if isinstance(b, ChoiceButton)]
    assert buttons
    for button in buttons:
        assert button.height() >= TOUCH and button.width() >= TOUCH, button.text()
        assert button.font().pointSize() == 12


def test_a_0_to_10_scale_is_one_row_in_560_px_and_two_when_narrower(qtbot: QtBot) -> None:
    widget = shown(qtbot, rsq("conflict-intensity"), width=560)
    buttons = widget.inputs()
    assert len({b.y() for b in buttons}) == 1, "one row"
    assert max(b.geometry().right() for b in buttons) < 560
    widget.resize(300, widget.heightForWidth(300))
    QApplication.processEvents()
    assert len({b.y() for b in buttons}) == 2, "two rows"
    assert all(b.width() >= TOUCH for b in buttons)


# --- dates: typed, no arrows, no "Answered" box, and told when they are not dates -------


def test_a_date_is_typed_and_its_month_picked_by_name_or_number(qtbot: QtBot) -> None:
    host = QWidget()
    layout = QVBoxLayout(host)
    entry = DateEntry("Started on")
    layout.addWidget(entry)
    qtbot.addWidget(host)
    host.show()
    host.activateWindow()
    qtbot.waitUntil(host.isActiveWindow)
    seen: list[object] = []
    entry.changed.connect(seen.append)
    type_date(qtbot, entry, date(2019, 11, 5))
    assert entry.value() == date(2019, 11, 5) and seen == [date(2019, 11, 5)]
    entry.month.setFocus()
    qtbot.keyClicks(entry.month, "03")
    assert entry.value() == date(2019, 3, 5)
    qtbot.keyClicks(entry.month, "12")
    assert entry.value() == date(2019, 12, 5)
    for field in (entry.day, entry.year):
        assert isinstance(field, QLineEdit), "no spin arrows"
    entry.day.clear()
    entry.month.setCurrentIndex(0)
    entry.year.clear()
    assert entry.value() is None and seen[-1] is None, "empty means not given"


def test_a_date_that_cannot_be_says_why(qtbot: QtBot) -> None:
    host = QWidget()
    layout = QVBoxLayout(host)
    entry, other = DateEntry("Agreed on"), QLineEdit()
    layout.addWidget(entry)
    layout.addWidget(other)
    qtbot.addWidget(host)
    host.show()
    host.activateWindow()
    qtbot.waitUntil(host.isActiveWindow)
    entry.day.setFocus()
    qtbot.keyClicks(entry.day, "31")
    assert not entry.message.isVisible(), "no nagging while typing"
    qtbot.keyClick(entry.day, Qt.Key.Key_Tab)
    qtbot.keyClicks(entry.month, "February")
    qtbot.keyClick(entry.month, Qt.Key.Key_Tab)
    qtbot.keyClicks(entry.year, "2023")
    assert entry.value() is None
    assert entry.message.isVisible() and entry.message.text() == "February 2023 has no day 31."
    assert "no day 31" in entry.day.accessibleDescription()
    entry.year.clear()
    qtbot.keyClicks(entry.year, "20")
    other.setFocus()
    qtbot.waitUntil(other.hasFocus)
    assert entry.message.text() == "Write the year in full, for example 1985."
    entry.year.clear()
    entry.year.setFocus()
    other.setFocus()
    qtbot.waitUntil(other.hasFocus)
    assert entry.message.text() == PARTIAL and entry.message.isVisible()


def test_a_childs_date_of_birth_is_typed_and_saved(qtbot: QtBot, isolated_home: Path) -> None:
    window = MainWindow(fast_context(isolated_home))
    qtbot.addWidget(window)
    window.show()
    first_run(qtbot, window)
    window.new_case()
    assert window.host is not None
    wizard = window.host.wizard
    wizard.setStartId(wizard._ids["children"])
    wizard.restart()
    page = wizard.currentPage()
    page.add_button.click()
    set_day(page, "Child 1: Date of birth", date(2018, 6, 1), qtbot)
    assert window.host.session.case.children[0].date_of_birth == date(2018, 6, 1)


def test_each_date_field_has_a_caption_it_is_the_buddy_of(qtbot: QtBot) -> None:
    """On Linux a screen reader names a combo box by its current text unless a label is
    linked to it: day, month and year each have one."""
    from rpc_desktop.gui.wizard.dates import DateEntry

    entry = DateEntry("Child 1: Date of birth")
    qtbot.addWidget(entry)
    from PySide6.QtWidgets import QLabel

    buddies = {label.buddy(): label.text() for label in entry.findChildren(QLabel) if label.buddy()}
    assert buddies == {entry.day: "Day", entry.month: "Month", entry.year: "Year"}
