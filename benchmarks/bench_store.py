"""The GeoParquet layer store at ten million events: export to GeoParquet in bounded memory, a filtered
load of one month against loading everything and filtering, and an import (merge) in bounded memory.

Sizes: ``--events N`` of run.py (default 10,000,000; 1,000,000 with --quick) for the store; the
load-everything baseline and the import use ``GEOMAP_BENCH_LOAD_EVENTS`` (default 1,000,000; 100,000
with --quick), since a GeoDataFrame of every event needs memory in proportion to the count (about
6 GB per million here), and merging builds one Python dict per event. Every step runs in a fresh
process; peak memory is that process's own high-water mark (VmHWM).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from harness import Row

HERE = Path(__file__).resolve().parent
MONTH = ("2025-03-01", "2025-03-31")


def make_store(path: str, n: str) -> dict:
    from store_synth import write_store

    return {"files": write_store(path, int(n))}


def export_store(store: str, out: str) -> dict:
    import geomap

    geomap.export(store, out, "geoparquet")
    return {"bytes": os.path.getsize(out)}


def import_events(store: str, n: str) -> dict:
    from bench_scale import iter_events

    from geomap import api

    return {"added": api.merge(store, iter_events(int(n)), store="geoparquet").added}


def load_month(store: str) -> dict:
    import geomap

    return {"rows": len(geomap.load(store, since=MONTH[0], until=MONTH[1]))}


def load_all_then_filter(store: str) -> dict:
    import geomap

    return {"rows": len(geomap.events(geomap.load(store), since=MONTH[0], until=MONTH[1]))}


def run(ctx) -> list[Row]:
    sys.path.insert(0, str(HERE))
    n = ctx.events or int(os.environ.get("GEOMAP_BENCH_EVENTS", 1_000_000 if ctx.quick else 10_000_000))
    m = int(os.environ.get("GEOMAP_BENCH_LOAD_EVENTS", 100_000 if ctx.quick else 1_000_000))
    env = {"OMP_NUM_THREADS": "1"}
    rows: list[Row] = []
    rows.append(Row("store", f"load average at start (2 cores): {os.getloadavg()[0]:.1f}", 0.0, "s"))
    big = ctx.tmp / "store-big"
    made = ctx.measure("bench_store:make_store", str(big), str(n), env=env)
    rows.append(Row("store", f"write a store of {n:,} events column by column ({made['files']} files)",
                    made["seconds"], "s"))
    ex = ctx.measure("bench_store:export_store", str(big), str(ctx.tmp / "export.parquet"), env=env)
    rows.append(Row("store", f"export {n:,} events to GeoParquet ({ex['bytes'] / 1e6:.0f} MB), peak memory",
                    ex["peak_rss_mb"], "MB", "", None, "< 1024 MB", ex["peak_rss_mb"] < 1024))
    rows.append(Row("store", f"export {n:,} events to GeoParquet, time", ex["seconds"], "s"))
    (ctx.tmp / "export.parquet").unlink()
    month_big = ctx.measure("bench_store:load_month", str(big), env=env)
    rows.append(Row("store", f"load one month ({month_big['rows']:,} of {n:,}), filters pushed down",
                    month_big["seconds"], "s"))
    rows.append(Row("store", f"load one month of {n:,}, peak memory", month_big["peak_rss_mb"], "MB"))
    __import__("shutil").rmtree(big)
    small = ctx.tmp / "store-small"
    ctx.measure("bench_store:make_store", str(small), str(m), env=env)
    month = ctx.measure("bench_store:load_month", str(small), env=env)
    base = ctx.measure("bench_store:load_all_then_filter", str(small), env=env)
    assert month["rows"] == base["rows"], (month, base)
    rows.append(Row("store", f"load one month ({month['rows']:,} of {m:,}), filters pushed down",
                    month["seconds"], "s", "load all, then filter", base["seconds"], ">= 10x",
                    base["seconds"] / month["seconds"] >= 10))
    rows.append(Row("store", f"load all {m:,} events then filter, peak memory", base["peak_rss_mb"], "MB"))
    imp = ctx.measure("bench_store:import_events", str(ctx.tmp / "store-import"), str(m), env=env)
    rows.append(Row("store", f"import (merge) {imp['added']:,} events into a new store, peak memory",
                    imp["peak_rss_mb"], "MB", "", None, "< 1024 MB", imp["peak_rss_mb"] < 1024))
    rows.append(Row("store", f"import (merge) {m:,} events, time", imp["seconds"], "s"))
    rows.append(Row("store", f"load average at end: {os.getloadavg()[0]:.1f}", 0.0, "s"))
    return rows
