"""Loading and importing GeoParquet at scale: the column-by-column load gives the frame the events give
and takes a bounded amount of memory per event; an import checks each row once, its points located a
batch at a time, and keeps, skips and refuses exactly what a row-by-row check does."""
from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from events_factory import event, sample_events, settlements

import geomap
from geomap import api
from geomap.errors import InputError
from geomap.io.frame import to_frame
from geomap.io.parquet import import_geoparquet, iter_rows
from geomap.io.registry import export_features
from geomap.regions import load_regions
from geomap.schema import validate_features

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "benchmarks"))


def _mixed() -> list[dict]:
    """Valid events at real settlements, a point in the wrong oblast, and one outside the region."""
    kursk, sumy = settlements("RU", "41", 30), settlements("UA", "21", 30)
    feats = [event(p, summary=f"Event at {p['name']}.", date_start=f"2025-0{1 + i % 6}-1{i % 10}",
                   date_end=f"2025-0{1 + i % 6}-1{i % 10}", actors=["Russian forces"] if i % 2 else ["Ukrainian forces"],
                   sources=[{"url": f"https://example.org/{i % 4}", "outlet": "Example", "published": "2025-07-01"}])
             for i, p in enumerate(kursk + sumy)]
    wrong = copy.deepcopy(feats[0])  # a Kursk point said to be in Sumy oblast
    wrong["properties"].update(admin1="Sumy Oblast", admin1_code="UA-59", country="UA", summary="Wrongly placed.")
    wrong["id"] = wrong["properties"]["id"] = "gm-00000000000a"
    outside = copy.deepcopy(feats[1])
    outside["geometry"]["coordinates"] = [30.5, 50.45]  # lon/lat far west of both oblasts
    outside["id"] = outside["properties"]["id"] = "gm-00000000000b"
    return feats[:20] + [wrong] + feats[20:40] + [outside] + feats[40:]


def test_load_from_geoparquet_is_the_frame_of_the_events_with_lists_parsed_once(tmp_path):
    feats = _mixed()
    (path,) = export_features(feats, tmp_path / "e.parquet", "geoparquet")
    api.merge(tmp_path / "store", feats, store="geoparquet")
    want = to_frame(api.stream(tmp_path / "store"))
    got = geomap.load(tmp_path / "store")
    assert list(got.dtypes) == list(want.dtypes)
    assert got.drop(columns="geometry").astype(str).equals(want.drop(columns="geometry").astype(str))
    assert list(got.geometry.to_wkt()) == list(want.geometry.to_wkt())
    # the same JSON text is one parsed list: equal rows share it, other rows hold their own
    by_actors: dict[str, set[int]] = {}
    for v in got["actors"]:
        by_actors.setdefault(v[0], set()).add(id(v))
    assert set(by_actors) == {"Russian forces", "Ukrainian forces"} and all(len(s) == 1 for s in by_actors.values())
    assert len({id(v) for v in got["sources"]}) == 4
    from_file = geomap.load(path).sort_values("id").reset_index(drop=True)
    assert from_file.drop(columns="geometry").astype(str).equals(
        got.sort_values("id").reset_index(drop=True).drop(columns="geometry").astype(str))


def test_a_sources_cell_that_is_not_json_is_a_clear_error(tmp_path):
    (path,) = export_features(sample_events(), tmp_path / "e.parquet", "geoparquet")
    t = pq.read_table(path)
    i = t.schema.get_field_index("sources")
    broken = t.set_column(i, t.schema.field(i), pa.array(['[{"url": "https://example.org/a"'] + t.column(i).to_pylist()[1:]))
    pq.write_table(broken.replace_schema_metadata(t.schema.metadata), path)
    with pytest.raises(InputError, match="not JSON"):
        geomap.load(path)


def test_points_located_ahead_answer_as_one_at_a_time(tmp_path):
    regions = load_regions()
    pts = [(p["lon"], p["lat"]) for p in settlements("RU", "41", 40) + settlements("UA", "21", 40)]
    pts += [(lat, lon) for lon, lat in pts[:5]] + [(30.5, 50.45), (36.0, 49.0)]
    one_by_one = [regions.admin1_at(lon, lat) for lon, lat in pts]
    regions.locate_many([p[0] for p in pts], [p[1] for p in pts])
    try:
        assert [regions.admin1_at(lon, lat) for lon, lat in pts] == one_by_one
        assert {o.admin1 for o in one_by_one if o} >= {"Kursk Oblast", "Sumy Oblast"} and None in one_by_one
    finally:
        regions.locate_many([], [])


