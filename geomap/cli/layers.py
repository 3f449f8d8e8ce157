"""``geomap layers``."""
from __future__ import annotations

import click

from .options import layer_dir_arg


@click.command(short_help="Summarise a layer directory.")
@layer_dir_arg
def layers(layer_dir: str) -> None:
    """Each layer in LAYER_DIR: event count, date range and precision mix."""
    from ..summary import summarise_layers

    for row in summarise_layers(layer_dir):
        click.echo(row.line())
