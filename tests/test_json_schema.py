"""JSON for programs: a fixed shape per field, and a JSON Schema generated from the model.

The schema is checked with the ``jsonschema`` package against every example, every
dump and plans made by hypothesis; and it refuses what the model refuses for types,
required fields, unknown keys and enums.
"""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from conftest import ROOT, minimal_plan
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from test_outline import _numbering, _to_nodes, _tree

from cchc_plan import (
    InputError, Plan, Report, examples, from_json, json_schema, load_plan, load_report, plan_from_data, plan_to_data,
    report_from_data, report_to_data, to_json, validate,
)
from cchc_plan.cli import main
from cchc_plan.io.files import read_data

PLANS = sorted([*(ROOT / "examples").glob("*/ke-hoach.yaml"), ROOT / "examples/loc-binh-2023/quyet-dinh.yaml"])
REPORTS = sorted((ROOT / "examples").glob("*/bao-cao-*.yaml"))
STRUCTURAL = ("type.", "field.required", "field.unknown", "enum.invalid")
"""Problem codes about the shape of the data: the schema must refuse what they refuse."""


def validator(kind: str) -> jsonschema.Draft202012Validator:
    schema = json_schema(kind)  # type: ignore[arg-type]
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


PLAN_SCHEMA = validator("plan")
REPORT_SCHEMA = validator("report")


def errors(v: jsonschema.Draft202012Validator, data: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}" for e in v.iter_errors(data)]


# --------------------------------------------------------------------------- JSON of the model


