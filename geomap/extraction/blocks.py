"""One large text read by several processes: the stateless part of each block's sentences in workers,
the stateful walk through the document in this process.

The extractor carries state from sentence to sentence (the paragraph's date and oblast, the last dated
event, the claimant carried across paragraphs, the places seen), so a document cannot be cut into parts
read apart. Most of what a sentence costs, though, is in functions of the sentence alone: its gate keys,
place mentions, date expressions and triggers. A worker runs those over one block's sentences
(``prepare_block``) and sends back each result keyed by the function and its text arguments (``Memo``);
the extractor, walking the document in order here, takes a result when it calls the same function with
the same text, and computes any other itself (a sentence joined across a block's edge, a date read
relative to the one before it). So the output is the same as one process's whatever the workers found.
"""
from __future__ import annotations

import io
import pickle
from collections import deque
from typing import Any, Callable, Iterator

WINDOW_PER_JOB = 2  # blocks handed out ahead of the one being walked, per worker


class Memo:
    """A block's precomputed results: for each (function, text arguments), the results in sentence order.

    Its contract: a function memoised here is determined by its text (``str``) arguments and the document
    (language, publication date), which are the same on both sides; any other argument must be derived
    from those, or (a date's ``previous``) the worker stores a result only when the function did not read it.
    Each result is taken once, so no object is shared where a fresh call would have made two."""

    MISSING = object()

    def __init__(self, offset: int, language: str | None) -> None:
        self.offset, self.language = offset, language
        self.results: dict[tuple, deque] = {}

    # the key: the function (pickled by name, so a worker's key is the same function here) and its text arguments
    def put(self, fn, args: tuple, result) -> None:
        key = (fn, *[a for a in args if a.__class__ is str])
        found = self.results.get(key)
        if found is None:
            self.results[key] = found = deque()
        found.append(result)

    def take(self, fn, args: tuple):
        found = self.results.get((fn, *[a for a in args if a.__class__ is str]))
        return found.popleft() if found else self.MISSING


class _Previous:
    """A stand-in for the last dated event (or for the oblasts a sentence is read in) that records whether it
    was read: then the result depends on it, and is left to the walk. Any use of it reads it."""

    def __init__(self) -> None:
        self.read = False

    def _touch(self, *args, **kwargs):
        self.read = True
        raise _Read

    __getattr__ = __bool__ = __len__ = __iter__ = __contains__ = __getitem__ = __eq__ = __hash__ = _touch
    __add__ = __radd__ = __lt__ = __gt__ = _touch


class _NoMentions:
    """The place layer for a sentence whose mentions were found to be none (not looked for again)."""

    def __init__(self, layer) -> None:
        self._layer = layer

    def mentions(self, text: str):
        return []

    def __getattr__(self, name: str) -> Any:
        return getattr(self._layer, name)


class _Read(Exception):
    pass


def _attribution(*fields):
    """An attribution unpickled: the extractor's own PENDING (compared by identity) when it is that one."""
    from .events import PENDING, Attribution

    return PENDING if fields == _pending_fields() else Attribution(*fields)


def _pending_fields() -> tuple:
    from .events import PENDING

    return (PENDING.who, PENDING.start, PENDING.end, PENDING.side)


