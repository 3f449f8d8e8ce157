"""Who says so, when a Russian or Ukrainian statement names its speaker once (issue 16).

A governor's or a regional administration's statement, relayed by an outlet, names the speaker in its
first paragraph and lists incidents in the paragraphs after it; each incident is that speaker's claim.
An English news article mixes the outlet's own reporting with claims, so there a claimant is carried
beyond its paragraph only to events of the report's own days (the relayed statement's news), never to
background of earlier days. The documents are in the project's own words.
"""
from __future__ import annotations

from geomap.extraction import extract


def _doc(body: str, language: str) -> str:
    return (f"---\nurl: https://example.org/r\noutlet: Example\npublished: 2025-06-03\nlanguage: {language}\n---\n"
            f"{body}\n")


def _props(text: str) -> list[dict]:
    return [f["properties"] for f in extract(text)]


def test_a_governors_statement_claims_the_incidents_in_the_paragraphs_after_it():
    text = _doc("Губернатор Курской области сообщил о последствиях атак за сутки.\n\n"
                "В Рыльске беспилотник ударил по жилому дому 2 июня.\n\n"
                "В Глушково 2 июня обстрелу подверглась котельная.", "ru")
    events = _props(text)
    assert len(events) >= 2
    for p in events:
        assert p["claim_status"] == "claimed", p
        assert any("governor" in (s.get("claimed_by") or "") for s in p["sources"]), p["sources"]


def test_an_administrations_summary_claims_every_hromada_line():
    text = _doc("Сумська обласна військова адміністрація повідомила про обстріли 2 червня.\n\n"
                "Білопільська громада: ворог завдав удару FPV-дроном.\n\n"
                "Краснопільська громада: мінометний обстріл.", "uk")
    events = _props(text)
    assert len(events) >= 2
    assert {p["claim_status"] for p in events} == {"claimed"}


def test_english_reporting_carries_a_claimant_only_to_the_report_s_own_days():
    text = _doc("Kursk governor Ivan Petrov said a drone hit a house in Rylsk on June 2.\n\n"
                "Ukrainian troops attacked Russian positions near Tetkino on June 2.\n\n"
                "In April, Ukrainian artillery had shelled Glushkovo.", "en")
    events = {p["event_type"] + " " + (p["place"] or ""): p for p in _props(text)}
    assert events["strike Ryl’sk"]["claim_status"] == "claimed"
    # the next paragraph tells the same day's news: the governor's, whose statement the report relays
    tetkino = next(p for k, p in events.items() if k.startswith("ground_assault"))
    assert tetkino["claim_status"] == "claimed"
    assert {s["claimed_by"] for s in tetkino["sources"]} == {"Kursk governor Ivan Petrov"}
    # background of an earlier month is the outlet's own telling
    glushkovo = next(p for k, p in events.items() if k.startswith("strike") and "Glushkovo" in p["sources"][0]["quote"])
    assert glushkovo["claim_status"] == "reported"
