"""Checks of ô 1–5a: Quốc hiệu, Tiêu ngữ, agency, number, date, type, subject and the three rules."""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable

from ..model.plan import DocType
from ..docx.rules import SIZE_PAIRS, limit
from ..docx.textwidth import text_width_pt
from ._document import Doc, Line, Para, Piece, Segment, excerpt
from ._findings import Findings, Tally, fmt_number, range_text
from ._styles import w
from ._structure import MOTTO, NATIONAL_TITLE, TYPE_NAMES, Layout, is_caps, typed_rule

__all__ = ["check_header", "describe_style", "reference_mismatch", "sizes", "where_of"]

_CODES = {t.value for t in DocType}
_OLD_CODES = {"GN", "TTH", "UQ", "NP"}
_NUMBER = re.compile(r"^(?P<so>\S+?)\s*(?P<colon>[:.]?)\s*(?P<serial>\d*)\s*/\s*(?P<code>[^\s/-]+)"
                     r"\s*-\s*(?P<issuer>.+)$")
_DATE = re.compile(r"^(?P<place>[^,]*?)\s*(?P<comma>,?)\s*(?P<ngay>ngày)\s*(?P<d>\S*?)\s*"
                   r"(?P<thang>tháng)\s*(?P<m>\S*?)\s*(?P<nam>năm)\s*(?P<y>\S*)$", re.IGNORECASE)
_REFERENCE_CHARS = 400
"""The number and date of a "(Kèm theo … số … ngày …)" line are near its start: only that much
is searched."""
_PLACEHOLDER = re.compile(r"^[.…_\s]*$")
_REF_NUMBER = re.compile(r"\bsố\s*:?\s*(?P<number>[\d.…_ ]*/\s*[^\s,;)]+)", re.IGNORECASE)
_REF_DATE = re.compile(r"\bngày\s*(?P<d>[\d.…_]*)\s*(?:tháng\s*(?P<m>[\d.…_]*)\s*năm\s*|/\s*(?P<m2>\d{1,2})\s*/\s*)"
                       r"(?P<y>\d{4})", re.IGNORECASE)
_TOP = "phần đầu văn bản (ô 1–4)"


def sizes(pieces: Iterable[Piece]) -> set[float]:
    """The sizes of the pieces with ink."""
    return {p.props.size_pt for p in pieces if p.text.strip()}


def where_of(line: Line, segment: Segment | None = None) -> str:
    """Where a line (or a tab-separated part of it) is."""
    text = segment.text if segment is not None else line.text
    if not text:
        return line.para.where
    return f"{line.para.where_prefix} “{excerpt(text)}”"


def describe_style(pieces: tuple[Piece, ...], *, bold: bool | None = None, italic: bool | None = None,
                   caps: bool | None = None, text: str = "") -> list[str]:
    """What differs from the wanted emphasis, in words (empty when nothing does)."""
    inked = [p for p in pieces if p.text.strip()]
    if not inked:
        return []
    out: list[str] = []
    if bold is True and not all(p.props.bold for p in inked):
        out.append("không đậm" if not any(p.props.bold for p in inked) else "có chỗ không đậm")
    if bold is False and any(p.props.bold for p in inked):
        out.append("in đậm")
    if italic is True and not all(p.props.italic for p in inked):
        out.append("không nghiêng" if not any(p.props.italic for p in inked) else "có chỗ không nghiêng")
    if italic is False and any(p.props.italic for p in inked):
        out.append("in nghiêng")
    if caps is True and not is_caps(text):
        out.append("không in hoa")
    if caps is False and is_caps(text) and len(text.split()) >= 2:
        out.append("in hoa toàn bộ")
    return out


def _style(findings: Findings, rule_id: str, where: str, problems: list[str]) -> None:
    if problems:
        findings.add(rule_id, where, ", ".join(problems))


def _width(pieces: Iterable[Piece]) -> float:
    return sum(text_width_pt(p.shown, p.props.size_pt, bold=p.props.bold, italic=p.props.italic)
               for p in pieces)


