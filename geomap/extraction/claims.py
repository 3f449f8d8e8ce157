"""Who says an English report's events happened, beyond "X said" in the sentence itself (issue 16).

A paragraph's closing "X said" names the claimant of the events told before it; a headline's "Speaker:
words", a direct quotation and "he said" carry the speaker last named; "Ukraine accused Russia of ..." is
Ukraine's claim, and an event each side blames on the other is disputed, as is a claim that a denial told
before it ("Zelensky denied Russian troops had captured Ryzhivka") answers; an outlet citing itself
("according to <outlet>") names no claimant, the source it relays does; a "Source: X" line (a news agency's
relay of an administration's post) makes X the claimant of the report's events before and after it; "per X"
names X; footage geolocated, or a side acknowledging the other's gain, confirms.
"""
from __future__ import annotations

import re

from . import lexicon as L
from . import speech
from .events import PENDING, Attribution, normalise_who, side_of, who_ok, find_attribution, headline_speaker

# "Ukraine accused Russia of ...", "Kyiv blamed Moscow": the accuser is the claimant
# who does something, named before the verb: "Kyiv", "the Sumy governor", "Russia's defence ministry"
_WHO = r"(?P<who>(?:[A-Z][\w'’.-]*|the|its|of|[a-z]+(?:'s|’s))(?:\s+(?:[A-Z][\w'’.-]*|[a-z]+(?:'s|’s)?)){0,6}?)"
_ACCUSER = re.compile(_WHO + r"\s+(?:has\s+|have\s+|had\s+)?(?:accused|accuses|blamed|blames)\b")
# one side's claim that the other did it
_BLAME = re.compile(r"\b(?:accus\w+|blam\w+|was\s+behind|were\s+behind|responsible\s+for|false\s+flag|provocation)\b", re.I)
# a direct quotation, and "he said", "she added": the words of the speaker named before
_QUOTE_OPEN = ('"', "“", "«", "‘")
_PRONOUN_SAID = re.compile(r"\b(?:he|she|it|they)\s+(?:also\s+|further\s+|has\s+|had\s+)?" + speech.alternation("pronoun")
                           + r"\b", re.I)


_PER = re.compile(r"(?:^|[,;]\s*|\s)[Pp]er\s+(?P<who>(?:the\s+)?[A-Za-z][^,.;:]{1,60}?)(?=\s*(?:[,.;:]|$))")
_PRONOUNS = frozenset(("he", "she", "it", "they"))
# "geolocated footage shows", "geolocation footage from August 10", "Kyiv acknowledged the loss of": seen by an independent eye, or granted by the side
# it costs
_CONFIRMS = re.compile(r"\bgeolocat(?:ed|ion)\b|\b(?:acknowledged|acknowledges|admitted|admits|conceded|concedes)\b"
                       r"(?!\s+(?:no|nothing)\b)", re.I)
# "has not acknowledged", "without admitting", "refused to concede": no confirmation
_NOT_BEFORE = re.compile(r"\b(?:no|not|never|without|refus\w*\s+to|yet\s+to|neither|nor)\b[^.,;]{0,12}$|n[’']t\s+$", re.I)


_ACKNOWLEDGER = re.compile(_WHO + r"\s+(?:has\s+|have\s+|had\s+)?(?:acknowledg|admitt?|conced)\w*\b")


def confirms(text: str) -> str | None:
    """Whether an English sentence tells its event as confirmed (None when not): footage geolocated by an
    independent eye (""), or a side acknowledging what the other side gained ("the governor acknowledged Russian
    troops held Novenke": the acknowledger, else "")."""
    if not ("eoloc" in text or "ckno" in text or "dmit" in text or "onced" in text):
        return None
    m = _CONFIRMS.search(text)
    if m is None or _NOT_BEFORE.search(text, max(0, m.start() - 24), m.start()):
        return None
    who = _ACKNOWLEDGER.search(text, 0, m.end())
    if who is not None and who_ok(who.group("who")):
        return normalise_who(who.group("who"))
    return ""


