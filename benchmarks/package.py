"""Our one-folder PyInstaller build next to a bare six-page QWizard built the same way.

Both are built in this run by packaging/rpc_desktop.spec (the bare one with `--bare`, so the
options are the same: one folder, strip, upx off, the same excludes, Qt plugin and
translation filters), then:

1. Size on disk of each dist folder (MB = 10^6 bytes, regular files). Goal: ours ≤ 1.3× bare.
2. Packed size: each folder as .tar.gz by packaging/linux/pack.py (ours with the desktop
   entry, icon and install.sh, as released). Goal as 1.
3. Start to first painted window, in fresh processes, QT_QPA_PLATFORM=offscreen: the parent's
   clock from spawn to the first sign the window has painted. Ours is the built program as
   a user starts it (with a store present, so the unlock screen), and the sign is the line
   it logs once its first window has painted (on stderr too, with --verbose); the bare one
   prints "shown" (`bare-wizard --first-window`). 5 runs each after a warm-up, interleaved,
   median. Goal: ratio ≤ 2.0. Their idle resident memory (read from /proc ~300 ms later) beside it.

When the size goal is missed, the biggest differences between the two folders are listed.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "packaging" / "linux"))

from _common import report  # noqa: E402
from pack import EXTRAS, pack  # noqa: E402

from rpc_desktop import __version__  # noqa: E402
from rpc_desktop.store.keys import calibrate  # noqa: E402
from rpc_desktop.store.store import Store  # noqa: E402

PAINTED = "first window painted: "

SPEC = ROOT / "packaging" / "rpc_desktop.spec"
BARE_SCRIPT = Path(__file__).resolve().parent / "_bare_wizard.py"
START_RUNS = 5
SIZE_GOAL, START_GOAL = 1.3, 2.0


def build(work: Path, *extra: str) -> float:
    """Seconds for a clean PyInstaller build of the spec into work/dist."""
    t = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "ERROR"]
        + ["--distpath", str(work / "dist"), "--workpath", str(work / "build"), str(SPEC)]
        + (["--", *extra] if extra else []),
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise RuntimeError(f"PyInstaller failed:\n{done.stdout}\n{done.stderr}")
    return time.perf_counter() - t


def file_sizes(folder: Path) -> dict[str, int]:
    sizes = {}
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            sizes[str(path.relative_to(folder))] = path.stat().st_size
    return sizes


def mb(n: float) -> str:
    return f"{n / 1e6:.1f} MB"


def verdict(ratio: float, goal: float) -> str:
    return f"goal ≤ {goal:.1f}: {'met' if ratio <= goal else 'NOT met'}"


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def spawn_bare(command: list[str], env: dict[str, str]) -> tuple[float, int, str]:
    """Seconds from spawn to "shown", the idle resident memory in KiB, and the screen."""
    t = time.perf_counter()
    child = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    elapsed = time.perf_counter() - t
    try:
        rest, errors = child.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        child.kill()
        rest, errors = child.communicate()
    if not line.startswith("shown") or not rest.startswith("rss "):
        raise RuntimeError(f"{command[0]} failed: {line!r} {rest!r}\n{errors}")
    return elapsed, int(rest.split()[1]), line.split(maxsplit=1)[1].strip()


def spawn_ours(command: list[str], env: dict[str, str]) -> tuple[float, int, str]:
    """The same figures for the app, started as a user starts it (with --verbose, so its log
    also reaches stderr): from spawn to its "first window painted" line; the memory ~300 ms
    later; then it is stopped."""
    t = time.perf_counter()
    child = subprocess.Popen(
        [*command, "--verbose"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stderr is not None
    line = ""
    try:
        for line in child.stderr:
            if PAINTED in line:
                break
        else:
            raise RuntimeError(f"{command[0]} exited {child.wait()} before painting")
        elapsed = time.perf_counter() - t
        time.sleep(0.3)
        rss = rss_kib(child.pid)
    finally:
        child.terminate()
        child.communicate(timeout=30)
    return elapsed, rss, line.split(PAINTED, 1)[1].split()[0]


def biggest_differences(ours: dict[str, int], bare: dict[str, int], top: int = 12) -> None:
    """Group by the first folder under _internal (deeper inside PySide6/Qt), then list the
    groups that add the most."""

    def group(name: str) -> str:
        parts = Path(name).parts
        if parts[0] != "_internal":
            return parts[0] + " (the executable: its PYZ holds the Python modules)"
        depth = 4 if parts[1:3] == ("PySide6", "Qt") else 2
        return "/".join(parts[1:depth]) if len(parts) > depth else "/".join(parts[1:])

    a: Counter[str] = Counter()
    b: Counter[str] = Counter()
    for name, size in ours.items():
        a[group(name)] += size
    for name, size in bare.items():
        b[group(name.replace("bare-wizard", "rpc-desktop", 1))] += size
    diff = sorted(a.keys() | b.keys(), key=lambda k: b[k] - a[k])
    print(f"  what ours adds (ours − bare), the {top} largest:")
    for key in diff[:top]:
        print(
            f"    {(a[key] - b[key]) / 1e6:+7.1f} MB  {key}  (ours {mb(a[key])}, bare {mb(b[key])})"
        )


def main() -> None:
    began = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="rpc-package-bench-"))
    try:
        ours_work, bare_work = work / "ours", work / "bare"
        t_ours = build(ours_work)
        t_bare = build(bare_work, "--bare", str(BARE_SCRIPT), "--name", "bare-wizard")
        ours_dir = ours_work / "dist" / "rpc-desktop"
        bare_dir = bare_work / "dist" / "bare-wizard"
        print(
            f"clean build (PyInstaller --clean): ours {t_ours:.0f} s, bare {t_bare:.0f} s (no goal)"
        )

        ours_sizes, bare_sizes = file_sizes(ours_dir), file_sizes(bare_dir)
        so, sb = sum(ours_sizes.values()), sum(bare_sizes.values())
        size_ratio = so / sb
        print(
            f"size on disk (dist folder): ours {mb(so)} ({len(ours_sizes)} files), bare "
            f"{mb(sb)} ({len(bare_sizes)} files), ratio {size_ratio:.2f} "
            f"({verdict(size_ratio, SIZE_GOAL)})"
        )
        t = time.perf_counter()
        ours_tar = pack(ours_dir, work / f"rpc-desktop-{__version__}.tar.gz", "rpc-desktop", EXTRAS)
        pack_seconds = time.perf_counter() - t
        bare_tar = pack(bare_dir, work / "bare-wizard.tar.gz", "bare-wizard")
        po, pb = ours_tar.stat().st_size, bare_tar.stat().st_size
        print(
            f"packed (.tar.gz, gzip level 6): ours {mb(po)}, bare {mb(pb)}, ratio "
            f"{po / pb:.2f} ({verdict(po / pb, SIZE_GOAL)}); packing ours took "
            f"{pack_seconds:.1f} s"
        )

        home = work / "start-home"
        Store.create(home, "benchmark passphrase", kdf=calibrate(0.05)).close(backup=False)
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "RPC_DESKTOP_HOME": str(home)}
        ours_cmd = [str(ours_dir / "rpc-desktop")]
        bare_cmd = [str(bare_dir / "bare-wizard"), "--first-window"]
        spawn_ours(ours_cmd, env)  # warm-up: the disk cache
        spawn_bare(bare_cmd, env)
        ours_t: list[float] = []
        bare_t: list[float] = []
        ours_m: list[int] = []
        bare_m: list[int] = []
        for _ in range(START_RUNS):
            elapsed, rss, screen = spawn_ours(ours_cmd, env)
            if screen != "unlock":
                raise RuntimeError(f"ours showed {screen!r}, not the unlock screen")
            ours_t.append(elapsed)
            ours_m.append(rss)
            elapsed, rss, _ = spawn_bare(bare_cmd, env)
            bare_t.append(elapsed)
            bare_m.append(rss)
        start_ratio = report(
            f"start to first painted window, built binaries ({START_RUNS} fresh processes "
            f"each, interleaved, median; ours on the unlock screen)",
            ours_t,
            bare_t,
            goal=START_GOAL,
        )
        ro, rb = statistics.median(ours_m) / 1024, statistics.median(bare_m) / 1024
        print(
            f"idle resident memory (VmRSS ~300 ms after showing): ours {ro:.1f} MiB, bare "
            f"{rb:.1f} MiB, ratio {ro / rb:.2f} (no goal here; benchmarks/gui.py has one)"
        )
        if size_ratio > SIZE_GOAL:
            print(
                f"  size goal missed by {(size_ratio - SIZE_GOAL) * sb / 1e6:.1f} MB "
                f"({size_ratio:.2f} against {SIZE_GOAL})"
            )
            biggest_differences(ours_sizes, bare_sizes)
        if start_ratio > START_GOAL:
            print(f"  start goal missed: ratio {start_ratio:.2f} against {START_GOAL}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"(whole run {time.perf_counter() - began:.0f} s)")


if __name__ == "__main__":
    main()
