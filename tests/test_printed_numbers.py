"""One number, one print: a rate is printed once, by the rule of the targets judged on it, and reads
the same in the body, in Phụ lục I and III, in ``validate`` and in ``stats``; it never lies across a
threshold its exact value does not cross, and a threshold prints with the decimals it was given.

The documents are rendered and read back; expectations are written here by hand or computed with
this module's own arithmetic.
"""

from __future__ import annotations

import copy
import csv
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc_plan.cli import main
from cchc_plan.io import report_from_data
from cchc_plan.render import render

from conftest import ROOT
from docx_reading import DocxReader

EXAMPLES = ROOT / "examples" / "loc-binh-2023"
PLAN_DATA = yaml.safe_load((EXAMPLES / "ke-hoach.yaml").read_text(encoding="utf-8"))
D = Decimal


def _target(plan: dict[str, Any], key: str) -> dict[str, Any]:
    return next(t for a in plan["areas"] for t in a.get("targets", []) if t.get("key") == key)


def _plan_with_thresholds() -> dict[str, Any]:
    """The seed plan, with its online-share target asking "tối thiểu 97,995%" (text and measure)."""
    plan = copy.deepcopy(PLAN_DATA)
    online = _target(plan, "dvc-truc-tuyen")
    online["text"] = online["text"].replace("đạt tối thiểu 50%", "đạt tối thiểu 97,995%")
    online["measures"][1]["value"] = "97.995"
    return plan


# 19.599 of 20.000 resolved early or on time: 97,995% — "98,00%" with two decimals, below "trên 98%".
FIELD = {"field": "Hộ tịch", "carried_over": 0, "online": 19_599, "in_person": 401, "post": 0,
         "early": 19_000, "on_time": 599, "late": 401, "pending_in_time": 0, "pending_overdue": 0,
         "returned": 0, "apologies": 401}


def _report(plan_file: str = "ke-hoach.yaml") -> dict[str, Any]:
    return {
        "plan": plan_file, "number": "98/BC-UBND", "date": "15/12/2023",
        "period": {"kind": "year", "year": 2023},
        "targets": [{"target": "ho-so-dung-han", "measure": 1, "from_figures": "lowest_on_time_rate"},
                    {"target": "dvc-truc-tuyen", "measure": 2, "from_figures": "online_share"}],
        "one_stop": {"fields": [FIELD]},
        "recipients": ["Phòng Nội vụ huyện"],
        "signer": {"authority": "TM", "on_behalf_of": "ỦY BAN NHÂN DÂN", "position": "CHỦ TỊCH",
                   "name": "Dương Quang Hùng"},
    }


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    here = tmp_path_factory.mktemp("printed")
    (here / "ke-hoach.yaml").write_text(yaml.safe_dump(_plan_with_thresholds(), allow_unicode=True),
                                        encoding="utf-8")
    (here / "bao-cao.yaml").write_text(yaml.safe_dump(_report(), allow_unicode=True), encoding="utf-8")
    return here


@pytest.fixture(scope="module")
def doc(folder: Path) -> DocxReader:
    out = render(folder / "bao-cao.yaml", folder / "bao-cao.docx")
    return DocxReader(out)


def _row_of(doc: DocxReader, metric: str) -> list[str]:
    for table in doc.tables:
        for row in table.rows:
            if len(row.texts) > 1 and row.texts[1].startswith(metric):
                return row.texts
    raise AssertionError(f"no row for {metric}")


def test_the_97_995_report_prints_one_text_everywhere(doc: DocxReader) -> None:
    text = "\n".join(p.text for p in doc.paragraphs())
    cells = [c for t in doc.tables for r in t.rows for c in r.texts]
    # the body
    assert "tỷ lệ giải quyết đúng hạn 97,995%" in text
    assert "tỷ lệ tiếp nhận trực tuyến 97,995%" in text
    # Phụ lục I: the value, its verdict, and the threshold with the decimals it was given
    on_time = _row_of(doc, "Tỷ lệ hồ sơ giải quyết đúng hạn")
    assert on_time[2:] == ["Trên 98% (trong từng lĩnh vực)", "97,995%", "Không đạt"]
    online = _row_of(doc, "Tỷ lệ hồ sơ giải quyết trực tuyến")
    assert online[2:] == ["Tối thiểu 97,995%", "97,995%", "Đạt"]
    # Phụ lục III: the field row and the total row
    rows = [r.texts for t in doc.tables for r in t.rows if r.texts and r.texts[-1].endswith("%")
            and len(r.texts) > 10]
    assert [r[-1] for r in rows] == ["97,995%", "97,995%"]
    # nowhere the rounded text that crosses the threshold
    assert not any("98,00" in c for c in cells) and "98,00" not in text


def test_validate_prints_the_same_rate(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(folder / "bao-cao.yaml")]) == 0
    out = capsys.readouterr().out
    assert "đúng hạn 97,995%" in out and "98,00" not in out


def test_stats_with_the_plan_prints_the_same_rate(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dossiers = folder / "ho-so.csv"
    with dossiers.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(["Mã hồ sơ", "Lĩnh vực", "Thủ tục", "Ngày tiếp nhận", "Ngày hẹn trả", "Ngày trả kết quả",
                      "Kênh nộp", "Trạng thái"])
        for i in range(20_000):
            finished = "10/03/2023" if i < 19_000 else "15/03/2023" if i < 19_599 else "20/03/2023"
            out.writerow([f"H{i}", "Hộ tịch", "Khai sinh", "01/03/2023", "15/03/2023", finished,
                          "Trực tuyến" if i < 19_599 else "Trực tiếp", "Đã giải quyết"])
    window = ["--from", "15/12/2022", "--to", "14/12/2023"]
    assert main(["stats", str(dossiers), *window, "--plan", str(folder / "ke-hoach.yaml")]) == 0
    with_plan = capsys.readouterr().out
    total = next(line for line in with_plan.splitlines() if line.startswith("Tổng cộng")).split()
    assert total[-2:] == ["97,995%", "97,995%"]
    # without the plan, the offices' two decimals
    assert main(["stats", str(dossiers), *window]) == 0
    plain = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("Tổng cộng"))
    assert plain.split()[-2:] == ["98,00%", "98,00%"]


