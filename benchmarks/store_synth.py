"""A GeoParquet layer store of ``n`` synthetic events written column by column, for the 10-million-event
benchmarks: the events of ``bench_scale.iter_events(n)``, in the files and order a merge writes
(tests/test_parquet_store.py checks that both give the same store), in a minute instead of the hour
that building ten million Python dicts takes.
"""
from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from geomap.io.parquet import ROW_GROUP, _schema
from geomap.parquet_store import MARKER, _marker
from geomap.schema import EVENT_TYPES, SUB_TYPES

CHUNK = 65_536
_EPOCH = dt.date(1970, 1, 1).toordinal()
_OBLASTS = [("Kursk Oblast", "RU-KRS", "RU"), ("Sumy Oblast", "UA-59", "UA")]
_ACTORS = ["Russian forces", "Ukrainian forces", "North Korean forces"]


def _columns(lo: int, hi: int, n: int, rnd: random.Random, schema) -> pa.Table:
    i = np.arange(lo, hi, dtype=np.int64)
    ordinal = dt.date(2024, 8, 1).toordinal() + (i * 450) // n
    iso = {int(o): dt.date.fromordinal(int(o)).isoformat() for o in np.unique(ordinal)}
    days = [iso[int(o)] for o in ordinal]
    idx = range(lo, hi)
    types = [EVENT_TYPES[k % 5] for k in idx]
    r = [rnd.random() for _ in range(2 * (hi - lo))]
    cols = {
        "id": [f"gm-{k:012x}" for k in idx],
        "event_type": types,
        "sub_type": [SUB_TYPES[t][k % len(SUB_TYPES[t])] for k, t in zip(idx, types)],
        "date_start": pa.array(ordinal - _EPOCH, pa.int32()).cast(pa.date32()),
        "time_precision": ["day"] * len(i),
        "place": [f"Place {k % 997}" for k in idx],
        "gazetteer_id": [f"geonames:{100000 + k % 997}" for k in idx],
        "admin1": [_OBLASTS[k % 2][0] for k in idx],
        "admin1_code": [_OBLASTS[k % 2][1] for k in idx],
        "country": [_OBLASTS[k % 2][2] for k in idx],
        "geo_precision": ["settlement"] * len(i),
        "actors": [f'["{_ACTORS[k % 3]}"]' for k in idx],
        "weapons": ['["artillery"]' if t == "strike" else "[]" for t in types],
        "fatalities": pa.nulls(len(i), pa.int64()),
        "summary": [f"Synthetic event number {k}." for k in idx],
        "claim_status": ["reported"] * len(i),
        "sources": [f'[{{"url":"https://example.org/report/{k % 5000}","outlet":"Example","published":"{d}",'
                    f'"claimed_by":null,"quote":null}}]' for k, d in zip(idx, days)],
        "origin": ["curated"] * len(i),
        "review_status": ["accepted"] * len(i),
    }
    cols["date_end"] = cols["date_start"]
    cols["place_mention"] = cols["place"]
    xs = [round(33.5 + v * 4.5, 6) for v in r[0::2]]
    ys = [round(50.0 + v * 2.5, 6) for v in r[1::2]]
    arrays = []
    for field in schema:
        if field.name == "geometry":
            arrays.append(pa.StructArray.from_arrays([pa.array(xs, pa.float64()), pa.array(ys, pa.float64())],
                                                     fields=list(field.type)))
        elif field.name in cols:
            arrays.append(pa.array(cols[field.name], field.type) if isinstance(cols[field.name], list)
                          else cols[field.name])
        else:  # reviewer, extraction, extra
            arrays.append(pa.nulls(len(i), field.type))
    return pa.Table.from_arrays(arrays, schema=schema)


def write_store(store: Path | str, n: int) -> int:
    """Write the store of ``iter_events(n)`` into the new directory ``store``; returns the file count."""
    store = Path(store)
    store.mkdir(parents=True)
    schema = _schema()
    rnd = random.Random(7)
    writers: dict[tuple[str, str], pq.ParquetWriter] = {}
    pending: dict[tuple[str, str], list] = {}

    def write(key, final=False):
        t = pa.concat_tables(pending[key]) if pending[key] else schema.empty_table()
        while len(t) >= ROW_GROUP or (final and len(t)):
            part, t = t.slice(0, ROW_GROUP), t.slice(ROW_GROUP)
            if key not in writers:
                (store / key[1]).mkdir(exist_ok=True)
                writers[key] = pq.ParquetWriter(str(store / key[1] / f"{key[0]}.parquet"), schema,
                                                compression="zstd", write_statistics=True)
            writers[key].write_table(part, row_group_size=ROW_GROUP)
        pending[key] = [t] if len(t) else []

    try:
        for lo in range(0, n, CHUNK):
            t = _columns(lo, min(n, lo + CHUNK), n, rnd, schema)
            month = np.array([d.isoformat()[:7] for d in t.column("date_start").to_pylist()])
            etype = np.array(t.column("event_type").to_pylist())
            for key in sorted(set(zip(etype.tolist(), month.tolist()))):
                pending.setdefault(key, []).append(t.filter(pa.array((etype == key[0]) & (month == key[1]))))
                write(key)
        for key in pending:
            write(key, final=True)
    finally:
        for w in writers.values():
            w.close()
    (store / MARKER).write_bytes(_marker())
    return len(writers)
