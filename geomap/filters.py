"""Filters over event features, shared by map, report, export and the Python API."""
from __future__ import annotations

from typing import Any, Iterable, Mapping, Sequence

from .errors import InputError
from .schema import EVENT_TYPES, GEO_PRECISIONS

# settlement is the finest; "--min-precision admin2" keeps settlement, near_settlement, admin2.
_RANK = {p: i for i, p in enumerate(GEO_PRECISIONS)}


def filter_features(
    features: Iterable[Mapping[str, Any]],
    types: Sequence[str] = (),
    since: str | None = None,
    until: str | None = None,
    admin1: str | None = None,
    bbox: tuple[float, float, float, float] | None = None,
    min_precision: str | None = None,
) -> list[Mapping[str, Any]]:
    """Events matching every given filter.

    ``since``/``until`` keep events whose interval overlaps the window (an
    undated event is kept only when no window is given). ``admin1`` is an ISO
    3166-2 code or the English name. ``bbox`` is (W, S, E, N) in degrees.
    """
    if since and until and since > until:
        raise InputError(f"--since {since} is after --until {until}")
    for t in types:
        if t not in EVENT_TYPES:
            raise InputError(f"unknown event type {t!r}; choose from {', '.join(EVENT_TYPES)}")
    if min_precision is not None and min_precision not in _RANK:
        raise InputError(f"unknown precision {min_precision!r}; choose from {', '.join(GEO_PRECISIONS)}")
    if bbox is not None:
        w, s, e, n = bbox
        if w > e or s > n:
            raise InputError(f"bbox {w},{s},{e},{n}: west must be <= east and south <= north")
    out = []
    tset = set(types)
    for f in features:
        p = f["properties"]
        if tset and p.get("event_type") not in tset:
            continue
        ds, de = p.get("date_start"), p.get("date_end") or p.get("date_start")
        if since or until:
            if not ds:
                continue
            if since and de < since:
                continue
            if until and ds > until:
                continue
        if admin1 and admin1 not in (p.get("admin1_code"), p.get("admin1")):
            continue
        if min_precision is not None and _RANK.get(p.get("geo_precision"), 99) > _RANK[min_precision]:
            continue
        if bbox is not None:
            lon, lat = f["geometry"]["coordinates"][:2]
            if not (bbox[0] <= lon <= bbox[2] and bbox[1] <= lat <= bbox[3]):
                continue
        out.append(f)
    return out
