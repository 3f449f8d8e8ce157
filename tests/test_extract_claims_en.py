"""Who says so, in English reporting (issue 16): each document in the project's own words.

An event someone states is `claimed`, with the claimant among its sources: "according to" a person named
earlier, "X said" closing a paragraph, a headline's "Speaker: words", a direct quotation or "he said"
after the speaker was named, an assessment, "confirmed to" an outlet; an event each side blames on the
other is `disputed` with both named. An event the outlet tells in its own voice stays `reported`.
"""
from __future__ import annotations

from geomap.extraction import extract


def _doc(body: str, published: str = "2025-06-11") -> str:
    return f"---\nurl: https://example.org/en\noutlet: Example\npublished: {published}\nlanguage: en\n---\n{body}\n"


def _props(body: str, published: str = "2025-06-11") -> list[dict]:
    return [f["properties"] for f in extract(_doc(body, published))]


def _claimants(p: dict) -> set[str]:
    return {s["claimed_by"] for s in p["sources"] if s["claimed_by"]}


def test_according_to_a_person_named_earlier_is_his_claim():
    body = ("The acting Kursk governor, Pavel Vetrov, spoke to reporters on Tuesday.\n\n"
            "According to Vetrov, a drone hit a barn in Rylsk.")
    (p,) = _props(body)
    assert (p["event_type"], p["place"], p["claim_status"]) == ("strike", "Ryl’sk", "claimed")
    assert _claimants(p) == {"Vetrov"}


def test_said_at_the_end_of_a_paragraph_names_the_claimant_of_the_events_before_it():
    body = ("Russian drones hit a school in Okhtyrka on Tuesday. Two teachers were hurt. "
            "The regional military administration said repairs would take a month.\n\n"
            "On 2 June artillery shelled Esman.")
    events = {p["place"]: p for p in _props(body)}
    assert events["Okhtyrka"]["claim_status"] == "claimed"
    assert _claimants(events["Okhtyrka"]) == {"Regional military administration"}
    # the next paragraph, told in the outlet's own voice about an earlier day, is no one's claim
    assert events["Esman"]["claim_status"] == "reported"


def test_a_relayed_statement_claims_the_same_night_s_incidents_told_in_later_paragraphs():
    body = ("Russian drones and glide bombs struck border villages overnight, killing two, Sumy governor Ivan "
            "Example said on Wednesday.\n\n"
            "Artillery shelled Khotin. A drone hit a barn in Krasnopillia.\n\n"
            "Last month a missile had destroyed the school in Bilopillia.")
    events = {p["place"]: p for p in _props(body) if p["event_type"] == "strike"}
    for place in ("Khotin", "Krasnopillya"):
        assert events[place]["claim_status"] == "claimed", place
        assert _claimants(events[place]) == {"Sumy governor Ivan Example"}, place
    # older background keeps the outlet's voice
    assert events["Bilopillia"]["claim_status"] == "reported"


def test_a_name_set_off_by_commas_is_the_speaker_not_what_follows_said():
    (p,) = _props("The governor of the region, Pavel Vetrov, said Ukraine had fired rockets at Rylsk on Monday.")
    assert p["claim_status"] == "claimed" and _claimants(p) == {"Pavel Vetrov"}


def test_a_headline_speaker_a_quotation_and_he_said_carry_the_claim():
    body = ("Army chief Ivan Petrenko: enemy assault near Yunakivka repelled\n\n"
            "Ivan Petrenko told a briefing that his troops were holding.\n\n"
            "\"The enemy shelled Khotin all night and lost two vehicles.\"\n\n"
            "He said Russian drones also hit a bridge near Krasnopillia on Monday.")
    events = {(p["event_type"], p["place"]): p for p in _props(body)}
    headline = events[("ground_assault", "Yunakivka")]
    assert headline["claim_status"] == "claimed"
    assert "Army chief Ivan Petrenko" in _claimants(headline)
    quoted = events[("strike", "Khotin")]
    assert quoted["claim_status"] == "claimed" and _claimants(quoted) == {"Ivan Petrenko"}
    bridge = next(p for (t, _), p in events.items() if t == "strike" and p is not quoted)
    assert bridge["claim_status"] == "claimed" and _claimants(bridge) == {"Ivan Petrenko"}


