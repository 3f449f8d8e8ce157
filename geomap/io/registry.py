"""The formats geomap reads and writes: one registry drives `geomap export -f`, `geomap import` and the API."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

from ..errors import InputError, OutputError, UsageError
from ..gcpause import paused_gc
from ..schema import group_by_type
from .common import STDIO, ImportResult, _check_target, spooled_stdin
from .features import BOUNDARY_LAYER, _boundary_path


@dataclass(frozen=True)
class Format:
    """One file format: its name on the command line, file suffix, and its writer and/or reader.

    ``write(path, features, name)`` writes one file; ``read(path, **options)``
    returns an :class:`ImportResult` (``options``: ``strict``, and ``region``
    for ACLED). ``import_name`` is the ``geomap import`` subcommand, which
    ``geomap.cli.importing`` makes from ``import_short`` (its line in the group's
    help), ``import_doc`` (its help), ``import_unit`` (what a skipped item is
    called) and ``import_options`` (names of reader options the CLI offers).
    """

    name: str
    suffix: str
    help: str
    write: Callable[..., Path] | None = None
    read: Callable[..., ImportResult] | None = None
    import_name: str | None = None
    polygons: bool = True  # can carry the oblast boundaries
    cells: bool = False  # spreadsheet cells: formula-like text is neutralised unless raw_cells
    splittable: bool = True  # --split: one file per event type
    import_short: str = ""
    import_doc: str = ""
    import_unit: str = "feature"
    import_options: tuple[str, ...] = ()


def _geojson_write(path, features, name):
    from .geojson import write_geojson

    return write_geojson(path, features, name)


def _geojsonseq_write(path, features, name):
    from .geojson import write_geojsonseq

    return write_geojsonseq(path, features)


def _gpkg_write(path, features, name):
    from .gpkg import write_gpkg

    return write_gpkg(path, features, boundaries=True)


def _csv_write(path, features, name, raw_cells=False):
    from .csv import write_csv

    return write_csv(path, features, raw=raw_cells)


def _acled_write(path, features, name, raw_cells=False):
    from .acled import write_acled_csv

    return write_acled_csv(path, features, raw=raw_cells)


def _parquet_write(path, features, name):
    from .parquet import write_geoparquet

    return write_geoparquet(path, features)


def _parquet_read(path, **options):
    from .parquet import import_geoparquet

    return import_geoparquet(path, **options)


def _geojson_read(path, **options):
    from .geojson import import_geojson

    return import_geojson(path, **options)


def _gpkg_read(path, **options):
    from .gpkg import import_gpkg

    return import_gpkg(path, **options)


def _acled_read(path, **options):
    from .acled import import_acled

    return import_acled(path, **options)


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("geojson", ".geojson", "GeoJSON (RFC 7946); imports read sequences (RFC 8142) and newline-delimited too",
           _geojson_write, _geojson_read, "geojson",
           import_short="Import GeoJSON features from another tool.",
           import_doc="""Import FILE (- reads stdin), GeoJSON points: a FeatureCollection, an RFC 8142 sequence or
    newline-delimited features, e.g. geomap extract seeds/ | geomap import geojson -

    Properties are matched to geomap's by name; unknown ones are kept under
    ``extra``. A ``crs`` member or [lat, lon] order refuses the file.
    """),
    Format("geojsonseq", ".geojsons", "GeoJSON text sequence (RFC 8142)", _geojsonseq_write),
    Format("gpkg", ".gpkg", "GeoPackage: one table per event type plus the oblast boundaries",
           _gpkg_write, _gpkg_read, "gpkg", splittable=False,
           import_short="Import a GeoPackage written by geomap export (e.g. edited in QGIS).",
           import_doc="""Import FILE, a GeoPackage from ``geomap export -f gpkg``: every event-type table.

    Features that are no longer valid events are listed and skipped (exit 1).
    """),
    Format("csv", ".csv", "CSV, one row per event (lon/lat and WKT)", _csv_write, polygons=False, cells=True),
    Format("acled-csv", ".csv", "ACLED-style CSV (ACLED's columns and codes)", _acled_write, _acled_read, "acled",
           polygons=False, cells=True,
           import_short="Import an ACLED-style CSV export.",
           import_doc="""Import FILE, an ACLED export (any column order; extra columns ignored).

    Types and precisions are mapped to geomap's; admin1 is filled or corrected
    from the point. Bad rows are reported by row number and skipped (exit 1
    after importing the rest), or refuse the file with --strict.
    """, import_unit="row", import_options=("region",)),
    Format("geoparquet", ".parquet", "GeoParquet 1.1, points in GeoArrow encoding, written in row groups",
           _parquet_write, _parquet_read, "geoparquet", polygons=False,
           import_short="Import a GeoParquet file written by geomap export.",
           import_doc="""Import FILE, a GeoParquet file from ``geomap export -f geoparquet`` (GeoArrow point column).

    Rows that are not valid events are listed and skipped (exit 1).
    """),
)}
EXPORT_FORMATS: tuple[str, ...] = tuple(n for n, f in FORMATS.items() if f.write)
IMPORT_FORMATS: dict[str, Format] = {f.import_name: f for f in FORMATS.values() if f.read and f.import_name}


def import_events(kind: str, path: Path | str, **options: Any) -> ImportResult:
    """Read ``path`` (``-``: stdin) with the importer of ``kind`` (``geojson``, ``gpkg``, ``acled``)."""
    fmt = IMPORT_FORMATS.get(kind)
    if fmt is None:
        raise UsageError(f"unknown import format {kind!r}; choose from {', '.join(IMPORT_FORMATS)}")
    if kind == "geojson":  # reads stdin itself, naming it <stdin>
        return fmt.read(path, **options)
    if str(path) != STDIO:  # the events are read from the file as the merge takes them
        return fmt.read(Path(path), **options)
    copy = spooled_stdin(fmt.suffix)
    result = fmt.read(copy.path, **options)
    result._keep = copy  # the copy stays while the result (and its stream of events) lives
    result.path = Path("<stdin>")
    return result


def export_features(features: Iterable[Mapping[str, Any]], path: Path | str, format: str = "geojson", *,
                    split: bool = False, boundaries: bool = False, raw_cells: bool = False,
                    progress: bool = False) -> list[Path]:
    """Write ``features`` to ``path`` in ``format``; returns the files written.

    CSV formats prefix a cell starting with ``=``, ``+``, ``-``, ``@``, tab or CR
    (not a plain number) with ``'`` so a spreadsheet shows it instead of running
    it (OWASP's CSV injection advice); ``raw_cells`` writes the values as stored.

    ``split`` writes one file per event type into the directory ``path``
    (geojson, geojsonseq, csv, acled-csv). ``boundaries`` adds the oblast
    polygons: a ``<stem>.boundaries`` file beside GeoJSON output (or
    ``boundaries.geojson`` in a split directory); a GeoPackage always holds them.
    ``progress`` counts the events on a bar when stderr is a terminal (as GeoParquet
    writes them; the other formats gather them before writing).
    """
    from ..progress import bar

    fmt = FORMATS.get(format)
    if raw_cells and fmt is not None and not fmt.cells:
        raise UsageError(f"--raw-cells applies to csv and acled-csv, not {format}")
    total = (len(features) if hasattr(features, "__len__") else getattr(features, "total", None)) if progress else None
    with bar(progress, total=total, unit="events",
             desc=f"export {format}") as pb:
        features = pb.wrap(features)
        if str(path) == STDIO:
            return _export_to_stdout(features, format, split, boundaries, raw_cells)
        with paused_gc():
            return _export(features, Path(path), format, split, boundaries, raw_cells)


def _export_to_stdout(features, format: str, split: bool, boundaries: bool, raw_cells: bool = False) -> list[Path]:
    """``-o -``: the one file written to a private temp directory, then copied to stdout."""
    import shutil
    import sys
    import tempfile

    if split or boundaries or format in ("gpkg", "geoparquet"):
        what = "--split" if split else "--boundaries" if boundaries else format
        raise UsageError(f"{what} writes more than one stream or a database; give a file with -o, not '-'")
    with tempfile.TemporaryDirectory(prefix="geomap-export-") as tmp:
        with paused_gc():
            (written,) = _export(features, Path(tmp) / f"events{FORMATS.get(format, FORMATS['geojson']).suffix}",
                                 format, False, False, raw_cells)
        with open(written, "rb") as fh:
            shutil.copyfileobj(fh, sys.stdout.buffer)
        sys.stdout.buffer.flush()
    return [Path(STDIO)]


def _export(features, path: Path, format: str, split: bool, boundaries: bool, raw_cells: bool = False) -> list[Path]:
    fmt = FORMATS.get(format)
    if fmt is None or fmt.write is None:
        raise UsageError(f"unknown format {format!r}; choose from {', '.join(EXPORT_FORMATS)}")
    if format == "geoparquet" and not split:  # streamed: one row group in memory at a time
        _check_target(path)
        return [fmt.write(path, features, path.stem)]
    ext = fmt.suffix
    if fmt.cells:
        from dataclasses import replace
        from functools import partial

        fmt = replace(fmt, write=partial(fmt.write, raw_cells=raw_cells))
    if boundaries and not fmt.polygons:
        raise UsageError(f"--boundaries is not available for {format} (polygons need geojson or gpkg)")
    if split and not fmt.splittable:
        raise UsageError("--split does not apply to gpkg: a GeoPackage already holds one table per event type")
    if format in ("geojson", "geojsonseq") and not split:  # streamed: a chunk of features in memory at a time
        _check_target(path)
        streamed = [fmt.write(path, features, path.stem)]
        if boundaries:
            streamed.append(_boundaries_file(_boundary_path(path, ext), format == "geojsonseq"))
        return streamed
    if format == "gpkg":  # streamed: spooled per type a batch at a time, then written table by table
        _check_target(path)
        return [fmt.write(path, features, path.stem)]
    feats = list(features)
    write = fmt.write
    written: list[Path] = []
    if split:
        _check_target(path, is_dir=True)
        try:
            path.mkdir(exist_ok=True)
        except OSError as exc:
            raise OutputError(f"{path}: cannot create directory: {exc.strerror or exc}") from None
        groups = group_by_type(feats, strict=False)
        for et, fs in groups.items():
            written.append(write(path / f"{et}{ext}", fs, et))
        if boundaries:
            written.append(_boundaries_file(path / f"{BOUNDARY_LAYER}{ext}", format == "geojsonseq"))
        return written
    _check_target(path)
    written.append(write(path, feats, path.stem))
    if boundaries:
        written.append(_boundaries_file(_boundary_path(path, ext), format == "geojsonseq"))
    return written


def _boundaries_file(path: Path, seq: bool) -> Path:
    from .geojson import _write_boundaries_geojson

    return _write_boundaries_geojson(path, seq)
