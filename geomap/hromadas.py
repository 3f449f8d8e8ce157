"""Sumy oblast's hromadas (territorial communities): names in Ukrainian, Russian and English, and centres.

Read from ``geomap/data/hromadas/sumy_hromadas.csv`` (Ukraine's codifier КАТОТТГ,
cross-checked against OCHA's COD-AB; see the README beside it). The file keeps
no coordinates: the geocoder finds each centre in the gazetteer by its name.
"""
from __future__ import annotations

import csv
import functools
from pathlib import Path
from typing import NamedTuple

from .names import normalise, normalise_ukrainian

HROMADA_OBLAST = "UA-59"
# Words around a hromada's name, after normalise(): "Хотінська сільська територіальна громада".
HROMADA_WORDS = frozenset(normalise(w) for w in (
    "hromada", "gromada", "community", "obshchina", "terhromada", "tergromada", "tg", "otg", "hromadas",
    "communities"))
KIND_WORDS = frozenset(normalise(w) for w in (
    "silska", "selyshchna", "miska", "terytorialna", "territorialnaya", "selskaya", "poselkovaya", "gorodskaya",
    "territorial", "rural", "urban", "settlement", "municipal", "the"))


class Hromada(NamedTuple):
    katotth: str
    codab_pcode: str
    raion_uk: str
    name_uk: str
    name_ru: str
    name_en: str
    centre_uk: str
    centre_basis: str

    @property
    def label(self) -> str:
        return f"{self.name_en} hromada"

    def centre_keys(self) -> tuple[str, ...]:
        return tuple(sorted({normalise(self.centre_uk), normalise_ukrainian(self.centre_uk)}))


def data_path() -> Path:
    return Path(__file__).parent / "data" / "hromadas" / "sumy_hromadas.csv"


@functools.lru_cache(maxsize=1)
def hromadas() -> tuple[Hromada, ...]:
    """Every Sumy oblast hromada, in the codifier's order."""
    with data_path().open(encoding="utf-8", newline="") as fh:
        return tuple(Hromada(**row) for row in csv.DictReader(fh))


@functools.lru_cache(maxsize=1)
def hromada_index() -> dict[str, tuple[Hromada, ...]]:
    """Normalised name → hromadas: the adjective in each language, and the centre's name ("Esman community")."""
    out: dict[str, list[Hromada]] = {}
    for h in hromadas():
        keys = {normalise(h.name_uk), normalise_ukrainian(h.name_uk), normalise(h.name_ru), normalise(h.name_en),
                *h.centre_keys()}
        for k in keys:
            if k and h not in out.setdefault(k, []):
                out[k].append(h)
    return {k: tuple(v) for k, v in out.items()}


def hromada_stem(key: str) -> str | None:
    """The name part of a normalised hromada phrase ("khotinska silska hromada" → "khotinska"), else None."""
    words = key.split()
    if len(words) < 2 or words[-1] not in HROMADA_WORDS:
        return None
    words.pop()
    if len(words) > 1 and words[-1] == "territorial":
        words.pop()
    while words and words[-1] in KIND_WORDS:
        words.pop()
    while words and words[0] in KIND_WORDS:
        words.pop(0)
    return " ".join(words) or None
