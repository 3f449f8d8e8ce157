"""RSS and Atom feeds (feedparser): one document per entry, with the entry's own date, link and text."""
from __future__ import annotations

import datetime as _dt
import email.utils
from typing import Any

from ..errors import InputError
from .document import SourceRead, source_document
from .text import html_fragment_text, iso_minute


def read_feed(data: bytes, name: str, *, published: Any = None) -> SourceRead:
    """Every entry with text; an entry with no date of its own takes ``published`` or is reported."""
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.entries:
        why = parsed.get("bozo_exception")
        if not parsed.get("version"):
            raise InputError(f"not an RSS or Atom feed{': ' + str(why) if why else ''}", name)
    feed = parsed.feed
    outlet = _clean(feed.get("title")) or None
    language = feed.get("language")
    out = SourceRead()
    for i, entry in enumerate(parsed.entries, start=1):
        doc_name = f"{name}#{i}"
        text = html_fragment_text(_body(entry))
        if not text:
            out.skip("entries without text")
            continue
        when = entry_time(entry)
        if when is None and published is None:
            out.failed.append(InputError("entry has no publication date; give --published", doc_name))
            continue
        meta = {"url": entry.get("link"), "outlet": outlet, "title": _clean(entry.get("title")),
                "language": entry.get("language") or language}
        try:
            out.documents.append(source_document(doc_name, text, meta, when or published))
        except InputError as exc:
            out.failed.append(exc)
    why = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if why is not None and not isinstance(why, feedparser.CharacterEncodingOverride):
        # a feed cut short or damaged: what could be read is kept, the damage is reported, never "0 documents"
        if not out.documents and not out.failed:
            raise InputError(f"broken feed, no entry could be read: {why}", name)
        out.failed.append(InputError(f"broken feed, entries after the {len(parsed.entries)} read may be lost: {why}",
                                     name))
    return out


def _body(entry) -> str:
    """The fullest text the entry carries: its content, else its summary or description."""
    contents = [c.get("value", "") for c in entry.get("content") or [] if c.get("value")]
    if contents:
        return max(contents, key=len)
    return entry.get("summary") or entry.get("description") or ""


def entry_time(entry) -> str | None:
    """The entry's publication time as the feed wrote it (its own UTC offset kept), to the minute."""
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if not raw:
            continue
        moment = _parse_time(str(raw))
        if moment is not None:
            return iso_minute(moment)
        parsed = entry.get(key + "_parsed")  # feedparser's own reading, in UTC
        if parsed:
            return iso_minute(_dt.datetime(*parsed[:6], tzinfo=_dt.timezone.utc))
    return None


def _parse_time(raw: str) -> _dt.datetime | None:
    try:
        return email.utils.parsedate_to_datetime(raw)  # RSS: RFC 822
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return _dt.datetime.fromisoformat(raw.strip().replace("Z", "+00:00"))  # Atom: RFC 3339
    except ValueError:
        return None


def _clean(value: Any) -> str:
    return " ".join(str(value or "").split())
