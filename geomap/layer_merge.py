"""A merge into a GeoJSON layer directory in bounded memory (:func:`merge_into`): the bytes and counts
of :func:`geomap.layers.merge_whole`, which holds the whole store, with memory holding a batch of
stored features, the new events' ids and keys, and a flag per stored row.

The new events are spooled to a temp file (canonical JSON) with, per event, its id, store key, type
and place in the file as compact Arrow/numpy columns. A first pass reads each layer file a line at a
time (geomap writes one feature a line) and finds which stored rows go (removed, or given again),
which new events are added, updated or unchanged, and where each new event falls among the kept rows
(both are in store order: date, then id). A second pass writes each type's file by copying the kept
lines and putting the new events' lines in between, parsing nothing. A directory this cannot stream
exactly (a layer named for no type, a file laid out otherwise, an event in another type's file or
not in canonical form, rows out of store order, an id stored twice) is merged as a whole, as before,
from the spool: the result is the same either way.
"""
from __future__ import annotations

from array import array
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

import orjson

from .errors import InputError, OutputError
from .io.common import _atomic_write_chunks, collection_head, collection_tail
from .io.limits import open_regular
from .layers import (LAYER_SUFFIX, MergeResult, NotLines, _carry_over, _store_key, canonical_feature,
                     layer_files, layer_lines, layer_path, merge_whole)
from .parquet_store import ID_LIST_LIMIT
from .schema import EVENT_TYPES
from .txn import discard, fsync_dir, locked, new_stage, publish

BATCH = 4096  # features parsed, looked up or written together


class _Fallback(Exception):
    """The directory is not one this merge streams exactly: merge it as a whole instead."""


def _key(cf: Mapping[str, Any]) -> str:

    return _store_key(cf)


class NewEvents:
    """The events to merge, canonical, on disk in input order, with columns to find, sort and compare them."""

    def __init__(self, features: Iterable[Mapping[str, Any]]) -> None:
        import numpy as np
        import pyarrow as pa


        from .spool import HashBuckets, Spool

        self._spool = spool = Spool("geomap-merge-")
        self._hashes = hashes = HashBuckets(1, "geomap-merge-ids-")  # for the check of an id given twice
        ids: list = []
        keys: list = []
        types = array("b")
        id_chunks, key_chunks = [], []
        code = {t: i for i, t in enumerate(EVENT_TYPES)}
        self.odd = False  # an id that is not text: the whole merge takes these events as they are
        for f in features:
            cf = canonical_feature(f)
            b = orjson.dumps(cf)
            if not isinstance(cf["id"], str):
                self.odd = True
            ids.append(str(cf["id"]))
            hashes.add(hash(ids[-1]))
            keys.append(_key(cf))
            types.append(code.get(cf["properties"].get("event_type"), -1))
            spool.add(b)
            if len(ids) >= BATCH:
                id_chunks.append(pa.array(ids, pa.string()))
                key_chunks.append(pa.array(keys, pa.string()))
                ids, keys = [], []
        spool.flush()
        id_chunks.append(pa.array(ids, pa.string()))
        key_chunks.append(pa.array(keys, pa.string()))
        self.ids = pa.chunked_array(id_chunks, pa.string()).combine_chunks()
        self.keys = pa.chunked_array(key_chunks, pa.string()).combine_chunks()
        self.types = np.frombuffer(types, dtype=np.int8).copy() if len(types) else np.zeros(0, np.int8)
        self.count = len(self.ids)

    def __len__(self) -> int:
        return self.count

    def raw(self, i: int) -> bytes:
        return self._spool.get(int(i))

    def feature(self, i: int) -> dict[str, Any]:
        return orjson.loads(self.raw(i))

    def all(self) -> Iterator[dict[str, Any]]:
        for i in range(self.count):
            yield self.feature(i)

    def check_unique(self) -> None:
        """The error :func:`geomap.layers.merge_features` gives for the first id given twice (naming both;
        with ids that are not text, the whole merge checks them)."""
        import numpy as np
        import pyarrow.compute as pc

        if self.odd or self.count < 2 or not self._hashes.repeated():
            return  # (a hash table of every id would take more memory than the ids)
        if pc.count_distinct(self.ids).as_py() == self.count:
            return  # two ids' hashes alike, the ids not
        enc = self.ids.dictionary_encode()
        codes = enc.indices.to_numpy(zero_copy_only=False)
        dup = np.zeros(self.count, dtype=bool)
        dup[1:] = codes[1:] <= np.maximum.accumulate(codes)[:-1]  # codes come in order of first appearance
        i = int(np.flatnonzero(dup)[0])
        first = int(np.flatnonzero(codes == codes[i])[0])

        def describe(k: int) -> str:
            t = self.types[k]
            t = EVENT_TYPES[t] if t >= 0 else self.feature(k)["properties"].get("event_type")
            return f"feature {k}" + (f" ({t})" if t else "")

        raise InputError(f"duplicate id {self.ids[i].as_py()}: {describe(first)} and {describe(i)} of the input; "
                         "nothing was merged")

    def sorted_rows(self, type_code: int):
        """The rows of the new events of one type in store order (numpy), and their store keys (Arrow)."""
        import numpy as np
        import pyarrow as pa
        import pyarrow.compute as pc

        rows = np.flatnonzero(self.types == type_code)
        keys = self.keys.take(pa.array(rows))
        order = pc.sort_indices(keys)
        return rows[order.to_numpy(zero_copy_only=False)], keys.take(order)

    def close(self) -> None:
        self._spool.close()
        self._hashes.close()


