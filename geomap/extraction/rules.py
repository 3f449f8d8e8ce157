"""One record per pattern: its words, and the gate and lower-case/ASCII forms generated from them.

A sentence is first cut into gate keys (the first four characters of each word); a pattern whose
gate shares no key with the sentence is not run. The gate is derived here from the pattern itself
(``first_word_keys``), so adding a word to a pattern is one edit and its gate follows. The same
derivation gives the Russian and Ukrainian records' gates (``lexicon_cyr.Record``) from their words:
``tests/test_extract_rules.py`` checks both.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

try:
    from re import _constants as _C, _parser as _P
except ImportError:  # Python < 3.11
    import sre_constants as _C  # type: ignore[no-redef]
    import sre_parse as _P  # type: ignore[no-redef]

_DONE = "\1"  # a state ending in this has its key
_SKIP = "\0"  # inside a word whose letters cannot be listed (a number, \w+): the next word gives the key
KEY_LEN = 4


class NoGate(ValueError):
    """A pattern some of whose matches hold no word whose first letters can be listed."""


def lower_pattern(pattern: str) -> re.Pattern:
    """The pattern for lower-cased text, matched case-sensitively: the same matches, 2-3 times faster."""
    assert not re.search(r"\\[SWDBAZ]|\(\?P<|\(\?-i", pattern), pattern
    return re.compile(pattern.lower())


def ascii_twin(pattern: re.Pattern) -> re.Pattern:
    """The pattern in ASCII mode, for ASCII text: the same matches and groups, about a quarter faster.

    On ASCII characters the Unicode and ASCII meanings of \\w, \\d and \\b agree; \\s differs only
    by the separators \\x1c-\\x1f, which the twin's \\s is given back.
    """
    src, out, i, in_class = pattern.pattern, [], 0, False
    while i < len(src):
        c = src[i]
        if c == "\\":
            esc = src[i:i + 2]
            assert esc not in ("\\S", "\\W", "\\D", "\\B"), src  # would need their own twins
            out.append(("\\s\\x1c-\\x1f" if in_class else "[\\s\\x1c-\\x1f]") if esc == "\\s" else esc)
            i += 2
            continue
        if in_class and c == "]" and src[i - 1] != "[" and src[i - 2:i] != "[^":
            in_class = False
        elif not in_class and c == "[":
            in_class = True
        out.append(c)
        i += 1
    return re.compile("".join(out), (pattern.flags & ~re.UNICODE) | re.ASCII)


# --- deriving a gate ---------------------------------------------------------------------
class _Walk:
    """Walks a parsed pattern over every way a match can begin, building the first word's key."""

    def __init__(self, stop: frozenset[str], joiners: str):
        self.stop = stop  # words too common to gate on: the word after them gives the key
        self.joiners = joiners  # characters that continue a word ("-" in Cyrillic records)

    def is_word(self, c: str) -> bool:
        return c.isalnum() or c in self.joiners

    def close(self, s: str, skip_rest: bool) -> str:
        """A word's letters end at ``s``: its key, or a fresh start when it is a stop word."""
        if s in self.stop:
            return _SKIP if skip_rest else ""
        return s + _DONE

    def step(self, states: set[str], chars: set[str]) -> set[str]:
        out = set()
        for s in states:
            if s.endswith(_DONE):
                out.add(s)
                continue
            for c in chars:
                c = c.lower()
                if s == _SKIP:
                    out.add(_SKIP if self.is_word(c) else "")
                elif self.is_word(c):
                    t = s + c
                    out.add(self.close(t, True) if len(t) == KEY_LEN else t)
                else:
                    out.add(self.close(s, False) if s else "")
        return out

    def unknown(self, states: set[str]) -> set[str]:
        """A character that cannot be listed (\\w, \\d, [^...]): skips its word, or spoils a begun one."""
        out = set()
        for s in states:
            if s.endswith(_DONE) or s == _SKIP:
                out.add(s)
            elif s == "":
                out.add(_SKIP)
            else:
                raise NoGate(f"a word begins {s!r} and goes on with letters that cannot be listed")
        return out

    def seq(self, items, states: set[str]) -> set[str]:
        for item in items:
            if all(s.endswith(_DONE) for s in states):
                break
            states = self.item(item, states)
        return states

    def item(self, item, states: set[str]) -> set[str]:
        op, av = item
        if op in (_C.AT, _C.ASSERT, _C.ASSERT_NOT):
            return states  # zero width
        if op is _C.SUBPATTERN:
            return self.seq(av[-1], states)
        if op is _C.BRANCH:
            return set().union(*(self.seq(b, states) for b in av[1]))
        if op in (_C.MAX_REPEAT, _C.MIN_REPEAT):
            lo, hi, sub = av
            for _ in range(lo):
                states = self.seq(sub, states)
            seen, cur = set(states), states
            for _ in range((hi - lo) if hi is not _C.MAXREPEAT else KEY_LEN + 2):
                cur = self.seq(sub, cur)
                if cur <= seen:
                    break
                seen |= cur
            return seen
        chars = _chars(item)
        return self.unknown(states) if chars is None else self.step(states, chars)


