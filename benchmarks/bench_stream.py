"""Streamed imports and merges: peak memory of ``geomap import`` (GeoJSON text sequence, GeoPackage,
ACLED CSV) into a GeoJSON layer directory, and of a merge of a few events into a large layer directory,
each at two sizes: a ratio near 1 shows the memory is bounded, near 0.25 (the size ratio) that it grows.

Sizes: ``GEOMAP_BENCH_STREAM_EVENTS`` (default 200,000; 20,000 with --quick) and a quarter of it (the
whole group runs about seven minutes on 2 busy cores). Also the export of a layer directory to GeoJSON.
Every step runs in a fresh process (harness); peak memory is its own high-water mark (VmHWM).
"""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from harness import Row

HERE = Path(__file__).resolve().parent


def make_file(path: str, n: str, fmt: str) -> dict:
    from stream_synth import write_file

    return write_file(path, n, fmt)


def make_layers(path: str, n: str) -> dict:
    from stream_synth import valid_events

    from geomap.layers import write_layers

    return {"counts": write_layers(path, valid_events(int(n)))}


def import_into(kind: str, path: str, into: str) -> dict:
    """``geomap import KIND FILE --into INTO`` through the calls the CLI makes."""
    from geomap import api
    from geomap.io.registry import import_events

    options = {"region": "all"} if kind == "acled" else {}
    result = import_events(kind, path, **options)
    merged = api.merge(into, result.iter_features(), total=len(result))
    return {"read": result.read, "kept": len(result), "skipped": len(result.skipped), "added": merged.added}