def _lines(path: Path, type_name: str) -> Iterator[bytes]:
    """The features' lines of a layer file as geomap writes it (:func:`geomap.layers.layer_lines`); a file
    laid out otherwise raises :class:`_Fallback`."""

    try:
        fh = open_regular(path)
    except OSError:
        raise _Fallback from None
    with fh:
        try:
            yield from layer_lines(fh, type_name)
        except NotLines:
            raise _Fallback from None


def _stored(path: Path, type_name: str) -> Iterator[list[tuple[dict[str, Any], bytes]]]:
    """(canonical feature, its JSON in the file) of one layer file, a batch at a time, checked as
    :func:`geomap.layers.parse_layer` checks them and as this merge needs them: in store order, all of
    the file's type, each line the canonical JSON of its feature; anything else raises :class:`_Fallback`."""

    last = None
    batch: list[tuple[dict[str, Any], bytes]] = []
    i = 0
    for raw in _lines(path, type_name):
        try:
            f = orjson.loads(raw)
        except orjson.JSONDecodeError:
            raise _Fallback from None
        if not isinstance(f, dict) or f.get("type") != "Feature":
            raise InputError("not a GeoJSON Feature", path, f"feature {i}")
        g = f.get("geometry")
        if not isinstance(g, dict) or not isinstance(g.get("coordinates"), list) or len(g["coordinates"]) < 2:
            raise InputError("geometry is not a Point with [lon, lat]", path, f"feature {i}")
        cf = canonical_feature(f)
        key = _key(cf)
        if (cf is not f or cf["properties"].get("event_type") != type_name or (last is not None and key <= last)
                or orjson.dumps(cf) != raw):
            raise _Fallback
        last = key
        batch.append((cf, raw))
        i += 1
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _stored_files(layer_dir: Path) -> dict[str, Path]:
    """The type layers of the directory (a layer named for no type cannot be streamed)."""

    files = {}
    for p in layer_files(layer_dir):
        t = p.name[:-len(LAYER_SUFFIX)]
        if t not in EVENT_TYPES:
            raise _Fallback
        files[t] = p
    return files


class _Plan:
    """What the first pass found for one type's file: which stored rows go, and how many kept rows come
    before each of the type's new events (in store order). The new events' keys are taken from Arrow a
    batch at a time, so nothing here holds a Python object per event."""

    def __init__(self, new: NewEvents, code: int) -> None:
        import numpy as np

        self.new_rows, self._keys = new.sorted_rows(code)
        self.before = np.zeros(len(self.new_rows), dtype=np.int64)
        self.goes: list = []
        self._j = 0
        self._kept = 0
        self._window: list[str] = []  # the keys of new events from _at on
        self._at = 0

    def _key(self, j: int) -> str:
        if not self._at <= j < self._at + len(self._window):
            self._at, self._window = j, self._keys.slice(j, BATCH).to_pylist()
        return self._window[j - self._at]

    def see(self, keys: list[str], going) -> None:
        """One batch of the file's rows, in order: their keys and whether each goes."""
        j, kept, n, before = self._j, self._kept, len(self.new_rows), self.before
        for key, g in zip(keys, going.tolist()):
            if g:
                continue
            while j < n and self._key(j) < key:
                before[j] = kept
                j += 1
            kept += 1
        self._j, self._kept = j, kept
        self.goes.append(going)

    def finish(self) -> None:
        self.before[self._j:] = self._kept
        self._keys = self._window = None  # the keys are needed no more: memory holds two numbers per event


