"""English dates as reports give them (issue 16): ranges, a statement's day and the reference day.

Each document is in the project's own words and reproduces one shape: "since" a day, "within two days",
"throughout the month", "a few days ago", a night counted back from the day a statement was made,
a statement's day giving way to the days its event is given, and a dateline's day as the reference.
"""
from __future__ import annotations

import datetime as dt

import pytest

from geomap.documents import parse_published
from geomap.extraction import extract
from geomap.extraction.dates import find_dates

D = dt.date


def _doc(body: str, published: str = "2025-06-11") -> str:
    return f"---\nurl: https://example.org/en\noutlet: Example\npublished: {published}\nlanguage: en\n---\n{body}\n"


def _props(body: str, published: str = "2025-06-11") -> list[dict]:
    return [f["properties"] for f in extract(_doc(body, published))]


def _days(p: dict) -> tuple[str, str]:
    return p["date_start"], p["date_end"]


@pytest.mark.parametrize("text,expected", [
    # "since" a day or a date runs to the report (2025-06-11 is a Wednesday)
    ("Clashes have gone on near the border since Monday.", (D(2025, 6, 9), D(2025, 6, 11))),
    ("Shelling of the district has continued since June 2.", (D(2025, 6, 2), D(2025, 6, 11))),
    # a count of days up to the report
    ("The brigade took back five hamlets within two days.", (D(2025, 6, 9), D(2025, 6, 11))),
    ("In the past 48 hours the guns fired on the town.", (D(2025, 6, 9), D(2025, 6, 11))),
    # the month (or week) under way, up to the report
    ("The raids went on throughout the month.", (D(2025, 6, 1), D(2025, 6, 11))),
    # a vague few days back: any of them, up to the day before the report
    ("The line broke a few days ago.", (D(2025, 6, 7), D(2025, 6, 10))),
    ("The line broke several days ago.", (D(2025, 6, 6), D(2025, 6, 10))),
    # two days running joined by "and": one range
    ("Drones hit the town on 7 and 8 June.", (D(2025, 6, 7), D(2025, 6, 8))),
    ("Drones hit the town on June 7 and 8.", (D(2025, 6, 7), D(2025, 6, 8))),
    ("Drones hit the town on Saturday and Sunday.", (D(2025, 6, 7), D(2025, 6, 8))),
])
def test_ranges_that_reports_write_in_words(text, expected):
    (span,) = find_dates(text, parse_published("2025-06-11"))
    assert (span.start, span.end) == expected


def test_two_days_apart_joined_by_and_are_no_range():
    spans = find_dates("Drones hit the town on Monday and on Wednesday.", parse_published("2025-06-11"))
    assert [(s.start, s.end) for s in spans] == [(D(2025, 6, 9), D(2025, 6, 9)), (D(2025, 6, 11), D(2025, 6, 11))]
    (span,) = find_dates("Drones hit the town on June 2 and 5.", parse_published("2025-06-11"))
    assert (span.start, span.end) == (D(2025, 6, 2), D(2025, 6, 2))


def test_a_counted_number_of_days_ago_stays_one_day_and_an_old_tally_since_a_year_stays_that_year():
    (span,) = find_dates("The line broke two days ago.", parse_published("2025-06-11"))
    assert (span.start, span.end) == (D(2025, 6, 9), D(2025, 6, 9))
    (span,) = find_dates("The town has been shelled since 2022.", parse_published("2025-06-11"))
    assert (span.start, span.end) == (D(2022, 1, 1), D(2022, 12, 31))


def test_a_night_is_counted_back_from_the_day_the_statement_was_made():
    # published on Wednesday; the governor spoke on Tuesday of the night before it
    (p,) = _props("Russian drones hit a school in Okhtyrka overnight, the regional governor said on Tuesday.")
    assert (p["event_type"], p["place"]) == ("strike", "Okhtyrka")
    assert _days(p) == ("2025-06-09", "2025-06-10")
    # said the same day as the report: the night before the report, as before
    (p,) = _props("Russian drones hit a school in Okhtyrka overnight, the regional governor said on Wednesday.")
    assert _days(p) == ("2025-06-10", "2025-06-11")


def test_the_day_of_a_statement_gives_way_to_the_days_its_event_is_given():
    body = ("The defence ministry in Moscow said on Thursday that its troops had gone over to attack in the "
            "Kursk region after the incursion of last month.\n\n"
            "\"Our units liberated eight villages within two days,\" the ministry said in its statement.")
    (p,) = [p for p in _props(body, published="2024-09-12") if p["event_type"] == "ground_assault"]
    assert p["admin1_code"] == "RU-KRS"
    assert _days(p) == ("2024-09-10", "2024-09-12")


def test_the_days_an_event_is_given_first_are_kept_when_the_statement_s_day_comes_after():
    body = ("Russian troops retook six villages in the Kursk region within two days.\n\n"
            "The defence ministry in Moscow said on Thursday that its troops were attacking in the "
            "Kursk region after the incursion of last month.")
    (p,) = [p for p in _props(body, published="2024-09-12") if p["event_type"] == "ground_assault"]
    assert _days(p) == ("2024-09-10", "2024-09-12")


def test_a_statement_s_day_alone_still_dates_its_event():
    (p,) = _props("The Kursk governor said on Tuesday that a drone had hit a bakery in Rylsk.")
    assert (p["event_type"], p["place"]) == ("strike", "Ryl’sk")
    assert _days(p) == ("2025-06-10", "2025-06-10")


