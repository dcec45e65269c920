"""Where the components of Mẫu 1.4 are in a document — *vị trí các thành phần thể thức*.

Components are found by their text, not by how they were made, so a document
typed by hand in Word is read as well as ours: the Quốc hiệu and Tiêu ngữ by
their words, the number by "Số", the date by "ngày … tháng … năm", the type by
the names of Phụ lục III, the end block by "Nơi nhận" and the authority
prefixes (TM., KT., Q., TL., TUQ.), appendices by "Phụ lục".
"""

from __future__ import annotations

import bisect
import re
import unicodedata

import attrs

from .._text import is_caps
from ..model.plan import DocType
from ..vnformat import upper
from ._document import Doc, Line, Para, Segment

__all__ = ["Appendix", "Layout", "NATIONAL_TITLE", "MOTTO", "TYPE_NAMES", "document_parts", "find_layout",
           "fuzzy", "is_caps", "appendices_alone", "typed_rule"]

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
TYPE_NAMES: dict[str, DocType] = {upper(t.title): t for t in DocType}
"""``KẾ HOẠCH`` → :attr:`DocType.PLAN` (the copies' names included)."""

_HEADER_SCAN = 60
MAX_COMPONENT_CHARS = 200
"""A number or date line is short: longer segments are not matched against their patterns
(whose nested optional parts would cost a long text its length squared or cubed)."""
_NUMBER = re.compile(r"^s[ốoóòỏõọ]\s*[:.]?\s*\d*\s*/", re.IGNORECASE)
_DATE = re.compile(r"ngày\s*[\d.…_]*\s*tháng\s*[\d.…_]*\s*năm\s*\d{0,4}", re.IGNORECASE)
_LETTER_SUBJECT = re.compile(r"^v/v\b", re.IGNORECASE)
_AUTHORITY = re.compile(r"^(TM|KT|Q|TL|TUQ)\s*\.\s*\S")
_POSITION = re.compile(r"CHỦ TỊCH|GIÁM ĐỐC|TRƯỞNG|BÍ THƯ|CHỦ NHIỆM|THỦ TƯỚNG|CHÁNH|PHÓ")
_RECIPIENTS = re.compile(r"^n[ơo]i\s*nh[ậa]n\b", re.IGNORECASE)
_ADDRESSEE = re.compile(r"^kính\s*gửi\b", re.IGNORECASE)
_APPENDIX = re.compile(r"^phụ\s*lục\b", re.IGNORECASE)
_APPENDIX_LINE = re.compile(r"^phụ\s*lục(\s+(số\s*)?[ivxlcdm\d]+)?\s*$", re.IGNORECASE)
_ROMAN_HEADING = re.compile(r"^[IVXLC]+\.\s")
_GROUNDS = re.compile(r"^(căn cứ|theo đề nghị|xét đề nghị|thực hiện)\b", re.IGNORECASE)
_RULE_CHARS = re.compile(r"^[_‗─━—–\-=]{3,}$")
_ISSUED_WITH = re.compile(r"^\((ban hành )?kèm theo\b", re.IGNORECASE)


