"""The bundle as it would be sent, shown from memory: the four PDFs in Qt's viewer and the
email draft as text. Nothing of it is on disk; closing the window forgets it."""

from __future__ import annotations

from email import message_from_bytes, policy
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from rpc_desktop.gui.widgets.pdf_pane import PdfPane
from rpc_desktop.gui.wizard.items import plain_label

if TYPE_CHECKING:
    from rpc_desktop.app.send import Preview

TAB_TITLES = ("RSQ parent A", "RSQ parent B", "Participation Agreement", "Referral summary")


def email_text(draft: bytes) -> str:
    """The draft as a person reads it: who it goes to, the subject, the text, what it
    attaches (by file name)."""
    message = message_from_bytes(draft, policy=policy.default)
    body = message.get_body(preferencelist=("plain",))
    attached = [part.get_filename() or "" for part in message.iter_attachments()]
    return (
        f"To: {message['To']}\nSubject: {message['Subject']}\n\n"
        + (body.get_content() if body is not None else "")
        + "\nAttached:\n"
        + "\n".join(f"- {name}" for name in attached)
    )


class PreviewDialog(QDialog):
    def __init__(self, parent: QWidget | None, preview: Preview) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Preview of the bundle: {preview.reference}")
        self.resize(900, 700)
        layout = QVBoxLayout(self)
        layout.addWidget(
            plain_label(
                "This is the bundle as it would be sent. Nothing has been sent, and nothing "
                "of it is kept once this window is closed."
            )
        )
        self.tabs = QTabWidget()
        self.panes: list[PdfPane] = []
        for title, data in zip(TAB_TITLES, preview.pdfs.values(), strict=True):
            pane = PdfPane(data, title)
            self.panes.append(pane)
            self.tabs.addTab(pane, title)
        self.email = QPlainTextEdit(email_text(preview.email))
        self.email.setReadOnly(True)
        self.email.setAccessibleName("Email draft to the gateway")
        self.tabs.addTab(self.email, "Email draft")
        layout.addWidget(self.tabs, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def drop(self) -> None:
        """Forget the documents (the page calls it before the window goes)."""
        for pane in self.panes:
            pane.setDocument(None)  # type: ignore[arg-type]
            pane.drop()
        self.email.clear()