def test_a_dateline_s_day_is_the_reference_of_a_copy_published_later():
    # an agency story filed on Monday 9 June, put online by another outlet on Wednesday
    body = ("Drones strike Ukrainian border town\n\n"
            "KYIV, June 9 (Agency) - Russian drones hit a power substation in Shostka overnight, the regional "
            "administration said.\n\n"
            "On Saturday shelling damaged three houses in Esman, officials added.")
    events = {p["place"]: p for p in _props(body)}
    assert _days(events["Shostka"]) == ("2025-06-08", "2025-06-09")
    assert _days(events["Esman"]) == ("2025-06-07", "2025-06-07")


def test_a_dateline_without_a_day_or_of_the_day_of_publication_changes_nothing():
    body = "SUMY, Ukraine (Agency) - Russian drones hit a power substation in Shostka overnight, officials said."
    (p,) = _props(body)
    assert _days(p) == ("2025-06-10", "2025-06-11")
    body = "SUMY, June 11 (Agency) - Russian drones hit a power substation in Shostka overnight, officials said."
    (p,) = _props(body)
    assert _days(p) == ("2025-06-10", "2025-06-11")


@pytest.mark.parametrize("text,expected", [
    # a night named by the two days it joins, or by the day it ends on (2025-06-11 is a Wednesday)
    ("Drones circled over the town on the night of Monday to Tuesday.", (D(2025, 6, 9), D(2025, 6, 10))),
    ("Guns fired on the villages during the night of June 8 to June 9.", (D(2025, 6, 8), D(2025, 6, 9))),
    ("Shelling went on from late Monday into Tuesday morning.", (D(2025, 6, 9), D(2025, 6, 10))),
    ("A drone hit a depot overnight into Tuesday.", (D(2025, 6, 9), D(2025, 6, 10))),
    ("A drone hit a depot overnight on Tuesday.", (D(2025, 6, 9), D(2025, 6, 10))),
    ("A drone hit a depot overnight on June 5.", (D(2025, 6, 4), D(2025, 6, 5))),
    ("A drone hit a depot overnight Sunday.", (D(2025, 6, 7), D(2025, 6, 8))),
    ("Drones came in waves overnight Saturday to Sunday.", (D(2025, 6, 7), D(2025, 6, 8))),
    ("Drones came in waves on Sunday night into Monday.", (D(2025, 6, 8), D(2025, 6, 9))),
    ("The town was shelled late Monday and early Tuesday.", (D(2025, 6, 9), D(2025, 6, 10))),
    ("Drones came in waves on the night of 9/10 June.", (D(2025, 6, 9), D(2025, 6, 10))),
    # "at night" as administrations' summaries put it, alone or after the day it ends on
    ("At night and then at dawn, the enemy fired on four border hromadas.", (D(2025, 6, 10), D(2025, 6, 11))),
    ("Through the evening and at night, drones tried to reach the district.", (D(2025, 6, 10), D(2025, 6, 11))),
    ("On June 7, at night, a drone struck a warehouse in the town.", (D(2025, 6, 6), D(2025, 6, 7))),
    ("A drone struck a warehouse at night on June 7.", (D(2025, 6, 6), D(2025, 6, 7))),
    # the small hours of a day are its night's
    ("In the early hours of June 7, air defence downed two drones.", (D(2025, 6, 6), D(2025, 6, 7))),
    ("In the small hours of Monday, air defence downed two drones.", (D(2025, 6, 8), D(2025, 6, 9))),
])
def test_a_night_and_the_morning_after_are_one_range(text, expected):
    spans = find_dates(text, parse_published("2025-06-11"))
    assert [(s.start, s.end) for s in spans] == [expected]


def test_a_night_and_a_later_day_told_apart_stay_two_dates():
    # "overnight, and on Tuesday": two attacks on two dates, not one range
    spans = find_dates("Drones hit the depot overnight, and on Tuesday guns shelled the market.",
                       parse_published("2025-06-11"))
    assert [(s.start, s.end) for s in spans] == [(D(2025, 6, 10), D(2025, 6, 11)), (D(2025, 6, 10), D(2025, 6, 10))]


def test_an_event_told_over_a_night_and_a_morning_is_dated_by_both_days():
    (p,) = _props("Russian drones struck Konotop from late Sunday into Monday morning, damaging a school.")
    assert _days(p) == ("2025-06-08", "2025-06-09")


def test_a_step_back_after_a_night_is_dated_before_the_night():
    body = ("Overnight into Thursday Russian drones struck a school in Okhtyrka.\n\n"
            "Earlier, Russian guns shelled a farm near Esman, the governor said.")
    days = {p["place"]: _days(p) for p in _props(body, published="2025-06-13")}
    assert days["Okhtyrka"] == ("2025-06-11", "2025-06-12")
    assert days["Esman"][0] < "2025-06-11"


