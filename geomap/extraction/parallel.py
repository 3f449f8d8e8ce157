"""Running ``core.extract_unit`` over files: in this process, in worker processes, or on a Dask cluster.

Files go out in chunks that shrink towards the end (many small files share a chunk, a large one
goes alone, and first), each claimed by whichever process begins it (a worker when it starts
one, so a chunk handed out is never promised to a busy worker), and results come back in file order whatever ran them, so the merge, which
takes them as they arrive, sees the same sequence and the output is byte-identical to one
process. A large text file, one document, is walked here block by block while the workers
compute the stateless part of its blocks ahead (``blocks``); otherwise this process is one of the
``jobs``, reading chunks beside ``jobs - 1`` workers while it merges. Worker processes are forked from
this one after it has loaded the place index,
so they start at once and share it (elsewhere each loads it once, in the pool's
initializer); a Dask worker takes the project's places and loads the index once, when
the run registers its plugin.
"""
from __future__ import annotations

import multiprocessing
import os
import pickle
import shutil
import signal
import sys
import tempfile
from functools import partial
from pathlib import Path
from typing import Any, Iterator

from ..errors import GeomapError, InputError


AUTO_MIN_BYTES = 2_000_000  # below this, the default (all cores) runs in this process
CHUNKS_PER_JOB = 8  # enough chunks that no worker waits long for the last one
CHUNK_MAX_BYTES = 32_000_000  # of input per chunk: a worker holds a chunk's results until it is done


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
    """Use the caller's project places here (a no-op when they are already in use), then load the index and
    the rules (``core`` imports them where documents are read): in this process before workers fork from it,
    once in a Dask worker when the run registers its plugin."""
    from ..gazetteer import project_places, set_project_places
    from . import pipeline  # noqa: F401
    from .places import default_places

    if project_places()[0] != state[0]:
        set_project_places(*state)
    default_places()


def _run_chunk(work, chunk: list[tuple]) -> list[list]:
    """``work`` over one chunk's files (or parts of files), in order (what a worker process or a Dask task runs)."""
    return [work(*a[:-1], None, a[-1]) for a in chunk]


def _run_chunk_to_file(work, chunk: list[tuple], path: str) -> str:
    """``_run_chunk`` in a worker process, its results pickled to the file ``path``, whose name is all that goes
    back through the pool's pipe. A result sent through the pipe held the worker until this process's result
    thread had read it, 64 KB at a time, each piece waiting for the GIL that the merge here holds: tens of
    milliseconds idle per chunk, and the results unpickled on that thread, beside the merge."""
    data = pickle.dumps(_run_chunk(work, chunk), protocol=pickle.HIGHEST_PROTOCOL)
    with open(path, "wb") as fh:
        fh.write(data)
    return path


def _read_results(path: str) -> list[list]:
    """The results ``_run_chunk_to_file`` wrote to ``path``; the file removed."""
    with open(path, "rb") as fh:
        data = fh.read()
    os.unlink(path)
    return pickle.loads(data)


def _run_chunk_packed(work, chunk: list[tuple]) -> bytes:
    """``_run_chunk`` for a Dask task: with the collector paused, as a forked worker runs (a Dask worker's
    collections walked the many small objects extraction makes), and its results as one pickle, which Dask
    sends as a single buffer instead of serialising the nested lists item by item."""
    from ..gcpause import paused_gc

    with paused_gc():
        return pickle.dumps(_run_chunk(work, chunk), protocol=pickle.HIGHEST_PROTOCOL)


