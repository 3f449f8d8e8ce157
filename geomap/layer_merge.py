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

import hashlib
import heapq
import struct
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
RUN_BYTES = 4 << 20  # new events sorted in memory at a time (their lines, keys and Python objects)
RUN_BLOCK = 64 << 10  # bytes read at a time from each sorted run while they are merged
FAN_IN = 16  # sorted runs merged into one (few files open, each event rewritten a few times at most)
DIGEST_CHUNK = 1 << 14  # digest rows (48 bytes each) buffered before they are cut into buckets on disk
_TWO = struct.Struct("<qq")
_RUN_HEAD = struct.Struct("<QI")  # a run record: input number, key length; then the key and the line


class _Fallback(Exception):
    """The directory is not one this merge streams exactly: merge it as a whole instead."""


def _key(cf: Mapping[str, Any]) -> str:

    return _store_key(cf)


def _digest(data: bytes) -> tuple[int, int]:
    """16 bytes of blake2b as two signed 8-byte numbers: an id's or a line's identity in the join on disk."""
    return _TWO.unpack(hashlib.blake2b(data, digest_size=16).digest())


def _run_record(key: bytes, index: int, raw: bytes) -> bytes:
    return _RUN_HEAD.pack(index, len(key)) + key + raw


def _run_rows(run) -> Iterator[tuple[bytes, int, bytes]]:
    """(store key, input number, line) of a sorted run, in its order."""
    head, size = _RUN_HEAD, _RUN_HEAD.size
    for rec in run:
        index, n = head.unpack_from(rec)
        yield rec[size:size + n], index, rec[size + n:]


