"""Headless Debian Chromium through chromedriver (selenium), for the map and report tests and the benchmark.

``browser()`` gives a driver on a fresh profile with the browser's own background
services off, recording console messages and DevTools network events;
``block_network=True`` makes every http(s)/ws request fail, as on a machine
without network. ``open_page()`` loads a page and returns only the requests that
page itself made (its own frames and navigations), so the browser's housekeeping
traffic (component updates, chrome:// resources, sign-in) is never counted.

Under pytest (``share()``, called by conftest) ``browser()`` opens a fresh tab in
one Chromium per test session instead of starting a browser each time: starting
Chromium costs more than most browser tests. The tab starts blank with an empty
cache, no cookies and no logs left from earlier tabs, and is closed afterwards,
so no page state passes from one test to the next.
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


def _start(block_network: bool, width: int, height: int):
    """A new Chromium driven by chromedriver on a throw-away profile: (driver, profile dir)."""
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
    try:
        driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=opts)
    except BaseException:
        shutil.rmtree(profile, ignore_errors=True)
        raise
    _setup_tab(driver, block_network)
    return driver, profile


def _setup_tab(driver, block_network: bool) -> None:
    """DevTools network events on for the current tab, and every http(s)/ws request blocked if asked."""
    driver.execute_cdp_cmd("Network.enable", {})
    if block_network:
        driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["http://*", "https://*", "ws://*", "wss://*"]})


def _stop(driver, profile: str) -> None:
    try:
        driver.quit()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


# The session's shared browser (share()): driver, profile, its blank home tab, and open tabs.
_shared: dict = {"on": False, "driver": None, "profile": None, "home": None, "open": []}


def share() -> None:
    """From now on ``browser()`` gives a fresh tab in one shared Chromium (stop with ``close_shared()``)."""
    _shared["on"] = True


def close_shared() -> None:
    """Quit the shared Chromium, if one was started."""
    driver, profile = _shared["driver"], _shared["profile"]
    _shared.update(on=False, driver=None, profile=None, home=None, open=[])
    if driver is not None:
        _stop(driver, profile)


def _shared_driver():
    """The shared driver, (re)started when there is none or it no longer answers."""
    driver = _shared["driver"]
    if driver is not None and not _shared["open"]:
        try:
            driver.window_handles
        except Exception:  # a crashed browser or driver: start again rather than fail every later test
            _shared["driver"] = None
            with contextlib.suppress(Exception):
                _stop(driver, _shared["profile"])
            driver = None
    if driver is None:
        driver, profile = _start(False, 1280, 900)
        _shared.update(driver=driver, profile=profile, home=driver.current_window_handle)
    return driver


@contextlib.contextmanager
def _tab(block_network: bool, width: int, height: int):
    """A fresh tab of the shared browser, closed afterwards; the caller's tab is current again."""
    driver = _shared_driver()
    outermost = not _shared["open"]
    back = driver.current_window_handle
    if outermost:  # nothing from an earlier test's tabs: logs drained, cache and cookies cleared
        driver.get_log("browser")
        driver.get_log("performance")
    driver.switch_to.new_window("tab")
    handle = driver.current_window_handle
    _shared["open"].append(handle)
    try:
        _setup_tab(driver, block_network)
        driver.execute_cdp_cmd("Network.clearBrowserCache", {})
        driver.execute_cdp_cmd("Network.clearBrowserCookies", {})
        driver.set_window_size(width, height)
        yield driver
    finally:
        _shared["open"].remove(handle)
        try:
            driver.switch_to.window(handle)
            driver.close()
            driver.switch_to.window(back)
            if outermost:
                driver.get_log("browser")
                driver.get_log("performance")
        except Exception:  # the browser is gone: the next test starts a new one
            with contextlib.suppress(Exception):
                _stop(driver, _shared["profile"])
            _shared.update(driver=None, profile=None, home=None, open=[])


@contextlib.contextmanager
def browser(block_network: bool = False, width: int = 1280, height: int = 900):
    """A driver on a page of its own: a fresh tab of the shared browser under ``share()``, else a new Chromium."""
    if _shared["on"]:
        with _tab(block_network, width, height) as driver:
            yield driver
        return
    driver, profile = _start(block_network, width, height)
    try:
        yield driver
    finally:
        _stop(driver, profile)


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


def network_log(driver) -> tuple[list[str], list[str]]:
    """(requested, failed) URLs of the open page's own frames since the last call; call once first to start."""
    return page_requests(driver)


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
