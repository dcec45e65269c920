"""Reading the parts of a .docx package safely — *đọc gói tệp Word*.

Any input gives parsed parts or one :class:`UnreadableDocument` with a
Vietnamese message: not a file, not a zip, a zip that is not a Word document, a
part too large (sizes are checked from the zip's directory before anything is
inflated), XML that does not parse. XML is parsed without entities, DTDs or
network access, and without libxml2's "huge tree" allowance (so no deeper than 256
levels). A document with more XML elements or paragraphs than the checker's limits
(:mod:`._budget`) raises :class:`~._budget.TooComplex`, counted before parsing.
"""

from __future__ import annotations

import errno
import importlib
import io
import os
import posixpath
import zipfile
from pathlib import Path
from typing import Any, BinaryIO

import attrs

from ..io.inputs import ENCRYPTED, LINK_LOOP, encrypted_office_file
from ..problems import CchcPlanError
from ._budget import MAX_ELEMENTS, MAX_PARAGRAPHS, TooComplex, count_limit

etree: Any = importlib.import_module("lxml.etree")
"""lxml's parser (imported by name: lxml ships no type stubs)."""

__all__ = ["MAX_DOCUMENT_BYTES", "MAX_PART_BYTES", "MAX_TOTAL_BYTES", "MEMORY_NAME", "Package", "UnreadableDocument",
           "etree", "open_package", "source_name"]

