"""Headless Debian Chromium through chromedriver (selenium), for the map and report tests and the benchmark.

``browser()`` gives a driver on a fresh profile with the browser's own background
services off, recording console messages and DevTools network events;
``block_network=True`` makes every http(s)/ws request fail, as on a machine
without network. ``open_page()`` loads a page and returns only the requests that
page itself made (its own frames and navigations), so the browser's housekeeping
traffic (component updates, chrome:// resources, sign-in) is never counted.
"""
from __future__ import annotations

import contextlib
import json
import shutil
import tempfile

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--disable-extensions", "--disable-dev-shm-usage",
         "--hide-scrollbars"]


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@contextlib.contextmanager
def browser(block_network: bool = False, width: int = 1280, height: int = 900):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="geomap-chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = chromium_path() or CHROMIUM
    for f in FLAGS:
        opts.add_argument(f)
    opts.add_argument(f"--window-size={width},{height}")
    opts.add_argument(f"--user-data-dir={profile}")
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=opts)
    try:
        driver.execute_cdp_cmd("Network.enable", {})
        if block_network:
            driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["http://*", "https://*", "ws://*", "wss://*"]})
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def console_errors(driver) -> list[str]:
    """Console errors and uncaught exceptions logged since the last call."""
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def _frame_ids(tree: dict) -> set[str]:
    ids = {tree["frame"]["id"]}
    for child in tree.get("childFrames", []):
        ids |= _frame_ids(child)
    return ids


def page_requests(driver) -> tuple[list[str], list[str]]:
    """(requested URLs, failed URLs) of the open page's own frames since the last call.

    A request counts when DevTools says the page's frame tree sent it under a
    navigation that began since the last call (its loaderId), which leaves out
    the browser's background traffic and the previous page's leftovers.
    """
    frames = _frame_ids(driver.execute_cdp_cmd("Page.getFrameTree", {})["frameTree"])
    events = [json.loads(e["message"])["message"] for e in driver.get_log("performance")]
    sent = [m["params"] for m in events if m["method"] == "Network.requestWillBeSent"]
    loaders = {p["loaderId"] for p in sent if p.get("frameId") in frames and p.get("type") == "Document"}
    own = {p["requestId"]: p["request"]["url"] for p in sent
           if p.get("frameId") in frames and p.get("loaderId") in loaders}
    failed = [own[m["params"]["requestId"]] for m in events
              if m["method"] == "Network.loadingFailed" and m["params"]["requestId"] in own]
    return [p["request"]["url"] for p in sent if p["requestId"] in own], failed


def open_page(driver, url: str) -> tuple[list[str], list[str]]:
    """Load ``url`` and return (requested, failed) URLs of that page alone, once it has loaded."""
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get_log("performance")  # forget what came before
    driver.get(url)
    WebDriverWait(driver, 20).until(lambda d: d.execute_script("return document.readyState") == "complete")
    return page_requests(driver)


def wait_ready(driver, timeout: float = 20.0) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, timeout).until(lambda d: d.execute_script("return !!(window.geomap && window.geomap.ready)"))
