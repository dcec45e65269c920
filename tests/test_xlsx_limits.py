"""Workbooks built to exhaust the reader: a shared-strings bomb of a few megabytes, a sheet of
millions of cells, damaged parts. Each is refused by ``stats`` (and by the task-table reader)
with one Vietnamese message naming the file, before openpyxl builds anything; a generous
subprocess timeout only guards against a hang.
"""

from __future__ import annotations

import io
import random
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from cchc_plan.io._xlsx import DOSSIER_LIMITS, TABLE_LIMITS, check_workbook
from cchc_plan.problems import InputError

ROOT = Path(__file__).resolve().parents[1]
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
HANG_GUARD = 300


def _workbook(parts: dict[str, bytes]) -> bytes:
    book = Workbook()
    book.active.append(["Mã hồ sơ", "Lĩnh vực"])
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as z:
        members = {i.filename: z.read(i) for i in z.infolist()}
    members.update(parts)
    if "xl/sharedStrings.xml" in parts:
        types = members["[Content_Types].xml"]
        if b"sharedStrings" not in types:
            members["[Content_Types].xml"] = types.replace(
                b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                             b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
        rels = members["xl/_rels/workbook.xml.rels"]
        if b"sharedStrings" not in rels:
            members["xl/_rels/workbook.xml.rels"] = rels.replace(
                b"</Relationships>", b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/'
                                     b'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                                     b"</Relationships>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out.getvalue()


def _shared_strings_bomb() -> bytes:
    """Some 3.5 MB: three million short shared strings (each a Python object when read); one in
    four is random so that the file does not compress past the expansion check."""
    rng = random.Random(16)
    entries = b"".join(b"<si><t>%05x</t></si>" % rng.randrange(1 << 20) if i % 4 == 0 else b"<si><t>a</t></si>"
                       for i in range(3_000_000))
    sst = b'<sst xmlns="%s" count="3000000" uniqueCount="3000000">%s</sst>' % (NS.encode(), entries)
    return _workbook({"xl/sharedStrings.xml": sst})


def _stats(path: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, "-m", "cchc_plan", "stats", str(path), "--from", "01/01/2023",
                           "--to", "31/12/2023", "-o", str(tmp_path / "so-lieu.yaml")],
                          capture_output=True, text=True, timeout=HANG_GUARD, encoding="utf-8")
    assert "Traceback" not in done.stderr, done.stderr
    assert not (tmp_path / "so-lieu.yaml").exists()
    return done


def test_shared_strings_bomb_is_refused_by_stats(tmp_path: Path) -> None:
    path = tmp_path / "ho-so.xlsx"
    path.write_bytes(_shared_strings_bomb())
    assert 2_500_000 < path.stat().st_size < 5_000_000
    done = _stats(path, tmp_path)
    assert done.returncode == 1
    assert str(path) in done.stderr
    assert "bảng chuỗi dùng chung (sharedStrings) có hơn 2.000.000 chuỗi" in done.stderr


def test_shared_strings_bomb_is_refused_as_a_task_table(tmp_path: Path) -> None:
    path = tmp_path / "nhiem-vu.xlsx"
    path.write_bytes(_shared_strings_bomb())
    with pytest.raises(InputError) as caught:
        check_workbook(path, TABLE_LIMITS)
    assert "bảng chuỗi dùng chung (sharedStrings) giải nén ra 51 MB; tối đa 30 MB" in str(caught.value)


def test_millions_of_cells_are_refused(tmp_path: Path) -> None:
    rng = random.Random(6)
    rows = [b'<row r="%d">' % r + b"".join(b"<c><v>%d</v></c>" % rng.randrange(1000) if c % 4 == 0 else b"<c/>"
                                          for c in range(100)) + b"</row>" for r in range(1, 51_001)]
    sheet = b'<worksheet xmlns="%s"><sheetData>%s</sheetData></worksheet>' % (NS.encode(), b"".join(rows))
    path = tmp_path / "ho-so.xlsx"
    path.write_bytes(_workbook({"xl/worksheets/sheet1.xml": sheet,
                                "xl/sharedStrings.xml": b'<sst xmlns="%s"><si><t>a</t></si></sst>' % NS.encode()}))
    done = _stats(path, tmp_path)
    assert done.returncode == 1
    assert "bảng tính có hơn 5.000.000 ô" in done.stderr


def test_counts_see_tags_cut_between_pieces(tmp_path: Path) -> None:
    """The streamed count finds every entry whatever the piece boundaries (exactly the limit passes)."""
    limit = 300_000
    rng = random.Random(3)
    entries = b"".join(b"<si><t>%05x</t></si>" % rng.randrange(1 << 20) for _ in range(limit))
    path = tmp_path / "dung-gioi-han.xlsx"
    path.write_bytes(_workbook({"xl/sharedStrings.xml": b'<sst xmlns="%s">%s</sst>' % (NS.encode(), entries)}))
    limits = DOSSIER_LIMITS
    check_workbook(path, type(limits)(shared_strings=limit))
    with pytest.raises(InputError):
        check_workbook(path, type(limits)(shared_strings=limit - 1))


@pytest.mark.parametrize("damage", ["sheet-cut", "strings-cut", "no-workbook"])
def test_damaged_workbooks_give_one_message(tmp_path: Path, damage: str) -> None:
    good = _workbook({"xl/sharedStrings.xml": b'<sst xmlns="%s"><si><t>a</t></si></sst>' % NS.encode()})
    with zipfile.ZipFile(io.BytesIO(good)) as z:
        members = {i.filename: z.read(i) for i in z.infolist()}
    if damage == "sheet-cut":
        members["xl/worksheets/sheet1.xml"] = members["xl/worksheets/sheet1.xml"][:60]
    elif damage == "strings-cut":
        members["xl/sharedStrings.xml"] = b"<sst"
    else:
        del members["xl/workbook.xml"]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    path = tmp_path / "hong.xlsx"
    path.write_bytes(out.getvalue())
    done = _stats(path, tmp_path)
    assert done.returncode == 1
    assert str(path) in done.stderr
