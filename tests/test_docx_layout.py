"""The rendered Lộc Bình plan, read back, checked against the ND30 layout (docs nd30.md §1–§7).

The example is rendered once per module with :func:`cchc_plan.render.render_plan`;
every assertion reads the generated .docx, as a user checking the document would.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from cchc_plan.io import plan_from_data
from cchc_plan.render import render_plan
from cchc_plan.docx.textwidth import text_width_pt

from docx_reading import (
    DocxReader,
    ParaInfo,
    SectionInfo,
    TableInfo,
    normalise_space,
    text_width_twips,
)

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "loc-binh-2023" / "ke-hoach.yaml"

TWIPS_PER_MM = 1440 / 25.4
TNR = "Times New Roman"

MOTTO = "Độc lập - Tự do - Hạnh phúc"
NATIONAL = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
SUBJECT = ("Cải cách hành chính gắn với chính quyền số,",
           "dịch vụ đô thị thông minh xã Lộc Bình năm 2023")
APPENDIX_COLUMNS = ("TT", "Nội dung, nhiệm vụ", "Sản phẩm", "Cơ quan chủ trì", "Cơ quan phối hợp",
                    "Thời gian hoàn thành", "Kinh phí")
APPENDIX_SECTIONS = (
    "I. CẢI CÁCH THỂ CHẾ",
    "II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH",
    "III. CẢI CÁCH TỔ CHỨC BỘ MÁY HÀNH CHÍNH",
    "IV. XÂY DỰNG VÀ NÂNG CAO CHẤT LƯỢNG ĐỘI NGŨ CÁN BỘ, CÔNG CHỨC",
    "V. CẢI CÁCH TÀI CHÍNH CÔNG",
    "VI. XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ",
    "VII. CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH",
)


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("layout") / "ke-hoach.docx"
    written = render_plan(EXAMPLE, out)
    assert Path(written) == out and out.is_file()
    return out


@pytest.fixture(scope="module")
def doc(rendered: Path) -> DocxReader:
    return DocxReader(rendered)


@pytest.fixture(scope="module")
def main(doc: DocxReader) -> SectionInfo:
    return doc.sections[0]


@pytest.fixture(scope="module")
def appendix(doc: DocxReader) -> SectionInfo:
    assert len(doc.sections) == 2, "the plan and its appendix are two sections"
    return doc.sections[1]


@pytest.fixture(scope="module")
def header_table(main: SectionInfo) -> TableInfo:
    first = main.blocks[0]
    assert isinstance(first, TableInfo), "the document starts with the header table"
    return first


@pytest.fixture(scope="module")
def top_paragraphs(main: SectionInfo) -> list[ParaInfo]:
    """The main section's top-level paragraphs (outside the header and end tables)."""
    return [b for b in main.blocks if isinstance(b, ParaInfo)]


@pytest.fixture(scope="module")
def end_table(main: SectionInfo) -> TableInfo:
    tables = [b for b in main.blocks if isinstance(b, TableInfo)]
    assert len(tables) == 2, "the main section has the header table and the end-block table"
    return tables[-1]


@pytest.fixture(scope="module")
def body(main: SectionInfo, end_table: TableInfo) -> list[ParaInfo]:
    """Body paragraphs: from the one after the subject's rule to the end block, non-empty."""
    blocks = main.blocks
    rules = [i for i, b in enumerate(blocks)
             if isinstance(b, ParaInfo) and b.bottom_border is not None]
    assert rules, "a rule under the subject"
    end = blocks.index(end_table)
    out = [b for b in blocks[rules[0] + 1:end] if isinstance(b, ParaInfo) and b.text.strip()]
    assert all(isinstance(b, ParaInfo) for b in blocks[rules[0] + 1:end]), "no table inside the body"
    return out


@pytest.fixture(scope="module")
def appendix_table(appendix: SectionInfo) -> TableInfo:
    tables = [b for b in appendix.blocks if isinstance(b, TableInfo)]
    assert len(tables) == 1
    return tables[0]


# --------------------------------------------------------------------------- helpers


def mm(twips: int) -> float:
    return twips / TWIPS_PER_MM


def pt(twips: int) -> float:
    return twips / 20


def in_mm_range(twips: int, low: float, high: float) -> bool:
    # 1 twip of rounding: Mm(15) is 850.39 twips, written as 850.
    return low - 0.03 <= mm(twips) <= high + 0.03


