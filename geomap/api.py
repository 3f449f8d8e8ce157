"""geomap's public Python API: the functions the CLI, the tests and the notebooks share."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from .errors import InputError
from .filters import filter_features
from .layers import MergeResult, layer_files, merge_into, read_layers

if TYPE_CHECKING:  # pragma: no cover
    import folium
    import geopandas as gpd

DEFAULT_LAYER_DIR = Path("out") / "layers"


def load(layer_dir: str | Path = DEFAULT_LAYER_DIR) -> "gpd.GeoDataFrame":
    """Load every layer in ``layer_dir`` as one GeoDataFrame (EPSG:4326).

    Columns: the event properties (see README), ``date_start``/``date_end`` as
    datetimes, the vocabularies as categoricals, lists as Python lists.
    Raises :class:`geomap.InputError` when the directory holds no layers.
    """
    from .frame import to_frame

    d = Path(layer_dir)
    if not d.is_dir() or not layer_files(d):
        raise InputError("no layers here; run `geomap build` (or `make map`) first, or pass layer_dir=", d)
    return to_frame(read_layers(d))


def events(
    data: "gpd.GeoDataFrame | str | Path" = DEFAULT_LAYER_DIR,
    *,
    types: Sequence[str] | str = (),
    since: str | None = None,
    until: str | None = None,
    admin1: str | None = None,
    min_precision: str | None = None,
    bbox: tuple[float, float, float, float] | None = None,
) -> "gpd.GeoDataFrame":
    """The events matching every filter, as a GeoDataFrame.

    ``data`` is a GeoDataFrame from :func:`load` or a layer directory.
    ``types``: event type(s); ``since``/``until``: ISO dates, keeping events
    whose interval overlaps the window; ``admin1``: oblast name or ISO code;
    ``min_precision``: ``settlement``, ``near_settlement``, ``admin2`` or
    ``admin1`` (keeps that and finer); ``bbox``: (W, S, E, N).
    """
    import pandas as pd

    from .regions import load_regions

    gdf = load(data) if isinstance(data, (str, Path)) else data
    if isinstance(types, str):
        types = (types,)
    code = None
    if admin1:
        ob = load_regions().get(admin1)
        if ob is None:
            raise InputError(f"unknown oblast {admin1!r}; known: {', '.join(o.admin1 for o in load_regions())}")
        code = ob.admin1_code
    # One set of filter semantics: run the shared filter on light stand-ins of the rows.
    stand_ins = [
        {"properties": {
            "event_type": et, "admin1_code": ac, "admin1": a1, "geo_precision": gp,
            "date_start": None if pd.isna(ds) else ds.strftime("%Y-%m-%d"),
            "date_end": None if pd.isna(de) else de.strftime("%Y-%m-%d"),
            "_row": i,
        }, "geometry": {"coordinates": [g.x, g.y] if g is not None and not g.is_empty else [float("nan")] * 2}}
        for i, (et, ac, a1, gp, ds, de, g) in enumerate(zip(
            gdf["event_type"], gdf["admin1_code"], gdf["admin1"], gdf["geo_precision"],
            gdf["date_start"], gdf["date_end"], gdf.geometry))
    ]
    kept = filter_features(stand_ins, types=tuple(types), since=since, until=until, admin1=code,
                           bbox=bbox, min_precision=min_precision)
    return gdf.iloc[[f["properties"]["_row"] for f in kept]]


def save(gdf: "gpd.GeoDataFrame", layer_dir: str | Path = DEFAULT_LAYER_DIR) -> MergeResult:
    """Validate a GeoDataFrame of events and merge it into ``layer_dir``.

    Nothing is written unless every event is valid; existing events are never
    dropped (same id: updated or unchanged; new id: added).
    """
    from .frame import from_frame

    features = from_frame(gdf, path="<GeoDataFrame>")
    return merge_into(layer_dir, features)


def _features(data) -> list:
    """Features from a GeoDataFrame (validated), a layer directory, or a list of features."""
    if isinstance(data, (str, Path)):
        d = Path(data)
        if not d.is_dir() or not layer_files(d):
            raise InputError("no layers here; run `geomap build` (or `make map`) first", d)
        return read_layers(d)
    if hasattr(data, "geometry") and hasattr(data, "crs"):
        from .frame import from_frame

        return from_frame(data)
    if isinstance(data, dict) and data.get("type") == "FeatureCollection":
        return list(data.get("features") or [])
    return list(data)


def to_map(data: "gpd.GeoDataFrame | str | Path" = DEFAULT_LAYER_DIR, **options) -> "folium.Map":
    """The interactive map of the events, as ``geomap map`` builds it (a ``folium.Map``).

    ``data``: a GeoDataFrame, a layer directory or features. ``options``:
    ``title``, ``tiles`` (provider name or ``"none"``), ``offline`` (inline all
    assets), ``since``/``until``, ``types``, ``admin1``. In Jupyter the map
    displays inline; ``geomap.render.map.save_map(m, path)`` writes it.
    """
    from .render.map import build_map

    return build_map(_features(data), **options)


def report(data: "gpd.GeoDataFrame | str | Path", path: str | Path, **options):
    """Write the static report (``index.html``, ``report.pdf``, PNG figures) into ``path``.

    ``options``: ``title``, ``formats`` (e.g. ``"html,png"``), ``since``/``until``,
    ``types``, ``admin1``, ``by="month"``, ``map_href``. Returns a
    ``ReportResult`` (``files``, ``total``, ``counts``, ``timings``).
    """
    from .render.report import build_report

    return build_report(_features(data), path, **options)


def geocode(name: str, admin1: str | None = None, context: str | None = None):
    """Resolve a place name to a point with its precision and source id.

    Returns a ``GeocodeResult`` (``status``, ``place``, ``gazetteer_id``,
    ``lon``, ``lat``, ``admin1_code``, ``geo_precision``, ``score``, ``fuzzy``,
    ``alternatives``); ``status == "unresolved"`` never carries a guess.
    """
    from .geocoding import geocode as _geocode

    return _geocode(name, admin1=admin1, context=context)


def extract(path_or_text: str | Path, published: str | None = None, *, min_confidence: float = 0.0
            ) -> "gpd.GeoDataFrame":
    """Candidate events from one document (a path or the text itself), as a GeoDataFrame.

    ``published`` (``YYYY-MM-DD``) anchors relative dates when the document has
    no front matter. Each row keeps its evidence: ``sources[i]["quote"]`` is the
    supporting sentence, ``extraction`` the character offsets and confidence.
    """
    from .extraction import extract as _extract
    from .frame import to_frame

    return to_frame(_extract(path_or_text, published, min_confidence=min_confidence))
