"""Merges into a GeoJSON layer directory and the GeoPackage and ACLED imports stream: the layers are read
and written a batch at a time, the readers hand over a batch at a time, and the files and counts are
the ones the whole-store merge and the whole-file reads gave (compared byte for byte here), whatever
the batch size; a bad row deep in a file is named and leaves the earlier layers as they were."""
from __future__ import annotations

import copy
import hashlib
import random
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner
from events_factory import event, settlements

import geomap.layer_merge as lm
import geomap.layers as layers
from geomap.cli.main import cli
from geomap.errors import InputError, OutputError
from geomap.io import acled, gpkg
from geomap.io.registry import export_features, import_events
from geomap.layer_merge import merge_into
from geomap.layers import read_layers, write_layers


def _events(n: int, prefix: str = "gm-sm-") -> list[dict]:
    """``n`` valid events at real settlements of both oblasts, of every type, over many days."""
    from geomap.schema import EVENT_TYPES, SUB_TYPES

    places = settlements("RU", "41", 30) + settlements("UA", "21", 30)
    out = []
    for i in range(n):
        et = EVENT_TYPES[i % 5]
        day = f"2025-0{1 + i % 6}-{1 + (i * 7) % 28:02d}"
        out.append(event(places[i % len(places)], id=f"{prefix}{i:05d}", event_type=et,
                         sub_type=SUB_TYPES[et][i % len(SUB_TYPES[et])], date_start=day, date_end=day,
                         weapons=[], summary=f"Event {i}."))
    return out


def _whole_merge(d: Path, features, remove=()):
    """The merge as it was before it streamed: the whole store read, merged in memory, rewritten."""
    return layers.merge_whole(d, list(features), remove)


def _digest(d: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(d.iterdir())}


@pytest.fixture
def no_whole_read(monkeypatch):
    """The streamed merge must never read the store whole: reading it so fails the test."""
    def refuse(*a, **k):
        raise AssertionError("the merge read the whole store")

    monkeypatch.setattr(layers, "read_layers", refuse)


@pytest.mark.parametrize("seed,on_disk", [(1, False), (2, False), (3, True), (4, True)])
def test_streamed_merge_writes_the_bytes_and_counts_of_the_whole_merge(tmp_path, monkeypatch, seed, on_disk):
    """``on_disk``: the new events sorted in runs of a few events, runs merged three at a time (levels of
    merged runs), and both sides' digests cut into buckets on disk, as a merge of millions of events is."""
    rnd = random.Random(seed)
    pool = _events(300)
    stored = rnd.sample(pool, 150)
    a, b = tmp_path / "whole", tmp_path / "streamed"
    write_layers(a, stored)
    write_layers(b, stored)
    new = copy.deepcopy(rnd.sample(pool, 120))
    for f in new:
        r, p = rnd.random(), f["properties"]
        if r < 0.25:
            p["summary"] = "Told again, differently."
        elif r < 0.4:  # another type: the event moves to another layer
            p.update(event_type="other", sub_type="other")
        elif r < 0.5:  # another day: the event moves within its layer
            p["date_start"] = p["date_end"] = "2025-01-02"
    remove = [f["id"] for f in rnd.sample(pool, 30)]
    want = _whole_merge(a, copy.deepcopy(new), remove)
    monkeypatch.setattr(lm, "BATCH", 7)  # many batches: every merge step crosses batch edges
    if on_disk:
        monkeypatch.setattr(lm, "RUN_BYTES", 4000)
        monkeypatch.setattr(lm, "FAN_IN", 3)
        monkeypatch.setattr(lm, "DIGEST_CHUNK", 16)
    monkeypatch.setattr(layers, "read_layers", lambda *a, **k: pytest.fail("the merge read the whole store"))
    got = merge_into(b, copy.deepcopy(new), remove)
    assert _digest(a) == _digest(b)
    assert got.__dict__ == want.__dict__
    assert got.added and got.updated and got.unchanged and got.removed and got.ids_retyped


