"""Text typed in the legacy Vietnamese encodings — *bảng mã TCVN3 (ABC), VNI* — turned into Unicode.

Before Unicode, offices typed Vietnamese with fonts that draw Vietnamese letters
in place of Latin-1 ones: ``.VnTime`` (TCVN3, one character per letter; its
capitals with tone marks need the ``.VnTimeH`` font, whose small letters are
drawn as capitals) and ``VNI-Times`` (a base letter followed by a mark
character). A .docx keeps those Latin-1 characters and the font name, so the
text reads as "Céng hoµ" until it is converted. No well-kept converter is
published on PyPI; these tables are the two encodings' published code charts,
tested against known pairs.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["Encoding", "encoding_of_font", "from_tcvn3", "from_vni"]

Encoding = str
"""``"tcvn3"``, ``"tcvn3-caps"`` (the H fonts) or ``"vni"``."""

# TCVN3 (TCVN 5712:1993, ABC): Latin-1 character → Vietnamese letter.
_TCVN3_PAIRS = (
    "µà ¶ả ·ã ¸á ¹ạ ¨ă »ằ ¼ẳ ½ẵ ¾ắ Æặ ©â Çầ Èẩ Éẫ Êấ Ëậ ®đ Ìè Îẻ Ïẽ Ðé Ñẹ ªê Òề Óể Ôễ Õế Öệ "
    "×ì Øỉ Üĩ Ýí Þị ßò áỏ âõ ãó äọ «ô åồ æổ çỗ èố éộ ¬ơ êờ ëở ìỡ íớ îợ ïù ñủ òũ óú ôụ "
    "\u00adư õừ öử ÷ữ øứ ùự úỳ ûỷ üỹ ýý þỵ ¡Ă ¢Â £Ê ¤Ô ¥Ơ ¦Ư §Đ"
)
_TCVN3 = {pair[0]: pair[1] for pair in _TCVN3_PAIRS.split(" ") if pair} | {"\u00ad": "ư"}

# VNI Windows: a base letter, then a mark character.
_VNI_MARKS = {"ù": "\u0301", "ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ï": "\u0323",
              "Ù": "\u0301", "Ø": "\u0300", "Û": "\u0309", "Õ": "\u0303", "Ï": "\u0323"}
_VNI_HAT = {"â": ("\u0302", ""), "á": ("\u0302", "\u0301"), "à": ("\u0302", "\u0300"),
            "å": ("\u0302", "\u0309"), "ã": ("\u0302", "\u0303"), "ä": ("\u0302", "\u0323")}
_VNI_BREVE = {"ê": ("\u0306", ""), "é": ("\u0306", "\u0301"), "è": ("\u0306", "\u0300"),
              "ú": ("\u0306", "\u0309"), "ü": ("\u0306", "\u0303"), "ë": ("\u0306", "\u0323")}
_VNI_SINGLE = {"ô": "ơ", "Ô": "Ơ", "ö": "ư", "Ö": "Ư", "ñ": "đ", "Ñ": "Đ",
               "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ",
               "Í": "Í", "Ì": "Ì", "Æ": "Ỉ", "Ó": "Ĩ", "Ò": "Ị", "Î": "Ỵ"}


def encoding_of_font(font: str | None) -> Encoding | None:
    """The legacy encoding a font name stands for (``.VnTime`` → ``tcvn3``), or ``None``."""
    if not font:
        return None
    name = font.strip().lower()
    if name.startswith(".vn"):
        return "tcvn3-caps" if name.rstrip().endswith("h") else "tcvn3"
    if name.startswith("vni"):
        return "vni"
    return None


def from_tcvn3(text: str, *, capitals: bool = False) -> str:
    """TCVN3 text as Unicode; ``capitals`` for the H fonts (``.VnTimeH``), whose letters print as capitals."""
    out = "".join(_TCVN3.get(ch, ch) for ch in text)
    return out.upper() if capitals else out


def _vni_letter(base: str, marks: list[str]) -> str:
    return unicodedata.normalize("NFC", base + "".join(marks))


_VNI_TOKEN = re.compile(r"([A-Za-z])([âáàåãäÂÁÀÅÃÄêéèúüëÊÉÈÚÜË])?([ùøûõïÙØÛÕÏ])?")


def from_vni(text: str) -> str:
    """VNI Windows text as Unicode."""
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in _VNI_SINGLE:
            letter = _VNI_SINGLE[ch]
            i += 1
            if i < len(text) and text[i] in _VNI_MARKS and letter.lower() in "ơưy":
                letter = _vni_letter(letter, [_VNI_MARKS[text[i]]])
                i += 1
            out.append(letter)
            continue
        m = _VNI_TOKEN.match(text, i)
        if m and (m.group(2) or m.group(3)):
            base, shape, tone = m.group(1), m.group(2), m.group(3)
            marks: list[str] = []
            if shape:
                table = _VNI_HAT if shape.lower() in _VNI_HAT else _VNI_BREVE
                first, second = table[shape.lower()]
                if base.lower() not in "aeo" or (table is _VNI_BREVE and base.lower() != "a"):
                    out.append(base)  # not a Vietnamese letter: leave the characters as they are
                    i += 1
                    continue
                marks += [first] + ([second] if second else [])
            if tone:
                marks.append(_VNI_MARKS[tone])
            out.append(_vni_letter(base, marks))
            i = m.end()
            continue
        out.append(ch)
        i += 1
    return "".join(out)
