"""Vietnamese formatting: the ND30 date rule, numbers, percentages against thresholds, numerals."""

from __future__ import annotations

import calendar
import datetime as dt
import string
import unicodedata
from decimal import Decimal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cchc_plan.vnformat import (
    date_line,
    long_date,
    money,
    number,
    percent,
    point_letter,
    roman,
    serial,
    short_date,
    upper,
)

# --------------------------------------------------------------------------- the ND30 date rule
#
# Nghị định 30/2020, Phụ lục I: "các số thể hiện ngày nhỏ hơn 10 và tháng 1, 2 phải ghi thêm
# số 0 phía trước". Read independently: the day gets a leading zero when it has one digit; the
# month gets one only when it is January or February.


def _nd30_day(day: int) -> str:
    return "0" + str(day) if day < 10 else str(day)


def _nd30_month(month: int) -> str:
    return "0" + str(month) if month in (1, 2) else str(month)


@pytest.mark.parametrize(
    ("when", "long", "short"),
    [
        (dt.date(2020, 3, 5), "ngày 05 tháng 3 năm 2020", "05/3/2020"),
        (dt.date(2023, 1, 6), "ngày 06 tháng 01 năm 2023", "06/01/2023"),
        (dt.date(2024, 2, 29), "ngày 29 tháng 02 năm 2024", "29/02/2024"),
        (dt.date(2022, 6, 29), "ngày 29 tháng 6 năm 2022", "29/6/2022"),
        (dt.date(2022, 12, 24), "ngày 24 tháng 12 năm 2022", "24/12/2022"),
        (dt.date(2021, 10, 1), "ngày 01 tháng 10 năm 2021", "01/10/2021"),
        (dt.date(2025, 9, 9), "ngày 09 tháng 9 năm 2025", "09/9/2025"),
        (dt.date(2023, 11, 10), "ngày 10 tháng 11 năm 2023", "10/11/2023"),
    ],
)
def test_dates_written_as_in_nd30(when: dt.date, long: str, short: str) -> None:
    assert long_date(when) == long
    assert short_date(when) == short


@pytest.mark.parametrize("month", range(1, 13))
def test_every_day_of_every_month(month: int) -> None:
    # 2024 is a leap year: every day 1..31 that exists in some month is covered.
    for day in range(1, calendar.monthrange(2024, month)[1] + 1):
        d = dt.date(2024, month, day)
        dd = f"{day}" if day >= 10 else f"0{day}"
        mm = {1: "01", 2: "02"}.get(month, f"{month}")
        assert long_date(d) == f"ngày {dd} tháng {mm} năm 2024"
        assert short_date(d) == f"{dd}/{mm}/2024"


def test_month_padding_only_for_january_and_february() -> None:
    padded = [m for m in range(1, 13) if " tháng 0" in long_date(dt.date(2023, m, 15))]
    assert padded == [1, 2]


@settings(max_examples=300)
@given(st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31)))
def test_long_and_short_date_follow_the_rule(d: dt.date) -> None:
    day, month = _nd30_day(d.day), _nd30_month(d.month)
    assert long_date(d) == f"ngày {day} tháng {month} năm {d.year}"
    assert short_date(d) == f"{day}/{month}/{d.year}"
    # and the short form reads back as the same date
    parts = short_date(d).split("/")
    assert dt.date(int(parts[2]), int(parts[1]), int(parts[0])) == d


def test_date_line() -> None:
    assert date_line("Lộc Bình", dt.date(2023, 1, 6)) == "Lộc Bình, ngày 06 tháng 01 năm 2023"
    assert date_line("Phường 1", dt.date(2025, 7, 15)) == "Phường 1, ngày 15 tháng 7 năm 2025"


# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (87582, 0, "87.582"),
        (0, 0, "0"),
        (999, 0, "999"),
        (1000, 0, "1.000"),
        (1234567, 0, "1.234.567"),
        (Decimal("1234.5"), 2, "1.234,50"),
        (Decimal("0.5"), 1, "0,5"),
        (Decimal("12.345"), 2, "12,34"),  # half-even: 12.345 → 12.34
        (Decimal("12.355"), 2, "12,36"),
    ],
)
def test_number(value: int | Decimal, places: int, expected: str) -> None:
    assert number(value, places) == expected


@given(st.integers(min_value=0, max_value=10**15))
def test_number_groups_thousands_with_dots(n: int) -> None:
    assert number(n) == f"{n:,}".replace(",", ".")


