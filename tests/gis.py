"""Helpers shared by the export/import tests: GDAL's ogrinfo, parsed."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

from conftest import require_tool


def ogrinfo(path: Path | str, *open_options: str) -> dict[str, dict]:
    """``ogrinfo -al -so PATH`` parsed into {layer: {count, geometry, extent, fields}}; fails on any error."""
    exe = require_tool("ogrinfo", "Debian package gdal-bin")
    args = [exe, "-al", "-so", "-ro"]
    for oo in open_options:
        args += ["-oo", oo]
    proc = subprocess.run(args + [str(path)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    problems = [line for line in proc.stderr.splitlines() if line.startswith(("ERROR", "Warning"))]
    assert not problems, f"ogrinfo complained about {path}: {problems}"
    layers: dict[str, dict] = {}
    cur: dict | None = None
    for line in proc.stdout.splitlines():
        m = re.match(r"^Layer name: (.+)$", line)
        if m:
            cur = layers.setdefault(m.group(1), {"fields": {}})
            continue
        if cur is None:
            continue
        if line.startswith("Geometry: "):
            cur["geometry"] = line.split(": ", 1)[1]
        elif line.startswith("Feature Count: "):
            cur["count"] = int(line.split(": ", 1)[1])
        elif line.startswith("Extent: "):
            nums = [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?", line)]
            cur["extent"] = tuple(nums)  # (minx, miny, maxx, maxy)
        else:
            m = re.match(r"^(\w+): (\w+(?:\(\w+\))?) \(\d+\.\d+\)$", line)
            if m:
                cur["fields"][m.group(1)] = m.group(2)
    return layers
