"""Every raw-XML operation of the writer, in one place, over python-docx's oxml layer.

python-docx has no friendly API for these: all four font slots, the language,
paragraph borders, table borders and cell margins, merged and repeated rows,
page-number fields, numbering restarts, and a byte-stable package.
"""

from __future__ import annotations

import datetime as _dt
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from typing import Any

from copy import copy, deepcopy

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree  # type: ignore[import-untyped]

__all__ = [
    "add_page_field",
    "add_picture",
    "clear_body",
    "clear_story",
    "drop_styles_with_effects",
    "drop_dangling_style_links",
    "drop_thumbnail",
    "clean_fonts",
    "fixed_zip",
    "keep_row_on_one_page",
    "ParkedXml",
    "save_fixed",
    "no_theme_fonts",
    "restart_page_numbers",
    "set_fonts",
    "table_borders",
    "table_cell_margins",
    "table_fixed_width",
    "use_template_parts",
]

# Schema order of the children that we insert (ECMA-376 Part 1, §17.3.1.26, §17.4, §17.6).
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


def use_template_parts(document: Any, *, styles: bytes, section: bytes, numbering: bytes | None,
                       theme: bytes | None, font_table: bytes | None, settings: bytes | None) -> None:
    """Put a template's cleaned parts into ``document`` (opened from the bundled package).

    Only the content of parts the bundled package already has is replaced: styles,
    numbering, settings, theme and fonts table; and the body's last ``w:sectPr``.
    """
    from docx.oxml import parse_xml

    part = document.part
    part._styles_part._element = parse_xml(styles)
    if numbering is not None:
        part.numbering_part._element = parse_xml(numbering)
    if settings is not None:
        part._settings_part._element = parse_xml(settings)
    for rel in part.rels.values():
        if rel.is_external:
            continue
        kind = rel.reltype.rsplit("/", 1)[-1]
        if kind == "theme" and theme is not None:
            rel.target_part._blob = theme
        elif kind == "fontTable" and font_table is not None:
            rel.target_part._blob = font_table
    body = document.element.body
    for old in body.findall(qn("w:sectPr")):
        body.remove(old)
    body.append(parse_xml(section))


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


def drop_dangling_style_links(styles_element: Any) -> None:
    """Remove ``w:link``, ``w:basedOn`` and ``w:next`` that name a style the part does not define."""
    ids = {s.get(qn("w:styleId")) for s in styles_element.findall(qn("w:style"))}
    for style in styles_element.findall(qn("w:style")):
        for tag in ("w:link", "w:basedOn", "w:next"):
            for ref in style.findall(qn(tag)):
                if ref.get(qn("w:val")) not in ids:
                    style.remove(ref)


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






