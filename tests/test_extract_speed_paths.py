"""The shortcuts extraction takes for speed give exactly what the patterns and records they stand for give:
the oblast phrases tried only where an oblast table stem occurs, the look-back tests settled before their
regex, the gazetteer's remembered fuzzy answers, pymorphy3's dictionaries found without the entry-point
scan, Feature sources that are canonical as made, and merging across documents that skips a document's own
events."""
from __future__ import annotations

import pytest

from geomap.extraction import cyr
from geomap.extraction import places as PL
from geomap.gazetteer import oblast_table

try:
    from re import _constants as K, _parser as P
except ImportError:  # Python < 3.11
    import sre_constants as K  # type: ignore[no-redef]
    import sre_parse as P  # type: ignore[no-redef]


def _literal_start(items) -> str:
    """The literal characters a parsed alternative begins with (after its zero-width look-behind)."""
    out = []
    for op, av in items:
        if op in (K.ASSERT, K.ASSERT_NOT, K.AT):
            if out:
                break
            continue
        if op is not K.LITERAL:
            break
        out.append(chr(av))
    return "".join(out)


def test_every_oblast_phrase_begins_with_one_of_the_stems_it_is_looked_for_by():
    pat, groups, stems = cyr._oblast_forms()
    (op, (_, alternatives)), = P.parse(pat.pattern).data
    assert op is K.BRANCH and len(alternatives) == len(groups)
    for alt in alternatives:
        (sub_op, sub), = alt.data
        start = _literal_start(sub[-1].data)
        assert start and any(start.startswith(s) for s in stems), start
    # each stem is one of the oblast table's own names cut short: a new oblast in the table brings its own
    natives = [n.lower() for o in oblast_table() for n in (o.name_ru, o.name_uk) if n]
    assert all(any(n.startswith(s) for n in natives) for s in stems)


def _oblast_texts() -> list[str]:
    """Oblast phrases of every oblast table name in a few cases, in sentences, next to look-alikes."""
    out = []
    for o in oblast_table():
        for native in (o.name_ru, o.name_uk):
            adj = native.split()[0].lower()
            root = adj[:-2] if adj.endswith(("ая", "ий", "ый")) else adj[:-1]
            for tail in ("ой области", "ій області", "ую область", "ом направлении", "ому напрямку", "щине"):
                phrase = root + tail
                out += [f"удар по {phrase} и {phrase}", f"пред{phrase} не {phrase}", f"-{phrase}, {adj} обл",
                        f"{phrase}{phrase} {root[:3]}щина", f"{root[:-2]}щині та {root}ій області"]
    return out


def test_the_oblast_phrases_found_by_stem_are_the_alternations_own():
    pat, _, stems = cyr._oblast_forms()
    texts = _oblast_texts()
    found = 0
    for text in texts:
        expected = [(m.span(), m.lastgroup) for m in pat.finditer(text)]
        assert [(m.span(), m.lastgroup) for m in cyr._matches_at(pat, text, stems)] == expected, text
        found += bool(expected)
    assert found > len(texts) // 2  # the texts do hold the phrases


def test_the_oblast_phrases_are_found_in_a_sentence():
    pat, groups, stems = cyr._oblast_forms()
    found = [groups[m.lastgroup].admin1_code for m in cyr._matches_at(pat, "обстрел курской области и сумщины", stems)]
    assert found == ["RU-KRS", "UA-59"]


@pytest.mark.parametrize("text", [
    "по данным группировки войск «Север» Тёткино", "бригада 'Азов' Суджа", "как сообщает РИА «Новости» Курск",
    "телеканал \"Звезда\"\n  Рыльск", "операції «Кордон» Суми", "газета „Правда“ Льгов", "в Судже «", "Курск"])
def test_the_unit_name_look_back_is_the_regex_at_every_position(text):
    for s in range(len(text) + 1):
        assert cyr._unit_name_before(text, s) == (cyr._UNIT_NAME.search(text, max(0, s - 50), s) is not None), s
    assert any(cyr._unit_name_before(text, s) for s in range(len(text) + 1)) == ("«" in text[:-2] or "'" in text
                                                                               or '"' in text or "„" in text)


_CUE_TEXTS = ["удар near Сумы", "дроны from  the north Курск", "атака 5 km north of \nСуджа", "outſide Рыльск",
              "İn NEAR  Льгов", "\u212arom ſrom from\t", "ворог біля Юнаківки near", "під Суджею close to  ",
              "from their positions in Курской", "5 km from the town of  ", "около 12 км east of Sumy"]


