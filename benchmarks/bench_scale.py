"""Scale: extraction over 2 processes and a Dask LocalCluster against one process; a GeoParquet export
of many events in bounded memory; a filtered load of one month against loading all and filtering.

The event count of the GeoParquet steps is ``GEOMAP_BENCH_EVENTS`` (default 10,000,000; 200,000 with
--quick); the filtered-load comparison uses ``GEOMAP_BENCH_LOAD_EVENTS`` (default 1,000,000), since its
baseline, loading every event into a GeoDataFrame, needs memory in proportion to the count.
"""
from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

from harness import Row

HERE = Path(__file__).resolve().parent


def iter_events(n: int):
    """``n`` valid events, dated in order over 450 days (as layers are sorted), points over the two oblasts."""
    import random

    from geomap.schema import EVENT_TYPES, SUB_TYPES

    rnd = random.Random(7)
    base = dt.date(2024, 8, 1).toordinal()
    oblasts = [("Kursk Oblast", "RU-KRS", "RU"), ("Sumy Oblast", "UA-59", "UA")]
    actors = ["Russian forces", "Ukrainian forces", "North Korean forces"]
    for i in range(n):
        et = EVENT_TYPES[i % 5]
        admin1, code, country = oblasts[i % 2]
        day = dt.date.fromordinal(base + i * 450 // n).isoformat()
        props = {
            "id": f"gm-{i:012x}", "event_type": et, "sub_type": SUB_TYPES[et][i % len(SUB_TYPES[et])],
            "date_start": day, "date_end": day, "time_precision": "day",
            "place": f"Place {i % 997}", "place_mention": f"Place {i % 997}", "gazetteer_id": f"geonames:{100000 + i % 997}",
            "admin1": admin1, "admin1_code": code, "country": country, "geo_precision": "settlement",
            "actors": [actors[i % 3]], "weapons": ["artillery"] if et == "strike" else [], "fatalities": None,
            "summary": f"Synthetic event number {i}.", "claim_status": "reported",
            "sources": [{"url": f"https://example.org/report/{i % 5000}", "outlet": "Example", "published": day,
                         "claimed_by": None, "quote": None}],
            "origin": "curated", "review_status": "accepted", "reviewer": None, "extraction": None, "extra": None,
        }
        yield {"type": "Feature", "id": props["id"],
               "geometry": {"type": "Point", "coordinates": [round(33.5 + rnd.random() * 4.5, 6),
                                                             round(50.0 + rnd.random() * 2.5, 6)]},
               "properties": props}


def export_parquet(path: str, n: str) -> dict:
    from geomap.io.registry import export_features

    export_features(iter_events(int(n)), path, "geoparquet")
    return {"bytes": os.path.getsize(path)}


MONTH = ("2025-03-01", "2025-03-31")


def load_month(path: str) -> dict:
    import geomap

    df = geomap.load(path, since=MONTH[0], until=MONTH[1])
    return {"rows": len(df)}


def load_all_then_filter(path: str) -> dict:
    import geomap

    df = geomap.events(geomap.load(path), since=MONTH[0], until=MONTH[1])
    return {"rows": len(df)}


GEOMAP = Path(sys.executable).parent / "geomap"


def _extract_command(ctx, corpus: Path, opts: list[str], repeat: int) -> tuple[float, bytes]:
    """Best wall time of ``geomap extract CORPUS -o FILE OPTS``, and the file it wrote."""
    import subprocess
    import time

    out = ctx.tmp / "scale-out.geojson"
    best = float("inf")
    for _ in range(repeat):
        os.sync()
        t0 = time.perf_counter()
        subprocess.run([str(GEOMAP), "extract", str(corpus), "-o", str(out), *opts], check=True,
                       capture_output=True, env={**os.environ, "OMP_NUM_THREADS": "1"})
        best = min(best, time.perf_counter() - t0)
    return best, out.read_bytes()


@__import__("contextlib").contextmanager
def _dask_cluster(tmp: Path):
    """A scheduler and two one-thread workers started with Dask's own commands, as on a cluster."""
    import subprocess

    from dask.distributed import Client

    bindir = Path(sys.executable).parent
    sched_file = tmp / "scheduler.json"
    procs = [subprocess.Popen([str(bindir / "dask"), "scheduler", "--scheduler-file", str(sched_file), "--port", "0",
                               "--no-dashboard", "--host", "127.0.0.1"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        for _ in range(600):
            if sched_file.exists():
                break
            __import__("time").sleep(0.1)
        procs.append(subprocess.Popen([str(bindir / "dask"), "worker", "--scheduler-file", str(sched_file),
                                       "--nworkers", "2", "--nthreads", "1", "--no-dashboard", "--host", "127.0.0.1"],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        with Client(scheduler_file=str(sched_file), timeout="60s") as client:
            client.wait_for_workers(2, timeout=120)
            address = client.scheduler.address
        yield address
    finally:
        for p in reversed(procs):
            p.terminate()
            p.wait(timeout=60)


def run(ctx) -> list[Row]:
    sys.path.insert(0, str(HERE))
    from extract_corpus import write_corpus

    rows: list[Row] = []
    mb = 1.0 if ctx.quick else 4.0
    corpus = ctx.tmp / "scale-corpus"
    write_corpus(corpus, mb)
    rep = 1 if ctx.quick else 2
    # the user's command in a fresh process, so both sides pay for loading the index (once here,
    # once per worker there) and for starting workers
    one, out1 = _extract_command(ctx, corpus, ["--jobs", "1"], rep)
    two, out2 = _extract_command(ctx, corpus, ["--jobs", "2"], rep)
    same = out1 == out2
    rows.append(Row("scale", f"extract --jobs 2 ({mb:.0f} MB, same output: {same})", two, "s",
                    "--jobs 1", one, ">= 1.7x", same and one / two >= 1.7))
    try:
        with _dask_cluster(ctx.tmp) as address:
            dk, outd = _extract_command(ctx, corpus, ["--dask", address], rep)
    except ImportError:
        rows.append(Row("scale", "extract --dask (dask.distributed not installed)", 0.0, "s"))
    else:
        same = outd == out1
        rows.append(Row("scale", f"extract --dask, 2 workers already up (same output: {same})", dk, "s",
                        "--jobs 2", two, "within 20% (ratio >= 0.83)", same and dk <= 1.2 * two))
    n = int(os.environ.get("GEOMAP_BENCH_EVENTS", 200_000 if ctx.quick else 10_000_000))
    pq = ctx.tmp / "events.parquet"
    env = {"OMP_NUM_THREADS": "1"}
    ex = ctx.measure("bench_scale:export_parquet", str(pq), str(n), env=env)
    rows.append(Row("scale", f"GeoParquet export of {n:,} events ({ex['bytes'] / 1e6:.0f} MB), peak memory",
                    ex["peak_rss_mb"], "MB", "", None, "< 1024 MB", ex["peak_rss_mb"] < 1024))
    rows.append(Row("scale", f"GeoParquet export of {n:,} events, time", ex["seconds"], "s"))
    m = int(os.environ.get("GEOMAP_BENCH_LOAD_EVENTS", 100_000 if ctx.quick else 1_000_000))
    small = ctx.tmp / "load.parquet"
    ctx.measure("bench_scale:export_parquet", str(small), str(m), env=env)
    month = ctx.measure("bench_scale:load_month", str(small), env=env)
    base = ctx.measure("bench_scale:load_all_then_filter", str(small), env=env)
    assert month["rows"] == base["rows"], (month, base)
    rows.append(Row("scale", f"load one month ({month['rows']:,} of {m:,} events) with filters pushed down",
                    month["seconds"], "s", "load all, then filter", base["seconds"], ">= 10x",
                    base["seconds"] / month["seconds"] >= 10))
    return rows
