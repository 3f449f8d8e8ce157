"""Hostile and malformed input (issue 14): each case is a one-line error naming the file and row.

Never a traceback, never a hang, never a machine run out of memory; what
validation accepts, build can use.
"""
from __future__ import annotations

import csv
import io
import os
import resource
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner

from geomap.cli.main import cli
from geomap.errors import GeomapError, InputError
from geomap.io.acled import import_acled, parse_acled_date
from geomap.io.curated import read_curated
from geomap.io.geojson import import_geojson
from geomap.io.limits import TEXT_LIMITS

DATA = Path(__file__).resolve().parent / "data"
RECORD = """- event_type: strike
  sub_type: shelling
  date_start: 2024-05-01
  date_end: 2024-05-01
  time_precision: day
  admin1: Kursk Oblast
  summary: Test shelling.
  claim_status: reported
  sources:
    - outlet: Test Outlet
      published: 2024-05
"""
BOMB = ('  bomb:\n    a: &a ["x","x","x","x","x","x","x","x","x"]\n'
        + "".join(f'    {chr(98 + i)}: &{chr(98 + i)} [' + ",".join([f"*{chr(97 + i)}"] * 9) + "]\n"
                  for i in range(8)))


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def assert_refused(result, *words, code=1):
    """Exit ``code``, no traceback, the message names what is wrong."""
    assert result.exit_code == code, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    for w in words:
        assert w in result.output, result.output


def curated(tmp_path, text, name="events.yaml"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


@pytest.mark.parametrize("extra, words", [
    ("  lon: abc\n  lat: 51.5\n", ["lon", "not a number"]),
    ("  lon: [1, 2]\n  lat: 51.5\n", ["lon", "not a number"]),
    ("  lon: 1.0e+400\n  lat: 51.5\n", ["lon", "not a finite number"]),
    ("  lon: 1e400\n  lat: 51.5\n", ["lon", "not a finite number"]),
    ("  lon: '36.2x'\n  lat: 51.5\n", ["lon", "not a number"]),
    ("  1: x\n", ["field name 1 is not text", "line 1"]),
    ("  null: x\n", ["field name None is not text"]),
    ("  id: [a, b]\n", ["id: must be text"]),
    ("  _secret: x\n", ["'_secret' starts with '_'"]),
    ("  extra: {1: a}\n", ["extra: has a key 1 that is not text"]),
    ("  place_mention: {a: 1}\n", ["place_mention: must be text"]),
    ("  place: [x]\n", ["place ['x'] must be text"]),
    ("  fatalities: " + "9" * 30 + "\n", ["fatalities", "over the limit"]),
    ("  extra:\n    deep: " + "[" * 20000 + "]" * 20000 + "\n", ["nested more than 64 levels"]),
    ("  extra:\n    deep: " + "{a: " * 40 + "1" + "}" * 40 + "\n", ["extra: nested more than 16 levels"]),
    (BOMB, ["aliases expand to more than"]),
    ("  place_mention: &s [a]\n  place: *s\n", ["must be text"]),
    ("  summary: again\n", ["duplicate key 'summary'"]),
    ('  place_mention: "\\ud800"\n  extra: {"\\udfff": 1}\n', ["place_mention: is not valid Unicode",
                                                            "extra: has a key that is not valid Unicode"]),
    ('  lon: 36.2\n  lat: 51.7\n  place: "\\ud800"\n', ["place: is not valid Unicode"]),
])
def test_curated_yaml_values_are_one_line_errors(tmp_path, extra, words):
    p = curated(tmp_path, RECORD + extra)
    assert_refused(run("validate", p), str(p), *words)


@pytest.mark.parametrize("sources, words", [
    ("sources: 5", ["sources: event has no source"]),
    ("sources:\n    - {outlet: A, 5: b}", ["sources[0]: has a key 5 that is not text"]),
    ("sources:\n    - {outlet: [A]}", ["sources[0].outlet: must be text"]),
    ("sources:\n    - {outlet: A, quote: " + "q" * 6000 + "}", ["sources[0].quote: is 6,000 characters long"]),
])
def test_curated_sources_are_checked(tmp_path, sources, words):
    text = RECORD.split("  sources:")[0] + "  " + sources + "\n"
    p = curated(tmp_path, text)
    assert_refused(run("validate", p), *words)


def test_two_million_character_summary_is_refused(tmp_path):
    p = curated(tmp_path, RECORD.replace("Test shelling.", "x" * 2_000_000))
    assert_refused(run("validate", p), "summary: is 2,000,000 characters long; the limit is 10,000")


def test_summary_at_the_limit_validates_and_builds(tmp_path):
    """Validation accepts exactly what build can use: a record at every limit builds."""
    root = tmp_path / "proj"
    (root / "data" / "events").mkdir(parents=True)
    at_limit = RECORD.replace("Test shelling.", "y" * TEXT_LIMITS["summary"]) \
        + "  extra:\n    note: " + "{a: " * 15 + "1" + "}" * 15 + "\n"
    p = curated(root / "data" / "events", at_limit)
    assert run("validate", p).exit_code == 0
    from geomap.build import build

    build(root, tmp_path / "out", render_map=False, report=False)
    layer = orjson.loads((tmp_path / "out" / "layers" / "strike.geojson").read_bytes())
    assert len(layer["features"][0]["properties"]["summary"]) == TEXT_LIMITS["summary"]


def test_curated_csv_field_and_columns(tmp_path):
    header = "event_type,date_start,date_end,time_precision,admin1,summary,claim_status,source_outlet\n"
    big = curated(tmp_path, header + "strike,2024-05-01,2024-05-01,day,Kursk Oblast,\"" + "x" * 200_000
                  + "\",reported,A\n", "big.csv")
    assert_refused(run("validate", big), "big.csv, line 2", "a cell may hold at most 131,072 characters")
    dup = curated(tmp_path, header.replace("summary", "event_type"), "dup.csv")
    assert_refused(run("validate", dup), "dup.csv, line 1", "'event_type' appear more than once")


@pytest.mark.parametrize("front, words", [
    ("published: 2024-02-30\n", ["unparseable published date '2024-02-30'"]),
    ("published: 2024-02-03\nx: " + "[" * 5000 + "]" * 5000 + "\n", ["nested more than 64 levels"]),
    ("published: 2024-02-03\n" + BOMB.replace("  bomb:\n    ", "").replace("\n    ", "\n"),
     ["aliases expand to more than"]),
    ("published: 2024-02-03\npublished: 2024-02-04\n", ["duplicate key 'published'"]),
    ("published: 2024-02-03\nurl: {a: 1}\n", ["url must be text"]),
])
def test_front_matter_is_bounded(tmp_path, front, words):
    doc = tmp_path / "doc.md"
    doc.write_text("---\n" + front + "---\nRussian forces shelled Sudzha on Monday.\n", encoding="utf-8")
    result = run("extract", doc)
    assert_refused(result, "doc.md", *words)


@pytest.mark.parametrize("kind", ["fifo", "devzero", "dir"])
def test_only_regular_files_are_read(tmp_path, kind):
    p = tmp_path / "x.geojson"
    if kind == "fifo":
        os.mkfifo(p)
    elif kind == "devzero":
        p.symlink_to("/dev/zero")
    else:
        p.mkdir()
    for args in (("validate", p), ("import", "geojson", p, "--into", tmp_path / "store")):
        result = run(*args)
        assert result.exit_code != 0
        assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)
        assert "x.geojson" in result.output
    with pytest.raises(InputError):
        import_acled(p, region="all")


