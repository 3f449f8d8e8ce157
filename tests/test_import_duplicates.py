"""Two imported events with the same id refuse the file, naming both, when it is read: in a dry run too,
and never merged into one (GeoJSON, GeoPackage, GeoParquet)."""
from __future__ import annotations

import copy

import pytest
from click.testing import CliRunner

from geomap.cli.main import cli
from geomap.errors import InputError
from geomap.io.registry import export_features, import_events
from geomap.layers import read_layers


@pytest.fixture
def twins(seed_layers):
    """Two different events sharing one id (the second a changed copy of the first, of another type)."""
    first = copy.deepcopy(read_layers(seed_layers)[0])
    second = copy.deepcopy(first)
    second["properties"].update(summary="A different event that claims the same id.", event_type="other",
                                sub_type="other")
    return first, second


@pytest.mark.parametrize("fmt, suffix", [("geojson", ".geojson"), ("gpkg", ".gpkg"), ("geoparquet", ".parquet")])
def test_a_duplicate_id_refuses_the_file_even_in_a_dry_run(twins, tmp_path, fmt, suffix):
    first, second = twins
    fid = first["properties"]["id"]
    path = tmp_path / f"twins{suffix}"
    export_features([first, second], path, fmt)
    t1 = first["properties"]["event_type"]
    with pytest.raises(InputError, match=rf"duplicate id {fid}: feature \d \({t1}\) and feature \d \(other\)"):
        import_events(fmt, path)
    runner = CliRunner()
    dry = runner.invoke(cli, ["import", fmt, str(path), "--dry-run"])
    assert dry.exit_code == 1 and f"duplicate id {fid}" in dry.output and "Traceback" not in dry.output
    into = tmp_path / "store"
    res = runner.invoke(cli, ["import", fmt, str(path), "--into", str(into)])
    assert res.exit_code == 1 and "nothing was imported" in res.output
    assert not into.exists()
