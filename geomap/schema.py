"""The event: property names, vocabularies, canonical form, ids and validation.

Everything that says what a geomap event *is* lives here, so the layer store,
the importers, the renderers and the tests agree on one definition.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import math
import re
from collections.abc import Iterable, Mapping  # abc, not typing: isinstance on typing's alias is slow
from dataclasses import dataclass
from typing import Any

import orjson

from .io.limits import (EXTRA_JSON_LIMIT, LIST_ITEM_LIMIT, LIST_LENGTH_LIMIT, MAX_FATALITIES, SOURCE_TEXT_LIMITS,
                        TEXT_LIMITS, short, unicode_problem, value_depth_problem)

# --- vocabularies ----------------------------------------------------------

EVENT_TYPES: tuple[str, ...] = ("deployment", "drone_reconnaissance", "strike", "ground_assault", "other")

SUB_TYPES: dict[str, tuple[str, ...]] = {
    "deployment": ("troop_arrival", "reinforcement", "redeployment", "withdrawal", "presence"),
    "drone_reconnaissance": ("aerial_reconnaissance", "target_acquisition", "fire_adjustment"),
    "strike": ("drone_strike", "mlrs", "artillery", "missile", "air_strike", "glide_bomb", "shelling"),
    "ground_assault": ("assault", "incursion", "offensive", "counteroffensive", "armed_clash"),
    "other": ("training", "equipment_transfer", "casualties", "statement", "other"),
}

TIME_PRECISIONS: tuple[str, ...] = ("day", "week", "month", "season", "year")
# finest first; a hromada (Ukraine's territorial community) lies between a settlement and a raion
GEO_PRECISIONS: tuple[str, ...] = ("settlement", "near_settlement", "hromada", "admin2", "admin1")
CLAIM_STATUSES: tuple[str, ...] = ("reported", "claimed", "confirmed", "disputed")
# when two tellings of one event merge, the stronger claim status wins (a dispute outranks any claim)
CLAIM_RANK: dict[str, int] = {"reported": 0, "claimed": 1, "confirmed": 1, "disputed": 2}
ORIGINS: tuple[str, ...] = ("curated", "extracted", "imported")
# Set by `geomap build` from the review ledger (geomap/review); rejected events leave the layers.
REVIEW_STATUSES: tuple[str, ...] = ("unreviewed", "accepted", "corrected")

# Known, normalised names; other strings are allowed (imports bring their own).
ACTORS: tuple[str, ...] = ("North Korean forces", "Russian forces", "Ukrainian forces")
WEAPONS: tuple[str, ...] = (
    "quadcopter", "fpv_drone", "drone", "mlrs", "artillery", "missile", "glide_bomb",
    "aircraft", "mortar", "armour", "small_arms",
)

# Human labels for the sub-types, shown by the map and the report ("mlrs" is a code, not a word).
SUB_TYPE_LABELS: dict[str, str] = {
    "troop_arrival": "troop arrival", "reinforcement": "reinforcement", "redeployment": "redeployment",
    "withdrawal": "withdrawal", "presence": "presence",
    "aerial_reconnaissance": "aerial reconnaissance", "target_acquisition": "target acquisition",
    "fire_adjustment": "fire adjustment (spotting for artillery)",
    "drone_strike": "drone strike", "mlrs": "MLRS (rocket artillery)", "artillery": "artillery",
    "missile": "missile", "air_strike": "air strike", "glide_bomb": "glide bomb", "shelling": "shelling",
    "assault": "assault", "incursion": "incursion", "offensive": "offensive",
    "counteroffensive": "counteroffensive", "armed_clash": "armed clash",
    "training": "training", "equipment_transfer": "equipment transfer", "casualties": "casualties",
    "statement": "statement", "other": "other",
}
assert set(SUB_TYPE_LABELS) == {s for subs in SUB_TYPES.values() for s in subs}
WEAPON_LABELS: dict[str, str] = {"fpv_drone": "FPV drone", "mlrs": "MLRS (rocket artillery)", "glide_bomb": "glide bomb",
                                 "small_arms": "small arms"}


def sub_type_label(code: str | None) -> str:
    """The human label of a sub-type code; an unknown code is shown with its underscores as spaces."""
    return SUB_TYPE_LABELS.get(code or "", (code or "").replace("_", " "))


def weapon_label(code: str) -> str:
    """The human label of a weapon code."""
    return WEAPON_LABELS.get(code, code.replace("_", " "))


def review_status(props: Mapping[str, Any]) -> str:
    """An event's review status: its own ``review_status`` (or ``extra.review_status``), else
    ``accepted`` for curated events and ``unreviewed`` for the rest."""
    extra = props.get("extra")
    value = props.get("review_status") or (extra.get("review_status") if isinstance(extra, Mapping) else None)
    if value in REVIEW_STATUSES:
        return value
    return "accepted" if props.get("origin") == "curated" else "unreviewed"


# ACLED codes derive from geomap's precisions (DESIGN.md).
ACLED_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "season": 3, "year": 3}
ACLED_GEO_PRECISION = {"settlement": 1, "near_settlement": 2, "hromada": 2, "admin2": 2, "admin1": 3}

# Property order in every feature geomap writes (the contract of DESIGN.md).
PROPERTIES: tuple[str, ...] = (
    "id", "event_type", "sub_type", "date_start", "date_end", "time_precision",
    "place", "place_mention", "gazetteer_id", "admin1", "admin1_code", "country",
    "geo_precision", "actors", "weapons", "fatalities", "summary", "claim_status",
    "sources", "origin", "review_status", "reviewer", "extraction", "extra",
)
LIST_PROPERTIES = ("actors", "weapons", "sources")
SOURCE_KEYS: tuple[str, ...] = ("url", "outlet", "published", "claimed_by", "quote")
EXTRACTION_KEYS: tuple[str, ...] = ("document", "start", "end", "method", "confidence", "language")
REQUIRED = ("event_type", "date_start", "date_end", "time_precision", "geo_precision", "claim_status", "origin")

_TEXT_LIMITS = tuple(TEXT_LIMITS.items())
_SOURCE_TEXT_LIMITS = dict(SOURCE_TEXT_LIMITS)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# a source's publication: YYYY, YYYY-MM, YYYY-MM-DD, or the day with its time (to the minute or
# second) and UTC offset as the source gave it (groups: year, month, day, time)
PUBLISHED_RE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2})([T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
                          r"(?:Z|[+-]\d{2}:?\d{2})?)?)?)?")


def parse_date(value: Any) -> _dt.date | None:
    """An ISO 8601 calendar date (YYYY-MM-DD) as a date, else None."""
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        return None
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        return None


def _clean_str(value: Any) -> str | None:
    if value.__class__ is str:  # the common case first: canonical_properties runs once per event
        return value.strip() or None
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()[:10]
    if not isinstance(value, (int, float)):  # bool, int, float become text; anything else is reported by validation
        return value
    try:
        text = str(value).strip()
    except ValueError:  # an int with more digits than Python prints: left for validation to report
        return value
    return text or None


def _clean_list(value: Any) -> Any:
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(";") if v.strip()]
    return value


def canonical_source(src: Mapping[str, Any]) -> dict[str, Any]:
    """A source entry with geomap's key order; unknown keys kept after, sorted."""
    if not isinstance(src, Mapping):
        return src  # left for validation to report
    out = {k: _clean_str(src.get(k)) for k in SOURCE_KEYS}
    if not _SOURCE_KEY_SET.issuperset(src):
        for k in sorted(set(src) - _SOURCE_KEY_SET, key=_key_order):
            out[k] = src[k]
    return out