def _feature(props=None, **top):
    base = {"event_type": "strike", "date_start": "2024-05-01", "date_end": "2024-05-01", "time_precision": "day",
            "geo_precision": "admin1", "admin1": "Kursk Oblast", "claim_status": "reported",
            "sources": [{"outlet": "A"}]}
    f = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [36.2, 51.7]},
         "properties": base if props is None else props}
    f.update(top)
    return f


@pytest.mark.parametrize("feature, why", [
    (_feature(props=[1, 2]), "properties is a list"),
    (_feature(props={**_feature()["properties"], "id": ["a"]}), "id: must be text"),
    (_feature(id=["a"]), "id ['a'] is not text or a number"),
    (_feature(props={**_feature()["properties"], "summary": {"a": 1}}), "summary: must be text"),
    (_feature(props={**_feature()["properties"], "extra": {"d": "DEEP"}}), "extra: nested more than 16 levels"),
    (_feature(geometry=[1, 2]), "geometry is list"),
])
def test_geojson_features_skipped_with_reason(tmp_path, feature, why):
    p = tmp_path / "in.geojson"
    # (orjson writes at most 254 levels; the 500-deep value is spliced in as text)
    p.write_bytes(orjson.dumps({"type": "FeatureCollection", "features": [feature, _feature()]})
                  .replace(b'"DEEP"', b"[" * 500 + b"]" * 500))
    r = import_geojson(p)
    assert len(r.features) == 1
    assert len(r.skipped) == 1 and why in r.skipped[0].reason, r.skipped
    store = tmp_path / "store"
    result = run("import", "geojson", p, "--into", store)
    assert_refused(result, "feature 0")


def _zip_with(data: bytes, method=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=method) as zf:
        zf.writestr("RU.txt", data)
    return buf.getvalue()


