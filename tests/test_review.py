"""Review ledger and CLI: decisions stored, applied by `geomap build`, following their statement."""
from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

import pytest
from click.testing import CliRunner

from geomap.build import build
from geomap.cli.main import cli
from geomap.review.ledger import read_ledger

from review_project import layer_events, make_project

SEED = "seeds/2025-10-businessinsider-north-korean-drone-operators.md"


@pytest.fixture
def project(tmp_path) -> Path:
    return make_project(tmp_path / "proj")


def run(*args, ok=True):
    r = CliRunner().invoke(cli, [str(a) for a in args])
    if ok:
        assert r.exit_code == 0, r.output
    return r


def queue(root, *extra) -> list[dict]:
    out = run("review", "list", "--root", root, "--json", *extra).stdout
    return [json.loads(line) for line in out.splitlines()]


def test_list_shows_extracted_and_imported_events_not_curated(project):
    rows = queue(project)
    # the seed gives three extracted events that no curated record covers (same place and dates at the
    # finer precision), and the project imports three
    assert sorted(r["origin"] for r in rows) == ["extracted"] * 3 + ["imported"] * 3
    assert all(r["status"] == "unreviewed" and r["id"].startswith("gm-") for r in rows)
    assert [r["id"] for r in queue(project, "--type", "ground_assault")] == \
        [r["id"] for r in rows if r["event_type"] == "ground_assault"]
    assert {r["origin"] for r in queue(project, "--document", SEED)} == {"extracted"}
    assert sorted(r["confidence"] for r in queue(project, "--min-confidence", "0.7")) == [0.72, 0.92]
    text = run("review", "list", "--root", project).stdout
    assert all(r["id"] in text for r in rows)


def test_the_small_project_queues_what_the_whole_repository_would(project, tmp_path):
    """The review tests' project holds only the seed's curated file (review_project): with every curated file of
    the repository the same candidates are queued, so no other curated record covers a seed event."""
    from geomap.review.queue import ReviewQueue

    def candidates(root):
        q = ReviewQueue(root)
        return sorted(f["properties"]["id"] for f in q.features if f["properties"]["origin"] != "curated")

    whole = make_project(tmp_path / "whole", curated="*")
    assert len(list((whole / "data" / "events").iterdir())) > 1
    small = candidates(project)
    assert len(small) == 6 and small == candidates(whole)


def test_cli_decisions_reach_the_build(project, tmp_path):
    rows = {r["id"]: r for r in queue(project)}
    imported = [i for i, r in rows.items() if r["origin"] == "imported"]
    extracted = [i for i, r in rows.items() if r["origin"] == "extracted"]
    a, b = imported[0], imported[1]
    c = next(i for i in extracted if rows[i]["event_type"] == "deployment")  # the seed's October deployment
    assert "accepted" in run("review", "accept", a, "--root", project, "--reviewer", "ana").stdout
    assert "rejected" in run("review", "reject", b, "--reason", "not an event", "--root", project,
                             "--reviewer", "bo").stdout
    run("review", "set", c, "date_start=2025-10-03", "date_end=2025-10-03", "time_precision=day",
        "actors=Russian forces;North Korean forces", "fatalities=2", "--root", project, "--reviewer", "ana")
    left = {r["id"] for r in queue(project)}
    assert left == set(rows) - {a, b, c}

    decisions, bad = read_ledger(project)
    assert bad == [] and [d.action for d in decisions] == ["accept", "reject", "correct"]
    assert decisions[2].record["changes"]["date_start"] == {"before": "2025-10-01", "after": "2025-10-03"}

    out1, out2 = tmp_path / "o1", tmp_path / "o2"
    build(project, out1, report=False)
    feats = layer_events(out1)
    assert b not in feats
    assert feats[a]["properties"]["review_status"] == "accepted" and feats[a]["properties"]["reviewer"] == "ana"
    pc = feats[c]["properties"]
    assert (pc["date_start"], pc["date_end"], pc["time_precision"], pc["fatalities"]) == \
        ("2025-10-03", "2025-10-03", "day", 2)
    assert pc["actors"] == ["Russian forces", "North Korean forces"]
    assert (pc["review_status"], pc["reviewer"]) == ("corrected", "ana")
    others = set(rows) - {a, b, c}
    assert {feats[i]["properties"]["review_status"] for i in others} == {"unreviewed"}
    curated = [f for f in feats.values() if f["properties"]["origin"] == "curated"]
    assert curated and {f["properties"]["review_status"] for f in curated} == {"accepted"}

    build(project, out2, report=False)
    for p in sorted((out1 / "layers").glob("*.geojson")) + [out1 / "map.html"]:
        assert p.read_bytes() == (out2 / p.relative_to(out1)).read_bytes(), p.name


