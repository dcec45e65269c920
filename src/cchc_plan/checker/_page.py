"""Checks of the page (§1): paper, margins, fonts, colour, page numbers, appendices."""

from __future__ import annotations

import math
from collections import defaultdict

from ..docx.rules import check_rule, limit
from ..docx.textwidth import text_width_pt
from ._document import Doc, HeaderPart, Para, Section
from ._styles import w
from ._findings import Findings, fmt_number, range_text
from ._header import describe_style, reference_mismatch, sizes, where_of
from ._structure import Layout, fuzzy

__all__ = ["check_appendices", "check_fonts", "check_page", "check_page_numbers"]

_TWIPS_PER_MM = 1440 / 25.4
_A4_TEXT_HEIGHT_PT = (297 - 20 - 20) / 25.4 * 72
_LINE_EM = 1.25
"""Height of a line in ems when estimating a page (generous: Times New Roman needs about 1.15)."""
_EMPTY_LINE_PT = 14.0
_NARROW_PT = 100.0
"""Width assumed for a paragraph whose width is unknown (a text box): narrow, so lines are many."""
_ONE_PAGE_SHARE = 0.85
"""A section is taken for one page only when its estimated height is under this share of a page."""
_MARGIN_TOLERANCE_MM = 0.1
_FONT = "Times New Roman"
_PAPERS = {(215.9, 279.4): "Letter", (215.9, 355.6): "Legal", (297.0, 420.0): "A3",
           (148.0, 210.0): "A5", (176.0, 250.0): "B5"}
_MARGINS = (("top", "ND30-MARGIN-TOP", "trên"), ("bottom", "ND30-MARGIN-BOTTOM", "dưới"),
            ("left", "ND30-MARGIN-LEFT", "trái"), ("right", "ND30-MARGIN-RIGHT", "phải"))


def _sections_text(numbers: list[int]) -> str:
    return "phần " + ", ".join(str(n + 1) for n in numbers)


def check_page(doc: Doc, findings: Findings) -> None:
    """Paper size and margins of every section (the same departure in several sections once)."""
    grouped: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    width_rule, height_rule = limit("page_width_mm"), limit("page_height_mm")
    for section in doc.sections:
        if section.width is None or section.height is None:
            grouped[("ND30-PAGE-SIZE", "không khai báo khổ giấy (phần mềm tự chọn, thường là Letter)",
                     "A4 210 × 297 mm")].append(section.index)
        else:
            w_mm, h_mm = section.width / _TWIPS_PER_MM, section.height / _TWIPS_PER_MM
            short, long = sorted((w_mm, h_mm))
            if not (width_rule.allows(short) and height_rule.allows(long)):
                name = next((n for (a, b), n in _PAPERS.items()
                             if abs(a - short) < 1.5 and abs(b - long) < 1.5), None)
                shown = f"{fmt_number(w_mm)} × {fmt_number(h_mm)} mm" + (f" ({name})" if name else "")
                grouped[("ND30-PAGE-SIZE", shown, "A4 210 × 297 mm (±1 mm)")].append(section.index)
        for side, rule_id, word in _MARGINS:
            bounds = limit(check_rule(rule_id).numeric or "")
            value = section.margins.get(side)
            expected = f"lề {word} {range_text(bounds)}"
            if value is None:
                grouped[(rule_id, f"không khai báo lề {word}", expected)].append(section.index)
                continue
            mm = abs(value) / _TWIPS_PER_MM
            if not (bounds.low - _MARGIN_TOLERANCE_MM <= mm <= bounds.high + _MARGIN_TOLERANCE_MM):
                grouped[(rule_id, f"lề {word} {fmt_number(mm)} mm", expected)].append(section.index)
    for (rule_id, found, expected), numbers in grouped.items():
        findings.add(rule_id, _sections_text(numbers), found, expected, count=len(numbers))


