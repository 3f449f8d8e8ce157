"""Place mentions in a sentence: one token-trie pass over the gazetteer's alias index.

Every normalised alias of every place in the mapped oblasts (and every oblast
phrase the geocoder knows) is a path of normalised tokens in one trie. Each
capitalised word of a sentence starts a walk down the trie, word by word,
keeping the longest name that ends there (leftmost-longest), so the cost grows
with the text, not with the number of places (no regex per place). Names the trie
does not know but the wording marks as places ("the village of X", "near X",
"X district") become candidates, so an unknown village is reported rather than
dropped. Resolution goes through :func:`geomap.geocoding.geocode` with the
document's oblast context.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import chain
from typing import Any, Iterable, Protocol

from ..gazetteer import oblast_by_code, oblast_table, place_keys
from ..hromadas import HROMADA_OBLAST
from ..regions import FOCUS_CODES
from ..names import normalise
from .lexicon import PROSPECT_TARGET_BEFORE, ascii_twin
from .lexicon_cyr import BEARINGS, word_regex
from .quickinit import quick_init

_TOKEN = re.compile(r"[^\W_][\w'’ʼ-]*", re.UNICODE)
# a capitalised word not inside a longer word: the capital first, then the look-behind over it and
# the character before (the same matches as (?<![\w'’ʼ-]) in front, but a leading character class
# lets the regex engine jump from capital to capital, twice as fast)
_CAP = re.compile(r"[A-Z\u0400-\u042f\u0406\u0407\u0404\u0490](?<![\w'’ʼ-].)[\w'’ʼ-]*")
_CAP_ASCII = ascii_twin(_CAP)
# "Sumy and Kharkiv regions", "the Kursk, Belgorod and Bryansk oblasts", "Sumy and neighbouring Kharkiv region":
# the words after the first name (the word said once; in the singular only after "neighbouring")
_JOINT_REGIONS = re.compile(r"((?:\s*,\s*[A-Z][\w'’-]+)*\s*,?\s+(?:and|or)\s+(neighbou?ring\s+|adjacent\s+)?[A-Z][\w'’-]+)\s+"
                            r"(?:(?:regions|oblasts|provinces)\b|(?(2)(?:region|oblast|province)\b|(?!)))")
_CAP_WORD = re.compile(r"[A-Z][\w'’-]+")
_NEXT = re.compile(r"[ \t]*\n?[ \t]*([^\W_][\w'’ʼ-]*)")
_POSSESSIVE = re.compile(r"(?:'s|’s|ʼs)$")
_END = object()

# Aliases that are everyday English words or given names; matched only inside a place phrase.
STOP_ALIASES = frozenset({
    "sad", "smile", "tim", "sai", "bereza", "belaia", "sloboda", "hrun", "mir", "pod", "bor", "les", "iar",
    "most", "pole", "rus", "rosa", "lesnoi", "zaria", "front", "oktiabr", "pervomaiskii", "central",
    "oblast", "region", "district", "area", "village", "town", "city", "border", "north", "south", "east",
    "west", "may", "nova", "stara", "nove", "staroe", "novoe", "s", "m", "d",
})
_TOWN_AREA_WORDS = {normalise("region"): "district", normalise("area"): "near"}
_REGION_KEY = normalise("region")
# compared with the tokeniser's keys, so in their normalised form ("community" is "communiti")
DISTRICT_WORDS = frozenset(map(normalise, ("district", "raion", "rayon", "rajon", "hromada", "community", "municipal")))
NEAR_BEFORE = re.compile(r"\b(?:near|outside|around|close\s+to|next\s+to|(?:on\s+)?the\s+outskirts\s+of|"
                         r"(?:\d+\s*(?:km|kilometres|kilometers|miles)\s+)?(?:north|south|east|west|north-?east|"
                         r"north-?west|south-?east|south-?west)\s+of|\d+\s*(?:km|kilometres|kilometers|miles)\s+(?:from|of)(?:\s+the\s+(?:city|town|village)\s+of)?)\s+$", re.I)
# the loose "near" words of LOOSE_NEAR, in English, Russian and Ukrainian: "near Kursk", "под Курском" are said of
# places a hundred kilometres from the city; "on the outskirts of", "5 km north of" are not
# ... and the words of a direction or a goal ("в направлении Сум", "у бік Сум", "стянули войска в район города Сумы",
# "приближаются к Сумам"): a front or an aim, which for a capital is its oblast
LOOSE_NEAR = re.compile(r"(?<![\w'’-])(?:near|around|outside|close\s+to|под|під|около|возле|близ|вблизи|біля|поблизу|"
                        r"недалеко\s+от|неподалік|в\s+районе|в\s+районі|у\s+районі|"
                        r"(?:(?:в|у|на)\s+(?:направлении|напрямку)|в\s+сторону|[ву]\s+бік|[ву]\s+район|"
                        r"(?:приближа|продвига|продвинул|наближа|наблизи|просува|просунул)\w*\s+(?:к|до)|"
                        r"(?:прорыв|прорва|прорив|наступлени|наступ(?!н))\w*\s+(?:к|до))"
                        r"(?:(?:\s+[\w-]+(?:ого|ої))?\s+(?:города|міста))?)\s+$", re.I)
ORIGIN_BEFORE = re.compile(r"\bfrom\s+(?:(?:their|its|the|positions|bases?|launch\s+sites?|in|across|inside|\w+(?:'s|’s)?)\s+){0,3}$", re.I)
# "carrying people toward Sumy": where something was going, never where it happened; and the goal of an offensive
# ("a breakthrough to Sumy city", "pushing closer to Sumy", "trying to approach the city of Sumy", "threatening
# Sumy", "the road to Sumy"): the fighting is short of the town (not "tried to storm X": that fighting is at X)
DESTINATION_BEFORE = re.compile(r"\b(?:toward|towards|heading\s+(?:to|for)|bound\s+for|en\s+route\s+to|on\s+the\s+way\s+to|"
                                r"br(?:eak|eaks|eaking|oke|oken)\s+through\s+to|breakthroughs?\s+to|(?:closer|nearer)\s+to|"
                                r"(?:march|marches|marching|marched)\s+on|(?:direct\s+)?(?:route|road|path|way)\s+to|"
                                r"threat(?:en|ens|ened|ening)?(?:\s+to)?|"
                                r"(?:try|tries|trying|tried|attempt(?:s|ing|ed)?|seek(?:s|ing)?|sought|aim(?:s|ing|ed)?)\s+to\s+"
                                r"(?:approach|reach)|"
                                # "the likelihood of capturing Sumy", "no signs of an offensive on Sumy": a prospect
                                r"(?:probability|likelihood|chances?|risk|possibility|signs?)\s+of\s+(?:(?:a|an|the)\s+)?"
                                r"(?:[\w-]+\s+){0,2}?(?:capturing|taking|seizing|storming|(?:offensive|attack|assault)\s+(?:on|against)|"
                                r"(?:capture|fall)\s+of))\s+"
                                r"(?:(?:northern|northeastern|eastern)\s+)?(?:Ukraine['’]s\s+|Russia['’]s\s+)?"
                                r"(?:the\s+)?(?:(?:regional\s+)?(?:city|town|village|centre|center|capital)\s*,?\s+(?:of\s+)?)?$", re.I)
# Every NEAR_BEFORE match ends in one of these words and then whitespace, and every ORIGIN_BEFORE
# match holds "from" and ends in whitespace: on ASCII text (where lower() and re.I agree) a window
# without them is settled with no regex (searching 60 characters for NEAR_BEFORE takes ~5 µs).
_NEAR_LAST = ("near", "outside", "around", "to", "of", "from")
_NEAR_BEFORE_ASCII = ascii_twin(NEAR_BEFORE)
_ORIGIN_BEFORE_ASCII = ascii_twin(ORIGIN_BEFORE)


# the non-ASCII letters a case-blind regex takes for ASCII ones (İ ı ſ and the Kelvin sign): folded before the
# tests below on other text, so those tests stay necessary conditions of a match there too
_RE_I_ASCII = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def _near_before(before: str) -> bool:
    t = before.rstrip()
    if before.isascii():
        if len(t) == len(before) or not t[-8:].lower().endswith(_NEAR_LAST):
            return False
        return _NEAR_BEFORE_ASCII.search(before) is not None
    if len(t) == len(before) or not t[-8:].translate(_RE_I_ASCII).lower().endswith(_NEAR_LAST):
        return False  # Russian and Ukrainian text: settled without the regex, nearly always
    return NEAR_BEFORE.search(before) is not None


def _destination_before(before: str) -> bool:
    """"toward Sumy", "bound for Kursk", "a possible attack on Sumy": where something was going or aimed
    (every match holds one of these words)."""
    low = before.lower()
    if ("toward" in low or "heading" in low or "bound" in low or "route" in low or "way to" in low or "through" in low
            or "closer" in low or "nearer" in low or "march" in low or "road" in low or "path" in low or "threat" in low
            or "approach" in low or "reach" in low or "ood of" in low or "ity of" in low or "nce of" in low
            or "sk of" in low or "ces of" in low or "gns of" in low or "gn of" in low) \
            and DESTINATION_BEFORE.search(before) is not None:
        return True
    return ("possib" in low or "potent" in low or "plann" in low or "future" in low or "expect" in low or "immin" in low
            or "loom" in low or "anticip" in low or "prospect" in low) and PROSPECT_TARGET_BEFORE.search(before) is not None


def _origin_before(before: str) -> bool:
    if not before[-1:].isspace():
        return False
    if before.isascii():
        return "from" in before.lower() and _ORIGIN_BEFORE_ASCII.search(before) is not None
    return "from" in before.translate(_RE_I_ASCII).lower() and ORIGIN_BEFORE.search(before) is not None


# a route's two ends: "the road between A and B", "the A road from A to B" (a road leaves its first town: near A, and B
# is no second place), "a bus travelling from A to B" (the vehicle was anywhere on the way: neither end is the place)
_ROUTE = re.compile(r"\b(?:(?P<road>roads?|highways?|motorways?|routes?)|travel(?:l?ing|l?ed|s)?|driving|drove|going|"
                    r"heading|on\s+(?:its|their|his|her)\s+way)\s+(?:[a-z]+\s+){0,2}?(?:between|from)\s+"
                    r"(?:the\s+)?(?:(?:city|town|village)\s+of\s+)?(?P<a>[A-Z][\w'’-]+)(?:\s+[A-Z][\w'’-]+)?\s+"
                    r"(?:and|to|towards?)\s+(?:the\s+)?(?:(?:city|town|village)\s+of\s+)?(?P<b>[A-Z][\w'’-]+)")
_ROUTE_WORDS = ("road", "highway", "motorway", "route", "travel", "driving", "drove", "going", "heading", "way")
# the first word of a two-word village name ("Velyka", "Malaya", "Nove"), romanised from Ukrainian or Russian
_NAME_PREFIX = re.compile(r"(?<![\w'’-])(?:Velyk(?:a|yi|e|i)|Mal(?:a|yi|e|i|aya|oye|yy)|Nov(?:a|yi|e|i|aya|oye|yy)|"
                          r"Star(?:a|yi|e|i|aya|oye|yy)|Verkhn(?:ia|ii|ie|yaya|eye|iy)|Nyzhn(?:ia|ii|ie)|Nizhn(?:yaya|eye|iy)|"
                          r"Bolsh(?:aya|oye|oy)|Velik(?:aya|iy|oye))\s+$")
_CUE_A = r"(?:the\s+)?(?:village|town|settlement|hamlet)s?\s+of\s+(?P<a>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)"
_CUE_B = r"(?:near|outside|around|on\s+the\s+outskirts\s+of|in\s+the\s+(?:vicinity|direction|area)\s+of|" \
         r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)\s+of)\s+(?:the\s+)?(?P<b>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)"
_CUE_C = r"(?P<c>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s+(?:district|raion|rayon|hromada)"
# "freed Zorianyi Hai", "stormed Tykhe Ozero": the name a capture verb takes is a place, known to the index or not
_CUE_D = r"(?:liberated|freed|recaptured|retook|retaken|captured|seized|stormed)\s+(?:the\s+)?(?P<d>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)"
# "entered Zorkivka", "shelled Bilanka", "advanced to X": the name an attack or a move takes is a place too, so
# a village the index lacks is the event's (kept at the oblast), never the place of the sentence before

_MOVE = re.compile(r"\b(?:entered|attacked|shelled|struck|hit|bombed|reached|(?:advanced|pushed|moved)[ \t]+"
                   r"(?:to|into|toward|towards|on))[ \t]+(?:the[ \t]+)?(?P<d>[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+)?)(?!['’]s\b)")
_MOVE_ASCII = ascii_twin(_MOVE)
CUE = re.compile(r"\b(?:" + _CUE_A + "|" + _CUE_B + "|" + _CUE_D + "|" + _CUE_C + ")")
# CUE for a text without a district word: the third alternative, which tries every capitalised word,
# cannot match there, so it is switched off ("(?!)" never matches; group "c" stays, unmatched)
_CUE_NO_DISTRICT = re.compile(r"\b(?:" + _CUE_A + "|" + _CUE_B + "|" + _CUE_D + "|(?!)" + _CUE_C + ")")
_CUE_NO_DISTRICT_ASCII = ascii_twin(_CUE_NO_DISTRICT)
_DISTRICT_ANY = re.compile("district|raion|rayon|hromada")
_CUE_WORDS = ("village", "town", "settlement", "hamlet", "near", "outside", "around", "outskirts", "district",
              "raion", "rayon", "hromada", "vicinity", "direction", "area of", "th of", "st of")


def _and_name(text: str) -> bool:
    """Whether "and" or "or" comes before a capitalised word somewhere in the text (substring search)."""
    for glue in (" and ", " or "):
        i = text.find(glue)
        while i >= 0:
            j = i + len(glue)
            if text.startswith("the ", j):
                j += 4
            if text[j:j + 1].isupper():
                return True
            i = text.find(glue, j)
    return False


def _has_cue_word(low: str) -> bool:
    """Whether the lower-cased text holds any of _CUE_WORDS (substring tests, written out: three times
    faster than one alternation, twice as fast as a loop)."""
    return ("near" in low or "around" in low or "outside" in low or "outskirts" in low or "village" in low
            or "town" in low or "settlement" in low or "hamlet" in low or "district" in low or "raion" in low
            or "rayon" in low or "hromada" in low or "liberated" in low or "freed" in low or "captured" in low
            or "retook" in low or "retaken" in low or "seized" in low or "stormed" in low or "vicinity" in low
            or "direction" in low or "area of" in low or "th of" in low or "st of" in low)

# "the villages of A, B and C"; "liberated the following settlements over two days: A, B, C"
_LIST_CUE = re.compile(r"\b(?:villages|settlements|towns|hamlets)\s+of\s+")
# (or a dash: "listed the villages the enemy took — A, B and C")
_LIST_COLON = re.compile(r"\b(?:villages|settlements|towns|hamlets|localities)\b[^:.;\n—–]{0,60}(?::|\s[—–])[ \t]*(?=[A-Z])")
_LIST_FIRST = re.compile(r"(?:The\s+)?(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)")  # "The A, B and C hromadas"
# (an aside in brackets may follow a name: "A (2 km from the border), B (east of X) and C")
_LIST_NEXT_NAME = re.compile(r"(?:\s*\([^()]{0,100}\))?(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)")
# "the A, B and C hromadas": a list of names that one plural unit word closes
_NAME = r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?"
_UNIT_LIST = re.compile(r"(?P<names>" + _NAME + r"(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)" + _NAME + r")+)\s+"
                        r"(?P<unit>hromadas|communities|districts)\b")
_UNITS = {"hromadas": "hromada", "communities": "hromada", "districts": "district"}
# "the hromadas of A, B and C", "the communities of A and B": each name is a hromada, the unit word said first
# (and "communities such as A, B", "such communities as A and B", "the affected hromadas include A, B": each name the
# list gives is a hromada, not its centre's town)
_UNIT_OF = re.compile(r"\b(?:(?P<unit>hromadas|communities)\s+(?:of|such\s+as|(?:[\w-]+\s+){0,6}?includ(?:e|es|ed|ing)(?:\s+those\s+of)?)|"
                      r"such\s+(?P<unit2>hromadas|communities)\s+as)\s+(?:the\s+)?(?=[A-Z])")
# "took A and B", "shelled A, B and C", "fighting near A and B": after a verb of capture, attack or fire, or a
# "near" word, a list of names joined by "and"/"or" names places, each one known to the index or not
_VERB_LIST = re.compile(r"\b(?:liberated|freed|recaptured|retook|retaken|won\s+back|took\s+back|regained|reclaimed|captured|seized|stormed|took|taken|occupied|"
                        r"entered|attacked|assaulted|shelled|struck|bombed|pounded|targeted|near|outside|around|toward|towards|"
                        r"(?:capture|liberation|recapture|seizure|fall|control|vicinity|direction|outskirts|areas?)\s+of|"
                        r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)\s+of|"
                        r"(?i:fighting|battles?|clashes)\s+(?:[a-z]+\s+){0,4}?(?:for|in)|"
                        r"(?:advanced|advancing|pushed|pushing|broke|breaking)\s+(?:in|into|through\s+to|toward|towards)|"
                        r"(?:the\s+)?(?:villages|settlements|hamlets)|"
                        # "captured 11 settlements, including A, B and C"
                        r"(?:villages|settlements|hamlets|localities)(?:\s+[\w'’-]+){0,4}?,?\s+including|"
                        r"(?:toward|towards|on)\s+the\s+(?:villages?|settlements?)\s+of|"
                        # "beat off attacks on A and B", "an assault against A, B and C"
                        r"(?:attacks|assaults|attempts\s+to\s+attack|attempts\s+to\s+break\s+through\s+to)(?:\s+(?:on|against|near|at))?)"
                        r"\s+(?:the\s+)?(?=[A-Z][a-z])")
_VERB_LIST_ASCII = ascii_twin(_VERB_LIST)
# "A and B in the Sumy region were captured": a list of names before a passive verb of capture
_PASSIVE_LIST = re.compile(r"(?P<names>" + _NAME + r"(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)" + _NAME + r")+)\s*,?\s+"
                           r"(?:(?:in|of)\s+(?:the\s+)?[A-Z][\w'’-]+\s+(?:region|oblast|Oblast|district|province)\s+)?"
                           r"(?:were|have\s+been|had\s+been|are\s+now|are)\s+(?:now\s+|also\s+|reportedly\s+)?"
                           r"(?:captured|taken|liberated|recaptured|retaken|occupied|seized|freed|under\s+(?:Russian|Ukrainian)\s+control)\b")
NOT_PLACE = frozenset(map(normalise, (
    "Russia", "Ukraine", "Kyiv", "Moscow", "Washington", "Pyongyang", "North", "South", "East", "West", "The", "A",
    "Russian", "Ukrainian", "Korean", "North Korean", "Kremlin", "NATO", "European", "Europe", "Belarus",
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "It", "Its", "Their", "They", "He", "She", "We", "This", "That", "These", "Those", "Then",
)))


@quick_init
@dataclass(frozen=True)
class Mention:
    """Words of a sentence that name a place; offsets are within the sentence."""

    start: int
    end: int
    text: str
    kind: str  # "oblast", "place", "candidate"
    qualifier: str = ""  # "", "near", "district"
    origin: bool = False  # "from X": where something came from, not where it happened
    hits: Any = None  # the index entry that matched: places bearing the alias, or the oblast
    unit: str = ""  # "hromada", "district": the unit word a list named once for all ("A, B and C hromadas")
    loose: bool = False  # "near", "под": a word reporting also says of a whole region (not "outskirts", "5 km north")

    @property
    def name(self) -> str:
        """The mention with line breaks folded."""
        return " ".join(self.text.split())

    @property
    def query(self) -> str:
        if self.qualifier == "near":
            return f"near {self.name}"
        if self.unit:
            return f"{self.name} {self.unit}"
        return self.name


@quick_init
@dataclass(frozen=True)
class Located:
    """A mention resolved: the point, precision and ids, or unresolved (``lon`` is None)."""

    mention: Mention
    place: str | None
    gazetteer_id: str | None
    lon: float | None
    lat: float | None
    admin1: str | None
    admin1_code: str | None
    country: str | None
    geo_precision: str | None
    resolved: bool
    note: str = ""

    @property
    def rank(self) -> int:
        """Lower is more specific: the schema's order (settlement … hromada … oblast), then unresolved."""
        from ..schema import GEO_PRECISIONS

        gp = self.geo_precision or ""
        return GEO_PRECISIONS.index(gp) if self.resolved and gp in GEO_PRECISIONS else len(GEO_PRECISIONS)


