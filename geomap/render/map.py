"""The interactive map: every event layer on a folium map with a timeline, one HTML file.

Events are packed into compact columns (scaled-integer coordinates, day numbers,
type/precision codes, deduplicated popup text) and drawn by geomap's own
Leaflet canvas layer (``static/geomap_map.js``), so 50,000 events stay small
and fast. ``offline=True`` inlines Leaflet from the installed
``django-js-lib-leaflet`` package so the file needs no network except tiles.
"""
from __future__ import annotations

import base64
import datetime as _dt
import html
import re
from functools import lru_cache
from operator import itemgetter
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import orjson

from ..errors import InputError, UsageError
from ..filters import as_features, filter_features
from ..gcpause import paused_gc
from ..layers import atomic_write_bytes, store_order
from ..regions import FOCUS_CODES, load_regions
from ..schema import (ACTORS, CLAIM_STATUSES, EVENT_TYPES, GEO_PRECISIONS, ORIGINS, REVIEW_STATUSES, SOURCE_KEYS,
                      SUB_TYPE_LABELS, TIME_PRECISIONS, review_status, weapon_label)
from . import style

LEAFLET_VERSION = "1.9.4"
LEAFLET_CDN_JS = f"https://cdn.jsdelivr.net/npm/leaflet@{LEAFLET_VERSION}/dist/leaflet.js"
LEAFLET_CDN_CSS = f"https://cdn.jsdelivr.net/npm/leaflet@{LEAFLET_VERSION}/dist/leaflet.css"
COORD_SCALE = 100_000  # 1e-5 degree, about a metre: finer than any gazetteer point
_EPOCH = _dt.date(1970, 1, 1).toordinal()
_UNDATED = 64
_GLYPH = {"square": "\u25a0", "diamond": "\u25c6", "triangle": "\u25b2", "circle": "\u25cf", "cross": "\u271a"}
DATA_TOKEN = "__geomap_event_data__"
_ID_RE = re.compile(r"^gm-[0-9a-f]{12}$")
_MASK_BITS = 31  # actors and claimants are bit masks; JavaScript's bitwise operators work on 32-bit ints
NO_ACTOR = "(no actor named)"
NOT_CLAIMED = "(no one: reported, not claimed)"


# --- assets -----------------------------------------------------------------

def _static(name: str) -> str:
    return resources.files("geomap.render").joinpath("static", name).read_text("utf-8")


@lru_cache(maxsize=None)
def leaflet_assets() -> tuple[str, str]:
    """Leaflet's JS and CSS from the installed ``django-js-lib-leaflet`` package, images inlined.

    Raises InputError when the package is missing (it is a dependency of geomap).
    """
    try:
        base = resources.files("js_lib_leaflet").joinpath("static", "js_lib_leaflet")
        js = base.joinpath("leaflet.js").read_text("utf-8")
        css = base.joinpath("leaflet.css").read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError) as exc:
        raise InputError(f"--offline needs Leaflet from the PyPI package django-js-lib-leaflet: {exc}") from None

    def inline(m: re.Match) -> str:
        data = base.joinpath("images", m.group(1)).read_bytes()
        return "url(data:image/png;base64," + base64.b64encode(data).decode("ascii") + ")"

    css = re.sub(r"url\(images/([\w.-]+\.png)\)", inline, css)
    return js, css


def _script_safe(text: str) -> str:
    """Text safe inside an inline <script> or <style> element."""
    return text.replace("</", "<\\/")


# --- packing ----------------------------------------------------------------

class _Table:
    """A deduplicating table: value → index, in first-seen order."""

    def __init__(self, first=None):
        self.index: dict[Any, int] = {}
        self.items: list[Any] = []
        if first is not None:
            self.add(first)

    def add(self, value) -> int:
        i = self.index.get(value)
        if i is None:
            i = self.index[value] = len(self.items)
            self.items.append(value)
        return i


def _features_of(events: Any) -> list[Mapping[str, Any]]:
    """A list of features from a list, a FeatureCollection, a GeoDataFrame or a path (``filters.as_features``)."""
    return as_features(events)


