"""A user's Word template — *văn bản mẫu* (``--template``): a source of styles and page setup only.

Nothing of the template's package is copied as it is. From its parts only these are
read, each size-capped and parsed without entities, DTDs or network: the styles, the
numbering, the theme, the fonts table, the settings and the page setup (the body's
last ``w:sectPr``). Each is cleaned on an allow-list — no relationship ids (images,
embedded fonts, printer settings), no attached template, mail merge, document
variables, protection, tracked changes or even-page headers — and then placed into
the bundled package (:func:`~cchc_plan.docx.writer.default_template`, by the writer). Headers,
footers, macros (``vbaProject.bin``), OLE objects, external relationships, comments,
customXml, the core and app properties (author, company) and the thumbnail of the
template never reach the output.

A template that cannot give styles and page setup — not a .docx, damaged, without
``word/styles.xml`` or a ``Normal`` style or a ``w:sectPr``, or too large when
unpacked — is refused with one :class:`~cchc_plan.problems.InputError` in Vietnamese.
"""

from __future__ import annotations

import importlib
import io
import os
import posixpath
import zipfile
import zlib
from typing import Any

import attrs

from .inputs import ENCRYPTED, check_input, encrypted_office_file
from ..problems import InputError, Problem



def _etree() -> Any:
    """lxml's etree, loaded when a template is read (a render with the bundled template never needs it)."""
    return importlib.import_module("lxml.etree")

__all__ = ["MAX_TEMPLATE_BYTES", "TemplateParts", "read_template"]

MAX_TEMPLATE_BYTES = 30 * 1024 * 1024
"""Largest template file read."""
_MAX_PART_BYTES = 8 * 1024 * 1024
_MAX_DOCUMENT_BYTES = 16 * 1024 * 1024
_MAX_ENTRIES = 5_000
_MAX_ELEMENTS = 300_000
_MAX_RATIO = 200  # unpacked : packed, for a part over 1 MB

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_STRICT_W = "http://purl.oclc.org/ooxml/wordprocessingml/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

_SECTION_KEEP = {"footnotePr", "endnotePr", "type", "pgSz", "pgMar", "lnNumType", "pgNumType", "cols",
                 "vAlign", "titlePg", "textDirection", "bidi", "rtlGutter", "docGrid"}
"""The children of a ``w:sectPr`` taken from a template: page size, margins, columns, grid."""
_SETTINGS_DROP = {"attachedTemplate", "mailMerge", "docVars", "documentProtection", "writeProtection",
                  "saveThroughXslt", "attachedSchema", "linkStyles", "trackRevisions", "evenAndOddHeaders",
                  "mirrorMargins", "bookFoldPrinting", "bookFoldRevPrinting", "printTwoOnOne", "gutterAtTop",
                  "embedTrueTypeFonts", "embedSystemFonts", "saveSubsetFonts", "hdrShapeDefaults",
                  "docVar", "rsids", "alwaysMergeEmptyNamespace", "saveXmlDataOnly", "useXSLTWhenSaving",
                  "showXMLTags", "doNotValidateAgainstSchema", "doNotDemarcateInvalidXml",
                  "removePersonalInformation", "removeDateAndTime", "updateFields"}
"""Settings that link, fetch, lock, track, hide or change headers: never taken from a template."""
_NUMBERING_DROP = {"numPicBullet", "lvlPicBulletId"}


@attrs.frozen(kw_only=True)
class TemplateParts:
    """What a template gives: cleaned XML of its styles, numbering, theme, fonts, settings, page setup."""

    source: str
    styles: bytes
    section: bytes
    """The template's last ``w:sectPr`` (page setup only)."""
    numbering: bytes | None = None
    theme: bytes | None = None
    font_table: bytes | None = None
    settings: bytes | None = None


def _refuse(source: str, rule: str) -> InputError:
    return InputError(source, [Problem(path="", code="template.not_docx", rule=f"tệp mẫu {rule}")])


def _parser() -> Any:
    return _etree().XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                           huge_tree=False, remove_comments=True, remove_pis=True)


