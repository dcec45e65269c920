"""A .docx read for checking — *văn bản đã đọc*: paragraphs in order, their lines and runs.

Every paragraph of the body is numbered in document order, paragraphs inside
tables (and text boxes) included. A paragraph's text is cut into lines at
line breaks, and a line into segments at tabs (a header typed with tabs keeps
its two columns apart). Each piece of text carries its resolved formatting.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

import attrs

from ._budget import MAX_PARAGRAPHS, MAX_SECTIONS, Budget, count_limit
from ._drawing import SHAPE_TAGS, page_field_runs, shapes
from ._package import Package, etree
from ._styles import ParaProps, RunProps, StyleSheet, w, whole

__all__ = ["Cell", "Doc", "HeaderPart", "Line", "Para", "Piece", "Section", "Segment", "read_document",
           "norm"]

_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_SKIP = {f"{{{_MC}}}Fallback", w("del"), w("moveFrom"), w("pPr"), w("rPr"), w("instrText"),
         w("delText")}


def norm(text: str) -> str:
    """NFC, whitespace collapsed, stripped: the form texts are compared in."""
    return " ".join(unicodedata.normalize("NFC", text).split())  # split(): the whitespace of ``\s``


def excerpt(text: str, size: int = 40) -> str:
    """A short quotation of ``text``."""
    text = norm(text)
    return text if len(text) <= size else text[:size - 1].rstrip() + "…"


def _printed(pieces: tuple[Piece, ...]) -> str:
    return norm("".join(p.shown for p in pieces))


@attrs.frozen(kw_only=True)
class Piece:
    """Text in one formatting — *một đoạn chữ cùng định dạng*."""

    text: str
    props: RunProps

    @property
    def shown(self) -> str:
        """The text as printed (capitals when the run is formatted as caps)."""
        return self.text.upper() if self.props.caps else self.text


@attrs.frozen(kw_only=True, eq=False)
class Segment:
    """Part of a line between tabs."""

    pieces: tuple[Piece, ...]
    text: str = attrs.field(default=attrs.Factory(lambda self: _printed(self.pieces), takes_self=True))
    """The segment's text as printed, normalised (given when known already)."""

    @property
    def inked(self) -> tuple[Piece, ...]:
        """The pieces with visible characters."""
        return tuple(p for p in self.pieces if p.text.strip())


@attrs.frozen(kw_only=True)
class Cell:
    """Where a paragraph sits in a table."""

    table: int
    row: int
    column: int
    width: int | None
    """Width available to the cell's paragraphs, twips (cell width less cell margins)."""
    table_style: str | None


@attrs.frozen(kw_only=True, eq=False)
class Line:
    """One line of a paragraph (paragraphs break lines at ``w:br``)."""

    para: Para
    number: int
    pieces: tuple[Piece, ...]
    segments: tuple[Segment, ...]
    """The parts of the line between tabs."""
    text: str = attrs.field(default=attrs.Factory(lambda self: _printed(self.pieces), takes_self=True))
    """The line's text as printed, normalised (given when known already)."""

    @property
    def is_last(self) -> bool:
        return self.number == len(self.para.lines) - 1


@attrs.define(kw_only=True, eq=False)
class Para:
    """A paragraph — *đoạn văn*: its place, formatting, lines and drawn line shapes."""

    index: int
    """1-based, in document order (0 for a paragraph of a header or footer)."""
    where_prefix: str
    props: ParaProps
    cell: Cell | None
    section: int
    element: Any
    shapes: tuple[float | None, ...]
    """Horizontal line shapes drawn in the paragraph: their lengths in pt (``None``: unknown)."""
    pieces: tuple[Piece, ...] = ()
    avail_pt: float | None = None
    """Width between the paragraph's indents, pt (where a bottom border runs)."""
    _text: str | None = attrs.field(default=None, init=False, repr=False)
    _lines: tuple[Line, ...] | None = attrs.field(default=None, init=False, repr=False)

    @property
    def text(self) -> str:
        """The paragraph's text as printed, normalised (computed once: the pieces do not change)."""
        if self._text is None:
            self._text = _printed(self.pieces) if self.pieces else ""
        return self._text

    @property
    def lines(self) -> tuple[Line, ...]:
        """The paragraph's lines, cut at line breaks (made when first asked for, then kept: a
        check looks at the lines of some paragraphs only, and finds the same objects again)."""
        if self._lines is None:
            self._lines = _lines(self)
        return self._lines

    @property
    def where(self) -> str:
        """``đoạn 13 “Thực hiện Quyết định…”``."""
        text = self.text
        if not text:
            return f"{self.where_prefix} (dòng trống)"
        return f"{self.where_prefix} “{excerpt(text)}”"

    @property
    def inked(self) -> tuple[Piece, ...]:
        return tuple(p for p in self.pieces if p.text.strip())


