"""Public entry points: ``extract`` (one document) and ``extract_paths`` (files and directories).

Candidates become canonical Features (``geomap.schema.make_feature``) with
``origin: extracted``, one source entry per supporting sentence and the
extraction provenance; the same event from several documents is merged into
one Feature with several sources.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from ..errors import InputError
from ..gcpause import paused_gc
from ..schema import CLAIM_RANK, canonical_source, make_feature, make_id
from ..documents import TEXT_SUFFIXES, Document, open_document, text_document
from ..sources.registry import DOCUMENT_SUFFIXES, open_documents
from .summarise import write_summary

if TYPE_CHECKING:
    from .pipeline import Candidate, DocumentExtractor, Unresolved
# the rules (``pipeline`` and the modules it imports, ~0.25 CPU s of compiling patterns) are imported where
# documents are read: a process that only merges and writes, the command's own with ``--dask``, never needs
# them, and reaches the cluster that much sooner (``parallel._take_state`` loads them before workers fork)



@dataclass
class DocumentReport:
    """What happened to one document: events found, places not resolved, or why it failed."""

    document: str
    events: int = 0
    sentences: int = 0
    chars: int = 0
    unresolved: Iterable[Unresolved] = field(default_factory=list)  # the extractor's UnresolvedLog
    error: str | None = None
    language: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error is None


class ExtractResult:
    """Events from every document (merged across documents) and one report per document.

    ``events`` is a list; ``stream()`` gives the same events one at a time, read from disk when the run
    spooled them (``extract_paths``), so writing them out holds no list of all of them."""

    def __init__(self, events, reports: list[DocumentReport]) -> None:
        self._events = events
        self.reports = reports

    @property
    def events(self) -> list[dict[str, Any]]:
        if not isinstance(self._events, list):
            self._events = list(self._events)
        return self._events

    def stream(self) -> Iterable[dict[str, Any]]:
        return self._events

    @property
    def count(self) -> int:
        return len(self._events)

    def type_counts(self) -> dict[str, int]:
        """Events by type."""
        if hasattr(self._events, "type_counts"):
            return self._events.type_counts()
        from collections import Counter

        return Counter(f["properties"]["event_type"] for f in self._events)

    @property
    def failed(self) -> list[DocumentReport]:
        return [r for r in self.reports if not r.ok]


class _Oblasts:
    """Oblast names, codes and representative points by ISO code, from the boundaries' properties.

    Events need no geometry, so extraction skips loading shapely and the polygons
    (a fixed 0.3 s per run); any other name falls back to the full regions.
    """

    def __init__(self) -> None:
        from ..gazetteer import oblast_table

        self._by_code = {o.admin1_code: o for o in oblast_table()}

    def get(self, name_or_code: str | None):
        ob = self._by_code.get(name_or_code)
        if ob is None and name_or_code:
            from ..regions import load_regions

            return load_regions().get(name_or_code)
        return ob


def _regions():
    return _Oblasts()


def _places(places):
    if places is not None:
        return places
    from .places import default_places

    return default_places()


def _candidate_to_feature(c: Candidate, doc: Document, regions) -> dict[str, Any]:
    return _build(_candidate_props(c, doc, regions))


def _build(pending: tuple[dict[str, Any], dict[str, Any], float, float, list | None]) -> dict[str, Any]:
    """The Feature of a candidate's properties: its id and summary written, canonical order."""
    props, extra, lon, lat, id_sources = pending
    # the id is a hash, so it is made only for the candidates that become events
    props["id"] = make_id(props if id_sources is None else {**props, "sources": id_sources})
    props["summary"] = write_summary(props, extra)
    # the sources are canonical already (_candidate_props makes them so, a test holds it): kept out of
    # make_feature, which would copy each one again (most of its time for an event told by many sentences)
    sources = props["sources"]
    props["sources"] = None
    feature = make_feature(props, lon, lat)
    props["sources"] = sources
    feature["properties"]["sources"] = list(sources)
    return feature


