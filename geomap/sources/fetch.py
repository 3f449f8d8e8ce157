"""``geomap fetch``: news pages and feeds downloaded politely and saved as front-matter Markdown.

Polite by default: one request at a time (so never two at once to a host), a
pause between two requests to the same host, a User-Agent that names geomap,
a timeout, retries with growing back-off for timeouts, 429 and 5xx answers,
and robots.txt honoured. An address already saved in the output directory
(as ``url`` or ``fetched_from`` in a document's front matter) is not fetched
again. Pages are read as saved pages are (``geomap.sources.html``), feeds
give one document per entry.
"""
from __future__ import annotations

import hashlib
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable
from urllib.parse import urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

from .. import __version__
from ..errors import InputError, OutputError

ROBOTS_AGENT = "geomap"
USER_AGENT = f"geomap/{__version__} (event-mapping research tool; fetches pages a user names, honours robots.txt)"
MAX_BYTES = 10 * 1024 * 1024
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
               "text/xml", "application/feed+json")
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


@dataclass
class FetchResult:
    """What a fetch did with each address: documents saved, addresses skipped, failures with their reason."""

    saved: list[tuple[str, Path]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)


class FetchFailure(Exception):
    """One address could not be fetched or read (the reason is the message)."""


@dataclass
class Fetcher:
    """Polite HTTP GETs: per-host pause, timeout, retries with back-off, robots.txt."""

    timeout: float = 20.0
    retries: int = 2
    backoff: float = 1.0
    delay: float = 1.0
    user_agent: str = USER_AGENT
    sleep: Callable[[float], None] = time.sleep
    _last: dict[str, float] = field(default_factory=dict)
    _robots: dict[str, RobotFileParser] = field(default_factory=dict)
    _client: Any = None

    def __enter__(self) -> "Fetcher":
        import httpx

        self._client = httpx.Client(headers={"User-Agent": self.user_agent}, follow_redirects=True,
                                    timeout=self.timeout, max_redirects=10)
        return self

    def __exit__(self, *exc) -> None:
        self._client.close()

    def allowed(self, url: str) -> bool:
        """Whether the site's robots.txt lets geomap fetch ``url`` (no robots.txt: yes)."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        rules = self._robots.get(origin)
        if rules is None:
            rules = RobotFileParser(origin + "/robots.txt")
            try:
                status, _, body, _ = self.get(origin + "/robots.txt", check_robots=False)
            except FetchFailure as exc:
                raise FetchFailure(f"could not read {origin}/robots.txt: {exc}") from None
            if status in (401, 403) or status >= 500:
                rules.disallow_all = True  # as urllib's own reader does for 401/403; a broken server is no permission
            elif status >= 400:
                rules.allow_all = True
            else:
                rules.parse(body.decode("utf-8", errors="replace").splitlines())
            self._robots[origin] = rules
        return rules.can_fetch(ROBOTS_AGENT, url)

    def get(self, url: str, *, check_robots: bool = True) -> tuple[int, str, bytes, str]:
        """``(status, content type, body, final url)`` after redirects; FetchFailure when it cannot be had."""
        import httpx

        if check_robots and not self.allowed(url):
            raise FetchFailure("robots.txt does not allow geomap to fetch it")
        host = urlsplit(url).netloc
        for attempt in range(self.retries + 1):
            wait = self._last.get(host, float("-inf")) + self.delay - time.monotonic()
            if wait > 0:
                self.sleep(wait)
            try:
                status, ctype, body, final, retry_after = self._once(url)
                problem = f"HTTP {status}" if status in _RETRY_STATUS else None
            except httpx.TimeoutException:
                problem, retry_after = f"timed out after {self.timeout:g} s", None
            except httpx.TooManyRedirects:
                raise FetchFailure("too many redirects") from None
            except httpx.HTTPError as exc:
                problem, retry_after = f"could not connect: {exc}", None
            finally:
                self._last[host] = time.monotonic()
            if problem is None:
                return status, ctype, body, final
            if attempt < self.retries:
                self.sleep(max(self.backoff * 2 ** attempt, min(retry_after or 0.0, 60.0)))
        raise FetchFailure(f"{problem} ({self.retries + 1} tries)")

    def _once(self, url: str) -> tuple[int, str, bytes, str, float | None]:
        with self._client.stream("GET", url) as response:
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > MAX_BYTES:
                    raise FetchFailure(f"larger than {MAX_BYTES // (1024 * 1024)} MB")
                chunks.append(chunk)
            ctype = response.headers.get("content-type", "").split(";")[0].strip().lower()
            after = response.headers.get("retry-after", "")
            return (response.status_code, ctype, b"".join(chunks), str(response.url),
                    float(after) if after.isdigit() else None)


def fetch_urls(urls: Iterable[str], out_dir: Path | str, *, published: Any = None, fetcher: Fetcher | None = None
               ) -> FetchResult:
    """Download each of ``urls`` into ``out_dir`` as front-matter Markdown documents.

    ``published`` dates a page that gives no date of its own; without it such a
    page is listed as failed. Raises OutputError when ``out_dir`` cannot be made.
    """
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{out}: cannot create the output directory: {exc.strerror or exc}") from None
    known = saved_addresses(out)
    result = FetchResult()
    fetcher = fetcher or Fetcher()
    with fetcher:
        for url in dict.fromkeys(u.strip() for u in urls):
            if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc:
                result.failed.append((url, "not an http(s) address"))
                continue
            if _key(url) in known:
                result.skipped.append((url, "already fetched"))
                continue
            try:
                docs = _documents(fetcher, url, published)
            except FetchFailure as exc:
                result.failed.append((url, str(exc)))
                continue
            for doc, requested in docs:
                if _key(doc.url or requested) in known:  # a feed entry, or a page's canonical address, saved before
                    result.skipped.append((doc.url or requested, "already fetched"))
                    continue
                path = out / file_name(doc.url or requested)
                write_document(path, doc, requested)
                known.update({_key(doc.url or requested), _key(requested)})
                result.saved.append((doc.url or requested, path))
    return result


def _documents(fetcher: Fetcher, url: str, published: Any) -> list[tuple[Any, str]]:
    """The documents at ``url``: one for a page, one per entry for a feed, each with the address asked for."""
    from .registry import sniff

    status, ctype, body, final = fetcher.get(url)
    if status >= 400:
        raise FetchFailure(f"HTTP {status}")
    kind = "html" if ctype in _HTML_TYPES else "feed" if ctype in _FEED_TYPES else None
    if ctype in ("text/xml", "application/xml", "text/plain", ""):  # generic types: the body decides
        sniffed = sniff(body[:8192])
        kind = sniffed if sniffed in ("html", "feed") else kind
    if kind is None:
        raise FetchFailure(f"not an HTML page or a feed (content type {ctype or 'not given'})")
    try:
        if kind == "html":
            from .html import page_document

            return [(page_document(body, url, published=published, url=final), url)]
        from .feed import read_feed

        read = read_feed(body, url, published=published)
    except InputError as exc:
        raise FetchFailure(exc.detail) from None
    if not read.documents:
        raise FetchFailure("; ".join(e.detail for e in read.failed) or "the feed has no entries with text")
    # an entry without a link of its own is cited as the feed's address and its entry number
    return [(d, d.url or f"{url}#{d.name.rsplit('#', 1)[-1]}") for d in read.documents]


def saved_addresses(out: Path) -> set[str]:
    """The addresses (``url`` and ``fetched_from``) of the documents already in ``out``."""
    from ..documents import parse_front_matter

    known: set[str] = set()
    for path in sorted(out.glob("*.md")):
        try:
            with open(path, encoding="utf-8") as fh:
                head = fh.read(16 * 1024)
            meta, _ = parse_front_matter(head, str(path))
        except (InputError, OSError, UnicodeDecodeError):
            continue  # not one of ours; extract will say what is wrong with it
        for key in ("url", "fetched_from"):
            if meta and meta.get(key):
                known.add(_key(str(meta[key])))
    return known


def _key(url: str) -> str:
    """An address as compared for "already fetched": lower-case scheme and host, ``/`` for no path."""
    p = urlsplit(url.strip())
    return urlunsplit((p.scheme.lower(), p.netloc.lower(), p.path or "/", p.query, p.fragment))


_SLUG = re.compile(r"[^a-z0-9]+")


def file_name(url: str) -> str:
    """``host-path-words-1a2b3c4d.md``: readable, and distinct for distinct addresses."""
    p = urlsplit(url)
    slug = _SLUG.sub("-", f"{p.hostname or ''} {p.path}".lower()).strip("-")[:80].rstrip("-")
    digest = hashlib.sha256(_key(url).encode("utf-8")).hexdigest()[:8]
    return f"{slug or 'page'}-{digest}.md"


def write_document(path: Path, doc: Any, requested: str) -> None:
    """The document as front matter (url, outlet, published, language, title) and its text, atomically."""
    import yaml

    from ..layers import atomic_write_text

    meta = {"url": doc.url or requested, "outlet": doc.outlet, "published": doc.published.text,
            "language": doc.meta.get("language"), "title": doc.meta.get("title")}
    if requested != meta["url"]:
        meta["fetched_from"] = requested
    front = yaml.safe_dump({k: v for k, v in meta.items() if v}, allow_unicode=True, sort_keys=False, width=1000)
    text = "".join(t for _, t in doc.blocks())
    atomic_write_text(path, f"---\n{front}---\n\n{text.strip()}\n")
