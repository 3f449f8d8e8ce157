"""Extraction: documents, sentences, dates, triggers, places, merging, CLI and build, on real files."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import DATA, REPO

from geomap.errors import InputError
from geomap.extraction import extract, extract_paths
from geomap.extraction.dates import find_dates
from geomap.documents import open_document, parse_published
from geomap.extraction.sentences import split_sentences

SEED = REPO / "seeds" / "2025-10-businessinsider-north-korean-drone-operators.md"
CORPUS = DATA / "extract"
D = dt.date


def _geomap(*args, cwd=None):
    return subprocess.run([sys.executable, "-c", "from geomap.cli.main import cli; cli()", *args],
                          capture_output=True, text=True, cwd=cwd or REPO)


def _geomap_here(*args):
    """The geomap command run in this process (click's CliRunner), its exit code, stdout and stderr apart as a
    process gives them: for tests of what a command writes and says, not of the process (each `geomap` process
    started a Python and loaded the place index again, ~1 CPU-s)."""
    from types import SimpleNamespace

    from click.testing import CliRunner

    from geomap.cli.main import cli

    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return SimpleNamespace(returncode=result.exit_code, stdout=result.stdout, stderr=result.stderr)


def _span(text, published):
    spans = find_dates(text, parse_published(published))
    assert spans, f"no date found in {text!r}"
    s = spans[0]
    return s.start, s.end, s.precision


# --- dates -----------------------------------------------------------------------

@pytest.mark.parametrize("text,published,expected", [
    ("Kyiv said on Thursday that", "2025-10-09", (D(2025, 10, 9), D(2025, 10, 9), "day")),   # a Thursday
    ("Kyiv said on Thursday that", "2025-10-11", (D(2025, 10, 9), D(2025, 10, 9), "day")),
    ("they crossed in August 2024", "2025-10-09", (D(2024, 8, 1), D(2024, 8, 31), "month")),
    ("in the autumn of 2024 troops came", "2025-10-09", (D(2024, 9, 1), D(2024, 11, 30), "season")),
    ("in autumn 2024", "2025-10-09", (D(2024, 9, 1), D(2024, 11, 30), "season")),
    ("the previous year's autumn", "2025-03-01", (D(2024, 9, 1), D(2024, 11, 30), "season")),
    ("last week", "2025-10-09", (D(2025, 9, 29), D(2025, 10, 5), "week")),
    ("earlier this year", "2025-10-09", (D(2025, 1, 1), D(2025, 10, 9), "year")),
    ("since the beginning of this year", "2025-10-09", (D(2025, 1, 1), D(2025, 10, 9), "year")),
    ("on 12 March", "2025-10-09", (D(2025, 3, 12), D(2025, 3, 12), "day")),
    ("on 12 November", "2025-10-09", (D(2024, 11, 12), D(2024, 11, 12), "day")),  # not in the future
    ("on February 12, 2025", "2025-10-09", (D(2025, 2, 12), D(2025, 2, 12), "day")),
    ("in the past two weeks", "2025-06-03", (D(2025, 5, 20), D(2025, 6, 3), "month")),
    # the night before the report: its evening and its small hours, however the night is named
    ("drones came last night", "2025-06-10", (D(2025, 6, 9), D(2025, 6, 10), "week")),
    ("during the night drones came", "2025-06-10", (D(2025, 6, 9), D(2025, 6, 10), "week")),
    # the last Saturday and Sunday (a Tuesday's report), or the weekend under way (a Saturday's)
    ("shelled over the weekend", "2025-06-10", (D(2025, 6, 7), D(2025, 6, 8), "week")),
    ("shelled at the weekend", "2025-06-07", (D(2025, 6, 7), D(2025, 6, 7), "day")),
    # two days that bound one range are one span, whichever way the range is written
    ("between June 2 and June 5 troops attacked", "2025-06-10", (D(2025, 6, 2), D(2025, 6, 5), "week")),
    ("from 2 June to 5 June troops attacked", "2025-06-10", (D(2025, 6, 2), D(2025, 6, 5), "week")),
    ("between 2 and 5 June troops attacked", "2025-06-10", (D(2025, 6, 2), D(2025, 6, 5), "week")),
])
def test_dates_relative_to_publication(text, published, expected):
    assert _span(text, published) == expected


def test_two_days_named_apart_stay_two_dates():
    spans = find_dates("strikes on June 2 and on June 5", parse_published("2025-06-10"))
    assert [(s.start, s.end) for s in spans] == [(D(2025, 6, 2), D(2025, 6, 2)), (D(2025, 6, 5), D(2025, 6, 5))]


def test_a_month_dated_document_never_gets_an_invented_day():
    start, end, precision = _span("officials said on Thursday", "2025-10")
    assert precision != "day" and start >= D(2025, 10, 1) and end <= D(2025, 10, 31)


def test_a_few_months_later_follows_the_previous_date():
    pub = parse_published("2025-10-09")
    prev = find_dates("in August 2024", pub)[0]
    later = find_dates("A few months later", pub, prev)[0]
    assert later.start > prev.end and later.end <= D(2025, 1, 31) and later.precision in ("season", "year")


def test_modal_may_and_the_fall_of_a_town_are_not_dates():
    pub = parse_published("2025-10-09")
    assert find_dates("troops may attack soon", pub) == []
    assert find_dates("after the fall of Sudzha", pub) == []


# --- documents and sentences -----------------------------------------------------------

def test_sentence_offsets_point_into_the_file():
    text = SEED.read_text(encoding="utf-8")
    sents = list(split_sentences(text))
    assert len(sents) > 10
    for s in sents:
        assert text[s.start:s.end] == s.text
    assert not any(s.text.endswith("Gen.") for s in split_sentences("Gen. Syrskyi said troops held. They did."))


@pytest.mark.parametrize("content,message", [
    (b"", "empty file"),
    (b"\xff\xfe\x00bad bytes", "not UTF-8"),
    (b"---\nurl: [unclosed\n---\nRussian forces shelled Khotin.\n", "malformed front matter"),
    (b"---\nurl: https://example.org\npublished: 2025-10\nRussian forces shelled Khotin.\n", "no closing '---'"),
    (b"---\npublished: last tuesday\n---\nRussian forces shelled Khotin.\n", "unparseable published"),
    (b"---\nurl: https://example.org\n---\nRussian forces shelled Khotin.\n", "no 'published'"),
    (b"Russian forces shelled Khotin on Monday.\n", "no front matter"),
])
def test_bad_documents_name_the_file(tmp_path, content, message):
    path = tmp_path / "doc.md"
    path.write_bytes(content)
    with pytest.raises(InputError) as err:
        open_document(path)
    assert str(path) in str(err.value) and message in str(err.value)


def test_missing_files_and_empty_directories_are_reported(tmp_path):
    (tmp_path / "empty").mkdir()
    result = extract_paths([tmp_path / "missing.md", tmp_path / "empty", SEED])
    errors = {r.document: r.error for r in result.failed}
    assert "no such file" in errors[str(tmp_path / "missing.md")]
    assert "no documents" in errors[str(tmp_path / "empty")]
    assert result.events and len(result.reports) == 3
    with pytest.raises(InputError, match="no such file"):
        extract(str(tmp_path / "missing.md"))


# --- events from text ---------------------------------------------------------------------

def _one(text, published="2025-10-09", **kw):
    return extract(text, published=published, **kw)


def test_seed_article_yields_the_curated_events():
    """Every curated record of the seed report has an extracted event of its type, oblast and time."""
    feats = extract(SEED)
    curated = yaml.safe_load((REPO / "data" / "events" / "seed_article_2025_10.yaml").read_text(encoding="utf-8"))
    codes = {"Kursk Oblast": "RU-KRS", "Sumy Oblast": "UA-59"}
    for rec in curated:
        hits = [f for f in feats if f["properties"]["event_type"] == rec["event_type"]
                and f["properties"]["admin1_code"] == codes[rec["admin1"]]
                and f["properties"]["date_start"] <= str(rec["date_end"])
                and str(rec["date_start"]) <= f["properties"]["date_end"]]
        assert hits, f"no extracted event for curated {rec['event_type']} in {rec['admin1']}"
    text = SEED.read_text(encoding="utf-8")
    for f in feats:
        p = f["properties"]
        assert p["origin"] == "extracted"
        ex = p["extraction"]
        assert " ".join(text[ex["start"]:ex["end"]].split()) == p["sources"][0]["quote"]
        assert p["sources"][0]["outlet"] == "Business Insider" and p["sources"][0]["published"] == "2025-10"
        assert p["summary"] not in text


def test_cross_border_reconnaissance_is_placed_where_observed():
    recon = [f for f in extract(SEED) if f["properties"]["event_type"] == "drone_reconnaissance"]
    assert recon
    p = recon[0]["properties"]
    assert p["admin1"] == "Sumy Oblast" and p["geo_precision"] == "admin1"
    assert "North Korean forces" in p["actors"] and "quadcopter" in p["weapons"]
    assert "Kursk Oblast" in p["summary"]
    assert p["claim_status"] == "claimed" and any(s["claimed_by"] for s in p["sources"])


def test_reconnaissance_guiding_a_strike_is_two_events():
    feats = _one("Ukrainian officials said North Korean drone operators near Glushkovo passed target "
                 "coordinates to Russian units, which then struck Ukrainian positions with artillery on Monday.")
    assert {f["properties"]["event_type"] for f in feats} == {"drone_reconnaissance", "strike"}


@pytest.mark.parametrize("sentence", [
    "Russian troops did not shell Khotin on Monday, the governor said.",
    "The Kremlin denied that its forces had struck Khotin on Monday.",
    "There is no evidence that North Korean soldiers were deployed near Sudzha.",
    "Russian forces may launch an offensive towards Sumy in the spring.",
    "Moscow is preparing to send more troops to Kursk oblast, officials fear.",
])
def test_hedges_denials_and_negations_are_not_events(sentence):
    assert _one(sentence) == []


def test_actors_are_normalised():
    feats = _one("Pyongyang's troops were deployed near Sudzha on Monday. "
                 "Kyiv's artillery shelled Glushkovo on Tuesday. Moscow's forces struck Khotin with glide bombs on Wednesday.")
    actors = {f["properties"]["place"]: f["properties"]["actors"] for f in feats}
    assert actors["Sudzha"] == ["North Korean forces"]
    assert actors["Glushkovo"] == ["Ukrainian forces"]
    assert actors["Khotin"] == ["Russian forces"]


def test_places_come_from_the_gazetteer_with_their_ids():
    from geomap.gazetteer import load_gazetteer

    feats = _one("Russian artillery shelled Khotin in Sumy oblast on Monday, regional officials said.")
    assert len(feats) == 1
    p, (lon, lat) = feats[0]["properties"], feats[0]["geometry"]["coordinates"]
    place = load_gazetteer().get(p["gazetteer_id"])
    assert place is not None and place.name == "Khotin"
    assert (round(place.lon, 6), round(place.lat, 6)) == (lon, lat)
    assert p["geo_precision"] == "settlement" and p["admin1_code"] == "UA-59"
    assert p["date_start"] == p["date_end"] == "2025-10-06" and p["time_precision"] == "day"


def test_an_unknown_village_keeps_its_event_at_oblast_level_and_is_reported(tmp_path):
    doc = tmp_path / "report.md"
    doc.write_text("---\nurl: https://example.org/r\noutlet: Example\npublished: 2025-03-10\n---\n\n"
                   "North Korean troops stormed the village of Zagorodnoye in Kursk oblast on Saturday, "
                   "Ukrainian officials said.\n", encoding="utf-8")
    result = extract_paths([doc])
    (f,) = result.events
    p = f["properties"]
    assert p["admin1_code"] == "RU-KRS" and p["geo_precision"] == "admin1" and p["gazetteer_id"] is None
    assert p["place_mention"] == "Zagorodnoye"
    assert [u.mention for u in result.reports[0].unresolved] == ["Zagorodnoye"]


def test_sentences_about_one_event_merge_and_documents_corroborate(tmp_path):
    body = ("Russian forces shelled Khotin with artillery on Monday, the governor said. "
            "The shelling damaged a school and two houses.\n")
    for i in (1, 2):
        (tmp_path / f"r{i}.md").write_text(f"---\nurl: https://example.org/{i}\noutlet: Outlet {i}\n"
                                           f"published: 2025-10-09\n---\n\n{body}", encoding="utf-8")
    single = extract(tmp_path / "r1.md")
    assert len(single) == 1 and len(single[0]["properties"]["sources"]) == 2  # two quotes, one event
    both = extract_paths([tmp_path]).events
    assert len(both) == 1
    p = both[0]["properties"]
    assert {s["url"] for s in p["sources"]} == {"https://example.org/1", "https://example.org/2"}
    assert p["extra"]["corroboration"] == 2


def test_alias_trie_matches_leftmost_longest():
    from geomap.extraction.places import TokenTrie, Tokeniser

    trie = TokenTrie()
    for name in ("Velyka Pysarivka", "Velyka", "Kursk", "Kursk oblast"):
        trie.add(Tokeniser().key(name) if " " not in name else tuple(w for n in name.split() for w in Tokeniser().key(n)), name)
    toks, spans, _ = Tokeniser()("Shelling in Velyka Pysarivka and Kursk oblast, then Kursk.")
    assert [p for _, _, p in trie.scan(toks)] == ["Velyka Pysarivka", "Kursk oblast", "Kursk"]


def test_trigger_gate_never_hides_a_trigger():
    """The word-prefix gates are only a speed-up: every trigger and weapon in the corpus passes them."""
    from geomap.extraction import lexicon as L
    from geomap.extraction import pipeline as PL

    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.*")) if p.suffix in (".md", ".txt")]
    texts.append(SEED.read_text(encoding="utf-8"))
    seen = actors = 0
    for text in texts:
        for et, _, pat in L.TRIGGER_RES:
            for m in pat.finditer(text):
                seen += 1
                words = {w[:4] for w in L.GATE_WORDS.findall(m.group().lower())}
                assert words & L.TRIGGER_GATE[et], f"{et} trigger {m.group()!r} not in its gate"
                low = m.group().lower()
                assert L.gate_open(et, words, low), f"{et} trigger {m.group()!r} lacks its gate word's stem"
        for m in L.GROUND_NAMED.finditer(text):
            # (the gate every trigger sentence passes: "entered Sudzha" is gated by the more-fighting record)
            assert {x[:4] for x in L.GATE_WORDS.findall(m.group().lower())} & L.TRIGGER_GATE_ANY
            assert {x[:4] for x in L.GATE_WORDS.findall(m.group().lower())} & L.GROUND_NAMED_GATE
        for actor, pat in L.ACTOR_PATTERNS:
            for m in pat.finditer(text):
                actors += 1
                first = L.GATE_WORDS.match(m.group().lower()).group()[:4]
                assert first in L.ACTOR_GATE[actor], f"{actor} mention {m.group()!r} not in its gate"
        for w, pat in L.WEAPON_PATTERNS:
            for m in pat.finditer(text):
                words = {x[:4] for x in L.GATE_WORDS.findall(m.group().lower())}
                assert words & L.WEAPON_GATE[w], f"weapon {w} {m.group()!r} not in its gate"
        for pat, gate in ((L.OUTCOME_STOPPED, L.OUTCOME_STOPPED_GATE), (L.OUTCOME_GAINED, L.OUTCOME_GAINED_GATE)):
            for m in pat.finditer(text):
                words = {x[:4] for x in L.GATE_WORDS.findall(m.group().lower())}
                assert words & gate, f"outcome {m.group()!r} not in its gate"
        for pat in (L.NEGATION, L.HEDGE):
            for m in pat.finditer(text):
                words = {x[:4] for x in L.GATE_WORDS.findall(m.group().lower())}
                assert words & L.NEGATION_OR_HEDGE_GATE or "n't" in m.group().lower(), m.group()
        for m in L.DENIAL_SENTENCE.finditer(text):
            assert L.GATE_WORDS.match(m.group().lower()).group()[:4] in PL._DENIAL_KEYS, m.group()
        for m in L.SPEECH_HINT.finditer(text):
            assert L.GATE_WORDS.match(m.group().lower()).group()[:4] in L.SPEECH_GATE, m.group()
        for subs in L.SUB_TYPE_WORDS.values():
            for sub, pat in subs:
                for m in pat.finditer(text):
                    words = {x[:4] for x in L.GATE_WORDS.findall(m.group().lower())}
                    assert words & L.SUB_TYPE_GATE[sub], f"sub-type {sub} {m.group()!r} not in its gate"
    assert seen > 100 and actors > 100


def test_look_behind_shortcuts_agree_with_their_patterns():
    """The string tests in front of NEAR/ORIGIN/TARGET/PURPOSE/BACKGROUND_BEFORE are only a speed-up: same answer
    on every window."""
    import re

    from geomap.extraction import events as E
    from geomap.extraction import lexicon as L
    from geomap.extraction import places as P

    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.*")) if p.suffix in (".md", ".txt")]
    texts.append(SEED.read_text(encoding="utf-8"))
    # every word each pattern may end with, in the case and spacing variants the regexes accept
    texts += [f"shelled {w} \n" for w in L.TARGET_LAST + P._NEAR_LAST] + ["FIRED FROM THEIR BASES ", "5 km North of  "]
    texts += ["troops were sent to help them \n win", "in order to\t take", "tried to hold", "since the city's fall ",
              "ahead of the main assault ", "until their final push", "a possible new ", "the expected "]
    hits = {"near": 0, "origin": 0, "target": 0}
    skipped = 0
    for text in texts:
        for m in re.finditer(r"\S|$", text):
            near, origin = text[max(0, m.start() - 60):m.start()], text[max(0, m.start() - 25):m.start()]
            expected = (bool(P.NEAR_BEFORE.search(near)), bool(P.ORIGIN_BEFORE.search(near)),
                        bool(L.TARGET_BEFORE.search(origin)))
            assert (P._near_before(near), P._origin_before(near), E._target_before(origin)) == expected, near
            low = text[max(0, m.start() - 40):m.start()].lower()
            skip = bool(L.PURPOSE_BEFORE_LOWER.search(low) or L.BACKGROUND_BEFORE_LOWER.search(low)
                        or L.PROSPECT_BEFORE.search(low))
            assert E._purpose_or_background(low) == skip, low
            skipped += skip
            for k, v in zip(hits, expected):
                hits[k] += v
    assert min(hits.values()) > 10 and skipped > 10, (hits, skipped)
    assert all(P._has_cue_word(f"x {w}.") for w in P._CUE_WORDS) and not P._has_cue_word("troops fired on sudzha")


# --- CLI -----------------------------------------------------------------------------

def test_cli_reads_good_files_reports_bad_ones_and_exits_1(tmp_path):
    bad = tmp_path / "latin1.md"
    bad.write_bytes("---\npublished: 2025-10-01\n---\nKyiv said troops shelled Sudzha \xe9.\n".encode("latin-1"))
    empty = tmp_path / "empty.md"
    empty.write_text("")
    out = tmp_path / "events.geojson"
    r = _geomap_here("extract", str(SEED), str(bad), str(empty), "-o", str(out))
    assert r.returncode == 1
    errors = [line for line in r.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 2 and str(bad) in errors[0] + errors[1] and str(empty) in errors[0] + errors[1]
    assert "Traceback" not in r.stderr
    fc = json.loads(out.read_text())
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) >= 6
    assert "3 documents: 1 read, 2 failed" in r.stdout
    assert "strike:" in r.stdout


def test_cli_jsonl_on_stdout_with_published_and_min_confidence(tmp_path):
    wire = CORPUS / "11-plain-wire.txt"
    r = _geomap_here("extract", str(wire))
    assert r.returncode == 1 and "--published" in r.stderr
    r = _geomap_here("extract", str(wire), "--published", "2025-08-14")
    assert r.returncode == 0, r.stderr
    lines = [json.loads(line) for line in r.stdout.splitlines()]
    assert len(lines) >= 5 and all(f["type"] == "Feature" for f in lines)
    from geomap.regions import load_regions
    from geomap.schema import validate_features

    assert validate_features(lines, str(wire), load_regions()) == []
    assert lines[0]["properties"]["sources"][0]["outlet"] == "11-plain-wire.txt (local document)"
    assert "unresolved places" in r.stderr
    high = _geomap_here("extract", str(wire), "--published", "2025-08-14", "--min-confidence", "0.9")
    confident = [json.loads(line) for line in high.stdout.splitlines()]
    assert len(confident) < len(lines)
    assert all(f["properties"]["extraction"]["confidence"] >= 0.9 for f in confident)
    r = _geomap_here("extract", str(wire), "--published", "yesterday")
    assert r.returncode == 2 and "not a date" in r.stderr


@pytest.mark.slow
def test_a_large_file_is_streamed_with_bounded_memory(tmp_path):
    """An 8 MB file is read block by block: peak memory grows over a one-block file's by far less than the file.

    Holding the text whole would add at least its own size (8 MB as a Python str)
    over the small file's peak; reading it in blocks adds a block's worth. Measured
    against the same extraction of a small file in the same run, so the bound does
    not depend on how much the interpreter and gazetteer take on this machine.

    Both runs read quarter-size blocks (256 kB, the product's code path with its block size set lower), so the
    8 MB file is the 32 blocks a 32 MB file is at the default size: the block's worth stays a small share of
    the file (grown ~1 MB when measured; a whole read adds 8 MB and more) while the extraction costs a quarter
    of the CPU (~2 CPU-s, not ~7).
    """
    para = ("Residents queued for water in the cold while volunteers handed out blankets and hot tea. " * 8) + "\n\n"
    event = ("Russian artillery shelled Khotin in Sumy oblast on Monday, the governor said.\n\n")
    head = "---\nurl: https://example.org/big\noutlet: Big\npublished: 2025-10-09\n---\n\n"
    chunk = (para * 200 + event)
    size = 8_000_000
    small, big = tmp_path / "small.md", tmp_path / "big.md"
    small.write_text(head + chunk, encoding="utf-8")
    with open(big, "w", encoding="utf-8") as fh:
        fh.write(head)
        while fh.tell() < size:
            fh.write(chunk)
    from geomap.gazetteer import load_gazetteer

    load_gazetteer()  # the index is built once and cached; this test measures streaming, not that build
    # VmHWM is this process's own peak: ru_maxrss would also count the forking parent's
    # peak (Linux carries the old memory map's high-water mark across exec).
    code = ("import re, sys\nimport geomap.documents\ngeomap.documents.BLOCK_CHARS = 1 << 18\n"
            "from geomap.extraction import extract_paths\n"
            "r = extract_paths([sys.argv[1]])\n"
            "hwm = int(re.search(r'VmHWM:\\s+(\\d+) kB', open('/proc/self/status').read()).group(1))\n"
            "print(len(r.events), r.reports[0].chars, hwm // 1024)")

    def peak(path):
        out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True)
        return tuple(map(int, out.stdout.split()))

    _, _, base_mb = peak(small)
    events, chars, peak_mb = peak(big)
    assert chars >= size - len(chunk)
    assert events >= 1
    grown = peak_mb - base_mb
    assert grown < size / 1e6 / 2, f"peak RSS grew {grown} MB over a one-block file's for a {size // 1_000_000} MB file"


# --- build ---------------------------------------------------------------------------

def test_build_adds_extracted_events_beside_curated_ones_deterministically(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    # the layers are what is compared; the first build in this process, the second in a process of its own (as
    # two runs are: another hash seed, so an output that followed a set's order would differ), not two processes
    # (each started a Python and its imports again, ~0.8 CPU-s)
    r = _geomap_here("build", "--root", REPO, "--out", a, "--no-map", "--no-report")
    assert r.returncode == 0, r.stderr
    r = _geomap("build", "--out", str(b), "--no-map", "--no-report")
    assert r.returncode == 0, r.stderr
    files = sorted(p.name for p in (a / "layers").glob("*.geojson"))
    assert files and all((a / "layers" / n).read_bytes() == (b / "layers" / n).read_bytes() for n in files)
    feats = [f for n in files for f in json.loads((a / "layers" / n).read_text())["features"]]
    origins = {f["properties"]["origin"] for f in feats}
    assert origins == {"curated", "extracted"}
    curated = [f["properties"] for f in feats if f["properties"]["origin"] == "curated"]
    for f in feats:
        p = f["properties"]
        if p["origin"] != "extracted":
            continue
        assert p["extraction"]["document"] == "seeds/2025-10-businessinsider-north-korean-drone-operators.md"
        # covered = same type and oblast, same place (or only the oblast known), same dates
        clash = [c for c in curated if c["event_type"] == p["event_type"] and c["admin1_code"] == p["admin1_code"]
                 and (p["geo_precision"] == "admin1" or c["gazetteer_id"] == p["gazetteer_id"])
                 and (c["date_start"], c["date_end"]) == (p["date_start"], p["date_end"])]
        assert not clash, "a curated record should have won over this extracted event"


def test_ascii_twins_match_as_their_patterns():
    """The ASCII-mode twins are only a speed-up: on ASCII text, the same matches and groups."""
    from geomap.extraction import dates as D
    from geomap.extraction import lexicon as L
    from geomap.extraction import places as P

    pairs = [(p, a) for (_, _, p), (_, _, a) in zip(L.TRIGGER_LOWER, L.TRIGGER_ASCII)]
    pairs += [(p, a) for (_, p), (_, a) in zip(L.WEAPON_LOWER + L.ACTOR_LOWER, L.WEAPON_ASCII + L.ACTOR_ASCII)]
    pairs += [(L.NEGATION_OR_HEDGE_LOWER, L.NEGATION_OR_HEDGE_ASCII), (L.SPEECH_HINT_LOWER, L.SPEECH_HINT_ASCII),
              (L.SPEECH_VERB_LOWER, L.SPEECH_VERB_ASCII), (L.CLAUSE_START, L.CLAUSE_START_ASCII),
              (D._KEY_RE, D._KEY_RE_ASCII), (P._CAP, P._CAP_ASCII), (P._CUE_NO_DISTRICT, P._CUE_NO_DISTRICT_ASCII),
              (L.OUTCOME_STOPPED, L.OUTCOME_STOPPED_ASCII), (L.OUTCOME_GAINED, L.OUTCOME_GAINED_ASCII),
              (P.NEAR_BEFORE, P._NEAR_BEFORE_ASCII), (P.ORIGIN_BEFORE, P._ORIGIN_BEFORE_ASCII),
              (L.ACTOR_NOT_FORCE, L.ACTOR_NOT_FORCE_ASCII)]
    pairs += [pair for et, subs in L.SUB_TYPE_LOWER.items() for pair in zip((p for _, p in subs),
                                                                           (a for _, a in L.SUB_TYPE_ASCII[et]))]
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.md"))] + [SEED.read_text(encoding="utf-8")]
    lines = [line for t in texts for line in t.splitlines() if line.isascii()]
    # \s holds the separators \x1c-\x1f in Unicode mode: the twins must too
    lines += [line.replace(" ", "\x1c") for line in lines[:50]] + ["did\x1fnot\x1dshell", "Russian\x1etroops"]
    seen = 0
    for pat, twin in pairs:
        for line in lines:
            for text in (line, line.lower()):
                got = [m.regs for m in twin.finditer(text)]
                assert got == [m.regs for m in pat.finditer(text)], (pat.pattern[:40], text)
                seen += len(got)
    date_lines = [line.lower() for line in lines]
    assert all([m.regs for m in D._PATTERN.finditer(t)] == [m.regs for m in D._PATTERN_LOWER.finditer(t)]
               for t in date_lines)
    assert seen > 500


def test_english_sentences_glued_by_a_page_are_parted():
    # a page that drops the space after a full stop ("in its update.Another ..."); "News.Az" and "U.S." stay whole
    text = "Troops took Basivka, the staff wrote in its update.Another unit lost 300 men. News.Az said so. U.S. aid came."
    assert [s.text for s in split_sentences(text)] == [
        "Troops took Basivka, the staff wrote in its update.", "Another unit lost 300 men.", "News.Az said so.",
        "U.S. aid came."]
    for s in split_sentences(text):
        assert text[s.start:s.end] == s.text
