"""A word-wrapped label that remembers its height for each width.

QLabel lays its whole text out again (shaping every word) each time a layout asks its height
for a width, and a page turn asks a page of questions' labels hundreds of times: the scroll
area tries two widths, and nested box layouts keep only the last one. The answer depends
only on the text, the font, the style and the margins, so it is kept until one of them
changes."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel

from rpc_desktop.gui.widgets.toggle import RESIZING

KEPT_WIDTHS = 8
"""Widths remembered at once; the window seldom asks for more than three."""


class WrapLabel(QLabel):
    """Word-wrapped; heightForWidth is remembered per width."""

    def __init__(self, text: str = "") -> None:
        super().__init__(text)
        self.setWordWrap(True)
        self._heights: dict[int, int] = {}

    def _forget(self) -> None:
        self._heights.clear()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in RESIZING:
            self._forget()
        super().changeEvent(event)

    def setText(self, text: str) -> None:
        if text != self.text():  # the same words again (a page filled again) keep their sizes
            self._forget()
            super().setText(text)

    def setWordWrap(self, on: bool) -> None:
        self._heights = {}
        super().setWordWrap(on)

    def setTextFormat(self, text_format: Qt.TextFormat) -> None:
        self._forget()
        super().setTextFormat(text_format)

    def setIndent(self, indent: int) -> None:
        self._forget()
        super().setIndent(indent)

    def setMargin(self, margin: int) -> None:
        self._forget()
        super().setMargin(margin)

    def setContentsMargins(self, *margins) -> None:  # type: ignore[no-untyped-def]
        self._forget()
        super().setContentsMargins(*margins)

    def heightForWidth(self, width: int) -> int:
        heights = self._heights
        height = heights.get(width)
        if height is None:
            if len(heights) >= KEPT_WIDTHS:
                heights.clear()
            height = heights[width] = super().heightForWidth(width)
        return height
