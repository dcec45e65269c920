"""The outgoing document's metadata as a file — *tệp dữ liệu đặc tả văn bản đi* (JSON or XML).

Both forms list every field of Nghị định 30/2020, Phụ lục VI (văn bản đi) with its
number, Vietnamese name, type and length limit, and its value (empty when the plan
does not say it: the office's system fills those marked automatic). JSON:
``{"source", "fields": [{"number", "name", "key", "type", "length", "automatic", "value"}],
"document": {...}}``; XML: ``<OutgoingDocument>`` with one element per field, named as
the decree names it in English (``<FileCode><OrganId …/>``), the field's data in attributes.
"""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from ..model.metadata import OUTGOING_FIELDS, SOURCE, MetadataField, OutgoingMetadata
from .files import atomic_write

__all__ = ["metadata_json", "metadata_xml", "write_metadata"]


def _row(field: MetadataField, value: object) -> dict[str, Any]:
    return {"number": field.number, "name": field.name, "key": field.key, "type": field.type,
            "length": field.length, "automatic": field.automatic, "value": value}


def metadata_json(meta: OutgoingMetadata) -> str:
    """The metadata as JSON: the field list with values, and the document as nested values."""
    fields: list[dict[str, Any]] = []
    document: dict[str, Any] = {}
    for field in OUTGOING_FIELDS:
        if field.key.startswith("To."):
            continue
        value = meta.value(field.key)
        fields.append(_row(field, value))
        group, _, tag = field.key.rpartition(".")
        (document.setdefault(group, {}) if group else document)[tag] = value
    to = [f for f in OUTGOING_FIELDS if f.key.startswith("To.")]
    position = next(i for i, f in enumerate(fields) if f["key"] == "Priority")
    for i, (organ_id, name) in enumerate(meta.recipients):
        for field, value in zip(to, (organ_id, name), strict=True):
            fields.insert(position, {**_row(field, value), "recipient": i})
            position += 1
    document["To"] = [{"OrganId": organ_id, "OrganName": name} for organ_id, name in meta.recipients]
    ordered = {k: document[k] for k in [f.key.partition(".")[0] for f in OUTGOING_FIELDS] if k in document}
    return json.dumps({"source": SOURCE, "fields": fields, "document": ordered}, ensure_ascii=False, indent=2) + "\n"


def _element(parent: ET.Element, field: MetadataField, value: object) -> None:
    e = ET.SubElement(parent, field.tag, {"stt": field.number, "ten": field.name, "kieu": field.type,
                                          "do_dai": str(field.length)})
    if field.automatic:
        e.set("tu_dong", "true")
    if value is not None:
        e.text = str(value)


def metadata_xml(meta: OutgoingMetadata) -> str:
    """The metadata as XML: ``<OutgoingDocument nguon="…">`` and one element per field, in the decree's order."""
    root = ET.Element("OutgoingDocument", {"nguon": SOURCE})
    groups: dict[str, ET.Element] = {}
    to = [f for f in OUTGOING_FIELDS if f.key.startswith("To.")]
    for field in OUTGOING_FIELDS:
        group, _, _ = field.key.rpartition(".")
        if group == "To":
            if "To" not in groups:
                groups["To"] = ET.SubElement(root, "To")
                for organ_id, name in meta.recipients:
                    recipient = ET.SubElement(groups["To"], "Recipient")
                    for f, value in zip(to, (organ_id, name), strict=True):
                        _element(recipient, f, value)
            continue
        parent = root
        if group:
            if group not in groups:
                groups[group] = ET.SubElement(root, group)
            parent = groups[group]
        _element(parent, field, meta.value(field.key))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def write_metadata(meta: OutgoingMetadata, path: str | os.PathLike[str], *, force: bool = False) -> Path:
    """Write the metadata as JSON (``.json``) or XML (``.xml``), never half a file."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in (".json", ".xml"):
        raise ValueError(f"tệp dữ liệu đặc tả phải có đuôi .json hoặc .xml: {target}")
    text = metadata_json(meta) if suffix == ".json" else metadata_xml(meta)
    return atomic_write(target, lambda tmp: tmp.write_text(text, encoding="utf-8"), force=force)
