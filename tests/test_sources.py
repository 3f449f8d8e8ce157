"""Sources as analysts hold them: saved pages, feeds and Telegram exports read into dated, addressed documents."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from geomap.cli.main import cli
from geomap.errors import InputError
from geomap.extraction import extract_paths
from geomap.documents import parse_published
from geomap.sources.registry import open_documents
from geomap.schema import make_feature, validate_features
from geomap.sources import read_source
from geomap.sources.language import detect_language
from geomap.sources.telegram import message_time

SOURCES = Path(__file__).resolve().parent / "data" / "sources"


def _texts(read):
    return {d.name.rsplit("#", 1)[-1]: d._text for d in read.documents}


# ---------------------------------------------------------------- saved pages

def test_saved_page_gives_article_text_title_time_and_canonical_address():
    read = read_source(SOURCES / "article-en.html", "article-en.html")
    assert not read.failed
    [doc] = read.documents
    assert doc.url == "https://borderland-monitor.example/2024/08/shostka-drone-strike"
    assert doc.outlet == "Borderland Monitor"
    assert doc.meta["title"] == "Drones strike near Shostka as Sumy border villages are shelled"
    assert doc.published.text == "2024-08-14T09:32+03:00"
    assert doc.published.start.isoformat() == "2024-08-14"
    assert doc.meta["language"] == "en"
    text = doc._text
    assert text.startswith("Russian forces struck the outskirts of Shostka")
    assert "reconnaissance drones seen over the forests" in text
    # navigation, caption, related block and footer are not the article
    for boiler in ("Subscribe to the newsletter", "Smoke rises", "Related stories", "Kursk incursion enters",
                   "All rights reserved", "Privacy policy"):
        assert boiler not in text
    assert text.count("\n\n") == 3  # four paragraphs, kept apart


def test_page_without_date_is_reported_and_read_with_published():
    with pytest.raises(InputError, match="no publication date found in the page; give --published"):
        raise read_source(SOURCES / "article-ru-nodate.html", "nodate.html").failed[0]
    [doc] = read_source(SOURCES / "article-ru-nodate.html", "nodate.html", published="2024-08-20").documents
    assert doc.published.text == "2024-08-20"
    assert doc.meta["language"] == "ru"
    assert doc.url == "https://severny-vestnik.example/news/kursk-border-situation"
    assert doc.outlet == "Северный вестник"
    assert "Глушково" in doc._text and "Читайте также" not in doc._text


# ---------------------------------------------------------------- feeds

def test_rss_entries_are_documents_with_their_own_time_link_and_text():
    read = read_source(SOURCES / "feed-en.rss", "feed-en.rss")
    assert not read.failed
    assert read.skipped == {"entries without text": 1}
    first, second = read.documents
    assert first.url == "https://frontier-wire.example/2024/08/20/glushkovo-shelled"
    assert first.published.text == "2024-08-20T16:45+03:00"
    assert second.published.text == "2024-08-21T08:10Z"
    assert first.outlet == "Frontier Wire" and first.meta["language"] == "en"
    assert first.meta["title"] == "Glushkovo shelled as fighting continues in Kursk region"
    # content:encoded is preferred to the shorter description; its figure caption is left out
    assert "A power line and a shop were damaged" in first._text
    assert "archive picture" not in first._text
    assert "\n\nResidents of the border villages" in first._text


def test_feed_entry_without_date_is_reported_or_takes_published():
    read = read_source(SOURCES / "feed-en-undated.rss", "undated.rss")
    assert not read.documents
    assert [str(e) for e in read.failed] == ["undated.rss#1: entry has no publication date; give --published"]
    [doc] = read_source(SOURCES / "feed-en-undated.rss", "undated.rss", published="2024-09").documents
    assert doc.published.text == "2024-09" and doc.published.precision == "month"


def test_atom_feed_in_ukrainian():
    [doc] = read_source(SOURCES / "feed-uk.atom", "feed-uk.atom").documents
    assert doc.meta["language"] == "uk"
    assert doc.published.text == "2024-09-02T11:20+03:00"  # published, not the later updated
    assert doc.url == "https://prykordonnyi-visnyk.example/news/seredyna-buda-obstril"
    assert doc.outlet == "Прикордонний вісник"
    assert "Середину-Буду" in doc._text


def test_not_a_feed_is_one_clear_error(tmp_path):
    bad = tmp_path / "notes.xml"
    bad.write_text("just some words, no markup at all\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"notes.xml: not an RSS/Atom feed"):
        read_source(bad, "notes.xml")



def test_a_feed_cut_short_before_its_first_entry_is_an_error_not_zero_documents(tmp_path):
    cut = tmp_path / "cut.xml"
    cut.write_text("<?xml version='1.0'?><rss version='2.0'><channel><title>Notes</title><item><title>A & B",
                   encoding="utf-8")
    with pytest.raises(InputError, match=r"cut.xml: broken feed, no entry could be read"):
        read_source(cut, "cut.xml")
    # cut after a whole entry: that entry is read, the damage reported beside it
    part = tmp_path / "part.xml"
    part.write_text("<?xml version='1.0'?><rss version='2.0'><channel><title>Notes</title><item><title>Drones</title>"
                    "<description>Drones struck a depot near Sumy.</description>"
                    "<pubDate>Mon, 02 Jun 2025 08:00:00 GMT</pubDate></item><item><title>A & B", encoding="utf-8")
    read = read_source(part, "part.xml")
    assert [d.meta["title"] for d in read.documents] == ["Drones"]
    assert len(read.failed) == 1 and "part.xml" in str(read.failed[0]) and "broken feed" in str(read.failed[0])
    # a well-formed feed that simply holds no entries is no error
    empty = tmp_path / "empty.xml"
    empty.write_text("<?xml version='1.0'?><rss version='2.0'><channel><title>Notes</title></channel></rss>",
                     encoding="utf-8")
    assert read_source(empty, "empty.xml").documents == []

# ---------------------------------------------------------------- Telegram

def test_telegram_posts_dated_to_the_minute_addressed_and_flattened():
    read = read_source(SOURCES / "telegram" / "result.json", "result.json", channel="sumy_region_notes")
    assert not read.failed
    assert read.skipped == {"service messages": 1, "stickers": 1, "posts without text": 2}
    docs = {d.meta["telegram_post"]: d for d in read.documents}
    assert sorted(docs) == [2, 5, 7]
    ua = docs[2]
    assert ua.url == "https://t.me/sumy_region_notes/2"
    assert ua.outlet == "Sumy Region Notes"
    assert ua.published.text == "2024-08-14T08:05+03:00"
    assert ua.meta["language"] == "uk"
    # bold, link and hashtag entities flattened to their text; the link's target is not text
    assert ua._text.startswith("Обстріли Сумщини за минулу добу\n\nВночі російські дрони")
    assert "сайті адміністрації." in ua._text and "example.org" not in ua._text and "#Сумщина" in ua._text
    edited = docs[5]
    assert edited.published.text == "2024-08-15T21:47+03:00"  # the first date stays
    assert edited.meta["edited"] == "2024-08-15T22:10+03:00"
    assert edited.record == {"language": "en", "edited": "2024-08-15T22:10+03:00"}


def test_telegram_channel_name_from_mapping_file_else_private_address(tmp_path):
    # the fixture folder holds telegram-channels.yaml
    [doc, *_] = read_source(SOURCES / "telegram" / "result.json", "result.json").documents
    assert doc.url == "https://t.me/sumy_region_notes/2"
    lone = tmp_path / "export" / "result.json"
    lone.parent.mkdir()
    shutil.copy(SOURCES / "telegram" / "result.json", lone)
    [doc, *_] = read_source(lone, "result.json").documents
    assert doc.url == "https://t.me/c/1987654321/2"
    with pytest.raises(InputError, match="is not a Telegram public name"):
        read_source(lone, "result.json", channel="no spaces please")


def test_telegram_time_keeps_the_exporters_offset():
    # a winter post exported on a computer at UTC+2: local 09:15, 07:15 UTC
    assert message_time("2025-01-20T09:15:59", "1737357359").isoformat() == "2025-01-20T09:15:59+02:00"
    assert message_time("2025-01-20T09:15:59", None).tzinfo is None


def test_broken_or_foreign_json_is_one_clear_error(tmp_path):
    bad = tmp_path / "result.json"
    bad.write_text('{"name": "x", "messages": [\n  {"id": 1,,}\n]}', encoding="utf-8")
    with pytest.raises(InputError, match=r"result.json, line 2, column 12: not valid JSON"):
        read_source(bad, "result.json")
    bad.write_text(json.dumps({"type": "FeatureCollection", "features": []}), encoding="utf-8")
    with pytest.raises(InputError, match="not a Telegram Desktop export: no 'messages' list"):
        read_source(bad, "result.json")


# ---------------------------------------------------------------- language, publication time

def test_language_detection():
    assert detect_language("Russian forces shelled the outskirts of the town overnight, officials said.") == "en"
    assert detect_language("Ночью беспилотники атаковали окрестности города, сообщил губернатор.") == "ru"
    assert detect_language("Уночі дрони атакували околиці міста, повідомила обласна адміністрація.") == "uk"
    assert detect_language("12:40 — !!") is None


@pytest.mark.parametrize("text, lang", [
    ("Уночі дрони атакували околиці Сум, є поранені.", "uk"),  # short: the letters (і, є) decide
    ("Ночью дроны атаковали окрестности Курска, есть раненые.", "ru"),
    ("Troops were moved to the border after the attack on the town.", "en"),
    ("Die Truppen wurden nach dem Angriff an die Grenze verlegt, sagte der Sprecher.", "de"),
])
def test_one_detector_the_document_and_extraction_agree_on_the_language(tmp_path, text, lang):
    """A document's detected language is the one extraction reads it in (en/ru/uk by their letters)."""
    from geomap.extraction import extract_paths
    from geomap.sources.language import readable_language

    assert detect_language(text) == lang
    assert readable_language(text) == (lang if lang in ("en", "ru", "uk") else None)
    path = tmp_path / "doc.txt"
    path.write_text(text + "\n", encoding="utf-8")
    [doc] = open_documents(path, published="2025-01-10")
    assert doc.meta["language"] == lang
    report = extract_paths([path], "2025-01-10").reports[0]
    assert any("not one geomap reads" in w for w in report.warnings) == (lang == "de")


