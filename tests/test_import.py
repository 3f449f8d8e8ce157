"""geomap import: ACLED CSV and other tools' GeoJSON in; round trips through every export format."""
from __future__ import annotations

import csv
import datetime as dt
import shutil

import orjson
import pytest
from click.testing import CliRunner
from events_factory import event, sample_events, settlements
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import DATA, REPO
import rfc7946
from geomap.io.acled import import_acled
from geomap.build import build
from geomap.cli.main import cli
from geomap.errors import InputError
from geomap.io.registry import export_features
from geomap.io.geojson import import_geojson
from geomap.io.gpkg import import_gpkg
from geomap.layers import canonical_feature, read_layers
from geomap.layer_merge import merge_into
from geomap.regions import load_regions
from geomap.schema import ACTORS, SUB_TYPES, validate_features

ACLED_SAMPLE = DATA / "acled_sample.csv"


def _fixture_rows() -> dict[str, dict]:
    with ACLED_SAMPLE.open(encoding="utf-8", newline="") as fh:
        return {r["event_id_cnty"]: r for r in csv.DictReader(fh)}


# --- ACLED ------------------------------------------------------------------------

def test_acled_sample_import_kursk_sumy():
    rows = _fixture_rows()
    header = next(csv.reader(ACLED_SAMPLE.open(encoding="utf-8")))
    assert header[0] != "event_id_cnty" and "geonames_id" in header  # shuffled, with extra columns
    res = import_acled(ACLED_SAMPLE)
    assert res.read == 12
    assert [s.row for s in res.skipped] == [6, 7, 9, 12]
    reasons = {s.row: s.reason for s in res.skipped}
    assert "event_date '2025-13-45'" in reasons[6]
    assert "'fifty-one'" in reasons[7]
    assert "look swapped" in reasons[9]
    assert "fatalities '-3'" in reasons[12]
    assert res.outside_region == 2  # Belgorod and Kyiv
    feats = {f["id"]: f for f in res.features}
    assert set(feats) == {"acled-TST1", "acled-TST2", "acled-TST3", "acled-TST4", "acled-TST10", "acled-TST11"}
    assert validate_features(res.features, "import", load_regions()) == []

    from geonames import ById

    cities = ById(500)  # each record looked up by id
    for f in res.features:
        city = cities[rows[f["id"].removeprefix("acled-")]["geonames_id"]]
        assert f["geometry"]["coordinates"] == [round(float(city["longitude"]), 6), round(float(city["latitude"]), 6)]
        assert f["properties"]["origin"] == "imported"

    p = {k: f["properties"] for k, f in feats.items()}
    assert (p["acled-TST1"]["event_type"], p["acled-TST1"]["sub_type"]) == ("ground_assault", "armed_clash")
    assert p["acled-TST1"]["actors"] == ["Russian forces", "Ukrainian forces", "North Korean forces"]
    assert [s["outlet"] for s in p["acled-TST1"]["sources"]] == ["Outlet A", "Outlet B"]
    assert p["acled-TST1"]["fatalities"] == 2 and p["acled-TST2"]["fatalities"] is None
    assert p["acled-TST3"]["fatalities"] == 0
    assert (p["acled-TST2"]["event_type"], p["acled-TST2"]["sub_type"]) == ("strike", "drone_strike")
    assert p["acled-TST2"]["date_start"] == "2025-03-05"  # "05 March 2025", ACLED's export style
    assert (p["acled-TST3"]["sub_type"], p["acled-TST3"]["time_precision"]) == ("mlrs", "week")
    assert (p["acled-TST3"]["date_start"], p["acled-TST3"]["date_end"]) == ("2025-03-06", "2025-03-12")
    assert p["acled-TST3"]["geo_precision"] == "near_settlement"
    assert p["acled-TST4"]["event_type"] == "drone_reconnaissance"
    assert p["acled-TST10"]["event_type"] == "other"
    assert p["acled-TST10"]["extra"] == {"acled": {"event_type": "Protests", "sub_event_type": "Peaceful protest"}}
    t11 = p["acled-TST11"]
    assert (t11["event_type"], t11["time_precision"], t11["geo_precision"]) == ("deployment", "month", "admin1")
    assert (t11["date_start"], t11["date_end"], t11["place"]) == ("2024-09-01", "2024-09-30", None)
    # admin1: filled where missing, corrected where wrong, and said so
    assert p["acled-TST3"]["admin1_code"] == "UA-59"
    assert p["acled-TST4"]["admin1_code"] == "RU-KRS"
    assert "row 3: admin1 filled: the point lies in Sumy Oblast" in res.notes
    assert "row 4: admin1 corrected: file says 'Belgorod', the point lies in Kursk Oblast" in res.notes


