"""What a user sees when a file or a command line is wrong: Vietnamese, at the right line.

A YAML syntax error (a tab, a missing quote, a bad indent …) is explained in Vietnamese at the
line where it is; a required field that is missing is reported at the mapping it belongs in, and a
missing top-level field says where to add it instead of pointing at the file's first field; a
wrong command line gives argparse's messages in Vietnamese, exit status 2.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLE, ROOT

from cchc_plan.cli import main

# Words of PyYAML's, json's and argparse's English messages.
ENGLISH = re.compile(r"(?<!-)\b(found|token|character|mapping|expected|scanning|while|usage|error|required|arguments?|"
                     r"invalid|choose|unrecognized|options|show|help message|Expecting|delimiter)\b")
SOURCE = EXAMPLE.read_text(encoding="utf-8")


def refused(tmp_path: Path, name: str, text: str, capsys: pytest.CaptureFixture[str]) -> list[str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "Traceback" not in captured.err
    return captured.err.strip().splitlines()[1:]


def line_in(message: str) -> int | None:
    m = re.match(r"\s*- [^:]+\.(?:yaml|json):(\d+):", message)
    return int(m.group(1)) if m else None


@pytest.mark.parametrize("broken, wrong_line, words", [
    (SOURCE.replace("  code: UBND\n", "\tcode: UBND\n"), "\tcode: UBND", "Tab"),
    (SOURCE.replace("  code: UBND\n", '  code: "UBND\n'), '  code: "UBND', "ngoặc kép"),
    (SOURCE.replace("  code: UBND\n", "  code UBND\n"), "  code UBND", 'dấu ":"'),
    (SOURCE.replace("  code: UBND\n", "   code: UBND\n"), "   code: UBND", "thụt lề"),
    (SOURCE.replace("  place: Lộc Bình\n", "  place: Lộc Bình: xã\n"), "  place: Lộc Bình: xã", 'dấu ":"'),
    (SOURCE.replace("  code: UBND\n", "  code: @UBND\n"), "  code: @UBND", '"@"'),
])
def test_a_yaml_syntax_error_is_explained_in_vietnamese_at_its_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], broken: str, wrong_line: str, words: str) -> None:
    (message,) = refused(tmp_path, "ke-hoach.yaml", broken, capsys)
    assert line_in(message) == broken.splitlines().index(wrong_line) + 1, message
    assert words in message
    assert not ENGLISH.search(message), message


@pytest.mark.parametrize("text, line, words", [
    ('{"year": 2023,}', 1, "dấu phẩy"),
    ('{"year": 2023\n "number": "07/KH-UBND"}', 2, "thiếu dấu phẩy"),
    ('{"subject": "a\tb"}', 1, "Tab"),
])
def test_a_json_syntax_error_is_explained_in_vietnamese(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                         text: str, line: int, words: str) -> None:
    (message,) = refused(tmp_path, "ke-hoach.json", text, capsys)
    assert line_in(message) == line and words in message, message
    assert not ENGLISH.search(message), message


def without(text: str, start: str, end: str) -> str:
    a = text.index(start)
    return text[:a] + text[text.index(end, a) + len(end):]


def test_a_missing_top_level_field_is_not_put_on_the_first_field(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = without(SOURCE, "signer:\n", "  name: Dương Quang Hùng\n")
    assert text.startswith("#")  # the first field, issuer:, is on line 2
    (message,) = refused(tmp_path, "ke-hoach.yaml", text, capsys)
    assert line_in(message) is None, message
    assert "signer: thiếu trường bắt buộc" in message and '"signer:" ở cấp ngoài cùng của tệp' in message
    (message,) = refused(tmp_path, "ke-hoach.yaml", SOURCE.replace("date: 06/01/2023\n", ""), capsys)
    assert line_in(message) is None and "date" in message and "cấp ngoài cùng" in message, message


def test_a_missing_nested_field_is_at_its_mapping(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = SOURCE.replace("  name: Dương Quang Hùng\n", "")
    (message,) = refused(tmp_path, "ke-hoach.yaml", text, capsys)
    assert line_in(message) == text.splitlines().index("signer:") + 1, message
    assert "signer.name: thiếu trường bắt buộc" in message


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cchc_plan", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=60, env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"})


@pytest.mark.parametrize("args, said", [
    (("stats", "ho-so.csv"), "thiếu tham số bắt buộc: --from, --to"),
    (("render",), "thiếu tham số bắt buộc: TỆP"),
    (("rendr", "a.yaml"), "lựa chọn không có: 'rendr'"),
    (("render", "a.yaml", "--bogus"), "không hiểu tham số: --bogus"),
    (("new", "a.yaml", "--year", "abc"), 'tham số --year: "abc" không phải số nguyên'),
    (("batch", "a.yaml", "u.csv", "-o"), "tham số -o/--output: cần một giá trị"),
])
def test_a_wrong_command_line_is_told_in_vietnamese(args: tuple[str, ...], said: str) -> None:
    done = cli(*args)
    assert done.returncode == 2
    assert done.stdout == ""
    assert said in done.stderr, done.stderr
    assert done.stderr.startswith("cách dùng: cchc-plan")
    assert not ENGLISH.search(done.stderr), done.stderr


def test_help_is_in_vietnamese() -> None:
    for args in ((), ("--help",), ("render", "--help"), ("stats", "-h")):
        done = cli(*args)
        assert done.returncode in (0, 2)
        assert "tùy chọn" in done.stdout or "tham số" in done.stdout
        assert not ENGLISH.search(done.stdout), (args, done.stdout)
