"""Render page 1 and the first page of Phụ lục III of the example report to PNG for the docs.

Modelled on ``scripts/pictures.py``. Needs LibreOffice and poppler-utils (pdftoppm,
pdfinfo, pdftotext):

    python scripts/report_pictures.py      # writes docs/images/bao-cao-*.png

The example is the illustrative report of quarter I, 2023 on the real plan of UBND xã
Lộc Bình (``examples/loc-binh-2023/bao-cao-quy-1.yaml``).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))  # works without installing the package

from cchc_plan.pdf import convert_to_pdf  # noqa: E402
from cchc_plan.render import render  # noqa: E402

EXAMPLE = ROOT / "examples" / "loc-binh-2023" / "bao-cao-quy-1.yaml"
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
        docx = render(EXAMPLE, Path(work, "bao-cao.docx"))
        pdf = convert_to_pdf(docx, Path(work, "bao-cao.pdf"))
        pages = _page_count(pdf)
        figures = next(p for p in range(1, pages + 1)
                       if "Phụ lục III" in _page_text(pdf, p) and "Kèm theo" in _page_text(pdf, p))
        for page, name in ((1, "bao-cao-trang-1"), (figures, "bao-cao-phu-luc-iii")):
            print(f"wrote {_png(pdf, page, name)} (page {page} of {pages})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
