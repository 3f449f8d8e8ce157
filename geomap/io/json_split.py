"""A GeoJSON text cut into one JSON text per feature, a chunk at a time: RFC 8142 records, lines of
newline-delimited GeoJSON, or the elements of a FeatureCollection's ``features`` array.

Each piece is parsed by the caller (orjson), so values, limits and errors are orjson's. The array is
found by a vectorised scan (numpy) of strings, escapes and nesting; everything outside it (the
collection's other members) is kept as a small "skeleton" document with ``"features":[]``. A text
this reader does not cut (invalid JSON, a piece over :data:`~geomap.io.limits.MAX_RECORD_BYTES`,
an unusual layout) raises :class:`NotStreamable`, so the caller can read a small file whole instead.
"""
from __future__ import annotations

import re
from typing import BinaryIO, Iterator

import orjson

from .limits import MAX_RECORD_BYTES

RS = b"\x1e"
CHUNK = 1 << 20
_WS = b" \t\n\r"  # JSON's whitespace
_FEATURES_KEY = re.compile(rb'"features"[ \t\n\r]*:[ \t\n\r]*\Z')


class NotStreamable(Exception):
    """Why the text cannot be cut into features here, and where (``line N``, or None)."""

    def __init__(self, reason: str, where: str | None = None) -> None:
        super().__init__(reason)
        self.reason, self.where = reason, where


def kind_of(fh: BinaryIO, limit: int = MAX_RECORD_BYTES) -> str:
    """``sequence`` (starts with RS), ``lines`` (a first line that is a JSON object on its own, and more
    after it: such a text is no single JSON document) or ``document``; ``fh`` is left at its start."""
    try:
        if fh.read(1) == RS:
            return "sequence"
        fh.seek(0)
        while True:
            line = fh.readline(limit + 1)
            if not line or (len(line) > limit and not line.endswith(b"\n")):
                return "document"
            if line.strip():
                break
        if not line.lstrip().startswith(b"{"):
            return "document"
        try:
            orjson.loads(line)
        except orjson.JSONDecodeError:
            return "document"
        while True:
            more = fh.readline(limit + 1)
            if not more:
                return "document"
            if more.strip():
                return "lines"
    finally:
        fh.seek(0)


def sequence_records(fh: BinaryIO, limit: int = MAX_RECORD_BYTES) -> Iterator[bytes]:
    """The non-blank records of an RFC 8142 text sequence (the text before the first RS is dropped)."""
    carry = b""
    first = True
    while True:
        chunk = fh.read(CHUNK)
        parts = (carry + chunk).split(RS)
        carry = parts.pop()
        for rec in parts[1:] if first else parts:
            if rec.strip():
                yield rec
        if parts:
            first = False
        if len(carry) > limit:
            raise NotStreamable(f"a text sequence record is over the limit of {limit:,} bytes")
        if not chunk:
            break
    if carry.strip() and not first:
        yield carry


def line_records(fh: BinaryIO, limit: int = MAX_RECORD_BYTES) -> Iterator[tuple[int, bytes]]:
    """(line number, line) for each non-blank line."""
    n = 0
    while True:
        line = fh.readline(limit + 1)
        if not line:
            return
        n += 1
        if len(line) > limit and not line.endswith(b"\n"):
            raise NotStreamable(f"line is over the limit of {limit:,} bytes", f"line {n}")
        if line.strip():
            yield n, line


class Document:
    """The elements of a JSON document's top-level ``features`` array, one JSON text each
    (:meth:`elements`, with each one's byte offset), and afterwards :attr:`skeleton`: the document
    with that array emptied."""

    def __init__(self, fh: BinaryIO, limit: int = MAX_RECORD_BYTES) -> None:
        self.fh, self.limit = fh, limit
        self.skeleton = bytearray()
        self.streamed = 0  # features arrays cut out (more than one is not cut)

    def elements(self) -> Iterator[tuple[int, bytes]]:
        import numpy as np

        in_str, run, depth = False, 0, 0  # carried over chunks: inside a string, trailing backslashes, nesting
        streaming = False
        elem = bytearray()  # the current element's bytes from earlier chunks
        count = 0  # elements of the array so far
        elem_at = 0  # byte offset of the current element
        offset = 0
        while True:
            chunk = self.fh.read(CHUNK)
            if not chunk:
                break
            b = np.frombuffer(chunk, np.uint8)
            n = len(b)
            if run or (b == 92).any():  # a quote after an odd run of backslashes is escaped
                bs = b == 92
                idx = np.arange(n, dtype=np.int64)
                last_non = np.maximum.accumulate(np.where(bs, -1, idx))
                prev = np.empty(n, np.int64)
                prev[0] = -1
                prev[1:] = last_non[:-1]
                before = idx - 1 - prev + np.where(prev == -1, run, 0)
                quote = (b == 34) & ((before & 1) == 0)
                run = (run + n) if last_non[-1] == -1 else n - 1 - int(last_non[-1])
            else:
                quote = b == 34
            instr = (np.cumsum(quote, dtype=np.int32) & 1).astype(bool) ^ in_str
            in_str = bool(instr[-1])
            outside = ~instr
            opens = ((b == 123) | (b == 91)) & outside
            closes = ((b == 125) | (b == 93)) & outside
            level = depth + np.cumsum(opens.astype(np.int32) - closes, dtype=np.int32)
            depth = int(level[-1])
            events = np.flatnonzero((opens & (level == 2)) | (closes & (level == 1))
                                    | ((b == 44) & outside & (level == 2)))
            seg = 0 if not streaming else None  # where the skeleton's part of this chunk begins
            start = 0  # where the current element begins in this chunk (when streaming)
            for p in events.tolist():
                c = chunk[p]
                if c == 91 and level[p] == 2 and not streaming:
                    if seg is not None and p < n and self._features_key(chunk[seg:p]):
                        self.streamed += 1
                        if self.streamed > 1:
                            raise NotStreamable("two features members")
                        self._keep(chunk[seg:p + 1])
                        seg, streaming, start, count, elem_at = None, True, p + 1, 0, offset + p + 1
                elif not streaming:
                    continue
                elif c == 44:
                    elem += chunk[start:p]
                    yield elem_at, bytes(elem)
                    elem.clear()
                    count += 1
                    start, elem_at = p + 1, offset + p + 1
                elif level[p] == 1:  # the array's close
                    elem += chunk[start:p]
                    if count or elem.strip(_WS):
                        yield elem_at, bytes(elem)
                    elem.clear()
                    streaming, seg = False, p
            if streaming:
                elem += chunk[start:]
                if len(elem) > self.limit:
                    raise NotStreamable(f"a feature is over the limit of {self.limit:,} bytes")
            else:
                self._keep(chunk[seg:])
            offset += n

    def _features_key(self, before: bytes) -> bool:
        """Whether the text just before a ``[`` ends with the key ``"features":`` (an unescaped quote)."""
        tail = bytes(self.skeleton[-96:]) + before[-96:]
        m = _FEATURES_KEY.search(tail)
        if m is None:
            return False
        k = m.start()
        slashes = len(tail[:k]) - len(tail[:k].rstrip(b"\\"))
        return slashes % 2 == 0 and k > 0

    def _keep(self, data: bytes) -> None:
        self.skeleton += data
        if len(self.skeleton) > self.limit:
            raise NotStreamable(f"the document outside its features array is over the limit of {self.limit:,} bytes")
