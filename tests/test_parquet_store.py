"""The GeoParquet layer store: the same events, merges and exports as a GeoJSON layer directory, filtered
loads that read only what can match, and exports whose memory does not grow with the store."""
from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from events_factory import sample_events

import geomap
from geomap import api
from geomap.cli.main import cli
from geomap.errors import InputError
from geomap.io.registry import export_features
from geomap.layers import write_layers
from geomap.layer_merge import merge_into
from geomap.parquet_store import MARKER, is_store, merge_into_store, units

HERE = Path(__file__).resolve().parent
BENCH = HERE.parent / "benchmarks"
sys.path.insert(0, str(BENCH))
from bench_scale import iter_events  # noqa: E402  (the benchmarks' synthetic events)

N = 3000  # 15 months x 5 types: every file of the store holds a few events


@pytest.fixture(scope="module")
def events() -> list[dict]:
    return list(iter_events(N))


@pytest.fixture(scope="module")
def both(events, tmp_path_factory) -> tuple[Path, Path]:
    """The same events as GeoJSON layers and as a GeoParquet store."""
    d = tmp_path_factory.mktemp("both")
    write_layers(d / "layers", events)
    api.merge(d / "store", events, store="geoparquet")
    return d / "layers", d / "store"


def _ids(df) -> list[str]:
    return sorted(df["id"])


def test_store_is_one_file_per_month_and_type_and_loads_like_layers(both):
    layers, store = both
    assert is_store(store) and not is_store(layers)
    keys = list(units(store))
    assert len(keys) == 75 and keys[0] == ("deployment", "2024-08") and keys[-1] == ("other", "2025-10")
    assert geomap.load(store).astype(str).equals(geomap.load(layers).astype(str))


def test_merges_count_and_keep_what_a_geojson_merge_does(events, tmp_path):
    """Added, updated (also moved to another month or type), unchanged, removed: as in the GeoJSON store."""
    later = copy.deepcopy(events[:40])
    later[0]["properties"]["summary"] = "A corrected summary."
    later[1]["properties"]["date_start"] = later[1]["properties"]["date_end"] = "2026-02-01"  # another month
    later[2]["properties"]["event_type"], later[2]["properties"]["sub_type"] = "other", "statement"  # another type
    later[3]["geometry"]["coordinates"] = [35.0, 51.0]
    new = copy.deepcopy(events[0])
    new["id"] = new["properties"]["id"] = "gm-ffffffffffff"
    later.append(new)
    remove = [events[100]["id"], events[5]["id"]]  # one not re-given, one removed and given again
    got = []
    for kind, merge in (("geojson", merge_into), ("geoparquet", merge_into_store)):
        d = tmp_path / kind
        merge(d, events)
        result = merge(d, later, remove)
        got.append(((result.added, result.updated, result.unchanged, result.removed), geomap.load(d)))
    assert got[0][0] == got[1][0] == (2, 4, 35, 2)
    a, b = (df.sort_values("id").reset_index(drop=True).astype(str) for _, df in got)
    assert a.equals(b) and len(a) == N + 1 - 1  # one new, one removed for good


def test_a_second_identical_merge_changes_nothing_and_a_merge_keeps_notes(events, tmp_path):
    store = tmp_path / "store"
    merge_into_store(store, events)
    (store / "NOTES.txt").write_text("where these events came from\n")
    assert merge_into_store(store, events[:1], remove=[events[1]["id"]]).removed == 1
    assert (store / "NOTES.txt").read_text() == "where these events came from\n"
    merge_into_store(store, events[1:2])
    before = {k: p.stat().st_ino for k, p in units(store).items()}
    result = merge_into_store(store, events[:500])
    assert (result.added, result.updated, result.unchanged) == (0, 0, 500)
    assert {k: p.stat().st_ino for k, p in units(store).items()} == before  # not even rewritten


def test_duplicate_ids_in_the_input_refuse_the_merge(events, tmp_path):
    store = tmp_path / "store"
    merge_into_store(store, events[:10])
    with pytest.raises(InputError, match=f"duplicate id {events[3]['id']}.*nothing was merged"):
        merge_into_store(store, events[:10] + [copy.deepcopy(events[3])])
    assert len(geomap.load(store)) == 10


def test_a_merge_refuses_a_directory_that_is_not_a_store(both, events, tmp_path):
    layers, _ = both
    from geomap.errors import OutputError

    with pytest.raises(OutputError, match="not a GeoParquet layer store"):
        merge_into_store(layers, events[:3])


