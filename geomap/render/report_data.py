"""What a static report says, as plain data: summary counts, tables, sources.

Kept apart from drawing and HTML so the numbers can be tested on their own and
the HTML, PNG and PDF outputs all show the same figures.
"""
from __future__ import annotations

import datetime as _dt
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Iterable, Mapping
from urllib.parse import urlsplit

from ..schema import EVENT_TYPES, GEO_PRECISIONS, TIME_PRECISIONS, parse_date
from .style import TYPE_STYLE

# How each precision code reads in the report (methodology section and tables).
GEO_PRECISION_TEXT = {
    "settlement": "the event is at a named settlement (GeoNames point)",
    "near_settlement": "near a named settlement: the point is the settlement, the event within a few km",
    "hromada": "known only to the hromada (territorial community): drawn as a fine dashed ring at its centre, never a pin",
    "admin2": "known only to the district (raion): drawn as a dashed ring at its centre, never a pin",
    "admin1": "known only to the oblast: drawn as a dashed ring at the oblast's representative point, never a pin",
}
TIME_PRECISION_TEXT = {
    "day": "the day is known",
    "week": "known to the week",
    "month": "known to the month: dates span the month",
    "season": "known to the season (about three months)",
    "year": "known only to the year",
}
# Coarser than a week: drawn lighter on maps and charts.
COARSE_TIME = frozenset({"month", "season", "year"})


def is_web_url(url: Any) -> bool:
    """True for an absolute http(s) URL with a host: the only kind the report links."""
    if not isinstance(url, str):
        return False
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def type_label(t: str) -> str:
    return TYPE_STYLE.get(t, {"label": str(t)})["label"]


@dataclass
class Event:
    """One event as the report shows it (properties flattened, dates parsed)."""

    id: str
    event_type: str
    lon: float
    lat: float
    start: _dt.date | None
    end: _dt.date | None
    props: Mapping[str, Any]

    @property
    def geo_precision(self) -> str:
        return self.props.get("geo_precision") or "admin1"

    @property
    def time_precision(self) -> str:
        return self.props.get("time_precision") or "day"

    @property
    def oblast(self) -> str:
        return self.props.get("admin1") or self.props.get("admin1_code") or "Unknown oblast"

    @property
    def mid(self) -> _dt.date | None:
        """Middle of the date range: where a coarse date is placed on a timeline."""
        if self.start is None:
            return None
        end = self.end or self.start
        return self.start + (end - self.start) / 2

    @property
    def month(self) -> str:
        return self.start.strftime("%Y-%m") if self.start else "undated"

    @property
    def place_key(self) -> str:
        """The place as a reader names it; oblast-level events say so."""
        p = self.props
        if self.geo_precision == "admin1" or not p.get("place"):
            return f"{self.oblast} (oblast only)"
        return f"{p['place']}, {self.oblast}"

    @cached_property  # tables, counts and the event list each ask for them: built once per event
    def sources(self) -> list[Mapping[str, Any]]:
        return [s for s in (self.props.get("sources") or []) if isinstance(s, Mapping)]

    @cached_property
    def outlets(self) -> set[str]:
        return {(s.get("outlet") or s.get("url") or "").strip().casefold() for s in self.sources} - {""}


def to_events(features: Iterable[Mapping[str, Any]]) -> list[Event]:
    """Report events, sorted by start date, type order and id (a stable order for every table)."""
    out = []
    for f in features:
        p = f.get("properties") or {}
        lon, lat = f["geometry"]["coordinates"][:2]
        out.append(Event(id=str(p.get("id") or f.get("id") or ""), event_type=p.get("event_type") or "other",
                         lon=float(lon), lat=float(lat), start=parse_date(p.get("date_start")),
                         end=parse_date(p.get("date_end")) or parse_date(p.get("date_start")), props=p))
    order = {t: i for i, t in enumerate(EVENT_TYPES)}
    out.sort(key=lambda e: (e.start or _dt.date.max, order.get(e.event_type, 99), e.id))
    return out