def pack(memo: Memo) -> bytes:
    """The memo pickled; attributions by their fields (``_attribution``), so PENDING arrives as itself. The
    table names the one class, so the pickler runs at C speed for everything else."""
    import copyreg

    from .events import Attribution

    fh = io.BytesIO()
    pickler = pickle.Pickler(fh, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = {**copyreg.dispatch_table,
                              Attribution: lambda a: (_attribution, (a.who, a.start, a.end, a.side))}
    pickler.dump(memo)
    return fh.getvalue()


def unpack(data: bytes) -> Memo:
    return pickle.loads(data)


def prepare_block(language: str, published, offset: int, text: str) -> bytes:
    """The stateless results of one block's sentences (a worker's task), packed: what
    ``DocumentExtractor.sentence`` calls for each, with the same arguments as far as they are known here."""
    from ..gcpause import paused_gc

    with paused_gc():
        return pack(_prepare(language, published, offset, text))


def _prepare(language: str, published, offset: int, text: str) -> Memo:
    from . import cyr
    from . import lexicon as L
    from . import lexicon_cyr as C
    from .dates import find_dates
    from .events import find_triggers
    from .pipeline import held_list, mask_dateline
    from .places import default_places
    from .sentences import split_sentences

    layer = default_places()
    lex = C.LEXICONS.get(language or "")
    memo = Memo(offset, language)
    put = memo.put
    sentences = list(split_sentences(text, offset, 0))
    if lex is not None:  # a sentence ending in ":" and the bulleted lines after it are one (as the extractor joins them)
        joined, held = [], None
        for sent in sentences:
            if held is not None:
                whole = held_list(held, sent)
                if whole is None:
                    joined.append(held)
                sent = whole or sent
                held = None
            if sent.text.endswith(":"):
                held = sent
                continue
            joined.append(sent)
        sentences = joined + ([held] if held is not None else [])
    paragraph, prev = None, ""
    for sent in sentences:
        t = sent.text
        if lex is None and sent.paragraph != paragraph:
            t = mask_dateline(t)
        paragraph = sent.paragraph
        mentions = layer.mentions(t)
        put(layer.__class__.mentions, (t,), mentions)
        if lex is not None:
            if not mentions:
                # a sentence naming no place the index knows: its places (oblasts, hromadas, districts) when
                # finding them did not read the oblasts it is read in (else the walk finds them)
                context = _Previous()
                try:
                    located = cyr.place_mentions(lex, t, _NoMentions(layer), context, context)
                except _Read:
                    located = None
                if located is not None and not context.read:
                    put(cyr.place_mentions, (lex, t), located)
            low = t.lower()
            keys = C.gate_keys(low)
            put(C.gate_keys, (low,), keys)
            args = (language, low, published, keys)
            put(cyr.find_dates, args, cyr.find_dates(*args))
            args = (lex, t, low, keys)
            put(cyr.find_triggers, args, cyr.find_triggers(*args))
        else:
            low = t.lower()
            keys = L.gate_keys(low)
            put(L.gate_keys, (low,), keys)
            previous = _Previous()
            try:
                dates = find_dates(t, published, previous, keys)
            except _Read:
                dates = None
            if dates is not None and not previous.read:  # else it depends on the date before: left to the walk
                put(find_dates, (t,), dates)
            args = (t, prev, keys)
            put(find_triggers, args, find_triggers(*args))
        prev = t
    return memo


def prepared(submit: Callable, jobs: int) -> Callable[[Any, str], Iterator[Memo | None]]:
    """``prepare`` for ``DocumentExtractor``: the document's blocks handed to ``submit(fn, *args)`` (a process
    pool's or a Dask client's, whose futures have ``result()``), a few ahead, their memos in block order.
    The first block is walked here alone (None), while the workers compute the next ones: waiting for a
    worker to finish it first would leave this process idle for a block's time."""

    def prepare(doc, language: str) -> Iterator[Memo | None]:
        from ..errors import InputError

        pending: deque = deque()
        window = max(2, WINDOW_PER_JOB * jobs)
        blocks = doc.blocks()
        try:
            next(blocks)
        except (StopIteration, InputError):
            return
        first = True
        while True:
            while len(pending) < window:
                try:
                    offset, text = next(blocks)
                except (StopIteration, InputError):  # a file that cannot be read: the walk reports it itself
                    break
                pending.append(submit(prepare_block, language, doc.published, offset, text))
            if first:
                first = False
                yield None
                continue
            if not pending:
                return
            yield unpack(pending.popleft().result())

    return prepare