class _Package:
    def __init__(self, source: str, archive: zipfile.ZipFile) -> None:
        self.source = source
        self.zip = archive
        self.names = {info.filename: info for info in archive.infolist()}

    def has(self, name: str) -> bool:
        return name in self.names

    def read(self, name: str, limit: int) -> bytes:
        info = self.names[name]
        if info.file_size > limit:
            raise _refuse(self.source, f"có phần {name} quá lớn khi giải nén "
                                       f"({info.file_size // (1024 * 1024)} MB; tối đa {limit // (1024 * 1024)} MB)")
        if info.file_size > 1024 * 1024 and info.file_size > _MAX_RATIO * max(1, info.compress_size):
            raise _refuse(self.source, f"có phần {name} nén bất thường (giải nén ra gấp hơn {_MAX_RATIO} lần)")
        try:
            with self.zip.open(info) as member:
                data = member.read(limit + 1)
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError, ValueError,
                zlib.error) as e:
            raise _refuse(self.source, f"bị hỏng: không giải nén được phần {name} ({e})") from None
        if len(data) > limit:
            raise _refuse(self.source, f"có phần {name} quá lớn khi giải nén")
        return data

    def xml(self, name: str, limit: int = _MAX_PART_BYTES) -> Any:
        data = self.read(name, limit)
        if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data:
            raise _refuse(self.source, f"có phần {name} khai báo DOCTYPE/ENTITY (không có trong văn bản Word)")
        try:
            root = _etree().fromstring(data, _parser())
        except _etree().XMLSyntaxError as e:
            raise _refuse(self.source, f"bị hỏng: phần {name} không phải XML hợp lệ ({e})") from None
        if root is None:
            raise _refuse(self.source, f"bị hỏng: phần {name} rỗng")
        count = 0
        for _ in root.iter():
            count += 1
            if count > _MAX_ELEMENTS:
                raise _refuse(self.source, f"có phần {name} quá phức tạp (hơn {_MAX_ELEMENTS:,} phần tử XML)"
                              .replace(",", "."))
        return root

    def rels(self, part: str) -> dict[str, str]:
        """Relationship type (its last word) → internal target part, for ``part``."""
        folder, base = posixpath.split(part)
        name = posixpath.join(folder, "_rels", base + ".rels")
        if not self.has(name):
            return {}
        out: dict[str, str] = {}
        for rel in self.xml(name).iter(f"{{{_REL}}}Relationship"):
            kind, target = rel.get("Type") or "", rel.get("Target") or ""
            if rel.get("TargetMode") == "External" or not kind or not target:
                continue
            resolved = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join(folder, target))
            out.setdefault(kind.rsplit("/", 1)[-1], resolved)
        return out


def _local(element: Any) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _without_relationships(root: Any) -> None:
    """Remove every element that refers to another part or a link (an ``r:`` attribute)."""
    doomed = [e for e in root.iter() if isinstance(e.tag, str)
              and any(isinstance(k, str) and k.startswith(f"{{{_R}}}") for k in e.attrib)]
    for element in doomed:
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)


def _drop_children(root: Any, names: frozenset[str] | set[str]) -> None:
    for element in [e for e in root.iter() if _local(e) in names and e.getparent() is not None]:
        element.getparent().remove(element)


def _bytes(root: Any) -> bytes:
    return bytes(_etree().tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _has_normal_style(styles: Any) -> bool:
    for style in styles.iter(f"{{{_W}}}style"):
        if style.get(f"{{{_W}}}type") != "paragraph":
            continue
        name = style.find(f"{{{_W}}}name")
        if name is not None and (name.get(f"{{{_W}}}val") or "").casefold() == "normal":
            return True
    return False


def _open(source: str, template: str | os.PathLike[str] | bytes) -> zipfile.ZipFile:
    opened: str | os.PathLike[str] | io.BytesIO
    if isinstance(template, bytes):
        size, opened = len(template), io.BytesIO(template)
        head = template[:8]
    else:
        if not os.path.lexists(template):
            raise InputError(source, [Problem(path="", code="template.missing", rule="không tìm thấy tệp mẫu .docx")])
        size = check_input(template, source)
        opened = template
        with open(template, "rb") as f:
            head = f.read(8)
    if size > MAX_TEMPLATE_BYTES:
        raise _refuse(source, f"quá lớn ({size // (1024 * 1024)} MB; tối đa {MAX_TEMPLATE_BYTES // (1024 * 1024)} MB)")
    if size == 0:
        raise _refuse(source, "rỗng, không phải văn bản Word .docx")
    if head == _OLE:
        if encrypted_office_file(opened):
            raise InputError(source, [Problem(path="", code="template.not_docx", rule=f"tệp mẫu: {ENCRYPTED}")])
        raise _refuse(source, "là tệp Word 97–2003 (.doc/.dot), không phải .docx; hãy mở bằng Word và lưu lại "
                              "dưới dạng .docx")
    try:
        archive = zipfile.ZipFile(opened)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError):
        raise _refuse(source, "không phải văn bản Word .docx (không đọc được)") from None
    if len(archive.infolist()) > _MAX_ENTRIES:
        archive.close()
        raise _refuse(source, f"có quá nhiều thành phần (hơn {_MAX_ENTRIES})")
    return archive


