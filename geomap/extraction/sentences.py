"""Sentence and paragraph splitting with character offsets into the document.

One regex finds candidate boundaries (end punctuation before a capital, or a
blank line); a short abbreviation list vetoes false ones. Offsets are kept so
each quote can be found in the source file.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Iterator

from .quickinit import quick_init

_BOUNDARY = re.compile(
    # every boundary starts at a closing quote or bracket, a space or a "#": one test of the
    # character rejects most positions before the alternatives are tried (same matches)
    r"(?=[\s\"'\u201d\u2019)\]#\u0400-\u042f\u0490\u0404\u0406\u0407])(?:"
    r"(?<=[.!?])[\"'\u201d\u2019)\]]*(?:[ \t]*\n[ \t]*\n\s*|\s+)(?=[\"'\u201c\u2018\u00ab\u201e(\[]?[A-Z0-9\u0400-\u04ff])"
    r"|(?<=[.!?])[\"'\u201d\u2019)\]]*[ \t]*\n\s*(?=[-\u2013\u2014\u2022*]\s)"  # a bullet line after a full stop
    r"|\n[ \t]*\n\s*"
    r"|(?<=\n)(?=#)"
    # a Cyrillic sentence glued to the one before it, no space between ("сказал собеседник.По его словам"),
    # as some agencies' pages come; an abbreviation before the stop is vetoed below (_CYR_GLUED_ABBREV)
    r"|(?<=[\u0430-\u045f\u0491\u0454\u0456\u0457][.!?])(?=[\u0400-\u042f\u0490\u0404\u0406\u0407][\u0430-\u045f]))"
)
_CYR_WORD_BEFORE = re.compile(r"([\w-]+)[.!?]$")
# "пос.Коренево", "с.Тёткино", "ул.Ленина", "г.Курск": a short word or an abbreviation glued to a name
_CYR_GLUED_ABBREV = frozenset("пос дер пгт смт обл сел гор тыс тис млн млрд руб грн ул вул просп пр им ім ст мкр "
                              "р-н н-п др див рис табл".split())
_ABBREVIATIONS = ("Mr Mrs Ms Dr Gen Lt Col Maj Capt Sgt Adm Cpt St Jr Sr No vs approx est Jan Feb Mar Apr Aug Sep Sept "
                  "Oct Nov Dec U.S U.K e.g i.e etc").split()
_ABBREV = re.compile(
    r"(?:\b(?:" + "|".join(re.escape(a) for a in _ABBREVIATIONS) + r")|\b[A-Z])\.$"
)
# every _ABBREV match ends the text with one of these: a text that ends with none is no abbreviation,
# settled by one str.endswith instead of a regex search (most sentences end in a plain word)
_ABBREV_TAILS = tuple(a + "." for a in _ABBREVIATIONS) + tuple(chr(c) + "." for c in range(ord("A"), ord("Z") + 1))
# "тыс.", "млн.": abbreviations of a Cyrillic count, which end no sentence when a lower-case word follows
_CYR_ABBREV_TAILS = (" тыс.", " тис.", " млн.", " млрд.", " руб.", " грн.")
_PARA = re.compile(r"\n[ \t]*\n")
# "Read also: ...", "Читайте також: ...": a line that points to another article, whose headline it repeats
# the English words of such a link, also found glued to the end of a sentence (_GLUED_LINK)
_LINK_EN = r"read\s+(?:also|more)|see\s+also|related|also\s+read"
_CROSS_LINK = re.compile(r"\s*[-\u2013\u2014\u2022*]?\s*(?:" + _LINK_EN + r"|"
                         r"читайте(?:\s+(?:также|також|тоже))?|также\s+читайте|також\s+читайте|смотрите\s+также|"
                         r"дивіться\s+також|по\s+теме|на\s+тему)\s*[:.|\u2013\u2014-]", re.I)  # ("Also Read | ...")


def cross_link(text: str) -> bool:
    """Whether a sentence is a link to another article ("Read also: ..."): the other article's headline is
    no report of this one's events."""
    return _CROSS_LINK.match(text) is not None


# the same link glued to the end of a sentence with no break ("... (Esman community).Read also: Missile
# strike on a Sumy district"), as agencies' pages run their related-article lines into the text
_GLUED_LINK = re.compile(r"(?<=[.!?\"\u201d)])[ \t]*(?=[A-Z])(?i:" + _LINK_EN + r")\s*[:|]")


