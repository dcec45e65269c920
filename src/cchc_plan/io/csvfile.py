"""Reading a CSV table as offices save it — *đọc tệp CSV*: one reader for every command.

Excel on a Vietnamese Windows saves "CSV" with ``;`` between cells (the list
separator of the ``vi-VN`` locale, whose decimal sign is the comma); other tools
write ``,`` or a tab. The separator is the one under which the first lines show
the most of the headers the caller expects. The file must be UTF-8 (a byte-order
mark is allowed); UTF-16 (Excel's "Unicode text") is refused with what to do,
and an invalid byte is reported at its line.

Damage to the table's structure is never read as data: once the header row is
seen (the first row naming a wanted column), a record with more or fewer cells
than the header, a quote opened and never closed (a record running on over
:data:`MAX_RECORD_LINES` lines, or to the end of the file), a quote in the wrong
place, or a cell over the size limit comes out as a :class:`DamagedRecord` with
its line and the reason, and reading goes on from the next line.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import os
import unicodedata
from collections import deque
from collections.abc import Callable, Collection, Iterator
from pathlib import Path
from typing import IO, Any

from ..problems import InputError, Problem

__all__ = ["DELIMITERS", "MAX_FIELD_CHARS", "MAX_RECORD_LINES", "DamagedRecord", "csv_reader", "header_key",
           "sniff_delimiter"]

DELIMITERS = (",", ";", "\t")
"""The separators recognised, in order of preference when the headers do not decide."""

MAX_RECORD_LINES = 50
"""A quoted cell may hold line breaks; one running over more lines is an unbalanced quote."""
MAX_FIELD_CHARS = 128 * 1024
"""Longest cell read: Python's ``csv`` limit (:func:`csv.field_size_limit`), stated."""
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


class DamagedRecord(list[str]):
    """A record whose structure is damaged — *dòng hỏng*: not data; ``line`` and ``rule`` say why."""

    def __init__(self, cells: list[str], line: int, rule: str) -> None:
        super().__init__(cells)
        self.line = line
        self.rule = rule


class _Unclosed(Exception):
    """The record being read has run on past :data:`MAX_RECORD_LINES` lines."""


class _Lines:
    """The physical lines of the file for :func:`csv.reader`, numbered, with lines put back."""

    def __init__(self, text: Iterator[str]) -> None:
        self.text = text
        self.back: deque[tuple[int, str]] = deque()
        self.read = 0
        """Number of the last line handed out."""
        self.start = 1
        """First line of the record being read."""
        self.taken: list[tuple[int, str]] = []
        """The lines of the record being read."""

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if len(self.taken) >= MAX_RECORD_LINES:
            raise _Unclosed
        if self.back:
            n, line = self.back.popleft()
        else:
            line = next(self.text)
            self.read += 1
            n = self.read
        self.taken.append((n, line))
        return line

    def begin(self) -> None:
        """A new record starts with the next line."""
        self.taken = []
        self.start = self.back[0][0] if self.back else self.read + 1

    def retry_after_first(self) -> None:
        """Put back every line of the record but its first."""
        rest = self.taken[1:]
        self.back.extendleft(reversed(rest))
        self.taken = self.taken[:1]


_CHUNK_CHARS = 256 * 1024
"""Lines are read this much at a time for the fast path of :class:`_Records`."""


