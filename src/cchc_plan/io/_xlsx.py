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
import zlib
from pathlib import Path
from typing import Any

import attrs

from ..problems import InputError, Problem
from .inputs import ENCRYPTED_SHEET, check_input, encrypted_office_file

__all__ = [
    "MAX_WORKBOOK_BYTES",
    "DOSSIER_LIMITS",
    "MAX_XML_BYTES",
    "TABLE_LIMITS",
    "WorkbookLimits",
    "address",
    "cell_text",
    "check_workbook",
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


@attrs.frozen(kw_only=True)
class WorkbookLimits:
    """What a workbook may hold before openpyxl is let near it — *giới hạn bảng tính*."""

    file_bytes: int = MAX_WORKBOOK_BYTES
    xml_bytes: int = MAX_XML_BYTES
    cells: int = 1_000_000
    """Cells of all sheets together (counted in the sheets' XML)."""
    shared_strings: int = 500_000
    """Entries of the shared-strings table (openpyxl keeps them all in memory)."""
    shared_bytes: int = 30 * 1024 * 1024
    """Size of the shared-strings table once unzipped."""


TABLE_LIMITS = WorkbookLimits()
"""A task table or a report workbook (read whole, every cell in memory)."""
DOSSIER_LIMITS = WorkbookLimits(file_bytes=100 * 1024 * 1024, xml_bytes=1024 * 1024 * 1024, cells=5_000_000,
                                shared_strings=2_000_000, shared_bytes=200 * 1024 * 1024)
"""An export of dossiers (read row by row: a year of a province's one-stop shop fits)."""

_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]")
_SHARED = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s/>]")
_CHUNK = 1024 * 1024


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _count(z: zipfile.ZipFile, info: zipfile.ZipInfo, pattern: re.Pattern[bytes], limit: int) -> int:
    """Occurrences of ``pattern`` in a member, read in pieces (stops once over ``limit``)."""
    found = 0
    tail = b""
    with z.open(info) as member:
        while True:
            chunk = member.read(_CHUNK)
            if not chunk:
                return found
            found += sum(1 for _ in pattern.finditer(chunk))
            if tail:  # a tag cut between two pieces
                window = tail + chunk[:16]
                found += sum(1 for m in pattern.finditer(window) if m.start() < len(tail) < m.end())
            tail = chunk[-16:]
            if found > limit:
                return found


def check_workbook(path: str | os.PathLike[str], limits: WorkbookLimits = TABLE_LIMITS) -> None:
    """Refuse a workbook that is missing, not an .xlsx, too large or made to expand.

    Everything is measured from the zip without building anything: the file's size,
    each part's expansion, the parts' total, the shared strings (how many, how large)
    and the cells of the sheets — so a "shared-strings bomb" of a few megabytes is refused
    in a moment instead of taking minutes and gigabytes. Raises :class:`InputError`.
    """
    p = Path(path)
    source = str(path)

    def refuse(rule: str) -> InputError:
        return InputError(source, [Problem(path="", code="file.unreadable", rule=rule)])

    check_input(p, source)  # missing, a folder, a device, a FIFO: refused before it is opened
    if p.suffix.lower() not in (".xlsx", ".xlsm"):
        raise refuse("bảng tính phải là tệp Excel .xlsx (lưu lại tệp .xls, .ods hoặc .csv dưới dạng .xlsx)")
    size = p.stat().st_size
    if size > limits.file_bytes:
        raise refuse(f"tệp quá lớn ({size // 1024 // 1024} MB); bảng tính tối đa "
                     f"{limits.file_bytes // 1024 // 1024} MB")
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
            if expanded > limits.xml_bytes:
                raise refuse(f"nội dung tệp giải nén ra quá lớn ({expanded // 1024 // 1024} MB); "
                             f"tối đa {limits.xml_bytes // 1024 // 1024} MB")
            cells = 0
            for info in infos:
                name = info.filename.lower()
                if name.endswith("sharedstrings.xml"):
                    if info.file_size > limits.shared_bytes:
                        raise refuse(f"bảng chuỗi dùng chung (sharedStrings) giải nén ra "
                                     f"{info.file_size // 1024 // 1024} MB; tối đa "
                                     f"{limits.shared_bytes // 1024 // 1024} MB — tệp bất thường, không đọc")
                    shared = _count(z, info, _SHARED, limits.shared_strings)
                    if shared > limits.shared_strings:
                        raise refuse(f"bảng chuỗi dùng chung (sharedStrings) có hơn {_n(limits.shared_strings)} "
                                     "chuỗi — tệp bất thường, không đọc")
                elif name.startswith("xl/worksheets/") and name.endswith(".xml"):
                    cells += _count(z, info, _CELL, limits.cells - cells)
                    if cells > limits.cells:
                        raise refuse(f"bảng tính có hơn {_n(limits.cells)} ô — quá lớn, không đọc")
    except zipfile.BadZipFile:
        if encrypted_office_file(p):
            raise refuse(ENCRYPTED_SHEET) from None
        raise refuse("tệp không phải bảng tính Excel .xlsx hoặc đã bị hỏng") from None
    except PermissionError:
        raise refuse("không có quyền đọc tệp") from None
    except (OSError, EOFError, NotImplementedError, RuntimeError, ValueError, zlib.error) as e:
        raise refuse(f"tệp nén bị hỏng, không đọc được ({type(e).__name__})") from None


def open_workbook(path: str | os.PathLike[str]) -> Any:
    """The workbook at ``path`` opened with openpyxl (formulas kept as formulas, merged cells known).

    Raises :class:`InputError` naming the file for a missing, oversized,
    damaged or expanding file, or one that is not an .xlsx workbook
    (:func:`check_workbook` with :data:`TABLE_LIMITS`).
    """
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    p = Path(path)
    source = str(path)

    def refuse(rule: str) -> InputError:
        return InputError(source, [Problem(path="", code="file.unreadable", rule=rule)])

    if p.exists() and not p.is_dir() and p.suffix.lower() not in (".xlsx", ".xlsm"):
        raise refuse("bảng tính phải là tệp Excel .xlsx (lưu lại tệp .xls, .ods hoặc .csv dưới dạng .xlsx)")
    check_workbook(p, TABLE_LIMITS)
    try:
        return load_workbook(p, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, IndexError, EOFError, zlib.error) as e:
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