# a speaker named by a long title ("US Secretary of State Antony Blinken said", "First Deputy Head of the Oblast
# Council Ivan Example announced", "South Korean lawmaker Lee Seong-kweun told"): title words, then a name
_TITLE_WORDS = ("secretary", "head", "deputy", "minister", "governor", "mayor", "chief", "president", "spokesman",
                "spokeswoman", "spokesperson", "commander", "director", "chairman", "lawmaker", "senator", "ambassador",
                "envoy", "adviser", "advisor", "journalist", "blogger", "officer", "general", "colonel", "lieutenant",
                "representative")
_TITLE = "(?:" + "|".join(f"[{w[0].upper()}{w[0]}]{w[1:]}" for w in _TITLE_WORDS) + ")"
_TITLED_SPEAKER = re.compile(
    r"(?:^|(?<=[,;:(])\s*|(?<=\s))(?P<who>(?:[A-Z][\w'’.-]*\s+|(?:of|the|for|and|on)\s+|" + _TITLE + r"\s+){0,10}?"
    + _TITLE + r"\s+(?:[A-Z][\w'’.-]*\s+|(?:of|the|for|and|on)\s+){0,8}?[A-Z][a-z][\w'’-]*\s+[A-Z][a-z][\w'’-]*)"
    r",?\s+(?:also\s+|further\s+|has\s+|had\s+)?" + speech.alternation("titled") + r"\b")
# "Ivan Example, spokesperson for the brigades in the region, told a broadcaster", "Anna Example, the region's acting
# governor, wrote": a name, then its title set off by commas, then the verb
_APPOSED_TITLE = re.compile(
    r"(?:^|(?<=[,;:(])\s*|(?<=\s))(?!(?:In|At|On|Near|From|For|With|By|After|Before|During|Since|As|The)\s)"
    r"(?P<who>[A-Z][a-z][\w'’-]*(?:\s+[A-Z][a-z][\w'’-]*){1,2}),\s+"
    r"(?P<title>(?:(?:the|a|an)\s+)?(?:[\w'’.-]+\s+){0,4}?" + _TITLE + r"\b[^,;:\"“”]{0,80}?),\s+"
    r"(?:also\s+|further\s+|has\s+|had\s+)?" + speech.alternation("titled") + r"\b")
_PLACE_BEFORE = re.compile(r"\b(?:in|at|near|from|of|to|outside|around)\s+$", re.I)
# "The regional authority, in a post on Telegram, said": the speaker before a phrase set off by commas
_SET_OFF = re.compile(r"(?:^|(?<=[;:]\s))(?P<who>(?:[A-Z][\w'’.-]*|the)(?:\s+[\w'’.-]+){0,7}?),\s+(?:in|on|via|through|during|"
                      r"speaking|writing|citing)\b[^,;]{2,80},\s+(?:also\s+)?" + speech.alternation("set_off") + r"\b")
# "the ministry also claimed to have struck": its claim, which "said to have" (a hedge) is not
_CLAIMED_TO = re.compile(_WHO + r"\s+(?:also\s+|has\s+|have\s+|had\s+)?" + speech.alternation("claims_to") + r"\s+to\s+(?:have|be)\b")
# "News.Az reports, citing BILD": the source relayed, an outlet among them
_CITING_NAME = re.compile(r"\bciting\s+(?:the\s+)?(?P<who>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})")
# "the governor ordered the evacuation": the order rests on the word of whoever gave it
_ORDERED = re.compile(r"\b(?:has\s+|had\s+)?(?:ordered|mandated)\b")
_DAY_BEFORE_SAID = re.compile(r"\bon\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s+(?=said\b)")
# "... the site," Khinshtein wrote.', '..." BILD writes.': the speaker named after the quotation closes, or after
# the dash that closes a quotation in Ukrainian outlets' English ("... nine were injured - Hryhorov wrote.")
_AFTER_QUOTE = re.compile(r"(?:[,.!?]?[”\"]|\s[-–—])\s+(?P<who>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,2})\s+(?:also\s+)?"
                          + speech.alternation("after_quote") + r"\b")
# the first four letters (lexicon.gate_keys) of the speech verbs and titles the patterns above need
_SAID_KEYS = speech.keys("titled", "set_off", "after_quote")
_TITLE_KEYS = frozenset(w[:4] for w in _TITLE_WORDS)
_NOT_A_NAME = frozenset("he she it they we i you the a an this that these those".split())
_OTHER_KEYS = frozenset(("citi", "orde", "mand"))


