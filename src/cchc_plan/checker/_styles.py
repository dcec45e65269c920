"""Resolved run and paragraph formatting — *định dạng thực tế của chữ và đoạn văn*.

What Word shows comes from several layers, lowest first: the document defaults
(``w:docDefaults``), the table style, the paragraph style and its ``basedOn``
chain, the numbering level (indents), the run (character) style, and the
direct formatting. Fonts named by theme (``w:asciiTheme`` …) are looked up in
the theme part's major/minor fonts. Bold, italic and caps are toggle properties
(ECMA-376 Part 1, §17.7.3): the styles that set them toggle each other, direct
formatting sets them outright.
"""

from __future__ import annotations

import functools
from typing import Any

import attrs

from ._package import etree

__all__ = ["ParaProps", "RunProps", "StyleSheet", "w"]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
_MAX_CHAIN = 30


@functools.cache  # called for every element the reader looks at: the few names are made once
def w(tag: str) -> str:
    """``w:tag`` in Clark notation."""
    return f"{{{W_NS}}}{tag}"


_SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")
_THEME_ATTR = {"ascii": "asciiTheme", "hAnsi": "hAnsiTheme", "eastAsia": "eastAsiaTheme",
               "cs": "cstheme"}
_TOGGLES = ("b", "i", "caps")
_FALSE = {"0", "false", "off", "none"}


def _on(element: Any) -> bool:
    value = element.get(w("val"))
    return value is None or value.lower() not in _FALSE


def whole(value: str | None) -> int | None:
    """An attribute's number, rounded (``None`` when absent or not a number)."""
    if value is None:
        return None
    try:
        return round(float(value))
    except (ValueError, OverflowError):  # not a number, or "1e400" / "inf"
        return None


@attrs.frozen(kw_only=True)
class RunProps:
    """A run's formatting as shown — *định dạng chữ*."""

    fonts: dict[str, str | None]
    """Slot (``ascii``, ``hAnsi``, ``eastAsia``, ``cs``) → font name (``None``: not declared)."""
    hint: str | None
    complex: bool
    """Complex-script run (``w:cs`` or ``w:rtl``): its text uses the ``cs`` slot."""
    size_pt: float
    size_declared: bool
    bold: bool
    italic: bool
    caps: bool
    underline: str | None
    color: str | None
    hidden: bool

    def fonts_of(self, text: str) -> frozenset[str | None]:
        """The fonts the non-space characters of ``text`` are shown in, resolved once per run.

        When every slot names the same font (as documents nearly always declare them), the answer
        needs no look at the characters beyond "is there one"; otherwise each distinct character
        is resolved once, not each occurrence.
        """
        if not text.strip():  # no character with ink (``strip`` takes off what ``isspace`` says)
            return frozenset()
        uniform = self.uniform_fonts()
        if uniform is not None:
            return uniform
        return frozenset(self.font_for(ch) for ch in {ch for ch in text if not ch.isspace()})

    def uniform_fonts(self) -> frozenset[str | None] | None:
        """The fonts of any text with ink in this run when they do not depend on its characters
        (a complex-script run, or one whose slots name one font), else ``None``."""
        if self.complex:
            return frozenset((self.fonts["cs"],))
        distinct = {self.fonts["ascii"], self.fonts["hAnsi"], self.fonts["eastAsia"]}  # "cs": complex runs only
        if len(distinct) == 1:
            return frozenset(distinct)
        return None

    def font_for(self, ch: str) -> str | None:
        """The font the character is shown in (ECMA-376 Part 1, §17.3.2.26)."""
        if self.complex:
            return self.fonts["cs"]
        code = ord(ch)
        if code < 0x80:
            return self.fonts["ascii"]
        if self.hint == "eastAsia" and (0xA0 <= code <= 0x24F or 0x1E00 <= code <= 0x1EFF
                                        or 0x2000 <= code <= 0x2BFF):
            return self.fonts["eastAsia"]
        if 0x2E80 <= code <= 0xD7FF or 0xF900 <= code <= 0xFAFF or 0xFF00 <= code <= 0xFFEF:
            return self.fonts["eastAsia"]
        return self.fonts["hAnsi"]


