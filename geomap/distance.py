"""Distances between places at an oblast's scale: one owner for the formula the geocoder, the extraction
guards and the map's labels use (a sphere, with longitude scaled at the pair's mean latitude)."""
from __future__ import annotations

import math

EARTH_RADIUS_KM = 6371.0


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Kilometres between two points: near enough over a few hundred kilometres, far cheaper than geodesics."""
    dlat = math.radians(lat2 - lat1)
    dlon = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return EARTH_RADIUS_KM * math.hypot(dlat, dlon)


def km(a, b) -> float:
    """Kilometres between two located things with ``lat``/``lon`` (places, labels, located mentions)."""
    return km_between(a.lat, a.lon, b.lat, b.lon)
