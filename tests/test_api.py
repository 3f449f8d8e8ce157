"""The public Python API: load, events, save, and the errors a notebook user sees."""
from __future__ import annotations

import warnings

import pandas as pd
import pytest

import geomap
from geomap.errors import GeomapError, InputError, ValidationError
from geomap.filters import filter_features
from geomap.layers import read_layers


@pytest.fixture
def layer_dir(seed_layers):
    """The session's seed layers (read-only here: save() writes to tmp_path)."""
    return seed_layers


def test_load_types(layer_dir):
    gdf = geomap.load(layer_dir)
    assert gdf.crs.to_epsg() == 4326
    assert len(gdf) == len(read_layers(layer_dir))
    assert str(gdf["event_type"].dtype) == "category"
    assert pd.api.types.is_datetime64_any_dtype(gdf["date_start"])
    assert all(isinstance(v, list) for v in gdf["actors"])
    assert all(isinstance(v, list) and v for v in gdf["sources"])


def test_events_filters_match_the_shared_filter(layer_dir):
    gdf = geomap.load(layer_dir)
    feats = read_layers(layer_dir)
    for kw in [dict(types=("strike",)), dict(since="2025-01-01"), dict(until="2024-12-31"),
               dict(admin1="UA-59"), dict(min_precision="settlement"), dict(since="2024-10-01", until="2024-10-31")]:
        got = sorted(geomap.events(gdf, **kw)["id"])
        expected = sorted(f["properties"]["id"] for f in filter_features(feats, **kw))
        assert got == expected, kw


def test_events_accepts_oblast_names_and_a_directory(layer_dir):
    a = geomap.events(layer_dir, admin1="Sumy Oblast")
    assert len(a) and set(a["admin1_code"]) == {"UA-59"}
    with pytest.raises(InputError, match="unknown oblast 'Narnia'"):
        geomap.events(layer_dir, admin1="Narnia")


def test_load_empty_directory_is_a_clear_error(tmp_path):
    with pytest.raises(InputError, match="no layers here; run `geomap build`"):
        geomap.load(tmp_path)


def test_save_round_trip_and_merge(layer_dir, tmp_path):
    gdf = geomap.load(layer_dir)
    res = geomap.save(gdf, tmp_path / "copy")
    assert (res.added, res.updated, res.unchanged) == (len(gdf), 0, 0)
    for p in layer_dir.iterdir():
        assert (tmp_path / "copy" / p.name).read_bytes() == p.read_bytes()
    edited = gdf.copy()
    edited.loc[edited.index[0], "summary"] = "Edited in a notebook."
    res = geomap.save(edited, tmp_path / "copy")
    assert (res.added, res.updated, res.unchanged) == (0, 1, len(gdf) - 1)


def test_save_refuses_frame_without_crs(layer_dir, tmp_path):
    gdf = geomap.load(layer_dir).set_crs(None, allow_override=True)
    with pytest.raises(GeomapError, match="has no CRS"):
        geomap.save(gdf, tmp_path / "x")
    assert not (tmp_path / "x").exists()


def test_save_reprojects_with_a_warning(layer_dir, tmp_path):
    gdf = geomap.load(layer_dir).to_crs("EPSG:3857")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        geomap.save(gdf, tmp_path / "x")
    assert any("reprojecting events from EPSG:3857 to EPSG:4326" in str(w.message) for w in caught)
    assert len(read_layers(tmp_path / "x")) == len(gdf)


def test_save_wrong_column_types(layer_dir, tmp_path):
    gdf = geomap.load(layer_dir)
    bad = gdf.copy()
    bad["actors"] = "Russian forces"
    with pytest.raises(GeomapError, match="column 'actors' must hold lists"):
        geomap.save(bad, tmp_path / "x")
    bad = gdf.copy()
    bad["event_type"] = bad["event_type"].astype(str)
    bad.loc[bad.index[0], "event_type"] = "parade"
    with pytest.raises(ValidationError, match="unknown event_type 'parade'"):
        geomap.save(bad, tmp_path / "x")
    assert not (tmp_path / "x").exists()


def test_help_says_what_load_takes_and_returns():
    doc = geomap.load.__doc__
    assert "layer_dir" in doc and "GeoDataFrame" in doc


def test_the_commands_stand_on_the_api(tmp_path):
    """validate, extract and geocode give through geomap.api what the CLI prints."""
    import json

    from click.testing import CliRunner

    from conftest import REPO
    from geomap import api
    from geomap.cli.main import cli

    assert [p for p in api.validate(REPO / "data" / "events") if p.severity == "error"] == []
    bad = tmp_path / "bad.yaml"
    bad.write_text("- event_type: strike\n  date_start: 2025-13-01\n  admin1: Sumy Oblast\n", encoding="utf-8")
    assert any(p.severity == "error" and "bad.yaml" in str(p) for p in api.validate([bad]))
    result = api.extract_documents(REPO / "seeds", root=REPO)
    out = CliRunner().invoke(cli, ["extract", str(REPO / "seeds"), "--root", str(REPO)])
    assert out.exit_code == 0
    lines = [json.loads(x) for x in out.stdout.splitlines() if x.strip()]
    assert [f["properties"]["id"] for f in result.events] == [f["properties"]["id"] for f in lines]
    r = api.geocode("Хотінська громада", root=REPO)
    assert (r.geo_precision, r.gazetteer_id) == ("hromada", "geonames:706253")  # Khotin, the hromada's centre


def test_every_feature_collection_has_one_frame(tmp_path):
    """Layers, exports and extracted candidates open and close their FeatureCollection the same way."""
    import json

    from conftest import REPO
    from geomap.extraction.output import write_candidates
    from geomap.io.common import collection_head, collection_tail
    from geomap.io.geojson import write_geojson
    from geomap.layers import write_layer

    feats = geomap.api.extract_documents(REPO / "seeds").events
    strikes = [f for f in feats if f["properties"]["event_type"] == feats[0]["properties"]["event_type"]]
    write_layer(tmp_path / "layer.geojson", strikes, name="layer")
    write_geojson(tmp_path / "export.geojson", strikes, name="export")
    write_candidates(tmp_path / "cand.geojson", strikes)
    write_geojson(tmp_path / "empty.geojson", [], name="empty")
    for name, head in (("layer", collection_head("layer")), ("cand", collection_head(None))):
        data = (tmp_path / f"{name}.geojson").read_bytes()
        assert data.startswith(head) and data.endswith(collection_tail(False)), name
        assert len(json.loads(data)["features"]) == len(strikes)
    export = (tmp_path / "export.geojson").read_bytes()
    assert export.startswith(b'{"type":"FeatureCollection","name":"export","bbox":') and \
        export.endswith(collection_tail(False))
    empty = (tmp_path / "empty.geojson").read_bytes()
    assert empty.endswith(b"[\n]}\n") and json.loads(empty)["features"] == []
