"""A short account of a plan: how many areas, targets, tasks, and when work falls due."""

from __future__ import annotations

from collections import Counter

import attrs

from ..model.deadline import DeadlineKind
from ..model.plan import Plan

__all__ = ["PlanSummary", "summarize"]


@attrs.frozen(kw_only=True)
class PlanSummary:
    """Counts of a plan's parts — what ``cchc-plan validate`` prints."""

    areas: int
    targets: int
    measured_targets: int
    measures: int
    tasks: int
    appendix_items: int
    outputs: int
    due_by_month: tuple[tuple[str, int], ...]
    """``("01/2023", 9)`` pairs in date order: outputs falling due in each month."""
    ongoing: int
    """Outputs with no due date (*thường xuyên*)."""


def summarize(plan: Plan) -> PlanSummary:
    """Count the parts of ``plan`` and its appendix outputs by the month they fall due."""
    targets = [t for a in plan.areas for t in a.targets]
    items = plan.appendix.items if plan.appendix else ()
    by_month: Counter[tuple[int, int]] = Counter()
    ongoing = 0
    outputs = 0
    for item in items:
        for deadline in item.deadlines():
            outputs += 1
            if deadline.kind is DeadlineKind.ONGOING:
                ongoing += 1
                continue
            due = deadline.due(plan.year)
            assert due is not None
            by_month[(due.year, due.month)] += 1
    return PlanSummary(
        areas=len(plan.areas),
        targets=len(targets),
        measured_targets=sum(1 for t in targets if t.measures),
        measures=sum(len(t.measures) for t in targets),
        tasks=sum(len(a.tasks) for a in plan.areas),
        appendix_items=len(items),
        outputs=outputs,
        due_by_month=tuple((f"{m:02d}/{y}", n) for (y, m), n in sorted(by_month.items())),
        ongoing=ongoing,
    )
