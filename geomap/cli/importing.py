"""``geomap import acled|geojson|gpkg``: other tools' events into an input layer directory.

The subcommands are the readers of ``geomap.io.registry.IMPORT_FORMATS``; FILE ``-`` reads stdin.

Imported events live in ``data/imported/`` (a layer directory) by default, so
``geomap build`` includes them; a merge never drops an event already there.
"""
from __future__ import annotations

import click

DEFAULT_INTO = "data/imported"
SHOW = 20  # lines of skipped rows / notes shown before "and N more"


def _report(result, into, dry_run: bool, unit: str = "feature", store: str | None = None) -> None:
    """Print what was skipped and noted, merge unless a dry run, exit 1 if anything was skipped."""
    for label, items in (("skipped", result.skipped), ("note", result.notes)):
        for item in items[:SHOW]:
            click.echo(f"{result.path}: {label}: {item}", err=True)
        if len(items) > SHOW:
            click.echo(f"{result.path}: ... and {len(items) - SHOW} more {label} lines", err=True)
    click.echo(result.summary())
    if dry_run:
        click.echo("dry run: nothing written")
    else:
        from ..api import merge

        click.echo(f"{into}: {merge(into, result.iter_features(), store=store, progress=True, total=len(result))}")
    if result.skipped:
        rest = "nothing written (dry run)" if dry_run else "the rest imported"
        raise click.ClickException(f"{len(result.skipped)} {unit}(s) skipped (see above); {rest}")


into_opt = click.option("--into", default=DEFAULT_INTO, show_default=True, type=click.Path(file_okay=False),
                        help="Layer directory to merge into (geomap build reads data/imported/).")
strict_opt = click.option("--strict", is_flag=True, help="Refuse the whole file if any row is bad.")
dry_run_opt = click.option("--dry-run", is_flag=True, help="Read and report; write nothing.")
file_arg = click.argument("file", type=click.Path(dir_okay=False, allow_dash=True, path_type=str))


store_opt = click.option("--store", type=click.Choice(["geojson", "geoparquet"]), default=None,
                         help="Kind of a new --into directory: GeoJSON layers (default) or a GeoParquet store "
                              "for millions of events; an existing one keeps its kind.")


def merge_options(command):
    """--into, --strict, --dry-run and --store: how every import merges what it read."""
    return into_opt(strict_opt(dry_run_opt(store_opt(command))))


@click.group(name="import", short_help="Import events from ACLED CSV or GeoJSON.")
def import_group() -> None:
    """Import events from other tools into a layer directory (default data/imported/)."""


@import_group.command(short_help="Import an ACLED-style CSV export.")
@file_arg
@click.option("--region", type=click.Choice(["kursk-sumy", "all"]), default="kursk-sumy", show_default=True,
              help="Keep only events in Kursk and Sumy oblasts, or every row.")
@merge_options
def acled(file, region, into, strict, dry_run, store):
    """Import FILE, an ACLED export (any column order; extra columns ignored).

    Types and precisions are mapped to geomap's; admin1 is filled or corrected
    from the point. Bad rows are reported by row number and skipped (exit 1
    after importing the rest), or refuse the file with --strict.
    """
    from ..io.registry import import_events

    result = import_events("acled", file, region=region, strict=strict)
    _report(result, into, dry_run, unit="row", store=store)


@import_group.command(name="geojson", short_help="Import GeoJSON features from another tool.")
@file_arg
@merge_options
def geojson(file, into, strict, dry_run, store):
    """Import FILE (- reads stdin), GeoJSON points: a FeatureCollection, an RFC 8142 sequence or
    newline-delimited features, e.g. geomap extract seeds/ | geomap import geojson -

    Properties are matched to geomap's by name; unknown ones are kept under
    ``extra``. A ``crs`` member or [lat, lon] order refuses the file.
    """
    from ..io.registry import import_events

    result = import_events("geojson", file, strict=strict)
    _report(result, into, dry_run, store=store)


@import_group.command(name="gpkg", short_help="Import a GeoPackage written by geomap export (e.g. edited in QGIS).")
@file_arg
@merge_options
def gpkg(file, into, strict, dry_run, store):
    """Import FILE, a GeoPackage from ``geomap export -f gpkg``: every event-type table.

    Features that are no longer valid events are listed and skipped (exit 1).
    """
    from ..io.registry import import_events

    result = import_events("gpkg", file, strict=strict)
    _report(result, into, dry_run, store=store)


@import_group.command(name="geoparquet", short_help="Import a GeoParquet file written by geomap export.")
@file_arg
@merge_options
def geoparquet(file, into, strict, dry_run, store):
    """Import FILE, a GeoParquet file from ``geomap export -f geoparquet`` (GeoArrow point column).

    Rows that are not valid events are listed and skipped (exit 1).
    """
    from ..io.registry import import_events

    result = import_events("geoparquet", file, strict=strict)
    _report(result, into, dry_run, store=store)