def cut_glued_link(text: str) -> str:
    """The sentence without a link to another article glued to its end (blanked to the end of its line, so
    offsets hold): that article's headline is no report of this one."""
    if "ead" not in text and "ee also" not in text and "elated" not in text:  # ("Read also", "Also read:")
        return text
    m = _GLUED_LINK.search(text)
    if m is None:
        return text
    end = text.find("\n", m.start())
    end = len(text) if end < 0 else end
    return text[:m.start()] + " " * (end - m.start()) + text[end:]


_WS = re.compile(r"\s+")


@quick_init
@dataclass(frozen=True)
class Sentence:
    """A sentence's text, its [start, end) offsets in the document, and its paragraph number."""

    start: int
    end: int
    text: str
    paragraph: int

    @property
    def quote(self) -> str:
        """The sentence with line breaks and runs of spaces folded, as a quote."""
        # str.split() splits on exactly the characters \s matches: the same as _WS.sub(" ", text).strip(), faster
        return " ".join(self.text.split())


def split_sentences(text: str, offset: int = 0, paragraph: int = 0) -> Iterator[Sentence]:
    """Sentences of ``text``; ``offset`` is the text's position in the document.

    ``paragraph`` numbers continue from the given value; a blank line starts a new one.
    """
    pos = 0
    para = paragraph
    n = len(text)
    glued = _glued_cuts(text)  # (most texts hold no glued sentence)
    for m in _BOUNDARY.finditer(text):
        end = m.start()
        sep = m.group()
        blank = "\n" in sep and _PARA.search(sep) is not None  # a blank line: a new paragraph
        if end <= pos:
            if blank:
                para += 1
            pos = max(pos, m.end())
            continue
        if not sep and text[end - 1:end] in ".!?" and ((w := _CYR_WORD_BEFORE.search(text, max(pos, end - 16), end))
                                                      is None or len(w.group(1)) < 3
                                                      or w.group(1).lower() in _CYR_GLUED_ABBREV):
            continue
        if sep and not blank and text.endswith(_ABBREV_TAILS, max(pos, end - 8), end) \
                and _ABBREV.search(text, max(pos, end - 8), end):
            continue
        if sep and not blank and text.endswith(_CYR_ABBREV_TAILS, max(pos, end - 6), end) \
                and (text[m.end():m.end() + 1].islower() or text[m.end():m.end() + 1].isdigit()):
            # "более 68 тыс. военнослужащих", "26 тыс. 550 солдат": a Russian or Ukrainian count's abbreviation,
            # the sentence goes on
            continue
        if glued and (k := bisect_right(glued, pos)) < len(glued) and glued[k] < end:
            yield from _pieces(text, pos, end, offset, para, glued[k:])
        elif (s := _make(text, pos, end, offset, para)) is not None:
            yield s
        if blank or sep.startswith("\n"):
            para += 1
        pos = m.end()
    if pos < n:
        yield from _pieces(text, pos, n, offset, para, glued)


# an English sentence glued to the one before it, no space between ("the staff wrote in its update.Another unit
# ..."), as some agencies' pages come: a word of three small letters before the full stop, a capitalised word of
# three letters or more after it (not "News.Az", "Gazeta.Ru", "U.S.")
_GLUED_EN = re.compile(r"\.(?=[A-Z][a-z]{2})(?<=[a-z]{3}.)")


def _glued_cuts(text: str) -> list[int]:
    """Where glued English sentences part (just after the full stop); found by str.find, which passes over a
    text many times faster than a regular expression's scan, the pattern tried only at a stop before a capital."""
    cuts = []
    i = text.find(".")
    while i >= 0:
        if text[i + 1:i + 2].isupper() and _GLUED_EN.match(text, i):
            cuts.append(i + 1)
        i = text.find(".", i + 1)
    return cuts


def _pieces(text: str, start: int, end: int, offset: int, para: int, cuts: list[int]) -> Iterator[Sentence]:
    """The sentence between ``start`` and ``end``, parted at the glued sentences' ``cuts`` inside it."""
    for cut in cuts:
        if cut >= end:
            break
        if start < cut:
            s = _make(text, start, cut, offset, para)
            if s is not None:
                yield s
            start = cut
    s = _make(text, start, end, offset, para)
    if s is not None:
        yield s


def _make(text: str, start: int, end: int, offset: int, para: int) -> Sentence | None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return None
    lead = len(chunk) - len(chunk.lstrip())
    s = start + lead
    e = s + len(stripped)
    return Sentence(offset + s, offset + e, stripped, para)
