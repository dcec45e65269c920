"""The ND30 layout checker on our own documents, on documents with one mistake each, on
documents made by hand with python-docx, and on broken files.

A mutated document must give EXACTLY the expected rule ids: the checker must
neither miss the mistake nor report anything else.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, Twips
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from cchc_plan.checker import CheckReport, UnreadableDocument, check_docx
from cchc_plan.io import load_document
from cchc_plan.model import Plan
from cchc_plan.docx.profile import StyleProfile
from cchc_plan.docx.writer import write_docx
from cchc_plan.problems import InvalidModel
from cchc_plan.render import layout, render
from cchc_plan.docx.rules import CHECK_LIMITS, CHECKS, RULES, Severity, check_rule, limit
from cchc_plan.docx.textwidth import text_width_pt

ROOT = Path(__file__).resolve().parents[1]
PLAN_YAML = ROOT / "examples" / "loc-binh-2023" / "ke-hoach.yaml"
REPORT_YAML = ROOT / "examples" / "loc-binh-2023" / "bao-cao-quy-1.yaml"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
TNR = "Times New Roman"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def ids(report: CheckReport) -> set[str]:
    return {f.rule for f in report.findings}


def show(report: CheckReport) -> str:
    return "\n".join(f"{f.rule} | {f.location} | {f.found} → {f.expected}" for f in report.findings)


# --------------------------------------------------------------------------- our documents


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("rendered")
    plan = load_document(PLAN_YAML)
    assert isinstance(plan, Plan) and plan.appendix is not None
    # The seed itself prints its appendix heading as "PHỤ LỤC"; the decree writes "Phụ lục".
    # A plan file cannot say so (validate refuses it), so the layout is changed directly.
    blocks = layout(plan)
    upper_heading = attrs.evolve(blocks, appendices=(attrs.evolve(blocks.appendices[0], heading="PHỤ LỤC"),))
    clean = render(PLAN_YAML, folder / "ke-hoach.docx")
    write_docx(upper_heading, folder / "ke-hoach-hoa.docx")
    return {
        "plan": clean,
        "report": render(REPORT_YAML, folder / "bao-cao.docx"),
        "clean_plan": clean,
        "upper_heading": folder / "ke-hoach-hoa.docx",
    }


def test_validate_refuses_what_check_would_report(rendered: dict[str, Path]) -> None:
    """An appendix heading, a subject, a roman heading level the decree prints otherwise: refused at input."""
    plan = load_document(PLAN_YAML)
    assert isinstance(plan, Plan) and plan.appendix is not None
    with pytest.raises(InvalidModel) as e:
        attrs.evolve(plan.appendix, heading="PHỤ LỤC")
    assert [p.path for p in e.value.problems] == ["heading"]
    with pytest.raises(InvalidModel) as e:
        attrs.evolve(plan, subject="CẢI CÁCH HÀNH CHÍNH XÃ LỘC BÌNH NĂM 2023")
    assert [p.path for p in e.value.problems] == ["subject"]


def test_plan_example_passes(rendered: dict[str, Path]) -> None:
    report = check_docx(rendered["plan"])
    assert report.findings == (), show(report)


def test_an_appendix_heading_in_capitals_is_the_only_finding(rendered: dict[str, Path]) -> None:
    report = check_docx(rendered["upper_heading"])
    assert ids(report) == {"ND30-APPENDIX-HEADING"}, show(report)
    assert "PHỤ LỤC" in report.findings[0].found


def test_report_example_passes(rendered: dict[str, Path]) -> None:
    report = check_docx(rendered["report"])
    assert report.findings == (), show(report)


def test_plan_with_lower_case_appendix_heading_passes(rendered: dict[str, Path]) -> None:
    report = check_docx(rendered["clean_plan"])
    assert report.findings == (), show(report)


@pytest.mark.parametrize("source", sorted(ROOT.glob("examples/*/*.yaml")), ids=lambda p: p.stem)
def test_every_example_departs_at_most_in_the_appendix_heading(tmp_path: Path, source: Path) -> None:
    """All examples render clean but for the known “PHỤ LỤC” heading of the plans."""
    report = check_docx(render(source, tmp_path / "out.docx"))
    assert ids(report) <= {"ND30-APPENDIX-HEADING"}, show(report)


def test_other_profile_within_the_decree_passes(tmp_path: Path) -> None:
    """12/13/13 sizes, 13 pt body, 1.5 lines, 1.27 cm indent, the widest margins: still clean."""
    profile = StyleProfile(national_title_pt=12, motto_pt=13, date_pt=13, agency_pt=12,
                           parent_agency_pt=12, body_pt=13, signer_pt=13, doc_type_pt=13,
                           subject_pt=13, line_spacing=1.5, first_line_indent_cm=1.27,
                           space_before_pt=12, page_number_pt=14, margin_top_mm=25,
                           margin_bottom_mm=25, margin_left_mm=35, margin_right_mm=20)
    report = check_docx(render(REPORT_YAML, tmp_path / "bc.docx", profile=profile))
    assert report.findings == (), show(report)


@pytest.mark.parametrize("addressees", [(), ("Phòng Nội vụ huyện Phú Lộc", "Văn phòng HĐND và UBND huyện")])
def test_report_with_other_addressees_passes(tmp_path: Path, addressees: tuple[str, ...]) -> None:
    report_model = load_document(REPORT_YAML)
    changed = attrs.evolve(report_model, addressees=addressees)  # type: ignore[misc]
    report = check_docx(render(changed, tmp_path / "bc.docx"))
    assert report.findings == (), show(report)


# --------------------------------------------------------------------------- editing a package


def edit(source: Path, target: Path, changes: dict[str, Callable[[Any], None]]) -> Path:
    """Copy ``source`` to ``target`` with each named XML part changed in place."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename in changes:
                root = etree.fromstring(data)
                changes[info.filename](root)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            zout.writestr(info, data)
    return target


def paragraph_with(root: Any, text: str) -> Any:
    for p in root.iter(w("p")):
        if "".join(t.text or "" for t in p.iter(w("t"))) == text:
            return p
    raise AssertionError(f"no paragraph {text!r}")


def replace_text(old: str, new: str) -> Callable[[Any], None]:
    def change(root: Any) -> None:
        hits = [t for t in root.iter(w("t")) if t.text == old]
        assert hits, old
        hits[0].text = new
    return change


def mutate(rendered: dict[str, Path], tmp_path: Path, changes: dict[str, Callable[[Any], None]],
           base: str = "clean_plan") -> CheckReport:
    return check_docx(edit(rendered[base], tmp_path / "mutated.docx", changes))


