"""HTML → PDF with headless Chromium's print-to-PDF (A4 and page numbers come from the page's CSS)."""
from __future__ import annotations

import datetime as _dt
import hashlib
import os
import re
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


# Chromium stamps the clock into the PDF's info dictionary (and, when it writes them, the XMP
# metadata and the trailer /ID). They are rewritten in place, at the same length, so two builds
# of the same data give the same bytes.
_INFO_DATE = re.compile(rb"(/(?:CreationDate|ModDate)\s*\(D:)(\d{14})")
_XMP_DATE = re.compile(rb"(<xmp:(?:CreateDate|ModifyDate|MetadataDate)>)(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)")
_TRAILER_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]")
_XMP_UUID = re.compile(rb"(uuid:)([0-9a-fA-F-]{36})")
# A tagged PDF names each structure element after its DOM node, "(node00000025)", in the element's
# /ID and in the catalog's /IDTree. DOM node ids come from a counter in the renderer, and under
# load an extra node made before the page's own shifts them all by one (seen: every id 1 higher).
# They are renumbered by rank, at the same width: the same structure gives the same names, and
# the order the IDTree's sorted keys need is kept.
_NODE_ID = re.compile(rb"\(node(\d{1,12})\)")


def _renumber_nodes(data: bytes) -> bytes:
    """Structure element ids ``(nodeN)`` → ``(nodeK)``, K the rank of N among the document's ids."""
    ids = sorted({int(m.group(1)) for m in _NODE_ID.finditer(data)})
    rank = {v: k for k, v in enumerate(ids, 1)}  # k <= v for ids >= 1: never wider than before

    def sub(m: re.Match) -> bytes:
        digits = m.group(1)
        new = b"%0*d" % (len(digits), rank[int(digits)])
        return b"(node" + new + b")" if len(new) == len(digits) else m.group(0)

    return _NODE_ID.sub(sub, data)


def stamp_pdf(pdf_path: Path, when: _dt.datetime) -> None:
    """Set the PDF's dates to ``when``, renumber its structure ids and set its document id to a hash of
    its content, all at the same byte length (offsets and the xref table stay valid)."""
    data = _renumber_nodes(Path(pdf_path).read_bytes())
    data = _INFO_DATE.sub(lambda m: m.group(1) + when.strftime("%Y%m%d%H%M%S").encode(), data)
    data = _XMP_DATE.sub(lambda m: m.group(1) + when.strftime("%Y-%m-%dT%H:%M:%S").encode(), data)
    blank = _XMP_UUID.sub(lambda m: m.group(1) + b"0" * 36, _TRAILER_ID.sub(b"/ID []", data))
    digest = hashlib.sha256(blank).hexdigest()

    def hexid(m: re.Match) -> bytes:
        out = bytearray(m.group(0))
        for k in (1, 2):
            a, b = m.start(k) - m.start(0), m.end(k) - m.start(0)
            out[a:b] = (digest * 4)[: b - a].encode()
        return bytes(out)

    data = _TRAILER_ID.sub(hexid, data)
    u = digest[:32]
    data = _XMP_UUID.sub(lambda m: m.group(1) + f"{u[:8]}-{u[8:12]}-{u[12:16]}-{u[16:20]}-{u[20:32]}".encode(), data)
    Path(pdf_path).write_bytes(data)


def report_time(dates) -> _dt.datetime:
    """The time a report says it was made: ``SOURCE_DATE_EPOCH`` when set, else the latest event date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit() and len(epoch) <= 12:
        return _dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc).replace(tzinfo=None)
    days = [d for d in dates if d]
    latest = max(days) if days else _dt.date(2000, 1, 1)
    return _dt.datetime(latest.year, latest.month, latest.day)


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

    # Output goes to a file, not a pipe: a helper Chromium leaves behind would hold a pipe open and
    # keep us waiting after the browser itself has exited.
    with tempfile.TemporaryFile() as log:
        try:
            proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True,
                                    preexec_fn=_die_with_parent if os.name == "posix" else None)
        except OSError as exc:
            raise OutputError(f"cannot run Chromium ({exe}): {exc.strerror or exc}") from None
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            raise OutputError(f"Chromium did not finish printing {html_path} within {timeout:.0f} s") from None
        finally:
            try:
                os.killpg(proc.pid, signal.SIGKILL)  # whatever is left of the group, on every path out
            except (ProcessLookupError, PermissionError, AttributeError):
                pass
            if proc.returncode is None:
                proc.wait()
        log.seek(max(0, log.seek(0, os.SEEK_END) - 65536))
        err = log.read().decode("utf-8", "replace")
    return subprocess.CompletedProcess(argv, proc.returncode, "", err)
