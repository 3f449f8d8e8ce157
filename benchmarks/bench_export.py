"""Export and import speed: geomap's writers and ACLED reader against geopandas/pandas on the same data.

Targets (issue 7): GeoJSON export >= 3x faster than ``GeoDataFrame.to_file(driver="GeoJSON")``;
GeoPackage export no slower than ``to_file(driver="GPKG")``; ACLED import of N rows at least
as fast as ``pandas.read_csv`` plus building the GeoDataFrame by hand.
"""
from __future__ import annotations

from harness import Row


def run(ctx) -> list[Row]:
    n = 20_000 if ctx.quick else 1_000_000
    data = ctx.tmp / "export-data"
    ctx.measure("export_work:make_data", str(data), str(n))
    rows: list[Row] = []

    def pair(name, mine, base, base_name, target, need):
        a = ctx.measure(f"export_work:{mine}", str(data), str(ctx.tmp / f"{mine}.out"))
        b = ctx.measure(f"export_work:{base}", str(data), str(ctx.tmp / f"{base}.out"))
        ratio = b["seconds"] / a["seconds"]
        rows.append(Row("export", f"{name} ({n:,} events)", a["seconds"], "s", base_name, b["seconds"],
                        target, ratio >= need))
        rows.append(Row("export", f"{name} peak RSS", a["peak_rss_mb"], "MB", base_name, b["peak_rss_mb"]))

    pair("GeoJSON export", "geomap_geojson", "gpd_geojson", "to_file(GeoJSON)", ">= 3x faster", 3.0)
    pair("GeoPackage export", "geomap_gpkg", "gpd_gpkg", "to_file(GPKG)", ">= 1x (no slower)", 1.0)

    # a few seconds each: best of three, alternating, so a busy neighbour does not decide it
    a = ctx.measure("export_work:geomap_acled", str(data), repeat=3)
    b = ctx.measure("export_work:pandas_acled", str(data), repeat=3)
    rows.append(Row("import", f"ACLED import ({n:,} rows)", a["seconds"], "s", "read_csv+GeoDataFrame",
                    b["seconds"], ">= 1x (no slower)", b["seconds"] / a["seconds"] >= 1.0))
    c = ctx.measure("export_work:geomap_acled_features", str(data))
    rows.append(Row("import", "ACLED import + feature dicts", c["seconds"], "s", "read_csv+GeoDataFrame",
                    b["seconds"]))
    rows.append(Row("import", "ACLED import peak RSS", a["peak_rss_mb"], "MB", "read_csv+GeoDataFrame",
                    b["peak_rss_mb"]))
    return rows