class NewEvents:
    """The events to merge, canonical, on disk: in input order (for the whole merge), each type's in
    store order (sorted runs of a few megabytes, merged as they are read), and per event its id's and
    line's digests with its number and type in hash buckets (for the check of an id given twice and the
    join with the stored rows by id). Memory holds a run being sorted and a bucket, nothing per event."""

    def __init__(self, features: Iterable[Mapping[str, Any]]) -> None:
        from .spool import HashBuckets, Records

        self._input = Records("geomap-merge-")
        self._ids = Records("geomap-merge-ids-")  # the ids' text, for lists of ids and errors
        # (id digest, line digest, number, type), bucketed by the id's digest
        self.digests = HashBuckets(6, "geomap-merge-digests-", DIGEST_CHUNK)
        self._runs: dict[int, list] = {c: [] for c in range(len(EVENT_TYPES))}  # (level, Records) per type
        self._pending: dict[int, list] = {c: [] for c in range(len(EVENT_TYPES))}
        self._pending_bytes = 0
        code = {t: i for i, t in enumerate(EVENT_TYPES)}
        self.odd = False  # an id that is not text: the whole merge takes these events as they are
        self.unknown_type = False  # an event of no known type: the whole merge names it
        i = 0
        for f in features:
            cf = canonical_feature(f)
            b = orjson.dumps(cf)
            if not isinstance(cf["id"], str):
                self.odd = True
            fid = str(cf["id"]).encode("utf-8", "surrogatepass")
            t = code.get(cf["properties"].get("event_type"), -1)
            self._input.add(b)
            self._ids.add(fid)
            self.digests.add(*_digest(fid), *_digest(b), i, t)
            if t < 0:
                self.unknown_type = True
            elif not self.odd:
                key = _key(cf).encode("utf-8", "surrogatepass")
                self._pending[t].append((key, i, b))
                self._pending_bytes += len(key) + len(b) + 200  # the tuple, its objects and a list slot
                if self._pending_bytes >= RUN_BYTES:
                    self._spill()
            i += 1
        self.count = i
        self._input.flush()
        self._ids.flush()

    def __len__(self) -> int:
        return self.count

    def _spill(self) -> None:
        """Each type's pending events, sorted by store key (then input number), written as a run; runs of
        one level merged into one of the next when FAN_IN of them wait, so few files are open at once."""
        from .spool import Records

        for t, rows in self._pending.items():
            if not rows:
                continue
            rows.sort()
            run = Records("geomap-merge-run-", RUN_BLOCK)
            for key, index, raw in rows:
                run.add(_run_record(key, index, raw))
            run.flush()
            rows.clear()
            runs = self._runs[t]
            runs.append((0, run))
            while len(runs) >= FAN_IN and all(level == runs[-1][0] for level, _ in runs[-FAN_IN:]):
                level, group = runs[-1][0], [r for _, r in runs[-FAN_IN:]]
                del runs[-FAN_IN:]
                merged = Records("geomap-merge-run-", RUN_BLOCK)
                for key, index, raw in heapq.merge(*map(_run_rows, group)):
                    merged.add(_run_record(key, index, raw))
                merged.flush()
                for r in group:
                    r.close()
                runs.append((level + 1, merged))
        self._pending_bytes = 0

    def sorted_rows(self, type_code: int) -> Iterator[tuple[bytes, int, bytes]]:
        """(store key, input number, line) of the new events of one type, in store order (ties in input
        order, as a stable sort gives them)."""
        if any(self._pending.values()):
            self._spill()
        return heapq.merge(*(_run_rows(r) for _, r in self._runs[type_code]))

    def all(self) -> Iterator[dict[str, Any]]:
        for raw in self._input:
            yield orjson.loads(raw)

    def pick(self, numbers, ids: bool = True) -> dict[int, bytes]:
        """The ids (or lines) of the few events numbered ``numbers``, read in one pass."""
        wanted = set(numbers)
        got = {}
        if wanted:
            for i, data in enumerate(self._ids if ids else self._input):
                if i in wanted:
                    got[i] = data
                    if len(got) == len(wanted):
                        break
        return got

    def list_ids(self, numbers: list, into: list[list[str]]) -> None:
        """Append to each list of ``into`` the ids of the events its array of ``numbers`` (ascending)
        names, in one pass over the ids on disk: memory holds the lists, nothing more per event."""
        last = max((int(n[-1]) for n in numbers if len(n)), default=-1)
        at = [0] * len(numbers)
        wanted = [int(n[0]) if len(n) else -1 for n in numbers]
        if last < 0:
            return
        for i, data in enumerate(self._ids):
            fid = None
            for k, w in enumerate(wanted):
                if w == i:
                    fid = fid or data.decode("utf-8", "surrogatepass")
                    into[k].append(fid)
                    at[k] += 1
                    wanted[k] = int(numbers[k][at[k]]) if at[k] < len(numbers[k]) else -1
            if i >= last:
                break

    def check_unique(self) -> None:
        """The error :func:`geomap.layers.merge_features` gives for the first id given twice (naming both;
        with ids that are not text, the whole merge checks them)."""
        import numpy as np

        from .spool import digest_repeats

        if self.odd or self.count < 2:
            return
        best = None  # (the later number, the earlier one, their types) of the first id given twice
        for rows in self.digests.buckets():
            if len(rows) < 2:
                continue
            rows, later, of = digest_repeats(rows, 4)
            if len(later):
                m = int(np.argmin(rows[later, 4]))
                k, f = later[m], of[m]
                if best is None or rows[k, 4] < best[0]:
                    best = (int(rows[k, 4]), int(rows[f, 4]), int(rows[k, 5]), int(rows[f, 5]))
        if best is None:
            return
        i, first, t_i, t_first = best

        def describe(k: int, t: int) -> str:
            t = EVENT_TYPES[t] if t >= 0 else orjson.loads(self.pick([k], ids=False)[k])["properties"].get("event_type")
            return f"feature {k}" + (f" ({t})" if t else "")

        fid = self.pick([i])[i].decode("utf-8", "surrogatepass")
        raise InputError(f"duplicate id {fid}: {describe(first, t_first)} and {describe(i, t_i)} of the input; "
                         "nothing was merged")

    def close(self) -> None:
        self._input.close()
        self._ids.close()
        self.digests.close()
        for runs in self._runs.values():
            for _, r in runs:
                r.close()


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


class _Stored:
    """What the first pass keeps of one type's file for the second: each stored row's store key, in file
    order (on disk), and which rows go (removed, or given again) as one bit each."""

    def __init__(self) -> None:
        from .spool import Records

        self.keys = Records("geomap-merge-keys-", RUN_BLOCK)
        self.count = 0
        self.goes = b""

    def close(self) -> None:
        self.keys.close()


