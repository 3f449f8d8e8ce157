"""The map as an analyst uses it, in headless Chromium with the network blocked: filters, place
names, place search, popups clear of the controls, the view kept in the URL, the timeline's axis,
brushing and play speed. Every wait is on a condition, never a fixed sleep."""
from __future__ import annotations

import copy

import pytest

from conftest import require_tool
from geomap.render.map import save_map
from geomap.schema import make_feature, review_status

from map_fixture import COUNTS, layer_counts, map_features

pytestmark = pytest.mark.browser


def analyst_features() -> list[dict]:
    """The map fixture with a mix of origins, review states, claims and actors."""
    feats = copy.deepcopy(map_features())
    out = []
    for f in feats:
        p = dict(f["properties"])
        p.pop("id")
        if p["event_type"] == "strike" and p["date_start"] == "2025-01-20":
            p.update(sub_type="mlrs", origin="extracted", claim_status="claimed",
                     sources=[{"url": "https://example.org/mod", "outlet": "Ministry bulletin", "published": "2025-01-21",
                               "claimed_by": "Russian Ministry of Defence", "quote": "Rocket artillery hit the area."}])
        elif p["event_type"] == "strike" and p["date_start"] == "2025-02-10":
            p.update(origin="imported", review_status="corrected")
        elif p["event_type"] == "ground_assault" and p["date_start"] == "2025-01-10":
            p.update(actors=["Ukrainian forces"], claim_status="disputed")
        out.append(make_feature(p, *f["geometry"]["coordinates"]))
    return out


FEATURES = analyst_features()
N = len(FEATURES)


def _value_sets(p: dict) -> dict[str, set]:
    """Each filter group's values for one event, from its properties."""
    claimants = {s.get("claimed_by") for s in p["sources"] if s.get("claimed_by")}
    return {"actor": set(p["actors"]) or {"(no actor named)"}, "claim": {p["claim_status"]},
            "by": claimants or {"(no one: reported, not claimed)"}, "origin": {p["origin"]},
            "review": {review_status(p)}, "geo": {p["geo_precision"]}, "time": {p["time_precision"]}}


def expected_counts(group: str, hidden: str) -> dict[str, int]:
    """Events per type left when ``hidden`` is unticked in ``group`` (all dates shown)."""
    out = {k: 0 for k in COUNTS}
    for f in FEATURES:
        p = f["properties"]
        if _value_sets(p)[group] - {hidden}:
            out[p["event_type"]] += 1
    return out


@pytest.fixture(scope="module")
def map_path(tmp_path_factory):
    require_tool("chromium", "Debian package chromium")
    require_tool("chromedriver", "Debian package chromium-driver")
    pytest.importorskip("selenium")
    path = tmp_path_factory.mktemp("analyst") / "map.html"
    save_map(FEATURES, path, offline=True, tiles="none", title="Analyst")
    return path


@pytest.fixture
def page(map_path):
    """The analyst map freshly loaded in a tab of its own: no page state passes between tests."""
    from chromium import browser, console_errors, wait_ready

    with browser(block_network=True) as d:
        d.get(map_path.as_uri())
        wait_ready(d)
        d.load_errors = console_errors(d)
        yield d


def js(d, code, *args):
    return d.execute_script(code, *args)


def wait(d, cond, timeout=10):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(d, timeout).until(cond)


def reset(d):
    js(d, """geomap.map.closePopup(); geomap.applyHash('#map=7/51.2/35.0');""")


def open_filters(d):
    det = d.find_element("css selector", "details.gm-filters")
    if not det.get_attribute("open"):
        det.find_element("css selector", "summary").click()
    return det


CASES = [("actor", "Russian forces"), ("actor", "North Korean forces"), ("claim", "claimed"),
         ("claim", "disputed"), ("by", "Russian Ministry of Defence"), ("origin", "curated"),
         ("origin", "extracted"), ("review", "unreviewed"), ("review", "accepted"), ("geo", "admin1"),
         ("geo", "near_settlement"), ("time", "day"), ("time", "season")]


def test_each_filter_changes_what_is_drawn_and_counted(page):
    """Every case on one freshly loaded page, one after another (a page load per case cost ~0.5 CPU-s of
    Chromium each): each case starts from the reset view and must leave every count as the page first showed
    it, so a filter that does not fully undo itself fails the next case too, where a page per case hid it."""
    assert layer_counts(page) == COUNTS
    for group, value in CASES:
        _check_filter_case(page, group, value)


