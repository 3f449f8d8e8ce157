"""Sentence → candidate events: triggers, actors, weapons, claims, hedges.

Pure text analysis; no places and no dates here (the pipeline adds those), so
each rule can be read and tested on a sentence alone.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterator

from . import lexicon as L
from . import speech
from .quickinit import quick_init


@dataclass
class Trigger:
    """One event a sentence reports: its type, sub-type and where its trigger word sits."""

    event_type: str
    sub_type: str
    start: int
    end: int
    word: str
    actors: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    weapons: list[str] = field(default_factory=list)
    outcome: str = ""
    disputed: bool = False
    subject: bool = False  # True when the actors are the grammatical subject, not guessed


@quick_init
@dataclass(frozen=True)
class Attribution:
    """Who a sentence says the statement comes from, and where those words are."""

    who: str | None  # None: the outlet's own voice (claims.OWN_VOICE), which names no one
    start: int
    end: int
    side: str | None  # "Russian forces" / "Ukrainian forces" when the claimant belongs to one


_KOREA_BEFORE = re.compile(r"\s*Korea", re.I)  # "Korea" just before "Russian...": not a Russian mention
_UNITS_BEFORE = re.compile(r"\b(?:units|troops|forces|soldiers)\s+$", re.I)
# ("soldiers fighting for Russia", "on the Russian side": whose side they are on)
_ALONGSIDE = re.compile(r"\s+(?:alongside|together\s+with|side\s+by\s+side\s+with|on\s+the\s+side\s+of|"
                        r"for\s+(?:Russia|Moscow|Ukraine|Kyiv|Kiev)\b|on\s+(?:the\s+)?(?:Russian|Ukrainian)\s+side)\b", re.I)
_IN_THE_FIGHT = re.compile(r"\s+(?:in|during|amid)\s+(?:the\s+|heavy\s+|fierce\s+)?", re.I)
_DENIED = re.compile(r"\b(?:den(?:y|ied|ies)|reject(?:ed|s)|dismiss(?:ed|es)|refut(?:ed|es))\b", re.I)
_OWN_FORCES = re.compile(r"\b(?:its|their|our)\s+(?:own\s+)?(?:forces|troops|units|soldiers|army|artillery|drones)\b", re.I)
# "the hromadas of A, B and C were attacked": communities attacked with no force named are struck (a regional
# administration's daily summary), not fought over
_COMMUNITIES = re.compile(r"\b(?:hromadas?|communit(?:y|ies)|municipalit(?:y|ies))\b", re.I)
# "attacked five communities", "attack the border hromadas of", "87 attacks on 13 hromadas": communities are what fire
# is aimed at, whoever attacks
_ATTACKED_COMMUNITIES = re.compile(r"\s+(?:on\s+)?(?:the\s+)?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|"
                                   r"border|frontline|front-line|\s)*\s*(?:hromadas|communities|municipalities)\b", re.I)
# "with an FPV drone", "using guided bombs": the weapon an attack was made with
_WEAPON_AFTER = re.compile(r"\b(?:with|using)\s+(?:an?\s+|the\s+|their\s+|its\s+|several\s+|\d+\s+)?(?:[\w-]+\s+){0,2}?"
                           r"(?:drones?|UAVs?|missiles?|rockets?|bombs?|artillery|mortars?|Shaheds?|MLRS|shells)\b", re.I)
# "The assault damaged the school": an attack told before, named again (a strike when harm follows, as "attack")
_TOLD_BEFORE = re.compile(r"\b(?:the|this|that)\s+$", re.I)
_STRIKE_NEAR = re.compile(r"\b(?:drones?|UAVs?|missiles?|rockets?|bombs?|shell\w*|artillery|FPV|Shaheds?|air)\b", re.I)


# "repelled Ukrainian attacks on two villages", "five Russian attacks were repelled": attacks beaten back are
# ground attacks even when no force word is near
_REPELLED_BEFORE = re.compile(r"\b(?:repel(?:led|s)?|repuls(?:ed|es)|beat(?:en)?\s+(?:back|off)|fended\s+off|thwart(?:ed|s)?|foil(?:ed|s)?)\s+"
                              r"(?:[\w'’-]+\s+){0,3}$", re.I)
_REPELLED_AFTER = re.compile(r"\s+(?:\w+\s+){0,3}?(?:repelled|repulsed|beaten\s+(?:back|off)|fended\s+off|thwarted|foiled)\b", re.I)


# "Kyiv's big attack on Kursk oblast began on 6 August": the attack that began a campaign is
# ground fighting, though no force word stands near it ("since the war began" is no such start)
_BEGAN_AFTER = re.compile(r"(?:\s+(?!since\b|when\b|after\b|before\b)[\w'’-]+){0,9}?\s+(?:began|started|was\s+launched|kicked\s+off)\b",
                          re.I)


def _repelled(text: str, start: int, end: int) -> bool:
    return (_REPELLED_BEFORE.search(text, max(0, start - 50), start) is not None
            or _REPELLED_AFTER.match(text, end) is not None)


def _began(text: str, end: int) -> bool:
    """Whether the attack word ending at ``end`` is the subject of "began" or "started" (_BEGAN_AFTER)."""
    return ("began" in text or "start" in text or "launch" in text or "kicked" in text) \
        and _BEGAN_AFTER.match(text, end) is not None


def _clauses(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    low = text.lower()
    if ";" not in low and "," not in low and " but " not in low and " whi" not in low:
        return [(0, len(text))]
    if text.isascii() and not _may_split(low):
        return [(0, len(text))]
    pat, subject = (L.CLAUSE_SPLIT_LOWER, low) if len(low) == len(text) else (L.CLAUSE_SPLIT, text)
    for m in pat.finditer(subject):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return out


def _may_split(low: str) -> bool:
    """Whether CLAUSE_SPLIT can match the lower-cased ASCII text: each of its matches holds ";",
    "but", "whi(le|ch)", "where(as)", "though" or "," and "and" (most sentences with a comma hold none)."""
    return (";" in low or "but" in low or "whi" in low or "where" in low or "though" in low
            or ("," in low and "and" in low))


def _clause_of(clauses: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for s, e in clauses:
        if s <= pos < e:
            return s, e
    return clauses[-1]


def _mask(text: str, pattern: re.Pattern) -> str:
    return pattern.sub(lambda m: " " * len(m.group()), text)


@lru_cache(maxsize=4096)
def who_ok(who: str) -> bool:
    return bool(who) and len(who.split()) <= 9 and (bool(L.ATTRIBUTION_WHO_OK.search(who)) or _person(who))


# "Kirby", "Oleh Hryhorov", "Khinshtein": a person named by name alone (introduced earlier with a title)
_NAME = re.compile(r"(?:[A-Z][a-z][\w'’-]*)(?:\s+[A-Z][a-z][\w'’-]*){0,2}")
_NOT_NAME = frozenset("he she they it we i you this that these those there the a an one some many its his her their "
                      "drones missiles troops forces footage video photos images satellite reports data".split())


def _person(who: str) -> bool:
    return _NAME.fullmatch(who) is not None and who.split()[0].lower() not in _NOT_NAME


# "Chief of Staff Gerasimov: the push has been stopped": a headline giving a speaker, then the words
_HEADLINE_SPEAKER = re.compile(r"(?P<who>[A-Z][^:.!?]{3,60}?):\s+\S")
_LABELS = frozenset("details source sources quote background update photo video map read more note context".split())


def headline_speaker(text: str) -> Attribution | None:
    """The speaker a headline names before a colon ("Kyiv's army chief: ..."), of two words or more and no
    section label ("Details:", "Source:")."""
    m = _HEADLINE_SPEAKER.match(text)
    if m is None:
        return None
    who = m.group("who").strip()
    if len(who.split()) < 2 or who.split()[0].lower() in _LABELS or not who_ok(who):
        return None
    return Attribution(normalise_who(who), m.start("who"), m.start("who") + len(who), side_of(who))


def find_attribution(text: str) -> Attribution | None:
    """"according to X", "X said", ", said X": the claimant, normalised a little."""
    cands: list[tuple[int, str]] = []
    if "ccording" in text:
        for m in L.ATTRIBUTION[0].finditer(text):
            cands.append((m.start("who"), m.group("who")))
    if " by " in text:  # "this was reported by the mayor"
        for m in _BY_SPEAKER.finditer(text):
            cands.append((m.start("who"), m.group("who")))
    if "citing " in text or "reference to " in text:
        # "Ukrinform reported, citing the regional administration", "... with reference to the governor": the
        # source relayed
        for m in _CITING.finditer(text):
            who = m.group("who").strip(" ,;:")
            if who_ok(who):
                return Attribution(normalise_who(who), m.start("who"), m.start("who") + len(who), side_of(who))
    inverted = False
    low = text.lower()
    if len(low) != len(text):
        verbs = L.SPEECH_VERB.finditer(text)
    else:
        verbs = (L.SPEECH_VERB_ASCII if low.isascii() else L.SPEECH_VERB_LOWER).finditer(low)
    clause_start = L.CLAUSE_START_ASCII if text.isascii() else L.CLAUSE_START
    for m in verbs:
        pre = text[:m.start()]
        if _PASSIVE.search(pre, max(0, m.start() - 8)):
            continue  # "This was reported by X": the speaker follows "by" (_BY_SPEAKER)
        if pre.rstrip().endswith(","):
            inverted = True
            # "the acting governor, Alexander Khinshtein, said": the name set off by commas
            cut = pre.rstrip()[:-1]
            comma = cut.rfind(",")
            if comma > 0 and _person(cut[comma + 1:].strip()):
                cands.append((comma + 1 + len(cut[comma + 1:]) - len(cut[comma + 1:].lstrip()), cut[comma + 1:].strip()))
            continue  # ", said X": the inverted pattern below
        starts = [a.end() for a in clause_start.finditer(pre)]
        a = starts[-1] if starts else 0
        words = pre[a:].split()
        if not words or len(words) > 8:
            continue
        cands.append((a + len(pre[a:]) - len(pre[a:].lstrip()), pre[a:].strip()))
    for m in (L.ATTRIBUTION[2].finditer(text) if inverted else ()):
        if not _CLAUSE_VERB.search(m.group("who")):  # ", said Ukraine had fired": what was said, not who
            cands.append((m.start("who"), m.group("who")))
    best = None
    for start, raw in cands:
        who = raw.strip(" ,;:")
        who2 = _LEAD.sub("", who)
        start += raw.find(who) + (len(who) - len(who2))
        who = who2
        if not who_ok(who) or who.lower() in _CLAUSE_WORD:
            continue
        if best is None or start < best.start:
            best = Attribution(normalise_who(who), start, start + len(who), side_of(who))
    return best


_BY_SPEAKER = re.compile(r"\b" + speech.alternation("by") + r"(?:\s+" + L.ON_CHANNEL + r"(?:\s+(?:channel|page|account))?)?\s+by\s+(?P<who>(?:the\s+)?[^,.;]{2,80}?)"
                         r"(?=[,:;]|\.\s|\.$|$|\s+(?:on|in|via|through)\s)", re.I)
_CITING = re.compile(r"\b(?:citing|with\s+(?:a\s+)?reference\s+to)\s+(?P<who>(?:the\s+)?[^,.;]{2,80}?)(?=[,:;]|\.\s|\.$|$|\s+(?:on|in|via|as)\s)")
_PASSIVE = re.compile(r"\b(?:was|were|is|are|been|being)\s+$")
_CLAUSE_VERB = re.compile(r"\b(?:had|has|have|was|were|is|are|would|will|could|did)\b")
# words before the speaker that are no part of it, a time among them ("Two days earlier the ministry said")
# a word opening a clause, left alone before the verb ("As reported by X", "If confirmed"): no speaker
_CLAUSE_WORD = frozenset("as if other and but so also then while meanwhile earlier later however previously".split())
_LEAD = re.compile(r"^(?:(?:and|but|that|which|as|so|also|it|while|then|meanwhile|earlier|later|yesterday|today|"
                   r"overnight|on\s+\w+day|(?:last|this)\s+\w+|(?:\w+\s+){1,2}(?:days?|weeks?|months?)\s+"
                   r"(?:earlier|later|ago))\b,?\s+)+", re.I)


@lru_cache(maxsize=4096)  # claimants recur within and across documents
def normalise_who(who: str) -> str:
    who = " ".join(who.split())
    for pat, rep in L.WHO_NORMALISE:
        who = pat.sub(rep, who)
    who = who.strip()
    return who[:1].upper() + who[1:] if who else who


_SIDE_RU = re.compile(r"\b(?:Russia|Russian|Moscow|Kremlin|Putin)", re.I)
_SIDE_UA = re.compile(r"\b(?:Ukrain|Kyiv|Kiev|Zelensk|Syrskyi|HUR|GUR|SBU)", re.I)


@lru_cache(maxsize=4096)
def side_of(who: str) -> str | None:
    if _SIDE_RU.search(who):
        return "Russian forces"
    if _SIDE_UA.search(who):
        return "Ukrainian forces"
    return None


def _target_before(before: str) -> bool:
    """TARGET_BEFORE.search, answered without the regex (~5 µs) on ASCII text that cannot match."""
    if before.isascii():
        t = before.rstrip()
        if len(t) == len(before) or not t[-10:].lower().endswith(L.TARGET_LAST):
            return False
    return L.TARGET_BEFORE.search(before) is not None


def actor_mentions(text: str, skip: tuple[int, int] | None = None,
                   keys: set[str] | None = None) -> list[tuple[int, int, str, bool]]:
    """(start, end, actor, is_target) for every force a sentence names, outside ``skip``.

    ``keys`` (the sentence's word prefixes, ``L.gate_keys``) skips actors the sentence cannot name.
    """
    out = []
    low = text.lower()
    if len(low) == len(text):
        pats, subject = (L.ACTOR_ASCII if low.isascii() else L.ACTOR_LOWER), low
    else:
        pats, subject, keys = L.ACTOR_PATTERNS, text, None
    gate = L.ACTOR_GATE
    for actor, pat in pats:
        if keys is not None and keys.isdisjoint(gate[actor]):
            continue
        for m in pat.finditer(subject):
            if skip and skip[0] <= m.start() < skip[1]:
                continue
            if actor == "Russian forces" and _KOREA_BEFORE.match(text[m.start() - 6:m.start()] + " "):
                continue
            after = text[m.end():m.end() + 30]
            if (L.ACTOR_NOT_FORCE_ASCII if after.isascii() else L.ACTOR_NOT_FORCE).match(after):
                continue
            before = text[max(0, m.start() - 25):m.start()]
            is_target = _target_before(before)
            out.append((m.start(), m.end(), actor, is_target))
    # "North Korean" must not also count as "Korean"/"Russian": drop overlaps, keep the longer
    out.sort(key=lambda x: (x[0], -(x[1] - x[0])))
    kept: list[tuple[int, int, str, bool]] = []
    for a in out:
        if kept and a[0] < kept[-1][1]:
            continue
        kept.append(a)
    return kept


def weapons_in(text: str, keys: set[str] | None = None) -> list[str]:
    """Weapons named in ``text``; ``keys`` (word prefixes of the sentence) skips the impossible ones."""
    low = text.lower()
    if keys is None:
        keys = L.gate_keys(low)
    if keys.isdisjoint(L.WEAPON_GATE_ANY):
        return []  # no weapon's words start here
    gate = L.WEAPON_GATE
    pats = L.WEAPON_ASCII if low.isascii() else L.WEAPON_LOWER
    found = [w for w, pat in pats if not keys.isdisjoint(gate[w]) and pat.search(low)]
    if "drone" in found and ("quadcopter" in found or "fpv_drone" in found):
        found.remove("drone")
    return found


def _sub_type(event_type: str, default: str, text: str, keys: set[str] | None = None) -> str:
    """The first sub-type whose words ``text`` holds, else ``default``.

    ``keys`` (``L.gate_keys`` of ``text.lower()``) skips the sub-types whose words it cannot hold.
    """
    low = text.lower()
    gate = L.SUB_TYPE_GATE
    for sub, pat in (L.SUB_TYPE_ASCII if low.isascii() else L.SUB_TYPE_LOWER).get(event_type, ()):
        if keys is not None and keys.isdisjoint(gate[sub]):
            continue
        if pat.search(low):
            return sub
    return default


@lru_cache(maxsize=4096)  # trigger words recur: "shelled", "struck", "deployed"
def _word_sub_type(event_type: str, word: str) -> str:
    return _sub_type(event_type, "", word)


def _from_first(first: re.Match | None, pat: re.Pattern, subject: str) -> Iterator[re.Match]:
    """``pat.finditer(subject)`` given its first match: the later ones are looked for only when read
    (a sentence's first trigger of a type is usually taken, and the rest of it need not be scanned)."""
    if first is not None:
        yield first
        yield from pat.finditer(subject, first.end())


PENDING = Attribution("", -1, -1, None)  # "not looked for yet": a sentence without triggers


def find_triggers(text: str, previous_text: str = "", keys: set[str] | None = None
                  ) -> tuple[list[Trigger], Attribution | None, bool]:
    """The events a sentence reports, its attribution, and whether it is a caveat or denial of a claim.

    Triggers inside a negated or hedged clause, in a purpose clause ("sent troops
    to win back") or in the attribution itself are not events. ``keys`` is
    ``L.gate_keys(text.lower())`` when the caller has it.
    """
    low = text.lower()
    clean = _mask(text, L.CAVEAT) if ("verif" in low or "confirm" in low) else text
    caveat = clean != text
    if "from" in low and ("prevent" in low or "stop" in low or "kept" in low or "keep" in low or "barr" in low):
        clean = _mask(clean, L.PREVENTED)
    if keys is None:
        keys = L.gate_keys(low)
    if not keys.isdisjoint(L.SUPPORT_KEYS) or ("with" in keys and any(w in low for w in L.SUPPORT_OF)):
        # "backed by aviation and artillery fire", "with the support of aviation": no strike of its own
        clean = _mask(clean, L.SUPPORT_FIRE)
    # a force's losses ("suffered heavy casualties"): looked for only when its words can be there
    loss = L.CASUALTIES.search(clean) if L.may_lose(keys, low) else None
    loss_pattern = L.CASUALTIES
    if loss is None and ("capt" in keys or "take" in keys) and (loss := L.PRISONERS_TOLD.search(clean)):
        loss_pattern = L.PRISONERS_TOLD  # "four enemy servicemen were captured": prisoners, told in the passive
    elif loss is None and ("capt" in keys or "took" in keys or "take" in keys) and any(w in low for w in L.PRISONERS_FORCE) \
            and (loss := L.PRISONERS_TAKEN.search(clean)):
        loss_pattern = L.PRISONERS_TAKEN  # "captured North Korean military personnel": a side's soldiers taken
    # an evacuation: most sentences lack the words every match holds (L.may_evacuate) and skip its search
    evacuation = L.EVACUATION.regex.search(clean) if L.may_evacuate(low) else None
    if evacuation is None and L.may_restrict(keys, low):  # a curfew, entry barred: restrictions on a place's people
        evacuation = L.RESTRICTION.regex.search(clean)
    if keys.isdisjoint(L.TRIGGER_GATE_ANY) and loss is None and evacuation is None:  # no trigger can start here
        return [], PENDING, caveat
    gate, gate_open = L.TRIGGER_GATE, L.gate_open
    lclean = clean.lower()
    if len(lclean) != len(clean):  # a letter whose lower case is longer: keep offsets right
        pats, subject, lclean = L.TRIGGER_RES, clean, None
    else:
        pats, subject = (L.TRIGGER_ASCII if lclean.isascii() else L.TRIGGER_LOWER), lclean
    stemmed = L.TRIGGER_GATE_STEM  # the other types' gates are open when their keys are there
    firsts = [pat.search(subject) if not keys.isdisjoint(gate[et]) and (et not in stemmed or gate_open(et, keys, low))
              else None for et, _, pat in pats]
    found = [(et, sub, _from_first(first, pat, subject) if first else ()) for (et, sub, pat), first in zip(pats, firsts)]
    named = list(L.GROUND_NAMED.finditer(clean)) if keys & L.GROUND_NAMED_GATE else []
    if L.GROUND_MORE.gate_open(keys, low):  # more ground fighting words, behind a gate of their own
        more = L.GROUND_MORE.regex if lclean is None else L.GROUND_MORE.ascii if lclean.isascii() else L.GROUND_MORE.lower
        named += more.finditer(subject)
    for rule, at in L.MORE_RECORDS if not keys.isdisjoint(L.MORE_GATE_ANY) else ():
        # records of their own, each behind its gate, joining their type's matches
        if rule.gate_open(keys, low):
            more = rule.regex if lclean is None else rule.ascii if lclean.isascii() else rule.lower
            if ms := list(more.finditer(subject)):
                et, sub, before = found[at]
                found[at] = (et, sub, sorted(list(before) + ms, key=lambda m: m.start()))
                firsts = firsts + [ms[0]]
    if named:
        et, sub, ms = found[-1]
        found[-1] = (et, sub, sorted(list(ms) + named, key=lambda m: m.start()))
    elif not any(firsts) and loss is None and evacuation is None:
        return [], PENDING, caveat
    if loss is not None:
        found.append(("other", "casualties", _from_first(loss, loss_pattern, clean)))
    if evacuation is not None:
        found.append(("other", "other", [evacuation]))
    # on ASCII text every attribution holds a speech word at a gate key's place, so the hint
    # search would only repeat what find_attribution's own searches find
    speech = not keys.isdisjoint(L.SPEECH_GATE) and (low.isascii() or L.SPEECH_HINT_LOWER.search(low))
    attribution = find_attribution(text) if speech else None
    if "since" in low and L.CAMPAIGN.search(clean):
        return [], attribution, caveat
    clauses = _clauses(clean)
    # one search over the sentence first: most sentences have no negation or hedge at all
    if lclean is not None:
        neg, hedge, subject = L.NEGATION_LOWER, L.HEDGE_LOWER, lclean
    else:
        neg, hedge, subject = L.NEGATION, L.HEDGE, clean
    one = len(clauses) == 1
    either = L.NEGATION_OR_HEDGE_ASCII if clean.isascii() else L.NEGATION_OR_HEDGE_LOWER
    if lclean is not None and not (_may_negate_or_hedge(keys, low) and either.search(lclean)):
        negated_clauses, hedged_clauses = set(), {}
    else:
        negated_clauses = (set(clauses) if one else {c for c in clauses if neg.search(subject, c[0], c[1])}) \
            if neg.search(subject) else set()
        hedged_clauses = _hedged_from(hedge, subject, clauses) if hedge.search(subject) else {}
    drone_ctx = None
    triggers: list[Trigger] = []
    seen: set[str] = set()
    training: set[tuple[int, int]] = set()  # the clauses that tell of training
    any_negated = False
    for event_type, default_sub, matches in found:
        for m in matches:
            if (event_type, default_sub) in seen:
                break
            if attribution and attribution.start <= m.start() < attribution.end:
                continue
            if lclean is not None:
                if _purpose_or_background(lclean[max(0, m.start() - 40):m.start()]):
                    continue
            else:
                before = clean[max(0, m.start() - 40):m.start()]
                if L.PURPOSE_BEFORE.search(before) or L.BACKGROUND_BEFORE.search(before) or L.PROSPECT_BEFORE.search(before):
                    continue
            clause = _clause_of(clauses, m.start())
            if clause in negated_clauses or (clause in hedged_clauses and (
                    hedged_clauses[clause] <= m.start() or not _told_as_done(m.group()))):
                any_negated = any_negated or clause in negated_clauses
                continue
            if event_type == "drone_reconnaissance":
                if drone_ctx is None:
                    drone_ctx = bool(L.DRONE_CONTEXT_LOWER.search(low) or L.DRONE_CONTEXT_LOWER.search(previous_text.lower()))
                if not drone_ctx:
                    continue
            if event_type == "deployment" and not (L.FORCE_NEAR.search(clean, clause[0], clause[1])
                                                   or L.FORCE_NEAR_MORE.search(clean, clause[0], clause[1])):
                continue
            if event_type == "deployment" and loss is not None and m.start() < loss.end() and loss.start() < m.end():
                continue  # "lost 2,300 troops in the Kursk region": the count is of losses, not of a presence
            if loss is not None and event_type != "other" and (
                    (event_type == "strike" and m.start() > loss.start() and L.WEAPON_NOUN.fullmatch(m.group())
                     and L.COUNTED_BEFORE.search(clean, max(0, m.start() - 40), m.start()))
                    or (event_type == "ground_assault" and m.start() < loss.end() and loss.start() < m.end())):
                # "lost ... three HIMARS launchers": equipment counted among losses; "four soldiers were captured":
                # prisoners taken, not ground taken
                continue
            word = m.group().lower()
            if event_type == "ground_assault" and word in ("attack", "attacks") and ("strike", "shelling") not in seen \
                    and L.HARMED_IN_BEFORE.search(clean, max(0, m.start() - 70), m.start()) \
                    and not L.FORCE_LOSS_BEFORE.search(clean, max(0, m.start() - 90), m.start()) \
                    and not _repelled(clean, m.start(), m.end()) and L.FORCE_NEAR.search(clean, clause[0], clause[1]):
                # "a pensioner was hurt in a Ukrainian army attack": a strike (L.HARMED_IN_BEFORE), not the
                # ground attack its force word would make it (with no force named, the attack word tells nothing new)
                triggers.append(Trigger("strike", _sub_type("strike", "shelling", text, keys), m.start(), m.end(), m.group()))
                seen.add(("strike", "shelling"))
                continue
            if event_type == "ground_assault" and (word in ("attack", "attacked") or (
                    word == "assault" and _TOLD_BEFORE.search(clean, max(0, m.start() - 6), m.start()))) \
                    and ("strike", "shelling") not in seen \
                    and L.CIVIL_HARM_AFTER.search(clean, m.end(), min(clause[1], m.end() + 120)) \
                    and not _repelled(clean, m.start(), m.end()) \
                    and not L.OUTCOME_STOPPED.search(clean, max(0, m.start() - 25), m.start()):
                # "attacked Sumy overnight, wounding a woman", "an attack on the town damaged houses": a strike
                # (one attack told; "attacks on cities" in general are no event)
                triggers.append(Trigger("strike", _sub_type("strike", "shelling", text, keys), m.start(), m.end(), m.group()))
                seen.add(("strike", "shelling"))
                continue
            if event_type == "ground_assault" and word.startswith("attack") and ("strike", "shelling") not in seen \
                    and ("with" in low or "using" in low) and _WEAPON_AFTER.search(clean, m.end(), clause[1]) \
                    and not _repelled(clean, m.start(), m.end()):
                # "attacked one of the border communities of the region with a drone": the weapon makes it a strike,
                # however far it is told from the verb
                triggers.append(Trigger("strike", _sub_type("strike", "shelling", text, keys), m.start(), m.end(), m.group()))
                seen.add(("strike", "shelling"))
                continue
            if event_type == "ground_assault" and word in ("attacked", "attacks", "attack") \
                    and ("strike", "shelling") not in seen and ("hromad" in low or "ommunit" in low or "unicipal" in low) \
                    and _COMMUNITIES.search(clean, clause[0], clause[1]) \
                    and (not L.FORCE_NEAR.search(clean, clause[0], clause[1]) or _ATTACKED_COMMUNITIES.match(clean, m.end())) \
                    and not _repelled(clean, m.start(), m.end()):
                triggers.append(Trigger("strike", _sub_type("strike", "shelling", text, keys), m.start(), m.end(), m.group()))
                seen.add(("strike", "shelling"))
                continue
            if event_type == "ground_assault" and word.startswith("attack") and (
                    # "attacked X ... with drones and missiles" (but "repelled attacks" are on the ground)
                    (any(et == "strike" for et, _ in seen)
                     and not L.OUTCOME_STOPPED.search(clean, max(0, m.start() - 25), m.start()))
                    or _STRIKE_NEAR.search(clean[max(0, m.start() - 30):m.end() + 30])
                    or not (L.FORCE_NEAR.search(clean, clause[0], clause[1]) or _repelled(clean, m.start(), m.end())
                            or _began(clean, m.end()))):
                continue  # "drones attacked": the strike says it; "the attacks showed": no force named
            if event_type == "strike" and any(k in low for k in L.ARMS_SUPPLIED_GATE) \
                    and (word == "shells" or L.WEAPON_NOUN.fullmatch(m.group())) \
                    and L.ARMS_SUPPLIED.search(clean, clause[0], m.start()):
                continue  # "supplied Russia with rocket launchers": arms handed over (L.ARMS_SUPPLIED)
            if event_type == "strike" and word.startswith("destroy") and ("ground_assault", "assault") not in seen \
                    and not _STRIKE_NEAR.search(clean, clause[0], clause[1]) \
                    and any(f.start() <= m.start() < f.end()
                            for f in L.FORCE_DESTROYED.finditer(clean, 0, m.end() + 60)):
                # "the infiltrating group was destroyed": a force beaten in a fight (L.FORCE_DESTROYED)
                triggers.append(Trigger("ground_assault", "armed_clash", m.start(), m.end(), m.group()))
                seen.add(("ground_assault", "assault"))
                continue
            if word.startswith(("entered", "cross")) and not L.FORCE_NEAR.search(clean, clause[0], clause[1]):
                continue  # "refugees entered the region", "trucks crossed into": only a force entering is fighting
            if loss is not None and event_type == "ground_assault" and 0 <= m.start() - loss.end() <= 16 \
                    and _IN_THE_FIGHT.fullmatch(clean, loss.end(), m.start()):
                continue  # "suffered hundreds of casualties in clashes with": the losses' circumstance, not a second event
            if event_type == "ground_assault" and word.startswith("fighting") and _ALONGSIDE.match(clean, m.start() + 8):
                continue  # "troops fighting alongside Russian forces": who fights with whom, not one fight
            if event_type == "ground_assault" and word.startswith("fighting") \
                    and _UNITS_BEFORE.search(clean[max(0, m.start() - 12):m.start()]):
                continue  # "units fighting in the Sumy region" describes the units
            if event_type != "other" and clause in training:
                continue
            if default_sub == "casualties" and word.startswith("kill") and ("strike", "shelling") not in seen \
                    and _STRIKE_NEAR.search(clean, clause[0], m.start()):
                # "a drone killed two soldiers near X": a strike, whose dead are its fatalities
                triggers.append(Trigger("strike", _sub_type("strike", "shelling", text, keys), m.start(), m.end(), m.group()))
                seen.add(("strike", "shelling"))
                continue
            if default_sub == "casualties" and not _force_losses(clean, clause, seen):
                continue
            whole = event_type == "strike" or (clause[0] == 0 and clause[1] >= len(text))
            # the sentence's keys gate the sub-type words only when they are read in the whole sentence
            sub = _word_sub_type(event_type, m.group()) or (
                _sub_type(event_type, default_sub, text, keys) if whole
                else _sub_type(event_type, default_sub, text[clause[0]:clause[1]]))
            trig = Trigger(event_type, sub,
                           m.start(), m.end(), m.group())
            if default_sub == "training":
                training.add(clause)
            triggers.append(trig)
            seen.add((event_type, default_sub))
            break
    # a clause about training describes skills, not operations ("were training in the east; now they have joined
    # the fighting": the other clause still tells its event)
    if training:
        triggers = [t for t in triggers if t.event_type == "other" or _clause_of(clauses, t.start) not in training]
    if not triggers:  # every match was negated, hedged or background: nothing to fill in
        return triggers, attribution, caveat
    # denial in another clause of the sentence: the claim is disputed, not dropped
    if not any_negated and negated_clauses:
        trig_clauses = {_clause_of(clauses, t.start) for t in triggers}
        any_negated = any(c not in trig_clauses for c in negated_clauses)
    denied = bool(any_negated and _DENIED.search(clean))
    skip = (attribution.start, attribution.end) if attribution else None
    mentions = actor_mentions(text, skip, keys)
    sentence_weapons = weapons_in(text, keys)
    for t in triggers:
        _fill(t, text, clauses, mentions, attribution, previous_text, keys, sentence_weapons)
        t.disputed = denied
    return triggers, attribution, caveat


# hedges that doubt the whole clause wherever they stand ("whether troops took X", "if they attack")
_WHOLE_CLAUSE_HEDGE = frozenset(("if", "whether"))


_DONE_IRREGULAR = frozenset("struck took retook dug sent withdrew broke overran fought shot".split())


def _told_as_done(trigger: str) -> bool:
    """Whether a trigger's first word is a past form ("deployed", "struck"): told as done before a hedge, while
    a noun ("attacks", "an offensive") before "could intensify" is what the hedge is about."""
    first = trigger.split(None, 1)[0].lower()
    return first.endswith("ed") or first in _DONE_IRREGULAR


def _hedged_from(hedge: re.Pattern, text: str, clauses) -> dict[tuple[int, int], int]:
    """Each hedged clause and where its hedge begins: a trigger after it is hedged, one before it is told as
    fact ("troops deployed to Kursk are expected to join the fighting": the deployment happened)."""
    out = {}
    for c in clauses:
        m = hedge.search(text, c[0], c[1])
        if m is not None:
            out[c] = c[0] if m.group().lower() in _WHOLE_CLAUSE_HEDGE else m.start()
    return out


def _force_losses(text: str, clause: tuple[int, int], seen: set[tuple[str, str]]) -> bool:
    """Whether casualty words report a force's losses: a force or side named, no civilians, and no strike
    in the sentence (a strike's dead are its fatalities, not an event of their own)."""
    if any(et == "strike" for et, _ in seen) or L.CIVILIANS.search(text):
        return False
    return bool(L.FORCE_NEAR.search(text, clause[0], clause[1]) or any(p.search(text) for _, p in L.ACTOR_PATTERNS))


def _may_negate_or_hedge(keys: set[str], low: str) -> bool:
    """Whether a negation or hedge can be in the sentence: one of their words' prefixes among its keys, or "n't"."""
    return not keys.isdisjoint(L.NEGATION_OR_HEDGE_GATE) or "n't" in low


def _outcome(pattern: re.Pattern, twin: re.Pattern, gate: frozenset[str], text: str, keys: set[str] | None) -> bool:
    """Whether the (case-blind) outcome ``pattern`` matches ``text``; on ASCII text, only when one of
    its words' prefixes (``gate``) is among the sentence's ``keys``, and with its ASCII ``twin``."""
    if not text.isascii():
        return pattern.search(text) is not None
    if keys is not None and keys.isdisjoint(gate):
        return False
    return twin.search(text) is not None


def _purpose_or_background(before: str) -> bool:
    """PURPOSE_BEFORE_LOWER, PROSPECT_BEFORE or BACKGROUND_BEFORE_LOWER found in the lower-cased words before a trigger.

    Each regex runs only when ``before`` holds the words every match of it needs ("to" at the
    end or "help"; a PROSPECT word's stem; "since", "before", "after", "until" or "ahead"): most
    triggers have none.
    """
    if ("help" in before or before.rstrip().endswith("to")) and L.PURPOSE_BEFORE_LOWER.search(before):
        return True
    if ("possib" in before or "potent" in before or "plann" in before or "future" in before or "expect" in before
            or "immin" in before or "loom" in before or "anticip" in before or "prospect" in before) \
            and L.PROSPECT_BEFORE.search(before):
        return True
    return ("since" in before or "before" in before or "after" in before or "until" in before
            or "ahead" in before) and L.BACKGROUND_BEFORE_LOWER.search(before) is not None


_ENEMY = re.compile(r"\b(?:the\s+)?enemy(?:'s|’s)?\b", re.I)
_OTHER_SIDE = {"Ukrainian forces": "Russian forces", "Russian forces": "Ukrainian forces"}
_PRONOUN = re.compile(r"\b(?:it|its|they|their|we|our)\b", re.I)
_BY_BEFORE = re.compile(r"\bby\s+(?:the\s+)?$")
_SIDE_ADJ = re.compile(r"\b(Russian|Ukrainian|North\s+Korean)\s+(?:\w+\s+)?$")


def _fill(t: Trigger, text: str, clauses, mentions, attribution: Attribution | None, previous_text: str = "",
          keys: set[str] | None = None, everywhere: list[str] | None = None) -> None:
    c0, c1 = _clause_of(clauses, t.start)
    subject = [a for s, e, a, target in mentions if c0 <= s < t.start and not target]
    by_agent = [a for s, e, a, target in mentions if s >= t.end and _BY_BEFORE.search(text[max(0, s - 8):s])]
    targets = [a for s, e, a, target in mentions if target]
    actors = subject + by_agent
    t.subject = bool(actors)
    if not actors and _PRONOUN.search(text[c0:t.start]):  # looked for only when no actor is named
        if attribution and attribution.side and attribution.start < t.start:
            actors = [attribution.side]  # "the air force said it had used guided bombs"
            t.subject = True
        elif previous_text:
            prev = [a for s, e, a, target in actor_mentions(previous_text) if not target]
            if prev:
                actors = prev[:1]  # "Ukraine hit back. Its forces launched ..."
                t.subject = True
    if not actors:
        actors = [a for s, e, a, target in mentions if not target and s < t.start]
    if not actors:
        actors = [a for s, e, a, target in mentions if not target]
    if not actors and attribution and attribution.side and _OWN_FORCES.search(text):
        actors = [attribution.side]
    if not actors and attribution and attribution.side in _OTHER_SIDE and _ENEMY.search(text, c0, t.start):
        actors = [_OTHER_SIDE[attribution.side]]  # "the enemy", as the speaker's side calls the other
    # the offensive word carries its own side: "a renewed Russian offensive"
    window = text[max(0, t.start - 30):t.start]
    adj = _SIDE_ADJ.search(window) if ("Russian" in window or "Ukrainian" in window or "Korean" in window) else None
    if t.event_type == "ground_assault" and adj:
        own = {"Russian": "Russian forces", "Ukrainian": "Ukrainian forces"}.get(adj.group(1), "North Korean forces")
        actors = [own] + [a for a in actors if a != own and a not in targets]
        if _outcome(L.OUTCOME_STOPPED, L.OUTCOME_STOPPED_ASCII, L.OUTCOME_STOPPED_GATE, text, keys):
            actors = [own] + [a for s, e, a, target in mentions if a != own][:1]
    if t.sub_type == "training":
        actors = actors + [a for s, e, a, target in mentions]  # trainers and trainees both take part
    t.actors = list(dict.fromkeys(actors))
    t.targets = list(dict.fromkeys([a for a in targets if a not in t.actors])) if targets else []
    if keys is None:
        keys = L.gate_keys(text.lower())
    if everywhere is None:
        everywhere = weapons_in(text, keys)
    if t.event_type == "other" or not everywhere or (c0 == 0 and c1 >= len(text)):
        t.weapons = everywhere
    else:
        t.weapons = weapons_in(text[c0:c1], keys) or everywhere
    if t.event_type == "drone_reconnaissance":
        t.weapons = [w for w in t.weapons if w in ("quadcopter", "fpv_drone", "drone")] or ["drone"]
    if t.event_type == "strike" and t.sub_type == "shelling" and "artillery" in t.weapons:
        t.sub_type = "artillery"
    elif t.event_type == "strike" and t.sub_type == "shelling" and {"drone", "fpv_drone", "quadcopter"} & set(t.weapons):
        t.sub_type = "drone_strike"  # "a drone struck a minibus"
    if t.event_type == "ground_assault":
        if _outcome(L.OUTCOME_STOPPED, L.OUTCOME_STOPPED_ASCII, L.OUTCOME_STOPPED_GATE, text, keys):
            t.outcome = "stopped"
        elif _outcome(L.OUTCOME_GAINED, L.OUTCOME_GAINED_ASCII, L.OUTCOME_GAINED_GATE, text, keys):
            t.outcome = "gained ground"
