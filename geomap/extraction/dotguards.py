"""English guards against wrong dots (issue 16): a capital's name meaning its oblast, a village framed by one
oblast but found in another, and a village's own hromada named beside it. Each decides from the sentence's words
only, so the pipeline's one place loop asks them in turn."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from ..gazetteer import oblast_table
from .lexicon_cyr import LEXICONS, word_regex


class CityWord(NamedTuple):
    """One word said of a city: its pattern in the sentence-wide search (``words``: a dot at the capital is right when
    the sentence has it), in the search for a city the sentence does not name (``only``: said of no other place),
    ``gate``, lower-case letters every match of either holds (the gates are generated from these records), and
    ``sample``, a phrase both patterns it has match."""

    gate: str
    words: str | None
    only: str | None
    sample: str


_FACILITY = "s?\\s+(?:in|of)"  # "hospitals in", "the station of": a city's facility
CITY_WORDS = (
    CityWord("cit", r"city|cities", r"city|cities", "cities"),
    CityWord("downtown", "downtown", "downtown", "downtown"),
    CityWord("mayor", "mayor", "mayor", "mayor"),
    CityWord("residential", "residential", None, "residential"),
    CityWord("apartment", "apartment", r"apartments?", "apartment"),
    CityWord("flat", r"flats?", None, "flats"),
    CityWord("high-rise", "high-rise", r"high-rises?", "high-rise"),
    CityWord("flat", r"block\s+of\s+flats", r"blocks?\s+of\s+flats", "block of flats"),
    CityWord("neighbo", r"neighbou?rhoods?", None, "neighborhoods"),
    CityWord("suburb", r"suburbs?", None, "suburb"),
    CityWord("street", r"streets?", None, "streets"),
    CityWord("avenue", "avenue", None, "avenue"),
    CityWord("square", "square", None, "square"),
    CityWord("cit", r"city\s+cent(?:re|er)", None, "city centre"),
    CityWord("cent", r"cent(?:re|er)\s+of", None, "centre of"),
    CityWord("regional", r"regional\s+(?:centre|center|capital)", None, "regional capital"),
    *(CityWord(stem, word + _FACILITY, None, word + " in") for stem, word in (
        ("hospital", "hospital"), ("school", "school"), ("universit", "university"), ("station", "station"),
        ("airport", "airport"), ("market", "market"), ("church", "church"), ("cathedral", "cathedral"))),
    # "the Zarichnyi district of", a city's own part
    CityWord("district", r"(?:[A-Z][\w'’-]+\s+)(?:district|microdistrict)\s+of", r"microdistricts?",
             "Zarichnyi microdistrict of"),
    CityWord("cit", r"inside\s+the\s+city", None, "inside the city"),
    CityWord("outskirts", "outskirts", None, "outskirts"),
    CityWord("environs", "environs", None, "environs"),
    CityWord("nearby", r"(?:and|its)\s+nearby\s+(?:areas|villages|settlements)", None, "and nearby areas"),
    CityWord("surrounding", r"(?:and|its)\s+surrounding\s+(?:areas|villages|settlements)", None,
             "its surrounding villages"),
    CityWord("stor", None, r"multi-?stor(?:e)?y|(?:five|nine|ten|twelve|\d+)-stor(?:e)?y", "nine-story"),
)


def _city_pattern(field: str) -> tuple[re.Pattern, tuple[str, ...]]:
    """The regex of the records' ``field`` alternatives and the gate words of those records."""
    used = [w for w in CITY_WORDS if getattr(w, field) is not None]
    return (re.compile(r"\b(?:" + "|".join(getattr(w, field) for w in used) + r")\b", re.I),
            tuple(dict.fromkeys(w.gate for w in used)))


# words said only of the city: a dot at the capital is right when the sentence has one of them
_CITY_WORDS, _WORDS_GATE = _city_pattern("words")
# words said only of a city, whichever it is: in a sentence that names no town, of the capital the report names bare
_CITY_ONLY, _ONLY_GATE = _city_pattern("only")
# words of the whole region's war: the incursion, ground fighting, a day's tally of attacks ("troops" and
# "operation" are not: "Russian troops struck Sumy" and "the rescue operation in Sumy" are said of the city)
_REGION_WORDS = re.compile(
    r"\b(?:incursions?|invasion|offensives?|counter-?offensives?|fighting|fought|battles?|"
    r"battlefield|frontline|front\s+line|breakthrough|salient|foothold|occupied|occupation|"
    r"liberat\w+|North\s+Korean?s?|"
    r"(?:came|come|comes|were|was)\s+under\s+(?:attack|fire|shelling)\s+\d+\s+times|\d+\s+times|"
    r"\d+\s+(?:attacks|strikes|shellings|explosions))\b", re.I)
