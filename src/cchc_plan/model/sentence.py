"""What a target's sentence — *câu chỉ tiêu* — says in numbers, read so it can be compared with its measures.

A plan prints the sentence and a report judges the measure: they must say the same thing.
Percentages are read the Vietnamese way through babel (``98%``, ``98,5%``), each with the
comparator written before it in its clause (*trên*, *tối thiểu*, *không thấp hơn*, *ít nhất*,
*từ*, *tối đa*, *không quá*, *đến* (``từ 90% đến 95%``), *dưới*; none: ``Đảm bảo 100%``); *giảm* and *tăng* are read as
directions. The texts are short (checked for length elsewhere) and every pattern is linear.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterator
from decimal import Decimal

import attrs

__all__ = ["Mention", "mentions", "says_direction"]

# A percentage: digits, an optional decimal part with a comma (or a point), then "%".
_PERCENT = re.compile(r"(?<![\d,.])(\d{1,3}(?:[,.]\d{1,4})?)\s?%")
# The words before a number, in its clause, longest first.
_WORDS = (
    ("không thấp hơn", "at_least"), ("không dưới", "at_least"), ("tối thiểu", "at_least"),
    ("ít nhất", "at_least"), ("từ", "at_least"), ("không vượt quá", "at_most"), ("không quá", "at_most"),
    ("tối đa", "at_most"), ("đến", "at_most"), ("tới", "at_most"), ("trên", "more_than"),
    ("dưới", "less_than"), ("giảm", "decrease"), ("tăng", "increase"), ("bằng", "exactly"),
)
# Fillers between the comparator and the number: "tối thiểu là 55%", "trên mức 98%", "đạt".
_FILLER = re.compile(r"(?:\s+(?:là|mức|đạt|tỷ lệ|khoảng))*\s*$")
_CLAUSE_END = re.compile(r"[;:.!?\n]")


@attrs.frozen(kw_only=True)
class Mention:
    """A percentage written in the sentence, with the comparator before it (``None``: none written)."""

    text: str
    """As written, with its comparator: ``tối thiểu 98%``."""
    value: Decimal
    comparator: str | None
    """A :class:`~cchc_plan.model.plan.Comparator` value (``at_least`` …), or ``None``."""


def _norm(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def _comparator(before: str) -> tuple[str | None, str]:
    """The comparator at the end of ``before`` (skipping fillers) and the words it was written with."""
    tail = before[-40:]
    tail = tail[:_FILLER.search(tail).start()]  # type: ignore[union-attr]
    lowered = _norm(tail)
    for words, comparator in _WORDS:
        if lowered.endswith(words) and (len(lowered) == len(words) or not lowered[-len(words) - 1].isalnum()):
            return comparator, tail[-len(words):]
    return None, ""


def mentions(text: str) -> Iterator[Mention]:
    """Every percentage of ``text`` with its comparator: ``Tỷ lệ … đạt trên 98%`` → ``trên 98%`` (more_than, 98)."""
    ends = [e.end() for e in _CLAUSE_END.finditer(text)]  # one pass: linear in the text
    for m in _PERCENT.finditer(text):
        k = bisect.bisect_right(ends, m.start())
        clause_start = ends[k - 1] if k else 0
        before = text[max(clause_start, m.start() - 60):m.start()]
        written = m.group(1)
        if written.isdigit():  # "98": the same number in every locale, no locale data needed
            value = Decimal(written)
        elif "." in written and "," not in written:  # 98.5% written the English way
            value = Decimal(written)
        else:
            from babel.numbers import NumberFormatError, parse_decimal  # the vi symbols, when needed

            try:
                value = parse_decimal(written, locale="vi", strict=False)
            except NumberFormatError:
                continue
        comparator, words = _comparator(before)
        shown = f"{words} {m.group(0)}" if words else m.group(0)
        yield Mention(text=shown.strip(), value=Decimal(value), comparator=comparator)


def says_direction(text: str, word: str) -> bool:
    """Whether the sentence says *giảm* / *tăng* (as a word)."""
    return re.search(rf"(?<!\w){word}(?!\w)", _norm(text)) is not None
