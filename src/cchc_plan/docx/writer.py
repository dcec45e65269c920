"""Writes any layout :class:`~cchc_plan.layout.Document` as a .docx in the ND30 layout.

Page setup, fonts and sizes come from the :class:`~cchc_plan.profile.StyleProfile`;
styles and anything else from the template (``templates/docx/nd30.docx`` unless
the user gives one). The document's XML is written as text (:mod:`cchc_plan.docx._xml`)
into the template's package (:mod:`cchc_plan.docx._package`): a plan is rendered
without loading an XML library, and a table of any length is held as the text it will
be written as, not as a tree of elements.
"""

from __future__ import annotations

import datetime as _dt
import math
import os
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import attrs

from . import _xml
from ._package import Package
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

__all__ = ["CORE_TEXT_LIMIT", "FONT", "LANGUAGE", "core_text", "default_template",
           "write_appendices", "write_docx"]

FONT = "Times New Roman"
LANGUAGE = "vi-VN"
_A4_MM = (210, 297)
_JC = {Align.JUSTIFY: "both", Align.CENTER: "center", Align.LEFT: "left"}
_HEADER_SPLIT = 0.39  # agency column : national column ≈ 40 : 60 (Mẫu 1.4)
_END_SPLIT = 0.36  # Nơi nhận : signer ≈ 32 : 68 (Mẫu 1.4), widened for 11 pt recipient lines
_RULE_SHARE = 0.40  # agency and subject rules: between 1/3 and 1/2 of the text line
_TWIPS_PER_PT = 20
_CELL_MARGIN_TWIPS = 57  # left and right, in every cell of a bordered table (1 mm)
# A word must fit between the cell margins, with a point to spare for rounding and borders.
_CELL_PADDING_PT = 2 * _CELL_MARGIN_TWIPS / _TWIPS_PER_PT + 1.0

_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_STORY_NAMESPACES = (
    'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:mo="http://schemas.microsoft.com/office/mac/office/2008/main" '
    'xmlns:mv="urn:schemas-microsoft-com:mac:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:w10="urn:schemas-microsoft-com:office:word" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:wne="http://schemas.microsoft.com/office/word/2006/wordml" '
    'xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" '
    'xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" '
    'xmlns:wpi="http://schemas.microsoft.com/office/word/2010/wordprocessingInk" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" mc:Ignorable="w14 wp14"')
_DECLARATION = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
_ROWS_PER_BATCH = 200
"""Table rows joined into one piece of the document's text."""


def default_template() -> Path:
    """The bundled template, ``templates/docx/nd30.docx`` (inside the wheel, or the source tree)."""
    here = Path(__file__).resolve()
    bundled = here.parents[1] / "templates" / "docx" / "nd30.docx"
    return bundled if bundled.is_file() else here.parents[3] / "templates" / "docx" / "nd30.docx"


@cache
def _bundled() -> bytes:
    return default_template().read_bytes()


def _twips(mm: float) -> int:
    """Millimetres in twips, rounded as Word's own units are (via EMU)."""
    return int(round(int(mm * 36000) / 635))


def _pt(twips: int) -> float:
    return (twips * 635) / 12700


# ------------------------------------------------------------------ section properties

_TAG = re.compile(r'<(/?)([\w:.-]+)((?:\s+[\w:.-]+="[^"]*")*)\s*(/?)>')
_ATTRIBUTE = re.compile(r'([\w:.-]+)="([^"]*)"')
# Schema order of a w:sectPr's children (ECMA-376 Part 1, §17.6.17).
_SECTION_ORDER = ("headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar",
                  "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign",
                  "noEndnote", "titlePg", "textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings",
                  "sectPrChange")


