"""The periodic report — *báo cáo kết quả thực hiện công tác cải cách hành chính*.

A report points to its plan and says, for a period, what was done: a narrative
per section of the common outline, the value reached for each of the plan's
measured targets, the progress of the appendix tasks, and the one-stop figures.
Whether a target is met, and whether a task is overdue, is computed here from
the plan — never typed.
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Callable, Iterator
from decimal import Decimal

import attrs

from .._text import (
    check_subject, check_text, check_texts, check_whole, is_archive_line, is_as_above_line, items_field, text_field,
    texts, texts_field,
)
from .deadline import Deadline
from .figures import OneStopFigures, PreviousRates
from .outline import Outline, check_key
from .plan import (
    Agency,
    Area,
    CitedDocument,
    DocType,
    DocumentNumber,
    Measure,
    Opening,
    Plan,
    Signer,
    Target,
    draft_date_rule,
)
from .registry import Registry
from ..problems import InvalidModel, Problem
from ..vnformat import rate, short_date

__all__ = [
    "AreaNarrative",
    "Assessment",
    "FigureRate",
    "MeasureOutcome",
    "OutputProgress",
    "Period",
    "PeriodKind",
    "Report",
    "ReportHeadings",
    "TargetResult",
    "TaskProgress",
    "TaskStatus",
]


class PeriodKind(enum.Enum):
    """The reporting periods — *kỳ báo cáo* — of Bộ Nội vụ's regime, and a custom range."""

    Q1 = "q1"
    """*Quý I*: data from 15/12 of the previous year to 14/3."""
    HALF_YEAR = "half_year"
    """*6 tháng*: 15/12 to 14/6."""
    Q3 = "q3"
    """*Quý III*: 15/6 to 14/9."""
    NINE_MONTHS = "nine_months"
    """*9 tháng*: 15/12 to 14/9."""
    YEAR = "year"
    """*Năm*: 15/12 to 14/12."""
    CUSTOM = "custom"
    """Any range, given by ``start`` and ``end``."""


_PHRASES = {
    PeriodKind.Q1: "quý I năm {y}", PeriodKind.HALF_YEAR: "6 tháng đầu năm {y}",
    PeriodKind.Q3: "quý III năm {y}", PeriodKind.NINE_MONTHS: "9 tháng đầu năm {y}",
    PeriodKind.YEAR: "năm {y}",
}


@attrs.frozen(kw_only=True)
class Period:
    """A reporting period and its data window (*thời gian lấy số liệu*)."""

    kind: PeriodKind
    year: int
    start: _dt.date | None = None
    """First day of the data window (required for a custom period; overrides the standard one)."""
    end: _dt.date | None = None
    """Last day of the data window."""
    label: str | None = text_field(default=None)
    """How a custom period is named: ``tháng 10 năm 2023``."""

    def __attrs_post_init__(self) -> None:
        problems = list(check_whole("year", self.year, "năm là số từ 2000 đến 2100", low=2000, high=2100))
        if not problems and self.kind is PeriodKind.CUSTOM and (self.start is None or self.end is None):
            problems.append(Problem(path="start", rule="kỳ tùy chọn cần ngày bắt đầu (start) và kết thúc (end)"))
        elif not problems:
            start, end = self.window
            if end < start:
                problems.append(Problem(path="end", value=short_date(end),
                                        rule=f"ngày kết thúc phải sau ngày bắt đầu {short_date(start)}"))
        problems += check_text("label", self.label, required=False)
        if problems:
            raise InvalidModel(problems)

    @property
    def window(self) -> tuple[_dt.date, _dt.date]:
        """The data window, both days included."""
        y = self.year
        standard = {
            PeriodKind.Q1: (_dt.date(y - 1, 12, 15), _dt.date(y, 3, 14)),
            PeriodKind.HALF_YEAR: (_dt.date(y - 1, 12, 15), _dt.date(y, 6, 14)),
            PeriodKind.Q3: (_dt.date(y, 6, 15), _dt.date(y, 9, 14)),
            PeriodKind.NINE_MONTHS: (_dt.date(y - 1, 12, 15), _dt.date(y, 9, 14)),
            PeriodKind.YEAR: (_dt.date(y - 1, 12, 15), _dt.date(y, 12, 14)),
        }
        default = standard.get(self.kind, (self.start, self.end))
        start = self.start or default[0]
        end = self.end or default[1]
        assert start is not None and end is not None
        return start, end

    @property
    def phrase(self) -> str:
        """``quý I năm 2023``, ``6 tháng đầu năm 2023``, ``năm 2023`` …"""
        if self.kind is PeriodKind.CUSTOM:
            if self.label:
                return self.label
            start, end = self.window
            return f"từ ngày {short_date(start)} đến ngày {short_date(end)}"
        return _PHRASES[self.kind].format(y=self.year)


