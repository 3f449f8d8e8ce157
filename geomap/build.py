"""``geomap build``: curated, imported and extracted events → validated layers, then the map and report.

The pipeline runs one way: read inputs, place them, validate, write
``OUT/layers/``. Rendering stages add their outputs after the layers exist and
never geocode.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .io.curated import curated_files
from .errors import GeomapError, InputError, OutputError, ValidationError
from .geocoding import curated_resolver
from .layers import MergeResult, canonical_feature, read_layer_dir, read_layers, write_generation
from .outputs import staged_build
from .regions import load_regions
from .review.apply import apply_ledger
from .schema import Problem, validate_features
from .txn import inside
from .validate import curated_features


@dataclass
class BuildResult:
    """What a build wrote and how the layers changed since the previous build."""

    out_dir: Path
    layer_dir: Path
    counts: dict[str, int]
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    warnings: list[Problem] = field(default_factory=list)
    covered: list = field(default_factory=list)  # extraction.project.Covered: left out, with the record covering each
    outputs: list[Path] = field(default_factory=list)
    streamed: bool = False  # data/imported was read a line at a time (geomap.build_stream), not whole

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _curated(root: Path, regions) -> tuple[list[dict[str, Any]], list[Problem]]:
    """The curated events of ``root/data/events`` and every problem found in them."""
    events_dir = root / "data" / "events"
    files = curated_files(events_dir)
    if not files:
        raise InputError("no curated event files (.yaml, .yml, .csv)", events_dir)
    features: list[dict[str, Any]] = []
    problems: list[Problem] = []
    for path in files:
        feats, probs, lines = curated_features(path, regions, resolver=curated_resolver)
        problems.extend(probs)
        found = validate_features(feats, str(path), regions)
        problems.extend(Problem(p.path, lines[p.index][1], p.id, p.field, p.message, p.severity,
                                line=lines[p.index][0], kind="record") for p in found)
        features.extend(feats)
    return features, problems


def collect_events(root: Path, seeds: tuple[list, list] | None = None
                   ) -> tuple[list[dict[str, Any]], list[Problem], list]:
    """All located events from the project's inputs, every problem found, and the extracted events left out.

    ``seeds`` is :func:`~geomap.extraction.project.extract_seeds`'s result when it was run already.
    """
    from .extraction.project import Cover, extract_seeds

    regions = load_regions()
    features, problems = _curated(root, regions)
    imported_dir = root / "data" / "imported"  # written by `geomap import` (a layer directory)
    if imported_dir.is_dir():
        for path, feats in read_layer_dir(imported_dir):  # one generation of the store
            problems.extend(validate_features(feats, str(path), regions))
            features.extend(feats)
    # events extracted from seeds/, where no curated (or imported) record already covers them
    events, failed = seeds if seeds is not None else extract_seeds(root)
    cover = Cover(events)
    for f in features:
        cover.see(f)
    extracted, probs, covered = cover.result(failed, regions)
    problems.extend(probs)
    features.extend(extracted)
    # ids must be unique across files too
    problems.extend(p for p in validate_features(features, "build", None) if p.field == "id" and "duplicate" in p.message)
    return features, problems, covered


def _previous_layers(layer_dir: Path) -> dict[str, dict[str, Any]]:
    """The last build's events by id (none when there is no readable previous build)."""
    if not layer_dir.is_dir():
        return {}
    try:
        return {f["properties"]["id"]: canonical_feature(f) for f in read_layers(layer_dir)}
    except InputError:
        return {}


def source_paragraphs(root: Path, features: list[dict[str, Any]]) -> dict[str, tuple[str, str, str]]:
    """Each extracted event's quote within its paragraph, by event id, from the documents under ``root``.

    Read here, once per document, so the map shows "show source" in context without reading files;
    an event whose document is gone or whose offsets no longer hold its quote gets none.
    """
    from .documents import paragraph_around

    texts: dict[str, str | None] = {}
    out: dict[str, tuple[str, str, str]] = {}
    base = root.resolve()
    for f in features:
        p = f["properties"]
        ex = p.get("extraction") or {}
        doc, start, end = ex.get("document"), ex.get("start"), ex.get("end")
        if not doc or not isinstance(start, int) or not isinstance(end, int):
            continue
        if doc not in texts:
            path = (base / doc).resolve()
            try:
                texts[doc] = path.read_text("utf-8") if base in path.parents and path.is_file() else None
            except (OSError, UnicodeDecodeError):
                texts[doc] = None
        text = texts[doc]
        found = paragraph_around(text, start, end) if text is not None else None
        quote = ((p.get("sources") or [{}])[0] or {}).get("quote") or ""
        if found and " ".join(found[1].split()) == " ".join(quote.split()):
            out[p["id"]] = found
    return out


