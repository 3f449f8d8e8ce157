"""fio/rio-style pipes: ``-`` is stdin or stdout for extract, import and export; exit codes 0, 1, 2."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import REPO
from geomap.layers import read_layers

GEOMAP = Path(sys.executable).parent / "geomap"


def _run(*args, stdin=None):
    return subprocess.run([str(GEOMAP), *args], input=stdin, capture_output=True, timeout=300)


def test_extract_piped_into_import(tmp_path):
    extracted = _run("extract", str(REPO / "seeds"))
    assert extracted.returncode == 0, extracted.stderr
    lines = extracted.stdout.splitlines()
    assert lines and all(json.loads(line)["type"] == "Feature" for line in lines)
    into = tmp_path / "imported"
    res = _run("import", "geojson", "-", "--into", str(into), stdin=extracted.stdout)
    assert res.returncode == 0, res.stderr
    got = sorted(f["properties"]["id"] for f in read_layers(into))
    assert got == sorted(json.loads(line)["id"] for line in lines)
    assert b"<stdin>" in res.stdout


def test_export_to_stdout_reads_back(seed_layers, tmp_path):
    out = _run("export", str(seed_layers), "-f", "geojsonseq", "-o", "-")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith(b"\x1e") and b"events exported" in out.stderr
    into = tmp_path / "again"
    res = _run("import", "geojson", "-", "--into", str(into), stdin=out.stdout)
    assert res.returncode == 0, res.stderr
    assert sorted(f["properties"]["id"] for f in read_layers(into)) == \
        sorted(f["properties"]["id"] for f in read_layers(seed_layers))


def test_exit_codes_bad_data_1_usage_2(seed_layers, tmp_path):
    bad = _run("import", "geojson", "-", "--into", str(tmp_path / "x"), stdin=b"{not json\n")
    assert bad.returncode == 1 and b"<stdin>" in bad.stderr and b"Traceback" not in bad.stderr
    usage = _run("export", str(tmp_path), "-f", "shapefile", "-o", "-")
    assert usage.returncode == 2 and b"shapefile" in usage.stderr
    gpkg = _run("export", str(seed_layers), "-f", "gpkg", "-o", "-")
    assert gpkg.returncode == 2 and b"give a file with -o" in gpkg.stderr and gpkg.stdout == b""
