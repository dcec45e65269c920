"""The task workbook — *bảng theo dõi nhiệm vụ* — to and from Excel.

:func:`write_task_workbook` writes a plan's appendix as the table offices keep
in Excel: one row per output, the item's cells merged over its outputs, a row
per group, the due date as a real date, and three columns for the year's
progress (*tiến độ*, with a drop-down list; *ngày hoàn thành*, a date; *ghi chú*).
:func:`read_task_progress` reads the filled workbook back into the report's
:class:`~cchc_plan.model.report.TaskProgress` entries; every mistake is named
by its cell (``Nhiệm vụ!K12``). :func:`import_appendix` reads a task table an
office typed itself — its own column order, its own merged cells — into a
plan's :class:`~cchc_plan.model.plan.Appendix`.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
from pathlib import Path
from typing import Any

from ..model.deadline import Deadline
from ..model.plan import (
    Appendix,
    AppendixGroup,
    AppendixItem,
    Assignment,
    Budget,
    Output,
    Plan,
)
from ..model.report import TaskProgress, TaskStatus
from ..problems import InputError, InvalidModel, Problem
from ..vnformat import roman, short_date, upper
from ._xlsx import address, cell_text, fixed_properties, header_key, open_workbook, parse_cell_date, style
from .files import atomic_write
from .outputs import saved_bytes

__all__ = [
    "STATUS_LABELS",
    "TASK_SHEET",
    "import_appendix",
    "read_task_progress",
    "task_workbook",
    "write_task_workbook",
]

TASK_SHEET = "Nhiệm vụ"
"""The name of the task sheet."""

STATUS_LABELS = tuple(s.label for s in TaskStatus)
"""The statuses offered in the *Tiến độ* drop-down list."""

_HEADER_ROW = 3
_COLUMNS: tuple[tuple[str, float], ...] = (
    ("TT", 5), ("Nội dung, nhiệm vụ", 42), ("Sản phẩm số", 8), ("Sản phẩm", 36),
    ("Thời gian hoàn thành", 18), ("Hạn hoàn thành", 13), ("Cơ quan chủ trì", 20),
    ("Cơ quan phối hợp", 20), ("Kinh phí", 18), ("Tiến độ", 17), ("Ngày hoàn thành", 13),
    ("Ghi chú (kết quả, văn bản đã ban hành)", 36),
)
_ITEM_COLUMNS = (1, 2, 7, 8, 9)
"""TT, content, lead, partners, budget: merged over an item's outputs."""
_DATE_FORMAT = "dd/mm/yyyy"
_MONEY_FORMAT = '#,##0 "đồng"'


# --------------------------------------------------------------------------- writing


