"""Static maps and charts for the report (matplotlib, Agg, no pyplot state).

Every figure is drawn on its own ``Figure`` with a fixed font, size and dpi and
saved with no software/date metadata, so the same events give the same PNG
bytes. Colours and markers come from :mod:`geomap.style`, as on the
interactive map.
"""
from __future__ import annotations

import datetime as _dt
import io
import math
from dataclasses import dataclass, field
from typing import Sequence

from ..schema import EVENT_TYPES, GEO_PRECISIONS
from .style import (AREA_STYLES, ATTRIBUTION_GN, ATTRIBUTION_NE, BORDER_LINE, FOCUS_BOUNDARY,
                     IMPRECISE_TIME_OPACITY, NEIGHBOUR_BOUNDARY, PRECISE_STYLE, TYPE_STYLE)
from .report_data import COARSE_TIME, Event, type_label

RC = {
    "font.family": "DejaVu Sans",
    "font.size": 8,
    "svg.hashsalt": "geomap-report",
    "path.simplify": True,
    "axes.titlesize": 10,
    "figure.dpi": 100,
}
DPI = 150
MARGIN_DEG = 0.25


def _style(t: str) -> dict[str, str]:
    return TYPE_STYLE.get(t, TYPE_STYLE["other"])


def png_bytes(fig) -> bytes:
    """The figure as PNG bytes, with no metadata that would change between runs."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None}, bbox_inches="tight", pad_inches=0.06)
    return buf.getvalue()


@dataclass
class Basemap:
    """Boundaries prepared once for every map: oblasts, the state border, the extent."""

    focus: object  # GeoDataFrame
    neighbours: object  # GeoDataFrame
    border: object  # shapely line
    labels: list[tuple[str, float, float]]
    extent: tuple[float, float, float, float]
    _paths: dict = field(default_factory=dict, repr=False, compare=False)

    def paths(self, which: str) -> list:
        """The ``focus`` or ``neighbours`` oblasts as matplotlib Paths, converted once for all of a report's maps
        (each map drew them through GeoDataFrame.plot, which converted them again: ~0.02 CPU-s a map)."""
        if which not in self._paths:
            self._paths[which] = _polygon_paths(getattr(self, which).geometry)
        return self._paths[which]

    @classmethod
    def from_regions(cls, regions, events: Sequence[Event]) -> "Basemap":
        """Focus oblasts strong, neighbours faint; the Russia–Ukraine border from the polygons."""
        import geopandas as gpd
        rows = [{"admin1": o.admin1, "country": o.country, "role": o.role, "geometry": o.geometry} for o in regions]
        gdf = gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")
        focus = gdf[gdf["role"] == "focus"]
        neighbours = gdf[gdf["role"] != "focus"]
        border = regions.border_line()  # its one owner: geomap.regions
        labels = []
        for o in regions:
            pt = o.geometry.representative_point()
            labels.append((o.admin1, pt.x, pt.y))
        w, s, e, n = (focus if len(focus) else gdf).total_bounds
        all_w, all_s, all_e, all_n = gdf.total_bounds
        for ev in events:  # grow to show every event that lies inside the mapped oblasts
            if all_w <= ev.lon <= all_e and all_s <= ev.lat <= all_n:
                w, s, e, n = min(w, ev.lon), min(s, ev.lat), max(e, ev.lon), max(n, ev.lat)
        extent = (w - MARGIN_DEG, s - MARGIN_DEG, e + MARGIN_DEG, n + MARGIN_DEG)
        return cls(focus=focus, neighbours=neighbours, border=border, labels=labels, extent=extent)


def _nice_km(width_km: float) -> int:
    target = width_km / 5
    for km in (5, 10, 20, 25, 50, 100, 200, 250, 500):
        if km >= target:
            return km
    return 1000


def _scale_bar(ax, extent, fontsize=7) -> None:
    """A two-segment scale bar, its length computed at the bar's latitude."""
    from matplotlib.patches import Rectangle

    w, s, e, n = extent
    lat = s + 0.06 * (n - s)
    km_per_deg = 111.320 * math.cos(math.radians(lat))
    km = _nice_km((e - w) * km_per_deg)
    length = km / km_per_deg
    x0, h = w + 0.04 * (e - w), 0.012 * (n - s)
    for i in range(2):
        ax.add_patch(Rectangle((x0 + i * length / 2, lat), length / 2, h, facecolor="black" if i == 0 else "white",
                               edgecolor="black", linewidth=0.6, zorder=20))
    for frac, text in ((0, "0"), (0.5, f"{km // 2 if km % 2 == 0 else km / 2:g}"), (1, f"{km} km")):
        ax.text(x0 + frac * length, lat + 1.8 * h, text, ha="center", va="bottom", fontsize=fontsize, zorder=20)


