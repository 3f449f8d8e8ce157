"""Plain CSV out: one row per event, longitude/latitude and WKT, lists joined, nested values as JSON."""
from __future__ import annotations

import csv
import io
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


def _csv_chunks(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> Iterator[bytes]:
    sio = io.StringIO()
    w = csv.writer(sio, lineterminator="\r\n")
    w.writerow(columns)
    n = 0
    for row in rows:
        w.writerow(row)
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


def write_csv(path: Path | str, features: Iterable[Mapping[str, Any]]) -> Path:
    """One row per event with ``longitude``, ``latitude`` and ``wkt`` columns (UTF-8, RFC 4180)."""
    path = Path(path)
    _atomic_write_chunks(path, _csv_chunks(CSV_COLUMNS, (csv_row(f) for f in features)))
    return path
