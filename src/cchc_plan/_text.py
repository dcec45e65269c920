"""Fields at the boundary: NFC normalisation, and the checks every text (and whole-number) field obeys."""

from __future__ import annotations

import re
import typing
import unicodedata
from collections.abc import Iterator
from typing import Any

import attrs

from .problems import Problem

# Characters that Word's XML cannot hold, and C0/C1 controls other than tab and newline.
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]"
)
_FORBIDDEN_SINGLE_LINE = re.compile("[\t\n\r]")


def nfc(value: object) -> object:
    """Normalise text to Unicode NFC; other values pass unchanged (checked later)."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value.replace("\r\n", "\n"))
    return value


def nfc_tuple(value: object) -> object:
    """Normalise each text of a sequence to NFC and return a tuple."""
    if isinstance(value, (list, tuple)):
        return tuple(nfc(v) for v in value)
    return value


def text(value: str) -> str:
    """The converter of a required text field: NFC (typed ``str`` for the constructor; a value that is not
    text passes unchanged, for the field's check to report)."""
    return typing.cast(str, nfc(value))


def texts(value: tuple[str, ...]) -> tuple[str, ...]:
    """The converter of a required list of texts: each NFC, as a tuple (a list is accepted too)."""
    return typing.cast("tuple[str, ...]", nfc_tuple(value))


def text_field(*, default: str | None) -> Any:
    """An optional text field (NFC); its type is the field's annotation."""
    return attrs.field(default=default, converter=nfc)


def texts_field(*, default: tuple[str, ...] = ()) -> Any:
    """An optional list of texts (each NFC, a tuple); its type is the field's annotation."""
    return attrs.field(default=default, converter=nfc_tuple)


def items_field(*, default: tuple[Any, ...] | None = ()) -> Any:
    """An optional list of values (a list becomes a tuple); its type is the field's annotation."""
    return attrs.field(default=default, converter=_as_tuple)


def _as_tuple(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


# "\s*(?:-\s*)?" rather than "\s*-?\s*": two runs of spaces that can split a run between them
# make a long run of spaces cost its length squared.
_ARCHIVE_LINE = re.compile(r"\s*(?:-\s*)?lưu\s*(?::|vt\b)", re.IGNORECASE)
_AS_ABOVE_LINE = re.compile(r"\s*(?:-\s*)?như\s+trên\b", re.IGNORECASE)


def is_archive_line(text: str) -> bool:
    """``Lưu: VT, CCHC.`` (with or without its dash): the archive line of *Nơi nhận*."""
    return bool(_ARCHIVE_LINE.match(text))


def is_as_above_line(text: str) -> bool:
    """``- Như trên;``: the addressees repeated in *Nơi nhận*."""
    return bool(_AS_ABOVE_LINE.match(text))


def is_caps(text: str) -> bool:
    """Every letter is a capital (and there is at least one)."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(not c.islower() for c in letters)


def check_subject(path: str, value: object) -> Iterator[Problem]:
    """The problem of a *trích yếu* typed in capitals (the decree prints it in lower case)."""
    if not isinstance(value, str):
        return
    for line in value.split("\n"):
        if is_caps(line) and len(line.split()) >= 2:
            yield Problem(path=path, value=line, code="text.caps",
                          rule="trích yếu viết chữ thường, chỉ tên loại văn bản in hoa "
                               "(Nghị định 30/2020, Phụ lục I, ô 5a)")
            return


def forbidden_character(text: str) -> str | None:
    """``U+0001``: the first character of ``text`` that a Word document cannot hold (``None``: none)."""
    bad = _FORBIDDEN.search(text)
    return f"U+{ord(bad.group()):04X}" if bad else None


FORBIDDEN_RULE = "chứa ký tự điều khiển {code} không thể đưa vào văn bản Word"
"""The rule broken by a text holding :func:`forbidden_character` (``{code}`` filled in)."""


def check_text(path: str, value: object, *, multiline: bool = False,
               required: bool = True) -> Iterator[Problem]:
    """Problems of one text field: missing, not text, empty, or holding forbidden characters."""
    if value is None:
        if required:
            yield Problem(path=path, code="field.required", rule="thiếu nội dung (trường bắt buộc)")
        return
    if not isinstance(value, str):
        yield Problem(path=path, value=value, code="type.text", rule="phải là văn bản (chuỗi ký tự)")
        return
    if not value.strip():
        yield Problem(path=path, value=value, code="text.empty", rule="không được để trống")
        return
    code = forbidden_character(value)
    if code is not None:
        yield Problem(path=path, value=value, code="text.control", rule=FORBIDDEN_RULE.format(code=code))
        return
    if not multiline and _FORBIDDEN_SINGLE_LINE.search(value):
        yield Problem(path=path, value=value, code="text.control",
                      rule="phải nằm trên một dòng (không xuống dòng, không tab)")


def check_whole(path: str, value: object, rule: str, *, low: int, high: int | None = None) -> Iterator[Problem]:
    """The problem of a whole-number field (a TT, a year, a count) outside ``low``–``high``."""
    if isinstance(value, bool) or not isinstance(value, int) or value < low or (high is not None and value > high):
        yield Problem(path=path, value=value, rule=rule,
                      code="type.integer" if isinstance(value, bool) or not isinstance(value, int) else "number.range")


def check_texts(path: str, values: object, *, multiline: bool = False,
                min_items: int = 0) -> Iterator[Problem]:
    """Problems of a list of texts (each checked as by :func:`check_text`)."""
    if not isinstance(values, tuple):
        yield Problem(path=path, value=values, code="type.list", rule="phải là một danh sách")
        return
    if len(values) < min_items:
        yield Problem(path=path, code="list.too_short", rule=f"cần ít nhất {min_items} mục")
    for i, v in enumerate(values):
        yield from check_text(f"{path}[{i}]", v, multiline=multiline)


def lower_first(text: str) -> str:
    """``Cải cách hành chính …`` → ``cải cách hành chính …`` (a phrase continued after a word);
    a first word in capitals (an abbreviation: ``UBND``, ``CCHC``) is kept."""
    first = text.split(" ", 1)[0]
    if len(first) > 1 and is_caps(first):
        return text
    return text[:1].lower() + text[1:]