_SOURCE_KEY_SET = frozenset(SOURCE_KEYS)


def _key_order(key: Any) -> tuple[str, str]:
    """Sort key for mapping keys of any type (a non-text key is reported by validation, not a crash)."""
    return (0, key) if isinstance(key, str) else (1, f"{type(key).__name__}:{key!r}")
_SPECIAL_PROPERTIES = frozenset(("actors", "weapons", "sources", "fatalities", "extraction", "extra"))


def canonical_properties(props: Mapping[str, Any]) -> dict[str, Any]:
    """Properties in the contract's order with empty values made uniform.

    Missing strings become null, missing lists ``[]``, and unknown properties go
    under ``extra`` (sorted) so nothing a user supplied is dropped.
    """
    out: dict[str, Any] = {}
    for key in PROPERTIES:
        value = props.get(key)
        if key not in _SPECIAL_PROPERTIES:
            out[key] = _clean_str(value) if not isinstance(value, (dict, list)) else value
            continue
        if key in ("actors", "weapons"):
            value = _clean_list(value)
        elif key == "sources":
            listed = _clean_list(value)
            value = [canonical_source(s) for s in listed] if isinstance(listed, list) else value
        elif key in ("fatalities",):
            if isinstance(value, float) and (math.isnan(value)):
                value = None
            elif isinstance(value, float) and value.is_integer():
                value = int(value)
        elif isinstance(value, Mapping):  # extraction, extra; anything else is reported by validation
            order = EXTRACTION_KEYS if key == "extraction" else ()
            value = {**{k: value[k] for k in order if k in value},
                     **{k: value[k] for k in sorted(set(value) - set(order), key=_key_order)}} or None
        out[key] = value
    unknown = sorted(set(props) - set(PROPERTIES), key=_key_order)
    if unknown:
        extra = dict(out["extra"]) if isinstance(out["extra"], Mapping) else {}
        for k in unknown:
            extra.setdefault(k, props[k])
        if out["extra"] is not None and not isinstance(out["extra"], Mapping):
            extra.setdefault("extra", out["extra"])  # validation reports it
        out["extra"] = {k: extra[k] for k in sorted(extra, key=_key_order)}
    return out