def test_markdown_documents_get_a_language_unless_front_matter_gives_one(tmp_path):
    given = tmp_path / "given.md"
    given.write_text("---\nurl: https://a.example/x\npublished: 2024-08-01\nlanguage: de\n---\nRussian forces "
                     "shelled Sudzha on Monday.\n", encoding="utf-8")
    detected = tmp_path / "detected.txt"
    detected.write_text("Уночі російська артилерія обстріляла Краснопілля, повідомила адміністрація.\n", encoding="utf-8")
    [a] = open_documents(given)
    [b] = open_documents(detected, published="2024-08-01")
    assert a.meta["language"] == "de" and b.meta["language"] == "uk"


@pytest.mark.parametrize("value, text", [
    ("2024-08-14T09:32+03:00", "2024-08-14T09:32+03:00"),
    ("2024-08-14T09:32:10Z", "2024-08-14T09:32:10Z"),
    ("2024-08-14", "2024-08-14"),
])
def test_published_keeps_the_time_the_source_gave(value, text):
    pub = parse_published(value)
    assert pub.text == text and pub.start.isoformat() == "2024-08-14" and pub.precision == "day"


def test_published_with_an_impossible_time_is_no_date():
    assert parse_published("2024-08-14T25:61") is None
    assert parse_published("2024-08-14T9") is None


