"""GeoParquet out and in: events in row groups, points in GeoArrow's native ``point`` encoding.

Written batch by batch (``ROW_GROUP`` events per row group), so memory holds one
batch, never the whole export. The point column is GeoArrow ``struct<x, y>``
(GeoParquet 1.1 ``"encoding": "point"``), which geopandas >= 1.0, GDAL >= 3.8 and
DuckDB read; each row group carries x/y statistics, and the date columns are
``date32``, so a reader skips row groups outside a bbox or date window.
The points are rounded to 6 decimals on the way in, as in every format.
"""
from __future__ import annotations

import json
import os
import secrets
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, Sequence

import orjson

from ..errors import InputError, OutputError
from ..schema import LIST_PROPERTIES, PROPERTIES, make_feature
from .common import ImportResult, _refuse_if_strict
from .features import JSON_PROPERTIES, _lonlat, _valid_event
from .frame import CATEGORIES

ROW_GROUP = 65_536
BATCH = 8_192  # features held as Python objects at once
_PARSE_CHUNK = 65_536  # distinct JSON texts parsed per orjson call
_DATES = ("date_start", "date_end")
# the columns :func:`frame_of` takes dictionary-encoded, as Parquet stores them: each distinct
# vocabulary word or JSON text is converted once, not once per row
FRAME_DICTIONARY = (*CATEGORIES, *JSON_PROPERTIES)


def _schema():
    import pyarrow as pa

    fields = []
    for key in PROPERTIES:
        if key in _DATES:
            fields.append(pa.field(key, pa.date32()))
        elif key == "fatalities":
            fields.append(pa.field(key, pa.int64()))
        else:
            fields.append(pa.field(key, pa.string()))
    point = pa.struct([pa.field("x", pa.float64(), nullable=False), pa.field("y", pa.float64(), nullable=False)])
    fields.append(pa.field("geometry", point, nullable=False, metadata={b"ARROW:extension:name": b"geoarrow.point"}))
    return pa.schema(fields, metadata={b"geo": _geo_metadata()})


def _batch(features: Sequence[Mapping[str, Any]], schema):
    """One record batch: the property columns as the GeoPackage writer types them, and the points."""
    import numpy as np
    import pyarrow as pa

    from .gpkg import events_table

    table = events_table(features)  # dates, int64, JSON text: one typing for both formats
    xy = np.array([_lonlat(f) for f in features], dtype="float64").reshape(-1, 2)
    point = pa.StructArray.from_arrays([pa.array(xy[:, 0]), pa.array(xy[:, 1])],
                                       fields=list(schema.field("geometry").type))
    return pa.record_batch([*(table.column(k).combine_chunks() for k in PROPERTIES), point], schema=schema)


def _geo_metadata() -> bytes:
    # no "crs" key means OGC:CRS84 (lon/lat WGS84) in GeoParquet (a null one would mean unknown); no file bbox (it would need the data before
    # the header): each row group's x/y statistics bound its points
    col: dict[str, Any] = {"encoding": "point", "geometry_types": ["Point"]}
    return json.dumps({"version": "1.1.0", "primary_column": "geometry", "columns": {"geometry": col}},
                      sort_keys=True).encode()


def _chunks(features: Iterable[Mapping[str, Any]], size: int) -> Iterator[list]:
    batch: list = []
    for f in features:
        batch.append(f)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def write_geoparquet(path: Path | str, features: Iterable[Mapping[str, Any]], *, row_group: int = ROW_GROUP,
                     progress=None) -> Path:
    """Write ``features`` (any iterable: consumed one row group at a time) to ``path``, atomically."""
    schema = _schema()
    # features become Arrow a few thousand at a time (Python dicts take ~20x the room of their Arrow columns)
    batches = (_batch(chunk, schema) for chunk in _chunks(features, min(row_group, BATCH)))
    return write_batches(path, batches, row_group=row_group, progress=progress)


