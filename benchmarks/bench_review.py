"""Review app: the queue of 10,000 candidates opens in < 1 s; a decision is stored in < 100 ms."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from harness import Row

HERE = Path(__file__).resolve().parent


def run(ctx) -> list[Row]:
    n = 2_500 if ctx.quick else 10_000
    label = f"{n:,}"
    rows: list[Row] = []
    api = ctx.measure("review_cases:api_queue", str(n), str(ctx.tmp / "review-api"), repeat=3)
    floor = ctx.measure("review_cases:dumps_floor", str(n), str(ctx.tmp / "review-floor"), repeat=3)
    rows.append(Row("review", f"queue of {label}: GET /api/queue", api["seconds"], "s",
                    "orjson.dumps(candidates)", floor["seconds"], "< 1 s", api["seconds"] < 1))
    dec = ctx.measure("review_cases:decide", str(n), str(ctx.tmp / "review-decide"))
    plain = ctx.measure("review_cases:plain_append", str(n), str(ctx.tmp / "review-plain"))
    rows.append(Row("review", f"decision stored ({label} candidates), slowest of 20", dec["max_ms"], "ms",
                    "plain append, no lock/fsync", plain["max_ms"], "< 100 ms", dec["max_ms"] < 100))
    rows.append(Row("review", "decision stored, mean of 20", dec["mean_ms"], "ms",
                    "plain append", plain["mean_ms"]))
    if not shutil.which("chromium") or not shutil.which("chromedriver"):
        print("bench_review: chromium/chromedriver missing, page figure skipped", file=sys.stderr)
        return rows
    out = subprocess.run([sys.executable, str(HERE / "review_cases.py"), str(n), str(ctx.tmp / "review-page")],
                         check=True, capture_output=True, text=True, cwd=HERE)
    page, static = json.loads(out.stdout.strip().splitlines()[-1])
    rows.append(Row("review", f"queue of {label}: page shown in Chromium", page, "s",
                    "static page, same rows", static, "< 1 s", page < 1))
    return rows