def _more_speaker(text: str, keys) -> Attribution | None:
    """Speakers ``find_attribution`` leaves out: a long title before the name, a phrase set off by commas
    between the speaker and "said", "X claimed to have", "citing <Outlet>", a name after a closing quotation
    mark ('," Khinshtein wrote'), and who ordered an evacuation."""
    speech = not keys.isdisjoint(_SAID_KEYS)
    if not speech and keys.isdisjoint(_OTHER_KEYS):
        return None
    found = []
    pats = []
    if speech and not keys.isdisjoint(_TITLE_KEYS):
        pats.append(_TITLED_SPEAKER)
    if speech and text.count(",") >= 2:
        pats.append(_SET_OFF)
        if not keys.isdisjoint(_TITLE_KEYS):
            pats.append(_APPOSED_TITLE)
    if "clai" in keys and " to " in text:
        pats.append(_CLAIMED_TO)
    if speech and ("”" in text or '"' in text or " - " in text or " – " in text or " — " in text):
        pats.append(_AFTER_QUOTE)
    side = None
    for pat in pats:
        m = pat.search(text)
        if m is not None and pat is _APPOSED_TITLE:
            # (a place before the title, "in Velyka Pysarivka, the head of the hromada, said", is no speaker)
            if m.group("who").split()[0].lower() not in _NOT_A_NAME and not _PLACE_BEFORE.search(text, 0, m.start("who")):
                found.append((m.start("who"), m.group("who")))
                side = side_of(m.group("title"))  # ("spokesperson for the Ukrainian brigades"): the name's side
        elif m is not None and (pat is _TITLED_SPEAKER or who_ok(m.group("who")) or pat is _AFTER_QUOTE
                                and m.group("who").split()[0].lower() not in _NOT_A_NAME):
            found.append((m.start("who"), m.group("who")))
    if "citing " in text:
        m = _CITING_NAME.search(text)
        if m is not None:
            found.append((m.start("who"), m.group("who")))
    if not found and ("orde" in keys or "mand" in keys) and "evacuat" in text:
        # read "ordered" as the verb of a statement, the words kept in place
        said = _ORDERED.sub(lambda m: "said".ljust(len(m.group())), text)
        return find_attribution(_DAY_BEFORE_SAID.sub(lambda m: " " * len(m.group()), said))
    if not found:
        return None
    start, who = min(found)
    who = who.strip(" ,;:.")
    return Attribution(normalise_who(who), start, start + len(who), side_of(who) or side)


# "One hurt in a drone strike on Sumy region – RMA", "Ukrainian shelling injures civilians – acting governor": a
# headline's source after a dash at its end: an acronym, or a title or a name (words of one capital or title words)
_HEADLINE_TAIL = re.compile(r"\s[-–—]\s*(?P<who>[\w'’.-]+(?:\s+[\w'’.-]+){0,3})\s*$")
_ACRONYM = re.compile(r"[A-Z]{2,5}")
_TAIL_WORDS = frozenset("acting regional oblast governor head mayor spokesman spokeswoman spokesperson ministry military "
                        "administration police prosecutors official officials general staff deputy chief commander "
                        "intelligence of the".split())
_PLACE_WORDS = frozenset("oblast region district city town village hromada community".split())


def headline_source(text: str) -> Attribution | None:
    """The source a headline names after a dash at its end ("... – RMA", "... - Pentagon", "... — Governor"), the
    claimant of its event; a count, "photo" or a clause after the dash ("- Russia moves troops") is none."""
    m = _HEADLINE_TAIL.search(text)
    if m is None:
        return None
    who = m.group("who")
    words = who.split()
    if not all(w[0].isupper() or w in _TAIL_WORDS for w in words) or words[0].lower() in _NOT_A_NAME \
            or words[-1].lower() in _PLACE_WORDS:  # "... - Sumy Oblast": a place, no source
        return None
    if not (_ACRONYM.fullmatch(who) or who_ok(who)):
        return None
    return Attribution(normalise_who(who), m.start("who"), m.end("who"), side_of(who))


