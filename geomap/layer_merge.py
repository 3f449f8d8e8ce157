"""A merge into a GeoJSON layer directory in bounded memory: the bytes :func:`geomap.layers.merge_into`
wrote when it held the whole store, with memory holding a batch of features, not the store.

The new events are spooled to a temp file (canonical JSON, one a line) with, per event, its id, store
key, type and place in the file as compact Arrow/numpy columns. A first pass reads the layer files a
chunk at a time (:mod:`geomap.io.json_split`) and marks which stored rows go (removed, or given again)
and which new events are added, updated or unchanged; a second pass writes each type's file as the
ordered merge of its kept rows and its new events (both already in store order: date, then id). A
directory this cannot stream exactly (a layer named for no type, an event in another type's file,
rows out of store order, an id stored twice, a file the cutter does not take) is merged as a whole,
as before, from the spool: the result is the same either way.
"""
from __future__ import annotations

import heapq
import os
import tempfile
from array import array
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

import orjson

from .errors import InputError, OutputError
from .schema import EVENT_TYPES

BATCH = 4096  # features parsed, looked up or written together


class _Fallback(Exception):
    """The directory is not one this merge streams exactly: merge it as a whole instead."""


def _key(cf: Mapping[str, Any]) -> str:
    from .layers import _store_key

    return _store_key(cf)


class NewEvents:
    """The events to merge, canonical, on disk in input order, with columns to find, sort and compare them."""

    def __init__(self, features: Iterable[Mapping[str, Any]]) -> None:
        import numpy as np
        import pyarrow as pa

        from .layers import canonical_feature

        self._fh = tempfile.TemporaryFile(prefix="geomap-merge-")
        ids: list = []
        keys: list = []
        types = array("b")
        offsets, sizes = array("q"), array("l")
        buf: list[bytes] = []
        pos = 0
        id_chunks, key_chunks = [], []
        code = {t: i for i, t in enumerate(EVENT_TYPES)}
        for f in features:
            cf = canonical_feature(f)
            b = orjson.dumps(cf)
            ids.append(cf["id"])
            keys.append(_key(cf))
            types.append(code.get(cf["properties"].get("event_type"), -1))
            offsets.append(pos)
            sizes.append(len(b))
            pos += len(b)
            buf.append(b)
            if len(buf) >= BATCH:
                self._fh.write(b"".join(buf))
                buf.clear()
                id_chunks.append(pa.array(ids, pa.string()))
                key_chunks.append(pa.array(keys, pa.string()))
                ids, keys = [], []
        self._fh.write(b"".join(buf))
        self._fh.flush()
        id_chunks.append(pa.array(ids, pa.string()))
        key_chunks.append(pa.array(keys, pa.string()))
        self.ids = pa.chunked_array(id_chunks, pa.string()).combine_chunks()
        self.keys = pa.chunked_array(key_chunks, pa.string()).combine_chunks()
        self.types = np.frombuffer(types, dtype=np.int8).copy() if len(types) else np.zeros(0, np.int8)
        self.offsets = np.frombuffer(offsets, dtype=np.int64).copy() if len(offsets) else np.zeros(0, np.int64)
        self.sizes = np.array(sizes, dtype=np.int64)
        self.count = len(self.ids)

    def __len__(self) -> int:
        return self.count

    def raw(self, i: int) -> bytes:
        return os.pread(self._fh.fileno(), int(self.sizes[i]), int(self.offsets[i]))

    def feature(self, i: int) -> dict[str, Any]:
        return orjson.loads(self.raw(i))

    def all(self) -> Iterator[dict[str, Any]]:
        for i in range(self.count):
            yield self.feature(i)

    def check_unique(self) -> None:
        """The error :func:`geomap.layers.merge_features` gives for the first id given twice (naming both)."""
        import numpy as np
        import pyarrow.compute as pc

        if self.count < 2 or pc.count_distinct(self.ids).as_py() == self.count:
            return
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

    def in_order(self, type_code: int) -> Iterator[tuple[str, bytes]]:
        """(store key, canonical JSON) of the new events of one type, in store order."""
        import numpy as np
        import pyarrow as pa
        import pyarrow.compute as pc

        rows = np.flatnonzero(self.types == type_code)
        if not len(rows):
            return
        keys = self.keys.take(pa.array(rows))
        order = pc.sort_indices(keys).to_numpy(zero_copy_only=False)
        for start in range(0, len(order), BATCH):
            part = order[start:start + BATCH]
            for k, i in zip(keys.take(pa.array(part)).to_pylist(), rows[part].tolist()):
                yield k, self.raw(i)

    def close(self) -> None:
        self._fh.close()


def _stored(path: Path, type_name: str) -> Iterator[list[dict[str, Any]]]:
    """The canonical features of one layer file, a batch at a time, checked as
    :func:`geomap.layers.parse_layer` checks them and as this merge needs them (in store order, all of
    the file's type); anything else raises :class:`_Fallback`."""
    from .io.json_split import Document, NotStreamable
    from .io.limits import open_regular
    from .layers import canonical_feature

    try:
        fh = open_regular(path)
    except OSError:
        raise _Fallback from None
    with fh:
        doc = Document(fh)
        last = None
        batch: list[dict[str, Any]] = []
        i = 0
        try:
            for _, text in doc.elements():
                try:
                    f = orjson.loads(text)
                except orjson.JSONDecodeError:
                    raise _Fallback from None
                if not isinstance(f, dict) or f.get("type") != "Feature":
                    raise InputError("not a GeoJSON Feature", path, f"feature {i}")
                g = f.get("geometry")
                if not isinstance(g, dict) or not isinstance(g.get("coordinates"), list) or len(g["coordinates"]) < 2:
                    raise InputError("geometry is not a Point with [lon, lat]", path, f"feature {i}")
                cf = canonical_feature(f)
                key = _key(cf)
                if cf["properties"].get("event_type") != type_name or (last is not None and key <= last):
                    raise _Fallback
                last = key
                batch.append(cf)
                i += 1
                if len(batch) >= BATCH:
                    yield batch
                    batch = []
            skeleton = orjson.loads(bytes(doc.skeleton))
        except (NotStreamable, orjson.JSONDecodeError):
            raise _Fallback from None
        if (doc.streamed != 1 or not isinstance(skeleton, dict) or skeleton.get("type") != "FeatureCollection"
                or skeleton.get("features") != []):
            raise _Fallback
        if batch:
            yield batch