def _document_source(doc: Document) -> tuple[dict[str, Any], dict[str, Any]]:
    """The source fields every candidate of a document shares (url, outlet, published), raw and canonical."""
    # a plain text file names no outlet: the document itself is the source
    outlet = doc.outlet or (None if doc.url else f"{Path(doc.name).name} (local document)")
    head = {"url": doc.url, "outlet": outlet, "published": doc.published.text}
    return head, canonical_source({**head, "claimed_by": None, "quote": None})


def _candidate_props(c: Candidate, doc: Document, regions, source: tuple[dict, dict] | None = None
                     ) -> tuple[dict[str, Any], dict[str, Any], float, float, list | None]:
    """A candidate's raw properties (no id or summary yet), what the summary needs, its point, and
    the sources its id is made from when they are not its own (a document with neither url nor outlet).

    Cheap enough to make for every candidate; the Feature is built (``_build``) only
    for those that no event of an earlier document absorbs. ``source`` is ``_document_source(doc)``,
    made once per document.
    """
    from .pipeline import METHOD

    ob = regions.get(c.admin1_code)
    loc = c.located
    extra: dict[str, Any] = {"targets": c.targets, "outcome": c.outcome, "observed_from": c.observed_from,
                             "claimed_by": c.claimed_by, "unresolved_place": c.unresolved_place,
                             "place_from_context": c.place_from_context}
    if loc is not None and loc.geo_precision != "admin1":
        place, gid, gp, lon, lat = loc.place, loc.gazetteer_id, loc.geo_precision, loc.lon, loc.lat
        mention = loc.mention.name
    else:
        place, gid, gp = None, None, "admin1"
        lon, lat = ob.rep_lon, ob.rep_lat
        mention = c.unresolved_place or (loc.mention.name if loc is not None else None)
    # canonical already (as make_feature would make them), so an absorbed candidate's sources fold as they are;
    # the document's fields are cleaned once, the text ones as canonical_source would (strip, empty -> None)
    head, base = source or _document_source(doc)
    sources = [{**base, "claimed_by": (who.strip() or None) if who else None, "quote": q[2].strip() or None}
               if (who is None or who.__class__ is str) and q[2].__class__ is str
               else canonical_source({**head, "claimed_by": who, "quote": q[2]})
               for q, who in zip(c.quotes, c.claimed_by)]
    props: dict[str, Any] = {
        "event_type": c.event_type, "sub_type": c.sub_type,
        "date_start": c.date.start.isoformat(), "date_end": c.date.end.isoformat(),
        "time_precision": c.date.precision, "place": place, "place_mention": mention, "gazetteer_id": gid,
        "admin1": ob.admin1, "admin1_code": ob.admin1_code, "country": ob.country, "geo_precision": gp,
        "actors": c.actors, "weapons": c.weapons, "fatalities": c.fatalities,
        "claim_status": c.claim_status, "sources": sources, "origin": "extracted",
        "extraction": {"document": doc.name, "start": c.quotes[0][0], "end": c.quotes[0][1],
                       "method": METHOD, "confidence": c.confidence, **doc.record},
    }
    id_sources = [{"url": f"document:{doc.name}"}] if not doc.url and not doc.outlet else None
    x: dict[str, Any] = {"corroboration": 1}
    if len(c.quotes) > 1:
        x["mentions"] = [{"document": doc.name, "start": s, "end": e} for s, e, _ in c.quotes]
    if c.unresolved_place:
        x["unresolved_place"] = c.unresolved_place
    if c.observed_from:
        x["observed_from"] = c.observed_from
    if c.outcome:
        x["outcome"] = c.outcome
    if c.wounded is not None:
        x["wounded"] = c.wounded
    if c.explosions is not None:
        x["explosions"] = c.explosions
    props["extra"] = x
    return props, extra, lon, lat, id_sources


def _extract_document(doc: Document, places, regions, min_confidence: float) -> tuple[list[dict[str, Any]], DocumentExtractor]:
    from .pipeline import DocumentExtractor

    ex = DocumentExtractor(doc, _places(places), regions)
    cands = ex.run()
    feats = [_candidate_to_feature(c, doc, regions) for c in cands if c.confidence >= min_confidence]
    return feats, ex


