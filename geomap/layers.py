"""The GeoJSON layer store: one FeatureCollection per event type in a directory.

The directory changes as a whole (:mod:`geomap.txn`): a writer takes the
store's lock, writes a complete new generation beside it and switches in one
step; readers read one generation. Files are written deterministically:
features sorted by ``date_start`` then ``id``, properties in the schema's
order, coordinates rounded to 6 decimals, one feature per line so that a git
diff shows which events changed.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
import os
import shutil
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

import orjson

from .errors import InputError, OutputError
from .gcpause import paused_gc
from .io.limits import open_regular
from .io.common import (_atomic_write_chunks, atomic_write_bytes, atomic_write_text,  # noqa: F401 (re-exported)
                        collection_head, collection_tail)
from .schema import EVENT_TYPES, PROPERTIES, canonical_properties, group_by_type, make_id
from .txn import discard, fsync_dir, locked, new_stage, publish, same_file

LAYER_SUFFIX = ".geojson"


def layer_path(layer_dir: Path | str, event_type: str) -> Path:
    return Path(layer_dir) / f"{event_type}{LAYER_SUFFIX}"


_FEATURE_KEYS = ("type", "id", "geometry", "properties")
_POINT_KEYS = ("type", "coordinates")


def _already_canonical(feature: Mapping[str, Any]) -> bool:
    """True for a feature exactly in the store's shape (as geomap reads and writes them)."""
    try:
        props = feature["properties"]
        geom = feature["geometry"]
        lon, lat = geom["coordinates"]
        return (tuple(feature) == _FEATURE_KEYS and tuple(props) == PROPERTIES and tuple(geom) == _POINT_KEYS
                and feature["id"] == props["id"] and feature["id"] and geom["type"] == "Point"
                and type(lon) is float and type(lat) is float and _at_6_decimals(lon) and _at_6_decimals(lat))
    except (KeyError, TypeError, ValueError, OverflowError):
        return False


def _at_6_decimals(x: float) -> bool:
    """``round(x, 6) == x`` for coordinates, at a fraction of its cost.

    ``k / 1e6`` is the double nearest k millionths (IEEE division is exact
    then rounded), so x equals it exactly when x is already rounded to 6
    decimals; ``round(x, 6)`` goes through decimal strings and costs 5x more.
    """
    return round(x * 1e6) / 1e6 == x


def canonical_feature(feature: Mapping[str, Any]) -> dict[str, Any]:
    """A feature in the store's exact shape (key order, rounding, id in both places).

    A feature already in that shape with properties in the contract's order
    (what geomap itself reads and writes) is returned as it is: re-checking
    every value of a million events would cost more than serialising them.
    """
    if _already_canonical(feature):
        return feature  # type: ignore[return-value]
    props = feature.get("properties") or {}
    if not (tuple(props) == PROPERTIES and props["id"]):
        props = canonical_properties(props)
        if not props["id"]:
            props["id"] = feature.get("id") or make_id(props)
    lon, lat = feature["geometry"]["coordinates"][:2]
    return {
        "type": "Feature",
        "id": props["id"],
        "geometry": {"type": "Point", "coordinates": [round(float(lon), 6), round(float(lat), 6)]},
        "properties": props,
    }


def dumps_feature(feature: Mapping[str, Any]) -> bytes:
    """One canonical feature as compact JSON (no newline)."""
    return orjson.dumps(canonical_feature(feature))


_FEATURE_START = b'{"type":"Feature"'
_SEP = b"}," + _FEATURE_START  # between two features in orjson's output of a list
_NL_SEP = b"},\n" + _FEATURE_START
_CHUNK = 4096


