"""The command line through click's CliRunner and once as a real subprocess."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import click
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
    ctx = click.Context(cli)
    for name in cli.list_commands(ctx):
        cmd = cli.get_command(ctx, name)
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



def test_extract_imports_no_other_command_and_no_geometry_library(tmp_path):
    """``geomap extract`` starts without importing the other commands' modules (nor what they import)."""
    doc = tmp_path / "report.md"
    doc.write_text("---\npublished: 2025-01-05\nlanguage: en\n---\n\nRussian forces shelled Sudzha on Monday.\n",
                   encoding="utf-8")
    code = ("import sys; from geomap.cli.main import cli\n"
            f"try:\n    cli(['extract', {str(doc)!r}, '-o', {str(tmp_path / 'out.geojson')!r}])\n"
            "except SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.startswith('geomap.cli.')"
            " or m in ('geopandas', 'shapely', 'pyogrio', 'pandas', 'folium', 'pyarrow')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "['geomap.cli.extract', 'geomap.cli.main']"
    assert json.loads((tmp_path / "out.geojson").read_text(encoding="utf-8"))["features"]


def test_a_plugin_adds_a_command_and_a_broken_plugin_only_warns(tmp_path):
    """Commands of other packages (entry points of ``geomap.commands``) are found when asked for and listed in
    --help; one that fails to load is a warning, not a failure; a plugin cannot replace a built-in command."""
    (tmp_path / "geomap_hello.py").write_text(
        "import click\n\n@click.command(short_help='Say hello.')\ndef hello():\n    click.echo('hello from a plugin')\n",
        encoding="utf-8")
    info = tmp_path / "geomap_hello-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: geomap-hello\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[geomap.commands]\nhello = geomap_hello:hello\n"
                                           "broken = geomap_hello:missing\nextract = geomap_hello:hello\n",
                                           encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), os.environ.get("PYTHONPATH", "")])}

    def geomap(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-c", "from geomap.cli.main import cli; cli()", *args],
                              capture_output=True, text=True, env=env)

    res = geomap("hello")
    assert res.returncode == 0 and res.stdout == "hello from a plugin\n"
    assert "plugin broken failed to load" in res.stderr
    res = geomap("--help")
    assert res.returncode == 0 and "Say hello." in res.stdout and "extract" in res.stdout
    res = geomap("extract", "--help")
    assert res.returncode == 0 and "--jobs" in res.stdout  # the built-in, not the plugin's
    assert geomap("no-such-command").returncode == 2

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