def merge_some(layers: str, k: str) -> dict:
    """Merge ``k`` events into a layer directory: half new, half updates of events already there."""
    import itertools

    from stream_synth import valid_events

    from geomap import api

    k = int(k)
    new = list(valid_events(k // 2, seed=5, prefix="gm-new-"))
    old = list(itertools.islice(valid_events(k // 2, seed=11), k // 2))
    for f in old:
        f["properties"]["summary"] += " Corrected."
    r = api.merge(layers, new + old)
    return {"added": r.added, "updated": r.updated}


def make_project(root: str, n: str) -> dict:
    """A project of the repository's curated events with ``n`` events imported into data/imported
    (written by the streamed merge, as ``geomap import`` writes it; no seeds/, so no extraction)."""
    from stream_synth import valid_events

    from geomap.layer_merge import merge_into

    root = Path(root)
    shutil.copytree(HERE.parent / "data" / "events", root / "data" / "events")
    merged = merge_into(root / "data" / "imported", valid_events(int(n)))
    return {"added": merged.added}


def build_project(root: str, out: str, stream_above: str) -> dict:
    """``geomap build --root ROOT --out OUT`` through the call the CLI makes (map and report asked for:
    beyond the render limit the build warns instead); ``stream_above`` 0 streams, a huge one reads whole."""
    from geomap.build import build

    r = build(root, out, stream_above=int(stream_above))
    return {"total": r.total, "streamed": r.streamed, "added": r.added,
            "skipped": sum(1 for w in r.warnings if w.field == "render")}


def export_layers(layers: str, out: str, fmt: str) -> dict:
    """``geomap export LAYERS -f FMT -o OUT`` through the calls the CLI makes."""
    from geomap import api

    feats = api.stream(layers)
    api.export(feats, out, fmt)
    return {"count": feats.count}


def run(ctx) -> list[Row]:
    sys.path.insert(0, str(HERE))
    n = int(os.environ.get("GEOMAP_BENCH_STREAM_EVENTS", 20_000 if ctx.quick else 200_000))
    env = {"OMP_NUM_THREADS": "1"}
    rows: list[Row] = [Row("stream", f"load average at start (2 cores): {os.getloadavg()[0]:.1f}", 0.0, "s")]
    sizes = (n // 4, n)
    for kind, fmt, suffix in (("geojson", "geojsonseq", ".geojsons"), ("gpkg", "gpkg", ".gpkg"),
                              ("acled", "acled-csv", ".csv")):
        peaks = {}
        for size in sizes:
            src = ctx.tmp / f"in-{size}{suffix}"
            ctx.measure("bench_stream:make_file", str(src), str(size), fmt, env=env)
            into = ctx.tmp / f"into-{kind}-{size}"
            got = ctx.measure("bench_stream:import_into", kind, str(src), str(into), env=env)
            assert got["added"] == size, got
            peaks[size] = got
            src.unlink()
            shutil.rmtree(into)
        small, big = peaks[sizes[0]], peaks[sizes[1]]
        rows.append(Row("stream", f"import {kind} {sizes[1]:,} events into layers: peak memory",
                        big["peak_rss_mb"], "MB", f"{sizes[0]:,} events", small["peak_rss_mb"],
                        "ratio ~1 (bounded)", small["peak_rss_mb"] / big["peak_rss_mb"] >= 0.8))
        rows.append(Row("stream", f"import {kind} {sizes[1]:,} events: CPU time", big["cpu_seconds"], "s",
                        f"{sizes[0]:,} events", small["cpu_seconds"]))
    peaks, exports = {}, {}
    for size in sizes:
        layers = ctx.tmp / f"layers-{size}"
        ctx.measure("bench_stream:make_layers", str(layers), str(size), env=env)
        out = ctx.tmp / f"export-{size}.geojson"
        exports[size] = ctx.measure("bench_stream:export_layers", str(layers), str(out), "geojson", env=env)
        assert exports[size]["count"] == size, exports[size]
        out.unlink()
        peaks[size] = ctx.measure("bench_stream:merge_some", str(layers), "1000", env=env)
        shutil.rmtree(layers)
    small, big = exports[sizes[0]], exports[sizes[1]]
    rows.append(Row("stream", f"export layers of {sizes[1]:,} events to GeoJSON: peak memory", big["peak_rss_mb"],
                    "MB", f"{sizes[0]:,} events", small["peak_rss_mb"], "ratio ~1 (bounded)",
                    small["peak_rss_mb"] / big["peak_rss_mb"] >= 0.8))
    rows.append(Row("stream", f"export layers of {sizes[1]:,} events to GeoJSON: CPU time", big["cpu_seconds"], "s",
                    f"{sizes[0]:,} events", small["cpu_seconds"]))
    small, big = peaks[sizes[0]], peaks[sizes[1]]
    rows.append(Row("stream", f"merge 1,000 events into layers of {sizes[1]:,}: peak memory", big["peak_rss_mb"],
                    "MB", f"into {sizes[0]:,}", small["peak_rss_mb"], "ratio ~1 (bounded)",
                    small["peak_rss_mb"] / big["peak_rss_mb"] >= 0.8))
    rows.append(Row("stream", f"merge 1,000 events into layers of {sizes[1]:,}: CPU time", big["cpu_seconds"], "s",
                    f"into {sizes[0]:,}", small["cpu_seconds"]))
    rows.extend(build_rows(ctx, env))
    rows.append(Row("stream", f"load average at end: {os.getloadavg()[0]:.1f}", 0.0, "s"))
    return rows


def build_rows(ctx, env: dict) -> list[Row]:
    """``geomap build`` over a store of 1,000,000 and 4,000,000 imported events (``GEOMAP_BENCH_BUILD_EVENTS``
    sets the larger; 50,000 with --quick), streamed, and the whole read of the smaller one as the baseline."""
    big = int(os.environ.get("GEOMAP_BENCH_BUILD_EVENTS", 50_000 if ctx.quick else 4_000_000))
    sizes = (big // 4, big)
    got = {}
    for size in sizes:
        root = ctx.tmp / f"project-{size}"
        ctx.measure("bench_stream:make_project", str(root), str(size), env=env)
        runs = (("stream", "0"), ("whole", str(10 ** 12))) if size == sizes[0] else (("stream", "0"),)
        for how, above in runs:
            r = got[how, size] = ctx.measure("bench_stream:build_project", str(root), str(ctx.tmp / f"out-{how}-{size}"),
                                             above, env=env)
            assert r["streamed"] == (how == "stream") and r["total"] >= size and r["skipped"] == 1, r
            shutil.rmtree(ctx.tmp / f"out-{how}-{size}")
        shutil.rmtree(root)
    small, large, whole = got["stream", sizes[0]], got["stream", sizes[1]], got["whole", sizes[0]]
    return [
        Row("stream", f"build {sizes[1]:,} imported events, streamed: peak memory", large["peak_rss_mb"], "MB",
            f"{sizes[0]:,} events", small["peak_rss_mb"], "ratio ~1 (bounded)",
            small["peak_rss_mb"] / large["peak_rss_mb"] >= 0.8),
        Row("stream", f"build {sizes[0]:,} imported events, streamed: peak memory", small["peak_rss_mb"], "MB",
            "the whole read", whole["peak_rss_mb"]),
        Row("stream", f"build {sizes[1]:,} imported events, streamed: CPU time", large["cpu_seconds"], "s",
            f"{sizes[0]:,} events", small["cpu_seconds"]),
        Row("stream", f"build {sizes[0]:,} imported events, streamed: CPU time", small["cpu_seconds"], "s",
            "the whole read", whole["cpu_seconds"]),
    ]
