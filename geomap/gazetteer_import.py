"""Extend the gazetteer: GeoNames country dumps (``RU.txt``, ``UA.txt``) and users' CSV files.

Extensions go to ``gazetteer.extensions_path()`` (outside the package, so they
survive upgrades), deduplicated by gazetteer id: a GeoNames record imported
again, or one already in ``cities500``, is replaced by the newer record, not
doubled. A file with a bad line imports nothing (unless told to skip bad
lines), so an import never leaves the gazetteer half-changed.
"""
from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from .errors import InputError
from .gazetteer import (
    clear_cache, extensions_path, oblast_by_code, oblast_table, place_keys, read_extensions, write_extensions,
)
from .names import normalise

GEONAMES_COLUMNS = 19
# Columns of the GeoNames dump format (https://download.geonames.org/export/dump/readme.txt).
GN_ID, GN_NAME, GN_ASCII, GN_ALT, GN_LAT, GN_LON, GN_CLASS, GN_CODE, GN_CC = range(9)
GN_ADMIN1, GN_POP = 10, 14
CSV_COLUMNS = ("name", "lat", "lon", "admin1", "aliases", "source")


@dataclass
class ImportResult:
    """What an import did: counts, the lines it skipped and where the extensions live."""

    path: Path
    kind: str
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    read: int = 0
    kept: int = 0
    skipped: list[str] = field(default_factory=list)
    store: Path | None = None

    def summary(self) -> str:
        return (f"{self.path.name}: {self.kept} place(s) kept of {self.read} read; {self.added} added, "
                f"{self.updated} updated, {self.unchanged} unchanged"
                + (f"; {len(self.skipped)} bad line(s) skipped" if self.skipped else ""))


class _Problems:
    """Bad lines of a file: the first is raised, unless the caller asked to skip them."""

    def __init__(self, path: Path, skip: bool):
        self.path, self.skip, self.lines = path, skip, []

    def add(self, line: int, message: str) -> None:
        if not self.skip:
            raise InputError(f"{message}; nothing was imported", self.path, f"line {line}")
        self.lines.append(f"line {line}: {message}")