def test_money() -> None:
    assert money(50_000_000) == "50.000.000 đồng"
    assert money(0) == "0 đồng"
    assert money(1500) == "1.500 đồng"


# --------------------------------------------------------------------------- percentages


def _read_back(printed: str) -> Decimal:
    """The number a reader sees in ``98,5%`` / ``1.234,5%``."""
    assert printed.endswith("%"), printed
    body = printed[:-1].replace("\u2212", "-").replace(".", "").replace(",", ".")
    return Decimal(body)


def _side(a: Decimal, b: Decimal) -> int:
    return (a > b) - (a < b)


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (Decimal("98.5"), 1, "98,5%"),
        (Decimal("99.62"), 2, "99,62%"),
        (Decimal("100"), 0, "100%"),
        (Decimal("50"), 1, "50,0%"),
        (Decimal("98.5"), 0, "98%"),  # half-even, as babel: not 99%
        (Decimal("99.5"), 0, "100%"),
        (Decimal("97.96"), 1, "98,0%"),  # without a threshold it rounds…
    ],
)
def test_percent_places(value: Decimal, places: int, expected: str) -> None:
    assert percent(value, places) == expected


def test_percent_never_rounds_into_a_threshold() -> None:
    # "trên 98%": 98.0001 meets it, and must not look like 98% (which does not).
    shown = percent(Decimal("98.0001"), threshold=98)
    assert shown != "98%"
    assert _read_back(shown) > 98
    assert shown == "98,0001%"
    # … and 97.96 does not meet 98, so it must not look like 98,0%.
    shown = percent(Decimal("97.96"), 1, threshold=98)
    assert shown != "98,0%"
    assert _read_back(shown) < 98
    assert shown == "97,96%"
    # 99.995 rounded to two places is 100,00%: not with a threshold of 100.
    shown = percent(Decimal("99.995"), 2, threshold=100)
    assert _read_back(shown) < 100
    assert shown == "99,995%"


def test_percent_exactly_on_the_threshold_is_shown_plainly() -> None:
    assert percent(Decimal("98"), threshold=98) == "98%"
    assert percent(Decimal("98.00"), 1, threshold=Decimal("98")) == "98,0%"
    assert percent(Decimal("98.5"), 1, threshold=98) == "98,5%"


def _scaled(max_places: int = 10) -> st.SearchStrategy[Decimal]:
    return st.builds(lambda n, k: Decimal(n).scaleb(-k),
                     st.integers(min_value=-10**9, max_value=10**9),
                     st.integers(min_value=0, max_value=max_places))


@st.composite
def _value_and_threshold(draw: st.DrawFn) -> tuple[Decimal, Decimal]:
    threshold = draw(_scaled(6))
    near = draw(st.booleans())
    if near:  # the interesting case: a value a hair's breadth from the threshold
        eps = Decimal(draw(st.integers(min_value=-999, max_value=999))).scaleb(
            -draw(st.integers(min_value=1, max_value=12)))
        value = threshold + eps
    else:
        value = draw(_scaled(10))
    return value, threshold


@settings(max_examples=400)
@given(_value_and_threshold(), st.integers(min_value=0, max_value=4))
@example((Decimal("98.0001"), Decimal(98)), 0)
@example((Decimal("97.96"), Decimal(98)), 1)
@example((Decimal("97.999999999999"), Decimal(98)), 2)
@example((Decimal("98"), Decimal("98")), 0)
def test_percent_reads_on_the_same_side_of_the_threshold(
        pair: tuple[Decimal, Decimal], places: int) -> None:
    value, threshold = pair
    shown = percent(value, places, threshold=threshold)
    assert _side(_read_back(shown), threshold) == _side(value, threshold), shown
    # never fewer decimals than asked for
    decimals = shown[:-1].partition(",")[2]
    assert len(decimals) >= places


@given(_scaled(8), st.integers(min_value=0, max_value=4))
def test_percent_without_threshold_has_exactly_the_places_asked(value: Decimal, places: int) -> None:
    shown = percent(value, places)
    decimals = shown[:-1].partition(",")[2]
    assert len(decimals) == places
    assert abs(_read_back(shown) - value) <= Decimal(1).scaleb(-places) / 2


def test_percent_with_a_very_precise_value_still_keeps_its_side() -> None:
    value = Decimal("98.000000000000000000000000000001")  # > 98, 32 significant digits
    shown = percent(value, threshold=98)
    assert _read_back(shown) > 98


