"""The team lead's Figures screen, offscreen, with invented rows: the charts hold the right
numbers and are drawn, the period drives the counts, PNG and PDF are real files that never
replace one silently, the export is called, and an empty period says so. At 1024×768, in
touch mode's larger text and in a dark palette, nothing scrolls sideways."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCharts import QAbstractBarSeries, QChart, QChartView
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPalette
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from rpc_desktop.app.settings import DisplayMode, TextSize
from rpc_desktop.domain.figures_summary import SchemeFigures, scheme_figures
from rpc_desktop.gui import colours, display
from rpc_desktop.gui.figures import report as report_module
from rpc_desktop.gui.figures import view as view_module
from rpc_desktop.gui.figures.charts import ChartLook
from rpc_desktop.gui.figures.report import PNG_HEIGHT, PNG_WIDTH
from rpc_desktop.gui.figures.view import FiguresView
from tests.gui.drive import labels_hiding_text, nameless_stops
from tests.helpers import packs

TODAY = date(2026, 11, 29)
NE = "north-east-relationships-matter"
WORCS = "worcestershire-harmony-at-home"


def row(ref: str, referred: str, eligibility: str = "eligible", **more: str) -> dict[str, str]:
    out = {
        "reference": ref,
        "scheme": NE,
        "referral_date": referred,
        "sent_on": "",
        "accepted_on": "",
        "started_on": "",
        "eligibility": eligibility,
        "outcome": "not sent",
    }
    out.update({k.replace("__", ":"): v for k, v in more.items()})
    return out


ROWS = [
    # November 2026 ("this month" on 29 November): 6 referrals, 1 with no date.
    row(
        "N1",
        "2026-11-02",
        sent_on="2026-11-03",
        step__gateway="2026-11-05",
        accepted_on="2026-11-17",
        started_on="2026-11-24",
        **{"step:first-visit": "2026-11-17", "step:start": "2026-11-24"},
    ),
    row("N2", "2026-11-04", sent_on="2026-11-05", step__gateway="2026-11-06"),
    row("N3", "2026-11-10", sent_on="2026-11-10"),
    row("N4", "2026-11-11", "not-eligible", criterion__area="not-met", criterion__children="met"),
    row(
        "N5", "2026-11-12", "not-eligible", criterion__area="not-met", criterion__children="not-met"
    ),
    row("N6", "2026-11-20", "excluded"),
    row("U1", ""),
    # October: 2 referrals.
    row("O1", "2026-10-05", sent_on="2026-10-06"),
    row("O2", "2026-10-06", "not-eligible", criterion__consent="not-met"),
]


def values(chart: QChart) -> dict[str, list[float]]:
    out = {}
    for series in chart.series():
        assert isinstance(series, QAbstractBarSeries)
        for bars in series.barSets():
            out[bars.label()] = [bars.at(i) for i in range(bars.count())]
    return out


def colours_in(widget: QWidget) -> set[int]:
    image = widget.grab().toImage()
    step = 4
    return {
        image.pixel(x, y)
        for x in range(0, image.width(), step)
        for y in range(0, image.height(), step)
    }


@pytest.fixture
def schemes() -> list[SchemeFigures]:
    return [scheme_figures(packs().schemes[NE])]


def make_view(
    qtbot: QtBot, rows: list[dict[str, str]], schemes: list[SchemeFigures], **kwargs: object
) -> FiguresView:
    view = FiguresView(lambda: rows, schemes, today=lambda: TODAY, **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(view)
    view.resize(1024, 768)
    view.show()
    qtbot.waitExposed(view)
    return view


def counts(view: FiguresView) -> dict[str, str]:
    table = view.counts
    return {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}


def test_the_charts_hold_the_numbers_and_are_drawn(
    qtbot: QtBot, schemes: list[SchemeFigures]
) -> None:
    view = make_view(qtbot, ROWS, schemes)
    funnel, criteria, steps = (v.chart() for v in view.views)
    # Referred, eligible, sent, accepted, started.
    assert values(funnel) == {"Referrals": [6, 3, 3, 1, 1]}
    # Most at the top (a horizontal chart's first bar is its lowest).
    assert values(criteria) == {"Referrals": [1, 2]}
    timed = values(steps)
    # Reached: gateway (2: 2 and 1 working days), first visit, start, accepted, started;
    # bottom to top. The gateway: median 1.5, 90th percentile 2, allowed 2.
    assert timed["Median"][-1] == 1.5 and timed["90th percentile"][-1] == 2
    assert timed["Scheme allows"][-1] == 2
    # First visit: 10 working days from Tuesday 3 to Tuesday 17 November.
    assert timed["Median"][-2] == 10
    for chart_view in view.views:
        assert chart_view.isVisible()
        drawn = colours_in(chart_view)
        assert len(drawn) > 8, "the chart looks blank"
        highlight = view.palette().color(QPalette.ColorRole.Highlight).rgb()
        assert highlight in drawn, "no bar in the palette's highlight colour"
    assert "Referred 6" in view.views[0].accessibleDescription()
    assert "no referral date" in view.intro.text() and "1 referral has" in view.intro.text()


def test_the_period_drives_the_counts(qtbot: QtBot, schemes: list[SchemeFigures]) -> None:
    view = make_view(qtbot, ROWS, schemes)
    assert counts(view)["Referrals started"] == "6"
    assert counts(view)["Not eligible, not met: Lives in the area"] == "2"
    # By keyboard: the period list, one down (last month).
    view.period.choice.setFocus()
    with qtbot.waitSignal(view.summarised) as seen:
        qtbot.keyClick(view.period.choice, Qt.Key.Key_Down)
    assert seen.args[0].period.start == date(2026, 10, 1)
    assert counts(view)["Referrals started"] == "2"
    assert counts(view)["Not eligible, not met: Both parents agree"] == "1"
    assert not view.period.start.isEnabled()
    # Custom days: 1 October to 4 November holds both months' first referrals.
    view.period.set_custom(date(2026, 10, 1), date(2026, 11, 4))
    assert view.period.start.isEnabled() and counts(view)["Referrals started"] == "4"
    view.period.end.setDate(date(2026, 9, 1))
    assert "From day is after its To day" in view.empty.text() and view.empty.isVisible()
    assert not view.save_pdf_button.isEnabled()


def test_png_and_pdf_are_real_files(
    qtbot: QtBot, schemes: list[SchemeFigures], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = make_view(qtbot, ROWS, schemes)
    monkeypatch.setattr(view, "choose_file", lambda *_args: tmp_path / "november")
    with qtbot.waitSignal(view.saved) as png:
        qtbot.mouseClick(view.save_png_button, Qt.MouseButton.LeftButton)
    assert png.args[0] == tmp_path / "november.png"
    image = QImage(str(tmp_path / "november.png"))
    assert not image.isNull() and (image.width(), image.height()) == (PNG_WIDTH, PNG_HEIGHT)
    assert len({image.pixel(x, 400) for x in range(0, PNG_WIDTH, 5)}) > 3
    with qtbot.waitSignal(view.saved):
        qtbot.mouseClick(view.save_pdf_button, Qt.MouseButton.LeftButton)
    reader = PdfReader(tmp_path / "november.pdf")
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    assert "1 November 2026 to 30 November 2026" in text
    assert "Referrals started 6" in text and "Lives in the area 2" in text
    assert "1 referral has no referral date" in text
    assert "november.pdf" in view.status.text()


def test_an_existing_file_is_never_replaced_silently(
    qtbot: QtBot, schemes: list[SchemeFigures], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = make_view(qtbot, ROWS, schemes)
    target = tmp_path / "figures.pdf"
    target.write_bytes(b"last month's report")
    monkeypatch.setattr(view, "choose_file", lambda *_args: target)
    asked: list[str] = []

    def keep(_parent: object, **words: str) -> bool:
        asked.append(words["text"])
        return False

    monkeypatch.setattr(view_module, "confirm", keep)
    assert view.save_pdf() is None
    assert target.read_bytes() == b"last month's report"
    assert asked and "figures.pdf already exists" in asked[0]
    assert "Not saved: figures.pdf already exists, and was kept." in view.status.text()
    monkeypatch.setattr(view_module, "confirm", lambda _parent, **_words: True)
    assert view.save_pdf() == target
    assert target.read_bytes().startswith(b"%PDF")


def test_the_export_is_called_and_never_over_a_file(
    qtbot: QtBot, schemes: list[SchemeFigures], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    written: list[Path] = []

    def export(path: Path) -> int:
        cursor = QGuiApplication.overrideCursor()
        assert cursor is not None and cursor.shape() == Qt.CursorShape.WaitCursor, "busy"
        path.write_text("reference\n", encoding="utf-8")
        written.append(path)
        return 9

    view = make_view(qtbot, ROWS, schemes, export=export)
    existing = tmp_path / "returns.csv"
    existing.write_text("keep", encoding="utf-8")
    monkeypatch.setattr(view, "choose_file", lambda *_args: existing)
    assert view.export_monitoring() is None and written == []
    assert "never replaces a file" in view.status.text()
    assert existing.read_text(encoding="utf-8") == "keep"
    monkeypatch.setattr(view, "choose_file", lambda *_args: tmp_path / "returns-2")
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    assert written == [tmp_path / "returns-2.csv"]
    assert "(9 referrals)" in view.status.text()
    # A workbook keeps its ending; the dialog offers it beside CSV.
    offered: list[str] = []

    def choose(_caption: str, _name: str, kinds: str) -> Path:
        offered.append(kinds)
        return tmp_path / "Returns.XLSX"

    monkeypatch.setattr(view, "choose_file", choose)
    assert view.export_monitoring() == tmp_path / "Returns.XLSX"
    assert written[-1] == tmp_path / "Returns.XLSX" and "Excel workbooks (*.xlsx)" in offered[0]
    assert QGuiApplication.overrideCursor() is None, "the pointer is given back"
    # Without an export to call, there is no button.
    assert make_view(qtbot, ROWS, schemes).export_button.isHidden()


@pytest.mark.parametrize("rows", [[], [row("O1", "2026-10-05"), row("U1", "")]])
def test_an_empty_period_says_so(
    qtbot: QtBot, schemes: list[SchemeFigures], rows: list[dict[str, str]]
) -> None:
    view = make_view(qtbot, rows, schemes)
    assert view.empty.isVisible()
    assert "No referral was started between 1 November 2026 and 30 November 2026" in (
        view.empty.text()
    )
    assert not any(v.isVisible() for v in view.views) and not view.counts.isVisible()
    assert not view.save_png_button.isEnabled() and not view.save_pdf_button.isEnabled()
    assert view.save_png() is None
    if rows:
        assert "1 referral has no referral date" in view.intro.text()


@pytest.fixture
def restored(qapp: QApplication) -> Iterator[QApplication]:
    """Touch mode and palettes put back afterwards, for the next test."""
    font, palette = qapp.font(), qapp.palette()
    yield qapp
    qapp.setPalette(palette)
    display.apply_display(qapp, DisplayMode.OFF, TextSize.NORMAL)
    qapp.setFont(font)
    qapp.setProperty(display.TOUCH, None)


@pytest.mark.parametrize("look", ["plain", "touch", "dark"])
def test_at_1024_by_768_nothing_scrolls_sideways(
    qtbot: QtBot, schemes: list[SchemeFigures], restored: QApplication, look: str
) -> None:
    if look == "touch":
        display.apply_display(restored, DisplayMode.ON, TextSize.LARGER)
    if look == "dark":
        display.use_palette(restored, colours.dark_palette())
    view = make_view(qtbot, ROWS, schemes)
    qtbot.waitUntil(lambda: not view._redraw_queued)
    assert view.minimumSizeHint().width() <= 1024 and view.width() == 1024
    assert view.scroll_area.horizontalScrollBar().maximum() == 0
    chart = view.views[0].chart()
    base = view.palette().color(QPalette.ColorRole.Base)
    assert chart.backgroundBrush().color() == base
    assert chart.titleBrush().color() == view.palette().color(QPalette.ColorRole.Text)
    assert chart.titleFont().pointSizeF() == pytest.approx(view.font().pointSizeF())
    if look == "dark":
        assert colours.is_dark(view.palette()) and QColor(base).lightness() < 60
    # Every control is reached by Tab; the charts are not stops (the tables hold their
    # numbers).
    view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view)
    view.period.choice.setFocus()
    order = []
    for _ in range(10):
        focused = QApplication.focusWidget()
        assert focused is not None
        order.append(focused)
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    for needed in (view.counts, view.step_table, view.save_png_button, view.save_pdf_button):
        assert any(w is needed or needed.isAncestorOf(w) for w in order), needed
    assert not any(isinstance(w, QChartView) for w in order)


def test_every_stop_has_a_name_for_a_screen_reader(
    qtbot: QtBot, schemes: list[SchemeFigures]
) -> None:
    """`make a11y` found two nameless stops: the scroll area (a Tab stop, so the arrow keys
    reach the charts) and each chart's viewport (Qt makes it focusable, the chart not)."""
    view = make_view(qtbot, ROWS, schemes)
    assert view.scroll_area.accessibleName() == "Figures for the period"
    assert view.scroll_area.focusPolicy() != Qt.FocusPolicy.NoFocus
    for chart in view.views:
        assert chart.viewport().focusPolicy() == Qt.FocusPolicy.NoFocus
    assert nameless_stops(view) == []
    assert labels_hiding_text(view) == [], "what happened is read by its words"


