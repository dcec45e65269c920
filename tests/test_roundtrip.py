"""Writing a plan and reading it back gives the same plan, in YAML and in JSON."""

from __future__ import annotations

import json
import tempfile
import unicodedata
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
import yaml
from conftest import minimal_plan, write_yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cchc_plan.io import dump_plan, load_plan, plan_from_data, to_json, to_yaml
from cchc_plan.model import AppendixItem, Comparator, Measure, Plan, Target
from cchc_plan.problems import InvalidModel


@pytest.fixture
def plan(tmp_path: Path) -> Plan:
    return load_plan(write_yaml(tmp_path / "nguon.yaml", minimal_plan()))


def test_yaml_round_trip(plan: Plan, tmp_path: Path) -> None:
    text = to_yaml(plan)
    path = tmp_path / "ra.yaml"
    path.write_text(text, encoding="utf-8")
    back = load_plan(path)
    assert back == plan
    assert to_yaml(back) == text  # writing is stable
    # what a person sees in the file: dates and numbers as they wrote them
    assert "number: 07/KH-UBND" in text
    assert "date: 06/01/2023" in text
    assert "deadline: Tháng 01/2023" in text
    assert "Ủy ban nhân dân xã Lộc Bình" in text  # not \\u-escaped


def test_json_round_trip(plan: Plan, tmp_path: Path) -> None:
    text = to_json(plan)
    data = json.loads(text)
    assert data["number"] == "07/KH-UBND"
    assert data["date"] == "06/01/2023"
    assert data["areas"][0]["targets"][0]["measures"][0]["value"] == 98
    assert "Ủy ban nhân dân xã Lộc Bình" in text
    path = tmp_path / "ra.json"
    path.write_text(text, encoding="utf-8")
    back = load_plan(path)
    assert back == plan
    assert to_json(back) == text


def test_yaml_and_json_agree(plan: Plan) -> None:
    from_yaml = plan_from_data(yaml.safe_load(to_yaml(plan)))
    from_json = plan_from_data(json.loads(to_json(plan), parse_float=Decimal))
    assert from_yaml == from_json == plan


def test_the_written_plan_keeps_every_field(plan: Plan, tmp_path: Path) -> None:
    back = load_plan(dump_plan(plan, tmp_path / "ra.yaml"))
    assert back.signer.lines == ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
    assert str(back.number) == "07/KH-UBND"
    assert back.areas[0].targets[0].measures[0].comparator is Comparator.MORE_THAN
    assert back.areas[0].targets[0].measures[0].value == 98
    assert [d.text for d in back.appendix.items[0].deadlines()] == ["Tháng 01/2023", "Năm 2023"]
    assert back.opening.bases[0].documents[1].text().startswith(
        "Kế hoạch số 264/KH-UBND ngày 30 tháng 12 năm 2022 của Ủy ban nhân dân huyện Phú Lộc")


def test_dump_plan_refuses_to_overwrite(plan: Plan, tmp_path: Path) -> None:
    out = tmp_path / "ra"
    out.mkdir()
    target = out / "ke-hoach.yaml"
    target.write_text("# bản của người dùng\n", encoding="utf-8")
    with pytest.raises(FileExistsError) as info:
        dump_plan(plan, target)
    assert str(info.value) == f"{target} đã có"  # the library names the file; "--force" is the command's advice
    assert target.read_text(encoding="utf-8") == "# bản của người dùng\n"
    assert sorted(p.name for p in out.iterdir()) == ["ke-hoach.yaml"]  # no temporary left
    dump_plan(plan, target, force=True)
    assert load_plan(target) == plan
    assert sorted(p.name for p in out.iterdir()) == ["ke-hoach.yaml"]


def test_dump_plan_json_by_extension(plan: Plan, tmp_path: Path) -> None:
    path = dump_plan(plan, tmp_path / "sub" / "ke-hoach.json")
    assert path == tmp_path / "sub" / "ke-hoach.json"
    assert json.loads(path.read_text(encoding="utf-8"))["year"] == 2023
    assert load_plan(path) == plan


# --------------------------------------------------------------------------- hypothesis


