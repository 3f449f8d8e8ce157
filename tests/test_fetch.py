"""``geomap fetch`` against a local HTTP server on 127.0.0.1 serving the source fixtures (no internet)."""
from __future__ import annotations

import secrets
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from geomap.cli.main import cli
from geomap.sources.registry import open_documents
from geomap.sources.fetch import Fetcher, fetch_urls

SOURCES = Path(__file__).resolve().parent / "data" / "sources"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


class _Site:
    """A small news site: pages, a feed, a slow page, a 404, a redirect, a picture, robots.txt.

    Every request but robots.txt must carry the site's token as its first path segment.
    """

    def __init__(self) -> None:
        self.token = secrets.token_hex(8)
        self.requests: list[tuple[str, str]] = []  # (path, user agent)
        self.in_flight = 0
        self.most_in_flight = 0
        self.flaky_left = 1
        self.release = threading.Event()  # lets the slow page's handler finish at teardown
        self.lock = threading.Lock()
        self.asked = threading.Condition(self.lock)  # notified as each request is recorded
        t = self.token
        self.routes = {
            f"/{t}/news/shostka.html": (200, "text/html; charset=utf-8", (SOURCES / "article-en.html").read_bytes()),
            f"/{t}/news/no-date.html": (200, "text/html; charset=utf-8", (SOURCES / "article-ru-nodate.html").read_bytes()),
            f"/{t}/feed.xml": (200, "application/rss+xml", (SOURCES / "feed-en.rss").read_bytes()),
            f"/{t}/photo.png": (200, "image/png", PNG),
            f"/{t}/private/secret.html": (200, "text/html", (SOURCES / "article-en.html").read_bytes()),
        }

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{self.token}/{path}"

    def times_asked(self, path: str, at_least: int, wait: float = 60.0) -> int:
        """How often ``path`` was asked for, once the server has recorded it ``at_least`` times (or ``wait``
        seconds passed): a request the client gave up on may reach a loaded server's handler thread only
        after the client returned."""
        with self.asked:
            self.asked.wait_for(lambda: [p for p, _ in self.requests].count(path) >= at_least, wait)
            return [p for p, _ in self.requests].count(path)


def _handler(site: _Site):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # keep pytest's output clean
            pass

        def _send(self, status: int, ctype: str, body: bytes, headers: dict | None = None) -> None:
            # answered before a byte goes out: a client that waits for each answer cannot have its next
            # request counted beside this one, however late this thread runs again
            with site.lock:
                site.in_flight -= 1
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            with site.asked:
                site.requests.append((self.path, self.headers.get("User-Agent", "")))
                site.in_flight += 1
                site.most_in_flight = max(site.most_in_flight, site.in_flight)
                site.asked.notify_all()
            self._answer()  # every answer goes through _send, which ends the request's flight

        def _answer(self):
            t = site.token
            if self.path == "/robots.txt":
                return self._send(200, "text/plain", f"User-agent: *\nDisallow: /{t}/private/\n".encode())
            if not self.path.startswith(f"/{t}/"):
                return self._send(403, "text/plain", b"no token")
            if self.path == f"/{t}/slow.html":
                site.release.wait(10)
                return self._send(200, "text/html", (SOURCES / "article-en.html").read_bytes())
            if self.path == f"/{t}/old/shostka":
                return self._send(301, "text/html", b"", {"Location": f"/{t}/news/shostka.html"})
            if self.path == f"/{t}/busy.html":
                with site.lock:
                    busy, site.flaky_left = site.flaky_left > 0, site.flaky_left - 1
                if busy:
                    return self._send(503, "text/plain", b"try later")
                return self._send(200, "text/html", (SOURCES / "article-en.html").read_bytes())
            route = site.routes.get(self.path)
            if route is None:
                return self._send(404, "text/html", b"<html><body>Not found</body></html>")
            return self._send(*route)

    return Handler


@pytest.fixture
def site():
    s = _Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(s))
    server.daemon_threads = True
    s.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield s
    s.release.set()
    server.shutdown()
    server.server_close()


def _fetcher(**kw) -> Fetcher:
    # no pauses: the politeness delay and back-off are the same code with other numbers
    return Fetcher(**{"timeout": 5.0, "retries": 1, "backoff": 0.0, "delay": 0.0, **kw})


def test_fetch_saves_pages_and_feed_entries_as_documents(site, tmp_path):
    out = tmp_path / "docs"
    result = fetch_urls([site.url("news/shostka.html"), site.url("feed.xml")], out, fetcher=_fetcher())
    assert not result.failed
    saved = {url: path for url, path in result.saved}
    # the page is saved under its canonical address; the feed's two entries under theirs
    assert set(saved) == {"https://borderland-monitor.example/2024/08/shostka-drone-strike",
                          "https://frontier-wire.example/2024/08/20/glushkovo-shelled",
                          "https://frontier-wire.example/2024/08/21/sudzha-drones"}
    text = saved["https://borderland-monitor.example/2024/08/shostka-drone-strike"].read_text(encoding="utf-8")
    assert text.startswith("---\nurl: https://borderland-monitor.example/2024/08/shostka-drone-strike\n"
                           "outlet: Borderland Monitor\npublished: 2024-08-14T09:32+03:00\nlanguage: en\n"
                           "title: Drones strike near Shostka as Sumy border villages are shelled\n"
                           f"fetched_from: {site.url('news/shostka.html')}\n---\n\nRussian forces struck")
    assert "Related stories" not in text and "Subscribe" not in text
    [doc] = open_documents(saved["https://frontier-wire.example/2024/08/20/glushkovo-shelled"])
    assert doc.published.text == "2024-08-20T16:45+03:00" and doc.outlet == "Frontier Wire"
    # every request named geomap, none ran beside another
    assert site.requests and all(ua.startswith("geomap/") for _, ua in site.requests)
    assert site.most_in_flight == 1


