"""`rpc-desktop self-test`: IT's check that an installed copy works, with no screen.

Everything happens in a new temporary folder with its own application context, so no one's
real data is read or touched: the shipped resources load, IT's machine configuration (if
there is one) is valid and every user can read it and what it names (but not change them),
Qt starts offscreen with the app's main window, an encrypted store is created with the real
key derivation and opened again, the demo family's bundle is built and verified (and a
tampered copy is not), QtPdf renders one of its PDFs, the figures export (CSV, XLSX) reads
back and their charts draw, and nothing used the network. The checks after the
configuration's own run with no machine configuration (their context is given an empty
one, and nothing in the environment points anywhere else), so a machine's choice of schemes
or its signing key cannot fail them. One line per check (a FAIL's problems each on a line
below it), then a summary; exit 0 only when every check passed.

The same code runs from a checkout, an installed wheel and the PyInstaller build, which is
the point: it finds what a build left out (a resource, a migration script, a Qt plugin, a
lazy import).
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from rpc_desktop import __version__
from rpc_desktop.app import paths
from rpc_desktop.cli.output import EXIT_FAILED, EXIT_OK

if TYPE_CHECKING:
    from rpc_desktop.app.context import AppContext

HOME_ENV = paths.HOME_ENV


class Failed(Exception):
    """A check found something wrong (reported without an exception name); each of its
    `details` is printed on a line of its own below the FAIL line."""

    def __init__(self, message: str, *, details: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.details = tuple(details)


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
    _app: AppContext | None = None

    @property
    def app(self) -> AppContext:
        """The application context of the run: the temporary folder, no machine
        configuration, Argon2id at the real memory cost calibrated to half its usual time."""
        if self._app is None:
            from rpc_desktop.app.config import MachineConfig
            from rpc_desktop.app.context import AppContext, calibrated

            self._app = AppContext(
                home=self.home,
                config=MachineConfig(),
                kdf=calibrated(0.25),
                resources=paths.resources_dir(),
            )
        return self._app


@dataclass(frozen=True)
class Check:
    name: str
    run: Callable[[Context], str]
    """Returns the PASS line's detail (more lines go below it); raises to fail (or Skipped)."""


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
    ]
    if missing := [str(p) for p in needed if not p.is_file()]:
        raise FileNotFoundError("missing " + ", ".join(missing))
    return f"{len(packs.schemes)} schemes, {len(packs.agreements)} agreements, questionnaires"


def check_machine_config(ctx: Context) -> str:
    """IT's file as the app reads it and as an ordinary user meets it and what it names (by
    modes and owners: root opens anything), then the signing mode in force, below."""
    from rpc_desktop.app.config import load, placed
    from rpc_desktop.app.config_access import CHECKED, setup_problems, signing_report
    from rpc_desktop.app.context import configured_packs

    path = ctx.machine_config
    if path is None or not placed(path):
        return f"none at {path} (every setting at its default)"
    config = load(path)
    if problems := setup_problems(path, paths.resources_dir()):
        said = problems[0] if len(problems) == 1 else f"{len(problems)} problems, each below"
        raise Failed(said, details=problems[len(problems) == 1 :] + signing_report(config))
    access = "users can read what it names, only root can change it"
    said = f"{path} read, every key valid; {access if CHECKED else 'access: the installer sets it'}"
    packs = configured_packs(config, paths.resources_dir())  # IT's newer shipped packs, named
    said = "; ".join([said, *(str(o) for o in packs.overrides)])
    return "\n".join([said, *signing_report(config)])


def check_qt(ctx: Context) -> str:
    from rpc_desktop.gui.selfcheck import show_main_window

    try:
        return show_main_window(ctx.app)
    except RuntimeError as exc:
        raise Failed(str(exc)) from exc


def check_store(ctx: Context) -> str:
    import secrets

    from rpc_desktop.app.documents import demo_case
    from rpc_desktop.app.workspace import Workspace

    passphrase = secrets.token_urlsafe(18)
    demo = demo_case(ctx.app)
    workspace = Workspace.create(ctx.app, passphrase, actor="self-test")
    try:
        workspace.add_case(demo)
        database = workspace.database_file
    finally:
        workspace.close(backup=False)
    if database.read_bytes()[:16].startswith(b"SQLite format 3"):
        raise Failed("the database file is not encrypted")
    workspace = Workspace.open(ctx.app, passphrase, actor="self-test")
    try:
        if workspace.load(demo.reference)[0].reference != demo.reference:
            raise Failed("the case read back is not the case saved")
        if problems := workspace.integrity_problems():
            raise Failed("integrity check: " + "; ".join(problems))
        chain = workspace.verify_audit()
        if not chain.intact:
            raise Failed(f"audit log: {chain.problem or 'the hash chain is broken'}")
    finally:
        workspace.close(backup=False)
    return "SQLCipher + Argon2id: created, reopened, case read back, audit chain intact"


