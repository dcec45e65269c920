"""A decision and the document it issues — *quyết định và văn bản ban hành kèm theo* (Mẫu 1.3).

The decision's own rules: its căn cứ lines in italics, the line ``QUYẾT ĐỊNH:`` in bold,
each article opening with ``Điều 1.``, ``Điều 2.`` … in bold, in order. A document issued
with it (a plan) has no number of its own and carries, under its subject, the line
``(Ban hành kèm theo Quyết định số … ngày … của …)`` in italics, matching the decision.
Which form the file is in — paper (number and date filled) or electronic (left blank for
the signing tool) — is read from the header.
"""

from __future__ import annotations

import re

from ..model.plan import DocType
from ..vnformat import upper
from ._document import Doc, Para
from ._findings import Findings, Tally
from ._header import describe_style, reference_mismatch, sizes, where_of
from ._structure import TYPE_NAMES, Layout

__all__ = ["ELECTRONIC", "PAPER", "appendix_form", "check_decision", "check_issued_with", "document_form"]

PAPER = "paper"
"""Number and date filled in: the paper form (or an electronic one already signed)."""
ELECTRONIC = "electronic"
"""Number, day and month left blank for the signing tool to fill (the electronic form, or a draft)."""

_GROUNDS = re.compile(r"^(căn cứ|theo đề nghị|xét đề nghị)\b", re.IGNORECASE)
_ARTICLE = re.compile(r"^Điều\s+(\d+)\s*\.")
_RULING = "QUYẾT ĐỊNH:"
_SERIAL = re.compile(r"^s[ốoóòỏõọ]\s*[:.]?\s*(?P<serial>\d*)\s*/", re.IGNORECASE)
_REF_SERIAL = re.compile(r"\bsố\s*(?P<serial>\d*)\s*/", re.IGNORECASE)
_DAY = re.compile(r"ngày\s*(?P<d>\d*)\s*tháng\s*(?P<m>\d*)\s*năm", re.IGNORECASE)


def _is_decision(found: Layout) -> bool:
    return found.doc_type is not None and TYPE_NAMES.get(upper(found.doc_type.text)) is DocType.DECISION


def _main_paras(doc: Doc, found: Layout) -> list[Para]:
    """The decision's paragraphs between its subject and its end block, outside tables."""
    start = found.subject[-1] if found.subject else found.doc_type
    assert start is not None
    ends = [c[0].para.index for c in (found.recipients_label, *found.authority[:1]) if c is not None]
    end = min(ends) if ends else None
    return [p for p in doc.paras if p.index > start.para.index and (end is None or p.index < end)
            and p.cell is None and p.text and (found.sections is None or p.section in found.sections)]


def check_decision(doc: Doc, found: Layout, findings: Findings) -> None:
    """Mẫu 1.3: căn cứ in italics, ``QUYẾT ĐỊNH:`` in bold, articles ``Điều N.`` bold and in order."""
    if not _is_decision(found):
        return
    paras = _main_paras(doc, found)
    ruling = next((p for p in paras if p.text.replace(" :", ":") == _RULING), None)
    grounds = Tally("ND30-DECISION-GROUNDS", "căn cứ in nghiêng, cuối mỗi dòng “;”, dòng cuối “.”")
    before = [p for p in paras if ruling is None or p.index < ruling.index]  # the grounds precede the ruling
    lines = [p for p in before if _GROUNDS.match(p.text)]
    for i, p in enumerate(lines):
        problems = describe_style(p.pieces, italic=True)
        end = "." if i == len(lines) - 1 else ";"
        if not p.text.rstrip().endswith(end):
            problems.append(f"kết thúc bằng “{p.text.rstrip()[-1:]}” thay cho “{end}”")
        if problems:
            grounds.add(p.where, ", ".join(problems))
    grounds.emit(findings)
    if ruling is None:
        findings.add("ND30-DECISION-RULING", f"sau {where_of(found.doc_type)}" if found.doc_type else "đầu văn bản",
                     f"không có dòng “{_RULING}” trước các điều", f"“{_RULING}” in hoa, đậm, canh giữa")
    else:
        problems = describe_style(ruling.pieces, bold=True, italic=False)
        if ruling.props.jc != "center":
            problems.append("không canh giữa")
        if problems:
            findings.add("ND30-DECISION-RULING", ruling.where, ", ".join(problems),
                         f"“{_RULING}” in hoa, đậm, canh giữa")
    expected = 1
    for p in paras:
        m = _ARTICLE.match(p.text)
        if m is None:
            continue
        raw = "".join(piece.text for piece in p.pieces)
        flags = [piece.props.bold for piece in p.pieces for _ in piece.text]
        start = len(raw) - len(raw.lstrip())
        label = [flag for ch, flag in zip(raw[start:start + len(m[0])], flags[start:start + len(m[0])],
                                          strict=False) if not ch.isspace()]
        problems = []
        if not label or not all(label):
            problems.append(f"“{m[0]}” không in đậm")
        if int(m[1]) != expected:
            problems.append(f"điều số {m[1]} ở vị trí của điều {expected}")
        if problems:
            findings.add("ND30-DECISION-ARTICLE", p.where, "; ".join(problems),
                         "mỗi điều bắt đầu bằng “Điều 1.”, “Điều 2.” … in đậm, theo thứ tự")
        expected = int(m[1]) + 1
    if expected == 1:
        findings.add("ND30-DECISION-ARTICLE", f"sau {where_of(found.doc_type)}" if found.doc_type else "đầu văn bản",
                     "không tìm thấy điều nào (“Điều 1. …”)", "các điều “Điều 1.”, “Điều 2.” …")


