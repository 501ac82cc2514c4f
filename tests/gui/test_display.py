"""Touch and large text, dark palettes, and the eligibility panel: what issue 12 found."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAccessible, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QWidget,
)
from pytestqt.qtbot import QtBot

from rpc_desktop.app.settings import Display, DisplayMode, Settings, TextSize, load_settings
from rpc_desktop.domain.case import Case
from rpc_desktop.gui import collector, colours, display, style
from rpc_desktop.gui.app import make_application
from rpc_desktop.gui.main_window import MainWindow
from rpc_desktop.gui.wizard.choices import ChoiceGroup
from rpc_desktop.gui.wizard.panel import EligibilityPanel
from tests.helpers import PASSPHRASE, demo_case, fast_context, make_store

SIZES = [(1024, 768), (1280, 800)]


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    """The app's stylesheet and font as `run` gives them; put back afterwards, so the next
    test sees the plain look."""
    font, palette, sheet = qapp.font(), qapp.palette(), qapp.styleSheet()
    EligibilityPanel.remembered = None
    app = make_application()
    yield app
    app.setPalette(palette)
    display.apply_display(app, DisplayMode.OFF, TextSize.NORMAL)
    app.setFont(font)
    app.setStyleSheet(sheet)
    app.setProperty(display.TOUCH, None)
    EligibilityPanel.remembered = None
    collector.uninstall()  # make_application put the app's collector in: not for the next test


def open_demo(
    qtbot: QtBot,
    home: Path,
    size: tuple[int, int],
    *,
    page: str = "scheme",
    case: Case | None = None,
) -> MainWindow:
    """A case (the demo family's unless given) open in the wizard at `page`, in a window of
    `size`, in a new store in `home`."""
    make_store(home)
    window = MainWindow(fast_context(home))
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    window.open_store(PASSPHRASE)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=15_000)
    assert window.workspace is not None
    case = case or demo_case()
    window.workspace.add_case(case)
    window.open_case(case.reference, page)
    assert window.host is not None
    assert window.host.wizard.current_step().id == page
    qtbot.waitExposed(window)
    return window


def overflow(page: QWidget) -> list[str]:
    """What makes the page scroll sideways, or sticks out past its scroll area."""
    problems = []
    if not any(area.isVisibleTo(page) for area in page.findChildren(QScrollArea)):
        problems.append("the page shows no scroll area for its body")
    for area in page.findChildren(QScrollArea):
        if not area.isVisibleTo(page):
            continue
        if area.horizontalScrollBar().isVisible():
            problems.append(f"{area.objectName() or 'scroll area'} scrolls sideways")
        viewport = area.viewport()
        right = viewport.mapToGlobal(QPoint(viewport.width(), 0)).x()
        for widget in area.widget().findChildren(QWidget) if area.widget() else []:
            if not widget.isVisibleTo(page) or widget.isWindow():
                continue
            edge = widget.mapToGlobal(QPoint(widget.width(), 0)).x()
            if edge > right + 1:
                name = widget.accessibleName() or type(widget).__name__
                problems.append(f"{name} ends {edge - right}px beyond the page")
    return problems


def unnamed_combos(page: QWidget) -> list[str]:
    """Drop-downs that no label names and that have no name of their own: a screen reader
    would read their current value as their name."""
    buddies = {id(label.buddy()) for label in page.findChildren(QLabel) if label.buddy()}
    return [
        f"drop-down {combo.currentText()!r} has no label"
        for combo in page.findChildren(QComboBox)
        if id(combo) not in buddies and combo.accessibleName() in ("", combo.currentText())
    ]


def small_targets(page: QWidget) -> list[str]:
    found = []
    for widget in page.findChildren(QWidget):
        if not widget.isVisibleTo(page) or not isinstance(
            widget, (QAbstractButton, QComboBox, QLineEdit)
        ):
            continue
        if isinstance(widget, QCheckBox):
            if widget.height() < display.TOUCH_TARGET_PX:
                found.append(f"tick box {widget.text()!r}: {widget.height()}px")
        elif widget.height() < display.TOUCH_TARGET_PX:
            name = widget.accessibleName() or getattr(widget, "text", lambda: "")()
            found.append(f"{type(widget).__name__} {name!r}: {widget.height()}px")
    return found


DETAIL_PAGES = ("scheme", "referrer", "parents", "children", "prior")


def walk(
    qtbot: QtBot, app: QApplication, home: Path, size: tuple[int, int]
) -> dict[str, list[str]]:
    """Touch mode on, the demo case open at `size`: every page of the flow in turn (Next
    goes where the flow allows), with what is wrong on each."""
    assert display.apply_display(app, DisplayMode.ON, TextSize.NORMAL)
    assert app.font().pointSizeF() >= 12
    window = open_demo(qtbot, home, size)
    assert window.host is not None
    wizard = window.host.wizard
    wizard.restart()
    seen, problems = [], {}
    for _ in range(len(wizard.pageIds()) + 1):
        qtbot.wait(1)  # the layout settles on the event loop
        step = wizard.current_step().id
        seen.append(step)
        page = wizard.currentPage()
        found = overflow(page)
        if step in DETAIL_PAGES:
            found += unnamed_combos(page) + small_targets(page)
        problems[step] = found
        if wizard.nextId() == -1:
            break
        wizard.next()
    # The demo family's scheme asks for no prior support: that page is checked where shown.
    assert {*DETAIL_PAGES[:4], "eligibility", "review"} <= set(seen), seen
    return problems


def report(problems: dict[str, list[str]]) -> str:
    return "\n".join(f"{step}: {found[:4]}" for step, found in problems.items() if found)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_touch_mode_fits_the_detail_pages(
    qtbot: QtBot, app: QApplication, isolated_home: Path, size: tuple[int, int]
) -> None:
    """No sideways scrolling, 44 px targets and labelled drop-downs on the detail pages."""
    problems = walk(qtbot, app, isolated_home, size)
    mine = {step: found for step, found in problems.items() if step in DETAIL_PAGES}
    assert not any(mine.values()), report(mine)


@pytest.mark.parametrize(
    "size",
    [
        SIZES[0],
        SIZES[1],
    ],
    ids=lambda s: f"{s[0]}x{s[1]}",
)
def test_touch_mode_fits_every_page(
    qtbot: QtBot, app: QApplication, isolated_home: Path, size: tuple[int, int]
) -> None:
    problems = walk(qtbot, app, isolated_home, size)
    assert not any(problems.values()), report(problems)


def test_the_parents_sit_side_by_side_only_when_they_fit(
    qtbot: QtBot, app: QApplication, isolated_home: Path
) -> None:
    display.apply_display(app, DisplayMode.ON, TextSize.LARGE)
    window = open_demo(qtbot, isolated_home, (1024, 768))
    assert window.host is not None
    wizard = window.host.wizard
    wizard.go_to("parents")
    qtbot.wait(1)
    page = wizard.currentPage()
    assert page.parents.stacked(), "at 1024 px with large text, Parent B goes below Parent A"
    display.apply_display(app, DisplayMode.OFF, TextSize.NORMAL)
    window.resize(1900, 900)
    qtbot.waitUntil(lambda: not page.parents.stacked())


def test_off_keeps_the_plain_look_and_auto_follows_the_screen(app: QApplication) -> None:
    base = app.font().pointSizeF()
    assert not display.apply_display(app, DisplayMode.OFF, TextSize.NORMAL)
    assert app.font().pointSizeF() == base
    assert app.property(display.TOUCH) == "false"
    assert display.apply_display(app, DisplayMode.AUTO, TextSize.NORMAL) == (
        display.scaled_or_touch_screen(app)
    )
    display.apply_display(app, DisplayMode.OFF, TextSize.LARGER)
    assert app.font().pointSizeF() >= 16
    assert display.body_points(9, touch=True, size=TextSize.NORMAL) == 12
    assert display.body_points(9, touch=False, size=TextSize.NORMAL) == 9


def test_settings_keep_their_old_files_and_save_the_display(isolated_home: Path) -> None:
    isolated_home.mkdir(parents=True)
    (isolated_home / "settings.json").write_text('{"idle_lock_minutes": 3}')
    old = load_settings(isolated_home)
    assert old.idle_lock_minutes == 3 and old.display == Display()
    assert old.display.mode is DisplayMode.AUTO and old.display.text_size is TextSize.NORMAL
    newer = Settings.model_validate(
        {"idle_lock_minutes": 3, "display": {"mode": "sideways", "text_size": "large"}}
    )
    assert newer.idle_lock_minutes == 3, "an unknown value costs nothing else"
    assert newer.display == Display(text_size=TextSize.LARGE)


def test_the_look_names_no_fixed_colour() -> None:
    """Everything is drawn from the palette; the only fixed colours are the status pairs,
    which are contrast-checked against the palette in use (below)."""
    for module in (style, display):
        text = Path(module.__file__ or "").read_text(encoding="utf-8")
        assert not re.findall(r"#[0-9a-fA-F]{3,8}\b|rgba?\(|QColor\(", text), module.__name__


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_a_chosen_option_is_filled_from_the_palette(
    qtbot: QtBot, app: QApplication, dark: bool
) -> None:
    if dark:
        display.use_palette(app, colours.dark_palette())
    display.apply_display(app, DisplayMode.OFF, TextSize.NORMAL)
    assert app.styleSheet() == "", "no stylesheet: the style draws (gui/style.py)"
    assert isinstance(app.style(), style.AppStyle)
    group = ChoiceGroup([("yes", "Yes"), ("no", "No")], exclusive=True, kind="segment")
    qtbot.addWidget(group)
    group.resize(300, 60)
    group.show()
    qtbot.waitExposed(group)
    yes, no = group.buttons
    yes.setChecked(True)
    palette = app.palette()
    for button, role in ((yes, QPalette.ColorRole.Highlight), (no, QPalette.ColorRole.Button)):
        image = button.grab().toImage()
        inside = image.pixelColor(6, image.height() // 2)  # inside the border, left of the text
        assert inside == palette.color(role), (button.text(), inside.name())
    assert yes.font().bold() is False, "bold is drawn, not set: the size stays put"
    # Faces are drawn once and kept: a change of state draws the other one.
    no.setChecked(True)  # the group is exclusive: "yes" is chosen no more
    image = yes.grab().toImage()
    assert image.pixelColor(6, image.height() // 2) == palette.color(QPalette.ColorRole.Button)
    middle = image.height() // 2
    fill = palette.color(QPalette.ColorRole.Button)
    inked = [x for x in range(image.width()) if image.pixelColor(x, middle) != fill]
    assert any(12 < x < image.width() - 12 for x in inked), "the label is drawn"
    assert (
        colours.contrast(
            palette.color(QPalette.ColorRole.HighlightedText),
            palette.color(QPalette.ColorRole.Highlight),
        )
        >= 3
    )


def test_every_label_reads_well_on_a_dark_palette(
    qtbot: QtBot, app: QApplication, isolated_home: Path
) -> None:
    display.apply_display(app, DisplayMode.ON, TextSize.NORMAL)
    display.use_palette(app, colours.dark_palette())
    window = open_demo(qtbot, isolated_home, (1280, 800))
    assert window.host is not None
    wizard = window.host.wizard
    wizard.restart()
    checked = 0
    for _ in range(len(wizard.pageIds()) + 1):
        qtbot.wait(1)
        for label in window.findChildren(QLabel):
            if not label.isVisible() or not label.text():
                continue
            label.ensurePolished()
            palette = label.palette()
            text = palette.color(label.foregroundRole())
            ground = palette.color(label.backgroundRole())
            ratio = colours.contrast(text, ground)
            assert ratio >= colours.MIN_CONTRAST, (label.text()[:40], text.name(), ground.name())
            checked += 1
        if wizard.nextId() == -1:
            break
        wizard.next()
    assert checked > 50


def test_status_colours_keep_their_contrast_in_light_dark_and_high_contrast() -> None:
    light, dark = QPalette(), colours.dark_palette()
    light.setColor(QPalette.ColorRole.Window, Qt.GlobalColor.white)
    stark = QPalette(dark)
    stark.setColor(QPalette.ColorRole.Window, Qt.GlobalColor.darkGreen)
    stark.setColor(QPalette.ColorRole.WindowText, Qt.GlobalColor.white)
    for palette in (light, dark, stark):
        for pair in (colours.VERIFIED, colours.RETURNED):
            colour = colours.status_colour(palette, pair)
            ground = palette.color(QPalette.ColorRole.Window)
            assert colours.contrast(colour, ground) >= colours.MIN_CONTRAST


def test_the_panel_folds_and_reads_its_own_words(
    qtbot: QtBot, app: QApplication, isolated_home: Path
) -> None:
    display.apply_display(app, DisplayMode.ON, TextSize.NORMAL)
    window = open_demo(qtbot, isolated_home, (1024, 768))
    assert window.host is not None
    panel = window.host.panel
    assert panel.folded, "touch mode in a narrow window: the panel starts folded"
    assert panel.toggle.accessibleName() == "Eligibility (live)"
    assert "Folded" in panel.toggle.accessibleDescription()
    panel.toggle.setFocus()
    qtbot.keyClick(panel.toggle, Qt.Key.Key_Space)
    assert not panel.folded and panel.outcome.isVisible()
    assert "Shown" in panel.toggle.accessibleDescription()
    for label in (panel.outcome, panel.details):
        assert label.accessibleName() == ""
        interface = QAccessible.queryAccessibleInterface(label)
        assert interface is not None
        assert interface.text(QAccessible.Text.Name) == label.text()
    assert panel.outcome.text() == "Eligible"
    # The verdict changes: it is announced.
    session = window.host.session
    from rpc_desktop.domain.case import ParentSlot
    from rpc_desktop.domain.editing import parent_detail

    session.update(parent_detail(ParentSlot.A, "agrees_to_referral"), False)
    assert panel.outcome.text() != "Eligible"
    assert panel.announced == [f"Eligibility: {panel.outcome.text()}"]
    # The choice lasts for the session: the next case opens as it was left.
    qtbot.keyClick(panel.toggle, Qt.Key.Key_Space)
    assert panel.folded and EligibilityPanel.remembered is True


def test_settings_dialog_applies_the_display_at_once_and_cancel_puts_it_back(
    qtbot: QtBot, app: QApplication, isolated_home: Path
) -> None:
    from rpc_desktop.gui.settings_dialog import SettingsDialog

    display.apply_display(app, DisplayMode.OFF, TextSize.NORMAL)
    base = app.font().pointSizeF()
    dialog = SettingsDialog(None, Settings(), fast_context(isolated_home).config, {})
    qtbot.addWidget(dialog)
    ui = dialog.ui
    assert ui.displayModeLabel.buddy() is ui.displayMode
    ui.displayMode.setCurrentIndex(ui.displayMode.findData("on"))
    ui.displayMode.activated.emit(ui.displayMode.currentIndex())
    ui.textSize.setCurrentIndex(ui.textSize.findData("larger"))
    ui.textSize.activated.emit(ui.textSize.currentIndex())
    assert app.property(display.TOUCH) == "true" and app.font().pointSizeF() >= 16
    assert dialog.changes()["display"] == Display(mode=DisplayMode.ON, text_size=TextSize.LARGER)
    button = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Cancel")
    button.ensurePolished()
    assert button.sizeHint().height() >= display.TOUCH_TARGET_PX
    dialog.reject()
    assert app.property(display.TOUCH) == "false" and app.font().pointSizeF() == base


def test_a_page_gets_its_scroll_area_when_first_needed(
    qtbot: QtBot, app: QApplication, tmp_path: Path
) -> None:
    """Opening a case makes no scroll area for pages not reached yet; every page reached,
    by Next, by resuming or by the step list, scrolls in one, with its body inside it."""
    window = open_demo(qtbot, tmp_path, (1280, 800), page="children")
    assert window.host is not None
    wizard = window.host.wizard
    pages = {wizard._steps[n].id: wizard.page(n) for n in wizard.pageIds()}
    made = {step for step, page in pages.items() if page.scroll_area is not None}
    assert "review" not in made and "agreement" not in made
    assert {"scheme", "referrer", "parents", "children"} <= made, "passed on the way here"
    wizard.go_to("eligibility")
    page = wizard.currentPage()
    assert page.scroll_area is not None and page.scroll_area.isVisibleTo(page)
    assert page.scroll_area.widget().isAncestorOf(page.findChildren(QLabel)[-1])
    assert not overflow(page)
