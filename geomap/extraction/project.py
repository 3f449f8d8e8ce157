"""Extraction inside ``geomap build``: events from ``ROOT/seeds/`` beside the curated ones.

A curated record wins over an extracted event it matches (same type, same
oblast, overlapping dates): people's edits are never shadowed by the machine.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

from ..schema import Problem, validate_features


def curated_match(extracted: dict[str, Any], curated: Iterable[dict[str, Any]]) -> dict[str, Any] | None:
    """The curated event that covers ``extracted``, if any."""
    p = extracted["properties"]
    for c in curated:
        q = c["properties"]
        if (q.get("event_type") == p["event_type"] and q.get("admin1_code") == p["admin1_code"]
                and q.get("date_start") and q.get("date_end")
                and q["date_start"] <= p["date_end"] and p["date_start"] <= q["date_end"]):
            return c
    return None


def seed_events(root: Path, curated: list[dict[str, Any]], regions) -> tuple[list[dict[str, Any]], list[Problem]]:
    """Extracted events from ``root/seeds`` not already covered by curated ones, and any problems."""
    from . import extract_paths

    seeds = Path(root) / "seeds"
    if not seeds.is_dir():
        return [], []
    result = extract_paths([seeds], base=root, progress=True)  # a bar only when stderr is a terminal
    problems = [Problem(r.document, None, None, "document", r.error or "") for r in result.failed]
    kept = [f for f in result.events if curated_match(f, curated) is None]
    problems.extend(validate_features(kept, "seeds (extracted)", regions))
    return kept, problems