@pytest.mark.parametrize("text,expected", [
    # counted back from the report's day when nothing before dates the story (2025-06-11 is a Wednesday)
    ("Four days earlier the ministry said its troops had entered the village.", (D(2025, 6, 7), D(2025, 6, 7))),
    ("A few days earlier the ministry said its troops had entered the village.", (D(2025, 6, 7), D(2025, 6, 10))),
    # a summary's "past day" phrased at length, and the day it names after a comma
    ("Over the course of the past day the guns fired 40 times.", (D(2025, 6, 10), D(2025, 6, 11))),
    ("Over the course of the past day, 10 June, the guns fired 40 rounds.", (D(2025, 6, 10), D(2025, 6, 10))),
    # "the previous day" counts back from the day the statement was made
    ("The ministry said on Monday that its troops took the hamlet the previous day.", (D(2025, 6, 8), D(2025, 6, 8))),
])
def test_days_counted_back_and_a_summary_s_day(text, expected):
    spans = [s for s in find_dates(text, parse_published("2025-06-11")) if not s.speech]
    assert [(s.start, s.end) for s in spans] == [expected]


def test_days_earlier_count_back_from_the_day_just_told():
    body = ("Russian troops stormed Basivka on June 9, the ministry said.\n\n"
            "Two days earlier the ministry had said its troops entered Yunakivka.")
    days = {p["place"]: _days(p) for p in _props(body)}
    assert days["Yunakivka"] == ("2025-06-07", "2025-06-07")


@pytest.mark.parametrize("text,expected", [
    # a night named by one day: the day it ends on ("the night of"), or the day it begins on ("Monday night")
    # (2025-06-11 is a Wednesday)
    ("On the night of June 9 enemy drones set a fuel depot alight.", (D(2025, 6, 8), D(2025, 6, 9))),
    ("Enemy drones set a fuel depot alight on the night of 9 June.", (D(2025, 6, 8), D(2025, 6, 9))),
    ("Enemy drones set a fuel depot alight on the night to Tuesday.", (D(2025, 6, 9), D(2025, 6, 10))),
    ("Enemy drones set a fuel depot alight on Monday night.", (D(2025, 6, 9), D(2025, 6, 10))),
    # the report's own day: its night has not ended yet
    ("Enemy drones set a fuel depot alight on Wednesday night.", (D(2025, 6, 11), D(2025, 6, 11))),
    # the night a speaker talked in dates no event
    ("Enemy drones set a fuel depot alight, the mayor said the night of June 9.", (D(2025, 6, 9), D(2025, 6, 9))),
])
def test_a_night_named_by_one_day_is_its_two_days(text, expected):
    spans = find_dates(text, parse_published("2025-06-11"))
    assert [(s.start, s.end) for s in spans] == [expected]


def test_a_night_told_first_is_not_narrowed_by_a_later_mention_of_one_of_its_days():
    # the lede's night, then the same attack called "Tuesday's" (2025-06-11 is a Wednesday; Tuesday is the 10th)
    body = ("An overnight Russian drone attack on Konotop wounded six people and cut power to a hospital, "
            "the regional administration said on Tuesday.\n\n"
            "Firefighters worked for hours after Tuesday's drone attack on Konotop, the mayor added.")
    (p,) = [p for p in _props(body) if p["event_type"] == "strike"]
    assert p["place"] == "Konotop"
    assert _days(p) == ("2025-06-09", "2025-06-10")


def test_a_page_s_date_stamp_and_an_agency_dateline_date_no_event():
    # the page's "date" stamp and a dateline in an agency's form ("CITY, Month D. /AGENCY/."), the day of
    # publication: the lede's night dates the attack, not the stamp's day alone
    body = (" date 2025-06-11 SUMY, June 11. /AGENCY/. Enemy drones struck a grain store in Konotop, "
            "the mayor wrote on his channel.\n\n"
            "\"Last night the drones came in three waves over the town,\" he wrote.")
    (p,) = [p for p in _props(body) if p["event_type"] == "strike"]
    assert p["place"] == "Konotop"
    assert _days(p) == ("2025-06-10", "2025-06-11")


def test_a_headline_told_before_the_lede_s_night_takes_that_night():
    body = ("Enemy drones strike grain store in Konotop\n\n"
            "Overnight, enemy drones set fire to a grain store in Konotop and broke windows in two houses.")
    (p,) = [p for p in _props(body) if p["event_type"] == "strike"]
    assert _days(p) == ("2025-06-10", "2025-06-11")


@pytest.mark.parametrize("text,expected", [
    ("Losses peaked in the last week of December 2024.", (D(2024, 12, 25), D(2024, 12, 31))),
    ("Losses peaked in the final week of May.", (D(2025, 5, 25), D(2025, 5, 31))),
    ("Losses peaked in the first week of March.", (D(2025, 3, 1), D(2025, 3, 7))),
    # the month alone stays the whole month; its early, middle and late parts are its thirds
    ("The brigade rotated out in April.", (D(2025, 4, 1), D(2025, 4, 30))),
    ("The brigade rotated out in mid-April.", (D(2025, 4, 11), D(2025, 4, 20))),
    ("The brigade rotated out in early April.", (D(2025, 4, 1), D(2025, 4, 10))),
    ("The brigade rotated out at the beginning of April.", (D(2025, 4, 1), D(2025, 4, 10))),
    ("The brigade rotated out in the middle of April.", (D(2025, 4, 11), D(2025, 4, 20))),
    ("The brigade rotated out in late February 2024.", (D(2024, 2, 21), D(2024, 2, 29))),
    ("The brigade rotated out at the end of April.", (D(2025, 4, 21), D(2025, 4, 30))),
])
def test_the_first_or_last_week_of_a_month_is_those_seven_days(text, expected):
    (span,) = find_dates(text, parse_published("2025-06-11"))
    assert (span.start, span.end) == expected


