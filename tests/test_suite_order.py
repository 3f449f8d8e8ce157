"""The suite's file order (tests/conftest.py) names test files that exist: a renamed file would otherwise
drop to the end of the order without a word."""
from __future__ import annotations

from pathlib import Path

from conftest import _LONGEST_FIRST


def test_every_file_the_order_names_is_a_test_file():
    here = Path(__file__).resolve().parent
    assert len(set(_LONGEST_FIRST)) == len(_LONGEST_FIRST)
    assert [name for name in _LONGEST_FIRST if not (here / name).is_file()] == []
