"""The benchmark harness: run a function in a fresh process, time it, read its peak memory.

Every figure is reported beside a baseline measured in the same run, as a
ratio, so results compare across machines. Bench modules (``bench_*.py``)
expose ``run(ctx) -> list[Row]``.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


@dataclass
class Row:
    """One line of the results table: a figure, its baseline, the target."""

    group: str
    name: str
    value: float
    unit: str
    baseline_name: str = ""
    baseline_value: float | None = None
    target: str = ""
    ok: bool | None = None

    @property
    def ratio(self) -> float | None:
        if self.baseline_value in (None, 0) or not self.value:
            return None
        return self.baseline_value / self.value


@dataclass
class Context:
    quick: bool
    tmp: Path
    events: int | None = None  # run.py --events: the size of the store benchmarks

    def measure(self, func: str, *args: str, repeat: int = 1, env: dict | None = None) -> dict:
        """Run ``module:function(*args)`` in a fresh interpreter; best time and peak RSS.

        The function may return a dict of extra figures, merged into the result.
        """
        best: dict | None = None
        for _ in range(repeat):
            # earlier steps' files still being flushed to disk would slow this step's I/O
            # (and fsync) by however much they left behind: start every step from a clean disk queue
            os.sync()
            out = subprocess.run(
                [sys.executable, str(HERE / "_runone.py"), func, *args],
                capture_output=True, text=True, cwd=REPO,
                env={**os.environ, "PYTHONPATH": f"{REPO}:{HERE}", **(env or {})},
            )
            if out.returncode != 0:
                raise RuntimeError(f"{func} failed:\n{out.stderr[-2000:]}")
            res = json.loads(out.stdout.strip().splitlines()[-1])
            if best is None or res["seconds"] < best["seconds"]:
                best = res
        assert best is not None
        return best

    def time_command(self, argv: list[str], repeat: int = 5) -> float:
        """Best wall time of a whole command (cold start measurements)."""
        import time

        best = float("inf")
        for _ in range(repeat):
            t0 = time.perf_counter()
            subprocess.run(argv, check=True, capture_output=True, cwd=REPO)
            best = min(best, time.perf_counter() - t0)
        return best


def new_context(quick: bool, events: int | None = None) -> Context:
    tmp = Path(tempfile.mkdtemp(prefix="geomap-bench-"))
    return Context(quick=quick, tmp=tmp, events=events)