DOC = "word/document.xml"
STYLES = "word/styles.xml"


def strip_run_fonts(root: Any) -> None:
    for r in root.iter(w("r")):
        for fonts in r.findall(f"{w('rPr')}/{w('rFonts')}"):
            fonts.getparent().remove(fonts)


def set_style_fonts(style_id: str, **slots: str) -> Callable[[Any], None]:
    def change(root: Any) -> None:
        style = root.find(f"w:style[@w:styleId='{style_id}']", NS)
        rpr = style.find(w("rPr"))
        fonts = rpr.find(w("rFonts"))
        for key in list(fonts.attrib):
            del fonts.attrib[key]
        for slot, value in slots.items():
            fonts.set(w(slot), value)
    return change


# --------------------------------------------------------------------------- one mistake each


def test_month_march_padded(rendered: dict[str, Path], tmp_path: Path) -> None:
    report = mutate(rendered, tmp_path, {DOC: replace_text(
        "Lộc Bình, ngày 16 tháng 3 năm 2023", "Lộc Bình, ngày 16 tháng 03 năm 2023")}, base="report")
    assert ids(report) == {"ND30-DATE-PADDING"}, show(report)
    assert "tháng “03”" in report.findings[0].found
    assert report.findings[0].severity is Severity.ERROR


@pytest.mark.parametrize("date,rule", [
    ("Lộc Bình, ngày 6 tháng 01 năm 2023", "ND30-DATE-PADDING"),
    ("Lộc Bình, ngày 06 tháng 1 năm 2023", "ND30-DATE-PADDING"),
    ("Lộc Bình, ngày 30 tháng 02 năm 2023", "ND30-DATE"),
    ("lộc Bình, ngày 06 tháng 01 năm 2023", "ND30-DATE"),
    ("Lộc Bình ngày 06 tháng 01 năm 2023", "ND30-DATE"),
    ("Lộc Bình, Ngày 06 tháng 01 năm 2023", "ND30-DATE"),
])
def test_date_mistakes(rendered: dict[str, Path], tmp_path: Path, date: str, rule: str) -> None:
    report = mutate(rendered, tmp_path, {DOC: replace_text("Lộc Bình, ngày 06 tháng 01 năm 2023", date)})
    assert ids(report) == {rule}, show(report)


def test_draft_date_and_number_are_fine(rendered: dict[str, Path], tmp_path: Path) -> None:
    def change(root: Any) -> None:
        replace_text("Lộc Bình, ngày 06 tháng 01 năm 2023", "Lộc Bình, ngày      tháng      năm 2023")(root)
        replace_text("Số: 07/KH-UBND", "Số:      /KH-UBND")(root)
        # The appendix's "Kèm theo" line is left blank with them (ND30-FORM-BLANKS otherwise).
        for t in root.iter(w("t")):
            if t.text and "07/KH-UBND ngày 06 tháng 01 năm 2023" in t.text:
                t.text = t.text.replace("07/KH-UBND ngày 06 tháng 01", "     /KH-UBND ngày      tháng     ")
    report = mutate(rendered, tmp_path, {DOC: change})
    assert report.findings == (), show(report)
    assert report.form == "electronic"


def test_a_draft_header_with_a_numbered_appendix_line_is_a_warning(rendered: dict[str, Path],
                                                                   tmp_path: Path) -> None:
    def change(root: Any) -> None:
        replace_text("Lộc Bình, ngày 06 tháng 01 năm 2023", "Lộc Bình, ngày      tháng      năm 2023")(root)
        replace_text("Số: 07/KH-UBND", "Số:      /KH-UBND")(root)
    report = mutate(rendered, tmp_path, {DOC: change})
    assert ids(report) == {"ND30-FORM-BLANKS"}, show(report)


@pytest.mark.parametrize(("number", "date", "found"), [
    ("Số:      /KH-UBND", "Lộc Bình, ngày 06 tháng 01 năm 2023", "chưa có số thứ tự (bản dự thảo) nhưng đã ghi ngày"),
    ("Số: 07/KH-UBND", "Lộc Bình, ngày      tháng      năm 2023", "đã có số “Số: 07/KH-UBND” nhưng để trống ngày"),
])
def test_a_number_and_a_date_that_do_not_go_together(rendered: dict[str, Path], tmp_path: Path, number: str,
                                                     date: str, found: str) -> None:
    def change(root: Any) -> None:
        replace_text("Lộc Bình, ngày 06 tháng 01 năm 2023", date)(root)
        replace_text("Số: 07/KH-UBND", number)(root)
    report = mutate(rendered, tmp_path, {DOC: change})
    assert ids(report) == {"ND30-DRAFT-DATE"}, show(report)
    (finding,) = report.findings
    assert found in finding.found and finding.severity.value == "warning"


def test_date_not_italic(rendered: dict[str, Path], tmp_path: Path) -> None:
    def change(root: Any) -> None:
        p = paragraph_with(root, "Lộc Bình, ngày 06 tháng 01 năm 2023")
        for i in p.iter(w("i")):
            i.set(w("val"), "0")
    report = mutate(rendered, tmp_path, {DOC: change})
    assert ids(report) == {"ND30-DATE-STYLE"}, show(report)


@pytest.mark.parametrize("number,rule", [
    ("Số: 7/KH-UBND", "ND30-NUMBER-PADDING"),
    ("Số: 07 / KH-UBND", "ND30-NUMBER-FORMAT"),
    ("Số: 07/KH - UBND", "ND30-NUMBER-FORMAT"),
    ("SỐ: 07/KH-UBND", "ND30-NUMBER-FORMAT"),
    ("Số: 07/KH-ubnd", "ND30-NUMBER-FORMAT"),
    ("Số: 07/BC-UBND", "ND30-NUMBER-TYPE-MISMATCH"),
    ("Số: 07/Kh-UBND", "ND30-NUMBER-TYPE-CODE"),
    ("Số: 07/KHo-UBND", "ND30-NUMBER-TYPE-CODE"),
])
def test_number_mistakes(rendered: dict[str, Path], tmp_path: Path, number: str, rule: str) -> None:
    report = mutate(rendered, tmp_path, {DOC: replace_text("Số: 07/KH-UBND", number)})
    assert ids(report) == {rule}, show(report)


