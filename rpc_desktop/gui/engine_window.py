"""A small window over the headless engine: schemes, check a case file, build, verify."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rpc_desktop import APP_NAME, __version__, paths
from rpc_desktop.domain.packs import Packs, shipped_packs


class _Signals(QObject):
    done = Signal(str)
    failed = Signal(str)


class _BuildJob(QRunnable):
    """Builds a bundle off the GUI thread and reports by signal."""

    def __init__(self, case_path: Path, out: Path) -> None:
        super().__init__()
        self.case_path, self.out = case_path, out
        self.signals = _Signals()

    def run(self) -> None:
        from rpc_desktop.documents.bundle import build_bundle
        from rpc_desktop.documents.seal import load_or_create_device_key
        from rpc_desktop.domain.casefile import read_case
        from rpc_desktop.errors import RpcError

        try:
            packs = shipped_packs(paths.resources_dir())
            case = read_case(self.case_path)
            key = load_or_create_device_key(paths.data_home() / "keys")
            built = build_bundle(
                case, packs, self.out, key, fonts_dir=paths.resources_dir() / "fonts"
            )
        except (RpcError, OSError) as exc:
            self.signals.failed.emit(str(exc))
            return
        self.signals.done.emit(f"Bundle built: {built.file}\nFingerprint: {built.fingerprint}")


class EngineWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle(f"{APP_NAME} {__version__}")
        self.packs: Packs = shipped_packs(paths.resources_dir())
        central = QWidget()
        layout = QVBoxLayout(central)
        schemes = ", ".join(f"{s.name} ({s.region})" for s in self.packs.schemes.values())
        heading = QLabel(f"Enabled schemes: {schemes or 'none'}")
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setWordWrap(True)
        layout.addWidget(heading)

        buttons = QHBoxLayout()
        for text, slot in (
            ("Check a case file…", self.check_case),
            ("Build a bundle from a case file…", self.build_from_file),
            ("Build the demo bundle…", self.build_demo),
            ("Verify a bundle…", self.verify),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        layout.addLayout(buttons)

        self.outcome = QLabel("Open a case file to see its eligibility.")
        self.outcome.setTextFormat(Qt.TextFormat.PlainText)
        self.outcome.setAccessibleName("Outcome")
        layout.addWidget(self.outcome)
        self.criteria = QTreeWidget()
        self.criteria.setHeaderLabels(["Criterion", "Status", "Reason"])
        self.criteria.setAccessibleName("Eligibility criteria")
        self.criteria.setWordWrap(True)
        layout.addWidget(self.criteria, 1)
        self.log = QPlainTextEdit()
        self.log.setReadOnly(True)
        self.log.setAccessibleName("Messages")
        self.log.setMaximumHeight(120)
        for problem in self.packs.errors:
            self.log.appendPlainText(f"Pack problem: {problem}")
        layout.addWidget(self.log)
        self.setCentralWidget(central)
        self.resize(980, 620)

    def show_evaluation(self, case_path: Path) -> None:
        from rpc_desktop.domain.casefile import read_case
        from rpc_desktop.domain.eligibility import evaluate
        from rpc_desktop.errors import RpcError

        try:
            case = read_case(case_path)
            result = evaluate(
                case, self.packs.scheme(case.scheme_id), case.referral_date, packs=self.packs
            )
        except RpcError as exc:
            QMessageBox.warning(self, APP_NAME, str(exc))
            return
        self.outcome.setText(f"{case.reference}: {result.outcome.label}")
        self.criteria.clear()
        for c in result.criteria:
            item = QTreeWidgetItem([c.title, c.status.value, c.reason])
            item.setToolTip(2, c.reason)
            self.criteria.addTopLevelItem(item)
        self.criteria.resizeColumnToContents(0)

    def check_case(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Case file", "", "Case files (*.json)")
        if path:
            self.show_evaluation(Path(path))

    def _build(self, case_path: Path) -> None:
        out = QFileDialog.getExistingDirectory(self, "Folder for the bundle")
        if not out:
            return
        job = _BuildJob(case_path, Path(out))
        job.signals.done.connect(self.log.appendPlainText)
        job.signals.failed.connect(lambda msg: QMessageBox.warning(self, APP_NAME, msg))
        self.log.appendPlainText("Building the bundle…")
        QThreadPool.globalInstance().start(job)

    def build_from_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Case file", "", "Case files (*.json)")
        if path:
            self._build(Path(path))

    def build_demo(self) -> None:
        demo = paths.resources_dir() / "demo" / "case.json"
        self.show_evaluation(demo)
        self._build(demo)

    def verify(self) -> None:
        from rpc_desktop.documents.seal import load_or_create_device_key
        from rpc_desktop.documents.verify import verify_bundle
        from rpc_desktop.errors import VerifyError

        path, _ = QFileDialog.getOpenFileName(self, "Bundle", "", "Referral bundles (*.rpcbundle)")
        if not path:
            return
        trusted = {load_or_create_device_key(paths.data_home() / "keys").fingerprint}
        try:
            result = verify_bundle(Path(path), trusted)
        except VerifyError as exc:
            QMessageBox.warning(self, APP_NAME, str(exc))
            return
        lines = [f"{Path(path).name}: {result.status.value}", *result.problems]
        self.log.appendPlainText("\n".join(lines))
