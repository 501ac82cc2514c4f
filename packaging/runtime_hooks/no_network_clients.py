"""PyInstaller runtime hook (see packaging/rpc_desktop.spec): runs before the app starts.

The network clients are left out of the build: aiohttp with what it brings (yarl,
multidict, frozenlist, aiosignal, propcache, idna), and pyhanko-certvalidator's aiohttp
fetchers with the ssl module and certifi's CA list that only they import. pyHanko still
imports both when it loads, for its timestamp, CSC-signing and revocation-fetching clients.
The app uses none of them: it signs without a timestamp and checks signatures with fetching
off (rpc_desktop/documents/pades.py).

So those modules are stand-ins here: every name in them is a class that cannot be made.
pyHanko's annotations and `except aiohttp.ClientError` clauses work, and a network client
can never start: making one raises RuntimeError.
"""

import sys
from importlib.abc import Loader, MetaPathFinder
from importlib.machinery import ModuleSpec

LEFT_OUT = ("aiohttp", "pyhanko_certvalidator.fetchers.aiohttp_fetchers")


class _NotInThisBuild(Exception):
    """Every name in a stand-in: a class (an exception class, for `except` clauses)."""

    def __new__(cls, *args, **kwargs):
        raise RuntimeError(f"{cls.__module__}.{cls.__name__}: this build has no network client")


class _StandIns(MetaPathFinder, Loader):
    def find_spec(self, name, path=None, target=None):
        if any(name == top or name.startswith(top + ".") for top in LEFT_OUT):
            return ModuleSpec(name, self, is_package=True)  # submodules are stand-ins too
        return None

    def create_module(self, spec):
        return None  # an ordinary module object

    def exec_module(self, module):
        def stand_in(name):
            if name.startswith("__"):
                raise AttributeError(name)
            made = type(name, (_NotInThisBuild,), {"__module__": module.__name__})
            setattr(module, name, made)
            return made

        module.__doc__ = "Stand-in: this build has no network client."
        module.__getattr__ = stand_in


sys.meta_path.insert(0, _StandIns())
