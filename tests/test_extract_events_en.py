"""English ground fighting, deployments and evacuations as reporting words them (issue 16, session 6).

Each document is written in the project's own words; none is a sentence of a report. They reproduce
how outlets tell ground fighting at the oblast or district level (fighting that goes on, encirclement,
a force driven out or pushed back, villages freed in a list after a colon, attacks
beaten back), forces concentrated on a front or fortifying, and evacuation orders.
"""
from __future__ import annotations

import pytest

from geomap.extraction import extract


def _doc(body: str, published: str = "2025-03-10") -> str:
    return f"---\nurl: https://example.org/en\noutlet: Example\npublished: {published}\nlanguage: en\n---\n{body}\n"


def _props(body: str, published: str = "2025-03-10") -> list[dict]:
    return [f["properties"] for f in extract(_doc(body, published))]


def _of(events: list[dict], event_type: str) -> list[dict]:
    return [p for p in events if p["event_type"] == event_type]


@pytest.mark.parametrize("body", [
    "Fighting goes on in the Kursk region, the regional governor told a briefing on Sunday.",
    "Fierce battles were raging in the Kursk region on Sunday, a Russian war correspondent wrote.",
    "Combat is still under way in the Kursk region, the army spokesman said on Sunday.",
    "Heavy fighting was reported in the Kursk region on Sunday.",
])
def test_fighting_told_as_going_on_is_a_ground_event_in_the_oblast(body):
    (p,) = _of(_props(body), "ground_assault")
    assert (p["admin1_code"], p["geo_precision"], p["date_start"]) == ("RU-KRS", "admin1", "2025-03-09")
    assert p["sub_type"] == "armed_clash"


def test_an_encircled_force_near_a_village_the_gazetteer_lacks_stays_in_the_oblast_with_its_name():
    (p,) = _of(_props("A Russian channel wrote on Sunday that some 900 Ukrainian soldiers had been surrounded near "
                      "the village of Zorianyi Hai in the Kursk region."), "ground_assault")
    assert (p["admin1_code"], p["geo_precision"], p["place_mention"]) == ("RU-KRS", "admin1", "Zorianyi Hai")
    assert p["actors"] == ["Ukrainian forces"] and p["claim_status"] == "claimed"


def test_encirclement_avoided_or_feared_is_no_event():
    events = _props("The commander said on Sunday that his units in the Kursk region had pulled back to avoid encirclement.")
    assert _of(events, "ground_assault") == []
    assert _of(events, "deployment")  # the pull-back itself is told


@pytest.mark.parametrize("body, actor", [
    ("Ukraine's army said on Thursday its paratroopers had captured 31 Russian servicemen in the Kursk region.",
     "Ukrainian forces"),
    ("Ukrainian troops took twelve prisoners in the Kursk region on Thursday, the president said.", "Ukrainian forces"),
])
def test_prisoners_taken_are_a_loss_told_by_the_side_that_took_them(body, actor):
    # (session 9: the annotated reports count prisoners as a force's losses, other/casualties, not as fighting)
    events = _props(body)
    (p,) = _of(events, "other")
    assert (p["sub_type"], p["admin1_code"], p["geo_precision"], p["date_start"]) == \
        ("casualties", "RU-KRS", "admin1", "2025-03-06")
    assert p["actors"][0] == actor and _of(events, "ground_assault") == []


def test_a_prisoner_exchange_is_no_fighting():
    assert _of(_props("Ukraine took part in a prisoner exchange in the Kursk region on Thursday."), "ground_assault") == []
    assert _of(_props("Soldiers captured in the Kursk region went home on Thursday after a prisoner swap."),
               "ground_assault") == []


