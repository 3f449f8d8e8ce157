"""Byte records on an unnamed temporary file, by number: what a run holds on disk instead of in memory.

One owner for spooling: extraction keeps a large document's settled candidates and its merged events
here, the streamed build its pass-through layer lines, the bounded layer merge the new events. The file
is deleted by the system when closed or when the process ends; memory holds 16 bytes per record.
"""
from __future__ import annotations

import os
import tempfile
from array import array
from typing import Iterator

_FLUSH = 1 << 20  # bytes buffered before a write


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
