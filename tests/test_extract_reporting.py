"""English shapes of real reporting (issue 16), each in a short document in the project's own words.

None of these sentences comes from a report; they reproduce what reports do: lists of villages,
passive captures, community summaries, an oblast named by its capital, a reference point far away,
casualty counts, and villages the gazetteer lacks.
"""
from __future__ import annotations

from en_docs import en_helpers


_doc, _props = en_helpers("2025-05-27")


def test_a_passive_capture_of_listed_villages_gives_one_event_per_place_the_map_can_show():
    events = _props("The regional governor said on Monday that the villages of Basivka, Tykhe Ozero and Zorianyi Hai "
                    "were captured by Russian troops.")
    assault = [p for p in events if p["event_type"] == "ground_assault"]
    assert len(assault) == 2
    assert all(p["admin1_code"] == "UA-59" and p["actors"] == ["Russian forces"] for p in assault)
    assert {p["date_start"] for p in assault} == {"2025-05-26"}
    named = {p["place"] for p in assault if p["geo_precision"] == "settlement"}
    assert named == {"Basivka"}
    # the villages the gazetteer lacks are one event in the oblast, their names kept, never at another place
    kept = [p["place_mention"] for p in assault if p["geo_precision"] == "admin1"]
    assert kept == ["Tykhe Ozero, Zorianyi Hai"]
    assert len({p["id"] for p in assault}) == 2


def test_fighting_near_many_unknown_villages_is_one_event_in_the_oblast_naming_each():
    # a long list of villages fought over: one event in the oblast naming them all (session 12), none of them a dot
    events = _props("Clashes went on near the villages of Tykhe Ozero, Sosnove Pole, Lisove Ozero and Zorianyi Hai "
                    "in the Sumy region on Monday.")
    clashes = [p for p in events if p["event_type"] == "ground_assault"]
    assert [p["place_mention"] for p in clashes] == ["Tykhe Ozero, Sosnove Pole, Lisove Ozero, Zorianyi Hai"]
    assert {(p["admin1_code"], p["geo_precision"]) for p in clashes} == {("UA-59", "admin1")}


def test_a_list_of_fought_over_villages_runs_across_prepositions_and_namesakes_far_away():
    # "on the outskirts of A and B, as well as near C, D and E": one list; a listed name whose only
    # namesakes lie outside the mapped oblasts is a village here the gazetteer lacks, not "elsewhere"
    events = _props("Heavy clashes were under way on the outskirts of the villages of Tykhe Ozero and Zorianyi Hai, as well as "
                    "near the villages of Kostiantynivka and Kindrativka, the Sumy governor told reporters on Monday.")
    clashes = {p["place_mention"]: p for p in events if p["event_type"] == "ground_assault"}
    assert set(clashes) == {"Tykhe Ozero, Zorianyi Hai, Kostiantynivka", "Kindrativka"}
    assert clashes["Kindrativka"]["geo_precision"] == "settlement" and clashes["Kindrativka"]["admin1_code"] == "UA-59"
    oblast = clashes["Tykhe Ozero, Zorianyi Hai, Kostiantynivka"]
    assert oblast["geo_precision"] == "admin1" and oblast["admin1_code"] == "UA-59"


def test_a_community_summary_gives_each_listed_hromada_as_a_hromada_not_a_dot():
    # the unit word closes the list once: every name is a hromada (drawn as its area), never the village
    events = _props("Over the past day the Khotin, Bilopillia and Krasnopillia hromadas came under attack, "
                    "the regional administration said.", published="2025-02-25")
    strikes = [p for p in events if p["event_type"] == "strike"]
    assert {p["place"] for p in strikes} == {"Khotinska hromada", "Bilopilska hromada", "Krasnopilska hromada"}
    assert {p["geo_precision"] for p in strikes} == {"hromada"}


def test_a_capital_named_for_its_oblast_is_the_oblast():
    events = _props("The Sumy governor said Russian drones struck a farm in the border region on Sunday.")
    assert [(p["geo_precision"], p["admin1_code"]) for p in events if p["event_type"] == "strike"] == \
        [("admin1", "UA-59")]


def test_a_reference_town_far_away_is_not_where_it_happened():
    events = _props("Russian troops attacked a hamlet about 25 kilometres north of the city of Sumy on Monday.")
    assault = [p for p in events if p["event_type"] == "ground_assault"]
    assert assault and all(p["geo_precision"] == "admin1" and p["admin1_code"] == "UA-59" for p in assault)
    assert all(p["place_mention"] == "Sumy" for p in assault)