def extract(path_or_text: str | Path, published: Any = None, *, places=None, min_confidence: float = 0.0,
            name: str | None = None) -> list[dict[str, Any]]:
    """Candidate events (GeoJSON Features) from one document: a path, or the text itself.

    ``published`` (``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` or a date) anchors relative
    dates when the document has no front matter date. Raises InputError for a
    document that cannot be read.
    """
    regions = _regions()
    looks_like_path = isinstance(path_or_text, Path) or (
        "\n" not in path_or_text and len(path_or_text) < 4096
        and (Path(path_or_text).is_file() or Path(path_or_text).suffix.lower() in DOCUMENT_SUFFIXES))
    if looks_like_path and Path(path_or_text).suffix.lower() in set(DOCUMENT_SUFFIXES) - set(TEXT_SUFFIXES):
        # a saved page, feed or Telegram export holds several documents
        result = extract_paths([path_or_text], published, places=places, min_confidence=min_confidence)
        if len(result.failed) == len(result.reports):
            raise InputError(result.failed[0].error if result.failed else "no documents in the file")
        return result.events
    if looks_like_path:
        doc = open_document(path_or_text, published, name=name)
    else:
        doc = text_document(str(path_or_text), published, name=name or "<text>")
    with paused_gc():  # as in extract_paths
        feats, _ = _extract_document(doc, places, regions, min_confidence)
    return unique_ids(sorted(feats, key=_order))


def document_paths(paths: Iterable[str | Path]) -> list[tuple[Path, bool]]:
    """Files to read: each given file, and the documents in each directory (sorted, recursive)."""
    out: list[tuple[Path, bool]] = []
    for p in map(Path, paths):
        if p.is_dir():
            found = [(f, True) for f in sorted(p.rglob("*")) if f.is_file() and f.suffix.lower() in DOCUMENT_SUFFIXES]
            out.extend(found or [(p, True)])  # an empty directory is reported, not skipped
        else:
            out.append((p, False))
    return out


def extract_paths(paths: Iterable[str | Path], published: Any = None, *, places=None, min_confidence: float = 0.0,
                  base: str | Path | None = None, channel: str | None = None, jobs: int = 1,
                  dask: str | None = None, progress: bool = False) -> ExtractResult:
    """Events from every document under ``paths``, merged across documents, and a report per document.

    A document that fails (not UTF-8, empty, bad front matter, unparseable date)
    gets a report with its error; the others are still read. ``base`` makes
    document names relative (so builds are the same wherever the project lives).
    ``channel`` is the public name of the Telegram channel whose export is read.
    ``jobs`` worker processes (or the Dask scheduler at ``dask``, ``"local"`` for a
    LocalCluster) read the files; results are merged in file order, so the output is
    the same whatever runs them. ``progress`` draws a bar on stderr when it is a terminal.
    """
    # extraction makes many small objects and no reference cycles (none are found on the test
    # documents or the benchmark corpus): collections would only walk them, about 8% of the time
    with paused_gc():
        return _extract_paths(paths, published, places, min_confidence, base, channel, jobs, dask, progress)


def _extract_paths(paths, published, places, min_confidence: float, base, channel=None, jobs: int = 1,
                   dask: str | None = None, progress: bool = False) -> ExtractResult:
    from ..progress import bar
    from .parallel import run_units

    units = [(path, _display(path, base)) for path, _ in document_paths(paths)]
    reports: list[DocumentReport] = []
    # within one document a sentence gives at most one candidate of each type, so (document, start,
    # type) orders them without the id, which is made later and only for the events that stay
    from .spooled import EventSpool

    merger = Merger(lambda x: x[0], _build, lambda x: x[0]["sources"], _order_in_document, EventSpool())
    found = 0
    # the workers start (and fork) before the bar's thread does; from their start to the end of the block,
    # however it ends (SIGTERM before the first result is read too), they are stopped and their files removed
    with run_units(extract_unit, units, published, channel, min_confidence, places, jobs, dask) as results, \
            bar(progress, total=sum(size for _, size in results.sizes), unit="B", desc="extract") as pb:
        # each file's results merged as they arrive, in file order, while the workers read on
        for (_, size), per_file in zip(results.sizes, results):
            for report, feats in per_file:
                reports.append(report)
                if feats is not None:
                    found += len(feats)
                    merger.add(feats, consume=True)  # each pending event let go once merged
            pb.advance(size, documents=len(reports), events=found)
    return ExtractResult(merger.events(), reports)  # in order, ids made unique (spooled.MergedEvents)


