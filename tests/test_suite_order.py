"""The suite's file order (tests/conftest.py) comes from measured figures that name the test files there are: a
renamed file would otherwise drop to the end of the order without a word, and a new long file left unmeasured
would run last and keep one worker busy alone."""
from __future__ import annotations

from pathlib import Path

from conftest import _LONGEST_FIRST, _MEASURED_S, BROWSER_FILES

HERE = Path(__file__).resolve().parent


def test_every_file_the_order_names_is_a_test_file():
    assert len(set(_LONGEST_FIRST)) == len(_LONGEST_FIRST) == len(_MEASURED_S)
    assert [name for name in _MEASURED_S if not (HERE / name).is_file()] == []


def test_every_test_file_but_the_rule_files_is_measured():
    """The extraction-rule files (test_extract_*.py) may go unmeasured: they run last, in collection order."""
    unmeasured = sorted(p.name for p in HERE.glob("test_*.py")
                        if p.name not in _MEASURED_S and not p.name.startswith("test_extract_"))
    assert unmeasured == [], f"add their measured seconds to _MEASURED_S in tests/conftest.py: {unmeasured}"


def test_the_order_is_longest_first_with_the_browser_files_together():
    rest = [name for name in _LONGEST_FIRST if name not in BROWSER_FILES]
    assert [_MEASURED_S[n] for n in rest] == sorted((_MEASURED_S[n] for n in rest), reverse=True)
    at = [i for i, name in enumerate(_LONGEST_FIRST) if name in BROWSER_FILES]
    assert at == list(range(at[0], at[0] + len(at)))
    assert {"test_map_browser.py", "test_report.py", "test_review_browser.py"} <= BROWSER_FILES
