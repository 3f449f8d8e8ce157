"""Review app cases: N synthetic candidates behind the real app (uvicorn in a thread), a ledger already in use.

Each ``*_setup`` builds the project and starts the server untimed; the case
itself is what a reviewer waits for.
"""
from __future__ import annotations

import json
import os
import socket
import sys
import threading
import time
import urllib.request
from pathlib import Path

import orjson

from synth import features

PRIOR_DECISIONS = 2_000
DECISIONS = 20


def candidates(n: int) -> list[dict]:
    """``n`` extracted-looking candidates: a document, offsets and a quote each."""
    out = []
    for i, f in enumerate(features(n)):
        p = f["properties"]
        p["origin"] = "extracted"
        p["extraction"] = {"document": f"seeds/doc-{i // 25:05d}.md", "start": (i % 25) * 200,
                           "end": (i % 25) * 200 + 120, "method": "rules-v1", "confidence": round(0.4 + (i % 60) / 100, 2)}
        p["sources"][0]["quote"] = f"Statement {i}: forces were reported near a settlement."
        out.append(f)
    return out


def _project(n: int, root: str):
    from geomap.review.ledger import append_decision, event_key
    from geomap.review.queue import ReviewQueue

    feats = candidates(n)
    os.makedirs(root, exist_ok=True)
    for f in feats[:PRIOR_DECISIONS]:  # a ledger already in use: the first 2,000 decided
        append_decision(root, {"action": "accept", "event": f["properties"]["id"], "key": event_key(f)}, "earlier")
    return ReviewQueue(root, feats)


def _serve(queue):
    import uvicorn

    from geomap.review.app import create_app

    token = "bench-token"
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    server = uvicorn.Server(uvicorn.Config(create_app(queue, token, "bench"), log_level="warning", lifespan="off"))
    threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True).start()
    while not server.started:
        time.sleep(0.01)
    return f"http://127.0.0.1:{sock.getsockname()[1]}/", token


def _get(url: str, token: str) -> bytes:
    req = urllib.request.Request(url, headers={"X-Geomap-Token": token})
    with urllib.request.urlopen(req, timeout=60) as r:
        return r.read()


def api_queue_setup(n: str, root: str):
    q = _project(int(n), root)
    base, token = _serve(q)
    _get(base + "api/queue?status=flagged", token)  # first request warms the app (imports, routing)
    return base, token, int(n)


def api_queue(state, n: str, root: str) -> dict:
    base, token, n = state
    data = orjson.loads(_get(base + "api/queue", token))
    assert len(data["rows"]) == n - PRIOR_DECISIONS, len(data["rows"])
    return {"items": len(data["rows"])}


def dumps_floor_setup(n: str, root: str):
    return candidates(int(n))


def dumps_floor(feats, n: str, root: str) -> dict:
    """Baseline: serialise the raw candidates (the least any server must do to send them)."""
    return {"bytes": len(orjson.dumps(feats))}


def decide_setup(n: str, root: str):
    q = _project(int(n), root)
    base, token = _serve(q)
    ids = [f["properties"]["id"] for f in q.features[PRIOR_DECISIONS:PRIOR_DECISIONS + DECISIONS + 1]]
    _post(base, token, {"event": ids.pop(), "action": "flag"})  # the app's first POST pays one-off imports
    return base, token, ids


def _post(base: str, token: str, body: dict) -> dict:
    req = urllib.request.Request(base + "api/decision", data=json.dumps(body).encode(), method="POST",
                                 headers={"X-Geomap-Token": token, "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as r:
        return orjson.loads(r.read())


def decide(state, n: str, root: str) -> dict:
    """Accept 20 events through POST /api/decision; the slowest one is the figure."""
    base, token, ids = state
    times = []
    for eid in ids:
        t0 = time.perf_counter()
        assert _post(base, token, {"event": eid, "action": "accept"})["status"] == "accepted"
        times.append(time.perf_counter() - t0)
    return {"max_ms": max(times) * 1000, "mean_ms": sum(times) / len(times) * 1000}


def plain_append_setup(n: str, root: str):
    from geomap.review.ledger import event_key

    feats = candidates(DECISIONS)
    os.makedirs(root, exist_ok=True)
    return [orjson.dumps({"action": "accept", "event": f["properties"]["id"], "key": event_key(f)}) + b"\n"
            for f in feats]


def plain_append(lines, n: str, root: str) -> dict:
    """Baseline: the same 20 lines appended with open/write/close, no lock, no fsync, no checks."""
    times = []
    path = Path(root) / "plain.jsonl"
    for line in lines:
        t0 = time.perf_counter()
        with open(path, "ab") as fh:
            fh.write(line)
        times.append(time.perf_counter() - t0)
    return {"max_ms": max(times) * 1000, "mean_ms": sum(times) / len(times) * 1000}


def page_ready(n: int, root: str) -> tuple[float, float]:
    """(seconds until the review page shows its queue, seconds for a static page of the same rows)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from chromium import browser

    q = _project(n, root)
    base, token = _serve(q)
    rows = "".join(f"<li>{f['properties']['date_start']} {f['properties']['event_type']}"
                   f"<div>{f['properties']['summary']}</div></li>" for f in q.features[PRIOR_DECISIONS:])
    static = Path(root) / "static.html"
    static.write_text(f"<!doctype html><ol>{rows}</ol><script>window.done = true</script>", encoding="utf-8")
    with browser() as d:
        d.get(base + "?token=" + token)  # warm: the browser's own start-up is not the queue's
        best, best_static = float("inf"), float("inf")
        for _ in range(3):
            t0 = time.perf_counter()
            d.get(base + "?token=" + token)
            while not d.execute_script("return !!(window.geomapReview && window.geomapReview.ready)"):
                time.sleep(0.005)
            best = min(best, time.perf_counter() - t0)
            counts = d.execute_script("return document.getElementById('counts').textContent")
            assert counts.startswith(f"{n - PRIOR_DECISIONS} in queue"), counts
            t0 = time.perf_counter()
            d.get(static.as_uri())
            while not d.execute_script("return !!window.done"):
                time.sleep(0.005)
            best_static = min(best_static, time.perf_counter() - t0)
    return best, best_static


if __name__ == "__main__":  # python review_cases.py N ROOT: page figures as JSON
    print(json.dumps(page_ready(int(sys.argv[1]), sys.argv[2])))
