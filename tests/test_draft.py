"""A draft — *bản dự thảo*: a number with no serial yet (``/KH-UBND``) and no date of issue.

The serial and the date of issue are given together once the document is signed
(Nghị định 30/2020/NĐ-CP, Điều 15), so a draft prints ``Số:      /KH-UBND`` and
``…, ngày      tháng      năm 2023``; a draft that carries a date is refused, with the
field, its line and what to do, and nothing is written.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from conftest import EXAMPLE, line_of, minimal_plan, write_yaml
from cchc_plan.checker import check_docx
from cchc_plan.cli import main
from cchc_plan.io import load_plan
from cchc_plan.io.convert import structure
from cchc_plan.model.summary import SummaryDocument
from cchc_plan.problems import InputError, InvalidModel
from docx_reading import DocxReader

QUARTER = EXAMPLE.parent / "bao-cao-quy-1.yaml"
RULE = "bản dự thảo (số \"/{symbol}\", chưa có số thứ tự) để trống ngày, tháng ban hành"


def test_a_draft_without_a_date_prints_the_blanks(tmp_path: Path) -> None:
    data = minimal_plan()
    data["number"] = "/KH-UBND"
    del data["date"]
    out = tmp_path / "du-thao.docx"
    assert main(["render", str(write_yaml(tmp_path / "du-thao.yaml", data)), "-o", str(out)]) == 0
    texts = [p.text for p in DocxReader(out).paragraphs()]
    assert "Số:      /KH-UBND" in texts and "Lộc Bình, ngày      tháng      năm 2023" in texts
    assert check_docx(out).findings == ()


def test_a_draft_plan_with_a_date_is_refused_at_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = minimal_plan()
    data["number"] = "/KH-UBND"
    source = write_yaml(tmp_path / "du-thao.yaml", data)
    before = source.read_bytes()
    out = tmp_path / "du-thao.docx"
    assert main(["render", str(source), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    line = line_of(source.read_text(encoding="utf-8"), "date:")
    assert f'{source}:{line}: date = "06/01/2023": ' + RULE.format(symbol="KH-UBND") in err
    assert 'hãy bỏ date, hoặc ghi cả số văn bản (ví dụ "01/KH-UBND")' in err and "Điều 15" in err
    assert "Traceback" not in err and not out.exists() and source.read_bytes() == before
    assert main(["validate", str(source)]) == 1


def test_a_numbered_plan_without_a_date_is_refused(tmp_path: Path) -> None:
    data = minimal_plan()
    del data["date"]
    with pytest.raises(InputError) as e:
        load_plan(write_yaml(tmp_path / "kh.yaml", data))
    (problem,) = e.value.problems
    assert problem.path == "date" and problem.rule.startswith("văn bản đã có số thì phải có ngày ban hành")


def test_a_draft_report_with_a_date_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(EXAMPLE, tmp_path / "ke-hoach.yaml")
    data = yaml.safe_load(QUARTER.read_text(encoding="utf-8"))
    data["number"] = "/BC-UBND"
    source = write_yaml(tmp_path / "bao-cao.yaml", data)
    out = tmp_path / "bc.docx"
    assert main(["render", str(source), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert 'date = "16/3/2023": ' + RULE.format(symbol="BC-UBND") in err and not out.exists()
    del data["date"]
    write_yaml(source, data)
    assert main(["render", str(source), "-o", str(out)]) == 0
    assert "Lộc Bình, ngày      tháng      năm 2023" in [p.text for p in DocxReader(out).paragraphs()]


def test_a_draft_summary_with_a_date_is_refused() -> None:
    info = {"issuer": {"name": "Ủy ban nhân dân tỉnh Huế", "short_name": "UBND tỉnh Huế", "code": "UBND",
                       "level": "province", "place": "Huế", "header": ["ỦY BAN NHÂN DÂN", "TỈNH HUẾ"]},
            "number": "/BC-UBND", "date": "18/03/2023", "signer": {"position": "CHỦ TỊCH", "name": "Nguyễn Văn A"},
            "recipients": ["Bộ Nội vụ"]}
    with pytest.raises((InvalidModel, InputError)) as e:
        structure(info, SummaryDocument)
    assert any(p.path.endswith("date") and p.rule.startswith(RULE.format(symbol="BC-UBND"))
               for p in e.value.problems)
