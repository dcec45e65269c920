"""One error contract: every problem at once, each with a stable code, a path and a value.

``validate`` is what a form calls: it never raises for bad data and runs every check
(fields, objects, the whole document) in the same pass.
"""

from __future__ import annotations

import ast
import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import EXAMPLE, ROOT, minimal_plan, yaml_text
from hypothesis import given, settings
from hypothesis import strategies as st
from test_input_errors import CASES

import cchc_plan
from cchc_plan import (
    CODES, SECTIONS, CchcPlanError, InputError, InvalidModel, Problem, load_plan, plan_from_data, report_from_data,
    validate,
)
from cchc_plan.checker import UnreadableDocument
from cchc_plan.problems import GENERIC_CODE, path_parts, path_text

SRC = ROOT / "src" / "cchc_plan"
REPORT = ROOT / "examples" / "loc-binh-2023" / "bao-cao-quy-1.yaml"
MEASURE = "areas[0].targets[0].measures[0]"
ITEM1 = "appendix.groups[0].items[1]"


def four_mistakes() -> dict[str, Any]:
    """A wrong type, 150 %, an undefined unit and 31/02, in four unrelated places."""
    data = minimal_plan()
    data["areas"][0]["title"] = 123
    data["areas"][0]["targets"][0]["measures"][0]["value"] = 150
    data["appendix"]["groups"][0]["items"][1]["lead"] = ["tai-chinh"]
    data["date"] = "31/02/2023"
    return data


EXPECTED_FOUR = {
    ("areas[0].title", "type.text", 123),
    (f"{MEASURE}.value", "percent.range", 150),
    (f"{ITEM1}.lead.units[0]", "unit.undefined", "tai-chinh"),
    ("date", "date.impossible", "31/02/2023"),
}


def test_four_independent_mistakes_in_one_call() -> None:
    problems = validate(four_mistakes(), kind="plan")
    assert {(p.path, p.code, p.value) for p in problems} == EXPECTED_FOUR
    by_code = {p.code: p for p in problems}
    assert by_code["unit.undefined"].parts == ("appendix", "groups", 0, "items", 1, "lead", "units", 0)
    assert by_code["percent.range"].message == "tỷ lệ phần trăm phải nằm trong khoảng 0–100"
    assert by_code["date.impossible"].message == "ngày 31/2/2023 không tồn tại"


def test_the_file_loader_lists_the_same_four(tmp_path: Path) -> None:
    path = tmp_path / "ke-hoach.yaml"
    path.write_text(yaml_text(four_mistakes()), encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_plan(path)
    assert {(p.path, p.code, p.value) for p in e.value.problems} == EXPECTED_FOUR
    assert str(e.value).startswith(f"{path}: có 4 lỗi")
    assert all(p.line is not None for p in e.value.problems)


def test_valid_data_and_the_examples_have_no_problem() -> None:
    assert validate(minimal_plan()) == []
    for example in sorted((ROOT / "examples").glob("*/ke-hoach.yaml")):
        assert validate(yaml.safe_load(example.read_text(encoding="utf-8"))) == [], example
    for report in sorted((ROOT / "examples").glob("*/bao-cao-*.yaml")):
        data = yaml.safe_load(report.read_text(encoding="utf-8"))
        assert validate(data, kind="report", base=report.parent) == [], report


def test_a_report_gives_its_problems_and_a_missing_plan_file_without_false_ones() -> None:
    data = yaml.safe_load(REPORT.read_text(encoding="utf-8"))
    data["period"]["kind"] = "q5"
    data["date"] = "30/02/2023"
    problems = validate(data, kind="report", base=REPORT.parent)
    assert {(p.path, p.code) for p in problems} == {("period.kind", "enum.invalid"), ("date", "date.impossible")}
    data = yaml.safe_load(REPORT.read_text(encoding="utf-8"))
    data["plan"] = "khong-co.yaml"
    data["date"] = "30/02/2023"
    problems = validate(data, kind="report", base=REPORT.parent)
    assert {(p.path, p.code) for p in problems} == {("plan", "file.unreadable"), ("date", "date.impossible")}


# Mutations that do not hide one another: applied together, each gives its own problem and nothing else.
INDEPENDENT = ["percent-above-100", "number-where-text", "impossible-date", "impossible-deadline",
               "unit-not-defined", "duty-unit-not-defined", "empty-text", "blank-item", "header-not-capitals",
               "archive-in-recipients", "serial-zero", "impossible-cited-date"]
_CASES = {c[0]: c for c in CASES}


@settings(max_examples=40, deadline=None)
@given(st.sets(st.sampled_from(INDEPENDENT), min_size=1))
def test_any_set_of_independent_mistakes_gives_each_and_nothing_else(chosen: set[str]) -> None:
    data = minimal_plan()
    for name in chosen:
        _CASES[name][1](data)
    problems = validate(data)
    got = sorted(p.path for p in problems)
    assert got == sorted(_CASES[name][2] for name in chosen), [p.describe() for p in problems]
    for name in chosen:
        _, _, field, _, rule, _ = _CASES[name]
        (problem,) = [p for p in problems if p.path == field]
        assert rule in problem.rule


@pytest.mark.parametrize("case", [c[0] for c in CASES])
def test_every_problem_of_the_mutations_has_a_documented_code(case: str) -> None:
    data = minimal_plan()
    _CASES[case][1](data)
    problems = validate(data)
    assert problems
    for p in problems:
        assert p.code in CODES, p
        assert p.code != GENERIC_CODE, f"{case}: {p.describe()} has no code of its own"
        assert path_text(p.parts) == p.path


@settings(max_examples=60, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=5),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
                        st.sampled_from(["areas", "units", "title", "number", "date", "year", "issuer",
                                         "appendix", "groups", "items", "lead", "value", "x"]), inner, max_size=4),
                    max_leaves=12))
