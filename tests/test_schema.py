"""Each validation rule, with the message a user sees."""
from __future__ import annotations

import copy

import pytest

from geomap.regions import load_regions
from geomap.schema import (
    EVENT_TYPES, PROPERTIES, Problem, canonical_properties, make_feature, make_id, validate_features,
)


def feature(props, lon, lat):
    return make_feature(props, lon, lat)


def problems_for(feat, regions=True):
    return validate_features([feat], "layer.geojson", load_regions() if regions else None)


def only(problems, field):
    hits = [p for p in problems if p.field == field]
    assert hits, f"no problem on {field}: {[str(p) for p in problems]}"
    return str(hits[0])


def test_valid_event_has_no_problems(sample_props, sudzha_point):
    assert problems_for(feature(sample_props, *sudzha_point)) == []


@pytest.mark.parametrize("field,value,expected", [
    ("event_type", "battle", "unknown event_type 'battle'"),
    ("sub_type", "cavalry_charge", "unknown sub_type 'cavalry_charge' for strike"),
    ("geo_precision", "exact", "unknown geo_precision 'exact'"),
    ("time_precision", "hour", "unknown time_precision 'hour'"),
    ("claim_status", "rumour", "unknown claim_status 'rumour'"),
    ("date_start", "04/03/2025", "'04/03/2025' is not an ISO 8601 date"),
    ("date_end", "2025-02-30", "'2025-02-30' is not an ISO 8601 date"),
    ("fatalities", -3, "-3 is not a whole number"),
])
def test_vocabulary_and_date_rules(sample_props, sudzha_point, field, value, expected):
    props = dict(sample_props, **{field: value})
    msg = only(problems_for(feature(props, *sudzha_point)), field)
    assert expected in msg
    assert msg.startswith("layer.geojson: feature 0 (id gm-")


def test_date_end_before_start(sample_props, sudzha_point):
    props = dict(sample_props, date_start="2025-03-04", date_end="2025-03-01")
    assert "date_end 2025-03-01 is before date_start 2025-03-04" in only(problems_for(feature(props, *sudzha_point)), "date_end")


@pytest.mark.parametrize("coords,expected", [
    ([200.0, 51.0], "out of range"),
    ([35.0, -95.0], "out of range"),
    (["35.2", 51.1], "are not two numbers"),
    ([35.2], "are not two numbers"),
])
def test_bad_coordinates(sample_props, coords, expected):
    feat = feature(sample_props, 35.0, 51.0)
    feat["geometry"]["coordinates"] = coords
    assert expected in only(problems_for(feat), "geometry")


def test_swapped_lat_lon_is_named(sample_props, sudzha_point):
    lon, lat = sudzha_point
    msg = only(problems_for(feature(sample_props, lat, lon)), "geometry")
    assert "looks like lat/lon are swapped" in msg
    assert "Kursk Oblast" in msg


def test_point_outside_named_oblast(sample_props, sudzha_point):
    props = dict(sample_props, admin1="Sumy Oblast", admin1_code="UA-59")
    msg = only(problems_for(feature(props, *sudzha_point)), "admin1")
    assert "lies in Kursk Oblast, not in Sumy Oblast as admin1 says" in msg


def test_oblast_level_event_at_representative_point_is_valid(sample_props):
    sumy = load_regions().get("UA-59")
    props = dict(sample_props, admin1="Sumy Oblast", admin1_code="UA-59", geo_precision="admin1",
                 place=None, gazetteer_id=None)
    assert problems_for(feature(props, *sumy.rep_point)) == []


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.org/x", "example.org/page", "http://"])
def test_non_http_source_url(sample_props, sudzha_point, url):
    props = copy.deepcopy(sample_props)
    props["sources"][0]["url"] = url
    assert "is not an http(s) URL" in only(problems_for(feature(props, *sudzha_point)), "sources[0].url")


def test_event_with_no_source(sample_props, sudzha_point):
    props = dict(sample_props, sources=[])
    assert "event has no source" in only(problems_for(feature(props, *sudzha_point)), "sources")


def test_duplicate_ids(sample_props, sudzha_point):
    a = feature(sample_props, *sudzha_point)
    b = copy.deepcopy(a)
    probs = validate_features([a, b], "x.geojson", None)
    assert [str(p) for p in probs] == [f"x.geojson: feature 1 (id {a['id']}): id: duplicate id (also feature 0)"]


def test_every_problem_is_reported_not_just_the_first(sample_props, sudzha_point):
    props = dict(sample_props, event_type="battle", time_precision="hour", sources=[])
    fields = {p.field for p in problems_for(feature(props, *sudzha_point))}
    assert {"event_type", "time_precision", "sources"} <= fields


def test_undated_event_is_a_warning_not_an_error(sample_props, sudzha_point):
    props = dict(sample_props, date_start=None, date_end=None)
    probs = problems_for(feature(props, *sudzha_point))
    assert [p.severity for p in probs] == ["warning"]
    assert "undated" in str(probs[0])


def test_id_is_stable_and_depends_on_identity(sample_props):
    assert make_id(sample_props) == make_id(dict(sample_props))
    assert make_id(sample_props) == make_id(dict(sample_props, summary="Another wording."))
    assert make_id(sample_props) != make_id(dict(sample_props, date_start="2025-03-05"))
    assert make_id(sample_props) != make_id(dict(sample_props, event_type="ground_assault"))


def test_canonical_properties_order_and_unknowns_kept(sample_props):
    props = dict(sample_props, zz_custom="kept", actors="Russian forces; North Korean forces")
    canon = canonical_properties(props)
    assert tuple(canon) == PROPERTIES
    assert canon["extra"] == {"zz_custom": "kept"}
    assert canon["actors"] == ["Russian forces", "North Korean forces"]


def test_problem_str_for_curated_line():
    p = Problem("data/events/x.yaml", 2, None, "event_type", "unknown", line=14, kind="record")
    assert str(p) == "data/events/x.yaml: line 14: record 2: event_type: unknown"


def test_vocabulary_is_one_place():
    assert EVENT_TYPES == ("deployment", "drone_reconnaissance", "strike", "ground_assault", "other")


def test_event_id_follows_the_mention_not_the_gazetteer_answer(sample_props):
    """Adding a place to the gazetteer later must not change the id of an event made from the same words."""
    said = dict(sample_props, place_mention="Mala Loknia", place=None, gazetteer_id=None,
                admin1="Kursk Oblast", admin1_code="RU-KRS", geo_precision="admin1")
    placed = dict(said, place="Mala Loknia", gazetteer_id="user:mala-loknia@RU-KRS", geo_precision="settlement")
    assert make_id(said) == make_id(placed)
    assert make_id(said) == make_id(dict(said, place_mention="  mala   loknia "))
    assert make_id(said) != make_id(dict(said, place_mention="Sudzha"))
