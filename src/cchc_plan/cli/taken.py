"""The one refusal every command gives before it writes: the output is already there."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["taken"]


def taken(path: Path, *, force: bool) -> str | None:
    """Why ``path`` may not be written (it exists, or a link is there: never written through), unless ``force``."""
    if force or not os.path.lexists(path):
        return None
    return f"{path} đã có; dùng --force để ghi đè"
