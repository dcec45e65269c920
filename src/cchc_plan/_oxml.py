"""Every raw-XML operation of the writer, in one place, over python-docx's oxml layer.

python-docx has no friendly API for these: all four font slots, the language,
paragraph borders, table borders and cell margins, merged and repeated rows,
page-number fields, numbering restarts, and a byte-stable package.
"""

from __future__ import annotations

import datetime as _dt
import io
import zipfile
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

__all__ = [
    "add_page_field",
    "clear_body",
    "clear_story",
    "drop_styles_with_effects",
    "drop_thumbnail",
    "bottom_border",
    "cant_split",
    "clean_fonts",
    "fixed_zip",
    "grid_span",
    "no_theme_fonts",
    "repeat_header",
    "restart_page_numbers",
    "set_fonts",
    "table_borders",
    "table_cell_margins",
    "table_fixed_width",
    "v_merge",
]

# Schema order of the children that we insert (ECMA-376 Part 1, §17.3.1.26, §17.4, §17.6).
_PPR_AFTER_PBDR = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
                   "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
                   "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
                   "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
                   "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
                   "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
_RPR_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")
_RPR_AFTER_FONTS = ("w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike",
                    "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof",
                    "w:snapToGrid", "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w",
                    "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
                    "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em",
                    "w:lang", *_RPR_AFTER_LANG)
_TBLPR_AFTER_BORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption",
                        "w:tblDescription", "w:tblPrChange")
_TBLPR_AFTER_LAYOUT = ("w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription",
                       "w:tblPrChange")
_TBLPR_AFTER_WIDTH = ("w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", *_TBLPR_AFTER_BORDERS)
_TRPR_AFTER_CANTSPLIT = ("w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden",
                         "w:ins", "w:del", "w:trPrChange")
_TRPR_AFTER_HEADER = ("w:tblCellSpacing", "w:jc", "w:hidden", "w:ins", "w:del", "w:trPrChange")
_SECTPR_AFTER_PGNUM = ("w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg",
                       "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid",
                       "w:printerSettings", "w:sectPrChange")


def _replace(parent: Any, tag: str, element: Any, successors: tuple[str, ...]) -> Any:
    for old in parent.findall(qn(tag)):
        parent.remove(old)
    parent.insert_element_before(element, *successors)
    return element


def clear_body(body: Any) -> None:
    """Remove a template's content, keeping its final section properties."""
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def clear_story(story: Any) -> None:
    """Empty a header or footer (``w:hdr``/``w:ftr``) of all its paragraphs, tables and shapes."""
    for child in list(story):
        story.remove(child)


def drop_thumbnail(package: Any) -> None:
    """Remove the package's thumbnail picture (a template's preview, not ours)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    for rid, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package.rels.pop(rid)


def drop_styles_with_effects(document_part: Any) -> None:
    """Remove Word 2010's ``stylesWithEffects`` copy of the styles (its theme fonts would linger)."""
    for rid, rel in list(document_part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            document_part.rels.pop(rid)


def set_fonts(rPr: Any, font: str, lang: str) -> None:
    """All four font slots (ascii, hAnsi, eastAsia, cs) and the language of an ``w:rPr``."""
    fonts = OxmlElement("w:rFonts")
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), font)
    _replace(rPr, "w:rFonts", fonts, _RPR_AFTER_FONTS)
    language = OxmlElement("w:lang")
    for attr in ("w:val", "w:eastAsia", "w:bidi"):
        language.set(qn(attr), lang)
    _replace(rPr, "w:lang", language, _RPR_AFTER_LANG)


