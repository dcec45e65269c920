"""Document layout — *bố cục văn bản*: the ND30 blocks, and how plans and reports are laid out in them.

Names are re-exported here and imported on first use.
"""

from __future__ import annotations

from .._lazy import lazy_exports

_EXPORTS = {
    "Addressees": "blocks",
    "Align": "blocks",
    "AppendixPart": "blocks",
    "Block": "blocks",
    "Cell": "blocks",
    "Column": "blocks",
    "Document": "blocks",
    "EndBlock": "blocks",
    "Header": "blocks",
    "Heading": "blocks",
    "Meta": "blocks",
    "Paragraph": "blocks",
    "Row": "blocks",
    "RowKind": "blocks",
    "Span": "blocks",
    "Table": "blocks",
    "Title": "blocks",
    "APPENDIX_COLUMNS": "plan",
    "appendix_table": "plan",
    "layout_plan": "plan",
    "figures_summary": "report",
    "layout_report": "report",
    "planned_text": "report",
    "reached_text": "report",
    "end_block": "components",
    "header": "components",
    "number_line": "components",
    "reference": "components",
}

__all__ = sorted(_EXPORTS)

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals())
