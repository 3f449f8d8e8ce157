"""English events as reporting tells them (issue 16, session 10), each document in the project's own words.

- Hromadas an administration's summary names as aimed at ("the communities of A, B and C were targeted",
  "drones targeting the villages of A and B") are each struck, with no oblast total beside them.
- A photo caption at the top of a page (opening as one, or carrying a credit: "Photo: X", "via AP", "FILE -"),
  marked as an illustration or a file photo or dated days before the report, tells no event (its town got a
  dot; an earlier day's caption took the lede's place); a caption of the report's own day still does.
- A town named after the villages it lies near ("A and B, located close to X", "A (near X)") is their
  reference point: the event goes to the oblast with the villages' names, never a dot at X.
- A state of emergency is an event where the report leads with it ("declared the situation in the region a
  federal-level emergency"); recalled below the lede it is background (it gave extras and no match), and so is a
  counter-terrorist operation regime. The dead and wounded carried off a battlefield are no evacuation.
- A Defence Ministry summary: the fire that backs a repelled attack ("backed by army aviation and artillery
  fire") is no strike; weapons counted among a force's losses ("17 multiple rocket launchers") are no strike;
  soldiers "were captured" are prisoners, not ground taken; "military personnel" lost are losses.
- Deployments as announced: deminers, sappers and military builders sent to a region; "N DPRK soldiers are
  currently in Russia's Kursk region".
- A fight at a village the gazetteer lacks and a later paragraph's fight told of the oblast alone are two
  incidents (they merged); a lede's "another settlement" and the next paragraph's "the settlement of A" stay one.
- A habit told with no day of its own ("border settlements come under shelling every day", "several attacks
  per day") is no strike (it took the oblast the sentence before named: Belgorod); a day's repeated shelling is.
- Forces that "attacked four border communities", or an attack "injuring two", fired on places: a strike, not
  ground fighting (an attack that killed soldiers stays a fight).
"""
from __future__ import annotations

from en_docs import en_helpers

_doc, _props = en_helpers("2025-02-12")


def _of(events: list[dict], event_type: str) -> list[dict]:
    return [p for p in events if p["event_type"] == event_type]


def test_communities_told_as_targeted_are_each_a_strike():
    events = _props("Russian troops opened fire on Sumy Oblast 40 times over the day, the regional military "
                    "administration said on Wednesday.\n\n"
                    "The communities of Khotin, Myropillia, Krasnopillia and Shalyhyne were targeted by mortars.")
    assert sorted(p["place"] for p in _of(events, "strike")) == \
        ["Khotinska hromada", "Krasnopilska hromada", "Myropilska hromada", "Shalyhynska hromada"]
    assert all(p["geo_precision"] == "hromada" for p in events)


def test_a_strike_targeting_the_hromadas_of_a_list_is_a_strike_in_each():
    events = _props("On Wednesday Russian bombs were targeting the hromadas of Bilopillia and Esman, officials said.")
    assert sorted(p["place"] for p in _of(events, "strike")) == ["Bilopilska hromada", "Esmanska hromada"]


def test_targeted_sanctions_are_no_strike():
    assert _props("Kyiv asked for targeted sanctions on the Kursk region's officials on Wednesday.") == []


def test_a_caption_on_an_earlier_strike_at_the_top_of_the_page_is_no_event():
    events = _props("Two hurt as Russian shells hit Khotin community\n"
                    "The aftermath of a Russian bombing of Sumy city on Feb. 3, 2025. (Regional police/Telegram)\n\n"
                    "Russian artillery hit the Khotin community on Wednesday, injuring two people, the regional "
                    "administration said.")
    assert [(p["event_type"], p["place"]) for p in events] == [("strike", "Khotinska hromada")]


def test_a_caption_marked_as_an_illustration_is_no_event():
    events = _props("Drones attack Kursk Oblast overnight\n"
                    "Photo for illustrative purposes: a house in Sudzha that Ukrainian shelling damaged on "
                    "Jan. 9, 2025.\n\n"
                    "Ukrainian drones struck the town of Rylsk overnight on Wednesday, the governor said.")
    assert [(p["event_type"], p["place"]) for p in events] == [("strike", "Ryl’sk")]


