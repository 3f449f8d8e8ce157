"""One incident restated over and over in one document: extraction time per MB at 5 MB and at 50 MB.

Merging each restatement into the event searched the event's quotes (quadratic: 5 MB took 58 s,
50 MB over 400 s). Linear merging reads 50 MB at about the rate per MB of 5 MB; the baseline
is the 5 MB figure of this run. Each size runs in a fresh process.
"""
from __future__ import annotations

from pathlib import Path

from harness import Row

# our own words: three ways a report restates one shelling of one village on one day
SAID = ["Russian forces shelled Sudzha with artillery on 9 January, the regional governor said.",
        "The artillery shelling of Sudzha by Russian forces on 9 January damaged houses, officials said.",
        "On 9 January Russian forces shelled Sudzha again with artillery, according to the governor."]


def write_restated(path: Path, megabytes: float) -> None:
    """A report of about ``megabytes`` MB, one paragraph per restatement."""
    target = int(megabytes * 1_000_000)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("---\ntitle: Sudzha shelled\npublished: 2025-01-10\nurl: https://example.org/sudzha\n"
                 "outlet: Example\n---\n\n")
        written, i = 0, 0
        while written < target:
            para = SAID[i % 3] + "\n\n"
            fh.write(para)
            written += len(para)
            i += 1


def extract_restated_setup(path: str):
    from geomap.extraction.places import default_places

    default_places()  # the index, built once per process, is not the merging being measured
    return Path(path)


def extract_restated(path: Path, _given: str) -> dict:
    from geomap.extraction import extract_paths

    result = extract_paths([path])
    return {"bytes": path.stat().st_size, "events": len(result.events),
            "quotes": sum(len(f["properties"]["sources"]) for f in result.events)}


def run(ctx) -> list[Row]:
    small_mb, large_mb = (0.5, 5.0) if ctx.quick else (5.0, 50.0)
    figures = {}
    for mb in (small_mb, large_mb):
        doc = ctx.tmp / f"restated-{mb:g}mb.md"
        write_restated(doc, mb)
        r = ctx.measure("bench_repeats:extract_restated", str(doc), env={"OMP_NUM_THREADS": "1"})
        doc.unlink()
        figures[mb] = r
    small, large = figures[small_mb], figures[large_mb]
    per = {mb: r["seconds"] / (r["bytes"] / 1e6) for mb, r in figures.items()}
    one_event = all(r["events"] == 1 for r in figures.values())
    return [
        Row("repeats", f"{small_mb:g} MB restating one incident ({small['quotes']:,} quotes, {small['events']} event)",
            small["seconds"], "s"),
        Row("repeats", f"{large_mb:g} MB: time per MB ({large['quotes']:,} quotes, {large['events']} event)",
            per[large_mb], "s/MB", f"{small_mb:g} MB, this run", per[small_mb], "ratio >= 0.67 (linear)",
            one_event and per[large_mb] <= 1.5 * per[small_mb]),
        Row("repeats", f"{large_mb:g} MB restating one incident, peak memory", large["peak_rss_mb"], "MB"),
    ]