class TaskStatus(enum.Enum):
    """Progress of an appendix task — *tiến độ*."""

    DONE = "done"
    """*Đã hoàn thành*."""
    IN_PROGRESS = "in_progress"
    """*Đang thực hiện*."""
    NOT_STARTED = "not_started"
    """*Chưa thực hiện*."""

    @property
    def label(self) -> str:
        """The status in Vietnamese."""
        return {TaskStatus.DONE: "Đã hoàn thành", TaskStatus.IN_PROGRESS: "Đang thực hiện",
                TaskStatus.NOT_STARTED: "Chưa thực hiện"}[self]


class FigureRate(enum.Enum):
    """A rate of the report's one-stop figures that a target's result can be read from."""

    ON_TIME_RATE = "on_time_rate"
    """The on-time rate of all fields together."""
    LOWEST_ON_TIME_RATE = "lowest_on_time_rate"
    """The lowest on-time rate of any field (for "… trong từng lĩnh vực")."""
    ONLINE_SHARE = "online_share"
    """The share of new dossiers received online."""

    def previous(self, rates: PreviousRates) -> Decimal | None:
        """The same rate in the previous period, where the report gives it."""
        if self is FigureRate.ONLINE_SHARE:
            return rates.online_share
        return rates.on_time_rate if self is FigureRate.ON_TIME_RATE else None

    def of(self, figures: OneStopFigures) -> Decimal | None:
        """The rate, in percent (``None`` when nothing was resolved or received)."""
        if self is FigureRate.ON_TIME_RATE:
            return figures.on_time_rate(figures.total)
        if self is FigureRate.ONLINE_SHARE:
            return figures.total.online_share
        rates = [r for f in figures.fields or figures.units if (r := figures.on_time_rate(f)) is not None]
        return min(rates) if rates else None


@attrs.frozen(kw_only=True)
class TargetResult:
    """The value reached for one measure of a plan's target, with its evidence."""

    target: str
    """The target's key in the plan (:attr:`Target.key`): ``ho-so-dung-han``."""
    measure: int = 1
    """Which measure of the target (1 = the first)."""
    reached: Decimal | None = None
    """The value reached (``None``: not measured)."""
    from_figures: FigureRate | None = None
    """Read the value reached from the report's one-stop figures instead."""
    previous: Decimal | None = None
    """The previous period's value (needed for *giảm* / *tăng* targets)."""
    evidence: str | None = text_field(default=None)
    """Where the value comes from: a system, a survey, a document."""

    def __attrs_post_init__(self) -> None:
        problems: list[Problem] = []
        if isinstance(self.target, int) and not isinstance(self.target, bool):
            problems.append(Problem(path="target", value=self.target,
                                    rule="chỉ tiêu được gọi bằng mã (key) ghi trong kế hoạch, không bằng số thứ tự"))
        else:
            problems += check_key("target", self.target)
        problems += check_whole("measure", self.measure, "số thứ tự số đo bắt đầu từ 1", low=1)
        for name in ("reached", "previous"):
            v = getattr(self, name)
            if v is not None and (not isinstance(v, Decimal) or not v.is_finite() or v < 0):
                problems.append(Problem(path=name, value=v, rule="giá trị là một số không âm"))
        if self.reached is not None and self.from_figures is not None:
            problems.append(Problem(path="from_figures", value=self.from_figures.value,
                                    rule="ghi giá trị đạt được (reached) hoặc lấy từ số liệu một cửa, không cả hai"))
        problems += check_text("evidence", self.evidence, required=False)
        if problems:
            raise InvalidModel(problems)


