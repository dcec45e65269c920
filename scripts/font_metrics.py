"""Write src/cchc_plan/data/serif_widths.json: advance widths of Times New Roman's metric twin.

Liberation Serif has the same advance widths as Times New Roman, glyph for glyph.
The writer uses them to size the rules under the agency name, the Tiêu ngữ and the
subject line. Needs fontTools and fonts-liberation2 (development only):

    pip install fonttools && python scripts/font_metrics.py
"""

from __future__ import annotations

import json
from pathlib import Path

from fontTools.ttLib import TTFont

FONTS = Path("/usr/share/fonts/truetype/liberation2")
STYLES = {"regular": "LiberationSerif-Regular.ttf", "bold": "LiberationSerif-Bold.ttf",
          "italic": "LiberationSerif-Italic.ttf", "bold_italic": "LiberationSerif-BoldItalic.ttf"}
# Printable ASCII, Latin-1, Latin Extended-A/B and the Vietnamese block.
RANGES = [(0x20, 0x7E), (0xA0, 0xFF), (0x100, 0x24F), (0x1EA0, 0x1EF9), (0x2010, 0x2026)]


def main() -> None:
    out: dict[str, object] = {"units_per_em": 2048, "source": "Liberation Serif 2 (metric-compatible with Times New Roman)"}
    for style, name in STYLES.items():
        font = TTFont(FONTS / name)
        cmap = font.getBestCmap()
        hmtx = font["hmtx"]
        assert font["head"].unitsPerEm == 2048
        widths = {}
        for lo, hi in RANGES:
            for cp in range(lo, hi + 1):
                glyph = cmap.get(cp)
                if glyph is not None:
                    widths[chr(cp)] = hmtx[glyph][0]
        out[style] = widths
    target = Path(__file__).resolve().parents[1] / "src" / "cchc_plan" / "data" / "serif_widths.json"
    target.write_text(json.dumps(out, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n",
                      encoding="utf-8")
    print(f"wrote {target} ({target.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
