"""Hypothesis fuzzing of every reader: whatever the bytes, the answer is events or geomap's own error.

Each reader gets valid input with random values swapped in, and random bytes.
Sizes are bounded (a few kB per example, a few dozen examples per reader) so
memory and time stay small, and each read runs under an address-space cap
(what the process uses plus 1 GB); the derandomised runs repeat exactly. The bombs
themselves (alias expansion, zip ratio, endless files) are run under an
address-space limit in ``test_hostile_input.py``.
"""
from __future__ import annotations

import contextlib
import csv
import io
import resource
import zipfile
from pathlib import Path

import orjson
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geomap.errors import GeomapError

DATA = Path(__file__).resolve().parent / "data"
FUZZ = settings(max_examples=40, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                       HealthCheck.data_too_large])

# JSON-like values of every shape, small: text with control and astral characters, huge and tiny numbers
scalars = st.one_of(st.none(), st.booleans(), st.integers(min_value=-(2 ** 70), max_value=2 ** 70),
                    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=30),
                    st.sampled_from(["", "2024-02-30", "2024-05-01", "Kursk Oblast", "UA-59", "strike", "day",
                                     "=HYPERLINK(1)", "javascript:x", "1e400", "-0", "NaN", "https://a.test/x",
                                     "\ud800", "a\x00b", "\u202e"]))
json_values = st.recursive(scalars, lambda kids: st.one_of(st.lists(kids, max_size=4),
                                                          st.dictionaries(st.text(max_size=8), kids, max_size=4)),
                           max_leaves=20)
yaml_keys = st.one_of(st.text(max_size=10), st.integers(), st.none(), st.booleans())
yaml_values = st.recursive(scalars, lambda kids: st.one_of(st.lists(kids, max_size=4),
                                                          st.dictionaries(yaml_keys, kids, max_size=4)),
                           max_leaves=20)
FIELDS = ("id", "event_type", "sub_type", "date_start", "date_end", "time_precision", "place", "place_mention",
          "gazetteer_id", "admin1", "admin1_code", "country", "geo_precision", "lon", "lat", "actors", "weapons",
          "fatalities", "summary", "claim_status", "sources", "origin", "extraction", "extra", "_x", "unknown")
VALID = {"event_type": "strike", "sub_type": "shelling", "date_start": "2024-05-01", "date_end": "2024-05-01",
         "time_precision": "day", "admin1": "Kursk Oblast", "summary": "Test.", "claim_status": "reported",
         "sources": [{"outlet": "Test Outlet", "published": "2024-05"}]}


MEMORY_HEADROOM = 1 << 30  # address space a reader may add while it reads one example


@contextlib.contextmanager
def memory_cap(headroom: int = MEMORY_HEADROOM):
    """Lower this process's address-space limit to what it uses now plus ``headroom``, for the block.

    A reader that tries to take more gets MemoryError, which fails the test instead of the machine.
    """
    try:
        used = int(Path("/proc/self/statm").read_text().split()[0]) * resource.getpagesize()
    except (OSError, ValueError):  # not Linux: sizes alone bound the examples
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = used + headroom
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def only_geomap_errors(fn, *args, **kwargs):
    """Call ``fn`` under a memory cap; a GeomapError is an answer, anything else fails the test."""
    try:
        with memory_cap():
            result = fn(*args, **kwargs)
            if hasattr(result, "features"):
                result.features  # lazily built importers build now
        return result
    except GeomapError as exc:
        assert "\n" not in str(exc).strip() or "problem" in str(exc), str(exc)
        return None


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz")


def _validate(path):
    from geomap.validate import validate_paths

    return validate_paths([path])


@FUZZ
@given(changes=st.dictionaries(st.sampled_from(FIELDS), yaml_values, max_size=4), n=st.integers(1, 3))
def test_fuzz_curated_yaml(workdir, changes, n):
    p = workdir / "c.yaml"
    p.write_text(yaml.safe_dump([{**VALID, **changes}] * n), encoding="utf-8")  # escapes: "\ud800" stays in
    only_geomap_errors(_validate, p)


