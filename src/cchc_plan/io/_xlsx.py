"""What every workbook this package reads or writes shares: safe opening, cell addresses, styles.

A workbook is a zip of XML parts; before openpyxl parses one, its parts are
measured, so a file whose shared strings would expand to gigabytes (a
"shared-strings bomb") is refused with one message instead of filling memory.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

from ..problems import InputError, Problem
from .inputs import ENCRYPTED_SHEET, check_input, encrypted_office_file

__all__ = [
    "MAX_WORKBOOK_BYTES",
    "MAX_XML_BYTES",
    "address",
    "cell_text",
    "fixed_properties",
    "header_key",
    "open_workbook",
    "parse_cell_date",
    "style",
]

MAX_WORKBOOK_BYTES = 20 * 1024 * 1024
"""A task table or a report workbook is a few hundred kB; larger files are refused unread."""
MAX_XML_BYTES = 100 * 1024 * 1024
"""The most the parts of a workbook may expand to once unzipped."""
_MAX_RATIO = 200
"""XML compresses well, but not this well unless it was made to expand."""


def open_workbook(path: str | os.PathLike[str]) -> Any:
    """The workbook at ``path`` opened with openpyxl (formulas kept as formulas, merged cells known).

    Raises :class:`InputError` naming the file for a missing, oversized,
    damaged or expanding file, or one that is not an .xlsx workbook.
    """
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    p = Path(path)
    source = str(path)

    def refuse(rule: str) -> InputError:
        return InputError(source, [Problem(path="", rule=rule)])

    check_input(p, source)  # missing, a folder, a device, a FIFO: refused before it is opened
    if p.suffix.lower() not in (".xlsx", ".xlsm"):
        raise refuse("bảng tính phải là tệp Excel .xlsx (lưu lại tệp .xls, .ods hoặc .csv dưới dạng .xlsx)")
    size = p.stat().st_size
    if size > MAX_WORKBOOK_BYTES:
        raise refuse(f"tệp quá lớn ({size // 1024 // 1024} MB); bảng tính tối đa "
                     f"{MAX_WORKBOOK_BYTES // 1024 // 1024} MB")
    try:
        with zipfile.ZipFile(p) as z:
            infos = z.infolist()
            names = {i.filename for i in infos}
            if "xl/workbook.xml" not in names:
                raise refuse("tệp không phải bảng tính Excel .xlsx (không có xl/workbook.xml)")
            expanded = sum(i.file_size for i in infos)
            for info in infos:
                if info.compress_size and info.file_size / info.compress_size > _MAX_RATIO \
                        and info.file_size > 1024 * 1024:
                    raise refuse(f"phần {info.filename} của tệp giải nén ra {info.file_size // 1024 // 1024} MB "
                                 f"từ {max(1, info.compress_size // 1024)} kB — tệp bất thường, không đọc")
            if expanded > MAX_XML_BYTES:
                raise refuse(f"nội dung tệp giải nén ra quá lớn ({expanded // 1024 // 1024} MB); "
                             f"tối đa {MAX_XML_BYTES // 1024 // 1024} MB")
    except zipfile.BadZipFile:
        if encrypted_office_file(p):
            raise refuse(ENCRYPTED_SHEET) from None
        raise refuse("tệp không phải bảng tính Excel .xlsx hoặc đã bị hỏng") from None
    except PermissionError:
        raise refuse("không có quyền đọc tệp") from None
    try:
        return load_workbook(p, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as e:
        raise refuse(f"không đọc được bảng tính ({type(e).__name__}: {e})") from None
    except Exception as e:  # an XML parser error of a damaged part
        if type(e).__module__.startswith(("lxml", "xml")):
            raise refuse(f"bảng tính bị hỏng ({e})") from None
        raise


def address(sheet: str, row: int, column: int) -> str:
    """``Nhiệm vụ!K12`` — how a spreadsheet names a cell."""
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    quoted = sheet if re.fullmatch(r"\w+", sheet) else f"'{sheet}'"
    return f"{quoted}!{get_column_letter(column)}{row}"


def header_key(value: object) -> str:
    """A header cell reduced for matching: NFC, lower case, single spaces, no trailing colon or dots."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value)).lower().replace("\n", " ")
    return " ".join(text.split()).strip(" :.*")


def cell_text(value: object) -> str | None:
    """A cell's text (NFC, trimmed); ``None`` for an empty cell. Whole floats lose their ``.0``."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unicodedata.normalize("NFC", str(value)).replace("\r\n", "\n").strip()
    return text or None


_DAY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


def parse_cell_date(value: object) -> _dt.date | str:
    """A cell holding a day: a real Excel date, or ``dd/mm/yyyy`` typed as text.

    Returns the date, or the rule it breaks (in Vietnamese) when it is not one.
    """
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return "ô chứa một số, không phải ngày; định dạng ô là ngày (dd/mm/yyyy) hoặc ghi 12/01/2023"
    text = str(value).strip()
    m = _DAY.match(text)
    if not m:
        return "không phải ngày; ghi dạng ngày/tháng/năm, ví dụ 12/01/2023"
    day, month, year = (int(g) for g in m.groups())
    try:
        return _dt.date(year, month, day)
    except ValueError:
        return f"ngày {day}/{month}/{year} không tồn tại"


def fixed_properties(book: Any, title: str, author: str, day: _dt.date | None) -> None:
    """Document properties that do not change from one run to the next."""
    stamp = _dt.datetime.combine(day or _dt.date(2000, 1, 1), _dt.time(0, 0))
    book.properties.title = title
    book.properties.creator = author
    book.properties.lastModifiedBy = author
    book.properties.created = stamp
    book.properties.modified = stamp
    book.properties.language = "vi-VN"


class _Styles:
    """Cell styles shared by the workbooks: Times New Roman, thin borders, wrapped text."""

    def __init__(self) -> None:
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side  # type: ignore[import-untyped]

        thin = Side(style="thin", color="000000")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.font = Font(name="Times New Roman", size=12)
        self.bold = Font(name="Times New Roman", size=12, bold=True)
        self.title = Font(name="Times New Roman", size=13, bold=True)
        self.italic = Font(name="Times New Roman", size=12, italic=True)
        self.header_fill = PatternFill("solid", fgColor="D9E2F3")
        self.group_fill = PatternFill("solid", fgColor="EDEDED")
        self.total_fill = PatternFill("solid", fgColor="F2F2F2")
        self.left = Alignment(horizontal="left", vertical="top", wrap_text=True)
        self.center = Alignment(horizontal="center", vertical="top", wrap_text=True)
        self.middle = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.right = Alignment(horizontal="right", vertical="top", wrap_text=False)


_STYLES: _Styles | None = None


def style() -> _Styles:
    """The shared styles (made on first use: openpyxl is imported only when a workbook is)."""
    global _STYLES
    if _STYLES is None:
        _STYLES = _Styles()
    return _STYLES
