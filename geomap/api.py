"""geomap's public Python API: the functions the CLI, the tests and the notebooks share."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from .errors import InputError
from .filters import as_features, select, split_filters
from .layer_merge import merge_into
from .layers import MergeResult, layer_files, read_layers

if TYPE_CHECKING:  # pragma: no cover
    import folium
    import geopandas as gpd

DEFAULT_LAYER_DIR = Path("out") / "layers"


def load(layer_dir: str | Path = DEFAULT_LAYER_DIR, *, types: Sequence[str] | str = (), since: str | None = None,
         until: str | None = None, bbox: tuple[float, float, float, float] | None = None) -> "gpd.GeoDataFrame":
    """Load the events in ``layer_dir`` (a layer directory, a GeoParquet layer store, or a GeoParquet
    file from ``geomap export -f geoparquet``) as one GeoDataFrame (EPSG:4326).

    Columns: the event properties (see README), ``date_start``/``date_end`` as
    datetimes, the vocabularies as categoricals, lists as Python lists.
    ``types``, ``since``/``until`` and ``bbox`` mean what they mean in :func:`events`,
    but are applied while reading: only the asked-for type layers are read, a GeoParquet
    store opens only the files of those types and months, and GeoParquet skips the row
    groups (and rows) outside the window and box.
    Raises :class:`geomap.InputError` when the directory holds no layers.
    """
    from .io.frame import to_frame

    d = Path(layer_dir)
    window = {"since": since, "until": until, "bbox": bbox}
    if d.is_file() and d.suffix.lower() == ".parquet":
        from .io.parquet import FRAME_DICTIONARY, frame_of, read_table

        return frame_of(read_table(d, types=types, dictionary=FRAME_DICTIONARY, **window))
    from .parquet_store import is_store

    if is_store(d):
        from .io.parquet import FRAME_DICTIONARY, frame_of
        from .parquet_store import read_table

        return frame_of(read_table(d, types=types, dictionary=FRAME_DICTIONARY, **window))
    if not d.is_dir() or not layer_files(d):
        raise InputError("no layers here; run `geomap build` (or `make map`) first, or pass layer_dir=", d)
    if not types and not any(window.values()):
        return to_frame(read_layers(d))
    from .layers import read_layer

    wanted = {types} if isinstance(types, str) else set(types)
    from .schema import EVENT_TYPES

    # a file named for another type is skipped; one named for no type may hold any
    files = [p for p in layer_files(d) if not wanted or p.name.split(".")[0] in wanted
             or p.name.split(".")[0] not in EVENT_TYPES]
    return to_frame(select([f for p in files for f in read_layer(p)], types=types, **window))


def events(
    data: "gpd.GeoDataFrame | str | Path" = DEFAULT_LAYER_DIR,
    *,
    types: Sequence[str] | str = (),
    since: str | None = None,
    until: str | None = None,
    admin1: str | None = None,
    min_precision: str | None = None,
    bbox: tuple[float, float, float, float] | None = None,
    actors: Sequence[str] | str = (),
    claim_status: Sequence[str] | str = (),
    claimed_by: Sequence[str] | str = (),
    origin: Sequence[str] | str = (),
    review_status: Sequence[str] | str = (),
    time_precision: Sequence[str] | str = (),
    geo_precision: Sequence[str] | str = (),
) -> "gpd.GeoDataFrame":
    """The events matching every filter, as a GeoDataFrame.

    ``data`` is a GeoDataFrame from :func:`load` or a layer directory. The
    filters mean what they mean everywhere (:func:`geomap.filters.select`):
    ``types``; ``since``/``until`` (ISO dates, interval overlap); ``admin1``
    (oblast name or ISO code, any case); ``min_precision`` (that geo precision
    and finer, in the order settlement, near_settlement, hromada, admin2, admin1:
    ``"hromada"`` keeps events placed to a settlement or a hromada, drops district-
    and oblast-level ones); ``bbox`` (W, S, E, N);
    ``actors``, ``claim_status``, ``claimed_by``, ``origin``, ``review_status``,
    ``time_precision``, ``geo_precision`` (each: any of the values given).
    """
    from .io.frame import date_text

    gdf = load(data) if isinstance(data, (str, Path)) else data
    columns = [c for c in ("event_type", "admin1_code", "admin1", "geo_precision", "time_precision",
                           "claim_status", "origin", "review_status", "actors", "sources") if c in gdf.columns]
    dates = [[date_text(v) for v in gdf[c]] if c in gdf.columns else [None] * len(gdf)
             for c in ("date_start", "date_end")]
    # One set of filter semantics: run the shared filter on light stand-ins of the rows.
    stand_ins = [
        {"properties": {**dict(zip(columns, values)), "date_start": ds, "date_end": de, "_row": i},
         "geometry": {"coordinates": [g.x, g.y] if g is not None and not g.is_empty else [float("nan")] * 2}}
        for i, (values, ds, de, g) in enumerate(zip(
            zip(*(_cells(gdf[c]) for c in columns)) if columns else [()] * len(gdf),
            dates[0], dates[1], gdf.geometry))
    ]
    kept = select(stand_ins, types=types, since=since, until=until, admin1=admin1, bbox=bbox,
                  min_precision=min_precision, actors=actors, claim_status=claim_status, claimed_by=claimed_by,
                  origin=origin, review_status=review_status, time_precision=time_precision,
                  geo_precision=geo_precision)
    return gdf.iloc[[f["properties"]["_row"] for f in kept]]


def _cells(column) -> list:
    """A column's values as plain Python (categoricals as text, missing as None, arrays as lists)."""
    import pandas as pd

    out = []
    for v in column:
        if hasattr(v, "tolist") and not isinstance(v, str):
            v = v.tolist()
        elif not isinstance(v, (list, dict)) and pd.isna(v):
            v = None
        out.append(v)
    return out


