"""Russian and Ukrainian extraction, language detection and the shapes of official statements.

Every document here is written in the project's own words, shaped like a regional governor's post,
a defence ministry bulletin or a regional administration's daily summary; none is a copy of a report.
"""
from __future__ import annotations

import re

import pytest

from geomap.extraction import extract, extract_paths
from geomap.extraction import lexicon_cyr as C
from geomap.extraction.output import summary_lines


def _doc(body: str, published: str = "2025-03-10", language: str | None = None, url: str = "https://example.org/r") -> str:
    lang = f"language: {language}\n" if language else ""
    return f"---\nurl: {url}\noutlet: Example\npublished: {published}\n{lang}---\n{body}\n"


def _props(text: str) -> list[dict]:
    return [f["properties"] for f in extract(text)]


# --- lexicon records: gates and regexes derived from the words ------------------------------------
def _records():
    for lang, lex in C.LEXICONS.items():
        for rec in (*lex.triggers, *lex.weapons, *lex.actors, *lex.claimants, lex.hedge, lex.negation, lex.denial,
                    lex.speech, lex.killed, lex.wounded, lex.alleged, lex.near, lex.origin, *lex.halves):
            yield lang, rec


def _forms(word: str) -> list[str]:
    """Sample forms of a record word: the bare stem and the stem with an ending."""
    bare = " ".join(t.rstrip("*") for t in word.split(" "))
    ending = " ".join(t.rstrip("*") + ("ами" if t.endswith("*") else "") for t in word.split(" "))
    return [bare, ending]


@pytest.mark.parametrize("lang,rec", list(_records()), ids=lambda x: x if isinstance(x, str) else x.label)
def test_each_record_matches_its_own_words_and_its_gate_lets_them_through(lang, rec):
    assert rec.gate == frozenset(w.split(" ")[0].rstrip("*")[:4] for w in rec.words)
    for word in rec.words:
        for form in _forms(word):
            text = f"— {form}, —"
            keys = C.gate_keys(text)
            assert not keys.isdisjoint(rec.gate), (word, form)
            m = rec.search(text, keys)
            assert m is not None and m.group().startswith(form.split(" ")[0]), (word, form)


def test_a_record_matches_whole_words_only():
    rec = C.Record("t", ("удар", "обстрел*"))
    assert rec.search("ударник пришёл", C.gate_keys("ударник пришёл")) is None
    assert rec.search("после обстрелов", C.gate_keys("после обстрелов")).group() == "обстрелов"
    assert rec.search("после  обстрела", C.gate_keys("после  обстрела")) is not None


def test_adding_a_word_is_one_edit_that_updates_gate_and_regex():
    rec = C.Record("strike", ("обстрел*",))
    more = C.Record("strike", rec.words + ("прилет*",))
    assert "прил" in more.gate and "прил" not in rec.gate
    assert more.search("прилеты по селу", C.gate_keys("прилеты по селу"))


# --- Russian ----------------------------------------------------------------------------------------
GOVERNOR = _doc(
    "Глава Курской области сообщил в своём канале, что в ночь на 14 августа украинские беспилотники атаковали "
    "Суджа, погибли 2 человека и ещё 3 человека ранены.\n\n"
    "Курская область: опасность атаки БПЛА. Силы ПВО готовы отразить возможную атаку.",
    published="2024-08-15", language="ru")


def test_russian_governor_statement_gives_a_dated_claimed_drone_strike_with_casualties():
    events = _props(GOVERNOR)
    strikes = [p for p in events if p["event_type"] == "strike"]
    assert len(strikes) == 1
    p = strikes[0]
    assert p["sub_type"] == "drone_strike"
    assert (p["date_start"], p["date_end"]) == ("2024-08-13", "2024-08-14")  # the night's two days
    assert p["place"] == "Sudzha" and p["admin1_code"] == "RU-KRS" and p["geo_precision"] == "settlement"
    assert p["claim_status"] == "claimed"
    assert p["sources"][0]["claimed_by"] == "Kursk oblast governor"
    assert p["actors"] == ["Ukrainian forces"]
    assert p["fatalities"] == 2 and p["extra"]["wounded"] == 3


