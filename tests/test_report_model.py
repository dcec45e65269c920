"""The periodic report's model: periods and their data windows, target verdicts at the
comparators' boundaries, figures read from the one-stop table, overdue and late outputs,
references into the plan, and the one-stop figures' consistency rules and rates.

Reports are built from plain data with :func:`cchc_plan.io.report_from_data` on a small
plan made here, with the dates and numbers chosen for each boundary.
"""

from __future__ import annotations

import datetime as dt
from itertools import pairwise
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_plan.model.figures import FieldFigures, OneStopFigures, PreviousRates
from cchc_plan.io import report_from_data
from cchc_plan.problems import InputError, InvalidModel, Problem
from cchc_plan.model.report import (
    FigureRate,
    OutputProgress,
    Period,
    PeriodKind,
    Report,
    TargetResult,
    TaskProgress,
    TaskStatus,
)

from conftest import minimal_plan

D = Decimal
SIGNER = minimal_plan()["signer"]


# --------------------------------------------------------------------------- builders


def plan_with(measures: list[dict[str, Any]] | None = None,
              items: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The minimal plan; with ``measures``, one target per measure; with ``items``, that appendix."""
    plan = minimal_plan()
    if measures is not None:
        plan["areas"][0]["targets"] = [
            {"text": f"Chỉ tiêu số {i} của kế hoạch.", "key": f"t{i}", "measures": [m]}
            for i, m in enumerate(measures, start=1)]
    if items is not None:
        plan["appendix"]["groups"][0]["items"] = items
    return plan


def report_data(plan: dict[str, Any] | None = None, **fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "plan": plan if plan is not None else minimal_plan(),
        "number": "15/BC-UBND",
        "date": "16/03/2023",
        "period": {"kind": "q1", "year": 2023},
        "addressees": ["Phòng Nội vụ huyện Phú Lộc"],
        "recipients": ["TT. Đảng ủy"],
        "signer": SIGNER,
    }
    data.update(fields)
    return data


def build(plan: dict[str, Any] | None = None, **fields: Any) -> Report:
    return report_from_data(report_data(plan, **fields))


def refused(plan: dict[str, Any] | None = None, **fields: Any) -> dict[str, Problem]:
    """Path → problem of every problem the report is refused for."""
    with pytest.raises(InputError) as e:
        build(plan, **fields)
    return {p.path: p for p in e.value.problems}


def item(number: int, *deadlines: str) -> dict[str, Any]:
    return {"number": number, "content": f"Nhiệm vụ số {number}",
            "outputs": [{"text": f"Sản phẩm {i}", "deadline": d} for i, d in enumerate(deadlines, 1)],
            "lead": ["van-phong"]}


ZERO = dict.fromkeys(("carried_over", "online", "in_person", "post", "early", "on_time", "late",
                      "pending_in_time", "pending_overdue", "returned", "apologies"), 0)


def one_field(**counts: int) -> dict[str, Any]:
    """A field whose counts not named are stated as 0 (an absent count is not zero)."""
    return {"fields": [{"field": "Chứng thực", **ZERO, **counts}]}


# --------------------------------------------------------------------------- periods


@pytest.mark.parametrize(("kind", "start", "end"), [
    (PeriodKind.Q1, dt.date(2022, 12, 15), dt.date(2023, 3, 14)),
    (PeriodKind.HALF_YEAR, dt.date(2022, 12, 15), dt.date(2023, 6, 14)),
    (PeriodKind.Q3, dt.date(2023, 6, 15), dt.date(2023, 9, 14)),
    (PeriodKind.NINE_MONTHS, dt.date(2022, 12, 15), dt.date(2023, 9, 14)),
    (PeriodKind.YEAR, dt.date(2022, 12, 15), dt.date(2023, 12, 14)),
])
def test_standard_windows(kind: PeriodKind, start: dt.date, end: dt.date) -> None:
    assert Period(kind=kind, year=2023).window == (start, end)


def test_windows_move_with_the_year() -> None:
    assert Period(kind=PeriodKind.Q1, year=2024).window == (dt.date(2023, 12, 15), dt.date(2024, 3, 14))
    assert Period(kind=PeriodKind.Q3, year=2024).window == (dt.date(2024, 6, 15), dt.date(2024, 9, 14))


@pytest.mark.parametrize(("kind", "phrase"), [
    (PeriodKind.Q1, "quý I năm 2023"),
    (PeriodKind.HALF_YEAR, "6 tháng đầu năm 2023"),
    (PeriodKind.Q3, "quý III năm 2023"),
    (PeriodKind.NINE_MONTHS, "9 tháng đầu năm 2023"),
    (PeriodKind.YEAR, "năm 2023"),
])
def test_phrases(kind: PeriodKind, phrase: str) -> None:
    assert Period(kind=kind, year=2023).phrase == phrase


def test_custom_period_uses_its_own_window_and_label() -> None:
    p = Period(kind=PeriodKind.CUSTOM, year=2023, start=dt.date(2023, 10, 1), end=dt.date(2023, 10, 31),
               label="tháng 10 năm 2023")
    assert p.window == (dt.date(2023, 10, 1), dt.date(2023, 10, 31))
    assert p.phrase == "tháng 10 năm 2023"
    unnamed = Period(kind=PeriodKind.CUSTOM, year=2023, start=dt.date(2023, 10, 1), end=dt.date(2023, 10, 31))
    assert unnamed.phrase == "từ ngày 01/10/2023 đến ngày 31/10/2023"


@pytest.mark.parametrize(("start", "end"), [
    (None, None), (dt.date(2023, 1, 1), None), (None, dt.date(2023, 1, 31))])
def test_custom_period_needs_start_and_end(start: dt.date | None, end: dt.date | None) -> None:
    with pytest.raises(InvalidModel) as e:
        Period(kind=PeriodKind.CUSTOM, year=2023, start=start, end=end)
    assert [p.path for p in e.value.problems] == ["start"]
    assert "start" in e.value.problems[0].rule and "end" in e.value.problems[0].rule


def test_end_before_start_is_refused() -> None:
    with pytest.raises(InvalidModel) as e:
        Period(kind=PeriodKind.CUSTOM, year=2023, start=dt.date(2023, 2, 10), end=dt.date(2023, 2, 9))
    assert [p.path for p in e.value.problems] == ["end"]
    # a one-day window is fine
    one_day = Period(kind=PeriodKind.CUSTOM, year=2023, start=dt.date(2023, 2, 10), end=dt.date(2023, 2, 10))
    assert one_day.window == (dt.date(2023, 2, 10), dt.date(2023, 2, 10))


def test_an_override_of_a_standard_window_cannot_end_before_it_starts() -> None:
    with pytest.raises(InvalidModel) as e:
        Period(kind=PeriodKind.Q1, year=2023, end=dt.date(2022, 12, 14))
    assert [p.path for p in e.value.problems] == ["end"]


def test_period_errors_in_a_file_carry_the_period_prefix() -> None:
    problems = refused(period={"kind": "custom", "year": 2023, "start": "10/01/2023", "end": "09/01/2023"})
    assert set(problems) == {"period.end"}


def test_default_subject_names_the_period() -> None:
    report = build()
    assert report.title_subject == "Kết quả thực hiện công tác cải cách hành chính quý I năm 2023"
    half = build(period={"kind": "half_year", "year": 2023}, date="20/06/2023")
    assert half.title_subject == "Kết quả thực hiện công tác cải cách hành chính 6 tháng đầu năm 2023"
    own = build(subject="Kết quả CCHC quý I")
    assert own.title_subject == "Kết quả CCHC quý I"


# --------------------------------------------------------------------------- comparators


def judged(comparator: str, value: Any, reached: Decimal | None, previous: Decimal | None = None,
           unit: str = "%") -> tuple[bool | None, str]:
    measure: dict[str, Any] = {"metric": "Tỷ lệ đo được", "comparator": comparator, "unit": unit}
    if value is not None:
        measure["value"] = value
    result: dict[str, Any] = {"target": "t1"}
    if reached is not None:
        result["reached"] = reached
    if previous is not None:
        result["previous"] = previous
    report = build(plan_with([measure]), targets=[result])
    (outcome,) = report.outcomes()
    return outcome.met, outcome.verdict


@pytest.mark.parametrize(("comparator", "value", "reached", "met"), [
    ("more_than", 98, D("98"), False),          # 98,0% does not meet "trên 98%"
    ("more_than", 98, D("98.01"), True),
    ("more_than", 98, D("97.99"), False),
    ("at_least", 50, D("50"), True),            # "tối thiểu 50%"
    ("at_least", 50, D("49.99"), False),
    ("at_least", 100, D("100"), True),
    ("exactly", 100, D("100"), True),
    ("exactly", 100, D("99.99"), False),
    ("at_most", 5, D("5"), True),
    ("at_most", 5, D("5.01"), False),
    ("less_than", 5, D("5"), False),
    ("less_than", 5, D("4.99"), True),
])
def test_numeric_comparators_at_their_boundary(comparator: str, value: int, reached: Decimal,
                                               met: bool) -> None:
    assert judged(comparator, value, reached) == (met, "Đạt" if met else "Không đạt")


@pytest.mark.parametrize(("comparator", "reached", "previous", "met"), [
    ("decrease", D("6.25"), D("7.5"), True),
    ("decrease", D("7.5"), D("7.5"), False),     # the same as before is no decrease
    ("decrease", D("7.51"), D("7.5"), False),
    ("increase", D("45.56"), D("45.55"), True),
    ("increase", D("45.55"), D("45.55"), False),
    ("increase", D("41"), D("45.55"), False),
])
def test_decrease_and_increase_are_judged_against_the_previous_value(
        comparator: str, reached: Decimal, previous: Decimal, met: bool) -> None:
    assert judged(comparator, None, reached, previous) == (met, "Đạt" if met else "Không đạt")


def test_a_count_measure_is_judged_the_same_way() -> None:
    assert judged("at_most", 3, D("3"), unit="hồ sơ") == (True, "Đạt")
    assert judged("at_most", 3, D("4"), unit="hồ sơ") == (False, "Không đạt")


def test_not_measured_is_not_the_same_as_not_met() -> None:
    report = build(targets=[{"target": "t1", "reached": D("97")}])
    missed, unmeasured = report.outcomes()
    assert (missed.met, missed.verdict) == (False, "Không đạt")
    assert unmeasured.result is None
    assert (unmeasured.met, unmeasured.verdict) == (None, "Chưa có số liệu")


def test_a_result_without_a_value_is_not_measured() -> None:
    report = build(targets=[{"target": "t2", "evidence": "Chưa tổ chức khảo sát"}])
    outcome = report.outcomes()[1]
    assert outcome.result is not None
    assert (outcome.met, outcome.verdict) == (None, "Chưa có số liệu")


def test_a_decrease_target_with_a_value_but_no_previous_is_refused() -> None:
    plan = plan_with([{"metric": "Tỷ lệ trễ hạn", "comparator": "decrease"}])
    problems = refused(plan, targets=[{"target": "t1", "reached": D("6.25")}])
    assert set(problems) == {"targets[0].previous"}
    # without a value it is just not measured
    report = build(plan, targets=[{"target": "t1", "previous": D("7.5")}])
    assert report.outcomes()[0].verdict == "Chưa có số liệu"


def test_a_decrease_read_from_the_figures_without_previous_says_so() -> None:
    plan = plan_with([{"metric": "Tỷ lệ trễ hạn", "comparator": "decrease"}])
    report = build(plan, targets=[{"target": "t1", "from_figures": "on_time_rate"}],
                   one_stop=one_field(online=10, early=9, late=1))
    outcome = report.outcomes()[0]
    assert outcome.met is None
    assert outcome.verdict == "Chưa có số liệu kỳ trước"


# --------------------------------------------------------------------------- from_figures


FIGURES = {
    "previous": {"on_time_rate": 98.85, "online_share": 41.2},
    "fields": [
        # on time 100%; online 60 of 100 new (the 50 carried over are not new)
        {**ZERO, "field": "Chứng thực", "carried_over": 50, "online": 60, "in_person": 40,
         "early": 140, "on_time": 10},
        # on time 90%: the lowest field
        {**ZERO, "field": "Đất đai", "online": 5, "in_person": 15, "early": 15, "on_time": 3, "late": 2},
        # nothing resolved: no rate, so not the lowest
        {**ZERO, "field": "Hộ tịch", "online": 1, "in_person": 3, "pending_in_time": 4},
    ],
}


def figures_plan() -> dict[str, Any]:
    return plan_with([
        {"metric": "Tỷ lệ đúng hạn (chung)", "comparator": "at_least", "value": 95},
        {"metric": "Tỷ lệ đúng hạn", "comparator": "more_than", "value": 98, "scope": "trong từng lĩnh vực"},
        {"metric": "Tỷ lệ trực tuyến", "comparator": "at_least", "value": 50},
    ])


def test_from_figures_reads_the_three_rates() -> None:
    report = build(figures_plan(), one_stop=FIGURES, targets=[
        {"target": "t1", "from_figures": "on_time_rate"},
        {"target": "t2", "from_figures": "lowest_on_time_rate"},
        {"target": "t3", "from_figures": "online_share"},
    ])
    total, lowest, online = report.outcomes()
    # (140 + 10 + 15 + 3) / (150 + 20) = 168 / 170
    assert total.result is not None and total.result.reached == D(168) * 100 / D(170)
    assert total.met is True
    # the lowest field, not the total: Đất đai 18/20
    assert lowest.result is not None and lowest.result.reached == D(90)
    assert (lowest.met, lowest.verdict) == (False, "Không đạt")
    # online / new: 66 / (100 + 20 + 4), carried-over dossiers left out
    assert online.result is not None and online.result.reached == D(66) * 100 / D(124)
    assert (online.met, online.verdict) == (True, "Đạt")
    assert total.result.evidence and "Phụ lục III" in total.result.evidence


def test_figure_rates_directly() -> None:
    figures = report_from_data(report_data(one_stop=FIGURES)).one_stop
    assert figures is not None
    assert FigureRate.ON_TIME_RATE.of(figures) == D(168) * 100 / D(170)
    assert FigureRate.LOWEST_ON_TIME_RATE.of(figures) == D(90)
    assert FigureRate.ONLINE_SHARE.of(figures) == D(66) * 100 / D(124)


def test_from_figures_with_nothing_resolved_is_not_measured() -> None:
    report = build(figures_plan(), one_stop=one_field(online=3, pending_in_time=3),
                   targets=[{"target": "t2", "from_figures": "lowest_on_time_rate"}])
    outcome = report.outcomes()[1]
    assert outcome.result is not None and outcome.result.reached is None
    assert outcome.verdict == "Chưa có số liệu"


def test_from_figures_and_reached_together_are_refused() -> None:
    with pytest.raises(InvalidModel) as e:
        TargetResult(target="t1", reached=D(99), from_figures=FigureRate.ON_TIME_RATE)
    assert [p.path for p in e.value.problems] == ["from_figures"]
    problems = refused(figures_plan(), one_stop=FIGURES,
                       targets=[{"target": "t1", "reached": 99, "from_figures": "on_time_rate"}])
    assert set(problems) == {"targets[0].from_figures"}


def test_from_figures_without_one_stop_figures_is_refused() -> None:
    problems = refused(figures_plan(), targets=[
        {"target": "t1", "reached": 99},
        {"target": "t3", "from_figures": "online_share"}])
    assert set(problems) == {"targets[1].from_figures"}
    assert "one_stop" in problems["targets[1].from_figures"].rule


# --------------------------------------------------------------------------- overdue and late


def progress_of(report: Report) -> dict[tuple[int, int], OutputProgress]:
    return {(p.item_number, p.output_index): p for p in report.progress()}


MARCH = {"kind": "custom", "year": 2023, "start": "01/03/2023", "end": "31/03/2023"}


def test_overdue_exactly_at_the_period_end() -> None:
    plan = plan_with(items=[
        item(1, "Trước 31/03/2023"),     # due on the window's last day
        item(2, "Trước 30/03/2023"),     # due the day before
        item(3, "Tháng 3/2023"),          # due 31/3 as well
        item(4, "Trước 01/04/2023"),     # due after the window
        item(5, "Thường xuyên"),          # never due
        item(6, "Trước 30/03/2023"),     # in progress, past due
    ])
    report = build(plan, period=MARCH, date="31/03/2023",
                   tasks=[{"item": 6, "status": "in_progress"}])
    p = progress_of(report)
    assert p[(1, 1)].due == dt.date(2023, 3, 31) == report.period.window[1]
    assert not p[(1, 1)].overdue
    assert p[(2, 1)].due == dt.date(2023, 3, 30)
    assert p[(2, 1)].overdue and p[(2, 1)].status is TaskStatus.NOT_STARTED
    assert not p[(3, 1)].overdue
    assert not p[(4, 1)].overdue
    assert p[(5, 1)].due is None and not p[(5, 1)].overdue
    assert p[(6, 1)].overdue and p[(6, 1)].status is TaskStatus.IN_PROGRESS
    assert not any(x.late for x in p.values())


def test_the_standard_q1_window_ends_on_14_march() -> None:
    plan = plan_with(items=[item(1, "Trước 14/03/2023"), item(2, "Trước 13/03/2023")])
    p = progress_of(build(plan))
    assert not p[(1, 1)].overdue
    assert p[(2, 1)].overdue


def test_done_is_never_overdue_and_late_when_finished_after_the_due_date() -> None:
    plan = plan_with(items=[item(1, "Trước 10/03/2023"), item(2, "Trước 10/03/2023"),
                            item(3, "Trước 10/03/2023"), item(4, "Trước 10/03/2023")])
    report = build(plan, period=MARCH, date="31/03/2023", tasks=[
        {"item": 1, "status": "done", "done_on": "09/03/2023"},
        {"item": 2, "status": "done", "done_on": "10/03/2023"},   # on the due date: not late
        {"item": 3, "status": "done", "done_on": "11/03/2023"},   # a day after: late
        {"item": 4, "status": "done"},                            # no date: cannot be late
    ])
    p = progress_of(report)
    assert [(p[(n, 1)].overdue, p[(n, 1)].late) for n in (1, 2, 3, 4)] == [
        (False, False), (False, False), (False, True), (False, False)]
    assert p[(3, 1)].done_on == dt.date(2023, 3, 11)


def test_a_done_date_after_the_period_is_refused() -> None:
    plan = plan_with(items=[item(1, "Trước 10/03/2023")])
    problems = refused(plan, period=MARCH, date="31/03/2023",
                       tasks=[{"item": 1, "status": "done", "done_on": "01/04/2023"}])
    assert set(problems) == {"tasks[0].done_on"}


def test_a_done_date_needs_status_done() -> None:
    with pytest.raises(InvalidModel) as e:
        TaskProgress(item=1, status=TaskStatus.IN_PROGRESS, done_on=dt.date(2023, 3, 1))
    assert [p.path for p in e.value.problems] == ["done_on"]


def test_per_output_progress_overrides_the_items() -> None:
    plan = plan_with(items=[item(1, "Trước 10/03/2023", "Trước 20/03/2023", "Năm 2023")])
    report = build(plan, period=MARCH, date="31/03/2023", tasks=[
        {"item": 1, "status": "in_progress", "evidence": "Đang triển khai"},
        {"item": 1, "output": 2, "status": "done", "done_on": "15/03/2023", "evidence": "Báo cáo số 3"},
    ])
    p = progress_of(report)
    assert p[(1, 1)].status is TaskStatus.IN_PROGRESS and p[(1, 1)].overdue
    assert p[(1, 1)].evidence == "Đang triển khai"
    assert p[(1, 2)].status is TaskStatus.DONE and not p[(1, 2)].overdue
    assert p[(1, 2)].evidence == "Báo cáo số 3" and p[(1, 2)].done_on == dt.date(2023, 3, 15)
    assert p[(1, 3)].status is TaskStatus.IN_PROGRESS and not p[(1, 3)].overdue


def test_an_output_without_deadline_takes_the_one_before_it() -> None:
    plan = plan_with(items=[{"number": 1, "content": "Nhiệm vụ", "lead": ["van-phong"],
                             "outputs": [{"text": "Kế hoạch", "deadline": "Trước 10/03/2023"},
                                         {"text": "Báo cáo"}]}])
    p = progress_of(build(plan, period=MARCH, date="31/03/2023"))
    assert p[(1, 2)].due == dt.date(2023, 3, 10) and p[(1, 2)].overdue


# --------------------------------------------------------------------------- references


@pytest.mark.parametrize(("fields", "path"), [
    ({"targets": [{"target": "khong-co", "reached": 99}]}, "targets[0].target"),
    ({"targets": [{"target": "t3", "reached": 99}]}, "targets[0].target"),
    ({"targets": [{"target": "t1", "measure": 2, "reached": 99}]}, "targets[0].measure"),
    ({"tasks": [{"item": 3, "status": "done"}]}, "tasks[0].item"),
    ({"tasks": [{"item": 1, "output": 3, "status": "done"}]}, "tasks[0].output"),
    ({"areas": [{"area": "institutions", "paragraphs": ["Đã làm."]}]}, "areas[0].area"),
])
def test_references_to_what_the_plan_does_not_have_are_refused(fields: dict[str, Any], path: str) -> None:
    problems = refused(**fields)
    assert set(problems) == {path}


def test_a_qualitative_target_has_no_measure_to_report() -> None:
    plan = minimal_plan()
    plan["areas"][0]["targets"].append({"text": "Nâng cao chất lượng phục vụ.", "key": "t3"})
    problems = refused(plan, targets=[{"target": "t3", "reached": 99}])
    assert set(problems) == {"targets[0].measure"}
    assert "định tính" in problems["targets[0].measure"].rule


@pytest.mark.parametrize(("fields", "path"), [
    ({"targets": [{"target": "t1", "reached": 99},
                  {"target": "t1", "measure": 1, "reached": 98}]}, "targets[1]"),
    ({"tasks": [{"item": 1, "status": "done"}, {"item": 1, "status": "in_progress"}]}, "tasks[1]"),
    ({"tasks": [{"item": 1, "output": 2, "status": "done"},
                {"item": 1, "output": 2, "status": "in_progress"}]}, "tasks[1]"),
    ({"areas": [{"area": "procedures", "paragraphs": ["Một."]},
                {"area": "procedures", "paragraphs": ["Hai."]}]}, "areas[1].area"),
])
def test_duplicate_results_are_refused(fields: dict[str, Any], path: str) -> None:
    problems = refused(**fields)
    assert set(problems) == {path}
    assert "hai lần" in problems[path].rule


def test_the_number_must_be_a_report_number() -> None:
    problems = refused(number="15/KH-UBND")
    assert set(problems) == {"number"}
    assert "BC" in problems["number"].rule


@pytest.mark.parametrize("recipients", [["Như trên"], ["Như trên;"], ["NHƯ TRÊN"],
                                        ["Phòng Nội vụ", "Lưu: VT, CCHC."], ["Lưu VT"]])
def test_as_above_and_archive_lines_do_not_belong_in_recipients(recipients: list[str]) -> None:
    problems = refused(recipients=recipients)
    index = len(recipients) - 1
    assert set(problems) == {f"recipients[{index}]"}


@pytest.mark.parametrize("recipients", [["- Như trên;"], ["Phòng Nội vụ", "- Lưu: VT, CCHC."]])
def test_as_above_and_archive_lines_typed_with_their_dash_are_refused_too(recipients: list[str]) -> None:
    problems = refused(recipients=recipients)
    assert set(problems) == {f"recipients[{len(recipients) - 1}]"}


def test_a_report_is_not_dated_before_its_period_and_is_of_the_plans_year() -> None:
    assert set(refused(date="14/12/2022")) == {"date"}
    assert set(refused(period={"kind": "q1", "year": 2024}, date="16/03/2024")) == {"period.year"}


# --------------------------------------------------------------------------- one-stop figures


def figures_problems(**counts: Any) -> dict[str, Problem]:
    """The problems of one field typed by the office (counts not named stated as 0), paths within the field."""
    with pytest.raises(InvalidModel) as e:
        OneStopFigures(fields=[FieldFigures(field="Đất đai", **{**ZERO, **counts})])
    return {p.path.removeprefix("fields[0]").removeprefix("."): p for p in e.value.problems}


def test_consistent_figures_are_accepted() -> None:
    f = FieldFigures(field="Đất đai", carried_over=9, online=12, in_person=40, post=1, early=25, on_time=20,
                     late=3, pending_in_time=10, pending_overdue=1, returned=3, apologies=3,
                     received_total=62, resolved_total=48)
    assert (f.new, f.received, f.resolved, f.pending) == (53, 62, 48, 11)


def test_received_must_equal_resolved_pending_and_returned() -> None:
    problems = figures_problems(online=10, early=5, on_time=2, pending_in_time=1, returned=1)  # 10 ≠ 9
    assert set(problems) == {""}
    rule = problems[""].rule
    assert "10" in rule and "9" in rule


def test_the_unbalanced_field_is_named_by_its_place_in_a_report() -> None:
    figures = {"fields": [{**ZERO, "field": "Chứng thực", "online": 2, "early": 2},
                          {**ZERO, "field": "Đất đai", "online": 10, "early": 9}]}
    problems = refused(one_stop=figures)
    assert set(problems) == {"one_stop.fields[1]"}


def test_a_stated_received_total_that_disagrees_is_refused() -> None:
    problems = figures_problems(carried_over=2, online=3, early=5, received_total=6)
    assert set(problems) == {"received_total"}
    assert problems["received_total"].value == 6


def test_a_stated_resolved_total_that_disagrees_is_refused() -> None:
    problems = figures_problems(online=5, early=3, on_time=1, late=1, resolved_total=4)
    assert set(problems) == {"resolved_total"}
    assert problems["resolved_total"].value == 4


def test_more_apologies_than_late_and_overdue_files_are_refused() -> None:
    assert FieldFigures(field="Đất đai", online=5, early=2, late=2, pending_overdue=1, apologies=3).apologies == 3
    problems = figures_problems(online=5, early=2, late=2, pending_overdue=1, apologies=4)
    assert set(problems) == {"apologies"}


@pytest.mark.parametrize("name", ["carried_over", "online", "in_person", "post", "early", "on_time", "late",
                                  "pending_in_time", "pending_overdue", "returned", "apologies"])
def test_negative_counts_are_refused_by_name(name: str) -> None:
    problems = figures_problems(**{name: -1})
    assert set(problems) == {name}
    assert problems[name].value == -1


def test_duplicate_fields_are_refused() -> None:
    with pytest.raises(InvalidModel) as e:
        OneStopFigures(fields=[FieldFigures(field="Hộ tịch"), FieldFigures(field="Đất đai"),
                               FieldFigures(field="Hộ tịch")])
    assert [p.path for p in e.value.problems] == ["fields[2].field"]
    assert "fields[0]" in e.value.problems[0].rule


def test_figures_need_at_least_one_field_and_previous_rates_are_percentages() -> None:
    with pytest.raises(InvalidModel) as e:
        OneStopFigures(fields=[])
    assert [p.path for p in e.value.problems] == ["fields"]
    with pytest.raises(InvalidModel) as e:
        PreviousRates(on_time_rate=D("100.01"))
    assert [p.path for p in e.value.problems] == ["on_time_rate"]


def test_rates() -> None:
    f = FieldFigures(field="Hộ tịch", carried_over=3, online=95, in_person=88, post=2, early=160, on_time=20,
                     late=1, pending_in_time=5, returned=2, apologies=1)
    assert f.on_time_rate == D(180) * 100 / D(181)
    assert f.online_share == D(95) * 100 / D(185)      # new = 95 + 88 + 2; carried over left out
    assert round(f.on_time_rate, 2) == D("99.45")


def test_rates_are_none_when_the_divisor_is_zero() -> None:
    pending_only = FieldFigures(field="Đất đai", carried_over=4, pending_in_time=4)
    assert pending_only.on_time_rate is None
    assert pending_only.online_share is None
    empty = FieldFigures(field="Đất đai")  # nothing given: nothing known, not zero
    assert (empty.received, empty.on_time_rate, empty.online_share) == (None, None, None)


@st.composite
def consistent_counts(draw: st.DrawFn) -> dict[str, int]:
    count = st.integers(min_value=0, max_value=5000)
    c = {name: draw(count) for name in ("carried_over", "online", "in_person", "post")}
    received = sum(c.values())
    cuts = sorted(draw(st.lists(st.integers(0, received), min_size=5, max_size=5)))
    bounds = [0, *cuts, received]
    names = ("early", "on_time", "late", "pending_in_time", "pending_overdue", "returned")
    for name, (low, high) in zip(names, pairwise(bounds), strict=True):
        c[name] = high - low
    c["apologies"] = draw(st.integers(0, c["late"] + c["pending_overdue"]))
    return c


@settings(max_examples=150, deadline=None)
@given(consistent_counts())
def test_consistent_counts_are_accepted_and_their_totals_add_up(c: dict[str, int]) -> None:
    f = FieldFigures(field="Chứng thực", **c,
                     received_total=c["carried_over"] + c["online"] + c["in_person"] + c["post"],
                     resolved_total=c["early"] + c["on_time"] + c["late"])
    assert f.new == c["online"] + c["in_person"] + c["post"]
    assert f.received == f.carried_over + f.new
    assert f.received == f.resolved + f.pending + f.returned
    assert f.pending == c["pending_in_time"] + c["pending_overdue"]
    if f.resolved:
        assert f.on_time_rate == D(c["early"] + c["on_time"]) * 100 / D(f.resolved)
        assert D(0) <= f.on_time_rate <= 100
    else:
        assert f.on_time_rate is None
    if f.new:
        assert f.online_share == D(c["online"]) * 100 / D(f.new)
    else:
        assert f.online_share is None


@settings(max_examples=100, deadline=None)
@given(st.lists(consistent_counts(), min_size=1, max_size=6))
def test_the_total_of_several_fields_is_their_sum(fields: list[dict[str, int]]) -> None:
    figures = OneStopFigures(fields=[FieldFigures(field=f"Lĩnh vực {i}", **c) for i, c in enumerate(fields)])
    total = figures.total
    for name in fields[0]:
        assert getattr(total, name) == sum(c[name] for c in fields), name
    parts = figures.fields
    for name in ("new", "received", "resolved", "pending"):
        assert getattr(total, name) == sum(getattr(f, name) for f in parts), name
    resolved = sum(c["early"] + c["on_time"] + c["late"] for c in fields)
    assert total.on_time_rate == (None if resolved == 0 else
                                  D(sum(c["early"] + c["on_time"] for c in fields)) * 100 / D(resolved))