def save(gdf: "gpd.GeoDataFrame", layer_dir: str | Path = DEFAULT_LAYER_DIR) -> MergeResult:
    """Validate a GeoDataFrame of events and merge it into ``layer_dir``.

    Nothing is written unless every event is valid; existing events are never
    dropped (same id: updated or unchanged; new id: added).
    """
    from .io.frame import from_frame

    features = from_frame(gdf, path="<GeoDataFrame>")
    return merge(layer_dir, features)


def merge(layer_dir: str | Path, features, *, store: str | None = None, progress: bool = False,
          total: int | None = None) -> MergeResult:
    """Merge events (any iterable) into ``layer_dir`` by id, never dropping one already there.

    An existing directory keeps its own kind; a new one is a GeoJSON layer directory, or with
    ``store="geoparquet"`` a GeoParquet layer store (for millions of events: merged in bounded memory).
    ``progress``: count the events on a bar (of ``total``, when known) if stderr is a terminal.
    """
    from .parquet_store import STORE_FORMATS, is_store, merge_into_store

    if store not in (None, *STORE_FORMATS):
        raise InputError(f"unknown store {store!r}; choose from {', '.join(STORE_FORMATS)}")
    from .progress import bar

    d = Path(layer_dir)
    with bar(progress, total=len(features) if isinstance(features, list) else total, unit="events",
             desc="merge") as pb:
        if is_store(d) or (store == "geoparquet" and not (d.is_dir() and layer_files(d))):
            return merge_into_store(d, features, progress=pb)
        return merge_into(d, pb.wrap(features))


def stream(layer_dir: str | Path, **filters) -> "Counted":
    """The events of a layer directory or GeoParquet store matching ``filters`` (those of :func:`events`),
    as an iterable that counts what it gave. A GeoParquet store is read a few thousand events at a
    time, with types and dates pushed into the read; a GeoJSON directory a line (an event) at a time."""
    from .parquet_store import is_store

    if is_store(layer_dir):
        from .parquet_store import iter_features

        pushed = {k: filters[k] for k in ("types", "since", "until", "bbox") if filters.get(k)}
        rest = {k: v for k, v in filters.items() if k not in pushed and v}
        feats = iter_features(layer_dir, **pushed)
        return Counted(_select_batches(feats, rest) if rest else feats, Path(layer_dir), pushed, rest)
    p = Path(layer_dir)
    if p.is_file():
        return Counted(select(as_features(p), **filters))
    from .layers import iter_layers

    feats = iter_layers(p)  # a line at a time: memory holds a batch, not the store
    if any(filters.values()):
        return Counted(_select_batches(feats, filters))
    from .layers import count_layers

    return Counted(feats, count=lambda: count_layers(p))