def test_validate_never_raises_on_any_data(junk: Any) -> None:
    problems = validate(junk)
    assert all(isinstance(p, Problem) and p.code in CODES for p in problems)
    if isinstance(junk, dict):  # a plan needs fields: something is always wrong with junk
        assert problems


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(["areas", "units", "appendix", "implementation", "opening", "signer", "issuer"]),
       st.sampled_from([None, 7, "x", [1], {"x": 1}]))
def test_replacing_one_part_by_junk_never_reports_on_other_parts(field: str, junk: Any) -> None:
    """A part that cannot be built is reported once, at its own path; no check says something false about it."""
    data = minimal_plan()
    data[field] = copy.deepcopy(junk)
    problems = validate(data)
    try:
        plan_from_data(data)
    except InputError as e:
        assert {(p.path, p.rule) for p in e.problems} == {(p.path, p.rule) for p in problems}
    else:
        assert problems == []  # (no appendix is a valid plan)
    for p in problems:
        assert p.path == field or p.path.startswith((field + ".", field + "[")), p.describe()


def test_one_section_for_a_form() -> None:
    data = minimal_plan()
    area = copy.deepcopy(data["areas"][0])
    assert validate(area, kind="area") == []
    area["targets"][0]["measures"][0]["value"] = 150
    area["title"] = ""
    problems = validate(area, kind="area", at=("areas", 0))
    assert {(p.path, p.code) for p in problems} == {
        (f"{MEASURE}.value", "percent.range"), ("areas[0].title", "text.empty")}
    plan = load_plan(EXAMPLE)
    item = copy.deepcopy(data["appendix"]["groups"][0]["items"][1])
    item["lead"] = ["ke-toan-truong"]
    assert validate(item, kind="appendix_item") == []  # alone, no units to check against
    problems = validate(item, kind="appendix_item", at="appendix.groups[0].items[1]", within=plan)
    assert [(p.path, p.code) for p in problems] == [(f"{ITEM1}.lead.units[0]", "unit.undefined")]
    with pytest.raises(ValueError, match="kind"):
        validate(item, kind="khong-co")  # type: ignore[arg-type]


def test_one_base_for_every_error_about_user_data() -> None:
    for cls in (InputError, InvalidModel, UnreadableDocument):
        assert issubclass(cls, CchcPlanError)
    assert issubclass(InvalidModel, ValueError)  # code that caught ValueError still does
    with pytest.raises(CchcPlanError):
        load_plan(yaml_text(four_mistakes()))
    with pytest.raises(CchcPlanError):
        cchc_plan.check_docx(b"")


def test_problem_paths_as_steps() -> None:
    assert path_parts("areas[1].targets[3].measures[0].value") == ("areas", 1, "targets", 3, "measures", 0, "value")
    assert path_parts("") == ()
    p = Problem(path=("appendix", "groups", 0, "items", 2, "lead"), rule="r")
    assert p.path == "appendix.groups[0].items[2].lead"
    assert p.at("x").parts == ("x", "appendix", "groups", 0, "items", 2, "lead")
    assert Problem(path="a", rule="r").code == GENERIC_CODE  # older call sites keep working