def test_fetch_lists_each_failure_and_honours_robots(site, tmp_path):
    urls = [site.url("missing.html"), site.url("photo.png"), site.url("news/no-date.html"),
            site.url("private/secret.html"), site.url("slow.html"), "ftp://example.org/file"]
    result = fetch_urls(urls, tmp_path / "docs", fetcher=_fetcher(timeout=0.3, retries=1))
    assert result.saved == []
    assert dict(result.failed) == {
        site.url("missing.html"): "HTTP 404",
        site.url("photo.png"): "not an HTML page or a feed (content type image/png)",
        site.url("news/no-date.html"): "no publication date found in the page; give --published",
        site.url("private/secret.html"): "robots.txt does not allow geomap to fetch it",
        site.url("slow.html"): "timed out after 0.3 s (2 tries)",
        "ftp://example.org/file": "not an http(s) address",
    }
    paths = [p for p, _ in site.requests]
    assert f"/{site.token}/private/secret.html" not in paths  # robots.txt was read, the page never asked for
    assert site.times_asked(f"/{site.token}/slow.html", 2) == 2  # the first try and one retry
    assert paths.count("/robots.txt") == 1  # once per host


def test_page_without_date_is_saved_with_published(site, tmp_path):
    result = fetch_urls([site.url("news/no-date.html")], tmp_path, published="2024-08-20", fetcher=_fetcher())
    [(url, path)] = result.saved
    assert url == "https://severny-vestnik.example/news/kursk-border-situation"
    [doc] = open_documents(path)
    assert doc.published.text == "2024-08-20" and doc.meta["language"] == "ru"


def test_retry_after_a_busy_answer(site, tmp_path):
    result = fetch_urls([site.url("busy.html")], tmp_path, fetcher=_fetcher(retries=2))
    assert not result.failed and len(result.saved) == 1
    assert [p for p, _ in site.requests].count(f"/{site.token}/busy.html") == 2


def test_already_fetched_addresses_are_skipped(site, tmp_path):
    first = fetch_urls([site.url("old/shostka")], tmp_path, fetcher=_fetcher())
    assert len(first.saved) == 1  # followed the redirect
    asked = len(site.requests)
    again = fetch_urls([site.url("old/shostka"), site.url("feed.xml")], tmp_path, fetcher=_fetcher())
    assert again.skipped == [(site.url("old/shostka"), "already fetched")]
    assert len(again.saved) == 2  # the feed's entries are new
    assert [p for p, _ in site.requests[asked:]].count(f"/{site.token}/old/shostka") == 0
    third = fetch_urls([site.url("feed.xml")], tmp_path, fetcher=_fetcher())
    assert third.saved == [] and len(third.skipped) == 2  # each entry already saved


def test_fetch_cli_output_is_read_by_build(site, tmp_path):
    root = tmp_path / "project"
    (root / "data" / "events").mkdir(parents=True)
    (root / "data" / "events" / "curated.yaml").write_text("[]\n", encoding="utf-8")
    runner = CliRunner()
    res = runner.invoke(cli, ["fetch", site.url("news/shostka.html"), site.url("feed.xml"), site.url("missing.html"),
                              "-o", str(root / "seeds"), "--delay", "0", "--retries", "0"])
    assert res.exit_code == 1
    assert f"Error: {site.url('missing.html')}: HTTP 404" in res.output
    assert "3 saved, 0 skipped, 1 failed" in res.output
    res = runner.invoke(cli, ["build", "--root", str(root), "--out", str(root / "out"), "--no-report"])
    assert res.exit_code == 0, res.output
    from geomap.layers import read_layers

    feats = read_layers(root / "out" / "layers")
    urls = {s["url"]: s["published"] for f in feats for s in f["properties"]["sources"]}
    assert urls["https://frontier-wire.example/2024/08/20/glushkovo-shelled"] == "2024-08-20T16:45+03:00"
    assert urls["https://borderland-monitor.example/2024/08/shostka-drone-strike"] == "2024-08-14T09:32+03:00"


def test_feed_entries_without_links_are_kept_apart(site, tmp_path):
    rss = (SOURCES / "feed-en.rss").read_bytes()
    linkless = rss.replace(b"<link>https://frontier-wire.example/2024/08/20/glushkovo-shelled</link>", b"").replace(
        b"<link>https://frontier-wire.example/2024/08/21/sudzha-drones</link>", b"")
    site.routes[f"/{site.token}/bare.xml"] = (200, "text/xml", linkless)
    result = fetch_urls([site.url("bare.xml")], tmp_path, fetcher=_fetcher())
    # the first entry's permalink guid still names it; the second has no address but the feed's
    assert [u for u, _ in result.saved] == ["https://frontier-wire.example/2024/08/20/glushkovo-shelled",
                                            site.url("bare.xml") + "#2"]
    assert len({p for _, p in result.saved}) == 2


def test_pause_between_requests_to_a_host_and_back_off(site, tmp_path):
    waits: list[float] = []
    polite = _fetcher(delay=30.0, backoff=4.0, retries=1, sleep=waits.append)  # recorded, not slept
    result = fetch_urls([site.url("news/shostka.html"), site.url("busy.html")], tmp_path, fetcher=polite)
    assert not result.failed
    # robots.txt, the page, busy (503), busy again: a pause before each request after the first,
    # and the back-off after the 503
    assert len(waits) == 4 and all(25.0 < w <= 30.0 for w in waits[:2])
    assert waits[2] == 4.0 and 25.0 < waits[3] <= 30.0
