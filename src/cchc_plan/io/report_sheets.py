"""A report's appendix tables as an Excel workbook — *phụ lục báo cáo dạng Excel*.

One sheet per appendix of the .docx: targets (*Phụ lục I*), task progress
(*Phụ lục II*), one-stop figures (*Phụ lục III*). Counts are numbers, dates are
dates, rates are Excel percentages, and every total and rate is a formula, so
Excel and LibreOffice recompute the values the .docx prints.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..model.figures import FieldFigures, RateBase
from ..model.plan import Plan
from ..model.report import Report
from ..vnformat import roman, short_date, upper
from ._xlsx import fixed_properties, style
from .files import atomic_write
from .outputs import saved_bytes

__all__ = [
    "FIGURE_HEADERS",
    "figures_sheet",
    "report_workbook",
    "sheet_title",
    "write_report_workbook",
]

PERCENT_FORMAT = "0.00%"
COUNT_FORMAT = "#,##0"
DATE_FORMAT = "dd/mm/yyyy"

FIGURE_HEADERS: tuple[tuple[str, str | None], ...] = (
    ("Tổng số", "Số hồ sơ tiếp nhận"), ("Kỳ trước chuyển sang", "Số hồ sơ tiếp nhận"),
    ("Trực tuyến", "Số hồ sơ tiếp nhận"), ("Trực tiếp", "Số hồ sơ tiếp nhận"),
    ("Bưu chính công ích", "Số hồ sơ tiếp nhận"),
    ("Tổng số", "Số hồ sơ đã giải quyết"), ("Trước hạn", "Số hồ sơ đã giải quyết"),
    ("Đúng hạn", "Số hồ sơ đã giải quyết"), ("Trễ hạn", "Số hồ sơ đã giải quyết"),
    ("Trong hạn", "Đang giải quyết"), ("Quá hạn", "Đang giải quyết"),
    ("Trả lại, rút hồ sơ", None), ("Thư xin lỗi", None), ("Tỷ lệ đúng hạn", None),
    ("Tỷ lệ trực tuyến", None),
)
"""Columns C… of a one-stop sheet: (title, the group title above it or ``None``)."""


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    return str(get_column_letter(column))


def sheet_title(ws: Any, lines: Sequence[str], width: int) -> int:
    """Title lines merged across ``width`` columns at the top; returns the next free row."""
    s = style()
    for r, line in enumerate(lines, start=1):
        cell = ws.cell(row=r, column=1, value=line)
        cell.font = s.title if r == 1 else s.italic
        cell.alignment = s.middle
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
    return len(lines) + 1


def _header(ws: Any, row: int, titles: Sequence[str], widths: Sequence[float]) -> None:
    s = style()
    for c, (title, width) in enumerate(zip(titles, widths, strict=True), start=1):
        cell = ws.cell(row=row, column=c, value=title)
        cell.font, cell.alignment, cell.border, cell.fill = s.bold, s.middle, s.border, s.header_fill
        ws.column_dimensions[_letter(c)].width = width
    ws.freeze_panes = ws.cell(row=row + 1, column=1).coordinate


def _put(ws: Any, row: int, column: int, value: object, *, fmt: str | None = None, bold: bool = False,
         align: str = "left", fill: Any = None) -> Any:
    """Write a cell with one of the workbook's named styles (one style lookup per cell, not four)."""
    cell = ws.cell(row=row, column=column, value=value)
    cell.style = _named(ws.parent, fmt, bold, align, fill)
    return cell


def _named(book: Any, fmt: str | None, bold: bool, align: str, fill: Any) -> str:
    from openpyxl.styles import NamedStyle  # type: ignore[import-untyped]

    s = style()
    fill_name = {id(s.header_fill): "header", id(s.group_fill): "group", id(s.total_fill): "total"}.get(
        id(fill), "") if fill is not None else ""
    name = f"cchc {align}{' bold' if bold else ''}{' ' + fill_name if fill_name else ''}{' ' + fmt if fmt else ''}"
    known = getattr(book, "_cchc_styles", None)
    if known is None:
        known = set()
        book._cchc_styles = known
    if name not in known:
        named = NamedStyle(name=name, font=s.bold if bold else s.font, border=s.border,
                           alignment={"left": s.left, "center": s.center, "right": s.right}[align],
                           number_format=fmt or "General")
        if fill is not None:
            named.fill = fill
        book.add_named_style(named)
        known.add(name)
    return name


def _fraction(percent: Decimal | None) -> float | None:
    return None if percent is None else float(percent / 100)