@dataclass
class Summary:
    """The headline numbers on the report's first page."""

    total: int
    period: tuple[str, str] | None
    period_given: bool
    by_type: list[tuple[str, int]]
    by_oblast: list[tuple[str, int]]
    top_places: list[tuple[str, int]]
    geo: list[tuple[str, int, float]]
    time: list[tuple[str, int, float]]
    settlement_share: float
    oblast_share: float
    claimed_one_side: int
    corroborated: int
    single_source: int
    claims: list[tuple[str, int]]
    missing_types: list[str] = field(default_factory=list)


def _pct(n: int, total: int) -> float:
    return 100.0 * n / total if total else 0.0


def summarise(events: list[Event], since: str | None, until: str | None, types: Iterable[str] = ()) -> Summary:
    """Counts by type, oblast, place, precision and claim status."""
    n = len(events)
    starts = [e.start for e in events if e.start]
    ends = [e.end for e in events if e.end]
    period = None
    if since or until:
        period = (since or (min(starts).isoformat() if starts else "…"), until or (max(ends).isoformat() if ends else "…"))
    elif starts:
        period = (min(starts).isoformat(), max(ends).isoformat())
    tc = Counter(e.event_type for e in events)
    by_type = [(t, tc[t]) for t in EVENT_TYPES if tc[t]] + sorted((t, c) for t, c in tc.items() if t not in EVENT_TYPES)
    oc = Counter(e.oblast for e in events)
    by_oblast = sorted(oc.items(), key=lambda kv: (-kv[1], kv[0]))
    pc = Counter(e.place_key for e in events)
    top_places = sorted(pc.items(), key=lambda kv: (-kv[1], kv[0]))[:8]
    gc = Counter(e.geo_precision for e in events)
    geo = [(g, gc[g], _pct(gc[g], n)) for g in GEO_PRECISIONS if gc[g]]
    tpc = Counter(e.time_precision for e in events)
    time = [(t, tpc[t], _pct(tpc[t], n)) for t in TIME_PRECISIONS if tpc[t]]
    settlement = gc["settlement"] + gc["near_settlement"]
    claimed = sum(1 for e in events if e.props.get("claim_status") == "claimed"
                  or (len(e.outlets) <= 1 and any(s.get("claimed_by") for s in e.sources)))
    corroborated = sum(1 for e in events if len(e.outlets) >= 2)
    cc = Counter(e.props.get("claim_status") or "reported" for e in events)
    missing = [t for t in types if not tc[t]]
    return Summary(
        total=n, period=period, period_given=bool(since or until), by_type=by_type, by_oblast=by_oblast,
        top_places=top_places, geo=geo, time=time, settlement_share=_pct(settlement, n),
        oblast_share=_pct(gc["admin1"], n), claimed_one_side=claimed, corroborated=corroborated,
        single_source=n - corroborated, claims=sorted(cc.items(), key=lambda kv: (-kv[1], kv[0])),
        missing_types=missing,
    )


@dataclass
class MonthTable:
    """Events per month and type for one oblast (rows: months; columns: types)."""

    oblast: str
    types: list[str]
    rows: list[tuple[str, list[int], int]]
    totals: list[int]
    total: int


@dataclass
class ReviewCounts:
    """How many of the shown events a person has reviewed (curated events count as reviewed)."""

    accepted: int
    corrected: int
    unreviewed: int

    @property
    def reviewed(self) -> int:
        return self.accepted + self.corrected


def review_counts(events: list[Event]) -> ReviewCounts:
    """Accepted, corrected and unreviewed events; a curated event without a status counts as accepted."""
    c = Counter()
    for e in events:
        status = e.props.get("review_status")
        if status not in ("accepted", "corrected"):
            status = "accepted" if e.props.get("origin") == "curated" else "unreviewed"
        c[status] += 1
    return ReviewCounts(c["accepted"], c["corrected"], c["unreviewed"])


