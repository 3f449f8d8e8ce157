"""Export events for other tools: GeoJSON, GeoJSON text sequences, GeoPackage, CSV, ACLED-style CSV.

Every writer is strict to its standard (RFC 7946, RFC 8142, OGC GeoPackage)
and atomic: it writes a temp file in the target directory and renames it, so
a failed export leaves any earlier file intact. Output is deterministic:
events in the order given (``read_layers`` order), properties in the schema's
order, coordinates at 6 decimals.
"""
from __future__ import annotations

import csv
import io
import os
import secrets
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, Sequence

import orjson

from .errors import InputError, OutputError
from .gcpause import paused_gc
from .layers import _atomic_write_chunks, canonical_feature
from .schema import EVENT_TYPES, PROPERTIES

FORMATS: dict[str, str] = {
    "geojson": ".geojson",
    "geojsonseq": ".geojsons",
    "gpkg": ".gpkg",
    "csv": ".csv",
    "acled-csv": ".csv",
}
BOUNDARY_LAYER = "boundaries"
# GeoPackage 1.2: read without warnings by every GDAL >= 2.2 (QGIS 3.x, Debian's gdal-bin).
GPKG_DATASET_OPTIONS = {"VERSION": "1.2"}
RS = b"\x1e"

# CSV: geometry as longitude/latitude and WKT; actors and weapons joined with
# "; " (as in curated CSV files) unless an item itself holds ";", in which case
# the cell is a JSON array; sources, extraction and extra are JSON text.
CSV_COLUMNS: tuple[str, ...] = (
    "id", "event_type", "sub_type", "date_start", "date_end", "time_precision",
    "place", "place_mention", "gazetteer_id", "admin1", "admin1_code", "country",
    "geo_precision", "longitude", "latitude", "wkt", "actors", "weapons", "fatalities",
    "summary", "claim_status", "sources", "origin", "extraction", "extra",
)
LIST_JOIN = "; "
JSON_PROPERTIES = ("actors", "weapons", "sources", "extraction", "extra")


# --- shared helpers -----------------------------------------------------------

def export_properties(feature: Mapping[str, Any]) -> dict[str, Any]:
    """The feature's properties in the contract's shape (a no-op for layer-store features)."""
    p = feature["properties"]
    return p if tuple(p) == PROPERTIES else canonical_feature(feature)["properties"]


def _lonlat(feature: Mapping[str, Any]) -> tuple[float, float]:
    c = feature["geometry"]["coordinates"]
    return round(float(c[0]), 6), round(float(c[1]), 6)


def _check_target(path: Path, is_dir: bool = False) -> None:
    parent = path.parent
    if not parent.is_dir():
        raise OutputError(f"{path}: cannot write: directory {parent} does not exist")
    if is_dir and path.exists() and not path.is_dir():
        raise OutputError(f"{path}: cannot write: --split needs a directory, and this is a file")
    if not is_dir and path.is_dir():
        raise OutputError(f"{path}: cannot write: is a directory")


def _bbox(features: Sequence[Mapping[str, Any]]) -> list[float] | None:
    if not features:
        return None
    import numpy as np

    xy = np.array([f["geometry"]["coordinates"][:2] for f in features], dtype="float64").round(6)
    return [float(xy[:, 0].min()), float(xy[:, 1].min()), float(xy[:, 0].max()), float(xy[:, 1].max())]


def boundary_features() -> list[dict[str, Any]]:
    """The packaged oblast boundaries as RFC 7946 features: right-hand rule, 6 decimals."""
    import shapely
    from shapely.geometry import mapping, shape
    from shapely.geometry.polygon import orient

    from .regions import load_regions

    out = []
    for f in load_regions().collection["features"]:
        geom = shape(f["geometry"])
        if geom.geom_type == "MultiPolygon":
            geom = shapely.MultiPolygon([orient(g, 1.0) for g in geom.geoms])
        else:
            geom = orient(geom, 1.0)  # exterior counter-clockwise, holes clockwise
        gj = orjson.loads(orjson.dumps(mapping(geom)))

        def rnd(c):
            return [round(c[0], 6), round(c[1], 6)] if isinstance(c[0], (int, float)) else [rnd(x) for x in c]

        gj["coordinates"] = rnd(gj["coordinates"])
        out.append({"type": "Feature", "id": f["properties"]["admin1_code"], "geometry": gj,
                    "properties": dict(f["properties"])})
    return out


def _boundary_path(path: Path, ext: str) -> Path:
    return path.with_name(f"{path.stem}.{BOUNDARY_LAYER}{ext}")