def check_header(doc: Doc, found: Layout, findings: Findings, *, issued_with: bool = False) -> None:
    """ô 1–5a and the rules under the Tiêu ngữ, the agency and the subject.

    A document issued with another (``issued_with``) has no number or date of its own.
    """
    _national(found, findings)
    _agency(doc, found, findings)
    if not issued_with:
        _number(found, findings)
        _date(found, findings)
        _number_date_row(found, findings)
        _draft_date(found, findings)
        _pairing(found, findings)
    _title(doc, found, findings)


def _national(found: Layout, findings: Findings) -> None:
    if found.national is None:
        findings.add("ND30-NATIONAL-TITLE", _TOP, "không có Quốc hiệu", f"“{NATIONAL_TITLE}”")
    else:
        line, seg = found.national
        if not found.national_exact:
            findings.add("ND30-NATIONAL-TITLE", where_of(line, seg), f"“{seg.text}”", f"“{NATIONAL_TITLE}”")
        _style(findings, "ND30-NATIONAL-TITLE-STYLE", where_of(line, seg),
               describe_style(seg.pieces, bold=True, italic=False, caps=True, text=seg.text))
        findings.size("ND30-NATIONAL-TITLE-SIZE", where_of(line, seg), sizes(seg.pieces))
    if found.motto is None:
        findings.add("ND30-MOTTO", _TOP, "không có Tiêu ngữ", f"“{MOTTO}”")
        return
    line, seg = found.motto
    if not found.motto_exact:
        findings.add("ND30-MOTTO", where_of(line, seg), f"“{seg.text}”", f"“{MOTTO}”")
    _style(findings, "ND30-MOTTO-STYLE", where_of(line, seg),
           describe_style(seg.pieces, bold=True, italic=False))
    findings.size("ND30-MOTTO-SIZE", where_of(line, seg), sizes(seg.pieces))


def _agency(doc: Doc, found: Layout, findings: Findings) -> None:
    parent_style = Tally("ND30-PARENT-AGENCY-STYLE")
    for line, seg in found.parents:
        problems = describe_style(seg.pieces, bold=False, italic=False, caps=True, text=seg.text)
        if problems:
            parent_style.add(where_of(line, seg), ", ".join(problems))
    parent_style.emit(findings, "dòng")
    if found.parents:
        findings.size("ND30-PARENT-AGENCY-SIZE", where_of(*found.parents[0]),
                      set().union(*(sizes(s.pieces) for _, s in found.parents)))
    if not found.agency:
        findings.add("ND30-AGENCY", _TOP, "không tìm thấy tên cơ quan ban hành")
        return
    style = Tally("ND30-AGENCY-STYLE")
    for line, seg in found.agency:
        problems = describe_style(seg.pieces, bold=True, italic=False, caps=True, text=seg.text)
        if problems:
            style.add(where_of(line, seg), ", ".join(problems))
    style.emit(findings, "dòng")
    findings.size("ND30-AGENCY-SIZE", where_of(*found.agency[0]),
                  set().union(*(sizes(s.pieces) for _, s in found.agency)))
    widest = max(_line_width(line, seg) for line, seg in found.agency)
    _rule(doc, [line for line, _ in found.agency], widest, "ND30-RULE-AGENCY", "agency_rule_ratio",
          findings, label="tên cơ quan ban hành")


def _line_width(line: Line, seg: Segment) -> float:
    width = _width(seg.pieces)
    if line.para.avail_pt:
        width = min(width, line.para.avail_pt)
    return width


