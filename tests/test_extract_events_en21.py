"""English events as reporting tells them (issue 16, session 11), each document in the project's own words.

- A capture told first of "a village" (or "another settlement") in an oblast, then by the village's name on the
  same days, is one capture: the oblast-level sentence joins the named one as its source, never silently and never
  as a second event. A count of villages, a capture on another day, or one with no named village stays its own.
- Ground taken back as reporting says it beside "retook": "took back", "reclaimed", "clawed back".
- A village named with its oblast in the same sentence ("won back Oleshnya in the Kursk region") whose only
  gazetteer match is another oblast's village bearing that name as an old spelling is no dot there: the oblast the
  sentence names, with the village kept as the mention (it was a dot in Sumy oblast when no earlier sentence had
  named Kursk); a village on the frontier "with the Sumy region" named there stays at Kursk oblast as before.
- A community the gazetteer cannot place, named bare in a summary's list and again as "X hromada" in its line
  below, is one strike (they were two at oblast level, as placed communities already are one).
- A headline's or lede's undated count of communities hit ("Russia shells 8 communities in Sumy Oblast") is the
  tally of the strikes the report places on the days before it (it stayed a strike of its own when the day of
  the report was not the strikes' day).
- Soldiers "fighting for Russia" who "were captured", "one of the North Koreans was captured", "captured North
  Korean military personnel": prisoners taken (a force's losses), not a fight or ground taken; a side's positions
  captured are still ground taken.
- "N attacks on M hromadas" in an administration's day summary is fire on the communities (a strike, the tally of
  the strikes the report places), not ground fighting.
- A force that "crossed the border" with no direction told (the clause ends there) is an incursion; people who
  crossed it are none.
- A Defence Ministry summary's count of a force's losses told with no place is the oblast the summary names most
  (it took the Sumy region from the line on strikes just before it), and "deployment sites" or "a temporary
  deployment point" struck are a strike's target, no deployment.
"""
from __future__ import annotations

from en_docs import en_helpers

_doc, _props = en_helpers("2025-04-06")


def _of(events: list[dict], event_type: str) -> list[dict]:
    return [p for p in events if p["event_type"] == event_type]


def test_a_village_told_before_its_name_is_the_named_capture():
    events = _props("Moscow's army said on Sunday it had taken control of a small village in Ukraine's Sumy region.\n\n"
                    "Its troops seized Basivka during an assault, the statement from the ministry added.")
    ground = _of(events, "ground_assault")
    assert [(p["place"], p["geo_precision"]) for p in ground] == [("Basivka", "settlement")]
    # the oblast-level sentence is kept as one of the capture's sources, not dropped
    quotes = [s["quote"] for s in ground[0]["sources"]]
    assert any("a small village" in q for q in quotes) and any("Basivka" in q for q in quotes)


def test_another_settlement_told_before_a_village_the_gazetteer_lacks_is_one_capture():
    events = _props("The ministry claimed on Sunday that its units had recaptured another settlement inside the "
                    "Kursk region.\n\n"
                    "According to the statement, the troops liberated the settlement of Zelenaya Roshcha after days of "
                    "fighting.")
    ground = _of(events, "ground_assault")
    assert len(ground) == 1 and ground[0]["admin1_code"] == "RU-KRS"
    assert len(ground[0]["sources"]) == 2


def test_a_count_of_villages_beside_a_named_one_stays_its_own_event():
    events = _props("The ministry claimed on Sunday that its army had retaken three villages in the Kursk region.\n\n"
                    "It named one of them as Zelenaya Roshcha in a separate statement.\n\n"
                    "Separately, its troops seized Basivka in the Sumy region on Sunday, the ministry said.")
    ground = _of(events, "ground_assault")
    assert sorted(p["admin1_code"] for p in ground).count("RU-KRS") >= 1
    assert any(p["place"] == "Basivka" for p in ground)


