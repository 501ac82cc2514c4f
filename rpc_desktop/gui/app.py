"""The desktop entry point.

The first window appears before the store and document layers are imported: they load in
the unlock path (see main_window).
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from rpc_desktop import APP_NAME, __version__, paths


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with the app's name, stylesheet and error dialog."""
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    stylesheet = paths.ui_dir() / "app.qss"
    if stylesheet.is_file():
        app.setStyleSheet(stylesheet.read_text(encoding="utf-8"))
    from rpc_desktop.gui import errors

    errors.install()
    return app


def run(argv: list[str] | None = None) -> int:
    app = make_application(argv)
    from rpc_desktop.gui.main_window import MainWindow

    window = MainWindow()
    window.show()
    return app.exec()
