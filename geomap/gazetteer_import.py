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
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from .errors import InputError
from .gazetteer import (
    clear_cache, extensions_path, load_gazetteer, oblast_by_code, oblast_table, place_keys, read_extensions,
    set_project_places, write_extensions,
)
from .io import limits
from .io.limits import (MAX_CSV_FIELD_CHARS, MAX_LINE_BYTES, MAX_NUMBER_DIGITS, MAX_ZIP_MEMBER_BYTES, MAX_ZIP_RATIO,
                        check_regular_file, read_bounded, short)
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
    skipped: list[str] = field(default_factory=list)  # the first MAX_REPORTED_LINES bad lines, described
    bad_lines: int = 0
    store: Path | None = None

    def summary(self) -> str:
        return (f"{self.path.name}: {self.kept} place(s) kept of {self.read} read; {self.added} added, "
                f"{self.updated} updated, {self.unchanged} unchanged"
                + (f"; {self.bad_lines} bad line(s) skipped" if self.bad_lines else ""))


class _Problems:
    """Bad lines of a file: the first is raised, unless the caller asked to skip them.

    Also counts lines in a row that hold no record (blank, comment or bad): past
    MAX_LINES_WITHOUT_ROW the file is refused, so gigabytes of blank lines or junk
    end in seconds, not minutes, and skipped lines never pile up in memory.
    """

    def __init__(self, path: Path, skip: bool, what: str = "GeoNames dump"):
        self.path, self.skip, self.what, self.lines = path, skip, what, []
        self.count = self.since_row = 0

    def add(self, line: int, message: str) -> None:
        if not self.skip:
            raise InputError(f"{message}; nothing was imported", self.path, f"line {line}")
        self.count += 1
        if len(self.lines) < limits.MAX_REPORTED_LINES:
            self.lines.append(f"line {line}: {message}")
        self.no_row(line)

    def row(self) -> None:
        """A line held a well-formed record."""
        self.since_row = 0

    def no_row(self, line: int) -> None:
        """A line held no record (blank, comment or bad)."""
        self.since_row += 1
        if self.since_row > limits.MAX_LINES_WITHOUT_ROW:
            raise InputError(f"{limits.MAX_LINES_WITHOUT_ROW:,} lines in a row hold no record (blank lines, comments "
                             f"or bad lines); not a {self.what}; nothing was imported", self.path, f"line {line}")


def _lines(path: Path) -> Iterator[tuple[int, bytes]]:
    """Numbered raw lines of a dump, also from inside GeoNames' ``RU.zip``; bounded and checked.

    A line over MAX_LINE_BYTES, a zip member that inflates past MAX_ZIP_MEMBER_BYTES or
    MAX_ZIP_RATIO times its compressed size, and a corrupt, encrypted or unsupported zip
    are one-line errors, read no further.
    """
    if zipfile.is_zipfile(path):
        try:
            with zipfile.ZipFile(path) as zf:
                infos = [i for i in zf.infolist() if i.filename.endswith(".txt") and "readme" not in i.filename.lower()]
                if len(infos) != 1:
                    raise InputError(f"expected one .txt dump inside the zip, found {len(infos)}", path)
                info = infos[0]
                if info.flag_bits & 0x1:
                    raise InputError(f"{info.filename} in the zip is encrypted; geomap reads plain zips", path)
                if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                    raise InputError(f"{info.filename} in the zip uses compression method {info.compress_type}; "
                                     "geomap reads stored or deflated members", path)
                limit = min(MAX_ZIP_MEMBER_BYTES, max(info.compress_size, 1 << 16) * MAX_ZIP_RATIO)
                if info.file_size > limit:
                    raise InputError(_inflate_message(info.filename, info.file_size, info.compress_size), path)
                with zf.open(info) as fh:
                    yield from _bounded_lines(fh, path, limit, info)
        except InputError:
            raise
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError,
                ValueError) as exc:
            raise InputError(f"corrupt zip: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}",
                             path) from None
        return
    size = check_regular_file(path).st_size
    if size > MAX_ZIP_MEMBER_BYTES:
        raise InputError(f"file is {size:,} bytes; a GeoNames country dump is at most {MAX_ZIP_MEMBER_BYTES:,}", path)
    with open(path, "rb") as fh:
        yield from _bounded_lines(fh, path, None, None)


