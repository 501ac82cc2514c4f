"""The PyInstaller spec without building: it runs here with stand-ins for PyInstaller's
Analysis/PYZ/EXE/COLLECT, and what it hands them is checked. `make test` builds for real
(`make selftest-package`) and runs the built binary's self-test."""

from __future__ import annotations

import re
import subprocess
import sys
import tarfile
import types
from pathlib import Path
from typing import Any

import pytest

import rpc_desktop
from tests.helpers import ROOT

SPEC = ROOT / "packaging" / "rpc_desktop.spec"
QT_LIB = Path(__import__("PySide6").__file__).parent / "Qt" / "lib"


class Recorder:
    made: list[Recorder]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.args = args
        self.kwargs = kwargs
        self.made.append(self)


def stand_ins(
    binaries: list[tuple[str, str, str]],
) -> tuple[dict[str, type[Recorder]], dict[str, list[Recorder]]]:
    """Classes named as PyInstaller's, and the objects the spec made of each."""
    made: dict[str, list[Recorder]] = {"Analysis": [], "PYZ": [], "EXE": [], "COLLECT": []}

    class Analysis(Recorder):
        def __init__(self, scripts: list[str], **kwargs: Any) -> None:
            super().__init__(scripts, **kwargs)
            # As PyInstaller's TOC: (name in the bundle, source, kind), plus what Qt's hooks add.
            self.datas = [
                (str(Path(dest) / Path(src).name), src, "DATA") for src, dest in kwargs["datas"]
            ] + [
                ("PySide6/Qt/translations/qtbase_en.qm", "x", "DATA"),
                ("PySide6/Qt/translations/qtbase_de.qm", "x", "DATA"),
                ("PySide6/translations/qt_fr.qm", "x", "DATA"),
            ]
            self.binaries = list(binaries)
            self.pure: list[Any] = []
            self.scripts: list[Any] = []

    classes = {
        name: type(name, (Analysis if name == "Analysis" else Recorder,), {"made": made[name]})
        for name in made
    }
    return classes, made


def run_spec(
    monkeypatch: pytest.MonkeyPatch,
    *args: str,
    platform: str = "linux",
    binaries: list[tuple[str, str, str]] | None = None,
) -> tuple[dict[str, Any], dict[str, list[Any]]]:
    """Run the spec as PyInstaller would (sys.argv after `--`), on `platform`."""
    pytest.importorskip("PyInstaller")  # copy_metadata; `make test` installs the extra
    classes, made = stand_ins(binaries or [])
    namespace: dict[str, Any] = {"SPECPATH": str(SPEC.parent), "__name__": "__main__", **classes}
    monkeypatch.setattr(sys, "argv", [str(SPEC), *args])
    monkeypatch.setattr(sys, "platform", platform)
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    return namespace, made


def spec_functions() -> dict[str, Any]:
    """The spec's helper functions, without running its build part."""
    source = SPEC.read_text(encoding="utf-8").split("\nOPTIONS = ")[0]
    namespace: dict[str, Any] = {"SPECPATH": str(SPEC.parent)}
    exec(compile(source, str(SPEC), "exec"), namespace)
    return namespace


# --- the version ---------------------------------------------------------------------------


def test_version_comes_from_the_package_init() -> None:
    assert spec_functions()["read_version"](ROOT / "rpc_desktop" / "__init__.py") == (
        rpc_desktop.__version__
    )


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('__version__ = "2.10.0"', "2.10.0"),
        ("__version__ = '1.0.0rc1'", "1.0.0rc1"),
        ('__version__="0.3"', "0.3"),
    ],
)
def test_read_version_forms(tmp_path: Path, line: str, expected: str) -> None:
    init = tmp_path / "__init__.py"
    init.write_text(f'"""Doc."""\n\n{line}\nAPP_NAME = "x"\n', encoding="utf-8")
    assert spec_functions()["read_version"](init) == expected


def test_read_version_refuses_a_file_without_one(tmp_path: Path) -> None:
    init = tmp_path / "__init__.py"
    init.write_text('VERSION = "1.0"\n', encoding="utf-8")
    with pytest.raises(SystemExit, match="__version__"):
        spec_functions()["read_version"](init)


@pytest.mark.parametrize(
    ("version", "expected"),
    [
        ("0.1.0", (0, 1, 0, 0)),
        ("1.2.3rc4", (1, 2, 3, 0)),
        ("2", (2, 0, 0, 0)),
        ("1.2+g1", (1, 2, 0, 0)),
    ],
)
def test_windows_file_version_is_four_numbers(version: str, expected: tuple[int, ...]) -> None:
    assert spec_functions()["windows_version_tuple"](version) == expected


