"""``geomap build`` streaming data/imported (geomap/build_stream.py): the same bytes as the whole read.

Each test builds one project twice, once reading the imported store whole and once a line at a time
(``stream_above``), and compares every output file byte for byte, the counts and the errors.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from pathlib import Path

import pytest

from conftest import REPO
from events_factory import event, settlements
from review_project import SEED_CURATED
from geomap import build as build_module
from geomap.build import build
from geomap.errors import GeomapError
from geomap.layers import write_layers
from geomap.review.ledger import append_decision, event_key

WHOLE, STREAM = 10 ** 9, 0  # stream_above: never stream, always stream
TYPES = (("strike", "artillery"), ("ground_assault", "assault"), ("deployment", "troop_arrival"),
         ("drone_reconnaissance", "aerial_reconnaissance"), ("other", "training"))


def imported(n: int, start: int = 0, changed: int = 0) -> list[dict]:
    """``n`` valid imported events at GeoNames settlements of both oblasts, every type, 400 days;
    every ``changed``-th one with another summary (an update on a rebuild)."""
    places = settlements("RU", "41", 20) + settlements("UA", "21", 20)
    out = []
    for i in range(start, start + n):
        et, sub = TYPES[i % 5]
        day = (dt.date(2024, 8, 1) + dt.timedelta(days=(i * 7) % 400)).isoformat()
        extra = {}
        if i % 9 == 0:
            extra = {"review_status": "accepted", "reviewer": "analyst"}
        elif i % 9 == 1:
            extra = {"review_status": "unreviewed", "reviewer": "someone"}  # the build clears the reviewer
        summary = f"Imported event {i}." + (" Revised." if changed and i % changed == 0 else "")
        out.append(event(places[i % len(places)], origin="imported", event_type=et, sub_type=sub,
                         date_start=day, date_end=day, summary=summary, weapons=[],
                         sources=[{"url": f"https://example.org/r/{i}", "outlet": "Example", "published": day}],
                         **extra))
    return out


def project(root: Path, events: list[dict]) -> Path:
    """A geomap project: the seed document, the curated file recording it (so seed events are covered
    and extracted beside curated ones, as in the repository; the other ~500 curated events add only
    geocoding time to each build) and ``events`` imported."""
    (root / "data" / "events").mkdir(parents=True)
    shutil.copy2(REPO / "data" / "events" / SEED_CURATED, root / "data" / "events" / SEED_CURATED)
    shutil.copytree(REPO / "seeds", root / "seeds")
    write_layers(root / "data" / "imported", events)
    return root


def digest(out: Path) -> dict[str, str]:
    """sha256 of every output file (through the published links), by path under ``out``."""
    files = {}
    for name in ("layers", "map.html", "report"):
        p = out / name
        for f in ([p] if p.is_file() else sorted(x for x in p.rglob("*") if x.is_file()) if p.exists() else []):
            files[str(f.relative_to(out))] = hashlib.sha256(f.read_bytes()).hexdigest()
    return files


def both(root: Path, tmp: Path, **kw):
    """The project built whole into tmp/whole and streamed into tmp/stream: both results."""
    a = build(root, tmp / "whole", stream_above=WHOLE, **kw)
    b = build(root, tmp / "stream", stream_above=STREAM, **kw)
    assert b.streamed and not a.streamed  # the stream ran (fell back on nothing)
    return a, b


def same(a, b) -> None:
    assert (a.counts, a.added, a.updated, a.unchanged, a.removed) == (b.counts, b.added, b.updated, b.unchanged,
                                                                      b.removed)
    assert [str(w) for w in a.warnings] == [str(w) for w in b.warnings]
    assert [str(c) for c in a.covered] == [str(c) for c in b.covered]
    assert digest(a.out_dir) == digest(b.out_dir)


def test_streamed_build_equals_whole_build_with_map_and_report(tmp_path, monkeypatch):
    # the report without its PDF: the PDF is printed from the report's HTML, compared here byte for byte,
    # and test_hostile_input proves the print deterministic; printing it twice more would add ~5 CPU-s
    monkeypatch.setattr("geomap.render.pdf.find_chromium", lambda: None)
    root = project(tmp_path / "p", imported(400))
    a, b = both(root, tmp_path)
    same(a, b)
    assert {"map.html", "layers/strike.geojson"} <= set(digest(b.out_dir))
    assert any(k.startswith("report/") for k in digest(b.out_dir))
    assert a.total == b.total > 400


def test_streamed_rebuild_counts_the_change_like_the_whole_build(tmp_path, monkeypatch):
    # the ids' hashes and the (id, line) digests of both builds go to buckets on disk, as beyond 131,072 events
    from geomap.spool import HashBuckets

    cut = HashBuckets._cut
    cuts = []
    monkeypatch.setattr(HashBuckets, "CHUNK", 256)
    monkeypatch.setattr(HashBuckets, "_cut", lambda self: (cuts.append(self.width), cut(self))[1])
    root = project(tmp_path / "p", imported(3000))
    same(*both(root, tmp_path, render_map=False, report=False))
    # the store changes: 500 gone, every 7th revised, 200 new
    shutil.rmtree(root / "data" / "imported")
    write_layers(root / "data" / "imported", imported(2500, changed=7) + imported(200, start=5000))
    a, b = both(root, tmp_path, render_map=False, report=False)
    same(a, b)
    assert (b.added, b.removed) == (200, 500)
    assert b.updated == len(range(0, 2500, 7)) and b.unchanged == b.total - 200 - b.updated  # curated ones too
    assert 1 in cuts and 2 in cuts


def test_review_decisions_on_imported_events_stream_as_whole(tmp_path):
    events = imported(600)
    root = project(tmp_path / "p", events)
    (root / "data" / "reviews").mkdir()
    key = [event_key(f) for f in events]
    ids = [f["properties"]["id"] for f in events]
    append_decision(root, {"action": "reject", "key": key[10], "event": ids[10], "reason": "duplicate report"},
                    reviewer="r1")
    append_decision(root, {"action": "correct", "key": key[20], "event": ids[20],
                           "changes": {"date_start": "2024-01-05", "date_end": "2024-01-05",
                                       "event_type": "ground_assault", "sub_type": "assault"}}, reviewer="r1")
    append_decision(root, {"action": "merge", "key": key[30], "event": ids[30], "into": key[31]}, reviewer="r1")
    append_decision(root, {"action": "accept", "key": key[40], "event": ids[40]}, reviewer="r2")
    a, b = both(root, tmp_path, render_map=True, report=False)
    same(a, b)
    layers = "".join((b.out_dir / "layers" / f"{t}.geojson").read_text("utf-8") for t, _ in TYPES)
    assert ids[10] not in layers and ids[30] not in layers and '"review_status":"corrected"' in layers


@pytest.mark.parametrize("damage", ["bad line", "duplicate id"])
def test_an_error_in_the_imported_store_is_the_whole_builds_error_and_out_stays(tmp_path, damage):
    root = project(tmp_path / "p", imported(300))
    a, b = both(root, tmp_path, render_map=False, report=False)
    before = {k: digest(r.out_dir) for k, r in (("whole", a), ("stream", b))}
    path = root / "data" / "imported" / "strike.geojson"
    lines = path.read_bytes().split(b"\n")
    if damage == "bad line":
        lines[5] = lines[5][:40] + b'"oops' + lines[5][40:]
    else:
        lines[7] = lines[3]  # the same event twice in one file
    path.write_bytes(b"\n".join(lines))
    messages = {}
    for name, above in (("whole", WHOLE), ("stream", STREAM)):
        with pytest.raises(GeomapError) as err:
            build(root, tmp_path / name, render_map=False, report=False, stream_above=above)
        messages[name] = str(err.value)
        assert digest(tmp_path / name) == before[name]
    assert messages["whole"] == messages["stream"]
    assert "strike.geojson" in messages["stream"] and "\n" not in messages["stream"]
    if damage == "duplicate id":
        assert "duplicate id" in messages["stream"]


def test_a_build_beyond_the_render_limit_writes_layers_and_says_why_no_map(tmp_path, monkeypatch):
    root = project(tmp_path / "p", imported(200))
    monkeypatch.setattr(build_module, "RENDER_LIMIT", 100)  # a limit the test can pass with 200 events
    out = tmp_path / "big"
    r = build(root, out, stream_above=STREAM)
    assert r.streamed and r.total > 200 and sum(r.counts.values()) == r.total
    assert not (out / "map.html").exists() and not (out / "report").exists()
    warned = [str(w) for w in r.warnings if w.field == "render"]
    assert len(warned) == 1 and "100" in warned[0] and "--no-map" in warned[0] and "map.html" in warned[0]
    quiet = build(root, tmp_path / "quiet", stream_above=STREAM, render_map=False, report=False)
    assert not [w for w in quiet.warnings if w.field == "render"]
    assert digest(out)["layers/strike.geojson"] == digest(tmp_path / "quiet")["layers/strike.geojson"]
