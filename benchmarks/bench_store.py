"""The GeoParquet layer store at ten million events: export to GeoParquet in bounded memory, a merge of
1,000 events whose memory does not grow with the store, a filtered load of one month against loading
everything and filtering, and the rate of an import.

Sizes: ``--events N`` of run.py (default 10,000,000; 1,000,000 with --quick) for the store, both loads
included (loading everything builds Arrow-backed columns, so ten million events fit in memory here);
the import reads a GeoParquet file of ``GEOMAP_BENCH_IMPORT_EVENTS`` rows (default 500,000; 50,000 with
--quick) and one a tenth that size, so the two rates show whether its cost is proportional. Every step
runs in a fresh process; peak memory is that process's own high-water mark (VmHWM); times are wall
and CPU (user+sys) seconds, the CPU figures the steadier on a shared machine.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from harness import Row

HERE = Path(__file__).resolve().parent
MONTH = ("2025-03-01", "2025-03-31")


def make_store(path: str, n: str) -> dict:
    from store_synth import write_store

    return {"files": write_store(path, int(n))}


def make_import_file(path: str, n: str) -> dict:
    """A GeoParquet file of ``n`` synthetic events, as ``geomap export -f geoparquet`` writes it."""
    from store_synth import write_store

    from geomap.parquet_store import export_geoparquet

    store = Path(path).with_suffix(".store")
    write_store(store, int(n))
    export_geoparquet(store, path)
    shutil.rmtree(store)
    return {}


def export_store(store: str, out: str) -> dict:
    import geomap

    geomap.export(store, out, "geoparquet")
    return {"bytes": os.path.getsize(out)}


def import_file(path: str, into: str) -> dict:
    """``geomap import geoparquet FILE --into INTO --store geoparquet`` through the API the CLI calls:
    every row checked (the synthetic points are random, so many are refused as outside their oblast)."""
    from geomap import api
    from geomap.io.parquet import import_geoparquet

    result = import_geoparquet(path)
    merged = api.merge(into, result.iter_features(), store="geoparquet")
    return {"read": result.read, "kept": len(result), "added": merged.added}


def merge_some(store: str, k: str) -> dict:
    """Merge ``k`` events into a store (a hard-linked copy: the merge writes a new generation and leaves
    the files it read as they were): half are strikes of one March day with a new summary, half the
    same with new ids; only one file is rewritten, so what memory could grow with is the store's ids."""
    import copy
    import itertools

    from geomap import api
    from geomap.parquet_store import iter_features

    day = "2025-03-10"
    out = []
    for f in itertools.islice(iter_features(store, types="strike", since=day, until=day), int(k) // 2):
        f["properties"]["summary"] += " Corrected."
        g = copy.deepcopy(f)
        g["id"] = g["properties"]["id"] = "gm-new-" + f["id"][3:]
        out += [f, g]
    import pyarrow.parquet as pq

    rewritten = pq.ParquetFile(Path(store) / day[:7] / "strike.parquet").metadata.num_rows
    r = api.merge(store, out, store="geoparquet")
    return {"given": len(out), "added": r.added, "updated": r.updated, "rewritten": rewritten}


def _rss_mb() -> float:
    with open("/proc/self/status") as fh:
        return int(next(line.split()[1] for line in fh if line.startswith("VmRSS:"))) / 1024


def load_month(store: str) -> dict:
    import geomap

    return {"rows": len(geomap.load(store, since=MONTH[0], until=MONTH[1]))}


def load_all_then_filter(store: str) -> dict:
    """Load every event, then keep the month with pandas (the cheapest filter there is after a load)."""
    import pandas as pd

    import geomap

    before = _rss_mb()
    gdf = geomap.load(store)
    held = _rss_mb() - before
    since, until = pd.Timestamp(MONTH[0]), pd.Timestamp(MONTH[1])
    month = gdf[(gdf["date_end"] >= since) & (gdf["date_start"] <= until)]
    return {"rows": len(month), "loaded": len(gdf), "held_mb": held}


def run(ctx) -> list[Row]:
    sys.path.insert(0, str(HERE))
    n = ctx.events or int(os.environ.get("GEOMAP_BENCH_EVENTS", 1_000_000 if ctx.quick else 10_000_000))
    m = int(os.environ.get("GEOMAP_BENCH_IMPORT_EVENTS", 50_000 if ctx.quick else 500_000))
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
    rows.append(Row("store", f"export {n:,} events to GeoParquet, CPU time", ex["cpu_seconds"], "s"))
    (ctx.tmp / "export.parquet").unlink()
    merged = {}
    for size, src in ((n // 10, None), (n, big)):  # a store a tenth the size: does the merge's memory grow?
        if src is None:
            src = ctx.tmp / "store-tenth"
            ctx.measure("bench_store:make_store", str(src), str(size), env=env)
        copy = ctx.tmp / f"merge-{size}"
        subprocess.run(["cp", "-al", str(src), str(copy)], check=True)
        merged[size] = ctx.measure("bench_store:merge_some", str(copy), "1000", env=env)
        shutil.rmtree(copy)
        if src != big:
            shutil.rmtree(src)
    # the store's ids are no longer held at once: what is left grows with the one file rewritten
    # (the synthetic store spreads its events over the same 450 days at every size, so its files grow)
    for size, mg in merged.items():
        rows.append(Row("store", f"merge {mg['given']:,} events ({mg['added']} new) into {size:,}, one file of "
                        f"{mg['rewritten']:,} rewritten: peak memory", mg["peak_rss_mb"], "MB"))
        rows.append(Row("store", f"merge {mg['given']:,} events into {size:,}: CPU time", mg["cpu_seconds"], "s"))
    month = ctx.measure("bench_store:load_month", str(big), env=env)
    base = ctx.measure("bench_store:load_all_then_filter", str(big), env=env)
    shutil.rmtree(big)
    assert month["rows"] == base["rows"], (month, base)
    rows.append(Row("store", f"load one month ({month['rows']:,} of {n:,}), filters pushed down: wall",
                    month["seconds"], "s", "load all, then filter", base["seconds"], ">= 10x",
                    base["seconds"] / month["seconds"] >= 10))
    rows.append(Row("store", f"load one month of {n:,}, filters pushed down: CPU", month["cpu_seconds"], "s",
                    "load all, then filter", base["cpu_seconds"], ">= 10x",
                    base["cpu_seconds"] / month["cpu_seconds"] >= 10))
    rows.append(Row("store", f"load one month of {n:,}, peak memory", month["peak_rss_mb"], "MB"))
    rows.append(Row("store", f"load all {n:,} events then filter, peak memory", base["peak_rss_mb"], "MB"))
    rows.append(Row("store", "load all: memory held per event (RSS growth / events)",
                    base["held_mb"] * 2**20 / base["loaded"], "B"))
    rates = []
    for size in (m // 10, m):
        src = ctx.tmp / f"import-{size}.parquet"
        ctx.measure("bench_store:make_import_file", str(src), str(size), env=env)
        imp = ctx.measure("bench_store:import_file", str(src), str(ctx.tmp / f"into-{size}"), env=env)
        shutil.rmtree(ctx.tmp / f"into-{size}")
        src.unlink()
        rates.append(imp["read"] / imp["cpu_seconds"])
        rows.append(Row("store", f"import {imp['read']:,} rows ({imp['kept']:,} valid) into a new store, "
                        "rows per CPU second", rates[-1], "rows/s"))
        rows.append(Row("store", f"import {size:,} rows, peak memory", imp["peak_rss_mb"], "MB"))
    rows.append(Row("store", f"import: rate at {m:,} rows against {m // 10:,} (1.0 = proportional)",
                    rates[1], "rows/s", f"{m // 10:,} rows", rates[0], "within 25%",
                    abs(rates[1] / rates[0] - 1) <= 0.25))
    rows.append(Row("store", f"load average at end: {os.getloadavg()[0]:.1f}", 0.0, "s"))
    return rows
