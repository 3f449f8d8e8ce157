"""Bring events from other tools into geomap: GeoJSON from QGIS/kepler.gl/scripts, GeoPackage, ACLED CSV.

Each importer returns an :class:`ImportResult`: the events as geomap features,
the rows or features it skipped with the reason, and notes about what it
changed (e.g. an ``admin1`` filled by reverse geocoding). Nothing is written
here; :func:`geomap.layers.merge_into` puts the events in a layer directory.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping

import orjson

from .errors import InputError
from .schema import LIST_PROPERTIES, PROPERTIES, make_feature, validate_features


@dataclass(frozen=True)
class Skipped:
    """A row (1-based data row of a CSV) or feature (0-based index) left out, and why."""

    row: int
    reason: str
    kind: str = "row"

    def __str__(self) -> str:
        return f"{self.kind} {self.row}: {self.reason}"


@dataclass
class ImportResult:
    """Events read from a file, what was skipped and what was changed on the way.

    ``features`` may be built lazily from columns (see :mod:`geomap.acled`) so
    a million-row import does not pay for a million dicts until they are used.
    """

    path: Path
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    read: int = 0
    outside_region: int = 0
    _features: list[dict[str, Any]] | None = None
    _build: Callable[[], list[dict[str, Any]]] | None = None

    @property
    def features(self) -> list[dict[str, Any]]:
        if self._features is None:
            self._features = self._build() if self._build else []
        return self._features

    def __len__(self) -> int:
        return len(self.features)

    def summary(self) -> str:
        parts = [f"{self.read} read", f"{len(self.features)} imported", f"{len(self.skipped)} skipped"]
        if self.outside_region:
            parts.append(f"{self.outside_region} outside the region")
        return f"{self.path}: " + ", ".join(parts)


# --- GeoJSON from other tools ----------------------------------------------------

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
    from .regions import load_regions

    regions = load_regions()
    swapped_hits = inside = 0
    for i, f in enumerate(features):
        g = f.get("geometry") or {}
        c = g.get("coordinates") if g.get("type") == "Point" else None
        if not isinstance(c, list) or len(c) < 2 or not all(isinstance(x, (int, float)) for x in c[:2]):
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


def _keep_valid(feat: dict[str, Any], i: int, path: str, regions, result: ImportResult) -> bool:
    """True when the feature is a valid geomap event; otherwise it is recorded as skipped."""
    errors = [p for p in validate_features([feat], path, regions) if p.severity == "error"]
    if errors:
        result.skipped.append(Skipped(i, "; ".join(f"{p.field}: {p.message}" for p in errors), "feature"))
    return not errors


def _refuse_if_strict(result: ImportResult, path: Path, strict: bool, what: str = "") -> None:
    """With --strict, refuse the file at its first skipped row or feature (``what``: " bad rows")."""
    if strict and result.skipped:
        s = result.skipped[0]
        more = f" (and {len(result.skipped) - 1} more{what})" if len(result.skipped) > 1 else ""
        raise InputError(f"{s.reason}{more}; nothing imported (--strict)", path, f"{s.kind} {s.row}")


def import_geojson(path: Path | str, *, strict: bool = False) -> ImportResult:
    """Features from another tool's GeoJSON (FeatureCollection, Feature or RFC 8142 sequence).

    Properties are mapped by name (see :data:`ALIASES`); unknown ones are kept
    under ``extra``. A ``crs`` member or [lat, lon] order refuses the file;
    features that fail validation are skipped with the reason (or, with
    ``strict``, refuse the file).
    """
    from .regions import load_regions

    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path) from None
    try:
        if data.startswith(b"\x1e"):
            docs = [orjson.loads(rec) for rec in data.split(b"\x1e")[1:] if rec.strip()]
            doc: Any = {"type": "FeatureCollection", "features": docs}
        else:
            doc = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg}", path, f"line {exc.lineno} column {exc.colno}") from None
    if isinstance(doc, dict) and doc.get("type") == "Feature":
        doc = {"type": "FeatureCollection", "features": [doc]}
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection" or not isinstance(doc.get("features"), list):
        raise InputError("not a GeoJSON FeatureCollection, Feature or text sequence", path)
    if "crs" in doc:
        raise InputError(f"has a 'crs' member. {CRS_HINT}", path)
    feats = doc["features"]
    for i, f in enumerate(feats):
        if isinstance(f, dict) and ("crs" in f or "crs" in (f.get("geometry") or {})):
            raise InputError(f"has a 'crs' member. {CRS_HINT}", path, f"feature {i}")
    _check_lonlat_order(feats, path)

    result = ImportResult(path=path, read=len(feats))
    regions = load_regions()
    good: list[dict[str, Any]] = []
    for i, f in enumerate(feats):
        if not isinstance(f, dict) or f.get("type") != "Feature":
            result.skipped.append(Skipped(i, "not a GeoJSON Feature", "feature"))
            continue
        g = f.get("geometry") or {}
        c = g.get("coordinates")
        if g.get("type") != "Point" or not isinstance(c, list) or len(c) < 2 \
                or not all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in c[:2]):
            result.skipped.append(Skipped(i, f"geometry is {g.get('type')!r}, not a Point [lon, lat]", "feature"))
            continue
        props = _map_properties(f.get("properties") or {})
        if not props.get("id") and f.get("id") is not None:
            props["id"] = str(f["id"])
        if not props.get("admin1") and not props.get("admin1_code"):
            found = regions.admin1_at(float(c[0]), float(c[1]))
            if found is not None:
                props.update(admin1=found.admin1, admin1_code=found.admin1_code,
                             country=props.get("country") or found.country)
                result.notes.append(f"feature {i}: admin1 filled: the point lies in {found.admin1}")
        feat = make_feature(props, c[0], c[1])
        if _keep_valid(feat, i, str(path), regions, result):
            good.append(feat)
    _refuse_if_strict(result, path, strict)
    result._features = good
    return result


# --- GeoPackage (geomap's own export, or one edited in QGIS) --------------------------

def import_gpkg(path: Path | str, *, strict: bool = False) -> ImportResult:
    """Events from a GeoPackage written by ``geomap export --format gpkg`` (e.g. edited in QGIS).

    Every event-type table is read; features that are no longer valid events
    are skipped with the reason (numbered across tables in read order).
    """
    import pyogrio

    from .regions import load_regions

    from .schema import EVENT_TYPES

    path = Path(path)
    if not path.is_file():
        raise InputError("no such file", path)
    try:
        names = [row[0] for row in pyogrio.list_layers(str(path))]
    except Exception as exc:  # pyogrio raises its own DataSourceError
        raise InputError(f"cannot read GeoPackage: {exc}", path) from None
    result = ImportResult(path=path)
    feats: list[dict[str, Any]] = []
    for layer in names:
        if layer not in EVENT_TYPES:
            continue
        meta, table = pyogrio.read_arrow(str(path), layer=layer)
        import shapely

        gname = meta.get("geometry_name") or "wkb_geometry"
        geoms = shapely.from_wkb(table.column(gname).to_numpy(zero_copy_only=False)) if table.num_rows else []
        cols = {name: table.column(name).to_pylist() for name in table.column_names if name != gname}
        for i in range(table.num_rows):
            props: dict[str, Any] = {}
            for key in PROPERTIES:
                v = cols.get(key, [None] * table.num_rows)[i]
                if key in ("date_start", "date_end") and v is not None:
                    v = v.isoformat()
                elif key in LIST_PROPERTIES or key in ("extraction", "extra"):
                    v = orjson.loads(v) if v else None
                props[key] = v
            result.read += 1
            g = geoms[i]
            if g is None or g.geom_type != "Point" or g.is_empty:
                result.skipped.append(Skipped(result.read - 1, f"{layer}: geometry is not a Point", "feature"))
                continue
            feat = make_feature(props, g.x, g.y)
            if _keep_valid(feat, result.read - 1, f"{path}:{layer}", load_regions(), result):
                feats.append(feat)
    _refuse_if_strict(result, path, strict)
    result._features = feats
    return result


def import_file(path: Path | str, **kwargs: Any) -> ImportResult:
    """Dispatch on the suffix: ``.csv`` ACLED, ``.gpkg`` GeoPackage, else GeoJSON."""
    p = Path(path)
    if p.suffix.lower() == ".csv":
        from .acled import import_acled

        return import_acled(p, **kwargs)
    if p.suffix.lower() == ".gpkg":
        return import_gpkg(p, **kwargs)
    return import_geojson(p, **kwargs)
