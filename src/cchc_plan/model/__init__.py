"""The domain model — *mô hình*: plans, reports, deadlines, one-stop figures, outlines, and next year's plan.

Names are re-exported here and imported on first use.
"""

from __future__ import annotations

from .._lazy import lazy_exports

_EXPORTS = {
    "Agency": "plan",
    "Appendix": "plan",
    "AppendixGroup": "plan",
    "AppendixItem": "plan",
    "Area": "plan",
    "AreaKind": "plan",
    "Assignment": "plan",
    "Authority": "plan",
    "Basis": "plan",
    "Budget": "plan",
    "CitedDocument": "plan",
    "Comparator": "plan",
    "DateStyle": "plan",
    "DocType": "plan",
    "DocumentNumber": "plan",
    "Headings": "plan",
    "Implementation": "plan",
    "Level": "plan",
    "Measure": "plan",
    "Opening": "plan",
    "Output": "plan",
    "Plan": "plan",
    "Signer": "plan",
    "Target": "plan",
    "Unit": "plan",
    "UnitDuty": "plan",
    "TWO_TIER_SINCE": "plan",
    "Deadline": "deadline",
    "DeadlineKind": "deadline",
    "AreaNarrative": "report",
    "Assessment": "report",
    "FigureRate": "report",
    "MeasureOutcome": "report",
    "OutputProgress": "report",
    "Period": "report",
    "PeriodKind": "report",
    "Report": "report",
    "TargetResult": "report",
    "TaskProgress": "report",
    "TaskStatus": "report",
    "ChangeUnit": "figures",
    "Conventions": "figures",
    "FieldFigures": "figures",
    "LevelPrevious": "figures",
    "OneStopFigures": "figures",
    "PendingInTime": "figures",
    "Place": "figures",
    "PreviousRates": "figures",
    "RateBase": "figures",
    "Returned": "figures",
    "TableLayout": "figures",
    "Change": "rollover",
    "Rollover": "rollover",
    "next_year": "rollover",
}

__all__ = sorted(_EXPORTS)

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals())
