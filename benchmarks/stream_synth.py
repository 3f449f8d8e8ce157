"""Valid synthetic events for the streamed import and merge benchmarks: each point lies inside the
oblast its admin1 names (found from the packaged boundaries, so every event passes an import's checks),
written as the files ``geomap export`` writes (GeoJSON text sequence, GeoPackage, ACLED CSV)."""
from __future__ import annotations

import datetime as dt
from typing import Iterator

CHUNK = 65_536


def valid_events(n: int, seed: int = 11, prefix: str = "gm-") -> Iterator[dict]:
    """``n`` events over 450 days, points drawn in the box of the two oblasts and kept when inside a
    mapped oblast (its admin1, code and country are then the event's)."""
    import numpy as np

    from geomap.io.acled import _regions_index
    from geomap.regions import load_regions
    from geomap.schema import EVENT_TYPES, SUB_TYPES

    obl = load_regions().oblasts
    rng = np.random.default_rng(seed)
    base = dt.date(2024, 8, 1).toordinal()
    actors = ["Russian forces", "Ukrainian forces", "North Korean forces"]
    i = 0
    while i < n:
        lon = np.round(33.5 + rng.random(CHUNK) * 4.5, 6)
        lat = np.round(50.0 + rng.random(CHUNK) * 2.5, 6)
        found = _regions_index(lon, lat)
        for x, y, k in zip(lon.tolist(), lat.tolist(), found.tolist()):
            if k < 0:
                continue
            if i >= n:
                break
            o = obl[k]
            et = EVENT_TYPES[i % 5]
            day = dt.date.fromordinal(base + i * 450 // n).isoformat()
            props = {
                "id": f"{prefix}{i:012x}", "event_type": et, "sub_type": SUB_TYPES[et][i % len(SUB_TYPES[et])],
                "date_start": day, "date_end": day, "time_precision": "day",
                "place": f"Place {i % 997}", "place_mention": f"Place {i % 997}", "gazetteer_id": None,
                "admin1": o.admin1, "admin1_code": o.admin1_code, "country": o.country,
                "geo_precision": "settlement", "actors": [actors[i % 3]],
                "weapons": ["artillery"] if et == "strike" else [], "fatalities": None,
                "summary": f"Synthetic event number {i}.", "claim_status": "reported",
                "sources": [{"url": f"https://example.org/report/{i % 5000}", "outlet": "Example",
                             "published": day, "claimed_by": None, "quote": None}],
                "origin": "imported", "review_status": "unreviewed", "reviewer": None,
                "extraction": None, "extra": None,
            }
            yield {"type": "Feature", "id": props["id"], "geometry": {"type": "Point", "coordinates": [x, y]},
                   "properties": props}
            i += 1


def write_file(path: str, n: str, fmt: str) -> dict:
    """``n`` valid events written as ``geomap export -f fmt`` writes them."""
    import os

    from geomap.io.registry import export_features

    export_features(valid_events(int(n)), path, fmt)
    return {"bytes": os.path.getsize(path)}
