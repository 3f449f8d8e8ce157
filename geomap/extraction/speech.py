"""English speech verbs: one record of their forms, and which statement patterns use each (issue 16).

Every pattern that finds who said what ("X said", "he added", '..." X wrote', "this was reported by X",
"the governor said on Tuesday") takes its verbs from ``VERBS`` through ``alternation``, and its gate
(the first four letters of the verbs, see lexicon.gate_keys) through ``keys``: adding a verb or a form is one
edit here. ``tests/test_speech.py`` checks the generated parts against the record.
"""
from __future__ import annotations

# the patterns (roles) a verb form serves:
#   attribution  "X said", ", said X", "according to": lexicon.SPEECH_HINT, SPEECH_VERB, ATTRIBUTION
#   pronoun      "he said", "she added": the words of the speaker named before (claims)
#   titled       "Deputy Head of the Council Ivan Example announced": a long title before the name (claims)
#   set_off      "The administration, in a post on Telegram, said" (claims)
#   after_quote  '..." Khinshtein wrote': the speaker after a closing quotation mark (claims)
#   claims_to    "the ministry claimed to have struck" (claims)
#   this_was     "This was reported by the mayor" (claims)
#   said_this    "the administration reported this on Telegram" (claims)
#   by           "reported by the regional governor" (events)
#   day          "the governor said on Tuesday": a statement's day (dates)
#   night        "said on the night of": a statement's night (dates)
#   addressee    "told reporters Friday": up to two words (whom) between the verb and the day (dates)
ROLES = frozenset(("attribution", "pronoun", "titled", "set_off", "after_quote", "claims_to", "this_was", "said_this",
                   "by", "day", "night", "addressee"))

VERBS: tuple[tuple[str, str], ...] = (
    ("said", "attribution pronoun titled set_off after_quote this_was said_this day night"),
    ("says", "attribution pronoun titled set_off after_quote day night"),
    ("say", "attribution"),
    ("claimed", "attribution pronoun titled claims_to by day"),
    ("claims", "attribution claims_to"),
    ("claim", "attribution claims_to"),
    ("reported", "attribution pronoun titled set_off this_was said_this by day night"),
    ("reports", "attribution"),
    ("stated", "attribution pronoun titled set_off after_quote this_was said_this by day night"),
    ("states", "attribution"),
    ("announced", "attribution pronoun titled set_off this_was said_this by day night"),
    ("announces", "attribution"),
    ("told", "attribution pronoun titled day addressee"),
    ("tells", "attribution"),
    ("alleged", "attribution"),
    ("alleges", "attribution"),
    ("asserted", "attribution"),
    ("wrote", "attribution pronoun titled set_off after_quote said_this day night"),
    ("writes", "attribution after_quote"),
    ("written", "this_was"),
    ("informs", "attribution said_this"),
    ("informed", "attribution said_this"),
    ("posted", "attribution this_was said_this by day night"),
    ("added", "attribution pronoun titled set_off after_quote day night"),
    ("confirmed", "attribution pronoun titled this_was said_this by day"),
    ("confirms", "attribution"),
    ("insisted", "attribution pronoun"),
    ("estimated", "attribution"),
    ("estimates", "attribution"),
    ("cited", "attribution"),
    ("assessed", "attribution"),
    ("assess", "attribution"),
    ("assesses", "attribution"),
    ("noted", "pronoun titled after_quote"),
    ("explained", "pronoun titled after_quote"),
    ("stressed", "pronoun after_quote"),
    ("emphasised", "pronoun after_quote"),
    ("emphasized", "pronoun after_quote"),
    ("assured", "pronoun"),
    ("warned", "pronoun"),
    ("clarified", "pronoun"),
    ("specified", "pronoun"),
)


def forms(*roles: str, but: str = "") -> tuple[str, ...]:
    """The verb forms serving any of ``roles`` (and not the role ``but``), in the record's order."""
    assert set(roles) <= ROLES and (not but or but in ROLES), (roles, but)
    out = []
    for form, uses in VERBS:
        mine = uses.split()
        if any(r in mine for r in roles) and but not in mine:
            out.append(form)
    return tuple(out)


def alternation(*roles: str, but: str = "") -> str:
    """The forms of ``roles`` as one regex group, ``(?:said|says|...)`` (lower-case: patterns matching
    capitalised text compile it with re.I)."""
    return "(?:" + "|".join(forms(*roles, but=but)) + ")"


def keys(*roles: str) -> frozenset[str]:
    """The gate keys of ``roles``' forms: their first four letters."""
    return frozenset(f[:4] for f in forms(*roles))
