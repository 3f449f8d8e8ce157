"""The command line through click's CliRunner and once as a real subprocess."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import REPO
from geomap import __version__
from geomap.cli.main import cli

GEOMAP = Path(sys.executable).parent / "geomap"


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "proj"
    shutil.copytree(REPO / "data" / "events", root / "data" / "events")
    if (REPO / "seeds").is_dir():
        shutil.copytree(REPO / "seeds", root / "seeds")
    return root


def test_help_lists_every_command_with_help_text(runner):
    res = runner.invoke(cli, ["--help"])
    assert res.exit_code == 0
    for name, cmd in cli.commands.items():
        assert name in res.output
        assert (cmd.help or "").strip(), f"{name} has no help text"
        assert runner.invoke(cli, [name, "--help"]).exit_code == 0


def test_version(runner):
    res = runner.invoke(cli, ["--version"])
    assert res.exit_code == 0 and __version__ in res.output


def test_help_imports_neither_geopandas_nor_folium():
    code = "import sys; from geomap.cli.main import cli\n" \
           "try:\n    cli(['--help'])\nexcept SystemExit:\n    pass\n" \
           "print(sorted(m for m in ('geopandas', 'folium', 'matplotlib', 'pandas') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_build_then_layers(runner, project):
    out = project / "out"
    res = runner.invoke(cli, ["build", "--root", str(project), "--out", str(out), "--no-report"])
    assert res.exit_code == 0, res.output
    assert "added" in res.output and "wrote" in res.output
    res = runner.invoke(cli, ["layers", str(out / "layers")])
    assert res.exit_code == 0
    lines = {line.split()[0]: line for line in res.output.splitlines()}
    assert set(lines) >= {"deployment", "drone_reconnaissance", "strike", "ground_assault", "other"}
    assert "admin1" in lines["deployment"] and "season" in lines["deployment"]


def test_validate_ok_and_bad(runner, project, tmp_path):
    res = runner.invoke(cli, ["validate", str(project / "data" / "events")])
    assert res.exit_code == 0, res.output
    bad = tmp_path / "bad.geojson"
    bad.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": "a", "geometry": {"type": "Point", "coordinates": [51.19, 35.27]},
         "properties": {"id": "a", "event_type": "strike", "date_start": "2024-01-01", "date_end": "2024-01-01",
                        "time_precision": "day", "geo_precision": "settlement", "claim_status": "reported",
                        "origin": "curated", "sources": [{"url": "https://example.org"}]}}]}))
    res = runner.invoke(cli, ["validate", str(bad)])
    assert res.exit_code == 1
    assert f"{bad}: feature 0 (id a): geometry:" in res.output
    assert "looks like lat/lon are swapped" in res.output
    assert "Traceback" not in res.output


@pytest.mark.parametrize("content,expected", [
    ("- event_type: strike\n  date_start: [unclosed\n", "invalid YAML"),
    ("just a string\n", "expected a list of events"),
    ("- event_type: strike\n  date_start: 2024-01-01\n  date_end: 2024-01-01\n  time_precision: day\n"
     "  claim_status: reported\n  sources: [{url: 'https://example.org'}]\n", "no location"),
])
def test_build_bad_curated_file_one_line_error(runner, project, content, expected):
    (project / "data" / "events" / "zz.yaml").write_text(content, encoding="utf-8")
    res = runner.invoke(cli, ["build", "--root", str(project), "--out", str(project / "out")])
    assert res.exit_code == 1
    assert expected in res.output and "zz.yaml" in res.output
    assert "Traceback" not in res.output
    assert not (project / "out").exists()


def test_build_bad_csv_row_names_line(runner, project):
    (project / "data" / "events" / "zz.csv").write_text(
        "event_type,date_start,date_end,time_precision,admin1,claim_status,source_url,lon\n"
        "strike,2024-01-01,2024-01-01,day,Sumy Oblast,reported,https://example.org,\n"
        "strike,2024-01-02,2024-01-02,day,Sumy Oblast,reported,https://example.org,east\n", encoding="utf-8")
    res = runner.invoke(cli, ["build", "--root", str(project), "--out", str(project / "out")])
    assert res.exit_code == 1
    assert "zz.csv, line 3: lon 'east' is not a number" in res.output


def test_validate_missing_file(runner, tmp_path):
    res = runner.invoke(cli, ["validate", str(tmp_path / "nope.geojson")])
    assert res.exit_code == 1
    assert "nope.geojson: no such file or directory" in res.output


def test_build_unwritable_output(runner, project):
    blocker = project / "blocker"
    blocker.write_text("a file, not a directory")
    res = runner.invoke(cli, ["build", "--root", str(project), "--out", str(blocker / "out")])
    assert res.exit_code == 1
    assert "cannot write" in res.output and "Traceback" not in res.output


def test_installed_command_as_subprocess(project):
    assert GEOMAP.exists(), "the geomap console script is not installed beside this Python"
    out = project / "out"
    # the layers are what is checked: no map (its render took half the run's ~1.5 CPU-s) and no report
    res = subprocess.run([str(GEOMAP), "build", "--root", str(project), "--out", str(out), "--no-map", "--no-report"],
                         capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
    assert res.returncode == 0, res.stderr
    assert (out / "layers" / "deployment.geojson").read_bytes().startswith(b'{"type":"FeatureCollection"')
    res = subprocess.run([str(GEOMAP), "validate", str(project / "nope")], capture_output=True, text=True)
    assert res.returncode == 1
    assert res.stderr.strip().startswith("Error:") and "Traceback" not in res.stderr
