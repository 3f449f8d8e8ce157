"""Events in the shape other formats expect (export) and other tools' properties mapped onto geomap's (import)."""
from __future__ import annotations

import math
from pathlib import Path
from typing import Any, Mapping, Sequence

import orjson

from ..errors import InputError
from ..layers import canonical_feature
from ..schema import PROPERTIES, validate_features
from .common import ImportResult, Skipped


BOUNDARY_LAYER = "boundaries"
BORDER_LAYER = "border"  # the Russia–Ukraine border line (GeoPackage export)
# Properties that formats without nesting (CSV, GeoPackage) hold as JSON text.
JSON_PROPERTIES = ("actors", "weapons", "sources", "extraction", "extra")


def export_properties(feature: Mapping[str, Any]) -> dict[str, Any]:
    """The feature's properties in the contract's shape (a no-op for layer-store features)."""
    p = feature["properties"]
    return p if tuple(p) == PROPERTIES else canonical_feature(feature)["properties"]


def _lonlat(feature: Mapping[str, Any]) -> tuple[float, float]:
    c = feature["geometry"]["coordinates"]
    return round(float(c[0]), 6), round(float(c[1]), 6)


def _bbox(features: Sequence[Mapping[str, Any]]) -> list[float] | None:
    if not features:
        return None
    import numpy as np

    xy = np.array([f["geometry"]["coordinates"][:2] for f in features], dtype="float64").round(6)
    return [float(xy[:, 0].min()), float(xy[:, 1].min()), float(xy[:, 0].max()), float(xy[:, 1].max())]


def _round6(c):
    """GeoJSON coordinates (any nesting) rounded to 6 decimals."""
    return [round(c[0], 6), round(c[1], 6)] if isinstance(c[0], (int, float)) else [_round6(x) for x in c]


def boundary_features() -> list[dict[str, Any]]:
    """The packaged oblast boundaries as RFC 7946 features: right-hand rule, 6 decimals."""
    import shapely
    from shapely.geometry import mapping, shape
    from shapely.geometry.polygon import orient

    from ..regions import load_regions

    out = []
    for f in load_regions().collection["features"]:
        geom = shape(f["geometry"])
        if geom.geom_type == "MultiPolygon":
            geom = shapely.MultiPolygon([orient(g, 1.0) for g in geom.geoms])
        else:
            geom = orient(geom, 1.0)  # exterior counter-clockwise, holes clockwise
        gj = orjson.loads(orjson.dumps(mapping(geom)))
        gj["coordinates"] = _round6(gj["coordinates"])
        out.append({"type": "Feature", "id": f["properties"]["admin1_code"], "geometry": gj,
                    "properties": dict(f["properties"])})
    return out


def border_feature() -> dict[str, Any]:
    """The Russia–Ukraine border (:meth:`geomap.regions.Regions.border_line`) as a feature, 6 decimals."""
    from shapely.geometry import mapping

    from ..regions import load_regions

    gj = orjson.loads(orjson.dumps(mapping(load_regions().border_line())))
    gj["coordinates"] = _round6(gj["coordinates"])
    return {"type": "Feature", "id": "RU-UA", "geometry": gj,
            "properties": {"name": "Russia–Ukraine border", "source": "Natural Earth admin-1 edges"}}


def _boundary_path(path: Path, ext: str) -> Path:
    return path.with_name(f"{path.stem}.{BOUNDARY_LAYER}{ext}")


# Property names other tools use for geomap's fields (matched case-insensitively).
ALIASES: dict[str, str] = {
    "type": "event_type", "category": "event_type",
    "subtype": "sub_type", "sub_event_type": "sub_type",
    "date": "date_start", "event_date": "date_start", "start": "date_start", "start_date": "date_start",
    "end": "date_end", "end_date": "date_end",
    "location": "place", "name": "place", "place_name": "place",
    "geonameid": "gazetteer_id", "notes": "summary", "description": "summary",
    "actor": "actors", "weapon": "weapons", "deaths": "fatalities",
    "status": "claim_status", "source": "sources", "url": "sources",
}
CRS_HINT = ("RFC 7946 GeoJSON has no crs and is always WGS84 [lon, lat]; convert with "
            "ogr2ogr -f GeoJSON -t_srs EPSG:4326 -lco RFC7946=YES OUT IN")