def test_bad_decisions_are_refused_and_nothing_is_written(project):
    eid = queue(project)[0]["id"]
    r = run("review", "reject", eid, "--root", project, ok=False)
    assert r.exit_code == 2 and "--reason" in r.output
    r = run("review", "set", eid, "colour=red", "--root", project, ok=False)
    assert r.exit_code == 1 and "'colour' cannot be corrected" in r.output
    r = run("review", "set", eid, "date_start=2025-13-01", "--root", project, ok=False)
    assert r.exit_code == 1 and "date_start" in r.output and "not an ISO 8601 date" in r.output
    r = run("review", "set", eid, "sub_type=troop_arrival", "--root", project, ok=False)
    assert r.exit_code == 1 and "unknown sub_type 'troop_arrival'" in r.output
    r = run("review", "accept", "gm-000000000000", "--root", project, ok=False)
    assert r.exit_code == 1 and "no event 'gm-000000000000'" in r.output
    assert read_ledger(project) == ([], [])


def test_a_bad_ledger_line_is_reported_with_file_and_line_and_kept(project, tmp_path):
    eid = queue(project)[0]["id"]
    run("review", "accept", eid, "--root", project, "--reviewer", "ana")
    path = project / "data" / "reviews" / "ana.jsonl"
    with path.open("a", encoding="utf-8") as fh:
        fh.write('{"action": "accept", "key": \n')
    run("review", "accept", queue(project)[0]["id"], "--root", project, "--reviewer", "ana")
    lines = path.read_text("utf-8").splitlines()
    assert len(lines) == 3 and lines[1] == '{"action": "accept", "key": '
    r = run("review", "list", "--root", project, ok=False)
    assert "warning: data/reviews/ana.jsonl, line 2: not valid JSON" in r.stderr
    r = run("build", "--root", project, "--out", tmp_path / "o", "--no-map", "--no-report", ok=False)
    assert r.exit_code == 1 and "data/reviews/ana.jsonl: line 2:" in r.stderr
    assert not (tmp_path / "o").exists()


def test_a_decision_follows_its_statement_when_the_document_changes(project, tmp_path):
    rows = {r["id"]: r for r in queue(project, "--document", SEED)}
    target = next(i for i, r in rows.items() if r["event_type"] == "deployment")
    run("review", "reject", target, "--reason", "duplicate of another event", "--root", project)
    doc = project / SEED
    head, sep, body = doc.read_text("utf-8").partition("\n---\n")
    doc.write_text(head + sep + "An editor's note added above the text.\n\n" + body, encoding="utf-8")
    build(project, tmp_path / "o1", render_map=False, report=False)
    feats = layer_events(tmp_path / "o1")
    assert not [f for f in feats.values() if f["properties"]["event_type"] == "deployment"
                and f["properties"]["origin"] == "extracted"]
    assert len([f for f in feats.values() if f["properties"]["origin"] == "extracted"]) == len(rows) - 1
    # the statement itself reworded: the decision no longer applies to anything, and says so
    text = doc.read_text("utf-8")
    doc.write_text(text.replace("troops are based", "troops were based"), encoding="utf-8")
    result = build(project, tmp_path / "o2", render_map=False, report=False)
    assert any("matches no event" in str(w) for w in result.warnings)
    feats = layer_events(tmp_path / "o2")
    assert {f["properties"]["review_status"] for f in feats.values()
            if f["properties"]["origin"] == "extracted"} == {"unreviewed"}


def test_merge_keeps_one_event_with_both_sources(project, tmp_path):
    rows = [r for r in queue(project) if r["origin"] == "imported"]
    gone, stays = rows[0]["id"], rows[1]["id"]
    run("review", "merge", gone, "--keep", stays, "--root", project)
    assert gone not in {r["id"] for r in queue(project)}
    build(project, tmp_path / "o", render_map=False, report=False)
    feats = layer_events(tmp_path / "o")
    assert gone not in feats
    urls = [s["url"] for s in feats[stays]["properties"]["sources"]]
    assert urls == ["https://example.org/b", "https://example.org/import"]


