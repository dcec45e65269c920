"""Read a generated .docx (and its PDF) back, the way a user would check it.

Not a test module: helpers for ``test_docx_layout``, ``test_docx_text``,
``test_pdf`` and ``test_render_cli``. The document is opened with python-docx;
what python-docx has no API for (all four ``w:rFonts`` slots, ``w:lang``,
paragraph borders, ``w:vMerge``, ``w:tblHeader``, ``w:cantSplit``, grid widths,
``w:pgNumType``, fields in headers) is read from the lxml elements underneath,
or from the package's raw parts through :mod:`zipfile`.

Run properties are *resolved* as Word does (simplified): direct formatting of
the run, then its character style, then the paragraph's style chain (the
default paragraph style when none is named), then the document defaults.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import docx
from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
FONT_SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")
_THEME_ATTR = {"ascii": "asciiTheme", "hAnsi": "hAnsiTheme", "eastAsia": "eastAsiaTheme",
               "cs": "cstheme"}
_OFF = {"0", "false", "off", "none"}


def w(tag: str) -> str:
    """Clark name of a WordprocessingML tag or attribute: ``w("sz")``."""
    return f"{{{W_NS}}}{tag}"


def wattr(element: Any, name: str) -> str | None:
    """A ``w:`` attribute of ``element`` (``None`` when the element or attribute is absent)."""
    if element is None:
        return None
    return element.get(w(name))


def _int(value: str | None) -> int | None:
    return None if value is None else int(value)


def _on(element: Any) -> bool | None:
    """A toggle property: ``<w:b/>`` → True, ``<w:b w:val="0"/>`` → False, absent → None."""
    if element is None:
        return None
    val = wattr(element, "val")
    return val is None or val.lower() not in _OFF


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class RunInfo:
    """A run with its resolved formatting."""

    text: str
    size_pt: float | None
    bold: bool
    italic: bool
    underline: bool
    fonts: dict[str, str | None]
    """Resolved font per slot (ascii, hAnsi, eastAsia, cs); ``theme:<name>`` for a theme font."""
    lang: str | None
    has_field: bool = False
    """The run holds a field character or field instruction."""


@dataclass(frozen=True)
class Border:
    """A paragraph's bottom border (``w:pBdr/w:bottom``)."""

    val: str | None
    size_eighths: int | None


@dataclass
class ParaInfo:
    """A paragraph with its resolved paragraph formatting and its runs."""

    text: str
    runs: list[RunInfo]
    style: str | None
    align: str | None
    first_line_twips: int | None
    hanging_twips: int | None
    left_twips: int
    right_twips: int
    before_twips: int | None
    after_twips: int | None
    line: int | None
    line_rule: str | None
    keep_next: bool
    bottom_border: Border | None
    in_table: bool
    element: Any = field(repr=False)

    @property
    def text_runs(self) -> list[RunInfo]:
        """The runs that print text (not blank, not field machinery)."""
        return [r for r in self.runs if r.text.strip() and not r.has_field]

    @property
    def sizes(self) -> set[float | None]:
        return {r.size_pt for r in self.text_runs}

    @property
    def bold(self) -> bool:
        runs = self.text_runs
        return bool(runs) and all(r.bold for r in runs)

    @property
    def italic(self) -> bool:
        runs = self.text_runs
        return bool(runs) and all(r.italic for r in runs)

    @property
    def size(self) -> float | None:
        """The one size of the paragraph's text runs (AssertionError when mixed or empty)."""
        sizes = self.sizes
        assert len(sizes) == 1, f"paragraph {self.text!r} has sizes {sizes}"
        return next(iter(sizes))


@dataclass
class CellInfo:
    """A table cell: its paragraphs, width, spans and merge state."""

    paragraphs: list[ParaInfo]
    width_twips: int | None
    width_type: str | None
    grid_span: int
    v_merge: str | None
    """``"restart"``, ``"continue"`` (a ``w:vMerge`` without value) or ``None``."""
    element: Any = field(repr=False)

    @property
    def text(self) -> str:
        """Cell text: its paragraphs joined by newlines."""
        return "\n".join(p.text for p in self.paragraphs)

    @property
    def is_continuation(self) -> bool:
        return self.v_merge == "continue"