def test_acled_region_all_keeps_rows_outside():
    res = import_acled(ACLED_SAMPLE, region="all")
    feats = {f["id"]: f["properties"] for f in res.features}
    assert len(feats) == 8 and res.outside_region == 0
    assert feats["acled-TST5"]["admin1_code"] == "RU-BEL"
    assert (feats["acled-TST8"]["admin1"], feats["acled-TST8"]["admin1_code"], feats["acled-TST8"]["country"]) \
        == ("Kyiv", None, "UA")
    assert [p for p in validate_features(res.features, "x", load_regions()) if p.severity == "error"] == []


def test_acled_missing_columns_are_named(tmp_path):
    bad = tmp_path / "bad.csv"
    with ACLED_SAMPLE.open(encoding="utf-8", newline="") as fh, bad.open("w", encoding="utf-8", newline="") as out:
        r = csv.DictReader(fh)
        cols = [c for c in r.fieldnames if c not in ("latitude", "event_date")]
        w = csv.DictWriter(out, cols, extrasaction="ignore")
        w.writeheader()
        w.writerows(r)
    with pytest.raises(InputError, match=r"missing required column\(s\): event_date, latitude"):
        import_acled(bad)


def test_acled_strict_refuses_the_file():
    with pytest.raises(InputError, match=r"row 6: event_date .* \(and 3 more bad rows\); nothing imported"):
        import_acled(ACLED_SAMPLE, strict=True)


def test_cli_import_acled_merges_without_losing_events(seed_layers, tmp_path):
    into = tmp_path / "imported"
    seeds = read_layers(seed_layers)
    merge_into(into, seeds)
    runner = CliRunner()
    res = runner.invoke(cli, ["import", "acled", str(ACLED_SAMPLE), "--into", str(into)])
    assert res.exit_code == 1  # four rows were refused
    assert "row 6: event_date" in res.output and "6 added, 0 updated, 0 unchanged" in res.output
    assert "Error: 4 row(s) skipped" in res.output and "Traceback" not in res.output
    ids = {f["id"] for f in read_layers(into)}
    assert {f["id"] for f in seeds} <= ids and len(ids) == len(seeds) + 6
    res = runner.invoke(cli, ["import", "acled", str(ACLED_SAMPLE), "--into", str(into)])
    assert "0 added, 0 updated, 6 unchanged" in res.output
    for p in into.glob("*.geojson"):
        assert rfc7946.check_file(p) == []


def test_cli_import_strict_and_missing_column_write_nothing(tmp_path):
    into = tmp_path / "imported"
    runner = CliRunner()
    res = runner.invoke(cli, ["import", "acled", str(ACLED_SAMPLE), "--into", str(into), "--strict"])
    assert res.exit_code == 1 and not into.exists()
    assert res.output.count("\n") == 1 and res.output.startswith(f"Error: {ACLED_SAMPLE}, row 6:")
    empty = tmp_path / "empty.csv"
    empty.write_text("event_id_cnty,notes\nX1,hello\n", encoding="utf-8")
    res = runner.invoke(cli, ["import", "acled", str(empty), "--into", str(into)])
    assert res.exit_code == 1 and "missing required column(s): event_date, time_precision" in res.output
    assert not into.exists()


def test_build_includes_data_imported(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(REPO / "data" / "events", root / "data" / "events")
    layers_only = dict(render_map=False, report=False)  # this test is about the layers
    base = build(root, **layers_only).total
    runner = CliRunner()
    res = runner.invoke(cli, ["import", "acled", str(ACLED_SAMPLE), "--into", str(root / "data" / "imported")])
    assert "6 added" in res.output
    result = build(root, **layers_only)
    assert result.total == base + 6 and result.added == 6
    for p in result.layer_dir.glob("*.geojson"):
        assert rfc7946.check_file(p) == []
    assert "acled-TST1" in {f["id"] for f in read_layers(result.layer_dir)}


# --- GeoJSON from other tools -------------------------------------------------------

def _other_tool_file(tmp_path, **over):
    place = settlements("RU", "41", 3)[1]
    doc = {"type": "FeatureCollection", "features": [{
        "type": "Feature", "id": 17,
        "geometry": {"type": "Point", "coordinates": [place["lon"], place["lat"]]},
        "properties": {"Type": "strike", "date": "2025-02-01", "time_precision": "day",
                       "location": place["name"], "admin1": "Kursk Oblast", "geo_precision": "settlement",
                       "notes": "A strike seen in a video.", "source": "https://example.org/v",
                       "confidence_score": 0.7, "layer_colour": "red"},
    }, {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[35, 51], [36, 51]]},
        "properties": {}}]}
    doc.update(over)
    path = tmp_path / "other.geojson"
    path.write_bytes(orjson.dumps(doc))
    return path, place


