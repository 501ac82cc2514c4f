"""The two child processes benchmarks/gui.py starts, and the bare baseline wizard."""

from __future__ import annotations

import inspect
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from PySide6.QtWidgets import QWizard

ROOT = Path(__file__).resolve().parent.parent


def bare_wizard() -> QWizard:
    """Six pages, each a form of a few labelled line edits: the baseline window."""
    from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWizard, QWizardPage

    wizard = QWizard()
    wizard.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
    for n in range(6):
        page = QWizardPage()
        page.setTitle(f"Page {n + 1}")
        form = QFormLayout(page)
        form.addRow(QLabel(f"Fill in the details for step {n + 1}."))
        for field in ("Name", "Role", "Organisation", "Phone", "Email"):
            form.addRow(f"{field}:", QLineEdit())
        wizard.addPage(page)
    wizard.resize(1200, 800)
    return wizard


# --- 1. start to the first window, in fresh processes --------------------------------------

# Shared by both children: report "shown" on the event loop turn after the window's first
# paint, then the resident memory once idle, then quit. No clock runs in the child.
HARNESS = """
from __future__ import annotations

import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

app = QApplication(sys.argv)


def rss_kib():
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def idle():
    print(f"rss {rss_kib()}", flush=True)
    QApplication.quit()


class FirstPaint(QObject):
    def __init__(self, window, label):
        super().__init__(window)
        self.label = label
        self.seen = False

    def eventFilter(self, obj, event):
        if not self.seen and event.type() == QEvent.Type.Paint:
            self.seen = True
            QTimer.singleShot(0, self.shown)
        return False

    def shown(self):
        print(f"shown {self.label()}", flush=True)
        QTimer.singleShot(300, idle)


def watch(window, label=lambda: ""):
    global WATCHER
    WATCHER = FirstPaint(window, label)
    window.installEventFilter(WATCHER)
"""

# What gui/app.py's run() does, with the watcher added before show().
OURS_CHILD = (
    HARNESS
    + """
from rpc_desktop.app.context import AppContext
from rpc_desktop.app.logs import start_logging
from rpc_desktop.gui.app import make_application
from rpc_desktop.gui.main_window import MainWindow

make_application()
context = AppContext.load()
start_logging(context.home)
window = MainWindow(context)
watch(window, lambda: "unlock" if window.stack.currentWidget() is window.unlock else "other")
window.show()
sys.exit(app.exec())
"""
)

BARE_CHILD = (
    HARNESS
    + textwrap.dedent(inspect.getsource(bare_wizard))
    + """
window = bare_wizard()
watch(window)
window.show()
sys.exit(app.exec())
"""
)


def spawn(code: str, env: dict[str, str], errors: Path) -> tuple[float, int, str]:
    """Seconds from spawn to "shown", the idle resident memory in KiB, and the screen."""
    with errors.open("w") as err:
        t = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-c", code],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=err,
            text=True,
        )
        assert child.stdout is not None
        line = child.stdout.readline()
        elapsed = time.perf_counter() - t
        try:
            rest, _ = child.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            child.kill()
            child.communicate()
            rest = ""
    if not line.startswith("shown") or not rest.startswith("rss "):
        raise RuntimeError(f"child failed: {line!r} {rest!r}\n{errors.read_text()}")
    label = line.split(maxsplit=1)[1:]
    return elapsed, int(rest.split()[1]), label[0].strip() if label else ""