@dataclass
class RowInfo:
    cells: list[CellInfo]
    tbl_header: bool
    cant_split: bool
    element: Any = field(repr=False)

    @property
    def texts(self) -> list[str]:
        return [c.text for c in self.cells]


@dataclass
class TableInfo:
    rows: list[RowInfo]
    grid_cols: list[int]
    width_twips: int | None
    width_type: str | None
    borders: dict[str, str | None]
    """``w:tblBorders`` side → ``w:val`` (``top``, ``left``, ``bottom``, ``right``, ``insideH``, ``insideV``)."""
    style: str | None
    cell_margins: dict[str, int]
    """``w:tblCellMar`` side (``left``, ``right``, ``start``, ``end``) → twips."""
    element: Any = field(repr=False)

    @property
    def borderless(self) -> bool:
        """No table border is drawn (every side ``nil``/``none``) and no table style adds any."""
        sides = ("top", "left", "bottom", "right", "insideH", "insideV")
        return all((self.borders.get(s) or "nil") in ("nil", "none") for s in sides)


@dataclass
class HeaderInfo:
    """A header part as a section uses it."""

    partname: str
    paragraphs: list[ParaInfo]
    has_page_field: bool
    own: bool
    """The section names this header itself (not inherited from the previous section)."""


@dataclass
class SectionInfo:
    page_w: int
    page_h: int
    orient: str | None
    margins: dict[str, int]
    title_pg: bool
    pgnum_start: int | None
    pgnum_fmt: str | None
    headers: dict[str, HeaderInfo | None]
    """``"default"`` and ``"first"`` → the header in effect (inherited when not its own)."""
    blocks: list[Any]
    """The section's top-level body blocks, in order: :class:`ParaInfo` or :class:`TableInfo`."""
    element: Any = field(repr=False)

    @property
    def landscape(self) -> bool:
        return self.page_w > self.page_h


# --------------------------------------------------------------------------- the reader