@pytest.mark.parametrize("text", _CUE_TEXTS)
def test_near_and_from_before_a_name_are_the_regexes_on_any_script(text):
    for s in range(len(text) + 1):
        before = text[max(0, s - 60):s]
        assert PL._near_before(before) == (PL.NEAR_BEFORE.search(before) is not None), repr(before)
        assert PL._origin_before(before) == (PL.ORIGIN_BEFORE.search(before) is not None), repr(before)


def test_the_cue_tests_see_the_letters_a_case_blind_regex_folds_to_ascii():
    assert PL._near_before("атака outſide ") and PL.NEAR_BEFORE.search("атака outſide ")
    assert PL._origin_before("\u212a ſrom FROM ") and PL.ORIGIN_BEFORE.search("\u212a ſrom FROM ")


def test_fuzzy_answers_are_remembered_and_each_caller_gets_its_own_lists():
    from geomap.geocoding import default_geocoder

    gaz = default_geocoder().gaz
    first = gaz.fuzzy("iunakivk", limit=5, cutoff=80.0, region_only=True)
    assert first and all(places for _, _, places in first)
    first[0][2].clear()  # a caller changing its answer changes no one else's
    again = gaz.fuzzy("iunakivk", limit=5, cutoff=80.0, region_only=True)
    assert again[0][2] and [k for k, _, _ in again] == [k for k, _, _ in first]
    assert gaz.fuzzy("iunakivk", limit=1, cutoff=80.0, region_only=True) == again[:1]


def _misspelt(rng, key: str) -> str:
    """``key`` with up to three letters changed, dropped or added, as a report's spelling of a name may be."""
    k = list(key)
    for _ in range(rng.randint(0, 3)):
        i = rng.randrange(len(k))
        op = rng.randrange(3)
        if op == 0:
            k[i] = rng.choice("abcdeghiklmnoprstuvz")
        elif op == 1 and len(k) > 2:
            del k[i]
        else:
            k.insert(i, rng.choice("aeiokv -"))
    return "".join(k)


def test_fuzzy_answers_are_rapidfuzz_scoring_every_key_of_the_length_window():
    """The letter-count bound (geomap.fuzzybound) leaves out only keys that cannot reach the cutoff: the answers,
    their scores and the order of ties are those of scoring every key whose length allows the cutoff, shortest
    first (as the gazetteer scored them before the bound)."""
    import bisect
    import random

    from rapidfuzz import fuzz, process

    from geomap.geocoding import default_geocoder

    gaz = default_geocoder().gaz
    rng = random.Random(5)
    queries = [_misspelt(rng, k) for k in rng.sample(gaz.fuzzy_keys(False), 150)]
    queries += ["ooooooooooo", "zzz", "ёжик", "sumy oblast 2"]  # a letter many times, letters no key holds
    # every key shortest first (a stable sort: keys of one length in fuzzy_keys' order), sorted once and not
    # once per query (the 40,000 keys sorted and filtered 462 times were most of this test's ~4 CPU-s)
    ordered = {r: sorted(gaz.fuzzy_keys(r), key=len) for r in (False, True)}
    lengths = {r: [len(k) for k in keys] for r, keys in ordered.items()}
    compared = 0
    for q in queries:
        for limit, cutoff, region_only in ((5, 60.0, False), (20, 85.0, True), (5, 80.0, True)):
            c = cutoff / 100.0  # the keys whose length allows a ratio >= cutoff: lo <= len(k) <= hi
            lo, hi = len(q) * c / (2 - c), len(q) * (2 - c) / c
            n = lengths[region_only]
            window = ordered[region_only][bisect.bisect_left(n, lo):bisect.bisect_right(n, hi)]
            want = [(k, float(s)) for k, s, _ in process.extract(q, window, scorer=fuzz.ratio, limit=limit,
                                                                  score_cutoff=cutoff)] if window else []
            got = gaz.fuzzy(q, limit, cutoff, region_only=region_only, normalised=True)
            assert [(k, s) for k, s, _ in got] == want, (q, limit, cutoff, region_only)
            compared += bool(want)
    assert compared > 150  # most misspellings find their key or a neighbour: the comparison is not of empty lists


def test_letter_count_bound_is_never_below_the_ratio():
    import random

    from rapidfuzz import fuzz

    from geomap.fuzzybound import LetterCounts

    rng = random.Random(9)
    keys = sorted({"".join(rng.choice("aabkov- ") for _ in range(rng.randint(1, 14))) for _ in range(400)}, key=len)
    counts = LetterCounts(keys)
    for _ in range(200):
        q = "".join(rng.choice("abkovz ") for _ in range(rng.randint(1, 12)))
        for cutoff in (40.0, 60.0, 85.0):
            kept = set(counts.reachable(q, cutoff, 0, len(keys)))
            assert {k for k in keys if fuzz.ratio(q, k) >= cutoff} <= kept
    assert counts.reachable("kov", 100.0, 0, len(keys)) == [k for k in keys if sorted(k) == sorted("kov")]