def test_section_labels_in_a_headline_are_no_speaker():
    (p,) = _props("Details: Russian drones hit a house in Shostka on Tuesday.")
    assert p["claim_status"] == "reported"


def test_assessments_and_a_confirmation_to_an_outlet_are_claims():
    (p,) = _props("Western assessments say that about 9,000 North Korean troops have been deployed in the "
                  "Kursk region.")
    assert (p["event_type"], p["claim_status"]) == ("deployment", "claimed")
    (p,) = _props("Ukrainian troops have retaken the village of Kindrativka in the Sumy region, a spokesman for "
                  "the northern group confirmed to a public broadcaster on Tuesday.")
    assert (p["event_type"], p["claim_status"]) == ("ground_assault", "claimed")
    assert any("spokesman" in who.lower() for who in _claimants(p))


def test_said_to_be_is_a_hedge_not_a_speaker():
    assert _props("Russian reserves are said to be moving toward the Sumy region.") == []


def test_a_strike_each_side_blames_on_the_other_is_disputed_with_both_named():
    body = ("Ukraine accused Russia on Sunday of bombing a hospital in the occupied town of Sudzha.\n\n"
            "Russian officials said Kyiv was behind the strike on the hospital.")
    (p,) = [p for p in _props(body, published="2025-02-02") if p["event_type"] == "strike"]
    assert p["claim_status"] == "disputed"
    claimants = _claimants(p)
    assert any("Ukrain" in who for who in claimants) and "Russian officials" in claimants


def test_a_claim_by_one_side_alone_stays_claimed():
    body = ("Russian officials said a Ukrainian drone hit a hospital in Sudzha on Sunday.\n\n"
            "The officials said the strike damaged the roof.")
    (p,) = [p for p in _props(body, published="2025-02-02") if p["event_type"] == "strike"]
    assert p["claim_status"] == "claimed"


def test_reported_by_names_the_speaker_and_the_outlet_citing_itself_is_no_claimant():
    text = ("---\nurl: https://example.org/en\noutlet: Border Herald\npublished: 2025-06-11\nlanguage: en\n---\n"
            "Russian drones hit a warehouse in Konotop on Tuesday.\n\n"
            "This was reported by Mayor Ivan Sydorenko, according to Border Herald.\n\n"
            "He said explosions were heard across the city for an hour.")
    (p,) = [f["properties"] for f in extract(text)]
    assert p["claim_status"] == "claimed"
    assert _claimants(p) == {"Mayor Ivan Sydorenko"}


def test_an_outlet_citing_itself_gives_way_to_the_source_it_names():
    text = ("---\nurl: https://example.org/en\noutlet: Border Herald\npublished: 2025-06-11\nlanguage: en\n---\n"
            "According to Border Herald, this was reported by the police of the Sumy region: Russian artillery "
            "shelled Khotin on Tuesday.")
    (p,) = [f["properties"] for f in extract(text)]
    assert p["claim_status"] == "claimed"
    assert _claimants(p) == {"Police of the Sumy region"}


def test_an_outlet_naming_itself_takes_no_claimant_from_the_paragraph_before():
    # the same paragraph without "according to Border Herald" is the governor's claim; with it, the outlet's own
    head = "---\nurl: https://example.org/en\noutlet: Border Herald\npublished: 2025-06-11\nlanguage: en\n---\n"
    said = "Governor Ivan Example said the night had been calm. "
    (relayed,) = [f["properties"] for f in extract(head + said + "Russian artillery shelled Khotin on Tuesday.")]
    (own,) = [f["properties"] for f in extract(head + said + "According to Border Herald, Russian artillery "
                                                "shelled Khotin on Tuesday.")]
    assert relayed["claim_status"] == "claimed" and _claimants(relayed) == {"Governor Ivan Example"}
    assert own["claim_status"] == "reported" and _claimants(own) == set()
    assert [s["claimed_by"] for s in own["sources"]] == [None]


def test_the_outlet_s_own_voice_names_no_one_and_is_not_a_sentence_still_to_search():
    from geomap.extraction.claims import OWN_VOICE
    from geomap.extraction.events import PENDING

    assert OWN_VOICE.who is None and PENDING.who == ""
    assert OWN_VOICE != PENDING


