"""The checker on documents as other writers make them: what it used to miss, what it used to
report wrongly.

Each fixture is a small document built here with python-docx and lxml the way Word, other
generators or LibreOffice write it: a PAGE field whose parts are all in one ``w:r``; a one-page
section whose never-shown default header was dropped; a Party document (Hướng dẫn 36-HD/VPTW
layout); a Quyết định whose căn cứ lines follow the line of the issuing authority; Số and the
date on two rows; a signer block on one line; an appendix whose "(Kèm theo …)" no longer
matches the header; a subject rule typed as underscores under a title that is not recognised.
The correct base document gives no finding, so each variant must give exactly its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, Twips

from cchc_plan.checker import CheckReport, Severity, check_docx
from cchc_plan.cli.check import main as check_main
from cchc_plan.docx.textwidth import text_width_pt

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TNR = "Times New Roman"
TEXT_PT = (210 - 30 - 15) / 25.4 * 72
MOTTO = "Độc lập - Tự do - Hạnh phúc"
PLAN_BODY = ("I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích",
             "Nâng cao chất lượng giải quyết thủ tục hành chính cho người dân.",
             "Các bộ phận tổ chức thực hiện nghiêm túc kế hoạch này./.")
FILLER = "Các bộ phận tổ chức thực hiện nghiêm túc, kịp thời các nhiệm vụ được giao trong năm."
LONG_BODY = (*PLAN_BODY[:3], *[FILLER] * 60, PLAN_BODY[-1])
"""Three pages or so: pages after the first show the header."""
SIGNER = (("TM. ỦY BAN NHÂN DÂN", True), ("CHỦ TỊCH", True), ("", False), ("", False),
          ("Nguyễn Văn An", True))
ONE_RUN_PAGE_FIELD = (
    f'<w:r xmlns:w="{W}"><w:rPr><w:sz w:val="26"/></w:rPr><w:fldChar w:fldCharType="begin"/>'
    '<w:instrText xml:space="preserve"> PAGE </w:instrText><w:fldChar w:fldCharType="separate"/>'
    '<w:t>2</w:t><w:fldChar w:fldCharType="end"/></w:r>')
SIMPLE_PAGE_FIELD = (f'<w:fldSimple xmlns:w="{W}" w:instr=" PAGE "><w:r><w:rPr><w:sz w:val="26"/>'
                     '</w:rPr><w:t>2</w:t></w:r></w:fldSimple>')


def ids(report: CheckReport) -> set[str]:
    return {f.rule for f in report.findings}


def show(report: CheckReport) -> str:
    return "\n".join(f"{f.rule} | {f.location} | {f.found} → {f.expected}" for f in report.findings)


# --------------------------------------------------------------------------- building documents


def _empty(cell: Any) -> Any:
    for p in list(cell._tc.findall(qn("w:p"))):
        cell._tc.remove(p)
    return cell


def _line(container: Any, text: str, size: float, *, bold: bool = False, italic: bool = False,
          underline: bool = False, align: Any = WD_ALIGN_PARAGRAPH.CENTER) -> Any:
    p = container.add_paragraph()
    p.alignment = align
    if text:
        run = p.add_run(text)
        run.font.size = Pt(size)
        run.bold, run.italic, run.underline = bold, italic, underline
    return p


def _rule(container: Any, length_pt: float, width_pt: float) -> None:
    p = container.add_paragraph()
    side = (width_pt - length_pt) / 2
    p.paragraph_format.left_indent = Twips(round(side * 20))
    p.paragraph_format.right_indent = Twips(round(side * 20))
    p.paragraph_format.space_before = Pt(0)
    p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    p.paragraph_format.line_spacing = Pt(2)
    p._p.get_or_add_pPr().insert(0, parse_xml(
        f'<w:pBdr xmlns:w="{W}"><w:bottom w:val="single" w:sz="6" w:space="1" w:color="auto"/></w:pBdr>'))


def _table(d: Any, shares: Sequence[float], rows: int = 1) -> Any:
    table = d.add_table(rows=rows, cols=len(shares))
    for column, share in zip(table.columns, shares, strict=True):
        column.width = Twips(round(TEXT_PT * share * 20))
    for row in table.rows:
        for cell, share in zip(row.cells, shares, strict=True):
            cell.width = Twips(round(TEXT_PT * share * 20))
            _empty(cell)
    return table


def _page_setup(section: Any, *, landscape: bool = False) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    width, height = Mm(210), Mm(297)
    section.page_width, section.page_height = (height, width) if landscape else (width, height)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)


def _page_numbers(section: Any, field: str) -> None:
    section.different_first_page_header_footer = True
    header = section.header
    header.is_linked_to_previous = False
    p = header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p._p.append(parse_xml(field))


def office_document(
        path: Path, *,
        left: Sequence[tuple[str, bool]] = (("ỦY BAN NHÂN DÂN", True), ("XÃ AN BÌNH", True)),
        national: str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", motto: str | None = MOTTO,
        number: str = "Số: 07/KH-UBND", date: str = "An Bình, ngày 06 tháng 01 năm 2024",
        number_date_rows: int = 2, doc_type: str = "KẾ HOẠCH",
        subject: str = "Cải cách hành chính xã An Bình năm 2024", typed_subject_rule: bool = False,
        body: Sequence[str | tuple[str, dict[str, Any]]] = PLAN_BODY,
        signer: Sequence[tuple[str, bool]] = SIGNER,
        recipients: Sequence[str] = ("- UBND huyện;", "- TT. HĐND xã;", "- Lưu: VT."),
        page_field: str = SIMPLE_PAGE_FIELD, drop_default_header: bool = False,
        appendix_reference: str | None = None) -> Path:
    """A correct document as an office types it in Word (python-docx's default template):
    header and end block in borderless tables, rules as paragraph borders, a PAGE field in the
    header not shown on page 1; the keywords change one thing each."""
    d = docx.Document()
    section = d.sections[0]
    _page_setup(section)
    normal = d.styles["Normal"]
    normal.font.name = TNR
    normal.font.size = Pt(14)
    normal.paragraph_format.space_before = Pt(6)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    _page_numbers(section, page_field)
    if drop_default_header:
        # As LibreOffice saves a section that never shows its default header (one page, a
        # different first page): the first-page header only.
        first = section.first_page_header
        first.is_linked_to_previous = False
        for ref in section._sectPr.findall(qn("w:headerReference")):
            if ref.get(qn("w:type")) == "default":
                section._sectPr.remove(ref)
    left_w, right_w = TEXT_PT * 0.4, TEXT_PT * 0.6
    margins = 2 * 108 / 20
    table = _table(d, (0.4, 0.6), rows=number_date_rows)
    a, b = table.rows[0].cells
    for text, bold in left:
        _line(a, text, 13, bold=bold)
    widest = max(text_width_pt(t, 13, bold=True) for t, _ in left)
    _rule(a, widest * 0.4, left_w - margins)
    _line(b, national, 13, bold=True)
    if motto is not None:
        _line(b, motto, 14, bold=True)
        _rule(b, text_width_pt(motto, 14, bold=True), right_w - margins)
    if number_date_rows == 1:  # Số under the agency, the date under the Tiêu ngữ: two rows in effect
        _line(a, number, 13)
        _line(b, date, 14, italic=True)
    elif number_date_rows == 2:
        c, e = table.rows[1].cells
        _line(c, number, 13)
        _line(e, date, 14, italic=True)
    else:  # one row each
        _line(table.rows[1].cells[0], number, 13)
        _line(table.rows[2].cells[1], date, 14, italic=True)
        for row in (table.rows[1], table.rows[2]):
            for cell in row.cells:
                if not cell._tc.findall(qn("w:p")):
                    cell.add_paragraph()
    _line(d, doc_type, 14, bold=True)
    _line(d, subject, 14, bold=True)
    if typed_subject_rule:
        _line(d, "__________", 14)
    else:
        _rule(d, text_width_pt(subject, 14, bold=True) * 0.4, TEXT_PT)
    for item in body:
        text, options = (item, {}) if isinstance(item, str) else item
        p = d.add_paragraph()
        p.alignment = options.get("align", WD_ALIGN_PARAGRAPH.JUSTIFY)
        if options.get("indent", True):
            p.paragraph_format.first_line_indent = Cm(1.27)
        lead = options.get("lead", "")  # a bold label before the text: "Điều 1."
        if lead:
            p.add_run(lead).bold = True
        run = p.add_run(text[len(lead):])
        run.bold = options.get("bold", text[:2] in ("I.", "1."))
        run.italic = options.get("italic", False)
    end = _table(d, (0.35, 0.65))
    left_cell, right_cell = end.rows[0].cells
    _line(left_cell, "Nơi nhận:", 12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    for item in recipients:
        _line(left_cell, item, 11, align=WD_ALIGN_PARAGRAPH.LEFT)
    for text, bold in signer:
        _line(right_cell, text, 14, bold=bold)
    if appendix_reference is not None:
        appendix = d.add_section(WD_SECTION.NEW_PAGE)
        _page_setup(appendix, landscape=True)
        appendix.different_first_page_header_footer = True
        appendix._sectPr.append(parse_xml(f'<w:pgNumType xmlns:w="{W}" w:start="1"/>'))
        _line(d, "Phụ lục", 14, bold=True)
        _line(d, "NHIỆM VỤ CỤ THỂ", 14, bold=True)
        _line(d, appendix_reference, 14, italic=True)
    d.save(str(path))
    return path


@pytest.fixture
def base(tmp_path: Path) -> Path:
    return office_document(tmp_path / "base.docx")


def test_the_base_document_is_correct(base: Path, tmp_path: Path) -> None:
    report = check_docx(base)
    assert report.findings == (), show(report)
    report = check_docx(office_document(tmp_path / "long.docx", body=LONG_BODY))
    assert report.findings == (), show(report)


# --------------------------------------------------------------------------- page numbers


def test_a_page_field_written_in_one_run_is_seen(tmp_path: Path) -> None:
    report = check_docx(office_document(tmp_path / "one-run.docx", page_field=ONE_RUN_PAGE_FIELD,
                                        body=LONG_BODY))
    assert report.findings == (), show(report)


def test_the_size_of_a_page_field_in_one_run_is_checked(tmp_path: Path) -> None:
    small = ONE_RUN_PAGE_FIELD.replace('w:val="26"', 'w:val="20"')
    report = check_docx(office_document(tmp_path / "small.docx", page_field=small, body=LONG_BODY))
    assert ids(report) == {"ND30-PAGE-NUMBER-SIZE"}, show(report)
    assert "10 pt" in report.findings[0].found


def test_a_one_page_section_without_its_never_shown_default_header_is_fine(tmp_path: Path) -> None:
    report = check_docx(office_document(tmp_path / "mot-trang.docx", drop_default_header=True))
    assert report.findings == (), show(report)


def test_a_long_section_without_a_default_header_misses_its_page_numbers(tmp_path: Path) -> None:
    report = check_docx(office_document(tmp_path / "dai.docx", drop_default_header=True, body=LONG_BODY))
    assert ids(report) == {"ND30-PAGE-NUMBER"}, show(report)
    assert report.findings[0].location == "phần 1"


# --------------------------------------------------------------------------- a Party document


def party_document(path: Path) -> Path:
    """A Hướng dẫn of a commune's Party committee, laid out as Hướng dẫn 36-HD/VPTW says:
    "ĐẢNG CỘNG SẢN VIỆT NAM" (underlined) where a state document has the Quốc hiệu, the
    committee and a star on the left, "Số 12-HD/ĐU" with no colon, "T/M BAN THƯỜNG VỤ"."""
    return office_document(
        path, left=(("ĐẢNG BỘ HUYỆN PHÚ LỘC", False), ("ĐẢNG ỦY XÃ AN BÌNH", True), ("*", False)),
        national="ĐẢNG CỘNG SẢN VIỆT NAM", motto=None, number="Số 12-HD/ĐU",
        date="An Bình, ngày 6 tháng 01 năm 2024", doc_type="HƯỚNG DẪN",
        subject="thực hiện công tác cải cách hành chính năm 2024",
        body=("I- MỤC ĐÍCH, YÊU CẦU", "1- Quán triệt sâu sắc chủ trương của Đảng về cải cách hành chính.",
              "2- Các chi bộ triển khai thực hiện nghiêm túc hướng dẫn này."),
        signer=(("T/M BAN THƯỜNG VỤ", True), ("BÍ THƯ", True), ("", False), ("Nguyễn Văn An", True)),
        recipients=("- Các chi bộ,", "- Lưu Văn phòng Đảng ủy."))


def test_a_party_document_is_said_to_be_outside_the_decree(tmp_path: Path) -> None:
    report = check_docx(party_document(tmp_path / "huong-dan.docx"))
    assert ids(report) == {"ND30-NOT-STATE-DOCUMENT"}, show(report)
    finding = report.findings[0]
    assert finding.severity is Severity.WARNING and report.errors == 0
    assert "văn bản của Đảng" in finding.found and "ĐẢNG CỘNG SẢN VIỆT NAM" in finding.location
    assert "36-HD/VPTW" in finding.expected


def test_check_on_a_party_document_says_so_and_exits_0(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    path = party_document(tmp_path / "huong-dan.docx")
    assert check_main([str(path)]) == 0
    out = capsys.readouterr().out
    assert "không phải văn bản hành chính nhà nước" in out and "0 lỗi, 1 cảnh báo" in out


def test_a_state_document_quoting_the_party_is_still_checked(tmp_path: Path) -> None:
    """The words "Đảng Cộng sản Việt Nam" in a state document's text change nothing."""
    body = (*PLAN_BODY[:3], "ĐẢNG CỘNG SẢN VIỆT NAM", PLAN_BODY[-1])
    report = check_docx(office_document(tmp_path / "ke-hoach.docx", body=body))
    assert "ND30-NOT-STATE-DOCUMENT" not in ids(report), show(report)


# --------------------------------------------------------------------------- a Quyết định

DECISION_BODY: tuple[str | tuple[str, dict[str, Any]], ...] = (
    ("CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ AN BÌNH", {"bold": True, "align": WD_ALIGN_PARAGRAPH.CENTER,
                                            "indent": False}),
    ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;", {"italic": True}),
    ("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;",
     {"italic": True}),
    ("Theo đề nghị của công chức Văn phòng - Thống kê.", {"italic": True}),
    ("QUYẾT ĐỊNH:", {"bold": True, "align": WD_ALIGN_PARAGRAPH.CENTER, "indent": False}),
    ("Điều 1. Ban hành kèm theo Quyết định này Kế hoạch cải cách hành chính năm 2024.", {"lead": "Điều 1."}),
    ("Điều 2. Quyết định này có hiệu lực kể từ ngày ký.", {"lead": "Điều 2."}),
    ("Điều 3. Công chức Văn phòng - Thống kê và các bộ phận chịu trách nhiệm thi hành Quyết định này./.",
     {"lead": "Điều 3."}),
)


def decision(path: Path, authority: str = "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ AN BÌNH", **changes: Any) -> Path:
    """A Quyết định of the commune's chairman (Mẫu 1.1): under the subject the line of the
    issuing authority, then the căn cứ, "QUYẾT ĐỊNH:", the articles; signed "CHỦ TỊCH"."""
    body = ((authority, DECISION_BODY[0][1]), *DECISION_BODY[1:])
    options: dict[str, Any] = dict(
        number="Số: 05/QĐ-UBND", doc_type="QUYẾT ĐỊNH",
        subject="Về việc ban hành Kế hoạch cải cách hành chính năm 2024", body=body,
        signer=(("CHỦ TỊCH", True), ("", False), ("", False), ("Nguyễn Văn An", True)),
        recipients=("- Như Điều 3;", "- Lưu: VT."))
    options.update(changes)
    return office_document(path, **options)


AUTHORITIES = ["CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ AN BÌNH", "CHỦ TỊCH UBND XÃ AN BÌNH", "GIÁM ĐỐC SỞ NỘI VỤ"]


@pytest.mark.parametrize("authority", AUTHORITIES)
def test_a_decision_is_correct_and_its_signer_is_the_one_at_the_end(tmp_path: Path, authority: str) -> None:
    report = check_docx(decision(tmp_path / "quyet-dinh.docx", authority))
    assert report.findings == (), show(report)


@pytest.mark.parametrize("authority", AUTHORITIES)
def test_the_signer_of_a_decision_is_checked_not_its_authority_line(tmp_path: Path, authority: str) -> None:
    report = check_docx(decision(tmp_path / "quyet-dinh.docx", authority,
                                 signer=(("CHỦ TỊCH", True), ("", False), ("Nguyễn Văn An", False))))
    assert ids(report) == {"ND30-SIGNER-NAME"}, show(report)
    assert "Nguyễn Văn An" in report.findings[0].location and "không đậm" in report.findings[0].found


def test_an_article_of_a_decision_still_gets_its_body_checks(tmp_path: Path) -> None:
    centred = [(item[0], {**item[1], "align": WD_ALIGN_PARAGRAPH.CENTER}) if isinstance(item, tuple) and
               item[0].startswith("Điều 2") else item for item in DECISION_BODY]
    report = check_docx(decision(tmp_path / "quyet-dinh.docx", body=tuple(centred)))
    assert ids(report) == {"ND30-BODY-ALIGN"}, show(report)
    assert "Điều 2" in report.findings[0].location


def test_a_centred_capital_line_in_a_plan_is_still_body_text(tmp_path: Path) -> None:
    body = (*PLAN_BODY[:3], ("TỔ CHỨC THỰC HIỆN", {"align": WD_ALIGN_PARAGRAPH.CENTER, "bold": True}),
            PLAN_BODY[-1])
    report = check_docx(office_document(tmp_path / "ke-hoach.docx", body=body))
    assert ids(report) == {"ND30-BODY-ALIGN"}, show(report)


# --------------------------------------------------------------------------- the signer block

NAME = (("", False), ("", False), ("Nguyễn Văn An", True))


@pytest.mark.parametrize("lines, found", [
    ((("TM. ỦY BAN NHÂN DÂN CHỦ TỊCH", True), *NAME), "viết chung một dòng"),
    ((("KT. CHỦ TỊCH PHÓ CHỦ TỊCH", True), *NAME), "viết chung một dòng"),
    ((("TL. CHỦ TỊCH", True), *NAME), "không có dòng chức vụ"),
    ((("TM. ỦY BAN NHÂN DÂN", True), *NAME), "không có dòng chức vụ"),
])
def test_a_signer_block_needs_the_position_on_a_line_of_its_own(
        tmp_path: Path, lines: tuple[tuple[str, bool], ...], found: str) -> None:
    report = check_docx(office_document(tmp_path / "ky.docx", signer=lines))
    assert ids(report) == {"ND30-SIGNER-POSITION"}, show(report)
    assert found in report.findings[0].found and lines[0][0] in report.findings[0].location


def test_one_line_expected_is_split_where_the_position_starts(tmp_path: Path) -> None:
    report = check_docx(office_document(tmp_path / "ky.docx",
                                        signer=(("TM. ỦY BAN NHÂN DÂN CHỦ TỊCH", True), *NAME)))
    assert report.findings[0].expected == "“TM. ỦY BAN NHÂN DÂN” / “CHỦ TỊCH” trên hai dòng"


@pytest.mark.parametrize("lines", [
    (("KT. CHỦ TỊCH", True), ("PHÓ CHỦ TỊCH", True), *NAME),
    (("TM. ỦY BAN NHÂN DÂN", True), ("KT. CHỦ TỊCH", True), ("PHÓ CHỦ TỊCH", True), *NAME),
    (("TL. CHỦ TỊCH", True), ("CHÁNH VĂN PHÒNG", True), *NAME),
    (("Q. CHỦ TỊCH", True), *NAME),
    (("CHỦ TỊCH", True), *NAME),
])
def test_signer_blocks_as_the_decree_draws_them_are_fine(
        tmp_path: Path, lines: tuple[tuple[str, bool], ...]) -> None:
    report = check_docx(office_document(tmp_path / "ky.docx", signer=lines))
    assert report.findings == (), show(report)


# --------------------------------------------------------------------------- Số and the date


def test_number_and_date_on_two_rows_of_the_header_table(tmp_path: Path) -> None:
    report = check_docx(office_document(tmp_path / "hai-hang.docx", number_date_rows=3))
    assert ids(report) == {"ND30-NUMBER-DATE-ROW"}, show(report)
    assert "hai hàng khác nhau" in report.findings[0].found
    assert "Số: 07/KH-UBND" in report.findings[0].location


def test_number_and_date_in_cells_of_one_row_are_fine(tmp_path: Path) -> None:
    report = check_docx(office_document(tmp_path / "mot-hang.docx", number_date_rows=1))
    assert report.findings == (), show(report)


def test_number_and_date_as_two_paragraphs(tmp_path: Path) -> None:
    d = docx.Document(str(office_document(tmp_path / "base.docx")))
    header = d.tables[0]
    date_cell = header.rows[1].cells[1]
    date = date_cell.paragraphs[0]._p
    date_cell._tc.remove(date)
    date_cell.add_paragraph()
    header._tbl.addnext(date)  # the date under the table, on a line of its own
    d.save(str(tmp_path / "duoi.docx"))
    report = check_docx(tmp_path / "duoi.docx")
    assert "ND30-NUMBER-DATE-ROW" in ids(report), show(report)
    assert "ngoài bảng" in next(f for f in report.findings if f.rule == "ND30-NUMBER-DATE-ROW").found


# --------------------------------------------------------------------------- the appendix reference

REFERENCE = "(Kèm theo Kế hoạch số 07/KH-UBND ngày 06 tháng 01 năm 2024 của UBND xã An Bình)"


@pytest.mark.parametrize("reference", [
    REFERENCE, REFERENCE.replace("ngày 06 tháng 01 năm 2024", "ngày 06/01/2024"),
    REFERENCE.replace("ngày 06 tháng 01", "ngày 6 tháng 1"),
])
def test_an_appendix_citing_the_document_as_its_header_does_is_fine(tmp_path: Path, reference: str) -> None:
    report = check_docx(office_document(tmp_path / "phu-luc.docx", appendix_reference=reference))
    assert report.findings == (), show(report)


@pytest.mark.parametrize("reference, found", [
    (REFERENCE.replace("ngày 06 tháng 01", "ngày 16 tháng 01"),
     "ngày 16/01/2024 nhưng đầu văn bản ghi ngày 06/01/2024"),
    (REFERENCE.replace("năm 2024", "năm 2023"), "ngày 06/01/2023 nhưng đầu văn bản ghi ngày 06/01/2024"),
    (REFERENCE.replace("số 07/KH-UBND", "số 08/KH-UBND"), "số “08/KH-UBND” nhưng đầu văn bản là “07/KH-UBND”"),
])
def test_an_appendix_whose_reference_no_longer_matches_the_header(tmp_path: Path, reference: str,
                                                                  found: str) -> None:
    report = check_docx(office_document(tmp_path / "phu-luc.docx", appendix_reference=reference))
    assert ids(report) == {"ND30-APPENDIX-REFERENCE-MATCH"}, show(report)
    assert report.findings[0].found == found


def test_a_draft_cites_its_blank_number_and_date_alike(tmp_path: Path) -> None:
    report = check_docx(office_document(
        tmp_path / "du-thao.docx", number="Số:      /KH-UBND", date="An Bình, ngày      tháng      năm 2024",
        appendix_reference="(Kèm theo Kế hoạch số      /KH-UBND ngày      tháng      năm 2024 "
                           "của UBND xã An Bình)"))
    assert "ND30-APPENDIX-REFERENCE-MATCH" not in ids(report), show(report)


# --------------------------------------------------------------------------- a typed subject rule


def test_a_typed_subject_rule_is_seen_when_the_title_is_not_recognised(tmp_path: Path) -> None:
    report = check_docx(office_document(tmp_path / "gach.docx", doc_type="KẾ HOẠCH NĂM 2024",
                                        typed_subject_rule=True))
    assert ids(report) == {"ND30-DOC-TYPE", "ND30-RULE-TYPED"}, show(report)
    typed = next(f for f in report.findings if f.rule == "ND30-RULE-TYPED")
    assert "“__________”" in typed.found and "dòng trích yếu" in typed.expected


def test_a_typed_subject_rule_under_a_recognised_title(tmp_path: Path) -> None:
    report = check_docx(office_document(tmp_path / "gach.docx", typed_subject_rule=True))
    assert ids(report) == {"ND30-RULE-TYPED"}, show(report)


def test_an_unrecognised_title_with_a_solid_rule_gives_only_the_missing_type(tmp_path: Path) -> None:
    report = check_docx(office_document(tmp_path / "ten-loai.docx", doc_type="KẾ HOẠCH NĂM 2024"))
    assert ids(report) == {"ND30-DOC-TYPE"}, show(report)