def figures_sheet(ws: Any, first: int, rows: Sequence[tuple[str, FieldFigures]], *,
                  label: str = "Lĩnh vực", total_label: str = "Tổng cộng",
                  on_received: bool = False) -> tuple[int, int]:
    """A one-stop table from row ``first``: two header rows, one row per entry, a total of formulas.

    ``on_received``: the on-time rate is computed on the received dossiers (``rate_base: received``).

    Returns the first and last data rows (the total is the row after the last).
    """
    s = style()
    top, sub = first, first + 1
    titles = ("TT", label)
    widths = (5.0, 34.0)
    for c, title in enumerate(titles, start=1):
        _put(ws, top, c, title, bold=True, align="center", fill=s.header_fill).alignment = s.middle
        _put(ws, sub, c, None, fill=s.header_fill)
        ws.merge_cells(start_row=top, start_column=c, end_row=sub, end_column=c)
        ws.column_dimensions[_letter(c)].width = widths[c - 1]
    column = 3
    while column < 3 + len(FIGURE_HEADERS):
        title, group = FIGURE_HEADERS[column - 3]
        span = 1
        while group is not None and column - 3 + span < len(FIGURE_HEADERS) \
                and FIGURE_HEADERS[column - 3 + span][1] == group:
            span += 1
        if group is None:
            _put(ws, top, column, title, bold=True, fill=s.header_fill).alignment = s.middle
            _put(ws, sub, column, None, fill=s.header_fill)
            ws.merge_cells(start_row=top, start_column=column, end_row=sub, end_column=column)
        else:
            _put(ws, top, column, group, bold=True, fill=s.header_fill).alignment = s.middle
            for k in range(span):
                if k:
                    _put(ws, top, column + k, None, fill=s.header_fill)
                _put(ws, sub, column + k, FIGURE_HEADERS[column - 3 + k][0], bold=True,
                     fill=s.header_fill).alignment = s.middle
            ws.merge_cells(start_row=top, start_column=column, end_row=top, end_column=column + span - 1)
        column += span
    for c in range(3, 3 + len(FIGURE_HEADERS)):
        ws.column_dimensions[_letter(c)].width = 11
    ws.freeze_panes = ws.cell(row=sub + 1, column=3).coordinate
    start = sub + 1
    r = start
    for n, (name, f) in enumerate(rows, start=1):
        _figure_row(ws, r, str(n), name, f, on_received)
        r += 1
    end = r - 1
    _put(ws, r, 1, None, bold=True, fill=s.total_fill)
    _put(ws, r, 2, total_label, bold=True, fill=s.total_fill)
    if any(_partial(f) for _, f in rows):
        # Some count is absent: a SUM would count its blank cell as 0; the total is written as known.
        total = FieldFigures.total([f for _, f in rows], name=total_label)
        _values(ws, r, total, on_received, bold=True, fill=s.total_fill)
        return start, end
    for c in range(4, 16):
        if c == 8:
            continue
        col = _letter(c)
        _put(ws, r, c, f"=SUM({col}{start}:{col}{end})" if rows else 0, fmt=COUNT_FORMAT, bold=True,
             align="right", fill=s.total_fill)
    _formulas(ws, r, on_received, bold=True, fill=s.total_fill)
    return start, end


def _partial(f: FieldFigures) -> bool:
    """Whether a row lacks a count, or states a total of its own (its formulas would then mislead)."""
    counts = (f.carried_over, f.online, f.in_person, f.post, f.early, f.on_time, f.late,
              f.pending_in_time, f.pending_overdue, f.returned, f.apologies)
    stated = (f.received_total, f.new_total, f.resolved_total, f.pending_total)
    return any(c is None for c in counts) or any(t is not None for t in stated)


def _values(ws: Any, r: int, f: FieldFigures, on_received: bool = False, *, bold: bool = False,
            fill: Any = None) -> None:
    """A one-stop row written as values, an absent one left blank (no formula over blanks)."""
    counts = (f.received, f.carried_over, f.online, f.in_person, f.post, f.resolved, f.early, f.on_time, f.late,
              f.pending_in_time, f.pending_overdue, f.returned, f.apologies)
    for c, value in enumerate(counts, start=3):
        _put(ws, r, c, value, fmt=COUNT_FORMAT, bold=bold, align="right", fill=fill)
    base = RateBase.RECEIVED if on_received else RateBase.RESOLVED
    _put(ws, r, 16, _fraction(f.on_time_rate_on(base)), fmt=PERCENT_FORMAT, bold=bold, align="right", fill=fill)
    _put(ws, r, 17, _fraction(f.online_share), fmt=PERCENT_FORMAT, bold=bold, align="right", fill=fill)