def test_the_new_events_wait_on_disk_with_nothing_per_event_in_memory(monkeypatch):
    """What the merge keeps of 2,000 and of 10,000 new events once it has taken and sorted them (Python
    objects and numpy arrays, traced, and Arrow's allocations): about the same (+34 kB when measured: a
    few more runs open), their lines, ids, keys and digests being on disk. Ids, keys and places held in
    memory took ~57 bytes an event (+0.47 MB here)."""
    import tracemalloc

    import pyarrow as pa

    monkeypatch.setattr(lm, "RUN_BYTES", 256 << 10)  # runs and digest chunks of a large merge, scaled down
    monkeypatch.setattr(lm, "DIGEST_CHUNK", 2048)
    kept = []
    for n in (500, 2_000, 10_000):  # the first: Arrow's and the modules' own first allocations
        evs = _events(n)
        tracemalloc.start()
        base, arrow = tracemalloc.get_traced_memory()[0], pa.total_allocated_bytes()
        new = lm.NewEvents(evs)
        strikes = new.sorted_rows(0)  # the last events sorted too: a run's worth no longer waits in memory
        kept.append(tracemalloc.get_traced_memory()[0] - base + pa.total_allocated_bytes() - arrow)
        tracemalloc.stop()
        assert len(new) == n and sum(1 for _ in strikes) == sum(f["properties"]["event_type"] == "strike" for f in evs)
        new.close()
    assert kept[2] - kept[1] < 200_000, kept


def test_streamed_merge_into_a_new_directory_and_an_unchanged_one(tmp_path, no_whole_read):
    evs = _events(40)
    d = tmp_path / "layers"
    first = merge_into(d, evs)
    assert (first.added, first.total) == (40, 40)
    assert sorted(f["id"] for _, fs in layers.read_layer_dir(d) for f in fs) == [f["id"] for f in evs]
    before = _digest(d)
    again = merge_into(d, copy.deepcopy(evs))
    assert (again.added, again.updated, again.unchanged) == (0, 0, 40)
    assert _digest(d) == before
    w = tmp_path / "whole"
    _whole_merge(w, evs)
    assert _digest(w) == before


@pytest.mark.parametrize("odd", ["unsorted", "foreign-name", "wrong-type", "twice", "pretty"])
def test_a_directory_the_stream_does_not_take_is_merged_whole_with_the_same_result(tmp_path, odd):
    evs = _events(30)
    d = tmp_path / "layers"
    write_layers(d, evs[:20])
    strike = d / "strike.geojson"
    doc = orjson.loads(strike.read_bytes())
    if odd == "unsorted":
        doc["features"].reverse()
    elif odd == "wrong-type":
        doc["features"].append(copy.deepcopy(evs[1]))  # a ground assault in the strike layer
    elif odd == "twice":
        doc["features"].append(copy.deepcopy(doc["features"][0]))
    if odd == "foreign-name":
        (d / "notes-layer.geojson").write_bytes(orjson.dumps({"type": "FeatureCollection",
                                                              "features": [evs[25]]}))
    else:
        strike.write_bytes(orjson.dumps(doc, option=orjson.OPT_INDENT_2 if odd == "pretty" else 0))
    w = tmp_path / "whole"
    import shutil

    shutil.copytree(d, w)
    new = copy.deepcopy(evs[15:30])
    new[0]["properties"]["summary"] = "Changed."
    want = _whole_merge(w, copy.deepcopy(new))
    got = merge_into(d, new)
    assert got.__dict__ == want.__dict__
    assert _digest(d) == _digest(w)


@pytest.mark.parametrize("chunk", [None, 4])
def test_a_duplicate_id_in_the_input_names_both_and_writes_nothing(tmp_path, no_whole_read, monkeypatch, chunk):
    if chunk:  # the ids' digests cut into buckets on disk, as beyond 16,384 events
        monkeypatch.setattr(lm, "DIGEST_CHUNK", chunk)
    evs = _events(20)
    d = tmp_path / "layers"
    write_layers(d, evs[:10])
    before = _digest(d)
    twin = copy.deepcopy(evs[3])
    twin["properties"].update(event_type="other", sub_type="other")
    with pytest.raises(InputError, match=r"duplicate id gm-sm-00003: feature 3 \(ground_assault\) and feature 12 "
                                         r"\(other\) of the input; nothing was merged"):
        merge_into(d, evs[:12] + [twin])
    assert _digest(d) == before


