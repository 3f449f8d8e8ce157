"""The map's HTML without a browser: layers, colours, escaping, offline assets, bad input."""
from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from geomap.cli.main import cli
from geomap.layers import write_layers
from geomap.render.map import build_map, pack_events, render_html, save_map
from geomap.render.style import TYPE_STYLE

from map_fixture import COUNTS, XSS_QUOTE, map_features


@pytest.fixture
def layer_dir(tmp_path):
    d = tmp_path / "layers"
    write_layers(d, map_features())
    return d


def _data(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="geomap-data">(\{.*?\})</script>', html, re.S)
    assert m, "no event data in the page"
    return json.loads(m.group(1))


def test_cli_writes_map_with_every_layer_and_colour(layer_dir, tmp_path):
    out = tmp_path / "m.html"
    res = CliRunner().invoke(cli, ["map", str(layer_dir), "-o", str(out), "--title", "Test <map>"])
    assert res.exit_code == 0, res.output
    html = out.read_text()
    assert "<title>Test &lt;map&gt;</title>" in html
    data = _data(html)
    assert [t["key"] for t in data["types"]] == list(TYPE_STYLE)
    for t in data["types"]:
        assert t["color"] == TYPE_STYLE[t["key"]]["color"] and t["label"] == TYPE_STYLE[t["key"]]["label"]
    per_type = {t["key"]: data["t"].count(i) for i, t in enumerate(data["types"])}
    assert per_type == COUNTS
    assert "1 event(s) have no date" in res.output  # the undated one is flagged


def test_filters_reach_the_map(layer_dir, tmp_path):
    out = tmp_path / "m.html"
    res = CliRunner().invoke(cli, ["map", str(layer_dir), "-o", str(out), "--admin1", "Kursk Oblast",
                                   "--type", "strike", "--type", "deployment", "--since", "2025-01-10"])
    assert res.exit_code == 0, res.output
    data = _data(out.read_text())
    types = [data["types"][t]["key"] for t in data["t"]]
    # Kursk: strikes on 01-20 and 02-10, the January deployment; not the 01-05 strike nor autumn 2024
    assert sorted(types) == ["deployment", "strike", "strike"]


def test_source_text_cannot_break_out_of_the_script(layer_dir, tmp_path):
    html = render_html(build_map(map_features(), tiles="none"))
    # the payloads travel only as JSON data with "<" escaped, never as markup
    assert "<img src=x" not in html and "<script>window.__xss" not in html
    assert XSS_QUOTE in _data(html)["s"]


def test_template_syntax_in_source_text_stays_text():
    feats = map_features()
    feats[0]["properties"]["summary"] = "{{ 7*7 }} {% if 1 %}x{% endif %}"
    data = _data(render_html(build_map(feats, tiles="none", title="{{ 6*7 }}")))
    assert "{{ 7*7 }} {% if 1 %}x{% endif %}" in data["s"] and data["title"] == "{{ 6*7 }}"


def test_offline_html_has_no_external_script_or_style(tmp_path):
    html = render_html(build_map(map_features(), tiles="none", offline=True))
    assert not re.search(r"<(script|link)[^>]+(src|href)=", html)
    assert "L.Map" in html or "Leaflet" in html  # Leaflet itself is inline
    assert "url(images/" not in html  # Leaflet's images are data URIs


def test_online_map_loads_only_leaflet_from_cdn():
    html = render_html(build_map(map_features(), tiles="none"))
    srcs = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert sorted(srcs) == sorted(["https://cdn.jsdelivr.net/npm/leaflet@1.9.4/dist/leaflet.js",
                                   "https://cdn.jsdelivr.net/npm/leaflet@1.9.4/dist/leaflet.css"])


def test_output_is_deterministic(tmp_path):
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    save_map(map_features(), a, offline=True)
    save_map(list(reversed(map_features())), b, offline=True)
    assert a.read_bytes() == b.read_bytes()


def test_packing_round_trips_coordinates_and_dates():
    feats = map_features()
    data = pack_events(feats)
    assert data["n"] == len(feats)
    lons = sorted(x / data["scale"] for x in data["x"])
    assert lons == pytest.approx(sorted(f["geometry"]["coordinates"][0] for f in feats), abs=1e-5)
    days, acc = [], 0
    for d in data["d"]:
        acc += d
        days.append(acc)
    assert days == sorted(days)  # delta-encoded, sorted by date


def test_border_is_derived_from_the_polygons():
    from shapely.geometry import shape
    from geomap.regions import load_regions
    from geomap.render.map import boundary_layers

    _, border = boundary_layers()
    line = shape(border["geometry"])
    regions = load_regions()
    kursk, sumy = regions.get("RU-KRS").geometry, regions.get("UA-59").geometry
    # the Kursk–Sumy frontier is part of it, and it never runs through an oblast's interior
    shared = kursk.boundary.intersection(sumy.boundary)
    assert shared.length > 1.0 and shared.difference(line.buffer(1e-3)).length < 0.01
    assert line.intersection(kursk.buffer(-0.01)).length == 0


@pytest.mark.parametrize("args, message", [
    (["--since", "2025-02-01", "--until", "2025-01-01"], "is after --until"),
    (["--type", "parade"], "unknown event type 'parade'"),
    (["--tiles", "NoSuchTiles"], "unknown tile provider 'NoSuchTiles'"),
    (["--since", "2030-01-01"], "no events match"),
])
def test_bad_options_fail_clearly(layer_dir, tmp_path, args, message):
    out = tmp_path / "m.html"
    res = CliRunner().invoke(cli, ["map", str(layer_dir), "-o", str(out), *args])
    assert res.exit_code != 0
    assert message in res.output and "Traceback" not in res.output
    assert not out.exists()


def test_empty_layer_dir_and_zero_events(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    res = CliRunner().invoke(cli, ["map", str(empty), "-o", str(tmp_path / "m.html")])
    assert res.exit_code == 1 and "no layer files" in res.output
    zero = tmp_path / "zero"
    write_layers(zero, [])
    res = CliRunner().invoke(cli, ["map", str(zero), "-o", str(tmp_path / "m.html")])
    assert res.exit_code == 1 and "empty: no events to map" in res.output
    assert not (tmp_path / "m.html").exists()


def test_failed_run_keeps_earlier_map(layer_dir, tmp_path):
    out = tmp_path / "m.html"
    assert CliRunner().invoke(cli, ["map", str(layer_dir), "-o", str(out)]).exit_code == 0
    before = out.read_bytes()
    res = CliRunner().invoke(cli, ["map", str(layer_dir), "-o", str(out), "--tiles", "bogus"])
    assert res.exit_code == 2 and out.read_bytes() == before


def test_build_writes_map(repo, tmp_path):
    from geomap.build import build

    result = build(repo, tmp_path / "out", report=False)  # the map, not the report (its own tests build it)
    html = (tmp_path / "out" / "map.html").read_text()
    assert (tmp_path / "out" / "map.html") in result.outputs
    data = _data(html)
    assert data["n"] == result.total
    # oblast-level events keep the admin1 precision code (the seed article's events are all oblast-level)
    from geomap.layers import read_layers

    n_admin1 = sum(f["properties"]["geo_precision"] == "admin1" for f in read_layers(tmp_path / "out" / "layers"))
    assert n_admin1 > 0
    assert sum((f >> 3) & 7 == data["admin1Code"] for f in data["f"]) == n_admin1


def test_cli_map_is_self_contained_by_default(tmp_path):
    """geomap map inlines Leaflet unless --cdn is asked for: only tiles may come from the network."""
    layers = tmp_path / "layers"
    write_layers(layers, map_features())
    out = tmp_path / "map.html"
    res = CliRunner().invoke(cli, ["map", str(layers), "-o", str(out)])
    assert res.exit_code == 0, res.output
    html = out.read_text(encoding="utf-8")
    assert "cdn.jsdelivr.net" not in html and "<script src=" not in html
    res = CliRunner().invoke(cli, ["map", str(layers), "-o", str(out), "--cdn"])
    assert res.exit_code == 0, res.output
    assert "https://cdn.jsdelivr.net/npm/leaflet@1.9.4/dist/leaflet.js" in out.read_text(encoding="utf-8")