@pytest.mark.parametrize("filters", [
    {"since": "2025-03-01", "until": "2025-03-31"}, {"types": ["strike"], "until": "2024-10-15"},
    {"bbox": (34.0, 50.5, 35.0, 51.0), "since": "2025-06-01"}, {"types": "other"},
])
def test_filtered_load_equals_load_then_filter(both, filters):
    layers, store = both
    want = _ids(geomap.events(geomap.load(layers), **filters))
    assert want and _ids(geomap.load(store, **filters)) == want


def test_filtered_load_reads_only_the_files_that_can_match(both, tmp_path):
    """A damaged file of another month or type is never opened by a load that cannot need it."""
    import shutil

    store = tmp_path / "store"
    shutil.copytree(both[1], store)
    (store / "2025-05" / "strike.parquet").write_bytes(b"not parquet")
    march = geomap.load(store, since="2025-03-01", until="2025-03-31")
    assert len(march) and set(march["date_start"].dt.month) == {3}
    assert len(geomap.load(store, types=["deployment", "other"]))
    with pytest.raises(InputError, match="cannot read GeoParquet"):
        geomap.load(store)


@pytest.mark.parametrize("fmt,suffix", [("geoparquet", ".parquet"), ("geojson", ".geojson"), ("csv", ".csv")])
def test_exports_from_both_stores_are_the_same_bytes(both, tmp_path, fmt, suffix):
    layers, store = both
    out = []
    for src in (layers, store):
        (tmp_path / src.name).mkdir()
        path = tmp_path / src.name / f"events{suffix}"
        r = CliRunner().invoke(cli, ["export", str(src), "-f", fmt, "-o", str(path), "--since", "2025-01-01",
                                     "--actor", "Russian forces"] if fmt != "geoparquet" else
                               ["export", str(src), "-f", fmt, "-o", str(path), "--since", "2025-01-01"])
        assert r.exit_code == 0, r.output
        out.append((path.read_bytes(), r.output.splitlines()[-1]))
    assert out[0] == out[1]
    assert out[0][1].split()[0] != "0"


def test_geoparquet_export_from_the_store_matches_row_groups_of_the_feature_writer(tmp_path):
    """Arrow to Arrow out of the store writes what the writer of features writes, row groups included."""
    from geomap.io.parquet import write_batches
    from geomap.parquet_store import iter_batches

    feats = list(iter_events(50))
    store = tmp_path / "store"
    merge_into_store(store, feats)
    from geomap.io.parquet import write_geoparquet

    ordered = list(api.stream(store))
    a = write_geoparquet(tmp_path / "a.parquet", ordered, row_group=16)
    b = write_batches(tmp_path / "b.parquet", iter_batches(store, batch=16), row_group=16)
    assert a.read_bytes() == b.read_bytes()


def test_cli_imports_into_a_new_geoparquet_store_and_exports_from_it(tmp_path):
    feats = sample_events()  # valid events (the benchmarks' points are scattered over a box, not their oblasts)
    N = len(feats)
    pq_file = tmp_path / "all.parquet"
    write_layers(tmp_path / "layers", feats)
    assert CliRunner().invoke(cli, ["export", str(tmp_path / "layers"), "-f", "geoparquet", "-o", str(pq_file)]
                              ).exit_code == 0
    into = tmp_path / "store"
    r = CliRunner().invoke(cli, ["import", "geoparquet", str(pq_file), "--into", str(into), "--store", "geoparquet"])
    assert r.exit_code == 0, r.output
    assert f"{N} read, {N} imported, 0 skipped" in r.output and f"{N} added" in r.output
    assert (into / MARKER).is_file()
    r = CliRunner().invoke(cli, ["import", "geoparquet", str(pq_file), "--into", str(into)])
    assert r.exit_code == 0 and f"0 added, 0 updated, {N} unchanged" in r.output
    back = tmp_path / "back.parquet"
    r = CliRunner().invoke(cli, ["export", str(into), "-f", "geoparquet", "-o", str(back)])
    assert r.exit_code == 0 and f"{N} events exported" in r.output
    assert back.read_bytes() == pq_file.read_bytes()