def write_batches(path: Path | str, batches: Iterable, *, row_group: int = ROW_GROUP, progress=None) -> Path:
    """Write Arrow record batches of the events schema to ``path`` atomically, ``row_group`` rows per
    row group (a row group is written once its batches reach that many rows)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    schema = _schema()
    try:
        with pq.ParquetWriter(str(tmp), schema, compression="zstd", write_statistics=True) as w:
            pending, rows = [], 0
            for b in batches:
                pending.append(b)
                rows += b.num_rows
                if rows >= row_group:
                    w.write_table(pa.Table.from_batches(pending, schema), row_group_size=row_group)
                    pending, rows = [], 0
                if progress is not None:
                    progress.advance(b.num_rows)
            if pending:
                w.write_table(pa.Table.from_batches(pending, schema), row_group_size=row_group)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            tmp.unlink()
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise OutputError(f"{path}: cannot write GeoParquet: {exc.strerror or exc}") from None
        raise
    return path


def one_line(exc: BaseException) -> str:
    """An error's text on one line, printable (pyarrow's messages span lines and may quote raw bytes)."""
    return " ".join("".join(c if c.isprintable() else " " for c in str(exc)).split())


def row_groups(metadata, *, types=(), since: str | None = None, until: str | None = None,
               bbox: tuple[float, float, float, float] | None = None) -> list[int]:
    """The row groups of a Parquet file (its footer's ``metadata``) whose statistics leave room for an
    event matching the filters: each column chunk's min/max and null count rule a group out, nothing
    else (a group with no statistics is kept)."""
    import datetime as dt

    wanted = {types} if isinstance(types, str) else set(types)
    first = dt.date.fromisoformat(since[:10]) if since else None
    last = dt.date.fromisoformat(until[:10]) if until else None
    where = {metadata.schema.column(j).path: j for j in range(metadata.num_columns)}
    out = []
    for i in range(metadata.num_row_groups):
        rg = metadata.row_group(i)

        def stats(name):  # (min, max) of a column chunk, "none" when it holds only nulls, None if unknown
            j = where.get(name)
            st = rg.column(j).statistics if j is not None else None
            if st is None:
                return None
            if st.has_null_count and st.null_count == rg.num_rows:
                return "none"
            return (st.min, st.max) if st.has_min_max else None

        def out_of(name, test) -> bool:
            s = stats(name)
            return s == "none" or (s is not None and test(*s))

        if wanted and out_of("event_type", lambda lo, hi: lo == hi and lo not in wanted):
            continue
        # an event's end is its date_end, else its date_start: both must end before ``since``
        if first and out_of("date_end", lambda lo, hi: hi < first) and out_of("date_start", lambda lo, hi: hi < first):
            continue
        if last and out_of("date_start", lambda lo, hi: lo > last):
            continue
        if bbox and (out_of("geometry.x", lambda lo, hi: hi < bbox[0] or lo > bbox[2])
                     or out_of("geometry.y", lambda lo, hi: hi < bbox[1] or lo > bbox[3])):
            continue
        out.append(i)
    return out


def row_mask(table, *, types=(), since: str | None = None, until: str | None = None,
             bbox: tuple[float, float, float, float] | None = None):
    """Which rows of an events table match the filters, as a boolean array without nulls (None when
    there are no filters): the type among ``types``, interval overlap on the dates as
    :func:`geomap.filters.select` means it (an undated event matches no window; a missing
    ``date_end`` is the ``date_start``), the point in ``bbox``.
    Plain compute kernels: no dataset machinery to load for a filter most reads never need."""
    import datetime as dt

    import pyarrow as pa
    import pyarrow.compute as pc

    parts = []
    if types:
        parts.append(pc.is_in(table.column("event_type"),
                              value_set=pa.array(list([types] if isinstance(types, str) else types), pa.string())))
    if since or until:
        parts.append(pc.is_valid(table.column("date_start")))
    if since:
        end = pc.coalesce(table.column("date_end"), table.column("date_start"))
        parts.append(pc.greater_equal(end, pa.scalar(dt.date.fromisoformat(since[:10]))))
    if until:
        parts.append(pc.less_equal(table.column("date_start"), pa.scalar(dt.date.fromisoformat(until[:10]))))
    if bbox:
        w, s, e, n = bbox
        geom = table.column("geometry")
        x, y = pc.struct_field(geom, "x"), pc.struct_field(geom, "y")
        parts += [pc.greater_equal(x, w), pc.less_equal(x, e), pc.greater_equal(y, s), pc.less_equal(y, n)]
    if not parts:
        return None
    mask = parts[0]
    for p in parts[1:]:
        mask = pc.and_kleene(mask, p)
    return pc.fill_null(mask, False)


def read_groups(path: Path | str, filters: Mapping[str, Any], *, dictionary: Sequence[str] = ()):
    """The rows of the Parquet file ``path`` matching ``filters``: only the row groups their statistics
    leave in are read, and rows are filtered only when some do not match. ``dictionary`` columns come
    dictionary-encoded, as Parquet stores them (no string copied per row). None when no row group can
    match. pyarrow's errors (a damaged file) pass through."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(str(path), read_dictionary=list(dictionary) or None)
    except KeyError:  # a file without some of those columns: only the ones it has
        names = set(pq.ParquetFile(str(path)).schema_arrow.names)
        pf = pq.ParquetFile(str(path), read_dictionary=[c for c in dictionary if c in names] or None)
    groups = row_groups(pf.metadata, **filters)
    if not groups:
        return None
    table = pf.read_row_groups(groups, use_threads=True)
    mask = row_mask(table, **filters)
    if mask is not None and not pc.all(mask).as_py():
        table = table.filter(mask)
    return table


def read_table(path: Path | str, *, dictionary: Sequence[str] = (), **filters):
    """The events of a GeoParquet file as an Arrow table, with the filters applied while reading
    (row groups whose statistics rule them out are skipped; see :func:`read_groups`)."""
    import pyarrow.parquet as pq

    path = Path(path)
    if not path.is_file():
        raise InputError("no such file", path)
    try:
        table = read_groups(path, filters, dictionary=dictionary)
        return table if table is not None else pq.ParquetFile(str(path)).schema_arrow.empty_table()
    except Exception as exc:  # pyarrow's own errors: not Parquet, or not our columns
        raise InputError(f"cannot read GeoParquet: {one_line(exc)}", path) from None


def features_of(table) -> Iterator[dict[str, Any]]:
    """Canonical Features from an events table (as :func:`read_table` returns it)."""
    cols, xs, ys = _columns(table)
    for i in range(table.num_rows):
        yield _feature_at(cols, xs, ys, i)


def _columns(table):
    cols = {name: table.column(name).to_pylist() for name in table.column_names if name != "geometry"}
    geom = table.column("geometry")
    xs = geom.combine_chunks().field("x").to_pylist() if table.num_rows else []
    ys = geom.combine_chunks().field("y").to_pylist() if table.num_rows else []
    return cols, xs, ys


def _feature_at(cols: dict[str, list], xs: list, ys: list, i: int) -> dict[str, Any]:
    props: dict[str, Any] = {}
    for key in PROPERTIES:
        v = cols[key][i] if key in cols else None
        if key in _DATES and v is not None:
            v = v.isoformat()
        elif key in LIST_PROPERTIES or key in JSON_PROPERTIES:
            try:
                v = orjson.loads(v) if v else ([] if key in LIST_PROPERTIES else None)
            except orjson.JSONDecodeError as exc:
                raise ValueError(f"{key}: not JSON ({exc.msg})") from None
        props[key] = v
    return make_feature(props, xs[i], ys[i])


def _check_schema(table, path: Path) -> None:
    """InputError unless the table's columns have the types geomap writes (a tool that rewrote a file
    may have turned dates or numbers into text, or dropped the points)."""
    expected = {f.name: f.type for f in _schema()}
    schema = getattr(table, "schema", table)
    if "geometry" not in schema.names:
        raise InputError("no geometry column (geomap's GeoParquet has GeoArrow points x/y)", path)
    for name in schema.names:
        want, got = expected.get(name), schema.field(name).type
        if want is not None and got != want and not (got == _null_type() and name != "geometry"):
            raise InputError(f"column {name!r} is {got}, not {want} as geomap writes it", path)


def _null_type():
    import pyarrow as pa

    return pa.null()


def iter_rows(path: Path | str, batch: int | None = None) -> Iterator[tuple[int, Any]]:
    """(row number, Feature) for each row of a GeoParquet file, or (row number, ValueError) for a row
    that cannot be read; ``batch`` rows (default BATCH, read when called) in memory at a time. The schema
    is checked before any row."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = Path(path)
    if not path.is_file():
        raise InputError("no such file", path)
    try:
        pf = pq.ParquetFile(str(path))
        _check_schema(pf.schema_arrow, path)
        i = 0
        for b in pf.iter_batches(batch_size=batch or BATCH):
            cols, xs, ys = _columns(pa.Table.from_batches([b]))
            for j in range(b.num_rows):
                try:
                    yield i, _feature_at(cols, xs, ys, j)
                except ValueError as exc:
                    yield i, exc
                i += 1
    except (OSError, pa.ArrowException, KeyError) as exc:  # not Parquet, or not our columns
        raise InputError(f"cannot read GeoParquet: {one_line(exc)}", path) from None


def frame_of(table):
    """The GeoDataFrame ``to_frame(features_of(table))`` gives, built column by column from Arrow: no
    dict per event, text columns stay Arrow strings, each distinct JSON list is parsed once (rows with
    the same ``actors``, ``weapons`` or ``sources`` text share one list: copy before changing one in
    place), and each column of ``table`` is let go once converted, so memory holds about one copy."""
    import numpy as np
    import pandas as pd
    import pyarrow as pa

    from .frame import typed_frame

    n = table.num_rows
    geom = table.column("geometry").combine_chunks() if n else None
    xy = (np.column_stack([geom.field("x").to_numpy(zero_copy_only=False), geom.field("y").to_numpy(zero_copy_only=False)])
          if geom is not None else [])
    del geom
    table = table.drop_columns(["geometry"])
    data: dict[str, Any] = {}
    for key in PROPERTIES:
        col = table.column(key)
        if key in _DATES:
            data[key] = pd.Series(col.to_numpy().astype("datetime64[us]") if n else [], dtype="datetime64[us]")
        elif key in LIST_PROPERTIES or key in JSON_PROPERTIES:
            data[key] = _parsed_once(col, [] if key in LIST_PROPERTIES else None)
        elif key in CATEGORIES and pa.types.is_dictionary(col.type):
            data[key] = _categorical(col, CATEGORIES[key])
        elif pa.types.is_dictionary(col.type):
            data[key] = col.cast(col.type.value_type).to_pandas()
        elif col.null_count == n:
            data[key] = np.full(n, None, dtype=object)  # as pandas types a column of nothing but None
        else:
            data[key] = col.to_pandas()
        del col
        table = table.drop_columns([key])
    frame = typed_frame(pd.DataFrame(data, columns=list(PROPERTIES)), xy)
    pa.default_memory_pool().release_unused()  # the table's freed columns, kept by Arrow's allocator otherwise
    return frame


def _encoded(col):
    """A text column as one dictionary array (as read, or encoded here), its chunks' dictionaries unified."""
    import pyarrow as pa

    if isinstance(col, pa.ChunkedArray):
        if pa.types.is_dictionary(col.type):
            col = col.unify_dictionaries()
        col = col.combine_chunks() if col.num_chunks else pa.array([], col.type)
    return col if pa.types.is_dictionary(col.type) else col.dictionary_encode()


def _categorical(col, categories):
    """A pandas Categorical over ``categories`` from a dictionary-encoded column: each distinct text
    looked up once (a text outside the vocabulary, or a missing one, is NaN, as pd.Categorical has it)."""
    import numpy as np
    import pandas as pd

    enc = _encoded(col)
    where = {c: i for i, c in enumerate(categories)}
    lookup = np.array([where.get(v, -1) for v in enc.dictionary.to_pylist()] + [-1], dtype=np.int64)
    idx = enc.indices.fill_null(len(lookup) - 1).to_numpy(zero_copy_only=False)
    return pd.Categorical.from_codes(lookup[idx], categories=list(categories))


def _parsed_once(col, empty):
    """An object array of a JSON-text column's values, each distinct text parsed once; a missing or
    empty text gives ``empty`` (one shared list, or None)."""
    import numpy as np
    import pyarrow.compute as pc

    if not len(col):
        return np.empty(0, dtype=object)
    enc = _encoded(col)
    values = np.empty(len(enc.dictionary) + 1, dtype=object)
    for start in range(0, len(enc.dictionary), _PARSE_CHUNK):  # a chunk at a time: few transient copies
        texts = enc.dictionary.slice(start, _PARSE_CHUNK)
        blank = pc.equal(pc.fill_null(texts, ""), "").to_numpy(zero_copy_only=False)
        for i, (v, no_text) in enumerate(zip(_parse_array(texts, blank), blank), start):
            values[i] = empty if no_text else v
    values[-1] = empty
    idx = enc.indices.fill_null(len(values) - 1).to_numpy(zero_copy_only=False)
    return values[idx]


def _parse_array(texts, blank) -> list:
    """Each text of an Arrow string array parsed as JSON (a ``blank`` one, empty or missing, as None):
    the texts joined into one JSON array by Arrow and parsed in one orjson call; a text that is not a
    single JSON value falls back to :func:`_parse_texts`, which names it."""
    import pyarrow as pa
    import pyarrow.compute as pc

    filled = pc.if_else(pa.array(blank, pa.bool_()), "null", texts)
    joined = pc.binary_join(pa.ListArray.from_arrays(pa.array([0, len(filled)], pa.int32()), filled), ",")
    try:
        parsed = orjson.loads(b"[" + joined.cast(pa.binary())[0].as_py() + b"]")
        if len(parsed) == len(texts):
            return parsed
    except orjson.JSONDecodeError:
        pass
    return _parse_texts(texts.to_numpy(zero_copy_only=False))


def _parse_texts(texts) -> list:
    """Each text parsed as JSON (an empty one as None), in one orjson call for all of them (a JSON array
    of the texts) unless one is not a single JSON value: then InputError naming it."""
    try:
        parsed = orjson.loads(b"[" + b",".join([t.encode() if t else b"null" for t in texts]) + b"]")
        if len(parsed) == len(texts):  # a text holding two values would show here
            return parsed
    except orjson.JSONDecodeError:
        pass
    for text in texts:
        try:
            orjson.loads(text) if text else None
        except orjson.JSONDecodeError as exc:
            raise InputError(f"not JSON ({exc.msg}): {text[:80]!r}") from None
    raise InputError("a JSON column holds text that is more than one JSON value")


def import_geoparquet(path: Path | str, *, strict: bool = False) -> ImportResult:
    """Events from a GeoParquet file written by ``geomap export -f geoparquet``; invalid rows are skipped
    with the reason. The file is read twice in batches (once to check and count, once as the events are
    merged, skipping the rows the check refused), so an import of millions of events never holds them all."""
    from ..regions import load_regions

    from .common import Skipped

    path = Path(path)
    result = ImportResult(path=path)
    regions = load_regions()

    bad: set[int] = set()

    def check() -> None:  # the one pass that validates: rows a batch at a time, points looked up together
        from ..spool import HashBuckets
        from .spool import IDS_CHUNK, refuse_repeated_ids

        hashes = HashBuckets(1, "geomap-import-ids-", IDS_CHUNK)  # the valid events' ids as 8-byte hashes, on disk
        try:
            for rows in _chunks(iter_rows(path), BATCH):
                feats = [(i, f) for i, f in rows if not isinstance(f, ValueError)]
                if feats:
                    regions.locate_many([f["geometry"]["coordinates"][0] for _, f in feats],
                                        [f["geometry"]["coordinates"][1] for _, f in feats])
                result.read += len(rows)
                for i, feat in rows:
                    if isinstance(feat, ValueError):
                        result.skipped.append(Skipped(i, str(feat), "feature"))
                        bad.add(i)
                    elif not _valid_event(feat, i, str(path), regions, result):
                        bad.add(i)
                    elif isinstance(fid := feat["properties"].get("id"), str):
                        hashes.add(hash(fid))
            repeated = hashes.repeats()
        finally:
            hashes.close()
        if repeated:  # read again, comparing as text only the ids whose hashes repeat
            refuse_repeated_ids(numbered(), repeated, str(path))

    def numbered() -> Iterator[tuple[int, dict[str, Any]]]:  # the rows the check kept, with their numbers
        for i, feat in iter_rows(path):
            if i not in bad and not isinstance(feat, ValueError):
                yield i, feat

    def valid() -> Iterator[dict[str, Any]]:  # the merge's pass: the rows the check kept, not checked again
        for _, feat in numbered():
            yield feat

    check()
    result.kept = result.read - len(bad)
    _refuse_if_strict(result, path, strict)
    result._stream = valid
    return result
