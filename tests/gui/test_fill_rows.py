"""The scale's layout keeps its cell size and heights only until something changes them."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from rpc_desktop.gui.widgets.fill_rows import TOUCH, FillRows


def test_a_longer_label_or_a_bigger_font_is_measured_again(qtbot: QtBot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    rows = FillRows()
    host.setLayout(rows)
    buttons = [QPushButton(str(n)) for n in range(11)]
    for button in buttons:
        rows.addWidget(button)
    one_row = rows.heightForWidth(2000)
    assert rows.heightForWidth(2000) == one_row, "asked again: the same"
    assert rows.heightForWidth(TOUCH * 6) > one_row, "narrow: two rows"
    narrow_cell = rows.minimumSize().width()
    buttons[3].setText("a much longer label than a number")
    assert rows.minimumSize().width() > narrow_cell, "the new label is measured"
    before = rows.heightForWidth(2000)
    big = QFont(host.font())
    big.setPointSizeF(big.pointSizeF() * 3)
    host.setFont(big)
    assert rows.heightForWidth(2000) > before, "the bigger font is measured"
    rows.takeAt(0)
    assert rows.count() == 10
