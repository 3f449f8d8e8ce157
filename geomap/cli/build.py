"""``geomap build``."""
from __future__ import annotations

import click

from .options import out_opt


@click.command(short_help="Build layers from data/ and seeds/.")
@click.option("--root", default=".", show_default=True, type=click.Path(file_okay=False, exists=True),
              help="Project directory holding data/events/ and seeds/.")
@out_opt
@click.option("--report/--no-report", "with_report", default=True, show_default=True,
              help="Also write the static report in OUT/report/.")
def build(root: str, out_dir: str, with_report: bool) -> None:
    """Build validated layers in OUT/layers/ from the curated events in data/events/.

    Nothing is written when any event is invalid; the previous output stays.
    """
    from ..build import build as run_build

    result = run_build(root, out_dir, report=with_report)
    for w in result.warnings:
        click.echo(str(w), err=True)
    click.echo(f"{result.total} events: {result.added} added, {result.updated} updated, "
               f"{result.unchanged} unchanged, {result.removed} removed")
    for t, n in result.counts.items():
        click.echo(f"  {t}: {n}")
    for p in result.outputs:
        click.echo(f"wrote {p}")
