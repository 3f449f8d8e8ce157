"""English events as reporting tells them (issue 16, session 9), each document in the project's own words.

- A town named only as the bearing of a village the sentence speaks of ("the village, which lies east of X")
  is a reference point: the event goes to the oblast with the bearing kept, never near X.
- A hromada named after the villages it holds ("A and B in the X hromada") is no place of its own: no dot on
  its centre; the villages the gazetteer lacks stay at the hromada's oblast with their names.
- A village told by its district ("the village of X in the Y district") is one event, at the district.
- Prisoners taken and a force's dead told by the side that killed them are a force's losses
  (other/casualties); soldiers killed by a drone are the drone strike's dead.
- A list of villages with an aside after each name, or after "including", gives one event per village; an
  oblast named as the border a bearing is measured from frames none of them.
- A day's losses and the total since a month are two tallies; "1,000 injured" is a thousand.
- A link to another article glued to a sentence as "Also read:" is no report of this one's events.
"""
from __future__ import annotations

from en_docs import en_helpers

_doc, _props = en_helpers("2025-05-28")


def _of(events: list[dict], event_type: str) -> list[dict]:
    return [p for p in events if p["event_type"] == event_type]


def test_a_town_that_only_bears_a_village_is_no_dot_and_the_bearing_is_kept():
    (p,) = _props("Ukrainian units pushed into the village, which lies east of Korenevo, on Monday, analysts said.",
                  "2024-08-13")
    assert (p["event_type"], p["admin1_code"], p["geo_precision"], p["gazetteer_id"]) == \
        ("ground_assault", "RU-KRS", "admin1", None)
    assert p["place_mention"] == "east of Korenevo"


def test_a_line_broken_south_of_a_town_stays_near_the_town():
    (p,) = _props("Russian troops broke through the Ukrainian line south of Sudzha on Monday.", "2025-03-11")
    assert (p["place"], p["geo_precision"]) == ("Sudzha", "near_settlement")


def test_a_hromada_that_holds_the_villages_named_is_no_place_of_its_own():
    events = _props("The regional administration said on Tuesday that Russian forces had taken control of the "
                    "villages of Lisne and Travneve in the Khotin hromada.")
    assert not [p for p in events if p["geo_precision"] == "hromada"]
    assert sorted((p["place_mention"], p["admin1_code"], p["geo_precision"]) for p in _of(events, "ground_assault")) \
        == [("Lisne, Travneve", "UA-59", "admin1")]


def test_hromadas_shelled_by_name_are_still_each_a_strike_there():
    events = _props("Russian forces shelled the Khotin and Yunakivka hromadas on Monday.")
    assert sorted(p["place"] for p in _of(events, "strike")) == ["Khotinska hromada", "Yunakivska hromada"]


def test_a_village_told_by_its_district_is_one_event_at_the_district():
    (p,) = _props("Today the village of Zorkino in the Glushkovo district was shelled from across the border, "
                  "the governor said.", "2024-03-11")
    assert (p["event_type"], p["geo_precision"], p["admin1_code"]) == ("strike", "admin2", "RU-KRS")


def test_prisoners_taken_after_a_fight_are_losses_of_their_own():
    events = _props("Ukrainian troops attacked near Sudzha on Sunday.\n\n"
                    "Zelensky said on Sunday that his forces had also captured two wounded North Korean soldiers there.",
                    "2025-01-12")
    assert len(_of(events, "ground_assault")) == 1
    (p,) = _of(events, "other")
    assert (p["sub_type"], p["admin1_code"], p["date_start"]) == ("casualties", "RU-KRS", "2025-01-12")


def test_soldiers_a_side_says_it_killed_are_that_force_s_losses():
    (p,) = _props("On Sunday Ukraine's commandos reported they killed three North Korean soldiers inside "
                  "Kursk region, taking their documents.", "2024-12-23")
    assert (p["event_type"], p["sub_type"], p["fatalities"], p["date_start"]) == ("other", "casualties", 3, "2024-12-22")


def test_soldiers_killed_by_a_drone_are_the_strike_s_dead():
    (p,) = _props("A Russian drone killed two Ukrainian soldiers near Sudzha on Sunday, the army said.", "2024-12-23")
    assert (p["event_type"], p["sub_type"], p["fatalities"], p["place"]) == ("strike", "drone_strike", 2, "Sudzha")


