"""The ACLED CSV import reads its file a batch of rows at a time (geomap/io/acled.py, ``CSV_BLOCK``):
the same events, skipped rows and notes, with the same row numbers, as one batch of the whole file."""
from __future__ import annotations

import csv

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