@pytest.mark.parametrize("example", PLANS + REPORTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_example_dumps_to_plain_json_and_back(example: Path) -> None:
    is_report = example.name.startswith("bao-cao")
    document = load_report(example) if is_report else load_plan(example)
    data = report_to_data(document) if isinstance(document, Report) else plan_to_data(document)
    text = json.dumps(data, ensure_ascii=False)  # plain json.dumps: no Decimal, no date, no tuple
    again = report_from_data(json.loads(text)) if is_report else plan_from_data(json.loads(text))
    assert again == document
    assert json.loads(to_json(document)) == data
    kind = "report" if is_report else "plan"
    assert from_json(to_json(document), kind) == document  # type: ignore[call-overload]
    assert errors(REPORT_SCHEMA if is_report else PLAN_SCHEMA, data) == []


def _walk(obj: Any, data: Any, path: str = "") -> list[str]:
    """Where ``data`` is not the fixed shape of ``obj``: missing keys, non-list sequences, non-number decimals."""
    bad: list[str] = []
    if isinstance(obj, tuple):
        if not isinstance(data, list):
            return [f"{path}: {type(data).__name__}, not a list"]
        for i, (o, d) in enumerate(zip(obj, data, strict=True)):
            bad += _walk(o, d, f"{path}[{i}]")
    elif isinstance(obj, Decimal):
        if isinstance(data, bool) or not isinstance(data, (int, float)):
            bad.append(f"{path}: decimal written as {type(data).__name__}")
    elif attrs.has(type(obj)) and type(obj).__name__ not in ("Deadline", "DocumentNumber"):
        names = [f.name for f in attrs.fields(type(obj)) if f.init]
        if not isinstance(data, dict) or sorted(data) != sorted(names):
            return [f"{path}: keys {sorted(data) if isinstance(data, dict) else data!r}, fields {sorted(names)}"]
        for name in names:
            bad += _walk(getattr(obj, name), data[name], f"{path}.{name}")
    return bad


@pytest.mark.parametrize("example", PLANS + REPORTS[:1], ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_field_is_written_in_one_shape(example: Path) -> None:
    document = load_report(example) if example.name.startswith("bao-cao") else load_plan(example)
    data = json.loads(to_json(document))
    assert _walk(document, data) == []


def test_budgets_and_assignments_have_one_shape_whatever_their_content() -> None:
    data = minimal_plan()
    items = data["appendix"]["groups"][0]["items"]
    items[0]["budget"] = "Theo dự toán"
    items[1]["budget"] = 15000000
    items[1]["lead"] = "tu-phap"  # the short form of one unit
    dumped = plan_to_data(plan_from_data(data))["appendix"]["groups"][0]["items"]
    assert dumped[0]["budget"] == {"amount": None, "text": "Theo dự toán"}
    assert dumped[1]["budget"] == {"amount": 15000000, "text": None}
    assert dumped[0]["lead"] == {"units": ["van-phong"], "text": None}
    assert dumped[1]["lead"] == {"units": ["tu-phap"], "text": None}
    assert dumped[1]["partners"] is None  # a field left out is written, as null
    plan = plan_from_data(data)
    measure = plan_to_data(plan)["areas"][0]["targets"][0]["measures"][0]
    assert measure["value"] == 98 and isinstance(measure["value"], int)
    half = attrs.evolve(plan.areas[0].targets[0].measures[0], value=Decimal("98.5"))
    assert json.loads(to_json(half))["value"] == 98.5


def test_from_json_reports_every_problem_with_the_name() -> None:
    data = plan_to_data(load_plan(PLANS[0]))
    data["date"] = "31/02/2023"
    data["year"] = "2023"
    with pytest.raises(InputError) as e:
        from_json(json.dumps(data, ensure_ascii=False), name="bieu-mau.json")
    assert str(e.value).startswith("bieu-mau.json: có 2 lỗi")
    assert {p.code for p in e.value.problems} == {"date.impossible", "type.integer"}


# --------------------------------------------------------------------------- the schema


@pytest.mark.parametrize("example", PLANS + REPORTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_example_file_is_valid_against_its_schema(example: Path) -> None:
    data, _ = read_data(example)  # as the loader reads it (numbers as Decimal, dates as text)
    v = REPORT_SCHEMA if example.name.startswith("bao-cao") else PLAN_SCHEMA
    assert errors(v, data) == []
    kind = "report" if example.name.startswith("bao-cao") else "plan"
    first = example.read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema=../../schema/{kind}.schema.json"
    assert (example.parent / "../../schema" / f"{kind}.schema.json").resolve().is_file()


@pytest.mark.parametrize("kind", ["plan", "report"])
def test_the_command_prints_the_shipped_schema(kind: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", kind]) == 0
    printed = capsys.readouterr().out
    assert json.loads(printed) == json_schema(kind)  # type: ignore[arg-type]
    assert examples.schema_path(kind).read_text(encoding="utf-8") == printed, (
        f"schema/{kind}.schema.json is stale: cchc-plan schema {kind} > schema/{kind}.schema.json")


def test_the_schema_is_generated_from_the_model() -> None:
    schema = json_schema("plan")
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    fields = [f for f in attrs.fields(Plan) if f.init]
    assert set(schema["properties"]) == {f.name for f in fields} | {"placeholders", "units_preset"}
    assert set(schema["required"]) == {f.name for f in fields if f.default is attrs.NOTHING}
    measure = schema["$defs"]["Measure"]
    assert measure["properties"]["comparator"] == {"enum": ["more_than", "at_least", "exactly", "at_most",
                                                            "less_than", "decrease", "increase"]}
    assert measure["additionalProperties"] is False


def _paths(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path] if path else []
    if isinstance(data, dict):
        for k, v in data.items():
            out += _paths(v, (*path, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += _paths(v, (*path, i))
    return out


MINIMAL_PATHS = _paths(minimal_plan())


def _replace(data: Any, path: tuple[Any, ...], value: Any) -> None:
    for step in path[:-1]:
        data = data[step]
    data[path[-1]] = value


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        data = data[step]
    return data


def _wrong(value: Any) -> Any:
    """A value of another JSON kind, that no field of that place accepts."""
    if isinstance(value, dict):
        return [1]
    return {"x": 1}


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(MINIMAL_PATHS))
def test_the_schema_refuses_a_value_of_the_wrong_type(path: tuple[Any, ...]) -> None:
    data = minimal_plan()
    _replace(data, path, _wrong(_get(data, path)))
    problems = validate(data)
    assert any(p.code.startswith(STRUCTURAL) for p in problems), [p.describe() for p in problems]
    assert errors(PLAN_SCHEMA, data), f"the schema accepts {path} = {_get(data, path)!r}"


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from([p for p in MINIMAL_PATHS if isinstance(p[-1], str)]))
def test_the_schema_refuses_a_missing_required_field_as_the_model_does(path: tuple[Any, ...]) -> None:
    data = minimal_plan()
    parent = _get(data, path[:-1])
    del parent[path[-1]]
    problems = validate(data)
    if any(p.code == "field.required" for p in problems):
        assert errors(PLAN_SCHEMA, data), f"the schema accepts a plan without {path}"


@pytest.mark.parametrize(("path", "value"), [
    (("areas", 0, "kind"), "thu-tuc"), (("issuer", "level"), "huyen"), (("signer", "authority"), "TL."),
    (("areas", 0, "targets", 0, "measures", 0, "comparator"), "tren"), (("number",), "07/XX-UBND"),
    (("areas", 0, "targets", 0, "measures", 0, "value"), "98,5%"), (("date",), "ngày 6"),
    (("year",), "2023"), (("areas", 0, "titel"), "Cải cách"), (("objectives",), "một mục"),
])
def test_the_schema_refuses_bad_enums_numbers_dates_and_keys(path: tuple[Any, ...], value: Any) -> None:
    data = minimal_plan()
    _replace(data, path, value)
    assert any(p.code.startswith(STRUCTURAL) or p.code.startswith("number.") for p in validate(data))
    assert errors(PLAN_SCHEMA, data)


_KINDS = ["institutions", "procedures", "organisation", "civil_service", "public_finance", "digital_government"]
_DEADLINES = ["Năm 2023", "Tháng 03/2023", "Quý II/2023", "Trước 15/06/2023", "Thường xuyên",
              "Trước ngày 31/12 hàng năm"]


@st.composite
def plan_data(draw: st.DrawFn) -> dict[str, Any]:
    """Valid plans of varied shape: areas, targets and measures, units, appendix items, budgets, leads."""
    data = minimal_plan()
    units = [f"bo-phan-{i}" for i in range(draw(st.integers(1, 4)))]
    data["units"] = [{"key": k, "name": f"Bộ phận số {i + 1}"} for i, k in enumerate(units)]
    data["implementation"]["duties"] = [{"unit": draw(st.sampled_from(units)), "text": "Theo dõi, tổng hợp."}]
    areas = []
    for n, kind in enumerate(draw(st.lists(st.sampled_from(_KINDS), min_size=1, max_size=3, unique=True))):
        targets = []
        for t in range(draw(st.integers(0, 3))):
            measures = []
            for _ in range(draw(st.integers(0, 2))):
                comparator = draw(st.sampled_from(["more_than", "at_least", "exactly", "at_most", "less_than",
                                                   "decrease", "increase"]))
                measure: dict[str, Any] = {"metric": "Tỷ lệ hồ sơ", "comparator": comparator}
                if comparator not in ("decrease", "increase"):
                    measure["value"] = draw(st.one_of(
                        st.integers(0, 100), st.decimals(0, 100, places=2).map(str).map(lambda s: s.replace(".", ","))))
                measures.append(measure)
            target: dict[str, Any] = {"text": f"Chỉ tiêu {t + 1}.", "measures": measures}
            if draw(st.booleans()):
                target["key"] = f"c{n}-{t}"
            targets.append(target)
        areas.append({"kind": kind, "title": f"Lĩnh vực {n + 1}", "targets": targets,
                      "tasks": ["Thực hiện nhiệm vụ."] * draw(st.integers(0, 2))})
    data["areas"] = areas
    items = []
    for i in range(draw(st.integers(1, 4))):
        item: dict[str, Any] = {"number": i + 1, "content": f"Nhiệm vụ {i + 1}",
                                "outputs": [{"text": "Báo cáo", "deadline": draw(st.sampled_from(_DEADLINES))}]}
        lead = draw(st.lists(st.sampled_from(units), min_size=1, max_size=2, unique=True))
        item["lead"] = lead[0] if len(lead) == 1 and draw(st.booleans()) else lead
        budget = draw(st.one_of(st.none(), st.integers(0, 10**9), st.just("Theo dự toán")))
        if budget is not None:
            item["budget"] = budget
        items.append(item)
    data["appendix"]["groups"][0]["items"] = items
    if draw(st.booleans()):
        data["date"] = None
        data["number"] = "/KH-UBND"
    if draw(st.booleans()):
        data["outline"] = "standard"
    return data


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan_data())
def test_generated_plans_and_their_dumps_are_valid_against_the_schema(data: dict[str, Any]) -> None:
    try:
        plan = plan_from_data(copy.deepcopy(data))
    except InputError as e:  # a combination the whole-plan rules refuse: not what this test is about
        assume(not any(p.code.startswith(STRUCTURAL) for p in e.problems))
        assume(False)
    assert errors(PLAN_SCHEMA, data) == []
    dumped = json.loads(json.dumps(plan_to_data(plan)))
    assert errors(PLAN_SCHEMA, dumped) == []
    assert plan_from_data(dumped) == plan


def test_the_schema_is_shipped_and_found_by_the_helper() -> None:
    plan_path = examples.schema_path("plan")
    assert json.loads(plan_path.read_text(encoding="utf-8"))["title"].startswith("Kế hoạch")
    with pytest.raises(FileNotFoundError):
        examples.schema_path("khong-co")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_plans_with_outlines_in_every_form_are_valid_against_the_schema(data: st.DataObject) -> None:
    """An outline written with the short forms (part names, {item: …}, {section: …}, {targets: key})
    and its dump in the full forms both fit the schema."""
    schemes = data.draw(_numbering())
    nodes = _to_nodes(data.draw(_tree()))
    extra = data.draw(st.lists(st.sampled_from([
        "objectives", {"targets": "procedures"}, {"tasks": {"key": "procedures", "style": "dash"}},
        {"text": "Đoạn văn."}, {"numbered": "Ý có số."}, {"part": "requirements"},
        {"section": "Phụ", "label": "", "body": [{"sub": "ý"}]},
    ]), max_size=3))
    plan_data_ = minimal_plan()
    closing = {"section": "Tổ chức thực hiện", "body": ["implementation"]}
    plan_data_["outline"] = {"numbering": schemes, "body": [*nodes, *extra, closing]}
    try:
        plan = plan_from_data(copy.deepcopy(plan_data_))
    except InputError:
        assume(False)
        return
    assert errors(PLAN_SCHEMA, plan_data_) == []
    dumped = json.loads(to_json(plan))
    assert errors(PLAN_SCHEMA, dumped) == []
    assert plan_from_data(dumped) == plan
    broken = copy.deepcopy(plan_data_)
    broken["outline"]["body"].append({"tagets": "procedures"})  # a part name mistyped
    assert validate(broken) and errors(PLAN_SCHEMA, broken)
