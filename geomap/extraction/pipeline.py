"""A document → candidate events: sentences, triggers, dates, places, claims, merged within the document.

State carried from sentence to sentence is small and explicit (the paragraph's
date, oblast and attribution, the document's oblasts and last date), so a
document can be read block by block without holding it in memory.
"""
from __future__ import annotations

import bisect
import datetime as _dt
import heapq
from array import array
import re
from collections import Counter
from itertools import chain
from typing import Iterator
from dataclasses import dataclass, field, replace

from ..regions import FOCUS_CODES
from ..schema import CLAIM_RANK, GEO_PRECISIONS
from ..sources.language import readable_language
from . import claims, cyr, dotguards
from .policy import policy_for
from . import lexicon as L
from . import lexicon_cyr as C
from .settled import Settled, SettledCandidates, TextNumbers
from ..distance import km
from ..hromadas import HROMADA_OBLAST, hromada_index
from ..names import normalise
from .dates import (DateSpan, background, campaign_days, campaign_window, dateline_day, find_dates, inherit, night_kept, night_named,
                    precision_for, publication_span, summary_day, vaguer, told_on)
from ..documents import Document
from .events import PENDING, Trigger, find_attribution, find_triggers
from .places import (CAPITAL_OBLAST as _CAPITAL_OBLAST, NEAR_CAPITAL, OUTSIDE, Located, PlaceLayer, by_another_name, by_other_spelling,
                     far_reference, force_name, oblast_located, village_bearing)
from .sentences import Sentence, cross_link, cut_glued_link, split_sentences

METHOD = "rules-v1"
RECAP_DAYS = 45  # an English report's event this many days before its publication is a recap
SETTLE_BATCH = 4096  # candidates held before a large English document's settled ones go to disk
# the kinds of event whose undated telling in the incursion's first month is a state reached since it began
_CAMPAIGN_TYPES = frozenset(("ground_assault", "deployment", "other", "strike"))
# words of a start told on its day ("the evacuation has begun", "an emergency was declared"): not a state reached
_ONSET = re.compile(r"\b(?:beg[au]n|begins?|start(?:ed|s)?|launch(?:ed|es)?|announc\w*|declar\w*|introduc\w*|order(?:ed|s)?)\b",
                    re.I)
_PRESENT = re.compile(r"\b(?:is|are|am|now|currently|continue|continues|remain|remains|has\s+been|have\s+been|"
                      r"fly|flies|look|looks|says|say)\b", re.I)
_PAST = re.compile(r"\b(?:\w{3,}ed|gave|sent|took|flew|struck|began|led|went|came|fought|held|won|lost|brought|"
                   r"drove|shot|threw|hit|withdrew|retook|rode|arrived|were|was)\b", re.I)
_FOCUS = FOCUS_CODES
# a sentence that steps back in time: the story's day does not carry into it
_EARLIER = re.compile(r"\W*(?:Earlier|Previously|Before\s+that|Days\s+(?:earlier|before)|Last\s+week|In\s+recent\s+(?:days|weeks))\b", re.I)
_DENIAL_HINT = re.compile(r"den[iy]|reject|dismiss|refut|lying|lies|disinform|propaganda|fak|false|untrue|doubt", re.I)
_DENIAL_KEYS = L.DENIAL_KEYS  # the prefixes of DENIAL_SENTENCE's verbs (and DENIAL_VERB's)
_DIGIT = re.compile(r"\d")
# a count of attacks or of places hit: an oblast's tally ("fired seven times at four hromadas", "70 times")
_TALLY_EN = re.compile(r"\b(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens\s+of)\s+"
                       r"(?:times|hromadas|communities|settlements|villages|towns)\b")
_LEDE_SENTENCES = 8  # a Russian or Ukrainian report's lede ends by this sentence (headline, captions, page labels before it)
_LEDE_REACH = 4  # an English headline's lede comes within this many sentences (byline, date, caption between)
NIGHT_AFTER_SENTENCES = 2  # how far after a strike a sentence telling no event may name its night


READABLE = ("en", "ru", "uk")
_LANGUAGE_NAMES = {"english": "en", "russian": "ru", "ukrainian": "uk", "en": "en", "ru": "ru", "uk": "uk",
                   "ua": "uk", "eng": "en", "rus": "ru", "ukr": "uk"}
# "12 killed", "killed 3 civilians", "three soldiers were wounded": numbers of the dead and the wounded
_NUM_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
              "ten": 10, "a": 1, "an": 1}
_N = r"((?<![\d,.])\d{1,3}(?:,\d{3})+|(?<![\d,.])\d{1,5}|one|two|three|four|five|six|seven|eight|nine|ten)"  # "1,000" whole
_KILLED_EN = re.compile(rf"\b(?:{_N}\s+(?:\w+\s+){{0,2}}?(?:were\s+|was\s+|have\s+been\s+|had\s+been\s+)?(?:killed|dead|died|deaths)"
                        rf"|(?:killed|killing|kills)\s+(?:at\s+least\s+|about\s+|some\s+)?{_N}\b)", re.I)
_WOUNDED_EN = re.compile(rf"\b(?:{_N}\s+(?:\w+\s+){{0,2}}?(?:were\s+|was\s+|have\s+been\s+|had\s+been\s+)?(?:wounded|injured|injuries|hurt)"
                         rf"|(?:wounded|wounding|injured|injuring)\s+(?:at\s+least\s+|about\s+|some\s+)?{_N}\b)", re.I)


# "killing a woman", "a 58-year-old man was killed": one person
_ONE_PERSON_EN = r"(?:an?|one|the)\s+(?:\d{1,3}-year-old\s+|elderly\s+|local\s+|young\s+)*(?:man|woman|civilian|resident|person|" \
                 r"child|boy|girl|teenager|pensioner|driver|soldier|serviceman)(?:\s+(?:of|aged)\s+\d{1,3})?"
_ONE_KILLED_EN = re.compile(rf"\b(?:(?:killed|killing|kills)\s+{_ONE_PERSON_EN}\b|{_ONE_PERSON_EN}\s+"
                            rf"(?:was\s+|has\s+been\s+|had\s+been\s+)?(?:killed|died)\b)", re.I)
_ONE_WOUNDED_EN = re.compile(rf"\b(?:(?:wounded|wounding|injured|injuring)\s+{_ONE_PERSON_EN}\b|{_ONE_PERSON_EN}\s+"
                             rf"(?:was\s+|has\s+been\s+|had\s+been\s+)?(?:wounded|injured|hurt)\b)", re.I)
# "overall", "since the incursion began": an English count of a force's losses (or of evacuees) summed over a span
_LOSS_TALLY_EN = re.compile(r"\b(?:overall|in\s+total|altogether|since|so\s+far|thus\s+far|to\s+date|in\s+all)\b", re.I)
# "bombs hit two other villages", "the shelling of another town": places besides the one a report names ("another
# village, X", a name in apposition, is that place)
# (and "another attack on the region": an incident besides the one told)
_OTHER_PLACES_EN = re.compile(r"\b(?:an)?other\s+(?:[\w-]+\s+)?(?:villages?|settlements?|towns?|communities|community|"
                              r"hromadas?|localities|locality)\b(?!\s*(?:,|-|\u2013|\u2014)\s*[A-Z])|"
                              r"\banother\s+(?:[\w-]+\s+){0,2}?(?:attacks?|strikes?)\s+on\s+the\s+(?:region|oblast|area)\b", re.I)
# "in total", "since the start": a tally, not the toll of the event told just before
_TALLY = re.compile(r"\b(?:in\s+total|since|so\s+far\s+this|всего|в\s+общей\s+сложности|с\s+начала|за\s+время|"
                    r"усього|загалом|з\s+початку|за\s+весь)\b", re.I)


# the first four letters of the words an English toll holds, the dead's and the wounded's: one record, which both
# gates a sentence (its lexicon.gate_keys) and tells _casualties_en which count to look for (substrings)
_KILLED_STEMS = ("kill", "dead", "deat", "died")
_WOUNDED_STEMS = ("woun", "inju", "hurt")
_TOLL_KEYS = frozenset(_KILLED_STEMS + _WOUNDED_STEMS)


def _casualties_en(text: str) -> tuple[int | None, int | None]:
    """(killed, wounded) numbers an English sentence gives; None when it gives none."""
    out: list[int | None] = []
    low = text.lower()
    for pat, one, stems in ((_KILLED_EN, _ONE_KILLED_EN, _KILLED_STEMS), (_WOUNDED_EN, _ONE_WOUNDED_EN, _WOUNDED_STEMS)):
        hinted = any(w in low for w in stems)
        m = pat.search(text) if hinted else None
        if m is None:
            out.append(1 if hinted and one.search(text) else None)
            continue
        word = next(g for g in m.groups() if g).lower().replace(",", "")
        out.append(int(word) if word.isdigit() else _NUM_WORDS[word])
    return out[0], out[1]


def _news_day(para_date: DateSpan | None, published) -> DateSpan:
    """A Russian or Ukrainian sentence without a date: its paragraph's date as it is, else the day of
    publication (agency and official reports tell the day's events: "за минулу добу", a governor's post)."""
    if para_date is not None:
        return DateSpan(para_date.start, para_date.end, para_date.precision, para_date.text, -1, explicit=False)
    if published.precision == "day":
        return DateSpan(published.end, published.end, "day", "", -1, explicit=False)
    return publication_span(published)


_DENIER = re.compile(r"(?P<who>(?:[A-Z][\w'’.-]*|the|its|of|[a-z]+(?:'s|’s))(?:\s+(?:[A-Z][\w'’.-]*|[a-z]+(?:'s|’s)?)){0,6}?)"
                     r"\s+(?:has\s+|have\s+|had\s+)?(?:denied|rejected|dismissed|refuted|called|branded|labell?ed|accused|"
                     r"cast\s+doubt)\b")


def _denier(text: str) -> str | None:
    """Who denies ("Ukraine's general staff denied the claim"), named as an attribution would be."""
    from .events import normalise_who, who_ok

    m = _DENIER.search(text)
    if m is not None and who_ok(m.group("who")):
        return normalise_who(m.group("who"))
    found = find_attribution(text)
    return found.who if found else None


def _declared_language(doc: Document) -> str | None:
    """The front matter's ``language`` as en/ru/uk; another value is kept (and reported), none gives None."""
    value = doc.meta.get("language")
    if value in (None, ""):
        return None
    text = str(value).strip().lower()
    return _LANGUAGE_NAMES.get(text, _LANGUAGE_NAMES.get(text.split("-")[0], text))


_LIST_GLUE = re.compile(r"^(?:\s*(?:,|;|and|or|та|і|й|и|а\s+также|а\s+також)\s*|\s*,\s*(?:and|та|і|и|а\s+также|а\s+також)\s+)"
                        r"(?:(?:вблизи|возле|около|под|в\s+окрестностях|в\s+районе|біля|поблизу|під|в\s+районі|"
                        r"на\s+околицях)\s+(?:(?:сел[аоеі]|сіл|пос[её]лк\w*)\s+)?)?"
                        # "по посёлку A, а также по посёлку B и деревне C": each name with its kind and preposition
                        r"(?:(?:по|в|во)\s+)?(?:(?:пос[её]лк[уеа]|деревн[еиюя]|сел[уеоа]|хутор[уае]?)\s+)?"
                        r"(?:(?:the\s+)?(?:villages?|settlements?|towns?|of)\s+)*$", re.I)


# after a place: the rest of a list of names and then "hromada(s)" ("Khotin, Yunakivka and Esman hromadas")
_HROMADA_AFTER = re.compile(r"(?:\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?[A-Z][\w'’-]+(?:[\s-][A-Z][\w'’-]+)?)*"
                            r"\s+(?:urban\s+|rural\s+|settlement\s+)?hromadas?\b")
# "the border region of Sumy", "the governor of Kursk": the oblast; "a residential area of Sumy" is the city
# "5 km from the border with Russia's Kursk Oblast": the oblast across the border frames no village of the sentence
_BORDER_WITH = re.compile(r"\b(?:border\s+with|bordering|borders)\s+(?:the\s+|Russia(?:'s|’s)\s+|Ukraine(?:'s|’s)\s+)*$", re.I)
_REGION_OF = re.compile(r"\b(?:region|province|oblast|(?:border|frontier|frontline)\s+areas?|governor|district|raion|rayon)\s+of\s+$", re.I)
_OBLAST_AFTER = re.compile(r"(?:'s|’s)?\s+(?:[Gg]overnor|[Rr]egional\s+(?:[Gg]overnor|[Aa]dministration|[Mm]ilitary)|"
                           r"[Oo]blast\s+[Mm]ilitary|[Mm]ilitary\s+[Aa]dministration|[Aa]uthorities|[Bb]order\s+(?:area|region)s?|"
                           r"front|direction|axis|sector|operation|incursion|offensive)\b")
# "Kursk Drone Strike", "a Sumy shelling": the capital's name as a word for the attack, said of the oblast's
# villages as often as of the city ("Kursk city drone strike" keeps the city; a lede naming the city joins it)
_KIND_OF_ATTACK_AFTER = re.compile(r"\s+(?:(?:[Dd]rone|[Mm]issile|[Rr]ocket|[Aa]rtillery|[Aa]ir|FPV)\s+)?"
                                   r"(?:[Ss]trikes?|[Aa]ttacks?|[Rr]aids?|[Ss]helling|[Bb]ombing)\b")
_SENTENCE_END = (".", "!", "?", "…", '"', "”", "»")
# "SUMY, Ukraine (AP) –", "KYIV, Ukraine —": a dateline opening a paragraph
# "SUMY, Ukraine (AP) –", and a wire's "MOSCOW (AFP) —" without the country
_DATELINE_HINT = re.compile(r"[A-Z][A-Z'’. -]{2,30}(?:,|\([^)]{1,30}\)\s*[–—-])")
_DATELINE = re.compile(r"[A-Z][A-Z'’. -]{2,30}(?:,(?:\s+[A-Z][\w.]+){1,2}(?:\s*\([^)]{1,30}\))?\s*[–—-]{1,2}\s"
                       r"|\([^)]{1,30}\)\s*[–—-]{1,2}\s?)")


def _mask_dateline(text: str) -> str:
    m = _DATELINE.match(text)
    return text if m is None else " " * m.end() + text[m.end():]


def mask_dateline(text: str) -> str:
    """``text`` with the dateline opening it ("SUMY, Ukraine (AP) –") blanked, offsets kept; a paragraph's first
    sentence is read so (``blocks`` computes a block's sentences as the walk will read them)."""
    return _mask_dateline(text) if _DATELINE_HINT.match(text) else text




# between the names of a Russian or Ukrainian list: kinds of place and district phrases, not other words
# "in the Bilopolska community", "the Velykopysarivska hromada": a hromada named by its adjective in Latin letters;
# "- Esmanska: mortar fire (4 explosions)": the same adjective heading a line of a summary by hromadas
_HROMADA_ADJ = r"[A-Z][a-z'’-]{3,}(?:[A-Z][a-z'’-]*)?(?:s'?k(?:a|yi|iy|aya)?|ts'?k(?:a)?)"
# ("Bilopilska and Vorozhbianska urban territorial communities": each adjective of a list the plural closes)
_COMMUNITY_KIND = r"(?:(?:urban|rural|settlement|village|city)\s+)?(?:territorial\s+)?"
_COMMUNITY = re.compile(r"\b(" + _HROMADA_ADJ + r")(?=\s+" + _COMMUNITY_KIND + r"(?:communit(?:y|ies)|hromadas?|"
                        r"municipalit(?:y|ies))\b|(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:" + _HROMADA_ADJ
                        + r"(?:\s*,\s*(?:and\s+)?|\s+and\s+))*" + _HROMADA_ADJ + r"\s+" + _COMMUNITY_KIND
                        + r"(?:communities|hromadas|municipalities)\b)|"
                        r"(?m:^)[ \t]*(?:[-–—•*][ \t]*)?(" + _HROMADA_ADJ + r")[ \t]*:")


# what may stand before a hromada named at the head of a summary's line: a bullet, "In", "In the"
_LINE_HEAD = re.compile(r"\s*(?:[-–—•*]\s*)?(?:(?:In|in)\s+(?:the\s+)?)?")


def _has_communities(text: str) -> bool:
    """Whether the text may name a hromada by its adjective (every _COMMUNITY match holds one of these)."""
    return "ommunit" in text or "hromad" in text or "unicipal" in text or ":" in text


_OUTAGE_NOTE = "the place left without power, not where the strike hit"


def _village_units(text: str, out: list[Located]) -> list[Located]:
    """"the village of A in the B community": B's hromada only says where A lies, so A's place stands alone (its
    oblast, its name kept, when the gazetteer lacks A: a hromada dot would sit at the hromada's centre, where the
    text does not say it happened; a district, no dot, still places an unknown village)."""
    drop = [i for i in range(1, len(out))
            if out[i].mention.qualifier == "district" and out[i - 1].mention.qualifier != "district"
            and out[i - 1].mention.kind != "oblast"
            and (out[i - 1].resolved and out[i - 1].geo_precision in ("settlement", "near_settlement")
                 or out[i].geo_precision == "hromada")
            and (dotguards.frames_a_village(text, out[i - 1].mention.end, out[i].mention.start)
                 or dotguards.apposed_to_a_village(text, out[i - 1].mention.end, out[i].mention.start)
                 and _lies_in(out[i - 1], out[i]))]
    # "In the B community, a drone struck the village of A": B leads the sentence as the frame of a village in it
    drop += [i for i, unit in enumerate(out) if i not in drop and unit.geo_precision == "hromada"
             and unit.mention.qualifier == "district" and dotguards.leads_the_sentence(text, unit.mention.start,
                                                                                       unit.mention.end)
             and any(_lies_in(v, unit) for v in out[i + 1:])]
    if not drop:
        return out
    out = list(out)
    for i in drop:
        unit, j = out[i], i - 1
        while j >= 0:  # "the villages of A and B in the C hromada": each village of the list is the hromada's
            village = out[j]
            if not village.resolved and unit.admin1_code and village.admin1_code != unit.admin1_code:
                out[j] = oblast_located(village.mention, unit.admin1_code, resolved=False,
                                        note=f"not in the gazetteer; in {unit.place or unit.mention.name}")
            elif (far := _namesake_off_its_unit(village, unit)) is not None:
                out[j] = far
            if j == 0 or not _AND_GLUE.fullmatch(text, out[j - 1].mention.end, village.mention.start):
                break
            j -= 1
    return [l for i, l in enumerate(out) if i not in drop]


def _lies_in(village: Located, unit: Located) -> bool:
    """Whether the gazetteer's village lies within reach of the hromada's centre (so the text may say it is in it)."""
    return village.resolved and village.geo_precision in ("settlement", "near_settlement") and unit.resolved \
        and village.lat is not None and unit.lat is not None and km(village, unit) <= HROMADA_REACH_KM


_AND_GLUE = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)")


