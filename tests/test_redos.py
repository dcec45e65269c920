"""Regular expressions on user text stay linear: pathological lengths through ``validate`` and
``render`` (100,000 spaces before a number, "Phòng " × 50,000 in a two-tier plan's recipients …),
every rewritten pattern checked against the pattern it replaced on random short texts, and long
adversarial strings through every function that matches user text.

The long inputs run in a subprocess whose generous timeout only guards against a hang: before
the fixes each of them took minutes (a run of spaces that two ``\\s*`` could share costs its
length squared, three of them its length cubed).
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_plan._text import is_archive_line, is_as_above_line
from cchc_plan.io.roundtrip import _item_offset
from cchc_plan.model.plan import _names_district

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "examples" / "mau-xa-2027" / "ke-hoach.yaml"
HANG_GUARD = 300


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, "-m", "cchc_plan", *args], capture_output=True, text=True,
                          timeout=HANG_GUARD, cwd=cwd, encoding="utf-8")
    assert "Traceback" not in done.stderr, done.stderr
    return done


def _plan(tmp_path: Path, **changes: object) -> Path:
    data = yaml.safe_load(PLAN.read_text(encoding="utf-8"))
    data.update(changes)
    path = tmp_path / "ke-hoach.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["validate", "render"])
def test_hundred_thousand_spaces_before_a_number_are_refused_at_once(tmp_path: Path, command: str) -> None:
    path = _plan(tmp_path, number=" " * 100_000 + "x")
    done = _cli(command, str(path), *(["-o", "out.docx"] if command == "render" else []), cwd=tmp_path)
    assert done.returncode == 1
    assert 'số, ký hiệu phải có dạng "07/KH-UBND"' in done.stderr + done.stdout
    assert not (tmp_path / "out.docx").exists()


@pytest.mark.parametrize("command", ["validate", "render"])
def test_fifty_thousand_offices_in_a_recipient_are_read_at_once(tmp_path: Path, command: str) -> None:
    path = _plan(tmp_path, recipients=["UBND tỉnh;", "Phòng " * 50_000 + "Văn hóa;"])
    done = _cli(command, str(path), *(["-o", "out.docx"] if command == "render" else []), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    if command == "render":
        assert (tmp_path / "out.docx").stat().st_size > 0


def test_a_district_office_after_fifty_thousand_offices_is_still_refused(tmp_path: Path) -> None:
    path = _plan(tmp_path, recipients=["Phòng " * 50_000 + "Nội vụ huyện Lộc Bình;"])
    done = _cli("validate", str(path), cwd=tmp_path)
    assert done.returncode == 1
    assert "recipients[0]" in done.stderr and "không còn cấp huyện" in done.stderr


def test_long_runs_in_every_matched_text_end(tmp_path: Path) -> None:
    """Long adversarial strings through each function that matches user text (hang guard only)."""
    script = textwrap.dedent('''
        from cchc_plan._text import is_archive_line, is_as_above_line
        from cchc_plan.io.convert import Bad, read_decimal
        from cchc_plan.io.roundtrip import _item_offset
        from cchc_plan.markup import parse
        from cchc_plan.model.deadline import Deadline
        from cchc_plan.model.plan import DocumentNumber, _names_district
        from cchc_plan.model.rollover import _shift_text
        from cchc_plan.problems import InvalidModel
        N = 100_000
        units = [" ", "\\t", "\\n", " \\n", "1", "1.", "1,", "1/", ".", "…", "_", ":", ":#", "-", "- ",
                 "/", "a", "Phòng ", "ngày ", "số ", "Số: ", "tháng ", "năm ", "UBND ", "Ủy ban nhân dân ",
                 "quý I", "trước ", "*", "**", "^[", "[", "\\\\", "2023 số 07/KH-UBND ", "a: #"]
        count = 0
        for u in units:
            base = u * (N // len(u))
            for s in (base, base + "x", "- " + base + "x", "Số:" + base + "/", "ngày" + base + "x",
                      base + ":\\n  - x"):
                is_archive_line(s); is_as_above_line(s); _names_district(s); _item_offset(s)
                parse(s); _shift_text(s, 2023, 2024)
                for call in (DocumentNumber.parse, Deadline, read_decimal):
                    try:
                        call(s)
                    except (InvalidModel, ValueError, Bad):
                        pass
                count += 1
        print(count)
    ''')
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=HANG_GUARD, encoding="utf-8")
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) == 34 * 6


def test_check_reads_long_header_lines_at_once(tmp_path: Path) -> None:
    """A .docx whose number and date lines run 100,000 characters: checked, no hang."""
    import zipfile

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    lines = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số:" + "1" * 100_000 + "/",
             "Lộc Bình, ngày" + "…" * 100_000, "KẾ HOẠCH", "Phụ lục", "(Kèm theo số " + "1 " * 50_000 + ")"]
    body = "".join(f"<w:p><w:r><w:t>{t}</w:t></w:r></w:p>" for t in lines)
    path = tmp_path / "dai.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", f'<w:document xmlns:w="{w}"><w:body>{body}</w:body></w:document>')
    done = _cli("check", str(path), cwd=tmp_path)
    assert done.returncode == 1
    assert "ND30-NUMBER]" in done.stdout  # the long line is no number line: the number is missing


# --------------------------------------------------------------------------- same answers


_OLD_ARCHIVE = re.compile(r"\s*-?\s*lưu\s*(?::|vt\b)", re.IGNORECASE)
_OLD_AS_ABOVE = re.compile(r"\s*-?\s*như\s+trên\b", re.IGNORECASE)
_OLD_DISTRICT = re.compile(r"\b(?:UBND|Ủy ban nhân dân|Phòng [^;]*) huyện\b", re.I)
_OLD_KEY_THEN_ITEM = re.compile(r"^( *)[^\s#-][^\n]*:[ \t]*(?:#[^\n]*)?\n(?:[ \t]*(?:#[^\n]*)?\n)*( *)- ",
                                re.M)

_pieces = st.sampled_from([" ", "  ", "\t", "\n", "-", "- ", "Lưu", "lưu", "VT", "vt", ":", "Như trên",
                           "như  trên", "Phòng ", "phòng ", "huyện", " huyện", "UBND", "Ủy ban nhân dân",
                           ";", "x", "#", "a", "key", "# c", "  - ", "- item"])
_texts = st.lists(_pieces, max_size=14).map("".join)


@settings(max_examples=400, deadline=None)
@given(text=_texts)
def test_rewritten_patterns_answer_as_before(text: str) -> None:
    assert is_archive_line(text) == bool(_OLD_ARCHIVE.match(text))
    assert is_as_above_line(text) == bool(_OLD_AS_ABOVE.match(text))
    assert _names_district(text) == bool(_OLD_DISTRICT.search(text))
    old = _OLD_KEY_THEN_ITEM.search(text)
    assert _item_offset(text) == (max(0, len(old.group(2)) - len(old.group(1))) if old else None)