def _inflate_message(name: str, size: int, packed: int) -> str:
    return (f"{name} inflates to {size:,} bytes from {packed:,} (limits: {MAX_ZIP_MEMBER_BYTES:,} bytes, "
            f"{MAX_ZIP_RATIO} times the compressed size); not a GeoNames dump")


def _bounded_lines(fh, path: Path, limit: int | None, info) -> Iterator[tuple[int, bytes]]:
    total = 0
    n = 0
    while True:
        line = fh.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        n += 1
        if len(line) > MAX_LINE_BYTES:
            raise InputError(f"line is over {MAX_LINE_BYTES:,} bytes; not a GeoNames dump line; "
                             "nothing was imported", path, f"line {n}")
        total += len(line)
        if limit is not None and total > limit:
            raise InputError(_inflate_message(info.filename, total, info.compress_size), path)
        yield n, line


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
            problems.no_row(n)
            continue
        cols = line.split("\t")
        if len(cols) != GEONAMES_COLUMNS:
            problems.add(n, f"expected {GEONAMES_COLUMNS} tab-separated columns (GeoNames dump format), "
                            f"found {len(cols)}")
            continue
        result.read += 1
        if not (cols[GN_ID].isascii() and cols[GN_ID].isdigit()) or len(cols[GN_ID]) > MAX_NUMBER_DIGITS:
            problems.add(n, f"geonameid {short(cols[GN_ID])} is not a number of at most {MAX_NUMBER_DIGITS} digits")
            continue
        try:
            lat, lon = float(cols[GN_LAT]), float(cols[GN_LON])
        except ValueError:
            col, val = ("latitude", cols[GN_LAT]) if not _is_float(cols[GN_LAT]) else ("longitude", cols[GN_LON])
            problems.add(n, f"{col} {short(val)} is not a number")
            continue
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            problems.add(n, f"coordinates [{lon}, {lat}] are out of range")
            continue
        problems.row()
        if cols[GN_CLASS] != "P":
            continue
        pop_text = cols[GN_POP].strip() or "0"
        digits = pop_text.removeprefix("-")
        if not (digits.isascii() and digits.isdigit()) or len(digits) > MAX_NUMBER_DIGITS:
            problems.add(n, f"population {short(cols[GN_POP])} is not a number of at most {MAX_NUMBER_DIGITS} digits")
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
    from .regions import load_regions

    regions = load_regions()
    try:
        text = read_bounded(path).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("not UTF-8 text", path) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    problems.what = "CSV of places"
    try:
        yield from _csv_rows(path, reader, regions, problems, allow_outside, result)
    except csv.Error as exc:
        raise InputError(f"invalid CSV: {exc} (a cell may hold at most {MAX_CSV_FIELD_CHARS:,} characters)",
                         path, f"line {reader.line_num}") from None


def _csv_dicts(reader, header: list[str], problems: _Problems) -> Iterator[tuple[int, dict[str, str] | None]]:
    """(line, row as a dict) for each non-blank row; None for a row with more fields than the header.

    Blank lines count towards MAX_LINES_WITHOUT_ROW (csv.DictReader would skip any number of them).
    """
    for cells in reader:
        if not cells:
            problems.no_row(reader.line_num)
            continue
        if len(cells) > len(header):
            yield reader.line_num, None
            continue
        yield reader.line_num, dict(zip(header, cells))


