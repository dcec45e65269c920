"""The ``cchc-plan check`` command as a user runs it: output, JSON for tools, exit codes."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from cchc_plan.cli import check as check_cli
from cchc_plan.render import render

ROOT = Path(__file__).resolve().parents[1]
REPORT_YAML = ROOT / "examples" / "loc-binh-2023" / "bao-cao-quy-1.yaml"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return render(REPORT_YAML, tmp_path_factory.mktemp("cli") / "bao-cao.docx")


def _replace(source: Path, target: Path, old: bytes, new: bytes) -> Path:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/document.xml":
                assert old in data
                data = data.replace(old, new, 1)
            zout.writestr(info, data)
    return target


@pytest.fixture(scope="module")
def with_error(good: Path) -> Path:
    return _replace(good, good.with_name("sai-thang.docx"), "tháng 3 năm 2023</w:t>".encode(),
                    "tháng 03 năm 2023</w:t>".encode())


@pytest.fixture(scope="module")
def warnings_only(good: Path) -> Path:
    """The closing mark "./." removed: a warning, not an error."""
    return _replace(good, good.with_name("canh-bao.docx"), b"./.</w:t>", b".</w:t>")


def test_clean_document_exits_0(good: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert check_cli.main([str(good)]) == 0
    out = capsys.readouterr().out
    assert "Không thấy sai sót nào" in out
    assert out.rstrip().splitlines()[-1] == f"{good}: 0 lỗi, 0 cảnh báo."


def test_error_exits_1_and_names_rule_place_and_clause(with_error: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert check_cli.main([str(with_error)]) == 1
    out = capsys.readouterr().out
    lines = out.rstrip().splitlines()
    assert lines[0] == "LỖI (1):"
    assert "[ND30-DATE-PADDING]" in out and "Lộc Bình, ngày 16 tháng 03 năm 2023" in out
    assert "thấy: tháng “03” (đúng: 3)" in out
    assert "căn cứ: Nghị định 30/2020/NĐ-CP" in out
    assert lines[-1] == f"{with_error}: 1 lỗi, 0 cảnh báo."


def test_warnings_only_exit_0(warnings_only: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert check_cli.main([str(warnings_only)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "CẢNH BÁO (1):" and "[ND30-CLOSING-MARK]" in out
    assert out.rstrip().endswith(": 0 lỗi, 1 cảnh báo.")


def test_json_output(with_error: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert check_cli.main([str(with_error), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["file"] == str(with_error)
    assert data["errors"] == 1 and data["warnings"] == 0
    [finding] = data["findings"]
    assert finding["rule"] == "ND30-DATE-PADDING" and finding["severity"] == "error"
    assert set(finding) >= {"rule", "severity", "location", "found", "expected", "clause"}
    assert "tháng" in finding["found"]  # real Vietnamese, not \\u escapes


def test_json_of_a_clean_document(good: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert check_cli.main([str(good), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"file": str(good), "findings": [], "errors": 0,
                                                   "warnings": 0, "form": "paper", "documents": 1}


@pytest.mark.parametrize("content", [None, b"", b"not a zip at all", b"PK\x03\x04broken"])
def test_unreadable_file_gives_one_message_and_exit_2(tmp_path: Path, content: bytes | None,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "x.docx"
    if content is not None:
        path.write_bytes(content)
    assert check_cli.main([str(path)]) == 2, "could not read: 2, not 1 (a document with errors)"
    captured = capsys.readouterr()
    assert captured.out == ""
    err = captured.err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("Lỗi: không kiểm tra được")
    assert "Traceback" not in captured.err


def test_unreadable_file_as_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert check_cli.main([str(tmp_path / "none.docx"), "--format", "json"]) == 2
    data = json.loads(capsys.readouterr().out)
    assert data["file"].endswith("none.docx") and "không tìm thấy tệp" in data["error"]


def test_zip_without_document(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
    assert check_cli.main([str(path)]) == 2
    assert "word/document.xml" in capsys.readouterr().err


def test_add_parser_registers_the_sub_command(with_error: Path, capsys: pytest.CaptureFixture[str]) -> None:
    parser = argparse.ArgumentParser(prog="cchc-plan")
    commands = parser.add_subparsers(dest="command")
    check_cli.add_parser(commands)
    args = parser.parse_args(["check", str(with_error), "--format", "json"])
    assert args.run is check_cli.run
    assert args.run(args) == 1
    assert json.loads(capsys.readouterr().out)["errors"] == 1


def test_bad_format_is_a_usage_error(good: Path) -> None:
    with pytest.raises(SystemExit) as caught:
        check_cli.main([str(good), "--format", "xml"])
    assert caught.value.code == 2


def test_runs_as_a_program(good: Path, tmp_path: Path) -> None:
    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run([sys.executable, "-m", "cchc_plan.cli.check", str(good)],
                          capture_output=True, text=True, env=env, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    bad = tmp_path / "bad.docx"
    bad.write_text("x")
    done = subprocess.run([sys.executable, "-m", "cchc_plan.cli.check", str(bad)],
                          capture_output=True, text=True, env=env, timeout=60, check=False)
    assert done.returncode == 2 and "Traceback" not in done.stderr and done.stderr.startswith("Lỗi:")