def test_streamed_geoparquet_import_skips_bad_rows_like_before(tmp_path):
    feats = sample_events()
    feats[2]["properties"]["date_end"] = "2020-01-01"  # ends before it starts
    (path,) = export_features(feats, tmp_path / "e.parquet", "geoparquet")
    from geomap.io.registry import import_events

    result = import_events("geoparquet", path)
    bad = 2  # rows are numbered in the file's order, the order given
    n = len(feats) - 1
    assert len(result) == n and [s.row for s in result.skipped] == [bad] and "date_end" in result.skipped[0].reason
    assert len(list(result.iter_features())) == n and len(result.skipped) == 1  # a second pass adds nothing
    with pytest.raises(InputError, match="nothing imported"):
        import_events("geoparquet", path, strict=True)


def test_synthetic_benchmark_store_is_what_a_merge_writes(tmp_path):
    """The 10M-event benchmark writes its store column by column; at a small size it is the merge's store."""
    from store_synth import write_store

    api.merge(tmp_path / "merged", iter_events(2000), store="geoparquet")
    write_store(tmp_path / "synth", 2000)
    a, b = units(tmp_path / "merged"), units(tmp_path / "synth")
    assert list(a) == list(b) and all(a[k].read_bytes() == b[k].read_bytes() for k in a)


_EXPORT_PEAK = """
import sys
import geomap
fmt = sys.argv[2] if len(sys.argv) > 2 else 'geoparquet'
geomap.export(sys.argv[1], sys.argv[1] + '.' + fmt, fmt)
print(int(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM'))) / 1024)
"""


def test_export_from_a_store_takes_memory_that_does_not_grow_with_it(tmp_path):
    """Exporting 5 times more events raises the export's peak memory (its own process's high-water
    mark) by far less than holding them would: features in memory take about 3 kB each (40,000 more held
    added 156 MB when measured, the streamed export 39 MB; 10,000 against 200,000 had a bound of 120 MB
    against +80 MB streamed, a narrower margin, for 150,000 more events)."""
    from store_synth import write_store

    peaks = []
    for n in (10_000, 50_000):
        write_store(tmp_path / f"s{n}", n)
        r = subprocess.run([sys.executable, "-c", _EXPORT_PEAK, str(tmp_path / f"s{n}")], capture_output=True,
                           text=True, timeout=900)
        assert r.returncode == 0, r.stderr
        peaks.append(float(r.stdout))
    assert peaks[1] - peaks[0] < 80, peaks  # 40,000 more events held as features: ~156 MB


def test_import_and_build_show_progress_on_a_terminal_only(tmp_path):
    from test_scale import GEOMAP, _stderr_on_terminal

    pq_file = tmp_path / "e.parquet"
    export_features(sample_events(), pq_file, "geoparquet")
    args = ["import", "geoparquet", str(pq_file), "--into", str(tmp_path / "store"), "--store", "geoparquet"]
    shown = _stderr_on_terminal(args, tmp_path)
    assert "merge" in shown and "5/5" in shown and "events/s" in shown, shown
    r = subprocess.run([str(GEOMAP), *args[:-2], "--into", str(tmp_path / "other")], capture_output=True, timeout=600)
    assert r.returncode == 0, r.stderr.decode()
    assert b"\r" not in r.stderr and b"merge" not in r.stderr
    build = ["build", "--root", str(HERE.parent), "--out", str(tmp_path / "out"), "--no-map", "--no-report"]
    shown = _stderr_on_terminal(build, tmp_path)
    assert "build" in shown and "layers written" in shown and "2/2" in shown, shown


def test_a_store_loads_column_by_column_into_the_frame_features_give(tmp_path):
    """``load`` builds the GeoDataFrame from Arrow columns; it is the frame the events themselves make."""
    from pandas.testing import assert_frame_equal

    from geomap.io.frame import to_frame

    feats = sample_events()
    feats[0]["properties"]["fatalities"] = 3
    feats[1]["properties"]["extra"] = {"note": "kept"}
    api.merge(tmp_path / "store", feats, store="geoparquet")
    (pqf,) = export_features(feats, tmp_path / "e.parquet", "geoparquet")
    want = to_frame(api.stream(tmp_path / "store"))
    assert_frame_equal(geomap.load(tmp_path / "store"), want)
    assert_frame_equal(geomap.load(pqf).sort_values("id").reset_index(drop=True),
                       want.sort_values("id").reset_index(drop=True))
    assert len(geomap.load(tmp_path / "store", since="2099-01-01")) == 0
