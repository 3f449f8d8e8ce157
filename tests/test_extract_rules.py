"""The English lexicon's records: gates and lower-case/ASCII forms generated from each pattern, checked
against the pattern itself (every way a match can begin), and the same derivation for the Russian and
Ukrainian records' gates."""
from __future__ import annotations

import itertools
import re

import pytest

from geomap.extraction import lexicon as L
from geomap.extraction import lexicon_cyr as C
from geomap.extraction.rules import NoGate, Rule, first_word_keys

try:
    from re import _constants as K, _parser as P
except ImportError:  # Python < 3.11
    import sre_constants as K  # type: ignore[no-redef]
    import sre_parse as P  # type: ignore[no-redef]

_ANY = {K.CATEGORY_SPACE: " ", K.CATEGORY_DIGIT: "7", K.CATEGORY_WORD: "x"}


def _samples(items, limit: int = 400) -> list[str]:
    """Strings the parsed pattern matches, one for each way through its alternatives (up to ``limit``),
    each repeat taken at its least and at one more."""
    outs = [""]
    for op, av in items:
        if op in (K.AT, K.ASSERT, K.ASSERT_NOT):
            continue
        if op is K.LITERAL:
            alts = [chr(av)]
        elif op is K.CATEGORY:
            alts = [_ANY[av]]
        elif op is K.IN:
            o, a = av[0]
            alts = [chr(a) if o is K.LITERAL else chr(a[0]) if o is K.RANGE else _ANY[a]]
        elif op is K.SUBPATTERN:
            alts = _samples(av[-1], limit)
        elif op is K.BRANCH:
            alts = [s for b in av[1] for s in _samples(b, limit)]
        elif op in (K.MAX_REPEAT, K.MIN_REPEAT):
            lo, hi, sub = av
            one = _samples(sub, limit)
            alts = [one[0] * lo] + ([x + one[0] * lo for x in one] if hi is K.MAXREPEAT or hi > lo else [])
        else:
            raise AssertionError(f"no sample for {op}")
        outs = [a + b for a, b in itertools.islice(itertools.product(outs, alts), limit)]
    return outs


ENGLISH = [(r.label, r) for r in L.TRIGGERS] + [
    ("weapon " + w, Rule(w, "", p.pattern, common=frozenset())) for w, p in L.WEAPON_PATTERNS] + [
    ("sub-type " + st, Rule(st, "", p.pattern, common=frozenset())) for subs in L.SUB_TYPE_WORDS.values()
    for st, p in subs] + [
    ("actor " + a, Rule(a, "", p.pattern, common=frozenset())) for a, p in L.ACTOR_PATTERNS] + [
    ("negation", Rule("negation", "", L.NEGATION.pattern, common=L.NEGATION_OR_HEDGE_STOP)),
    ("hedge", Rule("hedge", "", L.HEDGE.pattern, common=L.NEGATION_OR_HEDGE_STOP)),
    ("speech", Rule("speech", "", L.SPEECH_HINT.pattern, common=frozenset())),
    ("evacuation", L.EVACUATION), ("more ground fighting", L.GROUND_MORE)]
GENERATED = {r.label: r.gate for r in L.TRIGGERS} | {f"weapon {w}": g for w, g in L.WEAPON_GATE.items()} | {
    f"sub-type {st}": g for st, g in L.SUB_TYPE_GATE.items()} | {f"actor {a}": g for a, g in L.ACTOR_GATE.items()} | {
    "speech": L.SPEECH_GATE, "evacuation": L.EVACUATION.gate,
    # its gate is part of the one every trigger sentence must pass
    "more ground fighting": L.GROUND_MORE.gate if L.GROUND_MORE.gate <= L.TRIGGER_GATE_ANY else frozenset(),
    # each part of the one negation-or-hedge gate (checked whole below)
    "negation": first_word_keys(L.NEGATION.pattern, L.NEGATION_OR_HEDGE_STOP),
    "hedge": first_word_keys(L.HEDGE.pattern, L.NEGATION_OR_HEDGE_STOP)}


