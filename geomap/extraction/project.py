"""Extraction inside ``geomap build``: events from ``ROOT/seeds/`` beside the curated ones.

A curated record wins over an extracted event it covers: same type and
oblast, the same place (or the extracted event knows no more than the
oblast), and dates that agree at the finer of the two time precisions. A
year-long curated offensive does not swallow the day-dated assaults inside
it. Every extracted event left out is reported with the record covering it.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from ..schema import TIME_PRECISIONS, Problem, validate_features


@dataclass(frozen=True)
class Covered:
    """An extracted event left out of the build, and the curated or imported record that covers it."""

    event: dict[str, Any]
    by: dict[str, Any]

    def __str__(self) -> str:
        p, q = self.event["properties"], self.by["properties"]
        where = p.get("place") or p.get("admin1") or "?"
        return (f"{p['id']} ({p['event_type']}, {where}, {p.get('date_start')}..{p.get('date_end')}) "
                f"covered by {q['id']} ({q.get('place') or q.get('admin1')}, {q.get('date_start')}..{q.get('date_end')})")


def _date_key(date: str, precision: str) -> str:
    """A date as far as ``precision`` tells it: the day, the month, the season or the year."""
    if precision in ("day", "week"):
        return date[:10]
    if precision == "month":
        return date[:7]
    if precision == "season":
        month = int(date[5:7]) if len(date) >= 7 else 0
        return f"{date[:4]}-s{(month % 12) // 3}" if month else date[:4]
    return date[:4]


def dates_agree(p: dict[str, Any], q: dict[str, Any]) -> bool:
    """True when both events' start and end are the same at the finer of their two time precisions."""
    if not (p.get("date_start") and p.get("date_end") and q.get("date_start") and q.get("date_end")):
        return False
    rank = {t: i for i, t in enumerate(TIME_PRECISIONS)}
    fine = min(p.get("time_precision") or "day", q.get("time_precision") or "day", key=lambda t: rank.get(t, 0))
    return (_date_key(p["date_start"], fine) == _date_key(q["date_start"], fine)
            and _date_key(p["date_end"], fine) == _date_key(q["date_end"], fine))


def same_place(p: dict[str, Any], q: dict[str, Any]) -> bool:
    """True when both name one place, or the extracted event ``p`` knows only the oblast."""
    if p.get("geo_precision") == "admin1" or not (p.get("gazetteer_id") or p.get("place")):
        return True
    if p.get("gazetteer_id") and q.get("gazetteer_id"):
        return p["gazetteer_id"] == q["gazetteer_id"]
    return bool(p.get("place")) and p.get("place") == q.get("place") and p.get("geo_precision") == q.get("geo_precision")


def curated_match(extracted: dict[str, Any], curated: Iterable[dict[str, Any]]) -> dict[str, Any] | None:
    """The curated event that covers ``extracted``, if any."""
    p = extracted["properties"]
    for c in curated:
        q = c["properties"]
        if (q.get("event_type") == p["event_type"] and q.get("admin1_code") == p["admin1_code"]
                and same_place(p, q) and dates_agree(p, q)):
            return c
    return None


def seed_events(root: Path, curated: list[dict[str, Any]], regions
                ) -> tuple[list[dict[str, Any]], list[Problem], list[Covered]]:
    """Extracted events from ``root/seeds`` not covered by curated ones, any problems, and those left out."""
    events, problems = extract_seeds(root)
    cover = Cover(events)
    for c in curated:
        cover.see(c)
    return cover.result(problems, regions)


def extract_seeds(root: Path) -> tuple[list[dict[str, Any]], list[Problem]]:
    """The events extracted from ``root/seeds`` and a problem for each document that failed."""
    from . import extract_paths

    seeds = Path(root) / "seeds"
    if not seeds.is_dir():
        return [], []
    result = extract_paths([seeds], base=root, progress=True)  # a bar only when stderr is a terminal
    return result.events, [Problem(r.document, None, None, "document", r.error or "") for r in result.failed]


class Cover:
    """Which extracted events a record covers, the records shown one at a time in the build's order
    (the first covering record wins, as :func:`curated_match` finds it): a build streaming millions of
    imported records looks each one up by type, oblast and place instead of against every extracted event."""

    def __init__(self, events: list[dict[str, Any]]) -> None:
        self.events = events
        self.by: list[dict[str, Any] | None] = [None] * len(events)
        self._index: dict[tuple, list[int]] = {}
        for i, f in enumerate(events):
            p = f["properties"]
            base = (p["event_type"], p["admin1_code"])
            if p.get("geo_precision") == "admin1" or not (p.get("gazetteer_id") or p.get("place")):
                self._index.setdefault(base, []).append(i)  # covered by any record of the type and oblast
                continue
            if p.get("gazetteer_id"):
                self._index.setdefault(base + ("g", p["gazetteer_id"]), []).append(i)
            if p.get("place"):
                self._index.setdefault(base + ("p", p["place"], p.get("geo_precision")), []).append(i)

    def see(self, record: dict[str, Any]) -> None:
        """One more record, after every one before it in the build's order."""
        if not self._index:
            return
        q = record["properties"]
        try:
            base = (q.get("event_type"), q.get("admin1_code"))
            hits = [*self._index.get(base, ()), *self._index.get(base + ("g", q.get("gazetteer_id")), ()),
                    *self._index.get(base + ("p", q.get("place"), q.get("geo_precision")), ())]
        except TypeError:  # a value no key can hold (a list for a place): compare with every event
            hits = range(len(self.events))
        for i in hits:
            if self.by[i] is None and curated_match(self.events[i], (record,)) is not None:
                self.by[i] = record

    def result(self, problems: list[Problem], regions) -> tuple[list[dict[str, Any]], list[Problem], list[Covered]]:
        """The events no record covered, ``problems`` with their own, and those left out with their record."""
        kept = [f for f, by in zip(self.events, self.by) if by is None]
        covered = [Covered(f, by) for f, by in zip(self.events, self.by) if by is not None]
        problems = list(problems)
        problems.extend(validate_features(kept, "seeds (extracted)", regions))
        return kept, problems, covered
