"""Render page 1 and the first appendix page of the example plan to PNG for the README.

Needs LibreOffice and poppler-utils (pdftoppm, pdftotext):

    python scripts/pictures.py            # writes docs/images/*.png
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from cchc_plan.pdf import convert_to_pdf
from cchc_plan.render import render_plan

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "loc-binh-2023" / "ke-hoach.yaml"
IMAGES = ROOT / "docs" / "images"


def _page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def _page_text(pdf: Path, page: int) -> str:
    return subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout


def _png(pdf: Path, page: int, name: str) -> Path:
    stem = IMAGES / name
    subprocess.run(["pdftoppm", "-png", "-r", "70", "-singlefile", "-f", str(page), "-l", str(page),
                    str(pdf), str(stem)], check=True)
    return stem.with_suffix(".png")


def main() -> int:
    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        docx = render_plan(EXAMPLE, Path(work, "ke-hoach.docx"))
        pdf = convert_to_pdf(docx, Path(work, "ke-hoach.pdf"))
        pages = _page_count(pdf)
        appendix = next(p for p in range(1, pages + 1) if "Kèm theo" in _page_text(pdf, p))
        for page, name in ((1, "ke-hoach-trang-1"), (appendix, "ke-hoach-phu-luc-trang-1")):
            print(f"wrote {_png(pdf, page, name)} (page {page} of {pages})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