def test_an_event_named_after_since_a_or_before_an_is_background_not_an_event_of_its_own():
    body = ("Russian artillery shelled Tetkino on Monday.\n\n"
            "Residents of the village have lived in cellars since a Ukrainian incursion across the border on May 30.")
    events = _props(body)
    assert [p["event_type"] for p in events] == ["strike"]
    assert _days(events[0]) == ("2025-06-09", "2025-06-09")


@pytest.mark.parametrize("text,published,expected", [
    # the first weekday of a range told on that weekday is the one before the range's end, not the report's day
    ("Glide bombs fell on the district from Friday to Sunday.", "2025-06-13", (D(2025, 6, 6), D(2025, 6, 8))),
    ("Shelling of the farms lasted from late Friday into Saturday.", "2025-06-13", (D(2025, 6, 6), D(2025, 6, 7))),
    ("Glide bombs fell on the district from Monday to Wednesday.", "2025-06-13", (D(2025, 6, 9), D(2025, 6, 11))),
    ("Glide bombs fell on the district between Friday and Sunday.", "2025-06-13", (D(2025, 6, 6), D(2025, 6, 8))),
    # two weekdays running, the first of them the report's own weekday: the pair before it
    ("Drones circled over the town on Friday and Saturday nights.", "2025-06-13", (D(2025, 6, 6), D(2025, 6, 7))),
    ("Drones circled over the town Saturday-Sunday.", "2025-06-13", (D(2025, 6, 7), D(2025, 6, 8))),
    ("Drones circled over the town throughout the weekend.", "2025-06-13", (D(2025, 6, 7), D(2025, 6, 8))),
    # "through" and "until" join two weekdays without a "from"
    ("Patrols met the raiders on Tuesday through Thursday.", "2025-06-13", (D(2025, 6, 10), D(2025, 6, 12))),
    ("Patrols met the raiders Tuesday until Thursday.", "2025-06-13", (D(2025, 6, 10), D(2025, 6, 12))),
    # "between" or "from" opens a range of days of one month, even when they are not two days running
    ("Sappers cleared the road between June 10 and 12.", "2025-06-13", (D(2025, 6, 10), D(2025, 6, 12))),
    ("Sappers cleared the road from June 8 to 10.", "2025-06-13", (D(2025, 6, 8), D(2025, 6, 10))),
])
def test_a_range_of_days_stays_a_range(text, published, expected):
    (span,) = find_dates(text, parse_published(published))
    assert (span.start, span.end) == expected


@pytest.mark.parametrize("text,expected", [
    # two days named apart, with no word opening a range, stay the first day; two weekdays apart stay two days
    ("Sappers cleared the road on June 2 and 5.", [(D(2025, 6, 2), D(2025, 6, 2))]),
    ("Patrols met the raiders on Tuesday and Thursday.", [(D(2025, 6, 10), D(2025, 6, 10)), (D(2025, 6, 12), D(2025, 6, 12))]),
    ("Patrols met the raiders on Friday and Monday.", [(D(2025, 6, 13), D(2025, 6, 13)), (D(2025, 6, 9), D(2025, 6, 9))]),
])
def test_days_named_apart_are_no_range(text, expected):
    assert [(s.start, s.end) for s in find_dates(text, parse_published("2025-06-13"))] == expected


def test_a_weekend_s_shelling_told_on_friday_keeps_the_weekend_before():
    body = "Russian artillery shelled Khotin from Friday to Sunday, the village council said."
    (p,) = [p for p in _props(body, "2025-06-13") if p["event_type"] == "strike"]
    assert _days(p) == ("2025-06-06", "2025-06-08")


def test_mid_month_background_keeps_its_third_of_the_month():
    body = ("Ukrainian drones hit a depot near Rylsk on Tuesday.\n\n"
            "In mid-May Russian troops had shelled Khotin for a week.")
    events = {p["place"]: p for p in _props(body)}
    assert _days(events["Ryl’sk"]) == ("2025-06-10", "2025-06-10")
    assert _days(events["Khotin"]) == ("2025-05-11", "2025-05-20")


@pytest.mark.parametrize("text,expected", [
    # a page's stamp (a dated day with its year, then a clock time; its weekday before it) is when the page went up
    ("Border guards fight off raiders near Hlukhiv Sunday, June 8, 2025 3:05:00 PM", []),
    ("Ivan ExampleTuesday, 10 June 2025, 07:41 Shelling hit four hromadas over the past day.",
     [(D(2025, 6, 10), D(2025, 6, 11))]),
    # an event's own time, with or without its year, stays its date
    ("On June 3, at 18:20, a patrol saw an armed group near the border.", [(D(2025, 6, 3), D(2025, 6, 3))]),
    ("On June 3, 2025, at 18:20, a patrol saw an armed group near the border.", [(D(2025, 6, 3), D(2025, 6, 3))]),
])
def test_a_page_stamp_is_no_event_s_date(text, expected):
    assert [(s.start, s.end) for s in find_dates(text, parse_published("2025-06-11"))] == expected



@pytest.mark.parametrize("text,expected", [
    # an agency's daily summary says "over the day"; a headline drops the article
    ("Kyiv's units lost 90 men in the border area over the day.", (D(2025, 6, 10), D(2025, 6, 11))),
    ("Kyiv loses 90 men near the border in past day", (D(2025, 6, 10), D(2025, 6, 11))),
    ("Guns hit 9 villages of the region over past day", (D(2025, 6, 10), D(2025, 6, 11))),
    ("Guns hit 9 villages of the region in past 24 hours", (D(2025, 6, 10), D(2025, 6, 11))),
])
def test_a_daily_summary_s_day_in_an_agency_s_and_a_headline_s_words(text, expected):
    (span,) = find_dates(text, parse_published("2025-06-11"))
    assert (span.start, span.end) == expected