@pytest.mark.parametrize("body", [
    "Russian units drove Ukrainian troops out of three settlements in the Kursk region on Sunday, a military blogger said.",
    "Ukrainian forces pushed the Russian units back by about three kilometres in the Kursk region on Sunday.",
    "The ministry said on Sunday that Ukrainian troops had been ousted from their positions in the Kursk region.",
])
def test_a_force_driven_out_or_pushed_back_is_ground_fighting(body):
    (p,) = _of(_props(body), "ground_assault")
    assert (p["admin1_code"], p["date_start"]) == ("RU-KRS", "2025-03-09")


def test_a_car_driving_back_home_is_no_ground_fighting():
    events = _props("A car driving back from Sumy was hit by a drone near Bilopillia on Monday.")
    assert _of(events, "ground_assault") == [] and len(_of(events, "strike")) == 1


def test_villages_freed_in_a_list_after_a_colon_are_one_event_in_the_oblast_naming_them_all():
    # (session 12: a list of villages the gazetteer lacks is one claim in the oblast, as blind annotators count it;
    # nothing on the map tells the villages apart, and every name stays in the event)
    events = _props("The defence ministry said on Sunday that its units had freed the following settlements of the Kursk "
                    "region over two days: Zorianyi Hai, Tykhe Ozero and Sosnove Pole.")
    (p,) = _of(events, "ground_assault")
    assert p["place_mention"] == "Zorianyi Hai, Tykhe Ozero, Sosnove Pole"
    assert p["extra"]["unresolved_place"] == "Zorianyi Hai, Tykhe Ozero, Sosnove Pole"
    assert (p["admin1_code"], p["geo_precision"], p["sub_type"]) == ("RU-KRS", "admin1", "counteroffensive")


def test_a_freed_village_named_after_the_verb_is_a_capture():
    (p,) = _of(_props("Moscow said on Sunday its troops had freed Zorianyi Hai in the Kursk region."), "ground_assault")
    assert p["place_mention"] == "Zorianyi Hai" and p["admin1_code"] == "RU-KRS"
    assert p["extra"].get("outcome") == "gained ground"


@pytest.mark.parametrize("body, actor", [
    ("The ministry said on Saturday its forces repelled Ukrainian attacks on two villages in the Kursk region.", "Ukrainian forces"),
    ("Ukraine's General Staff said on Saturday that four Russian attacks had been beaten back in the Kursk region.",
     "Russian forces"),
])
def test_attacks_beaten_back_are_ground_attacks_without_a_force_word(body, actor):
    (p,) = _of(_props(body), "ground_assault")
    assert p["admin1_code"] == "RU-KRS" and p["date_start"] == "2025-03-08" and actor in p["actors"]


def test_attacks_that_killed_people_are_not_turned_into_ground_attacks():
    events = _props("Russian attacks on border villages of the Sumy region killed two people on Monday.")
    assert _of(events, "ground_assault") == []


def test_villages_said_to_be_held_by_a_side_are_a_capture_but_land_it_occupies_in_passing_is_not():
    (p,) = _of(_props("The governor listed villages of the Sumy region that he said were now held by Russian forces."),
               "ground_assault")
    assert p["admin1_code"] == "UA-59" and p["actors"] == ["Russian forces"]
    assert _of(_props("A politician played down the worth of land occupied by Moscow's forces in the Kursk region."),
               "ground_assault") == []


def test_gains_and_infiltration_are_ground_fighting():
    gained = _of(_props("Russian troops gained ground near Yunakivka in the Sumy region on Sunday."), "ground_assault")
    assert [(p["place"], p["admin1_code"]) for p in gained] == [("Yunakivka", "UA-59")]
    crept = _of(_props("Small Russian assault groups infiltrated the outskirts of a village in the Sumy region on Sunday."),
                "ground_assault")
    assert [p["admin1_code"] for p in crept] == ["UA-59"]


