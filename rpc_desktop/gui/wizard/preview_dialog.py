"""The bundle as it would be sent, shown from memory: the four PDFs in Qt's viewer and the
email draft as text. Nothing of it is on disk; closing the window forgets it, except the
copy of the Participation Agreement the parents are given, printed or saved where the
practitioner chooses."""

from __future__ import annotations

import contextlib
import os
import tempfile
from email import message_from_bytes, policy
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QSize, QStandardPaths, Qt
from PySide6.QtGui import QGuiApplication, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from rpc_desktop.app.logs import log_handled
from rpc_desktop.gui.confirm import confirm
from rpc_desktop.gui.widgets.pdf_pane import PdfPane
from rpc_desktop.gui.wizard.items import plain_label

if TYPE_CHECKING:
    from rpc_desktop.app.send import Preview

TAB_TITLES = ("RSQ parent A", "RSQ parent B", "Participation Agreement", "Referral summary")
AGREEMENT = 2
"""The agreement's place among the four PDFs (bundle order)."""
PRINT_DPI = 300
"""Pages are rendered at the printer's resolution up to this: sharp on paper, and a 1200 dpi
printer does not get 500 MB images."""


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


def print_pdf(document: QPdfDocument, printer: QPrinter) -> int:
    """Print a PDF's pages (the range chosen in the print dialog, else all), each scaled to
    the printable area; returns how many pages were printed."""
    count = document.pageCount()
    first, last = 1, count
    if printer.printRange() is QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first, last = printer.fromPage(), min(printer.toPage() or count, count)
    painter = QPainter()
    if count == 0 or first > last or not painter.begin(printer):
        return 0
    dpi = min(printer.resolution(), PRINT_DPI)
    try:
        for number in range(first, last + 1):
            if number > first:
                printer.newPage()
            points = document.pagePointSize(number - 1)
            pixels = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
            image = document.render(number - 1, pixels)
            area = painter.viewport()
            scale = min(area.width() / points.width(), area.height() / points.height())
            target = QRect(0, 0, round(points.width() * scale), round(points.height() * scale))
            target.moveLeft((area.width() - target.width()) // 2)
            painter.fillRect(target, Qt.GlobalColor.white)
            painter.drawImage(target, image)
    finally:
        painter.end()
    return last - first + 1


def save_new_or_replace(target: Path, data: bytes) -> None:
    """A new file is created (never over one that appeared meanwhile); an existing one,
    which the user agreed to replace, is replaced whole or not at all. Owner-only (0600):
    it holds the family's names."""
    if not target.exists():
        with target.open("xb") as handle:
            handle.write(data)
        return
    fd, partial = tempfile.mkstemp(prefix=f".{target.name}-", suffix=".partial", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        Path(partial).replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(partial).unlink()
        raise


class PreviewDialog(QDialog):
    def __init__(self, parent: QWidget | None, preview: Preview) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Preview of the bundle: {preview.reference}")
        self.resize(900, 700)
        layout = QVBoxLayout(self)
        layout.addWidget(
            plain_label(
                "This is the bundle as it would be sent. Nothing has been sent, and nothing "
                "of it is kept once this window is closed. The parents can have a copy of the "
                "Participation Agreement: print it, or save it for them."
            )
        )
        self.tabs = QTabWidget()
        self.panes: list[PdfPane] = []
        for title, data in zip(TAB_TITLES, preview.pdfs.values(), strict=True):
            pane = PdfPane(data, title)
            self.panes.append(pane)
            self.tabs.addTab(pane, title)
        self.agreement_name, self.agreement_data = list(preview.pdfs.items())[AGREEMENT]
        self.email = QPlainTextEdit(email_text(preview.email))
        self.email.setReadOnly(True)
        self.email.setAccessibleName("Email draft to the gateway")
        self.tabs.addTab(self.email, "Email draft")
        layout.addWidget(self.tabs, 1)
        self.status = plain_label("")
        self.status.setAccessibleName("What happened to the parents' copy")
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        role = QDialogButtonBox.ButtonRole.ActionRole
        self.print_button = buttons.addButton("&Print the agreement…", role)
        self.print_button.setToolTip("Print the Participation Agreement for the parents")
        self.print_button.clicked.connect(lambda: self.print_agreement())
        self.save_button = buttons.addButton("&Save a copy for the parents…", role)
        self.save_button.setToolTip("Save the Participation Agreement as a PDF for the parents")
        self.save_button.clicked.connect(self.save_copy)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @property
    def agreement_document(self) -> QPdfDocument:
        return self.panes[AGREEMENT].pdf

    def print_agreement(self, printer: QPrinter | None = None) -> int:
        """Print the agreement: on the printer given, or one chosen in Qt's print dialog.
        Returns the pages printed (0 when cancelled)."""
        document = self.agreement_document
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setDocName(self.agreement_name)
            dialog = QPrintDialog(printer, self)
            dialog.setWindowTitle("Print the Participation Agreement")
            dialog.setMinMax(1, max(1, document.pageCount()))
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return 0
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            pages = print_pdf(document, printer)
        finally:
            QGuiApplication.restoreOverrideCursor()
        if pages:
            where = printer.outputFileName() or printer.printerName() or "the printer"
            self.status.setText(f"The agreement ({pages} pages) was sent to {where}.")
        else:
            self.status.setText("The agreement could not be printed: check the printer.")
        return pages

    def save_copy(self) -> Path | None:
        """Save the agreement where the practitioner chooses; an existing file is replaced
        only when they say so."""
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            "Save a copy of the agreement for the parents",
            str(Path(folder) / self.agreement_name),
            "PDF files (*.pdf)",
            options=QFileDialog.Option.DontConfirmOverwrite,  # asked below, once
        )
        if not chosen:
            return None
        target = Path(chosen)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        if target.exists() and not confirm(
            self,
            title="Replace the file?",
            text=f"{target.name} already exists in {target.parent}. Replace it with this "
            "agreement?",
            accept="Replace",
        ):
            self.status.setText("Not saved: the file there was kept.")
            return None
        try:
            save_new_or_replace(target, self.agreement_data)
        except OSError as exc:
            log_handled(exc, "in save_copy")  # said to the user below
            self.status.setText(f"Could not save the copy: {exc.strerror or exc}.")
            return None
        self.status.setText(
            f"Saved a copy as {target}. It is not encrypted: give it to the parents, and do "
            "not keep it on this laptop."
        )
        return target

    def drop(self) -> None:
        """Forget the documents (the page calls it before the window goes)."""
        for pane in self.panes:
            pane.setDocument(None)  # type: ignore[arg-type]
            pane.drop()
        self.agreement_data = b""
        self.email.clear()
