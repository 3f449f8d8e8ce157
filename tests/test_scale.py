"""Extraction over several processes and a Dask cluster gives the bytes of one process; progress
shows on a terminal and never in a pipe."""
from __future__ import annotations

import json
import os
import pty
import select
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
GEOMAP = Path(sys.executable).parent / "geomap"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The extraction test documents, the seed article and saved pages and feeds (several documents in a file)."""
    d = tmp_path_factory.mktemp("corpus")
    shutil.copytree(HERE / "data" / "extract", d / "extract")
    shutil.copytree(HERE / "data" / "sources", d / "sources", ignore=shutil.ignore_patterns("telegram"))
    shutil.copytree(HERE.parent / "seeds", d / "seeds")
    return d


def _extract(corpus: Path, out: Path, *opts: str) -> bytes:
    r = subprocess.run([str(GEOMAP), "extract", "extract", "sources", "seeds", "-o", str(out), *opts],
                       cwd=corpus, capture_output=True, timeout=600)
    # an undated feed entry is reported (exit 1), the rest written
    assert out.exists(), r.stderr.decode()
    return out.read_bytes()


@pytest.fixture(scope="module")
def one_process(corpus, tmp_path_factory) -> bytes:
    return _extract(corpus, tmp_path_factory.mktemp("j1") / "events.geojson", "--jobs", "1")


def test_one_process_merges_across_documents(one_process):
    feats = json.loads(one_process)["features"]
    docs = {f["properties"]["extraction"]["document"] for f in feats}
    assert len(feats) > 20 and len(docs) > 8
    # the merge across documents is part of what the workers' results must reproduce
    assert any(f["properties"]["extra"]["corroboration"] > 1 for f in feats)


def test_two_processes_give_the_same_bytes(corpus, one_process, tmp_path):
    assert _extract(corpus, tmp_path / "events.geojson", "--jobs", "2") == one_process


def test_dask_local_cluster_gives_the_same_bytes(corpus, one_process, tmp_path):
    pytest.importorskip("dask.distributed", reason="dask[distributed] is not installed") if not os.environ.get("CI") else None
    assert _extract(corpus, tmp_path / "events.geojson", "--dask", "local") == one_process


def test_api_extract_takes_jobs(corpus):
    from geomap import api

    # the plain .txt file among them takes its date from published=
    one = api.extract(corpus / "extract", "2025-01-15", jobs=1)
    two = api.extract(corpus / "extract", "2025-01-15", jobs=2)
    assert len(one) > 5
    assert one.drop(columns="geometry").astype(str).equals(two.drop(columns="geometry").astype(str))
    assert list(one.geometry.to_wkt()) == list(two.geometry.to_wkt())


def _stderr_on_terminal(args: list[str], cwd: Path) -> str:
    """Run geomap with stderr on a pseudo-terminal (stdout to a pipe) and return what the terminal showed."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([str(GEOMAP), *args], cwd=cwd, stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    seen = b""
    while True:
        ready, _, _ = select.select([master], [], [], 600)
        if not ready:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    proc.wait(timeout=600)
    os.close(master)
    return seen.decode("utf-8", "replace")


def test_extract_shows_progress_on_a_terminal(corpus):
    shown = _stderr_on_terminal(["extract", "extract", "--published", "2025-01-15", "--jobs", "1", "-o", "-"], corpus)
    assert "extract" in shown and "documents=" in shown and "events=" in shown
    assert "B/s" in shown or "s/B" in shown  # the rate


def test_extract_shows_no_progress_in_a_pipe(corpus):
    r = subprocess.run([str(GEOMAP), "extract", "extract", "--published", "2025-01-15", "--jobs", "1"], cwd=corpus, capture_output=True,
                       timeout=600)
    assert r.returncode == 0, r.stderr.decode()
    assert b"\r" not in r.stderr and b"documents=" not in r.stderr and b"it/s" not in r.stderr


def test_export_shows_progress_on_a_terminal_and_not_in_a_pipe(seed_layers, tmp_path):
    shown = _stderr_on_terminal(["export", str(seed_layers), "-f", "geoparquet", "-o", str(tmp_path / "a.parquet")],
                                tmp_path)
    assert "export geoparquet" in shown and "events" in shown and "100%" in shown
    r = subprocess.run([str(GEOMAP), "export", str(seed_layers), "-f", "geoparquet", "-o", str(tmp_path / "b.parquet")],
                       capture_output=True, timeout=600)
    assert r.returncode == 0, r.stderr.decode()
    assert b"\r" not in r.stderr and b"export geoparquet" not in r.stderr
    assert (tmp_path / "a.parquet").read_bytes() == (tmp_path / "b.parquet").read_bytes()


def test_unique_ids_ends_for_events_sharing_a_mention():
    """Two candidates of one source, type, dates and place mention (generated corpora have many) get
    distinct ids; the counter used to vary only a field the id ignores when there is a mention."""
    from events_factory import sample_events

    from geomap.extraction.core import unique_ids

    f = sample_events()[0]
    f["properties"]["place_mention"] = "Sudzha"
    copies = [json.loads(json.dumps(f)) for _ in range(4)]
    ids = [c["properties"]["id"] for c in unique_ids(copies)]
    assert len(set(ids)) == 4 and ids[0] == f["properties"]["id"]
