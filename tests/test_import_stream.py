"""``geomap import geojson`` streams: a FeatureCollection, an RFC 8142 sequence or newline-delimited
GeoJSON is cut into features a chunk at a time, each checked once, and what it imports, skips and
refuses is what reading the whole file gives; its memory does not grow with the file."""
from __future__ import annotations

import copy
import io
import subprocess
import sys
from pathlib import Path

import orjson
import pyarrow.parquet as pq
import pytest
from events_factory import event, settlements

import geomap.io.geojson as gj
import geomap.io.json_split as js
from geomap.errors import InputError
from geomap.io.geojson import RS, import_geojson

HERE = Path(__file__).resolve().parent
# text a naive cutter would trip over: brackets, braces, commas, quotes and backslashes inside strings
TRICKY = 'He said "[{" , then ]] }} \\ and \\\\" ok'


def _events(n: int = 40) -> list[dict]:
    places = settlements("RU", "41", 20) + settlements("UA", "21", 20)
    feats = []
    for i in range(n):
        p = places[i % len(places)]
        feats.append(event(p, id=f"gm-stream-{i:04d}", summary=f"{TRICKY} #{i}" if i % 3 == 0 else f"Event {i}.",
                           extra={"note": TRICKY, "nested": [[1, {"a": "]"}], []]} if i % 5 == 0 else None))
    bad = copy.deepcopy(feats[0])  # the wrong oblast: skipped with the reason
    bad["properties"].update(admin1="Sumy Oblast", admin1_code="UA-59", country="UA")
    bad["id"] = bad["properties"]["id"] = "gm-stream-bad"
    unnamed = copy.deepcopy(feats[7])  # no admin1: filled from the point, with a note
    for k in ("admin1", "admin1_code"):
        del unnamed["properties"][k]
    unnamed["id"] = unnamed["properties"]["id"] = "gm-stream-unnamed"
    return feats[:10] + [bad] + feats[10:20] + [unnamed, {"type": "Feature", "geometry": None}] + feats[20:]


def _texts(feats: list[dict]) -> dict[str, bytes]:
    return {
        "compact": orjson.dumps({"type": "FeatureCollection", "name": "x", "features": feats}),
        "pretty": orjson.dumps({"type": "FeatureCollection", "bbox": [1, 2, 3, 4], "features": feats,
                                "name": "after"}, option=orjson.OPT_INDENT_2),
        "sequence": b"".join(RS + orjson.dumps(f, option=orjson.OPT_INDENT_2) + b"\n" for f in feats),
        "lines": b"\r\n".join(orjson.dumps(f) for f in feats) + b"\n\n",
    }


def _whole(path: Path):
    """What reading the whole file at once gives (the reader's path for a text it does not cut)."""
    check = gj._Check(path)
    gj._check_document(gj._parse(path.read_bytes(), path), check, streamed=0)
    return check.finish(False)


@pytest.mark.parametrize("shape", ["compact", "pretty", "sequence", "lines"])
@pytest.mark.parametrize("chunk", [1, 7, 4096])
def test_streamed_import_is_what_a_whole_read_gives(tmp_path, monkeypatch, shape, chunk):
    path = tmp_path / "in.geojson"
    path.write_bytes(_texts(_events())[shape])
    want = _whole(path)
    monkeypatch.setattr(js, "CHUNK", chunk)  # every split of a string, an escape or a bracket across reads
    monkeypatch.setattr(gj, "MAX_TEXT_FILE_BYTES", 0)  # no whole read to fall back on
    monkeypatch.setattr(gj, "BATCH", 6)
    got = import_geojson(path)
    assert (got.read, len(got)) == (want.read, len(want)) == (43, 41)
    assert [str(s) for s in got.skipped] == [str(s) for s in want.skipped]
    assert "feature 10: admin1: point" in str(got.skipped[0]) and "feature 22: geometry is" in str(got.skipped[1])
    assert got.notes == want.notes == ["feature 21: admin1 filled: the point lies in Kursk Oblast"]
    assert got.features == want.features
    assert orjson.dumps(got.features) == orjson.dumps(want.features)  # key order too
    assert [f["properties"]["summary"] for f in got.features][0].startswith(TRICKY)


def test_the_cutter_yields_each_feature_and_keeps_the_rest_of_the_document(monkeypatch):
    text = _texts(_events(12))["pretty"]
    monkeypatch.setattr(js, "CHUNK", 5)
    doc = js.Document(io.BytesIO(text))
    pieces = [orjson.loads(t) for _, t in doc.elements()]
    whole = orjson.loads(text)
    assert pieces == whole["features"]
    assert orjson.loads(bytes(doc.skeleton)) == {**whole, "features": []}
    empty = js.Document(io.BytesIO(b'{"features": [ \n ], "type": "FeatureCollection"}'))
    assert list(empty.elements()) == [] and orjson.loads(bytes(empty.skeleton))["features"] == []


