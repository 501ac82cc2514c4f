"""The team lead's Figures screen (issue 14): a period, the counts, and charts of them,
saved as PNG or PDF for a report, and the monitoring export.

The rows come from `rows_provider` (the caller decides which: the device's own, other
devices' imported figures), the schemes' names and steps as data: the screen reads no
store. Each number a chart shows is in a table too, for a screen reader and the keyboard.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCharts import QChart, QChartView
from PySide6.QtCore import QEvent, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from rpc_desktop.app.logs import log_handled
from rpc_desktop.domain.figures_summary import (
    CRITERION_NAMES,
    SchemeFigures,
    Summary,
    combined_steps,
    summarise,
)
from rpc_desktop.errors import RpcError
from rpc_desktop.gui.confirm import confirm
from rpc_desktop.gui.figures import charts, report, tables
from rpc_desktop.gui.figures.period import PeriodChooser
from rpc_desktop.gui.widgets.wrap_label import WrapLabel

Rows = list[dict[str, str]]
ALL = ""
CHART_LINES = 15
"""A chart's least height, in lines of the current font."""
REDRAW_ON = (QEvent.Type.PaletteChange, QEvent.Type.FontChange, QEvent.Type.StyleChange)


class FiguresView(QWidget):
    """`summarised(Summary)` after every change of rows, period or scheme; `saved(Path)`
    after a PNG, a PDF or an export is written."""

    summarised = Signal(object)
    saved = Signal(object)

    def __init__(
        self,
        rows_provider: Callable[[], Rows],
        schemes: Sequence[SchemeFigures] = (),
        *,
        export: Callable[[Path], object] | None = None,
        criterion_names: Mapping[str, str] = CRITERION_NAMES,
        today: Callable[[], date] = date.today,
        initial_period: str = "this-month",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.rows_provider = rows_provider
        self.schemes = {s.id: s for s in schemes}
        self.export = export
        self.criterion_names = criterion_names
        self.today = today
        self.rows: Rows = []
        self.present: list[str] = []
        self.summary: Summary | None = None
        self._redraw_queued = False

        self.period = PeriodChooser(today)
        self.period.choose(initial_period)
        self.scheme = QComboBox()
        self.scheme.setAccessibleName("Scheme")
        self.scheme_label = QLabel("&Scheme:")
        self.scheme_label.setBuddy(self.scheme)
        self.intro = WrapLabel()
        self.empty = WrapLabel()
        self.empty.setProperty("role", "outcome")
        self.counts = QTableWidget()
        tables.setup(self.counts, "Counts for the period")
        self.step_table = QTableWidget()
        tables.setup(self.step_table, "Working days from sending to each step")
        self.views = [charts.chart_view() for _ in range(3)]
        self.no_steps = WrapLabel(report.NO_STEPS)
        self.save_png_button = QPushButton("Save charts as PN&G…")
        self.save_pdf_button = QPushButton("Save as P&DF…")
        self.export_button = QPushButton("E&xport for monitoring…")
        self.export_button.setToolTip(
            "One row a referral, with nothing that names a family, as a CSV file for the "
            "monitoring return."
        )
        self.export_button.setVisible(export is not None)
        self.status = WrapLabel()  # no name of its own: a screen reader reads its text
        self._lay_out()
        self.period.changed.connect(lambda _period: self.update_figures())
        self.scheme.currentIndexChanged.connect(lambda _index: self.update_figures())
        self.save_png_button.clicked.connect(self.save_png)
        self.save_pdf_button.clicked.connect(self.save_pdf)
        self.export_button.clicked.connect(self.export_monitoring)
        self.refresh()

    def _lay_out(self) -> None:
        heading = QLabel("Figures")
        heading.setProperty("role", "heading")
        schemes = QHBoxLayout()  # a row of its own: touch mode's larger text fits 1024 px
        schemes.addWidget(self.scheme_label)
        schemes.addWidget(self.scheme)
        schemes.addStretch(1)

        content = QWidget()
        body = QVBoxLayout(content)
        body.addWidget(self.intro)
        body.addWidget(self.empty)
        self.grid = QGridLayout()
        self.grid.addWidget(self.counts, 0, 0, 2, 1, Qt.AlignmentFlag.AlignTop)
        self.grid.addWidget(self.views[0], 0, 1)
        self.grid.addWidget(self.views[1], 1, 1)
        self.grid.addWidget(self.views[2], 2, 0, 1, 2)
        self.grid.setColumnStretch(0, 1)
        self.grid.setColumnStretch(1, 1)
        body.addLayout(self.grid)
        body.addWidget(self.no_steps)
        self.steps_caption = WrapLabel(
            "Working days from sending to each step, as the scheme's clock counts them. The "
            "90th percentile: 9 in 10 of the referrals reached the step within that many."
        )
        self.steps_caption.setProperty("role", "question")
        body.addWidget(self.steps_caption)
        body.addWidget(self.step_table)
        body.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(content)
        # A Tab stop (the charts are not: the arrow keys scroll to them), so it has a name.
        scroll.setAccessibleName("Figures for the period")
        self.scroll_area = scroll

        buttons = QHBoxLayout()
        for button in (self.save_png_button, self.save_pdf_button, self.export_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.period)
        layout.addLayout(schemes)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.setTabOrder(self.period.end, self.scheme)
        self.setTabOrder(self.scheme, self.counts)
        self.setTabOrder(self.counts, self.step_table)
        self.setTabOrder(self.step_table, self.save_png_button)

    def refresh(self) -> None:
        """Read the rows again (new figures were imported) and show them."""
        self.rows = self.rows_provider()
        seen = {row.get("scheme", "") for row in self.rows} - {""}
        ids = [i for i in self.schemes if i in seen] + sorted(seen - set(self.schemes))
        self.present = ids
        chosen = self.scheme.currentData()
        self.scheme.blockSignals(True)
        try:
            self.scheme.clear()
            self.scheme.addItem("All schemes", ALL)
            for scheme_id in ids:
                self.scheme.addItem(self.scheme_name(scheme_id), scheme_id)
            self.scheme.setCurrentIndex(max(self.scheme.findData(chosen), 0))
        finally:
            self.scheme.blockSignals(False)
        several = len(ids) > 1
        self.scheme.setVisible(several)
        self.scheme_label.setVisible(several)
        self.update_figures()

    def scheme_name(self, scheme_id: str) -> str:
        known = self.schemes.get(scheme_id)
        return known.name if known else scheme_id

    @property
    def scheme_id(self) -> str:
        return str(self.scheme.currentData() or ALL)

    def update_figures(self) -> None:
        period = self.period.period()
        if period is None:
            self.summary = None
            self.intro.setText("")
            self._show_empty("The period's From day is after its To day: choose the days again.")
            return
        chosen = self.scheme_id
        # The steps of the schemes the rows hold (of the one chosen): no empty row for a
        # scheme the team does not use.
        shown = [chosen] if chosen else self.present
        figures = [self.schemes[i] for i in shown if i in self.schemes]
        self.summary = summarise(
            self.rows,
            period,
            combined_steps(figures),
            scheme=chosen or None,
            criterion_names=self.criterion_names,
        )
        summary = self.summary
        started = "1 referral" if summary.referrals == 1 else f"{summary.referrals} referrals"
        self.intro.setText(
            f"{period.label}: {started} started (by referral date). {tables.left_out(summary)}"
        )
        if summary.empty:
            self._show_empty(
                f"No referral was started between {period.label.replace(' to ', ' and ')}"
                f"{' for this scheme' if chosen else ''}: there is nothing to count or draw. "
                "Choose another period."
            )
        else:
            self._show_figures(summary)
        self.summarised.emit(summary)

    def _show_empty(self, message: str) -> None:
        self.empty.setText(message)
        self.empty.show()
        for widget in (self.counts, self.step_table, self.steps_caption, self.no_steps):
            widget.hide()
        for view in self.views:
            view.hide()
        self.save_png_button.setEnabled(False)
        self.save_pdf_button.setEnabled(False)

    def _show_figures(self, summary: Summary) -> None:
        self.empty.hide()
        tables.fill(self.counts, ("Figure", "Number"), tables.count_rows(summary))
        tables.fill(self.step_table, tables.STEP_HEADERS, tables.step_rows(summary))
        for widget in (self.counts, self.step_table, self.steps_caption):
            widget.show()
        self._draw_charts()
        self.save_png_button.setEnabled(True)
        self.save_pdf_button.setEnabled(True)

    def _draw_charts(self) -> None:
        summary = self.summary
        if summary is None or summary.empty:
            return
        look = charts.ChartLook.of(self.palette(), self.font())
        drawn = (
            charts.funnel_chart(summary, look),
            charts.not_met_chart(summary, look),
            charts.steps_chart(summary, look),
        )
        line = self.fontMetrics().height()
        bars = len(charts.timed_steps(summary)) * 3
        heights = (CHART_LINES * line, CHART_LINES * line, (8 + bars) * line)
        for view, chart, height in zip(self.views, drawn, heights, strict=True):
            self._set_chart(view, chart, height)
        self.no_steps.setVisible(drawn[2] is None)

    def _set_chart(self, view: QChartView, chart: QChart | None, height: int) -> None:
        old = view.chart()
        if chart is None:
            view.hide()
        else:
            view.setChart(chart)  # the view owns the new chart, and lets go of the old one
            view.setAccessibleName(f"Chart: {chart.title()}")
            view.setAccessibleDescription(charts.describe(chart))
            view.setMinimumHeight(height)
            view.show()
        if old is not None and old is not view.chart():
            old.deleteLater()

    def changeEvent(self, event: QEvent) -> None:
        """A new theme, text size or touch mode: the charts are drawn again to match."""
        super().changeEvent(event)
        if event.type() in REDRAW_ON and not self._redraw_queued:
            self._redraw_queued = True
            QTimer.singleShot(0, self, self._redraw)  # dropped if the view goes first

    def _redraw(self) -> None:
        self._redraw_queued = False
        if self.summary is not None and not self.summary.empty:
            self._show_figures(self.summary)

    def choose_file(self, caption: str, name: str, kinds: str) -> Path | None:
        """Where to save (the tests stand in for this dialog); a name typed without an
        ending gets the one of the type chosen in the dialog."""
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        chosen, kind = QFileDialog.getSaveFileName(
            self,
            caption,
            str(Path(folder) / name),
            kinds,
            options=QFileDialog.Option.DontConfirmOverwrite,  # asked (or refused) below
        )
        return report.with_kind_suffix(Path(chosen), kind) if chosen else None

    def _file_name(self, suffix: str) -> str:
        summary = self.summary
        assert summary is not None
        return f"rpc-figures-{summary.period.start}-to-{summary.period.end}{suffix}"

    def _target(self, caption: str, suffix: str, kinds: str) -> tuple[Path, bool] | None:
        """The file chosen (with its suffix) and whether it replaces one, once the user
        agreed; None when they chose nothing or kept the file there."""
        chosen = self.choose_file(caption, self._file_name(suffix), kinds)
        if chosen is None:
            return None
        if chosen.suffix.lower() != suffix:
            chosen = chosen.with_name(chosen.name + suffix)
        replace = chosen.exists()
        if replace and not confirm(
            self,
            title="Replace the file?",
            text=f"{chosen.name} already exists in {chosen.parent}. Replace it?",
            accept="Replace",
        ):
            self.status.setText(f"Not saved: {chosen.name} already exists, and was kept.")
            return None
        return chosen, replace

    def _scheme_words(self) -> str:
        return self.scheme_name(self.scheme_id) if self.scheme_id else "all schemes"

    def save_png(self) -> Path | None:
        if self.summary is None or self.summary.empty:
            return None
        target = self._target("Save the charts as a PNG image", ".png", "PNG images (*.png)")
        if target is None:
            return None
        return self._write(
            *target, lambda s: report.charts_png(s, self._scheme_words()), "The charts"
        )

    def save_pdf(self) -> Path | None:
        if self.summary is None or self.summary.empty:
            return None
        target = self._target("Save the figures as a PDF", ".pdf", "PDF files (*.pdf)")
        if target is None:
            return None
        return self._write(
            *target,
            lambda s: report.report_pdf(s, self._scheme_words(), self.today()),
            "The figures",
        )

    def _write(
        self, path: Path, replace: bool, draw: Callable[[Summary], bytes], what: str
    ) -> Path | None:
        assert self.summary is not None
        try:
            report.write_file(path, draw(self.summary), replace=replace)
        except (OSError, RpcError) as exc:
            log_handled(exc, "in write")  # said to the user below
            why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            self.status.setText(f"Not saved: {why}")
            return None
        self.status.setText(f"{what} were saved as {path}.")
        self.saved.emit(path)
        return path

    def export_monitoring(self) -> Path | None:
        """The injected export writes the file; it never replaces one."""
        if self.export is None:
            return None
        name = f"rpc-monitoring-{self.today()}.csv"
        chosen = self.choose_file("Export for monitoring", name, report.EXPORT_KINDS)
        if chosen is None:
            return None
        if chosen.suffix.lower() not in (".csv", ".xlsx"):
            chosen = chosen.with_name(chosen.name + ".csv")
        if chosen.exists():
            self.status.setText(
                f"Not exported: {chosen.name} already exists, and an export never replaces a "
                "file. Choose another name."
            )
            return None
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # seconds, for 10,000
        try:
            result = self.export(chosen)
        except (OSError, RpcError) as exc:
            log_handled(exc, "in export_monitoring")  # said to the user below
            self.status.setText(f"Not exported: {exc}")
            return None
        finally:
            QGuiApplication.restoreOverrideCursor()
        count = (
            f" ({result} referral{'' if result == 1 else 's'})" if isinstance(result, int) else ""
        )
        self.status.setText(f"Exported for monitoring as {chosen}{count}.")
        self.saved.emit(chosen)
        return chosen
