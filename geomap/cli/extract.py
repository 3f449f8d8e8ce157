"""``geomap extract``: candidate events from news text, each with the sentence that says so."""
from __future__ import annotations

import sys

import click


def _published(ctx, param, value):
    if value is None:
        return None
    from ..documents import parse_published

    pub = parse_published(value)
    if pub is None:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)", param_hint="--published")
    return pub


@click.command(short_help="Extract candidate events from source documents.")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=str), default=None,
              help="Write candidates here: a FeatureCollection for .geojson, else JSON Lines. Default (or -): JSON Lines on stdout.")
@click.option("--min-confidence", type=click.FloatRange(0.0, 1.0), default=0.0, show_default=True,
              help="Drop candidates below this confidence.")
@click.option("--published", callback=_published, metavar="DATE",
              help="Publication date for documents without one in front matter (plain .txt files).")
@click.option("--telegram-channel", "channel", metavar="NAME",
              help="Public name of the channel a Telegram export (result.json) comes from: posts get https://t.me/NAME/ID.")
@click.option("--root", default=".", show_default=True, type=click.Path(file_okay=False),
              help="Project whose own places (data/gazetteer/*.csv) join the gazetteer.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes reading the documents (default: all cores, for 2 MB of input or more). Output is the same for any N.")
@click.option("--dask", "dask", metavar="ADDRESS",
              help="Run on the Dask scheduler at ADDRESS (tcp://host:8786), or 'local' for a LocalCluster of 2 workers.")
def extract(paths: tuple[str, ...], output: str | None, min_confidence: float, published, channel, root: str,
            jobs: int | None, dask: str | None) -> None:
    """Read PATH... (.md with front matter, .txt, saved .html pages, RSS/Atom feeds, Telegram
    result.json exports, or directories of them) and write candidate events.

    Each candidate is a GeoJSON Feature with type, dates, place and precision,
    actors, weapons, claim status and the supporting sentence with its offsets.
    A document that cannot be read is reported on one line; the others are
    still read, and the exit status is 1.
    """
    from .. import api
    from ..extraction.output import jsonl_lines, summary_lines, write_candidates
    from ..gcpause import no_final_collection

    if output == "-":
        output = None
    result = api.extract_documents(paths, published, min_confidence=min_confidence, channel=channel, root=root,
                                   jobs=jobs or 0, dask=dask, progress=True)
    no_final_collection()  # the events and reports held until the process ends
    for r in result.failed:
        click.echo(f"Error: {r.error}", err=True)
    if output:
        write_candidates(output, result.stream())
        out = sys.stdout
    else:
        with click.open_file("-", "wb") as stream:  # stdout's bytes (get_binary_stream is deprecated)
            for line in jsonl_lines(result.stream()):
                stream.write(line)
            stream.flush()
        out = sys.stderr
    for line in summary_lines(result):
        click.echo(line, file=out)
    if output:
        click.echo(f"wrote {output}", file=out)
    if result.failed:
        sys.exit(1)