def _namesake_off_its_unit(village: Located, unit: Located) -> Located | None:
    """"the village of A in the B community" with the gazetteer's A farther from B's centre than a hromada (or a
    district) reaches: a namesake, not the village meant (the gazetteer lacks that one); the event takes the unit
    the text names, at its precision, with the village's name kept. None when A may lie in B."""
    if not (village.resolved and unit.resolved and village.geo_precision in ("settlement", "near_settlement")
            and unit.geo_precision in ("hromada", "admin2") and village.lat is not None and unit.lat is not None):
        return None
    reach = HROMADA_REACH_KM if unit.geo_precision == "hromada" else cyr.DISTRICT_REACH_KM
    apart = km(village, unit)
    if apart <= reach:
        return None
    return replace(unit, mention=village.mention,
                   note=f"{village.place} ({village.gazetteer_id}) lies {apart:.0f} km from {unit.place}, which the text "
                        f"says holds it: a namesake; at {unit.place}, the name kept")


def _communities(text: str, out: list[Located], places=None, ctx: list[str] | tuple = ()) -> list[Located]:
    """English hromada adjectives ("Bilopolska community") as their hromada (``places`` finds it in the
    gazetteer, at hromada precision), else as its centre at admin2 precision."""
    from .places import Mention

    taken = [(l.mention.start, l.mention.end) for l in out]
    for m in _COMMUNITY.finditer(text):
        which = 1 if m.group(1) else 2
        s, e = m.span(which)
        if any(a < e and s < b for a, b in taken):
            continue
        if places is not None:
            loc = places.resolve(Mention(s, e, m.group(which), "candidate", "district", False, unit="hromada"), list(ctx))
            if loc.resolved and loc.geo_precision == "hromada":
                out.append(loc)
                continue
        centre = cyr.hromada_centre(m.group(which))
        if centre is None:
            if places is not None:  # a hromada geomap cannot find: its oblast, the name kept (never the place before)
                code = next((c for c in ctx if c.startswith("UA-")), HROMADA_OBLAST)
                out.append(oblast_located(Mention(s, e, m.group(which), "candidate", "district", False, unit="hromada"),
                                          code, resolved=False, note="a hromada not in the gazetteer"))
            continue
        men = Mention(s, e, m.group(which), "place", "hromada", False, None)
        out.append(Located(men, centre.name, centre.gazetteer_id, centre.lon, centre.lat, centre.admin1,
                           centre.admin1_code, centre.country, "admin2", True, f"{m.group(which)} hromada: its centre"))
    out.sort(key=lambda l: l.mention.start)
    return out


_HROMADA_KIND = re.compile(r"(?:сільськ|селищн|міськ)\w*|(?<!\w)(?:сел[оаеуі]|селом|селище|селища|поселк\w*|посёлк\w*|"
                           r"пос[её]лок|хутор\w*|деревн\w*|пгт|смт|город\w*|міст[оа]|пункт\w*\s+пропуска|"
                           r"[А-ЯІЇЄҐ]\w+(?:ого|ьского|ського)\s+район\w*|[А-ЯІЇЄҐ]\w+(?:ой|ої)\s+(?:громад|общин)\w*)(?!\w)"
                           r"|[«»\"]|\n\s*[-–—•*]?")


_BULLET = re.compile(r"[-–—•*]\s")
_ROW_START = re.compile(r"(?:^|\n)[ \t]*[-–—•*]?[ \t]*$")
# a Russian or Ukrainian row that starts a line or follows a ";", after an optional quote, bullet and
# preposition: "\"Краснопільська громада – ...; Сумська – ...", "- у Сумській громаді: ..."
_SEGMENT_START = re.compile(r"(?:^|\n|;)[ \t\"«“„]*[-–—•*]?[ \t]*(?:(?:у|в|на|по)\s+)?$", re.I)


def held_list(held: Sentence, sent: Sentence) -> Sentence | None:
    """A Russian or Ukrainian sentence ending in ":" and the bulleted line after it as one sentence ("Під
    ударами були громади:" and its list; the gap keeps offsets), or None when ``sent`` is no bulleted line."""
    if not _BULLET.match(sent.text):
        return None
    gap = " " * (sent.start - held.end - 1)
    return Sentence(held.start, sent.end, f"{held.text}\n{gap}{sent.text}", sent.paragraph)


def _rows(text: str, mentions) -> bool:
    """Whether each mention begins a line of its own (after an optional bullet)."""
    return all(_ROW_START.search(text, 0, m.start) for m in mentions)


def _row_dates(text: str, loc: Located, dates: list[DateSpan]) -> list[DateSpan]:
    """The dates on the line of a row's place: one row's "напередодні" is not every row's."""
    start = text.rfind("\n", 0, loc.mention.start) + 1
    end = text.find("\n", loc.mention.end)
    end = len(text) if end < 0 else end
    return [d for d in dates if start <= d.pos < end]


# English lists run on across prepositions: "on the outskirts of A and B, as well as near the villages of C"
# (a defence ministry's "repelled attacks near A and B, and thwarted an attempted attack near C": one list)
_LIST_GLUE_EN = re.compile(r"^\s*,?\s*(?:and\s+|or\s+|as\s+well\s+as\s+)?(?:(?:also\s+)?(?:repelled|repulsed|thwarted|"
                           r"foiled|stopped|halted|beat\s+back|fended\s+off)\s+(?:[\w-]+\s+){0,3}?(?:attacks?|counter-?attacks?|"
                           r"assaults?|attempts?)\s+)?(?:(?:near|around|outside|in|at|on\s+the\s+"
                           r"(?:outskirts|edge)\s+of|the|villages?|settlements?|towns?|hamlets?|of)\s+)*$", re.I)


_PAGE_STAMP_EN = re.compile(r"\s(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,\s+)?(?:January|February|March|April|May|June|July|"
                            r"August|September|October|November|December)\s+\d{1,2},\s+\d{4},?\s+\d{1,2}:\d{2}(?::\d{2})?"
                            r"\s*(?:[AP]\.?M\.?)?\s*$")
# a photo caption at the top of an English page: a line that opens as one ("The aftermath of", "Photo for
# illustrative purposes:") or carries a photo credit ("Photo: X", "(X/Telegram)", "via AP", "FILE -"). One marked
# as an illustration or a file photo, or dated two days or more before the report, shows no event of this report:
# its line tells none (captions are short: a longer line is text)
_CAPTION_REACH = 1500  # characters of a page's top where its photo and caption sit
_CAPTION_LEN = 400
_CAPTION_HEAD = re.compile(r"[ \t]*(?:(?:photo|image|picture)s?\s+(?:is\s+|are\s+)?(?:for\s+)?il+ustrat|il+ustrat(?:ive|ion)\b|"
                           r"(?:stock|file|archive)\s+(?:photo|image|picture)|(?:the\s+)?aftermath\s+of\b)", re.I)
_CAPTION_CREDIT = re.compile(r"\b(?:Photo|Image|Picture)\s*:|\((?:Photo|Image)\b|\bPhoto\s+by\b|\bFILE\s+(?:[-–—]|PHOTO\b)|"
                             r"\bvia\s+(?:AP|AFP|REUTERS|Reuters|Getty\s+Images)\b|/(?:AP|AFP|Reuters|REUTERS|PA|Telegram|Facebook)\)")
_CAPTION_ILLUS = re.compile(r"il+ustrat|(?:stock|file|archive)\s+(?:photo|image|picture)|\bFILE\s+(?:[-–—]|PHOTO\b)", re.I)
_LINE = re.compile(r"[^\n]+")
# an undated caption of a scene glued to the headline or the lede: a present-tense description of a photo ("A flag
# flies outside a damaged building", "Firefighters work at the site", "A view shows ...") ending in ", <Town>,
# <Oblast>" (", northeastern Ukraine" may follow) with no day after it. It shows an earlier scene, not the
# report's event ("Russian forces shelled X, Sumy Oblast, on Tuesday" is a lede: a past tense, a day after the place)
_SCENE_VERB = (r"(?:fl(?:y|ies)|stands?|works?|walk(?:s|ing)?|sits?|burns?|smokes?|rises?|inspects?|clears?|removes?|"
               r"looks?\s+at|view\s+shows?|(?:is|are)\s+(?:seen|pictured|shown)|seen|pictured|carr(?:y|ies)|hangs?|"
               r"gathers?|extinguish(?:es)?|puts?\s+out|examines?|rides?|patrols?|repairs?|collects?|"
               r"(?:working|standing|clearing|tackling|inspecting|removing|extinguishing|putting\s+out))")
_SCENE_START = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]*")
_SCENE_CAPTION = re.compile(r"[A-Z][\w'’-]*(?:\s+[\w'’-]+){0,5}?\s+" + _SCENE_VERB + r"\b[^.!?\n]{0,200}?"
                            r"(?:,|\s+in|\s+near|\s+outside|\s+of)\s+(?:the\s+(?:city|town|village)\s+of\s+)?"
                            r"[A-Z][\w'’-]+(?:[ -][A-Z][\w'’-]+)?,\s+(?:[A-Z][\w'’-]+\s+(?:Oblast|[Rr]egion|[Pp]rovince)"
                            r"|Ukraine|Russia)\b(?:,\s+(?:north|south|east|west)\w*\s+(?:Ukraine|Russia)\b)?"
                            r"(?![,;:]|\s+[a-z\d])")


def _blank_scene_captions(text: str, published) -> str:
    """``text`` with the undated scene captions of its top (see _SCENE_CAPTION) blanked, offsets kept."""
    top = text[:_CAPTION_REACH]
    for m in _SCENE_CAPTION.finditer(top):
        start = m.start()
        # the caption starts at the last capitalised word from which it still reads as one (a headline glued
        # before it stays)
        for w in _SCENE_START.finditer(top, m.start() + 1, m.end()):
            if _SCENE_CAPTION.match(top, w.start()) is not None:
                start = w.start()
            else:
                break
        span = top[start:m.end()]
        if len(span) > _CAPTION_LEN or [d for d in find_dates(span, published) if not (d.start == d.end == published.start)]:
            continue
        text = text[:start] + " " * (m.end() - start) + text[m.end():]
    return text


def _force_named(text: str, loc: Located) -> Located:
    """``loc``, or its oblast with the mention kept when the town names a force, a zone, a direction or an
    operation ("угруповання військ Курськ", "the Sudzha direction"): no event is at the town."""
    m = loc.mention
    if loc.geo_precision not in ("settlement", "near_settlement") or loc.admin1_code not in FOCUS_CODES \
            or not force_name(text, m.start, m.end):
        return loc
    return oblast_located(m, loc.admin1_code, resolved=False,
                          note="a force, zone, direction or operation named for the town, not the event's place")


def blank_captions(text: str, published) -> str:
    """``text`` (a page's first block) with the lines of its top that caption an illustration, a file photo or an
    earlier day, and its undated scene captions, blanked (offsets kept)."""
    text = _blank_scene_captions(text, published)
    top = text[:_CAPTION_REACH]
    low = top.lower()
    if "ftermath" not in top and "lustrat" not in top and "photo" not in low and "via " not in top \
            and "/" not in top and "image" not in low:
        return text
    for m in _LINE.finditer(top):
        line = m.group()
        if len(line) > _CAPTION_LEN or not (_CAPTION_HEAD.match(line) or _CAPTION_CREDIT.search(line)):
            continue
        if _CAPTION_ILLUS.search(line) or _earlier_days(line, published):
            text = text[:m.start()] + " " * (m.end() - m.start()) + text[m.end():]
    return text


def _earlier_days(line: str, published) -> bool:
    """Whether a caption names a day two or more before the report's, and none later (the page's own stamp of the
    report's day aside)."""
    days = [d for d in find_dates(line, published) if not (d.start == d.end == published.start)]
    return bool(days) and all(d.end < published.start - _dt.timedelta(days=1) for d in days)


# "• Snagost. Ukrainian forces advanced to the settlement": a bullet headed by a place's name, and the words by which
# its sentences speak of that place
_BULLETS = "•▪●‣◦"
_BULLET_NOTE = "a bullet's head, not in the gazetteer"
_BULLET_HEAD = re.compile(r"\s*[•▪●‣◦]\s*(?P<name>[A-Z][\w'’-]+(?:[ -][A-Z][\w'’-]+){0,2})\s*[.:](?=\s*(?:$|[A-Z“\"]))")
_PLACE_ANAPHOR = re.compile(r"\b(?:the|this|that)\s+(?:village|settlement|town|hamlet|area|locality)\b|\bthere\b", re.I)
_DOWNED_EN = re.compile(r"\b(?:shot\s+down|downed|intercept\w*|air\s+defen[cs]es?|destroyed)\b", re.I)
# drones or missiles told as downed: "shot down nine Shahed drones", "destroyed \"eight Ukrainian drones\"", "one more
# missile was reported downed"
_DOWNED_TOLD_EN = re.compile(r"\b(?:shot\s+down|downed|intercept(?:ed|ing|s)?|destroy(?:ed|ing|s)?)\s+"
                             r"(?:[\w,'’\"“”-]+\s+){0,5}?[\"“]?(?:drones?|UAVs?|missiles?|Shaheds?|rockets?)\b|"
                             r"\b(?:drones?|UAVs?|missiles?|Shaheds?|rockets?)\s+(?:were|was|had\s+been|have\s+been|has\s+been)\s+"
                             r"(?:\w+\s+){0,2}?(?:shot\s+down|downed|intercepted|destroyed)\b", re.I)
_ASIDE = re.compile(r"\([^()]{0,100}\)")
# "3 km north of the Sumy Oblast border": an oblast named as the line a bearing is measured from, no event's frame
_BORDER_BEARING_BEFORE = re.compile(r"\b(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of\s+(?:the\s+)?$", re.I)
_BORDER_AFTER = re.compile(r"(?:['’]s)?\s+border\b")


def _is_list(text: str, listed: list[Located], english: bool = False) -> bool:
    """Whether the places stand in one list ("A, B and C"): only commas and "and" between them (in English
    also "as well as near ..."), or each begins a line of its own ("- Сумська громада: ...;")."""
    ms = sorted((l.mention for l in listed), key=lambda m: m.start)
    if _rows(text, ms) or (not english and all(_SEGMENT_START.search(text, 0, m.start) for m in ms)):
        return True
    gaps = (_HROMADA_KIND.sub("", text[a.end:b.start]) for a, b in zip(ms, ms[1:]))
    if english and "(" in text:  # "A (2 km from the border), B (east of X) and C": an aside after each name
        gaps = (_ASIDE.sub("", g) for g in gaps)
    return all(_LIST_GLUE.match(g) or g.strip() in ("", ",") or (english and _LIST_GLUE_EN.match(g))
               or (not english and cyr.LIST_GLUE_VERB.match(g)) for g in gaps)


def _denies(text: str, keys: set[str]) -> bool:
    """Whether the sentence denies the claims before it (DENIAL_SENTENCE), tried only when its verbs can be there."""
    if text.isascii() and keys.isdisjoint(_DENIAL_KEYS):
        return False
    return _DENIAL_HINT.search(text) is not None and L.DENIAL_SENTENCE.search(text) is not None


@dataclass(slots=True)
class Unresolved:
    """A place named in a document that the gazetteer could not place (slots: a large document holds
    several for each of its events)."""

    mention: str
    start: int
    end: int
    note: str


class UnresolvedLog(TextNumbers):
    """A document's unresolved places in order, held as numbers with one copy of each name and note (a large
    document names the same villages thousands of times); read back as ``Unresolved``."""

    def __init__(self) -> None:
        super().__init__()
        self.rows = array("q")  # per place: its name's number, start, end, its note's number

    def append(self, u: Unresolved) -> None:
        self.rows.extend((self.number(u.mention), u.start, u.end, self.number(u.note)))

    def extend(self, items) -> None:
        for u in items:
            self.append(u)

    def __len__(self) -> int:
        return len(self.rows) // 4

    def __iter__(self):
        texts, rows = self.texts, self.rows
        for i in range(0, len(rows), 4):
            yield Unresolved(texts[rows[i]], rows[i + 1], rows[i + 2], texts[rows[i + 3]])


@dataclass
class Candidate:
    """One extracted event before it becomes a Feature: fields, evidence and how sure we are."""

    event_type: str
    sub_type: str
    date: DateSpan
    located: Located | None
    admin1_code: str | None
    actors: list[str]
    weapons: list[str]
    claimed_by: list[str | None]
    claim_status: str
    quotes: list[tuple[int, int, str]]
    confidence: float
    targets: list[str] = field(default_factory=list)
    outcome: str = ""
    observed_from: str | None = None
    place_from_context: bool = False
    unresolved_place: str | None = None
    near_capital: bool = False  # placed at the oblast from "near <its capital>" (places.NEAR_CAPITAL)
    paragraph: int = 0
    sentence_index: int = 0
    subject: bool = False  # actors read from the sentence's subject
    fatalities: int | None = None
    wounded: int | None = None
    headline: bool = False  # from the headline: its date is the story's, which the lede gives
    listed: bool = False  # one of several places a sentence lists: a headline's one event is not each of them
    anaphor: bool = False  # named as one told before ("the strike", "this attack"): an earlier event's restatement
    bullet: bool = False  # placed at an assessment bullet's head, a village the gazetteer lacks ("• Snagost. ...")
    tally: bool = False  # losses or evacuees summed over a span ("overall", "since August"), not one day's or fight's
    recalled: bool = False  # Russian and Ukrainian: told as an earlier report ("Ранее сообщалось", "Як повідомлялося")
    # an English strike told only by its oblast on "two other villages" or "another town": places apart from the one
    # the report names, so a strike of its own, never folded into the named one
    elsewhere_too: bool = False
    # an English strike told only by its oblast as drones or missiles downed over it ("air defence shot down nine
    # drones over the Sumy region"): what air defence met there, an event apart from the strike that hit a named place
    downed: bool = False
    explosions: int | None = None  # a Ukrainian summary's count of explosions and hits in the hromada (cyr.shots)
    # the quotes already held, kept as they grow once a mention is absorbed: a document restating one
    # incident thousands of times would otherwise search the list at every restatement (quadratic)
    quoted: set | None = field(default=None, repr=False, compare=False)
    seq: int = field(default=0, repr=False, compare=False)  # its place among the document's candidates