def test_the_negation_and_hedge_gate_is_generated_from_both_records():
    assert L.NEGATION_OR_HEDGE_GATE == Rule("n", "", L.NEGATION.pattern, common=L.NEGATION_OR_HEDGE_STOP).gate \
        | Rule("h", "", L.HEDGE.pattern, common=L.NEGATION_OR_HEDGE_STOP).gate
    # "did not" is gated by "not", "didn't" by its "t", never by the auxiliary alone
    assert {"not", "t"} <= L.NEGATION_OR_HEDGE_GATE and not {"did", "was", "to"} & L.NEGATION_OR_HEDGE_GATE


@pytest.mark.parametrize("name,rule", ENGLISH, ids=[n for n, _ in ENGLISH])
def test_every_way_a_match_begins_passes_its_generated_gate(name, rule):
    samples = _samples(P.parse(rule.pattern))
    matched = 0
    for text in samples:
        m = rule.regex.search(text)
        if m is None:
            continue  # a look-around the sample does not satisfy
        matched += 1
        low = text.lower()
        keys = L.gate_keys(low)
        assert rule.gate_open(keys, low), f"{name}: {m.group()!r} would be hidden by its gate {sorted(rule.gate)}"
        # the lower-case and ASCII forms find the same match
        assert [x.span() for x in rule.lower.finditer(low)] == [x.span() for x in rule.regex.finditer(low)]
        assert [x.span() for x in rule.ascii.finditer(low)] == [x.span() for x in rule.regex.finditer(low)]
    assert matched >= max(1, len(samples) // 2), f"{name}: only {matched} of {len(samples)} samples match"
    # what extraction uses is what the record generates
    assert GENERATED[name] == rule.gate


def test_a_gate_key_is_a_words_first_letters_and_common_words_pass_the_gate_on():
    assert first_word_keys(r"\b(?:shell(?:ed|ing)|hits?)\b") == {"shel", "hit", "hits"}
    # "were captured": gated by "capt", not by the everyday "were"; a number passes it on too
    assert first_word_keys(r"\b(?:were|was)\s+captured\b", frozenset({"were", "was"})) == {"capt"}
    assert first_word_keys(r"\b[\d,]{3,}\s+troops\b") == {"troo"}
    with pytest.raises(NoGate):
        first_word_keys(r"\b\w+\b")  # nothing to gate on: the record must say more
    with pytest.raises(NoGate):
        first_word_keys(r"\bsh\w+\b")  # a begun word going on with unknown letters


def test_adding_a_word_to_a_record_opens_its_gate_for_it():
    rule = Rule("strike", "shelling", r"\b(?:shell(?:ed|ing))\b")
    assert not rule.gate_open(L.gate_keys("a volley of rockets"), "a volley of rockets")
    wider = Rule("strike", "shelling", r"\b(?:shell(?:ed|ing)|volley)\b")
    assert wider.gate_open(L.gate_keys("a volley of rockets"), "a volley of rockets")


CYR = [(lex.language, rec) for lex in C.LEXICONS.values() for rec in (
    *lex.triggers, *lex.weapons, *lex.actors, *lex.claimants, lex.hedge, lex.negation, lex.denial, lex.speech,
    lex.killed, lex.wounded, lex.alleged, lex.near, lex.origin)]


def test_one_derivation_gives_the_russian_and_ukrainian_records_their_gates():
    """lexicon_cyr derives a gate from each word by hand-written rule; the pattern walk gives the same keys."""
    checked = 0
    for lang, rec in CYR:
        for word in rec.words:
            assert first_word_keys(C.word_regex(word), joiners="-'’ʼ") == {C.gate_key(word)}, (lang, rec.label, word)
            checked += 1
    assert checked > 300
