"""The GeoParquet layer store, for more events than memory holds: one GeoParquet file per month and type.

A directory with a ``geomap-store.json`` marker is such a store (``geomap import --store geoparquet``
makes one); its events sit in ``YYYY-MM/<event_type>.parquet`` (the month of ``date_start``), each file
sorted by ``date_start`` then ``id`` in GeoArrow-point row groups (:mod:`geomap.io.parquet`). A filtered
read opens only the files of the asked-for types and months and skips row groups by their statistics;
an export streams file by file in the GeoJSON store's order (type, then date and id), so both stores
export the same bytes. A merge changes the store as one transaction, as :mod:`geomap.layers` does:
new events are spooled to disk per file, then each file is rewritten from its old rows and its new
ones (files nothing touched are hard-linked), so memory holds the ids and one file, never the store.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from .errors import InputError, OutputError
from .io.parquet import BATCH, ROW_GROUP, _batch, _schema, features_of, one_line, row_groups, row_mask
from .layers import MergeResult, canonical_feature
from .schema import EVENT_TYPES
from .txn import discard, fsync_dir, locked, new_stage, publish

MARKER = "geomap-store.json"
STORE_FORMATS = ("geojson", "geoparquet")
UNDATED = "undated"  # the month folder of events without a readable date_start (sorted after the months)
ID_LIST_LIMIT = 100_000  # a merge lists ids added/updated/removed up to this many; beyond, counts only


def is_store(path: Path | str) -> bool:
    """True when ``path`` is a GeoParquet layer store (a directory with the marker)."""
    return (Path(path) / MARKER).is_file()


def _marker() -> bytes:
    return json.dumps({"format": "geoparquet", "layout": "YYYY-MM/<event_type>.parquet", "version": 1},
                      sort_keys=True).encode() + b"\n"


def _month(feature: Mapping[str, Any]) -> str:
    d = feature["properties"].get("date_start")
    return d[:7] if isinstance(d, str) and len(d) >= 7 and d[:4].isdigit() and d[5:7].isdigit() else UNDATED


def _is_month_dir(p: Path) -> bool:
    n = p.name
    return p.is_dir() and not p.is_symlink() and (n == UNDATED or (len(n) == 7 and n[4] == "-"
                                                                   and n[:4].isdigit() and n[5:].isdigit()))


def _carry_over(old: Path, stage: Path) -> None:
    """Files in the store that are not its events (notes, a README) go into the new generation unchanged."""
    import shutil

    if not old.is_dir():
        return
    for p in old.iterdir():
        if p.name == MARKER or _is_month_dir(p):
            continue
        if p.is_dir() and not p.is_symlink():
            shutil.copytree(p, stage / p.name, symlinks=True)
        else:
            _link(p, stage / p.name)


def units(store: Path | str) -> dict[tuple[str, str], Path]:
    """The store's files by (event type, month), in store order: type as in the vocabulary, then month."""
    d = Path(store)
    found: dict[tuple[str, str], Path] = {}
    for month_dir in sorted(p for p in d.iterdir() if _is_month_dir(p)):
        for f in month_dir.glob("*.parquet"):
            found[(f.stem, month_dir.name)] = f
    order = {t: i for i, t in enumerate(EVENT_TYPES)}
    return dict(sorted(found.items(), key=lambda kv: (order.get(kv[0][0], len(order)), kv[0][0], kv[0][1])))


def _wanted(store: Path, types=(), until: str | None = None) -> list[Path]:
    """The files that can hold events of ``types`` starting by ``until`` (a month after it cannot), by
    their names alone: the files left out are never opened."""
    if not is_store(store):
        raise InputError("not a GeoParquet layer store (no geomap-store.json)", store)
    wanted = {types} if isinstance(types, str) else set(types)
    last = until[:7] if until else None
    return [p for (t, m), p in units(store).items()
            if (not wanted or t in wanted) and (last is None or m == UNDATED or m <= last)]


