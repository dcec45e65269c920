"""Vietnamese formatting for administrative documents, over babel's ``vi`` locale data.

Numbers and percentages come from babel (decimal comma, dot grouping). Written
by hand only what babel has no pattern for: the ND30 date rule (day < 10 and
months 1, 2 padded; March–December not), Roman numerals, the Vietnamese letter
sequence for points, and threshold-safe precision for percentages.
"""

from __future__ import annotations

import datetime as _dt
import unicodedata
from decimal import ROUND_HALF_EVEN, Decimal, localcontext


__all__ = [
    "date_line",
    "long_date",
    "change",
    "count",
    "money",
    "number",
    "percent",
    "rate",
    "point_letter",
    "roman",
    "serial",
    "short_date",
    "upper",
]

LOCALE = "vi"

# The points of a clause follow the Vietnamese alphabet (no f, j, w, z), with đ after d.
_LETTERS = ("a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n",
            "o", "p", "q", "r", "s", "t", "u", "v", "x", "y")

_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def _day(d: _dt.date) -> str:
    return f"{d.day:02d}"


def _month(d: _dt.date) -> str:
    # Nghị định 30/2020, Phụ lục I: "tháng 1, 2 phải ghi thêm số 0 phía trước".
    return f"{d.month:02d}" if d.month < 3 else str(d.month)


def long_date(d: _dt.date) -> str:
    """``ngày 06 tháng 01 năm 2023``, ``ngày 05 tháng 3 năm 2020`` (ND30 padding)."""
    return f"ngày {_day(d)} tháng {_month(d)} năm {d.year}"


def date_line(place: str, d: _dt.date) -> str:
    """The place-and-date line of the header: ``Lộc Bình, ngày 06 tháng 01 năm 2023``."""
    return f"{place}, {long_date(d)}"


def short_date(d: _dt.date) -> str:
    """The date as cited in text: ``06/01/2023``, ``29/6/2022``, ``05/3/2020``."""
    return f"{_day(d)}/{_month(d)}/{d.year}"


def serial(n: int) -> str:
    """A document serial with the leading zero below 10: ``7`` → ``07``."""
    if n < 1:
        raise ValueError(f"document serial must be at least 1, got {n}")
    return f"{n:02d}"


def roman(n: int) -> str:
    """Roman numeral for section headings: ``4`` → ``IV``."""
    if not 0 < n < 4000:
        raise ValueError(f"Roman numerals go from 1 to 3999, got {n}")
    out = []
    for value, glyphs in _ROMAN:
        count, n = divmod(n, value)
        out.append(glyphs * count)
    return "".join(out)


def point_letter(index: int) -> str:
    """The letter of the ``index``-th point (0-based): a, b, c, d, đ, e, g … y, then aa, bb …"""
    if index < 0:
        raise ValueError(f"point index must be >= 0, got {index}")
    repeat, pos = divmod(index, len(_LETTERS))
    return _LETTERS[pos] * (repeat + 1)


def upper(text: str) -> str:
    """Vietnamese upper case, NFC: ``Ủy ban nhân dân xã Lộc Bình`` → ``ỦY BAN NHÂN DÂN XÃ LỘC BÌNH``."""
    return unicodedata.normalize("NFC", text.upper())


def _pattern(places: int) -> str:
    return "#,##0" + ("." + "0" * places if places > 0 else "")


def number(value: int | Decimal, places: int = 0) -> str:
    """A number in the ``vi`` locale: ``87582`` → ``87.582``; ``places`` fixes the decimals."""
    from babel.numbers import format_decimal  # loaded with the locale data, when a number is printed

    return format_decimal(Decimal(value), format=_pattern(places), locale=LOCALE, decimal_quantization=True)


NOT_GIVEN = "—"
"""How an absent count or rate is printed: never as zero."""


def count(value: int | None) -> str:
    """A count of dossiers: ``87.582``; ``—`` when the source does not give it."""
    return NOT_GIVEN if value is None else number(value)


def _side(a: Decimal, b: Decimal) -> int:
    return (a > b) - (a < b)


