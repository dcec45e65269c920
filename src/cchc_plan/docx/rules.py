"""The layout rules of Nghị định 30/2020/NĐ-CP as data, each with the clause it comes from.

:data:`RULES` is the table that the style profile takes its defaults and limits
from: sizes per component, page, paragraph spacing. :data:`CHECKS` lists every
rule that the document checker (:mod:`cchc_plan.checker`) applies to a finished
.docx, with its id, what it requires, its severity and its clause; a check with
a range names a :class:`NumericRule` (of :data:`RULES` or :data:`CHECK_LIMITS`).
"ô" numbers are those of the decree's layout diagram (Phụ lục I).
"""

from __future__ import annotations

import enum

import attrs

__all__ = [
    "CHECKS",
    "FIRST_LINE_INDENTS_CM",
    "CHECK_LIMITS",
    "CheckRule",
    "NumericRule",
    "RULES",
    "SIZE_PAIRS",
    "Severity",
    "check_rule",
    "limit",
    "rule",
]


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

FIRST_LINE_INDENTS_CM: tuple[float, ...] = (1.0, 1.27)
"""The first-line indents the decree names: "lùi đầu dòng 1 cm hoặc 1,27 cm" (Phụ lục I, ô 6)."""

SIZE_PAIRS: tuple[tuple[float, float, float], ...] = ((13, 14, 14), (12, 13, 13))
"""Allowed (Quốc hiệu, Tiêu ngữ, date) sizes: they move together (Phụ lục I, ô 1 and ô 4)."""

_BY_KEY = {r.key: r for r in RULES}


def rule(key: str) -> NumericRule:
    """The rule for one style-profile field."""
    return _BY_KEY[key]


# --------------------------------------------------------------------------- the checker's rules


class Severity(enum.Enum):
    """How serious a departure is — *mức độ*: an error breaks the decree, a warning is advice."""

    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        """The Vietnamese word: ``lỗi`` or ``cảnh báo``."""
        return "lỗi" if self is Severity.ERROR else "cảnh báo"


_PL1_COMP = f"{_PL1}, Phần II mục II"
_PL1_APPENDIX = f"{_PL1}, Phần II mục III (phụ lục)"
_PL3 = "Nghị định 30/2020/NĐ-CP, Phụ lục III (chữ viết tắt tên loại văn bản)"
_PL3_FORMS = "Nghị định 30/2020/NĐ-CP, Phụ lục III (mẫu trình bày văn bản)"
_ART_DATE = "Nghị định 30/2020/NĐ-CP, Phụ lục I, ô 4: ngày nhỏ hơn 10 và tháng 1, 2 ghi thêm số 0"

CHECK_LIMITS: tuple[NumericRule, ...] = (
    NumericRule(key="page_width_mm", what="Chiều rộng khổ A4", low=209, high=211, default=210,
                unit="mm", clause=f"{_PL1_PAGE}: khổ A4 (210 mm × 297 mm), sai số ±1 mm"),
    NumericRule(key="page_height_mm", what="Chiều dài khổ A4", low=296, high=298, default=297,
                unit="mm", clause=f"{_PL1_PAGE}: khổ A4 (210 mm × 297 mm), sai số ±1 mm"),
    NumericRule(key="motto_rule_ratio", what="Đường kẻ dưới Tiêu ngữ so với dòng Tiêu ngữ",
                low=0.85, high=1.15, default=1.0, unit="lần",
                clause=f"{_PL1}, ô 1: đường kẻ ngang nét liền có độ dài bằng độ dài dòng chữ (±15 %)"),
    NumericRule(key="agency_rule_ratio", what="Đường kẻ dưới tên cơ quan so với dòng chữ",
                low=0.30, high=0.55, default=0.40, unit="lần",
                clause=f"{_PL1}, ô 2: đường kẻ nét liền dài từ 1/3 đến 1/2 độ dài dòng chữ (±10 %)"),
    NumericRule(key="subject_rule_ratio", what="Đường kẻ dưới trích yếu so với dòng chữ",
                low=0.30, high=0.55, default=0.40, unit="lần",
                clause=f"{_PL1}, ô 5a: đường kẻ nét liền dài từ 1/3 đến 1/2 độ dài dòng chữ (±10 %)"),
    NumericRule(key="addressee_pt", what="Kính gửi", low=13, high=14, default=14, unit="pt",
                clause=f"{_PL1}, ô 9a: cỡ 13–14, đứng"),
    NumericRule(key="appendix_reference_pt", what="Dòng “(Kèm theo …)” của phụ lục", low=13,
                high=14, default=14, unit="pt", clause=f"{_PL1_APPENDIX}: cỡ 13–14, nghiêng"),
)
"""Ranges that only the checker uses (not style-profile fields)."""

