"""README's Layout section names what the tree holds, and the tree holds what it names."""
from __future__ import annotations

import re
import subprocess

from conftest import REPO


def _layout() -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Layout\n", 1)[1]
    return section.split("```", 2)[1]


def _tracked() -> list[str]:
    return subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True).stdout.split()


def test_layout_names_every_module_and_top_level_directory():
    layout = _layout()
    words = set(re.findall(r"[\w.]+/?", layout))
    tracked = _tracked()
    missing: dict[str, str] = {}
    for path in tracked:
        parts = path.split("/")
        if parts[0] == "geomap" and len(parts) == 2 and path.endswith(".py") and parts[1] != "__init__.py":
            name = parts[1]
        elif parts[0] == "geomap" and len(parts) >= 3 and parts[1] not in ("data", "io"):
            name = parts[1] + "/"  # a subpackage: named as a directory
        elif parts[:2] == ["geomap", "io"] and len(parts) == 3 and parts[2] != "__init__.py":
            name = parts[2]
        elif len(parts) >= 2 and not parts[0].startswith("."):
            name = parts[0] + "/"
        else:
            continue
        if name not in words:
            missing.setdefault(name, path)
    assert not missing, "README Layout lacks: " + ", ".join(f"{n} (e.g. {p})" for n, p in sorted(missing.items()))


def test_every_file_the_layout_names_exists():
    names = {p.rsplit("/", 1)[-1] for p in _tracked()}
    named = set(re.findall(r"(?<![\w-])[\w-]+\.(?:py|ipynb|sh)\b", _layout()))
    assert named - names == set()
