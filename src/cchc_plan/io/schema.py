"""JSON Schema (draft 2020-12) of a plan file and a report file, generated from the model.

Each attrs class of the model becomes a definition: its fields are the properties,
the fields without a default are required, nothing else is allowed. A field's type
gives its schema — text, whole number, number (``98.5`` or ``"98,5"``), date
(``"06/01/2023"``), the values of an enum, a list, another class — and the short
forms the loader accepts are added where it accepts them: a budget as text or an
amount, an assignment as one unit or a list, an outline as a preset name, its nodes
as a part name or ``{item: …}``, a report's plan as a file name, and the template
keys of a plan (``placeholders``, ``units_preset``). ``cchc-plan schema plan|report``
prints it; editors read it from the first line of a YAML file
(``# yaml-language-server: $schema=…``).
"""

from __future__ import annotations

import datetime as _dt
import enum
import types
import typing
from decimal import Decimal
from typing import Any, Literal

import attrs

from ..model.deadline import Deadline
from ..model.outline import LevelStyle, ListStyle, Node, Outline, Part, Scheme
from ..model.plan import Assignment, Budget, CitedDocument, Comparator, DocType, DocumentNumber, Measure, Plan

__all__ = ["SCHEMA_ID", "json_schema"]

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = "urn:cchc-plan:schema:{kind}"
"""The ``$id`` of each schema (``kind`` is ``plan`` or ``report``)."""

_NUMBER_TEXT = r"^\s*[+-]?\d+(?:[.,]\d+)?\s*$"
_DATE_TEXT = r"^\s*(?:\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2})\s*$"
_DOC_NUMBER = r"^\s*(?:\d+)?\s*/(?:" + "|".join(t.value for t in DocType) + r")-\S+\s*$"
_TEXT_KEYS = ("text", "item", "sub", "numbered", "lettered")
_NULL = {"type": "null"}


def _ref(cl: type) -> dict[str, Any]:
    return {"$ref": f"#/$defs/{cl.__name__}"}


