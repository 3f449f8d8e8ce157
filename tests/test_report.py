"""The static report: what a reader of the HTML, PNGs and PDF would check.

The fixture layers (tests/data/report_layers, made by make_report_fixture.py
from GeoNames and Natural Earth) hold 12 events of all five types, settlement
and oblast-level, with an HTML payload in a quote and in a summary.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import DATA, require_tool
from geomap.cli.main import cli
from geomap.errors import InputError, OutputError
from geomap.layers import layer_files, read_layer, read_layers
from geomap.render.report import build_report
from geomap.render.style import TYPE_STYLE

LAYERS = DATA / "report_layers"
PAYLOAD = '<script>alert("quote")</script><b>bold?</b>'


def layer_counts() -> dict[str, int]:
    return {p.stem: len(read_layer(p)) for p in layer_files(LAYERS)}


@pytest.fixture(scope="module")
def full_report(report_pair) -> Path:
    """One complete report (HTML, PNG, PDF, by month) of the fixture, shared by the read-only tests (conftest)."""
    return report_pair / "a"


class TableReader(HTMLParser):
    """Rows of each table by id, and the event rows' data-type attributes."""

    def __init__(self):
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.event_types: list[str] = []
        self.month_tables: list[list[list[str]]] = []
        self._stack: list[list[list[str]]] = []
        self._cell: list[str] | None = None
        self.hrefs: list[str] = []
        self.img_srcs: list[str] = []
        self.tags: Counter = Counter()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags[tag] += 1
        if tag == "table":
            rows: list[list[str]] = []
            self._stack.append(rows)
            if a.get("id"):
                self.tables[a["id"]] = rows
            if "month-table" in (a.get("class") or ""):
                self.month_tables.append(rows)
        elif tag == "tr" and self._stack:
            self._stack[-1].append([])
            if a.get("data-type"):
                self.event_types.append(a["data-type"])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "a":
            self.hrefs.append(a.get("href") or "")
        elif tag == "img":
            self.img_srcs.append(a.get("src") or "")

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self._stack:
            self._stack[-1][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "table" and self._stack:
            self._stack.pop()

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def read_html(path: Path) -> TableReader:
    r = TableReader()
    r.feed(path.read_text(encoding="utf-8"))
    return r


# --- HTML tables ------------------------------------------------------------

def test_html_tables_count_what_the_layers_hold(full_report):
    counts = layer_counts()
    r = read_html(full_report / "index.html")
    assert Counter(r.event_types) == Counter({k: v for k, v in counts.items() if v})
    by_type = {row[0]: int(row[1]) for row in r.tables["by-type"][1:]}
    assert by_type.pop("Total") == sum(counts.values())
    assert by_type == {TYPE_STYLE[t]["label"]: n for t, n in counts.items() if n}
    oblasts = Counter(f["properties"]["admin1"] for f in read_layers(LAYERS))
    assert {row[0]: int(row[1]) for row in r.tables["by-oblast"][1:]} == dict(oblasts)
    # type x oblast x month: each oblast's table totals match, and every month's cells add up
    assert len(r.month_tables) == len(oblasts)
    grand = 0
    for rows in r.month_tables:
        *body, total = rows[1:]
        for row in body:
            assert sum(int(c) for c in row[1:-1] if c) == int(row[-1])
        grand += int(total[-1])
    assert grand == sum(counts.values())


def test_event_table_shows_precision_and_sources(full_report):
    text = (full_report / "index.html").read_text(encoding="utf-8")
    r = read_html(full_report / "index.html")
    rows = r.tables["event-table"][1:]
    assert len(rows) == 12
    # oblast-level events say so in the place column; dates carry their precision
    oblast_rows = [row for row in rows if "admin1" in row[2]]
    assert len(oblast_rows) == sum(1 for f in read_layers(LAYERS) if f["properties"]["geo_precision"] == "admin1")
    assert all("to the" in row[0] for row in rows)
    urls = {s["url"] for f in read_layers(LAYERS) for s in f["properties"]["sources"]}
    assert urls <= set(r.hrefs)
    assert all(h.startswith(("http://", "https://", "../", "map.html")) for h in r.hrefs)
    assert "Open the interactive map" not in text  # no map.html beside this report


def test_payload_in_a_quote_is_text_not_markup(full_report):
    text = (full_report / "index.html").read_text(encoding="utf-8")
    r = read_html(full_report / "index.html")
    assert r.tags["script"] == 0 and r.tags["b"] == 0
    cells = [c for row in r.tables["event-table"] for c in row]
    assert any(PAYLOAD in c for c in cells)  # the reader sees the quote's characters, as text
    assert any("<img src=x onerror=alert(1)> & more" in c for c in cells)
    assert "<img src=x" not in text and "&lt;img src=x onerror=alert(1)&gt; &amp; more" in text
    assert all(not s.startswith("x") for s in r.img_srcs)


def test_only_web_links_become_links(tmp_path):
    feats = read_layers(LAYERS)[:1]
    p = feats[0]["properties"]
    p["sources"] = [{"url": "javascript:alert(1)", "outlet": "Bad", "published": "2024-01-01"},
                    {"url": "ftp://example.org/x", "outlet": "Old", "published": "2024-01-02"},
                    {"url": "https://example.org/ok?a=1&b=\"2\"", "outlet": "Good", "published": "2024-01-03"}]
    res = build_report(feats, tmp_path / "r", formats="html")
    r = read_html(res.html)
    assert "javascript:alert(1)" not in r.hrefs and "ftp://example.org/x" not in r.hrefs
    assert 'https://example.org/ok?a=1&b="2"' in r.hrefs
    text = res.html.read_text(encoding="utf-8")
    assert "javascript:alert(1)" in text  # shown as text, so the reader sees what the source gave
    assert 'href="https://example.org/ok?a=1&amp;b=&#34;2&#34;"' in text


# --- PNG figures --------------------------------------------------------------

def _colours(path: Path) -> Counter:
    """Pixel count per exact RGB colour."""
    from PIL import Image

    with Image.open(path) as im:
        return Counter({rgb: n for n, rgb in im.convert("RGB").getcolors(maxcolors=1 << 24)})


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))


