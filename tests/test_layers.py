"""The layer store: deterministic bytes, lossless round trips, safe merges, atomic writes."""
from __future__ import annotations

import copy
import os
import signal
import subprocess
import sys
import textwrap

import orjson
import pytest
from hypothesis import given, settings, strategies as st

from geomap.errors import InputError
from geomap.layer_merge import merge_into
from geomap.layers import (
    canonical_feature, layer_path, merge_features, read_layer, read_layers, write_layer, write_layers,
)
from geomap.schema import EVENT_TYPES, make_feature


def make(props, i, lon=35.1, lat=51.2, **over):
    p = dict(props, **over)
    p["summary"] = f"event {i}"
    p["date_start"] = p["date_end"] = f"2025-03-{(i % 28) + 1:02d}"
    p["id"] = None
    p["sources"] = [dict(props["sources"][0], url=f"https://example.org/{i}")]
    return make_feature(p, lon + i * 1e-4, lat)


def test_write_is_sorted_one_feature_per_line(tmp_path, sample_props):
    feats = [make(sample_props, i) for i in (5, 1, 3)]
    path = tmp_path / "strike.geojson"
    write_layer(path, feats)
    lines = path.read_bytes().split(b"\n")
    assert lines[0] == b'{"type":"FeatureCollection","name":"strike","features":['
    body = [orjson.loads(line.rstrip(b",")) for line in lines[1:-2]]
    assert [f["properties"]["date_start"] for f in body] == ["2025-03-02", "2025-03-04", "2025-03-06"]
    assert lines[-2] == b"]}"


def test_coordinates_have_at_most_six_decimals(tmp_path, sample_props):
    f = make_feature(dict(sample_props), 35.123456789, 51.987654321)
    write_layer(tmp_path / "s.geojson", [f])
    (back,) = read_layer(tmp_path / "s.geojson")
    assert back["geometry"]["coordinates"] == [35.123457, 51.987654]


def test_read_then_write_is_byte_identical(tmp_path, sample_props):
    feats = [make(sample_props, i) for i in range(20)]
    a, b = tmp_path / "a.geojson", tmp_path / "b.geojson"
    write_layer(a, feats, name="strike")
    write_layer(b, read_layer(a), name="strike")
    assert a.read_bytes() == b.read_bytes()


def test_same_events_in_any_order_give_same_bytes(tmp_path, sample_props):
    feats = [make(sample_props, i) for i in range(30)]
    write_layers(tmp_path / "x", feats)
    write_layers(tmp_path / "y", list(reversed(feats)))
    for t in EVENT_TYPES:
        assert layer_path(tmp_path / "x", t).read_bytes() == layer_path(tmp_path / "y", t).read_bytes()



def _lines(path):
    """The features of a layer file, parsed line by line as a git diff would show them."""
    lines = path.read_bytes().split(b"\n")
    assert lines[-2:] == [b"]}", b""]
    return [orjson.loads(line.rstrip(b",")) for line in lines[1:-2]]


def test_large_unsorted_layer_spans_chunks_in_store_order(tmp_path, sample_props):
    # more features than one serialisation chunk, in shuffled order: every line one whole feature, sorted
    feats = [make(sample_props, i) for i in range(9001)]
    shuffled = feats[1::2] + feats[::2]
    write_layer(tmp_path / "a.geojson", shuffled, name="strike")
    write_layer(tmp_path / "b.geojson", sorted(feats, key=lambda f: (f["properties"]["date_start"], f["id"])),
                name="strike")
    assert (tmp_path / "a.geojson").read_bytes() == (tmp_path / "b.geojson").read_bytes()
    back = _lines(tmp_path / "a.geojson")
    assert len(back) == 9001
    keys = [(f["properties"]["date_start"], f["id"]) for f in back]
    assert keys == sorted(keys) and len(set(keys)) == 9001
    assert orjson.loads((tmp_path / "a.geojson").read_bytes())["features"] == back


