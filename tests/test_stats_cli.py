"""The ``cchc-plan stats`` command as a user runs it: the table, the bad rows, ``-o``, the exit status.

Every test runs the command in a fresh folder and looks at what it printed and
what is on disk afterwards (the YAML read back, or nothing at all).
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
import yaml

from cchc_plan.cli import stats as stats_cli
from cchc_plan.cli.progress import progress_bar
from cchc_plan.io.convert import structure
from cchc_plan.io.dossiers import compute_stats
from cchc_plan.model.figures import OneStopFigures
from cchc_plan.vnformat import number, percent

from test_dossiers import END, EXPECTED, HEADER, ROWS, START, as_cells, ok_row, write_csv

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_CSV = ROOT / "examples" / "loc-binh-2023" / "ho-so-2023.csv"
WINDOW = ["--from", "01/01/2023", "--to", "2023-03-31"]


def _cli_knows_stats() -> bool:
    from cchc_plan.cli import app as cli

    parser = cli._parser()
    return any(isinstance(a, argparse._SubParsersAction) and "stats" in a.choices for a in parser._actions)


def run(*args: object) -> int:
    """``cchc-plan stats …``: through :func:`cchc_plan.cli.main` once it knows ``stats``."""
    argv = ["stats", *map(str, args)]
    if _cli_knows_stats():
        from cchc_plan.cli import main

        return main(argv)
    parser = argparse.ArgumentParser(prog="cchc-plan")
    stats_cli.add_parser(parser.add_subparsers(dest="command"))
    parsed = parser.parse_args(argv)
    return int(parsed.run(parsed))


@pytest.fixture(autouse=True)
def printed_to_a_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """Output captured, no ``COLUMNS``: the table on one line per row, whatever the terminal running pytest."""
    monkeypatch.delenv("COLUMNS", raising=False)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "work"
    path.mkdir()
    return path


@pytest.fixture
def dossiers(folder: Path) -> Path:
    return write_csv(folder / "ho-so.csv", ROWS)


def with_bad_rows(folder: Path, count: int = 2) -> Path:
    bad = [ok_row(f"B{i}", **{"Kênh nộp": "Fax"}) for i in range(count)]
    return write_csv(folder / "ho-so.csv", [*ROWS, *bad])


def table_rows(out: str) -> dict[str, list[str]]:
    """The printed table, as cells split on runs of two or more spaces, by first cell."""
    rows = {}
    for line in out.splitlines():
        cells = re.split(r"\s{2,}", line.strip())
        if len(cells) == 15:
            rows[cells[0]] = cells
    return rows


# --------------------------------------------------------------------------- the table


def test_table_per_field_and_total(dossiers: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(dossiers, *WINDOW) == 0
    out = capsys.readouterr().out
    rows = table_rows(out)
    assert rows["Lĩnh vực"] == ["Lĩnh vực", "Tiếp nhận", "Kỳ trước", "Trực tuyến", "Trực tiếp", "BCCI",
                                "Đã giải quyết", "Trước hạn", "Đúng hạn", "Trễ hạn", "Đang giải quyết",
                                "Quá hạn", "Trả lại", "Tỷ lệ đúng hạn", "Tỷ lệ trực tuyến"]
    assert rows["Hộ tịch"] == ["Hộ tịch", "9", "2", "3", "2", "2", "5", "2", "1", "2", "3", "1", "1",
                               "60%", "42,86%"]
    assert rows["Chứng thực"] == ["Chứng thực", "6", "1", "3", "2", "0", "3", "1", "1", "1", "2", "1", "1",
                                  "66,67%", "60%"]
    assert rows["Tổng cộng"][1:2] + rows["Tổng cộng"][-2:] == ["15", "62,50%", "50%"]
    assert "17 dòng hồ sơ: 15 được tính, 2 ngoài kỳ, 0 dòng lỗi." in out


def test_counts_with_dot_grouping_and_rates_with_decimal_comma(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(EXAMPLE_CSV, "--from", "15/12/2022", "--to", "14/12/2023") == 0
    total = table_rows(capsys.readouterr().out)["Tổng cộng"]
    figures = compute_stats(EXAMPLE_CSV, dt.date(2022, 12, 15), dt.date(2023, 12, 14)).figures.total
    assert figures.received > 1000 and figures.on_time_rate is not None
    assert total[1] == number(figures.received) and re.fullmatch(r"\d\.\d{3}", total[1])
    assert total[-2] == percent(figures.on_time_rate, 2) and re.fullmatch(r"\d{2},\d{2}%", total[-2])


def test_xlsx_and_alternative_mapping(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = openpyxl.Workbook()
    header = ["Số hồ sơ", "Tên lĩnh vực", "Tên thủ tục", "Ngày nhận", "Hạn xử lý", "Ngày hoàn thành",
              "Hình thức nộp", "Tình trạng xử lý"]
    channel = {"trực tiếp": "Nộp trực tiếp", "trực tuyến": "Nộp trực tuyến", "bcci": "Qua bưu chính",
               "bưu chính công ích": "BCCI"}
    status = {"đã giải quyết": "Đã hoàn thành", "đã trả kết quả": "Đã trả kết quả", "đang giải quyết": "Đang xử lý",
              "trả lại": "Trả lại hồ sơ", "rút hồ sơ": "Đã rút hồ sơ"}
    book.active.append(header)
    for row in ROWS:
        cells = as_cells(row)
        cells[6], cells[7] = channel[row[6].lower()], status[row[7].lower()]
        book.active.append(cells[:8])
    book.save(folder / "xuat.xlsx")
    assert run(folder / "xuat.xlsx", *WINDOW) == 1
    assert 'thiếu cột "Mã hồ sơ"' in capsys.readouterr().err
    assert run(folder / "xuat.xlsx", *WINDOW, "--mapping", "motcua-tinh") == 0
    captured = capsys.readouterr()
    assert table_rows(captured.out)["Hộ tịch"][1:4] == ["9", "2", "3"]
    assert 'Tệp không có cột "Văn bản xin lỗi"' in captured.out


# --------------------------------------------------------------------------- bad rows


def test_bad_rows_exit_1_unless_skip_bad(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = with_bad_rows(folder, 2)
    assert run(path, *WINDOW) == 1
    err = capsys.readouterr().err
    assert '- dòng 19, cột "Kênh nộp" = "Fax": kênh nộp không có trong mẫu cột' in err
    assert "dòng 20" in err and "--skip-bad" in err and "Traceback" not in err

    assert run(path, *WINDOW, "--skip-bad") == 0
    captured = capsys.readouterr()
    assert "Có 2 dòng lỗi (đã bỏ qua, không tính vào số liệu)" in captured.err
    assert table_rows(captured.out)["Tổng cộng"][1] == "15"
    assert "19 dòng hồ sơ: 15 được tính, 2 ngoài kỳ, 2 dòng lỗi." in captured.out


def test_first_twenty_bad_rows_listed_then_the_rest_counted(folder: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    path = with_bad_rows(folder, 1025)
    assert run(path, *WINDOW, "--skip-bad") == 0
    err = capsys.readouterr().err
    assert len(re.findall(r"^  - dòng \d+", err, flags=re.M)) == 20
    assert "  - dòng 38," in err and "  - dòng 39," not in err
    assert "… và 1.005 dòng khác" in err and "Có 1.025 dòng lỗi" in err


def test_missing_column_is_one_clear_error(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_csv(folder / "ho-so.csv", [r[:7] + r[8:] for r in ROWS], header=HEADER[:7] + HEADER[8:])
    assert run(path, *WINDOW) == 1
    err = capsys.readouterr().err
    assert err.count("thiếu cột") == 1 and '"Trạng thái"' in err and '"default"' in err
    assert "Traceback" not in err


@pytest.mark.parametrize(("args", "words"), [
    (["--mapping", "khong-co"], "các mẫu có sẵn: default, motcua-tinh"),
    (["--mapping", "khong-co.yaml"], "không tìm thấy tệp"),
])
def test_mapping_errors(dossiers: Path, capsys: pytest.CaptureFixture[str], args: list[str], words: str) -> None:
    assert run(dossiers, *WINDOW, *args) == 1
    assert words in capsys.readouterr().err


def test_user_mapping_file_from_the_command_line(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mapping = folder / "cot.yaml"
    mapping.write_text(
        "columns: {code: ID, field: Area, received: In, due: Due, finished: Out, channel: Via, status: State}\n"
        "channels: {online: [web], in_person: [desk], post: [mail]}\n"
        "statuses: {resolved: [done], pending: [open], returned: [back]}\n", encoding="utf-8")
    data = folder / "export.csv"
    data.write_text("ID,Area,In,Due,Out,Via,State\n1,Tư pháp,02/01/2023,05/01/2023,04/01/2023,web,done\n",
                    encoding="utf-8")
    assert run(data, *WINDOW, "--mapping", mapping) == 0
    assert table_rows(capsys.readouterr().out)["Tư pháp"][1:4] == ["1", "0", "1"]


def test_missing_file(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(folder / "khong-co.csv", *WINDOW) == 1
    assert "không tìm thấy tệp" in capsys.readouterr().err


# --------------------------------------------------------------------------- usage


def test_window_ending_before_it_starts(dossiers: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(dossiers, "--from", "31/03/2023", "--to", "01/01/2023") == 2
    assert "--to 01/01/2023 trước --from 31/3/2023" in capsys.readouterr().err


@pytest.mark.parametrize("day", ["31/02/2023", "2023/13/01", "hôm nay", "15-12-22"])
def test_bad_day_is_a_usage_error(dossiers: Path, capsys: pytest.CaptureFixture[str], day: str) -> None:
    with pytest.raises(SystemExit) as caught:
        run(dossiers, "--from", day, "--to", "31/03/2023")
    assert caught.value.code == 2
    assert f'"{day}" không phải ngày' in capsys.readouterr().err


def test_parse_day_forms() -> None:
    assert stats_cli.parse_day("15/12/2022") == stats_cli.parse_day("2022-12-15") == dt.date(2022, 12, 15)
    assert stats_cli.parse_day("5/3/2023") == dt.date(2023, 3, 5)


# --------------------------------------------------------------------------- writing the figures


def test_output_yaml_reads_back_equal(dossiers: Path, folder: Path) -> None:
    out = folder / "so-lieu.yaml"
    assert run(dossiers, *WINDOW, "-o", out) == 0
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert list(data) == ["fields", "source"]
    figures = structure(data, OneStopFigures)
    assert figures == compute_stats(dossiers, START, END).figures
    assert {f.field: f for f in figures.fields} == EXPECTED


def test_output_is_never_overwritten_without_force(dossiers: Path, folder: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    out = folder / "so-lieu.yaml"
    out.write_text("cũ\n", encoding="utf-8")
    assert run(dossiers, *WINDOW, "-o", out) == 1
    assert "--force" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "cũ\n"
    assert run(dossiers, *WINDOW, "-o", out, "--force") == 0
    assert structure(yaml.safe_load(out.read_text(encoding="utf-8")), OneStopFigures).total.received == 15


def test_no_output_when_there_are_bad_rows(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = with_bad_rows(folder)
    assert run(path, *WINDOW, "-o", folder / "so-lieu.yaml") == 1
    assert "chưa ghi" in capsys.readouterr().err
    assert sorted(p.name for p in folder.iterdir()) == ["ho-so.csv"]
    assert run(path, *WINDOW, "-o", folder / "so-lieu.yaml", "--skip-bad") == 0
    assert sorted(p.name for p in folder.iterdir()) == ["ho-so.csv", "so-lieu.yaml"]


def test_no_partial_output_when_writing_fails(dossiers: Path, folder: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    from cchc_plan.io import outputs

    real = outputs._write_all

    def half_then_full_disk(fd: int, data: bytes) -> None:
        real(fd, data[: len(data) // 2])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(outputs, "_write_all", half_then_full_disk)
    assert run(dossiers, *WINDOW, "-o", folder / "so-lieu.yaml") == 1
    err = capsys.readouterr().err
    assert "không ghi được" in err and "Traceback" not in err
    assert sorted(p.name for p in folder.iterdir()) == ["ho-so.csv"]


def test_output_must_be_yaml_and_not_the_input(dossiers: Path, folder: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert run(dossiers, *WINDOW, "-o", folder / "so-lieu.txt") == 1
    assert ".yaml" in capsys.readouterr().err
    copy = folder / "ho-so.yaml"
    copy.write_bytes(dossiers.read_bytes())
    assert run(copy, *WINDOW, "-o", copy, "--force") == 1
    assert "trùng với tệp hồ sơ" in capsys.readouterr().err
    assert copy.read_bytes() == dossiers.read_bytes()


# --------------------------------------------------------------------------- progress, start-up


def test_progress_bar_on_request(dossiers: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(dossiers, *WINDOW, "--progress") == 0
    err = capsys.readouterr().err
    assert "\r[" + "#" * 30 + "] 100%\n" in err


def test_no_progress_bar_when_not_asked(dossiers: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(dossiers, *WINDOW) == 0
    assert "\r[" not in capsys.readouterr().err


def test_progress_bar_drawing() -> None:
    import io

    stream = io.StringIO()
    draw = progress_bar(stream, width=10)
    for fraction in (0.0, 0.451, 0.455, 1.0):
        draw(fraction)
    assert stream.getvalue() == "\r[..........] 0%\r[####......] 45%\r[##########] 100%\n"


def test_registering_the_command_imports_nothing_heavy() -> None:
    code = ("import sys, argparse; from cchc_plan.cli import stats as stats_cli; "
            "p = argparse.ArgumentParser(); stats_cli.add_parser(p.add_subparsers()); "
            "print(sorted(m for m in ('cchc_plan.io.dossiers', 'openpyxl', 'yaml', 'babel', 'cattrs') "
            "if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={"PYTHONPATH": str(ROOT / "src")})
    assert done.stdout.strip() == "[]"


# --------------------------------------------------------------------------- the terminal's width


def blocks_joined(out: str) -> dict[str, list[str]]:
    """The wrapped table put back together: each block's cells appended to its row's first cell."""
    rows: dict[str, list[str]] = {}
    for line in out.splitlines():
        if not line.strip() or set(line) <= {"-", " "}:
            continue
        cells = re.split(r"\s{2,}", line.strip())
        if len(cells) > 1:
            rows.setdefault(cells[0], [cells[0]]).extend(cells[1:])
    return rows


@pytest.mark.parametrize("columns", [80, 200, 120, 40])
def test_the_table_fits_the_terminal(columns: int, capsys: pytest.CaptureFixture[str],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    args = ("--from", "15/12/2022", "--to", "14/12/2023")
    monkeypatch.delenv("COLUMNS", raising=False)
    assert run(EXAMPLE_CSV, *args) == 0
    whole = capsys.readouterr().out  # printed to a file: one line per row, whatever its width
    assert max(len(line) for line in whole.splitlines()) == 199
    monkeypatch.setenv("COLUMNS", str(columns))
    assert run(EXAMPLE_CSV, *args) == 0
    out = capsys.readouterr().out
    assert max(len(line) for line in out.splitlines()) <= columns
    if columns >= 80:  # every field name whole, every cell there, in order
        assert blocks_joined(out) == {k: v for k, v in table_rows(whole).items() if not k.startswith("-")}
        lines = out.splitlines()
        rules = [lines[i + 1] for i, line in enumerate(lines) if line.startswith("Lĩnh vực")]
        assert (len(rules) == 1) == (columns == 200)
        for this, after in zip(rules, rules[1:], strict=False):  # a block takes as many columns as fit
            assert len(this) + 2 + len(after.split()[1]) > columns
    else:
        assert "Lao động - Thương bin…" in out  # shortened to leave room for one column
    assert ("5.034 dòng hồ sơ: 5.034 được tính, 0 ngoài kỳ, 0 dòng lỗi." in out) == (columns >= 80)


def test_the_wide_table_is_one_block_when_it_fits(capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    assert run(EXAMPLE_CSV, "--from", "15/12/2022", "--to", "14/12/2023") == 0
    whole = capsys.readouterr().out
    monkeypatch.setenv("COLUMNS", "300")
    assert run(EXAMPLE_CSV, "--from", "15/12/2022", "--to", "14/12/2023") == 0
    assert capsys.readouterr().out == whole
