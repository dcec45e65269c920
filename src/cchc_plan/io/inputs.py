"""Opening input files — *mở tệp đầu vào*: regular files only, their size capped before parsing.

A device (``/dev/zero``, ``/dev/urandom``) would be read until memory runs out, a FIFO
would block for ever, a socket cannot be read at all: each is refused, before a byte
is read, with one :class:`~cchc_plan.problems.InputError` that says what the path is.
The file is opened without blocking (``O_NONBLOCK``), checked again on the descriptor
(the path may change between the look and the open), and never read past its cap.
"""

from __future__ import annotations

import errno
import os
import stat
from typing import BinaryIO

from ..problems import InputError, Problem

__all__ = ["ENCRYPTED", "ENCRYPTED_SHEET", "LINK_LOOP", "check_input", "encrypted_office_file", "is_regular",
           "open_input", "read_input"]

_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_BINARY = getattr(os, "O_BINARY", 0)


def _refuse(source: str, rule: str) -> InputError:
    return InputError(source, [Problem(path="", code="file.unreadable", rule=rule)])


def _not_regular(mode: int) -> str | None:
    """Why a file of this mode is not read, or ``None`` for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "đây là thư mục, không phải tệp"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "đây là một thiết bị (như /dev/zero), không phải tệp dữ liệu; hãy chỉ đến một tệp thông thường"
    if stat.S_ISFIFO(mode):
        return "đây là một ống dẫn (FIFO), không phải tệp thông thường; hãy lưu nội dung ra tệp rồi chỉ đến tệp đó"
    if stat.S_ISSOCK(mode):
        return "đây là một socket, không phải tệp thông thường"
    return "không phải một tệp thông thường"


def _os_reason(e: OSError) -> str:
    if isinstance(e, FileNotFoundError):
        return "không tìm thấy tệp"
    if isinstance(e, PermissionError):
        return "không có quyền đọc tệp"
    if isinstance(e, IsADirectoryError):
        return "đây là thư mục, không phải tệp"
    if e.errno == errno.ELOOP:
        return LINK_LOOP
    if e.errno == errno.ENOTDIR:
        return "một phần của đường dẫn không phải thư mục"
    if e.errno == errno.ENAMETOOLONG:
        return "đường dẫn quá dài"
    if e.errno == errno.ENXIO:
        return "đây là một socket hoặc thiết bị không mở được, không phải tệp thông thường"
    return f"không đọc được tệp ({e.strerror or e})"


def check_input(path: str | os.PathLike[str], source: str | None = None) -> int:
    """Refuse ``path`` unless it is a regular file (following links); returns its size in bytes."""
    name = source or os.fspath(path)
    try:
        info = os.stat(path)
    except (OSError, ValueError) as e:
        raise _refuse(name, _os_reason(e) if isinstance(e, OSError) else "tên tệp không hợp lệ") from None
    why = _not_regular(info.st_mode)
    if why is not None:
        raise _refuse(name, why)
    return info.st_size


def _too_large(size: int, limit: int, kind: str) -> str:
    from decimal import Decimal

    from ..vnformat import number

    return (f"tệp quá lớn ({number(Decimal(size) / 1024 / 1024, 1)} MB); "
            f"{kind} tối đa {number(Decimal(limit) / 1024 / 1024, 0)} MB")


def open_input(path: str | os.PathLike[str], limit: int | None = None, *, source: str | None = None,
               kind: str = "tệp") -> BinaryIO:
    """A binary file object on the regular file ``path``, refused beforehand when larger than ``limit``."""
    name = source or os.fspath(path)
    check_input(path, name)
    try:
        fd = os.open(path, os.O_RDONLY | _NONBLOCK | _CLOEXEC | _BINARY)
    except OSError as e:
        raise _refuse(name, _os_reason(e)) from None
    try:
        info = os.fstat(fd)
        why = _not_regular(info.st_mode)
        if why is not None:
            raise _refuse(name, why)
        if limit is not None and info.st_size > limit:
            raise _refuse(name, _too_large(info.st_size, limit, kind))
        if _NONBLOCK and hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_input(path: str | os.PathLike[str], limit: int, *, source: str | None = None,
               kind: str = "tệp") -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` (a file that grows past it is refused)."""
    name = source or os.fspath(path)
    with open_input(path, limit, source=name, kind=kind) as f:
        try:
            data = f.read(limit + 1)
        except OSError as e:
            raise _refuse(name, _os_reason(e)) from None
    if len(data) > limit:
        raise _refuse(name, _too_large(len(data), limit, kind))
    return data


def is_regular(path: str | os.PathLike[str]) -> bool:
    """True when ``path`` is a regular file (links followed)."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False



LINK_LOOP = "đường dẫn có liên kết tượng trưng vòng lặp (liên kết trỏ về chính nó); hãy sửa hoặc xóa liên kết"
"""What to tell the user about a path whose links lead round in a circle (not a missing file)."""
ENCRYPTED = ("văn bản được đặt mật khẩu (mã hóa), không đọc được nội dung; hãy mở bằng Word, gỡ mật khẩu "
             "(Tệp → Thông tin → Bảo vệ tài liệu → Mã hóa bằng mật khẩu, xóa mật khẩu) rồi lưu lại")
"""What to tell the user about a password-protected .docx (not an old .doc, though it looks like one)."""
ENCRYPTED_SHEET = ("bảng tính được đặt mật khẩu (mã hóa), không đọc được; hãy mở bằng Excel, gỡ mật khẩu "
                   "(Tệp → Thông tin → Bảo vệ sổ làm việc → Mã hóa bằng mật khẩu, xóa mật khẩu) rồi lưu lại")
"""The same for a password-protected .xlsx."""

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_SCAN_BYTES = 64 * 1024 * 1024


def encrypted_office_file(source: str | os.PathLike[str] | BinaryIO) -> bool:
    """True when ``source`` (a path or a seekable binary file) is a password-protected Word/Excel file.

    Office saves an encrypted .docx as an OLE compound file (the magic of an old .doc)
    holding an ``EncryptedPackage`` stream; its name is looked for in the file's directory.
    """
    if not isinstance(source, (str, os.PathLike)):
        try:
            source.seek(0)
            return _encrypted(source)
        except (OSError, ValueError):
            return False
        finally:
            source.seek(0)
    try:
        with open(source, "rb") as f:
            return _encrypted(f)
    except OSError:
        return False


def _encrypted(f: BinaryIO) -> bool:
    if f.read(8) != _OLE_MAGIC:
        return False
    f.seek(0)
    tail = b""
    read = 0
    while read < _SCAN_BYTES:
        chunk = f.read(1024 * 1024)
        if not chunk:
            return False
        if _ENCRYPTED_STREAM in tail + chunk:
            return True
        tail = chunk[-len(_ENCRYPTED_STREAM):]
        read += len(chunk)
    return False