def test_schema_accepts_a_publication_time(sample_props):
    ok = dict(sample_props, sources=[{"url": "https://t.me/sumy_region_notes/5", "outlet": "Sumy Region Notes",
                                      "published": "2024-08-15T21:47+03:00", "claimed_by": None, "quote": None}])
    assert validate_features([make_feature(ok, 35.271, 51.191)]) == []
    bad = dict(ok, sources=[dict(ok["sources"][0], published="15.08.2024 21:47")])
    [problem] = validate_features([make_feature(bad, 35.271, 51.191)])
    assert "sources[0].published" in str(problem)


# ---------------------------------------------------------------- end to end

def _project(tmp_path: Path) -> Path:
    seeds = tmp_path / "seeds"
    (seeds / "telegram").mkdir(parents=True)
    for name in ("result.json", "telegram-channels.yaml"):
        shutil.copy(SOURCES / "telegram" / name, seeds / "telegram" / name)
    shutil.copy(SOURCES / "article-en.html", seeds / "article-en.html")
    shutil.copy(SOURCES / "feed-en.rss", seeds / "feed-en.rss")
    shutil.copy(SOURCES / "feed-uk.atom", seeds / "feed-uk.atom")
    (tmp_path / "data" / "events").mkdir(parents=True)
    (tmp_path / "data" / "events" / "curated.yaml").write_text("[]\n", encoding="utf-8")
    return tmp_path


def _by_url(features):
    out = {}
    for f in features:
        for s in f["properties"]["sources"]:
            out.setdefault(s["url"], []).append((f["properties"], s))
    return out


