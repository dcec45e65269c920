"""One-stop figures — *kết quả giải quyết TTHC tại Bộ phận Một cửa* — as offices report them.

Counts are typed by the office, copied from a portal, or computed from an export of
dossiers (:mod:`cchc_plan.dossiers`). Any subset of them may be given: what is absent
is ``None`` — never printed nor computed as zero — and a sum is known only when all its
parts are (or when the source states it). Rates are always derived, on a declared base.

The identities between the counts depend on how the office counts
(:class:`Conventions`). Where given numbers contradict them, the finding names the
numbers ("257.141 đã giải quyết ≠ 124.907 + 102.770 + 19.852 = 247.529"): an error for
figures the office typed; a warning, printed by ``validate`` and optionally noted in the
report, for figures taken from a named ``source`` (a portal's table is reported as it is).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

import attrs

from .._text import check_text, check_whole, text, text_field
from ..problems import InvalidModel, Problem
from ..vnformat import number

__all__ = [
    "ChangeUnit",
    "Conventions",
    "FieldFigures",
    "LevelPrevious",
    "OneStopFigures",
    "PendingInTime",
    "Place",
    "PreviousRates",
    "RateBase",
    "Returned",
    "TableLayout",
]

_COUNTS = ("carried_over", "online", "in_person", "post", "early", "on_time", "late",
           "pending_in_time", "pending_overdue", "returned", "apologies")
_STATED = ("received_total", "new_total", "resolved_total", "pending_total")


class PendingInTime(enum.Enum):
    """Where dossiers still pending within time are counted."""

    SEPARATE = "separate"
    """Only under *đang giải quyết trong hạn* (the default)."""
    IN_ON_TIME = "in_on_time"
    """Also inside *đúng hạn* — "đúng hạn (kể cả hồ sơ đang giải quyết trong hạn)"; they are then
    part of *đã giải quyết* as the office reports it."""


class Returned(enum.Enum):
    """Where returned or withdrawn dossiers are counted."""

    SEPARATE = "separate"
    """Under *trả lại, rút hồ sơ*, apart from resolved and pending (the default)."""
    IN_ON_TIME = "in_on_time"
    """Inside *đúng hạn* (a production one-stop system counts them so)."""


class Place(enum.Enum):
    """Which unit a dossier is counted at."""

    RECEIVED_HERE = "received_here"
    """Where it was received (the default; since 1/7/2025 dossiers are received regardless of
    administrative boundary, Nghị định 118/2025/NĐ-CP)."""
    RESOLVED_HERE = "resolved_here"
    """Where it was resolved, wherever it was received."""


class RateBase(enum.Enum):
    """What the on-time rate is computed on."""

    RESOLVED = "resolved"
    """(early + on time) / *đã giải quyết* (the default)."""
    RECEIVED = "received"
    """(early + on time) / *tiếp nhận*."""


class ChangeUnit(enum.Enum):
    """How the change against the previous period is worded."""

    POINTS = "points"
    """``tăng 0,10 điểm phần trăm so với kỳ trước``."""
    PERCENT = "percent"
    """``tăng 0,10% so với năm 2022`` — the same difference, with the % sign as many reports write it."""


_PENDING_WORDS = {
    PendingInTime.SEPARATE: "hồ sơ đang giải quyết trong hạn được tính riêng, không tính vào số đúng hạn",
    PendingInTime.IN_ON_TIME: "hồ sơ đang giải quyết trong hạn được tính vào số hồ sơ đúng hạn",
}
_RETURNED_WORDS = {
    Returned.SEPARATE: "hồ sơ trả lại, rút hồ sơ được tính riêng",
    Returned.IN_ON_TIME: "hồ sơ trả lại, rút hồ sơ được tính vào số hồ sơ đúng hạn",
}
_PLACE_WORDS = {
    Place.RECEIVED_HERE: "hồ sơ được tính tại nơi tiếp nhận (tiếp nhận không phụ thuộc địa giới hành chính "
                         "theo Nghị định số 118/2025/NĐ-CP)",
    Place.RESOLVED_HERE: "hồ sơ được tính tại nơi giải quyết, không phụ thuộc nơi tiếp nhận",
}


@attrs.frozen(kw_only=True)
class Conventions:
    """How the office counts — *cách tính số liệu* — stated in the report and used by the identities."""

    pending_in_time: PendingInTime = PendingInTime.SEPARATE
    returned: Returned = Returned.SEPARATE
    place: Place = Place.RECEIVED_HERE

    def sentence(self) -> str:
        """``Cách tính: hồ sơ đang giải quyết trong hạn …; …; ….``"""
        parts = (_PENDING_WORDS[self.pending_in_time], _RETURNED_WORDS[self.returned], _PLACE_WORDS[self.place])
        return "Cách tính: " + "; ".join(parts) + "."


DEFAULT_CONVENTIONS = Conventions()


def _sum(*values: int | None) -> int | None:
    return None if any(v is None for v in values) else sum(v for v in values if v is not None)


def _rate(part: int | None, whole: int | None) -> Decimal | None:
    if part is None or whole is None or whole == 0:
        return None
    return Decimal(part) * 100 / Decimal(whole)


def _n(value: int) -> str:
    return number(value)


@attrs.frozen(kw_only=True)
class PreviousRates:
    """The previous period's rates, to compare with."""

    on_time_rate: Decimal | None = None
    online_share: Decimal | None = None

    def __attrs_post_init__(self) -> None:
        problems = [Problem(path=name, value=v, rule="tỷ lệ phần trăm phải nằm trong khoảng 0–100")
                    for name in ("on_time_rate", "online_share")
                    if (v := getattr(self, name)) is not None and not Decimal(0) <= v <= 100]
        if problems:
            raise InvalidModel(problems)

    def values(self) -> tuple[Decimal, ...]:
        """The rates given."""
        return tuple(v for v in (self.on_time_rate, self.online_share) if v is not None)