@attrs.frozen(kw_only=True)
class ParaProps:
    """A paragraph's formatting as shown — *định dạng đoạn văn* (lengths in twips)."""

    style_id: str | None
    jc: str
    ind_left: int
    ind_right: int
    first_line: int
    """First-line indent (negative: hanging)."""
    before: int
    after: int
    before_auto: bool
    after_auto: bool
    line: int
    line_rule: str
    contextual: bool
    border_bottom: bool
    border_top: bool
    center_tab: bool
    numbered: bool


class StyleSheet:
    """The styles, theme fonts and numbering of one document."""

    def __init__(self, styles: Any | None, theme: Any | None, numbering: Any | None) -> None:
        self.styles: dict[str, Any] = {}
        self.default_style: dict[str, str] = {}
        self.doc_rpr: dict[str, Any] = {}
        self.doc_ppr: dict[str, Any] = {}
        self.theme_fonts = _theme_fonts(theme)
        self.numbering = numbering
        if styles is not None:
            for style in styles.iter(w("style")):
                sid = style.get(w("styleId"))
                if sid is None:
                    continue
                self.styles.setdefault(sid, style)
                kind = style.get(w("type")) or "paragraph"
                if style.get(w("default")) in ("1", "true", "on") and kind not in self.default_style:
                    self.default_style[kind] = sid
            defaults = styles.find(w("docDefaults"))
            if defaults is not None:
                self.doc_rpr = _rpr_layer(defaults.find(f"{w('rPrDefault')}/{w('rPr')}"))
                self.doc_ppr = _ppr_layer(defaults.find(f"{w('pPrDefault')}/{w('pPr')}"))
        self._chains: dict[tuple[str, str], list[Any]] = {}
        self._num_cache: dict[tuple[str, str], dict[str, Any]] = {}
        # Resolved formatting by what it depends on: a document repeats a few combinations of
        # styles and direct formatting over thousands of paragraphs and runs. The caches belong
        # to the one document this sheet was read from.
        self._run_cache: dict[tuple[str | None, str | None, str | None, bytes | None], RunProps] = {}
        self._run_keyed: dict[tuple[str | None, str | None, tuple[Any, ...] | None], RunProps] = {}
        self._para_cache: dict[tuple[tuple[Any, ...] | None, str | None], ParaProps] = {}
        self._ppr_cache: dict[tuple[str | None, str | None],
                              tuple[dict[str, Any], dict[str, Any]]] = {}
        self._rpr_cache: dict[tuple[str | None, str | None, str | None],
                              tuple[dict[str, Any], dict[str, bool]]] = {}

    # ------------------------------------------------------------------ style chains

    def chain(self, style_id: str | None, kind: str) -> list[Any]:
        """The style and its ``basedOn`` ancestors, nearest first (cycles cut)."""
        if style_id is None or style_id not in self.styles:
            style_id = self.default_style.get(kind)
        if style_id is None:
            return []
        key = (style_id, kind)
        cached = self._chains.get(key)
        if cached is not None:
            return cached
        out: list[Any] = []
        seen: set[str] = set()
        current: str | None = style_id
        while current is not None and current not in seen and len(out) < _MAX_CHAIN:
            style = self.styles.get(current)
            if style is None:
                break
            seen.add(current)
            out.append(style)
            based = style.find(w("basedOn"))
            current = based.get(w("val")) if based is not None else None
        self._chains[key] = out
        return out

    def _chain_layers(self, chain: list[Any], part: str) -> dict[str, Any]:
        layer: dict[str, Any] = {}
        reader = _rpr_layer if part == "rPr" else _ppr_layer
        for style in reversed(chain):
            layer.update(reader(style.find(w(part))))
        return layer

    # ------------------------------------------------------------------ runs

    def run_props(self, p_style: str | None, r_style: str | None, table_style: str | None,
                  rpr: Any | None) -> RunProps:
        """The formatting a run shows, from every layer (worked out once per distinct run formatting)."""
        key = (p_style, r_style, table_style, etree.tostring(rpr) if rpr is not None else None)
        cached = self._run_cache.get(key)
        if cached is None:
            cached = self._run_cache[key] = self._run_props(p_style, r_style, table_style, rpr)
        return cached

    def run_props_of(self, p_style: str | None, table_style: str | None, rpr: Any | None) -> RunProps:
        """The formatting of a run with properties ``rpr`` (its first ``w:rPr``) in a paragraph of
        style ``p_style``: worked out once per distinct combination, found again by a key made of
        the ``w:rPr`` children that matter (see :func:`_rpr_key`)."""
        key = (p_style, table_style, _rpr_key(rpr) if rpr is not None else None)
        cached = self._run_keyed.get(key)
        if cached is None:
            r_style = None
            if rpr is not None:
                rs = next(rpr.iterchildren(_RSTYLE), None)
                r_style = rs.get(_VAL) if rs is not None else None
            cached = self._run_keyed[key] = self._run_props(p_style, r_style, table_style, rpr)
        return cached

    def _run_props(self, p_style: str | None, r_style: str | None, table_style: str | None,
                   rpr: Any | None) -> RunProps:
        base, style_toggles = self._style_rpr(p_style, r_style, table_style)
        direct = _rpr_layer(rpr)
        merged = dict(base)
        merged.update({k: v for k, v in direct.items() if k not in _TOGGLES})
        toggles = {key: bool(direct[key]) if key in direct else style_toggles[key]
                   for key in _TOGGLES}
        fonts = {slot: self._font(merged.get(slot)) for slot in _SLOTS}
        size = merged.get("sz")
        return RunProps(
            fonts=fonts, hint=merged.get("hint"), complex=bool(merged.get("cs_run") or merged.get("rtl")),
            size_pt=(size / 2) if isinstance(size, int) and size > 0 else 10.0,
            size_declared=isinstance(size, int) and size > 0,
            bold=toggles["b"], italic=toggles["i"], caps=toggles["caps"],
            underline=merged.get("u"), color=merged.get("color"), hidden=bool(merged.get("vanish")))

    def _style_rpr(self, p_style: str | None, r_style: str | None,
                   table_style: str | None) -> tuple[dict[str, Any], dict[str, bool]]:
        key = (p_style, r_style, table_style)
        cached = self._rpr_cache.get(key)
        if cached is not None:
            return cached
        table_layer = self._chain_layers(self.chain(table_style, "table"), "rPr") \
            if table_style is not None else {}
        para_layer = self._chain_layers(self.chain(p_style, "paragraph"), "rPr")
        char_layer = self._chain_layers(self.chain(r_style, "character"), "rPr") \
            if r_style is not None else {}
        merged: dict[str, Any] = {}
        for layer in (self.doc_rpr, table_layer, para_layer, char_layer):
            merged.update({k: v for k, v in layer.items() if k not in _TOGGLES})
        toggles: dict[str, bool] = {}
        for name in _TOGGLES:
            value = bool(self.doc_rpr.get(name, False))
            for layer in (table_layer, para_layer, char_layer):
                if layer.get(name):
                    value = not value
            toggles[name] = value
        self._rpr_cache[key] = (merged, toggles)
        return merged, toggles

    def _font(self, slot: tuple[str | None, str | None] | None) -> str | None:
        if slot is None:
            return None
        theme, name = slot
        if theme is not None:
            resolved = self.theme_fonts.get(theme)
            if resolved:
                return resolved
        return name

    # ------------------------------------------------------------------ paragraphs

    def para_props(self, ppr: Any | None, table_style: str | None) -> ParaProps:
        """The formatting a paragraph shows, from every layer (worked out once per distinct
        combination of its ``w:pPr`` — the children that matter, see :func:`_ppr_key` — and
        table style)."""
        key = (_ppr_key(ppr) if ppr is not None else None, table_style)
        cached = self._para_cache.get(key)
        if cached is None:
            cached = self._para_cache[key] = self._para_props(ppr, table_style)
        return cached

    def _para_props(self, ppr: Any | None, table_style: str | None) -> ParaProps:
        p_style = None
        if ppr is not None:
            ps = ppr.find(w("pStyle"))
            p_style = ps.get(w("val")) if ps is not None else None
        chain = self.chain(p_style, "paragraph")
        cache_key = (p_style, table_style)
        cached = self._ppr_cache.get(cache_key)
        if cached is None:
            table_layer = self._chain_layers(self.chain(table_style, "table"), "pPr") \
                if table_style is not None else {}
            cached = (table_layer, self._chain_layers(chain, "pPr"))
            self._ppr_cache[cache_key] = cached
        layers = [self.doc_ppr, cached[0]]
        style_layer = cached[1]
        layers.append(style_layer)
        direct = _ppr_layer(ppr)
        num = direct.get("num") or style_layer.get("num")
        if num is not None and num[0] not in (None, "0"):
            layers.append(self._numbering_layer(num[0], num[1] or "0"))
        layers.append(direct)
        merged: dict[str, Any] = {}
        for layer in layers:
            for key, value in layer.items():
                if key == "first_line":
                    merged.pop("first_line", None)
                merged[key] = value
        numbered = num is not None and num[0] not in (None, "0")
        return ParaProps(
            style_id=chain[0].get(w("styleId")) if chain else None,
            jc=merged.get("jc", "left"), ind_left=merged.get("ind_left", 0),
            ind_right=merged.get("ind_right", 0), first_line=merged.get("first_line", 0),
            before=merged.get("before", 0), after=merged.get("after", 0),
            before_auto=bool(merged.get("before_auto")), after_auto=bool(merged.get("after_auto")),
            line=merged.get("line", 240), line_rule=merged.get("line_rule", "auto"),
            contextual=bool(merged.get("contextual")), border_bottom=bool(merged.get("bdr_bottom")),
            border_top=bool(merged.get("bdr_top")), center_tab=bool(merged.get("center_tab")),
            numbered=numbered)

    def para_style_id(self, ppr: Any | None) -> str | None:
        """The paragraph's style id (the default paragraph style when none is named)."""
        p_style = None
        if ppr is not None:
            ps = ppr.find(w("pStyle"))
            p_style = ps.get(w("val")) if ps is not None else None
        chain = self.chain(p_style, "paragraph")
        return chain[0].get(w("styleId")) if chain else None

    def _numbering_layer(self, num_id: str, level: str) -> dict[str, Any]:
        key = (num_id, level)
        if key in self._num_cache:
            return self._num_cache[key]
        layer: dict[str, Any] = {}
        root = self.numbering
        if root is not None:
            abstract_id = None
            for num in root.iter(w("num")):
                if num.get(w("numId")) == num_id:
                    ref = num.find(w("abstractNumId"))
                    abstract_id = ref.get(w("val")) if ref is not None else None
                    for override in num.iter(w("lvlOverride")):
                        if override.get(w("ilvl")) == level:
                            lvl = override.find(w("lvl"))
                            if lvl is not None:
                                layer = _ppr_layer(lvl.find(w("pPr")))
                    break
            if not layer and abstract_id is not None:
                for abstract in root.iter(w("abstractNum")):
                    if abstract.get(w("abstractNumId")) == abstract_id:
                        for lvl in abstract.iter(w("lvl")):
                            if lvl.get(w("ilvl")) == level:
                                layer = _ppr_layer(lvl.find(w("pPr")))
                        break
        layer = {k: v for k, v in layer.items() if k in ("ind_left", "ind_right", "first_line")}
        self._num_cache[key] = layer
        return layer