def test_import_checks_each_row_once_and_keeps_what_a_row_by_row_check_keeps(tmp_path, monkeypatch):
    feats = _mixed()
    checked = []
    valid_event = geomap.io.parquet._valid_event
    monkeypatch.setattr(geomap.io.parquet, "_valid_event", lambda f, *a: checked.append(f["id"]) or valid_event(f, *a))
    (path,) = export_features(feats, tmp_path / "e.parquet", "geoparquet")
    order = [f["id"] for _, f in iter_rows(path)]
    regions = load_regions()
    by_id = {f["id"]: f for f in feats}
    refused = {i for i, fid in enumerate(order)
               if any(p.severity == "error" for p in validate_features([by_id[fid]], "x", regions))}
    assert len(refused) == 2  # the wrongly placed one and the one outside
    result = import_geoparquet(path)
    assert result.read == len(feats) and len(result) == len(feats) - 2
    assert {s.row for s in result.skipped} == refused
    assert "not in Sumy Oblast" in " ".join(s.reason for s in result.skipped)
    kept = list(result.iter_features())
    assert [f["id"] for f in kept] == [fid for i, fid in enumerate(order) if i not in refused]
    api.merge(tmp_path / "store", result.iter_features(), store="geoparquet")
    assert sorted(geomap.load(tmp_path / "store")["id"]) == sorted(f["id"] for f in kept)
    assert sorted(checked) == sorted(order)  # once each, over the check and both passes that followed


def test_import_still_refuses_a_duplicate_id_across_batches(tmp_path, monkeypatch):
    feats = _mixed()
    twin = copy.deepcopy(feats[3])
    twin["properties"]["summary"] = "Another event with the same id."
    feats.append(twin)
    (path,) = export_features(feats, tmp_path / "e.parquet", "geoparquet")
    monkeypatch.setattr(geomap.io.parquet, "BATCH", 7)  # the two rows sit in different batches
    with pytest.raises(InputError, match=f"duplicate id {twin['id']}: feature \\d+ .* and feature \\d+"):
        import_geoparquet(path)


_LOAD_PEAK = """
import sys
import geomap
base = int(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmRSS')))
gdf = geomap.load(sys.argv[1])
peak = int(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')))
print(len(gdf), (peak - base) * 1024 / len(gdf))
"""


def test_loading_a_store_takes_far_less_memory_per_event_than_python_dicts(tmp_path):
    """Peak memory of ``load`` per event, in its own process: a generous ceiling that building a dict per
    event (about 3.5 kB each, with the frame) would break; it is about 1.5-2 kB now."""
    from store_synth import write_store

    write_store(tmp_path / "s", 100_000)
    r = subprocess.run([sys.executable, "-c", "import geomap.io.parquet, geopandas, shapely, pyarrow.dataset\n"
                        + _LOAD_PEAK, str(tmp_path / "s")], capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stderr
    rows, per_event = r.stdout.split()
    assert int(rows) == 100_000 and float(per_event) < 3000, per_event


@pytest.mark.parametrize("fmt", ["geojson", "geojsonseq"])
def test_geojson_exports_stream_and_write_what_a_list_gives(tmp_path, fmt):
    """Given a one-pass iterator (as a store streams its events), the export is the bytes the same
    events give as a list; a failure midway leaves the earlier file and no temp file behind."""
    feats = _mixed()
    (want,) = export_features(list(feats), tmp_path / f"list.{fmt}", fmt)
    (got,) = export_features(iter(feats), tmp_path / f"iter.{fmt}", fmt)
    assert got.read_bytes().replace(b'"iter"', b'"list"') == want.read_bytes()
    (empty,) = export_features(iter([]), tmp_path / f"empty.{fmt}", fmt)
    assert empty.read_bytes() == export_features([], tmp_path / f"empty2.{fmt}", fmt)[0].read_bytes().replace(
        b'"empty2"', b'"empty"')

    def broken():
        yield from feats[:30]
        raise InputError("the source went away halfway")

    before = got.read_bytes()
    with pytest.raises(InputError, match="halfway"):
        export_features(broken(), got, fmt)
    assert got.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        f"{stem}.{fmt}" for stem in ("list", "iter", "empty", "empty2"))