class _Records:
    """Records of the CSV file; structural damage as :class:`DamagedRecord` (see the module).

    Two paths give the same records. The fast one parses a chunk of whole lines with
    :func:`csv.reader` over a list (no Python call per line) and takes every record that fits
    on one line and has the header's width. Anything else — a record over several lines, a
    CSV error, a record open at the end of the chunk, a width to check — puts the lines from
    that record on back into :class:`_Lines`, and the careful path reads them one by one, with
    its limits; the fast path starts again once they are used up.
    """

    def __init__(self, text: Iterator[str], delimiter: str, wanted: set[str], key: Callable[[str], str]) -> None:
        self.text = text
        self.delimiter = delimiter
        self.lines = _Lines(text)
        self.reader = csv.reader(self.lines, delimiter=delimiter, strict=True)
        self.wanted = wanted
        self.key = key
        self.width: int | None = None
        self.line_num = 0
        """Last line of the last record (as :attr:`csv.reader.line_num`)."""
        self.chunk: list[str] = []
        self.fast: Any = None
        """:func:`csv.reader` over :attr:`chunk`, or ``None`` when the careful path reads."""
        self.base = 0
        """Lines of the file before :attr:`chunk`."""
        self.done = 0
        """Lines of :attr:`chunk` taken by the records handed out."""
        self.ended = False
        reads = getattr(text, "readlines", None)
        self.readlines: Callable[[int], list[str]] | None = reads if callable(reads) else None

    def __iter__(self) -> _Records:
        return self

    def _next_chunk(self) -> bool:
        """Read the next chunk of lines for the fast path; ``False`` at the end of the file."""
        if self.ended or self.readlines is None:
            return False
        self.base = self.lines.read
        self.chunk = self.readlines(_CHUNK_CHARS)
        if not self.chunk:
            self.ended = True
            return False
        self.lines.read += len(self.chunk)
        self.done = 0
        self.fast = csv.reader(self.chunk, delimiter=self.delimiter, strict=True)
        return True

    def _to_careful(self) -> None:
        """Hand the lines of the chunk not yet taken to the careful path."""
        first = self.base + self.done + 1
        rest = self.chunk[self.done:]
        self.lines.back.extendleft(reversed(list(zip(range(first, first + len(rest)), rest, strict=True))))
        self.fast = None
        self.chunk = []

    def _fast(self) -> list[str] | None:
        """The next record by the fast path, or ``None`` to read it carefully."""
        while True:
            if self.fast is None:
                if self.lines.back or not self._next_chunk():
                    return None
            try:
                cells: list[str] = next(self.fast)
            except StopIteration:
                self.fast = None
                continue
            except csv.Error:
                self._to_careful()
                return None
            used = self.fast.line_num
            if used != self.done + 1 or len(cells) != self.width:
                self._to_careful()
                return None
            self.done = used
            self.line_num = self.base + used
            return cells

    def _damaged(self, cells: list[str], rule: str) -> DamagedRecord:
        start = self.lines.start
        if not cells and self.lines.taken:  # shown as the line was typed
            cells = [self.lines.taken[0][1].rstrip("\r\n")[:200]]
        self.lines.retry_after_first()
        self.line_num = start
        return DamagedRecord(cells, start, rule)

    def __next__(self) -> list[str]:
        fast = self.fast
        if fast is not None:  # the common case of _fast, inline: a whole record on the next line
            try:
                cells: list[str] = next(fast)
            except StopIteration:
                self.fast = None
            except csv.Error:
                self._to_careful()
            else:
                used = fast.line_num
                if used == self.done + 1 and len(cells) == self.width:
                    self.done = used
                    self.line_num = self.base + used
                    return cells
                self._to_careful()
        if self.width is not None:
            found = self._fast()
            if found is not None:
                return found
        self.lines.begin()
        try:
            cells = next(self.reader)
        except _Unclosed:
            return self._damaged([], f"dấu ngoặc kép mở ở dòng {self.lines.start} không được đóng "
                                     f"(ô kéo dài quá {MAX_RECORD_LINES} dòng)")
        except csv.Error as e:
            said = str(e)
            if not self.lines.taken:
                raise
            if "field larger than field limit" in said:
                rule = f"có ô dài quá {MAX_FIELD_CHARS:,} ký tự".replace(",", ".")
            elif "unexpected end of data" in said or "EOF" in said:
                rule = f"dấu ngoặc kép mở ở dòng {self.lines.start} không được đóng (đến hết tệp)"
            elif "expected after" in said:
                rule = "dấu ngoặc kép đặt sai chỗ (sau dấu đóng ngoặc kép phải là dấu phân cách)"
            else:
                rule = "dòng CSV hỏng (dấu ngoặc kép, dấu phân cách)"
            return self._damaged([], rule)
        self.line_num = self.lines.taken[-1][0] if self.lines.taken else self.line_num
        if self.width is None:
            if any(self.key(c) in self.wanted for c in cells):
                self.width = _trimmed(cells)
            return cells
        width = _trimmed(cells)  # empty cells after the last column are harmless
        if width and (len(cells) < self.width or width > self.width):
            spans = len(self.lines.taken) > 1
            rule = (f"dòng có {len(cells)} ô trong khi dòng tiêu đề có {self.width} cột "
                    + ("(dấu ngoặc kép mở không được đóng đúng chỗ)" if spans else
                       "(thừa hoặc thiếu dấu phân cách, hoặc dấu ngoặc kép không cân)"))
            if spans:
                return self._damaged(cells[:1], rule)
            self.line_num = self.lines.start
            return DamagedRecord(cells, self.lines.start, rule)
        return cells


def _trimmed(cells: list[str]) -> int:
    """How many cells, not counting empty ones at the end."""
    n = len(cells)
    while n and not cells[n - 1].strip():
        n -= 1
    return n


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
    reader = _Records(text, delimiter, {key(w) for w in wanted}, key)
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
