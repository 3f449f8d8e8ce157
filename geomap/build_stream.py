"""``geomap build`` over an imported store of millions of events, in bounded memory.

The imported layer directory is read a line at a time (as geomap writes it: one feature a line, each
file in store order). Each event is validated, its id hashed (8 bytes, on disk: two ids alike send the
build back to the whole read, which names them exactly), and, unless a review decision could name it,
put to a spool per type as the line it will have in the new layers. The few events a decision names are
held with the curated and extracted ones, the ledger is folded over them alone, and each type's layer
is written by merging its spool (already in store order) with them. The change against the previous
build is counted from 16 bytes per event, on disk too, a bucket of ids at a time
(:class:`geomap.spool.HashBuckets`): memory does not grow with the store. Whatever this cannot do exactly (a store laid out otherwise,
rows out of order, an id twice, an id that is not text) raises :class:`Fallback` before anything is
written, and the build reads the store whole as before: the output is the same either way.
"""
from __future__ import annotations

import dataclasses
import struct
from pathlib import Path
from typing import Any, Iterator, Mapping

import orjson

from .errors import InputError
from .io.common import _atomic_write_chunks, collection_head, collection_tail
from .layers import (LAYER_SUFFIX, NotLines, _check_feature, _generation, _store_key, canonical_feature, iter_layers,
                     layer_lines, layer_path, store_order)
from .review.apply import named_by, settle_unreviewed
from .schema import EVENT_TYPES, Problem, validate_features
from .spool import HashBuckets, Records
from .txn import fsync_dir

_HEAD = struct.Struct("<IIq")  # a spooled line: key length, line length, the id's hash
_BATCH = 4096


class Fallback(Exception):
    """The store is not one this build streams exactly: read it whole instead (nothing was written)."""


def event_id(feature: Any) -> str | None:
    """The id :func:`geomap.schema.validate_features` checks for duplicates (None when it checks none);
    an id that is not text raises :class:`Fallback` (the whole read names it)."""
    if not isinstance(feature, Mapping) or feature.get("type") != "Feature":
        return None
    props = feature.get("properties")
    if not isinstance(props, Mapping):
        return None
    fid = props.get("id") or feature.get("id")
    if fid is None or fid == "":
        return None
    if not isinstance(fid, str):
        raise Fallback
    return fid


class Spool:
    """One type's pass-through events on disk (``geomap.spool``), in store order, each as its layer line with its key."""

    def __init__(self) -> None:
        self._records = Records("geomap-build-")
        self.last: str | None = None
        self.count = 0

    def add(self, key: str, id_hash: int, line: bytes) -> None:
        if self.last is not None and key <= self.last:
            raise Fallback  # rows out of store order (or an id twice): the whole read sorts them
        self.last = key
        kb = key.encode("utf-8", "surrogatepass")
        self._records.add(_HEAD.pack(len(kb), len(line), id_hash) + kb + line)
        self.count += 1

    def rows(self) -> Iterator[tuple[str, int, bytes]]:
        """(key, id hash, line) in the order added."""
        for record in self._records:
            klen, llen, h = _HEAD.unpack_from(record)
            body = record[_HEAD.size:]
            yield body[:klen].decode("utf-8", "surrogatepass"), h, body[klen:]

    def close(self) -> None:
        self._records.close()


@dataclasses.dataclass
class Streamed:
    """What the pass over the imported store found."""

    problems: list[Problem]
    held: list[dict[str, Any]]  # events a review decision could name, in store-file order
    order: list[Any] | None  # when kept: each imported event in order, canonical, or its place in ``held``
    spools: dict[str, Spool]
    id_hashes: HashBuckets  # every imported id's hash, on disk
    read: int = 0
    corrected: int = 0  # pass-through events already marked corrected (the ledger's re-validation would see them)
    errors: bool = False

    def close(self) -> None:
        for s in self.spools.values():
            s.close()
        self.id_hashes.close()


def stream_imported(imported_dir: Path, regions, cover, wanted: set, keep: bool, progress=None) -> Streamed:
    """One pass over the imported store: problems, held events, spooled lines (see the module's text)."""
    st = Streamed(problems=[], held=[], order=[] if keep else None, spools={t: Spool() for t in EVENT_TYPES},
                  id_hashes=HashBuckets(1, "geomap-build-ids-"))
    try:
        with _generation(imported_dir) as opened:
            for path, fh in opened:
                _stream_file(path, fh, st, regions, cover, wanted, progress)
    except BaseException:
        st.close()
        raise
    return st