def non_empty(paragraphs: list[ParaInfo]) -> list[ParaInfo]:
    return [p for p in paragraphs if p.text.strip()]


def content_width(table: TableInfo, cell_twips: int) -> int:
    """A cell's width less the table's left and right cell margins (Word's default 108)."""
    m = table.cell_margins
    return cell_twips - m.get("left", m.get("start", 108)) - m.get("right", m.get("end", 108))


def rule_length_pt(p: ParaInfo, width_twips: int) -> float:
    """Printed length of a paragraph's bottom border: the available width less its indents."""
    return pt(width_twips - p.left_twips - p.right_twips)


def assert_rule(p: ParaInfo) -> None:
    assert p.bottom_border is not None, f"{p.text!r} has no bottom border"
    assert p.bottom_border.val == "single", "a solid line"
    assert not p.text.strip(), "the rule is an empty paragraph, not typed characters"
    assert p.align == "center"
    assert abs(p.left_twips - p.right_twips) <= 1, "the rule is centred (equal indents)"


def cell_rows(table: TableInfo) -> list[list[str]]:
    return [[normalise_space(c.text) for c in row.cells] for row in table.rows]


# --------------------------------------------------------------------------- §1 page


def test_first_section_is_a4_portrait(main: SectionInfo) -> None:
    assert abs(main.page_w - 11906) <= 2 and abs(main.page_h - 16838) <= 2
    assert main.orient in (None, "portrait")


@pytest.mark.parametrize("index", [0, 1], ids=["main", "appendix"])
def test_margins_are_within_the_decree_ranges(doc: DocxReader, index: int) -> None:
    m = doc.sections[index].margins
    assert in_mm_range(m["top"], 20, 25), mm(m["top"])
    assert in_mm_range(m["bottom"], 20, 25), mm(m["bottom"])
    assert in_mm_range(m["left"], 30, 35), mm(m["left"])
    assert in_mm_range(m["right"], 15, 20), mm(m["right"])


def test_every_run_is_times_new_roman_on_all_four_slots_in_vietnamese(doc: DocxReader) -> None:
    runs = doc.all_runs()
    assert len(runs) > 300
    wrong = [(r.text[:30], r.fonts) for r in runs if set(r.fonts.values()) != {TNR}]
    assert not wrong, wrong[:5]
    wrong_lang = [(r.text[:30], r.lang) for r in runs if r.lang != "vi-VN"]
    assert not wrong_lang, wrong_lang[:5]


def test_styles_have_no_theme_fonts(doc: DocxReader) -> None:
    styles = doc.part_bytes("word/styles.xml").decode("utf-8")
    assert not re.search(r"w:(asciiTheme|hAnsiTheme|eastAsiaTheme|cstheme)=", styles)
    # Defaults a new paragraph typed by the user would get: Times New Roman, vi-VN.
    defaults = re.search(r"<w:rPrDefault>.*?</w:rPrDefault>", styles, re.S)
    assert defaults is not None
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        assert f'w:{slot}="{TNR}"' in defaults.group(0)
    assert 'w:val="vi-VN"' in defaults.group(0)


def test_no_underline_and_no_typed_rules(doc: DocxReader) -> None:
    runs = doc.all_runs()
    assert not [r.text for r in runs if r.underline]
    assert not [r.text for r in runs if re.search(r"_{3,}|-{5,}|─{3,}", r.text)]


# --------------------------------------------------------------------------- §2 header (ô 1–4)


def test_header_is_a_borderless_two_column_table_about_40_60(
        header_table: TableInfo, main: SectionInfo) -> None:
    assert header_table.borderless
    assert len(header_table.grid_cols) == 2
    left, right = header_table.grid_cols
    total = left + right
    assert abs(total - text_width_twips(main)) <= 20, "the header spans the text width"
    assert abs(100 * left / total - 40) <= 5, left / total
    assert abs(100 * right / total - 60) <= 5, right / total
    assert len(header_table.rows) == 2
    for row in header_table.rows:
        assert [c.width_twips for c in row.cells] == [left, right]


