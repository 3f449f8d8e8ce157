"""``geomap map``: event layers → one interactive HTML map with a timeline."""
from __future__ import annotations

import click

from .options import admin1_opt, event_filter_opts, layer_dir_arg, since_opt, title_opt, type_opt, until_opt


@click.command("map", short_help="Write an interactive HTML map with a timeline.")
@layer_dir_arg
@click.option("-o", "--output", default="out/map.html", show_default=True,
              type=click.Path(dir_okay=False, writable=True), help="HTML file to write.")
@since_opt
@until_opt
@type_opt
@admin1_opt
@event_filter_opts
@title_opt
@click.option("--tiles", default="OpenStreetMap", show_default=True, metavar="PROVIDER",
              help="Tile provider name (xyzservices, e.g. 'CartoDB positron'), or 'none' for a plain background.")
@click.option("--offline/--cdn", default=True, show_default=True,
              help="--offline inlines every script and stylesheet from installed packages: one "
                   "self-contained file that requests nothing but tiles. --cdn loads Leaflet from its CDN.")
def map_cmd(layer_dir, output, since, until, types, admin1, title, tiles, offline, **filters):
    """Write an interactive map of the events in LAYER_DIR (default out/layers).

    One overlay per event type, oblast-level events as dashed rings, a timeline
    with a weekly histogram, and popups with every source.
    """
    from .. import api
    from ..errors import InputError
    from ..layers import layer_files, read_layers
    from ..render.map import save_map, undated_count

    if since and until and since > until:
        raise click.BadParameter(f"--since {since} is after --until {until}", param_hint="--since/--until")
    files = layer_files(layer_dir)
    if not files:
        raise InputError("no layer files (*.geojson) here; run `geomap build` first", layer_dir)
    features = read_layers(layer_dir)
    if not features:
        raise InputError(f"all {len(files)} layer files are empty: no events to map", layer_dir)
    m = api.to_map(features, title=title, tiles=tiles, offline=offline, since=since, until=until,
                   types=types, admin1=admin1, **filters)
    n = undated_count(features)
    if n and not (since or until):
        click.echo(f"warning: {n} event(s) have no date: drawn with '?', shown only with 'All dates', "
                   "not on the timeline", err=True)
    path = save_map(m, output)
    click.echo(f"wrote {path}")
