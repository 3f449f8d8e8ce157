"""Plain CSV out: one row per event, longitude/latitude and WKT, lists joined, nested values as JSON."""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, Sequence

import orjson

from .common import _atomic_write_chunks
from .features import _lonlat, export_properties


# CSV: geometry as longitude/latitude and WKT; actors and weapons joined with
# "; " (as in curated CSV files) unless an item itself holds ";", in which case
# the cell is a JSON array; sources, extraction and extra are JSON text.
CSV_COLUMNS: tuple[str, ...] = (
    "id", "event_type", "sub_type", "date_start", "date_end", "time_precision",
    "place", "place_mention", "gazetteer_id", "admin1", "admin1_code", "country",
    "geo_precision", "longitude", "latitude", "wkt", "actors", "weapons", "fatalities",
    "summary", "claim_status", "sources", "origin", "review_status", "reviewer", "extraction", "extra",
)
LIST_JOIN = "; "


def _join_list(values: list | None) -> str:
    if not values:
        return ""
    if any(LIST_JOIN.strip() in str(v) for v in values):
        return orjson.dumps(values).decode()
    return LIST_JOIN.join(str(v) for v in values)


def _json_cell(value: Any) -> str:
    if value is None or value == []:
        return ""
    return orjson.dumps(value).decode()


# CSV injection (OWASP): a spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def neutralise_cell(value: Any) -> Any:
    """A cell that a spreadsheet would run as a formula, prefixed with ``'`` (OWASP); numbers as they are.

    ``=HYPERLINK(...)`` becomes ``'=HYPERLINK(...)``; ``-3.5`` stays a number.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def _csv_chunks(columns: Sequence[str], rows: Iterable[Sequence[Any]], raw: bool = False) -> Iterator[bytes]:
    sio = io.StringIO()
    w = csv.writer(sio, lineterminator="\r\n")
    w.writerow(columns)
    n = 0
    for row in rows:
        w.writerow(row if raw else [neutralise_cell(c) for c in row])
        n += 1
        if n % 4096 == 0:
            yield sio.getvalue().encode("utf-8")
            sio.seek(0)
            sio.truncate()
    yield sio.getvalue().encode("utf-8")


def csv_row(feature: Mapping[str, Any]) -> list[Any]:
    """One event as a row of :data:`CSV_COLUMNS`."""
    p = export_properties(feature)
    lon, lat = _lonlat(feature)
    row = []
    for col in CSV_COLUMNS:
        if col == "longitude":
            row.append(repr(lon))
        elif col == "latitude":
            row.append(repr(lat))
        elif col == "wkt":
            row.append(f"POINT ({lon!r} {lat!r})")
        elif col in ("actors", "weapons"):
            row.append(_join_list(p[col]))
        elif col in ("sources", "extraction", "extra"):
            row.append(_json_cell(p[col]))
        elif col == "fatalities":
            row.append("" if p[col] is None else str(p[col]))
        else:
            row.append(p[col] or "")
    return row


def write_csv(path: Path | str, features: Iterable[Mapping[str, Any]], raw: bool = False) -> Path:
    """One row per event with ``longitude``, ``latitude`` and ``wkt`` columns (UTF-8, RFC 4180).

    Cells that would run as spreadsheet formulas are prefixed with ``'`` unless ``raw``.
    """
    path = Path(path)
    _atomic_write_chunks(path, _csv_chunks(CSV_COLUMNS, (csv_row(f) for f in features), raw))
    return path
