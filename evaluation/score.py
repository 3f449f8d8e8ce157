"""Score geomap's extraction against the hand-annotated development corpus of real reporting.

The texts stay outside the repository (copyright): ``--texts DIR`` holds ``<doc>.md`` files, and
``evaluation/annotations/<doc>.yaml`` the events a person found in each (EVAL-FORMAT in README.md).
Each document is extracted on its own; an extracted event matches an annotated one when both have
the same event type, the same place (the same ``gazetteer_id``, or the same oblast when either is
known only to the oblast) and overlapping dates. One annotated event matches at most one extracted
event and the other way round.

Per language it prints recall, precision, the share of matched events whose dates are the annotated
ones, and wrong dots: extracted events at settlement, near-settlement or hromada precision whose
place is not the annotated place of any event in that document ("villages": those of them at
settlement precision, a dot on a village or town itself, the measure issue 16 states).

    python evaluation/score.py --texts DIR [--lang en|ru|uk] [--annotations DIR] [--show] [--json]
                               [--per-doc] [--holdout FILE] [--classes]

``--classes`` counts the failures by kind, from the events' fields only (type, precision, dates,
whether the village is in the gazetteer), never their text: a summary that can guide rule work
without showing the documents.

``--holdout FILE`` (one document stem a line) guards against tuning to the corpus: those documents
are scored apart ("held out" rows) and ``--show`` leaves out their details, so rules can be written
from the other documents and checked on these.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
POINT_PRECISIONS = ("settlement", "near_settlement", "hromada")
LANGUAGES = ("en", "ru", "uk")


@dataclass
class DocScore:
    """One document's counts and its unmatched events, for --show."""

    doc: str
    language: str
    annotated: int = 0
    extracted: int = 0
    matched: int = 0
    right_date: int = 0
    wrong_dots: int = 0
    warnings: list[str] = field(default_factory=list)
    missed: list[dict] = field(default_factory=list)
    spurious: list[dict] = field(default_factory=list)
    wrong: list[dict] = field(default_factory=list)
    bad_dates: list[tuple[dict, dict]] = field(default_factory=list)
    annotated_events: list[dict] = field(default_factory=list)
    matched_pairs: list[tuple[dict, dict]] = field(default_factory=list)

    @property
    def wrong_villages(self) -> int:
        """Wrong dots at settlement precision: a dot on a village or town no annotated event names (the
        issue's own measure); the rest are near a town the text names, or a hromada's centre."""
        return sum(1 for g in self.wrong if g.get("geo_precision") == "settlement")


def _iso(value) -> str | None:
    return None if value is None else str(value)[:10]


def _gid(value) -> str | None:
    if value in (None, "", "null"):
        return None
    return str(value)