def _stream_file(path: Path, fh, st: Streamed, regions, cover, wanted: set, progress) -> None:
    name = str(path)
    spools, problems, order = st.spools, st.problems, st.order
    i = 0
    try:
        for raw in layer_lines(fh, path.name[:-len(LAYER_SUFFIX)]):
            try:
                f = orjson.loads(raw)
                _check_feature(f, path, i)
            except (orjson.JSONDecodeError, InputError):
                raise Fallback from None  # the whole read gives the error it gives (a later line may fail first)
            found = validate_features([f], name, regions)
            if found:
                problems.extend(dataclasses.replace(p, index=i) for p in found)
                if any(p.severity == "error" for p in found):
                    st.errors = True
            fid = event_id(f)
            if fid is not None:
                st.id_hashes.add(hash(fid))
            cover.see(f)
            i += 1
            st.read += 1
            if progress is not None and not st.read % 65536:
                progress(st.read)
            if named_by(wanted, f):
                if order is not None:
                    order.append(len(st.held))
                st.held.append(f)
                continue
            if st.errors:
                continue  # the build stops at the end; only problems are gathered now
            settle_unreviewed(f)
            if f["properties"].get("review_status") == "corrected":
                st.corrected += 1
            cf = canonical_feature(f)
            spool = spools.get(cf["properties"].get("event_type"))
            if spool is None:
                raise Fallback
            spool.add(_store_key(cf), hash(cf["id"]), orjson.dumps(cf))
            if order is not None:
                order.append(cf)
    except NotLines:
        raise Fallback from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path) from None


def write_layers(stage: Path, st: Streamed, held: list[dict[str, Any]]) -> tuple[dict[str, int], HashBuckets]:
    """Each type's layer file in ``stage``: its spool merged in store order with ``held`` (canonical events
    the stream did not spool); the counts per type, and each event's (id hash, line hash), on disk."""
    stage.mkdir(parents=True, exist_ok=True)
    digest = HashBuckets(2, "geomap-build-digest-")
    by_type: dict[str, list[dict[str, Any]]] = {t: [] for t in EVENT_TYPES}
    for cf in held:
        by_type[cf["properties"]["event_type"]].append(cf)
    counts = {}
    try:
        for t in EVENT_TYPES:
            mem = by_type[t]
            mem = [mem[k] for k in store_order(mem)]
            counts[t] = st.spools[t].count + len(mem)
            _atomic_write_chunks(layer_path(stage, t), _chunks(t, st.spools[t].rows(), mem, digest))
        fsync_dir(stage)
    except BaseException:
        digest.close()
        raise
    return counts, digest


def _chunks(name: str, spooled: Iterator[tuple[str, int, bytes]], mem: list[dict[str, Any]],
            digest: HashBuckets) -> Iterator[bytes]:
    """A layer file's bytes as :func:`geomap.layers.write_layer` writes them: head, a line per feature, tail."""
    mem_rows = [(_store_key(cf), hash(cf["id"]), orjson.dumps(cf)) for cf in mem]
    yield collection_head(name)
    out: list[bytes] = []
    empty = True
    j = 0
    for key, h, line in spooled:
        while j < len(mem_rows) and mem_rows[j][0] < key:
            out.append(_note(mem_rows[j][1], mem_rows[j][2], digest))
            j += 1
        out.append(_note(h, line, digest))
        if len(out) >= _BATCH:
            yield (b"" if empty else b",\n") + b",\n".join(out)
            empty, out = False, []
    out.extend(_note(h, line, digest) for _, h, line in mem_rows[j:])
    if out:
        yield (b"" if empty else b",\n") + b",\n".join(out)
        empty = False
    yield collection_tail(empty)


def _note(id_hash: int, line: bytes, digest: HashBuckets) -> bytes:
    digest.add(id_hash, hash(line))
    return line


def previous_digest(layer_dir: Path) -> HashBuckets:
    """The last build's events as (id hash, line hash) rows on disk, read a line at a time (none when
    there is no readable previous build, as :func:`geomap.build._previous_layers` finds none)."""
    digest = HashBuckets(2, "geomap-build-previous-")
    if layer_dir.is_dir():
        try:
            for f in iter_layers(layer_dir):
                cf = canonical_feature(f)
                digest.add(hash(cf["id"]), hash(orjson.dumps(cf)))
        except InputError:
            digest.close()
            digest = HashBuckets(2, "geomap-build-previous-")
    return digest


def changes(old: HashBuckets, new: HashBuckets) -> tuple[int, int, int, int]:
    """(added, updated, unchanged, removed) of the new events against the old, by id, as the build's
    comparison of whole features counts them (the old event of an id kept twice is its last); a bucket
    of both at a time (an id's rows are in the same bucket of each)."""
    total = [0, 0, 0, 0]
    for o, n in zip(*HashBuckets.paired(old, new)):
        for k, v in enumerate(_changes(o[:, 0], o[:, 1], n[:, 0], n[:, 1])):
            total[k] += v
    return tuple(total)


def _changes(old_ids, old_lines, new_ids, new_lines) -> tuple[int, int, int, int]:
    import numpy as np

    uniq, idx = np.unique(old_ids[::-1], return_index=True)
    kept_lines = old_lines[::-1][idx]
    if not len(uniq):
        return len(new_ids), 0, 0, 0
    pos = np.minimum(np.searchsorted(uniq, new_ids), len(uniq) - 1)
    found = uniq[pos] == new_ids
    same = found & (kept_lines[pos] == new_lines)
    unchanged = int(same.sum())
    matched = int(found.sum())
    return len(new_ids) - matched, matched - unchanged, unchanged, len(uniq) - len(np.unique(new_ids[found]))
