"""ACLED-style CSV: geomap events out with ACLED's columns and codes, ACLED exports in (reader and writer).

Type mapping: strike → Explosions/Remote violence (Air/drone
strike; Shelling/artillery/missile attack), ground_assault → Battles/Armed
clash, deployment → Strategic developments/Change to group/activity,
drone_reconnaissance and other → Strategic developments/Other (on import the
words "reconnaissance" or "surveillance" in ``notes`` tell them apart).
Precisions: time day→1, week→2, month/season/year→3; geo settlement→1,
near_settlement/hromada/admin2→2, admin1→3 (and back: 1→day, 2→7 days from
event_date, 3→the calendar month of event_date; geo 1→settlement,
2→admin2 when ``location`` equals ``admin2``, hromada when it equals ``admin3``
(ACLED's admin3 is Ukraine's hromada), else near_settlement, 3→admin1).

The import is columnar (pyarrow's CSV reader, numpy, shapely's vectorised
point-in-polygon) so a million-row export reads in seconds, a batch of rows
(``CSV_BLOCK`` bytes) at a time, in memory that does not grow with the file: a first pass checks every row, a second builds
the kept rows' events as they are asked for; the ids' 16-byte hashes wait on disk (a pass is
run again only when two rows have one id, knowing which).
"""
from __future__ import annotations

import functools
import io
import re
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from ..errors import InputError
from .limits import ACLED_CELL_LIMIT, MAX_FATALITIES, TEXT_LIMITS, check_regular_file, short
from .common import ImportResult, Skipped, _atomic_write_chunks, _refuse_if_strict
from .csv import _csv_chunks
from .features import _lonlat, export_properties
from ..schema import ACLED_GEO_PRECISION, ACLED_TIME_PRECISION, EVENT_TYPES

IDS_CHUNK = 1 << 14  # ids' digests (24 bytes a row) buffered before they are cut into buckets on disk

# The columns of ACLED's current export (API and data export tool), in ACLED's order.
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)
# Column names match in any case (ACLED's older Asia files are upper case: EVENT_ID_CNTY, ...).
REQUIRED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "time_precision", "event_type",
    "latitude", "longitude", "geo_precision",
)
# sub_event_type came with ACLED's 2019 layout; older files have only event_type (see OLD_EVENT_TYPES)
OPTIONAL_COLUMNS: tuple[str, ...] = (
    "sub_event_type", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "country", "admin1", "admin2", "admin3",
    "location", "source", "notes", "fatalities",
)
REGIONS = ("kursk-sumy", "all")

# geomap country code ↔ ACLED country name and ISO 3166-1 numeric code.
COUNTRIES = {"RU": ("Russia", 643), "UA": ("Ukraine", 804), "BY": ("Belarus", 112)}
COUNTRY_BY_NAME = {name.lower(): code for code, (name, _) in COUNTRIES.items()}

EXPLOSIONS, BATTLES, STRATEGIC = "Explosions/Remote violence", "Battles", "Strategic developments"
AIR_DRONE, SHELLING = "Air/drone strike", "Shelling/artillery/missile attack"
_AIR_SUBS = {"drone_strike", "air_strike", "glide_bomb"}
_AIR_WEAPONS = {"drone", "fpv_drone", "quadcopter", "aircraft", "glide_bomb"}
GEOMAP_TO_ACLED: dict[str, tuple[str, str]] = {
    "ground_assault": (BATTLES, "Armed clash"),
    "deployment": (STRATEGIC, "Change to group/activity"),
    "drone_reconnaissance": (STRATEGIC, "Other"),
    "other": (STRATEGIC, "Other"),
}
# ACLED (event_type, sub_event_type) → geomap (event_type, sub_type); None = decided by notes.
ACLED_TO_GEOMAP: dict[tuple[str, str], tuple[str, str | None] | None] = {
    (EXPLOSIONS, AIR_DRONE): None,
    (EXPLOSIONS, SHELLING): None,
    (EXPLOSIONS, "Remote explosive/landmine/IED"): ("strike", None),
    (EXPLOSIONS, "Grenade"): ("strike", None),
    (EXPLOSIONS, "Suicide bomb"): ("strike", None),
    (EXPLOSIONS, "Chemical weapon"): ("strike", None),
    (BATTLES, "Armed clash"): ("ground_assault", "armed_clash"),
    (BATTLES, "Government regains territory"): ("ground_assault", "counteroffensive"),
    (BATTLES, "Non-state actor overtakes territory"): ("ground_assault", "offensive"),
    (STRATEGIC, "Change to group/activity"): ("deployment", None),
    (STRATEGIC, "Headquarters or base established"): ("deployment", "presence"),
    (STRATEGIC, "Other"): None,
    # ACLED's layout before 2019: no sub_event_type, the battle's outcome in event_type
    ("Battle-No change of territory", ""): ("ground_assault", "armed_clash"),
    ("Battle-Government regains territory", ""): ("ground_assault", "counteroffensive"),
    ("Battle-Non-state actor overtakes territory", ""): ("ground_assault", "offensive"),
    ("Remote violence", ""): ("strike", None),
    ("Headquarters or base established", ""): ("deployment", "presence"),
}
RECON_WORDS = re.compile(r"reconnaissance|surveillance|spotter|\bISR\b", re.I)
DRONE_WORDS = re.compile(r"drone|UAV|quadcopter|FPV|Shahed|Geran", re.I)
MISSILE_WORDS = re.compile(r"missile|Iskander|Tochka|ATACMS|Storm Shadow", re.I)
MLRS_WORDS = re.compile(r"MLRS|multiple rocket|HIMARS|Grad|Uragan|Smerch|Tornado", re.I)
ARTILLERY_WORDS = re.compile(r"artillery|howitzer|mortar", re.I)
TIME_CODES = {"1": "day", "2": "week", "3": "month"}
TYPE_NAMES: tuple[str, ...] = tuple(EVENT_TYPES)
SUB_NAMES: tuple[str | None, ...] = (None, "armed_clash", "counteroffensive", "offensive", "presence",
                                     "drone_strike", "air_strike", "shelling", "artillery", "mlrs", "missile")
