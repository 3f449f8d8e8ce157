"""One meaning for every filter: events(), to_map(), report(), export and the CLI select the same events."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import geomap
from events_factory import event, settlements
from geomap.cli.main import cli
from geomap.errors import InputError
from geomap.filters import as_features, select
from geomap.layers import read_layers


def _ids(features) -> list[str]:
    return sorted(f["properties"]["id"] for f in features)


@pytest.fixture(scope="module")
def seed(seed_layers):
    return read_layers(seed_layers)


@pytest.mark.parametrize("name", ["Kursk", "kursk", "KURSK OBLAST", "Kursk Oblast", "RU-KRS", "ru-krs",
                                  "Курская область"])
def test_admin1_any_form_selects_the_same_events(seed, name):
    expected = _ids(f for f in seed if f["properties"]["admin1_code"] == "RU-KRS")
    assert expected, "the seed data has Kursk events"
    assert _ids(select(seed, admin1=name)) == expected


def test_admin1_same_through_events_map_report_export_and_cli(seed_layers, seed, tmp_path):
    expected = _ids(f for f in seed if f["properties"]["admin1_code"] == "RU-KRS")
    gdf = geomap.load(seed_layers)
    assert sorted(geomap.events(gdf, admin1="Kursk")["id"]) == expected
    # to_map with a GeoDataFrame and an oblast name (was: "no events match")
    m = geomap.to_map(gdf, admin1="Kursk", tiles="none")
    from geomap.render.map import render_html
    from test_map import _data

    data = _data(render_html(m))
    assert data["n"] == len(expected) and not any(f & 64 for f in data["f"])  # none drawn as undated
    # export through the API and through the CLI, by name and by lower-case code
    out = tmp_path / "api.geojson"
    geomap.export(gdf, out, "geojson", admin1="kursk oblast")
    assert _ids(json.loads(out.read_text())["features"]) == expected
    cli_out = tmp_path / "cli.geojson"
    res = CliRunner().invoke(cli, ["export", str(seed_layers), "-o", str(cli_out), "--admin1", "ru-krs"])
    assert res.exit_code == 0, res.output
    assert _ids(json.loads(cli_out.read_text())["features"]) == expected
    # the report counts the same events
    result = geomap.report(gdf, tmp_path / "report", formats="html", admin1="KURSK")
    assert result.total == len(expected)


def test_to_map_of_a_geodataframe_keeps_its_dates(seed_layers):
    from geomap.render.map import pack_events

    gdf = geomap.load(seed_layers)
    packed = pack_events(as_features(gdf))
    undated = sum(1 for f in packed["f"] if f & 64)
    assert undated == 0 and len(packed["f"]) == len(gdf)
    assert all(isinstance(f["properties"]["date_start"], str) for f in as_features(gdf))


def _feature(**props):
    return event(settlements("UA", "21", 5)[0], **props)


def test_actor_claim_origin_review_filters():
    a = _feature(actors=["North Korean forces"], claim_status="claimed", origin="curated",
                 sources=[{"url": "https://example.org/a", "claimed_by": "Ukrainian General Staff"}])
    b = _feature(actors=["Russian forces", "Ukrainian forces"], claim_status="reported", origin="extracted",
                 date_start="2025-02-01", date_end="2025-02-01")
    b["properties"]["review_status"] = "accepted"
    feats = [a, b]
    assert select(feats, actors=["north  korean FORCES"]) == [a]
    assert select(feats, actors=["Ukrainian forces", "North Korean forces"]) == feats
    assert select(feats, claim_status="claimed") == [a]
    assert select(feats, claimed_by="ukrainian general staff") == [a]
    assert select(feats, origin=["extracted"]) == [b]
    assert select(feats, review_status="unreviewed") == [a]
    assert select(feats, review_status="accepted") == [b]
    with pytest.raises(InputError, match="unknown claim status 'rumour'"):
        select(feats, claim_status="rumour")
    with pytest.raises(InputError, match="unknown oblast 'Narnia'"):
        select(feats, admin1="Narnia")


def test_new_filters_same_through_events_and_cli(seed_layers, seed, tmp_path):
    gdf = geomap.load(seed_layers)
    for kw, args in [(dict(actors=["north korean forces"]), ["--actor", "North Korean Forces"]),
                     (dict(claim_status="claimed"), ["--claim-status", "claimed"]),
                     (dict(origin="curated"), ["--origin", "curated"]),
                     (dict(review_status="unreviewed"), ["--review-status", "unreviewed"]),
                     (dict(min_precision="admin1"), ["--min-precision", "admin1"])]:
        expected = _ids(select(seed, **kw))
        assert sorted(geomap.events(gdf, **kw)["id"]) == expected, kw
        out = tmp_path / "x.geojson"
        res = CliRunner().invoke(cli, ["export", str(seed_layers), "-o", str(out), *args])
        assert res.exit_code == 0, res.output
        assert _ids(json.loads(out.read_text())["features"]) == expected, args
    assert len(select(seed, actors="North Korean forces")) > 0
    claimers = {s.get("claimed_by") for f in seed for s in f["properties"]["sources"] if s.get("claimed_by")}
    if claimers:
        who = sorted(claimers)[0]
        assert sorted(geomap.events(gdf, claimed_by=who.upper())["id"]) == _ids(select(seed, claimed_by=who))