def test_header_left_cell_agency_and_its_rule(header_table: TableInfo) -> None:
    cell = header_table.rows[0].cells[0]
    lines = non_empty(cell.paragraphs)
    assert [p.text for p in lines] == ["ỦY BAN NHÂN DÂN", "XÃ LỘC BÌNH"]
    for p in lines:
        assert p.bold and not p.italic and p.size == 13
        assert p.align == "center"
    after = cell.paragraphs[cell.paragraphs.index(lines[-1]) + 1:]
    rules = [p for p in after if p.bottom_border is not None]
    assert len(rules) == 1, "one rule under the agency"
    rule = rules[0]
    assert_rule(rule)
    length = rule_length_pt(rule, content_width(header_table, cell.width_twips))
    line = max(text_width_pt(p.text, 13, bold=True) for p in lines)
    assert line / 3 <= length <= line / 2, (length, line)


def test_header_right_cell_national_title_motto_and_its_rule(header_table: TableInfo) -> None:
    cell = header_table.rows[0].cells[1]
    lines = non_empty(cell.paragraphs)
    assert [p.text for p in lines] == [NATIONAL, MOTTO]
    national, motto = lines
    assert national.bold and not national.italic and national.size == 13
    assert motto.bold and not motto.italic and motto.size == 14
    assert national.align == motto.align == "center"
    rules = [p for p in cell.paragraphs if p.bottom_border is not None]
    assert len(rules) == 1
    rule = rules[0]
    assert cell.paragraphs.index(rule) > cell.paragraphs.index(motto), "the rule is under the motto"
    assert_rule(rule)
    length = rule_length_pt(rule, content_width(header_table, cell.width_twips))
    motto_width = text_width_pt(MOTTO, 14, bold=True)
    assert abs(length - motto_width) <= 0.05 * motto_width, (length, motto_width)


def test_number_and_date_are_on_the_same_row(header_table: TableInfo) -> None:
    row = header_table.rows[1]
    left, right = (non_empty(c.paragraphs) for c in row.cells)
    assert [p.text for p in left] == ["Số: 07/KH-UBND"]
    assert [p.text for p in right] == ["Lộc Bình, ngày 06 tháng 01 năm 2023"]
    number, date = left[0], right[0]
    assert number.size == 13 and not number.bold and not number.italic
    assert date.size == 14 and date.italic and not date.bold
    assert number.align == date.align == "center"


# --------------------------------------------------------------------------- §2 title (ô 5a)


def test_title_subject_and_rule(top_paragraphs: list[ParaInfo], main: SectionInfo) -> None:
    texts = [p.text for p in top_paragraphs]
    i = texts.index("KẾ HOẠCH")
    doc_type = top_paragraphs[i]
    assert doc_type.bold and doc_type.size == 14 and doc_type.align == "center"
    subject = top_paragraphs[i + 1:i + 3]
    assert tuple(p.text for p in subject) == SUBJECT
    for p in subject:
        assert p.bold and not p.italic and p.size == 14 and p.align == "center"
    rule = top_paragraphs[i + 3]
    assert_rule(rule)
    length = rule_length_pt(rule, text_width_twips(main))
    longest = max(text_width_pt(s, 14, bold=True) for s in SUBJECT)
    assert longest / 3 <= length <= longest / 2, (length, longest)


# --------------------------------------------------------------------------- §2 body (ô 6), §6 headings


def test_body_paragraphs_are_justified_indented_spaced_single_14pt(body: list[ParaInfo]) -> None:
    assert len(body) > 100
    for p in body:
        assert p.align == "both", p.text[:40]
        assert p.first_line_twips in (567, 720), (p.text[:40], p.first_line_twips)
        assert (p.before_twips or 0) >= 120, (p.text[:40], p.before_twips)
        assert p.line == 240 and p.line_rule in (None, "auto"), (p.text[:40], p.line)
        assert p.sizes == {14}, (p.text[:40], p.sizes)
        assert not p.in_table


def test_body_opens_with_the_bases_and_ends_with_the_closing_mark(body: list[ParaInfo]) -> None:
    assert body[0].text.startswith("Thực hiện Quyết định số 3134/QĐ-UBND ngày 24/12/2022")
    assert body[-1].text.startswith("Cải cách hành chính là nhiệm vụ trọng tâm")
    assert body[-1].text.endswith("./.")
    assert sum(p.text.endswith("./.") for p in body) == 1


def by_text(body: list[ParaInfo], text: str) -> ParaInfo:
    found = [p for p in body if p.text == text]
    assert len(found) == 1, (text, len(found))
    return found[0]


