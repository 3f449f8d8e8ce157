"""The ACLED CSV import reads its file a batch of rows at a time (geomap/io/acled.py, ``CSV_BLOCK``):
the same events, skipped rows and notes, with the same row numbers, as one batch of the whole file."""
from __future__ import annotations

import csv
import subprocess
import sys

import orjson
import pytest

from conftest import REPO
from geomap.errors import InputError
from geomap.io import acled

SAMPLE = REPO / "tests" / "data" / "acled_sample.csv"


def grown(path, copies: int, newline_in_value: bool = False) -> None:
    """The sample's rows ``copies`` times with fresh ids, some repeating an id from far earlier,
    some with a bad date, a point in no oblast, or a line break inside a quoted value."""
    with open(SAMPLE, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    head, body = rows[0], rows[1:]
    col = {name: i for i, name in enumerate(head)}
    out = [head]
    for k in range(copies):
        for j, row in enumerate(body):
            row = list(row)
            n = len(out)
            row[col["event_id_cnty"]] = f"{row[col['event_id_cnty']]}-{k}"
            if n % 97 == 0:
                row[col["event_id_cnty"]] = out[n // 3][col["event_id_cnty"]]  # an id a batch or more back
            if n % 89 == 0:
                row[col["event_date"]] = "31 February 2025"
            if n % 83 == 0:
                row[col["longitude"]], row[col["latitude"]] = "10.5", "45.2"
            if newline_in_value and n % 61 == 0:
                row[col["notes"]] = "Shelling reported\nin two lines."
            out.append(row)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(out)


def outcome(path, **options):
    res = acled.import_acled(path, **options)
    return (res.read, len(res), res.outside_region, [(s.row, s.reason) for s in res.skipped], res.notes,
            [orjson.dumps(f) for f in res.iter_features()])


@pytest.mark.parametrize("newline_in_value", [False, True])
@pytest.mark.parametrize("region", ["kursk-sumy", "all"])
def test_batches_give_the_whole_files_events_and_row_numbers(tmp_path, monkeypatch, newline_in_value, region):
    path = tmp_path / "acled.csv"
    grown(path, 60, newline_in_value)
    whole = outcome(path, region=region)  # the default block holds this file: one batch
    monkeypatch.setattr(acled, "CSV_BLOCK", 4096)  # a few rows a batch: ~150 batches
    monkeypatch.setattr(acled, "IDS_CHUNK", 64)  # the ids' digests cut into buckets on disk, as for large files
    batched = outcome(path, region=region)
    assert batched == whole
    read, kept, _, skipped, _, events = batched
    assert read == 60 * 12 and kept == len(events) > 0
    reasons = " ".join(r for _, r in skipped)
    assert "duplicate event_id_cnty" in reasons and "event_date" in reasons
    # data row 97 repeats the id of data row 32, which sits ~85 rows (many batches) before it
    assert dict(skipped)[97].startswith("duplicate event_id_cnty") and dict(skipped)[97].endswith("(also row 32)")


def test_strict_refuses_the_file_before_any_event_is_given(tmp_path, monkeypatch):
    path = tmp_path / "acled.csv"
    grown(path, 20)
    monkeypatch.setattr(acled, "CSV_BLOCK", 4096)
    with pytest.raises(InputError) as err:
        acled.import_acled(path, region="all", strict=True)
    assert "acled.csv" in str(err.value) and "\n" not in str(err.value)


_PASS_PEAK = """
import sys
import pyarrow as pa
from geomap.io import acled
res = acled.import_acled(sys.argv[1], region="all")
hwm = int(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')))
print(res.read, len(res.skipped), pa.default_memory_pool().max_memory() / 2**20, hwm / 1024)
"""


def _valid_rows(path, megabytes: int) -> int:
    """The sample's rows that import without a skip or a note, with fresh ids, to ``megabytes`` of CSV."""
    with open(SAMPLE, newline="", encoding="utf-8") as fh:
        head, *body = list(csv.reader(fh))
    body = [row for i, row in enumerate(body, 1) if i not in (3, 4, 6, 7, 9, 12)]
    ids = head.index("event_id_cnty")
    n = 0
    with open(path, "w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(head)
        while fh.tell() < megabytes << 20:
            for row in body:
                row[ids] = f"SYN{n}"
                out.writerow(row)
                n += 1
    return n


def test_the_first_pass_holds_a_few_blocks_of_the_file_not_the_file(tmp_path):
    """A 40 MB export read in its own process: pyarrow's reader runs up to 32 of its blocks ahead of the rows
    the import takes, so its Arrow memory (53 MB with 4 MB blocks: the whole file) stays near 32 x 256 kB and
    a batch (23 MB, the same in every run), and the process's peak grows by a few MB from a file a quarter the
    size (by 25 MB with 4 MB blocks; 2 to 12 MB over runs here, the threads' own allocations varying)."""
    got = {}
    for mb in (10, 40):
        path = tmp_path / f"acled-{mb}.csv"
        rows = _valid_rows(path, mb)
        r = subprocess.run([sys.executable, "-c", _PASS_PEAK, str(path)], capture_output=True, text=True,
                           timeout=600, check=True)
        read, skipped, arrow_mb, peak_mb = r.stdout.split()
        assert (int(read), int(skipped)) == (rows, 0)
        got[mb] = float(arrow_mb), float(peak_mb)
        path.unlink()
    assert got[40][0] < 30, got  # under three quarters of the file
    assert got[40][1] - got[10][1] < 20, got  # two thirds of the 30 MB more file