def test_killed_and_wounded_counts_become_fatalities_and_extra():
    (p,) = [p for p in _props("A Russian glide bomb struck Bilopillia on Tuesday, killing two residents; "
                               "four people were wounded, officials said.") if p["event_type"] == "strike"]
    assert p["fatalities"] == 2
    assert p["extra"]["wounded"] == 4
    (q,) = _props("Russian artillery shelled Khotin on Wednesday.")
    assert q["fatalities"] is None  # not reported is not zero


def test_a_document_never_gives_two_events_the_same_id():
    body = ("Russian forces took the villages of Tykhe Ozero, Sosnove Pole and Zorianyi Hai in the Sumy region on "
            "Monday, the governor said. Ukrainian officials said the villages of Lisove Ozero and Sosnove Pole were also captured on Monday.")
    ids = [p["id"] for p in _props(body)]
    assert ids and len(ids) == len(set(ids))


STORY = """Russian drone hits minibus near Bilopillia, two killed

BILOPILLIA, Ukraine – A Russian drone struck a minibus near Bilopillia in the Sumy region on Tuesday, killing two
passengers, the regional administration said.

The minibus was carrying residents toward the city of Sumy when the drone hit it, officials said.

Police said the strike near Bilopillia also wounded three people.

On Monday, Russian artillery shelled Khotin."""


def test_one_incident_told_several_times_is_one_event_with_its_quotes():
    events = _props(STORY, published="2025-03-12")  # a Wednesday
    strikes = sorted((p for p in events if p["event_type"] == "strike"), key=lambda p: p["place"])
    assert [p["place"] for p in strikes] == ["Bilopillia", "Khotin"]  # the destination is not a second strike
    story, khotin = strikes
    assert story["sub_type"] == "drone_strike" and story["geo_precision"] == "near_settlement"
    # the headline has no date of its own: the story's day is the lede's Tuesday, not the publication day
    assert (story["date_start"], story["date_end"]) == ("2025-03-11", "2025-03-11")
    assert len(story["sources"]) == 4  # headline, lede, the officials' and the police's sentences
    assert story["actors"] == ["Russian forces"]  # the dateline's "Ukraine" is not an actor
    assert story["fatalities"] == 2 and story["extra"]["wounded"] == 3
    assert khotin["date_start"] == "2025-03-10"


def test_a_claim_denied_in_the_next_sentence_is_disputed_with_both_sides_named():
    body = ("Russia's defence ministry said on Tuesday that its troops had captured Sudzha in the Kursk region. "
            "Ukraine's general staff denied the claim and called it false.")
    (p,) = [p for p in _props(body, published="2025-03-12") if p["event_type"] == "ground_assault"]
    assert p["claim_status"] == "disputed"
    assert [s["claimed_by"] for s in p["sources"]] == ["Russian defence ministry", "Ukrainian general staff"]


def test_the_enemy_is_the_other_side_from_the_speaker():
    (p,) = _props("The enemy shelled Khotin overnight, the Ukrainian General Staff said on Wednesday.",
                  published="2025-03-12")
    assert p["actors"] == ["Russian forces"]


def test_north_korean_troops_by_any_name():
    for name in ("Pyongyang's soldiers", "DPRK troops", "KPA units", "North Korean servicemen"):
        (p,) = _props(f"{name} were deployed to the Kursk region in November 2024.", published="2025-01-10")
        assert p["event_type"] == "deployment" and p["actors"] == ["North Korean forces"], name


def test_a_hromada_named_by_its_adjective_in_latin_letters_is_the_hromada():
    body = ("Overnight Russian drones struck a farm in the Nedryhaylivska community, the regional administration "
            "said. A glide bomb hit a school in the Bilopolska community of the Sumy region on Wednesday.")
    places = {p["place"]: p["geo_precision"] for p in _props(body, published="2025-05-29")}
    # the gazetteer's hromada when it holds that spelling; else the hromada's centre, at admin2
    assert places == {"Nedryhailivska hromada": "hromada", "Bilopillia": "admin2"}


def test_a_bare_regional_capital_in_ground_fighting_or_troop_news_is_the_oblast():
    # English says "in Kursk" for the region when it tells of troops and captures; a strike keeps the city
    events = _props("Moscow said on Saturday that its troops had retaken the last hamlet in Kursk held by Kyiv.\n\n"
                    "A drone struck a warehouse in Kursk city on Saturday.")
    assault = [p for p in events if p["event_type"] == "ground_assault"]
    assert [(p["geo_precision"], p["admin1_code"]) for p in assault] == [("admin1", "RU-KRS")]
    strikes = [p for p in events if p["event_type"] == "strike"]
    assert [(p["place"], p["geo_precision"]) for p in strikes] == [("Kursk", "settlement")]