def test_an_agency_citing_officials_relays_their_claim():
    (p,) = _props("Russian drones hit a depot in Shostka on Tuesday, a news agency reported, citing the regional "
                  "military administration.")
    assert p["claim_status"] == "claimed"
    assert _claimants(p) == {"Regional military administration"}
    (p,) = _props("A Ukrainian drone hit a fuel tank in Rylsk on Tuesday, TASS reported.")
    assert p["claim_status"] == "claimed" and _claimants(p) == {"TASS"}


def test_a_denial_told_before_the_claim_disputes_it():
    body = ("The Ukrainian president on Monday denied that Russian troops had taken the village of Yunakivka.\n\n"
            "A Chechen commander said on Sunday that his fighters had captured Yunakivka.")
    (p,) = [p for p in _props(body, published="2025-06-09") if p["event_type"] == "ground_assault"]
    assert p["place"] == "Yunakivka" and p["claim_status"] == "disputed"
    assert len(p["sources"]) == 2
    # a denial about another village leaves the claim a claim
    body = ("The Ukrainian president on Monday denied that Russian troops had taken the village of Khotin.\n\n"
            "A Chechen commander said on Sunday that his fighters had captured Yunakivka.")
    (p,) = [p for p in _props(body, published="2025-06-09") if p["event_type"] == "ground_assault"]
    assert p["place"] == "Yunakivka" and p["claim_status"] == "claimed"


def test_a_source_line_names_the_claimant_of_the_report_before_and_after_it():
    # an agency's relay of an administration's post: headline and lede first, then "Source:", then details
    body = ("Russian drones hit Okhtyrka at night, one man hurt\n\n"
            "Russian drones hit Okhtyrka overnight, wounding a man and damaging two houses.\n"
            "Source: Sumy Oblast Military Administration on Telegram\n"
            "Details: Guns also shelled Esman in the morning, damaging a shop.")
    events = {p["place"]: p for p in _props(body)}
    for place in ("Okhtyrka", "Esman"):
        assert events[place]["claim_status"] == "claimed", place
        assert _claimants(events[place]) == {"Sumy Oblast Military Administration"}, place


def test_without_a_source_line_the_same_report_is_the_outlet_s_own():
    body = ("Russian drones hit Okhtyrka overnight, wounding a man and damaging two houses.\n"
            "Guns also shelled Esman in the morning, damaging a shop.")
    assert {p["claim_status"] for p in _props(body)} == {"reported"}


def test_a_relay_with_reference_to_an_administration_is_its_claim():
    (p,) = _props("Russian troops attacked Yunakivka at dawn, an agency reported with reference to "
                  "the Sumy regional military administration.")
    assert p["claim_status"] == "claimed"
    assert _claimants(p) == {"Sumy regional military administration"}


def test_per_a_source_names_the_claimant():
    (p,) = _props("Russian troops entered Yunakivka on Monday, per the DeepState monitoring group.")
    assert p["claim_status"] == "claimed" and _claimants(p) == {"DeepState monitoring group"}
    # "per day" is a rate, not a source
    (q,) = _props("Russian guns fired forty shells per day at Shostka on Monday.")
    assert q["claim_status"] == "reported"


def test_it_said_is_the_word_of_the_body_named_before():
    body = ("The defence ministry said on Monday that its troops were pressing on near Sudzha.\n\n"
            "A drone also hit a depot in Rylsk, it said.")
    events = {p["place"]: p for p in _props(body)}
    assert events["Ryl’sk"]["claim_status"] == "claimed"
    assert _claimants(events["Ryl’sk"]) == {"Defence ministry"}


def test_geolocated_footage_and_a_side_granting_the_other_s_gain_confirm():
    (seen,) = _props("Geolocated footage shows Russian troops advanced into Yunakivka on Monday.")
    assert seen["claim_status"] == "confirmed"
    (granted,) = _props("The Sumy governor acknowledged on Monday that Russian troops had captured Yunakivka.")
    assert granted["claim_status"] == "confirmed" and _claimants(granted) == {"Sumy governor"}
    # a side that grants nothing confirms nothing
    for text in ("Russia said on Monday its troops captured Yunakivka; Kyiv has not acknowledged it.",
                 "Russia said on Monday its troops captured Yunakivka, though Kyiv made no acknowledgement of it."):
        (p,) = _props(text)
        assert p["claim_status"] == "claimed", text
    # the same capture told by the side that made it stays its claim
    (own,) = _props("The Russian defence ministry said on Monday that its troops had captured Yunakivka.")
    assert own["claim_status"] == "claimed"


