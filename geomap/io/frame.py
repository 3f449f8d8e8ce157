"""Events as GeoDataFrames and back: typed columns for notebooks, checked on the way in."""
from __future__ import annotations

import datetime as dt
import json
import math
import warnings
from typing import Any, Iterable, Mapping

from ..errors import GeomapError, ValidationError
from ..schema import (
    CLAIM_STATUSES, EVENT_TYPES, GEO_PRECISIONS, PROPERTIES, TIME_PRECISIONS, canonical_properties,
    make_id, validate_features,
)

CATEGORIES = {
    "event_type": EVENT_TYPES,
    "time_precision": TIME_PRECISIONS,
    "geo_precision": GEO_PRECISIONS,
    "claim_status": CLAIM_STATUSES,
}
LIST_COLUMNS = ("actors", "weapons", "sources")
DATE_COLUMNS = ("date_start", "date_end")


def to_frame(features: Iterable[Mapping[str, Any]]):
    """A GeoDataFrame (EPSG:4326) with one row per event and typed columns.

    ``date_start``/``date_end`` are datetimes (NaT when undated), the
    vocabularies are categoricals, ``actors``/``weapons``/``sources`` hold
    Python lists and ``fatalities`` is a nullable integer.
    """
    import geopandas as gpd
    import pandas as pd
    from shapely import points

    feats = list(features)
    rows = [canonical_properties(f["properties"]) for f in feats]
    xy = [f["geometry"]["coordinates"][:2] for f in feats]
    return typed_frame(pd.DataFrame(rows, columns=list(PROPERTIES)), xy)


def typed_frame(df, xy):
    """The GeoDataFrame of :func:`to_frame` from a frame of canonical property values (dates as ISO
    text) and the points' ``[lon, lat]`` (a list or an n x 2 array): one typing for every source."""
    import geopandas as gpd
    import pandas as pd
    from shapely import points

    for col in DATE_COLUMNS:
        if df[col].dtype != "datetime64[us]":  # Arrow's dates come typed already
            df[col] = pd.to_datetime(df[col], format="%Y-%m-%d", errors="coerce")
    for col, cats in CATEGORIES.items():
        df[col] = pd.Categorical(df[col], categories=list(cats))
    df["fatalities"] = df["fatalities"].astype("Int64")
    geometry = points(xy) if len(xy) else []
    return gpd.GeoDataFrame(df, geometry=gpd.GeoSeries(geometry, crs="EPSG:4326"), crs="EPSG:4326")


def _scalar_missing(v: Any) -> bool:
    import pandas as pd

    if v is None or v is pd.NaT or v is pd.NA:
        return True
    return isinstance(v, float) and math.isnan(v)


def date_text(v: Any, col: str = "date", row: int = 0) -> str | None:
    """A date cell (date, datetime, pandas Timestamp, ISO text, missing) as ``YYYY-MM-DD`` or None."""
    if _scalar_missing(v):
        return None
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()[:10]
    if hasattr(v, "isoformat"):  # pandas Timestamp, numpy datetime64 via pandas
        return v.isoformat()[:10]
    if isinstance(v, str):
        return v
    raise GeomapError(f"row {row}: column {col!r} holds {type(v).__name__} {v!r}; use dates or 'YYYY-MM-DD' text")


def _list_value(v: Any, col: str, row: int) -> list:
    if not isinstance(v, (list, tuple, str)) and not hasattr(v, "tolist") and _scalar_missing(v):
        return []
    if hasattr(v, "tolist") and not isinstance(v, str):
        v = v.tolist()
    if isinstance(v, tuple):
        v = list(v)
    if isinstance(v, str) and col == "sources":
        try:
            v = json.loads(v)
        except ValueError:
            raise GeomapError(f"row {row}: column 'sources' must hold a list of source objects, not text") from None
    if not isinstance(v, list):
        raise GeomapError(f"row {row}: column {col!r} must hold lists (e.g. ['Russian forces']), "
                          f"not {type(v).__name__} {v!r}")
    return v


def from_frame(gdf, path: str = "<GeoDataFrame>") -> list[dict[str, Any]]:
    """Canonical features from a GeoDataFrame a user built or edited.

    A frame without a CRS is refused; another CRS is reprojected to EPSG:4326
    with a warning. Columns of the wrong type raise :class:`GeomapError`;
    invalid events raise :class:`ValidationError` with every problem.
    """
    from ..regions import load_regions

    if not hasattr(gdf, "geometry") or not hasattr(gdf, "crs"):
        raise GeomapError("expected a GeoDataFrame (geopandas) of events")
    if gdf.crs is None:
        raise GeomapError("the GeoDataFrame has no CRS; if its coordinates are longitude/latitude, "
                          "call gdf.set_crs('EPSG:4326') first")
    if gdf.crs.to_epsg() != 4326:
        warnings.warn(f"reprojecting events from {gdf.crs.to_string()} to EPSG:4326", UserWarning, stacklevel=2)
        gdf = gdf.to_crs("EPSG:4326")
    geom_types = set(gdf.geometry.geom_type.dropna())
    if geom_types - {"Point"}:
        raise GeomapError(f"events must be Points; found {', '.join(sorted(geom_types - {'Point'}))}")
    known = [c for c in gdf.columns if c != gdf.geometry.name]
    features = []
    for i, (row, geom) in enumerate(zip(gdf[known].itertuples(index=False, name=None), gdf.geometry)):
        rec = dict(zip(known, row))
        props: dict[str, Any] = {}
        for k, v in rec.items():
            if k in DATE_COLUMNS:
                props[k] = date_text(v, k, i)
            elif k in LIST_COLUMNS:
                props[k] = _list_value(v, k, i)
            elif k == "fatalities":
                if _scalar_missing(v):
                    props[k] = None
                elif isinstance(v, (int, float)) or hasattr(v, "item"):
                    fv = float(v)
                    props[k] = int(fv) if fv.is_integer() else fv
                else:
                    props[k] = v
            elif isinstance(v, (dict, list)):
                props[k] = v
            else:
                props[k] = None if _scalar_missing(v) else (v.item() if hasattr(v, "item") else v)
        if geom is None or geom.is_empty:
            raise GeomapError(f"row {i}: event has no geometry")
        p = canonical_properties(props)
        if not p["id"]:
            p["id"] = make_id(p)
        features.append({"type": "Feature", "id": p["id"],
                         "geometry": {"type": "Point", "coordinates": [round(geom.x, 6), round(geom.y, 6)]},
                         "properties": p})
    problems = [p for p in validate_features(features, path, load_regions()) if p.severity == "error"]
    if problems:
        raise ValidationError(problems)
    return features
