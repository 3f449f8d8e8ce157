"""Byte records on an unnamed temporary file, by number: what a run holds on disk instead of in memory.

One owner for spooling: extraction keeps a large document's settled candidates and its merged events
here, the bounded layer merge the new events (:class:`Spool`: 16 bytes per record in memory), the
streamed build its pass-through layer lines (:class:`Records`: nothing per record) and its ids' hashes
(:class:`HashBuckets`). A file is deleted by the system when closed or when the process ends.
"""
from __future__ import annotations

import os
import struct
import tempfile
from array import array
from typing import Iterator

_FLUSH = 1 << 20  # bytes buffered before a write
_LEN = struct.Struct("<Q")  # a record's length, before it in a Records file


class Spool:
    """Records (bytes) numbered in the order added; a record may be replaced (its new bytes are appended)."""

    def __init__(self, prefix: str = "geomap-spool-") -> None:
        self._fh = tempfile.TemporaryFile(prefix=prefix)
        self._fd = self._fh.fileno()
        self._offsets = array("q")
        self._sizes = array("q")
        self._buf: list[bytes] = []
        self._buffered = 0
        self._written = 0  # bytes on the file; the buffer's follow them

    def __len__(self) -> int:
        return len(self._offsets)

    def _append(self, data: bytes) -> int:
        at = self._written + self._buffered
        self._buf.append(data)
        self._buffered += len(data)
        if self._buffered >= _FLUSH:
            self.flush()
        return at

    def add(self, data: bytes) -> int:
        """Store ``data``; its number."""
        self._offsets.append(self._append(data))
        self._sizes.append(len(data))
        return len(self._offsets) - 1

    def put(self, i: int, data: bytes) -> None:
        """Replace record ``i`` (the old bytes stay on the file, unread)."""
        self._offsets[i] = self._append(data)
        self._sizes[i] = len(data)

    def get(self, i: int) -> bytes:
        at = self._offsets[i]
        if at >= self._written:
            self.flush()
        return os.pread(self._fd, self._sizes[i], at)

    def flush(self) -> None:
        if self._buf:
            self._fh.write(b"".join(self._buf))
            self._fh.flush()
            self._written += self._buffered
            self._buf, self._buffered = [], 0

    def __iter__(self) -> Iterator[bytes]:
        """Every record in number order."""
        self.flush()
        fd, offsets, sizes = self._fd, self._offsets, self._sizes
        start, block = 0, b""  # a megabyte of the file read at once: records added in order are read in order
        for i in range(len(offsets)):
            at, n = offsets[i], sizes[i]
            if at < start or at + n > start + len(block):
                start, block = at, os.pread(fd, max(n, _FLUSH), at)
            yield block[at - start:at - start + n]

    def close(self) -> None:
        self._buf = []
        self._fh.close()


class Records:
    """Byte records read back only in the order added (a pass-through stream): nothing per record in
    memory, where :class:`Spool` keeps 16 bytes each to find any one by number."""

    def __init__(self, prefix: str = "geomap-records-", block: int = _FLUSH) -> None:
        self._fh = tempfile.TemporaryFile(prefix=prefix, buffering=0)  # buffered here: no second buffer
        self._block = block  # bytes read at a time (a sort's merge reads many files at once: less each)
        self._buf: list[bytes] = []
        self._buffered = 0
        self.count = 0

    def __len__(self) -> int:
        return self.count

    def add(self, data: bytes) -> None:
        self._buf.append(_LEN.pack(len(data)))
        self._buf.append(data)
        self._buffered += len(data) + _LEN.size
        self.count += 1
        if self._buffered >= _FLUSH:
            self.flush()

    def flush(self) -> None:
        if self._buf:
            data = memoryview(b"".join(self._buf))
            while data:  # an unbuffered file may take part of a write
                data = data[self._fh.write(data):]
            self._buf, self._buffered = [], 0

    def __iter__(self) -> Iterator[bytes]:
        """Every record in the order added (a megabyte of the file, or the block asked for, read at a time)."""
        self.flush()
        fd, offset, block, at, size = self._fh.fileno(), 0, b"", 0, self._block
        for _ in range(self.count):
            if at + _LEN.size > len(block):
                block, at = block[at:] + os.pread(fd, size, offset), 0
                offset += size
            (n,) = _LEN.unpack_from(block, at)
            at += _LEN.size
            if at + n > len(block):
                block = block[at:] + os.pread(fd, max(n, size), offset)
                offset += max(n, size)
                at = 0
            yield block[at:at + n]
            at += n

    def close(self) -> None:
        self._buf = []
        self._fh.close()