def _all_paras(doc: Doc) -> list[Para]:
    out = list(doc.paras)
    seen: set[str] = set()
    for section in doc.sections:
        for part in (*section.headers.values(), *section.footers.values()):
            if part is not None and part.rid not in seen:
                seen.add(part.rid)
                out.extend(part.paras)
    return out


def check_fonts(doc: Doc, findings: Findings) -> None:
    """Every run with text in Times New Roman, black: each wrong font once, with a count."""
    fonts: dict[str, tuple[int, str]] = {}
    colours: dict[str, tuple[int, str]] = {}
    undeclared: tuple[int, str] | None = None
    # What a run's formatting says, worked out once per formatting (runs share a few): its fonts
    # when they do not depend on the characters, the fonts to report, its colour when not black.
    seen: dict[int, tuple[frozenset[str | None] | None, str | None]] = {}
    wrong: dict[str | None, bool] = {}
    for para in _all_paras(doc):
        for piece in para.pieces:
            text = piece.text
            if not text.strip():
                continue
            props = piece.props
            known = seen.get(id(props))
            if known is None:
                colour: str | None = (props.color or "auto").strip().upper()
                known = seen[id(props)] = (props.uniform_fonts(), None if colour in ("AUTO", "000000") else colour)
            names = known[0] if known[0] is not None else props.fonts_of(text)
            for name in names:
                bad = wrong.get(name)
                if bad is None:
                    bad = wrong[name] = name is None or name.strip().casefold() != _FONT.casefold()
                if not bad:
                    continue
                if name is None:
                    count, first = undeclared or (0, "")
                    undeclared = (count + 1, first or para.where)
                else:
                    count, first = fonts.get(name, (0, ""))
                    fonts[name] = (count + 1, first or para.where)
            colour = known[1]
            if colour is not None:
                count, first = colours.get(colour, (0, ""))
                colours[colour] = (count + 1, first or para.where)
    for name, (count, where) in fonts.items():
        note = ""
        if fuzzy(name).startswith("vn") or name.upper().startswith("VNI"):
            note = " — phông bảng mã TCVN3/VNI, không phải Unicode"
        findings.add("ND30-FONT", f"{where} (chỗ đầu tiên)", f"phông “{name}” ở {count} đoạn chữ (run){note}",
                     f"phông “{_FONT}”", count=count)
    if undeclared is not None:
        count, where = undeclared
        findings.add("ND30-FONT-UNDECLARED", f"{where} (chỗ đầu tiên)",
                     f"{count} đoạn chữ (run) không khai báo phông ở đâu cả",
                     f"khai báo phông “{_FONT}” (kiểu Normal hoặc mặc định của văn bản)", count=count)
    for colour, (count, where) in colours.items():
        findings.add("ND30-FONT-COLOR", f"{where} (chỗ đầu tiên)",
                     f"chữ màu #{colour} ở {count} đoạn chữ (run)", "chữ màu đen", count=count)


def _footer_has_page(section: Section) -> bool:
    return any(part is not None and part.page_fields for part in section.footers.values())


def _para_height_pt(para: Para) -> float:
    """A generous estimate of the height a paragraph takes on the page, in points."""
    props = para.props
    height = (280 if props.before_auto else props.before) / 20 + (280 if props.after_auto else props.after) / 20
    width = para.avail_pt or 0.0
    empty_size = max((p.props.size_pt for p in para.pieces), default=_EMPTY_LINE_PT)
    for line in para.lines:
        size = max((p.props.size_pt for p in line.pieces), default=empty_size)
        printed = sum(text_width_pt(p.shown, p.props.size_pt, bold=p.props.bold, italic=p.props.italic)
                      for p in line.pieces)
        rows = max(1, math.ceil(printed / (width if width > 0 else _NARROW_PT)))
        if props.line_rule == "auto":
            step = size * _LINE_EM * max(props.line / 240, 1.0)
        else:
            step = max(props.line / 20, size * _LINE_EM if props.line_rule == "atLeast" else 0.0)
        height += rows * step
    return height