@attrs.frozen(kw_only=True)
class TaskProgress:
    """Progress of an appendix item (or of one of its outputs) with its evidence."""

    item: int
    """The item's TT in the plan's appendix."""
    status: TaskStatus
    output: int | None = None
    """One output of the item (1 = the first); ``None``: all its outputs."""
    evidence: str | None = text_field(default=None)
    """The document issued or the result: ``Kế hoạch số 12/KH-UBND ngày 20/01/2023``."""
    done_on: _dt.date | None = None
    """When it was finished."""

    def __attrs_post_init__(self) -> None:
        problems: list[Problem] = []
        problems += check_whole("item", self.item, "số thứ tự (TT) là số nguyên từ 1", low=1)
        if self.output is not None:
            problems += check_whole("output", self.output, "số thứ tự sản phẩm bắt đầu từ 1", low=1)
        if self.done_on is not None and self.status is not TaskStatus.DONE:
            problems.append(Problem(path="done_on", value=short_date(self.done_on),
                                    rule="chỉ ghi ngày hoàn thành khi trạng thái là done"))
        problems += check_text("evidence", self.evidence, required=False)
        if problems:
            raise InvalidModel(problems)


@attrs.frozen(kw_only=True)
class AreaNarrative:
    """What was done in one area — a part of section II."""

    paragraphs: tuple[str, ...] = attrs.field(converter=texts)
    area: str | None = None
    """The area's key in the plan (:attr:`Area.ref`: ``procedures``, or its own key)."""
    title: str | None = text_field(default=None)
    """The part's title, when the report has no plan file to take it from."""

    def __attrs_post_init__(self) -> None:
        problems = list(check_texts("paragraphs", self.paragraphs, min_items=1))
        if isinstance(self.area, int) and not isinstance(self.area, bool):
            problems.append(Problem(path="area", value=self.area,
                                    rule="lĩnh vực được gọi bằng mã (key hoặc kind), không bằng số thứ tự"))
        else:
            problems += check_key("area", self.area)
        problems += check_text("title", self.title, required=False)
        if self.area is None and self.title is None:
            problems.append(Problem(path="area", rule="cần mã lĩnh vực của kế hoạch (area) hoặc tiêu đề (title)"))
        if problems:
            raise InvalidModel(problems)


@attrs.frozen(kw_only=True)
class Assessment:
    """Section III — *đánh giá chung*: strengths, shortcomings and their causes."""

    strengths: tuple[str, ...] = texts_field()
    weaknesses: tuple[str, ...] = texts_field()
    causes: tuple[str, ...] = texts_field()

    def __attrs_post_init__(self) -> None:
        problems = [*check_texts("strengths", self.strengths), *check_texts("weaknesses", self.weaknesses),
                    *check_texts("causes", self.causes)]
        if problems:
            raise InvalidModel(problems)


@attrs.frozen(kw_only=True)
class MeasureOutcome:
    """A measure of the plan with what the report says of it: met, not met, or not measured."""

    area: Area
    target: Target
    measure: Measure
    result: TargetResult | None
    computed: bool = False
    """The value reached is a rate of the report's one-stop figures (printed as they print it)."""
    thresholds: tuple[Decimal, ...] = ()
    """The report's thresholds for computed rates (:attr:`Report.rate_thresholds`)."""

    @property
    def reached_text(self) -> str:
        """The value reached as printed everywhere: never across the threshold; ``—`` when not measured.

        A rate read from the one-stop figures is printed exactly as the figures print it
        (:meth:`Report.rate_text`); a typed value with the decimals it was typed with.
        Against the previous period, the previous value follows in brackets, both printed
        so that their order is the exact one.
        """
        result = self.result
        if result is None or result.reached is None:
            return "—"
        measure = self.measure
        against = measure.comparator.against_previous
        own = (result.previous,) if against and result.previous is not None else \
            ((measure.value,) if measure.value is not None else ())
        limits = (*own, *(self.thresholds if self.computed else ()))
        text = measure.format_value(result.reached, thresholds=limits, given=not self.computed)
        if against and result.previous is not None:
            before = measure.format_value(result.previous, thresholds=(result.reached, *self.thresholds),
                                          given=True)
            text += f" (kỳ trước: {before})"
        return text

    @property
    def met(self) -> bool | None:
        """Computed from the comparator; ``None`` when it cannot be told."""
        if self.result is None:
            return None
        return self.measure.is_met(self.result.reached, self.result.previous)

    @property
    def verdict(self) -> str:
        """``Đạt``, ``Không đạt``, ``Chưa có số liệu`` or ``Chưa có số liệu kỳ trước``."""
        if self.result is None or self.result.reached is None:
            return "Chưa có số liệu"
        met = self.met
        if met is None:
            return "Chưa có số liệu kỳ trước"
        return "Đạt" if met else "Không đạt"


