"""The language of a document's text, as an ISO 639-1 code: the one owner of language detection.

English, Russian and Ukrainian (the languages extraction reads) are told by their letters
(:func:`readable_language`: Ukrainian-only and Russian-only Cyrillic letters, English function
words), which is exact on short texts where a statistical model wavers between Russian and
Ukrainian; any other language comes from py3langid (:func:`detect_language`). So a document's
``language`` and the language extraction reads it in never disagree.
Detection reads at most the first ``SAMPLE_CHARS`` characters: enough for a
news text, and a 100 MB file costs no more than a short one.
"""
from __future__ import annotations

import re

from ..names import _RU_ONLY, _UK_ONLY  # the letters only one of the two languages uses: one owner

SAMPLE_CHARS = 20_000
MIN_LETTERS = 12  # fewer letters than this say nothing reliable about a language
MIN_SCRIPT_LETTERS = 20  # letters of a script needed before the letter rule names a language
_ENGLISH = frozenset("the and of to on at by for from with near was were is are has have had said "
                     "this that after their its".split())


def readable_language(sample: str) -> str | None:
    """``en``, ``ru`` or ``uk`` from the letters of a sample of text; None for any other language."""
    cyr = latin = uk = ru = 0
    for ch in sample[:SAMPLE_CHARS].lower():
        if "а" <= ch <= "я" or ch in "іїєґё":
            cyr += 1
            if ch in _UK_ONLY:
                uk += 1
            elif ch in _RU_ONLY:
                ru += 1
        elif "a" <= ch <= "z":
            latin += 1
    if cyr > latin and cyr >= MIN_SCRIPT_LETTERS:
        return "uk" if uk > ru else "ru"
    if latin >= MIN_SCRIPT_LETTERS and latin >= cyr:
        words = re.findall(r"[a-z]+", sample[:SAMPLE_CHARS].lower())
        if len(set(words) & _ENGLISH) >= (2 if len(words) < 30 else 3):
            return "en"
    return None

_identifier = None


def _model():
    global _identifier
    if _identifier is None:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _identifier


def detect_language(text: str) -> str | None:
    """``'en'``, ``'ru'``, ``'uk'``, … for ``text``, or None when it holds too few letters to tell.

    English, Russian and Ukrainian as :func:`readable_language` tells them; other languages by py3langid."""
    sample = text[:SAMPLE_CHARS]
    known = readable_language(sample)
    if known is not None:
        return known
    if sum(ch.isalpha() for ch in sample[:2000]) < MIN_LETTERS:
        return None
    lang, _ = _model().classify(sample)
    return str(lang)
