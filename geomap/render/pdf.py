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
        proc = _run_in_own_group(argv, timeout, html_path, exe)
    if proc.returncode != 0 or not pdf_path.is_file() or pdf_path.stat().st_size == 0:
        tail = (proc.stderr or "").strip().splitlines()[-1:] or ["no output"]
        raise OutputError(f"Chromium failed to print {html_path} to PDF (exit {proc.returncode}): {tail[0]}")


def _die_with_parent() -> None:  # pragma: no cover - runs in the child between fork and exec
    """Linux: the browser gets SIGKILL when geomap dies, even by kill -9 (no orphaned Chromium)."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _run_in_own_group(argv: list[str], timeout: float, html_path: Path, exe: str) -> subprocess.CompletedProcess:
    """Run Chromium in its own process group and kill the whole group when it ends, fails or times out.

    Chromium forks helpers (zygote, renderer, GPU); killing only the browser
    process would leave them behind.
    """
    import signal

    try:
        proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                start_new_session=True, preexec_fn=_die_with_parent if os.name == "posix" else None)
    except OSError as exc:
        raise OutputError(f"cannot run Chromium ({exe}): {exc.strerror or exc}") from None
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        raise OutputError(f"Chromium did not finish printing {html_path} within {timeout:.0f} s") from None
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # whatever is left of the group, on every path out
        except (ProcessLookupError, PermissionError, AttributeError):
            pass
        if proc.returncode is None:
            proc.wait()
    return subprocess.CompletedProcess(argv, proc.returncode, out, err)