def _has(colours: Counter, hex_colour: str, at_least: int = 30) -> bool:
    """The colour covers a drawn mark (not just a few anti-aliased pixels)."""
    return colours[_rgb(hex_colour)] >= at_least


def _neutral(hex_colour: str) -> bool:
    r, g, b = _rgb(hex_colour)
    return r == g == b


def test_pngs_exist_and_show_the_type_colours(full_report):
    counts = layer_counts()
    present = [t for t, n in counts.items() if n]
    expected = {"overview.png", "timeline.png", "months.png", *(f"map_{t}.png" for t in present)}
    assert {p.name for p in full_report.glob("*.png")} == expected
    for name in expected:
        assert (full_report / name).stat().st_size > 20_000, name
    for name in ("overview.png", "timeline.png", "months.png"):
        cols = _colours(full_report / name)
        for t in present:
            assert _has(cols, TYPE_STYLE[t]["color"]), (name, t)
    for t in present:
        cols = _colours(full_report / f"map_{t}.png")
        assert _has(cols, TYPE_STYLE[t]["color"]), t
        for other in present:  # a type's own map shows no other type (grey also anti-aliases text)
            if other != t and not _neutral(TYPE_STYLE[other]["color"]):
                assert not _has(cols, TYPE_STYLE[other]["color"], at_least=1), (t, other)


def test_html_and_pngs_are_byte_identical_on_rebuild(report_pair):
    """The second report of the pair (conftest) is made from the same features in reverse order (without its
    PDF: see test_pdf_differs_only_in_its_dates)."""
    files = json.loads((report_pair / "files.json").read_text())
    assert files["a"] == files["b"] + ["report.pdf"]
    assert "index.html" in files["b"] and any(n.endswith(".png") for n in files["b"])
    for name in files["b"]:
        assert (report_pair / "a" / name).read_bytes() == (report_pair / "b" / name).read_bytes(), name


# --- PDF ----------------------------------------------------------------------

def _pdf_text(path: Path) -> list[str]:
    from pypdf import PdfReader

    import unicodedata

    return [unicodedata.normalize("NFKC", p.extract_text()) for p in PdfReader(str(path)).pages]