def _codes_in_source() -> dict[str, list[str]]:
    """Every code literal given to a Problem (``code=``) or a ``Bad`` (third argument) in the package."""
    found: dict[str, list[str]] = {}
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            if name not in ("Problem", "Bad"):
                continue
            values: list[ast.expr] = [k.value for k in node.keywords if k.arg == "code"]
            if name == "Bad" and len(node.args) >= 3:
                values.append(node.args[2])
            for value in values:
                for const in ast.walk(value):
                    if isinstance(const, ast.Constant) and isinstance(const.value, str):
                        found.setdefault(const.value, []).append(f"{path.relative_to(SRC)}:{node.lineno}")
    return found


def test_every_code_used_in_the_source_is_listed_and_documented() -> None:
    used = _codes_in_source()
    assert {"unit.undefined", "date.impossible", "percent.range", "type.text"} <= set(used)
    assert not set(used) - set(CODES), {c: used[c] for c in set(used) - set(CODES)}
    docs = (ROOT / "docs" / "python-api.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `([a-z_]+\.[a-z_]+)` \|", docs, re.M))
    assert listed == set(CODES), (set(CODES) - listed, listed - set(CODES))


def test_a_problem_as_json() -> None:
    (problem,) = [p for p in validate(four_mistakes()) if p.code == "percent.range"]
    data = problem.as_dict()
    assert json.loads(json.dumps(data, ensure_ascii=False)) == {
        "code": "percent.range", "path": f"{MEASURE}.value",
        "parts": ["areas", 0, "targets", 0, "measures", 0, "value"], "value": 150,
        "message": "tỷ lệ phần trăm phải nằm trong khoảng 0–100", "line": None}


_REPORT_FIELDS = sorted(yaml.safe_load(REPORT.read_text(encoding="utf-8"))) + ["issuer", "opening", "closing"]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(_REPORT_FIELDS), st.sampled_from([None, 7, "x", [1], {"x": 1}]))
def test_a_report_part_replaced_by_junk_is_reported_there_and_nowhere_else(field: str, junk: Any) -> None:
    data = yaml.safe_load(REPORT.read_text(encoding="utf-8"))
    data[field] = copy.deepcopy(junk)
    problems = validate(data, kind="report", base=REPORT.parent)
    try:
        report_from_data(copy.deepcopy(data), REPORT.parent)
    except InputError:
        assert problems
    else:
        assert problems == []
    for p in problems:
        if field == "one_stop" and junk is None and p.path.endswith(".from_figures"):
            continue  # true: no figures, so the results that take theirs from the figures have none
        assert p.path == field or p.path.startswith((field + ".", field + "[")), p.describe()


def _all_paths(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path] if path else []
    if isinstance(data, dict):
        for k, v in data.items():
            out += _all_paths(v, (*path, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += _all_paths(v, (*path, i))
    return out


@settings(max_examples=120, deadline=None)
@given(st.sampled_from(_all_paths(minimal_plan())), st.sampled_from([None, 7, "x", [1], {"x": 1}, True, ""]))
def test_any_value_anywhere_validate_agrees_with_the_loader(path: tuple[Any, ...], junk: Any) -> None:
    data = minimal_plan()
    target = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = copy.deepcopy(junk)
    problems = validate(data)  # never raises
    assert all(p.code in CODES for p in problems)
    try:
        plan_from_data(copy.deepcopy(data))
    except InputError as e:
        assert {(p.path, p.rule) for p in e.problems} == {(p.path, p.rule) for p in problems}
    else:
        assert problems == []


def test_the_kinds_a_form_can_validate_are_typed() -> None:
    import typing

    from cchc_plan.io.checking import Kind

    assert typing.get_args(Kind) == ("plan", "report", *SECTIONS)


def test_one_line_of_a_report_form_against_its_plan() -> None:
    plan = load_plan(EXAMPLE)
    result = {"target": "ho-so-dung-han", "measure": 1, "reached": 99}
    assert validate(result, kind="target_result", within=plan) == []
    problems = validate({**result, "target": "khong-co"}, kind="target_result", at="targets[0]", within=plan)
    assert [(p.path, p.code) for p in problems] == [("targets[0].target", "key.undefined")]
    problems = validate({**result, "measure": 9}, kind="target_result", at=("targets", 1), within=plan)
    assert [(p.path, p.code, p.value) for p in problems] == [("targets[1].measure", "number.range", 9)]
    progress = {"item": 4, "output": 2, "status": "in_progress"}
    assert validate(progress, kind="task_progress", within=plan) == []
    assert [p.code for p in validate({**progress, "item": 999}, kind="task_progress", within=plan)] == [
        "key.undefined"]
    assert [p.path for p in validate({**progress, "output": 9}, kind="task_progress", at="tasks[2]",
                                      within=plan)] == ["tasks[2].output"]
    assert [p.code for p in validate({**progress, "status": "xong"}, kind="task_progress", within=plan)] == [
        "enum.invalid"]
