"""A large single text read by blocks: worker processes and a Dask cluster compute each block's sentences while
this process walks the document, and the output is byte-identical to one process's, carried state and all
(a date carried into the next paragraph, a speaker carried across paragraphs, a dateline, a list after ":")."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from geomap import documents
from geomap.documents import open_document
from geomap.extraction import extract_paths
from geomap.extraction.parallel import by_blocks, chunks, split_files

BLOCK = 700  # characters: the test documents split into dozens of blocks

# our own words, in paragraphs whose state the next paragraph takes (a date, a speaker, a dateline's city)
EN = ["SUMY, Ukraine — Russian forces shelled {p} with artillery on {d} January, the regional governor said.",
      "Russian troops shelled {q} again and a house burned down.",
      "Residents of {p} said the power had been out since the morning.",
      "Ukrainian drones struck a fuel depot near {q} on {d} January, officials reported. Russian forces "
      "launched an assault on {p} the next morning."]
RU = ["{d} января ВСУ атаковали беспилотниками {p}, сообщил губернатор Курской области.",
      "В районе населенного пункта {q} отражены атаки противника.",
      "Под обстрелом оказались населенные пункты:\n- {p};\n- {q}.",
      "Информация о пострадавших уточняется."]
UK = ["{d} січня росіяни обстріляли з мінометів {p}, повідомила Сумська ОВА.",
      "Ворог атакував FPV-дронами {q}, пошкоджено приватні будинки.",
      "Під ударами були громади:\n- {p};\n- {q}.",
      "Інформація про постраждалих уточнюється."]
PLACES = {"en": ["Sudzha", "Glushkovo", "Krasnopillia", "Yunakivka", "Tetkino", "Bilopillia"],
          "ru": ["Суджа", "Глушково", "Теткино", "Коренево"],
          "uk": ["Краснопілля", "Юнаківка", "Білопілля", "Хотінь"]}
TEMPLATES = {"en": EN, "ru": RU, "uk": UK}


def _document(lang: str, groups: int) -> str:
    places, paras = PLACES[lang], []
    for i in range(groups):
        for k, s in enumerate(TEMPLATES[lang]):
            paras.append(s.format(p=places[(i + k) % len(places)], q=places[(i + k + 1) % len(places)],
                                  d=1 + i % 27))
    return (f"---\nurl: https://example.org/{lang}/large\noutlet: Example\npublished: 2025-01-28\n"
            f"language: {lang}\n---\n\n" + "\n\n".join(paras) + "\n")


@pytest.fixture(scope="module")
def large(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("large")
    out = {}
    for lang in ("en", "ru", "uk"):
        out[lang] = d / f"{lang}.md"
        out[lang].write_text(_document(lang, 40), encoding="utf-8")
    return out


@pytest.fixture()
def small_blocks(monkeypatch):
    monkeypatch.setattr(documents, "BLOCK_CHARS", BLOCK)


def _dump(result) -> str:
    return json.dumps({"events": result.events,
                       "reports": [(r.document, r.events, r.sentences, r.chars, r.error, r.language, r.warnings,
                                    [(u.mention, u.start, u.end, u.note) for u in r.unresolved])
                                   for r in result.reports]}, ensure_ascii=False)


@pytest.fixture(scope="module")
def one(large):
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(documents, "BLOCK_CHARS", BLOCK)
        return {lang: extract_paths([path], jobs=1) for lang, path in large.items()}


def _block_of(path: Path, pos: int) -> int:
    starts = [offset for offset, _ in open_document(path, None).blocks()]
    return sum(1 for s in starts if s <= pos) - 1


def test_the_file_is_read_by_blocks_and_state_crosses_them(large, one, small_blocks):
    for lang, path in large.items():
        blocks = list(open_document(path, None).blocks())
        assert len(blocks) > 10
        size = path.stat().st_size
        args, parts = split_files([(path, path.name, None, None, 0.0)], [size], 2)
        assert by_blocks(chunks(args, parts, 2), [size], 2) == {0}  # walked here, its blocks read by the workers
        result = one[lang]
        assert not result.failed and result.events
    # carried from an earlier block: the speaker of a Russian report's paragraph before
    text = large["ru"].read_text(encoding="utf-8")
    told = [(f["properties"], s) for f in one["ru"].events for s in f["properties"]["sources"]
            if s["quote"].startswith("В районе")]
    assert told and all(s["claimed_by"] for _, s in told)
    starts = [m["start"] for p, _ in told for m in p["extra"].get("mentions", [p["extraction"]])]
    assert any(_block_of(large["ru"], text.rfind("сообщил губернатор", 0, start)) != _block_of(large["ru"], start)
               for start in starts)  # some of them told a block after their speaker
    # an undated English paragraph takes the date of the one before it, across blocks too
    en = [f["properties"] for f in one["en"].events if f["properties"]["sources"][0]["quote"].startswith("Russian troops")]
    # (the week of that day, not the month before publication an undated report falls back to)
    assert en and all(p["time_precision"] in ("day", "week") for p in en)


def test_two_processes_give_the_bytes_of_one(large, one, small_blocks):
    for lang, path in large.items():
        assert _dump(extract_paths([path], jobs=2)) == _dump(one[lang]), lang


def test_blocks_of_one_megabyte_give_the_bytes_of_one(large, monkeypatch):
    """The usual block shape: a file of a few blocks, each one shared out whole, each block gathered from
    several reads of the file (the small-block tests take several blocks from one read)."""
    # The usual sizes (1 MB blocks from 256 KB reads) scaled down by 16 with their ratio kept: the same path
    # (a block waits for several reads, hundreds of sentences each) at a sixteenth of the text
    # to extract twice (a 3 MB English file took ~16 CPU-s of the suite's ~300).
    scale = 16
    assert documents.BLOCK_CHARS >= 2 * documents.READ_BYTES and documents.BLOCK_CHARS % scale == 0
    monkeypatch.setattr(documents, "BLOCK_CHARS", documents.BLOCK_CHARS // scale)
    monkeypatch.setattr(documents, "READ_BYTES", documents.READ_BYTES // scale)
    path = large["en"]
    big = path.with_name("en-big.md")
    head, body = path.read_text(encoding="utf-8").split("\n---\n", 1)
    big.write_text(head + "\n---\n" + "\n\n".join([body.strip()] * -(-3 * documents.BLOCK_CHARS // len(body))) + "\n",
                   encoding="utf-8")
    assert len(list(open_document(big, None).blocks())) >= 3
    assert _dump(extract_paths([big], jobs=2)) == _dump(extract_paths([big], jobs=1))


def test_a_large_file_among_others_keeps_file_order(large, one, small_blocks, tmp_path):
    for name in ("a.md", "m.md", "z.md"):
        (tmp_path / name).write_text(_document("uk", 2).replace("large", name), encoding="utf-8")
    (tmp_path / "n-large.md").write_text(large["ru"].read_text(encoding="utf-8"), encoding="utf-8")
    assert _dump(extract_paths([tmp_path], jobs=2)) == _dump(extract_paths([tmp_path], jobs=1))


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    """test_parallel_extract's corpus (short reports in three languages, a large one last) and one process's
    result, at the usual block size: files handed out whole, not read by blocks."""
    from test_parallel_extract import write_corpus

    d = write_corpus(tmp_path_factory.mktemp("mixed"))
    result = extract_paths([d], jobs=1)
    assert not result.failed and {r.language for r in result.reports} == {"en", "ru", "uk"} and result.events
    return d, result


def test_dask_gives_the_bytes_of_one(large, one, mixed):
    """A cluster started apart (as on a cluster: the address given) on every large report, the Russian one's
    speaker and lists carried across blocks, and on test_parallel_extract's corpus of whole files (the events
    and reports of one process). One cluster for both (each started cost ~2.5 CPU-s): ``dask="local"`` starts
    the same two-worker LocalCluster through the same code from then on, and test_scale runs it (the CLI)."""
    if not os.environ.get("CI"):
        pytest.importorskip("dask.distributed", reason="dask[distributed] is not installed")
    from dask.distributed import LocalCluster

    from test_parallel_extract import _same

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0") as cluster:
        corpus, whole = mixed
        _same(extract_paths([corpus], dask=cluster.scheduler_address), whole)
        with pytest.MonkeyPatch.context() as mp:  # the large files by small blocks, as ``one`` read them
            mp.setattr(documents, "BLOCK_CHARS", BLOCK)
            for lang, path in large.items():
                assert _dump(extract_paths([path], dask=cluster.scheduler_address)) == _dump(one[lang]), lang


def test_a_large_file_that_stops_being_utf8_is_reported_as_by_one(large, small_blocks, tmp_path):
    """Bytes that are no UTF-8 halfway: the same one-line error with --jobs 2 (read ahead for the workers)
    as with --jobs 1, and no events from the file."""
    data = large["en"].read_bytes()
    bad = tmp_path / "bad.md"
    bad.write_bytes(data[:len(data) // 2] + b"\xff\xfe" + data[len(data) // 2:])
    one, two = extract_paths([bad], jobs=1), extract_paths([bad], jobs=2)
    assert _dump(two) == _dump(one)
    assert one.failed and "not UTF-8" in one.failed[0].error and not one.events


def test_a_dated_dateline_is_the_reference_in_every_block(tmp_path, small_blocks):
    """Copy filed under "KYIV, January 24 (Reuters) -" and published four days later counts "on Sunday" from the
    dateline's day: a block's worker, which reads against the publication day, must not lend its dates."""
    paras = ["KYIV, January 24 (Reuters) - Russian forces shelled Sudzha on Sunday, the governor said."]
    for i in range(40):
        paras.append(f"Russian troops shelled {PLACES['en'][i % 6]} on Sunday, the regional governor said.")
    path = tmp_path / "dateline.md"
    path.write_text("---\nurl: https://example.org/en/dateline\noutlet: Example\npublished: 2025-01-28\n"
                    "language: en\n---\n\n" + "\n\n".join(paras) + "\n", encoding="utf-8")
    one = extract_paths([path], jobs=1)
    # the Sunday before 24 January 2025 (a Friday), not the Sunday before publication (26 January)
    assert {f["properties"]["date_start"] for f in one.events} == {"2025-01-19"}, one.events
    assert len(list(open_document(path, None).blocks())) > 3
    assert _dump(extract_paths([path], jobs=2)) == _dump(one)