def test_a_town_named_by_a_bearing_for_the_villages_before_it_is_no_dot():
    events = _props("Ukrainian units were attacking toward Lisove-Ozerne, northeast of Ukraine-held Sudzha, "
                    "on Sunday.", published="2025-01-05")
    assault = [p for p in events if p["event_type"] == "ground_assault"]
    assert assault and all(p["geo_precision"] == "admin1" and p["admin1_code"] == "RU-KRS" for p in assault)


def test_an_operation_that_hits_a_milestone_is_no_strike():
    events = _props("The incursion hit its two-week mark on Tuesday, with Kyiv saying it held the town of Sudzha.",
                    published="2024-08-20")
    assert not [p for p in events if p["event_type"] == "strike"]


def test_a_village_name_many_places_bear_gets_the_oblast_not_its_one_listed_namesake():
    # the gazetteer lists one Pishchane in Sumy oblast and more elsewhere; smaller unlisted ones exist too
    from geomap.geocoding import default_geocoder
    from geomap.extraction.places import COMMON_NAME

    assert len(default_geocoder().gaz.lookup("Pishchane")) >= COMMON_NAME
    events = _props("A Russian drone struck a barn in the village of Pishchane in the Sumy region on Monday.")
    strikes = [p for p in events if p["event_type"] == "strike"]
    assert [(p["geo_precision"], p["admin1_code"], p["place_mention"]) for p in strikes] == \
        [("admin1", "UA-59", "Pishchane")]


def test_a_recap_of_an_earlier_month_is_left_out_but_the_news_is_kept():
    body = ("Ukrainian drones struck a fuel depot near Rylsk on Thursday, the Kursk governor said.\n\n"
            "Kyiv's troops first pushed into the Kursk region in August of the year before.")
    events = _props(body, published="2025-03-14")
    assert [(p["event_type"], p["date_start"]) for p in events] == [("strike", "2025-03-13")]


def test_a_recap_is_reported_in_the_summary(tmp_path):
    from geomap.extraction import extract_paths

    path = tmp_path / "recap.md"
    path.write_text(_doc("Kyiv's troops first pushed into the Kursk region in August 2024.", "2025-03-14"),
                    encoding="utf-8")
    result = extract_paths([path])
    notes = [u for r in result.reports for u in r.unresolved]
    assert [u.mention for u in notes] == ["(background)"] and "recap" in notes[0].note


def test_breakthroughs_footholds_held_villages_and_counted_captures_are_ground_events():
    cases = {
        "Russian units broke through the Ukrainian line west of Basivka on Monday.": "offensive",
        "Russian troops held the border village of Basivka on Monday, the governor conceded.": "offensive",
        "Maps showed a Russian foothold around Basivka on Monday.": "offensive",
        "The ministry said its units had retaken ten settlements in the Sumy region on Monday.": "counteroffensive",
    }
    for text, sub in cases.items():
        got = [(p["event_type"], p["sub_type"]) for p in _props(text)]
        assert ("ground_assault", sub) in got, (text, got)
    # "held" of a meeting is no ground event
    assert not _props("Officials held a meeting in Sumy on Monday about shelters.")


def test_the_story_day_carries_to_its_undated_sentences_but_not_into_an_earlier_step_back():
    body = ("Overnight on May 15, Russian drones struck a school in the Bilopillia community.\n\n"
            "Russian shells also hit a farm in the Krasnopillia community, the governor said.\n\n"
            "Earlier, Russian troops attacked near Basivka, the border guard said.")
    events = _props(body, published="2025-05-15")
    days = {(p["event_type"], p["place"]): (p["date_start"], p["date_end"]) for p in events}
    # "overnight on May 15": the night that ends on that day, its evening and its small hours
    assert days[("strike", "Krasnopilska hromada")] == ("2025-05-14", "2025-05-15")
    assault = [p for p in events if p["event_type"] == "ground_assault"]
    assert assault and assault[0]["date_start"] < "2025-05-14"


def test_troop_numbers_massing_and_digging_in_are_deployments():
    cases = [
        "Western officials said on Monday that some 9,000 North Korean soldiers are in the Kursk region.",
        "Russia has amassed about 40,000 troops in the Kursk region, the president said on Monday.",
        "Ukrainian units were digging in near Basivka on Monday.",
    ]
    for text in cases:
        got = [p["event_type"] for p in _props(text)]
        assert "deployment" in got, (text, got)
    dug = [p for p in _props(cases[2]) if p["event_type"] == "deployment"]
    assert dug[0]["sub_type"] == "presence"