# --------------------------------------------------------------------------- comparisons


def test_change_against_the_previous_period_is_decided_on_exact_values(tmp_path: Path) -> None:
    (tmp_path / "ke-hoach.yaml").write_text(yaml.safe_dump(PLAN_DATA, allow_unicode=True), encoding="utf-8")
    data = _report()
    # previous 97,9951%: the rate is lower by 0,0001 point — not "bằng kỳ trước"
    data["one_stop"]["previous"] = {"on_time_rate": "97.9951", "online_share": "97.995"}
    report = report_from_data(data, tmp_path)
    out = render(report, tmp_path / "r.docx")
    text = "\n".join(p.text for p in DocxReader(out).paragraphs())
    assert "tỷ lệ giải quyết đúng hạn 97,995% (giảm 0,0001 điểm phần trăm so với kỳ trước)" in text
    assert "tỷ lệ tiếp nhận trực tuyến 97,995% (bằng kỳ trước)" in text


# --------------------------------------------------------------------------- any counts, any threshold


def _parse(text: str) -> Decimal:
    m = re.fullmatch(r"(?:[^\d]*?)(\d[\d.]*(?:,\d+)?)%.*", text)
    assert m, text
    return D(m.group(1).replace(".", "").replace(",", "."))


_HOLDS = {"more_than": lambda a, b: a > b, "at_least": lambda a, b: a >= b,
          "at_most": lambda a, b: a <= b, "less_than": lambda a, b: a < b}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(early=st.integers(0, 5000), on_time=st.integers(0, 5000), late=st.integers(0, 300),
       threshold=st.decimals(min_value=D("0.001"), max_value=D("99.999"), places=3),
       comparator=st.sampled_from(sorted(_HOLDS)))
def test_every_printed_rate_agrees_with_its_verdict(tmp_path: Path, early: int, on_time: int, late: int,
                                                    threshold: Decimal, comparator: str) -> None:
    if early + on_time + late == 0:
        late = 1
    plan = copy.deepcopy(PLAN_DATA)
    target = _target(plan, "ho-so-dung-han")
    target["measures"][0].update(comparator=comparator, value=str(threshold))
    target["text"] = "Tỷ lệ hồ sơ giải quyết đúng hạn theo số đo của kế hoạch; giảm hồ sơ trễ hạn."
    plan_file = tmp_path / "ke-hoach.yaml"
    if not plan_file.exists():
        plan_file.write_text("", encoding="utf-8")
    plan_file.write_text(yaml.safe_dump(plan, allow_unicode=True), encoding="utf-8")
    data = _report()
    data["targets"] = data["targets"][:1]
    field = dict(FIELD, early=early, on_time=on_time, late=late, online=early + on_time + late, in_person=0,
                 apologies=0)
    data["one_stop"] = {"fields": [field]}
    report = report_from_data(data, tmp_path)
    outcome = next(o for o in report.outcomes() if o.target.key == "ho-so-dung-han" and o.result)
    exact = D(early + on_time) * 100 / D(early + on_time + late)
    assert outcome.met is _HOLDS[comparator](exact, threshold)
    printed = _parse(outcome.reached_text)
    printed_threshold = _parse(outcome.measure.requirement())
    assert printed_threshold == threshold, "the threshold as it was given"
    assert _HOLDS[comparator](printed, printed_threshold) is outcome.met, (outcome.reached_text, threshold)
    # never across 0 or 100 either
    assert (printed == 100) is (exact == 100) and (printed == 0) is (exact == 0)
    # the body and Phụ lục III print that same text
    from cchc_plan.layout.report import figures_summary

    summary = figures_summary(report.one_stop, report.rate_thresholds)  # type: ignore[arg-type]
    assert f"tỷ lệ giải quyết đúng hạn {outcome.reached_text}." in summary
    assert report.rate_text(report.one_stop.total.on_time_rate) == outcome.reached_text  # type: ignore[union-attr]


@settings(max_examples=200, deadline=None)
@given(now=st.decimals(min_value=0, max_value=100, places=4), before=st.decimals(min_value=0, max_value=100, places=4),
       unit=st.sampled_from(["points", "percent"]))
def test_the_change_is_worded_from_the_exact_difference(now: Decimal, before: Decimal, unit: str) -> None:
    from cchc_plan.vnformat import change

    text = change(now, before, unit=unit, since="năm 2022")
    if now == before:
        assert text == "bằng năm 2022"
        return
    m = re.fullmatch(r"(tăng|giảm) (\d+(?:,\d+)?)(?: điểm phần trăm|%) so với năm 2022", text)
    assert m, text
    assert (m.group(1) == "tăng") is (now > before)
    shown = D(m.group(2).replace(",", "."))
    assert shown > 0, "a difference is never printed as 0"
    assert abs(shown - abs(now - before)) <= D("0.005")  # two decimals, half to even
    # and a measure "tăng so với kỳ trước" judged met is never printed next to "bằng kỳ trước"
    from cchc_plan.model.plan import Comparator

    assert Comparator.INCREASE.holds(now, before) is (m.group(1) == "tăng")
