"""Which reader a file needs, decided by its suffix and its first bytes; what a reader returns.

Kinds: ``html`` (a saved web page), ``feed`` (RSS or Atom), ``telegram`` (a
Telegram Desktop ``result.json``). Markdown and plain text are read by
``geomap.documents``; :func:`open_documents` reads any of them.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from ..documents import TEXT_SUFFIXES, Document, open_document, read_bytes
from ..errors import InputError
from .document import SourceRead
from .language import SAMPLE_CHARS, detect_language

log = logging.getLogger(__name__)
SOURCE_SUFFIXES = (".html", ".htm", ".xml", ".rss", ".atom", ".json")
DOCUMENT_SUFFIXES = TEXT_SUFFIXES + SOURCE_SUFFIXES  # what extraction reads from a directory
_FEED_MARKS = (b"<rss", b"<feed", b"<rdf:rdf")
_HTML_MARKS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<article")


def sniff(head: bytes, prefer_html: bool = False) -> str | None:
    """``feed``, ``html`` or ``json`` from a file's first bytes, or None (``prefer_html``: a page
    that quotes feed markup, as an ``.html`` file would, stays a page)."""
    low = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if low.startswith((b"{", b"[")):
        return "json"
    sample = low[:4096]
    html = any(m in sample for m in _HTML_MARKS)
    if html and prefer_html:
        return "html"
    if any(m in sample for m in _FEED_MARKS):
        return "feed"
    return "html" if html else None


def kind_of(path: Path, head: bytes, name: str) -> str:
    """The reader for ``path``: its contents decide, its suffix breaks ties; InputError when none fits."""
    suffix = path.suffix.lower()
    found = sniff(head, prefer_html=suffix in (".html", ".htm"))
    if found == "json":
        return "telegram"
    if found in ("feed", "html"):
        return found
    if not head.strip():
        raise InputError("empty file: no text to extract from", name)
    what = {".json": "JSON", ".html": "an HTML page", ".htm": "an HTML page"}.get(suffix, "an RSS/Atom feed")
    raise InputError(f"not {what}: the file does not start like one", name)


def read_source(path: Path | str, name: str | None = None, *, published: Any = None,
                channel: str | None = None) -> SourceRead:
    """The documents of a saved page, a feed or a Telegram export (InputError if the file is unreadable)."""
    path = Path(path)
    name = name or str(path)
    data = read_bytes(path, name)
    kind = kind_of(path, data[:8192], name)
    if kind == "telegram":
        from .telegram import read_telegram

        read = read_telegram(data, name, channel=channel, where=path.parent)
    elif kind == "feed":
        from .feed import read_feed

        read = read_feed(data, name, published=published)
    else:
        from .html import read_html

        read = read_html(data, name, published=published)
    if read.skipped:  # shown with geomap -v
        log.info("%s: %d documents; skipped %s", name, len(read.documents),
                 ", ".join(f"{n} {why}" for why, n in sorted(read.skipped.items())))
    return read


def open_documents(path: Path | str, published: Any = None, name: str | None = None, *,
                   channel: str | None = None) -> list[Document | InputError]:
    """The documents one file holds, and an InputError for each item in it that cannot be read.

    A Markdown or text file is one document, its language detected when its front
    matter gives none; saved pages, feeds and Telegram exports are read by
    this package (one document per page, feed entry or post; ``channel`` is a
    Telegram channel's public name). Raises InputError when the file cannot be read at all.
    """
    path = Path(path)
    name = name or str(path)
    if path.suffix.lower() not in TEXT_SUFFIXES and path.suffix.lower() in DOCUMENT_SUFFIXES:
        read = read_source(path, name, published=published, channel=channel)
        return [*read.documents, *read.failed]
    doc = open_document(path, published, name=name)
    if not doc.meta.get("language"):
        sample = next(iter(doc.blocks()), (0, ""))[1][:SAMPLE_CHARS]
        doc.meta["language"] = detect_language(sample)
    return [doc]