def test_a_caption_on_the_day_of_the_report_still_tells_its_strike():
    events = _props("Russian bomb hits Bilopillia\n"
                    "The aftermath of a Russian bombing of Bilopillia in Sumy Oblast on Feb. 12. (Regional police/Telegram)\n\n"
                    "Officials said two people were hurt.")
    assert [(p["event_type"], p["place"]) for p in events] == [("strike", "Bilopillia")]


def test_a_town_after_villages_it_lies_near_is_their_reference_point_not_a_dot():
    events = _props("War bloggers said Ukrainian troops stormed Ulanok and Cherkasskoye Porechnoye, located close to "
                    "the Ukrainian-held town of Sudzha, at dawn on Thursday.", "2025-02-06")
    assert [(p["event_type"], p["admin1_code"], p["geo_precision"]) for p in events] == \
        [("ground_assault", "RU-KRS", "admin1")]
    assert not [p for p in events if p["place"] == "Sudzha"]


def test_a_town_near_which_something_happened_on_a_day_is_still_near_the_town():
    (p,) = _props("Russian forces shelled the border on Thursday, near Sudzha.", "2025-02-06")
    assert (p["place"], p["geo_precision"]) == ("Sudzha", "near_settlement")


def test_a_federal_emergency_declared_in_the_lede_is_an_event():
    events = _props("MOSCOW (Agency) — On Friday the emergencies ministry declared the situation across the Kursk "
                    "border area a regional-level emergency after days of fighting.", "2024-08-09")
    assert [(p["event_type"], p["admin1_code"]) for p in events if p["event_type"] == "other"] == [("other", "RU-KRS")]


def test_a_state_of_emergency_recalled_below_the_lede_is_background():
    events = _props("A Ukrainian drone struck a store near the Kursk nuclear plant overnight, its operator said on "
                    "Friday.\n\nThe operator said nobody was hurt.\n\nInspectors are expected next week.\n\n"
                    "The border fighting has lasted a fortnight.\n\n"
                    "A state of emergency has been in force in the Kursk region since the second week of August.",
                    "2024-08-23")
    assert not [p for p in events if p["event_type"] == "other"]
    assert [p["event_type"] for p in events].count("strike") == 1


def test_fire_that_backs_a_repelled_attack_is_no_strike_of_its_own():
    events = _props("- Battlegroup units, supported by army aviation and artillery fire, beat off two enemy attacks "
                    "toward Korenevo on Tuesday, the defence ministry said.", "2024-09-10")
    assert [p["event_type"] for p in events] == ["ground_assault"]


def test_weapons_counted_among_a_force_s_losses_are_no_strike():
    events = _props("- Since the fighting began the enemy has lost 9,000 servicemen, 60 tanks, 17 multiple rocket "
                    "launchers, four HIMARS and two anti-aircraft missile launchers in the Kursk region, the ministry "
                    "said on Tuesday.", "2024-09-10")
    assert [(p["event_type"], p["sub_type"]) for p in events] == [("other", "casualties")]


def test_a_missile_attack_that_killed_people_is_still_a_strike():
    events = _props("Investigators said on Friday that several people were killed and wounded when Ukrainian "
                    "missiles hit Rylsk.", "2024-12-20")
    assert [(p["event_type"], p["place"]) for p in events] == [("strike", "Ryl’sk")]


def test_soldiers_told_as_captured_are_prisoners_not_ground_taken():
    events = _props("Three enemy servicemen were captured in the Kursk region on Tuesday, the ministry said.",
                    "2024-09-10")
    assert [(p["event_type"], p["sub_type"]) for p in events] == [("other", "casualties")]


def test_military_personnel_lost_are_a_force_s_losses():
    events = _props("On Tuesday Ukraine's army lost over 300 military personnel in the Kursk region, the "
                    "ministry said.", "2024-09-10")
    assert [(p["event_type"], p["admin1_code"]) for p in events] == [("other", "RU-KRS")]


def test_deminers_and_military_builders_sent_to_a_region_are_a_deployment():
    events = _props("Pyongyang will send 2,000 sappers and several thousand military builders to the Kursk region, "
                    "state media reported on Tuesday.", "2025-06-17")
    assert [(p["event_type"], p["admin1_code"]) for p in events] == [("deployment", "RU-KRS")]


