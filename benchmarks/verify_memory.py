"""Peak memory of `rpc-desktop verify` and `check` on the worst hostile inputs we can make.

Each input is built in a temporary folder, then given to the command in a fresh process, and
that process's peak resident memory (its rusage, from os.wait4) is reported next to a
baseline in the same run: a process that only imports the same modules and exits. Goal
(issue 11): under 200 MB whatever the input. A command that has not ended in time (five
seconds for a pipe nobody writes to, half a minute for the rest) is stopped and reported as
not ending; one that runs away with memory is held to 4 GB by an address-space limit.

A child's peak counts what its parent held when it forked, so this process stays small:
it imports nothing of the app, and the one input that needs the app's keys and pyHanko (the
stranger-sealed bundle) is built by this script run again with --stranger.

Linux only (rusage, FIFOs, /dev/zero). Builds the demo bundle with `rpc-desktop demo` and
reads it as a zip, so the same script measures an older tree too.
"""

from __future__ import annotations

import io
import os
import resource
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORK = Path(tempfile.mkdtemp(prefix="rpc-bench-memory-"))
ENV = {
    **os.environ,
    "RPC_DESKTOP_HOME": str(WORK / "home"),
    "RPC_DESKTOP_CONFIG": str(WORK / "no-it-config.toml"),
    "QT_QPA_PLATFORM": "offscreen",
    "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p),
}
CLI = [sys.executable, "-m", "rpc_desktop"]
IMPORTS = "import rpc_desktop.cli.entry, rpc_desktop.cli.documents, rpc_desktop.app.context"
BASELINES = {
    "check": [sys.executable, "-c", IMPORTS],
    "verify": [sys.executable, "-c", f"{IMPORTS}, rpc_desktop.documents.verify"],
}
"""Per command: a process that imports what the command imports before it reads its input."""
GOAL_MB = 200
MB = 1024 * 1024
HANG_SECONDS = 5.0
"""How long a pipe nobody writes to is given; anything else gets SLOW_SECONDS."""
SLOW_SECONDS = 30.0
RUNAWAY_LIMIT = 4 * 1024 * MB
DATE_2000 = (2000 - 1980) << 9 | 1 << 5 | 1


@dataclass(frozen=True)
class Run:
    code: int | None
    """None: stopped (it did not end in time)."""
    peak_mb: float
    seconds: float
    said: str


def run(command: list[str], *, limit: int = RUNAWAY_LIMIT, seconds: float = SLOW_SECONDS) -> Run:
    """Run `command` in a fresh process; its peak RSS, exit code and first line of output."""
    out, err = WORK / "stdout", WORK / "stderr"

    def confine() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    start = time.perf_counter()
    with out.open("wb") as o, err.open("wb") as e:
        child = subprocess.Popen(command, stdout=o, stderr=e, env=ENV, preexec_fn=confine)
        stopped = False
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - start > seconds:
                stopped = True
                child.kill()
                _pid, status, usage = os.wait4(child.pid, 0)
                break
            time.sleep(0.01)
    child.returncode = os.waitstatus_to_exitcode(status)  # so Popen does not wait again
    seconds = time.perf_counter() - start
    said = _first_words(out.read_bytes(), err.read_bytes())
    return Run(None if stopped else child.returncode, usage.ru_maxrss / 1024, seconds, said)


def _first_words(out: bytes, err: bytes) -> str:
    text = out.decode("utf-8", "replace")
    if '"problems"' in text:  # verify's JSON: its first problem
        after = text.split('"problems"', 1)[1].split('"')
        return after[1] if len(after) > 1 else ""
    lines = [line for line in err.decode("utf-8", "replace").splitlines() if line.strip()]
    if any("Traceback" in line for line in lines):
        return "traceback: " + lines[-1][:90]
    return lines[0][:160] if lines else text.strip()[:160]


# --- building the inputs -----------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    name: str
    packed: bytes
    method: int
    crc: int
    size: int
    """As the headers declare it (a bomb lies here)."""


def honest(name: str, data: bytes, *, deflate: bool) -> Entry:
    if not deflate:
        return Entry(name, data, 0, zlib.crc32(data), len(data))
    packer = zlib.compressobj(1, zlib.DEFLATED, -15)
    return Entry(name, packer.compress(data) + packer.flush(), 8, zlib.crc32(data), len(data))


