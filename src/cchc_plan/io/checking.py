"""``validate``: every problem of a plan, a report or one of their sections, in one call, never raising.

For the programs that import the library (a form on a web portal): the problems come
with their stable ``code``, their field path and value, whatever their number.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal

from ..model.plan import Plan
from ..problems import InputError, Problem, path_text
from .convert import converter
from .documents import _resolve_report_parts
from .template import prepare
from .validation import SECTIONS, UNBUILT, all_problems, section_class, unit_refs

__all__ = ["SECTIONS", "Kind", "validate"]

Kind = Literal["plan", "report", "issuer", "opening", "area", "target", "measure", "unit", "appendix",
               "appendix_group", "appendix_item", "implementation", "duty", "signer", "period",
               "target_result", "task_progress", "area_narrative"]
"""What :func:`validate` checks: a plan, a report, or one section (:data:`SECTIONS`)."""


def validate(data: Any, kind: Kind = "plan", *, at: str | Iterable[str | int] = "",
             within: Plan | None = None, base: str | Path = ".", source: str = "<dữ liệu>") -> list[Problem]:
    """Every problem of plain ``data`` (a dict as in the YAML format), in one pass; never raises for bad data.

    ``kind`` is ``"plan"``, ``"report"``, or one section of :data:`SECTIONS` (``"area"``,
    ``"appendix_item"`` …) for a form that validates one part. A section's paths start
    at ``at`` (``"areas[2]"`` or ``("areas", 2)``). ``within`` is the plan a section belongs
    to: the units an appendix item or a duty names are then checked against its ``units``.
    A report's file references (``plan: ke-hoach.yaml``) are read from ``base``.
    """
    prefix = path_text(at if isinstance(at, str) else tuple(at))
    if kind == "plan":
        try:
            prepared = prepare(data, source)
        except InputError as e:
            return list(e.problems)
        if not isinstance(prepared, dict):
            return [Problem(path=prefix, value=prepared, code="type.mapping",
                            rule="nội dung phải là một bảng các trường (issuer:, number:, …)")]
        return all_problems(prepared, Plan, prefix)
    if kind == "report":
        return _report_problems(data, base, source)
    if kind not in SECTIONS:
        raise ValueError(f"kind is 'plan', 'report' or one of {', '.join(SECTIONS)}; not {kind!r}")
    cl = section_class(kind)
    found = all_problems(data, cl, prefix)
    if within is not None and kind in ("appendix_item", "duty") and not found:
        built: Any = converter.structure(data, cl)
        found.extend(unit_refs(built, prefix, within.unit_map()))
    return found


def _report_problems(data: Any, base: str | Path, source: str) -> list[Problem]:
    from ..model.report import Report

    if not isinstance(data, dict):
        return [Problem(path="", value=data, code="type.mapping",
                        rule="nội dung phải là một bảng các trường (plan:, period:, …)")]
    problems: list[Problem] = []
    try:
        resolved = _resolve_report_parts(data, Path(base), source, {})
    except InputError as e:
        # A part read from another file failed: its problems, then the rest with that part unbuilt.
        problems.extend(e.problems)
        resolved = dict(data)
        refs = [k for k in ("plan", "one_stop", "tasks") if isinstance(data.get(k), str)]
        if "plan" in refs:
            try:
                resolved["plan"] = _resolve_report_parts({"plan": data["plan"]}, Path(base), source, {})["plan"]
                refs.remove("plan")
            except InputError:
                pass
        for k in refs:
            resolved[k] = UNBUILT
    seen = {(p.path, p.rule) for p in problems}
    return problems + [p for p in all_problems(resolved, Report) if (p.path, p.rule) not in seen]
