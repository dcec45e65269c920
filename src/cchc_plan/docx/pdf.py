"""PDF through LibreOffice (``soffice --headless --convert-to pdf``), when it is installed."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

__all__ = ["LibreOfficeMissing", "convert_to_pdf", "find_soffice"]


class LibreOfficeMissing(RuntimeError):
    """LibreOffice is not installed (or failed), so no PDF can be made."""


def find_soffice() -> str | None:
    """The LibreOffice program, or ``None``."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(docx: str | os.PathLike[str], pdf: str | os.PathLike[str], *,
                   timeout: float = 180, filter_options: str = "") -> Path:
    """Convert ``docx`` to ``pdf`` with LibreOffice; the PDF appears whole or not at all.

    ``filter_options`` are the PDF export filter's options (JSON, as LibreOffice takes
    them after ``pdf:writer_pdf_Export:``); :mod:`cchc_plan.docx.pdfa` uses them for PDF/A.
    """
    program = find_soffice()
    if program is None:
        raise LibreOfficeMissing(
            "không tìm thấy LibreOffice để xuất PDF; hãy cài đặt "
            "(Debian/Ubuntu: apt-get install libreoffice-writer-nogui)")
    target = Path(pdf)
    with tempfile.TemporaryDirectory(prefix="cchc-pdf-") as work:
        profile = Path(work, "profile").as_uri()
        source = Path(work, "in.docx")
        shutil.copyfile(docx, source)
        try:
            done = subprocess.run(
                [program, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                 "--convert-to", f"pdf:writer_pdf_Export:{filter_options}" if filter_options else "pdf",
                 "--outdir", work, str(source)],
                capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise LibreOfficeMissing(f"LibreOffice không xuất xong PDF sau {timeout:g} giây") from None
        produced = Path(work, "in.pdf")
        if done.returncode != 0 or not produced.is_file():
            detail = (done.stderr or done.stdout).decode("utf-8", "replace").strip()[:300]
            raise LibreOfficeMissing(f"LibreOffice không xuất được PDF ({detail or done.returncode})")
        target.parent.mkdir(parents=True, exist_ok=True)
        staged = target.with_name(f".{target.name}.tmp")
        shutil.copyfile(produced, staged)
        os.replace(staged, target)
    return target