class PlaceLayer(Protocol):
    """What the extractor needs from places: find mentions, resolve one with context."""

    def mentions(self, text: str) -> list[Mention]: ...

    def resolve(self, mention: Mention, context: list[str]) -> Located: ...


class TokenTrie:
    """Leftmost-longest matching of multi-token names over normalised tokens."""

    def __init__(self) -> None:
        self.root: dict[Any, Any] = {}
        self.size = 0

    def add(self, tokens: Iterable[str], payload: Any) -> None:
        node = self.root
        for t in tokens:
            node = node.setdefault(t, {})
        if _END not in node:
            self.size += 1
        node[_END] = payload

    def scan(self, tokens: list[str]) -> Iterable[tuple[int, int, Any]]:
        """(first token, end token, payload) of each leftmost-longest match."""
        i, n, root = 0, len(tokens), self.root
        while i < n:
            node = root.get(tokens[i])
            if node is None:
                i += 1
                continue
            j, best = i + 1, None
            if _END in node:
                best = (j, node[_END])
            while j < n:
                node = node.get(tokens[j])
                if node is None:
                    break
                j += 1
                if _END in node:
                    best = (j, node[_END])
            if best is None:
                i += 1
                continue
            yield i, best[0], best[1]
            i = best[0]


class Tokeniser:
    """Text → normalised tokens with character spans, caching each distinct word's key."""

    def __init__(self) -> None:
        self._cache: dict[str, tuple[str, ...]] = {}

    def key(self, word: str) -> tuple[str, ...]:
        """The normalised tokens of one word (possessive dropped), cached."""
        keys = self._cache.get(word)
        if keys is None:
            keys = tuple(normalise(_POSSESSIVE.sub("", word)).split())
            if len(self._cache) < 200_000:
                self._cache[word] = keys
        return keys

    def __call__(self, text: str) -> tuple[list[str], list[tuple[int, int]], list[bool]]:
        toks: list[str] = []
        spans: list[tuple[int, int]] = []
        caps: list[bool] = []
        cache = self._cache
        for m in _TOKEN.finditer(text):
            word = m.group()
            keys = cache.get(word)
            if keys is None:
                keys = tuple(normalise(_POSSESSIVE.sub("", word)).split())
                if len(cache) < 200_000:
                    cache[word] = keys
            s, e = m.span()
            up = word[0].isupper()
            for k in keys:
                toks.append(k)
                spans.append((s, e))
                caps.append(up)
        return toks, spans, caps