def _north_arrow(ax, size=1.0) -> None:
    ax.annotate("N", xy=(0.955, 0.96), xytext=(0.955, 0.86), xycoords="axes fraction", textcoords="axes fraction",
                ha="center", va="top", fontsize=9 * size, fontweight="bold", zorder=20,
                arrowprops={"facecolor": "black", "edgecolor": "black", "width": 2.5 * size, "headwidth": 8 * size,
                            "headlength": 8 * size})


class _RingHandler:
    """Legend entry for the dashed ring of oblast-level events."""

    def legend_artist(self, legend, orig_handle, fontsize, handlebox):
        from matplotlib.patches import Circle

        x0, y0 = handlebox.xdescent, handlebox.ydescent
        w, h = handlebox.width, handlebox.height
        ring = Circle((x0 + w / 2, y0 + h / 2), h * 0.75, fill=False, linestyle=_ring_dash(orig_handle.level),
                      edgecolor="#333333", linewidth=1.1, transform=handlebox.get_transform())
        handlebox.add_artist(ring)
        return ring


class _Ring:
    """A legend handle for the ring of one area level (admin1, admin2, hromada)."""

    def __init__(self, level: str = "admin1"):
        self.level = level


def _ring_dash(level: str) -> tuple[int, tuple[float, ...]]:
    """The ring's dash pattern in points, from the style's (the map's) pattern, for matplotlib."""
    return (0, tuple(float(v) * 0.6 for v in AREA_STYLES[level]["dash"].split()))


def _area_levels(events) -> list[str]:
    """The area-level precisions among ``events``, coarsest first (the legend's order)."""
    present = {e.geo_precision for e in events}
    return [g for g in reversed(GEO_PRECISIONS) if g in AREA_STYLES and g in present]


def _polygon_paths(geoms) -> list:
    """One compound Path per (multi)polygon, rings normalised and holes kept, as geopandas' plot makes them:
    the same paths give the same pixels. Missing and empty geometries are left out; collections are split."""
    import numpy as np
    from matplotlib.path import Path as MplPath

    parts = []
    for geom in geoms.normalize():
        if geom is None or geom.is_empty:
            continue
        parts.extend(g for g in geom.geoms if not g.is_empty) if geom.geom_type.startswith("Geom") else parts.append(geom)
    paths = []
    for geom in parts:
        rings = []
        for poly in ([geom] if geom.geom_type == "Polygon" else geom.geoms):
            rings.append(MplPath(np.asarray(poly.exterior.coords)[:, :2], closed=True))
            rings.extend(MplPath(np.asarray(r.coords)[:, :2], closed=True) for r in poly.interiors)
        paths.append(MplPath.make_compound_path(*rings))
    return paths


def _draw_polygons(ax, paths: list, **style) -> None:
    """The oblasts' outlines and fill, one collection (nothing drawn when there are none)."""
    from matplotlib.collections import PatchCollection
    from matplotlib.patches import PathPatch

    if paths:
        ax.add_collection(PatchCollection([PathPatch(p) for p in paths], **style), autolim=True)
        ax.autoscale_view()


