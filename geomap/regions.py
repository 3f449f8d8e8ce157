"""Oblast boundaries (Natural Earth admin-1): lookup, representative points, point-in-polygon.

The polygons ship inside the package (``geomap/data/boundaries/admin1.geojson``,
made by ``scripts/make_boundaries.py``) so an installed geomap needs no repo.
"""
from __future__ import annotations

import functools
import json
import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Iterator

from .errors import InputError

FOCUS_CODES = ("RU-KRS", "UA-59")
# Tolerance for "is this point in the oblast it names": Natural Earth 1:10m
# borders are generalised by about a kilometre, so settlements on the border
# may fall a little outside. In degrees (~3 km at 51°N).
BORDER_TOLERANCE_DEG = 0.03


def default_boundaries_path() -> Path:
    return Path(str(resources.files("geomap") / "data" / "boundaries" / "admin1.geojson"))


@dataclass(frozen=True)
class Oblast:
    """One admin-1 unit with its names, codes and representative point."""

    admin1: str
    admin1_code: str
    country: str
    role: str
    name_uk: str | None
    name_ru: str | None
    geonames_admin1: str
    geonames_id: int
    rep_lon: float
    rep_lat: float
    geometry: Any  # shapely geometry

    @property
    def rep_point(self) -> tuple[float, float]:
        return (self.rep_lon, self.rep_lat)


def _key(text: str) -> str:
    t = unicodedata.normalize("NFKD", text).casefold()
    return "".join(c for c in t if c.isalnum())


class Regions:
    """The oblasts geomap knows, with a spatial index for reverse geocoding."""

    def __init__(self, path: Path | None = None):
        from shapely import STRtree
        from shapely.geometry import shape
        from shapely.prepared import prep

        self.path = Path(path) if path else default_boundaries_path()
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise InputError("boundaries file not found", self.path) from None
        except (OSError, ValueError) as exc:
            raise InputError(f"cannot read boundaries: {exc}", self.path) from None
        self.attribution = data.get("attribution", "")
        self.collection = data
        self.oblasts: list[Oblast] = []
        for f in data.get("features", []):
            p = f["properties"]
            self.oblasts.append(Oblast(
                admin1=p["admin1"], admin1_code=p["admin1_code"], country=p["country"], role=p["role"],
                name_uk=p.get("name_uk"), name_ru=p.get("name_ru"),
                geonames_admin1=p["geonames_admin1"], geonames_id=p["geonames_id"],
                rep_lon=p["rep_lon"], rep_lat=p["rep_lat"], geometry=shape(f["geometry"]),
            ))
        self._tree = STRtree([o.geometry for o in self.oblasts])
        self._prepared = [prep(o.geometry) for o in self.oblasts]
        self._known: dict[tuple[float, float], int] = {}  # points looked up ahead by locate_many
        self._border = None
        self._by_key: dict[str, Oblast] = {}
        for o in self.oblasts:
            short = o.admin1.removesuffix(" Oblast")
            for name in (o.admin1, short, o.admin1_code, o.name_uk, o.name_ru,
                         f"{o.country}.{o.geonames_admin1}"):
                if name:
                    self._by_key[_key(name)] = o

    def __iter__(self) -> Iterator[Oblast]:
        return iter(self.oblasts)

    def get(self, name_or_code: str | None) -> Oblast | None:
        """The oblast named by English name, short name, ISO code or native name."""
        if not name_or_code:
            return None
        return self._by_key.get(_key(str(name_or_code)))

    def by_geonames(self, country: str, admin1_code: str) -> Oblast | None:
        return self._by_key.get(_key(f"{country}.{admin1_code}"))

    def admin1_at(self, lon: float, lat: float) -> Oblast | None:
        """The oblast containing the point (spatial index, then exact test)."""
        known = self._known.get((lon, lat))
        if known is not None:
            return self.oblasts[known] if known >= 0 else None
        from shapely.geometry import Point

        pt = Point(lon, lat)
        for idx in sorted(self._tree.query(pt)):
            if self._prepared[idx].covers(pt):
                return self.oblasts[idx]
        return None

    def locate_many(self, lons, lats) -> None:
        """Look up a batch of points in one vectorised pass, so that :meth:`admin1_at` answers them
        without a shapely call each (an import checks millions); only the last batch is kept."""
        import numpy as np
        import shapely

        lons, lats = np.asarray(lons, dtype="float64"), np.asarray(lats, dtype="float64")
        none = len(self.oblasts)
        found = np.full(len(lons), none, dtype=np.int64)
        if len(lons):
            # a point on an oblast's edge intersects it, as admin1_at's covers() counts it; the first
            # oblast in the table wins, as there
            point, oblast = self._tree.query(shapely.points(lons, lats), predicate="intersects")
            np.minimum.at(found, point, oblast)
        found[found == none] = -1
        self._known = dict(zip(zip(lons.tolist(), lats.tolist()), found.tolist()))

    def distance_deg(self, oblast: Oblast, lon: float, lat: float) -> float:
        from shapely.geometry import Point

        return oblast.geometry.distance(Point(lon, lat))

    def border_line(self):
        """The Russia–Ukraine state border: the edges Russian oblasts share with Ukrainian ones.

        The one owner of the border (map, report figures and GeoPackage export
        draw this line). Natural Earth's neighbouring polygons share their
        vertices exactly, so the shared boundary is one merged line.
        """
        if self._border is not None:
            return self._border
        from shapely.ops import linemerge, unary_union

        ru = unary_union([o.geometry for o in self.oblasts if o.country == "RU"])
        ua = unary_union([o.geometry for o in self.oblasts if o.country == "UA"])
        shared = ru.boundary.intersection(ua.boundary)
        self._border = linemerge(shared) if shared.geom_type == "MultiLineString" else shared
        return self._border

    def in_region(self, lon: float, lat: float) -> bool:
        return self.admin1_at(lon, lat) is not None

    def check_point(self, lon: float, lat: float, admin1: str | None, admin1_code: str | None):
        """Problems with a point: swapped lat/lon, outside the region, wrong oblast."""
        found = self.admin1_at(lon, lat)
        named = self.get(admin1_code) or self.get(admin1)
        if found is None:
            swapped = self.admin1_at(lat, lon)
            if swapped is not None:
                yield ("geometry", f"point [{lon}, {lat}] is outside the region but [{lat}, {lon}] "
                       f"falls in {swapped.admin1}: looks like lat/lon are swapped", "error")
                return
        if named is None:
            if (admin1 or admin1_code) and found is None:
                return  # an oblast geomap has no boundary for, and the point is outside ours
            if found is None:
                yield ("geometry", f"point [{lon}, {lat}] is outside the mapped oblasts", "warning")
            return
        if found is named:
            return
        if self.distance_deg(named, lon, lat) <= BORDER_TOLERANCE_DEG:
            return
        where = f"in {found.admin1}" if found else "outside the mapped oblasts"
        yield ("admin1", f"point [{lon}, {lat}] lies {where}, not in {named.admin1} as admin1 says", "error")


@functools.lru_cache(maxsize=4)
def load_regions(path: str | None = None) -> Regions:
    """The (cached) boundaries; ``path`` overrides the packaged file."""
    return Regions(Path(path) if path else None)
