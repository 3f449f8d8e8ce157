"""``geomap fetch``: download news pages and feeds as documents that ``extract`` and ``build`` read."""
from __future__ import annotations

import sys

import click

from .extract import _published


@click.command(short_help="Download news pages and feeds as documents for extract and build.")
@click.argument("urls", nargs=-1, required=True, metavar="URL...")
@click.option("-o", "--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=str),
              help="Directory for the documents (created if missing); addresses already saved there are skipped.")
@click.option("--published", callback=_published, metavar="DATE",
              help="Publication date for a page that gives none of its own.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=20.0, show_default=True,
              help="Seconds to wait for an answer.")
@click.option("--retries", type=click.IntRange(min=0, max=10), default=2, show_default=True,
              help="Tries after the first for timeouts, 429 and 5xx answers, with growing back-off.")
@click.option("--delay", type=click.FloatRange(min=0.0), default=1.0, show_default=True,
              help="Seconds between two requests to the same host.")
def fetch(urls: tuple[str, ...], out_dir: str, published, timeout: float, retries: int, delay: float) -> None:
    """Fetch each URL (a news page or an RSS/Atom feed) and save it in OUT as front-matter Markdown.

    Each document holds the article's text (navigation, captions and related
    links left out) under url, outlet, published, language and title. Requests go
    one at a time with a User-Agent naming geomap, and robots.txt is honoured.
    Every address that could not be saved is listed, and the exit status is 1.
    """
    from ..sources.fetch import Fetcher, fetch_urls

    result = fetch_urls(urls, out_dir, published=published,
                        fetcher=Fetcher(timeout=timeout, retries=retries, delay=delay))
    for url, path in result.saved:
        click.echo(f"saved {url} -> {path}")
    for url, why in result.skipped:
        click.echo(f"skipped {url}: {why}")
    for url, why in result.failed:
        click.echo(f"Error: {url}: {why}", err=True)
    click.echo(f"{len(result.saved)} saved, {len(result.skipped)} skipped, {len(result.failed)} failed")
    if result.failed:
        sys.exit(1)