def speaker(st, text: str, keys, attribution, headline: bool, outlet: str):
    """The attribution of an English sentence (``attribution`` as find_triggers gave it, PENDING for a
    sentence without events), given the document's state ``st``; names the claimant of the paragraph's
    earlier events when the sentence names one."""
    # "This was reported by the mayor", "The administration reported this on Telegram": the claimant of the
    # events told just before, even across a paragraph's end (a relay's lede, then its source)
    back = "this" in keys and _BACK_REFERENCE.search(text) is not None
    if attribution is PENDING and (st.para_unclaimed or back) and not keys.isdisjoint(L.SPEECH_GATE) \
            and L.SPEECH_HINT_LOWER.search(text.lower()):
        attribution = find_attribution(text) or PENDING
    if (attribution is PENDING or attribution is None) and "refe" in keys and "reference to " in text:
        # "UNN reports with reference to the regional administration": a relay, which no speech verb marks
        attribution = find_attribution(text) or attribution
    if (attribution is PENDING or attribution is None) and "per" in keys:
        m = _PER.search(text)  # "per the regional administration", ", per DeepState."
        if m is not None and who_ok(m.group("who")):
            who = m.group("who")
            attribution = Attribution(normalise_who(who), m.start("who"), m.end("who"), side_of(who))
    if (attribution is PENDING or attribution is None) and ("accu" in keys or "blam" in keys):
        m = _ACCUSER.search(text)
        if m is not None and who_ok(m.group("who")):
            who = m.group("who")
            attribution = Attribution(normalise_who(who), m.start("who"), m.end("who"), side_of(who))
    if attribution is PENDING or attribution is None:
        attribution = _more_speaker(text, keys) or attribution
    if attribution is PENDING or attribution is None:
        if headline:
            attribution = headline_speaker(text) or headline_source(text) or attribution
        elif text.lstrip()[:1] in _QUOTE_OPEN or (not keys.isdisjoint(_PRONOUNS) and _PRONOUN_SAID.search(text)):
            if st.speech_text:  # the speaker named in a sentence that told no event, looked for only now
                found = find_attribution(st.speech_text)
                st.doc_attr = found.who if found else st.doc_attr
                st.speech_text = ""
            if st.doc_attr:
                attribution = Attribution(st.doc_attr, -1, -1, None)
        elif attribution is PENDING and not keys.isdisjoint(L.SPEECH_GATE):
            st.speech_text = text
    if attribution and attribution is not PENDING:
        st.speech_text = ""
        if outlet and _names_outlet(attribution.who, outlet):
            # an outlet naming itself as the source ("according to <outlet>, the police told this") in its own report:
            # the outlet relays; its source, if it names one, is the claimant
            rest = text[attribution.end:] if attribution.end > 0 else ""
            found = find_attribution(rest) or _more_speaker(rest, keys) if rest else None
            if back and found is not None:
                _claim(st.prev_held, found.who)
            return found or OWN_VOICE
        if back:
            _claim(st.prev_held, attribution.who)
        if _FORWARD.match(text) is None:
            for c, i in st.para_unclaimed:  # "X said" closing a paragraph: the claimant of what it told before
                if not c.claimed_by[i]:
                    c.claimed_by[i] = attribution.who
                    if c.claim_status == "reported":
                        c.claim_status = "claimed"
            st.para_unclaimed = []
    return attribution


# "According to the ministry, 121,000 people were moved out": a source named at the head of its sentence vouches for
# what follows it, not for the paragraph's sentences before (which a closing "..., X said." would claim)
_FORWARD = re.compile(r"\W*(?:according\s+to|citing)\b", re.I)


# "As <outlet> reported, ...": the outlet's own voice, which names no claimant (``who`` is None) and takes none from the
# sentences before; unlike events.PENDING (a sentence not yet searched, ``who`` "") in value as well as identity
OWN_VOICE = Attribution(None, -1, -1, None)