def _draw_basemap(ax, base: Basemap, labels=True) -> None:
    _draw_polygons(ax, base.paths("neighbours"), facecolor="#f4f4f1", edgecolor=NEIGHBOUR_BOUNDARY["color"],
                   linewidth=NEIGHBOUR_BOUNDARY["weight"] * 0.6, zorder=1)
    _draw_polygons(ax, base.paths("focus"), facecolor="#ffffff", edgecolor=FOCUS_BOUNDARY["color"],
                   linewidth=FOCUS_BOUNDARY["weight"] * 0.5, zorder=2)
    geoms = getattr(base.border, "geoms", [base.border])
    for g in geoms:
        if g.is_empty or not hasattr(g, "xy"):
            continue
        x, y = g.xy
        ax.plot(x, y, color=BORDER_LINE["color"], linewidth=BORDER_LINE["weight"] * 0.5,
                linestyle=(0, (6, 3)), zorder=3, solid_capstyle="butt")
    if labels:
        w, s, e, n = base.extent
        for name, x, y in base.labels:
            if w < x < e and s < y < n:  # below the point, where oblast-level rings are centred
                ax.annotate(name.replace(" Oblast", ""), (x, y), xytext=(0, -_ring_radius(len(EVENT_TYPES), 1) - 6),
                            textcoords="offset points", ha="center", va="top", fontsize=7, color="#777777",
                            style="italic", zorder=4, gid="oblast-name")
    ax.set_xlim(base.extent[0], base.extent[2])
    ax.set_ylim(base.extent[1], base.extent[3])
    mid = (base.extent[1] + base.extent[3]) / 2
    ax.set_aspect(1 / math.cos(math.radians(mid)))
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")


def _text_box(ax, x: float, y: float, dx_pt: float, dy_pt: float, w_pt: float, h_pt: float):
    """Display-space box (x0, y0, x1, y1) of a text of w×h points whose left-centre sits dx, dy points from (x, y)."""
    px = ax.figure.dpi / 72.0
    cx, cy = ax.transData.transform((x, y))
    x0, yc = cx + dx_pt * px, cy + dy_pt * px
    return (x0, yc - h_pt * px / 2, x0 + w_pt * px, yc + h_pt * px / 2)


def _overlaps(box, boxes) -> bool:
    return any(not (box[2] < b[0] or b[2] < box[0] or box[3] < b[1] or b[3] < box[1]) for b in boxes)


def _draw_place_names(ax, base: Basemap, rings=(), floor: int = 20000, fontsize: float = 6.0, limit: int = 60) -> int:
    """The gazetteer's towns (as on the interactive map's "Place names"), largest first, none overlapping
    another label, a ring, a ring's counts, an oblast name, the scale bar, the north arrow or the
    attribution. Returns how many were drawn."""
    from matplotlib.transforms import ScaledTranslation

    from .places import labels_for_zoom

    ax.apply_aspect()  # the final data → display transform, before measuring boxes
    renderer = ax.figure.canvas.get_renderer() if hasattr(ax.figure.canvas, "get_renderer") else None
    taken = []
    if renderer is not None:
        taken = [tuple(t.get_window_extent(renderer).extents) for t in ax.texts if t.get_gid() in ("ring-count", "oblast-name")]
    px = ax.figure.dpi / 72.0
    for lon, lat, r in rings:
        cx, cy = ax.transData.transform((lon, lat))
        taken.append((cx - r * px, cy - r * px, cx + r * px, cy + r * px))
    for fx0, fy0, fx1, fy1 in ((0, 0, 0.32, 0.13), (0.92, 0.78, 1, 1), (0.5, 0, 1, 0.035)):  # scale, north, credit
        (x0, y0), (x1, y1) = ax.transAxes.transform((fx0, fy0)), ax.transAxes.transform((fx1, fy1))
        taken.append((x0, y0, x1, y1))
    w, s, e, n = base.extent
    dots: list[tuple[float, float, float]] = []
    offset = ax.transData + ScaledTranslation(2.5 / 72, 0, ax.figure.dpi_scale_trans)
    for p in labels_for_zoom(floor, (w, s, e, n)):
        big = p.population >= 100000
        size = fontsize + (1 if big else 0)
        box = _text_box(ax, p.lon, p.lat, 2.5, 0, len(p.name) * size * 0.6 + 2, size * 1.3)
        if _overlaps(box, taken):
            continue
        taken.append(box)
        dots.append((p.lon, p.lat, 5.0 if big else 2.6))
        ax.text(p.lon, p.lat, p.name, transform=offset, ha="left", va="center", fontsize=size, parse_math=False,
                color="#222222" if big else "#444444", fontweight="bold" if big else "normal", zorder=5,
                gid="place-name")
        if len(dots) >= limit:
            break
    if dots:  # one artist for every dot: cheaper to draw than one per town
        ax.scatter([d[0] for d in dots], [d[1] for d in dots], s=[d[2] for d in dots], c="#333333", linewidths=0,
                   zorder=5)
    return len(dots)


