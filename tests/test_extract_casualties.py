"""Tolls as reports give them (issue 16): the dead become `fatalities`, the wounded go in `extra`.

Reports name one victim by age ("a 58-year-old man", "58-летний мужчина") without a count, count in
words ("двоє", "трое"), and give the toll in the sentence after the strike. An age is never a count.
The documents are in the project's own words.
"""
from __future__ import annotations

import pytest

from geomap.extraction import extract


def _doc(body: str, language: str) -> str:
    return (f"---\nurl: https://example.org/r\noutlet: Example\npublished: 2025-10-11\nlanguage: {language}\n---\n"
            f"{body}\n")


def _tolls(text: str) -> list[tuple[str, int | None, int | None]]:
    out = []
    for f in extract(text):
        p = f["properties"]
        if p["event_type"] == "strike":
            out.append((p["place"], p["fatalities"], (p.get("extra") or {}).get("wounded")))
    return sorted(out, key=str)


@pytest.mark.parametrize("body, language, expected", [
    # an age is no count: one man died
    ("В Рыльске в результате удара беспилотника погиб 58-летний мужчина.", "ru", [("Ryl’sk", 1, None)]),
    # the toll in the next sentence, in words
    ("Вечером дрон атаковал автомобиль в Глушково. Пострадали три человека.", "ru", [("Glushkovo", None, 3)]),
    ("Після обіду росіяни обстріляли Хотінську громаду з артилерії. Загинув 50-річний чоловік.", "uk",
     [("Khotin", 1, None)]),
    ("Увечері ворог атакував Хотінську громаду. Поранено двох жінок.", "uk", [("Khotin", None, 2)]),
    ("A Russian drone struck a car near Bilopillia on Saturday. A 58-year-old man was killed.", "en",
     [("Bilopillia", 1, None)]),
    ("Shelling hit Krasnopillia on Saturday, killing a woman and wounding two men.", "en",
     [("Krasnopillya", 1, 2)]),
], ids=["ru-an-age-is-no-count", "ru-next-sentence-in-words", "uk-next-sentence-an-age", "uk-in-words",
        "en-next-sentence-an-age", "en-one-person-and-a-count"])
def test_the_toll_of_a_strike(body, language, expected):
    assert _tolls(_doc(body, language)) == expected


def test_a_tally_after_the_strike_is_not_its_toll():
    text = _doc("A drone hit a house in Rylsk on Saturday. Since August, 40 civilians have been killed in the "
                "district, officials said.", "en")
    assert _tolls(text) == [("Ryl’sk", None, None)]


def test_the_sentence_after_the_next_does_not_lend_its_toll():
    text = _doc("Дрон атаковал автомобиль в Глушково. Водитель успел покинуть машину. Погибли три человека.", "ru")
    assert _tolls(text) == [("Glushkovo", None, None)]


def test_an_english_toll_later_in_the_paragraph_or_after_the_only_strike_is_that_strike_s():
    # later in the paragraph, a sentence between
    text = _doc("A guided bomb hit a school in Krasnopillia on Saturday. Rescuers worked through the night. "
                "By the evening officials said at least three people were dead and 14 injured.", "en")
    assert _tolls(text) == [("Krasnopillya", 3, 14)]
    # another paragraph, the report's one strike; the toll told as deaths and injuries
    text = _doc("A missile hit the centre of Okhtyrka on Saturday morning.\n\n"
                "Regional officials counted four civilian deaths and 20 injuries by noon.", "en")
    assert _tolls(text) == [("Okhtyrka", 4, 20)]


def test_an_english_toll_of_elsewhere_or_of_another_day_is_not_the_strike_s():
    text = _doc("A drone hit a depot in Shostka on Saturday. Elsewhere, five people were killed in the "
                "Kharkiv region, officials said.", "en")
    assert _tolls(text) == [("Shostka", None, None)]
    text = _doc("A missile hit the centre of Okhtyrka on Saturday.\n\n"
                "On 2 May, 30 people were killed there.", "en")
    assert _tolls(text) == [("Okhtyrka", None, None)]
    # two strikes told in other paragraphs: a toll of neither
    text = _doc("A missile hit Okhtyrka on Saturday.\n\nA drone hit Shostka on Saturday.\n\n"
                "Four people were killed, officials said.", "en")
    assert _tolls(text) == [("Okhtyrka", None, None), ("Shostka", None, None)]


@pytest.mark.parametrize("body, expected", [
    ("A drone hit a yard in Esman on Saturday. The 31-year-old man died at the scene.", [("Esman", 1, None)]),
    ("A drone hit a yard in Esman on Saturday, killing a boy of 12.", [("Esman", 1, None)]),
])
def test_one_english_victim_named_by_the_or_by_his_age_after_the_noun(body, expected):
    assert _tolls(_doc(body, "en")) == expected
