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
    """`geomap extract` of the corpus in a process of its own (the one-process reference)."""
    r = subprocess.run([str(GEOMAP), "extract", "extract", "sources", "seeds", "-o", str(out), *opts],
                       cwd=corpus, capture_output=True, timeout=600)
    # an undated feed entry is reported (exit 1), the rest written
    assert out.exists(), r.stderr.decode()
    return out.read_bytes()


def _extract_here(corpus: Path, out: Path, *opts: str) -> bytes:
    """The same command run in this process (click's CliRunner): for the runs compared with the reference, which
    test what the workers or the cluster give, not the process (each `geomap` process started a Python and its
    imports again, ~0.7 CPU-s). The reference still runs apart, so each comparison is between two processes
    (two hash seeds): an output that depended on one process's set order would still differ."""
    from click.testing import CliRunner

    from geomap.cli.main import cli

    cwd = os.getcwd()
    os.chdir(corpus)  # the command names its inputs relative to the corpus, as the reference does
    try:
        r = CliRunner().invoke(cli, ["extract", "extract", "sources", "seeds", "-o", str(out), *opts])
    finally:
        os.chdir(cwd)
    assert r.exception is None or isinstance(r.exception, SystemExit), r.output
    assert r.exit_code in (0, 1) and out.exists(), r.output
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
    assert _extract_here(corpus, tmp_path / "events.geojson", "--jobs", "2") == one_process


def test_dask_local_cluster_gives_the_same_bytes(corpus, one_process, tmp_path):
    pytest.importorskip("dask.distributed", reason="dask[distributed] is not installed") if not os.environ.get("CI") else None
    assert _extract_here(corpus, tmp_path / "events.geojson", "--dask", "local") == one_process


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


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_extract_shows_progress_on_a_terminal(corpus, jobs):
    shown = _stderr_on_terminal(["extract", "extract", "--published", "2025-01-15", "--jobs", jobs, "-o", "-"], corpus)
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


def _restated(tmp_path: Path, times: int) -> Path:
    """A report that restates one shelling of one village on one day ``times`` times, in three wordings."""
    said = ["Russian forces shelled Sudzha with artillery on 9 January, the regional governor said.",
            "The artillery shelling of Sudzha by Russian forces on 9 January damaged houses, officials said.",
            "On 9 January Russian forces shelled Sudzha again with artillery, according to the governor."]
    body = "\n\n".join(said[i % 3] for i in range(times))
    doc = tmp_path / "restated.md"
    doc.write_text("---\ntitle: Sudzha shelled\npublished: 2025-01-10\nurl: https://example.org/sudzha\n"
                   f"outlet: Example\n---\n\n{body}\n", encoding="utf-8")
    return doc


def test_one_incident_restated_thousands_of_times_is_one_event_with_every_quote(tmp_path):
    """Merging restatements used to search the event's quotes at each one (quadratic: 5 MB took a minute);
    the result must stay one event at Sudzha carrying every restatement as a source and a mention."""
    from geomap.extraction import extract_paths

    doc = _restated(tmp_path, 3000)
    result = extract_paths([doc])
    assert len(result.events) == 1, [f["properties"]["summary"] for f in result.events]
    p = result.events[0]["properties"]
    assert (p["event_type"], p["place"], p["date_start"], p["date_end"]) == ("strike", "Sudzha", "2025-01-09", "2025-01-09")
    assert len(p["sources"]) == 3000 and len(p["extra"]["mentions"]) == 3000
    text = doc.read_text(encoding="utf-8")
    spans = [(m["start"], m["end"]) for m in p["extra"]["mentions"]]
    assert len(set(spans)) == 3000 and spans == sorted(spans)
    assert {text[s:e] for s, e in spans} == {q["quote"] for q in p["sources"]}
    assert "Sudzha" in text[spans[-1][0]:spans[-1][1]]


def _merge_by_scan(per_doc):
    """The cross-document merge as first written (every merged event of the key scanned), for comparison."""
    from geomap.extraction.core import _order_props

    merged, index, folded = [], {}, {}
    for items in per_doc:
        taken = set()
        for p in sorted(items, key=_order_props):
            key = (p["event_type"], p["admin1_code"], p.get("gazetteer_id") or None)
            doc = p["extraction"]["document"]
            hit = next((i for s, e, d, i in index.get(key, ()) if s <= p["date_end"] and p["date_start"] <= e
                        and d != doc and i not in taken), None)
            if hit is None:
                index.setdefault(key, []).append((p["date_start"], p["date_end"], doc, len(merged)))
                merged.append([p["id"]])
            else:
                taken.add(hit)
                merged[hit].append(p["id"])
    return sorted(merged)


