"""`rpc-desktop self-test`: IT's check that an installed copy works, with no screen.

Everything happens in a new temporary folder (RPC_DESKTOP_HOME points there for the run), so
no one's real data is read or touched: the shipped resources load, IT's machine configuration
(if there is one) is valid, Qt starts offscreen with the app's main window, an encrypted
store is created with the real key derivation and opened again, the demo family's bundle is
built and verified (and a tampered copy is not), QtPdf renders one of its PDFs, and nothing
used the network. The checks after the configuration's own run without it, so a machine's
choice of schemes cannot fail them. One line per check, then a summary; exit 0 only when
every check passed.

The same code runs from a checkout and from the PyInstaller build, which is the point: it
finds what the build left out (a resource, a migration script, a Qt plugin, a lazy import).
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from rpc_desktop import __version__, paths

EXIT_OK = 0
EXIT_FAILED = 1
HOME_ENV = "RPC_DESKTOP_HOME"
CONFIG_ENV = "RPC_DESKTOP_CONFIG"


class Failed(Exception):
    """A check found something wrong (reported without an exception name)."""


class Skipped(Exception):
    """The check needs what an earlier, failed check should have made."""


@dataclass
class Context:
    """What the checks share: the temporary folder, and what earlier checks produced."""

    work: Path
    home: Path
    bundle: Path | None = None
    documents: list[Path] = field(default_factory=list)
    device_key: str = ""
    network: list[str] = field(default_factory=list)
    machine_config: Path | None = None
    """IT's configuration file as the app would find it (the other checks run without it)."""


@dataclass(frozen=True)
class Check:
    name: str
    run: Callable[[Context], str]
    """Returns a short detail for the PASS line; raises to fail (Skipped to skip)."""


# --- no network, ever ------------------------------------------------------------------

_watching: list[list[str]] = []
"""While a self-test runs, the list its network attempts are recorded in."""
_hooked = False


def _network_hook(event: str, args: tuple[Any, ...]) -> None:
    if not _watching:
        return
    attempt = ""
    if event == "socket.connect":
        import socket  # loaded already: something is connecting with it

        sock = args[0]
        if isinstance(sock, socket.socket) and sock.family in (socket.AF_INET, socket.AF_INET6):
            attempt = f"connect to {args[1]!r}"
    elif event in ("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr"):
        attempt = f"host name lookup of {args[0]!r}"
    elif event in ("socket.sendto", "socket.sendmsg"):
        attempt = f"datagram to {args[-1]!r}"
    if attempt:
        _watching[-1].append(attempt)
        raise ConnectionRefusedError(f"self-test: network use blocked ({attempt})")


@contextlib.contextmanager
def _no_network(record: list[str]) -> Iterator[None]:
    """Record (and block) every network connection and host lookup made from Python."""
    global _hooked
    if not _hooked:  # audit hooks cannot be removed: install one, switch it on and off
        sys.addaudithook(_network_hook)
        _hooked = True
    _watching.append(record)
    try:
        yield
    finally:
        _watching.remove(record)


# --- the checks ---------------------------------------------------------------------------


def check_resources(ctx: Context) -> str:
    from rpc_desktop.domain.packs import load_packs

    resources = paths.resources_dir()
    if not resources.is_dir():
        raise FileNotFoundError(f"no resources folder at {resources}")
    packs = load_packs(resources)
    if packs.errors:
        raise Failed("; ".join(str(e) for e in packs.errors))
    packs.require_questionnaires()
    if not packs.schemes:
        raise Failed(f"no scheme packs in {resources / 'schemes'}")
    needed = [
        resources / "fonts" / "DejaVuSans.ttf",
        resources / "demo" / "case.json",
        paths.ui_dir() / "app.qss",
    ]
    if missing := [str(p) for p in needed if not p.is_file()]:
        raise FileNotFoundError("missing " + ", ".join(missing))
    return f"{len(packs.schemes)} schemes, {len(packs.agreements)} agreements, questionnaires"


