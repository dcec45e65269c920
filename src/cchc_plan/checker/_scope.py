"""Whether Nghị định 30/2020 applies to a document at all — *phạm vi áp dụng*.

The decree governs the administrative documents of state bodies (Điều 2). A document of
the Party carries "ĐẢNG CỘNG SẢN VIỆT NAM" where a state document has the Quốc hiệu, and
follows its own rules (Quy định 66-QĐ/TW, Hướng dẫn 36-HD/VPTW): checking it against the
decree would only list the differences between the two systems.
"""

from __future__ import annotations

from ._document import Doc, Line, Segment
from ._structure import Layout, fuzzy

__all__ = ["party_heading"]

PARTY_HEADING = "ĐẢNG CỘNG SẢN VIỆT NAM"
_SCAN = 40


def party_heading(doc: Doc, found: Layout) -> tuple[Line, Segment] | None:
    """The "ĐẢNG CỘNG SẢN VIỆT NAM" line of a Party document's header (``None`` for any other)."""
    if found.national is not None:
        return None
    wanted = fuzzy(PARTY_HEADING)
    for para in doc.paras[:_SCAN]:
        for line in para.lines:
            for segment in line.segments:
                if fuzzy(segment.text) == wanted:
                    return line, segment
    return None