OUTSIDE = "outside"  # the geo_precision of a mention that names a place outside the mapped oblasts
ELSEWHERE_REGION = "region elsewhere"  # the qualifier of "the Odesa region" (GazetteerPlaces._regions_elsewhere)
# "the Odesa region", "Donetsk Oblast", "the Voronezh province": a capitalised name before a region word
_REGION_NAMED = re.compile(r"\b(?P<name>[A-Z][a-z'’-]+)\s+(?:[Rr]egion|[Oo]blast|[Pp]rovince)\b")
TOWN_SIZE = 20_000
# below this likeness (difflib's ratio of the two keys) a name is another name, not a spelling of the place's own
ANOTHER_NAME = 0.5
# a plant named after a city but standing by another town: the event is near that town, found in the
# gazetteer by its name (never typed coordinates); the words after the city name that make it the plant
FACILITY_TOWNS = {"Kursk": "Kurchatov"}  # Kursk nuclear power plant: beside Kurchatov
_FACILITY_CITIES = tuple(FACILITY_TOWNS)
_FACILITY_AFTER = re.compile(r"[ \t]+(?:nuclear[ \t]+power[ \t]+(?:plant|station)|nuclear[ \t]+plant|NPP(?:-2)?|"
                             r"N\.P\.P\.?|atomic[ \t]+(?:power[ \t]+)?(?:plant|station))\b(?:[ \t]+(?:II|2))?", re.I)