# What a case reads after each click, in one script (a WebDriver round trip each cost ~6-10 ms of CPU, ~15 a
# case): events per type as the layer control shows them, the count line, the events drawn, the timeline's
# histogram total and the filter summary's text. Rendered text (innerText), as WebDriver's ``.text`` reads it.
_STATE = """var rows = Array.from(document.querySelectorAll('.gm-layers .gm-n'));
    return {counts: rows.map(function (e) { return [e.getAttribute('data-type'), e.innerText]; }),
            count: document.querySelector('.gm-count').innerText,
            drawn: geomap.drawn().reduce(function (a, d) { return a + d.n; }, 0), hist: geomap.histTotal(),
            summary: document.querySelector('details.gm-filters summary').innerText};"""


def _state(page) -> dict:
    st = js(page, _STATE)
    st["counts"] = {key: int(text.strip().strip("()")) for key, text in st["counts"]}
    return st


def _check_filter_case(page, group, value):
    reset(page)
    case = f"{group}={value}"
    before = _state(page)
    det = open_filters(page)
    box = det.find_element("css selector", f"input[data-group='{group}'][data-value='{value}']")
    box.click()
    try:
        want = expected_counts(group, value)
        assert want != COUNTS, f"{case}: the case must hide something"
        st = _state(page)
        assert st["counts"] == want, case
        assert st["count"].startswith(f"{sum(want.values())} of {N} events shown"), case
        assert st["drawn"] == sum(want.values()) < before["drawn"], case
        dated_hidden = sum(1 for f in FEATURES if f["properties"]["date_start"]
                           and not (_value_sets(f["properties"])[group] - {value}))
        if dated_hidden:  # the timeline's histogram follows the filters too
            assert st["hist"] == before["hist"] - dated_hidden, case
        assert "(1 hidden)" in st["summary"], case
    finally:
        box.click()
    st = _state(page)
    assert st["counts"] == COUNTS, case
    assert "hidden" not in st["summary"], case


def _centre_pixel(d, day):
    """The RGBA of the event canvas at the one strike drawn on ``day``."""
    return d.execute_script("""
        geomap.setWindowDates(arguments[0], arguments[0]);
        var it = geomap.drawn().filter(function (x) { return geomap.events.t[x.first] === geomap.data.typeIndex.strike; })[0];
        var c = document.querySelector('.gm-canvas'), dpr = window.devicePixelRatio || 1;
        return Array.from(c.getContext('2d').getImageData(Math.round(it.x * dpr), Math.round(it.y * dpr), 1, 1).data);""", day)


def test_unreviewed_events_are_drawn_hollow(page):
    reset(page)
    assert "hollow: not yet reviewed" in page.find_element("css selector", ".gm-legend").text
    js(page, "geomap.map.setView([geomap.events.lat[0], geomap.events.lon[0]], 9, {animate: false})")
    js(page, "var i = 0; while (geomap.events.t[i] !== 2) i++; "
             "geomap.map.setView([geomap.events.lat[i], geomap.events.lon[i]], 12, {animate: false})")
    extracted = _centre_pixel(page, "2025-01-20")  # the extracted, unreviewed strike
    curated = _centre_pixel(page, "2025-01-05")  # a curated (reviewed) strike at the same place
    assert extracted[0] > 200 and extracted[1] > 200 and extracted[2] > 200, extracted  # white inside
    assert curated[0] > 150 and curated[1] < 120 and curated[2] < 120, curated  # filled with the strike red


def test_place_names_overlay_offline(page):
    reset(page)
    assert page.load_errors == []
    label = [e for e in page.find_elements("css selector", ".gm-layers label") if e.text.strip() == "Place names"]
    assert len(label) == 1
    box = label[0].find_element("css selector", "input")
    assert box.is_selected()
    shown = _shown_place_labels(page)  # [(name, hover title)] of each label on screen
    names = [name for name, _ in shown]
    assert "Sumy" in names and "Kursk" in names
    assert "Суми" in next(title for name, title in shown if name == "Sumy")  # the local spelling on hover
    n_low = len(names)
    js(page, "geomap.map.setView([51.0, 35.0], 10, {animate: false})")  # villages appear as you zoom in
    pops = js(page, """var P = geomap.data.placeNames; return geomap.placeLabels().map(function (n) {
                         return P.pop[P.name.indexOf(n)]; });""")
    assert min(pops) < 5000, "zoomed in, smaller places are labelled"
    assert n_low > 5
    box.click()
    assert page.find_elements("css selector", ".gm-place") == []
    box.click()
    assert page.find_elements("css selector", ".gm-place")
    attribution = page.find_element("css selector", ".leaflet-control-attribution").text
    assert "GeoNames" in attribution and "Natural Earth" in attribution and "OpenStreetMap" not in attribution


def _shown_place_labels(d) -> list[tuple[str, str]]:
    """(name, hover title) of each place label on screen, read in one script: WebDriver's ``.text`` per label
    was ~70 round trips (~0.7 CPU-s). A label counts when it is rendered, as ``.text`` (visible text) had it."""
    rows = d.execute_script("""return Array.from(document.querySelectorAll('.gm-place')).filter(function (e) {
            var s = getComputedStyle(e); return e.getClientRects().length && s.visibility !== 'hidden'; })
        .map(function (e) { return [e.innerText.trim(), e.getAttribute('title') || '']; });""")
    return [(name, title) for name, title in rows]


