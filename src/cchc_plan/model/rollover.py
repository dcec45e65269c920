"""Next year's plan from this year's — *xây dựng kế hoạch năm sau từ kế hoạch năm nay*.

The plan's own year moves forward in its texts and deadlines; the number and date
are cleared (a draft); targets are kept. What a cited document says of itself —
its number and date, "Quyết định số 3134/QĐ-UBND ngày 24/12/2022", "Nghị định số
09/2019/NĐ-CP", "giai đoạn 2021-2025", "ISO 9001:2015" — never changes. Anything
that needs a person's eye is listed: the cited documents, other years in the
text, and (given last year's report) the targets already met.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, cast

import attrs

from .deadline import Deadline
from .plan import TWO_TIER_SINCE, Decision, Level, Plan
from .textmap import map_texts
from .units import level_word, proposed_unit
from ..vnformat import short_date

if TYPE_CHECKING:
    from .report import Report

__all__ = ["Change", "Rollover", "next_year"]

# Spans in which a year is part of a reference and must stay as it is.
_PROTECTED = re.compile(
    r"số\s+\S+(?:\s+ngày\s+\d{1,2}(?:/\d{1,2}/\d{4}|\s+tháng\s+\d{1,2}\s+năm\s+\d{4}))?"  # số 07/KH-UBND ngày …
    r"|(?<!\d)\d+(?:/\d{4})?/[A-ZĐ][\w-]*"  # a document number: 09/2019/NĐ-CP (from its first digit)
    r"(?:\s+ngày\s+\d{1,2}(?:/\d{1,2}/\d{4}|\s+tháng\s+\d{1,2}\s+năm\s+\d{4}))?"  # … and its date
    r"|\d{4}\s*[-–]\s*\d{4}"  # a range of years
    r"|:\s*\d{4}"  # ISO 9001:2015
)
_DISTRICT = re.compile(r"\bhuyện\b", re.I)
# A mention of the district level, gone from 1/7/2025: the word, and its offices named without it.
_DISTRICT_MENTION = re.compile(
    r"(?<!\w)(?:huyện|quận|thị xã)(?!\w)"
    r"|(?<!\w)Phòng (?:Nội vụ|Tư pháp|Tài chính - Kế hoạch|Tài nguyên và Môi trường|Kinh tế và Hạ tầng"
    r"|Quản lý đô thị|Lao động - Thương binh và Xã hội|Văn hóa và Thông tin|Văn hóa - Thông tin"
    r"|Giáo dục và Đào tạo|Y tế|Nông nghiệp và Phát triển nông thôn)(?!\w)"
    r"|(?<!\w)Thanh tra huyện(?!\w)", re.I)
_YEAR = re.compile(r"(?<!\d)(?:19|20|21)\d{2}(?!\d)")


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
    starts = [a for a, _ in protected]

    def free(start: int, end: int) -> bool:
        # the spans do not overlap and come in order: only the last one starting at or
        # before ``start`` can hold the year (a search, not a scan of every span)
        i = bisect.bisect_right(starts, start) - 1
        return not (i >= 0 and end <= protected[i][1])

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
    """Moves the plan's own year in texts and deadlines, recording every change."""

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

    def deadline(self, path: str, value: Deadline) -> Deadline:
        moved = value.shifted(self.new - self.old)
        if moved != value:
            self.changes.append(Change(path=path, before=value.text, after=moved.text))
        return moved


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
    decision, decision_changes = _rolled_decision(plan, s, two_tier)
    rolled = map_texts(plan, s.text, s.deadline, issuer=issuer, recipients=recipients, year=new,
                       number=attrs.evolve(plan.number, serial=None), date=None, issued_by=decision)
    review = _review(plan, s, report)
    if new > TWO_TIER_SINCE.year:
        review[:0] = _unit_proposals(rolled)
    if two_tier:
        mentions = list(_district_mentions(rolled))
        review[:0] = [f"năm {new}: chính quyền địa phương hai cấp — đã bỏ cấp huyện khỏi cơ quan ban hành "
                      "và nơi nhận; căn cứ và nơi nhận nay là văn bản, cơ quan cấp tỉnh"
                      + (f"; còn {len(mentions)} chỗ nhắc đến cấp huyện, liệt kê dưới đây" if mentions else ""),
                      *mentions]
    draft: list[Change] = []
    if plan.number.serial is not None:
        draft.append(Change(path="number", before=str(plan.number), after=f"/{plan.number.symbol} (dự thảo)"))
    if plan.date is not None:
        draft.append(Change(path="date", before=short_date(plan.date), after="(chưa có)"))
    return Rollover(plan=rolled, changes=(*draft, *decision_changes, *tier_changes, *s.changes),
                    review=tuple(review))


