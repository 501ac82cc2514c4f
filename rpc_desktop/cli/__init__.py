"""The headless interface: `rpc-desktop COMMAND` (stable: tests and IT scripts use it).

entry.py parses the arguments and hands each command the application context; the commands
live in documents.py (demo, check, bundle, verify, schema), store.py (init, cases, audit,
backup, restore, passwd, recover) and selftest.py. They import output.py and the app layer,
never each other.
"""

from rpc_desktop.cli.entry import main

__all__ = ["main"]