def test_flag_keeps_the_event_in_the_queue(project):
    eid = queue(project)[0]["id"]
    run("review", "flag", eid, "--root", project)
    assert [r["id"] for r in queue(project, "--status", "flagged")] == [eid]
    assert eid in {r["id"] for r in queue(project)}


def _append_many(root: str, reviewer: str, ids: list[str], n: int, features: list[dict]) -> None:
    from geomap.review.queue import ReviewQueue

    q = ReviewQueue(root, features)  # the project's candidates, read once by the parent
    for k in range(n):
        q.decide(ids[k % len(ids)], "flag", reviewer=reviewer, flag=bool(k % 2))


def test_concurrent_writers_lose_no_decision(project):
    from geomap.build import collect_events

    ids = [r["id"] for r in queue(project)]
    features = collect_events(project)[0]
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_append_many, args=(str(project), who, ids, 20, features))
             for who in ("ana", "ana", "bo")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    decisions, bad = read_ledger(project)
    assert bad == [] and len(decisions) == 60
    assert len((project / "data" / "reviews" / "ana.jsonl").read_text("utf-8").splitlines()) == 40


def test_a_decision_never_moves_to_the_other_event_of_its_sentence():
    from events_factory import event, settlements

    from geomap.review.apply import fold
    from geomap.review.ledger import Decision, event_key

    place = settlements("RU", "41", 1)[0]
    quote = "Drones spotted the positions and artillery then hit them."

    def cand(event_type, sub_type, start):
        return event(place, origin="extracted", event_type=event_type, sub_type=sub_type,
                     sources=[{"url": "https://example.org/s", "quote": quote}],
                     extraction={"document": "seeds/s.md", "start": start, "end": start + len(quote)})

    strike, recon = cand("strike", "artillery", 100), cand("drone_reconnaissance", "aerial_reconnaissance", 100)
    dec = Decision({"action": "reject", "reason": "not an event", "event": strike["properties"]["id"],
                    "key": event_key(strike), "reviewer": "ana", "ts": "2025-01-01T00:00:00Z"}, "l.jsonl", 1)
    out = fold([recon, strike], [dec])
    assert [s.status for s in out.states] == ["unreviewed", "rejected"]
    # text added above the sentence: the decision follows the quote to the same event
    moved = [cand("drone_reconnaissance", "aerial_reconnaissance", 180), cand("strike", "artillery", 180)]
    assert [s.status for s in fold(moved, [dec]).states] == ["unreviewed", "rejected"]
    # the extractor now reads the strike as something else: the sentence's other event does not take the rejection
    retyped = [cand("drone_reconnaissance", "aerial_reconnaissance", 100), cand("other", "statement", 100)]
    out = fold(retyped, [dec])
    assert [s.status for s in out.states] == ["unreviewed", "unreviewed"] and out.stale == [dec]
    assert [s.status for s in fold(retyped[:1], [dec]).states] == ["unreviewed"]


def test_the_report_counts_reviewed_and_rejected_events(project, tmp_path, monkeypatch):
    """The build hands the ledger's rejections to the report; the methodology states the review counts."""
    import re
    from html import unescape

    monkeypatch.setenv("GEOMAP_CHROMIUM", str(tmp_path / "no-such-browser"))  # the HTML is read: no PDF printed
    rows = queue(project)
    a, b, c = rows[0]["id"], rows[1]["id"], rows[2]["id"]
    run("review", "accept", a, "--root", project)
    run("review", "reject", b, "--reason", "duplicate", "--root", project)
    run("review", "set", c, "fatalities=1", "--root", project)
    build(project, tmp_path / "o", render_map=False)
    feats = layer_events(tmp_path / "o")
    statuses = [f["properties"]["review_status"] for f in feats.values()]
    curated = sum(f["properties"]["origin"] == "curated" for f in feats.values())
    html = (tmp_path / "o" / "report" / "index.html").read_text("utf-8")
    para = re.search(r'<p id="review-counts">(.*?)</p>', html, re.S)
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", para.group(1))).split())
    assert statuses.count("corrected") == 1 and statuses.count("accepted") == curated + 1
    assert f"{curated + 2} of {len(feats)} events reviewed by a person ({curated + 1} accepted, 1 corrected" in text
    assert f"{len(rows) - 3} unreviewed" in text
    assert "Left out by reviewers: 1 rejected." in text
