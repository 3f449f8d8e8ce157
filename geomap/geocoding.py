"""Mention → place: a point, how precise it is, where it came from, and what else it could have been.

Order of reasoning for one name:

1. Oblast phrases ("Kursk region", "Сумська область", "Sumshchyna") → the
   oblast's representative point, ``admin1`` precision.
2. District phrases ("Sudzha district", "Сумський район") → the district's
   administrative centre at ``admin2`` precision when the gazetteer knows it,
   else the oblast at ``admin1`` with a note saying so.
3. Settlements: exact match on the normalised name, else fuzzy (rapidfuzz,
   never for short names, flagged ``fuzzy``). Several places with the name
   are ranked by context (an oblast given by the caller or named in the same
   document), then region (Kursk and Sumy, then the neighbours), then
   population. A best match outside the context's oblast is not an answer:
   the result falls back to that oblast at ``admin1`` precision and lists the
   candidate among the alternatives (unless the oblast only comes from the
   document and the match is a town of 10,000+ named by its own name).
4. Nothing: ``unresolved`` with the nearest suggestions, never a guess.
"""
from __future__ import annotations

import functools
import itertools
import math
import re
from typing import Any, Iterable

from .errors import GazetteerError, InputError
from .gazetteer import Gazetteer, OblastInfo, Place, load_gazetteer, oblast_by_code, oblast_table
from . import morph
from .distance import km_between
from .hromadas import HROMADA_OBLAST, HROMADA_WORDS, hromada_index, hromada_stem, hromadas
from .names import normalise, normalise_ukrainian
from .regions import FOCUS_CODES

MAX_NAME_LENGTH = 200
MIN_FUZZY_LENGTH = 5  # keys shorter than this are never fuzzy-matched
FUZZY_CUTOFF = 85.0
CONTEXT_FUZZY_CUTOFF = 80.0  # inside the context's own oblast a slightly looser match is still safe
SUGGEST_CUTOFF = 60.0
MAX_ALTERNATIVES = 5
# A place this large, named exactly by its own name, stands even outside the oblasts a document
# names (a Kursk story that mentions Belgorod means Belgorod); smaller ones fall back to the oblast.
TOWN_POPULATION = 10_000
DIRECTION_TOWN_POPULATION = 3_000  # a front direction is named for a town at least this large
MEMO_SIZE = 100_000  # resolved keys kept per geocoder (a few MB at most)

# Spelling of the words around place names, after normalise() (so "район", "rayon" and "raion" are one).
_OBLAST_WORDS = ("oblast", "obl", "region", "province", "area", "regional")
_DISTRICT_WORDS = ("raion", "district", "rn", "municipal district", "okrug", "munitsipalni okrug")
_NEAR_WORDS = ("near", "outskirts of", "on the outskirts of", "the outskirts of", "around", "close to", "next to",
               "bilia", "poblizu", "okolo", "vozle", "pod", "nedaleko vid", "nedaleko ot", "outside",
               "just outside", "outside of", "pid", "nepodalik")
_SETTLEMENT_WORDS = ("the village of", "village of", "the town of", "town of", "the city of", "city of",
                     "the settlement of", "settlement of", "village", "town", "city", "settlement",
                     "selo", "s", "smt", "m", "pos", "poselok", "posiolok", "selishche", "misto", "gorod",
                     "khutor", "derevnia", "d")
_LEADING_WORDS = ("the", "russias", "ukraines", "in", "in the", "on the", "on", "na", "along the")
# Front sectors: "Kursk direction", "Sumy axis", "на Курском направлении", "на Сумському напрямку".
_DIRECTION_WORDS = frozenset({"direction", "axis", "front", "sector", "napravlenie", "napriamok", "napriam",
                              "operational direction"})
MAX_CASE_COMBOS = 2000  # nominative candidates tried for one declined phrase (a few words)
VOCABULARY_COMBOS = 1000  # above this many, a settlement phrase's readings are first checked word by word
# Last words of an area phrase (oblast, raion, hromada, front direction), after normalise().
_AREA_LAST_WORDS = frozenset({*_OBLAST_WORDS, *(w.split()[-1] for w in _DISTRICT_WORDS), *_DIRECTION_WORDS,
                              *HROMADA_WORDS})
# "-shchyna" names of the oblasts (the usual Ukrainian way to name a region), keyed by ISO code.
_SHCHYNA = {
    "RU-KRS": ("Kurshchyna", "Курщина"), "UA-59": ("Sumshchyna", "Сумщина"),
    "RU-BEL": ("Bilhorodshchyna", "Бєлгородщина", "Белгородчина"),
    "RU-BRY": ("Brianshchyna", "Брянщина"),
    "UA-63": ("Kharkivshchyna", "Харківщина"), "UA-74": ("Chernihivshchyna", "Чернігівщина"),
    "UA-53": ("Poltavshchyna", "Полтавщина"),
}
# Other short names in use (Ukrainian spellings of Russian oblasts, Russian spellings of Ukrainian ones).
_OTHER_SHORT = {
    "RU-BEL": ("Bilhorod", "Belgorod"), "RU-BRY": ("Briansk",), "UA-63": ("Kharkov",),
    "UA-74": ("Chernigov",), "UA-53": (), "RU-KRS": (), "UA-59": ("Sumi",),
}


_RESULT_FIELDS = ("query", "status", "place", "gazetteer_id", "lon", "lat", "admin1", "admin1_code", "country",
                  "geo_precision", "score", "fuzzy", "alternatives", "suggestions", "note", "match")