def digest_repeats(rows, number: int):
    """``rows`` (numpy, a two-part digest in columns 0 and 1) sorted by digest then by column ``number``,
    and for each row whose digest an earlier-numbered row has: its index, and the index of the first
    row with that digest (a bucket's ids given twice)."""
    import numpy as np

    rows = rows[np.lexsort((rows[:, number], rows[:, 1], rows[:, 0]))]
    same = (rows[1:, 0] == rows[:-1, 0]) & (rows[1:, 1] == rows[:-1, 1])
    if not same.any():
        return rows, np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp)
    start = np.flatnonzero(np.concatenate(([True], ~same)))
    later = np.flatnonzero(np.concatenate(([False], same)))
    return rows, later, start[np.searchsorted(start, later, side="right") - 1]


class HashBuckets:
    """Rows of ``width`` 8-byte integers (the first an id's hash) on an unnamed temporary file, cut by
    the hash's top bits into buckets that are read back one at a time, each in the order added: a check
    for an id twice, or a join by id, over millions of rows holds a chunk and a bucket, not them all.
    Rows that never fill a chunk stay in memory and are read back as one bucket."""

    CHUNK = 1 << 17  # rows buffered before they are cut into buckets and written
    BITS = 8  # 256 buckets

    def __init__(self, width: int = 1, prefix: str = "geomap-hashes-", chunk: int | None = None) -> None:
        self.width = width
        self.chunk = chunk or self.CHUNK  # wide rows: fewer a chunk, so the buffer stays small
        self._prefix = prefix
        self._fh = None
        self._buf = array("q")
        self._runs: list = []  # (file offset, rows per bucket) of each written chunk
        self._written = 0
        self.count = 0

    def __len__(self) -> int:
        return self.count

    def add(self, *row: int) -> None:
        self._buf.extend(row)
        self.count += 1
        if len(self._buf) >= self.chunk * self.width:
            self._cut()

    def extend(self, rows) -> None:
        """Add many rows at once (a numpy array of shape (n, width), 8-byte integers)."""
        import numpy as np

        rows = np.ascontiguousarray(rows, dtype=np.int64).reshape(-1, self.width)
        step = self.chunk
        for start in range(0, len(rows), step):
            part = rows[start:start + step]
            self._buf.frombytes(part.tobytes())
            self.count += len(part)
            if len(self._buf) >= self.chunk * self.width:
                self._cut()

    def _cut(self) -> None:
        import numpy as np

        rows = np.frombuffer(self._buf, dtype=np.int64).reshape(-1, self.width)
        bucket = (rows[:, 0].view(np.uint64) >> np.uint64(64 - self.BITS)).astype(np.intp)
        data = rows[np.argsort(bucket, kind="stable")].tobytes()  # stable: each bucket keeps its order
        if self._fh is None:
            self._fh = tempfile.TemporaryFile(prefix=self._prefix)
        self._fh.write(data)
        self._runs.append((self._written, np.bincount(bucket, minlength=1 << self.BITS)))
        self._written += len(data)
        self._buf = array("q")

    def buckets(self) -> Iterator:
        """Each bucket's rows (a numpy array, shape (n, width)), in the order added; a row's bucket
        depends only on its first value, so two rows alike in it are in one bucket."""
        import numpy as np

        if not self._runs:
            yield np.frombuffer(self._buf, dtype=np.int64).reshape(-1, self.width)
            return
        if len(self._buf):
            self._cut()
        self._fh.flush()
        fd, size = self._fh.fileno(), 8 * self.width
        starts = [(at, np.concatenate(([0], np.cumsum(n)))) for at, n in self._runs]
        for b in range(1 << self.BITS):
            parts = [os.pread(fd, int(s[b + 1] - s[b]) * size, at + int(s[b]) * size) for at, s in starts]
            yield np.frombuffer(b"".join(parts), dtype=np.int64).reshape(-1, self.width)

    @staticmethod
    def paired(a: "HashBuckets", b: "HashBuckets") -> tuple[Iterator, Iterator]:
        """The buckets of ``a`` and of ``b``, bucket for bucket (a row alike in its first value is in the
        same bucket of each): both on disk when either is."""
        if a._runs or b._runs:
            a._cut()
            b._cut()
        return a.buckets(), b.buckets()

    def repeated(self) -> bool:
        """True when two rows have one first value (two ids alike, or their hashes)."""
        import numpy as np

        for rows in self.buckets():
            if len(rows) > 1:
                h = np.sort(rows[:, 0])
                if (h[1:] == h[:-1]).any():
                    return True
        return False

    def repeats(self) -> set[int]:
        """The first values two or more rows have (ids given twice, or their hashes alike)."""
        import numpy as np

        out: set[int] = set()
        for rows in self.buckets():
            if len(rows) > 1:
                h = np.sort(rows[:, 0])
                out.update(h[1:][h[1:] == h[:-1]].tolist())
        return out

    def close(self) -> None:
        self._buf = array("q")
        if self._fh is not None:
            self._fh.close()