def pack_events(features: Iterable[Mapping[str, Any]], paragraphs: Mapping[str, tuple[str, str, str]] | None = None
                ) -> dict[str, Any]:
    """Columns for the map's JavaScript: a few small integers per event.

    ``x``/``y`` are coordinates × COORD_SCALE; ``d`` day numbers delta-encoded
    (sorted by date), ``w`` interval length in days; ``t`` type code; ``f``
    time precision | geo precision << 3 | undated (64); ``p``, ``q``, ``r``
    index the event's place row (``places``), detail row (``details``) and
    source list (``srcLists`` of ``srcs``), whose strings are deduplicated in ``s``.
    ``cx`` lists ``[event, before, after]`` (string indices) for events whose quote
    ``paragraphs`` places within its paragraph.
    """
    with paused_gc():  # the loop allocates many small tuples that never form cycles
        return _pack(features, paragraphs or {})


def _pack(features, paragraphs) -> dict[str, Any]:
    feats = _features_of(features)
    feats = [feats[i] for i in store_order(feats)]  # the layers' order: date, then id
    tindex = {t: i for i, t in enumerate(EVENT_TYPES)}
    other = tindex["other"]
    tp_index = {t: i for i, t in enumerate(TIME_PRECISIONS)}
    gp_index = {g: i << 3 for i, g in enumerate(GEO_PRECISIONS)}
    tp_default, gp_default = len(TIME_PRECISIONS) - 1, (len(GEO_PRECISIONS) - 1) << 3
    strings = _Table("")
    s = strings.add
    places, details, srcs, lists = {}, {}, {}, {}
    place_rows, detail_rows, src_rows, list_rows = [], [], [], []
    days: dict[str, int] = {}

    def day(v) -> int | None:
        if not v:
            return None
        d = days.get(v)
        if d is None:
            try:
                d = days[v] = _dt.date.fromisoformat(v).toordinal() - _EPOCH
            except (TypeError, ValueError):
                return None
        return d

    src_keys = SOURCE_KEYS
    src_get = itemgetter(*src_keys)

    def src_index(src) -> int:
        try:
            key = src_get(src)
        except KeyError:
            key = tuple(src.get(k) for k in src_keys)
        i = srcs.get(key)
        if i is None:
            i = srcs[key] = len(src_rows)
            src_rows.append([s(str(v or "")) for v in key])
        return i

    keys = ("date_start", "date_end", "time_precision", "geo_precision", "event_type", "place", "place_mention",
            "gazetteer_id", "admin1", "admin1_code", "sub_type", "actors", "weapons", "fatalities",
            "claim_status", "summary", "origin", "sources", "id")
    actor_bits: dict[str, int] = {}
    claimant_bits: dict[str, int] = {}

    def bit(table: dict[str, int], name: str) -> int:
        b = table.get(name)
        if b is None:
            b = table[name] = min(len(table), _MASK_BITS - 1)  # names past the 30th share the last bit
        return 1 << b

    for a in ACTORS:
        bit(actor_bits, a)
    actor_masks, claim_masks = [], []
    get_all = itemgetter(*keys)
    xs, ys, ds, ws, ts, fs, ps, qs, rs, ids, cx = [], [], [], [], [], [], [], [], [], [], []
    prev = 0
    for f in feats:
        p = f["properties"]
        try:
            vals = get_all(p)
        except KeyError:
            vals = tuple(p.get(k) for k in keys)
        (date_start, date_end, tprec, gprec, etype, place, mention, gaz, adm, adm_code, sub, actors, weapons,
         fat, claim, summary, origin, sources, fid) = vals
        review = review_status(p)
        lon, lat = f["geometry"]["coordinates"][:2]
        xs.append(round(lon * COORD_SCALE))
        ys.append(round(lat * COORD_SCALE))
        d0 = day(date_start)
        d1 = day(date_end) if date_end else d0
        flags = tp_index.get(tprec, tp_default) | gp_index.get(gprec, gp_default)
        if d0 is None:
            flags |= _UNDATED
            d0 = d1 = prev
        elif d1 is None or d1 < d0:
            d1 = d0
        ds.append(d0 - prev)
        ws.append(d1 - d0)
        prev = d0
        ts.append(tindex.get(etype, other))
        fs.append(flags)
        key = (place, mention, gaz, adm, adm_code)
        i = places.get(key)
        if i is None:
            i = places[key] = len(place_rows)
            place_rows.append([s(str(v or "")) for v in key])
        ps.append(i)
        actors, weapons = actors or (), weapons or ()
        key = (sub, tuple(actors), tuple(weapons), fat, claim, summary, origin, review)
        i = details.get(key)
        if i is None:
            i = details[key] = len(detail_rows)
            detail_rows.append([s(sub or ""), s(", ".join(map(str, actors))),
                                s(", ".join(weapon_label(str(w)) for w in weapons)),
                                s("" if fat is None else str(fat)), s(claim or ""), s(summary or ""), s(origin or ""),
                                s(review)])
            mask = 0
            for a in actors:
                mask |= bit(actor_bits, str(a))
            actor_masks.append(mask or bit(actor_bits, NO_ACTOR))
        qs.append(i)
        key = tuple([src_index(src) for src in (sources or ()) if isinstance(src, dict)])
        i = lists.get(key)
        if i is None:
            i = lists[key] = len(list_rows)
            list_rows.append(list(key))
            mask = 0
            for si in key:
                mask |= bit(claimant_bits, strings.items[src_rows[si][3]] or NOT_CLAIMED)
            claim_masks.append(mask or bit(claimant_bits, NOT_CLAIMED))
        rs.append(i)
        ids.append(str(fid or f.get("id") or ""))
        if paragraphs and ids[-1] in paragraphs:
            before, _quote, after = paragraphs[ids[-1]]
            cx.append([len(ids) - 1, s(before), s(after)])
    out: dict[str, Any] = {
        "n": len(feats), "scale": COORD_SCALE, "x": xs, "y": ys, "d": ds, "w": ws, "t": ts, "f": fs,
        "p": ps, "q": qs, "r": rs, "s": strings.items, "places": place_rows, "details": detail_rows,
        "srcs": src_rows, "srcLists": list_rows, "actorMask": actor_masks, "claimMask": claim_masks,
        "actorNames": _names_by_bit(actor_bits), "claimants": _names_by_bit(claimant_bits),
    }
    if cx:
        out["cx"] = cx
    if all(_ID_RE.match(i) for i in ids):
        # 12 hex digits = 6 bytes = 8 base64url characters per event
        out["ids"] = base64.urlsafe_b64encode(bytes.fromhex("".join(i[3:] for i in ids))).decode("ascii")
    else:
        out["idList"] = ids
    return out