def test_arial_on_one_run(rendered: dict[str, Path], tmp_path: Path) -> None:
    def change(root: Any) -> None:
        p = paragraph_with(root, "1. Mục tiêu")
        fonts = p.find(f".//{w('rFonts')}")
        for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
            fonts.set(w(slot), "Arial")
    report = mutate(rendered, tmp_path, {DOC: change})
    assert ids(report) == {"ND30-FONT"}, show(report)
    finding = report.findings[0]
    assert "Arial" in finding.found and finding.count == 1 and "1. Mục tiêu" in finding.location


def test_arial_through_the_normal_style(rendered: dict[str, Path], tmp_path: Path) -> None:
    report = mutate(rendered, tmp_path, {DOC: strip_run_fonts, STYLES: set_style_fonts(
        "Normal", ascii="Arial", hAnsi="Arial", eastAsia="Arial", cs="Arial")})
    assert ids(report) == {"ND30-FONT"}, show(report)
    assert len(report.findings) == 1, "one finding for thousands of runs"
    assert report.findings[0].count > 300 and "Arial" in report.findings[0].found


def test_font_from_the_theme(rendered: dict[str, Path], tmp_path: Path) -> None:
    """Runs and styles name no font; the defaults point at the theme's minor font (Cambria)."""
    def styles(root: Any) -> None:
        for fonts in list(root.iter(w("rFonts"))):
            fonts.getparent().remove(fonts)
        rpr = root.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
        rpr.insert(0, parse_xml(f'<w:rFonts xmlns:w="{W}" w:asciiTheme="minorHAnsi" '
                                'w:hAnsiTheme="minorHAnsi" w:eastAsiaTheme="minorEastAsia" '
                                'w:cstheme="minorBidi"/>'))
    report = mutate(rendered, tmp_path, {DOC: strip_run_fonts, STYLES: styles})
    assert ids(report) == {"ND30-FONT"}, show(report)
    assert "Cambria" in report.findings[0].found


def test_font_from_a_character_style(rendered: dict[str, Path], tmp_path: Path) -> None:
    def styles(root: Any) -> None:
        root.append(parse_xml(
            f'<w:style xmlns:w="{W}" w:type="character" w:styleId="Nhan"><w:name w:val="Nhấn"/>'
            '<w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/></w:rPr></w:style>'))

    def document(root: Any) -> None:
        p = paragraph_with(root, "2. Yêu cầu")
        rpr = p.find(f".//{w('rPr')}")
        rpr.remove(rpr.find(w("rFonts")))
        rpr.insert(0, parse_xml(f'<w:rStyle xmlns:w="{W}" w:val="Nhan"/>'))
    report = mutate(rendered, tmp_path, {DOC: document, STYLES: styles})
    assert ids(report) == {"ND30-FONT"}, show(report)
    assert report.findings[0].count == 1


def test_letter_paper(rendered: dict[str, Path], tmp_path: Path) -> None:
    def change(root: Any) -> None:
        size = root.find(".//w:sectPr/w:pgSz", NS)
        size.set(w("w"), "12240")
        size.set(w("h"), "15840")
    report = mutate(rendered, tmp_path, {DOC: change})
    assert ids(report) == {"ND30-PAGE-SIZE"}, show(report)
    assert "Letter" in report.findings[0].found and report.findings[0].location == "phần 1"


def test_margins_outside_their_ranges(rendered: dict[str, Path], tmp_path: Path) -> None:
    def change(root: Any) -> None:
        for margins in root.iter(w("pgMar")):
            margins.set(w("left"), str(round(25 * 1440 / 25.4)))
            margins.set(w("top"), str(round(30 * 1440 / 25.4)))
    report = mutate(rendered, tmp_path, {DOC: change})
    assert ids(report) == {"ND30-MARGIN-LEFT", "ND30-MARGIN-TOP"}, show(report)
    assert all(f.location == "phần 1, 2" and f.count == 2 for f in report.findings)


def test_rule_typed_as_underscores(rendered: dict[str, Path], tmp_path: Path) -> None:
    def change(root: Any) -> None:
        motto = paragraph_with(root, "Độc lập - Tự do - Hạnh phúc")
        rule = motto.getnext()
        ppr = rule.find(w("pPr"))
        for child in list(ppr):
            ppr.remove(child)
        run = parse_xml(f'<w:r xmlns:w="{W}"><w:rPr><w:rFonts w:ascii="{TNR}" w:hAnsi="{TNR}"/>'
                        '</w:rPr><w:t>____________________</w:t></w:r>')
        rule.append(run)
    report = mutate(rendered, tmp_path, {DOC: change})
    assert ids(report) == {"ND30-RULE-TYPED"}, show(report)


def test_rule_as_underlined_text(rendered: dict[str, Path], tmp_path: Path) -> None:
    def change(root: Any) -> None:
        motto = paragraph_with(root, "Độc lập - Tự do - Hạnh phúc")
        motto.getparent().remove(motto.getnext())
        rpr = motto.find(f".//{w('rPr')}")
        rpr.find(w("sz")).addnext(parse_xml(f'<w:u xmlns:w="{W}" w:val="single"/>'))
    report = mutate(rendered, tmp_path, {DOC: change})
    assert ids(report) == {"ND30-RULE-TYPED"}, show(report)
    assert "gạch chân" in report.findings[0].found


def test_missing_rule_and_wrong_length(rendered: dict[str, Path], tmp_path: Path) -> None:
    def change(root: Any) -> None:
        subject = paragraph_with(root, "dịch vụ đô thị thông minh xã Lộc Bình năm 2023")
        rule = subject.getnext()
        rule.getparent().remove(rule)
        motto = paragraph_with(root, "Độc lập - Tự do - Hạnh phúc")
        ind = motto.getnext().find(f"{w('pPr')}/{w('ind')}")
        ind.set(w("left"), "0")
        ind.set(w("right"), "0")
    report = mutate(rendered, tmp_path, {DOC: change})
    assert ids(report) == {"ND30-RULE-SUBJECT", "ND30-RULE-MOTTO"}, show(report)


def test_missing_page_numbers(rendered: dict[str, Path], tmp_path: Path) -> None:
    def change(root: Any) -> None:
        p = root.find(w("p"))
        for r in p.findall(w("r")):
            p.remove(r)
    report = mutate(rendered, tmp_path, {"word/header1.xml": change})
    assert ids(report) == {"ND30-PAGE-NUMBER"}, show(report)
    assert report.findings[0].location == "phần 1, 2"


def test_page_number_on_the_first_page(rendered: dict[str, Path], tmp_path: Path) -> None:
    def change(root: Any) -> None:
        sect = root.find(w("body")).find(f".//{w('sectPr')}")
        sect.remove(sect.find(w("titlePg")))
    report = mutate(rendered, tmp_path, {DOC: change})
    assert ids(report) == {"ND30-PAGE-NUMBER-FIRST"}, show(report)


