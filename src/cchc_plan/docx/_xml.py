"""WordprocessingML as text: the writer's elements, written as lxml would serialize them.

The writer builds a document's XML as text, piece by piece, instead of as a tree of
elements: a table of thousands of rows never is a tree of millions of nodes, and a plan
is written without loading an XML library. Every piece here is exactly the text lxml
gives for the same element (same attribute order, same escapes), so the bytes of a
document do not depend on the way it was built.
"""

from __future__ import annotations

import re

__all__ = [
    "attr",
    "cell",
    "footnote_mark_run",
    "footnote_reference_run",
    "inline_picture",
    "page_field_runs",
    "paragraph_properties",
    "row_start",
    "run",
    "run_properties",
    "superscript",
    "table_start",
    "text",
]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# Characters XML 1.0 does not allow (lxml refuses them with the same error).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTR_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                               "\n": "&#10;", "\t": "&#9;", "\r": "&#13;"})
_PLAIN = re.compile(r"[^&<>\r]*\Z")


def _allowed(value: str) -> str:
    if _NOT_XML.search(value):
        raise ValueError("All strings must be XML compatible: Unicode or ASCII, no NULL bytes or control characters")
    return value


def text(value: str) -> str:
    """``value`` as element text."""
    _allowed(value)
    return value if _PLAIN.match(value) else value.translate(_TEXT_ESCAPES)


def attr(value: str) -> str:
    """``value`` as an attribute value (between double quotes)."""
    return _allowed(value).translate(_ATTR_ESCAPES)


def paragraph_properties(*, jc: str, first_line: int = 0, left: int = 0, right: int = 0, hanging: int = 0,
                         before: int = 0, after: int = 0, line: int = 240, line_rule: str = "auto",
                         keep_next: bool = False, border: bool = False) -> str:
    """A ``w:pPr`` (twips; ``line`` 240 = single), children in schema order."""
    parts = ["<w:pPr>"]
    if keep_next:
        parts.append("<w:keepNext/>")
    if border:
        parts.append('<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>')
    parts.append(f'<w:spacing w:before="{before}" w:after="{after}" w:line="{line}" w:lineRule="{line_rule}"/>')
    if first_line or left or right or hanging:
        ind = "<w:ind"
        if left:
            ind += f' w:left="{left}"'
        if right:
            ind += f' w:right="{right}"'
        if hanging:
            ind += f' w:hanging="{hanging}"'
        elif first_line:
            ind += f' w:firstLine="{first_line}"'
        parts.append(ind + "/>")
    parts.append(f'<w:jc w:val="{jc}"/></w:pPr>')
    return "".join(parts)


def run_properties(font: str, lang: str, *, half_points: int, bold: bool, italic: bool) -> str:
    """A ``w:rPr``: all four font slots, emphasis, size (half-points) and language."""
    f, la = attr(font), attr(lang)
    return "".join((
        f'<w:rPr><w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:eastAsia="{f}" w:cs="{f}"/>',
        "<w:b/><w:bCs/>" if bold else "",
        "<w:i/><w:iCs/>" if italic else "",
        f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>',
        f'<w:lang w:val="{la}" w:eastAsia="{la}" w:bidi="{la}"/></w:rPr>'))


def superscript(rpr: str) -> str:
    """A ``w:rPr`` made by :func:`run_properties`, raised as a note mark."""
    at = rpr.index("<w:lang ")
    return rpr[:at] + '<w:vertAlign w:val="superscript"/>' + rpr[at:]


def run(rpr: str, value: str) -> str:
    """A ``w:r`` with its properties and text (spaces at either end kept)."""
    if not value:
        return f"<w:r>{rpr}</w:r>"
    space = ' xml:space="preserve"' if value != value.strip() else ""
    return f"<w:r>{rpr}<w:t{space}>{text(value)}</w:t></w:r>"


def page_field_runs(rpr: str) -> str:
    """A PAGE field (the current page number) as its five runs."""
    return "".join((
        f'<w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>',
        f'<w:r>{rpr}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>',
        f'<w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r>',
        f"<w:r>{rpr}<w:t>2</w:t></w:r>",
        f'<w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r>'))


def footnote_reference_run(rpr: str, note_id: int) -> str:
    """The reference mark of footnote ``note_id`` in the text (``rpr`` already raised)."""
    return f'<w:r>{rpr}<w:footnoteReference w:id="{note_id}"/></w:r>'


def footnote_mark_run(rpr: str) -> str:
    """The mark at the head of a footnote's own text (``rpr`` already raised)."""
    return f"<w:r>{rpr}<w:footnoteRef/></w:r>"


_BORDERS = {
    True: "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                  for side in ("top", "left", "bottom", "right", "insideH", "insideV")),
    False: "".join(f'<w:{side} w:val="nil"/>' for side in ("top", "left", "bottom", "right", "insideH", "insideV")),
}
_TABLE_LOOK = ('<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" w:noHBand="0" '
               'w:noVBand="1" w:val="04A0"/>')


def table_start(grid: list[int], *, total: int, borders: bool, cell_margin: int) -> str:
    """A ``w:tbl``'s start, its properties and its grid: fixed layout ``total`` twips wide, the columns' widths."""
    columns = "".join(f'<w:gridCol w:w="{w}"/>' for w in grid)
    return "".join((
        f'<w:tbl><w:tblPr><w:tblW w:w="{total}" w:type="dxa"/><w:tblBorders>{_BORDERS[borders]}</w:tblBorders>',
        f'<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="{cell_margin}" w:type="dxa"/>',
        f'<w:right w:w="{cell_margin}" w:type="dxa"/></w:tblCellMar>{_TABLE_LOOK}</w:tblPr>',
        f"<w:tblGrid>{columns}</w:tblGrid>"))


def row_start(*, header: bool = False, cant_split: bool = False) -> str:
    """A ``w:tr``'s start: kept on one page, repeated on every page as the header row."""
    if not (header or cant_split):
        return "<w:tr>"
    return "".join(("<w:tr><w:trPr>", "<w:cantSplit/>" if cant_split else "",
                    "<w:tblHeader/>" if header else "", "</w:trPr>"))


def cell(width: int, content: str, *, span: int = 1, v_merge: str | None = None, v_center: bool = True) -> str:
    """A ``w:tc`` (width in twips); a cell merged on the one above holds an empty paragraph."""
    if not v_center:  # the unbordered layout tables of the header and the end block
        return f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/></w:tcPr>{content}</w:tc>'
    parts = [f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>']
    if span > 1:
        parts.append(f'<w:gridSpan w:val="{span}"/>')
    if v_merge is not None:
        parts.append(f'<w:vMerge w:val="{v_merge}"/>')
    parts.append('<w:vAlign w:val="center"/></w:tcPr>')
    if v_merge == "continue":
        parts.append("<w:p/>")
    parts.append(content)
    parts.append("</w:tc>")
    return "".join(parts)


def inline_picture(*, shape_id: int, rel_id: str, cx: int, cy: int, description: str) -> str:
    """A ``w:drawing`` holding a picture inline (``rel_id`` its image), ``cx`` × ``cy`` EMU."""
    return "".join((
        '<w:drawing><wp:inline xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">',
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{shape_id}" name="Picture {shape_id}" '
        f'descr="{attr(description)}"/>',
        '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>',
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">',
        '<pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="image.png"/><pic:cNvPicPr/></pic:nvPicPr>',
        f'<pic:blipFill><a:blip r:embed="{rel_id}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>',
        f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"/></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing>'))