def _point_scale(n: int) -> float:
    """Smaller markers for many points, so a dense map still shows where events cluster."""
    return max(0.35, min(1.0, (150 / max(n, 1)) ** 0.35))


def _draw_events(ax, events: Sequence[Event], marker_scale=1.0) -> list[tuple[float, float, float]]:
    """Precise events as the type's marker; area-level ones (oblast, district, hromada) as dashed rings at
    the area's point, never a marker on the town there.

    The most frequent type is drawn first, so rarer types stay visible on top. Returns each ring
    group's (lon, lat, outer radius in points), for labels to keep clear of.
    """
    order = {t: i for i, t in enumerate(EVENT_TYPES)}
    rings: dict[tuple[float, float, str], int] = {}
    freq = {}
    for e in events:
        if e.geo_precision not in AREA_STYLES:
            freq[e.event_type] = freq.get(e.event_type, 0) + 1
    pscale = marker_scale * _point_scale(sum(freq.values()))
    for t in sorted({e.event_type for e in events}, key=lambda t: (-freq.get(t, 0), order.get(t, 99), t)):
        st = _style(t)
        for coarse in (True, False):  # coarse-dated first, so sharper dots sit on top
            pts = [e for e in events if e.event_type == t and e.geo_precision not in AREA_STYLES
                   and (e.time_precision in COARSE_TIME) == coarse]
            if not pts:
                continue
            ax.scatter([e.lon for e in pts], [e.lat for e in pts], s=(PRECISE_STYLE["radius_px"] * 1.6 * pscale) ** 2,
                       marker=st["marker"], c=st["color"], edgecolors="white", linewidths=0.4 * pscale,
                       alpha=IMPRECISE_TIME_OPACITY if coarse else PRECISE_STYLE["fill_opacity"], zorder=10)
        for e in events:
            if e.event_type == t and e.geo_precision in AREA_STYLES:
                k = (e.lon, e.lat, t, e.geo_precision)
                rings[k] = rings.get(k, 0) + 1
    by_point: dict[tuple[float, float], list[tuple[str, int, str]]] = {}
    for (lon, lat, t, gp), count in sorted(rings.items(), key=lambda kv: (kv[0][0], kv[0][1], order.get(kv[0][2], 99),
                                                                           kv[0][3])):
        # concentric rings, one radius per type, so types at one oblast do not hide each other
        radius = _ring_radius(order.get(t, 4), marker_scale, gp)
        ax.scatter([lon], [lat], s=(2 * radius) ** 2, marker="o", facecolors="none", edgecolors=_style(t)["color"],
                   linewidths=1.4, linestyles=_ring_dash(gp), zorder=11, gid=f"ring-{gp}")
        by_point.setdefault((lon, lat), []).append((t, count, gp))
    fontsize = 6.5 * marker_scale + 0.5
    for (lon, lat), counts in by_point.items():
        # the counts in one column to the right of the outermost ring, a line each: they cannot overlap
        outer = max(_ring_radius(order.get(t, 4), marker_scale, gp) for t, _, gp in counts)
        step = fontsize * 1.25
        for k, (t, count, _gp) in enumerate(counts):
            ax.annotate(str(count), (lon, lat), xytext=(outer + 3, (len(counts) - 1) / 2 * step - k * step),
                        textcoords="offset points", ha="left", va="center", fontsize=fontsize,
                        color=_style(t)["color"], fontweight="bold", zorder=12, gid="ring-count")
    return [(lon, lat, max(_ring_radius(order.get(t, 4), marker_scale, gp) for t, _, gp in counts))
            for (lon, lat), counts in by_point.items()]


def _ring_radius(i: int, marker_scale: float, level: str = "admin1") -> float:
    """The radius in points of the ring of the i-th event type at one area level."""
    return (AREA_STYLES[level]["radius_px"] * 0.6 + 4.0 * i) * marker_scale


