"""The review web app: Starlette on uvicorn, bound to 127.0.0.1, every request checked against a run token.

The page and its assets are local (Leaflet from the installed
``django-js-lib-leaflet``), so it works offline. Source text reaches the page
only as JSON and is put in with ``textContent``; the Content-Security-Policy
allows no inline script and nothing from other origins.
"""
from __future__ import annotations

import html
import secrets
import socket
import threading
import webbrowser
from importlib import resources
from typing import Any, Callable

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
import orjson
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from ..errors import GeomapError
from .ledger import REJECT_REASONS
from .queue import ReviewQueue

TOKEN_HEADER = "X-Geomap-Token"
CSP = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
STATIC_TYPES = {"app.js": "text/javascript", "app.css": "text/css",
                "leaflet.js": "text/javascript", "leaflet.css": "text/css"}

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="geomap-token" content="{token}">
<title>geomap review</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="static/leaflet.css?token={token}">
<link rel="stylesheet" href="static/app.css?token={token}">
<script src="static/leaflet.js?token={token}" defer></script>
<script src="static/app.js?token={token}" defer></script>
</head><body>
<header><h1>geomap review</h1><span id="counts"></span>
<span class="keys">a accept · r reject · e edit · j next · k previous</span></header>
<div id="problems" hidden></div>
<div id="layout">
<aside id="queue">
 <form id="filters" autocomplete="off">
  <label>Status <select name="status"><option value="unreviewed">unreviewed</option>
   <option value="flagged">second look</option><option value="reviewed">reviewed</option>
   <option value="all">all</option></select></label>
  <label>Document <select name="document"><option value="">any</option></select></label>
  <label>Type <select name="type"><option value="">any</option></select></label>
  <label>Oblast <select name="oblast"><option value="">any</option></select></label>
  <label>Min. confidence <input name="min_confidence" type="number" min="0" max="1" step="0.05"></label>
  <label>Since <input name="since" type="date"></label>
  <label>Until <input name="until" type="date"></label>
 </form>
 <ol id="items"></ol>
</aside>
<main id="detail">
 <p id="empty">Nothing to review with these filters.</p>
 <div id="event" hidden>
  <h2 id="title"></h2>
  <p id="state"></p>
  <section><h3>Source</h3><p id="docname"></p>
   <blockquote id="text"><span id="before"></span><mark id="quote"></mark><span id="after"></span></blockquote></section>
  <div id="columns">
   <section id="fields-box"><h3>Fields</h3>
    <form id="edit" autocomplete="off"><table id="fields"></table>
     <button type="submit" id="save">Save corrections</button></form></section>
   <section id="map-box"><h3>Place</h3><div id="map"></div>
    <p class="hint">Drag the point to correct it, then save.</p>
    <h4>Geocoder alternatives</h4><ul id="alternatives"></ul>
    <h4>Place search</h4><input id="place-q" type="search" placeholder="gazetteer search">
    <ul id="place-results"></ul></section>
  </div>
  <section id="actions"><h3>Decision</h3>
   <button type="button" id="accept">Accept (a)</button>
   <span id="reject-box"><select id="reason">{reasons}</select>
    <input id="reason-text" placeholder="details (optional)">
    <button type="button" id="reject">Reject (r)</button></span>
   <button type="button" id="flag">Needs a second look</button>
   <span id="merge-box"><input id="merge-into" placeholder="id of the event it duplicates">
    <button type="button" id="merge">Merge into</button></span>
  </section>
  <section><h3>History</h3><ol id="history"></ol></section>
 </div>
 <p id="message" role="status"></p>
</main></div>
</body></html>
"""


def _static(name: str) -> str:
    if name in ("leaflet.js", "leaflet.css"):
        from ..render.map import leaflet_assets

        js, css = leaflet_assets()
        return js if name == "leaflet.js" else css
    return resources.files("geomap.review").joinpath("static", name).read_text("utf-8")


class TokenMiddleware(BaseHTTPMiddleware):
    """403 unless the request carries this run's token; a change must carry it in a header."""

    def __init__(self, app, token: str):
        super().__init__(app)
        self.token = token

    async def dispatch(self, request: Request, call_next):
        header = request.headers.get(TOKEN_HEADER, "")
        given = header if request.method not in ("GET", "HEAD") else (header or request.query_params.get("token", ""))
        if not secrets.compare_digest(given.encode(), self.token.encode()):
            return PlainTextResponse("forbidden: this URL needs the token `geomap review` printed", status_code=403)
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Cache-Control"] = "no-store"
        return response


def json_response(data: Any, status_code: int = 200) -> Response:
    """orjson: a queue of 10,000 events serialises several times faster than with json."""
    return Response(orjson.dumps(data), status_code=status_code, media_type="application/json")


