"""Every problem of plain data in one pass — *kiểm tra toàn bộ một lần*.

Structuring stops at an object whose fields fail, so the checks of that object
and of the whole document (units referenced, keys, appendix numbers …) would wait
for the simpler mistakes to be fixed. Here the data is built part by part: what
builds is built, what does not is left as an *unbuilt* mark, and every check of
every object then runs on what was built. A check that reaches an unbuilt part
stops (it says nothing about it); a problem it reports inside a part that did not
build is dropped (that part's own problems are already listed).
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import attrs
from cattrs.errors import ForbiddenExtraKeysError

from ..model.deadline import Deadline
from ..model.plan import (
    Agency, Appendix, AppendixGroup, AppendixItem, Area, Assignment, Budget, DocumentNumber, Implementation, Measure,
    Opening, Signer, Target, Unit, UnitDuty,
)
from ..problems import InvalidModel, Problem, join_path
from .convert import converter, problems_of

__all__ = ["SECTIONS", "UNBUILT", "all_problems", "section_class", "unit_refs"]


class _Touched(Exception):
    """A check reached a part that did not build."""


class _Unbuilt:
    """The mark of a part that did not build: any use of it stops the check that uses it."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<unbuilt>"

    def __getattr__(self, name: str) -> Any:
        raise _Touched(name)

    def _touch(self, *_: object) -> Any:
        raise _Touched()

    __iter__ = __len__ = __bool__ = __eq__ = __ne__ = __lt__ = __le__ = __gt__ = __ge__ = _touch
    __hash__ = _touch
    __str__ = __format__ = __contains__ = __getitem__ = __add__ = __radd__ = __sub__ = __rsub__ = _touch


UNBUILT: Any = _Unbuilt()
"""Stands for a part of the data that did not build."""

_OWN_HOOKS: tuple[type, ...] = (Budget, Assignment, DocumentNumber, Deadline)
"""Classes with a short form of their own: built only whole, by the converter."""


def _plain_class(tp: Any) -> bool:
    """An attrs class of the model that the converter builds field by field."""
    return (isinstance(tp, type) and attrs.has(tp) and tp not in _OWN_HOOKS
            and not tp.__module__.endswith(".outline"))


def _optional(tp: Any) -> Any | None:
    """``X`` for ``X | None``, else ``None``."""
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1 and len(typing.get_args(tp)) == 2:
            return args[0]
    return None


def _under(path: str, failed: Iterable[str]) -> bool:
    return any(path == f or path.startswith((f + ".", f + "[")) for f in failed if f)


class _Builder:
    """Builds plain data part by part, collecting every problem."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def build(self, value: Any, tp: Any, path: str) -> Any:
        """The value built for ``tp``, or a partly built one, or :data:`UNBUILT`; problems are collected."""
        if value is UNBUILT:  # a part that failed before (a report's plan file): already reported
            return UNBUILT
        inner = _optional(tp)
        if inner is not None:
            if value is None:
                return None
            if _plain_class(inner) or _tuple_of_plain(inner):
                return self.build(value, inner, path)
        if _plain_class(tp) and isinstance(value, dict):
            return self._object(value, tp, path)
        if _tuple_of_plain(tp) and isinstance(value, list):
            (item,) = [a for a in typing.get_args(tp) if a is not Ellipsis]
            return tuple(self.build(v, item, f"{path}[{i}]") for i, v in enumerate(value))
        try:
            return converter.structure(value, tp)
        except Exception as exc:  # every failure becomes problems
            self.problems.extend(problems_of(exc, path))
            return UNBUILT

    def _object(self, value: dict[str, Any], cl: type, path: str) -> Any:
        fields = [f for f in attrs.fields(attrs.resolve_types(cl)) if f.init]
        names = {f.name for f in fields}
        extra = set(value) - names
        if extra:
            self.problems.extend(problems_of(ForbiddenExtraKeysError("", cl, extra), path))
        kwargs: dict[str, Any] = {}
        failed: list[str] = []
        before = len(self.problems)
        for f in fields:
            where = join_path(path, f.name)
            if f.name not in value:
                if f.default is attrs.NOTHING:
                    self.problems.append(Problem(path=where, code="field.required", rule="thiếu trường bắt buộc"))
                    kwargs[f.name] = UNBUILT
                    failed.append(f.name)
                continue
            built = self.build(value[f.name], f.type, where)
            kwargs[f.name] = built
            if built is UNBUILT:
                failed.append(f.name)
            elif isinstance(built, tuple):
                failed.extend(f"{f.name}[{i}]" for i, v in enumerate(built) if v is UNBUILT)
        if not failed and len(self.problems) == before and not extra:
            try:
                return cl(**kwargs)
            except InvalidModel as e:  # its own checks: listed, and the object kept for the checks above it
                self.problems.extend(p.at(path) for p in e.problems)
                return _partial(cl, kwargs)
        obj = _partial(cl, kwargs)
        self.problems.extend(p.at(path) for p in _checked(obj) if not _under(p.path, failed))
        return obj


def _tuple_of_plain(tp: Any) -> bool:
    if typing.get_origin(tp) is not tuple:
        return False
    args = [a for a in typing.get_args(tp) if a is not Ellipsis]
    return len(args) == 1 and _plain_class(args[0])


def _partial(cl: type, kwargs: dict[str, Any]) -> Any:
    """An instance of ``cl`` made without its checks: given fields (converted), defaults for the others."""
    obj: Any = object.__new__(cl)
    for f in attrs.fields(cl):
        if not f.init:
            continue
        if f.name in kwargs:
            value = kwargs[f.name]
            if value is not UNBUILT and f.converter is not None and callable(f.converter):
                value = f.converter(value)
        elif isinstance(f.default, attrs.Factory):  # type: ignore[arg-type]
            factory = f.default.factory
            value = factory(obj) if f.default.takes_self else factory()
        else:
            value = f.default
        object.__setattr__(obj, f.name, value)
    return obj


def _checked(obj: Any) -> Iterator[Problem]:
    """The problems of ``obj``'s own checks that can run on what was built."""
    checks: Iterable[Callable[[], Iterable[Problem]]]
    if hasattr(obj, "_checks"):
        checks = obj._checks()
    elif hasattr(obj, "_problems"):
        checks = (obj._problems,)
    else:
        return
    for check in checks:
        found: list[Problem] = []
        try:
            for p in check():
                found.append(p)
        except Exception:  # it reached a part that did not build: what it said before that is true
            pass
        yield from found


