"""HTML → PDF with headless Chromium's print-to-PDF (A4 and page numbers come from the page's CSS)."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import OutputError

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
INSTALL_HINT = ("install Debian's chromium (scripts/install-system-deps.sh), set GEOMAP_CHROMIUM to a Chrome binary, "
                "or leave pdf out of --format")


def find_chromium() -> str | None:
    """The browser to print with: $GEOMAP_CHROMIUM, else the first Chromium/Chrome on PATH."""
    env = os.environ.get("GEOMAP_CHROMIUM")
    if env:
        return env if Path(env).is_file() or shutil.which(env) else None
    for name in CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    return None


def require_chromium() -> str:
    path = find_chromium()
    if path is None:
        raise OutputError(f"a PDF needs headless Chromium, which was not found: {INSTALL_HINT}")
    return path


def chromium_flags(profile: str) -> list[str]:
    """Flags for a quiet, offline, throwaway headless browser."""
    return ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-extensions", "--disable-default-apps", "--mute-audio", "--hide-scrollbars",
            f"--user-data-dir={profile}"]


def html_to_pdf(html_path: Path, pdf_path: Path, timeout: float = 300, tagged: bool = True) -> None:
    """Print ``html_path`` (a local file; images beside it) to ``pdf_path``.

    ``tagged`` keeps Chromium's tagged (accessible) PDF structure; it costs
    about 40% more time, so very large reports turn it off.
    """
    exe = require_chromium()
    with tempfile.TemporaryDirectory(prefix="geomap-chromium-") as profile:
        argv = [exe, *chromium_flags(profile), "--no-pdf-header-footer", "--run-all-compositor-stages-before-draw",
                *([] if tagged else ["--disable-pdf-tagging"]),
                f"--print-to-pdf={pdf_path}", Path(html_path).resolve().as_uri()]
        try:
            proc = subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise OutputError(f"Chromium did not finish printing {html_path} within {timeout:.0f} s") from None
        except OSError as exc:
            raise OutputError(f"cannot run Chromium ({exe}): {exc.strerror or exc}") from None
    if proc.returncode != 0 or not pdf_path.is_file() or pdf_path.stat().st_size == 0:
        tail = (proc.stderr or "").strip().splitlines()[-1:] or ["no output"]
        raise OutputError(f"Chromium failed to print {html_path} to PDF (exit {proc.returncode}): {tail[0]}")
