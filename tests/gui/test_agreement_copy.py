"""A copy of the Participation Agreement for the parents, from the preview: printed through
Qt's printing (here a QPrinter writing a PDF file, no dialog) or saved, never over a file
without asking."""

from __future__ import annotations

from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QKeySequence
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from rpc_desktop.app.send import Preview
from rpc_desktop.gui.wizard import preview_dialog
from rpc_desktop.gui.wizard.preview_dialog import PreviewDialog, print_pdf
from tests.helpers import demo_case
from tests.unit.test_agreement_terms import agreement_pdf
from tests.unit.test_documents import flat

NAME = "RPC-DEMO-0001-3-participation-agreement.pdf"


@pytest.fixture
def dialog(qtbot: QtBot) -> Iterator[PreviewDialog]:
    agreement = agreement_pdf(demo_case())
    pdfs = {
        "RPC-DEMO-0001-1-rsq-parent-a.pdf": agreement,
        "RPC-DEMO-0001-2-rsq-parent-b.pdf": agreement,
        NAME: agreement,
        "RPC-DEMO-0001-4-referral-summary.pdf": agreement,
    }
    email = b"To: gateway@example.org\r\nSubject: test\r\n\r\nHello\r\n"
    shown = PreviewDialog(None, Preview("RPC-DEMO-0001", pdfs, email, b"", "ab" * 32))
    qtbot.addWidget(shown)
    yield shown
    shown.drop()


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_printing_gives_every_page_of_the_agreement(dialog: PreviewDialog, tmp_path: Path) -> None:
    out = tmp_path / "printed.pdf"
    expected = len(PdfReader(BytesIO(dialog.agreement_data)).pages)
    assert expected >= 2
    assert dialog.print_agreement(pdf_printer(out)) == expected
    printed = PdfReader(out)
    assert len(printed.pages) == expected
    assert str(expected) in dialog.status.text() and str(out) in dialog.status.text()
    # pages are images of the agreement, scaled to the paper
    page = printed.pages[0]
    assert page.images and float(page.mediabox.width) == pytest.approx(595, abs=2)


def test_printing_a_page_range(dialog: PreviewDialog, tmp_path: Path) -> None:
    printer = pdf_printer(tmp_path / "page-2.pdf")
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 2)
    assert print_pdf(dialog.agreement_document, printer) == 1
    assert len(PdfReader(tmp_path / "page-2.pdf").pages) == 1


def test_the_buttons_have_mnemonics(dialog: PreviewDialog) -> None:
    for button, key in ((dialog.print_button, "P"), (dialog.save_button, "S")):
        assert QKeySequence.mnemonic(button.text()) == QKeySequence(f"Alt+{key}")
        assert button.focusPolicy() != button.focusPolicy().NoFocus


def test_saving_a_copy_writes_the_agreement(
    dialog: PreviewDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = tmp_path / "for the parents"
    seen: list[str] = []

    def save_as(*args: object, **kwargs: object) -> tuple[str, str]:
        seen.append(str(args[2]))
        return str(chosen), "PDF files (*.pdf)"

    monkeypatch.setattr(preview_dialog.QFileDialog, "getSaveFileName", save_as)
    saved = dialog.save_copy()
    assert saved == tmp_path / "for the parents.pdf"
    assert saved.read_bytes() == dialog.agreement_data
    assert seen[0].endswith(NAME), "the suggested name carries the reference, not a family name"
    assert "not encrypted" in dialog.status.text()
    text = flat("".join(p.extract_text() or "" for p in PdfReader(saved).pages))
    assert "What each of us agrees to" in text


@pytest.mark.parametrize("replace", [False, True])
def test_an_existing_file_is_replaced_only_when_the_user_says_so(
    dialog: PreviewDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, replace: bool
) -> None:
    existing = tmp_path / "agreement.pdf"
    existing.write_bytes(b"the parents' other letter")
    asked: list[str] = []

    def confirm(_parent: object, **kw: str) -> bool:
        asked.append(kw["text"])
        return replace

    monkeypatch.setattr(
        preview_dialog.QFileDialog, "getSaveFileName", lambda *a, **k: (str(existing), "")
    )
    monkeypatch.setattr(preview_dialog, "confirm", confirm)
    result = dialog.save_copy()
    assert len(asked) == 1 and "already exists" in asked[0]
    if replace:
        assert result == existing and existing.read_bytes() == dialog.agreement_data
    else:
        assert result is None and existing.read_bytes() == b"the parents' other letter"
        assert "Not saved" in dialog.status.text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["agreement.pdf"], "no partial left"


def test_cancelling_the_file_dialog_saves_nothing(
    dialog: PreviewDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(preview_dialog.QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    assert dialog.save_copy() is None
    assert not list(tmp_path.glob("*.pdf"))
