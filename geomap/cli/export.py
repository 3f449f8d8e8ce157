"""``geomap export``: the layers in any format of ``geomap.io.registry`` (``-o -``: stdout)."""
from __future__ import annotations

import click

from ..io.registry import EXPORT_FORMATS
from .options import admin1_opt, bbox_opt, event_filter_opts, layer_dir_arg, since_opt, type_opt, until_opt


@click.command(short_help="Export layers as GeoJSON, GeoPackage or CSV.")
@layer_dir_arg
@click.option("-f", "--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="geojson", show_default=True,
              help="geojson (RFC 7946), geojsonseq (RFC 8142), gpkg, csv, acled-csv or geoparquet (GeoArrow points).")
@click.option("-o", "--output", "output", required=True, type=click.Path(path_type=str),
              help="Output file (a directory with --split); - writes to stdout.")
@click.option("--split", is_flag=True, help="One file per event type in the directory OUTPUT.")
@click.option("--boundaries", is_flag=True,
              help="Also write the oblast polygons (GeoJSON: a .boundaries file beside OUTPUT; "
                   "a GeoPackage always has them).")
@click.option("--raw-cells", is_flag=True,
              help="csv/acled-csv: write cells as stored. By default a cell starting with = + - @, tab or CR "
                   "(not a number) gets a leading ' so a spreadsheet does not run it as a formula.")
@type_opt
@since_opt
@until_opt
@admin1_opt
@bbox_opt
@event_filter_opts
def export(layer_dir, fmt, output, split, boundaries, raw_cells, types, since, until, admin1, bbox, **filters):
    """Export the events in LAYER_DIR (default out/layers) for QGIS, ArcGIS, kepler.gl or ACLED tools.

    Writes are atomic: a failed export leaves an earlier file intact.
    """
    from .. import api
    from ..txn import refuse_inside

    refuse_inside(output, layer_dir)
    feats = api.stream(layer_dir, types=types, since=since, until=until, admin1=admin1, bbox=bbox, **filters)
    to_stdout = output == "-"  # the data goes to stdout, the messages to stderr
    for path in api.export(feats, output, fmt, split=split, boundaries=boundaries, raw_cells=raw_cells,
                           progress=True):
        if not to_stdout:
            click.echo(f"wrote {path}")
    click.echo(f"{feats.count} events exported as {fmt}", err=to_stdout)