def zeros_deflated(megabytes: int) -> bytes:
    """A raw deflate stream of `megabytes` MB of zeros, made in milliseconds: one fully
    flushed (self-contained, byte-aligned) megabyte repeated, then an empty final block."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    one = packer.compress(bytes(MB)) + packer.flush(zlib.Z_FULL_FLUSH)
    return one * megabytes + b"\x03\x00"


def zip_bytes(entries: list[Entry]) -> bytes:
    """A zip as zipfile writes a bundle (no extra fields, no comments), headers as given."""
    body, directory = bytearray(), bytearray()
    for e in entries:
        name = e.name.encode("utf-8")
        common = (20, 0, e.method, 0, DATE_2000, e.crc, len(e.packed), e.size, len(name))
        directory += struct.pack(
            "<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 0x314, *common, 0, 0, 0, 0, 0o644 << 16, len(body)
        )
        directory += name
        body += struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", *common, 0) + name + e.packed
    end = struct.pack(
        "<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(directory), len(body), 0
    )
    return bytes(body + directory + end)


def demo_bundle() -> tuple[Path, list[Entry]]:
    made = run([*CLI, "demo", "--out", str(WORK / "demo")])
    if made.code != 0:
        raise SystemExit(f"rpc-desktop demo failed: {made.said}")
    path = next((WORK / "demo").glob("*.rpcbundle"))
    with zipfile.ZipFile(path) as zf:
        files = {i.filename: zf.read(i) for i in zf.infolist()}
    entries = [honest(n, d, deflate=not n.endswith(".pdf")) for n, d in files.items()]
    return path, entries


def bomb(root: str) -> Entry:
    """Declares 1 KB (both headers agree); inflates to 2 GB."""
    return Entry(f"{root}/data/bomb.pdf", zeros_deflated(2048), 8, zlib.crc32(bytes(1024)), 1024)


def write(name: str, data: bytes) -> Path:
    path = WORK / name
    path.write_bytes(data)
    return path


def stranger_sealed(demo: Path, pdf_mb: tuple[int, ...]) -> Path:
    """Built by another process (see the module's docstring)."""
    sizes = ",".join(str(n) for n in pdf_mb)
    made = run([sys.executable, __file__, "--stranger", str(demo), str(WORK), sizes])
    if made.code != 0:
        raise SystemExit(f"building the stranger-sealed bundle failed: {made.said}")
    return WORK / f"stranger-sealed-{sizes}.rpcbundle"


def build_stranger_sealed(demo: Path, pdf_mb: tuple[int, ...]) -> None:
    """The demo bundle with its four PDFs replaced by PDFs of `pdf_mb` MB each (a page and an
    incompressible stream), signed, and the bag sealed again, by a stranger's keys: intact
    but untrusted, so every check runs on it, the four PDF signatures included."""
    import bagit
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from reportlab.pdfgen import canvas

    from rpc_desktop.documents.bundle import content_fingerprint, document_names
    from rpc_desktop.documents.device import one_off_device
    from rpc_desktop.documents.pades import sign_pdf
    from rpc_desktop.documents.seal import SEAL_FILE, SEALED_FILE, seal_bytes

    with zipfile.ZipFile(demo) as zf:
        files = {i.filename: zf.read(i) for i in zf.infolist()}
    stranger = one_off_device()
    root = next(iter(files)).split("/")[0]
    folder = WORK / "stranger" / root
    for name, data in files.items():
        (folder / Path(name).relative_to(root)).parent.mkdir(parents=True, exist_ok=True)
        (folder / Path(name).relative_to(root)).write_bytes(data)
    (folder / SEAL_FILE).unlink()
    info = (folder / "bag-info.txt").read_text(encoding="utf-8").splitlines()
    reference = next(line.split(": ", 1)[1] for line in info if line.startswith("External-Id"))
    names = document_names(reference)
    for key, size in zip(("rsq-a", "rsq-b", "agreement", "summary"), pdf_mb, strict=True):
        path = folder / "data" / names[key]
        page = io.BytesIO()
        drawn = canvas.Canvas(page)
        drawn.drawString(72, 720, f"{key}: a large document")
        drawn.save()
        writer = IncrementalPdfFileWriter(io.BytesIO(page.getvalue()))
        writer.add_object(generic.StreamObject(stream_data=os.urandom(size * MB)))
        grown = io.BytesIO()
        writer.write(grown)
        path.write_bytes(sign_pdf(grown.getvalue(), stranger.pdf, reason="benchmark"))
    documents = [(folder / "data" / names[k]).read_bytes() for k in ("rsq-a", "rsq-b", "agreement")]
    changed = {
        "RPC-PDF-Certificate-SHA256": stranger.pdf.certificate_sha256,
        "RPC-Bundle-Fingerprint": content_fingerprint(*documents),
        "RPC-Device-Key": stranger.fingerprint,
    }
    lines = [
        f"{tag}: {changed[tag]}" if (tag := line.split(":", 1)[0]) in changed else line
        for line in info
    ]
    (folder / "bag-info.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    bagit.Bag(str(folder)).save(manifests=True)
    seal = stranger.key.seal((folder / SEALED_FILE).read_bytes())
    (folder / SEAL_FILE).write_bytes(seal_bytes(seal))
    entries = [
        honest(
            f"{root}/{p.relative_to(folder).as_posix()}", p.read_bytes(), deflate=p.suffix != ".pdf"
        )
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    ]
    write(f"stranger-sealed-{','.join(map(str, pdf_mb))}.rpcbundle", zip_bytes(entries))


def inputs() -> list[tuple[str, list[str]] | tuple[str, list[str], float]]:
    """What each input is, the command given it, and how long it may run if not SLOW_SECONDS."""
    demo, entries = demo_bundle()
    root = entries[0].name.split("/")[0]
    fill = [
        Entry(f"{root}/data/fill-{n}.pdf", zeros_deflated(1), 8, zlib.crc32(bytes(MB)), MB)
        for n in range(30)
    ]
    huge = Entry(f"{root}/data/huge.pdf", bytes(1024), 0, 0, 3 * 1024 * MB)
    huge_deflated = Entry(huge.name, zeros_deflated(1), 8, 0, 3 * 1024 * MB)
    case = WORK / "huge-case.json"
    with case.open("wb") as handle:  # sparse: 1 GB of zero bytes, made instantly
        handle.truncate(1024 * MB)
    fifo = WORK / "case-fifo.json"
    os.mkfifo(fifo)
    verify = [*CLI, "verify"]
    return [
        ("the demo bundle (intact, for reference)", [*verify, str(demo)]),
        (
            "a zip bomb: an entry declaring 1 KB that inflates to 2 GB",
            [*verify, str(write("bomb.rpcbundle", zip_bytes([*entries, bomb(root)])))],
        ),
        (
            "30 MB of honest entries (near the unpack cap), then the 2 GB bomb",
            [*verify, str(write("filled.rpcbundle", zip_bytes([*entries, *fill, bomb(root)])))],
        ),
        (
            "an entry declaring 3 GB (stored, 1 KB of data)",
            [*verify, str(write("huge-stored.rpcbundle", zip_bytes([*entries, huge])))],
        ),
        (
            "an entry declaring 3 GB (deflated, inflates to 1 MB)",
            [*verify, str(write("huge-deflated.rpcbundle", zip_bytes([*entries, huge_deflated])))],
        ),
        (
            "a stranger-sealed bundle, its four signed PDFs of 7 MB each",
            [*verify, str(stranger_sealed(demo, (7, 7, 7, 7)))],
        ),
        (
            "a stranger-sealed bundle, one signed PDF of 30 MB",
            [*verify, str(stranger_sealed(demo, (30, 0, 0, 0)))],
        ),
        ("check of a 1 GB case file", [*CLI, "check", str(case)]),
        ("check of /dev/zero", [*CLI, "check", "/dev/zero"]),
        ("check of a FIFO nobody writes to", [*CLI, "check", str(fifo)], HANG_SECONDS),
    ]


def main() -> None:
    started = time.perf_counter()
    base = {command: run(imports).peak_mb for command, imports in BASELINES.items()}
    print(
        "baselines (a process that only imports the same modules and exits): "
        + ", ".join(f"{command} {mb:.0f} MB" for command, mb in base.items())
    )
    worst, unended = ("", 0.0), []
    for what, command, *seconds in inputs():
        result = run(command, seconds=seconds[0] if seconds else SLOW_SECONDS)
        met = "met" if result.peak_mb < GOAL_MB and result.code is not None else "NOT met"
        ended = "did not end: stopped" if result.code is None else f"exit {result.code}"
        baseline = base[command[3]]
        print(
            f"peak memory of {command[3]} on {what}: {result.peak_mb:.0f} MB "
            f"(goal < {GOAL_MB} MB: {met}); ours vs baseline: {result.peak_mb:.0f} MB vs "
            f"{baseline:.0f} MB, {result.peak_mb - baseline:+.0f} MB"
        )
        print(f"    {ended} after {result.seconds:.1f} s: {result.said}")
        if result.peak_mb > worst[1]:
            worst = (what, result.peak_mb)
        if result.code is None:
            unended.append(what)
    verdict = "met" if worst[1] < GOAL_MB and not unended else "NOT met"
    print(
        f"worst: {worst[1]:.0f} MB on {worst[0]}"
        + (f"; did not end on {', '.join(unended)}" if unended else "")
        + f" (goal < {GOAL_MB} MB: {verdict}); the benchmark took "
        f"{time.perf_counter() - started:.0f} s"
    )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--stranger"]:
        shutil.rmtree(WORK, ignore_errors=True)
        WORK = Path(sys.argv[3])
        build_stranger_sealed(Path(sys.argv[2]), tuple(int(n) for n in sys.argv[4].split(",")))
        raise SystemExit(0)
    try:
        main()
    finally:
        shutil.rmtree(WORK, ignore_errors=True)
