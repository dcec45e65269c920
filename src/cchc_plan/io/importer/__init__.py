"""Import of an office's Word file into a plan or report (:func:`import_docx`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..._lazy import lazy_exports

_EXPORTS = {"Imported": "api", "import_docx": "api"}
__all__ = sorted(_EXPORTS)

if TYPE_CHECKING:
    from .api import Imported, import_docx

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals())