def test_pdf_is_a4_numbered_and_carries_the_summary(full_report):
    from pypdf import PdfReader

    pdf = full_report / "report.pdf"
    reader = PdfReader(str(pdf))
    n = len(reader.pages)
    assert 4 <= n <= 12
    for page in reader.pages:
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(w - 595.3) < 2 and abs(h - 841.9) < 2  # A4 in points
    pages = _pdf_text(pdf)
    for i, text in enumerate(pages, 1):
        assert f"Page {i} of {n}" in text
    first = " ".join(pages[0].split())
    feats = read_layers(LAYERS)
    total = len(feats)
    geo = Counter(f["properties"]["geo_precision"] for f in feats)
    assert f"{total} events" in first
    assert f"{100 * (geo['settlement'] + geo['near_settlement']) / total:.0f}%" in first
    assert f"{100 * geo['admin1'] / total:.0f}%" in first
    corroborated = sum(1 for f in feats if len({s["outlet"] for s in f["properties"]["sources"]}) >= 2)
    assert f"{corroborated} are corroborated" in first
    # every event row made it into the PDF: no table was clipped
    alltext = " ".join(" ".join(pages).split())
    for f in feats:
        words = " ".join(f["properties"]["summary"].split()[:3])
        assert words in alltext, words
    assert PAYLOAD in "".join(alltext.split())  # the payload printed as text (wrapped in its column)


def test_pdf_differs_only_in_its_dates(seed_full_builds):
    """Two prints of the same report (conftest's two full builds): the PDF is a print of the HTML and PNGs,
    which test_html_and_pngs_are_byte_identical_on_rebuild compares for reports of reordered features."""
    a = (seed_full_builds / "a" / "report" / "report.pdf").read_bytes()
    b = (seed_full_builds / "b" / "report" / "report.pdf").read_bytes()
    strip = re.compile(rb"/(CreationDate|ModDate) ?\(D:[^)]*\)")
    assert strip.sub(b"", a) == strip.sub(b"", b)


# --- offline in a real browser ------------------------------------------------

def _open_offline(page: Path, shot: Path) -> list[str]:
    """Load ``page`` in headless Chromium without network; the URLs the page itself asked for beyond file:/data:."""
    require_tool("chromedriver", "Debian package chromium-driver")
    pytest.importorskip("selenium")
    from chromium import browser, open_page

    with browser(block_network=True, width=1000, height=1800) as d:
        requested, failed = open_page(d, page.resolve().as_uri())
        d.save_screenshot(str(shot))
    return [u for u in requested + failed if not u.startswith(("file:", "data:"))]


@pytest.mark.browser
def test_html_opens_offline_with_no_requests(full_report, tmp_path):
    require_tool("chromium", "Debian package chromium")
    # that the detector (chromium.open_page) catches a remote request is test_map_browser's
    # test_offline_detector_catches_a_remote_request, on the same kind of probe page
    # the report asks for nothing, and its maps render (the type colours are on screen)
    seen = _open_offline(full_report / "index.html", tmp_path / "shot.png")
    assert seen == []
    cols = _colours(tmp_path / "shot.png")
    assert _has(cols, TYPE_STYLE["strike"]["color"])


# --- bad input ------------------------------------------------------------------

def test_empty_period_says_so_on_the_first_page(tmp_path, monkeypatch):
    """Also the one print of the suite with SOURCE_DATE_EPOCH set: the PDF is dated by it (without it, an empty
    report would be dated 2000-01-01; report_pair checks the date taken from the data)."""
    require_tool("chromium", "Debian package chromium")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    res = build_report(read_layers(LAYERS), tmp_path / "r", since="2030-01-01")
    assert res.total == 0 and res.pngs == []
    assert "Nothing to show" in res.notes[0]
    first = " ".join(_pdf_text(res.pdf)[0].split())
    assert "Nothing to show" in first and "from 2030-01-01" in first
    assert b"/CreationDate (D:20231114221320" in res.pdf.read_bytes()
    assert read_html(res.html).img_srcs == []


def test_requested_type_without_events_is_named(tmp_path):
    res = build_report(read_layers(LAYERS), tmp_path / "r", formats="html,png", types=("strike", "other"),
                       admin1="UA-59")
    assert any("No other" in n for n in res.notes)
    assert "No other (training, transfers) events in this selection" in res.html.read_text(encoding="utf-8")
    assert {p.name for p in res.pngs} == {"overview.png", "map_strike.png", "timeline.png"}


def test_missing_boundaries_file_is_a_clear_error(tmp_path):
    missing = tmp_path / "nope.geojson"
    with pytest.raises(InputError, match="boundaries file not found") as exc:
        build_report(read_layers(LAYERS), tmp_path / "r", formats="html", boundaries=missing)
    assert str(missing) in str(exc.value)


