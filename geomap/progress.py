"""A progress bar on stderr (tqdm) when stderr is a terminal, and nothing at all when it is not."""
from __future__ import annotations

import contextlib
import sys
from typing import Iterator


class _Silent:
    """What a command holds when no bar is drawn: the same calls, doing nothing."""

    def advance(self, n: int = 1, **counts) -> None:
        pass

    def wrap(self, items):
        return items


class _Bar:
    def __init__(self, bar) -> None:
        self._bar = bar

    def advance(self, n: int = 1, **counts) -> None:
        """Move on by ``n`` (rows or bytes) and show ``counts`` (documents, events) beside the rate."""
        if counts:
            self._bar.set_postfix(counts, refresh=False)
        self._bar.update(n)

    def wrap(self, items):
        """``items``, advancing the bar by one as each is taken."""
        for item in items:
            yield item
            self._bar.update(1)


@contextlib.contextmanager
def bar(enabled: bool, *, total: int | None = None, unit: str = "rows", desc: str = "") -> Iterator[_Bar | _Silent]:
    """A bar for ``total`` units (``B`` counts bytes, shown as MB) when ``enabled`` and stderr is a terminal."""
    stream = sys.stderr
    if not enabled or not getattr(stream, "isatty", lambda: False)():
        yield _Silent()
        return
    import shutil

    from tqdm import tqdm

    scale = unit == "B"
    size = shutil.get_terminal_size((100, 24))
    with tqdm(total=total or None, unit=unit, unit_scale=scale, unit_divisor=1000, desc=desc, file=stream,
              # a terminal that reports no size (a fresh pty) gets 100x24: tqdm would draw an empty
              # bar for no columns and hide it for no rows
              ncols=size.columns or 100, nrows=size.lines or 24, mininterval=0.2) as t:
        yield _Bar(t)
