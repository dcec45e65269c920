"""Lines drawn as shapes and PAGE fields — *đường kẻ vẽ và trường số trang* — found in the XML."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ._styles import w, whole

__all__ = ["SHAPE_TAGS", "page_field_runs", "shapes"]

_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
_V = "urn:schemas-microsoft-com:vml"
_O = "urn:schemas-microsoft-com:office:office"
_EMU_PER_PT = 12700


_LENGTH = re.compile(r"^\s*(-?[\d.]+)\s*(pt|in|cm|mm|px|pc|emu)?\s*$")
_UNIT_PT = {"pt": 1.0, "in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4, "px": 0.75, "pc": 12.0,
            "emu": 1 / _EMU_PER_PT, None: 0.75}


def _length_pt(value: str | None) -> float | None:
    if not value or len(value) > 64:  # a length is short (and the pattern is not linear in spaces)
        return None
    m = _LENGTH.match(value)
    if not m:
        return None
    try:
        return float(m.group(1)) * _UNIT_PT[m.group(2)]
    except ValueError:
        return None


def _drawn(p: Any) -> Iterator[tuple[Any, Any | None]]:
    """The shape elements under ``p`` with their nearest ``wp:inline``/``wp:anchor`` (one pass).

    ``mc:Fallback`` copies are skipped whole, so a shape is found once however deep it sits.
    """
    wanted = (_WSP, _V_LINE, _V_SHAPE)
    stack: list[tuple[Iterator[Any], Any | None]] = [(iter(p), None)]
    while stack:
        children, anchor = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            continue
        tag = child.tag
        if not isinstance(tag, str) or tag == _FALLBACK:
            continue
        if tag in wanted:
            yield child, anchor
        stack.append((iter(child), child if tag in _ANCHORS else anchor))


_WSP = f"{{{_WPS}}}wsp"
_V_LINE = f"{{{_V}}}line"
_V_SHAPE = f"{{{_V}}}shape"
_FALLBACK = f"{{{_MC}}}Fallback"
_ANCHORS = (f"{{{_WP}}}inline", f"{{{_WP}}}anchor")
SHAPE_TAGS = (_WSP, _V_LINE, _V_SHAPE)
"""The elements :func:`shapes` looks at: a paragraph holding none of them draws no line."""


def shapes(p: Any) -> tuple[float | None, ...]:
    """Horizontal lines drawn in the paragraph (DrawingML or VML), their lengths in pt."""
    found = list(_drawn(p))
    kinds = {_WSP: 0, _V_LINE: 1, _V_SHAPE: 2}
    found.sort(key=lambda item: kinds[item[0].tag])  # DrawingML first, then VML lines, then shapes
    out: list[float | None] = []
    for shape, anchor in found:
        if shape.tag == _WSP:
            geometry = shape.find(f"{{{_WPS}}}spPr/{{{_A}}}prstGeom")
            connector = shape.find(f"{{{_WPS}}}cNvCnPr") is not None
            if not connector and (geometry is None or geometry.get("prst") not in
                                  ("line", "straightConnector1")):
                continue
            extent = anchor.find(f"{{{_WP}}}extent") if anchor is not None else None
            if extent is None:
                out.append(None)
                continue
            cx = whole(extent.get("cx")) or 0
            cy = whole(extent.get("cy")) or 0
            if cx >= cy:
                out.append(cx / _EMU_PER_PT)
        elif shape.tag == _V_LINE:
            start = (shape.get("from") or "0,0").split(",")
            end = (shape.get("to") or "0,0").split(",")
            x1, y1 = _length_pt(start[0]), _length_pt(start[1] if len(start) > 1 else "0")
            x2, y2 = _length_pt(end[0]), _length_pt(end[1] if len(end) > 1 else "0")
            if None in (x1, y1, x2, y2):
                out.append(None)
            elif abs((x2 or 0) - (x1 or 0)) >= abs((y2 or 0) - (y1 or 0)):
                out.append(abs((x2 or 0) - (x1 or 0)))
        else:
            if shape.get(f"{{{_O}}}connectortype") is None and shape.get("type") != "#_x0000_t32":
                continue
            style = dict(part.split(":", 1) for part in (shape.get("style") or "").split(";")
                         if ":" in part)
            width = _length_pt(style.get("width"))
            height = _length_pt(style.get("height")) or 0.0
            if width is None or width >= height:
                out.append(width)
    return tuple(out)


def page_field_runs(p: Any) -> list[Any] | None:
    """The runs showing a PAGE field's result in ``p`` (``[]`` when it shows none), or ``None``.

    A complex field is read as the sequence of its parts, whichever runs hold them: Word puts
    each ``w:fldChar`` and the ``w:instrText`` in a run of its own, other writers put the whole
    field (begin, code, separate, result, end) in a single ``w:r`` — both are valid OOXML.
    """
    for simple in p.iter(w("fldSimple")):
        if _is_page(simple.get(w("instr")) or ""):
            return list(simple.iter(w("r")))
    # (run, kind): kind is begin/separate/end, "code" for field code, "text" for shown text.
    parts: list[tuple[Any, str, str]] = []
    for r in p.iter(w("r")):
        for child in r:
            if child.tag == w("fldChar"):
                parts.append((r, child.get(w("fldCharType")) or "", ""))
            elif child.tag == w("instrText"):
                parts.append((r, "code", child.text or ""))
            elif child.tag == w("t"):
                parts.append((r, "text", child.text or ""))
    i = 0
    while i < len(parts):
        if parts[i][1] != "begin":
            i += 1
            continue
        begin_run = parts[i][0]
        code: list[str] = []
        result: list[Any] = []
        state = "code"
        depth = 0
        j = i + 1
        while j < len(parts):
            run, kind, text = parts[j]
            if kind == "begin":
                depth += 1
            elif kind == "end":
                if depth == 0:
                    break
                depth -= 1
            elif kind == "separate" and depth == 0:
                state = "result"
            elif kind == "code" and state == "code" and depth == 0:
                code.append(text)
            elif kind == "text" and state == "result" and (not result or result[-1] is not run):
                result.append(run)
            j += 1
        if _is_page("".join(code)):
            return result or [begin_run]
        i = j + 1
    return None


def _is_page(code: str) -> bool:
    words = code.split()
    return bool(words) and words[0].upper() == "PAGE"
