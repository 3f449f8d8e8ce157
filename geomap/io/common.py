"""What every reader and writer shares: atomic writes, output checks, skipped-row reporting and --strict."""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping

import orjson

from ..errors import InputError, OutputError
from ..txn import pid_alive


def sweep_dead_temps(path: Path) -> None:
    """Remove temp files beside ``path`` (``.NAME.<pid>.*.tmp*``) left by a writer that was killed, and its spool
    directories (``.NAME.<pid>.*.tmpdir``: a GeoPackage export killed while spooling left one behind)."""
    try:
        entries = list(path.parent.glob(f".{path.name}.*.tmp*"))
    except OSError:
        return
    for p in entries:
        pid = p.name[len(path.name) + 2:].split(".", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not pid_alive(int(pid)):
            try:
                if p.is_dir() and not p.is_symlink():
                    shutil.rmtree(p)
                else:
                    p.unlink()
            except OSError:
                pass


def _atomic_write_chunks(path: Path, chunks: Iterable[bytes]) -> None:
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        sweep_dead_temps(path)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb", buffering=1 << 20) as fh:
            for chunk in chunks:
                fh.write(chunk)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None
        raise


def atomic_write_bytes(path: Path | str, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temp file and rename; old file kept on failure."""
    _atomic_write_chunks(Path(path), [data])


def atomic_write_text(path: Path | str, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def _check_target(path: Path, is_dir: bool = False) -> None:
    parent = path.parent
    if not parent.is_dir():
        raise OutputError(f"{path}: cannot write: directory {parent} does not exist")
    if is_dir and path.exists() and not path.is_dir():
        raise OutputError(f"{path}: cannot write: --split needs a directory, and this is a file")
    if not is_dir and path.is_dir():
        raise OutputError(f"{path}: cannot write: is a directory")


@dataclass(frozen=True)
class Skipped:
    """A row (1-based data row of a CSV) or feature (0-based index) left out, and why."""

    row: int
    reason: str
    kind: str = "row"

    def __str__(self) -> str:
        return f"{self.kind} {self.row}: {self.reason}"


@dataclass
class ImportResult:
    """Events read from a file, what was skipped and what was changed on the way.

    ``features`` may be built lazily from columns (see :mod:`geomap.io.acled`) so
    a million-row import does not pay for a million dicts until they are used.
    """

    path: Path
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    read: int = 0
    outside_region: int = 0
    outside_of: str = "the region"  # what the rows counted in outside_region lie outside of
    _features: list[dict[str, Any]] | None = None
    _build: Callable[[], list[dict[str, Any]]] | None = None
    _stream: Callable[[], Iterator[dict[str, Any]]] | None = None  # a fresh pass over the valid events
    kept: int | None = None  # how many ``_stream`` yields, counted without holding them
    _keep: Any = None  # what the stream reads from (a spooled copy of stdin), kept while the result lives

    @property
    def features(self) -> list[dict[str, Any]]:
        if self._features is None:
            self._features = (self._build() if self._build else list(self._stream()) if self._stream else [])
        return self._features

    def iter_features(self) -> Iterator[dict[str, Any]]:
        """The events, streamed from the file when the reader can (a few thousand in memory at a time)."""
        if self._features is None and self._stream is not None:
            return self._stream()
        return iter(self.features)

    def __len__(self) -> int:
        return self.kept if self._features is None and self.kept is not None else len(self.features)

    def summary(self) -> str:
        parts = [f"{self.read} read", f"{len(self)} imported", f"{len(self.skipped)} skipped"]
        if self.outside_region:
            parts.append(f"{self.outside_region} outside {self.outside_of}")
        return f"{self.path}: " + ", ".join(parts)


def _refuse_if_strict(result: ImportResult, path: Path, strict: bool, what: str = "") -> None:
    """With --strict, refuse the file at its first skipped row or feature (``what``: " bad rows")."""
    if strict and result.skipped:
        s = result.skipped[0]
        more = f" (and {len(result.skipped) - 1} more{what})" if len(result.skipped) > 1 else ""
        raise InputError(f"{s.reason}{more}; nothing imported (--strict)", path, f"{s.kind} {s.row}")


STDIO = "-"  # a path of "-" reads stdin or writes stdout (fio/rio style)


def read_input(path: Path | str) -> bytes:
    """The bytes of ``path``, or of stdin when ``path`` is ``-``; InputError naming the file if unreadable."""
    from .limits import MAX_TEXT_FILE_BYTES, read_bounded

    if str(path) == STDIO:
        data = sys.stdin.buffer.read(MAX_TEXT_FILE_BYTES + 1)
        if len(data) > MAX_TEXT_FILE_BYTES:
            raise InputError(f"input is over the limit of {MAX_TEXT_FILE_BYTES:,} bytes", "<stdin>")
        return data
    return read_bounded(path)


class spooled_stdin:
    """A temporary copy of stdin at :attr:`path` (for readers that need a seekable file), removed when
    this object is collected or the process ends."""

    def __init__(self, suffix: str) -> None:
        self._dir = tempfile.TemporaryDirectory(prefix="geomap-stdin-")
        self.path = Path(self._dir.name) / f"stdin{suffix}"
        with open(self.path, "wb") as fh:
            shutil.copyfileobj(sys.stdin.buffer, fh)


def collection_head(name: str | None = None, *, extra: Mapping[str, Any] | None = None,
                    bbox: list[float] | None = None) -> bytes:
    """The opening of every FeatureCollection geomap writes (layers, exports, candidates):
    ``{"type":"FeatureCollection","name":…,"features":[`` and a newline; each feature follows on its
    own line, separated by ``,\n``, and :func:`collection_tail` closes it."""
    head: dict[str, Any] = {"type": "FeatureCollection"}
    if name is not None:
        head["name"] = name
    if extra:
        head.update(extra)
    if bbox is not None:
        head["bbox"] = bbox
    return orjson.dumps(head)[:-1] + b',"features":[\n'


def collection_tail(empty: bool) -> bytes:
    """The close of a FeatureCollection begun by :func:`collection_head` (after the last feature's line)."""
    return b"]}\n" if empty else b"\n]}\n"