def _number(found: Layout, findings: Findings) -> None:
    if found.number is None:
        findings.add("ND30-NUMBER", _TOP, "không tìm thấy dòng “Số: …”", "“Số: 07/KH-UBND”")
        return
    line, seg = found.number
    where = where_of(line, seg)
    text = seg.text
    _style(findings, "ND30-NUMBER-STYLE", where, describe_style(seg.pieces, bold=False, italic=False))
    findings.size("ND30-NUMBER-SIZE", where, sizes(seg.pieces))
    m = _NUMBER.match(text)
    if m is None:
        findings.add("ND30-NUMBER-FORMAT", where, f"“{text}”", "“Số: 07/KH-UBND” (số/tên loại-cơ quan)")
        return
    problems: list[str] = []
    if m["so"] != "Số" or m["colon"] != ":":
        problems.append(f"viết “{m['so']}{m['colon']}” thay cho “Số:”")
    after_so = text[m.end("colon"):]
    if m["serial"] and re.search(r"\d\s+/", after_so) or re.search(r"/\s", after_so):
        problems.append("có dấu cách cạnh dấu “/”")
    if re.search(r"\s-|-\s", text[m.start("code"):]):
        problems.append("có dấu cách cạnh dấu “-”")
    if not is_caps(m["issuer"].replace(" ", "")):
        problems.append(f"ký hiệu cơ quan “{m['issuer']}” không in hoa")
    if problems:
        findings.add("ND30-NUMBER-FORMAT", where, f"“{text}”: " + "; ".join(problems),
                     "“Số: 07/KH-UBND”: “Số:” viết thường, không có dấu cách quanh “/” và “-”")
    serial = m["serial"]
    if serial and (len(serial) < 2 or (len(serial) > 2 and serial.startswith("0"))):
        findings.add("ND30-NUMBER-PADDING", where, f"số “{serial}”", f"số “{int(serial):02d}”")
    code = m["code"]
    wanted = TYPE_NAMES.get(found.doc_type.text.upper()) if found.doc_type is not None else None
    if code not in _CODES:
        near = next((c for c in _CODES if c.upper() == code.upper()), None)
        if near is not None:
            findings.add("ND30-NUMBER-TYPE-CODE", where, f"“{code}”", f"“{near}” (viết đúng hoa thường)")
        elif code.upper() in _OLD_CODES:
            findings.add("ND30-NUMBER-TYPE-CODE", where,
                         f"“{code}” (chữ viết tắt cũ của Thông tư 01/2011, đã bị thay thế)")
        elif found.doc_type is not None:
            findings.add("ND30-NUMBER-TYPE-CODE", where, f"“{code}” không có trong Phụ lục III",
                         f"“{wanted.value}”" if wanted is not None else None)
        return
    if wanted is not None and found.doc_type is not None and code != wanted.value:
        findings.add("ND30-NUMBER-TYPE-MISMATCH", where,
                     f"ký hiệu “{code}” nhưng tên loại là “{found.doc_type.text}”",
                     f"“{wanted.value}” (văn bản là {wanted.title.lower()})")


def _date(found: Layout, findings: Findings) -> None:
    if found.date is None:
        findings.add("ND30-DATE", _TOP, "không tìm thấy dòng địa danh, ngày tháng năm",
                     "“Lộc Bình, ngày 06 tháng 01 năm 2023”")
        return
    line, seg = found.date
    where = where_of(line, seg)
    text = seg.text
    _style(findings, "ND30-DATE-STYLE", where, describe_style(seg.pieces, italic=True))
    findings.size("ND30-DATE-SIZE", where, sizes(seg.pieces))
    m = _DATE.match(text)
    example = "“<Địa danh>, ngày 06 tháng 01 năm 2023”"
    if m is None:
        findings.add("ND30-DATE", where, f"“{text}”", example)
        return
    problems: list[str] = []
    place = m["place"].strip()
    if not place:
        problems.append("thiếu địa danh")
    elif not place[0].isupper():
        problems.append(f"địa danh “{place}” không viết hoa chữ đầu")
    if place and not m["comma"]:
        problems.append("thiếu dấu phẩy sau địa danh")
    for key, word in (("ngay", "ngày"), ("thang", "tháng"), ("nam", "năm")):
        if m[key] != word:
            problems.append(f"“{m[key]}” thay cho “{word}”")
    day, month, year = m["d"], m["m"], m["y"]
    draft = bool(_PLACEHOLDER.match(day)) and bool(_PLACEHOLDER.match(month))
    if not re.fullmatch(r"\d{4}", year):
        problems.append(f"năm “{year}” không phải 4 chữ số")
    elif not draft:
        if not (day.isdigit() and month.isdigit()):
            problems.append(f"ngày, tháng “{day}”, “{month}” không phải số")
        else:
            try:
                _dt.date(int(year), int(month), int(day))
            except ValueError:
                problems.append(f"ngày {day}/{month}/{year} không có thật")
            else:
                pads = []
                if day != f"{int(day):02d}":
                    pads.append(f"ngày “{day}” (đúng: {int(day):02d})")
                good = f"{int(month):02d}" if int(month) < 3 else str(int(month))
                if month != good:
                    pads.append(f"tháng “{month}” (đúng: {good})")
                if pads:
                    findings.add("ND30-DATE-PADDING", where, ", ".join(pads))
    if problems:
        findings.add("ND30-DATE", where, f"“{text}”: " + "; ".join(problems), example)