@attrs.frozen(kw_only=True, eq=False)
class HeaderPart:
    """A header or footer part as a section uses it."""

    rid: str
    name: str
    paras: tuple[Para, ...]
    page_fields: tuple[tuple[Para, tuple[RunProps, ...]], ...]
    """Paragraphs holding a PAGE field, with the formatting of the field's result runs."""


@attrs.frozen(kw_only=True)
class Section:
    """A section — *phần*: page setup and headers (inherited ones resolved)."""

    index: int
    width: int | None
    height: int | None
    margins: dict[str, int | None]
    title_page: bool
    page_start: int | None
    page_format: str | None
    headers: dict[str, HeaderPart | None]
    footers: dict[str, HeaderPart | None]
    own_headers: frozenset[str]

    @property
    def text_width(self) -> int:
        """Twips between the left and right margins (A4 less 30 + 15 mm when unknown)."""
        width = self.width or 11906
        left = self.margins.get("left") or 0
        right = self.margins.get("right") or 0
        return max(width - abs(left) - abs(right), 1)


@attrs.frozen(kw_only=True)
class Doc:
    """The whole document as the checks see it."""

    paras: tuple[Para, ...]
    sections: tuple[Section, ...]
    styles: StyleSheet
    by_section: dict[int, tuple[Para, ...]] = attrs.field(factory=dict)
    """Section index → the body paragraphs of that section, in order."""

    def section_paras(self, index: int) -> tuple[Para, ...]:
        """The body paragraphs of section ``index`` (none for a section without any)."""
        return self.by_section.get(index, ())


# --------------------------------------------------------------------------- reading


_P = w("p")
_TBL = w("tbl")
_TR = w("tr")
_TC = w("tc")
_PPR = w("pPr")
_RPR = w("rPr")
_RUN = w("r")
_T = w("t")
_VAL = w("val")
_SECT_PR = w("sectPr")
_TXBX = w("txbxContent")
_TABS = frozenset((w("tab"), w("ptab")))
_BREAKS = frozenset((w("br"), w("cr")))
_NB_HYPHEN = w("noBreakHyphen")
_WALK_SKIP = frozenset((*_SKIP, _SECT_PR))
_PIECE_SKIP = frozenset((*_SKIP, _P, _TXBX))
_TBL_PR, _TBL_STYLE, _TR_PR, _GRID_BEFORE = w("tblPr"), w("tblStyle"), w("trPr"), w("gridBefore")
_TC_PR, _GRID_SPAN, _TC_W, _TC_MAR = w("tcPr"), w("gridSpan"), w("tcW"), w("tcMar")
_W, _TYPE = w("w"), w("type")


