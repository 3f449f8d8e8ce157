"""Writing candidates: JSON Lines (one Feature per line) or a GeoJSON FeatureCollection."""
from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..layers import atomic_write_bytes, dumps_feature
from ..schema import EVENT_TYPES


def jsonl_lines(features: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    for f in features:
        yield dumps_feature(f) + b"\n"


def feature_collection(features: list[dict[str, Any]]) -> bytes:
    body = b",\n".join(dumps_feature(f) for f in features)
    return b'{"type":"FeatureCollection","features":[\n' + body + (b"\n" if features else b"") + b"]}\n"


def write_candidates(path: Path | str, features: list[dict[str, Any]]) -> None:
    """Atomically write ``features``: a FeatureCollection for ``.geojson``/``.json``, else JSON Lines."""
    path = Path(path)
    if path.suffix.lower() in (".geojson", ".json"):
        atomic_write_bytes(path, feature_collection(features))
    else:
        atomic_write_bytes(path, b"".join(jsonl_lines(features)))


def summary_lines(result) -> list[str]:
    """Documents read and failed, events by type, and the places nothing matched."""
    ok = [r for r in result.reports if r.ok]
    lines = [f"{len(result.reports)} documents: {len(ok)} read, {len(result.failed)} failed; "
             f"{len(result.events)} candidate events"]
    languages = Counter(r.language or "unknown" for r in ok)
    if languages:
        lines.append("documents by language: " + ", ".join(f"{k} {n}" for k, n in sorted(languages.items())))
    by_type = Counter(f["properties"]["event_type"] for f in result.events)
    for t in EVENT_TYPES:
        if by_type[t]:
            lines.append(f"  {t}: {by_type[t]}")
    unresolved = [(r.document, u) for r in ok for u in r.unresolved]
    if unresolved:
        lines.append(f"unresolved places ({len(unresolved)}):")
        for doc, u in unresolved:
            lines.append(f"  {doc}:{u.start}: {u.mention!r}: {u.note}")
    return lines
