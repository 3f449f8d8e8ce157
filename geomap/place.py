"""Turn a curated record into a located event Feature.

A record either gives ``lon``/``lat`` (admin1 filled by point-in-polygon when
missing), or names only an oblast, in which case the event sits at the
oblast's representative point with ``geo_precision = admin1``.
"""
from __future__ import annotations

import math
import re
from typing import Any, Callable, Mapping

from .errors import InputError
from .io.limits import short
from .regions import Regions
from .schema import make_feature

Resolver = Callable[[str, str | None], Any]
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def _where(rec: Mapping[str, Any]) -> tuple[str | None, str]:
    line = rec.get("_line")
    return rec.get("_path"), (f"line {line}" if line else f"record {rec.get('_index')}")


def _coordinate(rec: Mapping[str, Any], key: str, path, where) -> float | None:
    """``rec[key]`` as a finite float (None when absent); InputError for text, lists, inf or 1e400."""
    value = rec.get(key)
    if value is None:
        return None
    if isinstance(value, str) and _NUMBER.fullmatch(value.strip()):
        value = value.strip()  # a quoted number ("36.2") is still a number
    elif isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InputError(f"{key} {short(value)} is not a number", path, where)
    try:
        number = float(value)
    except OverflowError:
        number = math.inf
    if not math.isfinite(number):
        raise InputError(f"{key} {short(value)} is not a finite number", path, where)
    return number


def record_to_feature(rec: Mapping[str, Any], regions: Regions, resolver: Resolver | None = None) -> dict[str, Any]:
    """A canonical Feature for one curated record, or InputError naming its line."""
    path, where = _where(rec)
    props = {k: v for k, v in rec.items() if not (isinstance(k, str) and k.startswith("_")) and k not in ("lon", "lat")}
    for key in ("admin1", "admin1_code", "place", "gazetteer_id", "geo_precision"):
        if props.get(key) is not None and not isinstance(props[key], str):
            raise InputError(f"{key} {short(props[key])} must be text", path, where)
    lon, lat = _coordinate(rec, "lon", path, where), _coordinate(rec, "lat", path, where)
    named = regions.get(props.get("admin1_code")) or regions.get(props.get("admin1"))
    if (props.get("admin1") or props.get("admin1_code")) and named is None:
        raise InputError(f"unknown oblast {props.get('admin1') or props.get('admin1_code')!r}", path, where)

    if lon is not None or lat is not None:
        if lon is None or lat is None:
            raise InputError("give both lon and lat, or neither", path, where)
        if named is None:
            found = regions.admin1_at(float(lon), float(lat))
            if found is not None:
                named = found
    elif (props.get("place") or props.get("gazetteer_id")) and resolver is not None:
        hit = resolver(props.get("place") or props.get("gazetteer_id"), named.admin1_code if named else None)
        if hit is None:
            raise InputError(f"place {props.get('place')!r} not found in the gazetteer", path, where)
        lon, lat = hit.lon, hit.lat
        for key in ("place", "gazetteer_id", "geo_precision"):
            if getattr(hit, key, None):
                props[key] = getattr(hit, key)
        named = regions.get(hit.admin1_code) or named
    elif named is not None:
        gp = props.get("geo_precision")
        if gp not in (None, "admin1"):
            raise InputError(f"geo_precision {gp!r} needs lon/lat or a place; an oblast alone is admin1", path, where)
        props["geo_precision"] = "admin1"
        props["gazetteer_id"] = None
        lon, lat = named.rep_point
    else:
        raise InputError("no location: give lon/lat, a place, or an admin1 oblast", path, where)

    if named is not None:
        props["admin1"], props["admin1_code"], props["country"] = named.admin1, named.admin1_code, named.country
    return make_feature(props, float(lon), float(lat))