def test_an_alert_of_a_possible_drone_attack_is_not_an_event():
    assert _props(_doc("Курская область: опасность атаки БПЛА. Будьте внимательны.", language="ru")) == []


MOD = _doc(
    "Министерство обороны России сообщило, что подразделения группировки войск освободили населённые пункты "
    "Каменка, Борисовка и Лесное в Курской области.",
    published="2025-01-17", language="ru")


def test_ministry_liberation_list_gives_one_event_per_village_kept_at_the_oblast_when_unknown():
    events = [p for p in _props(MOD) if p["event_type"] == "ground_assault"]
    assert len(events) == 3
    assert {p["sub_type"] for p in events} == {"counteroffensive"}
    assert all(p["admin1_code"] == "RU-KRS" for p in events)
    mentions = sorted(p["place_mention"] for p in events)
    # a village the gazetteer lacks stays at the oblast with its name; one it knows outside Kursk oblast
    # is a namesake and is never a dot
    assert mentions == ["Борисовка", "Каменка", "Лесное"]
    assert all(p["geo_precision"] == "admin1" for p in events)
    assert all(p["sources"][0]["claimed_by"] == "Russian Ministry of Defence" for p in events)
    assert len({p["id"] for p in events}) == 3


def test_a_denial_in_the_next_sentence_makes_the_claim_disputed():
    text = _doc("Минобороны России заявило, что войска заняли Суджа. В Генштабе ВСУ назвали это сообщение фейком.",
                published="2025-03-01", language="ru")
    events = [p for p in _props(text) if p["event_type"] == "ground_assault"]
    assert len(events) == 1 and events[0]["claim_status"] == "disputed"


def test_negated_and_hedged_triggers_are_not_events():
    text = _doc("Обстрела Суджа не было. Противник может атаковать Суджа в ближайшие дни.", language="ru")
    assert _props(text) == []


# --- Ukrainian ----------------------------------------------------------------------------------------
SUMMARY = _doc(
    "За минулу добу окупанти 20 разів обстріляли прикордоння Сумщини, повідомила Сумська ОВА.\n\n"
    "Обстрілів зазнали Білопільська, Краснопільська та Великописарівська громади.\n\n"
    "Білопільська громада: мінометний обстріл (7 вибухів), удар КАБ (2 вибухи).\n\n"
    "У Краснопільській громаді ворог бив з артилерії (5 вибухів).",
    published="2025-03-12", language="uk")


def test_sumy_daily_summary_gives_one_event_per_hromada_at_its_centre():
    events = [p for p in _props(SUMMARY) if p["event_type"] == "strike"]
    by_place = {p["place"]: p for p in events if p["geo_precision"] != "admin1"}
    assert set(by_place) == {"Bilopillia", "Krasnopillya", "Velyka Pysarivka"}
    assert {p["geo_precision"] for p in by_place.values()} == {"admin2"}
    assert all(p["admin1_code"] == "UA-59" for p in events)
    # "за минулу добу" in a report of the 12th: the 11th and the 12th
    assert {(p["date_start"], p["date_end"]) for p in events} == {("2025-03-11", "2025-03-12")}
    assert by_place["Bilopillia"]["sub_type"] == "glide_bomb"  # the sharper weapon of the hromada's lines
    assert by_place["Krasnopillya"]["actors"] == ["Russian forces"]  # "the enemy" in a Ukrainian text
    assert len({p["id"] for p in events}) == len(events)


def test_ukrainian_dates_weekday_and_yesterday():
    text = _doc("У неділю росіяни атакували дроном Суми.\n\nВчора ворог обстріляв Білопілля з мінометів.",
                published="2025-04-16", language="uk")  # a Wednesday
    got = {p["place"]: p["date_start"] for p in _props(text)}
    assert got == {"Sumy": "2025-04-13", "Bilopillia": "2025-04-15"}