def _patch_zip(raw: bytes, flag: int | None = None, method: int | None = None) -> bytes:
    """Set the general-purpose flag or the compression method in the local and central headers."""
    b = bytearray(raw)
    for sig, off_flag in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        i = b.find(sig)
        if flag is not None:
            b[i + off_flag:i + off_flag + 2] = struct.pack("<H", flag)
        if method is not None:
            b[i + off_flag + 2:i + off_flag + 4] = struct.pack("<H", method)
    return bytes(b)


DUMP_LINE = (DATA / "geonames_dump.txt").read_bytes().splitlines(keepends=True)[0]


@pytest.mark.parametrize("make, words", [
    (lambda: _zip_with(b"\0" * (30 << 20)), ["inflates to", "not a GeoNames dump"]),
    (lambda: _zip_with(b"\n" * (30 << 20)), ["inflates to"]),
    (lambda: _patch_zip(_zip_with(DUMP_LINE * 50), flag=1), ["is encrypted"]),
    (lambda: _patch_zip(_zip_with(DUMP_LINE * 50), method=99), ["compression method 99"]),
    (lambda: (lambda z: z.replace(DUMP_LINE[:40], bytes(40 - 1) + b"X"))(_zip_with(DUMP_LINE * 3, zipfile.ZIP_STORED)),
     ["corrupt zip", "CRC"]),
    (lambda: (lambda z: z[:60] + bytes(len(z[60:-120])) + z[-120:])(_zip_with(os.urandom(4000) * 3)),
     ["corrupt zip"]),
    (lambda: b"\t".join(c if i != 17 else b"x" * (2 << 20) for i, c in enumerate(DUMP_LINE.split(b"\t"))),
     ["line 1", "over 1,048,576 bytes"]),
    (lambda: b"9" * 5000 + DUMP_LINE[DUMP_LINE.index(b"\t"):], ["line 1", "geonameid", "at most 18 digits"]),
    (lambda: b"\t".join(c if i != 14 else b"9" * 5000 for i, c in enumerate(DUMP_LINE.split(b"\t"))),
     ["line 1", "population"]),
])
def test_gazetteer_import_bounds(tmp_path, make, words):
    p = tmp_path / ("RU.zip" if make().startswith(b"PK") else "RU.txt")
    p.write_bytes(make())
    assert_refused(run("gazetteer", "import", p), "RU.", *words)


def test_gazetteer_csv_field_limit(tmp_path):
    p = tmp_path / "places.csv"
    p.write_text("name,lat,lon\n\"" + "x" * 200_000 + "\",51.7,36.2\n", encoding="utf-8")
    assert_refused(run("gazetteer", "import", p), "places.csv, line 2", "131,072")


