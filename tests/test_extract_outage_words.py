"""The outage words (dotguards.OUTAGE_WORDS): each record's word tells that a place lost power, and the sentences'
gate and the outage patterns are generated from the records, so a word the patterns know always opens the gate
(a town told as left without light after strikes elsewhere is the oblast, not a dot)."""
from __future__ import annotations

import re

import pytest

from en_docs import en_helpers
from geomap.extraction import dotguards

_doc, _props = en_helpers("2025-06-01")


def _romny(text: str) -> tuple[int, int]:
    start = text.index("Romny")
    return start, start + len("Romny")


@pytest.mark.parametrize("record", dotguards.OUTAGE_WORDS, ids=lambda r: r.sample)
def test_each_outage_word_record_tells_its_outage_and_opens_the_gate(record):
    text = record.sample
    m = re.search(record.words, text, re.I)
    assert m is not None and record.gate in m.group().lower(), "the gate is letters of the word itself"
    assert dotguards.outage_gate(text)
    assert dotguards.lost_power(text, *_romny(text))
    # the record's word is what tells the outage: with another word in its place, Romny lost nothing
    other = text[:m.start()] + "water" + text[m.end():]
    assert not dotguards.outage_gate(other)
    assert not dotguards.lost_power(other, *_romny(other))


def test_every_role_of_a_record_is_a_frame_of_the_patterns():
    framed = {role for _, role, _ in dotguards._OUTAGE_FRAMES}
    assert {role for r in dotguards.OUTAGE_WORDS for role in r.roles} == framed


@pytest.mark.parametrize("body", [
    "On Sunday drones sent by Russia struck a substation in Sumy Oblast and left the town of Romny without light.",
    "A Russian missile hit a substation in Sumy Oblast on Sunday, and Romny was left without light for a day.",
])
def test_a_town_left_without_light_after_a_strike_elsewhere_is_no_dot(body):
    # "light" is no word of the old hand-kept gate: the sentence was never asked whether Romny lost power
    events = _props(body)
    assert [p["event_type"] for p in events] == ["strike"]
    assert [p["geo_precision"] for p in events] == ["admin1"]
    assert events[0]["admin1"] == "Sumy Oblast"
