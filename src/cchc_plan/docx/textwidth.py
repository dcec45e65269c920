"""How wide a line of Times New Roman text prints, from the font's advance widths.

The widths (``data/serif_widths.json``) are those of Liberation Serif, which is
metric-compatible with Times New Roman; ``scripts/font_metrics.py`` makes them.
"""

from __future__ import annotations

import json
import unicodedata
from functools import cache
from importlib.resources import files

__all__ = ["text_width_pt"]


@cache
def _table() -> dict[str, object]:
    data = files("cchc_plan").joinpath("data/serif_widths.json").read_text(encoding="utf-8")
    return json.loads(data)  # type: ignore[no-any-return]


def _style(bold: bool, italic: bool) -> str:
    return {(False, False): "regular", (True, False): "bold",
            (False, True): "italic", (True, True): "bold_italic"}[(bold, italic)]


def text_width_pt(text: str, size_pt: float, *, bold: bool = False, italic: bool = False) -> float:
    """Printed width in points of ``text`` on one line at ``size_pt``."""
    table = _table()
    widths: dict[str, int] = table[_style(bold, italic)]  # type: ignore[assignment]
    em = float(table["units_per_em"])  # type: ignore[arg-type]
    fallback = widths.get("n", 1024)
    total = 0
    for ch in text:
        w = widths.get(ch)
        if w is None:  # a letter with a mark the table lacks: its base letter's width
            w = widths.get(unicodedata.normalize("NFD", ch)[0], fallback)
        total += w
    return total * size_pt / em