def _draft_date(found: Layout, findings: Findings) -> None:
    """A number with no serial (a draft) leaves the day and month blank; a numbered one fills them."""
    if found.number is None or found.date is None:
        return
    number_m = _NUMBER.match(found.number[1].text)
    date_m = _DATE.match(found.date[1].text)
    if number_m is None or date_m is None:
        return
    blank = bool(_PLACEHOLDER.match(date_m["d"])) and bool(_PLACEHOLDER.match(date_m["m"]))
    dated = date_m["d"].isdigit() and date_m["m"].isdigit()
    line, seg = found.date
    if not number_m["serial"] and dated:
        findings.add("ND30-DRAFT-DATE", where_of(line, seg),
                     f"số “{found.number[1].text}” chưa có số thứ tự (bản dự thảo) nhưng đã ghi ngày “{seg.text}”",
                     "để trống ngày, tháng (“…, ngày      tháng      năm …”) cho đến khi văn bản được ký "
                     "và cấp số, hoặc ghi cả số thứ tự")
    elif number_m["serial"] and blank:
        findings.add("ND30-DRAFT-DATE", where_of(line, seg),
                     f"văn bản đã có số “{found.number[1].text}” nhưng để trống ngày, tháng “{seg.text}”",
                     "ghi ngày ban hành cùng với số")


def _placed_freely(para: Para) -> bool:
    """The paragraph is in a text box or a frame: where it prints is not known from the text."""
    ppr = para.element.find(w("pPr"))
    if ppr is not None and ppr.find(w("framePr")) is not None:
        return True
    return any(a.tag == w("txbxContent") for a in para.element.iterancestors())


def _number_date_row(found: Layout, findings: Findings) -> None:
    """Số (ô 3) and the place and date (ô 4) side by side on one row."""
    if found.number is None or found.date is None:
        return
    (number, number_seg), (date, _) = found.number, found.date
    if number is date or _placed_freely(number.para) or _placed_freely(date.para):
        return
    a, b = number.para.cell, date.para.cell
    if a is not None and b is not None:
        if a.table == b.table and a.row == b.row:
            return
        shown = "ở hai hàng khác nhau của bảng" if a.table == b.table else "ở hai bảng khác nhau"
    elif a is not None or b is not None:
        shown = "một dòng trong bảng, một dòng ngoài bảng"
    else:
        shown = "ở hai dòng khác nhau"
    findings.add("ND30-NUMBER-DATE-ROW", where_of(number, number_seg),
                 f"số, ký hiệu và ngày tháng {shown}",
                 "“Số: …” bên trái và “<Địa danh>, ngày … tháng … năm …” bên phải, cùng một hàng "
                 "(hai ô của một hàng bảng, hoặc một dòng ngăn bằng tab)")


def _day(text: str | None) -> int | None:
    """A day or month as written (``06``, ``6``), ``None`` when left blank (a draft)."""
    return int(text) if text and text.isdigit() else None


def _real_date(day: tuple[int | None, int | None, int]) -> bool:
    try:
        _dt.date(day[2], day[1] or 0, day[0] or 0)
    except ValueError:
        return False
    return True


