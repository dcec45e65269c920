"""A .docx read as the reader sees it — *đọc văn bản Word*: paragraphs and tables, text normalised.

:func:`read_body` walks ``word/document.xml`` in order and gives a flat sequence
of :class:`Para` and :class:`Table`. What Word and LibreOffice write around the
words is undone: runs split mid-word are joined, fields show their result,
hyperlinks, smart tags, content controls and bookmarks give their text,
tracked changes are read as accepted (insertions kept, deletions dropped, and
said in the notes), soft hyphens and zero-width characters go, non-breaking
spaces become spaces, text boxes are read where they stand, text in legacy
fonts (``.VnTime``, ``VNI-Times``) is converted, everything is NFC, and Word's
automatic numbering (``w:numPr``) becomes the label the reader sees
(``II.``, ``1.``, ``a)``, ``-``) through ``numbering.xml``.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

import attrs

from ._legacy import encoding_of_font, from_tcvn3, from_vni
from ._package import Package

__all__ = ["Body", "Cell", "Para", "Piece", "Table", "read_body"]

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


@functools.cache
def _q(tag: str) -> str:
    return f"{{{_W}}}{tag}"


_ZERO_WIDTH = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2002\u2003\u2009"), " ")


@attrs.frozen
class Piece:
    """A stretch of text with one emphasis."""

    text: str
    bold: bool = False
    italic: bool = False


@attrs.frozen
class Para:
    """A paragraph as read: its pieces, its automatic label (if any) and where it is."""

    pieces: tuple[Piece, ...]
    where: str
    """``đoạn 12`` or ``bảng 2, dòng 3, cột 4``."""
    label: str | None = None
    """The label Word's numbering prints before the text (``II.``, ``a)``, ``-``)."""
    align: str | None = None

    @property
    def raw(self) -> str:
        """The text with tabs and line breaks, label first."""
        body = "".join(p.text for p in self.pieces)
        return f"{self.label} {body}" if self.label else body

    @property
    def text(self) -> str:
        """One line: tabs and runs of spaces as one space, line breaks kept as ``\\n``."""
        return tidy(self.raw)

    @property
    def inked(self) -> list[Piece]:
        return [p for p in self.pieces if p.text.strip()]

    @property
    def bold(self) -> bool:
        """Every visible character bold (the label counts as the text's)."""
        inked = self.inked
        return bool(inked) and all(p.bold for p in inked)

    @property
    def italic(self) -> bool:
        inked = self.inked
        return bool(inked) and all(p.italic for p in inked)