def _formulas(ws: Any, r: int, on_received: bool = False, *, bold: bool = False, fill: Any = None) -> None:
    """The derived cells of a one-stop row: received, resolved, on-time rate, online share."""
    _put(ws, r, 3, f"=D{r}+E{r}+F{r}+G{r}", fmt=COUNT_FORMAT, bold=bold, align="right", fill=fill)
    _put(ws, r, 8, f"=I{r}+J{r}+K{r}", fmt=COUNT_FORMAT, bold=bold, align="right", fill=fill)
    base = "C" if on_received else "H"
    _put(ws, r, 16, f'=IF({base}{r}=0,"",(I{r}+J{r})/{base}{r})', fmt=PERCENT_FORMAT, bold=bold, align="right",
         fill=fill)
    _put(ws, r, 17, f'=IF(E{r}+F{r}+G{r}=0,"",E{r}/(E{r}+F{r}+G{r}))', fmt=PERCENT_FORMAT, bold=bold,
         align="right", fill=fill)


def _figure_row(ws: Any, r: int, n: str, name: str, f: FieldFigures, on_received: bool = False) -> None:
    _put(ws, r, 1, int(n) if n.isdigit() else n, align="center")
    _put(ws, r, 2, name)
    if _partial(f):
        _values(ws, r, f, on_received)
        return
    counts = (f.carried_over, f.online, f.in_person, f.post, None, f.early, f.on_time, f.late,
              f.pending_in_time, f.pending_overdue, f.returned, f.apologies)
    for c, value in enumerate(counts, start=4):
        if value is not None:
            _put(ws, r, c, value, fmt=COUNT_FORMAT, align="right")
    _formulas(ws, r, on_received)


def _targets(ws: Any, report: Report, period: str, reference: str) -> None:
    s = style()
    row = sheet_title(ws, (f"KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CẢI CÁCH HÀNH CHÍNH {period}", reference), 7)
    _header(ws, row, ("TT", "Chỉ tiêu", "Kế hoạch", "Đơn vị", "Giá trị kế hoạch", "Kết quả đạt được",
                      "Đánh giá"), (5, 60, 24, 8, 12, 14, 18))
    first = row + 1
    r = first
    outcomes = report.outcomes()
    areas = report.plan.areas if isinstance(report.plan, Plan) else ()
    for a, area in enumerate(areas, start=1):
        mine = [o for o in outcomes if o.area is area]
        if not mine:
            continue
        cell = _put(ws, r, 1, f"{roman(a)}. {upper(area.title)}", bold=True, fill=s.group_fill)
        for c in range(2, 8):
            _put(ws, r, c, None, fill=s.group_fill)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=7)
        cell.alignment = s.left
        r += 1
        for n, o in enumerate(mine, start=1):
            m = o.measure
            is_percent = m.unit == "%"
            reached = o.result.reached if o.result is not None else None
            _put(ws, r, 1, n, align="center")
            _put(ws, r, 2, m.metric + (f" ({m.scope})" if m.scope else ""))
            _put(ws, r, 3, m.requirement(), align="center")
            _put(ws, r, 4, m.unit, align="center")
            if m.value is not None:
                _put(ws, r, 5, _fraction(m.value) if is_percent else float(m.value),
                     fmt=PERCENT_FORMAT if is_percent else "0.##", align="right")
            else:
                _put(ws, r, 5, None)
            if reached is not None:
                _put(ws, r, 6, _fraction(reached) if is_percent else float(reached),
                     fmt=PERCENT_FORMAT if is_percent else "0.##", align="right")
            else:
                _put(ws, r, 6, None)
            _put(ws, r, 7, o.verdict, align="center", bold=o.met is False)
            r += 1
    last = r - 1
    for label, verdict in (("Số chỉ tiêu đạt", "Đạt"), ("Số chỉ tiêu không đạt", "Không đạt")):
        _put(ws, r, 1, None, fill=s.total_fill)
        _put(ws, r, 2, label, bold=True, fill=s.total_fill)
        for c in range(3, 7):
            _put(ws, r, c, None, fill=s.total_fill)
        _put(ws, r, 7, f'=COUNTIF(G{first}:G{last},"{verdict}")', bold=True, align="center", fill=s.total_fill)
        r += 1
    _put(ws, r, 1, None, fill=s.total_fill)
    _put(ws, r, 2, "Số chỉ tiêu chưa có số liệu", bold=True, fill=s.total_fill)
    for c in range(3, 7):
        _put(ws, r, c, None, fill=s.total_fill)
    _put(ws, r, 7, f'=COUNTIF(G{first}:G{last},"Chưa có số liệu*")', bold=True, align="center",
         fill=s.total_fill)


