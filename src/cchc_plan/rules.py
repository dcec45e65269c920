"""The layout rules of Nghị định 30/2020/NĐ-CP as data, each with the clause it comes from.

One table that the style profile takes its defaults and limits from (and that a
checker of finished documents can read): sizes per component, page, paragraph
spacing. "ô" numbers are those of the decree's layout diagram (Phụ lục I).
"""

from __future__ import annotations

import attrs

__all__ = ["NumericRule", "RULES", "SIZE_PAIRS", "rule"]


@attrs.frozen(kw_only=True)
class NumericRule:
    """A number the decree bounds: its range, our default inside it, and the citation."""

    key: str
    """Name of the style-profile field that the rule governs."""
    what: str
    """The component, in Vietnamese."""
    low: float
    high: float
    default: float
    unit: str
    clause: str

    def allows(self, value: float) -> bool:
        """Whether ``value`` lies within the decree's range."""
        return self.low <= value <= self.high


_PL1 = "Nghị định 30/2020/NĐ-CP, Phụ lục I"
_PL1_PAGE = f"{_PL1}, Phần II mục I (khổ giấy, lề, phông, cỡ chữ, số trang)"

RULES: tuple[NumericRule, ...] = (
    NumericRule(key="national_title_pt", what="Quốc hiệu", low=12, high=13, default=13, unit="pt",
                clause=f"{_PL1}, ô 1: Quốc hiệu cỡ 12–13, in hoa, đứng, đậm"),
    NumericRule(key="motto_pt", what="Tiêu ngữ", low=13, high=14, default=14, unit="pt",
                clause=f"{_PL1}, ô 1: Tiêu ngữ cỡ 13–14, đứng, đậm"),
    NumericRule(key="parent_agency_pt", what="Tên cơ quan chủ quản", low=12, high=13, default=13,
                unit="pt", clause=f"{_PL1}, ô 2: cỡ 12–13, in hoa, đứng"),
    NumericRule(key="agency_pt", what="Tên cơ quan ban hành", low=12, high=13, default=13, unit="pt",
                clause=f"{_PL1}, ô 2: cỡ 12–13, in hoa, đứng, đậm"),
    NumericRule(key="number_pt", what="Số, ký hiệu", low=13, high=13, default=13, unit="pt",
                clause=f"{_PL1}, ô 3: cỡ 13, đứng"),
    NumericRule(key="date_pt", what="Địa danh và thời gian", low=13, high=14, default=14, unit="pt",
                clause=f"{_PL1}, ô 4: cỡ 13–14, nghiêng"),
    NumericRule(key="doc_type_pt", what="Tên loại văn bản", low=13, high=14, default=14, unit="pt",
                clause=f"{_PL1}, ô 5a: cỡ 13–14, in hoa, đứng, đậm"),
    NumericRule(key="subject_pt", what="Trích yếu nội dung", low=13, high=14, default=14, unit="pt",
                clause=f"{_PL1}, ô 5a: cỡ 13–14, đứng, đậm"),
    NumericRule(key="body_pt", what="Nội dung văn bản", low=13, high=14, default=14, unit="pt",
                clause=f"{_PL1}, ô 6: cỡ 13–14"),
    NumericRule(key="signer_pt", what="Quyền hạn, chức vụ, họ tên người ký", low=13, high=14,
                default=14, unit="pt", clause=f"{_PL1}, ô 7a–7b: cỡ 13–14, đậm"),
    NumericRule(key="recipients_label_pt", what="Từ “Nơi nhận”", low=12, high=12, default=12,
                unit="pt", clause=f"{_PL1}, ô 9b: cỡ 12, nghiêng, đậm"),
    NumericRule(key="recipients_pt", what="Tên cơ quan nhận", low=11, high=11, default=11, unit="pt",
                clause=f"{_PL1}, ô 9b: cỡ 11, đứng"),
    NumericRule(key="page_number_pt", what="Số trang", low=13, high=14, default=13, unit="pt",
                clause=f"{_PL1_PAGE}: số trang cỡ 13–14, giữa lề trên"),
    NumericRule(key="appendix_heading_pt", what="Từ “Phụ lục”", low=14, high=14, default=14,
                unit="pt", clause=f"{_PL1}, Phần II mục III (phụ lục): cỡ 14, đứng, đậm"),
    NumericRule(key="appendix_title_pt", what="Tên phụ lục", low=13, high=14, default=14, unit="pt",
                clause=f"{_PL1}, Phần II mục III (phụ lục): in hoa, cỡ 13–14, đậm"),
    NumericRule(key="table_pt", what="Chữ trong bảng phụ lục", low=12, high=13, default=12,
                unit="pt", clause="Quy ước của dự án khi Nghị định không quy định: 12–13"),
    NumericRule(key="space_before_pt", what="Khoảng cách trước đoạn", low=6, high=12, default=6,
                unit="pt", clause=f"{_PL1}, ô 6: các đoạn cách nhau tối thiểu 6pt"),
    NumericRule(key="space_after_pt", what="Khoảng cách sau đoạn", low=0, high=12, default=0,
                unit="pt", clause=f"{_PL1}, ô 6 (Mẫu 1.4 dùng 0)"),
    NumericRule(key="line_spacing", what="Khoảng cách dòng", low=1.0, high=1.5, default=1.0,
                unit="dòng", clause=f"{_PL1}, ô 6: từ dòng đơn đến 1,5 dòng"),
    NumericRule(key="first_line_indent_cm", what="Thụt đầu dòng", low=1.0, high=1.27, default=1.0,
                unit="cm", clause=f"{_PL1}, ô 6: lùi đầu dòng 1 cm hoặc 1,27 cm"),
    NumericRule(key="margin_top_mm", what="Lề trên", low=20, high=25, default=20, unit="mm",
                clause=f"{_PL1_PAGE}: lề trên 20–25 mm"),
    NumericRule(key="margin_bottom_mm", what="Lề dưới", low=20, high=25, default=20, unit="mm",
                clause=f"{_PL1_PAGE}: lề dưới 20–25 mm"),
    NumericRule(key="margin_left_mm", what="Lề trái", low=30, high=35, default=30, unit="mm",
                clause=f"{_PL1_PAGE}: lề trái 30–35 mm"),
    NumericRule(key="margin_right_mm", what="Lề phải", low=15, high=20, default=15, unit="mm",
                clause=f"{_PL1_PAGE}: lề phải 15–20 mm"),
)

SIZE_PAIRS: tuple[tuple[float, float, float], ...] = ((13, 14, 14), (12, 13, 13))
"""Allowed (Quốc hiệu, Tiêu ngữ, date) sizes: they move together (Phụ lục I, ô 1 and ô 4)."""

_BY_KEY = {r.key: r for r in RULES}


def rule(key: str) -> NumericRule:
    """The rule for one style-profile field."""
    return _BY_KEY[key]
