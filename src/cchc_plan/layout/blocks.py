"""The layout model: the components of an ND30 document, between the domain and the writer.

A generator turns a plan (or a report) into a :class:`Document` of these blocks;
:mod:`cchc_plan.docx_writer` turns any :class:`Document` into a .docx. Nothing
here knows what a plan is, and nothing in the writer does either.
"""

from __future__ import annotations

import datetime as _dt
import enum

import attrs

__all__ = [
    "Addressees",
    "Align",
    "AppendixPart",
    "Block",
    "Cell",
    "Column",
    "Document",
    "EndBlock",
    "Figure",
    "Header",
    "Heading",
    "Meta",
    "Paragraph",
    "Row",
    "RowKind",
    "Span",
    "Table",
    "Title",
]



def _tuple(value: object) -> object:
    return tuple(value) if isinstance(value, list) else value


class Align(enum.Enum):
    """Paragraph alignment."""

    JUSTIFY = "justify"
    CENTER = "center"
    LEFT = "left"


@attrs.frozen(kw_only=True)
class Span:
    """A run of text with its emphasis; with a ``note``, the reference mark of a footnote."""

    text: str
    bold: bool = False
    italic: bool = False
    note: tuple[Span, ...] = attrs.field(default=(), converter=_tuple)
    """The footnote's own text (the span's ``text`` is then empty: Word numbers the mark)."""


@attrs.frozen(kw_only=True)
class Header:
    """ô 1–4: agency (left), Quốc hiệu and Tiêu ngữ (right), Số and the date on one row.

    A document issued with another (*văn bản ban hành kèm theo*) has neither number nor
    date: ``number`` and ``place_date`` are then empty and their row is left out.
    """

    agency: tuple[str, ...] = attrs.field(converter=_tuple)
    """The issuing agency's lines, capitals, bold."""
    number: str
    """``Số: 07/KH-UBND``."""
    place_date: str
    """``Lộc Bình, ngày 06 tháng 01 năm 2023``."""
    parent: str | None = None
    """The parent agency's line, capitals, regular (absent for a commune's own documents)."""


@attrs.frozen(kw_only=True)
class Title:
    """ô 5a: the type (``KẾ HOẠCH``) and the subject lines under it, with a rule below."""

    doc_type: str
    subject: tuple[str, ...] = attrs.field(converter=_tuple)
    issued_with: str | None = None
    """A document issued with another: the italic line under the subject, above the rule,
    ``(Ban hành kèm theo Quyết định số 15/QĐ-UBND ngày 06 tháng 01 năm 2023 của UBND xã Lộc Bình)``."""


@attrs.frozen(kw_only=True)
class Addressees:
    """ô 9a: ``Kính gửi:`` one name on the line, or several as "- …;" lines."""

    names: tuple[str, ...] = attrs.field(converter=_tuple)


@attrs.frozen(kw_only=True)
class Heading:
    """A heading of the body: level 1 ``I. MỤC TIÊU``, 2 ``1. Mục tiêu``, 3 ``a) Chỉ tiêu``.

    Bold at levels 1 and 2 and italic below, unless ``bold`` and ``italic`` say otherwise.
    """

    level: int
    label: str
    text: str
    bold: bool | None = None
    italic: bool | None = None

    @property
    def emphasis(self) -> tuple[bool, bool]:
        """``(bold, italic)`` as printed."""
        bold, italic = (True, False) if self.level <= 2 else (False, True)
        return (bold if self.bold is None else self.bold, italic if self.italic is None else self.italic)

    @property
    def line(self) -> str:
        """The heading as printed: ``1.1. Mục tiêu`` (the title alone when there is no label)."""
        return f"{self.label} {self.text}" if self.label else self.text


@attrs.frozen(kw_only=True)
class Paragraph:
    """A body paragraph: justified with a first-line indent unless told otherwise."""

    spans: tuple[Span, ...] = attrs.field(converter=_tuple)
    align: Align = Align.JUSTIFY
    indent: bool = True

    @classmethod
    def of(cls, text: str, *, bold: bool = False, italic: bool = False,
           align: Align = Align.JUSTIFY, indent: bool = True) -> Paragraph:
        """A paragraph of one span."""
        return cls(spans=(Span(text=text, bold=bold, italic=italic),), align=align, indent=indent)

    @property
    def text(self) -> str:
        """The paragraph's plain text."""
        return "".join(s.text for s in self.spans)