def no_theme_fonts(styles_element: Any, font: str) -> None:
    """Replace theme-font references (which win over explicit names) in every style."""
    theme_attrs = [qn(a) for a in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")]
    for fonts in styles_element.iter(qn("w:rFonts")):
        if any(fonts.get(a) is not None for a in theme_attrs):
            for a in theme_attrs:
                fonts.attrib.pop(a, None)
            for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
                fonts.set(qn(slot), font)


def clean_fonts(styles_element: Any, font: str, lang: str) -> None:
    """Document defaults in ``font`` and ``lang``, with no theme fonts anywhere."""
    no_theme_fonts(styles_element, font)
    defaults = styles_element.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles_element.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rPr = rpr_default.find(qn("w:rPr"))
    if rPr is None:
        rPr = OxmlElement("w:rPr")
        rpr_default.append(rPr)
    set_fonts(rPr, font, lang)


def bottom_border(paragraph_element: Any, *, size_eighths: int = 6) -> None:
    """A solid line under the paragraph (its length is the paragraph's width between indents)."""
    pPr = paragraph_element.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", str(size_eighths)), ("w:space", "1"),
                       ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    _replace(pPr, "w:pBdr", borders, _PPR_AFTER_PBDR)


def table_borders(tbl: Any, *, visible: bool) -> None:
    """All table borders single (``visible``) or none."""
    tblPr = tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        if visible:
            for key, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "0"),
                               ("w:color", "000000")):
                edge.set(qn(key), value)
        else:
            edge.set(qn("w:val"), "nil")
        borders.append(edge)
    _replace(tblPr, "w:tblBorders", borders, _TBLPR_AFTER_BORDERS)


def table_fixed_width(tbl: Any, width_twips: int) -> None:
    """Fixed layout and a total width in twips, so Word and LibreOffice agree on columns."""
    tblPr = tbl.tblPr
    width = OxmlElement("w:tblW")
    width.set(qn("w:w"), str(width_twips))
    width.set(qn("w:type"), "dxa")
    _replace(tblPr, "w:tblW", width, _TBLPR_AFTER_WIDTH)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    _replace(tblPr, "w:tblLayout", layout, _TBLPR_AFTER_LAYOUT)


def table_cell_margins(tbl: Any, *, left_twips: int, right_twips: int) -> None:
    """Left and right cell margins of every cell of the table."""
    margins = OxmlElement("w:tblCellMar")
    for side, value in (("w:left", left_twips), ("w:right", right_twips)):
        edge = OxmlElement(side)
        edge.set(qn("w:w"), str(value))
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    _replace(tbl.tblPr, "w:tblCellMar", margins, _TBLPR_AFTER_LAYOUT[1:])


def v_merge(tc: Any, *, restart: bool) -> None:
    """Start (``restart``) or continue a vertical merge in a cell."""
    tc.get_or_add_tcPr().vMerge_val = "restart" if restart else "continue"


def grid_span(tr: Any, tcs: list[Any]) -> Any:
    """Make the row's first cell span all columns (removing the others); returns that cell."""
    first, rest = tcs[0], tcs[1:]
    width = sum(tc.width or 0 for tc in tcs)
    for tc in rest:
        tr.remove(tc)
    first.get_or_add_tcPr().get_or_add_gridSpan().val = len(tcs)
    first.width = width
    return first


def repeat_header(tr: Any) -> None:
    """Repeat this row at the top of every page the table runs onto."""
    trPr = tr.get_or_add_trPr()
    _replace(trPr, "w:tblHeader", OxmlElement("w:tblHeader"), _TRPR_AFTER_HEADER)


def cant_split(tr: Any) -> None:
    """Keep the row on one page."""
    trPr = tr.get_or_add_trPr()
    _replace(trPr, "w:cantSplit", OxmlElement("w:cantSplit"), _TRPR_AFTER_CANTSPLIT)


def add_page_field(paragraph_element: Any, make_run: Any) -> None:
    """A PAGE field (the current page number) at the end of the paragraph.

    ``make_run()`` returns a new, formatted ``w:r`` appended to the paragraph.
    """
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None),
                       ("text", "2"), ("end", None)):
        r = make_run()
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            instr.text = text
            r.append(instr)
        elif kind == "text":
            t = OxmlElement("w:t")
            t.text = text
            r.append(t)
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            r.append(char)


def restart_page_numbers(sectPr: Any, start: int = 1) -> None:
    """Number this section's pages from ``start`` (Arabic)."""
    numbering = OxmlElement("w:pgNumType")
    numbering.set(qn("w:fmt"), "decimal")
    numbering.set(qn("w:start"), str(start))
    _replace(sectPr, "w:pgNumType", numbering, _SECTPR_AFTER_PGNUM)


_EPOCH = (1980, 1, 1, 0, 0, 0)


def fixed_zip(data: bytes) -> bytes:
    """The same package with fixed member timestamps, so equal documents are equal bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_EPOCH)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def fixed_datetime(day: _dt.date | None) -> _dt.datetime:
    """A stable timestamp for the core properties (the document's own date)."""
    day = day or _dt.date(2000, 1, 1)
    return _dt.datetime(day.year, day.month, day.day, tzinfo=_dt.timezone.utc)