def test_fighting_near_a_town_known_only_outside_the_mapped_oblasts_is_not_put_in_them():
    body = ("Russian drones struck a depot in the Krasnopillia community on Monday.\n"
            " Elsewhere, Moscow kept up its advance near Pokrovsk, the general staff said.")
    events = _props(body)
    assert [p["event_type"] for p in events] == ["strike"]


def test_what_was_prevented_did_not_happen_but_what_prevented_it_did():
    events = _props("The general said on Monday that the defence of the Sumy region kept Russia from deploying "
                    "about 40,000 troops elsewhere.")
    assert not [p for p in events if p["event_type"] == "deployment"]
    events = _props("Artillery fire near Basivka on Monday prevented the enemy from advancing further.")
    assert [p["event_type"] for p in events] == ["strike"]


def test_a_force_losing_men_is_a_casualties_event_but_a_strike_keeps_its_dead():
    events = _props("American officials said on Friday that North Korean units in the Kursk region had suffered "
                    "several hundred casualties over the past week.", published="2025-01-10")
    losses = [p for p in events if p["sub_type"] == "casualties"]
    assert len(losses) == 1
    assert losses[0]["event_type"] == "other" and losses[0]["admin1_code"] == "RU-KRS"
    assert losses[0]["geo_precision"] == "admin1" and "North Korean forces" in losses[0]["actors"]
    assert (losses[0]["date_start"], losses[0]["date_end"]) == ("2025-01-03", "2025-01-10")
    assert "suffered losses" in losses[0]["summary"]
    # dead civilians are a strike's fatalities, never a force's losses; a vague cost is no event
    events = _props("A glide bomb hit a shop in Sumy on Monday; three people were killed and five were wounded.")
    assert [p["event_type"] for p in events] == ["strike"] and events[0]["fatalities"] == 3
    # (losses told by their size, "suffered heavy losses", are an event since session 8: test_extract_events_en18)
    vague = "Every step forward on the front has cost many soldiers, the Kursk governor said on Monday."
    assert not [p for p in _props(vague) if p["sub_type"] == "casualties"]  # losses not counted


def test_a_night_named_by_its_two_days_in_may_is_no_hedge_and_attacking_with_drones_is_a_strike():
    # "May" the month is no "may" of doubt; "attacked X with drones and missiles" is a strike on X, not a
    # ground assault, and "24-25 May" is the night between the two days
    events = _props("Russian forces attacked the Sumy region overnight on 24-25 May, aiming at the towns of "
                    "Konotop and Shostka with attack drones and missiles.", published="2025-05-25")
    assert {p["event_type"] for p in events} == {"strike"}
    assert {p["place"] for p in events} == {"Konotop", "Shostka"}
    assert {(p["date_start"], p["date_end"]) for p in events} == {("2025-05-24", "2025-05-25")}
    events = _props("The enemy attacked a grain store in Konotop with two drones on Sunday.", published="2025-05-25")
    assert [(p["event_type"], p["place"]) for p in events] == [("strike", "Konotop")]


def test_a_background_month_does_not_date_the_next_paragraph_of_the_story():
    events = _props("On the night of 24 May Russian drones hit a bakery in Konotop.\n\n"
                    "The bakery had already been hit once before, in April.\n\n"
                    "In Shostka, Russian forces fired rockets at a school building.", published="2025-05-25")
    shostka = [p for p in events if p["place"] == "Shostka"]
    # the story's night (the night of 24 May: its two days), not the background's April
    assert len(shostka) == 1 and (shostka[0]["date_start"], shostka[0]["date_end"]) == ("2025-05-23", "2025-05-24")
    april = [p for p in events if p["date_start"].startswith("2025-04")]
    assert len(april) == 1 and april[0]["admin1_code"] == "UA-59" and april[0]["place"] != "Shostka"


def test_a_relative_clause_hedge_leaves_the_arrival_and_a_set_phrase_is_no_training():
    events = _props("Some 3,000 soldiers from North Korea have arrived in Kursk oblast, where they are "
                    "expected to join a counter-attack, a minister said on Friday.", published="2024-10-28")
    assert [(p["event_type"], p["admin1_code"]) for p in events] == [("deployment", "RU-KRS")]
    events = _props("Sumy has been hit by Russian glide bombs over the course of the war, and on Monday a bomb "
                    "struck a school there.")
    assert "other" not in {p["event_type"] for p in events}


