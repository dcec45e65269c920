"""The bundled examples and JSON Schemas — *ví dụ kèm theo*: their paths, in a checkout or an installed package.

>>> from cchc_plan import examples
>>> examples.path("loc-binh-2023/ke-hoach.yaml").name
'ke-hoach.yaml'

The wheel carries the repository's ``examples/`` and ``schema/`` folders under
``cchc_plan/bundled/`` (side by side, as in the repository, so that an example's
first line ``# yaml-language-server: $schema=../../schema/plan.schema.json``
finds its schema in both).
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

__all__ = ["names", "path", "root", "schema_path"]


def _bundled(folder: str) -> Path:
    installed = Path(str(files("cchc_plan").joinpath("bundled", folder)))
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[2] / folder  # a checkout (or an editable install)


def root() -> Path:
    """The folder of the examples."""
    return _bundled("examples")


def path(name: str) -> Path:
    """The path of a bundled example: ``path("loc-binh-2023/ke-hoach.yaml")``.

    Raises :class:`FileNotFoundError` naming the examples there are.
    """
    base = root()
    found = (base / name).resolve()
    if base.resolve() not in found.parents or not found.is_file():
        raise FileNotFoundError(f"không có ví dụ {name!r}; các ví dụ: {', '.join(names())}")
    return found


def names() -> list[str]:
    """Every bundled example file, as a name for :func:`path` (``loc-binh-2023/ke-hoach.yaml`` …)."""
    base = root()
    return sorted(p.relative_to(base).as_posix() for p in base.rglob("*") if p.is_file())


def schema_path(kind: str = "plan") -> Path:
    """The shipped JSON Schema file of a plan (``"plan"``) or a report (``"report"``)."""
    found = _bundled("schema") / f"{kind}.schema.json"
    if not found.is_file():
        raise FileNotFoundError(f"không có lược đồ {kind!r}; chọn plan hoặc report")
    return found
