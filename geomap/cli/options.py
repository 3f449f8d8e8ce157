"""Options shared by geomap's commands.

- ``layer_dir_arg``: LAYER_DIR argument, default ``out/layers``.
- ``out_opt``: ``--out DIR``, the build output directory (default ``out``).
- ``since_opt`` / ``until_opt``: ``--since``/``--until`` ISO dates (``cb_date``).
- ``type_opt``: ``--type`` repeatable event type (``cb_types``).
- ``admin1_opt``: ``--admin1`` oblast name or ISO code (``cb_admin1``).
- ``title_opt``: ``--title`` text for maps and reports.
- ``bbox_opt``: ``--bbox W,S,E,N`` (``cb_bbox``); ``min_precision_opt``: ``--min-precision``.
- ``event_filter_opts``: ``--actor``, ``--claim-status``, ``--claimed-by``, ``--origin``,
  ``--review-status``, ``--min-precision`` (the filters of ``geomap.filters.select``).
- ``deprecated_alias``: an old option spelling kept hidden for users' scripts; it warns and
  passes its value on under the new option's name.

One name, one meaning: ``tests/test_cli_conventions.py`` walks every command and
checks that an option name shared by two commands means the same in both.
"""
from __future__ import annotations

import functools

import click



def cb_date(ctx, param, value):
    """An ISO date string (YYYY-MM-DD) kept as text, or BadParameter."""
    if value is None:
        return None
    from ..schema import parse_date

    if parse_date(value) is None:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint=f"--{param.name}")
    return value


def cb_types(ctx, param, value):
    """Event types, checked against the vocabulary."""
    from ..schema import EVENT_TYPES

    for v in value:
        if v not in EVENT_TYPES:
            raise click.BadParameter(f"unknown event type {v!r}; choose from {', '.join(EVENT_TYPES)}",
                                     param_hint="--type")
    return tuple(value)


def cb_admin1(ctx, param, value):
    """An oblast by name or code, normalised to its ISO 3166-2 code."""
    if value is None:
        return None
    from ..errors import InputError
    from ..filters import resolve_admin1

    try:
        return resolve_admin1(value)
    except InputError as exc:
        raise click.BadParameter(str(exc), param_hint="--admin1") from None


layer_dir_arg = click.argument("layer_dir", required=False, default="out/layers",
                               type=click.Path(file_okay=False, path_type=str))
out_opt = click.option("--out", "out_dir", default="out", show_default=True,
                       type=click.Path(file_okay=False), help="Output directory.")
since_opt = click.option("--since", callback=cb_date, metavar="DATE", help="Only events ending on or after DATE.")
until_opt = click.option("--until", callback=cb_date, metavar="DATE", help="Only events starting on or before DATE.")
type_opt = click.option("--type", "types", multiple=True, callback=cb_types, metavar="TYPE",
                        help="Only this event type (repeatable).")
admin1_opt = click.option("--admin1", callback=cb_admin1, metavar="OBLAST",
                          help="Only events in this oblast (name or ISO code, e.g. RU-KRS).")
title_opt = click.option("--title", default=None, help="Title shown on the output.")


def cb_bbox(ctx, param, value):
    """``W,S,E,N`` in degrees, west <= east and south <= north."""
    if value is None:
        return None
    parts = value.split(",")
    try:
        w, s, e, n = (float(p) for p in parts)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not W,S,E,N (four numbers in degrees)", param_hint="--bbox") from None
    if not (-180 <= w <= 180 and -180 <= e <= 180 and -90 <= s <= 90 and -90 <= n <= 90):
        raise click.BadParameter(f"{value!r}: longitudes must be in -180..180 and latitudes in -90..90",
                                 param_hint="--bbox")
    if w > e:
        raise click.BadParameter(f"{value!r}: west {w} is east of east {e} (W,S,E,N)", param_hint="--bbox")
    if s > n:
        raise click.BadParameter(f"{value!r}: south {s} is north of north {n} (W,S,E,N)", param_hint="--bbox")
    return (w, s, e, n)


bbox_opt = click.option("--bbox", callback=cb_bbox, metavar="W,S,E,N",
                        help="Only events inside this box (degrees, west,south,east,north).")


def deprecated_alias(old: str, new: str, dest: str, **option_kwargs):
    """A hidden ``old`` spelling of the option ``new`` (whose value the command takes as ``dest``).

    Given, it prints ``warning: OLD is deprecated; use NEW`` on stderr and its
    value replaces ``dest``'s. Apply it below ``@click.command``.
    """
    hidden_dest = f"deprecated_{dest}"

    def decorate(f):
        @functools.wraps(f)
        def command(*args, **kwargs):
            value = kwargs.pop(hidden_dest)
            if value is not None:
                click.echo(f"warning: {old} is deprecated; use {new}", err=True)
                kwargs[dest] = value
            return f(*args, **kwargs)

        return click.option(old, hidden_dest, hidden=True, default=None, **option_kwargs)(command)
    return decorate


def _choices(name: str):
    from .. import schema

    return click.Choice(getattr(schema, name))


min_precision_opt = click.option(
    "--min-precision", type=_choices("GEO_PRECISIONS"),
    help="Only events located at least this precisely (settlement is the finest).")


def event_filter_opts(f):
    """``--actor``, ``--claim-status``, ``--claimed-by``, ``--origin``, ``--review-status``, ``--min-precision``.

    Each repeatable option keeps events matching any of its values; the command
    receives them under the names ``geomap.filters.select`` takes.
    """
    for opt in reversed([
        click.option("--actor", "actors", multiple=True, metavar="NAME",
                     help="Only events with this actor (repeatable; any case, e.g. 'north korean forces')."),
        click.option("--claim-status", "claim_status", multiple=True, type=_choices("CLAIM_STATUSES"),
                     help="Only events with this claim status (repeatable)."),
        click.option("--claimed-by", "claimed_by", multiple=True, metavar="WHO",
                     help="Only events a source says WHO claims (repeatable; any case)."),
        click.option("--origin", "origin", multiple=True, type=_choices("ORIGINS"),
                     help="Only curated, extracted or imported events (repeatable)."),
        click.option("--review-status", "review_status", multiple=True, metavar="STATUS",
                     help="Only events with this review status ('unreviewed' when never reviewed; repeatable)."),
        min_precision_opt,
    ]):
        f = opt(f)
    return f
