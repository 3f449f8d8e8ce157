"""A large English document's settled candidates on disk (``geomap.spool``), so its events are not all held.

The extractor merges a document's mentions into candidates as it walks it; a candidate no later sentence
can reach any more (no place key, out of the last few of its type and oblast, not the sentence's or the
paragraph's, not the last of its type, not a tally the end folds) is *settled*: pickled to the spool with
the few numbers the walk still asks about (its claimants, for a denial that answers the document's last
event; whether it is a strike; whether it is a recap the end leaves out). A rare rule that reaches one
after all (a denial, a "Source:" line) takes it back. At the end the candidates are read back, the
settled with the hot, in the order the merge reads a document's events.
"""
from __future__ import annotations

import io
import pickle
from array import array
from bisect import bisect
from datetime import date
from typing import Any, Callable, Iterator

from ..spool import Spool

LIVE, RECAP, TAKEN = 0, 1, 2


class TextNumbers:
    """Strings kept once each, by number (a large document repeats the same names and notes thousands of
    times): ``number`` gives a string's number, ``texts[n]`` the string back."""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self._numbers: dict[str, int] = {}

    def number(self, text: str) -> int:
        n = self._numbers.get(text)
        if n is None:
            n = self._numbers[text] = len(self.texts)
            self.texts.append(text)
        return n


class _Pickler(pickle.Pickler):
    """Pickles a candidate's own values; anything else it points to (the place index's entries a mention
    matched) by reference, kept in ``shared``."""

    values: frozenset = frozenset()

    def __init__(self, fh, shared: dict[int, Any]) -> None:
        super().__init__(fh, protocol=pickle.HIGHEST_PROTOCOL)
        self.shared = shared

    def persistent_id(self, obj: Any) -> int | None:
        if obj.__class__ in self.values:
            return None
        self.shared[id(obj)] = obj
        return id(obj)


class _Unpickler(pickle.Unpickler):
    def __init__(self, data: bytes, shared: dict[int, Any]) -> None:
        super().__init__(io.BytesIO(data))
        self.shared = shared

    def persistent_load(self, key: int) -> Any:
        return self.shared[key]