def _rect(d, el):
    return d.execute_script("var r = arguments[0].getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom];", el)


def _overlap(a, b) -> bool:
    return not (a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1])


def test_popup_at_the_top_right_is_fully_visible(page):
    from selenium.webdriver.common.action_chains import ActionChains

    reset(page)
    size = js(page, "var s = geomap.map.getSize(); return [s.x, s.y];")
    # put the Sumy drone event in the top-right corner, just left of the layer control
    right = js(page, "return document.querySelector('.gm-layers').getBoundingClientRect().left - "
                     "geomap.map.getContainer().getBoundingClientRect().left")
    pos = js(page, """var k = geomap.data.typeIndex['drone_reconnaissance'];
        var i = 0; while (geomap.events.t[i] !== k) i++;
        var m = geomap.map, p = m.latLngToContainerPoint([geomap.events.lat[i], geomap.events.lon[i]]);
        m.panBy([p.x - (arguments[0] - 14), p.y - 16], {animate: false});
        p = m.latLngToContainerPoint([geomap.events.lat[i], geomap.events.lon[i]]); return [p.x, p.y];""", right)
    assert pos[0] > size[0] / 2 and pos[1] < 30
    container = page.find_element("css selector", ".folium-map")
    ActionChains(page).move_to_element_with_offset(container, pos[0] - size[0] / 2, pos[1] - size[1] / 2).click().perform()
    popup = wait(page, lambda d: next(iter(d.find_elements("css selector", ".leaflet-popup")), None))
    controls = [_rect(page, c) for c in page.find_elements(
        "css selector", ".leaflet-control-container .leaflet-control") if c.is_displayed()]
    vw, vh = js(page, "return [window.innerWidth, window.innerHeight]")

    def clear(d):
        r = _rect(d, popup)
        return r if (r[0] >= 0 and r[1] >= 0 and r[2] <= vw and r[3] <= vh
                     and not any(_overlap(r, c) for c in controls)) else None

    r = wait(page, clear)  # autoPan animates: wait until the popup has settled clear of everything
    assert r[2] - r[0] > 100 and r[3] - r[1] > 50
    assert "Drone reconnaissance" in popup.text


def test_human_labels_and_sources(page):
    reset(page)
    # open the popup through the place search list, which builds the same box as a click
    box = page.find_element("css selector", ".gm-search input")
    box.clear()
    box.send_keys("Qwzxv")  # no such place: the box says so
    wait(page, lambda d: d.find_elements("css selector", ".gm-none"))
    box.clear()
    box.send_keys("Курськ\n")  # Ukrainian spelling of Kursk
    wait(page, lambda d: d.find_elements("css selector", ".gm-near-item"))
    i = js(page, "var i = 0; while (geomap.data.s[geomap.data.details[geomap.events.q[i]][0]] !== 'mlrs') i++; return i;")
    page.find_element("css selector", f".gm-near-item[data-event='{i}']").click()
    popup = wait(page, lambda d: next((p for p in d.find_elements("css selector", ".leaflet-popup-content .gm-popup")
                                       if p.text), None))
    assert "Strike \u2014 MLRS (rocket artillery)" in popup.text
    assert "mlrs" not in popup.text.replace("MLRS", "")
    assert "claimed by Russian Ministry of Defence" in popup.text
    popup.find_element("css selector", ".gm-show-src").click()
    quote = popup.find_element("css selector", "blockquote.gm-quote")
    assert "Rocket artillery hit the area." in quote.text
    assert quote.find_element("css selector", "a").get_attribute("href") == "https://example.org/mod"


SPELLINGS = {"Суджі": "Sudzha", "sudja": "Sudzha", "СУМИ": "Sumy", "Сумах": "Sumy", "Okhtyrky": "Okhtyrka"}


def test_place_search_any_spelling(page):
    """Every spelling on one page (searchPlaces only reads the page's data; a page per spelling cost a tab's
    ~0.5 CPU-s each): the first place found for each, compared all at once so every wrong one is named."""
    reset(page)
    found = {q: js(page, "return geomap.searchPlaces(arguments[0])", q) for q in SPELLINGS}
    assert {q: f[0]["name"] if f else None for q, f in found.items()} == SPELLINGS, found


