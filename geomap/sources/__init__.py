"""Sources as analysts hold them: saved web pages, RSS/Atom feeds, Telegram Desktop exports, fetched URLs.

Each reader turns a file into ``geomap.documents.Document`` objects
with the source's own address, publication time and language, so extraction
dates and cites every event from the source itself.
"""
from __future__ import annotations

from .registry import SOURCE_SUFFIXES, SourceRead, kind_of, read_source

__all__ = ["SOURCE_SUFFIXES", "SourceRead", "kind_of", "read_source"]
