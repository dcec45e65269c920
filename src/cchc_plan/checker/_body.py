"""Checks of ô 6, 7, 9a and 9b: body paragraphs, headings, Kính gửi, Nơi nhận and the signer."""

from __future__ import annotations

import re

from ..docx.rules import limit
from ..vnformat import point_letter
from ._document import Doc, Para
from ._findings import Findings, Tally, fmt_number, range_text
from ._header import describe_style, sizes, where_of
from ._structure import Layout

__all__ = ["check_body", "check_end"]

_JUSTIFIED = {"both", "distribute", "thaiDistribute", "lowKashida", "mediumKashida", "highKashida",
              "justify"}
_ALIGN_WORDS = {"left": "căn trái", "start": "căn trái", "center": "canh giữa", "right": "căn phải",
                "end": "căn phải"}
_TWIPS_PER_CM = 1440 / 2.54
_INDENT_TOLERANCE_CM = 0.02
_LINE_TOLERANCE = 0.02
_EXACT_TOLERANCE = 0.05
_SINGLE_LINE_EM = 1.15
"""Height of a single line of Times New Roman, in ems (ascent + descent + line gap)."""
_ROMAN = re.compile(r"^([IVXLC]+)\.\s+(\S.*)$")
_ARABIC = re.compile(r"^\d+(\.\d+)*\.?\s")
_POINT = re.compile(r"^([a-zđ]{1,2})\)\s")
_TITLES = re.compile(r"^(GS|PGS|TS|TSKH|ThS|KS|BS|CN|DS|NCS|Giáo sư|Phó giáo sư|Tiến sĩ|Thạc sĩ|Kỹ sư|"
                     r"Bác sĩ|Cử nhân|Dược sĩ)(\s*\.\s*|\s+)(?=\S)", re.IGNORECASE)
_AS_ABOVE = "- Như trên;"
_DELEGATION = re.compile(r"^(TM|KT|TL|TUQ)\s*\.\s*")
_OWN_POSITION = re.compile(r"(PHÓ\s+)?(CHỦ TỊCH|GIÁM ĐỐC|CHÁNH VĂN PHÒNG|CHÁNH THANH TRA|TRƯỞNG PHÒNG|"
                           r"TRƯỞNG BAN|BỘ TRƯỞNG|THỦ TRƯỞNG|CHỦ NHIỆM|TRƯỞNG|CHÁNH)$")
_LETTERS = [point_letter(i) for i in range(60)]


def _emphasised(p: Para) -> bool:
    """The whole paragraph is bold or italic (a heading, not an item of content)."""
    inked = [piece for piece in p.pieces if piece.text.strip()]
    return bool(inked) and (all(piece.props.bold for piece in inked) or all(piece.props.italic for piece in inked))


def check_body(doc: Doc, found: Layout, findings: Findings) -> None:
    """Body paragraphs (justified, indent, spacing, line spacing, size), headings, Kính gửi."""
    _addressees(found, findings)
    body = found.body
    align = Tally("ND30-BODY-ALIGN")
    indent = Tally("ND30-BODY-INDENT")
    spacing = Tally("ND30-BODY-SPACING")
    line = Tally("ND30-BODY-LINE-SPACING")
    size = Tally("ND30-BODY-SIZE")
    roman = Tally("ND30-HEADING-ROMAN")
    points = Tally("ND30-HEADING-POINTS")
    in_body = {id(p) for p in body}
    indent_rule = limit("first_line_indent_cm")
    spacing_rule = limit("space_before_pt")
    line_rule = limit("line_spacing")
    size_rule = limit("body_pt")
    next_point: dict[bool, int] = {}
    for p in body:
        props = p.props
        if props.jc not in _JUSTIFIED:
            align.add(p.where, _ALIGN_WORDS.get(props.jc, props.jc))
        cm = props.first_line / _TWIPS_PER_CM
        if not (indent_rule.low - _INDENT_TOLERANCE_CM <= cm <= indent_rule.high + _INDENT_TOLERANCE_CM):
            shown = f"treo {fmt_number(-cm)} cm" if cm < 0 else f"lùi {fmt_number(cm)} cm"
            indent.add(p.where, f"đầu dòng {shown}")
        previous = doc.paras[p.index - 2] if p.index >= 2 else None
        if previous is not None and id(previous) in in_body:
            gap = _gap(previous, p)
            if gap < spacing_rule.low:
                spacing.add(p.where, f"cách đoạn trước {fmt_number(gap)} pt")
        found_sizes = sizes(p.pieces)
        lines = _line_multiple(p, max(found_sizes, default=14.0))
        if lines is not None and not (line_rule.low - lines[1] <= lines[0] <= line_rule.high + lines[1]):
            line.add(p.where, lines[2])
        bad = sorted(s for s in found_sizes if not size_rule.allows(s))
        if bad:
            size.add(p.where, "cỡ chữ " + ", ".join(f"{fmt_number(s)} pt" for s in bad))
        text = p.text
        m = _ROMAN.match(text)
        if m:
            problems = describe_style(p.pieces, bold=True, caps=True, text=m[2])
            if problems:
                roman.add(p.where, ", ".join(problems))
            next_point.clear()
        elif _ARABIC.match(text):
            next_point.clear()
        else:
            point = _POINT.match(text)
            if point:
                # Lettered headings and lettered items of content count apart; "a)" starts a list anew.
                kind = _emphasised(p)
                expected = point_letter(next_point.get(kind, 0))
                if point[1] not in (expected, "a"):
                    points.add(p.where, f"điểm “{point[1]})” ở vị trí của “{expected})”")
                next_point[kind] = _LETTERS.index(point[1]) + 1 if point[1] in _LETTERS \
                    else next_point.get(kind, 0) + 1
    expected_size = f"{size_rule.what}: {range_text(size_rule)}"
    align.emit(findings)
    indent.expected = f"lùi đầu dòng {range_text(indent_rule)}"
    indent.emit(findings)
    spacing.expected = f"tối thiểu {fmt_number(spacing_rule.low)} pt giữa các đoạn"
    spacing.emit(findings)
    line.expected = f"từ {fmt_number(line_rule.low)} đến {fmt_number(line_rule.high)} dòng"
    line.emit(findings)
    size.expected = expected_size
    size.emit(findings)
    roman.emit(findings)
    points.emit(findings)
    if body and (found.recipients_label is not None or found.authority):
        last = body[-1]
        if not last.text.rstrip().endswith("./."):
            findings.add("ND30-CLOSING-MARK", last.where, f"kết thúc bằng “{last.text.rstrip()[-8:]}”",
                         "kết thúc bằng “./.”")


