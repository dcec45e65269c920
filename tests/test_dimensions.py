"""Figures per field, per unit and per level, with a previous-period figure per row, and the one-stop
table in the column layout of the official statistics form — rendered from the illustrative
examples and read back (merged header cells included). Expected numbers are summed here from the
examples' YAML.
"""

from __future__ import annotations

import copy
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from cchc_plan.cli import main
from cchc_plan.io import report_from_data
from cchc_plan.render import render

from conftest import ROOT
from docx_reading import DocxReader, TableInfo

FOLDER = ROOT / "examples" / "so-lieu-mot-cua"
YEAR = FOLDER / "bao-cao-huyen-nam-2024.yaml"
PORTAL = FOLDER / "bao-cao-tinh-nam-2025.yaml"
D = Decimal


def data_of(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def grouped(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def two(value: Decimal) -> str:
    return f"{value.quantize(D('0.01'), rounding=ROUND_HALF_EVEN):.2f}".replace(".", ",") + "%"


def rate_of(rows: list[dict[str, Any]]) -> Decimal:
    return D(sum(r["early"] + r["on_time"] for r in rows)) * 100 / D(sum(r["early"] + r["on_time"] + r["late"]
                                                                         for r in rows))


@pytest.fixture(scope="module")
def year_doc(tmp_path_factory: pytest.TempPathFactory) -> DocxReader:
    return DocxReader(render(YEAR, tmp_path_factory.mktemp("year") / "huyen.docx"))


@pytest.fixture(scope="module")
def portal_doc(tmp_path_factory: pytest.TempPathFactory) -> DocxReader:
    return DocxReader(render(PORTAL, tmp_path_factory.mktemp("portal") / "tinh.docx"))


def table_with(doc: DocxReader, header: str) -> TableInfo:
    return next(t for t in doc.tables if t.rows[0].texts[1] == header)


def test_units_grouped_by_level_with_subtotals_and_the_change_per_row(year_doc: DocxReader) -> None:
    units = data_of(YEAR)["one_stop"]["units"]
    table = table_with(year_doc, "Đơn vị")
    body = [r.texts for r in table.rows[2:]]
    names = [r[:2] for r in body]
    assert names == [["I", "CẤP HUYỆN"], ["1", "Bộ phận Một cửa huyện"], ["II", "CẤP XÃ"],
                     ["1", "UBND xã An Bình"], ["2", "UBND xã An Phú"], ["", "Tổng cộng"]]
    communes = [u for u in units if u["level"] == "Cấp xã"]
    level_row = body[2]
    received = sum(u["carried_over"] + u["online"] + u["in_person"] + u["post"] for u in communes)
    assert level_row[2] == grouped(received)
    assert level_row[-2] == two(rate_of(communes))
    # "tăng … %" under "So với năm 2023": the difference with the level's previous rate, worded in percent
    diff = rate_of(communes) - D("98.6")
    assert level_row[-1] == f"tăng {two(diff)}"
    # a row just beside its previous rate: 99,9619% against 99,96% is printed so the change shows
    an_phu = body[4]
    assert an_phu[-2] == "99,962%" and an_phu[-1] == "tăng 0,002%"
    assert body[-1][-1] == f"tăng {two(rate_of(units) - D('97.83'))}"
    assert table.rows[0].texts[-1] == "So với năm 2023"


def test_fields_and_units_tables_agree_on_the_total(year_doc: DocxReader) -> None:
    headings = [p.text for p in year_doc.paragraphs() if p.text in ("1. Theo lĩnh vực", "2. Theo đơn vị")]
    assert headings == ["1. Theo lĩnh vực", "2. Theo đơn vị"]
    fields_total = table_with(year_doc, "Lĩnh vực").rows[-1].texts
    units_total = table_with(year_doc, "Đơn vị").rows[-1].texts
    assert fields_total[2:] == units_total[2:]


def test_the_body_quotes_the_change_as_asked(year_doc: DocxReader) -> None:
    text = "\n".join(p.text for p in year_doc.paragraphs())
    units = data_of(YEAR)["one_stop"]["units"]
    assert f"tỷ lệ giải quyết đúng hạn {two(rate_of(units))} (tăng {two(rate_of(units) - D('97.83'))} so với năm " \
           "2023)" in text


def test_official_form_has_three_header_rows_with_merged_cells(portal_doc: DocxReader) -> None:
    table = table_with(portal_doc, "Đơn vị")
    top, middle, bottom = table.rows[:3]
    assert all(r.tbl_header for r in (top, middle, bottom)) and not table.rows[3].tbl_header
    assert len(table.grid_cols) == 13
    assert [c.text for c in top.cells] == ["TT", "Đơn vị", "Số hồ sơ tiếp nhận", "Số hồ sơ đã giải quyết",
                                          "Số hồ sơ đang giải quyết"]
    assert [c.grid_span for c in top.cells] == [1, 1, 4, 4, 3]
    assert [c.text for c in middle.cells] == ["", "", "Tổng số", "Trong kỳ", "Kỳ trước", "Tổng số", "Trước hạn",
                                             "Đúng hạn", "Quá hạn", "Tổng số", "Trong hạn", "Quá hạn"]
    assert [c.grid_span for c in middle.cells] == [1, 1, 1, 2, 1, 1, 1, 1, 1, 1, 1, 1]
    assert [c.text for c in bottom.cells] == ["", "", "", "Trực tuyến", "Trực tiếp, bưu chính", *[""] * 8]
    # TT and Đơn vị span the three rows; Tổng số and Kỳ trước of Tiếp nhận, and every leaf, the last two
    assert [top.cells[i].v_merge for i in (0, 1)] == ["restart", "restart"]
    assert [middle.cells[i].v_merge for i in (0, 1)] == ["continue", "continue"]
    assert [c.v_merge for c in bottom.cells[:3]] == ["continue"] * 3
    assert middle.cells[2].v_merge == "restart" and middle.cells[3].v_merge is None
    assert all(c.v_merge == "restart" for c in middle.cells[4:])
    assert all(c.v_merge == "continue" for c in bottom.cells[5:])


def test_official_form_prints_the_portal_numbers_as_given(portal_doc: DocxReader) -> None:
    units = data_of(PORTAL)["one_stop"]["units"]
    table = table_with(portal_doc, "Đơn vị")
    rows = {r.texts[1]: r.texts for r in table.rows[3:]}
    communes = rows["Các xã, phường"]
    u = units[2]
    assert communes[2:] == [grouped(v) for v in (
        u["received_total"], u["online"], u["in_person"] + u["post"], u["carried_over"], u["resolved_total"],
        u["early"], u["on_time"], u["late"], u["pending_total"], u["pending_in_time"], u["pending_overdue"])]
    assert rows["Tổng cộng"][2] == grouped(sum(x["received_total"] for x in units))
    text = "\n".join(p.text for p in portal_doc.paragraphs())
    assert "257.141 đã giải quyết ≠ 124.907 + 102.770 + 19.852 = 247.529" in text


def test_both_examples_validate_and_pass_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for path in (YEAR, PORTAL):
        assert main(["validate", str(path)]) == 0
        out = tmp_path / (path.stem + ".docx")
        assert main(["render", str(path), "-o", str(out)]) == 0
        assert main(["check", str(out)]) == 0
    out = capsys.readouterr().out
    assert out.count("Cảnh báo: số liệu lấy từ Cổng dịch vụ công tỉnh") == 1


def test_only_given_or_computed_numbers_are_printed(year_doc: DocxReader, portal_doc: DocxReader) -> None:
    """Every number in the one-stop tables is a given count or a sum of given counts of its rows."""
    for doc, path in ((year_doc, YEAR), (portal_doc, PORTAL)):
        figures = data_of(path)["one_stop"]
        rows = figures.get("units", []) + figures.get("fields", [])
        given = {v for r in rows for k, v in r.items() if isinstance(v, int)}
        table = table_with(doc, "Đơn vị")
        for row in table.rows[3 if path == PORTAL else 2:]:
            if row.texts[1] in ("Tổng cộng",) or row.texts[1].isupper():
                continue  # totals and level rows: sums, checked above
            for cell in row.texts[2:]:
                if cell and cell[0].isdigit() and not cell.endswith("%"):
                    value = int(cell.replace(".", ""))
                    assert value in given or value in {
                        r["carried_over"] + r["online"] + r["in_person"] + r["post"] for r in rows} | {
                        r["early"] + r["on_time"] + r["late"] for r in rows} | {
                        r["pending_in_time"] + r["pending_overdue"] for r in rows} | {
                        r["in_person"] + r["post"] for r in rows}, (row.texts[1], cell)


def test_fields_and_units_that_count_different_totals_are_named(tmp_path: Path) -> None:
    from cchc_plan.problems import InputError

    data = copy.deepcopy(data_of(YEAR))
    data["one_stop"]["units"][1]["online"] += 10
    data["one_stop"]["units"][1]["early"] += 10
    with pytest.raises(InputError) as e:
        report_from_data(data, FOLDER)
    assert [(p.path, p.rule) for p in e.value.problems] == [
        ("one_stop.units", "tổng theo đơn vị 11.570 tiếp nhận ≠ tổng theo lĩnh vực 11.560 tiếp nhận"),
        ("one_stop.units", "tổng theo đơn vị 11.301 đã giải quyết ≠ tổng theo lĩnh vực 11.291 đã giải quyết")]