def all_problems(data: Any, cl: type, path: str = "") -> list[Problem]:
    """Every problem of plain ``data`` as ``cl`` (empty when it builds); paths start at ``path``."""
    try:  # what builds whole has no problem: the quick way for valid data
        converter.structure(data, cl)
        return []
    except Exception:  # any failure: built again part by part, for every problem
        pass
    builder = _Builder()
    builder.build(data, cl, path)
    seen: set[tuple[str, str]] = set()
    out: list[Problem] = []
    for p in builder.problems:
        if (p.path, p.rule) not in seen:
            seen.add((p.path, p.rule))
            out.append(p)
    return out


_PLAN_SECTIONS: dict[str, type] = {
    "issuer": Agency, "opening": Opening, "area": Area, "target": Target, "measure": Measure, "unit": Unit,
    "appendix": Appendix, "appendix_group": AppendixGroup, "appendix_item": AppendixItem,
    "implementation": Implementation, "duty": UnitDuty, "signer": Signer,
}
_REPORT_SECTIONS = ("period", "target_result", "task_progress", "area_narrative")  # model.report, loaded on use

SECTIONS = (*_PLAN_SECTIONS, *_REPORT_SECTIONS)
"""The parts a form can validate on their own (``kind=`` of :func:`~cchc_plan.io.checking.validate`)."""


def _section_classes() -> dict[str, type]:
    from ..model.report import AreaNarrative, Period, TargetResult, TaskProgress

    return {**_PLAN_SECTIONS, "period": Period, "target_result": TargetResult, "task_progress": TaskProgress,
            "area_narrative": AreaNarrative}


def __getattr__(name: str) -> Any:
    if name == "SECTION_CLASSES":  # name → model class of every section; the report's classes load here
        return _section_classes()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def section_class(kind: str) -> type:
    """The model class of a section of :data:`SECTIONS`."""
    if kind in _PLAN_SECTIONS:
        return _PLAN_SECTIONS[kind]
    return _section_classes()[kind]


def unit_refs(item: Any, path: str, units: Iterable[str]) -> Iterator[Problem]:
    """Units an appendix item (or a duty) names that ``units`` does not define."""
    known = sorted(units)
    shown = ", ".join(known) or "(chưa khai báo bộ phận nào)"
    refs: list[tuple[str, str]] = []
    if hasattr(item, "unit") and isinstance(getattr(item, "unit", None), str):
        refs.append((join_path(path, "unit"), item.unit))
    for role in ("lead", "partners"):
        a = getattr(item, role, None)
        if isinstance(a, Assignment):
            refs.extend((join_path(path, f"{role}.units[{k}]"), key) for k, key in enumerate(a.units))
    for where, key in refs:
        if key not in known:
            yield Problem(path=where, value=key, code="unit.undefined",
                          rule=f"bộ phận chưa được khai báo trong units; đã có: {shown}")
