"""The self-test's Qt checks (cli/selftest.py runs them): the main window shows and paints
offscreen, QtPdf renders a PDF the app built, and QtCharts draws the Figures screen. Each
returns a detail for its PASS line and raises RuntimeError with what went wrong."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from rpc_desktop.app.context import AppContext


def _application() -> QApplication:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    return app


def _quiet_offscreen(_mode: Any, _context: Any, message: str) -> None:
    """Qt's messages to stderr, but the offscreen platform's note that it cannot size
    windows to their hints (true, and of no interest to IT)."""
    if "propagateSizeHints" not in message:
        print(message, file=sys.stderr)


def show_main_window(context: AppContext) -> str:
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import QEvent, qInstallMessageHandler, qVersion

    from rpc_desktop.gui import style
    from rpc_desktop.gui.main_window import MainWindow

    app = _application()
    style.install(app, touch=False, points=app.font().pointSizeF())
    previous = qInstallMessageHandler(_quiet_offscreen)
    window = MainWindow(context)
    try:
        window.show()
        app.processEvents()
        if not window.isVisible():
            raise RuntimeError("the main window did not show")
        if window.stack.currentWidget() is None:
            raise RuntimeError("the main window shows no screen")
        if window.grab().isNull():
            raise RuntimeError("the main window could not be painted")
    finally:
        window.close()
        window.deleteLater()
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        qInstallMessageHandler(previous)
    return f"Qt {qVersion()}, PySide6 {pyside_version}, platform {app.platformName()}"


def render_pdf(pdf: Path) -> str:
    from PySide6.QtCore import QSize
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPdfWidgets import QPdfView

    _application()
    document = QPdfDocument()
    error = document.load(str(pdf))
    if error != QPdfDocument.Error.None_:
        raise RuntimeError(f"QtPdf could not load {pdf.name}: {error.name}")
    pages = document.pageCount()
    image = document.render(0, QSize(400, 566))
    if pages < 1 or image.isNull():
        raise RuntimeError(f"QtPdf could not render {pdf.name}")
    if not document.getAllText(0).text().strip():
        raise RuntimeError(f"QtPdf found no text on page 1 of {pdf.name}")
    view = QPdfView()  # the review screen's viewer
    view.setDocument(document)
    del view  # no parent: deleted here, before the document
    document.close()
    return f"{pdf.name}: {pages} pages, page 1 rendered, its text read, the viewer opens it"


def draw_figures(rows: list[dict[str, str]], context: AppContext, on: date) -> str:
    """The team lead's Figures screen over `rows`, drawn offscreen with its charts, for the
    month of `on`."""
    from rpc_desktop.domain.figures_summary import scheme_figures
    from rpc_desktop.gui.figures.view import FiguresView

    _application()
    schemes = [scheme_figures(s) for s in context.packs.schemes.values()]
    view = FiguresView(lambda: rows, schemes, today=lambda: on)
    try:
        view.resize(1024, 768)
        view.refresh()
        image = view.grab()
        if image.isNull():
            raise RuntimeError("the Figures screen could not be painted")
    finally:
        view.deleteLater()
    return f"QtCharts drew the Figures screen ({image.width()}x{image.height()})"


def figures_round_trip(context: AppContext, work: Path) -> str:
    """The demo family's row of the monitoring figures, exported as CSV and XLSX (read back:
    the workbook's strings hold the reference), and the Figures screen's charts drawn over
    it."""
    import zipfile
    from xml.etree import ElementTree

    from rpc_desktop.app.documents import demo_case
    from rpc_desktop.app.spreadsheet import write_xlsx
    from rpc_desktop.domain.eligibility import evaluate
    from rpc_desktop.domain.figures import monitoring_row, write_csv

    case = demo_case(context)
    scheme = context.packs.scheme(case.scheme_id)
    today = case.referral_date or date.today()
    evaluation = evaluate(case, scheme, today, packs=context.packs)
    rows = [monitoring_row(case, scheme, evaluation, today, today)]
    write_csv(rows, work / "figures.csv")
    write_xlsx(rows, work / "figures.xlsx")
    with zipfile.ZipFile(work / "figures.xlsx") as book:
        # The workbook was written a moment ago, here, by the export: not untrusted XML.
        strings = ElementTree.fromstring(book.read("xl/sharedStrings.xml"))  # noqa: S314
        book.read("xl/worksheets/sheet1.xml")
    if case.reference not in {"".join(item.itertext()) for item in strings}:
        raise RuntimeError("the XLSX export does not read back")
    return f"monitoring export as CSV and XLSX; {draw_figures(rows, context, today)}"
