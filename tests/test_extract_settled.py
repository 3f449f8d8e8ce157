"""A large English document's settled candidates (kept on disk, extraction/settled.py) and its merged events
(on disk, extraction/spooled.py) give the very output of holding everything in memory."""
from __future__ import annotations

import pytest

from geomap.extraction import extract_paths, pipeline, settled
from geomap.layers import dumps_feature


# one long report in our own words: villages struck again and again, recaps of an earlier year, a denial
# that answers the document's last event paragraphs later, a toll, and a "Source:" line near the end
_HEAD = "---\nurl: https://example.org/long-report\noutlet: Example\npublished: 2025-03-12\nlanguage: en\n---\n\n"
_PARAGRAPHS = [
    "Russian troops shelled Yunakivka on Monday, the regional governor said.",
    "Drones hit a car near Bilopillia on 10 March. A man was killed.",
    "Artillery struck Khotin on Tuesday, officials said. Residents queued for water.",
    "Russian forces attacked Krasnopillia in August 2024, the military said.",
    "Ukrainian forces launched an assault near Sudzha on Sunday, according to Russia's defence ministry.",
    "Kyiv's General Staff denied the claim.",
    "Glide bombs fell on Vorozhba overnight. Two people were wounded.",
    "Moscow's forces struck Shostka with drones on 11 March, Ukraine's general staff said.",
    # placed only at the oblast, on a day of their own: these settle
    "Russian drones attacked the Sumy region on {day} {month}, the regional administration said.",
    "Ukrainian forces shelled border areas of the Kursk region on {day} {month}, the governor said.",
    "Kyiv denied it.",
]


def _long_report(repeats: int, source: bool = True) -> str:
    body = "\n\n".join(p.format(day=1 + i % 28, month=("February", "March")[i // 28 % 2])
                       for i in range(repeats) for p in _PARAGRAPHS)
    if not source:
        return _HEAD + body + "\n"
    return _HEAD + body + "\n\nSource: Sumy Oblast Military Administration\n\n" + "\n\n".join(_PARAGRAPHS[:8]) + "\n"


def _run(paths, batch: int, monkeypatch) -> tuple[list[bytes], list]:
    monkeypatch.setattr(pipeline, "SETTLE_BATCH", batch)
    result = extract_paths(paths)
    events = [dumps_feature(f) for f in result.stream()]
    assert [dumps_feature(f) for f in result.events] == events  # the list and the stream agree
    reports = [(r.document, r.events, r.error, [(u.mention, u.start, u.end, u.note) for u in r.unresolved])
               for r in result.reports]
    return events, reports


@pytest.fixture
def settled_count(monkeypatch):
    """How many candidates were put on disk."""
    count = [0]
    add = settled.Settled.add

    def counting(self, c, recap=None):
        count[0] += 1
        return add(self, c, recap)

    monkeypatch.setattr(settled.Settled, "add", counting)
    return count


@pytest.mark.parametrize("source", [True, False])
def test_a_long_report_with_denials_recaps_and_a_source_line_is_extracted_alike(tmp_path, monkeypatch, settled_count,
                                                                                source):
    """A report long enough to settle its candidates, whose rules reach back: a denial a paragraph after the
    claim, a toll, recaps left out (reported in the document's order) and a "Source:" line that claims every
    event told before it. Settled or held, the output is the same."""
    path = tmp_path / "long.md"
    path.write_text(_long_report(60, source), encoding="utf-8")
    held = _run([path], 10**9, monkeypatch)
    assert _run([path], 3, monkeypatch) == held
    assert settled_count[0] > 50
    events, reports = held
    assert any(b'"disputed"' in e for e in events)  # the denial reached an event
    assert any(u[0] == "(background)" for u in reports[0][3])  # the recaps were left out and reported
    assert any(b"Sumy Oblast Military Administration" in e for e in events) == source


def test_a_settled_document_travels_from_a_worker_as_its_events(tmp_path, monkeypatch):
    """A worker process sends a document's events pickled: a settled document's go as the list of them."""
    import pickle

    from geomap.extraction import core

    monkeypatch.setattr(pipeline, "SETTLE_BATCH", 3)
    path = tmp_path / "long.md"
    path.write_text(_long_report(40, source=False), encoding="utf-8")
    (report, items), = core.extract_unit(path, path.name, None, None, 0.0)
    assert isinstance(items, settled.DocumentItems)
    sent = pickle.loads(pickle.dumps(items))
    assert isinstance(sent, list) and len(sent) == len(items) == report.events > 0