# --------------------------------------------------------------------------- numerals and letters


def _roman_by_digits(n: int) -> str:
    ones = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"]
    tens = ["", "X", "XX", "XXX", "XL", "L", "LX", "LXX", "LXXX", "XC"]
    hundreds = ["", "C", "CC", "CCC", "CD", "D", "DC", "DCC", "DCCC", "CM"]
    return "M" * (n // 1000) + hundreds[n // 100 % 10] + tens[n // 10 % 10] + ones[n % 10]


def test_roman_first_forty() -> None:
    expected = ("I II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI XVII XVIII XIX XX "
                "XXI XXII XXIII XXIV XXV XXVI XXVII XXVIII XXIX XXX "
                "XXXI XXXII XXXIII XXXIV XXXV XXXVI XXXVII XXXVIII XXXIX XL").split()
    assert [roman(n) for n in range(1, 41)] == expected


@pytest.mark.parametrize(("n", "expected"), [
    (49, "XLIX"), (90, "XC"), (400, "CD"), (1999, "MCMXCIX"), (2023, "MMXXIII"), (3999, "MMMCMXCIX"),
])
def test_roman_larger(n: int, expected: str) -> None:
    assert roman(n) == expected


@given(st.integers(min_value=1, max_value=3999))
def test_roman_matches_digit_tables(n: int) -> None:
    assert roman(n) == _roman_by_digits(n)


@pytest.mark.parametrize("n", [0, -1, 4000])
def test_roman_out_of_range(n: int) -> None:
    with pytest.raises(ValueError):
        roman(n)


_VIETNAMESE_POINTS = [c for c in string.ascii_lowercase if c not in "fjwz"]
_VIETNAMESE_POINTS.insert(_VIETNAMESE_POINTS.index("d") + 1, "đ")


def test_point_letters_follow_the_vietnamese_alphabet() -> None:
    assert [point_letter(i) for i in range(10)] == ["a", "b", "c", "d", "đ", "e", "g", "h", "i", "k"]
    letters = [point_letter(i) for i in range(len(_VIETNAMESE_POINTS))]
    assert letters == _VIETNAMESE_POINTS
    assert not {"f", "j", "w", "z"} & set(letters)
    assert letters[-1] == "y"
    assert len(set(point_letter(i) for i in range(100))) == 100  # never repeats a label


def test_point_letter_negative() -> None:
    with pytest.raises(ValueError):
        point_letter(-1)


# --------------------------------------------------------------------------- upper case


@pytest.mark.parametrize(("text", "expected"), [
    ("ủy ban nhân dân xã lộc bình", "ỦY BAN NHÂN DÂN XÃ LỘC BÌNH"),
    ("Ủy ban nhân dân xã Lộc Bình", "ỦY BAN NHÂN DÂN XÃ LỘC BÌNH"),
    ("đ", "Đ"),
    ("chủ tịch", "CHỦ TỊCH"),
    ("phường 1", "PHƯỜNG 1"),
])
def test_upper_vietnamese(text: str, expected: str) -> None:
    assert upper(text) == expected
    # the same from decomposed input, and the result is composed
    assert upper(unicodedata.normalize("NFD", text)) == expected
    assert unicodedata.is_normalized("NFC", upper(unicodedata.normalize("NFD", text)))


_VI_LOWER = "aăâbcdđeêghiklmnoôơpqrstuưvxy" + "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"


@given(st.text(alphabet=_VI_LOWER + " ", max_size=40), st.sampled_from(["NFC", "NFD"]))
def test_upper_is_nfc_and_reversible_for_vietnamese(text: str, form: str) -> None:
    result = upper(unicodedata.normalize(form, text))
    assert unicodedata.is_normalized("NFC", result)
    assert result.lower() == unicodedata.normalize("NFC", text)
    assert not any(c.islower() for c in result)


# --------------------------------------------------------------------------- serials


@pytest.mark.parametrize(("n", "expected"), [(1, "01"), (7, "07"), (9, "09"), (10, "10"), (12, "12"),
                                             (100, "100"), (1234, "1234")])
def test_serial(n: int, expected: str) -> None:
    assert serial(n) == expected


@pytest.mark.parametrize("n", [0, -1, -7])
def test_serial_below_one_is_refused(n: int) -> None:
    with pytest.raises(ValueError):
        serial(n)
