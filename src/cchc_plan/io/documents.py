"""Plan and report files: read them into the model, write the model back, never half a file."""

from __future__ import annotations

import os
import typing
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Union

from ..model.plan import Plan
from ..problems import InputError, Problem
from .convert import to_data
from .files import _Lines, atomic_write, build, parse_data, read_data, to_json, to_yaml
from .template import prepare

__all__ = [
    "Source",
    "dump_plan",
    "from_json",
    "kind_of",
    "load_document",
    "load_plan",
    "load_report",
    "plan_from_data",
    "plan_to_data",
    "report_from_data",
    "report_to_data",
]

if TYPE_CHECKING:
    from ..model.report import Report


def plan_from_data(data: Any, source: str = "<dữ liệu>") -> Plan:
    """Build a :class:`Plan` from plain data (a dict as in the YAML format).

    A template's placeholders take their sample values, a ``units_preset`` its units
    (:mod:`cchc_plan.io.template`).
    """
    return build(prepare(data, source), Plan, source)


Source = Union[str, "os.PathLike[str]", bytes]
"""A plan or report file: a path, or its content as text (YAML or JSON) or bytes."""


def is_content(source: Source) -> bool:
    """Whether ``source`` is a file's content rather than its path: bytes, or text on more than one line
    (or starting with ``{``)."""
    if isinstance(source, (bytes, bytearray)):
        return True
    return isinstance(source, str) and ("\n" in source or source.lstrip().startswith("{"))


def _read(source: Source, name: str | None) -> tuple[Any, _Lines, str]:
    """Plain data, lines and the name messages use, for a path or a file's content."""
    if is_content(source):
        shown = name or "<dữ liệu>"
        data, lines = parse_data(bytes(source) if isinstance(source, bytearray) else source,  # type: ignore[arg-type]
                                 shown, Path(name).suffix if name else "")
        return data, lines, shown
    path = typing.cast("str | os.PathLike[str]", source)
    data, lines = read_data(path)
    return data, lines, name or str(path)


def load_plan(source: Source, *, name: str | None = None) -> Plan:
    """Read a plan from a YAML (``.yaml``, ``.yml``) or JSON (``.json``) file, or from such content.

    ``source`` is a path, or the content itself: bytes, or text of more than one line.
    ``name`` is how messages name the input (default: the path, or ``<dữ liệu>``; its
    suffix ``.json`` says that content is JSON). Raises
    :class:`~cchc_plan.problems.InputError` listing every problem found.
    """
    data, lines, shown = _read(source, name)
    return build(prepare(data, shown, lines), Plan, shown, lines)


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


def _base(source: Source, base: str | os.PathLike[str] | None) -> Path:
    if base is not None:
        return Path(base)
    return Path(".") if is_content(source) else Path(typing.cast("str | os.PathLike[str]", source)).parent


def load_report(source: Source, *, name: str | None = None, base: str | os.PathLike[str] | None = None) -> Report:
    """Read a report from a YAML or JSON file (or its content, as for :func:`load_plan`).

    Its ``plan:`` (and figures) are read relative to ``base``: by default the report
    file's folder, or the current folder for content.
    """
    data, lines, shown = _read(source, name)
    return report_from_data(data, _base(source, base), shown, lines)


def kind_of(data: Any) -> str:
    """``"plan"`` or ``"report"``: a report has a ``period``, a plan has ``areas``."""
    if isinstance(data, dict) and "period" in data:
        return "report"
    return "plan"


def load_document(source: Source, *, name: str | None = None,
                  base: str | os.PathLike[str] | None = None) -> Plan | Report:
    """Read a plan or a report (a file or its content), telling which from its content."""
    data, lines, shown = _read(source, name)
    if kind_of(data) == "report":
        return report_from_data(data, _base(source, base), shown, lines)
    return build(prepare(data, shown, lines), Plan, shown, lines)


def plan_to_data(plan: Plan) -> dict[str, Any]:
    """Plain, JSON-ready data for ``plan``: every field written, one shape per field
    (``cchc_plan.io.convert.to_data``); ``json.dumps`` takes it as it is."""
    return to_data(plan)  # type: ignore[no-any-return]


def report_to_data(report: Report) -> dict[str, Any]:
    """Plain, JSON-ready data for ``report``, its plan included whole (as :func:`plan_to_data`);
    :func:`report_from_data` reads it back."""
    return to_data(report)  # type: ignore[no-any-return]


@typing.overload
def from_json(text: str | bytes, kind: Literal["plan"] = "plan", *, name: str | None = None,
              base: str | os.PathLike[str] | None = None) -> Plan: ...


@typing.overload
def from_json(text: str | bytes, kind: Literal["report"], *, name: str | None = None,
              base: str | os.PathLike[str] | None = None) -> Report: ...


def from_json(text: str | bytes, kind: Literal["plan", "report"] = "plan", *, name: str | None = None,
              base: str | os.PathLike[str] | None = None) -> Plan | Report:
    """A plan (or report) from JSON text, as :func:`~cchc_plan.io.files.to_json` writes it (or a person does).

    Raises :class:`~cchc_plan.problems.InputError` listing every problem (``name`` names the input).
    """
    shown = name or "<dữ liệu>"
    data, lines = parse_data(text, shown, ".json")
    if kind == "report":
        return report_from_data(data, base if base is not None else ".", shown, lines)
    return build(prepare(data, shown, lines), Plan, shown, lines)


def dump_plan(plan: Plan, path: str | os.PathLike[str], *, force: bool = False) -> Path:
    """Write ``plan`` as YAML, or as JSON when ``path`` ends in ``.json``."""
    text = to_json(plan) if str(path).lower().endswith(".json") else to_yaml(plan)
    return atomic_write(path, text, force=force)
