"""A strict RFC 7946 checker for the GeoJSON geomap writes (exports and layers).

GIS readers are lenient; this is not. It reports, one line each: a ``crs``
member, wrong nesting or ``type`` values, positions that are not
``[lon, lat]`` numbers in range, more than six decimals (geomap's precision
rule), open or short rings, rings not wound by the right-hand rule, and a
``bbox`` that does not cover the coordinates.
"""
from __future__ import annotations

import math
from typing import Any, Iterator

GEOMETRY_TYPES = ("Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon",
                  "GeometryCollection")
MAX_DECIMALS = 6


def _decimals(x: float) -> int:
    text = repr(float(x))
    if "e" in text or "E" in text:
        return len(f"{x:.15f}".rstrip("0").split(".")[1]) if x != int(x) else 0
    return len(text.split(".")[1].rstrip("0")) if "." in text else 0


def _signed_area(ring: list) -> float:
    """Twice the signed area (shoelace); positive means counter-clockwise."""
    s = 0.0
    for (x1, y1, *_), (x2, y2, *_) in zip(ring, ring[1:]):
        s += x1 * y2 - x2 * y1
    return s


class _Checker:
    def __init__(self) -> None:
        self.problems: list[str] = []
        self.extent = [math.inf, math.inf, -math.inf, -math.inf]

    def add(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def position(self, pos: Any, where: str) -> bool:
        if not isinstance(pos, list) or not 2 <= len(pos) <= 3:
            self.add(where, f"position {pos!r} is not [lon, lat] or [lon, lat, alt]")
            return False
        if not all(isinstance(c, (int, float)) and not isinstance(c, bool) and math.isfinite(c) for c in pos):
            self.add(where, f"position {pos!r} has a non-number")
            return False
        lon, lat = pos[0], pos[1]
        if not -180 <= lon <= 180:
            self.add(where, f"longitude {lon} out of range -180..180")
        if not -90 <= lat <= 90:
            self.add(where, f"latitude {lat} out of range -90..90 (lat/lon swapped?)")
        for c in pos[:2]:
            if isinstance(c, float) and _decimals(c) > MAX_DECIMALS:
                self.add(where, f"coordinate {c!r} has more than {MAX_DECIMALS} decimals")
                break
        e = self.extent
        e[0], e[1], e[2], e[3] = min(e[0], lon), min(e[1], lat), max(e[2], lon), max(e[3], lat)
        return True

    def positions(self, seq: Any, where: str, minimum: int = 1) -> bool:
        if not isinstance(seq, list) or len(seq) < minimum:
            self.add(where, f"needs an array of at least {minimum} positions")
            return False
        return all([self.position(p, f"{where}[{i}]") for i, p in enumerate(seq)])

    def polygon(self, rings: Any, where: str) -> None:
        if not isinstance(rings, list) or not rings:
            self.add(where, "a Polygon needs an array of linear rings")
            return
        for j, ring in enumerate(rings):
            w = f"{where} ring {j}"
            if not self.positions(ring, w, 4):
                continue
            if ring[0] != ring[-1]:
                self.add(w, "linear ring is not closed (first and last positions differ)")
                continue
            area = _signed_area(ring)
            if j == 0 and area < 0:
                self.add(w, "exterior ring is clockwise; RFC 7946 wants counter-clockwise (right-hand rule)")
            elif j > 0 and area > 0:
                self.add(w, "hole is counter-clockwise; RFC 7946 wants clockwise (right-hand rule)")

    def geometry(self, g: Any, where: str) -> None:
        if g is None:
            return
        if not isinstance(g, dict):
            self.add(where, "geometry must be an object or null")
            return
        t = g.get("type")
        if t not in GEOMETRY_TYPES:
            self.add(where, f"unknown geometry type {t!r}")
            return
        if "crs" in g:
            self.add(where, "has a 'crs' member (removed from GeoJSON by RFC 7946)")
        if t == "GeometryCollection":
            gs = g.get("geometries")
            if not isinstance(gs, list):
                self.add(where, "GeometryCollection needs a 'geometries' array")
                return
            for i, sub in enumerate(gs):
                self.geometry(sub, f"{where}.geometries[{i}]")
            return
        if "coordinates" not in g:
            self.add(where, f"{t} has no 'coordinates'")
            return
        c = g["coordinates"]
        if t == "Point":
            self.position(c, where)
        elif t == "MultiPoint":
            self.positions(c, where, 0)
        elif t == "LineString":
            self.positions(c, where, 2)
        elif t == "MultiLineString":
            if not isinstance(c, list):
                self.add(where, "MultiLineString needs an array of line strings")
            else:
                for i, line in enumerate(c):
                    self.positions(line, f"{where}[{i}]", 2)
        elif t == "Polygon":
            self.polygon(c, where)
        elif t == "MultiPolygon":
            if not isinstance(c, list):
                self.add(where, "MultiPolygon needs an array of polygons")
            else:
                for i, poly in enumerate(c):
                    self.polygon(poly, f"{where}[{i}]")

    def feature(self, f: Any, where: str) -> None:
        if not isinstance(f, dict) or f.get("type") != "Feature":
            self.add(where, "not a Feature object")
            return
        if "crs" in f:
            self.add(where, "has a 'crs' member (removed from GeoJSON by RFC 7946)")
        if "geometry" not in f:
            self.add(where, "Feature has no 'geometry' member")
        if "properties" not in f:
            self.add(where, "Feature has no 'properties' member")
        elif f["properties"] is not None and not isinstance(f["properties"], dict):
            self.add(where, "properties must be an object or null")
        if "id" in f and not isinstance(f["id"], (str, int, float)):
            self.add(where, "id must be a string or number")
        self.geometry(f.get("geometry"), f"{where}.geometry")
        self.bbox(f, where)

    def bbox(self, obj: dict, where: str, extent: list | None = None) -> None:
        if "bbox" not in obj:
            return
        b = obj["bbox"]
        if not (isinstance(b, list) and len(b) in (4, 6) and all(isinstance(x, (int, float)) for x in b)):
            self.add(where, f"bbox {b!r} is not [west, south, east, north]")
            return
        if extent is not None and math.isfinite(extent[0]):
            w, s, e, n = (b[0], b[1], b[2], b[3]) if len(b) == 4 else (b[0], b[1], b[3], b[4])
            if s > n:
                self.add(where, f"bbox south {s} is north of north {n}")
            if w > extent[0] or s > extent[1] or e < extent[2] or n < extent[3]:
                self.add(where, f"bbox {b} does not cover the coordinates {[round(x, 6) for x in extent]}")


def check_object(doc: Any, where: str = "$") -> list[str]:
    """Every RFC 7946 problem in one parsed GeoJSON object (collection, feature or geometry)."""
    c = _Checker()
    if not isinstance(doc, dict):
        return [f"{where}: GeoJSON text must be an object"]
    if "crs" in doc:
        c.add(where, "has a 'crs' member (removed from GeoJSON by RFC 7946; coordinates are always WGS84 lon/lat)")
    t = doc.get("type")
    if t == "FeatureCollection":
        feats = doc.get("features")
        if not isinstance(feats, list):
            c.add(where, "FeatureCollection needs a 'features' array")
        else:
            for i, f in enumerate(feats):
                c.feature(f, f"{where}.features[{i}]")
        c.bbox(doc, where, c.extent)
    elif t == "Feature":
        c.feature(doc, where)
    elif t in GEOMETRY_TYPES:
        c.geometry(doc, where)
        c.bbox(doc, where, c.extent)
    else:
        c.add(where, f"unknown GeoJSON type {t!r}")
    return c.problems


def check_text(data: bytes | str, name: str = "$") -> list[str]:
    """Problems in a GeoJSON text (one JSON object); invalid JSON is one problem."""
    import orjson

    try:
        doc = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        return [f"{name}: invalid JSON: {exc}"]
    return check_object(doc, name)


def iter_sequence(data: bytes) -> Iterator[tuple[int, bytes]]:
    """Records of an RFC 8142 GeoJSON text sequence (each ``RS json LF``)."""
    if data and not data.startswith(b"\x1e"):
        yield 0, data  # reported by check_sequence
        return
    for i, rec in enumerate(data.split(b"\x1e")[1:]):
        yield i, rec


def check_sequence(data: bytes, name: str = "$") -> list[str]:
    """Problems in an RFC 8142 text sequence: framing, then RFC 7946 per record."""
    problems: list[str] = []
    if data and not data.startswith(b"\x1e"):
        return [f"{name}: does not start with the record separator 0x1E (RFC 8142)"]
    for i, rec in iter_sequence(data):
        if not rec.endswith(b"\n"):
            problems.append(f"{name} record {i}: does not end with a line feed (RFC 8142)")
        problems.extend(check_text(rec, f"{name} record {i}"))
    return problems


def check_file(path) -> list[str]:
    """Problems in a .geojson (one object) or .geojsons/.geojsonl (RFC 8142 sequence) file."""
    from pathlib import Path

    p = Path(path)
    data = p.read_bytes()
    if data.startswith(b"\x1e"):
        return check_sequence(data, str(p))
    return check_text(data, str(p))