def add_page_field(paragraph_element: Any, make_run: Any) -> None:
    """A PAGE field (the current page number) at the end of the paragraph.

    ``make_run()`` returns a new, formatted, empty ``w:r`` appended to the paragraph.
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


# ---------------------------------------------------------------- fast builders
# The writer makes hundreds of paragraphs and runs: building them from cached property
# templates is several times faster than python-docx's property-by-property setters.

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _tag(name: str) -> str:
    return f"{{{_W}}}{name}"


def _sub(parent: Any, name: str, **attributes: str) -> Any:
    element = etree.SubElement(parent, _tag(name))
    for key, value in attributes.items():
        element.set(_tag(key), value)
    return element


def paragraph_properties(*, jc: str, first_line: int = 0, left: int = 0, right: int = 0, hanging: int = 0,
                         before: int = 0, after: int = 0, line: int = 240, line_rule: str = "auto",
                         keep_next: bool = False, border: bool = False) -> Any:
    """A ``w:pPr`` (twips; ``line`` 240 = single) to copy into paragraphs, children in schema order."""
    pPr = OxmlElement("w:pPr")
    if keep_next:
        _sub(pPr, "keepNext")
    if border:
        borders = _sub(pPr, "pBdr")
        _sub(borders, "bottom", val="single", sz="6", space="1", color="000000")
    _sub(pPr, "spacing", before=str(before), after=str(after), line=str(line), lineRule=line_rule)
    if first_line or left or right or hanging:
        ind = _sub(pPr, "ind")
        if left:
            ind.set(_tag("left"), str(left))
        if right:
            ind.set(_tag("right"), str(right))
        if hanging:
            ind.set(_tag("hanging"), str(hanging))
        elif first_line:
            ind.set(_tag("firstLine"), str(first_line))
    _sub(pPr, "jc", val=jc)
    return pPr


def set_properties(paragraph: Any, template: Any) -> None:
    """Give a ``w:p`` a copy of ``template`` as its ``w:pPr`` (replacing any)."""
    for old in paragraph.findall(qn("w:pPr")):
        paragraph.remove(old)
    paragraph.insert(0, copy(template))  # an lxml element's copy is a deep one (without deepcopy's memo)


def run_properties(font: str, lang: str, *, half_points: int, bold: bool, italic: bool) -> Any:
    """A ``w:rPr``: all four font slots, emphasis, size (half-points) and language."""
    rPr = OxmlElement("w:rPr")
    _sub(rPr, "rFonts", ascii=font, hAnsi=font, eastAsia=font, cs=font)
    if bold:
        _sub(rPr, "b")
        _sub(rPr, "bCs")
    if italic:
        _sub(rPr, "i")
        _sub(rPr, "iCs")
    _sub(rPr, "sz", val=str(half_points))
    _sub(rPr, "szCs", val=str(half_points))
    _sub(rPr, "lang", val=lang, eastAsia=lang, bidi=lang)
    return rPr


def add_run(paragraph: Any, template: Any, text: str) -> Any:
    """Append a ``w:r`` with a copy of ``template`` and ``text``; returns the run."""
    run = etree.SubElement(paragraph, _tag("r"))
    run.append(copy(template))
    if text:
        t = etree.SubElement(run, _tag("t"))
        t.text = text
        if text != text.strip():
            t.set(_XML_SPACE, "preserve")
    return run


def add_picture(run: Any, document_part: Any, png: bytes, width_emu: int, height_emu: int,
                description: str) -> None:
    """Put a PNG image inline in a ``w:r``, ``width_emu`` × ``height_emu``, with its alternative text."""
    inline = document_part.new_pic_inline(io.BytesIO(png), width_emu, height_emu)
    doc_pr = inline.find(qn("wp:docPr"))
    if doc_pr is not None:
        doc_pr.set("descr", description)
    drawing = etree.SubElement(run, _tag("drawing"))
    drawing.append(inline)


def add_paragraph(parent: Any) -> Any:
    """Append an empty ``w:p`` to a body (before its final ``w:sectPr``), a cell, a header or footer."""
    paragraph = OxmlElement("w:p")
    last = parent[-1] if len(parent) else None
    if last is not None and last.tag == qn("w:sectPr"):
        last.addprevious(paragraph)
    else:
        parent.append(paragraph)
    return paragraph


def add_row(tbl: Any, *, header: bool, cant_split: bool) -> Any:
    """Append a ``w:tr`` to a table (rows are the table's last children)."""
    tr = etree.SubElement(tbl, _tag("tr"))
    if header or cant_split:
        trPr = _sub(tr, "trPr")
        if cant_split:
            _sub(trPr, "cantSplit")
        if header:
            _sub(trPr, "tblHeader")
    return tr


def keep_row_on_one_page(tr: Any) -> None:
    """Forbid a row made by python-docx to split across pages (``w:trPr/w:cantSplit``)."""
    trPr = tr.get_or_add_trPr()
    if trPr.find(qn("w:cantSplit")) is None:
        trPr.insert(0, OxmlElement("w:cantSplit"))


def add_cell(tr: Any, *, width: int, span: int = 1, v_merge: str | None = None) -> Any:
    """Append a ``w:tc`` (width in twips, vertically centred); a merged-on cell gets its empty paragraph."""
    tc = etree.SubElement(tr, _tag("tc"))
    tcPr = _sub(tc, "tcPr")
    _sub(tcPr, "tcW", w=str(width), type="dxa")
    if span > 1:
        _sub(tcPr, "gridSpan", val=str(span))
    if v_merge is not None:
        _sub(tcPr, "vMerge", val=v_merge)
    _sub(tcPr, "vAlign", val="center")
    if v_merge == "continue":
        etree.SubElement(tc, _tag("p"))
    return tc


_EPOCH = (1980, 1, 1, 0, 0, 0)


class _FixedZip:
    """python-docx's physical package writer, with fixed member timestamps."""

    def __init__(self, stream: io.BytesIO) -> None:
        self._zip = zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED)

    def write(self, pack_uri: Any, blob: bytes) -> None:
        info = zipfile.ZipInfo(pack_uri.membername, date_time=_EPOCH)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o600 << 16
        self._zip.writestr(info, blob)

    def write_chunks(self, pack_uri: Any, chunks: Iterable[bytes]) -> None:
        """Write a member from pieces, compressed as they come (the bytes of :meth:`write` of them joined)."""
        info = zipfile.ZipInfo(pack_uri.membername, date_time=_EPOCH)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o600 << 16
        with self._zip.open(info, "w") as member:
            for chunk in chunks:
                member.write(chunk)

    def close(self) -> None:
        self._zip.close()


