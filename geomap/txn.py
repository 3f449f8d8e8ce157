"""File-system transactions: an exclusive writer lock, staging beside a target, and one atomic switch.

A writer stages a complete new version of a directory or file beside its
target (``.NAME.new-*``) and publishes it in one step: Linux's
``renameat2(RENAME_EXCHANGE)`` swaps the two paths atomically, so a reader sees
the old or the new version, never a mix and never nothing. The target is
replaced as a path, never written through: a symlink there is swapped out, not
followed. Leftovers of a killed writer are removed by the next writer, under
the lock.
"""
from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterator

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no advisory locks, writers are not serialised
    fcntl = None  # type: ignore[assignment]

from .errors import OutputError

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
STAGE_TAG = ".new-"


def _load_renameat2():
    try:
        fn = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    fn.restype = ctypes.c_int
    return fn


_RENAMEAT2 = _load_renameat2()


def exchange(a: Path | str, b: Path | str) -> bool:
    """Swap two existing paths in one atomic step; False when the system cannot (then nothing moved)."""
    if _RENAMEAT2 is None:
        return False
    if _RENAMEAT2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def pid_alive(pid: int) -> bool:
    """True when a process ``pid`` exists (a temp file named after it may still be in use)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True
    return True


def discard(path: Path | str) -> None:
    """Remove a file, a symlink (not what it points to) or a directory tree; missing is fine."""
    p = Path(path)
    try:
        if p.is_symlink() or not p.is_dir():
            p.unlink()
        else:
            shutil.rmtree(p)
    except FileNotFoundError:
        pass


def fsync_dir(path: Path | str) -> None:
    """Make a directory's entries (renames, new files) durable."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def publish(staged: Path | str, target: Path | str) -> None:
    """Put ``staged`` at ``target`` in one step and remove what was there (a symlink is replaced, not followed)."""
    staged, target = Path(staged), Path(target)
    if not os.path.lexists(target):
        os.rename(staged, target)
    elif not staged.is_dir() and (target.is_symlink() or not target.is_dir()):
        os.replace(staged, target)  # a file over a file or a symlink: rename(2) is atomic already
    elif exchange(staged, target):
        discard(staged)  # now holds the old version
    else:  # no atomic exchange here: a moment without the target, never a mix
        aside = staged.with_name(staged.name + ".old")
        os.rename(target, aside)
        os.rename(staged, target)
        discard(aside)
    fsync_dir(target.parent)


def stage_path(target: Path) -> Path:
    """A fresh staging directory beside ``target`` (``.NAME.new-XXXX``), readable like a normal directory."""
    target.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{target.name}{STAGE_TAG}", dir=target.parent))
    os.chmod(stage, 0o755)
    return stage


def new_stage(target: Path) -> Path:
    """:func:`stage_path`, with a failure to create it as the project's OutputError naming ``target``."""
    try:
        return stage_path(target)
    except OSError as exc:
        raise OutputError(f"{target}: cannot write: {exc.strerror or exc}") from None


def clean_leftovers(target: Path) -> list[Path]:
    """Remove staging left beside ``target`` by a killed writer (call only under the lock)."""
    removed = []
    try:
        entries = list(target.parent.iterdir())
    except OSError:
        return removed
    prefix = f".{target.name}{STAGE_TAG}"
    for p in entries:
        if p.name.startswith(prefix):
            discard(p)
            removed.append(p)
    return removed


@contextlib.contextmanager
def locked(target: Path | str) -> Iterator[None]:
    """Hold the exclusive writer lock of ``target`` (``.NAME.lock`` beside it); other writers wait.

    Leftover staging of a killed writer is removed once the lock is held.
    """
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(target.parent / f".{target.name}.lock", os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise OutputError(f"{target}: cannot take the writer lock: {exc.strerror or exc}") from None
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        clean_leftovers(target)
        yield
    finally:
        os.close(fd)  # releases the lock


def same_file(path: Path | str, fd: int) -> bool:
    """True when ``path`` (symlinks followed) is still the file or directory open as ``fd``."""
    try:
        a, b = os.stat(path), os.fstat(fd)
    except OSError:
        return False
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def inside(path: Path | str, other: Path | str) -> bool:
    """True when ``path`` is ``other`` or lies inside it (symlinks resolved)."""
    p, o = Path(path).resolve(), Path(other).resolve()
    return p == o or o in p.parents


def refuse_inside(output: Path | str, *inputs: Path | str) -> None:
    """OutputError when ``output`` is an input or lies inside one (writing it would overwrite what is read)."""
    if str(output) == "-":
        return
    for src in inputs:
        if str(src) != "-" and os.path.exists(src) and inside(output, src):
            raise OutputError(f"{output}: refusing to write into the input {src}; choose an output outside it")
