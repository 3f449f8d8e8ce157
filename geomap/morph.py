"""Russian and Ukrainian case forms → the nominatives they may come from.

"в Хомутовке", "Железногорска", "у Ромнах", "під Недригайловом": reporting
names places in every grammatical case. ``read_phrase`` splits off the
preposition (and says whether it means *near*), and ``nominatives`` gives, for
one word, the nominative forms it may be: pymorphy3's analysis (Russian and
Ukrainian dictionaries) for the words it knows, and an ending rule for proper
names it does not. These are only candidates: the geocoder keeps one only
when it is a real name in the gazetteer or an oblast, raion, hromada or
front phrase, so a form never lands on a made-up name.

pymorphy3 takes about half a second to load, so it is loaded only when a
Cyrillic word has missed the exact index, and every word's answer is cached.
"""
from __future__ import annotations

import functools
import itertools
import re
from typing import NamedTuple

from .names import _RU_ONLY, _UK_ONLY, normalise, normalise_ukrainian  # the letters one language only writes: one owner

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_TOKEN = re.compile(r"[^\W\d_]+(?:['’ʼ-][^\W\d_]+)*", re.UNICODE)

# Prepositions before a place name. Those meaning "near" give near_settlement precision.
NEAR_PREPOSITIONS = frozenset({"под", "під", "підо", "біля", "возле", "около", "поблизу", "близ", "вблизи",
                               "недалеко", "неподалік", "неподалеку", "near", "outside", "around"})
PREPOSITIONS = frozenset({"в", "во", "у", "з", "із", "зі", "зо", "с", "со", "от", "від", "ід", "из", "до",
                          "к", "ко", "на", "по", "через", "за", "для", "над", "між", "между", "in", "at",
                          "from", "to", "into", "of"})
# Second words of two-word prepositions ("недалеко от", "в районе", "в районі").
_PREPOSITION_TAILS = frozenset({"от", "від", "з", "із", "of", "from"})
_NEAR_NOUNS = frozenset({"районе", "районі", "окрестностях", "околицях", "околиці", "окраине", "околице",
                         "vicinity"})
# Words for the kind of settlement before its name, in any case ("в селе", "у селі", "смт").
SETTLEMENT_WORDS = frozenset({"село", "села", "селе", "селу", "селом", "селі", "селище", "селища", "селищі",
                              "селищем", "поселок", "посёлок", "поселка", "посёлка", "поселке", "посёлке",
                              "город", "города", "городе", "городом", "місто", "міста", "місті", "містом",
                              "смт", "пгт", "деревня", "деревни", "деревне", "хутор", "хутора", "хуторе",
                              "хуторі", "с", "м", "д", "х", "пос", "village", "town", "city"})