def test_a_scheme_can_be_chosen_when_the_rows_hold_several(qtbot: QtBot) -> None:
    schemes = [scheme_figures(packs().schemes[i]) for i in (NE, WORCS)]
    worcs = row("W1", "2026-11-09", sent_on="2026-11-09", step__panel="2026-11-23")
    worcs["scheme"] = WORCS
    view = make_view(qtbot, [*ROWS, worcs], schemes)
    assert view.scheme.isVisible() and view.scheme.count() == 3
    assert counts(view)["Referrals started"] == "7"
    with qtbot.waitSignal(view.summarised) as seen:
        view.scheme.setCurrentIndex(view.scheme.findData(WORCS))
    assert seen.args[0].referrals == 1 and counts(view)["Referrals started"] == "1"
    # Only the panel's step, timed against its 20 working days: 10 (9 to 23 November).
    table = view.step_table
    steps = {table.item(r, 0).text(): table.item(r, 2).text() for r in range(table.rowCount())}
    assert steps["Panel decision reaches the referrer (within a month)"] == "10"
    assert "Provider's first home visit" not in steps
    assert view.scheme.currentText() == "Harmony at Home specialist service"
    # One scheme in the rows: no choice to make.
    assert make_view(qtbot, ROWS, schemes).scheme.isHidden()


def test_bars_keep_their_contrast_in_any_palette() -> None:
    """The palette's highlight where it stands out from the background; the text colour
    where it would not (a pale highlight on white)."""
    palette = QPalette(colours.dark_palette())
    look = ChartLook.of(palette, QFont())
    assert look.bar == palette.color(QPalette.ColorRole.Highlight)
    assert look.background == palette.color(QPalette.ColorRole.Base)
    palette.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#000000"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#f0f0ff"))
    assert ChartLook.of(palette, QFont()).bar == QColor("#000000")


def test_a_name_without_an_ending_gets_the_chosen_types() -> None:
    kinds = report_module.EXPORT_KINDS.split(";;")
    assert report_module.with_kind_suffix(Path("/x/june"), kinds[1]) == Path("/x/june.xlsx")
    assert report_module.with_kind_suffix(Path("/x/june"), kinds[0]) == Path("/x/june.csv")
    assert report_module.with_kind_suffix(Path("/x/june.CSV"), kinds[0]) == Path("/x/june.CSV")
    assert report_module.with_kind_suffix(Path("/x/june.v2"), "") == Path("/x/june.v2")