GEO_CODES = {"1": "settlement", "2": "near_settlement", "3": "admin1"}


# --- export ----------------------------------------------------------------------

def acled_type(props: Mapping[str, Any]) -> tuple[str, str, str]:
    """(disorder_type, event_type, sub_event_type) for a geomap event."""
    kept = (props.get("extra") or {}).get("acled") if isinstance(props.get("extra"), Mapping) else None
    if isinstance(kept, Mapping) and kept.get("event_type"):
        # an imported ACLED type geomap has no match for goes back exactly as it came
        a = kept["event_type"]
        disorder = "Demonstrations" if a in ("Protests", "Riots") else "Political violence"
        return disorder, a, kept.get("sub_event_type") or ""
    et = props.get("event_type")
    if et == "strike":
        sub = props.get("sub_type")
        air = sub in _AIR_SUBS or (sub is None and bool(_AIR_WEAPONS & set(props.get("weapons") or ())))
        return "Political violence", EXPLOSIONS, AIR_DRONE if air else SHELLING
    a, s = GEOMAP_TO_ACLED.get(et, (STRATEGIC, "Other"))
    return ("Strategic developments" if a == STRATEGIC else "Political violence"), a, s


def acled_row(feature: Mapping[str, Any]) -> list[Any]:
    """One event as a row of :data:`ACLED_COLUMNS`."""
    p = export_properties(feature)
    lon, lat = _lonlat(feature)
    disorder, etype, sub = acled_type(p)
    actors = list(p.get("actors") or [])
    country = COUNTRIES.get(p.get("country") or "")
    admin1 = (p.get("admin1") or "").removesuffix(" Oblast")
    outlets = [s.get("outlet") or s.get("url") or "" for s in (p.get("sources") or []) if isinstance(s, Mapping)]
    date = p.get("date_start") or ""
    row = {
        "event_id_cnty": p["id"].removeprefix("acled-"),  # ACLED's own id goes back as it came
        "event_date": date,
        "year": date[:4],
        "time_precision": ACLED_TIME_PRECISION.get(p.get("time_precision"), ""),
        "disorder_type": disorder,
        "event_type": etype,
        "sub_event_type": sub,
        "actor1": actors[0] if actors else "",
        "assoc_actor_1": "; ".join(actors[2:]),
        "actor2": actors[1] if len(actors) > 1 else "",
        "iso": country[1] if country else "",
        "region": "Europe" if country else "",
        "country": country[0] if country else (p.get("country") or ""),
        "admin1": admin1,
        "admin2": (p.get("place") or "") if p.get("geo_precision") == "admin2" else "",
        "admin3": (p.get("place") or "") if p.get("geo_precision") == "hromada" else "",
        "location": p.get("place") or p.get("admin1") or "",
        "latitude": repr(lat),
        "longitude": repr(lon),
        "geo_precision": ACLED_GEO_PRECISION.get(p.get("geo_precision"), ""),
        "source": "; ".join(o for o in outlets if o),
        "notes": p.get("summary") or "",
        "fatalities": "" if p.get("fatalities") is None else p["fatalities"],
    }
    return [row.get(c, "") for c in ACLED_COLUMNS]


# --- import ----------------------------------------------------------------------

def _header(path: Path) -> list[str]:
    import csv

    try:
        with open(path, newline="", encoding="utf-8-sig") as fh:
            head = next(csv.reader(io.StringIO(fh.readline(1 << 20))), None)
    except FileNotFoundError:
        raise InputError("no such file", path) from None
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError(f"cannot read the header: {exc}", path) from None
    if not head:
        raise InputError("empty file: no header row", path)
    names = [h.strip() for h in head]
    low = [h.lower() for h in names]
    dup = sorted({h for h in low if low.count(h) > 1 and h in REQUIRED_COLUMNS + OPTIONAL_COLUMNS})
    if dup:
        raise InputError(f"column(s) {', '.join(map(repr, dup))} appear more than once; "
                         "one of the values would be lost", path, "line 1")
    return names


CSV_BLOCK = 4 << 20  # bytes of CSV checked at once: the import holds a batch of rows, not the file
# pyarrow's streaming reader reads up to 32 blocks ahead of the rows asked for (its background queue),
# so its block is kept small: 32 x 256 kB ahead at most, whatever the file's size; the small batches it
# gives are joined back into CSV_BLOCK-sized ones, which the checks take at the same cost as before
READ_BLOCK = 256 << 10


