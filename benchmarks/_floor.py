"""The floor: plain python-docx writing the same paragraphs and table as a plan, no ND30 logic.

Imports python-docx only, so that a process running it pays for nothing else.
"""

from __future__ import annotations

from pathlib import Path

import docx


def floor(t: dict[str, object], target: Path) -> None:
    """Plain python-docx: the same paragraphs and the same table, no formatting logic."""
    d = docx.Document()
    head = d.add_table(rows=1, cols=2)
    left, right = head.rows[0].cells
    left.text = "\n".join(t["header_left"])  # type: ignore[arg-type]
    right.text = "\n".join(t["header_right"])  # type: ignore[arg-type]
    for line in t["title"]:  # type: ignore[attr-defined]
        d.add_paragraph(line)
    for text in t["body"]:  # type: ignore[attr-defined]
        d.add_paragraph(text)
    end = d.add_table(rows=1, cols=2)
    left, right = end.rows[0].cells
    left.text = "\n".join(t["end_left"])  # type: ignore[arg-type]
    right.text = "\n".join(t["end_right"])  # type: ignore[arg-type]
    d.add_section()
    for line in t["appendix"]:  # type: ignore[attr-defined]
        d.add_paragraph(line)
    rows = t["rows"]
    table = d.add_table(rows=len(rows), cols=len(rows[0]))  # type: ignore[arg-type]
    for row, values in zip(table.rows, rows, strict=True):  # type: ignore[arg-type]
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    d.save(str(target))