def test_place_search_zooms_and_lists_events_within_distance(page):
    from geomap.render.places import place_labels

    reset(page)
    box = page.find_element("css selector", ".gm-search input")
    box.clear()
    box.send_keys("Сумах\n")
    head = wait(page, lambda d: next((e for e in d.find_elements("css selector", ".gm-res-head") if e.text), None))
    sumy = next(p for p in place_labels() if p.name == "Sumy")
    center = js(page, "var c = geomap.map.getCenter(); return [c.lat, c.lng, geomap.map.getZoom()]")
    assert abs(center[0] - sumy.lat) < 1e-3 and abs(center[1] - sumy.lon) < 1e-3 and center[2] >= 10
    assert head.text.startswith("1 event within 10 km of Sumy")
    from selenium.webdriver.support.ui import Select

    Select(page.find_element("css selector", ".gm-radius")).select_by_value("50")
    head = wait(page, lambda d: next((e for e in d.find_elements("css selector", ".gm-res-head")
                                      if "50 km" in e.text), None))
    assert head.text.startswith("1 event within 50 km")  # Okhtyrka is ~70 km away
    Select(page.find_element("css selector", ".gm-radius")).select_by_value("10")


def test_url_keeps_the_view(page, map_path):
    reset(page)
    js(page, """geomap.setWindowDates('2025-01-01', '2025-01-31'); geomap.setFilter('actor', 'Russian forces', false);
                geomap.setType('other', false); geomap.map.setView([51.3, 35.2], 9, {animate: false});""")
    hash_ = wait(page, lambda d: (h := d.execute_script("return location.hash")) and "from=2025-01-01" in h
                 and "hide-actor=Russian%20forces" in h and "map=9/51.3000/35.2000" in h and "hide-type=other" in h and h)
    counts = layer_counts(page)
    from chromium import browser, wait_ready

    with browser(block_network=True) as d2:
        d2.get(map_path.as_uri() + hash_)
        wait_ready(d2)
        st = d2.execute_script("""var c = geomap.map.getCenter(); return [geomap.state.all, geomap.state.lo * 86400000,
             geomap.state.hi * 86400000, geomap.map.getZoom(), c.lat, c.lng, geomap.filterGroups()[0].hidden];""")
        assert st[0] is False and st[3] == 9 and abs(st[4] - 51.3) < 1e-3 and abs(st[5] - 35.2) < 1e-3
        assert st[6] == ["Russian forces"]
        assert d2.execute_script("return new Date(arguments[0]).toISOString().slice(0, 10)", st[1]) == "2025-01-01"
        assert d2.execute_script("return new Date(arguments[0]).toISOString().slice(0, 10)", st[2]) == "2025-01-31"
        assert layer_counts(d2) == counts
        assert d2.find_element("css selector", "input[data-group='actor'][data-value='Russian forces']").is_selected() is False
    js(page, "geomap.setType('other', true)")
    reset(page)


def test_timeline_axis_sliders_brush_and_speed(page):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.support.ui import Select

    reset(page)
    st = js(page, """return [document.querySelector('.gm-from').value, document.querySelector('.gm-to').value,
                   document.querySelector('.gm-from').min, document.querySelector('.gm-to').max]""")
    assert st[0] == st[2] and st[1] == st[3]  # "All dates" ticked: the sliders span everything
    # the month axis: one tick per month from Sep 2024 to Feb 2025, January labelled with its year
    assert js(page, "return geomap.map && document.querySelector('.gm-axis').width") == 480
    hist = page.find_element("css selector", ".gm-hist")
    w = hist.size["width"]
    ActionChains(page).move_to_element_with_offset(hist, -w / 2 + w * 0.6, 0).click_and_hold() \
        .move_by_offset(int(w * 0.3), 0).release().perform()
    state = js(page, "return [geomap.state.all, geomap.state.lo, geomap.state.hi]")
    assert state[0] is False and state[2] - state[1] > 20
    assert not page.find_element("css selector", ".gm-all input").is_selected()
    Select(page.find_element("css selector", ".gm-speed")).select_by_value("4")
    assert js(page, "return geomap.state.speed") == 4
    page.find_element("css selector", ".gm-all input").click()
    st = js(page, "return [document.querySelector('.gm-from').value, document.querySelector('.gm-from').min]")
    assert st[0] == st[1]


def test_tile_credit_only_once_tiles_load(tmp_path):
    """Offline, OpenStreetMap tiles never load, so the map does not credit OpenStreetMap."""
    from chromium import browser, console_errors, wait_ready

    require_tool("chromium", "Debian package chromium")
    path = tmp_path / "tiles.html"
    save_map(FEATURES, path, offline=True, tiles="OpenStreetMap")
    with browser(block_network=True) as d:
        d.get(path.as_uri() + "#hide-actor=%E0%A4%A&map=8/51/35")  # a mangled link still opens the map
        wait_ready(d)
        text = d.find_element("css selector", ".leaflet-control-attribution").text
        assert "OpenStreetMap" not in text and "GeoNames" in text
        assert d.execute_script("return geomap.map.getZoom()") == 8
        assert [e for e in console_errors(d) if "tile.openstreetmap" not in e] == []
