"""One owner for each fact, written once (issue 12): the border line comes from geomap.regions alone; test data rows share one base."""
from __future__ import annotations

import pyogrio
import shapely
from shapely.geometry import shape

from geomap.io.registry import export_features
from geomap.regions import load_regions
from geomap.render.figures import Basemap
from geomap.render.map import boundary_layers


def _vertices(geom) -> set[tuple[float, float]]:
    return {tuple(xy) for xy in shapely.get_coordinates(geom).tolist()}


def test_border_comes_from_the_natural_earth_polygons():
    """Every vertex of the border is a vertex of a Russian and of a Ukrainian oblast in the packaged file."""
    regions = load_regions()
    line = regions.border_line()
    assert line.geom_type == "LineString" and line.length > 5  # one line, about 10 degrees long
    ru = set().union(*(_vertices(o.geometry) for o in regions if o.country == "RU"))
    ua = set().union(*(_vertices(o.geometry) for o in regions if o.country == "UA"))
    border = _vertices(line)
    assert border <= ru and border <= ua
    kursk, sumy = regions.get("RU-KRS").geometry, regions.get("UA-59").geometry
    assert kursk.boundary.intersection(sumy.boundary).difference(line.buffer(1e-9)).length == 0


def test_map_report_and_gpkg_draw_the_same_border(tmp_path):
    regions = load_regions()
    line = regions.border_line()
    _, map_border = boundary_layers()
    report_border = Basemap.from_regions(regions, []).border
    assert report_border.equals(line)
    # the map rounds to 4 decimals, the GeoPackage to 6: the same line at that precision
    assert shape(map_border["geometry"]).equals_exact(line, tolerance=0.71e-4)  # rounding: up to half a unit on each axis
    out = tmp_path / "e.gpkg"
    export_features([], out, "gpkg")
    gpkg_border = pyogrio.read_dataframe(out, layer="border").geometry.iloc[0]
    assert gpkg_border.equals_exact(line, tolerance=0.71e-6)


def test_acled_sample_generator_reproduces_the_committed_file(tmp_path):
    """tests/data/make_acled_sample.py (rows folded onto one base row) still writes the fixture byte for byte."""
    import importlib.util

    from conftest import DATA

    spec = importlib.util.spec_from_file_location("make_acled_sample", DATA / "make_acled_sample.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    from geonames import ById

    mod.main(tmp_path / "acled.csv", ById(500))  # the same records, each looked up by id
    assert (tmp_path / "acled.csv").read_bytes() == (DATA / "acled_sample.csv").read_bytes()