def _refusal(path: Path, **kw) -> str:
    with pytest.raises(InputError) as exc:
        import_geojson(path, **kw)
    return str(exc.value)


def test_refusals_of_a_streamed_file_name_the_file_and_the_place(tmp_path, monkeypatch):
    monkeypatch.setattr(gj, "MAX_TEXT_FILE_BYTES", 0)  # as a file too large to read whole
    monkeypatch.setattr(gj, "BATCH", 5)
    feats = [f for f in _events(30) if f.get("geometry")]
    lines = [orjson.dumps(f) for f in feats]
    p = tmp_path / "bad.geojsonl"
    p.write_bytes(b"\n".join(lines[:17] + [b'{"type": "Feature", "geometry": ]'] + lines[17:]))
    assert _refusal(p).startswith(f"{p}, line 18: invalid JSON")
    pretty = orjson.dumps({"type": "FeatureCollection", "features": feats}, option=orjson.OPT_INDENT_2)
    broken = pretty.replace(b'"gm-stream-0020"', b'"gm-stream-0020" "x"')
    p.write_bytes(broken)
    line = broken[:broken.index(b'"gm-stream-0020" "x"')].count(b"\n") + 1
    assert _refusal(p) == f"{p}, line {line}: invalid JSON: unexpected character, expected ',' or '}}'"
    # a crs after the features, a repeated id batches apart, --strict: each refuses the whole file
    p.write_bytes(orjson.dumps({"type": "FeatureCollection", "features": feats, "crs": {"type": "name"}}))
    assert "has a 'crs' member" in _refusal(p)
    twin = copy.deepcopy(feats[2])
    twin["properties"]["summary"] = "Another event, the same id."
    p.write_bytes(orjson.dumps({"type": "FeatureCollection", "features": feats + [twin]}))
    assert _refusal(p) == (f"{p}: duplicate id gm-stream-0002: feature 2 (strike) and feature {len(feats)} (strike); "
                           "two events cannot share an id, nothing was imported")
    p.write_bytes(b"".join(RS + line + b"\n" for line in lines))
    assert "feature 10: admin1" in str(import_geojson(p).skipped[0])
    refused = _refusal(p, strict=True)
    assert refused.startswith(f"{p}, feature 10: admin1: point ") and refused.endswith(
        "not in Sumy Oblast as admin1 says; nothing imported (--strict)"), refused


_IMPORT_PEAK = """
import sys
from geomap import api
from geomap.io.registry import import_events
result = import_events('geojson', sys.argv[1])
print(api.merge(sys.argv[2], result.iter_features(), store='geoparquet').added)
print(int(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM'))) / 1024)
"""


def _many(n: int):
    places = settlements("RU", "41", 200) + settlements("UA", "21", 200)
    for i in range(n):
        p = places[i % len(places)]
        day = f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}"
        yield event(p, id=f"gm-{i:012x}", date_start=day, date_end=day, summary=f"Event number {i} at {p['name']}.",
                    sources=[{"url": f"https://example.org/r/{i % 5000}", "outlet": "Example", "published": day}])


def test_an_import_into_a_store_takes_memory_that_does_not_grow_with_the_file(tmp_path):
    """Two and a half times more events (a FeatureCollection of 20 MB) raise the import's peak (its own
    process's high-water mark) by far less than holding them would: reading the file whole and a dict per
    event took about 5.8 kB an event (270 MB at 20,000, 740 MB at 100,000).

    15,000 more events, not 90,000 (the suite's time): holding them would add about 87 MB, nearly twice the
    bound, while the streamed import adds about 24 MB (199 to 223 MB when measured), under half of it; the
    same margins on both sides as 10,000 against 40,000 (bound 80 MB, streamed +34 to 41 MB, held +175 MB),
    for 35,000 events made and imported, not 50,000."""
    from geomap.io.geojson import write_geojson

    peaks = []
    for n in (10_000, 25_000):
        src = write_geojson(tmp_path / f"e{n}.geojson", _many(n))
        r = subprocess.run([sys.executable, "-c", _IMPORT_PEAK, str(src), str(tmp_path / f"s{n}")],
                           capture_output=True, text=True, timeout=900)
        assert r.returncode == 0, r.stderr
        added, peak = r.stdout.split()
        stored = sum(pq.ParquetFile(f).metadata.num_rows for f in (tmp_path / f"s{n}").rglob("*.parquet"))
        assert int(added) == n == stored
        peaks.append(float(peak))
    assert (tmp_path / "e25000.geojson").stat().st_size > 18_000_000
    assert peaks[1] < 400 and peaks[1] - peaks[0] < 45, peaks
