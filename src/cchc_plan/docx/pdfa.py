"""PDF/A-2b for the archive — *định dạng lưu trữ* — through LibreOffice's PDF export filter.

Archives take electronic documents as PDF/A (Luật Lưu trữ 2024, TCVN 14159-1:2024).
LibreOffice writes PDF/A-2b when its ``writer_pdf_Export`` filter is given
``SelectPdfVersion = 2``: every font embedded, XMP metadata with ``pdfaid:part``
and ``pdfaid:conformance``, no encryption, no transparency. The document's font,
Times New Roman, must be installed for the PDF to carry it; when fontconfig
substitutes another font (``fc-match``) the result says so in :attr:`PdfResult.warnings`.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import attrs

from .pdf import convert_to_pdf
from .writer import FONT

__all__ = ["PDFA_FILTER_OPTIONS", "PdfResult", "export_pdf", "font_substitute", "page_count"]

PDFA_FILTER_OPTIONS = json.dumps({
    "SelectPdfVersion": {"type": "long", "value": "2"},  # 2 = PDF/A-2b
    "UseTaggedPDF": {"type": "boolean", "value": "true"},
}, separators=(",", ":"))
"""The export filter's options for PDF/A-2b, as LibreOffice (≥ 7.4) reads them."""

_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


@attrs.frozen(kw_only=True)
class PdfResult:
    """A PDF written: where, how many pages, and what the user should know about it."""

    path: Path
    pages: int | None
    """Page count (``None`` when it could not be read)."""
    pdfa: bool
    warnings: tuple[str, ...] = ()
    """Vietnamese warnings, e.g. that a substitute font stands in for Times New Roman."""


def font_substitute(family: str = FONT) -> str | None:
    """The font fontconfig uses for ``family`` when ``family`` itself is not installed.

    ``None`` when ``family`` is installed, or when ``fc-match`` is not there to ask.
    """
    program = shutil.which("fc-match")
    if program is None:
        return None
    try:
        done = subprocess.run([program, "--format=%{family}", family], capture_output=True,
                              timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    found = done.stdout.decode("utf-8", "replace").split(",")[0].strip()
    if done.returncode != 0 or not found or found.casefold() == family.casefold():
        return None
    return found


def page_count(pdf: str | os.PathLike[str]) -> int | None:
    """The number of page objects of a PDF LibreOffice wrote (no object streams)."""
    try:
        data = Path(pdf).read_bytes()
    except OSError:
        return None
    count = len(_PAGE.findall(data))
    return count or None


def export_pdf(docx: str | os.PathLike[str], pdf: str | os.PathLike[str], *,
               pdfa: bool = False, timeout: float = 180, force: bool = True) -> PdfResult:
    """Convert ``docx`` to ``pdf`` (PDF/A-2b when ``pdfa``); warns about a substituted font.

    Raises :class:`~cchc_plan.docx.pdf.LibreOfficeMissing` when LibreOffice is absent or fails,
    :class:`FileExistsError` when ``pdf`` exists and not ``force``.
    """
    warnings: list[str] = []
    substitute = font_substitute()
    if substitute is not None:
        warnings.append(
            f"máy này chưa cài phông {FONT}; PDF dùng phông thay thế cùng kích thước chữ "
            f"“{substitute}” (fc-match). Văn bản gửi đi nên xuất trên máy có {FONT}.")
    path = convert_to_pdf(docx, pdf, timeout=timeout, filter_options=PDFA_FILTER_OPTIONS if pdfa else "",
                          force=force)
    return PdfResult(path=path, pages=page_count(path), pdfa=pdfa, warnings=tuple(warnings))
