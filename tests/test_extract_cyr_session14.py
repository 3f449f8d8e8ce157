"""Russian and Ukrainian reports: what is usual told as no event (issue 16, session 14).

Each document is written in the project's own words and reproduces one shape seen in real reports: a border
guard's briefing that says where sabotage groups are seen most often before telling the attempt beaten off.
"""
from __future__ import annotations

from test_extract_cyr_formats import _doc, _props  # one front matter for the Russian/Ukrainian test documents


def test_where_sabotage_groups_are_seen_most_often_is_no_incursion():
    text = _doc("Найчастіше ворожі ДРГ намагаються зайти на територію України з боку Сумської області.\n\n"
                "Про це сказав речник прикордонної служби. Позавчора прикордонники відбили спробу заходу ДРГ на "
                "Сумщину.", published="2025-04-10", language="uk")
    events = [p for p in _props(text) if p["event_type"] == "ground_assault"]
    assert len(events) == 1
    assert (events[0]["date_start"], events[0]["admin1_code"]) == ("2025-04-08", "UA-59")
    # the same words told in Russian, and told without "most often": an incursion attempt of that day
    ru = _doc("Чаще всего диверсионные группы пытаются проникнуть в Курскую область через Глушковский район.",
              published="2025-04-10", language="ru")
    assert [p for p in _props(ru) if p["event_type"] == "ground_assault"] == []
    told = _doc("Диверсионная группа пыталась проникнуть в Курскую область через Глушковский район.",
                published="2025-04-10", language="ru")
    assert [p["event_type"] for p in _props(told)] == ["ground_assault"]
