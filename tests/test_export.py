"""geomap export: every format read back by GDAL (ogrinfo, pyogrio) and checked against its standard."""
from __future__ import annotations

import csv
import json
import sqlite3

import orjson
import pytest
from click.testing import CliRunner
from events_factory import sample_events
from gis import ogrinfo

import rfc7946
from geomap.io.acled import ACLED_COLUMNS
from geomap.cli.main import cli
from geomap.errors import InputError, OutputError
from geomap.io.registry import export_features
from geomap.io.geojson import import_geojson
from geomap.io.gpkg import import_gpkg
from geomap.layers import canonical_feature, read_layers
from geomap.schema import EVENT_TYPES

pytestmark = pytest.mark.gdal


@pytest.fixture(scope="module")
def seed_dir(seed_layers):
    return seed_layers


@pytest.fixture(scope="module")
def seed(seed_dir):
    return read_layers(seed_dir)


def _extent(features):
    xs = [f["geometry"]["coordinates"][0] for f in features]
    ys = [f["geometry"]["coordinates"][1] for f in features]
    return (min(xs), min(ys), max(xs), max(ys))


def test_build_layers_pass_the_rfc7946_check(seed_dir):
    files = sorted(seed_dir.glob("*.geojson"))
    assert len(files) == len(EVENT_TYPES)
    for p in files:
        assert rfc7946.check_file(p) == [], p


def test_geojson_export_of_seed_layers_is_rfc7946_and_gdal_reads_it(seed, tmp_path):
    out = tmp_path / "events.geojson"
    written = export_features(seed, out, "geojson", boundaries=True)
    assert written == [out, tmp_path / "events.boundaries.geojson"]
    for p in written:
        assert rfc7946.check_file(p) == [], p
    doc = orjson.loads(out.read_bytes())
    assert "crs" not in doc
    assert doc["bbox"] == list(_extent(seed))
    info = ogrinfo(out)
    assert list(info) == ["events"]
    layer = info["events"]
    assert layer["count"] == len(seed) and layer["geometry"] == "Point"
    assert layer["extent"] == pytest.approx(_extent(seed))
    assert layer["fields"]["date_start"] == "Date" and layer["fields"]["sources"] == "String(JSON)"
    b = ogrinfo(written[1])["boundaries"]
    assert b["count"] == 7 and b["geometry"] == "Polygon"


def test_boundaries_follow_the_right_hand_rule(tmp_path):
    out = tmp_path / "b.geojson"
    export_features([], out, "geojson", boundaries=True)
    doc = orjson.loads((tmp_path / "b.boundaries.geojson").read_bytes())
    for f in doc["features"]:
        rings = f["geometry"]["coordinates"] if f["geometry"]["type"] == "Polygon" else \
            [r for poly in f["geometry"]["coordinates"] for r in poly]
        assert rfc7946._signed_area(rings[0]) > 0  # exterior counter-clockwise
    assert doc["attribution"].startswith("Made with Natural Earth")


def test_rfc7946_checker_catches_each_violation():
    ok = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [35.1, 51.2]}, "properties": {}}]}
    assert rfc7946.check_object(ok) == []
    bad_crs = {**ok, "crs": {"type": "name", "properties": {"name": "EPSG:4326"}}}
    assert "crs" in rfc7946.check_object(bad_crs)[0]
    swapped = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [51.2, 135.1]}, "properties": {}}
    assert "latitude 135.1 out of range" in rfc7946.check_object(swapped)[0]
    long = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [35.1234567, 51.2]}, "properties": {}}
    assert "decimals" in rfc7946.check_object(long)[0]
    cw = {"type": "Polygon", "coordinates": [[[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]]]}
    assert "clockwise" in rfc7946.check_object(cw)[0]
    nested = {"type": "FeatureCollection", "features": [{"type": "Point", "coordinates": [1, 2]}]}
    assert "not a Feature" in rfc7946.check_object(nested)[0]
    no_props = {"type": "Feature", "geometry": None}
    assert "no 'properties'" in rfc7946.check_object(no_props)[0]
    box = {**ok, "bbox": [36.0, 51.0, 37.0, 52.0]}
    assert "does not cover" in rfc7946.check_object(box)[0]


