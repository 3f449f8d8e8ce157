"""Extraction's merged events on disk (``geomap.spool``), so a large run holds a few numbers per event.

``EventSpool`` is the store ``core.Merger`` keeps merged events in for ``extract_paths``: each event as its
JSON bytes, with the fields that order the output (document, start, type) as small numbers; an event
folded into (the same event told by a later document) is held in memory from then on. ``MergedEvents``
reads them back in the order and with the unique ids ``Merger.events`` and ``core.unique_ids`` give.
"""
from __future__ import annotations

from array import array
from typing import Any, Callable, Iterator

import orjson

from ..layers import canonical_feature, dumps_feature
from ..spool import Spool


class EventSpool:
    """The merged events (GeoJSON Features from extraction), numbered in the order merged, on disk."""

    def __init__(self) -> None:
        self.spool = Spool("geomap-extract-")
        self.hot: dict[int, dict[str, Any]] = {}  # events folded into, in memory from their first fold
        self.doc_no: dict[str, int] = {}
        self.type_no: dict[str, int] = {}
        self.docs, self.starts, self.types = array("q"), array("q"), array("q")
        # per event, its id as a number (``_SeenIds``) when its bytes are already what the output writes
        # (``layers.dumps_feature``), else -1: such an event, never folded into, is written without being read
        self.ids = array("q")

    def __len__(self) -> int:
        return len(self.spool)

    def append(self, event: dict[str, Any]) -> None:
        p = event["properties"]
        ex = p.get("extraction") or {}
        doc = str(ex.get("document"))
        self.docs.append(self.doc_no.setdefault(doc, len(self.doc_no)))
        self.starts.append(ex.get("start") or 0)
        self.types.append(self.type_no.setdefault(p["event_type"], len(self.type_no)))
        number = _SeenIds._number(event["id"]) if canonical_feature(event) is event else None
        self.ids.append(-1 if number is None else number)
        if not self.spool:  # numpy, which reading the events back needs, imported while workers still extract
            import numpy  # noqa: F401  (not after the last document, when nothing else runs)
        self.spool.add(orjson.dumps(event))

    def __getitem__(self, i: int) -> dict[str, Any]:
        """Event ``i``, to fold into: held from now on, so its changes stay."""
        event = self.hot.get(i)
        if event is None:
            self.hot[i] = event = orjson.loads(self.spool.get(i))
        return event

    def ordered(self, order: Callable[[dict], tuple], unique_id: Callable) -> "MergedEvents":
        """The events in ``order`` (``core._order``), their ids made unique by ``unique_id`` as they are read."""
        return MergedEvents(self, order, unique_id)


class MergedEvents:
    """The events of an ``EventSpool``, read from disk one at a time in output order."""

    def __init__(self, store: EventSpool, order_key: Callable[[dict], tuple], unique_id: Callable) -> None:
        import numpy as np

        self.m = m = store
        self.unique_id = unique_id
        n = len(m)
        docs = _ranks(m.doc_no)[_np(m.docs)]
        types = _ranks(m.type_no)[_np(m.types)]
        starts = _np(m.starts)
        order = np.lexsort((types, starts, docs))  # stable: merge order among equal keys
        if n > 1:
            d, s, t = docs[order], starts[order], types[order]
            tie = (d[1:] == d[:-1]) & (s[1:] == s[:-1]) & (t[1:] == t[:-1])
            if tie.any():  # events of one document, start and type (a file read twice): the id decides
                order = np.array(sorted(range(n), key=lambda i: order_key(self._raw_event(i))), dtype=np.int64)
        self.order = order

    def __len__(self) -> int:
        return len(self.m)

    def _raw_event(self, i: int) -> dict[str, Any]:
        hot = self.m.hot.get(i)
        return hot if hot is not None else orjson.loads(self.m.spool.get(i))

    def __iter__(self) -> Iterator[dict[str, Any]]:
        """The events in order, their ids made unique as ``core.unique_ids`` makes them."""
        seen, counters = _SeenIds(), {}
        for i in map(int, self.order):
            event = self._raw_event(i)
            self.unique_id(event, seen, counters)
            yield event

    def feature_bytes(self) -> Iterator[bytes]:
        """The events as ``layers.dumps_feature`` writes them, in order, their ids made unique: an event never
        folded into whose id is not taken (most of them) as the spool holds it, neither read nor written again."""
        m, seen, counters = self.m, _SeenIds(), {}
        ids, hot = m.ids, m.hot
        for i in map(int, self.order):
            number = ids[i]
            if number >= 0 and i not in hot:
                fid = f"gm-{number:012x}"
                if fid not in seen:
                    seen.add(fid)
                    yield m.spool.get(i)
                    continue
            event = self._raw_event(i)
            self.unique_id(event, seen, counters)
            yield dumps_feature(event)

    def type_counts(self) -> dict[str, int]:
        """Events by type, from the numbers kept (no event is read)."""
        import numpy as np

        counts = np.bincount(_np(self.m.types), minlength=len(self.m.type_no))
        return {t: int(counts[no]) for t, no in self.m.type_no.items()}


def _np(a: array):
    import numpy as np

    return np.frombuffer(a, dtype=np.int64) if len(a) else np.zeros(0, np.int64)


def _ranks(numbers: dict[str, int]):
    """Each name's place in sorted order, indexed by its number."""
    import numpy as np

    r = np.zeros(len(numbers), np.int64)
    for pos, name in enumerate(sorted(numbers)):
        r[numbers[name]] = pos
    return r


class _SeenIds:
    """A set of event ids (``gm-`` and 12 hex digits, as ``schema.make_id`` makes them) held as 8-byte numbers:
    a sorted array, and the latest in a set merged into it now and then; any other id is kept as it is."""

    def __init__(self) -> None:
        import numpy as np

        self._np = np
        self._sorted = np.zeros(0, np.int64)
        self._new: set[int] = set()
        self._odd: set[str] = set()

    @staticmethod
    def _number(fid: str) -> int | None:
        if len(fid) == 15 and fid.startswith("gm-"):
            try:
                return int(fid[3:], 16)
            except ValueError:
                return None
        return None

    def __contains__(self, fid: str) -> bool:
        n = self._number(fid)
        if n is None:
            return fid in self._odd
        if n in self._new:
            return True
        a = self._sorted
        i = int(a.searchsorted(n))
        return i < len(a) and int(a[i]) == n

    def add(self, fid: str) -> None:
        n = self._number(fid)
        if n is None:
            self._odd.add(fid)
            return
        self._new.add(n)
        if len(self._new) >= 65536:
            np = self._np
            self._sorted = np.union1d(self._sorted, np.fromiter(self._new, np.int64, len(self._new)))
            self._new = set()
