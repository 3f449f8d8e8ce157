"""The static report: ``index.html`` + PNG figures + ``report.pdf``, from event features.

``build_report`` filters the events, computes the numbers (``report_data``),
draws the figures (``figures``), fills the HTML template and prints it to PDF
(``pdf``). Everything is written to a staging directory first and moved into
place only when every requested output exists, so a failed run leaves the
previous report as it was.
"""
from __future__ import annotations

import base64
from collections import Counter
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from .. import __version__
from ..errors import InputError, OutputError, UsageError
from ..filters import as_features, resolve_admin1, select
from ..schema import EVENT_TYPES, sub_type_label
from ..txn import pid_alive
from .style import ATTRIBUTION_GN, ATTRIBUTION_NE, TYPE_STYLE
from . import report_data as rd

FORMATS = ("html", "pdf", "png")
BY_CHOICES = ("month",)
DEFAULT_TITLE = "Military events in Kursk and Sumy oblasts"
MAX_MONTH_PANELS = 24
# The event table is cut into tables of this many rows (each repeats its header):
# Chromium paginates one huge table far more slowly than many small ones.
EVENT_TABLE_CHUNK = 200
# Above this many source documents the methodology lists outlets, not documents
# (every document stays linked from its events in the event table).
MAX_SOURCE_ROWS = 300
# Tagged (screen-reader friendly) PDFs up to this many events; larger reports
# skip the tags, which cost Chromium about 40% more time on a 10,000-event table.
TAGGED_PDF_MAX_EVENTS = 2000
# The PDF's event table holds at most this many rows (index.html lists every event): Chromium's
# memory grows with the page count, past 6 GB for 150,000 events.
PDF_MAX_EVENT_ROWS = 5000
# Files a report owns in its directory: replaced on every run, stale ones removed.
OWNED = ("index.html", "report.pdf", "overview.png", "timeline.png", "months.png")
OWNED_PREFIX = "map_"


@dataclass
class ReportResult:
    """What a report run wrote, its event counts and any notes for the user."""

    out_dir: Path
    files: list[Path]
    total: int
    counts: dict[str, int]
    notes: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def html(self) -> Path | None:
        return next((p for p in self.files if p.name == "index.html"), None)

    @property
    def pdf(self) -> Path | None:
        return next((p for p in self.files if p.suffix == ".pdf"), None)

    @property
    def pngs(self) -> list[Path]:
        return [p for p in self.files if p.suffix == ".png"]


def parse_formats(formats: str | Iterable[str]) -> tuple[str, ...]:
    """``"html,pdf"`` or ``("html", "pdf")`` → checked, de-duplicated tuple in canonical order."""
    items = formats.split(",") if isinstance(formats, str) else list(formats)
    items = [str(f).strip().lower() for f in items if str(f).strip()]
    bad = [f for f in items if f not in FORMATS]
    if bad or not items:
        raise UsageError(f"unknown report format {', '.join(bad) or '(none)'}; choose from {', '.join(FORMATS)}")
    return tuple(f for f in FORMATS if f in items)


def _date_text(e: rd.Event) -> str:
    if e.start is None:
        return "undated"
    if e.end and e.end != e.start:
        return f"{e.start.isoformat()} – {e.end.isoformat()}"
    return e.start.isoformat()


def _event_rows(events: Sequence[rd.Event]) -> list[dict[str, Any]]:
    rows = []
    for e in events:
        p = e.props
        srcs = []
        for s in e.sources:
            url = str(s.get("url") or "")
            label = " ".join(x for x in (str(s.get("outlet") or ""), f"({s['published']})" if s.get("published") else "") if x)
            srcs.append({"url": url, "linkable": rd.is_web_url(url), "label": label or url or "(unnamed source)",
                         "claimed_by": s.get("claimed_by"), "quote": s.get("quote")})
        place = p.get("place") or p.get("place_mention") or e.oblast
        if e.geo_precision == "admin1":
            place = e.oblast
        elif p.get("place") and e.oblast not in place:
            place = f"{place}, {e.oblast}"
        rows.append({
            "id": e.id, "type": e.event_type, "sub_type": sub_type_label(p.get("sub_type")) if p.get("sub_type") else None, "date": _date_text(e),
            "time_precision": f"to the {e.time_precision}", "place": place,
            "geo_precision": e.geo_precision + (f" · “{p['place_mention']}”" if e.geo_precision == "admin1"
                                                and p.get("place_mention") else ""),
            "actors": ", ".join(str(a) for a in (p.get("actors") or [])), "claim": p.get("claim_status") or "",
            "summary": p.get("summary") or "", "sources": srcs,
        })
    return rows