MAX_DOCUMENT_BYTES = 100 * 1024 * 1024
"""Largest ``word/document.xml`` read (uncompressed)."""
MAX_PART_BYTES = 20 * 1024 * 1024
"""Largest other part read (styles, theme, headers …)."""
MAX_ENTRIES = 50_000
"""More members than this is not a document an office made."""
MAX_TOTAL_BYTES = 150 * 1024 * 1024
"""Most XML read from all parts together (uncompressed)."""

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_STRICT_W_NS = "http://purl.oclc.org/ooxml/wordprocessingml/main"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class UnreadableDocument(CchcPlanError):
    """The file cannot be checked at all — *không đọc được văn bản*; the message says why."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def _parser() -> Any:
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                           load_dtd=False, dtd_validation=False, remove_comments=True,
                           remove_pis=True)


@attrs.frozen(kw_only=True)
class Package:
    """The parts of a Word document that the checker reads — *các phần của văn bản*."""

    document: Any
    """The root ``w:document`` element."""
    styles: Any | None
    theme: Any | None
    numbering: Any | None
    headers: dict[str, Any]
    """Relationship id → root ``w:hdr`` element, for every header part that parses."""
    footers: dict[str, Any]
    """Relationship id → root ``w:ftr`` element."""
    header_names: dict[str, str]
    """Relationship id → part name (``word/header1.xml``)."""


class _Zip:
    def __init__(self, path: str, archive: zipfile.ZipFile) -> None:
        self.path = path
        self.zip = archive
        self.names = {info.filename: info for info in archive.infolist()}
        self.bytes_read = 0
        self.elements = 0
        """XML elements in the parts read, counted exactly once the limit comes near (see ``_count``)."""
        self._bound = 0
        self._uncounted: list[bytes] = []

    def has(self, name: str) -> bool:
        return name in self.names

    def read(self, name: str, limit: int) -> bytes:
        info = self.names[name]
        if info.file_size > limit:
            raise UnreadableDocument(self.path, f"phần {name} quá lớn ({info.file_size // (1024 * 1024)} MB "
                                                f"khi giải nén; giới hạn {limit // (1024 * 1024)} MB)")
        try:
            with self.zip.open(info) as member:
                data = member.read(limit + 1)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError,
                RuntimeError, ValueError) as e:
            raise UnreadableDocument(self.path, f"tệp nén bị hỏng, không đọc được phần {name} ({e})") from None
        except Exception as e:  # zlib.error and the like: a damaged member
            raise UnreadableDocument(self.path, f"tệp nén bị hỏng, không đọc được phần {name} ({e})") from None
        if len(data) > limit:
            raise UnreadableDocument(self.path, f"phần {name} quá lớn khi giải nén")
        self.bytes_read += len(data)
        if self.bytes_read > MAX_TOTAL_BYTES:
            raise count_limit("MB XML trong các phần đã đọc", self.bytes_read // (1024 * 1024),
                              MAX_TOTAL_BYTES // (1024 * 1024))
        return data

    def xml(self, name: str, limit: int = MAX_PART_BYTES) -> Any:
        data = self.read(name, limit)
        self._count(data)
        # Each of these begins with "<w:p": when that is rare enough, so are they.
        if data.count(b"<w:p") > MAX_PARAGRAPHS:
            paragraphs = data.count(b"<w:p>") + data.count(b"<w:p ") + data.count(b"<w:p/>")
            if paragraphs > MAX_PARAGRAPHS:
                raise count_limit(f"đoạn văn trong {name}", paragraphs, MAX_PARAGRAPHS)
        try:
            return etree.fromstring(data, _parser())
        except etree.XMLSyntaxError as e:
            if "depth" in str(e).lower():
                raise TooComplex(f"phần {name} lồng nhau quá 256 cấp XML") from None
            raise UnreadableDocument(self.path, f"phần {name} không phải XML hợp lệ ({e})") from None

    def _count(self, data: bytes) -> None:
        """Count the elements of a part from its bytes, before anything is built: every start tag
        opens one (end tags, declarations, comments and processing instructions are taken back out).
        Every ``<`` is at most one element, so while their total stays under the limit the exact
        count waits; it is made, for every part read, once it could matter."""
        opened = data.count(b"<")
        if self._bound + opened <= MAX_ELEMENTS:
            self._bound += opened
            self._uncounted.append(data)
            return
        for part in (*self._uncounted, data):
            self.elements += part.count(b"<") - part.count(b"</") - part.count(b"<?") - part.count(b"<!")
        self._uncounted.clear()
        self._bound = self.elements
        if self.elements > MAX_ELEMENTS:
            raise count_limit("phần tử XML", self.elements, MAX_ELEMENTS)

    def rels(self, part: str) -> dict[str, tuple[str, str]]:
        """Relationship id → (type, target part name) of ``part``; internal targets only."""
        folder, base = posixpath.split(part)
        name = posixpath.join(folder, "_rels", base + ".rels")
        if not self.has(name):
            return {}
        root = self.xml(name)
        out: dict[str, tuple[str, str]] = {}
        for rel in root.iter(f"{{{_REL_NS}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            rid, kind, target = rel.get("Id"), rel.get("Type"), rel.get("Target")
            if not rid or not kind or not target:
                continue
            if target.startswith("/"):
                resolved = target.lstrip("/")
            else:
                resolved = posixpath.normpath(posixpath.join(folder, target))
            out[rid] = (kind, resolved)
        return out


MEMORY_NAME = "<văn bản>"
"""The name messages give a document passed as bytes or a stream."""


def _head_of(path: str, source: str | os.PathLike[str] | bytes | BinaryIO) -> tuple[bytes, Any]:
    """The first bytes and what :class:`zipfile.ZipFile` opens, for a path, bytes or a stream."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        return data[:8], io.BytesIO(data)
    if not isinstance(source, (str, os.PathLike)):  # a binary file object
        try:
            data = source.read()
        except (OSError, ValueError) as e:
            raise UnreadableDocument(path, f"không đọc được dữ liệu ({e})") from None
        if not isinstance(data, bytes):
            raise UnreadableDocument(path, "cần tệp mở ở chế độ nhị phân (\"rb\"), không phải văn bản")
        return data[:8], io.BytesIO(data)
    file = Path(source)
    if os.path.lexists(source) and not os.path.exists(source):  # a dangling link, or one in a loop
        try:
            os.stat(source)
        except OSError as e:
            if e.errno == errno.ELOOP:
                raise UnreadableDocument(path, LINK_LOOP) from None
    if not file.exists():
        raise UnreadableDocument(path, "không tìm thấy tệp")
    if file.is_dir():
        raise UnreadableDocument(path, "đây là một thư mục, không phải tệp .docx")
    if not file.is_file():
        raise UnreadableDocument(path, "không phải một tệp thông thường (thiết bị, ống dẫn …)")
    try:
        with file.open("rb") as f:
            head = f.read(8)
    except OSError as e:
        raise UnreadableDocument(path, f"không đọc được tệp ({e.strerror or e})") from None
    return head, path


