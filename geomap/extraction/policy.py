"""What extraction does apart by language, in one table: the pipeline asks the document's policy
(``policy_for``) where English reports and Russian or Ukrainian ones need different rules."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from . import cyr, dotguards
from .events import Trigger
from .lexicon_cyr import LEXICONS

# "the strike", "this attack": an English trigger naming an event already told
_ANAPHOR = re.compile(r"\b(?:the|this|that|these|those)\s+(?:[\w-]+\s+)?$", re.I)


@dataclass(frozen=True)
class LanguagePolicy:
    """One language's rules.

    - ``outage_places``: a place told as left without power (dotguards' English outage words) is its oblast, the
      outage's and not the strike's; a Russian or Ukrainian outage after an attack is left out by cyr instead.
    - ``may_name_origin(text, located)``: whether a strike's sentence may name the side its fire came from ("from
      the direction of X", "з боку X"), whose places (``fired_from_across``) are not where it fell.
    - ``drops_elsewhere``: an event known only by an oblast outside the mapped ones is a Russian or Ukrainian
      summary's or roundup's aside, left out and counted.
    - ``anaphor(text, trigger)``: whether the trigger names an event told before ("the strike", "в ходе отражения
      атаки"), a restatement that the event told before absorbs.
    """

    language: str
    outage_places: bool
    may_name_origin: Callable[[str, list], bool]
    drops_elsewhere: bool
    anaphor: Callable[[str, Trigger], bool]

    def fired_from_across(self, text: str, start: int) -> bool:
        """Whether the place at ``start`` is named as the side fire came from (``dotguards.fired_from_across``)."""
        return dotguards.fired_from_across(text, start, self.language)


def _from_in_english(text: str, located: list) -> bool:
    return " from " in text


def _origin_mentioned(text: str, located: list) -> bool:
    return any(l.mention.origin for l in located)


def _english_anaphor(text: str, t: Trigger) -> bool:
    return _ANAPHOR.search(text, max(0, t.start - 12), t.start) is not None


ENGLISH = LanguagePolicy("en", outage_places=True, may_name_origin=_from_in_english, drops_elsewhere=False,
                         anaphor=_english_anaphor)
POLICIES = {
    "en": ENGLISH,
    **{lang: LanguagePolicy(lang, outage_places=False, may_name_origin=_origin_mentioned, drops_elsewhere=True,
                            anaphor=cyr.told_before) for lang in LEXICONS},
}


def policy_for(language: str | None) -> LanguagePolicy:
    """The policy of a document in ``language``: English for any language without a Cyrillic lexicon (as the
    pipeline reads it: a document it cannot read extracts nothing anyway)."""
    return POLICIES.get(language or "", ENGLISH)
