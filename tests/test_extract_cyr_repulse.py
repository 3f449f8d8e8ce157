"""The repulse record (lexicon_cyr.Repulse): an attack beaten back or stopped, its words by kind in each language.
cyr's patterns for what stopped an attack ("сорваны попытки атак"), the fire it was beaten back with ("отразили
атаки ударами авиации") and a repulse named as a noun ("в ходе отражения атаки") are generated from it."""
from __future__ import annotations

import pytest

from geomap.extraction import cyr
from geomap.extraction import lexicon_cyr as C
from geomap.extraction.events import Trigger

# a form of each kind's words: "отбил*" → "отбили", "отбит*" → "отбито", "не дал*" → "не дали"
_ENDINGS = {"done": "и", "doing": "ли", "beaten": "о", "thwarted": "ли"}
_KINDS = tuple(_ENDINGS)


def _form(word: str, kind: str) -> str:
    return " ".join(t.rstrip("*") + (_ENDINGS[kind] if t.endswith("*") else "") for t in word.split(" "))


def _words(lang: str, *kinds: str) -> list[tuple[str, str]]:
    rec = C.LEXICONS[lang].repulse
    return [(kind, w) for kind in kinds for w in getattr(rec, kind)]


@pytest.mark.parametrize("lang", ["ru", "uk"])
def test_a_word_of_an_attack_beaten_back_or_thwarted_says_the_attack_after_it_was_stopped(lang):
    for kind, w in _words(lang, *_KINDS):
        text = f"вчера {_form(w, kind)} две попытки атаки"
        stopped = cyr._STOPPED_BEFORE.search(text, 0, text.index("атаки")) is not None
        # a verb of the side that beat it back is the ground-fighting trigger itself, not a word before it
        assert stopped == (kind in ("beaten", "thwarted")), (kind, w)


@pytest.mark.parametrize("lang", ["ru", "uk"])
def test_the_fire_an_attack_was_beaten_back_with_follows_a_repulse_word(lang):
    for kind, w in _words(lang, *_KINDS):
        text = f"{_form(w, kind)} атаки ударами авиации и огнём артиллерии"
        means = cyr._REPULSE_MEANS.search(text)
        if kind == "thwarted":
            assert means is None, w
        else:
            assert means is not None and means.start() == 0 and means.end() == len(text), (kind, w)


@pytest.mark.parametrize("lang, nouns", [("ru", ("отражения", "отбивания", "отбития")),
                                         ("uk", ("відбивання", "відбиття"))])
def test_a_repulse_named_as_a_noun_after_in_the_course_of_is_the_fight_told_before(lang, nouns):
    for noun in nouns:
        text = f"в ходе {noun} атаки"
        t = Trigger("ground_assault", "assault", len("в ходе "), len("в ходе ") + len(noun), noun)
        assert cyr.told_before(text, t), noun
    for _, w in _words(lang, "done"):  # "отбили": the fight itself, told now
        word = _form(w, "done")
        t = Trigger("ground_assault", "assault", len("в ходе "), len("в ходе ") + len(word), word)
        assert not cyr.told_before(f"в ходе {word} атаки", t), word


@pytest.mark.parametrize("lang", ["ru", "uk"])
def test_the_words_of_a_repulse_done_or_beaten_are_ground_fighting_triggers(lang):
    assault = next(r for r in C.LEXICONS[lang].triggers if (r.label, r.sub) == ("ground_assault", "assault"))
    for kind, w in _words(lang, "done", "beaten"):
        assert w in assault.words, (kind, w)
        assert assault.regex.fullmatch(_form(w, kind)), (kind, w)
