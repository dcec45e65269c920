"""Writing output files safely — *ghi tệp kết quả an toàn*: staged, exclusive, never through a link.

Every file the program writes is first written to a staging file in the target's own
folder, named ``.TÊN.<16 chữ số hex ngẫu nhiên>.tmp`` and created exclusively
(``O_CREAT | O_EXCL | O_NOFOLLOW``): a link or a file planted at a predictable name is
never opened. The staged file is then published:

* without ``force`` by an exclusive create — a hard link of the staged file onto the
  target, which fails when the target exists (a file, a folder or a link, even a
  dangling one) — so of two writers to one new target exactly one succeeds;
* with ``force`` by a rename over the target, which replaces a link itself and never
  writes into the file it points to.

A staging file stays locked (``flock``) while it is written. A run killed half-way
leaves one behind; the next write to that folder removes the staging files whose lock
is free (their writer is gone) — only names of this form, regular files of this user,
never through a link (:func:`clear_stale`).
"""

from __future__ import annotations

import errno
import io
import os
import re
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no advisory locks; stale files go by age
    fcntl = None  # type: ignore[assignment]

__all__ = ["STAGING", "atomic_write", "clear_stale", "saved_bytes", "staging_name"]

STAGING = re.compile(r"^\.(?P<name>.+)\.[0-9a-f]{16}\.tmp$")
"""The name of a staging file: ``.TÊN.<16 hex>.tmp``."""

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_BINARY = getattr(os, "O_BINARY", 0)
_UNLOCKED_AGE = 24 * 3600  # without flock: a staging file a day old is stale


def _random_hex() -> str:
    """16 hex digits from the system's random source (as ``secrets.token_hex(8)``, without loading it)."""
    return os.urandom(8).hex()


def staging_name(target: str) -> str:
    """A fresh, unpredictable staging name for the file ``target`` (its name only)."""
    return f".{target}.{_random_hex()}.tmp"


def _exists_message(target: Path) -> str:
    return f"{target} đã có"  # the command adds how to replace it (--force)


def _lock(fd: int, *, wait: bool) -> bool:
    if fcntl is None:  # pragma: no cover
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except OSError:
        return False
    return True


