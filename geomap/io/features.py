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


class LonLatOrder:
    """The [lat, lon] check of a file, one point at a time (:meth:`see`), decided once all are seen
    (:meth:`check`): a latitude out of range refuses it, or more points that fall in the mapped oblasts
    only when read as [lat, lon] than as [lon, lat]."""

    def __init__(self) -> None:
        from ..regions import load_regions

        self.regions = load_regions()
        self.inside = self.swapped = 0
        self.out_of_range: tuple[int, float] | None = None  # the first (feature, latitude)

    def see(self, i: int, feature: Any) -> None:
        if self.out_of_range is not None:
            return
        g = feature.get("geometry") if isinstance(feature, dict) else None
        c = g.get("coordinates") if isinstance(g, dict) and g.get("type") == "Point" else None
        if not isinstance(c, list) or len(c) < 2 or not all(
                isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x) for x in c[:2]):
            return
        lon, lat = float(c[0]), float(c[1])
        if not -90 <= lat <= 90 and -90 <= lon <= 90:
            self.out_of_range = (i, lat)
        elif self.regions.admin1_at(lon, lat) is not None:
            self.inside += 1
        elif self.regions.admin1_at(lat, lon) is not None:
            self.swapped += 1

    def check(self, path: Path) -> None:
        if self.out_of_range is not None:
            i, lat = self.out_of_range
            raise InputError(f"latitude {lat} is out of range; coordinates look like [lat, lon] order. {CRS_HINT}",
                             path, f"feature {i}")
        if self.swapped and self.swapped > self.inside:
            raise InputError(f"{self.swapped} point(s) fall in the mapped oblasts only when read as [lat, lon]: "
                             f"the file uses lat/lon order. {CRS_HINT}", path)


def _valid_event(feat: dict[str, Any], i: int, path: str, regions, result: ImportResult) -> bool:
    """True when the feature is a valid geomap event; otherwise it is recorded as skipped, with the reason."""
    errors = [p for p in validate_features([feat], path, regions) if p.severity == "error"]
    if errors:
        result.skipped.append(Skipped(i, "; ".join(f"{p.field}: {p.message}" for p in errors), "feature"))
        return False
    return True


def duplicate_error(fid: str, first: int, first_type: Any, i: int, event_type: Any, path) -> InputError:
    """The refusal of a file holding two events with one id (one event must never silently replace another)."""
    return InputError(f"duplicate id {fid}: feature {first} ({first_type}) and feature {i} "
                      f"({event_type}); two events cannot share an id, nothing was imported", path)
