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



def test_extract_leaves_its_objects_out_of_the_final_collection(tmp_path):
    """After ``geomap extract`` the objects still alive at exit are frozen (the interpreter's last
    collection skips them); the collector itself is left on, and a second run in the process writes the same."""
    import subprocess
    import sys

    doc = tmp_path / "a.md"
    doc.write_text("---\npublished: 2025-01-05\n---\n\nRussian forces shelled Sudzha on 4 January, "
                   "the governor said.\n", encoding="utf-8")
    code = ("import atexit, gc\n"
            "atexit.register(lambda: print('frozen', gc.get_freeze_count() > 0, 'enabled', gc.isenabled()))\n"
            "from geomap.cli.main import cli\n"
            f"for out in ('one', 'two'):\n"
            f"    try:\n        cli(['extract', {str(doc)!r}, '-o', {str(tmp_path)!r} + '/' + out + '.geojson'])\n"
            "    except SystemExit as exc:\n        assert not exc.code, exc.code\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip().splitlines()[-1] == "frozen True enabled True"
    assert (tmp_path / "two.geojson").read_bytes() == (tmp_path / "one.geojson").read_bytes()