@dataclass
class _State:
    paragraph: int = -1
    para_date: DateSpan | None = None
    para_attr: str | None = None
    doc_attr: str | None = None  # the document's latest claimant, for paragraphs that name none
    source_attr: str | None = None  # the claimant a "Source:" line names for the whole English report
    toll_for: Candidate | None = None  # the last sentence's strike (a Candidate), whose dead the next sentence may count
    # texts not yet searched for an attribution, with their gate keys
    para_pending: list[tuple[str, set[str]]] = field(default_factory=list)
    para_admin1: str | None = None
    para_side_actors: list[str] = field(default_factory=list)
    last_date: DateSpan | None = None
    last_admin1: str | None = None
    recent: DateSpan | None = None  # the document's first date within two days of publication (ru/uk)
    first_dated: DateSpan | None = None  # the first date the document gives
    reference = None  # a dateline's day (Published) that relative dates count from, when it precedes publication
    speech_text: str = ""  # the last sentence with a speech verb that told no event, not yet searched
    # the paragraph's quotes that name no claimant yet, as (event, index of the quote)
    para_unclaimed: list[tuple[Candidate, int]] = field(default_factory=list)
    denials: list = field(default_factory=list)  # denials told before any claim: (who, quote, places denied)
    doc_admin1: Counter = field(default_factory=Counter)
    doc_first: dict[str, int] = field(default_factory=dict)
    prev_text: str = ""
    prev_events: list[Candidate] = field(default_factory=list)
    # a sentence without events named another place after them ("... pull back out of the Kursk region."): their place
    # is no longer the one a placeless sentence speaks of
    prev_place_passed: bool = False
    prev_held: list[Candidate] = field(default_factory=list)  # the events the last sentence with events told, as kept
    held_at: int = 0  # the index of that sentence
    sentence_index: int = 0
    elsewhere: bool = False  # the last sentence that named places named only places outside the mapped oblasts
    day_range: DateSpan | None = None  # a summary's day ("з ранку 24 до ранку 25 червня") ending on publication
    # English: the hromadas the document has named, by the normalised name it used ("the hromadas of A, B")
    hromadas: dict[str, Located] = field(default_factory=dict)
    # English: the capitals the document has said as the city (a city word beside the name, "the city" after it),
    # and those the last sentence named bare (dotguards.BARE_CAPITAL)
    city_said: set[str] = field(default_factory=set)
    bare_capitals: tuple[str, ...] = ()
    a_city_unnamed: bool = False  # a sentence naming no town spoke of "the city", "the mayor", a high-rise
    bare_seen: bool = False  # a capital was named bare (only then are the sentences searched for a city unnamed)
    # English: an assessment bullet's head ("• Snagost."): its paragraph, the name and where it stands in its sentence
    bullet_head: tuple[int, str, int, int] | None = None
    # Russian and Ukrainian: the last strike told (sub-type, actors, weapons), which a later toll by place continues
    last_strike: tuple[str, list[str], list[str]] | None = None