def create_app(queue: ReviewQueue, token: str, reviewer: str | None = None) -> Starlette:
    """The app over ``queue``; every route needs ``token``."""
    lock = threading.Lock()  # one decision at a time in this process; the ledger lock covers others
    page = PAGE.format(token=html.escape(token, quote=True),
                       reasons="".join(f'<option>{html.escape(r)}</option>' for r in REJECT_REASONS))
    assets: dict[str, str] = {}

    def error(exc: Exception, status: int = 400) -> Response:
        return json_response({"error": str(exc)}, status_code=status)

    def index(request: Request) -> Response:
        return Response(page, media_type="text/html; charset=utf-8")

    def static(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in STATIC_TYPES:
            return PlainTextResponse("not found", status_code=404)
        if name not in assets:
            assets[name] = _static(name)
        return Response(assets[name], media_type=STATIC_TYPES[name] + "; charset=utf-8")

    def queue_items(request: Request) -> Response:
        q = request.query_params
        try:
            conf = float(q["min_confidence"]) if q.get("min_confidence") else None
            with lock:
                queue.refresh()
                items = queue.items(status=q.get("status") or "unreviewed", document=q.get("document") or None,
                                    types=(q["type"],) if q.get("type") else (), admin1=q.get("oblast") or None,
                                    min_confidence=conf, since=q.get("since") or None, until=q.get("until") or None)
                counts = queue.counts()
                problems = [str(b) for b in queue.problems]
        except (GeomapError, ValueError) as exc:
            return error(exc)
        columns = list(items[0]) if items else []  # rows as arrays: a third of the bytes for 10,000 events
        return json_response({"columns": columns, "rows": [list(r.values()) for r in items],
                              "facets": queue.facets(), "counts": counts, "problems": problems})

    def event(request: Request) -> Response:
        try:
            with lock:
                return json_response(queue.detail(request.path_params["event_id"]))
        except GeomapError as exc:
            return error(exc, 404)

    def places(request: Request) -> Response:
        return json_response({"places": queue.search_places(request.query_params.get("q", ""))})

    async def decision(request: Request) -> Response:
        try:
            body = await request.json()
        except ValueError:
            return error(ValueError("the body is not JSON"))
        if not isinstance(body, dict) or not isinstance(body.get("event"), str):
            return error(ValueError("a decision needs an event id"))
        changes = body.get("changes")
        if changes is not None and not isinstance(changes, dict):
            return error(ValueError("changes must be an object"))
        from starlette.concurrency import run_in_threadpool

        def decide():
            with lock:
                return queue.decide(body["event"], str(body.get("action")), reviewer=reviewer,
                                    reason=body.get("reason"), changes=changes, into=body.get("into"),
                                    flag=bool(body.get("flag", True)))
        try:
            return json_response(await run_in_threadpool(decide))
        except GeomapError as exc:
            return error(exc)

    routes = [
        Route("/", index), Route("/static/{name}", static), Route("/api/queue", queue_items),
        Route("/api/event/{event_id}", event), Route("/api/places", places),
        Route("/api/decision", decision, methods=["POST"]),
    ]
    return Starlette(routes=routes, middleware=[Middleware(TokenMiddleware, token=token)])


def serve(queue: ReviewQueue, *, port: int = 0, open_browser: bool = True, reviewer: str | None = None,
          token: str | None = None, echo: Callable[[str], Any] = print) -> None:
    """Serve the app on 127.0.0.1 (a free port when ``port`` is 0) until Ctrl-C."""
    import uvicorn

    token = token or secrets.token_urlsafe(24)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(("127.0.0.1", port))
        sock.listen(128)  # connections wait in the backlog from the moment the URL is printed
    except OSError as exc:
        sock.close()
        raise GeomapError(f"cannot listen on 127.0.0.1:{port}: {exc.strerror}") from None
    url = f"http://127.0.0.1:{sock.getsockname()[1]}/?token={token}"
    server = uvicorn.Server(uvicorn.Config(create_app(queue, token, reviewer), log_level="warning",
                                           access_log=False, lifespan="off"))
    echo(f"geomap review: {url}")
    echo("Ctrl-C stops the server; decisions are in data/reviews/ as soon as they are made.")
    from ..gazetteer import load_gazetteer

    threading.Thread(target=load_gazetteer, daemon=True).start()  # place search and alternatives answer at once
    if open_browser:
        threading.Timer(0.5, webbrowser.open, args=(url,)).start()
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:  # uvicorn shut down gracefully, then passed Ctrl-C on
        pass
    finally:
        sock.close()
    echo("geomap review: stopped")
