"""Driving the wizard the way a practitioner does: by accessible name, click and type."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QAccessible, QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from rpc_desktop.domain.case import AnswerValue
from rpc_desktop.gui.wizard.dates import MONTHS, DateEntry
from rpc_desktop.gui.wizard.items import AnswerInput


def named(root: QWidget, kind: type, name: str) -> QWidget:
    found = [w for w in root.findChildren(kind) if w.accessibleName() == name]
    assert len(found) == 1, f"{len(found)} {kind.__name__} named {name!r}"
    return found[0]


def nameless_stops(root: QWidget) -> list[str]:
    """What `make a11y` reports as unnamed: a widget shown that takes the focus but gives a
    screen reader no name (its own, its text, or that of a label it is the buddy of)."""
    buddies = {id(label.buddy()) for label in root.findChildren(QLabel) if label.buddy()}
    found = []
    for widget in root.findChildren(QWidget):
        if (
            widget.focusPolicy() == Qt.FocusPolicy.NoFocus
            or widget.isWindow()
            or not widget.isVisibleTo(root)
            or id(widget) in buddies
            or widget.objectName() == "qt_spinbox_lineedit"  # not in the tree: its box is
        ):
            continue
        accessible = QAccessible.queryAccessibleInterface(widget)
        if accessible is not None and not accessible.text(QAccessible.Text.Name).strip():
            found.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return found


def labels_hiding_text(root: QWidget) -> list[str]:
    """Labels of words given a name of their own: a screen reader then reads the name, never
    the words (a picture-only label needs its name, and is not listed)."""
    return [
        f"{label.objectName() or 'label'} named {label.accessibleName()!r}"
        for label in root.findChildren(QLabel)
        if label.accessibleName() and label.pixmap().isNull()
    ]


def type_into(qtbot: QtBot, root: QWidget, name: str, text: str) -> None:
    edit = named(root, QLineEdit, name)
    assert isinstance(edit, QLineEdit)
    edit.setFocus()
    edit.selectAll()
    if text.isascii():
        qtbot.keyClicks(edit, text)
    else:
        # QTest cannot type letters outside Latin-1 offscreen: paste them as an IME would.
        edit.setText(text)
        edit.textEdited.emit(text)
    edit.editingFinished.emit()


def choose(root: QWidget, name: str, data: object) -> None:
    combo = named(root, QComboBox, name)
    assert isinstance(combo, QComboBox)
    index = combo.findData(data)
    assert index >= 0, f"{name}: no option {data!r}"
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def tick(root: QWidget, name: str, on: bool = True) -> None:
    box = named(root, QCheckBox, name)
    assert isinstance(box, QCheckBox)
    if box.isChecked() != on:
        box.click()


def type_date(qtbot: QtBot, entry: DateEntry, day: date) -> None:
    """Type the day, pick the month by typing its name, type the year, as a person does."""
    entry.day.setFocus()
    entry.day.selectAll()
    qtbot.keyClicks(entry.day, str(day.day))
    entry.month.setFocus()
    qtbot.keyClicks(entry.month, MONTHS[day.month - 1])
    entry.year.setFocus()
    entry.year.selectAll()
    qtbot.keyClicks(entry.year, str(day.year))


def set_day(root: QWidget, name: str, day: date, qtbot: QtBot | None = None) -> None:
    entry = named(root, DateEntry, name)
    assert isinstance(entry, DateEntry)
    if qtbot is not None:
        type_date(qtbot, entry, day)
    else:
        entry.day.setText(str(day.day))
        entry.month.setCurrentIndex(day.month)
        entry.year.setText(str(day.year))
    assert entry.value() == day, entry.problem()


def option(widget: AnswerInput, value: AnswerValue) -> QWidget:
    """The button that gives this answer."""
    assert widget.choices is not None, f"{widget.item.id} has no options"
    return next(b for b in widget.choices.buttons if b.property("answer") == value)


def answer(widget: AnswerInput, value: AnswerValue) -> None:
    """Tap the option buttons a person would, or type the date or the text."""
    if widget._buttons is not None:
        button = option(widget, value)
        assert isinstance(button, QPushButton)
        button.click()
    elif widget._checks:
        for box in widget._checks:
            if (box.property("answer") in value) != box.isChecked():  # type: ignore[operator]
                box.click()
    elif widget._date is not None:
        set_day(widget, widget._date.accessibleName(), date.fromisoformat(str(value)))
    elif widget._text is not None:
        widget._text.setFocus()
        widget._text.setPlainText(str(value))


def visible_inputs(page: QWidget) -> list[AnswerInput]:
    return [w for w in page.findChildren(AnswerInput) if w.isVisibleTo(page)]


def draw(pad: QWidget, points: list[tuple[int, int]]) -> None:
    """A stroke made of real mouse events."""
    QTest.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(*points[0]))
    for x, y in points[1:]:
        pos = QPointF(x, y)
        event = QMouseEvent(
            QMouseEvent.Type.MouseMove,
            pos,
            pad.mapToGlobal(pos),
            Qt.MouseButton.NoButton,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(pad, event)
    QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(*points[-1]))


def answer_in_turn(*buttons: str) -> list[str]:
    """Click, in each message box that comes up in turn, the button whose words start with
    the next of `buttons` (mnemonic ampersands ignored), as the user would. Returns each
    box's text, for the test to read."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    seen: list[str] = []
    done: list[QMessageBox] = []
    wanted = list(buttons)

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or any(box is d for d in done):
            QTimer.singleShot(20, click)
            return
        seen.append(box.text())
        done.append(box)
        want = wanted.pop(0)
        for button in box.buttons():
            if button.text().replace("&", "").startswith(want):
                button.click()
                break
        else:
            names = [b.text() for b in box.buttons()]
            raise AssertionError(f"no button {want!r} in {names}")
        if wanted:
            QTimer.singleShot(20, click)

    QTimer.singleShot(0, click)
    return seen