def _rolled_decision(plan: Plan, s: _Shifter, two_tier: bool) -> tuple[Decision | None, list[Change]]:
    """The decision that issues next year's plan: a draft (no number, no date), its texts moved."""
    decision = plan.issued_by
    if decision is None:
        return None, []
    changes: list[Change] = []
    if decision.number.serial is not None:
        changes.append(Change(path="issued_by.number", before=str(decision.number),
                              after=f"/{decision.number.symbol} (dự thảo)"))
    if decision.date is not None:
        changes.append(Change(path="issued_by.date", before=short_date(decision.date), after="(chưa có)"))
    recipients = decision.recipients
    if two_tier and recipients is not None:
        changes += [Change(path=f"issued_by.recipients[{i}]", before=r, after="(bỏ)")
                    for i, r in enumerate(recipients) if _DISTRICT.search(r)]
        recipients = tuple(r for r in recipients if not _DISTRICT.search(r))
    subject = None if decision.subject is None else s.text("issued_by.subject", decision.subject)
    rolled = attrs.evolve(decision, number=attrs.evolve(decision.number, serial=None), date=None,
                          subject=subject, proposal=None if decision.proposal is None else
                          s.text("issued_by.proposal", decision.proposal),
                          effect=s.text("issued_by.effect", decision.effect), recipients=recipients)
    return rolled, changes


def _texts(value: object, path: str = "") -> Iterator[tuple[str, str]]:
    """Every text of a model object with its field path (as in the YAML file)."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, tuple):
        for i, item in enumerate(value):
            yield from _texts(item, f"{path}[{i}]")
    elif attrs.has(type(value)):
        for f in attrs.fields(cast(Any, type(value))):
            yield from _texts(getattr(value, f.name), f"{path}.{f.name}" if path else f.name)


def _district_mentions(plan: Plan) -> Iterator[str]:
    """A review line for every text of ``plan`` that still names the district level, with its path."""
    for path, text in _texts(plan):
        found = list(dict.fromkeys(m.group() for m in _DISTRICT_MENTION.finditer(text)))
        if not found:
            continue
        m = _DISTRICT_MENTION.search(text)
        assert m is not None
        start, end = max(0, m.start() - 30), min(len(text), m.end() + 30)
        around = ("…" if start else "") + " ".join(text[start:end].split()) + ("…" if end < len(text) else "")
        words = ", ".join(f'"{w}"' for w in found)
        yield (f"{path}: còn nhắc đến cấp huyện ({words}: {around}) — từ 01/7/2025 không còn cấp huyện; "
               "sửa cho chính quyền hai cấp")


def _unit_proposals(plan: Plan) -> Iterator[str]:
    """For each unit named as before 1/7/2025, the body that took over its work — proposed, not applied."""
    named = level_word(plan.issuer.name)
    level = named[0] if named and named[0] in ("xã", "phường", "đặc khu") else "xã"
    for i, unit in enumerate(plan.units):
        body = proposed_unit(unit.name, level)
        if body is not None:
            yield (f"units[{i}] ({unit.name}): từ 01/7/2025 {level} có các cơ quan theo Nghị định 150/2025/NĐ-CP — "
                   f"đề xuất thay bằng {body['name']} (key {body['key']}; hoặc units_preset: {level}); "
                   "đối chiếu với quyết định của tỉnh trước khi sửa")


def _review(plan: Plan, s: _Shifter, report: Report | None) -> list[str]:
    review: list[str] = []
    for b, basis in enumerate(plan.opening.bases):
        for d, doc in enumerate(basis.documents):
            cited = " ".join(p for p in (doc.kind, f"số {doc.number}" if doc.number else "",
                                         f"ngày {short_date(doc.date)}" if doc.date else "") if p)
            review.append(f"opening.bases[{b}].documents[{d}]: căn cứ của kế hoạch năm {plan.year} "
                          f"({cited}) — thay bằng văn bản áp dụng cho năm {s.new} nếu có")
    if plan.issued_by is not None:
        for b, basis in enumerate(plan.issued_by.bases):
            for d, doc in enumerate(basis.documents):
                if doc.number is None:  # a law: stays
                    continue
                cited = " ".join(p for p in (doc.kind, f"số {doc.number}",
                                             f"ngày {short_date(doc.date)}" if doc.date else "") if p)
                review.append(f"issued_by.bases[{b}].documents[{d}]: căn cứ của quyết định năm {plan.year} "
                              f"({cited}) — thay bằng văn bản áp dụng cho năm {s.new} nếu có")
    if plan.registry is not None:
        review.append(f"registry: hồ sơ, số thứ tự và hạn trả lời của năm {plan.year} — đổi theo danh mục "
                      f"hồ sơ năm {s.new}")
    seen: set[tuple[str, str]] = set()
    for path, year in s.other_years:
        if (path, year) not in seen:
            seen.add((path, year))
            review.append(f"{path}: nhắc đến năm {year} — kiểm tra có cần đổi không")
    if report is not None:
        for o in report.outcomes():
            if o.met:
                asked = o.measure.requirement()
                review.append(f"chỉ tiêu đã đạt trong năm {plan.year}: {o.measure.metric} "
                              f"({asked[0].lower()}{asked[1:]}) — cân nhắc đặt mức mới cho năm {s.new}")
    return review