class _Reader:
    """One pass over the body in document order; per paragraph, only its own children and those
    of its runs are looked at (formatting is resolved once per distinct combination, see
    :class:`StyleSheet`), and only the paragraphs that hold a drawn shape or a text box — found
    for the whole part at once — are searched for them."""

    def __init__(self, package: Package, budget: Budget) -> None:
        self.pkg = package
        self.budget = budget
        self.styles = StyleSheet(package.styles, package.theme, package.numbering)
        self.paras: list[Para] = []
        self.section = 0
        self.table_count = 0
        self.row_count = 0
        self.pending: list[tuple[Para, float]] = []
        self.drawn: set[Any] = set()
        """The paragraphs holding a shape (a line may be drawn in them)."""
        self.boxed: set[Any] = set()
        """The paragraphs holding a text box."""

    def _mark(self, root: Any) -> None:
        """Note the paragraphs of ``root`` that hold shapes or text boxes (any depth)."""
        for found in root.iter(_TXBX, *SHAPE_TAGS):  # one walk of the part for both
            (self.boxed if found.tag == _TXBX else self.drawn).update(found.iterancestors(_P))

    def read(self) -> Doc:
        body = self.pkg.document.find(w("body"))
        sect_elements: list[Any] = []
        if body is not None:
            self._mark(body)
            self._walk(body, None, sect_elements, depth=0)
            final = body.find(w("sectPr"))
            sect_elements.append(final)
        else:
            sect_elements.append(None)
        sections = self._sections(sect_elements)
        for para, _ in self.pending:
            width = sections[min(para.section, len(sections) - 1)].text_width
            para.avail_pt = max(0.0, (width - para.props.ind_left - para.props.ind_right) / 20)
        grouped: dict[int, list[Para]] = {}
        for para in self.paras:
            grouped.setdefault(para.section, []).append(para)
        return Doc(paras=tuple(self.paras), sections=tuple(sections), styles=self.styles,
                   by_section={k: tuple(v) for k, v in grouped.items()})

    def _walk(self, element: Any, cell: Cell | None, sects: list[Any], depth: int) -> None:
        for child in element:
            tag = child.tag
            if tag == _P:
                para = self._para(child, cell, prefix=f"đoạn {len(self.paras) + 1}")
                self.paras.append(para)
                if child in self.boxed:
                    self._walk_nested(child, cell, sects, depth)
                sect = _sect_pr(child) if cell is None and depth == 0 else None
                if sect is not None:
                    sects.append(sect)
                    self.section += 1
                    if self.section >= MAX_SECTIONS:
                        raise count_limit("phần (section)", self.section + 1, MAX_SECTIONS)
            elif tag == _TBL:
                self._table(child, sects, depth)
            elif tag in _WALK_SKIP or not isinstance(tag, str):
                continue
            elif len(child):
                self._walk(child, cell, sects, depth)

    def _walk_nested(self, p: Any, cell: Cell | None, sects: list[Any], depth: int) -> None:
        """Paragraphs of the text boxes of ``p`` (not in a Fallback copy).

        Only the boxes of ``p`` itself: a box inside one of them belongs to a paragraph of
        that box and is read from there, so each box is read once however deep the nesting.
        """
        for box in _own_boxes(p):
            self.budget.nest(depth + 1)
            self._walk(box, cell, sects, depth + 1)

    def _table(self, tbl: Any, sects: list[Any], depth: int) -> None:
        self.budget.nest(depth + 1)
        self.table_count += 1
        table_id = self.table_count
        tbl_pr = next(tbl.iterchildren(_TBL_PR), None)
        style_el = next(tbl_pr.iterchildren(_TBL_STYLE), None) if tbl_pr is not None else None
        table_style = style_el.get(_VAL) if style_el is not None else \
            self.styles.default_style.get("table")
        grid = [(whole(g.get(_W)) or 0) for g in tbl.iterfind(f"{w('tblGrid')}/{w('gridCol')}")]
        margins = self._cell_margins(tbl_pr, table_style)
        # Rows made from one pattern (a long appendix table) are read once per pattern: a row whose
        # XML, the text of its ``w:t`` aside, is that of a row read before is the same cells,
        # paragraphs, runs and formatting with other text (see ``_RowTemplate``).
        templates: dict[str, _RowTemplate | None] = {}
        rows = list(tbl.iterchildren(_TR))
        keys = _row_keys(tbl, rows)
        made = used = 0
        for tr in rows:
            # Past 32 patterns, with fewer rows made from them than patterns: rows of their own.
            keying = made <= 32 or made <= used
            key = next(keys) if keying else None
            if key is not None:
                template = templates.get(key)
                if template is not None:
                    self._row_from(template, tr, table_id, table_style)
                    used += 1
                    continue
            first, tables = len(self.paras), self.table_count
            self._row(tr, table_id, table_style, grid, margins, sects, depth)
            if key is not None:
                templates[key] = self._template(tr, first, tables)
                made += 1

    def _row(self, tr: Any, table_id: int, table_style: str | None, grid: list[int], margins: dict[str, int],
             sects: list[Any], depth: int) -> None:
        self.row_count += 1
        row_id = self.row_count
        column = 0
        tr_pr = next(tr.iterchildren(_TR_PR), None)
        if tr_pr is not None:
            before = next(tr_pr.iterchildren(_GRID_BEFORE), None)
            if before is not None:
                column = whole(before.get(_VAL)) or 0
        for tc in _cells(tr):
            span = 1
            width: int | None = None
            left, right = margins["left"], margins["right"]
            tc_pr = next(tc.iterchildren(_TC_PR), None)
            if tc_pr is not None:
                span_el = tc_w = tc_mar = None
                for prop in tc_pr:  # the first of each, as ``find`` would give
                    tag = prop.tag
                    if tag == _TC_W:
                        tc_w = prop if tc_w is None else tc_w
                    elif tag == _GRID_SPAN:
                        span_el = prop if span_el is None else span_el
                    elif tag == _TC_MAR:
                        tc_mar = prop if tc_mar is None else tc_mar
                if span_el is not None:
                    span = max(1, whole(span_el.get(_VAL)) or 1)
                if tc_w is not None and (tc_w.get(_TYPE) or "dxa") == "dxa":
                    width = whole(tc_w.get(_W))
                if tc_mar is not None:
                    own = _margins(tc_mar)
                    left, right = own.get("left", left), own.get("right", right)
            if width is None and grid and column + span <= len(grid):
                width = sum(grid[column:column + span]) or None  # Word reads tcW first
            avail = None
            if width:
                avail = max(0, width - left - right)
            cell = Cell(table=table_id, row=row_id, column=column, width=avail,
                        table_style=table_style)
            self._walk(tc, cell, sects, depth + 1)
            column += span

    def _template(self, tr: Any, first: int, tables: int) -> _RowTemplate | None:
        """What reading ``tr`` made (its paragraphs from ``first`` on), apart from the text; ``None``
        when the row holds a table, a text box or a shape (read each time)."""
        if self.table_count != tables:
            return None
        paras = self.paras[first:]
        places = {p: i for i, p in enumerate(tr.iter(_P))}
        texts = {t: i for i, t in enumerate(tr.iter(_T))}
        cells: list[Cell] = []
        entries: list[tuple[int, ParaProps, int, float | None, tuple[tuple[RunProps, _Parts], ...]]] = []
        for para in paras:
            p = para.element
            if para.cell is None or p in self.drawn or p in self.boxed or p not in places:
                return None
            if not cells or cells[-1] is not para.cell:
                cells.append(para.cell)
            runs: list[tuple[RunProps, _Parts]] = []
            self._recipe(p, para.props.style_id, para.cell.table_style, texts, runs)
            avail = para.avail_pt if para.cell.width is not None else None  # else: from the section, later
            entries.append((places[p], para.props, len(cells) - 1, avail, tuple(runs)))
        return _RowTemplate(cells=tuple((c.column, c.width) for c in cells), paras=tuple(entries))

    def _recipe(self, element: Any, p_style: str | None, table_style: str | None, texts: dict[Any, int],
                out: list[tuple[RunProps, _Parts]]) -> None:
        """The runs :meth:`_pieces` reads in ``element``: formatting, and parts of text as fixed
        strings or the place of their ``w:t`` among the row's."""
        for child in element:
            tag = child.tag
            if tag == _RUN:
                rpr = None
                parts: list[str | int] = []
                for part in child:
                    kind = part.tag
                    if kind == _T:
                        parts.append(texts[part])
                    elif kind == _RPR:
                        rpr = part if rpr is None else rpr
                    elif kind in _TABS:
                        parts.append("\t")
                    elif kind in _BREAKS:
                        parts.append("\n")
                    elif kind == _NB_HYPHEN:
                        parts.append("-")
                if not parts:
                    continue
                props = self.styles.run_props_of(p_style, table_style, rpr)
                if not props.hidden:
                    one = parts[0] if len(parts) == 1 else None
                    out.append((props, one if isinstance(one, int) else tuple(parts)))
            elif tag in _PIECE_SKIP or not isinstance(tag, str):
                continue
            elif len(child):
                self._recipe(child, p_style, table_style, texts, out)

    def _row_from(self, template: _RowTemplate, tr: Any, table_id: int, table_style: str | None) -> None:
        """Read a row made from ``template``: what :meth:`_row` would give, with this row's text."""
        self.row_count += 1
        cells = [Cell(table=table_id, row=self.row_count, column=column, width=width, table_style=table_style)
                 for column, width in template.cells]
        texts: list[str] = []
        elements: list[Any] = []
        for e in tr.iter(_P, _T):  # one walk of the row for both
            if e.tag == _T:
                texts.append(e.text or "")
            else:
                elements.append(e)
        for place, props, at, avail, runs in template.paras:
            number = len(self.paras) + 1
            if number > MAX_PARAGRAPHS:
                raise count_limit("đoạn văn", number, MAX_PARAGRAPHS)
            pieces: list[Piece] = []
            count = 1
            for run_props, parts in runs:
                joined = texts[parts] if isinstance(parts, int) else \
                    "".join([texts[x] if isinstance(x, int) else x for x in parts])
                if not joined:
                    continue
                count += 1 + joined.count("\n") + joined.count("\t")
                pieces.append(Piece(text=joined, props=run_props))
            self.budget.spend(count)
            para = Para(index=number, where_prefix=f"đoạn {number}", props=props, cell=cells[at],
                        section=self.section, element=elements[place], shapes=(), pieces=tuple(pieces),
                        avail_pt=avail)
            if avail is None:
                self.pending.append((para, 0.0))
            self.paras.append(para)

    def _cell_margins(self, tbl_pr: Any | None, table_style: str | None) -> dict[str, int]:
        out = {"left": 108, "right": 108}
        for style in reversed(self.styles.chain(table_style, "table")):
            out.update(_margins(style.find(f"{w('tblPr')}/{w('tblCellMar')}")))
        if tbl_pr is not None:
            out.update(_margins(tbl_pr.find(w("tblCellMar"))))
        return out

    def _para(self, p: Any, cell: Cell | None, prefix: str, section: int | None = None) -> Para:
        if len(self.paras) >= MAX_PARAGRAPHS:
            raise count_limit("đoạn văn", len(self.paras) + 1, MAX_PARAGRAPHS)
        ppr = next(p.iterchildren(_PPR), None)
        table_style = cell.table_style if cell is not None else None
        props = self.styles.para_props(ppr, table_style)
        pieces: list[Piece] = []
        self.budget.spend(1 + self._pieces(p, props.style_id, table_style, pieces))
        para = Para(index=len(self.paras) + 1 if section is None else 0, where_prefix=prefix,
                    props=props, cell=cell, section=self.section if section is None else section,
                    element=p, shapes=shapes(p) if p in self.drawn else (), pieces=tuple(pieces))
        if cell is not None and cell.width is not None:
            para.avail_pt = max(0.0, (cell.width - props.ind_left - props.ind_right) / 20)
        elif section is None:
            self.pending.append((para, 0.0))
        return para

    def _pieces(self, element: Any, p_style: str | None, table_style: str | None, out: list[Piece]) -> int:
        """Append the pieces of text of ``element``'s runs to ``out``; how many pieces of text
        (runs, lines, tab-separated parts) they count for the budget."""
        count = 0
        for child in element:
            tag = child.tag
            if tag == _RUN:
                rpr = None
                text: list[str] = []
                for part in child:
                    kind = part.tag
                    if kind == _T:
                        text.append(part.text or "")
                    elif kind == _RPR:
                        rpr = part if rpr is None else rpr
                    elif kind in _TABS:
                        text.append("\t")
                    elif kind in _BREAKS:
                        text.append("\n")
                    elif kind == _NB_HYPHEN:
                        text.append("-")
                joined = "".join(text)
                if not joined:
                    continue
                props = self.styles.run_props_of(p_style, table_style, rpr)
                if props.hidden:
                    continue
                count += 1 + joined.count("\n") + joined.count("\t")
                out.append(Piece(text=joined, props=props))
            elif tag in _PIECE_SKIP or not isinstance(tag, str):
                continue
            elif len(child):
                count += self._pieces(child, p_style, table_style, out)
        return count

    # ------------------------------------------------------------------ sections

    def _sections(self, elements: list[Any]) -> list[Section]:
        out: list[Section] = []
        previous_headers: dict[str, HeaderPart | None] = {"default": None, "first": None, "even": None}
        previous_footers: dict[str, HeaderPart | None] = {"default": None, "first": None, "even": None}
        for index, sect in enumerate(elements):
            headers = dict(previous_headers)
            footers = dict(previous_footers)
            own: set[str] = set()
            width = height = None
            margins: dict[str, int | None] = {k: None for k in ("top", "bottom", "left", "right")}
            title_page = False
            start = fmt = None
            if sect is not None:
                for ref in sect.iterfind(w("headerReference")):
                    kind = ref.get(w("type")) or "default"
                    rid = ref.get(f"{{{_R}}}id") or ""
                    headers[kind] = self._header_part(rid, self.pkg.headers, index)
                    own.add(kind)
                for ref in sect.iterfind(w("footerReference")):
                    kind = ref.get(w("type")) or "default"
                    rid = ref.get(f"{{{_R}}}id") or ""
                    footers[kind] = self._header_part(rid, self.pkg.footers, index)
                size = sect.find(w("pgSz"))
                if size is not None:
                    width, height = whole(size.get(w("w"))), whole(size.get(w("h")))
                mar = sect.find(w("pgMar"))
                if mar is not None:
                    for side in margins:
                        margins[side] = whole(mar.get(w(side)))
                title = sect.find(w("titlePg"))
                title_page = title is not None and (title.get(w("val")) or "1").lower() not in \
                    ("0", "false", "off")
                numbering = sect.find(w("pgNumType"))
                if numbering is not None:
                    start = whole(numbering.get(w("start")))
                    fmt = numbering.get(w("fmt"))
            out.append(Section(index=index, width=width, height=height, margins=margins,
                               title_page=title_page, page_start=start, page_format=fmt,
                               headers=headers, footers=footers, own_headers=frozenset(own)))
            previous_headers, previous_footers = headers, footers
        return out

    def _header_part(self, rid: str, parts: dict[str, Any], section: int) -> HeaderPart | None:
        root = parts.get(rid)
        if root is None:
            return None
        name = self.pkg.header_names.get(rid, rid)
        kind = "đầu trang" if root.tag == w("hdr") else "chân trang"
        saved = self.section
        self.section = section
        self._mark(root)
        paras: list[Para] = []
        collector: list[Any] = []
        self._collect(root, collector)
        for p in collector:
            paras.append(self._para(p, None, prefix=f"{kind} ({name})", section=section))
        self.section = saved
        fields = []
        for para in paras:
            runs = page_field_runs(para.element)
            if runs is not None:
                props = tuple(self.styles.run_props(para.props.style_id, _rstyle(r), None,
                                                    r.find(w("rPr"))) for r in runs)
                fields.append((para, props))
        return HeaderPart(rid=rid, name=name, paras=tuple(paras), page_fields=tuple(fields))

    def _collect(self, element: Any, out: list[Any]) -> None:
        for child in element:
            if not isinstance(child.tag, str) or child.tag in _SKIP:
                continue
            if child.tag == w("p"):
                out.append(child)
            self._collect(child, out)