def test_villages_listed_with_asides_are_one_event_in_the_oblast_the_border_bears():
    events = _props("Russian bloggers said on Wednesday that Ukrainian troops had captured 11 settlements in the Kursk "
                    "region, including Lisne (2 kilometres north of the Sumy Oblast border), Travneve (three "
                    "kilometres north of the Sumy Oblast border) and Zorkino.", "2024-08-08")
    assert [p["place_mention"] for p in events] == ["Lisne, Travneve, Zorkino"]
    assert {(p["event_type"], p["admin1_code"], p["geo_precision"]) for p in events} == {("ground_assault", "RU-KRS", "admin1")}


def test_a_day_s_losses_and_the_total_since_a_month_are_two_events():
    events = _props("The defence ministry said on Monday that Ukraine had lost 150 soldiers in the Kursk region over "
                    "the past day. Overall, Ukraine has lost 21,000 soldiers in the region since August, the ministry "
                    "said.", "2024-10-07")
    assert [(p["event_type"], p["sub_type"]) for p in events] == [("other", "casualties")] * 2
    assert len({p["date_start"] for p in events}) == 2


def test_a_thousand_written_with_a_comma_is_counted_whole():
    (p,) = _props("A missile hit a school in Sumy on Monday. More than 1,200 people were injured, officials said.",
                  "2025-04-14")
    assert p["extra"]["wounded"] == 1200


def test_a_link_glued_after_also_read_is_no_event_of_this_report():
    events = _props("Drones hit a fuel depot in Shostka on Monday, the mayor said.Also read: Missiles hit Konotop hospital",
                    "2025-04-14")
    assert [p["place"] for p in events] == ["Shostka"]


def test_a_strike_told_again_by_its_district_is_one_strike_at_the_village():
    events = _props("A guided bomb hit the centre of Krasnopillia on Friday afternoon, the regional administration "
                    "said.\n\nProsecutors said the occupiers had dropped guided bombs on the Sumy district on Friday.",
                    "2025-03-21")
    (p,) = _of(events, "strike")
    assert (p["place"], p["geo_precision"], p["sub_type"]) == ("Krasnopillya", "settlement", "glide_bomb")
    assert len(p["sources"]) == 2


def test_a_district_struck_also_is_another_strike():
    events = _props("A guided bomb hit the centre of Krasnopillia on Friday afternoon, the regional administration "
                    "said.\n\nThe Sumy district was also shelled on Friday, prosecutors said.", "2025-03-21")
    assert sorted(p["geo_precision"] for p in _of(events, "strike")) == ["admin2", "settlement"]


def test_a_related_link_after_a_bar_is_no_event_of_this_report():
    events = _props("Drones hit a fuel depot in Shostka on Monday, the mayor said.\n\n"
                    "Also Read | Kursk region declares a state of emergency after floods", "2025-04-14")
    assert [p["place"] for p in events] == ["Shostka"]


def test_troops_called_better_trained_are_no_training():
    events = _props("Analysts said on Monday that Moscow had moved better trained units to the Kursk region.", "2024-08-20")
    assert [p["event_type"] for p in events] == ["deployment"]
    (p,) = _props("North Korean soldiers trained at ranges in the Kursk region in November, officials said.", "2024-12-20")
    assert (p["event_type"], p["sub_type"]) == ("other", "training")


def test_hromadas_told_one_by_one_in_prose_are_each_a_strike_with_its_own_toll():
    events = _props("Over the past day Russian shelling of the Sumy region wounded seven people: four in the Yunakivka "
                    "hromada, two in the Okhtyrka hromada and one in the Krasnopillia hromada.")
    tolls = {p["place"]: (p["geo_precision"], p["extra"].get("wounded")) for p in _of(events, "strike")}
    assert tolls == {"Yunakivska hromada": ("hromada", 4), "Okhtyrska hromada": ("hromada", 2),
                     "Krasnopilska hromada": ("hromada", 1)}
    events = _props("In the Bilopillia hromada a drone wounded a man of 60, and in the Esman hromada shelling killed "
                    "a woman, the administration said on Tuesday.")
    tolls = {p["place"]: (p["fatalities"], p["extra"].get("wounded")) for p in _of(events, "strike")}
    assert tolls == {"Bilopilska hromada": (None, 1), "Esmanska hromada": (1, None)}