def _first_pass(files: Mapping[str, Path], new: NewEvents, removes: list[str], result) -> dict[str, _Plan]:
    """Each type's :class:`_Plan`, and the new events' fate (added, updated, unchanged) in ``result``."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    status = np.zeros(len(new), dtype=np.int8)  # 0 added, 1 unchanged, 2 updated, 3 updated to another type
    removes_set = pa.array(removes, pa.string())
    removed: set[str] = set()
    hashes = array("q")  # every stored id's hash: an id stored twice is merged as a whole
    plans: dict[str, _Plan] = {}
    for t in EVENT_TYPES:
        code = EVENT_TYPES.index(t)
        plan = plans[t] = _Plan(new, code)
        if t not in files:
            plan.finish()
            continue
        for batch in _stored(files[t], t):
            ids = [cf["id"] for cf, _ in batch]
            hashes.extend(hash(i) for i in ids)
            arr = pa.array(ids, pa.string())
            dropped = pc.is_in(arr, value_set=removes_set).to_numpy(zero_copy_only=False)
            where = pc.index_in(arr, value_set=new.ids).fill_null(-1).to_numpy(zero_copy_only=False)
            for k in np.flatnonzero(dropped).tolist():
                removed.add(ids[k])
            for k in np.flatnonzero((where >= 0) & ~dropped).tolist():
                i = int(where[k])
                if batch[k][1] == new.raw(i):
                    status[i] = 1
                else:
                    status[i] = 3 if new.types[i] != code else 2
            plan.see([_key(cf) for cf, _ in batch], dropped | (where >= 0))
        plan.finish()
    if len(hashes) > 1:
        h = np.sort(np.frombuffer(hashes, dtype=np.int64))
        if (h[1:] == h[:-1]).any():
            raise _Fallback
    for rid in dict.fromkeys(removes):
        if rid in removed:
            result.drop(rid)

    result.added, result.unchanged = int((status == 0).sum()), int((status == 1).sum())
    result.updated = len(new) - result.added - result.unchanged
    for kind, which in (("added", status == 0), ("updated", status >= 2), ("retyped", status == 3)):
        rows = np.flatnonzero(which)[:ID_LIST_LIMIT]  # as a store merge lists them: counts beyond
        getattr(result, f"ids_{kind}").extend(new.ids.take(pa.array(rows)).to_pylist())
    return plans


def _layer_bytes(type_name: str, path: Path | None, plan: _Plan, new: NewEvents) -> Iterator[bytes]:
    """One type's new layer file: its kept rows (their lines copied) with its new events put in between."""
    import numpy as np


    going = np.concatenate(plan.goes) if plan.goes else np.zeros(0, dtype=bool)
    n = len(plan.new_rows)
    before: list[int] = []  # a window of the new events from j0 on (plain ints index fastest)
    rows: list[int] = []
    j0 = 0

    def next_before(j: int) -> int:
        nonlocal before, rows, j0
        if j >= n:
            return -1  # past the last new event: no count of kept rows is this
        if j - j0 >= len(before):
            j0, before, rows = j, plan.before[j:j + BATCH].tolist(), plan.new_rows[j:j + BATCH].tolist()
        return before[j - j0]

    out: list[bytes] = []
    empty = True
    j = kept = 0
    at = next_before(0)  # how many kept rows come before new event j
    yield collection_head(type_name)
    for row, raw in enumerate(_lines(path, type_name) if path is not None else ()):
        if going[row]:
            continue
        while at == kept:
            out.append(new.raw(rows[j - j0]))
            j += 1
            at = next_before(j)
        out.append(raw)
        kept += 1
        if len(out) >= BATCH:
            yield (b"" if empty else b",\n") + b",\n".join(out)
            empty, out = False, []
    while j < n:  # the new events after the last kept row, still a batch at a time
        next_before(j)
        out.append(new.raw(rows[j - j0]))
        j += 1
        if len(out) >= BATCH:
            yield (b"" if empty else b",\n") + b",\n".join(out)
            empty, out = False, []
    if out:
        yield (b"" if empty else b",\n") + b",\n".join(out)
        empty = False
    yield collection_tail(empty)


def merge_streamed(layer_dir: Path, new: NewEvents, removes: list[str]):
    """Merge ``new`` into the (locked) layer directory, a batch at a time: its MergeResult, or None when
    the directory must be merged as a whole instead (nothing was written then)."""

    if new.odd or (new.types < 0).any():  # an event of no known type: the whole merge names it
        return None
    result = MergeResult()
    exists = layer_dir.is_dir()
    try:
        files = _stored_files(layer_dir) if exists else {}
        plans = _first_pass(files, new, removes, result)
    except _Fallback:
        return None
    if exists and not (result.added or result.updated or result.removed):
        return result
    if layer_dir.exists() and not layer_dir.is_dir():
        raise OutputError(f"{layer_dir}: cannot write layers: not a directory")
    stage = new_stage(layer_dir)
    try:
        for t in EVENT_TYPES:
            _atomic_write_chunks(layer_path(stage, t), _layer_bytes(t, files.get(t), plans[t], new))
        fsync_dir(stage)
        _carry_over(layer_dir, stage)
        publish(stage, layer_dir)
    except OSError as exc:
        raise OutputError(f"{layer_dir}: cannot write: {exc.strerror or exc}; the layers are as they were") from None
    except _Fallback:  # the files changed under the lock? never expected: merge as a whole
        return None
    finally:
        discard(stage)
    return result


def merge_into(layer_dir: Path | str, features: Iterable[Mapping[str, Any]], remove: Iterable[str] = ()):
    """Merge events into a layer directory (created if missing) as one transaction, under the store's
    writer lock: concurrent merges wait for each other, none is lost, an event whose type changed moves
    between layers, and a failure or a kill leaves the store as it was. The new events wait on disk and
    the layers are read and written a line at a time, so memory does not grow with the store; the bytes
    and counts are those of :func:`geomap.layers.merge_whole`."""

    d = Path(layer_dir)
    new = NewEvents(features)
    try:
        removes = list(dict.fromkeys(remove))
        with locked(d):
            new.check_unique()
            result = merge_streamed(d, new, removes)
            if result is None:  # a directory the stream does not take exactly: merged as a whole
                result = merge_whole(d, new.all(), removes)
    finally:
        new.close()
    return result