def _csv_batches(path: Path, names: list[str], newlines: bool) -> Iterator[dict[str, Any]]:
    """The named columns, a batch of rows (about ``CSV_BLOCK`` bytes) at a time, as Arrow string arrays
    ('' for empty), via pyarrow's streaming CSV reader; ``newlines`` reads quoted line breaks in values
    (slower)."""
    import pyarrow as pa
    from pyarrow import csv as pacsv

    reader = pacsv.open_csv(
        str(path),
        read_options=pacsv.ReadOptions(encoding="utf8", block_size=min(READ_BLOCK, CSV_BLOCK)),
        parse_options=pacsv.ParseOptions(newlines_in_values=newlines),
        convert_options=pacsv.ConvertOptions(
            include_columns=names, column_types={n: pa.string() for n in names},
            strings_can_be_null=False, quoted_strings_can_be_null=False),
    )

    def joined(parts):
        if len(parts) == 1:
            return {n: parts[0].column(n) for n in names}
        return {n: pa.concat_arrays([b.column(n) for b in parts]) for n in names}

    parts, size = [], 0
    with reader:
        for batch in reader:
            if batch.num_rows:
                parts.append(batch)
                size += batch.nbytes
                if size >= CSV_BLOCK:
                    yield joined(parts)
                    parts, size = [], 0
    if parts:
        yield joined(parts)


def _read_error(path: Path, exc: Exception) -> InputError:
    return InputError(f"cannot parse CSV: {exc}", path)


def _id_digests(ids):
    """Each id's 16-byte blake2b digest (numpy S16): ids alike by digest are the same id."""
    import hashlib

    import numpy as np

    return np.array([hashlib.blake2b(v.encode("utf-8", "surrogatepass"), digest_size=16).digest()
                     for v in ids.to_pylist()], dtype="S16")


class _Collect:
    """A first pass that does not yet know which ids repeat: it says none does, and keeps every id's
    digest with its row in hash buckets on disk; :meth:`known` then finds the rows that repeat an id."""

    def __init__(self) -> None:
        from ..spool import HashBuckets

        self._rows = HashBuckets(3, "geomap-acled-ids-", IDS_CHUNK)  # (digest, digest, row)

    def first_rows(self, ids, offset: int):
        import numpy as np

        h = _id_digests(ids).view("<i8").reshape(-1, 2)
        self._rows.extend(np.column_stack([h, offset + np.arange(len(h), dtype=np.int64)]))
        return np.full(len(h), -1, dtype=np.int64)

    def known(self) -> "_Known":
        """Every row whose id an earlier row has, with that earlier row: a bucket of digests at a time."""
        import numpy as np

        from ..spool import digest_repeats

        later, first = [], []
        try:
            for rows in self._rows.buckets():
                if len(rows) < 2:
                    continue
                rows, dup, of = digest_repeats(rows, 2)
                later.append(rows[dup, 2])
                first.append(rows[of, 2])
        finally:
            self._rows.close()
        return _Known(np.concatenate(later) if later else None, np.concatenate(first) if first else None)


class _Known:
    """The rows that repeat an earlier row's id (sorted) and that row: the same answers the first pass
    would give holding every id, with memory for the repeats only."""

    def __init__(self, later=None, first=None) -> None:
        import numpy as np

        later = np.zeros(0, dtype=np.int64) if later is None else later
        order = np.argsort(later, kind="stable")
        self.later = later[order]
        self.first = np.zeros(0, dtype=np.int64) if first is None else first[order]

    def __bool__(self) -> bool:
        return len(self.later) > 0

    def first_rows(self, ids, offset: int):
        """Per row of ``ids`` (rows ``offset`` on), the row (0-based, in the file) that first had its id when
        that is an earlier row, else -1."""
        import numpy as np

        out = np.full(len(ids), -1, dtype=np.int64)
        lo, hi = np.searchsorted(self.later, [offset, offset + len(ids)])
        out[self.later[lo:hi] - offset] = self.first[lo:hi]
        return out


# pyarrow imports pandas (a fifth of a second) the first time it turns a Python value into Arrow:
# pa.array(list or numpy), pa.scalar, a Python literal passed to a compute function. The import
# builds its Arrow values from buffers instead, so reading a CSV never pays for pandas.

def _bool_array(mask):
    """A numpy bool array as an Arrow BooleanArray (bit-packed, no pandas)."""
    import numpy as np
    import pyarrow as pa

    mask = np.asarray(mask, dtype=bool)
    bits = np.packbits(mask, bitorder="little")
    return pa.Array.from_buffers(pa.bool_(), len(mask), [None, pa.py_buffer(bits)])


def _null(type_):
    """A null scalar of an Arrow type (made without pa.scalar, which imports pandas)."""
    import pyarrow as pa

    return pa.nulls(1, type_)[0]


def _empty_strings(n: int):
    """n empty (not null) strings, the value of an absent optional column."""
    import numpy as np
    import pyarrow as pa

    return pa.Array.from_buffers(pa.string(), n, [None, pa.py_buffer(np.zeros(n + 1, dtype=np.int32)),
                                                  pa.py_buffer(b"")])


def _is_empty(arr):
    """Numpy mask of the empty strings in an Arrow string column."""
    import pyarrow.compute as pc

    return _np(pc.binary_length(arr), "int32") == 0


def _dict_encode(arr):
    """(int32 numpy codes, Arrow dictionary) of a string column, chunked or not.

    A chunked column is encoded with one memo table across its chunks, so every
    chunk's indices point into the same (the last chunk's) dictionary.
    """
    import numpy as np
    import pyarrow as pa

    enc = arr.dictionary_encode()
    if isinstance(enc, pa.ChunkedArray):
        if enc.num_chunks == 0:
            return np.zeros(0, dtype=np.int32), pa.nulls(0, pa.string())
        codes = pa.chunked_array([c.indices for c in enc.chunks], pa.int32())
        return _np(codes, "int32"), enc.chunk(enc.num_chunks - 1).dictionary
    return _np(enc.indices, "int32"), enc.dictionary