@attrs.frozen(kw_only=True)
class FieldFigures:
    """The figures of one row — a field (*lĩnh vực*), a unit (*đơn vị*), a level, or a total — for a period.

    Each count may be absent (``None``). ``received`` = ``carried_over`` + new
    (``online`` + ``in_person`` + ``post``); ``resolved`` = ``early`` + ``on_time`` +
    ``late``; ``pending`` = ``pending_in_time`` + ``pending_overdue``; where the source
    states a total (``received_total`` …) it is the one used and printed, and checked
    against its parts (:meth:`findings`).
    """

    field: str = attrs.field(converter=text)
    """The row's name: a *lĩnh vực* (``Hộ tịch``), or a unit (``UBND xã Lộc Bình``)."""
    carried_over: int | None = None
    """*Kỳ trước chuyển sang*."""
    online: int | None = None
    """New dossiers received online — *trực tuyến*."""
    in_person: int | None = None
    """New dossiers received in person — *trực tiếp*."""
    post: int | None = None
    """New dossiers received by public post — *bưu chính công ích*."""
    early: int | None = None
    """Resolved before the due date — *trước hạn*."""
    on_time: int | None = None
    """Resolved on the due date — *đúng hạn* (see :class:`Conventions` for what else it may hold)."""
    late: int | None = None
    """Resolved after the due date — *trễ hạn, quá hạn*."""
    pending_in_time: int | None = None
    """Still being resolved, within time — *đang giải quyết trong hạn*."""
    pending_overdue: int | None = None
    """Still being resolved, overdue — *đang giải quyết quá hạn*."""
    returned: int | None = None
    """Returned or withdrawn — *trả lại, rút hồ sơ*."""
    apologies: int | None = None
    """Apology letters sent — *thư xin lỗi*."""
    received_total: int | None = None
    """*Tổng tiếp nhận* as the source states it."""
    new_total: int | None = None
    """*Mới tiếp nhận trong kỳ* as the source states it."""
    resolved_total: int | None = None
    """*Đã giải quyết* as the source states it."""
    pending_total: int | None = None
    """*Đang giải quyết* as the source states it."""
    level: str | None = text_field(default=None)
    """The unit's level, for rows per unit: ``Cấp huyện``, ``Cấp xã``, ``Cấp tỉnh``."""
    previous: PreviousRates | None = None
    """This row's rates in the previous period."""

    def __attrs_post_init__(self) -> None:
        problems = list(check_text("field", self.field))
        problems += check_text("level", self.level, required=False)
        for name in (*_COUNTS, *_STATED):
            value = getattr(self, name)
            if value is not None:
                problems += check_whole(name, value, "số hồ sơ là số nguyên không âm", low=0)
        if problems:
            raise InvalidModel(problems)

    # ------------------------------------------------------------------ derived

    @property
    def new(self) -> int | None:
        """*Mới tiếp nhận*: as stated, or online + in person + post."""
        return self.new_total if self.new_total is not None else _sum(self.online, self.in_person, self.post)

    @property
    def received(self) -> int | None:
        """*Tổng tiếp nhận*: as stated, or carried over + new."""
        return self.received_total if self.received_total is not None else _sum(self.carried_over, self.new)

    @property
    def resolved(self) -> int | None:
        """*Đã giải quyết*: as stated, or early + on time + late."""
        if self.resolved_total is not None:
            return self.resolved_total
        return _sum(self.early, self.on_time, self.late)

    @property
    def pending(self) -> int | None:
        """*Đang giải quyết*: as stated, or within time + overdue."""
        if self.pending_total is not None:
            return self.pending_total
        return _sum(self.pending_in_time, self.pending_overdue)

    @property
    def in_time(self) -> int | None:
        """Early + on time."""
        return _sum(self.early, self.on_time)

    @property
    def on_time_rate(self) -> Decimal | None:
        """(early + on time) / resolved, in percent; ``None`` when it cannot be computed."""
        return _rate(self.in_time, self.resolved)

    def on_time_rate_on(self, base: RateBase) -> Decimal | None:
        """(early + on time) over ``base`` (resolved or received), in percent."""
        return _rate(self.in_time, self.resolved if base is RateBase.RESOLVED else self.received)

    @property
    def online_share(self) -> Decimal | None:
        """Online / new, in percent; ``None`` when it cannot be computed."""
        return _rate(self.online, self.new)

    # ------------------------------------------------------------------ identities

    def findings(self, conventions: Conventions = DEFAULT_CONVENTIONS) -> Iterator[Problem]:
        """Where the given numbers contradict each other under ``conventions``, each naming the numbers."""
        totals = [
            *_identity("new_total", self.new_total, "mới tiếp nhận",
                       (("trực tuyến", self.online), ("trực tiếp", self.in_person), ("bưu chính", self.post))),
            *_identity("received_total", self.received_total, "tiếp nhận",
                       (("kỳ trước chuyển sang", self.carried_over), ("mới tiếp nhận", self.new))),
            *_identity("resolved_total", self.resolved_total, "đã giải quyết",
                       (("trước hạn", self.early), ("đúng hạn", self.on_time), ("trễ hạn", self.late))),
            *_identity("pending_total", self.pending_total, "đang giải quyết",
                       (("trong hạn", self.pending_in_time), ("quá hạn", self.pending_overdue))),
        ]
        yield from totals
        pending_in_time = conventions.pending_in_time is PendingInTime.IN_ON_TIME
        returned_in_time = conventions.returned is Returned.IN_ON_TIME
        accounted: list[tuple[str, int | None]] = [("đã giải quyết", self.resolved)]
        accounted.append(("đang giải quyết quá hạn", self.pending_overdue) if pending_in_time
                         else ("đang giải quyết", self.pending))
        if not returned_in_time:
            accounted.append(("trả lại, rút", self.returned))
        if not totals:  # a stated total that contradicts its parts is told once, not again through it
            yield from _identity("", self.received, "tiếp nhận", tuple(accounted))
        inside = [("đang giải quyết trong hạn", self.pending_in_time)] if pending_in_time else []
        inside += [("trả lại, rút", self.returned)] if returned_in_time else []
        if inside and self.on_time is not None:
            known = [(w, v) for w, v in inside if v is not None]
            held = sum(v for _, v in known)
            if held > self.on_time:
                yield Problem(path="on_time", value=self.on_time, code="figures.mismatch", rule=(
                    f"{_n(self.on_time)} đúng hạn < {' + '.join(_n(v) for _, v in known)} = {_n(held)} "
                    f"({' + '.join(w for w, _ in known)}, được tính trong số đúng hạn theo cách tính đã ghi)"))
        late = _sum(self.late, self.pending)
        # A letter goes out when a dossier will be late, possibly before its due date passes.
        if self.apologies is not None and late is not None and self.apologies > late:
            yield Problem(path="apologies", value=self.apologies, code="figures.mismatch",
                          rule=f"{_n(self.apologies)} thư xin lỗi > {_n(late)} hồ sơ trễ hạn và đang giải quyết")

    @staticmethod
    def total(fields: Iterable[FieldFigures], name: str = "Tổng cộng", level: str | None = None) -> FieldFigures:
        """The sum of several rows: a count is summed where every row gives it (else it stays absent)."""
        items = list(fields)
        counts: dict[str, Any] = {c: _sum(*(getattr(f, c) for f in items)) for c in _COUNTS}
        parts = FieldFigures(field=name, level=level, **counts)
        # A total is stated only where the summed parts would not give it (a row states its own).
        stated: dict[str, Any] = {}
        for total, derived in (("received_total", "received"), ("new_total", "new"),
                               ("resolved_total", "resolved"), ("pending_total", "pending")):
            value = _sum(*(getattr(f, derived) for f in items))
            if value != getattr(parts, derived):
                stated[total] = value
        return attrs.evolve(parts, **stated) if stated else parts