def test_makefile_names_the_tarball_with_the_same_version() -> None:
    out = subprocess.run(
        ["make", "-s", "--no-print-directory", "-C", str(ROOT), "-f", "Makefile", "-f", "-", "v"],
        input="v:\n\t@echo $(TARBALL)\n",
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert re.fullmatch(
        rf"dist/rpc-desktop-{re.escape(rpc_desktop.__version__)}-linux-\w+\.tar\.gz", out
    )


# --- what the spec hands PyInstaller -------------------------------------------------------


def test_linux_build_is_one_folder_stripped_with_the_app_data(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ns, made = run_spec(monkeypatch)
    (analysis,) = made["Analysis"]
    (exe,) = made["EXE"]
    (collect,) = made["COLLECT"]
    assert analysis.args[0] == [str(ROOT / "rpc_desktop" / "__main__.py")]
    assert exe.kwargs["exclude_binaries"] is True  # one folder: binaries go to COLLECT
    assert exe.kwargs["name"] == "rpc-desktop" and exe.kwargs["console"] is True
    assert exe.kwargs["strip"] is True and exe.kwargs["upx"] is False
    assert exe.kwargs["icon"] is None and exe.kwargs["version"] is None  # Windows only
    assert collect.kwargs["strip"] is True and collect.kwargs["upx"] is False
    assert collect.kwargs["name"] == "rpc-desktop"
    assert ns["VERSION"] == rpc_desktop.__version__

    datas = analysis.kwargs["datas"]
    assert (str(ROOT / "rpc_desktop" / "resources"), "rpc_desktop/resources") in datas
    migrations = ROOT / "rpc_desktop" / "store" / "migrations"
    for path in [migrations / "env.py", migrations / "script.py.mako"]:
        assert (str(path), "rpc_desktop/store/migrations") in datas
    versions = sorted((migrations / "versions").glob("*.py"))
    assert versions
    for path in versions:
        assert (str(path), "rpc_desktop/store/migrations/versions") in datas
    assert not [d for d in datas if "__pycache__" in d[0]]
    names = {Path(src).name for src, _ in datas}
    assert any(n.startswith("bagit-") and n.endswith(".dist-info") for n in names)


def test_every_module_of_ours_and_the_migrations_imports_are_hidden_imports(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, made = run_spec(monkeypatch)
    hidden = set(made["Analysis"][0].kwargs["hiddenimports"])
    ours = {
        ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for p in (ROOT / "rpc_desktop").rglob("*.py")
        if "migrations" not in p.parts and p.name != "__main__.py"
    }
    assert ours <= hidden
    assert {"rpc_desktop.gui.main_window", "rpc_desktop.cli.selftest"} <= hidden
    assert any(m.startswith("rpc_desktop.gui.forms.ui_") for m in hidden)
    assert {"alembic", "sqlalchemy", "rpc_desktop.store.tables"} <= hidden
    assert "sqlalchemy.dialects.sqlite.pysqlcipher" in hidden


def test_unused_qt_modules_are_excluded_and_used_ones_kept(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, made = run_spec(monkeypatch)
    excludes = set(made["Analysis"][0].kwargs["excludes"])
    used = set(re.findall(r"PySide6\.(Qt\w+)", _our_source()))
    assert used, "no Qt import found in rpc_desktop"
    assert not {f"PySide6.{m}" for m in used} & excludes
    assert {"PySide6.QtNetwork", "PySide6.QtQml", "PySide6.QtWebEngineCore"} <= excludes
    assert {"tkinter", "pytest"} <= excludes
    # Imported when pyHanko and reportlab load: excluded, so the build gives stand-ins.
    assert {"aiohttp", "ssl", "PIL", "multiprocessing"} <= excludes
    hooks = {Path(h).name for h in made["Analysis"][0].kwargs["runtime_hooks"]}
    assert hooks == {"no_network_clients.py", "no_pillow.py", "no_multiprocessing.py"}
    assert all(Path(h).is_file() for h in made["Analysis"][0].kwargs["runtime_hooks"])


def test_the_stand_ins_work_where_pyhanko_and_reportlab_import_them() -> None:
    hooks = ROOT / "packaging" / "runtime_hooks"
    script = f"""
import runpy, sys
for hook in ("no_pillow.py", "no_network_clients.py"):
    runpy.run_path({str(hooks)!r} + "/" + hook)
import reportlab.lib.utils, pyhanko.sign, pyhanko.sign.validation, aiohttp
from pyhanko_certvalidator.fetchers.aiohttp_fetchers.util import LazySession
assert reportlab.lib.utils.haveImages is False
assert "PIL.Image" not in sys.modules and "yarl" not in sys.modules
assert "certifi" not in sys.modules
for made in (aiohttp.ClientSession, LazySession):
    try:
        made()
    except RuntimeError as exc:
        assert "no network client" in str(exc)
    else:
        raise AssertionError(made)
print("ok")
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.stdout.strip() == "ok", done.stderr


def test_bagit_bags_and_checks_with_the_multiprocessing_stand_in(tmp_path: Path) -> None:
    hook = ROOT / "packaging" / "runtime_hooks" / "no_multiprocessing.py"
    folder = tmp_path / "bag"
    folder.mkdir()
    (folder / "a.txt").write_text("a")
    script = f"""
import logging, runpy, sys
runpy.run_path({str(hook)!r})
import bagit, multiprocessing
bag = bagit.make_bag({str(folder)!r}, checksums=["sha256"])
bagit.Bag({str(folder)!r}).validate()
logging.getLogger("x").warning("a log record is still made")
try:
    multiprocessing.Pool(2)
except RuntimeError as exc:
    assert "no other processes" in str(exc)
else:
    raise AssertionError("a process pool was made")
print("ok")
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.stdout.strip() == "ok", done.stderr


def _our_source() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "rpc_desktop").rglob("*.py"))


def test_only_english_qt_translations_are_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    _, made = run_spec(monkeypatch)
    dests = {d for d, _, _ in made["Analysis"][0].datas}
    assert "PySide6/Qt/translations/qtbase_en.qm" in dests
    assert "PySide6/Qt/translations/qtbase_de.qm" not in dests
    assert "PySide6/translations/qt_fr.qm" not in dests
    assert "rpc_desktop/store/migrations/env.py" in dests  # the app's own data stays
    keep = spec_functions()["keep_data"]
    assert not keep("PySide6/Qt/lib/QtQuick.framework/Resources/Info.plist")
    assert keep("PySide6/Qt/lib/QtGui.framework/Resources/Info.plist")
    assert keep("holidays-0.109.dist-info/METADATA")  # its version
    assert not keep("holidays-0.109.dist-info/RECORD")
    assert not keep("cryptography-50.0.2.dist-info/sboms/sbom.json")


def test_qt_plugins_for_embedded_screens_and_the_virtual_keyboard_are_dropped() -> None:
    keep = spec_functions()["keep_binary"]
    plugins = "PySide6/Qt/plugins/"
    for dest in [
        plugins + "platforms/libqxcb.so",
        plugins + "platforms/libqwayland.so",
        plugins + "platforms/libqoffscreen.so",
        plugins + "platforms/qwindows.dll",
        plugins + "imageformats/libqsvg.so",
        "PySide6/Qt/lib/libQt6Pdf.so.6",
        "PySide6/Qt/lib/libQt6Widgets.so.6",
        "PySide6/Qt/lib/libQt6QuickWidgets.so.6",
        "libQt6Core.so.6",
        "sqlcipher3/_sqlite3.cpython-311-x86_64-linux-gnu.so",
    ]:
        assert keep(dest), dest
    for dest in [
        plugins + "platforminputcontexts/libqtvirtualkeyboardplugin.so",
        plugins + "platforminputcontexts/qtvirtualkeyboardplugin.dll",
        plugins + "platforms/libqeglfs.so",
        plugins + "platforms/libqvnc.so",
        plugins + "generic/libqtuiotouchplugin.so",
        "PySide6/Qt/lib/libQt6Quick.so.6",
        "PySide6/Qt/lib/libQt6Qml.so.6",
        "libQt6Quick.so.6",
        "PySide6/Qt6Quick.dll",
    ]:
        assert not keep(dest), dest


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads ELF files")
def test_build_stops_if_a_kept_library_needs_a_dropped_one(monkeypatch: pytest.MonkeyPatch) -> None:
    quick, widgets = QT_LIB / "libQt6Quick.so.6", QT_LIB / "libQt6QuickWidgets.so.6"
    if not (quick.exists() and widgets.exists()):
        pytest.skip("this PySide6 has no QtQuick libraries")
    binaries = [
        ("PySide6/Qt/lib/libQt6Quick.so.6", str(quick), "BINARY"),
        ("PySide6/Qt/lib/libQt6QuickWidgets.so.6", str(widgets), "BINARY"),
    ]
    with pytest.raises(SystemExit, match=r"libQt6QuickWidgets\.so\.6 needs libQt6Quick\.so\.6"):
        run_spec(monkeypatch, binaries=binaries)
    _, made = run_spec(monkeypatch, binaries=binaries[:1])
    assert made["Analysis"][0].binaries == []


def test_windows_build_has_a_windowed_and_a_console_executable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    versioninfo = types.ModuleType("PyInstaller.utils.win32.versioninfo")
    for name in (
        "VSVersionInfo",
        "FixedFileInfo",
        "StringFileInfo",
        "StringTable",
        "StringStruct",
        "VarFileInfo",
        "VarStruct",
    ):
        setattr(versioninfo, name, type(name, (Recorder,), {"made": []}))
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.win32.versioninfo", versioninfo)
    _, made = run_spec(monkeypatch, platform="win32")
    gui, cli = made["EXE"]
    assert (gui.kwargs["name"], gui.kwargs["console"]) == ("rpc-desktop", False)
    assert (cli.kwargs["name"], cli.kwargs["console"]) == ("rpc-desktop-cli", True)
    assert gui.kwargs["strip"] is False and gui.kwargs["icon"].endswith("rpc-desktop.ico")
    fixed = gui.kwargs["version"].kwargs["ffi"]
    major, minor, patch = (int(n) for n in rpc_desktop.__version__.split(".")[:3])
    assert fixed.kwargs["filevers"] == (major, minor, patch, 0)
    (collect,) = made["COLLECT"]
    assert collect.args[:2] == (gui, cli)  # one folder shared by both


def test_bare_baseline_gets_the_same_options_and_none_of_our_data(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    script = ROOT / "benchmarks" / "_bare_wizard.py"
    _, ours = run_spec(monkeypatch)
    _, bare = run_spec(monkeypatch, "--bare", str(script), "--name", "bare-wizard")
    a_ours, a_bare = ours["Analysis"][0], bare["Analysis"][0]
    assert a_bare.args[0] == [str(script)]
    assert a_bare.kwargs["datas"] == [] and a_bare.kwargs["hiddenimports"] == []
    assert a_bare.kwargs["excludes"] == a_ours.kwargs["excludes"]
    exe_ours, exe_bare = ours["EXE"][0].kwargs, bare["EXE"][0].kwargs
    assert exe_bare["name"] == "bare-wizard"
    for option in ("strip", "upx", "console", "exclude_binaries", "debug"):
        assert exe_bare[option] == exe_ours[option], option


# --- the Linux archive ----------------------------------------------------------------------


def test_pack_puts_the_app_and_its_desktop_files_under_one_folder(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "packaging" / "linux"))
    try:
        import pack  # type: ignore[import-not-found]
    finally:
        sys.path.pop(0)
    app = tmp_path / "rpc-desktop"
    (app / "_internal" / "resources").mkdir(parents=True)
    (app / "rpc-desktop").write_text("#!/bin/sh\n")
    (app / "rpc-desktop").chmod(0o755)
    (app / "_internal" / "resources" / "x.toml").write_text("x = 1\n")
    out = pack.pack(app, tmp_path / "out.tar.gz", "rpc-desktop-9.9.9", pack.EXTRAS)
    with tarfile.open(out) as archive:
        names = set(archive.getnames())
        assert archive.getmember("rpc-desktop-9.9.9/rpc-desktop").mode & 0o111
    assert {
        "rpc-desktop-9.9.9/rpc-desktop",
        "rpc-desktop-9.9.9/_internal/resources/x.toml",
        "rpc-desktop-9.9.9/rpc-desktop.desktop",
        "rpc-desktop-9.9.9/rpc-desktop.svg",
        "rpc-desktop-9.9.9/rpc-desktop.png",
        "rpc-desktop-9.9.9/install.sh",
    } <= names
    assert all(n == "rpc-desktop-9.9.9" or n.startswith("rpc-desktop-9.9.9/") for n in names)
    with pytest.raises(SystemExit, match="one-folder"):
        pack.pack(tmp_path, tmp_path / "bad.tar.gz", "x")

    # From the command line the folder is named as the archive (docs/deploying.md).
    assert pack.main([str(app), str(tmp_path / "rpc-desktop-9.9.9-linux-x86_64.tar.gz")]) == 0
    with tarfile.open(tmp_path / "rpc-desktop-9.9.9-linux-x86_64.tar.gz") as archive:
        assert "rpc-desktop-9.9.9-linux-x86_64/install.sh" in archive.getnames()
