"""One throttle for every way a key is tried: unlock, restore, recover.

After `n` wrong tries in a row the next one waits `unlock_delay(n)` seconds (1, 2, 4 … never
more than 60) from the last. The count is kept in two files, `store/unlock-state.json` and
`<data>/.unlock-state.json`, and the larger is believed:

- a copy that is missing (once the key file says the count is kept), unreadable, or holds
  anything but a whole count and a finite time (NaN, a negative, a string) counts as the
  cap, 60 seconds from when it was found so: removing or editing a file never shortens the
  wait, and at worst makes it the cap;
- a time in the future is taken as now, and the count saturates, so no value anyone writes
  can make the wait longer than the cap (no lock-out for good);
- an attempt is counted *before* the key is derived and cleared only when it succeeded, so
  killing the app while it derives does not hide a try.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from rpc_desktop.errors import StoreError, StoreLocked, WrongPassphrase, WrongRecoveryKey
from rpc_desktop.files import write_atomically
from rpc_desktop.store.layout import StorePaths

MAX_DELAY_SECONDS = 60.0
CAP_FAILURES = 7
"""unlock_delay(7) is the cap: what a missing or damaged count is taken as."""
MAX_COUNT = 1_000_000
"""The count saturates here."""

T = TypeVar("T")


def seconds(wait: float) -> str:
    """A wait in words, rounded up: "1 second" while any of it is left, never "0 seconds"."""
    whole = max(1, math.ceil(wait - 1e-9))
    return f"{whole} second{'' if whole == 1 else 's'}"


def unlock_delay(failures: int) -> float:
    """Seconds to wait after `failures` wrong passphrases in a row: 0, 1, 2, 4 … 60."""
    if failures <= 0:
        return 0.0
    return min(2.0 ** min(failures - 1, CAP_FAILURES), MAX_DELAY_SECONDS)


@dataclass(frozen=True)
class Count:
    failures: int
    last: float

    def wait(self, now: float) -> float:
        return max(0.0, min(self.last + unlock_delay(self.failures) - now, MAX_DELAY_SECONDS))


def _copies(paths: StorePaths) -> tuple[Path, Path]:
    return paths.unlock_state, paths.unlock_mirror


_MISSING = "missing"
_DAMAGED = "damaged"


def _read_copy(path: Path) -> Count | str:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return _MISSING
    except (OSError, ValueError):
        return _DAMAGED
    if not isinstance(data, dict):
        return _DAMAGED
    failures, last = data.get("failures"), data.get("last")
    if isinstance(failures, bool) or not isinstance(failures, int) or failures < 0:
        return _DAMAGED
    if isinstance(last, bool) or not isinstance(last, int | float):
        return _DAMAGED
    if not math.isfinite(last) or last < 0:
        return _DAMAGED
    return Count(min(failures, MAX_COUNT), float(last))


def _save(paths: StorePaths, count: Count) -> None:
    payload = json.dumps({"failures": count.failures, "last": count.last}).encode("utf-8")
    try:
        for path in _copies(paths):
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            write_atomically(path, payload)
    except OSError as exc:
        raise StoreError(
            f"The count of wrong passphrases cannot be written ({exc.strerror or exc}), so "
            "no passphrase was tried. Check that the data folder can be written to."
        ) from exc


def current(paths: StorePaths, now: float, *, kept: bool) -> Count:
    """The count to believe; `kept` is the key file's word that the files should exist.
    A copy found missing, damaged or in the future is written again, so the wait it brings
    starts now and ends."""
    read = [_read_copy(path) for path in _copies(paths)]
    expected = kept or any(r is not _MISSING for r in read)
    counts: list[Count] = []
    repair = False
    for found in read:
        if isinstance(found, Count):
            repair |= found.last > now
            counts.append(Count(found.failures, min(found.last, now)))
        elif found == _DAMAGED or expected:
            repair = True
            counts.append(Count(CAP_FAILURES, now))
        else:
            counts.append(Count(0, 0.0))
    believed = Count(max(c.failures for c in counts), max(c.last for c in counts))
    if repair:
        _save(paths, believed)
    return believed


def start(paths: StorePaths) -> None:
    """A new store: no failures, and both files present from the start."""
    _save(paths, Count(0, 0.0))


def attempt(
    paths: StorePaths,
    clock: Callable[[], float],
    try_key: Callable[[], T],
    *,
    kept: bool,
) -> T:
    """Run `try_key` (which derives or unwraps the data key) under the throttle.

    Refused with StoreLocked while the wait lasts. A WrongPassphrase or WrongRecoveryKey from
    `try_key` is counted and says how long to wait; anything else (a damaged key file, say)
    is not a wrong try and leaves the count as it was."""
    now = clock()
    if not math.isfinite(now):
        now = 0.0
    before = current(paths, now, kept=kept)
    wait = before.wait(now)
    if wait > 0:
        raise StoreLocked(f"Too many wrong passphrases: try again in {seconds(wait)}.", wait)
    counted = Count(min(before.failures + 1, MAX_COUNT), now)
    _save(paths, counted)  # before the key is derived: a kill does not hide the try
    try:
        result = try_key()
    except (WrongPassphrase, WrongRecoveryKey) as exc:
        delay = unlock_delay(counted.failures)
        raise type(exc)(f"{exc} Wait {seconds(delay)} before trying again.") from None
    except BaseException:
        _save(paths, before)
        raise
    _save(paths, Count(0, 0.0))
    return result
