"""Parallel extraction: ``geomap extract --jobs 1`` against ``--jobs 2`` and a Dask cluster, same corpus, same run.

Each round runs every variant once, the order turning from round to round, so a burst of load
from other work on a shared machine falls on each side alike; the table gives the median of the
rounds' ratios, every round's ratio, and the load average seen during the runs. Every variant's
output must be byte-identical to ``--jobs 1``. Each command is the user's, in a fresh process:
both sides pay for loading the place index and ``--jobs 2`` for starting its workers.

    python benchmarks/run.py --only parallel          # about 3 minutes on 2 idle cores
    python benchmarks/run.py --only parallel --quick  # one small round
"""
from __future__ import annotations

import contextlib
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from harness import Row

HERE = Path(__file__).resolve().parent
GEOMAP = Path(sys.executable).parent / "geomap"
CPU: dict[str, float] = {}  # CPU seconds of each command and the processes it started and reaped, summed
LANGUAGES = {"en": 0.6, "ru": 0.2, "uk": 0.2}  # shares of the corpus's bytes


LAST_CPU: list[float] = [0.0]  # CPU seconds of the last command (with its workers)


def _extract(corpus: Path, out: Path, opts: list[str]) -> tuple[float, bytes, tuple[float, float]]:
    """Wall time of ``geomap extract CORPUS -o OUT OPTS``, the file it wrote and the 1-minute load average
    before and after (its CPU seconds in ``LAST_CPU``)."""
    import resource

    os.sync()
    before = os.getloadavg()[0]
    cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run([str(GEOMAP), "extract", str(corpus), "-o", str(out), *opts], check=True,
                   capture_output=True, env={**os.environ, "OMP_NUM_THREADS": "1"})
    seconds = time.perf_counter() - t0
    cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    key = " ".join(opts[:2])
    LAST_CPU[0] = cpu1.ru_utime + cpu1.ru_stime - cpu0.ru_utime - cpu0.ru_stime
    CPU[key] = CPU.get(key, 0.0) + LAST_CPU[0]
    return seconds, out.read_bytes(), (before, os.getloadavg()[0])


@contextlib.contextmanager
def dask_cluster(tmp: Path):
    """A scheduler and two one-thread workers started with Dask's own commands, as on a cluster."""
    from dask.distributed import Client

    bindir = Path(sys.executable).parent
    sched_file = tmp / "scheduler.json"
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    procs = [subprocess.Popen([str(bindir / "dask"), "scheduler", "--scheduler-file", str(sched_file), "--port", "0",
                               "--no-dashboard", "--host", "127.0.0.1"], **quiet)]
    try:
        for _ in range(600):
            if sched_file.exists():
                break
            time.sleep(0.1)
        procs.append(subprocess.Popen([str(bindir / "dask"), "worker", "--scheduler-file", str(sched_file),
                                       "--nworkers", "2", "--nthreads", "1", "--no-dashboard", "--host", "127.0.0.1"],
                                      **quiet))
        with Client(scheduler_file=str(sched_file), timeout="60s") as client:
            client.wait_for_workers(2, timeout=120)
            address = client.scheduler.address
        yield address
    finally:
        for p in reversed(procs):
            p.terminate()
            p.wait(timeout=60)


def _corpus(root: Path, mb: float) -> dict[str, Path]:
    sys.path.insert(0, str(HERE))
    from extract_corpus import write_corpus

    dirs = {}
    for lang, share in LANGUAGES.items():
        dirs[lang] = root / lang
        write_corpus(dirs[lang], mb * share, language=lang)
    return dirs


def _large_last(root: Path, corpus: Path, mb: float) -> Path:
    """The corpus and, last in file order, one report of about a fifth of its size (a document that
    cannot be shared among workers): links to the corpus's files beside the large report."""
    sys.path.insert(0, str(HERE))
    from extract_corpus import write_corpus

    skewed = root / "skewed"
    for f in sorted(corpus.rglob("*.md")):
        link = skewed / f.relative_to(corpus)
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(f)
    big = write_corpus(root / "large-one", mb / 5, seed=11)
    text = "\n\n".join(f.read_text(encoding="utf-8").split("\n---\n", 1)[1] for f in big)
    (skewed / "zz-large.md").write_text(big[0].read_text(encoding="utf-8").split("\n---\n", 1)[0] + "\n---\n" + text,
                                       encoding="utf-8")
    return skewed