def _legend(ax, types: Sequence[str], rings: Sequence[str], has_point: bool, loc="lower right", fontsize=7) -> None:
    from matplotlib.lines import Line2D

    handles, labels = [], []
    for t in types:
        st = _style(t)
        handles.append(Line2D([], [], marker=st["marker"], color=st["color"], linestyle="none", markersize=7,
                              markeredgecolor="white"))
        labels.append(type_label(t))
    for level in rings:  # one entry per area level present: oblast, district, hromada
        handles.append(_Ring(level))
        labels.append(f"{AREA_STYLES[level]['label'].split(' (')[0]} (ring; number = events)")
    if has_point:
        handles.append(Line2D([], [], marker="o", color="#888888", alpha=IMPRECISE_TIME_OPACITY, linestyle="none",
                              markersize=7))
        labels.append("Lighter: dated only to month or coarser")
    handles.append(Line2D([], [], color=BORDER_LINE["color"], linestyle=(0, (6, 3)), linewidth=1.5))
    labels.append("Russia–Ukraine border")
    # below the map, so it never hides events, the scale bar or the border
    ax.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, -0.045), ncols=2, fontsize=fontsize,
              frameon=False, handler_map={_Ring: _RingHandler()}, labelspacing=0.5, columnspacing=1.5)


def _attribution(fig, ax, fontsize=6) -> None:
    ax.text(0.995, 0.008, f"{ATTRIBUTION_NE} · {ATTRIBUTION_GN}", transform=ax.transAxes, ha="right", va="bottom",
            fontsize=fontsize, color="#444444", zorder=25,
            bbox={"facecolor": "white", "alpha": 0.8, "edgecolor": "none", "pad": 1.0})


def map_figure(base: Basemap, events: Sequence[Event], title: str, types: Sequence[str] | None = None,
               size=(7.2, 6.4)) -> bytes:
    """One map as PNG bytes (see ``draw_map``)."""
    from matplotlib import rc_context

    with rc_context(RC):
        return png_bytes(draw_map(base, events, title, types, size))


def draw_map(base: Basemap, events: Sequence[Event], title: str, types: Sequence[str] | None = None,
             size=(7.2, 6.4)):
    """One map figure: boundaries, border, place names, events by type, legend, scale bar, north arrow,
    attribution."""
    from matplotlib import rc_context
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    with rc_context(RC):
        fig = Figure(figsize=size)  # its default canvas draws nothing: geopandas' redraw after each plot is free
        ax = fig.add_axes((0.02, 0.05, 0.96, 0.88))
        _draw_basemap(ax, base)
        FigureCanvasAgg(fig)  # the renderer the place names are measured with
        _draw_place_names(ax, base, _draw_events(ax, events))
        shown = list(types) if types is not None else sorted({e.event_type for e in events},
                                                             key=lambda t: (EVENT_TYPES.index(t) if t in EVENT_TYPES else 99, t))
        _legend(ax, shown, _area_levels(events),
                any(e.geo_precision not in AREA_STYLES and e.time_precision in COARSE_TIME for e in events))
        _scale_bar(ax, base.extent)
        _north_arrow(ax)
        _attribution(fig, ax)
        ax.set_title(title, loc="left", fontweight="bold")
        return fig


def small_multiples(base: Basemap, panels: Sequence[tuple[str, Sequence[Event]]], title: str, ncols=3) -> bytes:
    """A grid of small maps (e.g. one per month) sharing one extent and one legend."""
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    n = len(panels)
    ncols = min(ncols, n)
    nrows = math.ceil(n / ncols)
    with rc_context(RC):
        w, s_, e, n_ = base.extent
        ratio = (n_ - s_) / ((e - w) * math.cos(math.radians((s_ + n_) / 2)))
        fig = Figure(figsize=(7.2, nrows * (7.2 / ncols * ratio + 0.3) + 0.9))
        axes = fig.subplots(nrows, ncols, squeeze=False)
        everything = [e for _, evs in panels for e in evs]
        for i, ax in enumerate(axes.flat):
            if i >= n:
                ax.set_visible(False)
                continue
            label, evs = panels[i]
            _draw_basemap(ax, base, labels=False)
            _draw_events(ax, evs, marker_scale=0.55)
            ax.set_title(f"{label} ({len(evs)})", fontsize=8)
            if i == 0:
                _scale_bar(ax, base.extent, fontsize=5.5)
                _north_arrow(ax, size=0.6)
        types = sorted({e.event_type for e in everything},
                       key=lambda t: (EVENT_TYPES.index(t) if t in EVENT_TYPES else 99, t))
        from matplotlib.lines import Line2D

        handles = [Line2D([], [], marker=_style(t)["marker"], color=_style(t)["color"], linestyle="none", markersize=6)
                   for t in types]
        labels = [type_label(t) for t in types]
        for level in _area_levels(everything):
            handles.append(_Ring(level))
            labels.append(AREA_STYLES[level]["label"].split(" (")[0])
        fig.legend(handles, labels, loc="lower center", ncols=min(len(handles), 3), fontsize=7, frameon=False,
                   handler_map={_Ring: _RingHandler()})
        fig.suptitle(title, x=0.02, ha="left", fontweight="bold", fontsize=10)
        fig.text(0.98, 1 - 0.12 / fig.get_figheight(), f"{ATTRIBUTION_NE} · {ATTRIBUTION_GN}", ha="right",
                 va="top", fontsize=5.5, color="#555555")
        fig.subplots_adjust(left=0.02, right=0.98, top=1 - 0.45 / fig.get_figheight(),
                            bottom=0.55 / fig.get_figheight(), wspace=0.05, hspace=0.18)
        return png_bytes(fig)


