"""Running ``core.extract_unit`` over files: in this process, in worker processes, or on a Dask cluster.

Each worker loads the place index once (a process pool's initializer; on Dask, the
first task a worker runs) and takes the project's own places from the caller.
Results come back in file order whatever ran them, so the merge that follows sees
the same sequence and the output is byte-identical to one process.
"""
from __future__ import annotations

import multiprocessing
import os
import sys
from pathlib import Path
from typing import Any, Iterator

from ..errors import GeomapError, InputError


AUTO_MIN_BYTES = 2_000_000  # below this, the default (all cores) runs in this process


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def _state() -> tuple:
    from ..gazetteer import project_places

    return project_places()


def _take_state(state: tuple) -> None:
    """Use the caller's project places here (a no-op when they are already in use), then load the index."""
    from ..gazetteer import project_places, set_project_places
    from .places import default_places

    if project_places()[0] != state[0]:
        set_project_places(*state)
    default_places()


def _run(item: tuple) -> list:
    work, args = item
    return work(*args)


def _run_with_state(item: tuple, state: tuple) -> list:
    _take_state(state)
    return _run(item)


def run_units(work, units: list[tuple[Path, str]], published: Any, channel: str | None, min_confidence: float,
              places, jobs: int = 1, dask: str | None = None) -> Iterator[list]:
    """``work(path, name, published, channel, min_confidence, places)`` for each (path, name) of
    ``units``, in order. ``work`` is a module-level function (``core.extract_unit``): workers import it by name."""
    args = [(path, name, published, channel, min_confidence) for path, name in units]
    if dask:
        if places is not None:
            raise InputError("a custom place layer cannot be sent to a Dask cluster")
        yield from _run_dask(work, args, dask)
        return
    if not jobs or jobs < 1:
        # all cores, unless the input is so small that starting workers (each loading the index,
        # about a second) costs more than it saves
        size = sum(p.stat().st_size for p, _ in units if p.is_file())
        jobs = default_jobs() if size >= AUTO_MIN_BYTES else 1
    jobs = min(jobs, len(args))
    if jobs <= 1 or places is not None:
        for a in args:
            yield work(*a, places)
        return
    from concurrent.futures import ProcessPoolExecutor

    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    ctx = multiprocessing.get_context(method)
    # small chunks keep both workers busy when file sizes differ; a few files per chunk save round trips
    chunk = max(1, min(8, len(args) // (jobs * 8)))
    from concurrent.futures.process import BrokenProcessPool

    try:
        with ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_take_state, initargs=(_state(),)) as pool:
            yield from pool.map(_run, [(work, (*a, None)) for a in args], chunksize=chunk)
    except BrokenProcessPool:  # killed (out of memory?) or could not start: say so, not a traceback
        raise GeomapError(f"a worker process of --jobs {jobs} died before finishing; nothing was written "
                          "(try fewer jobs, or --jobs 1)") from None


def _run_dask(work, args: list[tuple], address: str) -> Iterator[list]:
    """The same units on a Dask cluster (``local``: a LocalCluster of two worker processes here)."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:  # an optional install without dask
        raise InputError(f"--dask needs dask.distributed ({exc})") from None
    cluster = None
    if address == "local":
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    else:
        try:
            client = Client(address, timeout="20s")
        except OSError as exc:
            raise InputError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    try:
        state = _state()
        futures = client.map(_run_with_state, [(work, (*a, None)) for a in args], state=state, pure=False)
        # gathered in submission order, so the merge sees the files in the same order as one process
        for fut in futures:
            yield fut.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
