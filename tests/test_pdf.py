"""The PDF made through LibreOffice, read back with poppler: pages, sizes, page numbers.

Skipped as a whole when LibreOffice (``soffice``) or poppler-utils (``pdftotext``,
``pdfinfo``) are not installed. One conversion of the example per module (and
one more through the command line).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
import yaml

from docx_reading import (
    first_line,
    missing_pdf_tools,
    pdf_page_sizes,
    pdf_pages_text,
    to_pdf,
)

_MISSING = missing_pdf_tools()
if _MISSING:
    pytest.skip(f"PDF checks need {', '.join(_MISSING)}, not installed here",
                allow_module_level=True)

from cchc_plan.cli import main as cli_main  # noqa: E402
from cchc_plan.io import plan_from_data  # noqa: E402
from cchc_plan.render import render_plan  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "loc-binh-2023" / "ke-hoach.yaml"

A4_PORTRAIT = (595.3, 841.9)
A4_LANDSCAPE = (841.9, 595.3)


def is_size(size: tuple[float, float], expected: tuple[float, float]) -> bool:
    return abs(size[0] - expected[0]) <= 2 and abs(size[1] - expected[1]) <= 2


def is_bare_number(line: str) -> bool:
    return re.fullmatch(r"\d+", line.strip()) is not None


class Pdf:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.pages = pdf_pages_text(path)
        self.sizes = pdf_page_sizes(path)
        assert len(self.pages) == len(self.sizes)
        landscape = [i for i, s in enumerate(self.sizes) if s[0] > s[1]]
        self.appendix_start = landscape[0] if landscape else len(self.pages)

    @property
    def main_pages(self) -> list[str]:
        return self.pages[:self.appendix_start]

    @property
    def appendix_pages(self) -> list[str]:
        return self.pages[self.appendix_start:]


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Pdf:
    folder = tmp_path_factory.mktemp("pdf")
    docx = render_plan(EXAMPLE, folder / "ke-hoach.docx")
    out = to_pdf(docx, folder / "ke-hoach.pdf")
    assert out.is_file() and out.read_bytes().startswith(b"%PDF")
    return Pdf(out)


@pytest.fixture(scope="module")
def long_appendix(pdf: Pdf, tmp_path_factory: pytest.TempPathFactory) -> Pdf:
    """A PDF whose appendix has at least two pages: the example's, or a longer plan's."""
    if len(pdf.appendix_pages) >= 2:
        return pdf
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    items = data["appendix"]["groups"][-1]["items"]
    template = items[-1]
    last = max(i["number"] for g in data["appendix"]["groups"] for i in g["items"])
    for n in range(last + 1, last + 41):
        items.append({**template, "number": n, "content": f"{template['content']} (đợt {n})"})
    folder = tmp_path_factory.mktemp("pdf-long")
    docx = render_plan(plan_from_data(data), folder / "dai.docx")
    longer = Pdf(to_pdf(docx, folder / "dai.pdf"))
    assert len(longer.appendix_pages) >= 2
    return longer


# --------------------------------------------------------------------------- page 1 and numbering


def test_page_one_shows_no_page_number(pdf: Pdf) -> None:
    top = first_line(pdf.pages[0])
    assert not is_bare_number(top), top
    assert top.startswith("ỦY BAN NHÂN DÂN")


def test_main_pages_are_numbered_from_two_at_the_top(pdf: Pdf) -> None:
    assert len(pdf.main_pages) >= 2
    assert first_line(pdf.pages[1]) == "2"
    assert [first_line(p) for p in pdf.main_pages[1:]] == \
        [str(n) for n in range(2, len(pdf.main_pages) + 1)]


def test_national_title_is_on_one_line_of_page_one(pdf: Pdf) -> None:
    lines = pdf.pages[0].splitlines()
    assert any("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in line for line in lines)
    assert any("Độc lập - Tự do - Hạnh phúc" in line for line in lines)


def test_number_and_date_print_on_the_same_line(pdf: Pdf) -> None:
    lines = pdf.pages[0].splitlines()
    assert any("Số: 07/KH-UBND" in line and "Lộc Bình, ngày 06 tháng 01 năm 2023" in line
               for line in lines)


def test_recipients_label_and_authority_print_on_the_same_line(pdf: Pdf) -> None:
    last = pdf.main_pages[-1]
    assert any("Nơi nhận:" in line and "TM. ỦY BAN NHÂN DÂN" in line for line in last.splitlines())
    assert "Dương Quang Hùng" in last and "- Lưu: VT, CCHC." in last


# --------------------------------------------------------------------------- sizes


def test_pages_are_a4_portrait_until_the_appendix_then_landscape(pdf: Pdf) -> None:
    main_sizes = pdf.sizes[:pdf.appendix_start]
    appendix_sizes = pdf.sizes[pdf.appendix_start:]
    assert main_sizes and appendix_sizes
    assert all(is_size(s, A4_PORTRAIT) for s in main_sizes), main_sizes
    assert all(is_size(s, A4_LANDSCAPE) for s in appendix_sizes), appendix_sizes


def test_first_appendix_page_is_the_appendix(pdf: Pdf) -> None:
    first = pdf.appendix_pages[0]
    assert "Phụ lục" in first
    assert "Kèm theo Kế hoạch số 07/KH-UBND" in first
    assert "Phụ lục\n" not in "".join(pdf.main_pages), "the appendix starts on a page of its own"


# --------------------------------------------------------------------------- appendix numbering


def test_appendix_pages_are_numbered_from_one_hidden_on_the_first(long_appendix: Pdf) -> None:
    pages = long_appendix.appendix_pages
    assert len(pages) >= 2
    assert not is_bare_number(first_line(pages[0])), first_line(pages[0])
    assert first_line(pages[1]) == "2"
    assert [first_line(p) for p in pages[1:]] == [str(n) for n in range(2, len(pages) + 1)]


def test_appendix_header_row_repeats_on_each_page(long_appendix: Pdf) -> None:
    for page in long_appendix.appendix_pages:
        assert re.search(r"^\s*TT\s+Nội dung, nhiệm vụ\s+Sản phẩm\s+Cơ quan chủ trì", page, re.M)


# --------------------------------------------------------------------------- command line


def test_cli_render_with_pdf_writes_both_files(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "ke-hoach.docx"
    assert cli_main(["render", str(EXAMPLE), "-o", str(out), "--pdf"]) == 0
    pdf = out.with_suffix(".pdf")
    assert out.is_file() and pdf.is_file()
    assert zipfile.ZipFile(out).testzip() is None
    assert pdf.read_bytes().startswith(b"%PDF")
    assert "Phụ lục" in "".join(pdf_pages_text(pdf))
    printed = capsys.readouterr().out
    assert str(out) in printed and str(pdf) in printed
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ke-hoach.docx", "ke-hoach.pdf"]