class DocxReader:
    """A generated .docx read back: body blocks, sections, tables, headers, styles."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.document = docx.Document(str(self.path))
        self.body = self.document.element.body
        self._styles_root = self.document.styles.element
        self._styles = {wattr(s, "styleId"): s for s in self._styles_root.iter(w("style"))}
        self._default_para_style = next(
            (wattr(s, "styleId") for s in self._styles_root.iter(w("style"))
             if wattr(s, "type") == "paragraph" and wattr(s, "default") in ("1", "true", "on")),
            None)
        defaults = self._styles_root.find(w("docDefaults"))
        self._rpr_default = None if defaults is None else defaults.find(f"{w('rPrDefault')}/{w('rPr')}")
        self._ppr_default = None if defaults is None else defaults.find(f"{w('pPrDefault')}/{w('pPr')}")
        self.blocks: list[Any] = []
        self.sections: list[SectionInfo] = []
        self._read_body()

    # ------------------------------------------------------------------ raw parts

    def part_bytes(self, name: str) -> bytes:
        """A package member's raw bytes (``word/styles.xml``)."""
        with zipfile.ZipFile(self.path) as z:
            return z.read(name)

    def part_names(self) -> list[str]:
        with zipfile.ZipFile(self.path) as z:
            return z.namelist()

    def part_xml(self, name: str) -> Any:
        return etree.fromstring(self.part_bytes(name))

    # ------------------------------------------------------------------ styles

    def _style_chain(self, style_id: str | None) -> list[Any]:
        chain = []
        seen = set()
        while style_id and style_id not in seen and style_id in self._styles:
            seen.add(style_id)
            style = self._styles[style_id]
            chain.append(style)
            based = style.find(w("basedOn"))
            style_id = wattr(based, "val")
        return chain

    def _rpr_levels(self, r: Any, p_style: str | None) -> list[Any]:
        levels = []
        rpr = r.find(w("rPr"))
        if rpr is not None:
            levels.append(rpr)
            r_style = wattr(rpr.find(w("rStyle")), "val")
            levels += [s.find(w("rPr")) for s in self._style_chain(r_style)]
        levels += [s.find(w("rPr")) for s in self._style_chain(p_style or self._default_para_style)]
        levels.append(self._rpr_default)
        return [lv for lv in levels if lv is not None]

    def _ppr_levels(self, p: Any, p_style: str | None) -> list[Any]:
        levels = [p.find(w("pPr"))]
        levels += [s.find(w("pPr")) for s in self._style_chain(p_style or self._default_para_style)]
        levels.append(self._ppr_default)
        return [lv for lv in levels if lv is not None]

    # ------------------------------------------------------------------ runs and paragraphs

    def run_info(self, r: Any, p_style: str | None) -> RunInfo:
        levels = self._rpr_levels(r, p_style)

        def first(tag: str) -> Any:
            for lv in levels:
                el = lv.find(w(tag))
                if el is not None:
                    return el
            return None

        sz = first("sz")
        size = int(wattr(sz, "val")) / 2 if sz is not None else None
        fonts: dict[str, str | None] = {}
        for slot in FONT_SLOTS:
            fonts[slot] = None
            for lv in levels:
                rf = lv.find(w("rFonts"))
                if rf is None:
                    continue
                theme = wattr(rf, _THEME_ATTR[slot])
                if theme is not None:
                    fonts[slot] = f"theme:{theme}"
                    break
                name = wattr(rf, slot)
                if name is not None:
                    fonts[slot] = name
                    break
        lang = None
        for lv in levels:
            val = wattr(lv.find(w("lang")), "val")
            if val is not None:
                lang = val
                break
        u = first("u")
        underline = u is not None and (wattr(u, "val") or "single") != "none"
        text = "".join(
            (t.text or "") if t.tag == w("t") else ("\t" if t.tag == w("tab") else "\n")
            for t in r if t.tag in (w("t"), w("tab"), w("br"), w("cr")))
        has_field = r.find(w("fldChar")) is not None or r.find(w("instrText")) is not None
        return RunInfo(text=text, size_pt=size, bold=bool(_on(first("b"))),
                       italic=bool(_on(first("i"))), underline=underline, fonts=fonts, lang=lang,
                       has_field=has_field)

    def para_info(self, p: Any, *, in_table: bool = False) -> ParaInfo:
        ppr = p.find(w("pPr"))
        p_style = wattr(ppr.find(w("pStyle")), "val") if ppr is not None else None
        levels = self._ppr_levels(p, p_style)

        def attr(tag: str, *names: str) -> str | None:
            for lv in levels:
                el = lv.find(w(tag))
                if el is None:
                    continue
                for name in names:
                    val = wattr(el, name)
                    if val is not None:
                        return val
            return None

        keep = None
        for lv in levels:
            el = lv.find(w("keepNext"))
            if el is not None:
                keep = _on(el)
                break
        border = None
        for lv in levels:
            bottom = lv.find(f"{w('pBdr')}/{w('bottom')}")
            if bottom is not None:
                border = Border(val=wattr(bottom, "val"), size_eighths=_int(wattr(bottom, "sz")))
                break
        runs = [self.run_info(r, p_style) for r in p.iter(w("r"))]
        return ParaInfo(
            text="".join(r.text for r in runs if not r.has_field),
            runs=runs, style=p_style, align=attr("jc", "val"),
            first_line_twips=_int(attr("ind", "firstLine")),
            hanging_twips=_int(attr("ind", "hanging")),
            left_twips=_int(attr("ind", "left", "start")) or 0,
            right_twips=_int(attr("ind", "right", "end")) or 0,
            before_twips=_int(attr("spacing", "before")),
            after_twips=_int(attr("spacing", "after")),
            line=_int(attr("spacing", "line")), line_rule=attr("spacing", "lineRule"),
            keep_next=bool(keep), bottom_border=border, in_table=in_table, element=p)

    # ------------------------------------------------------------------ tables

    def table_info(self, tbl: Any) -> TableInfo:
        tblpr = tbl.find(w("tblPr"))
        grid = [int(wattr(g, "w")) for g in tbl.findall(f"{w('tblGrid')}/{w('gridCol')}")]
        borders: dict[str, str | None] = {}
        tblw = None
        style = None
        margins: dict[str, int] = {}
        if tblpr is not None:
            mar = tblpr.find(w("tblCellMar"))
            if mar is not None:
                for edge in mar:
                    margins[etree.QName(edge).localname] = int(wattr(edge, "w") or 0)
            b = tblpr.find(w("tblBorders"))
            if b is not None:
                for edge in b:
                    borders[etree.QName(edge).localname] = wattr(edge, "val")
            tblw = tblpr.find(w("tblW"))
            style = wattr(tblpr.find(w("tblStyle")), "val")
        rows = []
        for tr in tbl.findall(w("tr")):
            trpr = tr.find(w("trPr"))
            header = trpr is not None and _on(trpr.find(w("tblHeader"))) is True
            cant = trpr is not None and _on(trpr.find(w("cantSplit"))) is True
            cells = []
            for tc in tr.findall(w("tc")):
                tcpr = tc.find(w("tcPr"))
                tcw = tcpr.find(w("tcW")) if tcpr is not None else None
                span = tcpr.find(w("gridSpan")) if tcpr is not None else None
                vm = tcpr.find(w("vMerge")) if tcpr is not None else None
                v_merge = None if vm is None else (wattr(vm, "val") or "continue")
                paragraphs = [self.para_info(p, in_table=True) for p in tc.iter(w("p"))]
                cells.append(CellInfo(paragraphs=paragraphs, width_twips=_int(wattr(tcw, "w")),
                                      width_type=wattr(tcw, "type"),
                                      grid_span=int(wattr(span, "val") or 1) if span is not None else 1,
                                      v_merge=v_merge, element=tc))
            rows.append(RowInfo(cells=cells, tbl_header=header, cant_split=cant, element=tr))
        return TableInfo(rows=rows, grid_cols=grid, width_twips=_int(wattr(tblw, "w")),
                         width_type=wattr(tblw, "type"), borders=borders, style=style,
                         cell_margins=margins, element=tbl)

    # ------------------------------------------------------------------ headers and sections

    def _header(self, rid: str) -> HeaderInfo:
        part = self.document.part.related_parts[rid]
        root = part.element
        paragraphs = [self.para_info(p) for p in root.iter(w("p"))]
        instr = " ".join((t.text or "") for t in root.iter(w("instrText")))
        simple = " ".join(f.get(w("instr")) or "" for f in root.iter(w("fldSimple")))
        has_page = bool(re.search(r"(^|\s)PAGE(\s|\\|$)", f"{instr} {simple}"))
        return HeaderInfo(partname=str(part.partname), paragraphs=paragraphs,
                          has_page_field=has_page, own=True)

    def _section(self, sect: Any, blocks: list[Any], previous: SectionInfo | None) -> SectionInfo:
        pgsz = sect.find(w("pgSz"))
        pgmar = sect.find(w("pgMar"))
        pgnum = sect.find(w("pgNumType"))
        margins = {k: int(wattr(pgmar, k)) for k in ("top", "bottom", "left", "right", "header",
                                                      "footer") if wattr(pgmar, k) is not None}
        headers: dict[str, HeaderInfo | None] = {}
        refs = {wattr(h, "type"): h.get(f"{{{R_NS}}}id") for h in sect.findall(w("headerReference"))}
        for kind in ("default", "first"):
            if kind in refs:
                headers[kind] = self._header(refs[kind])
            elif previous is not None and previous.headers.get(kind) is not None:
                inherited = previous.headers[kind]
                headers[kind] = HeaderInfo(partname=inherited.partname,
                                           paragraphs=inherited.paragraphs,
                                           has_page_field=inherited.has_page_field, own=False)
            else:
                headers[kind] = None
        title_pg = sect.find(w("titlePg"))
        return SectionInfo(
            page_w=int(wattr(pgsz, "w")), page_h=int(wattr(pgsz, "h")), orient=wattr(pgsz, "orient"),
            margins=margins, title_pg=bool(_on(title_pg)),
            pgnum_start=_int(wattr(pgnum, "start")), pgnum_fmt=wattr(pgnum, "fmt"),
            headers=headers, blocks=blocks, element=sect)

    def _read_body(self) -> None:
        current: list[Any] = []
        previous: SectionInfo | None = None
        for child in self.body:
            if child.tag == w("p"):
                info = self.para_info(child)
                self.blocks.append(info)
                current.append(info)
                sect = child.find(f"{w('pPr')}/{w('sectPr')}")
                if sect is not None:
                    previous = self._section(sect, current, previous)
                    self.sections.append(previous)
                    current = []
            elif child.tag == w("tbl"):
                info = self.table_info(child)
                self.blocks.append(info)
                current.append(info)
            elif child.tag == w("sectPr"):
                previous = self._section(child, current, previous)
                self.sections.append(previous)
                current = []

    # ------------------------------------------------------------------ views

    @property
    def tables(self) -> list[TableInfo]:
        """The top-level tables, in document order."""
        return [b for b in self.blocks if isinstance(b, TableInfo)]

    def paragraphs(self) -> list[ParaInfo]:
        """Every body paragraph in document order, those inside tables included (row by row)."""
        out: list[ParaInfo] = []
        for block in self.blocks:
            if isinstance(block, ParaInfo):
                out.append(block)
            else:
                for row in block.rows:
                    for cell in row.cells:
                        out.extend(cell.paragraphs)
        return out

    def all_runs(self) -> list[RunInfo]:
        """Runs of the body (tables included) and of every header part."""
        runs = [r for p in self.paragraphs() for r in p.runs]
        seen = set()
        for section in self.sections:
            for header in section.headers.values():
                if header is not None and header.partname not in seen:
                    seen.add(header.partname)
                    runs += [r for p in header.paragraphs for r in p.runs]
        return runs

    def all_text_elements(self) -> list[str]:
        """The text of every ``w:t`` of the document and its header/footer parts (raw XML)."""
        out = []
        for name in self.part_names():
            if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", name):
                root = self.part_xml(name)
                out += [t.text or "" for t in root.iter(w("t"))]
        return out


