"""``geomap build``."""
from __future__ import annotations

import click

from .options import out_opt


@click.command(short_help="Build layers, map and report from data/ and seeds/.")
@click.option("--root", default=".", show_default=True, type=click.Path(file_okay=False, exists=True),
              help="Project directory holding data/events/ and seeds/.")
@out_opt
@click.option("--map/--no-map", "with_map", default=True, show_default=True,
              help="Also write the self-contained interactive map OUT/map.html.")
@click.option("--report/--no-report", "with_report", default=True, show_default=True,
              help="Also write the static report in OUT/report/.")
def build(root: str, out_dir: str, with_map: bool, with_report: bool) -> None:
    """Build validated layers in OUT/layers/, then OUT/map.html and OUT/report/.

    Inputs: curated events in data/events/, events imported into
    data/imported/, and events extracted from the documents in seeds/.
    Nothing is written when any event is invalid; the previous output stays.
    """
    from .. import api

    result = api.build(root, out_dir, render_map=with_map, report=with_report, progress=True)
    for w in result.warnings:
        click.echo(str(w), err=True)
    click.echo(f"{result.total} events: {result.added} added, {result.updated} updated, "
               f"{result.unchanged} unchanged, {result.removed} removed")
    for t, n in result.counts.items():
        click.echo(f"  {t}: {n}")
    if result.covered:
        click.echo(f"{len(result.covered)} extracted event(s) left out, each covered by a curated record:")
        for c in result.covered:
            click.echo(f"  {c}")
    for p in result.outputs:
        click.echo(f"wrote {p}")
