"""Two imported events with the same id are reported and the second is skipped, never merged into the first."""
from __future__ import annotations

import copy

import pytest
from click.testing import CliRunner

from geomap.cli.main import cli
from geomap.io.registry import export_features, import_events
from geomap.layers import read_layers


@pytest.fixture
def twins(seed_layers):
    """Two different events sharing one id (the second a changed copy of the first)."""
    first = copy.deepcopy(read_layers(seed_layers)[0])
    second = copy.deepcopy(first)
    second["properties"]["summary"] = "A different event that claims the same id."
    return first, second


@pytest.mark.parametrize("fmt, suffix", [("geojson", ".geojson"), ("gpkg", ".gpkg"), ("geoparquet", ".parquet")])
def test_a_duplicate_id_is_reported_not_merged(twins, tmp_path, fmt, suffix):
    first, second = twins
    fid = first["properties"]["id"]
    path = tmp_path / f"twins{suffix}"
    if fmt == "geojson":  # export refuses nothing here; GeoJSON can hold the twins as written
        export_features([first, second], path, "geojson")
    else:
        other = copy.deepcopy(second)  # another type puts the twin in another GeoPackage table
        other["properties"]["event_type"], other["properties"]["sub_type"] = "other", "other"
        export_features([first, other], path, fmt)
    result = import_events(fmt, path)
    assert [f["properties"]["id"] for f in result.features] == [fid]
    assert len(result.skipped) == 1 and f"duplicate id {fid} (also feature 0)" in str(result.skipped[0])

    with pytest.raises(Exception, match="duplicate id"):
        import_events(fmt, path, strict=True)

    into = tmp_path / "store"
    res = CliRunner().invoke(cli, ["import", fmt, str(path), "--into", str(into)])
    assert res.exit_code == 1 and "duplicate id" in res.output and "1 feature(s) skipped" in res.output
    assert [f["properties"]["summary"] for f in read_layers(into)] == [first["properties"]["summary"]]