def _layer_chunks(name: str, features: list[Mapping[str, Any]], order: list[int]) -> Iterator[bytes]:
    """The layer file in pieces: header, features one per line in ``order``, footer.

    Features are serialised by one orjson call per chunk (one call per feature
    costs several times more), and always in the order they sit in memory:
    serialising a million events in sorted order instead jumps around the heap
    and runs 6x slower. When the input is not already in store order, each
    feature's JSON is kept and the lines are written out in ``order``.
    ``},{"type":"Feature"`` cannot occur inside a JSON string (its quotes would
    be escaped), so cutting there only ever splits between values.
    """
    yield collection_head(name)  # the frame every geomap FeatureCollection shares (io/common)
    if not features:
        yield collection_tail(True)
        return
    if order == list(range(len(features))):
        for start in range(0, len(features), _CHUNK):
            body = orjson.dumps(features[start:start + _CHUNK])[1:-1].replace(_SEP, _NL_SEP)
            yield (b",\n" + body) if start else body
    else:
        inner = _feature_inners(features)
        for start in range(0, len(order), _CHUNK):
            body = _NL_SEP.join([inner[i] for i in order[start:start + _CHUNK]])
            yield (b",\n" + _FEATURE_START if start else _FEATURE_START) + body + b"}"
    yield collection_tail(False)


def _feature_inners(features: list[Mapping[str, Any]]) -> list[bytes]:
    """Each feature's JSON without its leading ``{"type":"Feature"`` and closing brace."""
    out: list[bytes] = []
    skip = 1 + len(_FEATURE_START)
    for start in range(0, len(features), _CHUNK):
        part = features[start:start + _CHUNK]
        pieces = orjson.dumps(part)[skip:-2].split(_SEP)
        if len(pieces) != len(part):  # a nested value held a feature-like object: cut feature by feature
            pieces = [orjson.dumps(f)[skip - 1:-1] for f in part]
        out.extend(pieces)
    return out


def _store_key(feature: Mapping[str, Any]) -> str:
    p = feature["properties"]
    return f"{p.get('date_start') or '9999-99-99'}\x00{p.get('id') or feature.get('id') or ''}"


def store_order(features: list[Mapping[str, Any]]) -> list[int]:
    """Indices of ``features`` in store order: ``date_start`` then ``id``, ties in input order.

    One string key per feature is cheaper to compare than tuples.
    """
    keys = [_store_key(f) for f in features]
    return sorted(range(len(keys)), key=keys.__getitem__)


def write_layer(path: Path | str, features: Iterable[Mapping[str, Any]], name: str | None = None) -> int:
    """Write one layer file atomically and deterministically; returns the count.

    Features are made canonical first (ids filled in), then sorted by date and id.
    """
    path = Path(path)
    with paused_gc():
        feats = [canonical_feature(f) for f in features]
        _atomic_write_chunks(path, _layer_chunks(name or path.stem, feats, store_order(feats)))
    return len(feats)


def read_layer(path: Path | str) -> list[dict[str, Any]]:
    """The features of one layer file (any GeoJSON FeatureCollection)."""
    path = Path(path)
    try:
        with open_regular(path) as fh:  # a FIFO or a link to /dev/zero is refused, not read forever
            data = fh.read()
    except FileNotFoundError:
        raise InputError("no such file", path) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path) from None
    return parse_layer(data, path)


def parse_layer(data: bytes, path: Path | str) -> list[dict[str, Any]]:
    """The features of one layer file's bytes; ``path`` names it in errors."""
    try:
        with paused_gc():
            doc = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg}", path, f"line {exc.lineno} column {exc.colno}") from None
    if isinstance(doc, dict) and doc.get("type") == "Feature":
        return [doc]
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection" or not isinstance(doc.get("features"), list):
        raise InputError("not a GeoJSON FeatureCollection", path)
    for i, f in enumerate(doc["features"]):
        if not isinstance(f, dict) or f.get("type") != "Feature":
            raise InputError("not a GeoJSON Feature", path, f"feature {i}")
        g = f.get("geometry")
        if not isinstance(g, dict) or not isinstance(g.get("coordinates"), list) or len(g["coordinates"]) < 2:
            raise InputError("geometry is not a Point with [lon, lat]", path, f"feature {i}")
    return doc["features"]