def _week(d: _dt.date) -> _dt.date:
    return d - _dt.timedelta(days=d.weekday())


def timeline_figure(events: Sequence[Event], period: tuple[_dt.date, _dt.date] | None, title: str) -> bytes:
    """Events per week (Monday start), stacked by type; coarse dates sit mid-range, lighter; the period shaded."""
    import numpy as np
    from matplotlib import dates as mdates
    from matplotlib import rc_context
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    dated = [e for e in events if e.mid]
    weeks = sorted({_week(e.mid) for e in dated})
    lo, hi = weeks[0], weeks[-1]
    if period:
        lo, hi = min(lo, _week(period[0])), max(hi, _week(period[1]))
    n_weeks = (hi - lo).days // 7 + 1
    x = [lo + _dt.timedelta(weeks=i) for i in range(n_weeks)]
    xn = mdates.date2num(x)
    types = [t for t in EVENT_TYPES if any(e.event_type == t for e in dated)]
    types += sorted({e.event_type for e in dated} - set(EVENT_TYPES))
    with rc_context(RC):
        fig = Figure(figsize=(7.2, 3.2))
        ax = fig.add_axes((0.08, 0.3, 0.9, 0.6))
        bottom = np.zeros(n_weeks)
        for t in types:
            for coarse in (False, True):
                counts = np.zeros(n_weeks)
                for e in dated:
                    if e.event_type == t and (e.time_precision in COARSE_TIME) == coarse:
                        counts[(_week(e.mid) - lo).days // 7] += 1
                if counts.any():
                    has = counts > 0  # an empty week's bar has no height and draws nothing: not made at all
                    ax.bar(xn[has] + 3.5, counts[has], width=6.2, bottom=bottom[has], color=_style(t)["color"],
                           alpha=IMPRECISE_TIME_OPACITY if coarse else 0.95, linewidth=0, zorder=3)
                    bottom += counts
        if period:
            p0, p1 = mdates.date2num([period[0], period[1] + _dt.timedelta(days=1)])
            ax.axvspan(p0, p1, color="#fbf3d0", zorder=0, linewidth=0)
            for p in (p0, p1):
                ax.axvline(p, color="#b08800", linewidth=0.8, linestyle="--", zorder=1)
        pad = max(7.0, 0.02 * n_weeks * 7)
        ax.set_xlim(xn[0] - pad, xn[-1] + 7 + pad)
        ax.set_ylim(0, max(1.0, float(bottom.max())) * 1.12)
        locator = mdates.AutoDateLocator(minticks=3, maxticks=9)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        ax.yaxis.get_major_locator().set_params(integer=True)
        ax.set_ylabel("events per week")
        ax.grid(axis="y", color="#dddddd", linewidth=0.5, zorder=0)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        handles = [Patch(color=_style(t)["color"], label=type_label(t)) for t in types]
        if period:
            handles.append(Patch(facecolor="#fbf3d0", edgecolor="#b08800", linestyle="--", label="report period"))
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.12), fontsize=6.5,
                  ncols=min(3, len(handles)), frameon=False)
        ax.set_title(title, loc="left", fontweight="bold")
        fig.text(0.08, 0.02, "Weeks start on Monday. Events dated only to a month or season are placed at the middle "
                 "of their range and drawn lighter.", fontsize=6, color="#555555")
        return png_bytes(fig)
