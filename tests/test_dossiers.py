"""One-stop figures computed from an export of dossiers (:mod:`cchc_plan.io.dossiers`).

Every expected figure below is counted by hand from the rows written by the
test; the XLSX, mapping and property tests compare with the same hand counts
or with an independent, per-dossier classification.
"""

from __future__ import annotations

import csv
import datetime as dt
import subprocess
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc_plan.io.dossiers import (
    MAX_BAD_ROWS,
    ColumnMapping,
    compute_stats,
    compute_stats_from_rows,
    figures_for_report,
    load_mapping,
    mapping_names,
)
from cchc_plan.model.figures import FieldFigures
from cchc_plan.problems import InputError

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_CSV = ROOT / "examples" / "loc-binh-2023" / "ho-so-2023.csv"
SCRIPT = ROOT / "scripts" / "make_dossiers.py"

HEADER = ["Mã hồ sơ", "Lĩnh vực", "Thủ tục", "Ngày tiếp nhận", "Ngày hẹn trả", "Ngày trả kết quả",
          "Kênh nộp", "Trạng thái", "Thư xin lỗi"]
START = dt.date(2023, 1, 1)
END = dt.date(2023, 3, 31)

# code, field, procedure, received, due, finished, channel, status, apology — and why.
ROWS = [
    ["HT01", "Hộ tịch", "Đăng ký khai sinh", "15/12/2022", "05/01/2023", "03/01/2023", "Trực tuyến",
     "Đã giải quyết", ""],                                  # carried over, early
    ["HT02", "Hộ tịch", "Đăng ký khai tử", "20/12/2022", "28/12/2022", "27/12/2022", "Trực tiếp",
     "Đã giải quyết", ""],                                  # closed before the window: ignored
    ["HT03", "Hộ tịch", "Đăng ký kết hôn", "02/01/2023", "05/01/2023", "05/01/2023", "Trực tuyến",
     "Đã trả kết quả", ""],                                 # online, on time (finished == due)
    ["HT04", "Hộ tịch", "Đăng ký kết hôn", "02/01/2023", "05/01/2023", "06/01/2023", "Trực tiếp",
     "Đã giải quyết", "x"],                                 # in person, late by one day, apology
    ["HT05", "Hộ tịch", "Đăng ký khai sinh", "10/03/2023", "31/03/2023", "", "Trực tuyến",
     "Đang giải quyết", ""],                                # pending in time (due == end)
    ["HT06", "Hộ tịch", "Đăng ký nhận cha, mẹ, con", "01/03/2023", "30/03/2023", "", "Bưu chính công ích",
     "Đang giải quyết", "có"],                              # post, pending overdue (due == end - 1), apology
    ["HT07", "Hộ tịch", "Đăng ký khai sinh", "01/04/2023", "05/04/2023", "", "Trực tuyến",
     "Đang giải quyết", ""],                                # received after the window: ignored
    ["HT08", "Hộ tịch", "Đăng ký khai tử", "03/02/2023", "10/02/2023", "04/02/2023", "Trực tiếp",
     "Trả lại", ""],                                        # in person, returned
    ["HT09", "Hộ tịch", "Đăng ký khai sinh", "31/03/2023", "03/04/2023", "04/04/2023", "Trực tuyến",
     "Đã giải quyết", ""],                                  # received on the last day, finished after: pending
    ["HT10", "Hộ tịch", "Cấp bản sao trích lục", "01/01/2023", "04/01/2023", "01/01/2023", "BCCI",
     "Đã giải quyết", ""],                                  # received on the first day: new (post), early
    ["HT11", "Hộ tịch", "Đăng ký khai tử", "28/12/2022", "30/12/2022", "01/01/2023", "Trực tiếp",
     "Đã giải quyết", ""],                                  # finished on the first day: carried over, late
    ["CT01", "Chứng thực", "Chứng thực bản sao", "05/01/2023", "05/01/2023", "05/01/2023", "Trực tuyến",
     "Đã giải quyết", ""],                                  # online, on time the same day
    ["CT02", "Chứng thực", "Chứng thực chữ ký", "06/01/2023 08:30", "2023-01-09", "2023-01-06",
     "Trực tiếp", "Đã giải quyết", ""],                     # ISO dates, a time: early
    ["CT03", "Chứng thực", "Chứng thực bản sao", "10/01/2023", "12/01/2023", "", "Trực tuyến",
     "Rút hồ sơ", ""],                                      # online, withdrawn with no date: returned
    ["CT04", "Chứng thực", "Chứng thực hợp đồng", "20/12/2022", "25/12/2022", "", "Trực tiếp",
     "Đang giải quyết", "1"],                               # carried over, pending overdue, apology
    ["CT05", " chứng  thực ", "Chứng thực bản sao", "15/02/2023", "15/02/2023", "16/02/2023", "trực tuyến",
     "đã giải quyết", ""],                                  # same field despite case/spaces; online, late
    ["CT06", "Chứng thực", "Chứng thực hợp đồng", "30/03/2023", "31/03/2023", "02/04/2023", "Trực tiếp",
     "Trả lại", ""],                                        # returned after the window: pending in time
]

