"""The .docx package the writer fills: the bundled template's parts, the parts it adds, one zip.

An Open Packaging Conventions package is a zip of parts tied by relationships, with a
list of content types. The writer starts from the bundled template (a package of our
own, every part already in its final form), replaces or adds parts, and writes the zip
with fixed member dates, so that equal documents are equal bytes. The members are
written in the order of a depth-first walk of the relationships, each part followed by
its relationships, and the content types list sorted — the order python-docx uses, so
the bytes of a document do not depend on which of the two wrote it.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Iterable

__all__ = ["Package", "Rel", "fixed_zip"]

_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_RELS_CT = "application/vnd.openxmlformats-package.relationships+xml"
_DECLARATION = b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
# Parts whose content type goes in a Default entry (by extension), not an Override.
_DEFAULTS = {("xml", "application/xml"), ("png", "image/png"), ("rels", _RELS_CT)}
_EPOCH = (1980, 1, 1, 0, 0, 0)

_ATTRIBUTE = re.compile(r'([\w:]+)="([^"]*)"')
_ELEMENT = re.compile(r"<(Default|Override|Relationship)\s([^>]*?)/?>")
_UNESCAPE = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#10;": "\n", "&#9;": "\t", "&#13;": "\r"}


def _unescape(value: str) -> str:
    return re.sub(r"&(?:amp|lt|gt|quot|#10|#9|#13);", lambda m: _UNESCAPE[m.group(0)], value)


def _escape(value: str) -> str:
    return (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;"))


def _elements(xml: bytes) -> Iterable[tuple[str, dict[str, str]]]:
    for found in _ELEMENT.finditer(xml.decode("utf-8")):
        yield found.group(1), {k: _unescape(v) for k, v in _ATTRIBUTE.findall(found.group(2))}


class Rel:
    """A relationship of a part (or of the package): its id, type and target."""

    __slots__ = ("rel_id", "reltype", "target", "external")

    def __init__(self, rel_id: str, reltype: str, target: str, external: bool = False) -> None:
        self.rel_id = rel_id
        self.reltype = reltype
        self.target = target  # an absolute part name, or the URL of an external target
        self.external = external


def _rels_name(partname: str) -> str:
    """``/word/document.xml`` → ``word/_rels/document.xml.rels``; the package's: ``_rels/.rels``."""
    folder, name = posixpath.split(partname)
    return posixpath.join(folder, "_rels", f"{name}.rels").lstrip("/")


def _relative(source: str, target: str) -> str:
    return posixpath.relpath(target, posixpath.dirname(source) or "/")


