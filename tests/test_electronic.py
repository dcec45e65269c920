"""``render --electronic``: the number, day and month left blank for the signing tool, read back and checked."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs
import pytest
from conftest import ROOT
from docx_reading import DocxReader, ParaInfo

from cchc_plan.checker import check_docx
from cchc_plan.cli import main
from cchc_plan.docx.writer import write_docx
from cchc_plan.io import load_plan
from cchc_plan.render import layout

PLAN = ROOT / "examples" / "loc-binh-2023" / "ke-hoach.yaml"
DECISION = ROOT / "examples" / "loc-binh-2023" / "quyet-dinh.yaml"
BLANK_DATE = "Lộc Bình, ngày      tháng      năm 2023"


def _texts(reader: DocxReader, section: int | None = None) -> list[str]:
    blocks = reader.blocks if section is None else reader.sections[section].blocks
    out: list[str] = []
    for b in blocks:
        if isinstance(b, ParaInfo):
            out.append(b.text)
        else:
            out += [p.text for row in b.rows for cell in row.cells for p in cell.paragraphs]
    return out


def _render(tmp_path: Path, source: Path, *extra: str) -> Path:
    out = tmp_path / f"{source.stem}.docx"
    assert main(["render", str(source), "-o", str(out), "--electronic", *extra]) == 0
    return out


def test_a_plan_in_electronic_form_leaves_the_blanks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = _render(tmp_path, PLAN)
    assert "(bản điện tử: số, ngày để trống cho công cụ ký số)" in capsys.readouterr().out
    reader = DocxReader(out)
    main_text = _texts(reader, 0)
    assert "Số:      /KH-UBND" in main_text and BLANK_DATE in main_text
    assert not any("07/KH-UBND" in t or "06 tháng 01" in t for t in _texts(reader))
    appendix = _texts(reader, 1)
    assert "(Kèm theo Kế hoạch số      /KH-UBND ngày      tháng      năm 2023 của UBND xã Lộc Bình)" in appendix
    line = next(b for b in reader.sections[1].blocks if isinstance(b, ParaInfo) and b.text.startswith("(Kèm theo"))
    assert line.italic
    report = check_docx(out)
    assert report.findings == (), [f"{f.rule} {f.location}: {f.found}" for f in report.findings]
    assert report.form == "electronic"
    capsys.readouterr()
    assert main(["check", str(out)]) == 0
    assert "Hình thức: bản điện tử (số, ngày và tháng để trống cho công cụ ký số điền)." in capsys.readouterr().out


def test_the_decision_and_its_plan_in_electronic_form(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = _render(tmp_path, DECISION)
    reader = DocxReader(out)
    decision = _texts(reader, 0)
    assert "Số:      /QĐ-UBND" in decision and BLANK_DATE in decision
    attached = _texts(reader, 1)
    assert ("(Ban hành kèm theo Quyết định số      /QĐ-UBND ngày      tháng      năm 2023 "
            "của UBND xã Lộc Bình)") in attached
    assert ("(Kèm theo Kế hoạch ban hành kèm theo Quyết định số      /QĐ-UBND ngày      tháng      năm 2023 "
            "của UBND xã Lộc Bình)") in _texts(reader, 2)
    assert not any("05/QĐ" in t for t in _texts(reader))
    capsys.readouterr()
    assert main(["check", str(out), "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["findings"] == [] and result["form"] == "electronic" and result["documents"] == 2


def test_the_paper_form_is_said_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "giay.docx"
    assert main(["render", str(DECISION), "-o", str(out)]) == 0
    capsys.readouterr()
    assert main(["check", str(out)]) == 0
    assert "Hình thức: bản giấy (đã có số và ngày ban hành); 2 văn bản" in capsys.readouterr().out


def _half_filled(document: Any) -> Any:
    """A header with the number filled and the date left blank, as no signing tool leaves it."""
    header = attrs.evolve(document.header, place_date=BLANK_DATE)
    return attrs.evolve(document, header=header)


def test_half_filled_is_a_warning(tmp_path: Path) -> None:
    out = tmp_path / "nua.docx"
    write_docx(_half_filled(layout(load_plan(PLAN))), out)
    report = check_docx(out)
    assert report.rule_ids == {"ND30-DRAFT-DATE"} and report.form is None  # neither paper nor electronic


def test_an_electronic_header_with_a_filled_appendix_line_is_a_warning(tmp_path: Path) -> None:
    paper = layout(load_plan(PLAN))
    electronic = layout(load_plan(PLAN), electronic=True)
    mixed = attrs.evolve(electronic, appendices=paper.appendices)
    out = tmp_path / "phu-luc.docx"
    write_docx(mixed, out)
    report = check_docx(out)
    assert report.rule_ids == {"ND30-FORM-BLANKS"} and report.form == "electronic"
    assert "“07”" in report.findings[0].found


def test_a_report_in_electronic_form(tmp_path: Path) -> None:
    out = _render(tmp_path, ROOT / "examples/loc-binh-2023/bao-cao-quy-1.yaml")
    reader = DocxReader(out)
    texts = _texts(reader)
    assert "Số:      /BC-UBND" in texts and BLANK_DATE in texts
    references = [t for t in texts if t.startswith("(Kèm theo")]
    assert references and set(references) == {
        "(Kèm theo Báo cáo số      /BC-UBND ngày      tháng      năm 2023 của UBND xã Lộc Bình)"}
    report = check_docx(out)
    assert report.findings == () and report.form == "electronic", [f.rule for f in report.findings]


def test_the_electronic_form_is_the_same_bytes_each_time() -> None:
    plan = load_plan(DECISION)
    assert write_docx(layout(plan, electronic=True)) == write_docx(layout(plan, electronic=True))
    assert write_docx(layout(plan, electronic=True)) != write_docx(layout(plan))


def test_the_appendix_in_a_file_of_its_own(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Mẫu 2.2: the electronic document's appendix not in the same file — written apart, its blanks kept."""
    out, attached, appendix = tmp_path / "qd.docx", tmp_path / "kh.docx", tmp_path / "pl.docx"
    assert main(["render", str(DECISION), "-o", str(out), "--electronic", "--attachment", str(attached),
                 "--appendix-file", str(appendix)]) == 0
    assert f"Đã ghi {appendix} (phụ lục, bản điện tử)" in capsys.readouterr().out
    reader = DocxReader(appendix)
    first = reader.sections[0]
    assert first.landscape and first.pgnum_start == 1 and first.title_pg
    texts = [t for t in _texts(reader) if t]
    assert texts[:2] == ["Phụ lục", "NHIỆM VỤ CỤ THỂ TRIỂN KHAI CÔNG TÁC CẢI CÁCH HÀNH CHÍNH NĂM 2023"]
    assert texts[2] == ("(Kèm theo Kế hoạch ban hành kèm theo Quyết định số      /QĐ-UBND ngày      tháng      "
                        "năm 2023 của UBND xã Lộc Bình)")
    assert "TT" in texts and "Quốc hiệu" not in texts and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in texts
    plan = DocxReader(attached)
    assert len(plan.sections) == 1 and not any(t == "Phụ lục" for t in _texts(plan))
    for path in (out, attached, appendix):
        report = check_docx(path)
        assert report.findings == (), (path.name, [f"{f.rule}: {f.found}" for f in report.findings])
    assert check_docx(appendix).form == "electronic"


def test_an_appendix_file_needs_an_appendix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "khong-phu-luc.yaml"
    text = PLAN.read_text(encoding="utf-8")
    source.write_text(text[:text.index("\nappendix:")] + "\n", encoding="utf-8")
    out = tmp_path / "kh.docx"
    assert main(["render", str(source), "-o", str(out), "--appendix-file", str(tmp_path / "pl.docx")]) == 1
    assert "không có phụ lục" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["khong-phu-luc.yaml"]


def test_a_filled_and_a_blank_appendix_in_one_file_is_a_warning(tmp_path: Path) -> None:
    from cchc_plan.docx.writer import write_appendices
    from cchc_plan.layout.blocks import Meta

    paper = layout(load_plan(PLAN)).appendices[0]
    electronic = layout(load_plan(PLAN), electronic=True).appendices[0]
    out = tmp_path / "pl.docx"
    write_appendices((electronic, paper), Meta(title="Phụ lục", author="UBND xã Lộc Bình"), out)
    report = check_docx(out)
    assert report.rule_ids == {"ND30-FORM-BLANKS"} and report.form is None