class _Section:
    """A ``w:sectPr``: its attributes and children as text, edited as python-docx's setters would."""

    def __init__(self, attributes: list[tuple[str, str]], children: list[tuple[str, str]]) -> None:
        self.attributes = attributes
        self.children = children  # (local name, XML text)

    @classmethod
    def parse(cls, xml: str) -> _Section:
        """The last ``w:sectPr`` of ``xml``, written with the ``w:`` prefix and no namespace declarations."""
        start = xml.rindex("<w:sectPr")
        head = _TAG.match(xml, start)
        if head is None:
            raise ValueError("unreadable w:sectPr")
        attributes = [(k, v) for k, v in _ATTRIBUTE.findall(head.group(3)) if k.startswith("w:")]
        children: list[tuple[str, str]] = []
        if head.group(4):
            return cls(attributes, children)
        depth, begin, name = 0, 0, ""
        for tag in _TAG.finditer(xml, head.end()):
            closing, tag_name, self_closing = tag.group(1), tag.group(2), tag.group(4)
            if closing:
                if depth == 0:
                    break  # </w:sectPr>
                depth -= 1
                if depth == 0 and name.startswith("w:"):
                    children.append((name[2:], xml[begin:tag.end()]))
                continue
            if depth == 0:
                begin, name = tag.start(), tag_name
            if self_closing:
                if depth == 0 and name.startswith("w:"):
                    children.append((name[2:], xml[begin:tag.end()]))
            else:
                depth += 1
        return cls(attributes, children)

    def clone(self) -> _Section:
        """A copy without the section's own attributes (the rsids), as a section break holds it."""
        return _Section([], list(self.children))

    def xml(self) -> str:
        attributes = "".join(f' {k}="{v}"' for k, v in self.attributes)
        return f"<w:sectPr{attributes}>{''.join(x for _, x in self.children)}</w:sectPr>"

    def _position(self, name: str) -> int:
        rank = _SECTION_ORDER.index(name)
        for i, (child, _) in enumerate(self.children):
            if child in _SECTION_ORDER and _SECTION_ORDER.index(child) > rank:
                return i
        return len(self.children)

    def replace(self, name: str, xml: str) -> None:
        """Remove every ``name`` child, then put ``xml`` in its place in the schema order."""
        self.children = [c for c in self.children if c[0] != name]
        self.children.insert(self._position(name), (name, xml))

    def remove(self, *names: str) -> None:
        self.children = [c for c in self.children if c[0] not in names]

    def add_reference(self, kind: str, slot: str, rel_id: str) -> None:
        """A ``w:headerReference`` or ``w:footerReference``, after those already there."""
        self.children.insert(self._position(kind), (kind, f'<w:{kind} w:type="{slot}" r:id="{rel_id}"/>'))

    def get(self, name: str) -> dict[str, str]:
        """The attributes of the ``name`` child (empty when there is none)."""
        for child, xml in self.children:
            if child == name:
                return dict(_ATTRIBUTE.findall(xml[:xml.index(">")]))
        return {}

    def set(self, name: str, values: dict[str, str | None]) -> None:
        """Set (or, for ``None``, remove) attributes of the ``name`` child, adding it when missing."""
        i = next((n for n, (child, _) in enumerate(self.children) if child == name), -1)
        attributes = self.get(name) if i >= 0 else {}
        for key, value in values.items():
            if value is None:
                attributes.pop(key, None)
            else:
                attributes[key] = value
        text = f"<w:{name}{''.join(f' {k}={chr(34)}{v}{chr(34)}' for k, v in attributes.items())}/>"
        if i < 0:
            self.children.insert(self._position(name), (name, text))
        else:
            self.children[i] = (name, text)

    def page(self, profile: StyleProfile, *, landscape: bool) -> None:
        """A4, portrait or landscape, and the profile's margins (header and footer 10 mm from the edge)."""
        width, height = (_twips(_A4_MM[1]), _twips(_A4_MM[0])) if landscape else (_twips(_A4_MM[0]), _twips(_A4_MM[1]))
        self.set("pgSz", {"w:orient": "landscape" if landscape else None})
        self.set("pgSz", {"w:w": str(width), "w:h": str(height)})
        self.set("pgMar", {"w:top": str(_twips(profile.margin_top_mm)),
                           "w:bottom": str(_twips(profile.margin_bottom_mm)),
                           "w:left": str(_twips(profile.margin_left_mm)),
                           "w:right": str(_twips(profile.margin_right_mm)),
                           "w:header": str(_twips(10)), "w:footer": str(_twips(10))})

    def restart_numbers(self) -> None:
        """Number the section's pages from 1 (Arabic)."""
        self.replace("pgNumType", '<w:pgNumType w:fmt="decimal" w:start="1"/>')

    def first_page_apart(self) -> None:
        """A first page with its own header and footer (``w:titlePg``)."""
        if not any(c == "titlePg" for c, _ in self.children):
            self.replace("titlePg", "<w:titlePg/>")
        else:
            self.children = [(c, "<w:titlePg/>" if c == "titlePg" else x) for c, x in self.children]

    def twips(self, name: str, key: str) -> int:
        return int(self.get(name).get(key, "0"))