def _acled(tmp_path, rows):
    cols = ["event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type", "latitude", "longitude",
            "geo_precision", "country", "admin1", "fatalities", "notes"]
    p = tmp_path / "acled.csv"
    with open(p, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(cols)
        for r in rows:
            w.writerow(r)
    return p


@pytest.mark.parametrize("fat", ["1e300", str(2 ** 64), "many", "-1", "2.5"])
def test_acled_bad_fatalities_refused_before_anything_is_written(tmp_path, fat):
    good = ["T1", "2024-05-01", "1", "Battles", "Armed clash", "51.7", "36.2", "1", "Russia", "Kursk", "3", "x"]
    bad = ["T2", "2024-05-02", "1", "Battles", "Armed clash", "51.7", "36.2", "1", "Russia", "Kursk", fat, "y"]
    p = _acled(tmp_path, [good, bad])
    r = import_acled(p)
    assert [s.row for s in r.skipped] == [2] and "fatalities" in r.skipped[0].reason
    assert [f["properties"]["fatalities"] for f in r.features] == [3]
    store = tmp_path / "store"
    result = run("import", "acled", p, "--into", store, "--strict")
    assert_refused(result, "row 2", "fatalities")
    assert not any(store.glob("*.geojson")) if store.exists() else True


def test_acled_date_styles_in_one_list():
    expected = "2020-05-09"
    for text in ("2020-05-09", "09 May 2020", "9 May 2020", "9-May-20", "09-May-2020", "9-May-2020",
                 "25/05/2020", "5/25/2020", "09/09/2020"):
        d, why = parse_acled_date(text)
        assert why is None, text
        assert d.isoformat() in (expected, "2020-05-25", "2020-09-09"), text
    assert parse_acled_date("05/09/2020") == (None, "is ambiguous: day/month or month/day (write it as YYYY-MM-DD)")
    assert parse_acled_date("2020-02-30")[0] is None
    assert parse_acled_date("30-Feb-20")[0] is None


def test_acled_pre_2023_layout_reads_whole():
    """ACLED's 31-column layout with spreadsheet-style dates: every row with a real date and coordinates reads."""
    path = DATA / "acled_old_layout.csv"
    header = path.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert len(header) == 31 and header[:4] == ["data_id", "iso", "event_id_cnty", "event_id_no_cnty"]
    r = import_acled(path, region="all")
    assert r.read == 14
    assert len(r.features) == 13
    assert [(s.row, "ambiguous" in s.reason) for s in r.skipped] == [(14, True)]
    tehran = next(f for f in r.features if f["id"] == "acled-IRN1")
    assert tehran["properties"]["date_start"] == "2020-01-03"
    assert tehran["properties"]["admin1"] == "Tehran"  # a point in the country its row names is never "swapped"
    dates = {f["id"]: f["properties"]["date_start"] for f in r.features}
    assert dates["acled-RUS100"] == "2020-05-09"  # written 9-May-20
    assert dates["acled-RUS101"] == "2020-05-26"  # written 26 May 2020
    focus = import_acled(path)
    assert len(focus.features) == 12 and focus.outside_region == 1


def test_csv_exports_neutralise_formulas(tmp_path):
    from geomap.io.acled import write_acled_csv
    from geomap.io.csv import write_csv
    from geomap.schema import make_feature

    props = {**_feature()["properties"], "summary": "=HYPERLINK(\"http://x.test\",\"y\")", "place": "@SUM(1)",
             "origin": "imported", "actors": ["+cmd"], "fatalities": 2}
    feats = [make_feature(props, -3.5, 51.7)]
    for writer, col in ((write_csv, "summary"), (write_acled_csv, "notes")):
        out = tmp_path / f"{writer.__name__}.csv"
        writer(out, feats)
        row = next(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
        assert row[col] == "'=HYPERLINK(\"http://x.test\",\"y\")"
        assert row["longitude"] == "-3.5"  # a number is not a formula
        writer(out, feats, raw=True)
        row = next(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
        assert row[col].startswith("=HYPERLINK")


def test_export_raw_cells_option(tmp_path):
    layers = DATA / "report_layers"
    out = tmp_path / "e.csv"
    assert run("export", layers, "-f", "csv", "-o", out, "--raw-cells").exit_code == 0
    assert_refused(run("export", layers, "-f", "geojson", "-o", tmp_path / "e.geojson", "--raw-cells"),
                   "--raw-cells applies to csv and acled-csv", code=2)


@pytest.mark.parametrize("href", ["javascript:alert(1)", " javascript:alert(1)", "JavaScript:x", "data:text/html,x",
                                  "//evil.test/x", "java\tscript:x", "vbscript:x"])
def test_report_map_href_refuses_scripts(tmp_path, href):
    result = run("report", DATA / "report_layers", "-o", tmp_path / "r", "--format", "html", "--map-href", href)
    assert_refused(result, "--map-href", "only http(s) URLs and relative links", code=2)
    assert not (tmp_path / "r").exists()


def test_report_lists_extractions_unresolved_place():
    from geomap.render import report_data as rd
    from geomap.schema import make_feature

    props = {**_feature()["properties"], "origin": "extracted", "extra": {"unresolved_place": "Mala Loknia"}}
    events = rd.to_events([make_feature(props, 36.2, 51.7)])
    assert rd.unresolved_mentions(events) == [("Mala Loknia", 1)]


_COMMANDS = """
import sys
import orjson
from click.testing import CliRunner
from geomap.cli.main import cli
out = []
for cmd in orjson.loads(sys.argv[1]):
    r = CliRunner().invoke(cli, cmd)
    other = r.exception is not None and not isinstance(r.exception, SystemExit)
    out.append([r.exit_code, r.stderr, repr(r.exception) if other else None])
sys.stdout.write(orjson.dumps(out).decode())
"""


def _limited_commands(commands, tmp_path, mem=1 << 30, seconds=60):
    """Run geomap commands in one subprocess (click's CliRunner, one invocation each) under an address-space
    and CPU limit; its stdout is a JSON list of [exit code, stderr, unexpected exception or null]."""
    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (mem, mem))
        resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds))

    args = orjson.dumps([[str(a) for a in cmd] for cmd in commands]).decode()
    return subprocess.run([sys.executable, "-c", _COMMANDS, args], capture_output=True, text=True,
                          preexec_fn=limit, timeout=seconds * 2, cwd=tmp_path)