@pytest.mark.parametrize("text", ["I. MỤC TIÊU, YÊU CẦU", "II. NHIỆM VỤ CÔNG TÁC CCHC",
                                  "III. TỔ CHỨC THỰC HIỆN", "1. Mục tiêu", "2. Yêu cầu",
                                  "1. Cải cách thể chế",
                                  "6. Xây dựng và phát triển chính quyền điện tử, chính quyền số"])
def test_level_1_and_2_headings_are_bold(body: list[ParaInfo], text: str) -> None:
    p = by_text(body, text)
    assert p.bold and not p.italic


def test_level_3_headings_are_italic_letters(body: list[ParaInfo]) -> None:
    level3 = [p for p in body if re.fullmatch(r"[a-zđ]\) \S.*", p.text) and len(p.text) < 40]
    assert [p.text for p in level3[:2]] == ["a) Chỉ tiêu", "b) Nhiệm vụ"]
    assert len(level3) == 14, "a) and b) under each of the seven areas"
    for p in level3:
        assert p.italic and not p.bold, p.text


def test_heading_labels_are_typed_text_not_auto_numbering(doc: DocxReader) -> None:
    assert not list(doc.body.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}numPr"))


def test_duty_labels_are_bold_and_their_text_regular(body: list[ParaInfo]) -> None:
    p = next(p for p in body if p.text.startswith("2. Bộ phận Văn phòng - Thống kê:"))
    runs = p.text_runs
    assert runs[0].text == "2. Bộ phận Văn phòng - Thống kê:" and runs[0].bold
    assert all(not r.bold for r in runs[1:]) and "Tham mưu UBND xã" in runs[1].text


# --------------------------------------------------------------------------- §2 end block (ô 7, 9b)


def test_end_block_is_a_borderless_two_column_table(end_table: TableInfo, main: SectionInfo) -> None:
    assert end_table.borderless
    assert len(end_table.grid_cols) == 2
    assert abs(sum(end_table.grid_cols) - text_width_twips(main)) <= 20


def test_recipients_label_and_authority_are_on_the_same_row(end_table: TableInfo) -> None:
    left, right = end_table.rows[0].cells
    label = non_empty(left.paragraphs)[0]
    assert label.text == "Nơi nhận:"
    assert label.size == 12 and label.bold and label.italic and label.align in (None, "left", "start")
    authority = non_empty(right.paragraphs)[0]
    assert authority.text == "TM. ỦY BAN NHÂN DÂN"
    assert authority.bold and authority.size == 14 and authority.align == "center"
    # Same line: the same space before both first lines.
    assert (label.before_twips or 0) == (authority.before_twips or 0)


def test_recipients_lines(end_table: TableInfo) -> None:
    left = end_table.rows[0].cells[0]
    lines = non_empty(left.paragraphs)[1:]
    assert [p.text for p in lines] == [
        "- UBND huyện;", "- Phòng Nội vụ;", "- TT. Đảng ủy;", "- TT. HĐND xã;",
        "- TT. UBMTTQVN xã;", "- CT, các PCT UBND xã;", "- Các ban, ngành, đoàn thể xã;",
        "- Lưu: VT, CCHC."]
    for p in lines:
        assert p.size == 11 and not p.bold and not p.italic
    for p in lines[:-1]:
        assert p.text.startswith("- ") and p.text.endswith(";")


def test_signer_block(end_table: TableInfo) -> None:
    right = end_table.rows[0].cells[1]
    paragraphs = right.paragraphs
    texts = [p.text for p in non_empty(paragraphs)]
    assert texts == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Dương Quang Hùng"]
    for p in non_empty(paragraphs):
        assert p.bold and p.size == 14 and p.align == "center"
    position = next(i for i, p in enumerate(paragraphs) if p.text == "CHỦ TỊCH")
    name = next(i for i, p in enumerate(paragraphs) if p.text == "Dương Quang Hùng")
    assert name - position - 1 >= 3, "room for the signature and the seal"


# --------------------------------------------------------------------------- §1 page numbers