def test_geojson_from_another_tool_maps_names_and_keeps_extras(tmp_path):
    path, place = _other_tool_file(tmp_path)
    res = import_geojson(path)
    assert [(s.row, s.kind) for s in res.skipped] == [(1, "feature")]
    assert "LineString" in res.skipped[0].reason
    (f,) = res.features
    p = f["properties"]
    assert (p["event_type"], p["date_start"], p["date_end"], p["place"]) == ("strike", "2025-02-01", "2025-02-01",
                                                                            place["name"])
    assert p["summary"] == "A strike seen in a video." and p["sources"][0]["url"] == "https://example.org/v"
    assert p["extra"] == {"confidence_score": 0.7, "layer_colour": "red"}
    assert p["origin"] == "imported" and p["id"] == "17"


def test_geojson_with_crs_or_lat_lon_order_is_refused(tmp_path):
    path, _ = _other_tool_file(tmp_path, crs={"type": "name", "properties": {"name": "EPSG:3857"}})
    with pytest.raises(InputError, match="has a 'crs' member"):
        import_geojson(path)
    runner = CliRunner()
    res = runner.invoke(cli, ["import", "geojson", str(path), "--into", str(tmp_path / "in")])
    assert res.exit_code == 1 and res.output.count("\n") == 1 and "crs" in res.output
    assert not (tmp_path / "in").exists()

    path, place = _other_tool_file(tmp_path)
    doc = orjson.loads(path.read_bytes())
    doc["features"][0]["geometry"]["coordinates"] = [place["lat"], place["lon"]]
    path.write_bytes(orjson.dumps(doc))
    with pytest.raises(InputError, match=r"lat/lon order"):
        import_geojson(path)


# --- round trips ------------------------------------------------------------------------

KURSK = settlements("RU", "41", 30)
SUMY = settlements("UA", "21", 30)
WORD = st.text(st.characters(whitelist_categories=("Lu", "Ll"), max_codepoint=0x44F), min_size=1, max_size=8)
NAME = st.lists(WORD, min_size=1, max_size=3).map(" ".join)


@st.composite
def events(draw):
    place = draw(st.sampled_from(KURSK + SUMY))
    et = draw(st.sampled_from(list(SUB_TYPES)))
    start = draw(st.dates(dt.date(2022, 1, 1), dt.date(2026, 12, 1)))
    tp = draw(st.sampled_from(["day", "week", "month", "season", "year"]))
    if tp == "day":
        end = start
    elif tp == "week":
        end = start + dt.timedelta(days=6)
    elif tp == "month":
        start = start.replace(day=1)
        end = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    else:
        end = start + dt.timedelta(days=draw(st.integers(30, 365)))
    geo = draw(st.sampled_from(["settlement", "near_settlement", "admin2", "admin1"]))
    summary = draw(NAME)
    if et == "drone_reconnaissance":
        summary = "Reconnaissance: " + summary  # how ACLED's Strategic developments/Other is told apart
    elif et == "other":
        summary = summary.replace("econnaissance", "")
        if any(w in summary.lower() for w in ("reconnaissance", "surveillance", "spotter", "isr")):
            summary = "Training"
    ev = event(
        place,
        event_type=et, sub_type=draw(st.sampled_from((None,) + SUB_TYPES[et])),
        date_start=start.isoformat(), date_end=end.isoformat(), time_precision=tp,
        place=None if geo == "admin1" else place["name"], geo_precision=geo,
        actors=draw(st.lists(st.one_of(st.sampled_from(ACTORS), NAME), max_size=4, unique=True)),
        weapons=draw(st.lists(st.sampled_from(["drone", "artillery", "mlrs"]), max_size=2, unique=True)),
        fatalities=draw(st.one_of(st.none(), st.integers(0, 500))),
        summary=summary, claim_status=draw(st.sampled_from(["reported", "claimed", "confirmed", "disputed"])),
        sources=[{"url": f"https://example.org/{draw(st.integers(0, 10**6))}", "outlet": draw(NAME),
                  "published": "2025-01-01", "claimed_by": draw(st.one_of(st.none(), NAME)), "quote": None}],
        extra=draw(st.one_of(st.none(), st.dictionaries(WORD, st.integers(-2**53, 2**53), max_size=2))),
    )
    return canonical_feature(ev)