def test_unwritable_output_keeps_earlier_report(tmp_path, report_pair):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(OutputError, match="cannot write the report"):
        build_report(read_layers(LAYERS), blocker / "report", formats="html")
    out = tmp_path / "r"
    shutil.copytree(report_pair / "a", out)  # an earlier report: HTML, PNGs and PDF of the same layers
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    with pytest.MonkeyPatch.context() as mp:  # a failing PDF step must not touch the earlier report
        mp.setenv("GEOMAP_CHROMIUM", str(tmp_path / "no-such-browser"))
        with pytest.raises(OutputError, match="Chromium"):
            build_report(read_layers(LAYERS), out, formats="html,png,pdf", types=("strike",))
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".report-")]


def test_cli_report_and_its_errors(tmp_path):
    runner = CliRunner()
    out = tmp_path / "r"
    res = runner.invoke(cli, ["report", str(LAYERS), "-o", str(out), "--outputs", "html,png", "--type", "strike",
                              "--admin1", "Sumy", "--title", "Sumy strikes <test>"])
    assert res.exit_code == 0, res.output
    assert "wrote" in res.output
    text = (out / "index.html").read_text(encoding="utf-8")
    assert "<h1>Sumy strikes &lt;test&gt;</h1>" in text
    sumy_strikes = [f for f in read_layers(LAYERS) if f["properties"]["event_type"] == "strike"
                    and f["properties"]["admin1_code"] == "UA-59"]
    assert Counter(read_html(out / "index.html").event_types) == {"strike": len(sumy_strikes)}
    bad = runner.invoke(cli, ["report", str(LAYERS), "-o", str(out), "--outputs", "html,svg"])
    assert bad.exit_code == 2 and "Error: unknown report format svg" in bad.output
    assert "Traceback" not in bad.output
    bad = runner.invoke(cli, ["report", str(tmp_path / "none"), "-o", str(out)])
    assert bad.exit_code == 1 and "not a directory of layers" in bad.output
    bad = runner.invoke(cli, ["report", str(LAYERS), "-o", str(out), "--since", "2025-01-01", "--until", "2024-01-01"])
    assert bad.exit_code == 2 and "is after" in bad.output


def test_build_writes_the_report_and_links_the_map(seed_full_builds):
    """A full build of the repository (conftest's, shared) writes the report beside the map and links it."""
    out = seed_full_builds / "a"
    result = json.loads((seed_full_builds / "a.json").read_text())
    assert str(out / "report") in result["outputs"] and (out / "map.html").is_file()
    index = out / "report" / "index.html"
    assert 'href="../map.html"' in index.read_text(encoding="utf-8")
    r = read_html(index)
    assert len(r.event_types) == result["total"] == len(read_layers(out / "layers"))
    assert (out / "report" / "report.pdf").stat().st_size > 10_000


def test_html_alone_embeds_its_figures_and_takes_a_geodataframe(tmp_path):
    import geopandas as gpd
    import pandas as pd

    gdf = pd.concat([gpd.read_file(p) for p in layer_files(LAYERS)], ignore_index=True)
    res = build_report(gdf, tmp_path / "r", formats="html")
    assert [p.name for p in res.files] == ["index.html"]
    r = read_html(res.html)
    assert r.img_srcs and all(s.startswith("data:image/png;base64,") for s in r.img_srcs)
    assert Counter(r.event_types) == Counter({k: v for k, v in layer_counts().items() if v})
    assert res.counts == {k: v for k, v in layer_counts().items() if v}
    # every source of the layers is linked, as from the features themselves (no second report drawn to compare)
    assert set(r.hrefs) == {s["url"] for f in read_layers(LAYERS) for s in f["properties"]["sources"]}


def test_fixture_places_come_from_their_sources():
    """The fixture's points are GeoNames settlements or Natural Earth oblast points, as their ids say."""
    from geomap.regions import load_regions
    from geonames import ById

    cities = ById(5000)  # each record looked up by id
    regions = load_regions()
    for f in read_layers(LAYERS):
        p, (lon, lat) = f["properties"], f["geometry"]["coordinates"]
        if p["geo_precision"] == "admin1":
            assert (lon, lat) == pytest.approx(regions.get(p["admin1_code"]).rep_point, abs=1e-6)
        else:
            c = cities[p["gazetteer_id"].removeprefix("geonames:")]
            assert (lon, lat) == pytest.approx((float(c["longitude"]), float(c["latitude"])), abs=1e-6)
