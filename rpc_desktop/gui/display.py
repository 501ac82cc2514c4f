"""Touch and large text, and colours that follow the system's light, dark or high-contrast
theme, applied to the running app (no restart).

The rules live in resources/app.qss (always) and resources/touch.qss (touch mode). Only what
must be computed is made here: sizes that follow the chosen text size, and the two status
colours, picked to keep their contrast against the palette in use.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QInputDevice, QPalette
from PySide6.QtWidgets import QApplication

from rpc_desktop.app.paths import resources_dir, stylesheet
from rpc_desktop.app.settings import Display, DisplayMode, TextSize

log = logging.getLogger(__name__)

TOUCH = "touch"
"""The dynamic property (on the application and on each window): "true" in touch mode."""
SCALED = 1.25
"""Screen scaling above this (120 dpi, or a device pixel ratio of 1.25) counts as touch."""
TOUCH_TARGET_PX = 44
MIN_CONTRAST = 4.5
SIZES = {TextSize.NORMAL: (1.0, 12.0), TextSize.LARGE: (1.25, 14.0), TextSize.LARGER: (1.5, 16.0)}
"""Per text size: the factor on the system font, and the least body size (points) when touch
mode or a larger size is on."""
VERIFIED = (QColor("#1b5e20"), QColor("#8fdc97"))
RETURNED = (QColor("#8a3b00"), QColor("#ffb65c"))
"""(on a light background, on a dark one)."""
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


def luminance(colour: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = colour.redF(), colour.greenF(), colour.blueF()
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: QColor, b: QColor) -> float:
    """The WCAG contrast ratio (1 to 21)."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def is_dark(palette: QPalette) -> bool:
    return luminance(palette.color(QPalette.ColorRole.Window)) < 0.2


def status_colour(palette: QPalette, pair: tuple[QColor, QColor]) -> QColor:
    """The status colour for this palette, or the plain text colour where even that would
    not stand out enough (high contrast themes)."""
    background = palette.color(QPalette.ColorRole.Window)
    colour = pair[1] if is_dark(palette) else pair[0]
    if contrast(colour, background) >= MIN_CONTRAST:
        return colour
    return palette.color(QPalette.ColorRole.WindowText)


def computed_rules(app: QApplication, points: float) -> str:
    palette = app.palette()
    verified = status_colour(palette, VERIFIED).name()
    returned = status_colour(palette, RETURNED).name()
    return (
        f'\nQLabel[role="heading"] {{ font-size: {points * 1.3:.1f}pt; }}'
        f'\nQLabel[role="verified"] {{ color: {verified}; border-color: {verified}; }}'
        f'\nQLabel[role="returned"], QLabel[role="problems"] {{ color: {returned}; }}\n'
    )


def _touch_rules() -> str:
    try:
        return (resources_dir() / "touch.qss").read_text(encoding="utf-8")
    except OSError:
        return ""


def apply_display(app: QApplication, mode: DisplayMode, size: TextSize) -> bool:
    """Set the font, the touch property and the stylesheet for `mode` and `size`; returns
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
    sheet = stylesheet() + computed_rules(app, points) + (_touch_rules() if touch else "")
    app.setStyleSheet(sheet)  # re-polishes every widget, with the new property and palette
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


def dark_palette() -> QPalette:
    """A dark palette like the system's dark themes, for checking the app reads well in
    one (the system's own applies by itself on Qt 6.5+)."""
    p = QPalette()
    roles = QPalette.ColorRole
    for role, colour in (
        (roles.Window, "#202124"),
        (roles.WindowText, "#e8eaed"),
        (roles.Base, "#17181a"),
        (roles.AlternateBase, "#2a2b2e"),
        (roles.Text, "#e8eaed"),
        (roles.Button, "#303134"),
        (roles.ButtonText, "#e8eaed"),
        (roles.Highlight, "#8ab4f8"),
        (roles.HighlightedText, "#202124"),
        (roles.Link, "#8ab4f8"),
        (roles.Light, "#5f6368"),
        (roles.Midlight, "#3c4043"),
        (roles.Mid, "#9aa0a6"),
        (roles.Dark, "#111213"),
        (roles.Shadow, "#000000"),
        (roles.PlaceholderText, "#9aa0a6"),
        (roles.ToolTipBase, "#303134"),
        (roles.ToolTipText, "#e8eaed"),
    ):
        p.setColor(roles(role), QColor(colour))
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#80868b"))
    return p


def follows_dark_scheme(app: QGuiApplication) -> bool:
    """Whether the system asks for dark (Qt 6.5+ tells; earlier, the palette does)."""
    hints = app.styleHints()
    if hasattr(hints, "colorScheme"):
        scheme = hints.colorScheme()
        if scheme != Qt.ColorScheme.Unknown:
            return scheme == Qt.ColorScheme.Dark
    return is_dark(app.palette())