def test_page_numbers_in_the_header_hidden_on_page_one(main: SectionInfo) -> None:
    assert main.title_pg
    default, first = main.headers["default"], main.headers["first"]
    assert default is not None and default.has_page_field
    field_paragraphs = [p for p in default.paragraphs if any(r.has_field for r in p.runs)]
    assert len(field_paragraphs) == 1
    p = field_paragraphs[0]
    assert p.align == "center"
    sizes = {r.size_pt for r in p.runs}
    assert len(sizes) == 1 and 13 <= sizes.pop() <= 14
    assert not any(r.italic for r in p.runs), "page numbers upright"
    assert first is None or not first.has_page_field
    assert first is None or not "".join(q.text for q in first.paragraphs).strip()


# --------------------------------------------------------------------------- §7 appendix section


def test_appendix_is_a_landscape_a4_section_numbered_from_one(appendix: SectionInfo) -> None:
    assert appendix.landscape and appendix.orient == "landscape"
    assert abs(appendix.page_w - 16838) <= 2 and abs(appendix.page_h - 11906) <= 2
    assert appendix.pgnum_start == 1
    assert appendix.pgnum_fmt in (None, "decimal")
    assert appendix.title_pg
    default, first = appendix.headers["default"], appendix.headers["first"]
    assert default is not None and default.has_page_field
    assert first is None or not first.has_page_field


def test_appendix_starts_with_heading_title_and_reference(appendix: SectionInfo) -> None:
    first = appendix.blocks[0]
    assert isinstance(first, ParaInfo), "the section starts with a paragraph, not a table"
    assert first.text == "Phụ lục"  # nd30 §2: lower case
    assert first.bold and first.size == 14 and first.align == "center"
    paragraphs = non_empty([b for b in appendix.blocks if isinstance(b, ParaInfo)])
    title, reference = paragraphs[1], paragraphs[2]
    assert title.text == "NHIỆM VỤ CỤ THỂ TRIỂN KHAI CÔNG TÁC CẢI CÁCH HÀNH CHÍNH NĂM 2023"
    assert title.bold and title.align == "center" and 13 <= title.size <= 14
    assert reference.text == ("(Kèm theo Kế hoạch số 07/KH-UBND ngày 06 tháng 01 năm 2023 "
                              "của UBND xã Lộc Bình)")
    assert reference.italic and not reference.bold and reference.align == "center"
    assert 13 <= reference.size <= 14


def test_appendix_header_row(appendix_table: TableInfo) -> None:
    header = appendix_table.rows[0]
    assert tuple(normalise_space(c.text) for c in header.cells) == APPENDIX_COLUMNS
    assert header.tbl_header, "the header row repeats on each page"
    for cell in header.cells:
        for p in non_empty(cell.paragraphs):
            assert p.bold and p.align == "center"
    assert not any(r.tbl_header for r in appendix_table.rows[1:])


def test_appendix_section_rows(appendix_table: TableInfo) -> None:
    sections = [r for r in appendix_table.rows if len(r.cells) == 1]
    assert [normalise_space(r.cells[0].text) for r in sections] == list(APPENDIX_SECTIONS)
    for row in sections:
        cell = row.cells[0]
        assert cell.grid_span == 7
        assert all(p.bold for p in non_empty(cell.paragraphs))
    assert all(len(r.cells) == 7 for r in appendix_table.rows if r not in sections)


def test_appendix_text_size(appendix_table: TableInfo) -> None:
    sizes = {r.size_pt for row in appendix_table.rows for c in row.cells
             for p in c.paragraphs for r in p.text_runs}
    assert sizes and sizes <= {12, 13}


def rows_of_item(table: TableInfo, number: str) -> list:
    rows = table.rows
    start = next(i for i, r in enumerate(rows)
                 if len(r.cells) == 7 and normalise_space(r.cells[0].text) == number
                 and r.cells[0].v_merge != "continue")
    end = start + 1
    while end < len(rows) and len(rows[end].cells) == 7 and rows[end].cells[0].is_continuation:
        end += 1
    return rows[start:end]


def test_item_2_spans_two_rows_with_merged_cells(appendix_table: TableInfo) -> None:
    first, second = rows_of_item(appendix_table, "2")
    for col in (0, 1, 3, 4):  # TT, content, lead, partners
        assert first.cells[col].v_merge == "restart", col
        assert second.cells[col].v_merge == "continue", col
        assert not second.cells[col].text.strip()
    assert normalise_space(first.cells[1].text) == "Kiểm tra, rà soát văn bản QPPL"
    assert normalise_space(first.cells[3].text) == "Tư pháp - Hộ tịch"
    assert normalise_space(first.cells[4].text) == "Các ban, ngành"
    assert [normalise_space(r.cells[2].text) for r in (first, second)] == [
        "Kế hoạch kiểm tra văn bản QPPL", "Tổ chức kiểm tra/báo cáo"]
    assert [normalise_space(r.cells[5].text) for r in (first, second)] == [
        "Trước ngày 31/12 hàng năm", "Năm 2023"]
    assert second.cells[2].v_merge != "continue" and second.cells[5].v_merge != "continue"