def month_tables(events: list[Event]) -> list[MonthTable]:
    """One table per oblast: month (of the start date) × type, with totals."""
    types = [t for t in EVENT_TYPES if any(e.event_type == t for e in events)]
    types += sorted({e.event_type for e in events} - set(EVENT_TYPES))
    by_oblast: dict[str, Counter] = {}
    for e in events:
        by_oblast.setdefault(e.oblast, Counter())[(e.month, e.event_type)] += 1
    out = []
    for oblast in sorted(by_oblast):
        c = by_oblast[oblast]
        months = sorted({m for m, _ in c})
        rows = [(m, [c[(m, t)] for t in types], sum(c[(m, t)] for t in types)) for m in months]
        totals = [sum(c[(m, t)] for m in months) for t in types]
        out.append(MonthTable(oblast=oblast, types=types, rows=rows, totals=totals, total=sum(totals)))
    return out


@dataclass
class SourceRow:
    outlet: str
    published: str
    url: str
    linkable: bool
    events: int
    claimed_by: list[str]


def source_rows(events: list[Event]) -> list[SourceRow]:
    """Every source cited, once, with how many events cite it."""
    seen: dict[tuple[str, str, str], dict[str, Any]] = {}
    for e in events:
        for s in e.sources:
            key = (str(s.get("outlet") or ""), str(s.get("published") or ""), str(s.get("url") or ""))
            row = seen.setdefault(key, {"events": set(), "claimed_by": set()})
            row["events"].add(e.id)
            if s.get("claimed_by"):
                row["claimed_by"].add(str(s["claimed_by"]))
    rows = [SourceRow(outlet=k[0] or "(no outlet)", published=k[1], url=k[2], linkable=is_web_url(k[2]),
                      events=len(v["events"]), claimed_by=sorted(v["claimed_by"])) for k, v in seen.items()]
    rows.sort(key=lambda r: (r.published, r.outlet, r.url))
    return rows


def unresolved_mentions(events: list[Event]) -> list[tuple[str, int]]:
    """Place mentions that stayed unresolved, when the events carry them.

    Extraction writes the name it could not place as ``extra.unresolved_place``;
    other tools may list several under ``extra.unresolved_mentions`` (or
    ``extraction.unresolved``). Events placed only at the oblast keep their
    ``place_mention`` too, which shows what the source actually said.
    """
    c: Counter = Counter()
    for e in events:
        for holder, key in ((e.props.get("extra"), "unresolved_place"), (e.props.get("extra"), "unresolved_mentions"),
                            (e.props.get("extraction"), "unresolved")):
            if isinstance(holder, Mapping):
                vals = holder.get(key) or []
                for v in ([vals] if isinstance(vals, str) else vals):
                    if str(v).strip():
                        c[str(v).strip()] += 1
    return sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))


def oblast_level_mentions(events: list[Event]) -> list[tuple[str, str, int]]:
    """(mention, oblast, count) for events placed only at the oblast."""
    c: Counter = Counter()
    for e in events:
        if e.geo_precision == "admin1":
            c[(str(e.props.get("place_mention") or "(no mention)"), e.oblast)] += 1
    return sorted(((m, o, n) for (m, o), n in c.items()), key=lambda r: (-r[2], r[0], r[1]))


@dataclass
class OutletRow:
    outlet: str
    documents: int
    events: int
    first: str
    last: str
    claimed_by: list[str]


def outlet_rows(sources: list[SourceRow]) -> list[OutletRow]:
    """Sources grouped by outlet: for reports citing too many documents to list one by one."""
    by: dict[str, list[SourceRow]] = {}
    for r in sources:
        by.setdefault(r.outlet, []).append(r)
    out = []
    for outlet in sorted(by):
        rs = by[outlet]
        dates = sorted(r.published for r in rs if r.published)
        out.append(OutletRow(outlet=outlet, documents=len(rs), events=sum(r.events for r in rs),
                             first=dates[0] if dates else "", last=dates[-1] if dates else "",
                             claimed_by=sorted({c for r in rs for c in r.claimed_by})))
    return out