def _names_outlet(who: str, outlet: str) -> bool:
    """Whether a claimant is the outlet itself ("Ukrinform" in "MENAFN (Ukrinform)", "Pravda.ua"): its name up to a
    dot, whole words of the outlet's (a "U.S. official" is no outlet whose name holds a "u")."""
    key = who.lower().split(".")[0].strip()
    return len(key) >= 3 and re.search(r"\b" + re.escape(key) + r"\b", outlet) is not None \
        and L.OFFICIAL_BODY.search(key) is None


# a sentence naming who told what was just told: "This was reported on Telegram by X", "X said this in a post"
_BACK_REFERENCE = re.compile(r"\b[Tt]his\s+was\s+(?:first\s+)?" + speech.alternation("this_was") + r"\b"
                             r"|\b" + speech.alternation("said_this") + r"\s+(?:about\s+|of\s+)?this\s*(?:\b(?:on|in|via|at|during|to)\b|[,.]|$)")


def _claim(events, who: str) -> None:
    """``who`` claims ``events``' quotes that name no claimant yet."""
    for c in events:
        for i, claimant in enumerate(c.claimed_by):
            if not claimant:
                c.claimed_by[i] = who
                if c.claim_status == "reported":
                    c.claim_status = "claimed"


SOURCE_LABELS = frozenset(("Source", "SOURCE"))  # the first six characters of "Source:", "Sources:"
# "Source: Sumy Oblast Military Administration on Telegram", "Sources: the governor; the police."
_SOURCE_LINE = re.compile(r"(?:Sources?|SOURCES?)[ \t]*:[ \t]*(?P<who>[^\n]{2,150})")
_VIA = re.compile(r",?\s+" + L.ON_CHANNEL + r".*$")


def source_line(st, text: str, told) -> str | None:
    """A "Source: X" line names the claimant of the whole report: X claims the events ``told`` before it
    that name no claimant (the headline's, the lede's) and, through ``st.source_attr``, those after it."""
    m = _SOURCE_LINE.match(text.lstrip())
    if m is None:
        return None
    who = _VIA.sub("", m.group("who")).strip(" ,;:.")
    who = re.split(r"\s*(?:;|,\s+(?:and\s+)?(?=[A-Z]))", who)[0]  # the first of several sources
    if not who_ok(who):
        return None
    who = normalise_who(who)
    st.source_attr = who
    _claim(told, who)
    return who


LEDE_SENTENCES = 3  # a headline, a dateline and the lede's first sentence


def lede_claimant(st, text: str, keys) -> None:
    """A lede that tells no event of its own but names who reports the day ("Ukraine lost 380 troops over the past
    day, the Defence Ministry reported", then a list of the day's fighting below it): its speaker is the report's
    claimant, whom the events of the report's days that name none take (``carried``)."""
    if st.doc_attr is not None or st.sentence_index > LEDE_SENTENCES or keys.isdisjoint(L.SPEECH_GATE) \
            or not L.SPEECH_HINT_LOWER.search(text.lower()):
        return
    found = find_attribution(text)
    if found is not None:
        st.doc_attr = found.who


CARRY_DAYS = 1  # the report's day and the one before it: its own news, which a relayed statement told


def carried(who: str | None, date, published) -> str | None:
    """The claimant an English event with none of its own takes from the sentences before: the report's latest
    claimant (a governor's or an administration's statement relayed paragraph after paragraph, "Hryhorov said" once
    in the lede), when the event falls on the report's own days; background of earlier days stays the outlet's."""
    if who and published.precision == "day" and date.end <= published.end \
            and (published.end - date.start).days <= CARRY_DAYS:
        return who
    return None


def note_unclaimed(st, held, quote) -> None:
    """Keep the sentence's quote of each event it told when no claimant is named for it yet (the quote was
    just added, so it is found from the end)."""
    for c in held:
        i = len(c.quotes) - 1
        while i >= 0 and c.quotes[i] != quote:
            i -= 1
        if i >= 0 and not c.claimed_by[i]:
            st.para_unclaimed.append((c, i))


# "the Russian military said air defences downed four Ukrainian missiles": the struck side's answer to a strike claim
_INTERCEPTED = re.compile(r"\b(?:downed|shot\s+down|intercepted|repelled|thwarted|foiled)\b", re.I)


