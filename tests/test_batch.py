"""One plan per unit: ``cchc-plan batch`` and :func:`cchc_plan.cli.batch.run_batch`.

The template is the illustrative commune plan ``examples/mau-xa-2027/ke-hoach.yaml`` and the units
table ``examples/mau-xa-2027/don-vi.csv`` (4 units). What each document must show is written out
below from the CSV by hand; every document is read back from disk.
"""

from __future__ import annotations

import csv
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

import attrs
import pytest
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st
from docx_reading import DocxReader

from cchc_plan.cli.batch import BatchResult, UnitFailure, load_template, read_units, run_batch
from cchc_plan.cli import main
from cchc_plan.problems import InputError

EXAMPLE = ROOT / "examples" / "mau-xa-2027"
TEMPLATE = EXAMPLE / "ke-hoach.yaml"
UNITS = EXAMPLE / "don-vi.csv"

# name in the header, number line, date line, signer, own name, the two overridable targets
EXPECTED = {
    "ke-hoach-xa-an-hoa.docx": (
        "XÃ AN HÒA", "Số: 03/KH-UBND", "An Hòa, ngày 05 tháng 01 năm 2027", "Nguyễn Văn A", "xã An Hòa",
        "đạt trên 99% trong từng lĩnh vực", "đạt tối thiểu 80%."),
    "ke-hoach-xa-binh-minh.docx": (
        "XÃ BÌNH MINH", "Số: 05/KH-UBND", "Bình Minh, ngày 06 tháng 01 năm 2027", "Trần Thị B", "xã Bình Minh",
        "đạt trên 98% trong từng lĩnh vực", "đạt tối thiểu 85%."),
    "ke-hoach-xa-hoa-loi.docx": (
        "XÃ HÒA LỢI", "Số: 04/KH-UBND", "Hòa Lợi, ngày 06 tháng 01 năm 2027", "Lê Văn C", "xã Hòa Lợi",
        "đạt trên 98% trong từng lĩnh vực", "đạt tối thiểu 80%."),
    "ke-hoach-phuong-tan-phu.docx": (
        "PHƯỜNG TÂN PHÚ", "Số: 06/KH-UBND", "Tân Phú, ngày 07 tháng 01 năm 2027", "Phạm Thị D", "phường Tân Phú",
        "đạt trên 98,5% trong từng lĩnh vực", "đạt tối thiểu 90%."),
}
_SUMMARY = re.compile(r"(\d+) đơn vị: đã tạo (\d+), bỏ qua (\d+) \(đã cập nhật\), lỗi (\d+)")


def batch(*args: object) -> int:
    return main(["batch", *map(str, args)])


def summary(out: str) -> tuple[int, int, int, int]:
    """(units, written, skipped, failed) from the printed summary line."""
    m = _SUMMARY.search(out)
    assert m, out
    return tuple(int(g) for g in m.groups())  # type: ignore[return-value]


def docx_names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".docx"))


def leftovers(folder: Path) -> list[str]:
    """Anything in the folder that is not a finished document."""
    return sorted(p.name for p in folder.iterdir() if not (p.name.endswith(".docx") and not p.name.startswith(".")))


def stamps(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.glob("*.docx"))}


def identifier(path: Path) -> str | None:
    core = zipfile.ZipFile(path).read("docProps/core.xml").decode("utf-8")
    m = re.search(r"<dc:identifier>([^<]*)</dc:identifier>", core)
    return m.group(1) if m else None


def write_units(path: Path, header: list[str], rows: list[list[str]], *, complete: bool = True) -> Path:
    """A units table; ``complete`` adds the province and signer the template's placeholders need."""
    if complete:
        for column, value in (("province", "tỉnh Mẫu"), ("signer", "Nguyễn Văn A")):
            if column not in header:
                header = [*header, column]
                rows = [[*r, value] for r in rows]
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    return path


@pytest.fixture(scope="module")
def example_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The example batch, run once by the command line: (output folder, what it printed)."""
    out = tmp_path_factory.mktemp("batch") / "OUT"
    import io
    from contextlib import redirect_stdout

    buffer = io.StringIO()
    with redirect_stdout(buffer):
        assert batch(TEMPLATE, UNITS, "-o", out) == 0
    return out, buffer.getvalue()


@pytest.fixture
def out_copy(example_run: tuple[Path, str], tmp_path: Path) -> Path:
    """A private copy of the example batch's output (times kept), for tests that change it."""
    return Path(shutil.copytree(example_run[0], tmp_path / "OUT", copy_function=shutil.copy2))


# --------------------------------------------------------------------------- the example


