"""Deadlines — *thời gian hoàn thành* — as plans write them, with the date a report compares to."""

from __future__ import annotations

import datetime as _dt
import enum
import re

import attrs

from .._text import text
from ..problems import InvalidModel, Problem
from ..vnformat import roman

__all__ = ["Deadline", "DeadlineKind"]


class DeadlineKind(enum.Enum):
    """The forms a deadline takes in a plan's appendix."""

    YEAR = "year"
    """``Năm 2023`` — due 31/12 of that year."""
    MONTH = "month"
    """``Tháng 01/2023`` — due on the month's last day."""
    QUARTER = "quarter"
    """``Quý I/2025``, ``Quý II - III/2023`` — due on the last quarter's last day."""
    BEFORE = "before"
    """``Trước 15/01/2023``, ``Trước ngày 15/01/2023`` — due on that day."""
    DATE = "date"
    """``Ngày 15/01/2023`` — due on that day."""
    ANNUAL = "annual"
    """``Trước ngày 31/12 hàng năm`` — due on that day of every year."""
    ONGOING = "ongoing"
    """``Thường xuyên`` — continuous, never overdue."""


_QUARTERS = {"I": 1, "II": 2, "III": 3, "IV": 4}
_Q = r"(IV|I{1,3})"
_FORMS: tuple[tuple[DeadlineKind, re.Pattern[str]], ...] = (
    (DeadlineKind.YEAR, re.compile(r"(?:trong )?năm (?P<year>\d{4})", re.I)),
    (DeadlineKind.MONTH, re.compile(r"tháng (?P<month>\d{1,2})/(?P<year>\d{4})", re.I)),
    (DeadlineKind.QUARTER,
     re.compile(rf"quý (?P<q1>{_Q})(?:\s*-\s*(?P<q2>{_Q}))?/(?P<year>\d{{4}})", re.I)),
    (DeadlineKind.BEFORE,
     re.compile(r"trước (?:ngày )?(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4})", re.I)),
    (DeadlineKind.DATE,
     re.compile(r"(?:ngày )?(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4})", re.I)),
    (DeadlineKind.ANNUAL,
     re.compile(r"trước (?:ngày )?(?P<day>\d{1,2})/(?P<month>\d{1,2}) hàng năm", re.I)),
    (DeadlineKind.ONGOING, re.compile(r"thường xuyên", re.I)),
)

FORMS_HELP = ('"Năm 2023", "Tháng 01/2023", "Quý I/2023", "Quý II - III/2023", '
              '"Trước 15/01/2023", "Trước ngày 31/12 hàng năm", "Thường xuyên"')



def _leap(year: int) -> bool:
    """Whether ``year`` has a 29 February (the Gregorian rule)."""
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)

def _last_day(year: int, month: int) -> _dt.date:
    import calendar  # its locale machinery is loaded only when a month's end is needed

    return _dt.date(year, month, calendar.monthrange(year, month)[1])


