"""GeoPackage in and out: one table per event type plus the oblast boundaries and the border, read back with pyogrio."""
from __future__ import annotations

import os
import secrets
import warnings
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import orjson

from ..errors import InputError, OutputError
from ..schema import EVENT_TYPES, LIST_PROPERTIES, PROPERTIES, group_by_type, make_feature
from .common import ImportResult, Skipped, _refuse_if_strict, sweep_dead_temps
from .limits import check_regular_file, short
from .features import (BORDER_LAYER, BOUNDARY_LAYER, JSON_PROPERTIES, _lonlat, _valid_event, border_feature,
                       boundary_features, export_properties)


# GeoPackage 1.2: read without warnings by every GDAL >= 2.2 (QGIS 3.x, Debian's gdal-bin).
GPKG_DATASET_OPTIONS = {"VERSION": "1.2"}


def import_gpkg(path: Path | str, *, strict: bool = False, batch: int | None = None) -> ImportResult:
    """Events from a GeoPackage written by ``geomap export --format gpkg`` (e.g. edited in QGIS).

    Every event-type table is read; features that are no longer valid events
    are skipped with the reason (numbered across tables in read order).
    Streamed: each table is read ``batch`` features at a time (pyogrio's Arrow stream) and the valid
    events wait on disk (:class:`~geomap.io.spool.EventSpool`) for the merge, so memory holds a batch.
    """
    import pyogrio

    from ..regions import load_regions
    from .spool import EventSpool

    path = Path(path)
    check_regular_file(path)
    try:
        names = [row[0] for row in pyogrio.list_layers(str(path))]
    except Exception as exc:  # pyogrio raises its own DataSourceError
        raise InputError(f"cannot read GeoPackage: {str(exc).splitlines()[0] if str(exc) else exc!r}", path) from None
    result = ImportResult(path=path)
    regions = load_regions()
    spool = EventSpool()
    try:
        for layer in names:
            if layer in EVENT_TYPES:
                for meta, table in _table_batches(path, layer, batch or BATCH):
                    _check_batch(path, layer, meta, table, regions, result, spool)
        spool.check_ids(str(path))  # an event is in one table only: ids are compared across tables
        _refuse_if_strict(result, path, strict)
    except BaseException:
        spool.close()
        raise
    result.kept = spool.count
    result._stream = spool.events
    result._keep = spool
    return result


def _table_batches(path: Path, layer: str, batch: int):
    """(metadata, Arrow table) of one GeoPackage table, ``batch`` features at a time, with their fids."""
    from pyogrio.raw import open_arrow

    try:
        with warnings.catch_warnings():  # GDAL warns of a bad DATE; the stored text is reported below
            warnings.simplefilter("ignore", RuntimeWarning)
            with open_arrow(str(path), layer=layer, return_fids=True, batch_size=batch, use_pyarrow=True) as (meta, reader):
                import pyarrow as pa

                for b in reader:
                    yield meta, pa.Table.from_batches([b])
    except InputError:
        raise
    except Exception as exc:  # a damaged table
        raise InputError(f"cannot read table {layer}: {str(exc).splitlines()[0] if str(exc) else exc!r}",
                         path) from None


