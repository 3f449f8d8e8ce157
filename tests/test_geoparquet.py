"""GeoParquet export: GeoArrow points other tools read, a lossless round trip, filters pushed into the read."""
from __future__ import annotations

import json

import pyarrow.parquet as pq
from click.testing import CliRunner
from events_factory import sample_events

import geomap
from geomap.cli.main import cli
from geomap.io.registry import export_features, import_events
from geomap.layers import canonical_feature, write_layers


def _key(f):
    return f["properties"]["id"]


def test_geoparquet_is_geoarrow_points_that_geopandas_reads(tmp_path):
    import geopandas as gpd

    feats = sample_events()
    (path,) = export_features(feats, tmp_path / "events.parquet", "geoparquet")
    geo = json.loads(pq.read_schema(path).metadata[b"geo"])
    assert geo["columns"]["geometry"]["encoding"] == "point" and geo["primary_column"] == "geometry"
    df = gpd.read_parquet(path)
    assert df.crs.to_epsg() == 4326 or df.crs.to_string() == "OGC:CRS84"
    got = {i: (round(p.x, 6), round(p.y, 6)) for i, p in zip(df["id"], df.geometry)}
    want = {_key(f): tuple(f["geometry"]["coordinates"]) for f in feats}
    assert got == want
    # every row group carries x/y statistics, which filtered reads use to skip it
    stats = pq.ParquetFile(path).metadata.row_group(0)
    names = [stats.column(i).path_in_schema for i in range(stats.num_columns)]
    x = stats.column(names.index("geometry.x")).statistics
    assert x.has_min_max and x.min == min(c[0] for c in want.values())


def test_geoparquet_round_trip_keeps_every_property(tmp_path):
    feats = sample_events()
    (path,) = export_features(feats, tmp_path / "events.parquet", "geoparquet")
    back = import_events("geoparquet", path)
    assert not back.skipped
    assert sorted(back.features, key=_key) == sorted((canonical_feature(f) for f in feats), key=_key)


def test_geoparquet_export_is_deterministic_and_written_in_row_groups(tmp_path):
    from geomap.io.parquet import write_geoparquet

    feats = sample_events() * 1  # five events, two per row group
    a = write_geoparquet(tmp_path / "a.parquet", iter(feats), row_group=2)
    b = write_geoparquet(tmp_path / "b.parquet", iter(feats), row_group=2)
    assert a.read_bytes() == b.read_bytes()
    assert pq.ParquetFile(a).metadata.num_row_groups == 3


def test_cli_exports_and_imports_geoparquet(seed_layers, tmp_path):
    out = tmp_path / "seed.parquet"
    r = CliRunner().invoke(cli, ["export", str(seed_layers), "-f", "geoparquet", "-o", str(out)])
    assert r.exit_code == 0, r.output
    into = tmp_path / "imported"
    r = CliRunner().invoke(cli, ["import", "geoparquet", str(out), "--into", str(into)])
    assert r.exit_code == 0, r.output
    assert sorted(map(_key, geomap.load(into).pipe(geomap.api.as_features))) == sorted(
        map(_key, geomap.api.as_features(geomap.load(seed_layers))))


def test_load_with_filters_equals_load_then_filter(tmp_path):
    feats = sample_events()
    layers = tmp_path / "layers"
    write_layers(layers, feats)
    (pqf,) = export_features(feats, tmp_path / "events.parquet", "geoparquet")
    everything = geomap.load(layers)
    for source in (layers, pqf):
        for filters in ({"since": "2025-03-05", "until": "2025-03-31"}, {"types": ["strike", "other"]},
                        {"bbox": (33.0, 50.0, 35.0, 52.0)}, {"types": "deployment", "until": "2024-12-31"}):
            got = sorted(geomap.load(source, **filters)["id"])
            want = sorted(geomap.events(everything, **filters)["id"])
            assert got == want, (source, filters)
            assert got or filters.get("bbox")  # each filter keeps some events but not all