def _filters_text(types, since, until, admin1, regions) -> str:
    parts = []
    if types:
        parts.append("types " + ", ".join(rd.type_label(t) for t in types))
    if admin1:
        ob = regions.get(admin1)
        parts.append(f"oblast {ob.admin1 if ob else admin1}")
    if since:
        parts.append(f"from {since}")
    if until:
        parts.append(f"until {until}")
    return "; ".join(parts)


def _css_text(text: str) -> str:
    """Text safe inside a double-quoted CSS string in a <style> element."""
    return "".join(c if (c.isalnum() or c in " -–,.:()'/&") else " " for c in text)[:90].replace("&", "and")


def _render_html(ctx: dict[str, Any]) -> str:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    env = Environment(loader=FileSystemLoader(str(Path(__file__).parent / "templates")),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      undefined=StrictUndefined, keep_trailing_newline=True, trim_blocks=False)
    env.globals.update(label=rd.type_label, colour=lambda t: TYPE_STYLE.get(t, TYPE_STYLE["other"])["color"])
    return env.get_template("report.html.j2").render(**ctx)


def check_map_href(href: str | None) -> None:
    """InputError unless ``href`` is an http(s) URL or a relative link (no ``javascript:``, ``data:``, ``//host``)."""
    if href is None:
        return
    from urllib.parse import urlsplit

    bad = any(ord(c) < 33 or c == "\\" for c in href[:1]) or any(ord(c) < 32 or ord(c) == 127 for c in href)
    try:
        scheme = urlsplit(href).scheme.lower()
    except ValueError:
        bad = True
        scheme = ""
    if bad or href.startswith(("//", "\\")) or (scheme and scheme not in ("http", "https")) \
            or (scheme and not rd.is_web_url(href)):
        raise InputError(f"--map-href {href[:80]!r}: only http(s) URLs and relative links are allowed")


def _auto_map_href(out_dir: Path) -> str | None:
    if (out_dir / "map.html").is_file():
        return "map.html"
    if (out_dir.parent / "map.html").is_file():
        return "../map.html"
    return None