def test_forces_concentrated_on_a_front_and_positions_taken_up_are_deployments():
    massed = _of(_props("The president said on Tuesday that Russia's strongest units were now concentrated on the Kursk front."),
                 "deployment")
    assert [p["admin1_code"] for p in massed] == ["RU-KRS"]
    held = _of(_props("Russian units have taken up positions along a row of border villages in the Sumy region, "
                      "a monitoring group said on Saturday."), "deployment")
    assert [(p["admin1_code"], p["sub_type"]) for p in held] == [("UA-59", "presence")]
    dug = _of(_props("The Russian army said on Sunday its units had begun fortifying the recaptured positions in the "
                     "Kursk region."), "deployment")
    assert [(p["admin1_code"], p["sub_type"]) for p in dug] == [("RU-KRS", "presence")]


@pytest.mark.parametrize("body", [
    "The regional head signed an order on Saturday to evacuate the residents of seven more villages in the Sumy region.",
    "Officials on Saturday urged the residents of 150 settlements in the Sumy region to evacuate.",
    "An evacuation was announced on Saturday for nine border villages of the Sumy region.",
])
def test_evacuation_orders_are_other_events_in_the_oblast(body):
    (p,) = _of(_props(body), "other")
    assert (p["sub_type"], p["admin1_code"], p["date_start"]) == ("other", "UA-59", "2025-03-08")


def test_rescuers_moving_people_out_of_a_building_is_no_evacuation_event():
    events = _props("A drone hit a block of flats in Sumy on Saturday and rescuers evacuated twelve residents from it.")
    assert _of(events, "other") == [] and len(_of(events, "strike")) == 1


@pytest.mark.parametrize("body", [
    "The Russian army lost more than 1,800 troops in the Kursk region over the past week, Ukraine's General Staff said on Sunday.",
    "Over the past day Ukraine's losses in the Kursk direction amounted to up to 180 servicemen, Moscow's defence ministry said "
    "on Sunday.",
    "Russian units eliminated up to 150 Ukrainian servicemen in the Kursk region over the past day, the ministry said on Sunday.",
])
def test_counted_losses_of_a_force_are_a_casualties_event_not_a_presence(body):
    events = _props(body)
    (p,) = _of(events, "other")
    assert (p["sub_type"], p["admin1_code"], p["geo_precision"]) == ("casualties", "RU-KRS", "admin1")
    assert _of(events, "deployment") == []  # "lost 1,800 troops in the Kursk region" is no count of troops there


def test_heavy_losses_without_a_count_stay_with_the_fight_they_tell():
    events = _props("North Korean infantry attacked Ukrainian positions near Sudzha on Sunday. "
                    "A Ukrainian unit said the attackers suffered heavy losses.")
    assert _of(events, "other") == [] and len(_of(events, "ground_assault")) == 1


def test_a_force_breaking_into_a_district_is_ground_fighting_at_the_district():
    (p,) = _of(_props("Ukrainian troops broke into the Korenevo district on Sunday, a Russian blogger said."), "ground_assault")
    assert (p["admin1_code"], p["geo_precision"], p["date_start"]) == ("RU-KRS", "admin2", "2025-03-09")


def test_a_force_entering_a_town_or_district_is_ground_fighting_but_people_entering_are_not():
    (p,) = _of(_props("Some 600 Russian soldiers entered Sudzha on Monday, a state news agency reported."), "ground_assault")
    assert (p["place"], p["admin1_code"], p["actors"]) == ("Sudzha", "RU-KRS", ["Russian forces"])
    (d,) = _of(_props("Ukrainian units entered the Korenevo district overnight, the Kursk governor said on Monday."),
               "ground_assault")
    assert (d["admin1_code"], d["geo_precision"]) == ("RU-KRS", "admin2")
    assert _of(_props("Hundreds of displaced families entered the Sumy region on Sunday."), "ground_assault") == []


def test_a_count_of_villages_named_by_their_region_is_a_capture():
    (p,) = _of(_props("Moscow said on Sunday it had recaptured five Kursk region villages."), "ground_assault")
    assert (p["admin1_code"], p["sub_type"]) == ("RU-KRS", "counteroffensive")


