"""The app's look: a QProxyStyle over the platform's own style, with colours from the
palette only, so the system's light, dark and high-contrast themes all read well.

Not a Qt stylesheet: with one, every widget goes through Qt's stylesheet style, which
matches the rules again each time a widget is polished or reparented; opening a case took
about 250 ms longer with the app's stylesheet than without. Nor much drawing here: Qt calls
a style for every element of every widget, and each call into Python costs; the large
answer toggles draw themselves (gui/widgets/toggle.py), as does the guidance's bar
(gui/wizard/items.GuidanceLabel). A widget's `role` property picks its look once, when the
style polishes it:

- `link` (small text actions such as "Clear"): no button face, link colour, underlined;
- `question`, `heading`, `outcome`, `fold`: bold (a heading larger too);
- `verified`, `returned`, `problems`: bold, in a status colour that keeps its contrast
  against the palette in use (`verified` also boxed).

Touch mode (gui/display.py) is `TouchStyle`: every target at least 44 px high, tick boxes
and radio buttons large enough for a finger, and scroll bars wider.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QProxyStyle,
    QPushButton,
    QStyle,
    QStyleFactory,
    QStyleOption,
    QToolButton,
    QWidget,
)

from rpc_desktop.app.logs import log_unexpected
from rpc_desktop.gui.colours import RETURNED, VERIFIED, status_colour

ROLE = "role"
TOUCH_TARGET_PX = 44
INDICATOR_TOUCH_PX = 28
SCROLL_BAR_TOUCH_PX = 22
HEADING_SCALE = 1.3
BASE_STYLE = "rpcBaseStyle"
"""The application property naming the platform style this one draws over."""

_BOLD = frozenset({"question", "heading", "outcome", "fold", "verified", "returned", "problems"})
_STATUS = {"verified": VERIFIED, "returned": RETURNED, "problems": RETURNED}
_CT = QStyle.ContentsType
_TOUCH_CONTENTS = frozenset(
    {
        _CT.CT_PushButton,
        _CT.CT_ToolButton,
        _CT.CT_ComboBox,
        _CT.CT_LineEdit,
        _CT.CT_SpinBox,
        _CT.CT_CheckBox,
        _CT.CT_RadioButton,
        _CT.CT_TabBarTab,
        _CT.CT_ItemViewItem,
    }
)
_PM = QStyle.PixelMetric
_TOUCH_METRICS = {
    _PM.PM_IndicatorWidth: INDICATOR_TOUCH_PX,
    _PM.PM_IndicatorHeight: INDICATOR_TOUCH_PX,
    _PM.PM_ExclusiveIndicatorWidth: INDICATOR_TOUCH_PX,
    _PM.PM_ExclusiveIndicatorHeight: INDICATOR_TOUCH_PX,
    _PM.PM_ScrollBarExtent: SCROLL_BAR_TOUCH_PX,
    _PM.PM_CheckBoxLabelSpacing: 12,
    _PM.PM_RadioButtonLabelSpacing: 12,
}


def role(widget: QWidget | None) -> str:
    if widget is None:
        return ""
    value = widget.property(ROLE)
    return value if isinstance(value, str) else ""


class AppStyle(QProxyStyle):
    """The platform style (`base`, by its QStyleFactory name), with the app's roles (touch
    mode's sizes are TouchStyle's). `points` is the body text size."""

    def __init__(self, base: str, *, points: float) -> None:
        super().__init__(QStyleFactory.create(base))
        self.base_name = base
        self.points = points

    # --- per widget, once -----------------------------------------------------------------

    def polish(self, target: Any) -> Any:  # three overloads: a widget, the app, a palette
        if not isinstance(target, QWidget):
            return super().polish(target)
        super().polish(target)
        try:
            kind = role(target)
            if kind:
                self._polish_role(target, kind)
        except Exception as exc:  # never into Qt's C++: the widget keeps the plain look
            log_unexpected(type(exc), exc, exc.__traceback__)
        return None

    def _polish_role(self, widget: QWidget, kind: str) -> None:
        if kind in _BOLD:
            font = QFont(QApplication.font(widget))
            font.setBold(True)
            if kind == "heading":
                font.setPointSizeF(self.points * HEADING_SCALE)
            widget.setFont(font)
        if kind in _STATUS:
            palette = QPalette(widget.palette())
            colour = status_colour(QApplication.palette(), _STATUS[kind])
            palette.setColor(QPalette.ColorRole.WindowText, colour)
            widget.setPalette(palette)
        if isinstance(widget, QLabel):
            if kind == "verified":
                widget.setFrameShape(QFrame.Shape.Box)
                widget.setFrameShadow(QFrame.Shadow.Plain)
                widget.setLineWidth(2)
                widget.setMargin(6)
        elif kind == "link":
            font = QFont(QApplication.font(widget))
            font.setUnderline(True)
            widget.setFont(font)
            palette = QPalette(widget.palette())
            link = QApplication.palette().color(QPalette.ColorRole.Link)
            palette.setColor(QPalette.ColorRole.ButtonText, link)
            widget.setPalette(palette)
            widget.setCursor(Qt.CursorShape.PointingHandCursor)
            if isinstance(widget, QToolButton):
                widget.setAutoRaise(True)  # no button face until pointed at
            elif isinstance(widget, QPushButton):
                widget.setFlat(True)


class TouchStyle(AppStyle):
    """Touch mode: every target at least 44 px high, tick boxes and radio buttons large
    enough for a finger, wider scroll bars. (Only here: a size asked of a style written in
    Python costs a call into Python each time, hundreds a page turn.)"""

    def pixelMetric(
        self,
        metric: QStyle.PixelMetric,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
    ) -> int:
        least = _TOUCH_METRICS.get(metric)
        if least is not None:
            return least
        return super().pixelMetric(metric, option, widget)

    def sizeFromContents(
        self,
        kind: QStyle.ContentsType,
        option: QStyleOption,
        size: QSize,
        widget: QWidget | None = None,
    ) -> QSize:
        result = super().sizeFromContents(kind, option, size, widget)  # type: ignore[arg-type]
        if kind in _TOUCH_CONTENTS:
            result.setHeight(max(result.height(), TOUCH_TARGET_PX))
            if kind == _CT.CT_PushButton:
                result.setWidth(max(result.width(), TOUCH_TARGET_PX))
        return result


def base_style_name(app: QApplication) -> str:
    """The platform style the app started with (kept across later changes of the style)."""
    name = app.property(BASE_STYLE)
    if isinstance(name, str) and name:
        return name
    current = app.style()
    name = current.base_name if isinstance(current, AppStyle) else current.name()
    app.setProperty(BASE_STYLE, name)
    return name


def install(app: QApplication, *, touch: bool, points: float) -> AppStyle:
    """Put the app's style in place (again, after a change of mode, size or palette): every
    widget is polished anew."""
    kind = TouchStyle if touch else AppStyle
    style = kind(base_style_name(app), points=points)
    app.setStyle(style)
    return style
