"""How wide a line of Times New Roman text prints, from the font's advance widths.

The widths (``data/serif_widths.json``) are those of Liberation Serif, which is
metric-compatible with Times New Roman; ``scripts/font_metrics.py`` makes them.
"""

from __future__ import annotations

import json
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

__all__ = ["text_width_pt"]


@cache
def _table() -> dict[str, object]:
    data = (Path(__file__).resolve().parents[1] / "data" / "serif_widths.json").read_text(encoding="utf-8")
    return json.loads(data)  # type: ignore[no-any-return]


_STYLES = {(False, False): "regular", (True, False): "bold", (False, True): "italic", (True, True): "bold_italic"}


def text_width_pt(text: str, size_pt: float, *, bold: bool = False, italic: bool = False) -> float:
    """Printed width in points of ``text`` on one line at ``size_pt``."""
    return _units(text, _STYLES[bold, italic]) * size_pt / _em()


@cache
def _em() -> float:
    return float(_table()["units_per_em"])  # type: ignore[arg-type]


@lru_cache(maxsize=1 << 16)
def _units(text: str, style: str) -> int:
    """The advance widths of ``text`` added up, in font units (the same words recur in a table's cells)."""
    widths: dict[str, int] = _table()[style]  # type: ignore[assignment]
    fallback = widths.get("n", 1024)
    total = 0
    for ch in text:
        w = widths.get(ch)
        if w is None:  # a letter with a mark the table lacks: its base letter's width
            w = widths.get(unicodedata.normalize("NFD", ch)[0], fallback)
        total += w
    return total