COMMON_NAME = 5  # namesakes in the gazetteer from which one listed place is no proof (Ivanivka, Pishchane)


# the note of a name whose places lie outside the document's oblasts, by the fields of the place's label
_NAMESAKE_NOTES: dict[tuple, str] = {}


@lru_cache(maxsize=10_000)
def _ranked(hits: tuple, context: tuple, key: str) -> tuple[Any, int]:
    """A name several places bear, ranked in a context: the best place and how many tie with it (kept: a report
    names the same few villages sentence after sentence in the same oblasts)."""
    from ..geocoding import rank_places, tied_places

    ranked = rank_places([(p, 100.0) for p in hits], context, key)
    return ranked[0][0], len(tied_places(ranked, context, key))


class GazetteerPlaces:
    """The place layer over geomap's gazetteer and geocoder."""

    def __init__(self, gazetteer=None, geocoder=None):
        from ..geocoding import Geocoder, default_geocoder, oblast_phrases

        self.geocoder = geocoder or (Geocoder(gazetteer) if gazetteer is not None else default_geocoder())
        self.trie = TokenTrie()
        self.tokenise = Tokeniser()
        for key, places in self.geocoder.gaz.alias_index(region_only=True):
            if key in STOP_ALIASES or len(key) < 3 or key.isdigit():
                continue
            self.trie.add(key.split(), ("place", tuple(places)))
        self._oblast_names = oblast_phrases()
        for key, ob in self._oblast_names.items():
            if " " in key or key.endswith(("shchina", "china")):
                self.trie.add(key.split(), ("oblast", ob))
        self._cache: dict[tuple[str, tuple[str, ...]], Located] = {}
        self._namesakes: dict[str, int] = {}

    def _walk(self, text: str, m: re.Match) -> tuple[int, Any, str | None] | None:
        """Longest index entry starting at the capitalised word ``m``: (end offset, payload, next key)."""
        key = self.tokenise.key
        node = self.trie.root
        best = None
        pos = m.start()
        first = True
        while True:
            tm = m if first else _NEXT.match(text, pos)
            first = False
            if tm is None:
                return best
            keys = key(tm.group(1) if tm is not m else tm.group())
            for k in keys:
                node = node.get(k)
                if node is None:
                    break
            if node is None or not keys:
                if best is not None:
                    return best[0], best[1], keys[0] if keys else None
                return None
            pos = tm.end()
            if _END in node:
                best = (pos, node[_END], None)
                if len(node) == 1:
                    return best  # nothing longer starts with this name

    def mentions(self, text: str) -> list[Mention]:
        out: list[Mention] = []
        covered: list[tuple[int, int]] = []
        last = 0
        key, root = self.tokenise.key, self.trie.root
        known = self.tokenise._cache  # the keys of words seen before, without the method call
        route_ends: dict[int, str] = {}
        if (" between " in text or " from " in text) and any(w in text for w in _ROUTE_WORDS):
            for r in _ROUTE.finditer(text):
                route_ends[r.start("a")] = "near" if r.group("road") else "destination"
                route_ends[r.start("b")] = "skip" if r.group("road") else "destination"
        for m in (_CAP_ASCII if text.isascii() else _CAP).finditer(text):
            if m.start() < last:
                continue
            word = m.group()
            first = known.get(word)
            if first is None:
                first = key(word)
            if not first or first[0] not in root:
                continue  # most capitalised words start no name: skip the walk
            found = self._walk(text, m)
            if found is None:
                continue
            e, (kind, payload), nxt = found
            s = m.start()
            last = e
            qualifier = ""
            if kind == "place" and s > 3 and text[s - 1] == " " and (pre := _NAME_PREFIX.search(text, max(0, s - 14), s)):
                # "Velyka Chernechchyna", "Malaya Loknya": the index holds only the last word, a village of another
                # place; the whole name goes to the geocoder (the oblast, its name kept, when nothing holds it)
                out.append(Mention(pre.start(), e, text[pre.start():e], "candidate", "",
                                   _origin_before(text[max(0, pre.start() - 60):pre.start()])))
                covered.append((pre.start(), e))
                continue
            if kind == "place":
                dm = _NEXT.match(text, e)
                following = key(dm.group(1)) if dm else ()
                if following and following[0] in DISTRICT_WORDS:
                    e = dm.end()
                    last = e
                    qualifier = "district"
                elif following and following[0] == _REGION_KEY and self._named_elsewhere(text[s:e]):
                    # "the Voronezh region": the big town's oblast beyond the map, not its small namesake's district
                    e = dm.end()
                    last = e
                    kind, qualifier = "candidate", ELSEWHERE_REGION
                elif following and following[0] in _TOWN_AREA_WORDS and dm.group(1).islower():
                    # "the evacuation of the Glushkovo region", "fighting in the Sudzha area": the town's district, or
                    # around the town, not a dot on it (a capital's "region" is its oblast, an oblast phrase read first)
                    e = dm.end()
                    last = e
                    qualifier = _TOWN_AREA_WORDS[following[0]]
            if kind == "place" and not qualifier and _ORGAN_AFTER.match(text, e):
                continue  # "the Sumy RMA", "Russia's Kursk group of forces": a body named for a place, no place
            before = text[max(0, s - 60):s]
            if kind == "place" and not qualifier and text.startswith(_FACILITY_CITIES, s) \
                    and (town := self._facility_town(text, s, e)) is not None:
                e, payload = town
                last, qualifier = e, "near"
                out.append(Mention(s, e, text[s:e], kind, qualifier, _origin_before(before), payload))
                covered.append((s, e))
                continue
            if kind == "place" and not qualifier and (joint := self._joint_oblasts(text, s, e)):
                # "the Sumy and Kharkiv regions": each name is an oblast, none its capital
                for js, je, ob in joint:
                    out.append(Mention(js, je, text[js:je], "oblast", "", _origin_before(text[max(0, js - 60):js]), ob))
                    covered.append((js, je))
                last = joint[-1][1]
                continue
            if kind == "place" and not qualifier and _near_before(before):
                qualifier = "near"
            if route_ends and kind == "place" and not qualifier and s in route_ends:
                end = route_ends[s]
                if end == "skip":
                    covered.append((s, e))
                    continue
                qualifier = end
            origin = _origin_before(before)
            if kind == "place" and qualifier in ("", "district") and _destination_before(before):
                # (a hromada or district too: "driving towards the X hromada when a drone hit them")
                qualifier, origin = "destination", True
            out.append(Mention(s, e, text[s:e], kind, qualifier, origin, payload,
                               loose=qualifier == "near" and LOOSE_NEAR.search(before) is not None))
            covered.append((s, e))
        low = text.lower()
        cues = ()
        if _has_cue_word(low):
            if _DISTRICT_ANY.search(text):
                cues = CUE.finditer(text)
            else:
                cues = (_CUE_NO_DISTRICT_ASCII if text.isascii() else _CUE_NO_DISTRICT).finditer(text)
        for m in chain(cues, (_MOVE_ASCII if text.isascii() else _MOVE).finditer(text)):
            which = m.lastgroup  # the one group (a, b or c) that holds the name
            s, e = m.span(which)
            if any(cs <= s < ce or cs < e <= ce for cs, ce in covered):
                continue
            key = normalise(_POSSESSIVE.sub("", text[s:e]))
            if key in NOT_PLACE or key.split()[0] in NOT_PLACE or _ORGAN_AFTER.match(text, e):
                continue
            if which == "c":
                qualifier, e = "district", m.end()
            else:
                qualifier = "near" if which == "b" else ""
            origin = _origin_before(text[max(0, s - 60):s])
            out.append(Mention(s, e, text[s:e], "candidate", qualifier, origin,
                               loose=qualifier == "near" and LOOSE_NEAR.search(text, max(0, s - 40), s) is not None))
            covered.append((s, e))  # a list after "the villages of" does not name it twice
        if "s of " in text and _LIST_CUE.search(text):
            self._list_names(text, out, covered)
        if (":" in text or "—" in text or "–" in text) and _LIST_COLON.search(text):
            self._list_names(text, out, covered, _LIST_COLON)
        if _and_name(text):  # every list below ends in "and"/"or" and a name
            if (_VERB_LIST_ASCII if text.isascii() else _VERB_LIST).search(text):
                self._verb_lists(text, out, covered)
            if (" were " in text or " been " in text or " are " in text) and (
                    "captured" in low or "taken" in low or "liberated" in low or "retaken" in low or "occupied" in low
                    or "seized" in low or "freed" in low or "control" in low):
                for lst in _PASSIVE_LIST.finditer(text):
                    self._verb_lists(text, out, covered, lst.start("names"))
        if ("hromadas" in low or "communities" in low or "districts" in low) and _UNIT_LIST.search(text):
            self._unit_list(text, out, covered)
        if ("hromadas " in low or "communities " in low) and _UNIT_OF.search(text):
            self._unit_list(text, out, covered, _UNIT_OF)
        if "egion" in text or "blast" in text or "rovince" in text:
            self._regions_elsewhere(text, out, covered)
        if len(out) > 1:
            out.sort(key=lambda m: m.start)
        return out

    def _regions_elsewhere(self, text: str, out: list[Mention], covered: list[tuple[int, int]]) -> None:
        """"in the Odesa region", "over the Donetsk oblast": a region named for a town the gazetteer holds outside the
        mapped oblasts, bigger than any namesake in them, is a place outside the map (the mapped oblasts' own
        names were read first), so an event told there is not put in the document's oblast."""
        for m in _REGION_NAMED.finditer(text):
            s, e = m.span("name")
            if any(cs <= s < ce for cs, ce in covered) or normalise(m.group("name")) in NOT_PLACE:
                continue
            if self._named_elsewhere(m.group("name")):
                out.append(Mention(s, m.end(), text[s:m.end()], "candidate", ELSEWHERE_REGION, False))
                covered.append((s, m.end()))

    def _named_elsewhere(self, name: str) -> bool:
        """Whether the gazetteer's biggest place of this name is a town (TOWN_SIZE people or more) outside the mapped
        oblasts: a region named for it is that town's, not a namesake village's here."""
        hits = self.geocoder.gaz.lookup(name)
        outside = max(((p.population or 0) for p in hits if not p.in_region), default=0)
        return outside >= TOWN_SIZE and outside > max(((p.population or 0) for p in hits if p.in_region), default=0)

    def _joint_oblasts(self, text: str, s: int, e: int) -> list[tuple[int, int, Any]]:
        """The names of "A, B and C regions" (oblasts named together, the word said once) with their oblasts,
        or nothing when the words after ``text[s:e]`` are not such a list or a name is no oblast's."""
        m = _JOINT_REGIONS.match(text, e)
        if m is None:
            return []
        spans = [(s, e)] + [n.span() for n in _CAP_WORD.finditer(text, m.start(), m.end(1))]
        obs = [self._oblast_names.get(f"{normalise(text[a:b])} region") for a, b in spans]
        return [] if None in obs else [(a, b, ob) for (a, b), ob in zip(spans, obs)]

    def _facility_town(self, text: str, s: int, e: int) -> tuple[int, tuple] | None:
        """"Kursk nuclear power plant": (the end of the plant's name, the gazetteer's places of the town it
        stands by), or None when the words at ``e`` name no plant of FACILITY_TOWNS."""
        town = FACILITY_TOWNS.get(text[s:e])
        if town is None:
            return None
        m = _FACILITY_AFTER.match(text, e)
        if m is None:
            return None
        hits = tuple(p for p in self.geocoder.gaz.lookup(town) if p.in_region)
        return (m.end(), hits) if hits else None

    @staticmethod
    def _list_names(text: str, out: list[Mention], covered: list[tuple[int, int]], cues: re.Pattern = _LIST_CUE) -> None:
        """"the villages of A, B and C": every name of the list is a place, known to the index or not."""
        for cue in cues.finditer(text):
            pos, first = cue.end(), True
            while True:
                m = (_LIST_FIRST if first else _LIST_NEXT_NAME).match(text, pos)
                if m is None:
                    break
                first = False
                s, e = m.span("name")
                pos = e
                if any(cs <= s < ce for cs, ce in covered):
                    continue
                if normalise(m.group("name")) in NOT_PLACE:
                    break
                out.append(Mention(s, e, text[s:e], "candidate", "", _origin_before(text[max(0, s - 60):s])))
                covered.append((s, e))

    @staticmethod
    def _verb_lists(text: str, out: list[Mention], covered: list[tuple[int, int]], at: int | None = None) -> None:
        """"took A and B", "shelled A, B and C": every name of a list after a verb of capture or fire (or "near")
        is a place, known to the index or not; with ``at``, the list that starts there ("A and B were captured").
        Only a list that "and"/"or" closes counts, so a name after a comma that is no list's ("captured A, the
        ministry's Smith said") stays unread."""
        starts = [at] if at is not None else [c.end() for c in (_VERB_LIST_ASCII if text.isascii() else _VERB_LIST).finditer(text)]
        for pos in starts:
            names, closed = [], False
            m = _LIST_FIRST.match(text, pos)
            while m is not None:
                names.append(m.span("name"))
                if closed:
                    break
                m = _LIST_NEXT_NAME.match(text, m.end("name"))
                if m is not None:
                    glue = text[names[-1][1]:m.start("name")]
                    closed = " and " in f" {glue} " or glue.strip() == "or"
            if not closed or len(names) < 2:
                continue
            for s, e in names:
                first, _, rest = text[s:e].partition(" ")
                if rest and normalise(first) in NOT_PLACE:  # "On Sunday A and B were taken": the list starts at A
                    s = e - len(rest)
                name = text[s:e]
                if normalise(name) in NOT_PLACE or name.isupper() or text.startswith(("'s", "’s"), e):
                    break
                if any(cs < e and s < ce for cs, ce in covered):
                    continue
                out.append(Mention(s, e, name, "candidate", "", _origin_before(text[max(0, s - 60):s])))
                covered.append((s, e))

    @staticmethod
    def _unit_list(text: str, out: list[Mention], covered: list[tuple[int, int]], lists: re.Pattern = _UNIT_LIST) -> None:
        """"the A, B and C hromadas", "the hromadas of A, B and C": each name is a hromada (or district),
        found in the index or not."""
        for lst in lists.finditer(text):
            unit = _UNITS[(lst.group("unit") or lst.group("unit2")).lower()]
            if lists is _UNIT_LIST:
                pos, first, end = lst.start("names"), True, lst.end("names")
            else:  # the names after "of", up to the list's last one
                pos, first, end = lst.end(), True, len(text)
            while pos < end:
                m = (_LIST_FIRST if first else _LIST_NEXT_NAME).match(text, pos, end)
                if m is None:
                    break
                first = False
                s, e = m.span("name")
                pos = e
                if normalise(m.group("name")) in NOT_PLACE:
                    if lists is _UNIT_LIST:
                        continue
                    break
                known = [i for i, o in enumerate(out) if o.start == s and o.end == e and o.kind != "oblast"]
                if known:
                    out[known[0]] = replace(out[known[0]], qualifier="district", unit=unit)
                elif not any(cs < e and s < ce for cs, ce in covered):
                    out.append(Mention(s, e, text[s:e], "candidate", "district",
                                       _origin_before(text[max(0, s - 60):s]), unit=unit))
                    covered.append((s, e))

    def resolve(self, mention: Mention, context: list[str]) -> Located:
        """The mention's place; "near Kursk", "под Курском" stand for the oblast as often as for the city's
        outskirts in reporting, so a capital that names its oblast, said with "near", gives the oblast."""
        located = self._resolve(mention, context)
        if located.geo_precision == "near_settlement" and mention.loose and located.place in CAPITAL_OBLAST:
            return oblast_located(mention, CAPITAL_OBLAST[located.place], resolved=False,
                                  note=f"{NEAR_CAPITAL} ({located.place}) often means its oblast; placed at oblast level")
        return located

    def _resolve(self, mention: Mention, context: list[str]) -> Located:
        """An exact index hit ranked by the document's oblast context; anything else through the geocoder."""
        if mention.kind == "oblast" and mention.hits is not None:
            ob = mention.hits
            return Located(mention, ob.admin1, None, ob.rep_lon, ob.rep_lat, ob.admin1, ob.admin1_code, ob.country,
                           "admin1", True)
        if mention.kind == "place" and mention.hits and mention.qualifier != "district":
            located = self._rank_hits(mention, context)
            if located.resolved and self._common_name(mention.name):
                return oblast_located(mention, located.admin1_code, resolved=False,
                                      note=f"{mention.name}: a name many villages bear, most below the gazetteer's size cut")
            return located
        return self._via_geocoder(mention, context)

    def _only_outside(self, name: str) -> bool:
        """Whether the gazetteer holds a town of exactly this name (TOWN_SIZE people or more) outside the
        mapped oblasts and no place of the name in them: a small namesake village would not be named bare."""
        hits = self.geocoder.gaz.lookup(name)
        return any((p.population or 0) >= TOWN_SIZE for p in hits) and not any(p.in_region for p in hits)

    def _common_name(self, name: str) -> bool:
        """Whether the gazetteer lists COMMON_NAME namesakes or more: it holds settlements of 500 people and
        more, so a name that common has unlisted namesakes too, and one listed place in the oblast is no proof."""
        n = self._namesakes.get(name)
        if n is None:
            n = self._namesakes[name] = len(self.geocoder.gaz.lookup(name))
        return n >= COMMON_NAME

    @staticmethod
    def _rank_hits(mention: Mention, context: list[str]) -> Located:
        """The geocoder's one ranking (``geocoding.rank_places``) of an exact hit, with its rules: a
        namesake outside the document's oblasts, or places nothing tells apart, give the oblast only."""
        hits = mention.hits
        if len(hits) == 1:  # most names are unique in the region: nothing to rank
            best, tied = hits[0], 1
        else:
            best, tied = _ranked(hits, tuple(context), normalise(mention.name))
        ob = _oblast(context[0]) if context else None
        if best.admin1_code not in context or tied > 1:
            # a namesake in an oblast the document never mentions, or two places alike: no dot on either
            if best.admin1_code not in context:
                named = (best.name, best.admin1, best.country, best.geonames_admin1)  # what its label reads
                note = _NAMESAKE_NOTES.get(named)
                if note is None:  # one string per place: a corpus names the same namesake thousands of times
                    note = _NAMESAKE_NOTES[named] = \
                        f"no place of this name in the document's oblasts; nearest namesake {best.label}"
            else:
                ob = _oblast(best.admin1_code)
                note = f"{tied} places in {ob.admin1} bear this name and nothing tells them apart"
            if ob is None:
                return Located(mention, None, None, None, None, None, None, None, None, False, note)
            return Located(mention, None, None, ob.rep_lon, ob.rep_lat, ob.admin1, ob.admin1_code, ob.country,
                           "admin1", False, note)
        precision = "near_settlement" if mention.qualifier == "near" else "settlement"
        note = f"{len(mention.hits)} places bear this name; chose by context" if len(mention.hits) > 1 else ""
        return Located(mention, best.name, best.gazetteer_id, best.lon, best.lat, best.admin1, best.admin1_code,
                       best.country, precision, True, note)

    def _via_geocoder(self, mention: Mention, context: list[str]) -> Located:
        """The mention through the geocoder: first with the nearest oblast context, then with all."""
        ctx = tuple(context)
        if mention.unit == "hromada" and not (ctx and ctx[0].startswith("UA-")):
            # a hromada is Ukraine's: one the gazetteer lacks belongs to the document's Ukrainian oblast, not to
            # a Russian one it named first
            ctx = tuple(c for c in ctx if c.startswith("UA-")) or (HROMADA_OBLAST,)
        key = (mention.query, ctx)
        hit = self._cache.get(key)
        if hit is not None:
            return replace(hit, mention=mention)
        res = self._geocode(mention.query, ctx[:1])
        if ctx[1:] and self._demoted(res, mention):
            wider = self._geocode(mention.query, ctx)
            if wider is not None and not self._demoted(wider, mention):
                res = wider
        located = self._located(mention, res)
        if len(self._cache) < 100_000:
            self._cache[key] = located
        return located

    def _geocode(self, query: str, ctx: tuple[str, ...]):
        from ..errors import GeomapError

        try:
            return self.geocoder.geocode(query, context=list(ctx) or None)
        except GeomapError:
            return None

    @staticmethod
    def _demoted(res, mention: Mention) -> bool:
        """A settlement name that came back only as an oblast (or not at all)."""
        if res is None or not res.resolved:
            return True
        return mention.kind != "oblast" and res.geo_precision == "admin1"

    def _located(self, mention: Mention, res) -> Located:
        if mention.qualifier == ELSEWHERE_REGION:
            return Located(mention, None, None, None, None, None, None, None, OUTSIDE, False,
                           "a region outside the mapped oblasts")
        if mention.kind == "candidate" and mention.text.isascii() \
                and (res is None or res.fuzzy or res.geo_precision == "admin1") and self._only_outside(mention.name):
            # "near Pokrovsk": a town the gazetteer knows only outside the mapped oblasts, not a local village
            return Located(mention, None, None, None, None, None, None, None, OUTSIDE, False,
                           "a place outside the mapped oblasts")
        if res is None or not res.resolved or res.admin1_code is None:
            return Located(mention, None, None, None, None, None, None, None, None, False,
                           getattr(res, "note", "") or "not in the gazetteer")
        if mention.kind != "oblast" and res.geo_precision == "admin1" and _big_town_outside(res):
            # "В Киеве", "у Москві": a city beyond the mapped oblasts, not a village of this one
            return Located(mention, None, None, None, None, None, None, None, OUTSIDE, False,
                           "a place outside the mapped oblasts")
        if mention.kind != "oblast" and res.geo_precision == "admin1" and not mention.text.isascii() \
                and _town_of_another_oblast(res):
            # "у Херсоні", "по Куп'янську": a Cyrillic case form of a town only another oblast holds (the
            # Cyrillic rules keep the oblast instead when the sentence names Kursk or Sumy oblast)
            return Located(mention, None, None, None, None, None, None, None, OUTSIDE, False, TOWN_ELSEWHERE)
        # a name the place index lacks that only resembles a known one ("Bilovody" ~ "Bilovod") is a
        # different village until shown otherwise: the index holds every exact alias of the region
        if mention.kind != "oblast" and (res.geo_precision == "admin1" or res.fuzzy and (
                res.score < 90 or mention.kind == "candidate")):
            # a village the gazetteer does not know: keep its oblast, report the name
            return Located(mention, None, None, res.lon, res.lat, res.admin1, res.admin1_code, res.country,
                           "admin1", False, res.note or "not in the gazetteer")
        return Located(mention, res.place, res.gazetteer_id, res.lon, res.lat, res.admin1, res.admin1_code,
                       res.country, res.geo_precision, True, res.note)


