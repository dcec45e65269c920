"""A working copy of an untrusted .docx with its external references taken out — *gỡ liên kết ngoài*.

``preview`` hands any .docx to LibreOffice, which would fetch what the document links
to: a linked picture, a remote attached template, an ``INCLUDEPICTURE`` or
``INCLUDETEXT`` field, a linked OLE object, a frameset, the pictures of an imported HTML
chunk or of an SVG. The copy made here has no external relationship left but hyperlinks
(which are only followed when clicked), no ``r:link`` on pictures, no URL on a VML or SVG
picture, no attached template, no imported chunk (``w:altChunk``), and the fields that
include other files emptied (their last shown result stays). Parts are read with
size caps and parsed without entities, DTDs or network.
"""

from __future__ import annotations

import importlib
import os
import re
import zipfile
import zlib
from typing import Any

etree: Any = importlib.import_module("lxml.etree")

__all__ = ["MAX_MEMBER_BYTES", "ExternalReferenceError", "without_external_references"]

MAX_MEMBER_BYTES = 100 * 1024 * 1024
"""Largest member of the package copied."""
_MAX_ENTRIES = 50_000
_MAX_TOTAL = 400 * 1024 * 1024

_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_HYPERLINK = f"{_R}/hyperlink"
_INCLUDING = re.compile(r"^\s*(INCLUDEPICTURE|INCLUDETEXT|INCLUDE|LINK|DDE|DDEAUTO|IMPORT|DATABASE)\b", re.I)
_EMPTY_SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>'
_URL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|\\\\|//)", re.I)
_URL_ATTRIBUTES = {"src", "href", "{urn:schemas-microsoft-com:office:office}href",
                   "{urn:schemas-microsoft-com:office:office}althref", "{http://www.w3.org/1999/xlink}href"}


class ExternalReferenceError(ValueError):
    """The .docx cannot be copied safely (damaged, or too large when unpacked)."""


def _parser() -> Any:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                           huge_tree=False)


def _clean_rels(root: Any) -> bool:
    changed = False
    for rel in list(root.iter(f"{{{_REL}}}Relationship")):
        if rel.get("TargetMode") == "External" and rel.get("Type") != _HYPERLINK:
            rel.getparent().remove(rel)
            changed = True
    return changed


def _clean_part(root: Any) -> bool:
    changed = False
    instr = f"{{{_W}}}instrText"
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        if element.tag == instr and element.text and _INCLUDING.match(element.text):
            element.text = " "
            changed = True
        elif element.tag == f"{{{_W}}}fldSimple" and _INCLUDING.match(element.get(f"{{{_W}}}instr") or ""):
            parent = element.getparent()
            if parent is not None:  # the field goes, its shown result stays
                index = parent.index(element)
                for k, child in enumerate(list(element)):
                    parent.insert(index + k, child)
                parent.remove(element)
                changed = True
        elif element.tag in (f"{{{_W}}}attachedTemplate", f"{{{_W}}}altChunk"):  # altChunk: HTML with its links
            element.getparent().remove(element)
            changed = True
        else:
            for key in list(element.attrib):
                if key == f"{{{_R}}}link" or (key in _URL_ATTRIBUTES and _URL.match(element.get(key) or "")):
                    del element.attrib[key]
                    changed = True
    return changed


def without_external_references(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> int:
    """Copy the .docx ``source`` to ``target`` without external references; returns how many parts changed.

    Raises :class:`ExternalReferenceError` when ``source`` is not a readable zip or unpacks too large.
    """
    changed = 0
    try:
        with zipfile.ZipFile(source) as z, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
            infos = z.infolist()
            if len(infos) > _MAX_ENTRIES:
                raise ExternalReferenceError(f"tệp nén có quá nhiều thành phần (hơn {_MAX_ENTRIES})")
            if sum(i.file_size for i in infos) > _MAX_TOTAL:
                raise ExternalReferenceError("nội dung tệp giải nén ra quá lớn")
            for info in infos:
                if info.file_size > MAX_MEMBER_BYTES:
                    raise ExternalReferenceError(f"phần {info.filename} quá lớn khi giải nén")
                try:
                    with z.open(info) as member:
                        data = member.read(MAX_MEMBER_BYTES + 1)
                except (OSError, ValueError) as e:  # a damaged member (its offset, its header)
                    raise ExternalReferenceError(f"tệp nén bị hỏng, không đọc được phần {info.filename} "
                                                 f"({e})") from None
                if len(data) > MAX_MEMBER_BYTES:
                    raise ExternalReferenceError(f"phần {info.filename} quá lớn khi giải nén")
                name = info.filename.lower()
                if name.endswith(".svg") and (b"<!DOCTYPE" in data or b"<!ENTITY" in data):
                    data = _EMPTY_SVG  # its entities could name other files; the PNG beside it is shown
                    changed += 1
                if name.endswith((".rels", ".xml")) and (b"<!DOCTYPE" in data or b"<!ENTITY" in data):
                    raise ExternalReferenceError(f"phần {info.filename} có khai báo DOCTYPE/ENTITY "
                                                 "(không có trong văn bản Word)")
                if name.endswith((".rels", ".xml", ".svg")):
                    try:
                        root = etree.fromstring(data, _parser())
                    except etree.XMLSyntaxError:
                        root = None
                    if root is not None and (_clean_rels(root) if name.endswith(".rels") else _clean_part(root)):
                        data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
                        changed += 1
                out.writestr(info.filename, data)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, EOFError, zlib.error) as e:
        raise ExternalReferenceError(f"không đọc được tệp nén ({e})") from None
    return changed
