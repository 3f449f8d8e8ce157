"""Bounds on what geomap reads: file kinds and sizes, line and field lengths, nesting depth, text lengths.

One owner for every input limit, so readers, validation and the README agree.
A value over a limit is an :class:`~geomap.errors.InputError` (or a validation
problem) naming the file and row, never a hang or an exhausted machine.
"""
from __future__ import annotations

import math
import os
import stat
from pathlib import Path
from typing import Any

from ..errors import InputError

# Files
MAX_TEXT_FILE_BYTES = 256 << 20  # a gazetteer CSV, read whole (an imported GeoJSON streams: this bounds a whole read)
MAX_RECORD_BYTES = 16 << 20  # one feature, line or record of a streamed GeoJSON import
MAX_CURATED_BYTES = 32 << 20  # a hand-edited curated YAML or CSV file (PyYAML parses ~1-5 MB/s)
MAX_LINE_BYTES = 1 << 20  # one line of a GeoNames dump
MAX_CSV_FIELD_CHARS = 128 << 10  # one CSV cell (Python's csv default); longer cells refuse the file
MAX_ZIP_MEMBER_BYTES = 2 << 30  # a dump, plain or inside a zip (decompressed); RU.txt is ~0.3 GB
MAX_ZIP_RATIO = 100  # decompressed / compressed size; GeoNames' zips are ~4-6
MAX_LINES_WITHOUT_ROW = 10_000  # lines in a row holding no record (blank, comment, bad) before a dump is refused
MAX_REPORTED_LINES = 1_000  # bad lines listed one by one when skipping them; the rest are counted
# Nested values
MAX_YAML_DEPTH = 64  # nesting of mappings and lists in a YAML document
MAX_YAML_ALIAS_NODES = 10_000  # nodes that aliases (*name) add when expanded
MAX_VALUE_DEPTH = 16  # nesting of an event's extra / extraction / sources values
MAX_NUMBER_DIGITS = 18  # an id, population or count written with more digits is refused
MAX_FATALITIES = 10_000_000

# Text properties and their longest accepted length in characters (README "Limits").
TEXT_LIMITS: dict[str, int] = {
    "id": 200, "event_type": 64, "sub_type": 64, "date_start": 10, "date_end": 10, "time_precision": 16,
    "place": 300, "place_mention": 300, "gazetteer_id": 200, "admin1": 200, "admin1_code": 16,
    "country": 64, "geo_precision": 32, "summary": 10_000, "claim_status": 16, "origin": 16,
}
SOURCE_TEXT_LIMITS: dict[str, int] = {"url": 2_000, "outlet": 300, "published": 32, "claimed_by": 300,
                                      "quote": 5_000}
LIST_ITEM_LIMIT = 500  # one actor or weapon
LIST_LENGTH_LIMIT = 100  # actors, weapons or sources of one event
ACLED_CELL_LIMIT = 5_000  # one cell of an ACLED export other than notes (notes: the summary's limit)
EXTRA_JSON_LIMIT = 100_000  # characters of an event's extra (or extraction) as JSON


def check_regular_file(path: Path | str, what: str = "file") -> os.stat_result:
    """``path``'s stat if it is a regular file (after symlinks); InputError for a FIFO, device, directory…

    A FIFO would block a reader forever and ``/dev/zero`` never ends, so only
    regular files are read.
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InputError("no such file", path) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError("is a directory", path)
    if not stat.S_ISREG(st.st_mode):
        raise InputError(f"not a regular {what} (a FIFO, device or socket cannot be read)", path)
    return st


def open_regular(path: Path | str, dir_fd: int | None = None, skip_dirs: bool = False, shown: Path | str | None = None):
    """A binary file object for ``path`` if it is a regular file (after symlinks); InputError otherwise.

    Opened without blocking and checked on the open descriptor, so a FIFO never
    hangs the reader and a file swapped for a device after a check is still
    refused. ``shown`` names the file in errors (default ``path``); with
    ``skip_dirs`` a directory gives None. OSError from opening is the caller's.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags, dir_fd=dir_fd)
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            if skip_dirs:
                os.close(fd)
                return None
            raise InputError("is a directory", shown or path)
        if not stat.S_ISREG(st.st_mode):
            raise InputError("not a regular file (a FIFO, device or socket cannot be read)", shown or path)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_bounded(path: Path | str, limit: int = MAX_TEXT_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; InputError otherwise."""
    st = check_regular_file(path)
    if st.st_size > limit:
        raise InputError(f"file is {st.st_size:,} bytes; the limit is {limit:,}", path)
    try:
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path) from None
    if len(data) > limit:
        raise InputError(f"file is over the limit of {limit:,} bytes", path)
    return data


def value_depth_problem(value: Any, limit: int = MAX_VALUE_DEPTH) -> str | None:
    """Why ``value`` is not plain JSON geomap can store (too deep, a non-text key, a non-JSON leaf), else None.

    Level by level, without recursion, so a value nested thousands deep is measured safely.
    """
    level, depth = [value], 0
    while level:
        deeper = []
        for v in level:
            cls = v.__class__
            if cls is dict or cls is list or isinstance(v, (dict, list)):
                if depth >= limit:
                    return f"nested more than {limit} levels deep"
                if isinstance(v, dict):
                    for k in v:
                        if k.__class__ is not str:
                            return f"has a key {short(k)} that is not text"
                        if not k.isascii() and unicode_problem(k):
                            return f"has a key that {unicode_problem(k)}"
                    deeper.extend(v.values())
                else:
                    deeper.extend(v)
            elif cls is str:
                if not v.isascii() and unicode_problem(v):
                    return f"holds text that {unicode_problem(v)}"
            elif v is None or cls is bool:
                continue
            elif isinstance(v, int) and not isinstance(v, bool):
                if not -(1 << 63) <= v < (1 << 64):
                    return f"holds an integer outside 64 bits ({short(v, 24)})"
            elif isinstance(v, float):
                if v != v or v in (math.inf, -math.inf):
                    return f"holds a non-finite number {v!r}"
            elif isinstance(v, str):
                if unicode_problem(v):
                    return f"holds text that {unicode_problem(v)}"
            else:
                return f"holds a {type(v).__name__}, not a JSON value"
        level, depth = deeper, depth + 1
    return None


def unicode_problem(text: str) -> str | None:
    """Why ``text`` cannot be written as UTF-8 (a lone surrogate such as YAML's "\\ud800"), else None."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return f"is not valid Unicode (character {exc.start}: a lone surrogate)"
    return None


def short(value: Any, n: int = 60) -> str:
    """``repr(value)`` cut to about ``n`` characters, for error messages about huge values."""
    try:
        text = repr(value) if not isinstance(value, (dict, list)) or len(value) < 50 else f"<{type(value).__name__}>"
    except (ValueError, RecursionError):  # an int too long to print, a self-referencing value
        text = f"<{type(value).__name__}>"
    return text if len(text) <= n else text[: n - 1] + "…"
