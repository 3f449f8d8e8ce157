"""Classes of wrong dot (issue 16: an event put on a town where it did not happen); each document in our
own words.

- English: "the bridgehead in the north of Sumy", "the far east of Kursk": a part of the place (said with
  "the"), which for ground fighting and troops is the region named by its capital, like a bare "in Kursk"; a
  bearing from the city ("north of Sumy") and a strike on a part of the city stay near it.
"""
from __future__ import annotations

import pytest

from en_docs import en_helpers
from geomap.extraction import extract

_doc, _props = en_helpers("2025-06-01")


def _cyr_props(body: str, language: str) -> list[dict]:
    text = (f"---\nurl: https://example.org/{language}\noutlet: Example\npublished: 2025-06-01\n"
            f"language: {language}\n---\n{body}\n")
    return [f["properties"] for f in extract(text)]


def _dots(events: list[dict]) -> list[str | None]:
    return [p["place"] for p in events if p["geo_precision"] in ("settlement", "near_settlement", "hromada")]


@pytest.mark.parametrize("body, oblast", [
    ("Moscow's army keeps pushing in Sumy Oblast. Ukrainian units have to fall back towards the regional centre, "
     "which lets the attackers widen their bridgehead in the north of Sumy, a military blogger wrote.", "Sumy Oblast"),
    ("Ukrainian brigades lost two more villages on Friday, which let Russian troops enlarge their foothold in the "
     "far east of Kursk, the ministry claimed.", "Kursk Oblast"),
])
def test_ground_fighting_in_a_part_of_a_capitals_name_is_its_oblast(body, oblast):
    events = _props(body)
    assert events, "the fighting is still an event"
    assert _dots(events) == []
    assert {p["admin1"] for p in events} == {oblast}


@pytest.mark.parametrize("body", [
    "Russian infantry attacked Ukrainian positions north of Sumy on Monday, the general staff said.",
    "Russian drones hit a warehouse in the north of Sumy overnight, the mayor said.",
])
def test_a_bearing_from_the_city_or_a_strike_on_its_part_stays_near_it(body):
    assert _dots(_props(body)) == ["Sumy"]
