"""evaluation/score.py: matching extracted events to annotations, and the figures it prints per language."""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("geomap_eval_score", ROOT / "evaluation" / "score.py")
score = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = score  # dataclasses look their module up there
_spec.loader.exec_module(score)

TEXT = """---
url: https://example.org/summary
outlet: Example
published: 2025-03-12
language: uk
---
За минулу добу обстрілів зазнали Білопільська та Краснопільська громади, повідомила Сумська ОВА.
"""


def _event(place, gid, **kw):
    ev = {"event_type": "strike", "sub_type": "shelling", "date_start": "2025-03-11", "date_end": "2025-03-12",
          "place": place, "gazetteer_id": gid, "admin1_code": "UA-59", "geo_precision": "admin2",
          "actors": ["Russian forces"], "claim_status": "claimed"}
    ev.update(kw)
    return ev


def _write(tmp_path: Path, events: list[dict], stem: str = "uk-test-summary") -> tuple[Path, Path]:
    texts, anns = tmp_path / "texts", tmp_path / "ann"
    texts.mkdir()
    anns.mkdir()
    (texts / f"{stem}.md").write_text(TEXT, encoding="utf-8")
    (anns / f"{stem}.yaml").write_text(yaml.safe_dump({"doc": stem, "language": "uk", "events": events},
                                                      allow_unicode=True), encoding="utf-8")
    return texts, anns


def _run(capsys, texts: Path, anns: Path, *extra: str) -> dict:
    assert score.main(["--texts", str(texts), "--annotations", str(anns), "--json", *extra]) == 0
    return json.loads(capsys.readouterr().out)


def test_every_annotated_event_found_gives_full_recall_and_right_dates(tmp_path, capsys):
    texts, anns = _write(tmp_path, [_event("Bilopillia", "geonames:712559"),
                                    _event("Krasnopillya", "geonames:704343")])
    got = _run(capsys, texts, anns)["uk"]
    assert (got["annotated"], got["extracted"], got["matched"]) == (2, 2, 2)
    assert got["recall"] == 1.0 and got["precision"] == 1.0 and got["right_date"] == 1.0
    assert got["wrong_dots"] == 0


def test_a_missed_event_lowers_recall_and_an_unannotated_place_is_counted(tmp_path, capsys):
    texts, anns = _write(tmp_path, [_event("Bilopillia", "geonames:712559"),
                                    _event("Khotin", "geonames:706253")])
    got = _run(capsys, texts, anns)["uk"]
    assert got["matched"] == 1 and got["recall"] == 0.5 and got["precision"] == 0.5
    assert got["wrong_dots"] == 0  # admin2 (a hromada's centre) is not a dot


def test_an_oblast_level_annotation_matches_any_event_of_that_oblast_once(tmp_path, capsys):
    texts, anns = _write(tmp_path, [_event("Sumy Oblast", None, geo_precision="admin1")])
    got = _run(capsys, texts, anns)["uk"]
    assert got["matched"] == 1 and got["extracted"] == 2 and got["precision"] == 0.5


def test_wrong_dot_is_a_point_event_whose_place_no_annotation_names():
    ann = {"doc": "d", "language": "en", "events": [_event("Bilopillia", "geonames:712559")]}
    extracted = [_event("Khotin", "geonames:706253", geo_precision="settlement"),
                 _event("Bilopillia", "geonames:712559", geo_precision="near_settlement")]
    s = score.score_document(ann, extracted)
    assert s.wrong_dots == 1 and s.matched == 1
    assert s.wrong_villages == 1  # the dot sits on a settlement the document's events never name


def test_a_wrong_dot_near_a_town_or_on_a_hromada_is_not_a_wrong_village():
    ann = {"doc": "d", "language": "en", "events": [_event("Bilopillia", "geonames:712559")]}
    extracted = [_event("Khotin", "geonames:706253", geo_precision="near_settlement"),
                 _event("Khotin", "geonames:706253", geo_precision="hromada")]
    s = score.score_document(ann, extracted)
    assert s.wrong_dots == 2 and s.wrong_villages == 0


def test_matching_finds_the_most_pairs_not_the_first_ones():
    a = [_event("Sumy Oblast", None, geo_precision="admin1"), _event("Bilopillia", "geonames:712559")]
    g = [_event("Bilopillia", "geonames:712559")]
    assert score.match(a, g) == [(1, 0)]
    g2 = g + [_event("Sumy Oblast", None, geo_precision="admin1")]
    assert len(score.match(a, g2)) == 2


def test_language_filter_and_missing_texts(tmp_path, capsys):
    texts, anns = _write(tmp_path, [_event("Bilopillia", "geonames:712559")])
    (anns / "en-nothing.yaml").write_text(yaml.safe_dump({"language": "en", "events": []}), encoding="utf-8")
    got = _run(capsys, texts, anns, "--lang", "uk")
    assert set(got) == {"uk", "all"}