def reference_mismatch(found: Layout, reference: str) -> list[str]:
    """How an appendix's "(Kèm theo … số … ngày …)" differs from the header's number and date."""
    out: list[str] = []
    number = found.number[1].text if found.number is not None else ""
    ours = _NUMBER.match(number)
    theirs = _REF_NUMBER.search(reference[:_REFERENCE_CHARS])
    # Only what the header fills in is compared (a draft leaves the number and the day blank),
    # and only the values: how they are written is the header's own checks' business.
    if ours is not None and ours["serial"] and theirs is not None:
        header_number = re.sub(r"\s", "", number[ours.start("serial"):])
        cited = re.sub(r"[\s.…_]", "", theirs["number"])
        serial = cited.partition("/")[0]  # the ký hiệu after "/" has checks of its own
        if not serial.isdigit() or int(serial) != int(ours["serial"]):
            out.append(f"số “{theirs['number'].strip()}” nhưng đầu văn bản là “{header_number}”")
    date = _DATE.match(found.date[1].text) if found.date is not None else None
    cited_date = _REF_DATE.search(reference[:_REFERENCE_CHARS])
    if date is not None and cited_date is not None and re.fullmatch(r"\d{4}", date["y"]):
        header_day = (_day(date["d"]), _day(date["m"]), int(date["y"]))
        month = cited_date["m"] if cited_date["m"] is not None else cited_date["m2"]
        cited_day = (_day(cited_date["d"]), _day(month), int(cited_date["y"]))
        if header_day[0] is None or header_day[1] is None:  # a draft: the year only
            header_day, cited_day = (None, None, header_day[2]), (None, None, cited_day[2])
        elif not _real_date(header_day):
            return out  # reported by the date's own check
        if header_day != cited_day:
            def shown(d: tuple[int | None, int | None, int]) -> str:
                return "/".join("…" if v is None else f"{v:02d}" for v in d[:2]) + f"/{d[2]}"
            out.append(f"ngày {shown(cited_day)} nhưng đầu văn bản ghi ngày {shown(header_day)}")
    return out


def _pairing(found: Layout, findings: Findings) -> None:
    trio = []
    for component, key in ((found.national, "national_title_pt"), (found.motto, "motto_pt"),
                           (found.date, "date_pt")):
        if component is None:
            return
        found_sizes = sizes(component[1].pieces)
        if len(found_sizes) != 1 or not limit(key).allows(next(iter(found_sizes))):
            return
        trio.append(next(iter(found_sizes)))
    if tuple(trio) not in SIZE_PAIRS:
        shown = "/".join(fmt_number(s) for s in trio)
        pairs = " hoặc ".join("/".join(fmt_number(v) for v in p) for p in SIZE_PAIRS)
        assert found.national is not None
        findings.add("ND30-SIZE-PAIRING", where_of(*found.national),
                     f"Quốc hiệu/Tiêu ngữ/ngày tháng cỡ {shown} pt", f"{pairs} pt")


def _title(doc: Doc, found: Layout, findings: Findings) -> None:
    if found.motto is not None:
        line, seg = found.motto
        _rule(doc, [line], _width(seg.pieces), "ND30-RULE-MOTTO", "motto_rule_ratio", findings,
              label="dòng Tiêu ngữ")
    if found.doc_type is None:
        if not found.letter:
            findings.add("ND30-DOC-TYPE", "sau phần đầu văn bản", "không tìm thấy tên loại văn bản",
                         "“KẾ HOẠCH”, “BÁO CÁO” … trên một dòng riêng, in hoa, đậm, canh giữa")
        if found.title_lines:  # the title was not recognised; a typed rule under it still is one
            kind, how, where = _find_rule(doc, found.title_lines[-1])
            if kind == "typed":
                findings.add("ND30-RULE-TYPED", where, str(how),
                             "đường kẻ nét liền dưới dòng trích yếu (viền dưới đoạn văn hoặc đường vẽ)")
        return
    line = found.doc_type
    where = where_of(line)
    _style(findings, "ND30-DOC-TYPE-STYLE", where,
           describe_style(line.pieces, bold=True, italic=False, caps=True, text=line.text))
    findings.size("ND30-DOC-TYPE-SIZE", where, sizes(line.pieces))
    if not found.subject:
        findings.add("ND30-SUBJECT", f"sau {where}", "không có trích yếu (dòng chữ đậm, canh giữa "
                     "ngay dưới tên loại)")
        return
    style = Tally("ND30-SUBJECT-STYLE")
    for subject in found.subject:
        problems = describe_style(subject.pieces, bold=True, italic=False, caps=False, text=subject.text)
        if problems:
            style.add(where_of(subject), ", ".join(problems))
    style.emit(findings, "dòng")
    findings.size("ND30-SUBJECT-SIZE", where_of(found.subject[0]),
                  set().union(*(sizes(s.pieces) for s in found.subject)))
    widest = max(min(_width(s.pieces), s.para.avail_pt or 1e9) for s in found.subject)
    # A document issued with another has its "(Ban hành kèm theo …)" line between subject and rule.
    ruled = [*found.subject, found.issued_with] if found.issued_with is not None else found.subject
    _rule(doc, ruled, widest, "ND30-RULE-SUBJECT", "subject_rule_ratio", findings,
          label="dòng trích yếu")


