"""Timed steps for bench_layers: each ``X_setup`` prepares data outside the timing."""
from __future__ import annotations

import gc
import json
import sys
from pathlib import Path

import geopandas as gpd
import orjson

import synth
from geomap.layers import read_layer, write_layer


def _frame(n):
    from shapely import points

    feats = synth.features(int(n))
    rows = []
    for f in feats:
        p = dict(f["properties"])
        for k in ("actors", "weapons", "sources", "extraction", "extra"):
            p[k] = json.dumps(p[k])  # GDAL has no nested lists: JSON text, as geomap's GPKG export does
        rows.append(p)
    xy = [f["geometry"]["coordinates"] for f in feats]
    del feats
    gdf = gpd.GeoDataFrame(rows, geometry=points(xy), crs="EPSG:4326")
    del rows, xy
    gc.collect()
    return gdf


def geomap_write_setup(n, path):
    feats = synth.features(int(n))
    gc.collect()
    return feats


def geomap_write(feats, n, path):
    write_layer(Path(path), feats, name="strike")
    return {"bytes": Path(path).stat().st_size}


def tofile_write_setup(n, path):
    return _frame(n)


def tofile_write(gdf, n, path):
    gdf.to_file(path, driver="GeoJSON", engine="pyogrio")
    return {"bytes": Path(path).stat().st_size}


def jsondumps_write(feats, n, path):
    Path(path).write_text(json.dumps({"type": "FeatureCollection", "features": feats}))


jsondumps_write_setup = geomap_write_setup


def orjson_write(feats, n, path):
    Path(path).write_bytes(orjson.dumps({"type": "FeatureCollection", "features": feats}))


orjson_write_setup = geomap_write_setup


def geomap_read(path):
    return {"count": len(read_layer(path))}


def readfile_read(path):
    return {"count": len(gpd.read_file(path, engine="pyogrio"))}


def make_layer(n, path):
    write_layer(Path(path), synth.features(int(n)), name="strike")


if __name__ == "__main__":
    make_layer(sys.argv[1], sys.argv[2])