def _tasks(ws: Any, report: Report, period: str, reference: str) -> None:
    s = style()
    row = sheet_title(ws, (f"TIẾN ĐỘ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH {period}", reference), 9)
    _header(ws, row, ("TT", "Nội dung, nhiệm vụ", "Sản phẩm", "Thời gian hoàn thành", "Hạn hoàn thành",
                      "Tiến độ", "Ngày hoàn thành", "Quá hạn", "Kết quả, văn bản đã ban hành"),
            (5, 40, 30, 16, 13, 16, 13, 9, 36))
    appendix = report.plan.appendix if isinstance(report.plan, Plan) else None
    first = row + 1
    r = first
    if appendix is not None:
        progress = {(p.item_number, p.output_index): p for p in report.progress()}
        for g, group in enumerate(appendix.groups, start=1):
            _put(ws, r, 1, f"{roman(g)}. {group.title}", bold=True, fill=s.group_fill)
            for c in range(2, 10):
                _put(ws, r, c, None, fill=s.group_fill)
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=9)
            r += 1
            for item in group.items:
                top = r
                for i, output in enumerate(item.outputs, start=1):
                    p = progress[(item.number, i)]
                    _put(ws, r, 1, item.number if i == 1 else None, align="center")
                    _put(ws, r, 2, item.content if i == 1 else None)
                    _put(ws, r, 3, output.text)
                    _put(ws, r, 4, p.deadline.text, align="center")
                    _put(ws, r, 5, p.due, fmt=DATE_FORMAT, align="center")
                    _put(ws, r, 6, p.status.label, align="center", bold=p.overdue)
                    _put(ws, r, 7, p.done_on, fmt=DATE_FORMAT, align="center")
                    _put(ws, r, 8, "x" if p.overdue else None, align="center", bold=p.overdue)
                    _put(ws, r, 9, p.evidence)
                    r += 1
                if r - top > 1:
                    for c in (1, 2):
                        ws.merge_cells(start_row=top, start_column=c, end_row=r - 1, end_column=c)
    last = max(r - 1, first)
    for label, formula in (("Tổng số sản phẩm", f"=COUNTA(C{first}:C{last})"),
                           ("Đã hoàn thành", f'=COUNTIF(F{first}:F{last},"Đã hoàn thành")'),
                           ("Quá hạn", f'=COUNTIF(H{first}:H{last},"x")')):
        _put(ws, r, 1, None, fill=s.total_fill)
        _put(ws, r, 2, label, bold=True, fill=s.total_fill)
        _put(ws, r, 3, formula, bold=True, fmt=COUNT_FORMAT, align="right", fill=s.total_fill)
        r += 1


def report_workbook(report: Report) -> Any:
    """The report's appendix tables as an openpyxl ``Workbook``: one sheet per appendix of the .docx."""
    from openpyxl import Workbook  # type: ignore[import-untyped]

    from ..layout.components import reference as cite

    book = Workbook()
    period = upper(report.period.phrase)
    reference = f"(Kèm theo {cite(report.number, report.date, report.agency)})"
    _targets(book.active, report, period, reference)
    book.active.title = "PL I - Chỉ tiêu"
    _tasks(book.create_sheet("PL II - Tiến độ"), report, period, reference)
    if report.one_stop is not None:
        ws = book.create_sheet("PL III - Một cửa")
        start, end = report.period.window
        row = sheet_title(ws, ("KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI BỘ PHẬN MỘT CỬA " + period,
                               f"(Số liệu từ ngày {short_date(start)} đến ngày {short_date(end)})"),
                          2 + len(FIGURE_HEADERS))
        figures = report.one_stop
        on_received = figures.rate_base is RateBase.RECEIVED
        if figures.fields:
            _, end_row = figures_sheet(ws, row, [(f.field, f) for f in figures.fields], on_received=on_received)
            row = end_row + 3
        if figures.units:
            figures_sheet(ws, row, [(u.field, u) for u in figures.units], label="Đơn vị",
                          on_received=on_received)
    for ws in book.worksheets:
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
    fixed_properties(book, f"Phụ lục báo cáo {report.period.phrase}", report.agency.short_name, report.date)
    return book


def write_report_workbook(report: Report, target: str | os.PathLike[str], *, force: bool = False) -> Path:
    """Write the report's appendix tables at ``target`` (.xlsx), atomically."""
    book = report_workbook(report)
    return atomic_write(target, saved_bytes(book), force=force)
