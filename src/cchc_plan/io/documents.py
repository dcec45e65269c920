"""Plan and report files: read them into the model, write the model back, never half a file."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..model.plan import Plan
from ..problems import InputError, Problem
from .convert import unstructure
from .files import _Lines, atomic_write, build, read_data, to_json, to_yaml
from .template import prepare

__all__ = [
    "dump_plan",
    "kind_of",
    "load_document",
    "load_plan",
    "load_report",
    "plan_from_data",
    "plan_to_data",
    "report_from_data",
]

if TYPE_CHECKING:
    from ..model.report import Report


def plan_from_data(data: Any, source: str = "<dữ liệu>") -> Plan:
    """Build a :class:`Plan` from plain data (a dict as in the YAML format).

    A template's placeholders take their sample values, a ``units_preset`` its units
    (:mod:`cchc_plan.io.template`).
    """
    return build(prepare(data, source), Plan, source)


def load_plan(path: str | os.PathLike[str]) -> Plan:
    """Read a plan from a YAML (``.yaml``, ``.yml``) or JSON (``.json``) file.

    Raises :class:`~cchc_plan.problems.InputError` listing every problem found.
    """
    data, lines = read_data(path)
    return build(prepare(data, str(path), lines), Plan, str(path), lines)


def _resolve_report_parts(data: dict[str, Any], base: Path, source: str, lines: _Lines) -> dict[str, Any]:
    """Replace the file references of a report (its plan, its figures, its task workbook) by what they hold."""
    from ..model.figures import OneStopFigures
    from ..model.report import Period

    out = dict(data)
    plan = data.get("plan")
    if isinstance(plan, str):
        out["plan"] = load_plan(base / plan)
    elif plan is None:
        raise InputError(source, [Problem(path="plan", line=1,
                                          rule="báo cáo cần tệp kế hoạch: plan: ke-hoach.yaml")])
    figures = data.get("one_stop")
    if isinstance(figures, str):
        figures_data, figures_lines = read_data(base / figures)
        out["one_stop"] = build(figures_data, OneStopFigures, str(base / figures), figures_lines)
    elif isinstance(figures, dict) and "dossiers" in figures:
        from .dossiers import figures_for_report

        period = build(data.get("period"), Period, source, {p[len("period."):]: n for p, n in lines.items()
                                                             if p.startswith("period.")})
        out["one_stop"] = figures_for_report(figures, base, period.window, source=source,
                                             line=lines.get("one_stop"))
    tasks = data.get("tasks")
    if isinstance(tasks, str):  # the filled task workbook (cchc-plan sheet)
        from .sheets import read_task_progress

        period = build(data.get("period"), Period, source, {p[len("period."):]: n for p, n in lines.items()
                                                             if p.startswith("period.")})
        if not isinstance(out.get("plan"), Plan):
            raise InputError(source, [Problem(path="tasks", line=lines.get("tasks"), rule=(
                "bảng tiến độ (tasks: tệp .xlsx) cần tệp kế hoạch (plan: ke-hoach.yaml) để đối chiếu"))])
        out["tasks"] = read_task_progress(base / tasks, out["plan"], period_end=period.window[1])
    return out


def report_from_data(data: Any, base: str | os.PathLike[str] = ".", source: str = "<dữ liệu>",
                     lines: _Lines | None = None) -> Report:
    """Build a :class:`~cchc_plan.report.Report` from plain data; file references are read from ``base``."""
    from ..model.report import Report

    if not isinstance(data, dict):
        raise InputError(source, [Problem(path="", rule="nội dung phải là một bảng các trường (plan:, period:, …)")])
    resolved = _resolve_report_parts(data, Path(base), source, lines or {})
    return build(resolved, Report, source, lines)


def load_report(path: str | os.PathLike[str]) -> Report:
    """Read a report from a YAML or JSON file; its ``plan:`` (and figures) are read relative to it."""
    data, lines = read_data(path)
    return report_from_data(data, Path(path).parent, str(path), lines)


def kind_of(data: Any) -> str:
    """``"plan"`` or ``"report"``: a report has a ``period``, a plan has ``areas``."""
    if isinstance(data, dict) and "period" in data:
        return "report"
    return "plan"


def load_document(path: str | os.PathLike[str]) -> Plan | Report:
    """Read a plan or a report file, telling which from its content."""
    data, lines = read_data(path)
    if kind_of(data) == "report":
        return report_from_data(data, Path(path).parent, str(path), lines)
    return build(prepare(data, str(path), lines), Plan, str(path), lines)


def plan_to_data(plan: Plan) -> dict[str, Any]:
    """Plain data for ``plan``, in the YAML format (defaults left out)."""
    return unstructure(plan)  # type: ignore[no-any-return]


def dump_plan(plan: Plan, path: str | os.PathLike[str], *, force: bool = False) -> Path:
    """Write ``plan`` as YAML, or as JSON when ``path`` ends in ``.json``."""
    text = to_json(plan) if str(path).lower().endswith(".json") else to_yaml(plan)
    return atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"), force=force)
