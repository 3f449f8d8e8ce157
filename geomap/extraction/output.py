"""Writing candidates: JSON Lines (one Feature per line) or a GeoJSON FeatureCollection."""
from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..layers import atomic_write_bytes, dumps_feature
from ..schema import EVENT_TYPES


def feature_bytes(features: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    """Each feature's canonical JSON (``dumps_feature``): as the events' store gives it when it can
    (``spooled.MergedEvents``: most events written as held on disk), else made here."""
    held = getattr(features, "feature_bytes", None)
    return held() if held is not None else (dumps_feature(f) for f in features)


def jsonl_lines(features: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    for data in feature_bytes(features):
        yield data + b"\n"


def feature_collection(features: list[dict[str, Any]]) -> bytes:
    """The candidates as one FeatureCollection, framed as every geomap collection is (io/geojson)."""
    from ..io.geojson import collection_chunks

    return b"".join(collection_chunks(None, features, feature_bytes=(dumps_feature(f) for f in features)))


def write_candidates(path: Path | str, features: Iterable[dict[str, Any]]) -> None:
    """Atomically write ``features`` (read once, one at a time): a FeatureCollection for ``.geojson``/``.json``,
    else JSON Lines."""
    from ..io.common import _atomic_write_chunks

    path = Path(path)
    if path.suffix.lower() in (".geojson", ".json"):
        from ..io.geojson import collection_chunks

        _atomic_write_chunks(path, collection_chunks(None, features, feature_bytes=feature_bytes(features)))
    else:
        _atomic_write_chunks(path, _batched(jsonl_lines(features)))


def _batched(lines: Iterator[bytes], size: int = 1 << 20) -> Iterator[bytes]:
    """``lines`` joined into pieces of about ``size`` bytes (one write each)."""
    out, n = [], 0
    for line in lines:
        out.append(line)
        n += len(line)
        if n >= size:
            yield b"".join(out)
            out, n = [], 0
    if out:
        yield b"".join(out)


def summary_lines(result) -> list[str]:
    """Documents read and failed, events by type, and the places nothing matched."""
    ok = [r for r in result.reports if r.ok]
    lines = [f"{len(result.reports)} documents: {len(ok)} read, {len(result.failed)} failed; "
             f"{result.count} candidate events"]
    languages = Counter(r.language or "unknown" for r in ok)
    if languages:
        lines.append("documents by language: " + ", ".join(f"{k} {n}" for k, n in sorted(languages.items())))
    by_type = Counter(result.type_counts())
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
