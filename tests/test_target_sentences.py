"""A target's sentence and its measures say the same thing: the numbers and comparators written in
the sentence are read (the Vietnamese way) and compared with the measures; a disagreement is
refused naming both; a target may leave its sentence to be written from its measures.
"""

from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from cchc_plan.cli import main
from cchc_plan.model.plan import Comparator, Measure, Target
from cchc_plan.model.sentence import mentions
from cchc_plan.problems import InvalidModel
from cchc_plan.render import render

from conftest import ROOT
from docx_reading import DocxReader

PLAN = ROOT / "examples" / "loc-binh-2023" / "ke-hoach.yaml"
D = Decimal


def measure(comparator: str, value: str | None = None, **kw: Any) -> Measure:
    return Measure(metric="Tỷ lệ hồ sơ giải quyết đúng hạn", comparator=Comparator(comparator),
                   value=None if value is None else D(value), **kw)


def refused(text: str, *measures: Measure) -> list[tuple[str, str]]:
    with pytest.raises(InvalidModel) as e:
        Target(text=text, measures=measures)
    return [(p.path, p.rule) for p in e.value.problems]


@pytest.mark.parametrize(("text", "expected"), [
    ("Tỷ lệ hồ sơ giải quyết đúng hạn đạt trên 98% trong từng lĩnh vực.", [("trên 98%", D(98), "more_than")]),
    ("đạt tỷ lệ tối thiểu là 55%.", [("tối thiểu 55%", D(55), "at_least")]),
    ("Phấn đấu đạt từ 35% hồ sơ", [("từ 35%", D(35), "at_least")]),
    ("không thấp hơn 98,5% hồ sơ", [("không thấp hơn 98,5%", D("98.5"), "at_least")]),
    ("ít nhất 97,25%", [("ít nhất 97,25%", D("97.25"), "at_least")]),
    ("Đảm bảo 100% văn bản; tối đa 2% trễ hạn", [("100%", D(100), None), ("tối đa 2%", D(2), "at_most")]),
    ("Giảm 10% số hồ sơ trễ hạn", [("Giảm 10%", D(10), "decrease")]),
    ("đạt từ 90% đến 95%", [("từ 90%", D(90), "at_least"), ("đến 95%", D(95), "at_most")]),
])
def test_percentages_and_their_comparators_are_read(text: str, expected: list[tuple[str, Decimal, str]]) -> None:
    assert [(m.text, m.value, m.comparator) for m in mentions(text)] == expected


def test_a_sentence_promising_98_with_a_measure_of_90_is_refused_naming_both() -> None:
    problems = refused("Tỷ lệ hồ sơ giải quyết đúng hạn tối thiểu 98%.", measure("at_least", "90"))
    assert problems == [("measures[0].value",
                         'câu chỉ tiêu ghi "tối thiểu 98%", nhưng số đo là "Tối thiểu 90%"')]


def test_a_comparator_that_disagrees_is_refused() -> None:
    problems = refused("Tỷ lệ hồ sơ giải quyết đúng hạn đạt trên 98%.", measure("at_least", "98"))
    assert problems == [("measures[0].comparator", 'câu chỉ tiêu ghi "trên 98%", nhưng số đo là "Tối thiểu 98%"')]


def test_a_decimal_threshold_is_read_with_its_comma() -> None:
    Target(text="Tỷ lệ … không thấp hơn 98,5%.", measures=(measure("at_least", "98.5"),))
    assert refused("Tỷ lệ … không thấp hơn 98,5%.", measure("at_least", "98"))[0][0] == "measures[0].value"


def test_a_direction_that_contradicts_the_sentence_is_refused() -> None:
    Target(text="Giảm tỷ lệ hồ sơ trễ hạn.", measures=(measure("decrease"),))
    Target(text="Duy trì tỷ lệ hồ sơ đúng hạn.", measures=(measure("decrease"),))  # silent: not compared
    problems = refused("Tăng tỷ lệ hồ sơ trễ hạn.", measure("decrease"))
    assert problems == [("measures[0]", 'câu chỉ tiêu nói "tăng", nhưng số đo là "Giảm so với kỳ trước"')]


def test_a_sentence_without_numbers_is_not_compared() -> None:
    Target(text="Nâng cao chất lượng giải quyết hồ sơ.", measures=(measure("more_than", "98"),))


def test_the_bundled_plans_agree_with_their_sentences(capsys: pytest.CaptureFixture[str]) -> None:
    for plan in ("examples/loc-binh-2023/ke-hoach.yaml", "examples/mau-xa-2027/ke-hoach.yaml"):
        assert main(["validate", str(ROOT / plan)]) == 0
    assert capsys.readouterr().out.count("hợp lệ") == 2


def _plan_data() -> dict[str, Any]:
    return yaml.safe_load(PLAN.read_text(encoding="utf-8"))


def _target(data: dict[str, Any], key: str) -> dict[str, Any]:
    return next(t for a in data["areas"] for t in a.get("targets", []) if t.get("key") == key)


def test_validate_refuses_the_plan_naming_both(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = _plan_data()
    _target(data, "ho-so-dung-han")["measures"][0]["value"] = 90
    path = tmp_path / "ke-hoach.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert 'câu chỉ tiêu ghi "trên 98%", nhưng số đo là "Trên 90% (trong từng lĩnh vực)"' in err
    assert "measures[0].value" in err and "Traceback" not in err


def test_a_target_without_text_gets_its_sentence_from_its_measures(tmp_path: Path) -> None:
    data = copy.deepcopy(_plan_data())
    target = _target(data, "ho-so-dung-han")
    del target["text"]
    path = tmp_path / "ke-hoach.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    text = [p.text for p in DocxReader(render(path, tmp_path / "kh.docx")).paragraphs()]
    assert ("- Tỷ lệ hồ sơ giải quyết đúng hạn đạt trên 98% trong từng lĩnh vực; Tỷ lệ giải quyết hồ sơ TTHC "
            "trễ hạn giảm so với kỳ trước lĩnh vực đất đai liên thông cấp huyện.") in text



def test_disagreements_and_mismatches_have_codes_of_their_own() -> None:
    from cchc_plan.model.figures import FieldFigures, OneStopFigures

    with pytest.raises(InvalidModel) as e:
        Target(text="Tỷ lệ … tối thiểu 98%.", measures=(measure("at_least", "90"),))
    assert [p.code for p in e.value.problems] == ["target.sentence"]
    with pytest.raises(InvalidModel) as e:
        OneStopFigures(fields=[FieldFigures(field="Hộ tịch", resolved_total=10, early=5, on_time=3, late=1)])
    assert [p.code for p in e.value.problems] == ["figures.mismatch"]