def test_small_groups_trying_to_penetrate_the_border_are_ground_fighting():
    (p,) = _of(_props("Small Russian assault groups keep trying to penetrate the border of the Sumy region, "
                      "a border guard spokesman said on Monday."), "ground_assault")
    assert p["admin1_code"] == "UA-59"


def test_attacks_repelled_near_some_villages_and_thwarted_near_another_are_one_event_naming_each_village():
    # a defence ministry's summary: one sentence, two verbs, three villages the gazetteer lacks: one list, one event
    events = _props("The ministry said on Sunday its units had repelled three enemy attacks near the villages of Zorianyi Hai "
                    "and Tykhe Ozero, as well as thwarted an attempted assault near the village of Sosnove Pole in the "
                    "Kursk region.")
    assault = _of(events, "ground_assault")
    assert [p["place_mention"] for p in assault] == ["Zorianyi Hai, Tykhe Ozero, Sosnove Pole"]
    assert {(p["admin1_code"], p["geo_precision"]) for p in assault} == {("RU-KRS", "admin1")}


def test_losses_suffered_in_clashes_are_one_losses_event_not_a_second_fight():
    events = _props("US officials said on Tuesday that North Korean troops in the Kursk region had taken several hundred "
                    "casualties in clashes against Ukrainian units.", published="2024-12-17")
    assert [p["sub_type"] for p in _of(events, "other")] == ["casualties"]
    assert _of(events, "ground_assault") == []


def test_troops_fighting_alongside_an_ally_are_no_fight_of_their_own():
    events = _props("The general praised the North Korean soldiers fighting alongside Russian units in the Kursk region "
                    "on Saturday.")
    assert _of(events, "ground_assault") == []
    # but fighting for a place is a fight
    assert _of(_props("Fighting for Sudzha went on through Saturday, the ministry said."), "ground_assault")


@pytest.mark.parametrize("body", [
    "Russian shelling forced residents out of their homes in the Sumy region on Sunday.",
    "A bus was forced to turn back near Sumy on Sunday.",
])
def test_people_driven_from_their_homes_or_turned_back_are_no_ground_fighting(body):
    assert _of(_props(body), "ground_assault") == []


def test_fortifications_built_and_trenches_dug_by_a_force_are_its_presence():
    built = _of(_props("Russian troops have built fortifications along the border of the Kursk region, satellite images "
                       "showed on Sunday."), "deployment")
    assert [(p["admin1_code"], p["sub_type"]) for p in built] == [("RU-KRS", "presence")]
    dug = _of(_props("Ukrainian soldiers dug new trenches near Yunakivka in the Sumy region on Sunday."), "deployment")
    assert [(p["place"], p["sub_type"]) for p in dug] == [("Yunakivka", "presence")]
    assert _of(_props("The city built a new school in Sumy on Sunday."), "deployment") == []
    # a build-up of troops is still a deployment (the fortification words share its gate key)
    assert _of(_props("Analysts reported a build-up of Russian troops in the Kursk region on Sunday."), "deployment")


def test_weapons_counted_among_service_members_lost_are_no_strike():
    # a ministry's tally of the other side's losses: launchers lost are equipment, not a rocket strike
    body = ("Ukrainian forces lost up to 210 servicepeople, a tank, three pickups and two multiple launch rocket "
            "systems near the border of Kursk oblast in one day, the ministry said.")
    events = _props(body)
    assert [(p["event_type"], p["sub_type"]) for p in events] == [("other", "casualties")]


def test_losses_told_by_the_side_that_inflicted_them_and_by_the_side_that_lost_them_are_one_tally():
    body = ("Russia's Sever group eliminated up to 210 Ukrainian soldiers in Kursk oblast during the day, the "
            "ministry said. Ukrainian troops lost up to 210 servicemen and a tank, it added.")
    events = _props(body)
    assert [(p["event_type"], p["sub_type"]) for p in events] == [("other", "casualties")]
