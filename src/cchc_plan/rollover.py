"""Next year's plan from this year's — *xây dựng kế hoạch năm sau từ kế hoạch năm nay*.

The plan's own year moves forward in its texts and deadlines; the number and date
are cleared (a draft); targets are kept. What a cited document says of itself —
its number and date, "Quyết định số 3134/QĐ-UBND ngày 24/12/2022", "Nghị định số
09/2019/NĐ-CP", "giai đoạn 2021-2025", "ISO 9001:2015" — never changes. Anything
that needs a person's eye is listed: the cited documents, other years in the
text, and (given last year's report) the targets already met.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import attrs

from .deadline import Deadline
from .model import (
    TWO_TIER_SINCE,
    Level,
    Appendix,
    AppendixGroup,
    AppendixItem,
    Area,
    Implementation,
    Opening,
    Output,
    Plan,
    UnitDuty,
)
from .vnformat import short_date

if TYPE_CHECKING:
    from .report import Report

__all__ = ["Change", "Rollover", "next_year"]

# Spans in which a year is part of a reference and must stay as it is.
_PROTECTED = re.compile(
    r"số\s+\S+(?:\s+ngày\s+\d{1,2}(?:/\d{1,2}/\d{4}|\s+tháng\s+\d{1,2}\s+năm\s+\d{4}))?"  # số 07/KH-UBND ngày …
    r"|\d{1,2}/\d{1,2}/\d{4}"  # a date
    r"|ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}"  # a long date
    r"|\d+(?:/\d{4})?/[A-ZĐ][\w-]*"  # a document number such as 09/2019/NĐ-CP, 45/2018/QĐ-TTg
    r"|\d{4}\s*[-–]\s*\d{4}"  # a range of years
    r"|:\s*\d{4}"  # ISO 9001:2015
)
_DISTRICT = re.compile(r"\bhuyện\b", re.I)
_YEAR = re.compile(r"(?<![\d/])(?:19|20|21)\d{2}(?![\d/])")


@attrs.frozen(kw_only=True)
class Change:
    """One change the roll-over made: where, before, after."""

    path: str
    before: str
    after: str


@attrs.frozen(kw_only=True)
class Rollover:
    """The next year's plan, what changed, and what a person should look at."""

    plan: Plan
    changes: tuple[Change, ...]
    review: tuple[str, ...]


def _shift_text(text: str, old: int, new: int) -> tuple[str, list[str]]:
    """``text`` with the plan's own year moved; also the other years it mentions."""
    protected = [m.span() for m in _PROTECTED.finditer(text)]

    def free(start: int, end: int) -> bool:
        return not any(a <= start and end <= b for a, b in protected)

    others: list[str] = []
    out, last = [], 0
    for m in _YEAR.finditer(text):
        if not free(*m.span()):
            continue
        if int(m.group()) == old:
            out.append(text[last:m.start()])
            out.append(str(new))
            last = m.end()
        else:
            others.append(m.group())
    out.append(text[last:])
    return "".join(out), others


