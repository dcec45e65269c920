"""Writes any layout :class:`~cchc_plan.layout.Document` as a .docx in the ND30 layout.

Page setup, fonts and sizes come from the :class:`~cchc_plan.profile.StyleProfile`;
styles and anything else from the template (``templates/docx/nd30.docx`` unless
the user gives one). Raw XML goes through :mod:`cchc_plan._oxml` only.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable
from importlib.resources import files
from pathlib import Path
from typing import Any

import attrs
from docx import Document as _open_docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.shared import Mm, Pt, Twips

from . import _oxml
from ..layout.blocks import (
    Align,
    AppendixPart,
    Block,
    Cell,
    Document,
    EndBlock,
    Figure,
    Header,
    Heading,
    Meta,
    Paragraph,
    Row,
    RowKind,
    Span,
    Table,
    Title,
)
from ..problems import InputError, Problem
from .profile import StyleProfile
from ..io.word_template import TemplateParts, read_template
from .textwidth import text_width_pt

__all__ = ["CORE_TEXT_LIMIT", "FONT", "LANGUAGE", "core_text", "default_template", "normalise_template",
           "write_appendices", "write_docx"]

FONT = "Times New Roman"
LANGUAGE = "vi-VN"
_A4 = (Mm(210), Mm(297))
_JC = {Align.JUSTIFY: "both", Align.CENTER: "center", Align.LEFT: "left"}
_HEADER_SPLIT = 0.39  # agency column : national column ≈ 40 : 60 (Mẫu 1.4)
_END_SPLIT = 0.36  # Nơi nhận : signer ≈ 32 : 68 (Mẫu 1.4), widened for 11 pt recipient lines
_RULE_SHARE = 0.40  # agency and subject rules: between 1/3 and 1/2 of the text line
_TWIPS_PER_PT = 20
_CELL_MARGIN_TWIPS = 57  # left and right, in every cell of a bordered table (1 mm)
# A word must fit between the cell margins, with a point to spare for rounding and borders.
_CELL_PADDING_PT = 2 * _CELL_MARGIN_TWIPS / _TWIPS_PER_PT + 1.0


def _pt(length: int | None) -> float:
    return (length or 0) / 12700  # EMU per point


def default_template() -> Path:
    """The bundled template, ``templates/docx/nd30.docx`` (inside the wheel, or the source tree)."""
    bundled = files("cchc_plan").joinpath("templates/docx/nd30.docx")
    if bundled.is_file():
        return Path(str(bundled))
    return Path(__file__).resolve().parents[3] / "templates" / "docx" / "nd30.docx"


def normalise_template(docx: Any, profile: StyleProfile) -> None:
    """Fonts, language and the Normal style of a template made to follow ND30."""
    styles = docx.styles.element
    _oxml.clean_fonts(styles, FONT, LANGUAGE)
    _oxml.drop_styles_with_effects(docx.part)
    normal = docx.styles["Normal"]
    _oxml.set_fonts(normal.element.get_or_add_rPr(), FONT, LANGUAGE)
    normal.font.size = Pt(profile.body_pt)
    fmt = normal.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing = 1.0
    for section in docx.sections:
        _page(section, profile, landscape=False)


def _page(section: Any, profile: StyleProfile, *, landscape: bool) -> None:
    width, height = _A4
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (height, width) if landscape else (width, height)
    section.top_margin = Mm(profile.margin_top_mm)
    section.bottom_margin = Mm(profile.margin_bottom_mm)
    section.left_margin = Mm(profile.margin_left_mm)
    section.right_margin = Mm(profile.margin_right_mm)
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)


_ROWS_PER_BATCH = 200
"""Table rows built as XML nodes before they are kept as text."""


class _Writer:
    def __init__(self, profile: StyleProfile, template: TemplateParts | None) -> None:
        self.p = profile
        self.doc = _open_docx(str(default_template()))  # a user template gives only its cleaned parts
        _oxml.clear_body(self.doc.element.body)
        if template is None:
            normalise_template(self.doc, profile)
        else:
            self._use(template)
        self._ppr: dict[tuple[Any, ...], Any] = {}
        self._rpr: dict[tuple[Any, ...], Any] = {}
        self._notes: list[Any] = []
        self._parked = _oxml.ParkedXml()

    def _use(self, template: TemplateParts) -> None:
        """The template's styles and page setup in the bundled package (:mod:`cchc_plan.io.word_template`)."""
        try:
            _oxml.use_template_parts(self.doc, styles=template.styles, section=template.section,
                                     numbering=template.numbering, theme=template.theme,
                                     font_table=template.font_table, settings=template.settings)
            normalise_template(self.doc, self.p)
        except (ValueError, KeyError, TypeError, AttributeError, IndexError) as e:
            raise InputError(template.source, [Problem(
                path="", rule=f"tệp mẫu có kiểu chữ hoặc thiết lập trang không dùng được ({e})")]) from None

    # ------------------------------------------------------------------ basics

    def _text_width_pt(self) -> float:
        section = self.doc.sections[-1]
        return _pt(section.page_width) - _pt(section.left_margin) - _pt(section.right_margin)

    def _format(self, paragraph: Any, *, align: Align, indent: bool = False,
                before: float = 0, after: float = 0, line: float = 1.0, keep_next: bool = False,
                left: int = 0, hanging: int = 0) -> None:
        """Set a ``w:p``'s properties (alignment, indent, spacing, line spacing) from a cached template."""
        key = (align, indent, before, after, line, keep_next, left, hanging)
        template = self._ppr.get(key)
        if template is None:
            template = self._ppr[key] = _oxml.paragraph_properties(
                jc=_JC[align], first_line=round(self.p.first_line_indent_cm * 567) if indent else 0,
                left=left, hanging=hanging, before=round(before * _TWIPS_PER_PT),
                after=round(after * _TWIPS_PER_PT), line=round(line * 240), keep_next=keep_next)
        _oxml.set_properties(paragraph, template)

    def _run(self, paragraph: Any, text: str, size: float, *, bold: bool = False,
             italic: bool = False) -> Any:
        """Append a run (Times New Roman on all four slots, vi-VN) to a ``w:p``; returns the ``w:r``."""
        return _oxml.add_run(paragraph, self._template(size, bold=bold, italic=italic), text)

    @staticmethod
    def _element(container: Any) -> Any:
        """The XML element that holds paragraphs: a body, a cell, a header or footer."""
        if hasattr(container, "_tc"):
            return container._tc
        if hasattr(container, "element") and hasattr(container.element, "body"):
            return container.element.body
        return getattr(container, "_element", container)

    def _paragraph(self, container: Any) -> Any:
        return _oxml.add_paragraph(self._element(container))

    def _line(self, container: Any, text: str, size: float, *, bold: bool = False,
              italic: bool = False, align: Align = Align.CENTER, before: float = 0) -> Any:
        paragraph = self._paragraph(container)
        self._format(paragraph, align=align, before=before)
        if text:
            self._run(paragraph, text, size, bold=bold, italic=italic)
        return paragraph

    def _rule(self, container: Any, length_pt: float, width_pt: float) -> None:
        """An empty paragraph whose bottom border is a centred line ``length_pt`` long."""
        paragraph = self._paragraph(container)
        side = round(max(0.0, (width_pt - length_pt) / 2) * _TWIPS_PER_PT)
        _oxml.set_properties(paragraph, _oxml.paragraph_properties(
            jc="center", left=side, right=side, line=40, line_rule="exact", border=True))

    def _borderless(self, widths_pt: list[float]) -> Any:
        table = self.doc.add_table(rows=0, cols=len(widths_pt))
        _oxml.table_borders(table._tbl, visible=False)
        _oxml.table_fixed_width(table._tbl, round(sum(widths_pt) * _TWIPS_PER_PT))
        _oxml.table_cell_margins(table._tbl, left_twips=0, right_twips=0)
        for column, width in zip(table.columns, widths_pt, strict=True):
            column.width = Twips(round(width * _TWIPS_PER_PT))
        return table

    @staticmethod
    def _empty(cell: Any) -> Any:
        """The cell's first (empty) paragraph removed, so add_paragraph starts it."""
        for p in list(cell._tc.p_lst):
            cell._tc.remove(p)
        return cell

    # ------------------------------------------------------------------ ND30 components

    def header(self, h: Header) -> None:
        full = self._text_width_pt()
        left_w = full * _HEADER_SPLIT
        right_w = full - left_w
        table = self._borderless([left_w, right_w])
        top = table.add_row().cells
        left, right = self._empty(top[0]), self._empty(top[1])
        if h.parent:
            self._line(left, h.parent, self.p.parent_agency_pt)
        for line in h.agency:
            self._line(left, line, self.p.agency_pt, bold=True)
        widest = max(text_width_pt(t, self.p.agency_pt, bold=True) for t in h.agency)
        self._rule(left, min(widest, left_w) * _RULE_SHARE, left_w)  # a wrapped line is the cell wide
        self._line(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", self.p.national_title_pt, bold=True)
        motto = "Độc lập - Tự do - Hạnh phúc"
        self._line(right, motto, self.p.motto_pt, bold=True)
        self._rule(right, text_width_pt(motto, self.p.motto_pt, bold=True), right_w)
        if h.number or h.place_date:  # a document issued with another has neither
            bottom = table.add_row().cells
            left, right = self._empty(bottom[0]), self._empty(bottom[1])
            self._line(left, h.number, self.p.number_pt, before=6)
            self._line(right, h.place_date, self.p.date_pt, italic=True, before=6)
        for row in table.rows:
            for cell, width in zip(row.cells, (left_w, right_w), strict=True):
                cell.width = Twips(round(width * _TWIPS_PER_PT))

    def title(self, t: Title) -> None:
        self._line(self.doc, t.doc_type, self.p.doc_type_pt, bold=True, before=18)
        for line in t.subject:
            self._line(self.doc, line, self.p.subject_pt, bold=True)
        if t.issued_with is not None:  # "(Ban hành kèm theo Quyết định số …)", the rule below it
            self._line(self.doc, t.issued_with, self.p.subject_pt, italic=True)
        widest = max(text_width_pt(s, self.p.subject_pt, bold=True) for s in t.subject)
        full = self._text_width_pt()
        self._rule(self.doc, min(widest, full) * _RULE_SHARE, full)

    def addressees(self, names: tuple[str, ...]) -> None:
        size = self.p.body_pt
        if len(names) == 1:
            self._line(self.doc, f"Kính gửi: {names[0]}.", size, before=12)
            return
        label = "Kính gửi: "
        hang = round(text_width_pt(label, size) * _TWIPS_PER_PT)
        for i, name in enumerate(names):
            end = "." if i == len(names) - 1 else ";"
            paragraph = self._paragraph(self.doc)
            self._format(paragraph, align=Align.LEFT, before=12 if i == 0 else 0,
                         left=3 * 567 + hang, hanging=hang if i == 0 else 0)
            if i == 0:
                self._run(paragraph, label, size)
            self._run(paragraph, f"- {name}{end}", size)

    def heading(self, h: Heading) -> None:
        paragraph = self._paragraph(self.doc)
        self._format(paragraph, align=Align.JUSTIFY, indent=True, before=self.p.space_before_pt,
                     after=self.p.space_after_pt, line=self.p.line_spacing, keep_next=True)
        bold, italic = h.emphasis
        self._run(paragraph, h.line, self.p.body_pt, bold=bold, italic=italic)

    def paragraph(self, para: Paragraph, spans: Iterable[Span] | None = None, *,
                  keep_next: bool = False) -> None:
        paragraph = self._paragraph(self.doc)
        self._format(paragraph, align=para.align, indent=para.indent,
                     before=self.p.space_before_pt, after=self.p.space_after_pt,
                     line=self.p.line_spacing, keep_next=keep_next)
        for span in spans if spans is not None else para.spans:
            if span.note:
                self._footnote(paragraph, span)
            else:
                self._run(paragraph, span.text, self.p.body_pt, bold=span.bold, italic=span.italic)

    def _template(self, size: float, *, bold: bool = False, italic: bool = False) -> Any:
        key = (size, bold, italic)
        if key not in self._rpr:
            self._rpr[key] = _oxml.run_properties(FONT, LANGUAGE, half_points=round(size * 2),
                                                  bold=bold, italic=italic)
        return self._rpr[key]

    def _footnote(self, paragraph: Any, span: Span) -> None:
        """A footnote: its mark in the text, its own text in the footnotes part (numbered by Word)."""
        note_id = len(self._notes) + 1
        _oxml.add_footnote_reference(paragraph, self._template(self.p.body_pt), note_id)
        note, first = _oxml.footnote(note_id)
        size = self.p.table_pt
        self._format(first, align=Align.JUSTIFY)
        _oxml.add_footnote_mark(first, self._template(size))
        for i, piece in enumerate(span.note):
            text = f" {piece.text}" if i == 0 and not piece.text.startswith(" ") else piece.text
            _oxml.add_run(first, self._template(size, bold=piece.bold, italic=piece.italic), text)
        self._notes.append(note)

    def table(self, t: Table) -> None:
        full = self._text_width_pt()
        widths = self._column_widths(t, full, self.p.table_pt)
        twips = [round(w * _TWIPS_PER_PT) for w in widths]
        table = self.doc.add_table(rows=0, cols=len(t.columns))
        _oxml.table_borders(table._tbl, visible=True)
        _oxml.table_fixed_width(table._tbl, sum(twips))
        _oxml.table_cell_margins(table._tbl, left_twips=_CELL_MARGIN_TWIPS, right_twips=_CELL_MARGIN_TWIPS)
        # The grid's widths set on the w:gridCol elements: python-docx's ``table.columns`` would
        # tie the table and its columns in a reference cycle, keeping the whole tree alive until
        # the garbage collector runs.
        for grid_column, twip in zip(table._tbl.tblGrid.gridCol_lst, twips, strict=True):
            grid_column.w = Twips(twip)
        size = self.p.table_pt
        section = self.doc.sections[-1]
        page_pt = _pt(section.page_height) - _pt(section.top_margin) - _pt(section.bottom_margin)
        merged_below = [self._merge_starts(row) for row in t.rows[1:]] + [set()]
        tbl = table._tbl
        # The rows are built apart from the document's tree and kept as XML text, a batch at a
        # time: a table of thousands of rows never is a tree of millions of nodes.
        parked = self._parked.detach(tbl)
        rows = self._parked.open(parked, tbl)
        for n, (row, restarts) in enumerate(zip(t.rows, merged_below, strict=True)):
            if n and n % _ROWS_PER_BATCH == 0:
                rows = self._parked.flush(parked, rows)
            cells = (attrs.evolve(row.cells[0], span=len(twips)),) if row.kind is RowKind.SECTION \
                else row.cells
            if sum(c.span for c in cells) != len(twips):
                raise ValueError(f"table row covers {sum(c.span for c in cells)} of its {len(twips)} columns")
            height: float = 0.0
            column = 0
            placed = []
            for cell in cells:
                cell_pt = sum(widths[column:column + cell.span])
                inner = cell_pt - 2 * _CELL_MARGIN_TWIPS / _TWIPS_PER_PT
                height = max(height, self._lines_needed(cell, inner, size) * size * 1.2)
                placed.append((cell, column, sum(twips[column:column + cell.span])))
                column += cell.span
            # A row taller than a page must be allowed to split.
            tr = _oxml.add_row(rows, header=row.kind is RowKind.HEADER, cant_split=height < page_pt * 0.8)
            for cell, start, width in placed:
                merge = "continue" if cell.merge_up else "restart" if start in restarts else None
                tc = _oxml.add_cell(tr, width=width, span=cell.span, v_merge=merge)
                if not cell.merge_up:
                    bold = cell.bold or row.kind in (RowKind.HEADER, RowKind.SECTION)
                    self._cell(tc, cell, size, bold=bold, keep_next=row.kind is RowKind.SECTION)
        self._parked.close(parked, rows)

    @staticmethod
    def _column_widths(t: Table, full: float, size: float) -> list[float]:
        """Column widths in points: the columns' shares of ``full``, none narrower than its longest word.

        A word of a column title or of a cell never breaks inside: a column whose share is
        too narrow for its longest word gets that word's width (plus the cell margins), and
        the other columns share what is left in proportion to their weights. When even the
        longest words do not fit side by side, the columns get their words' widths scaled to
        the table (words then break where they must, as little as possible).
        """
        count = len(t.columns)
        need = [0.0] * count
        spanning: list[tuple[int, int, float]] = []
        for row in t.rows:
            if row.kind is RowKind.SECTION:
                continue  # one cell across the whole row
            column = 0
            for cell in row.cells:
                bold = cell.bold or row.kind is RowKind.HEADER
                word = max((text_width_pt(w, size, bold=bold) for line in cell.lines
                            for w in line.split()), default=0.0)
                if word:
                    word += _CELL_PADDING_PT
                    if cell.span == 1:
                        need[column] = max(need[column], word)
                    else:
                        spanning.append((column, cell.span, word))
                column += cell.span
        for start, span, word in spanning:  # a title over several columns: shared out evenly
            short = word - sum(need[start:start + span])
            if short > 0:
                for i in range(start, start + span):
                    need[i] += short / span
        if sum(need) >= full:
            return [full * n / sum(need) for n in need]
        fixed: dict[int, float] = {}
        while True:
            free = [i for i in range(count) if i not in fixed]
            rest = full - sum(fixed.values())
            # The free columns are never all too narrow: together their words fit in ``rest``.
            weight = sum(t.columns[i].weight for i in free)
            share = {i: rest * (t.columns[i].weight / weight if weight > 0 else 1 / len(free))
                     for i in free}
            narrow = [i for i in free if share[i] < need[i]]
            if not narrow:
                return [fixed[i] if i in fixed else share[i] for i in range(count)]
            for i in narrow:
                fixed[i] = need[i]

    @staticmethod
    def _merge_starts(row: Row) -> set[int]:
        """Grid columns where this row continues the cell above it."""
        starts, column = set(), 0
        for cell in row.cells:
            if cell.merge_up:
                starts.add(column)
            column += cell.span
        return starts

    @staticmethod
    def _lines_needed(cell: Cell, width_pt: float, size: float) -> int:
        return sum(max(1, math.ceil(text_width_pt(line, size) / max(width_pt, 1.0)))
                   for line in cell.lines) or 1

    def _cell(self, tc: Any, cell: Cell, size: float, *, bold: bool, keep_next: bool = False) -> None:
        """Fill a cell's paragraphs, one per line of text."""
        lines = cell.lines or ("",)
        last = len(lines) - 1
        for i, line in enumerate(lines):
            paragraph = _oxml.add_paragraph(tc)
            self._format(paragraph, align=cell.align, before=2 if i == 0 else 0, after=2 if i == last else 0,
                         keep_next=keep_next)
            if line:
                self._run(paragraph, line, size, bold=bold)

    def figure(self, f: Figure) -> None:
        """The picture, scaled down to the text width if wider, then its caption."""
        width = min(f.width_cm, self._text_width_pt() * 2.54 / 72)
        height = f.height_cm * width / f.width_cm
        paragraph = self._paragraph(self.doc)
        self._format(paragraph, align=Align.CENTER, before=self.p.space_before_pt, keep_next=True)
        run = self._run(paragraph, "", self.p.body_pt)
        _oxml.add_picture(run, self.doc.part, f.png, round(width * 360000), round(height * 360000), f.caption)
        self._line(self.doc, f.caption, self.p.table_pt, italic=True)

    def end_block(self, e: EndBlock) -> None:
        full = self._text_width_pt()
        left_w = full * _END_SPLIT
        table = self._borderless([left_w, full - left_w])
        row = table.add_row().cells
        left, right = self._empty(row[0]), self._empty(row[1])
        self._line(left, "Nơi nhận:", self.p.recipients_label_pt, bold=True, italic=True,
                   align=Align.LEFT, before=12)
        for line in e.recipients:
            self._line(left, line, self.p.recipients_pt, align=Align.LEFT)
        for i, line in enumerate(e.authority):
            self._line(right, line, self.p.signer_pt, bold=True, before=12 if i == 0 else 0)
        for _ in range(4):  # room for the signature and the seal
            self._line(right, "", self.p.signer_pt)
        self._line(right, e.name, self.p.signer_pt, bold=True)
        for cell, width in zip(table.rows[0].cells, (left_w, full - left_w), strict=True):
            cell.width = Twips(round(width * _TWIPS_PER_PT))
        # The signer's position, the room for the signature and the name stay on one page.
        _oxml.keep_row_on_one_page(table.rows[0]._tr)

    def page_numbers(self, section: Any) -> None:
        """Number pages in the header, centred, hidden on the section's first page."""
        section.different_first_page_header_footer = True
        header = section.header
        header.is_linked_to_previous = False
        _oxml.clear_story(header._element)  # a user's template may have its own header text
        paragraph = self._paragraph(header)
        self._format(paragraph, align=Align.CENTER)
        size = self.p.page_number_pt
        _oxml.add_page_field(paragraph, lambda: self._run(paragraph, "", size))
        first = section.first_page_header
        first.is_linked_to_previous = False
        _oxml.clear_story(first._element)
        self._format(self._paragraph(first), align=Align.CENTER)
        for footer in (section.footer, section.first_page_footer):
            footer.is_linked_to_previous = False
            _oxml.clear_story(footer._element)
            _oxml.add_paragraph(footer._element)

    def appendix(self, part: AppendixPart) -> None:
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        _page(section, self.p, landscape=part.landscape)
        section.different_first_page_header_footer = True
        _oxml.restart_page_numbers(section._sectPr, 1)
        self._appendix_content(part)

    def _appendix_content(self, part: AppendixPart) -> None:
        # A section must start with a paragraph (LibreOffice ignores one that starts with a table).
        self._line(self.doc, part.heading, self.p.appendix_heading_pt, bold=True)
        for line in part.title:
            self._line(self.doc, line, self.p.appendix_title_pt, bold=True)
        self._line(self.doc, part.reference, self.p.appendix_title_pt, italic=True)
        self._line(self.doc, "", self.p.table_pt)
        self.blocks(part.body)

    def blocks(self, blocks: Iterable[Block], closing_mark: str | None = None) -> None:
        """Write the blocks; with a ``closing_mark`` they are the main text, which the end block follows.

        The main text's last paragraph is kept with the end block, so the signature never
        starts a page alone.
        """
        items = list(blocks)
        last_paragraph = max((i for i, b in enumerate(items) if isinstance(b, Paragraph)),
                             default=-1)
        for i, block in enumerate(items):
            if isinstance(block, Heading):
                self.heading(block)
            elif isinstance(block, Table):
                self.table(block)
            elif isinstance(block, Figure):
                self.figure(block)
            elif i == last_paragraph and closing_mark:
                spans = list(block.spans)
                if not block.text.rstrip().endswith(closing_mark):
                    if spans[-1].note:  # a footnote mark last: the closing mark follows it
                        spans.append(Span(text=""))
                    last = spans[-1]
                    text = last.text.rstrip()
                    # "… Lộc Bình." + "./." is "… Lộc Bình./.", not "../."
                    text += closing_mark[1:] if text.endswith(closing_mark[0]) else closing_mark
                    spans[-1] = Span(text=text, bold=last.bold, italic=last.italic)
                self.paragraph(block, spans, keep_next=i == len(items) - 1)
            else:
                self.paragraph(block)

    def content(self, d: Document) -> None:
        """Header, title, body, end block and appendices of ``d``, then the documents issued with it."""
        self.header(d.header)
        self.title(d.title)
        if d.addressees is not None:
            self.addressees(d.addressees.names)
        self.blocks(d.body, d.closing_mark)
        if d.end is not None:
            self.end_block(d.end)
        for part in d.appendices:
            self.appendix(part)
        for attached in d.attachments:
            self.attachment(attached)

    def attachment(self, d: Document) -> None:
        """A document issued with the one before it: from a new page, portrait, its pages numbered from 1."""
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        _page(section, self.p, landscape=False)
        section.different_first_page_header_footer = True
        _oxml.restart_page_numbers(section._sectPr, 1)
        # A section must start with a paragraph (LibreOffice ignores one that starts with a table).
        _oxml.set_properties(self._paragraph(self.doc), _oxml.paragraph_properties(
            jc="center", line=20, line_rule="exact"))
        self.content(d)

    def document(self, d: Document) -> bytes:
        first = self.doc.sections[0]
        _page(first, self.p, landscape=False)
        self.page_numbers(first)
        self.content(d)
        return self._finish(d.meta)

    def appendices(self, parts: tuple[AppendixPart, ...], meta: Meta) -> bytes:
        """A file of appendices alone (an electronic appendix, Mẫu 2.2): each its own section, numbered from 1."""
        first = self.doc.sections[0]
        _page(first, self.p, landscape=parts[0].landscape)
        self.page_numbers(first)
        _oxml.restart_page_numbers(first._sectPr, 1)
        self._appendix_content(parts[0])
        for part in parts[1:]:
            self.appendix(part)
        return self._finish(meta)

    def _finish(self, meta: Meta) -> bytes:
        if self._notes:
            _oxml.footnotes_part(self.doc.part, self._notes)
        props = self.doc.core_properties
        stamp = _oxml.fixed_datetime(meta.date)
        props.title = core_text(meta.title)
        props.author = core_text(meta.author)
        props.last_modified_by = core_text(meta.author)
        props.created = stamp
        props.modified = stamp
        props.last_printed = stamp
        props.revision = 1
        props.language = LANGUAGE
        props.comments = ""
        props.keywords = ""
        props.subject = ""
        props.category = ""
        props.identifier = meta.identifier
        return _oxml.save_fixed(self.doc, self._parked)


CORE_TEXT_LIMIT = 255
"""Most characters Word keeps in a document property (title, author …)."""


def core_text(text: str) -> str:
    """``text`` for a document property: whole when it fits in :data:`CORE_TEXT_LIMIT` characters,
    otherwise cut at a word and ended with "…" (the document itself always prints it whole)."""
    if len(text) <= CORE_TEXT_LIMIT:
        return text
    cut = text[:CORE_TEXT_LIMIT - 1]
    space = cut.rfind(" ")
    if space > CORE_TEXT_LIMIT // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-") + "…"


def write_docx(document: Document, target: str | os.PathLike[str] | None = None, *,
               profile: StyleProfile | None = None,
               template: str | os.PathLike[str] | TemplateParts | None = None) -> bytes:
    """Render ``document`` as .docx bytes (and write them to ``target`` when given).

    ``template`` is a .docx (or its :func:`~cchc_plan.io.word_template.read_template` parts) whose
    styles and page setup are used, nothing else of it; page size, margins, fonts and sizes
    always follow ``profile`` (the ND30 defaults when not given). A template that cannot
    give them raises :class:`~cchc_plan.problems.InputError`.
    """
    parts = template if isinstance(template, TemplateParts) or template is None else read_template(template)
    writer = _Writer(profile or StyleProfile(), parts)
    data = writer.document(document)
    if target is not None:
        Path(target).write_bytes(data)
    return data


def write_appendices(parts: tuple[AppendixPart, ...], meta: Meta, target: str | os.PathLike[str] | None = None, *,
                     profile: StyleProfile | None = None,
                     template: str | os.PathLike[str] | TemplateParts | None = None) -> bytes:
    """Render appendices alone — a file of their own, as an electronic document's appendix (Mẫu 2.2) —
    as .docx bytes (and write them to ``target`` when given); ``template`` as for :func:`write_docx`."""
    if not parts:
        raise ValueError("no appendix to write")
    template_parts = template if isinstance(template, TemplateParts) or template is None else read_template(template)
    writer = _Writer(profile or StyleProfile(), template_parts)
    data = writer.appendices(parts, meta)
    if target is not None:
        Path(target).write_bytes(data)
    return data
