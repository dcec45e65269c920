"""What the office's register adds to an outgoing document — *thông tin đăng ký văn bản đi*.

The fields of Nghị định 30/2020, Phụ lục VI that the document itself does not hold:
the file (*hồ sơ*) it goes into, its place in that file, urgency, copies, reply date.
Written in the plan file as ``registry:``; read by :mod:`cchc_plan.model.metadata`.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator

import attrs

from .._text import check_text, check_whole, nfc
from ..problems import Problem
from .outline import _Checked

__all__ = ["Registry"]


@attrs.frozen(kw_only=True)
class Registry(_Checked):
    """The register's part of an outgoing document's metadata (Nghị định 30/2020, Phụ lục VI)."""

    organ_id: str | None = attrs.field(default=None, converter=nfc)
    """*Mã định danh* of the agency that keeps the file list (``000.00.15.H57``), at most 13 characters."""
    file_catalog: int | None = None
    """*Năm hình thành hồ sơ* (default: the year of issue)."""
    file_notation: str | None = attrs.field(default=None, converter=nfc)
    """*Số và ký hiệu hồ sơ* in the file list (``05.CCHC``), at most 20 characters."""
    ordinal: int | None = None
    """*Số thứ tự văn bản trong hồ sơ*."""
    language: str = attrs.field(default="Tiếng Việt", converter=nfc)
    description: str | None = attrs.field(default=None, converter=nfc)
    """*Ghi chú*."""
    priority: int | None = None
    """*Mức độ khẩn, độ mật*: one digit, as the office's system codes it."""
    issued_amount: int | None = None
    """*Số lượng bản phát hành*."""
    due_date: _dt.date | None = None
    """*Hạn trả lời*."""

    def _problems(self) -> Iterator[Problem]:
        for name in ("organ_id", "file_notation", "description"):
            yield from check_text(name, getattr(self, name), required=False)
        yield from check_text("language", self.language)
        for name, low in (("file_catalog", 1900), ("ordinal", 1), ("priority", 0), ("issued_amount", 1)):
            value = getattr(self, name)
            if value is not None:
                yield from check_whole(name, value, f"{name} là số nguyên từ {low}", low=low)
