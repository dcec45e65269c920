"""Re-exports of a package, each imported on first use so that the command line starts fast."""

from __future__ import annotations

import importlib
import sys
import types
from collections.abc import Callable
from typing import Any

__all__ = ["keep_exports", "lazy_exports"]


def lazy_exports(package: str, exports: dict[str, str], namespace: dict[str, Any], *,
                 submodules: frozenset[str] = frozenset()) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``package``: ``exports`` maps a name to its submodule;
    each of ``submodules`` is reached as ``package.NAME`` without importing it first."""

    def __getattr__(name: str) -> Any:
        if name in submodules:
            return importlib.import_module(f".{name}", package)  # the import system also sets the attribute
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f".{module}", package), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*namespace.get("__all__", ()), *exports, *submodules})

    return __getattr__, __dir__


class _Package(types.ModuleType):
    """A package whose exported functions keep their names when a submodule of the same name is imported."""

    _kept: frozenset[str] = frozenset()

    def __setattr__(self, name: str, value: Any) -> None:
        if name in type(self)._kept and isinstance(value, types.ModuleType):
            return  # the import system naming the submodule: it stays in sys.modules, the function keeps the name
        super().__setattr__(name, value)


def keep_exports(package: str, names: frozenset[str]) -> None:
    """Keep ``package.NAME`` the exported function for each of ``names`` (``cchc_plan.render``, the function,
    not the module ``cchc_plan.render``, which ``from cchc_plan.render import …`` still reaches)."""
    module = sys.modules[package]
    kept = type("Package", (_Package,), {"_kept": names, "__doc__": _Package.__doc__})
    module.__class__ = kept
    for name in names:
        if isinstance(module.__dict__.get(name), types.ModuleType):
            del module.__dict__[name]