STREAM_ABOVE = 100_000  # imported events above which the build streams data/imported (a line at a time)
RENDER_LIMIT = 100_000  # events above which the map and the report are not drawn (a warning says so)


def build(root: Path | str = ".", out_dir: Path | str | None = None, *, render_map: bool = True,
          map_title: str | None = "geomap: events in Kursk and Sumy oblasts", report: bool = True,
          progress: bool = False, stream_above: int | None = None) -> BuildResult:
    """Build the layers under ``out_dir/layers`` from ``root``'s inputs.

    Then writes ``out_dir/map.html`` (self-contained: Leaflet inlined, only
    tiles come from the network; ``render_map=False`` skips it) and
    ``out_dir/report/`` (``report=False`` skips it). All of them are staged
    together and published in one step (:mod:`geomap.outputs`).
    Raises :class:`ValidationError` with every problem if any event is invalid,
    :class:`OutputError` if a later step fails; the previous output is then
    left exactly as it was. ``progress`` shows the steps on a bar when stderr is a terminal.
    An imported store of more than ``stream_above`` events (default :data:`STREAM_ABOVE`) is read a line
    at a time (:mod:`geomap.build_stream`), with the same output; a build of more than
    :data:`RENDER_LIMIT` events writes its layers but neither map nor report, and warns so.
    """
    from .progress import bar

    with bar(progress, total=2 + render_map + report, unit="steps", desc="build") as pb:
        return _build(Path(root), out_dir, render_map, map_title, report, pb,
                      STREAM_ABOVE if stream_above is None else stream_above)


def _build(root: Path, out_dir, render_map: bool, map_title: str | None, report: bool, pb,
           stream_above: int) -> BuildResult:
    from .extraction.project import extract_seeds
    from .gazetteer_import import use_project
    from .layers import count_layers

    out = Path(out_dir) if out_dir is not None else root / "out"
    for src in (root / "data", root / "seeds"):
        if src.exists() and inside(out, src):
            raise OutputError(f"{out}: cannot build into an input directory ({src})")
    use_project(root)  # the project's own places (data/gazetteer/*.csv) join the gazetteer
    imported_dir = root / "data" / "imported"
    seeds = None
    n_imported = count_layers(imported_dir) if imported_dir.is_dir() else 0
    if n_imported > stream_above:
        from .build_stream import Fallback

        seeds = extract_seeds(root)
        try:
            return _streamed(root, out, seeds, n_imported, render_map, map_title, report, pb)
        except Fallback:
            pass  # a store this cannot stream exactly: read whole below, with the same result
    return _whole(root, out, seeds, render_map, map_title, report, pb)


def _render_skipped(total: int, render_map: bool, report: bool) -> list[Problem]:
    """The warning of a build too large to draw: which outputs were not written, and why."""
    names = [n for n, on in (("map.html", render_map), ("report/", report)) if on]
    if not names:
        return []
    return [Problem("build", None, None, "render",
                    f"{total:,} events are more than the {RENDER_LIMIT:,} a map or report draws: "
                    f"{' and '.join(names)} not written (the previous one, if any, stays); "
                    "build with --no-map --no-report to say so, or draw a filtered selection "
                    "(geomap map / geomap report)", "warning")]


def _publish(root: Path, out: Path, features, read_previous, write_layers, render_map: bool,
             map_title: str | None, report: bool, applied, pb):
    """Stage the layers (``write_layers(dir)`` gives the counts), map and report, and publish them together;
    the counts, the outputs written, and what ``read_previous()`` read of the last build (under OUT's lock)."""
    with staged_build(out) as gen:
        previous = read_previous()
        try:
            counts = write_layers(gen.path / "layers")
            pb.advance(1, step="layers written")
            produced = ("layers",)
            if render_map and features:
                from .render.map import save_map

                save_map(features, gen.path / "map.html", title=map_title, offline=True,
                         paragraphs=source_paragraphs(root, features))
                produced += ("map.html",)
                pb.advance(1, step="map written")
            if report and features is not None:  # static report step: OUT/report/ (index.html, PNGs, report.pdf)
                from .render.report import report_step

                report_step(gen.path, features, rejected=applied.rejected, merged=applied.merged)
                produced += ("report",)
                pb.advance(1, step="report written")
            gen.publish(produced)
        except GeomapError as exc:
            raise OutputError(f"{exc}; nothing was published: {out} is as it was") from None
        except OSError as exc:
            raise OutputError(f"{out}: cannot write: {exc.strerror or exc}; nothing was published: "
                              f"{out} is as it was") from None
    return counts, produced, previous