def test_page_number_size_and_alignment(rendered: dict[str, Path], tmp_path: Path) -> None:
    def change(root: Any) -> None:
        for size in root.iter(w("sz")):
            size.set(w("val"), "20")
        root.find(f".//{w('jc')}").set(w("val"), "right")
    report = mutate(rendered, tmp_path, {"word/header1.xml": change})
    assert ids(report) == {"ND30-PAGE-NUMBER-SIZE", "ND30-PAGE-NUMBER-STYLE"}, show(report)


def test_appendix_numbering_not_restarted(rendered: dict[str, Path], tmp_path: Path) -> None:
    def change(root: Any) -> None:
        sect = root.find(w("body")).find(w("sectPr"))
        sect.remove(sect.find(w("pgNumType")))
    report = mutate(rendered, tmp_path, {DOC: change})
    assert ids(report) == {"ND30-APPENDIX-PAGE-RESTART"}, show(report)


def test_appendix_title_and_reference_formatting(rendered: dict[str, Path], tmp_path: Path) -> None:
    def change(root: Any) -> None:
        title = paragraph_with(root, "NHIỆM VỤ CỤ THỂ TRIỂN KHAI CÔNG TÁC CẢI CÁCH HÀNH CHÍNH NĂM 2023")
        title.find(f".//{w('b')}").set(w("val"), "0")
        reference = title.getnext()
        reference.find(f".//{w('i')}").set(w("val"), "0")
    report = mutate(rendered, tmp_path, {DOC: change})
    assert ids(report) == {"ND30-APPENDIX-TITLE", "ND30-APPENDIX-REFERENCE"}, show(report)


def test_appendix_typed_after_the_signature_without_a_section(tmp_path: Path) -> None:
    path = handmade(tmp_path / "tay.docx")
    d = docx.Document(str(path))
    for text, bold, italic in (("Phụ lục", True, False), ("DANH MỤC NHIỆM VỤ", True, False),
                               ("(Kèm theo Kế hoạch số 07/KH-UBND ngày 06 tháng 01 năm 2024)", False, True)):
        _line(d, text, 14, bold=bold, italic=italic)
    d.save(str(path))
    report = check_docx(path)
    assert ids(report) == {"ND30-APPENDIX-PAGE-RESTART"}, show(report)


def test_sizes_move_together(rendered: dict[str, Path], tmp_path: Path) -> None:
    """13/13/14 is refused as a trio though each size is allowed on its own."""
    def change(root: Any) -> None:
        motto = paragraph_with(root, "Độc lập - Tự do - Hạnh phúc")
        motto.find(f".//{w('sz')}").set(w("val"), "26")
        ind = motto.getnext().find(f"{w('pPr')}/{w('ind')}")  # keep the rule as long as the text
        width = text_width_pt("Độc lập - Tự do - Hạnh phúc", 13, bold=True)
        side = round((5707 - width * 20) / 2)
        ind.set(w("left"), str(side))
        ind.set(w("right"), str(side))
    report = mutate(rendered, tmp_path, {DOC: change})
    assert ids(report) == {"ND30-SIZE-PAIRING"}, show(report)


