"""Applying the review ledger to events: corrections win, rejected and merged events leave.

The fold is deterministic: decisions in ledger order (time, file, line), each
landing on the one candidate its key names. A key that matches no candidate, or
more than one, is reported and applied to none: a decision never lands on a
different event.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Sequence

from ..schema import Problem, validate_features
from .ledger import Decision, event_key, read_ledger

# Fields a reviewer can correct; lon/lat move the point, claimed_by is the first source's.
EDITABLE: tuple[str, ...] = (
    "event_type", "sub_type", "date_start", "date_end", "time_precision", "place", "place_mention",
    "gazetteer_id", "admin1", "admin1_code", "country", "geo_precision", "lon", "lat", "actors", "weapons",
    "fatalities", "summary", "claim_status", "claimed_by",
)
LEDGER_PATH = "data/reviews"


@dataclass
class ReviewState:
    """Where the ledger leaves one candidate."""

    status: str = "unreviewed"  # unreviewed, accepted, corrected, rejected, merged
    reviewer: str | None = None
    changes: dict[str, Any] = field(default_factory=dict)  # field -> value after
    reason: str | None = None
    flagged: bool = False
    merged_into: int | None = None
    absorbed: list[int] = field(default_factory=list)  # candidates merged into this one
    history: list[dict[str, Any]] = field(default_factory=list)


UNREVIEWED = ReviewState()  # shared by every candidate no decision names; never modified


class Outcome:
    """The ledger folded over a list of candidates; states exist only for candidates a decision names."""

    def __init__(self, n: int, index: "KeyIndex"):
        self.n, self.index = n, index
        self.decided: dict[int, ReviewState] = {}
        self.stale: list[Decision] = []  # decisions whose key names no candidate (or several)

    def state(self, i: int) -> ReviewState:
        return self.decided.get(i, UNREVIEWED)

    def apply(self, dec: Decision) -> int | None:
        """Fold one more decision (later than every one before it); the candidate it landed on."""
        rec = dec.record
        i = self.index.find(rec["key"])
        if i is None:
            self.stale.append(dec)
            return None
        action, who = rec["action"], rec.get("reviewer")
        if action == "merge":
            j = self.index.find(rec["into"])
            if j is None or j == i:
                self.stale.append(dec)
                return None
        st = self.decided.setdefault(i, ReviewState())
        st.history.append(rec)
        if action == "flag":
            st.flagged = bool(rec.get("flag", True))
            return i
        if action == "merge":
            st.status, st.reviewer, st.merged_into, st.reason = "merged", who, j, "merged into another event"
            self.decided.setdefault(j, ReviewState()).absorbed.append(i)
            return i
        st.reviewer, st.flagged = who, False
        if action == "accept":
            st.status, st.reason = ("corrected" if st.changes else "accepted"), None
        elif action == "reject":
            st.status, st.reason = "rejected", rec.get("reason")
        elif action == "correct":
            st.changes.update({k: (v.get("after") if isinstance(v, Mapping) else v)
                               for k, v in rec["changes"].items()})
            st.status, st.reason = "corrected", None
        return i

    @property
    def states(self) -> list[ReviewState]:
        return [self.state(i) for i in range(self.n)]


def key_entries(k: Mapping[str, Any]):
    """The (table, entry) pairs a ledger key is indexed and looked up by, most exact first."""
    if "document" in k:
        doc, q = k.get("document"), k.get("quote")
        yield "exact", (doc, k.get("start"), k.get("end"), q, k.get("type"), k.get("sub_type"))
        yield "quote", (doc, q, k.get("type"), k.get("sub_type"))  # the document was edited above it
        # no fallback on offsets alone: when a sentence's other event remains, it would take the decision
    else:
        yield "id", k.get("id")


class KeyIndex:
    """Candidates by their ledger key, with the fallbacks that follow a statement across reruns."""

    def __init__(self, features: Sequence[Mapping[str, Any]]):
        self.keys = [event_key(f) for f in features]
        self.tables: dict[str, dict[Any, list[int]]] = {"exact": {}, "quote": {}, "id": {}}
        for i, k in enumerate(self.keys):
            for name, kk in key_entries(k):
                self.tables[name].setdefault(kk, []).append(i)

    def find(self, key: Mapping[str, Any]) -> int | None:
        """The one candidate ``key`` names, or None when none or several match."""
        for name, kk in key_entries(key):
            hits = self.tables[name].get(kk) or []
            if len(hits) == 1:
                return hits[0]
            if len(hits) > 1:
                return None  # ambiguous: applying it could hit the wrong event
        return None


def fold(features: Sequence[Mapping[str, Any]], decisions: Sequence[Decision],
         index: KeyIndex | None = None) -> Outcome:
    """Each candidate's review state after every decision, in ledger order."""
    outcome = Outcome(len(features), index or KeyIndex(features))
    for dec in decisions:
        outcome.apply(dec)
    return outcome


