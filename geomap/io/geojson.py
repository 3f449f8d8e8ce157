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
from .common import (STDIO, ImportResult, Skipped, _atomic_write_chunks, _refuse_if_strict, collection_head,
                     collection_tail)
from .features import (BOUNDARY_LAYER, CRS_HINT, LonLatOrder, _bbox, _map_properties, _valid_event,
                       boundary_features, export_properties)
from .json_split import RS, Document, NotStreamable, kind_of, line_records, sequence_records
from .limits import MAX_TEXT_FILE_BYTES, open_regular, short
from .parquet import _chunks
from .spool import EventSpool


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

    Streamed: the text is cut into features a chunk at a time (:mod:`geomap.io.json_split`), each is
    checked once, and the valid ones wait on disk (:class:`~geomap.io.spool.EventSpool`) for the merge,
    so memory holds a batch, whatever the file's size. A text the cutter does not take (invalid JSON,
    say) is read whole when it is within ``MAX_TEXT_FILE_BYTES``, giving the errors a whole read gives.
    """
    shown = Path(path) if str(path) != STDIO else Path("<stdin>")
    with _opened(path) as fh:
        try:
            return _import_streamed(fh, shown, strict)
        except NotStreamable as exc:
            fh.seek(0)
            data = fh.read(MAX_TEXT_FILE_BYTES + 1)
            if len(data) > MAX_TEXT_FILE_BYTES:
                raise InputError(exc.reason, shown, exc.where) from None
        check = _Check(shown)
        _check_document(_parse(data, shown), check, streamed=0)
        return check.finish(strict)


@contextlib.contextmanager
def _opened(path: Path | str):
    """A seekable binary file of ``path`` (a regular file), or of stdin copied to a temp file."""
    import shutil
    import sys

    if str(path) == STDIO:
        with tempfile.TemporaryFile(prefix="geomap-stdin-") as fh:
            shutil.copyfileobj(sys.stdin.buffer, fh, 1 << 20)
            fh.seek(0)
            yield fh
        return
    try:
        fh = open_regular(path)
    except FileNotFoundError:
        raise InputError("no such file", path) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path) from None
    with fh:
        yield fh


def _import_streamed(fh, path: Path, strict: bool) -> ImportResult:
    check = _Check(path)
    kind = kind_of(fh)
    if kind == "sequence":
        texts = ((None, t) for t in sequence_records(fh))
    elif kind == "lines":
        texts = ((f"line {n}", t) for n, t in line_records(fh))
    else:
        doc = Document(fh)
        texts = ((at, t) for at, t in doc.elements())
    i = 0
    for batch in _chunks(texts, BATCH):
        feats = []
        for where, text in batch:
            try:
                feats.append((i, orjson.loads(text)))
            except orjson.JSONDecodeError as exc:
                if kind == "sequence":
                    raise NotStreamable(f"invalid JSON in a text sequence record: {exc.msg}") from None
                if kind == "document":
                    where = f"line {_line_at(fh, where) + exc.lineno - 1}"
                raise NotStreamable(f"invalid JSON: {exc.msg}", where) from None
            i += 1
        check.batch(feats)
    if kind == "document":
        try:
            skeleton = orjson.loads(bytes(doc.skeleton))
        except orjson.JSONDecodeError as exc:
            raise NotStreamable(f"invalid JSON: {exc.msg}") from None
        _check_document(skeleton, check, streamed=i)
    return check.finish(strict)


def _line_at(fh, offset: int) -> int:
    """The line number of byte ``offset`` (for an error: the file is read again up to there)."""
    fh.seek(0)
    lines, left = 1, offset
    while left > 0:
        block = fh.read(min(left, 1 << 20))
        if not block:
            break
        lines += block.count(b"\n")
        left -= len(block)
    return lines


def _check_document(doc: Any, check: "_Check", streamed: int) -> None:
    """The checks of the document as a whole (its type, a ``crs``), then its features not yet checked;
    ``streamed`` features were cut from it already."""
    path = check.result.path
    if isinstance(doc, dict) and doc.get("type") == "Feature":
        if streamed:
            raise NotStreamable("not a GeoJSON FeatureCollection, Feature or text sequence")
        doc = {"type": "FeatureCollection", "features": [doc]}
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection" or not isinstance(doc.get("features"), list):
        raise InputError("not a GeoJSON FeatureCollection, Feature or text sequence", path)
    if "crs" in doc:
        raise InputError(f"has a 'crs' member. {CRS_HINT}", path)
    rest = doc["features"]
    for start in range(0, len(rest), BATCH):
        check.batch(list(enumerate(rest[start:start + BATCH], streamed + start)))


BATCH = 4096  # features parsed and checked together (their points located in one pass)


class _Check:
    """The one pass over an import's features, in order: each is mapped to a geomap event and
    validated (skipped with the reason otherwise) and the valid ones are spooled; the refusals
    (a ``crs``, [lat, lon] order, a repeated id) are decided by :meth:`finish`, after every feature,
    so they are the ones a check of the whole file gives."""

    def __init__(self, path: Path) -> None:
        from ..regions import load_regions

        self.result = ImportResult(path=path)
        self.regions = load_regions()
        self.order = LonLatOrder()
        self.crs_at: int | None = None
        self.spool = EventSpool()

    def batch(self, feats: list[tuple[int, Any]]) -> None:
        pts = [c for _, f in feats for c in (_point(f),) if c is not None]
        if pts:
            self.regions.locate_many([c[0] for c in pts], [c[1] for c in pts])
        for i, f in feats:
            self.one(i, f)

    def one(self, i: int, f: Any) -> None:
        result, regions = self.result, self.regions
        result.read += 1
        g = f.get("geometry") if isinstance(f, dict) else None
        if self.crs_at is None and isinstance(f, dict) and ("crs" in f or (isinstance(g, dict) and "crs" in g)):
            self.crs_at = i
        self.order.see(i, f)
        if self.crs_at is not None or self.order.out_of_range is not None:
            return  # the file is refused: only what decides which refusal is still read
        if not isinstance(f, dict) or f.get("type") != "Feature":
            result.skipped.append(Skipped(i, "not a GeoJSON Feature", "feature"))
            return
        g = g or {}
        c = _point(f)
        if c is None:
            what = short(g.get("type")) if isinstance(g, dict) else type(g).__name__
            result.skipped.append(Skipped(i, f"geometry is {what}, not a Point [lon, lat]", "feature"))
            return
        raw_props = f.get("properties")
        if raw_props is not None and not isinstance(raw_props, dict):
            result.skipped.append(Skipped(i, f"properties is a {type(raw_props).__name__}, not an object", "feature"))
            return
        props = _map_properties(raw_props or {})
        if not props.get("id") and f.get("id") is not None:
            fid = f["id"]
            if not isinstance(fid, (str, int)) or isinstance(fid, bool):
                result.skipped.append(Skipped(i, f"id {short(fid)} is not text or a number", "feature"))
                return
            props["id"] = fid if isinstance(fid, str) else short(fid, 40)
        if not props.get("admin1") and not props.get("admin1_code"):
            found = regions.admin1_at(float(c[0]), float(c[1]))
            if found is not None:
                props.update(admin1=found.admin1, admin1_code=found.admin1_code,
                             country=props.get("country") or found.country)
                result.notes.append(f"feature {i}: admin1 filled: the point lies in {found.admin1}")
        feat = make_feature(props, c[0], c[1])
        if _valid_event(feat, i, str(result.path), regions, result):
            self.spool.add(i, feat)

    def finish(self, strict: bool) -> ImportResult:
        result, path = self.result, self.result.path
        if self.crs_at is not None:
            raise InputError(f"has a 'crs' member. {CRS_HINT}", path, f"feature {self.crs_at}")
        self.order.check(path)
        self.spool.check_ids(str(path))
        _refuse_if_strict(result, path, strict)
        result.kept = self.spool.count
        result._stream = self.spool.events
        return result


def _point(f: Any) -> list | None:
    """The [lon, lat, ...] of a Point feature with two finite numbers, else None."""
    g = f.get("geometry") if isinstance(f, dict) else None
    c = g.get("coordinates") if isinstance(g, dict) and g.get("type") == "Point" else None
    if not isinstance(c, list) or len(c) < 2 or not all(
            isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x) for x in c[:2]):
        return None
    return c


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