def check_machine_config(ctx: Context) -> str:
    from rpc_desktop.config import configured_packs, load

    path = ctx.machine_config
    if path is None or not path.exists():
        return f"none at {path} (every setting at its default)"
    config = load(path)
    # A scheme it names that is not installed is a set-up problem too, as the app shows it.
    packs = configured_packs(config, paths.resources_dir()) if not config.problems else None
    problems = [*config.problems, *(str(e) for e in (packs.errors if packs else []))]
    if problems:
        raise Failed(" | ".join(problems))
    return f"{path} read, every key valid"


def _application() -> Any:
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([sys.argv[0]])


def _quiet_offscreen(_mode: Any, _context: Any, message: str) -> None:
    """Qt's messages to stderr, but the offscreen platform's note that it cannot size
    windows to their hints (true, and of no interest to IT)."""
    if "propagateSizeHints" not in message:
        print(message, file=sys.stderr)


def check_qt(ctx: Context) -> str:
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import QEvent, qInstallMessageHandler, qVersion
    from PySide6.QtWidgets import QApplication

    app = _application()
    from rpc_desktop.gui.main_window import MainWindow

    previous = qInstallMessageHandler(_quiet_offscreen)
    window = MainWindow(home=ctx.home)
    try:
        window.setStyleSheet((paths.ui_dir() / "app.qss").read_text(encoding="utf-8"))
        window.show()
        QApplication.processEvents()
        if not window.isVisible():
            raise Failed("the main window did not show")
        if window.stack.currentWidget() is None:
            raise Failed("the main window shows no screen")
        picture = window.grab()
        if picture.isNull():
            raise Failed("the main window could not be painted")
    finally:
        window.close()
        window.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        qInstallMessageHandler(previous)
    return f"Qt {qVersion()}, PySide6 {pyside_version}, platform {app.platformName()}"


def check_store(ctx: Context) -> str:
    import secrets

    from rpc_desktop.domain.casefile import read_case
    from rpc_desktop.store.keys import calibrate
    from rpc_desktop.store.layout import StorePaths
    from rpc_desktop.store.store import Store

    passphrase = secrets.token_urlsafe(18)
    demo = read_case(paths.resources_dir() / "demo" / "case.json")
    # Argon2id at the app's real memory cost, calibrated to half its usual time.
    store = Store.create(ctx.home, passphrase, actor="self-test", kdf=calibrate(0.25))
    try:
        store.add_case(demo, page="scheme")
    finally:
        store.close(backup=False)
    header = StorePaths(ctx.home).db.read_bytes()[:16]
    if header.startswith(b"SQLite format 3"):
        raise Failed("the database file is not encrypted")
    store = Store.open(ctx.home, passphrase, actor="self-test")
    try:
        if store.load_case(demo.reference).reference != demo.reference:
            raise Failed("the case read back is not the case saved")
        if problems := store.integrity_problems():
            raise Failed("integrity check: " + "; ".join(problems))
        chain = store.verify_audit()
        if not chain.intact:
            raise Failed(f"audit log: {chain.problem or 'the hash chain is broken'}")
    finally:
        store.close(backup=False)
    return "SQLCipher + Argon2id: created, reopened, case read back, audit chain intact"


def check_bundle(ctx: Context) -> str:
    """The demo family's bundle through the same command IT runs (`rpc-desktop demo`)."""
    import argparse
    import io
    import json

    from rpc_desktop import commands

    captured = io.StringIO()
    with contextlib.redirect_stdout(captured):
        code = commands.demo(argparse.Namespace(out=ctx.work / "bundles"))
    if code != 0:
        raise Failed(f"`rpc-desktop demo` exited {code}")
    report = json.loads(captured.getvalue())
    bundle = Path(report["bundle_file"])
    if not bundle.is_file():
        raise FileNotFoundError(f"no bundle file at {bundle}")
    folder = Path(report["folder"]) / "data"
    ctx.bundle = bundle
    ctx.documents = [folder / name for name in report["documents"]]
    ctx.device_key = report["device_key"]
    pdfs = [p for p in ctx.documents if p.suffix == ".pdf"]
    return f"{len(pdfs)} PDFs and an email draft, {bundle.stat().st_size // 1024} KB sealed"