_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


@attrs.frozen
class _RowTemplate:
    """A table row as read, without its text: the cells (column, width for the paragraphs) and
    for each paragraph its place among the row's ``w:p``, formatting, cell, and runs (formatting,
    parts of text: fixed, or the place of a ``w:t`` among the row's)."""

    cells: tuple[tuple[int, int | None], ...]
    paras: tuple[tuple[int, ParaProps, int, float | None, tuple[tuple[RunProps, _Parts], ...]], ...]
    """Place among the row's ``w:p``, formatting, cell, width between the indents (``None``: the
    cell's is unknown, the section's is taken), runs."""


_Parts = int | tuple[str | int, ...]
"""A run's text: the place of its one ``w:t``, or its parts in order."""


def _row_keys(tbl: Any, rows: list[Any]) -> Iterator[str | None]:
    """For each row of ``tbl``, its XML with the text of its ``w:t`` taken out: two rows with the
    same key are the same cells, paragraphs, runs and formatting, and differ at most in that text
    — the only text the reader takes, read again from each row. (What is taken out is the text
    right before a ``</w:t>``: a ``w:t``'s own, or the tail of an element inside it, never read.)
    ``None`` for each row when the prefix of the table's namespace is unusual."""
    prefix = tbl.prefix
    if prefix is not None and not re.fullmatch(r"[A-Za-z_][\w.-]*", prefix):
        return iter([None] * len(rows))
    texts = re.compile(r">[^<]+(?=</" + (f"{prefix}:" if prefix else "") + r"t>)")
    return (texts.sub(">", etree.tostring(tr, with_tail=False, encoding="unicode")) for tr in rows)


