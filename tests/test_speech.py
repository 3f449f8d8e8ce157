"""The English speech verbs are one record (geomap.extraction.speech.VERBS): every statement pattern and gate is
generated from it, so a form the record gives a role is found by that role's pattern, and no other form is
(issue 16, "How": each pattern one record, its gate and forms generated from it)."""
from __future__ import annotations

import datetime as dt

import pytest

from geomap.extraction import claims, dates, events, speech
from geomap.extraction import lexicon as L
from geomap.extraction.dates import find_dates
from geomap.documents import parse_published

ALL_FORMS = [f for f, _ in speech.VERBS]


def test_the_record_is_well_formed():
    assert len(ALL_FORMS) == len(set(ALL_FORMS))  # each form once
    for form, uses in speech.VERBS:
        assert form == form.lower() and form.isalpha(), form
        assert uses.split() and set(uses.split()) <= speech.ROLES, form
    used = {r for _, uses in speech.VERBS for r in uses.split()}
    assert used == speech.ROLES  # no role without a verb


# (role, a sentence holding the verb where that role's pattern looks for it, the pattern, the group that names
# the speaker or None)
CASES = [
    ("attribution", "The regional administration {v} drones hit a farm.", L.ATTRIBUTION[1], "who"),
    ("pronoun", "Then he {v} that the shelling went on.", claims._PRONOUN_SAID, None),
    ("titled", "Deputy Head of the Council Ivan Example {v} that shelling went on.", claims._TITLED_SPEAKER, "who"),
    ("set_off", "The administration, in a post on Telegram, {v} that shelling went on.", claims._SET_OFF, "who"),
    ("after_quote", "\u201cWe held the line,\u201d Ivan Example {v}.", claims._AFTER_QUOTE, "who"),
    ("claims_to", "The ministry {v} to have downed a drone.", claims._CLAIMED_TO, "who"),
    ("this_was", "This was {v} on Telegram.", claims._BACK_REFERENCE, None),
    ("said_this", "The mayor {v} this on Telegram.", claims._BACK_REFERENCE, None),
    ("by", "The strike was {v} by the governor.", events._BY_SPEAKER, "who"),
    ("night", "The governor {v} on the night of ", dates._SAID_AT_NIGHT, None),
]


@pytest.mark.parametrize("role,template,pattern,group", CASES, ids=[c[0] for c in CASES])
def test_each_pattern_finds_exactly_the_forms_the_record_gives_its_role(role, template, pattern, group):
    mine = set(speech.forms(role))
    assert mine
    for form in ALL_FORMS:
        m = pattern.search(template.format(v=form))
        assert (m is not None) == (form in mine), (role, form)
        if m is not None and group:
            assert m.group(group).strip()


def test_the_gates_are_the_first_letters_of_the_record_forms():
    assert claims._SAID_KEYS == {f[:4] for f in speech.forms("titled", "set_off", "after_quote")}
    assert dates._SPEECH_KEYS == {f[:4] for f in speech.forms("day")}
    # every "X said" form passes the lexicon's gate and its lower-case and ASCII twins
    for form in speech.forms("attribution"):
        assert form[:4] in L.SPEECH_GATE, form
        text = f"the ministry {form} a drone hit a farm"
        assert L.SPEECH_HINT_LOWER.search(text) and L.SPEECH_HINT_ASCII.search(text), form
        assert L.SPEECH_VERB_LOWER.search(text) and L.SPEECH_VERB_ASCII.search(text), form
    for form in set(ALL_FORMS) - set(speech.forms("attribution")):
        assert not L.SPEECH_VERB.search(f"the ministry {form} a drone hit a farm"), form


def test_a_statement_day_is_read_after_every_day_verb_and_whom_after_told():
    """"overnight, the governor said on Wednesday": the night before that Wednesday, not before the report's day."""
    published = parse_published("2025-06-13")  # a Friday
    tue_wed = (dt.date(2025, 6, 10), dt.date(2025, 6, 11))
    for form in ALL_FORMS:
        (night,) = [s for s in find_dates(f"A drone hit a farm overnight, the governor {form} on Wednesday.", published)
                    if s.text == "overnight"]
        assert ((night.start, night.end) == tue_wed) == (form in speech.forms("day")), form
    # "told reporters Wednesday": up to two words of whom between the verb and the day
    assert speech.forms("addressee") == ("told",)
    (night,) = find_dates("A drone hit a farm overnight, the governor told local reporters Wednesday.", published)
    assert (night.start, night.end) == tue_wed
