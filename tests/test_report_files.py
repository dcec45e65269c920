"""Report files as a user writes them: the quarter I example, ``cchc-plan validate`` and
``render`` on report files, broken references and fields, JSON, and one-stop figures kept
in a file of their own.

Expected counts are computed here from the example's YAML and its plan, not taken
from the library.
"""

from __future__ import annotations

import datetime as dt
import json
import operator
import os
import re
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from cchc_plan.cli import main
from cchc_plan.io import load_document, load_report
from cchc_plan.model import Plan
from cchc_plan.problems import InputError
from cchc_plan.model.report import Report

from conftest import ROOT, line_of, write_json, write_yaml

EXAMPLES = ROOT / "examples" / "loc-binh-2023"
REPORT = EXAMPLES / "bao-cao-quy-1.yaml"
PLAN = EXAMPLES / "ke-hoach.yaml"


def read(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


REPORT_DATA = read(REPORT)
PLAN_DATA = read(PLAN)


# --------------------------------------------------------------------------- independent expectations

_HOLDS = {"more_than": operator.gt, "at_least": operator.ge, "exactly": operator.eq,
          "at_most": operator.le, "less_than": operator.lt}


def _rate(part: int, whole: int) -> Decimal | None:
    return None if whole == 0 else Decimal(part) * 100 / Decimal(whole)


def figure_rate(name: str, fields: list[dict[str, Any]]) -> Decimal | None:
    def get(f: dict[str, Any], key: str) -> int:
        return int(f.get(key, 0))

    def on_time(fs: list[dict[str, Any]]) -> Decimal | None:
        return _rate(sum(get(f, "early") + get(f, "on_time") for f in fs),
                     sum(get(f, "early") + get(f, "on_time") + get(f, "late") for f in fs))

    if name == "on_time_rate":
        return on_time(fields)
    if name == "lowest_on_time_rate":
        rates = [r for f in fields if (r := on_time([f])) is not None]
        return min(rates) if rates else None
    assert name == "online_share"
    return _rate(sum(get(f, "online") for f in fields),
                 sum(get(f, "online") + get(f, "in_person") + get(f, "post") for f in fields))


def expected_met_counts(report: dict[str, Any], plan: dict[str, Any]) -> tuple[int, int, int]:
    """(measures, met, not met) from the report's results and the plan's comparators."""
    measures = {}
    for area in plan["areas"]:
        for target in area.get("targets", []):
            for m, measure in enumerate(target.get("measures", []), start=1):
                measures[(target.get("key"), m)] = measure
    met = missed = 0
    for r in report.get("targets", []):
        measure = measures[(r["target"], r.get("measure", 1))]
        if "from_figures" in r:
            reached = figure_rate(r["from_figures"], report["one_stop"]["fields"])
        else:
            reached = Decimal(str(r["reached"])) if "reached" in r else None
        if reached is None:
            continue
        comparator = measure["comparator"]
        if comparator in ("decrease", "increase"):
            previous = Decimal(str(r["previous"]))
            ok = reached < previous if comparator == "decrease" else reached > previous
        else:
            ok = _HOLDS[comparator](reached, Decimal(str(measure["value"])))
        met += ok
        missed += not ok
    return len(measures), met, missed


def outputs_of(plan: dict[str, Any]) -> int:
    return sum(len(i["outputs"]) for g in plan["appendix"]["groups"] for i in g["items"])


# --------------------------------------------------------------------------- helpers


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder with a copy of the plan, where report variants are written."""
    shutil.copyfile(PLAN, tmp_path / "ke-hoach.yaml")
    return tmp_path


def variant(folder: Path, name: str, **changes: Any) -> Path:
    data = json.loads(json.dumps(REPORT_DATA))  # a deep copy
    data.update(changes)
    return write_yaml(folder / name, data)


def validate(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["validate", str(path)])
    out, err = capsys.readouterr()
    return code, out, err


# --------------------------------------------------------------------------- loading the example


def test_the_example_loads_as_a_report() -> None:
    report = load_report(REPORT)
    assert isinstance(report, Report)
    assert isinstance(report.plan, Plan) and report.plan.year == 2023
    assert str(report.number) == "15/BC-UBND"
    assert report.date == dt.date(2023, 3, 16)
    assert report.period.window == (dt.date(2022, 12, 15), dt.date(2023, 3, 14))
    assert len(report.targets) == len(REPORT_DATA["targets"])
    assert len(report.tasks) == len(REPORT_DATA["tasks"])
    assert report.one_stop is not None
    assert [f.field for f in report.one_stop.fields] == [f["field"] for f in REPORT_DATA["one_stop"]["fields"]]


def test_load_document_tells_a_plan_from_a_report() -> None:
    assert isinstance(load_document(REPORT), Report)
    assert isinstance(load_document(PLAN), Plan)


def test_the_examples_results_match_an_independent_count() -> None:
    report = load_report(REPORT)
    total, met, missed = expected_met_counts(REPORT_DATA, PLAN_DATA)
    outcomes = report.outcomes()
    assert len(outcomes) == total
    assert sum(o.met is True for o in outcomes) == met
    assert sum(o.met is False for o in outcomes) == missed
    assert (met, missed) == (6, 3)  # what the example's numbers give, checked by hand
    overdue = [(p.item_number, p.output_index) for p in report.progress() if p.overdue]
    assert overdue == [(19, 1)]


# --------------------------------------------------------------------------- cchc-plan validate


def test_validate_the_example(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = validate(REPORT, capsys)
    assert code == 0, err
    assert "hợp lệ" in out
    assert "15/BC-UBND" in out
    assert "quý I năm 2023" in out
    assert "15/12/2022" in out and "14/3/2023" in out
    total, met, missed = expected_met_counts(REPORT_DATA, PLAN_DATA)
    line = next(x for x in out.splitlines() if "Chỉ tiêu có số đo" in x)
    assert re.search(rf"\b{total}\b", line)
    assert f"đạt {met}" in line and f"không đạt {missed}" in line
    assert f"chưa có số liệu {total - met - missed}" in line
    outputs = next(x for x in out.splitlines() if "Sản phẩm phụ lục" in x)
    assert f"{outputs_of(PLAN_DATA)};" in outputs and "quá hạn 1" in outputs
    overdue = [x for x in out.splitlines() if "quá hạn:" in x]
    assert len(overdue) == 1 and "nhiệm vụ 19" in overdue[0] and "Tháng 1/2023" in overdue[0]
    assert err == ""


def test_a_report_whose_plan_is_missing(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = variant(folder, "bao-cao.yaml", plan="khong-co.yaml")
    code, out, err = validate(path, capsys)
    assert code == 1
    assert "khong-co.yaml" in err
    assert "Traceback" not in err and out == ""


def test_a_bad_period_kind_names_path_and_line(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = variant(folder, "bao-cao.yaml", period={"kind": "q5", "year": 2023})
    line = line_of(path.read_text(encoding="utf-8"), "kind: q5")
    code, out, err = validate(path, capsys)
    assert code == 1
    assert f"{path}:{line}: period.kind" in err, err
    assert '"q5"' in err and "q1" in err
    assert "Traceback" not in err and out == ""


def test_render_of_a_bad_report_writes_nothing(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = variant(folder, "bao-cao.yaml", period={"kind": "q5", "year": 2023})
    out_file = folder / "out" / "bao-cao.docx"
    before = sorted(p.name for p in folder.rglob("*"))
    assert main(["render", str(path), "-o", str(out_file)]) == 1
    err = capsys.readouterr().err
    assert "period.kind" in err
    assert not out_file.exists()
    assert sorted(p.name for p in folder.rglob("*")) == before, "no output and no temporary file left"


def test_the_command_itself_prints_no_traceback(folder: Path) -> None:
    path = variant(folder, "bao-cao.yaml", period={"kind": "q5", "year": 2023})
    line = line_of(path.read_text(encoding="utf-8"), "kind: q5")
    done = subprocess.run([sys.executable, "-m", "cchc_plan", "render", str(path), "-o", str(folder / "x.docx")],
                          capture_output=True, text=True, cwd=folder,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert f":{line}: period.kind" in done.stderr
    assert not (folder / "x.docx").exists()


def test_an_error_in_the_report_body_names_its_line(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tasks = REPORT_DATA["tasks"] + [{"item": 99, "status": "done"}]
    path = variant(folder, "bao-cao.yaml", tasks=tasks)
    line = line_of(path.read_text(encoding="utf-8"), "item: 99")
    code, _, err = validate(path, capsys)
    assert code == 1
    assert f":{line}: tasks[{len(tasks) - 1}].item = 99" in err, err


def test_a_json_report_works(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_json(folder / "bao-cao.json", REPORT_DATA)
    code, out, err = validate(path, capsys)
    assert code == 0, err
    assert "quý I năm 2023" in out
    from_json = load_report(path)
    from_yaml = load_report(REPORT)
    assert [o.verdict for o in from_json.outcomes()] == [o.verdict for o in from_yaml.outcomes()]
    assert from_json.progress() == from_yaml.progress()
    assert from_json.one_stop == from_yaml.one_stop


def test_a_json_report_with_a_bad_field_names_path_and_line(folder: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    data = {**REPORT_DATA, "period": {"kind": "q5", "year": 2023}}
    path = write_json(folder / "bao-cao.json", data)
    line = line_of(path.read_text(encoding="utf-8"), '"q5"')
    code, _, err = validate(path, capsys)
    assert code == 1
    assert f":{line}: period.kind" in err, err


def test_one_stop_figures_from_a_file(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_yaml(folder / "so-lieu.yaml", REPORT_DATA["one_stop"])
    path = variant(folder, "bao-cao.yaml", one_stop="so-lieu.yaml")
    code, out, err = validate(path, capsys)
    assert code == 0, err
    report = load_report(path)
    inline = load_report(REPORT)
    assert report.one_stop == inline.one_stop
    fields = REPORT_DATA["one_stop"]["fields"]
    received = sum(f.get(k, 0) for f in fields for k in ("carried_over", "online", "in_person", "post"))
    assert report.one_stop is not None and report.one_stop.total.received == received
    assert f"tiếp nhận {received}" in out
    assert [o.verdict for o in report.outcomes()] == [o.verdict for o in inline.outcomes()]


def test_an_error_in_the_figures_file_names_that_file_and_line(folder: Path) -> None:
    figures = json.loads(json.dumps(REPORT_DATA["one_stop"]))
    figures["fields"][2]["apologies"] = 50
    del figures["source"]  # typed by the office: a contradiction is an error (from a source, a warning)
    figures_path = write_yaml(folder / "so-lieu.yaml", figures)
    line = line_of(figures_path.read_text(encoding="utf-8"), "apologies: 50")
    path = variant(folder, "bao-cao.yaml", one_stop="so-lieu.yaml")
    with pytest.raises(InputError) as e:
        load_report(path)
    assert e.value.source.endswith("so-lieu.yaml")
    assert [(p.path, p.line) for p in e.value.problems] == [("fields[2].apologies", line)]


def test_a_missing_figures_file_is_named(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = variant(folder, "bao-cao.yaml", one_stop="khong-co-so-lieu.yaml")
    code, _, err = validate(path, capsys)
    assert code == 1 and "khong-co-so-lieu.yaml" in err and "Traceback" not in err
