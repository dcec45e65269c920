"""The summary of many units' reports — *báo cáo tổng hợp* — for a province or a district.

Each report is reduced, as it is read, to a :class:`UnitResult`: its one-stop
totals, its previous period's rates, the verdict of each measured target and
its overdue outputs. A :class:`Summary` holds the units of the summarised
period, the expected units whose reports are missing, and the reports of
another period — listed, never silently dropped.

Targets are matched across units by what they measure (the measure's metric
and scope, as :meth:`Report.outcomes` gives them), since every unit has its
own plan.
"""

from __future__ import annotations

import datetime as _dt
import functools
import unicodedata
from collections import Counter
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

import attrs

from .._text import check_texts, text_field, texts, texts_field
from ..problems import InputError, InvalidModel, Problem
from .figures import FieldFigures
from .plan import Agency, Authority, DocType, DocumentNumber, Level, Signer, draft_date_rule
from .report import Period, Report
from ..vnformat import short_date

__all__ = [
    "NOT_JUDGED",
    "MeasureKey",
    "OverdueOutput",
    "Summary",
    "SummaryDocument",
    "UnitResult",
    "summarize",
]

NOT_JUDGED = "Chưa đánh giá"
"""The matrix's word for a measure the report gives no (usable) value for."""
NOT_PLANNED = "—"
"""The matrix's mark for a measure the unit's plan does not have."""


def _key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


@attrs.frozen(kw_only=True)
class SummaryDocument:
    """The summary's own document: who issues it, its number, signer and recipients.

    Read from ``tong-hop.yaml`` (the same fields as a report's); ``units`` lists
    the units expected to report, so that a missing one is named; ``period``
    picks the period summarised (default: the one most reports are for).
    """

    issuer: Agency
    number: DocumentNumber
    signer: Signer
    recipients: tuple[str, ...] = attrs.field(converter=texts)
    date: _dt.date | None = None
    period: Period | None = None
    units: tuple[str, ...] = texts_field()
    """Names of the units expected to report (full or short names, as in their reports)."""
    addressees: tuple[str, ...] = texts_field()
    archive: str = text_field(default="VT")
    subject: str | None = text_field(default=None)
    data_note: str | None = text_field(default=None)

    def __attrs_post_init__(self) -> None:
        problems = [*check_texts("recipients", self.recipients, min_items=1), *check_texts("units", self.units),
                    *check_texts("addressees", self.addressees)]
        if self.number.type is not DocType.REPORT:
            problems.append(Problem(path="number", value=str(self.number),
                                    rule="báo cáo tổng hợp mang chữ viết tắt BC (ví dụ 25/BC-UBND)"))
        if self.date is None and self.number.serial is not None:
            problems.append(Problem(path="date", rule="văn bản đã có số thì phải có ngày ban hành"))
        if self.date is not None and self.number.serial is None:
            problems.append(Problem(path="date", value=short_date(self.date), code="date.draft",
                                    rule=draft_date_rule(self.number)))
        seen: set[str] = set()
        for i, name in enumerate(self.units):
            if isinstance(name, str) and _key(name) in seen:
                problems.append(Problem(path=f"units[{i}]", value=name, rule="đơn vị bị ghi hai lần"))
            seen.add(_key(name) if isinstance(name, str) else "")
        if problems:
            raise InvalidModel(problems)

    @classmethod
    def draft_for(cls, units: Iterable[UnitResult]) -> SummaryDocument:
        """A draft for the level above the units (their district, else their province), unsigned."""
        agencies = [u.agency for u in units]
        districts = {a.district for a in agencies}
        provinces = {a.province for a in agencies}
        if len(districts) == 1 and None not in districts:
            (place,) = districts
            level = Level.DISTRICT
        elif len(provinces) == 1 and None not in provinces:
            (place,) = provinces
            level = Level.PROVINCE
        else:
            place, level = "tỉnh", Level.PROVINCE
        assert place is not None
        words = place.split()
        generic = 2 if " ".join(words[:2]).lower() in ("thị xã", "thành phố") else \
            1 if words and words[0].lower() in ("tỉnh", "huyện", "quận") else 0
        from ..vnformat import upper

        return cls(
            issuer=Agency(name=f"Ủy ban nhân dân {place}", short_name=f"UBND {place}", code="UBND", level=level,
                          place=" ".join(words[generic:]) or place, header=("ỦY BAN NHÂN DÂN", upper(place))),
            number=DocumentNumber(serial=None, type=DocType.REPORT, issuer_code="UBND"),
            signer=Signer(position="CHỦ TỊCH", name="Họ và tên người ký", authority=Authority.TM,
                          on_behalf_of="ỦY BAN NHÂN DÂN"),
            recipients=("Các cơ quan, đơn vị có liên quan",),
        )