def _one_large(root: Path, language: str, mb: float) -> Path:
    """One report of about ``mb`` MB in ``language``: a single document, read by blocks with --jobs 2."""
    sys.path.insert(0, str(HERE))
    from extract_corpus import write_corpus

    parts = write_corpus(root / "parts", mb, seed=13, language=language)
    text = "\n\n".join(f.read_text(encoding="utf-8").split("\n---\n", 1)[1] for f in parts)
    out = root / "one" / f"large-{language}.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(parts[0].read_text(encoding="utf-8").split("\n---\n", 1)[0] + "\n---\n" + text, encoding="utf-8")
    return out.parent


def _one_against_two(corpus: Path, out: Path, rounds: int) -> tuple[dict, dict, list[float], bool]:
    """``--jobs 1`` and ``--jobs 2`` on ``corpus`` for ``rounds`` rounds, the order turning: each one's times
    and CPU seconds (keys "1" and "2"), the load averages read, and whether every output was the same."""
    times: dict[str, list[float]] = {"1": [], "2": []}
    cpu: dict[str, float] = {"1": 0.0, "2": 0.0}
    loads: list[float] = []
    same = True
    for r in range(rounds):
        ref = None
        for j in ("1", "2") if r % 2 == 0 else ("2", "1"):
            seconds, data, load = _extract(corpus, out, ["--jobs", j])
            times[j].append(seconds)
            cpu[j] += LAST_CPU[0]
            loads.extend(load)
            ref = data if ref is None else ref
            same = same and data == ref
    return times, cpu, loads, same


def _size(d: Path) -> int:
    return sum(f.stat().st_size for f in d.rglob("*.md"))


