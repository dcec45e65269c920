"""``validate``: every problem of a plan, a report or one of their sections, in one call, never raising.

For the programs that import the library (a form on a web portal): the problems come
with their stable ``code``, their field path and value, whatever their number.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal

from ..model.plan import Plan
from ..model.report import TargetResult, TaskProgress
from ..problems import InputError, Problem, join_path, path_text
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
    to: the units an appendix item or a duty names are then checked against its ``units``, and a
    report's ``target_result`` or ``task_progress`` against its targets and appendix.
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
    if within is not None and not found:
        built: Any = converter.structure(data, cl)
        if kind in ("appendix_item", "duty"):
            found.extend(unit_refs(built, prefix, within.unit_map()))
        elif kind in ("target_result", "task_progress"):
            found.extend(_against_plan(built, prefix, within))
    return found


def _against_plan(part: TargetResult | TaskProgress, path: str, plan: Plan) -> list[Problem]:
    """A report's result or progress line checked against its plan (the target, measure, item, output exist)."""
    if isinstance(part, TargetResult):
        targets = plan.targets_by_key()
        found = targets.get(part.target)
        if found is None:
            known = ", ".join(targets) or "(kế hoạch chưa đặt mã cho chỉ tiêu nào)"
            return [Problem(path=join_path(path, "target"), value=part.target, code="key.undefined",
                            rule=f"kế hoạch không có chỉ tiêu mang mã này; các mã đã có: {known}")]
        measures = found[1].measures
        if not 1 <= part.measure <= len(measures):
            return [Problem(path=join_path(path, "measure"), value=part.measure, code="number.range",
                            rule=f"chỉ tiêu {part.target} có {len(measures)} số đo")]
        return []
    items = {item.number: item for item in (plan.appendix.items if plan.appendix else ())}
    item = items.get(part.item)
    if item is None:
        return [Problem(path=join_path(path, "item"), value=part.item, code="key.undefined",
                        rule="phụ lục của kế hoạch không có nhiệm vụ này")]
    if part.output is not None and part.output > len(item.outputs):
        return [Problem(path=join_path(path, "output"), value=part.output, code="number.range",
                        rule=f"nhiệm vụ {part.item} có {len(item.outputs)} sản phẩm")]
    return []


def _report_problems(data: Any, base: str | Path, source: str) -> list[Problem]:
    from ..model.report import Report

    if not isinstance(data, dict):
        return [Problem(path="", value=data, code="type.mapping",
                        rule="nội dung phải là một bảng các trường (plan:, period:, …)")]
    problems: list[Problem] = []
    resolved = dict(data)
    # Each file the report names is read on its own: what fails is reported under its key and left unbuilt.
    for key in ("plan", "one_stop", "tasks"):
        value = data.get(key)
        if key != "plan" and not (isinstance(value, str) or (isinstance(value, dict) and "dossiers" in value)):
            continue
        if key == "tasks" and resolved.get("plan") is UNBUILT:
            resolved[key] = UNBUILT  # progress is read against the plan, which did not build
            continue
        part = {"plan": resolved.get("plan"), "period": data.get("period"), key: value}
        try:
            resolved[key] = _resolve_report_parts(part, Path(base), source, {})[key]
        except InputError as e:
            if e.source == source:  # about the report itself: this part's own; its period is listed below
                problems.extend(p for p in e.problems if p.path == key or p.path.startswith((key + ".", key + "[")))
            else:  # about the file it names
                problems.extend(p.at(key) for p in e.problems)
            resolved[key] = UNBUILT
    seen = {(p.path, p.rule) for p in problems}
    return problems + [p for p in all_problems(resolved, Report) if (p.path, p.rule) not in seen]