# ------------------------------------------------------------------ the writer


class _Writer:
    def __init__(self, profile: StyleProfile, template: TemplateParts | None) -> None:
        self.p = profile
        self.package = Package(_bundled())  # a user template gives only its cleaned parts
        self.main = self.package.main_part()
        main_xml = bytes(self.package.parts[self.main]).decode("utf-8")  # type: ignore[arg-type]
        body = main_xml.index("<w:body>") + len("<w:body>")
        self._start = main_xml[:body]
        self.section = _Section.parse(main_xml)
        if template is None:
            self._styles(None)
        else:
            self._use(template)
        self.out: list[bytes] = []
        self._ppr: dict[tuple[object, ...], str] = {}
        self._rpr: dict[tuple[object, ...], str] = {}
        self._notes: list[str] = []
        self._pictures = 0
        # The template's page set up first, as its normalisation always did: a page setup the template
        # lacks gets its attributes in that order, whatever the first section then turns to.
        self.section.page(profile, landscape=False)

    def _styles(self, styles: bytes | None) -> None:
        """The styles part: the bundled one as stored (it is normalised for the default body size)."""
        name = self.package.related(self.main, "/styles")
        assert name is not None
        if styles is None and self.p.body_pt == _template_body_pt():
            return
        from . import _oxml

        source = styles if styles is not None else bytes(self.package.parts[name])  # type: ignore[arg-type]
        self.package.parts[name] = _oxml.normalised_styles(source, font=FONT, lang=LANGUAGE, body_pt=self.p.body_pt)

    def _use(self, template: TemplateParts) -> None:
        """The template's styles and page setup in the bundled package (:mod:`cchc_plan.io.word_template`)."""
        from . import _oxml

        try:
            self._styles(template.styles)
            for kind, blob, parse in (("/numbering", template.numbering, True), ("/settings", template.settings, True),
                                      ("/theme", template.theme, False), ("/fontTable", template.font_table, False)):
                name = self.package.related(self.main, kind)
                if blob is not None and name is not None:
                    self.package.parts[name] = _oxml.reserialized(blob) if parse else blob
            self.section = _Section.parse(_oxml.section_text(template.section))
        except (ValueError, KeyError, TypeError, AttributeError, IndexError, SyntaxError) as e:
            raise InputError(template.source, [Problem(
                path="", rule=f"tệp mẫu có kiểu chữ hoặc thiết lập trang không dùng được ({e})")]) from None

    # ------------------------------------------------------------------ basics

    def _emit(self, xml: str) -> None:
        self.out.append(xml.encode("utf-8"))

    def _text_width_pt(self) -> float:
        s = self.section
        return _pt(s.twips("pgSz", "w:w")) - _pt(s.twips("pgMar", "w:left")) - _pt(s.twips("pgMar", "w:right"))

    def _ppr_for(self, *, align: Align, indent: bool = False, before: float = 0, after: float = 0,
                 line: float = 1.0, keep_next: bool = False, left: int = 0, hanging: int = 0) -> str:
        """A paragraph's properties (alignment, indent, spacing, line spacing), made once per combination."""
        key = (align, indent, before, after, line, keep_next, left, hanging)
        ppr = self._ppr.get(key)
        if ppr is None:
            ppr = self._ppr[key] = _xml.paragraph_properties(
                jc=_JC[align], first_line=round(self.p.first_line_indent_cm * 567) if indent else 0,
                left=left, hanging=hanging, before=round(before * _TWIPS_PER_PT),
                after=round(after * _TWIPS_PER_PT), line=round(line * 240), keep_next=keep_next)
        return ppr

    def _template(self, size: float, *, bold: bool = False, italic: bool = False) -> str:
        key = (size, bold, italic)
        rpr = self._rpr.get(key)
        if rpr is None:
            rpr = self._rpr[key] = _xml.run_properties(FONT, LANGUAGE, half_points=round(size * 2),
                                                       bold=bold, italic=italic)
        return rpr

    def _run(self, text: str, size: float, *, bold: bool = False, italic: bool = False) -> str:
        """A run in Times New Roman on all four slots, vi-VN."""
        return _xml.run(self._template(size, bold=bold, italic=italic), text)

    def _line(self, text: str, size: float, *, bold: bool = False, italic: bool = False,
              align: Align = Align.CENTER, before: float = 0) -> str:
        run = self._run(text, size, bold=bold, italic=italic) if text else ""
        return f"<w:p>{self._ppr_for(align=align, before=before)}{run}</w:p>"

    @staticmethod
    def _rule(length_pt: float, width_pt: float) -> str:
        """An empty paragraph whose bottom border is a centred line ``length_pt`` long."""
        side = round(max(0.0, (width_pt - length_pt) / 2) * _TWIPS_PER_PT)
        ppr = _xml.paragraph_properties(jc="center", left=side, right=side, line=40, line_rule="exact", border=True)
        return f"<w:p>{ppr}</w:p>"

    @staticmethod
    def _borderless(widths_pt: list[float], rows: list[str]) -> str:
        """An unbordered layout table of ``rows`` (each a ``w:tr``'s text) with these column widths."""
        grid = [round(w * _TWIPS_PER_PT) for w in widths_pt]
        return "".join((_xml.table_start(grid, total=round(sum(widths_pt) * _TWIPS_PER_PT), borders=False,
                                         cell_margin=0), *rows, "</w:tbl>"))

    @staticmethod
    def _layout_row(widths_pt: list[float], cells: list[str], *, cant_split: bool = False) -> str:
        return "".join((_xml.row_start(cant_split=cant_split),
                        *(_xml.cell(round(w * _TWIPS_PER_PT), c, v_center=False)
                          for w, c in zip(widths_pt, cells, strict=True)), "</w:tr>"))

    # ------------------------------------------------------------------ ND30 components

    def header(self, h: Header) -> None:
        full = self._text_width_pt()
        left_w = full * _HEADER_SPLIT
        right_w = full - left_w
        left = []
        if h.parent:
            left.append(self._line(h.parent, self.p.parent_agency_pt))
        for line in h.agency:
            left.append(self._line(line, self.p.agency_pt, bold=True))
        widest = max(text_width_pt(t, self.p.agency_pt, bold=True) for t in h.agency)
        left.append(self._rule(min(widest, left_w) * _RULE_SHARE, left_w))  # a wrapped line is the cell wide
        motto = "Độc lập - Tự do - Hạnh phúc"
        right = [self._line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", self.p.national_title_pt, bold=True),
                 self._line(motto, self.p.motto_pt, bold=True),
                 self._rule(text_width_pt(motto, self.p.motto_pt, bold=True), right_w)]
        widths = [left_w, right_w]
        rows = [self._layout_row(widths, ["".join(left), "".join(right)])]
        if h.number or h.place_date:  # a document issued with another has neither
            rows.append(self._layout_row(widths, [self._line(h.number, self.p.number_pt, before=6),
                                                  self._line(h.place_date, self.p.date_pt, italic=True, before=6)]))
        self._emit(self._borderless(widths, rows))

    def title(self, t: Title) -> None:
        pieces = [self._line(t.doc_type, self.p.doc_type_pt, bold=True, before=18)]
        for line in t.subject:
            pieces.append(self._line(line, self.p.subject_pt, bold=True))
        if t.issued_with is not None:  # "(Ban hành kèm theo Quyết định số …)", the rule below it
            pieces.append(self._line(t.issued_with, self.p.subject_pt, italic=True))
        widest = max(text_width_pt(s, self.p.subject_pt, bold=True) for s in t.subject)
        full = self._text_width_pt()
        pieces.append(self._rule(min(widest, full) * _RULE_SHARE, full))
        self._emit("".join(pieces))

    def addressees(self, names: tuple[str, ...]) -> None:
        size = self.p.body_pt
        if len(names) == 1:
            self._emit(self._line(f"Kính gửi: {names[0]}.", size, before=12))
            return
        label = "Kính gửi: "
        hang = round(text_width_pt(label, size) * _TWIPS_PER_PT)
        for i, name in enumerate(names):
            end = "." if i == len(names) - 1 else ";"
            ppr = self._ppr_for(align=Align.LEFT, before=12 if i == 0 else 0, left=3 * 567 + hang,
                                hanging=hang if i == 0 else 0)
            first = self._run(label, size) if i == 0 else ""
            self._emit(f"<w:p>{ppr}{first}{self._run(f'- {name}{end}', size)}</w:p>")

    def heading(self, h: Heading) -> None:
        ppr = self._ppr_for(align=Align.JUSTIFY, indent=True, before=self.p.space_before_pt,
                            after=self.p.space_after_pt, line=self.p.line_spacing, keep_next=True)
        bold, italic = h.emphasis
        self._emit(f"<w:p>{ppr}{self._run(h.line, self.p.body_pt, bold=bold, italic=italic)}</w:p>")

    def paragraph(self, para: Paragraph, spans: Iterable[Span] | None = None, *,
                  keep_next: bool = False) -> None:
        pieces = ["<w:p>", self._ppr_for(align=para.align, indent=para.indent, before=self.p.space_before_pt,
                                         after=self.p.space_after_pt, line=self.p.line_spacing,
                                         keep_next=keep_next)]
        for span in spans if spans is not None else para.spans:
            if span.note:
                pieces.append(self._footnote(span))
            else:
                pieces.append(self._run(span.text, self.p.body_pt, bold=span.bold, italic=span.italic))
        pieces.append("</w:p>")
        self._emit("".join(pieces))

    def _footnote(self, span: Span) -> str:
        """A footnote: its mark in the text (returned), its own text kept for the footnotes part."""
        note_id = len(self._notes) + 1
        size = self.p.table_pt
        pieces = [f'<w:footnote w:id="{note_id}"><w:p>', self._ppr_for(align=Align.JUSTIFY),
                  _xml.footnote_mark_run(_xml.superscript(self._template(size)))]
        for i, piece in enumerate(span.note):
            text = f" {piece.text}" if i == 0 and not piece.text.startswith(" ") else piece.text
            pieces.append(_xml.run(self._template(size, bold=piece.bold, italic=piece.italic), text))
        pieces.append("</w:p></w:footnote>")
        self._notes.append("".join(pieces))
        return _xml.footnote_reference_run(_xml.superscript(self._template(self.p.body_pt)), note_id)

    def table(self, t: Table) -> None:
        full = self._text_width_pt()
        widths = self._column_widths(t, full, self.p.table_pt)
        twips = [round(w * _TWIPS_PER_PT) for w in widths]
        size = self.p.table_pt
        s = self.section
        page_pt = _pt(s.twips("pgSz", "w:h")) - _pt(s.twips("pgMar", "w:top")) - _pt(s.twips("pgMar", "w:bottom"))
        merged_below = [self._merge_starts(row) for row in t.rows[1:]] + [set()]
        pieces = [_xml.table_start(twips, total=sum(twips), borders=True, cell_margin=_CELL_MARGIN_TWIPS)]
        inner_margin = 2 * _CELL_MARGIN_TWIPS / _TWIPS_PER_PT
        for n, (row, restarts) in enumerate(zip(t.rows, merged_below, strict=True)):
            if n and n % _ROWS_PER_BATCH == 0:  # the text kept as UTF-8, a batch of rows at a time
                self._emit("".join(pieces))
                pieces = []
            cells = (attrs.evolve(row.cells[0], span=len(twips)),) if row.kind is RowKind.SECTION \
                else row.cells
            if sum(c.span for c in cells) != len(twips):
                raise ValueError(f"table row covers {sum(c.span for c in cells)} of its {len(twips)} columns")
            height: float = 0.0
            column = 0
            placed = []
            for cell in cells:
                cell_pt = sum(widths[column:column + cell.span])
                height = max(height, self._lines_needed(cell, cell_pt - inner_margin, size) * size * 1.2)
                placed.append((cell, column, sum(twips[column:column + cell.span])))
                column += cell.span
            # A row taller than a page must be allowed to split.
            pieces.append(_xml.row_start(header=row.kind is RowKind.HEADER, cant_split=height < page_pt * 0.8))
            bold_row = row.kind in (RowKind.HEADER, RowKind.SECTION)
            keep_next = row.kind is RowKind.SECTION
            for cell, start, width in placed:
                merge = "continue" if cell.merge_up else "restart" if start in restarts else None
                content = "" if cell.merge_up else self._cell(cell, size, bold=cell.bold or bold_row,
                                                              keep_next=keep_next)
                pieces.append(_xml.cell(width, content, span=cell.span, v_merge=merge))
            pieces.append("</w:tr>")
        pieces.append("</w:tbl>")
        self._emit("".join(pieces))

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

    def _cell(self, cell: Cell, size: float, *, bold: bool, keep_next: bool = False) -> str:
        """A cell's paragraphs, one per line of text."""
        lines = cell.lines or ("",)
        last = len(lines) - 1
        rpr = self._template(size, bold=bold)
        pieces = []
        for i, line in enumerate(lines):
            ppr = self._ppr_for(align=cell.align, before=2 if i == 0 else 0, after=2 if i == last else 0,
                                keep_next=keep_next)
            pieces.append(f"<w:p>{ppr}{_xml.run(rpr, line)}</w:p>" if line else f"<w:p>{ppr}</w:p>")
        return "".join(pieces)

    def figure(self, f: Figure) -> None:
        """The picture, scaled down to the text width if wider, then its caption."""
        width = min(f.width_cm, self._text_width_pt() * 2.54 / 72)
        height = f.height_cm * width / f.width_cm
        ppr = self._ppr_for(align=Align.CENTER, before=self.p.space_before_pt, keep_next=True)
        rel_id = self._image(f.png)
        self._pictures += 1
        drawing = _xml.inline_picture(shape_id=self._pictures, rel_id=rel_id, cx=round(width * 360000),
                                      cy=round(height * 360000), description=f.caption)
        self._emit(f"<w:p>{ppr}<w:r>{self._template(self.p.body_pt)}{drawing}</w:r></w:p>")
        self._emit(self._line(f.caption, self.p.table_pt, italic=True))

    def _image(self, png: bytes) -> str:
        """The relationship id of a PNG image part (one part for the same picture used twice)."""
        for name, blob in self.package.parts.items():
            if name.startswith("/word/media/") and blob == png:
                break
        else:
            name = self.package.next_partname("/word/media/image%d.png")
            self.package.add_part(name, "image/png", png)
        return self.package.relate(self.main, f"{_RT}/image", name)

    def end_block(self, e: EndBlock) -> None:
        full = self._text_width_pt()
        left_w = full * _END_SPLIT
        left = [self._line("Nơi nhận:", self.p.recipients_label_pt, bold=True, italic=True, align=Align.LEFT,
                           before=12)]
        for line in e.recipients:
            left.append(self._line(line, self.p.recipients_pt, align=Align.LEFT))
        right = [self._line(line, self.p.signer_pt, bold=True, before=12 if i == 0 else 0)
                 for i, line in enumerate(e.authority)]
        right += [self._line("", self.p.signer_pt)] * 4  # room for the signature and the seal
        right.append(self._line(e.name, self.p.signer_pt, bold=True))
        widths = [left_w, full - left_w]
        # The signer's position, the room for the signature and the name stay on one page.
        row = self._layout_row(widths, ["".join(left), "".join(right)], cant_split=True)
        self._emit(self._borderless(widths, [row]))

    def _story(self, kind: str, slot: str, content: str) -> None:
        """A header or footer part holding ``content``, referred to by the current section."""
        name = self.package.next_partname(f"/word/{kind}%d.xml")
        root = "w:hdr" if kind == "header" else "w:ftr"
        self.package.add_part(name, f"{_CT}.{kind}+xml",
                              f"{_DECLARATION}<{root} {_STORY_NAMESPACES}>{content}</{root}>".encode())
        rel_id = self.package.relate(self.main, f"{_RT}/{kind}", name)
        self.section.add_reference(f"{kind}Reference", slot, rel_id)

    def page_numbers(self) -> None:
        """Number pages in the header, centred, hidden on the section's first page."""
        self.section.first_page_apart()
        centred = self._ppr_for(align=Align.CENTER)
        field = _xml.page_field_runs(self._template(self.p.page_number_pt))
        self._story("header", "default", f"<w:p>{centred}{field}</w:p>")
        self._story("header", "first", f"<w:p>{centred}</w:p>")
        self._story("footer", "default", "<w:p/>")
        self._story("footer", "first", "<w:p/>")

    def _new_section(self, *, landscape: bool) -> None:
        """End the current section (a page break) and start one, its pages numbered from 1."""
        self._emit(f"<w:p><w:pPr>{self.section.clone().xml()}</w:pPr></w:p>")
        self.section.remove("headerReference", "footerReference", "type")  # the new section: the same header
        self.section.page(self.p, landscape=landscape)
        self.section.first_page_apart()
        self.section.restart_numbers()

    def appendix(self, part: AppendixPart) -> None:
        self._new_section(landscape=part.landscape)
        self._appendix_content(part)

    def _appendix_content(self, part: AppendixPart) -> None:
        # A section must start with a paragraph (LibreOffice ignores one that starts with a table).
        pieces = [self._line(part.heading, self.p.appendix_heading_pt, bold=True)]
        for line in part.title:
            pieces.append(self._line(line, self.p.appendix_title_pt, bold=True))
        pieces.append(self._line(part.reference, self.p.appendix_title_pt, italic=True))
        pieces.append(self._line("", self.p.table_pt))
        self._emit("".join(pieces))
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
        self._new_section(landscape=False)
        # A section must start with a paragraph (LibreOffice ignores one that starts with a table).
        self._emit(f"<w:p>{_xml.paragraph_properties(jc='center', line=20, line_rule='exact')}</w:p>")
        self.content(d)

    def document(self, d: Document) -> bytes:
        self.section.page(self.p, landscape=False)
        self.page_numbers()
        self.content(d)
        return self._finish(d.meta)

    def appendices(self, parts: tuple[AppendixPart, ...], meta: Meta) -> bytes:
        """A file of appendices alone (an electronic appendix, Mẫu 2.2): each its own section, numbered from 1."""
        self.section.page(self.p, landscape=parts[0].landscape)
        self.page_numbers()
        self.section.restart_numbers()
        self._appendix_content(parts[0])
        for part in parts[1:]:
            self.appendix(part)
        return self._finish(meta)

    def _finish(self, meta: Meta) -> bytes:
        package = self.package
        if self._notes:
            package.drop_relationships(self.main, f"{_RT}/footnotes")  # a template's notes are another's
            separators = "".join(
                f'<w:footnote w:type="{kind}" w:id="{n}"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
                f'w:lineRule="auto"/></w:pPr><w:r><w:{kind}/></w:r></w:p></w:footnote>'
                for n, kind in ((-1, "separator"), (0, "continuationSeparator")))
            notes = (f'{_DECLARATION}<w:footnotes xmlns:w="{_xml.W_NS}">{separators}'
                     f'{"".join(self._notes)}</w:footnotes>')
            package.add_part("/word/footnotes.xml", f"{_CT}.footnotes+xml", notes.encode("utf-8"))
            package.relate(self.main, f"{_RT}/footnotes", "/word/footnotes.xml")
        core = package.related("/", "/core-properties")
        if core is not None:
            package.parts[core] = _core_properties(meta)
        package.parts[self.main] = [self._start.encode("utf-8"), *self.out,
                                    f"{self.section.xml()}</w:body></w:document>".encode()]
        return package.save()