def test_a_speaker_with_a_long_title_is_named_and_carried_to_what_he_explains_next():
    body = ("Deputy Chair of the Sumy Regional Council Taras Hnatiuk announced that Ukrainian troops had pushed "
            "the enemy out of Yunakivka. He further explained that Russian troops kept attacking near Khotin.")
    events = {p["place"]: p for p in _props(body)}
    for place in ("Yunakivka", "Khotin"):
        assert events[place]["claim_status"] == "claimed"
        assert _claimants(events[place]) == {"Deputy Chair of the Sumy Regional Council Taras Hnatiuk"}


def test_a_title_in_lower_case_before_the_name_is_part_of_the_speaker():
    (p,) = _props("Russian guns shelled a farm in Esman on Monday, Polish lawmaker Jan Nowak told reporters.")
    assert p["claim_status"] == "claimed" and _claimants(p) == {"Polish lawmaker Jan Nowak"}


def test_a_phrase_set_off_by_commas_between_the_speaker_and_said():
    (p,) = _props("The regional authority, in a message on its website, said drones struck a depot in Shostka.")
    assert p["claim_status"] == "claimed" and _claimants(p) == {"Regional authority"}


def test_claimed_to_have_is_the_subject_s_claim():
    (p,) = _props("The defence ministry in Moscow claimed to have struck Ukrainian troops in Yunakivka.")
    assert p["claim_status"] == "claimed" and _claimants(p) == {"Defence ministry in Moscow"}


def test_citing_an_outlet_and_a_name_after_a_closing_quotation_mark():
    # the outlet citing a paper: the paper's claim
    (p,) = _props("Russian troops pushed Ukrainian units out of Korenevo, Example reports, citing ZEITUNG.")
    assert p["claim_status"] == "claimed" and _claimants(p) == {"ZEITUNG"}
    (p,) = _props("\"A Ukrainian drone struck a shed in Rylsk and set it alight,\" Vetrov wrote.")
    assert p["claim_status"] == "claimed" and _claimants(p) == {"Vetrov"}
    # a pronoun after the quotation names no one
    (p,) = _props("\"A Ukrainian drone struck a shed in Rylsk and set it alight,\" He wrote.")
    assert p["claim_status"] == "reported"


def test_an_evacuation_ordered_by_a_governor_is_his_claim():
    (p,) = _props("The governor of the Kursk region, Pavel Vetrov, on Monday ordered the evacuation of "
                  "every village of the Rylsk district within ten kilometres of the border.")
    assert p["event_type"] == "other"
    assert p["claim_status"] == "claimed" and _claimants(p) == {"Pavel Vetrov"}


def test_this_was_reported_by_names_the_claimant_of_the_events_told_before_it():
    body = ("Enemy drone hits a farm near Esman\n\n"
            "On Monday morning an enemy drone struck a farm near Esman, setting a barn alight.\n\n"
            "This was reported by the regional prosecutor's press service, Example reports.")
    (p,) = _props(body)
    assert p["claim_status"] == "claimed"
    assert _claimants(p) == {"Regional prosecutor's press service"}
    # the same report with the source's name in its own voice ("X reported this") and without any
    body2 = body.replace("This was reported by the regional prosecutor's press service, Example reports.",
                         "The regional police reported this on Telegram.")
    (p,) = _props(body2)
    assert p["claim_status"] == "claimed" and _claimants(p) == {"Regional police"}
    (p,) = _props(body.rsplit("\n\n", 1)[0])
    assert p["claim_status"] == "reported"


def test_said_this_was_is_no_reference_to_the_events_before():
    body = ("On Monday morning an enemy drone struck a farm near Esman.\n\n"
            "One blogger said this was a feint before a larger push.")
    (p,) = [p for p in _props(body) if p["event_type"] == "strike"]
    assert p["claim_status"] == "reported"