_PARKED = re.compile(rb"<\?cchc-parked (\d+)\?>")
_NS_DECLARATION = re.compile(rb'\s+xmlns(?::[\w.-]+)?="[^"]*"')


class ParkedXml:
    """Parts of the body built apart and kept as serialized XML until the document is saved.

    A table of a few thousand rows is a million lxml nodes (about 300 bytes each); kept as
    the text it will be written as, it takes a tenth of that. :meth:`detach` takes an element
    out of its tree while it is still small (moving a large subtree between lxml documents is
    very slow) and leaves a placeholder; :meth:`open` serializes the element as it is then
    (a table's properties and grid) and gives a container for its further children (the rows),
    which :meth:`flush` serializes a batch at a time and :meth:`close` ends. :func:`save_fixed`
    writes the text in the placeholder's place: the bytes are those the whole tree would have
    given (the namespaces are declared once, on the document's root).
    """

    def __init__(self) -> None:
        self._pieces: list[list[bytes]] = []
        self._ends: list[bytes] = []

    def detach(self, element: Any) -> int:
        """Put a placeholder where ``element`` is in its tree; returns its number."""
        number = len(self._pieces)
        self._pieces.append([])
        self._ends.append(b"")
        element.getparent().replace(element, etree.ProcessingInstruction("cchc-parked", str(number)))
        return number

    @staticmethod
    def _text(element: Any) -> bytes:
        xml: bytes = etree.tostring(element, encoding="utf-8")
        end = xml.index(b">")
        return _NS_DECLARATION.sub(b"", xml[:end]) + xml[end:]

    def open(self, number: int, element: Any) -> Any:
        """Keep the detached ``element``'s XML so far; returns an empty container for its next children."""
        xml = self._text(element)
        closing = f"</{xml[1:xml.index(b'>')].split()[0].decode()}>".encode()
        if not xml.endswith(closing):  # an element with no children yet: <w:tbl/>
            raise ValueError("only an element with children can be opened")
        self._pieces[number].append(xml[: -len(closing)])
        self._ends[number] = closing
        return etree.Element(element.tag, nsmap=element.nsmap)

    def flush(self, number: int, container: Any) -> Any:
        """Keep the XML of the children in ``container``; returns a fresh container."""
        self._pieces[number].extend(self._text(child) for child in container)
        return etree.Element(container.tag, nsmap=container.nsmap)

    def close(self, number: int, container: Any) -> None:
        """Keep the last children's XML and the element's end tag."""
        self.flush(number, container)
        self._pieces[number].append(self._ends[number])

    def restore(self, xml: bytes) -> Iterator[bytes]:
        """``xml`` (a part's serialized text) in pieces, every placeholder replaced by what it stands for."""
        start = 0
        for found in _PARKED.finditer(xml):
            yield xml[start:found.start()]
            yield from self._pieces[int(found.group(1))]
            start = found.end()
        yield xml[start:]