def run(ctx) -> list[Row]:
    # byte-compiled first, as an installed package is: with PYTHONDONTWRITEBYTECODE set and a module edited
    # since its last compile, every command would compile it again before it starts (both sides alike)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(HERE.parent / "geomap")], check=True,
                   env={**os.environ, "PYTHONDONTWRITEBYTECODE": ""})
    mb = 1.0 if ctx.quick else 6.0
    rounds = 1 if ctx.quick else 3
    root = ctx.tmp / "parallel-corpus"
    dirs = _corpus(root, mb)
    out = ctx.tmp / "parallel-out.geojson"
    variants = {"jobs1": ["--jobs", "1"], "jobs2": ["--jobs", "2"], "dask-local": ["--dask", "local"]}
    times: dict[str, list[float]] = {k: [] for k in [*variants, "dask"]}
    loads: list[float] = []
    same = True
    reference = None
    try:
        cluster = dask_cluster(ctx.tmp)
        address = cluster.__enter__()
    except ImportError:
        cluster, address = None, None
    try:
        if address:
            variants["dask"] = ["--dask", address]
        names = list(variants)
        for r in range(rounds):
            # the order turns each round; the first round starts with --jobs 1, whose output is the reference
            for name in names[r % len(names):] + names[:r % len(names)]:
                seconds, data, load = _extract(root, out, variants[name])
                times[name].append(seconds)
                loads.extend(load)
                reference = data if reference is None else reference
                same = same and data == reference
        lang_rows = []
        for lang, d in dirs.items():
            size = _size(d) / 1e6
            one, _, l1 = _extract(d, out, ["--jobs", "1"])
            cpu_one = LAST_CPU[0]
            two, _, l2 = _extract(d, out, ["--jobs", "2"])
            loads.extend(l1 + l2)
            # per core: MB over the CPU seconds of the whole command (start-up and writing included)
            lang_rows.append(Row("parallel", f"{lang} {size:.1f} MB: --jobs 1 {size / one:.2f} MB/s ({size / cpu_one:.2f} "
                                             f"MB per CPU s), --jobs 2 {size / two:.2f} MB/s", two, "s", "--jobs 1", one))
        # one large report last in file order: handed to a worker first, so the other reads the rest meanwhile
        skewed = _large_last(root.parent / "parallel-skewed", root, mb)
        sk, _, sk_loads, sk_same = _one_against_two(skewed, out, rounds)
        loads.extend(sk_loads)
        sk_ratios = sorted(a / b for a, b in zip(sk["1"], sk["2"]))
        sk_mid = sk_ratios[len(sk_ratios) // 2]
        lang_rows.append(Row("parallel", f"--jobs 2, {_size(skewed) / 1e6:.0f} MB with one large report last (rounds "
                                         f"{', '.join(f'{x:.2f}' for x in sk_ratios)}x; same bytes: {sk_same})",
                             statistics.median(sk["2"]), "s", "--jobs 1", statistics.median(sk["1"]),
                             f">= 1.6x (median {sk_mid:.2f}x)", sk_same and sk_mid >= 1.6))
        corpus_cpu = dict(CPU)  # the CPU row below is the corpora's
        # one large document: walked by the main process while the workers compute its blocks' sentences
        for lang in ("en", "ru"):
            one_doc = _one_large(root.parent / f"parallel-one-{lang}", lang, 2.5 if ctx.quick else 5.0)
            od, od_cpu, od_loads, od_same = _one_against_two(one_doc, out, rounds)
            loads.extend(od_loads)
            od_ratios = sorted(a / b for a, b in zip(od["1"], od["2"]))
            od_mid = od_ratios[len(od_ratios) // 2]
            lang_rows.append(Row("parallel", f"--jobs 2, one {lang} report of {_size(one_doc) / 1e6:.1f} MB (rounds "
                                             f"{', '.join(f'{x:.2f}' for x in od_ratios)}x; CPU {od_cpu['2'] / od_cpu['1']:.2f}x "
                                             f"of --jobs 1; load {min(od_loads):.1f}..{max(od_loads):.1f}; same bytes: {od_same})",
                                 statistics.median(od["2"]), "s", "--jobs 1", statistics.median(od["1"]),
                                 f"> 1x (median {od_mid:.2f}x)", od_same and od_mid > 1.0))
    finally:
        if cluster is not None:
            cluster.__exit__(None, None, None)
    size = _size(root) / 1e6

    def median_pair(a: str, b: str) -> tuple[float, float, list[float]]:
        """The round whose ratio a/b is the median: its two times, and every round's ratio."""
        ratios = [x / y for x, y in zip(times[a], times[b])]
        mid = sorted(range(len(ratios)), key=ratios.__getitem__)[len(ratios) // 2]
        return times[a][mid], times[b][mid], ratios

    load = f"load {min(loads):.1f}..{max(loads):.1f}"
    rows = []
    one, two, r2 = median_pair("jobs1", "jobs2")
    rows.append(Row("parallel", f"extract --jobs 2, {size:.0f} MB en/ru/uk (rounds {', '.join(f'{x:.2f}' for x in r2)}x; "
                                f"{load})", two, "s", "--jobs 1", one, ">= 1.7x (done: 1.6x)", same and one / two >= 1.7))
    if "dask" in times and times["dask"]:
        j2, dk, rd = median_pair("jobs2", "dask")
        rows.append(Row("parallel", f"extract --dask, 2 workers up (rounds {', '.join(f'{x:.2f}' for x in rd)}x)", dk, "s",
                        "--jobs 2", j2, "within 20% (ratio >= 0.83)", same and dk <= 1.2 * j2))
    j2, dl, rl = median_pair("jobs2", "dask-local")
    rows.append(Row("parallel", f"extract --dask local, cluster started (rounds {', '.join(f'{x:.2f}' for x in rl)}x)",
                    dl, "s", "--jobs 2", j2))
    # the work itself, whatever the load: what --jobs 2 spends in all its processes against one process
    rows.append(Row("parallel", "CPU time of --jobs 2 (main and workers) per --jobs 1", corpus_cpu["--jobs 2"], "s",
                    "--jobs 1", corpus_cpu["--jobs 1"], "close to 1.0x (no work added)"))
    rows.append(Row("parallel", f"same bytes: --jobs 1, --jobs 2, --dask: {same}", 1.0 if same else 0.0, "",
                    "", None, "identical", same))
    rows.append(Row("parallel", f"load average (1 min) during the runs, {len(loads)} readings",
                    statistics.median(loads), "", "", None, f"{os.cpu_count()} cores"))
    return rows + lang_rows
