"""Layer store: write/read N synthetic events vs GeoDataFrame.to_file / read_file, json/orjson floors; CLI cold start."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from harness import Row

HERE = Path(__file__).resolve().parent


def run(ctx) -> list[Row]:
    rows: list[Row] = []
    sizes = [10_000] if ctx.quick else [100_000, 1_000_000]
    for n in sizes:
        label = f"{n:,}"
        out = {}
        for name in ("geomap_write", "tofile_write", "jsondumps_write", "orjson_write"):
            path = ctx.tmp / f"{name}-{n}.geojson"
            out[name] = ctx.measure(f"layers_cases:{name}", str(n), str(path))
        g, b = out["geomap_write"], out["tofile_write"]
        rows.append(Row("layers", f"write {label} events", g["seconds"], "s", "to_file(GeoJSON)", b["seconds"],
                        "≥3x faster than to_file" if n == 1_000_000 else "", (b["seconds"] / g["seconds"] >= 3) if n == 1_000_000 else None))
        rows.append(Row("layers", f"write {label}: json.dumps floor", out["jsondumps_write"]["seconds"], "s",
                        "geomap", g["seconds"]))
        rows.append(Row("layers", f"write {label}: orjson.dumps floor", out["orjson_write"]["seconds"], "s",
                        "geomap", g["seconds"]))
        rows.append(Row("layers", f"write {label}: extra peak RSS", g["step_peak_mb"], "MB", "to_file", b["step_peak_mb"],
                        "≤ to_file's" if n == 1_000_000 else "", (g["step_peak_mb"] <= b["step_peak_mb"]) if n == 1_000_000 else None))
        layer = ctx.tmp / f"read-{n}.geojson"
        subprocess.run([sys.executable, str(HERE / "layers_cases.py"), str(n), str(layer)], check=True,
                       cwd=HERE, env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(HERE)})
        gr = ctx.measure("layers_cases:geomap_read", str(layer))
        br = ctx.measure("layers_cases:readfile_read", str(layer))
        assert gr["count"] == br["count"] == n
        rows.append(Row("layers", f"read {label} events", gr["seconds"], "s", "read_file(pyogrio)", br["seconds"],
                        "≥2x faster than read_file" if n == 1_000_000 else "", (br["seconds"] / gr["seconds"] >= 2) if n == 1_000_000 else None))
    exe = str(Path(sys.executable).parent / "geomap")
    t_help = ctx.time_command([exe, "--help"])
    t_pass = ctx.time_command([sys.executable, "-c", "pass"])
    rows.append(Row("cli", "geomap --help cold start", t_help, "s", "python -c pass", t_pass, "< 0.3 s", t_help < 0.3))
    return rows
