"""The command line — *dòng lệnh* ``cchc-plan``: one module per command group."""

from __future__ import annotations

from .app import main

__all__ = ["main"]