def load_annotation(path: Path) -> dict:
    """An annotation file, with its events' dates and ids as strings; a clear error when malformed."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise SystemExit(f"{path}: cannot read annotation: {exc}")
    if not isinstance(data, dict) or not isinstance(data.get("events", []), list):
        raise SystemExit(f"{path}: an annotation is a mapping with an 'events' list")
    events = []
    for i, ev in enumerate(data.get("events") or [], 1):
        if not isinstance(ev, dict) or not ev.get("event_type") or not ev.get("date_start"):
            raise SystemExit(f"{path}: event {i}: needs event_type and date_start")
        events.append({**ev, "date_start": _iso(ev["date_start"]),
                       "date_end": _iso(ev.get("date_end") or ev["date_start"]),
                       "gazetteer_id": _gid(ev.get("gazetteer_id"))})
    data["events"] = events
    return data


def _oblast_level(ev: dict) -> bool:
    return ev.get("gazetteer_id") is None or ev.get("geo_precision") == "admin1"


def same_place(ann: dict, got: dict) -> bool:
    """The same gazetteer place, or the same oblast when either is known only to the oblast."""
    if _oblast_level(ann) or _oblast_level(got):
        return ann.get("admin1_code") == got.get("admin1_code")
    return ann["gazetteer_id"] == got.get("gazetteer_id")


def overlaps(ann: dict, got: dict) -> bool:
    return ann["date_start"] <= got["date_end"] and got["date_start"] <= ann["date_end"]


def match(annotated: list[dict], extracted: list[dict]) -> list[tuple[int, int]]:
    """One-to-one pairs (annotated index, extracted index), as many as can be made (augmenting paths),
    each annotated event trying its closest candidates first: the same place id, the same dates, the
    same sub-type."""
    edges: dict[int, list[int]] = {}
    for i, a in enumerate(annotated):
        cands = []
        for j, g in enumerate(extracted):
            if a["event_type"] == g["event_type"] and overlaps(a, g) and same_place(a, g):
                rank = (
                    0 if a.get("gazetteer_id") and a.get("gazetteer_id") == g.get("gazetteer_id") else 1,
                    0 if (a["date_start"], a["date_end"]) == (g["date_start"], g["date_end"]) else 1,
                    0 if a.get("sub_type") and a.get("sub_type") == g.get("sub_type") else 1,
                    j,
                )
                cands.append((rank, j))
        edges[i] = [j for _, j in sorted(cands)]
    owner: dict[int, int] = {}  # extracted index -> annotated index

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    # events named to the place first (their match is the surer one), then those with fewest candidates
    for i in sorted(edges, key=lambda i: (_oblast_level(annotated[i]), len(edges[i]), i)):
        augment(i, set())
    return sorted((i, j) for j, i in owner.items())


def score_document(ann: dict, extracted: list[dict], warnings: list[str] | None = None) -> DocScore:
    """Counts for one document: ``extracted`` are the properties of geomap's events for it."""
    events = ann["events"]
    s = DocScore(ann.get("doc", "?"), ann.get("language", "?"), annotated=len(events), extracted=len(extracted),
                 warnings=list(warnings or []))
    pairs = match(events, extracted)
    s.matched = len(pairs)
    for i, j in pairs:
        a, g = events[i], extracted[j]
        if (a["date_start"], a["date_end"]) == (g["date_start"], g["date_end"]):
            s.right_date += 1
        else:
            s.bad_dates.append((a, g))
    known = {a["gazetteer_id"] for a in events if a.get("gazetteer_id")}
    for g in extracted:
        if g.get("geo_precision") in POINT_PRECISIONS and g.get("gazetteer_id") not in known:
            s.wrong_dots += 1
            s.wrong.append(g)
    got_a = {i for i, _ in pairs}
    got_g = {j for _, j in pairs}
    s.missed = [a for i, a in enumerate(events) if i not in got_a]
    s.spurious = [g for j, g in enumerate(extracted) if j not in got_g]
    s.annotated_events = events
    s.matched_pairs = [(events[i], extracted[j]) for i, j in pairs]
    return s


def _date_class(a: dict, g: dict) -> str:
    """How a matched event's dates differ from the annotated ones."""
    a_day, g_day = a["date_start"] == a["date_end"], g["date_start"] == g["date_end"]
    if g_day and not a_day:
        return "date: one day extracted, a range annotated"
    if a_day and not g_day:
        return "date: a range extracted, one day annotated"
    if g["date_start"] <= a["date_start"] and a["date_end"] <= g["date_end"]:
        return "date: extracted range wider than annotated"
    if a["date_start"] <= g["date_start"] and g["date_end"] <= a["date_end"]:
        return "date: extracted range inside the annotated one"
    return "date: shifted"


def _extra_class(s: DocScore, g: dict) -> str:
    """Why an extracted event found no annotated partner, judged from the document's annotations."""
    kind = f"{g['event_type']} at {g.get('geo_precision')}"
    events = s.annotated_events
    if g.get("geo_precision") in POINT_PRECISIONS and g.get("gazetteer_id") not in {
            a["gazetteer_id"] for a in events if a.get("gazetteer_id")}:
        return f"wrong dot: {kind}"
    if not any(overlaps(a, g) for a in events):
        return f"extra: {kind}, dated outside every annotated event"
    same = [a for a in events if same_place(a, g) and overlaps(a, g)]
    if any(a["event_type"] == g["event_type"] for a in same):
        return f"extra: {kind}, a second event for one already matched"
    if same:
        unmatched = [a for a in same if any(a is m for m in s.missed)] or same
        return f"extra: {kind} where {unmatched[0]['event_type']} is annotated"
    return f"extra: {kind}, no annotated event at that place"