@attrs.frozen(kw_only=True)
class OutputProgress:
    """An output of an appendix item at the end of the period: status, due date, overdue."""

    item_number: int
    output_index: int
    text: str
    deadline: Deadline
    due: _dt.date | None
    status: TaskStatus
    evidence: str | None
    done_on: _dt.date | None
    overdue: bool
    """Not done, and its due date passed before the period's end."""
    late: bool
    """Done, but after its due date."""


@attrs.frozen(kw_only=True)
class ReportHeadings:
    """Section titles of a report as it writes them (defaults follow common practice)."""

    direction: str = text_field(default="CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH")
    results: str = text_field(default="KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH")
    assessment: str = text_field(default="ĐÁNH GIÁ CHUNG")
    strengths: str = text_field(default="Ưu điểm")
    weaknesses: str = text_field(default="Hạn chế, nguyên nhân")
    causes: str = text_field(default="Nguyên nhân:")
    """The italic line before the causes."""
    next_steps: str = text_field(default="PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI")
    proposals: str = text_field(default="ĐỀ XUẤT, KIẾN NGHỊ")

    def __attrs_post_init__(self) -> None:
        problems = [p for f in attrs.fields(type(self)) for p in check_text(f.name, getattr(self, f.name))]
        if problems:
            raise InvalidModel(problems)


