"""Render the pictures of the README and the documentation: pages of the example plan and report.

Page 1 and the first appendix page of the Lộc Bình plan; page 1 and Phụ lục III of the
(illustrative) quarter I report. Needs LibreOffice and poppler-utils (pdftoppm, pdfinfo,
pdftotext):

    python scripts/pictures.py            # writes docs/images/*.png
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))  # works without installing the package

from cchc_plan.docx.pdf import convert_to_pdf  # noqa: E402
from cchc_plan.render import render  # noqa: E402

EXAMPLES = ROOT / "examples" / "loc-binh-2023"
IMAGES = ROOT / "docs" / "images"

# (example, pictures: (name, which page: a test on (page number, page text)))
PICTURES: tuple[tuple[str, tuple[tuple[str, Callable[[int, str], bool]], ...]], ...] = (
    ("ke-hoach.yaml", (("ke-hoach-trang-1", lambda n, _: n == 1),
                       ("ke-hoach-phu-luc-trang-1", lambda _, text: "Kèm theo" in text))),
    ("bao-cao-quy-1.yaml", (("bao-cao-trang-1", lambda n, _: n == 1),
                            ("bao-cao-phu-luc-iii", lambda _, text: "Phụ lục III" in text and "Kèm theo" in text))),
)


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
        for example, pictures in PICTURES:
            docx = render(EXAMPLES / example, Path(work, "van-ban.docx"), force=True)
            pdf = convert_to_pdf(docx, Path(work, "van-ban.pdf"))
            pages = _page_count(pdf)
            texts = {p: _page_text(pdf, p) for p in range(1, pages + 1)}
            for name, wanted in pictures:
                page = next(p for p in range(1, pages + 1) if wanted(p, texts[p]))
                print(f"wrote {_png(pdf, page, name)} (page {page} of {pages} of {example})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