class GeocodeResult:
    """The answer for one name: a point with its precision and source, or ``unresolved`` with suggestions.

    Fields: query, status ("resolved" | "unresolved"), place, gazetteer_id, lon, lat, admin1,
    admin1_code, country, geo_precision, score, fuzzy, alternatives, suggestions, note, and
    ``match`` (the gazetteer Place, when a settlement was matched). A plain class, not a
    dataclass, so importing geocode stays fast.
    """

    __slots__ = _RESULT_FIELDS

    def __init__(self, query: str, status: str, place: str | None = None, gazetteer_id: str | None = None,
                 lon: float | None = None, lat: float | None = None, admin1: str | None = None,
                 admin1_code: str | None = None, country: str | None = None, geo_precision: str | None = None,
                 score: float = 0.0, fuzzy: bool = False, alternatives: list[dict[str, Any]] | None = None,
                 suggestions: list[dict[str, Any]] | None = None, note: str = "", match: Place | None = None):
        self.query, self.status, self.place, self.gazetteer_id = query, status, place, gazetteer_id
        self.lon, self.lat, self.admin1, self.admin1_code, self.country = lon, lat, admin1, admin1_code, country
        self.geo_precision, self.score, self.fuzzy = geo_precision, score, fuzzy
        self.alternatives = alternatives if alternatives is not None else []
        self.suggestions = suggestions if suggestions is not None else []
        self.note, self.match = note, match

    @property
    def resolved(self) -> bool:
        return self.status == "resolved"

    def __bool__(self) -> bool:
        return self.resolved

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, GeocodeResult):
            return NotImplemented
        return self.as_dict() == other.as_dict()

    def __repr__(self) -> str:
        return (f"GeocodeResult(query={self.query!r}, status={self.status!r}, place={self.place!r}, "
                f"gazetteer_id={self.gazetteer_id!r}, geo_precision={self.geo_precision!r}, score={self.score:.1f})")

    def for_query(self, query: str) -> GeocodeResult:
        """A copy answering ``query`` (another spelling with the same key); lists copied, not shared."""
        return GeocodeResult(query, self.status, self.place, self.gazetteer_id, self.lon, self.lat, self.admin1,
                             self.admin1_code, self.country, self.geo_precision, self.score, self.fuzzy,
                             [dict(a) for a in self.alternatives], [dict(a) for a in self.suggestions],
                             self.note, self.match)

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (the ``geomap geocode --json`` object)."""
        return {"query": self.query, "status": self.status, "place": self.place, "gazetteer_id": self.gazetteer_id,
                "lat": self.lat, "lon": self.lon, "admin1": self.admin1, "admin1_code": self.admin1_code,
                "country": self.country, "geo_precision": self.geo_precision, "score": round(self.score, 1),
                "fuzzy": self.fuzzy, "alternatives": self.alternatives, "suggestions": self.suggestions,
                "note": self.note}


def _candidate(p: Place, score: float) -> dict[str, Any]:
    return {"place": p.name, "gazetteer_id": p.gazetteer_id, "lat": p.lat, "lon": p.lon, "admin1": p.admin1,
            "admin1_code": p.admin1_code, "country": p.country,
            "geonames_admin1": f"{p.country}.{p.geonames_admin1}" if p.geonames_admin1 else None,
            "population": p.population, "score": round(score, 1)}


# --------------------------------------------------------------------------- phrases


@functools.lru_cache(maxsize=1)
def oblast_phrases() -> dict[str, OblastInfo]:
    """Every normalised phrase that names a whole oblast ("kursk region", "sumska oblast", "sumshchina")."""
    out: dict[str, OblastInfo] = {}
    for o in oblast_table():
        short = o.admin1.removesuffix(" Oblast")
        bases = {normalise(short), *(normalise(s) for s in _OTHER_SHORT.get(o.admin1_code, ()))}
        adjectives = set()
        for native in (o.name_uk, o.name_ru):
            if native:
                adjectives.add(normalise(native.split()[0]))
                out[normalise(native)] = o
        # English-style adjectives: Kurskaya, Sumskaya, Kurska, Sumska.
        adjectives |= {b + "skaia" for b in bases} | {b + "ska" for b in bases}
        adjectives |= {b[:-1] + "skaia" for b in bases if b.endswith(("i", "a"))}
        adjectives |= {b[:-1] + "ska" for b in bases if b.endswith(("i", "a"))}
        for word in _OBLAST_WORDS:
            for b in bases | adjectives:
                out[f"{b} {word}"] = o
                out[f"{word} {b}"] = o  # "oblast Kursk" is rare but harmless
            out[f"{word} of {normalise(short)}"] = o
        for s in _SHCHYNA.get(o.admin1_code, ()):
            out[normalise(s)] = o
        for code in (o.admin1_code,):
            out[normalise(code)] = o
    return out


@functools.lru_cache(maxsize=16)
def _prefixes(words: tuple[str, ...]) -> tuple[frozenset[str], tuple[str, ...]]:
    return frozenset(w.split()[0] for w in words), tuple(sorted(words, key=len, reverse=True))


def _strip_words(key: str, words: tuple[str, ...]) -> tuple[str, str | None]:
    """``key`` without one leading word-sequence from ``words`` (longest first), and the word removed."""
    first, ordered = _prefixes(words)
    if key.partition(" ")[0] not in first:
        return key, None
    for w in ordered:
        if key.startswith(w + " ") and len(key) > len(w) + 1:
            return key[len(w) + 1:], w
    return key, None


_DISTRICT_RE = re.compile(r"^(?P<stem>.+?) (?:%s)$" % "|".join(sorted(map(re.escape, _DISTRICT_WORDS),
                                                                    key=len, reverse=True)))
_DISTRICT_LAST_WORDS = frozenset(w.split()[-1] for w in _DISTRICT_WORDS)
_ADJ_ENDINGS = ("skogo", "skoi", "skii", "ski", "skaia", "ska", "skoe", "ske")
# an adjective of place in any gender or case ("kurskoie", "sumskomu", "kharkivskii")
_UK_H = re.compile(r"(?<![kzsc])h")  # an h that is not part of kh, zh, sh, ch
_ADJ_RE = re.compile(r"sk(?:ogo|omu|oi|ii|i|aia|a|oe|oie|e|ie|om|im|ikh|oiu|uiu)$")


_ID_RE = re.compile(r"^(?:geonames:\d+|user:\S+|project:\S+)$")
_CONTROL_RE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def _check_name(name: Any) -> str:
    if not isinstance(name, str):
        raise InputError(f"place name must be text, not {type(name).__name__}")
    if not name.strip():
        raise InputError("place name is empty")
    if len(name) > MAX_NAME_LENGTH:
        raise InputError(f"place name is {len(name)} characters long (at most {MAX_NAME_LENGTH}): "
                         f"{name[:40]!r}...")
    if _CONTROL_RE.search(name):
        bad = _CONTROL_RE.findall(name)
        raise InputError(f"place name {name[:60]!r} contains control characters ({', '.join(map(repr, bad[:3]))})")
    return name.strip()


# --------------------------------------------------------------------------- context


def context_oblasts(admin1: str | None = None, context: str | Iterable[str] | None = None) -> list[OblastInfo]:
    """The oblasts that frame a name: the caller's ``admin1`` first, then those named in ``context``.

    ``context`` is either the text of the document the name came from (scanned
    for oblast phrases) or an iterable of oblast names/codes.
    """
    out: list[OblastInfo] = []
    if admin1:
        ob = oblast_by_code(admin1) or oblast_phrases().get(normalise(admin1))
        if ob is None:
            names = ", ".join(o.admin1 for o in oblast_table())
            raise InputError(f"unknown oblast {admin1!r}; known: {names}")
        out.append(ob)
    if context is None:
        return out
    items = [context] if isinstance(context, str) else list(context)
    phrases = oblast_phrases()
    for item in items:
        if not item:
            continue
        ob = oblast_by_code(item)
        if ob is not None:
            if ob not in out:
                out.append(ob)
            continue
        found = _scan_oblasts(normalise(item), phrases)
        out.extend(o for o in found if o not in out)
    return out


def _scan_oblasts(text: str, phrases: dict[str, OblastInfo]) -> list[OblastInfo]:
    """Oblasts named in normalised text, in order of first mention."""
    words = text.split()
    hits: list[tuple[int, OblastInfo]] = []
    for n in (3, 2, 1):
        for i in range(len(words) - n + 1):
            ob = phrases.get(" ".join(words[i:i + n]))
            if ob is not None:
                hits.append((i, ob))
    seen: list[OblastInfo] = []
    for _, ob in sorted(hits, key=lambda h: h[0]):
        if ob not in seen:
            seen.append(ob)
    return seen


# --------------------------------------------------------------------------- resolution


class Geocoder:
    """Resolves names against one gazetteer; ``geocode()`` uses the default one."""

    def __init__(self, gazetteer: Gazetteer | None = None):
        self.gaz = gazetteer or load_gazetteer()
        self._memo: dict[tuple[str, ...], GeocodeResult] = {}
        self._home_stems: set[str] | None = None  # see _may_decline_home
        self._words: frozenset[str] | None = None  # see _vocabulary

    # ---- helpers
    def _candidates(self, key: str, ctx_codes: list[str] = (), *, allow_fuzzy: bool = True
                    ) -> tuple[list[tuple[Place, float]], bool, list[tuple[Place, float]]]:
        """Exact matches (score 100), or fuzzy ones inside Kursk and Sumy oblasts or the context's oblast;
        and the close spellings elsewhere, which are suggestions, never answers.

        A misspelling elsewhere is not an answer: a village the gazetteer lacks would
        otherwise become a look-alike town hundreds of kilometres away.
        """
        exact = self.gaz.lookup(key, normalised=True)
        if exact:
            return [(p, 100.0) for p in exact], False, []
        if not allow_fuzzy or len(key.replace(" ", "")) < MIN_FUZZY_LENGTH:
            return [], False, []
        home = (*FOCUS_CODES, *ctx_codes)
        hits = self.gaz.fuzzy(key, limit=4 * MAX_ALTERNATIVES, cutoff=FUZZY_CUTOFF, region_only=True,
                              normalised=True)
        found = [(p, s) for _, s, ps in hits for p in ps if p.admin1_code in home]
        if found:
            return _dedupe(found), True, []
        return [], False, [(p, s) for _, s, ps in hits for p in ps]

    def _suggestions(self, key: str) -> list[dict[str, Any]]:
        if len(key) < 3:
            return []
        out = []
        for _, score, places in self.gaz.fuzzy(key, limit=MAX_ALTERNATIVES, cutoff=SUGGEST_CUTOFF, normalised=True):
            out.extend(_candidate(p, score) for p in places)
        out.sort(key=lambda c: (-c["score"], c["admin1_code"] is None, -c["population"], c["gazetteer_id"]))
        return out[:MAX_ALTERNATIVES]

    def _oblast_result(self, query: str, ob: OblastInfo, note: str = "", **kw) -> GeocodeResult:
        # No gazetteer_id: the point is the oblast's representative point (Natural Earth), not a place.
        return GeocodeResult(query, "resolved", place=ob.admin1, gazetteer_id=None,
                             lon=ob.rep_lon, lat=ob.rep_lat, admin1=ob.admin1, admin1_code=ob.admin1_code,
                             country=ob.country, geo_precision="admin1", note=note, **kw)

    def _place_result(self, query: str, p: Place, score: float, fuzzy: bool, precision: str,
                      alternatives: list[dict[str, Any]], note: str = "",
                      place_name: str | None = None) -> GeocodeResult:
        if not p.in_region:
            extra = (f"outside the mapped oblasts (GeoNames admin1 {p.country}.{p.geonames_admin1})"
                     if p.geonames_admin1 else "outside the mapped oblasts")
            note = f"{note}; {extra}" if note else extra
        return GeocodeResult(query, "resolved", place=place_name or p.name, gazetteer_id=p.gazetteer_id, lon=p.lon,
                             lat=p.lat, admin1=p.admin1, admin1_code=p.admin1_code, country=p.country,
                             geo_precision=precision, score=score, fuzzy=fuzzy, alternatives=alternatives,
                             note=note, match=p)

    # ---- the public entry points
    def geocode(self, name: str, admin1: str | None = None,
                context: str | Iterable[str] | None = None) -> GeocodeResult:
        """Resolve one name; see the module docstring for the order of reasoning."""
        ctx = context_oblasts(admin1, context)
        ctx_codes = [ctx[0].admin1_code] if admin1 else [o.admin1_code for o in ctx]
        return self._geocode(name, ctx, ctx_codes, bool(admin1))

    def geocode_many(self, names: Iterable[str], admin1: str | None = None,
                     context: str | Iterable[str] | None = None) -> list[GeocodeResult]:
        """Resolve a batch of names sharing one admin1/context (the context is read once), in order."""
        ctx = context_oblasts(admin1, context)
        ctx_codes = [ctx[0].admin1_code] if admin1 else [o.admin1_code for o in ctx]
        return [self._geocode(n, ctx, ctx_codes, bool(admin1)) for n in names]

    def _geocode(self, name: str, ctx: list[OblastInfo], ctx_codes: list[str], strict: bool) -> GeocodeResult:
        """One name against a known context; spellings with the same key share one resolution (memo).

        ``strict``: the oblast was given by the caller, so nothing outside it is an answer; an
        oblast only named in the document still lets a town called by its own name stand.
        """
        query = _check_name(name)
        key = normalise(query)
        memo_key = (key, strict, *ctx_codes)
        done = self._memo.get(memo_key)
        if done is None:
            done = self._resolve(query, key, ctx, ctx_codes, strict)
            if len(self._memo) >= MEMO_SIZE:
                self._memo.clear()
            self._memo[memo_key] = done
        return done.for_query(query)

    def _resolve(self, query: str, key: str, ctx: list[OblastInfo], ctx_codes: list[str],
                 strict: bool = True) -> GeocodeResult:
        key, _ = _strip_words(key, _LEADING_WORDS)
        if not key:
            raise InputError(f"place name {query!r} has no letters or digits")

        # 1. a whole oblast
        ob = oblast_phrases().get(key)
        if ob is not None:
            return self._oblast_result(query, ob, score=100.0)

        # 2. a district, hromada or front direction (unless the whole phrase is a gazetteer name,
        #    like "Zarichnyi District" in Sumy city)
        exact = self.gaz.lookup(key, normalised=True)
        if not exact:
            res = self._area(query, key, ctx, ctx_codes)
            if res is not None:
                return res

        # 3. a settlement, perhaps "near" it ("Khutor Morgulevka" is a name: strip words only when needed)
        precision = "settlement"
        allow_fuzzy = True
        if not exact:
            stripped, near = _strip_words(key, _NEAR_WORDS)
            if near:
                precision, key = "near_settlement", stripped
                exact = self.gaz.lookup(key, normalised=True)
            if not exact:
                key, _ = _strip_words(key, _SETTLEMENT_WORDS)
                exact = self.gaz.lookup(key, normalised=True) or None
        if exact and morph.has_cyrillic(query) and \
                not any(p.admin1_code in FOCUS_CODES or p.admin1_code in ctx_codes for p in exact) and \
                (ctx_codes or self._may_decline_home(query)):
            # "Курске" is also the key of Курське (a village in Crimea): a case form of a place in
            # Kursk or Sumy oblast (or the context's) comes before a namesake far away
            res = self._case_form(query, ctx, ctx_codes, strict)
            if res is not None and res.resolved and (res.admin1_code in FOCUS_CODES or
                                                     res.admin1_code in ctx_codes):
                return res
        if not exact:
            if morph.has_cyrillic(query):
                # 4. a Russian or Ukrainian case form ("в Хомутовке", "під Недригайловом")
                res = self._case_form(query, ctx, ctx_codes, strict)
                if res is not None:
                    return res
                phrase = morph.read_phrase(query)
                # a case form is never fuzzy-matched to another name: "Курска" is not "Курская"
                allow_fuzzy = not (phrase.preposition or any(morph.is_inflected(w) for w in phrase.words))
        return self._settlement(query, key, precision, ctx, ctx_codes, exact, strict, allow_fuzzy)

    def _area(self, query: str, key: str, ctx: list[OblastInfo], ctx_codes: list[str]) -> GeocodeResult | None:
        """A district, hromada or front-direction phrase (normalised, nominative), else None."""
        last = key.rpartition(" ")[2]
        if last in _DISTRICT_LAST_WORDS:
            m = _DISTRICT_RE.match(key)
            if m:
                return self._district(query, m.group("stem"), ctx, ctx_codes)
        if last in _DIRECTION_WORDS and " " in key:
            return self._direction(query, key.rpartition(" ")[0], ctx_codes)
        stem = hromada_stem(key)
        if stem is not None:
            return self._hromada(query, stem, ctx)
        return None

    def _direction(self, query: str, stem: str, ctx_codes: list[str]) -> GeocodeResult:
        """A sector of the front named for a town or oblast: the oblast, never a dot on the town.

        The name must be a town of the mapped oblasts ("Kursk direction") or an oblast's
        adjective ("на Сумському напрямку"); a look-alike prefix is not enough, since
        "Pokrovsk direction" is in Donetsk oblast, not at Pokrovka in Sumy oblast.
        """
        stem, _ = _strip_words(stem, _LEADING_WORDS)
        phrases = oblast_phrases()
        ob, named = phrases.get(stem), None
        if ob is None:
            # front sectors are named for towns: a village of the same name is not what is meant
            places = [p for p in self.gaz.lookup(stem, normalised=True)
                      if p.population >= DIRECTION_TOWN_POPULATION or not p.in_region]
            if places:
                named = rank_places([(p, 100.0) for p in places], ctx_codes, stem)[0][0]
                ob = oblast_by_code(named.admin1_code) if named.in_region else None
            else:
                m = _ADJ_RE.search(stem)
                if m and m.start() > 2:
                    root = stem[: m.start()]
                    ob = phrases.get(f"{root}ska oblast") or phrases.get(f"{root}skaia oblast")
        if ob is None:
            where = f" ({named.label})" if named is not None else ""
            return GeocodeResult(query, "unresolved", suggestions=self._suggestions(stem),
                                 note=f"front direction {stem!r}{where} is not named for a place in the "
                                      "mapped oblasts")
        what = named.name if named is not None else ob.admin1
        return self._oblast_result(query, ob, score=100.0,
                                   note=f"front direction named for {what}: a sector of the front, "
                                        f"placed at oblast level ({ob.admin1})")

    def _hromada(self, query: str, stem: str, ctx: list[OblastInfo]) -> GeocodeResult:
        """A Sumy oblast hromada at its administrative centre (``hromada`` precision), found in the gazetteer."""

        sumy = oblast_by_code(HROMADA_OBLAST)
        stem, _ = _strip_words(stem, _LEADING_WORDS)
        found = hromada_index().get(stem, ())
        if not found:
            if ctx and ctx[0].admin1_code != HROMADA_OBLAST:
                ob = ctx[0]
                return self._oblast_result(query, ob, note=f"hromada {stem!r} is not a Sumy oblast hromada; "
                                                           f"placed at oblast level ({ob.admin1})")
            return GeocodeResult(query, "unresolved", note=f"hromada {stem!r} is not one of Sumy oblast's "
                                                           "hromadas (КАТОТТГ)")
        if len(found) > 1:
            codes = ", ".join(h.katotth for h in found)
            return self._oblast_result(query, sumy, note=f"{len(found)} hromadas are called {found[0].name_uk} "
                                                         f"({codes}); placed at oblast level")
        h = found[0]
        centres = _dedupe([(p, 100.0) for k in h.centre_keys() for p in self.gaz.lookup(k, normalised=True)
                           if p.admin1_code == HROMADA_OBLAST])
        if len(centres) > 1:
            centres = self._in_raion(h, centres)
        if len(centres) != 1:
            why = "is not in the gazetteer" if not centres else f"names {len(centres)} places in Sumy oblast"
            return self._oblast_result(query, sumy, note=f"{h.label} ({h.katotth}): its centre {h.centre_uk} "
                                                         f"{why}; placed at oblast level")
        p = centres[0][0]
        return self._place_result(query, p, 100.0, False, "hromada", [],
                                  note=f"hromada centre {p.name} ({p.gazetteer_id}); КАТОТТГ {h.katotth}",
                                  place_name=h.label)

    def _in_raion(self, h, centres: list[tuple[Place, float]]) -> list[tuple[Place, float]]:
        """Of the places a hromada's centre name fits ("Попівка": two in Sumy oblast), the one among its raion's
        hromadas: nearest the mean of the raion's other centres (those one place fits) and at least four times
        nearer than any other; else all of them (the oblast, as before)."""
        lats, lons = [], []
        for o in hromadas():
            if o.raion_uk != h.raion_uk or o is h:
                continue
            own = _dedupe([(p, 100.0) for k in o.centre_keys() for p in self.gaz.lookup(k, normalised=True)
                           if p.admin1_code == HROMADA_OBLAST])
            if len(own) == 1:
                lats.append(own[0][0].lat)
                lons.append(own[0][0].lon)
        if len(lats) < 3:
            return centres
        lat, lon = sum(lats) / len(lats), sum(lons) / len(lons)
        ranked = sorted(centres, key=lambda c: km_between(c[0].lat, c[0].lon, lat, lon))
        near, far = (km_between(c[0].lat, c[0].lon, lat, lon) for c in ranked[:2])
        return ranked[:1] if far >= 4 * near else centres

    def _case_form(self, query: str, ctx: list[OblastInfo], ctx_codes: list[str],
                   strict: bool) -> GeocodeResult | None:
        """A declined Russian or Ukrainian mention read back to a real name, or None.

        Each word's nominative candidates (``geomap.morph``) are combined; a combination
        counts only when it is an oblast, district, hromada or direction phrase, or a
        gazetteer name. A guessed form (from the ending rule) may land only in Kursk or
        Sumy oblast or the context's oblast; a form the dictionary knows, anywhere in
        the mapped oblasts, or beyond them if the dictionary calls it a place name.
        """
        phrase = morph.read_phrase(query)
        if not phrase.words or len(phrase.words) > 4:
            return None
        per_word = [morph.nominatives(w) for w in phrase.words]
        if math.prod(len(ws) for ws in per_word) > VOCABULARY_COMBOS and \
                not any(k.rpartition(" ")[2] in _AREA_LAST_WORDS for w in per_word[-1] for k in w.keys):
            # a settlement's name: each word must be a word of some gazetteer name, which
            # cuts the combinations of two or three words' readings from hundreds to a few
            vocabulary = self._vocabulary()
            per_word = [[w for w in ws if any(k in vocabulary for k in w.keys)] or ws[:1] for ws in per_word]
        home = set(FOCUS_CODES) | set(ctx_codes)
        # tier → key → (places, read as a place name by the dictionary)
        tiers: dict[int, dict[str, tuple[list[Place], bool]]] = {}
        area: GeocodeResult | None = None  # an area phrase that came back only at oblast level, or not at all
        for combo in itertools.islice(itertools.product(*per_word), MAX_CASE_COMBOS):
            known = all(w.known or w.text == orig for w, orig in zip(combo, phrase.words))
            geox = known and any(w.geox for w in combo)
            for keys in itertools.product(*(w.keys for w in combo)):
                key = " ".join(keys)
                res = self._phrase_as_area(query, key, ctx, ctx_codes)
                if res is not None:
                    # a reading of the words as an oblast, raion, hromada or direction; another
                    # reading ("Суджанском" as "суджанский", not as itself) may find more
                    if res.resolved and (res.geo_precision != "admin1" or res.score == 100.0):
                        return res
                    if area is None or (res.resolved and not area.resolved):
                        area = res
                for p in self.gaz.lookup(key, normalised=True):
                    tier = 0 if p.admin1_code in home else 1 if (known and p.in_region) else 2 if geox else None
                    if tier is None:
                        continue
                    places, was_geox = tiers.setdefault(tier, {}).get(key, ([], False))
                    if p not in places:
                        places.append(p)
                    tiers[tier][key] = (places, was_geox or geox)
        if not tiers:
            return area
        readings = tiers[min(tiers)]
        if len(readings) > 1 and any(g for _, g in readings.values()):
            # "Курском": the dictionary reads Курск as a place name, and "курское" only as an adjective
            readings = {k: v for k, v in readings.items() if v[1]}
        names = _distinct_readings(readings)
        precision = "near_settlement" if phrase.near else "settlement"
        if len(names) > 1:
            # "зарічного" is the genitive of both Зарічне and Зарічний: a guess, so no dot
            places = [p for k in names for p in readings[k][0]]
            cands = [_candidate(p, 100.0) for p in places[:MAX_ALTERNATIVES]]
            codes = {p.admin1_code for p in places}
            note = (f"the form fits {len(names)} different names ({', '.join(p.label for p in places[:4])}); "
                    "nothing tells which is meant")
            if len(codes) == 1 and places[0].in_region:
                return self._oblast_result(query, oblast_by_code(places[0].admin1_code), alternatives=cands,
                                           note=note + "; placed at oblast level")
            return GeocodeResult(query, "unresolved", suggestions=cands, note=note)
        key = names[0]
        places = [p for k, (ps, _) in readings.items() for p in ps if p not in readings[key][0]] \
            + readings[key][0]
        return self._settlement(query, key, precision, ctx, ctx_codes, _unique(places), strict, allow_fuzzy=False)

    def _vocabulary(self) -> frozenset[str]:
        """Every word of every gazetteer name (built once, when a declined phrase of several words comes)."""
        if self._words is None:
            self._words = frozenset(w for k in self.gaz._by_key for w in k.split())
        return self._words

    def _may_decline_home(self, query: str) -> bool:
        """Cheap test before the analyser: could the mention's first word be a case form of a name in
        Kursk or Sumy oblast? (Its romanised form shares a stem with one of theirs.)"""

        if self._home_stems is None:
            stems = set()
            for p in self.gaz.places:
                if p.admin1_code in FOCUS_CODES:
                    for k in p.keys:
                        w = k.partition(" ")[0]
                        stems.add(w[: max(3, len(w) - 3)])
            self._home_stems = stems
        words = morph.read_phrase(query).words
        if not words:
            return False
        stems = self._home_stems
        for k in {normalise(words[0]).partition(" ")[0], normalise_ukrainian(words[0]).partition(" ")[0]}:
            if any(k[:n] in stems for n in range(max(3, len(k) - 6), len(k) + 1)):
                return True
        return False

    def _phrase_as_area(self, query: str, key: str, ctx: list[OblastInfo],
                        ctx_codes: list[str]) -> GeocodeResult | None:
        key, _ = _strip_words(key, _LEADING_WORDS)
        ob = oblast_phrases().get(key)
        if ob is not None:
            return self._oblast_result(query, ob, score=100.0)
        if " " not in key:
            return None
        return self._area(query, key, ctx, ctx_codes)

    def _settlement(self, query: str, key: str, precision: str, ctx: list[OblastInfo],
                    ctx_codes: list[str], exact: list[Place] | None = None,
                    strict: bool = True, allow_fuzzy: bool = True) -> GeocodeResult:
        if not exact and _ID_RE.match(query.strip()):  # a gazetteer id, not a name: found or not, never fuzzy
            p = self.gaz.get(query.strip())
            if p is not None:
                return self._place_result(query, p, 100.0, False, precision, [])
            return GeocodeResult(query, "unresolved", note=f"no place with id {query.strip()!r} in the gazetteer")
        cands, fuzzy, far = ([(p, 100.0) for p in exact], False, []) if exact else \
            self._candidates(key, ctx_codes, allow_fuzzy=allow_fuzzy)
        if cands and allow_fuzzy and ctx_codes and not any(p.admin1_code in ctx_codes for p, _ in cands):
            # Nothing of that name in the context's oblast: a close spelling there beats a namesake elsewhere.
            near_hits = [(p, s) for _, s, ps in self.gaz.fuzzy(key, limit=MAX_ALTERNATIVES,
                                                                 cutoff=CONTEXT_FUZZY_CUTOFF, region_only=True,
                                                                 normalised=True)
                         for p in ps if p.admin1_code in ctx_codes] if len(key) >= MIN_FUZZY_LENGTH else []
            if near_hits:
                cands, fuzzy = _dedupe(near_hits + cands), True
        if not cands:
            if allow_fuzzy and ctx_codes and len(key) >= MIN_FUZZY_LENGTH:
                near_hits = [(p, s) for _, s, ps in self.gaz.fuzzy(key, limit=MAX_ALTERNATIVES,
                                                                     cutoff=CONTEXT_FUZZY_CUTOFF,
                                                                     region_only=True, normalised=True)
                             for p in ps if p.admin1_code in ctx_codes]
                if near_hits:
                    cands, fuzzy = _dedupe(near_hits), True
        if not cands:
            suggestions = sorted((_candidate(p, s) for p, s in _dedupe(far)),
                                 key=lambda c: (-c["score"], -c["population"], c["gazetteer_id"])
                                 )[:MAX_ALTERNATIVES] if far else self._suggestions(key)
            note = "not in the gazetteer; add it with `geomap gazetteer import`"
            if far:
                note = ("no place of this name in Kursk or Sumy oblast or the given one; close spellings "
                        "elsewhere are suggestions, not answers; " + note)
            return GeocodeResult(query, "unresolved", suggestions=suggestions, note=note)
        cands = rank_places(cands, ctx_codes, key)
        best, score = cands[0]
        alternatives = [_candidate(p, s) for p, s in cands[1:MAX_ALTERNATIVES + 1]]
        tied = tied_places(cands, ctx_codes, key)
        if len(tied) > 1 and (not ctx_codes or best.admin1_code in ctx_codes):
            # Two places nothing tells apart (same oblast rank, name, population): a guess, so no dot on either.
            all_cands = [_candidate(p, s) for p, s in cands[:MAX_ALTERNATIVES]]
            same = {p.admin1_code for p in tied}
            if len(same) == 1 and best.in_region:
                ob = oblast_by_code(best.admin1_code)
                return self._oblast_result(query, ob, score=score, fuzzy=fuzzy, alternatives=all_cands,
                                           note=f"{len(tied)} places in {ob.admin1} match and nothing tells them "
                                                "apart; placed at oblast level")
            return GeocodeResult(query, "unresolved", suggestions=all_cands,
                                 note=f"ambiguous: {len(tied)} places match equally "
                                      f"({', '.join(p.label for p in tied)}); "
                                      "give --admin1 or context")
        own_town = (not fuzzy and best.key == key and best.population >= TOWN_POPULATION and best.in_region)
        if ctx_codes and best.admin1_code not in ctx_codes and (strict or not own_town):
            ob = ctx[0]
            return self._oblast_result(
                query, ob, score=score, fuzzy=fuzzy,
                alternatives=[_candidate(p, s) for p, s in cands[:MAX_ALTERNATIVES]],
                note=f"no place of this name in {', '.join(o.admin1 for o in ctx if o.admin1_code in ctx_codes)}; "
                     f"the best match, {best.label}, lies in another oblast, so placed at oblast level")
        note = ""
        others = {p.gazetteer_id for p, _ in cands[1:]}
        if others:
            why = "context" if ctx_codes and best.admin1_code in ctx_codes else "region and population"
            note = f"{len(others) + 1} places match; chose by {why}"
        if fuzzy:
            note = f"fuzzy match ({score:.0f}) for {best.name}" + (f"; {note}" if note else "")
        return self._place_result(query, best, score, fuzzy, precision, alternatives, note)

    def _district(self, query: str, stem: str, ctx: list[OblastInfo], ctx_codes: list[str]) -> GeocodeResult:
        stem, _ = _strip_words(stem, _LEADING_WORDS)
        centre = self._district_centre(stem, ctx_codes)
        if centre is not None:
            p, how = centre
            return self._place_result(query, p, 100.0, False, "admin2", [],
                                      note=f"district centre {p.name} ({p.gazetteer_id}); {how}",
                                      place_name=f"{p.name} raion")
        if ctx:
            ob = ctx[0]
            return self._oblast_result(query, ob, note=f"district {stem!r} is not in the gazetteer; "
                                                       f"placed at oblast level ({ob.admin1})")
        return GeocodeResult(query, "unresolved", suggestions=self._suggestions(stem),
                             note=f"district {stem!r} is not in the gazetteer and no oblast is known")

    def _district_centre(self, stem: str, ctx_codes: list[str]) -> tuple[Place, str] | None:
        """The settlement a district is named for: the name itself, or its adjective's stem (Sudzhanskiy → Sudzha)."""
        def pick(places: list[Place]) -> Place | None:
            places = [p for p in places if p.in_region and (not ctx_codes or p.admin1_code in ctx_codes)]
            if not places:
                return None
            places.sort(key=lambda p: (p.feature_code != "PPLA2", p.rank, -p.population, p.gazetteer_id))
            return places[0]

        p = pick(self.gaz.lookup(stem, normalised=True))
        if p is not None:
            return p, _centre_how(p)
        for ending in _ADJ_ENDINGS:
            if stem.endswith(ending) and len(stem) > len(ending) + 2:
                root = stem[: -len(ending)]
                break
        else:
            return None
        # the adjective's root: "sudzhan" → sudzha, "glushkov" → glushkovo, "krasnopil" → krasnopillia;
        # a Ukrainian adjective of a Russian -ово name turns о into і and г into h ("hlushkiv" → glushkovo)
        best = None
        roots = [root]
        if root.endswith("iv"):
            roots.append(root[:-2] + "ov")
        roots += [_UK_H.sub("g", r) for r in roots if _UK_H.search(r)]  # Ukrainian г is h, Russian g
        for root in roots:
            for cut in range(0, 3):
                r = root[: len(root) - cut] if cut else root
                if len(r) < 3:
                    break
                found = [pl for k in self.gaz.fuzzy_keys(region_only=True) if k.startswith(r) and
                         len(k) - len(r) <= 3 for pl in self.gaz.lookup(k, normalised=True)]
                best = pick(found)
                if best is not None:
                    return best, _centre_how(best)
        # a compound adjective of a two-word name: "bolshesoldatsk" → Bolshoye Soldatskoye, "velykopysariv" →
        # Velyka Pysarivka (the first word's head, then the second word's start further on)
        for root in roots:
            found = [pl for k in self.gaz.fuzzy_keys(region_only=True) if k.count(" ") == 1
                     and root.startswith(k[:4]) and k.split(" ")[1][:5] in root[4:]
                     for pl in self.gaz.lookup(k, normalised=True)]
            best = pick(found)
            if best is not None:
                return best, _centre_how(best)
        return None

    def reverse(self, lon: float, lat: float):
        return reverse_geocode(lon, lat)


