"""The ``geomap`` group: only the group, its error handling and the table of its commands (imported when asked for)."""
from __future__ import annotations

import importlib
import logging
import sys

import click

from .. import __version__
from ..errors import GeomapError, UsageError, ValidationError

PLUGIN_GROUP = "geomap.commands"
# each command's module (under geomap.cli) and function, imported when the command is asked for: `geomap extract`
# no longer imports every other command's module (and what they import) before it starts, 0.1 CPU s a run
COMMANDS = {"build": "build:build", "validate": "validate:validate", "layers": "layers:layers",
            "extract": "extract:extract", "geocode": "geocode:geocode", "gazetteer": "gazetteer:gazetteer",
            "map": "map:map_cmd", "report": "report:report", "export": "export:export",
            "import": "importing:import_group", "fetch": "fetch:fetch", "review": "review:review"}


class GeomapGroup(click.Group):
    """A click group that turns geomap's own errors into one-line messages, and imports a command's module
    (``COMMANDS``) or the plugins (entry points of ``PLUGIN_GROUP``) only when a command is asked for."""

    plugins_loaded = False

    def get_command(self, ctx, cmd_name: str):
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            module, attr = COMMANDS[cmd_name].split(":")
            self.add_command(getattr(importlib.import_module(f"{__package__}.{module}"), attr), cmd_name)
        elif cmd_name not in self.commands:
            self.load_plugins()
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx) -> list[str]:
        self.load_plugins()
        return sorted(set(self.commands) | set(COMMANDS))

    def load_plugins(self) -> None:
        """The commands other packages add (entry points of ``PLUGIN_GROUP``), once; a built-in name wins."""
        if self.plugins_loaded:
            return
        self.plugins_loaded = True
        from importlib.metadata import entry_points

        for ep in entry_points(group=PLUGIN_GROUP):
            if ep.name in COMMANDS or ep.name in self.commands:
                continue
            try:
                self.add_command(ep.load(), ep.name)
            except Exception as exc:  # a broken plugin must not break geomap
                logging.getLogger(__name__).warning("plugin %s failed to load: %s", ep.name, exc)

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