def test_captures_counted_with_at_least_and_offensives_only_being_prepared():
    events = _props("In recent weeks Moscow's forces have captured at least four villages close to the border of Sumy oblast, "
                    "the governor said.")
    assert [(p["event_type"], p["admin1_code"]) for p in events] == [("ground_assault", "UA-59")]
    events = _props("Moscow moved its best brigades into Kursk oblast on Tuesday to drive our troops out "
                    "and to prepare an offensive on Sumy oblast, the president said.")
    assert "ground_assault" not in {p["event_type"] for p in events}


def test_troops_massed_beside_the_other_sides_oblast_stand_on_their_own_side():
    events = _props("Russia has gathered about 40,000 troops near Ukraine's northern Sumy region, the Ukrainian "
                    "president said on Tuesday.")
    deploy = [p for p in events if p["event_type"] == "deployment"]
    assert [(p["admin1_code"], p["geo_precision"]) for p in deploy] == [("RU-KRS", "admin1")]
    # troops in the oblast itself stay there
    events = _props("Russia has gathered about 40,000 troops in Ukraine's Sumy region, Kyiv said on Tuesday.")
    assert [p["admin1_code"] for p in events if p["event_type"] == "deployment"] == ["UA-59"]


def test_an_assessed_capture_is_reported_and_explosions_rocking_a_town_are_a_strike():
    events = _props("On 12 March Moscow's soldiers likely took control of Sudzha, according to analysts.", published="2025-03-13")
    assert [(p["event_type"], p["place"]) for p in events] == [("ground_assault", "Sudzha")]
    events = _props("A series of explosions rocked Konotop on the morning of 28 September.", published="2025-09-29")
    assert [(p["event_type"], p["place"], p["date_start"]) for p in events] == [("strike", "Konotop", "2025-09-28")]


def test_drones_attacking_by_passive_or_flying_into_buildings_are_strikes():
    events = _props("The Khomutovka district has also been attacked by drones, the Kursk governor said on Saturday.",
                    published="2025-05-31")
    assert [(p["event_type"], p["admin1_code"]) for p in events] == [("strike", "RU-KRS")]
    events = _props("In Lgov, two drones flew into a block of flats on Saturday.", published="2025-05-31")
    assert [(p["event_type"], p["sub_type"], p["place"]) for p in events] == [("strike", "drone_strike", "L’gov")]
    # a drone flying into a region's airspace is no strike
    assert "strike" not in {p["event_type"] for p in _props("A reconnaissance drone flew into the Kursk region "
                                                             "on Saturday.", published="2025-05-31")}


def test_an_operation_that_began_on_a_named_day_runs_to_the_report():
    events = _props("In an operation that began Tuesday, Ukrainian units broke across the frontier and captured "
                    "Sudzha, a town in Kursk oblast.", published="2024-08-08")
    assault = [p for p in events if p["event_type"] == "ground_assault"]
    assert [(p["place"], p["date_start"], p["date_end"]) for p in assault] == [("Sudzha", "2024-08-06", "2024-08-08")]
    # a day that is just the day stays one day
    events = _props("On Tuesday, Ukrainian units captured Sudzha, a town in Kursk oblast.", published="2024-08-08")
    assert [(p["date_start"], p["date_end"]) for p in events if p["event_type"] == "ground_assault"] == \
        [("2024-08-06", "2024-08-06")]


def test_attacks_repelled_near_several_villages_are_one_event_per_place_the_map_can_show():
    events = _props("Ukrainian defenders repelled Russian assaults near the villages of Kindrativka, Tykhe Ozero and Zorianyi Hai "
                    "in the Sumy region on Monday, the general staff said.")
    assault = [p for p in events if p["event_type"] == "ground_assault"]
    assert sorted(p["place_mention"] for p in assault) == ["Kindrativka", "Tykhe Ozero, Zorianyi Hai"]
    assert {p["extra"]["outcome"] for p in assault} == {"stopped"}
    # the villages the gazetteer lacks are never put at the one it knows
    dots = [p for p in assault if p["geo_precision"] in ("settlement", "near_settlement")]
    assert [p["place"] for p in dots] == ["Kindrativka"]
    assert len({p["id"] for p in assault}) == 2


def test_repelled_attacks_stay_ground_fighting_beside_a_strike_and_no_fighting_is_none():
    events = _props("The ministry said on Tuesday its forces had repelled attacks near Korenevo and had struck "
                    "Ukrainian artillery in the Kursk region.", published="2024-08-14")
    assert {p["event_type"] for p in events} == {"ground_assault", "strike"}
    events = _props("There has been no ground fighting near Hlukhiv, according to the general staff, which said "
                    "Russian troops had not crossed the border on Monday.", published="2025-10-20")
    assert "ground_assault" not in {p["event_type"] for p in events}


