"""``geomap geocode``: place names → points with precision, source id and score."""
from __future__ import annotations

import click

from .options import cb_admin1


def _fmt(v) -> str:
    if v is None:
        return "-"
    if isinstance(v, float):
        return f"{v:.5f}"
    return str(v)


def table(rows: list[list[str]], header: list[str]) -> list[str]:
    """Left-aligned columns, two spaces apart (plain text a user can read and grep)."""
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    return ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in [header, *rows]]


@click.command(short_help="Resolve place names to points.")
@click.argument("names", nargs=-1, required=True)
@click.option("--admin1", callback=cb_admin1, metavar="OBLAST",
              help="Oblast the names lie in (name or ISO code); a match elsewhere falls back to this oblast.")
@click.option("--context", "context", multiple=True, metavar="TEXT",
              help="Text of the source document (or an oblast name) used to rank namesakes; repeatable.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array, one object per name, in order.")
@click.option("--root", default=".", show_default=True, type=click.Path(file_okay=False),
              help="Project whose own places (data/gazetteer/*.csv) join the gazetteer.")
def geocode(names: tuple[str, ...], admin1: str | None, context: tuple[str, ...], as_json: bool, root: str) -> None:
    """Resolve each NAME (settlement, district or oblast, any spelling) against the gazetteer.

    Prints mention, place, oblast, precision, lat, lon, gazetteer id and score.
    Exits 1 when any name is unresolved, naming it with the nearest suggestions.
    """
    from .. import api

    results = [api.geocode(n, admin1=admin1, context=list(context) or None, root=root) for n in names]
    if as_json:
        import json

        click.echo(json.dumps([r.as_dict() for r in results], ensure_ascii=False, indent=2))
    else:
        rows = []
        for r in results:
            score = "-" if not r.resolved else f"{r.score:.0f}" + (" fuzzy" if r.fuzzy else "")
            rows.append([r.query, r.place if r.resolved else "UNRESOLVED", _fmt(r.admin1), _fmt(r.geo_precision),
                         _fmt(r.lat), _fmt(r.lon), _fmt(r.gazetteer_id), score])
        for line in table(rows, ["mention", "place", "oblast", "precision", "lat", "lon", "id", "score"]):
            click.echo(line)
        for r in results:
            if r.resolved and r.note:
                click.echo(f"note: {r.query}: {r.note}", err=True)
    missing = [r for r in results if not r.resolved]
    if missing:
        parts = []
        for r in missing:
            hint = ", ".join(f"{s['place']} ({s['admin1'] or s['country']})" for s in r.suggestions[:3])
            parts.append(f"{r.query!r}" + (f" (nearest: {hint})" if hint else ""))
        raise click.ClickException(f"unresolved: {'; '.join(parts)}")