def _any(*options: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": list(options)}


class _Builder:
    """Definitions of the classes reached from a root class."""

    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}

    # ------------------------------------------------------------------ types

    def of(self, tp: Any, owner: type | None = None, name: str = "") -> dict[str, Any]:
        """The schema of a field of type ``tp`` (``owner.name``, for the fields with their own forms)."""
        special = self._field(owner, name, tp)
        if special is not None:
            return special
        if tp is str:
            return {"type": "string"}
        if tp is bool:
            return {"type": "boolean"}
        if tp is int:
            return {"type": "integer"}
        if tp in (float, Decimal):
            return {"type": ["number", "string"], "pattern": _NUMBER_TEXT}
        if tp is _dt.date:
            return {"type": "string", "pattern": _DATE_TEXT}
        if tp is type(None):
            return dict(_NULL)
        if tp is DocumentNumber:
            return {"type": "string", "pattern": _DOC_NUMBER}
        if tp is Deadline:
            return {"type": "string", "minLength": 1}
        if tp == Node:
            return self._node()
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return {"enum": [m.value for m in tp]}
        origin = typing.get_origin(tp)
        if origin is tuple:
            (item,) = [a for a in typing.get_args(tp) if a is not Ellipsis]
            return {"type": "array", "items": self.of(item)}
        if origin in (typing.Union, types.UnionType):
            return _any(*(self.of(a) for a in typing.get_args(tp)))
        if isinstance(tp, type) and attrs.has(tp):
            ref = self.cls(tp)
            short = self._short_forms(tp)
            return _any(*short, ref) if short else ref
        raise TypeError(f"no JSON Schema for {tp!r}")  # pragma: no cover - a new field type

    def _short_forms(self, cl: type) -> list[dict[str, Any]]:
        """What the loader accepts for ``cl`` besides its full object."""
        if cl is Budget:
            return [{"type": "string"}, {"type": "integer", "minimum": 0}]
        if cl is Assignment:
            return [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]
        if cl is LevelStyle:
            return [{"enum": [s.value for s in Scheme]}]
        if cl is Outline:
            return [{"type": "string", "description": "tên bố cục có sẵn (standard …)"}]
        return []

    def _field(self, owner: type | None, name: str, tp: Any) -> dict[str, Any] | None:
        """Fields a file writes in a form of their own (a report's files)."""
        if owner is None or owner.__name__ != "Report":
            return None
        if name == "plan":
            return _any({"type": "string", "description": "tệp kế hoạch: ke-hoach.yaml"}, self.cls(Plan),
                        self._cited_plan())
        if name == "one_stop":
            return _any({"type": "string", "description": "tệp số liệu một cửa"},
                        {"type": "object", "required": ["dossiers"],
                         "description": "số liệu tính từ danh sách hồ sơ (dossiers: …)"},
                        self.of(tp))
        if name == "tasks":
            return _any({"type": "string", "description": "bảng tiến độ .xlsx"}, self.of(tp))
        return None

    def _cited_plan(self) -> dict[str, Any]:
        """A report's plan cited only: a cited document whose ``kind`` is the plan's (may be left out)."""
        self.cls(CitedDocument)
        cited = self.defs["CitedDocument"]
        return {"type": "object", "properties": cited["properties"],
                "required": [r for r in cited["required"] if r != "kind"], "additionalProperties": False}

    # ------------------------------------------------------------------ classes

    def cls(self, cl: type, extra: dict[str, Any] | None = None) -> dict[str, Any]:
        """The definition of an attrs class (made once), as a reference."""
        name = cl.__name__
        if name not in self.defs:
            self.defs[name] = {}  # placeholder: the class may refer to itself
            fields = [f for f in attrs.fields(attrs.resolve_types(cl)) if f.init]
            properties = {f.name: self.of(f.type, cl, f.name) for f in fields}
            properties.update(extra or {})
            required = [f.name for f in fields if f.default is attrs.NOTHING]
            doc = (cl.__doc__ or "").strip().split("\n")[0]
            self.defs[name] = {"type": "object", "description": doc, "properties": properties,
                               "required": required, "additionalProperties": False, **_rules(cl)}
        return _ref(cl)

    def _node(self) -> dict[str, Any]:
        """A node of an outline, in every form :mod:`cchc_plan.io.outline_data` reads."""
        if "Node" in self.defs:
            return {"$ref": "#/$defs/Node"}
        self.defs["Node"] = {}
        node = {"$ref": "#/$defs/Node"}
        label = _any({"type": "string"}, _NULL)
        option_fields: dict[str, Any] = {
            "key": _any({"type": "string"}, _NULL), "style": _any({"enum": [s.value for s in ListStyle]}, _NULL),
            "only": {"type": "array", "items": {"type": "integer", "minimum": 1}},
            "start": {"type": "integer", "minimum": 1}}
        options = {"type": "object", "properties": option_fields, "additionalProperties": False}
        forms: list[dict[str, Any]] = [
            {"enum": [p.value for p in Part], "description": "một phần có sẵn"},
            {"type": "object", "properties": {"section": {"type": "string"}, "label": label,
                                              "body": {"type": "array", "items": node}},
             "required": ["section"], "additionalProperties": False},
            {"type": "object", "properties": {"title": {"type": "string"}, "label": label,
                                              "body": {"type": "array", "items": node}},
             "required": ["title"], "additionalProperties": False},
            {"type": "object", "properties": {"text": {"type": "string"}, "label": label,
                                              "style": {"enum": [s.value for s in ListStyle]}},
             "required": ["text"], "additionalProperties": False},
            *({"type": "object", "properties": {key: {"type": "string"}, "label": label},
               "required": [key], "additionalProperties": False} for key in _TEXT_KEYS[1:]),
            {"type": "object", "properties": {"part": {"enum": [p.value for p in Part]},
                                              **option_fields},
             "required": ["part"], "additionalProperties": False},
            {"type": "object", "minProperties": 1, "maxProperties": 1,
             "propertyNames": {"enum": [p.value for p in Part]},
             "additionalProperties": _any(_NULL, {"type": "string"}, options)},
        ]
        self.defs["Node"] = {"description": "một mục của bố cục", "anyOf": forms}
        return node


def _rules(cl: type) -> dict[str, Any]:
    """Rules between the fields of a class that a schema can say."""
    if cl is Measure:  # a value, except for "decrease" and "increase" (compared with the previous period)
        previous = [c.value for c in Comparator if c.against_previous]
        return {"if": {"properties": {"comparator": {"enum": previous}}, "required": ["comparator"]},
                "then": {"properties": {"value": _NULL}},
                "else": {"required": ["value"], "properties": {"value": {"not": _NULL}}}}
    return {}


def json_schema(kind: Literal["plan", "report"] = "plan") -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a plan file or a report file."""
    builder = _Builder()
    if kind == "plan":
        builder.cls(Plan)
        root = dict(builder.defs["Plan"])
        root["properties"] = {**root["properties"],
                              "placeholders": {"type": "object", "additionalProperties": {"type": "string"},
                                               "description": "giá trị mẫu của các chỗ {…} (kế hoạch mẫu)"},
                              "units_preset": {"type": "string",
                                               "description": "các bộ phận có sẵn của một xã, phường (xã, phường …)"}}
        title = "Kế hoạch cải cách hành chính (cchc_plan)"
    elif kind == "report":
        from ..model.report import Report

        builder.cls(Report)
        root = dict(builder.defs["Report"])
        title = "Báo cáo cải cách hành chính (cchc_plan)"
    else:
        raise ValueError(f"kind is 'plan' or 'report', not {kind!r}")
    return {"$schema": DRAFT, "$id": SCHEMA_ID.format(kind=kind), "title": title, **root,
            "$defs": dict(sorted(builder.defs.items()))}