def _check_batch(path: Path, layer: str, meta, table, regions, result: ImportResult, spool) -> None:
    """Turn one batch of a table's rows into events: the valid ones are spooled, the others skipped."""
    import shapely

    gname = meta.get("geometry_name") or "wkb_geometry"
    try:
        geoms = shapely.from_wkb(table.column(gname).to_numpy(zero_copy_only=False)) if table.num_rows else []
    except Exception:  # GEOSException: a blob that is not WKB
        geoms = [None] * table.num_rows
    fid_col = meta.get("fid_column") or "fid"
    fids = table.column(fid_col).to_pylist() if fid_col in table.column_names else [None] * table.num_rows
    stored = _stored_values(path, layer, fids)
    cols = {name: table.column(name).to_pylist() for name in table.column_names if name not in (gname, fid_col)}
    missing = [None] * table.num_rows  # one shared column for every property the table lacks
    for key in PROPERTIES:
        cols.setdefault(key, missing)
    for i in range(table.num_rows):
        where = f"{layer} fid {fids[i]}"
        props: dict[str, Any] = {}
        bad = None
        for key in PROPERTIES:
            v = cols[key][i]
            if key in STORED_AS_WRITTEN and fids[i] in stored:
                v = stored[fids[i]].get(key, v)  # the text as stored: "garbage" is not 1970-01-01
            elif key in ("date_start", "date_end") and v is not None:
                v = v.isoformat()
            elif key in LIST_PROPERTIES or key in ("extraction", "extra"):
                try:
                    v = orjson.loads(v) if v else None
                except (orjson.JSONDecodeError, TypeError):
                    bad = f"{where}: {key} is not valid JSON ({short(v)})"
                    break
            props[key] = v
        result.read += 1
        if bad:
            result.skipped.append(Skipped(result.read - 1, bad, "feature"))
            continue
        g = geoms[i]
        if g is None or g.geom_type != "Point" or g.is_empty:
            result.skipped.append(Skipped(result.read - 1, f"{where}: geometry is not a Point", "feature"))
            continue
        feat = make_feature(props, g.x, g.y)
        if _valid_event(feat, result.read - 1, f"{path}:{layer}", regions, result):
            spool.add(result.read - 1, feat)


# Columns whose GDAL reading changes a bad value (a DATE of "garbage" reads as 1970-01-01, an INTEGER
# of "many" as 0): read as stored, so validation names the row instead.
STORED_AS_WRITTEN = ("date_start", "date_end", "fatalities")


def _stored_values(path: Path, layer: str, fids: Sequence[Any]) -> dict[Any, dict[str, Any]]:
    """``{fid: {column: value as stored}}`` for STORED_AS_WRITTEN of the rows ``fids`` (their range of
    the primary key), read with sqlite3 (a GeoPackage is SQLite)."""
    import sqlite3

    known = [f for f in fids if isinstance(f, int)]
    if not known:
        return {}
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error as exc:
        raise InputError(f"cannot read GeoPackage: {exc}", path) from None
    try:
        info = con.execute(f'PRAGMA table_info("{layer}")').fetchall()
        pk = next((r[1] for r in info if r[5]), None)
        present = [c for c in STORED_AS_WRITTEN if any(r[1] == c for r in info)]
        if pk is None or not present:
            return {}
        rows = con.execute(f'SELECT "{pk}", {", ".join(chr(34) + c + chr(34) for c in present)} FROM "{layer}" '
                           f'WHERE "{pk}" BETWEEN ? AND ?', (min(known), max(known)))
        wanted = set(known)
        return {r[0]: dict(zip(present, r[1:])) for r in rows if r[0] in wanted}
    except sqlite3.Error as exc:
        raise InputError(f"cannot read table {layer}: {exc}", path) from None
    finally:
        con.close()


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


def _in_contract_shape(feature: Mapping[str, Any]) -> Mapping[str, Any]:
    """The feature with its properties in the contract's shape (itself when they already are)."""
    p = export_properties(feature)
    return feature if p is feature["properties"] else {**feature, "properties": p}


def _border_table():
    import pyarrow as pa
    import shapely
    from shapely.geometry import shape

    f = border_feature()
    cols = {k: pa.array([v]) for k, v in f["properties"].items()}
    geom = shape(f["geometry"])
    cols["geometry"] = pa.array(shapely.to_wkb([geom], byte_order=1), pa.binary())
    return pa.table(cols), geom.geom_type


BATCH = 8192  # events held as Python objects at once while an export spools them per type


def _spool_by_type(features: Iterable[Mapping[str, Any]], folder: Path) -> tuple[dict[str, Path], str | None]:
    """The events as Arrow files, one per event type (their GeoPackage columns, in input order), written
    ``BATCH`` events at a time; and the latest ``date_end`` (the file's stamp)."""
    import pyarrow as pa

    buckets: dict[str, list] = {t: [] for t in EVENT_TYPES}
    writers: dict[str, Any] = {}
    paths = {t: folder / f"{t}.arrow" for t in EVENT_TYPES}
    latest: str | None = None
    held = 0

    def flush() -> None:
        for et, feats in buckets.items():
            if feats:
                table = events_table(feats)
                if et not in writers:
                    writers[et] = pa.ipc.new_file(str(paths[et]), table.schema)
                writers[et].write_table(table)
                feats.clear()

    try:
        for f in features:
            f = _in_contract_shape(f)
            p = f["properties"]
            et = p.get("event_type")
            if et not in buckets:
                raise InputError(f"unknown event_type {et!r}", where=f"feature {f.get('id')}")
            d = p["date_end"]
            if d and (latest is None or d > latest):
                latest = d
            buckets[et].append(f)
            held += 1
            if held >= BATCH:
                flush()
                held = 0
        flush()
    finally:
        for w in writers.values():
            w.close()
    return {et: paths[et] for et in writers}, latest