def task_workbook(plan: Plan) -> Any:
    """The task workbook of ``plan`` as an openpyxl ``Workbook`` (see :func:`write_task_workbook`)."""
    from openpyxl import Workbook  # type: ignore[import-untyped]
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]
    from openpyxl.worksheet.datavalidation import DataValidation  # type: ignore[import-untyped]

    if plan.appendix is None:
        raise InputError("<kế hoạch>", [Problem(path="appendix", rule="kế hoạch không có phụ lục nhiệm vụ cụ thể")])
    s = style()
    book = Workbook()
    sheet = book.active
    sheet.title = TASK_SHEET
    last = len(_COLUMNS)
    end = get_column_letter(last)
    sheet["A1"] = plan.appendix.title
    sheet["A1"].font = s.title
    sheet["A1"].alignment = s.middle
    sheet.merge_cells(f"A1:{end}1")
    sheet.row_dimensions[1].height = 36
    sheet["A2"] = _reference(plan)
    sheet["A2"].font = s.italic
    sheet["A2"].alignment = s.middle
    sheet.merge_cells(f"A2:{end}2")
    for c, (title, width) in enumerate(_COLUMNS, start=1):
        cell = sheet.cell(row=_HEADER_ROW, column=c, value=title)
        cell.font, cell.alignment, cell.border, cell.fill = s.bold, s.middle, s.border, s.header_fill
        sheet.column_dimensions[get_column_letter(c)].width = width
    units = {u.key: u for u in plan.units}
    row = _HEADER_ROW + 1
    for g, group in enumerate(plan.appendix.groups, start=1):
        cell = sheet.cell(row=row, column=1, value=f"{roman(g)}. {group.title}")
        cell.font, cell.alignment, cell.fill = s.bold, s.left, s.group_fill
        for c in range(1, last + 1):
            sheet.cell(row=row, column=c).border = s.border
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last)
        row += 1
        for item in group.items:
            first = row
            for i, (output, deadline) in enumerate(zip(item.outputs, item.deadlines(), strict=True), start=1):
                values: dict[int, object] = {3: i, 4: output.text, 5: deadline.text,
                                             6: deadline.due(plan.year)}
                if i == 1:
                    values |= {1: item.number, 2: item.content, 7: item.lead.label(units),
                               8: item.partners.label(units) if item.partners else None}
                    if item.budget is not None:
                        values[9] = item.budget.amount if item.budget.amount is not None else item.budget.text
                for c in range(1, last + 1):
                    cell = sheet.cell(row=row, column=c, value=values.get(c))
                    cell.font, cell.border = s.font, s.border
                    cell.alignment = s.center if c in (1, 3, 5, 6, 10, 11) else s.left
                    if c in (6, 11):
                        cell.number_format = _DATE_FORMAT
                    if c == 9 and isinstance(values.get(9), int):
                        cell.number_format = _MONEY_FORMAT
                row += 1
            if row - first > 1:
                for c in _ITEM_COLUMNS:
                    sheet.merge_cells(start_row=first, start_column=c, end_row=row - 1, end_column=c)
    last_row = max(row - 1, _HEADER_ROW + 1)
    status = DataValidation(type="list", formula1='"' + ",".join(STATUS_LABELS) + '"', allow_blank=True,
                            showErrorMessage=True, errorTitle="Tiến độ",
                            error="Chọn một trong: " + ", ".join(STATUS_LABELS),
                            promptTitle="Tiến độ", prompt="Chọn tiến độ của sản phẩm")
    status.add(f"J{_HEADER_ROW + 1}:J{last_row}")
    done_on = DataValidation(type="date", operator="between", formula1=f"DATE({plan.year - 1},1,1)",
                             formula2=f"DATE({plan.year + 1},12,31)", allow_blank=True,
                             showErrorMessage=True, errorTitle="Ngày hoàn thành",
                             error="Ghi ngày dạng dd/mm/yyyy, trong năm kế hoạch")
    done_on.add(f"K{_HEADER_ROW + 1}:K{last_row}")
    sheet.add_data_validation(status)
    sheet.add_data_validation(done_on)
    sheet.freeze_panes = f"A{_HEADER_ROW + 1}"
    sheet.print_title_rows = f"{_HEADER_ROW}:{_HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    fixed_properties(book, plan.appendix.title, plan.issuer.short_name, plan.date)
    return book


def _reference(plan: Plan) -> str:
    """The line under the title: ``(Kèm theo Kế hoạch số 07/KH-UBND ngày 06/01/2023 của UBND xã Lộc Bình)``."""
    number, date, lead = plan.number, plan.date, f"(Kèm theo {plan.number.type.title}"
    if plan.issued_by is not None:  # the plan has no number: it is issued by the decision's
        number, date = plan.issued_by.number, plan.issued_by.date
        lead += " ban hành kèm theo Quyết định"
    reference = f"{lead} số {number}" if number.serial is not None else f"{lead} số      /{number.symbol}"
    return reference + (f" ngày {short_date(date)}" if date else "") + f" của {plan.issuer.short_name})"


_REFERENCE = re.compile(r"^\(Kèm theo .*?số\s*(?P<serial>\d*)\s*/\S+?(?: ngày [\d/]+)? của (?P<issuer>.+)\)$")