def test_over_the_day_before_or_a_day_long_fight_is_no_summary_s_day():
    published = parse_published("2025-06-11")
    assert find_dates("The brigade had rested over the day-long lull.", published) == []
    assert all(s.text.lower() != "over the day" for s in find_dates("They waited over the day before.", published))


def test_a_list_under_a_summary_s_lede_takes_its_day_and_its_claimant():
    # the lede tells no event itself: it names the day and who reports it; the bulleted list below it is that
    # report, each line undated and with no speaker of its own
    body = ("Kyiv's losses in Kursk region in past day\n\n"
            "MOSCOW, June 11. The Russian defence ministry reported on the situation in the Kursk border area "
            "over the day.\n\n"
            "How the day went\n\n"
            "- Units of the North group beat off four attacks toward Olgovka and Korenevo.\n\n"
            "- Russian aircraft hit Ukrainian reserves in the Sumy region.\n\n"
            "- The operation goes on.\n\n"
            "On June 2, guns shelled Esman.")
    events = _props(body)
    older = [p for p in events if p["date_start"] < "2025-06-09"]
    # an earlier day told as background is the outlet's own telling, not the day's report
    assert [(p["place"], p["claim_status"]) for p in older] == [("Esman", "reported")]
    events = [p for p in events if p not in older]
    assert {(p["event_type"], p["admin1_code"]) for p in events} == {("ground_assault", "RU-KRS"), ("strike", "UA-59")}
    for p in events:
        assert _days(p) == ("2025-06-10", "2025-06-11")
        assert p["claim_status"] == "claimed"
        assert {s["claimed_by"] for s in p["sources"]} == {"Russian defence ministry"}


@pytest.mark.parametrize("text", [
    "Enemy drones struck Kursk tonight, the governor wrote; a block of flats burned.",
    "This night, the enemy struck Kursk with drones, the governor wrote; a block of flats burned.",
])
def test_an_official_s_tonight_or_this_night_is_the_night_just_gone(text):
    (p,) = _props(text, published="2025-04-15")
    assert (p["event_type"], p["place"]) == ("strike", "Kursk")
    assert _days(p) == ("2025-04-14", "2025-04-15")


def test_a_range_named_by_both_its_ends_is_not_narrowed_by_a_later_mention_of_one_of_its_days():
    body = ("Footage filmed on June 7 and 8 shows Ukrainian troops advanced into Tetkino.\n\n"
            "On June 7, Ukrainian troops advanced into Tetkino, a Russian channel wrote.")
    (p,) = _props(body)
    assert (p["event_type"], p["place_mention"], p["geo_precision"]) == ("ground_assault", "Tetkino", "settlement")
    assert _days(p) == ("2025-06-07", "2025-06-08")
    # a single day told first, then the same day again, stays that day
    (p,) = _props("On June 7, Ukrainian troops advanced into Tetkino.\n\nThe advance into Tetkino came on June 7.")
    assert _days(p) == ("2025-06-07", "2025-06-07")


@pytest.mark.parametrize("clause", [
    ", where Moscow has pressed its offensive in recent weeks.",
    ", which its troops have shelled over the past few days.",
])
def test_a_date_in_a_clause_on_the_place_does_not_date_what_a_statement_of_that_day_tells(clause):
    # published on Friday 13 June; the ministry spoke that day
    (p,) = [p for p in _props("Russia's defence ministry said Friday its troops had captured the village of Tetkino"
                              " in the Kursk region" + clause, published="2025-06-13")
            if p["event_type"] == "ground_assault"]
    assert _days(p) == ("2025-06-13", "2025-06-13")


def test_a_headline_s_event_is_not_the_background_strike_told_below_it():
    # the headline's strike is the story's (its day); the village struck "earlier this year" is an event of its own,
    # which the headline's neither takes the date of nor folds into
    body = ("Drone strike wounds farmer in Kursk region, governor says\n\n"
            "Earlier this year, in the village of Tetkino, a drone strike killed a tractor driver.")
    events = sorted(_props(body, published="2025-10-12"), key=lambda p: p["date_start"])
    assert [(p["event_type"], p["geo_precision"], _days(p)) for p in events] == [
        ("strike", "settlement", ("2025-01-01", "2025-10-12")),
        ("strike", "admin1", ("2025-10-12", "2025-10-12")),
    ]
    assert events[1]["admin1_code"] == "RU-KRS"
    # nor does it absorb a background strike told of the same oblast
    body = ("Drone strike wounds farmer in Kursk region, governor says\n\n"
            "Earlier this year, a drone strike killed a tractor driver in the Kursk region.")
    events = sorted(_props(body, published="2025-10-12"), key=lambda p: p["date_start"])
    assert [_days(p) for p in events] == [("2025-01-01", "2025-10-12"), ("2025-10-12", "2025-10-12")]


# -- session 11: a tally since the incursion began, a summary that names its day --------------------------------