class RowKind(enum.Enum):
    """What a table row is."""

    HEADER = "header"
    """Column titles: bold, centred, repeated on every page."""
    SECTION = "section"
    """One bold cell across the whole row: ``I. CẢI CÁCH THỂ CHẾ``."""
    BODY = "body"


@attrs.frozen(kw_only=True)
class Cell:
    """A table cell: its lines (one paragraph each), or a continuation of the cell above."""

    lines: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    merge_up: bool = False
    """Continue the cell above it (vertical merge); ``lines`` must then be empty."""
    align: Align = Align.LEFT
    bold: bool = False
    span: int = 1
    """How many columns the cell covers (a header over several columns)."""


@attrs.frozen(kw_only=True)
class Row:
    """A table row; a :attr:`RowKind.SECTION` row has a single cell."""

    cells: tuple[Cell, ...] = attrs.field(converter=_tuple)
    kind: RowKind = RowKind.BODY


@attrs.frozen(kw_only=True)
class Column:
    """A column: its title and its share of the table width."""

    title: str
    weight: float


@attrs.frozen(kw_only=True)
class Table:
    """A table the width of the text, its header rows repeated on each page.

    Each row's cells, with their spans, cover every column; a section row has one cell.
    """

    columns: tuple[Column, ...] = attrs.field(converter=_tuple)
    rows: tuple[Row, ...] = attrs.field(converter=_tuple)


@attrs.frozen(kw_only=True)
class Figure:
    """A picture (a chart) centred on its own line, its caption in italics below it."""

    png: bytes = attrs.field(repr=False)
    width_cm: float
    height_cm: float
    caption: str


Block = Heading | Paragraph | Table | Figure


@attrs.frozen(kw_only=True)
class EndBlock:
    """ô 7 and 9b: Nơi nhận (left) beside the signer (right), on the same first line."""

    recipients: tuple[str, ...] = attrs.field(converter=_tuple)
    """Lines as printed: ``- UBND huyện;`` … ``- Lưu: VT, CCHC.``."""
    authority: tuple[str, ...] = attrs.field(converter=_tuple)
    """``TM. ỦY BAN NHÂN DÂN`` / ``CHỦ TỊCH``."""
    name: str


@attrs.frozen(kw_only=True)
class AppendixPart:
    """An appendix in its own section, page numbers from 1: heading, title, reference, body."""

    heading: str
    """``Phụ lục``, or ``Phụ lục II`` when there are several (Nghị định 30/2020: chữ in thường)."""
    title: tuple[str, ...] = attrs.field(converter=_tuple)
    reference: str
    """``(Kèm theo Kế hoạch số 07/KH-UBND ngày 06 tháng 01 năm 2023 của UBND xã Lộc Bình)``."""
    body: tuple[Block, ...] = attrs.field(converter=_tuple)
    landscape: bool = True


@attrs.frozen(kw_only=True)
class Meta:
    """Document properties: fixed values, so the same input gives the same bytes."""

    title: str
    author: str
    date: _dt.date | None = None
    identifier: str = ""
    """Stored as the document's identifier (a batch keeps the fingerprint of its inputs there)."""


@attrs.frozen(kw_only=True)
class Document:
    """A whole ND30 document (Mẫu 1.4, or a decision's Mẫu 1.3): header, title, body, end block,
    appendices, and the documents issued with it."""

    header: Header
    title: Title
    body: tuple[Block, ...] = attrs.field(converter=_tuple)
    end: EndBlock | None
    """Nơi nhận and signer (``None`` for a document issued with another: the decision carries them)."""
    meta: Meta
    addressees: Addressees | None = None
    appendices: tuple[AppendixPart, ...] = attrs.field(default=(), converter=_tuple)
    closing_mark: str = "./."
    """Appended to the last body paragraph unless it already ends so."""
    attachments: tuple[Document, ...] = attrs.field(default=(), converter=_tuple)
    """Documents issued with this one (a decision's plan), each from a new page, numbered from 1."""