_LIMITS_BY_KEY = {r.key: r for r in (*RULES, *CHECK_LIMITS)}


def limit(key: str) -> NumericRule:
    """A range by key, from :data:`RULES` or :data:`CHECK_LIMITS`."""
    return _LIMITS_BY_KEY[key]


@attrs.frozen(kw_only=True)
class CheckRule:
    """A rule that the document checker applies — *quy tắc thể thức* — with its citation."""

    id: str
    """``ND30-DATE-PADDING``: stable, for tools and for the tests."""
    requirement: str
    """What the rule requires, in Vietnamese."""
    severity: Severity
    clause: str
    """The decree's clause."""
    numeric: str | None = None
    """Key of the :class:`NumericRule` giving the range (in :data:`RULES` or :data:`CHECK_LIMITS`)."""


def _c(rule_id: str, requirement: str, clause: str, *, numeric: str | None = None,
       severity: Severity = Severity.ERROR) -> CheckRule:
    return CheckRule(id=rule_id, requirement=requirement, severity=severity, clause=clause,
                     numeric=numeric)


_W = Severity.WARNING
_LINE = "Quy ước của Nghị định về đường kẻ: nét liền (Phụ lục I, ô 1, ô 2, ô 5a)"

CHECKS: tuple[CheckRule, ...] = (
    # ---- scope
    _c("ND30-NOT-STATE-DOCUMENT", "Văn bản hành chính của cơ quan, tổ chức nhà nước (có Quốc hiệu "
       "“CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM”); văn bản của Đảng (tiêu đề “ĐẢNG CỘNG SẢN VIỆT NAM”) "
       "trình bày theo Hướng dẫn 36-HD/VPTW nên không kiểm tra theo Nghị định 30/2020",
       "Nghị định 30/2020/NĐ-CP, Điều 2 (đối tượng áp dụng: cơ quan, tổ chức nhà nước và doanh "
       "nghiệp nhà nước); văn bản của Đảng: Quy định 66-QĐ/TW và Hướng dẫn 36-HD/VPTW",
       severity=_W),
    _c("ND30-TOO-COMPLEX", "Văn bản trong giới hạn mà trình kiểm tra đọc được: tối đa 2.000.000 "
       "phần tử XML, 100.000 đoạn văn, 2.000 phần (section), 500.000 đoạn chữ, bảng và khung chữ lồng nhau tối đa "
       "12 cấp, kiểm tra xong trong 60 giây; quá giới hạn thì tài liệu quá phức tạp, không "
       "kiểm tra tiếp", "Giới hạn của trình kiểm tra (không phải quy định của Nghị định "
       "30/2020/NĐ-CP): một văn bản hành chính nghìn trang vẫn nằm trong các giới hạn này"),
    # ---- page
    _c("ND30-PAGE-SIZE", "Khổ giấy A4 (210 × 297 mm), trang dọc hoặc ngang",
       f"{_PL1_PAGE}: khổ A4 (210 mm × 297 mm)", numeric="page_width_mm"),
    _c("ND30-MARGIN-TOP", "Lề trên 20–25 mm", rule("margin_top_mm").clause, numeric="margin_top_mm"),
    _c("ND30-MARGIN-BOTTOM", "Lề dưới 20–25 mm", rule("margin_bottom_mm").clause,
       numeric="margin_bottom_mm"),
    _c("ND30-MARGIN-LEFT", "Lề trái 30–35 mm", rule("margin_left_mm").clause,
       numeric="margin_left_mm"),
    _c("ND30-MARGIN-RIGHT", "Lề phải 15–20 mm", rule("margin_right_mm").clause,
       numeric="margin_right_mm"),
    _c("ND30-FONT", "Phông chữ Times New Roman (bộ mã Unicode, TCVN 6909:2001) cho mọi chữ",
       f"{_PL1_PAGE}: phông chữ tiếng Việt Times New Roman, bộ mã Unicode"),
    _c("ND30-FONT-UNDECLARED", "Phông chữ được khai báo (định dạng, kiểu chữ hoặc mặc định của "
       "văn bản), không để phần mềm tự chọn", f"{_PL1_PAGE}: phông chữ Times New Roman",
       severity=_W),
    _c("ND30-FONT-COLOR", "Chữ màu đen", f"{_PL1_PAGE}: màu chữ đen", severity=_W),
    _c("ND30-PAGE-NUMBER", "Có số trang (trường PAGE) ở giữa lề trên (đầu trang) của mọi phần",
       f"{_PL1_PAGE}: số trang đặt canh giữa theo chiều ngang trong phần lề trên"),
    _c("ND30-PAGE-NUMBER-FIRST", "Không hiện số trang ở trang thứ nhất",
       f"{_PL1_PAGE}: không hiển thị số trang thứ nhất"),
    _c("ND30-PAGE-NUMBER-STYLE", "Số trang bằng chữ số Ả Rập, kiểu chữ đứng, canh giữa",
       f"{_PL1_PAGE}: số trang bằng chữ số Ả Rập, kiểu chữ đứng, canh giữa"),
    _c("ND30-PAGE-NUMBER-SIZE", "Số trang cỡ chữ 13–14", rule("page_number_pt").clause,
       numeric="page_number_pt"),
    # ---- header: ô 1–4
    _c("ND30-NATIONAL-TITLE", "Có Quốc hiệu đúng chữ “CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM”",
       f"{_PL1}, ô 1: Quốc hiệu"),
    _c("ND30-NATIONAL-TITLE-STYLE", "Quốc hiệu in hoa, kiểu chữ đứng, đậm",
       rule("national_title_pt").clause),
    _c("ND30-NATIONAL-TITLE-SIZE", "Quốc hiệu cỡ chữ 12–13", rule("national_title_pt").clause,
       numeric="national_title_pt"),
    _c("ND30-MOTTO", "Có Tiêu ngữ đúng chữ “Độc lập - Tự do - Hạnh phúc” (gạch nối có cách chữ)",
       f"{_PL1}, ô 1: Tiêu ngữ, chữ cái đầu các cụm từ viết hoa, giữa các cụm từ có gạch nối, "
       "có cách chữ"),
    _c("ND30-MOTTO-STYLE", "Tiêu ngữ kiểu chữ đứng, đậm", rule("motto_pt").clause),
    _c("ND30-MOTTO-SIZE", "Tiêu ngữ cỡ chữ 13–14", rule("motto_pt").clause, numeric="motto_pt"),
    _c("ND30-SIZE-PAIRING", "Cỡ chữ Quốc hiệu / Tiêu ngữ / địa danh, ngày tháng đi cùng nhau: "
       "13/14/14 hoặc 12/13/13", f"{_PL1}, ô 1 và ô 4"),
    _c("ND30-PARENT-AGENCY-STYLE", "Tên cơ quan chủ quản in hoa, kiểu chữ đứng, không đậm",
       rule("parent_agency_pt").clause),
    _c("ND30-PARENT-AGENCY-SIZE", "Tên cơ quan chủ quản cỡ chữ 12–13",
       rule("parent_agency_pt").clause, numeric="parent_agency_pt"),
    _c("ND30-AGENCY", "Có tên cơ quan ban hành ở góc trên bên trái", f"{_PL1}, ô 2"),
    _c("ND30-AGENCY-STYLE", "Tên cơ quan ban hành in hoa, kiểu chữ đứng, đậm",
       rule("agency_pt").clause),
    _c("ND30-AGENCY-SIZE", "Tên cơ quan ban hành cỡ chữ 12–13", rule("agency_pt").clause,
       numeric="agency_pt"),
    _c("ND30-NUMBER", "Có số, ký hiệu văn bản “Số: …/…-…” dưới tên cơ quan ban hành",
       f"{_PL1}, ô 3"),
    _c("ND30-NUMBER-FORMAT", "“Số” viết thường, sau là dấu hai chấm; giữa số và ký hiệu là “/”, "
       "trong ký hiệu là “-”, không có dấu cách; ký hiệu in hoa",
       f"{_PL1}, ô 3: số, ký hiệu của văn bản"),
    _c("ND30-NUMBER-PADDING", "Số văn bản nhỏ hơn 10 ghi thêm số 0 phía trước (07)",
       f"{_PL1}, ô 3: số nhỏ hơn 10 phải ghi thêm số 0 phía trước"),
    _c("ND30-NUMBER-TYPE-CODE", "Chữ viết tắt tên loại văn bản đúng Phụ lục III "
       "(KH, BC, QĐ, CTr, TTr, QyĐ …, viết đúng hoa thường)", _PL3),
    _c("ND30-NUMBER-TYPE-MISMATCH", "Chữ viết tắt tên loại trong ký hiệu khớp với tên loại văn "
       "bản (KẾ HOẠCH ↔ KH, BÁO CÁO ↔ BC, QUYẾT ĐỊNH ↔ QĐ …)", _PL3),
    _c("ND30-NUMBER-STYLE", "Số, ký hiệu kiểu chữ đứng, không đậm", rule("number_pt").clause),
    _c("ND30-NUMBER-SIZE", "Số, ký hiệu cỡ chữ 13", rule("number_pt").clause,
       numeric="number_pt"),
    _c("ND30-NUMBER-DATE-ROW", "Số, ký hiệu (bên trái) và địa danh, ngày tháng năm (bên phải) trên "
       "cùng một hàng", f"{_PL1}, ô 4: địa danh và thời gian ban hành văn bản được trình bày trên "
       "cùng một dòng với số, ký hiệu văn bản"),
    _c("ND30-DATE", "Có dòng “<Địa danh>, ngày … tháng … năm …” (địa danh viết hoa chữ đầu, "
       "ngày có thật)", f"{_PL1}, ô 4: địa danh và thời gian ban hành văn bản"),
    _c("ND30-DRAFT-DATE", "Số và ngày ban hành đi cùng nhau: bản dự thảo chưa có số thứ tự "
       "(“Số:      /KH-UBND”) để trống ngày, tháng; văn bản đã có số ghi đủ ngày, tháng",
       "Nghị định 30/2020/NĐ-CP, Điều 15: số và thời gian ban hành văn bản được cấp sau khi văn bản "
       "được ký", severity=_W),
    _c("ND30-DATE-PADDING", "Ngày nhỏ hơn 10 và tháng 1, 2 ghi thêm số 0 (ngày 06, tháng 01); "
       "tháng 3–12 không ghi số 0 (tháng 3)", _ART_DATE),
    _c("ND30-DATE-STYLE", "Địa danh và ngày tháng kiểu chữ nghiêng", rule("date_pt").clause),
    _c("ND30-DATE-SIZE", "Địa danh và ngày tháng cỡ chữ 13–14", rule("date_pt").clause,
       numeric="date_pt"),
    # ---- title: ô 5a
    _c("ND30-DOC-TYPE", "Có tên loại văn bản (KẾ HOẠCH, BÁO CÁO …) trên một dòng riêng",
       f"{_PL1}, ô 5a: tên loại văn bản"),
    _c("ND30-DOC-TYPE-STYLE", "Tên loại văn bản in hoa, kiểu chữ đứng, đậm",
       rule("doc_type_pt").clause),
    _c("ND30-DOC-TYPE-SIZE", "Tên loại văn bản cỡ chữ 13–14", rule("doc_type_pt").clause,
       numeric="doc_type_pt"),
    _c("ND30-SUBJECT", "Có trích yếu nội dung ngay dưới tên loại văn bản, canh giữa",
       f"{_PL1}, ô 5a: trích yếu nội dung"),
    _c("ND30-SUBJECT-STYLE", "Trích yếu in thường, kiểu chữ đứng, đậm",
       rule("subject_pt").clause),
    _c("ND30-SUBJECT-SIZE", "Trích yếu cỡ chữ 13–14", rule("subject_pt").clause,
       numeric="subject_pt"),
    # ---- the three rules
    _c("ND30-RULE-MOTTO", "Dưới Tiêu ngữ có đường kẻ ngang nét liền dài bằng dòng Tiêu ngữ "
       "(±15 %)", f"{_PL1}, ô 1: phía dưới có đường kẻ ngang, nét liền, có độ dài "
       "bằng độ dài của dòng chữ", numeric="motto_rule_ratio"),
    _c("ND30-RULE-AGENCY", "Dưới tên cơ quan ban hành có đường kẻ ngang nét liền dài 1/3–1/2 "
       "dòng chữ (±10 %), đặt cân đối", f"{_PL1}, ô 2: phía dưới có đường kẻ ngang, nét liền, có "
       "độ dài bằng từ 1/3 đến 1/2 độ dài của dòng chữ và đặt cân đối so với dòng chữ",
       numeric="agency_rule_ratio"),
    _c("ND30-RULE-SUBJECT", "Dưới trích yếu có đường kẻ ngang nét liền dài 1/3–1/2 dòng chữ "
       "(±10 %), đặt cân đối", f"{_PL1}, ô 5a: bên dưới trích yếu có đường kẻ ngang, nét liền, có "
       "độ dài bằng từ 1/3 đến 1/2 độ dài của dòng chữ và đặt cân đối so với dòng chữ",
       numeric="subject_rule_ratio"),
    _c("ND30-RULE-TYPED", "Đường kẻ là nét liền (viền đoạn văn hoặc đường vẽ), không gõ bằng "
       "ký tự “_” hay gạch chân chữ", _LINE),
    # ---- body: ô 6, ô 9a
    _c("ND30-ADDRESSEE", "“Kính gửi:” một nơi trên cùng dòng; nhiều nơi thì mỗi nơi một dòng "
       "“- …;”, dòng cuối kết thúc bằng dấu chấm", f"{_PL1}, ô 9a: nơi nhận (Kính gửi)"),
    _c("ND30-ADDRESSEE-SIZE", "“Kính gửi” cỡ chữ 13–14", f"{_PL1}, ô 9a: cỡ 13–14",
       numeric="addressee_pt"),
    _c("ND30-BODY-ALIGN", "Nội dung canh đều hai lề", f"{_PL1}, ô 6: căn đều hai lề"),
    _c("ND30-BODY-INDENT", "Đầu dòng lùi vào 1 cm hoặc 1,27 cm", rule("first_line_indent_cm").clause,
       numeric="first_line_indent_cm"),
    _c("ND30-BODY-SPACING", "Khoảng cách giữa các đoạn văn tối thiểu 6 pt (sau đoạn trước + "
       "trước đoạn)", rule("space_before_pt").clause, numeric="space_before_pt"),
    _c("ND30-BODY-LINE-SPACING", "Khoảng cách giữa các dòng từ dòng đơn đến 1,5 dòng",
       rule("line_spacing").clause, numeric="line_spacing"),
    _c("ND30-BODY-SIZE", "Nội dung cỡ chữ 13–14", rule("body_pt").clause, numeric="body_pt"),
    _c("ND30-HEADING-ROMAN", "Mục đánh số La Mã (I., II. …) in hoa, đậm",
       f"{_PL1}, Phần II mục II khoản 6 (bố cục nội dung: phần, mục)", severity=_W),
    _c("ND30-HEADING-POINTS", "Điểm đánh theo thứ tự chữ cái tiếng Việt: a), b), c), d), đ), e) …",
       f"{_PL1}, Phần II mục II khoản 6 (điểm: chữ cái tiếng Việt theo thứ tự abc)", severity=_W),
    _c("ND30-CLOSING-MARK", "Nội dung văn bản kết thúc bằng dấu “./.”",
       f"{_PL1}, ô 6: kết thúc nội dung văn bản", severity=_W),
    # ---- a decision (Mẫu 1.3) and the document it issues
    _c("ND30-DECISION-GROUNDS", "Quyết định: các dòng căn cứ (“Căn cứ …;”, “Theo đề nghị của …”) in nghiêng, "
       "mỗi căn cứ một dòng kết thúc bằng “;”, dòng cuối bằng “.”",
       f"{_PL1}, ô 6 (căn cứ ban hành văn bản: chữ in thường, kiểu chữ nghiêng; sau mỗi căn cứ xuống dòng, "
       f"cuối dòng có dấu chấm phẩy, dòng cuối cùng kết thúc bằng dấu chấm); {_PL3_FORMS}, Mẫu 1.3"),
    _c("ND30-DECISION-RULING", "Quyết định: dòng “QUYẾT ĐỊNH:” riêng, in hoa, đậm, canh giữa, trước các điều",
       f"{_PL3_FORMS}, Mẫu 1.3"),
    _c("ND30-DECISION-ARTICLE", "Quyết định: mỗi điều bắt đầu bằng “Điều 1.”, “Điều 2.” … in đậm, theo thứ tự",
       f"{_PL1}, ô 6 (từ “Điều”, số thứ tự của điều: chữ in thường, kiểu chữ đứng, đậm); {_PL3_FORMS}, Mẫu 1.3"),
    _c("ND30-ISSUED-WITH", "Văn bản ban hành kèm theo quyết định: không có số riêng; dưới trích yếu có dòng "
       "“(Ban hành kèm theo Quyết định số … ngày … của …)” in nghiêng, đúng số và ngày của quyết định",
       f"{_PL3_FORMS}, Mẫu 1.3 (văn bản ban hành kèm theo quyết định cá biệt)"),
    _c("ND30-FORM-BLANKS", "Bản điện tử (hoặc dự thảo) để trống số, ngày và tháng ở đầu văn bản và cả ở "
       "dòng “Kèm theo” của các phụ lục, cho công cụ ký số điền; các phụ lục cùng một hình thức",
       "Nghị định 30/2020/NĐ-CP, Điều 15 (cấp số, thời gian ban hành văn bản)",
       severity=_W),
    # ---- end block: ô 7, ô 9b
    _c("ND30-RECIPIENTS", "Có “Nơi nhận:” ở cuối văn bản, bên trái", f"{_PL1}, ô 9b"),
    _c("ND30-RECIPIENTS-LABEL", "“Nơi nhận:” in thường (chữ N hoa), có dấu hai chấm, nghiêng, đậm",
       rule("recipients_label_pt").clause),
    _c("ND30-RECIPIENTS-LABEL-SIZE", "“Nơi nhận” cỡ chữ 12", rule("recipients_label_pt").clause,
       numeric="recipients_label_pt"),
    _c("ND30-RECIPIENTS-POSITION", "“Nơi nhận” ở bên trái, ngang hàng với dòng quyền hạn, chức vụ "
       "người ký (không ở dưới chữ ký)", f"{_PL1}, ô 9b: từ “Nơi nhận” trình bày trên một dòng "
       "riêng, ngang hàng với dòng chữ “quyền hạn, chức vụ của người ký”, sát lề trái"),
    _c("ND30-RECIPIENTS-ITEMS", "Mỗi nơi nhận một dòng, bắt đầu bằng “- ”, kết thúc bằng dấu “;”",
       f"{_PL1}, ô 9b: tên cơ quan nhận mỗi dòng bắt đầu bằng gạch đầu dòng, cuối dòng có dấu "
       "chấm phẩy"),
    _c("ND30-RECIPIENTS-END", "Dòng cuối là “- Lưu: VT, …” và kết thúc bằng dấu chấm",
       f"{_PL1}, ô 9b: dòng cuối cùng “- Lưu: VT, …”, cuối dòng có dấu chấm"),
    _c("ND30-RECIPIENTS-SIZE", "Tên cơ quan nhận cỡ chữ 11", rule("recipients_pt").clause,
       numeric="recipients_pt"),
    _c("ND30-RECIPIENTS-AS-ABOVE", "Văn bản có “Kính gửi” thì dòng đầu của Nơi nhận là "
       "“- Như trên;”", f"{_PL1}, ô 9b", severity=_W),
    _c("ND30-SIGNER-AUTHORITY", "Có dòng quyền hạn, chức vụ người ký (TM., KT., Q., TL., TUQ. "
       "hoặc chức vụ), in hoa, đậm", f"{_PL1}, ô 7a: in hoa, cỡ 13–14, đứng, đậm"),
    _c("ND30-SIGNER-POSITION", "Sau dòng “TM. …”, “KT. …”, “TL. …”, “TUQ. …” có dòng riêng ghi chức "
       "vụ của người ký (TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH), không viết chung một dòng",
       f"{_PL1}, ô 7a: ghi chữ viết tắt TM., KT., TL., TUQ. trước tên tập thể hoặc chức vụ của "
       "người đứng đầu, bên dưới ghi chức vụ của người ký"),
    _c("ND30-SIGNER-NAME", "Có họ và tên người ký, đậm, dưới chức vụ (chừa chỗ ký, đóng dấu)",
       f"{_PL1}, ô 7b: họ tên người ký in thường, đứng, đậm"),
    _c("ND30-SIGNER-TITLE", "Không ghi học hàm, học vị (TS., ThS., GS. …) trước họ tên người ký",
       f"{_PL1}, ô 7b: trước họ tên người ký không ghi học hàm, học vị"),
    _c("ND30-SIGNER-SIZE", "Quyền hạn, chức vụ và họ tên người ký cỡ chữ 13–14",
       rule("signer_pt").clause, numeric="signer_pt"),
    # ---- appendices
    _c("ND30-APPENDIX-HEADING", "Từ “Phụ lục” (và số thứ tự) trên một dòng riêng, in thường, "
       "kiểu chữ đứng, đậm, canh giữa", f"{_PL1_APPENDIX}: từ “Phụ lục” và số thứ tự của phụ lục "
       "trình bày thành một dòng riêng, canh giữa, bằng chữ in thường, cỡ 14, kiểu chữ đứng, đậm"),
    _c("ND30-APPENDIX-HEADING-SIZE", "Từ “Phụ lục” cỡ chữ 14", rule("appendix_heading_pt").clause,
       numeric="appendix_heading_pt"),
    _c("ND30-APPENDIX-TITLE", "Tên phụ lục in hoa, kiểu chữ đứng, đậm",
       rule("appendix_title_pt").clause),
    _c("ND30-APPENDIX-TITLE-SIZE", "Tên phụ lục cỡ chữ 13–14", rule("appendix_title_pt").clause,
       numeric="appendix_title_pt"),
    _c("ND30-APPENDIX-REFERENCE", "Dưới tên phụ lục có dòng “(Kèm theo … số … ngày … của …)”, "
       "kiểu chữ nghiêng", f"{_PL1_APPENDIX}: ghi chú kèm theo văn bản"),
    _c("ND30-APPENDIX-REFERENCE-MATCH", "Số, ký hiệu và ngày tháng năm trong dòng “(Kèm theo …)” "
       "của phụ lục đúng như ở đầu văn bản", f"{_PL1_APPENDIX}: ghi chú kèm theo văn bản nào, "
       "số, ký hiệu và thời gian ban hành văn bản đó"),
    _c("ND30-APPENDIX-REFERENCE-SIZE", "Dòng “(Kèm theo …)” cỡ chữ 13–14",
       limit("appendix_reference_pt").clause, numeric="appendix_reference_pt"),
    _c("ND30-APPENDIX-PAGE-RESTART", "Mỗi phụ lục là một phần (section) riêng, số trang đánh "
       "lại từ 1", f"{_PL1_PAGE}: số trang của phụ lục được đánh số riêng theo từng phụ lục"),
)
"""Every rule the checker applies, in the order a reader meets them in a document."""

_CHECKS_BY_ID = {c.id: c for c in CHECKS}


def check_rule(rule_id: str) -> CheckRule:
    """The checker's rule with id ``rule_id`` (``ND30-FONT``)."""
    return _CHECKS_BY_ID[rule_id]