def test_new_events_are_written_a_batch_at_a_time_into_a_new_layer(tmp_path, monkeypatch):
    """A type's new events after the last kept row (all of them, in a new directory) come in pieces of at
    most BATCH lines, not one piece of them all; the bytes are the whole merge's."""
    monkeypatch.setattr(lm, "BATCH", 7)
    evs = _events(100)
    new = lm.NewEvents(copy.deepcopy(evs))
    plans = lm._first_pass({}, new, [], layers.MergeResult())
    pieces = list(lm._layer_bytes("strike", None, plans["strike"], new))
    new.close()
    assert max(p.count(b'{"type":"Feature"') for p in pieces) == 7
    w = tmp_path / "whole"
    _whole_merge(w, evs)
    assert b"".join(pieces) == (w / "strike.geojson").read_bytes()


def test_a_failed_write_leaves_the_layers_as_they_were(tmp_path, monkeypatch):
    evs = _events(30)
    d = tmp_path / "layers"
    write_layers(d, evs[:20])
    before = _digest(d)
    real = lm._layer_bytes

    def failing(type_name, *a):
        if type_name == "ground_assault":  # the fourth file of the new generation
            raise OSError(28, "No space left on device")
        return real(type_name, *a)

    monkeypatch.setattr(lm, "_layer_bytes", failing)
    with pytest.raises(OutputError, match="No space left on device; the layers are as they were"):
        merge_into(d, evs[10:])
    assert _digest(d) == before
    assert {p.name for p in tmp_path.iterdir()} - {".layers.lock"} == {"layers"}  # no staging left behind


# --- GeoPackage -------------------------------------------------------------------------------------

def _gpkg_with_bad_row(tmp_path: Path, fid_of_bad: int) -> tuple[Path, list[dict]]:
    """A GeoPackage from ``geomap export`` whose strike table has one row edited (with GDAL's own tool, as
    a script or QGIS would) into a date that is no date."""
    import subprocess

    from conftest import require_tool

    evs = _events(60)
    path = tmp_path / "edited.gpkg"
    export_features(evs, path, "gpkg")
    ogrinfo = require_tool("ogrinfo", "GDAL's gdal-bin")
    subprocess.run([ogrinfo, "-q", str(path), "-dialect", "sqlite", "-sql",
                    f"UPDATE strike SET date_start='garbage' WHERE fid={int(fid_of_bad)}"], check=True,
                   capture_output=True)
    return path, evs


def test_gpkg_read_in_small_batches_gives_what_one_batch_gives(tmp_path):
    path, evs = _gpkg_with_bad_row(tmp_path, 8)
    whole = gpkg.import_gpkg(path, batch=1_000_000)
    small = gpkg.import_gpkg(path, batch=3)  # the strike table (12 rows) in four batches
    assert (small.read, len(small)) == (whole.read, len(whole)) == (60, 59)
    assert [str(s) for s in small.skipped] == [str(s) for s in whole.skipped]
    # features are numbered across the tables in read order: the strike table's fid 8 is the 32nd
    assert str(small.skipped[0]).startswith("feature 31: date_start: 'garbage' is not an ISO 8601 date")
    assert orjson.dumps(list(small.iter_features())) == orjson.dumps(list(whole.iter_features()))
    assert {f["id"] for f in small.iter_features()} < {f["id"] for f in evs}


def test_gpkg_bad_row_in_batch_three_is_named_and_strict_leaves_the_layers_intact(tmp_path, monkeypatch):
    path, _ = _gpkg_with_bad_row(tmp_path, 7)
    monkeypatch.setattr(gpkg, "BATCH", 3)  # fid 7 is in the third batch of the strike table
    into = tmp_path / "imported"
    write_layers(into, _events(5, prefix="gm-kept-"))
    before = _digest(into)
    runner = CliRunner()
    res = runner.invoke(cli, ["import", "gpkg", str(path), "--into", str(into), "--strict"])
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert "edited.gpkg, feature 30: date_start: 'garbage'" in res.output and "nothing imported (--strict)" in res.output
    assert _digest(into) == before
    res = runner.invoke(cli, ["import", "gpkg", str(path), "--into", str(into)])
    assert res.exit_code == 1 and "skipped: feature 30: date_start" in res.output
    assert "59 imported, 1 skipped" in res.output
    assert len(read_layers(into)) == 5 + 59


