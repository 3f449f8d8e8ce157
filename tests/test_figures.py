"""The report's map figures: the gazetteer's place names drawn, and no label on another.

An oblast with events of every type known only to the oblast gets five rings; their counts, the
oblast's name and the town names must all be readable, so no two of their boxes may overlap.
"""
from __future__ import annotations

import copy

from geomap.regions import load_regions
from geomap.render.figures import Basemap, draw_map, map_figure
from geomap.render.places import place_labels
from geomap.render.report_data import to_events
from geomap.schema import EVENT_TYPES, make_feature

from map_fixture import map_features


def _crowded_features() -> list[dict]:
    """The map fixture plus events of all five types known only to Kursk and to Sumy oblast."""
    feats = copy.deepcopy(map_features())
    regions = load_regions()
    for code in ("RU-KRS", "UA-59"):
        ob = regions.get(code)
        for k, t in enumerate(EVENT_TYPES):
            for j in range(k + 1):
                props = {"event_type": t, "date_start": f"2025-03-{j + 1:02d}", "date_end": f"2025-03-{j + 1:02d}",
                         "time_precision": "day", "admin1": ob.admin1, "admin1_code": ob.admin1_code,
                         "country": ob.country, "geo_precision": "admin1", "place_mention": ob.admin1,
                         "claim_status": "reported", "origin": "curated", "summary": f"{t} {j}",
                         "sources": [{"url": "https://example.org/a", "outlet": "Example"}]}
                feats.append(make_feature(props, *ob.rep_point))
    return feats


def test_map_figure_labels_places_and_nothing_overlaps():
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    feats = _crowded_features()
    rings: dict = {}
    for f in feats:
        p = f["properties"]
        if p["geo_precision"] == "admin1":
            rings[(p["admin1_code"], p["event_type"])] = rings.get((p["admin1_code"], p["event_type"]), 0) + 1
    events = to_events(feats)
    base = Basemap.from_regions(load_regions(), events)
    fig = draw_map(base, events, "Crowded")
    FigureCanvasAgg(fig).draw()
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    texts = {g: [t for t in ax.texts if t.get_gid() == g] for g in ("ring-count", "place-name", "oblast-name")}
    names = {t.get_text() for t in texts["place-name"]}
    assert "Sumy" in names and len(names) >= 10, names  # towns from the gazetteer (Kursk sits under its rings)
    assert names <= {p.name for p in place_labels()}
    counts = sorted(int(t.get_text()) for t in texts["ring-count"])
    assert counts == sorted(rings.values()) and len(counts) == 2 * len(EVENT_TYPES)  # every type, both oblasts
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for g in texts.values() for t in g]
    for i, (a, ba) in enumerate(boxes):
        for b, bb in boxes[i + 1:]:
            assert not ba.overlaps(bb), f"label {a!r} overlaps {b!r}"


def test_map_figure_is_deterministic():
    events = to_events(_crowded_features())
    base = Basemap.from_regions(load_regions(), events)
    assert map_figure(base, events, "Twice") == map_figure(base, events, "Twice")


def test_place_labels_local_spelling_and_no_city_districts():
    by_name = {p.name: p for p in place_labels()}
    assert by_name["Sumy"].local == "Суми" and by_name["Okhtyrka"].local == "Охтирка"  # Ukrainian in Ukraine
    assert by_name["Kursk"].local == "Курск" and by_name["Staryy Oskol"].local == "Старый Оскол"  # Russian in Russia
    assert by_name["Sudzha"].gazetteer_id.startswith("geonames:") and "sudzha" in by_name["Sudzha"].keys
    assert "Saltivka" not in by_name and "Kharkiv" in by_name  # a district of Kharkiv is not a town of its own
    pops = [p.population for p in place_labels()]
    assert pops == sorted(pops, reverse=True)


def test_oblast_paths_draw_the_pixels_geopandas_draws():
    """The report's maps draw the oblasts from paths converted once per report (Basemap.paths) instead of through
    GeoDataFrame.plot on every map: on the oblasts, a polygon with a hole, a multipolygon, a collection and an empty
    geometry (all made from the packaged boundaries), both give the same PNG bytes."""
    import geopandas as gpd
    from matplotlib.figure import Figure
    from shapely.geometry import GeometryCollection, Polygon

    from geomap.render.figures import _draw_polygons, _polygon_paths, png_bytes

    regions = load_regions()
    kursk, sumy = regions.get("RU-KRS").geometry, regions.get("UA-59").geometry
    shapes = [o.geometry for o in regions] + [
        kursk.difference(kursk.buffer(-0.3)),  # a ring: a polygon with a hole
        kursk.buffer(-0.4).union(sumy.buffer(-0.4)),  # two parts apart: a multipolygon
        GeometryCollection([sumy.buffer(-0.2), kursk.buffer(-0.5)]), Polygon()]
    gdf = gpd.GeoDataFrame(geometry=shapes, crs="EPSG:4326")
    style = {"facecolor": "#f4f4f1", "edgecolor": "#555555", "linewidth": 0.6, "zorder": 1}

    def figure(draw) -> bytes:
        fig = Figure(figsize=(4, 4))
        ax = fig.add_subplot()
        draw(ax)
        w, s, e, n = gdf.total_bounds
        ax.set_xlim(w, e)
        ax.set_ylim(s, n)
        ax.set_aspect(1.6)
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_xlabel("")  # as _draw_basemap: geopandas names the axes, the report's maps do not
        ax.set_ylabel("")
        return png_bytes(fig)

    assert len(_polygon_paths(gdf.geometry)) == len(shapes)  # the collection split in two, the empty one left out
    assert figure(lambda ax: _draw_polygons(ax, _polygon_paths(gdf.geometry), **style)) == \
        figure(lambda ax: gdf.plot(ax=ax, **style))