def test_split_writes_one_rfc7946_file_per_type(seed, tmp_path):
    out = tmp_path / "split"
    written = export_features(seed, out, "geojson", split=True, boundaries=True)
    assert sorted(p.name for p in written) == sorted([f"{t}.geojson" for t in EVENT_TYPES] + ["boundaries.geojson"])
    total = 0
    for p in written:
        assert rfc7946.check_file(p) == [], p
        info = ogrinfo(p)
        if p.stem != "boundaries":
            n = sum(1 for f in seed if f["properties"]["event_type"] == p.stem)
            assert info[p.stem]["count"] == n
            total += n
    assert total == len(seed)


def test_geojsonseq_is_rfc8142(tmp_path):
    feats = sample_events()
    out = tmp_path / "events.geojsons"
    export_features(feats, out, "geojsonseq")
    data = out.read_bytes()
    assert data.count(b"\x1e") == len(feats) and data.startswith(b"\x1e") and data.endswith(b"\n")
    assert rfc7946.check_sequence(data) == []
    info = ogrinfo(out)
    (layer,) = info.values()
    assert layer["count"] == len(feats)
    import pyogrio

    df = pyogrio.read_dataframe(out)
    assert sorted(df["id"]) == sorted(f["id"] for f in feats)


def test_gpkg_tables_types_index_and_readback(seed, tmp_path):
    feats = seed + sample_events()
    out = tmp_path / "events.gpkg"
    assert export_features(feats, out, "gpkg") == [out]
    info = ogrinfo(out)
    assert list(info) == list(EVENT_TYPES) + ["boundaries", "border"]
    for t in EVENT_TYPES:
        mine = [f for f in feats if f["properties"]["event_type"] == t]
        assert info[t]["count"] == len(mine)
        assert info[t]["geometry"] == "Point"
        if mine:
            assert info[t]["extent"] == pytest.approx(_extent(mine))
        fields = info[t]["fields"]
        assert fields["date_start"] == "Date" and fields["date_end"] == "Date"
        assert fields["fatalities"] == "Integer64"
        assert fields["actors"] == "String" and fields["id"] == "String"
    assert info["boundaries"]["count"] == 7 and info["boundaries"]["geometry"] == "Polygon"
    assert info["border"]["count"] == 1 and info["border"]["geometry"] == "Line String"
    con = sqlite3.connect(out)
    tables = {r[0] for r in con.execute("select table_name from gpkg_extensions where extension_name='gpkg_rtree_index'")}
    assert tables == set(EVENT_TYPES) | {"boundaries", "border"}
    (srs,) = {r[0] for r in con.execute("select srs_id from gpkg_geometry_columns")}
    assert srs == 4326
    con.close()

    import pyogrio

    df = pyogrio.read_dataframe(out, layer="ground_assault")
    want = {f["id"]: f for f in feats if f["properties"]["event_type"] == "ground_assault"}
    assert set(df["id"]) == set(want)
    for _, row in df.iterrows():
        p = want[row["id"]]["properties"]
        assert json.loads(row["actors"]) == p["actors"]
        assert str(row["date_start"])[:10] == p["date_start"]
        x, y = want[row["id"]]["geometry"]["coordinates"]
        assert (row.geometry.x, row.geometry.y) == (x, y)


def test_csv_columns_wkt_and_list_joining(tmp_path):
    feats = sample_events()
    out = tmp_path / "events.csv"
    export_features(feats, out, "csv")
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert len(rows) == len(feats)
    for row, f in zip(rows, feats):
        lon, lat = f["geometry"]["coordinates"]
        assert (float(row["longitude"]), float(row["latitude"])) == (lon, lat)
        assert row["wkt"] == f"POINT ({lon!r} {lat!r})"
        actors = f["properties"]["actors"]
        if any(";" in a for a in actors):
            assert json.loads(row["actors"]) == actors  # a ';' inside a name: the cell is a JSON array
        else:
            assert row["actors"] == "; ".join(actors)
        assert json.loads(row["sources"]) == f["properties"]["sources"]
    info = ogrinfo(out, "X_POSSIBLE_NAMES=longitude", "Y_POSSIBLE_NAMES=latitude")
    assert info["events"]["count"] == len(feats)
    assert info["events"]["extent"] == pytest.approx(_extent(feats))