def _sect_pr(p: Any) -> Any | None:
    """The ``w:sectPr`` of a paragraph's ``w:pPr`` (as ``find("w:pPr/w:sectPr")``)."""
    for ppr in p.iterchildren(_PPR):
        sect = next(ppr.iterchildren(_SECT_PR), None)
        if sect is not None:
            return sect
    return None


def _rstyle(r: Any) -> str | None:
    rs = r.find(f"{w('rPr')}/{w('rStyle')}")
    return rs.get(w("val")) if rs is not None else None


def _margins(element: Any | None) -> dict[str, int]:
    out: dict[str, int] = {}
    if element is None:
        return out
    for side, names in (("left", ("left", "start")), ("right", ("right", "end"))):
        for name in names:
            edge = element.find(w(name))
            if edge is not None and (edge.get(w("type")) or "dxa") == "dxa":
                value = whole(edge.get(w("w")))
                if value is not None:
                    out[side] = value
                    break
    return out


def _cells(tr: Any) -> list[Any]:
    """The row's cells, through custom XML and content controls."""
    out: list[Any] = []
    for child in tr:
        if child.tag == _TC:
            out.append(child)
        elif child.tag in (w("sdt"), w("customXml")):
            content = child.find(w("sdtContent")) if child.tag == w("sdt") else child
            if content is not None:
                out.extend(_cells(content))
    return out


