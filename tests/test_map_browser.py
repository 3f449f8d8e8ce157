"""The map in headless Chromium: loads clean, counts, timeline, layer toggles, popups, XSS, offline."""
from __future__ import annotations

import pytest

from conftest import require_tool
from geomap.render.map import save_map

from map_fixture import COUNTS, JANUARY, JS_URL, XSS_QUOTE, layer_counts, map_features

pytestmark = pytest.mark.browser


def _need_browser() -> None:
    """Skip (outside CI) without Chromium, its driver or selenium."""
    require_tool("chromium", "Debian package chromium")
    require_tool("chromedriver", "Debian package chromium-driver")
    pytest.importorskip("selenium")


@pytest.fixture(scope="module")
def map_path(tmp_path_factory):
    _need_browser()
    path = tmp_path_factory.mktemp("map") / "map.html"
    save_map(map_features(), path, offline=True, tiles="none", title="Fixture")
    return path


@pytest.fixture
def page(map_path):
    """The fixture map freshly loaded in a tab of its own: no page state passes between tests."""
    from chromium import browser, console_errors, open_page, wait_ready

    with browser(block_network=True) as d:
        network = open_page(d, map_path.as_uri())
        wait_ready(d)
        d.geomap_load = {"errors": console_errors(d), "network": network}
        yield d


def js(d, code):
    return d.execute_script(code)


def count_text(d) -> str:
    return d.find_element("css selector", ".gm-count").text


def test_loads_offline_without_errors_or_requests(page):
    assert page.geomap_load["errors"] == []
    requested, failed = page.geomap_load["network"]
    assert failed == []
    assert requested and all(u.startswith(("file:", "data:")) for u in requested), requested


def test_offline_detector_catches_a_remote_request(tmp_path):
    """The request counting above would see a page that fetches from the web."""
    require_tool("chromium", "Debian package chromium")
    require_tool("chromedriver", "Debian package chromium-driver")
    from chromium import browser, open_page

    probe = tmp_path / "probe.html"
    probe.write_text('<!DOCTYPE html><img src="https://example.org/pixel.png">', encoding="utf-8")
    with browser(block_network=True) as d:
        requested, failed = open_page(d, probe.as_uri())
    assert "https://example.org/pixel.png" in requested and failed == ["https://example.org/pixel.png"]


def test_counts_per_layer(page):
    js(page, "geomap.showAll(true)")
    assert layer_counts(page) == COUNTS
    assert count_text(page).startswith(f"{sum(COUNTS.values())} of 9 events shown")
    assert "1 undated" in count_text(page)


def _set_slider(d, cls, date):
    js(d, f"""var s = document.querySelector('.{cls}'); s.value = Date.parse('{date}') / 86400000;
             s.dispatchEvent(new Event('input'));""")


def test_time_window_changes_visible_count(page):
    js(page, "geomap.showAll(true)")
    _set_slider(page, "gm-to", "2025-01-31")
    _set_slider(page, "gm-from", "2025-01-01")
    assert page.find_element("css selector", ".gm-all input").is_selected() is False
    assert layer_counts(page) == JANUARY
    assert count_text(page).startswith(f"{sum(JANUARY.values())} of 9 events shown")
    # an autumn-2024 event is visible through its whole interval
    _set_slider(page, "gm-from", "2024-10-15")
    _set_slider(page, "gm-to", "2024-10-20")
    assert layer_counts(page) == {**{k: 0 for k in COUNTS}, "deployment": 1, "ground_assault": 1}
    page.find_element("css selector", ".gm-all input").click()
    assert layer_counts(page) == COUNTS


def test_toggling_a_layer_hides_its_events(page):
    js(page, "geomap.showAll(true)")
    label = [e for e in page.find_elements("css selector", ".gm-layers label")
             if "Strike" in e.text][0]
    box = label.find_element("css selector", "input")
    box.click()
    try:
        assert js(page, "return geomap.counts().strike") == 0
        assert count_text(page).startswith(f"{sum(COUNTS.values()) - COUNTS['strike']} of 9")
        drawn = js(page, "return geomap.drawn().map(function (d) { return geomap.events.t[d.first]; })")
        assert 2 not in drawn  # strike's type code
    finally:
        box.click()
    assert js(page, "return geomap.counts().strike") == COUNTS["strike"]


