"""A small web-style client of the public API — what a provincial portal does with a commune's form.

It imports every public name from ``cchc_plan`` and is type-checked under ``mypy --strict``
with no ignore comment (tests/test_typed_client.py runs both the check and the client):
the form arrives as JSON, every problem comes back in one call with its code and path,
the plan is rendered to bytes and those bytes are checked against Nghị định 30/2020.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Sequence
from decimal import Decimal

from cchc_plan import (
    CODES, SECTIONS, Agency, Appendix, AppendixGroup, AppendixItem, Area, AreaKind, AreaNarrative, Assessment,
    Assignment, Authority, Basis, Budget, CchcPlanError, CheckReport, CitedDocument, Comparator, DateStyle, Deadline,
    DeadlineKind, Decision, DocType, DocumentNumber, FigureRate, Finding, Headings, Implementation, Imported, Include,
    InputError, InvalidModel, Level, LevelStyle, ListStyle, Measure, MeasureOutcome, OneStopFigures, Opening,
    OpeningStyle, Outline, Output, OutputProgress, Part, Period, PeriodKind, Plan, Problem, Registry, Report,
    ReportHeadings, Scheme, Section, Signer, StyleProfile, Target, TargetResult, TaskProgress, TaskStatus, Text, Unit,
    UnitDuty, UnreadableDocument, __version__, check_docx, dump_plan, from_json, import_docx, json_schema, layout,
    load_document, load_plan, load_report, next_year, plan_from_data, plan_to_data, render, render_bytes,
    report_from_data, report_to_data, to_json, validate,
)

JSONValue = None | bool | int | float | str | list["JSONValue"] | dict[str, "JSONValue"]
"""A value of a JSON response."""


def problem_json(problem: Problem) -> dict[str, JSONValue]:
    """One problem as the portal's form shows it next to its field."""
    steps: list[JSONValue] = [step for step in problem.parts]
    value = problem.value
    shown: JSONValue
    if isinstance(value, Decimal):  # a number as the model holds it
        shown = int(value) if value == value.to_integral_value() else float(value)
    elif isinstance(value, (str, int, float, bool)) or value is None:
        shown = value
    else:
        shown = str(value)
    return {"code": problem.code, "path": steps, "field": problem.path, "value": shown,
            "message": problem.message, "meaning": CODES[problem.code]}


def submit_plan(payload: str | bytes) -> tuple[int, bytes | dict[str, JSONValue]]:
    """The portal's endpoint: a plan form as JSON in; the .docx, or every problem at once, out."""
    data: object = json.loads(payload)
    problems: list[Problem] = validate(data, kind="plan")
    if problems:
        return 422, {"problems": [problem_json(p) for p in problems]}
    plan: Plan = plan_from_data(data, source="biểu mẫu")
    document: bytes = render_bytes(plan)
    report: CheckReport = check_docx(document, name="ke-hoach.docx")
    if report.errors:
        findings: list[JSONValue] = [f.rule for f in report.findings]
        return 500, {"findings": findings}
    return 200, document


def check_one_item(payload: str, plan: Plan, index: int) -> list[dict[str, JSONValue]]:
    """Validate one appendix item of the form on its own, against the plan's units."""
    problems = validate(json.loads(payload), kind="appendix_item",
                        at=("appendix", "groups", 0, "items", index), within=plan)
    return [problem_json(p) for p in problems]


def upload_docx(data: bytes) -> dict[str, JSONValue]:
    """The portal's check of an office's own .docx: findings, or why it cannot be read."""
    try:
        report = check_docx(io.BytesIO(data), name="tai-len.docx")
    except UnreadableDocument as e:
        return {"unreadable": e.reason}
    found: list[Finding] = list(report.findings)
    return {"errors": report.errors, "rules": [f.rule for f in found]}