def test_a_village_taken_on_another_day_than_the_named_one_stays_its_own_event():
    events = _props("Moscow's army said on Sunday it had taken control of a small village in Ukraine's Sumy region.\n\n"
                    "On Wednesday its troops had seized Basivka during an assault, the ministry said then.")
    ground = _of(events, "ground_assault")
    assert sorted(p["geo_precision"] for p in ground) == ["admin1", "settlement"]


def test_a_village_with_no_named_capture_stays_an_event_of_its_oblast():
    events = _props("Moscow's army said on Sunday it had taken control of a small village in Ukraine's Sumy region.")
    assert [(p["event_type"], p["admin1_code"], p["geo_precision"]) for p in events] == \
        [("ground_assault", "UA-59", "admin1")]


def test_a_village_street_on_video_is_no_village_taken():
    events = _props("The ministry said on Sunday it had retaken two villages in the Kursk region, naming Zelenaya "
                    "Roshcha as one.\n\n"
                    "Its video of the assault showed a village street with burnt houses.")
    assert len(_of(events, "ground_assault")) >= 1
    assert all(p["admin1_code"] == "RU-KRS" for p in events)


def test_ground_taken_back_is_a_counteroffensive():
    events = _props("Russian troops took back the village of Zelenaya Roshcha in the Kursk region on Sunday, the "
                    "ministry said.")
    assert [(p["event_type"], p["sub_type"], p["admin1_code"]) for p in events] == \
        [("ground_assault", "counteroffensive", "RU-KRS")]
    assert events[0]["place_mention"] == "Zelenaya Roshcha"


def test_a_village_reclaimed_by_name_is_ground_taken():
    events = _props("On Sunday the ministry said its paratroopers reclaimed Malaya Loknya in the Kursk region.")
    assert [(p["event_type"], p["admin1_code"]) for p in events] == [("ground_assault", "RU-KRS")]


def test_territory_clawed_back_is_ground_taken():
    events = _props("The army has clawed back territory in the Kursk region this week, the general said on Sunday.")
    assert [(p["event_type"], p["admin1_code"]) for p in events] == [("ground_assault", "RU-KRS")]


def test_a_village_named_with_its_oblast_is_no_dot_on_another_oblast_s_namesake():
    events = _props("The ministry said on Sunday its troops won back Oleshnya in the Kursk region.")
    assert [(p["event_type"], p["admin1_code"], p["geo_precision"]) for p in events] == \
        [("ground_assault", "RU-KRS", "admin1")]
    assert events[0]["place_mention"] == "Oleshnya"


def test_the_namesake_s_own_oblast_named_keeps_its_dot():
    events = _props("Drones hit Vilshana in the Sumy region on Sunday, the governor said.")
    assert [(p["event_type"], p["place"], p["geo_precision"]) for p in events] == \
        [("strike", "Vilshana", "settlement")]


def test_a_village_on_the_frontier_with_the_namesake_s_oblast_is_no_dot_there():
    events = _props("Ukrainian units crossed into the Kursk region on Sunday, the ministry said.\n\n"
                    "Their attack focused on Oleshnya, a village right on the frontier with northeastern Ukraine's "
                    "Sumy region, it added.")
    assert events and all(p["geo_precision"] == "admin1" for p in events)
    assert all(p["admin1_code"] == "RU-KRS" for p in _of(events, "ground_assault"))


def test_an_unplaced_community_named_bare_then_with_its_word_is_one_strike():
    events = _props("Russian forces fired on nine communities of Sumy Oblast over the day, the regional "
                    "administration reported on Sunday: Berezivka, Hlukhiv, Esman, Svesa and others.\n\n"
                    "Berezivka hromada came under a guided bomb (3 explosions).")
    berezivka = [p for p in _of(events, "strike") if "Berezivka" in (p.get("place_mention") or "")]
    assert len(berezivka) == 1 and berezivka[0]["geo_precision"] == "admin1"