def _click_event(d, type_key):
    """Click the drawn item whose first event has this type; returns the popup element."""
    from selenium.webdriver.common.action_chains import ActionChains

    find = f"""var k = geomap.data.typeIndex['{type_key}'];
        var it = geomap.drawn().filter(function (x) {{ return geomap.events.t[x.first] === k; }})[0];"""
    # bring it to the middle of the map, clear of the controls, then click it there
    js(d, find + "geomap.map.panTo(geomap.map.containerPointToLatLng([it.x, it.y]), {animate: false});")
    pos = js(d, find + "return [it.x, it.y];")
    container = d.find_element("css selector", ".folium-map")
    size = container.size
    ActionChains(d).move_to_element_with_offset(container, pos[0] - size["width"] / 2,
                                                pos[1] - size["height"] / 2).click().perform()
    from selenium.webdriver.support.ui import WebDriverWait

    # wait for the popup's fade-in: selenium's .text is only the visible text
    return WebDriverWait(d, 5).until(lambda d: next(
        (e for e in d.find_elements("css selector", ".leaflet-popup-content .gm-popup") if e.text), None))


def test_popup_shows_the_fields(page):
    js(page, "geomap.showAll(true); geomap.map.closePopup()")
    popup = _click_event(page, "ground_assault")
    text = popup.text
    for expected in ("Ground assault", "2025-01-10", "(to the day)", "Okhtyrka", "geonames:713749",
                     "Sumy Oblast (UA-59)", "near settlement", "Russian forces", "reported",
                     "Example News", "2025-02-01", "Source", "2 events here", "Review accepted"):
        assert expected in text, expected
    link = popup.find_element("css selector", ".gm-sources a")
    assert link.get_attribute("href") == "https://example.org/report"


def test_untrusted_text_is_shown_as_text(page):
    js(page, "geomap.showAll(true); geomap.map.closePopup()")
    popup = _click_event(page, "drone_reconnaissance")
    assert XSS_QUOTE not in popup.text  # the quote waits behind "show source"
    popup.find_element("css selector", ".gm-show-src").click()
    assert XSS_QUOTE in popup.text and "<script>window.__xss=1</script>Outlet" in popup.text
    assert popup.find_elements("css selector", "img, script") == []
    hrefs = [a.get_attribute("href") for a in popup.find_elements("css selector", "a")]
    assert hrefs == []  # the javascript: URL is not a link...
    assert JS_URL in popup.text  # ...but is shown, as text
    assert js(page, "return window.__xss === undefined")
    assert "claimed by Ukrainian military intelligence" in popup.text


def test_oblast_event_is_a_ring_that_outlines_its_oblast(page):
    js(page, "geomap.showAll(true); geomap.map.closePopup()")
    kinds = js(page, "return geomap.drawn().filter(function (d) { return d.kind === 'admin1'; }).length")
    assert kinds == 1  # both Kursk-level deployments share one ring
    popup = _click_event(page, "deployment")
    assert "only to the oblast" in popup.text and "Kursk Oblast (RU-KRS)" in popup.text
    highlighted = page.find_elements("css selector", "path[stroke='#ffcc00']")
    assert len(highlighted) == 1


def test_play_moves_the_window(page):
    from selenium.webdriver.support.ui import WebDriverWait

    f0 = js(page, "geomap.showAll(true); var f = geomap.frames(); geomap.play(); "
                  "return [f, +document.querySelector('.gm-from').min]")
    # wait on the condition, not the clock: the window has moved on and frames were drawn
    WebDriverWait(page, 20).until(lambda d: d.execute_script("return geomap.state.lo") > f0[1]
                                  and d.execute_script("return geomap.frames()") > f0[0] + 3)
    state = js(page, "return [geomap.state.all, geomap.state.lo, geomap.frames()]")
    js(page, "geomap.stop()")
    assert state[0] is False and state[1] > f0[1]
    assert page.geomap_load["errors"] == [] and js(page, "return 1") == 1


def test_a_hromada_event_is_a_ring_never_a_pin_on_its_centre(tmp_path):
    """A hromada-level event sits at the hromada's centre as a ring, with a legend row and an honest popup."""
    _need_browser()
    from chromium import browser, open_page, wait_ready
    from map_fixture import _city, _props
    from geomap.schema import make_feature

    ox, oy, okhtyrka = _city("713749")
    hromada = make_feature(_props("strike", "artillery", "2025-01-05", "2025-01-05", "day", "Okhtyrka hromada",
                                  "geonames:713749", "Sumy Oblast", "UA-59", "UA", "hromada",
                                  mention="Охтирська громада"), ox, oy)
    town = make_feature(_props("ground_assault", "assault", "2025-01-06", "2025-01-06", "day", okhtyrka,
                               "geonames:713749", "Sumy Oblast", "UA-59", "UA", "settlement"), ox, oy)
    path = tmp_path / "map.html"
    save_map([hromada, town], path, offline=True, tiles="none", title="Hromada")
    with browser(block_network=True) as d:
        open_page(d, path.as_uri())
        wait_ready(d)
        js(d, "geomap.showAll(true)")
        kinds = sorted((k["kind"], js(d, "return geomap.data.types[geomap.events.t[%d]].key" % k["first"]))
                       for k in js(d, "return geomap.drawn()"))
        assert kinds == [("area", "strike"), ("event", "ground_assault")]
        area, pin = sorted(js(d, "return geomap.drawn()"), key=lambda k: k["kind"])
        assert (area["x"], area["y"]) != (pin["x"], pin["y"])  # the ring is set beside the town, not on it
        legend = d.find_element("css selector", ".gm-legend [data-precision='hromada']").text
        assert "Known only to the hromada" in legend
        popup = _click_event(d, "strike")
        assert "only to the hromada" in popup.text and "Okhtyrka hromada" in popup.text


