"""The review app in headless Chromium: decisions made in the page reach `geomap build`, text stays text."""
from __future__ import annotations

import json
import signal
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from conftest import require_tool
from geomap.build import build
from geomap.review.ledger import read_ledger

from review_project import PAYLOAD, layer_events, make_project

pytestmark = pytest.mark.browser

START = "from geomap.cli.main import cli; cli()"


@pytest.fixture
def server(tmp_path):
    """``geomap review --no-browser`` on a fresh project: (root, url, process)."""
    root = make_project(tmp_path / "proj")
    proc = subprocess.Popen([sys.executable, "-c", START, "review", "--root", str(root), "--no-browser",
                             "--reviewer", "tester"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    if not line.startswith("geomap review: http://127.0.0.1:"):
        proc.kill()
        pytest.fail(f"no URL printed: {line!r} {proc.stderr.read()}")
    url = line.split(": ", 1)[1].strip()
    yield root, url, proc
    if proc.poll() is None:
        proc.kill()
        proc.wait(10)


def status_of(url: str, data: bytes | None = None, headers: dict | None = None) -> int:
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_requests_without_the_token_are_refused(server):
    root, url, _ = server
    base, token = url.split("?token=")
    assert status_of(url) == 200
    assert status_of(base) == 403
    wrong = token[:-1] + ("y" if token.endswith("x") else "x")  # always differs from the real token
    assert status_of(base + "?token=" + wrong) == 403
    assert status_of(base + "api/queue") == 403
    assert status_of(base + "static/leaflet.js") == 403
    body = json.dumps({"event": "gm-000000000000", "action": "accept"}).encode()
    # a cross-site form can carry the token in the URL but cannot set the header: refused
    assert status_of(base + "api/decision?token=" + token, body, {"Content-Type": "application/json"}) == 403
    assert status_of(base + "api/decision", body, {"X-Geomap-Token": token, "Content-Type": "application/json"}) == 400
    assert read_ledger(root) == ([], [])


def _wait(d, script: str, timeout: float = 20):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(d, timeout).until(lambda drv: drv.execute_script(script))


def _open(d, item_id: str) -> None:
    d.find_element("css selector", f'#items li[data-id="{item_id}"]').click()
    _wait(d, f"return window.geomapReview.current === {json.dumps(item_id)} && window.geomapReview.busy === 0")


def _decided(d, n: int) -> None:
    _wait(d, f"return window.geomapReview.decisions === {n} && window.geomapReview.busy === 0")


def _key(d, key: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(d).send_keys(key).perform()


def test_review_in_the_browser_reaches_the_build(server, tmp_path):
    require_tool("chromium", "Debian package chromium")
    require_tool("chromedriver", "Debian package chromium-driver")
    pytest.importorskip("selenium")
    from selenium.webdriver.common.action_chains import ActionChains

    from chromium import browser, console_errors, network_log

    root, url, proc = server
    # not block_network: that blocks 127.0.0.1 too; the log below shows nothing left the machine
    with browser() as d:
        network_log(d)
        d.get(url)
        _wait(d, "return window.geomapReview && window.geomapReview.ready && window.geomapReview.busy === 0")
        items = d.execute_script("return Array.from(document.querySelectorAll('#items li')).map(li => li.dataset.id)")
        assert len(items) == 6  # three imported events and the seed's three extracted ones
        texts = [e.text for e in d.find_elements("css selector", "#items li")]
        payload_id = items[texts.index(next(t for t in texts if "Shelling <script>" in t))]
        accept_id, reject_id, drag_id, date_id = [i for i in items if i != payload_id][:4]

        # the payload shows as text, in the list and in the source context, and never runs
        _open(d, payload_id)
        assert d.find_element("id", "quote").text == "Shelling was reported " + PAYLOAD
        assert d.execute_script("return document.querySelectorAll('#detail script, #detail img, #items img').length") == 0
        assert d.execute_script("return window.__pwned === undefined")

        # the quote is cut from the document at its stored offsets
        def context(item):
            _open(d, item)
            return d.execute_script("return [document.getElementById('docname').textContent,"
                                    " document.getElementById('quote').textContent]")

        ctx = next(c for c in map(context, items) if c[0].startswith("seeds/"))  # an extracted event
        assert ctx[0].startswith("seeds/") and ctx[1] in (root / ctx[0].split(",")[0]).read_text("utf-8")

        _open(d, accept_id)
        _key(d, "a")
        _decided(d, 1)

        _open(d, reject_id)
        _key(d, "r")
        assert d.switch_to.active_element.get_attribute("id") == "reason"
        _key(d, "\ue007")  # Enter: reject with the reason chosen ("not an event")
        _decided(d, 2)

        _open(d, drag_id)
        lon0 = float(d.find_element("id", "f-lon").get_attribute("value"))
        pin = d.find_element("css selector", "#map .pin")
        ActionChains(d).drag_and_drop_by_offset(pin, 40, 25).perform()
        _wait(d, f"return Number(document.getElementById('f-lon').value) !== {lon0}")
        moved = (float(d.find_element("id", "f-lon").get_attribute("value")),
                 float(d.find_element("id", "f-lat").get_attribute("value")))
        d.find_element("id", "save").click()
        _decided(d, 3)

        _open(d, date_id)
        for name in ("f-date_start", "f-date_end"):
            d.execute_script("document.getElementById(arguments[0]).value = '2025-02-14'", name)
        d.find_element("id", "save").click()
        _decided(d, 4)

        assert d.execute_script("return document.querySelectorAll('#items li').length") == len(items) - 4
        assert d.execute_script("return window.__pwned === undefined")
        assert console_errors(d) == []
        requested, _ = network_log(d)
        assert all(u.startswith(url.split("?")[0]) or u.startswith("data:") for u in requested), requested

    proc.send_signal(signal.SIGINT)  # Ctrl-C
    out, err = proc.communicate(timeout=20)
    assert proc.returncode == 0, err
    assert "stopped" in out and "Traceback" not in err

    decisions, bad = read_ledger(root)
    assert bad == [] and [(x.action, x.record["event"]) for x in decisions] == [
        ("accept", accept_id), ("reject", reject_id), ("correct", drag_id), ("correct", date_id)]

    out1, out2 = tmp_path / "o1", tmp_path / "o2"
    build(root, out1, report=False)
    feats = layer_events(out1)
    assert reject_id not in feats
    assert (feats[accept_id]["properties"]["review_status"], feats[accept_id]["properties"]["reviewer"]) == \
        ("accepted", "tester")
    assert feats[drag_id]["geometry"]["coordinates"] == [round(moved[0], 6), round(moved[1], 6)]
    assert feats[drag_id]["properties"]["review_status"] == "corrected"
    assert (feats[date_id]["properties"]["date_start"], feats[date_id]["properties"]["date_end"]) == \
        ("2025-02-14", "2025-02-14")
    assert feats[payload_id]["properties"]["review_status"] == "unreviewed"
    reviewed = {i for i, f in feats.items() if f["properties"]["review_status"] != "unreviewed"
                and f["properties"]["origin"] != "curated"}
    assert reviewed == {accept_id, drag_id, date_id}

    build(root, out2, report=False)
    for p in sorted((out1 / "layers").glob("*.geojson")) + [out1 / "map.html"]:
        assert p.read_bytes() == (out2 / p.relative_to(out1)).read_bytes(), p.name