def test_a_daily_summary_listing_hromadas_once_gives_one_hromada_event_each_for_the_past_day():
    # the regional administration's English summaries name the unit once, after the list, and count
    # the day as "the past 24 hours" (the day before the report and the report's day, as "за минулу добу")
    events = _props("Over the past 24 hours officials counted ninety blasts along the border of Sumy Oblast. "
                    "Enemy attacks affected the Khotin, Myropillia, Velyka Pysarivka and Seredyna-Buda hromadas.",
                    published="2025-03-02")
    strikes = [p for p in events if p["event_type"] == "strike" and p["geo_precision"] == "hromada"]
    assert sorted(p["place_mention"] for p in strikes) == ["Khotin", "Myropillia", "Seredyna-Buda", "Velyka Pysarivka"]
    assert all(p["place"].endswith("hromada") and p["admin1_code"] == "UA-59" for p in strikes)
    assert {(p["date_start"], p["date_end"]) for p in strikes} == {("2025-03-01", "2025-03-02")}
    # a village of the same name is not the dot: the hromada's own entry is
    assert all(p["gazetteer_id"] for p in strikes) and len({p["gazetteer_id"] for p in strikes}) == 4


def test_the_last_day_of_a_month_is_not_the_past_day():
    events = _props("Russian troops shelled Khotin during the last day of February.", published="2025-03-10")
    assert [(p["date_start"], p["date_end"]) for p in events if p["event_type"] == "strike"] == \
        [("2025-02-01", "2025-02-28")]


def test_the_kursk_nuclear_plant_is_beside_kurchatov_never_the_city_of_kursk():
    # the plant bears the regional capital's name but stands by another town: the gazetteer's Kurchatov
    for body in ("A drone hit a transformer at the Kursk nuclear power plant overnight, the plant's operator said.",
                 "The operator said a drone had detonated at the Kursk NPP on Sunday, starting a small fire."):
        (p,) = [p for p in _props(body, published="2025-06-10") if p["event_type"] == "strike"]
        assert (p["place"], p["geo_precision"], p["admin1_code"]) == ("Kurchatov", "near_settlement", "RU-KRS"), body
        assert p["place_mention"].startswith("Kursk N") or p["place_mention"] == "Kursk nuclear power plant"


def test_an_evacuation_ordered_for_a_district_is_an_event_there_and_a_rescue_from_a_house_is_not():
    (p,) = [p for p in _props("On Monday the regional governor ordered the evacuation of families with children "
                              "from the Glushkovo district.", published="2025-06-10") if p["event_type"] == "other"]
    assert (p["sub_type"], p["admin1_code"], p["date_start"]) == ("other", "RU-KRS", "2025-06-09")
    assert p["place_mention"] == "Glushkovo district"
    events = _props("A drone hit a block of flats in Sumy overnight; firefighters evacuated nine residents.",
                    published="2025-06-10")
    assert [p["event_type"] for p in events] == ["strike"]


def test_a_report_of_the_night_before_takes_both_days_and_a_weekend_its_saturday_and_sunday():
    body = ("Russian drones hit two houses in Okhtyrka during the night, the town council said on Tuesday morning.\n\n"
            "Over the weekend Russian artillery shelled the village of Khotin several times.")
    events = {p["place"]: p for p in _props(body, published="2025-06-10")}
    assert (events["Okhtyrka"]["date_start"], events["Okhtyrka"]["date_end"]) == ("2025-06-09", "2025-06-10")
    assert (events["Khotin"]["date_start"], events["Khotin"]["date_end"]) == ("2025-06-07", "2025-06-08")


def test_fighting_between_two_days_spans_them():
    (p,) = _props("Between 2 and 5 June Russian troops attacked Ukrainian positions near Yunakivka, "
                  "the General Staff said.", published="2025-06-10")
    assert (p["event_type"], p["date_start"], p["date_end"]) == ("ground_assault", "2025-06-02", "2025-06-05")


def test_a_village_hit_a_day_after_the_story_is_the_day_before_and_a_residential_area_is_the_city():
    # "came a day after X": X is an event of its own, told as the day before; "an area of Sumy" is the city
    body = ("A Russian missile hit a residential area of Sumy on Monday evening, the governor said.\n\n"
            "The strike came a day after Russian drones hit the town of Bilopillia, damaging a clinic.")
    events = {p["place"]: p for p in _props(body, published="2025-06-10") if p["event_type"] == "strike"}
    assert set(events) == {"Sumy", "Bilopillia"}
    assert events["Sumy"]["geo_precision"] == "settlement" and events["Sumy"]["date_start"] == "2025-06-09"
    assert (events["Bilopillia"]["date_start"], events["Bilopillia"]["date_end"]) == ("2025-06-08", "2025-06-08")


