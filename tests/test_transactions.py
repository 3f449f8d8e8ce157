"""Nothing lost: the layer store and the build as transactions (issue 13).

Real processes, real files: concurrent imports, merges that re-type events,
duplicate ids, builds that fail after the layers, symlinked outputs, leftovers
of killed runs, outputs inside inputs, and the curated-covers-extracted rule.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner

import geomap
from conftest import REPO
from events_factory import event, settlements
from geomap.cli.main import cli
from geomap.errors import InputError, OutputError
from geomap.extraction.project import curated_match
from geomap.layers import LAYER_SUFFIX, read_layers, write_layers
from geomap.layer_merge import merge_into
from geomap.schema import EVENT_TYPES

GEOMAP = Path(sys.executable).parent / "geomap"


def make_events(tag: int, n: int, **over) -> list[dict]:
    """``n`` distinct valid events (ids ``gm-<tag><i>``) at GeoNames settlements in Kursk oblast."""
    places = settlements("RU", "41", 40)
    out = []
    for i in range(n):
        day = f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}"
        out.append(event(places[i % len(places)], id=f"gm-{tag:02x}{i:010x}", date_start=day, date_end=day, **over))
    return out


def write_fc(path: Path, features: list[dict]) -> Path:
    path.write_bytes(orjson.dumps({"type": "FeatureCollection", "features": features}))
    return path


def types_by_id(layer_dir: Path) -> dict[str, str]:
    return {f["id"]: f["properties"]["event_type"] for f in read_layers(layer_dir)}


def staging_beside(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(f".{path.name}.new-"))


def snapshot(d: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(d.iterdir())}


# --- the layer store ---------------------------------------------------------------------------------------

def lock_waiters(lock: Path, pids: set[int]) -> set[int]:
    """Which of ``pids`` are blocked waiting for the flock on ``lock`` (Linux /proc/locks: '->' marks a waiter)."""
    ino = os.stat(lock).st_ino
    waiting = set()
    for line in Path("/proc/locks").read_text().splitlines():
        f = line.split()
        if "->" in f:
            i = f.index("->")
            pid, dev_ino = int(f[i + 4]), f[i + 5]
            if pid in pids and int(dev_ino.rsplit(":", 1)[1]) == ino:
                waiting.add(pid)
    return waiting


@pytest.mark.skipif(not Path("/proc/locks").is_file(), reason="needs Linux /proc/locks to see who waits for a lock")
def test_two_imports_waiting_for_the_writer_lock_at_once_end_with_every_event(tmp_path):
    """Both imports are seen blocked on the store's lock together (the test holds it until then), so their
    writes provably overlap: a lock taken after reading the store, or none, loses the first import's events."""
    from geomap.txn import locked

    files = [write_fc(tmp_path / f"f{t}.geojson", make_events(t, 2000)) for t in (1, 2)]
    store = tmp_path / "store"
    with locked(store):
        procs = [subprocess.Popen([str(GEOMAP), "import", "geojson", str(f), "--into", str(store)],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for f in files]
        pids = {p.pid for p in procs}
        while lock_waiters(tmp_path / ".store.lock", pids) != pids:
            assert all(p.poll() is None for p in procs), "an import ended while the writer lock was held"
            time.sleep(0.05)
    outs = [p.communicate(timeout=600) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    for out, _ in outs:
        assert "2000 added" in out
    ids = types_by_id(store)
    assert len(ids) == 4000
    assert {i for i in ids if i.startswith("gm-01")} and {i for i in ids if i.startswith("gm-02")}
    assert staging_beside(store) == []


def test_retyping_moves_events_between_layers_in_one_merge(tmp_path):
    store = tmp_path / "store"
    strikes = make_events(3, 30)
    merge_into(store, strikes)
    retyped = make_events(3, 10, event_type="ground_assault", sub_type="assault", weapons=[])
    result = merge_into(store, retyped)
    assert sorted(result.ids_updated) == sorted(result.ids_retyped) == sorted(f["id"] for f in retyped)
    assert (result.added, result.updated, result.removed) == (0, 10, 0)
    got = types_by_id(store)
    assert len(got) == 30
    assert sum(t == "ground_assault" for t in got.values()) == 10
    in_files = {t: len(orjson.loads((store / f"{t}{LAYER_SUFFIX}").read_bytes())["features"]) for t in EVENT_TYPES}
    assert in_files == {"deployment": 0, "drone_reconnaissance": 0, "strike": 20, "ground_assault": 10, "other": 0}


def test_merge_removes_exactly_the_ids_asked_and_reports_them(tmp_path):
    store = tmp_path / "store"
    evs = make_events(4, 6)
    merge_into(store, evs)
    result = merge_into(store, [], remove=[evs[0]["id"], "gm-000000000000"])
    assert result.ids_removed == [evs[0]["id"]] and result.removed == 1
    assert set(types_by_id(store)) == {f["id"] for f in evs[1:]}
    assert "1 removed" in str(result)


def test_duplicate_ids_in_one_input_are_an_error_naming_both(tmp_path):
    store = tmp_path / "store"
    evs = make_events(5, 3)
    merge_into(store, evs)
    before = snapshot(store)
    dup = [make_events(6, 1)[0], evs[1], make_events(6, 1, summary="Another.")[0]]
    res = CliRunner().invoke(cli, ["import", "geojson", str(write_fc(tmp_path / "d.geojson", dup)),
                                   "--into", str(store)])
    assert res.exit_code == 1
    assert "duplicate id gm-060000000000" in res.output and "feature 0" in res.output and "feature 2" in res.output
    assert snapshot(store) == before


def test_duplicate_ids_across_two_geopackage_tables_are_an_error(tmp_path):
    one = make_events(7, 1)[0]
    same_id_other_type = make_events(7, 1, event_type="ground_assault", sub_type="assault", weapons=[])[0]
    gpkg = tmp_path / "two.gpkg"
    geomap.export([one, same_id_other_type], gpkg, format="gpkg")
    res = CliRunner().invoke(cli, ["import", "gpkg", str(gpkg), "--into", str(tmp_path / "store")])
    assert res.exit_code == 1
    assert "duplicate id gm-070000000000" in res.output
    assert "(strike)" in res.output and "(ground_assault)" in res.output
    assert not (tmp_path / "store").exists()


def test_save_of_one_edited_event_keeps_every_other(tmp_path, seed_layers):
    store = tmp_path / "store"
    write_layers(store, read_layers(seed_layers))
    gdf = geomap.load(store)
    one = gdf.iloc[[0]].copy()
    one["summary"] = "Corrected in a notebook."
    result = geomap.save(one, store)
    assert (result.added, result.updated, result.removed) == (0, 1, 0)
    after = {f["id"]: f for f in read_layers(store)}
    assert set(after) == set(gdf["id"])
    assert after[one["id"].iloc[0]]["properties"]["summary"] == "Corrected in a notebook."


def test_readers_see_one_generation_while_a_writer_switches(tmp_path):
    """A reader in this process never reads a mix of two writes of all five layers."""
    store = tmp_path / "store"
    gens = []
    for tag in (8, 9):
        evs = []
        for t, sub in zip(EVENT_TYPES, ("presence", "aerial_reconnaissance", "artillery", "assault", "training")):
            evs += make_events(tag, 40, event_type=t, sub_type=sub, weapons=[], summary=f"{t} {tag}")
        gens.append([{**f, "id": f"{f['id']}{i}", "properties": {**f["properties"], "id": f"{f['id']}{i}"}}
                     for i, f in enumerate(evs)])
    write_layers(store, gens[0])
    expected = [frozenset(f["id"] for f in g) for g in gens]
    stop = threading.Event()

    def writer():
        i = 0
        while not stop.is_set() and i < 40:
            i += 1
            write_layers(store, gens[i % 2])

    th = threading.Thread(target=writer)
    th.start()
    reads = 0
    try:
        while th.is_alive() or reads < 5:
            got = frozenset(f["id"] for f in read_layers(store))
            assert got in expected, "a read mixed two generations"
            reads += 1
    finally:
        stop.set()
        th.join()
    assert reads >= 5


def test_write_layers_keeps_files_that_are_not_layers(tmp_path):
    store = tmp_path / "store"
    write_layers(store, make_events(10, 2))
    (store / "NOTES.md").write_text("why these events are here\n")
    merge_into(store, make_events(11, 1))
    assert (store / "NOTES.md").read_text() == "why these events are here\n"
    assert len(read_layers(store)) == 3


def test_layers_are_byte_identical_whatever_the_history(tmp_path):
    evs = make_events(12, 50)
    write_layers(tmp_path / "a", evs)
    merge_into(tmp_path / "b", evs[:20])
    merge_into(tmp_path / "b", evs[20:])
    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")


def test_a_symlinked_store_is_replaced_not_written_through(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    write_layers(elsewhere, make_events(13, 2))
    before = snapshot(elsewhere)
    store = tmp_path / "store"
    store.symlink_to(elsewhere)
    write_layers(store, make_events(14, 3))
    assert not store.is_symlink() and len(read_layers(store)) == 3
    assert snapshot(elsewhere) == before


# --- export refuses its own input --------------------------------------------------------------------------

@pytest.mark.parametrize("target", ["STORE", "STORE/strike.geojson", "STORE/sub"])
def test_export_refuses_an_output_inside_its_input(tmp_path, target):
    store = tmp_path / "store"
    write_layers(store, make_events(15, 4))
    before = snapshot(store)
    out = target.replace("STORE", str(store))
    args = ["export", "-f", "geojson", "-o", out, str(store)] + (["--split", "--type", "strike"] if target == "STORE" else [])
    res = CliRunner().invoke(cli, args)
    assert res.exit_code == 1, res.output
    assert "refusing to write into the input" in res.output
    assert snapshot(store) == before
    with pytest.raises(OutputError):
        geomap.export(store, store / "x.geojson")


# --- the build ---------------------------------------------------------------------------------------------

def project_copy(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(REPO / "data" / "events", root / "data" / "events")
    shutil.copytree(REPO / "seeds", root / "seeds")
    return root


def test_build_failing_after_the_layers_leaves_everything_and_says_so(tmp_path, monkeypatch, seed_full_builds):
    root = project_copy(tmp_path)
    out = tmp_path / "out"
    # the earlier output: the session's full build of the same project, its generation links kept as links
    shutil.copytree(seed_full_builds / "a", out, symlinks=True)
    before = {name: snapshot(out / name) if (out / name).is_dir() else (out / name).read_bytes()
              for name in ("layers", "map.html", "report")}
    imported = make_events(16, 3)
    merge_into(root / "data" / "imported", imported)
    failing = tmp_path / "failing-browser"
    failing.write_text("#!/bin/sh\nexit 3\n")
    failing.chmod(0o755)
    monkeypatch.setenv("GEOMAP_CHROMIUM", str(failing))  # now the PDF step fails, after layers and map
    res = CliRunner().invoke(cli, ["build", "--root", str(root), "--out", str(out)])
    assert res.exit_code == 1
    assert "nothing was published" in res.output and "is as it was" in res.output
    after = {name: snapshot(out / name) if (out / name).is_dir() else (out / name).read_bytes()
             for name in ("layers", "map.html", "report")}
    assert after == before
    assert not {f["id"] for f in imported} & set(types_by_id(out / "layers"))
    assert [p.name for p in (out / ".build").iterdir() if p.name.startswith("gen-")] == \
        [os.readlink(out / ".build" / "current")]


def test_build_replaces_a_symlinked_report_and_cleans_a_killed_builds_staging(tmp_path, monkeypatch):
    root = project_copy(tmp_path)
    out = tmp_path / "out"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "index.html").write_text("mine")
    (elsewhere / "overview.png").write_text("mine too")
    out.mkdir()
    (out / "report").symlink_to(elsewhere)
    dead = out / ".build" / "gen-killed"
    (dead / "layers").mkdir(parents=True)
    (out / ".build" / ".current.new-123").symlink_to("gen-killed")
    monkeypatch.setenv("GEOMAP_CHROMIUM", str(tmp_path / "no-such-browser"))
    res = CliRunner().invoke(cli, ["build", "--root", str(root), "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert (elsewhere / "index.html").read_text() == "mine" and (elsewhere / "overview.png").read_text() == "mine too"
    assert os.readlink(out / "report") == ".build/current/report"
    assert "<html" in (out / "report" / "index.html").read_text().lower()
    assert not dead.exists() and not os.path.lexists(out / ".build" / ".current.new-123")
    built = {p.name for p in (out / ".build").iterdir()}
    assert built == {".current.lock", "current", os.readlink(out / ".build" / "current")}


def test_build_lists_every_extracted_event_it_leaves_out(tmp_path):
    root = project_copy(tmp_path)
    res = CliRunner().invoke(cli, ["build", "--root", str(root), "--out", str(tmp_path / "out"),
                                   "--no-map", "--no-report"])
    assert res.exit_code == 0, res.output
    lines = [ln for ln in res.output.splitlines() if " covered by gm-" in ln]
    head = [ln for ln in res.output.splitlines() if "left out, each covered by" in ln]
    assert head and head[0].split()[0] == str(len(lines)) and lines
    built = types_by_id(tmp_path / "out" / "layers")
    for ln in lines:  # the record named as covering is in the layers
        assert ln.split(" covered by ")[1].split()[0] in built


# --- the covering rule -------------------------------------------------------------------------------------

def _curated(**over):
    sumy = settlements("UA", "21", 5)
    return event(sumy[0], **over)


def test_a_year_long_curated_offensive_does_not_swallow_dated_assaults():
    sumy = settlements("UA", "21", 5)
    offensive = _curated(event_type="ground_assault", sub_type="offensive", date_start="2025-01-01",
                         date_end="2025-12-31", time_precision="year", geo_precision="admin1", place=None,
                         gazetteer_id=None, weapons=[])
    assault = event(sumy[1], event_type="ground_assault", sub_type="assault", date_start="2025-06-03",
                    date_end="2025-06-03", weapons=[], origin="extracted")
    assert curated_match(assault, [offensive]) is None
    same_day_same_place = event(sumy[1], event_type="ground_assault", sub_type="assault", date_start="2025-06-03",
                                date_end="2025-06-03", weapons=[])
    assert curated_match(assault, [offensive, same_day_same_place]) is same_day_same_place
    other_place = event(sumy[2], event_type="ground_assault", sub_type="assault", date_start="2025-06-03",
                        date_end="2025-06-03", weapons=[])
    assert curated_match(assault, [other_place]) is None


def test_an_oblast_level_extracted_event_is_covered_at_the_same_precision_only():
    month = dict(date_start="2025-10-01", date_end="2025-10-31", time_precision="month")
    extracted = _curated(geo_precision="admin1", place=None, gazetteer_id=None, origin="extracted",
                         **{**month, "date_end": "2025-10-30"})
    assert curated_match(extracted, [_curated(**month)]) is not None
    day = _curated(date_start="2025-10-07", date_end="2025-10-07", time_precision="day")
    assert curated_match(extracted, [day]) is None


# --- Chromium ----------------------------------------------------------------------------------------------

def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to see processes")
@pytest.mark.parametrize("timeout", [None, 1])
def test_a_failed_pdf_step_leaves_no_browser_process(tmp_path, monkeypatch, timeout):
    """A 'browser' that forks a helper and then fails (or hangs): the whole process group is killed."""
    from geomap.render.pdf import html_to_pdf

    pidfile = tmp_path / "helper.pid"
    fake = tmp_path / "browser"
    tail = "sleep 60\n" if timeout else "exit 4\n"
    fake.write_text(f"#!/bin/sh\nsleep 300 &\necho $! > {pidfile}\n{tail}")
    fake.chmod(0o755)
    monkeypatch.setenv("GEOMAP_CHROMIUM", str(fake))
    (tmp_path / "a.html").write_text("<p>x</p>")
    with pytest.raises(OutputError):
        html_to_pdf(tmp_path / "a.html", tmp_path / "a.pdf", **({"timeout": timeout} if timeout else {}))
    helper = int(pidfile.read_text())
    for _ in range(50):
        if not _alive(helper):
            break
        threading.Event().wait(0.1)
    assert not _alive(helper)


def test_merge_with_bad_input_raises_before_touching_the_store(tmp_path):
    store = tmp_path / "store"
    merge_into(store, make_events(17, 2))
    before = snapshot(store)
    with pytest.raises(InputError):
        merge_into(store, make_events(18, 1) * 2)
    assert snapshot(store) == before


def test_saving_one_corrected_extracted_event_removes_nothing_in_the_next_build(tmp_path):
    root = project_copy(tmp_path)
    out = tmp_path / "out"
    from geomap.build import build

    first = build(root, out, render_map=False, report=False)
    gdf = geomap.load(out / "layers")
    one = gdf[gdf["origin"] == "extracted"].iloc[[0]].copy()
    one["summary"] = "Corrected by hand."
    assert geomap.save(one, root / "data" / "imported").added == 1
    second = build(root, out, render_map=False, report=False)
    assert (second.removed, second.added, second.updated) == (0, 0, 1)
    assert second.total == first.total
    got = {f["id"]: f["properties"]["summary"] for f in read_layers(out / "layers")}
    assert got[one["id"].iloc[0]] == "Corrected by hand."
    assert [c.event["id"] for c in second.covered if c.by["id"] == one["id"].iloc[0]] == [one["id"].iloc[0]]


def test_report_into_a_symlink_replaces_the_link(tmp_path, seed_layers):
    from geomap.render.report import build_report

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "index.html").write_text("mine")
    (tmp_path / "r").symlink_to(elsewhere)
    (tmp_path / ".report-999999999-dead").mkdir()  # staging of a killed run
    # no event in the period: nothing to draw, the same staging and switch of the output directory
    build_report(read_layers(seed_layers), tmp_path / "r", formats="html", since="2100-01-01")
    assert (elsewhere / "index.html").read_text() == "mine"
    assert not (tmp_path / "r").is_symlink() and "<html" in (tmp_path / "r" / "index.html").read_text().lower()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["elsewhere", "r"]
