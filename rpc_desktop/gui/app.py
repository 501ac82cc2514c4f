"""The desktop entry point.

The first window appears before the store and document layers are imported where it can:
they load in the unlock path.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from rpc_desktop import APP_NAME, __version__, paths


def run(argv: list[str] | None = None) -> int:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    stylesheet = paths.ui_dir() / "app.qss"
    if stylesheet.is_file():
        app.setStyleSheet(stylesheet.read_text(encoding="utf-8"))
    from rpc_desktop.gui import errors
    from rpc_desktop.gui.main_window import MainWindow

    errors.install()

    window = MainWindow()
    window.show()
    return app.exec()
