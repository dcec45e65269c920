"""Reading a CSV table as offices save it — *đọc tệp CSV*: one reader for every command.

Excel on a Vietnamese Windows saves "CSV" with ``;`` between cells (the list
separator of the ``vi-VN`` locale, whose decimal sign is the comma); other tools
write ``,`` or a tab. The separator is the one under which the first lines show
the most of the headers the caller expects. The file must be UTF-8 (a byte-order
mark is allowed); UTF-16 (Excel's "Unicode text") is refused with what to do,
and an invalid byte is reported at its line.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import os
import unicodedata
from collections.abc import Callable, Collection, Iterator
from pathlib import Path
from typing import IO, Any

from ..problems import InputError, Problem

__all__ = ["DELIMITERS", "csv_reader", "header_key", "sniff_delimiter"]

DELIMITERS = (",", ";", "\t")
"""The separators recognised, in order of preference when the headers do not decide."""

_SAMPLE_BYTES = 64 * 1024
_SAMPLE_LINES = 20


def header_key(text: str) -> str:
    """How header names are compared: NFC, single spaces, no case, no byte-order mark."""
    return " ".join(unicodedata.normalize("NFC", text.lstrip("\ufeff")).split()).casefold()


def sniff_delimiter(sample: bytes, wanted: Collection[str], key: Callable[[str], str] = header_key) -> str:
    """The separator (``,`` ``;`` or tab) under which the first lines show the most ``wanted`` headers.

    ``wanted`` are header names compared through ``key``; a tie goes to the separator
    that occurs most often in the first line, then to the comma.
    """
    cut = sample.rfind(b"\n")
    text = (sample[: cut + 1] if cut > 0 else sample).decode("utf-8-sig", errors="replace")
    lines = text.splitlines()[:_SAMPLE_LINES]
    keys = {key(w) for w in wanted}
    best, best_score = ",", (-1, -1)
    for delimiter in DELIMITERS:
        try:
            parsed = list(csv.reader(lines, delimiter=delimiter))
        except csv.Error:
            continue
        hits = max((sum(1 for c in row if key(c) in keys) for row in parsed), default=0)
        score = (hits, lines[0].count(delimiter) if lines else 0)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _first_bad_utf8(path: Path) -> tuple[int, int]:
    """The line and byte of the first invalid UTF-8 sequence (read again, only when there is one)."""
    with open(path, "rb") as raw:
        for n, line in enumerate(raw, start=1):
            try:
                line.decode("utf-8")
            except UnicodeDecodeError as e:
                return n, line[e.start]
    return 0, 0  # pragma: no cover - called after a decoding error


@contextlib.contextmanager
def csv_reader(raw: IO[bytes], path: str | os.PathLike[str], wanted: Collection[str], *,
               source: str | None = None, key: Callable[[str], str] = header_key) -> Iterator[Any]:
    """A :func:`csv.reader` over the open binary file ``raw``, its separator sniffed from ``wanted``.

    Decoding and CSV errors raised while the caller reads become one
    :class:`~cchc_plan.problems.InputError` naming ``source`` (default: ``path``) and the line.
    """
    name = source or str(path)
    sample = raw.read(_SAMPLE_BYTES)
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError(name, [Problem(
            path="", rule="tệp ở bảng mã UTF-16; hãy lưu lại với bảng mã UTF-8 (Excel: CSV UTF-8)")])
    delimiter = sniff_delimiter(sample, wanted, key)
    raw.seek(0)
    text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
    reader = csv.reader(text, delimiter=delimiter)
    try:
        yield reader
    except UnicodeDecodeError:
        line, byte = _first_bad_utf8(Path(path))
        raise InputError(name, [Problem(
            path="", line=line, rule=f"tệp không ở bảng mã UTF-8 (byte 0x{byte:02X}); "
                                     "hãy lưu lại tệp với bảng mã UTF-8 (Excel: CSV UTF-8)")]) from None
    except csv.Error as e:
        raise InputError(name, [Problem(path="", line=reader.line_num,
                                        rule=f"không đọc được dòng CSV: {e}")]) from None
    finally:
        text.detach()
