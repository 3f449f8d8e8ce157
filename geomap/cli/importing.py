"""``geomap import acled|geojson|gpkg|geoparquet``: other tools' events into an input layer directory.

The subcommands are made from ``geomap.io.registry.IMPORT_FORMATS`` (one per
format with a reader: its help, and the reader options it takes), so a new
format is one registry entry. FILE ``-`` reads stdin.

Imported events live in ``data/imported/`` (a layer directory) by default, so
``geomap build`` includes them; a merge never drops an event already there.
"""
from __future__ import annotations

import click

from ..io.registry import IMPORT_FORMATS
from .options import admin1_opt, cb_admin1, deprecated_alias

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


def _region_options(command):
    """ACLED's area: ``--admin1 OBLAST``, ``--all-rows``, and the old ``--region`` (hidden, deprecated)."""
    def cb_region(ctx, param, value):  # the old spelling, as the new options
        return None if value is None else value == "all"

    command = deprecated_alias("--region", "--admin1 or --all-rows", "all_rows",
                               type=click.Choice(["kursk-sumy", "all"]), callback=cb_region)(command)
    command = click.option("--all-rows", is_flag=True, default=None,
                           help="Keep every row, in any oblast or none (default: Kursk and Sumy oblasts only).")(command)
    return click.option("--admin1", callback=cb_admin1, metavar="OBLAST",
                        help="Only events in this oblast (name or ISO code, e.g. RU-KRS); default: Kursk and Sumy.")(
        command)


# reader option name → (decorator adding its click options, turn the command's values into reader kwargs)
READER_OPTIONS = {
    "region": (_region_options, lambda kw: {"region": "all" if kw.pop("all_rows") else "kursk-sumy",
                                            "admin1": kw.pop("admin1")}),
}


@click.group(name="import", short_help="Import events from ACLED CSV or GeoJSON.")
def import_group() -> None:
    """Import events from other tools into a layer directory (default data/imported/)."""


def _import_command(name: str, fmt) -> click.Command:
    """The ``geomap import NAME`` subcommand for one registry format."""
    def command(file, into, strict, dry_run, store, **kw):
        from ..io.registry import import_events

        if kw.get("all_rows") and kw.get("admin1"):
            raise click.UsageError("--all-rows and --admin1 exclude each other: give one")
        options = {}
        for opt in fmt.import_options:
            options.update(READER_OPTIONS[opt][1](kw))
        result = import_events(name, file, strict=strict, **options)
        _report(result, into, dry_run, unit=fmt.import_unit, store=store)

    command.__doc__ = fmt.import_doc
    command.__name__ = name
    command = merge_options(command)
    for opt in reversed(fmt.import_options):  # listed before --into, as the registry orders them
        command = READER_OPTIONS[opt][0](command)
    return import_group.command(name=name, short_help=fmt.import_short)(file_arg(command))


for _name, _fmt in IMPORT_FORMATS.items():
    _import_command(_name, _fmt)