def _centre_how(p: Place) -> str:
    if p.feature_code == "PPLA2":
        return "GeoNames marks it the district's seat (PPLA2)"
    return "the district is named for it"


def place_rank(p: Place, score: float, ctx_codes: list[str] | tuple[str, ...], key: str | None) -> tuple:
    """The one ranking of places that bear a name (the geocoder's and extraction's).

    The context's oblasts in their order (the caller's ``--admin1``, or the sentence's and then
    the document's), then region (Kursk and Sumy, neighbours, the rest), then match score, then
    the place's own name over an alternate one, then population; the id only makes it deterministic.
    """
    in_ctx = ctx_codes.index(p.admin1_code) if p.admin1_code in ctx_codes else len(ctx_codes)
    own = 0 if p.key == key else 1
    return (in_ctx, p.rank, -round(score), own, -p.population, p.gazetteer_id)


def rank_places(cands: list[tuple[Place, float]], ctx_codes: list[str] | tuple[str, ...] = (),
                key: str | None = None) -> list[tuple[Place, float]]:
    """(place, score) pairs best first by :func:`place_rank`."""
    if len(cands) < 2:
        return list(cands)
    ctx_codes = list(ctx_codes)
    return [(p, s) for _, p, s in sorted((place_rank(p, s, ctx_codes, key), p, s) for p, s in cands)]


