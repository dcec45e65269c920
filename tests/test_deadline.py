"""Deadlines — thời gian hoàn thành — in the forms plans write them, and the dates they fall due."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_plan.model.deadline import Deadline, DeadlineKind
from cchc_plan.problems import InvalidModel

Y, M, Q, B, D, A, ONGOING = (DeadlineKind.YEAR, DeadlineKind.MONTH, DeadlineKind.QUARTER,
                       DeadlineKind.BEFORE, DeadlineKind.DATE, DeadlineKind.ANNUAL,
                       DeadlineKind.ONGOING)


@pytest.mark.parametrize(
    ("text", "kind", "year", "due"),
    [
        ("Năm 2023", Y, 2023, dt.date(2023, 12, 31)),
        ("Tháng 01/2023", M, 2023, dt.date(2023, 1, 31)),
        ("Tháng 1/2023", M, 2023, dt.date(2023, 1, 31)),
        ("Tháng 02/2023", M, 2023, dt.date(2023, 2, 28)),
        ("Tháng 02/2024", M, 2024, dt.date(2024, 2, 29)),
        ("Tháng 11/2023", M, 2023, dt.date(2023, 11, 30)),
        ("Trước 15/01/2023", B, 2023, dt.date(2023, 1, 15)),
        ("Trước ngày 15/01/2023", B, 2023, dt.date(2023, 1, 15)),
        ("Ngày 20/3/2023", D, 2023, dt.date(2023, 3, 20)),
        ("Quý II - III/2023", Q, 2023, dt.date(2023, 9, 30)),
        ("Quý I/2025", Q, 2025, dt.date(2025, 3, 31)),
        ("Quý IV/2023", Q, 2023, dt.date(2023, 12, 31)),
        ("Quý II/2023", Q, 2023, dt.date(2023, 6, 30)),
    ],
)
def test_dated_forms(text: str, kind: DeadlineKind, year: int, due: dt.date) -> None:
    d = Deadline(text)
    assert d.text == text  # kept in the plan's own words
    assert d.kind is kind
    assert d.year == year
    assert d.due() == due
    assert d.due(year) == due  # the plan year changes nothing for a dated deadline


def test_annual_deadline_needs_the_plan_year() -> None:
    d = Deadline("Trước ngày 31/12 hàng năm")
    assert d.kind is A
    assert d.year is None
    assert d.due(2023) == dt.date(2023, 12, 31)
    assert d.due(2024) == dt.date(2024, 12, 31)
    with pytest.raises(ValueError):
        d.due()


def test_annual_leap_day_falls_back_to_28_february() -> None:
    d = Deadline("Trước ngày 29/02 hàng năm")
    assert d.due(2024) == dt.date(2024, 2, 29)
    assert d.due(2023) == dt.date(2023, 2, 28)


def test_ongoing_has_no_due_date() -> None:
    d = Deadline("Thường xuyên")
    assert d.kind is ONGOING
    assert d.year is None
    assert d.due() is None
    assert d.due(2023) is None
    assert Deadline.ongoing() == d


def test_text_is_normalised_to_nfc() -> None:
    d = Deadline(unicodedata.normalize("NFD", "Trước ngày 31/12 hàng năm"))
    assert d.text == unicodedata.normalize("NFC", "Trước ngày 31/12 hàng năm")
    assert d.kind is A


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Trước 31/02/2023", "không tồn tại"),
        ("Trước ngày 30/02/2024", "không tồn tại"),
        ("Trước 29/02/2023", "không tồn tại"),
        ("Trước 32/01/2023", "không tồn tại"),
        ("Ngày 31/4/2023", "không tồn tại"),
        ("Trước ngày 31/04 hàng năm", "không tồn tại"),
        ("Tháng 13/2023", "tháng 13 không tồn tại"),
        ("Tháng 0/2023", "tháng 0 không tồn tại"),
        ("Quý III - II/2023", "quý kết thúc phải sau quý bắt đầu"),
    ],
)
def test_impossible_dates_are_refused(text: str, phrase: str) -> None:
    with pytest.raises(InvalidModel) as info:
        Deadline(text)
    (problem,) = info.value.problems
    assert problem.value == text
    assert phrase in problem.rule


@pytest.mark.parametrize("text", [
    "", "   ", "2023", "Cuối năm", "Quý V/2023", "Tháng 1", "Trước 15/01", "Năm 23",
    "Sớm nhất có thể", "Tháng 01-2023", "Q1/2023",
])
def test_unknown_forms_are_refused(text: str) -> None:
    with pytest.raises(InvalidModel) as info:
        Deadline(text)
    (problem,) = info.value.problems
    assert problem.value == text
    assert "Năm 2023" in problem.rule and "Thường xuyên" in problem.rule  # lists the forms


@pytest.mark.parametrize("text", ["Năm 0000", "Tháng 02/0000"])
def test_year_zero_is_refused(text: str) -> None:
    with pytest.raises(InvalidModel):
        Deadline(text)


# --------------------------------------------------------------------------- shifted


@pytest.mark.parametrize(
    ("text", "years", "expected"),
    [
        ("Tháng 1/2023", 1, "Tháng 1/2024"),
        ("Tháng 01/2023", 1, "Tháng 01/2024"),
        ("Năm 2023", 2, "Năm 2025"),
        ("Trước 15/01/2023", 1, "Trước 15/01/2024"),
        ("Trước ngày 20/12/2020", 1, "Trước ngày 20/12/2021"),
        ("Quý II - III/2023", 1, "Quý II - III/2024"),
        ("Quý I/2025", -1, "Quý I/2024"),
        ("Tháng 12/2012", 1, "Tháng 12/2013"),
        ("Trước 29/02/2024", 1, "Trước 28/02/2025"),
        ("Trước 29/02/2024", 4, "Trước 29/02/2028"),
        ("Trước ngày 31/12 hàng năm", 1, "Trước ngày 31/12 hàng năm"),
        ("Thường xuyên", 1, "Thường xuyên"),
        ("Tháng 1/2023", 0, "Tháng 1/2023"),
    ],
)
def test_shifted_keeps_the_writing_style(text: str, years: int, expected: str) -> None:
    d = Deadline(text)
    moved = d.shifted(years)
    assert moved.text == expected
    assert moved.kind is d.kind


# --------------------------------------------------------------------------- constructors


@settings(max_examples=300)
@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2199, 12, 31)))
def test_before_is_due_on_that_day(d: dt.date) -> None:
    deadline = Deadline.before(d)
    assert deadline.kind is B
    assert deadline.year == d.year
    assert deadline.due() == d
    assert Deadline(deadline.text) == deadline  # its text reads back the same


def _last_day_of(month: int, year: int) -> dt.date:
    first_of_next = dt.date(year + month // 12, month % 12 + 1, 1)
    return first_of_next - dt.timedelta(days=1)


@given(st.integers(min_value=1, max_value=12), st.integers(min_value=1900, max_value=2198))
def test_for_month_is_due_on_the_last_day(month: int, year: int) -> None:
    d = Deadline.for_month(month, year)
    assert d.kind is M
    assert d.text == f"Tháng {month:02d}/{year}"
    assert d.due() == _last_day_of(month, year)
    assert (d.due() + dt.timedelta(days=1)).day == 1


@given(st.integers(min_value=1900, max_value=2199))
def test_for_year_is_due_on_31_december(year: int) -> None:
    d = Deadline.for_year(year)
    assert d.text == f"Năm {year}"
    assert d.due() == dt.date(year, 12, 31)


@given(st.integers(min_value=1, max_value=4), st.integers(min_value=0, max_value=3),
       st.integers(min_value=2000, max_value=2100))
def test_for_quarters_is_due_at_the_end_of_the_last_quarter(first: int, extra: int, year: int) -> None:
    last = min(4, first + extra)
    d = Deadline.for_quarters(first, year, last)
    assert d.kind is Q
    assert d.due() == _last_day_of(3 * last, year)
    numerals = {1: "I", 2: "II", 3: "III", 4: "IV"}
    span = numerals[first] if first == last else f"{numerals[first]} - {numerals[last]}"
    assert d.text == f"Quý {span}/{year}"


@given(st.sampled_from(["Năm {y}", "Tháng 3/{y}", "Tháng 02/{y}", "Trước 15/01/{y}",
                        "Trước ngày 30/6/{y}", "Quý II - III/{y}", "Quý IV/{y}"]),
       st.integers(min_value=2000, max_value=2100), st.integers(min_value=-20, max_value=20))
def test_shifted_moves_the_due_date_by_whole_years(form: str, year: int, years: int) -> None:
    d = Deadline(form.format(y=year))
    moved = d.shifted(years)
    assert moved.text == form.format(y=year + years)
    assert moved.year == year + years
    due, new_due = d.due(), moved.due()
    assert due is not None and new_due is not None
    assert (new_due.year, new_due.month) == (due.year + years, due.month)
