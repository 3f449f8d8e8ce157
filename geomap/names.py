"""One normalisation for place names, so every spelling of a place meets the others.

``normalise`` turns a name in any common spelling into a matching key: case
folded, diacritics dropped, apostrophes and soft signs removed, hyphens and
runs of spaces made one space, Cyrillic romanised (Ukrainian national system
for Ukrainian text, BGN/PCGN for Russian), then the letters on which the
romanisations disagree folded together (j/y/i, so Yunakivka, Iunakivka,
Junakivka and Юнаківка give one key). The key is for matching, not display.
"""
from __future__ import annotations

import re
import unicodedata

NORMALISE_VERSION = 1

# Letters only Ukrainian uses, and letters only Russian uses.
_UK_ONLY = set("іїєґІЇЄҐ")
_RU_ONLY = set("ыэъёЫЭЪЁ")

_COMMON = {
    "а": "a", "б": "b", "в": "v", "д": "d", "е": "e", "ж": "zh", "з": "z", "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f",
    "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "yu", "я": "ya",
}
# Ukrainian national romanisation (2010): г→h, и→y, і→i, ї→yi, є→ye, ґ→g, й→y.
_UK = {**_COMMON, "г": "h", "ґ": "g", "и": "y", "і": "i", "ї": "yi", "є": "ye", "й": "y",
       "ы": "y", "э": "e", "ё": "yo", "ъ": ""}
# BGN/PCGN Russian: г→g, и→i, й→y, ы→y, э→e, ё→ë (e), ъ dropped.
_RU = {**_COMMON, "г": "g", "и": "i", "й": "y", "ы": "y", "э": "e", "ё": "e", "ъ": "",
       "і": "i", "ї": "yi", "є": "ye", "ґ": "g"}

# Latin letters with a digraph meaning in Slavic romanisations.
_LATIN = {"ž": "zh", "ż": "zh", "ź": "z", "š": "sh", "ś": "s", "č": "ch", "ć": "ch", "ł": "l",
          "đ": "d", "ß": "ss", "ø": "o", "æ": "ae", "œ": "oe", "ı": "i"}

_APOSTROPHES = "'’ʼ`‘ʹ′´ʻ\u02bc\u02b9\u0301"
_APOS_RE = re.compile(f"[{re.escape(_APOSTROPHES)}]")
# ASCII fast path in one translate: apostrophes dropped, j/y → i, anything not a letter or digit → space.
_ASCII_TABLE = str.maketrans({**{chr(i): " " for i in range(128) if not chr(i).isalnum()},
                              "'": None, "`": None, "j": "i", "y": "i"})
_SEP_RE = re.compile(r"[^a-z0-9]+")
_I_RUN = re.compile(r"i{2,}")
_CYR_WORD = re.compile(r"[\u0400-\u04ff]+")


_UK_TABLE = str.maketrans(_UK)
_RU_TABLE = str.maketrans(_RU)
_LATIN_TABLE = str.maketrans(_LATIN)
# BGN/PCGN writes Russian е as "ye" at the start of a word and after a vowel or a sign.
_RU_YE = re.compile(r"(?:^|(?<=[аеёиоуыэюяьъй]))е")


def _translit_word(match: re.Match) -> str:
    word = match.group(0).lower()
    if _UK_ONLY.isdisjoint(word):
        return _RU_YE.sub("ye", word).translate(_RU_TABLE)
    return word.translate(_UK_TABLE)


def transliterate(text: str) -> str:
    """Cyrillic words in ``text`` romanised: Ukrainian-national if they use Ukrainian letters, else BGN/PCGN."""
    return _CYR_WORD.sub(_translit_word, text)


def normalise(text: str) -> str:
    """The matching key of a name: ``"Юнаківка"``, ``"Yunakivka"``, ``"Junakivka"`` → ``"iunakivka"``."""
    if not text:
        return ""
    if text.isascii():  # fast path: most names in English text (same result as the general path)
        t = " ".join(text.lower().translate(_ASCII_TABLE).split())
        return _I_RUN.sub("i", t) if "ii" in t else t
    return _normalise_general(text)


def normalise_ukrainian(text: str) -> str:
    """The key of a name known to be Ukrainian even where it has no Ukrainian-only letter (Грунь → hrun)."""
    return _normalise_general(text, ukrainian=True)


def _normalise_general(text: str, ukrainian: bool = False) -> str:
    """The full normalisation (any script); ``normalise`` takes a shortcut for plain ASCII."""
    t = unicodedata.normalize("NFKC", str(text)).casefold()
    t = _APOS_RE.sub("", t)
    t = _CYR_WORD.sub(lambda m: m.group(0).translate(_UK_TABLE), t) if ukrainian else _CYR_WORD.sub(_translit_word, t)
    if not t.isascii():
        t = unicodedata.normalize("NFKD", t.translate(_LATIN_TABLE))
        t = "".join(c for c in t if not unicodedata.combining(c))
    t = _SEP_RE.sub(" ", t).strip()
    # Where romanisations disagree: j/y/i (Yunakivka/Iunakivka/Junakivka, -skyi/-skiy/-skij).
    t = t.replace("j", "i").replace("y", "i")
    return _I_RUN.sub("i", t)


_KNOWN_CYRILLIC = set(_UK) | set(_RU)


def has_foreign_cyrillic(text: str) -> bool:
    """True when ``text`` uses Cyrillic letters outside Ukrainian and Russian (Serbian њ, Belarusian ў...)."""
    return any("\u0400" <= c <= "\u04ff" and c.lower() not in _KNOWN_CYRILLIC for c in text)


def is_plain_key(key: str) -> bool:
    """True when a normalised key is made only of Latin letters, digits and spaces (not another script)."""
    return bool(key) and all(c.isascii() and (c.isalnum() or c == " ") for c in key)
