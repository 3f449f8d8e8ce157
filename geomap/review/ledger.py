"""The review ledger: append-only JSON Lines in ``ROOT/data/reviews/``, one file per reviewer.

A decision names its event twice: by ``event`` (the id the reviewer saw) and by
``key``, what identifies the statement across extraction runs: the document,
the quote's offsets, a fingerprint of the quote and the extracted type. Lines
are only ever appended (under a lock, one ``write`` each, then fsync), so two
browser tabs and the CLI writing at once lose nothing; a line that does not
parse is reported with its file and line and left in place.
"""
from __future__ import annotations

import contextlib
import datetime as _dt
import getpass
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Mapping

import orjson

from ..errors import InputError

ACTIONS: tuple[str, ...] = ("accept", "reject", "correct", "merge", "flag")
REJECT_REASONS: tuple[str, ...] = (
    "not an event", "duplicate of another event", "outside the region", "wrong source", "other",
)
LEDGER_DIR = Path("data") / "reviews"
LOCK_NAME = ".lock"
VERSION = 1


def ledger_dir(root: Path | str) -> Path:
    return Path(root) / LEDGER_DIR


def quote_fingerprint(quote: str | None) -> str:
    """A short hash of the quote with whitespace folded (re-wrapping a line keeps it)."""
    text = " ".join((quote or "").split())
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def event_key(feature: Mapping[str, Any]) -> dict[str, Any]:
    """What a decision is keyed on, taken from the event as extraction or import produced it."""
    p = feature["properties"]
    sources = p.get("sources") or [{}]
    quote = sources[0].get("quote") if isinstance(sources[0], Mapping) else None
    ex = p.get("extraction")
    if p.get("origin") == "extracted" and isinstance(ex, Mapping):
        return {"document": ex.get("document"), "start": ex.get("start"), "end": ex.get("end"),
                "quote": quote_fingerprint(quote), "type": p.get("event_type"), "sub_type": p.get("sub_type")}
    url = sources[0].get("url") if isinstance(sources[0], Mapping) else None
    return {"id": p.get("id"), "url": url, "quote": quote_fingerprint(quote)}


def default_reviewer() -> str:
    """``$GEOMAP_REVIEWER``, else the login name."""
    name = os.environ.get("GEOMAP_REVIEWER")
    if name:
        return name
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name (some containers)
        return "reviewer"


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", name).strip("._") or "reviewer"


@dataclass(frozen=True)
class Decision:
    """One ledger line, with where it came from (file, line) for messages and ordering."""

    record: dict[str, Any]
    path: str
    line: int

    @property
    def action(self) -> str:
        return self.record["action"]

    @property
    def sort_key(self) -> tuple[str, str, int]:
        return (self.record.get("ts") or "", self.path, self.line)


@dataclass(frozen=True)
class BadLine:
    """A ledger line that could not be read; kept in the file, reported everywhere."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}, line {self.line}: {self.message}"


def _check(rec: Any) -> str | None:
    if not isinstance(rec, dict):
        return "not a JSON object"
    if rec.get("action") not in ACTIONS:
        return f"unknown action {rec.get('action')!r}; expected one of {', '.join(ACTIONS)}"
    if not isinstance(rec.get("key"), dict):
        return "no key (document, offsets and quote fingerprint, or id)"
    if not isinstance(rec.get("event"), str):
        return "no event id"
    if rec["action"] == "correct" and not isinstance(rec.get("changes"), dict):
        return "a correction needs changes"
    if rec["action"] == "merge" and not isinstance(rec.get("into"), dict):
        return "a merge needs into (the key of the event it joins)"
    return None


def read_ledger(root: Path | str) -> tuple[list[Decision], list[BadLine]]:
    """Every decision in ledger order (time, file, line), and every line that does not parse."""
    d = ledger_dir(root)
    decisions: list[Decision] = []
    bad: list[BadLine] = []
    if not d.is_dir():
        return decisions, bad
    for path in sorted(d.glob("*.jsonl")):
        rel = f"{LEDGER_DIR.as_posix()}/{path.name}"
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(f"cannot read the review ledger: {exc.strerror}", rel) from None
        for n, raw in enumerate(data.split(b"\n"), start=1):
            if not raw.strip():
                continue
            try:
                rec = orjson.loads(raw)
            except orjson.JSONDecodeError as exc:
                bad.append(BadLine(rel, n, f"not valid JSON ({exc})"))
                continue
            problem = _check(rec)
            if problem:
                bad.append(BadLine(rel, n, problem))
                continue
            decisions.append(Decision(rec, rel, n))
    decisions.sort(key=lambda dec: dec.sort_key)
    return decisions, bad


def signature(root: Path | str) -> tuple:
    """(name, size, mtime) of every ledger file: unchanged means nothing was appended."""
    d = ledger_dir(root)
    if not d.is_dir():
        return ()
    out = []
    for path in sorted(d.glob("*.jsonl")):
        st = path.stat()
        out.append((path.name, st.st_size, st.st_mtime_ns))
    return tuple(out)


@contextlib.contextmanager
def locked(root: Path | str) -> Iterator[None]:
    """An exclusive lock on the ledger shared by every writer (browser tabs, CLI, other processes)."""
    d = ledger_dir(root)
    d.mkdir(parents=True, exist_ok=True)
    fd = os.open(d / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX)
        except ImportError:  # Windows
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="microseconds").replace("+00:00", "Z")


def append_decision(root: Path | str, record: Mapping[str, Any], reviewer: str | None = None) -> dict[str, Any]:
    """Append one decision to the reviewer's ledger file under the ledger lock; returns the line as stored."""
    with locked(root):
        return write_decision(root, record, reviewer)


def write_decision(root: Path | str, record: Mapping[str, Any], reviewer: str | None = None) -> dict[str, Any]:
    """Append one decision; the caller holds :func:`locked`.

    ``ts`` and ``reviewer`` are filled in; the line is written with one
    ``write`` on an ``O_APPEND`` file and synced to disk before this returns.
    """
    reviewer = reviewer or default_reviewer()
    rec = {"v": VERSION, "ts": _now(), "reviewer": reviewer, **{k: v for k, v in record.items() if v is not None}}
    problem = _check(rec)
    if problem:
        raise InputError(f"not a decision: {problem}")
    line = orjson.dumps(rec) + b"\n"
    path = ledger_dir(root) / f"{_slug(reviewer)}.jsonl"
    try:
        fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
    except OSError as exc:
        raise InputError(f"cannot append to the review ledger: {exc.strerror}", path) from None
    try:
        size = os.fstat(fd).st_size
        if size and os.lseek(fd, size - 1, os.SEEK_SET) >= 0 and os.read(fd, 1) != b"\n":  # a line cut short by a crash stays, on its own line
            line = b"\n" + line
        view = memoryview(line)
        while view:  # one write in practice; a short write continues the same line
            view = view[os.write(fd, view):]
        os.fsync(fd)
    except OSError as exc:
        raise InputError(f"cannot append to the review ledger: {exc.strerror}", path) from None
    finally:
        os.close(fd)
    return rec