class DocumentExtractor:
    """Runs the rules over one document and keeps its candidates, merged, and its unresolved places."""

    def __init__(self, doc: Document, places: PlaceLayer, regions, prepare=None):
        self.doc = doc
        self.places = places
        # ``prepare(doc, language)``: each block's stateless results, computed by other processes (``blocks``)
        self.prepare = prepare
        self.memo = None  # the current block's (a ``blocks.Memo``), or None: everything computed here
        if prepare is not None:
            self.places = _MemoPlaces(places, self)
        self.regions = regions
        self.state = _State()
        self.candidates: list[Candidate] = []
        self.deferred: list[Candidate] = []
        self._index: dict[tuple, list[Candidate]] = {}
        self._by_place: dict[tuple, list[Candidate]] = {}
        self._districts: Counter = Counter()  # events kept at a district, by (type, oblast)
        self.unresolved = UnresolvedLog()
        self.sentences = 0
        self.chars = 0
        self.language = _declared_language(doc)
        self.lex = C.LEXICONS.get(self.language or "")
        self.policy = policy_for(self.language)  # what the language's reports need apart
        self._outlet = (doc.outlet or "").lower()  # an outlet citing itself names no claimant
        self.warnings: list[str] = []
        # a large English document's candidates no rule reaches any more wait on disk (``settled``)
        self._settled = None
        self._settle_at = SETTLE_BATCH
        self._seq = 0
        self._first_dated: DateSpan | None = None

    # ------------------------------------------------------------------ driving
    def run(self) -> list[Candidate]:
        para_base = 0
        first = True
        held: Sentence | None = None  # a Russian or Ukrainian sentence ending in ":" waits for its list
        memos = None
        for offset, text in self.doc.blocks():
            self.chars += len(text)
            if first:
                first = False
                if not self._language_known(text):
                    return []
                if self.lex is None:
                    text = blank_captions(text, self.doc.published)
                self._title_date()
                if self.prepare is not None:
                    memos = self.prepare(self.doc, self.language)
            if memos is not None:
                memo = next(memos, None)
                self.memo = memo if memo is not None and memo.offset == offset else None
            last_para = para_base
            for sent in self._split(text, offset, para_base):
                last_para = sent.paragraph
                if len(self.candidates) >= self._settle_at and self.lex is None:
                    self._settle()
                if held is not None:
                    joined = held_list(held, sent)
                    if joined is None:
                        self.sentence(held)
                    sent = joined or sent
                    held = None
                if self.lex is not None and sent.text.endswith(":"):
                    held = sent
                    continue
                self.sentence(sent)
            para_base = last_para + 1
        if held is not None:
            self.sentence(held)
        self.memo = None
        self.finish()
        self._first_dated = self.state.first_dated
        # the document's own merging is done: its indexes and reading state let go, so the caller can
        # free each candidate as it converts it (``core.drained``)
        self._index, self._by_place, self.state = {}, {}, _State()
        if self._settled is not None:
            return SettledCandidates(self._settled, self.candidates, self._finish_settled)
        return self.candidates

    def _split(self, text: str, offset: int, para_base: int) -> Iterator[Sentence]:
        """The block's sentences; a Ukrainian page's headline on a line of its own, with no full stop, glued by a
        single line break to its lede ("Ворог вдарив по громаді\nУ ніч проти 27 серпня ..."), is a sentence (and a
        paragraph) of its own, as the page sets it."""
        nl = text.find("\n") if self.language == "uk" and self.sentences == 0 else -1
        head = text[:nl].strip() if nl > 0 else ""
        # (a line that opens with a digit is a page's date stamp, "20 листопада 2024 10:15", read with its line)
        if not (20 <= len(head) < 200 and head[0].isalpha() and len(head.split()) >= 4
                and not head.endswith(_SENTENCE_END) and text[nl + 1:nl + 2].strip()):
            return split_sentences(text, offset, para_base)
        return chain(split_sentences(text[:nl + 1], offset, para_base),
                     split_sentences(text[nl + 1:], offset + nl + 1, para_base + 1))

    # ------------------------------------------------------------------ settling (a large document)
    def _settle(self) -> None:
        """Put on disk the candidates no later sentence can reach (``settled``'s text says which)."""
        from .places import Mention

        st, pub = self.state, self.doc.published
        self._settle_at = len(self.candidates) + SETTLE_BATCH
        if pub.precision == "day" and st.first_dated is None:
            return  # the end may still date the events told before the first date (``_story_night``)
        keep = {id(c) for recent in self._index.values() for c in recent[-12:]}
        keep.update(id(c) for c in chain(st.prev_events, st.prev_held, (c for c, _ in st.para_unclaimed)))
        keep.add(id(st.toll_for))
        last: dict[str, Candidate] = {}
        strikes = 0 if self._settled is None else self._settled.strikes
        for c in self.candidates:
            last[c.event_type] = c
            strikes += c.event_type == "strike"
        keep.update(id(c) for c in last.values())
        if strikes <= 1:
            keep.update(id(c) for c in self.candidates if c.event_type == "strike")  # a toll's only strike
        hot = []
        for c in self.candidates:
            if id(c) in keep or _place_key(c) is not None or (
                    c.event_type == "strike" and not c.unresolved_place
                    and any(_TALLY_EN.search(q[2].lower()) for q in c.quotes)):  # a tally the end folds
                hot.append(c)
                continue
            if self._settled is None:
                self._settled = Settled((Candidate, Located, DateSpan, Mention))
            recap = None
            if pub.precision == "day" and (pub.end - c.date.end).days >= RECAP_DAYS:
                recap = _recap(c)
            self._settled.add(c, recap)
        self.candidates = hot

    def _take_back(self, i: int) -> Candidate:
        c = self._settled.take(i)
        at = bisect.bisect(self.candidates, c.seq, key=lambda o: o.seq)
        self.candidates.insert(at, c)
        return c

    def _last_not_claimed_by(self, who: str | None) -> list[Candidate]:
        """The document's last candidate none of whose quotes ``who`` claims (as a list of one, or none)."""
        found = next((c for c in reversed(self.candidates) if who not in c.claimed_by), None)
        if self._settled is not None:
            i = self._settled.last_not_claimed_by(who)
            if i is not None and (found is None or self._settled.seq[i] > found.seq):
                found = self._take_back(i)
        return [found] if found is not None else []

    def _finish_settled(self, c: Candidate) -> None:
        """``finish`` for a settled candidate, read back at the end: what of it applies to one alone."""
        self._story_night_of([c], self._first_dated)
        claims.blamed_both_ways([c])

    def _pure(self, fn, *args):
        """``fn(*args)`` for a function of the sentence alone: a worker's result for the same arguments when
        the block has one (``blocks.Memo``), else computed here."""
        if self.memo is not None:
            found = self.memo.take(fn, args)
            if found is not self.memo.MISSING:
                return found
        return fn(*args)

    def _title_date(self) -> None:
        """A Russian or Ukrainian headline's recent date ("Обстріли Сумщини: за добу ...") dates the body's
        undated sentences, as the body's own first recent date would."""
        title = self.doc.meta.get("title")
        if self.lex is None or not isinstance(title, str) or not title.strip():
            return
        pub = self.doc.published
        for d in cyr.find_dates(self.language, title.lower(), pub):
            if d.precision in ("day", "week") and 0 <= (pub.end - d.end).days <= 2:
                self.state.recent = d
                return

    def _language_known(self, sample: str) -> bool:
        """Set the document's language (front matter, else detected); False, with a warning, when geomap
        cannot read it, so a document in another language is reported instead of giving "0 events"."""
        declared = self.doc.meta.get("language")
        if self.language is None:
            self.language = readable_language(sample)  # the one detector's letter rule: en, ru, uk or None
            self.lex = C.LEXICONS.get(self.language or "")
            self.policy = policy_for(self.language)
        if self.language in READABLE:
            return True
        if declared:
            why = f"language {declared!r} (front matter) is not one geomap reads ({', '.join(READABLE)})"
        else:
            why = f"its language is not one geomap reads ({', '.join(READABLE)})"
        self.warnings.append(f"{why}; no events extracted")
        return False

    def finish(self) -> None:
        """Place the events no oblast was found for yet, then leave out an English report's recaps."""
        self._place_deferred()
        self._bare_capitals()
        self._drop_recaps()
        self._drop_elsewhere()
        self._summary_day()
        self._story_night()
        self._fold_story_day()
        self._fold_oblast_strikes()
        self._fold_lede_strikes()
        self._fold_oblast_fights()
        if self.lex is None:
            claims.blamed_both_ways(self.candidates)
            claims.conceded(self.candidates)

    def _bare_capitals(self) -> None:
        """English: a capital named only bare ("Russia strikes Sumy", "Kursk is under attack") in a report that
        never says the city by that name, nor speaks of a city it leaves unnamed ("the mayor said"), is the oblast,
        with the mention kept: writers shorten "the Sumy region" to "Sumy", and a dot at the city for a strike on one
        of its villages is the worst output."""
        said = self.state.city_said
        if self.lex is not None or self.state.a_city_unnamed:
            return
        moved = []
        for c in self.candidates:
            loc = c.located
            if loc is not None and loc.geo_precision == "settlement" and loc.note.startswith(dotguards.BARE_CAPITAL) \
                    and loc.place not in said:
                c.located = oblast_located(loc.mention, _CAPITAL_OBLAST[loc.place],
                                           note="the oblast named by its capital (the report never says the city)")
                moved.append(c)
        # now known by its oblast, the event may be one the report tells again (a headline and its lede): folded
        # as the reading would have folded it
        gone = set()
        for c in moved:
            for o in self.candidates:
                if o is c or id(o) in gone or o.event_type != c.event_type or o.admin1_code != c.admin1_code:
                    continue
                old, new = (o, c) if o.sentence_index <= c.sentence_index else (c, o)
                if (old.headline or old.date.overlaps(new.date)) and _same_event(old, new):
                    _absorb(old, new, True)
                    gone.add(id(new))
                    if new is c:
                        break
        if gone:
            self.candidates[:] = [c for c in self.candidates if id(c) not in gone]

    def _summary_day(self) -> None:
        """A Russian or Ukrainian daily summary ("протягом доби, з ранку 14 до ранку 15 листопада") reports
        the whole day it names: its undated events take that day, even those told before it is named."""
        pub, r = self.doc.published, self.state.day_range
        if self.lex is None or r is None or pub.precision != "day":
            return
        for c in self.candidates:
            # (a headline's "Обстріли 23 серпня" names the summary's first day: the lede's range holds it)
            if not c.date.explicit and c.date.start == c.date.end and r.start <= c.date.start <= r.end:
                c.date = DateSpan(r.start, r.end, r.precision, r.text, -1, explicit=False)

    def _story_night(self) -> None:
        """An English report's events told before its first date ("Drones hit Sumy", a headline) and dated by the
        report's day alone take that first date when it is the two days ending on the report's day ("overnight",
        "over the past day"): the story's own days, which the lede gives."""
        self._story_night_of(self.candidates, self.state.first_dated)

    def _story_night_of(self, candidates: list[Candidate], r: DateSpan | None) -> None:
        pub = self.doc.published
        if self.lex is not None or r is None or pub.precision != "day" or r.end != pub.end or (r.end - r.start).days != 1:
            return
        for c in candidates:
            if not c.date.explicit and not c.date.text and c.date.start == c.date.end == pub.end:
                c.date = replace(r, pos=-1, explicit=False)

    def _fold_story_day(self) -> None:
        """An English report's undated events at its top (a headline below a page label: "Russia attacks 4
        communities in Sumy Oblast"), dated by the report's day alone, are the story its lede dates a day or two
        earlier ("..., the administration reported on April 24"): their quotes join the first event of that
        kind and oblast on that day, not an event of their own."""
        pub, r = self.doc.published, self.state.first_dated
        if self.lex is not None or r is None or pub.precision != "day" or r.start != r.end \
                or not 0 < (pub.end - r.end).days <= 2:
            return
        kept = []
        for c in self.candidates:
            into = None
            if not c.date.explicit and c.date.start == c.date.end == pub.end and c.sentence_index <= _LEDE_REACH \
                    and _place_key(c) is None and not c.unresolved_place:
                into = next((o for o in self.candidates if o is not c and o.event_type == c.event_type
                             and o.admin1_code == c.admin1_code and o.date.start == o.date.end == r.end), None)
            if into is None:
                kept.append(c)
                continue
            _join_sources(into, c, claim=False)
        self.candidates[:] = kept

    def _fold_oblast_strikes(self) -> None:
        """A report's strike known only by its oblast and told as a count ("ворог атакував 23 населені пункти
        Сумщини", "87 обстрілів", "attacked the border areas 70 times") in a report that places strikes of that
        oblast on those days is their tally: its sentences join the placed strike told nearest it, not a strike
        of its own."""
        tally = cyr.TALLY if self.lex is not None else _TALLY_EN
        placed = [c for c in self.candidates if c.event_type == "strike" and _place_key(c) is not None]
        if not placed:
            return
        kept = []
        for c in self.candidates:
            if c.event_type != "strike" or _place_key(c) is not None or c.unresolved_place or c.elsewhere_too or c.downed:
                kept.append(c)
                continue
            counted = any(tally.search(q[2].lower()) for q in c.quotes)
            if counted and self.lex is not None and any(_DOWNED.search(q[2].lower()) for q in c.quotes):
                kept.append(c)  # "сбит 51 беспилотник", "збито 8 шахедів": drones downed over the oblast, its own event
                continue
            # (an English headline's or lede's undated tally, "Russia shells 8 communities", is the story's: the days
            # before the report that its placed strikes give)
            story = counted and self.lex is None and not c.date.explicit and not c.date.text \
                and c.sentence_index <= _LEDE_REACH and self.doc.published.precision == "day"
            same = [o for o in placed if o.admin1_code == c.admin1_code
                    and (o.date.overlaps(c.date) or story and 0 <= (self.doc.published.end - o.date.end).days <= 2)
                    and (self.lex is not None or background(c.date, self.doc.published)
                         or not background(o.date, self.doc.published))]
            if not same or not (counted or (
                    # English: "a drone hit the Kursk region, one hurt" beside the one strike the
                    # report places there that day is that strike told by its region (a headline, a caption, a
                    # governor's summary), unless it tells drones downed over the region
                    self.lex is None and len(same) == 1 and not c.date.explicit
                    and not any(_DOWNED_EN.search(q[2]) for q in c.quotes))):
                kept.append(c)
                continue
            into = min(same, key=lambda o: (abs(o.sentence_index - c.sentence_index), o.sentence_index))
            _join_sources(into, c, claim=False)
            if len(same) == 1:  # a toll told of the only strike placed there is that strike's
                into.fatalities = into.fatalities if c.fatalities is None else max(c.fatalities, into.fatalities or 0)
                into.wounded = into.wounded if c.wounded is None else max(c.wounded, into.wounded or 0)
            if CLAIM_RANK[c.claim_status] > CLAIM_RANK[into.claim_status]:
                into.claim_status = c.claim_status
        self.candidates[:] = kept

    def _fold_lede_strikes(self) -> None:
        """A Russian or Ukrainian lede's strike known only by its oblast ("В Курской области при атаках дронов
        пострадали три человека") that the text then places ("в деревне X", "в Y громаде") on its days is the
        summary of those strikes: its quotes join the first of them, not an event of its own. Drones downed over
        the oblast are an event of their own and stay."""
        if self.lex is None:
            return
        pub = self.doc.published
        wide = self.language == "uk"  # (Russian reports keep the narrow reach: there the wide one folded annotated strikes)
        kept = []
        for c in self.candidates:
            # (an oblast's district found by its centre, "у Сумському районі"; not a city's, "Зарічний район Сум")
            district = wide and _place_key(c) is not None and c.located.mention.qualifier == "district" \
                and c.located.note.endswith("district: its centre")
            if c.event_type != "strike" or (_place_key(c) is not None and not district) or c.unresolved_place \
                    or c.sentence_index > (_LEDE_SENTENCES if wide else 3) or any(_DOWNED.search(q[2].lower()) for q in c.quotes):
                kept.append(c)
                continue
            # the strikes it may sum up: placed in its oblast on its days, told after it or (Ukrainian: a lede
            # restated under "Деталі" or a caption, a summary closing the list) before it; the nearest takes its quotes
            same = [o for o in self.candidates if o is not c and o.event_type == "strike"
                    and o.admin1_code == c.admin1_code and (_place_key(o) is not None or o.unresolved_place)
                    # ("з початку жовтня загинули 5 цивільних": a running count sums up no one strike)
                    and not (_toll_span(c) and not _toll_span(o))
                    and (wide or o.sentence_index > c.sentence_index)
                    # ("у Сумському районі" beside the hromadas of that district it names after)
                    and (not district or o.located is not None and o.located.mention.qualifier == "hromada"
                         and _district_holding(c, o)
                         and o.sentence_index > c.sentence_index)
                    # (an undated lede's or a headline's day is the story's, which the text gives)
                    and (o.date.overlaps(c.date) or (c.headline or not c.date.explicit) and pub.precision == "day"
                         and 0 <= (pub.end - o.date.end).days <= 2)]
            into = min(same, key=lambda o: (o.sentence_index < c.sentence_index, abs(o.sentence_index - c.sentence_index)),
                       default=None)
            if into is None:
                kept.append(c)
                continue
            _join_sources(into, c)
        self.candidates[:] = kept

    def _fold_oblast_fights(self) -> None:
        """An English report's capture of "a village" (or "another settlement") told only by its oblast, on the
        days a fight at a named village of that oblast is told, is that capture before the report names it
        ("Russia claimed a village in the Sumy region ... the ministry said its troops took X"): its sentences join
        the nearest such fight, not an event of their own. A count of villages, or none named, stays its own."""
        if self.lex is not None:
            return
        named = [o for o in self.candidates if o.event_type == "ground_assault"
                 and (_place_key(o) is not None or o.unresolved_place)]
        if not named:
            return
        kept = []
        for c in self.candidates:
            if c.event_type != "ground_assault" or _place_key(c) is not None or c.unresolved_place \
                    or not L.ONE_VILLAGE.search(c.quotes[0][2]):
                kept.append(c)
                continue
            same = [o for o in named if o.admin1_code == c.admin1_code and o.date.overlaps(c.date)]
            if not same:
                kept.append(c)
                continue
            into = min(same, key=lambda o: (abs(o.sentence_index - c.sentence_index), o.sentence_index))
            _join_sources(into, c)
        self.candidates[:] = kept

    def _drop_recaps(self) -> None:
        """An English news report's event dated RECAP_DAYS or more before its publication is background
        ("the incursion began last August"), told by the reports of its own time: left out, and counted."""
        pub = self.doc.published
        if self.lex is not None or pub.precision != "day":
            return
        kept, recaps = [], []
        for c in self.candidates:
            if (pub.end - c.date.end).days >= RECAP_DAYS:
                recaps.append((c.seq, _recap(c)))
            else:
                kept.append(c)
        if self._settled is not None:  # in the document's order, settled or not
            recaps = heapq.merge(sorted(recaps, key=lambda r: r[0]), self._settled.recaps(Unresolved),
                                 key=lambda r: r[0])
        self.unresolved.extend(u for _, u in recaps)
        self.candidates[:] = kept

    def _drop_elsewhere(self) -> None:
        """A Russian or Ukrainian report's event known only by an oblast outside the mapped ones ("поражены
        украинские части под Харьковом", "ранее в Белгородской области дрон атаковал"): a summary's or a
        roundup's aside, no event of Kursk or Sumy oblast, and no dot to draw but that oblast's centre; left out, and
        counted. (A district or a place of another oblast keeps its event there.)"""
        if not self.policy.drops_elsewhere:
            return
        kept = []
        for c in self.candidates:
            if c.admin1_code and c.admin1_code not in _FOCUS \
                    and (c.located is None or c.located.geo_precision == "admin1"):
                self.unresolved.append(_elsewhere(c))
            else:
                kept.append(c)
        self.candidates[:] = kept

    def _place_deferred(self) -> None:
        st = self.state
        if not self.deferred:
            return
        main = None
        if st.doc_admin1:
            main = sorted(st.doc_admin1, key=lambda c: (-st.doc_admin1[c], st.doc_first[c]))[0]
        for c in self.deferred:
            code = self._side_oblast(c, None) or main
            if code is None:
                self.unresolved.append(Unresolved("(no place)", c.quotes[0][0], c.quotes[0][1],
                                                  f"{c.event_type} event with no place or oblast in the document; dropped"))
                continue
            c.admin1_code = code
            self._add(c)
        self.deferred = []

    # ------------------------------------------------------------------ per sentence
    @staticmethod
    def _another_name(loc: Located, seen: list[str]) -> Located:
        """"Maryino": GeoNames lists it among the old names of a town, and a village of that name the gazetteer
        lacks is as likely; the oblast (the place's, when the report names it), with the mention kept."""
        code = loc.admin1_code if loc.admin1_code in seen or not any(c in _FOCUS for c in seen) \
            else next(c for c in seen if c in _FOCUS)
        return oblast_located(loc.mention, code, resolved=False,
                              note=f"{loc.place} ({loc.admin1}) bears this name only as another of its names")

    def sentence(self, sent: Sentence) -> None:
        st = self.state
        text = sent.text
        first_in_paragraph = sent.paragraph != st.paragraph
        if first_in_paragraph:
            st.paragraph = sent.paragraph
            st.para_date = st.para_attr = st.para_admin1 = None
            st.para_pending = []
            st.prev_events = []
            st.para_unclaimed = []
            if self.lex is None:
                st.toll_for = None
        st.sentence_index += 1
        self.sentences += 1
        if cross_link(text):  # "Read also: <another article's headline>": that line is no report of this one
            nl = text.find("\n")
            if nl < 0 or not text[nl:].strip():
                return
            text = " " * nl + text[nl:]
            sent = Sentence(sent.start, sent.end, text, sent.paragraph)
        elif self.lex is None and (cut := cut_glued_link(text)) is not text:
            text = cut
            sent = Sentence(sent.start, sent.end, text, sent.paragraph)

        if self.lex is None and self.sentences == 1 and ":" in text and (stamp := _PAGE_STAMP_EN.search(text)):
            # "... near Sumy Tuesday, March 12, 2024 9:40:00 AM": the page's time stamp glued to its
            # headline says when it was posted, not when the headline's event happened
            text = text[:stamp.start()] + " " * (stamp.end() - stamp.start()) + text[stamp.end():]
            sent = Sentence(sent.start, sent.end, text, sent.paragraph)
        if self.lex is None and (text.lstrip()[:1] in _BULLETS) and (head := _BULLET_HEAD.match(text)):
            st.bullet_head = (sent.paragraph, head.group("name"), head.start("name"), head.end("name"))
        headline = self.sentences == 1 and len(text) < 200 and not text.rstrip().endswith(_SENTENCE_END)
        if self.lex is None and first_in_paragraph and _DATELINE_HINT.match(text):
            # "CITY, Country –": where the reporter files from, not an actor nor the place of every event
            text = _mask_dateline(text)
            sent = Sentence(sent.start, sent.end, text, sent.paragraph)
        if self.lex is None and first_in_paragraph and st.sentence_index <= 3 and text.lstrip()[:1].isalpha():
            # "KYIV, June 9 (Reuters) -": the story's day, the reference of its relative dates, and no event's date
            end, day = dateline_day(text, self.doc.published)
            if end:
                if day is not None and day.end < self.doc.published.end:
                    st.reference = st.reference or day
                if day is not None and st.recent is None:  # the story's day, which background does not displace
                    st.recent = DateSpan(day.start, day.end, "day", "", -1, explicit=False)
                text = " " * end + text[end:]
                sent = Sentence(sent.start, sent.end, text, sent.paragraph)
        located = self._places(sent)
        toll_trigger = None  # a toll's own strike (Russian and Ukrainian), counted place by place
        if self.lex is not None:
            if any(l.geo_precision != OUTSIDE for l in located):
                st.elsewhere = False
            elif any(l.geo_precision == OUTSIDE for l in located):
                # "атакувала Запоріжжя": the sentences after it without a place of their own tell of there too
                st.elsewhere = True
            low = text.lower()
            keys = self._pure(C.gate_keys, low)
            dates = self._pure(cyr.find_dates, self.language, low, self.doc.published, keys)
            if dates and (pd := st.para_date or st.last_date) is not None and pd.explicit and pd.start == pd.end \
                    and 0 <= (self.doc.published.end - pd.end).days <= 2 \
                    and all(" ".join(d.text.split()) in C.DURING_DAY[self.language] for d in dates):
                # "9 июня враг бил по области. В течение дня под огнём были A и B", "зведення за вівторок, 14
                # травня ... Протягом дня ...": the day just named
                dates = [replace(d, start=pd.start, end=pd.end) for d in dates]
            elif dates and self.doc.published.precision == "day":
                dates = cyr.before_the_day_told(dates, st.last_date, self.doc.published.end)
            elif not dates and self.doc.published.precision == "day" and ("нічн" in low or "ночн" in low):
                # "Через нічну атаку дронами частина міста без світла": the night's two days
                dates = cyr.night_of_attack(low, st.para_date or st.last_date, self.doc.published.end)
            triggers, attribution, caveat, denied = self._pure(cyr.find_triggers, self.lex, text, low, keys)
            if self.language == "ru" and triggers and all(l.mention.kind == "oblast" for l in located) \
                    and cyr.recalls_incursion(dates, self.doc.published):
                # "ВСУ 6 августа вошли в Курскую область": the incursion recalled, not fought now
                triggers = [t for t in triggers if t.event_type not in ("ground_assault", "deployment")]
            if self.language == "ru" and not located and "над" in low and cyr.NATIONWIDE.search(low):
                # "ПВО сбили над регионами России 44 дрона", "четыре над территорией Краснодарского края": the
                # country's count, region by region in the sentences after it, tells nothing here
                st.elsewhere, triggers = True, []
            if triggers and ((not located and (cyr.BACKGROUND.match(low) or self.language == "ru"
                                               and cyr.long_ago(dates, self.doc.published)))
                             or text.rstrip().endswith("?")
                             or low.startswith(("чи ", "ли ")) or (not dates and C.FOOTAGE.search(low))):
                # "Ранее Минобороны сообщило о дронах над регионами": a recap of elsewhere names no place
                # here; "Чи захопили росіяни X?": a headline's question reports nothing; "в одном из фрагментов
                # показали бои под X": undated footage on screen is no event told
                triggers = []
            if not triggers and st.prev_held and located and cyr.INCIDENT.search(low):
                # "Инцидент произошёл в селе X Хомутовского района": where the event told just before happened
                prev = st.prev_held[0]
                if st.sentence_index - prev.sentence_index <= 3 and _place_key(prev) is None \
                        and not prev.unresolved_place and any(l.mention.kind != "oblast" and l.admin1_code == prev.admin1_code
                                                              for l in located):
                    m = cyr.INCIDENT.search(low)
                    triggers = [Trigger(prev.event_type, prev.sub_type, m.start(), m.end(), m.group(),
                                        actors=list(prev.actors), weapons=list(prev.weapons))]
            if not triggers and st.prev_held and dates and (inc := cyr.INCIDENT.search(low, 0, 40)) is not None \
                    and st.sentence_index - st.held_at <= 3:
                # (counted from the sentence that told it last: a headline's event its lede told again is that event)
                # "Инцидент произошёл вечером накануне", "Трагедія сталася 9 червня": the day of the event told just
                # before, which gave none of its own (or only the report's day, a page's stamp)
                pub = self.doc.published.end
                for c in st.prev_held:
                    if not c.date.explicit or c.date.start == c.date.end == pub and self.doc.published.precision == "day":
                        c.date = min(dates, key=lambda d: abs(d.pos - inc.start()))
                        st.recent = c.date  # the story's day, which its later undated sentences keep
            if not triggers and st.last_strike is not None and located \
                    and (toll := cyr.toll_strike(self.language, low, located, dates)) is not None \
                    and not _toll_of(st.toll_for, located):
                # "В селе X погиб водитель", "У Y громаді поранено жінку" after a strike told: that strike's toll
                # at a place of its own, which a governor's or an administration's list tells place by place
                sub, actors, weapons = st.last_strike
                triggers = [toll_trigger := replace(toll, sub_type=sub, actors=list(actors), weapons=list(weapons))]
            if not triggers and denied:
                who = attribution.who if attribution else None
                # a denial paragraphs after the claim ("Генштаб назвав ці заяви пропагандою") answers the
                # document's last event that the denier did not claim itself
                denied_events = st.prev_events or [c for c in self.candidates
                                                   if who is None or who not in c.claimed_by][-1:]
                if denied_events:
                    self._dispute(denied_events, sent, who)
        else:
            keys = self._pure(L.gate_keys, text.lower())  # the sentence's word prefixes, which gate the rules' patterns
            if st.reference is None:
                dates = self._pure(find_dates, text, self.doc.published, st.last_date, keys)
            else:  # a dateline's day is the reference: not the publication day a block's worker read against
                dates = find_dates(text, st.reference, st.last_date, keys)
            if dates and (st.para_date or st.last_date) is not None:
                dates = summary_day(dates, st.para_date, st.reference or self.doc.published, st.last_date)
            triggers, attribution, caveat = self._pure(find_triggers, text, st.prev_text, keys)
            if triggers and any(d.tally for d in dates):
                # a count of losses "since the fighting there began": the fighting names when the count began, no
                # event of the sentence (its losses are)
                tallies = [(d.pos, d.pos + len(d.text)) for d in dates if d.tally]
                triggers = [t for t in triggers if not any(a <= t.start < b for a, b in tallies)]
            if triggers:
                lowered = text.lower()
                if not dates and any(w in lowered for w in L.HABIT_WORDS) and L.HABITUAL.search(text):
                    # "border villages face daily attacks": a habit told with no day of its own is no strike
                    triggers = [t for t in triggers if t.event_type != "strike"]
                if st.sentence_index > _LEDE_REACH and any(w in lowered for w in L.REGIME_WORDS):
                    # a state of emergency told below the lede recalls how the region stands, no event of this report
                    triggers = [t for t in triggers if t.event_type != "other"
                                or not any(w in t.word.lower() for w in L.REGIME_WORDS)]
        if self.lex is None:
            if text.lstrip()[:6] in claims.SOURCE_LABELS:
                if self._settled is not None and self._settled.count:  # it claims every event told before
                    for i in self._settled.numbers():
                        self._take_back(i)
                claims.source_line(st, text, self.candidates + self.deferred)
            attribution = claims.speaker(st, text, keys, attribution, headline, self._outlet)
        if attribution is PENDING:
            # who said it matters only if a later sentence of the paragraph reports an event
            st.para_pending.append((text, keys))
            attribution = None
            if self.lex is None and not headline:
                claims.lede_claimant(st, text, keys)
        elif attribution is claims.OWN_VOICE:
            st.para_pending = []
        elif attribution:
            st.para_attr = st.doc_attr = attribution.who
            st.para_pending = []
            uk = self.language == "uk"
            if self.lex is not None and not triggers and (st.prev_held or uk and self.candidates) \
                    and cyr.SAID_OF_BEFORE.match(text.lower()):
                # "Об этом заявили в Минобороны", "Про це повідомив голова ОВА": the sentence before is their claim;
                # in Ukrainian news, after a headline and its lede, so is the story told so far that no one claimed
                told = [c for c in self.candidates if c.claim_status == "reported" and not any(c.claimed_by)
                        and all(c is not o for o in st.prev_held)] if uk else []
                for c in chain(st.prev_held, told):
                    c.claim_status = "claimed" if c.claim_status == "reported" else c.claim_status
                    _add_quote(c, (sent.start, sent.end, sent.quote), attribution.who)
        if self.lex is None and not triggers and (st.prev_events or self.candidates) and _denies(text, keys):
            # a denial answers the claim before it: in its paragraph, else the document's last event that
            # the denier did not claim itself ("Kyiv's General Staff denied the claim" a paragraph later)
            who = _denier(text)
            denied = st.prev_events or self._last_not_claimed_by(who)
            if denied:
                self._dispute(denied, sent, who)
        elif self.lex is None and not triggers and not keys.isdisjoint(_DENIAL_KEYS):
            claims.remember_denial(st, sent, located, _denier)
        events: list[Candidate] = []
        for t in triggers:
            if self.lex is not None and t is toll_trigger and len(rows := _toll_rows(located)) > 1:
                # "трое пострадали в A районе, ещё пятеро — в B": each place with its own toll, a strike of its own
                ends = [l.mention.end for l in rows]
                for loc, a, b in zip(rows, [0] + ends[:-1], ends):
                    c = self._candidate(t, sent, [loc], dates, attribution, caveat)
                    c.listed = True
                    c.fatalities, c.wounded = cyr.casualties(self.language, text[a:b].lower())
                    events.append(c)
                continue
            if self.lex is None and t.sub_type == "casualties" and not _DIGIT.search(t.word) and not L.taken(t.word) \
                    and (fight := next((c for c in st.prev_held if c.event_type == "ground_assault"), None)) is not None \
                    and st.prev_events and st.prev_events[0].paragraph == sent.paragraph:
                # "... attacked near Sudzha. The attackers suffered heavy losses.": losses told only by their size
                # right after a fight are how that fight went, one of its sources
                _add_quote(fight, (sent.start, sent.end, sent.quote), attribution.who if attribution else None)
                continue
            if self.lex is None and t.sub_type == "training" and not _placed_beside(text, t.start, located):
                continue  # "training in the Far East; now they fight in the Kursk region": the oblast is the fight's
            events.extend(self._candidates(t, sent, located, dates, attribution, caveat))
        heads = [l.mention.name for l in located if l.note == _BULLET_NOTE] if self.lex is None and events else ()
        recalled = self.lex is not None and bool(events) and cyr.RECALLED.match(text.lower()) is not None
        for c in events:
            c.headline = headline and not c.date.explicit
            c.recalled = recalled
            c.bullet = bool(heads) and c.unresolved_place in heads
            if self.lex is None and c.event_type == "strike" and _place_key(c) is None and not c.unresolved_place \
                    and "other" in text and _OTHER_PLACES_EN.search(text):
                c.elsewhere_too = True
            if self.lex is None and c.event_type == "strike" and _place_key(c) is None and not c.unresolved_place \
                    and _DOWNED_TOLD_EN.search(text) \
                    and any(l.mention.kind == "oblast" and l.admin1_code == c.admin1_code for l in located):
                # (downed "over the Sumy region": a downing told of no mapped oblast, "in Russia overnight", "over
                # Kherson", "the drones the attack was made with", is no event of the oblast the report is about)
                c.downed = True
            if self.lex is None and c.event_type == "other" and c.sub_type in ("casualties", "other") \
                    and _LOSS_TALLY_EN.search(text) and (c.sub_type == "casualties" or "evacua" in text.lower()):
                c.tally = True
        if events:
            killed, wounded = (cyr.casualties(self.language, text.lower()) if self.lex is not None
                               else _casualties_en(text))
            if (killed is not None or wounded is not None) \
                    and not any(c.fatalities is not None or c.wounded is not None for c in events):
                target = next((c for c in events if c.event_type == "strike"), events[0])
                target.fatalities, target.wounded = killed, wounded
        elif (st.toll_for is not None or self.lex is None and not keys.isdisjoint(_TOLL_KEYS)) and not _TALLY.search(text):
            # "... hit a car near Bilopillia. A man was killed.": the toll of the strike told just before
            killed, wounded = (cyr.casualties(self.language, text.lower()) if self.lex is not None
                               else _casualties_en(text))
            target = st.toll_for if self.lex is not None or (killed is None and wounded is None) \
                else self._toll_target(located, dates)
            if target is not None and killed is not None and (target.fatalities or 0) < killed:
                target.fatalities = killed
            if target is not None and wounded is not None and (target.wounded or 0) < wounded:
                target.wounded = wounded
        # update context after the sentence's own events took what they needed
        if self.lex is not None and st.day_range is None and self.doc.published.precision == "day" \
                and not cyr.BACKGROUND.match(text.lower()):  # (a recap's night, "Ранее ... в ночь на 8 октября", is not the summary's day)
            pub_day = self.doc.published.end
            st.day_range = next((d for d in dates if d.end == pub_day and (d.end - d.start).days == 1), None)
        dated = [d for d in [c.date for c in events if c.date.explicit] or dates[-1:] if not d.tally]
        if dated and self.lex is None and st.recent is not None and (st.recent.start - dated[0].end).days > 7:
            # a background aside ("the city was also struck in March") lends its date to no later sentence:
            # the story's own day goes on
            dated = []
        if dated and self.lex is None and dated[0].speech and st.para_date is not None \
                and st.para_date.explicit and not st.para_date.speech and st.para_date.start <= dated[0].end <= st.para_date.end:
            # "... attacks since Tuesday, Putin said on Wednesday": the day he spoke falls in the paragraph's days,
            # which its later sentences keep
            dated = []
        if dated:
            st.para_date = dated[0]
            st.last_date = dated[0]
            st.first_dated = st.first_dated or dated[0]
            if st.recent is None and dated[0].precision in ("day", "week") \
                    and (self.doc.published.end - dated[0].end).days <= 2:
                st.recent = dated[0]
        for loc in located:
            if loc.admin1_code and not (self.lex is None and loc.mention.kind == "oblast" and "order" in text
                                        and _BORDER_WITH.search(text, max(0, loc.mention.start - 40), loc.mention.start)):
                # (an oblast across the border, "from the border with Ukraine's Sumy region", is no context)
                st.para_admin1 = loc.admin1_code
                st.last_admin1 = loc.admin1_code
                st.doc_admin1[loc.admin1_code] += 1
                st.doc_first.setdefault(loc.admin1_code, st.sentence_index)
        if events and (C.SHARE.search(text, 0, 120) if self.lex is not None
                       else text.lstrip()[:1] in "MmHhTtNnAa" and L.SHARE.match(text)):
            # "most of the shelling hit X", "найбільше обстрілів у ... районах": a share of the count told
            # before; its quote goes to that event
            for c in events:
                told = next((o for o in reversed(self.candidates) if o.event_type == c.event_type), None)
                if told is not None:
                    _add_quote(told, c.quotes[0], c.claimed_by[0])
            events = [c for c in events if not any(o.event_type == c.event_type for o in self.candidates)]
        held = []
        for c in events:
            if c.admin1_code is None:
                self.deferred.append(c)
                held.append(c)
            else:
                held.append(self._add(c))
        if not events and st.prev_events and any(
                l.admin1_code and l.mention.qualifier != "destination"
                # (a place things came from counts only as the events' own oblast: "units ordered to pull back out of the
                # Kursk region" after "left Sudzha"; fire "from the Sumy region" leaves a Kursk village's shelling)
                and (not l.mention.origin or l.geo_precision == "admin1" and l.admin1_code == st.prev_events[0].admin1_code)
                and _place_key_of(l) not in {_place_key(c) for c in st.prev_events} for l in located):
            st.prev_place_passed = True
        if events:
            st.prev_events = events
            st.prev_place_passed = False
            if self.lex is None:
                claims.note_unclaimed(st, held, (sent.start, sent.end, sent.quote))
            if st.denials:
                claims.dispute_told_before(st, held, _add_quote)
        # the strike whose toll the next sentence may give (only the very next one in Russian and Ukrainian news,
        # which often set each sentence as a paragraph of its own; in English, any later one of its paragraph)
        if events or self.lex is not None:
            st.toll_for = next((c for c in held if c.event_type == "strike"), None)
        if self.lex is not None and (strike := next((c for c in held if c.event_type == "strike"), None)) is not None:
            st.last_strike = (strike.sub_type, list(strike.actors), list(strike.weapons))
        if events:
            st.prev_held, st.held_at = held, st.sentence_index
        elif self.lex is None and st.prev_held and dates:
            self._night_told_after(dates)
        st.prev_text = text

    def _night_told_after(self, dates: list[DateSpan]) -> None:
        """English: a strike dated only by the day a statement told it ("..., the governor said early Friday") or by
        nothing but the report's day, and a sentence right after it that tells no event of its own but names the
        night that ended that day ("a dozen were hurt in the attack overnight", a quote's "the town was hit
        tonight"): the night's two days are the strike's, as the convention dates a night."""
        night = next((d for d in dates if night_named(d)), None)
        if night is None:
            return
        for c in self.state.prev_held:
            if c.event_type == "strike" and (c.date.speech or not c.date.explicit and not c.date.text) \
                    and c.date.start == c.date.end == night.end \
                    and self.state.sentence_index - c.sentence_index <= NIGHT_AFTER_SENTENCES:
                c.date = night

    def _toll_target(self, located: list[Located], dates: list[DateSpan]) -> Candidate | None:
        """The strike an English sentence's count of dead and wounded belongs to ("At least four people died,
        officials said"): the last its paragraph told, else the document's only strike; none when the sentence
        names only places outside the mapped oblasts ("five were killed in the Kharkiv region") or days apart from
        the strike's."""
        if located and all(l.geo_precision == OUTSIDE or l.admin1_code not in _FOCUS for l in located):
            return None
        target = self.state.toll_for
        if target is None:
            strikes = [c for c in self.candidates if c.event_type == "strike"]
            target = strikes[0] if len(strikes) == 1 and not (self._settled and self._settled.strikes) else None
        if target is not None and any(d.explicit and not d.speech and not d.overlaps(target.date) for d in dates):
            return None
        return target

    @staticmethod
    def _dispute(events: list[Candidate], sent: Sentence, who: str | None) -> None:
        """A denial of the sentence before: its events are disputed, and the denial is one of their sources,
        so both sides are named."""
        for c in events:
            c.claim_status = "disputed"
            _add_quote(c, (sent.start, sent.end, sent.quote), who)

    def _places(self, sent: Sentence) -> list[Located]:
        st = self.state
        out: list[Located] = []
        mentions = self.places.mentions(sent.text) if self.lex is None else None
        if mentions is not None and not mentions:
            if st.bare_capitals or st.bare_seen and not st.a_city_unnamed:  # "... the city centre", "the mayor said"
                self._capital_city(sent.text, out)
            return _communities(sent.text, out, self.places, _FOCUS) if _has_communities(sent.text) else out
        ctx = [c for c in (st.para_admin1, st.last_admin1) if c]
        # most mentioned first; a stable sort keeps ties in order of first mention, reversed or not
        ctx += [c for c in sorted(st.doc_admin1, key=st.doc_admin1.__getitem__, reverse=True) if c not in ctx]
        seen = list(ctx)
        ctx += [c for c in _FOCUS if c not in ctx]
        if self.lex is not None:
            located = [self._another_name(loc, seen) if loc.geo_precision in ("settlement", "near_settlement")
                       and by_another_name(loc.mention, loc) else _force_named(sent.text, loc)
                       for loc in self._pure(cyr.place_mentions, self.lex, sent.text, self.places, ctx, seen)]
            for loc in located:
                if not loc.resolved:
                    m = loc.mention
                    self.unresolved.append(Unresolved(m.name, sent.start + m.start, sent.start + m.end, loc.note))
            return located
        if " border" in sent.text and any(m.kind == "oblast" for m in mentions):
            # "3 km north of the Sumy Oblast border": the border a bearing is measured from frames nothing
            mentions = [m for m in mentions if not (m.kind == "oblast" and _BORDER_AFTER.match(sent.text, m.end)
                                                    and _BORDER_BEARING_BEFORE.search(sent.text, max(0, m.start - 30), m.start))]
        # the sentence's own oblasts ("near Andriivka in the Sumy region") frame its villages first
        framing = [(m.start, m.end, self.places.resolve(m, ctx).admin1_code) for m in mentions if m.kind == "oblast"
                   and not ("order" in sent.text and _BORDER_WITH.search(sent.text, max(0, m.start - 40), m.start))]
        own = [code for _, _, code in framing]
        if own:
            ctx = list(dict.fromkeys(own + ctx))
        # a district or hromada frames its villages too ("X in the Glushkovo district"): its oblast is theirs
        framing += [(m.start, m.end, r.admin1_code) for m in mentions if m.qualifier == "district"
                    and (r := self.places.resolve(m, ctx)).resolved and r.admin1_code]
        hromadas = "hromad" in sent.text
        outage = self.policy.outage_places and dotguards.outage_gate(sent.text)
        capital_oblasts: set[str] = set()  # capitals this sentence already used for their oblast
        for m in mentions:
            loc = self.places.resolve(m, ctx)
            if not loc.resolved:
                self.unresolved.append(Unresolved(m.name, sent.start + m.start, sent.start + m.end, loc.note))
            elif hromadas and loc.geo_precision in ("settlement", "near_settlement") \
                    and _HROMADA_AFTER.match(sent.text, m.end):
                # "the Khotin, Yunakivka and Esman hromadas": the communities, at their centres
                loc = replace(loc, geo_precision="admin2", note="a hromada, at its centre")
            elif outage and loc.geo_precision in ("settlement", "near_settlement", "hromada", "admin2") \
                    and dotguards.lost_power(sent.text, m.start, m.end):
                # "X and its raion lost electricity when drones hit the oblast's energy sites": where the
                # power went out, not where the strike hit; the oblast, its name kept
                if out and out[-1].note == _OUTAGE_NOTE and out[-1].admin1_code == loc.admin1_code:
                    continue  # "Shostka and the Shostka district": one place that lost power, told once
                loc = oblast_located(loc.mention, loc.admin1_code, resolved=False, note=_OUTAGE_NOTE)
            elif loc.geo_precision in ("settlement", "near_settlement") and loc.admin1_code not in seen \
                    and (named := next((c for c in chain(seen, own) if c in _FOCUS and c != loc.admin1_code), None)) \
                    and by_other_spelling(m, loc):
                # a report naming only Kursk oblast (before, or in this very sentence: "took Oleshnya in the Kursk
                # region") says "Oleshnya": a Sumy village listed under that spelling among its old names is not
                # proof; the oblast the report names, with the mention kept
                loc = oblast_located(m, named, resolved=False,
                                     note=f"{loc.place} ({loc.admin1}) bears this name only as another spelling, "
                                          f"and the document names {oblast_located(m, named).admin1} only")
                self.unresolved.append(Unresolved(m.name, sent.start + m.start, sent.start + m.end, loc.note))
            elif loc.geo_precision in ("settlement", "near_settlement") and by_another_name(m, loc):
                loc = self._another_name(loc, seen)
                self.unresolved.append(Unresolved(m.name, sent.start + m.start, sent.start + m.end, loc.note))
            elif loc.geo_precision in ("settlement", "near_settlement") and far_reference(sent.text, m.start, m.end):
                loc = oblast_located(loc.mention, loc.admin1_code, resolved=False, note="named as a reference point far away")
            elif loc.geo_precision in ("settlement", "near_settlement") \
                    and (bearing := village_bearing(sent.text, m.start)) is not None:
                # "near the village, east of X": the village's bearing is the mention (two villages east and
                # north of X stay two events), at the oblast
                told = replace(m, text=sent.text[bearing:m.end], start=bearing)
                loc = oblast_located(told, loc.admin1_code, resolved=False,
                                     note="the bearing of a village the sentence speaks of, not the event's place")
            elif loc.geo_precision == "settlement" and loc.place in _CAPITAL_OBLAST \
                    and (_REGION_OF.search(sent.text, max(0, m.start - 30), m.start)
                         or _OBLAST_AFTER.match(sent.text, m.end) or _KIND_OF_ATTACK_AFTER.match(sent.text, m.end)):
                # "the border region of Sumy", "Kursk Governor ... said": the oblast, not its capital
                loc = oblast_located(loc.mention, _CAPITAL_OBLAST[loc.place], note="the oblast named by its capital")
                capital_oblasts.add(loc.admin1_code)
            elif loc.geo_precision == "settlement" and loc.place in _CAPITAL_OBLAST and not m.qualifier \
                    and dotguards.capital_means_oblast(sent.text, m.start, m.end,
                                                       _CAPITAL_OBLAST[loc.place] in capital_oblasts):
                # "fighting in Kursk", "Sumy came under attack 14 times": the region's war, not the city's
                loc = oblast_located(loc.mention, _CAPITAL_OBLAST[loc.place],
                                     note="the oblast named by its capital (the sentence speaks of the region)")
                capital_oblasts.add(loc.admin1_code)
            elif loc.geo_precision in ("settlement", "near_settlement") and framing and m.kind != "oblast" \
                    and m.qualifier != "district" \
                    and (framed := dotguards.framing_oblast(sent.text, m.start, m.end, framing)) \
                    and framed != loc.admin1_code:
                # "the village of X in the Kursk region" found only as a namesake in Sumy oblast: the oblast the
                # sentence names, with the mention kept
                loc = oblast_located(loc.mention, framed, resolved=False,
                                     note=f"{loc.place} ({loc.admin1}) is a namesake outside the oblast the sentence names")
                self.unresolved.append(Unresolved(m.name, sent.start + m.start, sent.start + m.end, loc.note))
            elif (forced := _force_named(sent.text, loc)) is not loc:
                loc = forced
                self.unresolved.append(Unresolved(m.name, sent.start + m.start, sent.start + m.end, loc.note))
            out.append(loc)
        if st.bare_capitals or st.bare_seen and not st.a_city_unnamed or any(l.place in _CAPITAL_OBLAST for l in out):
            self._capital_city(sent.text, out)
        if len(out) > 1:
            out = _village_units(sent.text, out)
        if _has_communities(sent.text):
            out = _communities(sent.text, out, self.places, ctx)
        if st.hromadas or any(l.geo_precision == "hromada" for l in out):
            out = self._summary_hromadas(sent.text, out, ctx)
        if st.bullet_head is not None and st.bullet_head[0] == sent.paragraph and _PLACE_ANAPHOR.search(sent.text) \
                and not any(l.resolved and l.geo_precision in ("settlement", "near_settlement", "hromada", "admin2")
                            for l in out):
            # "• Snagost. Ukrainian forces advanced to the settlement ...": the bullet's head is the place its
            # sentences speak of (a village the gazetteer lacks: the oblast, its name kept)
            from .places import Mention
            _, name, s, e = st.bullet_head
            if e > len(sent.text) or sent.text[s:e] != name:
                s = e = 0  # the head was a sentence of its own
            head = self.places.resolve(Mention(s, e, name, "candidate"), ctx)
            if not head.resolved:
                self.unresolved.append(Unresolved(name, sent.start + s, sent.start + e, head.note))
                head = replace(head, note=_BULLET_NOTE)
            out.insert(0, head)
        return out

    def _capital_city(self, text: str, out: list[Located]) -> None:
        """English: note which capitals the document says as the city (a word only a city has beside the name, or
        "the city" in the sentence after it), and mark a capital named bare as such, for ``_bare_capitals``."""
        st = self.state
        if st.bare_capitals and dotguards.city_after(text):
            st.city_said.update(st.bare_capitals)
        if not st.a_city_unnamed and dotguards.says_city_only(text) and not any(
                l.resolved and l.geo_precision in ("settlement", "near_settlement") for l in out):
            # "the acting mayor said", "a square in the city centre", "high-rise buildings": a report on a city it names
            # only bare elsewhere (a town it names here is the one meant: Sudzha and "the city" in one sentence)
            st.a_city_unnamed = True
        city, bare = None, []
        for i, loc in enumerate(out):
            if loc.geo_precision != "settlement" or loc.place not in _CAPITAL_OBLAST:
                continue
            if city is None:
                city = dotguards.says_city(text)
            if city or dotguards.city_beside_a_region(text, loc.mention.end):
                st.city_said.add(loc.place)
            elif not loc.note.startswith(dotguards.BARE_CAPITAL):
                out[i] = replace(loc, note=f"{dotguards.BARE_CAPITAL}; {loc.note}".rstrip("; "))
                bare.append(loc.place)
        st.bare_capitals = tuple(bare)
        st.bare_seen = st.bare_seen or bool(bare)

    def _summary_hromadas(self, text: str, out: list[Located], ctx: list[str]) -> list[Located]:
        """A summary by hromadas names each one again at the head of its line ("Khotin: mortar fire", "In Esman,
        a drone struck"): once the document has named hromadas, such a head is the hromada, not its town."""
        st = self.state
        for i, loc in enumerate(out):
            if loc.geo_precision == "hromada":
                st.hromadas.setdefault(normalise(loc.mention.name), loc)
            elif loc.geo_precision == "settlement" and st.hromadas and _LINE_HEAD.fullmatch(text, 0, loc.mention.start) \
                    and text.startswith((":", ","), loc.mention.end):
                known = st.hromadas.get(normalise(loc.mention.name))
                if known is None:
                    m = loc.mention
                    known = self.places.resolve(replace(m, kind="candidate", qualifier="district", unit="hromada"), ctx)
                    if not (known.resolved and known.geo_precision == "hromada"):
                        continue
                out[i] = replace(known, mention=loc.mention)
        return out

    def _candidates(self, t: Trigger, sent: Sentence, located: list[Located], dates: list[DateSpan],
                    attribution, caveat: bool) -> list[Candidate]:
        """One candidate per place when the sentence lists several places of one kind for a strike or an
        assault ("Обстрілу зазнали A, B та C громади", "shelled A, B and C"), else one."""
        if self.lex is None and t.event_type in ("strike", "ground_assault"):
            located = _listed_oblast(sent.text, _outside_in_a_list(sent.text, located))
        if self.lex is not None and len(located) > 1:
            # "стягивает силы в Курской области для наступления на Сумы": the aim's place is not where it happens
            aimed = [l for l in located if cyr.PURPOSE_PLACE.search(sent.text, max(0, l.mention.start - 50), l.mention.start)]
            if aimed and len(aimed) < len(located):
                located = [l for l in located if l not in aimed]
        if self.lex is not None and t.event_type == "other":
            # an evacuation or a force's losses is told of an oblast: its villages stay mentions, not dots
            # (a district named stays the district: "эвакуация из Хомутовского района")
            located = [oblast_located(l.mention, l.admin1_code, note=f"{l.place}: an evacuation or losses, kept at the oblast")
                       if l.admin1_code and l.geo_precision not in ("admin1", OUTSIDE) and l.mention.qualifier != "district"
                       else l for l in located]
        if self.lex is None and len(located) > 1 and "hromad" in sent.text:
            located = _container_hromadas_dropped(sent.text, located)
        if self.lex is None and t.event_type == "strike" and len(located) > 1 \
                and all(l.mention.kind == "oblast" for l in located) \
                and 0 < len(focus := [l for l in located if l.admin1_code in _FOCUS]) < len(located):
            located = focus  # "drones downed over the Belgorod, Kursk and Bryansk regions": the mapped oblast's share
        listed = [l for l in located if not l.mention.origin and l.mention.kind != "oblast"
                  and l.geo_precision != OUTSIDE and (l.geo_precision != "admin1" or not l.resolved)]
        # (an English list of hromadas, "the hromadas of A, B and C", names no village by its district)
        districts = [l.mention.start for l in listed if l.mention.qualifier == "district"
                     and not (self.lex is None and l.mention.unit == "hromada")]
        if districts:  # "в деревне X Кореневского района": X is told by its district, not listed beside it
            listed = [l for l in listed if l.resolved or not any(0 < d - l.mention.end <= 2 for d in districts)]
        if districts and self.lex is None:  # "the village of X in the Y district": likewise
            listed = [l for l in listed if l.resolved or not any(
                0 < d - l.mention.end <= 12 and _IN_HROMADA_GAP.fullmatch(sent.text, l.mention.end, d) for d in districts)]
        if self.lex is None and (t.event_type, t.sub_type) == ("other", "other"):
            # "the evacuation order applies to the Bilopilska and Vorozhbianska communities": an evacuation or a
            # restriction in each hromada named (one the gazetteer lacks: the oblast, its name kept)
            hromadas = [l for l in listed if l.mention.unit == "hromada" or l.geo_precision == "hromada"]
            if len(hromadas) > 1:
                out = [self._candidate(t, sent, [loc], dates, attribution, caveat)
                       for loc in sorted(hromadas, key=lambda l: l.mention.start)]
                for c in out:
                    c.listed = True
                return out
        if self.lex is not None and len(listed) > 1:
            # a headline glued to its lede names the lede's villages twice: each village once, where first named
            names: set[str] = set()
            listed = [l for l in listed if not (_village_key(l) in names or names.add(_village_key(l)))]
        if self.lex is not None and len(listed) > 1:
            # "вблизи A и B Хотинской громады": the hromada after a village says where the village lies
            ends = {l.mention.end for l in listed if l.mention.qualifier != "hromada"}
            listed = [l for l in listed if l.mention.qualifier != "hromada"
                      or not any(0 < l.mention.start - e <= 2 for e in ends)]
        if self.lex is None and t.event_type == "strike" and len(listed) > 1 \
                and (rows := _hromada_rows_en(sent.text, listed)) is not None:
            # "wounded four people in the A hromada, two in the B hromada and one in C": a strike in each
            # hromada, with its own toll
            out = []
            for loc, (a, b), toll in rows:
                c = self._candidate(t, sent, [loc], dates, attribution, caveat)
                c.listed = True
                c.fatalities, c.wounded = toll
                out.append(c)
            return out
        if self.language == "ru" and t.event_type == "strike" and len(listed) > 1 \
                and (by_district := self._by_district(t, sent, located, listed, dates, attribution, caveat)):
            return by_district
        if t.event_type in ("strike", "ground_assault") and len(listed) > 1 \
                and (_is_list(sent.text, listed, self.lex is None) or (
                    # "поранено двох у Середино-Будській громаді та жінку в Новослобідській громаді": hromadas
                    # struck, however the sentence joins them, are each a strike of their own
                    self.lex is not None and t.event_type == "strike"
                    and all(l.mention.qualifier == "hromada" for l in listed))) \
                or (self.lex is not None and (t.event_type, t.sub_type) == ("other", "other") and len(listed) > 1
                    and all(l.mention.qualifier == "district" and l.resolved for l in listed)):
            # (an evacuation of districts named together, "жители Суджанского и Кореневского районов": one each)
            # a village the gazetteer lacks is an event of its own when the sentence reports its capture,
            # or in English reporting, which names each village fought over (each one in the oblast, its
            # name kept); a Russian list of fighting "near A, B, ... and N" is one event in the oblast
            known = [l for l in listed if l.resolved]
            unknown = [l for l in listed if not l.resolved]
            if t.outcome != "gained ground" and self.lex is not None:
                unknown = unknown[:1]
            if self.lex is None and sum(l.mention.qualifier != "district" for l in unknown) >= _JOINED_LIST:
                # villages the gazetteer lacks, listed in one sentence ("retook A and B"), are one claim in the oblast
                # with every name kept: nothing tells them apart on the map (evaluation/README.md, "Conventions: lists")
                villages = [l for l in unknown if l.mention.qualifier != "district"]  # (a hromada is its own)
                unknown = [l for l in unknown if l.mention.qualifier == "district"] + villages[:1]
                joined = ", ".join(dict.fromkeys(l.mention.name for l in villages))
            else:
                joined = None
            rows = [l.mention for l in listed]
            rows = len(rows) > 1 and _rows(sent.text, rows)
            out = [self._candidate(t, sent, [loc], _row_dates(sent.text, loc, dates) if rows else dates,
                                   attribution, caveat)
                   for loc in sorted(known + unknown, key=lambda l: l.mention.start)]
            for c in out if len(out) > 1 else ():
                c.listed = True
            if joined is not None:
                for c in out:
                    if c.located is None and c.unresolved_place == villages[0].mention.name:
                        c.unresolved_place = joined
            if self.lex is not None and len(out) > 1 and len(out) == len(listed) \
                    and (rows or all(_SEGMENT_START.search(sent.text, 0, l.mention.start) for l in listed)):
                # rows by hromada ("Білопільська – поранений чоловік; Миколаївська – загинула жінка"): each row's
                # toll is its own strike's
                ms = sorted(l.mention.start for l in listed) + [len(sent.text)]
                for c, a, b in zip(out, ms, ms[1:]):
                    c.fatalities, c.wounded = cyr.casualties(self.language, sent.text[a:b].lower())
            if self.language == "uk" and t.event_type == "strike" and len(out) == len(listed) > 1:
                # "Есманьська (4 вибухи) та Шалигинська (2 вибухи)": each hromada's count follows its name (the
                # first one's may come before it, "8 вибухів пролунало у ...")
                ms = sorted(l.mention.start for l in listed)
                for c, a, b in zip(out, [0] + ms[1:], ms[1:] + [len(sent.text)]):
                    c.explosions = _hromada_shots(c, sent.text[a:b])
            return out
        if self.state.elsewhere and not located:
            return []
        elsewhere = [l for l in located if l.geo_precision == OUTSIDE]
        if elsewhere and len(elsewhere) == len([l for l in located if l.mention.kind != "oblast"]) \
                and not any(l.mention.kind == "oblast" for l in located):
            # every place the sentence names lies outside the mapped oblasts ("the advance near Pokrovsk"):
            # not an event here, and not one for the paragraph's oblast either
            return []
        located = [l for l in located if l.geo_precision != OUTSIDE]
        c = self._candidate(t, sent, located, dates, attribution, caveat)
        if self.lex is None and t.event_type == "strike" and (also := _also_struck(sent.text, t, c, located)) is not None:
            # "bombed units inside Kursk oblast as well as reserves in nine Sumy villages": a strike in each
            return [c, self._candidate(t, sent, [also], dates, attribution, caveat)]
        if self.language == "uk" and c.event_type == "strike" \
                and sum(l.mention.qualifier == "hromada" for l in located) <= 1 \
                and not (c.place_from_context and len(self.state.prev_events) > 1):  # (a list's total is no one's)
            c.explosions = _hromada_shots(c, sent.text)
        return [c]

    def _by_district(self, t: Trigger, sent: Sentence, located: list[Located], listed: list[Located],
                     dates: list[DateSpan], attribution, caveat: bool) -> list[Candidate]:
        """A Russian governor's list by districts ("посёлки A и Тёткино, село B Глушковского района, хутор C
        Беловского района"): a strike at each district that names villages the gazetteer lacks (its centre,
        admin2, the villages kept as its mention) and at each village the gazetteer holds; none when the
        sentence names no such district."""
        # (from all the places: "Коренево Кореневского района" shares its gazetteer id with the village)
        districts = [l for l in located if l.mention.qualifier == "district" and l.resolved and not l.mention.origin
                     and l.geo_precision == "admin2" and cyr.district_villages(l, located)]
        if not districts:
            return []
        told = {id(v): d for d in districts for v in cyr.district_villages(d, located)}
        rest = [l for l in listed if id(l) not in told and l not in districts]
        known = [l for l in rest if l.resolved and l.geo_precision != "admin1" and l.mention.qualifier != "district"]
        unknown = [l for l in rest if not l.resolved or l.geo_precision == "admin1"][:1]
        if len(districts) + len(known) + len(unknown) < 2:
            return []  # "у села X в Беловском районе": one place, told as usual
        out = []
        for loc in sorted(districts + known + unknown, key=lambda l: l.mention.start):
            c = self._candidate(t, sent, [loc], dates, attribution, caveat)
            if loc in districts:
                c.unresolved_place = ", ".join(v.mention.name for v in cyr.district_villages(loc, located))
            c.listed = True
            out.append(c)
        return out

    def _candidate(self, t: Trigger, sent: Sentence, located: list[Located], dates: list[DateSpan],
                   attribution, caveat: bool) -> Candidate:
        st = self.state
        undated = False  # no date in the sentence, its paragraph or the story: the report's day by default
        # date: the expression nearest the trigger, else the paragraph's, else by tense
        if dates:
            if len(dates) > 1 and self.lex is None:
                # "footage published on June 8 shows they recently advanced": the day, not a vague "recently"
                dates = [d for d in dates if d.text.lower() not in ("recently", "lately")] or dates
            date = dates[0] if len(dates) == 1 else min(dates, key=lambda d: (abs(d.pos - t.start), d.pos))
        elif self.lex is not None:
            date = _news_day(st.para_date or st.recent, self.doc.published)
        elif st.para_date is not None:
            # the paragraph's date as it is: a paragraph tells of one day ("On the night of May 29 ... A man
            # was killed ..."); only a later paragraph's undated sentence widens it (below)
            date = replace(st.para_date, pos=-1, explicit=False)
        elif st.recent is not None and st.last_date is not None and st.last_date.end < st.recent.start \
                and (self.doc.published.end - st.last_date.end).days > 2:
            # a new paragraph after a step back ("following an earlier attack in April") returns to the
            # story's own day: the background's month does not carry into it
            date = replace(st.recent, pos=-1, explicit=False)
        elif st.last_date is not None and _PAST.search(sent.text) and not _PRESENT.search(sent.text):
            # the story's own day (within two days of publication) carries on; an older one widens
            recent_day = (st.last_date.end - st.last_date.start).days <= 1 \
                and 0 <= (self.doc.published.end - st.last_date.end).days <= 2 \
                and _EARLIER.match(sent.text) is None
            date = replace(st.last_date, pos=-1, explicit=False) if recent_day else inherit(st.last_date)
            pub = self.doc.published
            # a later paragraph's undated telling after a day of the past week ("On July 26 a drone hit X. ... The
            # governor also said a house was struck"): some day from then to the report, not the week before it
            if not recent_day and pub.precision == "day" and (st.last_date.end - st.last_date.start).days <= 1 \
                    and 2 < (pub.end - st.last_date.end).days <= 7 and _EARLIER.match(sent.text) is None:
                date = DateSpan(st.last_date.start, pub.end, precision_for(st.last_date.start, pub.end), st.last_date.text,
                                -1, explicit=False)
        elif st.recent is not None or self.doc.published.precision == "day":
            # a news report's undated sentence tells of its first recent date, else of its day
            date = _news_day(st.recent, self.doc.published)
            # (the story's day with no words of its own, a dateline's, is the report's day)
            undated = self.lex is None and (st.recent is None or not st.recent.text)
        else:
            date = publication_span(self.doc.published)
        if self.lex is None and date.explicit and date.pos > 0 and self.doc.published.precision == "day" \
                and date.end < self.doc.published.end and _BEGAN_BEFORE.search(sent.text, max(0, date.pos - 25), date.pos):
            # "the operation that began Tuesday": it runs from that day to the report
            end = self.doc.published.end
            date = replace(date, end=end, precision=precision_for(date.start, end))
        # place: the most specific mention, not where something came from, nearest the trigger
        if (t.event_type, t.sub_type) in (("other", "other"), ("deployment", "withdrawal")):
            # an evacuation or a withdrawal "from the X district" happens where people or troops leave
            located = [replace(l, mention=replace(l.mention, origin=False)) if l.mention.origin else l for l in located]
        if t.event_type == "strike" and located and self.policy.may_name_origin(sent.text, located):
            # "shelled from the direction of X", "обстріляли з боку X": the side the fire came from is not where
            # it fell (nor is a namesake of X on this side)
            located = [l for l in located if l.geo_precision not in ("settlement", "near_settlement", "hromada")
                       or not self.policy.fired_from_across(sent.text, l.mention.start)]
        chosen, origin = _choose_place(located, t.start, self.lex is None)
        if self.lex is None and date.explicit and "day " in date.text and _DAY_APART.search(date.text) \
                and (chosen.mention.start if chosen is not None else t.start) > date.pos:
            # "the attack came a day after drones hit X": X, told after the words, is the day before, not after
            step = _dt.timedelta(days=-2 if date.text.lower().endswith("after") else 2)
            date = replace(date, start=date.start + step, end=date.end + step)
        if self.lex is None and chosen is not None and _capital_for_oblast(t, chosen, sent.text):
            # "troops in Kursk", "the last village in Kursk": English names the oblast by its capital
            chosen = oblast_located(chosen.mention, _CAPITAL_OBLAST[chosen.place],
                                    note="the oblast named by its capital (ground fighting and troops)")
        if self.lex is None and chosen is not None:
            chosen = _across_the_border(t, chosen, sent.text)
        admin1 = None
        from_context = near_capital = False
        unresolved_name = None
        if chosen is not None:
            admin1 = chosen.admin1_code
            if not chosen.resolved:
                unresolved_name = chosen.mention.name
            elif chosen.mention.qualifier == "district":  # "в деревне X Кореневского района": X, at its district
                unresolved_name = next((l.mention.name for l in located if not l.resolved and l.mention.kind == "candidate"), None)
            if admin1 is None:
                admin1 = next((l.admin1_code for l in located if l.admin1_code), None) or st.para_admin1 or st.last_admin1
        elif st.prev_events and st.prev_events[0].admin1_code and not st.prev_place_passed:
            # "shelled the area" after "near Sopych": the place of the sentence before
            prev = st.prev_events[0]
            from_context = True
            admin1, chosen, unresolved_name = prev.admin1_code, prev.located, prev.unresolved_place
            near_capital = prev.near_capital
        else:
            from_context = True
            admin1 = self._side_oblast_code(t) or st.para_admin1 or self._tally_oblast(t) or st.last_admin1
            if admin1 is None:
                # "a car heading towards X was hit", nothing else placing it: X's oblast (never a dot at X)
                admin1 = next((l.admin1_code for l in located if l.mention.qualifier == "destination"
                               and l.admin1_code in _FOCUS), None)
        # actors: a sentence whose subject is "the flights" continues the previous one's
        actors = list(t.actors)
        if not t.subject and st.prev_events:
            prev = [a for c in st.prev_events for a in c.actors]
            if prev:
                actors = list(dict.fromkeys(prev))
        if attribution is None and st.para_pending:
            for earlier, keys in reversed(st.para_pending):
                speech = not keys.isdisjoint(L.SPEECH_GATE) and L.SPEECH_HINT_LOWER.search(earlier.lower())
                found = find_attribution(earlier) if speech else None
                if found:
                    st.para_attr = st.doc_attr = found.who
                    break
            st.para_pending = []
        if attribution is not None:
            claimed_by = attribution.who  # None in the outlet's own voice
        elif (claimed_by := st.para_attr) is None:
            # a governor's or an administration's statement relayed paragraph after paragraph names its
            # speaker once: Russian and Ukrainian reports carry the claimant to the paragraphs after it, an
            # English one when a "Source:" line named it, or for an event of the report's own days
            claimed_by = st.doc_attr if self.lex is not None \
                else st.source_attr or claims.carried(st.doc_attr, date, self.doc.published)
        if self.lex is not None and claimed_by == C.RU_MOD and not dates \
                and st.para_date is None and st.recent is None and self.doc.published.precision == "day" \
                and t.event_type in ("strike", "ground_assault") and t.outcome != "gained ground":
            # the Defence Ministry's daily summary ("нанесли поражение ... в районах A и B", "отражены атаки")
            # tells the day before it and its own; a capture is told on the day it is announced
            pub = self.doc.published.end
            date = DateSpan(pub - _dt.timedelta(days=1), pub, "week", "", -1, explicit=False)
        status = "claimed" if (claimed_by or caveat) else "reported"
        confirmer = claims.confirms(sent.text) if self.lex is None else None
        if confirmer is not None:
            status, claimed_by = "confirmed", claimed_by or confirmer or None
        if t.disputed:
            status = "disputed"
        conf = 0.45
        conf += 0.15 if t.subject else 0.0
        conf += 0.1 if date.explicit else 0.0
        if chosen is not None and chosen.resolved:
            conf += 0.2 if chosen.geo_precision != "admin1" else 0.12
        elif chosen is not None:
            conf += 0.05
        conf += 0.05 if attribution and attribution.who else 0.0
        observed_from = None
        if origin is not None and chosen is not None and origin.admin1_code and origin.admin1_code != chosen.admin1_code:
            observed_from = origin.place if origin.geo_precision != "admin1" else origin.admin1
        if admin1 == "RU-KRS" and t.event_type in _CAMPAIGN_TYPES and campaign_window(self.doc.published) \
                and (undated and _ONSET.search(sent.text) is None or date.text in ("recently", "lately")):
            date = campaign_days(date, self.doc.published)
        return Candidate(
            event_type=t.event_type, sub_type=t.sub_type, date=date, located=chosen if (chosen and chosen.resolved) else None,
            near_capital=near_capital or (chosen is not None and chosen.note.startswith(NEAR_CAPITAL)),
            admin1_code=admin1, actors=actors, weapons=list(t.weapons), claimed_by=[claimed_by],
            claim_status=status, quotes=[(sent.start, sent.end, sent.quote)], confidence=round(min(conf, 0.95), 2),
            targets=list(t.targets), outcome=t.outcome, observed_from=observed_from,
            place_from_context=from_context, unresolved_place=unresolved_name,
            paragraph=sent.paragraph, sentence_index=st.sentence_index, subject=t.subject,
            anaphor=(chosen is None or chosen.geo_precision == "admin1") and self.policy.anaphor(sent.text, t),
        )

    def _tally_oblast(self, t: Trigger) -> str | None:
        """A Russian summary's losses or prisoners told with no place ("За сутки потери ВСУ составили ...") count
        the fighting of the oblast the document names most, not of the last one it named in passing; so do an
        English Defence Ministry summary's ("Over the day, Ukraine lost more than 300 servicemen" after a line on
        strikes in the Sumy region)."""
        if t.event_type != "other" or not self.state.doc_admin1 \
                or not (self.language == "ru" or self.lex is None and t.sub_type == "casualties"):
            return None
        counts = self.state.doc_admin1
        return max(counts, key=counts.__getitem__)

    def _side_oblast_code(self, t: Trigger) -> str | None:
        """A strike or reconnaissance aimed at one side's troops happened on that side's ground."""
        if t.event_type not in ("strike", "drone_reconnaissance") or not t.targets:
            return None
        country = {"Ukrainian forces": "UA", "Russian forces": "RU"}.get(t.targets[0])
        return self._oblast_in_country(country)

    def _side_oblast(self, c: Candidate, default):
        if c.event_type not in ("strike", "drone_reconnaissance") or not c.targets:
            return default
        country = {"Ukrainian forces": "UA", "Russian forces": "RU"}.get(c.targets[0])
        return self._oblast_in_country(country) or default

    def _oblast_in_country(self, country: str | None) -> str | None:
        if country is None:
            return None
        st = self.state
        for code in (st.para_admin1, st.last_admin1):
            if code and code.startswith(country + "-"):
                return code
        seen = [c for c in st.doc_admin1 if c.startswith(country + "-")]
        if seen:
            return sorted(seen, key=lambda c: (-st.doc_admin1[c], st.doc_first[c]))[0]
        return None

    # ------------------------------------------------------------------ merging within the document
    def _add(self, c: Candidate) -> Candidate:
        """Merge into an earlier candidate of the same event, else keep as a new one; the one kept.

        Same named place: any earlier one; oblast-level or unnamed: the last few of
        the same type and oblast (an event is restated near where it was reported).
        """
        key = (c.event_type, c.admin1_code)
        recent = self._index.setdefault(key, [])
        pk = _place_key(c)
        same_place = self._by_place.get(key + (pk,), []) if pk is not None else []
        at_district = c.located is not None and c.located.mention.qualifier == "district"
        districts = self._districts[key] + at_district
        # (what the loop below asks of ``c`` alone, asked once: most earlier candidates are passed over on their dates)
        start, end, cyrillic, ru = c.date.start, c.date.end, self.lex is not None, self.language == "ru"
        told_as_background = None
        for old in chain(reversed(same_place), reversed(recent[-12:])):
            if old.headline:
                if not cyrillic:
                    if told_as_background is None:
                        told_as_background = background(c.date, self.doc.published)
                    if told_as_background:
                        continue  # the headline's event is the story's, not one told as background ("earlier this year, ...")
            elif not (old.date.start <= end and start <= old.date.end):
                continue
            if _same_event(old, c, cyrillic, districts <= 1, ru, cyrillic):
                before = _place_key(old)
                _absorb(old, c, self.lex is None)
                after = _place_key(old)
                if after is not None and after != before:
                    self._by_place.setdefault(key + (after,), []).append(old)
                return old
        recent.append(c)
        if len(recent) > 64:
            del recent[:-12]  # only the last 12 are read
        self._districts[key] += at_district
        if pk is not None:
            self._by_place.setdefault(key + (pk,), []).append(c)
        c.seq = self._seq
        self._seq += 1
        self.candidates.append(c)
        return c