EXPECTED = {
    "Chứng thực": FieldFigures(field="Chứng thực", carried_over=1, online=3, in_person=2, post=0,
                               early=1, on_time=1, late=1, pending_in_time=1, pending_overdue=1,
                               returned=1, apologies=1),
    "Hộ tịch": FieldFigures(field="Hộ tịch", carried_over=2, online=3, in_person=2, post=2,
                            early=2, on_time=1, late=2, pending_in_time=2, pending_overdue=1,
                            returned=1, apologies=2),
}


def write_csv(path: Path, rows: Sequence[Sequence[object]], header: Sequence[str] = HEADER, *,
              delimiter: str = ",", bom: bool = False) -> Path:
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
        writer = csv.writer(f, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def as_cells(row: Sequence[str]) -> list[object]:
    """The same dossier as Excel holds it: real dates (with a time of day) and empty cells."""
    def day(text: str, hour: int) -> object:
        if not text:
            return None
        text = text.split(" ")[0]
        if "-" in text:
            y, m, d = map(int, text.split("-"))
        else:
            d, m, y = map(int, text.split("/"))
        return dt.datetime(y, m, d, hour, 15)

    code, field, procedure, received, due, finished, channel, status, apology = row
    return [code, field, procedure, day(received, 8), day(due, 17), day(finished, 23), channel, status,
            apology or None]


def write_xlsx(path: Path, rows: Sequence[Sequence[object]], header: Sequence[str] = HEADER,
               above: Sequence[Sequence[object]] = ()) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in (*above, header, *rows):
        sheet.append(list(row))
    book.save(path)
    return path


def by_field(result: Any) -> dict[str, FieldFigures]:
    return {f.field: f for f in result.figures.fields}


# --------------------------------------------------------------------------- classification


def test_hand_counted_figures_per_field(tmp_path: Path) -> None:
    result = compute_stats(write_csv(tmp_path / "ho-so.csv", ROWS), START, END)
    assert by_field(result) == EXPECTED
    assert [f.field for f in result.figures.fields] == ["Chứng thực", "Hộ tịch"]
    assert (result.rows, result.used, result.bad_count, result.outside) == (17, 15, 0, 2)
    assert result.bad == ()
    total = result.figures.total
    assert (total.received, total.resolved, total.pending, total.returned) == (15, 8, 5, 2)
    assert total.on_time_rate == 100 * 5 / 8 and total.online_share == 50
    assert result.figures.source == "Tổng hợp từ danh sách hồ sơ ho-so.csv, kỳ 01/01/2023 – 31/3/2023"


def test_window_edges_move_dossiers_between_buckets(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "ho-so.csv", ROWS)
    # One day later at the end: HT09 (finished 04/04) still pending; HT07 (received 01/04) counted;
    # HT05 due 31/03 is now overdue; CT06 returned on 02/04 counts as returned.
    result = compute_stats(path, START, dt.date(2023, 4, 2))
    ht, ct = by_field(result)["Hộ tịch"], by_field(result)["Chứng thực"]
    assert (ht.online, ht.pending_in_time, ht.pending_overdue) == (4, 2, 2)
    assert (ct.returned, ct.pending_in_time) == (2, 0)
    # Starting on 02/01: HT10 and HT11 (finished 01/01) closed before it, HT01 carried over.
    later = by_field(compute_stats(path, dt.date(2023, 1, 2), END))["Hộ tịch"]
    assert (later.carried_over, later.post, later.late, later.early) == (1, 1, 1, 1)


def test_semicolon_tab_and_bom_give_the_same_figures(tmp_path: Path) -> None:
    for i, (delimiter, bom) in enumerate(((";", True), ("\t", False), (",", True))):
        path = write_csv(tmp_path / f"ho-so-{i}.csv", ROWS, delimiter=delimiter, bom=bom)
        assert by_field(compute_stats(path, START, END)) == EXPECTED, (delimiter, bom)


def test_xlsx_with_datetime_cells_gives_the_same_figures(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "ho-so.xlsx", [as_cells(r) for r in ROWS])
    check = openpyxl.load_workbook(path)  # the cells really are datetimes
    assert isinstance(check.active["D2"].value, dt.datetime)
    result = compute_stats(path, START, END)
    assert by_field(result) == EXPECTED
    assert (result.rows, result.used, result.bad_count) == (17, 15, 0)


def test_header_below_a_title_keeps_line_numbers(tmp_path: Path) -> None:
    rows = [*ROWS, ["X1", "Hộ tịch", "", "02/01/2023", "01/01/2023", "", "Trực tuyến", "Đang giải quyết", ""]]
    path = tmp_path / "ho-so.xlsx"
    write_xlsx(path, [as_cells(r) for r in rows],
               above=[["DANH SÁCH HỒ SƠ TIẾP NHẬN"], [None]])
    result = compute_stats(path, START, END)
    assert by_field(result) == EXPECTED
    assert [(b.row, b.column) for b in result.bad] == [(3 + len(rows), "Ngày hẹn trả")]

    csv_path = tmp_path / "ho-so.csv"
    with open(csv_path, "w", encoding="utf-8", newline="") as f:
        f.write("Danh sách hồ sơ năm 2023\n\n")
        csv.writer(f).writerows([HEADER, *rows])
    result = compute_stats(csv_path, START, END)
    assert by_field(result) == EXPECTED
    assert [b.row for b in result.bad] == [3 + len(rows)]


@pytest.mark.parametrize("finished", [
    "06/01/2023", "6/1/2023", "06/01/2023 08:30", "6/1/2023 23:59:59", "2023-01-06", "2023-01-06T16:45:00",
    dt.datetime(2023, 1, 6, 23, 59), dt.date(2023, 1, 6),
])
def test_date_forms_mean_the_same_day(finished: object) -> None:
    rows = [HEADER, ["A", "Hộ tịch", "", "05/01/2023", "06/01/2023", finished, "Trực tuyến", "Đã giải quyết", ""]]
    f = compute_stats_from_rows(rows, START, END).figures.fields[0]
    assert (f.early, f.on_time, f.late) == (0, 1, 0)


# --------------------------------------------------------------------------- bad rows


def ok_row(code: str = "OK", **change: str) -> list[str]:
    row = dict(zip(HEADER, ["OK", "Hộ tịch", "Đăng ký khai sinh", "05/01/2023", "09/01/2023", "06/01/2023",
                            "Trực tuyến", "Đã giải quyết", ""], strict=True))
    row["Mã hồ sơ"] = code
    for name, value in change.items():
        row[name.replace("_", " ")] = value
    return [row[h] for h in HEADER]


def test_each_kind_of_bad_row_is_listed_with_its_line_and_column(tmp_path: Path) -> None:
    rows = [
        ok_row("multi", **{"Thủ tục": "Đăng ký\nkhai sinh"}),                         # lines 2–3
        ok_row("B1", **{"Ngày tiếp nhận": "31/02/2023"}),                             # 4
        ok_row("B2", **{"Ngày tiếp nhận": "hôm qua"}),                                # 5
        ok_row("B3", **{"Ngày trả kết quả": "01/01/2023"}),                           # 6
        ok_row("B4", **{"Ngày hẹn trả": "04/01/2023"}),                               # 7
        ok_row("B5", **{"Kênh nộp": "Zalo"}),                                         # 8
        ok_row("B6", **{"Trạng thái": "Chờ duyệt"}),                                  # 9
        ok_row("B7", **{"Lĩnh vực": " "}),                                            # 10
        ok_row(""),                                                                   # 11
        ok_row("B9", **{"Ngày trả kết quả": ""}),                                     # 12
        ok_row("B10", **{"Trạng thái": "Đang giải quyết"}),                           # 13
        ok_row("B11", **{"Thư xin lỗi": "chắc có"}),                                  # 14
        ok_row("B12", **{"Thư xin lỗi": "x"}),                                        # 15 (early)
        ok_row("B13", **{"Ngày hẹn trả": ""}),                                        # 16
        ok_row("B14", **{"Ngày tiếp nhận": "2023-13-01"}),                            # 17
        [],                                                                           # 18 blank
        ok_row("B15", **{"Ngày tiếp nhận": "06/01/2203"}),                            # 19
        ok_row("out", **{"Ngày tiếp nhận": "01/06/2023", "Trạng thái": "???"}),      # 20 outside
        ok_row("B16", **{"Kênh nộp": ""}),                                            # 21
    ]
    result = compute_stats(write_csv(tmp_path / "ho-so.csv", rows), START, END)
    listed = [(b.row, b.column, b.value) for b in result.bad]
    assert listed == [
        (4, "Ngày tiếp nhận", "31/02/2023"),
        (5, "Ngày tiếp nhận", "hôm qua"),
        (6, "Ngày trả kết quả", "01/01/2023"),
        (7, "Ngày hẹn trả", "04/01/2023"),
        (8, "Kênh nộp", "Zalo"),
        (9, "Trạng thái", "Chờ duyệt"),
        (10, "Lĩnh vực", " "),
        (11, "Mã hồ sơ", ""),
        (12, "Ngày trả kết quả", ""),
        (13, "Trạng thái", "Đang giải quyết"),
        (14, "Thư xin lỗi", "chắc có"),
        (15, "Thư xin lỗi", "x"),
        (16, "Ngày hẹn trả", ""),
        (17, "Ngày tiếp nhận", "2023-13-01"),
        (19, "Ngày tiếp nhận", "06/01/2203"),
        (21, "Kênh nộp", ""),
    ]
    rules = {b.row: b.rule for b in result.bad}
    assert "không tồn tại" in rules[4]
    assert "06/01/2023" in rules[5]
    assert "trước ngày tiếp nhận" in rules[6] and "trước ngày tiếp nhận" in rules[7]
    assert "Trực tuyến" in rules[8] and "Đã giải quyết" in rules[9]
    assert rules[10] == "thiếu lĩnh vực" and rules[11] == "thiếu mã hồ sơ"
    assert "thiếu ngày trả kết quả" in rules[12]
    assert "đã giải quyết đúng hạn" in rules[15]  # an apology for a dossier resolved in time
    assert rules[16] == "thiếu ngày hẹn trả" and rules[21] == "thiếu kênh nộp"
    assert "2203" in rules[19]
    assert (result.rows, result.used, result.bad_count, result.outside) == (18, 1, 16, 1)
    assert result.figures.total.received == 1


@pytest.mark.parametrize("before", [3, 40])
def test_a_bad_record_spanning_lines_is_reported_at_its_first_line(tmp_path: Path, before: int) -> None:
    rows = [*(ok_row(f"OK{i}") for i in range(before)),
            ok_row("B", **{"Thủ tục": "Đăng ký\r\nkhai\nsinh", "Kênh nộp": "Fax"}),
            ok_row("C", **{"Kênh nộp": "Fax"})]
    result = compute_stats(write_csv(tmp_path / "ho-so.csv", rows), START, END)
    assert [b.row for b in result.bad] == [before + 2, before + 5]


def test_bad_rows_are_all_counted_but_only_the_first_thousand_kept() -> None:
    bad = [ok_row(f"B{i}", **{"Kênh nộp": "Fax"}) for i in range(MAX_BAD_ROWS + 500)]
    result = compute_stats_from_rows([HEADER, ok_row(), *bad], START, END)
    assert result.bad_count == MAX_BAD_ROWS + 500
    assert len(result.bad) == MAX_BAD_ROWS
    assert (result.bad[0].row, result.bad[-1].row) == (3, MAX_BAD_ROWS + 2)
    assert result.used == 1


def test_missing_header_column_is_one_error_naming_it_and_the_mapping(tmp_path: Path) -> None:
    header = [h if h != "Ngày hẹn trả" else "Hẹn trả" for h in HEADER]
    path = write_csv(tmp_path / "ho-so.csv", ROWS, header=header)
    with pytest.raises(InputError) as caught:
        compute_stats(path, START, END)
    assert len(caught.value.problems) == 1
    message = caught.value.format()
    assert 'thiếu cột "Ngày hẹn trả"' in message and 'mẫu cột "default"' in message
    assert 'có phải là cột "Hẹn trả"?' in message
    assert message.startswith(f"{path}: có 1 lỗi")


def test_a_column_named_twice_is_refused() -> None:
    with pytest.raises(InputError, match="xuất hiện hai lần") as caught:
        compute_stats_from_rows([[*HEADER, " kênh  NỘP "], [*ok_row(), "Trực tiếp"]], START, END)
    assert caught.value.problems[0].line == 1


def test_xlsx_cells_of_other_types(tmp_path: Path) -> None:
    rows = [[123456, "Hộ tịch", None, dt.datetime(2023, 1, 5, 9), dt.date(2023, 1, 9), "2023-01-10",
             "Trực tuyến", "Đã giải quyết", True],
            [123457.0, "Hộ tịch", None, dt.datetime(2023, 1, 5, 9), 45000, None, "Trực tiếp",
             "Đang giải quyết", None]]
    result = compute_stats(write_xlsx(tmp_path / "ho-so.xlsx", rows), START, END)
    f = result.figures.fields[0]
    assert (f.online, f.late, f.apologies) == (1, 1, 1)
    assert [(b.row, b.column, b.value) for b in result.bad] == [(3, "Ngày hẹn trả", "45000")]
    assert "không phải ngày" in result.bad[0].rule


def test_optional_apology_column_may_be_absent(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "ho-so.csv", [r[:8] for r in ROWS], header=HEADER[:8])
    result = compute_stats(path, START, END)
    assert result.absent == ("Thư xin lỗi",)
    # no apology column: the number of letters is unknown, not zero
    assert by_field(result)["Hộ tịch"] == attrs.evolve(EXPECTED["Hộ tịch"], apologies=None)


@pytest.mark.parametrize(("content", "words"), [
    ("Mã hồ sơ,Lĩnh vực\n".encode("utf-16"), "UTF-16"),
    (",".join(HEADER).encode() + b"\nA,H\xf4 t\xecch,,05/01/2023,06/01/2023,,x,y,\n", "UTF-8"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, ".xls"),
    (b"", "tệp rỗng"),
])
def test_unreadable_files_are_refused_clearly(tmp_path: Path, content: bytes, words: str) -> None:
    path = tmp_path / "ho-so.csv"
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        compute_stats(path, START, END)
    assert words in caught.value.format()
    if words == "UTF-8":
        assert caught.value.problems[0].line == 2


def test_no_dossier_in_the_window_is_an_error_listing_bad_rows() -> None:
    rows = [HEADER, ok_row("B1", **{"Kênh nộp": "Fax"}), ok_row("late", **{"Ngày tiếp nhận": "01/05/2023"})]
    with pytest.raises(InputError) as caught:
        compute_stats_from_rows(rows, START, END)
    message = caught.value.format()
    assert "không có hồ sơ nào thuộc kỳ 01/01/2023–31/3/2023" in message and "Fax" in message


def test_window_ending_before_it_starts_is_refused() -> None:
    with pytest.raises(ValueError, match="trước ngày đầu kỳ"):
        compute_stats_from_rows([HEADER, ok_row()], END, START)


def test_progress_is_reported_up_to_one(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    subprocess.run([sys.executable, str(SCRIPT), "--rows", "30000", "--out", str(path)], check=True,
                   capture_output=True)
    seen: list[float] = []
    compute_stats(path, dt.date(2022, 12, 15), dt.date(2023, 12, 14), progress=seen.append)
    assert len(seen) >= 3 and seen == sorted(seen) and seen[-1] == 1.0 and 0 < seen[0] < 1


# --------------------------------------------------------------------------- mappings


def test_shipped_mappings_load() -> None:
    assert {"default", "motcua-tinh"} <= set(mapping_names())
    default = load_mapping()
    assert default.name == "default" and default.columns.due == "Ngày hẹn trả"
    assert "BCCI" in default.channels.post and "Rút hồ sơ" in default.statuses.returned
    assert load_mapping("motcua-tinh").columns.code == "Số hồ sơ"


def test_provincial_mapping_reads_its_own_headers(tmp_path: Path) -> None:
    header = ["STT", "Số hồ sơ", "Tên thủ tục", "Tên lĩnh vực", "Ngày nhận", "Hạn xử lý", "Ngày hoàn thành",
              "Hình thức nộp", "Tình trạng xử lý", "Văn bản xin lỗi"]
    channel = {"Trực tuyến": "Nộp trực tuyến", "Trực tiếp": "Nộp trực tiếp", "Bưu chính công ích": "Qua bưu chính",
               "BCCI": "BCCI", "trực tuyến": "DVC trực tuyến"}
    status = {"Đã giải quyết": "Đã hoàn thành", "Đã trả kết quả": "Hoàn thành đúng hạn",
              "đã giải quyết": "Hoàn thành quá hạn", "Đang giải quyết": "Đang xử lý", "Trả lại": "Trả lại hồ sơ",
              "Rút hồ sơ": "Công dân rút hồ sơ"}
    apology = {"": "", "x": "Đã gửi", "có": "Có", "1": "x"}
    rows = [[str(i), r[0], r[2], r[1], r[3], r[4], r[5], channel[r[6]], status[r[7]], apology[r[8]]]
            for i, r in enumerate(ROWS, start=1)]
    path = write_csv(tmp_path / "xuat-tu-he-thong.csv", rows, header=header, delimiter=";")
    with pytest.raises(InputError, match="Mã hồ sơ"):
        compute_stats(path, START, END)  # the default mapping does not fit
    assert by_field(compute_stats(path, START, END, load_mapping("motcua-tinh"))) == EXPECTED


def test_user_mapping_file(tmp_path: Path) -> None:
    mapping_file = tmp_path / "cot.yaml"
    mapping_file.write_text("""\
columns: {code: ID, field: Area, received: In, due: Due, finished: Out, channel: Via, status: State}
channels: {online: [web], in_person: [desk], post: [mail]}
statuses: {resolved: [done], pending: [open], returned: [back]}
""", encoding="utf-8")
    mapping = load_mapping(mapping_file)
    assert mapping.name == str(mapping_file) and mapping.columns.apology is None
    rows = [["ID", "Area", "In", "Due", "Out", "Via", "State"],
            ["1", "Hộ tịch", "02/01/2023", "05/01/2023", "05/01/2023", "WEB", "Done"],
            ["2", "Hộ tịch", "02/01/2023", "05/01/2023", "", "desk", "open"]]
    f = compute_stats_from_rows(rows, START, END, mapping).figures.fields[0]
    assert (f.online, f.in_person, f.on_time, f.pending_overdue) == (1, 1, 1, 1)


def test_user_mapping_mistakes_name_the_file_line_and_field(tmp_path: Path) -> None:
    mapping_file = tmp_path / "cot.yaml"
    mapping_file.write_text("""\
columns:
  code: ID
  field: Area
  received: In
  finished: Out
  channel: Via
  status: State
channels: {online: [web, desk], in_person: [desk], post: []}
statuses: {resolved: [done], pending: [open], returned: [back]}
""", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_mapping(mapping_file)
    message = caught.value.format()
    assert str(mapping_file) in message
    assert "columns.due" in message and "thiếu trường bắt buộc" in message
    assert "channels.in_person[0]" in message and "channels.post" in message


def test_unknown_mapping_name_lists_the_shipped_ones() -> None:
    with pytest.raises(InputError) as caught:
        load_mapping("tinh-khac")
    assert "default" in caught.value.format() and "motcua-tinh" in caught.value.format()


def test_mapping_refuses_a_value_in_two_statuses() -> None:
    from cchc_plan.io.convert import structure
    from cchc_plan.problems import InvalidModel

    data = {"columns": {"code": "a", "field": "b", "received": "c", "due": "d", "finished": "e",
                        "channel": "f", "status": "g"},
            "channels": {"online": ["x"], "in_person": ["y"], "post": ["z"]},
            "statuses": {"resolved": ["Xong"], "pending": [" xong "], "returned": ["r"]}}
    with pytest.raises(InvalidModel, match="đã dùng cho trạng thái resolved"):
        structure(data, ColumnMapping)


# --------------------------------------------------------------------------- the example


def test_example_year_has_no_bad_rows_and_plausible_figures() -> None:
    result = compute_stats(EXAMPLE_CSV, dt.date(2022, 12, 15), dt.date(2023, 12, 14))
    assert result.bad_count == 0 and result.outside == 0
    assert 4000 <= result.rows <= 6000
    total = result.figures.total
    assert total.on_time_rate is not None and 95 <= total.on_time_rate < 100
    assert total.online_share is not None and 40 <= total.online_share <= 60
    for name in ("carried_over", "online", "in_person", "post", "early", "on_time", "late",
                 "pending_in_time", "pending_overdue", "returned", "apologies"):
        assert getattr(total, name) > 0, name
    assert {"Chứng thực", "Hộ tịch", "Đất đai", "Lao động - Thương binh và Xã hội"} <= {
        f.field for f in result.figures.fields}


def test_example_is_reproduced_byte_for_byte(tmp_path: Path) -> None:
    out = tmp_path / "ho-so.csv"
    done = subprocess.run([sys.executable, str(SCRIPT), "--out", str(out)], check=True, capture_output=True,
                          text=True)
    assert "Số liệu minh họa" in done.stderr
    assert out.read_bytes() == EXAMPLE_CSV.read_bytes()


# --------------------------------------------------------------------------- report


def test_figures_for_report(tmp_path: Path) -> None:
    write_csv(tmp_path / "ho-so.csv", [*ROWS, ok_row("B", **{"Kênh nộp": "Fax"})])
    spec: dict[str, Any] = {"dossiers": "ho-so.csv", "previous": {"on_time_rate": 98.5}}
    with pytest.raises(InputError, match="Fax"):
        figures_for_report(spec, tmp_path, (START, END), source="bao-cao.yaml")
    figures = figures_for_report({**spec, "skip_bad": True}, tmp_path, (START, END), source="bao-cao.yaml")
    assert {f.field: f for f in figures.fields} == EXPECTED
    assert figures.previous is not None and figures.previous.on_time_rate == 98.5
    with pytest.raises(InputError, match="one_stop.skip"):
        figures_for_report({**spec, "skip": True}, tmp_path, (START, END), source="bao-cao.yaml", line=7)


# --------------------------------------------------------------------------- property

FIELDS = ("Hộ tịch", "Chứng thực", "Đất đai")
CHANNELS = {"Trực tuyến": "online", "trực  tuyến": "online", "Trực tiếp": "in_person",
            "BCCI": "post", "Bưu chính công ích": "post"}
STATUSES = {"Đã giải quyết": "resolved", "Đã trả kết quả": "resolved", "Đang giải quyết": "pending",
            "Trả lại": "returned", "Rút hồ sơ": "returned"}
BASE = dt.date(2023, 1, 1)


@st.composite
def dossiers(draw: st.DrawFn) -> dict[str, Any]:
    received = BASE + dt.timedelta(days=draw(st.integers(-40, 120)))
    due = received + dt.timedelta(days=draw(st.integers(0, 30)))
    status = draw(st.sampled_from(sorted(STATUSES)))
    kind = STATUSES[status]
    finished = None
    if kind == "resolved" or (kind == "returned" and draw(st.booleans())):
        finished = received + dt.timedelta(days=draw(st.integers(0, 60)))
    return {"field": draw(st.sampled_from(FIELDS)), "received": received, "due": due, "finished": finished,
            "channel": draw(st.sampled_from(sorted(CHANNELS))), "status": status,
            "apology": draw(st.sampled_from(["", "", "", "x"])),
            "iso": draw(st.booleans())}


def oracle(items: list[dict[str, Any]], start: dt.date, end: dt.date) -> tuple[dict[str, Counter[str]], int]:
    """The figures counted one dossier at a time, straight from the rules in the module's docstring."""
    out: dict[str, Counter[str]] = {}
    bad = 0
    for d in items:
        received, finished, due = d["received"], d["finished"], d["due"]
        if received > end or (received < start and finished is not None and finished < start):
            continue
        kind = STATUSES[d["status"]]
        if kind == "returned" and (finished is None or finished <= end):
            bucket = "returned"
        elif finished is not None and finished <= end:
            bucket = "early" if finished < due else "on_time" if finished == due else "late"
        else:
            bucket = "pending_in_time" if due >= end else "pending_overdue"
        if d["apology"] and bucket not in ("late", "pending_overdue", "pending_in_time"):
            bad += 1
            continue
        counter = out.setdefault(d["field"], Counter())
        counter["carried_over" if received < start else CHANNELS[d["channel"]]] += 1
        counter[bucket] += 1
        counter["apologies"] += bool(d["apology"])
    return out, bad


def cell(day: dt.date | None, iso: bool) -> str:
    if day is None:
        return ""
    return day.isoformat() if iso else f"{day.day}/{day.month}/{day.year} 10:05"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(items=st.lists(dossiers(), min_size=1, max_size=60), length=st.integers(0, 90))
def test_property_figures_add_up_and_match_a_per_dossier_count(items: list[dict[str, Any]], length: int) -> None:
    start, end = BASE, BASE + dt.timedelta(days=length)
    rows: list[list[object]] = [HEADER]
    for i, d in enumerate(items):
        rows.append([f"HS{i}", d["field"], "", cell(d["received"], d["iso"]), cell(d["due"], not d["iso"]),
                     cell(d["finished"], d["iso"]), d["channel"], d["status"], d["apology"]])
    expected, bad = oracle(items, start, end)
    if not expected:
        with pytest.raises(InputError, match="không có hồ sơ nào"):
            compute_stats_from_rows(rows, start, end)
        return
    result = compute_stats_from_rows(rows, start, end)
    assert result.bad_count == bad
    assert result.rows == len(items) == result.used + result.bad_count + result.outside
    got = by_field(result)
    assert set(got) == set(expected)
    for name, f in got.items():
        assert f.received == f.resolved + f.pending + f.returned
        for count in ("carried_over", "online", "in_person", "post", "early", "on_time", "late",
                      "pending_in_time", "pending_overdue", "returned", "apologies"):
            assert getattr(f, count) == expected[name][count], (name, count)
    total = result.figures.total
    for count in ("carried_over", "online", "in_person", "post", "early", "on_time", "late",
                  "pending_in_time", "pending_overdue", "returned", "apologies"):
        assert getattr(total, count) == sum(getattr(f, count) for f in got.values())
    assert total.received == result.used
