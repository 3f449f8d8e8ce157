"""``geomap review``: the review app, and the same decisions from the command line."""
from __future__ import annotations

import click

from .options import admin1_opt, deprecated_alias, since_opt, type_opt, until_opt

root_opt = click.option("--root", default=".", show_default=True, type=click.Path(file_okay=False, exists=True),
                        help="Project directory (its ledger is ROOT/data/reviews/).")
reviewer_opt = click.option("--reviewer", envvar="GEOMAP_REVIEWER", metavar="NAME",
                            help="Who decides (default: $GEOMAP_REVIEWER, else the login name).")


def _queue(root: str):
    from ..review.queue import ReviewQueue

    return ReviewQueue(root)


def _echo_result(result: dict) -> None:
    click.echo(f"{result['id']}: {result['status']}" + (" (needs a second look)" if result["flagged"] else ""))


@click.group(invoke_without_command=True, short_help="Review candidate events: web app, or list/accept/reject/set.")
@root_opt
@click.option("--port", type=click.IntRange(0, 65535), default=0, help="Port on 127.0.0.1 (default: a free one).")
@click.option("--no-browser", is_flag=True, help="Print the URL only; do not open a browser.")
@reviewer_opt
@click.pass_context
def review(ctx: click.Context, root: str, port: int, no_browser: bool, reviewer: str | None) -> None:
    """Serve the review app on 127.0.0.1 and print its URL (with this run's secret token).

    Decisions go to the append-only ledger ROOT/data/reviews/*.jsonl, which
    `geomap build` applies. Ctrl-C stops the server.
    """
    if ctx.invoked_subcommand is not None:
        return
    from ..review.app import serve

    queue = _queue(root)
    serve(queue, port=port, open_browser=not no_browser, reviewer=reviewer, echo=click.echo)


@review.command("list")
@root_opt
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line (with its id).")
@click.option("--status", type=click.Choice(["unreviewed", "flagged", "reviewed", "all"]), default="unreviewed",
              show_default=True, help="Which candidates.")
@click.option("--document", metavar="PATH", help="Only events extracted from this document (as stored, e.g. seeds/a.md).")
@click.option("--min-confidence", type=click.FloatRange(0, 1), help="Only extracted events at least this confident.")
@type_opt
@admin1_opt
@since_opt
@until_opt
def list_cmd(root, as_json, status, document, min_confidence, types, admin1, since, until) -> None:
    """The review queue: extracted and imported events not yet reviewed (by default)."""
    import orjson

    queue = _queue(root)
    for b in queue.problems:
        click.echo(f"warning: {b}", err=True)
    rows = queue.items(status=status, document=document, types=types, admin1=admin1,
                       min_confidence=min_confidence, since=since, until=until)
    for r in rows:
        if as_json:
            click.echo(orjson.dumps(r).decode())
        else:
            conf = "-" if r["confidence"] is None else f"{r['confidence']:.2f}"
            flag = " second-look" if r["flagged"] else ""
            click.echo(f"{r['id']}  {r['status']:<10} {r['event_type']}/{r['sub_type'] or '-'}  "
                       f"{r['date_start']}..{r['date_end']}  {r['admin1_code'] or '-'}  {conf}  "
                       f"{r['place'] or '-'}{flag}")
    if not as_json:
        click.echo(f"{len(rows)} event(s)", err=True)


@review.command()
@root_opt
@reviewer_opt
@click.argument("event_id", metavar="ID")
def accept(root: str, reviewer: str | None, event_id: str) -> None:
    """Accept event ID as it is (or as corrected)."""
    _echo_result(_queue(root).decide(event_id, "accept", reviewer=reviewer))


@review.command()
@root_opt
@reviewer_opt
@click.option("--reason", required=True, help="Why: 'not an event', 'duplicate of another event', "
                                              "'outside the region', or your own words.")
@click.argument("event_id", metavar="ID")
def reject(root: str, reviewer: str | None, reason: str, event_id: str) -> None:
    """Reject event ID: it stays in the ledger and out of the layers."""
    _echo_result(_queue(root).decide(event_id, "reject", reviewer=reviewer, reason=reason))


@review.command("set")
@root_opt
@reviewer_opt
@click.argument("event_id", metavar="ID")
@click.argument("assignments", metavar="FIELD=VALUE...", nargs=-1, required=True)
def set_cmd(root: str, reviewer: str | None, event_id: str, assignments: tuple[str, ...]) -> None:
    """Correct fields of event ID (its review_status becomes corrected).

    Lists (actors, weapons) are separated by ';'; an empty value clears a field;
    lon/lat move the point (its oblast follows); claimed_by is the first source's.
    """
    changes = {}
    for a in assignments:
        name, sep, value = a.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"{a!r} is not FIELD=VALUE", param_hint="FIELD=VALUE")
        changes[name.strip()] = value
    _echo_result(_queue(root).decide(event_id, "correct", reviewer=reviewer, changes=changes))


@review.command()
@root_opt
@reviewer_opt
@click.option("--keep", "into", metavar="ID", help="The event that stays; it gains ID's sources.  [required]")
@click.argument("event_id", metavar="ID")
@deprecated_alias("--into", "--keep", "into", metavar="ID")
def merge(root: str, reviewer: str | None, into: str, event_id: str) -> None:
    """Merge event ID into another: one event, both sources."""
    if not into:
        raise click.MissingParameter(param_hint="'--keep'", param_type="option")
    _echo_result(_queue(root).decide(event_id, "merge", reviewer=reviewer, into=into))


@review.command()
@root_opt
@reviewer_opt
@click.option("--clear", is_flag=True, help="Take the mark off again.")
@click.argument("event_id", metavar="ID")
def flag(root: str, reviewer: str | None, clear: bool, event_id: str) -> None:
    """Mark event ID as needing a second look (it stays in the queue)."""
    _echo_result(_queue(root).decide(event_id, "flag", reviewer=reviewer, flag=not clear))
