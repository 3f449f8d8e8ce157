"""``geomap validate``."""
from __future__ import annotations

import click


@click.command(short_help="Check layers or curated files.")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
def validate(paths: tuple[str, ...]) -> None:
    """Check layer files, layer directories or curated YAML/CSV files.

    Prints one line per problem (file, feature or line, field, what is wrong)
    and exits 1 if any is an error.
    """
    from .. import api

    problems = api.validate(paths)
    for p in problems:
        click.echo(str(p))
    errors = sum(1 for p in problems if p.severity == "error")
    if errors:
        raise click.ClickException(f"{errors} error(s) in {len(paths)} path(s)")
    click.echo(f"ok: no errors ({len(problems)} warning(s))", err=True)