def build_report(
    features: Any,
    out_dir: Path | str,
    *,
    title: str | None = None,
    formats: str | Iterable[str] = FORMATS,
    since: str | None = None,
    until: str | None = None,
    types: Sequence[str] = (),
    admin1: str | None = None,
    by: str | None = None,
    map_href: str | None = None,
    boundaries: Path | str | None = None,
    source_note: str | None = None,
    review_removed: Mapping[str, int] | None = None,
    **event_filters,
) -> ReportResult:
    """Write the report for ``features`` into ``out_dir``.

    ``formats`` picks html, pdf, png (the HTML needs its figures: asked for
    without png, it embeds them). ``by="month"`` adds small-multiple maps per
    month. ``map_href`` links the interactive map; by default a ``map.html``
    in or beside ``out_dir`` is linked. ``review_removed`` gives the events
    the review ledger took out (``{"rejected": n, "merged": m}``, from the build),
    which the methodology counts. ``event_filters`` are the other filters of
    ``geomap.filters.select`` (``actors=``, ``claim_status=``, …). Raises InputError for bad filters or
    boundaries, OutputError when the report cannot be written or printed.
    """
    from ..regions import load_regions
    from .pdf import html_to_pdf, report_time, require_chromium, stamp_pdf

    fmts = parse_formats(formats)
    check_map_href(map_href)
    if by not in (None, *BY_CHOICES):
        raise InputError(f"unknown --by {by!r}; choose from {', '.join(BY_CHOICES)}")
    types = tuple(types or ())
    if "pdf" in fmts:
        require_chromium()  # fail before drawing anything
    out_dir = Path(out_dir)
    _refuse_a_file_in_the_path(out_dir)
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    regions = load_regions(str(boundaries) if boundaries else None)
    all_features = as_features(features)
    code = resolve_admin1(admin1, regions)
    selected = select(all_features, types=types, since=since, until=until, admin1=code, **event_filters)
    context = select(all_features, types=types, admin1=code, **event_filters)
    events = rd.to_events(selected)
    summary = rd.summarise(events, since, until, types)
    timings["data"] = time.perf_counter() - t0

    title = title or DEFAULT_TITLE
    notes = []
    for t in summary.missing_types:
        notes.append(f"No {rd.type_label(t).lower()} events in this selection: there is no map for that type.")
    filters = _filters_text(types, since, until, code, regions)
    nothing_reason = (f"filters: {filters}" if filters else "the layers hold no events") + f"; {len(all_features)} "\
        f"event{'' if len(all_features) == 1 else 's'} before filtering"
    if not events:
        notes.insert(0, f"Nothing to show: no events match ({nothing_reason}).")

    figures: dict[str, bytes] = {}
    t = time.perf_counter()
    months_caption = ""
    if events:
        from .figures import Basemap, map_figure, small_multiples

        base = Basemap.from_regions(regions, events)
        shown_types = [t_ for t_ in EVENT_TYPES if any(e.event_type == t_ for e in events)]
        figures["overview.png"] = map_figure(base, events, f"{title}: all events ({len(events)})")
        for et in shown_types:
            evs = [e for e in events if e.event_type == et]
            figures[f"map_{et}.png"] = map_figure(base, evs, f"{rd.type_label(et)} ({len(evs)})", types=[et],
                                                  size=(4.8, 4.4))
        if by == "month":
            months = sorted({e.month for e in events})
            if len(months) > MAX_MONTH_PANELS:
                notes.append(f"{len(months)} months in the period: the month maps show the last {MAX_MONTH_PANELS}.")
                months = months[-MAX_MONTH_PANELS:]
            panels = [(m, [e for e in events if e.month == m]) for m in months]
            figures["months.png"] = small_multiples(base, panels, "Events by month (month of the start date)")
            months_caption = "One map per month, by the month each event starts; counts in brackets."
    timings["maps"] = time.perf_counter() - t
    t = time.perf_counter()
    if events:
        from .figures import timeline_figure

        period = None
        if summary.period:
            p0 = rd.parse_date(summary.period[0]) or min(e.start for e in events if e.start)
            p1 = rd.parse_date(summary.period[1]) or max(e.end for e in events if e.end)
            period = (p0, p1)
        figures["timeline.png"] = timeline_figure(rd.to_events(context), period,
                                                  "Events per week by type" + (" (report period shaded)" if period else ""))
    timings["charts"] = time.perf_counter() - t

    t = time.perf_counter()
    embed = "png" not in fmts
    def src(name: str) -> str:
        if embed:
            return "data:image/png;base64," + base64.b64encode(figures[name]).decode("ascii")
        return name

    from markupsafe import Markup

    origins = sorted(Counter(e.props.get("origin") or "unknown" for e in events).items())
    oblast_mentions = rd.oblast_level_mentions(events)
    sources = rd.source_rows(events)
    ctx = {
        "version": __version__, "title": title, "title_css": Markup(_css_text(title)), "s": summary,
        "filters": filters, "nothing_reason": nothing_reason, "notes": notes[1:] if not events else notes,
        "map_href": map_href if map_href is not None else _auto_map_href(out_dir),
        "figures": {
            "overview": src("overview.png") if "overview.png" in figures else "",
            "types": [(n[4:-4], src(n)) for n in figures if n.startswith(OWNED_PREFIX)],
            "months": src("months.png") if "months.png" in figures else "",
            "timeline": src("timeline.png") if "timeline.png" in figures else "",
        },
        "months_caption": months_caption,
        "month_tables": rd.month_tables(events), "rows": _event_rows(events), "chunk_rows": EVENT_TABLE_CHUNK, "sources": sources if len(sources) <= MAX_SOURCE_ROWS else [],
        "outlets": rd.outlet_rows(sources) if len(sources) > MAX_SOURCE_ROWS else [], "n_sources": len(sources),
        "origins": origins, "review": rd.review_counts(events),
        "review_removed": {"rejected": (review_removed or {}).get("rejected", 0),
                           "merged": (review_removed or {}).get("merged", 0)},
        "review_known": review_removed is not None, "oblast_mentions": oblast_mentions[:40],
        "oblast_mentions_more": max(0, len(oblast_mentions) - 40),
        "unresolved": rd.unresolved_mentions(events)[:200],
        "geo_codes": list(rd.GEO_PRECISION_TEXT.items()), "time_codes": list(rd.TIME_PRECISION_TEXT.items()),
        "attribution": "; ".join(x.strip().rstrip(".") for x in (ATTRIBUTION_NE, ATTRIBUTION_GN, regions.attribution) if x),
        "layer_note": source_note or f"{len(all_features)} event{'' if len(all_features) == 1 else 's'} in the input",
        "rows_note": "",
    }
    html = _render_html(ctx)
    pdf_html = None
    pdf_ctx = {}
    if len(ctx["rows"]) > PDF_MAX_EVENT_ROWS:
        pdf_ctx.update(rows=ctx["rows"][:PDF_MAX_EVENT_ROWS],
                       rows_note=f"This PDF lists the first {PDF_MAX_EVENT_ROWS:,} of {len(ctx['rows']):,} events; "
                                 "index.html lists them all.")
    if ctx["map_href"] and not rd.is_web_url(ctx["map_href"]):
        pdf_ctx["map_href"] = None  # Chromium would print a relative link as file:///<this machine's path>
    if "pdf" in fmts and pdf_ctx:
        pdf_html = _render_html({**ctx, **pdf_ctx})
    timings["html"] = time.perf_counter() - t

    made = report_time(e.end for e in events)

    def to_pdf(src_html: Path, dst: Path) -> None:
        html_to_pdf(src_html, dst, tagged=len(events) <= TAGGED_PDF_MAX_EVENTS)
        stamp_pdf(dst, made)  # dates from the data (or SOURCE_DATE_EPOCH), id from the content

    files = _write(out_dir, fmts, figures, html, timings, to_pdf, pdf_html)
    timings["total"] = time.perf_counter() - t0
    counts = {t_: n for t_, n in summary.by_type}
    return ReportResult(out_dir=out_dir, files=files, total=summary.total, counts=counts, notes=notes, timings=timings)


