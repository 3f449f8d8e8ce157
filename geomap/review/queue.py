"""The review queue: the build's candidates with the ledger folded over them, and decisions on them.

One object serves the web app and the CLI, so both check a decision the same
way (known event, known fields, a corrected event that still validates) before
it reaches the ledger.
"""
from __future__ import annotations

import math
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from ..errors import InputError
from ..filters import filter_features
from ..gcpause import paused_gc
from .apply import EDITABLE, KeyIndex, Outcome, corrected_feature, fold
from .ledger import ACTIONS, BadLine, Decision, event_key, locked, read_ledger, signature, write_decision

REVIEWABLE_ORIGINS = ("extracted", "imported")
CONTEXT_CHARS = 700
STATUSES = ("unreviewed", "flagged", "reviewed", "all")


def _clean_text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def coerce(name: str, value: Any) -> Any:
    """A field's value from the CLI's text or the app's JSON, in the schema's type."""
    if name not in EDITABLE:
        raise InputError(f"{name!r} cannot be corrected; fields: {', '.join(EDITABLE)}")
    if name in ("actors", "weapons"):
        if value is None:
            return []
        items = value.split(";") if isinstance(value, str) else value
        if not isinstance(items, list):
            raise InputError(f"{name}: expected a list, or names separated by ';'")
        return [s for s in (str(x).strip() for x in items) if s]
    if name == "fatalities":
        if value is None or (isinstance(value, str) and value.strip().lower() in ("", "null", "none")):
            return None
        try:
            n = int(str(value).strip())
        except ValueError:
            raise InputError(f"fatalities: {value!r} is not a whole number (leave empty when not reported)") from None
        return n
    if name in ("lon", "lat"):
        try:
            x = float(value)
        except (TypeError, ValueError):
            raise InputError(f"{name}: {value!r} is not a number") from None
        if not math.isfinite(x):
            raise InputError(f"{name}: {value!r} is not a finite number")
        return round(x, 6)
    return _clean_text(value)


def _value(feature: Mapping[str, Any], name: str) -> Any:
    p = feature["properties"]
    if name == "lon":
        return feature["geometry"]["coordinates"][0]
    if name == "lat":
        return feature["geometry"]["coordinates"][1]
    if name == "claimed_by":
        sources = p.get("sources") or [{}]
        return sources[0].get("claimed_by") if isinstance(sources[0], Mapping) else None
    return p.get(name)