def test_acled_csv_has_acled_columns_and_codes(seed, tmp_path):
    out = tmp_path / "acled.csv"
    export_features(seed + sample_events(), out, "acled-csv")
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert tuple(rows[0].keys()) == ACLED_COLUMNS
    by_id = {r["event_id_cnty"]: r for r in rows}
    for f in seed + sample_events():
        p, r = f["properties"], by_id[f["id"]]
        assert r["event_date"] == p["date_start"] and r["year"] == p["date_start"][:4]
        assert r["time_precision"] == {"day": "1", "week": "2"}.get(p["time_precision"], "3")
        assert r["geo_precision"] == {"settlement": "1", "near_settlement": "2", "hromada": "2", "admin2": "2"}.get(
            p["geo_precision"], "3")
        assert r["country"] == {"RU": "Russia", "UA": "Ukraine"}[p["country"]]
        assert r["admin1"] == p["admin1"].removesuffix(" Oblast")
        expected = {"strike": "Explosions/Remote violence", "ground_assault": "Battles"}.get(
            p["event_type"], "Strategic developments")
        assert r["event_type"] == expected
        assert r["fatalities"] == ("" if p["fatalities"] is None else str(p["fatalities"]))
    info = ogrinfo(out, "X_POSSIBLE_NAMES=longitude", "Y_POSSIBLE_NAMES=latitude")
    assert info["acled"]["count"] == len(rows)


def test_exports_are_deterministic(tmp_path):
    feats = sample_events()
    (tmp_path / "one").mkdir()
    for fmt, name in (("geojson", "a.geojson"), ("geojsonseq", "a.geojsons"), ("csv", "a.csv"),
                      ("acled-csv", "b.csv"), ("gpkg", "c.gpkg")):
        a = export_features(feats, tmp_path / "one" / name, fmt)[0]
        b = export_features(feats, tmp_path / name, fmt)[0]
        assert a.read_bytes() == b.read_bytes(), fmt


def test_geojson_and_gpkg_round_trips_are_exact(tmp_path):
    feats = [canonical_feature(f) for f in sample_events()]
    export_features(feats, tmp_path / "a.geojson", "geojson")
    back = import_geojson(tmp_path / "a.geojson")
    assert back.skipped == [] and back.features == feats
    export_features(feats, tmp_path / "a.gpkg", "gpkg")
    back = {f["id"]: f for f in import_gpkg(tmp_path / "a.gpkg").features}
    assert back == {f["id"]: f for f in feats}


def test_missing_directory_and_failed_write_leave_nothing_behind(tmp_path):
    feats = sample_events()
    with pytest.raises(OutputError, match="does not exist"):
        export_features(feats, tmp_path / "nope" / "a.geojson", "geojson")
    good = tmp_path / "a.gpkg"
    export_features(feats, good, "gpkg")
    before = good.read_bytes()
    broken = [dict(feats[0], properties={**feats[0]["properties"], "date_start": "March 2025"})]
    with pytest.raises(InputError, match="date_start"):
        export_features(broken, good, "gpkg")
    assert good.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.gpkg"]  # no temp file left


def test_the_next_export_removes_what_a_killed_one_left_beside_the_file(tmp_path):
    """A GeoPackage export killed while spooling leaves its temp file and its spool directory (named with the
    dead writer's pid); the next export of that file removes both. The directory used to stay for good."""
    dead = 999_999_999  # above any Linux pid_max: no live process has it
    (tmp_path / f".a.gpkg.{dead}.x1.tmp.gpkg").write_bytes(b"half a file")
    spool = tmp_path / f".a.gpkg.{dead}.y2.tmpdir"
    spool.mkdir()
    (spool / "strike.arrow").write_bytes(b"half a spool")
    export_features(sample_events(), tmp_path / "a.gpkg", "gpkg")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.gpkg"]


