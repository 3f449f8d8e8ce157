"""Filtered reads of a GeoParquet store read only what can match: a file of another type or of a month
after ``until`` is never opened, a row group whose statistics rule it out (an earlier month's events
all ending before ``since``, points outside the box) is never read, and the filtered load is the frame a
whole load and a filter give, row for row."""
from __future__ import annotations

import copy
import shutil
import struct
import sys
from pathlib import Path

import pytest
from pandas.testing import assert_frame_equal

import geomap
from geomap import api
from geomap.errors import InputError
from geomap.io.registry import export_features
from geomap.layers import write_layers
from geomap.parquet_store import merge_into_store, units

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "benchmarks"))
from bench_scale import iter_events  # noqa: E402  (the benchmarks' synthetic events)

N = 3000  # 15 months x 5 types


def _events() -> list[dict]:
    evs = list(iter_events(N))
    # a strike from December that lasts into March: a March load needs the December file
    long = copy.deepcopy(next(e for e in evs if e["properties"]["event_type"] == "strike"
                              and e["properties"]["date_start"].startswith("2024-12")))
    long["id"] = long["properties"]["id"] = "gm-long00000001"
    long["properties"]["date_start"], long["properties"]["date_end"] = "2024-12-20", "2025-03-05"
    evs.append(long)
    # an event without an end date ends on its start date (as geomap.events reads it)
    open_end = copy.deepcopy(next(e for e in evs if e["properties"]["date_start"] == "2025-03-02"))
    open_end["id"] = open_end["properties"]["id"] = "gm-openend00001"
    open_end["properties"]["date_end"] = None
    evs.append(open_end)
    # every deployment of June 2025 lies east of 37.5: a box west of it needs none of that file
    for e in evs:
        p = e["properties"]
        if p["event_type"] == "deployment" and p["date_start"].startswith("2025-06"):
            e["geometry"]["coordinates"][0] = round(37.5 + (e["geometry"]["coordinates"][0] - 33.5) / 9, 6)
    return evs


@pytest.fixture(scope="module")
def stores(tmp_path_factory) -> tuple[Path, Path, Path]:
    """The same events as a GeoParquet store, GeoJSON layers and one exported GeoParquet file."""
    d = tmp_path_factory.mktemp("pruning")
    evs = _events()
    api.merge(d / "store", evs, store="geoparquet")
    write_layers(d / "layers", evs)
    (pq_file,) = export_features(evs, d / "all.parquet", "geoparquet")
    return d / "store", d / "layers", Path(pq_file)


def _damage_data(path: Path) -> None:
    """Overwrite every data page of a Parquet file, keeping its footer (the statistics) intact: the file
    opens, but reading any row group fails."""
    raw = bytearray(path.read_bytes())
    footer = struct.unpack("<I", raw[-8:-4])[0]
    start, end = 4, len(raw) - 8 - footer
    raw[start:end] = b"\xff" * (end - start)
    path.write_bytes(bytes(raw))


FILTERS = [
    {"since": "2025-03-01", "until": "2025-03-31"},
    {"since": "2025-03-01"},
    {"until": "2024-09-10"},
    {"types": ["strike"], "since": "2025-02-15", "until": "2025-03-02"},
    {"types": "deployment", "bbox": (33.0, 49.0, 37.0, 53.0)},
    {"bbox": (34.0, 50.5, 35.0, 51.0), "since": "2025-06-01", "until": "2025-07-15"},
    {"types": ["other", "strike"]},
    {"since": "2030-01-01"},
]


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: ",".join(f"{k}={v}" for k, v in f.items()))
def test_a_filtered_load_is_the_whole_load_filtered_row_for_row(stores, filters):
    store, layers, pq_file = stores
    want = geomap.events(geomap.load(store), **filters).reset_index(drop=True)
    got = geomap.load(store, **filters)
    if not len(want):  # nothing matches: no rows, the same columns (an empty column has no data to type)
        assert not len(got) and list(got.columns) == list(want.columns) and not len(geomap.load(pq_file, **filters))
        return
    assert_frame_equal(got, want)
    assert sorted(geomap.load(layers, **filters)["id"]) == sorted(want["id"])
    from_file = geomap.load(pq_file, **filters).sort_values("id").reset_index(drop=True)
    assert_frame_equal(from_file, want.sort_values("id").reset_index(drop=True))
    assert [f["id"] for f in api.stream(store, **filters)] == list(want["id"])


def test_the_long_event_is_in_a_march_load_from_its_december_file(stores):
    march = geomap.load(stores[0], since="2025-03-01", until="2025-03-31")
    assert {"gm-long00000001", "gm-openend00001"} <= set(march["id"])
    assert "gm-openend00001" in set(geomap.load(stores[0], since="2025-03-02")["id"])
    assert "gm-openend00001" not in set(geomap.load(stores[0], since="2025-03-03")["id"])
    assert len(march) == len(geomap.events(geomap.load(stores[0]), since="2025-03-01", until="2025-03-31"))