def test_held_out_documents_are_scored_apart_and_their_details_hidden(tmp_path, capsys):
    texts, anns = _write(tmp_path, [_event("Bilopillia", "geonames:712559"),
                                    _event("Krasnopillya", "geonames:704343")])
    (anns / "uk-other.yaml").write_text(yaml.safe_dump({"doc": "uk-other", "language": "uk", "events": [
        _event("Bilopillia", "geonames:712559"), _event("Sumy", "geonames:692194", geo_precision="settlement")]},
        allow_unicode=True), encoding="utf-8")
    (texts / "uk-other.md").write_text(TEXT, encoding="utf-8")
    held = tmp_path / "held.txt"
    held.write_text("uk-other\n", encoding="utf-8")
    got = _run(capsys, texts, anns, "--holdout", str(held), "--per-doc")
    assert got["summary"]["held out"]["docs"] == 1 and got["summary"]["held out"]["recall"] == 0.5
    assert got["summary"]["looked at"]["docs"] == 1 and got["summary"]["looked at"]["recall"] == 1.0
    assert {d["doc"]: d["matched"] for d in got["documents"]} == {"uk-test-summary": 2, "uk-other": 1}
    assert score.main(["--texts", str(texts), "--annotations", str(anns), "--holdout", str(held), "--show"]) == 0
    shown = capsys.readouterr().out
    assert "held out" in shown and "== uk-test-summary" in shown and "== uk-other" not in shown
    assert score.main(["--texts", str(texts), "--annotations", str(anns), "--holdout", str(tmp_path / "none")]) == 2
    assert "cannot read the holdout list" in capsys.readouterr().err


def test_failure_classes_name_each_kind_of_miss_extra_and_date_from_fields_alone():
    ann = {"doc": "d", "language": "ru", "events": [
        _event("Bilopillia", "geonames:712559", date_start="2025-03-10", date_end="2025-03-12"),
        _event("Kursk Oblast", None, admin1_code="RU-KRS", geo_precision="admin1", event_type="ground_assault",
               place_missing=True),
        _event("Sumy Oblast", None, geo_precision="admin1", event_type="deployment")]}
    extracted = [
        _event("Bilopillia", "geonames:712559", date_start="2025-03-12", date_end="2025-03-12"),  # one day of three
        _event("Bilopillia", "geonames:712559", date_start="2025-03-11", date_end="2025-03-11"),  # told twice
        _event("Sumy Oblast", None, geo_precision="admin1", date_start="2023-08-01", date_end="2023-08-31"),
        _event("Sumy Oblast", None, geo_precision="admin1", event_type="ground_assault"),  # a deployment annotated
        _event("Khotin", "geonames:706253", geo_precision="settlement")]
    s = score.score_document(ann, extracted)
    got = {c["class"]: (c["events"], c["docs"]) for c in score.failure_classes([s])}
    assert got == {
        "date: one day extracted, a range annotated": (1, 1),
        "extra: strike at admin2, a second event for one already matched": (1, 1),
        "extra: strike at admin1, dated outside every annotated event": (1, 1),
        "extra: ground_assault at admin1 where deployment is annotated": (1, 1),
        "wrong dot: strike at settlement": (1, 1),
        "missed: ground_assault at admin1, village not in the gazetteer": (1, 1),
        "missed: deployment at admin1": (1, 1),
    }


def test_failure_classes_count_documents_and_rank_the_largest_first():
    one = {"doc": "a", "language": "uk", "events": [_event("Bilopillia", "geonames:712559"),
                                                    _event("Khotin", "geonames:706253")]}
    two = {"doc": "b", "language": "uk", "events": [_event("Khotin", "geonames:706253")]}
    scores = [score.score_document(one, []), score.score_document(two, [])]
    assert score.failure_classes(scores) == [{"class": "missed: strike at admin2", "events": 3, "docs": 2}]


def test_classes_flag_reports_real_extraction_failures_and_leaves_held_out_documents_out(tmp_path, capsys):
    texts, anns = _write(tmp_path, [_event("Bilopillia", "geonames:712559"),
                                    _event("Seredyna-Buda", "geonames:694491")])
    (anns / "uk-other.yaml").write_text(yaml.safe_dump({"doc": "uk-other", "language": "uk", "events": [
        _event("Shostka", "geonames:693942")]}, allow_unicode=True), encoding="utf-8")
    (texts / "uk-other.md").write_text(TEXT, encoding="utf-8")
    held = tmp_path / "held.txt"
    held.write_text("uk-other\n", encoding="utf-8")
    got = _run(capsys, texts, anns, "--classes", "--holdout", str(held))
    classes = {c["class"]: (c["events"], c["docs"]) for c in got["classes"]}
    # the summary names Bilopillia and Krasnopillia: Seredyna-Buda is missed, Krasnopillia was not annotated
    assert classes == {"missed: strike at admin2": (1, 1),
                       "extra: strike at admin2, no annotated event at that place": (1, 1)}  # uk-other held out
    assert score.main(["--texts", str(texts), "--annotations", str(anns), "--classes"]) == 0
    table = capsys.readouterr().out
    assert "failure class" in table and "missed: strike at admin2" in table


def test_failure_classes_flag_a_matched_event_whose_claim_or_death_toll_differs():
    ann = {"doc": "d", "language": "en", "events": [
        _event("Bilopillia", "geonames:712559", claim_status="disputed", fatalities=2),
        _event("Khotin", "geonames:706253", fatalities=1)]}
    extracted = [_event("Bilopillia", "geonames:712559", fatalities=2),
                 _event("Khotin", "geonames:706253", fatalities=3)]
    s = score.score_document(ann, extracted)
    assert s.matched == 2
    got = {c["class"]: c["events"] for c in score.failure_classes([s])}
    assert got == {"claim: claimed extracted, disputed annotated": 1, "fatalities: another count extracted": 1}
    extracted[0]["claim_status"] = "disputed"
    extracted[1]["fatalities"] = None
    got = {c["class"]: c["events"] for c in score.failure_classes([score.score_document(ann, extracted)])}
    assert got == {"fatalities: none extracted": 1}