def test_a_village_struck_the_day_after_the_story_is_the_day_after():
    events = {p["place"]: p for p in _props("Russian drones hit Konotop on Monday. Artillery shelled Shostka a day "
                                            "after the strike on Konotop.", published="2025-06-10")}
    assert events["Shostka"]["date_start"] == "2025-06-10" and events["Konotop"]["date_start"] == "2025-06-09"


def test_a_community_named_by_its_village_is_the_hromada():
    (p,) = _props("Russian artillery shelled the Krasnopillia community on Sunday, the regional administration said.",
                  published="2025-06-10")
    assert (p["place"], p["geo_precision"]) == ("Krasnopilska hromada", "hromada")


def test_a_possible_attack_is_no_attack():
    events = _props("Russia has gathered some 50,000 troops in the Kursk region for a possible attack on Sumy, "
                    "the Ukrainian president said on Sunday.", published="2025-06-10")
    assert [(p["event_type"], p["admin1_code"]) for p in events] == [("deployment", "RU-KRS")]


def test_a_daily_count_of_attacks_is_shelling_and_its_share_in_a_raion_no_second_event():
    body = ("Russian forces attacked the Sumy region 57 times over the past day, the regional military "
            "administration said.\n\n"
            "Most of the shelling fell on the Shostka raion.\n\n"
            "The Khotin, Myropillia and Krasnopillia communities came under fire.")
    events = _props(body, published="2025-06-10")
    assert "ground_assault" not in {p["event_type"] for p in events}
    strikes = [p for p in events if p["event_type"] == "strike"]
    # one event per listed community, each as its hromada; the oblast's count of attacks is their tally (session 8),
    # kept with its share as the evidence of the strike told nearest it, not an event of its own
    assert sorted((p["geo_precision"], p["place"] or p["admin1"]) for p in strikes) == [
        ("hromada", "Khotinska hromada"), ("hromada", "Krasnopilska hromada"), ("hromada", "Myropilska hromada")]
    quotes = [s.get("quote", "") for p in strikes for s in p["sources"]]
    assert any("57 times" in q for q in quotes) and any("Shostka" in q for q in quotes)


def test_a_common_village_name_listed_beside_a_village_of_one_oblast_lies_in_that_oblast():
    # many villages bear the second name (no dot for it), but the list places it beside the first one
    (known, vague) = sorted(_props("Ukrainian units repelled eight Russian assaults near Yunakivka and Andriivka on "
                                   "Monday, the General Staff reported.", published="2025-06-10"),
                            key=lambda p: p["geo_precision"], reverse=True)
    assert (known["place"], known["admin1_code"]) == ("Yunakivka", "UA-59")
    assert (vague["place_mention"], vague["geo_precision"], vague["admin1_code"]) == ("Andriivka", "admin1", "UA-59")


def test_the_night_of_one_day_to_the_next_spans_both_and_a_vague_recently_yields_to_a_day():
    (p,) = _props("Ukrainian drones struck a fuel depot in the Kursk region on the night of June 8 to 9, the "
                  "regional governor said.", published="2025-06-10")
    assert (p["date_start"], p["date_end"]) == ("2025-06-08", "2025-06-09")
    (p,) = _props("Footage published on June 8 shows that Russian troops recently advanced west of Yunakivka.",
                  published="2025-06-10")
    assert (p["event_type"], p["date_start"], p["date_end"]) == ("ground_assault", "2025-06-08", "2025-06-08")


def test_a_deployment_told_before_a_forward_hedge_happened_and_a_hedged_noun_did_not():
    # "deployed ... are expected to join": the deployment is done; only the joining is a prospect
    (p,) = _props("North Korean soldiers deployed to the Kursk region are expected to join the fighting soon, "
                  "Ukrainian intelligence said on Monday.", published="2025-06-10")
    assert (p["event_type"], p["admin1_code"], p["actors"]) == ("deployment", "RU-KRS", ["North Korean forces"])
    # an attack named as a noun before "could" is what the hedge is about; a hedge before a verb hedges it
    assert not _props("Russian drone attacks on Sumy could grow in the summer, analysts said.", published="2025-06-10")
    assert not _props("Russian troops may have captured Basivka on Monday.", published="2025-06-10")


