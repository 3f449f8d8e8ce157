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

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def collect_events(root: Path) -> tuple[list[dict[str, Any]], list[Problem], list]:
    """All located events from the project's inputs, every problem found, and the extracted events left out."""
    regions = load_regions()
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
    imported_dir = root / "data" / "imported"  # written by `geomap import` (a layer directory)
    if imported_dir.is_dir():
        for path, feats in read_layer_dir(imported_dir):  # one generation of the store
            problems.extend(validate_features(feats, str(path), regions))
            features.extend(feats)
    # events extracted from seeds/, where no curated record already covers them
    from .extraction.project import seed_events

    extracted, probs, covered = seed_events(root, features, regions)
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


def build(root: Path | str = ".", out_dir: Path | str | None = None, *, render_map: bool = True,
          map_title: str | None = "geomap: events in Kursk and Sumy oblasts", report: bool = True,
          progress: bool = False) -> BuildResult:
    """Build the layers under ``out_dir/layers`` from ``root``'s inputs.

    Then writes ``out_dir/map.html`` (self-contained: Leaflet inlined, only
    tiles come from the network; ``render_map=False`` skips it) and
    ``out_dir/report/`` (``report=False`` skips it). All of them are staged
    together and published in one step (:mod:`geomap.outputs`).
    Raises :class:`ValidationError` with every problem if any event is invalid,
    :class:`OutputError` if a later step fails; the previous output is then
    left exactly as it was. ``progress`` shows the steps on a bar when stderr is a terminal.
    """
    from .progress import bar

    with bar(progress, total=2 + render_map + report, unit="steps", desc="build") as pb:
        return _build(Path(root), out_dir, render_map, map_title, report, pb)


def _build(root: Path, out_dir, render_map: bool, map_title: str | None, report: bool, pb) -> BuildResult:
    from .gazetteer_import import use_project

    out = Path(out_dir) if out_dir is not None else root / "out"
    for src in (root / "data", root / "seeds"):
        if src.exists() and inside(out, src):
            raise OutputError(f"{out}: cannot build into an input directory ({src})")
    use_project(root)  # the project's own places (data/gazetteer/*.csv) join the gazetteer
    features, problems, covered = collect_events(root)
    pb.advance(1, step="inputs read", events=len(features))
    applied = apply_ledger(root, features, problems)  # review decisions (geomap/review): corrected, rejected
    features = applied.features
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise ValidationError(errors)
    layer_dir = out / "layers"
    features = [canonical_feature(f) for f in features]  # once: the layers, the counts and the map share them
    with staged_build(out) as gen:
        previous = _previous_layers(layer_dir)
        try:
            counts = write_generation(gen.path / "layers", features)
            pb.advance(1, step="layers written")
            produced = ("layers",)
            if render_map and features:
                from .render.map import save_map

                save_map(features, gen.path / "map.html", title=map_title, offline=True,
                         paragraphs=source_paragraphs(root, features))
                produced += ("map.html",)
                pb.advance(1, step="map written")
            if report:  # static report step: OUT/report/ (index.html, PNGs, report.pdf)
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
    result = BuildResult(out_dir=out, layer_dir=layer_dir, counts=counts,
                         warnings=[p for p in problems if p.severity != "error"], covered=covered)
    change = MergeResult()
    for cf in features:
        change.count(previous.get(cf["id"]), cf)
    result.added, result.updated, result.unchanged = change.added, change.updated, change.unchanged
    result.removed = len(set(previous) - {cf["id"] for cf in features})
    result.outputs.extend(out / name for name in produced)
    return result