def test_feature_like_objects_inside_extra_do_not_split_a_feature(tmp_path, sample_props):
    # a user's extra field may hold GeoJSON of its own; the writer must not cut a feature there
    nested = [{"type": "Feature", "n": 1}, {"type": "Feature", "n": 2}]
    feats = [make(sample_props, i, extra={"shapes": nested}) for i in (3, 1, 2)]
    write_layer(tmp_path / "s.geojson", feats, name="strike")
    back = read_layer(tmp_path / "s.geojson")
    assert [f["properties"]["extra"] for f in back] == [{"shapes": nested}] * 3
    assert [f["properties"]["summary"] for f in back] == ["event 1", "event 2", "event 3"]


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.floats(-180, 180, allow_nan=False), st.integers(-180_000_000, 180_000_000).map(lambda k: k / 1e6)))
def test_six_decimal_check_agrees_with_round(x):
    f = make_feature(dict(BASE, date_start="2025-03-01", date_end="2025-03-01", id="gm-000000000001"), 35.0, 51.0)
    f["geometry"]["coordinates"] = [x, 51.0]
    assert (canonical_feature(f) is f) == (round(x, 6) == x)


BASE = {
    "event_type": "strike", "sub_type": "artillery", "time_precision": "day", "place": "Sudzha",
    "admin1": "Kursk Oblast", "admin1_code": "RU-KRS", "country": "RU", "geo_precision": "settlement",
    "claim_status": "reported", "origin": "curated",
    "sources": [{"url": "https://example.org/a", "outlet": "Example", "published": "2025-03-05"}],
}

props_strategy = st.fixed_dictionaries({
    "summary": st.text(max_size=40),
    "fatalities": st.one_of(st.none(), st.integers(0, 10_000)),
    "actors": st.lists(st.sampled_from(["Russian forces", "Ukrainian forces", "North Korean forces"]), max_size=3),
    "lon": st.floats(33.0, 38.0, allow_nan=False),
    "lat": st.floats(50.0, 52.5, allow_nan=False),
    "day": st.integers(1, 28),
    "event_type": st.sampled_from(EVENT_TYPES),
})


@settings(max_examples=40, deadline=None)
@given(st.lists(props_strategy, max_size=12))
def test_write_read_write_round_trip_property(tmp_path_factory, events):
    sample_props = BASE
    d = tmp_path_factory.mktemp("rt")
    feats = []
    for i, e in enumerate(events):
        p = dict(sample_props, summary=e["summary"], fatalities=e["fatalities"], actors=e["actors"],
                 event_type=e["event_type"], sub_type=None, date_start=f"2024-05-{e['day']:02d}",
                 date_end=f"2024-05-{e['day']:02d}", id=f"gm-{i:04d}")
        feats.append(make_feature(p, e["lon"], e["lat"]))
    write_layers(d / "a", feats)
    back = read_layers(d / "a")
    assert sorted(orjson.dumps(canonical_feature(f)) for f in back) == sorted(orjson.dumps(canonical_feature(f)) for f in feats)
    write_layers(d / "b", back)
    for t in EVENT_TYPES:
        assert layer_path(d / "a", t).read_bytes() == layer_path(d / "b", t).read_bytes()


def test_merge_counts_and_never_loses(sample_props):
    old = [make(sample_props, i) for i in range(5)]
    changed = copy.deepcopy(old[1])
    changed["properties"]["summary"] = "new wording"
    new = [copy.deepcopy(old[0]), changed, make(sample_props, 99)]
    merged, result = merge_features(old, new)
    assert (result.added, result.updated, result.unchanged) == (1, 1, 1)
    ids = {f["id"] for f in merged}
    assert {f["id"] for f in old} <= ids and new[2]["id"] in ids
    assert next(f for f in merged if f["id"] == changed["id"])["properties"]["summary"] == "new wording"


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(0, 40), max_size=25), st.lists(st.integers(0, 40), max_size=25))
def test_merge_property_never_loses_an_event(a, b):
    sample_props = BASE
    old = [make(sample_props, i) for i in set(a)]
    new = [make(sample_props, i) for i in set(b)]
    merged, result = merge_features(old, new)
    assert {f["id"] for f in merged} == {f["id"] for f in old} | {f["id"] for f in new}
    assert result.total == len(new)