# how many villages the gazetteer lacks an English list must name to be one event in the oblast (see _candidates):
# two already, as the annotation convention counts them (one dot per place the map can show)
_JOINED_LIST = 2

# between a village and the hromada it lies in: "A and B in the X hromada", "A (X hromada)", "A of the X hromada"
_IN_HROMADA_GAP = re.compile(r"\s*(?:\(\s*|,?\s*(?:in|of|within)\s+(?:the\s+)?)")


_ROW_BREAK = re.compile(r"\s*(?:[,;]\s*(?:and\s+|while\s+|as\s+well\s+as\s+)?|\s+and\s+|\s+while\s+)")
_ROW_COUNT = re.compile(r"\W*(?:and\s+)?(?:another\s+)?(\d{1,4}|one|two|three|four|five|six|seven|eight|nine|ten|an?)\b", re.I)


def _hromada_rows_en(text: str, listed: list[Located]) -> list[tuple[Located, tuple[int, int], tuple]] | None:
    """English: the hromadas a sentence tells one by one in prose ("four in the A hromada, two in the B hromada",
    "in the A hromada a man was wounded, and in the B hromada a woman was killed"), each with the part of the
    sentence that is its own and that part's (killed, wounded); None unless every listed place is a hromada
    and each part is cut from the next by a comma, a semicolon or "and"."""
    ms = sorted(listed, key=lambda l: l.mention.start)
    if not all(l.geo_precision == "hromada" or "hromad" in l.mention.text.lower() for l in ms):
        return None
    cuts = []
    for a, b in zip(ms, ms[1:]):
        gap = text[a.mention.end:b.mention.start]
        if len(gap) > 160 or not gap.strip() or _LIST_GLUE_EN.match(gap) or _LIST_GLUE.match(gap):
            return None  # "the A and B hromadas", "A, B and C": a plain list, told as one (see _is_list)
        breaks = list(_ROW_BREAK.finditer(gap))
        if not breaks:
            return None
        cuts.append(a.mention.end + breaks[-1].start())
    colon = text.rfind(":", 0, ms[0].mention.start)
    starts = [colon + 1 if colon >= 0 else 0] + cuts
    ends = cuts + [len(text)]
    # the kind of count the rows give bare ("four in A, two in B"): the words before a colon say it, else the first row
    lead_k, lead_w = _casualties_en(text[:starts[0]] if starts[0] else text[starts[0]:ends[0]])
    kind = 0 if lead_k and not lead_w else 1 if lead_w and not lead_k else None
    rows = []
    for loc, a, b in zip(ms, starts, ends):
        toll = list(_casualties_en(text[a:b]))
        if toll == [None, None] and kind is not None and (m := _ROW_COUNT.match(text, a, b)):
            word = m.group(1).lower()
            toll[kind] = int(word) if word.isdigit() else _NUM_WORDS[word]
        rows.append((loc, (a, b), tuple(toll)))
    return rows


