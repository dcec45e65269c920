"""Figures as offices report them: any subset of counts, absent never printed or computed as zero,
contradictions named with their numbers — refused when typed, warned when taken from a source.

Documents are rendered and read back; expected numbers are written here by hand.
"""

from __future__ import annotations

import copy
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from cchc_plan.cli import main
from cchc_plan.io import report_from_data
from cchc_plan.model.figures import FieldFigures, OneStopFigures
from cchc_plan.problems import InputError, InvalidModel
from cchc_plan.render import render

from conftest import ROOT
from docx_reading import DocxReader

PLAN = ROOT / "examples" / "loc-binh-2023" / "ke-hoach.yaml"
SOURCE = "Cổng dịch vụ công tỉnh, trích xuất ngày 15/12/2023"
# A province portal's row: trước hạn + đúng hạn + trễ hạn ≠ đã xử lý, rates computed on đã xử lý.
PORTAL = {"field": "Toàn tỉnh", "received_total": 262_004, "resolved_total": 257_141,
          "early": 124_907, "on_time": 102_770, "late": 19_852, "online": 180_113}
MISMATCH = "257.141 đã giải quyết ≠ 124.907 + 102.770 + 19.852 = 247.529 (trước hạn + đúng hạn + trễ hạn)"


def report_data(one_stop: dict[str, Any]) -> dict[str, Any]:
    return {
        "plan": str(PLAN), "number": "98/BC-UBND", "date": "15/12/2023", "period": {"kind": "year", "year": 2023},
        "targets": [{"target": "ho-so-dung-han", "measure": 1, "from_figures": "on_time_rate"}],
        "one_stop": one_stop, "recipients": ["Phòng Nội vụ huyện"],
        "signer": {"authority": "TM", "on_behalf_of": "ỦY BAN NHÂN DÂN", "position": "CHỦ TỊCH",
                   "name": "Dương Quang Hùng"},
    }


def write(folder: Path, data: dict[str, Any], name: str = "bao-cao.yaml") -> Path:
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def figures_table(doc: DocxReader) -> list[list[str]]:
    table = doc.tables[-1]
    return [r.texts for r in table.rows]


# --------------------------------------------------------------------------- a portal's figures


def test_portal_figures_that_do_not_add_up_are_reported_with_a_warning(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, report_data({"source": SOURCE, "note_mismatches": True, "fields": [PORTAL]}))
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert "hợp lệ" in out and "Cảnh báo" in out and MISMATCH in out
    # the rate on the stated base: (124.907 + 102.770) / 257.141 = 88,54…%
    assert "đúng hạn 88,54%" in out
    doc = DocxReader(render(path, tmp_path / "bao-cao.docx"))
    text = "\n".join(p.text for p in doc.paragraphs())
    assert "Đã giải quyết 257.141 hồ sơ (trước hạn 124.907, đúng hạn 102.770, trễ hạn 19.852)" in text
    assert "tỷ lệ giải quyết đúng hạn 88,54%" in text
    assert f"Ghi chú: số liệu được ghi đúng như {SOURCE}; các số không khớp nhau: Toàn tỉnh: {MISMATCH}." in text
    rows = figures_table(doc)
    total = rows[-1]
    #        TT  name  received   carried  online  in_person  post  resolved  early  on_time  late ...
    assert total[2:11] == ["262.004", "—", "180.113", "—", "—", "257.141", "124.907", "102.770", "19.852"]
    assert total[11:15] == ["—", "—", "—", "—"] and total[-1] == "88,54%"


def test_absent_counts_are_never_printed_as_zero(tmp_path: Path) -> None:
    only_totals = {"source": SOURCE, "fields": [
        {"field": "Hộ tịch", "received_total": 1_200, "resolved_total": 1_150},
        {"field": "Đất đai", "received_total": 300, "resolved_total": 280, "late": 4}]}
    doc = DocxReader(render(write(tmp_path, report_data(only_totals)), tmp_path / "r.docx"))
    cells = [c for row in figures_table(doc)[2:] for c in row[2:]]
    assert "0" not in cells and not any(re.fullmatch(r"0(,0+)?%", c) for c in cells)
    assert cells.count("—") > 0
    text = "\n".join(p.text for p in doc.paragraphs())
    assert "0,00%" not in text and "tiếp nhận trực tuyến" not in text
    assert "Tổng số hồ sơ tiếp nhận: 1.500 hồ sơ." in text
    assert "Đã giải quyết 1.430 hồ sơ (trễ hạn 4)." in text or "Đã giải quyết 1.430 hồ sơ." in text
    # no rate can be computed without early and on time: Phụ lục I says so, not "0%"
    row = next(r.texts for t in doc.tables for r in t.rows
               if len(r.texts) > 1 and r.texts[1].startswith("Tỷ lệ hồ sơ giải quyết đúng"))
    assert row[3:] == ["—", "Chưa có số liệu"]


