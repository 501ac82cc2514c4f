"""Which files beside a config.toml the Windows setup's /CONFIG= places with it.

The setup cannot run Python, so it does this in Inno's Pascal (rpc-desktop.iss:
`QuotedValues`, `RelativePath`, `PlaceNamedFiles`); this module is the same rule, line for
line, so that the rule is tested here (tests/unit/test_windows_packaging.py) and IT can preview it:

    python packaging/windows/config_files.py \\\\fileserver\\deploy\\rpc-desktop\\config.toml

The rule knows no key names, so a key added to the configuration later needs no change here:
every quoted value in the file (outside comments) that is a relative path, without `..`,
to a file or folder that exists beside config.toml is copied into the machine configuration
folder at the same relative path (a folder with everything in it). The app resolves a
relative path in the machine configuration against that folder (rpc_desktop/app/config.py,
`_path`), so after the copy each one names the placed copy. Absolute paths are left alone:
they must already exist on the machine. A value that happens to name a file beside the
config (an organisation called "packs" with a folder `packs`) is copied too, which is
harmless: it lands in the locked configuration folder and nothing reads it.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path, PureWindowsPath

CONFIG_NAME = "config.toml"


def quoted_values(lines: Iterable[str]) -> list[str]:
    """Every single-line TOML string in `lines`: basic ("...", with \\\\ and \\" escapes) and
    literal ('...'). Comments and multi-line strings (\"\"\" and ''') are skipped."""
    values: list[str] = []
    closing = ""  # inside a multi-line string: the quotes that end it
    for line in lines:
        i = 0
        while i < len(line):
            if closing:
                end = line.find(closing, i)
                if end < 0:
                    break
                i, closing = end + 3, ""
                continue
            char = line[i]
            if char == "#":
                break
            if char in "\"'":
                if line[i : i + 3] == char * 3:
                    i, closing = i + 3, char * 3
                    continue
                value, i = _string(line, i + 1, char)
                values.append(value)
                continue
            i += 1
    return values


def _string(line: str, i: int, quote: str) -> tuple[str, int]:
    """The string that starts at `line[i]` (after its opening quote), and where it ends."""
    value = []
    while i < len(line) and line[i] != quote:
        if quote == '"' and line[i] == "\\" and i + 1 < len(line):
            i += 1
        value.append(line[i])
        i += 1
    return "".join(value), i + 1


def relative_path(value: str) -> str | None:
    """`value` as a relative Windows path inside the configuration folder (backslashes, no
    leading `.\\`, no trailing `\\`), or None: empty, absolute, or climbing out with `..`."""
    path = value.replace("/", "\\")
    while path.startswith(".\\"):
        path = path[2:]
    path = path.rstrip("\\")
    if not path or path == "." or ":" in path or path.startswith("\\"):
        return None
    if ".." in PureWindowsPath(path).parts:
        return None
    return path


def named_paths(config: Path) -> list[str]:
    """The relative paths the setup copies with `config`, in file order, each once."""
    folder = config.parent
    found: list[str] = []
    lines = config.read_text(encoding="utf-8-sig").splitlines()
    for value in quoted_values(lines):
        path = relative_path(value)
        if path is None or path.lower() == CONFIG_NAME:
            continue
        if path.lower() in (f.lower() for f in found):  # Windows names ignore case
            continue
        if _local(folder, path).is_file() or _local(folder, path).is_dir():
            found.append(path)
    return found


def place(config: Path, target: Path) -> list[str]:
    """What the setup does with /CONFIG=`config` (PrepareToInstall, PlaceNamedFiles): copy
    it to `target`/config.toml and each named path to the same place under `target`."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(config, target / CONFIG_NAME)
    placed = named_paths(config)
    for path in placed:
        source, dest = _local(config.parent, path), _local(target, path)
        if source.is_dir():
            shutil.copytree(source, dest, symlinks=False, dirs_exist_ok=True)
        else:
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, dest)
    return placed


def _local(folder: Path, path: str) -> Path:
    return folder.joinpath(*PureWindowsPath(path).parts)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print("usage: config_files.py CONFIG.TOML", file=sys.stderr)
        return 2
    config = Path(args[0])
    for path in named_paths(config):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