def make_id(props: Mapping[str, Any]) -> str:
    """Stable id from the event's identity: first source, type, dates, and the place as the source said it.

    Rebuilding from the same inputs gives the same id; a change of any of those
    fields makes a new event, while edits to summary, actors etc. update it.
    The place is ``place_mention`` (the source's words) when there is one, not
    the gazetteer's answer, so adding a place to the gazetteer later does not
    change the ids of events already made from the same text.
    """
    sources = props.get("sources") or []
    url = ""
    if isinstance(sources, list) and sources and isinstance(sources[0], Mapping):
        url = sources[0].get("url") or sources[0].get("outlet") or ""
    mention = " ".join(str(props.get("place_mention") or "").split()).casefold()
    place = mention or props.get("gazetteer_id") or props.get("place") or props.get("admin1_code") \
        or props.get("admin1") or ""
    key = "\x1f".join(_id_part(x) for x in (
        url, props.get("event_type"), props.get("sub_type"),
        props.get("date_start"), props.get("date_end"), place,
    ))
    return "gm-" + hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:12]  # bad text: validation


def _id_part(value: Any) -> str:
    if isinstance(value, str):
        return value
    try:
        return repr(value) if value else ""  # not text: validation refuses the event anyway
    except (ValueError, RecursionError):
        return type(value).__name__


def make_feature(props: Mapping[str, Any], lon: float, lat: float) -> dict[str, Any]:
    """A canonical GeoJSON Feature for an event (id derived when missing)."""
    p = canonical_properties(props)
    if not p["id"]:
        p["id"] = make_id(p)
    return {
        "type": "Feature",
        "id": p["id"],
        "geometry": {"type": "Point", "coordinates": [round(float(lon), 6), round(float(lat), 6)]},
        "properties": p,
    }


# --- validation ------------------------------------------------------------

@dataclass(frozen=True)
class Problem:
    """One thing wrong with one feature, named so a user can find it."""

    path: str
    index: int | None
    id: str | None
    field: str
    message: str
    severity: str = "error"  # or "warning"
    line: int | None = None  # line in a curated file, when known
    kind: str = "feature"  # "record" for curated rows

    def __str__(self) -> str:
        where = []
        if self.line is not None:
            where.append(f"line {self.line}:")
        if self.index is not None:
            where.append(f"{self.kind} {self.index}")
        if self.id:
            where.append(f"(id {self.id})")
        loc = " ".join(where)
        head = f"{self.path}: {loc}" if loc else self.path
        tag = "" if self.severity == "error" else f"{self.severity}: "
        return f"{head}: {tag}{self.field}: {self.message}"