@pytest.mark.parametrize("text", [
    "Kyiv has lost more than 9,000 soldiers in the Kursk area since the fighting began, the ministry added.",
    "The regional emergencies office says 120,000 residents have left since the onset of hostilities in the region.",
    "Since the start of Ukraine's cross-border incursion, the army says it has destroyed 80 tanks.",
    "Around 150,000 people moved out of the border districts after the August incursion began.",
    "In total, during the operations in the Kursk direction, the enemy lost 7,000 troops.",
])
def test_a_tally_since_the_incursion_began_runs_from_its_first_day_to_the_report(text):
    spans = find_dates(text, parse_published("2024-09-20"))
    assert [(s.start, s.end) for s in spans] == [(D(2024, 8, 6), D(2024, 9, 20))]
    assert spans[0].tally


@pytest.mark.parametrize("text,published", [
    ("Russia has lost 600,000 troops since the start of the special military operation.", "2024-09-20"),
    ("Strikes on the grid have not stopped since the full-scale war began.", "2024-09-20"),
    ("The village was calm after the fighting on Tuesday.", "2024-09-20"),
    ("Kyiv has lost 9,000 soldiers since the fighting began, the ministry added.", "2024-07-20"),  # before it began
])
def test_other_wars_operations_and_single_fights_are_no_tally_since_the_incursion(text, published):
    spans = find_dates(text, parse_published(published))
    assert not any(s.start == D(2024, 8, 6) for s in spans)


def test_a_tally_since_the_incursion_began_lends_its_days_to_no_later_sentence():
    body = ("Russia's defence ministry said on Friday that its troops beat off four attacks near Korenevo over the "
            "past day. Kyiv has lost more than 9,000 soldiers in the Kursk area since the fighting began, it added.\n\n"
            "Russian aircraft also hit Ukrainian reserves in the Sumy region.")
    events = _props(body, published="2024-09-20")
    tally = next(p for p in events if p["event_type"] == "other")
    assert _days(tally) == ("2024-08-06", "2024-09-20")
    fight = next(p for p in events if p["event_type"] == "ground_assault")
    assert _days(fight) == ("2024-09-19", "2024-09-20")
    strike = next(p for p in events if p["event_type"] == "strike" and p["admin1_code"] == "UA-59")
    assert strike["date_start"] >= "2024-09-19"  # the story's days, not the tally's


def test_a_summary_that_names_its_day_gives_it_to_its_past_24_hours_and_to_the_sentences_after():
    # published on 25 April; the administration's summary is of 24 April
    body = ("Sumy region news\n\n"
            "Russia shells 3 communities in Sumy Oblast\n\n"
            "Russian troops fired on three border communities of Sumy Oblast in five separate attacks throughout "
            "the day, the oblast administration reported on April 24. At least 19 blasts were counted in the oblast "
            "over the past 24 hours.\n\n"
            "The communities of Khotin, Krasnopillia and Esman came under fire.\n\n"
            "Throughout the day, the Russian army used mortars and drones against the border villages.")
    events = _props(body, published="2024-04-25")
    assert sorted(p["place"] for p in events) == ["Esmanska hromada", "Khotinska hromada", "Krasnopilska hromada"]
    assert {_days(p) for p in events} == {("2024-04-24", "2024-04-24")}
    # the headline under the page's label is the lede's story, not a strike of the report's own day
    assert not any(p["geo_precision"] == "admin1" and p["date_start"] == "2024-04-25" for p in events)


def test_throughout_the_day_is_the_day_the_sentence_names_or_the_report_s():
    (span,) = find_dates("Drones hit the district 40 times throughout the day on Sept. 3.", parse_published("2024-09-04"))
    assert (span.start, span.end) == (D(2024, 9, 3), D(2024, 9, 3))
    (span,) = find_dates("Drones hit the district 40 times throughout the day.", parse_published("2024-09-04"))
    assert (span.start, span.end) == (D(2024, 9, 4), D(2024, 9, 4))


def test_a_tally_since_the_incursion_began_told_after_a_statement_of_the_day_before_runs_to_that_day():
    # published on Saturday 21 September; the ministry spoke on Friday
    body = ("Russia's defence ministry said on Friday that its troops beat off four attacks near Korenevo over the "
            "past day.\n\n"
            "Since the fighting began, Kyiv has lost more than 9,000 soldiers in the Kursk area, it added.")
    tally = next(p for p in _props(body, published="2024-09-21") if p["event_type"] == "other")
    assert _days(tally) == ("2024-08-06", "2024-09-20")


def test_a_vague_recent_range_told_of_the_same_event_keeps_the_day_its_report_gives():
    body = ("Sumy region orders more villages evacuated\n\n"
            "Authorities in Ukraine's Sumy region have ordered families to leave nine more border villages, fearing "
            "a new Russian offensive.\n\n"
            "Russia's defence ministry says its troops have captured another village in the Sumy region. "
            "In recent weeks Moscow has said it took several villages there, while Kyiv says a large force "
            "is gathering across the border.")
    (p,) = [p for p in _props(body, published="2025-05-31") if p["event_type"] == "ground_assault"]
    assert len(p["sources"]) == 3  # one event, told three times
    assert _days(p) == ("2025-05-31", "2025-05-31")


def test_an_undated_telling_at_the_top_and_its_day_told_next_are_one_event_on_that_day():
    body = ("Russia's defence ministry says its troops have captured another village in the Sumy region. "
            "The ministry said the village was taken on May 29.")
    (p,) = [p for p in _props(body, published="2025-05-31") if p["event_type"] == "ground_assault"]
    assert _days(p) == ("2025-05-29", "2025-05-29")