def _segments(pieces: tuple[Piece, ...]) -> tuple[Segment, ...]:
    out: list[Segment] = []
    current: list[Piece] = []
    for piece in pieces:
        for i, part in enumerate(piece.text.split("\t")):
            if i > 0:
                if "".join(p.text for p in current).strip():
                    out.append(Segment(pieces=tuple(current)))
                current = []
            if part:
                current.append(Piece(text=part, props=piece.props))
    if "".join(p.text for p in current).strip():
        out.append(Segment(pieces=tuple(current)))
    return tuple(out)


def _line(para: Para, number: int, pieces: list[Piece]) -> Line:
    return Line(para=para, number=number, pieces=tuple(pieces), segments=_segments(tuple(pieces)))


def _lines(para: Para) -> tuple[Line, ...]:
    pieces = para.pieces
    if not pieces:
        return (Line(para=para, number=0, pieces=(), segments=(), text=""),)
    if not any("\n" in p.text or "\t" in p.text for p in pieces):  # one line, one part: the paragraph's
        text = para.text
        whole_line = (Segment(pieces=pieces, text=text),) if "".join(p.text for p in pieces).strip() else ()
        return (Line(para=para, number=0, pieces=pieces, segments=whole_line, text=text),)
    lines: list[Line] = []
    current: list[Piece] = []
    for piece in para.pieces:
        parts = piece.text.split("\n")
        for i, part in enumerate(parts):
            if i > 0:
                lines.append(_line(para, len(lines), current))
                current = []
            if part:
                current.append(Piece(text=part, props=piece.props))
    lines.append(_line(para, len(lines), current))
    return tuple(lines)


def _own_boxes(p: Any) -> list[Any]:
    """The ``w:txbxContent`` elements of ``p`` not inside another box of ``p`` nor a Fallback copy,
    in document order."""
    out: list[Any] = []
    box = w("txbxContent")
    fallback = f"{{{_MC}}}Fallback"
    stack = [iter(p)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        tag = child.tag
        if not isinstance(tag, str) or tag == fallback:
            continue
        if tag == box:
            out.append(child)
        else:
            stack.append(iter(child))
    return out


def read_document(package: Package, budget: Budget | None = None) -> Doc:
    """The document's paragraphs, sections and headers, with resolved formatting.

    Raises :class:`~._budget.TooComplex` when the document goes over ``budget``'s limits.
    """
    return _Reader(package, budget or Budget()).read()