def corrected_feature(feature: Mapping[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of ``feature`` with the corrected values in place."""
    out = copy.deepcopy(dict(feature))
    p = out["properties"]
    coords = list(out["geometry"]["coordinates"])
    for k, v in changes.items():
        if k == "lon":
            coords[0] = round(float(v), 6)
        elif k == "lat":
            coords[1] = round(float(v), 6)
        elif k == "claimed_by":
            sources = p.get("sources") or [{}]
            p["sources"] = [{**sources[0], "claimed_by": v}, *sources[1:]]
        else:
            p[k] = v
    out["geometry"] = {"type": "Point", "coordinates": coords}
    return out


def _merged_sources(target: Mapping[str, Any], others: Sequence[Mapping[str, Any]]) -> list[Any]:
    sources = list(target["properties"].get("sources") or [])
    seen = {(s.get("url"), s.get("quote")) for s in sources if isinstance(s, Mapping)}
    for o in others:
        for s in o["properties"].get("sources") or []:
            if isinstance(s, Mapping) and (s.get("url"), s.get("quote")) not in seen:
                seen.add((s.get("url"), s.get("quote")))
                sources.append(s)
    return sources


def reviewed_features(features: Sequence[Mapping[str, Any]], outcome: Outcome) -> list[dict[str, Any]]:
    """The events that stay, corrected, each with ``review_status`` and ``reviewer``.

    Curated events count as reviewed (``accepted``, unless the ledger corrected them).
    """
    out = []
    for f, st in zip(features, outcome.states):
        if st.status in ("rejected", "merged"):
            continue
        g = corrected_feature(f, st.changes) if st.changes else copy.deepcopy(dict(f))
        p = g["properties"]
        if st.absorbed:
            p["sources"] = _merged_sources(g, [features[j] for j in st.absorbed])
        if st.status != "unreviewed":
            p["review_status"], p["reviewer"] = st.status, st.reviewer
        else:
            settle_unreviewed(g)
        out.append(g)
    return out


@dataclass
class Applied:
    """The ledger's result for a build: the events that stay and how many the reviewers took out."""

    features: list[dict[str, Any]]
    rejected: int = 0  # rejected by a reviewer (the report's methodology counts them)
    merged: int = 0  # merged into another event
    kept: list[int] = field(default_factory=list)  # the candidate each of ``features`` comes from
    changed: bool = False  # some decision corrected a value (the corrected events were validated again)


def apply_ledger(root: Path | str, features: list[dict[str, Any]], problems: list[Problem], regions=None
                 ) -> Applied:
    """``geomap build``'s review step: ``features`` with the ledger in ``root/data/reviews`` applied.

    Unreadable ledger lines become errors (the build stops and names file and line; the line stays);
    decisions that match no candidate become warnings. Corrected events are validated again.
    """
    decisions, bad = read_ledger(root)
    problems.extend(Problem(b.path, None, None, "ledger", b.message, line=b.line, kind="line") for b in bad)
    outcome = fold(features, decisions)
    for dec in outcome.stale:
        problems.append(Problem(dec.path, None, dec.record.get("event"), "ledger",
                                f"{dec.action} matches no event of this build (or several); not applied",
                                "warning", line=dec.line, kind="line"))
    kept = reviewed_features(features, outcome)
    if any(st.changes for st in outcome.decided.values()):
        corrected = [g for g in kept if g["properties"].get("review_status") == "corrected"]
        if regions is None:
            from ..regions import load_regions

            regions = load_regions()
        problems.extend(validate_features(corrected, f"{LEDGER_PATH} (corrected events)", regions))
    out = [st.status for st in outcome.decided.values()]
    return Applied(kept, rejected=out.count("rejected"), merged=out.count("merged"),
                   kept=[i for i, st in enumerate(outcome.states) if st.status not in ("rejected", "merged")],
                   changed=any(st.changes for st in outcome.decided.values()))


def wanted_keys(decisions: Sequence[Decision]) -> set:
    """Every index entry the decisions look up (their keys, and the events merges go into): a build that
    streams its events holds only those :func:`named_by` finds, and folds the ledger over them alone."""
    out = set()
    for dec in decisions:
        for key in (dec.record.get("key"), dec.record.get("into")):
            if isinstance(key, Mapping):
                out.update(key_entries(key))
    return out


def named_by(wanted: set, feature: Mapping[str, Any]) -> bool:
    """True when a decision's key could name ``feature`` (``wanted`` from :func:`wanted_keys`)."""
    if not wanted:
        return False
    try:
        return any(e in wanted for e in key_entries(event_key(feature)))
    except TypeError:  # a key no index can hold: let the fold see it
        return True


def settle_unreviewed(feature: dict[str, Any]) -> dict[str, Any]:
    """A candidate no decision names, as :func:`reviewed_features` leaves it (changed in place)."""
    p = feature["properties"]
    if p.get("origin") == "curated":
        p["review_status"] = "accepted"
    elif p.get("review_status") not in ("accepted", "corrected"):
        p["review_status"], p["reviewer"] = "unreviewed", None
    return feature
