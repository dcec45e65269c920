"""The style profile: sizes and spacing of a document, inside the decree's ranges.

Defaults are those of :mod:`cchc_plan.rules` (Mẫu 1.4's own values); a profile
outside the decree's ranges is refused with every problem listed.
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from ..problems import InvalidModel, Problem
from .rules import FIRST_LINE_INDENTS_CM, SIZE_PAIRS, rule

__all__ = ["StyleProfile"]


def _num(value: float) -> str:
    from decimal import Decimal

    from ..vnformat import number

    exact = Decimal(str(value)).normalize()
    return number(exact, max(0, -exact.as_tuple().exponent))  # type: ignore[operator]


def _bounded(key: str) -> float:
    return attrs.field(default=rule(key).default)


@attrs.frozen(kw_only=True)
class StyleProfile:
    """Sizes (pt), spacing and margins of the generated documents — *thể thức trình bày*."""

    national_title_pt: float = _bounded("national_title_pt")
    motto_pt: float = _bounded("motto_pt")
    parent_agency_pt: float = _bounded("parent_agency_pt")
    agency_pt: float = _bounded("agency_pt")
    number_pt: float = _bounded("number_pt")
    date_pt: float = _bounded("date_pt")
    doc_type_pt: float = _bounded("doc_type_pt")
    subject_pt: float = _bounded("subject_pt")
    body_pt: float = _bounded("body_pt")
    signer_pt: float = _bounded("signer_pt")
    recipients_label_pt: float = _bounded("recipients_label_pt")
    recipients_pt: float = _bounded("recipients_pt")
    page_number_pt: float = _bounded("page_number_pt")
    appendix_heading_pt: float = _bounded("appendix_heading_pt")
    appendix_title_pt: float = _bounded("appendix_title_pt")
    table_pt: float = _bounded("table_pt")
    space_before_pt: float = _bounded("space_before_pt")
    space_after_pt: float = _bounded("space_after_pt")
    line_spacing: float = _bounded("line_spacing")
    first_line_indent_cm: float = _bounded("first_line_indent_cm")
    margin_top_mm: float = _bounded("margin_top_mm")
    margin_bottom_mm: float = _bounded("margin_bottom_mm")
    margin_left_mm: float = _bounded("margin_left_mm")
    margin_right_mm: float = _bounded("margin_right_mm")

    def __attrs_post_init__(self) -> None:
        problems = list(self._problems())
        if problems:
            raise InvalidModel(problems)

    def _problems(self) -> Iterator[Problem]:
        for f in attrs.fields(type(self)):
            value = getattr(self, f.name)
            r = rule(f.name)
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                yield Problem(path=f.name, value=value, rule="phải là một số")
            elif not r.allows(value):
                yield Problem(path=f.name, value=value,
                              rule=f"{r.what}: {_num(r.low)}–{_num(r.high)} {r.unit} ({r.clause})")
        if self.first_line_indent_cm not in FIRST_LINE_INDENTS_CM and rule("first_line_indent_cm").allows(
                self.first_line_indent_cm):
            yield Problem(path="first_line_indent_cm", value=self.first_line_indent_cm,
                          rule="lùi đầu dòng 1 cm hoặc 1,27 cm (Nghị định 30/2020/NĐ-CP, Phụ lục I, ô 6)")
        trio = (self.national_title_pt, self.motto_pt, self.date_pt)
        if trio not in SIZE_PAIRS:
            pairs = " hoặc ".join("/".join(f"{v:g}" for v in p) for p in SIZE_PAIRS)
            yield Problem(path="national_title_pt", value="/".join(f"{v:g}" for v in trio),
                          rule=f"cỡ chữ Quốc hiệu/Tiêu ngữ/ngày tháng đi cùng nhau: {pairs}")
