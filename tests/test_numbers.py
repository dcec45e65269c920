"""One rule for the decimal comma in every numeric field: plan, report, style profile, units table.

``98,5`` (as a Vietnamese writes it; YAML reads it as text) means the same as ``98.5`` everywhere;
``97,5%`` and ``87.582`` are refused with a hint saying how to write them.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import EXAMPLE, ROOT, minimal_plan, write_yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc_plan.cli import main
from cchc_plan.io import load_plan, load_report
from cchc_plan.render import load_profile

REPORT = ROOT / "examples" / "loc-binh-2023" / "bao-cao-quy-1.yaml"
_SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

tenths = st.decimals(min_value=Decimal("0.1"), max_value=Decimal("99.9"), places=1)


def comma(value: Decimal) -> str:
    return format(value, "f").replace(".", ",")


@_SETTINGS
@given(value=tenths)
def test_a_plan_value_with_a_decimal_comma_is_that_number(tmp_path: Path, value: Decimal) -> None:
    data = minimal_plan()
    data["areas"][0]["targets"][0]["measures"][0]["value"] = comma(value)
    # the sentence says the same number, written with its comma
    data["areas"][0]["targets"][0]["text"] = f"Tỷ lệ hồ sơ giải quyết đúng hạn đạt trên {comma(value)}%."
    plan = load_plan(write_yaml(tmp_path / "k.yaml", data))
    assert plan.areas[0].targets[0].measures[0].value == value


@pytest.fixture
def report_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    shutil.copytree(REPORT.parent, folder)
    return folder / REPORT.name


@_SETTINGS
@given(value=tenths)
def test_a_report_value_with_a_decimal_comma_is_that_number(report_copy: Path, value: Decimal) -> None:
    text = REPORT.read_text(encoding="utf-8").replace("reached: 97.5,", f'reached: "{comma(value)}",')
    report_copy.write_text(text, encoding="utf-8")
    report = load_report(report_copy)
    assert Decimal(str(report.targets[6].reached)) == value


@_SETTINGS
@given(value=st.decimals(min_value=1, max_value=Decimal("1.5"), places=2))
def test_a_profile_value_with_a_decimal_comma_is_that_number(tmp_path: Path, value: Decimal) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(f"line_spacing: {comma(value)}\n", encoding="utf-8")
    assert Decimal(str(load_profile(path).line_spacing)) == value


def test_the_same_rule_and_hint_through_the_commands(tmp_path: Path, report_copy: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text("line_spacing: 1,3\n", encoding="utf-8")
    out = tmp_path / "k.docx"
    assert main(["render", str(EXAMPLE), "-o", str(out), "--profile", str(profile)]) == 0
    capsys.readouterr()

    plan = tmp_path / "k.yaml"
    plan.write_text(EXAMPLE.read_text(encoding="utf-8").replace("value: 98\n", "value: 98,5%\n", 1), encoding="utf-8")
    report_copy.write_text(REPORT.read_text(encoding="utf-8").replace("reached: 97.5,", 'reached: "97,5%",'),
                           encoding="utf-8")
    profile.write_text("line_spacing: 1,3%\n", encoding="utf-8")
    hints = {}
    for name, args in (("plan", ["validate", str(plan)]), ("report", ["validate", str(report_copy)]),
                       ("profile", ["render", str(EXAMPLE), "-o", str(tmp_path / "x.docx"), "--profile",
                                    str(profile)])):
        assert main(args) == 1, name
        err = capsys.readouterr().err
        assert "Traceback" not in err
        hints[name] = err.strip().splitlines()[-1].split(": ", 2)[-1]
    assert hints["plan"].endswith("viết số không kèm dấu %: 98,5"), hints
    assert hints["report"].endswith("viết số không kèm dấu %: 97,5"), hints
    assert hints["profile"].endswith("viết số không kèm dấu %: 1,3"), hints
    assert not (tmp_path / "x.docx").exists()


def test_thousands_separators_are_refused_with_a_hint(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = minimal_plan()
    data["areas"][0]["targets"][0]["measures"][0]["value"] = "1.234,5"
    data["appendix"]["groups"][0]["items"][0]["number"] = 1.234  # YAML: number: 1.234
    assert main(["validate", str(write_yaml(tmp_path / "k.yaml", data))]) == 1
    err = capsys.readouterr().err
    assert "không dùng dấu phân cách hàng nghìn: viết 1234,5" in err
    assert "phải là số nguyên, không phải số; không dùng dấu chấm phân cách hàng nghìn: viết 1234" in err