def test_pymorphy3_dictionaries_are_the_ones_its_entry_points_name():
    from pymorphy3.analyzer import lang_dict_path

    from geomap.morph import _dictionary_path

    for lang in ("ru", "uk"):
        assert _dictionary_path(lang) == lang_dict_path(lang)


def test_feature_sources_are_canonical_as_made(tmp_path):
    from geomap.documents import open_document
    from geomap.extraction import core
    from geomap.extraction.pipeline import DocumentExtractor
    from geomap.schema import canonical_source

    doc_path = tmp_path / "a.md"
    doc_path.write_text("---\nurl: https://example.org/a\noutlet: Example\npublished: 2025-03-02\n---\n\n"
                        "Russian troops shelled Yunakivka on Saturday, the regional governor said.  \n\n"
                        "Drones hit a car near Bilopillia on 1 March. A man was killed.\n", encoding="utf-8")
    doc = open_document(doc_path)
    regions = core._regions()
    cands = DocumentExtractor(doc, core._places(None), regions).run()
    assert cands
    for c in cands:
        props = core._candidate_props(c, doc, regions)[0]
        for s in props["sources"]:
            canon = canonical_source(s)
            assert list(canon.items()) == list(s.items())
        feature = core._build(core._candidate_props(c, doc, regions))
        assert feature["properties"]["sources"] == props["sources"]


def test_merging_skips_a_documents_own_events_without_changing_the_event_found():
    from geomap.extraction.core import _DateIndex

    index = _DateIndex()
    for i, doc in enumerate(["a", "a", "b", "c", "c"]):
        index.add("2025-03-01", "2025-03-01", doc, i)
    index.add("2025-03-01", "2025-03-02", "c", 5)
    # positions 3 on are document c's own (merged while c is read): reading stops there, same answer
    for taken in (set(), {0}, {0, 1, 2}):
        full = index.first("2025-03-01", "2025-03-01", "c", taken)
        for own in (3, 4, 5, 6):
            assert index.first("2025-03-01", "2025-03-01", "c", taken, own) == full
    assert index.first("2025-03-01", "2025-03-01", "c", set(), 3) == 0
    assert index.first("2025-03-01", "2025-03-01", "c", {0, 1, 2}, 3) is None
    for doc in ("a", "b", "d"):  # no own events yet
        assert index.first("2025-03-01", "2025-03-02", doc, set(), 6) == index.first("2025-03-01", "2025-03-02", doc, set())


_RETOLD = ("---\nurl: https://example.org/{n}\noutlet: Example {n}\npublished: 2025-03-02\n---\n\n"
           "Russian troops shelled Yunakivka on Saturday, the regional governor said.\n\n"
           "Drones hit a car near Bilopillia on 1 March. A man was killed.\n\n"
           "Artillery also struck Khotin on Saturday, officials said.\n")


def test_each_candidate_is_let_go_once_converted(tmp_path):
    """A large document's candidates are freed one by one as they become pending events (the peak memory
    of a long report): once the caller has read them, nothing of the extractor keeps one alive."""
    import gc
    import weakref

    from geomap.documents import open_document
    from geomap.extraction import core
    from geomap.extraction.pipeline import DocumentExtractor

    path = tmp_path / "a.md"
    path.write_text(_RETOLD.format(n=1) + "Russian troops shelled Yunakivka on Saturday again.\n", encoding="utf-8")
    doc = open_document(path)
    ex = DocumentExtractor(doc, core._places(None), core._regions())
    cands = ex.run()
    refs = [weakref.ref(c) for c in cands]
    assert len(refs) >= 3
    types = [c.event_type for c in cands]
    assert [c.event_type for c in core.drained(cands)] == types  # read as extract_unit reads them, in order
    assert cands == [] and ex.candidates == []
    gc.disable()  # no collection may stand in for a reference let go (extraction pauses it too)
    try:
        assert [r() for r in refs] == [None] * len(refs)
    finally:
        gc.enable()
    assert ex.sentences == 5 and ex.unresolved is not None  # what the report reads stays