def _select_batches(features, filters, size: int = 8192):
    """``select`` over a stream, a batch at a time."""
    batch: list = []
    for f in features:
        batch.append(f)
        if len(batch) >= size:
            yield from select(batch, **filters)
            batch = []
    yield from select(batch, **filters)


def _export_store_geoparquet(feats: "Counted", path: Path, progress: bool) -> Path:
    """A GeoParquet store's events to one GeoParquet file, Arrow to Arrow (no Python object per event)."""
    import pyarrow.parquet as pq

    from .io.common import _check_target
    from .parquet_store import export_geoparquet
    from .progress import bar

    _check_target(path)
    with bar(progress, unit="events", desc="export geoparquet") as pb:
        written = export_geoparquet(feats.store, path, progress=pb, **feats.pushed)
    feats.count = pq.ParquetFile(written).metadata.num_rows
    return written


class Counted:
    """An iterable of events that counts them as they are taken (``count``); from a GeoParquet store it
    also says which (``store``) and with which filters, so an export can go Arrow to Arrow."""

    def __init__(self, items, store: Path | None = None, pushed: dict | None = None, rest: dict | None = None,
                 count=None) -> None:
        self._items = items
        self.count = 0
        self._total = len(items) if isinstance(items, list) else None
        self._count = count  # how to count the items ahead, only when asked (a progress bar's total)
        self.store, self.pushed, self.rest = store, pushed or {}, rest or {}

    @property
    def total(self) -> int | None:
        """How many items there are, known ahead for a progress bar (None when unknown)."""
        if self._total is None and self._count is not None:
            self._total, self._count = self._count(), None
        return self._total

    def __iter__(self):
        for item in self._items:
            self.count += 1
            yield item


def to_map(data: "gpd.GeoDataFrame | str | Path" = DEFAULT_LAYER_DIR, **options) -> "folium.Map":
    """The interactive map of the events, as ``geomap map`` builds it (a ``folium.Map``).

    ``data``: a GeoDataFrame, a layer directory or features. ``options``:
    ``title``, ``tiles`` (provider name or ``"none"``), ``offline`` (inline all
    assets), and any filter of :func:`events` (``since``/``until``, ``types``, ``admin1``, ``actors``, …). In Jupyter the map
    displays inline; ``geomap.render.map.save_map(m, path)`` writes it.
    """
    from .render.map import build_map

    filters, rest = split_filters(options)
    features = as_features(data)
    if not features:
        raise InputError("no events to map")
    if filters:
        features = select(features, **filters)
        if not features:
            raise InputError("no events match the filters: nothing to map")
    return build_map(features, **rest)


def report(data: "gpd.GeoDataFrame | str | Path", path: str | Path, **options):
    """Write the static report (``index.html``, ``report.pdf``, PNG figures) into ``path``.

    ``options``: ``title``, ``formats`` (e.g. ``"html,png"``), ``by="month"``,
    ``map_href``, and any filter of :func:`events` (``since``/``until``, ``types``, ``admin1``, ``actors``, …). Returns a
    ``ReportResult`` (``files``, ``total``, ``counts``, ``timings``).
    """
    from .render.report import build_report

    return build_report(as_features(data), path, **options)


def geocode(name: str, admin1: str | None = None, context: "str | Sequence[str] | None" = None, *,
            root: str | Path | None = None):
    """Resolve a place name to a point with its precision and source id.

    Returns a ``GeocodeResult`` (``status``, ``place``, ``gazetteer_id``,
    ``lon``, ``lat``, ``admin1_code``, ``geo_precision``, ``score``, ``fuzzy``,
    ``alternatives``); ``status == "unresolved"`` never carries a guess.
    ``root``: a project whose own places (``data/gazetteer/*.csv``) join the gazetteer.
    """
    from .geocoding import geocode as _geocode

    if root is not None:
        from .gazetteer_import import use_project

        use_project(root)
    return _geocode(name, admin1=admin1, context=context)


def build(root: str | Path = ".", out_dir: str | Path | None = None, *, render_map: bool = True,
          report: bool = True, progress: bool = False):
    """Build the project at ``root``: validated layers in ``OUT/layers``, then ``OUT/map.html`` and ``OUT/report/``.

    ``out_dir`` defaults to ``root/out``. Returns a ``BuildResult`` (counts, added/updated/removed,
    warnings, outputs); raises ``ValidationError`` with every problem, leaving earlier output intact.
    ``progress``: the steps on a bar when stderr is a terminal.
    """
    from .build import build as _build

    return _build(root, out_dir, render_map=render_map, report=report, progress=progress)