class Settled:
    """The settled candidates of one document, by number, with what the walk may still ask of them."""

    def __init__(self, classes: tuple) -> None:
        """``classes``: the candidate's own classes (Candidate, Located, ...), pickled with it by value."""
        self.spool = Spool("geomap-candidates-")
        self.shared: dict[int, Any] = {}
        self._buf = io.BytesIO()
        self._pickler = _Pickler(self._buf, self.shared)
        self._pickler.values = frozenset((*classes, list, tuple, dict, set, frozenset,
                                          str, bytes, int, float, bool, type(None), date, type))
        self.seq, self.start, self.conf = array("q"), array("q"), array("d")
        self.type_no: dict[str, int] = {}
        self.types = array("q")
        self.state = bytearray()  # LIVE, RECAP (left out at the end) or TAKEN (back in the walk)
        self.by_claimants: dict[frozenset, array] = {}  # numbers, in order of the candidates' seq
        # the settled recaps' reports (what ``Unresolved`` the end gives each): seq, name, start, end, note
        self.recap_rows = array("q")
        self.names = TextNumbers()
        self.recaps_taken: set[int] = set()  # the seqs of recaps taken back
        self.strikes = 0  # settled strikes (a toll's target is the document's only strike)
        self.count = 0  # not taken back

    def add(self, c, recap=None) -> None:
        c.quoted = None  # rebuilt from the quotes when one is added
        buf = self._buf
        buf.seek(0)
        buf.truncate()
        self._pickler.clear_memo()
        self._pickler.dump(c)
        i = self.spool.add(buf.getvalue())
        self.seq.append(c.seq)
        self.start.append(c.quotes[0][0])
        self.conf.append(c.confidence)
        self.types.append(self.type_no.setdefault(c.event_type, len(self.type_no)))
        self.state.append(LIVE if recap is None else RECAP)
        if recap is not None:
            self.recap_rows.extend((c.seq, self.names.number(recap.mention), recap.start, recap.end, self.names.number(recap.note)))
        numbers = self.by_claimants.setdefault(frozenset(c.claimed_by), array("q"))
        seq = self.seq
        numbers.insert(bisect(numbers, c.seq, key=lambda j: seq[j]), i)
        self.strikes += c.event_type == "strike"
        self.count += 1

    def load(self, i: int):
        return _Unpickler(self.spool.get(i), self.shared).load()

    def take(self, i: int):
        """Candidate ``i`` back to the walk (which changes it): no longer settled."""
        c = self.load(i)
        if self.state[i] == RECAP:
            self.recaps_taken.add(c.seq)
        self.state[i] = TAKEN
        self.strikes -= c.event_type == "strike"
        self.count -= 1
        return c

    def recaps(self, make: Callable) -> Iterator[tuple[int, Any]]:
        """(seq, ``make(name, start, end, note)``) of each settled recap not taken back, in seq order."""
        import numpy as np

        rows, texts = self.recap_rows, self.names.texts
        seqs = np.frombuffer(rows, dtype=np.int64)[0::5] if len(rows) else np.zeros(0, np.int64)
        for k in map(int, np.argsort(seqs, kind="stable")):
            seq, name, start, end, note = rows[5 * k:5 * k + 5]
            if seq not in self.recaps_taken:
                yield seq, make(texts[name], start, end, texts[note])

    def numbers(self) -> list[int]:
        """The numbers of the candidates not taken back."""
        return [i for i in range(len(self.state)) if self.state[i] != TAKEN]

    def last_not_claimed_by(self, who) -> int | None:
        """The number of the latest settled candidate (by seq) none of whose quotes ``who`` claims."""
        best = None
        state, seq = self.state, self.seq
        for claimants, numbers in self.by_claimants.items():
            if who in claimants:
                continue
            for j in reversed(numbers):
                if state[j] != TAKEN:
                    if best is None or seq[j] > seq[best]:
                        best = j
                    break
        return best

    def ordered(self, hot: list, finish: Callable[[Any], None]) -> Iterator:
        """Every candidate, the hot and the settled (``finish``-ed as it is read), but the settled recaps,
        in the order the merge reads a document's events: start, type, then seq."""
        import numpy as np

        live = [i for i in range(len(self.state)) if self.state[i] == LIVE]
        names = sorted(set(self.type_no) | {c.event_type for c in hot})
        rank = {t: r for r, t in enumerate(names)}
        by_no = {no: rank[t] for t, no in self.type_no.items()}
        start = np.array([c.quotes[0][0] for c in hot] + [self.start[i] for i in live], dtype=np.int64)
        kind = np.array([rank[c.event_type] for c in hot] + [by_no[self.types[i]] for i in live], dtype=np.int64)
        seq = np.array([c.seq for c in hot] + [self.seq[i] for i in live], dtype=np.int64)
        n_hot = len(hot)
        for k in map(int, np.lexsort((seq, kind, start))):
            if k < n_hot:
                yield hot[k]
            else:
                c = self.load(live[k - n_hot])
                finish(c)
                yield c

    def confident(self, hot: list, min_confidence: float) -> int:
        """How many candidates ``ordered`` gives at ``min_confidence`` or above."""
        return sum(c.confidence >= min_confidence for c in hot) + sum(
            1 for i in range(len(self.state)) if self.state[i] == LIVE and self.conf[i] >= min_confidence)

    def close(self) -> None:
        self.spool.close()


class SettledCandidates:
    """What ``DocumentExtractor.run`` gives for a document some of whose candidates settled: all of them,
    read in the merge's order (``ordered``)."""

    def __init__(self, settled: Settled, hot: list, finish: Callable[[Any], None]) -> None:
        self.settled, self.hot, self.finish = settled, hot, finish

    def __len__(self) -> int:
        return len(self.hot) + self.settled.count - sum(1 for s in self.settled.state if s == RECAP)

    def __iter__(self) -> Iterator:
        return self.settled.ordered(self.hot, self.finish)

    def props(self, convert: Callable[[Any], Any], min_confidence: float, document: str) -> "DocumentItems":
        return DocumentItems(self, convert, min_confidence, document)


class DocumentItems:
    """A document's events for the merge (``core.Merger.add``), already in its order, made one at a time;
    pickled (sent from a worker process) as the list of them."""

    ordered = True

    def __init__(self, cands: SettledCandidates, convert, min_confidence: float, document: str) -> None:
        self.cands, self.convert, self.min_confidence, self.document = cands, convert, min_confidence, document
        self.n = cands.settled.confident(cands.hot, min_confidence)

    def __len__(self) -> int:
        return self.n

    def __iter__(self) -> Iterator:
        m = self.min_confidence
        return (self.convert(c) for c in self.cands if c.confidence >= m)

    def __reduce__(self):
        return list, (list(self),)
