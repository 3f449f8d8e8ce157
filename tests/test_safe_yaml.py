"""The YAML reader: libyaml's fast parse gives what the pure-Python reader gives, and bad input the same message."""
from __future__ import annotations

import pytest
import yaml

from conftest import REPO
from geomap.errors import InputError
from geomap.io import safe_yaml
from geomap.io.safe_yaml import load_yaml

pytestmark = pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML here is built without libyaml")


def _pure_python(text: str, **kw):
    """What load_yaml gives when only the pure-Python reader is used (as where libyaml is missing)."""
    saved = safe_yaml._LOADERS
    safe_yaml._LOADERS = {False: (safe_yaml.BoundedLoader,), True: (safe_yaml.LineLoader,)}
    try:
        return _outcome(text, **kw)
    finally:
        safe_yaml._LOADERS = saved


def _outcome(text: str, **kw):
    try:
        return load_yaml(text, "f.yaml", **kw)
    except InputError as exc:
        return f"error: {exc}"


def test_the_fast_reader_is_in_use():
    assert safe_yaml._LOADERS[True][0] is not safe_yaml.LineLoader


@pytest.mark.parametrize("path", sorted((REPO / "data" / "events").glob("*.yaml")), ids=lambda p: p.name)
def test_curated_files_read_the_same(path):
    text = path.read_text(encoding="utf-8")
    assert _outcome(text, lines=True) == _pure_python(text, lines=True)


@pytest.mark.parametrize("text", [
    "- a: [unclosed\n",                      # libyaml words its syntax errors differently
    "a: b: c\n",
    "a:\n\t- b\n",
    "\x00x: 1\n",
    "x: " + "[" * 1200 + "]" * 1200 + "\n",  # libyaml's own depth bound (1,000) before ours (64)
    "\ud800: 1\n",                           # a lone surrogate cannot be handed to libyaml
    'a: "\\ud800"\n',                        # an escape libyaml refuses and PyYAML reads
    "a: &x [1, 2]\nb: *x\nc: 2024-02-30\n",
    "a: 1\na: 2\n",
    "- &a [*a]\n",
])
def test_bad_or_odd_input_gives_what_the_pure_python_reader_gives(text):
    fast = _outcome(text, lines=True)
    assert fast == _pure_python(text, lines=True)
    assert fast == _outcome(text, lines=True)  # and the same again (no state kept between reads)