def _stored_files(layer_dir: Path) -> dict[str, Path]:
    """The type layers of the directory (a layer named for no type cannot be streamed)."""
    from .layers import LAYER_SUFFIX, layer_files

    files = {}
    for p in layer_files(layer_dir):
        t = p.name[:-len(LAYER_SUFFIX)]
        if t not in EVENT_TYPES:
            raise _Fallback
        files[t] = p
    return files


def _first_pass(files: Mapping[str, Path], new: NewEvents, removes: list[str], result) -> dict[str, Any]:
    """Which stored rows go, per file (a bool per row), and the new events' fate in ``result``."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    status = np.zeros(len(new), dtype=np.int8)  # 0 added, 1 unchanged, 2 updated, 3 updated to another type
    removes_set = pa.array(removes, pa.string())
    removed: set[str] = set()
    hashes = array("q")  # every stored id's hash: an id stored twice is merged as a whole
    goes: dict[str, Any] = {}
    for t, path in files.items():
        marks = []
        code = EVENT_TYPES.index(t)
        for batch in _stored(path, t):
            ids = [cf["id"] for cf in batch]
            hashes.extend(hash(i) for i in ids)
            arr = pa.array(ids, pa.string())
            dropped = pc.is_in(arr, value_set=removes_set).to_numpy(zero_copy_only=False)
            where = pc.index_in(arr, value_set=new.ids).to_numpy(zero_copy_only=False)
            where = np.where(np.isnan(where), -1, where).astype(np.int64) if where.dtype.kind == "f" else where
            for k in np.flatnonzero(dropped).tolist():
                removed.add(ids[k])
            for k in np.flatnonzero((where >= 0) & ~dropped).tolist():
                i = int(where[k])
                if orjson.dumps(batch[k]) == new.raw(i):
                    status[i] = 1
                else:
                    status[i] = 3 if new.types[i] != code else 2
            marks.append(dropped | (where >= 0))
        goes[t] = np.concatenate(marks) if marks else np.zeros(0, dtype=bool)
    if len(hashes) > 1:
        h = np.sort(np.frombuffer(hashes, dtype=np.int64))
        if (h[1:] == h[:-1]).any():
            raise _Fallback
    for rid in dict.fromkeys(removes):
        if rid in removed:
            result.drop(rid)
    ids = new.ids
    for start in range(0, len(new), BATCH):
        for i, (fid, s) in enumerate(zip(ids.slice(start, BATCH).to_pylist(), status[start:start + BATCH].tolist())):
            if s == 0:
                result.added += 1
                result.ids_added.append(fid)
            elif s == 1:
                result.unchanged += 1
            else:
                result.updated += 1
                result.ids_updated.append(fid)
                if s == 3:
                    result.ids_retyped.append(fid)
    return goes


def _layer_bytes(type_name: str, path: Path | None, going, new: NewEvents) -> Iterator[bytes]:
    """One type's new layer file: its kept rows and its new events merged in store order."""
    from .io.common import collection_head, collection_tail

    def kept() -> Iterator[tuple[str, bytes]]:
        if path is None:
            return
        row = 0
        for batch in _stored(path, type_name):
            for cf in batch:
                if not going[row]:
                    yield _key(cf), orjson.dumps(cf)
                row += 1

    yield collection_head(type_name)
    out: list[bytes] = []
    first = True
    for _, b in heapq.merge(kept(), new.in_order(EVENT_TYPES.index(type_name)), key=lambda kb: kb[0]):
        out.append(b)
        if len(out) >= BATCH:
            yield (b"" if first else b",\n") + b",\n".join(out)
            first = False
            out = []
    if out:
        yield (b"" if first else b",\n") + b",\n".join(out)
        first = False
    yield collection_tail(first)


def merge_streamed(layer_dir: Path, new: NewEvents, removes: list[str]):
    """Merge ``new`` into the (locked) layer directory, a batch at a time: its MergeResult, or None when
    the directory must be merged as a whole instead (nothing was written then)."""
    from .io.common import _atomic_write_chunks
    from .layers import MergeResult, _carry_over, layer_path
    from .txn import discard, fsync_dir, new_stage, publish

    if (new.types < 0).any():  # an event of no known type: the whole merge names it
        return None
    result = MergeResult()
    exists = layer_dir.is_dir()
    try:
        files = _stored_files(layer_dir) if exists else {}
        goes = _first_pass(files, new, removes, result)
    except _Fallback:
        return None
    if exists and not (result.added or result.updated or result.removed):
        return result
    if layer_dir.exists() and not layer_dir.is_dir():
        raise OutputError(f"{layer_dir}: cannot write layers: not a directory")
    stage = new_stage(layer_dir)
    try:
        for t in EVENT_TYPES:
            _atomic_write_chunks(layer_path(stage, t), _layer_bytes(t, files.get(t), goes.get(t), new))
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