def _container_hromadas_dropped(text: str, located: list[Located]) -> list[Located]:
    """English: a hromada named right after a village ("Lisne and Basivka in the X hromada") says where the
    village lies, and is no place of its own: an event there would put a dot on the hromada's centre for
    villages it holds (one the gazetteer lacks stays at the oblast, its name kept)."""
    ends = [l.mention.end for l in located if l.mention.kind != "oblast" and "hromad" not in l.mention.text.lower()]
    containers = [l for l in located if "hromad" in l.mention.text.lower() and any(
        0 <= l.mention.start - e <= 12 and _IN_HROMADA_GAP.fullmatch(text, e, l.mention.start) for e in ends)]
    if not containers:
        return located
    out = []
    for l in located:
        if l in containers:
            continue
        # a village the gazetteer lacks lies in the oblast of the hromada named after it
        h = next((h for h in containers if 0 < h.mention.start - l.mention.end <= 80), None)
        if h is not None and not l.resolved and l.mention.kind != "oblast" and h.admin1_code:
            l = oblast_located(l.mention, h.admin1_code, resolved=False, note=f"a village of {h.mention.name}, "
                                                                                "not in the gazetteer")
        out.append(l)
    return out


# drones or missiles downed over an oblast: an interception, an event of its own at the oblast
_DOWNED = re.compile(r"сбит|сбил|перехват|уничтожен|подавлен|збит|збил|знешкод|знищен|знищил|перехопл|перехопил|приземл")