def test_a_headline_s_count_of_communities_is_the_tally_of_the_previous_day_s_strikes():
    # (a section label above the headline, as news feeds print it)
    events = _props("Latest updates\n\nRussian guns hit 3 communities in Sumy Oblast\n\n"
                    "2 min read\nRussian guns hit 3 communities in Sumy Oblast\n\n"
                    "Russian forces fired on border areas of Sumy Oblast 20 times on April 5, causing 60 explosions, "
                    "the regional administration said.\n\n"
                    "Russian troops fired on the communities of Khotin, Esman and Bilopillia with mortars and "
                    "artillery.")
    strikes = _of(events, "strike")
    assert sorted(p["geo_precision"] for p in strikes) == ["hromada"] * 3
    assert any(s["quote"].startswith("Russian guns hit 3 communities") for p in strikes for s in p["sources"])


def test_soldiers_fighting_for_a_side_who_were_captured_are_prisoners_not_a_fight():
    events = _props("Three Korean fighters serving with Moscow's army had been captured inside the Kursk region, "
                    "Kyiv said on Saturday.", "2025-01-11")
    assert [(p["event_type"], p["sub_type"]) for p in events] == [("other", "casualties")]


def test_one_of_a_force_named_by_its_nationality_captured_is_a_prisoner():
    events = _props("Both of the Koreans were captured by paratroopers inside the Kursk region on Thursday, officials "
                    "told reporters on Saturday.", "2025-01-11")
    assert [(p["event_type"], p["sub_type"]) for p in events] == [("other", "casualties")]


def test_a_side_s_military_personnel_captured_without_a_count_are_prisoners():
    events = _props("\"Our units took wounded Korean servicemen near the Kursk border villages,\" the president "
                    "wrote on Saturday.", "2025-01-11")
    assert [(p["event_type"], p["sub_type"]) for p in events] == [("other", "casualties")]


def test_a_side_s_positions_captured_are_still_ground_taken():
    events = _props("Ukrainian units captured Russian positions near Zelenaya Roshcha in the Kursk region on Friday, "
                    "the general staff said.", "2025-01-11")
    assert [p["event_type"] for p in events] == ["ground_assault"]


def test_a_day_s_count_of_attacks_on_hromadas_is_fire_on_them_not_ground_fighting():
    events = _props("Russian troops made 40 attacks on six hromadas of Sumy Oblast over the past day, the regional "
                    "administration said on Sunday.\n\n"
                    "The hromadas of Khotin, Esman and Bilopillia came under mortar fire.")
    assert _of(events, "ground_assault") == []
    assert sorted(p["place"] for p in _of(events, "strike")) == \
        ["Bilopilska hromada", "Esmanska hromada", "Khotinska hromada"]


def test_troops_that_crossed_the_border_with_no_direction_told_are_an_incursion():
    events = _props("The Kremlin leader said on Monday that his troops had crossed the border, and state television "
                    "said this meant the Sumy region.", "2025-03-10")
    assert [(p["event_type"], p["admin1_code"]) for p in events] == [("ground_assault", "UA-59")]


def test_people_who_crossed_the_border_are_no_incursion():
    assert _props("Hundreds of refugees crossed the border, the Sumy governor said on Monday.", "2025-03-10") == []


def test_a_ministry_s_loss_count_with_no_place_is_the_oblast_its_summary_is_about():
    events = _props("The ministry gave its daily report on the fighting in the Kursk region on Tuesday.\n\n"
                    "- Battlegroup units beat back two Ukrainian attacks near Zelenaya Roshcha in the Kursk region.\n\n"
                    "- Aircraft hit Ukrainian reserves in five villages of the Sumy region.\n\n"
                    "- In the past day Ukrainian units lost over 250 servicemen and nine armoured vehicles.", "2024-09-10")
    losses = [p for p in _of(events, "other") if p["sub_type"] == "casualties"]
    assert [p["admin1_code"] for p in losses] == ["RU-KRS"]


def test_deployment_sites_struck_are_a_strike_s_target_not_a_deployment():
    events = _props("Russian aircraft hit a temporary deployment point of Ukrainian units and deployment sites of "
                    "foreign fighters in the Sumy region on Tuesday, the ministry said.", "2024-09-10")
    assert [p["event_type"] for p in events] == ["strike"]
