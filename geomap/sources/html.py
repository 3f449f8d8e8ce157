"""Saved web pages: the article's text, title, date and canonical address (trafilatura, htmldate).

Navigation, captions, related-article blocks, comments and tables are left
out; the text keeps the article's paragraphs.
"""
from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from ..errors import InputError
from .document import SourceRead, source_document

_MIDNIGHT = re.compile(r"T00:00:00$")


def read_html(data: bytes | str, name: str, *, published: Any = None, url: str | None = None) -> SourceRead:
    """The page's article as one document; a page with no date takes ``published`` or is reported."""
    out = SourceRead()
    try:
        out.documents.append(page_document(data, name, published=published, url=url))
    except InputError as exc:
        out.failed.append(exc)
    return out


def page_document(data: bytes | str, name: str, *, published: Any = None, url: str | None = None):
    """The Document of one page (InputError when it has no article text or no date)."""
    import trafilatura
    from trafilatura.utils import load_html

    tree = load_html(data)  # bytes: the encoding is the page's own (declared or detected)
    if tree is None:
        raise InputError("not an HTML page: nothing could be parsed", name)
    found = page_date(tree)  # before trafilatura, which prunes the tree it is given
    page = trafilatura.bare_extraction(tree, url=url, with_metadata=True, favor_precision=True,
                                       include_comments=False, include_tables=False, include_images=False,
                                       include_links=False, include_formatting=False)
    if page is None or not (page.text or "").strip():
        raise InputError("no article text found in the page", name)
    lines = [line.strip() for line in page.text.split("\n") if line.strip()]
    title = " ".join((page.title or "").split()) or None
    if lines and title and lines[0] == title:
        lines = lines[1:]  # the headline is the title, kept in meta
    when = found or page.date
    if when is None:
        if published is None:
            raise InputError("no publication date found in the page; give --published", name)
        when = published
    address = page.url or url
    meta = {"url": address if address and urlsplit(address).scheme in ("http", "https") else url,
            "outlet": page.sitename or page.hostname or (urlsplit(url).hostname if url else None),
            "title": title, "language": tree.get("lang")}
    return source_document(name, "\n\n".join(lines), meta, when)


def page_date(tree) -> str | None:
    """The page's original publication date, with its time when the page gives one (htmldate)."""
    import htmldate

    found = htmldate.find_date(tree, outputformat="%Y-%m-%dT%H:%M:%S%z", original_date=True)
    if not found:
        return None
    if _MIDNIGHT.search(found):
        return found[:10]  # a date with no time of day
    day, clock = found.split("T")
    hhmm, offset = clock[:5], clock[8:]
    if offset:
        offset = "Z" if offset in ("+0000", "-0000") else f"{offset[:3]}:{offset[3:]}"
    return f"{day}T{hhmm}{offset}"