def _short(value: Any) -> str:
    return short(value)


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def _check_text(p: Mapping[str, Any], add) -> None:
    """Text properties are text (or null) within their documented lengths; lists and nested values bounded."""
    for key, limit in _TEXT_LIMITS:
        v = p.get(key)
        if v is None:
            continue
        if v.__class__ is not str:
            add(key, f"must be text, not {type(v).__name__} {_short(v)}")
        elif len(v) > limit:
            add(key, f"is {len(v):,} characters long; the limit is {limit:,}")
        elif not v.isascii() and unicode_problem(v):
            add(key, unicode_problem(v))
    for key in ("actors", "weapons", "sources"):
        v = p.get(key)
        if isinstance(v, list) and len(v) > LIST_LENGTH_LIMIT:
            add(key, f"has {len(v):,} entries; the limit is {LIST_LENGTH_LIMIT}")
    for key in ("actors", "weapons"):
        v = p.get(key)
        if not v or not isinstance(v, list):
            continue
        if any(isinstance(x, str) and len(x) > LIST_ITEM_LIMIT for x in v):
            add(key, f"an entry is over {LIST_ITEM_LIMIT} characters long")
        elif any(isinstance(x, str) and not x.isascii() and unicode_problem(x) for x in v):
            add(key, "an entry is not valid Unicode (a lone surrogate)")
    f = p.get("fatalities")
    if f.__class__ is int and f > MAX_FATALITIES:
        add("fatalities", f"{_short(f)} is over the limit of {MAX_FATALITIES:,}")
    sources = p.get("sources")
    for j, s in enumerate(sources if isinstance(sources, list) else ()):
        if not isinstance(s, Mapping):
            continue
        for k, v in s.items():
            if v is None:
                continue
            if k.__class__ is not str:
                add(f"sources[{j}]", f"has a key {_short(k)} that is not text")
                continue
            limit = _SOURCE_TEXT_LIMITS.get(k)
            if limit is None:
                why = value_depth_problem(v)
                if why:
                    add(f"sources[{j}].{k}", why)
            elif v.__class__ is not str:
                add(f"sources[{j}].{k}", f"must be text, not {type(v).__name__} {_short(v)}")
            elif len(v) > limit:
                add(f"sources[{j}].{k}", f"is {len(v):,} characters long; the limit is {limit:,}")
            elif not v.isascii() and unicode_problem(v):
                add(f"sources[{j}].{k}", unicode_problem(v))
    for key in ("extraction", "extra"):
        v = p.get(key)
        if v is None:
            continue
        if not isinstance(v, Mapping):
            add(key, f"must be an object, not {type(v).__name__}")
            continue
        why = value_depth_problem(v)
        if why:
            add(key, why)
        elif len(orjson.dumps(v)) > EXTRA_JSON_LIMIT:
            add(key, f"is over {EXTRA_JSON_LIMIT:,} characters as JSON")


def _check_props(p: Mapping[str, Any], add) -> None:
    _check_text(p, add)
    et = p.get("event_type")
    if not isinstance(et, str) or et not in EVENT_TYPES:
        add("event_type", f"unknown event_type {_short(et)}; expected one of {', '.join(EVENT_TYPES)}")
    st = p.get("sub_type")
    if st not in (None, "") and isinstance(et, str) and et in SUB_TYPES and st not in SUB_TYPES[et]:
        add("sub_type", f"unknown sub_type {_short(st)} for {et}; expected one of {', '.join(SUB_TYPES[et])}")
    tp = p.get("time_precision")
    if tp not in TIME_PRECISIONS:
        add("time_precision", f"unknown time_precision {_short(tp)}; expected one of {', '.join(TIME_PRECISIONS)}")
    gp = p.get("geo_precision")
    if gp not in GEO_PRECISIONS:
        add("geo_precision", f"unknown geo_precision {_short(gp)}; expected one of {', '.join(GEO_PRECISIONS)}")
    cs = p.get("claim_status")
    if cs not in CLAIM_STATUSES:
        add("claim_status", f"unknown claim_status {_short(cs)}; expected one of {', '.join(CLAIM_STATUSES)}")
    og = p.get("origin")
    if og not in ORIGINS:
        add("origin", f"unknown origin {_short(og)}; expected one of {', '.join(ORIGINS)}")
    rs = p.get("review_status")
    if rs is not None and rs not in REVIEW_STATUSES:
        add("review_status", f"unknown review_status {_short(rs)}; expected one of {', '.join(REVIEW_STATUSES)}")

    ds_raw, de_raw = p.get("date_start"), p.get("date_end")
    if ds_raw in (None, "") and de_raw in (None, ""):
        add("date_start", "undated: no date_start or date_end", "warning")
    else:
        ds, de = parse_date(ds_raw), parse_date(de_raw)
        if ds is None:
            add("date_start", f"{_short(ds_raw)} is not an ISO 8601 date (YYYY-MM-DD)")
        if de is None:
            add("date_end", f"{_short(de_raw)} is not an ISO 8601 date (YYYY-MM-DD)")
        if ds and de and de < ds:
            add("date_end", f"date_end {de_raw} is before date_start {ds_raw}")

    for key in ("actors", "weapons"):
        v = p.get(key)
        if v is not None and not (isinstance(v, list) and all(isinstance(x, str) for x in v)):
            add(key, "must be a list of strings")
    f = p.get("fatalities")
    if f is not None and not (isinstance(f, int) and not isinstance(f, bool) and f >= 0):
        add("fatalities", f"{_short(f)} is not a whole number >= 0 (use null when not reported)")

    sources = p.get("sources")
    if not isinstance(sources, list) or not sources:
        add("sources", "event has no source")
    else:
        for j, s in enumerate(sources):
            if not isinstance(s, Mapping):
                add(f"sources[{j}]", "must be an object with url, outlet, published, claimed_by, quote")
                continue
            url = s.get("url")
            if url in (None, ""):
                if not s.get("outlet"):
                    add(f"sources[{j}].url", "source has neither url nor outlet")
            elif not isinstance(url, str) or not re.match(r"^https?://[^\s/$.?#].[^\s]*$", url, re.I):
                add(f"sources[{j}].url", f"{_short(url)} is not an http(s) URL")
            pub = s.get("published")
            if pub not in (None, "") and not (isinstance(pub, str) and PUBLISHED_RE.fullmatch(pub)):
                add(f"sources[{j}].published", f"{_short(pub)} is not an ISO 8601 date (YYYY, YYYY-MM, YYYY-MM-DD "
                                               "or YYYY-MM-DDTHH:MM with its UTC offset)")
    ex = p.get("extraction")
    if ex is not None and not isinstance(ex, Mapping):
        add("extraction", "must be an object")
    if og == "extracted" and not isinstance(ex, Mapping):
        add("extraction", "extracted events must carry extraction provenance")