def _ordered_names(names: Iterable[str]) -> list[str]:
    """Layer file names in event-type order, then any others by name."""
    found = {n for n in names if n.endswith(LAYER_SUFFIX) and not n.startswith(".")}
    known = [f"{t}{LAYER_SUFFIX}" for t in EVENT_TYPES if f"{t}{LAYER_SUFFIX}" in found]
    return known + sorted(found - set(known))


def layer_files(layer_dir: Path | str) -> list[Path]:
    """The layer files in a directory, in event-type order, then any others by name."""
    d = Path(layer_dir)
    if not d.is_dir():
        raise InputError("not a directory of layers", d)
    return [d / n for n in _ordered_names(p.name for p in d.iterdir() if not p.is_dir())]  # a FIFO is listed, then refused


_SNAPSHOT_TRIES = 50


def read_layer_dir(layer_dir: Path | str) -> list[tuple[Path, list[dict[str, Any]]]]:
    """Each layer file of a directory with its features, all from one generation of the store.

    The files are all opened first, relative to the directory opened once (:func:`_open_generation`);
    if a writer published a new generation meanwhile, they are opened again, so the result never
    mixes two generations.
    """
    out = []
    with _generation(Path(layer_dir)) as opened:
        for path, fh in opened:
            try:
                data = fh.read()
            except OSError as exc:
                raise InputError(f"cannot read: {exc.strerror or exc}", path) from None
            out.append((path, parse_layer(data, path)))
    return out


class NotLines(Exception):
    """A layer file not laid out as geomap writes it (head line, one feature a line, tail)."""


def layer_lines(fh, name: str) -> Iterator[bytes]:
    """The features of a layer file as geomap writes it (:func:`write_layer`: its head line, one feature
    a line, its tail), each feature's JSON as it is in the file; :class:`NotLines` for another layout."""
    end, last = collection_tail(True), collection_tail(False)[1:]
    if fh.readline() != collection_head(name):
        raise NotLines
    line = fh.readline()
    if line == end:
        if fh.read(1):
            raise NotLines
        return
    while True:
        if line.endswith(b",\n"):
            yield line[:-2]
            line = fh.readline()
        elif line.endswith(b"\n") and fh.readline() == last and not fh.read(1):
            yield line[:-1]
            return
        else:
            raise NotLines


def _check_feature(f: Any, path: Path, i: int) -> None:
    """What :func:`parse_layer` requires of each feature."""
    if not isinstance(f, dict) or f.get("type") != "Feature":
        raise InputError("not a GeoJSON Feature", path, f"feature {i}")
    g = f.get("geometry")
    if not isinstance(g, dict) or not isinstance(g.get("coordinates"), list) or len(g["coordinates"]) < 2:
        raise InputError("geometry is not a Point with [lon, lat]", path, f"feature {i}")


def iter_layers(layer_dir: Path | str) -> Iterator[dict[str, Any]]:
    """Every feature of a layer directory, as :func:`read_layers` gives them, a line at a time: memory holds
    a feature, not the store. All files are opened now, from one generation of the store (so a missing
    directory fails here); a file laid out otherwise than geomap writes it is read whole."""
    opened = _open_generation(Path(layer_dir))

    def features() -> Iterator[dict[str, Any]]:
        try:
            for path, fh in opened:
                yield from _file_features(path, fh)
        finally:
            for _, fh in opened:
                fh.close()

    return features()


@contextmanager
def _generation(d: Path) -> Iterator[list[tuple[Path, Any]]]:
    """:func:`_open_generation`'s files, closed on leaving."""
    opened = _open_generation(d)
    try:
        yield opened
    finally:
        for _, fh in opened:
            fh.close()