# a body named for a town ("the Sumy RMA", "Sumy Regional Military Administration"): it speaks; the town is not
# where the event is (a force named for one, "the Kursk grouping", is force_name's)
_ORGAN_AFTER = re.compile(r"(?:['’]s)?\s+(?:(?:regional|oblast|city)\s+"
                          r"(?:military\s+|state\s+|civil-military\s+)?administration|(?:RMA|OVA|ODA|CMA|MMA|RSA)\b)")


# a town's name used as the NAME of a force, an operational zone, a direction or an operation ("в операційній зоні
# угруповання військ Курськ", "группировки войск «Север»", "на Суджанському напрямку", "the operational zone of the
# Kursk grouping", "the Sudzha direction", "Operation Kursk"): an event told of it is not at that town
_QUOTE = r"[\"«“„'‘]?\s*"
_FORCE_BEFORE = re.compile(
    r"(?:(?<![\w-])(?:угрупованн\w*|группировк\w*|(?:операційн|оперативн|операционн)\w*\s+(?:зон\w*|напрям\w*|"
    r"направлени\w*)|(?:ОТУ|ОСУВ|ОТГ|OTG|OSGT)|(?:operational|operation|task)\s+(?:zone|area|group|force)s?(?:\s+of)?|"
    r"group(?:ing)?\s+of\s+(?:forces|troops)|grouping)(?:\s+(?:військ\w*|войск\w*|(?:of\s+)?(?:the\s+)?"
    r"(?:forces|troops)))?(?:\s+(?:угрупованн\w*|группировк\w*|(?:of\s+)?(?:the\s+)?grouping))?(?:\s+військ\w*|\s+войск\w*)?"
    r"|(?<![\w-])(?-i:Operation)|(?<![\w-])(?:operation|операці\w*|операци\w*)(?=\s*[\"«“„'‘]))\s*" + _QUOTE + r"$", re.I)
