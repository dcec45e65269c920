"""Input and output — *đọc, ghi tệp*: YAML/JSON files, their conversion to the model, dossier exports.

Names are re-exported here and imported on first use.
"""

from __future__ import annotations

from .._lazy import lazy_exports

_EXPORTS = {
    "dump_plan": "documents",
    "kind_of": "documents",
    "load_document": "documents",
    "load_plan": "documents",
    "load_report": "documents",
    "plan_from_data": "documents",
    "plan_to_data": "documents",
    "report_from_data": "documents",
    "report_to_data": "documents",
    "from_json": "documents",
    "validate": "checking",
    "MAX_INPUT_BYTES": "files",
    "atomic_write": "files",
    "build": "files",
    "read_data": "files",
    "to_json": "files",
    "to_yaml": "files",
    "BadRow": "dossiers",
    "ChannelValues": "dossiers",
    "ColumnMapping": "dossiers",
    "Columns": "dossiers",
    "DossierSource": "dossiers",
    "MAX_BAD_ROWS": "dossiers",
    "StatsResult": "dossiers",
    "StatusValues": "dossiers",
    "compute_stats": "dossiers",
    "compute_stats_from_rows": "dossiers",
    "figures_for_report": "dossiers",
    "load_mapping": "dossiers",
    "mapping_names": "dossiers",
}

__all__ = sorted(_EXPORTS)

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals())