# --- GeoJSON (RFC 7946) and GeoJSON text sequences (RFC 8142) ------------------

def _feature_bytes(features: Iterable[Mapping[str, Any]]) -> Iterator[bytes]:
    """Each feature as RFC 7946 JSON; built from byte pieces, without a new dict per feature."""
    dumps = orjson.dumps
    for f in features:
        p = export_properties(f)
        c = f["geometry"]["coordinates"]
        yield b"".join((b'{"type":"Feature","id":', dumps(p["id"]),
                        b',"geometry":{"type":"Point","coordinates":',
                        dumps((round(float(c[0]), 6), round(float(c[1]), 6))),
                        b'},"properties":', dumps(p), b"}"))


def _collection_chunks(name: str, features: Sequence[Mapping[str, Any]], feature_bytes=None,
                       bbox: list[float] | None = None, extra: Mapping[str, Any] | None = None
                       ) -> Iterator[bytes]:
    head: dict[str, Any] = {"type": "FeatureCollection", "name": name}
    if extra:
        head.update(extra)
    if bbox is not None:
        head["bbox"] = bbox
    yield orjson.dumps(head)[:-1] + b',"features":[\n'
    buf: list[bytes] = []
    first = True
    for fb in (feature_bytes if feature_bytes is not None else _feature_bytes(features)):
        buf.append(fb if first else b",\n" + fb)
        first = False
        if len(buf) >= 4096:
            yield b"".join(buf)
            buf.clear()
    if buf:
        yield b"".join(buf)
    yield b"\n]}\n"


def write_geojson(path: Path | str, features: Sequence[Mapping[str, Any]], name: str | None = None) -> Path:
    """One RFC 7946 FeatureCollection with a ``bbox``; no ``crs``; [lon, lat] at 6 decimals."""
    path = Path(path)
    _atomic_write_chunks(path, _collection_chunks(name or path.stem, features, bbox=_bbox(features)))
    return path


def write_geojsonseq(path: Path | str, features: Iterable[Mapping[str, Any]]) -> Path:
    """An RFC 8142 text sequence: each feature as ``RS <json> LF``."""
    path = Path(path)

    def chunks():
        buf = []
        for fb in _feature_bytes(features):
            buf.append(RS + fb + b"\n")
            if len(buf) >= 4096:
                yield b"".join(buf)
                buf.clear()
        yield b"".join(buf)

    _atomic_write_chunks(path, chunks())
    return path


def _write_boundaries_geojson(path: Path, seq: bool) -> Path:
    from .regions import load_regions

    feats = boundary_features()
    if seq:
        data = b"".join(RS + orjson.dumps(f) + b"\n" for f in feats)
        _atomic_write_chunks(path, [data])
        return path
    fb = (orjson.dumps(f) for f in feats)
    xs = [c for f in feats for ring in _rings(f["geometry"]) for c in ring]
    bbox = [min(c[0] for c in xs), min(c[1] for c in xs), max(c[0] for c in xs), max(c[1] for c in xs)]
    _atomic_write_chunks(path, _collection_chunks(BOUNDARY_LAYER, feats, fb, bbox,
                                                  {"attribution": load_regions().attribution}))
    return path


def _rings(geom: Mapping[str, Any]) -> Iterator[list]:
    if geom["type"] == "Polygon":
        yield from geom["coordinates"]
    else:
        for poly in geom["coordinates"]:
            yield from poly


# --- CSV ---------------------------------------------------------------------

def _join_list(values: list | None) -> str:
    if not values:
        return ""
    if any(LIST_JOIN.strip() in str(v) for v in values):
        return orjson.dumps(values).decode()
    return LIST_JOIN.join(str(v) for v in values)


def _json_cell(value: Any) -> str:
    if value is None or value == []:
        return ""
    return orjson.dumps(value).decode()