def test_consecutive_equal_budgets_are_one_merged_cell(appendix_table: TableInfo) -> None:
    shown: list[tuple[int, str]] = []  # (row index, budget text of a cell that prints it)
    for i, row in enumerate(appendix_table.rows[1:], start=1):
        if len(row.cells) != 7:
            continue
        cell = row.cells[6]
        if not cell.is_continuation:
            shown.append((i, normalise_space(cell.text)))
    for (i, a), (j, b) in zip(shown, shown[1:], strict=False):
        if a and a == b:
            between = appendix_table.rows[i + 1:j]
            assert any(len(r.cells) == 1 for r in between), (
                f"rows {i} and {j} print the same budget {a!r} in two cells")
    # Items 1 and 2 share "Theo dự toán ngân sách hàng năm": one cell over their three rows.
    rows = rows_of_item(appendix_table, "1") + rows_of_item(appendix_table, "2")
    assert len(rows) == 3
    assert rows[0].cells[6].v_merge == "restart"
    assert normalise_space(rows[0].cells[6].text) == "Theo dự toán ngân sách hàng năm"
    assert [r.cells[6].v_merge for r in rows[1:]] == ["continue", "continue"]
    after = appendix_table.rows[appendix_table.rows.index(rows[-1]) + 1]
    assert after.cells[6].v_merge != "continue", "the merge stops after item 2"


def test_every_cell_has_a_width_and_the_grid_adds_up(appendix_table: TableInfo,
                                                       appendix: SectionInfo) -> None:
    grid = appendix_table.grid_cols
    assert len(grid) == 7 and all(g > 0 for g in grid)
    assert appendix_table.width_type == "dxa"
    assert abs(sum(grid) - appendix_table.width_twips) <= 2
    assert abs(sum(grid) - text_width_twips(appendix)) <= 20, "the table is as wide as the text"
    for row in appendix_table.rows:
        col = 0
        for cell in row.cells:
            assert cell.width_twips is not None and cell.width_type == "dxa"
            spanned = sum(grid[col:col + cell.grid_span])
            assert abs(cell.width_twips - spanned) <= 2, (col, cell.width_twips, spanned)
            col += cell.grid_span
        assert col == 7


def test_rows_do_not_split_across_pages(appendix_table: TableInfo) -> None:
    assert all(r.cant_split for r in appendix_table.rows[1:])


# --------------------------------------------------------------------------- §7 determinism


def test_same_input_renders_to_the_same_bytes(rendered: Path, tmp_path: Path) -> None:
    again = [render_plan(EXAMPLE, tmp_path / f"{n}" / "ke-hoach.docx") for n in range(2)]
    first = rendered.read_bytes()
    assert again[0].read_bytes() == first
    assert again[1].read_bytes() == first


# --------------------------------------------------------------------------- wrapped agency name


def test_rule_under_a_wrapped_agency_name_stays_within_half_the_line(tmp_path: Path) -> None:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["issuer"].pop("header")  # printed as the name in capitals, on one line that must wrap
    data["issuer"]["name"] = "Ủy ban nhân dân thị trấn Phong Điền"
    plan = plan_from_data(data)
    out = render_plan(plan, tmp_path / "wrapped.docx")
    table = DocxReader(out).sections[0].blocks[0]
    cell = table.rows[0].cells[0]
    lines = non_empty(cell.paragraphs)
    assert [p.text for p in lines] == ["ỦY BAN NHÂN DÂN THỊ TRẤN PHONG ĐIỀN"]
    width = content_width(table, cell.width_twips)
    assert text_width_pt(lines[0].text, 13, bold=True) > pt(width), "the name wraps in the cell"
    rule = next(p for p in cell.paragraphs if p.bottom_border is not None)
    # Every printed line is at most the cell's width, so the rule can be at most half of that.
    assert rule_length_pt(rule, width) <= pt(width) / 2
