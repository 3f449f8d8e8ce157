"""Date expressions in a sentence, resolved against the document's publication date.

"12 August 2024", "August 2024", "in autumn 2024", "on Thursday", "last week",
"earlier this year", "since the beginning of this year", "a few months later"
(after the previous dated event), "the previous year's autumn": each becomes a
[start, end] range with the time precision its words support. A relative
expression is resolved against the first and last day the document may have
been published on, and the two results are joined, so a document dated only
to the month never gets a day it does not give.
"""
from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import dataclass, replace

from ..documents import Published
from ..schema import TIME_PRECISIONS
from . import speech
from .lexicon import ascii_twin
from .quickinit import quick_init

D = _dt.date
ONE = _dt.timedelta(days=1)

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
_MONTH = r"(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
_SEASON = r"(?:spring|summer|autumn|fall|winter)"
_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_NUM = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "several": 4,
        "a few": 3, "few": 3, "some": 3, "a couple of": 2, "couple of": 2}
_VAGUE = frozenset(("a few", "few", "several", "some", "a couple of", "couple of"))
_NUMW = r"(?:a few|a couple of|several|some|an|a|one|two|three|four|five|six|\d{1,2})"

_PATTERN = re.compile(
    r"\b(?:"
    r"(?P<iso>\d{4}-\d{2}-\d{2})"
    r"|(?:(?P<d0>\d{1,2})(?:\s?[-–/]\s?|\s+and\s+)|(?:between|from|night\s+of)\s+(?P<d0b>\d{1,2})\s+(?:and|to|into|until|till|through)\s+)?(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>" + _MONTH + r")(?:,?\s+(?P<y1>\d{4}))?"
    r"|(?P<m2>" + _MONTH + r")\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?(?:(?:\s?[-–]\s?|\s+(?:to|into|and)\s+)(?P<d3>\d{1,2}))?(?!\d)(?:,?\s+(?P<y2>\d{4}))?"
    r"|(?:(?P<mq>early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of"
    r"|the\s+(?:first|last|final)\s+week\s+of)[\s-]+)?"
    r"(?P<m3>" + _MONTH + r")(?:\s+(?:of\s+)?(?P<y3>\d{4}))?"
    r"|(?P<prevy>(?:the\s+)?(?:previous|last|past|preceding)\s+year's)\s+(?P<s2>" + _SEASON + r")"
    r"|(?:(?P<srel>this|last|next|past|previous)\s+)?(?P<season>" + _SEASON + r")(?:\s+(?:of\s+)?(?P<sy>\d{4}))?"
    r"|(?P<since>since\s+the\s+(?:beginning|start)\s+of\s+(?:this|the)\s+year|since\s+january)"
    r"|(?P<earlier>earlier\s+this|earlier\s+in\s+the|so\s+far\s+this)\s+(?P<eunit>year|month|week|day)"
    r"|(?P<later>" + _NUMW + r")\s+(?P<lunit>days?|weeks?|months?|years?)\s+later"
    r"|(?P<before>" + _NUMW + r")\s+(?P<bunit>days?|weeks?)\s+earlier"
    r"|(?P<prevday>the\s+previous\s+day)"
    r"|(?P<laterthat>later\s+(?:that|the\s+same))\s+(?P<ltunit>day|week|month|year)"
    r"|(?P<following>the\s+(?:following|next))\s+(?P<funit>day|week|month|year)"
    r"|(?P<ago>" + _NUMW + r")\s+(?P<aunit>days?|weeks?|months?|years?)\s+ago"
    # "over the past day", "over the day" (an agency's daily summary), "in past day" (a headline's, no article)
    r"|(?P<pastday>(?:over|in|during|within)\s+the\s+(?:course\s+of\s+the\s+)?(?:past|last)\s+day(?!\w|\s+(?:or|of)\s)"
    r"|over\s+the\s+day(?![\w-]|\s+(?:or|of|before|after|and)\b)|(?:over|in)\s+(?:past|last)\s+day(?!\w|\s+(?:or|of)\s)"
    r"|(?:past|last)\s+24\s+hours)"
    r"|(?:(?:over|in|during|within)\s+the\s+)?(?:past|last)\s+(?P<hours>48|72)\s+hours"
    r"|(?P<within>within|in|over)\s+(?P<wnum>two|three|four|five|six|\d{1,2})\s+days"
    r"|(?P<thru>throughout)\s+(?:the|this)\s+(?P<tunit>day|week|month)"
    r"|(?P<recent>in\s+recent|(?:over|in|during)\s+the\s+(?:past|last)(?:\s+(?P<rnum>few|several|two|three|four|five|six"
    r"|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|\d{1,2}))?)\s+(?P<runit>days|weeks|months)"
    r"|(?P<dayrel>a|one|the)\s+day\s+(?P<dayrel2>earlier|before|later|after)"
    r"|(?P<lrel>last|this|past|previous)\s+(?P<lunit2>week(?:end)?|month|year)"
    r"|(?P<wdq>(?:on|last|this|early\s+on|late\s+on|on\s+the\s+night\s+to)\s+)?(?P<wd>" + _WEEKDAY + r")(?:\s+(?:night|morning|evening))?"
    r"|(?P<wkend>(?:over|at|during|on|throughout)\s+the\s+weekend)"
    r"|(?P<rel>yesterday|today|overnight|last\s+night|tonight|this\s+night|(?:during|in)\s+the\s+night(?!\s+of\b)|at\s+night"
    r"|this\s+morning|recently|lately)"
    r"|(?<!\b\d[/.])(?<!\b\d\d[/.])(?P<year>(?:19|20)\d{2})(?![,.]?\d)"  # (not "9/22/2024", "22.07.2025": a page's stamp)
    r")\b",
    re.IGNORECASE,
)
_DASH = re.compile("[-–]")
_AND = re.compile(r"\sand\s", re.I)  # "8 and 9 June", "June 8 and 9": two days running, one range
_BARE_MAY_OK = re.compile(r"(?:in|since|during|by|until|early|late|mid|of|last|this|from|through)\s*-?$", re.I)


@quick_init
@dataclass(frozen=True)
class DateSpan:
    """A resolved date range, its precision, and the words (with offsets in the sentence) it came from."""

    start: D
    end: D
    precision: str
    text: str = ""
    pos: int = -1
    explicit: bool = True  # False when inherited from context or the publication date
    speech: bool = False  # the day of a statement ("the ministry said Thursday"), which only bounds its event
    tally: bool = False  # a count's days since a start ("since the fighting began"): its own sentence's, lent to none

    def overlaps(self, other: "DateSpan") -> bool:
        return self.start <= other.end and other.start <= self.end


def precision_for(start: D, end: D) -> str:
    """The time precision a range supports: a day, a week, a month, a season, else a year."""
    days = (end - start).days + 1
    if days <= 1:
        return "day"
    if days <= 7:
        return "week"
    if days <= 31:
        return "month"
    if days <= 92:
        return "season"
    return "year"