def test_show_source_gives_the_quote_within_its_paragraph(tmp_path):
    """Given a paragraph, "show source" shows it around the highlighted quote, as text; others keep the quote."""
    _need_browser()
    from chromium import browser, open_page, wait_ready

    feats = map_features()
    strike = next(f for f in feats if f["properties"]["event_type"] == "strike")
    recon = next(f for f in feats if f["properties"]["event_type"] == "drone_reconnaissance")
    quote = "Shells hit the depot."
    strike["properties"]["sources"] = [{**strike["properties"]["sources"][0], "quote": quote}]
    before, after = "Residents woke at dawn <script>window.__ctx=1</script>. ", " Repairs began by noon."
    paragraphs = {strike["properties"]["id"]: (before, quote, after)}
    path = tmp_path / "map.html"
    save_map(feats, path, offline=True, tiles="none", title="Paragraph", paragraphs=paragraphs)
    plain = tmp_path / "plain.html"
    save_map(feats, plain, offline=True, tiles="none", title="Paragraph")
    growth = path.stat().st_size - plain.stat().st_size
    assert 0 < growth < len((before + after).encode()) + 80  # the paragraph's text and a few bytes of index
    assert path.read_bytes() == save_map(feats, tmp_path / "again.html", offline=True, tiles="none",
                                         title="Paragraph", paragraphs=paragraphs).read_bytes()
    with browser(block_network=True) as d:
        open_page(d, path.as_uri())
        wait_ready(d)
        js(d, "geomap.showAll(true)")
        d.execute_script("geomap.map.setView([%f, %f], 14)" % tuple(reversed(strike["geometry"]["coordinates"])))
        popup = _click_event(d, "strike")
        popup.find_element("css selector", ".gm-show-src").click()
        block = popup.find_element("css selector", "blockquote.gm-in-paragraph")
        assert block.text.startswith("Residents woke at dawn <script>window.__ctx=1</script>. Shells hit the depot.")
        assert block.text.endswith("Repairs began by noon.\nopen the original")
        assert block.find_element("css selector", "mark").text == quote
        assert js(d, "return window.__ctx === undefined") and block.find_elements("css selector", "script") == []
        js(d, "geomap.map.closePopup()")
        d.execute_script("geomap.map.setView([%f, %f], 14)" % tuple(reversed(recon["geometry"]["coordinates"])))
        popup = _click_event(d, "drone_reconnaissance")
        popup.find_element("css selector", ".gm-show-src").click()
        assert popup.find_elements("css selector", ".gm-in-paragraph, mark") == []  # no paragraph: the quote alone
        assert XSS_QUOTE in popup.text


def test_build_reads_each_extracted_quote_within_its_paragraph(tmp_path):
    """`geomap build` finds each seed event's paragraph in its document, bounded, with the quote at its offsets."""
    import shutil

    from conftest import REPO
    from geomap.build import source_paragraphs
    from geomap.documents import PARAGRAPH_CHARS
    from geomap.extraction import extract_paths

    root = tmp_path / "proj"
    shutil.copytree(REPO / "seeds", root / "seeds")
    events = extract_paths([root / "seeds"], base=root).events
    found = source_paragraphs(root, events)
    assert events and set(found) == {e["properties"]["id"] for e in events}
    for e in events:
        ex, (before, quote, after) = e["properties"]["extraction"], found[e["properties"]["id"]]
        text = (root / ex["document"]).read_text("utf-8")
        assert quote == text[ex["start"]:ex["end"]]
        assert "\n\n" not in before + after and len(before) <= PARAGRAPH_CHARS + 1 and len(after) <= PARAGRAPH_CHARS + 1
        assert " ".join((before.lstrip("…") + quote + after.rstrip("…")).split()) in " ".join(text.split())
    # a document edited after extraction (offsets no longer hold the quote) gives no paragraph, not a wrong one
    doc = root / events[0]["properties"]["extraction"]["document"]
    doc.write_text("\n\n" + doc.read_text("utf-8"), encoding="utf-8")
    assert events[0]["properties"]["id"] not in source_paragraphs(root, events)