def read_template(template: str | os.PathLike[str] | bytes, *, name: str | None = None) -> TemplateParts:
    """The styles and page setup of the Word template ``template`` (a path or the bytes of a .docx), cleaned.

    Raises :class:`InputError` (named ``name``, the path, or ``<mẫu .docx>``) when it cannot give them.
    """
    data = bytes(template) if isinstance(template, (bytearray, memoryview)) else template
    source = name or (os.fspath(data) if not isinstance(data, bytes) else "<mẫu .docx>")
    with _open(source, data) as archive:
        z = _Package(source, archive)
        main = z.rels("").get("officeDocument", "word/document.xml")
        if not z.has(main):
            raise _refuse(source, "không phải văn bản Word .docx (không có phần word/document.xml)")
        document = z.xml(main, _MAX_DOCUMENT_BYTES)
        if isinstance(document.tag, str) and document.tag.startswith(f"{{{_STRICT_W}}}"):
            raise _refuse(source, "lưu ở dạng “Strict Open XML”; hãy mở bằng Word và lưu lại dạng "
                                  "“Word Document (.docx)”")
        if document.tag != f"{{{_W}}}document":
            raise _refuse(source, f"không phải văn bản Word .docx (phần {main} không phải nội dung văn bản)")
        body = document.find(f"{{{_W}}}body")
        section = body.find(f"{{{_W}}}sectPr") if body is not None else None
        if section is None:
            raise _refuse(source, "không có thiết lập trang (w:sectPr cuối văn bản); hãy mở bằng Word và lưu "
                                  "lại, hoặc dùng mẫu mặc định")
        for child in list(section):
            if _local(child) not in _SECTION_KEEP:
                section.remove(child)
        for key in [k for k in section.attrib if isinstance(k, str) and not k.startswith(f"{{{_W}}}")]:
            del section.attrib[key]
        _without_relationships(section)

        rels = z.rels(main)
        styles_name = rels.get("styles", "word/styles.xml")
        if not z.has(styles_name):
            raise _refuse(source, "không có kiểu chữ (phần word/styles.xml); không dùng làm mẫu được")
        styles = z.xml(styles_name)
        if styles.tag != f"{{{_W}}}styles":
            raise _refuse(source, f"bị hỏng: phần {styles_name} không phải bảng kiểu chữ của Word")
        if not _has_normal_style(styles):
            raise _refuse(source, "không có kiểu đoạn “Normal” (kiểu chữ mặc định); không dùng làm mẫu được")
        _without_relationships(styles)

        def part(kind: str, root_tag: str, drop: frozenset[str] | set[str] = frozenset()) -> bytes | None:
            name = rels.get(kind)
            if name is None or not z.has(name):
                return None
            root = z.xml(name)
            if root.tag != root_tag:
                raise _refuse(source, f"bị hỏng: phần {name} không đúng loại")
            _drop_children(root, drop)
            _without_relationships(root)
            return _bytes(root)

        theme = None
        theme_name = rels.get("theme")
        if theme_name is not None and z.has(theme_name) and not z.rels(theme_name):
            theme = part("theme", "{http://schemas.openxmlformats.org/drawingml/2006/main}theme")
        return TemplateParts(
            source=source, styles=_bytes(styles), section=_bytes(section),
            numbering=part("numbering", f"{{{_W}}}numbering", _NUMBERING_DROP),
            theme=theme,
            font_table=part("fontTable", f"{{{_W}}}fonts"),
            settings=part("settings", f"{{{_W}}}settings", _SETTINGS_DROP))