def test_a_store_exports_geojson_the_bytes_its_layers_give(tmp_path):
    feats = _mixed()
    api.merge(tmp_path / "store", feats, store="geoparquet")
    from geomap.layers import write_layers

    write_layers(tmp_path / "layers", feats)
    (tmp_path / "a").mkdir()
    for fmt in ("geojson", "geojsonseq"):
        (a,) = geomap.export(tmp_path / "store", tmp_path / "a" / f"e.{fmt}", fmt)
        (b,) = geomap.export(tmp_path / "layers", tmp_path / f"e.{fmt}", fmt)
        assert a.read_bytes() == b.read_bytes()


def test_a_geojson_export_from_a_store_takes_memory_that_does_not_grow_with_it(tmp_path):
    """Three times more events raise the export's peak (its own process's high-water mark) by far less
    than holding them would: 20,000 more features as dicts add about 66 MB, the streamed export about 7 MB
    (measured; 10,000 against 100,000 gave the same margins, +28 MB streamed against ~250 MB, for 70,000
    more events written to a store and exported)."""
    from store_synth import write_store
    from test_parquet_store import _EXPORT_PEAK

    peaks = []
    for n in (10_000, 30_000):
        write_store(tmp_path / f"s{n}", n)
        r = subprocess.run([sys.executable, "-c", _EXPORT_PEAK, str(tmp_path / f"s{n}"), "geojson"], capture_output=True,
                           text=True, timeout=900)
        assert r.returncode == 0, r.stderr
        peaks.append(float(r.stdout))
    assert (tmp_path / "s30000.geojson").stat().st_size > 20_000_000
    assert peaks[1] - peaks[0] < 25, peaks


def _numbered(n: int, first_id_again_at: int | None = None) -> list[dict]:
    places = settlements("RU", "41", 50) + settlements("UA", "21", 50)
    feats = [event(places[i % len(places)], id=f"gm-{i:012x}", summary=f"Event number {i}.") for i in range(n)]
    if first_id_again_at is not None:
        feats[first_id_again_at]["properties"]["id"] = feats[first_id_again_at]["id"] = feats[3]["id"]
    return feats


def test_the_import_holds_no_id_per_event_and_still_names_a_repeat_far_apart(tmp_path, monkeypatch):
    """The check's Python allocations (tracemalloc: every object, no timing) from 2,048 events to 6,144
    (four and twelve batches of 512 rows, the batch held either way; two and six chunks of ids cut to
    disk) grow by about 2 bytes an event: each id's 8-byte hash waits in a chunk, cut into buckets on
    disk past it, where a dict of every id grew by about 160. The warm-up import is longer than a chunk,
    so the first cut's one-time allocations are made before measuring. An id given again 2,500 rows
    (many chunks) later still refuses the file, naming both rows."""
    import tracemalloc

    import geomap.io.spool as io_spool

    monkeypatch.setattr(io_spool, "IDS_CHUNK", 1024)
    monkeypatch.setattr(geomap.io.parquet, "BATCH", 512)
    (path,) = export_features(_numbered(1_100), tmp_path / "warm.parquet", "geoparquet")
    import_geoparquet(path)  # the packaged boundaries, the modules and a first cut of ids, before measuring
    peaks = {}
    for n in (2_048, 6_144):
        (path,) = export_features(_numbered(n), tmp_path / f"e{n}.parquet", "geoparquet")
        tracemalloc.start()
        try:
            result = import_geoparquet(path)
            peaks[n] = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert (result.read, len(result), result.skipped) == (n, n, [])
    assert peaks[6_144] - peaks[2_048] < 4_096 * 40, peaks
    (path,) = export_features(_numbered(3_000, 2_503), tmp_path / "twice.parquet", "geoparquet")
    with pytest.raises(InputError, match=r"duplicate id gm-000000000003: feature 3 \(strike\) and feature 2503"):
        import_geoparquet(path)
