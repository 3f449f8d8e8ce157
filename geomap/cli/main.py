"""The ``geomap`` group: only the group, its error handling and add_command calls."""
from __future__ import annotations

import logging
import sys
from importlib.metadata import entry_points

import click

from .. import __version__
from ..errors import GeomapError, UsageError, ValidationError
from .build import build
from .extract import extract
from .fetch import fetch
from .gazetteer import gazetteer
from .geocode import geocode
from .export import export
from .importing import import_group
from .layers import layers
from .map import map_cmd
from .report import report
from .review import review
from .validate import validate

PLUGIN_GROUP = "geomap.commands"


class GeomapGroup(click.Group):
    """A click group that turns geomap's own errors into one-line messages."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except ValidationError as exc:
            for p in exc.problems:
                click.echo(str(p), err=True)
            raise click.ClickException(f"{len(exc.problems)} problem(s); nothing was written") from None
        except UsageError as exc:  # exit 2, as click's own usage errors
            raise click.UsageError(str(exc), ctx) from None
        except GeomapError as exc:
            raise click.ClickException(str(exc)) from None


@click.group(cls=GeomapGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="geomap")
@click.option("-v", "--verbose", count=True, help="More log output on stderr (-vv for debug).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors on stderr.")
def cli(verbose: int, quiet: bool) -> None:
    """Map military events in Kursk and Sumy oblasts: build layers, validate, inspect.

    Each event is a GeoJSON Point with its dates, place, precision, actors and
    sources; layers are one GeoJSON file per event type.
    """
    level = logging.ERROR if quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    logging.basicConfig(level=level, format="%(levelname)s: %(message)s", stream=sys.stderr)


cli.add_command(build)
cli.add_command(validate)
cli.add_command(layers)
cli.add_command(extract)
cli.add_command(geocode)
cli.add_command(gazetteer)
cli.add_command(map_cmd)
cli.add_command(report)
cli.add_command(export)
cli.add_command(import_group)
cli.add_command(fetch)
cli.add_command(review)


def _load_plugins() -> None:
    for ep in entry_points(group=PLUGIN_GROUP):
        try:
            cli.add_command(ep.load(), ep.name)
        except Exception as exc:  # a broken plugin must not break geomap
            logging.getLogger(__name__).warning("plugin %s failed to load: %s", ep.name, exc)


_load_plugins()
