"""Which gazetteer keys can reach a fuzzy cutoff at all, told from letter counts before rapidfuzz scores them.

rapidfuzz's ``fuzz.ratio(a, b)`` is 200·LCS(a, b)/(len a + len b), and a common subsequence holds no more of a
letter than either string does, so the ratio is at most 200·Σ min(count_a(c), count_b(c))/(len a + len b). A key
whose bound falls below the cutoff cannot be among the hits: scoring only the others gives rapidfuzz's answer
(its ties in list order, which the kept keys hold) at a tenth of the cost of scoring tens of thousands of keys
for each unknown name.
"""
from __future__ import annotations


class LetterCounts:
    """The letters of ``keys`` counted once (a column a key), for ``reachable``."""

    def __init__(self, keys: list[str]):
        import numpy as np

        self.keys = keys
        self.lengths = np.fromiter(map(len, keys), dtype=np.int64, count=len(keys))
        joined = "".join(keys)
        alphabet = sorted(set(joined))
        self._row = {c: i for i, c in enumerate(alphabet)}
        letters = np.array([ord(c) for c in alphabet], dtype=np.uint32)
        column_of = letters.searchsorted(np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32))
        owner = np.repeat(np.arange(len(keys), dtype=np.int64), self.lengths)
        counts = np.bincount(column_of.astype(np.int64) * len(keys) + owner, minlength=len(letters) * len(keys))
        small = not len(counts) or counts.max() < 256  # (a place name repeats no letter 256 times)
        self._counts = counts.astype(np.uint8 if small else np.int64).reshape(len(letters), len(keys))

    def reachable(self, key: str, cutoff: float, start: int, stop: int) -> list[str]:
        """``keys[start:stop]`` whose ratio against ``key`` may be ``cutoff`` or more, in their order."""
        import numpy as np

        common = np.zeros(stop - start, dtype=np.int32)
        for letter in set(key):
            row = self._row.get(letter)
            if row is not None:
                common += np.minimum(self._counts[row, start:stop], key.count(letter))
        # (a hair below the cutoff: rapidfuzz's own rounding never drops a key the bound keeps)
        ok = 200.0 * common >= (cutoff - 1e-6) * (self.lengths[start:stop] + len(key))
        keys = self.keys
        return [keys[start + i] for i in np.flatnonzero(ok).tolist()]