def test_a_headline_s_source_after_a_dash_claims_its_event_and_the_report_s_news():
    body = ("Drone wounds a farmer near Khotin – RMA\n\n"
            "A drone dropped a grenade on a tractor near Khotin on Wednesday morning, wounding the driver.\n\n"
            "A second drone hit a shed in Krasnopillia an hour later.")
    events = {p["place"]: p for p in _props(body)}
    assert events["Khotin"]["claim_status"] == "claimed" and _claimants(events["Khotin"]) == {"RMA"}
    assert events["Krasnopillya"]["claim_status"] == "claimed" and _claimants(events["Krasnopillya"]) == {"RMA"}


def test_a_clause_or_a_count_after_a_headline_s_dash_is_no_source():
    for headline in ("Shelling of Khotin goes on - Russia moves more guns", "Drones hit Khotin - two hurt",
                     "Drones hit Khotin – photo"):
        (p,) = [p for p in _props(headline + "\n\nOn 2 June a drone hit a barn in Khotin.") if p["place"] == "Khotin"]
        assert p["claim_status"] == "reported", headline


def test_a_dash_closing_a_quotation_names_the_speaker_after_it():
    body = ("Governor Ivan Petrenko posted an update in the evening.\n\n"
            "Russian drones hit two houses in Khotin during the day, one person was hurt - Petrenko wrote.")
    (p,) = [p for p in _props(body) if p["place"] == "Khotin"]
    assert p["claim_status"] == "claimed" and _claimants(p) == {"Petrenko"}


def test_a_strike_claim_the_struck_side_says_it_shot_down_is_disputed():
    body = ("Ukraine's general staff said on Thursday that its missiles hit a Russian command post in Rylsk. "
            "Moscow's defence ministry said air defence crews had downed four Ukrainian missiles in the area.")
    (p,) = [p for p in _props(body) if p["event_type"] == "strike"]
    assert p["claim_status"] == "disputed"
    assert _claimants(p) == {"Ukrainian general staff", "Russian defence ministry"}


def test_a_strike_one_side_claims_with_a_count_of_its_own_intercepts_stays_claimed():
    body = ("Ukraine's general staff said on Thursday that its missiles hit a Russian command post in Rylsk. "
            "Ukraine's air force said it also shot down two Russian drones that night.")
    (p,) = [p for p in _props(body) if p["event_type"] == "strike" and p["place"] == "Ryl’sk"]
    assert p["claim_status"] == "claimed"


def test_ground_granted_by_the_side_it_costs_is_confirmed():
    body = ("The Sumy regional military administration said on Tuesday that Russian forces had captured the "
            "village of Yunakivka.")
    (p,) = [p for p in _props(body) if p["event_type"] == "ground_assault"]
    assert p["claim_status"] == "confirmed"


def test_ground_claimed_by_the_side_that_gained_it_stays_claimed():
    body = "Russia's defence ministry said on Tuesday that its forces had captured the village of Yunakivka."
    (p,) = [p for p in _props(body) if p["event_type"] == "ground_assault"]
    assert p["claim_status"] == "claimed"


def test_a_withdrawal_told_by_the_side_that_withdrew_is_confirmed_by_the_other_side_claimed():
    def status(body):
        (p,) = [p for p in _props(body) if p["sub_type"] == "withdrawal"]
        return p["claim_status"]
    assert status("Ukraine's general staff said on Sunday that its troops had withdrawn from Sudzha.") == "confirmed"
    assert status("Russia's defence ministry said on Sunday that Ukrainian troops had withdrawn from Sudzha.") == "claimed"


def test_a_wire_s_dateline_without_a_country_is_not_part_of_the_claimant():
    (p,) = _props("MOSCOW (Wire) — Russia's defence ministry said Friday its troops had captured the village of "
                  "Tetkino.", published="2025-06-13")
    assert p["claim_status"] == "claimed"
    assert _claimants(p) == {"Russian defence ministry"}


def test_geolocation_footage_confirms_as_geolocated_footage_does():
    (p,) = _props("Geolocation footage from June 9 shows Ukrainian troops advanced into Tetkino, analysts wrote.")
    assert (p["event_type"], p["claim_status"]) == ("ground_assault", "confirmed")


