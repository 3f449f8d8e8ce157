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