class _Shifter:
    def __init__(self, old: int, new: int) -> None:
        self.old, self.new = old, new
        self.changes: list[Change] = []
        self.other_years: list[tuple[str, str]] = []

    def text(self, path: str, value: str) -> str:
        shifted, others = _shift_text(value, self.old, self.new)
        if shifted != value:
            self.changes.append(Change(path=path, before=value, after=shifted))
        self.other_years += [(path, y) for y in others]
        return shifted

    def optional(self, path: str, value: str | None) -> str | None:
        return None if value is None else self.text(path, value)

    def texts(self, path: str, values: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(self.text(f"{path}[{i}]", v) for i, v in enumerate(values))

    def deadline(self, path: str, value: Deadline | None) -> Deadline | None:
        if value is None:
            return None
        moved = value.shifted(self.new - self.old)
        if moved != value:
            self.changes.append(Change(path=path, before=value.text, after=moved.text))
        return moved

    def each(self, path: str, items: tuple[Any, ...], fn: Callable[[str, Any], Any]) -> tuple[Any, ...]:
        return tuple(fn(f"{path}[{i}]", item) for i, item in enumerate(items))


def _area(s: _Shifter, path: str, area: Area) -> Area:
    return attrs.evolve(
        area, title=s.text(f"{path}.title", area.title),
        targets=s.each(f"{path}.targets", area.targets,
                       lambda p, t: attrs.evolve(t, text=s.text(f"{p}.text", t.text))),
        tasks=s.texts(f"{path}.tasks", area.tasks))


def _item(s: _Shifter, path: str, item: AppendixItem) -> AppendixItem:
    def output(p: str, o: Output) -> Output:
        return attrs.evolve(o, text=s.text(f"{p}.text", o.text), deadline=s.deadline(f"{p}.deadline", o.deadline))

    return attrs.evolve(item, content=s.text(f"{path}.content", item.content),
                        outputs=s.each(f"{path}.outputs", item.outputs, output))


def _appendix(s: _Shifter, appendix: Appendix | None) -> Appendix | None:
    if appendix is None:
        return None

    def group(p: str, g: AppendixGroup) -> AppendixGroup:
        return attrs.evolve(g, title=s.text(f"{p}.title", g.title),
                            items=s.each(f"{p}.items", g.items, lambda q, it: _item(s, q, it)))

    return attrs.evolve(appendix, title=s.text("appendix.title", appendix.title),
                        groups=s.each("appendix.groups", appendix.groups, group))


def _implementation(s: _Shifter, impl: Implementation) -> Implementation:
    def duty(p: str, d: UnitDuty) -> UnitDuty:
        return attrs.evolve(d, text=s.optional(f"{p}.text", d.text), items=s.texts(f"{p}.items", d.items))

    return attrs.evolve(
        impl, general=s.text("implementation.general", impl.general),
        general_items=s.texts("implementation.general_items", impl.general_items),
        duties=s.each("implementation.duties", impl.duties, duty),
        closing=s.optional("implementation.closing", impl.closing))


def next_year(plan: Plan, year: int | None = None, *, report: Report | None = None) -> Rollover:
    """The plan for ``year`` (default: the next one) as a draft, with its changes and review list.

    ``report`` — last year's report on ``plan`` — adds the targets already met to the review.
    """
    new = plan.year + 1 if year is None else year
    if new <= plan.year:
        raise ValueError(f"năm mới ({new}) phải sau năm kế hoạch ({plan.year})")
    s = _Shifter(plan.year, new)
    two_tier = new > TWO_TIER_SINCE.year and not plan.two_tier
    if two_tier and plan.issuer.level is Level.DISTRICT:
        raise ValueError(f"từ 01/7/2025 không còn cấp huyện: không lập được kế hoạch năm {new} "
                         f"cho {plan.issuer.short_name}")
    issuer, recipients, tier_changes = plan.issuer, plan.recipients, []
    if two_tier:
        if issuer.district is not None:
            tier_changes.append(Change(path="issuer.district", before=issuer.district, after="(bỏ)"))
            issuer = attrs.evolve(issuer, district=None)
        kept = tuple(r for r in recipients if not _DISTRICT.search(r))
        tier_changes += [Change(path=f"recipients[{i}]", before=r, after="(bỏ)")
                         for i, r in enumerate(recipients) if _DISTRICT.search(r)]
        recipients = kept or ("UBND tỉnh",)
    opening = Opening(bases=plan.opening.bases, closing=s.text("opening.closing", plan.opening.closing))
    rolled = attrs.evolve(
        plan,
        issuer=issuer,
        recipients=recipients,
        year=new,
        number=attrs.evolve(plan.number, serial=None),
        date=None,
        subject=s.text("subject", plan.subject),
        opening=opening,
        objectives=s.texts("objectives", plan.objectives),
        requirements=s.texts("requirements", plan.requirements),
        areas=s.each("areas", plan.areas, lambda p, a: _area(s, p, a)),
        tasks_note=s.optional("tasks_note", plan.tasks_note),
        implementation=_implementation(s, plan.implementation),
        appendix=_appendix(s, plan.appendix),
    )
    review = _review(plan, s, report)
    if two_tier:
        review.insert(0, f"năm {new}: chính quyền địa phương hai cấp — đã bỏ cấp huyện khỏi cơ quan ban hành "
                         "và nơi nhận; căn cứ và nơi nhận nay là văn bản, cơ quan cấp tỉnh")
    return Rollover(plan=rolled, changes=(
        Change(path="number", before=str(plan.number), after=f"/{plan.number.symbol} (dự thảo)"),
        Change(path="date", before=short_date(plan.date) if plan.date else "", after="(chưa có)"),
        *tier_changes, *s.changes), review=tuple(review))


def _review(plan: Plan, s: _Shifter, report: Report | None) -> list[str]:
    review: list[str] = []
    for b, basis in enumerate(plan.opening.bases):
        for d, doc in enumerate(basis.documents):
            review.append(f"opening.bases[{b}].documents[{d}]: văn bản căn cứ của kế hoạch cũ — "
                          f"{doc.text()[:90]}; thay bằng văn bản của năm {s.new} nếu có")
    seen: set[tuple[str, str]] = set()
    for path, year in s.other_years:
        if (path, year) not in seen:
            seen.add((path, year))
            review.append(f"{path}: nhắc đến năm {year} — kiểm tra có cần đổi không")
    if report is not None:
        for o in report.outcomes():
            if o.met:
                review.append(f"chỉ tiêu đã đạt trong năm {plan.year}: {o.measure.metric} "
                              f"({o.measure.comparator.value} {o.measure.value}) — cân nhắc nâng mức")
    return review