_FORCE_AFTER = re.compile(r"(?:['’]s)?[\"»”'’]?\s+(?:(?:operational\s+|operation\s+)?(?:group(?:ing)?\s+of\s+(?:forces|troops)|"
                          r"grouping|direction|axis|operational\s+(?:zone|area|direction)|operation\b))", re.I)
# a Cyrillic force or direction is named by the town's adjective ("Курське угруповання", "на Суджанському напрямку");
# a noun before one is where the force is ("біля Теткіного угруповання ворога ...")
_FORCE_AFTER_CYR = re.compile(r"\s+(?:напрям\w*|направлени\w*|угрупованн\w*|группировк\w*)", re.I)
_CYR_ADJ_END = re.compile(r"(?:ськ|цьк|зьк|ск|цк)(?:ий|ого|ому|им|а|ої|ій|у|ою|е|ая|ой|ую|ое|ом)$", re.I)


def force_name(text: str, start: int, end: int) -> bool:
    """Whether the place named at ``start:end`` is the name of a force, an operational zone, a direction or an
    operation, not where the event is."""
    if _FORCE_AFTER.match(text, end) or (_FORCE_AFTER_CYR.match(text, end) and _CYR_ADJ_END.search(text, start, end)):
        return True
    return _FORCE_BEFORE.search(text, max(0, start - 80), start) is not None


