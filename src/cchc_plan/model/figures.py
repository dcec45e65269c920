"""One-stop figures — *kết quả giải quyết TTHC tại Bộ phận Một cửa* — per field and in total.

Counts are typed by the office or computed from an export of dossiers
(:mod:`cchc_plan.dossiers`); rates are always derived, never typed. Figures that
cannot all be true together are refused with the field named.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal

import attrs

from .._text import check_text, check_whole, text, text_field
from ..problems import InvalidModel, Problem

__all__ = ["FieldFigures", "OneStopFigures", "PreviousRates"]

_COUNTS = ("carried_over", "online", "in_person", "post", "early", "on_time", "late",
           "pending_in_time", "pending_overdue", "returned", "apologies")


def _count() -> int:
    return attrs.field(default=0)


def _rate(part: int, whole: int) -> Decimal | None:
    if whole == 0:
        return None
    return Decimal(part) * 100 / Decimal(whole)


@attrs.frozen(kw_only=True)
class FieldFigures:
    """The figures of one field — *lĩnh vực* — (or of all fields together) for a period.

    ``received`` = ``carried_over`` + new (``online`` + ``in_person`` + ``post``);
    every received dossier is resolved (``early``, ``on_time``, ``late``), still
    pending (``pending_in_time``, ``pending_overdue``) or ``returned``.
    """

    field: str = attrs.field(converter=text)
    """*Lĩnh vực*: ``Chứng thực``, ``Hộ tịch``, ``Đất đai`` …"""
    carried_over: int = _count()
    """*Kỳ trước chuyển sang*."""
    online: int = _count()
    """New dossiers received online — *trực tuyến*."""
    in_person: int = _count()
    """New dossiers received in person — *trực tiếp*."""
    post: int = _count()
    """New dossiers received by public post — *bưu chính công ích*."""
    early: int = _count()
    """Resolved before the due date — *trước hạn*."""
    on_time: int = _count()
    """Resolved on the due date — *đúng hạn*."""
    late: int = _count()
    """Resolved after the due date — *trễ hạn*."""
    pending_in_time: int = _count()
    """Still being resolved, within time — *đang giải quyết trong hạn*."""
    pending_overdue: int = _count()
    """Still being resolved, overdue — *đang giải quyết quá hạn*."""
    returned: int = _count()
    """Returned or withdrawn — *trả lại, rút hồ sơ*."""
    apologies: int = _count()
    """Apology letters sent — *thư xin lỗi*."""
    received_total: int | None = None
    """The total received as the source system states it; checked against the parts."""
    resolved_total: int | None = None
    """The total resolved as the source system states it; checked against the parts."""

    def __attrs_post_init__(self) -> None:
        problems = list(self._problems())
        if problems:
            raise InvalidModel(problems)

    def _problems(self) -> Iterator[Problem]:
        yield from check_text("field", self.field)
        bad_count = False
        for name in _COUNTS:
            value = getattr(self, name)
            found = list(check_whole(name, value, "số hồ sơ là số nguyên không âm", low=0))
            bad_count = bad_count or bool(found)
            yield from found
        if bad_count:
            return
        if self.received_total is not None and self.received_total != self.received:
            yield Problem(path="received_total", value=self.received_total,
                          rule=f"tổng tiếp nhận phải bằng kỳ trước chuyển sang + mới tiếp nhận "
                               f"= {self.carried_over} + {self.new} = {self.received}")
        if self.resolved_total is not None and self.resolved_total != self.resolved:
            yield Problem(path="resolved_total", value=self.resolved_total,
                          rule=f"tổng đã giải quyết phải bằng trước hạn + đúng hạn + trễ hạn "
                               f"= {self.early} + {self.on_time} + {self.late} = {self.resolved}")
        accounted = self.resolved + self.pending + self.returned
        if accounted != self.received:
            yield Problem(path="", value=None,
                          rule=f"số tiếp nhận ({self.received}) phải bằng đã giải quyết ({self.resolved}) "
                               f"+ đang giải quyết ({self.pending}) + trả lại ({self.returned}) = {accounted}")
        # A letter goes out when a dossier will be late, possibly before its due date passes.
        if self.apologies > self.late + self.pending:
            yield Problem(path="apologies", value=self.apologies,
                          rule=f"số thư xin lỗi không thể nhiều hơn số hồ sơ trễ hạn và đang giải quyết "
                               f"({self.late + self.pending})")

    @property
    def new(self) -> int:
        """*Mới tiếp nhận*: online + in person + post."""
        return self.online + self.in_person + self.post

    @property
    def received(self) -> int:
        """*Tổng tiếp nhận*: carried over + new."""
        return self.carried_over + self.new

    @property
    def resolved(self) -> int:
        """*Đã giải quyết*: early + on time + late."""
        return self.early + self.on_time + self.late

    @property
    def pending(self) -> int:
        """*Đang giải quyết*: within time + overdue."""
        return self.pending_in_time + self.pending_overdue

    @property
    def on_time_rate(self) -> Decimal | None:
        """(early + on time) / resolved, in percent; ``None`` when nothing was resolved."""
        return _rate(self.early + self.on_time, self.resolved)

    @property
    def online_share(self) -> Decimal | None:
        """Online / new, in percent; ``None`` when nothing new was received."""
        return _rate(self.online, self.new)

    @staticmethod
    def total(fields: Iterable[FieldFigures], name: str = "Tổng cộng") -> FieldFigures:
        """The sum of several fields' figures."""
        items = list(fields)
        return FieldFigures(field=name, **{c: sum(getattr(f, c) for f in items) for c in _COUNTS})


@attrs.frozen(kw_only=True)
class PreviousRates:
    """The previous period's rates, to compare with in percentage points."""

    on_time_rate: Decimal | None = None
    online_share: Decimal | None = None

    def __attrs_post_init__(self) -> None:
        problems = [Problem(path=name, value=v, rule="tỷ lệ phần trăm phải nằm trong khoảng 0–100")
                    for name in ("on_time_rate", "online_share")
                    if (v := getattr(self, name)) is not None and not Decimal(0) <= v <= 100]
        if problems:
            raise InvalidModel(problems)


def _as_tuple(values: Iterable[FieldFigures]) -> tuple[FieldFigures, ...]:
    return tuple(values)


@attrs.frozen(kw_only=True)
class OneStopFigures:
    """The one-stop figures of a period: one entry per field, the total derived."""

    fields: tuple[FieldFigures, ...] = attrs.field(converter=_as_tuple)
    previous: PreviousRates | None = None
    source: str | None = text_field(default=None)
    """Where the figures come from (``Hệ thống thông tin giải quyết TTHC tỉnh``, a file …)."""

    def __attrs_post_init__(self) -> None:
        problems: list[Problem] = []
        if not self.fields:
            problems.append(Problem(path="fields", rule="cần số liệu của ít nhất một lĩnh vực"))
        seen: dict[str, int] = {}
        for i, f in enumerate(self.fields):
            if f.field in seen:
                problems.append(Problem(path=f"fields[{i}].field", value=f.field,
                                        rule=f"lĩnh vực trùng với fields[{seen[f.field]}]"))
            seen.setdefault(f.field, i)
        problems += check_text("source", self.source, required=False)
        if problems:
            raise InvalidModel(problems)

    def previous_values(self) -> tuple[Decimal, ...]:
        """The previous period's rates the figures are compared with."""
        p = self.previous
        return tuple(v for v in (p.on_time_rate, p.online_share) if v is not None) if p else ()

    @property
    def total(self) -> FieldFigures:
        """All fields together."""
        return FieldFigures.total(self.fields)