def test_merging_consumes_the_pending_events_but_not_the_callers_lists(tmp_path):
    """``Merger.add(..., consume=True)``, as extraction calls it, lets each pending event go once merged (its
    list ends empty); without it, and in ``merge_across``, the caller's lists stay as they were; all give the
    events extraction gives."""
    import copy

    from geomap.extraction import core, extract_paths

    for n in (1, 2):
        (tmp_path / f"{n}.md").write_text(_RETOLD.format(n=n), encoding="utf-8")
    per_doc = [feats for path in sorted(tmp_path.glob("*.md"))
               for _, feats in core.extract_unit(path, path.name, None, None, 0.0)]
    assert all(per_doc)
    kept = copy.deepcopy(per_doc)
    merger = core.Merger(lambda x: x[0], core._build, lambda x: x[0]["sources"], core._order_in_document)
    for feats in copy.deepcopy(per_doc):
        merger.add(feats, consume=True)
        assert feats == []
    events = core.unique_ids(merger.events())
    kept_merger = core.Merger(lambda x: x[0], core._build, lambda x: x[0]["sources"], core._order_in_document)
    for feats in copy.deepcopy(per_doc):
        length = len(feats)
        kept_merger.add(feats)
        assert len(feats) == length
    assert core.unique_ids(kept_merger.events()) == events
    assert events == extract_paths(sorted(tmp_path.glob("*.md")), base=tmp_path).events
    assert any(e["properties"]["extra"].get("corroboration") == 2 for e in events)  # the two reports merged
    built = [[core._build(copy.deepcopy(x)) for x in feats] for feats in per_doc]
    before = [list(feats) for feats in built]
    merged = core.merge_across(built)
    assert all(a == b and all(x is y for x, y in zip(a, b)) for a, b in zip(built, before))  # (folded in place, as ever)
    assert [e["properties"]["sources"] for e in merged] == [e["properties"]["sources"] for e in events]
    assert per_doc == kept


@pytest.mark.parametrize("cls", ["Sentence", "DateSpan", "Attribution", "Mention", "Located"])
def test_the_quick_init_takes_the_dataclass_fields_and_keeps_the_class_frozen(cls):
    """Extraction's frozen records take their fields in the dataclass's order, with its defaults, and stay
    frozen, equal, hashable and picklable (the quick ``__init__`` writes ``__dict__`` directly)."""
    import dataclasses
    import inspect
    import pickle

    from geomap.extraction import dates, events, sentences

    kind = {"Sentence": sentences.Sentence, "DateSpan": dates.DateSpan, "Attribution": events.Attribution,
            "Mention": PL.Mention, "Located": PL.Located}[cls]
    fields = [f for f in dataclasses.fields(kind)]
    sig = inspect.signature(kind.__init__)
    assert list(sig.parameters)[1:] == [f.name for f in fields]
    assert [p.default for p in list(sig.parameters.values())[1:]] == \
        [inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default for f in fields]
    values = {f.name: i if f.default is dataclasses.MISSING else f.default for i, f in enumerate(fields)}
    made = kind(*[values[f.name] for f in fields])
    assert made == kind(**values) and hash(made) == hash(kind(**values))
    assert {f.name: getattr(made, f.name) for f in fields} == values
    assert pickle.loads(pickle.dumps(made)) == made
    assert dataclasses.replace(made, **{fields[0].name: "changed"}) != made
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(made, fields[0].name, "changed")
    with pytest.raises(TypeError):
        kind()  # the fields without defaults are still required


def test_quick_init_refuses_a_class_it_would_change():
    import dataclasses

    from geomap.extraction.quickinit import quick_init

    @dataclasses.dataclass
    class Loose:
        a: int

    @dataclasses.dataclass(frozen=True)
    class Listed:
        a: list = dataclasses.field(default_factory=list)

    for cls in (Loose, Listed):
        with pytest.raises(TypeError, match="quick_init"):
            quick_init(cls)


def test_the_remembered_name_keys_are_the_gazetteers_keys():
    """by_another_name and by_other_spelling read a place's name keys from a cache: the same keys as
    ``place_keys`` makes, for places of the base index and their other names."""
    from geomap.gazetteer import load_gazetteer, place_keys

    places = [p for p in load_gazetteer() if p.in_region][:300]
    assert places
    for p in places:
        assert PL._own_keys(p) == place_keys(p.name, ())
        assert PL._all_keys(p) == place_keys(p.name, p.alternate_names)


def test_a_remembered_ranking_of_namesakes_is_the_rankings_own():
    """A name several places bear is ranked once per context: asked again (the cache filled), the place
    found, its precision and its note are those a fresh ranking gives, in every context order."""
    layer = PL.default_places()
    shared = [(k, v) for k, v in layer.geocoder.gaz.alias_index(region_only=True) if len(v) > 1][:60]
    assert shared
    for ctx in (["RU-KRS", "UA-59"], ["UA-59", "RU-KRS"], ["RU-BEL"], []):
        for name, places in shared:
            m = PL.Mention(0, len(name), name, "place", "", False, tuple(places))
            PL._ranked.cache_clear()
            fresh = layer._rank_hits(m, ctx)
            again = layer._rank_hits(m, ctx)
            assert PL._ranked.cache_info().hits and again == fresh