def test_merge_into_directory(tmp_path, sample_props):
    d = tmp_path / "layers"
    r1 = merge_into(d, [make(sample_props, i) for i in range(3)])
    r2 = merge_into(d, [make(sample_props, i) for i in range(2, 5)])
    assert (r1.added, r2.added, r2.unchanged) == (3, 2, 1)
    assert len(read_layers(d)) == 5


def test_failed_write_leaves_old_layer_and_no_temp_file(tmp_path, sample_props):
    path = tmp_path / "strike.geojson"
    write_layer(path, [make(sample_props, 1)])
    before = path.read_bytes()
    bad = make(sample_props, 2)
    bad["geometry"]["coordinates"] = ["not", "numbers"]
    with pytest.raises(ValueError):
        write_layer(path, [make(sample_props, 3), bad])
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["strike.geojson"]


def test_killed_writer_leaves_old_layer_intact(tmp_path, sample_props):
    """A process killed (SIGKILL) in the middle of a large write must not damage the layer.

    The writer stops itself (SIGSTOP) once its chunks have put over a megabyte into the temp file, and is
    killed there: always mid-write, whatever the machine's speed. (It used to be killed when polling saw the
    temp file pass a megabyte, with 300,000 events so the write outlasted the polling: ~4 CPU-s.)
    """
    path = tmp_path / "strike.geojson"
    write_layer(path, [make(sample_props, 1)])
    before = path.read_bytes()
    script = textwrap.dedent(f"""
        import os, signal, sys
        import geomap.layers
        from geomap.layers import write_layer
        from geomap.schema import make_feature
        p = {sample_props!r}
        chunks = geomap.layers._layer_chunks

        def stopping(*args):
            given = 0
            for chunk in chunks(*args):
                yield chunk
                given += len(chunk)
                if given > 2_500_000:  # past the writer's 1 MB buffer twice: over a megabyte is in the file
                    os.kill(os.getpid(), signal.SIGSTOP)

        geomap.layers._layer_chunks = stopping

        def gen():
            for i in range(10_000):
                q = dict(p, summary="x" * 200, id="gm-%08d" % i)
                yield make_feature(q, 35.0, 51.0)
        write_layer(sys.argv[1], gen())
    """)
    proc = subprocess.Popen([sys.executable, "-c", script, str(path)])
    _, status = os.waitpid(proc.pid, os.WUNTRACED)  # returns once the writer has stopped itself (or ended)
    assert os.WIFSTOPPED(status), "the writer ended before it had written a megabyte"
    tmps = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert tmps and tmps[0].stat().st_size > 1_000_000, "the writer had not reached its temp file"
    assert path.read_bytes() == before
    assert len(read_layer(path)) == 1


def test_unwritable_directory_is_a_clear_error(tmp_path, sample_props):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    from geomap.errors import OutputError
    with pytest.raises(OutputError, match="cannot write"):
        write_layer(blocker / "sub" / "strike.geojson", [make(sample_props, 1)])


@pytest.mark.parametrize("content,expected", [
    (b'{"type":"FeatureCollection","features":[', "invalid JSON"),
    (b'{"type":"Topology"}', "not a GeoJSON FeatureCollection"),
    (b'{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null}]}', "feature 0"),
])
def test_bad_layer_files(tmp_path, content, expected):
    path = tmp_path / "bad.geojson"
    path.write_bytes(content)
    with pytest.raises(InputError, match=expected) as exc:
        read_layer(path)
    assert str(path) in str(exc.value)