def failure_classes(scores: list[DocScore]) -> list[dict]:
    """Missed, extra and misdated events, and matched ones whose claim status or death toll differ,
    counted by kind, with how many documents show each."""
    events: dict[str, int] = defaultdict(int)
    docs: dict[str, set[str]] = defaultdict(set)

    def add(cls: str, doc: str) -> None:
        events[cls] += 1
        docs[cls].add(doc)

    for s in scores:
        for a in s.missed:
            missing = ", village not in the gazetteer" if a.get("place_missing") else ""
            add(f"missed: {a['event_type']} at {a.get('geo_precision')}{missing}", s.doc)
        for g in s.spurious:
            add(_extra_class(s, g), s.doc)
        for a, g in s.bad_dates:
            add(_date_class(a, g), s.doc)
        for a, g in s.matched_pairs:
            if a.get("claim_status") and g.get("claim_status") != a["claim_status"]:
                add(f"claim: {g.get('claim_status')} extracted, {a['claim_status']} annotated", s.doc)
            if a.get("fatalities") and g.get("fatalities") != a["fatalities"]:
                add("fatalities: " + ("none extracted" if not g.get("fatalities") else "another count extracted"),
                    s.doc)
    return [{"class": c, "events": n, "docs": len(docs[c])}
            for c, n in sorted(events.items(), key=lambda kv: (-kv[1], kv[0]))]


def extract_document(path: Path) -> tuple[list[dict], list[str]]:
    """geomap's events for one document (properties only) and the warnings its report gives."""
    from geomap.extraction import extract_paths

    result = extract_paths([path])
    warnings = []
    for r in result.reports:
        if r.error:
            warnings.append(f"error: {r.error}")
        for w in getattr(r, "warnings", []) or []:
            warnings.append(f"warning: {w}")
    return [f["properties"] for f in result.events], warnings


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "-"


def summarise(scores: list[DocScore]) -> dict[str, dict]:
    """Per language and over all documents: docs, events, recall, precision, right dates, wrong dots."""
    groups: dict[str, list[DocScore]] = defaultdict(list)
    for s in scores:
        groups[s.language].append(s)
        groups["all"].append(s)
    out = {}
    for lang in [*LANGUAGES, *sorted(set(groups) - set(LANGUAGES) - {"all"}), "all"]:
        g = groups.get(lang)
        if not g:
            continue
        ann = sum(s.annotated for s in g)
        ext = sum(s.extracted for s in g)
        mat = sum(s.matched for s in g)
        out[lang] = {
            "docs": len(g), "annotated": ann, "extracted": ext, "matched": mat,
            "recall": round(mat / ann, 3) if ann else None,
            "precision": round(mat / ext, 3) if ext else None,
            "right_date": round(sum(s.right_date for s in g) / mat, 3) if mat else None,
            "wrong_dots": sum(s.wrong_dots for s in g),
            "wrong_villages": sum(s.wrong_villages for s in g),
            "docs_with_warnings": sum(1 for s in g if s.warnings),
        }
    return out


def _doc_row(s: DocScore) -> dict:
    return {"doc": s.doc, "language": s.language, "annotated": s.annotated, "extracted": s.extracted,
            "matched": s.matched, "right_date": s.right_date, "wrong_dots": s.wrong_dots,
            "wrong_villages": s.wrong_villages}


