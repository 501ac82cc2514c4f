"""Hostile files given to the headless commands, each in a process of its own (issue 11): a
case file that is a pipe, a device, a folder or huge; a zip bomb given to `verify`; and an
output pipe closed by its reader. None may hang, exhaust memory or end in a traceback."""

from __future__ import annotations

import os
import resource
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest

from rpc_desktop.app import paths
from rpc_desktop.cli import main
from tests.helpers import DEMO_CASE, fast_context

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="pipes, /dev/zero and /proc are Linux's"
)
MB = 1024 * 1024
EXIT_BAD_INPUT = 2
EXIT_TAMPERED = 4
EXIT_BROKEN_PIPE = 141
PEAK_GOAL_MB = 200
MEMORY_LIMIT = 2 * 1024 * MB
"""Each command runs with this much address space at most: a runaway read fails fast."""
REPORT_PEAK = (
    "import atexit, runpy, sys\n"
    "def peak():\n"
    "    with open('/proc/self/status') as status:\n"
    "        line = next(x for x in status if x.startswith('VmHWM:'))\n"
    "    print('peak-kb', line.split()[1], file=sys.stderr)\n"
    "atexit.register(peak)\n"
    "sys.argv = ['rpc-desktop', *sys.argv[1:]]\n"
    "runpy.run_module('rpc_desktop', run_name='__main__')\n"
)
"""Runs the CLI and, as it exits, prints its own peak memory (VmHWM starts anew at exec, so
nothing of the test process that started it is counted)."""