def check_verify(ctx: Context) -> str:
    from rpc_desktop.documents.verify import verify_bundle
    from rpc_desktop.errors import VerifyError

    if ctx.bundle is None:
        raise Skipped("no bundle to verify (the bundle check failed)")
    result = verify_bundle(ctx.bundle, {ctx.device_key})
    if not result.ok:
        raise Failed(f"{result.status.value}: " + "; ".join(result.problems))
    tampered = ctx.work / "tampered.rpcbundle"
    data = bytearray(ctx.bundle.read_bytes())
    data[len(data) // 2] ^= 0x01
    tampered.write_bytes(bytes(data))
    try:
        caught = not verify_bundle(tampered, {ctx.device_key}).ok
    except VerifyError:  # unreadable also counts as refused
        caught = True
    if not caught:
        raise Failed("a bundle with one byte changed was accepted")
    return "seal and SHA-256 manifests intact; a one-byte change is refused"


def check_pdf(ctx: Context) -> str:
    from PySide6.QtCore import QSize
    from PySide6.QtPdf import QPdfDocument

    pdfs = [p for p in ctx.documents if p.suffix == ".pdf"]
    if not pdfs:
        raise Skipped("no PDF to open (the bundle check failed)")
    _application()
    pdf = pdfs[-1]
    document = QPdfDocument()
    error = document.load(str(pdf))
    if error != QPdfDocument.Error.None_:
        raise Failed(f"QtPdf could not load {pdf.name}: {error.name}")
    pages = document.pageCount()
    image = document.render(0, QSize(400, 566))
    if pages < 1 or image.isNull():
        raise Failed(f"QtPdf could not render {pdf.name}")
    text = document.getAllText(0).text()
    if not text.strip():
        raise Failed(f"QtPdf found no text on page 1 of {pdf.name}")
    from PySide6.QtPdfWidgets import QPdfView  # the review screen's viewer

    view = QPdfView()
    view.setDocument(document)
    del view  # no parent: deleted here, before the document
    document.close()
    return f"{pdf.name}: {pages} pages, page 1 rendered, its text read, the viewer opens it"


def check_network(ctx: Context) -> str:
    if ctx.network:
        raise Failed("; ".join(ctx.network))
    return "no connection or host lookup from any check"


CHECKS: tuple[Check, ...] = (
    Check("shipped resources load", check_resources),
    Check("machine configuration", check_machine_config),
    Check("Qt starts offscreen with the main window", check_qt),
    Check("encrypted store", check_store),
    Check("demo bundle builds", check_bundle),
    Check("bundle verifies", check_verify),
    Check("QtPdf renders a bundle PDF", check_pdf),
    Check("no network use", check_network),
)


# --- running them -------------------------------------------------------------------------


def _forget_machine_config() -> None:
    loaded = sys.modules.get("rpc_desktop.config")
    cached = getattr(loaded, "machine_config", None)
    if cached is not None and hasattr(cached, "cache_clear"):
        cached.cache_clear()


@contextlib.contextmanager
def _environment(work: Path, home: Path) -> Iterator[None]:
    """The data folder in `work`, no machine configuration (IT's file could disable the demo
    family's scheme), and Qt offscreen; all as they were afterwards."""
    names = (HOME_ENV, CONFIG_ENV, "QT_QPA_PLATFORM")
    saved = {name: os.environ.get(name) for name in names}
    os.environ[HOME_ENV] = str(home)
    os.environ[CONFIG_ENV] = str(work / "no-machine-config.toml")
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before Qt is imported
    _forget_machine_config()
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        _forget_machine_config()


def _reason(exc: Exception) -> str:
    text = str(exc).strip()
    first = text.splitlines()[0] if text else ""
    if isinstance(exc, Failed):
        return first
    return f"{type(exc).__name__}: {first}" if first else type(exc).__name__


def describe() -> str:
    import platform

    frozen = "PyInstaller build" if getattr(sys, "frozen", False) else "from source"
    return (
        f"rpc-desktop {__version__} self-test ({frozen}; Python {platform.python_version()}, "
        f"{platform.system()} {platform.machine()})"
    )


def run(
    *,
    out: TextIO | None = None,
    checks: Sequence[Check] = CHECKS,
    first_window: bool = False,
) -> int:
    """Run the checks; 0 when all passed, 1 otherwise. Nothing outside a temp folder is used."""
    if first_window:
        return show_first_window()
    import shutil
    import tempfile

    out = out or sys.stdout
    print(describe(), file=out, flush=True)
    from rpc_desktop.config import config_path

    work = Path(tempfile.mkdtemp(prefix="rpc-desktop-selftest-"))
    ctx = Context(work=work, home=work / "home", machine_config=config_path())
    passed = 0
    began = time.perf_counter()
    try:
        with _environment(work, ctx.home), _no_network(ctx.network):
            for check in checks:
                t = time.perf_counter()
                try:
                    detail = check.run(ctx)
                except Skipped as exc:
                    print(f"SKIP  {check.name}: {exc}", file=out, flush=True)
                    continue
                except Exception as exc:  # every failure is reported, and the rest still run
                    ms = (time.perf_counter() - t) * 1000
                    print(f"FAIL  {check.name}: {_reason(exc)} ({ms:.0f} ms)", file=out, flush=True)
                    continue
                ms = (time.perf_counter() - t) * 1000
                print(f"PASS  {check.name} ({ms:.0f} ms): {detail}", file=out, flush=True)
                passed += 1
    finally:
        shutil.rmtree(work, ignore_errors=True)
    total = len(checks)
    seconds = time.perf_counter() - began
    if passed == total:
        print(f"self-test: all {total} checks passed in {seconds:.1f} s", file=out, flush=True)
        return EXIT_OK
    print(
        f"self-test: {total - passed} of {total} checks did not pass ({seconds:.1f} s)",
        file=out,
        flush=True,
    )
    return EXIT_FAILED


# --- start-up timing ------------------------------------------------------------------------


def show_first_window() -> int:
    """The app's own start (gui/app.py run()), printing "shown SCREEN" once the first window
    has painted, then its resident memory ~300 ms later, then quitting.

    benchmarks/package.py times a built binary from spawn to that line. Uses the real data
    folder (or RPC_DESKTOP_HOME) only to tell the first-run screen from the unlock screen.
    """
    from PySide6.QtCore import QEvent, QObject, QTimer

    from rpc_desktop.gui.app import make_application
    from rpc_desktop.gui.main_window import MainWindow

    app = make_application([sys.argv[0]])
    window = MainWindow()

    def screen() -> str:
        current = window.stack.currentWidget()
        if current is window.unlock:
            return "unlock"
        return "first-run" if current is window.first_run.parentWidget() else "other"

    def idle() -> None:
        print(f"rss {_rss_kib()}", flush=True)
        app.quit()

    class FirstPaint(QObject):
        seen = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if not self.seen and event.type() == QEvent.Type.Paint:
                self.seen = True
                QTimer.singleShot(0, shown)
            return False

    def shown() -> None:
        print(f"shown {screen()}", flush=True)
        QTimer.singleShot(300, idle)

    watcher = FirstPaint(window)
    window.installEventFilter(watcher)
    window.show()
    return int(app.exec())


def _rss_kib() -> int:
    try:
        with Path("/proc/self/status").open(encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    try:
        import resource

        return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    except ImportError:  # Windows
        return 0