# --------------------------------------------------------------------------- layers


def _theme_fonts(theme: Any | None) -> dict[str, str]:
    out: dict[str, str] = {}
    if theme is None:
        return out
    for scheme, prefix in (("majorFont", "major"), ("minorFont", "minor")):
        for font in theme.iter(f"{{{_A_NS}}}{scheme}"):
            for tag, names in (("latin", ("Ascii", "HAnsi")), ("ea", ("EastAsia",)),
                               ("cs", ("Bidi",))):
                element = font.find(f"{{{_A_NS}}}{tag}")
                face = element.get("typeface") if element is not None else None
                if face:
                    for name in names:
                        out[prefix + name] = face
            break
    return out


_RPR_TAGS = {w(tag): tag for tag in ("rFonts", *_TOGGLES, "vanish", "cs", "rtl", "sz", "u", "color")}
_FONT_ATTRS = tuple((slot, w(slot), w(_THEME_ATTR[slot])) for slot in _SLOTS)
_VAL = w("val")
_HINT = w("hint")
_FLAG_KEYS = {"vanish": "vanish", "cs": "cs_run", "rtl": "rtl", "b": "b", "i": "i", "caps": "caps"}


_RSTYLE = w("rStyle")
_RFONTS = w("rFonts")
_RPR_VALUED = frozenset((*(tag for tag in _RPR_TAGS if tag != _RFONTS), _RSTYLE))
"""The ``w:rPr`` children of which only ``w:val`` is read."""
_PPR_VALUED = frozenset(w(tag) for tag in ("pStyle", "jc", "contextualSpacing"))
_PPR_ATTRS = frozenset(w(tag) for tag in ("ind", "spacing"))
_PPR_NESTED = frozenset(w(tag) for tag in ("pBdr", "tabs", "numPr"))


