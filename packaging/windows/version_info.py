"""The version numbers the Windows setup, the MSI and the program are stamped with.

    python packaging/windows/version_info.py >> "$GITHUB_OUTPUT"

prints `version=0.1.0` (rpc_desktop/__init__.py, the one place it is written),
`file_version=0.1.0.0` (four numbers: Inno's VersionInfoVersion and the program's file
version) and `msi_version=0.1.0` (the MSI's ProductVersion: Windows Installer compares only
the first three fields, at most 255.255.65535). The first two come from the PyInstaller
spec's own `read_version` and `windows_version_tuple`, so the program, the setup and the MSI
cannot disagree.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "packaging" / "rpc_desktop.spec"


def spec_helpers() -> dict[str, Callable[..., Any]]:
    """The spec's helper functions, without its build part (which needs PyInstaller)."""
    source = SPEC.read_text(encoding="utf-8").split("\nOPTIONS = ")[0]
    namespace: dict[str, Any] = {"SPECPATH": str(SPEC.parent)}
    exec(compile(source, str(SPEC), "exec"), namespace)  # noqa: S102 (our own spec)
    return namespace


def versions(init_file: Path = ROOT / "rpc_desktop" / "__init__.py") -> dict[str, str]:
    helpers = spec_helpers()
    version = helpers["read_version"](init_file)
    numbers = helpers["windows_version_tuple"](version)
    major, minor, build = numbers[:3]
    if major > 255 or minor > 255 or build > 65535:
        raise SystemExit(f"{version}: an MSI version is at most 255.255.65535")
    return {
        "version": version,
        "file_version": ".".join(str(n) for n in numbers),
        "msi_version": f"{major}.{minor}.{build}",
    }


def main() -> int:
    for key, value in versions().items():
        print(f"{key}={value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
