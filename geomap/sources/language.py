"""The language of a document's text, as an ISO 639-1 code (py3langid).

Detection reads at most the first ``SAMPLE_CHARS`` characters: enough for a
news text, and a 100 MB file costs no more than a short one.
"""
from __future__ import annotations

SAMPLE_CHARS = 20_000
MIN_LETTERS = 12  # fewer letters than this say nothing reliable about a language

_identifier = None


def _model():
    global _identifier
    if _identifier is None:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _identifier


def detect_language(text: str) -> str | None:
    """``'en'``, ``'ru'``, ``'uk'``, … for ``text``, or None when it holds too few letters to tell."""
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample[:2000]) < MIN_LETTERS:
        return None
    lang, _ = _model().classify(sample)
    return str(lang)