_SEGMENT_BREAK = re.compile(r"[,;]")


def _placed_beside(text: str, pos: int, located: list[Located]) -> bool:
    """Whether the sentence names no mapped place, or names one in the stretch of ``text`` around ``pos`` that no
    comma or semicolon cuts ("were training at ranges in the Kursk region"). An English training goes on the map
    where its own words put it, or where the story has its troops (a sentence with no place: "Once they arrived,
    instructors gave them courses"), not at the oblast a speaker's words or another clause name ("training in the
    Far East; now they fight in the Kursk region")."""
    mapped = [l for l in located if l.admin1_code in _FOCUS and not l.mention.origin]
    start = max((m.end() for m in _SEGMENT_BREAK.finditer(text, 0, pos)), default=0)
    nxt = _SEGMENT_BREAK.search(text, pos)
    end = nxt.start() if nxt else len(text)
    return not mapped or any(start <= l.mention.start < end for l in mapped)


def _toll_rows(located: list[Located]) -> list[Located]:
    """The places a sentence of tolls counts apart: each of the map's places once, a village the gazetteer lacks
    told by the district right after it being that district ("в селе X Рыльского района"), and a district right
    after a village the gazetteer holds being that village."""
    own = [l for l in located if l.mention.kind != "oblast" and l.geo_precision != OUTSIDE and not l.mention.origin]
    out: list[Located] = []
    for i, l in enumerate(own):
        nxt = own[i + 1] if i + 1 < len(own) else None
        prev = own[i - 1] if i else None
        if nxt is not None and nxt.mention.qualifier == "district" and 0 <= nxt.mention.start - l.mention.end <= 2 \
                and not (l.resolved and l.geo_precision != "admin1"):
            continue
        if prev is not None and l.mention.qualifier == "district" and 0 <= l.mention.start - prev.mention.end <= 2 \
                and prev.resolved and prev.geo_precision != "admin1":
            continue
        if any(_village_key(o) == _village_key(l) for o in out):
            continue
        out.append(l)
    return out


def _toll_span(c: Candidate) -> bool:
    """Whether a strike's days are a running count's ("с начала месяца", "з початку жовтня"): more than a week."""
    return c.date.explicit and (c.date.end - c.date.start).days > 7


def _toll_of(strike: Candidate | None, located: list[Located]) -> bool:
    """Whether a sentence's places are all the place of the strike told just before (its toll, not another one)."""
    if strike is None:
        return False
    own = {strike.located.gazetteer_id} if strike.located is not None else set()
    own |= {_name_key(strike.unresolved_place)} if strike.unresolved_place else set()
    here = {l.gazetteer_id if l.resolved and l.geo_precision != "admin1" else _name_key(l.mention.name)
            for l in located if l.mention.kind != "oblast"}
    return bool(here) and here <= own


def _recap(c: Candidate) -> Unresolved:
    """What the report says of an English report's recap, left out (``_drop_recaps``)."""
    return Unresolved("(background)", c.quotes[0][0], c.quotes[0][1],
                      f"{c.event_type} event of {c.date.start}..{c.date.end}, "
                      f"{RECAP_DAYS}+ days before publication: a recap, left out")


def _elsewhere(c: Candidate) -> Unresolved:
    """What the report says of an event outside the mapped oblasts, left out (``_drop_elsewhere``)."""
    return Unresolved("(elsewhere)", c.quotes[0][0], c.quotes[0][1],
                      f"{c.event_type} event in {c.admin1_code}, known only by its oblast: outside the mapped "
                      f"oblasts, left out")


def _listed_oblast(text: str, located: list[Located]) -> list[Located]:
    """A village known only to an oblast (a name many villages bear) listed beside villages placed in one
    mapped oblast ("near Yunakivka and Andriivka") lies in that oblast: the list's, not a namesake's."""
    vague = [l for l in located if l.geo_precision == "admin1" and not l.resolved and l.mention.kind != "oblast"
             and not l.mention.origin]
    if not vague:
        return located
    known = {l.admin1_code for l in located if l.resolved and l.geo_precision in ("settlement", "near_settlement")
             and not l.mention.origin}
    if len(known) != 1 or not known <= set(_FOCUS):
        return located
    code = next(iter(known))
    siblings = [l for l in located if l.resolved and l.admin1_code == code and not l.mention.origin
                and l.geo_precision in ("settlement", "near_settlement")]
    moved = {id(v) for v in vague if v.admin1_code != code
             and any(_is_list(text, sorted([k, v], key=lambda l: l.mention.start), english=True) for k in siblings)}
    if not moved:
        return located
    return [oblast_located(l.mention, code, resolved=False, note=f"listed with villages of {code}; {l.note}".rstrip("; "))
            if id(l) in moved else l for l in located]


def _outside_in_a_list(text: str, located: list[Located]) -> list[Located]:
    """A village known only outside the mapped oblasts but listed among villages here ("near A, B, C and D"
    in the Sumy region) is a village here the gazetteer lacks: its oblast, its name kept, never a dot."""
    outside = [l for l in located if l.geo_precision == OUTSIDE and not l.mention.origin]
    if not outside:
        return located
    here = [l for l in located if not l.mention.origin and l.mention.kind != "oblast" and l.geo_precision != OUTSIDE]
    code = next((l.admin1_code for l in here if l.resolved and l.admin1_code in _FOCUS), None) \
        or next((l.admin1_code for l in located if l.mention.kind == "oblast" and l.admin1_code in _FOCUS), None)
    if code is None or not here:
        return located
    listed = sorted(here + outside, key=lambda l: l.mention.start)
    if not _is_list(text, listed, english=True):
        return located
    return [oblast_located(l.mention, code, resolved=False, note="listed with villages here; its namesakes lie outside")
            if l.geo_precision == OUTSIDE and not l.mention.origin else l for l in located]


# between the two oblasts a strike sentence lists as hit: "..., as well as", "and", "and also"
_OBLASTS_JOINED = re.compile(r",?\s+(?:as\s+well\s+as|and(?:\s+also)?)\s", re.I)
# an oblast named for its people or officials ("the Sumy region's governor", "Kursk region authorities"): no target
_OBLAST_SPEAKS = re.compile(r"(?:['’]s)?\s+(?:acting\s+)?(?:governor|authorities|officials|administration|head|"
                            r"residents|police|prosecutors?|emergency|military\s+administration)\b", re.I)


def _also_struck(text: str, t: Trigger, c: Candidate, located: list[Located]) -> Located | None:
    """The other mapped oblast an English strike sentence names, after its trigger and the place its event took, joined
    to it as a second target ("bombed units inside Kursk oblast as well as reserves in nine Sumy villages"): a
    strike there too. An oblast the fire came from, or one named for its governor or officials, is none."""
    at = c.located
    if c.admin1_code not in _FOCUS or at is None or at.mention.start < t.start:
        return None
    for l in located:
        if l.mention.kind == "oblast" and l.admin1_code in _FOCUS and l.admin1_code != c.admin1_code \
                and not l.mention.origin and l.mention.start > at.mention.end \
                and _OBLASTS_JOINED.search(text, at.mention.end, l.mention.start) \
                and not _OBLAST_SPEAKS.match(text, l.mention.end):
            return l
    return None


def _choose_place(located: list[Located], trigger_pos: int, english: bool = False
                  ) -> tuple[Located | None, Located | None]:
    located = [l for l in located if l.mention.qualifier != "destination"]
    if not located:
        return None, None
    if len(located) == 1:  # the usual case: the one place, which is where it happened or where it came from
        only = located[0]
        if english and only.mention.origin and only.geo_precision == "admin1":
            # "advance on the area from Ukraine's Sumy region": the oblast they came from is not where it happened
            return None, only
        return only, (only if only.mention.origin else None)
    targets = [l for l in located if not l.mention.origin] or located
    origins = [l for l in located if l.mention.origin]

    COARSE_RANK = GEO_PRECISIONS.index("admin1")  # oblast-level or unresolved: any finer place wins

    def key(l: Located):
        return (l.rank >= COARSE_RANK, abs(l.mention.start - trigger_pos), l.rank, l.mention.start)

    chosen = min(targets, key=key)
    # an unresolved village beats its own oblast but not a resolved settlement
    origin = min(origins, key=key) if origins else None
    return chosen, origin


# "massed troops near Ukraine's Sumy region", "along the border with the Kursk region": beside the oblast
_BESIDE_BEFORE = re.compile(r"\b(?:near|close\s+to|next\s+to|along|opposite|across\s+(?:the\s+border\s+)?from|"
                            r"on\s+the\s+border\s+(?:with|of)|(?:up\s+)?to\s+the\s+border\s+(?:with|of))\s+"
                            r"(?:(?:the|Ukraine(?:'s|’s)|Russia(?:'s|’s)|\w+(?:ern|east|west))\s+)*$", re.I)
_SIDE_COUNTRY = {"Russian forces": "RU", "North Korean forces": "RU", "Ukrainian forces": "UA"}


def _across_the_border(t: Trigger, chosen: Located, text: str) -> Located:
    """Troops gathered beside the other side's oblast stand in their own side's mapped oblast across
    the border (Russian troops "near the Sumy region" are in Kursk oblast), known only to the oblast."""
    if t.event_type != "deployment" or chosen.geo_precision != "admin1" or not chosen.admin1_code:
        return chosen
    sides = {_SIDE_COUNTRY[a] for a in t.actors if a in _SIDE_COUNTRY}
    if len(sides) != 1 or chosen.admin1_code.startswith(next(iter(sides)) + "-"):
        return chosen
    if not _BESIDE_BEFORE.search(text, max(0, chosen.mention.start - 60), chosen.mention.start):
        return chosen
    own = next(c for c in _FOCUS if c.startswith(next(iter(sides)) + "-"))
    return oblast_located(chosen.mention, own, note="troops beside the other side's oblast: their own side of the border")


_DAY_APART = re.compile(r"\bday\s+(?:after|before)$", re.I)
_BEGAN_BEFORE = re.compile(r"\b(?:began|begun|started|launched|kicked\s+off|under\s+way\s+since|ongoing\s+since)\s+(?:on\s+)?$",
                           re.I)
_CITY_NEAR = re.compile(r"\b(?:city|regional\s+(?:centre|center|capital))\b", re.I)
# "the bridgehead in the north of Sumy", "in the far east of Kursk": a part of the place (with "the"), not a bearing
# from it ("north of Sumy", "5 km east of Kursk"); for ground fighting the capital's name is its region's
_PART_OF_BEFORE = re.compile(r"\bthe\s+(?:far\s+|extreme\s+)?(?:north|south|east|west|north-?east|north-?west|"
                             r"south-?east|south-?west)(?:ern\s+part)?\s+of\s+$", re.I)


def _capital_for_oblast(t: Trigger, chosen: Located, text: str) -> bool:
    """Whether a bare regional capital ("in Kursk", "in Sumy", "in the north of Sumy") stands for its oblast:
    so for ground fighting, captures, deployments and a force's losses, which reporting places in the region,
    unless the city is said."""
    if t.event_type not in ("ground_assault", "deployment", "other") or not chosen.resolved:
        return False
    if chosen.place not in _CAPITAL_OBLAST:
        return False
    m = chosen.mention
    if chosen.geo_precision != "settlement" and not (
            chosen.geo_precision == "near_settlement" and _PART_OF_BEFORE.search(text, max(0, m.start - 30), m.start)):
        return False
    return _CITY_NEAR.search(text, max(0, m.start - 25), min(len(text), m.end + 12)) is None


def _place_key_of(loc: Located) -> str | None:
    """A place's key as ``_place_key`` gives an event's (None for an oblast)."""
    return None if loc.geo_precision == "admin1" else loc.gazetteer_id


