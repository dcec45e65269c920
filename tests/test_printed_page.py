"""The printed page, read back from the PDF that LibreOffice makes: what lands on which page.

A group row of an appendix table is never left alone at the foot of a page; the signer's
position, the room for the signature and the name stay on one page with the end of the text;
no word of a column title is broken inside. Skipped as a whole without LibreOffice and poppler.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, minimal_plan
from docx_reading import missing_pdf_tools, pdf_page_sizes, pdf_page_words, to_pdf

_MISSING = missing_pdf_tools()
if _MISSING:
    pytest.skip(f"PDF checks need {', '.join(_MISSING)}, not installed here",
                allow_module_level=True)

from cchc_plan.io import plan_from_data  # noqa: E402
from cchc_plan.render import render  # noqa: E402

EXAMPLES = ROOT / "examples" / "loc-binh-2023"
SIGNER = "Dương Quang Hùng"
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV",
         "XV", "XVI", "XVII", "XVIII"]


class Printed:
    """A PDF as the words of each page, and which pages are landscape (the appendices)."""

    def __init__(self, pdf: Path) -> None:
        self.words = pdf_page_words(pdf)
        sizes = pdf_page_sizes(pdf)
        assert len(sizes) == len(self.words)
        self.landscape = [w > h for w, h in sizes]

    def pages_of(self, text: str) -> list[int]:
        """1-based numbers of the pages where the words of ``text`` print one after the other."""
        wanted = text.split()
        return [n for n, words in enumerate(self.words, start=1)
                if any(words[i:i + len(wanted)] == wanted for i in range(len(words)))]

    def page_of(self, text: str) -> int:
        pages = self.pages_of(text)
        assert len(pages) == 1, f"{text!r} prints on pages {pages}"
        return pages[0]


def _printed(source: Path | dict[str, object], folder: Path) -> Printed:
    document = plan_from_data(source) if isinstance(source, dict) else source
    docx = render(document, folder / "out.docx")
    return Printed(to_pdf(docx, folder / "out.pdf"))


@pytest.fixture(scope="module")
def plan_pdf(tmp_path_factory: pytest.TempPathFactory) -> Printed:
    return _printed(EXAMPLES / "ke-hoach.yaml", tmp_path_factory.mktemp("plan"))


@pytest.fixture(scope="module")
def year_report_pdf(tmp_path_factory: pytest.TempPathFactory) -> Printed:
    return _printed(EXAMPLES / "bao-cao-nam-2023.yaml", tmp_path_factory.mktemp("year"))


@pytest.fixture(scope="module")
def quarter_report_pdf(tmp_path_factory: pytest.TempPathFactory) -> Printed:
    return _printed(EXAMPLES / "bao-cao-quy-1.yaml", tmp_path_factory.mktemp("quarter"))


def _many_groups() -> dict[str, object]:
    """A plan whose appendix has 14 groups of one to three items of different lengths, so that
    group rows fall at every height of the page."""
    data = minimal_plan()
    groups = []
    number = 0
    for g in range(1, 15):
        items = []
        for _ in range(1 + g * 7 % 3):
            number += 1
            filler = " ".join(["theo kế hoạch đã đề ra"] * (1 + number % 4))
            items.append({"number": number,
                          "content": f"Nhiệm vụ thứ {number} {filler}",
                          "outputs": [{"text": "Báo cáo", "deadline": "Năm 2023"}],
                          "lead": ["van-phong"]})
        groups.append({"title": f"NHÓM NHIỆM VỤ SỐ {g}", "items": items})
    data["appendix"]["groups"] = groups  # type: ignore[index]
    return data


@pytest.fixture(scope="module")
def many_groups_pdf(tmp_path_factory: pytest.TempPathFactory) -> Printed:
    return _printed(_many_groups(), tmp_path_factory.mktemp("groups"))


# --------------------------------------------------------------------------- item 1: group rows


def test_the_example_plan_prints_group_vi_on_the_page_of_its_first_item(plan_pdf: Printed) -> None:
    title = "VI. XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ"
    first_item = "- Triển khai nền tảng tích hợp, chia"
    assert plan_pdf.landscape[plan_pdf.page_of(title) - 1]
    assert plan_pdf.page_of(title) == plan_pdf.page_of(first_item)


def test_no_group_row_is_left_at_the_foot_of_a_page(many_groups_pdf: Printed) -> None:
    appendix_pages = sum(many_groups_pdf.landscape)
    assert appendix_pages >= 2, "the groups fill more than one page"
    number = 0
    for g in range(1, 15):
        title_page = many_groups_pdf.page_of(f"{ROMAN[g - 1]}. NHÓM NHIỆM VỤ SỐ {g}")
        number += 1
        assert title_page == many_groups_pdf.page_of(f"Nhiệm vụ thứ {number} theo"), g
        number += g * 7 % 3


def test_the_quarter_report_prints_each_group_with_its_first_task(quarter_report_pdf: Printed) -> None:
    title = "VII. CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH"
    assert quarter_report_pdf.page_of(title) == \
        quarter_report_pdf.page_of("Xây dựng, ban hành Kế hoạch cải")


# --------------------------------------------------------------------------- item 2: the signer


@pytest.mark.parametrize("name", ["plan_pdf", "year_report_pdf", "quarter_report_pdf"])
def test_the_signer_prints_with_the_authority_and_the_end_of_the_text(
        name: str, request: pytest.FixtureRequest) -> None:
    printed: Printed = request.getfixturevalue(name)
    name_page = printed.page_of(SIGNER)
    assert not printed.landscape[name_page - 1]
    assert printed.page_of("TM. ỦY BAN NHÂN DÂN") == name_page
    assert printed.page_of("Nơi nhận:") == name_page
    closing = [n for n, words in enumerate(printed.words, start=1)
               if any(w.endswith("./.") for w in words)]
    assert closing == [name_page], "the text's last line (…/.) prints above the signature"


# --------------------------------------------------------------------------- item 3: column widths

_FIGURE_TITLES = ["TT", "Lĩnh vực", "Số hồ sơ tiếp nhận", "Số hồ sơ đã giải quyết",
                  "Đang giải quyết", "Trả lại, rút hồ sơ", "Thư xin lỗi", "Tỷ lệ đúng hạn",
                  "Tổng số", "Kỳ trước chuyển sang", "Trực tuyến", "Trực tiếp", "Bưu chính công ích",
                  "Trước hạn", "Đúng hạn", "Trễ hạn", "Trong hạn", "Quá hạn"]


def test_no_word_of_a_column_title_of_appendix_iii_breaks(year_report_pdf: Printed) -> None:
    page = year_report_pdf.page_of("Phụ lục III")
    words = year_report_pdf.words[page - 1]
    for title in _FIGURE_TITLES:
        for word in title.split():
            assert word in words, f"{word!r} of the column title {title!r} is broken on the page"
    assert "Trong" in words and "Tron" not in words


@pytest.mark.parametrize("name, heading, titles", [
    ("year_report_pdf", "Phụ lục I", ["TT", "Chỉ tiêu", "Kế hoạch", "Kết quả đạt được", "Đánh giá"]),
    ("year_report_pdf", "Phụ lục II", ["TT", "Nội dung, nhiệm vụ", "Sản phẩm", "Thời gian hoàn thành",
                                       "Tiến độ", "Kết quả, văn bản đã ban hành"]),
    ("plan_pdf", "NHIỆM VỤ CỤ THỂ TRIỂN KHAI", ["TT", "Nội dung, nhiệm vụ", "Sản phẩm",
                                                "Cơ quan chủ trì", "Cơ quan phối hợp",
                                                "Thời gian hoàn thành", "Kinh phí"]),
])
def test_no_word_of_a_column_title_breaks(name: str, heading: str, titles: list[str],
                                          request: pytest.FixtureRequest) -> None:
    printed: Printed = request.getfixturevalue(name)
    words = printed.words[printed.page_of(heading) - 1]
    for title in titles:
        for word in title.split():
            assert word in words, f"{word!r} of the column title {title!r} is broken on the page"