# --- ACLED CSV ---------------------------------------------------------------------------------------

def test_acled_events_are_handed_over_a_batch_at_a_time_and_are_what_one_batch_gives(tmp_path, monkeypatch):
    evs = _events(50)
    path = tmp_path / "acled.csv"
    export_features(evs, path, "acled-csv")
    lines = path.read_text().splitlines(keepends=True)
    lines[8] = lines[8].replace("2025-", "20x5-", 1)  # data row 8: a date that is none
    path.write_text("".join(lines))
    whole = acled.import_acled(path, region="all")
    want = orjson.dumps(list(whole.iter_features()))
    monkeypatch.setattr(acled, "FEATURE_BATCH", 4)
    small = acled.import_acled(path, region="all")
    stream = small.iter_features()
    first = [next(stream) for _ in range(3)]
    assert orjson.dumps(first + list(stream)) == want
    assert len(small) == 49 and [str(s) for s in small.skipped] == [str(s) for s in whole.skipped]
    assert str(small.skipped[0]).startswith("row 8: event_date")


def test_import_from_stdin_streams_from_a_copy_kept_while_the_result_lives(tmp_path):
    evs = _events(12)
    path = tmp_path / "in.gpkg"
    export_features(evs, path, "gpkg")
    into = tmp_path / "imported"
    res = CliRunner().invoke(cli, ["import", "gpkg", "-", "--into", str(into)], input=path.read_bytes())
    assert res.exit_code == 0, res.output
    assert "<stdin>: 12 read, 12 imported" in res.output
    assert sorted(f["id"] for f in read_layers(into)) == sorted(f["id"] for f in evs)


# --- export from a GeoJSON layer directory ------------------------------------------------------------

def test_export_reads_the_layers_a_line_at_a_time_with_the_bytes_of_a_whole_read(tmp_path, monkeypatch):
    d = tmp_path / "layers"
    write_layers(d, _events(60))
    strike = d / "strike.geojson"  # one layer hand-edited into another layout: read whole, same events
    strike.write_bytes(orjson.dumps(orjson.loads(strike.read_bytes()), option=orjson.OPT_INDENT_2))
    (tmp_path / "whole").mkdir()
    want = tmp_path / "whole" / "events.geojson"  # (the file's name is the collection's)
    export_features(read_layers(d), want, "geojson")
    monkeypatch.setattr(layers, "read_layers", lambda *a, **k: pytest.fail("the export read the whole store"))
    got = tmp_path / "events.geojson"
    res = CliRunner().invoke(cli, ["export", str(d), "-f", "geojson", "-o", str(got)])
    assert res.exit_code == 0, res.output
    assert got.read_bytes() == want.read_bytes() and "60 events exported" in res.output
    res = CliRunner().invoke(cli, ["export", str(d), "-f", "geojson", "-o", str(got), "--type", "strike"])
    assert res.exit_code == 0 and "12 events exported" in res.output


def test_a_bad_feature_deep_in_a_layer_is_named_and_the_earlier_export_stays(tmp_path):
    d = tmp_path / "layers"
    write_layers(d, _events(60))
    out = tmp_path / "events.geojson"
    assert CliRunner().invoke(cli, ["export", str(d), "-o", str(out)]).exit_code == 0
    before = out.read_bytes()
    lines = (d / "other.geojson").read_bytes().split(b"\n")
    lines[5] = b'{"type":"Feature","geometry":null,"properties":{}},'  # the fifth feature
    (d / "other.geojson").write_bytes(b"\n".join(lines))
    res = CliRunner().invoke(cli, ["export", str(d), "-o", str(out)])
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert "other.geojson" in res.output and "feature 4" in res.output and "geometry is not a Point" in res.output
    assert out.read_bytes() == before