def plan_in_code() -> Plan:
    """A plan built with the typed constructors: required fields are required, lists are tuples."""
    issuer = Agency(name="Ủy ban nhân dân xã An Hòa", short_name="UBND xã An Hòa", code="UBND",
                    level=Level.COMMUNE, place="An Hòa", header=("ỦY BAN NHÂN DÂN", "XÃ AN HÒA"),
                    province="tỉnh Mẫu")
    measure = Measure(metric="Tỷ lệ hồ sơ giải quyết đúng hạn", comparator=Comparator.MORE_THAN,
                      value=Decimal(98), scope="trong từng lĩnh vực")
    item = AppendixItem(number=1, content="Kế hoạch kiểm soát thủ tục hành chính",
                        outputs=(Output(text="Kế hoạch", deadline=Deadline("Tháng 01/2027")),),
                        lead=Assignment(units=("van-phong",)), budget=Budget(amount=15_000_000))
    return Plan(
        issuer=issuer,
        number=DocumentNumber(serial=3, type=DocType.PLAN, issuer_code="UBND"),
        date=dt.date(2027, 1, 5),
        year=2027,
        subject="Cải cách hành chính xã An Hòa năm 2027",
        opening=Opening(bases=(Basis(lead="Thực hiện", documents=(
            CitedDocument(kind="Kế hoạch", number="250/KH-UBND", date=dt.date(2026, 12, 20),
                          issuer="UBND tỉnh Mẫu", subject="về cải cách hành chính năm 2027",
                          date_style=DateStyle.SHORT),)),),
            closing="Ủy ban nhân dân xã An Hòa ban hành Kế hoạch cải cách hành chính năm 2027 như sau:",
            style=OpeningStyle.SEPARATE),
        objectives=("Nâng cao chất lượng giải quyết thủ tục hành chính.",),
        requirements=("Các bộ phận triển khai đúng thời hạn.",),
        units=(Unit(key="van-phong", name="Văn phòng HĐND và UBND xã"),),
        areas=(Area(kind=AreaKind.PROCEDURES, title="Cải cách thủ tục hành chính", targets=(
            Target(text="Tỷ lệ hồ sơ giải quyết đúng hạn đạt trên 98% trong từng lĩnh vực.", measures=(measure,),
                   key="dung-han"),)),),
        implementation=Implementation(general="Các bộ phận căn cứ Kế hoạch này tổ chức thực hiện.",
                                      duties=(UnitDuty(unit="van-phong", text="theo dõi, tổng hợp."),)),
        recipients=("UBND tỉnh", "Sở Nội vụ"),
        archive="VT, VP",
        signer=Signer(authority=Authority.TM, on_behalf_of="Ủy ban nhân dân", position="Chủ tịch",
                      name="Nguyễn Văn A"),
        appendix=Appendix(title="NHIỆM VỤ CỤ THỂ NĂM 2027", groups=(
            AppendixGroup(title="CẢI CÁCH THỦ TỤC HÀNH CHÍNH", kind=AreaKind.PROCEDURES, items=(item,)),)),
        headings=Headings(),
        outline=Outline(preset="standard", body=(Section(title="MỤC ĐÍCH, YÊU CẦU", body=(
            Include(part=Part.OBJECTIVES), Include(part=Part.REQUIREMENTS))), Include(part=Part.AREAS),
            Include(part=Part.IMPLEMENTATION), Text(text="Trên đây là kế hoạch.", style=ListStyle.PARAGRAPH)),
            numbering=(LevelStyle(scheme=Scheme.ROMAN, caps=True), LevelStyle(scheme=Scheme.DECIMAL))),
    )


def report_in_code(plan: Plan) -> Report:
    """A quarter report on ``plan``, with the report's types."""
    return Report(
        plan=plan,
        number=DocumentNumber(serial=15, type=DocType.REPORT, issuer_code="UBND"),
        date=dt.date(2027, 3, 16),
        period=Period(kind=PeriodKind.Q1, year=2027),
        signer=plan.signer,
        recipients=("UBND tỉnh",),
        areas=(AreaNarrative(area="procedures", paragraphs=("Niêm yết đầy đủ thủ tục hành chính.",)),),
        assessment=Assessment(strengths=("Triển khai ngay từ đầu năm.",)),
        targets=(TargetResult(target="dung-han", reached=Decimal("99.5")),),
        tasks=(TaskProgress(item=1, status=TaskStatus.DONE, done_on=dt.date(2027, 1, 20)),),
        headings=ReportHeadings(),
    )


def report_summary(report: Report) -> list[tuple[str, str | None]]:
    """What the report says of each measure: its metric and verdict (typed, not ``Any``)."""
    outcomes: list[MeasureOutcome] = report.outcomes()
    progress: list[OutputProgress] = report.progress()
    period: tuple[dt.date, dt.date] = report.period.window
    assert period[0] <= period[1] and all(p.item_number >= 1 for p in progress)
    return [(o.measure.metric, o.verdict) for o in outcomes]


def round_trips(plan: Plan, report: Report) -> bool:
    """JSON out and back, and the other ways in."""
    same_plan = from_json(to_json(plan)) == plan and plan_from_data(plan_to_data(plan)) == plan
    same_report = report_from_data(report_to_data(report)) == report
    data = render_bytes(report, profile=StyleProfile())
    stream = io.BytesIO()
    render(report, stream)
    return same_plan and same_report and stream.getvalue() == data and bool(layout(plan).body)


def from_word(data: bytes) -> tuple[Plan | Report, list[str]]:
    """An office's Word file as a plan or report, and what to review."""
    imported: Imported = import_docx(data)
    return imported.document, list(imported.review)


def errors_are_one_kind(bad: Sequence[str]) -> list[str]:
    """Every user-data error is a CchcPlanError with problems that carry codes."""
    codes: list[str] = []
    for text in bad:
        try:
            load_plan(text)
        except CchcPlanError as e:
            codes.extend(p.code for p in e.problems)
            assert isinstance(e, (InputError, InvalidModel))
    return codes


REFERENCED = (
    AreaKind, FigureRate, DeadlineKind, OneStopFigures, load_document, load_report, dump_plan, next_year,
    json_schema, render, SECTIONS, __version__, Decision, Registry,
)
"""The names the functions above do not use, referenced so that the client imports the whole API."""
