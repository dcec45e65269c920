"""The task workbook: written from the plan, filled by an office, read back into a report.

The workbook is read back with openpyxl as a user's spreadsheet program shows
it: merged cells, dates, validation lists, frozen header. Filled workbooks are
made with openpyxl and, where LibreOffice Calc is installed, saved again by
LibreOffice, so the reader is checked against what both programs write.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import shutil
import zipfile
from pathlib import Path
from typing import Any

import attrs
import openpyxl
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLE
from cchc_plan.cli import main
from cchc_plan.io import load_plan, load_report
from cchc_plan.io.sheets import import_appendix, read_task_progress, write_task_workbook
from cchc_plan.model.report import TaskStatus
from cchc_plan.problems import InputError
from cchc_plan.render import render
from docx_reading import DocxReader
from xlsx_reading import calc_missing, recalculated

EXAMPLES = EXAMPLE.parent
QUARTER = EXAMPLES / "bao-cao-quy-1.yaml"
PLAN = load_plan(EXAMPLE)
HEADERS = ["TT", "Nội dung, nhiệm vụ", "Sản phẩm số", "Sản phẩm", "Thời gian hoàn thành", "Hạn hoàn thành",
           "Cơ quan chủ trì", "Cơ quan phối hợp", "Kinh phí", "Tiến độ", "Ngày hoàn thành",
           "Ghi chú (kết quả, văn bản đã ban hành)"]


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_task_workbook(PLAN, tmp_path_factory.mktemp("sheet") / "nhiem-vu.xlsx")


def output_rows(ws: Any) -> dict[tuple[int, int], int]:
    """``(TT, sản phẩm số) → row`` as a reader of the sheet finds them (TT merged over an item's rows)."""
    rows: dict[tuple[int, int], int] = {}
    number = None
    for r in range(4, ws.max_row + 1):
        a = ws.cell(r, 1).value
        if isinstance(a, str):  # a group row
            number = None
            continue
        if a is not None:
            number = a
        if number is not None and ws.cell(r, 3).value is not None:
            rows[(number, ws.cell(r, 3).value)] = r
    return rows


def fill(source: Path, target: Path, entries: dict[tuple[int, int], tuple[str | None, Any, str | None]]) -> Path:
    """Write status, day and note into the progress columns, as an office does in its spreadsheet."""
    book = openpyxl.load_workbook(source)
    ws = book["Nhiệm vụ"]
    rows = output_rows(ws)
    for key, (status, day, note) in entries.items():
        r = rows[key]
        ws.cell(r, 10).value = status
        ws.cell(r, 11).value = day
        if isinstance(day, _dt.date):
            ws.cell(r, 11).number_format = "dd/mm/yyyy"
        ws.cell(r, 12).value = note
    book.save(target)
    return target


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --------------------------------------------------------------------------- the written workbook


def test_one_row_per_output_and_one_per_group(workbook: Path) -> None:
    ws = openpyxl.load_workbook(workbook)["Nhiệm vụ"]
    assert [c.value for c in ws[3]] == HEADERS
    rows = output_rows(ws)
    assert len(rows) == 34  # the plan's 34 outputs
    groups = [ws.cell(r, 1).value for r in range(4, ws.max_row + 1) if isinstance(ws.cell(r, 1).value, str)]
    assert groups[0] == "I. CẢI CÁCH THỂ CHẾ" and len(groups) == len(PLAN.appendix.groups)
    assert ws.max_row == 3 + 34 + len(groups)
    # TT 2 has two outputs, each with its own deadline and due date
    r1, r2 = rows[(2, 1)], rows[(2, 2)]
    assert ws.cell(r1, 4).value == "Kế hoạch kiểm tra văn bản QPPL"
    assert ws.cell(r2, 5).value == "Năm 2023"
    assert ws.cell(r1, 6).value == _dt.datetime(2023, 12, 31) and ws.cell(r1, 6).is_date


def test_item_cells_are_really_merged_over_its_outputs(workbook: Path) -> None:
    ws = openpyxl.load_workbook(workbook)["Nhiệm vụ"]
    rows = output_rows(ws)
    merged = {str(m) for m in ws.merged_cells.ranges}
    first, last = rows[(2, 1)], rows[(2, 2)]
    for column in "ABGHI":
        assert f"{column}{first}:{column}{last}" in merged
    assert f"D{first}:D{last}" not in merged  # each output its own row
    one = rows[(1, 1)]  # TT 1 has one output: nothing merged down
    assert not any(str(m).startswith(f"A{one}:") for m in ws.merged_cells.ranges)
    group_row = one - 1
    assert f"A{group_row}:L{group_row}" in merged
    assert "A1:L1" in merged and ws["A1"].value == PLAN.appendix.title


def test_frozen_header_widths_and_lists(workbook: Path) -> None:
    ws = openpyxl.load_workbook(workbook)["Nhiệm vụ"]
    assert ws.freeze_panes == "A4"
    assert ws.column_dimensions["B"].width > ws.column_dimensions["A"].width * 5
    lists = [v for v in ws.data_validations.dataValidation if v.type == "list"]
    assert len(lists) == 1
    assert lists[0].formula1 == '"Đã hoàn thành,Đang thực hiện,Chưa thực hiện"'
    assert str(lists[0].sqref) == f"J4:J{ws.max_row}"
    dates = [v for v in ws.data_validations.dataValidation if v.type == "date"]
    assert str(dates[0].sqref) == f"K4:K{ws.max_row}"


def test_the_sheet_command_writes_and_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "nv.xlsx"
    assert main(["sheet", str(EXAMPLE), "-o", str(out)]) == 0
    assert "34 sản phẩm" in capsys.readouterr().out
    before = digest(out)
    assert main(["sheet", str(EXAMPLE), "-o", str(out)]) == 1
    assert "đã có" in capsys.readouterr().err and digest(out) == before
    assert main(["sheet", str(EXAMPLE), "-o", str(tmp_path / "nv.csv")]) == 1


# --------------------------------------------------------------------------- reading progress back


FILLED = {
    (3, 1): ("Đã hoàn thành", _dt.date(2023, 1, 12), "Kế hoạch rà soát văn bản QPPL năm 2023"),
    (4, 1): ("Đã hoàn thành", _dt.date(2023, 1, 13), None),
    (4, 2): ("Đang thực hiện", None, None),
    (19, 1): ("Đang thực hiện", None, "Đang dự thảo"),
    (26, 1): ("Đã hoàn thành", "31/01/2023", "Kế hoạch chuyển đổi số xã năm 2023"),
}


def check_quarter(report: Any) -> None:
    progress = {(p.item_number, p.output_index): p for p in report.progress()}
    assert progress[(3, 1)].status is TaskStatus.DONE and progress[(3, 1)].done_on == _dt.date(2023, 1, 12)
    assert progress[(3, 1)].evidence == "Kế hoạch rà soát văn bản QPPL năm 2023"
    assert progress[(4, 2)].status is TaskStatus.IN_PROGRESS
    assert progress[(26, 1)].done_on == _dt.date(2023, 1, 31)  # typed as text in the sheet
    assert progress[(5, 1)].status is TaskStatus.NOT_STARTED  # left empty
    # due before 14/3/2023 and not done: TT 3's second output and nine outputs due in January
    assert [k for k, p in progress.items() if p.overdue] == [(3, 2), (5, 1), (6, 1), (12, 1), (15, 1), (19, 1),
                                                              (22, 1), (23, 1), (25, 1)]


def test_round_trip_into_the_quarter_report(workbook: Path, tmp_path: Path) -> None:
    filled = fill(workbook, tmp_path / "filled.xlsx", FILLED)
    report = load_report(QUARTER)
    tasks = read_task_progress(filled, PLAN, period_end=report.period.window[1])
    assert len(tasks) == len(FILLED)
    report = attrs.evolve(report, tasks=tasks)
    check_quarter(report)
    out = render(report, tmp_path / "bao-cao.docx")
    table = [t for t in DocxReader(out).tables if t.rows[0].texts[:2] == ["TT", "Nội dung, nhiệm vụ"]][0]
    row = next(r for r in table.rows if r.texts[0] == "3")
    assert row.texts[4] == "Đã hoàn thành"
    assert row.texts[5] == "Kế hoạch rà soát văn bản QPPL năm 2023\nHoàn thành ngày 12/01/2023"


@pytest.mark.skipif(calc_missing() is not None, reason=str(calc_missing()))
def test_a_workbook_saved_by_libreoffice_reads_the_same(workbook: Path, tmp_path: Path) -> None:
    filled = fill(workbook, tmp_path / "filled.xlsx", FILLED)
    again = recalculated(filled, tmp_path / "lo")
    assert digest(again) != digest(filled)
    report = load_report(QUARTER)
    end = report.period.window[1]
    assert read_task_progress(again, PLAN, period_end=end) == read_task_progress(filled, PLAN, period_end=end)
    ws = openpyxl.load_workbook(again)["Nhiệm vụ"]
    assert {str(m) for m in ws.merged_cells.ranges} == {
        str(m) for m in openpyxl.load_workbook(workbook)["Nhiệm vụ"].merged_cells.ranges}


def test_tasks_in_the_report_file_and_progress_on_the_command_line(workbook: Path, tmp_path: Path) -> None:
    fill(workbook, tmp_path / "nhiem-vu.xlsx", FILLED)
    shutil.copy(EXAMPLE, tmp_path / "ke-hoach.yaml")
    data = yaml.safe_load(QUARTER.read_text(encoding="utf-8"))
    del data["tasks"]
    (tmp_path / "no-tasks.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    data["tasks"] = "nhiem-vu.xlsx"
    (tmp_path / "bao-cao.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    check_quarter(load_report(tmp_path / "bao-cao.yaml"))
    out = tmp_path / "q1.docx"
    assert main(["render", str(tmp_path / "no-tasks.yaml"), "-o", str(out),
                 "--progress", str(tmp_path / "nhiem-vu.xlsx")]) == 0
    texts = [p.text for p in DocxReader(out).paragraphs()]
    assert any("đã hoàn thành 3/34 sản phẩm, 9 sản phẩm quá hạn" in t for t in texts)


def test_progress_for_a_report_that_already_has_tasks_is_refused(workbook: Path, tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "q1.docx"
    assert main(["render", str(QUARTER), "-o", str(out), "--progress", str(workbook)]) == 1
    assert "đã ghi tiến độ (tasks)" in capsys.readouterr().err and not out.exists()


statuses = st.sampled_from(list(TaskStatus))
days = st.dates(min_value=_dt.date(2022, 12, 15), max_value=_dt.date(2023, 3, 14))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(chosen=st.dictionaries(st.sampled_from(sorted(output_rows(openpyxl.load_workbook(
    write_task_workbook(PLAN, Path(__import__("tempfile").mkdtemp()) / "w.xlsx"))["Nhiệm vụ"]))),
    st.tuples(statuses, days, st.one_of(st.none(), st.text(alphabet="abcđêơư ÁẠ", min_size=1, max_size=20)
                                        .filter(str.strip))), max_size=12))
def test_what_is_written_is_what_is_read(workbook: Path, tmp_path: Path,
                                         chosen: dict[tuple[int, int], tuple[TaskStatus, _dt.date, str | None]]
                                         ) -> None:
    entries = {k: (s.label, d if s is TaskStatus.DONE else None, n) for k, (s, d, n) in chosen.items()}
    target = tmp_path / f"h-{abs(hash(tuple(sorted(chosen))))}.xlsx"
    tasks = read_task_progress(fill(workbook, target, entries), PLAN, period_end=_dt.date(2023, 3, 14))
    got = {(t.item, t.output): (t.status.label, t.done_on, t.evidence) for t in tasks}
    assert got == {k: (v[0], v[1], v[2].strip() if v[2] else None) for k, v in entries.items()}


# --------------------------------------------------------------------------- mistakes, by cell


def problem_lines(path: Path, **kw: Any) -> list[str]:
    with pytest.raises(InputError) as e:
        read_task_progress(path, PLAN, **kw)
    return [p.describe() for p in e.value.problems]


def test_a_day_that_does_not_exist_is_named_by_its_cell(workbook: Path, tmp_path: Path) -> None:
    filled = fill(workbook, tmp_path / "f.xlsx", {(3, 1): ("Đã hoàn thành", "31/02/2023", None)})
    row = output_rows(openpyxl.load_workbook(filled)["Nhiệm vụ"])[(3, 1)]
    assert problem_lines(filled) == [f'\'Nhiệm vụ\'!K{row} = "31/02/2023": ngày 31/2/2023 không tồn tại']


def test_every_mistake_is_listed_at_once(workbook: Path, tmp_path: Path) -> None:
    filled = fill(workbook, tmp_path / "f.xlsx", {
        (3, 1): ("Xong rồi", None, None),
        (4, 1): ("Đang thực hiện", _dt.date(2023, 1, 2), None),
        (5, 1): ("Đã hoàn thành", _dt.date(2023, 5, 2), None),
    })
    rows = output_rows(openpyxl.load_workbook(filled)["Nhiệm vụ"])
    lines = problem_lines(filled, period_end=_dt.date(2023, 3, 14))
    assert lines == [
        f"'Nhiệm vụ'!J{rows[(3, 1)]} = \"Xong rồi\": tiến độ phải là một trong: Đã hoàn thành, "
        "Đang thực hiện, Chưa thực hiện",
        f"'Nhiệm vụ'!K{rows[(4, 1)]} = \"02/01/2023\": chỉ ghi ngày hoàn thành khi tiến độ là \"Đã hoàn thành\"",
        f"'Nhiệm vụ'!K{rows[(5, 1)]} = \"02/5/2023\": ngày hoàn thành sau kỳ báo cáo (kết thúc 14/3/2023)",
    ]


def test_formulas_unknown_items_and_odd_merges(workbook: Path, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(workbook)
    ws = book["Nhiệm vụ"]
    rows = output_rows(ws)
    ws.cell(rows[(3, 1)], 10).value = "Đã hoàn thành"
    ws.cell(rows[(3, 1)], 11).value = "=TODAY()"
    ws.cell(rows[(12, 1)], 1).value = 40
    ws.cell(rows[(12, 1)], 10).value = "Đang thực hiện"
    ws.merge_cells(start_row=rows[(15, 1)], start_column=10, end_row=rows[(15, 1)], end_column=11)
    book.save(tmp_path / "bad.xlsx")
    lines = problem_lines(tmp_path / "bad.xlsx")
    assert f"'Nhiệm vụ'!J{rows[(15, 1)]}:K{rows[(15, 1)]}: ô gộp trải qua nhiều cột ở phần tiến độ; " \
           "hãy bỏ gộp ô (Unmerge)" in lines
    assert f"'Nhiệm vụ'!K{rows[(3, 1)]} = \"=TODAY()\": ô chứa công thức; hãy ghi giá trị " \
           "(ngày, tiến độ, nội dung)" in lines
    assert f"'Nhiệm vụ'!A{rows[(12, 1)]} = 40: phụ lục của kế hoạch không có nhiệm vụ này" in lines


def test_a_hidden_task_sheet_is_named(workbook: Path, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(workbook)
    book.create_sheet("Ghi chép")
    book["Nhiệm vụ"].sheet_state = "hidden"
    book.active = 1
    book.save(tmp_path / "hidden.xlsx")
    assert problem_lines(tmp_path / "hidden.xlsx") == [
        "'Nhiệm vụ': bảng tiến độ nhiệm vụ nằm trong trang tính bị ẩn; hãy bỏ ẩn trang tính (Unhide) rồi lưu lại"]


def test_a_shared_strings_bomb_is_refused_unread(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/sharedStrings.xml", "<sst>" + "<si><t>a</t></si>" * 4_000_000 + "</sst>")
    assert bomb.stat().st_size < 1_000_000
    (line,) = problem_lines(bomb)
    assert line.startswith("(tài liệu): phần xl/sharedStrings.xml của tệp giải nén ra 64 MB")


@pytest.mark.parametrize(("name", "content", "rule"), [
    ("nv.xlsx", b"TT,Tien do\n1,x\n", "tệp không phải bảng tính Excel .xlsx hoặc đã bị hỏng"),
    ("nv.csv", "TT,Tiến độ\n".encode("utf-16"), "bảng tính phải là tệp Excel .xlsx (lưu lại tệp .xls, .ods "
                                                 "hoặc .csv dưới dạng .xlsx)"),
])
def test_files_that_are_not_workbooks(tmp_path: Path, name: str, content: bytes, rule: str,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert problem_lines(path) == [f"(tài liệu): {rule}"]
    out = tmp_path / "q1.docx"
    assert main(["render", str(QUARTER), "-o", str(out), "--progress", str(path)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and not out.exists() and path.read_bytes() == content


def test_a_bad_workbook_leaves_the_report_unwritten_and_the_workbook_unchanged(
        workbook: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    filled = fill(workbook, tmp_path / "f.xlsx", {(3, 1): ("Đã hoàn thành", "31/02/2023", None)})
    before = digest(filled)
    data = yaml.safe_load(QUARTER.read_text(encoding="utf-8"))
    del data["tasks"]
    source = tmp_path / "r.yaml"
    shutil.copy(EXAMPLE, tmp_path / "ke-hoach.yaml")
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "r.docx"
    assert main(["render", str(source), "-o", str(out), "--progress", str(filled), "--xlsx"]) == 1
    err = capsys.readouterr().err
    assert f"{filled}: có 1 lỗi" in err and "ngày 31/2/2023 không tồn tại" in err
    assert not out.exists() and not out.with_suffix(".xlsx").exists() and digest(filled) == before


# --------------------------------------------------------------------------- an office's own table


def office_table(path: Path) -> Path:
    """A task table as an office types it: its own columns and order, merged cells, a title above."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "KH 2023"
    ws["A1"] = "BẢNG PHÂN CÔNG NHIỆM VỤ CCHC NĂM 2023"
    ws.merge_cells("A1:G1")
    ws.append([])
    ws.append(["STT", "Nhiệm vụ", "Bộ phận chủ trì", "Thời hạn", "Sản phẩm", "Phối hợp", "Kinh phí"])
    ws.append(["I", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"])
    ws.merge_cells("B4:G4")
    ws.append([1, "Rà soát TTHC", "Văn phòng - Thống kê", "Tháng 02/2023", "Kế hoạch rà soát",
               "Tư pháp - Hộ tịch", 15000000])
    ws.append([None, None, None, "Quý IV/2023", "Báo cáo rà soát"])
    ws.merge_cells("A5:A6")
    ws.merge_cells("B5:B6")
    ws.merge_cells("C5:C6")
    ws.append([2, "Niêm yết công khai TTHC", "Văn phòng - Thống kê, Tư pháp - Hộ tịch", "Thường xuyên",
               "Bảng niêm yết", None, "Theo dự toán"])
    ws.append(["II.", "Chuyển đổi số"])
    ws.append([3, "Số hóa hồ sơ", "Bộ phận Một cửa", _dt.datetime(2023, 6, 30), "Hồ sơ số hóa"])
    book.save(path)
    return path


def test_an_office_table_becomes_the_appendix(tmp_path: Path) -> None:
    appendix = import_appendix(office_table(tmp_path / "cua-xa.xlsx"), PLAN)
    assert [g.title for g in appendix.groups] == ["CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "Chuyển đổi số"]
    assert appendix.groups[0].kind is not None and appendix.groups[0].kind.value == "procedures"
    first, second = appendix.groups[0].items
    assert first.number == 1 and [o.text for o in first.outputs] == ["Kế hoạch rà soát", "Báo cáo rà soát"]
    assert [d.text for d in first.deadlines()] == ["Tháng 02/2023", "Quý IV/2023"]
    assert first.lead.units == ("van-phong",) and first.partners is not None and first.partners.units == ("tu-phap",)
    assert first.budget is not None and first.budget.amount == 15_000_000
    assert second.lead.units == ("van-phong", "tu-phap") and second.budget is not None
    third = appendix.groups[1].items[0]
    assert third.lead.text == "Bộ phận Một cửa" and third.outputs[0].deadline is not None
    assert third.deadlines()[0].due(2023) == _dt.date(2023, 6, 30)


def test_the_import_command_writes_a_plan_with_that_appendix(tmp_path: Path) -> None:
    out = tmp_path / "ke-hoach-moi.yaml"
    assert main(["sheet", str(EXAMPLE), "--import", str(office_table(tmp_path / "t.xlsx")), "-o", str(out)]) == 0
    plan = load_plan(out)
    assert plan.appendix is not None and len(plan.appendix.items) == 3
    assert plan.areas == PLAN.areas and plan.number == PLAN.number


def test_the_plan_own_workbook_imports_back_to_its_appendix(workbook: Path) -> None:
    appendix = import_appendix(workbook, PLAN)
    assert [(i.number, i.content, i.outputs) for i in appendix.items] == \
        [(i.number, i.content, i.outputs) for i in PLAN.appendix.items]
    assert [g.title for g in appendix.groups] == [g.title for g in PLAN.appendix.groups]


def test_an_office_table_with_a_bad_deadline_is_named_by_cell(tmp_path: Path) -> None:
    path = office_table(tmp_path / "t.xlsx")
    book = openpyxl.load_workbook(path)
    book.active["D7"] = "Cuối năm"
    book.save(path)
    with pytest.raises(InputError) as e:
        import_appendix(path, PLAN)
    (problem,) = e.value.problems
    assert problem.path == "'KH 2023'!D7" and problem.value == "Cuối năm"


# --------------------------------------------------------------------------- end to end, through the commands


def quarter_without_tasks(folder: Path) -> Path:
    """The bundled quarter report, its ``tasks:`` removed, beside a copy of the plan."""
    shutil.copy(EXAMPLE, folder / "ke-hoach.yaml")
    data = yaml.safe_load(QUARTER.read_text(encoding="utf-8"))
    del data["tasks"]
    path = folder / "bao-cao-quy-1.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.skipif(calc_missing() is not None, reason=str(calc_missing()))
def test_the_plan_round_trips_through_a_workbook_saved_by_libreoffice(tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    """sheet → filled in, saved again by LibreOffice Calc → render --progress → check: what an office does."""
    report = quarter_without_tasks(tmp_path)
    written = tmp_path / "nhiem-vu.xlsx"
    assert main(["sheet", str(tmp_path / "ke-hoach.yaml"), "-o", str(written)]) == 0
    (tmp_path / "da-ghi").mkdir()
    filled = fill(written, tmp_path / "da-ghi" / "nhiem-vu.xlsx", FILLED)
    saved = recalculated(filled, tmp_path / "libreoffice")
    with zipfile.ZipFile(saved) as z:  # really LibreOffice's file, not openpyxl's
        assert b"LibreOffice" in z.read("docProps/app.xml")
    out = tmp_path / "q1.docx"
    capsys.readouterr()
    assert main(["render", str(report), "-o", str(out), "--progress", str(saved), "--xlsx"]) == 0
    assert main(["check", str(out)]) == 0
    assert "q1.docx: 0 lỗi, 0 cảnh báo." in capsys.readouterr().out
    doc = DocxReader(out)
    texts = [p.text for p in doc.paragraphs()]
    assert any("đã hoàn thành 3/34 sản phẩm, 9 sản phẩm quá hạn" in t for t in texts)
    table = [t for t in doc.tables if t.rows[0].texts[:2] == ["TT", "Nội dung, nhiệm vụ"]][0]
    by_number = {r.texts[0]: r.texts for r in table.rows[1:] if r.texts[0].isdigit()}
    assert by_number["3"][4] == "Đã hoàn thành"
    assert by_number["3"][5] == "Kế hoạch rà soát văn bản QPPL năm 2023\nHoàn thành ngày 12/01/2023"
    assert by_number["26"][5].endswith("Hoàn thành ngày 31/01/2023")  # typed as text in the sheet
    assert by_number["19"][4].startswith("Đang thực hiện")
    sheet = openpyxl.load_workbook(out.with_suffix(".xlsx"))["PL II - Tiến độ"]
    done = [(r[2], r[6]) for r in sheet.iter_rows(values_only=True) if r[5] == "Đã hoàn thành"]
    assert done == [("Kế hoạch", _dt.datetime(2023, 1, 12)), ("Kế hoạch", _dt.datetime(2023, 1, 13)),
                    ("Kế hoạch", _dt.datetime(2023, 1, 31))]


def bad_progress(kind: str, workbook: Path, target: Path) -> tuple[Path, str]:
    """A filled workbook with one kind of mistake, and the cell or part the error must name."""
    if kind == "bomb":
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("[Content_Types].xml", "<Types/>")
            z.writestr("xl/workbook.xml", "<workbook/>")
            z.writestr("xl/sharedStrings.xml", "<sst>" + "<si><t>a</t></si>" * 4_000_000 + "</sst>")
        return target, "xl/sharedStrings.xml"
    if kind == "other-plan":
        other = load_plan(EXAMPLES.parent / "mau-xa-2027" / "ke-hoach.yaml")
        return write_task_workbook(other, target), "'Nhiệm vụ'!A2"
    book = openpyxl.load_workbook(workbook)
    ws = book["Nhiệm vụ"]
    row = output_rows(ws)[(3, 1)]
    where = f"'Nhiệm vụ'!K{row}"
    ws.cell(row, 10).value = "Đã hoàn thành"
    if kind == "formula":
        ws.cell(row, 11).value = "=DATE(2023,1,12)"
    elif kind == "merge":
        ws.merge_cells(start_row=row, start_column=10, end_row=row, end_column=12)
        where = f"'Nhiệm vụ'!J{row}:L{row}"
    elif kind == "hidden":
        book.create_sheet("Ghi chép")
        ws.sheet_state = "hidden"
        book.active = 1
        where = "'Nhiệm vụ'"
    elif kind == "no-day":
        ws.cell(row, 11).value = "29/02/2023"
    book.save(target)
    return target, where


@pytest.mark.parametrize("kind", ["formula", "merge", "hidden", "bomb", "other-plan", "no-day"])
def test_a_bad_progress_workbook_stops_the_command(kind: str, workbook: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    report = quarter_without_tasks(tmp_path)
    bad, where = bad_progress(kind, workbook, tmp_path / "nhiem-vu.xlsx")
    before = digest(bad)
    out = tmp_path / "q1.docx"
    capsys.readouterr()
    assert main(["render", str(report), "-o", str(out), "--progress", str(bad), "--xlsx", "--pdf"]) == 1
    err = capsys.readouterr().err
    assert f"{bad}: có 1 lỗi, chưa thể dùng tệp này." in err and where in err, err
    assert "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bao-cao-quy-1.yaml", "ke-hoach.yaml", "nhiem-vu.xlsx"]
    assert digest(bad) == before


@pytest.mark.parametrize("kind", ["formula", "hidden", "bomb"])
def test_a_bad_office_table_writes_no_plan(kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = office_table(tmp_path / "bang.xlsx")
    where = {"formula": "'KH 2023'!E5", "hidden": "'KH 2023'", "bomb": "xl/sharedStrings.xml"}[kind]
    if kind == "bomb":
        bad_progress("bomb", table, table)
    else:
        book = openpyxl.load_workbook(table)
        if kind == "formula":
            book["KH 2023"]["E5"] = '=CONCATENATE("Kế hoạch ","rà soát")'
        else:
            book.create_sheet("Khác")
            book["KH 2023"].sheet_state = "hidden"
            book.active = 1
        book.save(table)
    out = tmp_path / "ke-hoach-moi.yaml"
    capsys.readouterr()
    assert main(["sheet", str(EXAMPLE), "--import", str(table), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert where in err and "Traceback" not in err, err
    assert not out.exists()
