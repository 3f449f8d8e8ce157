"""Who says so, and on which day, in English relays (issue 16), each document in the project's own words: an outlet
citing its own reporting names no claimant, an administration that "informs about this" or posted it "on Telegram"
does; a page's numeric stamp ("9/22/2024", "22.07.2025") dates nothing to its year; "earlier in the day" is a day."""
from __future__ import annotations

from geomap.extraction import extract


def _props(body: str, outlet: str, published: str = "2025-06-11") -> list[dict]:
    doc = f"---\nurl: https://example.org/en\noutlet: {outlet}\npublished: {published}\nlanguage: en\n---\n{body}\n"
    return [f["properties"] for f in extract(doc)]


def _claimants(p: dict) -> set[str]:
    return {s["claimed_by"] for s in p["sources"] if s["claimed_by"]}


def test_an_agency_recalling_its_own_report_tells_it_in_its_own_voice():
    body = ("Evacuations go on in the border hromadas, the governor said.\n\n"
            "As Ukrinform wrote before, shelling of Krasnopillia went on all through May.")
    (p,) = [p for p in _props(body, "MENAFN (Ukrinform)") if p["event_type"] == "strike"]
    assert p["claim_status"] == "reported" and _claimants(p) == set()


def test_an_official_named_with_an_abbreviation_is_the_claimant_whatever_the_outlet():
    body = "A U.S. defence official said on Tuesday that Russian artillery shelled Tetkino overnight."
    (p,) = _props(body, "Example Desk (Reuters)")
    assert p["claim_status"] == "claimed"
    assert _claimants(p) == {"U.S. defence official"}


def test_a_statement_passed_on_through_a_channel_is_claimed_by_who_posted_it_not_by_this_was():
    body = ("Russian drones hit a school in Okhtyrka overnight, and two teachers were hurt.\n\n"
            "This was reported on Facebook by the regional military administration of Sumy.")
    (p,) = _props(body, "Example News")
    assert p["claim_status"] == "claimed"
    assert _claimants(p) == {"Regional military administration of Sumy"}


def test_an_agency_tag_before_a_passive_relay_line_is_no_claimant():
    body = ("Example Wire) This was posted on Facebook by the mayor of Konotop, Ivan Example: a drone hit a "
            "warehouse in Konotop on Tuesday.")
    (p,) = _props(body, "Example Desk (Example Wire)", "2025-06-11")
    assert p["claim_status"] == "claimed"
    assert "This was" not in _claimants(p) and _claimants(p)


def test_what_the_outlet_tells_as_its_own_report_takes_no_claimant_from_the_sentence_before():
    body = ("A drone hit a warehouse in Konotop on Tuesday evening, the mayor said. "
            "As Ukrinform reported, Russian artillery also shelled the Glushkovo district of Kursk that night.")
    events = {p["event_type"] + ":" + (p["place"] or ""): p for p in _props(body, "MENAFN (Ukrinform)", "2025-06-11")}
    konotop = next(p for p in events.values() if p["place"] == "Konotop")
    assert konotop["claim_status"] == "claimed"
    kursk = [p for p in events.values() if p["admin1_code"] == "RU-KRS"]
    assert kursk and all(p["claim_status"] == "reported" and not _claimants(p) for p in kursk)


def test_a_page_s_numeric_stamp_under_the_headline_does_not_date_the_story_to_its_year():
    body = ("Russian drones hit Konotop, residents told to store water\nDate\n9/10/2025 6:40:00 PM\n"
            "(Example Wire) On the evening of 10 September Russian forces struck Konotop with drones.")
    (p,) = _props(body, "Example Desk", "2025-09-10")
    assert (p["date_start"], p["date_end"]) == ("2025-09-10", "2025-09-10")


def test_an_administration_that_informs_about_this_claims_the_list_a_relaying_site_carries():
    body = ("News\n\n40 blasts counted in Sumy Oblast\n\n"
            "How things stood along the Sumy border by 20:00 on 10 June is now known.\n\n"
            "The Sumy Oblast State Administration informs about this on Facebook.\n\n"
            "Over the day Russian troops shelled border villages 20 times. Khotin and Esman hromadas came under fire.\n\n"
            "• Khotin hromada: a drone dropped explosives (2 blasts).")
    events = _props(body, "example.org (Sumy Oblast State Administration)", "2025-06-10")
    assert events
    for p in events:
        assert p["claim_status"] == "claimed", p["place"]
        assert _claimants(p) == {"Sumy Oblast State Administration"}, p["place"]


def test_the_regional_military_administration_by_its_initials_is_a_claimant():
    (p,) = _props("According to the RMA, a Russian drone hit a shop in Krasnopillia on Tuesday.", "Example News")
    assert p["claim_status"] == "claimed" and _claimants(p) == {"RMA"}


def test_a_dotted_time_stamp_above_the_headline_does_not_date_the_story_to_its_year():
    body = "09:15 10.06.2025\n\nRussian drone hits Okhtyrka, one man killed – police\n\nA drone struck a shop in Okhtyrka."
    events = _props(body, "Example Desk", "2025-06-10")
    assert events and all((p["date_start"], p["date_end"]) == ("2025-06-10", "2025-06-10") for p in events)


def test_earlier_in_the_day_is_the_report_s_day_not_its_week():
    body = ("MOSCOW - Air defences shot down drones above Kursk overnight, the defence ministry said.\n\n"
            "Earlier in the day, the defence ministry had announced its forces retook Lebedevka in Kursk.")
    (p,) = [p for p in _props(body, "Example Desk", "2025-03-09") if p["event_type"] == "ground_assault"]
    assert (p["date_start"], p["date_end"]) == ("2025-03-09", "2025-03-09")
