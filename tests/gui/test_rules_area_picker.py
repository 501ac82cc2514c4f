"""The family's local authority is picked from the scheme's areas, or typed as somewhere else
(the area criterion then says the family lives outside them); a case file holding a written
variant ("Co. Durham") shows the listed area it matches."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from rpc_desktop.domain.case import Case
from rpc_desktop.domain.eligibility import Status
from rpc_desktop.gui.main_window import MainWindow
from rpc_desktop.gui.wizard.area_picker import ELSEWHERE, AreaPicker
from tests.gui.drive import named
from tests.gui.test_display import open_demo
from tests.helpers import demo_case, varied

COMBO = "Family address: Local authority"
OTHER = "Family address: Local authority, somewhere else"


def parents_page(qtbot: QtBot, home: Path, case: Case | None = None) -> MainWindow:
    """A case (the demo family's unless given) open in the wizard at the parents' page."""
    return open_demo(qtbot, home, (1280, 800), page="parents", case=case)


def picker(window: MainWindow) -> AreaPicker:
    assert window.host is not None
    found = window.host.wizard.currentPage().area
    assert isinstance(found, AreaPicker)
    return found


def area_criterion(window: MainWindow) -> tuple[Status, str]:
    assert window.host is not None
    evaluation = window.host.session.evaluation()
    assert evaluation is not None
    found = evaluation.criterion("area")
    return found.status, found.reason


def test_the_list_is_the_schemes_areas_and_somewhere_else(
    qtbot: QtBot, isolated_home: Path
) -> None:
    window = parents_page(qtbot, isolated_home)
    area = picker(window)
    assert window.host is not None and window.host.session.scheme is not None
    items = [area.combo.itemText(i) for i in range(area.combo.count())]
    assert items == ["—", *sorted(window.host.session.scheme.areas), ELSEWHERE]
    assert area.combo.currentText() == "Gateshead"
    assert not area.other.isVisibleTo(window), "typed only for somewhere else"
    # Labelled for a screen reader, and the row's label is the drop-down's buddy.
    page = window.host.wizard.currentPage()
    assert named(page, QComboBox, COMBO) is area.combo
    label = area.form.labelForField(area.combo)
    assert isinstance(label, QLabel) and label.buddy() is area.combo
    assert label.text() == "Local authority"
    other_label = area.form.labelForField(area.other)
    assert isinstance(other_label, QLabel) and other_label.buddy() is area.other


def test_an_area_is_picked_by_keyboard_and_saved(qtbot: QtBot, isolated_home: Path) -> None:
    window = parents_page(qtbot, isolated_home)
    area = picker(window)
    area.combo.setFocus()
    qtbot.waitUntil(area.combo.hasFocus)
    qtbot.keyClicks(area.combo, "Sunderland")  # typing a name jumps to it, as in any list
    assert area.combo.currentText() == "Sunderland"
    assert window.host is not None
    assert window.host.session.case.address.local_authority == "Sunderland"
    assert area_criterion(window) == (Status.MET, "The family lives in Sunderland.")
    qtbot.keyClick(area.combo, Qt.Key.Key_Up)
    assert window.host.session.case.address.local_authority == "Stockton-on-Tees"


def test_somewhere_else_is_typed_and_is_outside(qtbot: QtBot, isolated_home: Path) -> None:
    window = parents_page(qtbot, isolated_home)
    area = picker(window)
    assert window.host is not None
    area.combo.setFocus()
    qtbot.keyClick(area.combo, Qt.Key.Key_End)  # the last option
    assert area.combo.currentText() == ELSEWHERE
    assert area.other.isVisibleTo(window)
    assert window.host.session.case.address.local_authority == ""
    assert area_criterion(window)[0] is Status.UNKNOWN
    qtbot.keyClick(area.combo, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is area.other, "Tab goes on to the name to type"
    other = named(window.host.wizard.currentPage(), QLineEdit, OTHER)
    qtbot.keyClicks(other, "Leeds")
    other.editingFinished.emit()
    assert window.host.session.case.address.local_authority == "Leeds"
    status, reason = area_criterion(window)
    assert status is Status.NOT_MET and reason.startswith("Leeds is outside the areas")
    assert "serves only the areas listed" in area.hint.text()
    assert area.other.accessibleDescription() == area.hint.text()
    area.other.clear()
    qtbot.keyClicks(area.other, "Co. Durham")
    assert area.hint.text() == "That is in Durham, one of the areas listed above: pick it there."
    # Back on the page: the written form is shown as the listed area it matches.
    window.host.wizard.currentPage().refresh()
    assert area.combo.currentText() == "Durham" and not area.other.isVisibleTo(window)
    area.combo.setFocus()
    qtbot.keyClick(area.combo, Qt.Key.Key_Home)
    assert window.host.session.case.address.local_authority == ""


def test_a_written_variant_in_a_case_file_shows_the_listed_area(
    qtbot: QtBot, isolated_home: Path
) -> None:
    case = varied(demo_case(), **{"address.local_authority": "Redcar & Cleveland Borough Council"})
    window = parents_page(qtbot, isolated_home, case)
    area = picker(window)
    assert area.combo.currentText() == "Redcar and Cleveland"
    assert not area.other.isVisibleTo(window)
    assert window.host is not None
    # Showing it changes nothing: the case keeps the words until another area is picked.
    assert window.host.session.case.address.local_authority == "Redcar & Cleveland Borough Council"
    assert area_criterion(window)[0] is Status.MET


def test_a_place_outside_in_a_case_file_shows_as_somewhere_else(
    qtbot: QtBot, isolated_home: Path
) -> None:
    case = varied(demo_case(), **{"address.local_authority": "Newcastle-under-Lyme"})
    window = parents_page(qtbot, isolated_home, case)
    area = picker(window)
    assert area.combo.currentText() == ELSEWHERE
    assert area.other.isVisibleTo(window) and area.other.text() == "Newcastle-under-Lyme"
    area.other.setFocus()
    box = area.combo.parentWidget()  # the family address group
    assert box is not None
    box.grab().save(str(isolated_home.parent / "area.png"))  # to look at, when it changes
