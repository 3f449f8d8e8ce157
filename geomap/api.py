"""geomap's public Python API: the functions the CLI, the tests and the notebooks share."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from .errors import InputError
from .filters import filter_features
from .layers import MergeResult, layer_files, merge_into, read_layers

if TYPE_CHECKING:  # pragma: no cover
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