def _place_key(c: Candidate) -> str | None:
    if c.located is None or c.located.geo_precision == "admin1":
        return None
    if c.listed and c.unresolved_place and c.located.mention.qualifier == "district":
        # a district standing for the villages a list names ("сёла A и B Кореневского района") is not its
        # centre town, told in the same list ("и Коренево")
        return f"{c.located.gazetteer_id} district"
    return c.located.gazetteer_id


def _near_its_capital(vague: Candidate, placed: Candidate) -> bool:
    """Whether ``vague`` is an oblast-level "near <capital>" and ``placed`` is at that very capital."""
    at = placed.located
    return (vague.near_capital and at is not None and at.geo_precision == "settlement"
            and _CAPITAL_OBLAST.get(at.place or "") == vague.admin1_code)


def _same_event(old: Candidate, new: Candidate, headline_first: bool = False, one_district: bool = False,
                kinds: bool = False, taken_apart: bool = False) -> bool:
    """Whether ``new`` retells ``old``; ``headline_first`` (Russian and Ukrainian news): an oblast-level
    headline is the incident the first named place of the text tells, and so is a village the gazetteer
    lacks after the one district the text names (``one_district``); ``kinds`` (Russian summaries): each kind of
    fighting its own event; ``taken_apart`` (Russian and Ukrainian): ground taken apart from the fighting."""
    if old.event_type != new.event_type or old.admin1_code != new.admin1_code:
        return False
    if old.event_type == "other" and old.sub_type != new.sub_type:
        return False  # training and a force's losses are two events
    if old.downed != new.downed:
        return False  # drones downed over the oblast and the strike that hit a town there: two events
    if old.event_type == "other" and (old.tally != new.tally or old.sub_type == "casualties" and (
            (old.fatalities, old.wounded) != (new.fatalities, new.wounded)
            and (old.fatalities or old.wounded) and (new.fatalities or new.wounded))):
        return False  # a day's losses (or evacuation) and the total since August, or two counts of dead: two tallies
    if old.event_type == "other" and old.date.explicit and new.date.explicit \
            and ((old.date.end - old.date.start).days > 31) != ((new.date.end - new.date.start).days > 31):
        return False  # a day's losses and the tally since the fighting began are two counts
    if not old.headline and not old.date.overlaps(new.date):
        return False
    if old.subject and new.subject and not set(old.actors) & set(new.actors) and not _one_count(old, new):
        return False  # Ukrainian and Russian attacks on one village are two events
    if (old.elsewhere_too or new.elsewhere_too) and old.sentence_index != new.sentence_index \
            and not (old.elsewhere_too and new.elsewhere_too):
        return False  # "bombs also hit two other villages": not the strike on the place told before
    ok, nk = _place_key(old), _place_key(new)
    if headline_first and old.recalled != new.recalled and (old.fatalities is not None or old.wounded is not None) \
            and (new.fatalities is not None or new.wounded is not None) \
            and (old.fatalities, old.wounded) != (new.fatalities, new.wounded):
        return False  # "Ранее сообщалось, что в X ранены трое" beside the report's two killed: an earlier incident, not a retelling
    if headline_first and new.anaphor and nk is None and not new.unresolved_place:
        return True  # "в ходе отражения атаки враг лишился ...": the fight told before, whatever kind it was told as
    if kinds and old.event_type == "ground_assault" and ok is None and nk is None \
            and cyr.kinds_apart(cyr.candidate_kind(old.sub_type, old.outcome), cyr.candidate_kind(new.sub_type, new.outcome)):
        return False  # a Russian summary's attacks beaten off, border crossing stopped and ground taken: three events
    if headline_first and old.event_type == "strike" and _toll_span(old) != _toll_span(new) \
            and min((old.date.end - old.date.start).days, (new.date.end - new.date.start).days) <= 2:
        return False  # "з початку жовтня загинули 5 цивільних" and a car hit that day: a running toll and a strike
    if taken_apart and old.event_type == "ground_assault" and ok is None and nk is None \
            and (cyr.candidate_kind(old.sub_type, old.outcome) == "taken") != (cyr.candidate_kind(new.sub_type, new.outcome) == "taken"):
        return False  # "Москва заявила про звільнення області" and "відбито п'ять штурмів" that day: two events
    if kinds and old.event_type == "strike" and ok is not None and ok == nk and new.sentence_index != old.sentence_index \
            and old.located.mention.qualifier == "district" and new.located.mention.qualifier == "district" \
            and not old.place_from_context and not new.place_from_context \
            and cyr.weapons_apart(old.sub_type, old.quotes[0][2], new.sub_type, new.quotes[-1][2]):
        return False  # a district's shelling and its drone attacks, told in two sentences of a day summary: two events
    if nk is None and new.unresolved_place and ok is None and not old.unresolved_place and not headline_first \
            and (new.listed and new.sentence_index != old.sentence_index
                 or new.paragraph != old.paragraph and new.bullet):
        # "took A, B and C" (villages the gazetteer lacks), an assessment's bullet on a village: each its own, not
        # the earlier general account
        return False
    if new.anaphor and nk is None and not new.unresolved_place and ok is not None:
        return True  # "accused Kyiv of targeting civilians in the strike": the strike on the village told before
    if old.headline and ok is None and (not old.unresolved_place or headline_first and old.near_capital) \
            and 0 < new.sentence_index - old.sentence_index <= (1 if headline_first else _LEDE_REACH) \
            and (new.date.precision == "day" or not new.date.explicit):
        # the headline's unplaced event is the one its lede places ("strike kills two in a village"); an English
        # page may set a byline, a date line or a caption between them
        return True
    if headline_first and (ok is None) != (nk is None) and old.date.overlaps(new.date) \
            and _one_village_by_its_district(old, new):  # (the same village struck on two days: two strikes)
        return True
    if ok == nk:
        if ok is None and old.unresolved_place and new.unresolved_place and old.unresolved_place != new.unresolved_place \
                and _COMMUNITY_WORD.sub("", old.unresolved_place) != _COMMUNITY_WORD.sub("", new.unresolved_place):
            return False
        if ok is None and not headline_first and old.event_type == "ground_assault" and old.paragraph != new.paragraph \
                and old.unresolved_place is not None and new.unresolved_place is None:
            # a fight at a village the gazetteer lacks, then one told of the oblast alone in another paragraph ("fighting
            # goes on near A" ... "bloggers say troops hold a foothold in the region"): two incidents (the other way
            # round, a lede's "took another village" and the next paragraph's "the village of A", stays one)
            return False
        return True
    if not headline_first and old.event_type == "strike" and (_district_holding(old, new) or _district_holding(new, old)):
        return True  # "a drone hit a car in X" and the prosecutor's "the occupiers struck the Y district": one strike
    if not headline_first and old.event_type == "strike" and (_hromada_holding(old, new) or _hromada_holding(new, old)):
        return True  # the prosecutor's "a strike on the X community" and the governor's "the village of Y": one strike
    if _near_its_capital(old, new) or _near_its_capital(new, old):
        return True  # "a depot near Kursk" and the fire on the outskirts of Kursk that day: one strike, at the city
    if headline_first and one_district and _district_and_village(old, new):
        return True
    if headline_first and (_district_of_capital(old, new) or _district_of_capital(new, old)):
        return True  # "удар по Зарічному району Сум" and "атака на Суми" that day: one strike, in the district
    if headline_first and old.headline and ok is None and not new.listed and \
            (not old.unresolved_place or (old.unresolved_place or "")[:5] == (new.unresolved_place or "")[:5]):
        return True
    if headline_first and old.near_capital and ok is None and nk is not None and not new.listed \
            and old.sentence_index <= _LEDE_SENTENCES:
        return True  # a lede's "под Курском" (the oblast) and the place the report then names: one incident
    # an oblast-level statement and a named place in one paragraph: one event, at the place;
    # a later sentence with neither place nor date of its own refers back to the event
    if old.paragraph != new.paragraph and not (nk is None and new.place_from_context and not new.date.explicit):
        return False
    if nk is None and not new.unresolved_place:
        return True
    if ok is None and not old.unresolved_place:
        return True
    return False


# "Berezivka" in a summary's list and "Berezivka hromada" in its line below: one unplaced community's name
_COMMUNITY_WORD = re.compile(r"\s+(?:(?:rural|settlement|urban|city|village)\s+)?(?:territorial\s+)?(?:hromada|community)$", re.I)


_COUNT_EN = re.compile(r"\b\d[\d,]*\d\b")


def _one_count(old: Candidate, new: Candidate) -> bool:
    """A force's losses told by the side that inflicted them and then by the side that lost them ("the unit put 120 of
    the enemy out of action" ... "the enemy's losses came to 120 men"): the same count, one tally."""
    if old.event_type != "other" or old.sub_type != "casualties" or new.sub_type != "casualties":
        return False
    told = {n for q in old.quotes for n in _COUNT_EN.findall(q[2])}
    return any(n in told for q in new.quotes for n in _COUNT_EN.findall(q[2]))


def _village_key(loc: Located) -> str:
    """One key for the case forms of a village's name ("Кривую Балку", "Кривая Балка"): its gazetteer id,
    else each word without its last two letters."""
    if loc.resolved and loc.geo_precision != "admin1":
        return loc.gazetteer_id or ""
    return " ".join(w[:max(3, len(w) - 2)] for w in loc.mention.name.lower().split())


def _district_of_capital(d: Candidate, city: Candidate) -> bool:
    """Whether ``d`` is placed in a district (``у Ковпаківському районі``) within 8 km of ``city``, an oblast
    capital at settlement precision: the city's own district, so one strike told twice is one event."""
    a, b = d.located, city.located
    return (a is not None and b is not None and a.mention.qualifier == "district" and a.geo_precision == "admin2"
            and b.geo_precision == "settlement" and b.place in _CAPITAL_OBLAST and a.gazetteer_id != b.gazetteer_id
            and a.lat is not None and b.lat is not None
            and km(a, b) < 8)


_ALSO = re.compile(r"\b(?:also|another|too|as\s+well)\b", re.I)


def _district_holding(d: Candidate, v: Candidate) -> bool:
    """Whether ``d``, told of a district (admin2), may be the district that holds ``v``'s settlement, its
    outskirts or hromada (same oblast, within cyr.DISTRICT_REACH_KM of the district's centre): one strike told by its
    place and again by its district ("the occupiers struck the Sumy district", a prosecutor's quote). A district
    said to be struck "also" is another strike."""
    a, b = d.located, v.located
    if a is None or b is None or a.geo_precision != "admin2" or a.mention.qualifier != "district" or d.unresolved_place \
            or not (b.geo_precision in ("settlement", "near_settlement", "hromada") or b.mention.qualifier == "hromada") \
            or a.admin1_code != b.admin1_code \
            or a.lat is None or b.lat is None or a.gazetteer_id == b.gazetteer_id:
        return False
    return km(a, b) <= cyr.DISTRICT_REACH_KM and not any(_ALSO.search(q[2]) for q in d.quotes[:1])


HROMADA_REACH_KM = 20  # a hromada's centre to its farthest villages, about (Sumy oblast's 51 hromadas, ~470 km² each)


def _hromada_holding(h: Candidate, v: Candidate) -> bool:
    """Whether ``h``, told of a hromada, may be the hromada that holds ``v``'s village (same oblast, within
    HROMADA_REACH_KM of its centre, the village no hromada's centre itself): one strike told by its community and
    again by its village in another sentence (one sentence naming both names two places); a dot on the hromada's centre beside the village's is a wrong dot. A
    hromada said to be struck "also" is another strike."""
    a, b = h.located, v.located
    if a is None or b is None or a.geo_precision != "hromada" or b.geo_precision not in ("settlement", "near_settlement") \
            or h.unresolved_place or a.admin1_code != b.admin1_code or a.lat is None or b.lat is None \
            or a.gazetteer_id == b.gazetteer_id or h.sentence_index == v.sentence_index \
            or normalise(b.place or "") in hromada_index():
        return False
    return km(a, b) <= HROMADA_REACH_KM and not any(_ALSO.search(q[2]) for q in h.quotes[:1])


def _one_village_by_its_district(a: Candidate, b: Candidate) -> bool:
    """"прорваться в село X в Курской области" and, later, "в населённый пункт X Суджанского района" (a village
    the gazetteer lacks): one event, told by its oblast and then placed in its district."""
    for d, o in ((a, b), (b, a)):
        if d.located is not None and d.located.mention.qualifier == "district" and _place_key(o) is None \
                and d.unresolved_place and o.unresolved_place and _name_key(d.unresolved_place) == _name_key(o.unresolved_place):
            return True
    return False


def _name_key(name: str) -> str:
    """A village's name without its case endings ("Малой Локни", "Малая Локня")."""
    return " ".join(w[:max(3, len(w) - 2)] for w in name.lower().split())


def _district_and_village(a: Candidate, b: Candidate) -> bool:
    """"В Глушковском районе погиб житель" and, later, "в деревне Урусы" (a village the gazetteer lacks):
    one incident, told by its district and then by its village."""
    for d, v in ((a, b), (b, a)):
        if d.located is not None and d.located.mention.qualifier == "district" and not d.unresolved_place \
                and _place_key(v) is None and v.unresolved_place:
            return True
    return False


_SUB_PRIORITY = {
    "strike": ("mlrs", "missile", "glide_bomb", "air_strike", "drone_strike", "artillery", "shelling"),
    "drone_reconnaissance": ("target_acquisition", "fire_adjustment", "aerial_reconnaissance"),
    "ground_assault": ("incursion", "counteroffensive", "offensive", "armed_clash", "assault"),
    "deployment": ("troop_arrival", "reinforcement", "redeployment", "withdrawal", "presence"),
}


def _better_sub(event_type: str, a: str, b: str) -> str:
    order = _SUB_PRIORITY.get(event_type)
    if not order or a not in order or b not in order:
        return a
    return a if order.index(a) <= order.index(b) else b


def _add_quote(c: Candidate, q: tuple[int, int, str], who: str | None) -> None:
    """Add a supporting sentence (and who said it) to ``c`` unless it is there: a set lookup, so an event
    restated thousands of times in one document is merged in linear time."""
    if c.quoted is None:
        c.quoted = set(c.quotes)
    if q not in c.quoted:
        c.quoted.add(q)
        c.quotes.append(q)
        c.claimed_by.append(who)


def _join_sources(into: Candidate, c: Candidate, claim: bool = True) -> None:
    """``c``'s sentences (and who said them) become sources of ``into``; with ``claim``, the surer claim status of
    the two is kept (the folds of one event's restatements into another, and ``_absorb``)."""
    for q, who in zip(c.quotes, c.claimed_by):
        _add_quote(into, q, who)
    if claim and CLAIM_RANK[c.claim_status] > CLAIM_RANK[into.claim_status]:
        into.claim_status = c.claim_status


def _hromada_shots(c: Candidate, text: str) -> int | None:
    """A Ukrainian strike's count of explosions (``cyr.shots``) when it is placed at a hromada, by name or by the
    summary line before it; an oblast's or a town's tally is no hromada's count."""
    loc = c.located
    if loc is None or loc.mention.qualifier != "hromada" or not any(ch.isdigit() for ch in text):
        return None
    return cyr.shots(text.lower())


def _night_into(night: DateSpan, day: DateSpan) -> bool:
    """Whether a Russian or Ukrainian telling's night ("вночі", "нічна атака") ends on the one day an earlier telling
    gave ("У суботу, 7 червня, окупанти вдарили по Ромнах ... Після нічного удару ..."): the event is that night's."""
    return night.explicit and day.start == day.end and night.end == day.end and (night.end - night.start).days == 1 \
        and ("ніч" in night.text or "ноч" in night.text)


def _absorb(old: Candidate, new: Candidate, english: bool = False) -> None:
    """Fold a second mention of an event into the first: more quotes, the sharper place and date."""
    if new.explosions is not None:
        # a summary's next line on the same hromada ("Мінометні обстріли продовжились – 8 вибухів") adds to its
        # count; the same count told again (a headline, a lede) does not
        old.explosions = new.explosions if old.explosions is None else (
            old.explosions + new.explosions if new.place_from_context else max(old.explosions, new.explosions))
    old.sub_type = _better_sub(old.event_type, old.sub_type, new.sub_type)
    if (_place_key(old) is None and _place_key(new) is not None) or _district_of_capital(new, old) \
            or (english and old.event_type == "strike" and (_district_holding(old, new) or _hromada_holding(old, new))):
        old.located, old.place_from_context, old.unresolved_place = new.located, False, \
            new.unresolved_place or old.unresolved_place
    elif (not old.unresolved_place or old.near_capital and not new.near_capital) and new.unresolved_place \
            and (_place_key(new) is None or _place_key(new) == _place_key(old)):
        # the village the oblast-level (or district) statement meant; "под Курском" in a headline meant the oblast,
        # and the village its lede names is the place
        old.unresolved_place, old.near_capital = new.unresolved_place, False
    if old.headline and new.date.explicit:
        old.headline = False
        old.date = new.date
    elif english and vaguer(new.date, old.date):
        pass  # "in recent weeks, Russia has claimed several villages" adds no day to the one its report gives
    elif ((not old.date.explicit and new.date.explicit) or (
            # a lede's undated event (the report's day) and the paragraph after it that names the span ("за неделю,
            # с 3 по 9 мая"): the span told
            not english and not old.date.explicit and not new.date.explicit and not old.date.text and new.date.text
            and new.date.start < old.date.start <= new.date.end and (new.date.end - new.date.start).days >= 2) or (
            new.date.explicit and (new.date.end - new.date.start) < (old.date.end - old.date.start))
            # "drones hit Konotop on 4 October" ... "that night, to 4 October, ...": the night that day ends is the
            # event's two days, whichever was told first
            or english and old.date.explicit and night_kept(new.date, old.date)
            or told_on(old.date, new.date)) and not told_on(new.date, old.date) and not night_kept(old.date, new.date) \
            or not english and _night_into(new.date, old.date):
        old.date = new.date
    old.actors = list(dict.fromkeys(old.actors + new.actors))
    old.subject = old.subject or new.subject
    old.weapons = list(dict.fromkeys(old.weapons + new.weapons))
    old.targets = list(dict.fromkeys(old.targets + [t for t in new.targets if t not in old.actors]))
    if not old.outcome:
        old.outcome = new.outcome
    if new.fatalities is not None and (old.fatalities is None or new.fatalities > old.fatalities):
        old.fatalities = new.fatalities
    if new.wounded is not None and (old.wounded is None or new.wounded > old.wounded):
        old.wounded = new.wounded
    old.observed_from = old.observed_from or new.observed_from
    _join_sources(old, new)
    old.confidence = round(min(0.95, max(old.confidence, new.confidence) + 0.05), 2)


class _MemoPlaces:
    """A place layer whose ``mentions`` (a function of the sentence alone) come from the block's memo."""

    def __init__(self, layer, extractor: DocumentExtractor) -> None:
        self._layer, self._extractor = layer, extractor

    def mentions(self, text: str):
        layer = self._layer
        return self._extractor._pure(layer.__class__.mentions, layer, text)

    def __getattr__(self, name: str):
        return getattr(self._layer, name)