@attrs.frozen
class Deadline:
    """A deadline — *thời gian hoàn thành* — kept in the words the plan uses.

    Build it from its text, ``Deadline("Tháng 01/2023")``; the form, year and due
    date are read from the text, and a text that fits no known form is refused.
    """

    text: str = attrs.field(converter=text)
    kind: DeadlineKind = attrs.field(init=False, eq=False, repr=False)
    year: int | None = attrs.field(init=False, eq=False, repr=False)
    """The calendar year the deadline falls in (``None`` for annual and ongoing ones)."""
    _day: int | None = attrs.field(init=False, eq=False, repr=False)
    _month: int | None = attrs.field(init=False, eq=False, repr=False)
    _quarters: tuple[int, int] | None = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.text, str) or not self.text.strip():
            raise InvalidModel([Problem(path="", value=self.text, code="deadline.unreadable",
                                        rule=f"thời hạn phải là một trong các dạng {FORMS_HELP}")])
        text = " ".join(self.text.split())
        for kind, pattern in _FORMS:  # noqa: B007 - the matching kind is used below
            m = pattern.fullmatch(text)
            if m:
                break
        else:
            raise InvalidModel([Problem(
                path="", value=self.text, code="deadline.unreadable",
                rule=f"không đọc được thời hạn; dùng một trong các dạng {FORMS_HELP}")])
        groups = m.groupdict()
        year = int(groups["year"]) if groups.get("year") else None
        month = int(groups["month"]) if groups.get("month") else None
        day = int(groups["day"]) if groups.get("day") else None
        quarters = None
        if kind is DeadlineKind.QUARTER:
            q1 = _QUARTERS[groups["q1"].upper()]
            q2 = _QUARTERS[groups["q2"].upper()] if groups.get("q2") else q1
            if q2 < q1:
                raise InvalidModel([Problem(path="", value=self.text, code="date.order",
                                            rule="quý kết thúc phải sau quý bắt đầu")])
            quarters = (q1, q2)
        if year is not None and not 1900 <= year <= 2199:
            raise InvalidModel([Problem(path="", value=self.text, code="number.range",
                                        rule=f"năm {year} nằm ngoài khoảng 1900–2199")])
        if month is not None and not 1 <= month <= 12:
            raise InvalidModel([Problem(path="", value=self.text, code="date.impossible",
                                        rule=f"tháng {month} không tồn tại")])
        if day is not None:
            try:
                _dt.date(year if year is not None else 2024, month or 1, day)
            except ValueError:
                raise InvalidModel([Problem(
                    path="", value=self.text, code="date.impossible",
                    rule=f"ngày {day}/{month} không tồn tại")]) from None
        for name, value in (("kind", kind), ("year", year), ("_day", day),
                            ("_month", month), ("_quarters", quarters)):
            object.__setattr__(self, name, value)

    def due(self, plan_year: int | None = None) -> _dt.date | None:
        """The last day on which the work is on time; ``None`` for *thường xuyên*.

        An annual deadline ("Trước ngày 31/12 hàng năm") needs ``plan_year``.
        """
        kind = self.kind
        if kind is DeadlineKind.ONGOING:
            return None
        if kind is DeadlineKind.ANNUAL:
            if plan_year is None:
                raise ValueError("an annual deadline needs the plan year to give a date")
            assert self._month is not None and self._day is not None
            if self._month == 2 and self._day == 29 and not _leap(plan_year):
                return _dt.date(plan_year, 2, 28)
            return _dt.date(plan_year, self._month, self._day)
        assert self.year is not None
        if kind is DeadlineKind.YEAR:
            return _dt.date(self.year, 12, 31)
        if kind is DeadlineKind.MONTH:
            assert self._month is not None
            return _last_day(self.year, self._month)
        if kind is DeadlineKind.QUARTER:
            assert self._quarters is not None
            return _last_day(self.year, self._quarters[1] * 3)
        assert self._month is not None and self._day is not None
        return _dt.date(self.year, self._month, self._day)

    def shifted(self, years: int) -> Deadline:
        """The same deadline ``years`` later, written the same way ("Tháng 1/2023" → "Tháng 1/2024").

        Annual and ongoing deadlines are returned unchanged.
        """
        if self.year is None or years == 0:
            return self
        new_year = self.year + years
        text = re.sub(r"(?<!\d)" + str(self.year) + r"(?!\d)", str(new_year), self.text)
        if self.kind in (DeadlineKind.BEFORE, DeadlineKind.DATE):
            assert self._month is not None and self._day is not None
            if self._month == 2 and self._day == 29 and not _leap(new_year):
                text = text.replace("29/", "28/", 1)
        return Deadline(text)

    @classmethod
    def for_year(cls, year: int) -> Deadline:
        """``Năm 2023``."""
        return cls(f"Năm {year}")

    @classmethod
    def for_month(cls, month: int, year: int) -> Deadline:
        """``Tháng 01/2023``."""
        return cls(f"Tháng {month:02d}/{year}")

    @classmethod
    def for_quarters(cls, first: int, year: int, last: int | None = None) -> Deadline:
        """``Quý I/2025`` or ``Quý II - III/2023``."""
        span = roman(first) if last in (None, first) else f"{roman(first)} - {roman(last)}"
        return cls(f"Quý {span}/{year}")

    @classmethod
    def before(cls, day: _dt.date) -> Deadline:
        """``Trước 15/01/2023``."""
        return cls(f"Trước {day.day:02d}/{day.month:02d}/{day.year}")

    @classmethod
    def ongoing(cls) -> Deadline:
        """``Thường xuyên``."""
        return cls("Thường xuyên")