def tied_places(ranked: list[tuple[Place, float]], ctx_codes: list[str] | tuple[str, ...] = (),
                key: str | None = None) -> list[Place]:
    """The places of a ranked list that nothing but their id tells apart from the first (a guess if > 1)."""
    if len(ranked) < 2:
        return [p for p, _ in ranked]
    ctx_codes = list(ctx_codes)
    first = place_rank(*ranked[0], ctx_codes, key)[:-1]
    return [p for p, s in ranked if place_rank(p, s, ctx_codes, key)[:-1] == first]


def _distinct_readings(readings: dict[str, tuple[list[Place], bool]]) -> list[str]:
    """The keys of readings that name different places (two spellings of one place are one reading)."""
    out: list[str] = []
    seen: list[set[str]] = []
    for key, (places, _) in readings.items():
        ids = {p.gazetteer_id for p in places}
        if not any(ids & s for s in seen):
            out.append(key)
            seen.append(ids)
    return out


def _unique(places: list[Place]) -> list[Place]:
    return list({p.gazetteer_id: p for p in places}.values())


def _dedupe(pairs: list[tuple[Place, float]]) -> list[tuple[Place, float]]:
    best: dict[str, tuple[Place, float]] = {}
    for p, s in pairs:
        if p.gazetteer_id not in best or best[p.gazetteer_id][1] < s:
            best[p.gazetteer_id] = (p, s)
    return list(best.values())