def _lines(path: Path) -> Iterator[tuple[int, bytes]]:
    """Numbered raw lines of a dump, also from inside GeoNames' ``RU.zip``."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as zf:
            members = [n for n in zf.namelist() if n.endswith(".txt") and "readme" not in n.lower()]
            if len(members) != 1:
                raise InputError(f"expected one .txt dump inside the zip, found {len(members)}", path)
            with zf.open(members[0]) as fh:
                yield from enumerate(fh, 1)
        return
    with open(path, "rb") as fh:
        yield from enumerate(fh, 1)


def _geonames_records(path: Path, problems: _Problems, allow_outside: bool, result: ImportResult):
    """Populated places (class P) of the mapped oblasts from a GeoNames dump; bad lines named by number."""
    region = {(o.country, o.geonames_admin1): o for o in oblast_table()}
    for n, raw in _lines(path):
        try:
            line = raw.decode("utf-8").rstrip("\r\n")
        except UnicodeDecodeError:
            problems.add(n, "not UTF-8 text")
            continue
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != GEONAMES_COLUMNS:
            problems.add(n, f"expected {GEONAMES_COLUMNS} tab-separated columns (GeoNames dump format), "
                            f"found {len(cols)}")
            continue
        result.read += 1
        if not cols[GN_ID].isdigit():
            problems.add(n, f"geonameid {cols[GN_ID]!r} is not a number")
            continue
        try:
            lat, lon = float(cols[GN_LAT]), float(cols[GN_LON])
        except ValueError:
            col, val = ("latitude", cols[GN_LAT]) if not _is_float(cols[GN_LAT]) else ("longitude", cols[GN_LON])
            problems.add(n, f"{col} {val!r} is not a number")
            continue
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            problems.add(n, f"coordinates [{lon}, {lat}] are out of range")
            continue
        if cols[GN_CLASS] != "P":
            continue
        pop_text = cols[GN_POP].strip() or "0"
        if not pop_text.lstrip("-").isdigit():
            problems.add(n, f"population {cols[GN_POP]!r} is not a number")
            continue
        cc, a1 = cols[GN_CC], cols[GN_ADMIN1]
        ob = region.get((cc, a1))
        if ob is None and cc in ("RU", "UA") and a1 in ("", "00"):
            ob = _reverse(lon, lat)  # GeoNames gives no oblast: the boundaries decide
            a1 = ob.geonames_admin1 if ob else a1
        if ob is None and not allow_outside:
            continue
        name = cols[GN_NAME].strip()
        if not name:
            problems.add(n, "empty name")
            continue
        alts = {a.strip() for a in cols[GN_ALT].split(",") if a.strip()} | {cols[GN_ASCII].strip()}
        alts.discard("")
        alts.discard(name)
        alt_list = sorted(alts)
        yield {"gazetteer_id": f"geonames:{int(cols[GN_ID])}", "name": name, "lat": lat, "lon": lon,
               "country": cc, "geonames_admin1": a1, "admin1_code": ob.admin1_code if ob else None,
               "population": max(int(pop_text), 0), "feature_code": cols[GN_CODE] or None,
               "alternate_names": alt_list, "source": f"GeoNames dump {path.name}",
               "keys": list(place_keys(name, alt_list))}


def _is_float(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False


def _reverse(lon: float, lat: float):
    from .regions import load_regions

    found = load_regions().admin1_at(lon, lat)
    return oblast_by_code(found.admin1_code) if found else None


def _csv_records(path: Path, problems: _Problems, allow_outside: bool, result: ImportResult):
    """Places from a user CSV (name, lat, lon, admin1, aliases, source); each checked against the boundaries."""
    from .regions import BORDER_TOLERANCE_DEG, load_regions

    regions = load_regions()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("not UTF-8 text", path) from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in ("name", "lat", "lon") if c not in header]
    if missing:
        raise InputError(f"CSV header lacks {', '.join(missing)} (columns: {', '.join(CSV_COLUMNS)})", path, "line 1")
    reader.fieldnames = header
    for row in reader:
        n = reader.line_num
        result.read += 1
        if None in row:
            problems.add(n, f"more fields than the {len(header)} header columns")
            continue
        name = (row.get("name") or "").strip()
        if not name:
            problems.add(n, "empty name")
            continue
        if any(ord(c) < 32 for c in name) or len(name) > 200:
            problems.add(n, f"name {name[:40]!r} has control characters or is over 200 characters")
            continue
        try:
            lat, lon = float(row.get("lat") or ""), float(row.get("lon") or "")
        except ValueError:
            problems.add(n, f"lat {row.get('lat')!r} / lon {row.get('lon')!r} are not numbers")
            continue
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            problems.add(n, f"coordinates [{lon}, {lat}] are out of range")
            continue
        given = (row.get("admin1") or "").strip()
        named = regions.get(given) if given else None
        if given and named is None:
            problems.add(n, f"unknown oblast {given!r}")
            continue
        found = regions.admin1_at(lon, lat)
        if found is None and not allow_outside:
            swapped = " (lat/lon swapped?)" if regions.admin1_at(lat, lon) else ""
            problems.add(n, f"{name!r} at lat {lat}, lon {lon} lies outside the mapped oblasts{swapped}; "
                            "use --allow-outside-region to keep it")
            continue
        if named is not None and found is not None and found is not named \
                and regions.distance_deg(named, lon, lat) > BORDER_TOLERANCE_DEG:
            problems.add(n, f"{name!r} at lat {lat}, lon {lon} lies in {found.admin1}, not {named.admin1}")
            continue
        ob = named or found
        aliases = sorted({a.strip() for a in (row.get("aliases") or "").replace("|", ";").split(";") if a.strip()}
                         - {name})
        slug = normalise(name).replace(" ", "-") or "place"
        code = ob.admin1_code if ob else f"{lat:.4f},{lon:.4f}"
        yield {"gazetteer_id": f"user:{slug}@{code}", "name": name, "lat": lat, "lon": lon,
               "country": ob.country if ob else "", "geonames_admin1": None,
               "admin1_code": ob.admin1_code if ob else None, "population": 0, "feature_code": None,
               "alternate_names": aliases, "source": (row.get("source") or "").strip() or f"user CSV {path.name}",
               "keys": list(place_keys(name, aliases))}


def detect_kind(path: Path) -> str:
    """``geonames`` for a tab-separated dump (or its zip), ``csv`` for a user CSV."""
    if zipfile.is_zipfile(path):
        return "geonames"
    if path.suffix.lower() == ".csv":
        return "csv"
    with open(path, "rb") as fh:
        head = fh.readline()
    return "geonames" if head.count(b"\t") >= 10 else "csv"


def import_file(path: Path | str, *, allow_outside_region: bool = False, skip_bad_lines: bool = False,
                store: Path | None = None) -> ImportResult:
    """Add a GeoNames dump or user CSV to the extensions; a bad line aborts with its number, nothing written."""
    path = Path(path)
    if not path.is_file():
        raise InputError("no such file", path)
    kind = detect_kind(path)
    result = ImportResult(path=path, kind=kind, store=store or extensions_path())
    problems = _Problems(path, skip_bad_lines)
    make = _geonames_records if kind == "geonames" else _csv_records
    new = {r["gazetteer_id"]: r for r in make(path, problems, allow_outside_region, result)}
    result.skipped = problems.lines
    result.kept = len(new)
    from .txn import locked

    with locked(result.store):  # read-modify-write: a concurrent import waits instead of being lost
        existing = {r["gazetteer_id"]: r for r in read_extensions(result.store)}
        for gid, rec in new.items():
            old = existing.get(gid)
            if old is None:
                result.added += 1
            elif _same(old, rec):
                result.unchanged += 1
                continue
            else:
                result.updated += 1
            existing[gid] = rec
        if result.added or result.updated:
            write_extensions(list(existing.values()), result.store)
            clear_cache()
    return result


def _same(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return {k: v for k, v in a.items() if k != "keys"} == {k: v for k, v in b.items() if k != "keys"}