def _stage(folder: Path, name: str) -> tuple[int, Path]:
    """Create a staging file exclusively in ``folder``; returns its locked descriptor and path."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC | _BINARY
    for _ in range(100):
        path = folder / staging_name(name)
        try:
            fd = os.open(path, flags, 0o666)  # the umask applies, as for a plain write
        except FileExistsError:  # pragma: no cover - 64 random bits
            continue
        _lock(fd, wait=True)
        try:  # a cleaner that took it for stale before it was locked has removed it: draw again
            mine, now = os.fstat(fd), os.lstat(path)
            if (mine.st_dev, mine.st_ino) == (now.st_dev, now.st_ino):
                return fd, path
        except FileNotFoundError:
            pass
        os.close(fd)
    raise FileExistsError(errno.EEXIST, "không tạo được tệp tạm", str(folder))  # pragma: no cover


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        done = os.write(fd, view)
        view = view[done:]


def _publish(staged: Path, target: Path, *, force: bool) -> None:
    """Put the staged file at ``target``: an exclusive create, or (``force``) a rename over it."""
    if force:
        os.replace(staged, target)
        return
    try:
        os.link(staged, target)  # the staged file is ours and regular: nothing to follow
    except FileExistsError:
        raise FileExistsError(_exists_message(target)) from None
    except OSError as e:  # a file system without hard links (FAT, some network shares)
        if e.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV, errno.EMLINK,
                           errno.ENOSYS, errno.EACCES):
            raise
        if os.name == "nt":  # pragma: no cover - a Windows rename never replaces a file
            try:
                os.rename(staged, target)
            except FileExistsError:
                raise FileExistsError(_exists_message(target)) from None
            return
        try:  # claim the name exclusively, then move the whole file onto the claim
            os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, 0o666))
        except FileExistsError:
            raise FileExistsError(_exists_message(target)) from None
        os.replace(staged, target)
        return
    staged.unlink()


def _published(folder: Path, name: str, info: os.stat_result) -> bool:
    """Whether the staging file's only other name is its own target: a writer killed between
    publishing the file (a hard link) and removing its staging name left it."""
    m = STAGING.match(name)
    if m is None or info.st_nlink != 2:
        return False
    try:
        target = os.lstat(folder / m.group("name"))
    except OSError:
        return False
    return (target.st_dev, target.st_ino) == (info.st_dev, info.st_ino)


def _remove_if_stale(folder: Path, name: str) -> bool:
    """Remove ``folder/name`` when it is a regular staging file no live writer holds; True if removed.

    The name is removed while its lock is held, so a writer that has just created it (and
    waits for the lock) sees it gone and draws another name.
    """
    path = folder / name
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _CLOEXEC | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return False  # gone, a link (O_NOFOLLOW), or not ours to open
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or (info.st_nlink != 1 and not _published(folder, name, info)):
            return False
        if hasattr(os, "getuid") and info.st_uid != os.getuid():
            return False
        if fcntl is None:  # pragma: no cover
            if time.time() - info.st_mtime <= _UNLOCKED_AGE:
                return False
        elif not _lock(fd, wait=False):
            return False  # its writer is still at work
        now = os.lstat(path)
        if (now.st_dev, now.st_ino) != (info.st_dev, info.st_ino):
            return False
        os.unlink(path)  # unlink removes a name, never what a link points to
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def clear_stale(folder: str | os.PathLike[str], target: str | None = None) -> list[Path]:
    """Remove the staging files a killed run left in ``folder`` (only those of ``target`` when given).

    Only names of the staging form are looked at; a link, a folder, a file of another user
    or a staging file still being written is left alone. Returns what was removed.
    """
    where = Path(folder)
    removed = []
    try:
        names = os.listdir(where)
    except OSError:
        return []
    for name in names:
        m = STAGING.match(name)
        if m is None or (target is not None and m.group("name") != target):
            continue
        if _remove_if_stale(where, name):
            removed.append(where / name)
    return removed


def saved_bytes(book: Any) -> bytes:
    """The bytes an object with ``save(file)`` (an openpyxl workbook) writes, for :func:`atomic_write`."""
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def atomic_write(path: str | os.PathLike[str], content: bytes | str | Callable[[Path], object], *,
                 force: bool = False) -> Path:
    """Write ``content`` to ``path`` whole or not at all; an existing file is kept unless ``force``.

    ``content`` is the bytes (or UTF-8 text) of the file, or a function ``write(staging_path)``
    that writes it (then the staging file must still be the one created for it: a link put
    in its place is refused). Raises :class:`FileExistsError` with a Vietnamese message
    when ``path`` exists (also when another writer created it meanwhile) and ``force`` is false.
    """
    target = Path(path)
    if not force and os.path.lexists(target):
        raise FileExistsError(_exists_message(target))
    folder = target.parent
    folder.mkdir(parents=True, exist_ok=True)
    clear_stale(folder)
    fd, staged = _stage(folder, target.name)
    try:
        if callable(content):
            content(staged)
            mine, now = os.fstat(fd), os.lstat(staged)
            if (mine.st_dev, mine.st_ino) != (now.st_dev, now.st_ino) or not stat.S_ISREG(now.st_mode):
                raise OSError(errno.ELOOP, "tệp tạm đã bị thay bằng một tệp khác hoặc một liên kết", str(staged))
        else:
            _write_all(fd, content.encode("utf-8") if isinstance(content, str) else content)
        _publish(staged, target, force=force)  # still locked: no other run takes it for stale
    except BaseException:
        try:
            if not stat.S_ISDIR(os.lstat(staged).st_mode):
                staged.unlink()
        except OSError:
            pass
        raise
    finally:
        os.close(fd)
    return target
