"""An import's valid events kept on disk (a temp file, one JSON line each) with their ids as 8-byte
hashes (in hash buckets, on disk beyond a chunk), so a reader that checks millions of events holds
neither them nor their ids in memory, and the merge reads them back a block at a time."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

import orjson

from ..spool import HashBuckets
from .features import duplicate_error

_BLOCK = 1 << 20
IDS_CHUNK = 1 << 15  # ids' hashes buffered (256 kB) before they are cut into buckets on disk


class EventSpool:
    """Events appended in order (:meth:`add`, with their feature number), read back by :meth:`events`
    (each call a fresh pass); :meth:`check_ids` refuses two events with one id as a dict of ids would."""

    def __init__(self) -> None:
        self._fh = tempfile.TemporaryFile(prefix="geomap-import-")
        self._buf: list[bytes] = []
        self._hashes = HashBuckets(1, "geomap-import-ids-", IDS_CHUNK)
        self.count = 0

    def add(self, i: int, feature: Mapping[str, Any]) -> None:
        fid = feature["properties"].get("id")
        if isinstance(fid, str):
            self._hashes.add(hash(fid))
        self._buf.append(b"%d " % i + orjson.dumps(feature) + b"\n")
        self.count += 1
        if len(self._buf) >= 4096:
            self.flush()

    def flush(self) -> None:
        if self._buf:
            self._fh.write(b"".join(self._buf))
            self._buf.clear()
        self._fh.flush()

    def _lines(self) -> Iterator[bytes]:
        self.flush()
        fd, offset, tail = self._fh.fileno(), 0, b""
        while True:
            block = os.pread(fd, _BLOCK, offset)
            if not block:
                return
            offset += len(block)
            lines = (tail + block).split(b"\n")
            tail = lines.pop()
            yield from lines

    def numbered(self) -> Iterator[tuple[int, dict[str, Any]]]:
        """(feature number, event) in the order added."""
        for line in self._lines():
            n, _, js = line.partition(b" ")
            yield int(n), orjson.loads(js)

    def events(self) -> Iterator[dict[str, Any]]:
        for _, f in self.numbered():
            yield f

    def check_ids(self, path: Path | str) -> None:
        """InputError naming the first event whose id an earlier one has (both feature numbers and types)."""
        repeated = self._hashes.repeats()
        if repeated:
            refuse_repeated_ids(self.numbered(), repeated, path)

    def close(self) -> None:
        self._fh.close()
        self._hashes.close()


def refuse_repeated_ids(numbered: Iterable[tuple[int, Mapping[str, Any]]], repeated: set[int],
                        path: Path | str) -> None:
    """InputError naming the first of ``numbered`` (feature number, event) whose id an earlier one has, as a
    dict of every id would; only the ids whose hash is in ``repeated`` (:meth:`HashBuckets.repeats`) are
    kept as text, so memory holds the few ids a repeat could be."""
    seen: dict[str, tuple[int, Any]] = {}
    for i, f in numbered:
        p = f["properties"]
        fid = p.get("id")
        if isinstance(fid, str) and hash(fid) in repeated:
            if fid in seen:
                raise duplicate_error(fid, *seen[fid], i, p.get("event_type"), path)
            seen[fid] = (i, p.get("event_type"))
