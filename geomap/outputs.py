"""``geomap build``'s outputs published together: ``OUT/layers``, ``OUT/map.html`` and ``OUT/report`` switch in one step.

A build writes a complete generation ``OUT/.build/gen-*/`` (``layers/``,
``map.html``, ``report/``). ``OUT/.build/current`` is a symlink to the
published generation and the outputs are symlinks through it
(``OUT/layers -> .build/current/layers``), so replacing ``current`` (one
rename) publishes all of them at once: a reader or a killed build sees one
build's outputs, never a mix. Builds into one OUT take its lock in turn; the
next build removes generations a killed one left. The first build into an OUT
written before generations existed turns its entries into links one by one.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from .errors import OutputError
from .txn import discard, fsync_dir, locked, publish

ENTRIES = ("layers", "map.html", "report")
BUILD_DIR = ".build"
CURRENT = "current"
GEN_PREFIX = "gen-"


def _link_text(name: str) -> str:
    return f"{BUILD_DIR}/{CURRENT}/{name}"


class Generation:
    """One build's staging directory inside ``OUT/.build``; :meth:`publish` makes it the output."""

    def __init__(self, out: Path, path: Path):
        self.out = out
        self.path = path
        self.published = False

    @property
    def build_dir(self) -> Path:
        return self.out / BUILD_DIR

    def _current_gen(self) -> Path | None:
        try:
            return self.build_dir / os.readlink(self.build_dir / CURRENT)
        except OSError:
            return None

    def _is_our_link(self, name: str) -> bool:
        try:
            return os.readlink(self.out / name) == _link_text(name)
        except OSError:
            return False

    def publish(self, produced: tuple[str, ...]) -> None:
        """Switch OUT to this generation; outputs this build did not produce stay as they were."""
        current = self._current_gen()
        for name in ENTRIES:
            if name not in produced and self._is_our_link(name) and current is not None:
                _copy_tree_linked(current / name, self.path / name)  # e.g. --no-report keeps the last report
        fsync_dir(self.path)
        tmp = self.build_dir / f".{CURRENT}.new-{os.getpid()}"
        discard(tmp)
        os.symlink(self.path.name, tmp)
        os.replace(tmp, self.build_dir / CURRENT)  # the one step that publishes every output
        fsync_dir(self.build_dir)
        self.published = True
        for name in produced:
            if not self._is_our_link(name):  # first build here, or a user's file/symlink: replace, never follow
                link = self.out / f".{name}.new-{os.getpid()}"
                discard(link)
                os.symlink(_link_text(name), link)
                publish(link, self.out / name)
        _remove_old_generations(self.build_dir)


def _copy_tree_linked(src: Path, dst: Path) -> None:
    """Copy a previous generation's output into this one by hard links (no data copied)."""
    if not os.path.lexists(src):
        return

    def link(a, b):
        try:
            os.link(a, b)
        except OSError:
            shutil.copy2(a, b)

    if src.is_dir():
        shutil.copytree(src, dst, symlinks=True, copy_function=link)
    else:
        link(src, dst)


def _remove_old_generations(build_dir: Path) -> None:
    """Every generation but the published one (a killed build's staging included), and stray links."""
    try:
        keep = os.readlink(build_dir / CURRENT)
    except OSError:
        keep = None
    for p in build_dir.iterdir():
        if (p.name.startswith(GEN_PREFIX) and p.name != keep) or p.name.startswith(f".{CURRENT}.new-"):
            discard(p)
    for name in ENTRIES:
        for p in build_dir.parent.glob(f".{name}.new-*"):
            discard(p)


class staged_build:
    """``with staged_build(out) as gen:`` — the lock on OUT and a fresh generation; unpublished ones are removed."""

    def __init__(self, out: Path | str):
        self.out = Path(out)

    def __enter__(self) -> Generation:
        if self.out.exists() and not self.out.is_dir():
            raise OutputError(f"{self.out}: cannot build into it: not a directory")
        build_dir = self.out / BUILD_DIR
        try:
            build_dir.mkdir(parents=True, exist_ok=True)
            self._lock = locked(build_dir / CURRENT)  # .build/.current.lock
            self._lock.__enter__()
        except OSError as exc:
            raise OutputError(f"{self.out}: cannot write: {exc.strerror or exc}") from None
        try:
            _remove_old_generations(build_dir)
            path = Path(tempfile.mkdtemp(prefix=GEN_PREFIX, dir=build_dir))
            os.chmod(path, 0o755)
        except OSError as exc:
            self._lock.__exit__(None, None, None)
            raise OutputError(f"{self.out}: cannot write: {exc.strerror or exc}") from None
        self.gen = Generation(self.out, path)
        return self.gen

    def __exit__(self, *exc_info) -> None:
        try:
            if not self.gen.published:
                discard(self.gen.path)
        finally:
            self._lock.__exit__(None, None, None)