# "Ukraine's Kursk", "Ukraine’s Kursk push": the invader's possessive is said of the region
_INVADER_BEFORE = re.compile(r"\bUkraine(?:'s|’s)\s+$")


# "drones downed over Kursk, Belgorod and Bryansk": a capital listed with other regions' names is its region. The
# neighbouring oblasts geomap maps come from its oblast table; the Russian regions beyond them, which tallies of
# downed drones list beside Kursk, are named here (no table of geomap's holds them)
_BEYOND_THE_MAP = ("Oryol", "Orel", "Voronezh", "Lipetsk", "Kaluga", "Smolensk", "Rostov")
_REGIONS = "(?:" + "|".join([o.admin1.removesuffix(" Oblast") for o in oblast_table() if o.role != "focus"]
                            + list(_BEYOND_THE_MAP)) + ")"
# (not "Sumy and the Kharkiv region": a writer who names the region as one says the city by the bare name)
_REGION_LIST_AFTER = re.compile(r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)" + _REGIONS + r"\b(?!\s+(?:regions?|oblasts?|provinces?)\b)")
# "Sumy and the Kharkiv region": a writer who names the other region as one says the city by the bare name
_REGION_AS_ONE_AFTER = re.compile(r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?(?:neighbou?ring\s+)?" + _REGIONS
                                  + r"\s+(?:region|oblast|province)\b(?!\s+and\b)", re.I)