def _unique(feats):
    return list({f["id"]: f for f in feats}.values())


ROUND_TRIP = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@ROUND_TRIP
@given(st.lists(events(), min_size=1, max_size=8))
def test_round_trip_geojson_is_exact(tmp_path, feats):
    feats = _unique(feats)
    path = export_features(feats, tmp_path / "rt.geojson", "geojson")[0]
    assert rfc7946.check_file(path) == []
    assert import_geojson(path).features == feats


@ROUND_TRIP
@given(st.lists(events(), min_size=1, max_size=8))
def test_round_trip_gpkg_is_exact(tmp_path, feats):
    feats = _unique(feats)
    export_features(feats, tmp_path / "rt.gpkg", "gpkg")
    back = {f["id"]: f for f in import_gpkg(tmp_path / "rt.gpkg").features}
    assert back == {f["id"]: f for f in feats}


@ROUND_TRIP
@given(st.lists(events(), min_size=1, max_size=8))
def test_round_trip_acled_keeps_what_acled_holds(tmp_path, feats):
    """Kept: id, type, start date, day/week/month precision, place, admin1, country, geo precision,
    actors, fatalities, summary, point, source outlets. Lost: see README ("what round trips lose")."""
    feats = _unique(feats)
    export_features(feats, tmp_path / "rt.csv", "acled-csv")
    res = import_acled(tmp_path / "rt.csv", region="all")
    assert res.skipped == []
    back = {f["id"]: f for f in res.features}
    assert set(back) == {f["id"] for f in feats}
    for f in feats:
        a, b = f["properties"], back[f["id"]]["properties"]
        assert b["event_type"] == a["event_type"]
        assert b["admin1_code"] == a["admin1_code"]
        assert back[f["id"]]["geometry"] == f["geometry"]
        for key in ("place", "admin1", "country", "geo_precision", "actors", "fatalities", "summary"):
            assert b[key] == a[key], key
        assert [s["outlet"] for s in b["sources"]] == [s["outlet"] for s in a["sources"]]
        if a["time_precision"] in ("day", "week", "month"):
            assert (b["date_start"], b["date_end"], b["time_precision"]) == \
                (a["date_start"], a["date_end"], a["time_precision"])
        else:  # season/year: ACLED's coarsest code is the month; the start's month comes back
            assert b["time_precision"] == "month" and b["date_start"] == a["date_start"][:8] + "01"
        assert b["origin"] == "imported" and b["weapons"] == []
    assert validate_features(res.features, "rt", load_regions()) == []


def test_sample_events_round_trip_through_every_format(tmp_path):
    feats = [canonical_feature(f) for f in sample_events()]
    export_features(feats, tmp_path / "a.gpkg", "gpkg")
    export_features(feats, tmp_path / "a.geojson", "geojson")
    assert {f["id"]: f for f in import_gpkg(tmp_path / "a.gpkg").features} == {f["id"]: f for f in feats}
    assert import_geojson(tmp_path / "a.geojson").features == feats


def test_geojson_import_fills_missing_admin1_from_the_point(tmp_path):
    path, place = _other_tool_file(tmp_path)
    doc = orjson.loads(path.read_bytes())
    del doc["features"][0]["properties"]["admin1"]
    path.write_bytes(orjson.dumps(doc))
    res = import_geojson(path)
    (f,) = res.features
    assert (f["properties"]["admin1_code"], f["properties"]["country"]) == ("RU-KRS", "RU")
    assert res.notes == ["feature 0: admin1 filled: the point lies in Kursk Oblast"]


def test_cli_import_gpkg_edited_elsewhere(tmp_path):
    """A GeoPackage exported, edited with GDAL (one summary changed, one type broken) and imported back."""
    import subprocess

    from conftest import require_tool

    feats = [canonical_feature(f) for f in sample_events()]
    into = tmp_path / "layers"
    merge_into(into, feats)
    gpkg = tmp_path / "edit.gpkg"
    export_features(feats, gpkg, "gpkg")
    ogrinfo = require_tool("ogrinfo", "Debian package gdal-bin")
    for sql in ("UPDATE strike SET summary = 'Edited in QGIS.'", "UPDATE deployment SET event_type = 'bogus'"):
        subprocess.run([ogrinfo, str(gpkg), "-sql", sql], check=True, capture_output=True)
    res = CliRunner().invoke(cli, ["import", "gpkg", str(gpkg), "--into", str(into)])
    assert res.exit_code == 1 and "unknown event_type 'bogus'" in res.output
    assert "0 added, 1 updated, 3 unchanged" in res.output
    after = {f["id"]: f for f in read_layers(into)}
    assert len(after) == len(feats)  # the refused feature's earlier version is still there
    strike = next(f for f in feats if f["properties"]["event_type"] == "strike")
    assert after[strike["id"]]["properties"]["summary"] == "Edited in QGIS."


