"""The checker on tiny files built to make it slow: nested text boxes and tables, a million
line breaks, many sections and paragraphs, XML nested past libxml2's depth. Each ends with the
document's findings or the one finding ``ND30-TOO-COMPLEX`` (*tài liệu quá phức tạp*), never a
hang: the pathological files run through ``cchc-plan check`` in a subprocess whose generous
timeout only guards against a hang (nothing here measures time).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from cchc_plan.checker import check_docx
from cchc_plan.checker import _budget
from cchc_plan.checker._document import read_document
from cchc_plan.checker._package import open_package
from cchc_plan.docx.rules import check_rule

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
V = "urn:schemas-microsoft-com:vml"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
HANG_GUARD = 300  # seconds: only a hang gets near this


def _docx(path: Path, body: str) -> Path:
    xml = (f'<w:document xmlns:w="{W}" xmlns:v="{V}" xmlns:mc="{MC}"><w:body>{body}</w:body>'
           f"</w:document>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", xml)
    return path


def _boxes(depth: int, text: str = "x") -> str:
    inner = f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"
    for _ in range(depth):
        inner = (f"<w:p><w:r><w:pict><v:shape><v:textbox><w:txbxContent>{inner}</w:txbxContent>"
                 f"</v:textbox></v:shape></w:pict></w:r></w:p>")
    return inner


def _tables(depth: int) -> str:
    inner = "<w:p><w:r><w:t>x</w:t></w:r></w:p>"
    for _ in range(depth):
        inner = f"<w:tbl><w:tr><w:tc>{inner}</w:tc></w:tr></w:tbl><w:p/>"
    return inner


def _check_cli(path: Path) -> dict[str, object]:
    done = subprocess.run([sys.executable, "-m", "cchc_plan", "check", str(path), "--format", "json"],
                          capture_output=True, text=True, timeout=HANG_GUARD, encoding="utf-8")
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode in (0, 1), done.stderr
    report: dict[str, object] = json.loads(done.stdout)
    return report


def _too_complex(report: dict[str, object]) -> str:
    findings = report["findings"]
    assert isinstance(findings, list)
    assert [f["rule"] for f in findings] == ["ND30-TOO-COMPLEX"], findings
    assert report["errors"] == 1
    found = findings[0]["found"]
    assert found.startswith("tài liệu quá phức tạp: ")
    return str(found)


def test_forty_nested_text_boxes_in_a_kilobyte_are_too_complex(tmp_path: Path) -> None:
    path = _docx(tmp_path / "hop-long-nhau.docx", _boxes(40))
    assert path.stat().st_size < 2000
    assert "khung chữ lồng nhau hơn 12 cấp" in _too_complex(_check_cli(path))


@pytest.mark.parametrize("depth", [1, 5, 12])
def test_nested_text_boxes_within_the_limit_are_each_read_once(tmp_path: Path, depth: int) -> None:
    """Every box is read from its own paragraph only: depth + 1 paragraphs, the text once."""
    path = _docx(tmp_path / "hop.docx", _boxes(depth, "chữ trong hộp"))
    doc = read_document(open_package(path))
    assert len(doc.paras) == depth + 1
    assert [p.text for p in doc.paras].count("chữ trong hộp") == 1
    assert "ND30-TOO-COMPLEX" not in check_docx(path).rule_ids


def test_text_box_in_a_fallback_copy_is_not_read_twice(tmp_path: Path) -> None:
    choice = "<w:txbxContent><w:p><w:r><w:t>hộp</w:t></w:r></w:p></w:txbxContent>"
    body = (f"<w:p><w:r><mc:AlternateContent><mc:Choice>{choice}</mc:Choice><mc:Fallback>{choice}"
            f"</mc:Fallback></mc:AlternateContent></w:r></w:p>")
    doc = read_document(open_package(_docx(tmp_path / "ac.docx", body)))
    assert [p.text for p in doc.paras] == ["", "hộp"]


def test_deeply_nested_tables_are_too_complex(tmp_path: Path) -> None:
    path = _docx(tmp_path / "bang.docx", _tables(30))
    assert "bảng và khung chữ lồng nhau hơn 12 cấp" in _too_complex(_check_cli(path))


def test_tables_nested_to_the_limit_are_checked(tmp_path: Path) -> None:
    path = _docx(tmp_path / "bang.docx", _tables(12))
    assert "ND30-TOO-COMPLEX" not in check_docx(path).rule_ids
    doc = read_document(open_package(path))
    assert [p.cell.table if p.cell else None for p in doc.paras if p.text == "x"] == [12]


def test_xml_nested_past_256_levels_is_too_complex_not_an_english_parser_message(tmp_path: Path) -> None:
    deep = "<w:sdt><w:sdtContent>" * 300 + "<w:p/>" + "</w:sdtContent></w:sdt>" * 300
    found = _too_complex(_check_cli(_docx(tmp_path / "sau.docx", deep)))
    assert "256 cấp" in found and "XML_PARSE_HUGE" not in found


def test_a_million_line_breaks_in_one_paragraph_are_too_complex(tmp_path: Path) -> None:
    path = _docx(tmp_path / "xuong-dong.docx", "<w:p><w:r>" + "<w:t>a</w:t><w:br/>" * 600_000 + "</w:r></w:p>")
    assert path.stat().st_size < 100_000
    assert "đoạn chữ" in _too_complex(_check_cli(path))


def test_millions_of_elements_are_refused_before_parsing(tmp_path: Path) -> None:
    path = _docx(tmp_path / "phan-tu.docx", "<w:p>" + "<w:r/>" * 2_500_000 + "</w:p>")
    found = _too_complex(_check_cli(path))
    assert re.search(r"2\.500\.0\d\d phần tử XML \(giới hạn 2\.000\.000\)", found)


def test_too_many_sections_are_too_complex(tmp_path: Path) -> None:
    body = "<w:p><w:pPr><w:sectPr/></w:pPr><w:r><w:t>Phụ lục</w:t></w:r></w:p>" * 2500
    assert "phần (section)" in _too_complex(_check_cli(_docx(tmp_path / "phan.docx", body)))


def test_many_appendix_sections_under_the_limit_are_all_checked(tmp_path: Path) -> None:
    """Each section found once (no search of the whole document per section)."""
    body = "<w:p><w:pPr><w:sectPr/></w:pPr><w:r><w:t>Phụ lục</w:t></w:r></w:p>" * 1500
    report = _check_cli(_docx(tmp_path / "phu-luc.docx", body))
    findings = report["findings"]
    assert isinstance(findings, list)
    by_rule = {f["rule"]: f["count"] for f in findings}
    assert "ND30-TOO-COMPLEX" not in by_rule
    # a file that opens with "Phụ lục" holds appendices alone (an electronic document's, Mẫu 2.2):
    # every one of its 1,500 sections is an appendix whose title and reference are missing
    titles = [f for f in findings if f["rule"] == "ND30-APPENDIX-TITLE"]
    assert sum(f["count"] for f in titles) == 1500


def test_many_paragraphs_under_the_limit_are_checked(tmp_path: Path) -> None:
    path = _docx(tmp_path / "dai.docx", "<w:p><w:r><w:t>Nội dung.</w:t></w:r></w:p>" * 30_000)
    report = _check_cli(path)
    findings = report["findings"]
    assert isinstance(findings, list)
    counts = {f["rule"]: f["count"] for f in findings}
    assert "ND30-TOO-COMPLEX" not in counts
    assert counts["ND30-BODY-ALIGN"] == counts["ND30-FONT-UNDECLARED"] == 30_000


def test_the_time_limit_ends_in_the_finding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_budget, "MAX_SECONDS", 0.0)
    path = _docx(tmp_path / "cham.docx", "<w:p><w:r><w:t>a</w:t></w:r></w:p>" * 5000)
    report = check_docx(path)
    assert [f.rule for f in report.findings] == ["ND30-TOO-COMPLEX"]
    assert report.findings[0].found == "tài liệu quá phức tạp: kiểm tra quá 0 giây"


def test_the_limits_rule_states_the_limits_the_checker_applies() -> None:
    rule = check_rule("ND30-TOO-COMPLEX")
    numbers = {int(n.replace(".", "")) for n in re.findall(r"\d[\d.]*\d|\d", rule.requirement)}
    for value in (_budget.MAX_ELEMENTS, _budget.MAX_PARAGRAPHS, _budget.MAX_SECTIONS,
                  _budget.MAX_PIECES, _budget.MAX_NESTING, int(_budget.MAX_SECONDS)):
        assert value in numbers, value


@pytest.mark.parametrize("value", ["1e400", "inf", "-inf", "nan", "9" * 400])
def test_numbers_past_a_float_in_attributes_are_no_numbers(tmp_path: Path, value: str) -> None:
    body = (f'<w:p><w:pPr><w:ind w:left="{value}" w:firstLine="{value}"/><w:spacing w:line="{value}"/></w:pPr>'
            f'<w:r><w:rPr><w:sz w:val="{value}"/></w:rPr><w:t>a</w:t></w:r></w:p>'
            f'<w:sectPr><w:pgSz w:w="{value}" w:h="{value}"/><w:pgMar w:top="{value}"/></w:sectPr>')
    report = check_docx(_docx(tmp_path / "so.docx", body))
    assert "ND30-PAGE-SIZE" in report.rule_ids  # the size is unknown, so not A4