_REGION_LIST_BEFORE = re.compile(r"\b" + _REGIONS + r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?$")


def capital_means_oblast(text: str, start: int, end: int, oblast_named_by_capital: bool = False) -> bool:
    """Whether the bare capital at ``start:end`` stands for its oblast: the sentence speaks of the region's
    war ("fighting in Kursk", "Ukraine's Kursk", "Sumy came under attack 14 times"), lists it with other regions
    ("over Kursk, Belgorod and Bryansk"), or already used the name for
    the oblast ("Kursk's governor ... in Kursk"), and says nothing only the city has ("the city", "a residential
    building", "the mayor", a street)."""
    if says_city(text):
        return False
    if oblast_named_by_capital or _INVADER_BEFORE.search(text, max(0, start - 12), start) \
            or _REGION_LIST_AFTER.match(text, end) or _REGION_LIST_BEFORE.search(text, max(0, start - 30), start):
        return True
    return _REGION_WORDS.search(text) is not None


# the note a bare capital's place carries until the document says the city ("Russia strikes Sumy with a bomb"):
# at the document's end it is the city only if some sentence spoke of the city by that name
BARE_CAPITAL = "a capital's bare name, the city not said in that sentence"
# "the city", "the regional centre": said in the sentence after a bare capital, it says that capital was the city
_THE_CITY = re.compile(r"\bthe\s+(?:city|regional\s+(?:centre|center|capital)|administrative\s+cent(?:re|er))\b", re.I)


def _gated(text: str, gate: tuple[str, ...]) -> bool:
    """Whether the sentence holds a gate word (a sentence with none of them is searched no further)."""
    low = text.lower()
    return any(w in low for w in gate)


def city_beside_a_region(text: str, end: int) -> bool:
    """Whether the bare capital ending at ``end`` is listed with another region named as a region ("Drones hit Sumy
    and the Kharkiv region"): said so, the bare name is the city."""
    return _REGION_AS_ONE_AFTER.match(text, end) is not None


def says_city(text: str) -> bool:
    """Whether the sentence has a word said only of a city (a street, a flat, the mayor, "the city")."""
    return _gated(text, _WORDS_GATE) and _CITY_WORDS.search(text) is not None


def says_city_only(text: str) -> bool:
    """Whether the sentence has a word said only of a city ("the mayor", "the city centre", "a high-rise")."""
    return _gated(text, _ONLY_GATE) and _CITY_ONLY.search(text) is not None


def city_after(text: str) -> bool:
    """Whether the sentence calls a place "the city" or "the regional centre" (the capital named just before)."""
    return _THE_CITY.search(text) is not None


# what lies between a village and the oblast that frames it: "X in the Kursk region", "X, Kursk Oblast",
# "X (Sumy region)", "X of Russia's Kursk region"
_FRAME_GAP = re.compile(r"(?:\s*,\s*|\s*\(\s*|\s+(?:in|of|within)\s+)(?:the\s+|Russia(?:'s|’s)\s+|Ukraine(?:'s|’s)\s+|"
                        r"(?:neighbou?ring|western|southern|northern|border(?:ing)?)\s+)*$", re.I)
# "Kursk region's village of X", "in the Sumy Oblast village of X"
_FRAME_BEFORE_GAP = re.compile(r"^(?:['’]s)?\s+(?:(?:border|frontier|frontline)\s+)?(?:villages?|settlements?|"
                               r"towns?|hamlets?)\s+(?:of\s+)?$", re.I)


def framing_oblast(text: str, start: int, end: int, oblasts: list[tuple[int, int, str]]) -> str | None:
    """The oblast code the sentence puts the place at ``start:end`` in ("X in the Kursk region", "the Sumy
    region's village of X"), from its oblast mentions ``(start, end, code)``; None when none frames it."""
    for s, e, code in oblasts:
        if s >= end and _FRAME_GAP.fullmatch(text, end, s):
            return code
        if e <= start and _FRAME_BEFORE_GAP.match(text[e:start]):
            return code
    return None


# "the village of A in the B community": the hromada is where A is, not a second place
_IN_UNIT_GAP = re.compile(r"(?:(?:\s*,\s*|\s+)(?:in|of|within|part\s+of)\s+|\s*\(\s*)(?:the\s+)?$", re.I)


def frames_a_village(text: str, village_end: int, unit_start: int) -> bool:
    """Whether the hromada named at ``unit_start`` only says where the village named just before it lies."""
    return village_end <= unit_start and _IN_UNIT_GAP.fullmatch(text, village_end, unit_start) is not None


# "the village of A, B community": the unit in apposition (a list reads alike: the caller asks that A lies in B)
_APPOSED_GAP = re.compile(r"\s*,\s*(?:the\s+)?")
# "In the B community, a drone hit the village of A": the unit leads the sentence, a frame for what follows
_LEAD_BEFORE = re.compile(r"\s*(?:(?:on|late|early|overnight)\s+[\w'’ ]{0,20}?\s+)?(?:in|within)\s+(?:the\s+)?", re.I)
_LEAD_AFTER = re.compile(r"\s*[,:]")


def apposed_to_a_village(text: str, village_end: int, unit_start: int) -> bool:
    """Whether the hromada at ``unit_start`` stands in apposition to the village named just before it ("A, B
    community"); whether A lies in B is the caller's to ask."""
    return village_end <= unit_start and _APPOSED_GAP.fullmatch(text, village_end, unit_start) is not None


def leads_the_sentence(text: str, unit_start: int, unit_end: int) -> bool:
    """Whether the hromada at ``unit_start:unit_end`` opens the sentence as its frame ("In the B community, ...")."""
    return _LEAD_BEFORE.fullmatch(text, 0, unit_start) is not None and _LEAD_AFTER.match(text, unit_end) is not None


class OutageWord(NamedTuple):
    """One word of a power outage: ``gate``, lower-case letters every match of it holds (the sentences' gate is
    generated from these records), ``words``, its pattern, ``roles``, the phrases it stands in (_OUTAGE_FRAMES), and
    ``sample``, a sentence in which it alone tells that Romny lost power."""

    gate: str
    words: str
    roles: tuple[str, ...]
    sample: str


_SUPPLY = ("cut_off", "without", "lost", "cut")  # what a place has and loses: "lost power", "power cuts in"
OUTAGE_WORDS = (
    OutageWord("power", "power", _SUPPLY, "Romny lost power after drones hit a substation on Sunday."),
    OutageWord("electric", "electricity", _SUPPLY, "Electricity cuts in Romny followed the Sunday attack."),
    OutageWord("light", "light", ("without",), "The Sunday raid left the town of Romny without light."),
    OutageWord("grid", "grid", ("cut_off",), "Romny was cut off from the grid on Sunday."),
    OutageWord("darkness", "darkness", ("into",), "Romny was plunged into darkness on Sunday."),
    OutageWord("blackout", r"a\s+blackout", ("into",), "Romny was plunged into a blackout on Sunday."),
    OutageWord("blackout", r"blackouts?", ("listed", "spread"), "Blackouts hit Romny on Sunday."),
    OutageWord("outage", r"outages?", ("listed",), "There were outages in Romny on Sunday."),
    OutageWord("energi", r"de-?energi[sz]ed", ("state",), "Romny was de-energised on Sunday."),
    OutageWord("blacked", r"blacked\s+out", ("state",), "Romny was blacked out on Sunday."),
)
_REMAINED = r"(?:left|plunged|remained|remain|remains)\s+(?:(?:partially|partly|completely|temporarily)\s+)?"
# "... without electricity, including the A and B hromadas in part": each place the outage lists
_LISTING = r"(?:\s*,\s*(?:including|notably|in\s+particular)|\s+(?:including|notably|in))"
# (side, role, phrase): "{}" stands for the words of the records of that role. "after": said after the place ("X and
# its raion lost power"); "before": said before it ("power outages in X"); "left": after a place that "left" spoke of
_OUTAGE_FRAMES = (
    ("after", "cut_off", r"cut\s+off\s+from\s+(?:the\s+)?{}"),
    ("after", "without", _REMAINED + r"without\s+{}"),
    ("after", "into", _REMAINED + r"into\s+{}"),
    ("after", "lost", r"lost\s+{}"),
    ("after", "state", "{}"),
    ("before", "cut", r"{}\s+(?:outages?|cuts?|was\s+cut|went\s+out)\s+(?:in|to|across|hit)"),
    ("before", "cut", r"cut\s+(?:off\s+)?{}\s+(?:to|in)"),
    ("before", "spread", r"{}\s+(?:in|across|hit)"),
    ("before", "without", r"without\s+{}" + _LISTING),
    ("before", "listed", "{}" + _LISTING),
    ("left", "without", r"(?:(?:partially|partly|completely|temporarily)\s+)?without\s+{}"),
)


def _outage_phrases(side: str) -> str:
    """The alternatives of ``side``'s frames, each with the words of the records of its role."""
    return "|".join(phrase.replace("{}", "(?:" + "|".join(w.words for w in OUTAGE_WORDS if role in w.roles) + ")")
                    for s, role, phrase in _OUTAGE_FRAMES if s == side)


# the place told as the one that lost power ("X and its raion lost electricity when drones hit the oblast's energy
# sites", "power outages in X"): where the lights went out, not where the strike hit; a strike
# told ON the place ("drones hit X, leaving the town without power") names it elsewhere in the sentence
_OUTAGE_AFTER = re.compile(
    r"(?:\s+and\s+(?:the\s+|its\s+)?(?:[A-Z][\w'’-]+\s+)?(?:district|raion|hromada|community|region|oblast|area|"
    r"suburbs|villages)s?)?\s+(?:(?:has|have|had|was|were|is|are)\s+(?:(?:been|partially|partly|completely|fully|"
    r"temporarily|also|again|briefly)\s+){0,3})?(?:" + _outage_phrases("after") + r")\b", re.I)
_OUTAGE_BEFORE = re.compile(
    r"\b(?:" + _outage_phrases("before") + r")\s+"
    r"(?:(?:the|parts?\s+of|most\s+of|much\s+of)\s+)*(?:(?:city|town|village|settlement)\s+of\s+)?"
    r"(?:[A-Z][\w'’-]+(?:\s*,\s*|\s+and\s+))*$", re.I)


# "the attack left the city of X without electricity": X is what "left" speaks of
_LEFT_BEFORE = re.compile(r"\bleft\s+(?:[\w'’,-]+\s+){0,5}$")
_WITHOUT_AFTER = re.compile(r"\s+(?:" + _outage_phrases("left") + r")\b", re.I)
_OUTAGE_GATE = tuple(dict.fromkeys(w.gate for w in OUTAGE_WORDS))


def outage_gate(text: str) -> bool:
    """Whether the sentence may tell an outage (every ``lost_power`` match holds a gate word of OUTAGE_WORDS)."""
    return _gated(text, _OUTAGE_GATE)


def lost_power(text: str, start: int, end: int) -> bool:
    """Whether the place named at ``start:end`` is told as the one left without power ("X and its raion lost
    electricity when drones hit the oblast's energy sites", "power outages in X", "the raid left the town of X
    without electricity"): the outage's place, not the strike's. Ask ``outage_gate`` first."""
    return _OUTAGE_AFTER.match(text, end) is not None \
        or _OUTAGE_BEFORE.search(text, max(0, start - 80), start) is not None \
        or _WITHOUT_AFTER.match(text, end) is not None \
        and _LEFT_BEFORE.search(text, max(0, start - 60), start) is not None


# where fire came from, across the border: "shelled from the direction of X", "from the side of the Russian village
# of X"; the Cyrillic phrases are the origin records' words of more than one word ("со стороны", "з боку")
_FIRED_FROM_EN = re.compile(r"\bfrom\s+(?:the\s+)?(?:side|direction|territory)\s+of\s+(?:(?:the|Russia['’]s|"
                            r"Ukraine['’]s|Russian|Ukrainian|border|frontier|village|town|settlement|city|of)\s+){0,5}$",
                            re.I)


@lru_cache(maxsize=4)
def _fired_from(language: str) -> re.Pattern:
    if language == "en":
        return _FIRED_FROM_EN
    phrases = [word_regex(w) for w in LEXICONS[language].origin.words if " " in w]
    return re.compile(r"(?<![\w'’ʼ-])(?:" + "|".join(phrases) + r")\s+(?:[\w'’ʼ.-]+\s+){0,2}$", re.I)


def fired_from_across(text: str, start: int, language: str) -> bool:
    """Whether the place at ``start`` is named as the side fire came from ("from the direction of X", "со
    стороны X", "з боку X"): fire from across the border fell elsewhere, so X is never the strike's place
    (and a namesake of X on the target's side, which the gazetteer may find first, is no place of it either)."""
    return _fired_from(language).search(text, max(0, start - 70), start) is not None