def _names_by_bit(bits: dict[str, int]) -> list[str]:
    """Names in bit order; names sharing the last bit are listed there joined by " / "."""
    out: dict[int, list[str]] = {}
    for name, b in bits.items():
        out.setdefault(b, []).append(name)
    return [" / ".join(out[b]) for b in sorted(out)]


# --- boundaries ---------------------------------------------------------------

def _round_coords(obj, nd=4):
    if isinstance(obj, (list, tuple)):
        if obj and isinstance(obj[0], (int, float)):
            return [round(float(v), nd) for v in obj]
        return [_round_coords(o, nd) for o in obj]
    return obj


@lru_cache(maxsize=1)
def boundary_layers() -> tuple[dict, dict]:
    """Oblast polygons (rounded, slim properties) and the Russia–Ukraine border line.

    The border is :meth:`geomap.regions.Regions.border_line` (its one owner).
    """
    from shapely.geometry import mapping

    regions = load_regions()
    coll = regions.collection
    feats = []
    for f in coll["features"]:
        p = f["properties"]
        geom = f["geometry"]
        feats.append({"type": "Feature", "properties": {
            "admin1": p["admin1"], "admin1_code": p["admin1_code"], "country": p["country"], "role": p["role"],
            "rep_lon": p["rep_lon"], "rep_lat": p["rep_lat"]},
            "geometry": {"type": geom["type"], "coordinates": _round_coords(geom["coordinates"])}})
    g = mapping(regions.border_line())
    border = {"type": "Feature", "properties": {"name": "Russia–Ukraine border (from Natural Earth admin-1 edges)"},
              "geometry": {"type": g["type"], "coordinates": _round_coords(g["coordinates"])}}
    return {"type": "FeatureCollection", "features": feats}, border


def focus_bounds() -> list[list[float]]:
    """[[south, west], [north, east]] of the focus oblasts (Kursk and Sumy)."""
    regions = load_regions()
    from shapely.ops import unary_union

    geoms = [o.geometry for o in regions if o.admin1_code in FOCUS_CODES]
    w, s, e, n = unary_union(geoms).bounds
    return [[s, w], [n, e]]


# --- the map ----------------------------------------------------------------