def test_a_page_stamp_glued_to_the_headline_does_not_split_its_incident():
    events = _props("Russian sabotage group clashes with border guards in Sumy region Sunday, March 2, 2025 4:05:10 PM"
                    "\n\nOn Saturday, March 1, a Russian sabotage group clashed with border guards in the Sumy region, "
                    "the guards said.", "2025-03-02")
    (p,) = _of(events, "ground_assault")
    assert (p["admin1_code"], p["date_start"], len(p["sources"])) == ("UA-59", "2025-03-01", 2)


def test_an_assault_on_journalism_is_no_fighting():
    assert _props("The editors wrote that branding reporters as spies was an assault on the integrity of their work.") == []


def test_a_strike_told_by_its_region_beside_the_one_strike_placed_there_is_that_strike():
    events = _props("A Russian FPV drone struck a car in the Esman hromada on Tuesday, wounding a man of 50, prosecutors "
                    "said.\n\nThe man was taken to hospital.\n\nPolice have opened a criminal case.\n\n"
                    "The regional administration said Russian troops had attacked one of the border communities of the "
                    "Sumy region with a drone.", "2025-04-29")
    (p,) = events
    assert (p["event_type"], p["place"], p["geo_precision"], len(p["sources"])) == \
        ("strike", "Esmanska hromada", "hromada", 2)


def test_an_attack_made_with_a_drone_is_a_strike_however_far_the_weapon_is_told():
    (p,) = _props("The regional administration said Russian troops had attacked one of the border communities of the "
                  "Sumy region with a drone on Tuesday.", "2025-04-29")
    assert (p["event_type"], p["sub_type"], p["admin1_code"]) == ("strike", "drone_strike", "UA-59")


def test_drones_downed_over_the_region_stay_a_strike_of_their_own():
    events = _props("A Ukrainian drone hit a lorry near Rylsk on Friday, wounding its driver, the governor said.\n\n"
                    "Air defences shot down four drones over the Kursk region overnight, the ministry said.",
                    "2025-06-07")
    assert sorted(p["geo_precision"] for p in _of(events, "strike")) == ["admin1", "near_settlement"]


def test_an_evacuation_ordered_and_the_count_evacuated_so_far_are_two_events():
    events = _props("The regional administration ordered the evacuation of three villages of the Sumy region on Monday. "
                    "Some 18,000 people have been evacuated from the region so far, it said.", "2025-06-03")
    assert [(p["event_type"], p["admin1_code"]) for p in events] == [("other", "UA-59")] * 2


def test_drones_told_downed_in_the_passive_over_a_region_are_a_strike_there():
    (p,) = _props("Later one more Ukrainian missile was reported downed over the Kursk region, the ministry said.",
                  "2025-01-03")
    assert (p["event_type"], p["admin1_code"], p["geo_precision"]) == ("strike", "RU-KRS", "admin1")
    assert _props("Twenty drones were shot down over several Russian regions overnight, the ministry said.",
                  "2025-01-03") == []


def test_drones_downed_over_several_named_regions_are_the_mapped_oblast_s_strike():
    (p,) = _props("Five Ukrainian drones were shot down over the Belgorod, Kursk and Bryansk regions on Thursday, "
                  "the ministry said.", "2025-01-03")
    assert (p["event_type"], p["admin1_code"], p["date_start"]) == ("strike", "RU-KRS", "2025-01-02")


def test_each_assessment_bullet_on_a_village_is_an_event_at_the_oblast_with_the_village_named():
    events = _props("Analysts said on Monday, citing footage from August 10 and 11, that Ukrainian forces were "
                    "advancing in the Kursk region.\n\n"
                    "  • Lisne. Ukrainian forces advanced to the settlement and operated south of Korenevo.\n"
                    "  • Travneve.Ukrainian units advanced near the village, which lies east of Korenevo.\n",
                    "2024-08-12")
    placed = sorted(p["place_mention"] for p in _of(events, "ground_assault") if p["place_mention"] in ("Lisne", "Travneve"))
    assert placed == ["Lisne", "Travneve"]
    assert not [p for p in events if p["geo_precision"] != "admin1"]