def _identity(path: str, total: int | None, label: str,
              parts: tuple[tuple[str, int | None], ...]) -> Iterator[Problem]:
    """``total`` against the sum of ``parts``: equal when all are known, not exceeded by the known ones."""
    if total is None:
        return
    known = [(w, v) for w, v in parts if v is not None]
    if not known:
        return
    s = sum(v for _, v in known)
    sums = " + ".join(_n(v) for _, v in known)
    words = " + ".join(w for w, _ in known)
    if len(known) == len(parts) and s != total:
        yield Problem(path=path, value=total, code="figures.mismatch",
                      rule=f"{_n(total)} {label} ≠ {sums} = {_n(s)} ({words})")
    elif len(known) < len(parts) and s > total:
        yield Problem(path=path, value=total, code="figures.mismatch",
                      rule=f"{_n(total)} {label} < {sums} = {_n(s)} ({words})")


def _as_tuple(values: Iterable[FieldFigures]) -> tuple[FieldFigures, ...]:
    return tuple(values)


@attrs.frozen(kw_only=True)
class LevelPrevious:
    """The previous period's rates of one level's rows together: ``{level: Cấp xã, previous: {…}}``."""

    level: str = attrs.field(converter=text)
    previous: PreviousRates

    def __attrs_post_init__(self) -> None:
        problems = list(check_text("level", self.level))
        if problems:
            raise InvalidModel(problems)