def _other_plan(sheet: _Sheet, header: int, plan: Plan) -> Problem | None:
    """A problem when the workbook's reference line (above its header) names another plan than ``plan``.

    Only the issuer and, when both have one, the plan's serial number are compared: a
    workbook written from the draft still serves the plan once it is numbered and dated.
    """
    for r in range(1, header):
        text = " ".join((cell_text(sheet.get(r, 1)) or "").split())
        found = _REFERENCE.match(text)
        if found is None:
            continue
        issuer = found.group("issuer")
        serial = int(found.group("serial")) if found.group("serial") else None
        if header_key(issuer) != header_key(plan.issuer.short_name) or (
                serial is not None and plan.number.serial is not None and serial != plan.number.serial):
            return Problem(path=sheet.at(r, 1), value=text, rule=(
                "bảng tiến độ này lập cho một kế hoạch khác; báo cáo dựa trên "
                + _reference(plan)[len("(Kèm theo "):-1]))
        return None
    return None


def write_task_workbook(plan: Plan, target: str | os.PathLike[str], *, force: bool = False) -> Path:
    """Write the task workbook of ``plan`` at ``target`` (.xlsx), atomically; never over a file unless ``force``."""
    book = task_workbook(plan)
    return atomic_write(target, saved_bytes(book), force=force)


# --------------------------------------------------------------------------- reading helpers


class _Sheet:
    """A worksheet's values with merged cells filled from their top-left cell."""

    def __init__(self, sheet: Any) -> None:
        self.sheet = sheet
        self.name: str = sheet.title
        self.values: dict[tuple[int, int], Any] = {}
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None:
                    self.values[(cell.row, cell.column)] = cell.value
        self.merges: list[tuple[int, int, int, int]] = []  # min_row, min_col, max_row, max_col
        self.merge_of: dict[tuple[int, int], tuple[int, int, int, int]] = {}
        for rng in sheet.merged_cells.ranges:
            box = (rng.min_row, rng.min_col, rng.max_row, rng.max_col)
            self.merges.append(box)
            top = self.values.get((rng.min_row, rng.min_col))
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    self.merge_of[(r, c)] = box
                    if top is not None:
                        self.values[(r, c)] = top
                    else:
                        self.values.pop((r, c), None)
        self.max_row: int = sheet.max_row
        self.max_column: int = sheet.max_column

    def get(self, row: int, column: int) -> Any:
        return self.values.get((row, column))

    def at(self, row: int, column: int) -> str:
        return address(self.name, row, column)

    def formula(self, row: int, column: int) -> str | None:
        box = self.merge_of.get((row, column))
        r, c = (box[0], box[1]) if box else (row, column)
        value = self.sheet.cell(row=r, column=c).value
        if isinstance(value, str) and value.startswith("="):
            return value
        return None if not hasattr(value, "text") else str(value.text)  # array formulas


def _find_header(sheet: _Sheet, wanted: dict[str, tuple[str, ...]], required: tuple[str, ...],
                 rows: int = 15) -> tuple[int, dict[str, int]] | None:
    """The header row (within the first ``rows``) and the column of each wanted header found in it."""
    for r in range(1, min(rows, sheet.max_row) + 1):
        found: dict[str, int] = {}
        for c in range(1, sheet.max_column + 1):
            if (r, c) in sheet.merge_of and sheet.merge_of[(r, c)][1] != c:
                continue  # the rest of a merged header cell
            key = header_key(sheet.get(r, c))
            if not key:
                continue
            for name, forms in wanted.items():
                if name not in found and any(key == f or (f.endswith("…") and key.startswith(f[:-1]))
                                             for f in forms):
                    found[name] = c
                    break
        if all(k in found for k in required):
            return r, found
    return None


def _pick_sheet(book: Any, source: str, wanted: dict[str, tuple[str, ...]], required: tuple[str, ...],
                preferred: str | None, what: str) -> tuple[_Sheet, int, dict[str, int]]:
    """The visible sheet holding the table: ``preferred`` by name, else the first with the headers."""
    hidden: list[str] = []
    candidates = list(book.worksheets)
    if preferred is not None:
        candidates.sort(key=lambda ws: ws.title != preferred)
    for ws in candidates:
        if ws.sheet_state != "visible":
            hidden.append(ws.title)
            continue
        sheet = _Sheet(ws)
        header = _find_header(sheet, wanted, required)
        if header is not None:
            return sheet, header[0], header[1]
    for name in hidden:
        sheet = _Sheet(book[name])
        if _find_header(sheet, wanted, required) is not None:
            raise InputError(source, [Problem(path=f"'{name}'", rule=(
                f"{what} nằm trong trang tính bị ẩn; hãy bỏ ẩn trang tính (Unhide) rồi lưu lại"))])
    names = ", ".join(f'"{h}"' for h in (wanted[k][0] for k in required))
    raise InputError(source, [Problem(path="", rule=(
        f"không tìm thấy {what}: cần một trang tính có dòng tiêu đề với các cột {names}"))])


