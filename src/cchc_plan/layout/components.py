"""ND30 components built from domain values, shared by the plan and report layouts.

The header (ô 1–4), the end block (ô 7, 9b) and the appendix reference line.
"""

from __future__ import annotations

import datetime as _dt

import attrs

from .blocks import EndBlock, Header
from ..model.plan import Agency, DocumentNumber, Signer
from ..vnformat import date_line, long_date

__all__ = ["blank_number", "blank_reference", "end_block", "header", "number_line", "reference"]


def number_line(number: DocumentNumber) -> str:
    """``Số: 07/KH-UBND``; a draft leaves room for the serial: ``Số:      /KH-UBND``."""
    if number.serial is None:
        return f"Số:      /{number.symbol}"
    return f"Số: {number}"


def header(agency: Agency, number: DocumentNumber, date: _dt.date | None, year: int) -> Header:
    """ô 1–4 for an issuer, number and date (a draft leaves the day and month blank)."""
    if date is not None:
        place_date = date_line(agency.place, date)
    else:
        place_date = f"{agency.place}, ngày      tháng      năm {year}"
    return Header(parent=agency.parent, agency=agency.header_lines, number=number_line(number),
                  place_date=place_date)


def end_block(recipients: tuple[str, ...], archive: str, signer: Signer, *,
              as_above: bool = False) -> EndBlock:
    """ô 7 and 9b: "- …;" lines, ``- Như trên;`` first when ``as_above``, the last ``- Lưu: …``."""
    lines = ["- Như trên;"] if as_above else []
    lines += [f"- {r.strip().lstrip('-').strip().rstrip(';.').rstrip()};" for r in recipients]
    lines.append(f"- Lưu: {archive.rstrip('.')}.")
    return EndBlock(recipients=tuple(lines), authority=signer.lines, name=signer.name)


def reference(number: DocumentNumber, date: _dt.date | None, agency: Agency) -> str:
    """How an appendix cites its document: ``Kế hoạch số 07/KH-UBND ngày 06 tháng 01 năm 2023 của UBND xã Lộc Bình``."""
    serial = f"số {number}" if number.serial is not None else f"số      /{number.symbol}"
    when = f" {long_date(date)}" if date is not None else ""
    return f"{number.type.title} {serial}{when} của {agency.short_name}"


def blank_reference(number: DocumentNumber, year: int, agency: Agency) -> str:
    """The citation with the number and the day and month left blank for the signing tool:
    ``Kế hoạch số      /KH-UBND ngày      tháng      năm 2023 của UBND xã Lộc Bình``."""
    return f"{number.type.title} số      /{number.symbol} ngày      tháng      năm {year} của {agency.short_name}"


def blank_number(number: DocumentNumber) -> DocumentNumber:
    """The number with its serial left blank (``Số:      /QĐ-UBND``), for the signing tool to fill."""
    return attrs.evolve(number, serial=None)
