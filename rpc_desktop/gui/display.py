"""Touch and large text, and colours that follow the system's light, dark or high-contrast
theme, applied to the running app (no restart).

Here: whether touch mode is on and the text size. The look itself is gui/style.py (a
QProxyStyle drawing from the palette); the colours are gui/colours.py.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication, QInputDevice, QPalette
from PySide6.QtWidgets import QApplication

from rpc_desktop.app.settings import Display, DisplayMode, TextSize
from rpc_desktop.gui import style
from rpc_desktop.gui.colours import is_dark

log = logging.getLogger(__name__)

TOUCH = "touch"
"""The dynamic property (on the application and on each window): "true" in touch mode."""
SCALED = 1.25
"""Screen scaling above this (120 dpi, or a device pixel ratio of 1.25) counts as touch."""
TOUCH_TARGET_PX = style.TOUCH_TARGET_PX
SIZES = {TextSize.NORMAL: (1.0, 12.0), TextSize.LARGE: (1.25, 14.0), TextSize.LARGER: (1.5, 16.0)}
"""Per text size: the factor on the system font, and the least body size (points) when touch
mode or a larger size is on."""
_BASE_FONT = "rpcBaseFont"
_CHOSEN = "rpcDisplay"


def scaled_or_touch_screen(app: QGuiApplication) -> bool:
    """What "automatic" looks at: a scaled-up screen or a touch screen."""
    for screen in app.screens():
        if screen.devicePixelRatio() >= SCALED or screen.logicalDotsPerInch() > 96 * SCALED:
            return True
    return any(d.type() == QInputDevice.DeviceType.TouchScreen for d in QInputDevice.devices())


def wants_touch(app: QGuiApplication, mode: DisplayMode) -> bool:
    if mode is DisplayMode.AUTO:
        return scaled_or_touch_screen(app)
    return mode is DisplayMode.ON


def body_points(base: float, touch: bool, size: TextSize) -> float:
    factor, least = SIZES[size]
    points = base * factor
    if touch or size is not TextSize.NORMAL:
        points = max(points, least)
    return round(points * 2) / 2


def touch_mode(app: QGuiApplication | None = None) -> bool:
    """Whether touch mode is on now (for widgets that lay themselves out for it)."""
    app = app or QGuiApplication.instance()  # type: ignore[assignment]
    return app is not None and app.property(TOUCH) == "true"


def apply_display(app: QApplication, mode: DisplayMode, size: TextSize) -> bool:
    """Set the font, the touch property and the style for `mode` and `size`; returns
    whether touch mode is on. Safe to call again (on a settings change or a theme change)."""
    base = app.property(_BASE_FONT)
    if base is None:
        base = app.font().pointSizeF()
        if base <= 0:
            base = 9.0
        app.setProperty(_BASE_FONT, base)
        app.styleHints().colorSchemeChanged.connect(lambda _scheme: reapply(app))
    touch = wants_touch(app, mode)
    points = body_points(float(base), touch, size)
    font = QFont(app.font())
    font.setPointSizeF(points)
    app.setFont(font)
    flag = "true" if touch else "false"
    app.setProperty(TOUCH, flag)
    app.setProperty(_CHOSEN, f"{mode.value}/{size.value}")
    for window in app.topLevelWidgets():
        window.setProperty(TOUCH, flag)
    style.install(app, touch=touch, points=points)  # re-polishes every widget
    log.info("display: %s, text %s, %.1f pt, touch %s", mode.value, size.value, points, flag)
    return touch


def apply_settings(app: QApplication, display: Display) -> bool:
    return apply_display(app, display.mode, display.text_size)


def reapply(app: QApplication) -> None:
    """Again with the last choice: after the palette or colour scheme changed."""
    chosen = str(app.property(_CHOSEN) or "auto/normal")
    mode, size = chosen.split("/")
    apply_display(app, DisplayMode(mode), TextSize(size))


def use_palette(app: QApplication, palette: QPalette) -> None:
    """Switch the app's palette and recompute what follows from it."""
    app.setPalette(palette)
    reapply(app)


def follows_dark_scheme(app: QGuiApplication) -> bool:
    """Whether the system asks for dark (Qt 6.5+ tells; earlier, the palette does)."""
    hints = app.styleHints()
    if hasattr(hints, "colorScheme"):
        scheme = hints.colorScheme()
        if scheme != Qt.ColorScheme.Unknown:
            return scheme == Qt.ColorScheme.Dark
    return is_dark(app.palette())
