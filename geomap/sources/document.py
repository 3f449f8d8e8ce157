"""A Document from text a source reader took out of a page, a feed entry or a message."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import InputError
from .language import detect_language
from .text import tidy


@dataclass
class SourceRead:
    """The documents one source file holds, the items that could not be read, and what was skipped."""

    documents: list[Any] = field(default_factory=list)  # geomap.documents.Document
    failed: list[InputError] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)

    def skip(self, why: str) -> None:
        self.skipped[why] = self.skipped.get(why, 0) + 1


def source_document(name: str, text: str, meta: dict[str, Any], published: Any):
    """A Document of ``text`` (offsets count from its first character) with front-matter-like ``meta``.

    ``published`` is the source's own date or time; ``meta['language']`` is detected
    from the text (what a page or feed declares is kept only when the text is too
    short to tell: templates often declare the wrong one). InputError when there is
    no text or no date.
    """
    from ..documents import Document, parse_published

    text = tidy(text)
    if not text:
        raise InputError("no text to extract from", name)
    pub = published if hasattr(published, "anchor") else parse_published(published)
    if pub is None:
        raise InputError(f"unparseable publication date {published!r}", name)
    meta = {k: v for k, v in meta.items() if v not in (None, "")}
    meta["published"] = pub.text
    meta["language"] = detect_language(text) or _language_code(meta.get("language"))
    return Document(path=None, name=name, meta=meta, published=pub, body_offset=0, _text=text)


def _language_code(value: Any) -> str | None:
    """``ru`` from ``ru-RU``, ``ru_RU`` or ``RU``; None for anything that is not a language tag."""
    if not isinstance(value, str):
        return None
    code = value.strip().replace("_", "-").split("-")[0].lower()
    return code if 2 <= len(code) <= 3 and code.isalpha() else None
