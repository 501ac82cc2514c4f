"""A PDF shown from bytes in memory (Qt's PDF viewer): nothing is written to disk."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView


class PdfPane(QPdfView):
    """A PDF from bytes in memory; the buffer lives as long as the view."""

    def __init__(self, data: bytes, title: str) -> None:
        super().__init__()
        self.setAccessibleName(title)
        self.buffer = QBuffer(self)
        self.buffer.setData(QByteArray(data))
        self.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.pdf = QPdfDocument(self)
        self.pdf.load(self.buffer)
        self.setDocument(self.pdf)
        self.setPageMode(QPdfView.PageMode.MultiPage)
        self.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def drop(self) -> None:
        self.pdf.close()
        self.buffer.close()
        self.buffer.setData(QByteArray())