def test_a_quotation_s_closing_mark_or_an_agency_s_tag_is_no_part_of_the_claimant():
    body = ('"Our air defences downed a drone over Rylsk overnight," the ministry said.\n\n'
            "Drones struck a depot in Glushkovo on June 9, a Washington war-studies institute (ISW) said.")
    claimants = {who for p in _props(body) for who in _claimants(p)}
    assert claimants == {"Ministry", "ISW"}


def test_a_claim_answered_a_paragraph_later_in_other_words_than_denied_is_disputed():
    claim = "Russia's defence ministry said its troops had captured Yunakivka.\n\n"
    answers = {
        "Kyiv's border guards dismissed Moscow's statements as untrue.": "Ukrainian border guards",
        "A Ukrainian spokesman called the report false.": "Ukrainian spokesman",
        'Kyiv\'s army spokesman accused Moscow of "lying".': "Ukrainian army spokesman",
        "Ukraine's general staff branded it propaganda.": "Ukrainian general staff",
    }
    for answer, denier in answers.items():
        (p,) = _props(claim + answer)
        assert (p["place"], p["claim_status"]) == ("Yunakivka", "disputed"), answer
        assert _claimants(p) == {"Russian defence ministry", denier}, answer
    # a report of propaganda is no answer to the claim
    (p,) = _props(claim + "Propaganda channels in Moscow shared a video of the village.")
    assert p["claim_status"] == "claimed"


def test_a_name_then_its_title_set_off_by_commas_then_the_verb_is_the_claimant():
    body = ("On Tuesday, Petro Example, spokesman for the border units in the region, told a television channel "
            "that Russian troops had pushed two kilometres toward Yunakivka.")
    (p,) = [p for p in _props(body) if p["event_type"] == "ground_assault"]
    assert p["claim_status"] == "claimed"
    assert _claimants(p) == {"Petro Example"}
    body = "Maria Example, the acting governor of the oblast, wrote that a drone hit a barn in Rylsk."
    (p,) = _props(body)
    assert (p["event_type"], p["place"], p["claim_status"]) == ("strike", "Ryl’sk", "claimed")
    assert _claimants(p) == {"Maria Example"}


def test_a_place_before_a_title_set_off_by_commas_is_no_claimant():
    body = "In Velyka Pysarivka, the head of the hromada, a drone set a barn on fire on Tuesday, local media said."
    for p in _props(body):
        assert "Velyka" not in " ".join(_claimants(p))


def test_as_opening_a_relay_is_no_claimant():
    """"As reported by X, ...": X is the claimant; the "As" that opens the clause names nobody, and a bare
    "As noted, ..." leaves the event the outlet's own."""
    (p,) = _props("As reported by the Sumy regional administration, a drone hit a shop in Sumy on Tuesday.")
    assert p["claim_status"] == "claimed" and _claimants(p) == {"Sumy regional administration"}
    (p,) = _props("As noted before, a drone hit a shop in Sumy on Tuesday.")
    assert p["claim_status"] == "reported" and not _claimants(p)


def test_ground_the_losing_side_says_the_other_holds_is_confirmed():
    """The side it costs granting it: a Ukrainian body saying a Sumy village is "under Russian control" confirms
    the Russian gain; the same words from Moscow, or a mere attack told by Kyiv, stay a claim."""
    (p,) = _props("The Sumy regional military administration said on Tuesday that the village of Yunakivka "
                  "is now under Russian control.")
    assert (p["event_type"], p["claim_status"]) == ("ground_assault", "confirmed")
    (p,) = _props("Russia's defence ministry said on Tuesday that the village of Yunakivka is now under Russian control.")
    assert p["claim_status"] == "claimed"
    (p,) = _props("The Sumy regional military administration said on Tuesday that Russian troops attacked "
                  "the village of Yunakivka.")
    assert p["claim_status"] == "claimed"


def test_according_to_at_the_head_of_a_sentence_claims_only_what_follows_it():
    # the background the outlet tells in its own voice stays its own; the source named at the head of the next
    # sentence vouches for that sentence (a closing "..., X said." would claim the paragraph)
    body = ("Fighting in the Glushkovo district flared up on 2 June. "
            "According to the regional emergencies ministry, 4,000 residents were evacuated from the district.")
    events = {p["event_type"]: p for p in _props(body)}
    assert events["ground_assault"]["claim_status"] == "reported"
    assert events["other"]["claim_status"] == "claimed"
