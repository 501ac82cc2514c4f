"""Colours that follow the system's light, dark or high-contrast palette, and keep their
contrast there (WCAG ratios)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

MIN_CONTRAST = 4.5
VERIFIED = (QColor("#1b5e20"), QColor("#8fdc97"))
RETURNED = (QColor("#8a3b00"), QColor("#ffb65c"))
"""The two status colours: (on a light background, on a dark one)."""


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