@FUZZ
@given(text=st.text(alphabet=st.sampled_from(list("ab:- \n[]{}&*!'\"#|>?,%@`1.\t")), max_size=300))
def test_fuzz_curated_yaml_syntax(workdir, text):
    p = workdir / "s.yaml"
    p.write_text(text, encoding="utf-8")
    only_geomap_errors(_validate, p)


CSV_COLUMNS = ("id", "event_type", "sub_type", "date_start", "date_end", "time_precision", "place", "admin1",
               "lon", "lat", "actors", "fatalities", "summary", "claim_status", "source_url", "source_outlet",
               "source_published")


@FUZZ
@given(header=st.lists(st.sampled_from(CSV_COLUMNS + ("bogus",)), min_size=1, max_size=8),
       rows=st.lists(st.lists(st.one_of(st.text(max_size=20), st.sampled_from(["", "strike", "2024-05-01", "day",
                                                                               "Kursk Oblast", "36.2", "1e400",
                                                                               "reported", "A|B", "nan"])),
                              max_size=9), max_size=4))
def test_fuzz_curated_csv(workdir, header, rows):
    p = workdir / "c.csv"
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(header)
    w.writerows(rows)
    p.write_text(buf.getvalue(), encoding="utf-8")
    only_geomap_errors(_validate, p)


@FUZZ
@given(meta=st.dictionaries(st.sampled_from(["published", "url", "outlet", "title", "language", "x"]), yaml_values,
                            max_size=4),
       raw=st.binary(max_size=64), body=st.text(max_size=200))
def test_fuzz_documents(workdir, meta, raw, body):
    from geomap.documents import open_document

    p = workdir / "d.md"
    p.write_bytes(b"---\n" + yaml.safe_dump(meta).encode() + b"---\n" + body.encode("utf-8", "surrogatepass") + raw)
    doc = only_geomap_errors(open_document, p, published="2024-05")
    if doc is not None:
        only_geomap_errors(lambda: list(doc.blocks()))


ACLED_COLUMNS = ("event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type", "latitude",
                 "longitude", "geo_precision", "country", "admin1", "admin2", "location", "actor1",
                 "assoc_actor_1", "source", "notes", "fatalities")
acled_cells = st.one_of(st.text(max_size=20), st.sampled_from(
    ["", "1", "2", "3", "9-May-20", "09 May 2020", "2020-05-09", "05/09/2020", "30-Feb-20", "Battles",
     "Armed clash", "Explosions/Remote violence", "Air/drone strike", "Strategic developments", "Other",
     "51.7", "36.2", "-91", "1e300", str(2 ** 64), "Russia", "Ukraine", "Iran", "Kursk", "Sumy", "T1"]))


@FUZZ
@given(drop=st.sets(st.sampled_from(ACLED_COLUMNS), max_size=3),
       rows=st.lists(st.lists(acled_cells, min_size=17, max_size=18), max_size=5),
       region=st.sampled_from(["all", "kursk-sumy"]))
def test_fuzz_acled_csv(workdir, drop, rows, region):
    from geomap.io.acled import import_acled

    p = workdir / "a.csv"
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow([c for c in ACLED_COLUMNS if c not in drop])
    for r in rows:
        w.writerow([v for c, v in zip(ACLED_COLUMNS, r) if c not in drop])
    p.write_text(buf.getvalue(), encoding="utf-8")
    only_geomap_errors(import_acled, p, region=region)


def _feature():
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [36.2, 51.7]}, "properties": dict(VALID)}


@FUZZ
@given(changes=st.dictionaries(st.sampled_from(FIELDS), json_values, max_size=4),
       top=st.dictionaries(st.sampled_from(["id", "geometry", "properties", "type", "crs"]), json_values, max_size=2),
       shape=st.sampled_from(["collection", "sequence", "lines", "feature"]))
def test_fuzz_geojson_and_sequences(workdir, changes, top, shape):
    from geomap.io.geojson import RS, import_geojson

    f = _feature()
    f["properties"].update(changes)
    f.update(top)
    feats = [f, _feature()]
    try:
        docs = [orjson.dumps(x) for x in feats]
    except (TypeError, orjson.JSONEncodeError):  # an integer orjson cannot write
        return
    data = {"collection": b'{"type":"FeatureCollection","features":[' + b",".join(docs) + b"]}",
            "sequence": b"".join(RS + d + b"\n" for d in docs), "lines": b"\n".join(docs),
            "feature": docs[0]}[shape]
    p = workdir / "g.geojson"
    p.write_bytes(data)
    only_geomap_errors(import_geojson, p)


