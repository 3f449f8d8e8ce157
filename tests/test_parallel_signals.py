"""``geomap extract --jobs 2`` stopped by SIGTERM (a service manager, ``kill``, a CI timeout) cleans up as after
Ctrl-C: no ``geomap-jobs-*`` folder left in the temporary directory, no worker left running, no output written,
no traceback.

The run is held at a known point, with no sleep: the command runs in a Python whose document reader, for one
file, first opens a named pipe the test holds (geomap itself reads no pipes), so the test's opening of the pipe
returns once a worker is reading that file, and the run cannot end until the pipe is written, which it never is.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from test_parallel_extract import _report

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo") or not Path("/proc").is_dir(),
                                reason="named pipes and /proc are needed to hold a run and find its workers")

# geomap's CLI, its reader of one file first waiting on the pipe named by GEOMAP_TEST_HOLD
HELD_CLI = """
import os, sys
from geomap.extraction import core
read = core.open_documents
def held(path, *a, **k):
    if path.name == "b-held.md":
        with open(os.environ["GEOMAP_TEST_HOLD"], "rb") as fh:
            fh.read()
    return read(path, *a, **k)
core.open_documents = held
from geomap.cli.main import cli
sys.argv[0] = "geomap"
cli()
"""


def _children(pid: int) -> list[int]:
    return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def _stopped_while_held(tmp_path: Path, docs: Path, held_cli: str) -> None:
    """Run ``extract --jobs 2`` on ``docs`` through ``held_cli``, send SIGTERM while it waits on the pipe, and
    check it cleaned up: exit 143, no traceback, no results folder, no output, no worker left."""
    pipe = tmp_path / "hold"
    os.mkfifo(pipe)
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    out = tmp_path / "out.geojson"
    log = tmp_path / "stderr.txt"
    with open(log, "wb") as err:  # a file, not a pipe: a worker left behind would hold a pipe open
        proc = subprocess.Popen([sys.executable, "-c", held_cli, "extract", str(docs), "-o", str(out), "--jobs", "2"],
                                stdout=subprocess.DEVNULL, stderr=err,
                                env={**os.environ, "TMPDIR": str(tmp), "GEOMAP_TEST_HOLD": str(pipe)})

    def release_if_ended() -> None:  # a run that ended without opening the pipe must not leave the test waiting
        proc.wait()
        try:
            os.close(os.open(pipe, os.O_RDONLY | os.O_NONBLOCK))
        except OSError:
            pass

    threading.Thread(target=release_if_ended, daemon=True).start()
    workers: list[int] = []
    try:
        with open(pipe, "wb"):  # returns once the run, held where held_cli holds it, has opened the pipe
            assert proc.poll() is None, log.read_text()
            [folder] = tmp.iterdir()
            assert folder.name.startswith("geomap-jobs-")
            workers = _children(proc.pid)
            assert workers, "no worker process"
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=300)
            assert proc.returncode == 128 + signal.SIGTERM, log.read_text()
            assert "Traceback" not in log.read_text(), log.read_text()
            assert list(tmp.iterdir()) == []  # the results folder removed
            assert not out.exists()
            # the worker held on the pipe was ended, not left waiting for a writer
            assert [w for w in workers if Path(f"/proc/{w}").exists()] == []
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for w in workers:
            try:
                os.kill(w, signal.SIGKILL)
            except ProcessLookupError:
                pass


def test_sigterm_removes_the_workers_results_folder_and_ends_the_workers(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a-report.md").write_text(_report("en", 1, 40), encoding="utf-8")
    (docs / "b-held.md").write_text(_report("en", 2, 40), encoding="utf-8")
    _stopped_while_held(tmp_path, docs, HELD_CLI)


# geomap's CLI, held once its workers are started and before the first result is read: the progress bar, made
# between the two, first waits on the pipe named by GEOMAP_TEST_HOLD
HELD_BEFORE_RESULTS_CLI = """
import os, sys
from geomap import progress
make_bar = progress.bar
def held(*a, **k):
    with open(os.environ["GEOMAP_TEST_HOLD"], "rb") as fh:
        fh.read()
    return make_bar(*a, **k)
progress.bar = held
from geomap.cli.main import cli
sys.argv[0] = "geomap"
cli()
"""


def test_sigterm_after_the_workers_start_and_before_the_first_result_is_read_cleans_up(tmp_path):
    """The run stopped in the instant between starting its workers (its results folder made) and reading their
    first result: the folder removed and the workers ended all the same."""
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("a-report.md", "b-report.md", "c-report.md"):
        (docs / name).write_text(_report("en", len(name) + ord(name[0]), 40), encoding="utf-8")
    _stopped_while_held(tmp_path, docs, HELD_BEFORE_RESULTS_CLI)