def _gap(previous: Para, p: Para) -> float:
    """Points between two paragraphs: the first's space after plus the second's space before."""
    after = 280 if previous.props.after_auto else previous.props.after
    before = 280 if p.props.before_auto else p.props.before
    if p.props.style_id is not None and p.props.style_id == previous.props.style_id:
        if previous.props.contextual:
            after = 0
        if p.props.contextual:
            before = 0
    return (after + before) / 20


def _line_multiple(p: Para, size_pt: float) -> tuple[float, float, str] | None:
    """``(lines, tolerance, description)`` of the paragraph's line spacing."""
    props = p.props
    if props.line_rule == "auto":
        lines = props.line / 240
        return lines, _LINE_TOLERANCE, f"giãn dòng {fmt_number(lines)} dòng"
    if props.line <= 0:
        return None
    single = size_pt * _SINGLE_LINE_EM
    lines = props.line / 20 / single
    if props.line_rule == "atLeast":
        lines = max(1.0, lines)
        word = "tối thiểu"
    else:
        word = "chính xác"
    return lines, _EXACT_TOLERANCE, (f"giãn dòng {word} {fmt_number(props.line / 20)} pt "
                                     f"(≈ {fmt_number(lines)} dòng với chữ {fmt_number(size_pt)} pt)")


def _addressees(found: Layout, findings: Findings) -> None:
    paras = found.addressees
    if not paras:
        return
    first = paras[0]
    text = first.text
    where = first.where
    problems: list[str] = []
    if not text.startswith("Kính gửi:"):
        problems.append(f"viết “{text[:9]}” thay cho “Kính gửi:”")
    rest = text.split(":", 1)[1].strip() if ":" in text else ""
    items = ([rest] if rest else []) + [p.text for p in paras[1:]]
    if len(items) > 1:
        for i, item in enumerate(items):
            end = "." if i == len(items) - 1 else ";"
            if not item.startswith("- ") or not item.endswith(end):
                problems.append(f"dòng “{item[:30]}” phải bắt đầu “- ” và kết thúc “{end}”")
    elif not items:
        problems.append("không có tên nơi nhận sau “Kính gửi:”")
    if problems:
        findings.add("ND30-ADDRESSEE", where, "; ".join(problems))
    findings.size("ND30-ADDRESSEE-SIZE", where, set().union(*(sizes(p.pieces) for p in paras)))