def check_issued_with(doc: Doc, attached: Layout, main: Layout, findings: Findings) -> None:
    """A document issued with ``main``: no number of its own, the ``(Ban hành kèm theo …)`` line
    (italic, citing the decision's number and date), its text ending ``./.``."""
    if attached.number is not None:
        line, seg = attached.number
        findings.add("ND30-ISSUED-WITH", where_of(line, seg), f"văn bản kèm theo có số riêng “{seg.text}”",
                     "văn bản ban hành kèm theo không có số, ký hiệu riêng (số là của quyết định)")
    issued = attached.issued_with
    if issued is None:
        where = where_of(attached.subject[-1]) if attached.subject else \
            where_of(attached.doc_type) if attached.doc_type else "văn bản kèm theo"
        findings.add("ND30-ISSUED-WITH", where, "không có dòng “(Ban hành kèm theo … số … ngày … của …)” "
                     "dưới trích yếu", "“(Ban hành kèm theo Quyết định số …/QĐ-… ngày … của …)”, in nghiêng")
    else:
        problems = describe_style(issued.pieces, italic=True)
        problems += reference_mismatch(main, issued.text)
        if problems:
            findings.add("ND30-ISSUED-WITH", where_of(issued), "; ".join(problems),
                         "“(Ban hành kèm theo Quyết định số …)” in nghiêng, cùng số và ngày với quyết định")
        findings.size("ND30-SUBJECT-SIZE", where_of(issued), sizes(issued.pieces))
    if attached.body and not attached.body[-1].text.rstrip().endswith("./."):
        last = attached.body[-1]
        findings.add("ND30-CLOSING-MARK", last.where, f"kết thúc bằng “{last.text.rstrip()[-8:]}”",
                     "kết thúc bằng “./.”")


def document_form(found: Layout, findings: Findings) -> str | None:
    """``paper`` or ``electronic``, from the header's number and date (``None`` when neither is found).

    Half filled in — a number with a blank date, or the other way round — is neither (the
    header's check reports it, ND30-DRAFT-DATE); an electronic header whose appendix line
    is numbered is a finding: the signing tool fills both or neither.
    """
    number = _SERIAL.match(found.number[1].text) if found.number is not None else None
    day = _DAY.search(found.date[1].text) if found.date is not None else None
    if number is None and day is None:
        return None
    filled = [bool(number["serial"])] if number is not None else []
    if day is not None:
        filled.append(bool(day["d"] and day["m"]))
    if all(filled):
        return PAPER
    if not any(filled):
        for appendix in found.appendices:  # the "Kèm theo" line is filled in by the same tool
            ref = appendix.reference
            cited = _REF_SERIAL.search(ref.text) if ref is not None else None
            if ref is not None and cited is not None and cited["serial"]:
                findings.add("ND30-FORM-BLANKS", where_of(ref), f"bản điện tử nhưng dòng “Kèm theo” đã ghi số "
                             f"“{cited['serial']}”", "để trống số, ngày và tháng như ở đầu văn bản")
        return ELECTRONIC
    return None  # half filled in: the header's own check says so (ND30-DRAFT-DATE)


def appendix_form(found: Layout, findings: Findings) -> str | None:
    """The form of a file of appendices alone, from their "Kèm theo" lines: all blank (electronic),
    all numbered (paper); a mix is a finding."""
    serials = []
    for appendix in found.appendices:
        cited = _REF_SERIAL.search(appendix.reference.text) if appendix.reference is not None else None
        if cited is not None:
            serials.append((appendix, bool(cited["serial"])))
    if not serials:
        return None
    if all(filled for _, filled in serials):
        return PAPER
    if not any(filled for _, filled in serials):
        return ELECTRONIC
    odd = next(a for a, filled in serials if filled)
    assert odd.reference is not None
    findings.add("ND30-FORM-BLANKS", where_of(odd.reference), "phụ lục này đã ghi số, phụ lục khác để trống",
                 "các phụ lục cùng ghi số (bản giấy) hoặc cùng để trống (bản điện tử)")
    return None