@FUZZ
@given(data=st.binary(max_size=400))
def test_fuzz_geojson_bytes(workdir, data):
    from geomap.io.geojson import import_geojson

    p = workdir / "b.geojson"
    p.write_bytes(data)
    only_geomap_errors(import_geojson, p)


@settings(FUZZ, max_examples=15)
@given(values=st.dictionaries(st.sampled_from(("id", "event_type", "date_start", "date_end", "time_precision",
                                               "geo_precision", "admin1", "summary", "claim_status", "sources",
                                               "actors", "extra", "extraction", "fatalities")),
                              st.one_of(st.text(max_size=20), st.sampled_from(
                                  ["[", "{}", "[1]", '{"a": [[[[1]]]]}', '[{"outlet": 5}]', "garbage", "many"])),
                              max_size=5))
def test_fuzz_geopackage(workdir, values):
    """A GeoPackage whose columns hold any text (as another tool may write them)."""
    import numpy as np
    import pyarrow as pa
    from pyogrio.raw import write_arrow

    from geomap.io.gpkg import import_gpkg
    from geomap.io.gpkg import _wkb_points

    cols = {k: pa.array([v], pa.string()) for k, v in {**{k: str(v) for k, v in VALID.items()
                                                           if not isinstance(v, list)}, **values}.items()}
    cols["geometry"] = _wkb_points(np.array([36.2]), np.array([51.7]))
    p = workdir / "f.gpkg"
    p.unlink(missing_ok=True)
    write_arrow(pa.table(cols), str(p), layer="strike", driver="GPKG", geometry_name="geometry",
                geometry_type="Point", crs="EPSG:4326")
    only_geomap_errors(import_gpkg, p)


@FUZZ
@given(data=st.binary(max_size=300))
def test_fuzz_geopackage_bytes(workdir, data):
    from geomap.io.gpkg import import_gpkg

    p = workdir / "b.gpkg"
    p.write_bytes(b"SQLite format 3\x00" + data)
    only_geomap_errors(import_gpkg, p)


DUMP = (DATA / "geonames_dump.txt").read_text(encoding="utf-8").splitlines()
dump_cells = st.one_of(st.text(max_size=12).map(lambda s: s.replace("\t", " ").replace("\n", " ")),
                       st.sampled_from(["", "P", "PPL", "RU", "UA", "41", "21", "00", "51.7", "36.2", "-", "1e400",
                                        "9" * 40, "nan"]))


@FUZZ
@given(edits=st.lists(st.tuples(st.integers(0, len(DUMP) - 1), st.integers(0, 20), dump_cells), max_size=6),
       zipped=st.booleans(), skip=st.booleans())
def test_fuzz_geonames_dump(workdir, edits, zipped, skip):
    from geomap.gazetteer_import import import_file

    lines = [line.split("\t") for line in DUMP]
    for row, col, value in edits:
        if col < len(lines[row]):
            lines[row][col] = value
        else:
            lines[row].append(value)
    text = "\n".join("\t".join(c) for c in lines) + "\n"
    p = workdir / ("RU.zip" if zipped else "RU.txt")
    if zipped:
        with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("RU.txt", text)
    else:
        p.write_text(text, encoding="utf-8")
    only_geomap_errors(import_file, p, skip_bad_lines=skip, store=workdir / "places.json")


@FUZZ
@given(data=st.binary(max_size=300), cut=st.integers(0, 400))
def test_fuzz_geonames_zip_bytes(workdir, data, cut):
    """A real zip cut short or with bytes overwritten, and bytes that only start like a zip."""
    from geomap.gazetteer_import import import_file

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("RU.txt", "\n".join(DUMP[:5]) + "\n")
    raw = buf.getvalue()
    raw = raw[:cut] + data[: max(0, len(raw) - cut - 30)] + raw[cut + len(data):] if cut < len(raw) else b"PK" + data
    p = workdir / "Z.zip"
    p.write_bytes(raw)
    only_geomap_errors(import_file, p, store=workdir / "places.json")