def _with_measures(plan: Plan, measures: list[Measure]) -> Plan:
    # A sentence without a number: any measures agree with it (a number would be compared).
    target = Target(text="Tỷ lệ hồ sơ giải quyết đúng hạn theo các số đo dưới đây.", measures=measures)
    area = attrs.evolve(plan.areas[0], targets=(target,))
    return attrs.evolve(plan, areas=(area,))


_BASE = plan_from_data(minimal_plan())

values = st.decimals(min_value=0, max_value=100, places=6, allow_nan=False, allow_infinity=False) | \
    st.builds(lambda n, k: Decimal(n).scaleb(-k), st.integers(0, 100), st.integers(0, 6)).filter(
        lambda d: d <= 100)


@st.composite
def measure_lists(draw: st.DrawFn) -> list[Measure]:
    out = []
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        comparator = draw(st.sampled_from(list(Comparator)))
        value = None if comparator.against_previous else draw(values)
        out.append(Measure(metric="Tỷ lệ hồ sơ", comparator=comparator, value=value,
                           scope=draw(st.none() | st.just("trong từng lĩnh vực"))))
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(measure_lists())
@example([Measure(metric="Tỷ lệ", comparator=Comparator.MORE_THAN, value=Decimal("98.000001"))])
@example([Measure(metric="Tỷ lệ", comparator=Comparator.AT_LEAST, value=Decimal("0.000001"))])
@example([Measure(metric="Tỷ lệ", comparator=Comparator.AT_LEAST, value=Decimal("99.999999"))])
@example([Measure(metric="Tỷ lệ", comparator=Comparator.EXACTLY, value=Decimal("100.000000"))])
@example([Measure(metric="Tỷ lệ", comparator=Comparator.AT_MOST, value=Decimal("0E-6"))])
@example([Measure(metric="Tỷ lệ", comparator=Comparator.AT_LEAST, value=Decimal("33.333333"))])
def test_measures_round_trip_losslessly(measures: list[Measure]) -> None:
    plan = _with_measures(_BASE, measures)
    with tempfile.TemporaryDirectory() as folder:
        for name in ("ke-hoach.yaml", "ke-hoach.json"):
            back = load_plan(dump_plan(plan, Path(folder) / name))
            assert back == plan, name
            got = back.areas[0].targets[0].measures
            assert [m.comparator for m in got] == [m.comparator for m in measures]
            for m, original in zip(got, measures, strict=True):
                assert m.value == original.value  # the exact decimal, not a float's neighbour
                assert (m.value is None) == (original.value is None)


def _valid(cls: type, **fields: object) -> object | None:
    try:
        return cls(**fields)
    except InvalidModel:
        return None


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1, max_size=40), st.text(min_size=1, max_size=40))
@example("Tỷ lệ: 98%", "- Kế hoạch\n- Báo cáo")
@example("'2023'", "a\n\n  b  \n")
@example("yes", "- Triển khai nền tảng;\n- Số hóa dữ liệu.")
@example("# không phải ghi chú", "dòng một\r\ndòng hai")
def test_any_valid_text_round_trips(single: str, multi: str) -> None:
    target = _valid(Target, text=single)
    item0 = _BASE.appendix.groups[0].items[0]
    item = _valid(AppendixItem, number=1, content=multi, outputs=item0.outputs, lead=item0.lead)
    if target is None or item is None:
        return  # text the model refuses (empty, control characters, …)
    assert isinstance(target, Target) and isinstance(item, AppendixItem)
    assert unicodedata.is_normalized("NFC", target.text)
    group = attrs.evolve(_BASE.appendix.groups[0], items=(item, _BASE.appendix.groups[0].items[1]))
    plan = attrs.evolve(_BASE, areas=(attrs.evolve(_BASE.areas[0], targets=(target,)),),
                        appendix=attrs.evolve(_BASE.appendix, groups=(group,)))
    with tempfile.TemporaryDirectory() as folder:
        for name in ("ke-hoach.yaml", "ke-hoach.json"):
            back = load_plan(dump_plan(plan, Path(folder) / name))
            assert back.areas[0].targets[0].text == target.text, name
            assert back.appendix.items[0].content == item.content, name
            assert back == plan
