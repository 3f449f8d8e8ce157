"""``geomap build`` end to end on the repository's own seeds/ and data/."""
from __future__ import annotations

import shutil

import pytest

from geomap.build import build
from geomap.errors import ValidationError
from geomap.layers import read_layers
from geomap.regions import load_regions
from geomap.schema import EVENT_TYPES

# (event_type, sub_type) -> (admin1_code, date_start, date_end, time_precision, claim_status, claimed_by)
SEED_EVENTS = {
    ("ground_assault", "incursion"): ("RU-KRS", "2024-08-01", "2024-08-31", "month", "reported", None),
    ("deployment", "troop_arrival"): ("RU-KRS", "2024-09-01", "2024-11-30", "season", "claimed", "Ukrainian military intelligence"),
    ("other", "training"): ("RU-KRS", "2024-09-01", "2024-11-30", "season", "reported", None),
    ("drone_reconnaissance", "target_acquisition"): ("UA-59", "2025-10-01", "2025-10-31", "month", "claimed", "Ukrainian military intelligence"),
    ("strike", "mlrs"): ("UA-59", "2025-10-01", "2025-10-31", "month", "claimed", "Ukrainian officials (Kyiv)"),
    ("ground_assault", "offensive"): ("UA-59", "2025-01-01", "2025-10-31", "year", "claimed", "President Volodymyr Zelenskyy"),
}


def _seed_report(feats):
    """The curated events that cite the seed report (data/events/ also holds events from other reporting)."""
    return [f for f in feats if f["properties"]["origin"] == "curated"
            and f["properties"]["sources"][0].get("outlet") == "Business Insider"]


@pytest.fixture(scope="module")
def built(seed_layers):
    """The events of the run's layers-only build of the repository (conftest)."""
    return read_layers(seed_layers)


def test_seed_events_with_honest_precision(built):
    feats = built
    curated = _seed_report(feats)
    got = {(f["properties"]["event_type"], f["properties"]["sub_type"]): f for f in curated}
    assert set(got) == set(SEED_EVENTS)
    regions = load_regions()
    for key, (code, ds, de, tp, cs, by) in SEED_EVENTS.items():
        p = got[key]["properties"]
        assert (p["admin1_code"], p["date_start"], p["date_end"], p["time_precision"], p["claim_status"]) == (code, ds, de, tp, cs), key
        assert p["sources"][0]["claimed_by"] == by
        # known only at oblast level: at the oblast's representative point, no gazetteer id
        assert p["geo_precision"] == "admin1" and p["gazetteer_id"] is None
        assert got[key]["geometry"]["coordinates"] == list(regions.get(code).rep_point)
    assert {f["properties"]["event_type"] for f in curated} == set(EVENT_TYPES)


def test_north_korean_deployment_is_attributed(built):
    feats = built
    dep = [f for f in _seed_report(feats) if f["properties"]["event_type"] == "deployment"]
    assert dep[0]["properties"]["actors"] == ["North Korean forces"]
    assert "11,000" in dep[0]["properties"]["summary"]


def test_build_twice_is_byte_identical(tmp_path):
    from conftest import REPO

    layers_only = dict(render_map=False, report=False)  # this test compares the layers
    build(REPO, tmp_path / "a", **layers_only)
    second = build(REPO, tmp_path / "a", **layers_only)
    build(REPO, tmp_path / "b", **layers_only)
    assert second.added == 0 and second.updated == 0 and second.unchanged == second.total
    for p in sorted((tmp_path / "a" / "layers").iterdir()):
        assert p.read_bytes() == (tmp_path / "b" / "layers" / p.name).read_bytes()


def test_invalid_curated_event_leaves_previous_output_intact(tmp_path):
    from conftest import REPO

    root = tmp_path / "proj"
    shutil.copytree(REPO / "data" / "events", root / "data" / "events")
    if (REPO / "seeds").is_dir():
        shutil.copytree(REPO / "seeds", root / "seeds")
    out = tmp_path / "out"
    build(root, out, render_map=False, report=False)
    before = {p.name: p.read_bytes() for p in (out / "layers").iterdir()}
    bad = root / "data" / "events" / "zz_bad.yaml"
    bad.write_text(
        "- event_type: airdrop\n  date_start: 2024-13-01\n  date_end: 2024-12-01\n  time_precision: day\n"
        "  admin1: Kursk Oblast\n  claim_status: reported\n"
        "  sources: [{url: 'javascript:alert(1)'}]\n", encoding="utf-8")
    with pytest.raises(ValidationError) as exc:
        build(root, out)
    text = "\n".join(str(p) for p in exc.value.problems)
    assert "zz_bad.yaml: line 1: record 0" in text
    assert "unknown event_type 'airdrop'" in text
    assert "'2024-13-01' is not an ISO 8601 date" in text
    assert "is not an http(s) URL" in text
    assert {p.name: p.read_bytes() for p in (out / "layers").iterdir()} == before
