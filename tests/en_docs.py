"""English test documents for the extraction tests: a body in our own words under the front matter
`geomap extract` reads, and the properties of the events extracted from it (one owner for both)."""
from __future__ import annotations

from typing import Callable

from geomap.extraction import extract


def en_doc(body: str, published: str) -> str:
    """An English report published on ``published`` holding ``body``."""
    return f"---\nurl: https://example.org/en\noutlet: Example\npublished: {published}\nlanguage: en\n---\n{body}\n"


def en_props(body: str, published: str) -> list[dict]:
    """The properties of every event extracted from ``en_doc(body, published)``."""
    return [f["properties"] for f in extract(en_doc(body, published))]


def en_helpers(default_day: str) -> tuple[Callable[..., str], Callable[..., list[dict]]]:
    """``(_doc, _props)`` for a test module whose reports are published on ``default_day`` unless told."""
    def doc(body: str, published: str = default_day) -> str:
        return en_doc(body, published)

    def props(body: str, published: str = default_day) -> list[dict]:
        return en_props(body, published)

    return doc, props


def of_type(events: list[dict], event_type: str) -> list[dict]:
    """The events of ``events`` (properties) whose type is ``event_type``."""
    return [p for p in events if p["event_type"] == event_type]
