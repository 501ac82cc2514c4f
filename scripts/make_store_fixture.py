"""Make tests/fixtures/store-v1: a store at schema revision 0001 holding the demo case.

Kept in the repository so every later schema is tested upgrading a real first-version
database. Run once per new fixture; never rewrite an existing one.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rpc_desktop.domain.casefile import read_case  # noqa: E402
from rpc_desktop.store import audit, migrate, repository  # noqa: E402
from rpc_desktop.store.engine import make_engine  # noqa: E402
from rpc_desktop.store.keys import KdfParams, KeyFile, new_data_key, wrap_with_passphrase  # noqa: E402
from rpc_desktop.store.layout import StorePaths  # noqa: E402

PASSPHRASE = "fixture passphrase v1"  # noqa: S105 - a test fixture
OUT = ROOT / "tests" / "fixtures" / "store-v1"


def main() -> None:
    if OUT.exists():
        raise SystemExit(f"{OUT} exists; fixtures are never rewritten")
    paths = StorePaths(OUT)
    paths.folder.mkdir(parents=True)
    key = new_data_key()
    KeyFile(
        paths.keyfile, [wrap_with_passphrase(key, PASSPHRASE, KdfParams(2, 8 * 1024, 1))]
    ).write()
    engine = make_engine(paths.db, key)
    migrate.upgrade(engine, "0001")
    with engine.begin() as conn:
        repository.insert_case(
            conn, read_case(ROOT / "resources" / "demo" / "case.json"), "rsq-a-2"
        )
        audit.append(conn, "fixture", "case-created", "RPC-DEMO-0001")
    with engine.connect() as conn:
        conn.connection.dbapi_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