def test_cross_document_merge_indexed_by_date_joins_what_a_full_scan_joins():
    """The merge finds a matching event through a date index instead of reading every event of the same type,
    oblast and place; on random documents of day, week and month dates it joins exactly the same events."""
    import datetime as dt
    import random

    from geomap.extraction.core import Merger

    rnd = random.Random(20)
    per_doc, n = [], 0
    for d in range(60):
        items = []
        for k in range(rnd.randrange(1, 12)):
            start = dt.date(2025, 1, 1) + dt.timedelta(days=rnd.randrange(40))
            end = start + dt.timedelta(days=rnd.choice([0, 0, 0, 1, 6, 30]))
            n += 1
            items.append({"id": f"e{n:04d}", "event_type": rnd.choice(["strike", "ground_assault"]),
                          "admin1_code": rnd.choice(["UA-59", "RU-KRS"]),
                          "gazetteer_id": rnd.choice([None, "geonames:1", "geonames:2"]),
                          "date_start": start.isoformat(), "date_end": end.isoformat(), "actors": [], "weapons": [],
                          "claim_status": "reported", "sources": [{"url": f"https://example.org/{d}", "quote": str(k)}],
                          "extraction": {"document": f"doc{d:02d}", "start": k * 10, "confidence": 0.5}})
        per_doc.append(items)
    groups: dict[str, list[str]] = {}

    def build(p):
        groups[p["id"]] = [p["id"]]
        return {"id": p["id"], "properties": {**p, "sources": list(p["sources"])}}

    merger = Merger(lambda p: p, build, lambda p: p["sources"])
    for items in per_doc:
        merger.add(items)
    events = merger.events()
    ours = sorted([e["id"]] + [s["url"] + "#" + s["quote"] for s in e["properties"]["sources"][1:]] for e in events)
    expected = _merge_by_scan(per_doc)
    by_id = {p["id"]: p for items in per_doc for p in items}
    expected = sorted([g[0]] + [by_id[i]["sources"][0]["url"] + "#" + by_id[i]["sources"][0]["quote"] for i in g[1:]]
                      for g in expected)
    assert len(events) < n and ours == expected


def test_files_are_cut_into_chunks_of_about_equal_size_in_order():
    from geomap.extraction.parallel import chunks

    args = [(f"f{i}",) for i in range(10)]
    sizes = [10, 10, 10, 10, 1000, 10, 10, 10, 10, 10]
    parts = chunks(args, sizes, jobs=2)
    assert [a for part in parts for a in part] == args  # every file once, in order
    assert [("f4",)] in parts  # the large file alone
    assert len(parts) > 2


def test_a_feed_shared_among_workers_gives_the_same_events_and_reports(tmp_path):
    """A file of many documents (here a feed of 40 entries, alone, so larger than a chunk) is cut into
    parts by its entries for the workers; reports and events are those of one process."""
    from geomap.extraction import extract_paths
    from geomap.extraction.parallel import split_files

    items = "".join(
        f"<item><title>Report {i}</title><link>https://example.org/feed/{i}</link>"
        f"<pubDate>Mon, {1 + i % 27:02d} Jan 2025 08:00:00 GMT</pubDate>"
        f"<description>Russian forces shelled {['Sudzha', 'Krasnopillia', 'Yunakivka', 'Glushkovo'][i % 4]} "
        f"with artillery on {1 + i % 27} January, the regional governor said.</description></item>"
        for i in range(40))
    feed = tmp_path / "many.rss"
    feed.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>Example</title>{items}</channel></rss>',
                    encoding="utf-8")
    args, sizes = split_files([(feed, "many.rss", None, None, 0.0)], [feed.stat().st_size], 2)
    assert [a[-1] for a in args] == [(0, 4), (1, 4), (2, 4), (3, 4)] and sum(sizes) == feed.stat().st_size
    one = extract_paths([feed], jobs=1)
    two = extract_paths([feed], jobs=2)
    assert len(one.reports) == 40 and len(one.events) > 10
    assert [(r.document, r.events) for r in two.reports] == [(r.document, r.events) for r in one.reports]
    assert two.events == one.events


def test_a_file_that_cannot_be_read_is_reported_once_when_shared_among_workers(tmp_path):
    from geomap.extraction import extract_paths

    broken = tmp_path / "broken.rss"
    broken.write_bytes(b"\x00\x01 not a feed " * 500)
    result = extract_paths([broken], jobs=2)
    assert len(result.reports) == 1 and "not an RSS/Atom feed" in result.reports[0].error and not result.events