def test_extract_cli_reads_export_page_and_feeds(tmp_path):
    root = _project(tmp_path)
    out = tmp_path / "events.geojson"
    res = CliRunner().invoke(cli, ["extract", str(root / "seeds"), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "7 documents: 7 read, 0 failed" in res.output
    assert "documents by language: en 5, uk 2" in res.output
    feats = json.loads(out.read_text(encoding="utf-8"))["features"]
    by_url = _by_url(feats)
    [(p, s)] = by_url["https://t.me/sumy_region_notes/7"]
    assert (p["event_type"], p["sub_type"], p["place"], p["date_start"]) == ("strike", "glide_bomb", "Yunakivka", "2024-08-16")
    assert s["published"] == "2024-08-16T20:03+03:00" and s["outlet"] == "Sumy Region Notes"
    assert p["extraction"]["language"] == "en"
    assert p["extraction"]["document"].endswith("result.json#7")


def test_telegram_post_edited_later_notes_the_edit_on_its_events(tmp_path):
    root = _project(tmp_path)
    res = extract_paths([root / "seeds" / "telegram"], base=root)
    by_url = _by_url(res.events)
    events = by_url["https://t.me/sumy_region_notes/5"]
    assert events
    for p, s in events:
        assert s["published"] == "2024-08-15T21:47+03:00"
        assert p["date_start"] <= "2024-08-15" == p["date_end"]  # anchored to the first date, not the edit
        assert p["extraction"]["edited"] == "2024-08-15T22:10+03:00"


def test_build_maps_events_dated_and_addressed_from_the_sources(tmp_path):
    from geomap.build import build
    from geomap.layers import read_layers

    root = _project(tmp_path)
    result = build(root, root / "out", render_map=True, report=False)
    feats = read_layers(root / "out" / "layers")
    assert result.total == len(feats) > 0
    by_url = _by_url(feats)
    # the Telegram post, the saved page and the feed entry each give events with their own address and time
    [(tg, tg_src)] = by_url["https://t.me/sumy_region_notes/7"]
    assert tg["origin"] == "extracted" and tg["date_start"] == "2024-08-16"
    assert tg_src["published"] == "2024-08-16T20:03+03:00"
    page = by_url["https://borderland-monitor.example/2024/08/shostka-drone-strike"]
    assert {s["published"] for _, s in page} == {"2024-08-14T09:32+03:00"}
    assert {p["admin1_code"] for p, _ in page} == {"UA-59"}
    [(feed, feed_src)] = by_url["https://frontier-wire.example/2024/08/20/glushkovo-shelled"]
    assert (feed["place"], feed["date_start"], feed_src["published"]) == ("Glushkovo", "2024-08-20", "2024-08-20T16:45+03:00")
    # the map's popups carry the address and the time as the source gave them
    html = (root / "out" / "map.html").read_text(encoding="utf-8")
    assert "https://t.me/sumy_region_notes/7" in html and "2024-08-16T20:03+03:00" in html


def test_report_source_list_shows_address_and_time(tmp_path):
    from geomap.render.report import build_report

    events = extract_paths([SOURCES / "telegram"]).events
    build_report(events, tmp_path / "report", formats=("html",))
    html = (tmp_path / "report" / "index.html").read_text(encoding="utf-8")
    assert '<a href="https://t.me/sumy_region_notes/7">https://t.me/sumy_region_notes/7</a>' in html
    assert "<td>2024-08-16T20:03+03:00</td>" in html  # the sources table: the time as the channel gave it
    assert "Sumy Region Notes (2024-08-16T20:03+03:00)" in html  # the event table's source label


def test_page_in_its_own_encoding(tmp_path):
    # many Russian sites still serve windows-1251
    html = (SOURCES / "article-ru-nodate.html").read_text(encoding="utf-8").replace('charset="utf-8"', 'charset="windows-1251"')
    page = tmp_path / "cp1251.html"
    page.write_bytes(html.encode("cp1251"))
    [doc] = read_source(page, "cp1251.html", published="2024-08-20").documents
    assert doc._text.startswith("Губернатор области сообщил, что ночью беспилотники атаковали окрестности Суджи")
    assert doc.meta["title"] == "Обстановка в приграничье Курской области"


def test_extract_cli_channel_option_and_bad_export(tmp_path):
    export = tmp_path / "result.json"
    shutil.copy(SOURCES / "telegram" / "result.json", export)
    out = tmp_path / "events.jsonl"
    res = CliRunner().invoke(cli, ["extract", str(export), "--telegram-channel", "@sumy_region_notes", "-o", str(out)])
    assert res.exit_code == 0, res.output
    urls = {s["url"] for line in out.read_text(encoding="utf-8").splitlines()
            for s in json.loads(line)["properties"]["sources"]}
    # the Ukrainian daily summary (post 2) and the two English posts give events; service, empty posts none
    assert urls == {"https://t.me/sumy_region_notes/2", "https://t.me/sumy_region_notes/5",
                    "https://t.me/sumy_region_notes/7"}
    export.write_text('{"messages": [}', encoding="utf-8")
    res = CliRunner().invoke(cli, ["extract", str(export)])
    assert res.exit_code == 1
    assert f"Error: {export}, line 1, column 15: not valid JSON: Expecting value" in res.output
    assert "Traceback" not in res.output