# --------------------------------------------------------------------------- the rules


def _underlined(pieces: Iterable[Piece]) -> bool:
    inked = [p for p in pieces if p.text.strip()]
    total = sum(len(p.text.strip()) for p in inked)
    under = sum(len(p.text.strip()) for p in inked if (p.props.underline or "none") != "none")
    return total > 0 and under * 2 >= total


def _blank_underline(pieces: Iterable[Piece]) -> bool:
    return any(not p.text.strip() and len(p.text) >= 3 and (p.props.underline or "none") != "none"
               for p in pieces)


def _rule(doc: Doc, lines: list[Line], text_pt: float, rule_id: str, ratio_key: str,
          findings: Findings, *, label: str) -> None:
    """The line under ``lines``: present, solid, and of the right length."""
    last = lines[-1]
    kind, length, where = _find_rule(doc, last)
    if kind == "typed":
        findings.add("ND30-RULE-TYPED", where, str(length),
                     f"đường kẻ nét liền dưới {label} (viền dưới đoạn văn hoặc đường vẽ)")
        return
    if kind is None:
        findings.add(rule_id, where_of(last), f"không có đường kẻ dưới {label}")
        return
    if not isinstance(length, float) or text_pt <= 0:
        return
    bounds = limit(ratio_key)
    ratio = length / text_pt
    if not bounds.allows(ratio):
        findings.add(rule_id, where, f"đường kẻ dài {fmt_number(length)} pt = {fmt_number(ratio)} lần "
                     f"{label} ({fmt_number(text_pt)} pt)", f"{range_text(bounds)} {label}")


def _following(doc: Doc, para: Para, count: int) -> list[Para]:
    """The next ``count`` paragraphs in the same cell (or outside tables)."""
    out: list[Para] = []
    for p in doc.paras[para.index:]:
        if p.cell != para.cell:
            break
        out.append(p)
        if len(out) >= count:
            break
    return out


def _find_rule(doc: Doc, last: Line) -> tuple[str | None, float | str | None, str]:
    """``(kind, length or how typed, where)``; kind is border, shape, typed or ``None``."""
    para = last.para
    if last.is_last and para.props.border_bottom:
        return "border", para.avail_pt, para.where
    if para.shapes:
        return "shape", para.shapes[0], para.where
    for line in para.lines[last.number + 1:]:
        if typed_rule(line.text):
            return "typed", f"gõ bằng ký tự “{excerpt(line.text, 12)}”", para.where
        if _blank_underline(line.pieces):
            return "typed", "gạch chân khoảng trắng (underline) thay cho đường kẻ", para.where
    if _underlined(last.pieces):
        return "typed", "gạch chân chữ (underline) thay cho đường kẻ", para.where
    if _blank_underline(last.pieces):
        return "typed", "gạch chân khoảng trắng (underline) thay cho đường kẻ", para.where
    if para.index > 0:
        for p in _following(doc, para, 3):
            if p.props.border_top:
                return "border", p.avail_pt, p.where
            if any(c.isalnum() for c in p.text):
                break
            if p.props.border_bottom:
                return "border", p.avail_pt, p.where
            if p.shapes:
                return "shape", p.shapes[0], p.where
            if typed_rule(p.text):
                return "typed", f"gõ bằng ký tự “{excerpt(p.text, 12)}”", p.where
            if _blank_underline(p.pieces):
                return "typed", "gạch chân khoảng trắng (underline) thay cho đường kẻ", p.where
        # a line drawn anywhere near: in the same cell, or a few paragraphs around
        near = [p for p in doc.paras if p.cell == para.cell] if para.cell is not None else \
            doc.paras[max(0, para.index - 4):para.index + 3]
        for p in near:
            if p.cell == para.cell and p.shapes:
                return "shape", p.shapes[0], p.where
    return None, None, para.where
