"""GeoJSON in and out: RFC 7946 FeatureCollections, RFC 8142 text sequences and newline-delimited GeoJSON."""
from __future__ import annotations

import contextlib
import math
import os
import tempfile
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, Sequence

import orjson

from ..errors import InputError, OutputError
from ..schema import make_feature
from .limits import short
from .common import (STDIO, ImportResult, Skipped, _atomic_write_chunks, _refuse_if_strict, collection_head,
                     collection_tail, read_input)
from .features import (BOUNDARY_LAYER, CRS_HINT, _bbox, _check_lonlat_order, _keep_valid, _map_properties,
                       boundary_features, export_properties)


RS = b"\x1e"


def _parse(data: bytes, path: Path) -> Any:
    """One GeoJSON object from a document, an RFC 8142 sequence or newline-delimited features."""
    if data.startswith(RS):
        try:
            docs = [orjson.loads(rec) for rec in data.split(RS)[1:] if rec.strip()]
        except orjson.JSONDecodeError as exc:
            raise InputError(f"invalid JSON in a text sequence record: {exc.msg}", path) from None
        return {"type": "FeatureCollection", "features": docs}
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        lines = [(n, line) for n, line in enumerate(data.splitlines(), 1) if line.strip()]
        if len(lines) < 2 or not lines[0][1].lstrip().startswith(b"{"):
            raise InputError(f"invalid JSON: {exc.msg}", path, f"line {exc.lineno} column {exc.colno}") from None
    docs = []
    for n, line in lines:  # newline-delimited GeoJSON
        try:
            docs.append(orjson.loads(line))
        except orjson.JSONDecodeError as exc:
            raise InputError(f"invalid JSON: {exc.msg}", path, f"line {n}") from None
    return {"type": "FeatureCollection", "features": docs}


def import_geojson(path: Path | str, *, strict: bool = False) -> ImportResult:
    """Features from another tool's GeoJSON: a FeatureCollection, a Feature, an RFC 8142 text sequence
    or newline-delimited GeoJSON (one Feature per line, as ``geomap extract`` writes); ``-`` reads stdin.

    Properties are mapped by name (see :data:`ALIASES`); unknown ones are kept
    under ``extra``. A ``crs`` member or [lat, lon] order refuses the file;
    features that fail validation are skipped with the reason (or, with
    ``strict``, refuse the file).
    """
    from ..regions import load_regions

    data = read_input(path)
    path = Path(path) if str(path) != STDIO else Path("<stdin>")
    doc = _parse(data, path)
    if isinstance(doc, dict) and doc.get("type") == "Feature":
        doc = {"type": "FeatureCollection", "features": [doc]}
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection" or not isinstance(doc.get("features"), list):
        raise InputError("not a GeoJSON FeatureCollection, Feature or text sequence", path)
    if "crs" in doc:
        raise InputError(f"has a 'crs' member. {CRS_HINT}", path)
    feats = doc["features"]
    for i, f in enumerate(feats):
        g = f.get("geometry") if isinstance(f, dict) else None
        if isinstance(f, dict) and ("crs" in f or (isinstance(g, dict) and "crs" in g)):
            raise InputError(f"has a 'crs' member. {CRS_HINT}", path, f"feature {i}")
    _check_lonlat_order(feats, path)

    result = ImportResult(path=path, read=len(feats))
    regions = load_regions()
    good: list[dict[str, Any]] = []
    seen: dict[str, tuple[int, Any]] = {}
    for i, f in enumerate(feats):
        if not isinstance(f, dict) or f.get("type") != "Feature":
            result.skipped.append(Skipped(i, "not a GeoJSON Feature", "feature"))
            continue
        g = f.get("geometry") or {}
        c = g.get("coordinates") if isinstance(g, dict) else None
        if not isinstance(g, dict) or g.get("type") != "Point" or not isinstance(c, list) or len(c) < 2 \
                or not all(isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)
                           for x in c[:2]):
            what = short(g.get("type")) if isinstance(g, dict) else type(g).__name__
            result.skipped.append(Skipped(i, f"geometry is {what}, not a Point [lon, lat]", "feature"))
            continue
        raw_props = f.get("properties")
        if raw_props is not None and not isinstance(raw_props, dict):
            result.skipped.append(Skipped(i, f"properties is a {type(raw_props).__name__}, not an object", "feature"))
            continue
        props = _map_properties(raw_props or {})
        if not props.get("id") and f.get("id") is not None:
            fid = f["id"]
            if not isinstance(fid, (str, int)) or isinstance(fid, bool):
                result.skipped.append(Skipped(i, f"id {short(fid)} is not text or a number", "feature"))
                continue
            props["id"] = fid if isinstance(fid, str) else short(fid, 40)
        if not props.get("admin1") and not props.get("admin1_code"):
            found = regions.admin1_at(float(c[0]), float(c[1]))
            if found is not None:
                props.update(admin1=found.admin1, admin1_code=found.admin1_code,
                             country=props.get("country") or found.country)
                result.notes.append(f"feature {i}: admin1 filled: the point lies in {found.admin1}")
        feat = make_feature(props, c[0], c[1])
        if _keep_valid(feat, i, str(path), regions, result, seen):
            good.append(feat)
    _refuse_if_strict(result, path, strict)
    result._features = good
    return result


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


