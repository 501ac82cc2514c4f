"""Timing helpers: run ours and the baseline interleaved, report medians and the ratio."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def interleaved(
    ours: Callable[[], object], base: Callable[[], object], rounds: int, warmup: int = 2
) -> tuple[list[float], list[float]]:
    for _ in range(warmup):
        ours()
        base()
    a: list[float] = []
    b: list[float] = []
    for _ in range(rounds):
        t = time.perf_counter()
        ours()
        a.append(time.perf_counter() - t)
        t = time.perf_counter()
        base()
        b.append(time.perf_counter() - t)
    return a, b


def report(name: str, ours: list[float], base: list[float], goal: float | None = None) -> float:
    mo, mb = statistics.median(ours), statistics.median(base)
    ratio = mo / mb
    verdict = ""
    if goal is not None:
        verdict = f"  (goal ≤ {goal:.1f}: {'met' if ratio <= goal else 'NOT met'})"
    figures = f"ours {mo * 1000:.1f} ms, baseline {mb * 1000:.1f} ms"
    print(f"{name}: {figures}, ratio {ratio:.2f}{verdict}")
    return ratio
