"""A CSV table whose structure is damaged — a stray quote, a quote never closed, rows with too
many or too few cells, a cell over the size limit — gives bad rows at their lines, never data:
no dossier is lost into a neighbour's cell, and ``--skip-bad`` leaves out exactly those rows.
The units table of ``batch`` reads through the same reader and refuses the same damage.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc_plan.io.dossiers import compute_stats

ROOT = Path(__file__).resolve().parents[1]
DOSSIERS = ROOT / "examples" / "loc-binh-2023" / "ho-so-2023.csv"
START, END = dt.date(2022, 12, 15), dt.date(2023, 12, 14)
LINES = DOSSIERS.read_text(encoding="utf-8").split("\n")
CLEAN = compute_stats(DOSSIERS, START, END)


def _used_without(tmp_path: Path, lines: set[int]) -> int:
    """Dossiers counted in the clean file with ``lines`` (1-based) deleted."""
    path = tmp_path / "bot-dong.csv"
    path.write_text("\n".join(x for n, x in enumerate(LINES, start=1) if n not in lines), encoding="utf-8")
    return compute_stats(path, START, END).used


def _damage(kind: str, line: str) -> str:
    if kind == "stray-quote":
        return line.replace(",", ',"', 1)
    if kind == "unclosed":
        head, _, tail = line.partition(",")
        return f'{head},"{tail}'
    if kind == "too-many":
        return line + ",thừa,ô"
    if kind == "too-few":
        return line.rsplit(",", 3)[0]
    if kind == "huge":
        return line + "x" * 140_000
    raise AssertionError(kind)


def _write(tmp_path: Path, damaged: dict[int, str]) -> Path:
    lines = list(LINES)
    for n, kind in damaged.items():
        lines[n - 1] = _damage(kind, lines[n - 1])
    path = tmp_path / "ho-so.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", ["stray-quote", "unclosed", "too-many", "too-few", "huge"])
def test_each_damage_is_one_bad_row_at_its_line(tmp_path: Path, kind: str) -> None:
    line = 6
    result = compute_stats(_write(tmp_path, {line: kind}), START, END)
    assert [b.row for b in result.bad] == [line]
    assert result.bad[0].column == "(cả dòng)"
    assert result.used == CLEAN.used - 1 == _used_without(tmp_path, {line})  # none swallowed


def test_the_reasons_say_what_is_wrong(tmp_path: Path) -> None:
    path = _write(tmp_path, {6: "unclosed", 9: "too-many", 12: "too-few", 15: "huge"})
    rules = {b.row: b.rule for b in compute_stats(path, START, END).bad}
    assert "dấu ngoặc kép" in rules[6]
    assert rules[9].startswith("dòng có 11 ô trong khi dòng tiêu đề có 9 cột")
    assert rules[12].startswith("dòng có 6 ô trong khi dòng tiêu đề có 9 cột")
    assert rules[15] == "có ô dài quá 131.072 ký tự"


def test_a_quote_never_closed_to_the_end_of_the_file(tmp_path: Path) -> None:
    lines = [x for x in LINES if x.strip()]
    lines.append('000.00.31.H57-231214-9999,"Hộ tịch,Cấp bản sao,14/12/2023 08:00,,,Trực tiếp')
    lines += ["", ""]
    path = tmp_path / "ho-so.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    result = compute_stats(path, START, END)
    at = len(lines) - 2
    assert [b.row for b in result.bad] == [at]
    assert result.bad[0].rule == f"dấu ngoặc kép mở ở dòng {at} không được đóng (đến hết tệp)"
    assert result.used == CLEAN.used


def test_a_quoted_cell_with_a_line_break_is_data(tmp_path: Path) -> None:
    lines = list(LINES)
    cells = lines[5].split(",")
    cells[2] = f'"{cells[2]}\ncòn tiếp, dòng hai"'
    lines[5] = ",".join(cells)
    path = tmp_path / "ho-so.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    result = compute_stats(path, START, END)
    assert result.bad == () and result.used == CLEAN.used


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(damaged=st.dictionaries(st.integers(min_value=2, max_value=400),
                               st.sampled_from(["stray-quote", "unclosed", "too-many", "too-few", "huge"]),
                               max_size=8))
def test_random_damage_costs_exactly_the_damaged_rows(tmp_path: Path, damaged: dict[int, str]) -> None:
    result = compute_stats(_write(tmp_path, damaged), START, END)
    assert sorted(b.row for b in result.bad) == sorted(damaged)
    assert result.used == _used_without(tmp_path, set(damaged))


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, "-m", "cchc_plan", *args], capture_output=True, text=True,
                          timeout=300, cwd=cwd, encoding="utf-8")
    assert "Traceback" not in done.stderr, done.stderr
    return done


def test_stats_refuses_then_skips_the_stray_quote(tmp_path: Path) -> None:
    path = _write(tmp_path, {6: "stray-quote"})
    refused = _cli("stats", str(path), "--from", "15/12/2022", "--to", "14/12/2023", "-o", "so-lieu.yaml",
                   cwd=tmp_path)
    assert refused.returncode == 1 and "dòng 6" in refused.stdout + refused.stderr
    assert not (tmp_path / "so-lieu.yaml").exists()
    skipped = _cli("stats", str(path), "--from", "15/12/2022", "--to", "14/12/2023", "-o", "so-lieu.yaml",
                   "--skip-bad", cwd=tmp_path)
    assert skipped.returncode == 0, skipped.stderr
    assert "1 dòng lỗi" in skipped.stdout


@pytest.mark.parametrize(("content", "message"), [
    ('name,place\nUBND xã A,A\n"UBND xã B,B\nUBND xã C,C\n', "don-vi.csv:3: (tài liệu): dấu ngoặc kép mở ở dòng 3"),
    ("name,place\nUBND xã A," + "x" * 140_000 + "\n", "don-vi.csv:2: (tài liệu): có ô dài quá 131.072 ký tự"),
    ("name,place\nUBND xã A,A,thừa\n", "don-vi.csv:2: (tài liệu): dòng có 3 ô trong khi dòng tiêu đề có 2 cột"),
])
def test_batch_refuses_a_damaged_units_table(tmp_path: Path, content: str, message: str) -> None:
    (tmp_path / "don-vi.csv").write_text(content, encoding="utf-8")
    done = _cli("batch", str(ROOT / "examples" / "mau-xa-2027" / "ke-hoach.yaml"), "don-vi.csv", "-o", "ra",
                cwd=tmp_path)
    assert done.returncode != 0
    assert message in done.stderr
    assert not list((tmp_path / "ra").glob("*.docx")) if (tmp_path / "ra").exists() else True


# --------------------------------------------------------------------------- the reader's two paths

_PIECES = ("a,b,c", "1,2,3", '"x, y",2,3', '"dòng\nhai",2,3', '"mở,2,3', 'a"b,2,3', '"a"b,2,3', "1,2", "1,2,3,4",
           "1,2,3,,", "", " ", '"",,', "ô,ư,ơ")


def _records(text: str, chunk: int | None, monkeypatch: pytest.MonkeyPatch) -> list[tuple[object, ...]]:
    """What the reader hands out: ``(cells, line_num)``, damaged ones with their line and rule."""
    import io

    from cchc_plan.io import csvfile

    monkeypatch.setattr(csvfile, "_CHUNK_CHARS", chunk or 1)
    raw = io.BytesIO(text.encode("utf-8"))
    out: list[tuple[object, ...]] = []
    with csvfile.csv_reader(raw, "t.csv", ["a", "b", "c"]) as reader:
        if chunk is None:
            reader.readlines = None  # the careful path only
        for cells in reader:
            damaged = isinstance(cells, csvfile.DamagedRecord)
            out.append((list(cells), reader.line_num, *((cells.line, cells.rule) if damaged else ())))
    return out


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.sampled_from(_PIECES), max_size=40), chunk=st.integers(1, 64),
       newline=st.sampled_from(["\n", "\r\n"]))
def test_the_fast_path_reads_as_the_careful_one(rows: list[str], chunk: int, newline: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks of any size, cut anywhere in damaged or multi-line records: the same records, lines and rules."""
    text = newline.join(["a,b,c", *rows]) + newline
    assert _records(text, chunk, monkeypatch) == _records(text, None, monkeypatch)