def validate(paths: "str | Path | Sequence[str | Path]") -> list:
    """Every problem (``Problem``: file, line or feature, field, message, severity) in layer files,
    layer directories or curated YAML/CSV files, including ids repeated across them."""
    from .validate import validate_paths

    return validate_paths([paths] if isinstance(paths, (str, Path)) else list(paths))


def extract(path_or_text: str | Path | list, published: str | None = None, *, min_confidence: float = 0.0,
            jobs: int = 1, dask: str | None = None) -> "gpd.GeoDataFrame":
    """Candidate events from one document (a path or the text itself), or from a directory or list
    of paths, as a GeoDataFrame.

    ``published`` (``YYYY-MM-DD``) anchors relative dates when the document has
    no front matter. Each row keeps its evidence: ``sources[i]["quote"]`` is the
    supporting sentence, ``extraction`` the character offsets and confidence.
    A directory or list is read by ``jobs`` processes (0: all cores) or on the Dask
    scheduler at ``dask`` (``"local"``: a LocalCluster); the result does not depend on which.
    """
    from .extraction import extract as _extract
    from .extraction import extract_paths
    from .io.frame import to_frame

    if isinstance(path_or_text, (list, tuple)) or (isinstance(path_or_text, (str, Path)) and "\n" not in str(path_or_text)
                                                   and len(str(path_or_text)) < 4096 and Path(path_or_text).is_dir()):
        paths = list(path_or_text) if isinstance(path_or_text, (list, tuple)) else [path_or_text]
        result = extract_paths(paths, published, min_confidence=min_confidence, jobs=jobs, dask=dask)
        if result.failed:
            raise InputError(result.failed[0].error)
        return to_frame(result.events)
    return to_frame(_extract(path_or_text, published, min_confidence=min_confidence))


def extract_documents(paths: "str | Path | Sequence[str | Path]", published: str | None = None, *,
                      min_confidence: float = 0.0, channel: str | None = None, root: str | Path | None = None,
                      jobs: int = 1, dask: str | None = None, progress: bool = False):
    """Candidate events from files and directories of documents, as ``geomap extract`` reads them.

    Returns an ``ExtractResult`` (``events`` as Features, merged across documents; ``reports``, one
    per document, failures included: a bad document never stops the others). ``root``: a project
    whose own places (``data/gazetteer/*.csv``) join the gazetteer.
    """
    from .extraction import extract_paths

    if root is not None:
        from .gazetteer_import import use_project

        use_project(root)
    paths = [paths] if isinstance(paths, (str, Path)) else list(paths)
    return extract_paths(paths, published, min_confidence=min_confidence, channel=channel, jobs=jobs, dask=dask,
                         progress=progress)


def export(data: "gpd.GeoDataFrame | str | Path", path: str | Path, format: str = "geojson", *,
           split: bool = False, boundaries: bool = False, raw_cells: bool = False, progress: bool = False,
           **filters) -> list[Path]:
    """Export events to ``path`` in ``format`` and return the files written.

    Formats: ``geojson`` (RFC 7946), ``geojsonseq`` (RFC 8142), ``gpkg`` (one
    table per event type plus the boundaries), ``csv``, ``acled-csv``, ``geoparquet``
    (streamed from a GeoParquet store in bounded memory).
    ``split`` writes one GeoJSON per type; ``boundaries`` adds the oblasts;
    ``filters`` are those of :func:`events` (``admin1=``, ``actors=``, …).
    CSV cells that a spreadsheet would run as formulas get a leading ``'``
    unless ``raw_cells``.
    """
    from .io.registry import export_features
    from .txn import refuse_inside

    if isinstance(data, (str, Path)):
        refuse_inside(path, data)
    feats = stream(data, **filters) if isinstance(data, (str, Path)) else data
    if isinstance(feats, Counted):
        if feats.store is not None and format == "geoparquet" and not split and str(path) != "-" and not feats.rest:
            return [_export_store_geoparquet(feats, Path(path), progress)]
    else:
        feats = select(as_features(data), **filters)
    return export_features(feats, path, format, split=split, boundaries=boundaries,
                           raw_cells=raw_cells, progress=progress)
