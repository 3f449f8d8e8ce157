"""Source documents: front matter (url, outlet, published, language, title) and a body read in blocks.

Bodies are streamed in paragraph-aligned blocks so a 100 MB file is read with
bounded memory; every block carries its character offset in the file, so a
quote's ``start``/``end`` point into the document as a user opens it.
"""
from __future__ import annotations

import codecs
import datetime as _dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from .errors import InputError
from .io.limits import check_regular_file, short
from .schema import PUBLISHED_RE

TEXT_SUFFIXES = (".md", ".markdown", ".txt")
BLOCK_CHARS = 1 << 20  # about 1 MB of text per block
READ_BYTES = 1 << 18
FRONT_MATTER_MAX_LINES = 200


@dataclass(frozen=True)
class Published:
    """A publication date and how precisely it is known (day, month or year)."""

    start: _dt.date
    end: _dt.date
    precision: str
    text: str

    @property
    def anchor(self) -> _dt.date:
        """The latest day the document can have been written on."""
        return self.end


def parse_published(value: Any) -> Published | None:
    """``2025-10-03``, ``2025-10``, ``2025``, a datetime or date → Published, else None.

    A time of day (``2025-10-03T09:32+03:00``) dates the document to its day and is
    kept in ``text``, so sources carry the publication time as the source gave it.
    """
    if isinstance(value, _dt.datetime):
        day = value.date()
        text = value.isoformat(timespec="minutes").replace("+00:00", "Z")
        return Published(day, day, "day", text)
    if isinstance(value, _dt.date):
        return Published(value, value, "day", value.isoformat())
    if isinstance(value, int) and 1900 <= value <= 2100:
        value = str(value)
    if not isinstance(value, str):
        return None
    text = value.strip()
    m = PUBLISHED_RE.fullmatch(text)
    if not m:
        return None
    y, mo, d = m.group(1), m.group(2), m.group(3)
    try:
        if d:
            day = _dt.date(int(y), int(mo), int(d))
            if m.group(4):
                _dt.datetime.fromisoformat(text.replace("Z", "+00:00"))  # an impossible time is no date
            return Published(day, day, "day", text if len(text) > 10 else day.isoformat())
        if mo:
            start = _dt.date(int(y), int(mo), 1)
            end = (start.replace(day=28) + _dt.timedelta(days=4)).replace(day=1) - _dt.timedelta(days=1)
            return Published(start, end, "month", f"{y}-{mo}")
        return Published(_dt.date(int(y), 1, 1), _dt.date(int(y), 12, 31), "year", y)
    except ValueError:
        return None


@dataclass
class Document:
    """One source document: where it is, what its front matter says, how to read its body."""

    path: Path | None
    name: str
    meta: dict[str, Any]
    published: Published
    body_offset: int  # characters before the body (front matter included)
    _text: str | None = field(default=None, repr=False)

    @property
    def url(self) -> str | None:
        url = self.meta.get("url")
        return str(url) if url else None

    @property
    def outlet(self) -> str | None:
        outlet = self.meta.get("outlet")
        return str(outlet) if outlet else None

    @property
    def record(self) -> dict[str, Any]:
        """What each event's extraction record keeps of the document: its language, and when the
        source edited it after publishing (a Telegram post's ``edited``)."""
        return {k: str(self.meta[k]) for k in ("language", "edited") if self.meta.get(k)}

    def blocks(self) -> Iterator[tuple[int, str]]:
        """``(offset, text)`` blocks of the body, each ending at a paragraph break when it can."""
        if self._text is not None:
            yield from _split_blocks(self._text[self.body_offset:], self.body_offset)
            return
        assert self.path is not None
        yield from _stream_blocks(self.path, self.body_offset, self.name)


def _split_blocks(text: str, offset: int) -> Iterator[tuple[int, str]]:
    pos = 0
    while pos < len(text):
        end = min(len(text), pos + BLOCK_CHARS)
        if end < len(text):
            cut = text.rfind("\n\n", pos, end)
            if cut <= pos:
                cut = text.rfind("\n", pos, end)
            end = cut + 1 if cut > pos else end
        yield offset + pos, text[pos:end]
        pos = end


def _stream_blocks(path: Path, body_offset: int, name: str) -> Iterator[tuple[int, str]]:
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    pending = ""
    chars = 0  # characters decoded so far (whole file)
    nbytes = 0
    with open(path, "rb") as fh:
        if fh.read(3) != codecs.BOM_UTF8:
            fh.seek(0)
        else:
            nbytes = 3
        while True:
            raw = fh.read(READ_BYTES)
            try:
                piece = decoder.decode(raw, final=not raw)
            except UnicodeDecodeError as exc:
                raise InputError(f"not UTF-8 text (byte {nbytes + exc.start})", name) from None
            nbytes += len(raw)
            # drop what belongs to the front matter
            if chars < body_offset:
                skip = min(len(piece), body_offset - chars)
                chars += skip
                piece = piece[skip:]
            pending += piece
            # every whole block the text read so far holds (a read may hold several when blocks are small)
            while len(pending) >= BLOCK_CHARS or (not raw and pending):
                if raw:
                    cut = pending.rfind("\n\n", 0, BLOCK_CHARS)
                    if cut <= 0:
                        cut = pending.rfind("\n", 0, BLOCK_CHARS)
                    end = cut + 1 if cut > 0 else len(pending)
                else:
                    end = len(pending)
                if end:
                    yield chars, pending[:end]
                chars += end
                pending = pending[end:]
            if not raw:
                break
    if pending:
        yield chars, pending


