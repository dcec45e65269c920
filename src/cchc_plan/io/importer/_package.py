"""Opening a Word file safely — *mở tệp Word*: the zip, its size, its XML, before anything is read.

Each way a file can fail to be a readable .docx gets one Vietnamese message
(:class:`~cchc_plan.problems.InputError`): not a zip, an encrypted or old binary
Word file (an OLE/CFB container), a zip bomb, XML with a DOCTYPE (entities), no
``word/document.xml`` or no body. The input is only ever read.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from lxml import etree  # type: ignore[import-untyped]

from ...problems import InputError, Problem

__all__ = ["MAX_PART_BYTES", "MAX_TOTAL_BYTES", "Package", "open_package"]

MAX_PART_BYTES = 64 * 1024 * 1024
"""The largest XML part read (uncompressed)."""
MAX_TOTAL_BYTES = 256 * 1024 * 1024
"""The most the whole package may hold once uncompressed."""
_MAX_RATIO = 200
"""A part that grows more than this many times when uncompressed is taken for a zip bomb."""
_CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                          remove_blank_text=False)


def _fail(source: str, rule: str) -> InputError:
    return InputError(source, [Problem(path="", rule=rule, code="file.unreadable")])


class Package:
    """The parts of a .docx that the importer reads, parsed once."""

    def __init__(self, source: str, archive: zipfile.ZipFile) -> None:
        self.source = source
        self._zip = archive
        self._names = set(archive.namelist())

    def has(self, name: str) -> bool:
        return name in self._names

    def xml(self, name: str) -> Any | None:
        """The part ``name`` parsed (``None`` when absent); a DOCTYPE is refused."""
        if name not in self._names:
            return None
        data = self._zip.read(name)
        head = data[:2048].lstrip()
        if b"<!DOCTYPE" in head or b"<!ENTITY" in data[:65536]:
            raise _fail(self.source, f"phần {name} của tệp có khai báo DOCTYPE/ENTITY; "
                                     "văn bản Word thật không có, tệp có thể đã bị sửa để tấn công — không đọc")
        try:
            return etree.fromstring(data, _PARSER)
        except etree.XMLSyntaxError as e:
            raise _fail(self.source, f"phần {name} của tệp bị hỏng (XML không đọc được: {e.msg}); "
                                     "hãy mở bằng Word rồi lưu lại") from None


def open_package(data: bytes, source: str) -> Package:
    """The package in ``data``, checked: a zip, not encrypted, not a bomb, with a document part."""
    if data.startswith(_CFB):
        raise _fail(source, "tệp là vùng chứa OLE/CFB: hoặc văn bản Word được đặt mật khẩu (mã hóa), hoặc tệp "
                            ".doc kiểu cũ. Hãy mở bằng Word, bỏ mật khẩu (File › Info › Protect Document) "
                            "hoặc lưu thành .docx (File › Save As › Word Document), rồi nhập lại")
    if not data:
        raise _fail(source, "tệp rỗng (0 byte), không phải văn bản Word .docx")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise _fail(source, "tệp không phải văn bản Word .docx (không phải tệp nén zip của Office Open XML); "
                            "nếu là .doc, .odt hay .pdf, hãy mở bằng Word và lưu thành .docx") from None
    total = 0
    for info in archive.infolist():
        if info.flag_bits & 0x1:
            raise _fail(source, "tệp .docx có phần bị mã hóa; hãy bỏ mật khẩu rồi lưu lại")
        total += info.file_size
        if info.file_size > MAX_PART_BYTES or total > MAX_TOTAL_BYTES or (
                info.compress_size and info.file_size > 1024 * 1024
                and info.file_size / info.compress_size > _MAX_RATIO):
            raise _fail(source, f"phần {info.filename} giải nén ra quá lớn ({info.file_size:,} byte, nén "
                                f"{info.compress_size:,} byte): tệp giống một \"bom zip\", không đọc")
    package = Package(source, archive)
    if not package.has("word/document.xml"):
        raise _fail(source, "tệp nén không có word/document.xml: không phải văn bản Word .docx")
    return package
