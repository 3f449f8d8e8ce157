"""The per-language policy table (extraction/policy.py): one policy for each language the pipeline reads, English
for any other, and the pipeline follows it (an aside on another oblast, fire from across the border, an event named
as one told before)."""
from __future__ import annotations

import pytest

from geomap.extraction import extract
from geomap.extraction.events import Trigger
from geomap.extraction.lexicon_cyr import LEXICONS
from geomap.extraction.pipeline import READABLE
from geomap.extraction.policy import ENGLISH, POLICIES, policy_for


def _props(language: str, body: str) -> list[dict]:
    text = f"---\nurl: https://example.org/p\noutlet: Example\npublished: 2025-06-11\nlanguage: {language}\n---\n{body}\n"
    return [f["properties"] for f in extract(text)]


def test_each_readable_language_has_its_own_policy_and_any_other_reads_as_english():
    assert set(POLICIES) == set(READABLE)
    assert all(POLICIES[lang].language == lang for lang in POLICIES)
    assert policy_for(None) is ENGLISH and policy_for("de") is ENGLISH
    # the languages with a Cyrillic lexicon are those whose reports cyr reads, and the policy says so
    assert {lang for lang, p in POLICIES.items() if not p.outage_places} == set(LEXICONS)


@pytest.mark.parametrize("language, body", [
    ("en", "On Tuesday Ukrainian drones struck the Belgorod region, the governor said."),
    ("ru", "Во вторник украинские беспилотники атаковали Белгородскую область, сообщил губернатор."),
    ("uk", "У вівторок українські дрони атакували Бєлгородську область, повідомив губернатор."),
])
def test_an_event_known_only_by_an_oblast_off_the_map_is_left_out_where_the_policy_says(language, body):
    events = _props(language, body)
    if policy_for(language).drops_elsewhere:
        assert events == []
    else:
        assert [(p["event_type"], p["admin1"], p["geo_precision"]) for p in events] == \
            [("strike", "Belgorod Oblast", "admin1")]
    assert policy_for("en").drops_elsewhere is False and policy_for("ru").drops_elsewhere is True


@pytest.mark.parametrize("language, text, word, told_before", [
    ("en", "Officials gave no toll for the strike on Monday.", "strike", True),
    ("en", "Drones struck a farm on Monday.", "struck", False),
    ("ru", "В ходе отражения атаки противник потерял танк.", "отражения", True),
    ("ru", "Подразделения отбили атаку у села.", "отбили", False),
    ("uk", "Під час відбиття штурму ворог втратив танк.", "відбиття", True),
])
def test_an_event_named_as_one_told_before_is_read_by_the_language_s_own_rule(language, text, word, told_before):
    start = text.lower().index(word)
    t = Trigger("strike" if language == "en" else "ground_assault", "", start, start + len(word), word)
    assert policy_for(language).anaphor(text.lower() if language != "en" else text, t) is told_before


@pytest.mark.parametrize("language, text, place", [
    ("en", "Guns fired on the Esman community from the direction of Tetkino.", "Tetkino"),
    ("uk", "Ворог бив по громаді з боку села Івот.", "Івот"),
])
def test_the_side_fire_came_from_is_asked_in_the_language_of_the_report(language, text, place):
    policy = policy_for(language)
    assert policy.fired_from_across(text, text.index(place))
    assert not policy.fired_from_across(text, text.index("Esman" if language == "en" else "громаді"))