@attrs.frozen(kw_only=True)
class Report:
    """A periodic report on a plan — *báo cáo kết quả thực hiện công tác CCHC*.

    ``plan`` is the whole plan (targets and tasks are then judged against it), or only its
    citation (number, date, issuer, subject) for a report that computes no result.
    """

    plan: Plan | CitedDocument
    number: DocumentNumber
    date: _dt.date | None = None
    """Date of issue (``None`` for a draft, whose day and month are left blank)."""
    period: Period
    signer: Signer
    recipients: tuple[str, ...] = attrs.field(converter=texts)
    """*Nơi nhận* after "Như trên" (which is added when there are addressees)."""
    issuer: Agency | None = None
    """The issuing agency (default: the plan's; required when the plan is only cited)."""
    subject: str | None = text_field(default=None)
    """*Trích yếu* (default: "Kết quả thực hiện công tác cải cách hành chính" + the period)."""
    addressees: tuple[str, ...] = texts_field()
    """*Kính gửi*."""
    opening: Opening | None = None
    """Căn cứ / thực hiện lines before section I."""
    direction: tuple[str, ...] = texts_field()
    """I. *Công tác chỉ đạo, điều hành*: paragraphs."""
    areas: tuple[AreaNarrative, ...] = items_field(default=())
    """II. results per area."""
    assessment: Assessment = attrs.field(factory=Assessment)
    next_steps: tuple[str, ...] = texts_field()
    """IV. *Phương hướng, nhiệm vụ kỳ tới*."""
    proposals: tuple[str, ...] = texts_field()
    """V. *Đề xuất, kiến nghị*."""
    closing: str | None = text_field(default=None)
    """The closing sentence (default: "Trên đây là báo cáo …"); ``""`` for none."""
    targets: tuple[TargetResult, ...] = items_field(default=())
    tasks: tuple[TaskProgress, ...] = items_field(default=())
    one_stop: OneStopFigures | None = None
    data_note: str | None = text_field(default=None)
    """A note on the figures, printed under the appendices' titles: ``(Số liệu minh họa)``."""
    archive: str = text_field(default="VT")
    headings: ReportHeadings = attrs.field(factory=ReportHeadings)
    outline: Outline | None = None
    """How the body is laid out (default: the ``standard`` preset, I–V)."""
    registry: Registry | None = None
    """What the office's register adds to the outgoing document's metadata (Phụ lục VI)."""

    def __attrs_post_init__(self) -> None:
        problems = list(self._problems())
        if problems:
            raise InvalidModel(problems)

    # ------------------------------------------------------------------ derived

    @property
    def full_plan(self) -> Plan | None:
        """The plan, when the report has it whole (not only its citation)."""
        return self.plan if isinstance(self.plan, Plan) else None

    @property
    def agency(self) -> Agency:
        """The issuing agency."""
        if self.issuer is not None:
            return self.issuer
        assert isinstance(self.plan, Plan)
        return self.plan.issuer

    @property
    def title_subject(self) -> str:
        """The subject line as printed."""
        return self.subject or f"Kết quả thực hiện công tác cải cách hành chính {self.period.phrase}"

    @property
    def closing_sentence(self) -> str | None:
        """The closing sentence as printed (``None``: the report has none)."""
        if self.closing == "":
            return None
        return self.closing or (f"Trên đây là báo cáo kết quả thực hiện công tác cải cách hành chính "
                                f"{self.period.phrase} của {self.agency.short_name}.")

    def outcomes(self) -> list[MeasureOutcome]:
        """Every measure of the plan, in order, with its result (if the report gives one)."""
        plan = self.full_plan
        if plan is None:
            return []
        results = {(r.target, r.measure): (self._with_figures(r), r.from_figures is not None) for r in self.targets}
        thresholds = self.rate_thresholds
        out = []
        for area in plan.areas:
            for target in area.targets:
                for m, measure in enumerate(target.measures, start=1):
                    result, computed = results.get((target.key, m), (None, False)) if target.key is not None \
                        else (None, False)
                    out.append(MeasureOutcome(area=area, target=target, measure=measure, result=result,
                                              computed=computed, thresholds=thresholds))
        return out

    @property
    def rate_thresholds(self) -> tuple[Decimal, ...]:
        """Every value a rate of this report is judged or compared against.

        The thresholds of the plan's percentage measures and the previous period's rates: a
        rate computed from the one-stop figures is printed so that it lies on the same side of
        each of them as its exact value, and the same exact rate prints the same text in every
        place (body, appendices, ``validate``).
        """
        plan = self.full_plan
        found: set[Decimal] = set(plan.rate_thresholds if plan is not None else ())
        if self.one_stop is not None:
            found.update(self.one_stop.previous_values())
        found.update(r.previous for r in self.targets if r.from_figures is not None and r.previous is not None)
        return tuple(sorted(found))

    def rate_text(self, value: Decimal | None) -> str:
        """A rate of this report's figures as printed everywhere; ``—`` when there is none."""
        return "—" if value is None else rate(value, thresholds=self.rate_thresholds)

    def _with_figures(self, result: TargetResult) -> TargetResult:
        if result.from_figures is None or self.one_stop is None:
            return result
        previous = result.previous
        if previous is None and self.one_stop.previous is not None:
            previous = result.from_figures.previous(self.one_stop.previous)
        return attrs.evolve(result, reached=result.from_figures.of(self.one_stop), from_figures=None,
                            previous=previous,
                            evidence=result.evidence or "Số liệu giải quyết TTHC tại Bộ phận Một cửa (Phụ lục III)")

    def progress(self) -> list[OutputProgress]:
        """Every output of the plan's appendix with its status at the end of the period."""
        plan = self.full_plan
        if plan is None or plan.appendix is None:
            return []
        end = self.period.window[1]
        by_item = {p.item: p for p in self.tasks if p.output is None}
        by_output = {(p.item, p.output): p for p in self.tasks if p.output is not None}
        out = []
        for item in plan.appendix.items:
            for i, (output, deadline) in enumerate(zip(item.outputs, item.deadlines(), strict=True), start=1):
                entry = by_output.get((item.number, i)) or by_item.get(item.number)
                status = entry.status if entry else TaskStatus.NOT_STARTED
                due = deadline.due(plan.year)
                done_on = entry.done_on if entry else None
                out.append(OutputProgress(
                    item_number=item.number, output_index=i, text=output.text, deadline=deadline,
                    due=due, status=status, evidence=entry.evidence if entry else None, done_on=done_on,
                    overdue=status is not TaskStatus.DONE and due is not None and due < end,
                    late=status is TaskStatus.DONE and due is not None and done_on is not None
                    and done_on > due))
        return out

    # ------------------------------------------------------------------ checks

    def _checks(self) -> tuple[Callable[[], Iterator[Problem]], ...]:
        """The report's checks, each on its own (a partly built report runs those it can)."""
        return (self._field_problems, self._document_problems)

    def _problems(self) -> Iterator[Problem]:
        for check in self._checks():
            yield from check()

    def _field_problems(self) -> Iterator[Problem]:
        yield from check_text("subject", self.subject, required=False, multiline=True)
        yield from check_subject("subject", self.subject)
        yield from check_texts("recipients", self.recipients, min_items=1)
        yield from check_texts("addressees", self.addressees)
        for name in ("direction", "next_steps", "proposals"):
            yield from check_texts(name, getattr(self, name))
        yield from check_text("data_note", self.data_note, required=False)
        yield from check_text("archive", self.archive)
        if self.closing != "":
            yield from check_text("closing", self.closing, required=False)
        for i, r in enumerate(self.recipients):
            if not isinstance(r, str):
                continue
            if is_as_above_line(r):
                yield Problem(path=f"recipients[{i}]", value=r,
                              rule='"Như trên" được tự thêm khi có Kính gửi (addressees); không ghi ở đây')
            if is_archive_line(r):
                yield Problem(path=f"recipients[{i}]", value=r, code="recipients.archive",
                              rule='dòng "Lưu: …" ghi ở trường archive, không ghi trong recipients')

    def _document_problems(self) -> Iterator[Problem]:
        if not isinstance(self.plan, (Plan, CitedDocument)):
            return  # the plan did not build (a partly built report): nothing is said against it
        plan = self.full_plan
        if plan is None and self.issuer is None:
            yield Problem(path="issuer", code="field.required",
                          rule="báo cáo chỉ trích dẫn kế hoạch (không có tệp kế hoạch) "
                               "nên cần ghi cơ quan ban hành (issuer)")
            return
        if self.number.type is not DocType.REPORT:
            yield Problem(path="number", value=str(self.number), code="number.doc_type",
                          rule="báo cáo mang chữ viết tắt BC (ví dụ 15/BC-UBND)")
        if self.number.issuer_code.split("-")[0] != self.agency.code:
            yield Problem(path="number", value=str(self.number), code="number.issuer",
                          rule=f'ký hiệu phải theo chữ viết tắt của cơ quan ban hành "{self.agency.code}"')
        if self.date is None and self.number.serial is not None:
            yield Problem(path="date", code="date.missing", rule="văn bản đã có số thì phải có ngày ban hành")
        if self.date is not None and self.number.serial is None:
            yield Problem(path="date", value=short_date(self.date), code="date.draft",
                          rule=draft_date_rule(self.number))
        start, _ = self.period.window
        if self.date is not None and self.date < start:
            yield Problem(path="date", value=short_date(self.date), code="date.order",
                          rule=f"báo cáo không thể ban hành trước kỳ báo cáo (bắt đầu {short_date(start)})")
        if plan is None:
            yield from self._cited_plan_problems()
            return
        if self.period.year != plan.year:
            yield Problem(path="period.year", value=self.period.year, code="date.outside_year",
                          rule=f"kỳ báo cáo phải cùng năm với kế hoạch ({plan.year})")
        yield from self._reference_problems(plan)

    def _cited_plan_problems(self) -> Iterator[Problem]:
        rule = ("báo cáo chỉ trích dẫn kế hoạch nên không thể tính kết quả chỉ tiêu, tiến độ nhiệm vụ; "
                "hãy ghi tệp kế hoạch: plan: ke-hoach.yaml")
        if self.targets:
            yield Problem(path="targets", rule=rule, code="report.plan")
        if self.tasks:
            yield Problem(path="tasks", rule=rule, code="report.plan")
        for i, n in enumerate(self.areas):
            if n.title is None:
                yield Problem(path=f"areas[{i}].title", rule="không có tệp kế hoạch: cần tiêu đề (title) của phần này")

    def _reference_problems(self, plan: Plan) -> Iterator[Problem]:
        targets = plan.targets_by_key()
        known = ", ".join(targets) or "(kế hoạch chưa đặt mã cho chỉ tiêu nào)"
        seen: set[tuple[str, int]] = set()
        for i, r in enumerate(self.targets):
            where = f"targets[{i}]"
            found = targets.get(r.target)
            if found is None:
                yield Problem(path=f"{where}.target", value=r.target, code="key.undefined",
                              rule=f"kế hoạch không có chỉ tiêu mang mã này; các mã đã có: {known}")
                continue
            _, target = found
            measures = target.measures
            if not 1 <= r.measure <= len(measures):
                yield Problem(path=f"{where}.measure", value=r.measure, code="number.range",
                              rule=f"chỉ tiêu {r.target} có {len(measures)} số đo"
                                   + (" (chỉ tiêu định tính, không có số đo)" if not measures else ""))
                continue
            measure = measures[r.measure - 1]
            if measure.unit == "%" and r.reached is not None and r.reached > 100:
                yield Problem(path=f"{where}.reached", value=r.reached, code="percent.range",
                              rule="tỷ lệ phần trăm phải nằm trong khoảng 0–100")
            if r.from_figures is not None and self.one_stop is None:
                yield Problem(path=f"{where}.from_figures", value=r.from_figures.value,
                              rule="báo cáo chưa có số liệu một cửa (one_stop) để lấy giá trị")
            key = (r.target, r.measure)
            if key in seen:
                yield Problem(path=where, rule=f"kết quả của chỉ tiêu {r.target} số đo {r.measure} bị ghi hai lần")
            seen.add(key)
            if measure.comparator.against_previous and r.reached is not None and r.previous is None:
                yield Problem(path=f"{where}.previous",
                              rule="chỉ tiêu tăng/giảm so với kỳ trước cần số liệu kỳ trước (previous)")
        items = {item.number: item for item in (plan.appendix.items if plan.appendix else ())}
        done: set[tuple[int, int | None]] = set()
        for i, p in enumerate(self.tasks):
            where = f"tasks[{i}]"
            item = items.get(p.item)
            if item is None:
                yield Problem(path=f"{where}.item", value=p.item, code="key.undefined",
                              rule="phụ lục của kế hoạch không có nhiệm vụ này")
                continue
            if p.output is not None and p.output > len(item.outputs):
                yield Problem(path=f"{where}.output", value=p.output,
                              rule=f"nhiệm vụ {p.item} có {len(item.outputs)} sản phẩm")
                continue
            if (p.item, p.output) in done:
                yield Problem(path=where, rule=f"tiến độ nhiệm vụ {p.item} bị ghi hai lần")
            done.add((p.item, p.output))
            _, end = self.period.window
            if p.done_on is not None and p.done_on > end:
                yield Problem(path=f"{where}.done_on", value=short_date(p.done_on),
                              rule=f"ngày hoàn thành sau kỳ báo cáo (kết thúc {short_date(end)})")
        areas = plan.area_by_ref()
        seen_areas: set[str] = set()
        for i, n in enumerate(self.areas):
            if n.area is None:
                continue
            if n.area not in areas:
                yield Problem(path=f"areas[{i}].area", value=n.area, code="key.undefined",
                              rule=f"kế hoạch không có lĩnh vực mang mã này; các mã đã có: {', '.join(areas)}")
            elif n.area in seen_areas:
                yield Problem(path=f"areas[{i}].area", value=n.area, rule="lĩnh vực bị ghi hai lần")
            seen_areas.add(n.area)