def test_four_documents_named_after_their_units(example_run: tuple[Path, str]) -> None:
    out, printed = example_run
    assert docx_names(out) == sorted(EXPECTED)
    assert leftovers(out) == []
    assert summary(printed) == (4, 4, 0, 0)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_document_is_its_own_units(example_run: tuple[Path, str], name: str) -> None:
    header, number, date_line, signer, own, on_time, online = EXPECTED[name]
    path = example_run[0] / name
    assert zipfile.ZipFile(path).testzip() is None
    doc = DocxReader(path)
    texts = [p.text for p in doc.paragraphs()]
    top = texts[:texts.index("KẾ HOẠCH")]
    assert top[:2] == ["ỦY BAN NHÂN DÂN", header]
    assert number in top
    assert date_line in top
    assert f"{own} năm 2027" in texts  # the subject's second line
    assert f"Ủy ban nhân dân {own} ban hành Kế hoạch cải cách hành chính gắn với chuyển đổi số năm 2027, " \
           f"cụ thể như sau:" in texts
    assert f"- Tỷ lệ hồ sơ giải quyết đúng hạn {on_time}." in texts
    assert f"- Tỷ lệ hồ sơ thủ tục hành chính được tiếp nhận, giải quyết trực tuyến {online}" in texts
    assert signer in texts
    assert texts.index(signer) > texts.index("CHỦ TỊCH")
    serial = number.removeprefix("Số: ")
    day, month = re.search(r"ngày (\d\d) tháng (\d\d)", date_line).groups()
    assert f"(Kèm theo Kế hoạch số {serial} ngày {day} tháng {month} năm 2027 của UBND {own})" in texts
    everything = "\n".join(doc.all_text_elements())
    assert "xã Mẫu" not in everything and "XÃ MẪU" not in everything
    assert "Mẫu, ngày" not in everything
    assert "tỉnh Mẫu" in everything  # the province is not the unit: kept
    assert re.fullmatch(r"[0-9a-f]{64}", identifier(path) or "")


def test_documents_differ_only_where_units_do(example_run: tuple[Path, str]) -> None:
    ids = {identifier(example_run[0] / n) for n in EXPECTED}
    assert len(ids) == 4


# --------------------------------------------------------------------------- skip, resume, force