# "25 kilometres (16 miles) south of the city of Sumy", "в 25 км от Курска", "200 square kilometres north of
# Sumy": a reference point far from where it happened; the event belongs to the oblast, with the mention kept
_UNIT = r"(?:km|kilomet(?:er|re)s?|miles?|км|кілометр\w*|километр\w*)(?![\w])"  # a distance, or an area's side
_SQUARE = r"(?:square\s+|sq\.?\s*|квадратн\w+\s+|кв\.\s*)"
_FAR_BEFORE = re.compile(r"(\d+(?:[.,]\d+)?)\s*" + _SQUARE + "?" + _UNIT +
                         r"[^.;!?]{0,45}$", re.I)
FAR_KM = 10
_DIGIT = re.compile(r"\d")


# "Berdin, northeast of Ukraine-held Sudzha", "A and B, both southeast of X", "north of A (southwest of X)":
# X only locates the names before it (an apposition), so the event is not at X
_APPOSED_BEARING = re.compile(r"[\w'’”)]\s*(?:,\s+|\(\s*)(?:both\s+|just\s+|some\s+|about\s+|roughly\s+|approximately\s+)?"
                              r"(?:\d+(?:[.,]\d+)?\s*(?:km|kilomet(?:er|re)s?|miles?)\s+)?"
                              r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+of\s+"
                              r"(?:the\s+)?(?:[A-Z][\w]*-(?:controlled|held|occupied)\s+|(?:city|town|village)\s+of\s+)?$")


# "Ulanok and Porechnoye, located near the Ukrainian-held city of X", "Olgovka (near X)", "A, outside X": a town
# named after the places it locates is their reference point, not a place of the event (a name before it, not a day)
_APPOSED_NEAR = re.compile(r"\b(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|(?:January|February|March|April|May|June|July|"
                           r"August|September|October|November|December)\b)[A-Z][\w'’-]*[”)]?\s*(?:,\s+|\(\s*)"
                           r"(?:both\s+|all\s+|just\s+)?(?:(?:located|situated|lying)\s+)?"
                           r"(?:near|outside|close\s+to|not\s+far\s+from)\s+(?:the\s+)?(?:[A-Z][\w]*-(?:controlled|held|occupied)\s+)?"
                           r"(?:(?:city|town|village)\s+of\s+)?$")
