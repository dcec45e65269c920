"""The Word writer — *xuất văn bản Word*.

.docx writing, raw XML helpers, text widths, the style profile, the decree's rules, PDF and previews.

Names are re-exported here and imported on first use.
"""

from __future__ import annotations

from .._lazy import lazy_exports

_EXPORTS = {
    "FONT": "writer",
    "LANGUAGE": "writer",
    "default_template": "writer",
    "write_docx": "writer",
    "StyleProfile": "profile",
    "CHECKS": "rules",
    "FIRST_LINE_INDENTS_CM": "rules",
    "CHECK_LIMITS": "rules",
    "CheckRule": "rules",
    "NumericRule": "rules",
    "RULES": "rules",
    "SIZE_PAIRS": "rules",
    "Severity": "rules",
    "check_rule": "rules",
    "limit": "rules",
    "rule": "rules",
    "LibreOfficeMissing": "pdf",
    "convert_to_pdf": "pdf",
    "find_soffice": "pdf",
    "PreviewToolMissing": "preview",
}

__all__ = sorted(_EXPORTS)

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals())
