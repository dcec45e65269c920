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

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Public names and the module that holds each; imported on first use so that the
# command line starts fast.
_EXPORTS = {
    "Agency": "model", "Appendix": "model", "AppendixGroup": "model",
    "AppendixItem": "model", "Area": "model", "AreaKind": "model", "Assignment": "model",
    "Authority": "model", "Basis": "model", "Budget": "model", "CitedDocument": "model",
    "Comparator": "model", "DateStyle": "model", "DocType": "model",
    "DocumentNumber": "model", "Headings": "model", "Implementation": "model",
    "Level": "model", "Measure": "model", "Opening": "model", "Output": "model",
    "Plan": "model", "Signer": "model", "Target": "model", "Unit": "model",
    "UnitDuty": "model",
    "Deadline": "deadline", "DeadlineKind": "deadline",
    "InputError": "problems", "InvalidModel": "problems", "Problem": "problems",
    "load_plan": "io", "dump_plan": "io", "plan_from_data": "io", "plan_to_data": "io",
}

__all__ = ["__version__", *sorted(_EXPORTS)]

if TYPE_CHECKING:
    from .deadline import Deadline, DeadlineKind
    from .io import dump_plan, load_plan, plan_from_data, plan_to_data
    from .model import (
        Agency, Appendix, AppendixGroup, AppendixItem, Area, AreaKind, Assignment, Authority,
        Basis, Budget, CitedDocument, Comparator, DateStyle, DocType, DocumentNumber, Headings,
        Implementation, Level, Measure, Opening, Output, Plan, Signer, Target, Unit, UnitDuty,
    )
    from .problems import InputError, InvalidModel, Problem


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'cchc_plan' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
