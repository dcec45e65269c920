"""Inline emphasis in the text of a plan or report: ``**bold**``, ``*italic*``, ``^[footnote]``.

Offices write spans in bold or italic inside a sentence (a quoted slogan, a run-in
unit name) and, now and then, a footnote. In a plan file they are written as::

    hướng tới mục tiêu “*Làm việc không giấy tờ; hội họp không tập trung*”
    **3. Bộ phận Tư pháp - Hộ tịch:** Tham mưu UBND xã …
    … theo Nghị định số 118/2025/NĐ-CP^[Nghị định số 118/2025/NĐ-CP ngày 09/6/2025 của Chính phủ.]

A marker that is not closed (or stands in brackets, as the ``(*)`` of a note) is
kept as written; ``\\*``, ``\\^`` and ``\\\\`` write the characters themselves.
The parser is one linear pass.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs

from .problems import Problem

__all__ = ["Piece", "escape", "markup_problems", "parse", "plain"]

_SPECIAL = ("\\", "*", "^")


@attrs.frozen
class Piece:
    """A run of text with its emphasis; ``note`` holds a footnote's own pieces (its reference mark)."""

    text: str
    bold: bool = False
    italic: bool = False
    note: tuple[Piece, ...] = ()


def escape(text: str) -> str:
    """``text`` written so that it parses back to itself, with no emphasis."""
    out = []
    for i, ch in enumerate(text):
        if ch == "\\" or ch == "*" or (ch == "^" and text[i + 1:i + 2] == "["):
            out.append("\\")
        out.append(ch)
    return "".join(out)


def _closing(text: str, start: int, marker: str, failed: dict[str, int]) -> int:
    """Index of the marker that closes one opened at ``start`` (-1: none before the end).

    ``failed`` remembers, per marker, the earliest start from which no closing was
    found: a later search would scan a part of the same text, so it is not repeated
    (this keeps the parse linear on texts full of unclosed markers).
    """
    if start >= failed.get(marker, len(text) + 1):
        return -1
    found = _scan(text, start, marker, failed)
    if found < 0:
        failed[marker] = min(start, failed.get(marker, start))
    return found


def _scan(text: str, start: int, marker: str, failed: dict[str, int]) -> int:
    i = start
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if text.startswith(marker, i) and i > start and not text[i - 1].isspace() \
                and text[i - 1] not in "([{":
            if marker == "*" and text.startswith("**", i):
                # "**" inside an italic span opens bold: skip to its end
                end = _closing(text, i + 2, "**", failed)
                if end < 0:
                    return -1
                i = end + 2
                continue
            return i
        if ch == "^" and text.startswith("^[", i):
            end = _note_end(text, i + 2, failed)
            i = (end + 1) if end >= 0 else i + 1
            continue
        i += 1
    return -1


def _note_end(text: str, start: int, failed: dict[str, int]) -> int:
    """Index of the ``]`` that closes a footnote opened before ``start`` (nesting counted)."""
    if start >= failed.get("]", len(text) + 1):
        return -1
    found = _bracket(text, start)
    if found < 0:
        failed["]"] = min(start, failed.get("]", start))
    return found


def _bracket(text: str, start: int) -> int:
    depth = 0
    i = start
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            depth += 1
        elif ch == "]":
            if depth == 0:
                return i
            depth -= 1
        i += 1
    return -1


_MARK = re.compile(r"[\\*^]")


def _parse(text: str, bold: bool, italic: bool, out: list[Piece], failed: dict[str, int]) -> None:
    buf: list[str] = []

    def flush() -> None:
        if buf:
            out.append(Piece("".join(buf), bold, italic))
            buf.clear()

    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "\\" and i + 1 < n and text[i + 1] in ("\\", "*", "^", "[", "]"):
            buf.append(text[i + 1])
            i += 2
            continue
        if ch == "*":
            marker = "**" if text.startswith("**", i) else "*"
            inner = i + len(marker)
            if inner < n and not text[inner].isspace() and text[inner] not in ")]}":
                end = _closing(text, inner, marker, failed)
                if end > inner:
                    flush()
                    if marker == "**":
                        _parse(text[inner:end], True, italic, out, {})
                    else:
                        _parse(text[inner:end], bold, True, out, {})
                    i = end + len(marker)
                    continue
            buf.append(marker)
            i = inner
            continue
        if ch == "^" and text.startswith("^[", i):
            end = _note_end(text, i + 2, failed)
            if end > i + 2:
                flush()
                note: list[Piece] = []
                _parse(text[i + 2:end], False, False, note, {})
                out.append(Piece("", bold, italic, tuple(note)))
                i = end + 1
                continue
        plain = _MARK.search(text, i + 1)  # the plain text up to the next mark, in one piece
        stop = plain.start() if plain else n
        buf.append(text[i:stop])
        i = stop
    flush()


def parse(text: str) -> tuple[Piece, ...]:
    """The pieces of ``text``: emphasis applied, escapes resolved, adjacent equal pieces joined."""
    raw: list[Piece] = []
    _parse(text, False, False, raw, {})
    joined: list[Piece] = []
    for piece in raw:
        last = joined[-1] if joined else None
        if last is not None and not piece.note and not last.note and \
                (last.bold, last.italic) == (piece.bold, piece.italic):
            joined[-1] = Piece(last.text + piece.text, last.bold, last.italic)
        elif piece.text or piece.note:
            joined.append(piece)
    return tuple(joined)


def plain(text: str) -> str:
    """The text as read, without markers and footnotes."""
    return "".join(p.text for p in parse(text))


def markup_problems(path: str, text: object) -> Iterator[Problem]:
    """Problems of the inline markup of a text field (an empty footnote)."""
    if isinstance(text, str) and "^[]" in text.replace("\\^", ""):
        yield Problem(path=path, value=text, rule="chú thích ^[…] không được để trống")