def _spooled_batches(path: Path | None):
    """A type's spooled events as an Arrow stream (batch by batch), or an empty table."""
    import pyarrow as pa

    if path is None:
        return events_table([])
    reader = pa.ipc.open_file(str(path))
    return pa.RecordBatchReader.from_batches(reader.schema, (reader.get_batch(i) for i in range(reader.num_record_batches)))


def write_gpkg(path: Path | str, features: Iterable[Mapping[str, Any]], boundaries: bool = True) -> Path:
    """A GeoPackage: one table per event type (all five, even empty) plus ``boundaries`` and ``border``
    (the oblast polygons and the Russia–Ukraine border line, both from :mod:`geomap.regions`).

    Dates are DATE fields, fatalities INTEGER, lists and objects JSON text;
    GDAL builds each table's R-tree spatial index. ``features`` may be any iterable, taken once: the
    events are spooled per type to Arrow files beside ``path`` a batch at a time, then each table is
    written from its file batch by batch, so memory holds a batch. Written to a temp file in the
    target directory and renamed into place.
    """
    import shutil
    import tempfile

    from pyogrio.raw import write_arrow

    path = Path(path)
    sweep_dead_temps(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp.gpkg")
    crs = "EPSG:4326"
    try:
        spool = Path(tempfile.mkdtemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmpdir", dir=path.parent))
    except OSError as exc:
        raise OutputError(f"{path}: cannot write GeoPackage: {exc.strerror or exc}") from None
    import pyogrio

    saved = {k: pyogrio.get_gdal_config_option(k) for k in ("OGR_CURRENT_DATE", "OGR_SQLITE_SYNCHRONOUS")}
    # No one reads the temp file before it is renamed into place, so SQLite's sync at each of its commits
    # (several a table) guards nothing: they are off, and the finished file is synced once before the rename.
    pyogrio.set_gdal_config_options({"OGR_SQLITE_SYNCHRONOUS": "OFF"})
    try:
        spooled, latest = _spool_by_type(features, spool)
        # gpkg_contents.last_change is the latest event date (not the clock), so the same events give
        # a byte-identical file
        stamp = (latest or "2000-01-01") + "T00:00:00.000Z"
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": stamp})
        first = True
        for et in EVENT_TYPES:
            table = _spooled_batches(spooled.get(et))
            write_arrow(table, str(tmp), layer=et, driver="GPKG", geometry_name="geometry",
                        geometry_type="Point", crs=crs, append=not first,
                        dataset_options=None if not first else GPKG_DATASET_OPTIONS,
                        layer_options={"SPATIAL_INDEX": "YES", "FID": "fid"})
            first = False
        if boundaries:
            table, gtype = _boundaries_table()
            from ..regions import load_regions

            write_arrow(table, str(tmp), layer=BOUNDARY_LAYER, driver="GPKG", geometry_name="geometry",
                        geometry_type=gtype, crs=crs, append=True,
                        layer_options={"SPATIAL_INDEX": "YES", "FID": "fid"},
                        layer_metadata={"attribution": load_regions().attribution})
            table, gtype = _border_table()
            write_arrow(table, str(tmp), layer=BORDER_LAYER, driver="GPKG", geometry_name="geometry",
                        geometry_type=gtype, crs=crs, append=True,
                        layer_options={"SPATIAL_INDEX": "YES", "FID": "fid"},
                        layer_metadata={"attribution": load_regions().attribution})
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
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
        pyogrio.set_gdal_config_options(saved)
        shutil.rmtree(spool, ignore_errors=True)
    return path