def blamed_both_ways(candidates) -> None:
    """An event each side blames on the other ("Ukraine accused Russia of bombing the school"; "Russian
    officials said Kyiv was behind it") is disputed, with both claimants among its sources; so is one side's
    claimed strike that the struck side says it shot down ("Kyiv says it hit a command post; Moscow says it downed
    the missiles")."""
    for c in candidates:
        if c.claim_status != "claimed" or len(c.quotes) < 2:
            continue
        sides = {side_of(who) for who in c.claimed_by if who}
        if not {"Russian forces", "Ukrainian forces"} <= sides:
            continue
        if any(_BLAME.search(q[2]) for q in c.quotes):
            c.claim_status = "disputed"
        elif c.event_type == "strike" and len(c.actors) == 1 and any(
                who and side_of(who) not in (None, c.actors[0]) and _INTERCEPTED.search(q[2])
                for q, who in zip(c.quotes, c.claimed_by)):
            c.claim_status = "disputed"




_SUMY = re.compile(r"\bSumy\b")


def _claimant_side(who: str) -> str | None:
    """The side a claimant speaks for: side_of's, and Sumy's regional bodies for Ukraine."""
    return side_of(who) or ("Ukrainian forces" if _SUMY.search(who) else None)


# "the villages are under Russian control", "held by Ukrainian forces", "now in enemy hands": who holds the ground
_HELD_BY = re.compile(r"\b(?:under\s+(?:the\s+)?(?P<s1>russian|ukrainian|enemy)\s+control"
                      r"|(?:held|occupied|controlled)\s+by\s+(?:the\s+)?(?P<s2>russian|ukrainian|enemy)\b"
                      r"|in\s+(?P<s3>russian|ukrainian|enemy)\s+hands)", re.I)


def _holder(quote: str, speaker_side: str) -> str | None:
    """The side a quote says holds the ground ("under Russian control"); "the enemy" is the speaker's enemy."""
    m = _HELD_BY.search(quote)
    if m is None:
        return None
    word = (m.group("s1") or m.group("s2") or m.group("s3")).lower()
    if word == "enemy":
        return "Russian forces" if speaker_side == "Ukrainian forces" else "Ukrainian forces"
    return "Russian forces" if word == "russian" else "Ukrainian forces"


def conceded(candidates) -> None:
    """An event granted by the side it costs is confirmed (the convention's "the governor acknowledged Russian
    troops held X"): ground one side gained, told only by the other side ("the Sumy administration said the
    villages are under Russian control"), or a withdrawal told only by the side that withdrew ("Kyiv's General
    Staff confirmed its troops left Sudzha")."""
    for c in candidates:
        if c.claim_status != "claimed" or len(c.actors) != 1:
            continue
        sides = {_claimant_side(who) for who in c.claimed_by if who}
        if len(sides) != 1 or None in sides:
            continue
        (side,) = sides
        if c.event_type == "ground_assault" and c.actors[0] != side \
                and (c.outcome == "gained ground" or any(_holder(q[2], side) == c.actors[0] for q in c.quotes)) \
                or c.event_type == "deployment" and c.sub_type == "withdrawal" and c.actors[0] == side:
            # (or ground told as held: "the governor said four villages are under Russian control")
            c.claim_status = "confirmed"


def remember_denial(st, sent, located, denier) -> None:
    """A denial that comes before any claim it answers ("Kyiv denied that Russian troops had taken X", the
    claim told paragraphs later): kept with the places it names, for the claim to come."""
    if not L.DENIAL_VERB.search(sent.text):
        return
    places = {loc.gazetteer_id for loc in located if loc.resolved and loc.geo_precision != "admin1" and loc.gazetteer_id}
    places |= {loc.mention.name for loc in located if not loc.resolved}
    if places:
        st.denials.append((denier(sent.text), (sent.start, sent.end, sent.quote), places))


def dispute_told_before(st, held, add_quote) -> None:
    """A claim about a place that an earlier denial named is disputed, the denial joining its sources."""
    for c in held:
        key = c.located.gazetteer_id if c.located is not None and c.located.geo_precision != "admin1" else None
        for who, quote, places in st.denials:
            if (key and key in places) or (c.unresolved_place and c.unresolved_place in places):
                c.claim_status = "disputed"
                add_quote(c, quote, who)
