"""cchc_plan — administrative-reform plans and reports of Vietnamese local government.

Typed domain model (*kế hoạch cải cách hành chính* and its parts), checked input
from YAML or JSON, Vietnamese formatting, and documents in the layout of Nghị
định 30/2020/NĐ-CP.

>>> from cchc_plan import load_plan
>>> plan = load_plan("examples/loc-binh-2023/ke-hoach.yaml")  # doctest: +SKIP
>>> str(plan.number)  # doctest: +SKIP
'07/KH-UBND'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._lazy import lazy_exports

__version__ = "0.1.0"

# Public names and the module that holds each; imported on first use so that the
# command line starts fast.
_EXPORTS = {
    "Agency": "model.plan", "Appendix": "model.plan", "AppendixGroup": "model.plan",
    "AppendixItem": "model.plan", "Area": "model.plan", "AreaKind": "model.plan", "Assignment": "model.plan",
    "Authority": "model.plan", "Basis": "model.plan", "Budget": "model.plan", "CitedDocument": "model.plan",
    "Comparator": "model.plan", "DateStyle": "model.plan", "DocType": "model.plan",
    "DocumentNumber": "model.plan", "Headings": "model.plan", "Implementation": "model.plan",
    "Level": "model.plan", "Measure": "model.plan", "Opening": "model.plan", "Output": "model.plan",
    "Plan": "model.plan", "Signer": "model.plan", "Target": "model.plan", "Unit": "model.plan",
    "UnitDuty": "model.plan", "OpeningStyle": "model.plan",
    "Include": "model.outline", "LevelStyle": "model.outline", "ListStyle": "model.outline",
    "Outline": "model.outline", "Part": "model.outline", "Scheme": "model.outline",
    "Section": "model.outline", "Text": "model.outline",
    "Report": "model.report", "ReportHeadings": "model.report",
    "load_report": "io.documents", "load_document": "io.documents",
    "render": "render", "layout": "render",
    "Deadline": "model.deadline", "DeadlineKind": "model.deadline",
    "InputError": "problems", "InvalidModel": "problems", "Problem": "problems",
    "next_year": "model.rollover",
    "load_plan": "io.documents", "dump_plan": "io.documents", "plan_from_data": "io.documents",
    "plan_to_data": "io.documents",
}

__all__ = ["__version__", *sorted(_EXPORTS)]

if TYPE_CHECKING:
    from .model.deadline import Deadline, DeadlineKind
    from .io.documents import dump_plan, load_plan, plan_from_data, plan_to_data
    from .model.plan import (
        Agency, Appendix, AppendixGroup, AppendixItem, Area, AreaKind, Assignment, Authority,
        Basis, Budget, CitedDocument, Comparator, DateStyle, DocType, DocumentNumber, Headings,
        Implementation, Level, Measure, Opening, Output, Plan, Signer, Target, Unit, UnitDuty,
    )
    from .io.documents import load_document, load_report
    from .model.outline import Include, LevelStyle, ListStyle, Outline, Part, Scheme, Section, Text
    from .model.plan import OpeningStyle
    from .model.report import Report, ReportHeadings
    from .model.rollover import next_year
    from .render import layout, render
    from .problems import InputError, InvalidModel, Problem


__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals())