def _brief(ev: dict) -> str:
    place = ev.get("place") or ev.get("place_mention") or ev.get("admin1_code")
    return (f"{ev['event_type']}/{ev.get('sub_type') or '-'} {ev['date_start']}..{ev['date_end']} "
            f"{place} [{ev.get('gazetteer_id') or ev.get('admin1_code')}, {ev.get('geo_precision')}]")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--texts", required=True, type=Path, help="folder holding <doc>.md texts (kept out of git)")
    ap.add_argument("--annotations", type=Path, default=HERE / "annotations", help="folder of <doc>.yaml annotations")
    ap.add_argument("--lang", choices=LANGUAGES, help="score only documents in this language")
    ap.add_argument("--show", action="store_true", help="list each document's missed, spurious and misdated events")
    ap.add_argument("--json", action="store_true", help="print the summary as JSON")
    ap.add_argument("--per-doc", action="store_true", help="one line of counts per document")
    ap.add_argument("--holdout", type=Path, help="file of document stems scored apart, their details not shown")
    ap.add_argument("--classes", action="store_true",
                    help="count missed, extra and misdated events by kind (held-out documents left out)")
    args = ap.parse_args(argv)
    held: set[str] = set()
    if args.holdout is not None:
        try:
            held = {line.strip() for line in args.holdout.read_text(encoding="utf-8").splitlines() if line.strip()}
        except OSError as exc:
            print(f"error: {args.holdout}: cannot read the holdout list: {exc.strerror}", file=sys.stderr)
            return 2
    if not args.texts.is_dir():
        print(f"error: {args.texts}: not a folder", file=sys.stderr)
        return 2
    if not args.annotations.is_dir():
        print(f"error: {args.annotations}: no annotations folder", file=sys.stderr)
        return 2
    scores = []
    missing = []
    for ann_path in sorted(args.annotations.glob("*.yaml")):
        ann = load_annotation(ann_path)
        ann.setdefault("doc", ann_path.stem)
        if args.lang and ann.get("language") != args.lang:
            continue
        text = args.texts / f"{ann_path.stem}.md"
        if not text.is_file():
            missing.append(ann_path.stem)
            continue
        extracted, warnings = extract_document(text)
        scores.append(score_document(ann, extracted, warnings))
    if missing:
        print(f"note: {len(missing)} annotated documents have no text in {args.texts}: {', '.join(missing[:10])}"
              + (" ..." if len(missing) > 10 else ""), file=sys.stderr)
    summary = summarise(scores)
    if held:
        summary["held out"] = summarise([s for s in scores if s.doc in held]).get("all", {})
        summary["looked at"] = summarise([s for s in scores if s.doc not in held]).get("all", {})
        summary = {k: v for k, v in summary.items() if v}
    classes = failure_classes([s for s in scores if s.doc not in held]) if args.classes else None
    if args.json:
        out = {"summary": summary, "documents": [_doc_row(s) for s in scores]} if args.per_doc else summary
        if classes is not None:
            out = {**out, "classes": classes} if args.per_doc else {"summary": summary, "classes": classes}
        print(json.dumps(out, indent=2, sort_keys=True))
    else:
        print(f"{'lang':9} {'docs':>4} {'annot':>5} {'extr':>5} {'match':>5} {'recall':>6} {'prec':>6} "
              f"{'date':>6} {'wrongdots':>9} {'villages':>8} {'warned':>6}")
        for lang, r in summary.items():
            print(f"{lang:9} {r['docs']:>4} {r['annotated']:>5} {r['extracted']:>5} {r['matched']:>5} "
                  f"{_ratio(r['matched'], r['annotated']):>6} {_ratio(r['matched'], r['extracted']):>6} "
                  f"{('-' if r['right_date'] is None else format(r['right_date'], '.2f')):>6} "
                  f"{r['wrong_dots']:>9} {r['wrong_villages']:>8} {r['docs_with_warnings']:>6}")
        if args.per_doc:
            print(f"\n{'document':60} {'annot':>5} {'extr':>5} {'match':>5} {'date':>5} {'dots':>5}")
            for s in scores:
                mark = " (held out)" if s.doc in held else ""
                print(f"{(s.doc + mark)[:60]:60} {s.annotated:>5} {s.extracted:>5} {s.matched:>5} {s.right_date:>5} "
                      f"{s.wrong_dots:>5}")
        if classes is not None:
            print(f"\n{'failure class':80} {'events':>6} {'docs':>5}")
            for c in classes:
                print(f"{c['class'][:80]:80} {c['events']:>6} {c['docs']:>5}")
    if args.show:
        for s in scores:
            if s.doc in held:
                continue
            print(f"\n== {s.doc} ({s.language}): {s.matched}/{s.annotated} matched, {s.extracted} extracted, "
                  f"{s.wrong_dots} wrong dots")
            for w in s.warnings:
                print(f"   {w}")
            for a in s.missed:
                print(f"   MISSED   {_brief(a)}")
            for g in s.spurious:
                print(f"   EXTRA    {_brief(g)}")
            for g in s.wrong:
                quote = ((g.get("sources") or [{}])[0].get("quote") or "")[:160]
                print(f"   WRONGDOT {_brief(g)} mention={g.get('place_mention')!r}\n            {quote}")
            for a, g in s.bad_dates:
                print(f"   DATE     annotated {a['date_start']}..{a['date_end']} got {g['date_start']}..{g['date_end']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