def test_a_count_of_days_past_six_is_read_as_the_smaller_ones_are():
    (span,) = find_dates("Over the past seven days the guns fired on the town 50 times.", parse_published("2025-06-11"))
    assert (span.start, span.end) == (D(2025, 6, 4), D(2025, 6, 11))
    (span,) = find_dates("In the last ten days the guns fired on the town 90 times.", parse_published("2025-06-11"))
    assert (span.start, span.end) == (D(2025, 6, 1), D(2025, 6, 11))


def test_a_night_named_by_its_day_stays_the_night_when_a_later_sentence_gives_the_day_alone():
    body = ("On the night of June 10, Russian drones struck Sumy.\n\n"
            "Details: On June 10, at night, Sumy came under a drone attack, the city administration said.")
    (p,) = [p for p in _props(body) if p["event_type"] == "strike"]
    assert p["place"] == "Sumy"
    assert _days(p) == ("2025-06-09", "2025-06-10")


def test_a_statement_s_day_after_a_phrase_on_where_it_was_made_is_still_the_statement_s_day():
    # published on Wednesday 11 June
    (p,) = _props("Russian drones hit a school in Okhtyrka overnight, the regional governor said in a video address "
                  "on Tuesday.")
    assert (p["event_type"], p["place"]) == ("strike", "Okhtyrka")
    assert _days(p) == ("2025-06-09", "2025-06-10")
    # ... and does not replace the paragraph's own days for the sentences after it
    body = ("Ukrainian units have attacked the Kursk border area since Monday. The president said at a televised "
            "meeting with his officials on Tuesday that the raid was a provocation. Ukraine was also firing at "
            "civilian targets.")
    strikes = [p for p in _props(body) if p["event_type"] == "strike"]
    assert strikes and all(_days(p) == ("2025-06-09", "2025-06-11") for p in strikes)


def test_a_state_as_of_a_day_in_the_incursion_s_first_month_counts_from_its_first_day():
    (span,) = find_dates("The army chief said that as of 14 August his troops held some 1,100 square km of the Kursk region.",
                         parse_published("2024-08-15"))
    assert (span.start, span.end) == (D(2024, 8, 6), D(2024, 8, 14))
    spans = find_dates("As of Wednesday, 14 August, his troops held some 1,100 square km.", parse_published("2024-08-15"))
    assert {(s.start, s.end) for s in spans} == {(D(2024, 8, 6), D(2024, 8, 14))}


def test_a_state_as_of_a_day_later_on_bounds_its_event_as_a_statement_s_day_does():
    (span,) = find_dates("As of Friday, the pocket held by Kyiv had shrunk to 200 square km.", parse_published("2025-03-14"))
    assert (span.start, span.end, span.speech) == (D(2025, 3, 14), D(2025, 3, 14), True)


def test_an_advance_as_of_a_day_of_the_incursion_s_first_week_runs_from_its_first_day():
    body = ("Analysts in Washington said Ukrainian troops had advanced as much as 12 kilometres into the Kursk region "
            "as of Wednesday.")
    (p,) = [p for p in _props(body, published="2024-08-08") if p["event_type"] == "ground_assault"]
    assert p["admin1_code"] == "RU-KRS"
    assert _days(p) == ("2024-08-06", "2024-08-07")


# -- session 12: an undated state told in the incursion's first month --------------------------------------------
@pytest.mark.parametrize("body", [
    "Ukrainian units have captured three villages west of Sudzha, Kursk region, a Russian channel said.",
    "Authorities are evacuating residents of the Kursk region.",
    "KURSK, August 14 /TASS/. Ukrainian shelling of Sudzha district, Kursk region, has eased, a local head told TASS.",
])
def test_an_undated_kursk_state_in_the_incursions_first_month_runs_from_its_first_day(body):
    """No date in the sentence, its paragraph or the story (a dateline's day is the report's): the state was
    reached on some day since the incursion began, not on the day it was told."""
    props = _props(body, published="2024-08-14")
    assert props and all(_days(p) == ("2024-08-06", "2024-08-14") for p in props), [_days(p) for p in props]


@pytest.mark.parametrize("body,published,expected", [
    # a start or an order told on its day: that day
    ("Officials have begun evacuating residents of the Glushkovo district of the Kursk region.", "2024-08-14",
     ("2024-08-14",) * 2),
    ("Officials ordered the evacuation of Kursk region residents.", "2024-08-14", ("2024-08-14",) * 2),
    # a day the text names keeps it
    ("On Tuesday a drone hit a car near Sudzha in the Kursk region.", "2024-08-14", ("2024-08-13",) * 2),
    # the Sumy side of the border, and a later month of Kursk reporting: the report's day as before
    ("Officials are evacuating residents of the Sumy region.", "2024-08-14", ("2024-08-14",) * 2),
    ("Authorities are evacuating residents of the Kursk region.", "2024-11-20", ("2024-11-20",) * 2),
    ("Ukrainian units have captured three villages west of Sudzha, Kursk region.", "2024-11-20",
     ("2024-11-20",) * 2),
])
def test_a_kursk_state_keeps_its_own_day_outside_the_incursions_opening(body, published, expected):
    props = _props(body, published=published)
    assert props and all(_days(p) == expected for p in props), [_days(p) for p in props]