def _refuse_a_file_in_the_path(out_dir: Path) -> None:
    """Fail before drawing, with the error writing would give, when a file stands where ``out_dir``'s parent
    directories must go; creates nothing (a later failure leaves no new directory)."""
    first = out_dir.parent
    while not first.exists() and first != first.parent:
        first = first.parent
    if first.is_dir():
        return
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)  # fails: a file is in the way
    except OSError as exc:
        raise OutputError(f"cannot write the report to {out_dir}: {exc.strerror or exc}") from None


def _write(out_dir: Path, fmts, figures: dict[str, bytes], html: str, timings, html_to_pdf,
           pdf_html: str | None = None) -> list[Path]:
    """Stage every output, print the PDF, then move the files into ``out_dir`` (old extras removed)."""
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        for old in out_dir.parent.glob(".report-*-*"):  # staging of a killed run (its pid is gone)
            pid = old.name.split("-")[1]
            if pid.isdigit() and not pid_alive(int(pid)):
                shutil.rmtree(old, ignore_errors=True)
        stage = Path(tempfile.mkdtemp(prefix=f".report-{os.getpid()}-", dir=out_dir.parent))
    except OSError as exc:
        raise OutputError(f"cannot write the report to {out_dir}: {exc.strerror or exc}") from None
    try:
        names: list[str] = []
        try:
            for name, data in figures.items():  # every format uses the figures: the HTML and PDF embed them
                (stage / name).write_bytes(data)
            if "png" in fmts:
                names.extend(figures)
            (stage / "index.html").write_text(html, encoding="utf-8")
            if pdf_html is not None:  # the PDF's shorter copy; left in the staging directory
                (stage / "print.html").write_text(pdf_html, encoding="utf-8")
        except OSError as exc:
            raise OutputError(f"cannot write the report to {out_dir}: {exc.strerror or exc}") from None
        if "html" in fmts:
            names.insert(0, "index.html")
        t = time.perf_counter()
        if "pdf" in fmts:
            html_to_pdf(stage / ("print.html" if pdf_html is not None else "index.html"), stage / "report.pdf")
            names.append("report.pdf")
        timings["pdf"] = time.perf_counter() - t
        try:
            if out_dir.is_symlink():  # replace the link with the report, never write into what it points to
                from ..txn import publish, stage_path

                fresh = stage_path(out_dir)
                for name in names:
                    os.replace(stage / name, fresh / name)
                publish(fresh, out_dir)
                return [out_dir / n for n in names]
            out_dir.mkdir(parents=True, exist_ok=True)
            for name in names:
                os.replace(stage / name, out_dir / name)
            for old in out_dir.iterdir():
                stale = old.name in OWNED or (old.name.startswith(OWNED_PREFIX) and old.suffix == ".png")
                if stale and old.name not in names and old.is_file():
                    old.unlink()
        except OSError as exc:
            raise OutputError(f"cannot write the report to {out_dir}: {exc.strerror or exc}") from None
        return [out_dir / n for n in names]
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def report_step(out_dir: Path | str, features: Iterable[Mapping[str, Any]], *, rejected: int = 0,
                merged: int = 0) -> list[Path]:
    """``geomap build``'s report step: ``OUT/report/`` from the built layers.

    ``rejected`` and ``merged`` are the ledger's counts (the build applied it; rendering never reads it).
    The PDF is skipped (with a warning) when Chromium is missing, so a build
    never fails for want of a browser.
    """
    import logging

    from .pdf import find_chromium

    fmts = FORMATS if find_chromium() else ("html", "png")
    if "pdf" not in fmts:
        logging.getLogger(__name__).warning("report: Chromium not found, so no report.pdf (HTML and PNGs written)")
    result = build_report(list(features), Path(out_dir) / "report", formats=fmts,
                          review_removed={"rejected": rejected, "merged": merged})
    return [result.out_dir]