def test_national_title_too_big_and_not_bold(rendered: dict[str, Path], tmp_path: Path) -> None:
    def change(root: Any) -> None:
        title = paragraph_with(root, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        title.find(f".//{w('sz')}").set(w("val"), "28")
        title.find(f".//{w('b')}").set(w("val"), "0")
    report = mutate(rendered, tmp_path, {DOC: change})
    assert ids(report) == {"ND30-NATIONAL-TITLE-SIZE", "ND30-NATIONAL-TITLE-STYLE"}, show(report)


@pytest.mark.parametrize("text,rule", [
    ("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "ND30-NATIONAL-TITLE"),
    ("Cộng hòa xã hội chủ nghĩa Việt Nam", "ND30-NATIONAL-TITLE"),
])
def test_national_title_spelled_otherwise(rendered: dict[str, Path], tmp_path: Path, text: str,
                                          rule: str) -> None:
    report = mutate(rendered, tmp_path, {DOC: replace_text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", text)})
    assert rule in ids(report) and ids(report) <= {rule, "ND30-NATIONAL-TITLE-STYLE"}, show(report)


def test_motto_with_en_dashes(rendered: dict[str, Path], tmp_path: Path) -> None:
    report = mutate(rendered, tmp_path, {DOC: replace_text(
        "Độc lập - Tự do - Hạnh phúc", "Độc lập – Tự do – Hạnh phúc")})
    assert ids(report) == {"ND30-MOTTO"}, show(report)


def test_body_alignment_and_line_spacing(rendered: dict[str, Path], tmp_path: Path) -> None:
    def change(root: Any) -> None:
        for text in ("1. Mục tiêu", "2. Yêu cầu"):
            p = paragraph_with(root, text)
            p.find(f"{w('pPr')}/{w('jc')}").set(w("val"), "left")
            p.find(f"{w('pPr')}/{w('spacing')}").set(w("line"), "480")
    report = mutate(rendered, tmp_path, {DOC: change})
    assert ids(report) == {"ND30-BODY-ALIGN", "ND30-BODY-LINE-SPACING"}, show(report)
    assert all(f.count == 2 for f in report.findings)


def test_body_indent_and_spacing_through_the_style(rendered: dict[str, Path], tmp_path: Path) -> None:
    """Direct spacing and indents removed: the Normal style (0 pt before, no indent) applies."""
    def change(root: Any) -> None:
        for p in root.find(w("body")).findall(w("p")):
            ppr = p.find(w("pPr"))
            if ppr is not None and ppr.find(f"{w('ind')}[@{w('firstLine')}]") is not None:
                ppr.remove(ppr.find(w("ind")))
                ppr.remove(ppr.find(w("spacing")))
    report = mutate(rendered, tmp_path, {DOC: change})
    assert ids(report) == {"ND30-BODY-INDENT", "ND30-BODY-SPACING"}, show(report)
    assert report.findings[0].count > 50


def test_body_size_through_the_style(rendered: dict[str, Path], tmp_path: Path) -> None:
    def document(root: Any) -> None:
        p = paragraph_with(root, "1. Mục tiêu")
        size = p.find(f".//{w('sz')}")
        size.getparent().remove(size)

    def styles(root: Any) -> None:
        root.find("w:style[@w:styleId='Normal']/w:rPr/w:sz", NS).set(w("val"), "24")
    report = mutate(rendered, tmp_path, {DOC: document, STYLES: styles})
    assert ids(report) == {"ND30-BODY-SIZE"}, show(report)
    assert "12 pt" in report.findings[0].found


def test_points_out_of_order(rendered: dict[str, Path], tmp_path: Path) -> None:
    report = mutate(rendered, tmp_path, {DOC: replace_text("b) Nhiệm vụ", "c) Nhiệm vụ")})
    assert ids(report) == {"ND30-HEADING-POINTS"}, show(report)
    assert report.findings[0].severity is Severity.WARNING


def test_academic_title_before_the_name(rendered: dict[str, Path], tmp_path: Path) -> None:
    report = mutate(rendered, tmp_path, {DOC: replace_text("Dương Quang Hùng", "TS. Dương Quang Hùng")})
    assert ids(report) == {"ND30-SIGNER-TITLE"}, show(report)


def test_recipients_end_and_items(rendered: dict[str, Path], tmp_path: Path) -> None:
    def change(root: Any) -> None:
        replace_text("- Lưu: VT, CCHC.", "- Lưu: VT, CCHC")(root)
        replace_text("- Phòng Nội vụ;", "+ Phòng Nội vụ,")(root)
    report = mutate(rendered, tmp_path, {DOC: change})
    assert ids(report) == {"ND30-RECIPIENTS-END", "ND30-RECIPIENTS-ITEMS"}, show(report)


def test_recipients_label_not_italic(rendered: dict[str, Path], tmp_path: Path) -> None:
    def change(root: Any) -> None:
        paragraph_with(root, "Nơi nhận:").find(f".//{w('i')}").set(w("val"), "0")
    report = mutate(rendered, tmp_path, {DOC: change})
    assert ids(report) == {"ND30-RECIPIENTS-LABEL"}, show(report)


def test_recipients_in_a_row_below_the_signer(rendered: dict[str, Path], tmp_path: Path) -> None:
    """The end block split into two rows: Nơi nhận under the signature, not beside it."""
    def change(root: Any) -> None:
        label = paragraph_with(root, "Nơi nhận:")
        left = label.getparent()
        row = left.getparent()
        below = copy.deepcopy(row)
        for cell in (left, below.findall(w("tc"))[1]):
            for p in cell.findall(w("p")):
                cell.remove(p)
            cell.append(parse_xml(f'<w:p xmlns:w="{W}"/>'))
        row.addnext(below)
    report = mutate(rendered, tmp_path, {DOC: change})
    assert ids(report) == {"ND30-RECIPIENTS-POSITION"}, show(report)


def test_toggle_properties_cancel(rendered: dict[str, Path], tmp_path: Path) -> None:
    """Bold in a character style on a run of a bold paragraph style is not bold (ECMA §17.7.3)."""
    def styles(root: Any) -> None:
        root.append(parse_xml(
            f'<w:style xmlns:w="{W}" w:type="paragraph" w:styleId="Dam"><w:name w:val="Đậm"/>'
            '<w:basedOn w:val="Normal"/><w:rPr><w:b/></w:rPr></w:style>'))
        root.append(parse_xml(
            f'<w:style xmlns:w="{W}" w:type="character" w:styleId="DamChu"><w:name w:val="Đậm chữ"/>'
            '<w:rPr><w:b/></w:rPr></w:style>'))

    def document(root: Any) -> None:
        p = paragraph_with(root, "KẾ HOẠCH")
        p.find(w("pPr")).insert(0, parse_xml(f'<w:pStyle xmlns:w="{W}" w:val="Dam"/>'))
        rpr = p.find(f".//{w('rPr')}")
        rpr.remove(rpr.find(w("b")))
        rpr.insert(0, parse_xml(f'<w:rStyle xmlns:w="{W}" w:val="DamChu"/>'))
    report = mutate(rendered, tmp_path, {DOC: document, STYLES: styles})
    assert ids(report) == {"ND30-DOC-TYPE-STYLE"}, show(report)
    assert "không đậm" in report.findings[0].found


# --------------------------------------------------------------------------- made by hand


def _fonts_all(run: Any, name: str = TNR) -> None:
    rpr = run._r.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = parse_xml(f'<w:rFonts xmlns:w="{W}"/>')
        rpr.insert(0, fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), name)


def _border(paragraph: Any) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.insert(0, parse_xml(f'<w:pBdr xmlns:w="{W}"><w:bottom w:val="single" w:sz="6" w:space="1" '
                            'w:color="auto"/></w:pBdr>'))


def _line(container: Any, text: str, size: float, *, bold: bool = False, italic: bool = False,
          align: Any = WD_ALIGN_PARAGRAPH.CENTER) -> Any:
    p = container.add_paragraph()
    p.alignment = align
    if text:
        run = p.add_run(text)
        run.font.size = Pt(size)
        run.bold = bold
        run.italic = italic
    return p


def _rule(container: Any, length_pt: float, width_pt: float) -> None:
    p = container.add_paragraph()
    side = (width_pt - length_pt) / 2
    p.paragraph_format.left_indent = Twips(round(side * 20))
    p.paragraph_format.right_indent = Twips(round(side * 20))
    p.paragraph_format.space_before = Pt(0)
    p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    p.paragraph_format.line_spacing = Pt(2)
    _border(p)


def _empty_cell(cell: Any) -> Any:
    for p in list(cell._tc.findall(qn("w:p"))):
        cell._tc.remove(p)
    return cell


def handmade(path: Path, *, recipients_below: bool = False) -> Path:
    """A correct Kế hoạch built from scratch with python-docx's default template, as an
    office would type it in Word: styles set once, a borderless table for the header and
    the end block, rules as paragraph borders, a PAGE field in the header."""
    d = docx.Document()
    section = d.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = d.styles["Normal"]
    normal.font.name = TNR
    normal.font.size = Pt(14)
    normal.paragraph_format.space_before = Pt(6)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    text_pt = (210 - 30 - 15) / 25.4 * 72
    # page numbers: a simple PAGE field, centred, 13 pt, not on page 1
    section.different_first_page_header_footer = True
    header_p = section.header.paragraphs[0]
    header_p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    header_p._p.append(parse_xml(f'<w:fldSimple xmlns:w="{W}" w:instr=" PAGE "><w:r><w:rPr>'
                                 '<w:sz w:val="26"/></w:rPr><w:t>2</w:t></w:r></w:fldSimple>'))
    # header: a borderless table, 40 : 60
    left_w, right_w = text_pt * 0.4, text_pt * 0.6
    table = d.add_table(rows=2, cols=2)
    for column, width in zip(table.columns, (left_w, right_w), strict=True):
        column.width = Twips(round(width * 20))
    for row in table.rows:
        for cell, width in zip(row.cells, (left_w, right_w), strict=True):
            cell.width = Twips(round(width * 20))
    margins = 2 * 108 / 20
    (a, b), (c, e) = [[_empty_cell(cell) for cell in row.cells] for row in table.rows]
    for line in ("ỦY BAN NHÂN DÂN", "XÃ AN BÌNH"):
        _line(a, line, 13, bold=True)
    widest = text_width_pt("ỦY BAN NHÂN DÂN", 13, bold=True)
    _rule(a, widest * 0.4, left_w - margins)
    _line(b, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, bold=True)
    motto = "Độc lập - Tự do - Hạnh phúc"
    _line(b, motto, 14, bold=True)
    _rule(b, text_width_pt(motto, 14, bold=True), right_w - margins)
    _line(c, "Số: 07/KH-UBND", 13)
    _line(e, "An Bình, ngày 06 tháng 01 năm 2024", 14, italic=True)
    # title
    _line(d, "KẾ HOẠCH", 14, bold=True)
    subject = "Cải cách hành chính xã An Bình năm 2024"
    _line(d, subject, 14, bold=True)
    _rule(d, text_width_pt(subject, 14, bold=True) * 0.4, text_pt)
    # body
    for text in ("I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích",
                 "Nâng cao chất lượng giải quyết thủ tục hành chính cho người dân.",
                 "a) Chỉ tiêu", "b) Nhiệm vụ",
                 "Các bộ phận tổ chức thực hiện nghiêm túc kế hoạch này./."):
        p = d.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        p.paragraph_format.first_line_indent = Cm(1.27)
        run = p.add_run(text)
        run.bold = bool(re.match(r"^(I\.|1\.)", text))
    recipients = ["- UBND huyện;", "- TT. HĐND xã;", "- Lưu: VT."]
    signer = [("TM. ỦY BAN NHÂN DÂN", True), ("CHỦ TỊCH", True), ("", False), ("", False),
              ("Nguyễn Văn An", True)]
    if not recipients_below:
        end = d.add_table(rows=1, cols=2)
        for column, share in zip(end.columns, (0.35, 0.65), strict=True):
            column.width = Twips(round(text_pt * share * 20))
        left, right = (_empty_cell(cell) for cell in end.rows[0].cells)
        left.width, right.width = Twips(round(text_pt * 0.35 * 20)), Twips(round(text_pt * 0.65 * 20))
        _line(left, "Nơi nhận:", 12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)
        for item in recipients:
            _line(left, item, 11, align=WD_ALIGN_PARAGRAPH.LEFT)
        for text, bold in signer:
            _line(right, text, 14, bold=bold)
    else:
        for text, bold in signer:
            p = _line(d, text, 14, bold=bold)
            p.paragraph_format.left_indent = Cm(7)
        _line(d, "Nơi nhận:", 12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)
        for item in recipients:
            _line(d, item, 11, align=WD_ALIGN_PARAGRAPH.LEFT)
    d.save(str(path))
    return path


def test_handmade_correct_document_passes(tmp_path: Path) -> None:
    report = check_docx(handmade(tmp_path / "tay.docx"))
    assert report.findings == (), show(report)


def test_handmade_recipients_below_the_signature(tmp_path: Path) -> None:
    report = check_docx(handmade(tmp_path / "tay.docx", recipients_below=True))
    assert ids(report) == {"ND30-RECIPIENTS-POSITION"}, show(report)
    assert "dưới chữ ký" in report.findings[0].found


def test_hand_typed_minimal_document(tmp_path: Path) -> None:
    """Typed in the default template with no formatting at all: Letter, Cambria (the theme's
    minor font), 11 pt, no bold or italic, no rules, no table, no header."""
    d = docx.Document()
    for text in ("UBND XÃ AN BÌNH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                 "Số: 7/KH-UBND", "An Bình, ngày 5 tháng 3 năm 2024", "KẾ HOẠCH",
                 "Về cải cách hành chính năm 2024",
                 "Ủy ban nhân dân xã ban hành kế hoạch cải cách hành chính như sau.",
                 "Nơi nhận:", "- Lưu: VT.", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn An"):
        d.add_paragraph(text)
    path = tmp_path / "go-tay.docx"
    d.save(str(path))
    report = check_docx(path)
    assert ids(report) == {
        "ND30-PAGE-SIZE", "ND30-MARGIN-TOP", "ND30-MARGIN-BOTTOM", "ND30-MARGIN-RIGHT", "ND30-FONT",
        "ND30-NATIONAL-TITLE-STYLE", "ND30-NATIONAL-TITLE-SIZE", "ND30-MOTTO-STYLE", "ND30-MOTTO-SIZE",
        "ND30-AGENCY-STYLE", "ND30-AGENCY-SIZE", "ND30-RULE-AGENCY", "ND30-RULE-MOTTO",
        "ND30-NUMBER-SIZE", "ND30-NUMBER-PADDING", "ND30-NUMBER-DATE-ROW", "ND30-DATE-STYLE", "ND30-DATE-SIZE",
        "ND30-DATE-PADDING", "ND30-DOC-TYPE-STYLE", "ND30-DOC-TYPE-SIZE", "ND30-SUBJECT",
        "ND30-BODY-ALIGN", "ND30-BODY-INDENT", "ND30-BODY-SIZE", "ND30-CLOSING-MARK",
        "ND30-RECIPIENTS-LABEL", "ND30-RECIPIENTS-LABEL-SIZE", "ND30-RECIPIENTS-POSITION",
        "ND30-SIGNER-AUTHORITY", "ND30-SIGNER-NAME", "ND30-SIGNER-SIZE", "ND30-PAGE-NUMBER",
    }, show(report)
    font = next(f for f in report.findings if f.rule == "ND30-FONT")
    assert "Cambria" in font.found and font.count == 13
    padding = next(f for f in report.findings if f.rule == "ND30-DATE-PADDING")
    assert "ngày “5”" in padding.found and "tháng" not in padding.found


_LINE_SHAPE = (
    '<w:r xmlns:w="{w}" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><w:drawing>'
    '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0" '
    'locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
    '<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
    '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
    '<wp:extent cx="{cx}" cy="0"/><wp:wrapNone/><wp:docPr id="{id}" name="Line {id}"/>'
    '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
    '<wps:wsp><wps:cNvCnPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="0"/></a:xfrm>'
    '<a:prstGeom prst="line"><a:avLst/></a:prstGeom></wps:spPr><wps:bodyPr/></wps:wsp>'
    '</a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>')


def test_header_typed_with_tabs_and_drawn_lines(tmp_path: Path) -> None:
    """No table: the agency and the Quốc hiệu share lines through tabs; the rules are drawn
    line shapes (the agency's too long, the Tiêu ngữ's right)."""
    d = docx.Document()
    d.styles["Normal"].font.name = TNR
    first = d.add_paragraph()
    for text, size in (("ỦY BAN NHÂN DÂN", 13), ("\t\t", 13), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13)):
        run = first.add_run(text)
        run.bold, run.font.size = True, Pt(size)
    first.runs[-1].add_break()
    for text, size in (("XÃ AN BÌNH", 13), ("\t\t", 13), ("Độc lập - Tự do - Hạnh phúc", 14)):
        run = first.add_run(text)
        run.bold, run.font.size = True, Pt(size)
    motto_pt = text_width_pt("Độc lập - Tự do - Hạnh phúc", 14, bold=True)
    lines = d.add_paragraph()
    lines._p.append(parse_xml(_LINE_SHAPE.format(w=W, cx=round(motto_pt * 12700), id=1)))
    agency = d.add_paragraph()
    agency._p.append(parse_xml(_LINE_SHAPE.format(w=W, cx=round(motto_pt * 12700), id=2)))
    number = d.add_paragraph()
    number.add_run("Số: 07/KH-UBND").font.size = Pt(13)
    number.add_run("\t\t")
    date = number.add_run("An Bình, ngày 06 tháng 01 năm 2024")
    date.italic, date.font.size = True, Pt(14)
    path = tmp_path / "tab.docx"
    d.save(str(path))
    report = check_docx(path)
    found = ids(report)
    assert not found & {"ND30-AGENCY", "ND30-AGENCY-STYLE", "ND30-AGENCY-SIZE", "ND30-NATIONAL-TITLE",
                        "ND30-MOTTO", "ND30-NUMBER", "ND30-DATE", "ND30-DATE-STYLE", "ND30-NUMBER-SIZE",
                        "ND30-SIZE-PAIRING", "ND30-RULE-MOTTO", "ND30-FONT"}, show(report)
    assert "ND30-RULE-AGENCY" in found, show(report)


def test_cong_van_needs_no_type_line(tmp_path: Path) -> None:
    d = docx.Document()
    for text in ("UBND XÃ AN BÌNH", "Số: 12/UBND-VP", "V/v tăng cường cải cách hành chính",
                 "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                 "An Bình, ngày 06 tháng 01 năm 2024"):
        d.add_paragraph(text)
    path = tmp_path / "cong-van.docx"
    d.save(str(path))
    assert not ids(check_docx(path)) & {"ND30-DOC-TYPE", "ND30-SUBJECT", "ND30-NUMBER-TYPE-CODE"}


# --------------------------------------------------------------------------- broken inputs


def _zip(path: Path, members: dict[str, bytes], *, stored: bool = False) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


def _members(source: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(source) as z:
        return {name: z.read(name) for name in z.namelist()}


def _unreadable(path: Path) -> str:
    with pytest.raises(UnreadableDocument) as caught:
        check_docx(path)
    message = caught.value.reason
    assert message and message == message.strip()
    return message


def test_missing_file(tmp_path: Path) -> None:
    assert "không tìm thấy" in _unreadable(tmp_path / "khong-co.docx")


def test_folder_instead_of_a_file(tmp_path: Path) -> None:
    assert "thư mục" in _unreadable(tmp_path)


def test_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "van-ban.docx"
    path.write_text("Đây không phải tệp Word", encoding="utf-8")
    assert "không phải văn bản Word" in _unreadable(path)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "rong.docx"
    path.write_bytes(b"")
    assert "rỗng" in _unreadable(path)


def test_old_word_file(tmp_path: Path) -> None:
    path = tmp_path / "cu.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    assert ".doc" in _unreadable(path)


def test_corrupt_zip(rendered: dict[str, Path], tmp_path: Path) -> None:
    data = bytearray(rendered["report"].read_bytes())
    data[len(data) // 3: len(data) // 3 + 2000] = b"\0" * 2000  # damage member data
    path = tmp_path / "hong.docx"
    path.write_bytes(bytes(data))
    _unreadable(path)


def test_truncated_zip(rendered: dict[str, Path], tmp_path: Path) -> None:
    path = tmp_path / "cut.docx"
    path.write_bytes(rendered["report"].read_bytes()[:5000])
    _unreadable(path)


def test_zip_that_is_not_a_docx(tmp_path: Path) -> None:
    path = _zip(tmp_path / "anh.docx", {"hello.txt": b"xin chao"})
    assert "document.xml" in _unreadable(path)


def test_document_xml_that_is_not_xml(tmp_path: Path) -> None:
    path = _zip(tmp_path / "x.docx", {"word/document.xml": b"<w:document><unclosed>"})
    assert "XML" in _unreadable(path)


def test_xml_entities_are_not_expanded(tmp_path: Path) -> None:
    bomb = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
            b'<w:document xmlns:w="' + W.encode() + b'"><w:body><w:p><w:r><w:t>&c;</w:t></w:r></w:p>'
            b'</w:body></w:document>')
    path = _zip(tmp_path / "bomb.docx", {"word/document.xml": bomb})
    try:
        report = check_docx(path)
    except UnreadableDocument:
        return
    assert isinstance(report, CheckReport)


def test_document_without_styles_or_theme(rendered: dict[str, Path], tmp_path: Path) -> None:
    members = _members(rendered["report"])
    for name in ("word/styles.xml", "word/theme/theme1.xml"):
        del members[name]
    report = check_docx(_zip(tmp_path / "no-styles.docx", members))
    # every run of ours names its font, size and emphasis itself: nothing depends on the styles
    assert report.findings == (), show(report)


def test_document_without_styles_fonts_undeclared(tmp_path: Path) -> None:
    body = (f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>Văn bản không có kiểu chữ</w:t>'
            '</w:r></w:p></w:body></w:document>').encode()
    report = check_docx(_zip(tmp_path / "bare.docx", {"word/document.xml": body}))
    assert "ND30-FONT-UNDECLARED" in ids(report)
    assert {"ND30-PAGE-SIZE", "ND30-NATIONAL-TITLE", "ND30-RECIPIENTS"} <= ids(report)


def test_document_without_paragraphs(tmp_path: Path) -> None:
    body = f'<w:document xmlns:w="{W}"><w:body/></w:document>'.encode()
    report = check_docx(_zip(tmp_path / "empty.docx", {"word/document.xml": body}))
    assert {"ND30-NATIONAL-TITLE", "ND30-MOTTO", "ND30-AGENCY", "ND30-NUMBER", "ND30-DATE",
            "ND30-DOC-TYPE", "ND30-RECIPIENTS", "ND30-SIGNER-AUTHORITY", "ND30-PAGE-NUMBER",
            "ND30-PAGE-SIZE"} <= ids(report), show(report)


def test_document_without_body(tmp_path: Path) -> None:
    body = f'<w:document xmlns:w="{W}"/>'.encode()
    report = check_docx(_zip(tmp_path / "nobody.docx", {"word/document.xml": body}))
    assert "ND30-NATIONAL-TITLE" in ids(report)


def test_wrong_root_element(tmp_path: Path) -> None:
    path = _zip(tmp_path / "x.docx", {"word/document.xml": b"<html><body/></html>"})
    assert "không phải nội dung" in _unreadable(path)


def test_broken_relationships_are_ignored(rendered: dict[str, Path], tmp_path: Path) -> None:
    members = _members(rendered["report"])
    members["word/_rels/document.xml.rels"] = members["word/_rels/document.xml.rels"].replace(
        b'Target="styles.xml"', b'Target="../../../../etc/passwd"')
    report = check_docx(_zip(tmp_path / "rels.docx", members))
    assert isinstance(report, CheckReport)


def test_fifty_megabyte_file_answers_quickly(rendered: dict[str, Path], tmp_path: Path) -> None:
    members = _members(rendered["report"])
    members["word/media/big.bin"] = b"\0" * (50 * 1024 * 1024)
    path = _zip(tmp_path / "big.docx", members, stored=True)
    assert path.stat().st_size > 50 * 1024 * 1024
    report = check_docx(path)
    assert report.findings == (), show(report)


def test_fifty_megabytes_of_noise_answers_quickly(tmp_path: Path) -> None:
    path = tmp_path / "noise.docx"
    path.write_bytes(b"PK\x03\x04" + b"\x01" * (50 * 1024 * 1024))
    _unreadable(path)


def test_zip_bomb_is_refused_from_its_declared_size(tmp_path: Path) -> None:
    """A document.xml that inflates past the limit is refused before it is inflated."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        with z.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b" " * (1024 * 1024)
            for _ in range(101):
                member.write(chunk)
    path = tmp_path / "bomb.docx"
    path.write_bytes(buffer.getvalue())
    assert path.stat().st_size < 2 * 1024 * 1024
    assert "quá lớn" in _unreadable(path)


def test_too_many_paragraphs_are_refused_before_parsing(tmp_path: Path) -> None:
    body = f'<w:document xmlns:w="{W}"><w:body>{"<w:p/>" * 250_000}</w:body></w:document>'.encode()
    path = _zip(tmp_path / "many.docx", {"word/document.xml": body})
    report = check_docx(path)
    assert [f.rule for f in report.findings] == ["ND30-TOO-COMPLEX"]
    assert "250.000 đoạn văn" in report.findings[0].found


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=3000), cut=st.integers(min_value=0, max_value=20000))
def test_any_bytes_give_findings_or_one_error(tmp_path: Path, data: bytes, cut: int) -> None:
    """Random bytes, and a real document cut anywhere or with bytes overwritten: never a traceback."""
    path = tmp_path / "fuzz.docx"
    source = (ROOT / "templates" / "docx" / "nd30.docx").read_bytes()
    start = min(cut, len(source))
    path.write_bytes(source[:start] + data + source[start + len(data):])
    try:
        check_docx(path)
    except UnreadableDocument:
        pass


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(xml=st.sampled_from([
    "<w:p/>", "<w:tbl/>", "<w:tbl><w:tr><w:tc/></w:tr></w:tbl>", "<w:p><w:r/></w:p>",
    '<w:p><w:pPr><w:sectPr/></w:pPr></w:p>', '<w:p><w:pPr><w:ind w:firstLine="abc"/></w:pPr></w:p>',
    '<w:p><w:r><w:rPr><w:sz w:val="x"/><w:rFonts w:asciiTheme="majorHAnsi"/></w:rPr><w:t>a</w:t></w:r></w:p>',
    '<w:sectPr><w:pgSz w:w="-5" w:h="zz"/><w:pgMar w:top="1e9"/></w:sectPr>',
    '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r></w:p>',
    '<w:tbl><w:tblGrid><w:gridCol w:w="10"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:gridSpan w:val="9"/>'
    '</w:tcPr><w:p><w:r><w:t>Nơi nhận:</w:t></w:r></w:p></w:tc></w:tr></w:tbl>',
    "<w:p><w:r><w:t>TM. ỦY BAN</w:t></w:r></w:p>", "<w:p><w:r><w:t>PHỤ LỤC</w:t></w:r></w:p>",
]), repeat=st.integers(min_value=1, max_value=3))
def test_odd_structures_give_findings(tmp_path: Path, xml: str, repeat: int) -> None:
    body = f'<w:document xmlns:w="{W}"><w:body>{xml * repeat}</w:body></w:document>'.encode()
    report = check_docx(_zip(tmp_path / "odd.docx", {"word/document.xml": body}))
    assert isinstance(report, CheckReport)


# --------------------------------------------------------------------------- the rules as data


def test_every_rule_is_described_with_a_clause() -> None:
    seen = set()
    for r in CHECKS:
        assert re.fullmatch(r"ND30(-[A-Z]+)+", r.id) and r.id not in seen
        seen.add(r.id)
        assert r.requirement and r.clause and r.severity in (Severity.ERROR, Severity.WARNING)
        assert r.requirement == __import__("unicodedata").normalize("NFC", r.requirement)
        if r.numeric is not None:
            limit(r.numeric)
    for key in ("ND30-PAGE-SIZE", "ND30-FONT", "ND30-DATE-PADDING", "ND30-NUMBER-FORMAT",
                "ND30-RULE-MOTTO", "ND30-RECIPIENTS-END"):
        assert check_rule(key).id == key
    assert {r.key for r in RULES}.isdisjoint({r.key for r in CHECK_LIMITS})


def test_every_finding_names_a_defined_rule(rendered: dict[str, Path], tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("x")
    d.save(str(tmp_path / "x.docx"))
    report = check_docx(tmp_path / "x.docx")
    for f in report.findings:
        r = check_rule(f.rule)
        assert f.severity is r.severity and f.clause == r.clause