def _page_data(features, title, paragraphs=None) -> dict[str, Any]:
    bounds, border = boundary_layers()
    data = pack_events(features, paragraphs)
    data.update({
        "types": [{"key": t, "label": style.TYPE_STYLE[t]["label"], "color": style.TYPE_STYLE[t]["color"],
                   "symbol": style.TYPE_STYLE[t]["symbol"], "glyph": _GLYPH[style.TYPE_STYLE[t]["symbol"]]}
                  for t in EVENT_TYPES],
        "typeIndex": {t: i for i, t in enumerate(EVENT_TYPES)},
        "timePrec": list(TIME_PRECISIONS), "geoPrec": list(GEO_PRECISIONS),
        "admin1Code": GEO_PRECISIONS.index("admin1"),
        # area-level precisions (hromada, admin2, admin1) by geo code: drawn as rings, never pins
        "areaStyles": {str(GEO_PRECISIONS.index(g)): {"radius": a["radius_px"], "label": a["label"], "offset": a["offset_px"],
                                                      "dash": [float(v) for v in a["dash"].split()]}
                       for g, a in style.AREA_STYLES.items()},
        "preciseOpacity": style.PRECISE_STYLE["fill_opacity"], "impreciseOpacity": style.IMPRECISE_TIME_OPACITY,
        "boundaryStyle": {
            "focus": {**style.FOCUS_BOUNDARY, "opacity": 0.9},
            "neighbour": {**style.NEIGHBOUR_BOUNDARY, "opacity": 0.7},
            "border": {"color": style.BORDER_LINE["color"], "weight": style.BORDER_LINE["weight"],
                       "dash": style.BORDER_LINE["dash"]},
        },
        "boundaries": bounds, "border": border,
        "title": title or "",
        "attribution": html.escape(f"{style.ATTRIBUTION_NE}; {style.ATTRIBUTION_GN}"),
        "subLabels": SUB_TYPE_LABELS,
        "vocab": {"claim": list(CLAIM_STATUSES), "origin": list(ORIGINS), "review": list(REVIEW_STATUSES)},
        "placeNames": _place_names(),
        "norm": _normalise_tables(),
    })
    return data


def _place_names() -> dict[str, Any]:
    """The gazetteer's places of the mapped oblasts, as columns: labels, population and search keys."""
    from .places import place_labels

    labels = place_labels()
    return {"x": [round(p.lon * COORD_SCALE) for p in labels], "y": [round(p.lat * COORD_SCALE) for p in labels],
            "pop": [p.population for p in labels], "name": [p.name for p in labels],
            "local": [p.local for p in labels], "admin1": [p.admin1_code for p in labels],
            "keys": "\n".join("|".join(p.keys) for p in labels)}


def _normalise_tables() -> dict[str, Any]:
    """geomap.names' romanisation tables, so the search box normalises a name as the geocoder does."""
    from .. import names

    return {"uk": names._UK, "ru": names._RU, "latin": names._LATIN, "apos": names._APOSTROPHES,
            "ukOnly": "".join(sorted(names._UK_ONLY))}


def _raw(text: str):
    """A branca element that renders ``text`` as is: never compiled as a Jinja template."""
    from branca.element import Element

    class Raw(Element):
        def render(self, **kwargs):
            return text

    return Raw()


def _event_layer_class():
    from branca.element import MacroElement

    class EventLayer(MacroElement):
        """geomap's canvas event layer, timeline, legend and layer control.

        Its header (scripts, styles) and data go into the page as raw text: source
        text containing ``{{`` must never reach Jinja, and a 5 MB template compiles slowly.
        """

        def __init__(self, data: dict, head_html: str):
            super().__init__()
            self._name = "GeomapEvents"
            self.data_bytes = orjson.dumps(data).replace(b"<", b"\\u003c")
            self.head_html = head_html

        def render(self, **kwargs):
            figure = self.get_root()
            figure.header.add_child(_raw(self.head_html), name=self.get_name())
            # JSON in a data block: the HTML parser does not tokenise it and JSON.parse reads it
            # faster than the JavaScript parser reads an object literal of the same size
            figure.html.add_child(_raw(f'<script type="application/json" id="geomap-data">{DATA_TOKEN}</script>\n'),
                                  name=self.get_name())
            figure.script.add_child(_raw(
                f"var {self.get_name()} = GeomapMap.create({self._parent.get_name()}, "
                "JSON.parse(document.getElementById('geomap-data').textContent));\n"),
                name=self.get_name())

    return EventLayer


