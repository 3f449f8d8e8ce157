"""``geomap report``: a static HTML/PDF/PNG briefing from the layers."""
from __future__ import annotations

import click

from .options import (admin1_opt, deprecated_alias, event_filter_opts, layer_dir_arg, since_opt, title_opt, type_opt,
                      until_opt)


def _map_href(value):
    """A refused link is a usage error (exit 2), checked by the report's own rule."""
    from ..errors import InputError
    from ..render.report import check_map_href

    try:
        check_map_href(value)
    except InputError as exc:
        raise click.BadParameter(str(exc).removeprefix("--map-href "), param_hint="--map-href") from None
    return value


@click.command(short_help="Write a static HTML/PDF/PNG report.")
@layer_dir_arg
@click.option("-o", "--output", "out_dir", default="out/report", show_default=True,
              type=click.Path(file_okay=False), help="Directory for index.html, report.pdf and the PNGs.")
@since_opt
@until_opt
@type_opt
@admin1_opt
@event_filter_opts
@title_opt
@click.option("--outputs", "formats", default="html,pdf,png", show_default=True, metavar="LIST",
              help="Comma-separated outputs: html, pdf, png (HTML without png embeds its images).")
@click.option("--by", type=click.Choice(["month"]), default=None, help="Also draw one small map per month.")
@click.option("--map-href", default=None, metavar="URL", callback=lambda ctx, param, value: _map_href(value),
              help="Link to the interactive map: an http(s) URL or a relative link "
                   "(default: a map.html in or beside the output directory).")
@click.option("--boundaries-file", "boundaries", type=click.Path(dir_okay=False), default=None,
              help="Oblast boundaries GeoJSON (default: the packaged Natural Earth file).")
@deprecated_alias("--format", "--outputs", "formats", metavar="LIST")
@deprecated_alias("--boundaries", "--boundaries-file", "boundaries", type=click.Path(dir_okay=False))
def report(layer_dir, out_dir, since, until, types, admin1, title, formats, by, map_href, boundaries,
           **filters) -> None:
    """Write a report of the events in LAYER_DIR (default out/layers): summary,
    maps, weekly timeline, tables by oblast and month, the event list with
    sources, and the methodology. A4 PDF via headless Chromium.
    """
    from .. import api
    from ..layers import read_layers
    from ..render.report import parse_formats

    fmts = parse_formats(formats)
    result = api.report(read_layers(layer_dir), out_dir, title=title, formats=fmts, since=since, until=until,
                        types=types, admin1=admin1, by=by, map_href=map_href, boundaries=boundaries,
                        source_note=f"the layers in {click.format_filename(layer_dir)}", **filters)
    for note in result.notes:
        click.echo(f"warning: {note}", err=True)
    click.echo(f"{result.total} event{'' if result.total == 1 else 's'} in the report")
    for p in result.files:
        click.echo(f"wrote {p}")