def _open_zip(path: str, source: str | os.PathLike[str] | bytes | BinaryIO) -> zipfile.ZipFile:
    head, opened = _head_of(path, source)
    if head.startswith(_OLE_MAGIC) and encrypted_office_file(opened):
        raise UnreadableDocument(path, ENCRYPTED)
    if head.startswith(_OLE_MAGIC):
        raise UnreadableDocument(path, "đây là tệp Word 97–2003 (.doc), không phải .docx; "
                                       "hãy mở bằng Word và lưu lại dưới dạng .docx")
    if not head:
        raise UnreadableDocument(path, "tệp rỗng, không phải văn bản Word .docx")
    try:
        archive = zipfile.ZipFile(opened)
    except zipfile.BadZipFile:
        raise UnreadableDocument(path, "không phải văn bản Word .docx (không phải tệp nén ZIP "
                                       "hoặc tệp nén bị hỏng)") from None
    except (OSError, EOFError, ValueError, NotImplementedError, zipfile.LargeZipFile) as e:
        raise UnreadableDocument(path, f"không đọc được tệp nén ({e})") from None
    if len(archive.infolist()) > MAX_ENTRIES:
        archive.close()
        raise UnreadableDocument(path, f"tệp nén có quá nhiều thành phần (hơn {MAX_ENTRIES})")
    return archive


def source_name(source: str | os.PathLike[str] | bytes | BinaryIO, name: str | None = None) -> str:
    """How messages name ``source``: ``name`` when given, the path, a stream's ``name``, or :data:`MEMORY_NAME`."""
    if name is not None:
        return name
    if isinstance(source, (str, os.PathLike)):
        return os.fspath(source)
    own = getattr(source, "name", None)
    return own if isinstance(own, str) else MEMORY_NAME


def open_package(path: str | os.PathLike[str] | bytes | BinaryIO, name: str | None = None) -> Package:
    """Read the parts the checker needs from a path, bytes or a binary stream; raises :class:`UnreadableDocument`.

    Messages name ``name``, else the path (or the stream's name, or :data:`MEMORY_NAME`).
    """
    source = source_name(path, name)
    with _open_zip(source, path) as archive:
        z = _Zip(source, archive)
        main = "word/document.xml"
        for kind, target in z.rels("").values():
            if kind.endswith("/officeDocument") and z.has(target):
                main = target
                break
        if not z.has(main):
            raise UnreadableDocument(source, "tệp nén không phải văn bản Word .docx "
                                             "(không có phần word/document.xml)")
        document = z.xml(main, MAX_DOCUMENT_BYTES)
        if not isinstance(document.tag, str) or document.tag != f"{{{W_NS}}}document":
            if isinstance(document.tag, str) and document.tag.startswith(f"{{{_STRICT_W_NS}}}"):
                raise UnreadableDocument(source, "văn bản lưu ở dạng “Strict Open XML”; hãy mở bằng "
                                                 "Word và lưu lại dạng “Word Document (.docx)”")
            raise UnreadableDocument(source, f"phần {main} không phải nội dung văn bản Word")
        rels = z.rels(main)
        parts: dict[str, Any] = {}
        headers: dict[str, Any] = {}
        footers: dict[str, Any] = {}
        names: dict[str, str] = {}
        for rid, (kind, target) in rels.items():
            if not z.has(target):
                continue
            short = kind.rsplit("/", 1)[-1]
            if short in ("styles", "theme", "numbering") and short not in parts:
                parts[short] = z.xml(target)
            elif short == "header":
                headers[rid] = z.xml(target)
                names[rid] = target
            elif short == "footer":
                footers[rid] = z.xml(target)
                names[rid] = target
        return Package(document=document, styles=parts.get("styles"), theme=parts.get("theme"),
                       numbering=parts.get("numbering"), headers=headers, footers=footers,
                       header_names=names)