def _np(arr, dtype: str, fill=None):
    """A numeric or boolean Arrow array as a numpy view of its buffer.

    (``Array.to_numpy`` would import pandas, a fifth of a second, for nothing.)
    """
    import numpy as np
    import pyarrow as pa

    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks() if arr.num_chunks != 1 else arr.chunk(0)
    if pa.types.is_boolean(arr.type):
        arr, dtype = arr.cast(pa.uint8()), "bool"
        fill = 0 if fill is None else int(fill)
    width = np.dtype(dtype).itemsize
    if not len(arr):
        return np.zeros(0, dtype=dtype)
    vals = np.frombuffer(arr.buffers()[1], dtype=dtype, count=len(arr), offset=arr.offset * width)
    if arr.null_count:  # (fill_null with a Python value would import pandas)
        valid = np.unpackbits(np.frombuffer(arr.buffers()[0], dtype=np.uint8), bitorder="little",
                              count=arr.offset + len(arr))[arr.offset:].astype(bool)
        vals = vals.copy()
        vals[~valid] = fill
    return vals


def _categories(arr):
    """A low-cardinality column as (codes, distinct values trimmed): work per value, not per row."""
    codes, values = _dict_encode(arr)
    return codes, [v.strip() for v in values.to_pylist()]


_NUMBER = r"^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$"


