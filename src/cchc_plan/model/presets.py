"""Built-in outlines — *bố cục mẫu* — for the common shapes of plans and reports.

A document picks one by name (``outline: decimal``) and may replace any part of it
(its numbering, body, the sub-outline of an area, the text of an empty section).

Plans:

- ``standard`` (default) — ``I. MỤC TIÊU, YÊU CẦU`` / ``1. Mục tiêu`` / ``2. Yêu cầu`` with "- "
  items; ``II. NHIỆM VỤ`` with one ``1.`` part per area, each ``a) Chỉ tiêu`` / ``b) Nhiệm vụ``;
  ``III. TỔ CHỨC THỰC HIỆN``: the Lộc Bình plan's outline.
- ``numbered-purpose`` — section I without sub-heads, objectives and requirements as ``1.``, ``2.``,
  ``3.`` items.
- ``decimal`` — ``I.`` → ``1.`` → ``1.1.`` → ``a)``: each area's ``1.1. Chỉ tiêu``, ``1.2. Nhiệm vụ``.
- ``no-purpose`` — no section I: the tasks are ``I.``, the implementation ``II.``.

Reports:

- ``standard`` (default) — ``I.`` direction, ``II.`` results per area, ``III.`` assessment
  (``1. Ưu điểm``, ``2. Hạn chế, nguyên nhân``), ``IV.`` next period, ``V.`` proposals, the closing
  sentence; a section with nothing to say is left out.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from .outline import (
    DEFAULT_NUMBERING,
    Include,
    LevelStyle,
    ListStyle,
    Node,
    Outline,
    Part,
    Scheme,
    Section,
)

__all__ = ["PLAN_PRESETS", "REPORT_PRESETS", "Resolved", "resolve"]


@attrs.frozen
class Resolved:
    """An outline with every part decided."""

    numbering: tuple[LevelStyle, ...]
    body: tuple[Node, ...]
    area_body: tuple[Node, ...]
    empty: str | None


def _inc(part: Part, **options: Any) -> Include:
    return Include(part=part, **options)


def _sec(title: str, *body: Node) -> Section:
    return Section(title=title, body=body)


def _plan_areas(h: Any) -> tuple[Node, ...]:
    return (_sec(h.targets, _inc(Part.TARGETS)), _sec(h.area_tasks, _inc(Part.TASKS)))


def _plan_standard(h: Any) -> Resolved:
    return Resolved(numbering=DEFAULT_NUMBERING, body=(
        _inc(Part.OPENING),
        _sec(h.purpose, _sec(h.objectives, _inc(Part.OBJECTIVES)), _sec(h.requirements, _inc(Part.REQUIREMENTS))),
        _sec(h.tasks, _inc(Part.AREAS), _inc(Part.TASKS_NOTE)),
        _sec(h.implementation, _inc(Part.IMPLEMENTATION)),
    ), area_body=_plan_areas(h), empty=None)


def _plan_numbered_purpose(h: Any) -> Resolved:
    standard = _plan_standard(h)
    purpose = _sec(h.purpose, _inc(Part.OBJECTIVES, style=ListStyle.NUMBER),
                   _inc(Part.REQUIREMENTS, style=ListStyle.NUMBER))
    return attrs.evolve(standard, body=(standard.body[0], purpose, *standard.body[2:]))


def _plan_decimal(h: Any) -> Resolved:
    return attrs.evolve(_plan_standard(h), numbering=(
        LevelStyle(scheme=Scheme.ROMAN, caps=True),
        LevelStyle(scheme=Scheme.ARABIC),
        LevelStyle(scheme=Scheme.DECIMAL, bold=True, italic=True),
        LevelStyle(scheme=Scheme.LETTER, bold=False, italic=True),
    ))


def _plan_no_purpose(h: Any) -> Resolved:
    standard = _plan_standard(h)
    return attrs.evolve(standard, body=(standard.body[0], *standard.body[2:]))


PLAN_PRESETS: dict[str, Callable[[Any], Resolved]] = {
    "standard": _plan_standard,
    "numbered-purpose": _plan_numbered_purpose,
    "decimal": _plan_decimal,
    "no-purpose": _plan_no_purpose,
}
"""Plan presets by name; each takes the plan's :class:`~cchc_plan.model.plan.Headings`."""


def _report_standard(h: Any) -> Resolved:
    return Resolved(numbering=DEFAULT_NUMBERING, body=(
        _inc(Part.OPENING),
        _sec(h.direction, _inc(Part.DIRECTION)),
        _sec(h.results, _inc(Part.RESULTS), _inc(Part.PROGRESS)),
        _sec(h.assessment, _sec(h.strengths, _inc(Part.STRENGTHS)),
             _sec(h.weaknesses, _inc(Part.WEAKNESSES), _inc(Part.CAUSES))),
        _sec(h.next_steps, _inc(Part.NEXT_STEPS)),
        _sec(h.proposals, _inc(Part.PROPOSALS)),
        _inc(Part.CLOSING),
    ), area_body=(_inc(Part.RESULTS),), empty=None)


REPORT_PRESETS: dict[str, Callable[[Any], Resolved]] = {"standard": _report_standard}
"""Report presets by name; each takes the report's :class:`~cchc_plan.model.report.ReportHeadings`."""


def resolve(outline: Outline | None, presets: dict[str, Callable[[Any], Resolved]], headings: Any) -> Resolved:
    """The outline to print: the named preset (``standard`` by default) with the outline's own parts over it."""
    name = outline.preset if outline is not None and outline.preset else "standard"
    base = presets[name](headings)
    if outline is None:
        return base
    return Resolved(numbering=outline.numbering or base.numbering, body=outline.body or base.body,
                    area_body=outline.area_body or base.area_body,
                    empty=outline.empty if outline.empty is not None else base.empty)