def test_bombs_stay_within_a_gigabyte(tmp_path):
    """The 670-byte alias bomb (in an unknown key) and a 30 MB zip of zeros, under a 1 GB limit: errors, exit 1."""
    bomb = RECORD + BOMB.replace('"x"', '"lol"')
    p = curated(tmp_path, bomb)
    assert len(BOMB) < 700
    z = tmp_path / "RU.zip"
    z.write_bytes(_zip_with(b"\0" * (30 << 20)))
    r = _limited_commands([["validate", p], ["gazetteer", "import", z]], tmp_path)
    assert r.returncode == 0, r.stderr
    (code, stderr, exception), (zcode, zstderr, zexception) = orjson.loads(r.stdout)
    assert exception is None and code == 1 and "aliases expand" in stderr and "Traceback" not in stderr, stderr
    assert zexception is None and zcode == 1 and "inflates to" in zstderr and "Traceback" not in zstderr, zstderr


def test_errors_are_geomap_errors():
    assert issubclass(InputError, GeomapError)


def test_gpkg_values_read_as_stored(tmp_path):
    """A DATE of "garbage" is not 1970-01-01 and an INTEGER of "many" is not 0: the row is named and refused."""
    from conftest import require_tool
    from geomap.io.gpkg import import_gpkg, write_gpkg
    from geomap.schema import make_feature

    ogrinfo = require_tool("ogrinfo", "GDAL's gdal-bin")
    props = {**_feature()["properties"], "origin": "imported", "fatalities": 2}
    p = tmp_path / "e.gpkg"
    write_gpkg(p, [make_feature(props, 36.2, 51.7)])

    def edit(sql):  # as QGIS or a script would: GDAL's own tool, SQLite dialect
        subprocess.run([ogrinfo, "-q", str(p), "-dialect", "sqlite", "-sql", sql], check=True, capture_output=True)

    assert len(import_gpkg(p).features) == 1
    cases = [
        ("date_start='garbage', fatalities='many'", ["date_start: 'garbage' is not an ISO 8601 date",
                                                     "fatalities: 'many' is not a whole number"]),
        ("date_start='2024-05-01', fatalities=2, sources='{bad'", ["strike fid 1: sources is not valid JSON"]),
        ("sources='[{\"outlet\": \"A\"}]', extra='{\"a\": " + "[" * 300 + "]" * 300 + "}'",
         ["extra: nested more than 16 levels"]),
    ]
    for sql, words in cases:
        edit(f"UPDATE strike SET {sql}")
        r = import_gpkg(p)
        assert not r.features
        assert len(r.skipped) == 1 and all(w in r.skipped[0].reason for w in words), r.skipped
        assert_refused(run("import", "gpkg", p, "--into", tmp_path / "store"), "feature 0")


def test_report_twice_is_byte_identical_pdf_included(tmp_path, report_pair):
    """Two reports of the same layers (conftest's pair, made with SOURCE_DATE_EPOCH unset): every file the
    same bytes (the second without its PDF, a print of those files: test_two_full_builds prints one report
    twice), the PDF dated from the data (test_report's empty report is the print dated by SOURCE_DATE_EPOCH)."""
    from geomap.layers import read_layers

    feats = read_layers(DATA / "report_layers")
    files = orjson.loads((report_pair / "files.json").read_bytes())
    names = sorted(files["b"])
    assert "report.pdf" in files["a"] and names == sorted(set(files["a"]) - {"report.pdf"})
    for n in names:
        assert (report_pair / "a" / n).read_bytes() == (report_pair / "b" / n).read_bytes(), n
    latest = max(f["properties"]["date_end"] for f in feats if f["properties"]["date_end"])
    pdf = (report_pair / "a" / "report.pdf").read_bytes()
    assert f"/CreationDate (D:{latest.replace('-', '')}000000".encode() in pdf
    _pdf_structure_ids_shift_back(pdf, tmp_path)


def _pdf_structure_ids_shift_back(pdf: bytes, tmp_path: Path) -> None:
    """Under load Chromium numbered every tagged-PDF structure element one higher ("(node00000026)" for
    "(node00000025)": DOM node ids from a counter). The same print with its ids shifted so comes out of
    stamp_pdf as the same bytes, and a PDF reader still finds every element by its id."""
    import datetime as dt
    import io
    import re

    from pypdf import PdfReader

    from geomap.render.pdf import stamp_pdf

    ids = re.findall(rb"\(node(\d{8})\)", pdf)
    assert len(set(ids)) > 10, "the report is a tagged PDF whose structure elements have ids"
    shifted = re.sub(rb"\(node(\d{8})\)", lambda m: b"(node%08d)" % (int(m.group(1)) + 7), pdf)
    assert shifted != pdf and len(shifted) == len(pdf)
    (tmp_path / "x.pdf").write_bytes(pdf)
    (tmp_path / "y.pdf").write_bytes(shifted)
    when = dt.datetime(2024, 6, 1)
    stamp_pdf(tmp_path / "x.pdf", when)
    stamp_pdf(tmp_path / "y.pdf", when)
    out = (tmp_path / "x.pdf").read_bytes()
    assert out == (tmp_path / "y.pdf").read_bytes()
    reader = PdfReader(io.BytesIO(out), strict=True)
    tree = reader.trailer["/Root"]["/StructTreeRoot"]["/IDTree"].get_object()
    names = {}
    stack = [tree]
    while stack:
        node = stack.pop()
        stack.extend(k.get_object() for k in node.get("/Kids", []))
        pairs = node.get("/Names", [])
        names.update({pairs[i]: pairs[i + 1].get_object() for i in range(0, len(pairs), 2)})
    assert len(names) == len(set(ids)) and all(elem["/ID"] == key for key, elem in names.items())
    assert sorted(names) == [f"node{k:08d}" for k in range(1, len(names) + 1)]


