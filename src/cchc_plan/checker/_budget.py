"""How much work checking one document may take — *giới hạn xử lý khi kiểm tra*.

A .docx of a few kilobytes can describe millions of elements (it is compressed
XML), text boxes nested in text boxes, or a paragraph of a million line breaks.
The checker reads within stated limits, each cost linear in what it counts:
the parts' sizes (:mod:`._package`), the XML elements and paragraphs of the
body, the nesting of tables and text boxes, the pieces of text (runs, lines,
tab-separated parts) and the time spent. Going over one ends the check with a
single finding ``ND30-TOO-COMPLEX`` — *tài liệu quá phức tạp* — saying which
limit and by how much, instead of running for minutes or filling memory.
"""

from __future__ import annotations

import time

__all__ = ["MAX_ELEMENTS", "MAX_NESTING", "MAX_PARAGRAPHS", "MAX_PIECES", "MAX_SECONDS", "MAX_SECTIONS", "Budget",
           "TooComplex"]

MAX_ELEMENTS = 2_000_000
"""Most XML elements in ``document.xml`` (a 1,000-page plan has about 400,000)."""
MAX_PARAGRAPHS = 100_000
"""Most paragraphs checked (about 2,500 pages)."""
MAX_SECTIONS = 2_000
"""Most sections (a plan has one, and one more per appendix)."""
MAX_NESTING = 12
"""Deepest nesting of tables and text boxes (a table in a cell of a table is 2)."""
MAX_PIECES = 500_000
"""Most pieces of text read: runs, lines between breaks and parts between tabs, all counted."""
MAX_SECONDS = 60.0
"""Longest a check may run."""


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


class TooComplex(Exception):
    """The document goes over one of the checker's limits — *tài liệu quá phức tạp*."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


class Budget:
    """Counts the work of one check and stops it at the limits (``TooComplex``)."""

    _CLOCK_EVERY = 4096

    def __init__(self, *, pieces: int | None = None, nesting: int | None = None,
                 seconds: float | None = None) -> None:
        self.max_pieces = MAX_PIECES if pieces is None else pieces
        self.max_nesting = MAX_NESTING if nesting is None else nesting
        self.seconds = MAX_SECONDS if seconds is None else seconds
        self.deadline = time.monotonic() + self.seconds
        self.pieces = 0
        self._next_clock = self._CLOCK_EVERY

    def spend(self, count: int = 1) -> None:
        """Count ``count`` pieces of text read."""
        self.pieces += count
        if self.pieces > self.max_pieces:
            raise TooComplex(f"hơn {_n(self.max_pieces)} đoạn chữ (lượt chữ, dòng, phần cách bằng tab)")
        if self.pieces >= self._next_clock:
            self._next_clock = self.pieces + self._CLOCK_EVERY
            self.clock()

    def nest(self, depth: int) -> None:
        """Refuse nesting of tables and text boxes deeper than the limit."""
        if depth > self.max_nesting:
            raise TooComplex(f"bảng và khung chữ lồng nhau hơn {self.max_nesting} cấp")

    def clock(self) -> None:
        """Stop when the time is up."""
        if time.monotonic() > self.deadline:
            raise TooComplex(f"kiểm tra quá {self.seconds:g} giây")


def count_limit(what: str, found: int, limit: int) -> TooComplex:
    """The exception for a count over its limit: ``12.000.000 phần tử XML (giới hạn 2.000.000)``."""
    return TooComplex(f"{_n(found)} {what} (giới hạn {_n(limit)})")