def validate_features(features: Iterable[Any], path: str = "<events>", regions=None) -> list[Problem]:
    """Every problem in ``features``, each naming the path, feature and field.

    ``regions`` (a :class:`geomap.regions.Regions`) enables the spatial checks:
    swapped coordinates and points outside the oblast their ``admin1`` names.
    """
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for i, feat in enumerate(features):
        fid = feat.get("id") if isinstance(feat, Mapping) else None
        props = feat.get("properties") if isinstance(feat, Mapping) else None
        if isinstance(props, Mapping) and props.get("id"):
            fid = props.get("id")
        fid = (fid if isinstance(fid, str) else _short(fid)) if fid is not None else None

        def add(field, message, severity="error", _i=i, _id=fid):
            problems.append(Problem(path, _i, _id, field, message, severity))

        if not isinstance(feat, Mapping) or feat.get("type") != "Feature":
            add("type", "not a GeoJSON Feature")
            continue
        if not isinstance(props, Mapping):
            add("properties", "missing or not an object")
            continue
        if fid:
            if fid in seen:
                add("id", f"duplicate id (also feature {seen[fid]})")
            else:
                seen[fid] = i
        else:
            add("id", "missing id")
        _check_props(props, add)
        geom = feat.get("geometry")
        if not isinstance(geom, Mapping) or geom.get("type") != "Point":
            add("geometry", "must be a Point")
            continue
        coords = geom.get("coordinates")
        if not isinstance(coords, list) or len(coords) < 2 or not all(_is_number(c) for c in coords[:2]):
            add("geometry", f"coordinates {coords!r} are not two numbers [lon, lat]")
            continue
        lon, lat = float(coords[0]), float(coords[1])
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            add("geometry", f"coordinates [{lon}, {lat}] out of range (lon -180..180, lat -90..90)")
            continue
        if regions is not None:
            a1, a1c = props.get("admin1"), props.get("admin1_code")
            for field, message, severity in regions.check_point(lon, lat, a1 if isinstance(a1, str) else None,
                                                                a1c if isinstance(a1c, str) else None):
                add(field, message, severity)
    return problems


def group_by_type(features: Iterable[Any], strict: bool = True) -> dict[str, list]:
    """Features per event type, every type present, in vocabulary order.

    An unknown type is an InputError naming the feature, or with ``strict=False`` a group of its own.
    """
    from .errors import InputError

    groups: dict[str, list] = {t: [] for t in EVENT_TYPES}
    for f in features:
        et = f["properties"].get("event_type")
        if et not in groups:
            if strict:
                raise InputError(f"unknown event_type {et!r}", where=f"feature {f.get('id')}")
            groups[et] = []
        groups[et].append(f)
    return groups
