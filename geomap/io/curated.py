"""Curated event files (YAML or CSV) that people edit by hand, read into records.

A record is a plain dict of event properties plus optional ``lon``/``lat``,
with ``_path``/``_line`` so every later error can point at the row. Placing a
record on the map is :mod:`geomap.place`'s job, not this module's.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..schema import SOURCE_KEYS

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
    import yaml

    class LineLoader(yaml.SafeLoader):
        """SafeLoader that records each mapping's line and keeps dates as text."""

    # Dates stay strings so that a bad date is reported by validation, not a YAML crash.
    LineLoader.yaml_implicit_resolvers = {
        k: [r for r in v if r[0] != "tag:yaml.org,2002:timestamp"]
        for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def construct_mapping(loader, node, deep=False):
        mapping = yaml.SafeLoader.construct_mapping(loader, node, deep=True)
        mapping["_line"] = node.start_mark.line + 1
        return mapping

    LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    try:
        doc = yaml.load(text, Loader=LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(f"invalid YAML: {problem}", path, where) from None
    except ValueError as exc:
        raise InputError(f"invalid YAML value: {exc}", path) from None
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
        for s in rec.get("sources") or []:
            if isinstance(s, dict):
                s.pop("_line", None)
        rec["_index"] = i
        out.append(rec)
    return out


def _csv_records(path: Path, text: str) -> list[dict[str, Any]]:
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames:
        return []
    header = [h.strip() for h in reader.fieldnames]
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
                rec["fatalities"] = int(rec["fatalities"])
            except ValueError:
                raise InputError(f"fatalities {rec['fatalities']!r} is not a whole number", path, f"line {line}") from None
        for key in ("lon", "lat"):
            if row.get(key):
                try:
                    rec[key] = float(row[key])
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
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError("no such file", path) from None
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start})", path) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path) from None
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
    return sorted(p for p in d.iterdir() if p.suffix.lower() in CURATED_SUFFIXES and p.is_file())