def _fixed_datetime(day: _dt.date | None) -> str:
    """A stable timestamp for the core properties (the document's own date)."""
    day = day or _dt.date(2000, 1, 1)
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}T00:00:00Z"


def _core_properties(meta: Meta) -> bytes:
    """The document's properties part: title, author, the document's date, language and identifier."""
    stamp = _fixed_datetime(meta.date)
    author = _xml.text(core_text(meta.author))
    return "".join((
        _DECLARATION,
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
        f"<dc:title>{_xml.text(core_text(meta.title))}</dc:title><dc:subject></dc:subject>",
        f"<dc:creator>{author}</dc:creator><cp:keywords></cp:keywords><dc:description></dc:description>",
        f"<cp:lastModifiedBy>{author}</cp:lastModifiedBy><cp:revision>1</cp:revision>",
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>',
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>',
        f"<cp:category></cp:category><cp:lastPrinted>{stamp}</cp:lastPrinted>",
        f"<dc:language>{LANGUAGE}</dc:language><dc:identifier>{_xml.text(meta.identifier)}</dc:identifier>",
        "</cp:coreProperties>")).encode("utf-8")


@cache
def _template_body_pt() -> float:
    """The body size the bundled template's Normal style is stored with: the default profile's
    (``scripts/make_template.py``)."""
    return StyleProfile().body_pt


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