def _levels_tuple(values: Iterable[LevelPrevious]) -> tuple[LevelPrevious, ...]:
    return tuple(values)


class TableLayout(enum.Enum):
    """How the one-stop appendix is laid out."""

    STANDARD = "standard"
    """Per field: received by channel, resolved, pending, returned, apologies, on-time rate."""
    OFFICIAL_FORM = "official_form"
    """The column layout of the official statistics form, per unit (or field)."""


@attrs.frozen(kw_only=True)
class OneStopFigures:
    """The one-stop figures of a period: rows per field and/or per unit, the totals derived.

    ``source`` names where the figures were taken from (``Cổng dịch vụ công tỉnh, trích xuất
    ngày 15/12/2023``): their contradictions are then warnings (:meth:`warnings`), reported
    as they are; without it the figures are the office's own and a contradiction is refused.
    """

    fields: tuple[FieldFigures, ...] = attrs.field(default=(), converter=_as_tuple)
    units: tuple[FieldFigures, ...] = attrs.field(default=(), converter=_as_tuple)
    """Rows per unit (*đơn vị*), each with its :attr:`~FieldFigures.level`."""
    previous: PreviousRates | None = None
    """The previous period's rates of the total."""
    source: str | None = text_field(default=None)
    """Where the figures come from (``Hệ thống thông tin giải quyết TTHC tỉnh``, a file …)."""
    conventions: Conventions | None = None
    """How the office counts; stated under the appendix's table when given."""
    rate_base: RateBase = RateBase.RESOLVED
    change: ChangeUnit = ChangeUnit.POINTS
    """How a change against the previous period is worded."""
    previous_label: str | None = text_field(default=None)
    """How the previous period is named: ``năm 2022`` (default ``kỳ trước``)."""
    note_mismatches: bool = False
    """Print the warnings of figures from a source under the appendix's table."""
    layout: TableLayout = TableLayout.STANDARD
    level_previous: tuple[LevelPrevious, ...] = attrs.field(default=(), converter=_levels_tuple)
    """The previous period's rates of each level's subtotal row."""

    def __attrs_post_init__(self) -> None:
        problems: list[Problem] = []
        if not self.fields and not self.units:
            problems.append(Problem(path="fields", rule="cần số liệu của ít nhất một lĩnh vực (fields) "
                                                       "hoặc một đơn vị (units)"))
        for name in ("fields", "units"):
            seen: dict[str, int] = {}
            for i, f in enumerate(getattr(self, name)):
                if f.field in seen:
                    problems.append(Problem(path=f"{name}[{i}].field", value=f.field,
                                            rule=f"trùng tên với {name}[{seen[f.field]}]"))
                seen.setdefault(f.field, i)
        problems += check_text("source", self.source, required=False)
        problems += check_text("previous_label", self.previous_label, required=False)
        if not isinstance(self.note_mismatches, bool):
            problems.append(Problem(path="note_mismatches", value=self.note_mismatches, rule="ghi true hoặc false"))
        levels = {u.level for u in self.units}
        for i, lp in enumerate(self.level_previous):
            if lp.level not in levels:
                problems.append(Problem(path=f"level_previous[{i}].level", value=lp.level,
                                        rule="không có đơn vị nào (units) thuộc cấp này"))
        if not problems and self.source is None:
            problems += self.mismatches()
        if problems:
            raise InvalidModel(problems)

    @property
    def counting(self) -> Conventions:
        """The conventions in force (the defaults when none are stated)."""
        return self.conventions or DEFAULT_CONVENTIONS

    def mismatches(self) -> list[Problem]:
        """Every contradiction between given numbers, with the row's path (``fields[1].resolved_total``).

        With rows per field and per unit, both count the same dossiers: their totals must agree.
        """
        found = [p.at(f"{name}[{i}]") for name in ("fields", "units")
                 for i, f in enumerate(getattr(self, name)) for p in f.findings(self.counting)]
        if self.fields and self.units and not found:
            by_field, by_unit = FieldFigures.total(self.fields), FieldFigures.total(self.units)
            for name, word in (("received", "tiếp nhận"), ("resolved", "đã giải quyết"),
                               ("pending", "đang giải quyết"), ("returned", "trả lại, rút")):
                a, b = getattr(by_field, name), getattr(by_unit, name)
                if a is not None and b is not None and a != b:
                    found.append(Problem(path="units", value=b, code="figures.mismatch", rule=(
                        f"tổng theo đơn vị {_n(b)} {word} ≠ tổng theo lĩnh vực {_n(a)} {word}")))
        return found

    def warnings(self) -> list[Problem]:
        """The contradictions of figures taken from a named source (none for the office's own)."""
        return self.mismatches() if self.source is not None else []

    def previous_values(self) -> tuple[Decimal, ...]:
        """Every previous-period rate the figures are compared with (total and rows)."""
        found = list(self.previous.values()) if self.previous else []
        found += [v for f in (*self.fields, *self.units) if f.previous for v in f.previous.values()]
        found += [v for lp in self.level_previous for v in lp.previous.values()]
        return tuple(found)

    def previous_of_level(self, level: str | None) -> PreviousRates | None:
        """The previous period's rates of a level's subtotal row, where given."""
        return next((lp.previous for lp in self.level_previous if lp.level == level), None)

    @property
    def since(self) -> str:
        """The previous period as worded: ``kỳ trước``, ``năm 2022``."""
        return self.previous_label or "kỳ trước"

    def on_time_rate(self, row: FieldFigures) -> Decimal | None:
        """The on-time rate of a row on the declared base."""
        return row.on_time_rate_on(self.rate_base)

    def levels(self) -> list[tuple[str | None, list[FieldFigures]]]:
        """The unit rows grouped by level, in the order the levels first appear."""
        groups: dict[str | None, list[FieldFigures]] = {}
        for u in self.units:
            groups.setdefault(u.level, []).append(u)
        return list(groups.items())

    @property
    def total(self) -> FieldFigures:
        """All rows together (the fields' when the report gives fields, else the units')."""
        return FieldFigures.total(self.fields or self.units)