def check_bundle(ctx: Context) -> str:
    """The demo family's bundle, as `rpc-desktop demo` builds it."""
    from rpc_desktop.app.documents import build, demo_case

    built = build(ctx.app, demo_case(ctx.app), ctx.work / "bundles")
    if not built.file.is_file():
        raise FileNotFoundError(f"no bundle file at {built.file}")
    ctx.bundle = built.file
    ctx.documents = sorted((built.folder / "data").iterdir())
    ctx.device_key = built.device_fingerprint
    pdfs = [p for p in ctx.documents if p.suffix == ".pdf"]
    return f"{len(pdfs)} PDFs and an email draft, {built.file.stat().st_size // 1024} KB sealed"


def check_verify(ctx: Context) -> str:
    from rpc_desktop.app.documents import verify
    from rpc_desktop.errors import VerifyError

    if ctx.bundle is None:
        raise Skipped("no bundle to verify (the bundle check failed)")
    result = verify(ctx.app, ctx.bundle, [ctx.device_key])
    if not result.ok:
        raise Failed(f"{result.status.value}: " + "; ".join(result.problems))
    tampered = ctx.work / "tampered.rpcbundle"
    data = bytearray(ctx.bundle.read_bytes())
    data[len(data) // 2] ^= 0x01
    tampered.write_bytes(bytes(data))
    try:
        caught = not verify(ctx.app, tampered, [ctx.device_key]).ok
    except VerifyError:  # unreadable also counts as refused
        caught = True
    if not caught:
        raise Failed("a bundle with one byte changed was accepted")
    return "seal and SHA-256 manifests intact; a one-byte change is refused"


def check_encryption(ctx: Context) -> str:
    """The bundle as it travels: encrypted to a team lead's key (age), opened with it,
    refused to any other."""
    from rpc_desktop.app.documents import encryption_round_trip
    from rpc_desktop.errors import BundleError

    if ctx.bundle is None:
        raise Skipped("no bundle to encrypt (the bundle check failed)")
    try:
        size = encryption_round_trip(ctx.bundle.read_bytes())
    except BundleError as exc:
        raise Failed(str(exc)) from exc
    return f"age: encrypted ({size // 1024} KB), opened, refused to another key"


def check_pdf(ctx: Context) -> str:
    from rpc_desktop.gui.selfcheck import render_pdf

    pdfs = [p for p in ctx.documents if p.suffix == ".pdf"]
    if not pdfs:
        raise Skipped("no PDF to open (the bundle check failed)")
    try:
        return render_pdf(pdfs[-1])
    except RuntimeError as exc:
        raise Failed(str(exc)) from exc


def check_figures(ctx: Context) -> str:
    from rpc_desktop.gui.selfcheck import figures_round_trip

    try:
        return figures_round_trip(ctx.app, ctx.work)
    except RuntimeError as exc:
        raise Failed(str(exc)) from exc


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
    Check("bundle encrypts to a team lead's key", check_encryption),
    Check("QtPdf renders a bundle PDF", check_pdf),
    Check("figures export and charts", check_figures),
    Check("no network use", check_network),
)


# --- running them -------------------------------------------------------------------------


@contextlib.contextmanager
def _environment(home: Path) -> Iterator[None]:
    """The data folder in the temporary folder, for anything that asks the environment
    rather than the run's context; and Qt offscreen. Both as they were afterwards."""
    names = (HOME_ENV, "QT_QPA_PLATFORM")
    saved = {name: os.environ.get(name) for name in names}
    os.environ[HOME_ENV] = str(home)
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before Qt is imported
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _reason(exc: Exception) -> str:
    text = str(exc).strip()
    first = text.splitlines()[0] if text else ""
    if isinstance(exc, Failed):
        return first
    return f"{type(exc).__name__}: {first}" if first else type(exc).__name__


def describe() -> str:
    import platform

    if getattr(sys, "frozen", False):
        how = "PyInstaller build"
    elif "site-packages" in Path(__file__).parts:
        how = "installed package"
    else:
        how = "from source"
    return (
        f"rpc-desktop {__version__} self-test ({how}; Python {platform.python_version()}, "
        f"{platform.system()} {platform.machine()})"
    )


def run(*, out: TextIO | None = None, checks: Sequence[Check] = CHECKS) -> int:
    """Run the checks; 0 when all passed, 1 otherwise. Nothing outside a temp folder is used."""
    import shutil
    import tempfile

    from rpc_desktop.app.config import config_path

    out = out or sys.stdout
    print(describe(), file=out, flush=True)
    work = Path(tempfile.mkdtemp(prefix="rpc-desktop-selftest-"))
    ctx = Context(work=work, home=work / "home", machine_config=config_path())
    passed = 0
    began = time.perf_counter()
    try:
        with _environment(ctx.home), _no_network(ctx.network):
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
                    for detail in getattr(exc, "details", ()):
                        print(f"      - {detail}", file=out, flush=True)
                    continue
                ms = (time.perf_counter() - t) * 1000
                first, *more = detail.split("\n")
                print(f"PASS  {check.name} ({ms:.0f} ms): {first}", file=out, flush=True)
                for line in more:
                    print(f"      - {line}", file=out, flush=True)
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