def _confine() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def cli(
    args: list[str], *, timeout: float = 60, stdout: int = subprocess.PIPE
) -> subprocess.CompletedProcess[bytes]:
    """`rpc-desktop ARGS` in a fresh process, reporting its peak memory on stderr."""
    return subprocess.run(
        [sys.executable, "-c", REPORT_PEAK, *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        timeout=timeout,
        preexec_fn=_confine,
        check=False,
    )


def peak_mb(done: subprocess.CompletedProcess[bytes]) -> float:
    lines = [line for line in done.stderr.decode().splitlines() if line.startswith("peak-kb")]
    assert lines, done.stderr.decode()
    return int(lines[-1].split()[1]) / 1024


def said(done: subprocess.CompletedProcess[bytes]) -> str:
    """stderr without our peak-memory line."""
    return "\n".join(
        line for line in done.stderr.decode().splitlines() if not line.startswith("peak-kb")
    )


def refused(command: str, target: Path, tmp_path: Path) -> subprocess.CompletedProcess[bytes]:
    """`rpc-desktop COMMAND TARGET`, which must end within half a minute."""
    args = [*command.split(), str(target)]
    if command == "bundle":
        args += ["--out", str(tmp_path / "out")]
    try:
        return cli(args, timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail(f"rpc-desktop {command} {target.name} did not end (it waited on the input)")


# --- case files ----------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["check", "bundle"])
def test_a_case_file_that_is_a_pipe_is_refused_not_waited_on(command: str, tmp_path: Path) -> None:
    fifo = tmp_path / "case.json"
    os.mkfifo(fifo)
    done = refused(command, fifo, tmp_path)
    assert done.returncode == EXIT_BAD_INPUT, said(done)
    assert said(done) == f"rpc-desktop {command}: {fifo}: is a pipe (FIFO), not a case file"


@pytest.mark.parametrize("command", ["check", "bundle"])
def test_a_device_is_refused_before_it_is_read(command: str, tmp_path: Path) -> None:
    """/dev/zero never ends: reading it whole ran out of memory (or of the limit here)."""
    done = refused(command, Path("/dev/zero"), tmp_path)
    assert done.returncode == EXIT_BAD_INPUT, said(done)
    assert said(done) == f"rpc-desktop {command}: /dev/zero: is a device, not a case file"
    assert peak_mb(done) < PEAK_GOAL_MB


def test_a_folder_given_as_a_case_file_is_refused(tmp_path: Path) -> None:
    done = refused("check", tmp_path, tmp_path)
    assert done.returncode == EXIT_BAD_INPUT
    assert said(done) == f"rpc-desktop check: {tmp_path}: is a folder, not a case file"


def test_a_huge_case_file_is_refused_unread(tmp_path: Path) -> None:
    huge = tmp_path / "huge.json"
    with huge.open("wb") as handle:
        handle.truncate(1024 * MB)  # sparse: a gigabyte of zero bytes, none on disk
    done = refused("check", huge, tmp_path)
    assert done.returncode == EXIT_BAD_INPUT, said(done)
    assert "is larger than 10 MB, too large to be a case file" in said(done)
    assert peak_mb(done) < PEAK_GOAL_MB


def test_cases_import_refuses_a_pipe(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("RPC_DESKTOP_PASSPHRASE", "a long enough passphrase")
    assert main(["init"], context=fast_context(paths.data_home())) == 0  # a quick key
    fifo = tmp_path / "case.json"
    os.mkfifo(fifo)
    done = refused("cases import", fifo, tmp_path)
    assert done.returncode == EXIT_BAD_INPUT, said(done)
    assert f"{fifo}: is a pipe (FIFO), not a case file" in said(done)


# --- a zip bomb given to verify ---------------------------------------------------------------


def test_verify_refuses_a_zip_bomb_in_bounded_memory(tmp_path: Path) -> None:
    """An entry declaring 1 KB whose data inflates to 1 GB: verify once reached the
    gigabyte before refusing it."""
    assert cli(["demo", "--out", str(tmp_path / "out")]).returncode == 0
    bundle = next((tmp_path / "out").glob("*.rpcbundle"))
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    one_mb = packer.compress(bytes(MB)) + packer.flush(zlib.Z_FULL_FLUSH)
    bomb = one_mb * 1024 + b"\x03\x00"  # a gigabyte of zeros, deflated to 1 MB
    root = bundle.name.removesuffix(".rpcbundle")
    tampered = tmp_path / "bomb.rpcbundle"
    with zipfile.ZipFile(bundle) as src, zipfile.ZipFile(tampered, "w") as out:
        for info in src.infolist():
            out.writestr(info, src.read(info))
        info = zipfile.ZipInfo(f"{root}/data/bomb.pdf", date_time=(2000, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        out.writestr(info, bytes(1024))  # honest 1 KB, swapped for the bomb below
    data = bytearray(tampered.read_bytes())
    tampered.write_bytes(_swap_last_entry_data(data, bomb))
    done = cli(["verify", str(tampered)])
    assert done.returncode == EXIT_TAMPERED, said(done)
    assert b"bomb.pdf: inflates to more than the 1024 bytes its header declares" in done.stdout
    assert peak_mb(done) < PEAK_GOAL_MB


def _swap_last_entry_data(data: bytearray, packed: bytes) -> bytes:
    """The last entry's compressed data (just before the central directory) replaced by
    `packed`, its compressed size in both headers and the directory's offset following: a
    well-formed zip, but for what that entry inflates to."""
    end = data.rindex(b"PK\x05\x06")
    cd_start = struct.unpack_from("<I", data, end + 16)[0]
    last = data.rindex(b"PK\x01\x02", cd_start, end)
    offset = struct.unpack_from("<I", data, last + 42)[0]
    name_len = struct.unpack_from("<H", data, offset + 26)[0]
    start = offset + 30 + name_len
    struct.pack_into("<I", data, offset + 18, len(packed))  # local header
    struct.pack_into("<I", data, last + 20, len(packed))  # central directory
    struct.pack_into("<I", data, end + 16, start + len(packed))  # where the directory starts
    return bytes(data[:start] + packed + data[cd_start:])


# --- a closed output pipe --------------------------------------------------------------------


@pytest.mark.parametrize("args", [["schema"], ["check", str(DEMO_CASE)]], ids=["schema", "check"])
def test_a_closed_output_pipe_ends_quietly(args: list[str]) -> None:
    """`rpc-desktop check … | head -1`: whoever reads the output has gone before the command
    writes it. It ends quietly: no traceback, no "Exception ignored", exit 141 (128+SIGPIPE)."""
    reader, writer = os.pipe()
    os.close(reader)  # nobody will read: every write to the pipe fails
    try:
        done = cli(args, stdout=writer)
    finally:
        os.close(writer)
    assert said(done) == "", said(done)
    assert done.returncode == EXIT_BROKEN_PIPE