def test_second_run_skips_everything_and_touches_nothing(out_copy: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    before = stamps(out_copy)
    assert batch(TEMPLATE, UNITS, "-o", out_copy) == 0
    assert summary(capsys.readouterr().out) == (4, 0, 4, 0)
    assert stamps(out_copy) == before
    assert leftovers(out_copy) == []


def test_a_deleted_document_is_the_only_one_written(out_copy: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    gone = out_copy / "ke-hoach-xa-binh-minh.docx"
    before = stamps(out_copy)
    gone.unlink()
    assert batch(TEMPLATE, UNITS, "-o", out_copy) == 0
    assert summary(capsys.readouterr().out) == (4, 1, 3, 0)
    after = stamps(out_copy)
    assert sorted(after) == sorted(before)
    for name in before:
        if name != gone.name:
            assert after[name] == before[name], name
    assert re.fullmatch(r"[0-9a-f]{64}", identifier(gone) or "")
    assert "Trần Thị B" in [p.text for p in DocxReader(gone).paragraphs()]


def test_a_changed_row_is_rewritten(out_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    units = tmp_path / "don-vi.csv"
    units.write_text(UNITS.read_text(encoding="utf-8").replace("Lê Văn C", "Lê Văn Cường"), encoding="utf-8")
    before = stamps(out_copy)
    assert batch(TEMPLATE, units, "-o", out_copy) == 0
    assert summary(capsys.readouterr().out) == (4, 1, 3, 0)
    after = stamps(out_copy)
    assert after["ke-hoach-xa-hoa-loi.docx"] != before["ke-hoach-xa-hoa-loi.docx"]
    assert "Lê Văn Cường" in [p.text for p in DocxReader(out_copy / "ke-hoach-xa-hoa-loi.docx").paragraphs()]


def test_force_rewrites_all(out_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for p in out_copy.glob("*.docx"):
        os.utime(p, ns=(1_000_000_000, 1_000_000_000))  # 2001: any rewrite shows
    assert batch(TEMPLATE, UNITS, "-o", out_copy, "--force") == 0
    assert summary(capsys.readouterr().out) == (4, 4, 0, 0)
    for p in out_copy.glob("*.docx"):
        assert p.stat().st_mtime_ns > 1_000_000_000, p.name
        assert zipfile.ZipFile(p).testzip() is None
    assert docx_names(out_copy) == sorted(EXPECTED)
    assert leftovers(out_copy) == []


def test_a_foreign_file_of_the_same_name_is_kept_without_force(out_copy: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    """A .docx not written by the batch (no fingerprint) is neither up to date nor overwritten."""
    target = out_copy / "ke-hoach-xa-an-hoa.docx"
    target.write_bytes(b"the office's own document")
    assert batch(TEMPLATE, UNITS, "-o", out_copy) == 1
    captured = capsys.readouterr()
    assert summary(captured.out) == (4, 0, 3, 1)
    assert target.read_bytes() == b"the office's own document"
    assert "don-vi.csv:2" in captured.err and "không phải văn bản do lệnh batch tạo" in captured.err
    assert "--force" in captured.err
    assert batch(TEMPLATE, UNITS, "-o", out_copy, "--force") == 0
    assert "XÃ AN HÒA" in [p.text for p in DocxReader(target).paragraphs()]


def test_an_earlier_document_of_the_batch_from_other_inputs_is_rewritten(tmp_path: Path) -> None:
    out = tmp_path / "OUT"
    units = write_units(tmp_path / "u.csv", ["name", "place", "number", "date"],
                        [["Ủy ban nhân dân xã An Hòa", "An Hòa", "3", "05/01/2027"]])
    run_batch(TEMPLATE, units, out, jobs=1)
    write_units(units, ["name", "place", "number", "date"],
                [["Ủy ban nhân dân xã An Hòa", "An Hòa", "9", "05/01/2027"]])
    again = run_batch(TEMPLATE, units, out, jobs=1)
    assert again.ok and [p.name for p in again.written] == ["ke-hoach-xa-an-hoa.docx"]
    assert "Số: 09/KH-UBND" in [p.text for p in DocxReader(out / "ke-hoach-xa-an-hoa.docx").paragraphs()]


def written_and_skipped(result: BatchResult) -> tuple[list[str], list[str]]:
    return sorted(p.name for p in result.written), sorted(p.name for p in result.skipped)


def rewrite_member(path: Path, member: str, edit: Any, *, comment: bool = True) -> None:
    """Rewrite one member of a .docx as an editor saving it would (the other members copied as they are)."""
    with zipfile.ZipFile(path) as z:
        parts = [(info, z.read(info)) for info in z.infolist()]
        old_comment = z.comment
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in parts:
            z.writestr(info, edit(data) if info.filename == member else data)
        if comment:
            z.comment = old_comment


def test_a_template_value_edited_makes_every_document_again(out_copy: Path, tmp_path: Path) -> None:
    template = tmp_path / "ke-hoach.yaml"
    text = TEMPLATE.read_text(encoding="utf-8")
    assert text.count("năm 2027") > 1
    template.write_text(text.replace("Cải cách hành chính gắn với chuyển đổi số", "Cải cách hành chính và số hóa"),
                        encoding="utf-8")
    result = run_batch(template, UNITS, out_copy, jobs=1)
    assert written_and_skipped(result) == (sorted(EXPECTED), [])
    for name in EXPECTED:
        assert "Cải cách hành chính và số hóa" in [p.text for p in DocxReader(out_copy / name).paragraphs()]


def test_a_template_comment_edited_changes_nothing(out_copy: Path, tmp_path: Path) -> None:
    template = tmp_path / "ke-hoach.yaml"
    template.write_text("# một dòng ghi chú mới\n" + TEMPLATE.read_text(encoding="utf-8"), encoding="utf-8")
    before = stamps(out_copy)
    result = run_batch(template, UNITS, out_copy, jobs=1)
    assert written_and_skipped(result) == ([], sorted(EXPECTED))
    assert stamps(out_copy) == before


def test_rows_moved_in_the_table_are_still_up_to_date(out_copy: Path, tmp_path: Path) -> None:
    header, *rows = UNITS.read_text(encoding="utf-8").splitlines()
    units = tmp_path / "don-vi.csv"
    units.write_text("\n".join([header, *reversed(rows), ""]), encoding="utf-8")
    result = run_batch(TEMPLATE, units, out_copy, jobs=2)
    assert written_and_skipped(result) == ([], sorted(EXPECTED))


def test_another_library_version_makes_every_document_again(out_copy: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import cchc_plan.cli.batch as batch_module

    assert written_and_skipped(run_batch(TEMPLATE, UNITS, out_copy, jobs=1)) == ([], sorted(EXPECTED))
    monkeypatch.setattr(batch_module, "__version__", batch_module.__version__ + ".1")
    assert written_and_skipped(run_batch(TEMPLATE, UNITS, out_copy, jobs=1)) == (sorted(EXPECTED), [])
    assert written_and_skipped(run_batch(TEMPLATE, UNITS, out_copy, jobs=1)) == ([], sorted(EXPECTED))


def test_the_options_do_not_change_what_is_up_to_date(out_copy: Path) -> None:
    """No option changes a document's content: one made with jobs=1 is up to date for jobs=2, and
    the other way round; only --force makes them again, to the same bytes."""
    before = {name: data for name, (data, _) in stamps(out_copy).items()}
    assert written_and_skipped(run_batch(TEMPLATE, UNITS, out_copy, jobs=1)) == ([], sorted(EXPECTED))
    assert written_and_skipped(run_batch(TEMPLATE, UNITS, out_copy, jobs=2)) == ([], sorted(EXPECTED))
    assert written_and_skipped(run_batch(TEMPLATE, UNITS, out_copy, jobs=1, force=True)) == (sorted(EXPECTED), [])
    assert {name: data for name, (data, _) in stamps(out_copy).items()} == before


@pytest.mark.parametrize("member,edit,comment", [
    ("word/document.xml", lambda b: b.replace("Nguyễn Văn A".encode(), "Nguyễn Văn Ả".encode()), True),
    ("docProps/core.xml", lambda b: b.replace(b"<dc:title>", b"<dc:title>Ban sua: "), True),
    ("word/styles.xml", lambda b: b, False),  # saved again by a tool that drops the zip comment
], ids=["body", "properties", "resaved"])
def test_an_edited_document_is_made_again(out_copy: Path, member: str, edit: Any, comment: bool) -> None:
    target = out_copy / "ke-hoach-xa-an-hoa.docx"
    original = target.read_bytes()
    rewrite_member(target, member, edit, comment=comment)
    assert target.read_bytes() != original
    assert identifier(target) is not None  # still says it is ours, with the same fingerprint
    result = run_batch(TEMPLATE, UNITS, out_copy, jobs=1)
    assert written_and_skipped(result) == (
        [target.name], sorted(n for n in EXPECTED if n != target.name))
    assert target.read_bytes() == original
    assert "Nguyễn Văn A" in [p.text for p in DocxReader(target).paragraphs()]


@pytest.mark.parametrize("name,why", [
    ("../ngoai", '".."'), ("con/../../ngoai.docx", '".."'), ("/tmp/ngoai.docx", "tuyệt đối"),
    ("lien-ket/ngoai.docx", "liên kết"),
])
def test_a_file_column_that_leaves_the_output_folder_is_refused(
        tmp_path: Path, name: str, why: str, capsys: pytest.CaptureFixture[str]) -> None:
    outside = tmp_path / "ngoai"
    outside.mkdir()
    out = tmp_path / "OUT"
    out.mkdir()
    (out / "lien-ket").symlink_to(outside)
    units = write_units(tmp_path / "u.csv", ["name", "place", "file"], [
        ["Ủy ban nhân dân xã An Hòa", "An Hòa", "an-hoa"], ["Ủy ban nhân dân xã Bình Minh", "Bình Minh", name]])
    assert batch(TEMPLATE, units, "-o", out) == 1
    err = capsys.readouterr().err
    assert f"{units}:3" in err and "cột file" in err and "Ủy ban nhân dân xã Bình Minh" in err and why in err
    assert "Traceback" not in err
    assert sorted(p.name for p in out.iterdir()) == ["lien-ket"], "nothing written, not even the good unit"
    assert list(outside.iterdir()) == []
    assert not (tmp_path / "ngoai.docx").exists() and not Path("/tmp/ngoai.docx").exists()


def test_a_file_column_with_a_subfolder_inside_the_output_folder_is_fine(tmp_path: Path) -> None:
    units = write_units(tmp_path / "u.csv", ["name", "place", "file"],
                        [["Ủy ban nhân dân xã An Hòa", "An Hòa", "xa/an-hoa"]])
    result = run_batch(TEMPLATE, units, tmp_path / "OUT", jobs=1)
    assert result.ok and result.written == (tmp_path / "OUT" / "xa" / "an-hoa.docx",)


def test_a_link_at_a_documents_name_is_not_written_through(tmp_path: Path) -> None:
    victim = tmp_path / "quan-trong.docx"
    victim.write_bytes(b"outside")
    out = tmp_path / "OUT"
    out.mkdir()
    (out / "ke-hoach-xa-an-hoa.docx").symlink_to(victim)
    units = write_units(tmp_path / "u.csv", ["name", "place"], [["Ủy ban nhân dân xã An Hòa", "An Hòa"]])
    result = run_batch(TEMPLATE, units, out, jobs=1)
    assert not result.ok and "không phải văn bản do lệnh batch tạo" in result.failed[0].message
    assert victim.read_bytes() == b"outside"
    forced = run_batch(TEMPLATE, units, out, jobs=1, force=True)
    assert forced.ok and victim.read_bytes() == b"outside"
    assert not (out / "ke-hoach-xa-an-hoa.docx").is_symlink()


# --------------------------------------------------------------------------- bad rows, bad tables


def test_bad_rows_are_reported_with_their_line_and_the_others_are_written(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = "06/01/2027"
    units = write_units(tmp_path / "don-vi.csv", ["name", "place", "number", "date", "2.1.1", "9.1.1"], [
        ["Ủy ban nhân dân xã An Hòa", "An Hòa", "3", d, "98,5", ""],        # line 2: fine ("98,5" is a number)
        ["Ủy ban nhân dân xã Bình Minh", "Bình Minh", "0", d, "", ""],      # line 3: serial 0
        ["Ủy ban nhân dân xã Hòa Lợi", "Hòa Lợi", "4", d, "", "50"],        # line 4: no target 9.1.1
        ["Ủy ban nhân dân xã Hòa Bình", "Hòa Bình", "7", d, "chín mươi", ""],  # line 5: not a number
        ["Ủy ban nhân dân phường Tân Phú", "Tân Phú", "6", d, "", ""],      # line 6: fine
    ])
    out = tmp_path / "OUT"
    assert batch(TEMPLATE, units, "-o", out) == 1
    captured = capsys.readouterr()
    assert summary(captured.out) == (5, 2, 0, 3)
    err = captured.err.splitlines()
    bad = {n: next((line for line in err if f"{units}:{n} " in line), None) for n in (3, 4, 5)}
    assert bad[3] and "Bình Minh" in bad[3] and "0" in bad[3] and "từ 1" in bad[3], err
    assert bad[4] and "9.1.1" in bad[4], err
    assert bad[5] and "2.1.1" in bad[5] and "chín mươi" in bad[5], err
    assert not any(f"{units}:2 " in line or f"{units}:6 " in line for line in err)
    assert docx_names(out) == ["ke-hoach-phuong-tan-phu.docx", "ke-hoach-xa-an-hoa.docx"]
    assert leftovers(out) == []
    texts = [p.text for p in DocxReader(out / "ke-hoach-xa-an-hoa.docx").paragraphs()]
    assert "- Tỷ lệ hồ sơ giải quyết đúng hạn đạt trên 98,5% trong từng lĩnh vực." in texts


def test_an_override_out_of_range_is_a_bad_row(tmp_path: Path) -> None:
    units = write_units(tmp_path / "u.csv", ["name", "place", "2.2.1"], [
        ["Ủy ban nhân dân xã An Hòa", "An Hòa", "120"], ["Ủy ban nhân dân xã Hòa Lợi", "Hòa Lợi", "85"]])
    result = run_batch(TEMPLATE, units, tmp_path / "OUT", jobs=1)
    assert [f.unit.row for f in result.failed] == [2]
    assert "100" in result.failed[0].message
    assert [p.name for p in result.written] == ["ke-hoach-xa-hoa-loi.docx"]


@pytest.mark.parametrize(("header", "problem"), [
    (["name", "place", "ten_xa"], "ten_xa"),
    (["place", "signer"], "name"),
    (["name", "place", "2.1"], "2.1"),
])
def test_a_bad_units_table_is_one_error_and_nothing_is_written(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], header: list[str], problem: str) -> None:
    rows = [["Ủy ban nhân dân xã An Hòa", "An Hòa", "x"][:len(header)]]
    units = write_units(tmp_path / "u.csv", header, rows)
    out = tmp_path / "OUT"
    assert batch(TEMPLATE, units, "-o", out) == 1
    captured = capsys.readouterr()
    assert f"{units}:1" in captured.err and problem in captured.err
    assert "Traceback" not in captured.err
    assert not out.exists() or list(out.iterdir()) == []
    with pytest.raises(InputError) as e:
        read_units(units)
    assert any(p.path == problem for p in e.value.problems)


def test_two_units_with_the_same_file_name_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # "Hòa" and "Hoà" (old-style tone mark) are two spellings of one name: one file name.
    units = write_units(tmp_path / "u.csv", ["name", "place"], [
        ["Ủy ban nhân dân xã An Hòa", "An Hòa"], ["Ủy ban nhân dân xã Bình Minh", "Bình Minh"],
        ["Ủy ban nhân dân xã An Hoà", "An Hoà"]])
    out = tmp_path / "OUT"
    assert batch(TEMPLATE, units, "-o", out) == 1
    err = capsys.readouterr().err
    assert "ke-hoach-xa-an-hoa.docx" in err and "file" in err
    assert re.search(r":2\b", err) and re.search(r":4\b", err) and not re.search(r":3\b", err)
    assert "Traceback" not in err and len(err.splitlines()) == 3
    assert not out.exists() or docx_names(out) == []
    with pytest.raises(InputError):
        run_batch(TEMPLATE, units, tmp_path / "OUT2", jobs=1)
    assert not (tmp_path / "OUT2").exists() or docx_names(tmp_path / "OUT2") == []


def test_a_file_name_clash_names_the_units_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    units = write_units(tmp_path / "u.csv", ["name", "place"], [
        ["Ủy ban nhân dân xã An Hòa", "An Hòa"], ["Ủy ban nhân dân xã An Hoà", "An Hoà"]])
    assert batch(TEMPLATE, units, "-o", tmp_path / "OUT") == 1
    err = capsys.readouterr().err
    assert f"{units}:2" in err and f"{units}:3" in err


def test_the_file_column_names_the_document(tmp_path: Path) -> None:
    units = write_units(tmp_path / "u.csv", ["name", "place", "file"], [
        ["Ủy ban nhân dân xã An Hòa", "An Hòa", "01-an-hoa"], ["Ủy ban nhân dân xã Bình Minh", "Bình Minh", ""]])
    result = run_batch(TEMPLATE, units, tmp_path / "OUT", jobs=1)
    assert sorted(p.name for p in result.written) == ["01-an-hoa.docx", "ke-hoach-xa-binh-minh.docx"]


# --------------------------------------------------------------------------- the Python API


def test_run_batch_returns_what_it_did(tmp_path: Path) -> None:
    out = tmp_path / "OUT"
    seen: list[float] = []
    result = run_batch(TEMPLATE, UNITS, out, jobs=2, progress=seen.append)
    assert isinstance(result, BatchResult)
    assert result.ok and result.failed == () and result.skipped == ()
    assert sorted(p.name for p in result.written) == sorted(EXPECTED)
    assert all(p.parent == out and p.is_file() for p in result.written)
    assert result.seconds > 0
    assert sorted(seen) == seen and seen[-1] == 1.0 and len(seen) == 4

    again = run_batch(load_template(TEMPLATE), read_units(UNITS), out, jobs=1)
    assert again.written == () and sorted(p.name for p in again.skipped) == sorted(EXPECTED)
    forced = run_batch(TEMPLATE, UNITS, out, jobs=1, force=True)
    assert len(forced.written) == 4 and forced.skipped == ()


def test_run_batch_reports_failures_per_unit(tmp_path: Path) -> None:
    units = write_units(tmp_path / "u.csv", ["name", "place", "number", "date"], [
        ["Ủy ban nhân dân xã An Hòa", "An Hòa", "3", "05/01/2027"],
        ["Ủy ban nhân dân xã Bình Minh", "Bình Minh", "0", "05/01/2027"],
        ["Ủy ban nhân dân xã Hòa Lợi", "Hòa Lợi", "4", ""]])  # a number needs a date
    result = run_batch(TEMPLATE, units, tmp_path / "OUT", jobs=2)
    assert not result.ok
    assert [p.name for p in result.written] == ["ke-hoach-xa-an-hoa.docx"]
    failures = sorted(result.failed, key=lambda f: f.unit.row)
    assert all(isinstance(f, UnitFailure) for f in failures)
    assert [(f.unit.row, f.unit.name) for f in failures] == [
        (3, "Ủy ban nhân dân xã Bình Minh"), (4, "Ủy ban nhân dân xã Hòa Lợi")]
    assert "từ 1" in failures[0].message
    assert "date" in failures[1].message


# --------------------------------------------------------------------------- many units, interrupted


def many_units(path: Path, n: int) -> Path:
    return write_units(path, ["name", "place", "number", "date", "signer", "2.1.1"], [
        [f"Ủy ban nhân dân xã Thử Nghiệm {i:03d}", f"Thử Nghiệm {i:03d}", str(i), "05/01/2027",
         f"Người Ký {i:03d}", f"{90 + i % 10}"] for i in range(1, n + 1)])


def check_documents(folder: Path) -> set[int]:
    """Each .docx is complete and belongs to its unit; returns the units' numbers."""
    found = set()
    for p in folder.glob("*.docx"):
        with zipfile.ZipFile(p) as z:
            assert z.testzip() is None, p.name
            body = z.read("word/document.xml").decode("utf-8")
        n = int(re.fullmatch(r"ke-hoach-xa-thu-nghiem-(\d{3})\.docx", p.name).group(1))
        assert f"XÃ THỬ NGHIỆM {n:03d}" in body and f"Người Ký {n:03d}" in body, p.name
        assert f"trên {90 + n % 10}%" in body
        found.add(n)
    return found


class Stop(KeyboardInterrupt):
    pass


def interrupt_after(calls: int) -> Any:
    seen = []

    def progress(fraction: float) -> None:
        seen.append(fraction)
        if len(seen) >= calls:
            raise Stop()
    return progress


def test_hundred_units_in_two_processes_then_interrupted_and_resumed(tmp_path: Path) -> None:
    units = many_units(tmp_path / "u.csv", 100)
    out = tmp_path / "OUT"
    result = run_batch(TEMPLATE, units, out, jobs=2)
    assert result.ok and len(result.written) == 100 and result.skipped == ()
    assert check_documents(out) == set(range(1, 101))
    assert leftovers(out) == []

    for n in range(1, 101, 2):  # half are lost
        (out / f"ke-hoach-xa-thu-nghiem-{n:03d}.docx").unlink()
    with pytest.raises(Stop):
        run_batch(TEMPLATE, units, out, jobs=2, progress=interrupt_after(30))
    assert leftovers(out) == [], "no partial or temporary file after an interrupted run"
    present = check_documents(out)
    assert set(range(2, 101, 2)) <= present

    resumed = run_batch(TEMPLATE, units, out, jobs=2)
    assert resumed.ok
    assert len(resumed.written) == 100 - len(present)
    assert len(resumed.skipped) == len(present)
    assert {int(p.name[-8:-5]) for p in resumed.written} == set(range(1, 101)) - present
    assert check_documents(out) == set(range(1, 101))
    assert leftovers(out) == []


def test_an_interrupt_stops_a_parallel_batch_soon(tmp_path: Path) -> None:
    units = many_units(tmp_path / "u.csv", 24)
    out = tmp_path / "OUT"
    with pytest.raises(Stop):
        run_batch(TEMPLATE, units, out, jobs=2, progress=interrupt_after(3))
    assert leftovers(out) == []
    # 3 reported, at most a few more in the workers' hands; not the 21 still to do.
    assert len(docx_names(out)) <= 12


def _pause_with_a_temporary_file(pgid: int, out: Path, deadline: float) -> None:
    """Freeze the process group at a moment a document is being written (a staging file exists).

    A document is rendered in memory and only then written, so the moment is short: look often.
    """
    while time.monotonic() < deadline:
        os.killpg(pgid, signal.SIGSTOP)
        if any(p.name.endswith(".tmp") for p in out.iterdir()):
            return
        os.killpg(pgid, signal.SIGCONT)
        time.sleep(0.002)
    raise AssertionError("no document was being written")


_KILLED_UNITS = 120


@pytest.fixture(scope="module")
def killed_and_resumed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A batch of 120 killed (SIGKILL, the whole process group) after 8 documents, then run again."""
    folder = tmp_path_factory.mktemp("killed")
    units = many_units(folder / "u.csv", _KILLED_UNITS)
    out = folder / "OUT"
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    proc = subprocess.Popen([sys.executable, "-m", "cchc_plan", "batch", str(TEMPLATE), str(units), "-o", str(out),
                             "-j", "2"], env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while not out.exists() or len(docx_names(out)) < 8:
            assert proc.poll() is None, "the batch ended before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.02)
        _pause_with_a_temporary_file(proc.pid, out, deadline)
        os.killpg(proc.pid, signal.SIGKILL)
    finally:
        if proc.poll() is None:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        proc.wait(timeout=30)
    time.sleep(0.2)  # let the killed workers go
    present = check_documents(out)
    temporary_after_kill = [p.name for p in out.iterdir() if p.name.endswith(".tmp")]
    resumed = run_batch(TEMPLATE, units, out, jobs=2)
    return {"out": out, "present": present, "resumed": resumed, "tmp_after_kill": temporary_after_kill}


def test_a_killed_batch_resumes_with_the_missing_documents(killed_and_resumed: dict[str, Any]) -> None:
    present, resumed, out = killed_and_resumed["present"], killed_and_resumed["resumed"], killed_and_resumed["out"]
    assert 8 <= len(present) < _KILLED_UNITS
    assert killed_and_resumed["tmp_after_kill"], "the kill happened while a document was being written"
    assert resumed.ok
    assert len(resumed.skipped) == len(present)
    assert len(resumed.written) == _KILLED_UNITS - len(present)
    assert check_documents(out) == set(range(1, _KILLED_UNITS + 1))
    assert docx_names(out) == [f"ke-hoach-xa-thu-nghiem-{n:03d}.docx" for n in range(1, _KILLED_UNITS + 1)]


def test_a_killed_batch_leaves_no_temporary_files_once_resumed(killed_and_resumed: dict[str, Any]) -> None:
    assert leftovers(killed_and_resumed["out"]) == []


# --------------------------------------------------------------------------- separators, placeholders


@pytest.mark.parametrize("delimiter", [";", "\t", ","])
def test_a_table_saved_by_excel_with_semicolons_is_read(tmp_path: Path, delimiter: str,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """Excel on a Vietnamese Windows writes ';' (with a byte-order mark and CRLF): same documents."""
    units = tmp_path / "don-vi.csv"
    rows = [["name", "place", "province", "signer", "number", "date", "2.1.1"],
            ["Ủy ban nhân dân xã An Hòa", "An Hòa", "tỉnh Mẫu", "Nguyễn Văn A", "3", "05/01/2027", "99"]]
    units.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(delimiter.join(r) for r in rows).encode("utf-8") + b"\r\n")
    out = tmp_path / "OUT"
    assert batch(TEMPLATE, units, "-o", out, "-j", "1") == 0
    assert summary(capsys.readouterr().out) == (1, 1, 0, 0)
    texts = [p.text for p in DocxReader(out / "ke-hoach-xa-an-hoa.docx").paragraphs()]
    assert "Số: 03/KH-UBND" in texts and "XÃ AN HÒA" in texts
    assert "- Tỷ lệ hồ sơ giải quyết đúng hạn đạt trên 99% trong từng lĩnh vực." in texts


def test_a_ward_reads_phuong_everywhere_and_has_the_wards_offices(example_run: tuple[Path, str]) -> None:
    doc = DocxReader(example_run[0] / "ke-hoach-phuong-tan-phu.docx")
    everything = "\n".join(doc.all_text_elements())
    level_words = re.findall(r"(?<!\w)[Xx]ã(?!\w)(?!\s+hội)", everything)
    assert level_words == []
    for wording in ("chính quyền phường", "UBND phường Tân Phú", "Trung tâm Phục vụ hành chính công phường",
                    "TT. Đảng ủy phường", "Phòng Kinh tế, Hạ tầng và Đô thị", "Văn phòng HĐND và UBND phường"):
        assert wording in everything, wording
    commune = "\n".join(DocxReader(example_run[0] / "ke-hoach-xa-an-hoa.docx").all_text_elements())
    assert "Hạ tầng và Đô thị" not in commune and "Phòng Kinh tế" in commune
    assert "chính quyền xã" in commune


def test_a_placeholder_left_unfilled_refuses_the_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    units = write_units(tmp_path / "u.csv", ["name", "place", "signer"], [
        ["Ủy ban nhân dân xã An Hòa", "An Hòa", "Nguyễn Văn A"],
        ["Ủy ban nhân dân phường Tân Phú", "Tân Phú", "Phạm Thị D"]], complete=False)
    out = tmp_path / "OUT"
    assert batch(TEMPLATE, units, "-o", out) == 1
    err = capsys.readouterr().err
    for line, name in ((2, "xã An Hòa"), (3, "phường Tân Phú")):
        shown = next(x for x in err.splitlines() if f"{units}:{line}:" in x)
        assert "{tỉnh}" in shown and name in shown and "issuer.province" in shown and "province" in shown
    assert not out.exists() or docx_names(out) == []
    assert "Traceback" not in err


def test_a_sample_value_written_out_in_the_template_refuses_the_run(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    template = tmp_path / "mau.yaml"
    text = TEMPLATE.read_text(encoding="utf-8")
    text = text.replace("  - Sở Nội vụ\n", "  - Sở Nội vụ tỉnh Mẫu\n").replace("chính quyền {cấp}", "chính quyền xã")
    template.write_text(text, encoding="utf-8")
    before = template.read_bytes()
    units = write_units(tmp_path / "u.csv", ["name", "place", "province", "signer"], [
        ["Ủy ban nhân dân xã An Hòa", "An Hòa", "tỉnh Sông Lam", "Nguyễn Văn A"],
        ["Ủy ban nhân dân phường Tân Phú", "Tân Phú", "tỉnh Sông Lam", "Phạm Thị D"]])
    out = tmp_path / "OUT"
    assert batch(template, units, "-o", out) == 1
    err = capsys.readouterr().err
    province = [x for x in err.splitlines() if "recipients[1]" in x]
    assert len(province) == 1, err
    assert '"tỉnh Mẫu"' in province[0] and "{tỉnh}" in province[0] and f"{units}:2:" in province[0]
    assert "1 đơn vị khác" in province[0]
    level = next(x for x in err.splitlines() if "objectives[0]" in x)
    assert '"xã"' in level and "{cấp}" in level and "phường Tân Phú" in level and f"{units}:3:" in level
    assert not out.exists() or docx_names(out) == []
    assert template.read_bytes() == before


def test_a_plan_without_placeholders_as_template_for_a_ward_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The Lộc Bình plan names "xã" everywhere: a ward's document would keep it."""
    units = write_units(tmp_path / "u.csv", ["name", "place"], [
        ["Ủy ban nhân dân xã Vinh Hiền", "Vinh Hiền"], ["Ủy ban nhân dân phường Thuận An", "Thuận An"]],
        complete=False)
    out = tmp_path / "OUT"
    assert batch(ROOT / "examples" / "loc-binh-2023" / "ke-hoach.yaml", units, "-o", out) == 1
    err = capsys.readouterr().err
    assert f"{units}:3:" in err and "phường Thuận An" in err and "{cấp}" in err and "placeholders:" in err
    assert f"{units}:2:" not in err
    assert not out.exists() or docx_names(out) == []


def test_a_templates_own_placeholder_is_filled_from_its_column(tmp_path: Path) -> None:
    template = tmp_path / "mau.yaml"
    text = TEMPLATE.read_text(encoding="utf-8").replace("  người ký: Nguyễn Văn A\n",
                                                        "  người ký: Nguyễn Văn A\n  bí thư: Đồng chí Bí thư\n")
    text = text.replace("  - TT. Đảng ủy {cấp}\n", "  - \"{bí thư}, Bí thư Đảng ủy {cấp}\"\n")
    template.write_text(text, encoding="utf-8")
    units = write_units(tmp_path / "u.csv", ["name", "place", "bí thư"], [
        ["Ủy ban nhân dân xã An Hòa", "An Hòa", "Đồng chí Trần Văn K"]])
    result = run_batch(template, units, tmp_path / "OUT", jobs=1)
    assert result.ok, result.failed
    texts = [p.text for p in DocxReader(result.written[0]).paragraphs()]
    assert "- Đồng chí Trần Văn K, Bí thư Đảng ủy xã;" in texts
    with pytest.raises(InputError) as e:
        read_units(write_units(tmp_path / "v.csv", ["name", "place", "bí thư"], [["Ủy ban nhân dân xã A", "A", "x"]]))
    assert "bí thư" in e.value.format()


_FIELDS = ("name", "place", "short_name", "level", "province", "signer", "position", "number", "date", "file")


@settings(max_examples=60, deadline=None)
@given(field=st.sampled_from((*_FIELDS, "overrides", "extra")), value=st.text(max_size=12))
def test_any_change_of_a_row_changes_its_fingerprint(field: str, value: str) -> None:
    from cchc_plan.cli.batch import UnitRow, _fingerprint

    unit = UnitRow(row=2, name="Ủy ban nhân dân xã An Hòa", place="An Hòa", province="tỉnh Mẫu",
                   overrides=(("2.1.1", "99"),), extra=(("chủ tịch", "Nguyễn Văn A"),))
    changed = attrs.evolve(unit, **{field: ((field, value),) if field in ("overrides", "extra") else value})
    moved = attrs.evolve(unit, row=40)
    assert _fingerprint("t", moved) == _fingerprint("t", unit)
    assert (_fingerprint("t", changed) == _fingerprint("t", unit)) == (changed == unit)
    assert _fingerprint("other template", unit) != _fingerprint("t", unit)