def test_the_same_figures_typed_by_the_office_are_refused_naming_the_numbers(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, report_data({"fields": [PORTAL]}))
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert "one_stop.fields[0].resolved_total" in err and MISMATCH in err and "Traceback" not in err
    with pytest.raises(InputError):
        render(path, tmp_path / "r.docx")
    assert not (tmp_path / "r.docx").exists()


def test_rates_on_the_received_base(tmp_path: Path) -> None:
    data = report_data({"source": SOURCE, "rate_base": "received", "fields": [PORTAL]})
    report = report_from_data(data, tmp_path)
    assert report.one_stop is not None
    exact = Decimal(124_907 + 102_770) * 100 / Decimal(262_004)
    assert report.one_stop.on_time_rate(report.one_stop.total) == exact
    text = "\n".join(p.text for p in DocxReader(render(report, tmp_path / "r.docx")).paragraphs())
    assert "tỷ lệ giải quyết đúng hạn (tính trên tổng số hồ sơ tiếp nhận) 86,90%" in text
    assert "tỷ lệ đúng hạn tính trên tổng số hồ sơ tiếp nhận" in text


# --------------------------------------------------------------------------- the model


def test_a_sum_is_known_only_when_all_its_parts_are() -> None:
    f = FieldFigures(field="Hộ tịch", online=10, in_person=5)
    assert f.new is None and f.received is None  # post not given
    f = FieldFigures(field="Hộ tịch", online=10, in_person=5, post=0, carried_over=2)
    assert (f.new, f.received) == (15, 17)
    total = FieldFigures.total([f, FieldFigures(field="Đất đai", online=3)])
    assert total.online == 13 and total.in_person is None and total.received is None


def test_known_parts_exceeding_a_stated_total_are_named() -> None:
    with pytest.raises(InvalidModel) as e:
        OneStopFigures(fields=[FieldFigures(field="Hộ tịch", resolved_total=100, early=80, on_time=30)])
    (problem,) = e.value.problems
    assert problem.path == "fields[0].resolved_total"
    assert problem.rule == "100 đã giải quyết < 80 + 30 = 110 (trước hạn + đúng hạn)"


def test_stats_figures_written_for_a_report_keep_every_count(tmp_path: Path) -> None:
    figures = OneStopFigures(fields=[FieldFigures(field="Hộ tịch", online=0, in_person=0, post=0, carried_over=0,
                                                  early=0, on_time=0, late=0, pending_in_time=0,
                                                  pending_overdue=0, returned=0, apologies=0)])
    from cchc_plan.io.files import to_yaml

    data = yaml.safe_load(to_yaml(figures))
    assert data["fields"][0]["online"] == 0, "a zero that was counted is written, not left out as absent"
    assert copy.deepcopy(data)


def test_the_report_workbook_leaves_absent_counts_blank_and_sums_nothing_over_them(tmp_path: Path) -> None:
    import openpyxl

    from cchc_plan.io.report_sheets import report_workbook

    figures = {"source": SOURCE, "fields": [
        {"field": "Hộ tịch", "received_total": 1_200, "resolved_total": 1_150, "early": 1_000, "on_time": 100},
        {"field": "Đất đai", "received_total": 300, "resolved_total": 280, "late": 4}]}
    book = report_workbook(report_from_data(report_data(figures), tmp_path))
    path = tmp_path / "r.xlsx"
    book.save(path)
    ws = openpyxl.load_workbook(path)["Phụ lục III"] if "Phụ lục III" in openpyxl.load_workbook(path).sheetnames \
        else openpyxl.load_workbook(path).worksheets[-1]
    rows = {row[1].value: [c.value for c in row] for row in ws.iter_rows() if row[1].value in
            ("Hộ tịch", "Đất đai", "Tổng cộng")}
    assert rows["Hộ tịch"][2] == 1_200 and rows["Hộ tịch"][3] is None  # kỳ trước: not given, blank
    assert rows["Tổng cộng"][2] == 1_500 and rows["Tổng cộng"][7] == 1_430
    assert rows["Tổng cộng"][8] is None, "early is missing in one row: no total, not a SUM over a blank"
    assert not any(isinstance(v, str) and v.startswith("=") for v in rows["Tổng cộng"])


def test_the_report_workbook_has_the_units_and_the_declared_base(tmp_path: Path) -> None:
    import openpyxl

    from cchc_plan.io.report_sheets import report_workbook

    data = report_data({"source": SOURCE, "rate_base": "received", "fields": [PORTAL],
                        "units": [dict(PORTAL, field="Các xã", level="Cấp xã")]})
    path = tmp_path / "r.xlsx"
    report_workbook(report_from_data(data, tmp_path)).save(path)
    ws = openpyxl.load_workbook(path).worksheets[-1]
    names = [row[1].value for row in ws.iter_rows()]
    assert "Đơn vị" in names and "Các xã" in names and "Toàn tỉnh" in names
    row = next(r for r in ws.iter_rows() if r[1].value == "Các xã")
    exact = Decimal(124_907 + 102_770) / Decimal(262_004)
    assert abs(row[15].value - float(exact)) < 1e-12, "the on-time rate on the received base"
