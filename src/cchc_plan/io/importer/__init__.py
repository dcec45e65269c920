"""Import of an office's Word file into a plan or report (:func:`import_docx`)."""

from __future__ import annotations

from .api import Imported, import_docx

__all__ = ["Imported", "import_docx"]
