"""Validate layer files, layer directories and curated files; every problem, located."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

from .io.curated import CURATED_SUFFIXES, curated_files, read_curated
from .errors import InputError
from .io.limits import check_regular_file
from .layers import LAYER_SUFFIX, layer_files, read_layer
from .place import record_to_feature
from .regions import Regions, load_regions
from .schema import Problem, validate_features


def curated_features(path: Path, regions: Regions, resolver=None) -> tuple[list[dict[str, Any]], list[Problem], list[tuple]]:
    """Features of a curated file; records that cannot be placed become problems.

    Records that name a place instead of giving lon/lat are geocoded by
    ``resolver`` (default: the gazetteer's strict ``geocode.curated_resolver``).
    """
    if resolver is None:
        from .geocoding import curated_resolver as resolver
    feats, problems, lines = [], [], []
    for rec in read_curated(path):
        try:
            feats.append(record_to_feature(rec, regions, resolver))
            lines.append((rec.get("_line"), rec.get("_index")))
        except InputError as exc:
            problems.append(Problem(str(path), rec.get("_index"), rec.get("id"), "location", exc.detail,
                                    line=rec.get("_line"), kind="record"))
    return feats, problems, lines


def _expand(paths: Iterable[Path | str]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found = layer_files(p) + curated_files(p)
            for f in found:
                check_regular_file(f)
            if not found:
                raise InputError("no layer (.geojson) or curated (.yaml, .csv) files", p)
            out.extend(found)
        elif p.exists() or p.is_symlink():
            check_regular_file(p)  # a FIFO would hang the reader, /dev/zero never ends
            out.append(p)
        else:
            raise InputError("no such file or directory", p)
    return out


def validate_paths(paths: Iterable[Path | str], regions: Regions | None = None) -> list[Problem]:
    """Every problem in the given files and directories, including ids repeated across files."""
    regions = regions or load_regions()
    problems: list[Problem] = []
    first_seen: dict[str, str] = {}
    for path in _expand(paths):
        suffix = path.suffix.lower()
        if suffix in CURATED_SUFFIXES:
            feats, probs, lines = curated_features(path, regions)
            problems.extend(probs)
            found = validate_features(feats, str(path), regions)
            problems.extend(
                Problem(p.path, lines[p.index][1], p.id, p.field, p.message, p.severity,
                        line=lines[p.index][0], kind="record")
                for p in found
            )
        elif suffix in (LAYER_SUFFIX, ".json"):
            feats = read_layer(path)
            problems.extend(validate_features(feats, str(path), regions))
        else:
            raise InputError("not a layer (.geojson) or curated (.yaml, .csv) file", path)
        for i, f in enumerate(feats):
            props = f.get("properties") if isinstance(f, dict) else None
            fid = (props.get("id") if isinstance(props, dict) else None) or (f.get("id") if isinstance(f, dict) else None)
            if not fid or not isinstance(fid, str):  # a missing or non-text id is reported above
                continue
            if fid in first_seen and first_seen[fid] != str(path):
                problems.append(Problem(str(path), i, fid, "id", f"duplicate id (also in {first_seen[fid]})"))
            first_seen.setdefault(fid, str(path))
    return problems