def _csv_chunks(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> Iterator[bytes]:
    sio = io.StringIO()
    w = csv.writer(sio, lineterminator="\r\n")
    w.writerow(columns)
    n = 0
    for row in rows:
        w.writerow(row)
        n += 1
        if n % 4096 == 0:
            yield sio.getvalue().encode("utf-8")
            sio.seek(0)
            sio.truncate()
    yield sio.getvalue().encode("utf-8")


def csv_row(feature: Mapping[str, Any]) -> list[Any]:
    """One event as a row of :data:`CSV_COLUMNS`."""
    p = export_properties(feature)
    lon, lat = _lonlat(feature)
    row = []
    for col in CSV_COLUMNS:
        if col == "longitude":
            row.append(repr(lon))
        elif col == "latitude":
            row.append(repr(lat))
        elif col == "wkt":
            row.append(f"POINT ({lon!r} {lat!r})")
        elif col in ("actors", "weapons"):
            row.append(_join_list(p[col]))
        elif col in ("sources", "extraction", "extra"):
            row.append(_json_cell(p[col]))
        elif col == "fatalities":
            row.append("" if p[col] is None else str(p[col]))
        else:
            row.append(p[col] or "")
    return row


def write_csv(path: Path | str, features: Iterable[Mapping[str, Any]]) -> Path:
    """One row per event with ``longitude``, ``latitude`` and ``wkt`` columns (UTF-8, RFC 4180)."""
    path = Path(path)
    _atomic_write_chunks(path, _csv_chunks(CSV_COLUMNS, (csv_row(f) for f in features)))
    return path


def write_acled_csv(path: Path | str, features: Iterable[Mapping[str, Any]]) -> Path:
    """ACLED's column names and codes (see :mod:`geomap.acled` for the mappings)."""
    from .acled import ACLED_COLUMNS, acled_row

    path = Path(path)
    _atomic_write_chunks(path, _csv_chunks(ACLED_COLUMNS, (acled_row(f) for f in features)))
    return path


# --- GeoPackage ----------------------------------------------------------------

def _wkb_points(lons, lats):
    """Little-endian WKB points as one Arrow binary array, built without per-row Python."""
    import numpy as np
    import pyarrow as pa

    n = len(lons)
    rec = np.empty(n, dtype=[("bo", "u1"), ("t", "<u4"), ("x", "<f8"), ("y", "<f8")])
    rec["bo"] = 1
    rec["t"] = 1
    rec["x"] = lons
    rec["y"] = lats
    offsets = np.arange(0, 21 * (n + 1), 21, dtype=np.int32)
    return pa.Array.from_buffers(pa.binary(), n, [None, pa.py_buffer(offsets), pa.py_buffer(rec.tobytes())])


def events_table(features: Sequence[Mapping[str, Any]]):
    """Events as an Arrow table with GeoPackage-ready types: dates, int64, JSON text, WKB."""
    import numpy as np
    import pyarrow as pa

    # one pass over the features, then a C-level transpose (zip) into columns
    rows = [tuple(export_properties(f).values()) for f in features]
    columns = list(zip(*rows)) if rows else [()] * len(PROPERTIES)
    cols: dict[str, Any] = {}
    dumps = orjson.dumps
    for key, values in zip(PROPERTIES, columns):
        if key in ("date_start", "date_end"):
            try:
                arr = pa.array(values, pa.string()).cast(pa.date32())
            except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
                raise InputError(f"{key}: not an ISO date ({exc})") from None
        elif key == "fatalities":
            arr = pa.array(values, pa.int64())
        elif key in JSON_PROPERTIES:
            arr = pa.array([None if v is None else dumps(v).decode() for v in values], pa.string())
        else:
            arr = pa.array(values, pa.string())
        cols[key] = arr
    xy = np.array([_lonlat(f) for f in features], dtype="float64").reshape(-1, 2)
    cols["geometry"] = _wkb_points(xy[:, 0], xy[:, 1])
    return pa.table(cols)


def _boundaries_table():
    import pyarrow as pa
    import shapely
    from shapely.geometry import shape

    feats = boundary_features()
    keys = list(feats[0]["properties"])
    cols = {k: pa.array([f["properties"].get(k) for f in feats]) for k in keys}
    geoms = [shape(f["geometry"]) for f in feats]
    cols["geometry"] = pa.array(shapely.to_wkb(geoms, byte_order=1), pa.binary())
    gtype = "Polygon" if all(g.geom_type == "Polygon" for g in geoms) else "MultiPolygon"
    return pa.table(cols), gtype


def write_gpkg(path: Path | str, features: Sequence[Mapping[str, Any]], boundaries: bool = True) -> Path:
    """A GeoPackage: one table per event type (all five, even empty) plus ``boundaries``.

    Dates are DATE fields, fatalities INTEGER, lists and objects JSON text;
    GDAL builds each table's R-tree spatial index. Written to a temp file in
    the target directory and renamed into place.
    """
    from pyogrio.raw import write_arrow

    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp.gpkg")
    groups: dict[str, list] = {t: [] for t in EVENT_TYPES}
    for f in features:
        et = export_properties(f)["event_type"]
        if et not in groups:
            raise InputError(f"unknown event_type {et!r}", where=f"feature {f.get('id')}")
        groups[et].append(f)
    crs = "EPSG:4326"
    # gpkg_contents.last_change is the latest event date (not the clock), so the same events give
    # a byte-identical file
    import pyogrio

    dates = [d for f in features for d in (export_properties(f)["date_end"],) if d]
    stamp = (max(dates) if dates else "2000-01-01") + "T00:00:00.000Z"
    saved = pyogrio.get_gdal_config_option("OGR_CURRENT_DATE")
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": stamp})
    try:
        first = True
        for et in EVENT_TYPES:
            table = events_table(groups[et])
            write_arrow(table, str(tmp), layer=et, driver="GPKG", geometry_name="geometry",
                        geometry_type="Point", crs=crs, append=not first,
                        dataset_options=None if not first else GPKG_DATASET_OPTIONS,
                        layer_options={"SPATIAL_INDEX": "YES", "FID": "fid"})
            first = False
        if boundaries:
            table, gtype = _boundaries_table()
            from .regions import load_regions

            write_arrow(table, str(tmp), layer=BOUNDARY_LAYER, driver="GPKG", geometry_name="geometry",
                        geometry_type=gtype, crs=crs, append=True,
                        layer_options={"SPATIAL_INDEX": "YES", "FID": "fid"},
                        layer_metadata={"attribution": load_regions().attribution})
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as exc:
        for p in (tmp, Path(str(tmp) + "-journal"), Path(str(tmp) + "-wal"), Path(str(tmp) + "-shm")):
            try:
                p.unlink()
            except OSError:
                pass
        if isinstance(exc, (OSError,)) or type(exc).__module__.startswith("pyogrio"):
            raise OutputError(f"{path}: cannot write GeoPackage: {exc}") from None
        raise
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": saved})
    return path


# --- the entry point ---------------------------------------------------------------

def export_features(features: Iterable[Mapping[str, Any]], path: Path | str, format: str = "geojson", *,
                    split: bool = False, boundaries: bool = False) -> list[Path]:
    """Write ``features`` to ``path`` in ``format``; returns the files written.

    ``split`` writes one file per event type into the directory ``path``
    (geojson, geojsonseq, csv, acled-csv). ``boundaries`` adds the oblast
    polygons: a ``<stem>.boundaries`` file beside GeoJSON output (or
    ``boundaries.geojson`` in a split directory); a GeoPackage always holds them.
    """
    with paused_gc():
        return _export(features, Path(path), format, split, boundaries)


def _export(features, path: Path, format: str, split: bool, boundaries: bool) -> list[Path]:
    if format not in FORMATS:
        raise InputError(f"unknown format {format!r}; choose from {', '.join(FORMATS)}")
    feats = list(features)
    ext = FORMATS[format]
    if boundaries and format in ("csv", "acled-csv"):
        raise InputError(f"--boundaries is not available for {format} (polygons need geojson or gpkg)")
    if split and format == "gpkg":
        raise InputError("--split does not apply to gpkg: a GeoPackage already holds one table per event type")
    if format == "gpkg":
        _check_target(path)
        return [write_gpkg(path, feats, boundaries=True)]

    writers = {
        "geojson": lambda p, fs, name: write_geojson(p, fs, name),
        "geojsonseq": lambda p, fs, name: write_geojsonseq(p, fs),
        "csv": lambda p, fs, name: write_csv(p, fs),
        "acled-csv": lambda p, fs, name: write_acled_csv(p, fs),
    }
    write = writers[format]
    written: list[Path] = []
    if split:
        _check_target(path, is_dir=True)
        try:
            path.mkdir(exist_ok=True)
        except OSError as exc:
            raise OutputError(f"{path}: cannot create directory: {exc.strerror or exc}") from None
        groups: dict[str, list] = {t: [] for t in EVENT_TYPES}
        for f in feats:
            groups.setdefault(export_properties(f)["event_type"], []).append(f)
        for et, fs in groups.items():
            written.append(write(path / f"{et}{ext}", fs, et))
        if boundaries:
            written.append(_write_boundaries_geojson(path / f"{BOUNDARY_LAYER}{ext}", format == "geojsonseq"))
        return written
    _check_target(path)
    written.append(write(path, feats, path.stem))
    if boundaries:
        written.append(_write_boundaries_geojson(_boundary_path(path, ext), format == "geojsonseq"))
    return written
