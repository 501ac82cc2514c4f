"""'Prefer not to say' beside every required question: one of the options of a choice (the
same Tab stop), a toggle beside a required scale, date or text; it stands alone."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from rpc_desktop.domain.questionnaire import DECLINED, DECLINED_LABEL
from rpc_desktop.gui.wizard.choices import ChoiceButton
from tests.gui.test_answer_inputs import rsq, shown


def test_a_required_choice_offers_it_as_its_last_option(qtbot: QtBot) -> None:
    widget = shown(qtbot, rsq("conflict-frequency"))
    assert widget.choices is not None
    last = widget.choices.buttons[-1]
    assert last.text() == DECLINED_LABEL and last.accessibleName() == DECLINED_LABEL
    seen: list[object] = []
    widget.changed.connect(seen.append)
    last.click()
    assert widget.value() == DECLINED and seen == [DECLINED]
    widget.choices.buttons[0].click()
    assert widget.value() != DECLINED and not last.isChecked()


def test_an_optional_question_does_not_offer_it(qtbot: QtBot) -> None:
    widget = shown(qtbot, rsq("conflict-topics"))
    assert widget.choices is not None
    assert DECLINED_LABEL not in [b.text() for b in widget.choices.buttons]


def test_in_a_several_answer_question_it_stands_alone(qtbot: QtBot) -> None:
    item = rsq("conflict-topics").model_copy(update={"required": True})
    widget = shown(qtbot, item)
    assert widget.choices is not None
    first, second, declined = (*widget.choices.buttons[:2], widget.choices.buttons[-1])
    assert isinstance(declined, ChoiceButton) and declined.text() == DECLINED_LABEL
    seen: list[object] = []
    widget.changed.connect(seen.append)
    first.click()
    second.click()
    declined.click()
    assert widget.value() == DECLINED and not first.isChecked() and not second.isChecked()
    first.click()
    assert not declined.isChecked() and widget.value() == [first.property("answer")]
    assert seen[-2:] == [DECLINED, [first.property("answer")]]
    widget.set_value(DECLINED)
    assert declined.isChecked() and not first.isChecked()


def test_beside_a_required_scale_it_is_a_toggle_that_takes_the_place_of_a_number(
    qtbot: QtBot,
) -> None:
    widget = shown(qtbot, rsq("conflict-intensity"))
    assert widget.choices is not None
    toggle = widget._decline
    assert toggle is not None
    assert toggle.text() == DECLINED_LABEL and "heated" in toggle.accessibleName()
    assert DECLINED_LABEL not in [b.text() for b in widget.choices.buttons]
    widget.choices.buttons[7].click()
    assert widget.value() == 7
    toggle.click()
    assert widget.value() == DECLINED and not widget.choices.checked()
    widget.choices.buttons[3].click()
    assert widget.value() == 3 and not toggle.isChecked()
    toggle.click()
    widget.set_value(None)
    widget.set_value(DECLINED)
    assert toggle.isChecked() and widget.value() == DECLINED


def test_a_required_text_is_declined_by_keyboard(qtbot: QtBot) -> None:
    item = rsq("hopes-different").model_copy(update={"required": True})
    widget = shown(qtbot, item)
    toggle = widget._decline
    assert toggle is not None and toggle.focusPolicy() & Qt.FocusPolicy.TabFocus
    text = widget._text
    assert text is not None
    qtbot.keyClicks(text, "Fewer rows")
    assert widget.value() == "Fewer rows"
    toggle.setFocus()
    qtbot.keyClick(toggle, Qt.Key.Key_Space)
    assert widget.value() == DECLINED and text.toPlainText() == ""
    qtbot.keyClicks(text, "Calm")
    assert widget.value() == "Calm" and not toggle.isChecked()
