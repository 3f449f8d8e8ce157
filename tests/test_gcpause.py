"""The GC pause around bulk work: collector state restored, what the block kept aged at once."""
from __future__ import annotations

import gc

from geomap.gcpause import paused_gc


def _young_ids() -> set[int]:
    return {id(o) for g in (0, 1) for o in gc.get_objects(generation=g)}


def test_collector_is_off_inside_and_back_on_after():
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_disabled_collector_stays_disabled():
    gc.disable()
    try:
        with paused_gc():
            keep = [[i] for i in range(100)]
        assert not gc.isenabled()
        assert id(keep) in _young_ids()  # nothing moved when the caller had the collector off
    finally:
        gc.enable()


def test_what_the_block_kept_is_in_the_oldest_generation_and_still_collectable():
    with paused_gc():
        kept = [[i] for i in range(1000)]
    young = _young_ids()
    assert not any(id(x) in young for x in kept)  # young collections will not scan them again
    old = {id(o) for o in gc.get_objects(generation=2)}
    assert all(id(x) in old for x in kept)
    assert not gc.get_freeze_count()  # nothing is left exempt from collection
