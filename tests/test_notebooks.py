"""Every notebook runs top to bottom in a fresh kernel against the repository's data."""
from __future__ import annotations

import json

import pytest

from conftest import REPO
from geomap.layers import read_layers

NOTEBOOKS = REPO / "notebooks"


def run_notebook(name: str, tmp_path, monkeypatch) -> nbformat.NotebookNode:  # noqa: F821
    # nbformat and nbclient (trio, jupyter_client, zmq: ~0.15 CPU-s) imported here, not at collection:
    # every xdist worker collects this file, one runs it
    import nbformat
    from nbclient import NotebookClient

    monkeypatch.setenv("GEOMAP_OUT", str(tmp_path / "out"))
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    return nb


def last_json(nb) -> dict:
    for cell in reversed(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream" and out.get("name") == "stdout":
                return json.loads(out["text"].strip().splitlines()[-1])
    raise AssertionError("the notebook printed no summary")


def test_notebooks_are_stored_without_outputs():
    import nbformat

    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert not cell.outputs and cell.execution_count is None, f"{path.name} has outputs in git"


def test_explore_notebook(tmp_path, monkeypatch, seed_layers):
    nb = run_notebook("explore.ipynb", tmp_path, monkeypatch)
    got = last_json(nb)
    feats = [f["properties"] for f in read_layers(seed_layers)]  # the repository's layers, built by the session
    assert got["total"] == len(feats)
    by_type = {}
    for p in feats:
        by_type[p["event_type"]] = by_type.get(p["event_type"], 0) + 1
    assert got["by_type"] == dict(sorted(by_type.items()))
    nk = [p for p in feats if "North Korean forces" in p["actors"]]
    assert got["north_korean"] == len(nk) > 0
    assert got["weekly_total"] == len(feats)
    assert got["sumy_since_2025"] == sum(1 for p in feats if p["admin1_code"] == "UA-59" and p["date_end"] >= "2025-01-01")
    nk_types = {p["event_type"] for p in nk}
    for t in nk_types:
        assert got["gpkg_tables"][t] == sum(1 for p in nk if p["event_type"] == t)
    assert "boundaries" in got["gpkg_tables"]
    # the map cell displayed an HTML map
    html = [o for c in nb.cells for o in c.get("outputs", []) if "text/html" in o.get("data", {})]
    assert any("geomap" in o["data"]["text/html"] for o in html)


def test_extract_notebook(tmp_path, monkeypatch):
    nb = run_notebook("extract.ipynb", tmp_path, monkeypatch)
    got = last_json(nb)
    assert got["seed_events"] >= 5
    assert {"deployment", "drone_reconnaissance", "strike"} <= set(got["seed_types"])
    assert got["quote_matches_text"] is True
    from geonames import ById

    cities = ById(500)  # each record looked up by id
    assert got["geocoded"]["Юнаківка"] == f"geonames:{cities['688077']['geonameid']}"
    assert got["geocoded"]["Kursk region"] == "Kursk Oblast"
    assert got["geocoded"]["Nowhereville"] == "unresolved"
    assert "strike" in got["text_events"]
