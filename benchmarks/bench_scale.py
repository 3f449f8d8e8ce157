"""Scale: a GeoParquet export of many events in bounded memory; a filtered load of one month against
loading all and filtering. (Extraction over several processes and Dask: bench_parallel.)

The event count of the GeoParquet steps is ``GEOMAP_BENCH_EVENTS`` (default 10,000,000; 200,000 with
--quick); the filtered-load comparison uses ``GEOMAP_BENCH_LOAD_EVENTS`` (default 1,000,000), since its
baseline, loading every event into a GeoDataFrame, needs memory in proportion to the count.
"""
from __future__ import annotations

import datetime as dt
import os
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


def run(ctx) -> list[Row]:
    rows: list[Row] = []
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