@pytest.mark.parametrize("body,published,expected", [
    # in the incursion's first month, a Kursk event told as "recent" began no earlier than the incursion
    ("Ukrainian units recently captured two villages west of Sudzha, Kursk region.", "2024-08-09",
     ("2024-08-06", "2024-08-09")),
    # the month up to the report elsewhere, and later
    ("Ukrainian units recently captured two villages near Yunakivka in the Sumy region.", "2024-08-09",
     ("2024-07-10", "2024-08-09")),
    ("Ukrainian units recently captured two villages west of Sudzha, Kursk region.", "2024-11-20",
     ("2024-10-21", "2024-11-20")),
])
def test_recently_in_the_incursions_first_month_reaches_back_to_its_first_day_only(body, published, expected):
    (p,) = _props(body, published=published)
    assert _days(p) == expected


@pytest.mark.parametrize("text", [
    "Since Kyiv's troops entered the Kursk region, Moscow has moved about 40,000 soldiers there.",
    "Since Ukrainian forces broke across the border, the army says it has destroyed 70 tanks.",
    "The ministry counts 9,000 enemy dead since Ukraine's army crossed into Russia.",
])
def test_a_tally_since_ukrainian_troops_crossed_runs_from_the_incursions_first_day(text):
    (span,) = find_dates(text, parse_published("2024-11-24"))
    assert (span.start, span.end) == (D(2024, 8, 6), D(2024, 11, 24))


def test_a_crossing_by_others_or_into_a_war_is_no_tally_since_the_incursion():
    assert find_dates("Since Ukraine entered the war, prices have risen.", parse_published("2024-11-24")) == []
    spans = find_dates("Since Russian troops crossed the border, 20 villages were lost.", parse_published("2025-06-20"))
    assert all(s.start != D(2024, 8, 6) for s in spans)


def test_an_undated_later_paragraph_after_a_day_of_the_past_week_runs_from_that_day_to_the_report():
    body = ("On July 26 a drone hit a tractor near Rylsk in the Kursk region, the governor said.\n\n"
            "The governor also said a drone struck a house in Glushkovo, wounding a woman.")
    days = {p["place"]: _days(p) for p in _props(body, published="2025-07-29")}
    assert days == {"Ryl’sk": ("2025-07-26", "2025-07-26"), "Glushkovo": ("2025-07-26", "2025-07-29")}
    # a day two weeks back is background: the week up to it, as before
    body = body.replace("July 26", "July 12")
    days = {p["place"]: _days(p) for p in _props(body, published="2025-07-29")}
    assert days["Glushkovo"] == ("2025-07-07", "2025-07-12")


def test_a_summary_of_the_night_dates_each_community_by_the_night():
    body = ("At night and then at dawn, enemy guns fired 14 times on border villages of Sumy oblast, the oblast's "
            "military administration said. The Esman and Bilopillia communities were shelled.")
    days = {p["place"]: _days(p) for p in _props(body, published="2025-06-11")}
    assert days and set(days.values()) == {("2025-06-10", "2025-06-11")}


def test_a_day_then_at_night_is_the_night_that_ends_on_it():
    (p,) = _props("On June 7, at night, a Russian drone struck a warehouse in Konotop, the mayor said.")
    assert _days(p) == ("2025-06-06", "2025-06-07")


def test_a_day_then_its_night_told_of_one_strike_is_the_night():
    # the day first, the night it ends after: the same two days as the other way round
    body = ("Russian drones struck a bakery in Konotop on June 7, the mayor said.\n\n"
            "On the night of June 7, drones struck the bakery in Konotop and set its roof on fire.")
    (p,) = _props(body)
    assert _days(p) == ("2025-06-06", "2025-06-07")


def test_the_fighting_a_tally_counts_from_is_no_event_of_its_own():
    # the count since the fighting began is the sentence's event; "the fighting" dates it and tells no clash
    body = "Kyiv has lost up to 1,500 soldiers and 20 tanks since the onset of fighting in Kursk oblast, Moscow said."
    (p,) = _props(body, published="2024-08-19")
    assert (p["event_type"], p["sub_type"]) == ("other", "casualties")
    assert _days(p) == ("2024-08-06", "2024-08-19")


def test_a_glued_sentence_lends_its_day_to_no_event_before_it():
    # the page dropped the space after the stop: "over the past 24 hours" is the next sentence's, not the capture's
    body = ("Russian forces took control of Basivka, a village of Sumy oblast, the ministry said on Wednesday. "
            "\"Units have freed Basivka,\" the staff wrote in its update.Over the past 24 hours, another group "
            "of Russian forces struck positions in Kharkiv oblast.")
    days = {p["event_type"]: _days(p) for p in _props(body) if p["admin1_code"] == "UA-59"}
    assert days == {"ground_assault": ("2025-06-11", "2025-06-11")}


def test_a_night_told_just_after_a_strike_dated_by_its_statement_dates_the_strike():
    # the lede gives only the day the governor spoke; the quote after it names the night the strike came in
    body = ("A drone hit a block of flats in Rylsk, injuring four people, the acting governor said early Wednesday.\n\n"
            "\"The town came under a heavy enemy attack overnight,\" he wrote on Telegram.")
    (p,) = _props(body)
    assert _days(p) == ("2025-06-10", "2025-06-11")


def test_a_night_told_of_another_day_leaves_the_strike_its_day():
    body = ("A drone hit a block of flats in Rylsk, injuring four people, the acting governor said on Monday.\n\n"
            "\"The town came under a heavy enemy attack overnight,\" he wrote on Telegram.")
    (p,) = _props(body)
    assert _days(p) == ("2025-06-09", "2025-06-09")
