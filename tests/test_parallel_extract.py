"""Worker processes give the events and reports of one process on a corpus of English, Russian and Ukrainian
reports with one large report last in file order (handed to a worker first); test_parallel_blocks runs the same
corpus on a Dask cluster, beside its large files, on the one cluster it starts."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from geomap.extraction import extract_paths
from geomap.extraction.parallel import chunks, split_files, submit_order

# our own words: short reports shaped like agency items and governors' posts
EN = ["Russian forces shelled {p} with artillery on {d} January, the regional governor said.",
      "Ukrainian drones struck a fuel depot near {p} overnight, officials reported.",
      "Residents of {p} said the power had been out since the morning."]
RU = ["{d} января ВСУ атаковали беспилотниками {p}, сообщил губернатор Курской области.",
      "В районе населенного пункта {p} отражены атаки противника.",
      "Информация о пострадавших уточняется."]
UK = ["{d} січня росіяни обстріляли з мінометів {p}, повідомила Сумська ОВА.",
      "Ворог атакував FPV-дронами {p}, пошкоджено приватні будинки.",
      "Інформація про постраждалих уточнюється."]
PLACES = {"en": ["Sudzha", "Glushkovo", "Krasnopillia", "Yunakivka", "Tetkino", "Bilopillia"],
          "ru": ["Суджа", "Глушково", "Теткино", "Коренево"],
          "uk": ["Краснопілля", "Юнаківка", "Білопілля", "Хотінь"]}
TEMPLATES = {"en": EN, "ru": RU, "uk": UK}


def _report(lang: str, n: int, paragraphs: int) -> str:
    places, sents = PLACES[lang], TEMPLATES[lang]
    body = "\n\n".join(
        " ".join(s.format(p=places[(n + i + k) % len(places)], d=1 + (n + i) % 27) for k, s in enumerate(sents))
        for i in range(paragraphs))
    return (f"---\nurl: https://example.org/{lang}/{n}\noutlet: Example\npublished: 2025-01-{1 + n % 27:02d}\n"
            f"language: {lang}\n---\n\n{body}\n")


def write_corpus(d: Path) -> Path:
    """Eighteen short reports in three languages and a large one, into ``d`` (test_parallel_blocks' Dask test
    reads them too)."""
    for i in range(18):
        lang = ("en", "ru", "uk")[i % 3]
        (d / f"a-{i:02d}-{lang}.md").write_text(_report(lang, i, 12), encoding="utf-8")
    # about ten times any other report, and last in file order
    (d / "z-large.md").write_text(_report("en", 99, 400), encoding="utf-8")
    return d


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("mixed"))


def _same(a, b) -> None:
    assert json.dumps(a.events, sort_keys=False) == json.dumps(b.events, sort_keys=False)
    assert [(r.document, r.events, r.sentences, r.error, r.language, [u.mention for u in r.unresolved])
            for r in a.reports] == [(r.document, r.events, r.sentences, r.error, r.language,
                                     [u.mention for u in r.unresolved]) for r in b.reports]


@pytest.fixture(scope="module")
def one(corpus):
    result = extract_paths([corpus], jobs=1)
    assert {r.language for r in result.reports} == {"en", "ru", "uk"} and not result.failed
    # every language gives events, and the same event told by several reports is merged
    langs = {p["extraction"].get("language") for p in (f["properties"] for f in result.events)}
    assert langs >= {"en", "ru", "uk"}
    assert any(f["properties"]["extra"]["corroboration"] > 1 for f in result.events)
    return result


def test_the_large_report_is_handed_out_first_and_read_in_file_order(corpus):
    files = sorted(corpus.glob("*.md"))
    sizes = [f.stat().st_size for f in files]
    args, parts = split_files([(f, f.name, None, None, 0.0) for f in files], sizes, 2)
    cut = chunks(args, parts, 2)
    assert cut[-1] == [args[-1]] and args[-1][0].name == "z-large.md"  # alone, last in file order
    chunk_sizes = [sum(parts[args.index(a)] for a in chunk) for chunk in cut]
    order = submit_order(chunk_sizes)
    assert order[0] == len(cut) - 1 and order[1:] == list(range(len(cut) - 1))


def test_submit_order_moves_only_outsized_chunks():
    assert submit_order([10, 11, 9, 10]) == [0, 1, 2, 3]
    assert submit_order([10, 50, 9, 10, 80]) == [4, 1, 0, 2, 3]
    assert submit_order([]) == []


def test_a_large_report_last_is_handed_out_first_though_no_larger_than_the_first_chunks():
    """The chunks shrink towards the end, so a report of a sixth of the input, last in file order, is smaller
    than twice the median chunk; handed out last, one process would read it alone at the end. It goes first;
    the shrinking chunks of a corpus without one keep their order."""
    files = [100] * 60 + [1200]  # KB: sixty reports and a large one
    args = [(f"f{i}",) for i in range(len(files))]
    cut = chunks(args, files, 2)
    size = dict(zip(args, files))
    chunk_sizes = [sum(size[a] for a in chunk) for chunk in cut]
    assert cut[-1] == [args[-1]] and chunk_sizes[-1] < 2 * sorted(chunk_sizes)[len(cut) // 2]
    assert submit_order(chunk_sizes, 2) == [len(cut) - 1, *range(len(cut) - 1)]
    plain = [sum(100 for _ in chunk) for chunk in chunks(args[:-1], files[:-1], 2)]
    assert submit_order(plain, 2) == list(range(len(plain)))
    # with three workers beside this process the rest is shared three ways: the same report is still outsized
    assert submit_order(chunk_sizes, 4)[0] == len(cut) - 1


def test_chunks_shrink_towards_the_end_so_the_workers_finish_together():
    from geomap.extraction import parallel

    args = [(f"f{i}",) for i in range(200)]
    sizes = [1000 + (i * 37) % 500 for i in range(200)]
    cut = parallel.chunks(args, sizes, 2)
    assert [a for chunk in cut for a in chunk] == args  # every file once, in order
    size = dict(zip(args, sizes))
    filled = [sum(size[a] for a in chunk) for chunk in cut]
    # the first chunk is about a quarter of the input, the last ones about 1/64 of it
    assert 0.2 < filled[0] / sum(sizes) <= 0.26 and filled[-2] / sum(sizes) < 0.03
    assert filled[0] > filled[1] > filled[2] > filled[-2]


def test_no_chunk_is_larger_than_the_cap_unless_one_file_is(monkeypatch):
    from geomap.extraction import parallel

    monkeypatch.setattr(parallel, "CHUNK_MAX_BYTES", 5000)
    args = [(f"f{i}",) for i in range(100)]
    sizes = [1000] * 50 + [9000] + [1000] * 49
    cut = parallel.chunks(args, sizes, 2)
    size = dict(zip(args, sizes))
    assert [a for chunk in cut for a in chunk] == args
    assert [("f50",)] in cut and all(sum(size[a] for a in chunk) <= 5000 for chunk in cut if chunk != [("f50",)])


def test_two_processes_give_the_events_and_reports_of_one(corpus, one):
    _same(extract_paths([corpus], jobs=2), one)


def test_this_process_reads_chunks_no_worker_has_begun_and_the_output_is_the_same(corpus, one, monkeypatch):
    """With ``--jobs 2`` one worker has a task per chunk handed out, each claiming a chunk when it starts, and
    this process reads the first chunk in file order, then any chunk no worker has begun (how many depends on
    the worker's pace). Either way the events and reports are one process's, every file read once."""
    from geomap.extraction import parallel

    here: list[str] = []
    run_chunk = parallel._run_chunk

    def recording(work, chunk):  # the parent's own reads (a forked worker appends to its own copy)
        here.extend(a[1] for a in chunk)
        return run_chunk(work, chunk)

    recording.__module__, recording.__qualname__ = run_chunk.__module__, run_chunk.__qualname__  # pickled by name
    monkeypatch.setattr(parallel, "_run_chunk", recording)
    _same(extract_paths([corpus], jobs=2), one)
    files = sorted(corpus.glob("*.md"))
    sizes = [f.stat().st_size for f in files]
    args, parts = split_files([(f, str(f), None, None, 0.0) for f in files], sizes, 2)
    first = [a[1] for a in chunks(args, parts, 2)[0]]
    assert here[:len(first)] == first and len(set(here)) == len(here)


# ``extract_paths([DOCS], jobs=2)`` in a fresh process (one thread: the workers are forked, holding the patches),
# its worker held inside the second chunk until this process has read every other chunk; prints the chunks read
# here and the events. An alarm ends a stuck run after five minutes, failing the test; named pipes order the
# two processes, no sleep
HELD_WORKER = """
import json, os, signal, sys
from geomap.extraction import core, extract_paths, parallel
docs, begun, release, firsts = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
parent = os.getpid()
first_of = {f: n for n, f in enumerate(firsts)}
read = core.open_documents

def held(path, *a, **k):
    n = first_of.get(str(path))
    if os.getpid() != parent and n == 1:  # the worker, starting the second chunk: says so, then waits
        with open(begun, "wb"):
            pass
        with open(release, "rb") as fh:
            fh.read()
    elif os.getpid() == parent and n == 0:  # this process, in the first chunk: until the worker has begun
        with open(begun, "rb") as fh:
            fh.read()
    return read(path, *a, **k)

here = []
run_chunk = parallel._run_chunk

def recording(work, chunk):
    here.append(first_of[str(chunk[0][0])])
    out = run_chunk(work, chunk)
    if sorted(here) == [n for n in range(len(firsts)) if n != 1]:  # every chunk but the worker's read here
        with open(release, "wb"):
            pass
    return out

def stuck(signum, frame):  # both held processes let go
    for pipe in (release, begun):
        try:
            os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
        except OSError:
            pass
    raise SystemExit("stuck: this process waited on a chunk promised to the held worker")

core.open_documents = held
parallel._run_chunk = recording
signal.signal(signal.SIGALRM, stuck)
signal.alarm(300)
result = extract_paths([docs], jobs=2)
signal.alarm(0)
print(json.dumps({"here": here, "events": result.events}))
"""


# the mirror: this process held inside the first chunk until the worker has written every other chunk's results
HELD_HERE = """
import glob, json, os, signal, sys
from geomap.extraction import core, extract_paths, parallel
docs, begun, release, firsts = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
parent = os.getpid()
read = core.open_documents

def held(path, *a, **k):
    if os.getpid() == parent and str(path) == firsts[0]:  # this process, in the first chunk: until let go
        with open(release, "rb") as fh:
            fh.read()
    return read(path, *a, **k)

here = []
run_chunk, to_file = parallel._run_chunk, parallel._run_chunk_to_file

def recording(work, chunk):
    if os.getpid() == parent:
        here.append(firsts.index(str(chunk[0][0])))
    return run_chunk(work, chunk)

def written(work, chunk, path):  # the worker: lets this process go once every other chunk's results are written
    out = to_file(work, chunk, path)
    if len(glob.glob(os.path.join(os.path.dirname(path), "*.pickle"))) == len(firsts) - 1:
        with open(release, "wb"):
            pass
    return out

def stuck(signum, frame):
    raise SystemExit("stuck: the worker waited for this process to hand it a task")

core.open_documents = held
parallel._run_chunk, parallel._run_chunk_to_file = recording, written
signal.signal(signal.SIGALRM, stuck)
signal.alarm(300)
result = extract_paths([docs], jobs=2)
signal.alarm(0)
print(json.dumps({"here": here, "events": result.events}))
"""


def _held(tmp_path, script: str) -> tuple[list[int], list]:
    """Eight reports run by ``script`` (``HELD_WORKER`` or ``HELD_HERE``) with its named pipes: the chunks
    this process read (by number) and the events, which are checked against one process's."""
    import os
    import subprocess
    import sys

    docs = tmp_path / "docs"
    docs.mkdir()
    files = []
    for i in range(8):
        files.append(docs / f"r-{i}.md")
        files[-1].write_text(_report("en", i, 12), encoding="utf-8")
    sizes = [f.stat().st_size for f in files]
    args, parts = split_files([(f, str(f), None, None, 0.0) for f in files], sizes, 2)
    cut = chunks(args, parts, 2)
    assert len(cut) >= 3 and submit_order([sum(parts[args.index(a)] for a in c) for c in cut], 2) == list(
        range(len(cut)))
    begun, release = tmp_path / "begun", tmp_path / "release"
    os.mkfifo(begun)
    os.mkfifo(release)
    out = subprocess.run([sys.executable, "-c", script, str(docs), str(begun), str(release),
                          json.dumps([str(c[0][0]) for c in cut])], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout)
    assert json.dumps(got["events"]) == json.dumps(extract_paths([docs], jobs=1).events)
    return got["here"], cut


def test_a_chunk_handed_out_but_not_begun_is_read_by_whoever_is_free(tmp_path):
    """The worker is held inside its first chunk (the second in file order) until this process has read every
    other chunk: it can, as no chunk is promised to the worker before it begins it. Had the worker been handed
    the next chunks ahead, this process would wait on them while the worker was held, and the run would stick."""
    here, cut = _held(tmp_path, HELD_WORKER)
    assert here == [0, *range(2, len(cut))]


def test_the_worker_reads_on_while_this_process_is_inside_a_chunk(tmp_path):
    """This process is held inside the first chunk until the worker has written every other chunk's results:
    the worker goes from chunk to chunk without this process handing it the next task between its own chunks
    (with two tasks kept ahead, the worker stopped after two and the run would stick)."""
    here, cut = _held(tmp_path, HELD_HERE)
    assert here == [0]


def test_three_jobs_give_the_events_and_reports_of_one(corpus, one):
    _same(extract_paths([corpus], jobs=3), one)


def test_the_workers_results_files_are_gone_after_a_run_and_after_one_stopped_early(corpus, one, tmp_path, monkeypatch):
    """A worker's results go back as a file in the temporary directory: none is left behind, neither by a whole
    run nor by one whose reader stopped after the first file (the workers' unread results)."""
    import tempfile

    from geomap.extraction import core, parallel

    spill = tmp_path / "tmp"
    spill.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spill))
    _same(extract_paths([corpus], jobs=2), one)
    assert list(spill.iterdir()) == []
    units = [(f, str(f)) for f in sorted(corpus.glob("*.md"))]
    results = iter(parallel.run_units(core.extract_unit, units, None, None, 0.0, None, jobs=2))
    [(report, _)] = next(results)
    assert report.document == units[0][1]
    results.close()
    assert list(spill.iterdir()) == []


