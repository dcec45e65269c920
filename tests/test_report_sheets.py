"""A report's appendix tables as a workbook: real numbers, percentages and dates, totals as formulas.

LibreOffice Calc recomputes the workbook; every number it computes must be the
number the .docx prints in the same place.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from conftest import EXAMPLE
from cchc_plan.cli import main
from docx_reading import DocxReader, TableInfo
from xlsx_reading import calc_missing, number_of, recalculated, values

REPORTS = [EXAMPLE.parent / "bao-cao-quy-1.yaml", EXAMPLE.parent / "bao-cao-nam-2023.yaml"]


@pytest.fixture(scope="module", params=REPORTS, ids=lambda p: p.stem)
def rendered(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    out = tmp_path_factory.mktemp("xlsx") / "bao-cao.docx"
    assert main(["render", str(request.param), "-o", str(out), "--xlsx"]) == 0
    return out, out.with_suffix(".xlsx")


def appendix_tables(docx: Path) -> list[TableInfo]:
    return [t for t in DocxReader(docx).tables if not t.borderless]


def test_one_sheet_per_appendix_with_numbers_dates_and_formulas(rendered: tuple[Path, Path]) -> None:
    _, xlsx = rendered
    book = openpyxl.load_workbook(xlsx)
    assert book.sheetnames == ["PL I - Chỉ tiêu", "PL II - Tiến độ", "PL III - Một cửa"]
    figures = book["PL III - Một cửa"]
    first = figures.cell(5, 4)
    assert isinstance(first.value, int) and first.number_format == "#,##0"
    assert figures.cell(5, 3).value == "=D5+E5+F5+G5"
    assert figures.cell(5, 16).value == '=IF(H5=0,"",(I5+J5)/H5)' and figures.cell(5, 16).number_format == "0.00%"
    total = figures.max_row
    assert figures.cell(total, 2).value == "Tổng cộng" and figures.cell(total, 4).value.startswith("=SUM(D5:")
    tasks = book["PL II - Tiến độ"]
    due = [c for c in tasks["E"] if isinstance(c.value, _dt.datetime)]
    assert due and all(c.number_format == "dd/mm/yyyy" for c in due)
    targets = book["PL I - Chỉ tiêu"]
    planned = [c for c in targets["E"] if isinstance(c.value, float)]
    assert any(c.number_format == "0.00%" and c.value == pytest.approx(0.98) for c in planned)


@pytest.mark.skipif(calc_missing() is not None, reason=str(calc_missing()))
def test_libreoffice_recomputes_the_numbers_the_docx_shows(rendered: tuple[Path, Path], tmp_path: Path) -> None:
    docx, xlsx = rendered
    again = recalculated(xlsx, tmp_path)
    tables = appendix_tables(docx)
    targets_doc, tasks_doc, figures_doc = tables[-3:]

    # Phụ lục III: every count and rate of every row, the total row included
    rows = [r for r in values(again, "PL III - Một cửa")[4:] if r[1] is not None]
    doc_rows = figures_doc.rows[2:]
    assert len(rows) == len(doc_rows)
    for row, doc in zip(rows, doc_rows, strict=True):
        texts = doc.texts
        assert texts[1] == row[1]
        assert [number_of(t) for t in texts[2:15]] == [Decimal(v) for v in row[2:15]]
        assert number_of(texts[15]) == Decimal(str(row[15] * 100)).quantize(Decimal("0.01"))

    # Phụ lục I: the counted verdicts
    verdicts = [r.texts[4] for r in targets_doc.rows[1:] if len(r.cells) == 5]
    sheet = values(again, "PL I - Chỉ tiêu")
    counted = {r[1]: r[6] for r in sheet if r[1] in ("Số chỉ tiêu đạt", "Số chỉ tiêu không đạt",
                                                     "Số chỉ tiêu chưa có số liệu")}
    assert counted["Số chỉ tiêu đạt"] == verdicts.count("Đạt")
    assert counted["Số chỉ tiêu không đạt"] == verdicts.count("Không đạt")
    assert counted["Số chỉ tiêu chưa có số liệu"] == sum(v.startswith("Chưa có số liệu") for v in verdicts)

    # Phụ lục II: outputs, done and overdue
    statuses = [r.texts[4] for r in tasks_doc.rows[1:] if len(r.cells) == 6]
    sheet = values(again, "PL II - Tiến độ")
    counted = {r[1]: r[2] for r in sheet if r[1] in ("Tổng số sản phẩm", "Đã hoàn thành", "Quá hạn")}
    assert counted["Tổng số sản phẩm"] == len(statuses)
    assert counted["Đã hoàn thành"] == sum(s.startswith("Đã hoàn thành") for s in statuses)
    assert counted["Quá hạn"] == sum(s.endswith("(quá hạn)") for s in statuses)


def test_xlsx_for_a_plan_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "kh.docx"
    assert main(["render", str(EXAMPLE), "-o", str(out), "--xlsx"]) == 1
    assert "chỉ dùng với tệp báo cáo" in capsys.readouterr().err
    assert not out.exists() and not out.with_suffix(".xlsx").exists()


def test_an_existing_workbook_is_not_replaced(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "bc.docx"
    out.with_suffix(".xlsx").write_bytes(b"mine")
    assert main(["render", str(REPORTS[0]), "-o", str(out), "--xlsx"]) == 1
    assert "đã có" in capsys.readouterr().err
    assert not out.exists() and out.with_suffix(".xlsx").read_bytes() == b"mine"
