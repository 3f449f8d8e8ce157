"""A small project to review: the repository's seed, its curated record of that seed, plus imported events.

One imported event carries a script payload in its quote and summary, so the
tests can check that source text stays text.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import REPO
from events_factory import event, settlements
from geomap.layers import write_layers

PAYLOAD = '<script>window.__pwned = 1</script><img src="x" onerror="window.__pwned = 2">'


def imported_events() -> list[dict]:
    """Three imported events at GeoNames settlements of Kursk and Sumy oblasts."""
    kursk, sumy = settlements("RU", "41", 3), settlements("UA", "21", 3)
    src = {"url": "https://example.org/import", "outlet": "Example", "published": "2025-03-05"}
    return [
        event(kursk[1], origin="imported", summary="Artillery fire on a village.",
              sources=[{**src, "quote": "Artillery hit the village overnight."}]),
        event(sumy[1], origin="imported", event_type="ground_assault", sub_type="assault",
              date_start="2025-04-02", date_end="2025-04-02", summary="An assault on a village.",
              sources=[{**src, "url": "https://example.org/b", "quote": "Troops attacked the village."}]),
        event(sumy[2], origin="imported", date_start="2025-05-06", date_end="2025-05-06",
              summary="Shelling " + PAYLOAD,
              sources=[{**src, "url": "https://example.org/c", "quote": "Shelling was reported " + PAYLOAD}]),
    ]


# The curated file that records the seed article: the only curated events that can cover (and so take out of
# the queue) the seed's extracted ones. The rest of data/events (~500 events) would make every review command
# and build read, validate and geocode them for nothing (~0.3 CPU-s each, ~40 times a run); the queue is the
# same either way, which test_review checks against a project with the whole of data/events.
SEED_CURATED = "seed_article_2025_10.yaml"


def make_project(root: Path, curated: str = SEED_CURATED) -> Path:
    """``root`` laid out as a geomap project with curated, imported and extractable events (``curated="*"``: every
    curated file of the repository)."""
    (root / "data" / "events").mkdir(parents=True)
    for path in sorted((REPO / "data" / "events").glob(curated)):
        shutil.copy2(path, root / "data" / "events" / path.name)
    shutil.copytree(REPO / "seeds", root / "seeds")
    write_layers(root / "data" / "imported", imported_events())
    return root


def layer_events(out: Path) -> dict[str, dict]:
    """The events of a build's layers (``out/layers``), by id."""
    feats = {}
    for path in sorted((out / "layers").glob("*.geojson")):
        for f in json.loads(path.read_text("utf-8"))["features"]:
            feats[f["properties"]["id"]] = f
    return feats