def tidy(text: str) -> str:
    """Spaces and tabs collapsed, each line trimmed, line breaks kept."""
    lines = [" ".join(line.replace("\t", " ").split()) for line in text.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return "\n".join(lines)


@attrs.frozen
class Cell:
    """A table cell: its paragraphs, the grid columns it spans, and whether it continues the one above."""

    paras: tuple[Para, ...]
    column: int
    """The first grid column (0-based)."""
    span: int = 1
    continues: bool = False
    """``w:vMerge`` without ``restart``: merged with the cell above."""
    where: str = ""

    @property
    def lines(self) -> tuple[str, ...]:
        out: list[str] = []
        for p in self.paras:
            out.extend(p.text.split("\n") if p.text else [""])
        while out and not out[-1]:
            out.pop()
        return tuple(out)

    @property
    def text(self) -> str:
        return "\n".join(line for line in self.lines)


@attrs.frozen
class Table:
    """A table: rows of cells, with the number the reader would count it by."""

    rows: tuple[tuple[Cell, ...], ...]
    number: int
    header_rows: int = 0
    """Rows marked to repeat on every page (``w:tblHeader``)."""

    @property
    def where(self) -> str:
        return f"bảng {self.number}"

    def paragraphs(self) -> Iterator[Para]:
        for row in self.rows:
            for cell in row:
                yield from cell.paras


Block = Para | Table


@attrs.frozen
class Body:
    """The document's blocks in reading order, and what the reading changed (tracked changes, encodings)."""

    blocks: tuple[Block, ...]
    notes: tuple[str, ...]
    paragraphs: int


# --------------------------------------------------------------------------- styles and numbering


class _Styles:
    """Bold, italic, font and numbering that paragraph and run styles give (``basedOn`` followed)."""

    def __init__(self, root: Any | None) -> None:
        self.by_id: dict[str, Any] = {}
        self.default_para: str | None = None
        self.default_font: str | None = None
        self._cache: dict[tuple[str, str], Any] = {}
        self._num: dict[str, tuple[str | None, int]] = {}
        if root is None:
            return
        for style in root.iter(_q("style")):
            sid = style.get(_q("styleId"))
            if sid:
                self.by_id[sid] = style
                if style.get(_q("type")) == "paragraph" and style.get(_q("default")) in ("1", "true"):
                    self.default_para = sid
        fonts = root.find(f"{_q('docDefaults')}/{_q('rPrDefault')}/{_q('rPr')}/{_q('rFonts')}")
        if fonts is not None:
            self.default_font = fonts.get(_q("ascii")) or fonts.get(_q("hAnsi"))

    def _chain(self, sid: str | None) -> Iterator[Any]:
        seen: set[str] = set()
        while sid and sid in self.by_id and sid not in seen:
            seen.add(sid)
            style = self.by_id[sid]
            yield style
            based = style.find(_q("basedOn"))
            sid = based.get(_q("val")) if based is not None else None

    def run_value(self, sid: str | None, tag: str) -> Any | None:
        """The first ``w:rPr/tag`` up the chain of ``sid``."""
        cache_key = (sid or "", tag)
        if cache_key in self._cache:
            return self._cache[cache_key]
        value = None
        for style in self._chain(sid):
            found = style.find(f"{_q('rPr')}/{_q(tag)}")
            if found is not None:
                value = found
                break
        self._cache[cache_key] = value
        return value

    def num_pr(self, sid: str | None) -> tuple[str | None, int]:
        if (sid or "") not in self._num:
            self._num[sid or ""] = self._num_pr(sid)
        return self._num[sid or ""]

    def _num_pr(self, sid: str | None) -> tuple[str | None, int]:
        for style in self._chain(sid):
            num = style.find(f"{_q('pPr')}/{_q('numPr')}")
            if num is not None:
                num_id = num.find(_q("numId"))
                ilvl = num.find(_q("ilvl"))
                return (num_id.get(_q("val")) if num_id is not None else None,
                        int(ilvl.get(_q("val"), "0")) if ilvl is not None else 0)
        return None, 0


def _on(element: Any | None) -> bool | None:
    if element is None:
        return None
    return element.get(_q("val"), "true").lower() not in ("0", "false", "off", "none")


_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def _roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _letter(n: int) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    out = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        out = letters[r] + out
    return out


_BULLETS = {"-": "-", "–": "-", "—": "-", "\uf02d": "-", "\u2212": "-", "+": "+", "\uf02b": "+",
            "•": "-", "\uf0b7": "-", "·": "-", "o": "+", "\uf0a7": "+", "▪": "+", "■": "+", "\uf0d8": "+"}


class _Numbering:
    """Word's list numbering: each ``numId`` counted on, labels made from ``lvlText``."""

    def __init__(self, root: Any | None) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        if root is None:
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for a in root.iter(_q("abstractNum")):
            levels = {}
            for lvl in a.iter(_q("lvl")):
                fmt = lvl.find(_q("numFmt"))
                text = lvl.find(_q("lvlText"))
                start = lvl.find(_q("start"))
                levels[int(lvl.get(_q("ilvl"), "0"))] = (
                    fmt.get(_q("val"), "decimal") if fmt is not None else "decimal",
                    text.get(_q("val"), "") if text is not None else "",
                    int(start.get(_q("val"), "1")) if start is not None else 1)
            abstract[a.get(_q("abstractNumId"), "")] = levels
        for num in root.iter(_q("num")):
            ref = num.find(_q("abstractNumId"))
            levels = dict(abstract.get(ref.get(_q("val"), "") if ref is not None else "", {}))
            for override in num.iter(_q("lvlOverride")):
                ilvl = int(override.get(_q("ilvl"), "0"))
                start = override.find(_q("startOverride"))
                if start is not None and ilvl in levels:
                    fmt, text, _ = levels[ilvl]
                    levels[ilvl] = (fmt, text, int(start.get(_q("val"), "1")))
            self.levels[num.get(_q("numId"), "")] = levels

    def label(self, num_id: str, ilvl: int) -> str | None:
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return None
        counters = self.counters.setdefault(num_id, {})
        fmt, text, start = levels[ilvl]
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if fmt == "bullet":
            return _BULLETS.get(text.strip(), "-")
        if fmt == "none":
            return text.strip() or None

        def value(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            n = counters.get(k, levels.get(k, ("decimal", "", 1))[2])
            f = levels.get(k, (fmt, "", 1))[0] if k != ilvl else fmt
            if f == "upperRoman":
                return _roman(n)
            if f == "lowerRoman":
                return _roman(n).lower()
            if f == "upperLetter":
                return _letter(n).upper()
            if f == "lowerLetter":
                return _letter(n)
            return str(n)

        return re.sub(r"%(\d)", value, text).strip() or None


# --------------------------------------------------------------------------- the walk


class _Walker:
    def __init__(self, package: Package) -> None:
        self.styles = _Styles(package.xml("word/styles.xml"))
        self.numbering = _Numbering(package.xml("word/numbering.xml"))
        self.blocks: list[Block] = []
        self.notes: list[str] = []
        self.count = 0
        self.tables = 0
        self.inserted = 0
        self.deleted = 0
        self.converted: dict[str, int] = {}

    # ------------------------------------------------------------------ runs

    def _run_text(self, r: Any) -> str:
        out: list[str] = []
        for child in r:
            tag = child.tag
            if tag == _q("t"):
                out.append(child.text or "")
            elif tag == _q("tab") or tag == _q("ptab"):
                out.append("\t")
            elif tag == _q("br"):
                if child.get(_q("type")) in (None, "textWrapping"):
                    out.append("\n")
            elif tag == _q("cr"):
                out.append("\n")
            elif tag == _q("noBreakHyphen"):
                out.append("-")
            elif tag == _q("sym"):
                code = int(child.get(_q("char"), "0") or "0", 16)
                if 0x20 <= code < 0xF000:
                    out.append(chr(code))
                elif 0xF020 <= code < 0xF100:
                    out.append(_BULLETS.get(chr(code), chr(code - 0xF000)))
        return "".join(out)

    def _emphasis(self, r: Any, p_style: str | None) -> tuple[bool, bool, str | None]:
        rpr = r.find(_q("rPr"))
        r_style = None
        if rpr is not None:
            rs = rpr.find(_q("rStyle"))
            r_style = rs.get(_q("val")) if rs is not None else None

        def value(tag: str) -> bool:
            direct = _on(rpr.find(_q(tag))) if rpr is not None else None
            if direct is not None:
                return direct
            for sid in (r_style, p_style):
                found = _on(self.styles.run_value(sid, tag))
                if found is not None:
                    return found
            return False

        font = None
        for source in ([rpr] if rpr is not None else []):
            fonts = source.find(_q("rFonts"))
            if fonts is not None:
                font = fonts.get(_q("ascii")) or fonts.get(_q("hAnsi"))
        if font is None:
            for sid in (r_style, p_style):
                fonts = self.styles.run_value(sid, "rFonts")
                if fonts is not None:
                    font = fonts.get(_q("ascii")) or fonts.get(_q("hAnsi"))
                    break
        if font is None:
            font = self.styles.default_font
        hidden = value("vanish")
        if hidden:
            return False, False, "hidden"
        return value("b"), value("i"), font

    def _pieces(self, element: Any, p_style: str | None, out: list[Piece], boxes: list[Any],
                *, deleted: bool = False) -> None:
        for child in element:
            tag = child.tag
            if tag == _q("r"):
                for box in child.iter(_q("txbxContent")):
                    if not any(a.tag == f"{{{_MC}}}Fallback" for a in box.iterancestors()):
                        boxes.append(box)
                if deleted:
                    continue
                text = self._run_text(child)
                if not text:
                    continue
                bold, italic, font = self._emphasis(child, p_style)
                if font == "hidden":
                    self.notes.append(f"đoạn {self.count}: bỏ qua chữ ẩn (Hidden) \"{text.strip()[:40]}\"")
                    continue
                encoding = encoding_of_font(font)
                if encoding is not None:
                    text = from_vni(text) if encoding == "vni" else from_tcvn3(text, capitals=encoding.endswith("caps"))
                    self.converted[font or ""] = self.converted.get(font or "", 0) + 1
                out.append(Piece(text=text, bold=bold, italic=italic))
            elif tag in (_q("del"), _q("moveFrom")):
                self.deleted += 1
                self._pieces(child, p_style, out, boxes, deleted=True)
            elif tag in (_q("ins"), _q("moveTo")):
                self.inserted += 1
                self._pieces(child, p_style, out, boxes, deleted=deleted)
            elif tag == f"{{{_MC}}}AlternateContent":
                choice = child.find(f"{{{_MC}}}Choice")
                self._pieces(choice if choice is not None else child, p_style, out, boxes, deleted=deleted)
            elif tag in (_q("pPr"), _q("rPr")) or tag.endswith("}Fallback"):
                continue
            elif len(child):  # hyperlink, smartTag, fldSimple, sdt, sdtContent, customXml, bdo, dir …
                self._pieces(child, p_style, out, boxes, deleted=deleted)

    # ------------------------------------------------------------------ paragraphs and tables

    def para(self, p: Any, where: str | None) -> list[Para]:
        ppr = p.find(_q("pPr"))
        p_style = self.styles.default_para
        num_id: str | None = None
        ilvl = 0
        align = None
        if ppr is not None:
            ps = ppr.find(_q("pStyle"))
            if ps is not None:
                p_style = ps.get(_q("val"))
            num_id, ilvl = self.styles.num_pr(p_style)
            num = ppr.find(_q("numPr"))
            if num is not None:
                nid = num.find(_q("numId"))
                lvl = num.find(_q("ilvl"))
                if nid is not None:
                    num_id = nid.get(_q("val"))
                if lvl is not None:
                    ilvl = int(lvl.get(_q("val"), "0"))
            jc = ppr.find(_q("jc"))
            align = jc.get(_q("val")) if jc is not None else None
            if ppr.find(f"{_q('rPr')}/{_q('del')}") is not None:
                self.deleted += 1
        else:
            num_id, ilvl = self.styles.num_pr(p_style)
        pieces: list[Piece] = []
        boxes: list[Any] = []
        if where is None:
            self.count += 1
        here = where or f"đoạn {self.count}"
        self._pieces(p, p_style, pieces, boxes)
        out: list[Para] = []
        for box in boxes:  # a text box's paragraphs, where the box is anchored
            for inner in box.iter(_q("p")):
                out.extend(self.para(inner, f"{here} (khung chữ)"))
        label = self.numbering.label(num_id, ilvl) if num_id and num_id != "0" else None
        clean = tuple(Piece(text=_normal(piece.text), bold=piece.bold, italic=piece.italic) for piece in pieces)
        if any(piece.text.strip() for piece in clean) or label:
            out.append(Para(pieces=_merged(clean), where=here, label=label, align=align))
        return out

    def table(self, tbl: Any) -> Table:
        self.tables += 1
        number = self.tables
        rows: list[tuple[Cell, ...]] = []
        header_rows = 0
        for r, tr in enumerate(_children(tbl, "tr"), start=1):
            trpr = tr.find(_q("trPr"))
            if trpr is not None and _on(trpr.find(_q("tblHeader"))) and header_rows == r - 1:
                header_rows = r
            cells: list[Cell] = []
            column = 0
            for tc in _children(tr, "tc"):
                tcpr = tc.find(_q("tcPr"))
                span = 1
                continues = False
                if tcpr is not None:
                    gs = tcpr.find(_q("gridSpan"))
                    if gs is not None:
                        span = max(1, int(gs.get(_q("val"), "1")))
                    vm = tcpr.find(_q("vMerge"))
                    if vm is not None and vm.get(_q("val"), "continue") == "continue":
                        continues = True
                where = f"bảng {number}, dòng {r}, cột {column + 1}"
                paras: list[Para] = []
                for child in tc:
                    if child.tag == _q("p"):
                        paras.extend(self.para(child, where))
                    elif child.tag == _q("tbl"):  # a table in a cell: read as its lines
                        inner = self.table(child)
                        paras.extend(inner.paragraphs())
                    elif child.tag == _q("sdt"):
                        for p in child.iter(_q("p")):
                            paras.extend(self.para(p, where))
                cells.append(Cell(paras=tuple(paras), column=column, span=span, continues=continues, where=where))
                column += span
            rows.append(tuple(cells))
        return Table(rows=tuple(rows), number=number, header_rows=header_rows)

    def walk(self, container: Any) -> None:
        for child in container:
            tag = child.tag
            if tag == _q("p"):
                self.blocks.extend(self.para(child, None))
            elif tag == _q("tbl"):
                self.blocks.append(self.table(child))
            elif tag in (_q("sdt"), _q("sdtContent"), _q("customXml"), _q("ins"), _q("moveTo")):
                self.walk(child)
            elif tag == f"{{{_MC}}}AlternateContent":
                choice = child.find(f"{{{_MC}}}Choice")
                self.walk(choice if choice is not None else child)


def _children(element: Any, tag: str) -> Iterator[Any]:
    """Direct children named ``tag``, looking through content controls and custom XML around them."""
    for child in element:
        if child.tag == _q(tag):
            yield child
        elif child.tag in (_q("sdt"), _q("sdtContent"), _q("customXml")):
            yield from _children(child, tag)


def _normal(text: str) -> str:
    return unicodedata.normalize("NFC", text.translate(_ZERO_WIDTH).translate(_SPACES))


def _merged(pieces: tuple[Piece, ...]) -> tuple[Piece, ...]:
    """Neighbouring pieces of one emphasis joined (a word split over runs is one word again)."""
    out: list[Piece] = []
    for piece in pieces:
        if not piece.text:
            continue
        if out and (out[-1].bold, out[-1].italic) == (piece.bold, piece.italic):
            out[-1] = Piece(text=out[-1].text + piece.text, bold=piece.bold, italic=piece.italic)
        elif out and not piece.text.strip():
            out[-1] = Piece(text=out[-1].text + piece.text, bold=out[-1].bold, italic=out[-1].italic)
        else:
            out.append(piece)
    return tuple(out)


def read_body(package: Package) -> Body | None:
    """The document's body as blocks (``None`` when the document has no body)."""
    root = package.xml("word/document.xml")
    body = root.find(_q("body")) if root is not None else None
    if body is None:
        return None
    walker = _Walker(package)
    walker.walk(body)
    notes = list(walker.notes)
    if walker.inserted or walker.deleted:
        notes.insert(0, f"văn bản có theo dõi thay đổi (Track Changes): đã đọc như khi chấp nhận tất cả — "
                        f"giữ {walker.inserted} chỗ chèn, bỏ {walker.deleted} chỗ xóa; hãy kiểm tra lại")
    for font, runs in walker.converted.items():
        notes.append(f'{runs} đoạn chữ phông "{font}" (bảng mã '
                     f'{"VNI" if encoding_of_font(font) == "vni" else "TCVN3/ABC"}) đã được chuyển sang Unicode; '
                     "hãy đọc soát")
    return Body(blocks=tuple(walker.blocks), notes=tuple(notes), paragraphs=walker.count)