def _rpr_key(rpr: Any) -> tuple[Any, ...]:
    """What a run's formatting depends on in its ``w:rPr``: the children :func:`_rpr_layer` and
    the character style read, in order, with the attributes read (cheaper than serialising the
    XML, and the same for two ``w:rPr`` that differ only in what is not read)."""
    out: list[Any] = []
    for child in rpr:
        tag = child.tag
        if tag in _RPR_VALUED:
            out.append((tag, child.get(_VAL)))
        elif tag == _RFONTS:
            out.append((tag, tuple(child.items())))
    return tuple(out)


def _ppr_key(ppr: Any) -> tuple[Any, ...]:
    """What a paragraph's formatting depends on in its ``w:pPr``: the style and the children
    :func:`_ppr_layer` reads, with the attributes read (those holding elements, whole)."""
    out: list[Any] = []
    for child in ppr:
        tag = child.tag
        if tag in _PPR_VALUED:
            out.append((tag, child.get(_VAL)))
        elif tag in _PPR_ATTRS:
            out.append((tag, tuple(child.items())))
        elif tag in _PPR_NESTED:
            out.append((tag, tuple((e.tag, tuple(e.items())) for e in child.iter())))
    return tuple(out)


def _rpr_layer(rpr: Any | None) -> dict[str, Any]:
    layer: dict[str, Any] = {}
    if rpr is None:
        return layer
    for child in rpr:
        tag = _RPR_TAGS.get(child.tag)
        if tag is None:
            continue
        if tag == "rFonts":
            for slot, plain, theme_attr in _FONT_ATTRS:
                theme = child.get(theme_attr)
                name = child.get(plain)
                if theme is not None or name is not None:
                    layer[slot] = (theme, name)
            hint = child.get(_HINT)
            if hint is not None:
                layer["hint"] = hint
        elif tag in _FLAG_KEYS:
            layer[_FLAG_KEYS[tag]] = _on(child)
        elif tag == "sz":
            value = whole(child.get(_VAL))
            if value is not None:
                layer["sz"] = value
        elif tag == "u":
            layer["u"] = child.get(_VAL) or "single"
        elif tag == "color" and child.get(_VAL):
            layer["color"] = child.get(_VAL)
    return layer


