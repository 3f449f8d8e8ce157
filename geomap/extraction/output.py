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
    """The candidates as one FeatureCollection, framed as every geomap collection is (io/geojson)."""
    from ..io.geojson import collection_chunks

    return b"".join(collection_chunks(None, features, feature_bytes=(dumps_feature(f) for f in features)))


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
    warned = [r for r in ok if r.warnings]
    if warned:
        lines.append(f"warning: {len(warned)} documents gave no events because geomap cannot read them:")
        for r in warned:
            for w in r.warnings:
                lines.append(f"  {r.document}: {w}")
    # grouped by name, most frequent first: a 10 MB corpus names the same village thousands of times
    names: dict[str, list] = {}
    for r in ok:
        for u in r.unresolved:
            names.setdefault(u.mention, []).append((r.document, u))
    if names:
        total = sum(len(v) for v in names.values())
        lines.append(f"unresolved places ({len(names)} names, {total} mentions):")
        for name, seen in sorted(names.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            doc, u = seen[0]
            docs = len({d for d, _ in seen})
            lines.append(f"  {name!r}: {len(seen)} mentions in {docs} documents (first {doc}:{u.start}): {u.note}")
    return lines