def _breaks_page(para: Para) -> bool:
    element = para.element
    ppr = element.find(w("pPr"))
    if ppr is not None and ppr.find(w("pageBreakBefore")) is not None:
        return True
    return any(br.get(w("type")) == "page" for br in element.iter(w("br")))


def _fits_one_page(doc: Doc, section: Section) -> bool:
    """Whether the section's text is sure to fit on one page (estimated generously)."""
    paras = [p for p in doc.section_paras(section.index) if p.index > 0]
    if any(_breaks_page(p) for p in paras):
        return False
    if section.height and all(section.margins.get(k) is not None for k in ("top", "bottom")):
        area = (section.height - abs(section.margins["top"] or 0) - abs(section.margins["bottom"] or 0)) / 20
    else:
        area = _A4_TEXT_HEIGHT_PT
    height = 0.0
    rows: dict[tuple[int, int], dict[int, float]] = {}
    for p in paras:
        if p.cell is None:
            height += _para_height_pt(p)
        else:
            cells = rows.setdefault((p.cell.table, p.cell.row), {})
            cells[p.cell.column] = cells.get(p.cell.column, 0.0) + _para_height_pt(p)
    height += sum(max(cells.values()) + 2 for cells in rows.values())
    return height < area * _ONE_PAGE_SHARE


def check_page_numbers(doc: Doc, findings: Findings) -> None:
    """A PAGE field centred in the header of every section, 13–14 pt, hidden on page 1.

    A section that has a different first page and surely fits on that one page never shows
    its other header, so it needs none (LibreOffice drops such a header when it saves).
    """
    missing: list[int] = []
    in_footer: list[int] = []
    checked: set[str] = set()
    for section in doc.sections:
        header = section.headers.get("default")
        if header is None or not header.page_fields:
            if section.title_page and _fits_one_page(doc, section):
                continue
            (in_footer if _footer_has_page(section) else missing).append(section.index)
            continue
        if header.rid not in checked:
            checked.add(header.rid)
            _page_field_format(header, section, findings)
        if section.page_format not in (None, "decimal"):
            findings.add("ND30-PAGE-NUMBER-STYLE", f"phần {section.index + 1}",
                         f"kiểu số trang “{section.page_format}”", "chữ số Ả Rập (1, 2, 3 …)")
    if missing:
        findings.add("ND30-PAGE-NUMBER", _sections_text(missing), "không có số trang (trường PAGE) ở "
                     "đầu trang", count=len(missing))
    if in_footer:
        findings.add("ND30-PAGE-NUMBER", _sections_text(in_footer), "số trang ở chân trang (lề dưới)",
                     "số trang ở giữa lề trên (đầu trang)", count=len(in_footer))
    if not doc.sections:
        return
    first = doc.sections[0]
    default = first.headers.get("default")
    shows = default is not None and bool(default.page_fields) or _footer_has_page(first)
    if not shows:
        return
    if not first.title_page:
        findings.add("ND30-PAGE-NUMBER-FIRST", "phần 1", "số trang hiện cả ở trang thứ nhất "
                     "(chưa chọn “Different First Page”)", "trang thứ nhất không có số trang")
    else:
        first_header = first.headers.get("first") if "first" in first.own_headers else None
        first_footer = first.footers.get("first") if "first" in first.own_headers else None
        for part in (first_header, first_footer):
            if part is not None and part.page_fields:
                findings.add("ND30-PAGE-NUMBER-FIRST", f"{part.paras[0].where_prefix}",
                             "đầu trang của trang thứ nhất có số trang", "trang thứ nhất không có số trang")