@attrs.frozen(kw_only=True, order=True, cache_hash=True)
class MeasureKey:
    """What a measured target measures, the same in every unit's plan: metric and scope."""

    metric: str
    scope: str | None = None

    @property
    def label(self) -> str:
        """``Tỷ lệ hồ sơ giải quyết đúng hạn (trong từng lĩnh vực)``."""
        return self.metric + (f" ({self.scope})" if self.scope else "")


@attrs.frozen(kw_only=True)
class OverdueOutput:
    """An output past its due date and not done at the end of the period."""

    item: int
    output: int
    text: str
    deadline: str
    due: _dt.date | None


@attrs.frozen(kw_only=True)
class UnitResult:
    """What the summary keeps of one unit's report."""

    agency: Agency
    source: str
    """The report file (or ``<dữ liệu>``)."""
    period: Period
    report_number: str
    figures: FieldFigures | None
    """The one-stop totals (named after the unit), ``None`` when the report gives no figures."""
    previous_on_time: Decimal | None = None
    previous_online: Decimal | None = None
    verdicts: tuple[tuple[MeasureKey, str], ...] = ()
    """``(measure, "Đạt" | "Không đạt" | "Chưa đánh giá")`` for each measure of the unit's plan."""
    outputs: int = 0
    done: int = 0
    overdue: tuple[OverdueOutput, ...] = ()

    @classmethod
    def of(cls, report: Report, source: str = "<dữ liệu>") -> UnitResult:
        """The summary's view of ``report``."""
        verdicts: dict[MeasureKey, str] = {}
        for o in report.outcomes():
            key = MeasureKey(metric=o.measure.metric, scope=o.measure.scope)
            met = o.met if o.result is not None and o.result.reached is not None else None
            verdict = NOT_JUDGED if met is None else ("Đạt" if met else "Không đạt")
            verdicts.setdefault(key, verdict)
        progress = report.progress()
        one_stop = report.one_stop
        figures = None
        if one_stop is not None:
            figures = FieldFigures.total(one_stop.fields or one_stop.units, name=report.agency.short_name)
        return cls(
            agency=report.agency, source=source, period=report.period, report_number=str(report.number),
            figures=figures,
            previous_on_time=one_stop.previous.on_time_rate if one_stop and one_stop.previous else None,
            previous_online=one_stop.previous.online_share if one_stop and one_stop.previous else None,
            verdicts=tuple(verdicts.items()), outputs=len(progress),
            done=sum(1 for p in progress if p.status.value == "done"),
            overdue=tuple(OverdueOutput(item=p.item_number, output=p.output_index, text=p.text,
                                        deadline=p.deadline.text, due=p.due) for p in progress if p.overdue))

    @property
    def name(self) -> str:
        """The unit's name as cited: ``UBND xã Lộc Bình``."""
        return self.agency.short_name

    @property
    def on_time_rate(self) -> Decimal | None:
        return self.figures.on_time_rate if self.figures else None

    @property
    def online_share(self) -> Decimal | None:
        return self.figures.online_share if self.figures else None

    @property
    def change(self) -> Decimal | None:
        """On-time rate against the previous period, in percentage points (2 decimals)."""
        return points(self.on_time_rate, self.previous_on_time)

    @functools.cached_property
    def _verdict_of(self) -> dict[MeasureKey, str]:
        return dict(self.verdicts)

    def verdict(self, key: MeasureKey) -> str:
        """The unit's verdict on ``key``; ``—`` when its plan has no such measure."""
        return self._verdict_of.get(key, NOT_PLANNED)


def points(now: Decimal | None, before: Decimal | None) -> Decimal | None:
    """``now − before`` in percentage points, rounded half up to 2 decimals (as a spreadsheet rounds)."""
    if now is None or before is None:
        return None
    return (now - before).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _same_period(a: Period, b: Period) -> bool:
    return a.kind is b.kind and a.year == b.year and a.window == b.window