def test_a_month_load_reads_no_data_of_other_months_or_types(stores, tmp_path):
    """January's strikes end before March (footer read, no row group), May's come after (not opened)."""
    store = tmp_path / "store"
    shutil.copytree(stores[0], store)
    want = geomap.load(store, since="2025-03-01", until="2025-03-31")
    _damage_data(store / "2025-01" / "strike.parquet")
    (store / "2025-05" / "strike.parquet").write_bytes(b"not parquet")
    (store / "2025-03" / "other.parquet").write_bytes(b"not parquet")
    got = geomap.load(store, since="2025-03-01", until="2025-03-31", types=["strike", "deployment"])
    assert_frame_equal(got, want[want["event_type"].isin(["strike", "deployment"])].reset_index(drop=True))
    assert len(got) and "gm-long00000001" in set(got["id"])
    with pytest.raises(InputError, match=r"2025-01.strike\.parquet: cannot read GeoParquet: [^\n]*$"):
        geomap.load(store, since="2025-01-15", until="2025-03-31", types="strike")
    with pytest.raises(InputError, match="cannot read GeoParquet"):
        geomap.load(store, types="strike")


def test_a_box_load_reads_no_data_of_a_file_whose_points_lie_outside(stores, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(stores[0], store)
    box = (33.0, 49.0, 37.0, 53.0)
    want = geomap.load(store, types="deployment", bbox=box)
    east = geomap.load(store, types="deployment", since="2025-06-01", until="2025-06-30")
    assert len(east) and (east.geometry.x > 37.0).all()
    _damage_data(store / "2025-06" / "deployment.parquet")
    assert_frame_equal(geomap.load(store, types="deployment", bbox=box), want)
    with pytest.raises(InputError, match=r"2025-06.deployment\.parquet"):
        geomap.load(store, types="deployment", bbox=(37.6, 49.0, 40.0, 53.0))


def test_a_filtered_export_from_a_store_reads_only_what_can_match(stores, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(stores[0], store)
    window = {"since": "2025-03-01", "until": "2025-03-31"}
    want = geomap.export(store, tmp_path / "before.parquet", "geoparquet", **window)
    for key, p in units(store).items():
        if key[1] != "2025-03" and key[1] != "2024-12":
            _damage_data(p)
    got = geomap.export(store, tmp_path / "after.parquet", "geoparquet", **window)
    assert Path(got[0]).read_bytes() == Path(want[0]).read_bytes()
    assert len(geomap.load(Path(got[0]))) == len(geomap.load(store, **window))


def _damage_all_but_ids(path: Path) -> None:
    """Overwrite every column chunk of a Parquet file but its ids: the ids and the footer still read."""
    import pyarrow.parquet as pq

    md = pq.ParquetFile(path).metadata
    raw = bytearray(path.read_bytes())
    for i in range(md.num_row_groups):
        for j in range(md.num_columns):
            c = md.row_group(i).column(j)
            if c.path_in_schema != "id":
                start = c.dictionary_page_offset or c.data_page_offset
                raw[start:start + c.total_compressed_size] = b"\xff" * c.total_compressed_size
    path.write_bytes(bytes(raw))


def test_a_merge_reads_only_the_ids_of_the_files_it_leaves_as_they_were(stores, tmp_path):
    """Files the merge does not change are checked by their id column alone and carried over as they
    are; the files it changes hold the old rows and the new ones."""
    store = tmp_path / "store"
    shutil.copytree(stores[0], store)
    before = geomap.load(store)
    untouched = store / "2024-10" / "strike.parquet"
    _damage_all_but_ids(untouched)
    damaged = untouched.read_bytes()
    with pytest.raises(InputError, match=r"2024-10.strike\.parquet: cannot read GeoParquet"):
        geomap.load(store, types="strike", since="2024-10-01", until="2024-10-31")
    later = [f for f in api.stream(stores[0], types="other", since="2025-03-01", until="2025-03-31")][:3]
    later[0]["properties"]["summary"] = "A corrected summary."
    new = copy.deepcopy(later[1])
    new["id"] = new["properties"]["id"] = "gm-0000new00001"
    gone = before[before["event_type"] == "deployment"]["id"].iloc[0]
    result = merge_into_store(store, [*later, new], remove=[gone])
    assert (result.added, result.updated, result.unchanged, result.removed) == (1, 1, 2, 1)
    assert result.ids_added == [new["id"]] and result.ids_removed == [gone]
    assert untouched.read_bytes() == damaged
    (store / "2024-10" / "strike.parquet").write_bytes((stores[0] / "2024-10" / "strike.parquet").read_bytes())
    after = geomap.load(store)
    assert set(after["id"]) == (set(before["id"]) - {gone}) | {new["id"]}
    assert after.set_index("id").loc[later[0]["id"], "summary"] == "A corrected summary."
