"""Synthetic events in the region for benchmarks: deterministic, full schema, valid."""
from __future__ import annotations

import datetime as dt
import random

from geomap.schema import EVENT_TYPES, SUB_TYPES, canonical_properties

ACTORS = ["Russian forces", "Ukrainian forces", "North Korean forces"]
OBLASTS = [("Kursk Oblast", "RU-KRS", "RU"), ("Sumy Oblast", "UA-59", "UA")]


def features(n: int, seed: int = 42) -> list[dict]:
    """``n`` canonical event features with points in Kursk/Sumy's bounding box."""
    rnd = random.Random(seed)
    base = dt.date(2024, 8, 1).toordinal()
    out = []
    for i in range(n):
        et = EVENT_TYPES[i % len(EVENT_TYPES)]
        admin1, code, country = OBLASTS[i % 2]
        day = dt.date.fromordinal(base + rnd.randrange(450)).isoformat()
        fid = f"gm-{i:012x}"
        props = canonical_properties({
            "id": fid, "event_type": et, "sub_type": SUB_TYPES[et][i % len(SUB_TYPES[et])],
            "date_start": day, "date_end": day, "time_precision": "day",
            "place": f"Place {i % 997}", "place_mention": f"Place {i % 997}", "gazetteer_id": f"geonames:{100000 + i % 997}",
            "admin1": admin1, "admin1_code": code, "country": country, "geo_precision": "settlement",
            "actors": [ACTORS[i % 3]], "weapons": ["artillery"] if et == "strike" else [],
            "fatalities": None if i % 3 else i % 7, "summary": f"Synthetic event number {i}.",
            "claim_status": "reported", "origin": "curated",
            "sources": [{"url": f"https://example.org/report/{i % 5000}", "outlet": "Example", "published": day}],
        })
        lon = round(33.5 + rnd.random() * 4.5, 6)
        lat = round(50.0 + rnd.random() * 2.5, 6)
        out.append({"type": "Feature", "id": fid, "geometry": {"type": "Point", "coordinates": [lon, lat]},
                    "properties": props})
    return out