# Case ending → nominative ending, for proper names the dictionaries lack (most village names).
# Russian and Ukrainian together: a candidate counts only if the gazetteer knows it.
_ENDINGS: tuple[tuple[str, str], ...] = (
    # feminine -ка / -ця / -а / -я (Хомутовка, Юнаківка, Суджа, Боромля)
    ("ке", "ка"), ("ки", "ка"), ("ку", "ка"), ("кой", "ка"), ("кою", "ка"), ("ці", "ка"),
    ("е", "а"), ("ы", "а"), ("и", "а"), ("у", "а"), ("ой", "а"), ("ою", "а"), ("ей", "а"), ("ею", "а"),
    ("і", "а"), ("ї", "я"), ("ю", "я"), ("і", "я"), ("и", "я"), ("е", "я"), ("ей", "я"), ("ею", "я"),
    ("ии", "ия"), ("ию", "ия"), ("ией", "ия"),
    # neuter -ово/-ево/-ино/-ое/-е (Коренево, Глушково, Солнцево, Шалигине)
    ("а", "о"), ("е", "о"), ("у", "о"), ("ом", "о"), ("ым", "о"), ("ім", "е"), ("а", "е"), ("у", "е"),
    ("ого", "ое"), ("ому", "ое"), ("ом", "ое"), ("ым", "ое"), ("ого", "е"), ("ому", "е"), ("им", "е"),
    ("ого", "ее"), ("ему", "ее"), ("ем", "ее"),
    # neuter -я/-е in Ukrainian (Краснопілля, Білопілля, Миропілля)
    ("і", "я"), ("ю", "я"), ("ям", "я"),
    # masculine consonant stems (Железногорск, Кролевец, Путивль, Льгов, Недригайлів)
    ("а", ""), ("е", ""), ("у", ""), ("ом", ""), ("ым", ""), ("і", ""), ("ові", ""), ("ем", ""),
    ("я", "ь"), ("ю", "ь"), ("е", "ь"), ("ем", "ь"), ("і", "ь"), ("и", "ь"), ("ью", "ь"), ("ю", "ь"),
    ("ова", "ів"), ("ові", "ів"), ("овом", "ів"), ("ову", "ів"), ("ева", "їв"), ("еві", "їв"), ("евом", "їв"),
    ("оля", "іль"), ("олі", "іль"), ("олем", "іль"), ("олю", "іль"),
    ("ця", "ець"), ("цю", "ець"), ("цем", "ець"), ("ці", "ець"), ("ца", "ец"), ("це", "ец"), ("цу", "ец"),
    ("цем", "ец"), ("ка", "ок"), ("ке", "ок"), ("ку", "ок"), ("ком", "ок"),
    # adjectival names (Большое Солдатское, Нижняя Сыроватка, Великий Бурлук)
    ("ой", "ая"), ("ую", "ая"), ("ей", "яя"), ("юю", "яя"), ("ій", "а"), ("у", "а"),
    ("ого", "ий"), ("ому", "ий"), ("ом", "ий"), ("им", "ий"), ("ім", "ий"), ("ого", "ый"), ("ому", "ый"),
    ("ом", "ый"), ("ым", "ый"), ("ого", "ой"), ("ому", "ой"), ("ом", "ой"), ("его", "ий"), ("ему", "ий"),
    ("ого", "ій"), ("ьому", "ій"),
    # plurals (Ромни, Суми, Сумы, Річки)
    ("ах", "ы"), ("ам", "ы"), ("ами", "ы"), ("ов", "ы"), ("ах", "и"), ("ам", "и"), ("ами", "и"),
    ("ів", "и"), ("ей", "и"), ("ях", "и"), ("ям", "и"), ("ями", "и"), ("ен", "ни"), ("ок", "ки"),
)
MIN_STEM = 2


class Word(NamedTuple):
    """One candidate nominative: its matching keys and where it came from."""

    text: str
    keys: tuple[str, ...]
    known: bool  # pymorphy3's dictionary knows it (not a guess from the ending)
    geox: bool  # and it is a place name (the dictionary's Geox tag)


class Phrase(NamedTuple):
    """A mention read into its preposition and its words."""

    words: tuple[str, ...]
    near: bool
    preposition: str | None


def has_cyrillic(text: str) -> bool:
    return _CYRILLIC.search(text) is not None


def read_phrase(text: str) -> Phrase:
    """The words of a mention without its preposition and settlement word; ``near`` for "под", "біля", ..."""
    words = [w.lower().replace("’", "'").replace("ʼ", "'") for w in _TOKEN.findall(text)]
    near, prep = False, None
    if len(words) > 1 and words[0] in NEAR_PREPOSITIONS | PREPOSITIONS:
        prep = words.pop(0)
        near = prep in NEAR_PREPOSITIONS
        if len(words) > 1 and (words[0] in _PREPOSITION_TAILS or words[0] in _NEAR_NOUNS):
            near = near or words[0] in _NEAR_NOUNS
            prep = f"{prep} {words.pop(0)}"
            if len(words) > 1 and words[0] in _PREPOSITION_TAILS:  # "на околицях від"
                words.pop(0)
    if len(words) > 1 and words[0] in SETTLEMENT_WORDS:
        words.pop(0)
    return Phrase(tuple(words), near, prep)