def _open_generation(d: Path) -> list[tuple[Path, Any]]:
    """Each layer file of the directory, open, all from one generation (as :func:`read_layer_dir` reads)."""
    for _ in range(_SNAPSHOT_TRIES):
        opened: list[tuple[Path, Any]] = []
        try:
            dfd = os.open(d, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        except OSError:
            raise InputError("not a directory of layers", d) from None
        try:
            for name in _ordered_names(os.listdir(dfd)):
                try:
                    fh = open_regular(name, dir_fd=dfd, skip_dirs=True, shown=d / name)
                except FileNotFoundError:
                    if same_file(d, dfd):  # still this generation: a dangling link, not a writer's swap
                        raise InputError("no such file (a link to nothing?)", d / name) from None
                    raise
                if fh is not None:
                    opened.append((d / name, fh))
            if same_file(d, dfd):
                return opened
        except FileNotFoundError:  # an old generation being removed: open the new one
            pass
        except OSError as exc:
            for _, fh in opened:
                fh.close()
            raise InputError(f"cannot read: {exc.strerror or exc}", d) from None
        except BaseException:
            for _, fh in opened:
                fh.close()
            raise
        finally:
            os.close(dfd)
        for _, fh in opened:
            fh.close()
    raise InputError("the layer directory kept changing while it was read; try again", d)


def count_layers(layer_dir: Path | str) -> int:
    """How many features a layer directory holds, counting lines where geomap wrote them (no parse)."""
    n = 0
    with _generation(Path(layer_dir)) as opened:
        for path, fh in opened:
            try:
                n += sum(1 for _ in layer_lines(fh, path.name[:-len(LAYER_SUFFIX)]))
            except NotLines:
                fh.seek(0)
                n += len(parse_layer(fh.read(), path))
    return n


def _file_features(path: Path, fh) -> Iterator[dict[str, Any]]:
    """One open layer file's features, a line at a time when geomap wrote it, else read whole."""
    i = 0
    try:
        for raw in layer_lines(fh, path.name[:-len(LAYER_SUFFIX)]):
            f = orjson.loads(raw)
            _check_feature(f, path, i)
            i += 1
            yield f
        return
    except (NotLines, orjson.JSONDecodeError):
        pass
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path) from None
    # another layout: read whole (its errors are the whole read's); the first i features, one a line
    # before it, are the first i of the whole read and were given already
    fh.seek(0)
    yield from parse_layer(fh.read(), path)[i:]


def read_layers(layer_dir: Path | str) -> list[dict[str, Any]]:
    """Every feature in a layer directory (all types), in layer then file order, from one generation."""
    out: list[dict[str, Any]] = []
    for _, feats in read_layer_dir(layer_dir):
        out.extend(feats)
    return out


def write_generation(stage: Path | str, features: Iterable[Mapping[str, Any]]) -> dict[str, int]:
    """The five layer files of a new generation, written into a new or empty staging directory (no lock)."""
    stage = Path(stage)
    stage.mkdir(parents=True, exist_ok=True)
    groups = group_by_type(features)
    counts = {t: write_layer(layer_path(stage, t), groups[t], name=t) for t in EVENT_TYPES}
    fsync_dir(stage)
    return counts


def _carry_over(old: Path, stage: Path) -> None:
    """Files in the store that are not layers (notes, a README) go into the new generation unchanged."""
    if not old.is_dir():
        return
    for p in old.iterdir():
        if p.name.endswith(LAYER_SUFFIX):
            continue
        if p.is_dir() and not p.is_symlink():
            shutil.copytree(p, stage / p.name, symlinks=True)
        else:
            try:
                os.link(p, stage / p.name, follow_symlinks=False)
            except OSError:
                shutil.copy2(p, stage / p.name, follow_symlinks=False)


def _commit(layer_dir: Path, features: Iterable[Mapping[str, Any]]) -> dict[str, int]:
    """Write a complete new generation beside ``layer_dir`` and switch to it in one step (lock held)."""
    if layer_dir.exists() and not layer_dir.is_dir():
        raise OutputError(f"{layer_dir}: cannot write layers: not a directory")
    stage = new_stage(layer_dir)
    try:
        counts = write_generation(stage, features)
        _carry_over(layer_dir, stage)
        publish(stage, layer_dir)
    except OSError as exc:
        raise OutputError(f"{layer_dir}: cannot write: {exc.strerror or exc}; the layers are as they were") from None
    finally:
        discard(stage)
    return counts


