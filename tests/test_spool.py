"""What a streamed import, merge and build hold on disk instead of in memory (geomap/spool.py): records
read back in order whatever their sizes, and ids' hashes cut into buckets that give back every row, in
the order added, find an id twice across chunks, and hold a chunk, not every row, in memory."""
from __future__ import annotations

import random
import tracemalloc

import numpy as np
import pytest

import geomap.spool as spool
from geomap.spool import HashBuckets, Records


def test_records_come_back_in_order_across_buffer_and_block_edges(monkeypatch):
    monkeypatch.setattr(spool, "_FLUSH", 64)  # flushes and reads a block of 64 bytes: most records straddle one
    rnd = random.Random(3)
    data = [bytes([i % 251]) * rnd.choice((0, 1, 7, 63, 64, 65, 200)) for i in range(500)]
    r = Records()
    for d in data:
        r.add(d)
    assert len(r) == 500
    assert list(r) == data
    assert list(r) == data  # each pass reads the file afresh
    r.close()


def _rows(n: int, seed: int = 1) -> np.ndarray:
    return np.random.default_rng(seed).integers(-2**63, 2**63 - 1, size=(n, 2), dtype=np.int64)


@pytest.mark.parametrize("chunk", [HashBuckets.CHUNK, 50])
def test_hash_buckets_give_back_every_row_in_the_order_added(monkeypatch, chunk):
    monkeypatch.setattr(HashBuckets, "CHUNK", chunk)  # 50: 21 chunks cut into buckets on disk
    rows = _rows(1000)
    b = HashBuckets(2)
    for h, v in rows.tolist():
        b.add(h, v)
    got = list(b.buckets())
    assert len(got) == (1 if chunk > 1000 else 256)
    back = np.concatenate(got)
    order = {tuple(r): i for i, r in enumerate(rows.tolist())}
    assert sorted(order[tuple(r)] for r in back.tolist()) == list(range(1000))
    for part in got:  # within a bucket, the order added; one first value, one bucket
        idx = [order[tuple(r)] for r in part.tolist()]
        assert idx == sorted(idx)
    firsts = [set(p[:, 0].tolist()) for p in got]
    assert sum(len(f) for f in firsts) == len(set().union(*firsts))
    assert not b.repeated()
    b.close()


@pytest.mark.parametrize("chunk", [HashBuckets.CHUNK, 50])
def test_hash_buckets_find_a_value_given_twice_chunks_apart(monkeypatch, chunk):
    monkeypatch.setattr(HashBuckets, "CHUNK", chunk)
    values = _rows(600)[:, 0].tolist()
    b = HashBuckets(1)
    for i, v in enumerate(values):
        b.add(v)
        if i == 550:
            b.add(values[3])  # the value of row 3 again, ten chunks later
    assert b.repeated()
    b.close()


def test_paired_buckets_line_up_when_only_one_side_is_on_disk(monkeypatch):
    monkeypatch.setattr(HashBuckets, "CHUNK", 100)
    rows = _rows(300)
    big, small = HashBuckets(2), HashBuckets(2)
    for h, v in rows.tolist():
        big.add(h, v)
    for h, v in rows[::37].tolist():  # 9 rows: never a chunk, yet bucket for bucket beside big's
        small.add(h, v)
    pairs = list(zip(*HashBuckets.paired(big, small)))
    assert len(pairs) == 256
    for a, s in pairs:
        assert set(s[:, 0].tolist()) <= set(a[:, 0].tolist())
    assert sum(len(s) for _, s in pairs) == 9
    big.close()
    small.close()


def test_hash_buckets_memory_does_not_grow_with_the_rows(monkeypatch):
    """Four times the rows, a peak that grows by under an eighth of what holding them would add (16 bytes
    a row): a chunk and a bucket, and each chunk's bucket sizes (2 kB; chunks of 2,048 rows here, not
    131,072, for the suite's time, so that bookkeeping weighs 64 times more than it does in a run)."""
    monkeypatch.setattr(HashBuckets, "CHUNK", 2048)
    peaks = []
    for n in (20_000, 80_000):
        rows = _rows(n).tolist()
        tracemalloc.start()
        b = HashBuckets(2)
        for h, v in rows:
            b.add(h, v)
        assert not b.repeated()
        assert sum(len(p) for p in b.buckets()) == n
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
        b.close()
        del rows
    assert peaks[1] - peaks[0] < 16 * 60_000 / 8 and peaks[1] < 16 * 80_000 / 4, peaks


def test_digest_repeats_names_each_later_row_with_the_first_of_its_digest():
    import numpy as np

    from geomap.spool import digest_repeats

    # (digest, digest, number): numbers 0..5, digest (7, 1) at 4, 1 and 5; (7, 2) once; (3, 9) at 2 and 0
    rows = np.array([[3, 9, 2], [7, 1, 4], [7, 2, 3], [7, 1, 1], [3, 9, 0], [7, 1, 5]], dtype=np.int64)
    got, later, first = digest_repeats(rows, 2)
    assert sorted(zip(got[later, 2].tolist(), got[first, 2].tolist())) == [(2, 0), (4, 1), (5, 1)]
    _, later, first = digest_repeats(rows[[0, 1, 2]], 2)
    assert len(later) == len(first) == 0