_NEAR_WORDS = ("near ", "outside ", "close to ", "far from ")


# a city this large beyond the mapped oblasts (Kyiv, Moscow, Voronezh) is what its bare name means; a
# smaller namesake (Nikolskoye, 50,000) may still be a village here the gazetteer lacks
BIG_CITY = 200_000


TOWN_ELSEWHERE = "a town of another oblast, outside the mapped ones"


def _town_of_another_oblast(res) -> bool:
    """Whether the geocoder's exact best match for a name it kept at oblast level is a town of TOWN_SIZE people
    or more outside Kursk and Sumy oblasts (Kupiansk, Kherson, Belgorod)."""
    best = res.alternatives[0] if res.alternatives else None
    return (best is not None and not res.fuzzy and best.get("score", 0) >= 100
            and best.get("admin1_code") not in FOCUS_CODES and (best.get("population") or 0) >= TOWN_SIZE)


def _big_town_outside(res) -> bool:
    """Whether the geocoder's exact best match for a name it kept at oblast level is a city of BIG_CITY
    people or more beyond the mapped oblasts."""
    best = res.alternatives[0] if res.alternatives else None
    return (best is not None and not res.fuzzy and best.get("score", 0) >= 100 and best.get("admin1_code") is None
            and (best.get("population") or 0) >= BIG_CITY)


def far_reference(text: str, start: int, end: int | None = None) -> bool:
    """Whether the place at ``start`` (ending at ``end``) is named as a reference point: ten kilometres or more
    away, by a bearing or "near" in apposition to the names before it, or as the bearing of an area measured after it."""
    window = text[max(0, start - 70):start]
    if " of " in window and _APPOSED_BEARING.search(window) is not None:
        return True
    if any(w in window for w in _NEAR_WORDS) and _APPOSED_NEAR.search(window) is not None:
        return True
    if end is not None and _BEARING_BEFORE.search(window) is not None and _AREA_AFTER.match(text, end) is not None:
        return True
    if _DIGIT.search(window) is None:
        return False
    m = _FAR_BEFORE.search(window)
    return m is not None and float(m.group(1).replace(",", ".")) >= FAR_KM


# "the land held north of Sumy grew to 230 square kilometres", "территории к северу от города Сумы ... до 230
# квадратных километров": the town is the bearing of an area, not where the area is
_BEARING_BEFORE = re.compile(r"(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of|"
                             + "|".join(word_regex(w) for lang in ("ru", "uk") for w in BEARINGS[lang].split("|"))
                             + r")\s+(?:the\s+)?(?:city\s+of\s+|town\s+of\s+|города\s+|міста\s+)?$", re.I)
_AREA_AFTER = re.compile(r"[^.;!?]{0,60}?\d+(?:[.,]\d+)?\s*" + _SQUARE + _UNIT, re.I)

# English: "advanced near the village, which lies east of X", "reached the settlement and operated southeast of
# X": the bearing locates a village told before it (a bullet's head, a name the gazetteer lacks), not an event at X
_EN_BEARING_BEFORE = re.compile(r"\b(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of\s+"
                                r"(?:the\s+)?(?:city\s+of\s+|town\s+of\s+)?$", re.I)
_VILLAGE_TOLD = re.compile(r"\b(?:the|this|that|a|which)\s+(?:small\s+|border\s+|nearby\s+)?(?:village|settlement|hamlet)\b"
                           r"|\bwhich\s+(?:is\s+|also\s+|lies\s+|is\s+also\s+)*(?:located|situated|lies)\b", re.I)


def village_bearing(text: str, start: int) -> int | None:
    """Where the bearing begins when an English place at ``start`` is only the bearing of a village the
    sentence speaks of ("the village, which is located east of X"), else None: X is a reference point, and
    the event belongs to the oblast (the bearing kept as its mention), never near X. Gated on "of" and a
    village word."""
    if " of" not in text[max(0, start - 20):start]:
        return None
    low = text[:start].lower()
    if "village" not in low and "settlement" not in low and "hamlet" not in low and "located" not in low \
            and "situated" not in low and "lies" not in low:
        return None
    m = _EN_BEARING_BEFORE.search(text, max(0, start - 40), start)
    return m.start() if m is not None and _VILLAGE_TOLD.search(text, 0, m.start()) is not None else None


def by_other_spelling(mention: Mention, located: Located) -> bool:
    """Whether a village (below TOWN_SIZE) was found only by one of its alternate spellings: GeoNames lists
    old and foreign names ("Oleshnya" for Sumy oblast's Vilshana) that villages across the border bear too."""
    hit = next((p for p in (mention.hits or ()) if getattr(p, "gazetteer_id", None) == located.gazetteer_id), None)
    return hit is not None and (hit.population or 0) < TOWN_SIZE and normalise(mention.name) not in _own_keys(hit)


def by_another_name(mention: Mention, located: Located) -> bool:
    """Whether a place was found only by an alternate name unlike its own ("Maryino" for Pristen'): an old or
    another place's name, which villages the gazetteer lacks bear too, not a spelling of the place's name."""
    hit = next((p for p in (mention.hits or ()) if getattr(p, "gazetteer_id", None) == located.gazetteer_id), None)
    if hit is None:
        return False
    said = normalise(mention.name)
    return said not in _own_keys(hit) and said in _all_keys(hit) \
        and SequenceMatcher(None, said, normalise(hit.name)).ratio() < ANOTHER_NAME


# the two checks above run for nearly every place found, on the few places a report names again and again;
# a place (a gazetteer record, compared whole) keeps its names, so their keys are made once
@lru_cache(maxsize=4096)
def _own_keys(hit) -> tuple[str, ...]:
    return place_keys(hit.name, ())


@lru_cache(maxsize=4096)
def _all_keys(hit) -> tuple[str, ...]:
    return place_keys(hit.name, hit.alternate_names)


def oblast_located(mention: Mention, code: str, resolved: bool = True, note: str = "") -> Located:
    """The oblast ``code`` as the place of ``mention``: its representative point at admin1 precision.

    ``resolved=False`` keeps the mention reported as a place geomap could not pin down."""
    ob = _oblast(code)
    return Located(mention, ob.admin1 if resolved else None, None, ob.rep_lon, ob.rep_lat, ob.admin1, ob.admin1_code,
                   ob.country, "admin1", resolved, note)


def _capital_oblasts() -> dict[str, str]:
    """The oblast each mapped oblast's capital names ("Sumy" → UA-59), from the oblast table's names."""
    return {o.admin1.removesuffix(" Oblast"): o.admin1_code for o in oblast_table()}


CAPITAL_OBLAST = _capital_oblasts()
NEAR_CAPITAL = "'near' the capital that names its oblast"  # the note of such a mention, which merging reads

_OBLASTS: dict[str, Any] = {}


def _oblast(code: str):
    if code not in _OBLASTS:
        _OBLASTS[code] = oblast_by_code(code)
    return _OBLASTS[code]


_default: GazetteerPlaces | None = None


def default_places() -> GazetteerPlaces:
    """The place layer over the default gazetteer (built once per gazetteer: a project's places renew it)."""
    from ..geocoding import default_geocoder

    global _default
    if _default is None or _default.geocoder is not default_geocoder():
        _default = GazetteerPlaces()
    return _default
