"""Extraction quality over hand-written documents: precision and recall against expected events.

A match is the same event type, the same oblast and overlapping months; where
the expected event names a gazetteer place, the extracted point must also lie
within 2 km of that place's GeoNames point (read from the gazetteer, not typed).
"""
from __future__ import annotations

import math
from pathlib import Path

import pytest
import yaml

from conftest import DATA

CORPUS = DATA / "extract"
MIN_PRECISION = 0.85
MIN_RECALL = 0.80
MAX_KM = 2.0


def _months(start: str, end: str) -> tuple[int, int]:
    return int(start[:4]) * 12 + int(start[5:7]), int(end[:4]) * 12 + int(end[5:7])


def _km(lon1, lat1, lon2, lat2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def load_expected() -> dict[str, tuple[str | None, list[dict]]]:
    raw = yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))["documents"]
    out = {}
    for name, spec in raw.items():
        if isinstance(spec, dict):
            out[name] = (str(spec.get("published")), spec["events"])
        else:
            out[name] = (None, spec)
    return out


def _same(exp: dict, feat: dict) -> bool:
    p = feat["properties"]
    if p["event_type"] != exp["event_type"] or p["admin1_code"] != exp["admin1_code"]:
        return False
    es, ee = _months(str(exp["date_start"]), str(exp["date_end"]))
    fs, fe = _months(p["date_start"], p["date_end"])
    return fs <= ee and es <= fe


def score(gazetteer) -> dict:
    """Match extracted to expected events one to one, per document; count hits and place accuracy."""
    from geomap.extraction import extract

    tp = n_extracted = n_expected = 0
    placed = placed_ok = 0
    misses, extras = [], []
    for name, (published, expected) in sorted(load_expected().items()):
        feats = extract(CORPUS / name, published=published, name=name)
        n_extracted += len(feats)
        n_expected += len(expected)
        free = list(range(len(feats)))
        matched: dict[int, int] = {}
        gaz_points = {i: gazetteer.get(e["place"]) for i, e in enumerate(expected) if e.get("place")}
        assert all(gaz_points.values()), f"{name}: an expected place is not in the gazetteer"

        def dist(i, j):
            lon, lat = feats[j]["geometry"]["coordinates"]
            return _km(lon, lat, gaz_points[i].lon, gaz_points[i].lat)
        # first, events whose place is right (within 2 km), nearest first; then the rest by type/oblast/month
        pairs = sorted((dist(i, j), i, j) for i in gaz_points for j in free if _same(expected[i], feats[j]))
        for d, i, j in pairs:
            if d <= MAX_KM and i not in matched and j in free:
                matched[i] = j
                free.remove(j)
        for i, exp in enumerate(expected):
            if i in matched:
                continue
            cands = [j for j in free if _same(exp, feats[j])]
            if cands:
                matched[i] = cands[0]
                free.remove(cands[0])
        for i, exp in enumerate(expected):
            if i not in matched:
                misses.append(f"{name}: {exp['event_type']} {exp['admin1_code']} {exp['date_start']} ({exp.get('note')})")
                continue
            tp += 1
            if i in gaz_points:
                placed += 1
                placed_ok += dist(i, matched[i]) <= MAX_KM
        for i in free:
            p = feats[i]["properties"]
            extras.append(f"{name}: {p['event_type']} {p['admin1_code']} {p['date_start']} {p['place']}: {p['sources'][0]['quote'][:70]}")
    return {"tp": tp, "extracted": n_extracted, "expected": n_expected,
            "precision": tp / n_extracted if n_extracted else 0.0, "recall": tp / n_expected if n_expected else 0.0,
            "place_accuracy": placed_ok / placed if placed else 0.0, "placed": placed,
            "misses": misses, "extras": extras}


@pytest.fixture(scope="module")
def result():
    from geomap.gazetteer import load_gazetteer

    return score(load_gazetteer())


def test_corpus_is_big_enough_and_realistic():
    expected = load_expected()
    assert len(expected) >= 10
    for name in expected:
        text = (CORPUS / name).read_text(encoding="utf-8")
        body = text.split("---", 2)[-1] if text.startswith("---") else text
        assert len(body.split()) >= 300, f"{name} has fewer than 300 words"


def test_precision_and_recall(result):
    report = (f"precision {result['precision']:.3f} ({result['tp']}/{result['extracted']}), "
              f"recall {result['recall']:.3f} ({result['tp']}/{result['expected']})\n"
              "missed:\n  " + "\n  ".join(result["misses"]) + "\nextra:\n  " + "\n  ".join(result["extras"]))
    assert result["precision"] >= MIN_PRECISION, report
    assert result["recall"] >= MIN_RECALL, report


def test_places_within_2_km(result):
    assert result["placed"] >= 15
    assert result["place_accuracy"] >= 0.8, f"{result['place_accuracy']:.2f} of matched events placed within 2 km"