def test_attribution_by_za_slovamy_names_the_claimant():
    text = _doc("За словами голови Сумської ОВА, вночі ворог атакував Шостка ударними дронами.",
                published="2024-10-02", language="uk")
    (p,) = _props(text)
    assert p["claim_status"] == "claimed"
    assert p["sources"][0]["claimed_by"] == "Sumy regional military administration"
    assert p["place"] == "Shostka" and (p["date_start"], p["date_end"]) == ("2024-10-01", "2024-10-02")


# --- languages ----------------------------------------------------------------------------------------
def test_language_is_detected_when_front_matter_has_none():
    ru = _doc("В ночь на 3 марта ВСУ атаковали беспилотниками Суджа.", published="2025-03-03")
    uk = _doc("Вночі ворог обстріляв Білопілля з артилерії, повідомили в ОВА.", published="2025-03-03")
    assert [p["place"] for p in _props(ru)] == ["Sudzha"]
    assert [p["place"] for p in _props(uk)] == ["Bilopillia"]


def test_a_document_in_a_language_geomap_cannot_read_is_reported_not_silent(tmp_path):
    (tmp_path / "de.md").write_text(_doc(
        "Russische Truppen haben in der Nacht das Dorf Sudscha mit Drohnen angegriffen, teilte der Gouverneur mit. "
        "Die Angriffe dauerten bis zum Morgen."), encoding="utf-8")
    (tmp_path / "fr.md").write_text(_doc("Frappe de drones.", language="fr"), encoding="utf-8")
    (tmp_path / "ru.md").write_text(MOD, encoding="utf-8")
    result = extract_paths([tmp_path])
    warned = {r.document.split("/")[-1]: r.warnings for r in result.reports if r.warnings}
    assert set(warned) == {"de.md", "fr.md"}
    assert "'fr'" in warned["fr.md"][0]
    lines = summary_lines(result)
    assert any(line.startswith("warning: 2 documents gave no events") for line in lines)
    assert result.events  # the Russian document is still read


def test_unresolved_names_are_summarised_once_per_name_with_counts(tmp_path):
    for i in range(3):
        (tmp_path / f"d{i}.md").write_text(_doc(MOD.split("---\n", 2)[2], published="2025-01-17", language="ru",
                                                url=f"https://example.org/{i}"), encoding="utf-8")
    lines = summary_lines(extract_paths([tmp_path]))
    named = [line for line in lines if "'Лесное'" in line]
    assert len(named) == 1 and re.search(r"3 mentions in 3 documents", named[0])


def test_a_bulleted_list_of_hromadas_after_a_range_of_two_mornings():
    text = _doc("Протягом доби, з ранку 9 березня до ранку 10 березня, росіяни обстріляли прикордоння області.\n\n"
                "Під ударами були населені пункти таких громад:\n- Хотінська\n- Есманьська\n- Глухівська.\n",
                published="2025-03-10", language="uk")
    events = [p for p in _props(text) if p["geo_precision"] == "admin2"]
    assert sorted(p["place"] for p in events) == ["Esman", "Hlukhiv", "Khotin"]
    assert {(p["date_start"], p["date_end"]) for p in events} == {("2025-03-09", "2025-03-10")}


def test_a_headline_in_front_matter_dates_the_undated_summary_under_it():
    # our own words: a day's summary whose "за добу" is only in the title
    body = "Ворог атакував Юнаківську громаду дроном, зафіксовано один вибух."
    doc = ("---\nurl: https://example.org/r\noutlet: Example\npublished: 2025-03-10\nlanguage: uk\n"
           "title: \"Сумщина за добу: вибухи в громадах\"\n---\n" + body + "\n")
    strikes = [f["properties"] for f in extract(doc) if f["properties"]["event_type"] == "strike"]
    assert [(p["date_start"], p["date_end"]) for p in strikes] == [("2025-03-09", "2025-03-10")]
