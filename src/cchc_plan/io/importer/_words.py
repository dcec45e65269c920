"""Words the importer compares — *so khớp chữ*: keys without diacritics, labels, names and slugs."""

from __future__ import annotations

import functools
import re
import unicodedata

import attrs

from ...markup import escape
from ._reader import Para

__all__ = ["Label", "Note", "Review", "key", "label_of", "markup", "slug", "title_case"]


@functools.lru_cache(maxsize=65536)
def key(text: str) -> str:
    """Lower case, no diacritics, one space: ``Cải cách THỂ CHẾ`` → ``cai cach the che``."""
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", plain.lower()).split())


def slug(text: str) -> str:
    """A key for a unit or target: ``Bộ phận Văn phòng - Thống kê`` → ``van-phong-thong-ke``."""
    words = key(text).split()
    if words[:2] == ["bo", "phan"]:
        words = words[2:]
    return "-".join(words[:5]) or "don-vi"


_LEVEL_WORDS = ("thành phố", "thị trấn", "thị xã", "đặc khu", "phường", "huyện", "quận", "tỉnh", "xã")


def title_case(line: str, *, first: bool) -> str:
    """A header line in capitals as the name writes it: ``XÃ LỘC BÌNH`` → ``xã Lộc Bình``.

    The agency's kind (the first line) keeps only its first capital (``Ủy ban nhân dân``);
    a level word (``xã``, ``huyện`` …) is small, the place name's words capitalised.
    """
    lower = line.lower()
    if first:
        return lower[:1].upper() + lower[1:]
    for word in _LEVEL_WORDS:
        if lower == word or lower.startswith(word + " "):
            rest = lower[len(word):].split()
            return " ".join([word, *(w[:1].upper() + w[1:] for w in rest)])
    return " ".join(w[:1].upper() + w[1:] for w in lower.split())


@attrs.frozen
class Label:
    """A paragraph's label: its scheme name, the label as printed, and the text after it."""

    scheme: str
    """``roman``, ``arabic``, ``decimal``, ``letter``, ``dash``, ``plus`` or ``none``."""
    label: str
    rest: str


_LABELS = (
    ("roman", re.compile(r"^(?P<label>[IVXLC]+\.)\s*(?P<rest>\S.*)$", re.S)),
    ("decimal", re.compile(r"^(?P<label>\d+(?:\.\d+)+\.?)\s+(?P<rest>\S.*)$", re.S)),
    ("arabic", re.compile(r"^(?P<label>\d+[.)])\s*(?P<rest>\D.*)$", re.S)),
    ("letter", re.compile(r"^(?P<label>[a-zđ]\))\s*(?P<rest>\S.*)$", re.S)),
    ("dash", re.compile(r"^(?P<label>[-–—•])\s*(?P<rest>\S.*)$", re.S)),
    ("plus", re.compile(r"^(?P<label>\+)\s*(?P<rest>\S.*)$", re.S)),
)


def label_of(text: str) -> Label:
    """The label a paragraph starts with (scheme ``none`` when it has none)."""
    for scheme, pattern in _LABELS:
        m = pattern.match(text)
        if m:
            label = m["label"]
            if scheme == "dash":
                label = "-"
            return Label(scheme=scheme, label=label, rest=m["rest"])
    return Label(scheme="none", label="", rest=text)


def _chars(para: Para) -> list[tuple[str, bool, bool]]:
    """The paragraph's characters with their emphasis, spaces collapsed as :func:`tidy` does."""
    out: list[tuple[str, bool, bool]] = []
    for piece in para.pieces:
        for ch in piece.text:
            ch = " " if ch == "\t" else ch
            if ch == " " and (not out or out[-1][0] in " \n"):
                continue
            if ch == "\n":
                while out and out[-1][0] == " ":
                    out.pop()
                if not out:
                    continue
            out.append((ch, piece.bold, piece.italic))
    while out and out[-1][0] in " \n":
        out.pop()
    return out


def markup(para: Para, rest: str | None = None) -> tuple[str, bool, bool]:
    """``rest`` (the end of the paragraph's text, after its label) as inline markup.

    Returns the markup and whether all of it is bold, all italic: emphasis over the whole
    text is the paragraph's style and is not written as markup.
    """
    chars = _chars(para)
    if rest is not None:
        drop = max(0, len(chars) - len(rest))
        chars = chars[drop:]
        while chars and chars[0][0] == " ":
            chars.pop(0)
    inked = [c for c in chars if not c[0].isspace()]
    all_bold = bool(inked) and all(c[1] for c in inked)
    all_italic = bool(inked) and all(c[2] for c in inked)
    runs: list[list[object]] = []
    for ch, bold, italic in chars:
        b, i = bold and not all_bold, italic and not all_italic
        if ch.isspace() and runs:
            b, i = bool(runs[-1][1]), bool(runs[-1][2])
        if runs and (runs[-1][1], runs[-1][2]) == (b, i):
            runs[-1][0] = str(runs[-1][0]) + ch
        else:
            runs.append([ch, b, i])
    text = "".join(_wrap(escape(str(t)), bool(b), bool(i)) for t, b, i in runs)
    return text, all_bold, all_italic


def _wrap(text: str, bold: bool, italic: bool) -> str:
    if not text.strip() or not (bold or italic):
        return text
    lead = text[:len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()):]
    core = text.strip()
    if italic:
        core = f"*{core}*"
    if bold:
        core = f"**{core}**"
    return f"{lead}{core}{trail}"


@attrs.frozen
class Note:
    """One entry of the review list: where it came from, and what to check."""

    where: str
    text: str

    def line(self) -> str:
        return f"{self.where}: {self.text}" if self.where else self.text


class Review:
    """The review list — *danh sách cần xem lại* — gathered while reading."""

    def __init__(self) -> None:
        self.notes: list[Note] = []

    def add(self, where: str, text: str) -> None:
        self.notes.append(Note(where=where, text=text))

    def lines(self) -> tuple[str, ...]:
        return tuple(n.line() for n in self.notes)