def test_a_count_of_foreign_soldiers_now_in_a_region_is_a_deployment():
    events = _props("Washington said on Thursday that about 7,000 DPRK soldiers are currently in Russia's Kursk "
                    "region.", "2024-10-31")
    assert [(p["event_type"], p["admin1_code"]) for p in events] == [("deployment", "RU-KRS")]


def test_a_file_photo_credit_line_at_the_top_is_no_event():
    events = _props("Photo: A. Person via AP FILE - Officers at a meeting in the Russian capital on Oct. 10, 2024.\n\n"
                    "Pyongyang will send 1,500 deminers to the Kursk region, Russian media said on Tuesday.",
                    "2025-06-17")
    assert [(p["event_type"], p["admin1_code"]) for p in events] == [("deployment", "RU-KRS")]


def test_an_oblast_fight_told_after_one_at_an_unmapped_village_is_another_incident():
    events = _props("Monitors said on Tuesday that fighting goes on near Zelenaya Roshcha in the Kursk region.\n\n"
                    "War bloggers separately claimed that Ukrainian units hold a foothold in the border area of the "
                    "Kursk region.", "2024-08-09")
    ground = _of(events, "ground_assault")
    assert len(ground) == 2 and all(p["admin1_code"] == "RU-KRS" for p in ground)


def test_a_lede_s_unnamed_village_and_the_village_named_next_stay_one_event():
    events = _props("Moscow said on Friday that its army had retaken one more village in the Kursk region.\n\n"
                    "\"Units liberated the settlement of Zelenaya Roshcha,\" the ministry said.", "2025-03-14")
    assert len(_of(events, "ground_assault")) == 1


def test_a_habit_of_attacks_with_no_day_is_no_strike():
    events = _props("Russian drones hit the village of Khotin on Wednesday, wounding a man, the regional "
                    "administration said.\n\n"
                    "Sumy Oblast borders Russia's Bryansk and Belgorod regions.\n\n"
                    "Its border settlements come under shelling every day, and residents face several attacks per day.")
    assert [(p["event_type"], p["admin1_code"]) for p in events] == [("strike", "UA-59")]


def test_a_day_s_repeated_shelling_is_still_a_strike():
    events = _props("On Wednesday Russian artillery repeatedly shelled the Khotin community, officials said.")
    assert [p["event_type"] for p in events] == ["strike"]


def test_forces_attacking_communities_is_fire_on_them_not_ground_fighting():
    events = _props("Russian forces attacked four border communities of Sumy Oblast on Wednesday, the regional "
                    "administration said.")
    assert [(p["event_type"], p["admin1_code"]) for p in events] == [("strike", "UA-59")]


def test_an_attack_that_hurt_a_count_of_people_is_a_strike():
    events = _props("Russian troops mounted a night attack on Sumy Oblast, injuring two, officials said on "
                    "Wednesday.")
    assert [p["event_type"] for p in events] == ["strike"]


def test_an_attack_that_killed_soldiers_stays_ground_fighting():
    events = _props("Ukrainian troops attacked Russian positions near Sudzha on Wednesday, killing 12 Russian "
                    "soldiers, the general staff said.")
    assert "ground_assault" in [p["event_type"] for p in events] and "strike" not in [p["event_type"] for p in events]


def test_a_counter_terrorist_regime_recalled_below_the_lede_is_background():
    events = _props("Russia said on Friday its troops had beaten off attacks near Olgovka in the Kursk region.\n\n"
                    "The ministry gave no losses.\n\nKyiv did not comment.\n\nThe fighting began in August.\n\n"
                    "A counter-terrorist operation regime was introduced in the Kursk and Bryansk regions that month.",
                    "2024-10-11")
    assert not [p for p in events if p["event_type"] == "other"]


def test_carrying_off_the_dead_and_wounded_is_no_evacuation():
    events = _props("Under cover of mortar fire, the unit finished the evacuation of bodies from the field near "
                    "Hlukhiv on Saturday, border guards said.", "2024-02-04")
    assert not [p for p in events if p["event_type"] == "other"]
