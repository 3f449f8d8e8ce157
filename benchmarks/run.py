#!/usr/bin/env python3
"""``make bench``: run every benchmarks/bench_*.py and print one table of figures and ratios.

    python benchmarks/run.py            # full sizes (about 10 minutes on 2 cores)
    python benchmarks/run.py --quick    # small sizes, a smoke run
    python benchmarks/run.py --only layers
    python benchmarks/run.py --only store --events 1000000   # the 10M-event store benchmarks at 1M
"""
from __future__ import annotations

import argparse
import importlib
import json
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from harness import Row, new_context  # noqa: E402


def fmt(v: float | None, unit: str) -> str:
    if v is None:
        return "-"
    if unit == "s":
        return f"{v:.3f} s"
    if unit in ("MB", "ms"):
        return f"{v:.1f} {unit}"
    return f"{v:,.0f} {unit}" if v >= 100 else f"{v:.2f} {unit}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small sizes (smoke run)")
    ap.add_argument("--only", action="append", default=[], help="run only bench_NAME (repeatable)")
    ap.add_argument("--events", type=int, help="events in the store benchmarks (default 10,000,000; --quick 1,000,000)")
    ap.add_argument("--json", type=Path, help="also write the rows as JSON here")
    args = ap.parse_args(argv)
    names = sorted(p.stem for p in HERE.glob("bench_*.py"))
    if args.only:
        names = [n for n in names if n.removeprefix("bench_") in args.only]
    ctx = new_context(args.quick, args.events)
    rows: list[Row] = []
    try:
        for name in names:
            print(f"running {name} ...", file=sys.stderr, flush=True)
            rows.extend(importlib.import_module(name).run(ctx))
    finally:
        shutil.rmtree(ctx.tmp, ignore_errors=True)
    head = f"{'group':<10} {'measure':<44} {'geomap':>14} {'baseline':<34} {'ratio':>8}  {'target':<24} met"
    print(head)
    print("-" * len(head))
    for r in rows:
        base = f"{r.baseline_name} {fmt(r.baseline_value, r.unit)}" if r.baseline_name else ""
        ratio = f"{r.ratio:.2f}x" if r.ratio is not None else "-"
        met = {True: "yes", False: "NO", None: ""}[r.ok]
        print(f"{r.group:<10} {r.name:<44} {fmt(r.value, r.unit):>14} {base:<34} {ratio:>8}  {r.target:<24} {met}")
    if args.json:
        args.json.write_text(json.dumps([r.__dict__ for r in rows], indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