def _numbers(arr):
    """Arrow strings → float64 numpy array, NaN where the text is empty or not a number."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    if not len(arr):
        return np.zeros(0)
    arr = pc.if_else(_bool_array(_is_empty(arr)), _null(pa.string()), arr)
    try:
        nums = arr.cast(pa.float64())  # the fast path: a clean column parses in one go
    except pa.ArrowInvalid:
        arr = pc.utf8_trim_whitespace(arr)
        valid = pc.match_substring_regex(arr, _NUMBER)
        nums = pc.if_else(valid, arr, _null(pa.string())).cast(pa.float64())
    return _np(nums, "float64", float("nan"))


# Every date style ACLED exports have shipped, tried in this order on each distinct value:
ACLED_DATE_FORMATS: tuple[tuple[str, str], ...] = (
    ("%Y-%m-%d", "2020-05-09: the API and the export tool since 2023"),
    ("%d %B %Y", "09 May 2020: the export tool before 2023"),
    ("%d-%b-%y", "9-May-20: older exports as a spreadsheet saves them"),
    ("%d-%B-%Y", "9-May-2020"),
    ("%d-%b-%Y", "09-May-2020"),
    ("%d %b %Y", "9 May 2020"),
    ("%d/%m/%Y", "25/05/2020 or 5/25/2020: a spreadsheet's numeric style; read only when the day is over 12"),
)
_DATE_EXAMPLES = tuple(__import__("datetime").date(2020, 5, 9).strftime(f) for f, _ in ACLED_DATE_FORMATS)
_SLASH_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})")


def parse_acled_date(text: str):
    """One ACLED ``event_date`` as a date, or (None, why) when it is not one or could be two days."""
    import datetime as dt

    text = text.strip()
    m = _SLASH_DATE.fullmatch(text)
    if m:  # D/M/Y or M/D/Y: only a day over 12 tells which
        a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        y = y + (2000 if y < 69 else 1900) if len(m.group(3)) == 2 else y
        if a <= 12 and b <= 12 and a != b:
            return None, "is ambiguous: day/month or month/day (write it as YYYY-MM-DD)"
        day, month = (a, b) if a > 12 or a == b else (b, a)
        try:
            return dt.date(y, month, day), None
        except ValueError:
            return None, "is not a date"
    for fmt, _ in ACLED_DATE_FORMATS[:-1]:
        try:
            return dt.datetime.strptime(text, fmt).date(), None
        except ValueError:
            continue
    return None, "is not a date"


def _parse_dates(arr):
    """ACLED dates in any style of :data:`ACLED_DATE_FORMATS` → (datetime64[D] array, bad mask, why per row).

    ISO columns convert in one Arrow cast; otherwise each distinct value is parsed once.
    """
    import numpy as np
    import pyarrow as pa

    try:
        days = _np(arr.cast(pa.date32()).cast(pa.int32()), "int32").astype("datetime64[D]")
        return days, np.zeros(len(days), dtype=bool), {}  # the fast path: every date is ISO and real
    except pa.ArrowInvalid:
        pass
    codes, values = _dict_encode(arr)
    parsed = [parse_acled_date(v) for v in values.to_pylist()]
    table = np.array([np.datetime64(d, "D") if d else np.datetime64("NaT") for d, _ in parsed]
                     + [np.datetime64("NaT")], dtype="datetime64[D]")
    days = table[codes] if len(codes) else np.zeros(0, dtype="datetime64[D]")
    bad = np.isnat(days)
    why = {k: w for k, (_, w) in enumerate(parsed) if w}
    return days, bad, {"codes": codes, "why": why}


_CELL_DEG = 0.05  # grid cell for the point-in-oblast shortcut: ~3,000 cells per oblast


@functools.lru_cache(maxsize=None)
def _oblast_grid(i: int):
    """(west, south, cells) for oblast ``i``: 1 = cell inside the polygon, 0 = outside, 2 = on its edge.

    Built once per process from the prepared polygon; each cell is widened by
    a hair so a point rounded into the wrong neighbour still gets a true answer.
    """
    import numpy as np
    import shapely

    from ..regions import load_regions

    geom = load_regions().oblasts[i].geometry
    shapely.prepare(geom)
    w, s, e, n = geom.bounds
    nx, ny = max(1, int(np.ceil((e - w) / _CELL_DEG))), max(1, int(np.ceil((n - s) / _CELL_DEG)))
    x0 = w + np.arange(nx) * _CELL_DEG
    y0 = s + np.arange(ny) * _CELL_DEG
    gx, gy = np.meshgrid(x0, y0)
    eps = 1e-9
    boxes = shapely.box(gx - eps, gy - eps, gx + _CELL_DEG + eps, gy + _CELL_DEG + eps)
    cells = np.where(shapely.contains_properly(geom, boxes), 1,
                     np.where(shapely.intersects(geom, boxes), 2, 0)).astype(np.int8)
    return w, s, cells


def _regions_index(lon, lat):
    """Index into ``load_regions().oblasts`` of the oblast holding each point, or -1.

    The same polygons and answer as :meth:`geomap.regions.Regions.admin1_at`,
    vectorised: a bounding-box test, a grid lookup that settles points in cells
    wholly inside or outside the oblast, then shapely's ``intersects_xy`` for the rest.
    """
    import numpy as np
    import shapely

    from ..regions import load_regions

    obl = load_regions().oblasts
    found = np.full(len(lon), -1, dtype=np.int16)
    for i, o in enumerate(obl):
        w, s, e, n = o.geometry.bounds
        cand = np.flatnonzero((found < 0) & (lon >= w) & (lon <= e) & (lat >= s) & (lat <= n))
        if cand.size:
            gw, gs, cells = _oblast_grid(i)
            x, y = lon[cand], lat[cand]
            cx = np.clip(((x - gw) / _CELL_DEG).astype(np.int64), 0, cells.shape[1] - 1)
            cy = np.clip(((y - gs) / _CELL_DEG).astype(np.int64), 0, cells.shape[0] - 1)
            state = cells[cy, cx]
            hit = state == 1
            edge = np.flatnonzero(state == 2)
            if edge.size:
                shapely.prepare(o.geometry)
                hit[edge] = shapely.intersects_xy(o.geometry, x[edge], y[edge])  # covers: boundary counts
            found[cand[hit]] = i
    return found


def import_acled(path: Path | str, *, region: str = "kursk-sumy", admin1: str | None = None,
                 strict: bool = False) -> ImportResult:
    """Events from an ACLED-style CSV (any column order; extra columns ignored).

    Rows with an unparseable date, coordinates or code are skipped and reported
    by data row number (1 = first row after the header), or refuse the file
    with ``strict``. ``region`` ``kursk-sumy`` keeps events in Kursk and Sumy
    oblasts, ``all`` keeps every row; ``admin1`` (an oblast's name or code) keeps
    only that oblast's. Each row's admin1 is filled or corrected from the point
    (reverse geocoding on the packaged boundaries) and a note says so.
    """
    from ..regions import FOCUS_CODES

    path = Path(path)
    if region not in REGIONS:
        raise InputError(f"unknown region {region!r}; choose from {', '.join(REGIONS)}")
    keep_codes = FOCUS_CODES if region == "kursk-sumy" else None
    if admin1:
        from ..filters import resolve_admin1

        keep_codes = (resolve_admin1(admin1),)
    check_regular_file(path)
    header = {h.lower(): h for h in _header(path)}  # our name → the file's spelling
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise InputError(f"missing required column(s): {', '.join(missing)} "
                         f"(an ACLED export has {', '.join(REQUIRED_COLUMNS)})", path)
    present = [c for c in REQUIRED_COLUMNS + OPTIONAL_COLUMNS if c in header]
    names = [header[c] for c in present]
    result = ImportResult(path=path)
    if keep_codes is not None:
        result.outside_of = ", ".join(keep_codes) if admin1 else "Kursk and Sumy oblasts"

    def batches(newlines: bool, seen) -> Iterator[tuple["_Rows", int]]:
        """Each batch of rows checked, with the file row of its first (0-based); a fresh pass each call.
        ``seen`` says which rows repeat an earlier row's id (:class:`_Collect` when that is not known yet)."""
        offset = 0
        for cols in _csv_batches(path, names, newlines):
            rows = _Rows({c: cols[header[c]] for c in present}, present, offset, seen, keep_codes)
            yield rows, offset
            offset += rows.n

    # first pass: every row checked, what is skipped or noted kept (a batch of rows in memory at a time);
    # the ids' digests wait on disk, and only when two rows have one id is the pass run again, knowing them
    newlines, known = False, None
    while True:
        reasons: list[Skipped] = []
        notes: list[str] = []
        read = kept = outside = unknown = 0
        seen = _Collect() if known is None else known
        try:
            for rows, offset in batches(newlines, seen):
                read += rows.n
                kept += int(rows.keep.sum())
                outside += rows.outside
                unknown += int(rows.unknown_pair[rows.keep].sum())
                reasons.extend(Skipped(offset + i + 1, rows.reasons[i]) for i in sorted(rows.reasons))
                notes.extend(f"row {offset + r}: {m}" for r, m in sorted(rows.row_notes) if rows.keep[r - 1])
            if known is None:
                known = seen.known()
                if known:
                    continue  # an id given twice: checked again, the repeats known from the start
            break
        except pa_invalid() as exc:
            # fast: blocks split at line ends; a quoted line break in a value makes a block's column
            # count wrong, and then the file is read again, slower
            if newlines:
                raise _read_error(path, exc) from None
            newlines = True
        except OSError as exc:
            raise _read_error(path, exc) from None
    result.read, result.kept, result.skipped = read, kept, reasons
    if keep_codes is not None:
        result.outside_region = outside
    _refuse_if_strict(result, path, strict, " bad rows")
    result.notes = notes
    if unknown:
        result.notes.append(f"{unknown} row(s) have ACLED types geomap has no match "
                            "for: imported as event_type 'other' with the ACLED types under extra.acled")

    def stream():
        """Second pass: the kept rows' events, built a batch of dicts at a time from the columns."""
        from ..gcpause import paused_gc
        from ..regions import load_regions

        obl = load_regions().oblasts
        try:
            for rows, _ in batches(newlines, known):
                frame = rows.frame()
                for start in range(0, len(frame["lon"]), FEATURE_BATCH):
                    part = {k: ({a: v.slice(start, FEATURE_BATCH) for a, v in col.items()} if k == "arrow"
                                else col[start:start + FEATURE_BATCH]) for k, col in frame.items()}
                    with paused_gc():
                        feats = _features_from_columns(part, obl)
                    yield from feats
        except (pa_invalid(), OSError) as exc:  # the file changed since the first pass
            raise _read_error(path, exc) from None

    result._stream = stream
    return result


def pa_invalid():
    import pyarrow as pa

    return pa.ArrowInvalid


class _Rows:
    """One batch of an ACLED CSV's rows checked: why each bad row is skipped, the notes on the kept ones,
    which are kept, and (:meth:`frame`) the columns their events are built from."""

    def __init__(self, cols: dict[str, Any], present: list[str], offset: int, seen, keep_codes) -> None:
        import numpy as np
        import pyarrow.compute as pc
        import shapely

        from ..regions import BORDER_TOLERANCE_DEG, load_regions

        n = len(cols["event_id_cnty"])
        empty = _empty_strings(n) if len(present) < len(REQUIRED_COLUMNS + OPTIONAL_COLUMNS) else None
        col = {c: cols.get(c, empty) for c in REQUIRED_COLUMNS + OPTIONAL_COLUMNS}
        bad = np.zeros(n, dtype=bool)
        reasons: dict[int, str] = {}

        def text(name, i):
            return col[name][int(i)].as_py()

        def reject(mask, why):
            mask = np.asarray(mask, dtype=bool) & ~bad
            for i in np.flatnonzero(mask):
                reasons[int(i)] = why(int(i))
            bad[mask] = True

        def np_bool(arr):
            return _np(arr, "bool", False)

        ids = col["event_id_cnty"]
        reject(_is_empty(ids), lambda i: "event_id_cnty is empty")
        first = seen.first_rows(ids, offset)  # an id of an earlier row, in this batch or before it
        reject(first >= 0, lambda i: f"duplicate event_id_cnty {text('event_id_cnty', i)!r} "
                                     f"(also row {int(first[i]) + 1})")

        for name in ("event_id_cnty",) + OPTIONAL_COLUMNS:
            limit = TEXT_LIMITS["summary"] if name == "notes" else TEXT_LIMITS["id"] - 6 if name == "event_id_cnty" \
                else ACLED_CELL_LIMIT
            if name in present:
                too_long = _np(pc.utf8_length(col[name]), "int32", 0) > limit
                reject(too_long, lambda i, _n=name, _l=limit: f"{_n} is over {_l:,} characters long")
        dates, bad_date, date_info = _parse_dates(col["event_date"])
        reject(bad_date, lambda i: f"event_date {short(text('event_date', i))} "
                                   f"{date_info['why'].get(int(date_info['codes'][i]), 'is not a date')} "
                                   f"(ACLED's styles: {', '.join(_DATE_EXAMPLES)})")
        lon, lat = _numbers(col["longitude"]), _numbers(col["latitude"])
        bad_xy = ~(np.abs(lat) <= 90) | ~(np.abs(lon) <= 180)  # NaN and inf compare False: bad too
        reject(bad_xy, lambda i: f"latitude/longitude {text('latitude', i)!r}, {text('longitude', i)!r} "
                                 "are not coordinates (latitude -90..90, longitude -180..180)")
        tp_codes, tp_vals = _categories(col["time_precision"])
        gp_codes, gp_vals = _categories(col["geo_precision"])
        reject(~np.array([v in TIME_CODES for v in tp_vals] + [False])[tp_codes],
               lambda i: f"time_precision {text('time_precision', i)!r} is not 1, 2 or 3")
        reject(~np.array([v in GEO_CODES for v in gp_vals] + [False])[gp_codes],
               lambda i: f"geo_precision {text('geo_precision', i)!r} is not 1, 2 or 3")
        fat_raw = col["fatalities"]
        fat = _numbers(fat_raw)
        has_fat = ~np.isnan(fat)  # empty (or blank) cells are "not reported"; any other text must be a count
        if not has_fat.all():
            has_fat |= ~_is_empty(pc.utf8_trim_whitespace(fat_raw))
        reject(has_fat & ~((fat >= 0) & (fat <= MAX_FATALITIES) & (np.mod(np.nan_to_num(fat, nan=0.5), 1) == 0)),
               lambda i: f"fatalities {short(text('fatalities', i))} is not a whole number "
                         f"from 0 to {MAX_FATALITIES:,}")

        # types: map each distinct (event_type, sub_event_type) once
        notes = col["notes"]
        et_codes, et_vals = _categories(col["event_type"])
        sub_codes, sub_vals = _categories(col["sub_event_type"])
        keys = et_codes.astype(np.int64) * (len(sub_vals) + 1) + sub_codes
        pair_keys = np.flatnonzero(np.bincount(keys)) if n else np.zeros(0, dtype=np.int64)
        lookup = np.zeros(int(pair_keys.max()) + 1 if n else 1, dtype=np.int32)
        lookup[pair_keys] = np.arange(len(pair_keys))
        pair_codes = lookup[keys]
        g_type = np.full(n, TYPE_NAMES.index("other"), dtype=np.int8)
        g_sub = np.zeros(n, dtype=np.int16)  # SUB_NAMES[0] is None
        unknown_pair = np.zeros(n, dtype=bool)
        for k, key in enumerate(pair_keys.tolist()):
            a, s = et_vals[key // (len(sub_vals) + 1)], sub_vals[key % (len(sub_vals) + 1)]
            rows = np.flatnonzero(pair_codes == k)
            m = ACLED_TO_GEOMAP.get((a, s), "missing")
            if m == "missing":
                if a == "":
                    reject(pair_codes == k, lambda i: "event_type is empty")
                    continue
                unknown_pair[rows] = True  # Protests, Riots, Violence against civilians...: kept as other
            elif m is not None:
                g_type[rows], g_sub[rows] = TYPE_NAMES.index(m[0]), SUB_NAMES.index(m[1])
            else:
                sub_notes = notes.filter(_bool_array(pair_codes == k))  # a filter: ~50x faster than take here

                def has(pattern, _t=sub_notes):
                    return np_bool(pc.match_substring_regex(_t, pattern.pattern, ignore_case=True))

                t, sx = TYPE_NAMES.index, SUB_NAMES.index
                if (a, s) == (STRATEGIC, "Other"):
                    g_type[rows] = np.where(has(RECON_WORDS), t("drone_reconnaissance"), t("other"))
                else:
                    g_type[rows] = t("strike")
                    if s == AIR_DRONE:
                        g_sub[rows] = np.where(has(DRONE_WORDS), sx("drone_strike"), sx("air_strike"))
                    else:
                        sub = np.full(len(rows), sx("shelling"), dtype=np.int16)
                        for word, name in ((ARTILLERY_WORDS, "artillery"), (MLRS_WORDS, "mlrs"),
                                           (MISSILE_WORDS, "missile")):
                            sub[has(word)] = sx(name)
                        g_sub[rows] = sub

        # where: reverse geocode every good point; fill or correct admin1
        regions = load_regions()
        obl = regions.oblasts
        ok = ~bad
        found = np.where(ok, _regions_index(np.where(ok, lon, 0.0), np.where(ok, lat, 0.0)), -1)
        a1_raw = col["admin1"]
        a1_codes, a1_values = _dict_encode(a1_raw)
        name_idx = np.array([obl.index(regions.get(v)) if regions.get(v) else -1
                             for v in a1_values.to_pylist()] + [-1], dtype=np.int16)
        named = name_idx[a1_codes] if n else np.zeros(0, dtype=np.int16)
        final = found.copy()
        # outside every mapped oblast: a swapped pair that lands inside is an error, not an event
        # ... unless the row names another country than the one the swap lands in: a point in Iran whose
        # swap falls in Kursk oblast is a point in Iran
        outside = np.flatnonzero(ok & (found < 0))
        if outside.size:
            swapped = np.full(n, -1, dtype=np.int16)
            swapped[outside] = _regions_index(lat[outside], lon[outside])
            c_codes, c_values = _dict_encode(col["country"])
            row_country = np.array([COUNTRY_BY_NAME.get(v.strip().lower(), v.strip() and "?")
                                    for v in c_values.to_pylist()] + [""], dtype=object)[c_codes] if n else []
            for i in np.flatnonzero(swapped >= 0):
                if row_country[i] and row_country[i] != obl[swapped[i]].country:
                    swapped[i] = -1
            reject(swapped >= 0, lambda i: f"point [{lon[i]}, {lat[i]}] is outside the region but "
                                           f"[{lat[i]}, {lon[i]}] falls in {obl[swapped[i]].admin1}: "
                                           "latitude and longitude look swapped")
        ok = ~bad
        row_notes: list[tuple[int, str]] = []
        drop = np.zeros(n, dtype=bool)
        disagree = np.flatnonzero(ok & (named >= 0) & (named != found))
        near = np.zeros(n, dtype=bool)
        for j in np.unique(named[disagree]):
            rows = disagree[named[disagree] == j]
            shapely.prepare(obl[j].geometry)
            near[rows] = shapely.dwithin(obl[j].geometry, shapely.points(lon[rows], lat[rows]), BORDER_TOLERANCE_DEG)
        border = disagree[near[disagree]]
        final[border] = named[border]  # on a generalised border: the file's word stands
        for i in disagree[~near[disagree]]:
            if found[i] >= 0:
                row_notes.append((int(i) + 1, f"admin1 corrected: file says {text('admin1', i)!r}, the point lies in "
                                              f"{obl[found[i]].admin1}"))
            else:
                drop[i] = True
                row_notes.append((int(i) + 1, f"admin1 {text('admin1', i)!r} dropped: the point lies outside it "
                                              "and outside the mapped oblasts"))
        for i in np.flatnonzero(ok & (found >= 0) & (named < 0)):
            raw = text("admin1", i)
            what = "filled" if raw == "" else f"corrected (file says {raw!r})"
            row_notes.append((int(i) + 1, f"admin1 {what}: the point lies in {obl[found[i]].admin1}"))

        self.outside = 0
        if keep_codes is not None:
            focus = np.array([o.admin1_code in keep_codes for o in obl] + [False])
            in_focus = focus[final]  # final == -1 indexes the trailing False
            self.outside = int((ok & ~in_focus).sum())
            keep = ok & in_focus
        else:
            keep = ok
        self.n, self.keep, self.reasons, self.row_notes, self.unknown_pair = n, keep, reasons, row_notes, unknown_pair
        self._frame = (col, dates, lon, lat, g_type, g_sub, gp_vals, gp_codes, tp_vals, tp_codes, final, fat, drop)

    def frame(self) -> dict[str, Any]:
        """The kept rows' values, column by column, as :func:`_features_from_columns` takes them."""
        import numpy as np

        col, dates, lon, lat, g_type, g_sub, gp_vals, gp_codes, tp_vals, tp_codes, final, fat, drop = self._frame
        n, keep, unknown_pair = self.n, self.keep, self.unknown_pair
        idx = np.flatnonzero(keep)

        def rows_of(arr):
            return arr if len(idx) == n else arr.filter(_bool_array(keep))

        tcode = np.array(tp_vals + [""], dtype=object)[tp_codes[idx]]
        start = dates[idx]
        end = start.copy()
        kept_tp = tp_codes[idx]  # compare small ints, not a million Python strings
        week = kept_tp == (tp_vals.index("2") if "2" in tp_vals else -1)
        end[week] = start[week] + np.timedelta64(6, "D")
        month = kept_tp == (tp_vals.index("3") if "3" in tp_vals else -1)
        if month.any():
            m_start = start[month].astype("datetime64[M]")
            start[month] = m_start.astype("datetime64[D]")
            end[month] = (m_start + np.timedelta64(1, "M")).astype("datetime64[D]") - np.timedelta64(1, "D")
        frame = {
            "lon": lon[idx].round(6), "lat": lat[idx].round(6), "event_type": g_type[idx], "sub_type": g_sub[idx],
            "gcode": np.array(gp_vals + [""], dtype=object)[gp_codes[idx]],
            "start": start, "end": end, "tcode": tcode, "final": final[idx], "fat": fat[idx],
            "unknown": unknown_pair[idx], "drop": drop[idx],
            "arrow": {c: rows_of(col[c]) for c in (
                "event_id_cnty", "location", "admin1", "admin2", "admin3", "country", "actor1", "actor2",
                "assoc_actor_1", "assoc_actor_2", "source", "notes", "event_type", "sub_event_type")},
        }
        return frame


FEATURE_BATCH = 8192  # events built as Python objects at once while a merge takes an import's events


def _split(text: str) -> list[str]:
    return [t.strip() for t in text.split(";") if t.strip()] if text else []


def _features_from_columns(c: dict[str, Any], obl) -> list[dict[str, Any]]:
    """Geomap features from the import's columns (one dict per event, canonical shape)."""
    a = {k: [x.strip() for x in v.to_pylist()] for k, v in c["arrow"].items()}
    starts, ends = c["start"].astype(str).tolist(), c["end"].astype(str).tolist()
    lons, lats = c["lon"].tolist(), c["lat"].tolist()
    fats = c["fat"].tolist()
    feats = []
    for k in range(len(lons)):
        fi = int(c["final"][k])
        if fi >= 0:
            o = obl[fi]
            admin1, code, country = o.admin1, o.admin1_code, o.country
        else:
            admin1 = None if c["drop"][k] else (a["admin1"][k] or None)
            code, country = None, COUNTRY_BY_NAME.get(a["country"][k].lower())
        loc = a["location"][k] or None
        g = c["gcode"][k]
        geo = GEO_CODES[g]
        if g == "2" and loc and loc == a["admin2"][k]:
            geo = "admin2"
        elif g == "2" and loc and loc == a["admin3"][k]:
            geo = "hromada"
        if g == "3" and loc and fi >= 0 and loc in (admin1, admin1.removesuffix(" Oblast")):
            loc = None  # an oblast-level event: geomap keeps the oblast in admin1, place empty
        rid = a["event_id_cnty"][k]
        fat = fats[k]
        actors = [x for x in (a["actor1"][k], a["actor2"][k]) if x] + _split(a["assoc_actor_1"][k]) \
            + _split(a["assoc_actor_2"][k])
        sources = [{"url": None, "outlet": s, "published": None, "claimed_by": None, "quote": None}
                   for s in _split(a["source"][k])] or \
            [{"url": None, "outlet": "ACLED", "published": None, "claimed_by": None, "quote": None}]
        extra = None
        if c["unknown"][k]:
            extra = {"acled": {"event_type": a["event_type"][k], "sub_event_type": a["sub_event_type"][k]}}
        fid = rid if rid.startswith("gm-") else f"acled-{rid}"
        props = {
            "id": fid, "event_type": TYPE_NAMES[c["event_type"][k]], "sub_type": SUB_NAMES[c["sub_type"][k]],
            "date_start": starts[k], "date_end": ends[k], "time_precision": TIME_CODES[c["tcode"][k]],
            "place": loc, "place_mention": None, "gazetteer_id": None,
            "admin1": admin1, "admin1_code": code, "country": country,
            "geo_precision": geo, "actors": actors, "weapons": [],
            "fatalities": None if fat != fat else int(fat),
            "summary": a["notes"][k] or None, "claim_status": "reported",
            "sources": sources, "origin": "imported", "extraction": None, "extra": extra,
        }
        feats.append({"type": "Feature", "id": fid,
                      "geometry": {"type": "Point", "coordinates": [lons[k], lats[k]]},
                      "properties": props})
    return feats


def write_acled_csv(path: Path | str, features: Iterable[Mapping[str, Any]], raw: bool = False) -> Path:
    """ACLED's column names and codes (the mappings above); formula cells neutralised unless ``raw``."""
    path = Path(path)
    _atomic_write_chunks(path, _csv_chunks(ACLED_COLUMNS, (acled_row(f) for f in features), raw))
    return path