def read_table(store: Path | str, *, types=(), since: str | None = None, until: str | None = None,
               bbox: tuple[float, float, float, float] | None = None, dictionary: Iterable[str] = ()):
    """The store's events matching the filters as one Arrow table, in store order. Files are left out
    by their type and month, then row groups by their statistics (an earlier month's file is opened
    only for its footer when its events all end before ``since``), and rows are filtered only in the
    row groups that hold some outside the filters. ``dictionary`` columns come dictionary-encoded."""
    import pyarrow as pa

    from .io.parquet import read_groups

    store = Path(store)
    filters = {"types": types, "since": since, "until": until, "bbox": bbox}
    dictionary = tuple(dictionary)
    schema = _schema()
    tables = []
    for path in _wanted(store, types, until):
        try:
            t = read_groups(path, filters, dictionary=dictionary)
            if t is not None:
                tables.append(_conformed(t, schema, dictionary))
        except (OSError, KeyError, pa.ArrowException) as exc:  # a damaged file, or not our columns
            raise InputError(f"cannot read GeoParquet: {one_line(exc)}", path) from None
    want = _conformed(schema.empty_table(), schema, dictionary)
    return pa.concat_tables(tables) if tables else want


def _conformed(table, schema, dictionary=()):
    """``table`` with exactly the columns of ``schema``, in its order and types (``dictionary`` columns
    dictionary-encoded strings): a column a file lacks is all nulls, another type is cast."""
    import pyarrow as pa

    fields, cols = [], []
    for field in schema:
        typ = pa.dictionary(pa.int32(), field.type) if field.name in dictionary else field.type
        field = field.with_type(typ)
        if field.name in table.column_names:
            col = table.column(field.name)
            cols.append(col if col.type == typ else col.cast(typ))
        else:
            cols.append(pa.nulls(len(table), typ))
        fields.append(field)
    out = pa.schema(fields, metadata=schema.metadata)
    if table.schema.equals(out, check_metadata=False):
        return table
    return pa.Table.from_arrays(cols, schema=out)


def _batches_of(path: Path, filters: Mapping[str, Any], batch: int):
    """The rows of one store file matching ``filters``, ``batch`` rows read at a time from the row groups
    whose statistics leave room for a match (tables of at most ``batch`` rows, some maybe empty)."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(str(path))
        groups = row_groups(pf.metadata, **filters)
        if not groups:
            return
        for b in pf.iter_batches(batch_size=batch, row_groups=groups):
            t = pa.Table.from_batches([b])
            mask = row_mask(t, **filters)
            yield t if mask is None or pc.all(mask).as_py() else t.filter(mask)
    except (OSError, pa.ArrowException) as exc:
        raise InputError(f"cannot read GeoParquet: {one_line(exc)}", path) from None


def iter_features(store: Path | str, *, types=(), since: str | None = None, until: str | None = None,
                  bbox: tuple[float, float, float, float] | None = None, batch: int = BATCH
                  ) -> Iterator[dict[str, Any]]:
    """The store's events matching the filters as canonical Features, a few thousand in memory at a time."""
    store = Path(store)
    filters = {"types": types, "since": since, "until": until, "bbox": bbox}
    for path in _wanted(store, types, until):
        for t in _batches_of(path, filters, batch):
            yield from features_of(t)


def iter_batches(store: Path | str, *, types=(), since: str | None = None, until: str | None = None,
                 bbox: tuple[float, float, float, float] | None = None, batch: int = BATCH):
    """The store's rows matching the filters as Arrow record batches of ``batch`` rows (the last may be
    shorter), in store order, never turned into Python objects."""
    import pyarrow as pa

    store = Path(store)
    schema = _schema()
    filters = {"types": types, "since": since, "until": until, "bbox": bbox}
    pending: list = []
    held = 0
    for path in _wanted(store, types, until):
        for t in _batches_of(path, filters, batch):
            try:
                t = t.cast(schema)
            except (pa.ArrowException, ValueError) as exc:
                raise InputError(f"cannot read GeoParquet: {one_line(exc)}", path) from None
            pending.append(t)
            held += len(t)
            while held >= batch:
                whole = pa.concat_tables(pending).combine_chunks()
                yield whole.slice(0, batch).to_batches()[0]
                pending, held = [whole.slice(batch)], held - batch
    if held:
        yield from pa.concat_tables(pending).combine_chunks().to_batches()


def export_geoparquet(store: Path | str, path: Path | str, *, progress=None, **filters) -> Path:
    """The store's events (``filters``: types, since, until, bbox) as one GeoParquet file, Arrow to Arrow:
    the bytes :func:`geomap.io.parquet.write_geoparquet` writes for the same events, in bounded memory."""
    from .io.parquet import write_batches

    return write_batches(path, iter_batches(store, **filters), progress=progress)


def count(store: Path | str) -> int:
    """How many events the store holds (from the files' footers)."""
    import pyarrow.parquet as pq

    return sum(pq.ParquetFile(p).metadata.num_rows for p in units(store).values())


