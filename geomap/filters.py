"""Event selection with one meaning everywhere: ``as_features`` turns any input into features,
``select`` keeps the events matching every filter (map, report, export, save, ``events()``, CLI)."""
from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from .errors import InputError, UsageError
from .schema import CLAIM_STATUSES, EVENT_TYPES, GEO_PRECISIONS, ORIGINS, TIME_PRECISIONS

# settlement is the finest; "--min-precision admin2" keeps settlement, near_settlement, admin2.
_RANK = {p: i for i, p in enumerate(GEO_PRECISIONS)}
# review_status of an event nobody has reviewed yet (the property is absent).
UNREVIEWED = "unreviewed"


def as_features(data: Any) -> list[Mapping[str, Any]]:
    """Features from a layer directory or GeoJSON file path, a FeatureCollection, a feature list or a GeoDataFrame.

    A GeoDataFrame goes through :func:`geomap.io.frame.from_frame`, so its pandas
    Timestamps become ISO dates and its rows are validated events.
    """
    if isinstance(data, (str, Path)):
        from .layers import layer_files, read_layer, read_layers

        p = Path(data)
        from .parquet_store import is_store

        if is_store(p):
            from .parquet_store import iter_features

            return list(iter_features(p))
        if p.is_dir():
            if not layer_files(p):
                raise InputError("no layers here; run `geomap build` (or `make map`) first", p)
            return read_layers(p)
        return read_layer(p)
    if hasattr(data, "geometry") and hasattr(data, "crs"):
        from .io.frame import from_frame

        return from_frame(data)
    if isinstance(data, Mapping):
        if data.get("type") == "Feature":
            return [data]
        if data.get("type") == "FeatureCollection":
            return list(data.get("features") or [])
        raise InputError("expected a GeoJSON FeatureCollection or Feature")
    return list(data)


def norm_text(text: Any) -> str:
    """A name compared without regard to case, accents, spacing or punctuation."""
    t = unicodedata.normalize("NFKD", str(text)).casefold()
    return " ".join("".join(c if c.isalnum() else " " for c in t if not unicodedata.combining(c)).split())


def resolve_admin1(value: str | None, regions=None) -> str | None:
    """The ISO 3166-2 code of an oblast given by name, short name, native name or code in any case."""
    if not value:
        return None
    from .regions import load_regions

    regions = regions or load_regions()
    ob = regions.get(value)
    if ob is None:
        raise InputError(f"unknown oblast {value!r}; known: {', '.join(o.admin1 for o in regions)}")
    return ob.admin1_code


def _many(value: str | Sequence[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def _check(values: Sequence[str], vocab: Sequence[str], what: str) -> frozenset[str]:
    for v in values:
        if v not in vocab:
            raise InputError(f"unknown {what} {v!r}; choose from {', '.join(vocab)}")
    return frozenset(values)


def _feature_admin1_code(p: Mapping[str, Any], regions) -> str | None:
    if p.get("admin1_code"):
        return p["admin1_code"]
    ob = regions.get(p.get("admin1")) if p.get("admin1") else None
    return ob.admin1_code if ob else None


def select(
    features: Iterable[Mapping[str, Any]],
    types: str | Sequence[str] = (),
    since: str | None = None,
    until: str | None = None,
    admin1: str | None = None,
    bbox: tuple[float, float, float, float] | None = None,
    min_precision: str | None = None,
    *,
    actors: str | Sequence[str] = (),
    claim_status: str | Sequence[str] = (),
    claimed_by: str | Sequence[str] = (),
    origin: str | Sequence[str] = (),
    review_status: str | Sequence[str] = (),
    time_precision: str | Sequence[str] = (),
    geo_precision: str | Sequence[str] = (),
) -> list[Mapping[str, Any]]:
    """Events matching every given filter (a list-valued filter matches any of its values).

    ``since``/``until`` keep events whose interval overlaps the window (an
    undated event is kept only when no window is given). ``admin1`` is an
    oblast name or ISO 3166-2 code in any case or language. ``bbox`` is
    (W, S, E, N) in degrees. ``min_precision`` keeps that geo precision and
    finer. ``actors`` and ``claimed_by`` (any source's) compare names without
    regard to case or spacing; ``review_status`` of an unreviewed event is
    ``"unreviewed"``.
    """
    if since and until and since > until:
        raise UsageError(f"--since {since} is after --until {until}")
    tset = _check(_many(types), EVENT_TYPES, "event type")
    cset = _check(_many(claim_status), CLAIM_STATUSES, "claim status")
    oset = _check(_many(origin), ORIGINS, "origin")
    tpset = _check(_many(time_precision), TIME_PRECISIONS, "time precision")
    gpset = _check(_many(geo_precision), GEO_PRECISIONS, "geo precision")
    if min_precision is not None and min_precision not in _RANK:
        raise InputError(f"unknown precision {min_precision!r}; choose from {', '.join(GEO_PRECISIONS)}")
    if bbox is not None:
        w, s, e, n = bbox
        if w > e or s > n:
            raise InputError(f"bbox {w},{s},{e},{n}: west must be <= east and south <= north")
    aset = frozenset(norm_text(a) for a in _many(actors))
    byset = frozenset(norm_text(a) for a in _many(claimed_by))
    rset = frozenset(_many(review_status))
    regions = None
    code = None
    if admin1:
        from .regions import load_regions

        regions = load_regions()
        code = resolve_admin1(admin1, regions)
    out = []
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
        if code and _feature_admin1_code(p, regions) != code:
            continue
        if min_precision is not None and _RANK.get(p.get("geo_precision"), 99) > _RANK[min_precision]:
            continue
        if gpset and p.get("geo_precision") not in gpset:
            continue
        if tpset and p.get("time_precision") not in tpset:
            continue
        if cset and p.get("claim_status") not in cset:
            continue
        if oset and p.get("origin") not in oset:
            continue
        if rset and (p.get("review_status") or UNREVIEWED) not in rset:
            continue
        if aset and not aset.intersection(norm_text(a) for a in p.get("actors") or ()):
            continue
        if byset and not byset.intersection(norm_text(s.get("claimed_by")) for s in p.get("sources") or ()
                                            if isinstance(s, Mapping) and s.get("claimed_by")):
            continue
        if bbox is not None:
            lon, lat = f["geometry"]["coordinates"][:2]
            if not (bbox[0] <= lon <= bbox[2] and bbox[1] <= lat <= bbox[3]):
                continue
        out.append(f)
    return out


# The name the render modules and older callers use.
filter_features = select

FILTER_NAMES = ("types", "since", "until", "admin1", "bbox", "min_precision", "actors", "claim_status",
                "claimed_by", "origin", "review_status", "time_precision", "geo_precision")


def split_filters(options: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(the filter options that are set, everything else) from keyword options."""
    filters = {k: v for k, v in options.items() if k in FILTER_NAMES and v not in (None, (), [], "")}
    rest = {k: v for k, v in options.items() if k not in FILTER_NAMES}
    return filters, rest
