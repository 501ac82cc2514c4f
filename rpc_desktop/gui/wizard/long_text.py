"""A detail written in a few sentences (the reason for referral): a plain multi-line box, saved
as typed like a line, and left with Tab (Tab never types a tab character into it)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QPlainTextEdit

from rpc_desktop.domain.editing import Detail, read
from rpc_desktop.gui.session import CaseSession
from rpc_desktop.gui.widgets.fill_rows import TOUCH

LINES = 5
"""Lines the box shows before it scrolls."""


class LongText(QObject):
    def __init__(
        self, session_of: Callable[[], CaseSession], edit: QPlainTextEdit, name: str, detail: Detail
    ) -> None:
        super().__init__(edit)
        self._session = session_of
        self.edit = edit
        self.detail = detail
        self._loading = False
        edit.setAccessibleName(name)
        edit.setProperty("role", "detail")
        edit.setTabChangesFocus(True)
        frame = 2 * (edit.frameWidth() + int(edit.document().documentMargin()))
        edit.setFixedHeight(max(TOUCH, edit.fontMetrics().lineSpacing() * LINES + frame))
        edit.textChanged.connect(self._typed)
        edit.installEventFilter(self)

    def refresh(self) -> None:
        held = str(read(self._session().case, self.detail) or "")
        if self.edit.toPlainText() != held:
            self._loading = True
            try:
                self.edit.setPlainText(held)
            finally:
                self._loading = False

    def _typed(self) -> None:
        if self._loading:
            return
        if not self._session().update(self.detail, self.edit.toPlainText(), now=False):
            self.refresh()  # refused (the session said why): show what the case holds

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self._session().flush()
        return False