def test_acled_duplicate_column_is_an_error(tmp_path):
    p = tmp_path / "dup.csv"
    p.write_text("event_id_cnty,event_date,time_precision,event_type,sub_event_type,latitude,longitude,"
                 "geo_precision,notes,notes\nT1,2024-05-01,1,Battles,Armed clash,51.7,36.2,1,a,b\n", encoding="utf-8")
    assert_refused(run("import", "acled", p, "--into", tmp_path / "s"), "dup.csv, line 1", "'notes' appear more than once")


def test_pdf_event_table_is_capped(tmp_path, monkeypatch):
    """The PDF's event table stops at PDF_MAX_EVENT_ROWS (Chromium's memory grows with pages); the HTML has all."""
    from conftest import require_tool
    from geomap.layers import read_layers
    from geomap.render import report as report_mod

    require_tool("chromium", "Debian's chromium")
    pdftotext = require_tool("pdftotext", "Debian's poppler-utils")
    feats = read_layers(DATA / "report_layers")
    monkeypatch.setattr(report_mod, "PDF_MAX_EVENT_ROWS", 2)
    # strikes alone: more events than the cap, and three figures to draw instead of seven
    r = report_mod.build_report(feats, tmp_path / "r", formats="html,pdf", types=("strike",))
    assert r.total > 2
    text = subprocess.run([pdftotext, str(r.pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert f"first 2 of {r.total} events" in " ".join(text.split())
    html = (tmp_path / "r" / "index.html").read_text(encoding="utf-8")
    assert "This PDF lists" not in html and html.count('<tr data-type="') == r.total
    assert sorted(p.name for p in (tmp_path / "r").iterdir()) == ["index.html", "report.pdf"]


def test_quoted_numbers_are_coordinates(tmp_path):
    p = curated(tmp_path, RECORD + "  lon: '36.2'\n  lat: \"51.7\"\n  geo_precision: settlement\n")
    assert run("validate", p).exit_code == 0


def test_cli_imports_the_old_acled_layout_whole(tmp_path):
    store = tmp_path / "store"
    result = run("import", "acled", DATA / "acled_old_layout.csv", "--region", "all", "--into", store)
    assert_refused(result, "row 14", "ambiguous")  # the one ambiguous date, named; the rest imported
    from geomap.layers import read_layers

    ids = {f["properties"]["id"] for f in read_layers(store)}
    assert len(ids) == 13 and "acled-IRN1" in ids


def test_two_full_builds_are_byte_identical_pdf_included(seed_full_builds):
    """`geomap build` twice from the same inputs (conftest's pair): layers, map, report HTML, PNGs and PDF all the
    same bytes."""
    tmp_path = seed_full_builds

    def published(out: Path) -> list[Path]:  # what a user opens: out/layers, out/map.html, out/report
        found = []
        for top in ("layers", "map.html", "report"):
            p = out / top
            found += [Path(top) / q.relative_to(p) for q in p.rglob("*") if q.is_file()] if p.is_dir() else [Path(top)]
        return sorted(found)

    files_a, files_b = published(tmp_path / "a"), published(tmp_path / "b")
    assert files_a == files_b and Path("report/report.pdf") in files_a and Path("map.html") in files_a
    for rel in files_a:
        data = (tmp_path / "a" / rel).read_bytes()
        assert data == (tmp_path / "b" / rel).read_bytes(), rel
        assert str(tmp_path).encode() not in data, f"{rel} holds this machine's path"


@pytest.mark.parametrize("kind", ["fifo", "devzero"])
def test_layer_readers_refuse_fifos_and_devices(tmp_path, kind):
    """Every command that reads a layer directory (or the import store) names a FIFO or a link to /dev/zero.

    The commands run one after another in one subprocess under a 1 GB memory limit (each a fresh click
    invocation, its exit code and stderr its own); a hang would end at the subprocess timeout and fail the test
    (a guard, not a timing assertion). One process, not one per command: eight Pythons each importing geomap
    took ~3 CPU-s a kind.
    """
    layers = tmp_path / "layers"
    assert run("import", "geojson", _one_layer(tmp_path), "--into", layers).exit_code == 0
    bad = layers / "x.geojson"
    os.mkfifo(bad) if kind == "fifo" else bad.symlink_to("/dev/zero")
    root = tmp_path / "root"
    (root / "data" / "events").mkdir(parents=True)
    (root / "data" / "events" / "e.yaml").write_text(RECORD, encoding="utf-8")
    (root / "data" / "imported").symlink_to(layers)
    commands = [["validate", layers], ["validate", bad], ["layers", layers], ["map", layers, "-o", tmp_path / "m.html"],
                ["report", layers, "-o", tmp_path / "r", "--format", "html"],
                ["export", layers, "-f", "csv", "-o", tmp_path / "e.csv"],
                ["import", "geojson", _one_layer(tmp_path), "--into", layers],
                ["build", "--root", root, "--out", tmp_path / "out"]]
    r = _limited_commands(commands, tmp_path, seconds=120)
    assert r.returncode == 0, r.stderr
    results = orjson.loads(r.stdout)
    assert len(results) == len(commands)
    for cmd, (code, stderr, exception) in zip(commands, results):
        assert exception is None, (cmd, exception, stderr)  # an exception other than the CLI's exit
        assert code == 1, (cmd, stderr)
        assert "x.geojson" in stderr and "not a regular file" in stderr, (cmd, stderr)
        assert "Traceback" not in stderr, (cmd, stderr)
    assert not (tmp_path / "m.html").exists() and not (tmp_path / "e.csv").exists()


def _one_layer(tmp_path) -> Path:
    p = tmp_path / "one.geojson"
    if not p.exists():
        p.write_bytes(orjson.dumps({"type": "FeatureCollection", "features": [_feature()]}))
    return p


@pytest.mark.parametrize("name, make, skip", [
    ("RU.txt", lambda n: DUMP_LINE + b"\n" * (n + 1) + DUMP_LINE, False),  # blank lines (2 GB of them, scaled)
    ("RU.txt", lambda n: DUMP_LINE + b"# comment\r\n" * (n + 1), False),
    ("RU.txt", lambda n: DUMP_LINE + b"no\ttabs\n" * (n + 1), True),  # junk, with --skip-bad-lines
    ("places.csv", lambda n: b"name,lat,lon\n" + b"\n" * (n + 1) + b"Sudzha,51.19,35.27\n", False),
    ("places.csv", lambda n: b"\r\n" * (n + 1) + b"name,lat,lon\n", False),
    ("places.csv", lambda n: b"name,lat,lon\n" + b",,\n" * (n + 1), True),
])
def test_gazetteer_import_refuses_files_without_rows(tmp_path, monkeypatch, name, make, skip):
    """Lines holding no record, in a row, are bounded by MAX_LINES_WITHOUT_ROW (set small here): one error, fast."""
    from geomap.io import limits

    monkeypatch.setattr(limits, "MAX_LINES_WITHOUT_ROW", 500)
    monkeypatch.setenv("GEOMAP_DATA_DIR", str(tmp_path / "data"))
    p = tmp_path / name
    p.write_bytes(make(500))
    result = run("gazetteer", "import", p, *(["--skip-bad-lines"] if skip else []))
    assert_refused(result, name, "500 lines in a row hold no record", "nothing was imported")
    assert not (tmp_path / "data" / "gazetteer" / "places.json").exists()


def test_gazetteer_import_accepts_rows_within_the_bound(tmp_path, monkeypatch):
    """Exactly MAX_LINES_WITHOUT_ROW lines without a record between two rows still import; skipped lines are counted."""
    from geomap.io import limits

    monkeypatch.setattr(limits, "MAX_LINES_WITHOUT_ROW", 500)
    monkeypatch.setattr(limits, "MAX_REPORTED_LINES", 3)
    monkeypatch.setenv("GEOMAP_DATA_DIR", str(tmp_path / "data"))
    p = tmp_path / "RU.txt"
    p.write_bytes(DUMP_LINE + b"\n" * 490 + b"bad\n" * 10 + DUMP_LINE)
    result = run("gazetteer", "import", p, "--skip-bad-lines")
    assert result.exit_code == 0, result.output
    assert "10 bad line(s) skipped" in result.output and "7 more bad line(s) not listed" in result.output


def test_acled_layouts_before_2019_read_whole(tmp_path):
    """ACLED's older files: upper-case column names (the Asia files), no sub_event_type (before 2019),
    the battle's outcome in event_type, dates like 01-January-2015, notes over several lines, an
    unnamed index column a dataframe wrote. Every row with coordinates imports."""
    upper = tmp_path / "asia.csv"
    upper.write_text(
        "GWNO,EVENT_ID_CNTY,EVENT_ID_NO_CNTY,EVENT_DATE,YEAR,TIME_PRECISION,EVENT_TYPE,ACTOR1,ALLY_ACTOR_1,INTER1,"
        "ACTOR2,ALLY_ACTOR_2,INTER2,INTERACTION,COUNTRY,ADMIN1,ADMIN2,ADMIN3,LOCATION,LATITUDE,LONGITUDE,"
        "GEO_PRECISION,SOURCE,NOTES,FATALITIES\n"
        '999,1TST,1,03-February-2016,2016,1,Battle-No change of territory,Group A,,4,Group B,,4,44,Testland,'
        'North,,Alpha,Alpha,25.06,91.40,1,Test Wire,"Two groups clashed.\nPolice came later.",0\n'
        "999,2TST,2,04-February-2016,2016,2,Riots/Protests,Protesters,,6,,,0,60,Testland,South,,,Beta,"
        "22.33,90.33,2,Test Wire,A march.,\n"
        "999,3TST,3,05-February-2016,2016,1,Remote violence,Group A,,3,,,0,30,Testland,South,,,Gamma,"
        "23.73,90.41,1,Test Wire,Two blasts.,2\n", encoding="utf-8")
    r = import_acled(upper, region="all")
    assert r.read == 3 and not r.skipped, r.skipped
    got = {f["id"]: f["properties"] for f in r.features}
    assert (got["acled-1TST"]["event_type"], got["acled-1TST"]["sub_type"]) == ("ground_assault", "armed_clash")
    assert got["acled-1TST"]["date_start"] == "2016-02-03" and "Police came later." in got["acled-1TST"]["summary"]
    assert got["acled-2TST"]["event_type"] == "other" and got["acled-2TST"]["fatalities"] is None
    assert got["acled-3TST"]["event_type"] == "strike" and got["acled-3TST"]["fatalities"] == 2
    indexed = tmp_path / "api.csv"
    indexed.write_text(
        ",actor1,actor2,admin1,country,data_id,event_date,event_id_cnty,event_type,fatalities,geo_precision,"
        "latitude,location,longitude,notes,source,time_precision,year\n"
        "0,Group C,,East,Testland,11,2016-07-02,9TST,Battle-Government regains territory,3,1,31.2,Delta,16.5,"
        "Retaken.,Test Wire,1,2016\n"
        "1,Group C,,East,Testland,12,2016-07-02,10TST,Headquarters or base established,0,2,31.3,Epsilon,16.6,"
        "A base.,Test Wire,1,2016\n", encoding="utf-8")
    result = run("import", "acled", indexed, "--region", "all", "--into", tmp_path / "store")
    assert result.exit_code == 0, result.output
    assert "2 read, 2 imported, 0 skipped" in result.output
    r = import_acled(indexed, region="all")
    assert [(f["properties"]["event_type"], f["properties"]["sub_type"]) for f in r.features] == \
        [("ground_assault", "counteroffensive"), ("deployment", "presence")]


def test_acled_column_named_twice_in_two_cases_is_an_error(tmp_path):
    p = tmp_path / "dup.csv"
    p.write_text("event_id_cnty,event_date,time_precision,event_type,latitude,longitude,geo_precision,NOTES,notes\n"
                 "T1,2024-05-01,1,Battles,51.7,36.2,1,a,b\n", encoding="utf-8")
    assert_refused(run("import", "acled", p, "--into", tmp_path / "s"), "'notes'", "more than once")


def test_geoparquet_rewritten_by_another_tool(tmp_path):
    """A GeoParquet file whose dates became text, whose points were dropped, or whose sources hold bad JSON."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from geomap.io.parquet import write_geoparquet
    from geomap.schema import make_feature

    p = tmp_path / "e.parquet"
    write_geoparquet(p, [make_feature(dict(_feature()["properties"], id="gm-000000000001", summary="x."), 36.2, 51.7)])
    table = pq.read_table(p)
    cases = [
        (table.set_column(table.column_names.index("date_start"), "date_start", pa.array(["2024-05-01"])),
         ["column 'date_start' is string, not date32"]),
        (table.drop_columns(["geometry"]), ["no geometry column"]),
    ]
    for bad, words in cases:
        pq.write_table(bad, p)
        assert_refused(run("import", "geoparquet", p, "--into", tmp_path / "s"), "e.parquet", *words)
    pq.write_table(table.set_column(table.column_names.index("sources"), "sources", pa.array(["[{"])), p)
    assert_refused(run("import", "geoparquet", p, "--into", tmp_path / "s"), "feature 0", "sources: not JSON")