def extract_unit(path: Path, name: str, published, channel, min_confidence: float, places=None,
                 part: tuple[int, int] = (0, 1), prepare=None) -> list[tuple[DocumentReport, list | None]]:
    """One file's documents: per document its report and its candidates' pending properties (None
    when it failed). The work one process or Dask worker does; results are plain data, so they travel.

    ``part`` (i, n) takes the i-th of n runs of a file's documents (a feed or a Telegram export of
    thousands of posts is shared among workers); the n parts' results, in order, are the whole file's.
    ``prepare``: a large text's blocks read by workers (``blocks.prepared``) while this process walks it."""
    from .pipeline import DocumentExtractor

    regions = _regions()
    i, n = part
    try:
        if path.is_dir():
            raise InputError(f"no documents ({', '.join(DOCUMENT_SUFFIXES)}) in this directory", name)
        docs = open_documents(path, published, name=name, channel=channel)
    except InputError as exc:
        docs = [exc] if i == 0 else []  # a file that cannot be read is reported once
    docs = docs[len(docs) * i // n:len(docs) * (i + 1) // n]
    out: list[tuple[DocumentReport, list | None]] = []
    layer = None
    for doc in docs:  # a feed or a Telegram export holds several documents
        if isinstance(doc, InputError):
            out.append((DocumentReport(doc.path or name, error=str(doc)), None))
            continue
        report = DocumentReport(doc.name, language=doc.meta.get("language"))
        try:
            if layer is None:
                layer = _places(places)
            ex = DocumentExtractor(doc, layer, regions, prepare)
            source = _document_source(doc)
            # each candidate let go once converted: a large document's candidates and their pending
            # properties are not all held at once
            cands = ex.run()
            if isinstance(cands, list):
                feats = [_candidate_props(c, doc, regions, source) for c in drained(cands)
                         if c.confidence >= min_confidence]
            else:  # a large document's, partly on disk (``settled``): made one at a time as the merge reads them
                feats = cands.props(lambda c: _candidate_props(c, doc, regions, source), min_confidence, doc.name)
        except InputError as exc:
            report.error = str(exc)
            out.append((report, None))
            continue
        report.events, report.sentences, report.chars = len(feats), ex.sentences, ex.chars
        report.unresolved = ex.unresolved
        report.language, report.warnings = ex.language or report.language, ex.warnings
        out.append((report, feats))
    return out


def drained(items: list) -> Iterator:
    """The items of ``items`` in order, each dropped from the list as it is read (the list ends empty), so
    whatever is made of one item need not be held beside all the others."""
    items.reverse()
    while items:
        yield items.pop()


def unique_ids(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """No two events share an id: a later event whose id is taken (two villages the gazetteer lacks, both
    at the oblast) gets one made with its place mention, else with a counter, in order, so runs agree."""
    seen: set[str] = set()
    counters: dict[str, int] = {}
    for f in events:
        unique_id(f, seen, counters)
    return events


def unique_id(f: dict[str, Any], seen, counters: dict[str, int] | None = None) -> None:
    """``unique_ids``'s step for one event, given the ids of those before it (``seen``, added to).
    ``counters``: the last counter given, by first variant (the variants of events alike are alike, and
    ``seen`` only grows), so the thousandth event of one mention does not try the 999 taken before."""
    p = f["properties"]
    if p["id"] in seen:
        base = p.get("gazetteer_id") or p.get("place_mention") or p.get("admin1_code") or ""

        def variant(v: str) -> str:
            # the id hashes the mention when there is one: the variant must change that, or no
            # counter ever gives a new id (two events of one mention, source, type and dates hung here)
            return make_id({**p, "gazetteer_id": None, "place": v,
                            "place_mention": v if p.get("place_mention") else None})

        new, n = variant(base), 1
        first = new
        if counters is not None and first in counters:
            n = counters[first]
            new = first if n == 1 else variant(f"{base}#{n}")
        while new in seen:
            n += 1
            new = variant(f"{base}#{n}")
        if counters is not None:
            counters[first] = n
        p["id"] = f["id"] = new
    seen.add(p["id"])


def _display(path: Path, base) -> str:
    if base is not None:
        try:
            return path.resolve().relative_to(Path(base).resolve()).as_posix()
        except ValueError:
            pass
    return str(path)


def _order(f: dict[str, Any]) -> tuple:
    return _order_props(f["properties"])


def _order_props(p: dict[str, Any]) -> tuple:
    ex = p.get("extraction") or {}
    return (str(ex.get("document")), ex.get("start") or 0, p["event_type"], p["id"])


def _order_in_document(p: dict[str, Any]) -> tuple:
    """``_order_props`` for one document's candidates, which never tie on the first three fields."""
    ex = p["extraction"]
    return (str(ex["document"]), ex["start"] or 0, p["event_type"])


def merge_across(per_doc: list[list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """One event per real-world event: the same event in several documents becomes several sources."""
    return _merge(per_doc, lambda f: f["properties"], lambda f: f, lambda f: f["properties"]["sources"])


def _merge(per_doc: list[list[Any]], props_of, build, sources_of, order=_order_props) -> list[dict[str, Any]]:
    """``merge_across`` over items of any kind: ``props_of(item)`` gives the properties that
    merging reads, ``build(item)`` the Feature (made only for events that stay),
    ``sources_of(item)`` its canonical source entries (folded into the event that absorbs it),
    ``order(properties)`` the order a document's items are merged in."""
    merger = Merger(props_of, build, sources_of, order)
    for items in per_doc:
        merger.add(items)
    return merger.events()


class _DateIndex:
    """The merged events of one (type, oblast, place) key by their dates, for the earliest-merged one whose
    dates overlap a new item's: day-dated events by their day (a sorted list of days, so a query reads only
    the days it overlaps), the others by their exact span. A lookup no longer reads every event of the key,
    which made a corpus that reports one village or oblast day after day quadratic."""

    __slots__ = ("days", "day_list", "spans")

    def __init__(self) -> None:
        self.days: dict[str, list[tuple[str, int]]] = {}
        self.day_list: list[str] = []  # the keys of ``days``, sorted
        self.spans: dict[tuple[str, str], list[tuple[str, int]]] = {}

    def add(self, start: str, end: str, doc: str, i: int) -> None:
        if start == end:
            at = self.days.get(start)
            if at is None:
                self.days[start] = at = []
                bisect.insort(self.day_list, start)
            at.append((doc, i))
        else:
            self.spans.setdefault((start, end), []).append((doc, i))

    def first(self, start: str, end: str, doc: str, taken: set[int], mine: int | None = None) -> int | None:
        """The position of the earliest-merged event overlapping start..end from another document and not
        yet taken by this one (the same event the former scan of every event found first). ``mine``: the
        position from which every event is this document's own (merged by this call of ``Merger.add``), so
        a group's tail of them is not read one by one (a large document's own events made that quadratic)."""
        days = self.day_list
        groups = [self.days[d] for d in days[bisect.bisect_left(days, start):bisect.bisect_right(days, end)]]
        if self.spans:
            groups += [g for (s, e), g in self.spans.items() if s <= end and start <= e]
        best = None
        for group in groups:  # each in merge order: its first usable event is its earliest
            for d, i in group:
                if (best is not None and i >= best) or (mine is not None and i >= mine):
                    break
                if d != doc and i not in taken:
                    best = i
                    break
        return best


class Merger:
    """``merge_across`` one document at a time, so a parallel run merges results as they arrive."""

    def __init__(self, props_of, build, sources_of, order=_order_props, store=None) -> None:
        self.props_of, self.build, self.sources_of, self.order = props_of, build, sources_of, order
        # ``store``: where the merged events are kept instead of a list (``spooled.EventSpool``: on disk)
        self.merged: list[dict[str, Any]] = [] if store is None else store
        # the index key holds type, oblast and place, so a match needs only overlapping dates
        # from another document; folding keeps each merged event's first dates and document
        self.index: dict[tuple, _DateIndex] = {}
        # per folded event: the (url, quote) of its sources and its documents, kept as it grows
        # (rebuilding them at every fold made an event reported by many documents quadratic)
        self.folded: dict[int, tuple[set, set]] = {}

    def add(self, items: list[Any], consume: bool = False) -> None:
        """One document's items. ``consume``: the list is left empty and each item let go once merged, so a
        large document's pending items and its events are not all held at once."""
        index, folded, props_of = self.index, self.folded, self.props_of
        taken: set[int] = set()
        if getattr(items, "ordered", False):  # a large document's items, read back from disk in order
            ordered, docs = items, {items.document}
        else:
            docs = {(props_of(x).get("extraction") or {}).get("document") for x in items}
            ordered = sorted(items, key=lambda x: self.order(props_of(x)))
            if consume:
                items.clear()
            ordered = drained(ordered)
        mine = len(self.merged) if len(docs) == 1 else None  # events merged from here on are this document's
        for item in ordered:
            p = props_of(item)
            key = (p["event_type"], p["admin1_code"], p.get("gazetteer_id") or None)
            start, end, doc = p["date_start"], p["date_end"], (p.get("extraction") or {}).get("document")
            dates = index.get(key)
            hit = dates.first(start, end, doc, taken, mine) if dates is not None else None
            if hit is None:
                if dates is None:
                    index[key] = dates = _DateIndex()
                dates.add(start, end, doc, len(self.merged))
                self.merged.append(self.build(item))
                continue
            taken.add(hit)
            if hit not in folded:
                folded[hit] = _start_fold(self.merged[hit])
            _fold(self.merged[hit], p, self.sources_of(item), *folded[hit])

    def events(self) -> list[dict[str, Any]]:
        """The merged events, in order, each folded one naming its documents."""
        merged = self.merged
        for i, (_, docs) in self.folded.items():
            p = merged[i]["properties"]
            extra = dict(p.get("extra") or {})
            extra["documents"] = sorted(d for d in docs if d)
            extra["corroboration"] = len(extra["documents"])
            p["extra"] = {k: extra[k] for k in sorted(extra)}
        if not isinstance(merged, list):  # read back from the store in this order, ids made unique
            return merged.ordered(_order, unique_id)
        return sorted(merged, key=_order)


def _doc_of(f: dict[str, Any]) -> str:
    return (f["properties"].get("extraction") or {}).get("document")


def _start_fold(into: dict[str, Any]) -> tuple[set, set]:
    p = into["properties"]
    p["sources"] = list(p["sources"])
    have = {(s.get("url"), s.get("quote")) for s in p["sources"]}
    docs = {_doc_of(into)} | set((p.get("extra") or {}).get("documents", []))
    return have, docs


def _fold(into: dict[str, Any], q: dict[str, Any], q_sources: list, have: set, docs: set) -> None:
    """Fold properties ``q`` (sources ``q_sources``) into ``into``: new sources, actors, weapons,
    the stronger claim status.

    ``extra.documents`` and ``corroboration`` are written from ``docs`` once merging ends.
    """
    p = into["properties"]
    new = [s for s in q_sources if (s.get("url"), s.get("quote")) not in have]
    p["sources"].extend(new)
    have.update((s.get("url"), s.get("quote")) for s in new)
    p["actors"] = list(dict.fromkeys(p["actors"] + q["actors"]))
    p["weapons"] = list(dict.fromkeys(p["weapons"] + q["weapons"]))
    docs.add((q.get("extraction") or {}).get("document"))
    rank = CLAIM_RANK
    if rank.get(q["claim_status"], 0) > rank.get(p["claim_status"], 0):
        p["claim_status"] = q["claim_status"]
    ex = dict(p["extraction"])
    ex["confidence"] = round(min(0.95, max(ex["confidence"], q["extraction"]["confidence"]) + 0.05), 2)
    p["extraction"] = ex
