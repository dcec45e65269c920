"""A summary's appendix tables as an Excel workbook, totals and rates as formulas.

Sheets in the order of the .docx appendices: one-stop figures per unit, the
ranking, target attainment by unit, overdue outputs. Excel and LibreOffice
recompute every total, rate, rank and count to the values the .docx prints.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ..model.summary import NOT_JUDGED, NOT_PLANNED, Summary, SummaryDocument
from ..vnformat import short_date, upper
from ._xlsx import fixed_properties, style
from .files import atomic_write
from .outputs import saved_bytes
from .report_sheets import COUNT_FORMAT, FIGURE_HEADERS, PERCENT_FORMAT, _header, _put, figures_sheet, sheet_title

__all__ = ["summary_workbook", "write_summary_workbook"]


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    return str(get_column_letter(column))


def _ranking(ws: Any, summary: Summary, lines: tuple[str, ...]) -> None:
    row = sheet_title(ws, ("XẾP HẠNG CÁC ĐƠN VỊ THEO TỶ LỆ GIẢI QUYẾT HỒ SƠ ĐÚNG HẠN", *lines), 10)
    _header(ws, row, ("Hạng", "Đơn vị", "Đã giải quyết", "Trước hạn và đúng hạn", "Tỷ lệ đúng hạn",
                      "Tỷ lệ đúng hạn kỳ trước", "Tăng (+), giảm (-) so với kỳ trước (điểm %)",
                      "Hồ sơ trực tuyến", "Hồ sơ mới tiếp nhận", "Tỷ lệ tiếp nhận trực tuyến"),
            (7, 34, 12, 12, 11, 12, 16, 11, 11, 12))
    first = row + 1
    ranking = summary.ranking()
    last = first + len(ranking) - 1
    for r, (_, u) in enumerate(ranking, start=first):
        f = u.figures
        _put(ws, r, 1, f'=IF(E{r}="","",RANK(E{r},$E${first}:$E${last},0))', align="center")
        _put(ws, r, 2, u.name)
        _put(ws, r, 3, f.resolved if f else None, fmt=COUNT_FORMAT, align="right")
        _put(ws, r, 4, f.in_time if f else None, fmt=COUNT_FORMAT, align="right")
        _put(ws, r, 5, f'=IF(N(C{r})=0,"",D{r}/C{r})', fmt=PERCENT_FORMAT, align="right")
        previous = u.previous_on_time
        _put(ws, r, 6, float(previous / 100) if previous is not None else None, fmt=PERCENT_FORMAT,
             align="right")
        _put(ws, r, 7, f'=IF(OR(E{r}="",F{r}=""),"",ROUND((E{r}-F{r})*100,2))', fmt="+0.00;-0.00;0.00",
             align="right")
        _put(ws, r, 8, f.online if f else None, fmt=COUNT_FORMAT, align="right")
        _put(ws, r, 9, f.new if f else None, fmt=COUNT_FORMAT, align="right")
        _put(ws, r, 10, f'=IF(N(I{r})=0,"",H{r}/I{r})', fmt=PERCENT_FORMAT, align="right")


def _matrix(ws: Any, summary: Summary, lines: tuple[str, ...]) -> None:
    s = style()
    measures = summary.measures
    width = 2 + len(measures)
    row = sheet_title(ws, ("KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU THEO ĐƠN VỊ", *lines), max(width, 3))
    titles = ["TT", "Đơn vị", *(f"{i}. {k.label}" for i, k in enumerate(measures, start=1))]
    _header(ws, row, titles, [5, 34, *([16] * len(measures))])
    ws.row_dimensions[row].height = 90
    first = row + 1
    for n, u in enumerate(summary.units, start=1):
        r = first + n - 1
        _put(ws, r, 1, n, align="center")
        _put(ws, r, 2, u.name)
        for c, key in enumerate(measures, start=3):
            verdict = u.verdict(key)
            _put(ws, r, c, verdict, align="center", bold=verdict == "Không đạt")
    last = first + len(summary.units) - 1
    r = last + 1
    for label, word in (("Số đơn vị đạt", "Đạt"), ("Số đơn vị không đạt", "Không đạt"),
                        ("Số đơn vị chưa đánh giá", NOT_JUDGED), ("Không có trong kế hoạch", NOT_PLANNED)):
        _put(ws, r, 1, None, fill=s.total_fill)
        _put(ws, r, 2, label, bold=True, fill=s.total_fill)
        for c in range(3, width + 1):
            col = _letter(c)
            _put(ws, r, c, f'=COUNTIF({col}{first}:{col}{last},"{word}")', bold=True, align="center",
                 fill=s.total_fill)
        r += 1
    ws.freeze_panes = ws.cell(row=first, column=3).coordinate


def _overdue(ws: Any, summary: Summary, lines: tuple[str, ...]) -> None:
    from ..layout.summary import overdue_lines

    s = style()
    row = sheet_title(ws, ("SẢN PHẨM QUÁ HẠN THEO ĐƠN VỊ", *lines), 4)
    _header(ws, row, ("TT", "Đơn vị", "Số sản phẩm quá hạn",
                      "Sản phẩm quá hạn (nhiệm vụ, sản phẩm, thời gian hoàn thành)"), (5, 30, 11, 90))
    first = row + 1
    r = first
    for n, (name, count, texts) in enumerate(overdue_lines(summary), start=1):
        _put(ws, r, 1, n, align="center")
        _put(ws, r, 2, name)
        _put(ws, r, 3, count, fmt=COUNT_FORMAT, align="center")
        _put(ws, r, 4, "\n".join(texts))
        r += 1
    _put(ws, r, 1, None, fill=s.total_fill)
    _put(ws, r, 2, "Tổng cộng", bold=True, fill=s.total_fill)
    _put(ws, r, 3, f"=SUM(C{first}:C{r - 1})" if r > first else 0, fmt=COUNT_FORMAT, bold=True, align="center",
         fill=s.total_fill)
    _put(ws, r, 4, None, fill=s.total_fill)


def summary_workbook(summary: Summary, doc: SummaryDocument) -> Any:
    """The summary's appendix tables as an openpyxl ``Workbook``."""
    from openpyxl import Workbook  # type: ignore[import-untyped]

    book = Workbook()
    start, end = summary.period.window
    lines = (upper(summary.period.phrase), f"(Số liệu từ ngày {short_date(start)} đến ngày {short_date(end)})")
    ws = book.active
    ws.title = "PL I - Một cửa"
    row = sheet_title(ws, ("KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH THEO ĐƠN VỊ", *lines), 2 + len(FIGURE_HEADERS))
    figures_sheet(ws, row, [(u.name, u.figures) for u in summary.units if u.figures is not None],
                  label="Đơn vị")
    _ranking(book.create_sheet("PL II - Xếp hạng"), summary, lines)
    _matrix(book.create_sheet("PL III - Chỉ tiêu"), summary, lines)
    _overdue(book.create_sheet("PL IV - Quá hạn"), summary, lines)
    for sheet in book.worksheets:
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    fixed_properties(book, f"Tổng hợp kết quả CCHC {summary.period.phrase}", doc.issuer.short_name, doc.date)
    return book


def write_summary_workbook(summary: Summary, doc: SummaryDocument, target: str | os.PathLike[str], *,
                           force: bool = False) -> Path:
    """Write the summary's workbook at ``target`` (.xlsx), atomically."""
    book = summary_workbook(summary, doc)
    return atomic_write(target, saved_bytes(book), force=force)
