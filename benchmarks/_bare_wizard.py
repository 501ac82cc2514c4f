"""The bare baseline benchmarks/package.py builds next to ours: a six-page QWizard.

Six QWizardPages with a label each, nothing else. With `--first-window` it prints "shown"
once the wizard has painted, then its resident memory ~300 ms later, and quits: the same
protocol benchmarks/package.py reads (ours writes the same moment to its log). It imports
nothing of ours.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWizard, QWizardPage


def rss_kib() -> int:
    try:
        with Path("/proc/self/status").open(encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class FirstPaint(QObject):
    seen = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.seen and event.type() == QEvent.Type.Paint:
            self.seen = True
            QTimer.singleShot(0, shown)
        return False


def shown() -> None:
    print("shown wizard", flush=True)
    QTimer.singleShot(300, idle)


def idle() -> None:
    print(f"rss {rss_kib()}", flush=True)
    QApplication.quit()


def main() -> int:
    app = QApplication(sys.argv[:1])
    wizard = QWizard()
    wizard.setWindowTitle("Bare wizard")
    for n in range(6):
        page = QWizardPage()
        page.setTitle(f"Page {n + 1}")
        QVBoxLayout(page).addWidget(QLabel(f"This is page {n + 1} of 6."))
        wizard.addPage(page)
    wizard.resize(1200, 800)
    if "--first-window" in sys.argv[1:]:
        watcher = FirstPaint(wizard)
        wizard.installEventFilter(watcher)
    wizard.show()
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main())
