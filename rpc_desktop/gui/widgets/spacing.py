"""A grid's spacing read from the style once, not at every layout pass.

A QGridLayout whose spacing was never set asks its widget's style for it each time it
works out a size, and the app's touch style answers from Python: the agreement page's
signature grids asked about 1,400 times in one page turn. Pinned to the same value here,
and read again when the style changes."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QStyle, QWidget

_PM = QStyle.PixelMetric


def pin_spacing(grid: QGridLayout, widget: QWidget) -> None:
    """Give `grid` (laid out on `widget`) the spacing the style gives it anyway; call again
    from the widget's changeEvent on QEvent.StyleChange. A style that leaves the spacing to
    each pair of controls (-1) keeps doing so."""
    style = widget.style()
    grid.setHorizontalSpacing(style.pixelMetric(_PM.PM_LayoutHorizontalSpacing, None, widget))
    grid.setVerticalSpacing(style.pixelMetric(_PM.PM_LayoutVerticalSpacing, None, widget))