@attrs.frozen(kw_only=True)
class Summary:
    """The units of one period, the missing ones and the reports of another period."""

    period: Period
    units: tuple[UnitResult, ...]
    missing: tuple[str, ...] = ()
    """Expected units with no report (as the expected list names them)."""
    other_period: tuple[UnitResult, ...] = ()
    """Reports of another period: named in the summary, not counted."""

    @property
    def measures(self) -> tuple[MeasureKey, ...]:
        """Every measure of any unit's plan, in the order they first appear."""
        seen: dict[MeasureKey, None] = {}
        for u in self.units:
            for key, _ in u.verdicts:
                seen.setdefault(key, None)
        return tuple(seen)

    @property
    def total(self) -> FieldFigures:
        """The one-stop figures of all units with figures, together."""
        return FieldFigures.total([u.figures for u in self.units if u.figures is not None])

    @property
    def without_figures(self) -> tuple[UnitResult, ...]:
        return tuple(u for u in self.units if u.figures is None)

    def ranking(self) -> list[tuple[int | None, UnitResult]]:
        """Units by on-time rate, highest first; equal rates share a rank; no rate, no rank (last)."""
        rated = sorted((u for u in self.units if u.on_time_rate is not None),
                       key=lambda u: (-(u.on_time_rate or 0), _key(u.name)))
        out: list[tuple[int | None, UnitResult]] = []
        for i, u in enumerate(rated):
            rank = i + 1 if i == 0 or rated[i - 1].on_time_rate != u.on_time_rate else out[-1][0]
            out.append((rank, u))
        out += [(None, u) for u in sorted(self.units, key=lambda u: _key(u.name)) if u.on_time_rate is None]
        return out

    def attainment(self, key: MeasureKey) -> Counter[str]:
        """How many units met, missed, were not judged on ``key``, or do not plan it (``—``)."""
        return Counter(u.verdict(key) for u in self.units)


def summarize(reports: Iterable[Report | UnitResult | tuple[Report, str]], *,
              period: Period | None = None, expected: Iterable[str] = (), source: str = "<tổng hợp>") -> Summary:
    """Summarise reports (or results already reduced) for ``period`` (default: the most common one).

    ``expected`` names the units that should have reported; those without a
    report are listed in :attr:`Summary.missing`. Two reports of the same unit
    for the summarised period are refused with both files named, and so is a
    ``period`` no report is for. ``source`` names, in those errors, the summary's
    own file (where ``period`` and the expected units come from).
    """
    results: list[UnitResult] = []
    for r in reports:
        if isinstance(r, UnitResult):
            results.append(r)
        elif isinstance(r, tuple):
            results.append(UnitResult.of(r[0], r[1]))
        else:
            results.append(UnitResult.of(r))
    if not results:
        raise InputError("<tổng hợp>", [Problem(path="", rule="không có báo cáo nào để tổng hợp")])
    if period is None:
        counts = Counter((u.period.kind, u.period.year, u.period.window) for u in results)
        best = max(counts.items(), key=lambda kv: (kv[1], kv[0][1], kv[0][2][1]))[0]
        period = next(u.period for u in results if (u.period.kind, u.period.year, u.period.window) == best)
    chosen = [u for u in results if _same_period(u.period, period)]
    other = [u for u in results if not _same_period(u.period, period)]
    if not chosen:
        raise InputError(source, [
            Problem(path="period", value=period.phrase, rule=(
                f"không có báo cáo nào của kỳ này để tổng hợp ({len(other)} báo cáo khác kỳ, dưới đây)")),
            *(Problem(path=u.source, rule=f"báo cáo {u.period.phrase} của {u.name}, không phải {period.phrase}")
              for u in other)])
    by_unit: dict[str, UnitResult] = {}
    problems: list[Problem] = []
    for u in chosen:
        key = _key(u.agency.name)
        if key in by_unit:
            problems.append(Problem(path=u.source, value=u.agency.name, rule=(
                f"hai báo cáo {period.phrase} của cùng một đơn vị: {by_unit[key].source} "
                f"(số {by_unit[key].report_number}) và {u.source} (số {u.report_number}); chỉ giữ một")))
        by_unit.setdefault(key, u)
    if problems:
        raise InputError(source, problems)
    names = {k for u in chosen for k in (_key(u.agency.name), _key(u.agency.short_name))}
    missing = tuple(e for e in expected if _key(e) not in names)
    return Summary(period=period, units=tuple(chosen), missing=missing, other_period=tuple(other))