def _ppr_layer(ppr: Any | None) -> dict[str, Any]:
    layer: dict[str, Any] = {}
    if ppr is None:
        return layer
    jc = ppr.find(w("jc"))
    if jc is not None and jc.get(w("val")):
        layer["jc"] = jc.get(w("val"))
    ind = ppr.find(w("ind"))
    if ind is not None:
        for key, names in (("ind_left", ("left", "start")), ("ind_right", ("right", "end"))):
            for name in names:
                value = whole(ind.get(w(name)))
                if value is not None:
                    layer[key] = value
                    break
        first = whole(ind.get(w("firstLine")))
        hanging = whole(ind.get(w("hanging")))
        if hanging is not None:
            layer["first_line"] = -hanging
        elif first is not None:
            layer["first_line"] = first
    spacing = ppr.find(w("spacing"))
    if spacing is not None:
        for key, name in (("before", "before"), ("after", "after"), ("line", "line")):
            value = whole(spacing.get(w(name)))
            if value is not None:
                layer[key] = value
        for key, name in (("before_auto", "beforeAutospacing"), ("after_auto", "afterAutospacing")):
            value = spacing.get(w(name))
            if value is not None:
                layer[key] = value.lower() not in _FALSE
        rule = spacing.get(w("lineRule"))
        if rule is not None:
            layer["line_rule"] = rule
        elif "line" in layer:
            layer["line_rule"] = "auto"
    contextual = ppr.find(w("contextualSpacing"))
    if contextual is not None:
        layer["contextual"] = _on(contextual)
    borders = ppr.find(w("pBdr"))
    if borders is not None:
        for side in ("bottom", "top"):
            edge = borders.find(w(side))
            if edge is not None:
                layer[f"bdr_{side}"] = (edge.get(w("val")) or "nil") not in ("nil", "none")
    tabs = ppr.find(w("tabs"))
    if tabs is not None:
        layer["center_tab"] = any(t.get(w("val")) == "center" for t in tabs.iter(w("tab")))
    num = ppr.find(w("numPr"))
    if num is not None:
        num_id = num.find(w("numId"))
        level = num.find(w("ilvl"))
        layer["num"] = (num_id.get(w("val")) if num_id is not None else None,
                        level.get(w("val")) if level is not None else None)
    return layer