def fuzzy(text: str) -> str:
    """Letters and digits only, no marks, lower case: for "almost the same words"."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed.casefold() if c.isalnum() and not unicodedata.combining(c))


def typed_rule(text: str) -> bool:
    """A "line" typed as characters: ``______``, ``-------``, ``———``."""
    return bool(_RULE_CHARS.match(text.replace(" ", "")))


def _has_words(text: str) -> bool:
    return any(c.isalnum() for c in text)


@attrs.define(kw_only=True)
class Appendix:
    """An appendix: its heading line and what follows, and whether it opens a section."""

    heading: Line
    title: list[Line]
    reference: Line | None
    section_start: bool
    section: int


@attrs.define(kw_only=True)
class Layout:
    """The components found, each ``None`` (or empty) when absent."""

    national: tuple[Line, Segment] | None = None
    national_exact: bool = False
    motto: tuple[Line, Segment] | None = None
    motto_exact: bool = False
    parents: list[tuple[Line, Segment]] = attrs.field(factory=list)
    agency: list[tuple[Line, Segment]] = attrs.field(factory=list)
    number: tuple[Line, Segment] | None = None
    date: tuple[Line, Segment] | None = None
    letter: bool = False
    """A công văn (``V/v`` under the number, no type line)."""
    doc_type: Line | None = None
    subject: list[Line] = attrs.field(factory=list)
    title_lines: list[Line] = attrs.field(factory=list)
    """Centred lines under the header when no type line was recognised (the title block, not body)."""
    addressees: list[Para] = attrs.field(factory=list)
    body: list[Para] = attrs.field(factory=list)
    recipients_label: tuple[Line, Segment] | None = None
    recipients: list[Line] = attrs.field(factory=list)
    authority: list[tuple[Line, Segment]] = attrs.field(factory=list)
    name: Line | None = None
    appendices: list[Appendix] = attrs.field(factory=list)
    appendix_sections: set[int] = attrs.field(factory=set)
    header_end: int = 0
    """Index of the last paragraph of the header (ô 1–4)."""
    issued_with: Line | None = None
    """A document issued with another: its ``(Ban hành kèm theo Quyết định số …)`` line under the subject."""
    sections: frozenset[int] | None = None
    """The sections this document occupies (``None``: the whole file)."""


def _segments(lines: list[Line]) -> list[tuple[Line, Segment]]:
    return [(line, seg) for line in lines for seg in line.segments]


def find_layout(doc: Doc, sections: frozenset[int] | None = None) -> Layout:
    """Locate every component of Mẫu 1.4 in ``doc`` (or in those of its ``sections`` that hold one
    of the documents of the file, see :func:`document_parts`)."""
    found = Layout(sections=sections)
    _appendix_sections(doc, found)
    main = [p for p in doc.paras if p.section not in found.appendix_sections
            and (sections is None or p.section in sections)]
    head_lines = [line for p in main[:_HEADER_SCAN] for line in p.lines]
    for line, seg in _segments(head_lines):
        text = seg.text
        if found.national is None or not found.national_exact:
            if text == NATIONAL_TITLE:
                found.national, found.national_exact = (line, seg), True
            elif found.national is None and fuzzy(text) == fuzzy(NATIONAL_TITLE):
                found.national = (line, seg)
        if found.motto is None or not found.motto_exact:
            if text == MOTTO:
                found.motto, found.motto_exact = (line, seg), True
            elif found.motto is None and fuzzy(text) == fuzzy(MOTTO):
                found.motto = (line, seg)
    top = [c[0].para.index for c in (found.national, found.motto) if c is not None]
    header_table = None
    if found.national is not None and found.national[0].para.cell is not None:
        header_table = found.national[0].para.cell.table
    _doc_type(main, found, after=max(top, default=0), header_table=header_table)
    limit = found.doc_type.para.index if found.doc_type is not None else max(top, default=0) + 20
    header = [p for p in main if p.index < limit] if (found.doc_type or top) else main[:25]
    header_segments = _segments([line for p in header for line in p.lines])
    for line, seg in header_segments:
        text = seg.text
        short = len(text) <= MAX_COMPONENT_CHARS  # no number or date line is longer
        if found.number is None and short and _NUMBER.match(text):
            found.number = (line, seg)
        elif found.date is None and short and _DATE.search(text) and _has_words(text.split("ngày")[0]
                                                                       if "ngày" in text else "x"):
            found.date = (line, seg)
        elif _LETTER_SUBJECT.match(text):
            found.letter = found.doc_type is None
    if found.national is not None or found.number is not None:
        _agency(header_segments, found, header_table)
    parts = [found.national, found.motto, found.number, found.date, *found.agency]
    found.header_end = max((c[0].para.index for c in parts if c is not None), default=0)
    _subject(main, found)
    _unrecognised_title(main, found)
    _end_block(main, found)
    _body(main, found)
    _inline_appendices(doc, main, found)
    return found


def _inline_appendices(doc: Doc, main: list[Para], found: Layout) -> None:
    """Appendices typed after the signature without a section break of their own."""
    ends = [line.para.index for line in (found.name, *found.recipients[-1:]) if line is not None]
    ends += [line.para.index for line, _ in found.authority]
    if not ends:
        return
    after = max(ends)
    for p in main:
        if p.index > after and p.cell is None and _APPENDIX_LINE.match(p.text):
            found.appendices.append(_appendix(doc, p, section_start=False))


def _appendix_sections(doc: Doc, found: Layout) -> None:
    for section in doc.sections[1:]:
        if found.sections is not None and section.index not in found.sections:
            continue
        first = next((p for p in doc.section_paras(section.index) if p.text), None)
        if first is not None and _APPENDIX.match(first.text):
            found.appendix_sections.add(section.index)
            found.appendices.append(_appendix(doc, first, section_start=True))


def _appendix(doc: Doc, first: Para, *, section_start: bool) -> Appendix:
    heading = next(line for line in first.lines if line.text)
    after: list[Line] = []
    paras = doc.section_paras(first.section)
    for p in paras[bisect.bisect_left(paras, first.index, key=lambda q: q.index):]:
        after.extend(line for line in p.lines
                     if line.text and not (p is first and line.number <= heading.number))
        if len(after) >= 8:
            break
    title: list[Line] = []
    reference = None
    for line in after[:8]:
        if line.text.startswith("(") and "kèm theo" in line.text.casefold():
            reference = line
            break
        if line.para.cell is not None:
            break
        title.append(line)
    if reference is None:
        title = title[:1]
    return Appendix(heading=heading, title=title, reference=reference,
                    section_start=section_start, section=first.section)


def _doc_type(main: list[Para], found: Layout, *, after: int, header_table: int | None) -> None:
    for p in main[:_HEADER_SCAN + 20]:
        if p.index <= after or (p.cell is not None and p.cell.table == header_table):
            continue
        for line in p.lines:
            if upper(line.text) in TYPE_NAMES:
                found.doc_type = line
                return


def _agency(segments: list[tuple[Line, Segment]], found: Layout, header_table: int | None) -> None:
    """The agency lines: left of the Quốc hiệu (its table's earlier columns, or before a tab)."""
    national = found.national[0] if found.national else None
    stop = found.number[0].para.index if found.number else None
    taken = {id(c[1]) for c in (found.national, found.motto, found.number, found.date) if c}
    right_of: dict[int, int] = {}
    for component in (found.national, found.motto):
        if component is not None:
            line, seg = component
            right_of[id(line)] = next(i for i, s in enumerate(line.segments) if s.text == seg.text)
    in_table = header_table is not None and national is not None and national.para.cell is not None
    candidates: list[tuple[Line, Segment]] = []
    for line, seg in segments:
        text = seg.text
        if id(seg) in taken or not _has_words(text) or typed_rule(text) or _LETTER_SUBJECT.match(text):
            continue
        p = line.para
        if stop is not None and p.index >= stop and (p.cell is None or found.number is None
                                                     or p.cell == found.number[0].para.cell):
            continue
        if in_table:
            assert national is not None and national.para.cell is not None
            if p.cell is None or p.cell.table != header_table or p.cell.column >= national.para.cell.column:
                continue
        else:
            if p.cell is not None:
                continue
            if id(line) in right_of:
                index = next(i for i, s in enumerate(line.segments) if s is seg)
                if index >= right_of[id(line)]:
                    continue
            elif national is not None and p.index > national.para.index and \
                    p.props.jc in ("center", "right", "end"):
                continue
        candidates.append((line, seg))
    bold = [all(piece.props.bold for piece in seg.inked) for _, seg in candidates]
    first_bold = next((i for i, b in enumerate(bold) if b), None)
    if first_bold is None or first_bold == 0:
        found.agency = candidates
    else:
        found.parents = candidates[:first_bold]
        found.agency = candidates[first_bold:]


def _subject(main: list[Para], found: Layout) -> None:
    if found.doc_type is None:
        return
    start = found.doc_type
    later = [line for line in start.para.lines[start.number + 1:]]
    for p in main:
        if p.index > start.para.index:
            later.extend(p.lines)
        if len(later) > 12:
            break
    for line in later:
        text = line.text
        p = line.para
        if not text or typed_rule(text) or _ADDRESSEE.match(text):
            break
        if p.props.jc != "center" or p.cell is not None or len(found.subject) >= 5:
            break
        if found.subject and _ISSUED_WITH.match(text):
            found.issued_with = line
            break
        found.subject.append(line)
        if p.props.border_bottom and line.is_last:
            break


def _unrecognised_title(main: list[Para], found: Layout) -> None:
    """The centred lines right under the header of a document whose type line was not found."""
    if found.doc_type is not None or found.letter or not found.header_end:
        return
    for p in main:
        if p.index <= found.header_end or (p.cell is not None and not found.title_lines):
            continue
        if not p.text or typed_rule(p.text):
            if found.title_lines:
                break
            continue
        if p.cell is not None or p.props.jc != "center" or _ADDRESSEE.match(p.text) or \
                len(found.title_lines) >= 6:
            break
        found.title_lines.extend(line for line in p.lines if line.text)
        if p.props.border_bottom:
            break


def _after_title(found: Layout) -> int:
    if found.issued_with is not None:
        return found.issued_with.para.index
    if found.subject:
        return found.subject[-1].para.index
    if found.doc_type is not None:
        return found.doc_type.para.index
    if found.title_lines:
        return found.title_lines[-1].para.index
    return found.header_end


def _end_block(main: list[Para], found: Layout) -> None:
    start = _after_title(found)
    lines = [line for p in main if p.index > start for line in p.lines]
    authority_at = None
    for i, line in enumerate(lines):
        for seg in line.segments:
            if found.recipients_label is None and _RECIPIENTS.match(seg.text):
                found.recipients_label = (line, seg)
            if authority_at is None and _AUTHORITY.match(seg.text):
                authority_at = i
                found.authority.append((line, seg))
    if authority_at is None:
        authority_at = _position_line(lines, found)
    if authority_at is not None:
        _signer(lines, authority_at, found)
    if found.recipients_label is not None:
        _recipient_items(lines, found)


def _position_line(lines: list[Line], found: Layout) -> int | None:
    """Where the signer's position (``CHỦ TỊCH``) is, when no TM./KT./… line says so.

    A Quyết định or Nghị quyết (Mẫu 1.1, 1.2) has a line like it under its subject — the
    issuing authority, ``CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ …``, followed by the căn cứ — so the
    signer's is the one beside "Nơi nhận", or else the last one before any appendix.
    """
    label = found.recipients_label
    candidates: list[int] = []
    for i, line in enumerate(lines):
        p = line.para
        last = line.segments[-1] if line.segments else None
        if last is None or label and last is label[1]:
            continue
        if candidates and _APPENDIX_LINE.match(last.text):
            break
        text = last.text
        if is_caps(text) and len(text.split()) <= 8 and _POSITION.search(text) and \
                re.fullmatch(r"[^\W\d_]+( [^\W\d_]+)*", text) and \
                (p.cell is not None or p.props.jc != "both") and not _grounds_follow(lines, i):
            candidates.append(i)
    if not candidates:
        return None
    at = candidates[-1]
    label_cell = label[0].para.cell if label is not None else None
    if label_cell is not None:
        beside = [i for i in candidates if (cell := lines[i].para.cell) is not None
                  and (cell.table, cell.row) == (label_cell.table, label_cell.row)]
        at = beside[0] if beside else at
    found.authority.append((lines[at], lines[at].segments[-1]))
    return at


def _grounds_follow(lines: list[Line], at: int) -> bool:
    """The next line with text gives the grounds (căn cứ) of a decision: ``at`` is no signature."""
    following = next((line.text for line in lines[at + 1:] if line.text), "")
    return bool(_GROUNDS.match(following))


def _signer(lines: list[Line], at: int, found: Layout) -> None:
    first_line = found.authority[0][0]
    cell = first_line.para.cell
    label = found.recipients_label[1] if found.recipients_label else None
    following: list[tuple[Line, Segment]] = []
    for line in lines[at + 1:at + 40]:
        if cell is not None and line.para.cell != cell:
            if line.para.cell is None or line.para.cell.table != cell.table:
                break
            continue
        if cell is None and line.para.cell is not None:
            break
        segs = line.segments
        if not segs:
            continue
        seg = segs[-1]
        if seg is label or _RECIPIENTS.match(seg.text) or _APPENDIX_LINE.match(seg.text):
            break
        if seg.text.startswith(("-", "+", "(")):  # recipients, or "(Đã ký)", "(Ký, đóng dấu)"
            continue
        following.append((line, seg))
        if len(following) >= 6:
            break
    for i, (line, seg) in enumerate(following):
        if is_caps(seg.text) and i < len(following) - 1:
            found.authority.append((line, seg))
            continue
        found.name = line
        break


def _recipient_items(lines: list[Line], found: Layout) -> None:
    assert found.recipients_label is not None
    label_line, label_seg = found.recipients_label
    cell = label_line.para.cell
    start = next(i for i, line in enumerate(lines) if line is label_line)
    authority = {id(line) for line, _ in found.authority}
    blank = 0
    for line in lines[start + 1:start + 60]:
        if cell is not None and line.para.cell != cell:
            break
        if cell is None and line.para.cell is not None:
            break
        segs = line.segments
        if not segs:
            blank += 1
            if cell is None and blank >= 2 and found.recipients:
                break
            continue
        blank = 0
        if id(line) in authority or _AUTHORITY.match(segs[0].text) or _APPENDIX_LINE.match(segs[0].text):
            break
        if found.name is not None and line is found.name:
            break
        found.recipients.append(line)


def _body(main: list[Para], found: Layout) -> None:
    start = _after_title(found)
    after = [p for p in main if p.index > start]
    first = next((p for p in after if p.text), None)
    if first is not None and _ADDRESSEE.match(first.text):
        found.addressees.append(first)
        for p in after[after.index(first) + 1:]:
            if not p.text:
                break
            if not p.text.startswith("-") or p.props.jc == "both":
                break
            found.addressees.append(p)
            if p.text.endswith("."):
                break
    ends = [c[0].para.index for c in (found.recipients_label, *found.authority[:1]) if c is not None]
    end = min(ends) if ends else None
    taken = {id(p) for p in found.addressees}
    ruling = found.doc_type is not None and TYPE_NAMES.get(upper(found.doc_type.text)) in _RULINGS
    for p in after:
        if end is not None and p.index >= end:
            break
        if p.cell is not None or id(p) in taken or not _has_words(p.text):
            continue
        if ruling and _ruling_line(p):
            continue
        if _APPENDIX_LINE.match(p.text):
            break
        found.body.append(p)


_RULINGS = (DocType.DECISION, DocType.RESOLUTION)
"""Types laid out as Mẫu 1.1 / 1.2, with centred capital lines between the subject and the articles."""


def _ruling_line(p: Para) -> bool:
    """A centred line in capitals of a Quyết định or Nghị quyết: the issuing authority
    (``CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ …``) or ``QUYẾT ĐỊNH:`` / ``QUYẾT NGHỊ:``, not body text."""
    text = p.text
    return p.props.jc == "center" and is_caps(text) and len(text.split()) <= 14 \
        and not _ROMAN_HEADING.match(text)


def document_parts(doc: Doc) -> list[frozenset[int]]:
    """The sections of each document in the file: the first, then each one issued with it.

    A document issued with another (a decision's plan, *văn bản ban hành kèm theo*) starts a
    section whose first lines hold the Quốc hiệu; its appendices follow it.
    """
    starts = [0]
    opening: dict[int, list[Para]] = {}
    for p in doc.paras:  # the first lines with text of each section (the text of those only)
        if len(opening.setdefault(p.section, [])) < 8 and p.text:
            opening[p.section].append(p)
    for section in doc.sections[1:]:
        paras = opening.get(section.index, [])
        if paras and not _APPENDIX.match(paras[0].text) and any(
                fuzzy(seg.text) == fuzzy(NATIONAL_TITLE) for p in paras for line in p.lines
                for seg in line.segments):
            starts.append(section.index)
    ends = [*starts[1:], len(doc.sections)]
    return [frozenset(range(a, b)) for a, b in zip(starts, ends, strict=True)]


def appendices_alone(doc: Doc) -> Layout | None:
    """A file holding appendices only (an electronic document's appendix in a file of its own, Mẫu 2.2):
    the appendices found, or ``None`` when the file starts otherwise."""
    first = next((p for p in doc.paras if p.text), None)
    if first is None or first.section != 0 or first.cell is not None or not _APPENDIX_LINE.match(first.text):
        return None
    found = Layout()
    for section in doc.sections:
        start = next((p for p in doc.paras if p.section == section.index and p.text), None)
        if start is not None and _APPENDIX.match(start.text):
            found.appendix_sections.add(section.index)
            found.appendices.append(_appendix(doc, start, section_start=True))
    return found