def percent(value: int | Decimal, places: int = 0, *,
            threshold: int | Decimal | None = None) -> str:
    """A percentage given in percent units: ``Decimal("98.5")`` → ``98,5%``.

    ``places`` is the number of decimals shown (half-even rounding, as babel does).
    With ``threshold``, the precision grows until the shown number lies on the same
    side of the threshold as the true one, so ``98.0001`` against "trên 98%" never
    prints as ``98%`` and ``97.96`` never prints as ``98,0%``.
    """
    exact = Decimal(value)
    digits = places
    if threshold is not None:
        limit = Decimal(threshold)
        want = _side(exact, limit)
        # Past the value's own decimals the shown number is the value itself.
        own = max(0, -exact.as_tuple().exponent) if exact.is_finite() else 0  # type: ignore[operator]
        with localcontext() as ctx:
            ctx.prec = max(ctx.prec, len(exact.as_tuple().digits) + own + 2)
            while digits < own:
                shown = exact.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_EVEN)
                if _side(shown, limit) == want:
                    break
                digits += 1
    with localcontext() as ctx:
        ctx.prec = max(ctx.prec, len(exact.as_tuple().digits) + digits + 2)
        return number(exact, digits) + "%"


RATE_PLACES = 2
"""The decimals offices print a computed rate with: ``99,62%``."""


def _places_of(value: Decimal) -> int:
    """The decimals ``value`` was written with: ``Decimal("97.995")`` → 3, ``Decimal("98")`` → 0."""
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _shown(value: Decimal, digits: int) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = max(ctx.prec, len(value.as_tuple().digits) + digits + 2)
        return value.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_EVEN)


def _safe_digits(value: Decimal, digits: int, limits: list[Decimal]) -> int:
    """The fewest decimals from ``digits`` on that keep ``value`` on its own side of every limit."""
    own = max(_places_of(value), digits)
    while digits < own:
        shown = _shown(value, digits)
        if all(_side(shown, limit) == _side(value, limit) for limit in limits):
            break
        digits += 1
    return digits


def rate(value: Decimal, *, thresholds: tuple[Decimal, ...] | list[Decimal] = (), given: bool = False) -> str:
    """A rate as offices print it — one rule for every place it appears.

    - a whole number prints whole: ``100%``, ``98%`` (never ``100,00%``);
    - a computed rate (``given=False``) prints with two decimals: ``99,62%``;
      a typed value or a threshold (``given=True``) with the decimals it was written with:
      ``97,995%``, ``98,5%``;
    - decimals are added until the printed number lies on the same side as the exact value of
      every threshold in ``thresholds`` and of 0 and 100: ``97,995`` against "trên 98%" never
      prints ``98,00%``, ``99,999`` never ``100,00%``.
    """
    exact = Decimal(value)
    if exact == exact.to_integral_value():
        return number(exact.to_integral_value()) + "%"
    digits = _places_of(exact) if given else RATE_PLACES
    digits = _safe_digits(exact, digits, [*map(Decimal, thresholds), Decimal(0), Decimal(100)])
    with localcontext() as ctx:
        ctx.prec = max(ctx.prec, len(exact.as_tuple().digits) + digits + 2)
        return number(exact, digits) + "%"


def change(now: Decimal, before: Decimal, *, unit: str = "points", since: str | None = "kỳ trước") -> str:
    """The change of a rate against an earlier one, decided on the exact values.

    ``unit="points"``: ``tăng 0,10 điểm phần trăm so với kỳ trước``; ``unit="percent"`` (how many
    reports word the same difference): ``tăng 0,10% so với năm 2022``; equal values:
    ``bằng kỳ trước`` (``bằng năm 2022``). A difference too small for two decimals is printed
    with as many as it needs, never as ``0,00``. ``since=None``: the bare change, for a table
    column that names the period (``tăng 0,10%``, ``không đổi``).
    """
    diff = Decimal(now) - Decimal(before)
    if diff == 0:
        return f"bằng {since}" if since is not None else "không đổi"
    size = abs(diff)
    digits = _safe_digits(size, RATE_PLACES, [Decimal(0)])
    if size == size.to_integral_value():
        digits = 0
    word = "tăng" if diff > 0 else "giảm"
    with localcontext() as ctx:
        ctx.prec = max(ctx.prec, len(size.as_tuple().digits) + digits + 2)
        amount = number(size, digits)
    suffix = " điểm phần trăm" if unit == "points" else "%"
    return f"{word} {amount}{suffix}" + (f" so với {since}" if since is not None else "")


def money(amount: int) -> str:
    """An amount in đồng: ``50000000`` → ``50.000.000 đồng``."""
    return f"{number(amount)} đồng"