def test_a_headline_without_a_place_and_its_lede_are_one_event_at_the_ledes_village():
    body = ("Drone strike kills two in Sumy region village\n\n"
            "A Russian drone struck a car in the village of Myropillia on Sunday, killing two men, the Sumy regional "
            "military administration said.")
    (p,) = _props(body, published="2025-06-10")
    assert (p["place"], p["geo_precision"], p["date_start"], p["fatalities"]) == ("Myropillia", "settlement",
                                                                                  "2025-06-08", 2)
    assert len(p["sources"]) == 2


def test_a_denial_a_paragraph_after_the_claim_disputes_it_and_names_both_sides():
    body = ("Russia's Defence Ministry said on Thursday its forces had recaptured Sudzha, a town in the Kursk "
            "region.\n\n"
            "Ukraine's General Staff denied the claim on Friday.")
    (p,) = [p for p in _props(body, published="2025-06-10") if p["event_type"] == "ground_assault"]
    assert p["claim_status"] == "disputed"
    assert [s["claimed_by"] for s in p["sources"]] == ["Russian Defence Ministry", "Ukrainian General Staff"]


def test_a_background_aside_about_another_month_lends_its_date_to_no_later_sentence():
    body = ("Russian drones hit Konotop on Monday, the mayor said. The city was also struck in March, when a missile "
            "killed five people. The drones damaged a power line and a school in the village of Shapovalivka.")
    events = _props(body, published="2025-06-10")
    assert {(p["place_mention"], p["date_start"]) for p in events} == {("Konotop", "2025-06-09"),
                                                                      ("Shapovalivka", "2025-06-09")}


def test_a_withdrawal_happens_where_troops_leave_and_a_forces_losses_in_a_capitals_name_are_the_oblasts():
    events = _props("Ukraine's army said on Monday it had pulled its troops out of Sudzha to avoid being cut off.",
                    published="2025-06-10")
    assert [(p["event_type"], p["sub_type"], p["place"]) for p in events] == [("deployment", "withdrawal", "Sudzha")]
    (p,) = _props("Ukrainian units withdrew from the village of Sverdlikovo in the Kursk region on Monday, "
                  "military analysts said.", published="2025-06-10")
    assert (p["sub_type"], p["place_mention"], p["admin1_code"]) == ("withdrawal", "Sverdlikovo", "RU-KRS")
    (p,) = [p for p in _props("North Korean units lost about 900 soldiers in Kursk in the past three months, "
                              "Seoul's spy agency said.", published="2025-06-10") if p["event_type"] == "other"]
    assert (p["sub_type"], p["geo_precision"], p["admin1_code"]) == ("casualties", "admin1", "RU-KRS")


def test_the_oblast_an_attack_came_from_is_not_where_it_happened():
    body = ("Russian border guards fought Ukrainian units near Tetkino in the Kursk region on Monday.\n\n"
            "The ministry said the army was attacking Ukrainian troops trying to advance from Ukraine’s Sumy region.")
    events = _props(body, published="2025-06-10")
    assert {p["admin1_code"] for p in events if p["event_type"] == "ground_assault"} == {"RU-KRS"}


def test_the_oblast_across_the_border_frames_no_village_of_the_sentence():
    body = ("Ukrainian troops pushed Russian units back near Yunakivka on Monday.\n\n"
            "They also retook the village of Andriivka on Sunday, some 4 km from the border with Russia's Kursk Oblast.")
    events = [p for p in _props(body, published="2025-06-10") if p["place_mention"] == "Andriivka"]
    assert events and {p["admin1_code"] for p in events} == {"UA-59"}


def test_bombing_is_an_air_strike_and_a_bomb_shelter_is_not():
    (p,) = _props("Russian aircraft bombed the village of Tetkino on Monday, the governor said.", published="2025-06-10")
    assert (p["event_type"], p["sub_type"], p["place"]) == ("strike", "air_strike", "Tëtkino")
    assert not _props("Bomb shelters in Sumy were full on Monday.", published="2025-06-10")


def test_the_strike_told_again_later_is_the_same_strike_and_the_oblast_across_the_border_is_no_context():
    body = ("Ukrainian rockets hit the town of Rylsk on Friday, damaging a school, the Kursk governor said.\n\n"
            "Rylsk lies about 25 km from the border with the Sumy region of Ukraine.\n\n"
            "A Telegram channel close to Russian law enforcement said four people were killed in the rocket attack.\n\n"
            "The governor, appointed earlier this month, accused Kyiv of targeting civilians in the strike.")
    events = _props(body, published="2025-06-14")
    assert [(p["event_type"], p["place"], p["admin1_code"]) for p in events] == [("strike", "Ryl’sk", "RU-KRS")]
    assert len(events[0]["sources"]) == 3 and events[0]["actors"] == ["Ukrainian forces"]