def write_layers(layer_dir: Path | str, features: Iterable[Mapping[str, Any]]) -> dict[str, int]:
    """Replace a layer directory as a whole: one file per event type, all five always.

    The new generation is written beside the old one and switched in one step
    under the store's writer lock, so a reader or a killed run sees the old or
    the new layers, never a mix. A type with no events gets an empty
    collection. Returns the count per type.
    """
    d = Path(layer_dir)
    with locked(d):
        return _commit(d, features)


@dataclass
class MergeResult:
    """What a merge did, by id: events added, updated (a re-typed event moves layers), removed, unchanged."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    ids_added: list[str] = field(default_factory=list)
    ids_updated: list[str] = field(default_factory=list)
    ids_removed: list[str] = field(default_factory=list)
    ids_retyped: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.added + self.updated + self.unchanged

    def __str__(self) -> str:
        moved = f" ({len(self.ids_retyped)} moved to another layer)" if self.ids_retyped else ""
        return f"{self.added} added, {self.updated} updated{moved}, {self.unchanged} unchanged, {self.removed} removed"

    def count(self, old: Mapping[str, Any] | None, new: Mapping[str, Any]) -> bool:
        """Record one canonical event against its previous version; True when it is added or changed."""
        if old is None:
            self.added += 1
            self.ids_added.append(new["id"])
        elif orjson.dumps(old) == orjson.dumps(new):
            self.unchanged += 1
            return False
        else:
            self.updated += 1
            self.ids_updated.append(new["id"])
            if old["properties"].get("event_type") != new["properties"].get("event_type"):
                self.ids_retyped.append(new["id"])
        return True

    def drop(self, event_id: str) -> None:
        """Record one event removed (only ever one a caller asked to remove)."""
        self.removed += 1
        self.ids_removed.append(event_id)


def _describe(i: int, feature: Mapping[str, Any]) -> str:
    t = (feature.get("properties") or {}).get("event_type")
    return f"feature {i}" + (f" ({t})" if t else "")


def merge_features(existing: Iterable[Mapping[str, Any]], new: Iterable[Mapping[str, Any]],
                   remove: Iterable[str] = ()) -> tuple[list[dict[str, Any]], MergeResult]:
    """Merge ``new`` into ``existing`` by id, removing exactly the ids in ``remove``.

    Nothing else in ``existing`` is dropped. Two events in ``new`` with the same
    id are an error naming both (one would silently replace the other).
    """
    new = list(new)
    by_id: dict[str, dict[str, Any]] = {}
    for f in existing:
        cf = canonical_feature(f)
        by_id[cf["id"]] = cf
    result = MergeResult()
    for rid in dict.fromkeys(remove):
        if by_id.pop(rid, None) is not None:
            result.drop(rid)
    seen: dict[str, int] = {}
    for i, f in enumerate(new):
        cf = canonical_feature(f)
        first = seen.setdefault(cf["id"], i)
        if first != i:
            raise InputError(f"duplicate id {cf['id']}: {_describe(first, new[first])} and "
                             f"{_describe(i, cf)} of the input; nothing was merged")
        if result.count(by_id.get(cf["id"]), cf):
            by_id[cf["id"]] = cf
    return list(by_id.values()), result


def merge_whole(d: Path, features: Iterable[Mapping[str, Any]], remove: Iterable[str]) -> MergeResult:
    """Merge events into layer directory ``d`` with the whole store in memory; the caller holds the
    store's writer lock. :func:`geomap.layer_merge.merge_into` (the merge everything uses) falls back
    on it for a directory its streamed merge does not take exactly."""
    existing = read_layers(d) if d.is_dir() else []
    merged, result = merge_features(existing, features, remove)
    if result.added or result.updated or result.removed or not d.is_dir():
        _commit(d, merged)
    return result