class ReviewQueue:
    """Candidates of one project (``root``) and where the ledger leaves each of them."""

    def __init__(self, root: Path | str, features: Sequence[dict[str, Any]] | None = None, regions=None):
        from ..regions import load_regions

        self.root = Path(root)
        self.regions = regions or load_regions()
        if features is None:
            from ..build import collect_events

            features, _, _ = collect_events(self.root)
        self.features = list(features)
        self.by_id: dict[str, int] = {}
        for i, f in enumerate(self.features):
            self.by_id.setdefault(f["properties"]["id"], i)
        with paused_gc():
            self.index = KeyIndex(self.features)
        self._alternatives: dict[str, list[dict[str, Any]]] = {}
        self._oblasts: dict[str, Any] = {}
        self._signature: tuple | None = None
        self._summaries: dict[int, dict[str, Any]] = {}  # of undecided candidates, which do not change
        self._order = sorted(range(len(self.features)), key=lambda i: (
            self.features[i]["properties"].get("date_start") or "", self.features[i]["properties"]["id"]))
        self._facets: dict[str, list[str]] | None = None
        self.refresh()

    # --- state -----------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read the ledger if anything was appended since (another tab, the CLI, another reviewer)."""
        sig = signature(self.root)
        if sig == self._signature:
            return
        decisions, self.bad_lines = read_ledger(self.root)
        self.outcome: Outcome = fold(self.features, decisions, self.index)
        self._signature = sig

    @property
    def problems(self) -> list[BadLine]:
        return self.bad_lines

    def position(self, event_id: str) -> int:
        i = self.by_id.get(event_id)
        if i is None:
            raise InputError(f"no event {event_id!r} in this project's candidates (`geomap review list` shows them)")
        return i

    def current(self, i: int) -> dict[str, Any]:
        st = self.outcome.state(i)
        return corrected_feature(self.features[i], st.changes) if st.changes else self.features[i]

    # --- the queue -------------------------------------------------------------

    def _summary(self, i: int) -> dict[str, Any]:
        if i not in self.outcome.decided:
            row = self._summaries.get(i)
            if row is None:
                row = self._summaries[i] = self._make_summary(i)
            return row
        return self._make_summary(i)

    def _make_summary(self, i: int) -> dict[str, Any]:
        f = self.current(i)
        p, st = f["properties"], self.outcome.state(i)
        ex = p.get("extraction") or {}
        return {
            "id": p["id"], "event_type": p.get("event_type"), "sub_type": p.get("sub_type"),
            "date_start": p.get("date_start"), "date_end": p.get("date_end"), "place": p.get("place"),
            "admin1": p.get("admin1"), "admin1_code": p.get("admin1_code"), "origin": p.get("origin"),
            "document": ex.get("document"), "confidence": ex.get("confidence"), "summary": p.get("summary"),
            "status": st.status, "flagged": st.flagged, "reviewer": st.reviewer,
        }

    def items(self, *, status: str = "unreviewed", document: str | None = None, types: Iterable[str] = (),
              admin1: str | None = None, min_confidence: float | None = None, since: str | None = None,
              until: str | None = None) -> list[dict[str, Any]]:
        """Queue entries (one dict per candidate, with its ``id``), filtered, in date then id order."""
        if status not in STATUSES:
            raise InputError(f"unknown status {status!r}; choose from {', '.join(STATUSES)}")
        if admin1:
            ob = self.regions.get(admin1)
            if ob is None:
                raise InputError(f"unknown oblast {admin1!r}")
            admin1 = ob.admin1_code
        picked = []
        features, state = self.features, self.outcome.state
        for i in self._order:
            p, st = features[i]["properties"], state(i)
            if p.get("origin") not in REVIEWABLE_ORIGINS:
                continue
            if status == "unreviewed" and st.status != "unreviewed":
                continue
            if status == "flagged" and not st.flagged:
                continue
            if status == "reviewed" and st.status == "unreviewed":
                continue
            if document and (p.get("extraction") or {}).get("document") != document:
                continue
            if min_confidence is not None and ((p.get("extraction") or {}).get("confidence") or 0) < min_confidence:
                continue
            picked.append(i)
        if types or admin1 or since or until:
            current = [self.current(i) for i in picked]
            keep = {id(f) for f in filter_features(current, types=tuple(types), since=since, until=until,
                                                   admin1=admin1)}
            picked = [i for f, i in zip(current, picked) if id(f) in keep]
        with paused_gc():  # thousands of small dicts, no cycles
            rows = [self._summary(i) for i in picked]
        if any("date_start" in self.outcome.state(i).changes for i in picked):  # a corrected date moves it
            rows.sort(key=lambda r: (r["date_start"] or "", r["id"]))
        return rows

    def counts(self) -> dict[str, int]:
        """Extracted and imported candidates by review status (curated events count as reviewed already)."""
        out: dict[str, int] = {}
        for i, f in enumerate(self.features):
            if f["properties"].get("origin") in REVIEWABLE_ORIGINS:
                status = self.outcome.state(i).status
                out[status] = out.get(status, 0) + 1
        return dict(sorted(out.items()))

    def facets(self) -> dict[str, list[str]]:
        """The values the app's filters offer: documents, types, oblasts."""
        if self._facets is None:
            self._facets = self._make_facets()
        return self._facets

    def _make_facets(self) -> dict[str, list[str]]:
        docs, types, obl = set(), set(), set()
        for f in self.features:
            p = f["properties"]
            if p.get("origin") not in REVIEWABLE_ORIGINS:
                continue
            doc = (p.get("extraction") or {}).get("document")
            if doc:
                docs.add(doc)
            types.add(p.get("event_type") or "")
            if p.get("admin1_code"):
                obl.add(p["admin1_code"])
        return {"documents": sorted(docs), "types": sorted(t for t in types if t), "oblasts": sorted(obl)}

    # --- one event ---------------------------------------------------------------

    def context(self, i: int) -> dict[str, Any]:
        """The source text around the quote: before / quote / after, cut at the stored offsets."""
        p = self.features[i]["properties"]
        ex = p.get("extraction") or {}
        sources = p.get("sources") or [{}]
        quote = sources[0].get("quote") if isinstance(sources[0], Mapping) else None
        doc, start, end = ex.get("document"), ex.get("start"), ex.get("end")
        if doc and isinstance(start, int) and isinstance(end, int):
            path = (self.root / doc).resolve()
            if self.root.resolve() in path.parents and path.is_file():
                text = path.read_text("utf-8", errors="replace")
                if 0 <= start <= end <= len(text):
                    lo, hi = max(0, start - CONTEXT_CHARS), min(len(text), end + CONTEXT_CHARS)
                    return {"document": doc, "start": start, "end": end, "before": text[lo:start],
                            "quote": text[start:end], "after": text[end:hi],
                            "matches": " ".join(text[start:end].split()) == " ".join((quote or "").split())}
            return {"document": doc, "start": start, "end": end, "before": "", "quote": quote or "", "after": "",
                    "matches": False, "note": "the document is missing or shorter than the stored offsets"}
        return {"document": None, "before": "", "quote": quote or "", "after": "", "matches": True}

    def alternatives(self, i: int) -> list[dict[str, Any]]:
        """The geocoder's answer for the place as the source named it, and the places it passed over."""
        p = self.features[i]["properties"]
        mention = p.get("place_mention") or p.get("place")
        if not mention:
            return []
        if mention not in self._alternatives:
            from ..geocoding import geocode

            r = geocode(mention, admin1=p.get("admin1_code"))
            rows = []
            if r.resolved:
                rows.append({"place": r.place, "gazetteer_id": r.gazetteer_id, "lon": r.lon, "lat": r.lat,
                             "admin1": r.admin1, "geo_precision": r.geo_precision, "chosen": True})
            for a in r.alternatives or []:
                rows.append({k: a.get(k) for k in ("place", "gazetteer_id", "lon", "lat", "admin1", "geo_precision")
                             } | {"chosen": False})
            self._alternatives[mention] = rows
        return self._alternatives[mention]

    def oblast_shape(self, code: str | None) -> Any:
        """The oblast's outline as GeoJSON geometry (simplified), for the small map."""
        if not code:
            return None
        if code not in self._oblasts:
            from shapely.geometry import mapping

            ob = self.regions.get(code)
            self._oblasts[code] = mapping(ob.geometry.simplify(0.01)) if ob is not None else None
        return self._oblasts[code]

    def detail(self, event_id: str) -> dict[str, Any]:
        i = self.position(event_id)
        f, st = self.current(i), self.outcome.state(i)
        orig = self.features[i]
        return {
            "id": event_id, "properties": f["properties"], "coordinates": f["geometry"]["coordinates"],
            "original": {k: _value(orig, k) for k in EDITABLE},
            "fields": {k: _value(f, k) for k in EDITABLE},
            "state": {"status": st.status, "reviewer": st.reviewer, "reason": st.reason, "flagged": st.flagged,
                      "changes": st.changes, "history": st.history},
            "context": self.context(i), "alternatives": self.alternatives(i),
            "oblast": self.oblast_shape(f["properties"].get("admin1_code")),
        }

    def search_places(self, text: str, limit: int = 10) -> list[dict[str, Any]]:
        """Gazetteer places (GeoNames and the user's own) matching ``text``."""
        from ..gazetteer import load_gazetteer

        text = (text or "").strip()
        if not text:
            return []
        return [{"place": pl.name, "gazetteer_id": pl.gazetteer_id, "lon": pl.lon, "lat": pl.lat,
                 "admin1": pl.admin1, "admin1_code": pl.admin1_code, "country": pl.country,
                 "population": pl.population, "score": score}
                for pl, score in load_gazetteer().search(text, limit=limit)]

    # --- decisions ---------------------------------------------------------------

    def _changes(self, i: int, raw: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
        before = self.current(i)
        values = {k: coerce(k, v) for k, v in raw.items()}
        if "admin1" in values or "admin1_code" in values:
            ob = self.regions.get(values.get("admin1_code") or values.get("admin1"))
            if ob is None:
                raise InputError(f"unknown oblast {values.get('admin1_code') or values.get('admin1')!r}")
            values.update(admin1=ob.admin1, admin1_code=ob.admin1_code, country=ob.country)
        elif "lon" in values or "lat" in values:  # a moved point takes the oblast it now lies in
            lon = values.get("lon", _value(before, "lon"))
            lat = values.get("lat", _value(before, "lat"))
            ob = self.regions.admin1_at(lon, lat)
            if ob is None:
                raise InputError(f"the point {lon}, {lat} lies outside the mapped oblasts")
            values.update(admin1=ob.admin1, admin1_code=ob.admin1_code, country=ob.country)
        return {k: {"before": _value(before, k), "after": v} for k, v in values.items() if _value(before, k) != v}

    def decide(self, event_id: str, action: str, *, reviewer: str | None = None, reason: str | None = None,
               changes: Mapping[str, Any] | None = None, into: str | None = None, flag: bool = True
               ) -> dict[str, Any]:
        """Check one decision, append it to the ledger and return the event's new state."""
        if action not in ACTIONS:
            raise InputError(f"unknown decision {action!r}; choose from {', '.join(ACTIONS)}")
        with locked(self.root):  # no other writer between reading the state and appending to it
            self.refresh()
            i = self.position(event_id)
            rec = self._record(i, event_id, action, reason, changes, into, flag)
            stored = write_decision(self.root, rec, reviewer)
            self.outcome.apply(Decision(stored, "", 0))  # the newest line: folding it last is the full fold
            self._signature = signature(self.root)
        st = self.outcome.state(i)
        return {"id": event_id, "decision": stored, "status": st.status, "flagged": st.flagged,
                "reviewer": st.reviewer}

    def _record(self, i: int, event_id: str, action: str, reason: str | None, changes: Mapping[str, Any] | None,
                into: str | None, flag: bool) -> dict[str, Any]:
        """The ledger line for a decision, checked: a reason, a known target, corrections that validate."""
        rec: dict[str, Any] = {"action": action, "event": event_id, "key": event_key(self.features[i])}
        if self.index.find(rec["key"]) != i:
            raise InputError("another candidate shares this event's document, offsets and quote; "
                             "a decision on it could land on the wrong one", event_id)
        if action == "reject":
            reason = _clean_text(reason)
            if not reason:
                raise InputError("a rejection needs a reason (e.g. 'not an event', 'duplicate of another event')")
            rec["reason"] = reason
        elif action == "merge":
            if not into or into == event_id:
                raise InputError("a merge needs the id of the other event (--keep)")
            rec["into"] = event_key(self.features[self.position(into)])
            rec["into_event"] = into
        elif action == "flag":
            rec["flag"] = bool(flag)
        elif action == "correct":
            diff = self._changes(i, changes or {})
            if not diff:
                raise InputError("nothing to correct: every value is already as given")
            after = corrected_feature(self.current(i), {k: v["after"] for k, v in diff.items()})
            from ..schema import validate_features

            errors = [p for p in validate_features([after], "correction", self.regions) if p.severity == "error"]
            if errors:
                raise InputError("; ".join(f"{p.field}: {p.message}" for p in errors), event_id)
            rec["changes"] = diff
        return rec