def _page_field_format(header: HeaderPart, section: Section, findings: Findings) -> None:
    para, props = header.page_fields[0]
    where = f"{para.where_prefix}, phần {section.index + 1}"
    problems: list[str] = []
    if para.props.jc != "center" and not (para.props.center_tab and "\t" in "".join(
            p.text for p in para.pieces)):
        problems.append({"left": "căn trái", "start": "căn trái", "right": "căn phải",
                         "end": "căn phải"}.get(para.props.jc, para.props.jc))
    if any(p.italic for p in props):
        problems.append("in nghiêng")
    if problems:
        findings.add("ND30-PAGE-NUMBER-STYLE", where, ", ".join(problems))
    bounds = limit("page_number_pt")
    found = {p.size_pt for p in props}
    if any(not bounds.allows(s) for s in found):
        findings.add("ND30-PAGE-NUMBER-SIZE", where,
                     "cỡ chữ " + ", ".join(f"{fmt_number(s)} pt" for s in sorted(found)),
                     f"{bounds.what}: {range_text(bounds)}")


def check_appendices(doc: Doc, found: Layout, findings: Findings) -> None:
    """Each appendix: heading, title, reference line, and its own page numbering."""
    for appendix in found.appendices:
        heading = appendix.heading
        segment = heading.segments[0] if heading.segments else None
        where = where_of(heading)
        text = heading.text
        problems = describe_style(heading.pieces, bold=True, italic=False)
        if not text.startswith("Phụ lục"):
            problems.insert(0, f"viết “{text[:7]}” thay cho “Phụ lục” (chữ in thường)")
        if heading.para.props.jc != "center":
            problems.append("không canh giữa")
        if len(heading.para.lines) == 1 and segment is not None and len(text.split()) > 4:
            problems.append("không trên một dòng riêng")
        if problems:
            findings.add("ND30-APPENDIX-HEADING", where, ", ".join(problems))
        findings.size("ND30-APPENDIX-HEADING-SIZE", where, sizes(heading.pieces))
        if not appendix.title:
            findings.add("ND30-APPENDIX-TITLE", where, "không có tên phụ lục dưới từ “Phụ lục”")
        else:
            title_problems: list[str] = []
            for line in appendix.title:
                title_problems += describe_style(line.pieces, bold=True, italic=False, caps=True,
                                                 text=line.text)
            if title_problems:
                findings.add("ND30-APPENDIX-TITLE", where_of(appendix.title[0]),
                             ", ".join(dict.fromkeys(title_problems)))
            findings.size("ND30-APPENDIX-TITLE-SIZE", where_of(appendix.title[0]),
                          set().union(*(sizes(line.pieces) for line in appendix.title)))
        if appendix.reference is None:
            findings.add("ND30-APPENDIX-REFERENCE", where, "không có dòng “(Kèm theo …)” dưới tên phụ lục")
        else:
            ref = appendix.reference
            ref_problems = describe_style(ref.pieces, italic=True)
            if ref_problems:
                findings.add("ND30-APPENDIX-REFERENCE", where_of(ref), ", ".join(ref_problems))
            findings.size("ND30-APPENDIX-REFERENCE-SIZE", where_of(ref), sizes(ref.pieces))
            mismatch = reference_mismatch(found, ref.text)
            if mismatch:
                findings.add("ND30-APPENDIX-REFERENCE-MATCH", where_of(ref), "; ".join(mismatch))
        if not appendix.section_start:
            findings.add("ND30-APPENDIX-PAGE-RESTART", where,
                         "phụ lục không bắt đầu một phần (section) riêng nên không đánh số trang riêng",
                         "ngắt phần (Section Break) trước phụ lục, số trang bắt đầu từ 1")
        else:
            section = doc.sections[appendix.section]
            if section.page_start != 1:
                shown = "không đánh lại số trang" if section.page_start is None else \
                    f"số trang bắt đầu từ {section.page_start}"
                findings.add("ND30-APPENDIX-PAGE-RESTART", f"phần {appendix.section + 1} ({where})",
                             shown, "số trang của phụ lục bắt đầu từ 1")
