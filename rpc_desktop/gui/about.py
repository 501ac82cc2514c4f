"""The About box (issue 15): the same facts as `rpc-desktop diagnostics` (app/diagnostics.py),
to read, copy for IT, or save as the file support asks for. No personal data is in them.

The facts are gathered in a worker: with the store open it is checked in full (seconds for
a big store). Locked, what needs the store says "locked: not checked".
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, Qt, qVersion
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rpc_desktop import APP_NAME, __version__
from rpc_desktop.app import diagnostics
from rpc_desktop.app.logs import log_handled
from rpc_desktop.errors import RpcError
from rpc_desktop.gui.workers import Job, start

if TYPE_CHECKING:
    from rpc_desktop.app.context import AppContext
    from rpc_desktop.app.workspace import Workspace

log = logging.getLogger(__name__)

GATHERING = "Gathering the facts…"
_jobs: list[Job] = []
"""Kept until their last signal has arrived (gui/workers.py), even if the box has gone."""


class AboutDialog(QDialog):
    def __init__(
        self, parent: QWidget | None, context: AppContext, workspace: Workspace | None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(f"About {APP_NAME}")
        self.context = context
        self.workspace = workspace
        self.text = ""
        """The facts as they are copied and saved ("" until gathered)."""
        self.saved: Path | None = None

        title = QLabel(f"<b>{APP_NAME}</b> {__version__}")
        title.setTextFormat(Qt.TextFormat.RichText)
        blurb = QLabel(
            "Offline referrals for Reducing Parental Conflict schemes. What IT or support "
            "asks for is below: versions, settings and where each came from, the packs, the "
            "store's health and the log's last lines. It holds no family's details."
        )
        blurb.setWordWrap(True)
        self.facts = QPlainTextEdit()
        self.facts.setObjectName("aboutFacts")
        self.facts.setReadOnly(True)
        self.facts.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.facts.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.facts.setPlainText(GATHERING)
        self.facts.setAccessibleName("Diagnostics")
        self.status = QLabel()
        self.status.setObjectName("aboutStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Shown once it says something: selectable, it takes the focus from a click, and
        # empty it would be a control with no name for a screen reader.
        self.status.hide()
        self.copy = QPushButton("&Copy diagnostics")
        self.copy.clicked.connect(self.copy_text)
        self.save = QPushButton("&Save diagnostics…")
        self.save.clicked.connect(self.save_text)
        close = QPushButton("Close")
        close.clicked.connect(self.accept)
        close.setDefault(True)
        for button in (self.copy, self.save):
            button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy)
        buttons.addWidget(self.save)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(blurb)
        layout.addWidget(self.facts, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.resize(760, 560)
        self.gather()

    def gather(self) -> None:
        """The facts, in a worker (the store's full check takes seconds on a big store)."""
        context, workspace, qt = self.context, self.workspace, qVersion()
        job = Job(lambda: diagnostics.build(context, workspace, qt=qt))
        job.signals.done.connect(self.show_text)
        job.signals.failed.connect(self._failed)
        for signal in (job.signals.done, job.signals.failed):
            signal.connect(lambda _r, job=job: _jobs.remove(job) if job in _jobs else None)
        _jobs.append(job)
        start(job)

    def _failed(self, exc: Exception) -> None:
        """The store went (locked meanwhile) or would not be read: the facts without it."""
        log.warning("diagnostics: the store could not be checked (%s)", type(exc).__name__)
        self.show_text(diagnostics.build(self.context, None, qt=qVersion()))
        self.say("The store could not be checked: the facts below are without it.")

    def show_text(self, text: str) -> None:
        self.text = text
        self.facts.setPlainText(text)
        for button in (self.copy, self.save):
            button.setEnabled(True)

    def say(self, text: str) -> None:
        self.status.setText(text)
        self.status.show()

    def copy_text(self) -> None:
        QGuiApplication.clipboard().setText(self.text)
        self.say("Copied to the clipboard: paste it into your message to IT or support.")

    def choose_file(self) -> Path | None:
        """Where to save (the tests stand in for this dialog)."""
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            "Save diagnostics",
            str(Path(folder) / diagnostics.file_name()),
            "Text files (*.txt)",
            options=QFileDialog.Option.DontConfirmOverwrite,  # never replaced: refused below
        )
        return Path(chosen) if chosen else None

    def save_text(self) -> Path | None:
        chosen = self.choose_file()
        if chosen is None:
            return None
        if chosen.exists():
            self.say(f"Not saved: {chosen.name} already exists, and was kept. Choose another name.")
            return None
        try:
            diagnostics.write(chosen, self.text)
        except (OSError, RpcError) as exc:
            log_handled(exc, "in save_text")  # said to the user below
            why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            self.say(f"Not saved: {why}")
            return None
        self.saved = chosen
        self.say(f"Saved as {chosen}. Send this file to IT or support.")
        return chosen


def show_about(
    parent: QWidget | None, context: AppContext, workspace: Workspace | None
) -> AboutDialog | None:
    """Open the About box (not blocking: the lock closes it with the other windows). Not
    over the quick-hide screen, whose point is that the app does not show who it is."""
    if parent is not None and parent.property("screenName") == "hidden":
        return None
    dialog = AboutDialog(parent, context, workspace)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