@functools.lru_cache(maxsize=2)
def _analyser(lang: str):
    import pymorphy3

    from .gcpause import paused_gc

    with paused_gc():  # its dictionaries are long-lived: straight to the oldest generation
        return pymorphy3.MorphAnalyzer(path=_dictionary_path(lang), lang=lang)


def _dictionary_path(lang: str) -> str | None:
    """The installed dictionary package's own path for ``lang``, the one pymorphy3 would find through the
    installed packages' entry points (a scan of every package's metadata, ~0.05 s a language); None lets
    pymorphy3 look (its environment variable set, or no such package)."""
    import importlib
    import os

    import pymorphy3

    if pymorphy3.MorphAnalyzer.DICT_PATH_ENV_VARIABLE in os.environ:
        return None
    try:
        return importlib.import_module(f"pymorphy3_dicts_{lang}").get_path()
    except ImportError:
        return None


def _languages(word: str) -> tuple[str, ...]:
    letters = set(word)
    if letters & _UK_ONLY:
        return ("uk",)
    if letters & _RU_ONLY:
        return ("ru",)
    return ("ru", "uk")


def _keys(text: str, langs: tuple[str, ...]) -> tuple[str, ...]:
    keys = {normalise(text)}
    if "uk" in langs:
        keys.add(normalise_ukrainian(text))
    return tuple(sorted(k for k in keys if k))


_GENDERS = ({"nomn", "masc"}, {"nomn", "femn"}, {"nomn", "neut"}, {"nomn", "plur"})


@functools.lru_cache(maxsize=50_000)
def nominatives(word: str) -> tuple[Word, ...]:
    """The nominative forms ``word`` may come from, itself first; each with its matching keys."""
    word = word.lower()
    if not has_cyrillic(word):
        return (Word(word, (normalise(word),), False, False),)
    if "-" in word:  # "Середині-Буді", "Хутор-Михайловском": each part declines on its own
        parts = [nominatives(w) for w in word.split("-") if w]
        out = []
        for combo in itertools.islice(itertools.product(*parts), 200):
            text = "-".join(w.text for w in combo)
            keys = tuple(sorted({" ".join(k) for k in itertools.product(*(w.keys for w in combo))}))
            out.append(Word(text, keys, all(w.known for w in combo), any(w.geox for w in combo)))
        return tuple(out)
    langs = _languages(word)
    found: dict[str, tuple[bool, bool, set[str]]] = {}

    def add(text: str, known: bool, geox: bool, lang: str) -> None:
        old = found.get(text)
        if old is None:
            found[text] = (known, geox, {lang})
        else:
            found[text] = (old[0] or known, old[1] or geox, old[2] | {lang})

    for lang in langs:
        add(word, False, False, lang)
        for parse in _analyser(lang).parse(word):
            known = bool(parse.is_known)
            geox = known and "Geox" in str(parse.tag)
            add(parse.normal_form, known, geox, lang)
            if parse.tag.case == "nomn" and parse.tag.number != "plur":
                continue  # already a nominative: the word itself and its normal form say it all
            for grams in ([{"nomn"}, *_GENDERS] if parse.tag.POS in ("ADJF", "PRTF") else [{"nomn"}]):
                form = parse.inflect(grams)
                if form is not None:
                    add(form.word, known, geox, lang)
        for ending, nominative in _ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
                add(word[: len(word) - len(ending)] + nominative, False, False, lang)
    out = [Word(t, _keys(t, tuple(sorted(lg))), k, g) for t, (k, g, lg) in found.items()]
    return tuple(out)


def is_inflected(word: str) -> bool:
    """True when pymorphy3 reads ``word`` as a case form and never as a nominative (so no fuzzy match)."""
    word = word.lower()
    if not has_cyrillic(word):
        return False
    nominative = inflected = False
    for lang in _languages(word):
        for parse in _analyser(lang).parse(word):
            if parse.tag.case in ("nomn", None):
                nominative = True
            else:
                inflected = True
    return inflected and not nominative