@functools.lru_cache(maxsize=4)
def _geocoder(gaz_id: int) -> Geocoder:
    return Geocoder(load_gazetteer())


def default_geocoder() -> Geocoder:
    """The geocoder over the current default gazetteer."""
    gaz = load_gazetteer()
    return _geocoder(id(gaz))


def geocode(name: str, admin1: str | None = None, context: str | Iterable[str] | None = None) -> GeocodeResult:
    """Resolve ``name`` to a place, with precision, source id, score and alternatives.

    ``admin1`` (oblast name or ISO code) is a hard constraint; ``context`` is the
    text of the document the name came from, or oblast names found in it.
    Raises :class:`InputError` for empty, overlong or control-character names.
    """
    return default_geocoder().geocode(name, admin1=admin1, context=context)


def geocode_many(names: Iterable[str], admin1: str | None = None,
                 context: str | Iterable[str] | None = None) -> list[GeocodeResult]:
    """:func:`geocode` for a batch of names sharing one ``admin1``/``context``, in order."""
    return default_geocoder().geocode_many(names, admin1=admin1, context=context)


def reverse_geocode(lon: float, lat: float):
    """The oblast (``geomap.regions.Oblast``) containing the point, or None (spatial index, not a loop)."""
    from .regions import load_regions

    try:
        lon, lat = float(lon), float(lat)
    except (TypeError, ValueError):
        raise InputError(f"coordinates {lon!r}, {lat!r} are not numbers") from None
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise InputError(f"coordinates [{lon}, {lat}] are out of range")
    return load_regions().admin1_at(lon, lat)


def resolver(name: str, admin1_code: str | None = None) -> GeocodeResult | None:
    """The ``place.record_to_feature`` resolver: a resolved result, or None when the name is unknown."""
    try:
        res = geocode(name, admin1=admin1_code)
    except (InputError, GazetteerError):
        return None
    return res if res.resolved else None


def curated_resolver(name: str, admin1_code: str | None = None) -> GeocodeResult:
    """The resolver ``geomap build`` uses for curated records: exact names only, else a located InputError.

    Curated data is checked by a person, so a fuzzy guess is refused with the
    suggestion instead of being placed silently.
    """
    try:
        res = geocode(name, admin1=admin1_code)
    except GazetteerError as exc:
        raise InputError(str(exc)) from None
    if not res.resolved:
        hint = ", ".join(f"{s['place']} ({s['gazetteer_id']})" for s in res.suggestions[:3])
        raise InputError(f"place {name!r} is not in the gazetteer" + (f" (nearest: {hint})" if hint else "")
                         + "; add it with `geomap gazetteer import` or give lon/lat")
    if res.fuzzy:
        raise InputError(f"place {name!r} is not an exact gazetteer name; did you mean {res.place} "
                         f"({res.gazetteer_id or res.admin1})? Write that name or its id")
    return res