def text_width_twips(section: SectionInfo) -> int:
    """The width between the margins of a section, in twips."""
    return section.page_w - section.margins["left"] - section.margins["right"]


def normalise_space(text: str) -> str:
    return " ".join(text.split())


# --------------------------------------------------------------------------- PDF

PDF_TOOLS = ("pdftotext", "pdfinfo")


def missing_pdf_tools() -> list[str]:
    """Names of the programs needed for the PDF checks that are not installed."""
    from cchc_plan.docx.pdf import find_soffice

    missing = [] if find_soffice() is not None else ["soffice (LibreOffice)"]
    return missing + [t for t in PDF_TOOLS if shutil.which(t) is None]


def to_pdf(docx_path: str | Path, pdf_path: str | Path) -> Path:
    """Convert with the library's own :func:`cchc_plan.docx.pdf.convert_to_pdf`."""
    from cchc_plan.docx.pdf import convert_to_pdf

    return convert_to_pdf(docx_path, pdf_path)


def pdf_page_count(pdf: str | Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))


def pdf_page_sizes(pdf: str | Path) -> list[tuple[float, float]]:
    """(width, height) in points of every page, from ``pdfinfo``."""
    n = pdf_page_count(pdf)
    out = subprocess.run(["pdfinfo", "-f", "1", "-l", str(n), str(pdf)],
                         capture_output=True, text=True, check=True).stdout
    sizes = [(float(a), float(b)) for a, b in
             re.findall(r"^Page\s+\d+\s+size:\s+([\d.]+)\s+x\s+([\d.]+)", out, re.M)]
    assert len(sizes) == n, out
    return sizes


def pdf_pages_text(pdf: str | Path) -> list[str]:
    """``pdftotext -layout`` of each page."""
    n = pdf_page_count(pdf)
    pages = []
    for i in range(1, n + 1):
        pages.append(subprocess.run(
            ["pdftotext", "-layout", "-enc", "UTF-8", "-f", str(i), "-l", str(i), str(pdf), "-"],
            capture_output=True, text=True, check=True).stdout)
    return pages


def first_line(page_text: str) -> str:
    """The first non-blank line of a page's text, stripped."""
    for line in page_text.splitlines():
        if line.strip():
            return line.strip()
    return ""


def pdf_page_words(pdf: str | Path) -> list[list[str]]:
    """The words of each page as poppler cuts them (``pdftotext -bbox``): a word broken across
    two lines of a cell prints as two words."""
    out = subprocess.run(["pdftotext", "-bbox", "-enc", "UTF-8", str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    root = etree.fromstring(out.encode("utf-8"))  # XHTML
    xhtml = "{http://www.w3.org/1999/xhtml}"
    return [[(word.text or "") for word in page.iter(f"{xhtml}word")]
            for page in root.iter(f"{xhtml}page")]