def collection_chunks(name: str | None, features: Sequence[Mapping[str, Any]], feature_bytes=None,
                      bbox: list[float] | None = None, extra: Mapping[str, Any] | None = None
                      ) -> Iterator[bytes]:
    """A FeatureCollection in pieces: head, features (``feature_bytes``, else the export form), tail."""
    yield collection_head(name, extra=extra, bbox=bbox)
    empty = True
    for piece in _joined(feature_bytes if feature_bytes is not None else _feature_bytes(features)):
        empty = False
        yield piece
    yield collection_tail(empty)


def write_geojson(path: Path | str, features: Iterable[Mapping[str, Any]], name: str | None = None) -> Path:
    """One RFC 7946 FeatureCollection with a ``bbox``; no ``crs``; [lon, lat] at 6 decimals.

    ``features`` may be any iterable, taken once: the features' JSON is spooled to a temp file beside
    ``path`` while their box is measured (the box heads the file), so memory holds a chunk, not them all.
    """
    import numpy as np

    path = Path(path)
    box = [np.inf, np.inf, -np.inf, -np.inf]
    count = [0]

    def measured() -> Iterator[Mapping[str, Any]]:
        chunk: list = []
        for f in features:
            chunk.append(f)
            if len(chunk) >= 4096:
                yield from _measure(chunk)
                chunk = []
        yield from _measure(chunk)

    def _measure(chunk: list) -> list:
        b = _bbox(chunk)  # the same rounding as a box of all of them at once
        count[0] += len(chunk)
        if b is not None:
            box[:] = [min(box[0], b[0]), min(box[1], b[1]), max(box[2], b[2]), max(box[3], b[3])]
        return chunk

    with _spool_beside(path) as spool:
        for chunk in _joined(_feature_bytes(measured())):
            spool.write(chunk)
        spool.flush()
        spool.seek(0)
        empty = not count[0]

        def chunks() -> Iterator[bytes]:
            yield collection_head(name or path.stem, bbox=None if empty else [float(v) for v in box])
            while True:
                data = spool.read(1 << 20)
                if not data:
                    break
                yield data
            yield collection_tail(empty)

        _atomic_write_chunks(path, chunks())
    return path


def _joined(feature_bytes: Iterable[bytes]) -> Iterator[bytes]:
    """Features' JSON one per line (``,\n`` between), a few thousand per piece."""
    buf: list[bytes] = []
    first = True
    for fb in feature_bytes:
        buf.append(fb if first else b",\n" + fb)
        first = False
        if len(buf) >= 4096:
            yield b"".join(buf)
            buf.clear()
    if buf:
        yield b"".join(buf)


@contextlib.contextmanager
def _spool_beside(path: Path):
    """A temp file beside ``path`` (swept like the atomic writer's temps if a run is killed), removed after."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".spool.tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w+b") as fh:
            yield fh
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None
    finally:
        try:
            os.unlink(tmp)
        except OSError:
            pass


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
    from ..regions import load_regions

    feats = boundary_features()
    if seq:
        data = b"".join(RS + orjson.dumps(f) + b"\n" for f in feats)
        _atomic_write_chunks(path, [data])
        return path
    fb = (orjson.dumps(f) for f in feats)
    xs = [c for f in feats for ring in _rings(f["geometry"]) for c in ring]
    bbox = [min(c[0] for c in xs), min(c[1] for c in xs), max(c[0] for c in xs), max(c[1] for c in xs)]
    _atomic_write_chunks(path, collection_chunks(BOUNDARY_LAYER, feats, fb, bbox,
                                                  {"attribution": load_regions().attribution}))
    return path


def _rings(geom: Mapping[str, Any]) -> Iterator[list]:
    if geom["type"] == "Polygon":
        yield from geom["coordinates"]
    else:
        for poly in geom["coordinates"]:
            yield from poly