# --- writing -------------------------------------------------------------------------------------------

def _spool(incoming: Path, features: Iterable[Mapping[str, Any]], progress=None) -> dict[tuple[str, str], Path]:
    """Write the new events, canonical, to one unsorted file per (type, month) under ``incoming``.

    Features wait as Python objects only until ``BATCH`` of them are held (then each file gets its
    share as a record batch), so memory does not grow with the input.
    """
    import pyarrow.parquet as pq

    schema = _schema()
    writers: dict[tuple[str, str], Any] = {}
    paths: dict[tuple[str, str], Path] = {}
    buckets: dict[tuple[str, str], list] = {}
    held = 0

    def flush() -> None:
        nonlocal held
        for key, feats in buckets.items():
            if not feats:
                continue
            if key not in writers:
                t, m = key
                (incoming / m).mkdir(parents=True, exist_ok=True)
                paths[key] = incoming / m / f"{t}.parquet"
                writers[key] = pq.ParquetWriter(str(paths[key]), schema, compression="lz4")
            writers[key].write_batch(_batch(feats, schema))
            feats.clear()
        held = 0

    try:
        for f in features:
            cf = canonical_feature(f)
            et = cf["properties"].get("event_type")
            if et not in EVENT_TYPES:
                raise InputError(f"unknown event_type {et!r}", where=f"feature {cf.get('id')}")
            buckets.setdefault((et, _month(cf)), []).append(cf)
            held += 1
            if held >= BATCH:
                if progress is not None:
                    progress.advance(held)
                flush()
        if progress is not None:
            progress.advance(held)
        flush()
    finally:
        for w in writers.values():
            w.close()
    return paths


def _read(path: Path):
    import pyarrow.parquet as pq

    return pq.read_table(str(path), schema=_schema())


def _ids(tables: Iterable[Path]):
    """The id column of each file, as one Arrow array (and each file's row count)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    cols, sizes = [], []
    for p in tables:
        col = pq.read_table(str(p), columns=["id"]).column("id")
        cols.extend(col.chunks)
        sizes.append(len(col))
    return (pa.chunked_array(cols, pa.string()).combine_chunks() if cols else pa.array([], pa.string())), sizes


def _rows_equal(a, b):
    """Per row, whether two tables (same schema, same row order) hold the same values, nulls equal."""
    import pyarrow as pa
    import pyarrow.compute as pc

    same = pa.array([True] * len(a), pa.bool_())
    for name in a.column_names:
        ca, cb = a.column(name), b.column(name)
        pairs = ([(pc.struct_field(ca, "x"), pc.struct_field(cb, "x")), (pc.struct_field(ca, "y"), pc.struct_field(cb, "y"))]
                 if name == "geometry" else [(ca, cb)])
        for x, y in pairs:
            eq = pc.or_(pc.fill_null(pc.equal(x, y), False), pc.and_(pc.is_null(x), pc.is_null(y)))
            same = pc.and_(same, eq)
    return same


def _sorted(table):
    return table.sort_by([("date_start", "ascending"), ("id", "ascending")])


def _write_unit(path: Path, table) -> None:
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, str(path), row_group_size=ROW_GROUP, compression="zstd", write_statistics=True)


class _Ids:
    """MergeResult's id lists, kept only while short (a ten-million-event merge reports counts)."""

    def __init__(self, result: MergeResult) -> None:
        self.result = result

    def add(self, kind: str, ids) -> None:
        lst = getattr(self.result, f"ids_{kind}")
        if len(lst) < ID_LIST_LIMIT:
            lst.extend(ids.to_pylist()[:ID_LIST_LIMIT - len(lst)])