def save_fixed(document: Any, parked: ParkedXml | None = None) -> bytes:
    """The document's package as bytes, every member dated 1980-01-01: equal documents, equal bytes.

    Does what ``OpcPackage.save`` does, with :class:`_FixedZip` in place of its zip writer
    (whose members carry the time of writing); the main part's ``parked`` XML is put back.
    """
    from docx.opc.pkgwriter import PackageWriter

    package = document.part.package
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    stream = io.BytesIO()
    writer = _FixedZip(stream)
    package_writer: Any = PackageWriter  # its steps are untyped helpers
    package_writer._write_content_types_stream(writer, parts)
    package_writer._write_pkg_rels(writer, package.rels)
    for part in parts:  # as PackageWriter._write_parts, the main part's parked XML put back
        if parked is not None and part is document.part:
            writer.write_chunks(part.partname, parked.restore(part.blob))
        else:
            writer.write(part.partname, part.blob)
        if len(part.rels):
            writer.write(part.partname.rels_uri, part.rels.xml)
    writer.close()
    return stream.getvalue()


def fixed_zip(data: bytes) -> bytes:
    """A package's bytes rewritten with fixed member timestamps (for a file saved by other means)."""
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


# --------------------------------------------------------------------------- footnotes

_FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_FOOTNOTES_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"


def superscript(template: Any) -> Any:
    """A copy of a ``w:rPr`` raised as a note mark (``w:vertAlign`` superscript, in schema order)."""
    rPr = deepcopy(template)
    mark = etree.Element(_tag("vertAlign"))
    mark.set(_tag("val"), "superscript")
    _replace(rPr, "w:vertAlign", mark, ("w:rtl", "w:cs", "w:em", "w:lang", *_RPR_AFTER_LANG))
    return rPr


def add_footnote_reference(paragraph: Any, template: Any, note_id: int) -> None:
    """Append the reference mark of footnote ``note_id`` (``w:footnoteReference``) to a ``w:p``."""
    run = etree.SubElement(paragraph, _tag("r"))
    run.append(superscript(template))
    _sub(run, "footnoteReference", id=str(note_id))


def footnote(note_id: int) -> tuple[Any, Any]:
    """A ``w:footnote`` with its first paragraph, whose first run is the note's own mark; returns both."""
    note = etree.Element(_tag("footnote"))
    note.set(_tag("id"), str(note_id))
    paragraph = etree.SubElement(note, _tag("p"))
    return note, paragraph


def add_footnote_mark(paragraph: Any, template: Any) -> None:
    """The mark at the head of a footnote's text (``w:footnoteRef``)."""
    run = etree.SubElement(paragraph, _tag("r"))
    run.append(superscript(template))
    _sub(run, "footnoteRef")


def footnotes_part(document_part: Any, notes: list[Any]) -> None:
    """Give the document a footnotes part holding ``notes`` (with Word's two separators before them).

    A footnotes part the template had is replaced: its notes belong to another document.
    """
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    root = etree.Element(_tag("footnotes"), nsmap={"w": _W})
    for note_id, kind, child in ((-1, "separator", "separator"), (0, "continuationSeparator",
                                                                   "continuationSeparator")):
        sep = _sub(root, "footnote", type=kind, id=str(note_id))
        p = _sub(sep, "p")
        ppr = _sub(p, "pPr")
        _sub(ppr, "spacing", after="0", line="240", lineRule="auto")
        _sub(_sub(p, "r"), child)
    for note in notes:
        root.append(note)
    for rel_id, rel in list(document_part.rels.items()):
        if rel.reltype == _FOOTNOTES_RT:
            document_part.drop_rel(rel_id)
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    part = Part(PackURI("/word/footnotes.xml"), _FOOTNOTES_CT, blob, document_part.package)
    document_part.relate_to(part, _FOOTNOTES_RT)