class Package:
    """The parts (name → bytes or pieces of bytes), their content types and relationships."""

    def __init__(self, data: bytes) -> None:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = {info.filename: archive.read(info) for info in archive.infolist()}
        self.content_types: dict[str, str] = {}
        defaults: dict[str, str] = {}
        for kind, a in _elements(members.pop("[Content_Types].xml")):
            if kind == "Default":
                defaults[a["Extension"].lower()] = a["ContentType"]
            elif kind == "Override":
                self.content_types[a["PartName"]] = a["ContentType"]
        self.rels: dict[str, dict[str, Rel]] = {}
        self.parts: dict[str, bytes | list[bytes]] = {}
        for name, blob in members.items():
            if name.endswith(".rels"):
                continue
            partname = "/" + name
            self.parts[partname] = blob
            if partname not in self.content_types:
                self.content_types[partname] = defaults[posixpath.splitext(name)[1][1:].lower()]
        for source in ("/", *self.parts):
            blob = members.get(_rels_name(source) if source != "/" else "_rels/.rels", b"")
            rels: dict[str, Rel] = {}
            for _, a in _elements(blob):
                external = a.get("TargetMode") == "External"
                target = a["Target"] if external else posixpath.normpath(
                    posixpath.join(posixpath.dirname(source) if source != "/" else "/", a["Target"]))
                rels[a["Id"]] = Rel(a["Id"], a["Type"], target, external)
            self.rels[source] = rels

    # ------------------------------------------------------------------ parts and relationships

    def main_part(self) -> str:
        """The name of the main document part."""
        return next(r.target for r in self.rels["/"].values() if r.reltype.endswith("/officeDocument"))

    def related(self, source: str, reltype_end: str) -> str | None:
        """The part ``source`` relates to by a relationship whose type ends with ``reltype_end``."""
        return next((r.target for r in self.rels[source].values()
                     if not r.external and r.reltype.endswith(reltype_end)), None)

    def next_partname(self, template: str) -> str:
        """``template`` (with ``%d``) numbered with the first number no part has."""
        n = 1
        while template % n in self.parts:
            n += 1
        return template % n

    def add_part(self, partname: str, content_type: str, blob: bytes | list[bytes]) -> None:
        self.parts[partname] = blob
        self.content_types[partname] = content_type
        self.rels.setdefault(partname, {})

    def relate(self, source: str, reltype: str, target: str) -> str:
        """The id of ``source``'s relationship to ``target`` (made with the first free ``rIdN`` if new)."""
        rels = self.rels[source]
        for rel in rels.values():
            if rel.reltype == reltype and rel.target == target and not rel.external:
                return rel.rel_id
        n = 1
        while f"rId{n}" in rels:
            n += 1
        rels[f"rId{n}"] = Rel(f"rId{n}", reltype, target)
        return f"rId{n}"

    def drop_relationships(self, source: str, reltype: str) -> None:
        """Remove ``source``'s relationships of type ``reltype`` (their parts go when nothing else uses them)."""
        rels = self.rels[source]
        for rel_id in [k for k, r in rels.items() if r.reltype == reltype]:
            del rels[rel_id]

    # ------------------------------------------------------------------ writing

    def _walk(self) -> list[str]:
        order: list[str] = []
        seen: set[str] = set()

        def visit(source: str) -> None:
            for rel in self.rels.get(source, {}).values():
                if rel.external or rel.target in seen or rel.target not in self.parts:
                    continue
                seen.add(rel.target)
                order.append(rel.target)
                visit(rel.target)

        visit("/")
        return order

    def _rels_xml(self, source: str) -> bytes:
        pieces = [f'<Relationships xmlns="{_RELS_NS}">']
        for rel in self.rels[source].values():
            target = rel.target if rel.external else _relative(source if source != "/" else "/x", rel.target)
            mode = ' TargetMode="External"' if rel.external else ""
            pieces.append(f'<Relationship Id="{_escape(rel.rel_id)}" Type="{_escape(rel.reltype)}" '
                          f'Target="{_escape(target)}"{mode}/>')
        pieces.append("</Relationships>")
        return _DECLARATION + "".join(pieces).encode("utf-8")

    def _types_xml(self, parts: list[str]) -> bytes:
        defaults = {"rels": _RELS_CT, "xml": "application/xml"}
        overrides: dict[str, str] = {}
        for partname in parts:
            ext = posixpath.splitext(partname)[1][1:]
            content_type = self.content_types[partname]
            if (ext.lower(), content_type) in _DEFAULTS:
                defaults[ext] = content_type
            else:
                overrides[partname] = content_type
        pieces = [f'<Types xmlns="{_TYPES_NS}">']
        pieces += [f'<Default Extension="{_escape(e)}" ContentType="{_escape(defaults[e])}"/>'
                   for e in sorted(defaults)]
        pieces += [f'<Override PartName="{_escape(p)}" ContentType="{_escape(overrides[p])}"/>'
                   for p in sorted(overrides)]
        pieces.append("</Types>")
        return _DECLARATION + "".join(pieces).encode("utf-8")

    def save(self) -> bytes:
        """The package as zip bytes, every member dated 1980-01-01."""
        parts = self._walk()
        stream = io.BytesIO()
        with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
            _write(archive, "[Content_Types].xml", self._types_xml(parts))
            _write(archive, "_rels/.rels", self._rels_xml("/"))
            for partname in parts:
                _write(archive, partname.lstrip("/"), self.parts[partname])
                if self.rels.get(partname):
                    _write(archive, _rels_name(partname), self._rels_xml(partname))
        return stream.getvalue()


def _info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_EPOCH)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o600 << 16
    return info


def _write(archive: zipfile.ZipFile, name: str, blob: bytes | list[bytes]) -> None:
    if isinstance(blob, bytes):
        archive.writestr(_info(name), blob)
        return
    with archive.open(_info(name), "w") as member:  # compressed as the pieces come
        for piece in blob:
            member.write(piece)


def fixed_zip(data: bytes) -> bytes:
    """A package's bytes rewritten with fixed member dates (for a file saved by other means)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(_info(info.filename), source.read(info.filename))
    return out.getvalue()