def _csv_rows(path: Path, reader, regions, problems: _Problems, allow_outside: bool, result: ImportResult):
    from .regions import BORDER_TOLERANCE_DEG

    header: list[str] = []
    for cells in reader:
        if cells:
            header = [h.strip().lower() for h in cells]
            break
        problems.no_row(reader.line_num)
    dup = sorted({h for h in header if header.count(h) > 1})
    if dup:
        raise InputError(f"column(s) {', '.join(map(repr, dup))} appear more than once", path, "line 1")
    missing = [c for c in ("name", "lat", "lon") if c not in header]
    if missing:
        raise InputError(f"CSV header lacks {', '.join(missing)} (columns: {', '.join(CSV_COLUMNS)})", path, "line 1")
    for n, row in _csv_dicts(reader, header, problems):
        result.read += 1
        if row is None:
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
            problems.add(n, f"lat {short(row.get('lat'))} / lon {short(row.get('lon'))} are not numbers")
            continue
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            problems.add(n, f"coordinates [{lon}, {lat}] are out of range")
            continue
        problems.row()  # well-formed, whether or not it is kept
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


def project_records(paths: list[Path]) -> list[dict[str, Any]]:
    """The places of a project's CSV files (same columns as ``geomap gazetteer import``); a bad line is an error.

    Each place keeps the file it came from as its source (``project data/gazetteer/x.csv``).
    A place in two files, or twice in one, is refused: which of the two would be the answer?
    """
    out: dict[str, dict[str, Any]] = {}
    for path in paths:
        result = ImportResult(path=path, kind="csv")
        for rec in _csv_records(path, _Problems(path, False), False, result):
            if rec["source"] == f"user CSV {path.name}":
                rec["source"] = f"project data/gazetteer/{path.name}"
            rec["gazetteer_id"] = rec["gazetteer_id"].replace("user:", "project:", 1)
            if rec["gazetteer_id"] in out:
                raise InputError(f"{rec['name']!r} is already listed (as {rec['gazetteer_id']}); list each place "
                                 "once", path)
            out[rec["gazetteer_id"]] = rec
    return list(out.values())


PROJECT_PLACES_DIR = ("data", "gazetteer")  # under a project's root: CSV files of places the team added


def project_places_files(root: Path | str) -> list[Path]:
    """The project's place files, ``ROOT/data/gazetteer/*.csv``, in name order."""
    return sorted(Path(root).joinpath(*PROJECT_PLACES_DIR).glob("*.csv"))


def use_project(root: Path | str | None) -> None:
    """Read the places kept in the project at ``root`` (``data/gazetteer/*.csv``) from now on; None forgets them.

    ``build``, ``extract`` and ``geocode`` call it with their ``--root``, so everyone who
    clones the project gets the same dots. The files are checked now (a bad line stops
    here, naming it).
    """
    files = project_places_files(root) if root is not None else []
    key = tuple((str(f.resolve()), f.stat().st_size, f.stat().st_mtime_ns) for f in files)
    set_project_places(key, project_records(files) if files else [])
    if key:
        load_gazetteer()


def detect_kind(path: Path) -> str:
    """``geonames`` for a tab-separated dump (or its zip), ``csv`` for a user CSV."""
    check_regular_file(path)
    if zipfile.is_zipfile(path):
        return "geonames"
    if path.suffix.lower() == ".csv":
        return "csv"
    with open(path, "rb") as fh:
        head = fh.readline(MAX_LINE_BYTES)
    return "geonames" if head.count(b"\t") >= 10 else "csv"


def import_file(path: Path | str, *, allow_outside_region: bool = False, skip_bad_lines: bool = False,
                store: Path | None = None) -> ImportResult:
    """Add a GeoNames dump or user CSV to the extensions; a bad line aborts with its number, nothing written."""
    path = Path(path)
    check_regular_file(path)
    kind = detect_kind(path)
    result = ImportResult(path=path, kind=kind, store=store or extensions_path())
    problems = _Problems(path, skip_bad_lines)
    make = _geonames_records if kind == "geonames" else _csv_records
    new = {r["gazetteer_id"]: r for r in make(path, problems, allow_outside_region, result)}
    result.skipped, result.bad_lines = problems.lines, problems.count
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