def _map_properties(props: Mapping[str, Any]) -> dict[str, Any]:
    """Properties renamed onto geomap's by name; unknown ones end up under ``extra``."""
    out: dict[str, Any] = {}
    extra: dict[str, Any] = dict(props.get("extra") or {}) if isinstance(props.get("extra"), Mapping) else {}
    for key, value in props.items():
        if key == "extra" and isinstance(value, Mapping):
            continue
        low = key.lower()
        target = key if key in PROPERTIES else (low if low in PROPERTIES else ALIASES.get(low))
        if target is None or target in out:
            extra[key] = value
            continue
        if target in ("actors", "weapons") and isinstance(value, str) and value.startswith("["):
            try:
                value = orjson.loads(value)
            except orjson.JSONDecodeError:
                pass
        if target == "sources":
            if isinstance(value, str):
                if value.startswith("["):
                    try:
                        value = orjson.loads(value)
                    except orjson.JSONDecodeError:
                        pass
                if isinstance(value, str):
                    value = [{"url": value} if value.lower().startswith(("http://", "https://")) else {"outlet": value}]
            elif isinstance(value, Mapping):
                value = [value]
        if target in ("extraction",) and isinstance(value, str):
            try:
                value = orjson.loads(value)
            except orjson.JSONDecodeError:
                pass
        out[target] = value
    if "date_start" in out and not out.get("date_end"):
        out["date_end"] = out["date_start"]
    out.setdefault("origin", "imported")
    out.setdefault("claim_status", "reported")
    if extra:
        out["extra"] = extra
    return out


def _check_lonlat_order(features: list, path: Path) -> None:
    """Refuse a file whose points are [lat, lon]: latitude out of range, or the swap lands in the region."""
    from ..regions import load_regions

    regions = load_regions()
    swapped_hits = inside = 0
    for i, f in enumerate(features):
        g = f.get("geometry") if isinstance(f, dict) else None
        c = g.get("coordinates") if isinstance(g, dict) and g.get("type") == "Point" else None
        if not isinstance(c, list) or len(c) < 2 or not all(
                isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x) for x in c[:2]):
            continue
        lon, lat = float(c[0]), float(c[1])
        if not -90 <= lat <= 90 and -90 <= lon <= 90:
            raise InputError(f"latitude {lat} is out of range; coordinates look like [lat, lon] order. {CRS_HINT}",
                             path, f"feature {i}")
        if regions.admin1_at(lon, lat) is not None:
            inside += 1
        elif regions.admin1_at(lat, lon) is not None:
            swapped_hits += 1
    if swapped_hits and swapped_hits > inside:
        raise InputError(f"{swapped_hits} point(s) fall in the mapped oblasts only when read as [lat, lon]: "
                         f"the file uses lat/lon order. {CRS_HINT}", path)


def _keep_valid(feat: dict[str, Any], i: int, path: str, regions, result: ImportResult,
                seen: dict[str, tuple[int, Any]]) -> bool:
    """True when the feature is a valid geomap event; otherwise it is recorded as skipped.

    Features are checked one at a time, so ``seen`` (id → feature number and
    type, one dict per file) carries the ids read so far: a second event with
    an id already read refuses the file, naming both (one event must never
    silently replace another), in a dry run too.
    """
    errors = [p for p in validate_features([feat], path, regions) if p.severity == "error"]
    if errors:
        result.skipped.append(Skipped(i, "; ".join(f"{p.field}: {p.message}" for p in errors), "feature"))
        return False
    props = feat["properties"]
    fid = props.get("id")
    if isinstance(fid, str):
        if fid in seen:
            first, first_type = seen[fid]
            raise InputError(f"duplicate id {fid}: feature {first} ({first_type}) and feature {i} "
                             f"({props.get('event_type')}); two events cannot share an id, nothing was imported",
                             path)
        seen[fid] = (i, props.get("event_type"))
    return True
