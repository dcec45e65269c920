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

from ._lazy import keep_exports, lazy_exports

__version__ = "0.1.0"

# Public names and the module that holds each; imported on first use so that the
# command line starts fast. The block under TYPE_CHECKING re-exports the same names
# explicitly (``import X as X``) for type checkers; tests/test_public_api.py keeps the
# three lists equal.
_EXPORTS = {
    "Agency": "model.plan", "Appendix": "model.plan", "AppendixGroup": "model.plan", "AppendixItem": "model.plan",
    "Area": "model.plan", "AreaKind": "model.plan", "Assignment": "model.plan", "Authority": "model.plan", "Basis":
    "model.plan", "Budget": "model.plan", "CitedDocument": "model.plan", "Comparator": "model.plan", "DateStyle":
    "model.plan", "Decision": "model.plan", "DocType": "model.plan", "DocumentNumber": "model.plan",
    "Headings": "model.plan",
    "Implementation": "model.plan", "Level": "model.plan", "Measure": "model.plan", "Opening": "model.plan",
    "OpeningStyle": "model.plan", "Output": "model.plan", "Plan": "model.plan", "Signer": "model.plan", "Target":
    "model.plan", "Unit": "model.plan", "UnitDuty": "model.plan",
    "Include": "model.outline", "LevelStyle": "model.outline", "ListStyle": "model.outline", "Outline":
    "model.outline", "Part": "model.outline", "Scheme": "model.outline", "Section": "model.outline", "Text":
    "model.outline",
    "AreaNarrative": "model.report", "Assessment": "model.report", "FigureRate": "model.report", "MeasureOutcome":
    "model.report", "OutputProgress": "model.report", "Period": "model.report", "PeriodKind": "model.report",
    "Report": "model.report", "ReportHeadings": "model.report", "TargetResult": "model.report", "TaskProgress":
    "model.report", "TaskStatus": "model.report",
    "OneStopFigures": "model.figures",
    "Registry": "model.registry",
    "Deadline": "model.deadline", "DeadlineKind": "model.deadline",
    "next_year": "model.rollover",
    "dump_plan": "io.documents", "from_json": "io.documents", "load_document": "io.documents", "load_plan":
    "io.documents", "load_report": "io.documents", "plan_from_data": "io.documents", "plan_to_data": "io.documents",
    "report_from_data": "io.documents", "report_to_data": "io.documents",
    "to_json": "io.files",
    "SECTIONS": "io.checking", "validate": "io.checking",
    "json_schema": "io.schema",
    "layout": "render", "render": "render", "render_bytes": "render",
    "CheckReport": "checker", "Finding": "checker", "UnreadableDocument": "checker", "check_docx": "checker",
    "CODES": "problems", "CchcPlanError": "problems", "InputError": "problems", "InvalidModel": "problems",
    "Problem": "problems",
    "StyleProfile": "docx.profile",
    "Imported": "io.importer.api", "import_docx": "io.importer.api",
}

__all__ = [
    "__version__", "Agency", "Appendix", "AppendixGroup", "AppendixItem", "Area", "AreaKind", "AreaNarrative",
    "Assessment", "Assignment", "Authority", "Basis", "Budget", "CODES", "CchcPlanError", "CheckReport",
    "CitedDocument", "Comparator", "DateStyle", "Deadline", "DeadlineKind", "Decision", "DocType", "DocumentNumber",
    "FigureRate", "Finding", "Headings", "Implementation", "Imported", "Include", "InputError", "InvalidModel",
    "Level",
    "LevelStyle", "ListStyle", "Measure", "MeasureOutcome", "OneStopFigures", "Opening", "OpeningStyle", "Outline",
    "Output", "OutputProgress", "Part", "Period", "PeriodKind", "Plan", "Problem", "Registry", "Report",
    "ReportHeadings",
    "SECTIONS", "Scheme", "Section", "Signer", "StyleProfile", "Target", "TargetResult", "TaskProgress",
    "TaskStatus", "Text", "Unit", "UnitDuty", "UnreadableDocument", "check_docx", "dump_plan", "from_json",
    "import_docx",
    "json_schema", "layout", "load_document", "load_plan", "load_report", "next_year", "plan_from_data",
    "plan_to_data", "render", "render_bytes", "report_from_data", "report_to_data", "to_json", "validate",
]

if TYPE_CHECKING:
    from .model.plan import (
        Agency as Agency, Appendix as Appendix, AppendixGroup as AppendixGroup, AppendixItem as
        AppendixItem, Area as Area, AreaKind as AreaKind, Assignment as Assignment, Authority as Authority,
        Basis as Basis, Budget as Budget, CitedDocument as CitedDocument, Comparator as Comparator,
        DateStyle as DateStyle, Decision as Decision, DocType as DocType, DocumentNumber as DocumentNumber,
        Headings as Headings,
        Implementation as Implementation, Level as Level, Measure as Measure, Opening as Opening,
        OpeningStyle as OpeningStyle, Output as Output, Plan as Plan, Signer as Signer, Target as Target,
        Unit as Unit, UnitDuty as UnitDuty
    )
    from .model.outline import (
        Include as Include, LevelStyle as LevelStyle, ListStyle as ListStyle, Outline as Outline, Part as
        Part, Scheme as Scheme, Section as Section, Text as Text
    )
    from .model.report import (
        AreaNarrative as AreaNarrative, Assessment as Assessment, FigureRate as FigureRate, MeasureOutcome
        as MeasureOutcome, OutputProgress as OutputProgress, Period as Period, PeriodKind as PeriodKind,
        Report as Report, ReportHeadings as ReportHeadings, TargetResult as TargetResult, TaskProgress as
        TaskProgress, TaskStatus as TaskStatus
    )
    from .model.figures import (
        OneStopFigures as OneStopFigures
    )
    from .model.registry import (
        Registry as Registry
    )
    from .model.deadline import (
        Deadline as Deadline, DeadlineKind as DeadlineKind
    )
    from .model.rollover import (
        next_year as next_year
    )
    from .io.documents import (
        dump_plan as dump_plan, from_json as from_json, load_document as load_document, load_plan as
        load_plan, load_report as load_report, plan_from_data as plan_from_data, plan_to_data as
        plan_to_data, report_from_data as report_from_data, report_to_data as report_to_data
    )
    from .io.files import (
        to_json as to_json
    )
    from .io.checking import (
        SECTIONS as SECTIONS, validate as validate
    )
    from .io.schema import (
        json_schema as json_schema
    )
    from .render import (
        layout as layout, render as render, render_bytes as render_bytes
    )
    from .checker import (
        CheckReport as CheckReport, Finding as Finding, UnreadableDocument as UnreadableDocument, check_docx
        as check_docx
    )
    from .problems import (
        CODES as CODES, CchcPlanError as CchcPlanError, InputError as InputError, InvalidModel as
        InvalidModel, Problem as Problem
    )
    from .docx.profile import (
        StyleProfile as StyleProfile
    )
    from .io.importer.api import (
        Imported as Imported, import_docx as import_docx
    )


__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals(), submodules=frozenset({"examples"}))
# The functions render and layout share their names with the submodules cchc_plan.render and
# cchc_plan.layout: the names stay the functions (the submodules are reached with from-imports).
keep_exports(__name__, frozenset({"render", "layout"}))
