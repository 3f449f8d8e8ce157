"""Curated event files (YAML or CSV) that people edit by hand, read into records.

A record is a plain dict of event properties plus optional ``lon``/``lat``,
with ``_path``/``_line`` so every later error can point at the row. Placing a
record on the map is :mod:`geomap.place`'s job, not this module's.
"""
from __future__ import annotations

import csv
import io
import math
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..schema import SOURCE_KEYS
from .limits import MAX_CSV_FIELD_CHARS, MAX_CURATED_BYTES, read_bounded, short
from .safe_yaml import load_yaml

CURATED_SUFFIXES = (".yaml", ".yml", ".csv")

# CSV: one row per event; lists are joined with ";" and several sources with "|"
# (the n-th url goes with the n-th outlet, published, claimed_by and quote).
CSV_COLUMNS = (
    "id", "event_type", "sub_type", "date_start", "date_end", "time_precision",
    "place", "place_mention", "gazetteer_id", "admin1", "admin1_code", "country",
    "geo_precision", "lon", "lat", "actors", "weapons", "fatalities", "summary",
    "claim_status", "source_url", "source_outlet", "source_published",
    "source_claimed_by", "source_quote",
)
_SOURCE_COLUMNS = SOURCE_KEYS  # source_url, source_outlet, …


def _yaml_records(path: Path, text: str) -> list[dict[str, Any]]:
    doc = load_yaml(text, path, lines=True)
    if doc is None:
        return []
    if isinstance(doc, dict) and "events" in doc:
        doc = doc["events"]
    if not isinstance(doc, list):
        raise InputError("expected a list of events (or a mapping with an 'events' list)", path)
    out = []
    for i, rec in enumerate(doc):
        if not isinstance(rec, dict):
            raise InputError("each event must be a mapping of fields", path, f"record {i}")
        _check_keys(rec, path, f"line {rec.get('_line')}")
        _strip_lines(rec)
        rec["_index"] = i
        out.append(rec)
    return out


def _check_keys(rec: dict[Any, Any], path: Path, where: str) -> None:
    """Field names are text and never start with ``_`` (geomap's own bookkeeping keys)."""
    for key in rec:
        if key == "_line":
            continue
        if not isinstance(key, str):
            raise InputError(f"field name {short(key)} is not text", path, where)
        if key.startswith("_"):
            raise InputError(f"field name {key!r} starts with '_', which geomap reserves", path, where)


def _strip_lines(rec: dict[Any, Any]) -> None:
    """Drop the ``_line`` marks the loader put on nested mappings (sources, extra …)."""
    stack = [v for k, v in rec.items() if k != "_line"]
    while stack:
        v = stack.pop()
        if isinstance(v, dict):
            v.pop("_line", None)
            stack.extend(v.values())
        elif isinstance(v, list):
            stack.extend(v)


def _csv_records(path: Path, text: str) -> list[dict[str, Any]]:
    reader = csv.DictReader(io.StringIO(text))
    try:
        return _csv_rows(path, reader)
    except csv.Error as exc:
        raise InputError(f"invalid CSV: {exc} (a cell may hold at most {MAX_CSV_FIELD_CHARS:,} characters)",
                         path, f"line {reader.line_num + 1}") from None


def _csv_rows(path: Path, reader: csv.DictReader) -> list[dict[str, Any]]:
    if not reader.fieldnames:
        return []
    header = [h.strip() for h in reader.fieldnames]
    dup = sorted({h for h in header if header.count(h) > 1})
    if dup:
        raise InputError(f"column(s) {', '.join(map(repr, dup))} appear more than once; "
                         "one of the values would be lost", path, "line 1")
    unknown = sorted(set(header) - set(CSV_COLUMNS))
    if unknown:
        raise InputError(f"unknown column(s) {', '.join(unknown)}; known: {', '.join(CSV_COLUMNS)}", path, "line 1")
    out = []
    for i, row in enumerate(reader):
        line = reader.line_num
        if None in row:
            raise InputError(f"{len(header) + len(row[None])} fields, header has {len(header)}", path, f"line {line}")
        row = {k.strip(): (v.strip() if isinstance(v, str) else v) for k, v in row.items()}
        rec: dict[str, Any] = {k: (row.get(k) or None) for k in CSV_COLUMNS
                               if not k.startswith("source_") and k not in ("lon", "lat")}
        for key in ("actors", "weapons"):
            rec[key] = [x.strip() for x in (row.get(key) or "").split(";") if x.strip()]
        if rec.get("fatalities") is not None:
            try:
                if len(rec["fatalities"]) > 18:
                    raise ValueError
                rec["fatalities"] = int(rec["fatalities"])
            except ValueError:
                raise InputError(f"fatalities {rec['fatalities']!r} is not a whole number", path, f"line {line}") from None
        for key in ("lon", "lat"):
            if row.get(key):
                try:
                    rec[key] = float(row[key])
                    if not math.isfinite(rec[key]):
                        raise ValueError
                except ValueError:
                    raise InputError(f"{key} {row[key]!r} is not a number", path, f"line {line}") from None
        parts = {c: (row.get(f"source_{c}") or "").split("|") for c in _SOURCE_COLUMNS}
        n = max(len(v) for v in parts.values()) if any(row.get(f"source_{c}") for c in _SOURCE_COLUMNS) else 0
        rec["sources"] = [
            {c: (parts[c][j].strip() if j < len(parts[c]) and parts[c][j].strip() else None) for c in _SOURCE_COLUMNS}
            for j in range(n)
        ]
        rec["_line"] = line
        rec["_index"] = i
        out.append(rec)
    return out


def read_curated(path: Path | str) -> list[dict[str, Any]]:
    """The records of one curated YAML or CSV file, each tagged with its line."""
    path = Path(path)
    if path.suffix.lower() not in CURATED_SUFFIXES:
        raise InputError(f"not a curated events file (expected {', '.join(CURATED_SUFFIXES)})", path)
    try:
        text = read_bounded(path, MAX_CURATED_BYTES).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start})", path) from None
    records = _yaml_records(path, text) if path.suffix.lower() in (".yaml", ".yml") else _csv_records(path, text)
    for rec in records:
        rec["_path"] = str(path)
        rec.setdefault("origin", "curated")
    return records


def curated_files(directory: Path | str) -> list[Path]:
    """Curated files in a directory, sorted by name (not recursive)."""
    d = Path(directory)
    if not d.is_dir():
        return []
    return sorted(p for p in d.iterdir() if p.suffix.lower() in CURATED_SUFFIXES and not p.is_dir())