@FUZZ
@given(header=st.lists(st.sampled_from(["name", "lat", "lon", "admin1", "aliases", "source", "Name", "x"]),
                       min_size=1, max_size=7),
       rows=st.lists(st.lists(st.one_of(st.text(max_size=15), st.sampled_from(
           ["Testove", "51.7", "36.2", "Kursk Oblast", "Sumy Oblast", "nan", "inf", "91", ""])), max_size=7),
           max_size=4), allow=st.booleans())
def test_fuzz_gazetteer_csv(workdir, header, rows, allow):
    from geomap.gazetteer_import import import_file

    p = workdir / "places.csv"
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(header)
    w.writerows(rows)
    p.write_text(buf.getvalue(), encoding="utf-8")
    only_geomap_errors(import_file, p, allow_outside_region=allow, skip_bad_lines=True,
                       store=workdir / "places.json")


@FUZZ
@given(changes=st.dictionaries(st.sampled_from(FIELDS), json_values, max_size=4),
       top=st.dictionaries(st.sampled_from(["id", "geometry", "properties", "type"]), json_values, max_size=2),
       name=st.sampled_from(["strike.geojson", "other.geojson", "x.geojson"]))
def test_fuzz_layer_files(workdir, changes, top, name):
    """A layer directory as someone edited it: validate, and the readers map/report/export use."""
    import shutil

    from geomap.layers import read_layers

    f = _feature()
    f["properties"].update(changes)
    f.update(top)
    try:
        data = orjson.dumps({"type": "FeatureCollection", "features": [f, _feature()]})
    except (TypeError, orjson.JSONEncodeError):
        return
    d = workdir / "layers"
    shutil.rmtree(d, ignore_errors=True)
    d.mkdir()
    (d / name).write_bytes(data)
    only_geomap_errors(_validate, d)
    only_geomap_errors(read_layers, d)


PARQUET_COLUMNS = ("id", "event_type", "date_start", "date_end", "fatalities", "actors", "sources", "extra", "geometry")


@settings(FUZZ, max_examples=20)
@given(values=st.dictionaries(st.sampled_from(PARQUET_COLUMNS),
                              st.one_of(st.none(), st.text(max_size=20), st.integers(-5, 2 ** 40), st.sampled_from(
                                  ["[", "{}", "[1]", '{"a": 1}', '[{"outlet": 5}]', "2024-02-30", "2024-05-01"])),
                              max_size=3),
       drop=st.sets(st.sampled_from(PARQUET_COLUMNS), max_size=2))
def test_fuzz_geoparquet(workdir, values, drop):
    """A GeoParquet file another tool rewrote: columns retyped to text or numbers, or missing."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from geomap.io.parquet import import_geoparquet, write_geoparquet
    from geomap.schema import make_feature

    p = workdir / "e.parquet"
    write_geoparquet(p, [make_feature(dict(VALID, id="gm-000000000001"), 36.2, 51.7)])
    table = pq.read_table(p)
    for k, v in values.items():
        if k in table.column_names:
            typ = pa.string() if isinstance(v, str) or v is None else pa.int64()
            table = table.set_column(table.column_names.index(k), k, pa.array([v], typ))
    table = table.drop_columns([c for c in drop if c in table.column_names])
    pq.write_table(table, p)
    only_geomap_errors(import_geoparquet, p)


@FUZZ
@given(data=st.binary(max_size=300))
def test_fuzz_geoparquet_bytes(workdir, data):
    from geomap.io.parquet import import_geoparquet

    p = workdir / "b.parquet"
    p.write_bytes(b"PAR1" + data + b"PAR1")
    only_geomap_errors(import_geoparquet, p)


def test_memory_cap_bites():
    """The cap the fuzz tests run under is real: 2 GB more is refused, and lifted afterwards."""
    with pytest.raises(MemoryError):
        with memory_cap():
            bytearray(2 << 30)
    assert len(bytearray(64 << 20)) == 64 << 20