_ROMAN_LABEL = re.compile(r"^(?P<n>[IVXLC]+)\s*[.)-]?\s*(?P<title>.*)$", re.S)


def _whole(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


# --------------------------------------------------------------------------- progress


_PROGRESS_HEADERS: dict[str, tuple[str, ...]] = {
    "number": ("tt", "stt", "số tt", "số thứ tự"),
    "output": ("sản phẩm số", "sp số", "sp", "stt sản phẩm"),
    "status": ("tiến độ", "tình trạng", "trạng thái"),
    "done_on": ("ngày hoàn thành", "hoàn thành ngày"),
    "evidence": ("ghi chú…", "kết quả…"),
}


def _status(value: object) -> TaskStatus | None:
    key = header_key(value)
    for s in TaskStatus:
        if key in (header_key(s.label), s.value, s.value.replace("_", " ")):
            return s
    return None


def read_task_progress(path: str | os.PathLike[str], plan: Plan, *,
                       period_end: _dt.date | None = None) -> tuple[TaskProgress, ...]:
    """The progress of the plan's appendix outputs, read from a filled task workbook.

    The sheet is found by its headers (*TT*, *Tiến độ*; *Sản phẩm số*, *Ngày hoàn
    thành*, *Ghi chú* when present), so columns may be moved or added. A row with
    no progress written is left out (its output counts as not started). Every
    mistake — an unknown TT, a status not in the list, a day that does not exist,
    a formula, a merge across the progress columns, a day after ``period_end`` —
    is reported by its cell, all at once, as one :class:`InputError`.
    """
    source = str(path)
    book = open_workbook(path)
    sheet, header, columns = _pick_sheet(book, source, _PROGRESS_HEADERS, ("number", "status"), TASK_SHEET,
                                         "bảng tiến độ nhiệm vụ")
    other = _other_plan(sheet, header, plan)
    if other is not None:
        raise InputError(source, [other])
    items = {item.number: item for item in (plan.appendix.items if plan.appendix else ())}
    problems: list[Problem] = []
    read_columns = [columns[k] for k in ("number", "output", "status", "done_on", "evidence") if k in columns]
    progress_columns = [columns[k] for k in ("status", "done_on", "evidence") if k in columns]
    width = max(read_columns)
    odd_rows: set[int] = set()  # rows under a merge across progress columns: their values are not read
    for top, left, bottom, right in sheet.merges:
        if bottom < header + 1 or right == left:
            continue
        whole_row = left == 1 and right >= width
        if not whole_row and any(left <= c <= right for c in progress_columns):
            problems.append(Problem(path=f"{sheet.at(top, left)}:{sheet.at(bottom, right).split('!')[1]}",
                                    rule="ô gộp trải qua nhiều cột ở phần tiến độ; hãy bỏ gộp ô (Unmerge)"))
            odd_rows.update(range(top, bottom + 1))
    seen: dict[tuple[int, int], str] = {}
    out: list[TaskProgress] = []
    previous_number: int | None = None
    position = 0
    for r in range(header + 1, sheet.max_row + 1):
        box = sheet.merge_of.get((r, 1))
        if box is not None and box[3] >= width and box[0] == box[2]:
            previous_number = None
            continue  # a group row across the table
        formulas = [(c, f) for c in read_columns if (f := sheet.formula(r, c)) is not None]
        for c, formula in formulas:
            problems.append(Problem(path=sheet.at(r, c), value=formula,
                                    rule="ô chứa công thức; hãy ghi giá trị (ngày, tiến độ, nội dung)"))
        if formulas or r in odd_rows:
            continue  # the row's values are formulas' text or a merged cell's: nothing more to say
        raw_number = sheet.get(r, columns["number"])
        raw_status = sheet.get(r, columns["status"])
        raw_day = sheet.get(r, columns["done_on"]) if "done_on" in columns else None
        evidence = cell_text(sheet.get(r, columns["evidence"])) if "evidence" in columns else None
        if raw_number is None and raw_status is None and raw_day is None and evidence is None:
            continue
        text = cell_text(raw_number)
        if text is not None and _ROMAN_LABEL.match(text) and _whole(raw_number) is None \
                and raw_status is None and raw_day is None:
            previous_number = None
            continue  # a group row typed without merging
        number = _whole(raw_number)
        if number is None:
            problems.append(Problem(path=sheet.at(r, columns["number"]), value=text,
                                    rule="TT phải là số thứ tự của nhiệm vụ trong phụ lục kế hoạch"))
            continue
        item = items.get(number)
        if item is None:
            problems.append(Problem(path=sheet.at(r, columns["number"]), value=number,
                                    rule="phụ lục của kế hoạch không có nhiệm vụ này"))
            continue
        position = position + 1 if number == previous_number else 1
        previous_number = number
        if "output" in columns:
            output = _whole(sheet.get(r, columns["output"]))
            if output is None or not 1 <= output <= len(item.outputs):
                problems.append(Problem(path=sheet.at(r, columns["output"]),
                                        value=cell_text(sheet.get(r, columns["output"])),
                                        rule=f"nhiệm vụ {number} có {len(item.outputs)} sản phẩm "
                                             f"(1–{len(item.outputs)})"))
                continue
        else:
            output = position
            if output > len(item.outputs):
                problems.append(Problem(path=sheet.at(r, columns["number"]), value=number,
                                        rule=f"nhiệm vụ {number} chỉ có {len(item.outputs)} sản phẩm"))
                continue
        if (number, output) in seen:
            problems.append(Problem(path=sheet.at(r, columns["number"]), value=number,
                                    rule=f"sản phẩm {output} của nhiệm vụ {number} đã có ở {seen[(number, output)]}"))
            continue
        seen[(number, output)] = sheet.at(r, columns["number"])
        if raw_status is None and raw_day is None and evidence is None:
            continue
        status = _status(raw_status)
        if status is None:
            problems.append(Problem(path=sheet.at(r, columns["status"]), value=cell_text(raw_status),
                                    rule="tiến độ phải là một trong: " + ", ".join(STATUS_LABELS)))
            continue
        day: _dt.date | None = None
        if raw_day is not None:
            parsed = parse_cell_date(raw_day)
            where = sheet.at(r, columns["done_on"])
            if isinstance(parsed, str):
                problems.append(Problem(path=where, value=cell_text(raw_day), rule=parsed))
                continue
            day = parsed
            if status is not TaskStatus.DONE:
                problems.append(Problem(path=where, value=short_date(day),
                                        rule=f'chỉ ghi ngày hoàn thành khi tiến độ là "{TaskStatus.DONE.label}"'))
                continue
            if period_end is not None and day > period_end:
                problems.append(Problem(path=where, value=short_date(day),
                                        rule=f"ngày hoàn thành sau kỳ báo cáo (kết thúc {short_date(period_end)})"))
                continue
        try:
            out.append(TaskProgress(item=number, output=output, status=status, done_on=day, evidence=evidence))
        except InvalidModel as e:
            problems += [Problem(path=sheet.at(r, columns["evidence"] if "evidence" in columns else 1),
                                 value=p.value, rule=p.rule) for p in e.problems]
    if problems:
        raise InputError(source, problems)
    return tuple(out)


# --------------------------------------------------------------------------- importing an office's table


_IMPORT_HEADERS: dict[str, tuple[str, ...]] = {
    "number": ("tt", "stt", "số tt", "số thứ tự"),
    "content": ("nội dung, nhiệm vụ", "nội dung nhiệm vụ", "nội dung", "nhiệm vụ", "nội dung công việc",
                "tên nhiệm vụ"),
    "output": ("sản phẩm", "sản phẩm đầu ra", "kết quả đầu ra", "sản phẩm dự kiến"),
    "deadline": ("thời gian hoàn thành", "thời hạn hoàn thành", "thời hạn", "thời gian thực hiện",
                 "thời gian"),
    "lead": ("cơ quan chủ trì", "chủ trì", "đơn vị chủ trì", "bộ phận chủ trì", "cơ quan, đơn vị chủ trì"),
    "partners": ("cơ quan phối hợp", "phối hợp", "đơn vị phối hợp", "bộ phận phối hợp",
                 "cơ quan, đơn vị phối hợp"),
    "budget": ("kinh phí", "kinh phí thực hiện", "nguồn kinh phí"),
}


def _assignment(text: str, plan: Plan) -> Assignment:
    names: dict[str, str] = {}
    for u in plan.units:
        names[header_key(u.name)] = u.key
        names[header_key(u.label)] = u.key
    parts = [p.strip() for p in re.split(r"[;,]", text) if p.strip()]
    keys: list[str] = []
    i = 0
    while i < len(parts):  # the longest run of parts that names a unit ("Các ban, ngành")
        for j in range(len(parts), i, -1):
            key = names.get(header_key(", ".join(parts[i:j])))
            if key is not None:
                keys.append(key)
                i = j
                break
        else:
            return Assignment(text=text)
    if keys:
        units = tuple(keys)
        joined = ", ".join(next(u.label for u in plan.units if u.key == k) for k in units)
        return Assignment(units=units, text=None if joined == " ".join(text.split()) else text)
    return Assignment(text=text)


def import_appendix(path: str | os.PathLike[str], plan: Plan, *, title: str | None = None) -> Appendix:
    """An appendix read from a task table typed by an office, to put in ``plan``.

    Columns are found by their headers in any order (*TT*, *Nội dung*, *Sản
    phẩm*, *Thời gian hoàn thành*, *Chủ trì*; *Phối hợp*, *Kinh phí* when
    present); an item's rows are the consecutive rows of its TT, merged or
    typed again; ``I. …`` rows start a group. Units are matched to the plan's
    units by name, otherwise kept as written. ``title`` defaults to the plan's
    appendix title (or the standard one for its year).
    """
    source = str(path)
    book = open_workbook(path)
    required = ("number", "content", "output", "deadline", "lead")
    sheet, header, columns = _pick_sheet(book, source, _IMPORT_HEADERS, required, None, "bảng nhiệm vụ")
    problems: list[Problem] = []
    areas = {upper(a.title): a.kind for a in plan.areas}
    areas |= {upper(g.title): g.kind for g in (plan.appendix.groups if plan.appendix else ()) if g.kind}
    groups: list[tuple[str, list[AppendixItem]]] = []
    pending: dict[str, Any] | None = None

    def flush() -> None:
        nonlocal pending
        if pending is None:
            return
        if not groups:
            groups.append(("NHIỆM VỤ", []))
        try:
            groups[-1][1].append(AppendixItem(
                number=pending["number"], content=pending["content"], outputs=tuple(pending["outputs"]),
                lead=pending["lead"], partners=pending["partners"], budget=pending["budget"]))
        except InvalidModel as e:
            problems.extend(Problem(path=pending["where"], value=p.value, rule=f"{p.path}: {p.rule}" if p.path
                                    else p.rule) for p in e.problems)
        pending = None

    def cell(r: int, name: str) -> Any:
        return sheet.get(r, columns[name]) if name in columns else None

    for r in range(header + 1, sheet.max_row + 1):
        values = {name: cell(r, name) for name in _IMPORT_HEADERS}
        if all(v is None for v in values.values()):
            continue
        for name in columns:
            formula = sheet.formula(r, columns[name])
            if formula is not None:
                problems.append(Problem(path=sheet.at(r, columns[name]), value=formula,
                                        rule="ô chứa công thức; hãy ghi giá trị"))
        label = cell_text(values["number"])
        number = _whole(values["number"])
        roman_label = _ROMAN_LABEL.match(label) if label and number is None else None
        if roman_label is not None:
            flush()
            group_title = roman_label.group("title").strip() or cell_text(values["content"]) or ""
            if not group_title:
                problems.append(Problem(path=sheet.at(r, columns["number"]), value=label,
                                        rule="dòng nhóm cần tên nhóm (ví dụ I. CẢI CÁCH THỂ CHẾ)"))
                continue
            groups.append((" ".join(group_title.split()), []))
            continue
        if number is None:
            if label is None and pending is not None:
                number = pending["number"]  # a further output typed without repeating TT
            else:
                problems.append(Problem(path=sheet.at(r, columns["number"]), value=label,
                                        rule="TT phải là số thứ tự (1, 2, …) hoặc số La Mã của nhóm (I, II, …)"))
                continue
        output_text = cell_text(values["output"])
        if output_text is None:
            problems.append(Problem(path=sheet.at(r, columns["output"]), rule="thiếu sản phẩm"))
            continue
        deadline: Deadline | None = None
        raw_deadline = values["deadline"]
        if raw_deadline is not None:
            if isinstance(raw_deadline, (_dt.date, _dt.datetime)):
                day = raw_deadline.date() if isinstance(raw_deadline, _dt.datetime) else raw_deadline
                raw_deadline = f"Trước {short_date(day)}"
            try:
                deadline = Deadline(cell_text(raw_deadline) or "")
            except InvalidModel as e:
                problems.append(Problem(path=sheet.at(r, columns["deadline"]), value=cell_text(raw_deadline),
                                        rule=e.problems[0].rule))
                continue
        if pending is not None and pending["number"] == number:
            if deadline is not None and deadline == pending["outputs"][-1].deadline and pending["merged"]:
                deadline = None
            pending["outputs"].append(Output(text=output_text, deadline=deadline))
            continue
        flush()
        content = cell_text(values["content"])
        lead = cell_text(values["lead"])
        if content is None or lead is None:
            missing = "content" if content is None else "lead"
            problems.append(Problem(path=sheet.at(r, columns[missing]),
                                    rule="thiếu nội dung nhiệm vụ" if content is None else "thiếu cơ quan chủ trì"))
            continue
        partners = cell_text(values["partners"])
        raw_budget = values["budget"]
        budget: Budget | None = None
        amount = _whole(raw_budget) if not isinstance(raw_budget, str) else None
        if amount is not None:
            budget = Budget(amount=amount)
        elif isinstance(raw_budget, float):
            problems.append(Problem(path=sheet.at(r, columns["budget"]), value=raw_budget,
                                    rule="kinh phí là số tiền nguyên (đồng)"))
            continue
        elif (budget_text := cell_text(raw_budget)) is not None:
            budget = Budget(text=budget_text)
        merged = (r, columns["number"]) in sheet.merge_of
        pending = {"number": number, "content": content, "outputs": [Output(text=output_text, deadline=deadline)],
                   "lead": _assignment(lead, plan),
                   "partners": _assignment(partners, plan) if partners else None,
                   "budget": budget, "where": sheet.at(r, columns["number"]), "merged": merged}
    flush()
    seen: dict[int, str] = {}
    for _, items in groups:
        for item in items:
            if item.number in seen:
                problems.append(Problem(path=sheet.name, value=item.number,
                                        rule="TT bị trùng: mỗi nhiệm vụ một số thứ tự"))
            seen[item.number] = ""
    built: list[AppendixGroup] = []
    for group_title, items in groups:
        if not items:
            problems.append(Problem(path=sheet.name, value=group_title, rule="nhóm không có nhiệm vụ nào"))
            continue
        built.append(AppendixGroup(title=group_title, items=tuple(items), kind=areas.get(upper(group_title))))
    if not built and not problems:
        problems.append(Problem(path=sheet.name, rule="bảng không có nhiệm vụ nào dưới dòng tiêu đề"))
    if problems:
        raise InputError(source, problems)
    name = title or (plan.appendix.title if plan.appendix else
                     f"NHIỆM VỤ CỤ THỂ TRIỂN KHAI CÔNG TÁC CẢI CÁCH HÀNH CHÍNH NĂM {plan.year}")
    return Appendix(title=name, groups=tuple(built),
                    heading=plan.appendix.heading if plan.appendix else "Phụ lục")