def test_acled_ids_survive_export_and_reimport(tmp_path):
    first = import_acled(ACLED_SAMPLE)
    export_features(first.features, tmp_path / "again.csv", "acled-csv")
    rows = list(csv.DictReader((tmp_path / "again.csv").open(encoding="utf-8", newline="")))
    assert {r["event_id_cnty"] for r in rows} == {f["id"].removeprefix("acled-") for f in first.features}
    second = import_acled(tmp_path / "again.csv")
    assert second.skipped == [] and not [n for n in second.notes if "admin1" in n]  # nothing to correct now
    assert {f["id"]: f for f in second.features} == {f["id"]: f for f in first.features}


def test_acled_notes_with_line_breaks(tmp_path):
    """A quoted line break inside notes: the fast block reader gives way to the careful one."""
    rows = list(csv.DictReader(ACLED_SAMPLE.open(encoding="utf-8", newline="")))
    rows[0]["notes"] = "First line of the note.\nSecond line, after a break."
    path = tmp_path / "multiline.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, list(rows[0]))
        w.writeheader()
        w.writerows(rows * 2000)  # big enough for several parse blocks
    res = import_acled(path)
    assert res.read == 24000
    first = next(f for f in res.features if f["id"] == "acled-TST1")
    assert first["properties"]["summary"] == "First line of the note.\nSecond line, after a break."
    reasons = {s.row: s.reason for s in res.skipped}
    assert "event_date" in reasons[6] and reasons[13] == "duplicate event_id_cnty 'TST1' (also row 1)"


def test_acled_values_padded_with_spaces_read_the_same(tmp_path):
    rows = list(csv.DictReader(ACLED_SAMPLE.open(encoding="utf-8", newline="")))
    for r in rows:
        for key in ("event_date", "time_precision", "geo_precision", "event_type", "sub_event_type",
                    "latitude", "longitude", "admin1", "location", "notes"):
            r[key] = f"  {r[key]} "
        r["fatalities"] = f" {r['fatalities']}  "
    path = tmp_path / "padded.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    plain, padded = import_acled(ACLED_SAMPLE), import_acled(path)
    assert padded.features == plain.features
    assert [s.row for s in padded.skipped] == [s.row for s in plain.skipped]


def test_acled_point_in_oblast_matches_the_polygons_exactly():
    """The import's grid shortcut gives shapely's answer, on and a hair off every border vertex."""
    import numpy as np
    import shapely

    from geomap.io.acled import _regions_index

    obl = load_regions().oblasts
    rng = np.random.default_rng(11)
    lon, lat = [rng.uniform(29.5, 40.0, 50_000)], [rng.uniform(48.0, 54.5, 50_000)]
    for o in obl:
        xy = shapely.get_coordinates(o.geometry.boundary)
        for dx, dy in ((0, 0), (1e-12, -1e-12), (-1e-9, 1e-9), (1e-7, 1e-7)):
            lon.append(xy[:, 0] + dx)
            lat.append(xy[:, 1] + dy)
    lon, lat = np.concatenate(lon), np.concatenate(lat)
    expected = np.full(len(lon), -1)
    for i, o in enumerate(obl):  # first oblast whose polygon covers the point, as admin1_at
        rest = np.flatnonzero(expected < 0)
        expected[rest[shapely.intersects_xy(o.geometry, lon[rest], lat[rest])]] = i
    got = _regions_index(lon, lat)
    assert (got >= 0).sum() > 10_000
    assert got.tolist() == expected.tolist()


def test_acled_import_does_not_load_pandas():
    """pyarrow loads pandas (a fifth of a second) on its first Python-to-Arrow conversion; the import avoids it."""
    import subprocess
    import sys

    code = ("import sys; from geomap.io.acled import import_acled; "
            f"r = import_acled({str(ACLED_SAMPLE)!r}, region='all'); "
            "assert r.features and r.skipped; print('pandas' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert out.stdout.strip() == "False"