def build_map(
    features: Any,
    *,
    title: str | None = None,
    tiles: str | None = "OpenStreetMap",
    offline: bool = False,
    since: str | None = None,
    until: str | None = None,
    types: Sequence[str] = (),
    admin1: str | None = None,
    paragraphs: Mapping[str, tuple[str, str, str]] | None = None,
):
    """A folium Map of the events (a list of features, a FeatureCollection or a GeoDataFrame).

    ``paragraphs`` gives, by event id, the first source's quote within its paragraph
    ``(before, quote, after)`` (``geomap build`` reads them from the documents): "show source" shows it.
    ``tiles`` is an xyzservices provider name or None/"none" for a plain
    background; ``offline`` inlines every script and stylesheet. Raises
    InputError for no events, an unknown tile provider or a bad window.
    """
    with paused_gc():  # building allocates many small objects and no cycles
        return _build_map(features, title=title, tiles=tiles, offline=offline, since=since, until=until,
                          types=types, admin1=admin1, paragraphs=paragraphs)


def _build_map(features, *, title, tiles, offline, since, until, types, admin1, paragraphs=None):
    import folium

    feats = _features_of(features)
    if not feats:
        raise InputError("no events to map")
    if types or since or until or admin1:
        feats = filter_features(feats, types=types, since=since, until=until, admin1=admin1)
    if not feats:
        raise InputError("no events match the filters (--since/--until/--type/--admin1): nothing to map")
    m = folium.Map(location=[51.2, 35.0], zoom_start=7, tiles=None, control_scale=True, prefer_canvas=False)
    if tiles and str(tiles).lower() != "none":
        import xyzservices

        try:
            xyzservices.providers.query_name("OpenStreetMap Mapnik" if str(tiles).lower() == "openstreetmap" else str(tiles))
            folium.TileLayer(tiles, name=str(tiles), control=False).add_to(m)
        except (ValueError, KeyError):
            raise UsageError(f"unknown tile provider {tiles!r}; use an xyzservices name such as "
                             "OpenStreetMap or 'CartoDB positron', or none") from None
    if offline:
        m.default_js, m.default_css = [], []
        ljs, lcss = leaflet_assets()
        head = f"<style>{_script_safe(lcss)}</style>\n<script>{_script_safe(ljs)}</script>\n"
    else:
        m.default_js, m.default_css = [("leaflet", LEAFLET_CDN_JS)], [("leaflet_css", LEAFLET_CDN_CSS)]
        head = ""
    head += f"<style>{_script_safe(_static('geomap_map.css'))}</style>\n<script>{_script_safe(_static('geomap_map.js'))}</script>\n"
    if title:
        m.get_root().header.add_child(_raw(f"<title>{html.escape(title)}</title>"), name="geomap_title")
    folium.FitBounds(focus_bounds(), padding_top_left=(20, 20), padding_bottom_right=(60, 150)).add_to(m)
    m.add_child(_event_layer_class()(_page_data(feats, title, paragraphs), head))
    _fix_ids(m.get_root())
    return m


def _fix_ids(root) -> None:
    """Replace folium's random element ids with counters so output is byte-identical."""
    n = 0
    stack = [root]
    while stack:
        el = stack.pop(0)
        el._id = f"gm{n:03d}"
        n += 1
        stack.extend(el._children.values())


def render_bytes(m) -> bytes:
    """The map as one HTML document, UTF-8; the event data is spliced in as bytes."""
    page = m.get_root().render().encode("utf-8")
    layers = [c for c in m._children.values() if hasattr(c, "data_bytes")]
    if layers:
        head, sep, tail = page.partition(DATA_TOKEN.encode("ascii"))
        assert sep, "event data placeholder missing"
        page = b"".join((head, layers[0].data_bytes, tail))
    return page


def render_html(m) -> str:
    """The map as one HTML document."""
    return render_bytes(m).decode("utf-8")


def save_map(m_or_features: Any, path: Path | str, **options) -> Path:
    """Write a map (or build one from features with ``options``) to ``path`` atomically."""
    with paused_gc():  # with many events in memory, full collections would walk them all for nothing
        m = m_or_features if hasattr(m_or_features, "get_root") else build_map(m_or_features, **options)
        data = render_bytes(m)
    path = Path(path)
    atomic_write_bytes(path, data)
    return path


def undated_count(features: Iterable[Mapping[str, Any]]) -> int:
    """How many events have no date_start (they are shown, marked, but not on the timeline)."""
    return sum(1 for f in _features_of(features) if not f["properties"].get("date_start"))