def test_the_written_file_is_the_events_as_written_one_by_one_when_ids_collide(corpus, one, tmp_path):
    """The output file holds each event's canonical JSON, in order, whether it is written as held on disk or
    read back first: also when the same files are read twice (every id taken once, made unique in order) and
    in a JSON Lines file. The one-process reading of the corpus once is the module's ``one``."""
    from geomap.extraction.output import write_candidates
    from geomap.layers import dumps_feature

    twice = [corpus, corpus]
    expected = [dumps_feature(f) for f in extract_paths(twice, jobs=1).events]
    assert len({json.loads(b)["id"] for b in expected}) == len(expected)
    for jobs in (1, 2):
        out = tmp_path / f"out-{jobs}.jsonl"
        write_candidates(out, extract_paths(twice, jobs=jobs).stream())
        assert out.read_bytes().splitlines() == expected
    out = tmp_path / "out.geojson"
    write_candidates(out, extract_paths([corpus], jobs=2).stream())
    assert [json.dumps(f, sort_keys=True) for f in json.loads(out.read_bytes())["features"]] == [
        json.dumps(json.loads(dumps_feature(f)), sort_keys=True) for f in one.events]


def test_the_rules_load_where_documents_are_read_and_before_workers_fork():
    """The command's process with ``--dask`` only merges and writes: importing extraction leaves the rules
    (``pipeline``, a quarter of a CPU second of compiling patterns) unloaded, so it reaches the cluster sooner;
    the state a worker is forked from or set up with (``_take_state``) holds them, so no worker loads them again."""
    import subprocess
    import sys

    code = ("import sys; from geomap.extraction import extract_paths; from geomap.extraction import parallel; "
            "print('geomap.extraction.pipeline' in sys.modules); parallel._take_state(parallel._state()); "
            "print('geomap.extraction.pipeline' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]
