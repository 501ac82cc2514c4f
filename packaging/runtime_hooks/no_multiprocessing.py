"""PyInstaller runtime hook (see packaging/rpc_desktop.spec): runs before the app starts.

multiprocessing is left out of the build (with what it alone brings). bagit imports it when
it loads, for hashing a bag's files in several processes when asked for more than one; the
app never asks (a bundle is six files, hashed in-process). This stand-in lets bagit load,
and anything that tries to start another process gets RuntimeError. logging's look at
multiprocessing (for a process name) finds nothing to ask and carries on, as it is made to.
"""

import sys
import types


def _no_processes(*args, **kwargs):
    raise RuntimeError("this build runs no other processes (multiprocessing is left out)")


if "multiprocessing" not in sys.modules:
    _mp = types.ModuleType("multiprocessing", "Stand-in: this build leaves multiprocessing out.")
    _mp.__path__ = []  # a package with no modules: `import multiprocessing.x` raises ImportError
    _mp.Pool = _no_processes
    _mp.Process = _no_processes
    sys.modules["multiprocessing"] = _mp