def _whole(root: Path, out: Path, seeds, render_map: bool, map_title: str | None, report: bool, pb
           ) -> BuildResult:
    """The build with every event in memory (a small store, or one the stream cannot take)."""
    features, problems, covered = collect_events(root, seeds)
    pb.advance(1, step="inputs read", events=len(features))
    applied = apply_ledger(root, features, problems)  # review decisions (geomap/review): corrected, rejected
    features = applied.features
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise ValidationError(errors)
    layer_dir = out / "layers"
    features = [canonical_feature(f) for f in features]  # once: the layers, the counts and the map share them
    too_big = len(features) > RENDER_LIMIT
    if too_big:
        problems.extend(_render_skipped(len(features), render_map, report))
    counts, produced, previous = _publish(root, out, None if too_big else features,
                                          lambda: _previous_layers(layer_dir), lambda d: write_generation(d, features),
                                          render_map, map_title, report, applied, pb)
    result = BuildResult(out_dir=out, layer_dir=layer_dir, counts=counts,
                         warnings=[p for p in problems if p.severity != "error"], covered=covered)
    change = MergeResult()
    for cf in features:
        change.count(previous.get(cf["id"]), cf)
    result.added, result.updated, result.unchanged = change.added, change.updated, change.unchanged
    result.removed = len(set(previous) - {cf["id"] for cf in features})
    result.outputs.extend(out / name for name in produced)
    return result


def _streamed(root: Path, out: Path, seeds, n_imported: int, render_map: bool, map_title: str | None,
              report: bool, pb) -> BuildResult:
    """The build with data/imported read a line at a time (:mod:`geomap.build_stream`): the same output."""
    from .build_stream import Fallback, changes, event_id, previous_digest, stream_imported, write_layers
    from .extraction.project import Cover
    from .review.apply import wanted_keys
    from .review.ledger import read_ledger

    regions = load_regions()
    curated, problems = _curated(root, regions)
    events, failed = seeds
    imported_dir = root / "data" / "imported"
    inputs = len(curated) + n_imported + len(events)
    keep = (render_map or report) and inputs <= RENDER_LIMIT
    cover = Cover(events)
    for f in curated:
        cover.see(f)
    decisions, _ = read_ledger(root)
    st = stream_imported(imported_dir, regions, cover, wanted_keys(decisions), keep)
    try:
        problems.extend(st.problems)
        extracted, probs, covered = cover.result(failed, regions)
        problems.extend(probs)
        ids = st.id_hashes
        for f in (*curated, *extracted):
            fid = event_id(f)
            if fid is not None:
                ids.add(hash(fid))
        if ids.repeated():
            raise Fallback  # an id twice (or two ids' hashes alike): the whole read names them
        total = len(curated) + st.read + len(extracted)
        pb.advance(1, step="inputs read", events=total)
        mem = [*curated, *st.held, *extracted]
        applied = apply_ledger(root, mem, problems)
        if applied.changed and st.corrected:
            raise Fallback  # the ledger re-validates every corrected event, these among them
        errors = [p for p in problems if p.severity == "error"]
        if errors:
            raise ValidationError(errors)
        layer_dir = out / "layers"
        kept = {i: canonical_feature(f) for i, f in zip(applied.kept, applied.features)}
        features = None
        if keep:  # small enough to draw: every event in the build's order, as the whole read has them
            n_cur, n_held = len(curated), len(st.held)
            features = [kept[i] for i in range(n_cur) if i in kept]
            for e in st.order:
                if isinstance(e, int):
                    if n_cur + e in kept:
                        features.append(kept[n_cur + e])
                else:
                    features.append(e)
            features.extend(kept[i] for i in range(n_cur + n_held, len(mem)) if i in kept)
        else:
            problems.extend(_render_skipped(inputs, render_map, report))
        written = {}

        def write(d: Path) -> dict[str, int]:
            counts, written["digest"] = write_layers(d, st, list(kept.values()))
            return counts

        counts, produced, previous = _publish(root, out, features, lambda: previous_digest(layer_dir), write,
                                              render_map, map_title, report, applied, pb)
    finally:
        st.close()
    result = BuildResult(out_dir=out, layer_dir=layer_dir, counts=counts,
                         warnings=[p for p in problems if p.severity != "error"], covered=covered, streamed=True)
    try:
        result.added, result.updated, result.unchanged, result.removed = changes(previous, written["digest"])
    finally:
        previous.close()
        written["digest"].close()
    result.outputs.extend(out / name for name in produced)
    return result