def merge_into_store(store: Path | str, features: Iterable[Mapping[str, Any]], remove: Iterable[str] = (),
                     progress=None) -> MergeResult:
    """Merge events into a GeoParquet store (created if missing) by id, as :func:`geomap.layer_merge.merge_into`
    merges into a GeoJSON one: exactly the ids in ``remove`` are dropped, an id twice in ``features``
    is an error and nothing is merged, and a failure or a kill leaves the store as it was.

    An event moved to another month or type counts as updated (``ids_retyped`` stays empty here).
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    d = Path(store)
    with locked(d):
        if d.exists() and not (d.is_dir() and (is_store(d) or not any(d.iterdir()))):
            raise OutputError(f"{d}: not a GeoParquet layer store (no {MARKER}); nothing was merged")
        stage = new_stage(d)
        try:
            new_units = _spool(stage / ".incoming", features, progress)
            pa.default_memory_pool().release_unused()
            new_ids, _ = _ids(new_units.values())
            if pc.count_distinct(new_ids).as_py() != len(new_ids):
                counts = pc.value_counts(new_ids)
                dup = counts.filter(pc.greater(counts.field("counts"), 1))[0]["values"].as_py()
                raise InputError(f"duplicate id {dup}: twice in the input; nothing was merged")
            old_units = units(d) if d.is_dir() else {}
            removes = pa.array(list(dict.fromkeys(remove)), pa.string())
            result = MergeResult()
            ids = _Ids(result)
            goes = _going(old_units, new_ids, removes, result, ids)
            for key in sorted(set(old_units) | set(new_units)):
                t, m = key
                target = stage / m / f"{t}.parquet"
                new = _read(new_units[key]) if key in new_units else None
                if key in old_units:
                    dropped, replaced = goes[key]
                    gone = pc.or_(dropped, replaced)
                    if new is None and not pc.any(gone).as_py():
                        target.parent.mkdir(parents=True, exist_ok=True)
                        _link(old_units[key], target)
                        continue
                    old = _read(old_units[key])
                    rep = old.filter(replaced)
                    if len(rep):
                        if new is not None:  # the new versions that stayed in this file, compared row by row
                            a = rep.filter(pc.is_in(rep.column("id"), value_set=new.column("id"))).sort_by("id")
                            b = new.filter(pc.is_in(new.column("id"), value_set=a.column("id"))).sort_by("id")
                        else:
                            a = b = rep.slice(0, 0)
                        eq = _rows_equal(a, b)
                        result.unchanged += pc.sum(eq).as_py() or 0
                        changed = a.column("id").filter(pc.invert(eq))
                        moved = rep.column("id").filter(pc.invert(pc.is_in(rep.column("id"), value_set=a.column("id"))))
                        result.updated += len(changed) + len(moved)
                        ids.add("updated", pa.concat_arrays([changed.combine_chunks(), moved.combine_chunks()]))
                    kept = old.filter(pc.invert(gone))
                    out = pa.concat_tables([kept, new]) if new is not None else kept
                else:
                    out = new
                if len(out):
                    _write_unit(target, _sorted(out))
                    del out, new
                    pa.default_memory_pool().release_unused()  # a unit at a time: mimalloc keeps freed pages otherwise
            discard(stage / ".incoming")
            if result.added or result.updated or result.removed or not is_store(d):
                (stage / MARKER).write_bytes(_marker())
                _carry_over(d, stage)
                for p in stage.rglob("*"):
                    if p.is_dir():
                        fsync_dir(p)
                fsync_dir(stage)
                publish(stage, d)
        except OSError as exc:
            raise OutputError(f"{d}: cannot write: {exc.strerror or exc}; the store is as it was") from None
        finally:
            discard(stage)
    return result


def _going(old_units: Mapping[tuple[str, str], Path], new_ids, removes, result: MergeResult, ids: _Ids
           ) -> dict[tuple[str, str], tuple[Any, Any]]:
    """For each file of the store, which of its rows go: (removed, given again in ``new_ids``) as
    bit-packed masks in the file's row order. Reads one file's id column at a time, so memory holds the
    new ids, one file's ids and a bit or two per stored event, never every id of the store. Counts the
    removed (listed in store order) and the added (new ids that no kept row has)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    found = np.zeros(len(new_ids), dtype=bool)
    goes = {}
    for key, path in old_units.items():
        uid, _ = _ids([path])
        dropped = pc.is_in(uid, value_set=removes)
        where = pc.index_in(uid, value_set=new_ids)  # the row's place among the new ids, null if none
        replaced = pc.and_(pc.is_valid(where), pc.invert(dropped))
        found[where.filter(replaced).to_numpy(zero_copy_only=False)] = True
        result.removed += pc.sum(dropped).as_py() or 0
        ids.add("removed", uid.filter(dropped))
        goes[key] = (dropped, replaced)
        del uid, where
    result.added = len(new_ids) - int(found.sum())
    ids.add("added", new_ids.filter(pa.array(~found)))
    return goes


def _link(src: Path, dst: Path) -> None:
    """A file the merge did not change goes into the new generation as it is."""
    import shutil

    try:
        os.link(src, dst, follow_symlinks=False)
    except OSError:
        shutil.copy2(src, dst, follow_symlinks=False)
