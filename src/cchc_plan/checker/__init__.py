"""Check any .docx against the layout rules of Nghị định 30/2020/NĐ-CP — *kiểm tra thể thức văn bản*.

``check_docx(path)`` reads a Word document — one this project wrote, or one an
office typed by hand — and lists every departure from the rules of
:data:`cchc_plan.rules.CHECKS`: page and margins of each section, fonts resolved
through styles and theme, the components of Mẫu 1.4 found by their text (Quốc
hiệu, Tiêu ngữ, agency, number, date, type, subject, the three rules, body,
Nơi nhận, signer), page numbers and appendices. A Party document (headed "ĐẢNG
CỘNG SẢN VIỆT NAM", not the Quốc hiệu) is outside the decree: it gets one warning
saying so and nothing else. A file that cannot be read at all raises
:class:`UnreadableDocument` with one Vietnamese message. A document beyond the
checker's limits (XML elements, paragraphs, nesting, pieces of text, time — see
``cchc_plan.checker._budget``) gets the single finding ``ND30-TOO-COMPLEX``.
"""

from __future__ import annotations

import os
import zipfile
from typing import BinaryIO

from ..docx.rules import Severity
from ._body import check_body, check_end
from ._budget import Budget, TooComplex
from ._collector import without_cyclic_gc
from ._decision import appendix_form, check_decision, check_issued_with, document_form
from ._document import read_document
from ._findings import CheckReport, Finding, Findings
from ._header import check_header, where_of
from ._package import UnreadableDocument, etree, open_package, source_name
from ._page import check_appendices, check_fonts, check_page, check_page_numbers
from ._scope import PARTY_HEADING, party_heading
from ._structure import appendices_alone, document_parts, find_layout

__all__ = ["CheckReport", "Finding", "Severity", "UnreadableDocument", "check_docx"]


@without_cyclic_gc
def check_docx(path: str | os.PathLike[str] | bytes | BinaryIO, *, name: str | None = None) -> CheckReport:
    """Every departure of a .docx from the ND30 layout — *kiểm tra thể thức*.

    ``path`` is a file path, the bytes of the document, or a binary file object
    (read to its end). ``name`` is how the report and messages name the document
    (by default the path, a stream's own name, or ``"<văn bản>"``).

    Raises :class:`UnreadableDocument` (one Vietnamese message) when the file is
    missing, is not a Word document, is damaged or too large to read safely.
    """
    source = source_name(path, name)
    budget = Budget()
    try:
        return _check(path, source, budget)
    except TooComplex as e:
        findings = Findings()
        findings.add("ND30-TOO-COMPLEX", "toàn văn bản", f"tài liệu quá phức tạp: {e.what}")
        return CheckReport(file=source, findings=tuple(findings))


def _check(path: str | os.PathLike[str] | bytes | BinaryIO, source: str, budget: Budget) -> CheckReport:
    package = open_package(path, source)
    try:
        doc = read_document(package, budget)
        budget.clock()
        parts = document_parts(doc)
        found = find_layout(doc, parts[0] if len(parts) > 1 else None)
        budget.clock()
        findings = Findings()
        party = party_heading(doc, found)
        if party is not None:
            findings.add("ND30-NOT-STATE-DOCUMENT", where_of(*party),
                         f"văn bản của Đảng (tiêu đề “{PARTY_HEADING}” thay cho Quốc hiệu), không phải "
                         "văn bản hành chính nhà nước: không kiểm tra theo Nghị định 30/2020",
                         "kiểm tra văn bản này theo Hướng dẫn 36-HD/VPTW về thể thức văn bản của Đảng")
            return CheckReport(file=source, findings=tuple(findings))
        check_page(doc, findings)
        budget.clock()
        check_fonts(doc, findings)
        budget.clock()
        appendices = appendices_alone(doc)
        if appendices is not None:  # an electronic document's appendices in a file of their own (Mẫu 2.2)
            check_page_numbers(doc, findings)
            check_appendices(doc, appendices, findings)
            form = appendix_form(appendices, findings)
            return CheckReport(file=source, findings=tuple(findings), form=form)
        # A file of its own holding a document issued with a decision: no number, date or end block.
        alone = found.issued_with is not None and found.number is None
        form = None
        for sections in parts:  # the first document, then those issued with it (a decision's plan)
            part = found if sections is parts[0] else find_layout(doc, sections)
            attached = alone or part is not found
            check_header(doc, part, findings, issued_with=attached)
            check_body(doc, part, findings)
            if not attached or part.recipients_label is not None or part.authority:
                check_end(doc, part, findings)
            if part is found:
                check_page_numbers(doc, findings)
            check_appendices(doc, part, findings)
            if attached:
                check_issued_with(doc, part, found, findings)
            else:
                check_decision(doc, part, findings)
                form = document_form(part, findings)
            budget.clock()
    except RecursionError:
        raise TooComplex("cấu trúc văn bản lồng nhau quá sâu") from None
    except (etree.LxmlError, zipfile.BadZipFile) as e:
        raise UnreadableDocument(source, f"văn bản bị hỏng ({e})") from None
    return CheckReport(file=source, findings=tuple(findings), form=form, documents=len(parts))