def _chars(item) -> set[str] | None:
    """The characters one pattern item can match, or None when they cannot be listed."""
    op, av = item
    if op is _C.LITERAL:
        return {chr(av)}
    if op is _C.CATEGORY:
        return {" "} if av is _C.CATEGORY_SPACE else None
    if op is not _C.IN:
        return None
    out: set[str] = set()
    for o, a in av:
        if o is _C.LITERAL:
            out.add(chr(a))
        elif o is _C.RANGE and a[1] - a[0] <= 64:
            out.update(chr(c) for c in range(a[0], a[1] + 1))
        elif o is _C.CATEGORY and a is _C.CATEGORY_SPACE:
            out.add(" ")
        else:
            return None  # \w, \d, a negated or a wide class
    return out


def first_word_keys(pattern: str, stop: frozenset[str] = frozenset(), joiners: str = "") -> frozenset[str]:
    """Every key (first four characters, lower-cased) the first gating word of a match can have.

    A word that is a number or ``\\w+``, or a ``stop`` word, is passed over: the word after it gates.
    Raises NoGate when some match holds no such word (the pattern needs rewriting to be gated).
    """
    states = _Walk(stop, joiners).seq(_P.parse(pattern.lower()), {""})
    keys = set()
    for s in states:
        if s.endswith(_DONE):
            keys.add(s[:-1])
        elif s and s != _SKIP and s not in stop:
            keys.add(s)  # the match ends within its first word
        else:
            raise NoGate(f"a match of {pattern[:60]!r} may hold no gating word")
    return frozenset(keys)


# everyday words no English pattern is gated on: "were captured" is gated by "capt"
STOP_EN = frozenset("a an the of is are was were been bein has have had new fres rene more elit spec rema thou "
                    "russ ukra nort kore oper grou dron its thei".split())


@dataclass(frozen=True)
class Rule:
    """One English pattern: what it stands for (``label``, ``sub``), its words (one case-blind regex),
    and ``stems``: gate keys that open the gate only with a longer stem ("with" only with "withdr"),
    for keys that start many everyday words. Its gate, lower-case and ASCII forms come from these."""

    label: str
    sub: str
    pattern: str
    stems: tuple[tuple[str, str], ...] = ()
    common: frozenset[str] = STOP_EN  # words passed over for the next one's key (see first_word_keys)

    @cached_property
    def regex(self) -> re.Pattern:
        return re.compile(self.pattern, re.IGNORECASE)

    @cached_property
    def lower(self) -> re.Pattern:
        """For lower-cased text (see lower_pattern)."""
        return lower_pattern(self.pattern)

    @cached_property
    def ascii(self) -> re.Pattern:
        """For lower-cased ASCII text (see ascii_twin)."""
        return ascii_twin(self.lower)

    @cached_property
    def gate(self) -> frozenset[str]:
        """Every match holds a word beginning with one of these keys."""
        return first_word_keys(self.pattern, self.common)

    def gate_open(self, keys: set[str] | frozenset[str], low: str) -> bool:
        """Whether a sentence (its keys, its lower-cased text) can hold a match."""
        gate = self.gate
        if keys.isdisjoint(gate):  # most sentences: settled without building the intersection
            return False
        if not self.stems:
            return True
        hit = keys & gate
        stems = self.stem_map
        for k in hit:  # (a loop, not any() over a generator: this runs for most sentences)
            if k not in stems or stems[k] in low:
                return True
        return False

    @cached_property
    def stem_map(self) -> dict[str, str]:
        """``stems`` as a mapping, made once."""
        return dict(self.stems)
