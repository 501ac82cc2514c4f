"""Owner-only files: 0600/0700 on POSIX whatever the umask; on Windows the user-only ACL.

Windows cannot run here, so its path is run for real against stand-in `whoami` and `icacls`
programs on PATH that record what they were asked: the commands, their order (the ACL is set
on the partial file before it takes its name) and what happens when icacls refuses."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from rpc_desktop import files
from rpc_desktop.errors import BundleError
from rpc_desktop.files import (
    BROAD_GROUPS,
    make_owner_only,
    make_private_folder,
    make_tree_private,
    owner_only_acl,
    parse_whoami_user,
    write_atomically,
    write_new_private,
)

SID = "S-1-5-21-1004336348-1177238915-682003330-1001"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask():
    old = os.umask(0)
    yield
    os.umask(old)


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_files_and_folders_are_owner_only_whatever_the_umask(tmp_path: Path, open_umask) -> None:
    sent = tmp_path / "shared" / "bundle.rpcbundle"
    write_new_private(sent, b"sealed")
    assert mode(sent) == 0o600
    settings = tmp_path / "settings.toml"
    write_atomically(settings, b"x = 1\n")
    assert mode(settings) == 0o600
    folder = tmp_path / "data" / "store"
    make_private_folder(folder)
    assert mode(folder) == 0o700
    loose = folder / "loose.txt"
    loose.write_bytes(b"x")
    loose.chmod(0o666)
    make_tree_private(folder)
    assert mode(loose) == 0o600
    make_owner_only(loose)
    assert mode(loose) == 0o600


def test_the_acl_command_leaves_a_file_to_its_user_alone() -> None:
    command = owner_only_acl(Path(r"C:\share\b.rpcbundle"), f"*{SID}", folder=False)
    assert command[:3] == ["icacls", r"C:\share\b.rpcbundle", "/inheritance:r"]
    assert command[command.index("/grant:r") + 1] == f"*{SID}:F"
    removed = command[command.index("/remove:g") + 1 : -1]
    assert removed == list(BROAD_GROUPS) == ["*S-1-1-0", "*S-1-5-32-545", "*S-1-5-11"]
    folder = owner_only_acl(Path(r"C:\data"), f"*{SID}", folder=True)
    assert f"*{SID}:(OI)(CI)F" in folder  # inherited by what is made inside


def test_whoami_output_gives_the_users_sid() -> None:
    assert parse_whoami_user(f'"council\\jo.bloggs","{SID}"\r\n') == f"*{SID}"
    assert parse_whoami_user("") == ""
    assert parse_whoami_user("ERROR: access denied") == ""


def _stand_in(folder: Path, name: str, body: str) -> None:
    script = folder / name
    script.write_text(f"#!{sys.executable}\n{body}")
    script.chmod(0o755)


@pytest.fixture
def windows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The Windows path, with `whoami` and `icacls` stand-ins that log their arguments (and
    each file's existence when asked, to show the ACL is set before the rename)."""
    if os.name != "posix":
        pytest.skip("the stand-ins are POSIX scripts")
    tools = tmp_path / "tools"
    tools.mkdir()
    log = tmp_path / "icacls.log"
    _stand_in(tools, "whoami", f'print(\'"council\\\\\\\\jo","{SID}"\')\n')
    _stand_in(
        tools,
        "icacls",
        "import json, os, sys\n"
        f"with open({str(log)!r}, 'a') as f:\n"
        "    f.write(json.dumps(sys.argv[1:]) + '\\n')\n"
        "sys.exit(int(os.environ.get('ICACLS_EXIT', '0')))\n",
    )
    monkeypatch.setenv("PATH", f"{tools}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(files, "SYSTEM", "nt")
    files._current_user.cache_clear()
    yield log
    files._current_user.cache_clear()


def _calls(log: Path) -> list[list[str]]:
    import json

    return [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []


def test_on_windows_a_sent_file_gets_the_acl_before_it_takes_its_name(
    tmp_path: Path, windows: Path
) -> None:
    sent = tmp_path / "shared" / "b.rpcbundle"
    write_new_private(sent, b"sealed")
    assert sent.read_bytes() == b"sealed"
    (call,) = _calls(windows)
    assert call[0] == str(sent) + ".partial"
    assert call[1:4] == ["/inheritance:r", "/grant:r", f"*{SID}:F"]


def test_on_windows_settings_keys_and_folders_get_it_too(tmp_path: Path, windows: Path) -> None:
    write_atomically(tmp_path / "keyfile.json", b"{}")
    make_private_folder(tmp_path / "data")
    (tmp_path / "data" / "x").write_bytes(b"x")
    make_tree_private(tmp_path / "data")
    calls = _calls(windows)
    assert calls[0][0] == str(tmp_path / "keyfile.tmp")
    assert calls[1][0] == str(tmp_path / "data") and f"*{SID}:(OI)(CI)F" in calls[1]
    assert calls[3] == [str(tmp_path / "data" / "*"), "/reset", "/t", "/q"]


def test_on_windows_a_refused_acl_leaves_no_file_and_says_why(
    tmp_path: Path, windows: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ICACLS_EXIT", "5")
    sent = tmp_path / "b.rpcbundle"
    refused = r"icacls refused to make .*b\.rpcbundle\.partial private"
    with pytest.raises(BundleError, match=refused):
        write_new_private(sent, b"sealed")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["icacls.log", "tools"]


def test_on_windows_without_whoami_the_users_name_is_used(
    tmp_path: Path, windows: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "tools" / "whoami").unlink()
    monkeypatch.setenv("USERDOMAIN", "COUNCIL")
    monkeypatch.setenv("USERNAME", "jo")
    write_new_private(tmp_path / "note.rpcnote", b"n")
    (call,) = _calls(windows)
    assert "COUNCIL\\jo:F" in call


def test_the_system_tools_come_from_system32(monkeypatch: pytest.MonkeyPatch) -> None:
    """Never an icacls.exe planted in the program's or the current folder."""
    monkeypatch.setenv("SYSTEMROOT", r"C:\Windows")
    assert files.system_tool("icacls").replace("\\", "/") == "C:/Windows/System32/icacls.exe"
    assert owner_only_acl(Path("x"), f"*{SID}", folder=False)[0].endswith("icacls.exe")
    monkeypatch.delenv("SYSTEMROOT")
    assert files.system_tool("whoami") == "whoami"


def test_on_windows_the_acl_is_set_before_a_byte_is_written(
    tmp_path: Path, windows: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The stand-in icacls records the partial file's size when it is called: empty."""
    script = tmp_path / "tools" / "icacls"
    script.write_text(
        script.read_text().replace(
            "f.write(json.dumps(sys.argv[1:]) + '\\n')",
            "f.write(json.dumps(sys.argv[1:] + [os.path.getsize(sys.argv[1])]) + '\\n')",
        )
    )
    write_new_private(tmp_path / "b.rpcbundle", b"sealed family data")
    write_atomically(tmp_path / "keyfile.json", b"{}")
    sizes = [call[-1] for call in _calls(windows)]
    assert sizes == [0, 0]