def read_bytes(path: Path, name: str, limit: int = -1) -> bytes:
    """The file's first ``limit`` bytes (all of it by default); InputError naming ``name`` when unreadable."""
    try:
        check_regular_file(path)  # a FIFO would block, /dev/zero never ends
    except InputError as exc:
        raise InputError(exc.detail, name) from None
    try:
        with open(path, "rb") as fh:
            return fh.read(limit)
    except FileNotFoundError:
        raise InputError("no such file", name) from None
    except IsADirectoryError:
        raise InputError("is a directory", name) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", name) from None


def _read_head(path: Path, name: str) -> tuple[str, bool]:
    """The first lines of a file (enough for front matter), and whether the file is empty."""
    raw = read_bytes(path, name, 64 * 1024)
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[3:]
    if not raw.strip():
        raise InputError("empty file: no text to extract from", name)
    try:
        head = codecs.getincrementaldecoder("utf-8")("strict").decode(raw, final=False)
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start}); re-save it as UTF-8", name) from None
    return head, False


_FENCE = re.compile(r"^---[ \t]*\r?$")


def parse_front_matter(head: str, name: str) -> tuple[dict[str, Any] | None, int]:
    """The front matter mapping (or None when there is none) and the body's character offset."""
    from .io.safe_yaml import load_yaml

    if not head.startswith("---"):
        return None, 0
    lines = head.splitlines(keepends=True)
    if not _FENCE.match(lines[0].rstrip("\n")):
        return None, 0
    offset = len(lines[0])
    for i, line in enumerate(lines[1:FRONT_MATTER_MAX_LINES + 1], start=2):
        if _FENCE.match(line.rstrip("\n")):
            block = "".join(lines[1:i - 1])
            # bounded: an alias bomb or deep nesting in front matter is an error, not a hang
            meta = load_yaml(block, name, what="malformed front matter", line_offset=1) if block.strip() else {}
            if not isinstance(meta, dict):
                raise InputError("malformed front matter: expected 'key: value' lines", name)
            for key, value in meta.items():
                if not isinstance(key, str):
                    raise InputError(f"malformed front matter: key {short(key)} is not a name", name)
                if key in ("url", "outlet", "title", "language") and value is not None \
                        and not isinstance(value, (str, int, float)):
                    raise InputError(f"malformed front matter: {key} must be text, not {type(value).__name__}", name)
            return meta, offset + len(line)
        offset += len(line)
    raise InputError("malformed front matter: no closing '---' line", name)


def open_document(path: Path | str, published: Any = None, name: str | None = None) -> Document:
    """A document from a file; ``published`` is used when the file has no front matter date."""
    path = Path(path)
    name = name or str(path)
    head, _ = _read_head(path, name)
    return _document(head, name, published, path=path)


def text_document(text: str, published: Any = None, name: str = "<text>") -> Document:
    """A document from a string (front matter optional)."""
    if not text.strip():
        raise InputError("empty text: nothing to extract from", name)
    return _document(text, name, published, text=text)


def _document(head: str, name: str, published: Any, path: Path | None = None, text: str | None = None) -> Document:
    meta, offset = parse_front_matter(head, name)
    meta = dict(meta or {})
    if "published" in meta and meta["published"] not in (None, ""):
        pub = parse_published(meta["published"])
        if pub is None:
            raise InputError(f"unparseable published date {short(meta['published'])} in front matter "
                             "(use YYYY-MM-DD, YYYY-MM or YYYY)", name)
    elif published is not None:
        pub = published if isinstance(published, Published) else parse_published(published)
        if pub is None:
            raise InputError(f"unparseable published date {published!r} (use YYYY-MM-DD, YYYY-MM or YYYY)", name)
    else:
        why = "front matter has no 'published'" if meta else "no front matter"
        raise InputError(f"{why}: give the publication date (front matter 'published:' or --published)", name)
    if text is not None and not text[offset:].strip():
        raise InputError("no text after the front matter", name)
    if path is not None and not head[offset:].strip() and len(head) < 60 * 1024:
        raise InputError("no text after the front matter", name)
    return Document(path=path, name=name, meta=meta, published=pub, body_offset=offset, _text=text)


PARAGRAPH_CHARS = 400  # at most this much text on each side of a quote, so a map stays small


def paragraph_around(text: str, start: int, end: int, limit: int = PARAGRAPH_CHARS) -> tuple[str, str, str] | None:
    """The paragraph holding ``text[start:end]``: (before, quote, after), each side cut at a blank line
    and at ``limit`` characters (on a word, marked "…"); None when the offsets do not fit ``text``."""
    if not (0 <= start <= end <= len(text)):
        return None
    lo = max(text.rfind("\n\n", 0, start) + 2, start - limit, 0)
    hi = text.find("\n\n", end)
    hi = min(len(text) if hi < 0 else hi, end + limit)
    before, after = text[lo:start], text[end:hi]
    if lo > 0 and text[lo - 2:lo] != "\n\n":
        before = "…" + before.split(" ", 1)[-1] if " " in before else "…" + before
    if hi < len(text) and text[hi:hi + 2] != "\n\n":
        after = after.rsplit(" ", 1)[0] + "…" if " " in after else after + "…"
    return " ".join(before.split()) + (" " if before[-1:].isspace() else ""), text[start:end], \
        (" " if after[:1].isspace() else "") + " ".join(after.split())