def split_files(args: list[tuple], sizes: list[int], jobs: int) -> tuple[list[tuple], list[int]]:
    """Each file that holds many documents (a feed, a Telegram export, saved pages) and is larger than a chunk
    cut into up to ``2 * jobs`` parts by its documents; every other file one part. Each part's worker reads
    the whole file and extracts its share of the documents: their results, in order, are the file's."""
    from ..documents import TEXT_SUFFIXES

    target = max(1, sum(sizes) // max(1, jobs * CHUNKS_PER_JOB))
    out_args, out_sizes = [], []
    for a, size in zip(args, sizes):
        n = 1
        if Path(a[0]).suffix.lower() not in TEXT_SUFFIXES and size > target:
            n = min(2 * jobs, -(-size // target))
        for i in range(n):
            out_args.append((*a, (i, n)))
            out_sizes.append(size * (i + 1) // n - size * i // n)
    return out_args, out_sizes


def chunks(args: list[tuple], sizes: list[int], jobs: int) -> list[list[tuple]]:
    """``args`` cut, in order, into runs of consecutive files, one round trip each, of decreasing size: each
    about ``1 / (2 * jobs)`` of what is left (at most ``CHUNK_MAX_BYTES``, at least a quarter of
    ``total / (jobs * CHUNKS_PER_JOB)``), so the last chunks are small and the workers finish together
    instead of one reading a full-sized last chunk while the others wait; a large file in a chunk of its own."""
    total = sum(sizes)
    floor = min(CHUNK_MAX_BYTES, max(1, total // max(1, 4 * jobs * CHUNKS_PER_JOB)))
    out: list[list[tuple]] = []
    current: list[tuple] = []
    filled, left = 0, total
    target = min(CHUNK_MAX_BYTES, max(floor, left // (2 * max(1, jobs))))
    for a, size in zip(args, sizes):
        if current and filled + size > target:
            out.append(current)
            current, filled = [], 0
            target = min(CHUNK_MAX_BYTES, max(floor, left // (2 * max(1, jobs))))
        current.append(a)
        filled += size
        left -= size
    if current:
        out.append(current)
    return out


def submit_order(part_sizes: list[int], jobs: int = 2) -> list[int]:
    """The order to hand chunks to workers: the outsized ones (``outsized``) first, largest first, then the
    others in file order. A large document last in file order no longer starts when the rest is done, one
    worker reading it while the others wait; the usual chunks still finish about in file order, so their
    results are merged as they arrive rather than held."""
    big = outsized(part_sizes, jobs)
    taken = set(big)
    return big + [i for i in range(len(part_sizes)) if i not in taken]


def outsized(part_sizes: list[int], jobs: int = 2) -> list[int]:
    """The chunks more than twice the median chunk's size, or more than half again a small chunk (the lower
    quartile) beyond an even share (among the other ``jobs - 1``) of the chunks after it in file order: handed
    out in turn, one process would still read it when the others had run out of work (the chunks shrink towards
    the end, so a large report late in file order outgrows what is left though not the median). Largest first,
    ties in file order."""
    ranked = sorted(part_sizes)
    usual = ranked[len(ranked) // 2] if ranked else 0
    small = ranked[len(ranked) // 4] if ranked else 0
    after, big = 0, []
    for i in range(len(part_sizes) - 1, -1, -1):
        size = part_sizes[i]
        if size > 2 * usual or size > 1.5 * small + after / max(1, jobs - 1):
            big.append(i)
        after += size
    return sorted(big, key=lambda i: (-part_sizes[i], i))


def by_blocks(cut: list[list[tuple]], part_sizes: list[int], jobs: int) -> set[int]:
    """The chunks that are one large text file (a single document of several blocks, more than a worker's
    share of the input): walked in this process while the workers read its blocks ahead, not by one worker
    while the others wait for it."""
    from .. import documents

    total = sum(part_sizes)
    return {i for i, (chunk, size) in enumerate(zip(cut, part_sizes))
            if len(chunk) == 1 and Path(chunk[0][0]).suffix.lower() in documents.TEXT_SUFFIXES
            and size * jobs > total and size > documents.BLOCK_CHARS}


class Units:
    """The results of ``work`` for each file, in file order (iterate once); ``sizes`` pairs each file with its
    size in bytes (0 for what is not a file), for a progress bar.

    Held in a ``with`` block, whose start starts the workers (``start(units)``, which sets ``units._stop`` before
    it makes anything to stop, and returns the results) and whose end stops them and removes their files, whether
    or not a result was read: a run stopped (SIGTERM, Ctrl-C) before its first result leaves nothing behind.
    Iterating starts them too."""

    def __init__(self, sizes: list[tuple[Path, int]], results: Iterator[list] | None = None, start=None,
                 stop=None) -> None:
        self.sizes = sizes
        self._results = results
        self._start = start
        self._stop = stop  # what ``close`` calls (a Dask run's client and cluster closed)

    def __enter__(self) -> "Units":
        if self._start is not None:
            start, self._start = self._start, None
            self._results = start(self)  # sets ``_stop`` before it makes anything to stop
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """The workers stopped and their files removed (again: nothing)."""
        stop, self._stop = self._stop, None
        results = self._results
        if hasattr(results, "close"):
            results.close()
        if stop is not None:
            stop()

    def __iter__(self) -> Iterator[list]:
        self.__enter__()
        return self._results


def _pieces(path: Path, size: int) -> int:
    """How many workers a file can keep busy: a text file one per block (``by_blocks``), any other one."""
    from .. import documents

    if path.suffix.lower() in documents.TEXT_SUFFIXES:
        return max(1, -(-size // documents.BLOCK_CHARS))
    return 1


def run_units(work, units: list[tuple[Path, str]], published: Any, channel: str | None, min_confidence: float,
              places, jobs: int = 1, dask: str | None = None) -> Units:
    """``work(path, name, published, channel, min_confidence, places, part)`` for each (path, name) of
    ``units``, in order (``part``: see ``split_files``). ``work`` is a module-level function (``core.extract_unit``): workers import it by name.

    Worker processes (or the Dask cluster) start here, before the results are read: a caller
    draws its progress bar, whose thread must not be running when workers are forked, after."""
    sizes = [(p, p.stat().st_size if p.is_file() else 0) for p, _ in units]
    args = [(path, name, published, channel, min_confidence) for path, name in units]
    if dask:
        if places is not None:
            raise InputError("a custom place layer cannot be sent to a Dask cluster")
        return _run_dask(work, args, [s for _, s in sizes], dask)
    if not jobs or jobs < 1:
        # all cores, unless the input is so small that starting workers costs more than it saves
        jobs = default_jobs() if sum(s for _, s in sizes) >= AUTO_MIN_BYTES else 1
    jobs = min(jobs, sum(_pieces(p, size) for p, size in sizes))
    if jobs <= 1 or places is not None:
        return Units(sizes, (work(*a, places) for a in args))
    args, parts = split_files(args, [s for _, s in sizes], jobs)
    cut = chunks(args, parts, jobs)
    size_of = iter(parts)  # the chunks hold the parts in order
    chunk_sizes = [sum(next(size_of) for _ in chunk) for chunk in cut]
    order = submit_order(chunk_sizes, jobs)
    return Units([(Path(a[0]), s) for a, s in zip(args, parts)],
                 start=_run_pool(work, cut, jobs, order, by_blocks(cut, chunk_sizes, jobs)))


class _TermAsExit:
    """While held, SIGTERM in this process raises ``SystemExit(143)``, so the ``finally`` clauses that remove a
    run's temporary files run as after Ctrl-C (the default action ends the process where it stands, leaving
    them). Only in the main thread, and only over the default action (a caller's own handler is kept)."""

    def __init__(self) -> None:
        import threading

        self.signalled = False
        self.previous = None
        if threading.current_thread() is threading.main_thread() and \
                signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
            self.previous = signal.signal(signal.SIGTERM, self._raise)

    def _raise(self, signum, frame) -> None:
        self.signalled = True
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a second one does not cut the clean-up short
        raise SystemExit(128 + signum)

    def restore(self) -> None:
        if self.previous is not None:
            signal.signal(signal.SIGTERM, self.previous)
            self.previous = None


_RUN: tuple | None = None  # in a worker process: the run's (claims, lock, order, parts, spill, work), see ``_claims``


def _worker_init(run: tuple, state: tuple | None = None) -> None:
    """A worker process's start: the run's chunks to claim from (``_run_claimed``), and, when it was not forked
    holding them, the project's places and the rules (``state``). A forked worker's SIGTERM goes back to the
    default action: the handler it inherits (``_TermAsExit``) would turn it into an exception the pool reports as
    the chunk's result, and the worker would read on."""
    global _RUN
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if state is not None:
        _take_state(state)
    _RUN = run


def _claim(claims, lock, order: list[int], i: int | None = None) -> int | None:
    """Chunk ``i`` (or, without one, the first in ``order`` not yet claimed) marked as taken by the caller: its
    number, or None when it (or every chunk) was taken already."""
    with lock:
        if i is not None:
            if claims[i]:
                return None
            claims[i] = 1
            return i
        for j in order:
            if not claims[j]:
                claims[j] = 1
                return j
    return None


def _run_claimed() -> tuple[int, str] | None:
    """A worker's task: the next chunk no process has claimed, read, its results in a file (``_run_chunk_to_file``):
    the chunk's number and the file, or None when none is left. A chunk is claimed when a worker starts it, not
    when the task is handed out, so this process can still read one a worker has not begun, and the last chunks
    go to whoever is free, never queued behind a busy worker while another waits."""
    claims, lock, order, parts, spill, work = _RUN
    i = _claim(claims, lock, order)
    if i is None:
        return None
    return i, _run_chunk_to_file(work, parts[i], os.path.join(spill, f"{i}.pickle"))


def _stop(pool, terminate: bool) -> None:
    """Shut ``pool`` down; ``terminate``: its workers ended first (a run stopped by SIGTERM does not wait for
    the chunks they are reading)."""
    if terminate:
        for proc in list((getattr(pool, "_processes", None) or {}).values()):
            proc.terminate()
    pool.shutdown(wait=True, cancel_futures=True)


def _claims(size: int, context) -> tuple:
    """Which of ``size`` chunks a process has claimed (shared memory, one byte each), and the lock claiming takes."""
    return context.RawArray("b", size), context.Lock()


def _pool(jobs: int, run: tuple):
    """A process pool of ``jobs`` workers holding the place index and ``run`` (``_worker_init``; its claims,
    ``_claims``, made by the pool's context): forked from this process once it has loaded the index (Linux, no
    other thread running), else started fresh, each loading it in the pool's initializer. Returns the pool and
    the claims and lock."""
    import threading
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    if sys.platform == "linux" and "fork" in methods and threading.active_count() == 1:
        # the index (and every module extraction needs) is built here once and shared by the forked
        # workers: starting them costs nothing, where each fresh interpreter took about a second.
        # Only with no other thread running (a caller's thread holding a lock would leave it held in the copies)
        _take_state(_state())
        context, state = multiprocessing.get_context("fork"), None
    else:
        context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
        state = _state()
    claims, lock = _claims(len(run[1]), context)
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_worker_init,
                               initargs=((claims, lock, *run), state))
    return pool, claims, lock


def _run_here(work, chunk: list[tuple], submit, workers: int) -> list[list]:
    """A chunk of one large text file, walked in this process, its blocks' stateless work sent to ``submit``."""
    from .blocks import prepared

    return [work(*a[:-1], None, a[-1], prepared(submit, workers)) for a in chunk]


def _spill_folder() -> str:
    """A new folder's path in the temporary directory, named ``geomap-jobs-*``, not yet made: known before it
    exists, so a clean-up that runs however early removes it if it was made."""
    import secrets

    return os.path.join(tempfile.gettempdir(), f"geomap-jobs-{os.getpid()}-{secrets.token_hex(6)}")


def _run_pool(work, parts: list[list[tuple]], jobs: int, order: list[int] | None = None,
              here: set[int] = frozenset()):
    """``Units``' ``start`` for a run of worker processes, whose results are the chunks' in file order, the
    chunks claimed in ``order`` (``submit_order``); those in ``here`` (``by_blocks``) walked in this process,
    the workers computing their blocks.

    Without such a chunk this process is one of the ``jobs``: beside ``jobs - 1`` workers, each claiming the
    next chunk when it starts one (``_run_claimed``), it reads the next chunk in file order itself when no
    worker has claimed it, and while a worker's is not ready it claims and reads the next unclaimed one (its
    results held until their turn), instead of waiting beside ``jobs`` workers that share the cores with its
    merge. Its share needs no pickling and finds this process's caches warm."""
    from concurrent.futures import FIRST_COMPLETED, wait
    from concurrent.futures.process import BrokenProcessPool

    def broken() -> GeomapError:  # killed (out of memory?) or could not start: say so, not a traceback
        return GeomapError(f"a worker process of --jobs {jobs} died before finishing; nothing was written "
                           "(try fewer jobs, or --jobs 1)")

    workers = jobs if here else jobs - 1
    queue = [i for i in (order or range(len(parts))) if i not in here]  # claimed in this order
    pending: set = set()  # tasks handed out and not yet seen done
    found: dict[int, str] = {}  # chunk -> the file of a worker's results
    spill = _spill_folder()  # the workers' results, one file per chunk, until merged
    pool = claims = lock = term = None
    stopped = False
    # the first chunk in file order is this process's to read: its results are merged at once, not held until a
    # worker's first chunk (behind a large one, handed out first) arrives
    mine = 0 in queue and not here

    def clean_up() -> None:
        """The workers stopped (ended first after a SIGTERM) and the folder removed; once."""
        nonlocal stopped
        if stopped:
            return
        stopped = True
        try:
            if pool is not None:
                _stop(pool, term is not None and term.signalled)
        finally:
            shutil.rmtree(spill, ignore_errors=True)
            if term is not None:
                term.restore()

    def collect() -> None:
        """The finished tasks' chunks noted (a task that found nothing to claim gives none)."""
        for fut in [f for f in pending if f.done()]:
            pending.discard(fut)
            got = fut.result()
            if got is not None:
                found[got[0]] = got[1]

    def start(units: Units) -> Iterator[list]:
        nonlocal pool, claims, lock, term
        units._stop = clean_up  # before anything it removes exists
        term = _TermAsExit()  # from here until the folder is removed
        try:
            os.mkdir(spill, 0o700)
            pool, claims, lock = _pool(workers, (queue, parts, spill, work))
            if mine:
                _claim(claims, lock, queue, 0)
            # a task per chunk, all handed out now (each claims a chunk only when a worker starts it, so none is
            # promised to a busy worker): a worker goes from one chunk to the next without waiting for this
            # process, inside a chunk of its own or a large text's block, to hand it the next task (with two
            # kept ahead, the bench's worker waited for one). With fork the workers start here, before a
            # caller's bar thread
            pending.update(pool.submit(_run_claimed) for _ in queue)
        except BrokenProcessPool:
            pool.shutdown(wait=False, cancel_futures=True)
            pool = None
            clean_up()
            raise broken() from None
        except BaseException:
            clean_up()
            raise
        return results()

    def results() -> Iterator[list]:
        done_here: dict[int, list[list]] = {}
        try:
            for i in range(len(parts)):
                if i in here:
                    yield from _run_here(work, parts[i], pool.submit, workers)
                    continue
                if i == 0 and mine:  # claimed at the start, for this process
                    done_here[0] = _run_chunk(work, parts[0])
                    collect()
                while i not in done_here and i not in found:
                    collect()
                    if i in found:
                        break
                    if here:  # the workers read them all: wait for this one
                        wait(pending, return_when=FIRST_COMPLETED)
                        continue
                    j = _claim(claims, lock, queue, i)  # not started by a worker: read it here
                    if j is None:  # a worker reads it: read the next unclaimed chunk meanwhile
                        j = _claim(claims, lock, queue)
                    if j is None:  # none left: wait for a worker
                        wait(pending, return_when=FIRST_COMPLETED)
                        continue
                    done_here[j] = _run_chunk(work, parts[j])
                    collect()
                if i in done_here:
                    yield from done_here.pop(i)
                else:
                    yield from _read_results(found.pop(i))
        except BrokenProcessPool:
            raise broken() from None
        finally:
            clean_up()  # results not read: a run stopped early (or by SIGTERM)

    return start


def _run_dask(work, args: list[tuple], sizes: list[int], address: str) -> Units:
    """The same units on a Dask cluster (``local``: a LocalCluster of two worker processes here): the files
    as a Dask bag of chunks, each chunk's results gathered in order as they are ready."""
    try:
        import dask.bag as db
        from dask.distributed import Client, LocalCluster

        from .dask_plugin import ProjectPlaces
    except ImportError as exc:  # an optional install without dask
        raise InputError(f"--dask needs dask.distributed ({exc})") from None
    cluster = None
    # results fetched straight from the workers, not relayed through the scheduler (a worker that cannot
    # be reached from here is still read through it: Dask falls back for the keys it could not fetch)
    if address == "local":  # its dashboard on a free loopback port: no clash with 8787 taken by another run
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0")
        client = Client(cluster, direct_to_workers=True)
    else:
        try:
            client = Client(address, timeout="20s", direct_to_workers=True)
        except OSError as exc:
            raise InputError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    try:
        client.register_plugin(ProjectPlaces(_state(), _take_state), name=ProjectPlaces.name)
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        args, sizes = split_files(args, sizes, workers)
        parts = chunks(args, sizes, workers)
        size_of = iter(sizes)
        part_sizes = [sum(next(size_of) for _ in part) for part in parts]
        here = by_blocks(parts, part_sizes, workers)
        remote = [i for i in range(len(parts)) if i not in here]
        futures: list = [None] * len(parts)
        if remote:
            bag = db.from_sequence([parts[i] for i in remote], npartitions=len(remote)).map(
                partial(_run_chunk_packed, work))
            delayed = dict(zip(remote, bag.to_delayed()))
            # each chunk with its own priority, in the order the pool hands them out (``submit_order``): the
            # scheduler otherwise runs a batch in an order of its own, and a first chunk computed last held
            # the whole merge here until the end, while the cluster sat idle
            order = [i for i in submit_order(part_sizes, workers) if i in delayed]
            futures_of = {i: client.compute(delayed[i], priority=len(order) - rank) for rank, i in enumerate(order)}
            futures = [futures_of.get(i) for i in range(len(parts))]
    except BaseException:
        client.close()
        if cluster is not None:
            cluster.close()
        raise

    closed = False

    def close() -> None:
        """The client closed, and the cluster this run started; once."""
        nonlocal closed
        if not closed:
            closed = True
            client.close()
            if cluster is not None:
                cluster.close()

    def results() -> Iterator[list]:
        try:
            # gathered in submission order, so the merge sees the files in the same order as one process
            for i, fut in enumerate(futures):
                if fut is None:  # a large text file: walked here, its blocks read by the cluster
                    yield from _run_here(work, parts[i], partial(client.submit, pure=False), workers)
                    continue
                for packed in fut.result():
                    yield from pickle.loads(packed)
        finally:
            close()

    return Units([(Path(a[0]), s) for a, s in zip(args, sizes)], results(), stop=close)