def check_end(doc: Doc, found: Layout, findings: Findings) -> None:
    """Nơi nhận (ô 9b) beside the authority line, its items, and the signer (ô 7)."""
    del doc
    _signer(found, findings)
    label = found.recipients_label
    if label is None:
        findings.add("ND30-RECIPIENTS", "cuối văn bản", "không có “Nơi nhận:”")
        return
    line, seg = label
    where = where_of(line, seg)
    problems = describe_style(seg.pieces, bold=True, italic=True)
    if seg.text != "Nơi nhận:":
        problems.insert(0, f"viết “{seg.text}”")
    if problems:
        findings.add("ND30-RECIPIENTS-LABEL", where, ", ".join(problems), "“Nơi nhận:” nghiêng, đậm")
    findings.size("ND30-RECIPIENTS-LABEL-SIZE", where, sizes(seg.pieces))
    _position(found, findings)
    items = found.recipients
    tally = Tally("ND30-RECIPIENTS-ITEMS")
    for item in items[:-1]:
        text = item.text
        if not re.match(r"^- \S", text) or not text.endswith(";"):
            tally.add(where_of(item), f"“{text}”")
    tally.emit(findings, "dòng")
    if not items:
        findings.add("ND30-RECIPIENTS-END", where, "không có dòng nơi nhận nào dưới “Nơi nhận:”",
                     "dòng cuối “- Lưu: VT, …”")
    else:
        last = items[-1].text
        if not re.match(r"^- Lưu\s*:\s*VT\b", last) or not last.endswith("."):
            findings.add("ND30-RECIPIENTS-END", where_of(items[-1]), f"“{last}”",
                         "“- Lưu: VT, <đơn vị soạn thảo>.”")
        findings.size("ND30-RECIPIENTS-SIZE", where_of(items[0]),
                      set().union(*(sizes(i.pieces) for i in items)))
        if found.addressees and items[0].text != _AS_ABOVE:
            findings.add("ND30-RECIPIENTS-AS-ABOVE", where_of(items[0]), f"“{items[0].text}”",
                         f"“{_AS_ABOVE}” (văn bản có “Kính gửi”)")


def _position(found: Layout, findings: Findings) -> None:
    assert found.recipients_label is not None
    if not found.authority:
        return
    label_line, label_seg = found.recipients_label
    authority_line = found.authority[0][0]
    where = where_of(label_line, label_seg)
    a, b = label_line.para.cell, authority_line.para.cell
    below = found.name if found.name is not None else found.authority[-1][0]
    if label_line.para.index > below.para.index or (
            label_line.para.index == below.para.index and label_line.number > below.number):
        findings.add("ND30-RECIPIENTS-POSITION", where, "“Nơi nhận” ở dưới chữ ký (dưới họ tên người ký)")
    elif a is not None and b is not None:
        if a.table != b.table or a.row != b.row:
            findings.add("ND30-RECIPIENTS-POSITION", where,
                         "“Nơi nhận” không cùng hàng bảng với dòng quyền hạn, chức vụ người ký")
        elif a.column >= b.column:
            findings.add("ND30-RECIPIENTS-POSITION", where, "“Nơi nhận” ở bên phải chữ ký")
    elif label_line is not authority_line:
        findings.add("ND30-RECIPIENTS-POSITION", where,
                     "“Nơi nhận” không ngang hàng với dòng quyền hạn, chức vụ người ký")


def _signer(found: Layout, findings: Findings) -> None:
    if not found.authority:
        findings.add("ND30-SIGNER-AUTHORITY", "cuối văn bản",
                     "không tìm thấy dòng quyền hạn, chức vụ người ký",
                     "“TM. ỦY BAN NHÂN DÂN” / “CHỦ TỊCH” (in hoa, đậm)")
        return
    tally = Tally("ND30-SIGNER-AUTHORITY")
    all_sizes: set[float] = set()
    for line, seg in found.authority:
        problems = describe_style(seg.pieces, bold=True, caps=True, text=seg.text)
        if problems:
            tally.add(where_of(line, seg), ", ".join(problems))
        all_sizes |= sizes(seg.pieces)
    tally.emit(findings, "dòng")
    _position_line(found, findings)
    name = found.name
    if name is None:
        findings.add("ND30-SIGNER-NAME", where_of(*found.authority[-1]),
                     "không tìm thấy họ tên người ký dưới chức vụ")
    else:
        segment = name.segments[-1]
        where = where_of(name, segment)
        problems = describe_style(segment.pieces, bold=True, italic=False)
        if problems:
            findings.add("ND30-SIGNER-NAME", where, ", ".join(problems))
        title = _TITLES.match(segment.text)
        if title:
            findings.add("ND30-SIGNER-TITLE", where, f"“{title[0].strip()}” trước họ tên “{segment.text}”",
                         "chỉ ghi họ và tên")
        all_sizes |= sizes(segment.pieces)
    findings.size("ND30-SIGNER-SIZE", where_of(*found.authority[0]), all_sizes)


def _position_line(found: Layout, findings: Findings) -> None:
    """After TM./KT./TL./TUQ. the signer's own position has a line of its own (Q. is one line)."""
    line, seg = found.authority[0]
    prefix = _DELEGATION.match(seg.text)
    if prefix is None or len(found.authority) > 1:
        return
    where = where_of(line, seg)
    rest = seg.text[prefix.end():].strip()
    own = _OWN_POSITION.search(rest)
    if own is not None and own.start() > 0:
        findings.add("ND30-SIGNER-POSITION", where,
                     f"quyền hạn và chức vụ viết chung một dòng “{seg.text}”",
                     f"“{seg.text[:prefix.end()].strip()} {rest[:own.start()].strip()}” / “{own[0]}” trên hai dòng")
    else:
        findings.add("ND30-SIGNER-POSITION", where,
                     f"không có dòng chức vụ của người ký dưới “{seg.text}”")