_ORDER = TIME_PRECISIONS


def coarser(a: str, b: str) -> str:
    return a if _ORDER.index(a) >= _ORDER.index(b) else b


def month_range(y: int, m: int) -> tuple[D, D]:
    return D(y, m, 1), D(y, m, calendar.monthrange(y, m)[1])


def add_months(d: D, n: int) -> D:
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    return D(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def season_range(name: str, year: int) -> tuple[D, D]:
    """Meteorological seasons; winter YYYY runs December YYYY to February YYYY+1."""
    name = "autumn" if name == "fall" else name
    if name == "winter":
        return D(year, 12, 1), D(year + 1, 3, 1) - ONE
    first = {"spring": 3, "summer": 6, "autumn": 9}[name]
    return D(year, first, 1), month_range(year, first + 2)[1]


def _num(word: str) -> int:
    w = word.lower().strip()
    return int(w) if w.isdigit() else _NUM.get(w, 3)


def _unit_days(unit: str) -> int:
    u = unit.lower().rstrip("s")
    return {"day": 1, "week": 7, "month": 31, "year": 365}[u]


def _week(d: D) -> tuple[D, D]:
    start = d - _dt.timedelta(days=d.weekday())
    return start, start + _dt.timedelta(days=6)


class _Unresolvable(Exception):
    pass


def _resolve(m: re.Match, anchor: D, previous: DateSpan | None, sentence: str,
             g: dict | None = None) -> tuple[D, D, str]:
    """One match resolved against one anchor day: (start, end, minimum precision).

    ``g`` is ``m.groupdict()`` when the caller has it already (it has some forty groups).
    """
    if g is None:
        g = m.groupdict()
    if g["iso"]:
        d = D.fromisoformat(g["iso"])
        return d, d, "day"
    if g["m1"] or g["m2"]:
        mon = MONTHS[(g["m1"] or g["m2"]).lower().rstrip(".")]
        day = int(g["d1"] or g["d2"])
        year = g["y1"] or g["y2"]
        if year:
            y = int(year)
        else:
            y = anchor.year if (mon, day) <= (anchor.month, anchor.day) else anchor.year - 1
        d = D(y, mon, day)
        # "24-25 May", "May 24-25": the night or the days between, within the month
        first, last = int(g["d0"] or g["d0b"] or day), int(g["d3"] or day)
        joined = _AND.search(sentence, m.start(), m.start("d1") if g["d0"] else m.start("d3") if g["d3"] else m.start())
        bounds = g["d3"] and _RANGE_FROM.search(sentence, max(0, m.start() - 12), m.start())
        if bounds:
            pass  # "between June 10 and 12", "from June 8 to 10", "the night of June 8 to 9": one range
        elif joined and abs(last - first) != 1:
            first = last = day  # "June 2 and 5": two days apart, not a range
        elif g["d3"] and not joined and not _DASH.search(sentence, m.start("d2"), m.start("d3")):
            last = day  # "June 8 to 9" spans the days only as a night ("the night of June 8 to 9") or a range
        if first < day:
            return D(y, mon, first), d, "day"
        if day < last <= calendar.monthrange(y, mon)[1]:
            return d, D(y, mon, last), "day"
        return d, d, "day"
    if g["m3"]:
        word = g["m3"]
        upper = sentence[m.start("m3")].isupper()  # from the sentence: ``m`` may be a lower-cased text's match
        if word.lower().rstrip(".") == "may" and not g["y3"]:
            if not upper or not _BARE_MAY_OK.search(sentence[:m.start()]):
                raise _Unresolvable
        if word.lower().rstrip(".") in ("mar", "jun", "jul", "dec", "sep", "oct", "nov", "jan", "feb", "apr", "aug") and not g["y3"] and not upper:
            raise _Unresolvable
        mon = MONTHS[word.lower().rstrip(".")]
        y = int(g["y3"]) if g["y3"] else (anchor.year if mon <= anchor.month else anchor.year - 1)
        s, e = month_range(y, mon)
        if g["mq"]:
            s, e = _part_of_month(" ".join(g["mq"].lower().split()), s, e)
        return s, e, "month"
    if g["s2"]:
        s, e = season_range(g["s2"].lower(), anchor.year - 1)
        return s, e, "season"
    if g["season"]:
        name = g["season"].lower()
        if name == "fall" and not (g["sy"] or g["srel"]):
            raise _Unresolvable  # "the fall of Sudzha" is not a season
        if g["sy"]:
            s, e = season_range(name, int(g["sy"]))
        else:
            rel = (g["srel"] or "").lower()
            y = anchor.year
            s, e = season_range(name, y)
            if name == "winter" and anchor < s:
                s, e = season_range(name, y - 1)
            if rel in ("last", "past", "previous"):
                if e >= anchor:
                    s, e = season_range(name, s.year - 1)
            elif rel != "this" and s > anchor:
                s, e = season_range(name, s.year - 1)
        return s, e, "season"
    if g["since"]:
        return D(anchor.year, 1, 1), anchor, "month"
    if g["earlier"]:
        unit = g["eunit"].lower()
        if unit == "year":
            return D(anchor.year, 1, 1), anchor, "month"
        if unit == "month":
            return anchor.replace(day=1), anchor, "day"
        if unit == "day":  # "earlier in the day": the day just told, else the report's
            day = previous.end if previous is not None and previous.start == previous.end and previous.explicit \
                and 0 <= (anchor - previous.end).days <= 2 else anchor
            return day, day, "day"
        return _week(anchor)[0], anchor, "day"
    if g["later"] or g["laterthat"] or g["following"]:
        if previous is None:
            raise _Unresolvable
        if g["later"]:
            n, unit = _num(g["later"]), g["lunit"].lower().rstrip("s")
            if unit == "month":
                s, e = add_months(previous.end, max(1, n - 1)), add_months(previous.end, n + 1)
                s = max(s, previous.end + ONE)
            elif unit == "year":
                s, e = D(previous.end.year + n, 1, 1), D(previous.end.year + n, 12, 31)
            else:
                days = n * _unit_days(unit)
                s = previous.start + _dt.timedelta(days=days)
                e = previous.end + _dt.timedelta(days=days + (days // 2 if n >= 3 else 0))
            return s, e, "day"
        unit = (g["ltunit"] or g["funit"]).lower()
        base = previous.end
        if g["laterthat"]:
            if unit == "day":
                return base, base, "day"
            if unit == "week":
                return _week(base)[0], _week(base)[1], "week"
            if unit == "month":
                return base, month_range(base.year, base.month)[1], "month"
            return base, D(base.year, 12, 31), "month"
        if unit == "day":
            return base + ONE, base + ONE, "day"
        if unit == "week":
            return _week(base + _dt.timedelta(days=7)) + ("week",)
        if unit == "month":
            nxt = add_months(base.replace(day=1), 1)
            return month_range(nxt.year, nxt.month) + ("month",)
        return D(base.year + 1, 1, 1), D(base.year + 1, 12, 31), "year"
    if g["before"] or g["prevday"]:
        # "four days earlier", "the previous day": back from the day just told, else from the report's (or the
        # statement's) day
        base = previous if previous is not None and (previous.end - previous.start).days <= 1 else None
        start, end = (base.start, base.end) if base is not None else (anchor, anchor)
        if g["prevday"]:
            return start - ONE, end - ONE, "day"
        n, unit = _num(g["before"]), g["bunit"].lower().rstrip("s")
        if " ".join(g["before"].lower().split()) in _VAGUE:  # "a few days earlier": any of those days
            return start - _dt.timedelta(days=n * _unit_days(unit) + 1), end - ONE, "day"
        days = _dt.timedelta(days=n * _unit_days(unit))
        if unit == "week":
            return start - days - _dt.timedelta(days=3), min(end, start - days + _dt.timedelta(days=3)), "day"
        return start - days, end - days, "day"
    if g["ago"]:
        n, unit = _num(g["ago"]), g["aunit"].lower().rstrip("s")
        days = n * _unit_days(unit)
        d = anchor - _dt.timedelta(days=days)
        if unit == "day" and " ".join(g["ago"].lower().split()) in _VAGUE:
            # "a few days ago", "several days ago": any of the days back to the day before the report
            return anchor - _dt.timedelta(days=n + 1), anchor - ONE, "day"
        slack = {"day": 0, "week": 3, "month": 15, "year": 182}[unit]
        return d - _dt.timedelta(days=slack), min(anchor, d + _dt.timedelta(days=slack)), "day"
    if g["pastday"]:  # "over the past 24 hours": the day before the report and the report's day
        return anchor - ONE, anchor, "day"
    if g["hours"]:  # "in the past 48 hours": two days back and the report's day
        return anchor - _dt.timedelta(days=int(g["hours"]) // 24), anchor, "day"
    if g["within"]:  # "retook ten villages within two days": the days up to the report
        return anchor - _dt.timedelta(days=_num(g["wnum"])), anchor, "day"
    if g["thru"]:  # "throughout the month": the month just named, else this one up to the report
        if g["tunit"].lower() == "day":  # "throughout the day": the report's day (or the statement's)
            return anchor, anchor, "day"
        if previous is not None and previous.precision in ("month", "week"):
            return previous.start, previous.end, previous.precision
        if g["tunit"].lower() == "week":
            return _week(anchor)[0], anchor, "day"
        return anchor.replace(day=1), anchor, "day"
    if g["recent"]:
        unit = g["runit"].lower()
        if g.get("rnum") and g["rnum"].lower() not in ("few", "several"):
            days = _num(g["rnum"]) * _unit_days(unit)
        else:
            days = {"days": 7, "weeks": 28, "months": 92}[unit]
        return anchor - _dt.timedelta(days=days), anchor, "day"
    if g["dayrel"]:
        if previous is None or previous.precision != "day":
            raise _Unresolvable
        step = -1 if g["dayrel2"].lower() in ("earlier", "before") else 1
        d = previous.start + _dt.timedelta(days=step)
        return d, d, "day"
    if g["lrel"]:
        rel, unit = g["lrel"].lower(), g["lunit2"].lower()
        last = rel in ("last", "past", "previous")
        if unit.startswith("week"):
            if rel == "past":
                return anchor - _dt.timedelta(days=7), anchor, "week"
            s, e = _week(anchor - _dt.timedelta(days=7) if last else anchor)
            if unit == "weekend":
                s = s + _dt.timedelta(days=5)
            return s, min(e, anchor), "week"
        if unit == "month":
            if rel == "past":
                return anchor - _dt.timedelta(days=30), anchor, "month"
            base = add_months(anchor.replace(day=1), -1) if last else anchor
            return month_range(base.year, base.month) + ("month",)
        if rel == "past":
            return anchor - _dt.timedelta(days=365), anchor, "year"
        y = anchor.year - 1 if last else anchor.year
        return D(y, 1, 1), D(y, 12, 31), "year"
    if g["wd"]:
        wd = _WEEKDAYS[g["wd"].lower()]
        q = (g["wdq"] or "").lower().strip()
        back = (anchor.weekday() - wd) % 7
        if q.startswith("last") and back == 0:
            back = 7
        d = anchor - _dt.timedelta(days=back)
        return d, d, "day"
    if g["wkend"]:  # "over the weekend": the last Saturday and Sunday up to the report (or the one under way)
        sat = anchor - _dt.timedelta(days=(anchor.weekday() - 5) % 7)
        return sat, min(sat + ONE, anchor), "day"
    if g["rel"]:
        r = " ".join(g["rel"].lower().split())
        if r == "yesterday":
            return anchor - ONE, anchor - ONE, "day"
        if r in ("overnight", "last night", "during the night", "in the night", "at night", "tonight", "this night"):
            # ("tonight", "this night": an official's words for the night just gone, as agencies translate them; "at
            # night": the words an administration's summary gives the night just gone)
            return anchor - ONE, anchor, "day"  # the night before the report: its evening and its small hours
        if r in ("today", "this morning"):
            return anchor, anchor, "day"
        return anchor - _dt.timedelta(days=30), anchor, "month"
    if g["year"]:
        y = int(g["year"])
        if not 1990 <= y <= anchor.year + 1:
            raise _Unresolvable
        return D(y, 1, 1), D(y, 12, 31), "year"
    raise _Unresolvable


def _part_of_month(part: str, first: D, last: D) -> tuple[D, D]:
    """"the first week of August": its first seven days; "the last (final) week of August": its last seven;
    "early", "mid-" and "late August" (its beginning, middle and end): its first, middle and last third (days
    1-10, 11-20, 21 to the end), as annotators of real reporting read them."""
    if "week" in part:
        if "first" in part:
            return first, first.replace(day=7)
        return last - _dt.timedelta(days=6), last
    if part in ("early", "the beginning of", "the start of"):
        return first, first.replace(day=10)
    if part in ("mid", "the middle of"):
        return first.replace(day=11), first.replace(day=20)
    return first.replace(day=21), last


def _near(m: re.Match, g: dict | None = None) -> bool:
    """Expressions that name a day or week close to publication (``g``: the match's groupdict, if known)."""
    if g is None:
        g = m.groupdict()
    if g["wd"] or g["wkend"] or (g["thru"] and g["tunit"].lower() == "day") or (g["rel"] and g["rel"].lower() not in ("recently", "lately")):
        return True
    if g["lrel"] and g["lunit2"].lower().startswith("week"):
        return True
    if g["earlier"] and g["eunit"].lower() in ("week", "month"):
        return True
    return bool(g["ago"] and g["aunit"].lower().rstrip("s") in ("day", "week"))


_WORD = re.compile(r"[A-Za-z]+|\d+")
# words that every date expression contains; the full pattern is tried only just before them
_KEYS = frozenset(
    [m.lower() for m in calendar.month_name if m] + [m.lower() for m in calendar.month_abbr if m] + ["sept"]
    + [d.lower() for d in calendar.day_name]
    + "spring summer autumn fall winter since earlier far later following next ago recent past last day days "
      "week weeks weekend month months year years yesterday today tonight overnight night morning recently lately "
      "course".split())  # "over the course of the past day": five words before its key "past"


def _trie_pattern(words) -> str:
    """An alternation of literal words as a character trie ("da(?:ys?)..."): the same matches
    between word boundaries, but one character test per position instead of one per word."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        if len(alts) == 1 and "" not in node:
            return alts[0]
        return "(?:" + "|".join(alts) + ")" + ("?" if "" in node else "")

    return emit(trie)


# every key is a whole word (boundaries both sides), so the order of the alternatives cannot matter
_KEY_RE = re.compile(r"\b(?:" + _trie_pattern(_KEYS) + r"|\d+)\b")
_KEY_RE_ASCII = ascii_twin(_KEY_RE)
_WORD_START = re.compile(r"[A-Za-z0-9]+")
# on ASCII text a key word is a whole run of letters, so its first four letters are among a
# sentence's gate keys (lexicon.gate_keys); numbers are looked for apart
_KEY_PREFIXES = frozenset(k[:4] for k in _KEYS)
_DIGIT = re.compile(r"[0-9]")
# the first word of every match of _PATTERN (keep in step with it), besides numbers: on ASCII text
# a match can start only at such a word (each alternative begins with a whole word), so the words
# before a key word that are none of these are not tried (most of them: "struck", "positions")
_FIRST_WORDS = frozenset(
    [m.lower() for m in calendar.month_name if m] + [m.lower() for m in calendar.month_abbr if m] + ["sept"]
    + [d.lower() for d in calendar.day_name]
    + "early mid late the previous last past preceding this next spring summer autumn fall winter since earlier "
      "so a an one two three four five six several some later in over during on at between from night yesterday "
      "today tonight overnight recently lately within throughout".split())


# the pattern is all lower case: on lower-cased ASCII text, matching it case-sensitively finds
# exactly what the case-blind pattern finds, 1.5-2 times faster (the same spans; groups in lower case)
_PATTERN_LOWER = ascii_twin(re.compile(_PATTERN.pattern))  # only ever run on ASCII text
_DIGITS = frozenset("0123456789")
assert _PATTERN.pattern.replace("(?P<", "").islower()


def _matches(sentence: str):
    """Date matches, trying the full pattern only a few words before each key word (fast on long text).

    On ASCII text the matches are the lower-cased sentence's (same offsets, groups in lower case):
    readers take case and the expression's words from the sentence itself.
    """
    low = sentence.lower()
    if len(low) != len(sentence):
        low = sentence
    probe, text = (_PATTERN_LOWER, low) if sentence.isascii() else (_PATTERN, sentence)
    pos = 0
    for k in (_KEY_RE_ASCII if low.isascii() else _KEY_RE).finditer(low):
        start = k.start()
        if start < pos:
            continue
        # the starts of up to four words before the key word, then the key word itself
        base = max(pos, start - 40)
        if probe is _PATTERN_LOWER:  # lower-cased ASCII: only the words a date can start with
            words = list(_WORD_START.finditer(text, base, start))[-4:] + [k]  # a key is a whole word
            starts = [w.start() for w in words if (word := w.group()) in _FIRST_WORDS or word[0] in _DIGITS]
        else:
            back = sentence[base:start]
            starts = [base + w.start() for w in _WORD_START.finditer(back)][-4:] + [start]
        for s in starts:
            m = probe.match(text, s)
            if m and m.end() > start:
                pos = m.end()
                yield m
                break


def find_dates(sentence: str, published: Published, previous: DateSpan | None = None,
               keys: set[str] | None = None) -> list[DateSpan]:
    """Every date expression in ``sentence``, resolved; ``previous`` anchors "a few months later".

    ``keys`` (the sentence's word prefixes, ``lexicon.gate_keys``) settles most sentences that
    hold no date without a scan.
    """
    out: list[DateSpan] = []
    if keys is not None and keys.isdisjoint(_KEY_PREFIXES) and sentence.isascii() and not _DIGIT.search(sentence):
        return out  # every date expression holds a key word or a number
    # in order, start first: a set of dates iterates in hash order, which
    # PYTHONHASHSEED changes, and spans[0] sets the precision below
    found = [(m, m.groupdict()) for m in _matches(sentence)]
    if found and ":" in sentence:
        found = _without_stamps(sentence, found)
    speech = _speech_day(sentence, found, published) if found and (keys is None or not keys.isdisjoint(_SPEECH_KEYS)) \
        and _SPEECH_HINT.search(sentence) else None
    said = None
    if speech is not None and not speech[2]:
        speech, said = None, speech[0]
    for m, g in found:
        if speech is not None and m is speech[0]:
            continue  # the day a statement was made, not the day of what it tells
        relative = not (g["iso"] or g["y1"] or g["y2"] or g["y3"] or g["sy"] or g["year"] or g["later"]
                        or g["laterthat"] or g["following"] or g["d1"] or g["d2"] or g["dayrel"])
        # "overnight, the governor said on Tuesday": the night before the statement, not before the report
        pub = Published(speech[1], speech[1], "day", "") if speech is not None and relative else published
        anchors = (pub.start,) if pub.start == pub.end else (pub.start, pub.end)
        try:
            spans = [_resolve(m, anchor, previous, sentence, g) for anchor in anchors]
        except (_Unresolvable, ValueError):
            continue
        if len(spans) == 1:  # a document dated to the day: one anchor
            start, end, floor = spans[0]
        else:
            start = min(s for s, _, _ in spans)
            end = max(e for _, e, _ in spans)
            floor = spans[0][2]
        if g["thru"] and speech is None and previous is not None and previous.start == previous.end \
                and previous.explicit and 0 < (pub.end - previous.end).days <= 2 and g["tunit"].lower() == "day":
            start = end = previous.end  # "Throughout the day, ..." after the day just told: that day
        if relative:
            end = min(end, pub.end)
            if _near(m, g) and pub.precision != "day":
                start = max(start, pub.start)  # "on Thursday" in an October article: a day in October
            if start > end:
                start = end
        if _SINCE.search(sentence, max(0, m.start() - 8), m.start()) and start <= pub.end \
                and (pub.end - start).days <= SINCE_DAYS:
            # "since Monday", "since August 6": from that day to the report
            end = max(end, pub.end)
        precision = coarser(floor, precision_for(start, end))
        if relative and pub.precision != "day":
            precision = coarser(precision, pub.precision if pub.precision != "year" else "year")
        bound = m is said
        if start == end and precision == "day" and _AS_OF.search(sentence, max(0, m.start() - 30), m.start()):
            # "Ukrainian troops held 1,000 square km as of 12 August": a state reached by that day, which bounds its
            # event as a statement's day does; in the incursion's first month, a state reached since it began
            if 0 < (end - INCURSION_START).days <= INCURSION_OPENING_DAYS:
                start, precision = INCURSION_START, precision_for(INCURSION_START, end)
            else:
                bound = True
        # "the ministry said Thursday that its forces advanced": the statement's day bounds the event from
        # above; a date the event itself is given elsewhere ("within two days") is the sharper one
        out.append(DateSpan(start, end, precision, sentence[m.start():m.end()], m.start(), speech=bound))
    if (keys is None or not keys.isdisjoint(_SINCE_KEYS) and not keys.isdisjoint(_OPERATION_KEYS)) \
            and published.end >= INCURSION_START:
        out = _since_incursion(sentence, out, published, speech[1] if speech is not None else None)
    if len(out) > 1 and any(_ALL_DAY.fullmatch(d.text) for d in out):
        out = _day_named(out)
    out = _joined_ranges(sentence, out) if len(out) > 1 else out
    return _nights(sentence, out, published) if out and ("ight" in sentence or "hours" in sentence) else out


_ALL_DAY = re.compile(r"throughout\s+(?:the|this)\s+day", re.I)


def _day_named(spans: list[DateSpan]) -> list[DateSpan]:
    """"throughout the day" next to a day the sentence names ("The next day, ... throughout the day",
    "throughout the day on Sept. 3"): that day's, so the words add no second date."""
    if not any(d.start == d.end and not d.speech and not _ALL_DAY.fullmatch(d.text) for d in spans):
        return spans
    return [d for d in spans if not _ALL_DAY.fullmatch(d.text)]


_PAST_DAY_WORDS = re.compile(r"(?:(?:over|in|during|within)\s+the\s+(?:course\s+of\s+the\s+)?)?(?:past|last)\s+(?:day|24\s+hours)"
                            r"|over\s+the\s+day", re.I)


def summary_day(spans: list[DateSpan], told: DateSpan | None, published: Published,
                last: DateSpan | None = None) -> list[DateSpan]:
    """"over the past 24 hours" after a summary that named its day in the sentence before ("... the region's
    head said on Tuesday. Some 30 blasts were counted over the past 24 hours."): that day, not the day before the report and the report's. A tally since the incursion began told
    after a statement of an earlier day ("..., the ministry said on Thursday. Since the fighting began, Kyiv has
    lost ..., it added.") runs to that day: ``told`` is the paragraph's date, ``last`` the story's last one."""
    if told is None and any(d.tally for d in spans):
        told = last
    if told is None or not told.explicit or published.precision != "day" or not 0 < (published.end - told.end).days <= 2:
        return spans
    named = not told.speech and told.start == told.end
    return [replace(d, start=told.start, end=told.end, precision="day")
            if named and d.end == published.end and (d.end - d.start).days == 1 and _PAST_DAY_WORDS.fullmatch(d.text)
            else replace(d, end=told.end, precision=precision_for(d.start, told.end))
            if d.tally and d.end == published.end and not d.speech else d
            for d in spans]


_AS_OF = re.compile(r"\bas\s+of\s+(?:the\s+(?:morning|evening)\s+of\s+|(?:early|late)\s+(?:on\s+)?)?"
                    r"(?:" + _WEEKDAY + r"(?:\s+(?:morning|evening))?,?\s+)?$", re.I)  # (and "as of Tuesday, 20 August")
INCURSION_OPENING_DAYS = 31  # the incursion's first month, when a state "as of" a day is told of it


# Ukraine's cross-border incursion into Kursk oblast began on 6 August 2024 (the day every report and every
# annotation gives it); a tally "since the fighting began" in a report about it counts from that day
INCURSION_START = D(2024, 8, 6)
INCURSION_REACH = D(2025, 12, 31)  # later reports of Kursk oblast tell of other fighting


def campaign_window(published: Published) -> bool:
    """Whether a report falls in the incursion's first month (after its first day), dated to the day."""
    return published.precision == "day" and 0 < (published.end - INCURSION_START).days <= INCURSION_OPENING_DAYS


def campaign_days(span: DateSpan, published: Published) -> DateSpan:
    """An undated event of Kursk oblast told in the incursion's first month ("troops have taken the village",
    "residents are being evacuated"), dated by the report's day alone: its own days run from the incursion's
    first day to the report, as a state reached by then; the day it was told only bounds it. "Recently" then
    reaches back no further than the incursion's first day."""
    if not campaign_window(published):
        return span
    if span.text.lower() in ("recently", "lately") and span.start < INCURSION_START <= span.end:
        # "troops recently pushed into the Kursk region": the month "recently" spans, but not before the incursion
        return replace(span, start=INCURSION_START, precision=precision_for(INCURSION_START, span.end))
    if span.explicit or span.start != span.end or span.end != published.end:
        return span
    return DateSpan(INCURSION_START, published.end, precision_for(INCURSION_START, published.end), span.text, -1,
                    explicit=False)


_OWNER = r"(?:kyiv|kiev|ukraine|ukrainian\s+(?:forces|troops|army)|they)['’]s|its|their"
_OPERATION = (r"(?:(?:" + _OWNER + r"|the|this|a|an|august|large[- ]scale|massive|surprise|cross[- ]border|armed|military"
              r"|ukrainian|kursk)\s+){0,4}"
              r"(?:incursion|offensive|operation|operations|hostilities|fighting|clashes|battles|combat)\b")
# "since Kyiv's troops entered the Kursk region", "since Ukrainian forces broke across the border": the incursion's
# first day, told by its crossing
_ENTRANT = r"(?:ukraine|kyiv|kiev|ukrainian)(?:['’]s)?(?:\s+(?:armed\s+forces|forces|troops|army|units|military|soldiers))?"
_ENTERED = (r"(?:entered|crossed|invaded|pushed|broke|stormed|swept|burst|poured|rammed)(?:\s+(?:into|across|through|over))?"
            r"\s+(?:the\s+)?(?:russian\s+)?(?:border|kursk|russia|frontier)\b")
# "since the fighting began (in the region)", "since hostilities began in the region", "since clashes broke
# out", "since the incursion started", "after the August incursion began", "since Ukraine launched its
# incursion", "in all, during the operations in the Kursk direction"
_INCURSION = re.compile(
    r"\b(?:(?:since|after)\s+(?:the\s+)?(?:(?:very\s+)?(?:beginning|start|onset|outbreak|launch)\s+of\s+)?" + _OPERATION
    + r"|since\s+(?:ukraine|kyiv|kiev|ukrainian\s+(?:forces|troops)|they)\s+(?:launched|began|started)\s+" + _OPERATION
    + r"|in\s+total,?\s+(?:during|in)\s+(?:the\s+)?(?:course\s+of\s+(?:the\s+)?)?" + _OPERATION
    + r"|(?P<entry>since\s+(?:the\s+)?" + _ENTRANT + r"\s+(?:first\s+)?" + _ENTERED + r"))",
    re.I)
# not Russia's war on Ukraine ("since the start of the special military operation", "since the full-scale war")
_NOT_INCURSION = re.compile(r"\b(?:special|full[- ]scale|2022|russia['’]?s?|moscow['’]?s?|war|invasion)\b", re.I)
_BEGAN_NEXT = re.compile(r"\s+(?:began|begun|started|erupted|broke\s+out|was\s+launched|were\s+launched)\b", re.I)
_SINCE_KEYS = frozenset(("sinc", "afte", "tota"))
_OPERATION_KEYS = frozenset(("incu", "offe", "oper", "host", "figh", "clas", "batt", "comb", "ente", "cros", "inva", "push",
                             "brok", "stor", "swep", "burs", "pour", "ramm"))


def _since_incursion(sentence: str, spans: list[DateSpan], published: Published, said: D | None) -> list[DateSpan]:
    """A tally "since the fighting began" in a report of the Kursk incursion: from its first day to the
    report (or to the statement's day); a date inside the words ("after the August incursion began") goes."""
    m = _INCURSION.search(sentence)
    if m is None or published.precision != "day" or not INCURSION_START < published.end <= INCURSION_REACH:
        return spans
    words = sentence[m.start():m.end()]
    if m.group("entry") is None and _NOT_INCURSION.search(words) or words[:5].lower() == "after" and not _BEGAN_NEXT.match(sentence, m.end()):
        return spans  # (and "after the fighting" of one day: only "after the incursion began")
    if words.lower().split()[-1] in ("operation", "operations", "combat") and not (
            "kursk" in sentence.lower() or _BEGAN_NEXT.match(sentence, m.end())):
        return spans  # "since the operation" of any other kind: only Kursk's, or one that "began"
    end = said if said is not None and said < published.end else published.end
    if (end - INCURSION_START).days < 1:
        return spans
    span = DateSpan(INCURSION_START, end, precision_for(INCURSION_START, end), words, m.start(), tally=True)
    kept = [d for d in spans if not m.start() <= d.pos < m.end()]
    kept.append(span)
    kept.sort(key=lambda d: d.pos)
    return kept


# "on the night of 3 May", "the night to Tuesday", "in the small hours of 3 May": the night that ends on the day
# named (its small hours are that day's)
_NIGHT_ENDING = re.compile(r"\b(?:night\s+(?:of|to|into)|(?:early|small|wee)\s+hours\s+(?:of|on))\s+(?:the\s+)?$", re.I)
_SAID_AT_NIGHT = re.compile(r"\b" + speech.alternation("night") + r"\s+(?:on\s+)?(?:the\s+)?night\s+of\s+$",
                            re.I)
# "on Thursday night": the night that begins on the day named
_WEEKDAY_NIGHT = re.compile(r"(?:on\s+)?" + _WEEKDAY + r"\s+night", re.I)


def _nights(sentence: str, spans: list[DateSpan], published: Published) -> list[DateSpan]:
    """A night named by one day is two days: "the night of May 22" its evening before and its small hours
    (May 21-22), "Thursday night" that day and the small hours of the next (up to the report)."""
    out = []
    for d in spans:
        if d.start == d.end and d.precision == "day":
            text = d.text.lower()
            if d.speech or _SAID_AT_NIGHT.search(sentence, max(0, d.pos - 40), d.pos):
                pass  # "the governor said the night of June 3": when he spoke, not the night of an event
            elif text.startswith("on the night to"):
                d = replace(d, start=d.start - ONE, precision="week")
            elif night := _NIGHT_ENDING.search(sentence, max(0, d.pos - 20), d.pos):
                # (its words name the night, "night of May 22": a later "on May 22" keeps it, see night_kept)
                d = replace(d, start=d.start - ONE, precision="week", text=sentence[night.start():d.pos + len(d.text)],
                            pos=night.start())
            elif _WEEKDAY_NIGHT.fullmatch(text) and d.end < published.end:
                d = replace(d, end=d.end + ONE, precision="week")
        out.append(d)
    return out


def night_kept(night: DateSpan, day: DateSpan) -> bool:
    """A night's two days told first stay the event's date when a later mention gives one of them alone
    ("an overnight strike" ... "Thursday's attack"); so do the days of a range named by both its ends
    ("footage from August 6 and 7" ... "on August 6 the governor said")."""
    if not (night.explicit and day.start == day.end and night.start <= day.start <= night.end):
        return False
    days = (night.end - night.start).days
    return days == 1 and _NIGHT_TEXT.search(night.text) is not None \
        or 1 <= days <= 7 and len(_RANGE_ENDS.findall(night.text)) >= 2


_NIGHT_TEXT = re.compile(r"night|\bhours\s+of\b", re.I)  # a night's words, or its small hours' ("early hours of June 5")


def night_named(span: DateSpan) -> bool:
    """Whether a date told in a sentence is a night ("overnight", "tonight", "the night of June 5"): its two days."""
    return span.explicit and not span.speech and (span.end - span.start).days == 1 \
        and _NIGHT_TEXT.search(span.text) is not None


# the two ends a range names: days of the month or weekdays ("August 6 and 7", "from Friday to Sunday")
_RANGE_ENDS = re.compile(r"\b(?:\d{1,2}|" + _WEEKDAY + r")\b", re.I)


# "since" opens a range that runs to the report (a tally "since 2022" is older than this and stays as it was)
_SINCE = re.compile(r"\bsince\s+$", re.I)
SINCE_DAYS = 92
# "the governor said on Tuesday", "officials told reporters Friday": the day of a statement
_SPEECH_BEFORE = re.compile(r"\b(?:" + speech.alternation("day", but="addressee")[3:-1] + "|"
                            + speech.alternation("addressee") + r"\s+(?:\w+\s+){0,2}?)\s*(?:on\s+|late\s+|early\s+)?$", re.I)


# "the ministry said in a statement on Tuesday", "Putin said at a televised meeting with officials on Wednesday":
# the day of a statement after a short phrase on where or how it was made
_SPEECH_BEFORE_PHRASE = re.compile(r"\b" + speech.alternation("day") + r"\s+(?:in|at|during|via|through|on)\s+"
                                   r"(?:[\w'’-]+\s+){1,7}?(?:on\s+|late\s+|early\s+)?$", re.I)
_SPEECH_KEYS = speech.keys("day")  # their gate keys
_SPEECH_HINT = re.compile(r"\b" + speech.alternation("day") + r"\b", re.I)


_PLACE_CLAUSE = re.compile(r",\s+(?:where|which|whose)\s")


def _speech_day(sentence: str, found: list, published: Published) -> tuple | None:
    """A statement's day: (its match, the day, whether other words of the sentence count back from it).

    Only a weekday, "yesterday" or a day of the month right after a speech verb counts; the relative
    words of the sentence ("overnight", "over the past day") are then counted back from it."""
    if published.precision != "day":
        return None
    for m, g in found:
        if not (g["wd"] or g["d1"] or g["d2"] or (g["rel"] and g["rel"].lower() == "yesterday")):
            continue
        if not _SPEECH_BEFORE.search(sentence, max(0, m.start() - 30), m.start()) \
                and not _SPEECH_BEFORE_PHRASE.search(sentence, max(0, m.start() - 90), m.start()):
            continue
        try:
            day, end, _ = _resolve(m, published.end, None, sentence, g)
        except (_Unresolvable, ValueError):
            return None
        if day != end or day > published.end:
            return None
        # (a date in a clause on the place, ", where Moscow stepped up its offensive in recent weeks", tells of the
        # place, not of what was said: nothing is counted back from the statement for it)
        others = [g2 for m2, g2 in found if m2 is not m
                  and not (m2.start() > m.end() and _PLACE_CLAUSE.search(sentence, m.end(), m2.start()))]
        relative = any(g2["rel"] or g2["pastday"] or g2["thru"] or g2["recent"] or g2["hours"] or g2["within"] or g2["ago"]
                       or g2["prevday"] or g2["before"]
                       or g2["wkend"] or (g2["lrel"] and g2["lunit2"].lower().startswith("week")) for g2 in others)
        return m, day, relative
    return None


# "Tuesday, March 12, 2024 9:40:00 AM", "Friday, 25 April 2025, 04:44": a page's stamp of when it was posted (after a
# headline or a byline), a date with its year and then a clock time
_CLOCK_AFTER = re.compile(r",?\s+\d{1,2}:\d{2}\b")
_STAMP_WEEKDAY_GAP = re.compile(r",?\s*")


def _without_stamps(sentence: str, found: list) -> list:
    """The date matches less a page's stamp (a dated day with its year, a clock time right after it, and the weekday
    right before it): when the page went up, not the day of any event it tells. "On January 3, at 18:20" has no
    year: the time of an event."""
    stamps = set()
    for k, (m, g) in enumerate(found):
        if (g["y1"] or g["y2"]) and not (g["d0"] or g["d0b"] or g["d3"]) \
                and _CLOCK_AFTER.match(sentence, m.end()):
            stamps.add(k)
            if k and found[k - 1][1]["wd"] and not found[k - 1][1]["wdq"] \
                    and _STAMP_WEEKDAY_GAP.fullmatch(sentence, found[k - 1][0].end(), m.start()):
                stamps.add(k - 1)
    return [f for k, f in enumerate(found) if k not in stamps] if stamps else found


# "KYIV, June 10 (Reuters) -", "June 10 (AP) —", "KURSK, May 6. /TASS/.": a dateline's day opening the story
_DATELINE_DAY = re.compile(r"(?:[A-Z][A-Z'’. -]{2,30},\s+(?:[A-Z][a-z]+,\s+)?)?(?P<date>(?:" + _MONTH + r")\s+\d{1,2}"
                           r"(?:,\s+\d{4})?|\d{1,2}\s+" + _MONTH + r"(?:\s+\d{4})?)"
                           r"(?:\s*(?:\([^)]{1,30}\))?\s*[–—-]{1,2}\s|\.?\s*/[A-Z][A-Za-z]{1,11}/\.?(?:\s|$)|\.\s*$)",
                           re.I)
# "date 2025-04-25" before a page's headline: the page's own stamp of its publication, no event's date
_PAGE_STAMP = re.compile(r"\s*(?:date\s+\d{4}-\d{2}-\d{2}\s+)?")
DATELINE_DAYS = 7


def dateline_day(text: str, published: Published) -> tuple[int, Published | None]:
    """Where a dated dateline ("SUMY, June 10 (Reuters) -"), or a page's "date 2025-06-10" stamp before the
    headline, ends (0 when there is none), and the dateline's day when that falls in the week up to
    publication: the story's own day, which "overnight" and "on Monday" count from (a copy may be
    published days later)."""
    stamp = _PAGE_STAMP.match(text).end()
    m = _DATELINE_DAY.match(text, stamp)
    if m is None:
        return (stamp if text[:stamp].strip() else 0), None
    spans = find_dates(m.group("date"), published)
    if published.precision != "day" or len(spans) != 1 or spans[0].start != spans[0].end:
        return m.end(), None
    day = spans[0].start
    if not 0 <= (published.end - day).days <= DATELINE_DAYS:
        return m.end(), None
    return m.end(), Published(day, day, "day", day.isoformat())


# "between June 2 and June 5", "from 2 June to 5 June": the two days bound one range
# ... and "the night of June 9 to June 10", "from late Monday into Tuesday morning": a night and a morning
_RANGE_FROM = re.compile(r"\b(?:between|from|night\s+of)\s+(?:the\s+)?(?:(?:late|early)\s+(?:on\s+)?)?$", re.I)
_NEXT_DAY = re.compile(r"\s*(?:(?:and|or)\s+(?:(?:late|early)\s+)?(?:on\s+)?|[-–—]\s*)", re.I)
# a day and the next joined by "into" or "to" ("Sunday night into Monday", "overnight Saturday to Sunday")
_RUNNING = re.compile(r"\s*(?:night\s+|evening\s+)?(?:into|to)\s+(?:the\s+)?(?:early\s+hours\s+of\s+)?(?:(?:late|early)\s+)?(?:on\s+)?",
                      re.I)
# a weekday alone ("on Friday", "last Tuesday") and the words between two that bound a range
_WEEKDAY_SPAN = re.compile(r"(?:(?:on|last|this|early\s+on|late\s+on)\s+)?" + _WEEKDAY + r"(?:\s+(?:night|morning|evening))?",
                           re.I)
_WEEKDAY_TO = re.compile(r"\s*(?:to|into|until|till|through|thru|and|[-–—])\s*(?:(?:late|early)\s+(?:on\s+)?)?", re.I)
_WEEKDAY_THROUGH = re.compile(r"\s*(?:until|till|through|thru)\s+(?:(?:late|early)\s+(?:on\s+)?)?", re.I)
_RANGE_TO = re.compile(r"\s*(?:and|to|into|until|till|through|[-–—])\s*(?:(?:late|early)\s+(?:on\s+)?)?$", re.I)
# "overnight into Wednesday", "overnight on June 11": the night that ends on that day, not the report's night
_NIGHT_INTO = re.compile(r"\s*(?:into|on|to)\s+(?:the\s+)?(?:early\s+hours\s+of\s+)?$", re.I)
_PAST_DAY = re.compile(r"(?:past|last)\s+(?:day|24\s+hours)$", re.I)
_APPOSED = re.compile(r"\s*[,(]\s*(?:on\s+)?")
_NIGHT_WORDS = frozenset(("overnight", "during the night", "in the night", "last night", "at night"))
# between a day and the night word after it: "On October 22, at night, ...", "on June 5 overnight"
_DAY_THEN_NIGHT = re.compile(r"\s*,?\s*")


def _joined_ranges(sentence: str, spans: list[DateSpan]) -> list[DateSpan]:
    """Two dates that open and close one range ("between A and B"), two days running ("on Saturday and
    Sunday", "Sunday night into Monday"), or a night and the day it ends on ("overnight into Tuesday"), as
    one span."""
    out: list[DateSpan] = []
    for k, d in enumerate(spans):
        prev = out[-1] if out else None
        if prev is not None and d.start == d.end and _PAST_DAY.search(prev.text) \
                and _APPOSED.fullmatch(sentence, prev.pos + len(prev.text), d.pos):
            # "over the past day, 24 February": the day the summary names
            out[-1] = DateSpan(d.start, d.end, d.precision, sentence[prev.pos:d.pos + len(d.text)], prev.pos)
            continue
        if prev is not None and prev.start == prev.end and not prev.speech and " ".join(d.text.lower().split()) in _NIGHT_WORDS \
                and _DAY_THEN_NIGHT.fullmatch(sentence, prev.pos + len(prev.text), d.pos):
            # "On October 22, at night, drones struck the city": the night that ends on the day named
            out[-1] = DateSpan(prev.start - ONE, prev.end, precision_for(prev.start - ONE, prev.end),
                               sentence[prev.pos:d.pos + len(d.text)], prev.pos)
            continue
        if prev is not None and d.start == d.end and " ".join(prev.text.lower().split()) in _NIGHT_WORDS:
            gap = sentence[prev.pos + len(prev.text):d.pos]
            nxt = spans[k + 1] if k + 1 < len(spans) else None
            running = nxt is not None and nxt.start == nxt.end == d.end + ONE \
                and _RUNNING.fullmatch(sentence, d.pos + len(d.text), nxt.pos)
            if _NIGHT_INTO.fullmatch(gap) or not gap.strip() and not running:
                # "overnight into Tuesday", "overnight on Tuesday", "overnight Tuesday": the night ending that
                # day; "overnight Saturday to Sunday" is the two days' range (below)
                out[-1] = DateSpan(d.start - ONE, d.end, precision_for(d.start - ONE, d.end),
                                   sentence[prev.pos:d.pos + len(d.text)], prev.pos)
                continue
            if running:
                out.pop()  # the night the two days name: not the report's night
                prev = None
        if prev is not None and prev.start == prev.end and d.start == d.end and prev.start > d.start \
                and (prev.start - d.start).days < 7 and _WEEKDAY_SPAN.fullmatch(prev.text) \
                and _WEEKDAY_SPAN.fullmatch(d.text) and _WEEKDAY_TO.fullmatch(sentence, prev.pos + len(prev.text), d.pos) \
                and (_RANGE_FROM.search(sentence, max(0, prev.pos - 12), prev.pos)
                     or _WEEKDAY_THROUGH.search(sentence, prev.pos + len(prev.text), d.pos)
                     or (prev.start - d.start).days == 6):
            # "from Friday to Sunday", "between Friday and Sunday" told on a Friday: the Friday before that Sunday,
            # not the report's day; so are two days running ("on Friday and Saturday nights", "Friday-Saturday")
            start = prev.start - _dt.timedelta(days=7)
            out[-1] = DateSpan(start, d.end, precision_for(start, d.end), sentence[prev.pos:d.pos + len(d.text)], prev.pos)
            continue
        if prev is not None and prev.precision == d.precision == "day" and prev.start < d.start \
                and _WEEKDAY_SPAN.fullmatch(prev.text) and _WEEKDAY_SPAN.fullmatch(d.text) \
                and _WEEKDAY_THROUGH.fullmatch(sentence, prev.pos + len(prev.text), d.pos):
            # "on Tuesday through Thursday", "Monday until Wednesday": one range without a "from"
            out[-1] = DateSpan(prev.start, d.end, precision_for(prev.start, d.end), sentence[prev.pos:d.pos + len(d.text)],
                               prev.pos)
            continue
        if prev is not None and prev.precision == d.precision == "day" and prev.start <= d.start \
                and (d.start - prev.end).days <= 62 and _RANGE_TO.fullmatch(sentence, prev.pos + len(prev.text), d.pos) \
                and _RANGE_FROM.search(sentence, max(0, prev.pos - 12), prev.pos) \
                or prev is not None and prev.start == prev.end and d.start == d.end == prev.end + ONE \
                and (_NEXT_DAY.fullmatch(sentence, prev.pos + len(prev.text), d.pos)
                     or _RUNNING.fullmatch(sentence, prev.pos + len(prev.text), d.pos)):
            # ... or two days running ("on Saturday and Sunday", "late Sunday into Monday"): one range
            out[-1] = DateSpan(prev.start, d.end, precision_for(prev.start, d.end), sentence[prev.pos:d.pos + len(d.text)],
                               prev.pos)
            continue
        out.append(d)
    return out


def told_on(said: DateSpan, told: DateSpan) -> bool:
    """The day a statement was made yields to the days its event is given ("said Thursday" ... "within two
    days"), when those are a week or less and reach no later than that day."""
    return said.speech and told.explicit and not told.speech and told.precision in ("day", "week") \
        and told.start <= said.end and (told.end - told.start).days <= 7


VAGUE_DAYS = 7


def vaguer(new: DateSpan, old: DateSpan) -> bool:
    """Whether a later telling's range (``new``: "in recent weeks", "in recent months", "since 2023") only blurs the
    day an event already has from its report (``old``, not stated in words): longer than a week and holding it."""
    return not old.explicit and old.start == old.end and new.explicit and not new.speech \
        and (new.end - new.start).days > VAGUE_DAYS and new.start <= old.start <= new.end


BACKGROUND_DAYS = 31  # a date more than a month before publication, or a range longer than a month, is no story's own


def background(span: DateSpan, published: Published) -> bool:
    """Whether a date told in the text is background to a news report ("earlier this year", "in March", "since 2023"),
    not the days of the story it reports: it ends more than a month before publication, or spans more than a month."""
    return span.explicit and published.precision == "day" \
        and ((published.end - span.end).days > BACKGROUND_DAYS or (span.end - span.start).days > BACKGROUND_DAYS)


def inherit(span: DateSpan) -> DateSpan:
    """A context date for a sentence that gives none: the same range, one step less precise (a night, two
    days, counts as its day)."""
    if span.precision == "day" or (span.end - span.start).days == 1:
        s = _week(span.start)[0]  # the week up to it
        return DateSpan(s, span.end, "week", span.text, -1, explicit=False)
    return DateSpan(span.start, span.end, span.precision, span.text, -1, explicit=False)


def publication_span(published: Published) -> DateSpan:
    """The fallback when nothing in the text dates an event: the month up to publication."""
    if published.precision == "day":
        return DateSpan(published.end - _dt.timedelta(days=30), published.end, "month", "", -1, explicit=False)
    return DateSpan(published.start, published.end, published.precision, "", -1, explicit=False)