def _first_pass(files: Mapping[str, Path], new: NewEvents, removes: list[str], result) -> dict[str, _Stored]:
    """Each type's :class:`_Stored`, and the new events' fate (added, updated, unchanged) in ``result``.

    The stored rows' id and line digests go to hash buckets on disk, then are joined with the new events'
    bucket by bucket: a bucket of each side in memory at a time."""
    import numpy as np

    from .spool import HashBuckets

    removes_set = set(removes)
    removed: set[str] = set()
    stored = {t: _Stored() for t in EVENT_TYPES}
    digests = HashBuckets(6, "geomap-merge-stored-", DIGEST_CHUNK)  # (id, line digests, row, type | removed)
    try:
        for t in EVENT_TYPES:
            code = EVENT_TYPES.index(t)
            st = stored[t]
            if t not in files:
                continue
            for batch in _stored(files[t], t):
                for cf, raw in batch:
                    fid = cf["id"]
                    gone = fid in removes_set
                    if gone:
                        removed.add(fid)
                    digests.add(*_digest(str(fid).encode("utf-8", "surrogatepass")), *_digest(raw), st.count,
                                code | (256 if gone else 0))
                    st.keys.add(_key(cf).encode("utf-8", "surrogatepass"))
                    st.count += 1
            st.keys.flush()
        goes = {code: np.zeros((stored[t].count + 7) // 8, dtype=np.uint8) for code, t in enumerate(EVENT_TYPES)}
        counts = np.zeros(4, dtype=np.int64)  # added, unchanged, updated, updated to another type
        firsts: list[list] = [[], [], []]  # the lowest numbers of the added, the updated, the retyped
        for n, s in zip(*HashBuckets.paired(new.digests, digests)):
            status = np.zeros(len(n), dtype=np.int8)
            if len(s):
                if len(np.unique(s[:, 0])) < len(s):
                    raise _Fallback  # an id stored twice (or two ids' first halves alike): merged as a whole
                order = np.argsort(n[:, 0], kind="stable")
                nh = n[order, 0]
                if len(n) and (nh[1:] == nh[:-1]).any():
                    raise _Fallback  # two new ids' first halves alike (check_unique refused ids given twice)
                if len(n):
                    pos = np.minimum(np.searchsorted(nh, s[:, 0]), len(n) - 1)
                    at = order[pos]
                    matched = (nh[pos] == s[:, 0]) & (n[at, 1] == s[:, 1])
                else:
                    at, matched = np.zeros(len(s), dtype=np.intp), np.zeros(len(s), dtype=bool)
                gone = (s[:, 5] & 256) != 0
                for code in range(len(EVENT_TYPES)):
                    rows = s[(matched | gone) & ((s[:, 5] & 255) == code), 4]
                    np.bitwise_or.at(goes[code], rows >> 3, (1 << (rows & 7)).astype(np.uint8))
                live = matched & ~gone
                k, srow = at[live], s[live]
                same = (n[k, 2] == srow[:, 2]) & (n[k, 3] == srow[:, 3])
                status[k] = np.where(same, 1, np.where(n[k, 5] != (srow[:, 5] & 255), 3, 2))
            counts += np.bincount(status, minlength=4)
            for slot, which in enumerate((status == 0, status >= 2, status == 3)):
                firsts[slot].append(np.sort(n[which, 4])[:ID_LIST_LIMIT])
                if len(firsts[slot]) > 16:
                    firsts[slot] = [np.sort(np.concatenate(firsts[slot]))[:ID_LIST_LIMIT]]
    finally:
        digests.close()
    for code, t in enumerate(EVENT_TYPES):
        stored[t].goes = goes[code].tobytes()
    for rid in dict.fromkeys(removes):
        if rid in removed:
            result.drop(rid)

    result.added, result.unchanged = int(counts[0]), int(counts[1])
    result.updated = len(new) - result.added - result.unchanged
    lists = [np.sort(np.concatenate(f))[:ID_LIST_LIMIT] if f else np.zeros(0, np.int64) for f in firsts]
    new.list_ids(lists, [result.ids_added, result.ids_updated, result.ids_retyped])  # as a store merge lists
    return stored  # them: counts beyond


def _layer_bytes(type_name: str, path: Path | None, st: _Stored, new: NewEvents) -> Iterator[bytes]:
    """One type's new layer file: its kept rows (their lines copied) with its new events put in between
    (both in store order: the stored rows' keys come from the first pass, the new events' from their runs)."""
    goes = st.goes
    pending = new.sorted_rows(EVENT_TYPES.index(type_name))
    nxt = next(pending, None)
    out: list[bytes] = []
    empty = True
    yield collection_head(type_name)
    stored = zip(_lines(path, type_name), st.keys) if path is not None else ()
    for row, (raw, key) in enumerate(stored):
        if goes[row >> 3] >> (row & 7) & 1:
            continue
        while nxt is not None and nxt[0] < key:
            out.append(nxt[2])
            nxt = next(pending, None)
        out.append(raw)
        if len(out) >= BATCH:
            yield (b"" if empty else b",\n") + b",\n".join(out)
            empty, out = False, []
    while nxt is not None:  # the new events after the last kept row, still a batch at a time
        out.append(nxt[2])
        nxt = next(pending, None)
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

    if new.odd or new.unknown_type:  # an event of no known type: the whole merge names it
        return None
    result = MergeResult()
    exists = layer_dir.is_dir()
    try:
        files = _stored_files(layer_dir) if exists else {}
        plans = _first_pass(files, new, removes, result)
    except _Fallback:
        return None
    try:
        return _write(layer_dir, exists, files, plans, new, result)
    finally:
        for st in plans.values():
            st.close()


def _write(layer_dir: Path, exists: bool, files, plans, new: NewEvents, result):
    """The second pass: each type's file written to a stage, published as one (None: merge as a whole)."""
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