def test_cli_export_filters_and_errors(seed_dir, tmp_path):
    runner = CliRunner()
    out = tmp_path / "kursk.geojson"
    res = runner.invoke(cli, ["export", str(seed_dir), "-f", "geojson", "-o", str(out), "--admin1", "Kursk"])
    assert res.exit_code == 0, res.output
    doc = orjson.loads(out.read_bytes())
    n_kursk = sum(1 for f in read_layers(seed_dir) if f["properties"]["admin1_code"] == "RU-KRS")
    assert len(doc["features"]) == n_kursk > 0
    assert rfc7946.check_file(out) == []

    res = runner.invoke(cli, ["export", str(seed_dir), "-o", str(tmp_path / "x.geojson"), "--bbox", "37,50,34,52"])
    assert res.exit_code == 2 and "west 37.0 is east of east 34.0" in res.output
    assert not (tmp_path / "x.geojson").exists()

    res = runner.invoke(cli, ["export", str(seed_dir), "-o", str(tmp_path / "missing" / "x.gpkg"), "-f", "gpkg"])
    assert res.exit_code == 1
    assert res.output.strip().splitlines() == [f"Error: {tmp_path / 'missing' / 'x.gpkg'}: cannot write: "
                                               f"directory {tmp_path / 'missing'} does not exist"]

    res = runner.invoke(cli, ["export", str(seed_dir), "-o", str(tmp_path / "t.csv"), "-f", "csv",
                              "--type", "strike", "--min-precision", "settlement"])
    n_precise = sum(1 for f in read_layers(seed_dir) if f["properties"]["event_type"] == "strike"
                    and f["properties"]["geo_precision"] == "settlement")
    assert res.exit_code == 0 and f"\n{n_precise} events" in "\n" + res.output.splitlines()[-1]
    with open(tmp_path / "t.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert len(rows) == n_precise + 1  # header + the settlement-precision strikes, none of the oblast-level ones

    res = runner.invoke(cli, ["export", str(seed_dir), "-o", str(tmp_path / "w.csv"), "-f", "csv",
                              "--since", "2025-01-01", "--bbox", "30,45,40,55"])
    n_2025 = sum(1 for f in read_layers(seed_dir) if f["properties"]["date_end"] >= "2025-01-01")
    assert res.exit_code == 0 and f"{n_2025} events" in res.output


def test_gpkg_export_streams_in_batches_with_the_same_tables(tmp_path, monkeypatch):
    """Given a one-pass iterator, the GeoPackage holds row for row what the whole list gives when the
    events are spooled a few at a time (types interleaved across batches); GDAL reads every table."""
    import geomap.io.gpkg as gpkg

    feats = [f for _ in range(3) for f in sample_events()]
    for n, f in enumerate(feats):
        f["id"] = f["properties"]["id"] = f"gm-batch-{n:04d}"
    (whole,) = export_features(feats, tmp_path / "whole.gpkg", "gpkg")
    monkeypatch.setattr(gpkg, "BATCH", 4)
    (batched,) = export_features(iter(feats), tmp_path / "batched.gpkg", "gpkg")

    def tables(path):
        con = sqlite3.connect(path)
        try:
            names = [r[0] for r in con.execute("select name from sqlite_master where type='table' order by name")]
            return {t: con.execute(f'select * from "{t}"').fetchall() for t in names}
        finally:
            con.close()

    got, want = tables(batched), tables(whole)
    assert got == want and len(got["strike"]) == 3 and len(got["deployment"]) == 3
    info = ogrinfo(batched)
    assert {t: info[t]["count"] for t in EVENT_TYPES} == {t: 3 for t in EVENT_TYPES}
    assert [f["id"] for f in import_gpkg(batched).features] == [f["id"] for f in import_gpkg(whole).features]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["batched.gpkg", "whole.gpkg"]  # no spool left
